//! The control strategy, tasking and coordinating meetings, and the quarterly strategic
//! assessment: what is stored of them, and the counts the hub drafts from.

use super::{now, Db, DbError};
use crate::{
    problems::{
        strategic::{Assessment as StrategicAssessment, AssessmentStatus, FamilyCounts, Sections},
        ActionStatus, Stage, Strand,
    },
    reference::Names,
    reporting::Family,
    time::Timestamp,
};

/// One priority of the control strategy with the profiles serving it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Priority {
    pub id: i64,
    pub strand: Strand,
    pub title: String,
    pub description: String,
    pub profiles: Vec<ServingProfile>,
}

/// A profile serving a priority of the control strategy.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct ServingProfile {
    pub reference: String,
    pub title: String,
    pub stage: Stage,
}

#[derive(sqlx::FromRow)]
struct PriorityRow {
    id: i64,
    strand: Strand,
    title: String,
    description: String,
}

pub async fn priorities(db: &Db, csp_id: i64) -> Result<Vec<Priority>, DbError> {
    let rows: Vec<PriorityRow> = sqlx::query_as(
        "SELECT id, strand, title, description FROM control_priorities WHERE csp_id = $1 ORDER BY strand, id",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let profiles = sqlx::query_as(
            "SELECT p.reference AS reference, p.title AS title, p.stage AS stage \
             FROM control_priority_profiles cp JOIN problem_profiles p ON p.id = cp.profile_id \
             WHERE cp.priority_id = $1 ORDER BY p.reference",
        )
        .bind(r.id)
        .fetch_all(db.reader())
        .await?;
        out.push(Priority {
            id: r.id,
            strand: r.strand,
            title: r.title,
            description: r.description,
            profiles,
        });
    }
    // Prevention, intelligence, enforcement, reassurance: the order the strands are read in.
    out.sort_by_key(|p| Strand::ALL.iter().position(|s| *s == p.strand));
    Ok(out)
}

