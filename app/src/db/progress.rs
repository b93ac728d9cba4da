//! Progress in public (issue 14, part 2): what a priority's public stage is made of, the stage
//! residents were last told of (moved by compare-and-set, so a change is told once), the survey
//! choice a priority came from, and who raised it: respondents who asked to be told (their
//! address, `survey_contacts`) and reporters of the reports its profiles draw on.
//!
//! A respondent's address is personal data: it is read only by the functions here that take an
//! audit entry and write it in the same transaction, and never by results, exports, the API or
//! partners' views (they read other tables).

use super::{now, reference::Tx, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    engagement::{
        priorities::Verdict,
        progress::{ActionProgress, PublicStage, SurveyChoice},
    },
    i18n::Lang,
    problems::{ActionStatus, Stage},
    time::Timestamp,
};

/// Stores a respondent's two last choices with their response, in its transaction: the address
/// to be told at (with the language of the page and the time consent was given), and whether
/// their words may be quoted without their name.
pub async fn record_opt_in_in(
    tx: &mut Tx<'_>,
    response_id: i64,
    campaign_id: i64,
    email: Option<&str>,
    language: Lang,
    may_quote: bool,
) -> Result<(), DbError> {
    if may_quote {
        sqlx::query("UPDATE survey_responses SET may_quote = 1 WHERE id = $1")
            .bind(response_id)
            .execute(&mut **tx)
            .await?;
    }
    if let Some(email) = email {
        sqlx::query(
            "INSERT INTO survey_contacts (response_id, campaign_id, email, language, consented_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(response_id)
        .bind(campaign_id)
        .bind(email)
        .bind(language.code())
        .bind(now())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A respondent who asked to be told when something changes about what they said.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Contact {
    pub response_id: i64,
    pub email: String,
    pub language: String,
}

/// The respondents of a campaign who asked to be told, with the audit entry of this read
/// written in the same transaction (no entry, no addresses).
pub async fn opted_in_in(
    tx: &mut Tx<'_>,
    campaign_id: i64,
    audit: &NewAuditEntry,
) -> Result<Vec<Contact>, DbError> {
    super::audit::record_in(tx, audit).await?;
    sqlx::query_as(
        "SELECT response_id, email, language FROM survey_contacts WHERE campaign_id = $1 ORDER BY response_id",
    )
    .bind(campaign_id)
    .fetch_all(&mut **tx)
    .await
}

/// The respondents of a campaign who asked to be told and whose answer chose `option` of
/// `question` (a single or multiple choice, or ranked), audited as [`opted_in_in`].
pub async fn choosing_in(
    tx: &mut Tx<'_>,
    choice: &SurveyChoice,
    audit: &NewAuditEntry,
) -> Result<Vec<Contact>, DbError> {
    super::audit::record_in(tx, audit).await?;
    sqlx::query_as(
        "SELECT c.response_id, c.email, c.language FROM survey_contacts c WHERE c.campaign_id = $1 \
         AND EXISTS (SELECT 1 FROM survey_answers a WHERE a.response_id = c.response_id AND a.question = $2 \
                     AND a.choice = $3) ORDER BY c.response_id",
    )
    .bind(choice.campaign_id)
    .bind(&choice.question)
    .bind(&choice.option)
    .fetch_all(&mut **tx)
    .await
}

/// Whether a response's words may be quoted without the respondent's name.
pub async fn may_quote(db: &Db, response_id: i64) -> Result<bool, DbError> {
    let q: Option<i64> = sqlx::query_scalar("SELECT may_quote FROM survey_responses WHERE id = $1")
        .bind(response_id)
        .fetch_optional(db.reader())
        .await?;
    Ok(q == Some(1))
}

/// A problem profile as its public progress reads it: its stage, when it was closed, and its
/// actions' statuses and dates (nothing else of them: no title, owner or note).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileProgress {
    pub stage: Stage,
    pub closed_at: Option<Timestamp>,
    pub actions: Vec<ActionProgress>,
}

#[derive(sqlx::FromRow)]
struct ActionDates {
    status: ActionStatus,
    started_at: Option<Timestamp>,
    done_at: Option<Timestamp>,
}

/// A partnership's problem profile's progress; none when it is not the partnership's.
pub async fn profile_progress(
    db: &Db,
    csp_id: i64,
    profile_id: i64,
) -> Result<Option<ProfileProgress>, DbError> {
    let row: Option<(Stage, Option<Timestamp>)> =
        sqlx::query_as("SELECT stage, closed_at FROM problem_profiles WHERE id = $1 AND csp_id = $2")
            .bind(profile_id)
            .bind(csp_id)
            .fetch_optional(db.reader())
            .await?;
    let Some((stage, closed_at)) = row else { return Ok(None) };
    let actions: Vec<ActionDates> = sqlx::query_as(
        "SELECT status, started_at, done_at FROM problem_actions WHERE profile_id = $1 ORDER BY id",
    )
    .bind(profile_id)
    .fetch_all(db.reader())
    .await?;
    Ok(Some(ProfileProgress {
        stage,
        closed_at,
        actions: actions
            .into_iter()
            .map(|a| ActionProgress { status: a.status, started_at: a.started_at, done_at: a.done_at })
            .collect(),
    }))
}

/// A priority as telling reads it, in the transaction changing it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PriorityFacts {
    pub id: i64,
    pub csp_id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub neighbourhood_en: String,
    pub neighbourhood_cy: String,
    pub public_slug: String,
    /// The stage residents were last told of.
    pub public_stage: PublicStage,
    pub campaign_id: Option<i64>,
    pub question_key: Option<String>,
    pub option_key: Option<String>,
}

impl PriorityFacts {
    pub fn choice(&self) -> Option<SurveyChoice> {
        match (self.campaign_id, &self.question_key, &self.option_key) {
            (Some(campaign_id), Some(q), Some(o)) => {
                Some(SurveyChoice { campaign_id, question: q.clone(), option: o.clone() })
            }
            _ => None,
        }
    }
}

pub async fn priority_facts_in(tx: &mut Tx<'_>, priority_id: i64) -> Result<Option<PriorityFacts>, DbError> {
    sqlx::query_as(
        "SELECT p.id, p.csp_id, p.title_en, p.title_cy, n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, \
         n.public_slug, p.public_stage, p.campaign_id, p.question_key, p.option_key \
         FROM neighbourhood_priorities p JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = $1",
    )
    .bind(priority_id)
    .fetch_optional(&mut **tx)
    .await
}

/// The statuses of the actions linked to a priority, and its latest verdict.
pub async fn stage_facts_in(
    tx: &mut Tx<'_>,
    priority_id: i64,
) -> Result<(Vec<ActionStatus>, Option<Verdict>), DbError> {
    let statuses: Vec<ActionStatus> = sqlx::query_scalar(
        "SELECT a.status FROM neighbourhood_priority_actions l JOIN problem_actions a ON a.id = l.action_id \
         WHERE l.priority_id = $1",
    )
    .bind(priority_id)
    .fetch_all(&mut **tx)
    .await?;
    let latest: Option<Verdict> = sqlx::query_scalar(
        "SELECT verdict FROM neighbourhood_priority_reviews WHERE priority_id = $1 \
         ORDER BY reviewed_on DESC, id DESC LIMIT 1",
    )
    .bind(priority_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok((statuses, latest))
}

/// Moves the stage residents were told of from `from` to `to`; false when another change moved
/// it first (then that change tells them, once).
pub async fn move_stage_in(
    tx: &mut Tx<'_>,
    priority_id: i64,
    from: PublicStage,
    to: PublicStage,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE neighbourhood_priorities SET public_stage = $1 WHERE id = $2 AND public_stage = $3",
    )
    .bind(to)
    .bind(priority_id)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The priorities an action is linked to.
pub async fn priorities_of_action_in(tx: &mut Tx<'_>, action_id: i64) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar(
        "SELECT priority_id FROM neighbourhood_priority_actions WHERE action_id = $1 ORDER BY priority_id",
    )
    .bind(action_id)
    .fetch_all(&mut **tx)
    .await
}

/// Records (or clears) the survey choice a priority came from.
pub async fn set_choice_in(
    tx: &mut Tx<'_>,
    priority_id: i64,
    choice: Option<&SurveyChoice>,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE neighbourhood_priorities SET campaign_id = $1, question_key = $2, option_key = $3 WHERE id = $4",
    )
    .bind(choice.map(|c| c.campaign_id))
    .bind(choice.map(|c| c.question.as_str()))
    .bind(choice.map(|c| c.option.as_str()))
    .bind(priority_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A reporter of a report a priority's profiles draw on: what `reporting::EmailRule` needs.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ReporterContact {
    pub report_id: i64,
    pub language: String,
    pub email: Option<String>,
    pub consent_to_contact: i64,
    pub safe_contact: Option<String>,
}

/// The reporters of the reports linked (through intelligence items) to a priority's profiles.
pub async fn reporters_in(tx: &mut Tx<'_>, priority_id: i64) -> Result<Vec<ReporterContact>, DbError> {
    sqlx::query_as(
        "SELECT DISTINCT r.id AS report_id, r.language, rr.email, rr.consent_to_contact, rr.safe_contact \
         FROM neighbourhood_priority_profiles l JOIN problem_profile_items pi ON pi.profile_id = l.profile_id \
         JOIN intelligence_items i ON i.id = pi.item_id JOIN reports r ON r.id = i.report_id \
         JOIN report_reporters rr ON rr.report_id = r.id WHERE l.priority_id = $1 ORDER BY 1",
    )
    .bind(priority_id)
    .fetch_all(&mut **tx)
    .await
}

/// A campaign of the CSP with its latest published questions (JSON), for linking a priority.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CampaignSurvey {
    pub id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub questions: String,
}

