//! Neighbourhood priorities (issue 13): up to three per neighbourhood and quarter (a slot 1-3
//! each, unique, so a fourth is never stored), their links to the CSP's problem profiles and
//! actions, and the community's verdicts at each review (all kept).

use super::{now, Db, DbError};
use crate::{
    engagement::{
        priorities::{next_slot, Period, PriorityText, Review, Verdict},
        progress::{ActionProgress, SurveyChoice},
    },
    problems::ActionStatus,
    reference::Names,
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

/// A priority with its links and reviews (newest review first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityRecord {
    pub id: i64,
    pub neighbourhood_id: i64,
    pub period: Period,
    pub slot: i64,
    pub title: Names,
    pub why: String,
    pub created_by: String,
    pub created_at: Timestamp,
    /// Linked profiles: (reference, title).
    pub profiles: Vec<(String, String)>,
    /// Linked actions: (profile reference, action title).
    pub actions: Vec<(String, String)>,
    /// The linked actions' progress, in the order of `actions` (issue 14, progress).
    pub action_progress: Vec<ActionProgress>,
    pub reviews: Vec<ReviewRecord>,
    /// The survey answer it came from, if one was recorded (issue 14, progress).
    pub choice: Option<SurveyChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub verdict: Verdict,
    pub evidence: String,
    pub reviewed_on: Timestamp,
    pub recorded_by: String,
}

#[derive(sqlx::FromRow)]
struct PriorityRow {
    id: i64,
    neighbourhood_id: i64,
    year: i64,
    quarter: i64,
    slot: i64,
    title_en: String,
    title_cy: String,
    why: String,
    created_by: String,
    created_at: Timestamp,
    campaign_id: Option<i64>,
    question_key: Option<String>,
    option_key: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    reference: String,
    title: String,
    status: ActionStatus,
    started_at: Option<Timestamp>,
    done_at: Option<Timestamp>,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    reference: String,
    title: String,
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    verdict: Verdict,
    evidence: String,
    reviewed_on: Timestamp,
    recorded_by: String,
}

async fn complete(db: &Db, rows: Vec<PriorityRow>) -> Result<Vec<PriorityRecord>, DbError> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let profiles: Vec<LinkRow> = sqlx::query_as(
            "SELECT p.reference, p.title FROM neighbourhood_priority_profiles l JOIN problem_profiles p ON p.id = l.profile_id \
             WHERE l.priority_id = $1 ORDER BY p.reference",
        )
        .bind(r.id)
        .fetch_all(db.reader())
        .await?;
        let actions: Vec<ActionRow> = sqlx::query_as(
            "SELECT p.reference, a.title, a.status, a.started_at, a.done_at FROM neighbourhood_priority_actions l JOIN problem_actions a ON a.id = l.action_id \
             JOIN problem_profiles p ON p.id = a.profile_id WHERE l.priority_id = $1 ORDER BY p.reference, a.id",
        )
        .bind(r.id)
        .fetch_all(db.reader())
        .await?;
        let reviews: Vec<ReviewRow> = sqlx::query_as(
            "SELECT v.verdict, v.evidence, v.reviewed_on, u.display_name AS recorded_by FROM neighbourhood_priority_reviews v \
             JOIN users u ON u.id = v.recorded_by WHERE v.priority_id = $1 ORDER BY v.reviewed_on DESC, v.id DESC",
        )
        .bind(r.id)
        .fetch_all(db.reader())
        .await?;
        out.push(PriorityRecord {
            id: r.id,
            neighbourhood_id: r.neighbourhood_id,
            period: Period { year: r.year, quarter: r.quarter },
            slot: r.slot,
            title: Names::new(r.title_en, r.title_cy),
            why: r.why,
            created_by: r.created_by,
            created_at: r.created_at,
            profiles: profiles.into_iter().map(|l| (l.reference, l.title)).collect(),
            action_progress: actions
                .iter()
                .map(|a| ActionProgress { status: a.status, started_at: a.started_at, done_at: a.done_at })
                .collect(),
            actions: actions.into_iter().map(|l| (l.reference, l.title)).collect(),
            reviews: reviews
                .into_iter()
                .map(|v| ReviewRecord {
                    verdict: v.verdict,
                    evidence: v.evidence,
                    reviewed_on: v.reviewed_on,
                    recorded_by: v.recorded_by,
                })
                .collect(),
            choice: match (r.campaign_id, r.question_key, r.option_key) {
                (Some(campaign_id), Some(question), Some(option)) => {
                    Some(SurveyChoice { campaign_id, question, option })
                }
                _ => None,
            },
        });
    }
    Ok(out)
}

