//! Flagging reports that meet the trigger: the capability reads the reports from the data
//! layer, applies its rules (`evaluate`, `recheck`) and hands back the flags to write. Also how
//! stored rows become the rules' and pages' plain types (kept here, so the rules in `trigger`
//! know nothing of the data layer).

use super::{evaluate, evaluate_all, reporter_identity, CaseReview, TriggerCandidate, TriggerRules};
use crate::db::{self, Db, DbError};
use crate::time::Timestamp;

const DAY: i64 = 86_400;

/// Checks the rules for one report (after it arrives, is reclassified, or its reporter is
/// verified) and flags every report that meets one. Returns how many were flagged.
pub async fn evaluate_report(db: &Db, report_id: i64) -> Result<usize, DbError> {
    let Some(row) = db::trigger::candidate(db, report_id).await? else { return Ok(0) };
    let rules = db::trigger::rules(db, row.csp_id).await?;
    let window = rules.window_days * DAY;
    let others =
        db::trigger::candidates_near(db, &row, row.created_at - window, row.created_at + window).await?;
    let others: Vec<TriggerCandidate> = others.iter().map(TriggerCandidate::from).collect();
    let flags = evaluate(&TriggerCandidate::from(&row), &others, &rules);
    db::trigger::set_flags(db, row.id, &flags).await?;
    Ok(flags.len())
}

/// Saves a CSP's triage and trigger settings, and checks its open ASB and hate reports against
/// the new rules in the same transaction. Returns (newly flagged, cleared).
pub async fn save_settings(
    db: &Db,
    csp_id: i64,
    acknowledge_days: i64,
    rules: &TriggerRules,
) -> Result<(usize, usize), DbError> {
    let changes = db::trigger::save_settings(db, csp_id, acknowledge_days, rules, |open, reports| {
        let reports: Vec<TriggerCandidate> = reports.iter().map(TriggerCandidate::from).collect();
        recheck(open, &reports, rules)
    })
    .await?;
    let flagged = changes.iter().filter(|c| c.was.is_none() && c.now.is_some()).count();
    let cleared = changes.iter().filter(|c| c.was.is_some() && c.now.is_none()).count();
    Ok((flagged, cleared))
}

impl From<&db::trigger::CandidateRow> for TriggerCandidate {
    fn from(r: &db::trigger::CandidateRow) -> TriggerCandidate {
        TriggerCandidate {
            id: r.id,
            family: r.family,
            created_at: r.created_at,
            happened_at: r.happened_at.clone(),
            ongoing: r.ongoing == 1,
            ward_code: r.ward_code.clone(),
            point: r.lat.zip(r.lon),
            location_text: r.location_text.clone(),
            verified_reporter: r
                .contact_verified_at
                .and_then(|_| reporter_identity(r.email.as_deref(), r.phone.as_deref())),
        }
    }
}

/// What new rules change for a CSP's `open` ASB and hate reports, given every report that can
/// count with them (`reports`): those that now meet a rule are flagged and those that no longer
/// do are cleared (closed reports keep the flag they had, and still count towards others'). A
/// rule still met keeps its name; otherwise the first one met now.
pub fn recheck(
    open: &[db::trigger::OpenReport],
    reports: &[TriggerCandidate],
    rules: &TriggerRules,
) -> Vec<db::trigger::FlagChange> {
    let met = evaluate_all(reports, rules);
    open.iter()
        .filter_map(|r| {
            let now = met.get(&r.id).map(|rules| {
                rules.iter().copied().find(|rule| r.trigger_rule == Some(*rule)).unwrap_or(rules[0])
            });
            (now != r.trigger_rule).then_some(db::trigger::FlagChange {
                report_id: r.id,
                was: r.trigger_rule,
                now,
            })
        })
        .collect()
}

impl CaseReview {
    /// The stored application as staff see it at `now`: a deadline not met by then is overdue.
    pub fn at(r: db::trigger::CaseReviewRow, now: Timestamp) -> CaseReview {
        CaseReview {
            acknowledge_overdue: r.acknowledged_at.is_none() && now > r.acknowledge_due,
            decide_overdue: r.decided_at.is_none() && now > r.decide_due,
            reference: r.reference,
            version: r.version,
            applicant_name: r.applicant_name,
            applicant_email: r.applicant_email,
            applicant_phone: r.applicant_phone,
            on_behalf_of: r.on_behalf_of,
            language: r.language,
            report_references: r.report_references.split(',').map(str::to_string).collect(),
            impact: r.impact,
            threshold_met: r.threshold_met == 1,
            status: r.status,
            received: r.received_at,
            acknowledge_due: r.acknowledge_due,
            decide_due: r.decide_due,
            recommendations: r.recommendations,
        }
    }
}
