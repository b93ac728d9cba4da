//! Triage: a CSP officer turns a resident's report (information) into a graded, sanitised
//! intelligence item, assigns it, and tells the resident what is happening in their language.
//! The rules here are plain functions; pages, forms and the API call them.

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod pages;
// Intelligence from engagement (issue 13, intel): the rules, and the form that records it.
#[cfg(feature = "ssr")]
pub mod record;
#[cfg(feature = "ssr")]
pub mod recorded;

use crate::{
    reference::Names,
    reporting::{Family, ReportStatus, UpdateKind},
    time::Timestamp,
    vocabulary::vocabulary,
};
use serde::{Deserialize, Serialize};

/// Longest intelligence summary and handling conditions, in characters.
pub const MAX_SUMMARY: usize = 2000;
pub const MAX_CONDITIONS: usize = 1000;
pub const MAX_MESSAGE: usize = 2000;
/// Reports per page of the intake queue.
pub const QUEUE_PAGE_SIZE: i64 = 25;
/// Working days to acknowledge a report, while a CSP has not set its own.
pub const DEFAULT_ACKNOWLEDGE_DAYS: i64 = 2;

vocabulary! {
    /// How far the source is trusted (the "3" of 3x5x2): `1` reliable, `2` untested, `3` not
    /// reliable.
    SourceGrade { Reliable = "1", Untested = "2", NotReliable = "3" }
}

vocabulary! {
    /// How far the information is believed (the "5" of 3x5x2): `A` known directly, `B` known
    /// indirectly and corroborated, `C` known indirectly, `D` not known, `E` suspected false or
    /// malicious.
    IntelligenceGrade { A = "A", B = "B", C = "C", D = "D", E = "E" }
}

vocabulary! {
    /// Who may be told (the "2" of 3x5x2): `P` lawful sharing permitted, `C` sharing with the
    /// written conditions.
    HandlingCode { P = "P", C = "C" }
}

vocabulary! {
    /// Where an intelligence item came from: a resident's report (triage), or engagement (a
    /// street briefing, a KIN member's answer, a survey's free-text answer, a partner, a meeting).
    IntelligenceSource {
        Report = "report",
        StreetBriefing = "street_briefing",
        KinAnswer = "kin_answer",
        SurveyAnswer = "survey_answer",
        Partner = "partner",
        Meeting = "meeting",
    }
}

/// The reference of an item recorded from engagement (it has no report's): `INT-000012`.
pub fn item_reference(id: i64) -> String {
    format!("INT-{id:06}")
}

/// The item id in a reference `item_reference` wrote (any case, zeros or not); `None` for
/// anything else (a report's reference, say).
pub fn parse_item_reference(reference: &str) -> Option<i64> {
    let r = reference.trim().to_ascii_uppercase();
    let digits = r.strip_prefix("INT-")?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id > 0)
}

/// A 3x5x2 grade: source evaluation, intelligence assessment, handling code (with the written
/// conditions a `C` needs). Written one way everywhere: `2B P` (see `Display`).
/// Read from the columns `source_grade`, `intelligence_grade`, `handling_code` and (if
/// selected) `conditions` (`#[sqlx(flatten)]` in a row).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Grade {
    #[cfg_attr(feature = "ssr", sqlx(rename = "source_grade"))]
    pub source: SourceGrade,
    #[cfg_attr(feature = "ssr", sqlx(rename = "intelligence_grade"))]
    pub intelligence: IntelligenceGrade,
    #[cfg_attr(feature = "ssr", sqlx(rename = "handling_code"))]
    pub handling: HandlingCode,
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub conditions: Option<String>,
}

impl Grade {
    /// "2B C": how the grade is written.
    pub fn label(&self) -> String {
        self.to_string()
    }

