//! Reference geography: police forces, CSPs, local authorities, neighbourhoods, wards.

use super::{Db, DbError};
use crate::reference::{Csp, LocalAuthority, Names, Neighbourhood, PoliceForce, Ward};
use sqlx::{Any, Row as _, Transaction};
use std::collections::HashMap;

pub type Tx<'a> = Transaction<'a, Any>;

pub async fn csp_count(db: &Db) -> Result<i64, DbError> {
    sqlx::query("SELECT COUNT(*) FROM csps").fetch_one(db.reader()).await?.try_get(0)
}

pub async fn ward_count(db: &Db) -> Result<i64, DbError> {
    sqlx::query("SELECT COUNT(*) FROM wards").fetch_one(db.reader()).await?.try_get(0)
}

const CSP_COLUMNS: &str = "SELECT c.id, c.slug, c.name_en, c.name_cy, p.slug, p.name_en, p.name_cy, \
     (SELECT COUNT(*) FROM neighbourhoods n WHERE n.csp_id = c.id), \
     (SELECT COUNT(*) FROM wards w JOIN neighbourhoods n ON n.id = w.neighbourhood_id WHERE n.csp_id = c.id) \
     FROM csps c JOIN police_forces p ON p.id = c.police_force_id";

fn csp_from_row(row: &super::Row) -> Result<Csp, DbError> {
    Ok(Csp {
        id: row.try_get(0)?,
        slug: row.try_get(1)?,
        name: Names::new(row.try_get::<String, _>(2)?, row.try_get::<String, _>(3)?),
        police_force: PoliceForce {
            slug: row.try_get(4)?,
            name: Names::new(row.try_get::<String, _>(5)?, row.try_get::<String, _>(6)?),
        },
        local_authorities: Vec::new(),
        neighbourhood_count: row.try_get(7)?,
        ward_count: row.try_get(8)?,
    })
}

async fn local_authorities_by_csp(db: &Db) -> Result<HashMap<i64, Vec<LocalAuthority>>, DbError> {
    let rows = sqlx::query("SELECT csp_id, code, name_en, name_cy FROM local_authorities ORDER BY name_en")
        .fetch_all(db.reader())
        .await?;
    let mut map: HashMap<i64, Vec<LocalAuthority>> = HashMap::new();
    for row in rows {
        map.entry(row.try_get(0)?).or_default().push(LocalAuthority {
            code: row.try_get(1)?,
            name: Names::new(row.try_get::<String, _>(2)?, row.try_get::<String, _>(3)?),
        });
    }
    Ok(map)
}

/// Every CSP with its police force and local authorities, by English name.
pub async fn list_csps(db: &Db) -> Result<Vec<Csp>, DbError> {
    let rows = sqlx::query(&format!("{CSP_COLUMNS} ORDER BY c.name_en")).fetch_all(db.reader()).await?;
    let mut las = local_authorities_by_csp(db).await?;
    rows.iter()
        .map(|row| {
            let mut csp = csp_from_row(row)?;
            csp.local_authorities = las.remove(&csp.id).unwrap_or_default();
            Ok(csp)
        })
        .collect()
}

pub async fn csp_by_slug(db: &Db, slug: &str) -> Result<Option<Csp>, DbError> {
    let Some(row) = sqlx::query(&format!("{CSP_COLUMNS} WHERE c.slug = $1"))
        .bind(slug)
        .fetch_optional(db.reader())
        .await?
    else {
        return Ok(None);
    };
    let mut csp = csp_from_row(&row)?;
    csp.local_authorities = local_authorities_by_csp(db).await?.remove(&csp.id).unwrap_or_default();
    Ok(Some(csp))
}

