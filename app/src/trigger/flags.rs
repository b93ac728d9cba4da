//! Flagging reports that meet the trigger: the capability reads the reports from the data
//! layer, applies its rules (`evaluate`, `recheck`) and hands back the flags to write.

use super::{evaluate, recheck, TriggerCandidate, TriggerRules};
use crate::db::{self, Db, DbError};

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
