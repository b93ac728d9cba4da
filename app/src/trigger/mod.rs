//! The Community Trigger (ASB case review, Anti-social Behaviour, Crime and Policing Act 2014
//! s.104): reports that meet a CSP's threshold are flagged in the intake queue; residents apply
//! for a review at `/case-review`; the CSP acknowledges and decides within its deadlines and
//! publishes yearly figures.

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod flags;
#[cfg(feature = "ssr")]
pub mod pages;

use crate::{reporting::Family, time::Timestamp, vocabulary::vocabulary};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// The rule a flagged report met (stored on the report).
    TriggerRule { SamePerson = "same_person", OneLocation = "one_location", HateIncident = "hate_incident" }
}
vocabulary! {
    /// Where a case review application is: received, acknowledged, then decided one way or
    /// the other.
    ReviewStatus {
        Received = "received",
        Acknowledged = "acknowledged",
        ThresholdNotMet = "threshold_not_met",
        ReviewHeld = "review_held",
    }
}

impl ReviewStatus {
    /// Decided: nothing more is done with the application.
    pub fn is_decided(self) -> bool {
        matches!(self, ReviewStatus::ThresholdNotMet | ReviewStatus::ReviewHeld)
    }
}

/// A CSP's triage and trigger settings (defaults: 3 qualifying ASB reports by one person in 6
/// months; duplicates suggested within 14 days and 500 m).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriggerRules {
    pub reports: i64,
    pub window_days: i64,
    /// Also: 5 reports about one location in the window, from more than one reporter.
    pub location_rule: bool,
    /// Also: any single hate incident.
    pub hate_rule: bool,
    pub review_acknowledge_days: i64,
    pub review_decide_days: i64,
    pub link_window_days: i64,
    pub link_distance_metres: i64,
}

impl Default for TriggerRules {
    fn default() -> Self {
        TriggerRules {
            reports: 3,
            window_days: 183,
            location_rule: false,
            hate_rule: false,
            review_acknowledge_days: 5,
            review_decide_days: 15,
            link_window_days: crate::triage::LINK_WINDOW_DAYS,
            link_distance_metres: crate::triage::LINK_DISTANCE_METRES as i64,
        }
    }
}

/// Reports needed by the location rule, and how close counts as "one location".
pub const LOCATION_REPORTS: usize = 5;
pub const LOCATION_METRES: f64 = 200.0;
/// A qualifying report is made within this many days of the incident (or it is ongoing).
pub const REPORTED_WITHIN_DAYS: i64 = 31;

/// What the trigger rules need to know about a report.
#[derive(Clone, Debug, PartialEq)]
pub struct TriggerCandidate {
    pub id: i64,
    pub family: Family,
    pub created_at: i64,
    /// `YYYY-MM-DDTHH:MM`, local time, when given.
    pub happened_at: Option<String>,
    pub ongoing: bool,
    pub ward_code: String,
    pub point: Option<(f64, f64)>,
    pub location_text: String,
    /// The reporter's verified identity (email or phone digits), if verified.
    pub verified_reporter: Option<String>,
}

#[cfg(feature = "ssr")]
/// An ASB report made within a month of the incident, or about something still happening.
pub fn qualifies(c: &TriggerCandidate) -> bool {
    if c.family != Family::Asb {
        return false;
    }
    if c.ongoing {
        return true;
    }
    let Some(happened) = c.happened_at.as_deref() else {
        return true;
    };
    // A time that is not one (31 February, from before dates were checked) cannot show the
    // report was made within a month of the incident.
    let Ok(happened) = chrono::NaiveDateTime::parse_from_str(happened, "%Y-%m-%dT%H:%M") else {
        return false;
    };
    c.created_at - happened.and_utc().timestamp() <= REPORTED_WITHIN_DAYS * 86_400 + 3_600
}

