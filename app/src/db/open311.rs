//! What Open311 clients may read: reports and their public updates, never a sensitive one,
//! never who reported it or what they wrote.

use super::{now, Db, DbError};
use crate::{
    reference::Names,
    reporting::{Family, ReportStatus},
    time::Timestamp,
};

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
    pub requested_at: Timestamp,
    pub updated_at: Timestamp,
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

const SELECT_PUBLIC: &str = "SELECT r.reference, r.status, c.code AS service_code, c.name_en AS service_en, \
        c.name_cy AS service_cy, p.name_en AS csp_en, p.name_cy AS csp_cy, w.code AS ward_code, w.name_en AS ward_en, \
        w.name_cy AS ward_cy, la.name_en AS area_en, la.name_cy AS area_cy, r.lat, r.lon, r.created_at AS requested_at, \
        (SELECT MAX(u.at) FROM report_updates u WHERE u.report_id = r.id AND u.kind = 'status') AS updated_at, \
        (SELECT u.public_note FROM report_updates u WHERE u.report_id = r.id AND u.kind = 'status' AND u.public_note IS NOT NULL \
         ORDER BY u.at DESC, u.id DESC LIMIT 1) AS status_notes \
     FROM reports r JOIN report_categories c ON c.id = r.category_id JOIN csps p ON p.id = r.csp_id \
     JOIN wards w ON w.code = r.ward_code JOIN local_authorities la ON la.code = w.lad_code \
     WHERE r.sensitive = 0 AND c.sensitive = 0";

/// A public report, as read by `SELECT_PUBLIC`.
#[derive(sqlx::FromRow)]
struct PublicRequestRow {
    reference: String,
    status: ReportStatus,
    service_code: String,
    service_en: String,
    service_cy: String,
    csp_en: String,
    csp_cy: String,
    ward_code: String,
    ward_en: String,
    ward_cy: String,
    area_en: String,
    area_cy: String,
    lat: Option<f64>,
    lon: Option<f64>,
    requested_at: Timestamp,
    updated_at: Option<Timestamp>,
    status_notes: Option<String>,
}

impl From<PublicRequestRow> for PublicRequest {
    fn from(r: PublicRequestRow) -> Self {
        PublicRequest {
            reference: r.reference,
            status: r.status,
            service_code: r.service_code,
            service_name: Names::new(r.service_en, r.service_cy),
            csp: Names::new(r.csp_en, r.csp_cy),
            ward_code: r.ward_code,
            ward: Names::new(r.ward_en, r.ward_cy),
            area: Names::new(r.area_en, r.area_cy),
            point: r.lat.zip(r.lon),
            requested_at: r.requested_at,
            updated_at: r.updated_at.unwrap_or(r.requested_at),
            status_notes: r.status_notes,
        }
    }
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
    let rows: Vec<PublicRequestRow> = sqlx::query_as(&sql)
        .bind(filter.from)
        .bind(filter.to)
        .bind(filter.service_code.as_deref())
        .bind(filter.jurisdiction.as_deref())
        .bind(filter.limit)
        .bind(filter.offset)
        .fetch_all(db.reader())
        .await?;
    Ok(rows.into_iter().map(PublicRequest::from).collect())
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
    let mut query = sqlx::query_as::<_, PublicRequestRow>(&sql);
    for r in references {
        query = query.bind(r);
    }
    let found: Vec<PublicRequest> =
        query.fetch_all(db.reader()).await?.into_iter().map(PublicRequest::from).collect();
    Ok(references.iter().filter_map(|r| found.iter().find(|f| &f.reference == r).cloned()).collect())
}

/// The reference of the report an Open311 client was given `token` for.
pub async fn reference_by_token(db: &Db, token: &str) -> Result<Option<String>, DbError> {
    sqlx::query_scalar("SELECT reference FROM reports WHERE open311_token = $1")
        .bind(token)
        .fetch_optional(db.reader())
        .await
}

/// A change of a report's status, for FixMyStreet's `servicerequestupdates`: the status and
/// the partnership's public note, never its message to the resident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicUpdate {
    pub id: i64,
    pub reference: String,
    pub status: ReportStatus,
    pub at: Timestamp,
    pub message: Option<String>,
}

/// A public update, as read.
#[derive(sqlx::FromRow)]
struct PublicUpdateRow {
    id: i64,
    reference: String,
    status: ReportStatus,
    at: Timestamp,
    message: Option<String>,
}

/// Public updates between two times (Unix seconds, inclusive), oldest first.
pub async fn public_updates(db: &Db, from: i64, to: i64, limit: i64) -> Result<Vec<PublicUpdate>, DbError> {
    let rows: Vec<PublicUpdateRow> = sqlx::query_as(
        "SELECT u.id, r.reference, u.status, u.at, u.public_note AS message FROM report_updates u \
         JOIN reports r ON r.id = u.report_id JOIN report_categories c ON c.id = r.category_id \
         WHERE u.kind = 'status' AND r.sensitive = 0 AND c.sensitive = 0 AND u.at >= $1 AND u.at <= $2 \
         ORDER BY u.at, u.id LIMIT $3",
    )
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PublicUpdate {
            id: r.id,
            reference: r.reference,
            status: r.status,
            at: r.at,
            message: r.message,
        })
        .collect())
}

/// A category offered to other apps as an Open311 service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub code: String,
    pub family: Family,
    pub name: Names,
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    code: String,
    family: Family,
    name_en: String,
    name_cy: String,
}

/// The active categories offered to other apps, of one CSP or (`None`) of every CSP by code.
/// Sensitive ones are never offered (see `open311`).
pub async fn services(db: &Db, csp_id: Option<i64>) -> Result<Vec<Service>, DbError> {
    let rows: Vec<ServiceRow> = sqlx::query_as(
        "SELECT c.code, c.family, c.name_en, c.name_cy FROM report_categories c \
         WHERE c.active = 1 AND c.sensitive = 0 AND ($1 IS NULL OR c.csp_id = $1) ORDER BY c.position, c.csp_id, c.id",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut services: Vec<Service> = Vec::new();
    for r in rows {
        if !services.iter().any(|s| s.code == r.code) {
            services.push(Service { code: r.code, family: r.family, name: Names::new(r.name_en, r.name_cy) });
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

/// An update an app sent before under the same id: ours, and the report it was about.
#[derive(sqlx::FromRow)]
struct SentBefore {
    id: i64,
    report_id: i64,
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
    let report: Option<super::reporting::ReportStatusRow> = sqlx::query_as(
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
    let (report_id, status) = (report.id, report.status);
    if let Some(client_id) = client_update_id {
        let sent_before: Option<SentBefore> = sqlx::query_as(
            "SELECT id, report_id FROM report_updates WHERE api_key_id = $1 AND client_update_id = $2",
        )
        .bind(api_key_id)
        .bind(client_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = sent_before {
            return Ok(if row.report_id == report_id {
                AddedUpdate::Kept(row.id)
            } else {
                AddedUpdate::IdUsedElsewhere
            });
        }
    }
    let id: i64 = sqlx::query_scalar(
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
    .await?;
    tx.commit().await?;
    Ok(AddedUpdate::Kept(id))
}
