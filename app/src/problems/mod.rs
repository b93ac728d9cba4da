//! Problem solving the NIM way: a problem profile is worked through SARA (Scanning, Analysis
//! with the problem analysis triangle, Response with partner actions, Assessment computed by the
//! hub), proposed from hotspots and repeats the hub detects, and closed by telling the residents
//! whose reports were part of it what was done.
//!
//! This module holds the domain: the stages and their vocabularies, the checks on what analysts
//! type, and the texts the hub drafts. `assessment` and `charts` compute, `hotspots` detects.
//! Its pages are staff pages: rendered on the server only (see `app::StaffPages`).

pub mod actions;
pub mod analysis;
pub mod api;
pub mod assessment;
pub mod charts;
pub mod hotspots;
pub mod pages;
pub mod records;
pub mod strategic;
pub mod strategic_pages;
pub mod tasking;

use crate::{i18n::Lang, reference::Names, t, time::Timestamp};

use serde::{Deserialize, Serialize};

/// Longest text kept in one field of a profile (a problem statement, a hypothesis...).
pub const MAX_TEXT: usize = 4_000;
/// Longest title (of a profile or an action).
pub const MAX_TITLE: usize = 200;
/// Before/after windows an analyst may choose, in days.
pub const WINDOW_DAYS: [i64; 5] = [28, 56, 91, 182, 365];

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Where a profile is in SARA.
    Stage { Scanning = "scanning", Analysis = "analysis", Response = "response", Assessment = "assessment", Closed = "closed" }
}
vocabulary! {
    Priority { High = "high", Medium = "medium", Low = "low" }
}
vocabulary! {
    /// What the assessment decided.
    Decision { Close = "close", Continue = "continue", Revise = "revise", Analysis = "analysis" }
}
vocabulary! {
    ActionStatus { Planned = "planned", InProgress = "in_progress", Done = "done", Dropped = "dropped" }
}
vocabulary! {
    /// What a change recorded in a profile's history did.
    ProfileChange {
        Opened = "opened",
        Terms = "terms",
        Scanning = "scanning",
        Analysis = "analysis",
        ItemAdded = "item_added",
        ItemRemoved = "item_removed",
        ActionAdded = "action_added",
        ActionUpdated = "action_updated",
        Assessment = "assessment",
        Stage = "stage",
        Shared = "shared",
        Decided = "decided",
    }
}
vocabulary! {
    /// The control strategy's four strands.
    Strand { Prevention = "prevention", Intelligence = "intelligence", Enforcement = "enforcement", Reassurance = "reassurance" }
}

/// Open actions past their due day are overdue (the due day itself is not).
pub fn action_overdue(status: ActionStatus, due_on: Option<i64>, now: i64) -> bool {
    matches!(status, ActionStatus::Planned | ActionStatus::InProgress)
        && due_on.is_some_and(|d| d <= overdue_due_by(now))
}

/// The last due day (its start) that is overdue at `now`: an open action due on it or before is.
pub fn overdue_due_by(now: i64) -> i64 {
    now - 86_400
}

impl Decision {
    /// The stage a decision leads to: closing ends the profile, continuing or revising keeps the
    /// response going, and going back to analysis reopens it.
    pub fn next_stage(self) -> Stage {
        match self {
            Decision::Close => Stage::Closed,
            Decision::Continue | Decision::Revise => Stage::Response,
            Decision::Analysis => Stage::Analysis,
        }
    }
}

pub fn stage_name(lang: Lang, stage: Stage) -> String {
    match stage {
        Stage::Scanning => t!(lang, "stage-scanning"),
        Stage::Analysis => t!(lang, "stage-analysis"),
        Stage::Response => t!(lang, "stage-response"),
        Stage::Assessment => t!(lang, "stage-assessment"),
        Stage::Closed => t!(lang, "stage-closed"),
    }
}

pub fn priority_name(lang: Lang, priority: Priority) -> String {
    match priority {
        Priority::High => t!(lang, "priority-high"),
        Priority::Medium => t!(lang, "priority-medium"),
        Priority::Low => t!(lang, "priority-low"),
    }
}

