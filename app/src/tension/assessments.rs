//! Tension assessments per neighbourhood: the indicators (negative and positive), each tagged
//! evidenced, experienced or potential with a sanitised note, its source and a 3x5x2 grade; a
//! level, a narrative and a review date. Each save is a new version of the neighbourhood's
//! assessment. This file holds the rules as plain functions: what a form must say, and what a
//! save means for the tension rota (`raised_to_high`).

use crate::{
    i18n::Lang,
    t,
    tension::levels::{HIGH, MAX_LEVEL},
    time::Timestamp,
    triage::{parse_grade, recorded::identifies_someone, Grade, GradeProblem, ReporterDetails},
};
use serde::{Deserialize, Serialize};

use crate::vocabulary::vocabulary;

const DAY: i64 = 86_400;
/// Longest note of an indicator (sanitised, short).
pub const MAX_NOTE: usize = 500;
/// Longest source ("KIN", "police briefing").
pub const MAX_SOURCE: usize = 200;
/// Longest narrative.
pub const MAX_NARRATIVE: usize = 4_000;
/// Longest owner.
pub const MAX_OWNER: usize = 200;
/// Most indicators in one assessment.
pub const MAX_INDICATORS: usize = 30;
/// Most intelligence items linked to one indicator.
pub const MAX_ITEMS: usize = 20;
/// At level 3 or 4 the next review is at most this many days after the assessment.
pub const HIGH_REVIEW_DAYS: i64 = 7;
/// Any review is at most this many days ahead.
pub const MAX_REVIEW_DAYS: i64 = 366;
/// Blank indicator rows a form offers after the ones already there.
pub const BLANK_ROWS: usize = 3;

vocabulary! {
    /// What an indicator is about: the tension indicators, then the positive ones.
    IndicatorKind {
        HateIncidents = "hate_incidents",
        GraffitiLeaflets = "graffiti_leaflets",
        RumourSocialMedia = "rumour_social_media",
        ProtestPlanned = "protest_planned",
        CriticalIncident = "critical_incident",
        TriggerEvent = "trigger_event",
        GroupDisputes = "group_disputes",
        GroupAsb = "group_asb",
        NewArrivals = "new_arrivals",
        Misinformation = "misinformation",
        SymbolicDisputes = "symbolic_disputes",
        CohesionWork = "cohesion_work",
        LeadersCalming = "leaders_calming",
        OtherPositive = "other_positive",
    }
}

impl IndicatorKind {
    /// Positive indicators (cohesion work, leaders calming things): they lower tension.
    pub fn positive(self) -> bool {
        matches!(
            self,
            IndicatorKind::CohesionWork | IndicatorKind::LeadersCalming | IndicatorKind::OtherPositive
        )
    }
}

vocabulary! {
    /// How well founded the information is.
    TensionTag { Evidenced = "evidenced", Experienced = "experienced", Potential = "potential" }
}

pub fn kind_name(lang: Lang, kind: IndicatorKind) -> String {
    use IndicatorKind::*;
    match kind {
        HateIncidents => t!(lang, "tension-kind-hate-incidents"),
        GraffitiLeaflets => t!(lang, "tension-kind-graffiti-leaflets"),
        RumourSocialMedia => t!(lang, "tension-kind-rumour-social-media"),
        ProtestPlanned => t!(lang, "tension-kind-protest-planned"),
        CriticalIncident => t!(lang, "tension-kind-critical-incident"),
        TriggerEvent => t!(lang, "tension-kind-trigger-event"),
        GroupDisputes => t!(lang, "tension-kind-group-disputes"),
        GroupAsb => t!(lang, "tension-kind-group-asb"),
        NewArrivals => t!(lang, "tension-kind-new-arrivals"),
        Misinformation => t!(lang, "tension-kind-misinformation"),
        SymbolicDisputes => t!(lang, "tension-kind-symbolic-disputes"),
        CohesionWork => t!(lang, "tension-kind-cohesion-work"),
        LeadersCalming => t!(lang, "tension-kind-leaders-calming"),
        OtherPositive => t!(lang, "tension-kind-other-positive"),
    }
}

pub fn tag_name(lang: Lang, tag: TensionTag) -> String {
    match tag {
        TensionTag::Evidenced => t!(lang, "tension-tag-evidenced"),
        TensionTag::Experienced => t!(lang, "tension-tag-experienced"),
        TensionTag::Potential => t!(lang, "tension-tag-potential"),
    }
}