#[cfg(feature = "ssr")]
/// The members of `times` (sorted) in the busiest window of `window` seconds that contains
/// `anchor`, if there are at least `needed`.
fn run_containing(times: &[(i64, i64)], anchor: i64, window: i64, needed: usize) -> Option<Vec<i64>> {
    let mut best: Option<Vec<i64>> = None;
    for (i, &(start, _)) in times.iter().enumerate() {
        if start > anchor || anchor - start > window {
            continue;
        }
        let members: Vec<i64> =
            times[i..].iter().take_while(|(t, _)| *t - start <= window).map(|(_, id)| *id).collect();
        if members.len() >= needed && best.as_ref().is_none_or(|b| members.len() > b.len()) {
            best = Some(members);
        }
    }
    best
}

#[cfg(feature = "ssr")]
fn same_location(a: &TriggerCandidate, b: &TriggerCandidate) -> bool {
    if a.ward_code != b.ward_code {
        return false;
    }
    if let (Some(p), Some(q)) = (a.point, b.point) {
        return crate::triage::metres_between(p, q) <= LOCATION_METRES;
    }
    let norm = |s: &str| s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    !a.location_text.trim().is_empty() && norm(&a.location_text) == norm(&b.location_text)
}

#[cfg(feature = "ssr")]
/// The reports `report` makes meet a rule together with (from `others`, reports of the same CSP
/// around its time, which may include it): (report id, rule name).
pub fn evaluate(
    report: &TriggerCandidate,
    others: &[TriggerCandidate],
    rules: &TriggerRules,
) -> Vec<(i64, TriggerRule)> {
    let window = rules.window_days * 86_400;
    let mut flagged: Vec<(i64, TriggerRule)> = Vec::new();
    if rules.hate_rule && report.family == Family::Hate {
        flagged.push((report.id, TriggerRule::HateIncident));
    }
    if !qualifies(report) {
        return flagged;
    }
    let pool = || {
        others.iter().filter(|o| o.id != report.id).chain(std::iter::once(report)).filter(|o| qualifies(o))
    };
    if let Some(me) = &report.verified_reporter {
        let mut times: Vec<(i64, i64)> = pool()
            .filter(|o| o.verified_reporter.as_ref() == Some(me))
            .map(|o| (o.created_at, o.id))
            .collect();
        times.sort();
        if let Some(ids) = run_containing(&times, report.created_at, window, rules.reports.max(1) as usize) {
            flagged.extend(ids.into_iter().map(|id| (id, TriggerRule::SamePerson)));
        }
    }
    if rules.location_rule {
        let here: Vec<&TriggerCandidate> = pool().filter(|o| same_location(report, o)).collect();
        let mut times: Vec<(i64, i64)> = here.iter().map(|o| (o.created_at, o.id)).collect();
        times.sort();
        if let Some(ids) = run_containing(&times, report.created_at, window, LOCATION_REPORTS) {
            // More than one reporter: unverified or anonymous reports count as others.
            let reporters: std::collections::BTreeSet<String> = here
                .iter()
                .filter(|o| ids.contains(&o.id))
                .map(|o| o.verified_reporter.clone().unwrap_or_else(|| format!("report {}", o.id)))
                .collect();
            if reporters.len() > 1 {
                let new: Vec<(i64, TriggerRule)> = ids
                    .into_iter()
                    .filter(|id| !flagged.iter().any(|(f, _)| f == id))
                    .map(|id| (id, TriggerRule::OneLocation))
                    .collect();
                flagged.extend(new);
            }
        }
    }
    flagged
}

#[cfg(feature = "ssr")]
/// Every report of `reports` (one CSP's, over the rules' reach) that meets a rule, with the
/// rules it meets: after the rules change, to flag and unflag them all at once. The rules only
/// join reports of one person or of one ward, so each report is checked against those alone.
pub fn evaluate_all(
    reports: &[TriggerCandidate],
    rules: &TriggerRules,
) -> std::collections::BTreeMap<i64, Vec<TriggerRule>> {
    let mut groups: std::collections::HashMap<String, Vec<TriggerCandidate>> =
        std::collections::HashMap::new();
    for r in reports {
        groups.entry(format!("ward {}", r.ward_code)).or_default().push(r.clone());
        if let Some(who) = &r.verified_reporter {
            groups.entry(format!("person {who}")).or_default().push(r.clone());
        }
    }
    let mut met: std::collections::BTreeMap<i64, Vec<TriggerRule>> = std::collections::BTreeMap::new();
    for group in groups.values() {
        for r in group {
            for (id, rule) in evaluate(r, group, rules) {
                let rules = met.entry(id).or_default();
                if !rules.contains(&rule) {
                    rules.push(rule);
                }
            }
        }
    }
    met
}

