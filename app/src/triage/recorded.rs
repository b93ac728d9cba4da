//! Intelligence recorded from engagement (not from a report): an officer or engagement lead
//! writes down what a street briefing, a KIN member, a survey's free-text answer, a partner or a
//! meeting told them, sanitised and graded like an item from a report (3x5x2, handling
//! conditions for `C`, a tension tag). The checks here are plain functions over what was posted.

use super::{
    identifies_reporter, parse_grade, redact_numbers, suggest_summary, Grade, GradeProblem,
    IntelligenceSource, ReporterDetails, MAX_SUMMARY, TENSION_TAGS,
};
use serde::{Deserialize, Serialize};

/// Earliest day an item may say it was heard (`YYYY-MM-DD`), and how far back at most.
pub const MAX_AGE_DAYS: i64 = 366;
const DAY: i64 = 86_400;

/// What the form posts, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordInput {
    /// Where it was heard (an `IntelligenceSource`, not `report`).
    pub origin: String,
    pub neighbourhood: String,
    /// `YYYY-MM-DD`.
    pub observed_on: String,
    pub summary: String,
    /// The grade's parts, named as on a report's grade form.
    pub source: String,
    pub intelligence: String,
    pub handling: String,
    pub conditions: String,
    pub tension: String,
}

/// An item ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub source: IntelligenceSource,
    pub neighbourhood_id: i64,
    /// The start (UTC) of the day it was heard.
    pub observed_on: i64,
    pub summary: String,
    pub grade: Grade,
    pub tension: Option<String>,
}

/// Why the form was refused; the first is said (a message id each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordProblem {
    Source,
    Neighbourhood,
    Date,
    SummaryRequired,
    SummaryTooLong,
    SummaryIdentifies,
    Grade(GradeProblem),
    Tension,
}

/// The sources a person records from (a report's item is made by triage, never here).
pub fn recordable() -> impl Iterator<Item = IntelligenceSource> {
    IntelligenceSource::ALL.iter().copied().filter(|s| *s != IntelligenceSource::Report)
}

/// Does a text that may be shared still identify someone: the person it came from, when known
/// (their name, email or phone, as triage checks a reporter), or anything shaped like an email
/// address or a phone number?
pub fn identifies_someone(text: &str, known: &ReporterDetails) -> bool {
    let email_shaped = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '<' | '>'))
        .any(|w| w.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.')));
    identifies_reporter(text, known) || email_shaped || redact_numbers(text) != text
}

/// A first draft of the shareable text from a survey or KIN answer: the answer with anything
/// shaped like an email address or a phone number taken out. The person reads and edits it.
pub fn suggest_text(answer: &str) -> String {
    suggest_summary(answer, &ReporterDetails::default())
}

/// Checks the form: a source one may record from, one of the CSP's `neighbourhoods`, a day
/// neither in the future (after `today`, a day's start) nor more than a year back, a sanitised
/// text, a 3x5x2 grade and a known tension tag.
pub fn check(
    input: &RecordInput,
    neighbourhoods: &[i64],
    today: i64,
    known: &ReporterDetails,
) -> Result<Recorded, Vec<RecordProblem>> {
    let mut problems = Vec::new();
    let source = IntelligenceSource::parse(input.origin.trim()).filter(|s| *s != IntelligenceSource::Report);
    if source.is_none() {
        problems.push(RecordProblem::Source);
    }
    let neighbourhood = input.neighbourhood.trim().parse::<i64>().ok().filter(|n| neighbourhoods.contains(n));
    if neighbourhood.is_none() {
        problems.push(RecordProblem::Neighbourhood);
    }
    let day = crate::problems::parse_day(&input.observed_on)
        .filter(|d| *d <= today && *d >= today - MAX_AGE_DAYS * DAY);
    if day.is_none() {
        problems.push(RecordProblem::Date);
    }
    let summary = input.summary.trim();
    if summary.is_empty() {
        problems.push(RecordProblem::SummaryRequired);
    } else if summary.chars().count() > MAX_SUMMARY {
        problems.push(RecordProblem::SummaryTooLong);
    } else if identifies_someone(summary, known) {
        problems.push(RecordProblem::SummaryIdentifies);
    }
    let grade = parse_grade(&input.source, &input.intelligence, &input.handling, &input.conditions);
    if let Err(grade_problems) = &grade {
        problems.extend(grade_problems.iter().map(|p| RecordProblem::Grade(*p)));
    }
    let tension = Some(input.tension.trim()).filter(|t| !t.is_empty());
    if tension.is_some_and(|t| !TENSION_TAGS.contains(&t)) {
        problems.push(RecordProblem::Tension);
    }
    match (source, neighbourhood, day, grade) {
        (Some(source), Some(neighbourhood_id), Some(observed_on), Ok(grade)) if problems.is_empty() => {
            Ok(Recorded {
                source,
                neighbourhood_id,
                observed_on,
                summary: summary.to_string(),
                grade,
                tension: tension.map(str::to_string),
            })
        }
        _ => Err(problems),
    }
}

