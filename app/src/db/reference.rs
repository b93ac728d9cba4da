//! Reference geography: police forces, CSPs, local authorities, neighbourhoods, wards.

use super::{Db, DbError};
use crate::reference::{Csp, LocalAuthority, Names, Neighbourhood, PoliceForce, Ward};
use sqlx::{Any, Transaction};
use std::collections::HashMap;

pub type Tx<'a> = Transaction<'a, Any>;

pub async fn csp_count(db: &Db) -> Result<i64, DbError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM csps").fetch_one(db.reader()).await
}

pub async fn ward_count(db: &Db) -> Result<i64, DbError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM wards").fetch_one(db.reader()).await
}

const CSP_COLUMNS: &str = "SELECT c.id, c.slug, c.name_en, c.name_cy, p.slug AS force_slug, p.name_en AS force_en, \
     p.name_cy AS force_cy, (SELECT COUNT(*) FROM neighbourhoods n WHERE n.csp_id = c.id) AS neighbourhood_count, \
     (SELECT COUNT(*) FROM wards w JOIN neighbourhoods n ON n.id = w.neighbourhood_id WHERE n.csp_id = c.id) AS ward_count \
     FROM csps c JOIN police_forces p ON p.id = c.police_force_id";

/// A CSP with its police force, as read by `CSP_COLUMNS` (its local authorities are read apart).
#[derive(sqlx::FromRow)]
struct CspRow {
    id: i64,
    slug: String,
    name_en: String,
    name_cy: String,
    force_slug: String,
    force_en: String,
    force_cy: String,
    neighbourhood_count: i64,
    ward_count: i64,
}

impl CspRow {
    fn into_csp(self, local_authorities: Vec<LocalAuthority>) -> Csp {
        Csp {
            id: self.id,
            slug: self.slug,
            name: Names::new(self.name_en, self.name_cy),
            police_force: PoliceForce {
                slug: self.force_slug,
                name: Names::new(self.force_en, self.force_cy),
            },
            local_authorities,
            neighbourhood_count: self.neighbourhood_count,
            ward_count: self.ward_count,
        }
    }
}

#[derive(sqlx::FromRow)]
struct LocalAuthorityRow {
    csp_id: i64,
    code: String,
    name_en: String,
    name_cy: String,
}

async fn local_authorities_by_csp(db: &Db) -> Result<HashMap<i64, Vec<LocalAuthority>>, DbError> {
    let rows: Vec<LocalAuthorityRow> =
        sqlx::query_as("SELECT csp_id, code, name_en, name_cy FROM local_authorities ORDER BY name_en")
            .fetch_all(db.reader())
            .await?;
    let mut map: HashMap<i64, Vec<LocalAuthority>> = HashMap::new();
    for row in rows {
        map.entry(row.csp_id)
            .or_default()
            .push(LocalAuthority { code: row.code, name: Names::new(row.name_en, row.name_cy) });
    }
    Ok(map)
}

/// Every CSP with its police force and local authorities, by English name.
pub async fn list_csps(db: &Db) -> Result<Vec<Csp>, DbError> {
    let rows: Vec<CspRow> =
        sqlx::query_as(&format!("{CSP_COLUMNS} ORDER BY c.name_en")).fetch_all(db.reader()).await?;
    let mut las = local_authorities_by_csp(db).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let local_authorities = las.remove(&row.id).unwrap_or_default();
            row.into_csp(local_authorities)
        })
        .collect())
}

pub async fn csp_by_slug(db: &Db, slug: &str) -> Result<Option<Csp>, DbError> {
    let row: Option<CspRow> = sqlx::query_as(&format!("{CSP_COLUMNS} WHERE c.slug = $1"))
        .bind(slug)
        .fetch_optional(db.reader())
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let local_authorities = local_authorities_by_csp(db).await?.remove(&row.id).unwrap_or_default();
    Ok(Some(row.into_csp(local_authorities)))
}

/// A neighbourhood and one of its wards, as read.
#[derive(sqlx::FromRow)]
struct NeighbourhoodWardRow {
    id: i64,
    slug: String,
    public_slug: String,
    name_en: String,
    name_cy: String,
    ward_code: String,
    ward_en: String,
    ward_cy: String,
}