/// The identity that matches one person's reports: their email, or their phone's digits.
pub fn reporter_identity(email: Option<&str>, phone: Option<&str>) -> Option<String> {
    email.map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()).or_else(|| {
        let digits: String = phone?.chars().filter(|c| c.is_ascii_digit()).collect();
        (digits.len() >= 10)
            .then(|| format!("tel:{}", digits.trim_start_matches("44").trim_start_matches('0')))
    })
}

/// References as a resident types them ("CYM-26-000123, cym-26-000124"): at most ten.
pub fn parse_references(text: &str) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|p| !p.is_empty()) {
        // Written out in full, as on the resident's confirmation (the staff lookup is looser).
        let r = part.trim().to_ascii_uppercase();
        if crate::reporting::parse_reference(&r).as_deref() != Some(r.as_str()) {
            return Err("reference_shape");
        }
        if !out.contains(&r) {
            out.push(r);
        }
    }
    match out.len() {
        0 => Err("references_required"),
        n if n > 10 => Err("references_too_many"),
        _ => Ok(out),
    }
}

/// A case review as staff see it (times for the page to show in the reader's language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseReview {
    pub reference: String,
    pub version: i64,
    pub applicant_name: String,
    pub applicant_email: Option<String>,
    pub applicant_phone: Option<String>,
    pub on_behalf_of: Option<String>,
    pub language: String,
    pub report_references: Vec<String>,
    pub impact: String,
    pub threshold_met: bool,
    pub status: ReviewStatus,
    pub received: Timestamp,
    pub acknowledge_due: Timestamp,
    pub decide_due: Timestamp,
    pub acknowledge_overdue: bool,
    pub decide_overdue: bool,
    pub recommendations: Option<String>,
}