    /// A grade from its stored parts (nullable columns, as when an item is joined to what it
    /// grades); `None` when a part is missing.
    pub fn from_stored(
        source: Option<SourceGrade>,
        intelligence: Option<IntelligenceGrade>,
        handling: Option<HandlingCode>,
        conditions: Option<String>,
    ) -> Option<Grade> {
        Some(Grade { source: source?, intelligence: intelligence?, handling: handling?, conditions })
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{} {}", self.source.as_str(), self.intelligence.as_str(), self.handling.as_str())
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
pub fn parse_grade(
    source: &str,
    intelligence: &str,
    handling: &str,
    conditions: &str,
) -> Result<Grade, Vec<GradeProblem>> {
    let mut problems = Vec::new();
    let source = SourceGrade::parse(source.trim());
    let intelligence = IntelligenceGrade::parse(&intelligence.trim().to_ascii_uppercase());
    let handling = HandlingCode::parse(&handling.trim().to_ascii_uppercase());
    if source.is_none() {
        problems.push(GradeProblem::Source);
    }
    if intelligence.is_none() {
        problems.push(GradeProblem::Intelligence);
    }
    if handling.is_none() {
        problems.push(GradeProblem::Handling);
    }
    let conditions = conditions.trim();
    if handling == Some(HandlingCode::C) && conditions.is_empty() {
        problems.push(GradeProblem::ConditionsRequired);
    }
    if conditions.chars().count() > MAX_CONDITIONS {
        problems.push(GradeProblem::ConditionsTooLong);
    }
    match (source, intelligence, handling) {
        (Some(source), Some(intelligence), Some(handling)) if problems.is_empty() => Ok(Grade {
            source,
            intelligence,
            conditions: (handling == HandlingCode::C).then(|| conditions.to_string()),
            handling,
        }),
        _ => Err(problems),
    }
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

impl ReporterDetails {
    /// Whether the hub may email this resident about their report (see `EmailRule`).
    pub fn email_rule(&self) -> crate::reporting::EmailRule {
        crate::reporting::EmailRule::for_reporter(
            self.email.as_deref(),
            self.consent_to_contact,
            self.safe_contact.as_deref(),
        )
    }
}

/// Replaces runs of digits (with spaces, dashes, brackets or a leading +) holding six or more
/// digits: phone numbers, however they are written.
pub(crate) fn redact_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let joiner = |c: char| matches!(c, ' ' | '-' | '(' | ')' | '+');
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()));
        if !starts {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (mut j, mut last_digit, mut digits) = (i, i, 0);
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || (joiner(chars[j]) && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit() || *c == '(')))
        {
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
    // Compare character by character (lower-casing can change a character's length in bytes).
    let hay: Vec<char> = text.chars().collect();
    let pin: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if pin.is_empty() {
        return text.to_string();
    }
    let lower = |c: &char| c.to_lowercase().next().unwrap_or(*c);
    let mut out = String::new();
    let mut i = 0;
    while i < hay.len() {
        if i + pin.len() <= hay.len() && hay[i..i + pin.len()].iter().map(lower).eq(pin.iter().copied()) {
            out.push_str(with);
            i += pin.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

/// A phone number's digits without the country code or trunk 0: "+44 29 2087 1234" and
/// "029 2087 1234" are the same number.
fn phone_digits(text: &str) -> String {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.strip_prefix("44").unwrap_or(&digits);
    digits.trim_start_matches('0').to_string()
}

/// Does a summary still name the reporter (their full name or any part of it of three letters
/// or more, their email, or their phone number however it is written)?
pub fn identifies_reporter(summary: &str, reporter: &ReporterDetails) -> bool {
    let lower = summary.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let name_hit = reporter.name.as_ref().is_some_and(|n| {
        let n = n.trim().to_lowercase();
        // "Gwilym's" names Gwilym too.
        let named = |p: &str| words.iter().any(|w| *w == p || w.strip_suffix("'s") == Some(p));
        (!n.is_empty() && lower.contains(&n))
            || n.split_whitespace().filter(|p| p.chars().count() >= 3).any(named)
    });
    let email_hit =
        reporter.email.as_ref().is_some_and(|e| !e.is_empty() && lower.contains(&e.to_lowercase()));
    let phone_hit = reporter.phone.as_ref().is_some_and(|p| {
        let d = phone_digits(p);
        d.len() >= 6 && phone_digits(summary).contains(&d)
    });
    name_hit || email_hit || phone_hit
}

/// When a report received at `created_at` (Unix seconds) must be acknowledged: after
/// `working_days` working days (weekends and the bank holidays of England and Wales skipped).
#[cfg(feature = "ssr")]
pub fn acknowledge_due(created_at: i64, working_days: i64) -> i64 {
    crate::working_days::add_working_days(created_at, working_days)
}

/// The latest receipt time whose acknowledgement is already overdue at `now`: a report received
/// at or before it and not acknowledged is overdue.
#[cfg(feature = "ssr")]
pub fn overdue_cutoff(now: i64, working_days: i64) -> i64 {
    let (mut low, mut high) = (now - 60 * 86_400, now);
    while low < high {
        let mid = low + (high - low + 1) / 2;
        if acknowledge_due(mid, working_days) < now {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low
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
    /// Only reports that meet a Community Trigger rule.
    pub trigger: bool,
    /// Only reports older than this many days (empty: any age).
    pub older_than: String,
    /// `oldest` or `risk`.
    pub sort: String,
    pub page: i64,
    /// A reference looked up (as `reporting::parse_reference` writes it): that report alone,
    /// whatever the other filters say.
    #[serde(default)]
    pub reference: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub reference: String,
    pub category: Names,
    pub neighbourhood: Names,
    pub status: ReportStatus,
    pub created_at: Timestamp,
    pub acknowledged: bool,
    pub overdue: bool,
    pub sensitive: bool,
    pub graded: Option<Grade>,
    pub assigned_to: Option<String>,
    /// The Community Trigger rule the report meets, if any.
    pub trigger: Option<String>,
    /// The resident left a safe-contact note: no automatic email; a person contacts them.
    pub safe_contact: bool,
}

/// One entry of a report's history as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportUpdate {
    pub at: Timestamp,
    pub status: ReportStatus,
    /// For the resident only (tracking page, and email when allowed); never published.
    pub message: Option<String>,
    /// What other apps and the public may read (Open311), checked for the reporter's identity.
    pub public_note: Option<String>,
    /// Shown to the resident on their tracking page.
    pub public: bool,
    /// A person, or the app that sent it.
    pub author: Option<String>,
    pub kind: UpdateKind,
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
    /// The report's reference, or for an item recorded from engagement its own (`INT-000012`).
    pub reference: String,
    pub source: IntelligenceSource,
    pub csp_slug: String,
    /// The report's category (none for an item recorded from engagement).
    pub category: Option<Names>,
    pub family: Option<Family>,
    pub neighbourhood: Names,
    pub summary: String,
    pub grade: Grade,
    pub tension: Option<String>,
    /// Organisations a `C` item is shared with.
    pub shared_with: Vec<String>,
    /// When the report came in, or the day the engagement heard it.
    pub reported_at: Timestamp,
    pub updated_at: Timestamp,
}

/// An intelligence item as a partner organisation reads it: built from the item for them, so
/// its id and whom else it is shared with are never sent to a partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerItem {
    pub reference: String,
    pub source: IntelligenceSource,
    pub category: Option<Names>,
    pub neighbourhood: Names,
    pub summary: String,
    /// With the handling conditions a partner must follow.
    pub grade: Grade,
    pub tension: Option<String>,
    pub updated_at: Timestamp,
}

pub fn item_for_partner(item: &IntelligenceItem) -> PartnerItem {
    PartnerItem {
        reference: item.reference.clone(),
        source: item.source,
        category: item.category.clone(),
        neighbourhood: item.neighbourhood.clone(),
        summary: item.summary.clone(),
        grade: item.grade.clone(),
        tension: item.tension.clone(),
        updated_at: item.updated_at,
    }
}

/// Longest question to a resident, and longest reply.
pub const MAX_QUESTION: usize = 1000;
pub const MAX_REPLY: usize = 2000;
/// Linking suggestions look this far either side in time, and this far away.
pub const LINK_WINDOW_DAYS: i64 = 14;
pub const LINK_DISTANCE_METRES: f64 = 500.0;

/// Another report that might be the same problem (a duplicate) or the same problem again (a
/// repeat), as the suggestion rules see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkCandidate {
    pub reference: String,
    pub created_at: i64,
    pub family: Family,
    pub neighbourhood_id: i64,
    pub point: Option<(f64, f64)>,
    pub description: String,
}

vocabulary! {
    /// How two reports of a CSP are linked: the later one is a duplicate of the earlier, or a
    /// repeat of it (the same problem again).
    LinkKind { Duplicate = "duplicate", Repeat = "repeat" }
}

/// A link between two reports, seen from one of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLink {
    /// The other report's reference.
    pub other: String,
    pub kind: LinkKind,
    /// This report is the later one (it was linked to `other`).
    pub later: bool,
}

/// Why a report is suggested, shown to the officer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LinkReason {
    SameNeighbourhood,
    Near { metres: u32 },
    DaysApart { days: u32 },
    SimilarWords { percent: u32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkSuggestion {
    pub reference: String,
    pub reasons: Vec<LinkReason>,
    pub score: u32,
}

/// Metres between two points (haversine).
pub fn metres_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let (dlat, dlon) = ((b.0 - a.0).to_radians(), (b.1 - a.1).to_radians());
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * h.sqrt().asin()
}

fn word_set(text: &str) -> std::collections::BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_string)
        .collect()
}

