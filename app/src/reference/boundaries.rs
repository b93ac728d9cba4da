//! Reading ONS-style boundary GeoJSON: local authorities (`LADyyCD`/`LADyyNM`/`LADyyNMW`) and
//! electoral wards (`WDyyCD`/`WDyyNM`/`WDyyNMW`, any year). Ward files need not say their local
//! authority: it is taken from a `LADyyCD` property, else a file named after the authority's
//! code, else the authority whose outline contains the ward.

use crate::reference::Names;
use geo::{Contains, InteriorPoint, MultiPolygon};

/// One boundary read from a file, with its geometry as compact GeoJSON text.
#[derive(Debug, Clone)]
pub struct Boundary {
    pub kind: BoundaryKind,
    pub code: String,
    pub name: Names,
    /// For wards: the local authority named by the file, if any.
    pub lad_code: Option<String>,
    pub geometry_json: String,
    pub shape: MultiPolygon<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundaryKind {
    LocalAuthority,
    Ward,
}

/// Finds `PREFIXyySUFFIX` (e.g. `WD13CD`) among a feature's property names.
fn property<'a>(
    props: &'a serde_json::Map<String, serde_json::Value>,
    prefix: &str,
    suffix: &str,
) -> Option<&'a str> {
    props.iter().find_map(|(k, v)| {
        let mid = k.strip_prefix(prefix)?.strip_suffix(suffix)?;
        (mid.len() == 2 && mid.chars().all(|c| c.is_ascii_digit())).then(|| v.as_str()).flatten()
    })
}

pub fn to_multipolygon(geometry: geo::Geometry<f64>) -> Option<MultiPolygon<f64>> {
    match geometry {
        geo::Geometry::Polygon(p) => Some(MultiPolygon(vec![p])),
        geo::Geometry::MultiPolygon(mp) => Some(mp),
        _ => None,
    }
}

/// Parses GeoJSON text (a FeatureCollection) into boundaries. `file_stem` is the file's name
/// without extension, used as the local authority of wards when it is one's code.
pub fn parse(text: &str, file_stem: &str) -> Result<Vec<Boundary>, String> {
    let geojson: geojson::GeoJson = text.parse().map_err(|e| format!("not GeoJSON: {e}"))?;
    let collection = match geojson {
        geojson::GeoJson::FeatureCollection(fc) => fc,
        _ => return Err("expected a FeatureCollection".into()),
    };
    let stem_is_lad = file_stem.len() == 9
        && file_stem.starts_with('W')
        && file_stem[1..].chars().all(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    for (i, feature) in collection.features.into_iter().enumerate() {
        let props = feature.properties.clone().unwrap_or_default();
        let (kind, code, en, cy) = if let Some(code) = property(&props, "WD", "CD") {
            (BoundaryKind::Ward, code, property(&props, "WD", "NM"), property(&props, "WD", "NMW"))
        } else if let Some(code) = property(&props, "LAD", "CD") {
            (
                BoundaryKind::LocalAuthority,
                code,
                property(&props, "LAD", "NM"),
                property(&props, "LAD", "NMW"),
            )
        } else {
            return Err(format!("feature {i}: no WDyyCD or LADyyCD property"));
        };
        let en = en.ok_or_else(|| format!("feature {i} ({code}): no English name property"))?;
        let lad_code = match kind {
            BoundaryKind::Ward => property(&props, "LAD", "CD")
                .map(str::to_string)
                .or_else(|| stem_is_lad.then(|| file_stem.to_string())),
            BoundaryKind::LocalAuthority => None,
        };
        let geometry = feature.geometry.ok_or_else(|| format!("feature {i} ({code}): no geometry"))?;
        let geometry_json = serde_json::to_string(&geometry).map_err(|e| e.to_string())?;
        let shape: geo::Geometry<f64> =
            geometry.try_into().map_err(|e| format!("feature {i} ({code}): {e}"))?;
        let shape = to_multipolygon(shape).ok_or_else(|| format!("feature {i} ({code}): not a polygon"))?;
        out.push(Boundary {
            kind,
            code: code.to_string(),
            name: Names::new(en, cy.unwrap_or("")),
            lad_code,
            geometry_json,
            shape,
        });
    }
    Ok(out)
}

/// The local authority whose outline contains the ward's interior point.
pub fn containing_authority<'a>(
    ward: &MultiPolygon<f64>,
    authorities: &'a [(String, MultiPolygon<f64>)],
) -> Option<&'a str> {
    let point = ward.interior_point()?;
    authorities.iter().find(|(_, shape)| shape.contains(&point)).map(|(code, _)| code.as_str())
}

/// Parses stored GeoJSON geometry text.
pub fn parse_geometry(text: &str) -> Result<MultiPolygon<f64>, String> {
    let geometry: geojson::Geometry = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let shape: geo::Geometry<f64> = geometry.try_into().map_err(|e: geojson::Error| e.to_string())?;
    to_multipolygon(shape).ok_or_else(|| "not a polygon".to_string())
}
