//! Signals from the data (issue 15, part 3): the weekly counts the tests read, and each week's
//! run and signals per partnership.

use super::{Db, DbError};
use crate::time::Timestamp;

/// Events counted in one neighbourhood in one hour (seconds since the epoch / 3600): hours,
/// not days, so that the UK's local weeks can be cut exactly whatever the clocks say.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct HourCount {
    pub neighbourhood_id: i64,
    pub hour: i64,
    pub count: i64,
}

/// Reports of `family` made since `since`, per neighbourhood and hour.
pub async fn report_counts(db: &Db, family: &str, since: Timestamp) -> Result<Vec<HourCount>, DbError> {
    sqlx::query_as(
        "SELECT r.neighbourhood_id, r.created_at / 3600 AS hour, COUNT(*) AS count \
         FROM report_categories c JOIN reports r ON r.category_id = c.id \
         WHERE c.family = $1 AND r.created_at >= $2 \
         GROUP BY r.neighbourhood_id, r.created_at / 3600",
    )
    .bind(family)
    .bind(since)
    .fetch_all(db.reader())
    .await
}

/// Intelligence items tagged with community tension since `since`, per neighbourhood and hour:
/// an item from a report counts when the report was made, any other when it was observed.
pub async fn tension_intelligence_counts(db: &Db, since: Timestamp) -> Result<Vec<HourCount>, DbError> {
    sqlx::query_as(
        "SELECT n AS neighbourhood_id, at / 3600 AS hour, COUNT(*) AS count FROM ( \
             SELECT COALESCE(i.neighbourhood_id, r.neighbourhood_id) AS n, \
                    COALESCE(r.created_at, i.observed_on) AS at \
             FROM intelligence_items i LEFT JOIN reports r ON r.id = i.report_id \
             WHERE i.tension IS NOT NULL) t \
         WHERE at >= $1 AND n IS NOT NULL GROUP BY n, at / 3600",
    )
    .bind(since)
    .fetch_all(db.reader())
    .await
}

/// Each partnership with its first report's time (none yet: no history) and the report
/// families it chose to watch besides the defaults.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PartnershipHistory {
    pub csp_id: i64,
    pub first_report_at: Option<Timestamp>,
    pub tension_families: Option<String>,
}

pub async fn partnership_histories(db: &Db) -> Result<Vec<PartnershipHistory>, DbError> {
    sqlx::query_as(
        "SELECT c.id AS csp_id, (SELECT MIN(r.created_at) FROM reports r WHERE r.csp_id = c.id) AS first_report_at, \
                s.tension_families \
         FROM csps c LEFT JOIN csp_settings s ON s.csp_id = c.id ORDER BY c.id",
    )
    .fetch_all(db.reader())
    .await
}

/// A test that signalled, as stored.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct SignalRecord {
    pub id: i64,
    pub csp_id: i64,
    pub week_start: Timestamp,
    pub series: String,
    pub counted: String,
    pub neighbourhood_id: Option<i64>,
    pub four_weeks: i64,
    pub method: String,
    pub history_weeks: i64,
    pub observed: i64,
    pub usual: f64,
    pub upper_bound: f64,
    pub p_value: f64,
    pub threshold: f64,
    pub created_at: Timestamp,
}

/// A test that signalled this week, to store.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSignal {
    pub series: String,
    pub counted: String,
    pub neighbourhood_id: Option<i64>,
    pub four_weeks: bool,
    pub method: &'static str,
    pub history_weeks: i64,
    pub observed: i64,
    pub usual: f64,
    pub upper_bound: f64,
    pub p_value: f64,
    /// The p-value at or below which it signalled: its share of the partnership's budget.
    pub threshold: f64,
}

/// A partnership's week, tested.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekRun {
    pub csp_id: i64,
    pub week_start: Timestamp,
    pub tests: i64,
    pub budget: f64,
    pub signals: Vec<NewSignal>,
}