pub async fn add_priority(
    db: &Db,
    csp_id: i64,
    strand: Strand,
    title: &str,
    description: &str,
) -> Result<(), DbError> {
    sqlx::query("INSERT INTO control_priorities (csp_id, strand, title, description, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(csp_id)
        .bind(strand)
        .bind(title)
        .bind(description)
        .bind(now())
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Links (or unlinks) a profile of the same CSP to a priority. `Ok(false)`: no such pair.
pub async fn link_priority(
    db: &Db,
    csp_id: i64,
    priority_id: i64,
    profile_reference: &str,
    link: bool,
) -> Result<bool, DbError> {
    let ids: Option<(i64, i64)> = sqlx::query_as(
        "SELECT cp.id AS priority_id, p.id AS profile_id FROM control_priorities cp JOIN problem_profiles p ON p.csp_id = cp.csp_id \
         WHERE cp.id = $1 AND cp.csp_id = $2 AND p.reference = $3",
    )
    .bind(priority_id)
    .bind(csp_id)
    .bind(profile_reference)
    .fetch_optional(db.reader())
    .await?;
    let Some((priority, profile)) = ids else { return Ok(false) };
    let sql = if link {
        "INSERT INTO control_priority_profiles (priority_id, profile_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM control_priority_profiles WHERE priority_id = $1 AND profile_id = $2"
    };
    sqlx::query(sql).bind(priority).bind(profile).execute(db.writer()).await?;
    Ok(true)
}

pub async fn remove_priority(db: &Db, csp_id: i64, priority_id: i64) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    sqlx::query("DELETE FROM control_priority_profiles WHERE priority_id IN (SELECT id FROM control_priorities WHERE id = $1 AND csp_id = $2)")
        .bind(priority_id)
        .bind(csp_id)
        .execute(&mut *tx)
        .await?;
    let done = sqlx::query("DELETE FROM control_priorities WHERE id = $1 AND csp_id = $2")
        .bind(priority_id)
        .bind(csp_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// The record of a tasking meeting.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct Meeting {
    /// The day (its start, UTC).
    pub held_on: Timestamp,
    pub attendees: String,
    pub decisions: String,
    pub version: i64,
    /// `None` for a meeting with no record yet.
    pub updated_at: Option<Timestamp>,
}

const MEETING_COLUMNS: &str = "held_on, attendees, decisions, version, updated_at";

pub async fn meeting(db: &Db, csp_id: i64, held_on: i64) -> Result<Option<Meeting>, DbError> {
    sqlx::query_as(&format!(
        "SELECT {MEETING_COLUMNS} FROM tasking_meetings WHERE csp_id = $1 AND held_on = $2"
    ))
    .bind(csp_id)
    .bind(held_on)
    .fetch_optional(db.reader())
    .await
}

/// The CSP's recorded meetings held between two days (Unix seconds, inclusive), latest first.
pub async fn meetings_between(
    db: &Db,
    csp_id: i64,
    from: i64,
    to: i64,
    limit: i64,
) -> Result<Vec<Meeting>, DbError> {
    sqlx::query_as(&format!(
        "SELECT {MEETING_COLUMNS} FROM tasking_meetings WHERE csp_id = $1 AND held_on >= $2 AND held_on <= $3 ORDER BY held_on DESC LIMIT $4"
    ))
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(db.reader())
    .await
}

/// The meetings of a CSP before `held_on`, latest first (dates).
pub async fn meetings_before(db: &Db, csp_id: i64, held_on: i64, limit: i64) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar("SELECT held_on FROM tasking_meetings WHERE csp_id = $1 AND held_on < $2 ORDER BY held_on DESC LIMIT $3")
        .bind(csp_id)
        .bind(held_on)
        .bind(limit)
        .fetch_all(db.reader())
        .await
}

pub async fn tasking_interval(db: &Db, csp_id: i64) -> Result<i64, DbError> {
    let days: Option<i64> =
        sqlx::query_scalar("SELECT tasking_interval_days FROM csp_settings WHERE csp_id = $1")
            .bind(csp_id)
            .fetch_optional(db.reader())
            .await?;
    Ok(days.unwrap_or(14))
}

/// Saves the meeting's record; `Ok(false)` when someone else saved it first (stale version).
pub async fn save_meeting(
    db: &Db,
    csp_id: i64,
    held_on: i64,
    version: i64,
    attendees: &str,
    decisions: &str,
    user_id: i64,
) -> Result<bool, DbError> {
    let at = now();
    if version == 0 {
        let done = sqlx::query(
            "INSERT INTO tasking_meetings (csp_id, held_on, attendees, decisions, created_by, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $6, 1) ON CONFLICT (csp_id, held_on) DO NOTHING",
        )
        .bind(csp_id)
        .bind(held_on)
        .bind(attendees)
        .bind(decisions)
        .bind(user_id)
        .bind(at)
        .execute(db.writer())
        .await?;
        return Ok(done.rows_affected() == 1);
    }
    let done = sqlx::query(
        "UPDATE tasking_meetings SET attendees = $1, decisions = $2, updated_at = $3, version = version + 1 \
         WHERE csp_id = $4 AND held_on = $5 AND version = $6",
    )
    .bind(attendees)
    .bind(decisions)
    .bind(at)
    .bind(csp_id)
    .bind(held_on)
    .bind(version)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a line to a meeting's decisions (creating the meeting's record if there is none).
pub async fn append_decision(
    db: &Db,
    csp_id: i64,
    held_on: i64,
    line: &str,
    user_id: i64,
) -> Result<(), DbError> {
    let at = now();
    sqlx::query(
        "INSERT INTO tasking_meetings (csp_id, held_on, attendees, decisions, created_by, created_at, updated_at, version) \
         VALUES ($1, $2, '', $3, $4, $5, $5, 1) ON CONFLICT (csp_id, held_on) DO UPDATE SET \
         decisions = CASE WHEN tasking_meetings.decisions = '' THEN excluded.decisions ELSE tasking_meetings.decisions || $6 END, \
         updated_at = excluded.updated_at, version = tasking_meetings.version + 1",
    )
    .bind(csp_id)
    .bind(held_on)
    .bind(line)
    .bind(user_id)
    .bind(at)
    .bind(format!("\n{line}"))
    .execute(db.writer())
    .await?;
    Ok(())
}

/// An open action past its due day, with its profile, for the tasking agenda.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct OverdueAction {
    pub profile: String,
    pub profile_title: String,
    pub title: String,
    pub organisation: Option<String>,
    pub owner: String,
    /// The due day (its start, UTC).
    pub due_on: Timestamp,
}

/// The CSP's open actions of open profiles due on or before `due_by` (the last due day that
/// is overdue: `problems::overdue_due_by`), earliest first.
pub async fn overdue_actions(db: &Db, csp_id: i64, due_by: Timestamp) -> Result<Vec<OverdueAction>, DbError> {
    sqlx::query_as(
        "SELECT p.reference AS profile, p.title AS profile_title, a.title AS title, o.name AS organisation, a.owner AS owner, \
         a.due_on AS due_on FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id \
         LEFT JOIN organisations o ON o.id = a.organisation_id \
         WHERE p.csp_id = $1 AND p.stage <> $3 AND a.status IN ($4, $5) AND a.due_on <= $2 ORDER BY a.due_on",
    )
    .bind(csp_id)
    .bind(due_by)
    .bind(Stage::Closed)
    .bind(ActionStatus::Planned)
    .bind(ActionStatus::InProgress)
    .fetch_all(db.reader())
    .await
}