const SELECT: &str =
    "SELECT p.id, p.neighbourhood_id, p.year, p.quarter, p.slot, p.title_en, p.title_cy, p.why, \
     u.display_name AS created_by, p.created_at, p.campaign_id, p.question_key, p.option_key \
     FROM neighbourhood_priorities p JOIN users u ON u.id = p.created_by";

/// A neighbourhood's priorities for a period, in their order.
pub async fn priorities(
    db: &Db,
    csp_id: i64,
    neighbourhood_id: i64,
    period: Period,
) -> Result<Vec<PriorityRecord>, DbError> {
    let rows: Vec<PriorityRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE p.csp_id = $1 AND p.neighbourhood_id = $2 AND p.year = $3 AND p.quarter = $4 ORDER BY p.slot"
    ))
    .bind(csp_id)
    .bind(neighbourhood_id)
    .bind(period.year)
    .bind(period.quarter)
    .fetch_all(db.reader())
    .await?;
    complete(db, rows).await
}

/// A neighbourhood's priorities of the periods before `period`, newest first (the history).
pub async fn earlier(
    db: &Db,
    csp_id: i64,
    neighbourhood_id: i64,
    period: Period,
    limit: i64,
) -> Result<Vec<PriorityRecord>, DbError> {
    let rows: Vec<PriorityRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE p.csp_id = $1 AND p.neighbourhood_id = $2 AND (p.year * 4 + p.quarter) < $3 \
         ORDER BY p.year DESC, p.quarter DESC, p.slot LIMIT $4"
    ))
    .bind(csp_id)
    .bind(neighbourhood_id)
    .bind(period.year * 4 + period.quarter)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    complete(db, rows).await
}

/// One of a partnership's priorities (any period), with its links and reviews; none when it is
/// not the partnership's.
pub async fn of_csp(db: &Db, csp_id: i64, priority_id: i64) -> Result<Option<PriorityRecord>, DbError> {
    let rows: Vec<PriorityRow> = sqlx::query_as(&format!("{SELECT} WHERE p.id = $1 AND p.csp_id = $2"))
        .bind(priority_id)
        .bind(csp_id)
        .fetch_all(db.reader())
        .await?;
    Ok(complete(db, rows).await?.into_iter().next())
}

/// The priorities of a period linked to a problem profile (its "community priority" note).
pub async fn for_profile(db: &Db, profile_id: i64, period: Period) -> Result<Vec<ProfilePriority>, DbError> {
    sqlx::query_as(
        "SELECT p.title_en, p.title_cy, n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy \
         FROM neighbourhood_priority_profiles l JOIN neighbourhood_priorities p ON p.id = l.priority_id \
         JOIN neighbourhoods n ON n.id = p.neighbourhood_id \
         WHERE l.profile_id = $1 AND p.year = $2 AND p.quarter = $3 ORDER BY n.name_en, p.slot",
    )
    .bind(profile_id)
    .bind(period.year)
    .bind(period.quarter)
    .fetch_all(db.reader())
    .await
}

/// A priority of the current period linked to a profile, as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ProfilePriority {
    pub title_en: String,
    pub title_cy: String,
    pub neighbourhood_en: String,
    pub neighbourhood_cy: String,
}

/// What a new priority is for and linked to (ids already checked to be the CSP's).
pub struct NewPriority<'a> {
    pub csp_id: i64,
    pub neighbourhood_id: i64,
    pub period: Period,
    pub text: &'a PriorityText,
    pub profiles: &'a [i64],
    pub actions: &'a [i64],
    pub created_by: i64,
}

/// Sets a priority in the next free slot with its links, all or nothing: its id, or `None`
/// when the neighbourhood already has three for the period (also when someone else took the
/// last slot at the same moment).
pub async fn set_priority(db: &Db, p: &NewPriority<'_>) -> Result<Option<i64>, DbError> {
    let mut tx = db.writer().begin().await?;
    let id = set_priority_in(&mut tx, p).await?;
    if id.is_some() {
        tx.commit().await?;
    }
    Ok(id)
}

