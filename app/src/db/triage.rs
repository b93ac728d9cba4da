//! Triage: the intake queue, one report as officers see it, and the changes they make. Every
//! change checks the report's `version`, so a second officer working on a report someone else
//! has just changed is told, and nothing is silently overwritten.

use super::{now, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    reference::Names,
    reporting::{AsbQualifier, Family, ReportSource, ReportStatus, UpdateKind},
    time::Timestamp,
    triage::{
        item_reference, Grade, HandlingCode, IntelligenceGrade, IntelligenceItem, IntelligenceSource,
        LinkKind, QueueCounts, QueueFilter, QueueRow, ReportLink, ReportUpdate, ReporterDetails, SourceGrade,
        DEFAULT_ACKNOWLEDGE_DAYS, QUEUE_PAGE_SIZE,
    },
};

pub async fn acknowledge_days(db: &Db, csp_id: i64) -> Result<i64, DbError> {
    let days: Option<i64> =
        sqlx::query_scalar("SELECT acknowledge_working_days FROM csp_settings WHERE csp_id = $1")
            .bind(csp_id)
            .fetch_optional(db.reader())
            .await?;
    Ok(days.unwrap_or(DEFAULT_ACKNOWLEDGE_DAYS))
}

const CLOSED: &str =
    "('fixed', 'duplicate', 'not_responsible', 'no_further_action', 'internal_referral', 'closed')";

/// One page of the intake queue: its reports, how many match the filter, and the CSP's counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub total: i64,
    pub counts: QueueCounts,
}

/// A report as the queue lists it, as read.
#[derive(sqlx::FromRow)]
struct QueueRecord {
    reference: String,
    category_en: String,
    category_cy: String,
    neighbourhood_en: String,
    neighbourhood_cy: String,
    status: ReportStatus,
    created_at: Timestamp,
    acknowledged_at: Option<Timestamp>,
    sensitive: i64,
    source_grade: Option<SourceGrade>,
    intelligence_grade: Option<IntelligenceGrade>,
    handling_code: Option<HandlingCode>,
    assigned_person: Option<String>,
    assigned_organisation: Option<String>,
    trigger_rule: Option<String>,
    assigned_team: Option<String>,
    safe_contacts: i64,
}

impl QueueRecord {
    /// The row as listed, `overdue_before` being the latest receipt time already overdue.
    fn into_row(self, overdue_before: Timestamp) -> QueueRow {
        let acknowledged = self.acknowledged_at.is_some();
        QueueRow {
            reference: self.reference,
            category: Names::new(self.category_en, self.category_cy),
            neighbourhood: Names::new(self.neighbourhood_en, self.neighbourhood_cy),
            status: self.status,
            created_at: self.created_at,
            acknowledged,
            overdue: !acknowledged && self.created_at <= overdue_before,
            sensitive: self.sensitive == 1,
            graded: Grade::from_stored(self.source_grade, self.intelligence_grade, self.handling_code, None),
            assigned_to: self.assigned_person.or(self.assigned_organisation).or(self.assigned_team),
            trigger: self.trigger_rule,
            safe_contact: self.safe_contacts > 0,
        }
    }
}

#[derive(sqlx::FromRow)]
struct QueueCountsRecord {
    new_count: i64,
    overdue_count: i64,
    open_count: i64,
}

