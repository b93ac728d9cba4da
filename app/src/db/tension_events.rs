//! Known trigger events and their community impact assessments (issue 15, part 2; see
//! `tension::events`). A save writes the event, its neighbourhoods and its audit entry in the
//! caller's transaction (so an alert for a high risk goes in the same one).

use super::{now, reference::Tx, Db, DbError};
use crate::{
    reference::Names,
    tension::events::{Affected, Event, EventDetails, EventKind, EventStatus, RiskLevel},
    time::Timestamp,
};

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    csp_id: i64,
    kind: EventKind,
    title: String,
    starts_on: Timestamp,
    ends_on: Timestamp,
    place: String,
    risks: String,
    mitigations: String,
    owner: String,
    next_review_on: Option<Timestamp>,
    status: EventStatus,
    risk_level: RiskLevel,
    ctlp: i64,
    version: i64,
    updated_at: Timestamp,
    csp_slug: String,
    csp_en: String,
    csp_cy: String,
}

#[derive(sqlx::FromRow)]
struct AffectedRow {
    event_id: i64,
    id: i64,
    name_en: String,
    name_cy: String,
    csp_id: i64,
    csp_en: String,
    csp_cy: String,
}

const EVENT_COLUMNS: &str = "e.id, e.csp_id, e.kind, e.title, e.starts_on, e.ends_on, e.place, e.risks, \
     e.mitigations, e.owner, e.next_review_on, e.status, e.risk_level, e.ctlp, e.version, e.updated_at, \
     c.slug AS csp_slug, c.name_en AS csp_en, c.name_cy AS csp_cy";

/// The events with their neighbourhoods (read in one more query).
async fn with_affected(db: &Db, rows: Vec<EventRow>) -> Result<Vec<Event>, DbError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    // Ids are numbers read from the database: safe to write into the statement.
    let affected: Vec<AffectedRow> = sqlx::query_as(&format!(
        "SELECT en.event_id, n.id, n.name_en, n.name_cy, n.csp_id, c.name_en AS csp_en, c.name_cy AS csp_cy \
         FROM tension_event_neighbourhoods en JOIN neighbourhoods n ON n.id = en.neighbourhood_id \
         JOIN csps c ON c.id = n.csp_id WHERE en.event_id IN ({}) ORDER BY en.event_id, c.name_en, n.name_en, n.id",
        ids.join(", ")
    ))
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Event {
            id: r.id,
            csp_id: r.csp_id,
            csp_slug: r.csp_slug,
            csp: Names::new(r.csp_en, r.csp_cy),
            affected: affected
                .iter()
                .filter(|a| a.event_id == r.id)
                .map(|a| Affected {
                    id: a.id,
                    name: Names::new(a.name_en.clone(), a.name_cy.clone()),
                    csp_id: a.csp_id,
                    csp: Names::new(a.csp_en.clone(), a.csp_cy.clone()),
                })
                .collect(),
            details: EventDetails {
                kind: r.kind,
                title: r.title,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                place: r.place,
                neighbourhoods: affected.iter().filter(|a| a.event_id == r.id).map(|a| a.id).collect(),
                risks: r.risks,
                mitigations: r.mitigations,
                owner: r.owner,
                next_review_on: r.next_review_on,
                status: r.status,
                risk_level: r.risk_level,
                ctlp: r.ctlp != 0,
            },
            version: r.version,
            updated_at: r.updated_at,
        })
        .collect())
}

/// Every event that concerns CSP `csp_id`: its own, and other CSPs' that affect one of its
/// neighbourhoods; by first day.
pub async fn concerning(db: &Db, csp_id: i64) -> Result<Vec<Event>, DbError> {
    let rows: Vec<EventRow> = sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM tension_events e JOIN csps c ON c.id = e.csp_id \
         WHERE e.csp_id = $1 OR EXISTS (SELECT 1 FROM tension_event_neighbourhoods en \
           JOIN neighbourhoods n ON n.id = en.neighbourhood_id WHERE en.event_id = e.id AND n.csp_id = $1) \
         ORDER BY e.starts_on, e.id"
    ))
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    with_affected(db, rows).await
}

pub async fn event(db: &Db, id: i64) -> Result<Option<Event>, DbError> {
    let rows: Vec<EventRow> = sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM tension_events e JOIN csps c ON c.id = e.csp_id WHERE e.id = $1"
    ))
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    Ok(with_affected(db, rows).await?.into_iter().next())
}

