//! What the cohesion coordinator's cross-border view reads (issue 15, part 6): neighbourhoods
//! with their latest assessment, and that assessment's indicators as kind, tag and sanitised note.
//! Nothing here reads a report, a reporter or an intelligence item (nor the links to them), so
//! the view cannot show one whoever asks.

use super::{Db, DbError};
use crate::tension::assessments::{IndicatorKind, TensionTag};

/// A neighbourhood with its partnership and its latest assessment (none: never assessed).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LatestAssessment {
    pub neighbourhood_id: i64,
    pub csp_id: i64,
    pub csp_slug: String,
    pub csp_en: String,
    pub csp_cy: String,
    pub public_slug: String,
    pub name_en: String,
    pub name_cy: String,
    pub assessment_id: Option<i64>,
    pub level: Option<i64>,
    pub narrative: Option<String>,
    pub recorded_at: Option<i64>,
    pub review_on: Option<i64>,
}

/// An indicator of an assessment as the region sees it: what, how well founded, its note.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct IndicatorNote {
    pub assessment_id: i64,
    pub kind: IndicatorKind,
    pub tag: TensionTag,
    pub note: String,
}

fn placeholders(n: usize) -> String {
    (1..=n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

const LATEST: &str =
    "SELECT n.id AS neighbourhood_id, n.csp_id AS csp_id, c.slug AS csp_slug, c.name_en AS csp_en, \
     c.name_cy AS csp_cy, n.public_slug AS public_slug, n.name_en AS name_en, n.name_cy AS name_cy, \
     a.id AS assessment_id, a.level AS level, a.narrative AS narrative, a.recorded_at AS recorded_at, \
     a.review_on AS review_on \
     FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id \
     LEFT JOIN tension_assessments a ON a.neighbourhood_id = n.id \
        AND a.version = (SELECT MAX(b.version) FROM tension_assessments b WHERE b.neighbourhood_id = n.id)";

async fn latest_where(db: &Db, column: &str, ids: &[i64]) -> Result<Vec<LatestAssessment>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql =
        format!("{LATEST} WHERE {column} IN ({}) ORDER BY c.name_en, n.name_en", placeholders(ids.len()));
    let mut q = sqlx::query_as::<_, LatestAssessment>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    q.fetch_all(db.reader()).await
}

/// Every neighbourhood of these partnerships with its latest assessment, by partnership and name.
pub async fn latest_in_csps(db: &Db, csp_ids: &[i64]) -> Result<Vec<LatestAssessment>, DbError> {
    latest_where(db, "n.csp_id", csp_ids).await
}

/// These neighbourhoods with their latest assessment (for the far side of a border).
pub async fn latest_of(db: &Db, neighbourhood_ids: &[i64]) -> Result<Vec<LatestAssessment>, DbError> {
    latest_where(db, "n.id", neighbourhood_ids).await
}

/// The indicators of these assessments, in the order they were typed: kind, tag and note only.
pub async fn indicator_notes(db: &Db, assessment_ids: &[i64]) -> Result<Vec<IndicatorNote>, DbError> {
    if assessment_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT assessment_id, kind, tag, note FROM tension_indicators WHERE assessment_id IN ({}) \
         ORDER BY assessment_id, position",
        placeholders(assessment_ids.len())
    );
    let mut q = sqlx::query_as::<_, IndicatorNote>(&sql);
    for id in assessment_ids {
        q = q.bind(id);
    }
    q.fetch_all(db.reader()).await
}
