//! Problem profiles, their actions and history, and the counts the hub computes for them
//! (charts, before/after assessment, hotspot detection).

use super::{now, reference::Tx, Db, DbError};
use crate::{
    problems::{ActionStatus, Decision, HistoryEntry, Priority, ProfileChange, Stage, Triangle},
    reference::Names,
    reporting::Family,
    time::Timestamp,
};

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
    change: ProfileChange,
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
    let n: i64 = sqlx::query_scalar(
        "INSERT INTO problem_profile_sequences (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = problem_profile_sequences.last + 1 RETURNING last",
    )
    .bind(year)
    .fetch_one(&mut *tx)
    .await?;
    let reference = format!("PP-{:02}-{:04}", year.rem_euclid(100), n);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO problem_profiles (reference, csp_id, title, priority, requester, aim, period_from, period_to, statement, \
         created_by, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 1) RETURNING id",
    )
    .bind(&reference)
    .bind(p.csp_id)
    .bind(p.title)
    .bind(p.priority)
    .bind(p.requester)
    .bind(p.aim)
    .bind(p.period_from)
    .bind(p.period_to)
    .bind(p.statement)
    .bind(p.created_by)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
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
    sqlx::query("INSERT INTO problem_profile_history (profile_id, version, at, user_id, change, detail) VALUES ($1, 1, $2, $3, $5, $4)")
        .bind(id)
        .bind(at)
        .bind(p.created_by)
        .bind(p.title)
        .bind(ProfileChange::Opened)
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
    change: ProfileChange,
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
    bump(&mut tx, profile_id, version, user_id, ProfileChange::Terms, detail).await?;
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
    bump(&mut tx, profile_id, version, user_id, ProfileChange::ItemAdded, reference).await?;
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
    bump(&mut tx, profile_id, version, user_id, ProfileChange::ItemRemoved, reference).await?;
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
    bump(&mut tx, profile_id, version, user_id, ProfileChange::Shared, detail).await?;
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
    let stage: Option<Stage> = sqlx::query_scalar("SELECT stage FROM problem_profiles WHERE id = $1")
        .bind(profile_id)
        .fetch_optional(&mut *tx)
        .await?;
    if stage == Some(Stage::Closed) {
        return Err(ChangeError::Closed);
    }
    bump(&mut tx, profile_id, version, user_id, ProfileChange::ActionAdded, detail).await?;
    sqlx::query(
        "INSERT INTO problem_actions (profile_id, title, organisation_id, owner, due_on, status, notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $8, $6, $7, $7)",
    )
    .bind(profile_id)
    .bind(a.title)
    .bind(a.organisation_id)
    .bind(a.owner)
    .bind(a.due_on)
    .bind(a.notes)
    .bind(at)
    .bind(ActionStatus::Planned)
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
    let mut tx = db.writer().begin().await?;
    let change = ActionChange { profile_id, version, user_id, action_id, status, due_on, notes, detail };
    if !update_action_in(&mut tx, &change).await? {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}

/// An action's new status, due date and notes, with the profile's version it was made from.
pub struct ActionChange<'a> {
    pub profile_id: i64,
    pub version: i64,
    pub user_id: i64,
    pub action_id: i64,
    pub status: ActionStatus,
    pub due_on: Option<i64>,
    pub notes: &'a str,
    pub detail: &'a str,
}