/// The source an answer's item comes from: a KIN member's answer (the response came through the
/// KIN channel) or a survey's free-text answer.
pub fn answer_source(kin: bool) -> IntelligenceSource {
    if kin {
        IntelligenceSource::KinAnswer
    } else {
        IntelligenceSource::SurveyAnswer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 1_796_601_600; // 2026-12-07 00:00 UTC

    fn input() -> RecordInput {
        RecordInput {
            origin: "street_briefing".into(),
            neighbourhood: "7".into(),
            observed_on: "2026-12-03".into(),
            summary: "Residents say youths gather at the underpass after 9pm; bottles thrown at buses".into(),
            source: "2".into(),
            intelligence: "c".into(),
            handling: "P".into(),
            conditions: String::new(),
            tension: "experienced".into(),
        }
    }

    #[test]
    fn a_briefing_is_recorded_with_its_grade_day_and_tension() {
        let r = check(&input(), &[7, 8], TODAY, &ReporterDetails::default()).unwrap();
        assert_eq!(r.source, IntelligenceSource::StreetBriefing);
        assert_eq!(r.neighbourhood_id, 7);
        assert_eq!(r.observed_on, TODAY - 4 * DAY);
        assert_eq!(r.grade.label(), "2C P");
        assert_eq!(r.tension.as_deref(), Some("experienced"));
        // C needs its conditions, exactly as an item from a report.
        let c = RecordInput { handling: "C".into(), ..input() };
        assert_eq!(
            check(&c, &[7], TODAY, &ReporterDetails::default()).unwrap_err(),
            vec![RecordProblem::Grade(GradeProblem::ConditionsRequired)]
        );
        let c = RecordInput { conditions: "Housing only".into(), ..c };
        let r = check(&c, &[7], TODAY, &ReporterDetails::default()).unwrap();
        assert_eq!(r.grade.conditions.as_deref(), Some("Housing only"));
    }

    #[test]
    fn everything_wrong_is_said_in_order() {
        let bad = RecordInput {
            origin: "report".into(),
            neighbourhood: "9".into(),
            observed_on: "3 December".into(),
            summary: "  ".into(),
            source: "4".into(),
            tension: "rumour".into(),
            ..input()
        };
        assert_eq!(
            check(&bad, &[7], TODAY, &ReporterDetails::default()).unwrap_err(),
            vec![
                RecordProblem::Source,
                RecordProblem::Neighbourhood,
                RecordProblem::Date,
                RecordProblem::SummaryRequired,
                RecordProblem::Grade(GradeProblem::Source),
                RecordProblem::Tension,
            ]
        );
        // Not tomorrow, not more than a year back; today and a year back are fine.
        for (day, ok) in
            [("2026-12-08", false), ("2026-12-07", true), ("2025-12-06", true), ("2025-12-05", false)]
        {
            let i = RecordInput { observed_on: day.into(), ..input() };
            assert_eq!(check(&i, &[7], TODAY, &ReporterDetails::default()).is_ok(), ok, "{day}");
        }
        let long = RecordInput { summary: "x".repeat(MAX_SUMMARY + 1), ..input() };
        assert_eq!(
            check(&long, &[7], TODAY, &ReporterDetails::default()).unwrap_err(),
            vec![RecordProblem::SummaryTooLong]
        );
        assert_eq!(recordable().count(), IntelligenceSource::ALL.len() - 1);
    }

    #[test]
    fn text_that_identifies_someone_is_refused() {
        let known = ReporterDetails { name: Some("Gwen Davies".into()), ..Default::default() };
        for text in [
            "Gwen Davies says the lane is used for dealing",
            "Davies's neighbour says so",
            "Ring 07700 900123 for more",
            "contact: someone@example.cymru",
        ] {
            let i = RecordInput { summary: text.into(), ..input() };
            assert_eq!(
                check(&i, &[7], TODAY, &known).unwrap_err(),
                vec![RecordProblem::SummaryIdentifies],
                "{text}"
            );
        }
        // Numbers that are not phone numbers, and an @ that is not an address, are fine.
        assert!(!identifies_someone("About 20 youths at number 4, @ 9pm, since 2025", &known));
        assert_eq!(
            suggest_text("Call me on 029 2087 1234 or mail a@b.cymru: dealing at the park"),
            "Call me on [removed] or mail [removed] dealing at the park"
        );
        assert_eq!(answer_source(true), IntelligenceSource::KinAnswer);
        assert_eq!(answer_source(false), IntelligenceSource::SurveyAnswer);
    }

    #[test]
    fn item_references_are_their_own() {
        assert_eq!(crate::triage::item_reference(12), "INT-000012");
        assert_eq!(crate::triage::parse_item_reference("int-12"), Some(12));
        assert_eq!(crate::triage::parse_item_reference(" INT-000012 "), Some(12));
        assert_eq!(crate::triage::parse_item_reference("INT-"), None);
        assert_eq!(crate::triage::parse_item_reference("INT-0"), None);
        assert_eq!(crate::triage::parse_item_reference("CYM-26-000123"), None);
        assert_eq!(
            IntelligenceSource::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            ["report", "street_briefing", "kin_answer", "survey_answer", "partner", "meeting"]
        );
    }
}
