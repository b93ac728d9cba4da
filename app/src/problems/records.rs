//! Stored profiles as the pages and the API read them: the data layer's rows made into the
//! capability's plain types at a given time (which actions are overdue). Kept apart from the
//! domain code in `problems`, which knows nothing of the data layer.

use super::{action_overdue, overdue_due_by, LinkedItem, PartnerProfileSummary, ProblemAction, Profile};
use crate::{reference::Names, time::Timestamp};

pub use crate::db::problems::ProfileSummary;

impl Profile {
    /// The stored profile as its pages and the API show it at `now` (which actions are overdue).
    pub fn at(record: crate::db::problems::ProfileRecord, now: Timestamp) -> Profile {
        let crate::db::problems::ProfileRecord {
            profile: r,
            neighbourhoods,
            categories,
            shared_with,
            actions,
            items,
        } = record;
        Profile {
            id: r.id,
            reference: r.reference,
            csp_id: r.csp_id,
            title: r.title,
            stage: r.stage,
            priority: r.priority,
            requester: r.requester,
            aim: r.aim,
            period_from: r.period_from,
            // Stored as the end of the period (exclusive): its last day is the day before.
            period_to: r.period_to - 86_400,
            statement: r.statement,
            affected: r.affected,
            triangle: r.triangle,
            hypothesis: r.hypothesis,
            gaps: r.gaps,
            response_started: r.response_started_at,
            window_days: r.window_days,
            process_review: r.process_review,
            decision: r.decision,
            decision_notes: r.decision_notes,
            outcome_en: r.outcome_en,
            outcome_cy: r.outcome_cy,
            neighbourhoods: neighbourhoods.iter().map(|n| (n.id, n.names())).collect(),
            categories: categories.iter().map(|c| (c.id, c.names())).collect(),
            shared_with: shared_with.into_iter().map(|o| (o.id, o.name)).collect(),
            actions: actions
                .into_iter()
                .map(|a| ProblemAction {
                    overdue: action_overdue(a.status, a.due_on, now),
                    id: a.id,
                    title: a.title,
                    organisation: a.organisation,
                    organisation_id: a.organisation_id,
                    owner: a.owner,
                    due_on: a.due_on,
                    status: a.status,
                    notes: a.notes,
                })
                .collect(),
            items: items
                .into_iter()
                .map(|i| LinkedItem {
                    reference: i.reference.unwrap_or_else(|| crate::triage::item_reference(i.id)),
                    source: i.source,
                    summary: i.summary,
                    grade: i.grade.label(),
                    category: i.category_en.zip(i.category_cy).map(|(en, cy)| Names::new(en, cy)),
                    neighbourhood: Names::new(i.neighbourhood_en, i.neighbourhood_cy),
                    received: i.received_at,
                })
                .collect(),
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
            closed_at: r.closed_at,
        }
    }
}

/// A profile by id, as shown at `now`.
pub async fn load(
    db: &crate::db::Db,
    id: i64,
    now: Timestamp,
) -> Result<Option<Profile>, crate::db::DbError> {
    Ok(crate::db::problems::load(db, id).await?.map(|r| Profile::at(r, now)))
}

/// The profiles of a CSP an audience may see, with their actions overdue at `now` counted.
pub async fn list(
    db: &crate::db::Db,
    csp_id: i64,
    audience: crate::db::problems::Audience<'_>,
    now: Timestamp,
) -> Result<Vec<ProfileSummary>, crate::db::DbError> {
    crate::db::problems::list(db, csp_id, audience, overdue_due_by(now)).await
}

pub fn summary_for_partner(s: &ProfileSummary) -> PartnerProfileSummary {
    PartnerProfileSummary {
        reference: s.reference.clone(),
        title: s.title.clone(),
        stage: s.stage,
        priority: s.priority,
        neighbourhoods: s.neighbourhoods.clone(),
        actions_open: s.actions_open,
        actions_overdue: s.actions_overdue,
        updated_at: s.updated_at,
    }
}
