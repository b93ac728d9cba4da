//! Triage: a CSP officer turns a resident's report (information) into a graded, sanitised
//! intelligence item, assigns it, and tells the resident what is happening in their language.
//! The rules here are plain functions; pages, forms and the API call them.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod api;

use crate::{reference::Names, reporting::ReportStatus};
use serde::{Deserialize, Serialize};

/// Longest intelligence summary and handling conditions, in characters.
pub const MAX_SUMMARY: usize = 2000;
pub const MAX_CONDITIONS: usize = 1000;
pub const MAX_MESSAGE: usize = 2000;
/// Reports per page of the intake queue.
pub const QUEUE_PAGE_SIZE: i64 = 25;
/// Working days to acknowledge a report, while a CSP has not set its own.
pub const DEFAULT_ACKNOWLEDGE_DAYS: i64 = 2;

/// A 3x5x2 grade: source evaluation, intelligence assessment, handling code (with the written
/// conditions a `C` needs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    /// `1` reliable, `2` untested, `3` not reliable.
    pub source: String,
    /// `A` known directly ... `E` suspected false or malicious.
    pub intelligence: String,
    /// `P` lawful sharing permitted, `C` sharing with conditions.
    pub handling: String,
    pub conditions: Option<String>,
}

impl Grade {
    /// "2B C": how the grade is written.
    pub fn label(&self) -> String {
        format!("{}{} {}", self.source, self.intelligence, self.handling)
    }
}

/// Why a grade was refused (a message id suffix).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeProblem {
    Source,
    Intelligence,
    Handling,
    ConditionsRequired,
    ConditionsTooLong,
}

/// Checks a grade as posted. A `C` handling code without written conditions is invalid.
pub fn parse_grade(source: &str, intelligence: &str, handling: &str, conditions: &str) -> Result<Grade, Vec<GradeProblem>> {
    let mut problems = Vec::new();
    let source = source.trim();
    let intelligence = intelligence.trim().to_ascii_uppercase();
    let handling = handling.trim().to_ascii_uppercase();
    if !["1", "2", "3"].contains(&source) {
        problems.push(GradeProblem::Source);
    }
    if !["A", "B", "C", "D", "E"].contains(&intelligence.as_str()) {
        problems.push(GradeProblem::Intelligence);
    }
    if !["P", "C"].contains(&handling.as_str()) {
        problems.push(GradeProblem::Handling);
    }
    let conditions = conditions.trim();
    if handling == "C" && conditions.is_empty() {
        problems.push(GradeProblem::ConditionsRequired);
    }
    if conditions.chars().count() > MAX_CONDITIONS {
        problems.push(GradeProblem::ConditionsTooLong);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Grade {
        source: source.to_string(),
        intelligence,
        conditions: (handling == "C").then(|| conditions.to_string()),
        handling,
    })
}

/// Tension information is tagged evidenced, experienced or potential.
pub const TENSION_TAGS: [&str; 3] = ["evidenced", "experienced", "potential"];

/// What identifies the person who reported: never in a summary that may be shared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReporterDetails {
    pub anonymous: bool,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub consent_to_contact: bool,
    pub safe_contact: Option<String>,
}

/// Replaces runs of digits (with spaces, dashes, brackets or a leading +) holding six or more
/// digits: phone numbers, however they are written.
fn redact_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let joiner = |c: char| matches!(c, ' ' | '-' | '(' | ')' | '+');
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() || (chars[i] == '+' && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()));
        if !starts {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (mut j, mut last_digit, mut digits) = (i, i, 0);
        while j < chars.len() && (chars[j].is_ascii_digit() || (joiner(chars[j]) && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit() || *c == '('))) {
            if chars[j].is_ascii_digit() {
                digits += 1;
                last_digit = j;
            }
            j += 1;
        }
        if digits >= 6 {
            out.push_str("[removed]");
        } else {
            out.extend(&chars[i..=last_digit]);
        }
        i = last_digit + 1;
    }
    out
}

/// A first draft of the shareable summary: the resident's words with their name, email and
/// phone, and anything else shaped like an email address or a phone number, taken out.
/// The officer reads and edits it before it is saved.
pub fn suggest_summary(description: &str, reporter: &ReporterDetails) -> String {
    let mut text = description.to_string();
    let mut names: Vec<String> = Vec::new();
    if let Some(name) = &reporter.name {
        names.push(name.clone());
        names.extend(name.split_whitespace().filter(|p| p.chars().count() >= 3).map(str::to_string));
    }
    names.extend(reporter.email.iter().cloned());
    names.extend(reporter.phone.iter().cloned());
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names.iter().filter(|n| !n.trim().is_empty()) {
        text = replace_ignoring_case(&text, n.trim(), "[removed]");
    }
    let text = redact_numbers(&text);
    text.split(' ')
        .map(|w| if w.contains('@') && w.contains('.') { "[removed]".to_string() } else { w.to_string() })
        .collect::<Vec<_>>()
        .join(" ")
}