/// [`update_action`] inside the caller's transaction (issue 14, progress: residents who raised
/// a priority the action is linked to are told in it). An action keeps when it first started
/// (in progress) and when it was done; back to planned or dropped, it keeps neither.
pub async fn update_action_in(
    tx: &mut super::reference::Tx<'_>,
    c: &ActionChange<'_>,
) -> Result<bool, ChangeError> {
    let at = now();
    bump(tx, c.profile_id, c.version, c.user_id, ProfileChange::ActionUpdated, c.detail).await?;
    let done = sqlx::query(
        "UPDATE problem_actions SET status = $1, due_on = $2, notes = $3, updated_at = $4, \
         done_at = CASE WHEN $5 = 1 THEN COALESCE(done_at, $4) ELSE NULL END, \
         started_at = CASE WHEN $8 = 1 THEN COALESCE(started_at, $4) WHEN $5 = 1 THEN started_at ELSE NULL END \
         WHERE id = $6 AND profile_id = $7",
    )
    .bind(c.status)
    .bind(c.due_on)
    .bind(c.notes)
    .bind(at)
    .bind((c.status == ActionStatus::Done) as i64)
    .bind(c.action_id)
    .bind(c.profile_id)
    .bind((c.status == ActionStatus::InProgress) as i64)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
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
    bump(&mut tx, profile_id, version, user_id, ProfileChange::Decided, detail).await?;
    set_fields(&mut tx, profile_id, fields).await?;
    let stage = decision.next_stage();
    sqlx::query("UPDATE problem_profiles SET decision = $1, stage = $2, closed_at = $3 WHERE id = $4")
        .bind(decision)
        .bind(stage)
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
    let rows: Vec<LinkedReportRow> = sqlx::query_as(
        "SELECT r.id AS report_id, r.reference AS reference, r.language AS language, r.status AS status, p.name AS name, \
         p.email AS email, p.phone AS phone, p.consent_to_contact AS consent_to_contact, p.safe_contact AS safe_contact \
         FROM problem_profile_items pi JOIN intelligence_items i ON i.id = pi.item_id JOIN reports r ON r.id = i.report_id \
         LEFT JOIN report_reporters p ON p.report_id = r.id WHERE pi.profile_id = $1 ORDER BY r.id",
    )
    .bind(profile_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| LinkedReport {
            report_id: r.report_id,
            reference: r.reference,
            language: r.language,
            status: r.status,
            details: crate::triage::ReporterDetails {
                name: r.name,
                email: r.email,
                phone: r.phone,
                consent_to_contact: r.consent_to_contact.unwrap_or(0) != 0,
                safe_contact: r.safe_contact,
                ..Default::default()
            },
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct LinkedReportRow {
    report_id: i64,
    reference: String,
    language: String,
    status: String,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    consent_to_contact: Option<i64>,
    safe_contact: Option<String>,
}

/// What a change of a profile needs first: its id, CSP and version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ProfileKey {
    pub id: i64,
    pub csp_id: i64,
    pub version: i64,
}

/// A profile's key, by reference.
pub async fn find(db: &Db, reference: &str) -> Result<Option<ProfileKey>, DbError> {
    sqlx::query_as("SELECT id, csp_id, version FROM problem_profiles WHERE reference = $1")
        .bind(reference)
        .fetch_optional(db.reader())
        .await
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
    let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(profile_id);
    for o in organisations {
        q = q.bind(o);
    }
    Ok(q.fetch_one(db.reader()).await? > 0)
}

/// A profile as stored.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ProfileRow {
    pub id: i64,
    pub reference: String,
    pub csp_id: i64,
    pub title: String,
    pub stage: Stage,
    pub priority: Priority,
    pub requester: String,
    pub aim: String,
    pub period_from: Timestamp,
    /// The end of the period (exclusive).
    pub period_to: Timestamp,
    pub statement: String,
    pub affected: String,
    #[sqlx(flatten)]
    pub triangle: Triangle,
    pub hypothesis: String,
    pub gaps: String,
    pub response_started_at: Option<Timestamp>,
    pub window_days: i64,
    pub process_review: String,
    pub decision: Option<Decision>,
    pub decision_notes: String,
    pub outcome_en: String,
    pub outcome_cy: String,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub closed_at: Option<Timestamp>,
}

/// A neighbourhood or category with its English and Welsh names.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Named {
    pub id: i64,
    pub name_en: String,
    pub name_cy: String,
}

impl Named {
    pub fn names(&self) -> Names {
        Names::new(self.name_en.clone(), self.name_cy.clone())
    }
}

/// An organisation a profile is shared with.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
}

/// A partner action as stored, with its organisation's name.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub title: String,
    pub organisation: Option<String>,
    pub organisation_id: Option<i64>,
    pub owner: String,
    pub due_on: Option<Timestamp>,
    pub status: ActionStatus,
    pub notes: String,
}

