//! The Welsh reference data shipped in `data/wales/` (see its ATTRIBUTION.md), loaded into an
//! empty database: 4 police forces, 19 CSPs, 22 local authorities and 852 wards.

use crate::{
    db::{self, Db},
    reference::{boundaries, Names},
};
use std::collections::HashMap;

const CSP_MAPPING: &str = include_str!("../../../data/wales/wales_csps.csv");
const CSP_NAMES: &str = include_str!("../../../data/wales/csps.csv");
const FORCES: &str = include_str!("../../../data/wales/police_forces.csv");
const LAD_BOUNDARIES: &str = include_str!("../../../data/wales/lad.json");

macro_rules! ward_files {
    ($($code:literal),*) => {
        &[$(($code, include_str!(concat!("../../../data/wales/wards_by_lad/", $code, ".json")))),*]
    };
}

const WARD_FILES: &[(&str, &str)] = ward_files!(
    "W06000001",
    "W06000002",
    "W06000003",
    "W06000004",
    "W06000005",
    "W06000006",
    "W06000008",
    "W06000009",
    "W06000010",
    "W06000011",
    "W06000012",
    "W06000013",
    "W06000014",
    "W06000015",
    "W06000016",
    "W06000018",
    "W06000019",
    "W06000020",
    "W06000021",
    "W06000022",
    "W06000023",
    "W06000024"
);

fn csv_rows(text: &str) -> Result<Vec<HashMap<String, String>>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| e.to_string())?;
            Ok(headers.iter().zip(r.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        })
        .collect()
}

/// What the seed loaded, for the log line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedCounts {
    pub police_forces: usize,
    pub csps: usize,
    pub local_authorities: usize,
    pub wards: usize,
}

/// Loads the Welsh reference data if the database has none. All or nothing.
pub async fn seed_if_empty(db: &Db) -> anyhow::Result<Option<SeedCounts>> {
    if db::reference::csp_count(db).await? > 0 {
        return Ok(None);
    }
    Ok(Some(seed(db).await?))
}

pub async fn seed(db: &Db) -> anyhow::Result<SeedCounts> {
    let forces = csv_rows(FORCES).map_err(anyhow::Error::msg)?;
    let csp_names = csv_rows(CSP_NAMES).map_err(anyhow::Error::msg)?;
    let mapping = csv_rows(CSP_MAPPING).map_err(anyhow::Error::msg)?;
    let lad_shapes: HashMap<String, String> = boundaries::parse(LAD_BOUNDARIES, "lad")
        .map_err(anyhow::Error::msg)?
        .into_iter()
        .map(|b| (b.code, b.geometry_json))
        .collect();

    let regions = db::regions::regions_migrated(db).await?;
    let mut counts = SeedCounts::default();
    let mut tx = db.writer().begin().await?;
    let mut force_ids = HashMap::new();
    for f in &forces {
        let id = db::reference::upsert_police_force(
            &mut tx,
            &f["slug"],
            &Names::new(&f["police_force"], &f["name_cy"]),
        )
        .await?;
        force_ids.insert(f["police_force"].clone(), id);
        counts.police_forces += 1;
    }
    let mut csp_ids = HashMap::new();
    for row in &mapping {
        let csp = &row["csp"];
        if !csp_ids.contains_key(csp) {
            let names = csp_names
                .iter()
                .find(|n| &n["csp"] == csp)
                .ok_or_else(|| anyhow::anyhow!("csps.csv has no row for {csp}"))?;
            let force = force_ids
                .get(&row["police_force"])
                .ok_or_else(|| anyhow::anyhow!("police_forces.csv has no row for {}", row["police_force"]))?;
            let id = db::reference::upsert_csp(
                &mut tx,
                &names["slug"],
                &Names::new(csp, &names["name_cy"]),
                *force,
            )
            .await?;
            csp_ids.insert(csp.clone(), id);
            counts.csps += 1;
        }
        let code = &row["lad_code"];
        let name = Names::new(&row["lad_name"], &row["lad_name_cy"]);
        db::reference::upsert_local_authority(
            &mut tx,
            code,
            &name,
            csp_ids[csp],
            lad_shapes.get(code).map(String::as_str),
        )
        .await?;
        counts.local_authorities += 1;
    }
    for (lad_code, text) in WARD_FILES {
        for ward in boundaries::parse(text, lad_code).map_err(anyhow::Error::msg)? {
            db::reference::upsert_ward(&mut tx, &ward.code, &ward.name, lad_code, &ward.geometry_json)
                .await?;
            counts.wards += 1;
        }
    }
    // Regions (issue 15 part 6): each police force area and all of Wales.
    if regions {
        db::regions::sync_reference_regions(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(counts)
}

/// What `cymuned import-boundaries` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub local_authorities: usize,
    pub wards: usize,
}

/// Imports boundary files given as (file stem, GeoJSON text). Local-authority outlines update
/// known authorities; wards are added or updated. One transaction: a bad file changes nothing.
pub async fn import(db: &Db, files: &[(String, String)]) -> anyhow::Result<ImportCounts> {
    let mut parsed = Vec::new();
    for (stem, text) in files {
        let boundaries = boundaries::parse(text, stem).map_err(|e| anyhow::anyhow!("{stem}: {e}"))?;
        parsed.push((stem.clone(), boundaries));
    }
    let mut authorities: Vec<(String, geo::MultiPolygon<f64>)> = Vec::new();
    for db::reference::LocalAuthorityShape { code, geometry } in
        db::reference::local_authority_shapes(db).await?
    {
        if let Some(g) = geometry {
            authorities.push((code, boundaries::parse_geometry(&g).map_err(anyhow::Error::msg)?));
        }
    }
    let mut counts = ImportCounts::default();
    let mut tx = db.writer().begin().await?;
    for (stem, list) in &parsed {
        for b in list.iter().filter(|b| b.kind == boundaries::BoundaryKind::LocalAuthority) {
            if !db::reference::set_local_authority_geometry(&mut tx, &b.code, &b.geometry_json).await? {
                anyhow::bail!("{stem}: local authority {} is not one of the loaded authorities", b.code);
            }
            authorities.retain(|(c, _)| c != &b.code);
            authorities.push((b.code.clone(), b.shape.clone()));
            counts.local_authorities += 1;
        }
    }
    for (stem, list) in &parsed {
        for b in list.iter().filter(|b| b.kind == boundaries::BoundaryKind::Ward) {
            let lad = match &b.lad_code {
                Some(code) => code.clone(),
                None => boundaries::containing_authority(&b.shape, &authorities)
                    .ok_or_else(|| {
                        anyhow::anyhow!("{stem}: ward {} lies in no loaded local authority", b.code)
                    })?
                    .to_string(),
            };
            if db::reference::csp_id_of_local_authority(&mut tx, &lad).await?.is_none() {
                anyhow::bail!("{stem}: ward {} names local authority {lad}, which is not loaded", b.code);
            }
            db::reference::upsert_ward(&mut tx, &b.code, &b.name, &lad, &b.geometry_json).await?;
            counts.wards += 1;
        }
    }
    tx.commit().await?;
    Ok(counts)
}