fn replace_ignoring_case(text: &str, needle: &str, with: &str) -> String {
    let lower = text.to_lowercase();
    let needle_lower = needle.to_lowercase();
    if needle_lower.is_empty() || lower.len() != text.len() {
        return text.replace(needle, with);
    }
    let mut out = String::new();
    let mut rest = 0;
    while let Some(found) = lower[rest..].find(&needle_lower) {
        let start = rest + found;
        out.push_str(&text[rest..start]);
        out.push_str(with);
        rest = start + needle.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// Does a summary still name the reporter (name, email or phone)?
pub fn identifies_reporter(summary: &str, reporter: &ReporterDetails) -> bool {
    let lower = summary.to_lowercase();
    let digits: String = summary.chars().filter(|c| c.is_ascii_digit()).collect();
    let name_hit = reporter.name.as_ref().is_some_and(|n| !n.trim().is_empty() && lower.contains(&n.trim().to_lowercase()));
    let email_hit = reporter.email.as_ref().is_some_and(|e| !e.is_empty() && lower.contains(&e.to_lowercase()));
    let phone_hit = reporter.phone.as_ref().is_some_and(|p| {
        let d: String = p.chars().filter(|c| c.is_ascii_digit()).collect();
        d.len() >= 6 && digits.contains(&d)
    });
    name_hit || email_hit || phone_hit
}

/// When a report received at `created_at` (Unix seconds) must be acknowledged: after
/// `working_days` days that are not Saturday or Sunday. (Bank holidays are not counted out.)
pub fn acknowledge_due(created_at: i64, working_days: i64) -> i64 {
    const DAY: i64 = 86_400;
    let mut due = created_at;
    let mut left = working_days.max(0);
    while left > 0 {
        due += DAY;
        // 1970-01-01 was a Thursday: day 0 -> Thursday.
        let weekday = (due.div_euclid(DAY) + 3).rem_euclid(7); // 0 = Monday
        if weekday < 5 {
            left -= 1;
        }
    }
    due
}

/// Which reports the queue lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// `new` (not acknowledged), `open` (not closed), `closed`, or `all`.
    pub status: String,
    pub category: String,
    pub neighbourhood: String,
    /// `yes`, `no` or empty.
    pub sensitive: String,
    pub mine: bool,
    /// `oldest` or `risk`.
    pub sort: String,
    pub page: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub reference: String,
    pub category: Names,
    pub neighbourhood: Names,
    pub status: ReportStatus,
    pub created_at: String,
    pub acknowledged: bool,
    pub overdue: bool,
    pub sensitive: bool,
    pub graded: Option<String>,
    pub assigned_to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCounts {
    pub new: i64,
    pub overdue: i64,
    pub open: i64,
}

/// An intelligence item as those allowed to see it see it: sanitised, graded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntelligenceItem {
    pub id: i64,
    pub reference: String,
    pub csp_slug: String,
    pub category: Names,
    pub family: String,
    pub neighbourhood: Names,
    pub summary: String,
    pub grade: Grade,
    pub tension: Option<String>,
    /// Organisations a `C` item is shared with.
    pub shared_with: Vec<String>,
    pub reported_at: String,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_follow_3x5x2() {
        let g = parse_grade("2", "b", "p", "").unwrap();
        assert_eq!(g.label(), "2B P");
        assert_eq!(g.conditions, None);
        assert_eq!(parse_grade("1", "A", "C", "Police and housing only; not for onward sharing").unwrap().label(), "1A C");
        assert_eq!(parse_grade("1", "A", "C", "  ").unwrap_err(), vec![GradeProblem::ConditionsRequired]);
        assert_eq!(parse_grade("4", "F", "X", "").unwrap_err(), vec![GradeProblem::Source, GradeProblem::Intelligence, GradeProblem::Handling]);
        assert_eq!(parse_grade("0", "A", "P", "").unwrap_err(), vec![GradeProblem::Source]);
        assert_eq!(parse_grade("3", "E", "C", &"x".repeat(MAX_CONDITIONS + 1)).unwrap_err(), vec![GradeProblem::ConditionsTooLong]);
        // Legacy 5x5x5 grades are not 3x5x2.
        assert!(parse_grade("B", "3", "5", "").is_err());
        // Conditions given with P are not kept (P needs none).
        assert_eq!(parse_grade("2", "C", "P", "ignored").unwrap().conditions, None);
    }

    #[test]
    fn summaries_lose_what_identifies_the_reporter() {
        let reporter = ReporterDetails {
            name: Some("Siân Roberts".into()),
            email: Some("sian@example.cymru".into()),
            phone: Some("029 2087 1234".into()),
            ..Default::default()
        };
        let text = "I'm Siân Roberts (sian@example.cymru, 029 2087 1234). Dealing from number 4 every night; call me on 07700 900123.";
        let summary = suggest_summary(text, &reporter);
        assert!(!identifies_reporter(&summary, &reporter), "{summary}");
        assert!(!summary.contains("07700"), "{summary}");
        assert!(summary.contains("Dealing from number 4 every night"), "{summary}");
        assert!(identifies_reporter("Reported by siân roberts", &reporter));
        assert!(identifies_reporter("call 02920871234", &reporter));
        assert!(!identifies_reporter("Drug dealing at the underpass", &reporter));
        assert!(!identifies_reporter("anything", &ReporterDetails::default()));
    }

    #[test]
    fn acknowledgement_is_due_after_working_days() {
        let friday_noon = 1_795_176_000; // 2026-11-20 12:00 UTC, a Friday
        assert_eq!(acknowledge_due(friday_noon, 2), friday_noon + 4 * 86_400, "Friday + 2 working days = Tuesday");
        let monday_noon = friday_noon + 3 * 86_400;
        assert_eq!(acknowledge_due(monday_noon, 2), monday_noon + 2 * 86_400);
        assert_eq!(acknowledge_due(monday_noon, 0), monday_noon);
        let saturday = friday_noon + 86_400;
        assert_eq!(acknowledge_due(saturday, 1), saturday + 2 * 86_400, "Saturday + 1 = Monday");
    }
}
