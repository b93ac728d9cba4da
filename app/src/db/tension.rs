//! Tension assessments (issue 15, part 1): a CSP's level names, each neighbourhood's versions
//! of its assessment with their indicators and linked items, and de-escalation actions.

use super::{now, Db, DbError};
use crate::{
    audit::NewAuditEntry,
    problems::ActionStatus,
    reference::Names,
    tension::{
        assessments::{Indicator, IndicatorKind, TensionTag},
        deescalation::{CheckedAction, DeescalationKind},
        levels::Level,
    },
    triage::{Grade, ReporterDetails},
};

/// A save refused because someone else saved first, or the database failing.
#[derive(Debug)]
pub enum SaveError {
    Stale,
    Db(DbError),
}

impl From<DbError> for SaveError {
    fn from(e: DbError) -> Self {
        match e.as_database_error() {
            Some(d) if d.is_unique_violation() => SaveError::Stale,
            _ => SaveError::Db(e),
        }
    }
}

/// A neighbourhood as the tension pages name it: by its public slug (`cardiff-adamsdown`),
/// unique across Wales, with its CSP.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TensionNeighbourhood {
    pub id: i64,
    pub csp_id: i64,
    pub public_slug: String,
    pub name_en: String,
    pub name_cy: String,
}

impl TensionNeighbourhood {
    pub fn names(&self) -> Names {
        Names::new(self.name_en.clone(), self.name_cy.clone())
    }
}

pub async fn neighbourhood(db: &Db, public_slug: &str) -> Result<Option<TensionNeighbourhood>, DbError> {
    sqlx::query_as(
        "SELECT id, csp_id, public_slug, name_en, name_cy FROM neighbourhoods WHERE public_slug = $1",
    )
    .bind(public_slug)
    .fetch_optional(db.reader())
    .await
}

/// The CSP's slug (for links back to its tension table).
pub async fn csp_slug(db: &Db, csp_id: i64) -> Result<String, DbError> {
    sqlx::query_scalar("SELECT slug FROM csps WHERE id = $1").bind(csp_id).fetch_one(db.reader()).await
}

#[derive(sqlx::FromRow)]
struct LevelRow {
    level: i64,
    name_en: String,
    name_cy: String,
    meaning_en: String,
    meaning_cy: String,
    force_en: String,
    force_cy: String,
}

/// The levels a CSP has set itself (none: it uses the defaults).
pub async fn own_levels(db: &Db, csp_id: i64) -> Result<Vec<Level>, DbError> {
    let rows: Vec<LevelRow> = sqlx::query_as(
        "SELECT level, name_en, name_cy, meaning_en, meaning_cy, force_en, force_cy FROM tension_levels \
         WHERE csp_id = $1 ORDER BY level",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Level {
            level: r.level.clamp(0, 4) as u8,
            name: Names::new(r.name_en, r.name_cy),
            meaning: Names::new(r.meaning_en, r.meaning_cy),
            force: Names::new(r.force_en, r.force_cy),
        })
        .collect())
}

