//! Problem profiles, their actions and history, and the counts the hub computes for them
//! (charts, before/after assessment, hotspot detection).

use super::{format_date, format_time, names, now, reference::Tx, Db, DbError};
use crate::{
    problems::{
        hotspots::{AreaCounts, CellCount, VictimReport},
        ActionStatus, Decision, HistoryEntry, LinkedItem, Priority, ProblemAction, Profile, ProfileSummary,
        Stage, Triangle,
    },
    reference::Names,
};
use sqlx::Row as _;

const DAY: i64 = 86_400;

/// `$first, $first+1, ...` for an `IN (...)` list of `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Who may see which profiles.
pub enum Audience<'a> {
    Csp,
    /// Partner users: only profiles shared with one of these organisations.
    Partner(&'a [i64]),
}

/// A change refused because someone else changed the profile first.
#[derive(Debug)]
pub enum ChangeError {
    Stale,
    /// The profile is closed: nothing more is added to it.
    Closed,
    Db(DbError),
}

impl From<DbError> for ChangeError {
    fn from(e: DbError) -> Self {
        ChangeError::Db(e)
    }
}

/// Claims the profile's next version (failing with `Stale` if it moved on) and records the
/// change in its history, inside the change's own transaction.
async fn bump(
    tx: &mut Tx<'_>,
    profile_id: i64,
    version: i64,
    user_id: i64,
    change: &str,
    detail: &str,
) -> Result<(), ChangeError> {
    let at = now();
    let done = sqlx::query(
        "UPDATE problem_profiles SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(at)
    .bind(profile_id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(ChangeError::Stale);
    }
    sqlx::query("INSERT INTO problem_profile_history (profile_id, version, at, user_id, change, detail) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(profile_id)
        .bind(version + 1)
        .bind(at)
        .bind(user_id)
        .bind(change)
        .bind(detail)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub struct NewProfile<'a> {
    pub csp_id: i64,
    pub title: &'a str,
    pub priority: Priority,
    pub requester: &'a str,
    pub aim: &'a str,
    pub period_from: i64,
    pub period_to: i64,
    pub statement: &'a str,
    pub neighbourhoods: &'a [i64],
    pub categories: &'a [i64],
    pub item_ids: &'a [i64],
    pub created_by: i64,
}

/// Opens a profile (numbered `PP-26-0001`) with its scope and linked items; returns its reference.
pub async fn create(db: &Db, p: NewProfile<'_>) -> Result<String, DbError> {
    let at = now();
    let year = chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y").to_string())
        .and_then(|y| y.parse::<i64>().ok())
        .unwrap_or(2026);
    let mut tx = db.writer().begin().await?;
    let n: i64 = sqlx::query(
        "INSERT INTO problem_profile_sequences (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = problem_profile_sequences.last + 1 RETURNING last",
    )
    .bind(year)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let reference = format!("PP-{:02}-{:04}", year.rem_euclid(100), n);
    let id: i64 = sqlx::query(
        "INSERT INTO problem_profiles (reference, csp_id, title, priority, requester, aim, period_from, period_to, statement, \
         created_by, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 1) RETURNING id",
    )
    .bind(&reference)
    .bind(p.csp_id)
    .bind(p.title)
    .bind(p.priority.as_str())
    .bind(p.requester)
    .bind(p.aim)
    .bind(p.period_from)
    .bind(p.period_to)
    .bind(p.statement)
    .bind(p.created_by)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    set_scope(&mut tx, id, p.neighbourhoods, p.categories).await?;
    for item in p.item_ids {
        sqlx::query("INSERT INTO problem_profile_items (profile_id, item_id, added_by, added_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(item)
            .bind(p.created_by)
            .bind(at)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("INSERT INTO problem_profile_history (profile_id, version, at, user_id, change, detail) VALUES ($1, 1, $2, $3, 'opened', $4)")
        .bind(id)
        .bind(at)
        .bind(p.created_by)
        .bind(p.title)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(reference)
}

async fn set_scope(
    tx: &mut Tx<'_>,
    id: i64,
    neighbourhoods: &[i64],
    categories: &[i64],
) -> Result<(), DbError> {
    sqlx::query("DELETE FROM problem_profile_neighbourhoods WHERE profile_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM problem_profile_categories WHERE profile_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for n in neighbourhoods {
        sqlx::query(
            "INSERT INTO problem_profile_neighbourhoods (profile_id, neighbourhood_id) VALUES ($1, $2)",
        )
        .bind(id)
        .bind(n)
        .execute(&mut **tx)
        .await?;
    }
    for c in categories {
        sqlx::query("INSERT INTO problem_profile_categories (profile_id, category_id) VALUES ($1, $2)")
            .bind(id)
            .bind(c)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A stored value of a profile field.
pub enum Value {
    Text(String),
    Int(Option<i64>),
}

/// Sets fields of a profile (column names come from the code, never from a form), with the
/// history entry naming the change and what it now says.
pub async fn update(
    db: &Db,
    profile_id: i64,
    version: i64,
    user_id: i64,
    change: &str,
    detail: &str,
    fields: &[(&'static str, Value)],
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, profile_id, version, user_id, change, detail).await?;
    set_fields(&mut tx, profile_id, fields).await?;
    tx.commit().await?;
    Ok(())
}

async fn set_fields(
    tx: &mut Tx<'_>,
    profile_id: i64,
    fields: &[(&'static str, Value)],
) -> Result<(), DbError> {
    if fields.is_empty() {
        return Ok(());
    }
    let sets: Vec<String> =
        fields.iter().enumerate().map(|(i, (column, _))| format!("{column} = ${}", i + 1)).collect();
    let sql = format!("UPDATE problem_profiles SET {} WHERE id = ${}", sets.join(", "), fields.len() + 1);
    let mut q = sqlx::query(&sql);
    for (_, value) in fields {
        q = match value {
            Value::Text(t) => q.bind(t.clone()),
            Value::Int(i) => q.bind(*i),
        };
    }
    q.bind(profile_id).execute(&mut **tx).await?;
    Ok(())
}

/// The terms of reference, with the profile's neighbourhoods and categories.
#[allow(clippy::too_many_arguments)]
pub async fn update_terms(
    db: &Db,
    profile_id: i64,
    version: i64,
    user_id: i64,
    detail: &str,
    fields: &[(&'static str, Value)],
    neighbourhoods: &[i64],
    categories: &[i64],
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, profile_id, version, user_id, "terms", detail).await?;
    set_fields(&mut tx, profile_id, fields).await?;
    set_scope(&mut tx, profile_id, neighbourhoods, categories).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn link_item(
    db: &Db,
    profile_id: i64,
    version: i64,
    user_id: i64,
    item_id: i64,
    reference: &str,
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, profile_id, version, user_id, "item_added", reference).await?;
    sqlx::query("INSERT INTO problem_profile_items (profile_id, item_id, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(profile_id)
        .bind(item_id)
        .bind(user_id)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn unlink_item(
    db: &Db,
    profile_id: i64,
    version: i64,
    user_id: i64,
    item_id: i64,
    reference: &str,
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, profile_id, version, user_id, "item_removed", reference).await?;
    sqlx::query("DELETE FROM problem_profile_items WHERE profile_id = $1 AND item_id = $2")
        .bind(profile_id)
        .bind(item_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Shares the profile with exactly `organisations`, and writes `audit` (who shared it with
/// whom) in the same transaction: shared and audited together, or neither.
pub async fn set_shares(
    db: &Db,
    profile_id: i64,
    version: i64,
    user_id: i64,
    organisations: &[i64],
    detail: &str,
    audit: &crate::audit::NewAuditEntry,
) -> Result<(), ChangeError> {
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, profile_id, version, user_id, "shared", detail).await?;
    sqlx::query("DELETE FROM problem_profile_shares WHERE profile_id = $1")
        .bind(profile_id)
        .execute(&mut *tx)
        .await?;
    for o in organisations {
        sqlx::query("INSERT INTO problem_profile_shares (profile_id, organisation_id) VALUES ($1, $2)")
            .bind(profile_id)
            .bind(o)
            .execute(&mut *tx)
            .await?;
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(())
}

pub struct NewAction<'a> {
    pub title: &'a str,
    pub organisation_id: Option<i64>,
    pub owner: &'a str,
    pub due_on: Option<i64>,
    pub notes: &'a str,
}

pub async fn add_action(
    db: &Db,
    profile_id: i64,
    version: i64,
    user_id: i64,
    a: NewAction<'_>,
    detail: &str,
) -> Result<(), ChangeError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    // Read in the transaction that adds the action: a profile closed meanwhile is refused.
    let stage: Option<String> = sqlx::query("SELECT stage FROM problem_profiles WHERE id = $1")
        .bind(profile_id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?;
    if stage.as_deref() == Some("closed") {
        return Err(ChangeError::Closed);
    }
    bump(&mut tx, profile_id, version, user_id, "action_added", detail).await?;
    sqlx::query(
        "INSERT INTO problem_actions (profile_id, title, organisation_id, owner, due_on, status, notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'planned', $6, $7, $7)",
    )
    .bind(profile_id)
    .bind(a.title)
    .bind(a.organisation_id)
    .bind(a.owner)
    .bind(a.due_on)
    .bind(a.notes)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Changes an action's status, due date and notes. `Ok(false)`: no such action on this profile.
#[allow(clippy::too_many_arguments)]
pub async fn update_action(
    db: &Db,
    profile_id: i64,
    version: i64,
    user_id: i64,
    action_id: i64,
    status: ActionStatus,
    due_on: Option<i64>,
    notes: &str,
    detail: &str,
) -> Result<bool, ChangeError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, profile_id, version, user_id, "action_updated", detail).await?;
    let done = sqlx::query(
        "UPDATE problem_actions SET status = $1, due_on = $2, notes = $3, updated_at = $4, \
         done_at = CASE WHEN $5 = 'done' THEN COALESCE(done_at, $4) ELSE NULL END WHERE id = $6 AND profile_id = $7",
    )
    .bind(status.as_str())
    .bind(due_on)
    .bind(notes)
    .bind(at)
    .bind(status.as_str())
    .bind(action_id)
    .bind(profile_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}

/// A resident to tell that a profile closed: the report, its language and status, and the
/// email to send if they agreed to be contacted.
pub struct Notice {
    pub report_id: i64,
    pub status: String,
    pub message: String,
    pub email: Option<(String, String, String)>,
}

/// Records the assessment's decision. Closing sets the stage and tells each resident once:
/// a message on their tracking page and, if they agreed, an email, all in one transaction.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    db: &Db,
    profile_id: i64,
    version: i64,
    user_id: i64,
    decision: Decision,
    fields: &[(&'static str, Value)],
    notices: &[Notice],
    detail: &str,
) -> Result<usize, ChangeError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    bump(&mut tx, profile_id, version, user_id, "decided", detail).await?;
    set_fields(&mut tx, profile_id, fields).await?;
    let stage = decision.next_stage();
    sqlx::query("UPDATE problem_profiles SET decision = $1, stage = $2, closed_at = $3 WHERE id = $4")
        .bind(decision.as_str())
        .bind(stage.as_str())
        .bind((stage == Stage::Closed).then_some(at))
        .bind(profile_id)
        .execute(&mut *tx)
        .await?;
    let mut told = 0;
    if stage == Stage::Closed {
        for n in notices {
            let new = sqlx::query("INSERT INTO problem_profile_notices (profile_id, report_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(profile_id)
                .bind(n.report_id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            if new.rows_affected() == 0 {
                continue;
            }
            told += 1;
            sqlx::query("INSERT INTO report_updates (report_id, at, status, message, public, kind, author_user_id) VALUES ($1, $2, $3, $4, 1, 'status', $5)")
                .bind(n.report_id)
                .bind(at)
                .bind(&n.status)
                .bind(&n.message)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            if let Some((to, subject, body)) = &n.email {
                super::outbox::enqueue(&mut tx, to, subject, body).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(told)
}

/// The reports behind a profile's linked items, with what is needed to tell their residents.
pub struct LinkedReport {
    pub report_id: i64,
    pub reference: String,
    pub language: String,
    pub status: String,
    pub details: crate::triage::ReporterDetails,
}

pub async fn linked_reports(db: &Db, profile_id: i64) -> Result<Vec<LinkedReport>, DbError> {
    let rows = sqlx::query(
        "SELECT r.id, r.reference, r.language, r.status, p.name, p.email, p.phone, p.consent_to_contact, p.safe_contact \
         FROM problem_profile_items pi JOIN intelligence_items i ON i.id = pi.item_id JOIN reports r ON r.id = i.report_id \
         LEFT JOIN report_reporters p ON p.report_id = r.id WHERE pi.profile_id = $1 ORDER BY r.id",
    )
    .bind(profile_id)
    .fetch_all(db.reader())
    .await?;
    rows.iter()
        .map(|r| {
            let consent: Option<i64> = r.try_get(7)?;
            Ok(LinkedReport {
                report_id: r.try_get(0)?,
                reference: r.try_get(1)?,
                language: r.try_get(2)?,
                status: r.try_get(3)?,
                details: crate::triage::ReporterDetails {
                    name: r.try_get(4)?,
                    email: r.try_get(5)?,
                    phone: r.try_get(6)?,
                    consent_to_contact: consent.unwrap_or(0) != 0,
                    safe_contact: r.try_get(8)?,
                    ..Default::default()
                },
            })
        })
        .collect()
}

/// The id, CSP and version of a profile, by reference.
pub async fn find(db: &Db, reference: &str) -> Result<Option<(i64, i64, i64)>, DbError> {
    let row = sqlx::query("SELECT id, csp_id, version FROM problem_profiles WHERE reference = $1")
        .bind(reference)
        .fetch_optional(db.reader())
        .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).transpose()
}

/// Whether a profile is shared with any of these organisations.
pub async fn shared_with_any(db: &Db, profile_id: i64, organisations: &[i64]) -> Result<bool, DbError> {
    if organisations.is_empty() {
        return Ok(false);
    }
    let sql = format!(
        "SELECT COUNT(*) FROM problem_profile_shares WHERE profile_id = $1 AND organisation_id IN ({})",
        placeholders(2, organisations.len())
    );
    let mut q = sqlx::query(&sql).bind(profile_id);
    for o in organisations {
        q = q.bind(o);
    }
    Ok(q.fetch_one(db.reader()).await?.try_get::<i64, _>(0)? > 0)
}

/// The whole profile.
pub async fn load(db: &Db, id: i64) -> Result<Option<Profile>, DbError> {
    let Some(r) = sqlx::query(
        "SELECT id, reference, csp_id, title, stage, priority, requester, aim, period_from, period_to, statement, affected, \
         offender, victim, place, handler, guardian, manager, hypothesis, gaps, response_started_at, window_days, process_review, \
         decision, decision_notes, outcome_en, outcome_cy, version, created_at, updated_at, closed_at FROM problem_profiles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?
    else {
        return Ok(None);
    };
    let text = |i: usize| -> Result<String, DbError> { r.try_get(i) };
    let period_to: i64 = r.try_get(9)?;
    let response_started: Option<i64> = r.try_get(20)?;
    let decision: Option<String> = r.try_get(23)?;
    let closed_at: Option<i64> = r.try_get(30)?;
    let today = now();
    let neighbourhoods = sqlx::query(
        "SELECT n.id, n.name_en, n.name_cy FROM problem_profile_neighbourhoods pn JOIN neighbourhoods n ON n.id = pn.neighbourhood_id \
         WHERE pn.profile_id = $1 ORDER BY n.name_en",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, names(r, 1)?)))
    .collect::<Result<Vec<_>, DbError>>()?;
    let categories = sqlx::query(
        "SELECT c.id, c.name_en, c.name_cy FROM problem_profile_categories pc JOIN report_categories c ON c.id = pc.category_id \
         WHERE pc.profile_id = $1 ORDER BY c.position, c.id",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, names(r, 1)?)))
    .collect::<Result<Vec<_>, DbError>>()?;
    let shared_with = sqlx::query(
        "SELECT o.id, o.name FROM problem_profile_shares s JOIN organisations o ON o.id = s.organisation_id WHERE s.profile_id = $1 ORDER BY o.name",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect::<Result<Vec<_>, DbError>>()?;
    let actions = sqlx::query(
        "SELECT a.id, a.title, o.name, a.organisation_id, a.owner, a.due_on, a.status, a.notes FROM problem_actions a \
         LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.profile_id = $1 ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| {
        let due_on: Option<i64> = r.try_get(5)?;
        let status = ActionStatus::parse(&r.try_get::<String, _>(6)?).unwrap_or(ActionStatus::Planned);
        Ok(ProblemAction {
            id: r.try_get(0)?,
            title: r.try_get(1)?,
            organisation: r.try_get(2)?,
            organisation_id: r.try_get(3)?,
            owner: r.try_get(4)?,
            due_on: due_on.map(format_date),
            overdue: action_overdue(status, due_on, today),
            status,
            notes: r.try_get(7)?,
        })
    })
    .collect::<Result<Vec<_>, DbError>>()?;
    let items = sqlx::query(
        "SELECT rp.reference, i.summary, i.source_grade, i.intelligence_grade, i.handling_code, c.name_en, c.name_cy, n.name_en, n.name_cy, rp.created_at \
         FROM problem_profile_items pi JOIN intelligence_items i ON i.id = pi.item_id JOIN reports rp ON rp.id = i.report_id \
         JOIN report_categories c ON c.id = rp.category_id JOIN neighbourhoods n ON n.id = rp.neighbourhood_id \
         WHERE pi.profile_id = $1 ORDER BY rp.created_at DESC",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| {
        Ok(LinkedItem {
            reference: r.try_get(0)?,
            summary: r.try_get(1)?,
            grade: format!("{}{}{}", r.try_get::<String, _>(2)?, r.try_get::<String, _>(3)?, r.try_get::<String, _>(4)?),
            category: names(r, 5)?,
            neighbourhood: names(r, 7)?,
            received: format_date(r.try_get(9)?),
        })
    })
    .collect::<Result<Vec<_>, DbError>>()?;
    Ok(Some(Profile {
        id: r.try_get(0)?,
        reference: text(1)?,
        csp_id: r.try_get(2)?,
        title: text(3)?,
        stage: Stage::parse(&text(4)?).unwrap_or(Stage::Scanning),
        priority: Priority::parse(&text(5)?).unwrap_or(Priority::Medium),
        requester: text(6)?,
        aim: text(7)?,
        period_from: format_date(r.try_get(8)?),
        // Stored as the end of the period (exclusive): shown as its last day.
        period_to: format_date(period_to - DAY),
        statement: text(10)?,
        affected: text(11)?,
        triangle: Triangle {
            offender: text(12)?,
            victim: text(13)?,
            place: text(14)?,
            handler: text(15)?,
            guardian: text(16)?,
            manager: text(17)?,
        },
        hypothesis: text(18)?,
        gaps: text(19)?,
        response_started: response_started.map(format_date),
        window_days: r.try_get(21)?,
        process_review: text(22)?,
        decision: decision.as_deref().and_then(Decision::parse),
        decision_notes: text(24)?,
        outcome_en: text(25)?,
        outcome_cy: text(26)?,
        neighbourhoods,
        categories,
        shared_with,
        actions,
        items,
        version: r.try_get(27)?,
        created_at: format_time(r.try_get(28)?),
        updated_at: format_time(r.try_get(29)?),
        closed_at: closed_at.map(format_time),
    }))
}

/// Open actions past their due day are overdue (the due day itself is not).
pub fn action_overdue(status: ActionStatus, due_on: Option<i64>, now: i64) -> bool {
    matches!(status, ActionStatus::Planned | ActionStatus::InProgress)
        && due_on.is_some_and(|d| d + DAY <= now)
}

/// The scope used by counts: the profile's CSP, neighbourhoods, categories and period.
#[derive(Clone, Debug)]
pub struct Scope {
    pub csp_id: i64,
    pub neighbourhoods: Vec<i64>,
    pub categories: Vec<i64>,
    pub from: i64,
    pub to: i64,
}

pub async fn scope(db: &Db, id: i64) -> Result<Scope, DbError> {
    let r = sqlx::query("SELECT csp_id, period_from, period_to FROM problem_profiles WHERE id = $1")
        .bind(id)
        .fetch_one(db.reader())
        .await?;
    let ids = |sql: &'static str| async move {
        sqlx::query(sql)
            .bind(id)
            .fetch_all(db.reader())
            .await?
            .iter()
            .map(|r| r.try_get::<i64, _>(0))
            .collect::<Result<Vec<i64>, DbError>>()
    };
    Ok(Scope {
        csp_id: r.try_get(0)?,
        from: r.try_get(1)?,
        to: r.try_get(2)?,
        neighbourhoods: ids(
            "SELECT neighbourhood_id FROM problem_profile_neighbourhoods WHERE profile_id = $1",
        )
        .await?,
        categories: ids("SELECT category_id FROM problem_profile_categories WHERE profile_id = $1").await?,
    })
}

/// One report in a profile's scope, as the charts and the map use it.
pub struct ScopeReport {
    pub created_at: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub identity: Option<String>,
}

/// The reports of the profile's categories in its neighbourhoods during its period (not
/// duplicates), oldest first, with verified contact details reduced to a matching key.
pub async fn scope_reports(db: &Db, s: &Scope) -> Result<Vec<ScopeReport>, DbError> {
    if s.neighbourhoods.is_empty() || s.categories.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT r.created_at, r.lat, r.lon, CASE WHEN p.contact_verified_at IS NOT NULL THEN lower(p.email) END \
         FROM reports r LEFT JOIN report_reporters p ON p.report_id = r.id \
         WHERE r.csp_id = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.status <> 'duplicate' \
         AND r.neighbourhood_id IN ({}) AND r.category_id IN ({}) ORDER BY r.created_at",
        placeholders(4, s.neighbourhoods.len()),
        placeholders(4 + s.neighbourhoods.len(), s.categories.len())
    );
    let mut q = sqlx::query(&sql).bind(s.csp_id).bind(s.from).bind(s.to);
    for n in &s.neighbourhoods {
        q = q.bind(n);
    }
    for c in &s.categories {
        q = q.bind(c);
    }
    q.fetch_all(db.reader())
        .await?
        .iter()
        .map(|r| {
            let coordinate = |i: usize| -> Result<Option<f64>, DbError> { r.try_get::<Option<f64>, _>(i) };
            Ok(ScopeReport {
                created_at: r.try_get(0)?,
                lat: coordinate(1)?,
                lon: coordinate(2)?,
                identity: r.try_get(3)?,
            })
        })
        .collect()
}

/// Reports of these categories in the CSP, per neighbourhood, before and after `split`
/// (windows `[from, split)` and `[split, to)`).
pub async fn before_after(
    db: &Db,
    csp_id: i64,
    categories: &[i64],
    from: i64,
    split: i64,
    to: i64,
) -> Result<Vec<(i64, i64, i64)>, DbError> {
    if categories.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT neighbourhood_id, SUM(CASE WHEN created_at < $4 THEN 1 ELSE 0 END), SUM(CASE WHEN created_at >= $4 THEN 1 ELSE 0 END) \
         FROM reports WHERE csp_id = $1 AND created_at >= $2 AND created_at < $3 AND status <> 'duplicate' AND category_id IN ({}) \
         GROUP BY neighbourhood_id",
        placeholders(5, categories.len())
    );
    let mut q = sqlx::query(&sql).bind(csp_id).bind(from).bind(to).bind(split);
    for c in categories {
        q = q.bind(c);
    }
    q.fetch_all(db.reader())
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get::<i64, _>(1)?, r.try_get::<i64, _>(2)?)))
        .collect()
}

/// The CSP's profiles an audience may see: open ones by priority, then closed, newest first.
pub async fn list(db: &Db, csp_id: i64, audience: Audience<'_>) -> Result<Vec<ProfileSummary>, DbError> {
    let today = now();
    let (filter, organisations) = match audience {
        Audience::Csp => (String::new(), &[][..]),
        Audience::Partner([]) => return Ok(Vec::new()),
        Audience::Partner(o) => (
            format!(
                " AND p.id IN (SELECT profile_id FROM problem_profile_shares WHERE organisation_id IN ({}))",
                placeholders(3, o.len())
            ),
            o,
        ),
    };
    let sql = format!(
        "SELECT p.id, p.reference, p.title, p.stage, p.priority, p.updated_at, \
         (SELECT COUNT(*) FROM problem_profile_items i WHERE i.profile_id = p.id), \
         (SELECT COUNT(*) FROM problem_actions a WHERE a.profile_id = p.id AND a.status IN ('planned', 'in_progress')), \
         (SELECT COUNT(*) FROM problem_actions a WHERE a.profile_id = p.id AND a.status IN ('planned', 'in_progress') AND a.due_on + 86400 <= $2) \
         FROM problem_profiles p WHERE p.csp_id = $1{filter} \
         ORDER BY CASE WHEN p.stage = 'closed' THEN 1 ELSE 0 END, CASE p.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, p.updated_at DESC LIMIT 500"
    );
    let mut q = sqlx::query(&sql).bind(csp_id).bind(today);
    for o in organisations {
        q = q.bind(o);
    }
    let rows = q.fetch_all(db.reader()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get(0)?;
        let neighbourhoods = sqlx::query(
            "SELECT n.name_en, n.name_cy FROM problem_profile_neighbourhoods pn JOIN neighbourhoods n ON n.id = pn.neighbourhood_id WHERE pn.profile_id = $1 ORDER BY n.name_en",
        )
        .bind(id)
        .fetch_all(db.reader())
        .await?
        .iter()
        .map(|r| names(r, 0))
        .collect::<Result<Vec<_>, DbError>>()?;
        out.push(ProfileSummary {
            id,
            reference: r.try_get(1)?,
            title: r.try_get(2)?,
            stage: Stage::parse(&r.try_get::<String, _>(3)?).unwrap_or(Stage::Scanning),
            priority: Priority::parse(&r.try_get::<String, _>(4)?).unwrap_or(Priority::Medium),
            updated_at: format_date(r.try_get(5)?),
            items: r.try_get(6)?,
            actions_open: r.try_get(7)?,
            actions_overdue: r.try_get(8)?,
            neighbourhoods,
        });
    }
    Ok(out)
}

pub async fn history(db: &Db, id: i64) -> Result<Vec<HistoryEntry>, DbError> {
    sqlx::query(
        "SELECT h.version, h.at, u.display_name, h.change, h.detail FROM problem_profile_history h JOIN users u ON u.id = h.user_id \
         WHERE h.profile_id = $1 ORDER BY h.version DESC, h.id DESC",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| Ok(HistoryEntry { version: r.try_get(0)?, at: format_time(r.try_get(1)?), who: r.try_get(2)?, change: r.try_get(3)?, detail: r.try_get(4)? }))
    .collect()
}

/// The intelligence item of a report of the CSP, by the report's reference.
pub async fn item_by_reference(db: &Db, csp_id: i64, reference: &str) -> Result<Option<i64>, DbError> {
    let row = sqlx::query("SELECT i.id FROM intelligence_items i JOIN reports r ON r.id = i.report_id WHERE r.reference = $1 AND i.csp_id = $2")
        .bind(reference)
        .bind(csp_id)
        .fetch_optional(db.reader())
        .await?;
    row.map(|r| r.try_get(0)).transpose()
}

/// The intelligence items among these report references (for a profile opened from a suggestion).
pub async fn items_for_references(db: &Db, csp_id: i64, references: &[String]) -> Result<Vec<i64>, DbError> {
    if references.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT i.id FROM intelligence_items i JOIN reports r ON r.id = i.report_id WHERE i.csp_id = $1 AND r.reference IN ({})",
        placeholders(2, references.len())
    );
    let mut q = sqlx::query(&sql).bind(csp_id);
    for r in references {
        q = q.bind(r);
    }
    q.fetch_all(db.reader()).await?.iter().map(|r| r.try_get(0)).collect()
}

/// The CSP's neighbourhoods (id, names) and report categories (id, family, names).
pub async fn choices(
    db: &Db,
    csp_id: i64,
) -> Result<(Vec<(i64, Names)>, Vec<(i64, String, Names)>), DbError> {
    let neighbourhoods =
        sqlx::query("SELECT id, name_en, name_cy FROM neighbourhoods WHERE csp_id = $1 ORDER BY name_en")
            .bind(csp_id)
            .fetch_all(db.reader())
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, names(r, 1)?)))
            .collect::<Result<Vec<_>, DbError>>()?;
    let categories = sqlx::query("SELECT id, family, name_en, name_cy FROM report_categories WHERE csp_id = $1 AND active = 1 ORDER BY position, id")
        .bind(csp_id)
        .fetch_all(db.reader())
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, names(r, 2)?)))
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok((neighbourhoods, categories))
}

/// Hotspot detection's counts: per neighbourhood and family, the last 28 days and the twelve
/// 28-day periods before, up to `now`.
pub async fn area_counts(db: &Db, csp_id: i64, now: i64) -> Result<Vec<AreaCounts>, DbError> {
    use crate::problems::hotspots::{BASELINE_PERIODS, RECENT_DAYS};
    let recent = now - RECENT_DAYS * DAY;
    let start = recent - BASELINE_PERIODS * RECENT_DAYS * DAY;
    sqlx::query(
        "SELECT r.neighbourhood_id, c.family, SUM(CASE WHEN r.created_at >= $2 THEN 1 ELSE 0 END), SUM(CASE WHEN r.created_at < $2 THEN 1 ELSE 0 END) \
         FROM reports r JOIN report_categories c ON c.id = r.category_id \
         WHERE r.csp_id = $1 AND r.created_at >= $3 AND r.created_at < $4 AND r.status <> 'duplicate' GROUP BY r.neighbourhood_id, c.family",
    )
    .bind(csp_id)
    .bind(recent)
    .bind(start)
    .bind(now)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| Ok(AreaCounts { neighbourhood_id: r.try_get(0)?, family: r.try_get(1)?, recent: r.try_get(2)?, baseline_total: r.try_get(3)? }))
    .collect()
}