/// A linked intelligence item with its report's category and neighbourhood.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct LinkedItemRow {
    pub id: i64,
    /// The report's reference (none for an item recorded from engagement).
    pub reference: Option<String>,
    pub source: crate::triage::IntelligenceSource,
    pub summary: String,
    #[sqlx(flatten)]
    pub grade: crate::triage::Grade,
    pub category_en: Option<String>,
    pub category_cy: Option<String>,
    pub neighbourhood_en: String,
    pub neighbourhood_cy: String,
    pub received_at: Timestamp,
}

/// The whole profile as stored: its row, scope, shares, actions and linked items
/// (`problems::Profile::at` makes the profile pages and the API show).
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileRecord {
    pub profile: ProfileRow,
    pub neighbourhoods: Vec<Named>,
    pub categories: Vec<Named>,
    pub shared_with: Vec<OrganisationRow>,
    pub actions: Vec<ActionRow>,
    pub items: Vec<LinkedItemRow>,
}

pub async fn load(db: &Db, id: i64) -> Result<Option<ProfileRecord>, DbError> {
    let Some(profile) = sqlx::query_as::<_, ProfileRow>(
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
    let neighbourhoods = sqlx::query_as(
        "SELECT n.id AS id, n.name_en AS name_en, n.name_cy AS name_cy FROM problem_profile_neighbourhoods pn \
         JOIN neighbourhoods n ON n.id = pn.neighbourhood_id WHERE pn.profile_id = $1 ORDER BY n.name_en",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    let categories = sqlx::query_as(
        "SELECT c.id AS id, c.name_en AS name_en, c.name_cy AS name_cy FROM problem_profile_categories pc \
         JOIN report_categories c ON c.id = pc.category_id WHERE pc.profile_id = $1 ORDER BY c.position, c.id",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    let shared_with = sqlx::query_as(
        "SELECT o.id AS id, o.name AS name FROM problem_profile_shares s JOIN organisations o ON o.id = s.organisation_id \
         WHERE s.profile_id = $1 ORDER BY o.name",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    let actions = sqlx::query_as(
        "SELECT a.id AS id, a.title AS title, o.name AS organisation, a.organisation_id AS organisation_id, a.owner AS owner, \
         a.due_on AS due_on, a.status AS status, a.notes AS notes FROM problem_actions a \
         LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.profile_id = $1 ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    let items = sqlx::query_as(
        "SELECT i.id AS id, rp.reference AS reference, i.source AS source, i.summary AS summary, i.source_grade AS source_grade, \
         i.intelligence_grade AS intelligence_grade, i.handling_code AS handling_code, c.name_en AS category_en, \
         c.name_cy AS category_cy, n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, \
         COALESCE(rp.created_at, i.observed_on) AS received_at \
         FROM problem_profile_items pi JOIN intelligence_items i ON i.id = pi.item_id LEFT JOIN reports rp ON rp.id = i.report_id \
         LEFT JOIN report_categories c ON c.id = rp.category_id \
         JOIN neighbourhoods n ON n.id = COALESCE(i.neighbourhood_id, rp.neighbourhood_id) \
         WHERE pi.profile_id = $1 ORDER BY COALESCE(rp.created_at, i.observed_on) DESC, i.id DESC",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    Ok(Some(ProfileRecord { profile, neighbourhoods, categories, shared_with, actions, items }))
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

#[derive(sqlx::FromRow)]
struct ScopeRow {
    csp_id: i64,
    period_from: Timestamp,
    period_to: Timestamp,
}

pub async fn scope(db: &Db, id: i64) -> Result<Scope, DbError> {
    let r: ScopeRow =
        sqlx::query_as("SELECT csp_id, period_from, period_to FROM problem_profiles WHERE id = $1")
            .bind(id)
            .fetch_one(db.reader())
            .await?;
    let ids = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_all(db.reader());
    Ok(Scope {
        csp_id: r.csp_id,
        from: r.period_from,
        to: r.period_to,
        neighbourhoods: ids(
            "SELECT neighbourhood_id FROM problem_profile_neighbourhoods WHERE profile_id = $1",
        )
        .await?,
        categories: ids("SELECT category_id FROM problem_profile_categories WHERE profile_id = $1").await?,
    })
}

/// One report in a profile's scope, as the charts and the map use it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ScopeReport {
    pub created_at: Timestamp,
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
        "SELECT r.created_at AS created_at, r.lat AS lat, r.lon AS lon, \
         CASE WHEN p.contact_verified_at IS NOT NULL THEN lower(p.email) END AS identity \
         FROM reports r LEFT JOIN report_reporters p ON p.report_id = r.id \
         WHERE r.csp_id = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.status <> 'duplicate' \
         AND r.neighbourhood_id IN ({}) AND r.category_id IN ({}) ORDER BY r.created_at",
        placeholders(4, s.neighbourhoods.len()),
        placeholders(4 + s.neighbourhoods.len(), s.categories.len())
    );
    let mut q = sqlx::query_as(&sql).bind(s.csp_id).bind(s.from).bind(s.to);
    for n in &s.neighbourhoods {
        q = q.bind(n);
    }
    for c in &s.categories {
        q = q.bind(c);
    }
    q.fetch_all(db.reader()).await
}

/// Reports of a neighbourhood before and after the split of `before_after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct BeforeAfter {
    pub neighbourhood_id: i64,
    pub before: i64,
    pub after: i64,
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
) -> Result<Vec<BeforeAfter>, DbError> {
    if categories.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT neighbourhood_id, SUM(CASE WHEN created_at < $4 THEN 1 ELSE 0 END) AS before, \
         SUM(CASE WHEN created_at >= $4 THEN 1 ELSE 0 END) AS after \
         FROM reports WHERE csp_id = $1 AND created_at >= $2 AND created_at < $3 AND status <> 'duplicate' AND category_id IN ({}) \
         GROUP BY neighbourhood_id",
        placeholders(5, categories.len())
    );
    let mut q = sqlx::query_as(&sql).bind(csp_id).bind(from).bind(to).bind(split);
    for c in categories {
        q = q.bind(c);
    }
    q.fetch_all(db.reader()).await
}

/// A profile in a list, with its counts.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct ProfileSummary {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub stage: Stage,
    pub priority: Priority,
    pub updated_at: Timestamp,
    pub items: i64,
    pub actions_open: i64,
    pub actions_overdue: i64,
    #[sqlx(skip)]
    pub neighbourhoods: Vec<Names>,
}

/// The CSP's profiles an audience may see: open ones by priority, then closed, newest first.
/// Open actions due on or before `overdue_due_by` count as overdue.
pub async fn list(
    db: &Db,
    csp_id: i64,
    audience: Audience<'_>,
    overdue_due_by: Timestamp,
) -> Result<Vec<ProfileSummary>, DbError> {
    let (filter, organisations) = match audience {
        Audience::Csp => (String::new(), &[][..]),
        Audience::Partner([]) => return Ok(Vec::new()),
        Audience::Partner(o) => (
            format!(
                " AND p.id IN (SELECT profile_id FROM problem_profile_shares WHERE organisation_id IN ({}))",
                placeholders(8, o.len())
            ),
            o,
        ),
    };
    let sql = format!(
        "SELECT p.id AS id, p.reference AS reference, p.title AS title, p.stage AS stage, p.priority AS priority, \
         p.updated_at AS updated_at, \
         (SELECT COUNT(*) FROM problem_profile_items i WHERE i.profile_id = p.id) AS items, \
         (SELECT COUNT(*) FROM problem_actions a WHERE a.profile_id = p.id AND a.status IN ($3, $4)) AS actions_open, \
         (SELECT COUNT(*) FROM problem_actions a WHERE a.profile_id = p.id AND a.status IN ($3, $4) AND a.due_on <= $2) \
         AS actions_overdue \
         FROM problem_profiles p WHERE p.csp_id = $1{filter} \
         ORDER BY CASE WHEN p.stage = $5 THEN 1 ELSE 0 END, CASE p.priority WHEN $6 THEN 0 WHEN $7 THEN 1 ELSE 2 END, \
         p.updated_at DESC LIMIT 500"
    );
    let mut q = sqlx::query_as::<_, ProfileSummary>(&sql)
        .bind(csp_id)
        .bind(overdue_due_by)
        .bind(ActionStatus::Planned)
        .bind(ActionStatus::InProgress)
        .bind(Stage::Closed)
        .bind(Priority::High)
        .bind(Priority::Medium);
    for o in organisations {
        q = q.bind(o);
    }
    let mut rows = q.fetch_all(db.reader()).await?;
    for r in &mut rows {
        let names: Vec<Named> = sqlx::query_as(
            "SELECT n.id AS id, n.name_en AS name_en, n.name_cy AS name_cy FROM problem_profile_neighbourhoods pn \
             JOIN neighbourhoods n ON n.id = pn.neighbourhood_id WHERE pn.profile_id = $1 ORDER BY n.name_en",
        )
        .bind(r.id)
        .fetch_all(db.reader())
        .await?;
        r.neighbourhoods = names.iter().map(Named::names).collect();
    }
    Ok(rows)
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    version: i64,
    at: Timestamp,
    who: String,
    change: ProfileChange,
    detail: String,
}

pub async fn history(db: &Db, id: i64) -> Result<Vec<HistoryEntry>, DbError> {
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT h.version AS version, h.at AS at, u.display_name AS who, h.change AS change, h.detail AS detail \
         FROM problem_profile_history h JOIN users u ON u.id = h.user_id \
         WHERE h.profile_id = $1 ORDER BY h.version DESC, h.id DESC",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| HistoryEntry {
            version: r.version,
            at: r.at,
            who: r.who,
            change: r.change,
            detail: r.detail,
        })
        .collect())
}

