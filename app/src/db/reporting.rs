//! Resident reports: categories, the report and its reporter, the public timeline, drafts.

use super::{format_time, now, Db, DbError};
use crate::{
    reference::{Location, Names},
    reporting::{Category, ReportStatus, TimelineEntry, TrackedReport, ValidReport},
};
use sqlx::Row as _;

pub async fn category_count(db: &Db, csp_id: i64) -> Result<i64, DbError> {
    sqlx::query("SELECT COUNT(*) FROM report_categories WHERE csp_id = $1")
        .bind(csp_id)
        .fetch_one(db.reader())
        .await?
        .try_get(0)
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

/// The CSP's active categories, in its order.
pub async fn categories(db: &Db, csp_id: i64) -> Result<Vec<Category>, DbError> {
    let rows = sqlx::query(
        "SELECT id, code, family, name_en, name_cy, sensitive FROM report_categories \
         WHERE csp_id = $1 AND active = 1 ORDER BY position, id",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Category {
                id: r.try_get(0)?,
                code: r.try_get(1)?,
                family: r.try_get(2)?,
                name: Names::new(r.try_get::<String, _>(3)?, r.try_get::<String, _>(4)?),
                sensitive: r.try_get::<i64, _>(5)? == 1,
            })
        })
        .collect()
}

/// A local authority's wards (code and names), by English name, with the CSP that serves it.
pub async fn area_wards(db: &Db, lad_code: &str) -> Result<Vec<(String, Names)>, DbError> {
    let rows = sqlx::query("SELECT code, name_en, name_cy FROM wards WHERE lad_code = $1 ORDER BY name_en")
        .bind(lad_code)
        .fetch_all(db.reader())
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, Names::new(r.try_get::<String, _>(1)?, r.try_get::<String, _>(2)?))))
        .collect()
}

/// A coordinate as bound to SQL: text, cast to a double in the statement. (sqlx's `Any` driver
/// sends a missing `f64` to PostgreSQL as a 4-byte float, so a prepared statement first used
/// without a point would refuse every later one with a point; text has one type either way.)
fn degrees(value: f64) -> String {
    value.to_string()
}

/// The confirmation email to queue with a report: where to send it and the tracking link.
pub struct Confirmation<'a> {
    pub to: &'a str,
    pub link: &'a str,
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