/// Sets the CSP's five levels, audited in the same transaction.
pub async fn set_levels(
    db: &Db,
    csp_id: i64,
    levels: &[Level],
    audit: &NewAuditEntry,
) -> Result<(), DbError> {
    let mut tx = db.writer().begin().await?;
    sqlx::query("DELETE FROM tension_levels WHERE csp_id = $1").bind(csp_id).execute(&mut *tx).await?;
    for l in levels {
        sqlx::query(
            "INSERT INTO tension_levels (csp_id, level, name_en, name_cy, meaning_en, meaning_cy, force_en, force_cy) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(csp_id)
        .bind(i64::from(l.level))
        .bind(&l.name.en)
        .bind(&l.name.cy)
        .bind(&l.meaning.en)
        .bind(&l.meaning.cy)
        .bind(&l.force.en)
        .bind(&l.force.cy)
        .execute(&mut *tx)
        .await?;
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await
}

/// One neighbourhood of the CSP's tension table.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OverviewRow {
    pub id: i64,
    pub public_slug: String,
    pub name_en: String,
    pub name_cy: String,
    pub level: Option<i64>,
    pub recorded_at: Option<i64>,
    pub review_on: Option<i64>,
    pub open_actions: i64,
    pub overdue_actions: i64,
}

/// Every neighbourhood of the CSP with its current assessment (if any) and its open and
/// overdue de-escalation actions at `now` (overdue: due on or before `overdue_due_by`).
pub async fn overview(db: &Db, csp_id: i64, overdue_due_by: i64) -> Result<Vec<OverviewRow>, DbError> {
    sqlx::query_as(
        "SELECT n.id AS id, n.public_slug AS public_slug, n.name_en AS name_en, n.name_cy AS name_cy, \
         a.level AS level, a.recorded_at AS recorded_at, a.review_on AS review_on, \
         (SELECT COUNT(*) FROM tension_actions t WHERE t.neighbourhood_id = n.id AND t.status IN ('planned', 'in_progress')) AS open_actions, \
         (SELECT COUNT(*) FROM tension_actions t WHERE t.neighbourhood_id = n.id AND t.status IN ('planned', 'in_progress') \
            AND t.due_on IS NOT NULL AND t.due_on <= $2) AS overdue_actions \
         FROM neighbourhoods n LEFT JOIN tension_assessments a ON a.neighbourhood_id = n.id \
            AND a.version = (SELECT MAX(b.version) FROM tension_assessments b WHERE b.neighbourhood_id = n.id) \
         WHERE n.csp_id = $1 ORDER BY n.name_en",
    )
    .bind(csp_id)
    .bind(overdue_due_by)
    .fetch_all(db.reader())
    .await
}

/// One saved version of a neighbourhood's assessment.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub id: i64,
    pub version: i64,
    pub level: i64,
    pub narrative: String,
    pub owner: String,
    pub review_on: i64,
    pub recorded_by: String,
    pub recorded_at: i64,
}

/// Every version of the neighbourhood's assessment, the newest first.
pub async fn versions(db: &Db, neighbourhood_id: i64) -> Result<Vec<VersionRow>, DbError> {
    sqlx::query_as(
        "SELECT a.id AS id, a.version AS version, a.level AS level, a.narrative AS narrative, a.owner AS owner, \
         a.review_on AS review_on, u.display_name AS recorded_by, a.recorded_at AS recorded_at \
         FROM tension_assessments a JOIN users u ON u.id = a.recorded_by \
         WHERE a.neighbourhood_id = $1 ORDER BY a.version DESC",
    )
    .bind(neighbourhood_id)
    .fetch_all(db.reader())
    .await
}

/// The neighbourhood's current version and level (`None`: never assessed).
pub async fn current(db: &Db, neighbourhood_id: i64) -> Result<Option<(i64, u8)>, DbError> {
    current_in(db.reader(), neighbourhood_id).await
}

async fn current_in<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    neighbourhood_id: i64,
) -> Result<Option<(i64, u8)>, DbError> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT version, level FROM tension_assessments WHERE neighbourhood_id = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(neighbourhood_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(v, l)| (v, l.clamp(0, 4) as u8)))
}

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    id: i64,
    kind: IndicatorKind,
    tag: TensionTag,
    note: String,
    source: String,
    #[sqlx(flatten)]
    grade: Grade,
    in_media: i64,
}

#[derive(sqlx::FromRow)]
struct IndicatorItemRow {
    indicator_id: i64,
    item_id: i64,
    reference: Option<String>,
}

/// The indicators of one version, in the order they were typed, with their items' references.
pub async fn indicators(db: &Db, assessment_id: i64) -> Result<Vec<Indicator>, DbError> {
    let rows: Vec<IndicatorRow> = sqlx::query_as(
        "SELECT id, kind, tag, note, source, source_grade, intelligence_grade, handling_code, conditions, in_media \
         FROM tension_indicators WHERE assessment_id = $1 ORDER BY position",
    )
    .bind(assessment_id)
    .fetch_all(db.reader())
    .await?;
    let items: Vec<IndicatorItemRow> = sqlx::query_as(
        "SELECT ti.indicator_id AS indicator_id, ti.item_id AS item_id, r.reference AS reference \
         FROM tension_indicator_items ti JOIN tension_indicators t ON t.id = ti.indicator_id \
         JOIN intelligence_items i ON i.id = ti.item_id LEFT JOIN reports r ON r.id = i.report_id \
         WHERE t.assessment_id = $1 ORDER BY ti.item_id",
    )
    .bind(assessment_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Indicator {
            kind: r.kind,
            tag: r.tag,
            note: r.note,
            source: r.source,
            grade: r.grade,
            in_media: r.in_media != 0,
            items: items
                .iter()
                .filter(|i| i.indicator_id == r.id)
                .map(|i| i.reference.clone().unwrap_or_else(|| crate::triage::item_reference(i.item_id)))
                .collect(),
        })
        .collect())
}

