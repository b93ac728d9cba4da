//! What Open311 clients may read: reports and their public updates, never a sensitive one,
//! never who reported it or what they wrote.

use super::{now, Db, DbError};
use crate::{reference::Names, reporting::ReportStatus};
use sqlx::{any::AnyRow, Row as _};

/// A report as the public Open311 listing shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicRequest {
    pub reference: String,
    pub status: ReportStatus,
    pub service_code: String,
    pub service_name: Names,
    pub csp: Names,
    pub ward_code: String,
    pub ward: Names,
    pub area: Names,
    /// The resident's point, when they gave one (to be snapped before it is shown).
    pub point: Option<(f64, f64)>,
    pub requested_at: i64,
    pub updated_at: i64,
    /// The latest public note from the partnership (never its message to the resident).
    pub status_notes: Option<String>,
}

/// Which reports `GET requests` lists.
#[derive(Clone, Debug, Default)]
pub struct RequestFilter {
    /// Unix seconds, inclusive.
    pub from: i64,
    pub to: i64,
    pub service_code: Option<String>,
    /// Only these statuses (`None`: all).
    pub statuses: Option<Vec<ReportStatus>>,
    /// A CSP's slug (the Open311 `jurisdiction_id`).
    pub jurisdiction: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

const SELECT_PUBLIC: &str = "SELECT r.reference, r.status, c.code, c.name_en, c.name_cy, p.name_en, p.name_cy, \
        w.code, w.name_en, w.name_cy, la.name_en, la.name_cy, r.lat, r.lon, r.created_at, \
        (SELECT MAX(u.at) FROM report_updates u WHERE u.report_id = r.id AND u.kind = 'status'), \
        (SELECT u.public_note FROM report_updates u WHERE u.report_id = r.id AND u.kind = 'status' AND u.public_note IS NOT NULL \
         ORDER BY u.at DESC, u.id DESC LIMIT 1) \
     FROM reports r JOIN report_categories c ON c.id = r.category_id JOIN csps p ON p.id = r.csp_id \
     JOIN wards w ON w.code = r.ward_code JOIN local_authorities la ON la.code = w.lad_code \
     WHERE r.sensitive = 0 AND c.sensitive = 0";

fn public_request(row: &AnyRow) -> Result<PublicRequest, DbError> {
    let names = |a: usize| -> Result<Names, DbError> {
        Ok(Names::new(row.try_get::<String, _>(a)?, row.try_get::<String, _>(a + 1)?))
    };
    let lat: Option<f64> = row.try_get(12)?;
    let lon: Option<f64> = row.try_get(13)?;
    let requested_at: i64 = row.try_get(14)?;
    Ok(PublicRequest {
        reference: row.try_get(0)?,
        status: ReportStatus::parse(&row.try_get::<String, _>(1)?).unwrap_or(ReportStatus::Open),
        service_code: row.try_get(2)?,
        service_name: names(3)?,
        csp: names(5)?,
        ward_code: row.try_get(7)?,
        ward: names(8)?,
        area: names(10)?,
        point: lat.zip(lon),
        requested_at,
        updated_at: row.try_get::<Option<i64>, _>(15)?.unwrap_or(requested_at),
        status_notes: row.try_get(16)?,
    })
}

/// Public reports matching the filter, newest first.
pub async fn public_requests(db: &Db, filter: &RequestFilter) -> Result<Vec<PublicRequest>, DbError> {
    // Statuses come from the fixed list in `ReportStatus`, never from the request's text.
    let statuses = match &filter.statuses {
        Some(list) if list.is_empty() => return Ok(Vec::new()),
        Some(list) => format!(
            " AND r.status IN ({})",
            list.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ")
        ),
        None => String::new(),
    };
    let sql = format!(
        "{SELECT_PUBLIC} AND r.created_at >= $1 AND r.created_at <= $2 AND ($3 IS NULL OR c.code = $3) \
         AND ($4 IS NULL OR p.slug = $4){statuses} ORDER BY r.created_at DESC, r.id DESC LIMIT $5 OFFSET $6"
    );
    let rows = sqlx::query(&sql)
        .bind(filter.from)
        .bind(filter.to)
        .bind(filter.service_code.as_deref())
        .bind(filter.jurisdiction.as_deref())
        .bind(filter.limit)
        .bind(filter.offset)
        .fetch_all(db.reader())
        .await?;
    rows.iter().map(public_request).collect()
}

/// Public reports by reference (at most 100 at a time), in the order asked for.
pub async fn public_requests_by_reference(
    db: &Db,
    references: &[String],
) -> Result<Vec<PublicRequest>, DbError> {
    let references = &references[..references.len().min(100)];
    if references.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=references.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{SELECT_PUBLIC} AND r.reference IN ({})", placeholders.join(", "));
    let mut query = sqlx::query(&sql);
    for r in references {
        query = query.bind(r);
    }
    let found: Vec<PublicRequest> =
        query.fetch_all(db.reader()).await?.iter().map(public_request).collect::<Result<_, _>>()?;
    Ok(references.iter().filter_map(|r| found.iter().find(|f| &f.reference == r).cloned()).collect())
}

/// The reference of the report an Open311 client was given `token` for.
pub async fn reference_by_token(db: &Db, token: &str) -> Result<Option<String>, DbError> {
    let row = sqlx::query("SELECT reference FROM reports WHERE open311_token = $1")
        .bind(token)
        .fetch_optional(db.reader())
        .await?;
    row.map(|r| r.try_get(0)).transpose()
}

/// A change of a report's status, for FixMyStreet's `servicerequestupdates`: the status and
/// the partnership's public note, never its message to the resident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicUpdate {
    pub id: i64,
    pub reference: String,
    pub status: ReportStatus,
    pub at: i64,
    pub message: Option<String>,
}