/// One indicator row as posted (every field as text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndicatorInput {
    pub kind: String,
    pub tag: String,
    pub note: String,
    pub source: String,
    pub source_grade: String,
    pub intelligence: String,
    pub handling: String,
    pub conditions: String,
    /// "yes" when media or social media carry it.
    pub media: String,
    /// Intelligence item references, separated by commas or spaces.
    pub items: String,
}

impl IndicatorInput {
    /// A row left blank (no kind and nothing typed): not an indicator.
    fn is_blank(&self) -> bool {
        self.kind.trim().is_empty() && self.note.trim().is_empty() && self.source.trim().is_empty()
    }
}

/// The assessment form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssessInput {
    pub level: String,
    pub narrative: String,
    pub owner: String,
    pub review_on: String,
    pub indicators: Vec<IndicatorInput>,
}

/// One checked indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub kind: IndicatorKind,
    pub tag: TensionTag,
    pub note: String,
    pub source: String,
    pub grade: Grade,
    pub in_media: bool,
    /// The linked intelligence items' references (upper case, as given).
    pub items: Vec<String>,
}

/// A checked assessment, ready to be saved once its items are found in the CSP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub level: u8,
    pub narrative: String,
    pub owner: String,
    pub review_on: Timestamp,
    pub indicators: Vec<Indicator>,
}

/// Why an assessment was refused (each is one message on the form).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssessProblem {
    Level,
    /// The level changed from the neighbourhood's current one, without a narrative.
    NarrativeRequired,
    TooLong,
    Review,
    /// Level 3 or 4 without an owner.
    OwnerRequired,
    /// Level 3 or 4 with the next review more than 7 days away.
    ReviewTooFar,
    TooManyIndicators,
    Kind,
    Tag,
    NoteRequired,
    SourceRequired,
    Grade(GradeProblem),
    Media,
    /// An item reference that is not one of the CSP's intelligence items.
    Item,
    /// A note or the narrative names or contacts someone.
    Identifies,
}