/// A recent report as repeat-place and repeat-victim detection read it.
pub struct RecentReport {
    pub victim: VictimReport,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The CSP's reports since `since` (not duplicates), oldest first, and the repeat links
/// between them.
pub async fn recent_reports(
    db: &Db,
    csp_id: i64,
    since: i64,
) -> Result<(Vec<RecentReport>, Vec<(i64, i64)>), DbError> {
    let reports = sqlx::query(
        "SELECT r.id, r.reference, r.neighbourhood_id, c.family, r.lat, r.lon, \
         CASE WHEN p.contact_verified_at IS NOT NULL THEN lower(p.email) END \
         FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN report_reporters p ON p.report_id = r.id \
         WHERE r.csp_id = $1 AND r.created_at >= $2 AND r.status <> 'duplicate' ORDER BY r.id",
    )
    .bind(csp_id)
    .bind(since)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| {
        let coordinate = |i: usize| -> Result<Option<f64>, DbError> { r.try_get::<Option<f64>, _>(i) };
        Ok(RecentReport {
            victim: VictimReport { id: r.try_get(0)?, reference: r.try_get(1)?, neighbourhood_id: r.try_get(2)?, family: r.try_get(3)?, identity: r.try_get(6)? },
            lat: coordinate(4)?,
            lon: coordinate(5)?,
        })
    })
    .collect::<Result<Vec<_>, DbError>>()?;
    let links = sqlx::query(
        "SELECT l.report_id, l.linked_id FROM report_links l JOIN reports r ON r.id = l.report_id \
         WHERE l.kind = 'repeat' AND r.csp_id = $1 AND r.created_at >= $2",
    )
    .bind(csp_id)
    .bind(since)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect::<Result<Vec<_>, DbError>>()?;
    Ok((reports, links))
}

