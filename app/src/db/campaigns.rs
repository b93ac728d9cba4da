//! Campaigns, the partnership calendar and the survey builder (engagement, issue 13): a CSP's
//! campaigns and where they run, the people who may own one, changes to a campaign and its
//! status with their audit entries, and the builder's saves and publishing (each with its audit
//! entry in the same transaction, checked against the version the form was drawn from). The
//! core records (creating a campaign or survey, reading one) are in `db::engagement`.

use super::{audit::record_in, engagement::CampaignRow, now, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    engagement::{CampaignStatus, Channel, ResponsePolicy, SurveyKind},
    reference::Names,
    time::Timestamp,
};

const COLUMNS: &str = "id, csp_id, slug, title_en, title_cy, purpose_en, purpose_cy, whole_csp, starts_on, \
     ends_on, owner_user_id, status, response_policy, results_due_on, results_published_at, version";

/// Every campaign of a CSP, by start.
pub async fn campaigns_of_csp(db: &Db, csp_id: i64) -> Result<Vec<CampaignRow>, DbError> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM campaigns WHERE csp_id = $1 ORDER BY starts_on, id"))
        .bind(csp_id)
        .fetch_all(db.reader())
        .await
}

/// A neighbourhood a campaign names.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct CampaignPlace {
    pub campaign_id: i64,
    pub neighbourhood_id: i64,
}

/// The neighbourhoods every campaign of a CSP names (none for whole-CSP campaigns).
pub async fn places_of_csp(db: &Db, csp_id: i64) -> Result<Vec<CampaignPlace>, DbError> {
    sqlx::query_as(
        "SELECT cn.campaign_id AS campaign_id, cn.neighbourhood_id AS neighbourhood_id \
         FROM campaign_neighbourhoods cn JOIN campaigns c ON c.id = cn.campaign_id WHERE c.csp_id = $1 \
         ORDER BY cn.campaign_id, cn.neighbourhood_id",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// A neighbourhood of a CSP with its names.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct NeighbourhoodRow {
    pub id: i64,
    pub name_en: String,
    pub name_cy: String,
}

impl NeighbourhoodRow {
    pub fn names(&self) -> Names {
        Names::new(&self.name_en, &self.name_cy)
    }
}

pub async fn neighbourhoods(db: &Db, csp_id: i64) -> Result<Vec<NeighbourhoodRow>, DbError> {
    sqlx::query_as("SELECT id, name_en, name_cy FROM neighbourhoods WHERE csp_id = $1 ORDER BY name_en")
        .bind(csp_id)
        .fetch_all(db.reader())
        .await
}

/// Someone who may own a campaign: a person with an engagement lead's, manager's or
/// administrator's role in the CSP.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Owner {
    pub id: i64,
    pub display_name: String,
}

