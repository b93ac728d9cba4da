//! Engagement's core records: campaigns, their surveys (a draft and published versions that never
//! change) and responses, stored whole with their answers and equality monitoring. The pages of
//! each part of engagement keep their other queries in their own files (`db::campaigns`,
//! `db::responses`, `db::reach`, `db::results`, `db::priorities`, `db::kin`).

use super::{now, Db, DbError};
use crate::{
    engagement::{survey::AnswerRow, CampaignStatus, Channel, ResponseChannel, ResponsePolicy, SurveyKind},
    reference::Names,
    time::Timestamp,
};

/// A campaign as planned.
pub struct NewCampaign<'a> {
    pub csp_id: i64,
    pub slug: &'a str,
    pub title: &'a Names,
    pub purpose: &'a Names,
    /// Every neighbourhood of the CSP (then `neighbourhoods` is empty).
    pub whole_csp: bool,
    pub neighbourhoods: &'a [i64],
    pub channels: &'a [Channel],
    pub starts_on: Timestamp,
    pub ends_on: Timestamp,
    pub owner_user_id: i64,
    pub response_policy: ResponsePolicy,
    pub results_due_on: Option<Timestamp>,
}

/// Plans a campaign; returns its id.
pub async fn create_campaign(db: &Db, c: NewCampaign<'_>) -> Result<i64, DbError> {
    let mut tx = db.writer().begin().await?;
    let id = insert_campaign(&mut tx, c).await?;
    tx.commit().await?;
    Ok(id)
}