pub fn decision_name(lang: Lang, decision: Decision) -> String {
    match decision {
        Decision::Close => t!(lang, "decision-close"),
        Decision::Continue => t!(lang, "decision-continue"),
        Decision::Revise => t!(lang, "decision-revise"),
        Decision::Analysis => t!(lang, "decision-analysis"),
    }
}

pub fn action_status_name(lang: Lang, status: ActionStatus) -> String {
    match status {
        ActionStatus::Planned => t!(lang, "action-planned"),
        ActionStatus::InProgress => t!(lang, "action-in-progress"),
        ActionStatus::Done => t!(lang, "action-done"),
        ActionStatus::Dropped => t!(lang, "action-dropped"),
    }
}

pub fn strand_name(lang: Lang, strand: Strand) -> String {
    match strand {
        Strand::Prevention => t!(lang, "strand-prevention"),
        Strand::Intelligence => t!(lang, "strand-intelligence"),
        Strand::Enforcement => t!(lang, "strand-enforcement"),
        Strand::Reassurance => t!(lang, "strand-reassurance"),
    }
}

/// The problem analysis triangle: the three sides and who controls each.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Triangle {
    pub offender: String,
    pub victim: String,
    pub place: String,
    pub handler: String,
    pub guardian: String,
    pub manager: String,
}

/// A partner action of the Response stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProblemAction {
    pub id: i64,
    pub title: String,
    pub organisation: Option<String>,
    pub organisation_id: Option<i64>,
    pub owner: String,
    /// The due day (its start).
    pub due_on: Option<Timestamp>,
    pub status: ActionStatus,
    pub notes: String,
    pub overdue: bool,
}

/// One entry of a profile's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub version: i64,
    pub at: Timestamp,
    pub who: String,
    pub change: ProfileChange,
    pub detail: String,
}

/// A linked intelligence item, as the profile lists it (sanitised).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkedItem {
    /// The report's reference, or the item's own for one recorded from engagement.
    pub reference: String,
    pub source: crate::triage::IntelligenceSource,
    pub summary: String,
    pub grade: String,
    /// The report's category (none for an item recorded from engagement).
    pub category: Option<Names>,
    pub neighbourhood: Names,
    pub received: Timestamp,
}

/// A problem profile with everything its page and the API show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub id: i64,
    pub reference: String,
    pub csp_id: i64,
    pub title: String,
    pub stage: Stage,
    pub priority: Priority,
    pub requester: String,
    pub aim: String,
    /// The first and last day (their starts) of the period looked at.
    pub period_from: Timestamp,
    pub period_to: Timestamp,
    pub statement: String,
    pub affected: String,
    pub triangle: Triangle,
    pub hypothesis: String,
    pub gaps: String,
    /// The day the response started (the assessment compares around it).
    pub response_started: Option<Timestamp>,
    pub window_days: i64,
    pub process_review: String,
    pub decision: Option<Decision>,
    pub decision_notes: String,
    pub outcome_en: String,
    pub outcome_cy: String,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub categories: Vec<(i64, Names)>,
    pub shared_with: Vec<(i64, String)>,
    pub actions: Vec<ProblemAction>,
    pub items: Vec<LinkedItem>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub closed_at: Option<Timestamp>,
}

/// Who does an action of the Response stage, as a partner reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartnerActionOwner {
    /// Their own organisation's action: its name and the person it names.
    Yours { organisation: String, owner: String },
    /// The partnership's own staff (not named).
    Partnership,
    /// Another partner organisation (not named).
    Another,
}

/// An action as a partner reads it: the notes only on their own organisation's actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerAction {
    pub title: String,
    pub owner: PartnerActionOwner,
    pub due_on: Option<Timestamp>,
    pub status: ActionStatus,
    pub notes: String,
    pub overdue: bool,
}