/// The CSP's neighbourhoods with their wards, by English name.
pub async fn neighbourhoods(db: &Db, csp_id: i64) -> Result<Vec<Neighbourhood>, DbError> {
    let rows = sqlx::query(
        "SELECT n.id, n.slug, n.name_en, n.name_cy, w.code, w.name_en, w.name_cy \
         FROM neighbourhoods n JOIN wards w ON w.neighbourhood_id = n.id \
         WHERE n.csp_id = $1 ORDER BY n.name_en, n.id, w.name_en",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut out: Vec<Neighbourhood> = Vec::new();
    for row in rows {
        let id: i64 = row.try_get(0)?;
        if out.last().map(|n| n.id) != Some(id) {
            out.push(Neighbourhood {
                id,
                slug: row.try_get(1)?,
                name: Names::new(row.try_get::<String, _>(2)?, row.try_get::<String, _>(3)?),
                wards: Vec::new(),
            });
        }
        let ward = Ward {
            code: row.try_get(4)?,
            name: Names::new(row.try_get::<String, _>(5)?, row.try_get::<String, _>(6)?),
        };
        out.last_mut().expect("pushed above").wards.push(ward);
    }
    Ok(out)
}

/// Ward geometries (GeoJSON text) of a CSP, keyed by neighbourhood id.
pub async fn ward_geometries_by_neighbourhood(
    db: &Db,
    csp_id: i64,
) -> Result<HashMap<i64, Vec<String>>, DbError> {
    let rows = sqlx::query(
        "SELECT w.neighbourhood_id, w.geometry FROM wards w \
         JOIN neighbourhoods n ON n.id = w.neighbourhood_id WHERE n.csp_id = $1",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for row in rows {
        map.entry(row.try_get(0)?).or_default().push(row.try_get(1)?);
    }
    Ok(map)
}

/// One ward with everything routing needs, for building the spatial index.
pub struct WardShapeRow {
    pub location: crate::reference::Location,
    pub geometry: String,
}

pub async fn ward_shapes(db: &Db) -> Result<Vec<WardShapeRow>, DbError> {
    let rows = sqlx::query(
        "SELECT w.code, w.name_en, w.name_cy, w.lad_code, n.id, n.slug, n.name_en, n.name_cy, \
                c.id, c.slug, c.name_en, c.name_cy, w.geometry \
         FROM wards w JOIN neighbourhoods n ON n.id = w.neighbourhood_id JOIN csps c ON c.id = n.csp_id \
         ORDER BY w.code",
    )
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(WardShapeRow {
                location: crate::reference::Location {
                    ward: Ward {
                        code: row.try_get(0)?,
                        name: Names::new(row.try_get::<String, _>(1)?, row.try_get::<String, _>(2)?),
                    },
                    local_authority_code: row.try_get(3)?,
                    neighbourhood_id: row.try_get(4)?,
                    neighbourhood_slug: row.try_get(5)?,
                    neighbourhood_name: Names::new(
                        row.try_get::<String, _>(6)?,
                        row.try_get::<String, _>(7)?,
                    ),
                    csp_id: row.try_get(8)?,
                    csp_slug: row.try_get(9)?,
                    csp_name: Names::new(row.try_get::<String, _>(10)?, row.try_get::<String, _>(11)?),
                },
                geometry: row.try_get(12)?,
            })
        })
        .collect()
}

/// Local-authority codes with their GeoJSON outline, for assigning imported wards.
pub async fn local_authority_shapes(db: &Db) -> Result<Vec<(String, Option<String>)>, DbError> {
    let rows = sqlx::query("SELECT code, geometry FROM local_authorities ORDER BY code")
        .fetch_all(db.reader())
        .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

// ----- writes: used by the seed and by `cymuned import-boundaries`, always inside one transaction.

pub async fn upsert_police_force(tx: &mut Tx<'_>, slug: &str, name: &Names) -> Result<i64, DbError> {
    sqlx::query(
        "INSERT INTO police_forces (slug, name_en, name_cy) VALUES ($1, $2, $3) \
         ON CONFLICT (slug) DO UPDATE SET name_en = excluded.name_en, name_cy = excluded.name_cy RETURNING id",
    )
    .bind(slug)
    .bind(&name.en)
    .bind(&name.cy)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)
}

pub async fn upsert_csp(
    tx: &mut Tx<'_>,
    slug: &str,
    name: &Names,
    police_force_id: i64,
) -> Result<i64, DbError> {
    sqlx::query(
        "INSERT INTO csps (slug, name_en, name_cy, police_force_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (slug) DO UPDATE SET name_en = excluded.name_en, name_cy = excluded.name_cy, \
         police_force_id = excluded.police_force_id RETURNING id",
    )
    .bind(slug)
    .bind(&name.en)
    .bind(&name.cy)
    .bind(police_force_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)
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
    let row = sqlx::query("SELECT csp_id FROM local_authorities WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| r.try_get(0)).transpose()
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
    let neighbourhood_id: i64 = sqlx::query(
        "INSERT INTO neighbourhoods (csp_id, slug, name_en, name_cy) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(csp_id)
    .bind(&slug)
    .bind(&name.en)
    .bind(&name.cy)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
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
    let id: i64 = sqlx::query(
        "INSERT INTO neighbourhoods (csp_id, slug, name_en, name_cy) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (csp_id, slug) DO UPDATE SET name_en = excluded.name_en, name_cy = excluded.name_cy RETURNING id",
    )
    .bind(csp_id)
    .bind(slug)
    .bind(&name.en)
    .bind(&name.cy)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
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