/// Plans a campaign within `tx` (so a caller can add its audit entry in the same transaction);
/// returns its id.
pub async fn insert_campaign(tx: &mut super::reference::Tx<'_>, c: NewCampaign<'_>) -> Result<i64, DbError> {
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO campaigns (csp_id, slug, title_en, title_cy, purpose_en, purpose_cy, whole_csp, starts_on, ends_on, \
         owner_user_id, status, response_policy, results_due_on, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, 1) RETURNING id",
    )
    .bind(c.csp_id)
    .bind(c.slug)
    .bind(&c.title.en)
    .bind(&c.title.cy)
    .bind(&c.purpose.en)
    .bind(&c.purpose.cy)
    .bind(i64::from(c.whole_csp))
    .bind(c.starts_on)
    .bind(c.ends_on)
    .bind(c.owner_user_id)
    .bind(CampaignStatus::Planned)
    .bind(c.response_policy)
    .bind(c.results_due_on)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    for n in c.neighbourhoods {
        sqlx::query("INSERT INTO campaign_neighbourhoods (campaign_id, neighbourhood_id) VALUES ($1, $2)")
            .bind(id)
            .bind(n)
            .execute(&mut **tx)
            .await?;
    }
    for channel in c.channels {
        sqlx::query("INSERT INTO campaign_channels (campaign_id, channel) VALUES ($1, $2)")
            .bind(id)
            .bind(channel)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

/// A campaign as stored (without its neighbourhoods and channels: `campaign_places`,
/// `campaign_channels`).
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct CampaignRow {
    pub id: i64,
    pub csp_id: i64,
    pub slug: String,
    pub title_en: String,
    pub title_cy: String,
    pub purpose_en: String,
    pub purpose_cy: String,
    pub whole_csp: i64,
    pub starts_on: Timestamp,
    pub ends_on: Timestamp,
    pub owner_user_id: i64,
    pub status: CampaignStatus,
    pub response_policy: ResponsePolicy,
    pub results_due_on: Option<Timestamp>,
    pub results_published_at: Option<Timestamp>,
    pub version: i64,
}

const CAMPAIGN_COLUMNS: &str =
    "id, csp_id, slug, title_en, title_cy, purpose_en, purpose_cy, whole_csp, starts_on, \
     ends_on, owner_user_id, status, response_policy, results_due_on, results_published_at, version";

pub async fn campaign(db: &Db, id: i64) -> Result<Option<CampaignRow>, DbError> {
    sqlx::query_as(&format!("SELECT {CAMPAIGN_COLUMNS} FROM campaigns WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await
}

pub async fn campaign_by_slug(db: &Db, slug: &str) -> Result<Option<CampaignRow>, DbError> {
    sqlx::query_as(&format!("SELECT {CAMPAIGN_COLUMNS} FROM campaigns WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(db.reader())
        .await
}

/// The neighbourhoods a campaign names (none for a whole-CSP campaign).
pub async fn campaign_neighbourhoods(db: &Db, campaign_id: i64) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar(
        "SELECT neighbourhood_id FROM campaign_neighbourhoods WHERE campaign_id = $1 ORDER BY neighbourhood_id",
    )
    .bind(campaign_id)
    .fetch_all(db.reader())
    .await
}

pub async fn campaign_channels(db: &Db, campaign_id: i64) -> Result<Vec<Channel>, DbError> {
    sqlx::query_scalar("SELECT channel FROM campaign_channels WHERE campaign_id = $1 ORDER BY channel")
        .bind(campaign_id)
        .fetch_all(db.reader())
        .await
}

/// The wards a campaign covers (its neighbourhoods' wards, or every ward of its CSP), with their
/// neighbourhood: the choices of a place question.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct CampaignWard {
    pub code: String,
    pub name_en: String,
    pub name_cy: String,
    pub neighbourhood_id: i64,
}

pub async fn campaign_wards(db: &Db, campaign_id: i64) -> Result<Vec<CampaignWard>, DbError> {
    sqlx::query_as(
        "SELECT w.code AS code, w.name_en AS name_en, w.name_cy AS name_cy, w.neighbourhood_id AS neighbourhood_id \
         FROM wards w JOIN neighbourhoods n ON n.id = w.neighbourhood_id JOIN campaigns c ON c.csp_id = n.csp_id \
         WHERE c.id = $1 AND (c.whole_csp = 1 OR w.neighbourhood_id IN \
           (SELECT neighbourhood_id FROM campaign_neighbourhoods WHERE campaign_id = $1)) \
         ORDER BY w.name_en",
    )
    .bind(campaign_id)
    .fetch_all(db.reader())
    .await
}

/// Gives a campaign its survey, with `draft_json` (`engagement::survey::Survey`) as the draft.
pub async fn create_survey(
    db: &Db,
    campaign_id: i64,
    kind: SurveyKind,
    draft_json: &str,
) -> Result<i64, DbError> {
    let at = now();
    sqlx::query_scalar(
        "INSERT INTO surveys (campaign_id, kind, draft, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $4, 1) RETURNING id",
    )
    .bind(campaign_id)
    .bind(kind)
    .bind(draft_json)
    .bind(at)
    .fetch_one(db.writer())
    .await
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct SurveyRow {
    pub id: i64,
    pub campaign_id: i64,
    pub kind: SurveyKind,
    pub opens_at: Option<Timestamp>,
    pub closes_at: Option<Timestamp>,
    pub draft: String,
    pub version: i64,
}

pub async fn survey_of_campaign(db: &Db, campaign_id: i64) -> Result<Option<SurveyRow>, DbError> {
    sqlx::query_as(
        "SELECT id, campaign_id, kind, opens_at, closes_at, draft, version FROM surveys WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_optional(db.reader())
    .await
}

/// Saves a survey's draft and dates if it is still at `expected_version` (someone else's save
/// in between: false, nothing written).
pub async fn save_survey_draft(
    db: &Db,
    survey_id: i64,
    expected_version: i64,
    draft_json: &str,
    opens_at: Option<Timestamp>,
    closes_at: Option<Timestamp>,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE surveys SET draft = $1, opens_at = $2, closes_at = $3, updated_at = $4, version = version + 1 \
         WHERE id = $5 AND version = $6",
    )
    .bind(draft_json)
    .bind(opens_at)
    .bind(closes_at)
    .bind(now())
    .bind(survey_id)
    .bind(expected_version)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A published version of a survey: its questions never change.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct SurveyVersionRow {
    pub id: i64,
    pub survey_id: i64,
    pub number: i64,
    pub questions: String,
    pub published_at: Timestamp,
}

/// Publishes `questions_json` as the survey's next version; returns it.
pub async fn publish_survey(
    db: &Db,
    survey_id: i64,
    questions_json: &str,
    user_id: i64,
) -> Result<SurveyVersionRow, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 AS next FROM survey_versions WHERE survey_id = $1",
    )
    .bind(survey_id)
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO survey_versions (survey_id, number, questions, published_by, published_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(survey_id)
    .bind(number)
    .bind(questions_json)
    .bind(user_id)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(SurveyVersionRow { id, survey_id, number, questions: questions_json.to_string(), published_at: at })
}

/// The version residents answer now: the latest published.
pub async fn current_version(db: &Db, survey_id: i64) -> Result<Option<SurveyVersionRow>, DbError> {
    sqlx::query_as(
        "SELECT id, survey_id, number, questions, published_at FROM survey_versions WHERE survey_id = $1 \
         ORDER BY number DESC LIMIT 1",
    )
    .bind(survey_id)
    .fetch_optional(db.reader())
    .await
}

/// Every published version, oldest first (results read each response with its own version).
pub async fn survey_versions(db: &Db, survey_id: i64) -> Result<Vec<SurveyVersionRow>, DbError> {
    sqlx::query_as(
        "SELECT id, survey_id, number, questions, published_at FROM survey_versions WHERE survey_id = $1 ORDER BY number",
    )
    .bind(survey_id)
    .fetch_all(db.reader())
    .await
}

/// Equality monitoring as given with one response (each `None` when skipped or not asked).
#[derive(sqlx::FromRow, Clone, Debug, Default, PartialEq, Eq)]
pub struct EqualityRow {
    pub age_band: Option<String>,
    pub sex: Option<String>,
    pub gender_identity: Option<String>,
    pub ethnic_group: Option<String>,
    pub religion: Option<String>,
    pub disability: Option<String>,
    pub sexual_orientation: Option<String>,
    pub welsh_language: Option<String>,
    pub postcode_district: Option<String>,
}

impl EqualityRow {
    pub fn is_empty(&self) -> bool {
        *self == EqualityRow::default()
    }
}

/// One response, stored whole: the response, its answers and its equality monitoring.
pub struct NewResponse<'a> {
    pub campaign_id: i64,
    pub survey_version_id: i64,
    pub csp_id: i64,
    pub neighbourhood_id: Option<i64>,
    pub channel: ResponseChannel,
    pub language: crate::i18n::Lang,
    pub entered_by: Option<i64>,
    pub respondent_key: Option<&'a str>,
    pub duplicate_of: Option<i64>,
    pub answers: &'a [AnswerRow],
    pub equality: &'a EqualityRow,
}

/// Stores a response in one transaction, within `tx` (so a caller can add its audit entry or
/// mark a personal link used in the same transaction); returns its id.
pub async fn insert_response(tx: &mut super::reference::Tx<'_>, r: &NewResponse<'_>) -> Result<i64, DbError> {
    insert_response_hashed(tx, r, None).await
}

/// Answer rows per INSERT statement (seven values each: within both databases' limits).
const ANSWERS_PER_STATEMENT: usize = 200;

/// `insert_response` with the answers' fingerprint (`respond::answers_hash`), which flags
/// duplicates across channels: the response in one statement, its answers in one more (a
/// multi-row INSERT), its equality monitoring in a third.
pub async fn insert_response_hashed(
    tx: &mut super::reference::Tx<'_>,
    r: &NewResponse<'_>,
    answers_hash: Option<&str>,
) -> Result<i64, DbError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO survey_responses (campaign_id, survey_version_id, csp_id, neighbourhood_id, channel, language, \
         entered_by, respondent_key, duplicate_of, submitted_at, answers_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(r.campaign_id)
    .bind(r.survey_version_id)
    .bind(r.csp_id)
    .bind(r.neighbourhood_id)
    .bind(r.channel)
    .bind(r.language.code())
    .bind(r.entered_by)
    .bind(r.respondent_key)
    .bind(r.duplicate_of)
    .bind(now())
    .bind(answers_hash)
    .fetch_one(&mut **tx)
    .await?;
    for chunk in r.answers.chunks(ANSWERS_PER_STATEMENT) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = i * 7;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5,
                    n + 6,
                    n + 7
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO survey_answers (response_id, campaign_id, question, choice, number, text, neighbourhood_id) \
             VALUES {}",
            values.join(", ")
        );
        let mut insert = sqlx::query(&sql);
        for a in chunk {
            insert = insert
                .bind(id)
                .bind(r.campaign_id)
                .bind(&a.question)
                .bind(&a.choice)
                .bind(a.number)
                .bind(&a.text)
                .bind(a.neighbourhood_id);
        }
        insert.execute(&mut **tx).await?;
    }
    if !r.equality.is_empty() {
        let e = r.equality;
        sqlx::query(
            "INSERT INTO survey_equality (response_id, age_band, sex, gender_identity, ethnic_group, religion, disability, \
             sexual_orientation, welsh_language, postcode_district) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(&e.age_band)
        .bind(&e.sex)
        .bind(&e.gender_identity)
        .bind(&e.ethnic_group)
        .bind(&e.religion)
        .bind(&e.disability)
        .bind(&e.sexual_orientation)
        .bind(&e.welsh_language)
        .bind(&e.postcode_district)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Stores a response on its own transaction; returns its id.
pub async fn store_response(db: &Db, r: &NewResponse<'_>) -> Result<i64, DbError> {
    let mut tx = db.writer().begin().await?;
    let id = insert_response(&mut tx, r).await?;
    tx.commit().await?;
    Ok(id)
}

/// A CSP's small-number threshold (10 while the CSP has set none).
pub async fn suppression_threshold(db: &Db, csp_id: i64) -> Result<i64, DbError> {
    let set: Option<i64> =
        sqlx::query_scalar("SELECT suppression_threshold FROM csp_settings WHERE csp_id = $1")
            .bind(csp_id)
            .fetch_optional(db.reader())
            .await?;
    Ok(set.unwrap_or(crate::suppression::DEFAULT_THRESHOLD))
}
