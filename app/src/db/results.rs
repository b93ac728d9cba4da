//! Engagement results: answers counted in SQL (a handful of GROUP BY queries over
//! `survey_answers` by `campaign_id` per page, whatever the number of questions), the filters
//! (neighbourhood, channel, equality group), publishing results, the codebook and coded
//! answers, and the rows of the anonymised export.

use super::{now, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    engagement::{
        results::{AnswerCount, Filter, GroupTopic, Respondents},
        ResponseChannel,
    },
    time::Timestamp,
};

/// A value bound to a query built with only the filters asked for.
enum Bind {
    Int(i64),
    Text(String),
}

/// The `survey_equality` column of a topic (a closed set: never text from a request).
fn topic_column(topic: GroupTopic) -> &'static str {
    match topic {
        GroupTopic::AgeBand => "e.age_band",
        GroupTopic::Sex => "e.sex",
        GroupTopic::GenderIdentity => "e.gender_identity",
        GroupTopic::EthnicGroup => "e.ethnic_group",
        GroupTopic::Religion => "e.religion",
        GroupTopic::Disability => "e.disability",
        GroupTopic::SexualOrientation => "e.sexual_orientation",
        GroupTopic::WelshLanguage => "e.welsh_language",
    }
}

/// The joins and conditions that keep the responses a filter asks for (response `r`), with
/// their values, numbered from `$first`.
fn scope(filter: &Filter, first: usize) -> (String, String, Vec<Bind>) {
    let mut joins = String::new();
    let mut conditions = String::new();
    let mut binds = Vec::new();
    let mut next = first;
    if let Some(n) = filter.neighbourhood {
        conditions.push_str(&format!(" AND r.neighbourhood_id = ${next}"));
        binds.push(Bind::Int(n));
        next += 1;
    }
    if let Some(c) = filter.channel {
        conditions.push_str(&format!(" AND r.channel = ${next}"));
        binds.push(Bind::Text(c.as_str().to_string()));
        next += 1;
    }
    if let Some(g) = &filter.group {
        joins.push_str(" JOIN survey_equality e ON e.response_id = r.id");
        conditions.push_str(&format!(" AND {} = ${next}", topic_column(g.topic)));
        binds.push(Bind::Text(g.category.clone()));
    }
    (joins, conditions, binds)
}

macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut q = $query;
        for b in $binds {
            q = match b {
                Bind::Int(i) => q.bind(i),
                Bind::Text(t) => q.bind(t),
            };
        }
        q
    }};
}

/// Every answer counted by version, question, option, rating or rank, and neighbourhood (a
/// place; free text counts as one group per question), over the responses the filter keeps:
/// one query for all the questions. With a single version and no filter, the answers alone are
/// read (from their covering index).
pub async fn answer_counts(
    db: &Db,
    campaign_id: i64,
    filter: &Filter,
    only_version: Option<i64>,
) -> Result<Vec<AnswerCount>, DbError> {
    if let (Some(v), true) = (only_version, filter.is_empty()) {
        return sqlx::query_as(&format!(
            "SELECT CAST({v} AS BIGINT) AS version_id, a.question AS question, a.choice AS choice, a.number AS number, \
             a.neighbourhood_id AS neighbourhood_id, COUNT(*) AS n FROM survey_answers a WHERE a.campaign_id = $1 \
             GROUP BY a.question, a.choice, a.number, a.neighbourhood_id"
        ))
        .bind(campaign_id)
        .fetch_all(db.reader())
        .await;
    }
    let (joins, conditions, binds) = scope(filter, 2);
    let sql = format!(
        "SELECT r.survey_version_id AS version_id, a.question AS question, a.choice AS choice, a.number AS number, \
         a.neighbourhood_id AS neighbourhood_id, COUNT(*) AS n \
         FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id{joins} \
         WHERE a.campaign_id = $1{conditions} \
         GROUP BY r.survey_version_id, a.question, a.choice, a.number, a.neighbourhood_id"
    );
    bind_all!(sqlx::query_as(&sql).bind(campaign_id), binds).fetch_all(db.reader()).await
}

