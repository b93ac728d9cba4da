//! Responding's queries: answers saved as a resident goes (`survey_progress`, under a token's
//! hash), personal links (`survey_links`), the hub's key for keyed hashes, one response per
//! person, duplicates across channels, and responses stored whole with what goes with them.

use super::{engagement::NewResponse, now, reference::Tx, Db, DbError};
use crate::engagement::ResponseChannel;

/// The hub's key for keyed hashes (respondent keys, signed device cookies): made at first use.
pub async fn secret(db: &Db, fresh: &str) -> Result<String, DbError> {
    if let Some(s) = sqlx::query_scalar("SELECT secret FROM engagement_secrets WHERE id = 1")
        .fetch_optional(db.reader())
        .await?
    {
        return Ok(s);
    }
    sqlx::query("INSERT INTO engagement_secrets (id, secret, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING")
        .bind(fresh)
        .bind(now())
        .execute(db.writer())
        .await?;
    sqlx::query_scalar("SELECT secret FROM engagement_secrets WHERE id = 1").fetch_one(db.writer()).await
}

/// Answers saved so far (or, with `response_id`, a stored response's answers kept for its copy).
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Progress {
    pub campaign_id: i64,
    pub survey_version_id: i64,
    pub language: String,
    pub fields: String,
    pub step: i64,
    pub link_id: Option<i64>,
    pub response_id: Option<i64>,
}

pub async fn progress(db: &Db, token_hash: &str, campaign_id: i64) -> Result<Option<Progress>, DbError> {
    sqlx::query_as(
        "SELECT campaign_id, survey_version_id, language, fields, step, link_id, response_id FROM survey_progress \
         WHERE token_hash = $1 AND campaign_id = $2 AND keep_until > $3",
    )
    .bind(token_hash)
    .bind(campaign_id)
    .bind(now())
    .fetch_optional(db.reader())
    .await
}

/// What one step saves.
pub struct SaveProgress<'a> {
    pub token_hash: &'a str,
    pub campaign_id: i64,
    pub survey_version_id: i64,
    pub language: &'a str,
    pub fields_json: &'a str,
    pub step: i64,
    pub link_id: Option<i64>,
    pub keep_until: i64,
}

/// Saves a step's answers (the first step makes the row) in one statement. Answers already
/// finished (stored as a response) or begun on another campaign are not written over: that is
/// an error, as a clash of tokens would be.
pub async fn save_progress(db: &Db, p: &SaveProgress<'_>) -> Result<(), DbError> {
    let done = sqlx::query(
        "INSERT INTO survey_progress (token_hash, campaign_id, survey_version_id, language, fields, step, link_id, \
         keep_until, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         ON CONFLICT (token_hash) DO UPDATE SET fields = excluded.fields, step = excluded.step, \
         language = excluded.language, updated_at = excluded.updated_at \
         WHERE survey_progress.response_id IS NULL AND survey_progress.campaign_id = excluded.campaign_id",
    )
    .bind(p.token_hash)
    .bind(p.campaign_id)
    .bind(p.survey_version_id)
    .bind(p.language)
    .bind(p.fields_json)
    .bind(p.step)
    .bind(p.link_id)
    .bind(p.keep_until)
    .bind(now())
    .execute(db.writer())
    .await?;
    if done.rows_affected() != 1 {
        return Err(DbError::RowNotFound);
    }
    Ok(())
}

/// Forgets saved answers (the emailed copy is sent, or not wanted).
pub async fn forget_progress(db: &Db, token_hash: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM survey_progress WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Forgets saved answers whose survey has closed, and finished ones past their copy time.
pub async fn sweep_progress(db: &Db) -> Result<u64, DbError> {
    let done = sqlx::query("DELETE FROM survey_progress WHERE keep_until <= $1")
        .bind(now())
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected())
}

/// A personal link as stored.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Link {
    pub id: i64,
    pub campaign_id: i64,
    pub respondent_hash: String,
    pub used_at: Option<i64>,
}