/// Intelligence items graded in `[from, to)`, newest first: what the meeting has not seen yet.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewItem {
    /// The report's reference, or the item's own for one recorded from engagement.
    pub reference: String,
    pub source: crate::triage::IntelligenceSource,
    pub summary: String,
    pub grade: String,
    /// The report's category (none for an item recorded from engagement).
    pub category: Option<Names>,
    pub neighbourhood: Names,
    pub in_profile: Option<String>,
}

#[derive(sqlx::FromRow)]
struct NewItemRow {
    id: i64,
    reference: Option<String>,
    source: crate::triage::IntelligenceSource,
    summary: String,
    #[sqlx(flatten)]
    grade: crate::triage::Grade,
    category_en: Option<String>,
    category_cy: Option<String>,
    neighbourhood_en: String,
    neighbourhood_cy: String,
    in_profile: Option<String>,
}

pub async fn items_graded(db: &Db, csp_id: i64, from: i64, to: i64) -> Result<Vec<NewItem>, DbError> {
    let rows: Vec<NewItemRow> = sqlx::query_as(
        "SELECT i.id AS id, r.reference AS reference, i.source AS source, i.summary AS summary, i.source_grade AS source_grade, \
         i.intelligence_grade AS intelligence_grade, i.handling_code AS handling_code, c.name_en AS category_en, \
         c.name_cy AS category_cy, n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, \
         (SELECT MIN(p.reference) FROM problem_profile_items pi JOIN problem_profiles p ON p.id = pi.profile_id WHERE pi.item_id = i.id) \
         AS in_profile \
         FROM intelligence_items i LEFT JOIN reports r ON r.id = i.report_id LEFT JOIN report_categories c ON c.id = r.category_id \
         JOIN neighbourhoods n ON n.id = COALESCE(i.neighbourhood_id, r.neighbourhood_id) WHERE i.csp_id = $1 AND i.created_at >= $2 AND i.created_at < $3 \
         ORDER BY i.created_at DESC LIMIT 200",
    )
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| NewItem {
            reference: r.reference.unwrap_or_else(|| crate::triage::item_reference(r.id)),
            source: r.source,
            summary: r.summary,
            // One spelling of a grade everywhere: "2B P".
            grade: r.grade.label(),
            category: r.category_en.zip(r.category_cy).map(|(en, cy)| Names::new(en, cy)),
            neighbourhood: Names::new(r.neighbourhood_en, r.neighbourhood_cy),
            in_profile: r.in_profile,
        })
        .collect())
}