/// A neighbourhood an event may affect, with its CSP.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Choice {
    pub id: i64,
    pub name_en: String,
    pub name_cy: String,
    pub csp_id: i64,
    pub csp_en: String,
    pub csp_cy: String,
}

/// The neighbourhoods of these CSPs, by CSP (the first CSP named first) and name.
pub async fn neighbourhoods_of(db: &Db, csp_ids: &[i64]) -> Result<Vec<Choice>, DbError> {
    if csp_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = csp_ids.iter().map(|id| id.to_string()).collect();
    sqlx::query_as(&format!(
        "SELECT n.id, n.name_en, n.name_cy, n.csp_id, c.name_en AS csp_en, c.name_cy AS csp_cy \
         FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE n.csp_id IN ({}) \
         ORDER BY CASE WHEN n.csp_id = $1 THEN 0 ELSE 1 END, c.name_en, n.name_en, n.id",
        list.join(", ")
    ))
    .bind(csp_ids[0])
    .fetch_all(db.reader())
    .await
}

/// The CSPs of these neighbourhoods, without repeats.
pub async fn csps_of(db: &Db, neighbourhoods: &[i64]) -> Result<Vec<i64>, DbError> {
    if neighbourhoods.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = neighbourhoods.iter().map(|id| id.to_string()).collect();
    sqlx::query_scalar(&format!(
        "SELECT DISTINCT csp_id FROM neighbourhoods WHERE id IN ({}) ORDER BY csp_id",
        list.join(", ")
    ))
    .fetch_all(db.reader())
    .await
}

/// The ids of the CSP's own neighbourhoods.
pub async fn own_neighbourhoods(db: &Db, csp_id: i64) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar("SELECT id FROM neighbourhoods WHERE csp_id = $1 ORDER BY id")
        .bind(csp_id)
        .fetch_all(db.reader())
        .await
}

async fn set_neighbourhoods(tx: &mut Tx<'_>, event_id: i64, neighbourhoods: &[i64]) -> Result<(), DbError> {
    sqlx::query("DELETE FROM tension_event_neighbourhoods WHERE event_id = $1")
        .bind(event_id)
        .execute(&mut **tx)
        .await?;
    for n in neighbourhoods {
        sqlx::query("INSERT INTO tension_event_neighbourhoods (event_id, neighbourhood_id) VALUES ($1, $2)")
            .bind(event_id)
            .bind(n)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Records a new event of CSP `csp_id` in the caller's transaction; its id.
pub async fn create(tx: &mut Tx<'_>, csp_id: i64, d: &EventDetails, user_id: i64) -> Result<i64, DbError> {
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tension_events (csp_id, kind, title, starts_on, ends_on, place, risks, mitigations, owner, \
         next_review_on, status, risk_level, ctlp, version, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $15, $15) RETURNING id",
    )
    .bind(csp_id)
    .bind(d.kind)
    .bind(&d.title)
    .bind(d.starts_on)
    .bind(d.ends_on)
    .bind(&d.place)
    .bind(&d.risks)
    .bind(&d.mitigations)
    .bind(&d.owner)
    .bind(d.next_review_on)
    .bind(d.status)
    .bind(d.risk_level)
    .bind(i64::from(d.ctlp))
    .bind(user_id)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    set_neighbourhoods(tx, id, &d.neighbourhoods).await?;
    Ok(id)
}

/// Saves an event if it is still at `version`: its new version, or `None` (someone else saved
/// first; nothing written).
pub async fn update(
    tx: &mut Tx<'_>,
    id: i64,
    version: i64,
    d: &EventDetails,
) -> Result<Option<i64>, DbError> {
    let done = sqlx::query(
        "UPDATE tension_events SET kind = $1, title = $2, starts_on = $3, ends_on = $4, place = $5, risks = $6, \
         mitigations = $7, owner = $8, next_review_on = $9, status = $10, risk_level = $11, ctlp = $12, \
         updated_at = $13, version = version + 1 WHERE id = $14 AND version = $15",
    )
    .bind(d.kind)
    .bind(&d.title)
    .bind(d.starts_on)
    .bind(d.ends_on)
    .bind(&d.place)
    .bind(&d.risks)
    .bind(&d.mitigations)
    .bind(&d.owner)
    .bind(d.next_review_on)
    .bind(d.status)
    .bind(d.risk_level)
    .bind(i64::from(d.ctlp))
    .bind(now())
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(None);
    }
    set_neighbourhoods(tx, id, &d.neighbourhoods).await?;
    Ok(Some(version + 1))
}