/// Stores a partnership's week in one transaction: the run (replacing an earlier run of the same
/// week) and its signals. A series that signals again keeps its record (updated figures); one
/// that no longer signals (the counts changed since) is removed. `at` is when it was computed.
/// Returns the signals that are new.
pub async fn store_run(db: &Db, run: &WeekRun, at: Timestamp) -> Result<Vec<SignalRecord>, DbError> {
    let mut tx = db.writer().begin().await?;
    sqlx::query(
        "INSERT INTO tension_signal_runs (csp_id, week_start, tests, budget, computed_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (csp_id, week_start) DO UPDATE SET tests = $3, budget = $4, computed_at = $5",
    )
    .bind(run.csp_id)
    .bind(run.week_start)
    .bind(run.tests)
    .bind(run.budget)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    let existing: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, series FROM tension_signals WHERE csp_id = $1 AND week_start = $2")
            .bind(run.csp_id)
            .bind(run.week_start)
            .fetch_all(&mut *tx)
            .await?;
    for (id, series) in &existing {
        if !run.signals.iter().any(|s| &s.series == series) {
            sqlx::query("DELETE FROM tension_signals WHERE id = $1").bind(id).execute(&mut *tx).await?;
        }
    }
    let mut new_ids = Vec::new();
    for s in &run.signals {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO tension_signals (csp_id, week_start, series, counted, neighbourhood_id, four_weeks, method, \
                 history_weeks, observed, usual, upper_bound, p_value, threshold, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) \
             ON CONFLICT (csp_id, week_start, series) DO UPDATE SET method = $7, history_weeks = $8, observed = $9, \
                 usual = $10, upper_bound = $11, p_value = $12, threshold = $13, updated_at = $14 \
             RETURNING id",
        )
        .bind(run.csp_id)
        .bind(run.week_start)
        .bind(&s.series)
        .bind(&s.counted)
        .bind(s.neighbourhood_id)
        .bind(i64::from(s.four_weeks))
        .bind(s.method)
        .bind(s.history_weeks)
        .bind(s.observed)
        .bind(s.usual)
        .bind(s.upper_bound)
        .bind(s.p_value)
        .bind(s.threshold)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        if !existing.iter().any(|(_, series)| series == &s.series) {
            new_ids.push(id);
        }
    }
    let mut new = Vec::new();
    for id in new_ids {
        new.push(sqlx::query_as(&format!("{SELECT_SIGNAL} WHERE id = $1")).bind(id).fetch_one(&mut *tx).await?);
    }
    tx.commit().await?;
    Ok(new)
}

const SELECT_SIGNAL: &str = "SELECT id, csp_id, week_start, series, counted, neighbourhood_id, four_weeks, method, \
     history_weeks, observed, usual, upper_bound, p_value, threshold, created_at FROM tension_signals";

/// A partnership's signals from `since` (a week's Monday as stored), newest first.
pub async fn signals_of(db: &Db, csp_id: i64, since: Timestamp) -> Result<Vec<SignalRecord>, DbError> {
    sqlx::query_as(&format!("{SELECT_SIGNAL} WHERE csp_id = $1 AND week_start >= $2 ORDER BY week_start DESC, id"))
        .bind(csp_id)
        .bind(since)
        .fetch_all(db.reader())
        .await
}

/// A partnership's tested weeks: when each was last computed and how many tests it held.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct RunRecord {
    pub week_start: Timestamp,
    pub tests: i64,
    pub budget: f64,
    pub computed_at: Timestamp,
}

pub async fn run_of(db: &Db, csp_id: i64, week_start: Timestamp) -> Result<Option<RunRecord>, DbError> {
    sqlx::query_as(
        "SELECT week_start, tests, budget, computed_at FROM tension_signal_runs WHERE csp_id = $1 AND week_start = $2",
    )
    .bind(csp_id)
    .bind(week_start)
    .fetch_optional(db.reader())
    .await
}

/// When the least recently computed partnership run of a week was computed: none if some
/// partnership with reports has no run of it yet.
pub async fn oldest_run_computed_at(db: &Db, week_start: Timestamp) -> Result<Option<Timestamp>, DbError> {
    let missing: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM csps c WHERE EXISTS (SELECT 1 FROM reports r WHERE r.csp_id = c.id) \
         AND NOT EXISTS (SELECT 1 FROM tension_signal_runs t WHERE t.csp_id = c.id AND t.week_start = $1)",
    )
    .bind(week_start)
    .fetch_one(db.reader())
    .await?;
    if missing > 0 {
        return Ok(None);
    }
    sqlx::query_scalar("SELECT MIN(computed_at) FROM tension_signal_runs WHERE week_start = $1")
        .bind(week_start)
        .fetch_one(db.reader())
        .await
}