pub async fn link(db: &Db, token_hash: &str) -> Result<Option<Link>, DbError> {
    sqlx::query_as("SELECT id, campaign_id, respondent_hash, used_at FROM survey_links WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db.reader())
        .await
}

pub async fn link_by_id(db: &Db, id: i64) -> Result<Option<Link>, DbError> {
    sqlx::query_as("SELECT id, campaign_id, respondent_hash, used_at FROM survey_links WHERE id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await
}

/// What asking for a link by email did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailLink {
    /// A new link (or a fresh token for a link not yet used): the email is queued.
    Sent,
    /// The address has answered already: nothing is sent.
    AlreadyUsed,
}

/// Makes (or renews) the personal link of `respondent_hash` for a campaign and queues the email
/// holding it, in one transaction. The email is built from the link's address by `email`.
pub async fn email_link(
    db: &Db,
    campaign_id: i64,
    respondent_hash: &str,
    token_hash: &str,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<EmailLink, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let used: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT used_at FROM survey_links WHERE campaign_id = $1 AND respondent_hash = $2",
    )
    .bind(campaign_id)
    .bind(respondent_hash)
    .fetch_optional(&mut *tx)
    .await?;
    match used {
        Some(Some(_)) => return Ok(EmailLink::AlreadyUsed),
        Some(None) => {
            sqlx::query("UPDATE survey_links SET token_hash = $1, created_at = $2 WHERE campaign_id = $3 AND respondent_hash = $4")
                .bind(token_hash)
                .bind(at)
                .bind(campaign_id)
                .bind(respondent_hash)
                .execute(&mut *tx)
                .await?;
        }
        None => {
            sqlx::query(
                "INSERT INTO survey_links (campaign_id, token_hash, respondent_hash, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(campaign_id)
            .bind(token_hash)
            .bind(respondent_hash)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
    }
    super::outbox::enqueue(&mut tx, to, subject, body).await?;
    tx.commit().await?;
    Ok(EmailLink::Sent)
}

/// Has `respondent_key` answered the campaign already?
pub async fn answered(db: &Db, campaign_id: i64, respondent_key: &str) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1 AND respondent_key = $2",
    )
    .bind(campaign_id)
    .bind(respondent_key)
    .fetch_one(db.reader())
    .await?;
    Ok(n > 0)
}

/// What storing a response did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Stored, with its id and the earlier response it may duplicate.
    Response { id: i64, duplicate_of: Option<i64> },
    /// The person (key or personal link) has answered already: nothing stored.
    AlreadyAnswered,
}

/// The earlier response of the campaign from another channel with the same answers hash.
async fn duplicate(
    tx: &mut Tx<'_>,
    campaign_id: i64,
    answers_hash: &str,
    channel: ResponseChannel,
) -> Result<Option<i64>, DbError> {
    sqlx::query_scalar(
        "SELECT id FROM survey_responses WHERE campaign_id = $1 AND answers_hash = $2 AND channel <> $3 ORDER BY id LIMIT 1",
    )
    .bind(campaign_id)
    .bind(answers_hash)
    .bind(channel)
    .fetch_optional(&mut **tx)
    .await
}