/// Share of words two texts have in common (Jaccard), 0 to 100.
pub fn similarity(a: &str, b: &str) -> u32 {
    let (a, b) = (word_set(a), word_set(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0;
    }
    (a.intersection(&b).count() * 100 / union) as u32
}

/// Reports that may be duplicates or repeats of `report`: the same family of concern, within
/// `window_days`, and in the same neighbourhood or within `max_metres`. Best first, at most five.
pub fn suggest_links(
    report: &LinkCandidate,
    others: &[LinkCandidate],
    max_metres: f64,
    window_days: i64,
) -> Vec<LinkSuggestion> {
    let mut found: Vec<LinkSuggestion> = others
        .iter()
        .filter(|o| o.reference != report.reference && o.family == report.family)
        .filter_map(|o| {
            let days = (o.created_at - report.created_at).abs() / 86_400;
            if days > window_days {
                return None;
            }
            let metres = report.point.zip(o.point).map(|(a, b)| metres_between(a, b));
            let near = metres.is_some_and(|m| m <= max_metres);
            let same_place = o.neighbourhood_id == report.neighbourhood_id;
            if !near && !same_place {
                return None;
            }
            let mut reasons = Vec::new();
            let mut score = 0;
            if same_place {
                reasons.push(LinkReason::SameNeighbourhood);
                score += 20;
            }
            if let Some(m) = metres.filter(|m| *m <= max_metres) {
                reasons.push(LinkReason::Near { metres: m.round() as u32 });
                score += 40 - (m / max_metres * 30.0) as u32;
            }
            reasons.push(LinkReason::DaysApart { days: days as u32 });
            score += (window_days - days) as u32 * 2;
            let words = similarity(&report.description, &o.description);
            if words >= 20 {
                reasons.push(LinkReason::SimilarWords { percent: words });
                score += words;
            }
            Some(LinkSuggestion { reference: o.reference.clone(), reasons, score })
        })
        .collect();
    found.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.reference.cmp(&b.reference)));
    found.truncate(5);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(
        reference: &str,
        days: i64,
        family: &str,
        neighbourhood: i64,
        point: Option<(f64, f64)>,
        text: &str,
    ) -> LinkCandidate {
        LinkCandidate {
            reference: reference.into(),
            created_at: 1_795_000_000 + days * 86_400,
            family: Family::parse(family).unwrap(),
            neighbourhood_id: neighbourhood,
            point,
            description: text.into(),
        }
    }

    #[test]
    fn duplicates_and_repeats_are_suggested_with_reasons() {
        let report = candidate(
            "R",
            0,
            "environmental",
            1,
            Some((51.4943, -3.1812)),
            "Mattress and bags dumped in the lane behind Crwys Road",
        );
        let others = vec![
            // The same dumping, reported by a neighbour the next day, 60 m away: the best match.
            candidate(
                "DUP",
                1,
                "environmental",
                1,
                Some((51.4948, -3.1815)),
                "Bags and a mattress dumped in the lane off Crwys Road",
            ),
            // Same neighbourhood, a week later, other words: a possible repeat.
            candidate("REPEAT", 7, "environmental", 1, None, "Fly-tipping again near the shops"),
            // Next door (another neighbourhood) but 300 m away: suggested for being near.
            candidate("NEAR", 2, "environmental", 2, Some((51.4970, -3.1812)), "Rubbish piled up"),
            // Too far in time, another family, too far away, itself: never.
            candidate("OLD", 30, "environmental", 1, None, "Mattress dumped"),
            candidate("ASB", 1, "asb", 1, None, "Mattress and bags dumped in the lane"),
            candidate(
                "FAR",
                1,
                "environmental",
                3,
                Some((51.60, -3.30)),
                "Mattress and bags dumped in the lane",
            ),
            candidate("R", 0, "environmental", 1, None, "itself"),
        ];
        let found = suggest_links(&report, &others, LINK_DISTANCE_METRES, LINK_WINDOW_DAYS);
        let refs: Vec<&str> = found.iter().map(|s| s.reference.as_str()).collect();
        assert_eq!(refs[0], "DUP");
        assert!(refs.contains(&"REPEAT") && refs.contains(&"NEAR"), "{refs:?}");
        assert_eq!(refs.len(), 3, "{refs:?}");
        let dup = &found[0];
        assert!(dup.reasons.contains(&LinkReason::SameNeighbourhood));
        assert!(
            dup.reasons
                .iter()
                .any(|r| matches!(r, LinkReason::Near { metres } if (50..=70).contains(metres))),
            "{:?}",
            dup.reasons
        );
        assert!(dup.reasons.iter().any(|r| matches!(r, LinkReason::SimilarWords { .. })));
        // The window's edge: 14 days apart is in, 15 is out.
        let edge = [
            candidate("D14", 14, "environmental", 1, None, "x"),
            candidate("D15", 15, "environmental", 1, None, "x"),
        ];
        let refs: Vec<String> = suggest_links(&report, &edge, LINK_DISTANCE_METRES, LINK_WINDOW_DAYS)
            .into_iter()
            .map(|s| s.reference)
            .collect();
        assert_eq!(refs, vec!["D14"]);
    }

    #[test]
    fn distances_and_word_overlap() {
        let m = metres_between((51.4816, -3.1791), (51.4816, -3.1791 + 0.01));
        assert!((690.0..700.0).contains(&m), "{m}");
        assert_eq!(similarity("the cat sat", "the cat sat"), 100);
        assert_eq!(similarity("", "anything"), 0);
    }

    #[test]
    fn grade_parts_keep_their_stored_spellings() {
        let all = |v: Vec<&'static str>| v.concat();
        assert_eq!(all(SourceGrade::ALL.iter().map(|g| g.as_str()).collect()), "123");
        assert_eq!(all(IntelligenceGrade::ALL.iter().map(|g| g.as_str()).collect()), "ABCDE");
        assert_eq!(all(HandlingCode::ALL.iter().map(|g| g.as_str()).collect()), "PC");
        for g in SourceGrade::ALL {
            assert_eq!(SourceGrade::from_stored(g.as_str()), Ok(*g));
        }
        for g in IntelligenceGrade::ALL {
            assert_eq!(IntelligenceGrade::from_stored(g.as_str()), Ok(*g));
        }
        for g in HandlingCode::ALL {
            assert_eq!(HandlingCode::from_stored(g.as_str()), Ok(*g));
        }
        assert_eq!(LinkKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(), ["duplicate", "repeat"]);
        for k in LinkKind::ALL {
            assert_eq!(LinkKind::from_stored(k.as_str()), Ok(*k));
        }
        assert_eq!(LinkKind::parse("related"), None);
        assert!(SourceGrade::from_stored("4").is_err());
        assert!(IntelligenceGrade::from_stored("b").is_err());
        assert!(HandlingCode::from_stored("X").is_err());
        assert_eq!(
            Grade::from_stored(
                Some(SourceGrade::Untested),
                Some(IntelligenceGrade::B),
                Some(HandlingCode::P),
                None
            )
            .map(|g| g.label()),
            Some("2B P".to_string())
        );
        assert_eq!(Grade::from_stored(None, Some(IntelligenceGrade::B), Some(HandlingCode::P), None), None);
    }

    #[test]
    fn grades_follow_3x5x2() {
        let g = parse_grade("2", "b", "p", "").unwrap();
        assert_eq!(g.label(), "2B P");
        assert_eq!(g.conditions, None);
        assert_eq!(
            parse_grade("1", "A", "C", "Police and housing only; not for onward sharing").unwrap().label(),
            "1A C"
        );
        assert_eq!(parse_grade("1", "A", "C", "  ").unwrap_err(), vec![GradeProblem::ConditionsRequired]);
        assert_eq!(
            parse_grade("4", "F", "X", "").unwrap_err(),
            vec![GradeProblem::Source, GradeProblem::Intelligence, GradeProblem::Handling]
        );
        assert_eq!(parse_grade("0", "A", "P", "").unwrap_err(), vec![GradeProblem::Source]);
        assert_eq!(
            parse_grade("3", "E", "C", &"x".repeat(MAX_CONDITIONS + 1)).unwrap_err(),
            vec![GradeProblem::ConditionsTooLong]
        );
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
        assert!(identifies_reporter("call +44 29 2087 1234", &reporter));
        assert!(identifies_reporter("Roberts at number 4", &reporter), "a surname alone identifies");
        assert!(identifies_reporter("Roberts's car was damaged", &reporter), "and with a possessive");
        // Lower-casing that changes a character's length never breaks the redaction.
        let kelvin = ReporterDetails { name: Some("\u{212A}elvin".into()), ..Default::default() };
        assert_eq!(suggest_summary("kelvin é saw it", &kelvin), "[removed] é saw it");
        assert!(!identifies_reporter("Drug dealing at the underpass", &reporter));
        assert!(!identifies_reporter("anything", &ReporterDetails::default()));
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn acknowledgement_is_due_after_working_days() {
        let friday_noon = 1_795_176_000; // 2026-11-20 12:00 UTC, a Friday
        assert_eq!(
            acknowledge_due(friday_noon, 2),
            friday_noon + 4 * 86_400,
            "Friday + 2 working days = Tuesday"
        );
        let monday_noon = friday_noon + 3 * 86_400;
        assert_eq!(acknowledge_due(monday_noon, 2), monday_noon + 2 * 86_400);
        assert_eq!(acknowledge_due(monday_noon, 0), monday_noon);
        let saturday = friday_noon + 86_400;
        assert_eq!(acknowledge_due(saturday, 1), saturday + 2 * 86_400, "Saturday + 1 = Monday");
    }
}
