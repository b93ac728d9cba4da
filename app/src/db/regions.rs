//! Regions (named sets of CSPs) and the roles held for a region (`staff::regions`).

use super::{reference::Tx, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    reference::Names,
    staff::{
        regions::{Region, RegionError, RegionKind, RegionRef, RegionalGrant},
        CspAccess, Role,
    },
};

/// A region's row, as read.
#[derive(sqlx::FromRow)]
struct RegionRow {
    id: i64,
    slug: String,
    name_en: String,
    name_cy: String,
    kind: String,
}

/// A CSP of a region, as read.
#[derive(sqlx::FromRow)]
struct MemberRow {
    region_id: i64,
    csp_id: i64,
    csp_slug: String,
    csp_en: String,
    csp_cy: String,
}

impl MemberRow {
    fn access(&self) -> CspAccess {
        CspAccess {
            id: self.csp_id,
            slug: self.csp_slug.clone(),
            names: Names::new(self.csp_en.clone(), self.csp_cy.clone()),
        }
    }
}

const MEMBERS: &str = "SELECT rc.region_id, c.id AS csp_id, c.slug AS csp_slug, c.name_en AS csp_en, \
     c.name_cy AS csp_cy FROM region_csps rc JOIN csps c ON c.id = rc.csp_id";

/// Every region with its CSPs (by CSP name): by kind (cohesion regions, police force areas,
/// Wales), then by name.
pub async fn regions(db: &Db) -> Result<Vec<Region>, DbError> {
    let rows: Vec<RegionRow> =
        sqlx::query_as("SELECT id, slug, name_en, name_cy, kind FROM regions ORDER BY kind, name_en")
            .fetch_all(db.reader())
            .await?;
    let members: Vec<MemberRow> =
        sqlx::query_as(&format!("{MEMBERS} ORDER BY c.name_en")).fetch_all(db.reader()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let csps = members.iter().filter(|m| m.region_id == r.id).map(MemberRow::access).collect();
            Some(Region {
                id: r.id,
                slug: r.slug,
                name: Names::new(r.name_en, r.name_cy),
                kind: RegionKind::parse(&r.kind)?,
                csps,
            })
        })
        .collect())
}

/// One region with its CSPs, by slug.
pub async fn region_by_slug(db: &Db, slug: &str) -> Result<Option<Region>, DbError> {
    Ok(regions(db).await?.into_iter().find(|r| r.slug == slug))
}

/// The ids of the CSPs named by `slugs`, or the slugs that name no CSP.
async fn csp_ids(tx: &mut Tx<'_>, slugs: &[String]) -> Result<Result<Vec<i64>, Vec<String>>, DbError> {
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    for slug in slugs {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM csps WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&mut **tx)
            .await?;
        match id {
            Some(id) => ids.push(id),
            None => unknown.push(slug.clone()),
        }
    }
    Ok(if unknown.is_empty() { Ok(ids) } else { Err(unknown) })
}