/// The intelligence item of a report of the CSP, by the report's reference; or an item recorded
/// from engagement, by its own (`INT-000012`).
pub async fn item_by_reference(db: &Db, csp_id: i64, reference: &str) -> Result<Option<i64>, DbError> {
    if let Some(id) = crate::triage::parse_item_reference(reference) {
        return sqlx::query_scalar(
            "SELECT id FROM intelligence_items WHERE id = $1 AND csp_id = $2 AND report_id IS NULL",
        )
        .bind(id)
        .bind(csp_id)
        .fetch_optional(db.reader())
        .await;
    }
    sqlx::query_scalar("SELECT i.id FROM intelligence_items i JOIN reports r ON r.id = i.report_id WHERE r.reference = $1 AND i.csp_id = $2")
        .bind(reference)
        .bind(csp_id)
        .fetch_optional(db.reader())
        .await
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
    let mut q = sqlx::query_scalar(&sql).bind(csp_id);
    for r in references {
        q = q.bind(r);
    }
    q.fetch_all(db.reader()).await
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    family: Family,
    name_en: String,
    name_cy: String,
}

/// A report category a profile's scope may include.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CategoryChoice {
    pub id: i64,
    pub family: Family,
    pub name: Names,
}

/// The CSP's neighbourhoods (id, names) and active report categories.
pub async fn choices(db: &Db, csp_id: i64) -> Result<(Vec<(i64, Names)>, Vec<CategoryChoice>), DbError> {
    let neighbourhoods: Vec<Named> =
        sqlx::query_as("SELECT id, name_en, name_cy FROM neighbourhoods WHERE csp_id = $1 ORDER BY name_en")
            .bind(csp_id)
            .fetch_all(db.reader())
            .await?;
    let categories: Vec<CategoryRow> = sqlx::query_as("SELECT id, family, name_en, name_cy FROM report_categories WHERE csp_id = $1 AND active = 1 ORDER BY position, id")
        .bind(csp_id)
        .fetch_all(db.reader())
        .await?;
    Ok((
        neighbourhoods.iter().map(|n| (n.id, n.names())).collect(),
        categories
            .into_iter()
            .map(|c| CategoryChoice { id: c.id, family: c.family, name: Names::new(c.name_en, c.name_cy) })
            .collect(),
    ))
}

