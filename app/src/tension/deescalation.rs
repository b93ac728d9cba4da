//! De-escalation actions per neighbourhood (reassurance patrols, graffiti removal, youth
//! diversion, meetings with community leaders, myth-busting messages), worked like a problem
//! profile's actions: an owner, a due date, a status (planned, in progress, done, dropped) and
//! an outcome. Rules only: the form's checks and when an action is overdue.

use crate::{
    i18n::Lang,
    problems::{parse_day, ActionStatus},
    t,
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

use crate::vocabulary::vocabulary;

/// Longest title or owner.
pub const MAX_TITLE: usize = 200;
/// Longest outcome.
pub const MAX_OUTCOME: usize = 4_000;

vocabulary! {
    /// What a de-escalation action does.
    DeescalationKind {
        ReassurancePatrols = "reassurance_patrols",
        GraffitiRemoval = "graffiti_removal",
        YouthDiversion = "youth_diversion",
        LeadersMeeting = "leaders_meeting",
        MythBusting = "myth_busting",
        Other = "other",
    }
}

pub fn deescalation_kind_name(lang: Lang, kind: DeescalationKind) -> String {
    use DeescalationKind::*;
    match kind {
        ReassurancePatrols => t!(lang, "deescalation-kind-reassurance-patrols"),
        GraffitiRemoval => t!(lang, "deescalation-kind-graffiti-removal"),
        YouthDiversion => t!(lang, "deescalation-kind-youth-diversion"),
        LeadersMeeting => t!(lang, "deescalation-kind-leaders-meeting"),
        MythBusting => t!(lang, "deescalation-kind-myth-busting"),
        Other => t!(lang, "deescalation-kind-other"),
    }
}

/// One action as its neighbourhood's page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeescalationAction {
    pub id: i64,
    pub title: String,
    pub kind: DeescalationKind,
    pub owner: String,
    pub due_on: Option<Timestamp>,
    pub status: ActionStatus,
    pub outcome: String,
    pub version: i64,
    pub overdue: bool,
}

/// An action is overdue once its due day has passed and it is neither done nor dropped (the
/// weekly summary lists these).
pub fn overdue(status: ActionStatus, due_on: Option<Timestamp>, now: Timestamp) -> bool {
    crate::problems::action_overdue(status, due_on, now)
}

/// Open: planned or in progress.
pub fn open(status: ActionStatus) -> bool {
    matches!(status, ActionStatus::Planned | ActionStatus::InProgress)
}

/// Why an action form was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionProblem {
    Title,
    Kind,
    Status,
    Due,
    TooLong,
}

/// A new or changed action, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedAction {
    pub title: String,
    pub kind: DeescalationKind,
    pub owner: String,
    pub due_on: Option<Timestamp>,
    pub status: ActionStatus,
    pub outcome: String,
}

/// Checks an action form (a new action has no status or outcome typed: planned, "").
pub fn check_action(
    title: &str,
    kind: &str,
    owner: &str,
    due_on: &str,
    status: &str,
    outcome: &str,
) -> Result<CheckedAction, ActionProblem> {
    let title = title.trim().to_string();
    if title.is_empty() {
        return Err(ActionProblem::Title);
    }
    let kind = DeescalationKind::parse(kind.trim()).ok_or(ActionProblem::Kind)?;
    let status = match status.trim() {
        "" => ActionStatus::Planned,
        s => ActionStatus::parse(s).ok_or(ActionProblem::Status)?,
    };
    let due_on = match due_on.trim() {
        "" => None,
        d => Some(parse_day(d).ok_or(ActionProblem::Due)?),
    };
    let (owner, outcome) = (owner.trim().to_string(), outcome.trim().to_string());
    if title.chars().count() > MAX_TITLE
        || owner.chars().count() > MAX_TITLE
        || outcome.chars().count() > MAX_OUTCOME
    {
        return Err(ActionProblem::TooLong);
    }
    Ok(CheckedAction { title, kind, owner, due_on, status, outcome })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 1_796_601_600; // 2026-12-07 00:00 UTC
    const DAY: i64 = 86_400;

    #[test]
    fn overdue_is_past_due_and_still_open() {
        let yesterday = Some(TODAY - DAY);
        assert!(overdue(ActionStatus::Planned, yesterday, TODAY));
        assert!(overdue(ActionStatus::InProgress, yesterday, TODAY));
        assert!(!overdue(ActionStatus::Done, yesterday, TODAY));
        assert!(!overdue(ActionStatus::Dropped, yesterday, TODAY));
        assert!(!overdue(ActionStatus::Planned, Some(TODAY), TODAY + DAY - 1), "the due day itself");
        assert!(!overdue(ActionStatus::Planned, None, TODAY));
    }

    #[test]
    fn an_action_form_is_checked() {
        let a =
            check_action("Patrols by the mosque", "reassurance_patrols", "PCSO Jones", "2026-12-09", "", "")
                .unwrap();
        assert_eq!(
            (a.kind, a.status, a.due_on),
            (DeescalationKind::ReassurancePatrols, ActionStatus::Planned, Some(TODAY + 2 * DAY))
        );
        assert_eq!(check_action(" ", "other", "", "", "", ""), Err(ActionProblem::Title));
        assert_eq!(check_action("x", "tea", "", "", "", ""), Err(ActionProblem::Kind));
        assert_eq!(check_action("x", "other", "", "9 Dec", "", ""), Err(ActionProblem::Due));
        assert_eq!(check_action("x", "other", "", "", "finished", ""), Err(ActionProblem::Status));
        assert_eq!(
            check_action("x", "other", "", "", "done", &"y".repeat(MAX_OUTCOME + 1)),
            Err(ActionProblem::TooLong)
        );
    }
}