/// The item references typed in one field: upper case, without repeats.
pub fn item_references(typed: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in typed.split(|c: char| c == ',' || c.is_whitespace()).filter(|r| !r.is_empty()) {
        let r = r.to_ascii_uppercase();
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Checks an assessment form against the neighbourhood's `current` level (0 when never
/// assessed) on day `today` (its start): the first problem found, in the form's order.
pub fn check(input: &AssessInput, current: u8, today: Timestamp) -> Result<Checked, AssessProblem> {
    let level =
        input.level.trim().parse::<u8>().ok().filter(|l| *l <= MAX_LEVEL).ok_or(AssessProblem::Level)?;
    let narrative = input.narrative.trim().to_string();
    if narrative.chars().count() > MAX_NARRATIVE {
        return Err(AssessProblem::TooLong);
    }
    if level != current && narrative.is_empty() {
        return Err(AssessProblem::NarrativeRequired);
    }
    let owner = input.owner.trim().to_string();
    if owner.chars().count() > MAX_OWNER {
        return Err(AssessProblem::TooLong);
    }
    let review_on = crate::problems::parse_day(&input.review_on)
        .filter(|d| *d >= today && *d <= today + MAX_REVIEW_DAYS * DAY)
        .ok_or(AssessProblem::Review)?;
    if level >= HIGH {
        if owner.is_empty() {
            return Err(AssessProblem::OwnerRequired);
        }
        if review_on > today + HIGH_REVIEW_DAYS * DAY {
            return Err(AssessProblem::ReviewTooFar);
        }
    }
    let rows: Vec<&IndicatorInput> = input.indicators.iter().filter(|r| !r.is_blank()).collect();
    if rows.len() > MAX_INDICATORS {
        return Err(AssessProblem::TooManyIndicators);
    }
    let mut indicators = Vec::new();
    for row in rows {
        indicators.push(check_indicator(row)?);
    }
    Ok(Checked { level, narrative, owner, review_on, indicators })
}

fn check_indicator(row: &IndicatorInput) -> Result<Indicator, AssessProblem> {
    let kind = IndicatorKind::parse(row.kind.trim()).ok_or(AssessProblem::Kind)?;
    let tag = TensionTag::parse(row.tag.trim()).ok_or(AssessProblem::Tag)?;
    let note = row.note.trim().to_string();
    if note.is_empty() {
        return Err(AssessProblem::NoteRequired);
    }
    let source = row.source.trim().to_string();
    if source.is_empty() {
        return Err(AssessProblem::SourceRequired);
    }
    if note.chars().count() > MAX_NOTE || source.chars().count() > MAX_SOURCE {
        return Err(AssessProblem::TooLong);
    }
    let grade = parse_grade(&row.source_grade, &row.intelligence, &row.handling, &row.conditions)
        .map_err(|problems| AssessProblem::Grade(problems[0]))?;
    let in_media = match row.media.trim() {
        "yes" => true,
        "no" | "" => false,
        _ => return Err(AssessProblem::Media),
    };
    let items = item_references(&row.items);
    if items.len() > MAX_ITEMS {
        return Err(AssessProblem::Item);
    }
    Ok(Indicator { kind, tag, note, source, grade, in_media, items })
}

/// Does any free text of the assessment (the narrative, the owner, and each indicator's note,
/// source and handling conditions) name or contact anyone: the reporters of the linked items'
/// reports (their names, emails, phones), or anything shaped like an email or phone number?
pub fn identifies_anyone(checked: &Checked, reporters: &[ReporterDetails]) -> bool {
    let nobody = [ReporterDetails::default()];
    let people = if reporters.is_empty() { &nobody[..] } else { reporters };
    let texts =
        [&checked.narrative, &checked.owner].into_iter().chain(checked.indicators.iter().flat_map(|i| {
            [Some(&i.note), Some(&i.source), i.grade.conditions.as_ref()].into_iter().flatten()
        }));
    texts.into_iter().any(|text| people.iter().any(|p| identifies_someone(text, p)))
}

/// What a save means for the tension rota: `Some(level)` when it raised the neighbourhood to 3
/// or 4 from below, or changed its level while at 3 or above (3 to 4, 4 to 3, or down from
/// there); `None` otherwise. `previous` is the level before (`None`: never assessed, read as 0).
pub fn raised_to_high(previous: Option<u8>, level: u8) -> Option<u8> {
    let before = previous.unwrap_or(0);
    (before != level && (level >= HIGH || before >= HIGH)).then_some(level)
}

/// Whether a review date has passed (the review day itself is not overdue).
pub fn review_overdue(review_on: Timestamp, now: Timestamp) -> bool {
    review_on + DAY <= now
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 1_796_601_600; // 2026-12-07 00:00 UTC

    fn row() -> IndicatorInput {
        IndicatorInput {
            kind: "graffiti_leaflets".into(),
            tag: "evidenced".into(),
            note: "Leaflets against new arrivals left on cars by the mosque".into(),
            source: "police briefing".into(),
            source_grade: "2".into(),
            intelligence: "B".into(),
            handling: "P".into(),
            conditions: String::new(),
            media: "yes".into(),
            items: "int-000004, CYM-ABC".into(),
        }
    }

    fn input(level: &str) -> AssessInput {
        AssessInput {
            level: level.into(),
            narrative: "Leaflets after the march; leaders are calming things".into(),
            owner: "Insp. Evans".into(),
            review_on: "2026-12-10".into(),
            indicators: vec![row(), IndicatorInput::default()],
        }
    }

    #[test]
    fn an_assessment_with_its_indicators() {
        let c = check(&input("3"), 1, TODAY).unwrap();
        assert_eq!(c.level, 3);
        assert_eq!(c.review_on, TODAY + 3 * DAY);
        assert_eq!(c.indicators.len(), 1, "a blank row is not an indicator");
        let i = &c.indicators[0];
        assert_eq!(
            (i.kind, i.tag, i.in_media),
            (IndicatorKind::GraffitiLeaflets, TensionTag::Evidenced, true)
        );
        assert_eq!(i.grade.label(), "2B P");
        assert_eq!(i.items, vec!["INT-000004".to_string(), "CYM-ABC".into()]);
        assert!(!i.kind.positive() && IndicatorKind::LeadersCalming.positive());
    }

    #[test]
    fn high_levels_need_an_owner_and_a_review_within_a_week() {
        let no_owner = AssessInput { owner: " ".into(), ..input("4") };
        assert_eq!(check(&no_owner, 4, TODAY), Err(AssessProblem::OwnerRequired));
        let far = AssessInput { review_on: "2026-12-15".into(), ..input("3") };
        assert_eq!(check(&far, 3, TODAY), Err(AssessProblem::ReviewTooFar));
        let week = AssessInput { review_on: "2026-12-14".into(), ..input("3") };
        assert!(check(&week, 3, TODAY).is_ok(), "7 days is within a week");
        // Lower levels may be reviewed later, and need no owner.
        let low = AssessInput { owner: String::new(), review_on: "2027-02-01".into(), ..input("2") };
        assert!(check(&low, 2, TODAY).is_ok());
        let past = AssessInput { review_on: "2026-12-06".into(), ..input("1") };
        assert_eq!(check(&past, 1, TODAY), Err(AssessProblem::Review));
    }

    #[test]
    fn a_level_change_needs_a_narrative() {
        let bare = AssessInput { narrative: "  ".into(), ..input("2") };
        assert_eq!(check(&bare, 1, TODAY), Err(AssessProblem::NarrativeRequired));
        assert!(check(&bare, 2, TODAY).is_ok(), "same level: the narrative may stay empty");
        assert_eq!(check(&input("5"), 0, TODAY), Err(AssessProblem::Level));
    }

    #[test]
    fn each_indicator_is_checked() {
        let with = |r: IndicatorInput| AssessInput { indicators: vec![r], ..input("1") };
        let c = |r| check(&with(r), 1, TODAY);
        assert_eq!(c(IndicatorInput { kind: "weather".into(), ..row() }), Err(AssessProblem::Kind));
        assert_eq!(c(IndicatorInput { tag: "rumour".into(), ..row() }), Err(AssessProblem::Tag));
        assert_eq!(c(IndicatorInput { note: " ".into(), ..row() }), Err(AssessProblem::NoteRequired));
        assert_eq!(c(IndicatorInput { source: String::new(), ..row() }), Err(AssessProblem::SourceRequired));
        assert_eq!(
            c(IndicatorInput { handling: "C".into(), ..row() }),
            Err(AssessProblem::Grade(GradeProblem::ConditionsRequired)),
            "C needs conditions, as triage"
        );
        assert_eq!(c(IndicatorInput { media: "maybe".into(), ..row() }), Err(AssessProblem::Media));
        assert_eq!(
            c(IndicatorInput { note: "x".repeat(MAX_NOTE + 1), ..row() }),
            Err(AssessProblem::TooLong)
        );
    }

    #[test]
    fn notes_naming_a_linked_reporter_are_refused() {
        let reporter = ReporterDetails {
            name: Some("Gwilym Price".into()),
            email: Some("gwilym@example.com".into()),
            phone: Some("07700 900123".into()),
            ..Default::default()
        };
        let clean = check(&input("1"), 1, TODAY).unwrap();
        assert!(!identifies_anyone(&clean, std::slice::from_ref(&reporter)));
        let mut named = clean.clone();
        named.indicators[0].note = "Gwilym says leaflets were left".into();
        assert!(identifies_anyone(&named, std::slice::from_ref(&reporter)));
        let mut phoned = clean.clone();
        phoned.narrative = "call 07700 900 123".into();
        assert!(identifies_anyone(&phoned, &[reporter]));
        let mut emailed = clean;
        emailed.narrative = "ask someone@example.org".into();
        assert!(identifies_anyone(&emailed, &[]), "anything shaped like an address");
    }

    #[test]
    fn which_saves_alert_the_rota() {
        assert_eq!(raised_to_high(None, 3), Some(3));
        assert_eq!(raised_to_high(Some(2), 4), Some(4));
        assert_eq!(raised_to_high(Some(3), 4), Some(4));
        assert_eq!(raised_to_high(Some(4), 3), Some(3));
        assert_eq!(raised_to_high(Some(4), 1), Some(1), "a change while at 3 or above");
        assert_eq!(raised_to_high(Some(3), 3), None, "no change");
        assert_eq!(raised_to_high(Some(1), 2), None);
        assert_eq!(raised_to_high(None, 0), None);
    }

    #[test]
    fn reviews_are_overdue_the_day_after() {
        assert!(!review_overdue(TODAY, TODAY + DAY - 1));
        assert!(review_overdue(TODAY, TODAY + DAY));
    }
}
