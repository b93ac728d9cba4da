//! Large report tables in minutes: `cymuned generate` makes about a thousand reports a second,
//! so a million would take a quarter of an hour. The generator makes a realistic base (up to
//! `BASE` reports: categories, places, repeats, statuses), and SQL copies it until the table
//! holds the number asked for, each copy moved back a few weeks in time so the months fill
//! evenly, with its own reference and tracking hash.

use app::db::Db;

/// Reports made by the generator; the rest are copies of them.
pub const BASE: usize = 50_000;

/// Adds copies of the reports already in the database (the generator's) until it holds
/// `total`, in one statement per copy, then refreshes the planner's statistics. Returns how
/// many were copied.
pub async fn copy_reports(db: &Db, total: usize) -> usize {
    const WEEK: i64 = 7 * 86_400;
    let base: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports").fetch_one(db.reader()).await.unwrap();
    let last: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM reports").fetch_one(db.reader()).await.unwrap();
    let mut copied = 0usize;
    let mut copy = 1i64;
    while base > 0 && base as usize + copied < total {
        let rows = (total - base as usize - copied).min(base as usize) as i64;
        // Copy n is moved back n weeks, wrapping after a year.
        let shift = (copy % 52) * WEEK;
        let done = sqlx::query(
            "INSERT INTO reports (reference, tracking_hash, csp_id, category_id, ward_code, neighbourhood_id, lat, lon, \
             location_text, ongoing, description, asb_qualifier, hate_strands, language, sensitive, status, created_at, \
             acknowledged_at, source) \
             SELECT reference || CAST($1 AS TEXT), tracking_hash || CAST($1 AS TEXT), csp_id, category_id, ward_code, \
             neighbourhood_id, lat, lon, location_text, ongoing, description, asb_qualifier, hate_strands, language, \
             sensitive, status, created_at - $2, acknowledged_at - $2, source \
             FROM reports WHERE id <= $3 ORDER BY id LIMIT $4",
        )
        .bind(format!("-{copy}"))
        .bind(shift)
        .bind(last)
        .bind(rows)
        .execute(db.writer())
        .await
        .unwrap();
        copied += done.rows_affected() as usize;
        copy += 1;
    }
    db.analyze().await.unwrap();
    copied
}