/// Stores one response within `tx`: refused when its respondent key has answered already or its
/// personal link is used; flagged (`duplicate_of`) when an earlier response of another channel
/// has the same answers. Marks the link used and, for a resident's own answers (`progress`: the
/// last step's answers, with `keep_until` the time they are kept for the emailed copy), saves
/// them finished under their token in the same transaction, so the response, its answers, its
/// equality row, the used link and the finished answers are stored whole or not at all (the
/// caller commits only a `Stored::Response`). Refused too when those answers were finished
/// meanwhile (the same last step posted twice).
pub async fn store_in(
    tx: &mut Tx<'_>,
    response: &NewResponse<'_>,
    answers_hash: &str,
    link_id: Option<i64>,
    progress: Option<&SaveProgress<'_>>,
) -> Result<Stored, DbError> {
    if let Some(key) = response.respondent_key {
        let answered: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM survey_responses WHERE campaign_id = $1 AND respondent_key = $2 LIMIT 1",
        )
        .bind(response.campaign_id)
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?;
        if answered.is_some() {
            return Ok(Stored::AlreadyAnswered);
        }
    }
    if let Some(link) = link_id {
        let done = sqlx::query("UPDATE survey_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now())
            .bind(link)
            .execute(&mut **tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(Stored::AlreadyAnswered);
        }
    }
    let duplicate_of = duplicate(tx, response.campaign_id, answers_hash, response.channel).await?;
    let r = NewResponse { duplicate_of, ..*response };
    let id = super::engagement::insert_response_hashed(tx, &r, Some(answers_hash)).await?;
    if let Some(p) = progress {
        // The row made by the first step, or (a survey answered in one post) a new one; never
        // answers already finished.
        let at = now();
        let done = sqlx::query(
            "INSERT INTO survey_progress (token_hash, campaign_id, survey_version_id, language, fields, step, link_id, \
             response_id, keep_until, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
             ON CONFLICT (token_hash) DO UPDATE SET fields = excluded.fields, step = excluded.step, \
             language = excluded.language, response_id = excluded.response_id, keep_until = excluded.keep_until, \
             updated_at = excluded.updated_at \
             WHERE survey_progress.response_id IS NULL AND survey_progress.campaign_id = excluded.campaign_id",
        )
        .bind(p.token_hash)
        .bind(p.campaign_id)
        .bind(p.survey_version_id)
        .bind(p.language)
        .bind(p.fields_json)
        .bind(p.step)
        .bind(p.link_id)
        .bind(id)
        .bind(p.keep_until)
        .bind(at)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(Stored::AlreadyAnswered);
        }
    }
    Ok(Stored::Response { id, duplicate_of })
}

/// A response as staff see it on the entry page (latest first): its channel, who keyed it and
/// whether it is flagged as a possible duplicate.
#[derive(sqlx::FromRow, Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct EnteredResponse {
    pub id: i64,
    pub channel: ResponseChannel,
    pub submitted_at: i64,
    pub entered_by: Option<String>,
    pub duplicate_of: Option<i64>,
}

/// The latest responses of a campaign (`limit`), for the staff entry page.
pub async fn recent_responses(
    db: &Db,
    campaign_id: i64,
    limit: i64,
) -> Result<Vec<EnteredResponse>, DbError> {
    sqlx::query_as(
        "SELECT r.id AS id, r.channel AS channel, r.submitted_at AS submitted_at, u.email AS entered_by, \
         r.duplicate_of AS duplicate_of FROM survey_responses r LEFT JOIN users u ON u.id = r.entered_by \
         WHERE r.campaign_id = $1 ORDER BY r.id DESC LIMIT $2",
    )
    .bind(campaign_id)
    .bind(limit)
    .fetch_all(db.reader())
    .await
}

/// How many responses of a campaign are flagged as possible duplicates.
pub async fn flagged_count(db: &Db, campaign_id: i64) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1 AND duplicate_of IS NOT NULL",
    )
    .bind(campaign_id)
    .fetch_one(db.reader())
    .await
}

/// A published version by its id (saved answers keep the version they were begun on).
pub async fn version(db: &Db, id: i64) -> Result<Option<super::engagement::SurveyVersionRow>, DbError> {
    sqlx::query_as("SELECT id, survey_id, number, questions, published_at FROM survey_versions WHERE id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await
}

/// Queues the emailed copy of a finished response's answers and forgets them, in one
/// transaction; false when they are no longer kept.
pub async fn send_copy(
    db: &Db,
    token_hash: &str,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "DELETE FROM survey_progress WHERE token_hash = $1 AND response_id IS NOT NULL AND keep_until > $2",
    )
    .bind(token_hash)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::outbox::enqueue(&mut tx, to, subject, body).await?;
    tx.commit().await?;
    Ok(true)
}