/// The CSP's neighbourhoods with their wards, by English name.
pub async fn neighbourhoods(db: &Db, csp_id: i64) -> Result<Vec<Neighbourhood>, DbError> {
    let rows: Vec<NeighbourhoodWardRow> = sqlx::query_as(
        "SELECT n.id, n.slug, n.public_slug, n.name_en, n.name_cy, w.code AS ward_code, w.name_en AS ward_en, w.name_cy AS ward_cy \
         FROM neighbourhoods n JOIN wards w ON w.neighbourhood_id = n.id \
         WHERE n.csp_id = $1 ORDER BY n.name_en, n.id, w.name_en",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut out: Vec<Neighbourhood> = Vec::new();
    for row in rows {
        if out.last().map(|n| n.id) != Some(row.id) {
            out.push(Neighbourhood {
                id: row.id,
                slug: row.slug,
                public_slug: row.public_slug,
                name: Names::new(row.name_en, row.name_cy),
                wards: Vec::new(),
            });
        }
        let ward = Ward { code: row.ward_code, name: Names::new(row.ward_en, row.ward_cy) };
        out.last_mut().expect("pushed above").wards.push(ward);
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct WardGeometryRow {
    neighbourhood_id: i64,
    geometry: String,
}

/// Ward geometries (GeoJSON text) of a CSP, keyed by neighbourhood id.
pub async fn ward_geometries_by_neighbourhood(
    db: &Db,
    csp_id: i64,
) -> Result<HashMap<i64, Vec<String>>, DbError> {
    let rows: Vec<WardGeometryRow> = sqlx::query_as(
        "SELECT w.neighbourhood_id, w.geometry FROM wards w \
         JOIN neighbourhoods n ON n.id = w.neighbourhood_id WHERE n.csp_id = $1",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for row in rows {
        map.entry(row.neighbourhood_id).or_default().push(row.geometry);
    }
    Ok(map)
}

/// One ward with everything routing needs, for building the spatial index.
pub struct WardShapeRow {
    pub location: crate::reference::Location,
    pub geometry: String,
}

/// A ward with its neighbourhood and CSP, as read.
#[derive(sqlx::FromRow)]
struct WardShapeRecord {
    code: String,
    name_en: String,
    name_cy: String,
    lad_code: String,
    neighbourhood_id: i64,
    neighbourhood_slug: String,
    neighbourhood_public_slug: String,
    neighbourhood_en: String,
    neighbourhood_cy: String,
    csp_id: i64,
    csp_slug: String,
    csp_en: String,
    csp_cy: String,
    geometry: String,
}

impl From<WardShapeRecord> for WardShapeRow {
    fn from(r: WardShapeRecord) -> Self {
        WardShapeRow {
            location: crate::reference::Location {
                ward: Ward { code: r.code, name: Names::new(r.name_en, r.name_cy) },
                local_authority_code: r.lad_code,
                neighbourhood_id: r.neighbourhood_id,
                neighbourhood_slug: r.neighbourhood_slug,
                neighbourhood_public_slug: r.neighbourhood_public_slug,
                neighbourhood_name: Names::new(r.neighbourhood_en, r.neighbourhood_cy),
                csp_id: r.csp_id,
                csp_slug: r.csp_slug,
                csp_name: Names::new(r.csp_en, r.csp_cy),
            },
            geometry: r.geometry,
        }
    }
}

pub async fn ward_shapes(db: &Db) -> Result<Vec<WardShapeRow>, DbError> {
    let rows: Vec<WardShapeRecord> = sqlx::query_as(
        "SELECT w.code, w.name_en, w.name_cy, w.lad_code, n.id AS neighbourhood_id, n.slug AS neighbourhood_slug, n.public_slug AS neighbourhood_public_slug, \
                n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, c.id AS csp_id, c.slug AS csp_slug, \
                c.name_en AS csp_en, c.name_cy AS csp_cy, w.geometry \
         FROM wards w JOIN neighbourhoods n ON n.id = w.neighbourhood_id JOIN csps c ON c.id = n.csp_id \
         ORDER BY w.code",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(WardShapeRow::from).collect())
}

/// A local authority's code and GeoJSON outline (if imported).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LocalAuthorityShape {
    pub code: String,
    pub geometry: Option<String>,
}

/// Local-authority codes with their GeoJSON outline, for assigning imported wards.
pub async fn local_authority_shapes(db: &Db) -> Result<Vec<LocalAuthorityShape>, DbError> {
    sqlx::query_as("SELECT code, geometry FROM local_authorities ORDER BY code").fetch_all(db.reader()).await
}

// ----- writes: used by the seed and by `cymuned import-boundaries`, always inside one transaction.

pub async fn upsert_police_force(tx: &mut Tx<'_>, slug: &str, name: &Names) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO police_forces (slug, name_en, name_cy) VALUES ($1, $2, $3) \
         ON CONFLICT (slug) DO UPDATE SET name_en = excluded.name_en, name_cy = excluded.name_cy RETURNING id",
    )
    .bind(slug)
    .bind(&name.en)
    .bind(&name.cy)
    .fetch_one(&mut **tx)
    .await
}

pub async fn upsert_csp(
    tx: &mut Tx<'_>,
    slug: &str,
    name: &Names,
    police_force_id: i64,
) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO csps (slug, name_en, name_cy, police_force_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (slug) DO UPDATE SET name_en = excluded.name_en, name_cy = excluded.name_cy, \
         police_force_id = excluded.police_force_id RETURNING id",
    )
    .bind(slug)
    .bind(&name.en)
    .bind(&name.cy)
    .bind(police_force_id)
    .fetch_one(&mut **tx)
    .await
}

pub async fn upsert_local_authority(
    tx: &mut Tx<'_>,
    code: &str,
    name: &Names,
    csp_id: i64,
    geometry: Option<&str>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO local_authorities (code, name_en, name_cy, csp_id, geometry) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_cy = excluded.name_cy, \
         csp_id = excluded.csp_id, geometry = COALESCE(excluded.geometry, local_authorities.geometry)",
    )
    .bind(code)
    .bind(&name.en)
    .bind(&name.cy)
    .bind(csp_id)
    .bind(geometry)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets a local authority's outline; false if the code is unknown.
pub async fn set_local_authority_geometry(
    tx: &mut Tx<'_>,
    code: &str,
    geometry: &str,
) -> Result<bool, DbError> {
    let done = sqlx::query("UPDATE local_authorities SET geometry = $1 WHERE code = $2")
        .bind(geometry)
        .bind(code)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn csp_id_of_local_authority(tx: &mut Tx<'_>, code: &str) -> Result<Option<i64>, DbError> {
    sqlx::query_scalar("SELECT csp_id FROM local_authorities WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await
}

/// Inserts or updates a ward. A new ward becomes a neighbourhood of its own (the default);
/// an existing ward keeps the neighbourhood its CSP put it in.
pub async fn upsert_ward(
    tx: &mut Tx<'_>,
    code: &str,
    name: &Names,
    lad_code: &str,
    geometry: &str,
) -> Result<(), DbError> {
    let existing =
        sqlx::query("SELECT code FROM wards WHERE code = $1").bind(code).fetch_optional(&mut **tx).await?;
    if existing.is_some() {
        sqlx::query(
            "UPDATE wards SET name_en = $1, name_cy = $2, lad_code = $3, geometry = $4 WHERE code = $5",
        )
        .bind(&name.en)
        .bind(&name.cy)
        .bind(lad_code)
        .bind(geometry)
        .bind(code)
        .execute(&mut **tx)
        .await?;
        return Ok(());
    }
    let csp_id = csp_id_of_local_authority(tx, lad_code).await?.ok_or(DbError::RowNotFound)?;
    let base = crate::reference::slugify(&name.en);
    let taken = sqlx::query("SELECT 1 FROM neighbourhoods WHERE csp_id = $1 AND slug = $2")
        .bind(csp_id)
        .bind(&base)
        .fetch_optional(&mut **tx)
        .await?
        .is_some();
    let slug = if taken || base.is_empty() { format!("{base}-{}", code.to_ascii_lowercase()) } else { base };
    // Its public address (`public_slug`) is filled in by the database (migration 0028).
    let neighbourhood_id: i64 = sqlx::query_scalar(
        "INSERT INTO neighbourhoods (csp_id, slug, name_en, name_cy) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(csp_id)
    .bind(&slug)
    .bind(&name.en)
    .bind(&name.cy)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO wards (code, name_en, name_cy, lad_code, neighbourhood_id, geometry) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(code)
    .bind(&name.en)
    .bind(&name.cy)
    .bind(lad_code)
    .bind(neighbourhood_id)
    .bind(geometry)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A CSP groups wards into one named neighbourhood. The wards' old neighbourhoods that are
/// left empty are removed. Every ward must belong to the CSP.
pub async fn group_wards(
    db: &Db,
    csp_id: i64,
    slug: &str,
    name: &Names,
    ward_codes: &[String],
) -> Result<i64, DbError> {
    let mut tx = db.writer().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO neighbourhoods (csp_id, slug, name_en, name_cy) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (csp_id, slug) DO UPDATE SET name_en = excluded.name_en, name_cy = excluded.name_cy RETURNING id",
    )
    .bind(csp_id)
    .bind(slug)
    .bind(&name.en)
    .bind(&name.cy)
    .fetch_one(&mut *tx)
    .await?;
    for code in ward_codes {
        let moved = sqlx::query(
            "UPDATE wards SET neighbourhood_id = $1 WHERE code = $2 AND lad_code IN \
             (SELECT code FROM local_authorities WHERE csp_id = $3)",
        )
        .bind(id)
        .bind(code)
        .bind(csp_id)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() != 1 {
            return Err(DbError::RowNotFound); // rolled back: nothing half-grouped
        }
    }
    sqlx::query(
        "DELETE FROM neighbourhoods WHERE csp_id = $1 AND id NOT IN (SELECT neighbourhood_id FROM wards)",
    )
    .bind(csp_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}