/// Per neighbourhood and family, the reports in `[recent_from, to)` and in `[baseline_from,
/// recent_from)` (hotspot detection's windows).
pub async fn area_counts(
    db: &Db,
    csp_id: i64,
    baseline_from: Timestamp,
    recent_from: Timestamp,
    to: Timestamp,
) -> Result<Vec<AreaCounts>, DbError> {
    sqlx::query_as(
        "SELECT r.neighbourhood_id AS neighbourhood_id, c.family AS family, \
         SUM(CASE WHEN r.created_at >= $2 THEN 1 ELSE 0 END) AS recent, SUM(CASE WHEN r.created_at < $2 THEN 1 ELSE 0 END) AS baseline_total \
         FROM reports r JOIN report_categories c ON c.id = r.category_id \
         WHERE r.csp_id = $1 AND r.created_at >= $3 AND r.created_at < $4 AND r.status <> 'duplicate' GROUP BY r.neighbourhood_id, c.family",
    )
    .bind(csp_id)
    .bind(recent_from)
    .bind(baseline_from)
    .bind(to)
    .fetch_all(db.reader())
    .await
}

/// A recent report as repeat-place and repeat-victim detection read it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct RecentReport {
    pub id: i64,
    pub reference: String,
    pub neighbourhood_id: i64,
    pub family: Family,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Verified contact details reduced to a matching key, if any.
    pub identity: Option<String>,
}

