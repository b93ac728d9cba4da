//! The tension picture (issue 15, part 4): each neighbourhood's assessment as it stood at a
//! time, a partnership's overdue de-escalation actions with their neighbourhoods, and the
//! signals first raised in a window. Reads only; the map, timeline and weekly summary are built
//! from these in `tension::picture`, `tension::timeline` and `tension::summary`.

use super::{tension_signals::SignalRecord, Db, DbError};
use crate::time::Timestamp;

/// A neighbourhood of the partnership with its assessment as it stood (none: not assessed).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct StandingRow {
    pub id: i64,
    pub public_slug: String,
    pub name_en: String,
    pub name_cy: String,
    pub version: Option<i64>,
    pub level: Option<i64>,
    pub narrative: Option<String>,
    pub owner: Option<String>,
    pub review_on: Option<Timestamp>,
    pub recorded_at: Option<Timestamp>,
}

/// Every neighbourhood of CSP `csp_id` (by English name) with its latest assessment version
/// recorded before `before`.
pub async fn standing(db: &Db, csp_id: i64, before: Timestamp) -> Result<Vec<StandingRow>, DbError> {
    sqlx::query_as(
        "SELECT n.id AS id, n.public_slug AS public_slug, n.name_en AS name_en, n.name_cy AS name_cy, \
         a.version AS version, a.level AS level, a.narrative AS narrative, a.owner AS owner, \
         a.review_on AS review_on, a.recorded_at AS recorded_at \
         FROM neighbourhoods n LEFT JOIN tension_assessments a ON a.neighbourhood_id = n.id \
            AND a.version = (SELECT MAX(b.version) FROM tension_assessments b \
                             WHERE b.neighbourhood_id = n.id AND b.recorded_at < $2) \
         WHERE n.csp_id = $1 ORDER BY n.name_en",
    )
    .bind(csp_id)
    .bind(before)
    .fetch_all(db.reader())
    .await
}

/// An open de-escalation action past its due day, with its neighbourhood.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct OverdueActionRow {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub due_on: Timestamp,
    pub public_slug: String,
    pub name_en: String,
    pub name_cy: String,
}

/// CSP `csp_id`'s open de-escalation actions due on or before `due_by`, soonest due first.
pub async fn overdue_actions(
    db: &Db,
    csp_id: i64,
    due_by: Timestamp,
) -> Result<Vec<OverdueActionRow>, DbError> {
    sqlx::query_as(
        "SELECT t.id AS id, t.title AS title, t.owner AS owner, t.due_on AS due_on, n.public_slug AS public_slug, \
         n.name_en AS name_en, n.name_cy AS name_cy \
         FROM tension_actions t JOIN neighbourhoods n ON n.id = t.neighbourhood_id \
         WHERE n.csp_id = $1 AND t.status IN ('planned', 'in_progress') AND t.due_on IS NOT NULL AND t.due_on <= $2 \
         ORDER BY t.due_on, t.id",
    )
    .bind(csp_id)
    .bind(due_by)
    .fetch_all(db.reader())
    .await
}

const SELECT_SIGNAL: &str =
    "SELECT id, csp_id, week_start, series, counted, neighbourhood_id, four_weeks, method, \
     history_weeks, observed, usual, upper_bound, p_value, threshold, created_at FROM tension_signals";

/// CSP `csp_id`'s signals first raised in `[from, to)` and not withdrawn since, newest first.
pub async fn signals_raised(
    db: &Db,
    csp_id: i64,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<SignalRecord>, DbError> {
    sqlx::query_as(&format!(
        "{SELECT_SIGNAL} WHERE csp_id = $1 AND created_at >= $2 AND created_at < $3 AND withdrawn_at IS NULL \
         ORDER BY created_at DESC, id"
    ))
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .fetch_all(db.reader())
    .await
}

/// Every signal of CSP `csp_id` not withdrawn, newest week first (for the neighbourhood timelines).
pub async fn all_signals(db: &Db, csp_id: i64) -> Result<Vec<SignalRecord>, DbError> {
    sqlx::query_as(&format!(
        "{SELECT_SIGNAL} WHERE csp_id = $1 AND withdrawn_at IS NULL ORDER BY week_start DESC, id"
    ))
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// The partnership's name in English and Welsh.
pub async fn csp_names(db: &Db, csp_id: i64) -> Result<(String, String), DbError> {
    sqlx::query_as("SELECT name_en, name_cy FROM csps WHERE id = $1")
        .bind(csp_id)
        .fetch_one(db.reader())
        .await
}
