//! Resident reports: categories, the report and its reporter, the public timeline.

use super::{now, Db, DbError};
use crate::{
    reference::{Location, Names},
    reporting::{
        Category, Family, ReportSource, ReportStatus, TimelineEntry, TrackedReport, UpdateKind, ValidReport,
    },
    time::Timestamp,
};

pub async fn category_count(db: &Db, csp_id: i64) -> Result<i64, DbError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM report_categories WHERE csp_id = $1")
        .bind(csp_id)
        .fetch_one(db.reader())
        .await
}

pub async fn insert_categories(
    db: &Db,
    csp_id: i64,
    rows: &[(&str, &str, &str, &str, bool)],
) -> Result<(), DbError> {
    let mut tx = db.writer().begin().await?;
    for (position, (code, family, en, cy, sensitive)) in rows.iter().enumerate() {
        sqlx::query(
            "INSERT INTO report_categories (csp_id, code, family, name_en, name_cy, sensitive, position, active) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (csp_id, code) DO NOTHING",
        )
        .bind(csp_id)
        .bind(*code)
        .bind(*family)
        .bind(*en)
        .bind(*cy)
        .bind(*sensitive as i64)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// A category, as read.
#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    code: String,
    family: Family,
    name_en: String,
    name_cy: String,
    sensitive: i64,
}

impl From<CategoryRow> for Category {
    fn from(r: CategoryRow) -> Self {
        Category {
            id: r.id,
            code: r.code,
            family: r.family,
            name: Names::new(r.name_en, r.name_cy),
            sensitive: r.sensitive == 1,
        }
    }
}

/// The CSP's active categories, in its order.
pub async fn categories(db: &Db, csp_id: i64) -> Result<Vec<Category>, DbError> {
    let rows: Vec<CategoryRow> = sqlx::query_as(
        "SELECT id, code, family, name_en, name_cy, sensitive FROM report_categories \
         WHERE csp_id = $1 AND active = 1 ORDER BY position, id",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(Category::from).collect())
}

/// A ward as listed for a local authority: its code and names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaWard {
    pub code: String,
    pub name: Names,
}

#[derive(sqlx::FromRow)]
struct AreaWardRow {
    code: String,
    name_en: String,
    name_cy: String,
}

/// A local authority's wards, by English name.
pub async fn area_wards(db: &Db, lad_code: &str) -> Result<Vec<AreaWard>, DbError> {
    let rows: Vec<AreaWardRow> =
        sqlx::query_as("SELECT code, name_en, name_cy FROM wards WHERE lad_code = $1 ORDER BY name_en")
            .bind(lad_code)
            .fetch_all(db.reader())
            .await?;
    Ok(rows.into_iter().map(|r| AreaWard { code: r.code, name: Names::new(r.name_en, r.name_cy) }).collect())
}

/// A coordinate as bound to SQL: text, cast to a double in the statement. (sqlx's `Any` driver
/// sends a missing `f64` to PostgreSQL as a 4-byte float, so a prepared statement first used
/// without a point would refuse every later one with a point; text has one type either way.)
fn degrees(value: f64) -> String {
    value.to_string()
}

/// The confirmation email to queue with a report: where to send it and what it says.
pub struct Confirmation<'a> {
    pub to: &'a str,
    /// The email's subject and body for the report's reference (written by `reporting::emails`).
    pub email: &'a (dyn Fn(&str) -> (String, String) + Sync),
    /// Hash of the token in the link: opening it proves the address (see `db::trigger`).
    pub check_hash: &'a str,
}

/// Where a report came from.
#[derive(Clone, Copy, Debug)]
pub enum Origin<'a> {
    /// The report form.
    Web,
    /// Another app, over Open311, with its API key; `token` lets it look the report up.
    Open311 { api_key_id: i64, token: &'a str, media_url: Option<&'a str> },
}

impl Origin<'_> {
    /// How the report's source is stored.
    pub fn source(self) -> ReportSource {
        match self {
            Origin::Web => ReportSource::Web,
            Origin::Open311 { .. } => ReportSource::Open311,
        }
    }
}