const CAMPAIGN_SURVEYS: &str = "SELECT c.id, c.title_en, c.title_cy, v.questions FROM campaigns c \
     JOIN surveys s ON s.campaign_id = c.id JOIN survey_versions v ON v.survey_id = s.id \
     WHERE c.csp_id = $1 AND v.number = (SELECT MAX(v2.number) FROM survey_versions v2 WHERE v2.survey_id = s.id)";

/// The CSP's campaigns with a published survey, newest first (at most `limit`).
pub async fn campaign_surveys(db: &Db, csp_id: i64, limit: i64) -> Result<Vec<CampaignSurvey>, DbError> {
    sqlx::query_as(&format!("{CAMPAIGN_SURVEYS} ORDER BY c.starts_on DESC, c.id DESC LIMIT $2"))
        .bind(csp_id)
        .bind(limit)
        .fetch_all(db.reader())
        .await
}

/// One campaign of the CSP with its published survey (none if it is not the CSP's).
pub async fn campaign_survey(
    db: &Db,
    csp_id: i64,
    campaign_id: i64,
) -> Result<Option<CampaignSurvey>, DbError> {
    sqlx::query_as(&format!("{CAMPAIGN_SURVEYS} AND c.id = $2"))
        .bind(csp_id)
        .bind(campaign_id)
        .fetch_optional(db.reader())
        .await
}