/// The queue's page for `filter`, its total, and the CSP's counts. `overdue_before` is the
/// latest receipt time whose acknowledgement is already overdue now (the CSP's rule, see
/// `triage::overdue_cutoff`).
pub async fn queue(
    db: &Db,
    csp_id: i64,
    filter: &QueueFilter,
    user_id: i64,
    overdue_before: Timestamp,
) -> Result<QueuePage, DbError> {
    let at = now();
    let cutoff = overdue_before;
    let looked_up;
    let filter = if filter.reference.is_empty() {
        filter
    } else {
        looked_up = QueueFilter {
            status: "all".into(),
            reference: filter.reference.clone(),
            page: 1,
            ..QueueFilter::default()
        };
        &looked_up
    };
    let reference = Some(filter.reference.as_str()).filter(|r| !r.is_empty());
    // Fixed pieces of SQL chosen by the filter; the values are bound.
    let status = match filter.status.as_str() {
        "new" | "overdue" => format!("r.status NOT IN {CLOSED} AND r.acknowledged_at IS NULL"),
        "closed" => format!("r.status IN {CLOSED}"),
        "all" => "1 = 1".to_string(),
        _ => format!("r.status NOT IN {CLOSED}"),
    };
    let order = match filter.sort.as_str() {
        "risk" => "r.sensitive DESC, (CASE WHEN r.asb_qualifier = 'personal' THEN 1 ELSE 0 END) DESC, r.created_at ASC, r.id ASC",
        _ => "r.created_at ASC, r.id ASC",
    };
    let sensitive: Option<i64> = match filter.sensitive.as_str() {
        "yes" => Some(1),
        "no" => Some(0),
        _ => None,
    };
    // The same condition written out too, so the planner can use the sensitive index (it cannot
    // see through `$4 IS NULL OR ...` when choosing one).
    let sensitive_sql = match sensitive {
        Some(1) => " AND r.sensitive = 1",
        Some(_) => " AND r.sensitive = 0",
        None => "",
    };
    // The category by its id in this CSP, so counting never joins the categories.
    let category: Option<i64> = match Some(filter.category.as_str()).filter(|c| !c.is_empty()) {
        Some(code) => Some(
            sqlx::query_scalar("SELECT id FROM report_categories WHERE csp_id = $1 AND code = $2")
                .bind(csp_id)
                .bind(code)
                .fetch_optional(db.reader())
                .await?
                .unwrap_or(-1),
        ),
        None => None,
    };
    let neighbourhood: Option<i64> = filter.neighbourhood.parse().ok();
    let mine = filter.mine.then_some(user_id);
    // Received before: the overdue cutoff and/or the age asked for, whichever is earlier.
    let older: Option<i64> =
        filter.older_than.parse::<i64>().ok().filter(|d| (1..=3650).contains(d)).map(|d| at - d * 86_400);
    let overdue = match ((filter.status == "overdue").then_some(cutoff), older) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let conditions = format!(
        "r.csp_id = $1 AND {status} AND ($2 IS NULL OR r.category_id = $2) AND ($3 IS NULL OR r.neighbourhood_id = $3) \
         AND ($4 IS NULL OR r.sensitive = $4) AND ($5 IS NULL OR r.assigned_user_id = $5 OR r.assigned_team_id IN (SELECT team_id FROM team_members WHERE user_id = $5)) AND ($6 IS NULL OR r.created_at <= $6) \
         AND ($7 = 0 OR r.trigger_rule IS NOT NULL) AND ($8 IS NULL OR r.reference = $8){sensitive_sql}"
    );
    let page = filter.page.clamp(1, 100_000);
    let select = format!(
        "SELECT r.reference, c.name_en AS category_en, c.name_cy AS category_cy, n.name_en AS neighbourhood_en, \
                n.name_cy AS neighbourhood_cy, r.status, r.created_at, r.acknowledged_at, r.sensitive, \
                i.source_grade, i.intelligence_grade, i.handling_code, u.display_name AS assigned_person, \
                o.name AS assigned_organisation, r.trigger_rule, t.name AS assigned_team, \
                (SELECT COUNT(*) FROM report_reporters rr WHERE rr.report_id = r.id AND rr.safe_contact IS NOT NULL) AS safe_contacts \
         FROM reports r JOIN report_categories c ON c.id = r.category_id JOIN neighbourhoods n ON n.id = r.neighbourhood_id \
         LEFT JOIN intelligence_items i ON i.report_id = r.id LEFT JOIN users u ON u.id = r.assigned_user_id \
         LEFT JOIN organisations o ON o.id = r.assigned_organisation_id LEFT JOIN teams t ON t.id = r.assigned_team_id \
         WHERE {conditions} ORDER BY {order} LIMIT $9 OFFSET $10"
    );
    let rows: Vec<QueueRecord> = sqlx::query_as(&select)
        .bind(csp_id)
        .bind(category)
        .bind(neighbourhood)
        .bind(sensitive)
        .bind(mine)
        .bind(overdue)
        .bind(filter.trigger as i64)
        .bind(reference)
        .bind(QUEUE_PAGE_SIZE)
        .bind((page - 1) * QUEUE_PAGE_SIZE)
        .fetch_all(db.reader())
        .await?;
    let rows = rows.into_iter().map(|r| r.into_row(cutoff)).collect();
    let count_sql = format!("SELECT COUNT(*) FROM reports r WHERE {conditions}");
    let total: i64 = sqlx::query_scalar(&count_sql)
        .bind(csp_id)
        .bind(category)
        .bind(neighbourhood)
        .bind(sensitive)
        .bind(mine)
        .bind(overdue)
        .bind(filter.trigger as i64)
        .bind(reference)
        .fetch_one(db.reader())
        .await?;
    let counts: QueueCountsRecord = sqlx::query_as(&format!(
        "SELECT COALESCE(SUM(CASE WHEN r.acknowledged_at IS NULL THEN 1 ELSE 0 END), 0) AS new_count, \
                COALESCE(SUM(CASE WHEN r.acknowledged_at IS NULL AND r.created_at <= $2 THEN 1 ELSE 0 END), 0) AS overdue_count, \
                COUNT(*) AS open_count \
         FROM reports r WHERE r.csp_id = $1 AND r.status NOT IN {CLOSED}"
    ))
    .bind(csp_id)
    .bind(cutoff)
    .fetch_one(db.reader())
    .await?;
    let counts =
        QueueCounts { new: counts.new_count, overdue: counts.overdue_count, open: counts.open_count };
    Ok(QueuePage { rows, total, counts })
}