/// [`set_priority`] inside the caller's transaction (subscriptions, issue 14: the new priority
/// is announced in the same transaction). On `None` the caller rolls back.
pub async fn set_priority_in(
    tx: &mut super::reference::Tx<'_>,
    p: &NewPriority<'_>,
) -> Result<Option<i64>, DbError> {
    let taken: Vec<i64> = sqlx::query_scalar(
        "SELECT slot FROM neighbourhood_priorities WHERE neighbourhood_id = $1 AND year = $2 AND quarter = $3",
    )
    .bind(p.neighbourhood_id)
    .bind(p.period.year)
    .bind(p.period.quarter)
    .fetch_all(&mut **tx)
    .await?;
    let Some(slot) = next_slot(&taken) else { return Ok(None) };
    let inserted = sqlx::query_scalar(
        "INSERT INTO neighbourhood_priorities (csp_id, neighbourhood_id, year, quarter, slot, title_en, title_cy, why, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(p.csp_id)
    .bind(p.neighbourhood_id)
    .bind(p.period.year)
    .bind(p.period.quarter)
    .bind(slot)
    .bind(&p.text.title_en)
    .bind(&p.text.title_cy)
    .bind(&p.text.why)
    .bind(p.created_by)
    .bind(now())
    .fetch_one(&mut **tx)
    .await;
    let id: i64 = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(None),
        Err(e) => return Err(e),
    };
    for profile in p.profiles {
        sqlx::query("INSERT INTO neighbourhood_priority_profiles (priority_id, profile_id) VALUES ($1, $2)")
            .bind(id)
            .bind(profile)
            .execute(&mut **tx)
            .await?;
    }
    for action in p.actions {
        sqlx::query("INSERT INTO neighbourhood_priority_actions (priority_id, action_id) VALUES ($1, $2)")
            .bind(id)
            .bind(action)
            .execute(&mut **tx)
            .await?;
    }
    Ok(Some(id))
}

/// The CSP's profiles and actions a priority can be linked to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkChoices {
    /// (id, reference, title)
    pub profiles: Vec<(i64, String, String)>,
    /// (id, profile reference, action title)
    pub actions: Vec<(i64, String, String)>,
}

#[derive(sqlx::FromRow)]
struct ChoiceRow {
    id: i64,
    reference: String,
    title: String,
}

pub async fn link_choices(db: &Db, csp_id: i64) -> Result<LinkChoices, DbError> {
    let profiles: Vec<ChoiceRow> = sqlx::query_as(
        "SELECT id, reference, title FROM problem_profiles WHERE csp_id = $1 AND stage <> 'closed' ORDER BY reference",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let actions: Vec<ChoiceRow> = sqlx::query_as(
        "SELECT a.id, p.reference, a.title FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id \
         WHERE p.csp_id = $1 AND p.stage <> 'closed' AND a.status IN ('planned', 'in_progress') ORDER BY p.reference, a.id",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let list = |rows: Vec<ChoiceRow>| rows.into_iter().map(|r| (r.id, r.reference, r.title)).collect();
    Ok(LinkChoices { profiles: list(profiles), actions: list(actions) })
}

/// Whether a profile, and an action (by its profile), belong to the CSP.
pub async fn profile_in(db: &Db, csp_id: i64, profile_id: i64) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM problem_profiles WHERE id = $1 AND csp_id = $2")
        .bind(profile_id)
        .bind(csp_id)
        .fetch_one(db.reader())
        .await?;
    Ok(n > 0)
}

pub async fn action_in(db: &Db, csp_id: i64, action_id: i64) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id WHERE a.id = $1 AND p.csp_id = $2",
    )
    .bind(action_id)
    .bind(csp_id)
    .fetch_one(db.reader())
    .await?;
    Ok(n > 0)
}

/// The neighbourhood and period of a priority of the CSP (none if it is not the CSP's).
pub async fn find(db: &Db, csp_id: i64, priority_id: i64) -> Result<Option<PriorityPlace>, DbError> {
    sqlx::query_as(
        "SELECT neighbourhood_id, year, quarter FROM neighbourhood_priorities WHERE id = $1 AND csp_id = $2",
    )
    .bind(priority_id)
    .bind(csp_id)
    .fetch_optional(db.reader())
    .await
}