/// Stores a report, its reporter, its first timeline entry, its photos and its confirmation
/// email in one transaction, under a reference unique in its year: `new_reference` draws one
/// (`true`: after many tries), drawn again while the year already has it. Returns the reference.
#[allow(clippy::too_many_arguments)]
pub async fn insert_report(
    db: &Db,
    report: &ValidReport,
    location: &Location,
    tracking_hash: &str,
    new_reference: &(dyn Fn(bool) -> String + Sync),
    confirmation: Option<Confirmation<'_>>,
    photos: &[crate::reporting::photos::CleanPhoto],
    origin: Origin<'_>,
) -> Result<String, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let strands = (!report.hate_strands.is_empty()).then(|| report.hate_strands.join(","));
    // A random number, drawn again when the year already has it (a savepoint undoes the
    // refused row, so the transaction goes on; on PostgreSQL a concurrent report taking the
    // same number at the same moment is refused the same way).
    let mut attempt = 0;
    let (id, reference) = loop {
        let reference = new_reference(attempt >= 16);
        let mut savepoint = sqlx::Connection::begin(&mut *tx).await?;
        let inserted = insert_report_row(
            &mut savepoint,
            report,
            location,
            tracking_hash,
            &reference,
            strands.as_deref(),
            at,
            origin,
        )
        .await;
        match inserted {
            Ok(id) => {
                savepoint.commit().await?;
                break (id, reference);
            }
            Err(e) if attempt < 32 && e.as_database_error().is_some_and(|d| d.is_unique_violation()) => {
                savepoint.rollback().await?;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let r = &report.reporter;
    sqlx::query(
        "INSERT INTO report_reporters (report_id, anonymous, name, email, phone, consent_to_contact, safe_contact, email_check_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(r.anonymous as i64)
    .bind(&r.name)
    .bind(&r.email)
    .bind(&r.phone)
    .bind(r.consent_to_contact as i64)
    .bind(&r.safe_contact)
    .bind(confirmation.as_ref().map(|c| c.check_hash))
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO report_updates (report_id, at, status, message, public) VALUES ($1, $2, 'open', NULL, 1)")
        .bind(id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    for (position, photo) in photos.iter().enumerate() {
        sqlx::query("INSERT INTO report_photos (report_id, position, width, height, data) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(position as i64)
            .bind(photo.width as i64)
            .bind(photo.height as i64)
            .bind(&photo.jpeg)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(c) = confirmation {
        let (subject, body) = (c.email)(&reference);
        super::outbox::enqueue(&mut tx, c.to, &subject, &body).await?;
    }
    tx.commit().await?;
    Ok(reference)
}

/// The report's own row, under `reference`; returns its id.
#[allow(clippy::too_many_arguments)]
async fn insert_report_row(
    conn: &mut sqlx::AnyConnection,
    report: &ValidReport,
    location: &Location,
    tracking_hash: &str,
    reference: &str,
    strands: Option<&str>,
    at: i64,
    origin: Origin<'_>,
) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO reports (reference, tracking_hash, csp_id, category_id, ward_code, neighbourhood_id, \
         location_text, happened_at, ongoing, description, asb_qualifier, hate_strands, language, sensitive, status, created_at, \
         lat, lon, source, api_key_id, open311_token, media_url) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15, \
         CAST($16 AS DOUBLE PRECISION), CAST($17 AS DOUBLE PRECISION), $18, $19, $20, $21) RETURNING id",
    )
    .bind(reference)
    .bind(tracking_hash)
    .bind(location.csp_id)
    .bind(report.category_id)
    .bind(&report.ward_code)
    .bind(location.neighbourhood_id)
    .bind(&report.location_text)
    .bind(&report.happened_at)
    .bind(report.ongoing as i64)
    .bind(&report.description)
    .bind(report.asb_qualifier)
    .bind(strands)
    .bind(report.reporter.language.code())
    .bind(report.sensitive as i64)
    .bind(at)
    .bind(report.point.map(|p| degrees(p.0)))
    .bind(report.point.map(|p| degrees(p.1)))
    .bind(origin.source())
    .bind(match origin {
        Origin::Open311 { api_key_id, .. } => Some(api_key_id),
        Origin::Web => None,
    })
    .bind(match origin {
        Origin::Open311 { token, .. } => Some(token),
        Origin::Web => None,
    })
    .bind(match origin {
        Origin::Open311 { media_url, .. } => media_url,
        Origin::Web => None,
    })
    .fetch_one(&mut *conn)
    .await
}

/// A report as its reporter sees it, as read.
#[derive(sqlx::FromRow)]
struct TrackedReportRow {
    id: i64,
    reference: String,
    category_en: String,
    category_cy: String,
    ward_en: String,
    ward_cy: String,
    csp_en: String,
    csp_cy: String,
    location_text: String,
    created_at: Timestamp,
    status: ReportStatus,
    photo_count: i64,
    sensitive: i64,
    neighbourhood_en: String,
    neighbourhood_cy: String,
    neighbourhood_slug: String,
}

/// One public update of a report, as read.
#[derive(sqlx::FromRow)]
struct TimelineRow {
    at: Timestamp,
    status: ReportStatus,
    message: Option<String>,
    kind: UpdateKind,
}

impl From<TimelineRow> for TimelineEntry {
    fn from(u: TimelineRow) -> Self {
        TimelineEntry { at: u.at, status: u.status, message: u.message, kind: u.kind }
    }
}

/// The report behind a tracking link (by the token's hash), as its reporter may see it.
pub async fn tracked_report(db: &Db, tracking_hash: &str) -> Result<Option<TrackedReport>, DbError> {
    let row: Option<TrackedReportRow> = sqlx::query_as(
        "SELECT r.id, r.reference, c.name_en AS category_en, c.name_cy AS category_cy, w.name_en AS ward_en, \
                w.name_cy AS ward_cy, p.name_en AS csp_en, p.name_cy AS csp_cy, r.location_text, r.created_at, r.status, \
                (SELECT COUNT(*) FROM report_photos f WHERE f.report_id = r.id) AS photo_count, r.sensitive, \
                n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, n.public_slug AS neighbourhood_slug \
         FROM reports r JOIN report_categories c ON c.id = r.category_id JOIN wards w ON w.code = r.ward_code \
         JOIN csps p ON p.id = r.csp_id JOIN neighbourhoods n ON n.id = r.neighbourhood_id WHERE r.tracking_hash = $1",
    )
    .bind(tracking_hash)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let timeline: Vec<TimelineRow> = sqlx::query_as(
        "SELECT at, status, message, kind FROM report_updates WHERE report_id = $1 AND public = 1 ORDER BY at, id",
    )
    .bind(row.id)
    .fetch_all(db.reader())
    .await?;
    let timeline: Vec<TimelineEntry> = timeline.into_iter().map(TimelineEntry::from).collect();
    let awaiting_reply = timeline
        .iter()
        .rev()
        .find(|e| e.kind != UpdateKind::Status)
        .is_some_and(|e| e.kind == UpdateKind::Question);
    Ok(Some(TrackedReport {
        awaiting_reply,
        reference: row.reference,
        category: Names::new(row.category_en, row.category_cy),
        ward: Names::new(row.ward_en, row.ward_cy),
        csp: Names::new(row.csp_en, row.csp_cy),
        location_text: row.location_text,
        submitted_at: row.created_at,
        status: row.status,
        photo_count: row.photo_count,
        timeline,
        sensitive: row.sensitive == 1,
        neighbourhood: Names::new(row.neighbourhood_en, row.neighbourhood_cy),
        neighbourhood_slug: row.neighbourhood_slug,
    }))
}

/// What happened to a resident's reply.
#[derive(Debug, PartialEq, Eq)]
pub enum ReplyOutcome {
    NoSuchReport,
    NothingAsked,
    Saved,
}

/// A report's id and stored status.
#[derive(sqlx::FromRow)]
pub(crate) struct ReportStatusRow {
    pub id: i64,
    pub status: String,
}

/// Adds the resident's reply to the question they were asked (through their tracking link).
pub async fn reply(db: &Db, tracking_hash: &str, text: &str) -> Result<ReplyOutcome, DbError> {
    let mut tx = db.writer().begin().await?;
    let report: Option<ReportStatusRow> =
        sqlx::query_as("SELECT id, status FROM reports WHERE tracking_hash = $1")
            .bind(tracking_hash)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(ReportStatusRow { id, status }) = report else {
        return Ok(ReplyOutcome::NoSuchReport);
    };
    let last: Option<String> = sqlx::query_scalar("SELECT kind FROM report_updates WHERE report_id = $1 AND kind IN ('question', 'reply') ORDER BY at DESC, id DESC LIMIT 1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if last.as_deref() != Some("question") {
        return Ok(ReplyOutcome::NothingAsked);
    }
    sqlx::query("INSERT INTO report_updates (report_id, at, status, message, public, kind) VALUES ($1, $2, $3, $4, 1, 'reply')")
        .bind(id)
        .bind(now())
        .bind(status)
        .bind(text)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(ReplyOutcome::Saved)
}

pub async fn report_count(db: &Db, csp_id: i64) -> Result<i64, DbError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE csp_id = $1")
        .bind(csp_id)
        .fetch_one(db.reader())
        .await
}

// ----- synthetic reports (`cymuned generate`), stored in batches.

/// A synthetic report as stored: what its timeline entries are made from.
#[derive(sqlx::FromRow)]
struct StoredSynthetic {
    id: i64,
    status: String,
    created_at: Timestamp,
    acknowledged_at: Option<Timestamp>,
}

/// Stores synthetic reports in one transaction: numbered at random as real reports are, with their
/// first timeline entry and, when they have moved on, their current status. Rows go in
/// several to a statement: a million reports take a minute, not an hour.
pub async fn insert_synthetic(
    db: &Db,
    reports: &[crate::reporting::generate::SyntheticReport],
) -> Result<(), DbError> {
    use chrono::Datelike;
    const ROWS: usize = 400;
    let mut tx = db.writer().begin().await?;
    // Random reference numbers (as for real reports), none already taken in its year.
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut per_year: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for r in reports {
        let year = chrono::DateTime::from_timestamp(r.created_at, 0).map(|t| t.year()).unwrap_or(2026);
        if let std::collections::btree_map::Entry::Vacant(entry) = per_year.entry(year) {
            let prefix = format!("CYM-{:02}-%", year.rem_euclid(100));
            let references: Vec<String> =
                sqlx::query_scalar("SELECT reference FROM reports WHERE reference LIKE $1")
                    .bind(prefix)
                    .fetch_all(&mut *tx)
                    .await?;
            entry.insert(references.len());
            taken.extend(references);
        }
    }
    for chunk in reports.chunks(ROWS) {
        let mut sql = String::from(
            "INSERT INTO reports (reference, tracking_hash, csp_id, category_id, ward_code, neighbourhood_id, lat, lon, location_text, \
             ongoing, description, asb_qualifier, hate_strands, language, sensitive, status, created_at, acknowledged_at, source) VALUES ",
        );
        const COLS: usize = 18;
        for i in 0..chunk.len() {
            let p: Vec<String> = (1..=COLS)
                .map(|c| match c {
                    7 | 8 => format!("CAST(${} AS DOUBLE PRECISION)", i * COLS + c),
                    _ => format!("${}", i * COLS + c),
                })
                .collect();
            sql.push_str(&format!(
                "{}({}, '{}')",
                if i == 0 { "" } else { ", " },
                p.join(", "),
                ReportSource::Generated.as_str()
            ));
        }
        sql.push_str(" RETURNING id, status, created_at, acknowledged_at");
        let mut query = sqlx::query_as::<_, StoredSynthetic>(&sql);
        for r in chunk {
            let year = chrono::DateTime::from_timestamp(r.created_at, 0).map(|t| t.year()).unwrap_or(2026);
            let count = per_year.get_mut(&year).expect("counted above");
            let reference = loop {
                let candidate = crate::reporting::reference(
                    year,
                    crate::reporting::random_reference_number(*count >= 450_000),
                );
                if taken.insert(candidate.clone()) {
                    break candidate;
                }
            };
            *count += 1;
            query = query
                .bind(reference)
                .bind(&r.tracking_hash)
                .bind(r.csp_id)
                .bind(r.category_id)
                .bind(&r.ward_code)
                .bind(r.neighbourhood_id)
                .bind(r.point.map(|p| degrees(p.0)))
                .bind(r.point.map(|p| degrees(p.1)))
                .bind(&r.location_text)
                .bind(r.ongoing as i64)
                .bind(&r.description)
                .bind(r.asb_qualifier)
                .bind(&r.hate_strands)
                .bind(r.language)
                .bind(r.sensitive as i64)
                .bind(r.status.as_str())
                .bind(r.created_at)
                .bind(r.acknowledged_at);
        }
        let stored = query.fetch_all(&mut *tx).await?;
        // (report, time, status) of each timeline entry.
        let mut updates: Vec<(i64, i64, String)> = Vec::with_capacity(stored.len() * 2);
        for row in stored {
            updates.push((row.id, row.created_at, "open".into()));
            if row.status != "open" {
                updates.push((row.id, row.acknowledged_at.unwrap_or(row.created_at), row.status));
            }
        }
        for part in updates.chunks(ROWS) {
            let mut sql =
                String::from("INSERT INTO report_updates (report_id, at, status, message, public) VALUES ");
            for i in 0..part.len() {
                sql.push_str(&format!(
                    "{}(${}, ${}, ${}, NULL, 1)",
                    if i == 0 { "" } else { ", " },
                    i * 3 + 1,
                    i * 3 + 2,
                    i * 3 + 3
                ));
            }
            let mut query = sqlx::query(&sql);
            for (id, at, status) in part {
                query = query.bind(*id).bind(*at).bind(status.as_str());
            }
            query.execute(&mut *tx).await?;
        }
    }
    tx.commit().await
}