/// Reports per category family and neighbourhood in each window `[from, to)`.
pub async fn family_counts(
    db: &Db,
    csp_id: i64,
    windows: &[(i64, i64)],
) -> Result<Vec<FamilyCounts>, DbError> {
    let mut out: Vec<FamilyCounts> = Vec::new();
    for (w, (from, to)) in windows.iter().enumerate() {
        let rows: Vec<FamilyCount> = sqlx::query_as(
            "SELECT c.family AS family, r.neighbourhood_id AS neighbourhood_id, COUNT(*) AS reports FROM reports r JOIN report_categories c ON c.id = r.category_id \
             WHERE r.csp_id = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.status <> 'duplicate' GROUP BY c.family, r.neighbourhood_id",
        )
        .bind(csp_id)
        .bind(from)
        .bind(to)
        .fetch_all(db.reader())
        .await?;
        for FamilyCount { family, neighbourhood_id: neighbourhood, reports: n } in rows {
            let i = match out.iter().position(|c| c.family == family && c.neighbourhood_id == neighbourhood) {
                Some(i) => i,
                None => {
                    out.push(FamilyCounts {
                        family,
                        neighbourhood_id: neighbourhood,
                        counts: vec![0; windows.len()],
                    });
                    out.len() - 1
                }
            };
            out[i].counts[w] = n;
        }
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct FamilyCount {
    family: Family,
    neighbourhood_id: i64,
    reports: i64,
}

/// A profile closed in a quarter.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ClosedProfile {
    pub id: i64,
    pub reference: String,
    pub title: String,
}

/// Profiles closed in `[from, to)`, in the order they closed.
pub async fn closed_between(db: &Db, csp_id: i64, from: i64, to: i64) -> Result<Vec<ClosedProfile>, DbError> {
    sqlx::query_as("SELECT id, reference, title FROM problem_profiles WHERE csp_id = $1 AND closed_at >= $2 AND closed_at < $3 ORDER BY closed_at")
        .bind(csp_id)
        .bind(from)
        .bind(to)
        .fetch_all(db.reader())
        .await
}

/// Intelligence gaps written in the CSP's open profiles: (reference, gaps).
pub async fn open_gaps(db: &Db, csp_id: i64) -> Result<Vec<(String, String)>, DbError> {
    sqlx::query_as("SELECT reference, gaps FROM problem_profiles WHERE csp_id = $1 AND stage <> $2 AND gaps <> '' ORDER BY reference")
        .bind(csp_id)
        .bind(Stage::Closed)
        .fetch_all(db.reader())
        .await
}

const ASSESSMENT_COLUMNS: &str = "id, year, quarter, version, status, summary, top_problems, emerging, outcomes, gaps, recommendations, figures, \
     updated_at, published_at, (SELECT display_name FROM users u WHERE u.id = strategic_assessments.published_by) AS published_by";

#[derive(sqlx::FromRow)]
struct AssessmentRow {
    id: i64,
    year: i64,
    quarter: i64,
    version: i64,
    status: AssessmentStatus,
    #[sqlx(flatten)]
    sections: Sections,
    /// The figure rows as JSON.
    figures: String,
    updated_at: Timestamp,
    published_at: Option<Timestamp>,
    published_by: Option<String>,
}

impl From<AssessmentRow> for StrategicAssessment {
    fn from(r: AssessmentRow) -> StrategicAssessment {
        StrategicAssessment {
            id: r.id,
            year: r.year,
            quarter: r.quarter,
            version: r.version,
            status: r.status,
            sections: r.sections,
            figures: serde_json::from_str(&r.figures).unwrap_or_default(),
            updated_at: r.updated_at,
            published_at: r.published_at,
            published_by: r.published_by,
        }
    }
}

/// Every version of a CSP's assessments, newest quarter and version first.
pub async fn assessments(db: &Db, csp_id: i64) -> Result<Vec<StrategicAssessment>, DbError> {
    let sql = format!("SELECT {ASSESSMENT_COLUMNS} FROM strategic_assessments WHERE csp_id = $1 ORDER BY year DESC, quarter DESC, version DESC");
    let rows: Vec<AssessmentRow> = sqlx::query_as(&sql).bind(csp_id).fetch_all(db.reader()).await?;
    Ok(rows.into_iter().map(StrategicAssessment::from).collect())
}

pub async fn assessment_version(
    db: &Db,
    csp_id: i64,
    year: i64,
    quarter: i64,
    version: Option<i64>,
) -> Result<Option<StrategicAssessment>, DbError> {
    let sql = format!(
        "SELECT {ASSESSMENT_COLUMNS} FROM strategic_assessments WHERE csp_id = $1 AND year = $2 AND quarter = $3 {} ORDER BY version DESC LIMIT 1",
        if version.is_some() { "AND version = $4" } else { "" }
    );
    let mut q = sqlx::query_as::<_, AssessmentRow>(&sql).bind(csp_id).bind(year).bind(quarter);
    if let Some(v) = version {
        q = q.bind(v);
    }
    Ok(q.fetch_optional(db.reader()).await?.map(StrategicAssessment::from))
}

/// Stores a new draft (the next version) of a quarter's assessment.
pub async fn new_draft(
    db: &Db,
    csp_id: i64,
    year: i64,
    quarter: i64,
    sections: &Sections,
    figures: &str,
    user_id: i64,
) -> Result<i64, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let version: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM strategic_assessments WHERE csp_id = $1 AND year = $2 AND quarter = $3")
        .bind(csp_id)
        .bind(year)
        .bind(quarter)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO strategic_assessments (csp_id, year, quarter, version, status, summary, top_problems, emerging, outcomes, gaps, \
         recommendations, figures, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $14, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
    )
    .bind(csp_id)
    .bind(year)
    .bind(quarter)
    .bind(version)
    .bind(&sections.summary)
    .bind(&sections.top_problems)
    .bind(&sections.emerging)
    .bind(&sections.outcomes)
    .bind(&sections.gaps)
    .bind(&sections.recommendations)
    .bind(figures)
    .bind(user_id)
    .bind(at)
    .bind(AssessmentStatus::Draft)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// Saves the text of a draft, and publishes it if asked. Published versions never change:
/// `Ok(false)` if this version is no longer a draft.
pub async fn save_draft(
    db: &Db,
    id: i64,
    sections: &Sections,
    publish: bool,
    user_id: i64,
) -> Result<bool, DbError> {
    let at = now();
    let done = sqlx::query(
        "UPDATE strategic_assessments SET summary = $1, top_problems = $2, emerging = $3, outcomes = $4, gaps = $5, recommendations = $6, \
         updated_at = $7, status = $8, published_at = $9, published_by = $10 WHERE id = $11 AND status = $12",
    )
    .bind(&sections.summary)
    .bind(&sections.top_problems)
    .bind(&sections.emerging)
    .bind(&sections.outcomes)
    .bind(&sections.gaps)
    .bind(&sections.recommendations)
    .bind(at)
    .bind(if publish { AssessmentStatus::Published } else { AssessmentStatus::Draft })
    .bind(publish.then_some(at))
    .bind(publish.then_some(user_id))
    .bind(id)
    .bind(AssessmentStatus::Draft)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}