/// A year's published figures for one CSP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearFigures {
    pub year: i32,
    pub applications: i64,
    pub threshold_not_met: i64,
    pub reviews_held: i64,
    pub with_recommendations: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    /// The rules met as stored.
    fn spelled(flags: Vec<(i64, TriggerRule)>) -> Vec<(i64, &'static str)> {
        flags.into_iter().map(|(id, rule)| (id, rule.as_str())).collect()
    }

    fn asb(id: i64, day: i64, who: Option<&str>) -> TriggerCandidate {
        TriggerCandidate {
            id,
            family: Family::Asb,
            created_at: 1_790_000_000 + day * DAY,
            happened_at: None,
            ongoing: true,
            ward_code: "W1".into(),
            point: None,
            location_text: String::new(),
            verified_reporter: who.map(str::to_string),
        }
    }

    #[test]
    fn checking_every_report_at_once_finds_what_checking_each_finds() {
        // A pseudo-random mix of people, wards, places and days (a fixed seed: repeatable).
        let mut seed: u64 = 0x5eed;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let people: Vec<String> = (0..30).map(|p| format!("person{p}@example.cymru")).collect();
        let reports: Vec<TriggerCandidate> = (0..300)
            .map(|id| {
                let mut r = asb(
                    id,
                    next(700) as i64,
                    if next(3) == 0 { None } else { Some(people[next(30) as usize].as_str()) },
                );
                r.ward_code = format!("W{}", next(10));
                r.location_text = format!("Street {}", next(4));
                if next(10) == 0 {
                    r.family = Family::Hate;
                }
                r
            })
            .collect();
        let rules = TriggerRules { location_rule: true, hate_rule: true, ..TriggerRules::default() };
        let mut each: std::collections::BTreeMap<i64, Vec<TriggerRule>> = std::collections::BTreeMap::new();
        for r in &reports {
            for (id, rule) in evaluate(r, &reports, &rules) {
                each.entry(id).or_default().push(rule);
            }
        }
        let all = evaluate_all(&reports, &rules);
        assert!(!all.is_empty() && all.len() < reports.len(), "some met, not all: {}", all.len());
        let ids =
            |m: &std::collections::BTreeMap<i64, Vec<TriggerRule>>| m.keys().copied().collect::<Vec<_>>();
        assert_eq!(ids(&all), ids(&each), "the same reports are flagged");
        for rule in ["same_person", "one_location", "hate_incident"] {
            assert!(all.values().flatten().any(|r| r.as_str() == rule), "the mix exercises {rule}");
        }
    }

    #[test]
    fn three_reports_by_one_person_within_six_months() {
        let rules = TriggerRules::default();
        let sian = Some("sian@example.cymru");
        // Two: below the threshold.
        let two = [asb(1, 0, sian), asb(2, 30, sian)];
        assert!(evaluate(&two[1], &two, &rules).is_empty());
        // Three within 183 days, at the window's edge: met, all three flagged.
        let three = [asb(1, 0, sian), asb(2, 30, sian), asb(3, 183, sian)];
        let flagged = spelled(evaluate(&three[2], &three, &rules));
        assert_eq!(flagged, vec![(1, "same_person"), (2, "same_person"), (3, "same_person")]);
        // One day past the window: not met.
        let late = [asb(1, 0, sian), asb(2, 30, sian), asb(3, 184, sian)];
        assert!(evaluate(&late[2], &late, &rules).is_empty());
        // Four: above the threshold, still met.
        let four = [asb(1, 0, sian), asb(2, 30, sian), asb(3, 60, sian), asb(4, 90, sian)];
        assert_eq!(evaluate(&four[3], &four, &rules).len(), 4);
        // Another person's reports, unverified or anonymous ones never count.
        let mixed =
            [asb(1, 0, sian), asb(2, 30, Some("rhys@example.cymru")), asb(3, 60, None), asb(4, 90, sian)];
        assert!(evaluate(&mixed[3], &mixed, &rules).is_empty());
        // Not ASB, or reported more than a month after it happened: not qualifying.
        let mut old = asb(3, 60, sian);
        old.ongoing = false;
        old.happened_at = chrono::DateTime::from_timestamp(old.created_at - 40 * DAY, 0)
            .map(|t| t.format("%Y-%m-%dT%H:%M").to_string());
        let with_old = [asb(1, 0, sian), asb(2, 30, sian), old.clone()];
        assert!(evaluate(&with_old[2], &with_old, &rules).is_empty());
        let mut graffiti = asb(3, 60, sian);
        graffiti.family = Family::Environmental;
        let with_graffiti = [asb(1, 0, sian), asb(2, 30, sian), graffiti];
        assert!(evaluate(&with_graffiti[2], &with_graffiti, &rules).is_empty());
        // A day that does not exist (stored before dates were checked) does not count.
        let mut impossible = asb(3, 60, sian);
        impossible.ongoing = false;
        impossible.happened_at = Some("2026-02-31T10:00".into());
        let with_impossible = [asb(1, 0, sian), asb(2, 30, sian), impossible];
        assert!(evaluate(&with_impossible[2], &with_impossible, &rules).is_empty());
        // A CSP may ask for more.
        let strict = TriggerRules { reports: 4, ..TriggerRules::default() };
        assert!(evaluate(&three[2], &three, &strict).is_empty());
    }

    #[test]
    fn optional_rules_one_location_and_hate() {
        let rules = TriggerRules { location_rule: true, hate_rule: true, ..TriggerRules::default() };
        let at = |id: i64, day: i64, who: Option<&str>| TriggerCandidate {
            location_text: "Outside the Spar".into(),
            ..asb(id, day, who)
        };
        let five = [
            at(1, 0, Some("a@x.cy")),
            at(2, 10, None),
            at(3, 20, None),
            at(4, 30, Some("b@x.cy")),
            at(5, 40, None),
        ];
        let flagged = spelled(evaluate(&five[4], &five, &rules));
        assert_eq!(flagged.len(), 5);
        assert!(flagged.iter().all(|(_, rule)| *rule == "one_location"));
        // Four: below.
        assert!(evaluate(&five[3], &five[..4], &rules).is_empty());
        // Five from one person only: not "more than one reporter" (they meet the person rule).
        let one = [
            at(1, 0, Some("a@x.cy")),
            at(2, 10, Some("a@x.cy")),
            at(3, 20, Some("a@x.cy")),
            at(4, 30, Some("a@x.cy")),
            at(5, 40, Some("a@x.cy")),
        ];
        assert!(spelled(evaluate(&one[4], &one, &rules)).iter().all(|(_, rule)| *rule == "same_person"));
        // Off by default.
        assert!(evaluate(&five[4], &five, &TriggerRules::default()).is_empty());
        // One hate incident, when the CSP has that rule.
        let hate = TriggerCandidate { family: Family::Hate, ..asb(9, 0, None) };
        assert_eq!(spelled(evaluate(&hate, &[], &rules)), vec![(9, "hate_incident")]);
        assert!(evaluate(&hate, &[], &TriggerRules::default()).is_empty());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn case_review_deadlines_are_overdue_once_passed_until_met() {
        let row = crate::db::trigger::CaseReviewRow {
            reference: "CR-26-0001".into(),
            version: 1,
            applicant_name: "Siân".into(),
            applicant_email: None,
            applicant_phone: None,
            on_behalf_of: None,
            language: "cy".into(),
            report_references: "CYM-26-000001,CYM-26-000002".into(),
            impact: "Every night".into(),
            threshold_met: 1,
            status: ReviewStatus::Received,
            received_at: 1_000,
            acknowledge_due: 2_000,
            decide_due: 3_000,
            acknowledged_at: None,
            decided_at: None,
            recommendations: None,
        };
        let at = |now| CaseReview::at(row.clone(), now);
        assert!(!at(2_000).acknowledge_overdue && !at(2_000).decide_overdue);
        assert!(at(2_001).acknowledge_overdue && !at(2_001).decide_overdue);
        assert!(at(3_001).decide_overdue);
        let acknowledged = crate::db::trigger::CaseReviewRow { acknowledged_at: Some(1_500), ..row.clone() };
        assert!(!CaseReview::at(acknowledged, 2_500).acknowledge_overdue);
        assert_eq!(at(0).report_references, vec!["CYM-26-000001", "CYM-26-000002"]);
        assert!(at(0).threshold_met);
        assert!(ReviewStatus::ReviewHeld.is_decided() && !ReviewStatus::Acknowledged.is_decided());
    }

    #[test]
    fn references_and_identities() {
        assert_eq!(
            parse_references("cym-26-000123, CYM-26-000124\nCYM-26-000123").unwrap(),
            vec!["CYM-26-000123", "CYM-26-000124"]
        );
        assert_eq!(parse_references(" ").unwrap_err(), "references_required");
        assert_eq!(parse_references("CYM-26-12").unwrap_err(), "reference_shape");
        assert_eq!(parse_references("<script>").unwrap_err(), "reference_shape");
        let many: Vec<String> = (1..=11).map(|i| format!("CYM-26-{i:06}")).collect();
        assert_eq!(parse_references(&many.join(",")).unwrap_err(), "references_too_many");
        assert_eq!(reporter_identity(Some(" Sian@Example.Cymru "), None).unwrap(), "sian@example.cymru");
        assert_eq!(
            reporter_identity(None, Some("+44 29 2087 1234")),
            reporter_identity(None, Some("029 2087 1234"))
        );
        assert_eq!(reporter_identity(None, Some("12")), None);
    }
}
