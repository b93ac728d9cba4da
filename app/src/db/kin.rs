//! The Key Individual Network's register and its quarterly questionnaire (see
//! `engagement::kin`). Every change is written with its audit entry in one transaction; the
//! questionnaires of one sending (links, records and emails) are written together or not at all.

use super::{now, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    engagement::kin::{MemberDetails, MemberStatus, Quarter},
    time::Timestamp,
};

/// A neighbourhood of the CSP, as the register groups members.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct NeighbourhoodName {
    pub id: i64,
    pub name_en: String,
    pub name_cy: String,
}

pub async fn neighbourhoods(db: &Db, csp_id: i64) -> Result<Vec<NeighbourhoodName>, DbError> {
    sqlx::query_as("SELECT id, name_en, name_cy FROM neighbourhoods WHERE csp_id = $1 ORDER BY name_en, id")
        .bind(csp_id)
        .fetch_all(db.reader())
        .await
}

/// A member as stored (a removed member's name is empty and contact details are none).
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct MemberRow {
    pub id: i64,
    pub csp_id: i64,
    pub neighbourhood_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: String,
    pub community_role: String,
    pub speaks_for: String,
    pub consent_on: Option<Timestamp>,
    pub consent_withdrawn_at: Option<Timestamp>,
    pub review_on: Timestamp,
    pub status: MemberStatus,
    pub version: i64,
}

const MEMBER_COLUMNS: &str =
    "id, csp_id, neighbourhood_id, name, email, phone, language, community_role, speaks_for, \
     consent_on, consent_withdrawn_at, review_on, status, version";

/// The CSP's members on the register (active and left; not those removed), by neighbourhood
/// and name.
pub async fn members(db: &Db, csp_id: i64) -> Result<Vec<MemberRow>, DbError> {
    sqlx::query_as(&format!(
        "SELECT {MEMBER_COLUMNS} FROM kin_members WHERE csp_id = $1 AND status <> $2 ORDER BY neighbourhood_id, name, id"
    ))
    .bind(csp_id)
    .bind(MemberStatus::Removed)
    .fetch_all(db.reader())
    .await
}

pub async fn member(db: &Db, id: i64) -> Result<Option<MemberRow>, DbError> {
    sqlx::query_as(&format!("SELECT {MEMBER_COLUMNS} FROM kin_members WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await
}

/// How many members were removed from the CSP's register (their rows hold no name).
pub async fn removed_count(db: &Db, csp_id: i64) -> Result<i64, DbError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM kin_members WHERE csp_id = $1 AND status = $2")
        .bind(csp_id)
        .bind(MemberStatus::Removed)
        .fetch_one(db.reader())
        .await
}

/// Adds a member, with its audit entry (whose record id becomes the member's); returns the id.
pub async fn add_member(
    db: &Db,
    csp_id: i64,
    m: &MemberDetails,
    audit: &NewAuditEntry,
) -> Result<i64, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO kin_members (csp_id, neighbourhood_id, name, email, phone, language, community_role, speaks_for, \
         consent_on, review_on, status, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 1) RETURNING id",
    )
    .bind(csp_id)
    .bind(m.neighbourhood_id)
    .bind(&m.name)
    .bind(&m.email)
    .bind(&m.phone)
    .bind(m.language.code())
    .bind(&m.community_role)
    .bind(&m.speaks_for)
    .bind(m.consent_on)
    .bind(m.review_on)
    .bind(m.status)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let audit = NewAuditEntry { record_id: Some(id.to_string()), ..audit.clone() };
    super::audit::record_in(&mut tx, &audit).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves a member's details if the member is still at `version` and not removed (otherwise