/// Groups recent reports with a point into grid cells per neighbourhood and family.
pub fn cells(reports: &[RecentReport]) -> Vec<CellCount> {
    let mut by_cell: std::collections::BTreeMap<(i64, String, i64, i64), Vec<String>> =
        std::collections::BTreeMap::new();
    for r in reports.iter().rev() {
        let (Some(lat), Some(lon)) = (r.lat, r.lon) else { continue };
        let key = (
            (lat / crate::open311::SNAP_LAT).floor() as i64,
            (lon / crate::open311::SNAP_LON).floor() as i64,
        );
        by_cell
            .entry((r.victim.neighbourhood_id, r.victim.family.clone(), key.0, key.1))
            .or_default()
            .push(r.victim.reference.clone());
    }
    by_cell
        .into_iter()
        .map(|((neighbourhood_id, family, y, x), references)| CellCount {
            neighbourhood_id,
            family,
            centre: crate::open311::snap(
                (y as f64 + 0.5) * crate::open311::SNAP_LAT,
                (x as f64 + 0.5) * crate::open311::SNAP_LON,
            ),
            references,
        })
        .collect()
}

/// Open profiles of the CSP with their neighbourhoods and category families: a suggestion they
/// already cover is shown with the profile instead of as new.
pub async fn open_coverage(db: &Db, csp_id: i64) -> Result<Vec<(String, i64, String)>, DbError> {
    sqlx::query(
        "SELECT DISTINCT p.reference, pn.neighbourhood_id, c.family FROM problem_profiles p \
         JOIN problem_profile_neighbourhoods pn ON pn.profile_id = p.id JOIN problem_profile_categories pc ON pc.profile_id = p.id \
         JOIN report_categories c ON c.id = pc.category_id WHERE p.csp_id = $1 AND p.stage <> 'closed'",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
    .collect()
}