async fn replace_members(tx: &mut Tx<'_>, region_id: i64, csp_ids: &[i64]) -> Result<(), DbError> {
    sqlx::query("DELETE FROM region_csps WHERE region_id = $1").bind(region_id).execute(&mut **tx).await?;
    for csp_id in csp_ids {
        sqlx::query("INSERT INTO region_csps (region_id, csp_id) VALUES ($1, $2)")
            .bind(region_id)
            .bind(csp_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A changed region, as `create_region` and `set_region_csps` report it.
pub type RegionOutcome = Result<Result<i64, RegionError>, DbError>;

/// Makes a cohesion region of the CSPs named by `csp_slugs` (already checked for form by
/// `staff::regions`), with `audit` written (the region's id as the record) in the same
/// transaction. All or nothing: an unknown CSP or a slug in use changes nothing.
pub async fn create_region(
    db: &Db,
    slug: &str,
    name: &Names,
    kind: RegionKind,
    csp_slugs: &[String],
    audit: &NewAuditEntry,
) -> RegionOutcome {
    let mut tx = db.writer().begin().await?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM regions WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Ok(Err(RegionError::SlugTaken(slug.to_string())));
    }
    let ids = match csp_ids(&mut tx, csp_slugs).await? {
        Ok(ids) => ids,
        Err(unknown) => return Ok(Err(RegionError::UnknownCsps(unknown))),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO regions (slug, name_en, name_cy, kind) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(slug)
    .bind(name.en.trim())
    .bind(name.cy.trim())
    .bind(kind.as_str())
    .fetch_one(&mut *tx)
    .await?;
    let before: Vec<i64> = sqlx::query_scalar("SELECT csp_id FROM region_csps WHERE region_id = $1")
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
    replace_members(&mut tx, id, &ids).await?;
    // Audited in every CSP it concerns (each partnership's log shows who may now see it, or no
    // longer may): those it held before and those it holds now.
    let mut concerned: Vec<i64> = before.into_iter().chain(ids.iter().copied()).collect();
    concerned.sort_unstable();
    concerned.dedup();
    for csp_id in concerned {
        let entry = NewAuditEntry { record_id: Some(id.to_string()), csp_id: Some(csp_id), ..audit.clone() };
        super::audit::record_in(&mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(Ok(id))
}

/// Replaces the CSPs of cohesion region `slug` with those named by `csp_slugs`, with `audit`
/// written in the same transaction. All or nothing: an unknown region or CSP, or a region that
/// follows the reference data, changes nothing.
pub async fn set_region_csps(
    db: &Db,
    slug: &str,
    csp_slugs: &[String],
    audit: &NewAuditEntry,
) -> RegionOutcome {
    let mut tx = db.writer().begin().await?;
    let row: Option<(i64, String)> = sqlx::query_as("SELECT id, kind FROM regions WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((id, kind)) = row else {
        return Ok(Err(RegionError::UnknownRegion(slug.to_string())));
    };
    if !RegionKind::parse(&kind).is_some_and(RegionKind::configurable) {
        return Ok(Err(RegionError::NotConfigurable(slug.to_string())));
    }
    let ids = match csp_ids(&mut tx, csp_slugs).await? {
        Ok(ids) => ids,
        Err(unknown) => return Ok(Err(RegionError::UnknownCsps(unknown))),
    };
    let before: Vec<i64> = sqlx::query_scalar("SELECT csp_id FROM region_csps WHERE region_id = $1")
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
    replace_members(&mut tx, id, &ids).await?;
    // Audited in every CSP it concerns (each partnership's log shows who may now see it, or no
    // longer may): those it held before and those it holds now.
    let mut concerned: Vec<i64> = before.into_iter().chain(ids.iter().copied()).collect();
    concerned.sort_unstable();
    concerned.dedup();
    for csp_id in concerned {
        let entry = NewAuditEntry { record_id: Some(id.to_string()), csp_id: Some(csp_id), ..audit.clone() };
        super::audit::record_in(&mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(Ok(id))
}

/// Has migration 0041 (regions) run? The seed may run on a database migrated only part way
/// (tests of older migrations do); 0041 itself then makes the regions from the loaded CSPs.
pub async fn regions_migrated(db: &Db) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 41")
        .fetch_one(db.reader())
        .await?;
    Ok(n > 0)
}

/// The regions that follow the reference data, brought up to date inside the seed's transaction:
/// one police force area per force (its CSPs) and Wales (every CSP).
pub async fn sync_reference_regions(tx: &mut Tx<'_>) -> Result<(), DbError> {
    let forces: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, slug, name_en, name_cy FROM police_forces ORDER BY id")
            .fetch_all(&mut **tx)
            .await?;
    let mut areas = Vec::new();
    for (force_id, slug, en, cy) in forces {
        let name = Names::new(format!("{en} area"), format!("Ardal {cy}"));
        let csps: Vec<i64> = sqlx::query_scalar("SELECT id FROM csps WHERE police_force_id = $1 ORDER BY id")
            .bind(force_id)
            .fetch_all(&mut **tx)
            .await?;
        areas.push((slug, name, RegionKind::PoliceForceArea, csps));
    }
    let all: Vec<i64> = sqlx::query_scalar("SELECT id FROM csps ORDER BY id").fetch_all(&mut **tx).await?;
    areas.push(("wales".into(), Names::new("Wales", "Cymru"), RegionKind::Wales, all));
    for (slug, name, kind, csps) in areas {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO regions (slug, name_en, name_cy, kind) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (slug) DO UPDATE SET name_en = excluded.name_en, name_cy = excluded.name_cy \
             RETURNING id",
        )
        .bind(&slug)
        .bind(&name.en)
        .bind(&name.cy)
        .bind(kind.as_str())
        .fetch_one(&mut **tx)
        .await?;
        replace_members(tx, id, &csps).await?;
    }
    Ok(())
}

/// Gives `role` (a regional role) for region `region_id`, with the `audit` entries written in
/// the same transaction.
pub async fn grant_regional_role(
    db: &Db,
    user_id: i64,
    region_id: i64,
    role: Role,
    audit: &[NewAuditEntry],
) -> Result<(), DbError> {
    let mut tx = db.writer().begin().await?;
    sqlx::query(
        "INSERT INTO user_region_roles (user_id, region_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, region_id, role) DO NOTHING",
    )
    .bind(user_id)
    .bind(region_id)
    .bind(role.as_str())
    .execute(&mut *tx)
    .await?;
    for entry in audit {
        super::audit::record_in(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes `role` for region `region_id` away from `user_id`, with the `audit` entries written in
/// the same transaction; false (and nothing written) when they did not hold it. Their next
/// request no longer carries it (grants are read per request).
pub async fn revoke_regional_role(
    db: &Db,
    user_id: i64,
    region_id: i64,
    role: Role,
    audit: &[NewAuditEntry],
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done =
        sqlx::query("DELETE FROM user_region_roles WHERE user_id = $1 AND region_id = $2 AND role = $3")
            .bind(user_id)
            .bind(region_id)
            .bind(role.as_str())
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    for entry in audit {
        super::audit::record_in(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A regional role held, as read.
#[derive(sqlx::FromRow)]
struct RegionalRoleRow {
    role: String,
    region_id: i64,
    slug: String,
    name_en: String,
    name_cy: String,
}

/// The roles `user_id` holds for regions, each with the CSPs its region holds now (roles this
/// version does not know are left out).
pub async fn regional_grants(db: &Db, user_id: i64) -> Result<Vec<RegionalGrant>, DbError> {
    let rows: Vec<RegionalRoleRow> = sqlx::query_as(
        "SELECT rr.role, g.id AS region_id, g.slug, g.name_en, g.name_cy FROM user_region_roles rr \
         JOIN regions g ON g.id = rr.region_id WHERE rr.user_id = $1 ORDER BY g.name_en, rr.role",
    )
    .bind(user_id)
    .fetch_all(db.reader())
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let members: Vec<MemberRow> = sqlx::query_as(&format!(
        "{MEMBERS} WHERE rc.region_id IN (SELECT region_id FROM user_region_roles WHERE user_id = $1) \
         ORDER BY c.name_en"
    ))
    .bind(user_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(RegionalGrant {
                role: Role::parse(&r.role).filter(|role| role.is_regional())?,
                csps: members.iter().filter(|m| m.region_id == r.region_id).map(MemberRow::access).collect(),
                region: RegionRef { id: r.region_id, slug: r.slug, name: Names::new(r.name_en, r.name_cy) },
            })
        })
        .collect())
}