/// false, nothing written). Consent given again after it was withdrawn is recorded with its day.
pub async fn update_member(
    db: &Db,
    id: i64,
    version: i64,
    m: &MemberDetails,
    audit: &NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE kin_members SET neighbourhood_id = $1, name = $2, email = $3, phone = $4, language = $5, \
         community_role = $6, speaks_for = $7, consent_on = $8, review_on = $9, status = $10, updated_at = $11, \
         version = version + 1 WHERE id = $12 AND version = $13 AND status <> $14",
    )
    .bind(m.neighbourhood_id)
    .bind(&m.name)
    .bind(&m.email)
    .bind(&m.phone)
    .bind(m.language.code())
    .bind(&m.community_role)
    .bind(&m.speaks_for)
    .bind(m.consent_on)
    .bind(m.review_on)
    .bind(m.status)
    .bind(now())
    .bind(id)
    .bind(version)
    .bind(MemberStatus::Removed)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Records that a member withdrew consent: no more emails (false: no such member on the
/// register, or no consent to withdraw).
pub async fn withdraw_consent(db: &Db, id: i64, audit: &NewAuditEntry) -> Result<bool, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE kin_members SET consent_on = NULL, consent_withdrawn_at = $1, updated_at = $1, version = version + 1 \
         WHERE id = $2 AND consent_on IS NOT NULL AND status <> $3",
    )
    .bind(at)
    .bind(id)
    .bind(MemberStatus::Removed)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Removes a member: name, contact details, role and groups emptied, consent gone; the row
/// stays (status `removed`) for past quarters' counts (false: already removed or none).
pub async fn remove_member(db: &Db, id: i64, audit: &NewAuditEntry) -> Result<bool, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE kin_members SET name = '', email = NULL, phone = NULL, community_role = '', speaks_for = '', \
         consent_on = NULL, status = $1, removed_at = $2, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND status <> $1",
    )
    .bind(MemberStatus::Removed)
    .bind(at)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// The CSP's key for the keyed hash of members on links, made on first use.
pub async fn hash_key(db: &Db, csp_id: i64, new_key: &str) -> Result<String, DbError> {
    sqlx::query(
        "INSERT INTO kin_keys (csp_id, hash_key, created_at) VALUES ($1, $2, $3) ON CONFLICT (csp_id) DO NOTHING",
    )
    .bind(csp_id)
    .bind(new_key)
    .bind(now())
    .execute(db.writer())
    .await?;
    sqlx::query_scalar("SELECT hash_key FROM kin_keys WHERE csp_id = $1")
        .bind(csp_id)
        .fetch_one(db.writer())
        .await
}

/// A campaign the quarterly questionnaire can be sent for: planned or open, with the KIN
/// questionnaire channel and one response per personal link.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct KinCampaign {
    pub id: i64,
    pub csp_id: i64,
    pub slug: String,
    pub title_en: String,
    pub title_cy: String,
    pub whole_csp: i64,
}

const KIN_CAMPAIGN: &str = "SELECT c.id AS id, c.csp_id AS csp_id, c.slug AS slug, c.title_en AS title_en, \
     c.title_cy AS title_cy, c.whole_csp AS whole_csp FROM campaigns c \
     JOIN campaign_channels ch ON ch.campaign_id = c.id AND ch.channel = 'kin_questionnaire' \
     WHERE c.response_policy = 'one_per_link' AND c.status IN ('planned', 'open')";

/// The CSP's KIN questionnaire campaigns, newest first.
pub async fn kin_campaigns(db: &Db, csp_id: i64) -> Result<Vec<KinCampaign>, DbError> {
    sqlx::query_as(&format!("{KIN_CAMPAIGN} AND c.csp_id = $1 ORDER BY c.starts_on DESC, c.id DESC"))
        .bind(csp_id)
        .fetch_all(db.reader())
        .await
}

/// A KIN questionnaire campaign by id (none when it is not one).
pub async fn kin_campaign(db: &Db, id: i64) -> Result<Option<KinCampaign>, DbError> {
    sqlx::query_as(&format!("{KIN_CAMPAIGN} AND c.id = $1")).bind(id).fetch_optional(db.reader()).await
}

/// Whether a campaign's survey has a published version (the link page answers only then).
pub async fn survey_published(db: &Db, campaign_id: i64) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_versions v JOIN surveys s ON s.id = v.survey_id WHERE s.campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_one(db.reader())
    .await?;
    Ok(n > 0)
}

