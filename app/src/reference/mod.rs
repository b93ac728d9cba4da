//! Reference geography: police forces, Community Safety Partnerships, local authorities,
//! neighbourhoods and electoral wards, and routing a point to the ward and CSP that contain it.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod boundaries;
#[cfg(feature = "ssr")]
pub mod locate;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod seed;

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A name in English and in Welsh.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub en: String,
    pub cy: String,
}

impl Names {
    pub fn new(en: impl Into<String>, cy: impl Into<String>) -> Self {
        Names { en: en.into(), cy: cy.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Cy if self.cy.is_empty() => &self.en,
            Lang::Cy => &self.cy,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoliceForce {
    pub slug: String,
    pub name: Names,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalAuthority {
    pub code: String,
    pub name: Names,
}

/// A Community Safety Partnership with what a resident needs to recognise it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Csp {
    pub id: i64,
    pub slug: String,
    pub name: Names,
    pub police_force: PoliceForce,
    pub local_authorities: Vec<LocalAuthority>,
    pub neighbourhood_count: i64,
    pub ward_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ward {
    pub code: String,
    pub name: Names,
}

/// The unit of engagement and tension monitoring: one ward by default, or wards a CSP grouped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbourhood {
    pub id: i64,
    /// Unique within its CSP.
    pub slug: String,
    /// Unique across Wales: its public page is `/neighbourhoods/{public_slug}`.
    pub public_slug: String,
    pub name: Names,
    pub wards: Vec<Ward>,
}

/// Where a point falls: its ward, neighbourhood and the CSP responsible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub ward: Ward,
    pub local_authority_code: String,
    pub neighbourhood_id: i64,
    pub neighbourhood_slug: String,
    /// Its public page: `/neighbourhoods/{neighbourhood_public_slug}`.
    pub neighbourhood_public_slug: String,
    pub neighbourhood_name: Names,
    pub csp_id: i64,
    pub csp_slug: String,
    pub csp_name: Names,
}

/// A WGS84 point given by a person or another system.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// Why a coordinate was refused; `parameter` names the offending input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoordinateError {
    pub parameter: &'static str,
    pub message: String,
}

impl Coordinates {
    /// Parses latitude and longitude as sent in a query string.
    pub fn parse(lat: Option<&str>, lon: Option<&str>) -> Result<Coordinates, CoordinateError> {
        let lat = parse_degrees("lat", lat, 90.0)?;
        let lon = parse_degrees("lon", lon, 180.0)?;
        Ok(Coordinates { lat, lon })
    }
}

fn parse_degrees(parameter: &'static str, value: Option<&str>, limit: f64) -> Result<f64, CoordinateError> {
    let value = value.map(str::trim).filter(|v| !v.is_empty()).ok_or_else(|| CoordinateError {
        parameter,
        message: format!("'{parameter}' is required (decimal degrees, WGS84)"),
    })?;
    let number: f64 = value.parse().map_err(|_| CoordinateError {
        parameter,
        message: format!("'{parameter}' must be a number in decimal degrees, got '{value}'"),
    })?;
    if !number.is_finite() || number.abs() > limit {
        return Err(CoordinateError {
            parameter,
            message: format!("'{parameter}' must be between -{limit} and {limit}, got '{value}'"),
        });
    }
    Ok(number)
}

/// A URL-safe identifier made from a name ("Ynys Môn" -> "ynys-mon").
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        let c = match c {
            'â' | 'á' | 'à' | 'ä' => 'a',
            'ê' | 'é' | 'è' | 'ë' => 'e',
            'î' | 'í' | 'ì' | 'ï' => 'i',
            'ô' | 'ó' | 'ò' | 'ö' => 'o',
            'û' | 'ú' | 'ù' | 'ü' => 'u',
            'ŵ' | 'ẃ' | 'ẁ' | 'ẅ' => 'w',
            'ŷ' | 'ý' | 'ỳ' | 'ÿ' => 'y',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_validated_and_name_the_parameter() {
        assert_eq!(
            Coordinates::parse(Some("51.48"), Some("-3.17")).unwrap(),
            Coordinates { lat: 51.48, lon: -3.17 }
        );
        assert_eq!(Coordinates::parse(Some("abc"), Some("-3")).unwrap_err().parameter, "lat");
        assert_eq!(Coordinates::parse(Some("51"), None).unwrap_err().parameter, "lon");
        assert_eq!(Coordinates::parse(Some("91"), Some("0")).unwrap_err().parameter, "lat");
        assert_eq!(Coordinates::parse(Some("NaN"), Some("0")).unwrap_err().parameter, "lat");
        assert_eq!(Coordinates::parse(Some("0"), Some("inf")).unwrap_err().parameter, "lon");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Ynys Môn"), "ynys-mon");
        assert_eq!(slugify("Pen-y-bont ar Ogwr"), "pen-y-bont-ar-ogwr");
        assert_eq!(slugify("St. Mary's (East)"), "st-mary-s-east");
    }

    #[test]
    fn welsh_name_falls_back_to_english_only_when_missing() {
        assert_eq!(Names::new("Cardiff", "Caerdydd").get(Lang::Cy), "Caerdydd");
        assert_eq!(Names::new("Adamsdown", "").get(Lang::Cy), "Adamsdown");
    }
}