/// One report as officers see it (the reporter's details are read separately).
#[derive(Clone, Debug, PartialEq)]
pub struct TriageRecord {
    pub id: i64,
    pub csp_id: i64,
    pub version: i64,
    pub reference: String,
    pub status: ReportStatus,
    pub category_code: String,
    pub category: Names,
    pub family: Family,
    pub asb_qualifier: Option<AsbQualifier>,
    pub hate_strands: Vec<String>,
    pub ward: Names,
    pub neighbourhood: Names,
    pub neighbourhood_id: i64,
    pub location_text: String,
    pub point: Option<(f64, f64)>,
    pub happened_at: Option<String>,
    pub ongoing: bool,
    pub description: String,
    pub language: String,
    pub sensitive: bool,
    pub created_at: i64,
    pub acknowledged_at: Option<i64>,
    pub assigned_user_id: Option<i64>,
    pub assigned_organisation_id: Option<i64>,
    pub assigned_team_id: Option<i64>,
    pub source: ReportSource,
    /// The Community Trigger rule the report meets, if any.
    pub trigger_rule: Option<String>,
}

/// A report as officers see it, as read.
#[derive(sqlx::FromRow)]
struct TriageRecordRow {
    id: i64,
    csp_id: i64,
    version: i64,
    reference: String,
    status: ReportStatus,
    category_code: String,
    category_en: String,
    category_cy: String,
    family: Family,
    asb_qualifier: Option<AsbQualifier>,
    hate_strands: Option<String>,
    ward_en: String,
    ward_cy: String,
    neighbourhood_en: String,
    neighbourhood_cy: String,
    location_text: String,
    lat: Option<f64>,
    lon: Option<f64>,
    happened_at: Option<String>,
    ongoing: i64,
    description: String,
    language: String,
    sensitive: i64,
    created_at: Timestamp,
    acknowledged_at: Option<Timestamp>,
    assigned_user_id: Option<i64>,
    assigned_organisation_id: Option<i64>,
    source: ReportSource,
    neighbourhood_id: i64,
    trigger_rule: Option<String>,
    assigned_team_id: Option<i64>,
}

