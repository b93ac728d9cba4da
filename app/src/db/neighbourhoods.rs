//! A neighbourhood's public page (issue 14): the neighbourhood by its public address, its
//! partnership's public contact, its open campaigns and its reports counted by category and
//! month (counts only: never a report's words or place).

use super::{Db, DbError};
use crate::{
    engagement::CampaignStatus,
    reference::Names,
    reporting::{Family, ReportStatus},
    time::Timestamp,
};

/// A neighbourhood as its public page names it, with its partnership.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PublicNeighbourhood {
    pub id: i64,
    pub public_slug: String,
    /// Its slug within its CSP (what subscriptions and feeds name it by).
    pub slug: String,
    pub name_en: String,
    pub name_cy: String,
    pub csp_id: i64,
    pub csp_slug: String,
    pub csp_en: String,
    pub csp_cy: String,
}

/// The neighbourhood at `/neighbourhoods/{public_slug}`, if any.
pub async fn by_public_slug(db: &Db, public_slug: &str) -> Result<Option<PublicNeighbourhood>, DbError> {
    sqlx::query_as(
        "SELECT n.id, n.public_slug, n.slug, n.name_en, n.name_cy, c.id AS csp_id, c.slug AS csp_slug, \
                c.name_en AS csp_en, c.name_cy AS csp_cy \
         FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE n.public_slug = $1",
    )
    .bind(public_slug)
    .fetch_optional(db.reader())
    .await
}

/// The names of a neighbourhood's wards, by English name.
pub async fn ward_names(db: &Db, neighbourhood_id: i64) -> Result<Vec<Names>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        name_en: String,
        name_cy: String,
    }
    let rows: Vec<Row> =
        sqlx::query_as("SELECT name_en, name_cy FROM wards WHERE neighbourhood_id = $1 ORDER BY name_en")
            .bind(neighbourhood_id)
            .fetch_all(db.reader())
            .await?;
    Ok(rows.into_iter().map(|r| Names::new(r.name_en, r.name_cy)).collect())
}

/// A partnership's public contact as it set it (`None`: it has set none, the default words show).
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct PublicContact {
    pub public_contact_en: Option<String>,
    pub public_contact_cy: Option<String>,
}

pub async fn public_contact(db: &Db, csp_id: i64) -> Result<PublicContact, DbError> {
    let row: Option<PublicContact> =
        sqlx::query_as("SELECT public_contact_en, public_contact_cy FROM csp_settings WHERE csp_id = $1")
            .bind(csp_id)
            .fetch_optional(db.reader())
            .await?;
    Ok(row.unwrap_or_default())
}

/// Sets (or, with `None`, clears back to the default) a partnership's public contact.
pub async fn set_public_contact(
    db: &Db,
    csp_id: i64,
    en: Option<&str>,
    cy: Option<&str>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO csp_settings (csp_id, public_contact_en, public_contact_cy) VALUES ($1, $2, $3) \
         ON CONFLICT (csp_id) DO UPDATE SET public_contact_en = excluded.public_contact_en, \
         public_contact_cy = excluded.public_contact_cy",
    )
    .bind(csp_id)
    .bind(en)
    .bind(cy)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// A campaign that may be taking answers in a neighbourhood (its own, or the whole CSP's), with
/// a published survey; whether it is open now is decided by `engagement::respond::availability`.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CampaignInArea {
    pub slug: String,
    pub title_en: String,
    pub title_cy: String,
    pub status: CampaignStatus,
    pub starts_on: Timestamp,
    pub ends_on: Timestamp,
    pub opens_at: Option<Timestamp>,
    pub closes_at: Option<Timestamp>,
}

pub async fn campaigns_in_area(
    db: &Db,
    csp_id: i64,
    neighbourhood_id: i64,
) -> Result<Vec<CampaignInArea>, DbError> {
    sqlx::query_as(
        "SELECT c.slug, c.title_en, c.title_cy, c.status, c.starts_on, c.ends_on, s.opens_at, s.closes_at \
         FROM campaigns c JOIN surveys s ON s.campaign_id = c.id \
         WHERE c.csp_id = $1 AND c.status IN ('planned', 'open') \
           AND (c.whole_csp = 1 OR EXISTS (SELECT 1 FROM campaign_neighbourhoods cn \
                WHERE cn.campaign_id = c.id AND cn.neighbourhood_id = $2)) \
           AND EXISTS (SELECT 1 FROM survey_versions v WHERE v.survey_id = s.id) \
         ORDER BY c.ends_on, c.id",
    )
    .bind(csp_id)
    .bind(neighbourhood_id)
    .fetch_all(db.reader())
    .await
}

/// A category of the CSP: its family and whether it is sensitive (inactive ones too: their old
/// reports still count).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CategoryFamily {
    pub id: i64,
    pub family: Family,
    pub sensitive: i64,
}

pub async fn category_families(db: &Db, csp_id: i64) -> Result<Vec<CategoryFamily>, DbError> {
    sqlx::query_as("SELECT id, family, sensitive FROM report_categories WHERE csp_id = $1 ORDER BY id")
        .bind(csp_id)
        .fetch_all(db.reader())
        .await
}

/// Reports of one category in one month (0 the oldest of the months asked for).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MonthCount {
    pub category_id: i64,
    /// The report itself is marked sensitive (whatever its category).
    pub sensitive: i64,
    pub month: i64,
    pub reports: i64,
}

/// A neighbourhood's reports by category and month: `starts` are the months' first moments,
/// oldest first, and `end` the end of the last. Reports closed as duplicates of another are
/// left out (the other one counts). Reads only `reports_neighbourhood_time` (migration 0028).
pub async fn monthly_counts(
    db: &Db,
    neighbourhood_id: i64,
    starts: &[Timestamp],
    end: Timestamp,
) -> Result<Vec<MonthCount>, DbError> {
    let Some(first) = starts.first() else { return Ok(Vec::new()) };
    // The month a report falls in: the last start at or before it ($4 is the second start).
    let mut month = String::from("CASE");
    for i in (1..starts.len()).rev() {
        month.push_str(&format!(" WHEN created_at >= ${} THEN {i}", i + 3));
    }
    month.push_str(" ELSE 0 END");
    let sql = format!(
        "SELECT category_id, sensitive, CAST({month} AS BIGINT) AS month, COUNT(*) AS reports FROM reports \
         WHERE neighbourhood_id = $1 AND created_at >= $2 AND created_at < $3 AND status <> '{}' \
         GROUP BY 1, 2, 3",
        ReportStatus::Duplicate.as_str()
    );
    let mut query = sqlx::query_as(&sql).bind(neighbourhood_id).bind(*first).bind(end);
    for start in &starts[1..] {
        query = query.bind(*start);
    }
    query.fetch_all(db.reader()).await
}