/// What a partner organisation reads of a profile shared with it. Built field by field from
/// the profile (`for_partner`), never by clearing fields of it: whatever is not named here (the
/// linked intelligence items and their reports, the history and who made each change, whom the
/// profile is shared with, other organisations and their people, the decision notes, the ids
/// and version the edit forms use) is never part of what a partner is sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerProfile {
    pub reference: String,
    pub title: String,
    pub stage: Stage,
    pub priority: Priority,
    pub requester: String,
    pub aim: String,
    /// The first and last day of the period looked at.
    pub period_from: Timestamp,
    pub period_to: Timestamp,
    pub neighbourhoods: Vec<Names>,
    pub categories: Vec<Names>,
    pub statement: String,
    pub affected: String,
    pub triangle: Triangle,
    pub hypothesis: String,
    pub gaps: String,
    pub response_started: Option<Timestamp>,
    pub window_days: i64,
    pub process_review: String,
    pub decision: Option<Decision>,
    /// What the residents were told (English, Welsh), once the profile is closed.
    pub told: Option<(String, String)>,
    pub actions: Vec<PartnerAction>,
    pub updated_at: Timestamp,
    pub closed_at: Option<Timestamp>,
}

/// The profile as a partner whose organisations are `organisations` may read it.
pub fn for_partner(profile: &Profile, organisations: &[i64]) -> PartnerProfile {
    let actions = profile
        .actions
        .iter()
        .map(|a| {
            let yours = a.organisation_id.is_some_and(|o| organisations.contains(&o));
            let owner = match (yours, a.organisation_id) {
                (true, _) => PartnerActionOwner::Yours {
                    organisation: a.organisation.clone().unwrap_or_default(),
                    owner: a.owner.clone(),
                },
                (false, None) => PartnerActionOwner::Partnership,
                (false, Some(_)) => PartnerActionOwner::Another,
            };
            PartnerAction {
                title: a.title.clone(),
                owner,
                due_on: a.due_on,
                status: a.status,
                notes: if yours { a.notes.clone() } else { String::new() },
                overdue: a.overdue,
            }
        })
        .collect();
    PartnerProfile {
        reference: profile.reference.clone(),
        title: profile.title.clone(),
        stage: profile.stage,
        priority: profile.priority,
        requester: profile.requester.clone(),
        aim: profile.aim.clone(),
        period_from: profile.period_from,
        period_to: profile.period_to,
        neighbourhoods: profile.neighbourhoods.iter().map(|(_, n)| n.clone()).collect(),
        categories: profile.categories.iter().map(|(_, n)| n.clone()).collect(),
        statement: profile.statement.clone(),
        affected: profile.affected.clone(),
        triangle: profile.triangle.clone(),
        hypothesis: profile.hypothesis.clone(),
        gaps: profile.gaps.clone(),
        response_started: profile.response_started,
        window_days: profile.window_days,
        process_review: profile.process_review.clone(),
        decision: profile.decision,
        told: (profile.stage == Stage::Closed)
            .then(|| (profile.outcome_en.clone(), profile.outcome_cy.clone())),
        actions,
        updated_at: profile.updated_at,
        closed_at: profile.closed_at,
    }
}

/// A profile in a partner's list: no ids, no count of the intelligence behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerProfileSummary {
    pub reference: String,
    pub title: String,
    pub stage: Stage,
    pub priority: Priority,
    pub neighbourhoods: Vec<Names>,
    pub actions_open: i64,
    pub actions_overdue: i64,
    pub updated_at: Timestamp,
}

/// A form's text field, trimmed and checked for length.
pub fn text(value: &str, max: usize) -> Result<String, &'static str> {
    let v = value.trim();
    if v.chars().count() > max {
        Err("too_long")
    } else {
        Ok(v.to_string())
    }
}

