//! Intelligence recorded from engagement (issue 13): storing an item that came from a street
//! briefing, a KIN answer, a survey answer, a partner or a meeting (with whom a `C` item is
//! shared and the audit entry, in one transaction), and reading the survey answer an item is
//! made from.

use super::{now, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    engagement::ResponseChannel,
    reference::Names,
    time::Timestamp,
    triage::{item_reference, HandlingCode, IntelligenceSource},
};

/// An item to store (checked by `triage::recorded::check`).
pub struct NewRecordedItem<'a> {
    pub csp_id: i64,
    pub source: IntelligenceSource,
    pub neighbourhood_id: i64,
    pub observed_on: Timestamp,
    pub summary: &'a str,
    pub grade: &'a crate::triage::Grade,
    pub tension: Option<&'a str>,
    pub recorded_by: i64,
    /// The survey response and question it was made from, if any.
    pub response: Option<(i64, &'a str)>,
}

/// Stores the item, whom a `C` item is shared with, and `audit` (its `record_id` set to the
/// item's reference), all or nothing. The item's id.
pub async fn record_item(
    db: &Db,
    item: &NewRecordedItem<'_>,
    shared_with: &[i64],
    audit: NewAuditEntry,
) -> Result<i64, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO intelligence_items (report_id, csp_id, summary, source_grade, intelligence_grade, handling_code, \
         conditions, tension, graded_by, created_at, updated_at, source, neighbourhood_id, observed_on, response_id, question) \
         VALUES (NULL, $1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(item.csp_id)
    .bind(item.summary)
    .bind(item.grade.source)
    .bind(item.grade.intelligence)
    .bind(item.grade.handling)
    .bind(&item.grade.conditions)
    .bind(item.tension)
    .bind(item.recorded_by)
    .bind(at)
    .bind(item.source)
    .bind(item.neighbourhood_id)
    .bind(item.observed_on)
    .bind(item.response.map(|(r, _)| r))
    .bind(item.response.map(|(_, q)| q))
    .fetch_one(&mut *tx)
    .await?;
    if item.grade.handling == HandlingCode::C {
        for organisation in shared_with {
            sqlx::query("INSERT INTO intelligence_shares (item_id, organisation_id) VALUES ($1, $2)")
                .bind(id)
                .bind(organisation)
                .execute(&mut *tx)
                .await?;
        }
    }
    let audit = NewAuditEntry { record_id: Some(item_reference(id)), ..audit };
    super::audit::record_in(&mut tx, &audit).await?;
    tx.commit().await?;
    Ok(id)
}

/// A survey's free-text answer an item can be made from.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerForIntelligence {
    pub response_id: i64,
    pub csp_id: i64,
    pub neighbourhood_id: Option<i64>,
    pub channel: ResponseChannel,
    pub campaign: Names,
    pub submitted_at: Timestamp,
    pub text: String,
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    response_id: i64,
    csp_id: i64,
    neighbourhood_id: Option<i64>,
    channel: ResponseChannel,
    title_en: String,
    title_cy: String,
    submitted_at: Timestamp,
    text: String,
}

/// The free-text answer to `question` of response `response_id` (none if there is none).
pub async fn answer(
    db: &Db,
    response_id: i64,
    question: &str,
) -> Result<Option<AnswerForIntelligence>, DbError> {
    let row: Option<AnswerRow> = sqlx::query_as(
        "SELECT s.id AS response_id, s.csp_id, s.neighbourhood_id, s.channel, c.title_en, c.title_cy, s.submitted_at, a.text \
         FROM survey_responses s JOIN campaigns c ON c.id = s.campaign_id \
         JOIN survey_answers a ON a.response_id = s.id AND a.question = $2 \
         WHERE s.id = $1 AND a.text IS NOT NULL ORDER BY a.text LIMIT 1",
    )
    .bind(response_id)
    .bind(question)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|r| AnswerForIntelligence {
        response_id: r.response_id,
        csp_id: r.csp_id,
        neighbourhood_id: r.neighbourhood_id,
        channel: r.channel,
        campaign: Names::new(r.title_en, r.title_cy),
        submitted_at: r.submitted_at,
        text: r.text,
    }))
}

/// The items already made from a response's answers: (question, item reference).
pub async fn items_from_response(db: &Db, response_id: i64) -> Result<Vec<(String, String)>, DbError> {
    let rows: Vec<FromResponseRow> =
        sqlx::query_as("SELECT id, question FROM intelligence_items WHERE response_id = $1 ORDER BY id")
            .bind(response_id)
            .fetch_all(db.reader())
            .await?;
    Ok(rows.into_iter().map(|r| (r.question.unwrap_or_default(), item_reference(r.id))).collect())
}

#[derive(sqlx::FromRow)]
struct FromResponseRow {
    id: i64,
    question: Option<String>,
}
