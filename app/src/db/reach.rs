//! Reach (issue 13): census population imported from ONS tables, and respondents counted per
//! equality group for the reach view. Counts only: no query here reads one person's answers.

use super::{now, Db, DbError};
use crate::{
    engagement::reach::{PopulationRow, ReachCount, WardArea},
    reference::Names,
    time::Timestamp,
};

/// The ward and local-authority codes the hub knows (figures for other areas are not kept).
pub async fn known_areas(db: &Db) -> Result<Vec<String>, DbError> {
    sqlx::query_scalar("SELECT code FROM wards UNION SELECT code FROM local_authorities ORDER BY 1")
        .fetch_all(db.reader())
        .await
}

/// Replaces the figures of every (area, topic) that `rows` holds with `rows`, in one
/// transaction: the whole import is stored, or nothing.
pub async fn replace_population(db: &Db, rows: &[PopulationRow], source: &str) -> Result<(), DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let mut cleared = std::collections::HashSet::new();
    for r in rows {
        if cleared.insert((r.area_code.as_str(), r.topic.as_str())) {
            sqlx::query("DELETE FROM population WHERE area_code = $1 AND topic = $2")
                .bind(&r.area_code)
                .bind(&r.topic)
                .execute(&mut *tx)
                .await?;
        }
    }
    for r in rows {
        sqlx::query(
            "INSERT INTO population (area_code, topic, category, count, source, imported_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&r.area_code)
        .bind(&r.topic)
        .bind(&r.category)
        .bind(r.count)
        .bind(source)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// The census figures of a CSP's wards and local authorities.
pub async fn csp_population(db: &Db, csp_id: i64) -> Result<Vec<PopulationRow>, DbError> {
    sqlx::query_as(
        "SELECT area_code, topic, category, count FROM population WHERE area_code IN \
           (SELECT w.code FROM wards w JOIN neighbourhoods n ON n.id = w.neighbourhood_id WHERE n.csp_id = $1 \
            UNION SELECT code FROM local_authorities WHERE csp_id = $1) \
         ORDER BY area_code, topic, category",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// A CSP's wards with their neighbourhood and local authority.
pub async fn csp_wards(db: &Db, csp_id: i64) -> Result<Vec<WardArea>, DbError> {
    sqlx::query_as(
        "SELECT w.code AS code, w.neighbourhood_id AS neighbourhood_id, w.lad_code AS lad_code FROM wards w \
         JOIN neighbourhoods n ON n.id = w.neighbourhood_id WHERE n.csp_id = $1 ORDER BY w.code",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

#[derive(sqlx::FromRow)]
struct NeighbourhoodRow {
    id: i64,
    name_en: String,
    name_cy: String,
}

/// A CSP's neighbourhoods with their names, by English name.
pub async fn csp_neighbourhoods(db: &Db, csp_id: i64) -> Result<Vec<(i64, Names)>, DbError> {
    let rows: Vec<NeighbourhoodRow> =
        sqlx::query_as("SELECT id, name_en, name_cy FROM neighbourhoods WHERE csp_id = $1 ORDER BY name_en")
            .bind(csp_id)
            .fetch_all(db.reader())
            .await?;
    Ok(rows.into_iter().map(|r| (r.id, Names::new(r.name_en, r.name_cy))).collect())
}

/// A campaign of the CSP, for the comparison of campaigns.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct ReachCampaign {
    pub id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub whole_csp: i64,
    pub starts_on: Timestamp,
}

pub async fn csp_campaigns(db: &Db, csp_id: i64) -> Result<Vec<ReachCampaign>, DbError> {
    sqlx::query_as(
        "SELECT id, title_en, title_cy, whole_csp, starts_on FROM campaigns WHERE csp_id = $1 ORDER BY starts_on DESC, id DESC",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// A neighbourhood one of the CSP's campaigns names.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct CampaignArea {
    pub campaign_id: i64,
    pub neighbourhood_id: i64,
}

pub async fn csp_campaign_areas(db: &Db, csp_id: i64) -> Result<Vec<CampaignArea>, DbError> {
    sqlx::query_as(
        "SELECT cn.campaign_id AS campaign_id, cn.neighbourhood_id AS neighbourhood_id FROM campaign_neighbourhoods cn \
         JOIN campaigns c ON c.id = cn.campaign_id WHERE c.csp_id = $1",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// The columns of `survey_equality` compared with the census (one grouped part each).
const TOPIC_COLUMNS: [&str; 4] = ["age_band", "sex", "ethnic_group", "welsh_language"];

/// Respondents of every campaign of a CSP, per neighbourhood and answer of each compared
/// topic: one grouped query over the responses (possible duplicates left out).
pub async fn csp_reach_counts(db: &Db, csp_id: i64) -> Result<Vec<ReachCount>, DbError> {
    let parts: Vec<String> = TOPIC_COLUMNS
        .iter()
        .map(|c| {
            format!(
                "SELECT r.campaign_id AS campaign_id, '{c}' AS topic, r.neighbourhood_id AS neighbourhood_id, \
                 e.{c} AS answer, COUNT(*) AS respondents FROM survey_responses r \
                 LEFT JOIN survey_equality e ON e.response_id = r.id \
                 WHERE r.csp_id = $1 AND r.duplicate_of IS NULL GROUP BY r.campaign_id, r.neighbourhood_id, e.{c}"
            )
        })
        .collect();
    sqlx::query_as(&parts.join(" UNION ALL ")).bind(csp_id).fetch_all(db.reader()).await
}
