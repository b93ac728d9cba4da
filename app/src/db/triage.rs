//! Triage: the intake queue, one report as officers see it, and the changes they make. Every
//! change checks the report's `version`, so a second officer working on a report someone else
//! has just changed is told, and nothing is silently overwritten.

use super::{format_time, names, now, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    reference::Names,
    reporting::ReportStatus,
    triage::{
        acknowledge_due, Grade, IntelligenceItem, QueueCounts, QueueFilter, QueueRow, ReporterDetails,
        DEFAULT_ACKNOWLEDGE_DAYS, QUEUE_PAGE_SIZE,
    },
};
use sqlx::Row as _;

pub async fn acknowledge_days(db: &Db, csp_id: i64) -> Result<i64, DbError> {
    let row = sqlx::query("SELECT acknowledge_working_days FROM csp_settings WHERE csp_id = $1")
        .bind(csp_id)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?.unwrap_or(DEFAULT_ACKNOWLEDGE_DAYS))
}

/// The latest receipt time whose acknowledgement is already overdue at `now`.
pub fn overdue_cutoff(now: i64, working_days: i64) -> i64 {
    let (mut low, mut high) = (now - 60 * 86_400, now);
    while low < high {
        let mid = low + (high - low + 1) / 2;
        if acknowledge_due(mid, working_days) < now {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low
}

const CLOSED: &str =
    "('fixed', 'duplicate', 'not_responsible', 'no_further_action', 'internal_referral', 'closed')";

/// The queue's page for `filter`, its total, and the CSP's counts.
pub async fn queue(
    db: &Db,
    csp_id: i64,
    filter: &QueueFilter,
    user_id: i64,
) -> Result<(Vec<QueueRow>, i64, QueueCounts), DbError> {
    let days = acknowledge_days(db, csp_id).await?;
    let at = now();
    let cutoff = overdue_cutoff(at, days);
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
            sqlx::query("SELECT id FROM report_categories WHERE csp_id = $1 AND code = $2")
                .bind(csp_id)
                .bind(code)
                .fetch_optional(db.reader())
                .await?
                .map(|r| r.try_get(0))
                .transpose()?
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
        "SELECT r.reference, c.name_en, c.name_cy, n.name_en, n.name_cy, r.status, r.created_at, r.acknowledged_at, r.sensitive, \
                i.source_grade, i.intelligence_grade, i.handling_code, u.display_name, o.name, r.trigger_rule, t.name, \
                (SELECT COUNT(*) FROM report_reporters rr WHERE rr.report_id = r.id AND rr.safe_contact IS NOT NULL) \
         FROM reports r JOIN report_categories c ON c.id = r.category_id JOIN neighbourhoods n ON n.id = r.neighbourhood_id \
         LEFT JOIN intelligence_items i ON i.report_id = r.id LEFT JOIN users u ON u.id = r.assigned_user_id \
         LEFT JOIN organisations o ON o.id = r.assigned_organisation_id LEFT JOIN teams t ON t.id = r.assigned_team_id \
         WHERE {conditions} ORDER BY {order} LIMIT $9 OFFSET $10"
    );
    let rows = sqlx::query(&select)
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
    let rows = rows
        .iter()
        .map(|r| {
            let created: i64 = r.try_get(6)?;
            let acknowledged = r.try_get::<Option<i64>, _>(7)?.is_some();
            let grade: Option<String> = match (
                r.try_get::<Option<String>, _>(9)?,
                r.try_get::<Option<String>, _>(10)?,
                r.try_get::<Option<String>, _>(11)?,
            ) {
                (Some(s), Some(i), Some(h)) => Some(format!("{s}{i} {h}")),
                _ => None,
            };
            let assigned_to = r
                .try_get::<Option<String>, _>(12)?
                .or(r.try_get::<Option<String>, _>(13)?)
                .or(r.try_get::<Option<String>, _>(15)?);
            Ok(QueueRow {
                reference: r.try_get(0)?,
                category: names(r, 1)?,
                neighbourhood: names(r, 3)?,
                status: ReportStatus::parse(&r.try_get::<String, _>(5)?).unwrap_or(ReportStatus::Open),
                created_at: format_time(created),
                acknowledged,
                overdue: !acknowledged && acknowledge_due(created, days) < at,
                sensitive: r.try_get::<i64, _>(8)? == 1,
                graded: grade,
                assigned_to,
                trigger: r.try_get(14)?,
                safe_contact: r.try_get::<i64, _>(16)? > 0,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let count_sql = format!("SELECT COUNT(*) FROM reports r WHERE {conditions}");
    let total: i64 = sqlx::query(&count_sql)
        .bind(csp_id)
        .bind(category)
        .bind(neighbourhood)
        .bind(sensitive)
        .bind(mine)
        .bind(overdue)
        .bind(filter.trigger as i64)
        .bind(reference)
        .fetch_one(db.reader())
        .await?
        .try_get(0)?;
    let counts = sqlx::query(&format!(
        "SELECT COALESCE(SUM(CASE WHEN r.acknowledged_at IS NULL THEN 1 ELSE 0 END), 0), \
                COALESCE(SUM(CASE WHEN r.acknowledged_at IS NULL AND r.created_at <= $2 THEN 1 ELSE 0 END), 0), \
                COUNT(*) \
         FROM reports r WHERE r.csp_id = $1 AND r.status NOT IN {CLOSED}"
    ))
    .bind(csp_id)
    .bind(cutoff)
    .fetch_one(db.reader())
    .await?;
    let counts =
        QueueCounts { new: counts.try_get(0)?, overdue: counts.try_get(1)?, open: counts.try_get(2)? };
    Ok((rows, total, counts))
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
    pub family: String,
    pub asb_qualifier: Option<String>,
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
    pub source: String,
    /// The Community Trigger rule the report meets, if any.
    pub trigger_rule: Option<String>,
}

pub async fn record(db: &Db, reference: &str) -> Result<Option<TriageRecord>, DbError> {
    let Some(r) = sqlx::query(
        "SELECT r.id, r.csp_id, r.version, r.reference, r.status, c.code, c.name_en, c.name_cy, c.family, r.asb_qualifier, r.hate_strands, \
                w.name_en, w.name_cy, n.name_en, n.name_cy, r.location_text, r.lat, r.lon, r.happened_at, r.ongoing, r.description, \
                r.language, r.sensitive, r.created_at, r.acknowledged_at, r.assigned_user_id, r.assigned_organisation_id, r.source, r.neighbourhood_id, r.trigger_rule, r.assigned_team_id \
         FROM reports r JOIN report_categories c ON c.id = r.category_id JOIN wards w ON w.code = r.ward_code \
         JOIN neighbourhoods n ON n.id = r.neighbourhood_id WHERE r.reference = $1",
    )
    .bind(reference)
    .fetch_optional(db.reader())
    .await?
    else {
        return Ok(None);
    };
    let lat: Option<f64> = r.try_get(16)?;
    let lon: Option<f64> = r.try_get(17)?;
    Ok(Some(TriageRecord {
        id: r.try_get(0)?,
        csp_id: r.try_get(1)?,
        version: r.try_get(2)?,
        reference: r.try_get(3)?,
        status: ReportStatus::parse(&r.try_get::<String, _>(4)?).unwrap_or(ReportStatus::Open),
        category_code: r.try_get(5)?,
        category: names(&r, 6)?,
        family: r.try_get(8)?,
        asb_qualifier: r.try_get(9)?,
        hate_strands: r
            .try_get::<Option<String>, _>(10)?
            .map(|s| s.split(',').map(str::to_string).collect())
            .unwrap_or_default(),
        ward: names(&r, 11)?,
        neighbourhood: names(&r, 13)?,
        location_text: r.try_get(15)?,
        point: lat.zip(lon),
        happened_at: r.try_get(18)?,
        ongoing: r.try_get::<i64, _>(19)? == 1,
        description: r.try_get(20)?,
        language: r.try_get(21)?,
        sensitive: r.try_get::<i64, _>(22)? == 1,
        created_at: r.try_get(23)?,
        acknowledged_at: r.try_get(24)?,
        assigned_user_id: r.try_get(25)?,
        assigned_organisation_id: r.try_get(26)?,
        source: r.try_get(27)?,
        neighbourhood_id: r.try_get(28)?,
        trigger_rule: r.try_get(29)?,
        assigned_team_id: r.try_get(30)?,
    }))
}

pub async fn reporter(db: &Db, report_id: i64) -> Result<ReporterDetails, DbError> {
    let row = sqlx::query("SELECT anonymous, name, email, phone, consent_to_contact, safe_contact FROM report_reporters WHERE report_id = $1")
        .bind(report_id)
        .fetch_optional(db.reader())
        .await?;
    let Some(r) = row else { return Ok(ReporterDetails { anonymous: true, ..Default::default() }) };
    Ok(ReporterDetails {
        anonymous: r.try_get::<i64, _>(0)? == 1,
        name: r.try_get(1)?,
        email: r.try_get(2)?,
        phone: r.try_get(3)?,
        consent_to_contact: r.try_get::<i64, _>(4)? == 1,
        safe_contact: r.try_get(5)?,
    })
}

/// Every update of a report, public or not, oldest first.
pub async fn updates(db: &Db, report_id: i64) -> Result<Vec<crate::triage::ReportUpdate>, DbError> {
    let rows = sqlx::query(
        "SELECT u.at, u.status, u.message, u.public, COALESCE(s.display_name, k.name), u.kind, u.public_note FROM report_updates u LEFT JOIN users s ON s.id = u.author_user_id \
         LEFT JOIN api_keys k ON k.id = u.api_key_id \
         WHERE u.report_id = $1 ORDER BY u.at, u.id",
    )
    .bind(report_id)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(crate::triage::ReportUpdate {
                at: format_time(r.try_get(0)?),
                status: ReportStatus::parse(&r.try_get::<String, _>(1)?).unwrap_or(ReportStatus::Open),
                message: r.try_get(2)?,
                public: r.try_get::<i64, _>(3)? == 1,
                author: r.try_get(4)?,
                kind: r.try_get(5)?,
                public_note: r.try_get(6)?,
            })
        })
        .collect()
}

/// People who may be given reports in a CSP (officers and managers): (id, name).
pub async fn assignable_people(db: &Db, csp_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    let rows = sqlx::query(
        "SELECT DISTINCT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id \
         WHERE r.csp_id = $1 AND r.role IN ('officer', 'csp_manager') AND u.active = 1 ORDER BY u.display_name",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// The CSP's partner organisations: (id, name).
pub async fn organisations(db: &Db, csp_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    let rows = sqlx::query("SELECT id, name FROM organisations WHERE csp_id = $1 ORDER BY name")
        .bind(csp_id)
        .fetch_all(db.reader())
        .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
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
    pub email: Option<(&'a str, String, String)>,
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
    if let Some((to, subject, body)) = &message.email {
        super::outbox::enqueue(tx, to, subject, body).await?;
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
    let item_id: i64 = sqlx::query(
        "INSERT INTO intelligence_items (report_id, csp_id, summary, source_grade, intelligence_grade, handling_code, conditions, \
         tension, graded_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
         ON CONFLICT (report_id) DO UPDATE SET summary = excluded.summary, source_grade = excluded.source_grade, \
         intelligence_grade = excluded.intelligence_grade, handling_code = excluded.handling_code, conditions = excluded.conditions, \
         tension = excluded.tension, graded_by = excluded.graded_by, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(report_id)
    .bind(csp_id)
    .bind(summary)
    .bind(&grade.source)
    .bind(&grade.intelligence)
    .bind(&grade.handling)
    .bind(&grade.conditions)
    .bind(tension)
    .bind(author)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    sqlx::query("DELETE FROM intelligence_shares WHERE item_id = $1").bind(item_id).execute(&mut *tx).await?;
    if grade.handling == "C" {
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
    let rows = sqlx::query(&format!(
        "SELECT i.id, r.reference, p.slug, c.name_en, c.name_cy, c.family, n.name_en, n.name_cy, i.summary, i.source_grade, \
                i.intelligence_grade, i.handling_code, i.conditions, i.tension, r.created_at, i.updated_at \
         FROM intelligence_items i JOIN reports r ON r.id = i.report_id JOIN report_categories c ON c.id = r.category_id \
         JOIN neighbourhoods n ON n.id = r.neighbourhood_id JOIN csps p ON p.id = i.csp_id \
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
        let id: i64 = r.try_get(0)?;
        let shared_with = sqlx::query("SELECT o.name FROM intelligence_shares s JOIN organisations o ON o.id = s.organisation_id WHERE s.item_id = $1 ORDER BY o.name")
            .bind(id)
            .fetch_all(db.reader())
            .await?
            .iter()
            .map(|s| s.try_get(0))
            .collect::<Result<Vec<String>, _>>()?;
        items.push(IntelligenceItem {
            id,
            reference: r.try_get(1)?,
            csp_slug: r.try_get(2)?,
            category: names(&r, 3)?,
            family: r.try_get(5)?,
            neighbourhood: names(&r, 6)?,
            summary: r.try_get(8)?,
            grade: Grade {
                source: r.try_get(9)?,
                intelligence: r.try_get(10)?,
                handling: r.try_get(11)?,
                conditions: r.try_get(12)?,
            },
            tension: r.try_get(13)?,
            shared_with,
            reported_at: format_time(r.try_get(14)?),
            updated_at: format_time(r.try_get(15)?),
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
    email: Option<(&str, String, String)>,
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
    if let Some((to, subject, body)) = &email {
        super::outbox::enqueue(&mut tx, to, subject, body).await?;
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
    asb_qualifier: Option<&str>,
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
    family: &str,
    from: i64,
    to: i64,
) -> Result<Vec<crate::triage::LinkCandidate>, DbError> {
    let rows = sqlx::query(
        "SELECT r.reference, r.created_at, c.family, r.neighbourhood_id, r.lat, r.lon, r.description FROM reports r \
         JOIN report_categories c ON c.id = r.category_id \
         WHERE r.csp_id = $1 AND c.family = $2 AND r.created_at >= $3 AND r.created_at <= $4 \
         ORDER BY ABS(r.created_at - $5), r.id LIMIT 500",
    )
    .bind(csp_id)
    .bind(family)
    .bind(from)
    .bind(to)
    .bind(from + (to - from) / 2)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            let lat: Option<f64> = r.try_get(4)?;
            let lon: Option<f64> = r.try_get(5)?;
            Ok(crate::triage::LinkCandidate {
                reference: r.try_get(0)?,
                created_at: r.try_get(1)?,
                family: r.try_get(2)?,
                neighbourhood_id: r.try_get(3)?,
                point: lat.zip(lon),
                description: r.try_get(6)?,
            })
        })
        .collect()
}

/// The report's links, both ways: (other reference, kind, this report is the later one).
pub async fn links(db: &Db, report_id: i64) -> Result<Vec<(String, String, bool)>, DbError> {
    let rows = sqlx::query(
        "SELECT r.reference, l.kind, 1 FROM report_links l JOIN reports r ON r.id = l.linked_id WHERE l.report_id = $1 \
         UNION ALL \
         SELECT r.reference, l.kind, 0 FROM report_links l JOIN reports r ON r.id = l.report_id WHERE l.linked_id = $1 \
         ORDER BY 1",
    )
    .bind(report_id)
    .fetch_all(db.reader())
    .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get::<i64, _>(2)? == 1))).collect()
}

/// Whether `other` is itself closed as a duplicate, or already points back at `report`.
pub async fn would_loop(db: &Db, report_id: i64, other_id: i64) -> Result<bool, DbError> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM reports WHERE id = $2 AND status = 'duplicate') + \
                (SELECT COUNT(*) FROM report_links WHERE report_id = $2 AND linked_id = $1)",
    )
    .bind(report_id)
    .bind(other_id)
    .fetch_one(db.reader())
    .await?;
    Ok(row.try_get::<i64, _>(0)? > 0)
}

/// Links the report to another of the same CSP. A duplicate is also closed as one, with a
/// message to its resident.
#[allow(clippy::too_many_arguments)]
pub async fn link(
    db: &Db,
    report_id: i64,
    version: i64,
    other_id: i64,
    kind: &str,
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