impl From<TriageRecordRow> for TriageRecord {
    fn from(r: TriageRecordRow) -> Self {
        TriageRecord {
            id: r.id,
            csp_id: r.csp_id,
            version: r.version,
            reference: r.reference,
            status: r.status,
            category_code: r.category_code,
            category: Names::new(r.category_en, r.category_cy),
            family: r.family,
            asb_qualifier: r.asb_qualifier,
            hate_strands: r
                .hate_strands
                .map(|s| s.split(',').map(str::to_string).collect())
                .unwrap_or_default(),
            ward: Names::new(r.ward_en, r.ward_cy),
            neighbourhood: Names::new(r.neighbourhood_en, r.neighbourhood_cy),
            neighbourhood_id: r.neighbourhood_id,
            location_text: r.location_text,
            point: r.lat.zip(r.lon),
            happened_at: r.happened_at,
            ongoing: r.ongoing == 1,
            description: r.description,
            language: r.language,
            sensitive: r.sensitive == 1,
            created_at: r.created_at,
            acknowledged_at: r.acknowledged_at,
            assigned_user_id: r.assigned_user_id,
            assigned_organisation_id: r.assigned_organisation_id,
            assigned_team_id: r.assigned_team_id,
            source: r.source,
            trigger_rule: r.trigger_rule,
        }
    }
}

pub async fn record(db: &Db, reference: &str) -> Result<Option<TriageRecord>, DbError> {
    let row: Option<TriageRecordRow> = sqlx::query_as(
        "SELECT r.id, r.csp_id, r.version, r.reference, r.status, c.code AS category_code, c.name_en AS category_en, \
                c.name_cy AS category_cy, c.family, r.asb_qualifier, r.hate_strands, w.name_en AS ward_en, w.name_cy AS ward_cy, \
                n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, r.location_text, r.lat, r.lon, r.happened_at, \
                r.ongoing, r.description, r.language, r.sensitive, r.created_at, r.acknowledged_at, r.assigned_user_id, \
                r.assigned_organisation_id, r.source, r.neighbourhood_id, r.trigger_rule, r.assigned_team_id \
         FROM reports r JOIN report_categories c ON c.id = r.category_id JOIN wards w ON w.code = r.ward_code \
         JOIN neighbourhoods n ON n.id = r.neighbourhood_id WHERE r.reference = $1",
    )
    .bind(reference)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(TriageRecord::from))
}

/// The reporter's details, as read.
#[derive(sqlx::FromRow)]
struct ReporterRow {
    anonymous: i64,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    consent_to_contact: i64,
    safe_contact: Option<String>,
}

pub async fn reporter(db: &Db, report_id: i64) -> Result<ReporterDetails, DbError> {
    let row: Option<ReporterRow> = sqlx::query_as("SELECT anonymous, name, email, phone, consent_to_contact, safe_contact FROM report_reporters WHERE report_id = $1")
        .bind(report_id)
        .fetch_optional(db.reader())
        .await?;
    let Some(r) = row else { return Ok(ReporterDetails { anonymous: true, ..Default::default() }) };
    Ok(ReporterDetails {
        anonymous: r.anonymous == 1,
        name: r.name,
        email: r.email,
        phone: r.phone,
        consent_to_contact: r.consent_to_contact == 1,
        safe_contact: r.safe_contact,
    })
}

/// One update of a report, as read.
#[derive(sqlx::FromRow)]
struct ReportUpdateRow {
    at: Timestamp,
    status: ReportStatus,
    message: Option<String>,
    public: i64,
    author: Option<String>,
    kind: UpdateKind,
    public_note: Option<String>,
}

impl From<ReportUpdateRow> for ReportUpdate {
    fn from(r: ReportUpdateRow) -> Self {
        ReportUpdate {
            at: r.at,
            status: r.status,
            message: r.message,
            public: r.public == 1,
            author: r.author,
            kind: r.kind,
            public_note: r.public_note,
        }
    }
}