/// Public updates between two times (Unix seconds, inclusive), oldest first.
pub async fn public_updates(db: &Db, from: i64, to: i64, limit: i64) -> Result<Vec<PublicUpdate>, DbError> {
    let rows = sqlx::query(
        "SELECT u.id, r.reference, u.status, u.at, u.public_note FROM report_updates u \
         JOIN reports r ON r.id = u.report_id JOIN report_categories c ON c.id = r.category_id \
         WHERE u.kind = 'status' AND r.sensitive = 0 AND c.sensitive = 0 AND u.at >= $1 AND u.at <= $2 \
         ORDER BY u.at, u.id LIMIT $3",
    )
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PublicUpdate {
                id: r.try_get(0)?,
                reference: r.try_get(1)?,
                status: ReportStatus::parse(&r.try_get::<String, _>(2)?).unwrap_or(ReportStatus::Open),
                at: r.try_get(3)?,
                message: r.try_get(4)?,
            })
        })
        .collect()
}

/// The active categories offered to other apps, of one CSP or (`None`) of every CSP by code:
/// (code, family, names). Sensitive ones are never offered (see `open311`).
pub async fn services(db: &Db, csp_id: Option<i64>) -> Result<Vec<(String, String, Names)>, DbError> {
    let rows = sqlx::query(
        "SELECT c.code, c.family, c.name_en, c.name_cy FROM report_categories c \
         WHERE c.active = 1 AND c.sensitive = 0 AND ($1 IS NULL OR c.csp_id = $1) ORDER BY c.position, c.csp_id, c.id",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut services: Vec<(String, String, Names)> = Vec::new();
    for r in rows {
        let code: String = r.try_get(0)?;
        if !services.iter().any(|s| s.0 == code) {
            services.push((
                code,
                r.try_get(1)?,
                Names::new(r.try_get::<String, _>(2)?, r.try_get::<String, _>(3)?),
            ));
        }
    }
    Ok(services)
}

/// What became of further information sent by another app about a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddedUpdate {
    /// Kept (or kept before, when the app sent the same update id again): our update id.
    Kept(i64),
    /// No report other apps may see has that reference.
    NoSuchRequest,
    /// The app sent this update id before, about another report.
    IdUsedElsewhere,
}

/// Keeps further information about the report `reference` from the app of `api_key_id`, for
/// staff only (kind `comment`); the app's own `client_update_id`, when given, keeps a resend
/// from being stored twice. Reports other apps may not see (sensitive ones), and reports of
/// another partnership than the key's (`csp_id`), are not found.
pub async fn add_update(
    db: &Db,
    reference: &str,
    api_key_id: i64,
    csp_id: i64,
    client_update_id: Option<&str>,
    text: &str,
) -> Result<AddedUpdate, DbError> {
    let mut tx = db.writer().begin().await?;
    let report = sqlx::query(
        "SELECT r.id, r.status FROM reports r JOIN report_categories c ON c.id = r.category_id \
         WHERE r.reference = $1 AND r.csp_id = $2 AND r.sensitive = 0 AND c.sensitive = 0",
    )
    .bind(reference)
    .bind(csp_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(report) = report else {
        return Ok(AddedUpdate::NoSuchRequest);
    };
    let (report_id, status): (i64, String) = (report.try_get(0)?, report.try_get(1)?);
    if let Some(client_id) = client_update_id {
        let sent_before = sqlx::query(
            "SELECT id, report_id FROM report_updates WHERE api_key_id = $1 AND client_update_id = $2",
        )
        .bind(api_key_id)
        .bind(client_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = sent_before {
            return Ok(if row.try_get::<i64, _>(1)? == report_id {
                AddedUpdate::Kept(row.try_get(0)?)
            } else {
                AddedUpdate::IdUsedElsewhere
            });
        }
    }
    let id: i64 = sqlx::query(
        "INSERT INTO report_updates (report_id, at, status, message, public, kind, api_key_id, client_update_id) \
         VALUES ($1, $2, $3, $4, 0, 'comment', $5, $6) RETURNING id",
    )
    .bind(report_id)
    .bind(now())
    .bind(status)
    .bind(text)
    .bind(api_key_id)
    .bind(client_update_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    tx.commit().await?;
    Ok(AddedUpdate::Kept(id))
}