/// A repeat link between two reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RepeatLink {
    pub report_id: i64,
    pub linked_id: i64,
}

/// The CSP's reports since `since` (not duplicates), oldest first, and the repeat links
/// between them.
pub async fn recent_reports(
    db: &Db,
    csp_id: i64,
    since: i64,
) -> Result<(Vec<RecentReport>, Vec<RepeatLink>), DbError> {
    let reports = sqlx::query_as(
        "SELECT r.id AS id, r.reference AS reference, r.neighbourhood_id AS neighbourhood_id, c.family AS family, \
         r.lat AS lat, r.lon AS lon, CASE WHEN p.contact_verified_at IS NOT NULL THEN lower(p.email) END AS identity \
         FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN report_reporters p ON p.report_id = r.id \
         WHERE r.csp_id = $1 AND r.created_at >= $2 AND r.status <> 'duplicate' ORDER BY r.id",
    )
    .bind(csp_id)
    .bind(since)
    .fetch_all(db.reader())
    .await?;
    let links = sqlx::query_as(
        "SELECT l.report_id AS report_id, l.linked_id AS linked_id FROM report_links l JOIN reports r ON r.id = l.report_id \
         WHERE l.kind = 'repeat' AND r.csp_id = $1 AND r.created_at >= $2",
    )
    .bind(csp_id)
    .bind(since)
    .fetch_all(db.reader())
    .await?;
    Ok((reports, links))
}

/// An open profile's neighbourhood and category family: a suggestion it already covers is
/// shown with the profile instead of as new.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Coverage {
    pub reference: String,
    pub neighbourhood_id: i64,
    pub family: Family,
}

pub async fn open_coverage(db: &Db, csp_id: i64) -> Result<Vec<Coverage>, DbError> {
    sqlx::query_as(
        "SELECT DISTINCT p.reference AS reference, pn.neighbourhood_id AS neighbourhood_id, c.family AS family FROM problem_profiles p \
         JOIN problem_profile_neighbourhoods pn ON pn.profile_id = p.id JOIN problem_profile_categories pc ON pc.profile_id = p.id \
         JOIN report_categories c ON c.id = pc.category_id WHERE p.csp_id = $1 AND p.stage <> $2",
    )
    .bind(csp_id)
    .bind(Stage::Closed)
    .fetch_all(db.reader())
    .await
}

/// Hotspot detection's counts for one neighbourhood and family.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AreaCounts {
    pub neighbourhood_id: i64,
    pub family: Family,
    pub recent: i64,
    /// Reports in the twelve periods before the recent one, in total.
    pub baseline_total: i64,
}