/// How many responses answered each of `questions` (the multiple-choice ones: every other kind
/// has one row per response, so `answer_counts` already says), by version, over the responses
/// the filter keeps. With a single version and no filter, the answers alone are read.
pub async fn respondent_counts(
    db: &Db,
    campaign_id: i64,
    filter: &Filter,
    only_version: Option<i64>,
    questions: &[String],
) -> Result<Vec<Respondents>, DbError> {
    if questions.is_empty() {
        return Ok(Vec::new());
    }
    let (joins, conditions, binds) = scope(filter, 2);
    let first = 2 + binds.len();
    let marks: Vec<String> = (0..questions.len()).map(|i| format!("${}", first + i)).collect();
    let sql = match (only_version, filter.is_empty()) {
        (Some(v), true) => format!(
            "SELECT CAST({v} AS BIGINT) AS version_id, a.question AS question, COUNT(DISTINCT a.response_id) AS n \
             FROM survey_answers a WHERE a.campaign_id = $1 AND a.question IN ({}) GROUP BY a.question",
            marks.join(", ")
        ),
        _ => format!(
            "SELECT r.survey_version_id AS version_id, a.question AS question, COUNT(DISTINCT a.response_id) AS n \
             FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id{joins} \
             WHERE a.campaign_id = $1{conditions} AND a.question IN ({}) GROUP BY r.survey_version_id, a.question",
            marks.join(", ")
        ),
    };
    let mut q = bind_all!(sqlx::query_as(&sql).bind(campaign_id), binds);
    for question in questions {
        q = q.bind(question.clone());
    }
    q.fetch_all(db.reader()).await
}

/// How many responses the filter keeps.
pub async fn response_count(db: &Db, campaign_id: i64, filter: &Filter) -> Result<i64, DbError> {
    let (joins, conditions, binds) = scope(filter, 2);
    let sql =
        format!("SELECT COUNT(*) AS n FROM survey_responses r{joins} WHERE r.campaign_id = $1{conditions}");
    bind_all!(sqlx::query_scalar(&sql).bind(campaign_id), binds).fetch_one(db.reader()).await
}

/// An equality group given in a campaign's responses (a filter's choice).
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct GroupChoice {
    pub topic: String,
    pub category: String,
}

/// The equality groups a campaign's respondents gave, by topic: one query.
pub async fn group_choices(db: &Db, campaign_id: i64) -> Result<Vec<GroupChoice>, DbError> {
    let parts: Vec<String> = GroupTopic::ALL
        .iter()
        .map(|t| {
            let column = topic_column(*t);
            format!(
                "SELECT DISTINCT '{}' AS topic, {column} AS category FROM survey_equality e \
                 JOIN survey_responses r ON r.id = e.response_id WHERE r.campaign_id = $1 AND {column} IS NOT NULL",
                t.as_str()
            )
        })
        .collect();
    let sql =
        format!("SELECT topic, category FROM ({}) g ORDER BY topic, category", parts.join(" UNION ALL "));
    sqlx::query_as(&sql).bind(campaign_id).fetch_all(db.reader()).await
}

/// Publishes a campaign's results (partners may then see them), with its audit entry; false when
/// they already were.
pub async fn publish_results(db: &Db, campaign_id: i64, audit: &NewAuditEntry) -> Result<bool, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE campaigns SET results_published_at = $1, updated_at = $1, version = version + 1 \
         WHERE id = $2 AND results_published_at IS NULL",
    )
    .bind(at)
    .bind(campaign_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

// ---- Coding free text ----

/// A theme of a survey question's codebook.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct ThemeRow {
    pub id: i64,
    pub name: String,
}

pub async fn themes(db: &Db, survey_id: i64, question: &str) -> Result<Vec<ThemeRow>, DbError> {
    sqlx::query_as(
        "SELECT id, name FROM survey_themes WHERE survey_id = $1 AND question = $2 ORDER BY name, id",
    )
    .bind(survey_id)
    .bind(question)
    .fetch_all(db.reader())
    .await
}

/// Adds a theme to the codebook; `None` when the question already has one of that name.
pub async fn create_theme(
    db: &Db,
    survey_id: i64,
    question: &str,
    name: &str,
    user_id: i64,
) -> Result<Option<i64>, DbError> {
    sqlx::query_scalar(
        "INSERT INTO survey_themes (survey_id, question, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (survey_id, question, name) DO NOTHING RETURNING id",
    )
    .bind(survey_id)
    .bind(question)
    .bind(name)
    .bind(user_id)
    .bind(now())
    .fetch_optional(db.writer())
    .await
}

