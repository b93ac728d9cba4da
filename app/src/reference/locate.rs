//! "Which ward, neighbourhood and CSP contains this point?" answered from memory: an R-tree of
//! ward bounding boxes narrows the candidates, then an exact point-in-polygon test decides.

use crate::{
    db::reference::WardShapeRow,
    reference::{boundaries, Coordinates, Location},
};
use geo::{BoundingRect, InteriorPoint, Intersects, MultiPolygon, Point, Simplify};
use rstar::{primitives::GeomWithData, primitives::Rectangle, RTree, AABB};

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

struct IndexedWard {
    location: Location,
    shape: MultiPolygon<f64>,
    /// A point inside the ward: where a report placed by ward name (not by a point) is shown.
    inside: Point<f64>,
}

pub struct WardIndex {
    tree: RTree<Entry>,
    wards: Vec<IndexedWard>,
    by_code: std::collections::HashMap<String, usize>,
    /// Each neighbourhood's bordering neighbourhoods, worked out once when first asked.
    bordering: std::sync::OnceLock<std::collections::HashMap<i64, Vec<i64>>>,
}

impl WardIndex {
    pub fn build(rows: Vec<WardShapeRow>) -> Result<WardIndex, String> {
        let mut wards = Vec::with_capacity(rows.len());
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            let shape = boundaries::parse_geometry(&row.geometry)
                .map_err(|e| format!("ward {}: {e}", row.location.ward.code))?;
            let Some(rect) = shape.bounding_rect() else { continue };
            let envelope =
                Rectangle::from_corners([rect.min().x, rect.min().y], [rect.max().x, rect.max().y]);
            entries.push(GeomWithData::new(envelope, wards.len()));
            let inside = shape.interior_point().unwrap_or_else(|| rect.center().into());
            wards.push(IndexedWard { location: row.location, shape, inside });
        }
        let by_code = wards.iter().enumerate().map(|(i, w)| (w.location.ward.code.clone(), i)).collect();
        Ok(WardIndex { tree: RTree::bulk_load(entries), wards, by_code, bordering: Default::default() })
    }

    /// The routing of a ward chosen by name rather than by a point.
    pub fn ward(&self, code: &str) -> Option<&Location> {
        self.by_code.get(code).map(|&i| &self.wards[i].location)
    }

    /// A point inside the ward, as (lat, lon).
    pub fn inside_point(&self, code: &str) -> Option<(f64, f64)> {
        self.by_code.get(code).map(|&i| (self.wards[i].inside.y(), self.wards[i].inside.x()))
    }

    /// The wards of a local authority as a GeoJSON FeatureCollection (properties `code`,
    /// `name`), simplified to about 10 m and rounded to 5 decimal places (about 1 m): what
    /// the report form's map draws, so a resident can see the wards even when tiles fail.
    pub fn area_outlines(&self, lad_code: &str, lang: crate::i18n::Lang) -> String {
        self.outlines(|w| w.location.local_authority_code == lad_code, lang)
    }

    /// These wards (by code; unknown codes are skipped) as `area_outlines` draws them: what a
    /// survey's place question maps, its campaign's wards.
    pub fn ward_outlines(&self, codes: &[&str], lang: crate::i18n::Lang) -> String {
        self.outlines(|w| codes.contains(&w.location.ward.code.as_str()), lang)
    }

    fn outlines(&self, keep: impl Fn(&IndexedWard) -> bool, lang: crate::i18n::Lang) -> String {
        let round = |v: f64| (v * 1e5).round() / 1e5;
        let features: Vec<geojson::Feature> = self
            .wards
            .iter()
            .filter(|w| keep(w))
            .map(|w| {
                let simple = w.shape.simplify(&0.0001);
                let polygons: Vec<geojson::PolygonType> = simple
                    .0
                    .iter()
                    .map(|p| {
                        std::iter::once(p.exterior())
                            .chain(p.interiors())
                            .map(|ring| ring.0.iter().map(|c| vec![round(c.x), round(c.y)]).collect())
                            .collect()
                    })
                    .collect();
                let mut properties = serde_json::Map::new();
                properties.insert("code".into(), w.location.ward.code.clone().into());
                properties.insert("name".into(), w.location.ward.name.get(lang).into());
                geojson::Feature {
                    geometry: Some(geojson::Geometry::new(geojson::Value::MultiPolygon(polygons))),
                    properties: Some(properties),
                    ..Default::default()
                }
            })
            .collect();
        geojson::FeatureCollection { features, bbox: None, foreign_members: None }.to_string()
    }

    /// A point in the ward drawn by `next` (uniform numbers in [0, 1)): uniform over the ward's
    /// area (rejection sampling in its bounding box), or the inside point after 50 misses.
    pub fn random_point(&self, code: &str, mut next: impl FnMut() -> f64) -> Option<(f64, f64)> {
        let ward = &self.wards[*self.by_code.get(code)?];
        let rect = ward.shape.bounding_rect()?;
        for _ in 0..50 {
            let p = Point::new(rect.min().x + next() * rect.width(), rect.min().y + next() * rect.height());
            if ward.shape.intersects(&p) {
                return Some((p.y(), p.x()));
            }
        }
        Some((ward.inside.y(), ward.inside.x()))
    }

    /// The outlines of the wards of these neighbourhoods (ward name, simplified shape), for a
    /// profile's map.
    pub fn neighbourhood_outlines(
        &self,
        neighbourhoods: &[i64],
        lang: crate::i18n::Lang,
    ) -> Vec<(String, MultiPolygon<f64>)> {
        self.wards
            .iter()
            .filter(|w| neighbourhoods.contains(&w.location.neighbourhood_id))
            .map(|w| (w.location.ward.name.get(lang).to_string(), w.shape.simplify(&0.0002)))
            .collect()
    }

    /// The wards of CSP `csp_id` as (their neighbourhood's public slug, simplified shape), for
    /// the tension map.
    pub fn csp_ward_shapes(&self, csp_id: i64) -> Vec<(String, MultiPolygon<f64>)> {
        self.wards
            .iter()
            .filter(|w| w.location.csp_id == csp_id)
            .map(|w| (w.location.neighbourhood_public_slug.clone(), w.shape.simplify(&0.0002)))
            .collect()
    }

    /// The area of a neighbourhood in square metres.
    pub fn neighbourhood_area(&self, neighbourhood: i64) -> f64 {
        use geo::ChamberlainDuquetteArea;
        self.wards
            .iter()
            .filter(|w| w.location.neighbourhood_id == neighbourhood)
            .map(|w| w.shape.chamberlain_duquette_unsigned_area())
            .sum()
    }

    /// The neighbourhoods whose wards border (or come within about 100 m of) these
    /// neighbourhoods' wards, not counting these: where displacement would show.
    pub fn neighbouring(&self, neighbourhoods: &[i64]) -> Vec<i64> {
        let bordering = self.bordering();
        let mut out: Vec<i64> = neighbourhoods
            .iter()
            .filter_map(|n| bordering.get(n))
            .flatten()
            .copied()
            .filter(|n| !neighbourhoods.contains(n))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every neighbourhood's bordering neighbourhoods (any partnership's, sorted): those with a
    /// ward that borders or comes within about 100 m of one of its wards. Worked out the first
    /// time it is asked for, then kept.
    pub fn bordering(&self) -> &std::collections::HashMap<i64, Vec<i64>> {
        self.bordering.get_or_init(|| {
            use geo::{Distance, Euclidean};
            const NEAR: f64 = 0.001; // degrees: about 110 m north-south, 70 m east-west
            let mut out: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
            for (i, w) in self.wards.iter().enumerate() {
                let id = w.location.neighbourhood_id;
                out.entry(id).or_default();
                let Some(rect) = w.shape.bounding_rect() else { continue };
                let probe = AABB::from_corners(
                    [rect.min().x - NEAR, rect.min().y - NEAR],
                    [rect.max().x + NEAR, rect.max().y + NEAR],
                );
                for entry in self.tree.locate_in_envelope_intersecting(&probe) {
                    // Each pair once: the later ward checks against the earlier.
                    if entry.data >= i {
                        continue;
                    }
                    let other = &self.wards[entry.data];
                    let other_id = other.location.neighbourhood_id;
                    if other_id == id || out.get(&id).is_some_and(|b| b.contains(&other_id)) {
                        continue;
                    }
                    if w.shape.intersects(&other.shape) || Euclidean.distance(&w.shape, &other.shape) <= NEAR
                    {
                        out.entry(id).or_default().push(other_id);
                        out.entry(other_id).or_default().push(id);
                    }
                }
            }
            for list in out.values_mut() {
                list.sort_unstable();
                list.dedup();
            }
            out
        })
    }

    /// Every ward's routing, in code order of loading.
    pub fn locations(&self) -> impl Iterator<Item = &Location> {
        self.wards.iter().map(|w| &w.location)
    }

    pub fn len(&self) -> usize {
        self.wards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.wards.is_empty()
    }

    /// The ward containing the point, or `None` outside every loaded ward. A point exactly on a
    /// shared boundary belongs to the ward with the lowest code, so the answer is stable.
    pub fn locate(&self, at: Coordinates) -> Option<&Location> {
        let point = Point::new(at.lon, at.lat);
        let probe = AABB::from_point([at.lon, at.lat]);
        self.tree
            .locate_in_envelope_intersecting(&probe)
            .map(|entry| &self.wards[entry.data])
            .filter(|ward| ward.shape.intersects(&point))
            .min_by(|a, b| a.location.ward.code.cmp(&b.location.ward.code))
            .map(|ward| &ward.location)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        i18n::Lang,
        reference::{Names, Ward},
    };

    /// A square ward one hundredth of a degree across, its south-west corner at (lat, lon).
    fn ward(code: &str, lad: &str, lat: f64, lon: f64) -> WardShapeRow {
        let (n, e) = (lat + 0.01, lon + 0.01);
        WardShapeRow {
            location: Location {
                ward: Ward {
                    code: code.into(),
                    name: Names::new(format!("{code} en"), format!("{code} cy")),
                },
                local_authority_code: lad.into(),
                neighbourhood_id: 1,
                neighbourhood_slug: "n".into(),
                neighbourhood_public_slug: "c-n".into(),
                neighbourhood_name: Names::new("n", "n"),
                csp_id: 1,
                csp_slug: "c".into(),
                csp_name: Names::new("c", "c"),
            },
            geometry: format!(
                r#"{{"type":"Polygon","coordinates":[[[{lon},{lat}],[{e},{lat}],[{e},{n}],[{lon},{n}],[{lon},{lat}]]]}}"#
            ),
        }
    }

    fn codes(outlines: &str) -> Vec<String> {
        let collection: geojson::FeatureCollection = outlines.parse().unwrap();
        collection
            .features
            .iter()
            .map(|f| f.property("code").and_then(|c| c.as_str()).unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_surveys_map_draws_only_the_wards_it_names() {
        let index = WardIndex::build(vec![
            ward("W1", "LA", 51.0, -3.0),
            ward("W2", "LA", 51.0, -2.99),
            ward("W3", "LB", 52.0, -3.0),
        ])
        .unwrap();
        assert_eq!(codes(&index.ward_outlines(&["W3", "W1", "W9"], Lang::En)), ["W1", "W3"]);
        assert!(codes(&index.ward_outlines(&[], Lang::En)).is_empty());
        assert_eq!(codes(&index.area_outlines("LA", Lang::En)), ["W1", "W2"]);
        assert!(index.ward_outlines(&["W3"], Lang::Cy).contains("W3 cy"));
    }

    #[test]
    fn bordering_neighbourhoods_share_an_edge_or_come_within_about_100_metres() {
        let mut rows = vec![
            ward("W1", "LA", 51.0, -3.0),
            ward("W2", "LA", 51.0, -2.99),
            ward("W3", "LB", 52.0, -3.0),
            // 0.0005 degrees east of W2's eastern edge (-2.98): near enough.
            ward("W4", "LA", 51.0, -2.9795),
        ];
        for (row, id) in rows.iter_mut().zip([1, 2, 3, 4]) {
            row.location.neighbourhood_id = id;
        }
        let index = WardIndex::build(rows).unwrap();
        assert_eq!(index.bordering()[&1], [2]);
        assert_eq!(index.bordering()[&2], [1, 4]);
        assert!(index.bordering()[&3].is_empty());
        assert_eq!(index.neighbouring(&[1, 2]), [4]);
        assert_eq!(index.neighbouring(&[3]), Vec::<i64>::new());
    }
}
