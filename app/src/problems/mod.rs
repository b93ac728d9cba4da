//! Problem solving the NIM way: a problem profile is worked through SARA (Scanning, Analysis
//! with the problem analysis triangle, Response with partner actions, Assessment computed by the
//! hub), proposed from hotspots and repeats the hub detects, and closed by telling the residents
//! whose reports were part of it what was done.
//!
//! This module holds the domain: the stages and their vocabularies, the checks on what analysts
//! type, and the texts the hub drafts. `assessment` and `charts` compute, `hotspots` detects.
//! Its pages are staff pages: rendered on the server only (see `app::is_staff_path`).

pub mod assessment;
pub mod charts;
pub mod form;
pub mod hotspots;
pub mod analysis;
pub mod pages;
pub mod actions;
pub mod api;
pub mod strategic;
pub mod strategic_pages;
pub mod tasking;

use crate::{i18n::Lang, reference::Names, t};
use serde::{Deserialize, Serialize};

/// Longest text kept in one field of a profile (a problem statement, a hypothesis...).
pub const MAX_TEXT: usize = 4_000;
/// Longest title (of a profile or an action).
pub const MAX_TITLE: usize = 200;
/// Before/after windows an analyst may choose, in days.
pub const WINDOW_DAYS: [i64; 5] = [28, 56, 91, 182, 365];

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

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
    /// The control strategy's four strands.
    Strand { Prevention = "prevention", Intelligence = "intelligence", Enforcement = "enforcement", Reassurance = "reassurance" }
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// `YYYY-MM-DD`
    pub due_on: Option<String>,
    pub status: ActionStatus,
    pub notes: String,
    pub overdue: bool,
}

/// One entry of a profile's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub version: i64,
    pub at: String,
    pub who: String,
    pub change: String,
    pub detail: String,
}

/// A linked intelligence item, as the profile lists it (sanitised).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkedItem {
    pub reference: String,
    pub summary: String,
    pub grade: String,
    pub category: Names,
    pub neighbourhood: Names,
    pub received: String,
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
    /// `YYYY-MM-DD`, the first and last day of the period looked at.
    pub period_from: String,
    pub period_to: String,
    pub statement: String,
    pub affected: String,
    pub triangle: Triangle,
    pub hypothesis: String,
    pub gaps: String,
    /// `YYYY-MM-DD`: the day the response started (the assessment compares around it).
    pub response_started: Option<String>,
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
    pub created_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
}

/// A profile in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub stage: Stage,
    pub priority: Priority,
    pub neighbourhoods: Vec<Names>,
    pub items: i64,
    pub actions_open: i64,
    pub actions_overdue: i64,
    pub updated_at: String,
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
    (t!(lang, "email-problem-closed-subject", reference = reference), t!(lang, "email-problem-closed-body", reference = reference, outcome = outcome))
}

/// The "you said, we did" draft the hub offers when a profile is assessed: what residents
/// reported, the actions done (by organisation) and what the numbers say. Built only from
/// counts, category and area names and action titles, so it holds no one's personal data.
pub fn you_said_we_did(lang: Lang, profile: &Profile, reports: i64, done: &[(String, Option<String>)], change: Option<&assessment::RateChange>) -> String {
    let categories: Vec<&str> = profile.categories.iter().map(|(_, n)| n.get(lang)).collect();
    let areas: Vec<&str> = profile.neighbourhoods.iter().map(|(_, n)| n.get(lang)).collect();
    let mut out = t!(lang, "ysw-you-said", count = reports, categories = categories.join(", "), areas = areas.join(", "));
    out.push('\n');
    if done.is_empty() {
        out.push_str(&t!(lang, "ysw-no-actions"));
    } else {
        out.push_str(&t!(lang, "ysw-we-did"));
        for (title, organisation) in done {
            out.push_str("\n- ");
            out.push_str(title);
            if let Some(o) = organisation {
                out.push_str(&format!(" ({o})"));
            }
        }
    }
    if let Some(c) = change {
        out.push('\n');
        out.push_str(&match (c.verdict, c.percent()) {
            (assessment::Verdict::Fell, Some(p)) => t!(lang, "ysw-fell", percent = format!("{:.0}", -p), before = c.before, after = c.after),
            (assessment::Verdict::Rose, Some(p)) => t!(lang, "ysw-rose", percent = format!("{:.0}", p), before = c.before, after = c.after),
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
    fn decisions_lead_to_stages() {
        assert_eq!(Decision::Close.next_stage(), Stage::Closed);
        assert_eq!(Decision::Revise.next_stage(), Stage::Response);
        assert_eq!(Decision::Analysis.next_stage(), Stage::Analysis);
    }

    #[test]
    fn days_parse() {
        assert_eq!(parse_day("2026-11-30"), Some(1_795_996_800));
        assert_eq!(parse_day("30/11/2026"), None);
        assert_eq!(text("  a  ", 3), Ok("a".into()));
        assert_eq!(text("abcd", 3), Err("too_long"));
    }
}