/// Answers tagged with each theme of a question, over the responses the filter keeps.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct ThemeCount {
    pub theme_id: i64,
    pub n: i64,
}

pub async fn theme_counts(
    db: &Db,
    campaign_id: i64,
    question: &str,
    filter: &Filter,
) -> Result<Vec<ThemeCount>, DbError> {
    let (joins, conditions, binds) = scope(filter, 3);
    let sql = format!(
        "SELECT t.theme_id AS theme_id, COUNT(*) AS n FROM survey_answer_themes t \
         JOIN survey_responses r ON r.id = t.response_id{joins} \
         WHERE r.campaign_id = $1 AND t.question = $2{conditions} GROUP BY t.theme_id"
    );
    bind_all!(sqlx::query_as(&sql).bind(campaign_id).bind(question), binds).fetch_all(db.reader()).await
}

/// Which free-text answers the coding list shows.
#[derive(Clone, Debug, Default)]
pub struct AnswerQuery {
    pub neighbourhood: Option<i64>,
    pub theme: Option<i64>,
    pub uncoded: bool,
}

/// A free-text answer as the coding list shows it: its response's number in the campaign (not
/// its id), neighbourhood, words and the staff note on it.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct FreeAnswer {
    pub response_id: i64,
    pub number: i64,
    pub neighbourhood_id: Option<i64>,
    pub text: String,
    pub note: Option<String>,
}

fn answer_scope(q: &AnswerQuery, first: usize) -> (String, Vec<Bind>) {
    let mut conditions = String::new();
    let mut binds = Vec::new();
    let mut next = first;
    if let Some(n) = q.neighbourhood {
        conditions.push_str(&format!(" AND r.neighbourhood_id = ${next}"));
        binds.push(Bind::Int(n));
        next += 1;
    }
    if let Some(t) = q.theme {
        conditions.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM survey_answer_themes t WHERE t.response_id = a.response_id \
             AND t.question = a.question AND t.theme_id = ${next})"
        ));
        binds.push(Bind::Int(t));
    }
    if q.uncoded {
        conditions.push_str(
            " AND NOT EXISTS (SELECT 1 FROM survey_answer_themes t WHERE t.response_id = a.response_id \
             AND t.question = a.question)",
        );
    }
    (conditions, binds)
}

/// One page of a question's free-text answers (oldest first), and how many there are.
pub async fn free_answers(
    db: &Db,
    campaign_id: i64,
    question: &str,
    query: &AnswerQuery,
    page: i64,
    page_size: i64,
) -> Result<(Vec<FreeAnswer>, i64), DbError> {
    let (conditions, binds) = answer_scope(query, 3);
    let from = format!(
        "FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id \
         WHERE a.campaign_id = $1 AND a.question = $2 AND a.text IS NOT NULL AND a.neighbourhood_id IS NULL{conditions}"
    );
    let count = format!("SELECT COUNT(*) AS n {from}");
    let total: i64 = bind_all!(sqlx::query_scalar(&count).bind(campaign_id).bind(question), binds)
        .fetch_one(db.reader())
        .await?;
    let (_, binds) = answer_scope(query, 3);
    let n = 3 + binds.len();
    let sql = format!(
        "SELECT a.response_id AS response_id, \
         (SELECT COUNT(*) FROM survey_responses r2 WHERE r2.campaign_id = r.campaign_id AND r2.id <= r.id) AS number, \
         r.neighbourhood_id AS neighbourhood_id, a.text AS text, \
         (SELECT note FROM survey_answer_notes s WHERE s.response_id = a.response_id AND s.question = a.question) AS note \
         {from} ORDER BY a.response_id LIMIT ${n} OFFSET ${}",
        n + 1
    );
    let rows = bind_all!(sqlx::query_as(&sql).bind(campaign_id).bind(question), binds)
        .bind(page_size)
        .bind((page - 1).max(0) * page_size)
        .fetch_all(db.reader())
        .await?;
    Ok((rows, total))
}