/// A campaign whose respondents' contacts are past keeping (`engagement::contacts_kept`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ExpiredContacts {
    pub campaign_id: i64,
    pub csp_id: i64,
}

/// The campaigns that ended on or before `ended_by` (the start of their last day) and still hold
/// survey contacts.
pub async fn campaigns_with_expired_contacts(
    db: &Db,
    ended_by: i64,
) -> Result<Vec<ExpiredContacts>, DbError> {
    sqlx::query_as(
        "SELECT k.id AS campaign_id, k.csp_id FROM campaigns k WHERE k.ends_on <= $1 \
         AND EXISTS (SELECT 1 FROM survey_contacts c WHERE c.campaign_id = k.id) ORDER BY k.id",
    )
    .bind(ended_by)
    .fetch_all(db.reader())
    .await
}

/// Deletes up to `limit` survey contacts of a campaign, with the audit entry `audit` (whose detail
/// gets the count appended) in the same transaction; returns how many went. The addresses are
/// not read.
pub async fn delete_contacts_batch(
    db: &Db,
    campaign_id: i64,
    limit: i64,
    audit: &NewAuditEntry,
) -> Result<u64, DbError> {
    let mut tx = db.writer().begin().await?;
    let deleted = sqlx::query(
        "DELETE FROM survey_contacts WHERE response_id IN \
         (SELECT response_id FROM survey_contacts WHERE campaign_id = $1 ORDER BY response_id LIMIT $2)",
    )
    .bind(campaign_id)
    .bind(limit)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if deleted > 0 {
        let mut entry = audit.clone();
        entry.detail = Some(format!("{}: {deleted}", audit.detail.clone().unwrap_or_default()));
        super::audit::record_in(&mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(deleted)
}