/// The members already sent the questionnaire in a quarter (by any campaign).
pub async fn sent_in_quarter(db: &Db, csp_id: i64, quarter: Quarter) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar(
        "SELECT member_id FROM kin_questionnaires WHERE csp_id = $1 AND year = $2 AND quarter = $3",
    )
    .bind(csp_id)
    .bind(quarter.year)
    .bind(quarter.number)
    .fetch_all(db.reader())
    .await
}

/// One questionnaire to send: the personal link (its token's hash), the record, the email.
pub struct NewQuestionnaire {
    pub member_id: i64,
    pub neighbourhood_id: i64,
    pub language: crate::i18n::Lang,
    pub token_hash: String,
    pub respondent_hash: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Writes one sending in one transaction: for each member the link, the record (refused by the
/// database for a member already sent one this quarter) and the email in the outbox; then the
/// audit entry.
pub async fn send_questionnaires(
    db: &Db,
    csp_id: i64,
    campaign_id: i64,
    quarter: Quarter,
    sent_by: i64,
    sending: &[NewQuestionnaire],
    audit: &NewAuditEntry,
) -> Result<(), DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    for q in sending {
        let link_id: i64 = sqlx::query_scalar(
            "INSERT INTO survey_links (campaign_id, token_hash, respondent_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(campaign_id)
        .bind(&q.token_hash)
        .bind(&q.respondent_hash)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO kin_questionnaires (member_id, csp_id, neighbourhood_id, campaign_id, link_id, year, quarter, \
             language, sent_by, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(q.member_id)
        .bind(csp_id)
        .bind(q.neighbourhood_id)
        .bind(campaign_id)
        .bind(link_id)
        .bind(quarter.year)
        .bind(quarter.number)
        .bind(q.language.code())
        .bind(sent_by)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        super::outbox::enqueue(&mut tx, &q.to, &q.subject, &q.body).await?;
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await
}

/// A questionnaire sent for a campaign in a quarter, with its member and whether its link was
/// used (for the reminder and the register's "this quarter" column).
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct SentQuestionnaire {
    pub id: i64,
    pub member_id: i64,
    pub campaign_id: i64,
    pub link_id: i64,
    pub sent_at: Timestamp,
    pub reminded_at: Option<Timestamp>,
    pub used_at: Option<Timestamp>,
    pub name: String,
    pub email: Option<String>,
    pub language: String,
    pub status: MemberStatus,
    pub consent_on: Option<Timestamp>,
}

const SENT: &str = "SELECT k.id AS id, k.member_id AS member_id, k.campaign_id AS campaign_id, k.link_id AS link_id, \
     k.sent_at AS sent_at, k.reminded_at AS reminded_at, l.used_at AS used_at, m.name AS name, m.email AS email, \
     m.language AS language, m.status AS status, m.consent_on AS consent_on \
     FROM kin_questionnaires k JOIN survey_links l ON l.id = k.link_id JOIN kin_members m ON m.id = k.member_id";

/// The questionnaires a campaign sent in a quarter.
pub async fn sent_for_campaign(
    db: &Db,
    campaign_id: i64,
    quarter: Quarter,
) -> Result<Vec<SentQuestionnaire>, DbError> {
    sqlx::query_as(&format!(
        "{SENT} WHERE k.campaign_id = $1 AND k.year = $2 AND k.quarter = $3 ORDER BY k.id"
    ))
    .bind(campaign_id)
    .bind(quarter.year)
    .bind(quarter.number)
    .fetch_all(db.reader())
    .await
}

/// The questionnaires the CSP sent in a quarter (the register shows each member's).
pub async fn sent_in_csp(db: &Db, csp_id: i64, quarter: Quarter) -> Result<Vec<SentQuestionnaire>, DbError> {
    sqlx::query_as(&format!("{SENT} WHERE k.csp_id = $1 AND k.year = $2 AND k.quarter = $3 ORDER BY k.id"))
        .bind(csp_id)
        .bind(quarter.year)
        .bind(quarter.number)
        .fetch_all(db.reader())
        .await
}

/// One reminder to send: a new token for the member's link (the first one's email is gone, and
/// only hashes are kept), and the email.
pub struct NewReminder {
    pub questionnaire_id: i64,
    pub link_id: i64,
    pub token_hash: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Writes the reminders in one transaction; a questionnaire already reminded is left alone
/// (never a second reminder). Returns how many were queued.
pub async fn send_reminders(
    db: &Db,
    reminders: &[NewReminder],
    audit: &NewAuditEntry,
) -> Result<usize, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let mut sent = 0;
    for r in reminders {
        let done = sqlx::query(
            "UPDATE kin_questionnaires SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL",
        )
        .bind(at)
        .bind(r.questionnaire_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            continue;
        }
        sqlx::query("UPDATE survey_links SET token_hash = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(&r.token_hash)
            .bind(r.link_id)
            .execute(&mut *tx)
            .await?;
        super::outbox::enqueue(&mut tx, &r.to, &r.subject, &r.body).await?;
        sent += 1;
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(sent)
}

/// Questionnaires sent and answered in one neighbourhood in one quarter.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct RateRow {
    pub neighbourhood_id: i64,
    pub year: i64,
    pub quarter: i64,
    pub sent: i64,
    pub answered: i64,
}

/// The CSP's response rates per neighbourhood and quarter, from quarter `from` on.
pub async fn rates(db: &Db, csp_id: i64, from: Quarter) -> Result<Vec<RateRow>, DbError> {
    sqlx::query_as(
        "SELECT k.neighbourhood_id AS neighbourhood_id, k.year AS year, k.quarter AS quarter, COUNT(*) AS sent, \
         COUNT(l.used_at) AS answered FROM kin_questionnaires k JOIN survey_links l ON l.id = k.link_id \
         WHERE k.csp_id = $1 AND k.year * 4 + k.quarter - 1 >= $2 \
         GROUP BY k.neighbourhood_id, k.year, k.quarter ORDER BY k.year, k.quarter, k.neighbourhood_id",
    )
    .bind(csp_id)
    .bind(from.index())
    .fetch_all(db.reader())
    .await
}

/// A free-text answer a member gave through one of their personal links.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct MemberAnswer {
    pub response_id: i64,
    pub survey_version_id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub year: i64,
    pub quarter: i64,
    pub submitted_at: Timestamp,
    pub question: String,
    pub text: String,
}

/// A member's free-text answers, newest first: the responses stored through their links (the
/// responding part keeps the link's respondent hash as the response's respondent key).
pub async fn member_answers(db: &Db, member_id: i64) -> Result<Vec<MemberAnswer>, DbError> {
    sqlx::query_as(
        "SELECT r.id AS response_id, r.survey_version_id AS survey_version_id, c.title_en AS title_en, \
         c.title_cy AS title_cy, k.year AS year, k.quarter AS quarter, r.submitted_at AS submitted_at, \
         a.question AS question, a.text AS text \
         FROM kin_questionnaires k JOIN survey_links l ON l.id = k.link_id \
         JOIN survey_responses r ON r.campaign_id = k.campaign_id AND r.respondent_key = l.respondent_hash \
         JOIN survey_answers a ON a.response_id = r.id AND a.text IS NOT NULL \
         JOIN campaigns c ON c.id = k.campaign_id \
         WHERE k.member_id = $1 ORDER BY r.submitted_at DESC, r.id DESC, a.question",
    )
    .bind(member_id)
    .fetch_all(db.reader())
    .await
}

/// The questions of a published survey version (JSON, `engagement::survey::Survey`).
pub async fn version_questions(db: &Db, version_id: i64) -> Result<Option<String>, DbError> {
    sqlx::query_scalar("SELECT questions FROM survey_versions WHERE id = $1")
        .bind(version_id)
        .fetch_optional(db.reader())
        .await
}

/// The neighbourhood a KIN questionnaire's personal link was sent for (its member's, when sent);
/// `None` for a link that is not a KIN questionnaire's (a verified email's).
pub async fn link_neighbourhood(db: &Db, link_id: i64) -> Result<Option<i64>, DbError> {
    sqlx::query_scalar("SELECT neighbourhood_id FROM kin_questionnaires WHERE link_id = $1")
        .bind(link_id)
        .fetch_optional(db.reader())
        .await
}