/// Every free-text answer to a question (the words only), for suggesting themes.
pub async fn answer_texts(db: &Db, campaign_id: i64, question: &str) -> Result<Vec<String>, DbError> {
    sqlx::query_scalar(
        "SELECT text FROM survey_answers WHERE campaign_id = $1 AND question = $2 AND text IS NOT NULL \
         AND neighbourhood_id IS NULL ORDER BY response_id",
    )
    .bind(campaign_id)
    .bind(question)
    .fetch_all(db.reader())
    .await
}

/// A theme given to an answer.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct AnswerTheme {
    pub response_id: i64,
    pub theme_id: i64,
}

/// The themes of the answers listed (a page of them).
pub async fn answer_themes(
    db: &Db,
    question: &str,
    response_ids: &[i64],
) -> Result<Vec<AnswerTheme>, DbError> {
    if response_ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (0..response_ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT response_id, theme_id FROM survey_answer_themes WHERE question = $1 AND response_id IN ({}) \
         ORDER BY response_id, theme_id",
        marks.join(", ")
    );
    let mut q = sqlx::query_as(&sql).bind(question);
    for id in response_ids {
        q = q.bind(*id);
    }
    q.fetch_all(db.reader()).await
}

/// Whether a response of the campaign has a free-text answer to the question.
pub async fn has_free_answer(
    db: &Db,
    campaign_id: i64,
    response_id: i64,
    question: &str,
) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM survey_answers WHERE campaign_id = $1 AND response_id = $2 AND question = $3 \
         AND text IS NOT NULL AND neighbourhood_id IS NULL",
    )
    .bind(campaign_id)
    .bind(response_id)
    .bind(question)
    .fetch_one(db.reader())
    .await?;
    Ok(n > 0)
}

/// An answer's coding as saved: its themes (replacing the ones it had) and the staff note
/// (empty: none), in one transaction.
pub async fn save_coding(
    db: &Db,
    response_id: i64,
    question: &str,
    theme_ids: &[i64],
    note: &str,
    user_id: i64,
) -> Result<(), DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    sqlx::query("DELETE FROM survey_answer_themes WHERE response_id = $1 AND question = $2")
        .bind(response_id)
        .bind(question)
        .execute(&mut *tx)
        .await?;
    for theme in theme_ids {
        sqlx::query(
            "INSERT INTO survey_answer_themes (response_id, question, theme_id, coded_by, coded_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(response_id)
        .bind(question)
        .bind(theme)
        .bind(user_id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM survey_answer_notes WHERE response_id = $1 AND question = $2")
        .bind(response_id)
        .bind(question)
        .execute(&mut *tx)
        .await?;
    if !note.is_empty() {
        sqlx::query(
            "INSERT INTO survey_answer_notes (response_id, question, note, written_by, written_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(response_id)
        .bind(question)
        .bind(note)
        .bind(user_id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

// ---- The anonymised export ----

/// A response as exported (its id only orders the rows and joins its answers: the export
/// numbers responses from 1).
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct ExportResponse {
    pub id: i64,
    pub survey_version_id: i64,
    pub channel: ResponseChannel,
    pub neighbourhood_id: Option<i64>,
    pub submitted_at: Timestamp,
}

pub async fn export_responses(db: &Db, campaign_id: i64) -> Result<Vec<ExportResponse>, DbError> {
    sqlx::query_as(
        "SELECT id, survey_version_id, channel, neighbourhood_id, submitted_at FROM survey_responses \
         WHERE campaign_id = $1 ORDER BY id",
    )
    .bind(campaign_id)
    .fetch_all(db.reader())
    .await
}

/// An answer row as exported (in no order: the export groups them by response and sorts them).
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct ExportAnswer {
    pub response_id: i64,
    pub question: String,
    pub choice: Option<String>,
    pub number: Option<i64>,
    pub text: Option<String>,
    pub neighbourhood_id: Option<i64>,
}

pub async fn export_answers(db: &Db, campaign_id: i64) -> Result<Vec<ExportAnswer>, DbError> {
    sqlx::query_as(
        "SELECT response_id, question, choice, number, text, neighbourhood_id FROM survey_answers \
         WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_all(db.reader())
    .await
}