pub async fn owners(db: &Db, csp_id: i64) -> Result<Vec<Owner>, DbError> {
    sqlx::query_as(
        "SELECT DISTINCT u.id AS id, u.display_name AS display_name FROM users u \
         JOIN user_roles r ON r.user_id = u.id \
         WHERE r.csp_id = $1 AND u.active = 1 AND r.role IN ('engagement_lead', 'csp_manager', 'admin') \
         ORDER BY display_name, id",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// The addresses already taken that start with `base` (to make a unique one).
pub async fn slugs_like(db: &Db, base: &str) -> Result<Vec<String>, DbError> {
    sqlx::query_scalar("SELECT slug FROM campaigns WHERE slug = $1 OR slug LIKE $2")
        .bind(base)
        .bind(format!("{base}-%"))
        .fetch_all(db.reader())
        .await
}

/// A campaign's details as changed by its edit form.
pub struct CampaignChange<'a> {
    pub title: &'a Names,
    pub purpose: &'a Names,
    pub whole_csp: bool,
    pub neighbourhoods: &'a [i64],
    pub channels: &'a [Channel],
    pub starts_on: Timestamp,
    pub ends_on: Timestamp,
    pub owner_user_id: i64,
    pub response_policy: ResponsePolicy,
    pub results_due_on: Option<Timestamp>,
}

/// Plans a campaign with its audit entry (whose record is the new campaign), in one
/// transaction; returns its id.
pub async fn plan_campaign(
    db: &Db,
    c: super::engagement::NewCampaign<'_>,
    audit: &NewAuditEntry,
) -> Result<i64, DbError> {
    let mut tx = db.writer().begin().await?;
    let id = super::engagement::insert_campaign(&mut tx, c).await?;
    let audit = NewAuditEntry { record_id: Some(id.to_string()), ..audit.clone() };
    record_in(&mut tx, &audit).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a campaign if it is still at `expected_version` (false: someone else saved first,
/// nothing written), with its audit entry, in one transaction.
pub async fn update_campaign(
    db: &Db,
    id: i64,
    expected_version: i64,
    c: CampaignChange<'_>,
    audit: &NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE campaigns SET title_en = $1, title_cy = $2, purpose_en = $3, purpose_cy = $4, whole_csp = $5, \
         starts_on = $6, ends_on = $7, owner_user_id = $8, response_policy = $9, results_due_on = $10, \
         updated_at = $11, version = version + 1 WHERE id = $12 AND version = $13",
    )
    .bind(&c.title.en)
    .bind(&c.title.cy)
    .bind(&c.purpose.en)
    .bind(&c.purpose.cy)
    .bind(i64::from(c.whole_csp))
    .bind(c.starts_on)
    .bind(c.ends_on)
    .bind(c.owner_user_id)
    .bind(c.response_policy)
    .bind(c.results_due_on)
    .bind(now())
    .bind(id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM campaign_neighbourhoods WHERE campaign_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for n in c.neighbourhoods {
        sqlx::query("INSERT INTO campaign_neighbourhoods (campaign_id, neighbourhood_id) VALUES ($1, $2)")
            .bind(id)
            .bind(n)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM campaign_channels WHERE campaign_id = $1").bind(id).execute(&mut *tx).await?;
    for channel in c.channels {
        sqlx::query("INSERT INTO campaign_channels (campaign_id, channel) VALUES ($1, $2)")
            .bind(id)
            .bind(channel)
            .execute(&mut *tx)
            .await?;
    }
    record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Moves a campaign to `status` if it is still at `expected_version` and `from`, with its
/// audit entry (false: changed meanwhile, nothing written).
pub async fn set_status(
    db: &Db,
    id: i64,
    expected_version: i64,
    from: CampaignStatus,
    status: CampaignStatus,
    audit: &NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    if !set_status_in(&mut tx, id, expected_version, from, status, audit).await? {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}

/// [`set_status`] inside the caller's transaction (subscriptions, issue 14: a campaign opening
/// is announced to subscribers in the same transaction). False: changed meanwhile.
pub async fn set_status_in(
    tx: &mut super::reference::Tx<'_>,
    id: i64,
    expected_version: i64,
    from: CampaignStatus,
    status: CampaignStatus,
    audit: &NewAuditEntry,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE campaigns SET status = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 AND status = $5",
    )
    .bind(status)
    .bind(now())
    .bind(id)
    .bind(expected_version)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    record_in(tx, audit).await?;
    Ok(true)
}

/// Gives a campaign its survey (a draft to build, or the priorities poll) with the audit entry;
/// false when it has one already (nothing written).
pub async fn start_survey(
    db: &Db,
    campaign_id: i64,
    kind: SurveyKind,
    draft_json: &str,
    audit: &NewAuditEntry,
) -> Result<bool, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM surveys WHERE campaign_id = $1")
        .bind(campaign_id)
        .fetch_optional(&mut *tx)
        .await?;
    if existing.is_some() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO surveys (campaign_id, kind, draft, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $4, 1)",
    )
    .bind(campaign_id)
    .bind(kind)
    .bind(draft_json)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Saves a survey's draft and dates if it is still at `expected_version`, with its audit entry
/// (false: someone else saved first, nothing written).
pub async fn save_draft(
    db: &Db,
    survey_id: i64,
    expected_version: i64,
    draft_json: &str,
    opens_at: Option<Timestamp>,
    closes_at: Option<Timestamp>,
    audit: &NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE surveys SET draft = $1, opens_at = $2, closes_at = $3, updated_at = $4, version = version + 1 \
         WHERE id = $5 AND version = $6",
    )
    .bind(draft_json)
    .bind(opens_at)
    .bind(closes_at)
    .bind(now())
    .bind(survey_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Publishes the draft as the survey's next version if the survey is still at
/// `expected_version` (the draft the person checked), with its audit entry; the new version's
/// number, or `None` when someone else saved first (nothing written).
pub async fn publish(
    db: &Db,
    survey_id: i64,
    expected_version: i64,
    questions_json: &str,
    user_id: i64,
    audit: &NewAuditEntry,
) -> Result<Option<i64>, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE surveys SET updated_at = $1, version = version + 1 WHERE id = $2 AND version = $3",
    )
    .bind(at)
    .bind(survey_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(None);
    }
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 AS next FROM survey_versions WHERE survey_id = $1",
    )
    .bind(survey_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO survey_versions (survey_id, number, questions, published_by, published_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(survey_id)
    .bind(number)
    .bind(questions_json)
    .bind(user_id)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    let mut audit = audit.clone();
    audit.detail = Some(format!("version {number}"));
    record_in(&mut tx, &audit).await?;
    tx.commit().await?;
    Ok(Some(number))
}