/// Where a priority is: its neighbourhood and period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PriorityPlace {
    pub neighbourhood_id: i64,
    pub year: i64,
    pub quarter: i64,
}

/// What a priority is linked to, one more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Profile(i64),
    Action(i64),
}

/// Links a priority (already checked to be the CSP's) to a profile or action of the CSP.
pub async fn link(db: &Db, priority_id: i64, target: Target) -> Result<(), DbError> {
    let mut tx = db.writer().begin().await?;
    link_in(&mut tx, priority_id, target).await?;
    tx.commit().await?;
    Ok(())
}

/// [`link`] inside the caller's transaction (issue 14, progress: a linked action may move the
/// priority's public stage, and its residents are told in the same transaction).
pub async fn link_in(
    tx: &mut super::reference::Tx<'_>,
    priority_id: i64,
    target: Target,
) -> Result<(), DbError> {
    let sql = match target {
        Target::Profile(_) => "INSERT INTO neighbourhood_priority_profiles (priority_id, profile_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        Target::Action(_) => "INSERT INTO neighbourhood_priority_actions (priority_id, action_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    };
    let (Target::Profile(id) | Target::Action(id)) = target;
    sqlx::query(sql).bind(priority_id).bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// Records a review of a priority (already checked to be the CSP's); earlier reviews stay.
pub async fn review(db: &Db, priority_id: i64, review: &Review, user_id: i64) -> Result<(), DbError> {
    let mut tx = db.writer().begin().await?;
    review_in(&mut tx, priority_id, review, user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// [`review`] inside the caller's transaction (subscriptions, issue 14).
pub async fn review_in(
    tx: &mut super::reference::Tx<'_>,
    priority_id: i64,
    review: &Review,
    user_id: i64,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO neighbourhood_priority_reviews (priority_id, verdict, evidence, reviewed_on, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(priority_id)
    .bind(review.verdict)
    .bind(&review.evidence)
    .bind(review.reviewed_on)
    .bind(user_id)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Changes a priority's titles and why (already checked to be the CSP's), with its audit entry,
/// all or nothing (false: it is gone).
pub async fn edit(
    db: &Db,
    priority_id: i64,
    text: &PriorityText,
    audit: &crate::audit::NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE neighbourhood_priorities SET title_en = $1, title_cy = $2, why = $3 WHERE id = $4",
    )
    .bind(&text.title_en)
    .bind(&text.title_cy)
    .bind(&text.why)
    .bind(priority_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// [`edit`] with the survey answer the priority came from (issue 14, progress), recorded or
/// cleared, all or nothing with the audit entry (false: it is gone).
pub async fn edit_with_choice(
    db: &Db,
    priority_id: i64,
    text: &PriorityText,
    choice: Option<&SurveyChoice>,
    audit: &crate::audit::NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE neighbourhood_priorities SET title_en = $1, title_cy = $2, why = $3 WHERE id = $4",
    )
    .bind(&text.title_en)
    .bind(&text.title_cy)
    .bind(&text.why)
    .bind(priority_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::progress::set_choice_in(&mut tx, priority_id, choice).await?;
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// What removing a priority did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removed {
    Removed,
    /// It has a verdict recorded: the neighbourhood's history, kept.
    Reviewed,
    Gone,
}

/// Removes a priority set in error (already checked to be the CSP's) with its links, freeing its
/// slot, and writes its audit entry, all or nothing; one with a recorded verdict is kept.
pub async fn remove(
    db: &Db,
    priority_id: i64,
    audit: &crate::audit::NewAuditEntry,
) -> Result<Removed, DbError> {
    let mut tx = db.writer().begin().await?;
    let reviews: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM neighbourhood_priority_reviews WHERE priority_id = $1")
            .bind(priority_id)
            .fetch_one(&mut *tx)
            .await?;
    if reviews > 0 {
        return Ok(Removed::Reviewed);
    }
    for sql in [
        "DELETE FROM neighbourhood_priority_profiles WHERE priority_id = $1",
        "DELETE FROM neighbourhood_priority_actions WHERE priority_id = $1",
    ] {
        sqlx::query(sql).bind(priority_id).execute(&mut *tx).await?;
    }
    let done = sqlx::query("DELETE FROM neighbourhood_priorities WHERE id = $1")
        .bind(priority_id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        return Ok(Removed::Gone);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(Removed::Removed)
}