/// The CSP's intelligence items named by `references` (a report's reference or an item's own
/// `INT-` one); `Ok(None)` when one of them is not an item of this CSP.
pub async fn items_in_csp(db: &Db, csp_id: i64, references: &[String]) -> Result<Option<Vec<i64>>, DbError> {
    let mut out = Vec::new();
    for r in references {
        match super::problems::item_by_reference(db, csp_id, r).await? {
            Some(id) => out.push(id),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

#[derive(sqlx::FromRow)]
struct ReporterRow {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

/// The reporters of the reports behind these items (names, emails, phones), for the identity
/// check of what staff write about them.
pub async fn reporters_of_items(db: &Db, item_ids: &[i64]) -> Result<Vec<ReporterDetails>, DbError> {
    let mut out = Vec::new();
    for id in item_ids {
        let rows: Vec<ReporterRow> = sqlx::query_as(
            "SELECT p.name AS name, p.email AS email, p.phone AS phone FROM intelligence_items i \
             JOIN report_reporters p ON p.report_id = i.report_id WHERE i.id = $1",
        )
        .bind(id)
        .fetch_all(db.reader())
        .await?;
        out.extend(rows.into_iter().map(|r| ReporterDetails {
            name: r.name,
            email: r.email,
            phone: r.phone,
            ..Default::default()
        }));
    }
    Ok(out)
}

/// A version to save: the checked assessment with its indicators' items found.
pub struct NewAssessment<'a> {
    pub neighbourhood_id: i64,
    pub csp_id: i64,
    /// The version the form started from (0: never assessed).
    pub from_version: i64,
    pub level: u8,
    pub narrative: &'a str,
    pub owner: &'a str,
    pub review_on: i64,
    /// Each indicator with its items' ids.
    pub indicators: &'a [(Indicator, Vec<i64>)],
    pub user_id: i64,
}

/// Saves a new version if the neighbourhood is still at `from_version`, with the audit entry in
/// the same transaction. Returns the new version and the level before (`None`: first).
pub async fn save(
    tx: &mut super::reference::Tx<'_>,
    a: NewAssessment<'_>,
    audit: &NewAuditEntry,
) -> Result<(i64, Option<u8>), SaveError> {
    let at = now();
    let current = current_in(&mut **tx, a.neighbourhood_id).await?;
    if current.map(|(v, _)| v).unwrap_or(0) != a.from_version {
        return Err(SaveError::Stale);
    }
    let version = a.from_version + 1;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tension_assessments (neighbourhood_id, csp_id, version, level, narrative, owner, review_on, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(a.neighbourhood_id)
    .bind(a.csp_id)
    .bind(version)
    .bind(i64::from(a.level))
    .bind(a.narrative)
    .bind(a.owner)
    .bind(a.review_on)
    .bind(a.user_id)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    for (position, (i, items)) in a.indicators.iter().enumerate() {
        let indicator: i64 = sqlx::query_scalar(
            "INSERT INTO tension_indicators (assessment_id, position, kind, tag, note, source, source_grade, \
             intelligence_grade, handling_code, conditions, in_media) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(id)
        .bind(position as i64)
        .bind(i.kind)
        .bind(i.tag)
        .bind(&i.note)
        .bind(&i.source)
        .bind(i.grade.source)
        .bind(i.grade.intelligence)
        .bind(i.grade.handling)
        .bind(i.grade.conditions.clone())
        .bind(i64::from(i.in_media))
        .fetch_one(&mut **tx)
        .await?;
        for item in items {
            sqlx::query(
                "INSERT INTO tension_indicator_items (indicator_id, item_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(indicator)
            .bind(item)
            .execute(&mut **tx)
            .await?;
        }
    }
    super::audit::record_in(tx, audit).await?;
    Ok((version, current.map(|(_, l)| l)))
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: i64,
    title: String,
    kind: DeescalationKind,
    owner: String,
    due_on: Option<i64>,
    status: ActionStatus,
    outcome: String,
    version: i64,
}

/// The neighbourhood's de-escalation actions (open ones first, by due day), overdue at `now`.
pub async fn actions(
    db: &Db,
    neighbourhood_id: i64,
    now: i64,
) -> Result<Vec<crate::tension::deescalation::DeescalationAction>, DbError> {
    let rows: Vec<ActionRow> = sqlx::query_as(
        "SELECT id, title, kind, owner, due_on, status, outcome, version FROM tension_actions \
         WHERE neighbourhood_id = $1 \
         ORDER BY CASE WHEN status IN ('planned', 'in_progress') THEN 0 ELSE 1 END, due_on IS NULL, due_on, id",
    )
    .bind(neighbourhood_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::tension::deescalation::DeescalationAction {
            overdue: crate::tension::deescalation::overdue(r.status, r.due_on, now),
            id: r.id,
            title: r.title,
            kind: r.kind,
            owner: r.owner,
            due_on: r.due_on,
            status: r.status,
            outcome: r.outcome,
            version: r.version,
        })
        .collect())
}

/// Adds an action (planned), audited in the same transaction; returns its id.
pub async fn add_action(
    db: &Db,
    neighbourhood_id: i64,
    csp_id: i64,
    a: &CheckedAction,
    user_id: i64,
    audit: &NewAuditEntry,
) -> Result<i64, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tension_actions (neighbourhood_id, csp_id, title, kind, owner, due_on, status, outcome, version, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $10) RETURNING id",
    )
    .bind(neighbourhood_id)
    .bind(csp_id)
    .bind(&a.title)
    .bind(a.kind)
    .bind(&a.owner)
    .bind(a.due_on)
    .bind(a.status)
    .bind(&a.outcome)
    .bind(user_id)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes an action of the neighbourhood if it is still at `version`, audited in the same
/// transaction. `Ok(false)`: no such action there.
pub async fn update_action(
    db: &Db,
    neighbourhood_id: i64,
    action_id: i64,
    version: i64,
    a: &CheckedAction,
    audit: &NewAuditEntry,
) -> Result<bool, SaveError> {
    let mut tx = db.writer().begin().await?;
    let found: Option<i64> =
        sqlx::query_scalar("SELECT version FROM tension_actions WHERE id = $1 AND neighbourhood_id = $2")
            .bind(action_id)
            .bind(neighbourhood_id)
            .fetch_optional(&mut *tx)
            .await?;
    match found {
        None => return Ok(false),
        Some(v) if v != version => return Err(SaveError::Stale),
        Some(_) => {}
    }
    let done = sqlx::query(
        "UPDATE tension_actions SET title = $1, kind = $2, owner = $3, due_on = $4, status = $5, outcome = $6, \
         version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9",
    )
    .bind(&a.title)
    .bind(a.kind)
    .bind(&a.owner)
    .bind(a.due_on)
    .bind(a.status)
    .bind(&a.outcome)
    .bind(now())
    .bind(action_id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(SaveError::Stale);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// The items linked to the neighbourhood's current assessment (for the identity check of an
/// action's outcome).
pub async fn current_items(db: &Db, neighbourhood_id: i64) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar(
        "SELECT DISTINCT ti.item_id FROM tension_indicator_items ti JOIN tension_indicators t ON t.id = ti.indicator_id \
         JOIN tension_assessments a ON a.id = t.assessment_id WHERE a.neighbourhood_id = $1 \
         AND a.version = (SELECT MAX(b.version) FROM tension_assessments b WHERE b.neighbourhood_id = $1)",
    )
    .bind(neighbourhood_id)
    .fetch_all(db.reader())
    .await
}

/// The CSP's levels (its own, else the defaults).
pub async fn csp_levels(db: &Db, csp_id: i64) -> Result<Vec<Level>, DbError> {
    Ok(crate::tension::levels::levels_with(own_levels(db, csp_id).await?))
}
