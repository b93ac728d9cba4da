//! "Which ward, neighbourhood and CSP contains this point?" answered from memory: an R-tree of
//! ward bounding boxes narrows the candidates, then an exact point-in-polygon test decides.

use crate::{
    db::reference::WardShapeRow,
    reference::{boundaries, Coordinates, Location},
};
use geo::{BoundingRect, Intersects, MultiPolygon, Point};
use rstar::{primitives::GeomWithData, primitives::Rectangle, RTree, AABB};

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

struct IndexedWard {
    location: Location,
    shape: MultiPolygon<f64>,
}

pub struct WardIndex {
    tree: RTree<Entry>,
    wards: Vec<IndexedWard>,
    by_code: std::collections::HashMap<String, usize>,
}

impl WardIndex {
    pub fn build(rows: Vec<WardShapeRow>) -> Result<WardIndex, String> {
        let mut wards = Vec::with_capacity(rows.len());
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            let shape = boundaries::parse_geometry(&row.geometry).map_err(|e| format!("ward {}: {e}", row.location.ward.code))?;
            let Some(rect) = shape.bounding_rect() else { continue };
            let envelope = Rectangle::from_corners([rect.min().x, rect.min().y], [rect.max().x, rect.max().y]);
            entries.push(GeomWithData::new(envelope, wards.len()));
            wards.push(IndexedWard { location: row.location, shape });
        }
        let by_code = wards.iter().enumerate().map(|(i, w)| (w.location.ward.code.clone(), i)).collect();
        Ok(WardIndex { tree: RTree::bulk_load(entries), wards, by_code })
    }

    /// The routing of a ward chosen by name rather than by a point.
    pub fn ward(&self, code: &str) -> Option<&Location> {
        self.by_code.get(code).map(|&i| &self.wards[i].location)
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