/// Every update of a report, public or not, oldest first.
pub async fn updates(db: &Db, report_id: i64) -> Result<Vec<ReportUpdate>, DbError> {
    let rows: Vec<ReportUpdateRow> = sqlx::query_as(
        "SELECT u.at, u.status, u.message, u.public, COALESCE(s.display_name, k.name) AS author, u.kind, u.public_note \
         FROM report_updates u LEFT JOIN users s ON s.id = u.author_user_id \
         LEFT JOIN api_keys k ON k.id = u.api_key_id \
         WHERE u.report_id = $1 ORDER BY u.at, u.id",
    )
    .bind(report_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(ReportUpdate::from).collect())
}

/// Someone (a person, an organisation, a team) who can be chosen from a list: id and name.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// People who may be given reports in a CSP (officers and managers).
pub async fn assignable_people(db: &Db, csp_id: i64) -> Result<Vec<Choice>, DbError> {
    sqlx::query_as(
        "SELECT DISTINCT u.id, u.display_name AS name FROM users u JOIN user_roles r ON r.user_id = u.id \
         WHERE r.csp_id = $1 AND r.role IN ('officer', 'csp_manager') AND u.active = 1 ORDER BY u.display_name",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// The CSP's partner organisations.
pub async fn organisations(db: &Db, csp_id: i64) -> Result<Vec<Choice>, DbError> {
    sqlx::query_as("SELECT id, name FROM organisations WHERE csp_id = $1 ORDER BY name")
        .bind(csp_id)
        .fetch_all(db.reader())
        .await
}

/// A change refused because someone else changed the report first.
#[derive(Debug)]
pub enum ChangeError {
    Stale,
    Db(DbError),
}

impl From<DbError> for ChangeError {
    fn from(e: DbError) -> Self {
        ChangeError::Db(e)
    }
}

/// Claims the report's next version inside `tx` (failing with `Stale` if it moved on) and
/// writes the change's audit entry in the same transaction.
async fn bump(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    report_id: i64,
    version: i64,
    audit: &NewAuditEntry,
) -> Result<(), ChangeError> {
    let done = sqlx::query("UPDATE reports SET version = version + 1 WHERE id = $1 AND version = $2")
        .bind(report_id)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() != 1 {
        return Err(ChangeError::Stale);
    }
    super::audit::record_in(tx, audit).await?;
    Ok(())
}

/// A message for the resident: shown on their tracking page, and emailed when the email rule
/// allows (`reporting::EmailRule`). Never published: only `public_note`, checked for the
/// reporter's identity before it gets here, reaches other apps (Open311).
pub struct ResidentMessage<'a> {
    pub status: ReportStatus,
    pub text: &'a str,
    pub email: Option<&'a super::outbox::Email>,
    pub public_note: Option<&'a str>,
}

async fn add_update(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    report_id: i64,
    author: Option<i64>,
    message: &ResidentMessage<'_>,
) -> Result<(), ChangeError> {
    let at = now();
    sqlx::query("INSERT INTO report_updates (report_id, at, status, message, public, author_user_id, public_note) VALUES ($1, $2, $3, $4, 1, $5, $6)")
        .bind(report_id)
        .bind(at)
        .bind(message.status.as_str())
        .bind(message.text)
        .bind(author)
        .bind(message.public_note)
        .execute(&mut **tx)
        .await?;
    let closed = crate::open311::open_or_closed(message.status) == "closed";
    sqlx::query("UPDATE reports SET status = $1, closed_at = $2 WHERE id = $3")
        .bind(message.status.as_str())
        .bind(closed.then_some(at))
        .bind(report_id)
        .execute(&mut **tx)
        .await?;
    if let Some(email) = message.email {
        super::outbox::enqueue(tx, &email.to, &email.subject, &email.body).await?;
    }
    Ok(())
}

/// Acknowledges the report and tells the resident.
pub async fn acknowledge(
    db: &Db,
    report_id: i64,
    version: i64,
    author: Option<i64>,
    message: ResidentMessage<'_>,
    audit: &NewAuditEntry,
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, report_id, version, audit).await?;
    sqlx::query("UPDATE reports SET acknowledged_at = $1 WHERE id = $2 AND acknowledged_at IS NULL")
        .bind(now())
        .bind(report_id)
        .execute(&mut *tx)
        .await?;
    add_update(&mut tx, report_id, author, &message).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the public status with a message to the resident (acknowledging it if not yet done).
pub async fn post_update(
    db: &Db,
    report_id: i64,
    version: i64,
    author: Option<i64>,
    message: ResidentMessage<'_>,
    audit: &NewAuditEntry,
) -> Result<(), ChangeError> {
    acknowledge(db, report_id, version, author, message, audit).await
}

/// Creates or replaces the report's intelligence item and who a `C` item is shared with.
#[allow(clippy::too_many_arguments)]
pub async fn save_grade(
    db: &Db,
    report_id: i64,
    csp_id: i64,
    version: i64,
    author: i64,
    grade: &Grade,
    summary: &str,
    tension: Option<&str>,
    shared_with: &[i64],
    audit: &NewAuditEntry,
) -> Result<(), ChangeError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, report_id, version, audit).await?;
    // One item per report: created the first time, replaced after.
    let item_id: i64 = sqlx::query_scalar(
        "INSERT INTO intelligence_items (report_id, csp_id, summary, source_grade, intelligence_grade, handling_code, conditions, \
         tension, graded_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
         ON CONFLICT (report_id) DO UPDATE SET summary = excluded.summary, source_grade = excluded.source_grade, \
         intelligence_grade = excluded.intelligence_grade, handling_code = excluded.handling_code, conditions = excluded.conditions, \
         tension = excluded.tension, graded_by = excluded.graded_by, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(report_id)
    .bind(csp_id)
    .bind(summary)
    .bind(grade.source.as_str())
    .bind(grade.intelligence.as_str())
    .bind(grade.handling.as_str())
    .bind(&grade.conditions)
    .bind(tension)
    .bind(author)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM intelligence_shares WHERE item_id = $1").bind(item_id).execute(&mut *tx).await?;
    if grade.handling == HandlingCode::C {
        for organisation in shared_with {
            sqlx::query("INSERT INTO intelligence_shares (item_id, organisation_id) VALUES ($1, $2)")
                .bind(item_id)
                .bind(organisation)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Gives the report to a person, a team or a partner organisation (or none).
pub async fn assign(
    db: &Db,
    report_id: i64,
    version: i64,
    user: Option<i64>,
    organisation: Option<i64>,
    team: Option<i64>,
    audit: &NewAuditEntry,
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, report_id, version, audit).await?;
    sqlx::query("UPDATE reports SET assigned_user_id = $1, assigned_organisation_id = $2, assigned_team_id = $3 WHERE id = $4")
        .bind(user)
        .bind(organisation)
        .bind(team)
        .bind(report_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Who may see which intelligence items.
pub enum Audience<'a> {
    /// Everyone in the CSP with the intelligence role: every item.
    Csp,
    /// Partner users: `P` items, and `C` items naming one of these organisations.
    Partner(&'a [i64]),
}

/// The CSP's intelligence items an audience may see, newest first; optionally one report's.
pub async fn intelligence(
    db: &Db,
    csp_id: i64,
    audience: Audience<'_>,
    reference: Option<&str>,
    limit: i64,
) -> Result<Vec<IntelligenceItem>, DbError> {
    intelligence_filtered(db, csp_id, audience, reference, None, None, limit).await
}

/// An intelligence item, as read (whom it is shared with is read separately).
#[derive(sqlx::FromRow)]
struct IntelligenceRow {
    id: i64,
    reference: Option<String>,
    source: IntelligenceSource,
    csp_slug: String,
    category_en: Option<String>,
    category_cy: Option<String>,
    family: Option<Family>,
    neighbourhood_en: String,
    neighbourhood_cy: String,
    summary: String,
    #[sqlx(flatten)]
    grade: Grade,
    tension: Option<String>,
    reported_at: Timestamp,
    updated_at: Timestamp,
}

/// As `intelligence`, only items with this handling code and of this category family.
pub async fn intelligence_filtered(
    db: &Db,
    csp_id: i64,
    audience: Audience<'_>,
    reference: Option<&str>,
    handling: Option<&str>,
    family: Option<&str>,
    limit: i64,
) -> Result<Vec<IntelligenceItem>, DbError> {
    let visible = match audience {
        Audience::Csp => String::new(),
        Audience::Partner(organisations) => {
            // Organisation ids are numbers from the signed-in person's own grants.
            let ids: Vec<String> = organisations.iter().map(|o| o.to_string()).collect();
            let shared = if ids.is_empty() {
                String::new()
            } else {
                format!(
                    " OR i.id IN (SELECT item_id FROM intelligence_shares WHERE organisation_id IN ({}))",
                    ids.join(", ")
                )
            };
            format!(" AND (i.handling_code = 'P'{shared})")
        }
    };
    let rows: Vec<IntelligenceRow> = sqlx::query_as(&format!(
        "SELECT i.id, r.reference, i.source, p.slug AS csp_slug, c.name_en AS category_en, c.name_cy AS category_cy, c.family, \
                n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, i.summary, i.source_grade, \
                i.intelligence_grade, i.handling_code, i.conditions, i.tension, \
                COALESCE(r.created_at, i.observed_on) AS reported_at, i.updated_at \
         FROM intelligence_items i LEFT JOIN reports r ON r.id = i.report_id LEFT JOIN report_categories c ON c.id = r.category_id \
         JOIN neighbourhoods n ON n.id = COALESCE(i.neighbourhood_id, r.neighbourhood_id) JOIN csps p ON p.id = i.csp_id \
         WHERE i.csp_id = $1 AND ($2 IS NULL OR r.reference = $2) AND ($3 IS NULL OR i.handling_code = $3) \
         AND ($4 IS NULL OR c.family = $4){visible} ORDER BY i.updated_at DESC, i.id DESC LIMIT $5"
    ))
    .bind(csp_id)
    .bind(reference)
    .bind(handling)
    .bind(family)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let shared_with: Vec<String> = sqlx::query_scalar("SELECT o.name FROM intelligence_shares s JOIN organisations o ON o.id = s.organisation_id WHERE s.item_id = $1 ORDER BY o.name")
            .bind(r.id)
            .fetch_all(db.reader())
            .await?;
        items.push(IntelligenceItem {
            id: r.id,
            reference: r.reference.unwrap_or_else(|| item_reference(r.id)),
            source: r.source,
            csp_slug: r.csp_slug,
            category: r.category_en.zip(r.category_cy).map(|(en, cy)| Names::new(en, cy)),
            family: r.family,
            neighbourhood: Names::new(r.neighbourhood_en, r.neighbourhood_cy),
            summary: r.summary,
            grade: r.grade,
            tension: r.tension,
            shared_with,
            reported_at: r.reported_at,
            updated_at: r.updated_at,
        });
    }
    Ok(items)
}

/// Asks the resident a question: on their tracking page (where they can answer) and, if they
/// agreed, by email.
pub async fn ask(
    db: &Db,
    report_id: i64,
    version: i64,
    author: i64,
    question: &str,
    email: Option<super::outbox::Email>,
    audit: &NewAuditEntry,
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, report_id, version, audit).await?;
    sqlx::query(
        "INSERT INTO report_updates (report_id, at, status, message, public, author_user_id, kind) \
         SELECT id, $2, status, $3, 1, $4, 'question' FROM reports WHERE id = $1",
    )
    .bind(report_id)
    .bind(now())
    .bind(question)
    .bind(author)
    .execute(&mut *tx)
    .await?;
    if let Some(email) = &email {
        super::outbox::enqueue(&mut tx, &email.to, &email.subject, &email.body).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Changes what the report is about. The sensitive flag follows the category.
pub async fn classify(
    db: &Db,
    report_id: i64,
    version: i64,
    category: &crate::reporting::Category,
    asb_qualifier: Option<AsbQualifier>,
    hate_strands: Option<&str>,
    audit: &NewAuditEntry,
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, report_id, version, audit).await?;
    sqlx::query("UPDATE reports SET category_id = $1, sensitive = $2, asb_qualifier = $3, hate_strands = $4 WHERE id = $5")
        .bind(category.id)
        .bind(category.sensitive as i64)
        .bind(asb_qualifier)
        .bind(hate_strands)
        .bind(report_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Reports of the CSP of one family received between two times: what link suggestions are
/// chosen from.
pub async fn link_candidates(
    db: &Db,
    csp_id: i64,
    family: Family,
    from: i64,
    to: i64,
) -> Result<Vec<crate::triage::LinkCandidate>, DbError> {
    let rows: Vec<LinkCandidateRow> = sqlx::query_as(
        "SELECT r.reference, r.created_at, c.family, r.neighbourhood_id, r.lat, r.lon, r.description FROM reports r \
         JOIN report_categories c ON c.id = r.category_id \
         WHERE r.csp_id = $1 AND c.family = $2 AND r.created_at >= $3 AND r.created_at <= $4 \
         ORDER BY ABS(r.created_at - $5), r.id LIMIT 500",
    )
    .bind(csp_id)
    .bind(family.as_str())
    .bind(from)
    .bind(to)
    .bind(from + (to - from) / 2)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::triage::LinkCandidate {
            reference: r.reference,
            created_at: r.created_at,
            family: r.family,
            neighbourhood_id: r.neighbourhood_id,
            point: r.lat.zip(r.lon),
            description: r.description,
        })
        .collect())
}

/// A report that might be linked, as read.
#[derive(sqlx::FromRow)]
struct LinkCandidateRow {
    reference: String,
    created_at: Timestamp,
    family: Family,
    neighbourhood_id: i64,
    lat: Option<f64>,
    lon: Option<f64>,
    description: String,
}

#[derive(sqlx::FromRow)]
struct ReportLinkRow {
    other: String,
    kind: LinkKind,
    later: i64,
}

/// The report's links, both ways.
pub async fn links(db: &Db, report_id: i64) -> Result<Vec<ReportLink>, DbError> {
    let rows: Vec<ReportLinkRow> = sqlx::query_as(
        "SELECT r.reference AS other, l.kind, 1 AS later FROM report_links l JOIN reports r ON r.id = l.linked_id WHERE l.report_id = $1 \
         UNION ALL \
         SELECT r.reference AS other, l.kind, 0 AS later FROM report_links l JOIN reports r ON r.id = l.report_id WHERE l.linked_id = $1 \
         ORDER BY 1",
    )
    .bind(report_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(|r| ReportLink { other: r.other, kind: r.kind, later: r.later == 1 }).collect())
}

/// Whether `other` is itself closed as a duplicate, or already points back at `report`.
pub async fn would_loop(db: &Db, report_id: i64, other_id: i64) -> Result<bool, DbError> {
    let found: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM reports WHERE id = $2 AND status = 'duplicate') + \
                (SELECT COUNT(*) FROM report_links WHERE report_id = $2 AND linked_id = $1)",
    )
    .bind(report_id)
    .bind(other_id)
    .fetch_one(db.reader())
    .await?;
    Ok(found > 0)
}

/// Links the report to another of the same CSP. A duplicate is also closed as one, with a
/// message to its resident.
#[allow(clippy::too_many_arguments)]
pub async fn link(
    db: &Db,
    report_id: i64,
    version: i64,
    other_id: i64,
    kind: LinkKind,
    author: i64,
    duplicate_message: Option<ResidentMessage<'_>>,
    audit: &NewAuditEntry,
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, report_id, version, audit).await?;
    sqlx::query(
        "INSERT INTO report_links (report_id, linked_id, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (report_id, linked_id) DO UPDATE SET kind = excluded.kind",
    )
    .bind(report_id)
    .bind(other_id)
    .bind(kind)
    .bind(author)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    if let Some(message) = duplicate_message {
        add_update(&mut tx, report_id, Some(author), &message).await?;
        sqlx::query("UPDATE reports SET acknowledged_at = $1 WHERE id = $2 AND acknowledged_at IS NULL")
            .bind(now())
            .bind(report_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