/// `YYYY-MM-DD` as the Unix time of that day's start (UTC).
pub fn parse_day(value: &str) -> Option<i64> {
    let date = chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// Residents whose reports were part of a profile, told it has closed: subject and body in
/// their language, with what was done (the profile's outcome text in that language).
pub fn closing_email(lang: Lang, reference: &str, outcome: &str) -> (String, String) {
    (
        t!(lang, "email-problem-closed-subject", reference = reference),
        t!(lang, "email-problem-closed-body", reference = reference, outcome = outcome),
    )
}

/// The "you said, we did" draft the hub offers when a profile is assessed: what residents
/// reported, the actions done (by organisation) and what the numbers say. Built only from
/// counts, category and area names and action titles, so it holds no one's personal data.
pub fn you_said_we_did(
    lang: Lang,
    profile: &Profile,
    reports: i64,
    done: &[(String, Option<String>)],
    change: Option<&assessment::RateChange>,
) -> String {
    let categories: Vec<Names> = profile.categories.iter().map(|(_, n)| n.clone()).collect();
    let areas: Vec<Names> = profile.neighbourhoods.iter().map(|(_, n)| n.clone()).collect();
    you_said_we_did_of(lang, &categories, &areas, reports, WeDid::Titled(done), change)
}

/// What a "you said, we did" text says was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeDid<'a> {
    /// Each action done by its title (and organisation), as staff typed them (in one language).
    Titled(&'a [(String, Option<String>)]),
    /// Only how many actions were done: for a text wholly in one language (a publication's
    /// Welsh), which an action's title typed in English would break.
    Counted(usize),
}

/// The "you said, we did" text from its facts: the categories and areas reported (bilingual
/// names), how many reports, what was done and what the numbers say.
pub fn you_said_we_did_of(
    lang: Lang,
    categories: &[Names],
    areas: &[Names],
    reports: i64,
    done: WeDid<'_>,
    change: Option<&assessment::RateChange>,
) -> String {
    let categories: Vec<&str> = categories.iter().map(|n| n.get(lang)).collect();
    let areas: Vec<&str> = areas.iter().map(|n| n.get(lang)).collect();
    let mut out = t!(
        lang,
        "ysw-you-said",
        count = reports,
        categories = categories.join(", "),
        areas = areas.join(", ")
    );
    out.push('\n');
    match done {
        WeDid::Titled([]) | WeDid::Counted(0) => out.push_str(&t!(lang, "ysw-no-actions")),
        WeDid::Titled(done) => {
            out.push_str(&t!(lang, "ysw-we-did"));
            for (title, organisation) in done {
                out.push_str("\n- ");
                out.push_str(title);
                if let Some(o) = organisation {
                    out.push_str(&format!(" ({o})"));
                }
            }
        }
        WeDid::Counted(n) => out.push_str(&t!(lang, "ysw-we-did-counted", count = (n as i64))),
    }
    if let Some(c) = change {
        out.push('\n');
        out.push_str(&match (c.verdict, c.percent()) {
            (assessment::Verdict::Fell, Some(p)) => {
                t!(lang, "ysw-fell", percent = format!("{:.0}", -p), before = c.before, after = c.after)
            }
            (assessment::Verdict::Rose, Some(p)) => {
                t!(lang, "ysw-rose", percent = format!("{:.0}", p), before = c.before, after = c.after)
            }
            _ => t!(lang, "ysw-no-clear-change", before = c.before, after = c.after),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(*s));
        }
        for d in Decision::ALL {
            assert_eq!(Decision::parse(d.as_str()), Some(*d));
        }
        assert_eq!(ActionStatus::parse("in_progress"), Some(ActionStatus::InProgress));
        assert_eq!(Priority::parse("urgent"), None);
    }

    #[test]
    fn open_actions_are_overdue_the_day_after_their_due_day() {
        let due = parse_day("2026-11-30").unwrap();
        let day = 86_400;
        assert!(!action_overdue(ActionStatus::Planned, Some(due), due + day - 1), "the due day itself");
        assert!(action_overdue(ActionStatus::Planned, Some(due), due + day));
        assert!(action_overdue(ActionStatus::InProgress, Some(due), due + 5 * day));
        assert!(!action_overdue(ActionStatus::Done, Some(due), due + 5 * day), "done actions never are");
        assert!(!action_overdue(ActionStatus::Planned, None, due + 5 * day), "nor actions with no due day");
        assert_eq!(overdue_due_by(due + day), due);
    }

    #[test]
    fn decisions_lead_to_stages() {
        assert_eq!(Decision::Close.next_stage(), Stage::Closed);
        assert_eq!(Decision::Revise.next_stage(), Stage::Response);
        assert_eq!(Decision::Analysis.next_stage(), Stage::Analysis);
    }

    #[test]
    fn a_partner_is_given_only_its_part_of_a_profile() {
        let names = |s: &str| Names::new(s.to_string(), s.to_string());
        let action = |id: i64, organisation: Option<(i64, &str)>, owner: &str, notes: &str| ProblemAction {
            id,
            title: format!("Action {id}"),
            organisation: organisation.map(|(_, n)| n.to_string()),
            organisation_id: organisation.map(|(o, _)| o),
            owner: owner.into(),
            due_on: None,
            status: ActionStatus::Planned,
            notes: notes.into(),
            overdue: false,
        };
        let profile = Profile {
            id: 7,
            reference: "PP-26-0001".into(),
            csp_id: 1,
            title: "Dealing at the corner house".into(),
            stage: Stage::Response,
            priority: Priority::High,
            requester: "Tasking".into(),
            aim: "Stop it".into(),
            period_from: parse_day("2026-01-01").unwrap(),
            period_to: parse_day("2026-06-30").unwrap(),
            statement: "Dealing most nights".into(),
            affected: "Neighbours".into(),
            triangle: Triangle::default(),
            hypothesis: "Empty house".into(),
            gaps: String::new(),
            response_started: None,
            window_days: 28,
            process_review: String::new(),
            decision: Some(Decision::Continue),
            decision_notes: "Agreed with DI Morgan".into(),
            outcome_en: "Draft for residents".into(),
            outcome_cy: "Drafft".into(),
            neighbourhoods: vec![(3, names("Adamsdown"))],
            categories: vec![(4, names("Drugs"))],
            shared_with: vec![(10, "Fire service".into()), (11, "Housing association".into())],
            actions: vec![
                action(1, Some((10, "Fire service")), "Watch manager Rees", "Visit on Tuesday"),
                action(2, Some((11, "Housing association")), "Dai Evans", "Keys from the caretaker"),
                action(3, None, "Sergeant Price", "Two nights"),
            ],
            items: vec![LinkedItem {
                reference: "CYM-26-000001".into(),
                source: crate::triage::IntelligenceSource::Report,
                summary: "Dealing seen".into(),
                grade: "2B P".into(),
                category: Some(names("Drugs")),
                neighbourhood: names("Adamsdown"),
                received: parse_day("2026-02-01").unwrap(),
            }],
            version: 9,
            created_at: parse_day("2026-01-01").unwrap(),
            updated_at: parse_day("2026-02-01").unwrap(),
            closed_at: None,
        };
        let partner = for_partner(&profile, &[10]);
        let sent = serde_json::to_string(&partner).unwrap();
        for hidden in [
            "CYM-26-000001",
            "Dealing seen",
            "DI Morgan",
            "Draft for residents",
            "Housing association",
            "Dai Evans",
            "Keys from the caretaker",
            "Sergeant Price",
            "Two nights",
        ] {
            assert!(!sent.contains(hidden), "{hidden} in {sent}");
        }
        assert_eq!(
            partner.actions[0].owner,
            PartnerActionOwner::Yours {
                organisation: "Fire service".into(),
                owner: "Watch manager Rees".into()
            }
        );
        assert_eq!(partner.actions[0].notes, "Visit on Tuesday");
        assert_eq!(
            (&partner.actions[1].owner, &partner.actions[2].owner),
            (&PartnerActionOwner::Another, &PartnerActionOwner::Partnership)
        );
        assert_eq!(
            (partner.title.as_str(), partner.decision, partner.told.clone()),
            ("Dealing at the corner house", Some(Decision::Continue), None)
        );
    }

    #[test]
    fn days_parse() {
        assert_eq!(parse_day("2026-11-30"), Some(1_795_996_800));
        assert_eq!(parse_day("30/11/2026"), None);
        assert_eq!(text("  a  ", 3), Ok("a".into()));
        assert_eq!(text("abcd", 3), Err("too_long"));
    }
}