/// Stores a report, its reporter, its first timeline entry, its photos and its confirmation
/// email in one transaction, under a reference with a random number unique in its year.
/// Returns the reference.
#[allow(clippy::too_many_arguments)]
pub async fn insert_report(
    db: &Db,
    report: &ValidReport,
    location: &Location,
    tracking_hash: &str,
    year: i32,
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
        let reference =
            crate::reporting::reference(year, crate::reporting::random_reference_number(attempt >= 16));
        let mut savepoint = sqlx::Connection::begin(&mut *tx).await?;
        let inserted = insert_report_row(
            &mut *savepoint,
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
        let lang = report.reporter.language;
        let (subject, body) =
            crate::reporting::emails::confirmation(lang, &reference, c.link, location.csp_name.get(lang));
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
    sqlx::query(
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
    .bind(&report.asb_qualifier)
    .bind(strands)
    .bind(report.reporter.language.code())
    .bind(report.sensitive as i64)
    .bind(at)
    .bind(report.point.map(|p| degrees(p.0)))
    .bind(report.point.map(|p| degrees(p.1)))
    .bind(match origin {
        Origin::Web => "web",
        Origin::Open311 { .. } => "open311",
    })
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
    .await?
    .try_get(0)
}

/// The report behind a tracking link (by the token's hash), as its reporter may see it.
pub async fn tracked_report(db: &Db, tracking_hash: &str) -> Result<Option<TrackedReport>, DbError> {
    let Some(row) = sqlx::query(
        "SELECT r.id, r.reference, c.name_en, c.name_cy, w.name_en, w.name_cy, p.name_en, p.name_cy, \
                r.location_text, r.created_at, r.status, (SELECT COUNT(*) FROM report_photos f WHERE f.report_id = r.id), r.sensitive \
         FROM reports r JOIN report_categories c ON c.id = r.category_id JOIN wards w ON w.code = r.ward_code \
         JOIN csps p ON p.id = r.csp_id WHERE r.tracking_hash = $1",
    )
    .bind(tracking_hash)
    .fetch_optional(db.reader())
    .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get(0)?;
    let timeline = sqlx::query("SELECT at, status, message, kind FROM report_updates WHERE report_id = $1 AND public = 1 ORDER BY at, id")
        .bind(id)
        .fetch_all(db.reader())
        .await?
        .iter()
        .map(|u| {
            Ok(TimelineEntry {
                at: format_time(u.try_get(0)?),
                status: ReportStatus::parse(&u.try_get::<String, _>(1)?).unwrap_or(ReportStatus::Open),
                message: u.try_get(2)?,
                kind: u.try_get(3)?,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let awaiting_reply =
        timeline.iter().rev().find(|e| e.kind != "status").is_some_and(|e| e.kind == "question");
    Ok(Some(TrackedReport {
        awaiting_reply,
        reference: row.try_get(1)?,
        category: Names::new(row.try_get::<String, _>(2)?, row.try_get::<String, _>(3)?),
        ward: Names::new(row.try_get::<String, _>(4)?, row.try_get::<String, _>(5)?),
        csp: Names::new(row.try_get::<String, _>(6)?, row.try_get::<String, _>(7)?),
        location_text: row.try_get(8)?,
        submitted_at: format_time(row.try_get(9)?),
        status: ReportStatus::parse(&row.try_get::<String, _>(10)?).unwrap_or(ReportStatus::Open),
        photo_count: row.try_get(11)?,
        timeline,
        sensitive: row.try_get::<i64, _>(12)? == 1,
    }))
}

/// What happened to a resident's reply.
#[derive(Debug, PartialEq, Eq)]
pub enum ReplyOutcome {
    NoSuchReport,
    NothingAsked,
    Saved,
}

/// Adds the resident's reply to the question they were asked (through their tracking link).
pub async fn reply(db: &Db, tracking_hash: &str, text: &str) -> Result<ReplyOutcome, DbError> {
    let mut tx = db.writer().begin().await?;
    let Some(row) = sqlx::query("SELECT id, status FROM reports WHERE tracking_hash = $1")
        .bind(tracking_hash)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(ReplyOutcome::NoSuchReport);
    };
    let (id, status): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
    let last: Option<String> = sqlx::query("SELECT kind FROM report_updates WHERE report_id = $1 AND kind IN ('question', 'reply') ORDER BY at DESC, id DESC LIMIT 1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?;
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
    sqlx::query("SELECT COUNT(*) FROM reports WHERE csp_id = $1")
        .bind(csp_id)
        .fetch_one(db.reader())
        .await?
        .try_get(0)
}

// ----- drafts: a form that needs correcting, kept for a day under a random token.

pub async fn save_draft(db: &Db, token_hash: &str, fields_json: &str) -> Result<(), DbError> {
    sqlx::query("INSERT INTO report_drafts (token_hash, fields, created_at) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(fields_json)
        .bind(now())
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn draft(db: &Db, token_hash: &str) -> Result<Option<String>, DbError> {
    let row = sqlx::query("SELECT fields FROM report_drafts WHERE token_hash = $1 AND created_at > $2")
        .bind(token_hash)
        .bind(now() - 24 * 3600)
        .fetch_optional(db.reader())
        .await?;
    row.map(|r| r.try_get(0)).transpose()
}

pub async fn delete_draft(db: &Db, token_hash: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM report_drafts WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn delete_old_drafts(db: &Db) -> Result<u64, DbError> {
    let done = sqlx::query("DELETE FROM report_drafts WHERE created_at <= $1")
        .bind(now() - 24 * 3600)
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected())
}

// ----- synthetic reports (`cymuned generate`), stored in batches.

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
            let rows = sqlx::query("SELECT reference FROM reports WHERE reference LIKE $1")
                .bind(prefix)
                .fetch_all(&mut *tx)
                .await?;
            entry.insert(rows.len());
            for row in rows {
                taken.insert(row.try_get(0)?);
            }
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
            sql.push_str(&format!("{}({}, 'generated')", if i == 0 { "" } else { ", " }, p.join(", ")));
        }
        sql.push_str(" RETURNING id, status, created_at, acknowledged_at");
        let mut query = sqlx::query(&sql);
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
                .bind(&r.asb_qualifier)
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
        for row in &stored {
            let (id, status, created): (i64, String, i64) =
                (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            updates.push((id, created, "open".into()));
            if status != "open" {
                let at: Option<i64> = row.try_get(3)?;
                updates.push((id, at.unwrap_or(created), status));
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
