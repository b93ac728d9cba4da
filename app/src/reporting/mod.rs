//! Resident reporting: a concern reported in English or Welsh, with or without an account or
//! JavaScript, routed to the CSP whose ward it is in, and followed through a private link.

#[cfg(feature = "ssr")]
pub mod categories;
#[cfg(feature = "ssr")]
pub mod emails;
#[cfg(feature = "ssr")]
pub mod generate;
pub mod map;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod photos;
pub mod places;
#[cfg(feature = "ssr")]
pub mod submit;

use crate::{reference::Names, vocabulary::vocabulary};
use serde::{Deserialize, Serialize};

/// Longest description accepted, in characters.
pub const MAX_DESCRIPTION: usize = 4000;
pub const MIN_DESCRIPTION: usize = 10;
const MAX_SHORT_TEXT: usize = 200;
const MAX_SAFE_CONTACT: usize = 500;

/// A kind of concern a CSP takes reports of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub code: String,
    pub family: Family,
    pub name: Names,
    /// Hate, domestic abuse, sexual violence: never public, safe contact offered.
    pub sensitive: bool,
}

vocabulary! {
    /// The family a category belongs to: what hotspot detection counts by and what decides the
    /// extra questions (an ASB qualifier, hate strands). Stored (and sent to other apps) as
    /// `as_str`; a stored family this version does not know reads as `Other`.
    Family {
        Asb = "asb",
        Drugs = "drugs",
        Hate = "hate",
        Abuse = "abuse",
        Environmental = "environmental",
        Vehicle = "vehicle",
        Tension = "tension",
        Other = "other",
    } else Other
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

vocabulary! {
    /// Where a report came from: the report form, another app over Open311, or `cymuned
    /// generate` (synthetic reports). A stored source this version does not know reads as the
    /// form.
    ReportSource { Web = "web", Open311 = "open311", Generated = "generated" } else Web
}

vocabulary! {
    /// The public status of a report (FixMyStreet's extended Open311 statuses); a stored status
    /// this version does not know reads as `open`.
    ReportStatus {
        Open = "open",
        Investigating = "investigating",
        ActionScheduled = "action_scheduled",
        InProgress = "in_progress",
        Fixed = "fixed",
        Duplicate = "duplicate",
        NotResponsible = "not_responsible",
        NoFurtherAction = "no_further_action",
        InternalReferral = "internal_referral",
        Closed = "closed",
    } else Open
}

vocabulary! {
    /// ASB qualifier (orthogonal to the type of behaviour).
    AsbQualifier { Personal = "personal", Nuisance = "nuisance", Environmental = "environmental" }
}

/// The five monitored hate strands, plus "other" for a perceived motive outside them.
pub const HATE_STRANDS: [&str; 6] =
    ["disability", "race", "religion", "sexual_orientation", "transgender", "other"];

/// The report form exactly as sent: kept as a draft when it needs correcting, so nothing a
/// resident typed is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub lang: String,
    pub area: String,
    pub category: String,
    pub ward: String,
    pub location_text: String,
    /// Set by "use my location" (JavaScript); the ward list is the way without it.
    pub lat: String,
    pub lon: String,
    pub happened_at: String,
    pub ongoing: String,
    pub description: String,
    pub asb_qualifier: String,
    pub hate_strands: Vec<String>,
    pub anonymous: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub contact_language: String,
    pub consent: String,
    pub safe_contact: String,
    /// Must stay empty: people never see it, form-filling robots do.
    pub website: String,
    /// The draft this submission corrects, if any.
    pub draft: String,
}

/// A field that needs correcting, and why (a message id suffix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: String,
}

fn err(field: &str, problem: &str) -> FieldError {
    FieldError { field: field.into(), problem: problem.into() }
}

/// A report that passed every check, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidReport {
    pub category_id: i64,
    pub ward_code: String,
    /// Where the resident put it (lat, lon), when they gave a point rather than a ward.
    pub point: Option<(f64, f64)>,
    pub location_text: String,
    pub happened_at: Option<String>,
    pub ongoing: bool,
    pub description: String,
    pub asb_qualifier: Option<AsbQualifier>,
    pub hate_strands: Vec<String>,
    pub sensitive: bool,
    pub reporter: Reporter,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reporter {
    pub anonymous: bool,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: crate::i18n::Lang,
    pub consent_to_contact: bool,
    pub safe_contact: Option<String>,
}

/// Whether the hub may email a resident about their report, and if not, why. Every email about
/// a report (confirmation, updates, questions, duplicates, a problem's outcome) follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailRule {
    /// An address and the resident's consent, and no safe-contact note.
    Allowed,
    /// The resident left a safe-contact note ("phone only, my partner reads my email"): no
    /// automatic email at all, whatever else they ticked; an officer contacts them as it says.
    SafeContact,
    /// No email address given (or anonymous).
    NoAddress,
    /// An address, but the consent box was not ticked.
    NoConsent,
}

impl EmailRule {
    /// The rule for a reporter's details. A safe-contact note wins over everything else.
    pub fn for_reporter(
        email: Option<&str>,
        consent_to_contact: bool,
        safe_contact: Option<&str>,
    ) -> EmailRule {
        if safe_contact.is_some_and(|note| !note.trim().is_empty()) {
            EmailRule::SafeContact
        } else if email.is_none_or(|e| e.trim().is_empty()) {
            EmailRule::NoAddress
        } else if !consent_to_contact {
            EmailRule::NoConsent
        } else {
            EmailRule::Allowed
        }
    }

    pub fn allows_email(self) -> bool {
        self == EmailRule::Allowed
    }
}

impl Reporter {
    /// Whether the hub may email this resident (see `EmailRule`).
    pub fn email_rule(&self) -> EmailRule {
        EmailRule::for_reporter(self.email.as_deref(), self.consent_to_contact, self.safe_contact.as_deref())
    }
}

fn trimmed(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// An address the hub can write to: on the server, one the outbox's own parser (lettre's
/// `Address`) accepts, so a confirmation is never queued to an address it cannot send to.
pub fn valid_email(email: &str) -> bool {
    let simple = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    };
    #[cfg(feature = "ssr")]
    let simple = simple && email.parse::<lettre::Address>().is_ok();
    simple
}

fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
    (10..=15).contains(&digits) && phone.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
}

/// Days in a month of the Gregorian calendar (0 for a month that is not one).
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// `YYYY-MM-DDTHH:MM` (as browsers send `datetime-local`), a real day of the calendar (no
/// 31 February), not in the future.
fn valid_local_time(value: &str, now_local: &str) -> bool {
    let b = value.as_bytes();
    let shape = value.len() == 16
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return false;
    }
    let num = |r: std::ops::Range<usize>| value[r].parse::<u32>().unwrap_or(0);
    let (year, month, day, hour, minute) = (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16));
    (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && value >= "2000-01-01T00:00"
        && value <= now_local
}

/// Checks a submitted form against the CSP's categories and the area's wards. `located_ward`
/// is the ward found from the resident's location, which wins over the list. `now_local` is
/// the current Welsh local time as `YYYY-MM-DDTHH:MM`.
pub fn validate(
    form: &ReportForm,
    categories: &[Category],
    ward_codes: &[String],
    located_ward: Option<&str>,
    now_local: &str,
) -> Result<ValidReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let category = categories.iter().find(|c| c.code == form.category);
    if category.is_none() {
        errors.push(err("category", "required"));
    }
    let ward = located_ward.unwrap_or(&form.ward).to_string();
    if located_ward.is_none() && !ward_codes.contains(&ward) {
        errors.push(err("ward", "required"));
    }
    let location_text = form.location_text.trim().to_string();
    if location_text.chars().count() > MAX_SHORT_TEXT {
        errors.push(err("location_text", "too_long"));
    }
    let ongoing = !form.ongoing.is_empty();
    let happened_at = trimmed(&form.happened_at);
    match &happened_at {
        None if !ongoing => errors.push(err("happened_at", "required")),
        Some(t) if !valid_local_time(t, now_local) => errors.push(err("happened_at", "invalid")),
        _ => {}
    }
    let description = form.description.trim().to_string();
    let length = description.chars().count();
    if length < MIN_DESCRIPTION {
        errors.push(err("description", "too_short"));
    } else if length > MAX_DESCRIPTION {
        errors.push(err("description", "too_long"));
    }
    let family = category.map(|c| c.family);
    let asb_qualifier = trimmed(&form.asb_qualifier).filter(|_| family == Some(Family::Asb)).and_then(|q| {
        let parsed = AsbQualifier::parse(&q);
        if parsed.is_none() {
            errors.push(err("asb_qualifier", "invalid"));
        }
        parsed
    });
    let hate_strands: Vec<String> =
        if family == Some(Family::Hate) { form.hate_strands.clone() } else { Vec::new() };
    if hate_strands.iter().any(|s| !HATE_STRANDS.contains(&s.as_str())) {
        errors.push(err("hate_strands", "invalid"));
    }
    let anonymous = form.anonymous != "no";
    let (name, email, phone) = if anonymous {
        (None, None, None)
    } else {
        (trimmed(&form.name), trimmed(&form.email), trimmed(&form.phone))
    };
    if !anonymous {
        if name.as_ref().is_some_and(|n| n.chars().count() > MAX_SHORT_TEXT) {
            errors.push(err("name", "too_long"));
        }
        if email.is_none() && phone.is_none() {
            errors.push(err("email", "contact_required"));
        }
        if email.as_ref().is_some_and(|e| !valid_email(e) || e.len() > MAX_SHORT_TEXT) {
            errors.push(err("email", "invalid"));
        }
        if phone.as_ref().is_some_and(|p| !valid_phone(p)) {
            errors.push(err("phone", "invalid"));
        }
    }
    let safe_contact =
        trimmed(&form.safe_contact).filter(|_| category.is_some_and(|c| c.sensitive) && !anonymous);
    if safe_contact.as_ref().is_some_and(|s| s.chars().count() > MAX_SAFE_CONTACT) {
        errors.push(err("safe_contact", "too_long"));
    }
    let language = crate::i18n::Lang::parse(&form.contact_language)
        .or_else(|| crate::i18n::Lang::parse(&form.lang))
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(errors);
    }
    let category = category.expect("checked above");
    Ok(ValidReport {
        category_id: category.id,
        ward_code: ward,
        point: None,
        location_text,
        happened_at,
        ongoing,
        description,
        asb_qualifier,
        hate_strands,
        sensitive: category.sensitive,
        reporter: Reporter {
            anonymous,
            name,
            email: email.map(|e| e.to_lowercase()),
            phone,
            language,
            consent_to_contact: !anonymous && !form.consent.is_empty(),
            safe_contact,
        },
    })
}

/// A fresh reference of `year` with a random number (`crowded`: the year has many reports); the
/// data layer draws again when the year already has it.
#[cfg(feature = "ssr")]
pub fn new_reference(year: i32, crowded: bool) -> String {
    reference(year, random_reference_number(crowded))
}

/// `CYM-26-482913`: the year's two digits and the report's number within the year.
pub fn reference(year: i32, number: i64) -> String {
    format!("CYM-{:02}-{:06}", year.rem_euclid(100), number)
}

/// The number of a new report's reference: drawn at random (six digits; seven once a year's
/// six-digit numbers are crowded), never from a sequence, so references say nothing about how
/// many reports were made or when, and the references missing from public lists (the
/// sensitive reports) cannot be told from numbers never given. Unique per year: the caller
/// draws again when one is taken.
#[cfg(feature = "ssr")]
pub fn random_reference_number(crowded: bool) -> i64 {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    if crowded {
        rng.gen_range(1_000_000..=9_999_999)
    } else {
        rng.gen_range(100_000..=999_999)
    }
}

/// A report's reference as someone reads it out or types it ("cym-26-123", "CYM 26 000123",
/// "26-000123"): the reference written the hub's way, or `None` when it cannot be one.
pub fn parse_reference(text: &str) -> Option<String> {
    let upper = text.trim().to_ascii_uppercase();
    let rest = upper.strip_prefix("CYM").unwrap_or(&upper);
    let groups: Vec<&str> =
        rest.split(|c: char| c == '-' || c.is_whitespace()).filter(|g| !g.is_empty()).collect();
    let (year, sequence) = match groups.as_slice() {
        [year, sequence] => (*year, *sequence),
        [both] if both.len() == 8 => both.split_at(2),
        _ => return None,
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 2 || !digits(year) || !digits(sequence) || sequence.len() > 7 {
        return None;
    }
    let sequence: i64 = sequence.parse().ok().filter(|n| *n > 0)?;
    Some(format!("CYM-{year}-{sequence:06}"))
}

vocabulary! {
    /// What an entry of a report's timeline is: a change of status (with a message to the
    /// resident, perhaps), a question from the partnership to the resident, the resident's reply,
    /// or further information from another app (Open311, for staff only). A stored kind this
    /// version does not know reads as a status entry.
    UpdateKind { Status = "status", Question = "question", Reply = "reply", Comment = "comment" } else Status
}

/// One entry of the public timeline on the tracking page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// A status, a question (from the partnership) or a reply (from the resident).
    pub kind: UpdateKind,
    pub at: crate::time::Timestamp,
    pub status: ReportStatus,
    pub message: Option<String>,
}

/// What the resident sees on the tracking page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedReport {
    pub reference: String,
    pub category: Names,
    pub ward: Names,
    pub csp: Names,
    pub location_text: String,
    pub submitted_at: crate::time::Timestamp,
    pub status: ReportStatus,
    pub photo_count: i64,
    pub timeline: Vec<TimelineEntry>,
    /// Hate, domestic abuse, sexual violence: the page keeps the safety panel and quick exit.
    pub sensitive: bool,
    /// The partnership asked a question the resident has not answered yet.
    pub awaiting_reply: bool,
    /// The report's neighbourhood: its name and public page (`/neighbourhoods/{slug}`).
    pub neighbourhood: Names,
    pub neighbourhood_slug: String,
}

/// Longest reply a resident may send to a question.
pub const MAX_REPLY: usize = 2000;

#[cfg(test)]
mod tests {
    use super::*;

    fn categories() -> Vec<Category> {
        let c = |id, code: &str, family: &str, sensitive| Category {
            id,
            code: code.into(),
            family: Family::parse(family).unwrap(),
            name: Names::new(code, code),
            sensitive,
        };
        vec![
            c(1, "asb-noise", "asb", false),
            c(2, "hate", "hate", true),
            c(3, "graffiti", "environmental", false),
        ]
    }

    fn form() -> ReportForm {
        ReportForm {
            lang: "en".into(),
            category: "asb-noise".into(),
            ward: "W05000857".into(),
            happened_at: "2026-11-28T23:15".into(),
            description: "Loud music every night after midnight.".into(),
            anonymous: "yes".into(),
            ..Default::default()
        }
    }

    fn check(f: &ReportForm) -> Result<ValidReport, Vec<String>> {
        validate(f, &categories(), &["W05000857".to_string()], None, "2026-11-29T21:00")
            .map_err(|e| e.into_iter().map(|e| format!("{}:{}", e.field, e.problem)).collect())
    }

    #[test]
    fn a_complete_anonymous_report_passes() {
        let ok = check(&form()).unwrap();
        assert_eq!(ok.category_id, 1);
        assert!(ok.reporter.anonymous);
        assert_eq!(ok.reporter.email, None);
        assert!(!ok.sensitive);
    }

    #[test]
    fn every_problem_is_reported_against_its_field() {
        let bad = ReportForm {
            category: "unknown".into(),
            ward: "W05999999".into(),
            happened_at: String::new(),
            description: "short".into(),
            ..form()
        };
        assert_eq!(
            check(&bad).unwrap_err(),
            vec!["category:required", "ward:required", "happened_at:required", "description:too_short"]
        );
        let long = ReportForm { description: "x".repeat(MAX_DESCRIPTION + 1), ..form() };
        assert_eq!(check(&long).unwrap_err(), vec!["description:too_long"]);
        let exactly = ReportForm { description: "é".repeat(MAX_DESCRIPTION), ..form() };
        assert!(check(&exactly).is_ok(), "the limit counts characters, not bytes");
    }

    #[test]
    fn when_it_happened() {
        assert!(check(&ReportForm { happened_at: String::new(), ongoing: "on".into(), ..form() }).is_ok());
        assert_eq!(
            check(&ReportForm { happened_at: "2026-11-29T21:01".into(), ..form() }).unwrap_err(),
            vec!["happened_at:invalid"],
            "future"
        );
        assert_eq!(
            check(&ReportForm { happened_at: "29/11/2026".into(), ..form() }).unwrap_err(),
            vec!["happened_at:invalid"]
        );
        assert_eq!(
            check(&ReportForm { happened_at: "2026-13-01T10:00".into(), ..form() }).unwrap_err(),
            vec!["happened_at:invalid"]
        );
        assert!(
            check(&ReportForm { happened_at: "2026-11-29T21:00".into(), ..form() }).is_ok(),
            "now is fine"
        );
        for not_a_day in [
            "2026-02-31T10:00",
            "2026-02-29T10:00",
            "2026-04-31T10:00",
            "2026-11-00T10:00",
            "2100-02-29T10:00",
        ] {
            let now = if not_a_day.starts_with("2100") { "2100-12-31T00:00" } else { "2026-11-29T21:00" };
            assert!(
                validate(
                    &ReportForm { happened_at: not_a_day.into(), ..form() },
                    &categories(),
                    &["W05000857".to_string()],
                    None,
                    now
                )
                .is_err(),
                "{not_a_day}"
            );
        }
        assert!(
            check(&ReportForm { happened_at: "2024-02-29T10:00".into(), ..form() }).is_ok(),
            "a leap day"
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_calendar_agrees_with_chrono() {
        for year in 2000..=2100 {
            for month in 1..=12 {
                for day in 1..=31 {
                    let real = chrono::NaiveDate::from_ymd_opt(year as i32, month, day).is_some();
                    assert_eq!(day <= days_in_month(year, month), real, "{year}-{month}-{day}");
                }
            }
        }
    }

    #[test]
    fn named_reporters_give_a_way_to_reach_them() {
        let named = ReportForm { anonymous: "no".into(), name: "Siân".into(), ..form() };
        assert_eq!(check(&named).unwrap_err(), vec!["email:contact_required"]);
        let bad_email = ReportForm { email: "sian@".into(), ..named.clone() };
        assert_eq!(check(&bad_email).unwrap_err(), vec!["email:invalid"]);
        // Addresses the outbox could not send to are refused here, not lost later.
        #[cfg(feature = "ssr")]
        for unsendable in [
            "sian@@example.cymru",
            "sian,rhys@example.cymru",
            "sian@exa(mple).cymru",
            "<sian@example.cymru>",
            "sian@example.cymru>",
        ] {
            assert!(unsendable.parse::<lettre::Address>().is_err(), "{unsendable}");
            let form = ReportForm { email: unsendable.into(), ..named.clone() };
            assert_eq!(check(&form).unwrap_err(), vec!["email:invalid"], "{unsendable}");
        }
        for sendable in ["sian@example.cymru", "sian.roberts+adroddiad@post.example.co.uk"] {
            assert!(check(&ReportForm { email: sendable.into(), ..named.clone() }).is_ok(), "{sendable}");
        }
        let bad_phone = ReportForm { phone: "12".into(), ..named.clone() };
        assert_eq!(check(&bad_phone).unwrap_err(), vec!["phone:invalid"]);
        let ok = check(&ReportForm {
            email: " Sian@Example.Cymru ".into(),
            phone: "029 2087 2087".into(),
            consent: "on".into(),
            contact_language: "cy".into(),
            ..named
        })
        .unwrap();
        assert_eq!(ok.reporter.email.as_deref(), Some("sian@example.cymru"));
        assert!(ok.reporter.consent_to_contact);
        assert_eq!(ok.reporter.language, crate::i18n::Lang::Cy);
    }

    #[test]
    fn no_email_without_consent_and_never_with_a_safe_contact_note() {
        let rule = EmailRule::for_reporter;
        assert_eq!(rule(Some("a@b.cymru"), true, None), EmailRule::Allowed);
        assert_eq!(rule(Some("a@b.cymru"), false, None), EmailRule::NoConsent);
        assert_eq!(rule(None, true, None), EmailRule::NoAddress);
        assert_eq!(
            rule(Some("a@b.cymru"), true, Some("Phone only, my partner reads my email")),
            EmailRule::SafeContact
        );
        assert_eq!(
            rule(None, false, Some("Ring after 6")),
            EmailRule::SafeContact,
            "flagged for a person even without an address"
        );
        assert_eq!(rule(Some("a@b.cymru"), true, Some("  ")), EmailRule::Allowed, "an empty note is no note");
        // Through the form: an address given without ticking the box is never emailed.
        let named = ReportForm { anonymous: "no".into(), email: "sian@example.cymru".into(), ..form() };
        assert_eq!(check(&named).unwrap().reporter.email_rule(), EmailRule::NoConsent);
        let agreed = ReportForm { consent: "on".into(), ..named.clone() };
        assert_eq!(check(&agreed).unwrap().reporter.email_rule(), EmailRule::Allowed);
        let hate = ReportForm { category: "hate".into(), safe_contact: "Phone only".into(), ..agreed };
        assert_eq!(check(&hate).unwrap().reporter.email_rule(), EmailRule::SafeContact);
    }

    #[test]
    fn extra_questions_belong_to_their_category() {
        let asb = check(&ReportForm { asb_qualifier: "personal".into(), ..form() }).unwrap();
        assert_eq!(asb.asb_qualifier.map(AsbQualifier::as_str), Some("personal"));
        assert_eq!(
            check(&ReportForm { asb_qualifier: "loud".into(), ..form() }).unwrap_err(),
            vec!["asb_qualifier:invalid"]
        );
        let graffiti =
            check(&ReportForm { category: "graffiti".into(), asb_qualifier: "personal".into(), ..form() })
                .unwrap();
        assert_eq!(graffiti.asb_qualifier, None, "not an ASB category");
        let hate = check(&ReportForm {
            category: "hate".into(),
            hate_strands: vec!["race".into(), "religion".into()],
            ..form()
        })
        .unwrap();
        assert!(hate.sensitive);
        assert_eq!(hate.hate_strands, vec!["race", "religion"]);
        assert_eq!(
            check(&ReportForm { category: "hate".into(), hate_strands: vec!["height".into()], ..form() })
                .unwrap_err(),
            vec!["hate_strands:invalid"]
        );
    }

    #[test]
    fn a_located_ward_wins_over_the_list() {
        let f = ReportForm { ward: String::new(), ..form() };
        let ok =
            validate(&f, &categories(), &["W05000857".to_string()], Some("W05000860"), "2026-11-29T21:00")
                .unwrap();
        assert_eq!(ok.ward_code, "W05000860");
    }

    #[test]
    fn references_are_readable() {
        assert_eq!(reference(2026, 123), "CYM-26-000123");
        assert_eq!(reference(2100, 1), "CYM-00-000001");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn reference_numbers_are_random_and_read_back() {
        let numbers: Vec<i64> = (0..50).map(|_| random_reference_number(false)).collect();
        assert!(numbers.iter().all(|n| (100_000..=999_999).contains(n)));
        assert!(numbers.windows(2).any(|w| w[1] != w[0] + 1), "not a sequence");
        let distinct: std::collections::BTreeSet<_> = numbers.iter().collect();
        assert!(distinct.len() > 40);
        for crowded in [false, true] {
            let r = reference(2026, random_reference_number(crowded));
            assert_eq!(parse_reference(&r).as_deref(), Some(r.as_str()), "residents can read it back");
            assert_eq!(parse_reference(&r.to_lowercase().replace('-', " ")).as_deref(), Some(r.as_str()));
        }
    }

    #[test]
    fn references_as_people_read_them_out() {
        for typed in [
            "CYM-26-000123",
            "cym-26-000123",
            " CYM 26 000123 ",
            "cym-26-123",
            "CYM26000123",
            "26-123",
            "26000123",
            "CYM-26 - 000123",
            "cym 26 123",
            "CYM26 000123",
        ] {
            assert_eq!(parse_reference(typed).as_deref(), Some("CYM-26-000123"), "{typed}");
        }
        for typed in [
            "",
            "CYM",
            "CYM-26",
            "CYM-26-",
            "CYM-2026-000123",
            "CYM-26-00001234",
            "CYM-26-000000",
            "PP-26-0001",
            "CYM-2X-000123",
            "123",
            "CYM-26-12a",
            "CYM 2 6 123",
        ] {
            assert_eq!(parse_reference(typed), None, "{typed}");
        }
    }

    #[test]
    fn stored_spellings_of_families_statuses_and_update_kinds() {
        let spellings = |all: Vec<&'static str>| all.join(" ");
        assert_eq!(
            spellings(Family::ALL.iter().map(|f| f.as_str()).collect()),
            "asb drugs hate abuse environmental vehicle tension other"
        );
        assert_eq!(
            spellings(ReportStatus::ALL.iter().map(|s| s.as_str()).collect()),
            "open investigating action_scheduled in_progress fixed duplicate not_responsible \
             no_further_action internal_referral closed"
        );
        assert_eq!(
            spellings(UpdateKind::ALL.iter().map(|k| k.as_str()).collect()),
            "status question reply comment"
        );
        assert_eq!(
            spellings(ReportSource::ALL.iter().map(|s| s.as_str()).collect()),
            "web open311 generated"
        );
        assert_eq!(
            spellings(AsbQualifier::ALL.iter().map(|q| q.as_str()).collect()),
            "personal nuisance environmental"
        );
        for s in ReportSource::ALL {
            assert_eq!(ReportSource::from_stored(s.as_str()), Ok(*s));
        }
        for q in AsbQualifier::ALL {
            assert_eq!(AsbQualifier::from_stored(q.as_str()), Ok(*q));
        }
        assert_eq!(ReportSource::from_stored("email"), Ok(ReportSource::Web));
        assert_eq!(AsbQualifier::parse("loud"), None);
        assert!(AsbQualifier::from_stored("loud").is_err());
        for f in Family::ALL {
            assert_eq!(Family::from_stored(f.as_str()), Ok(*f));
            assert_eq!(f.to_string(), f.as_str());
        }
        for k in UpdateKind::ALL {
            assert_eq!(UpdateKind::from_stored(k.as_str()), Ok(*k));
        }
        // Forms and the API refuse a spelling they do not know; a stored one reads as before.
        assert_eq!(Family::parse("Asb"), None);
        assert_eq!(ReportStatus::parse("reopened"), None);
        assert_eq!(UpdateKind::parse("note"), None);
        assert_eq!(Family::from_stored("graffiti"), Ok(Family::Other));
        assert_eq!(ReportStatus::from_stored("reopened"), Ok(ReportStatus::Open));
        assert_eq!(UpdateKind::from_stored("note"), Ok(UpdateKind::Status));
    }

    #[test]
    fn statuses_round_trip() {
        for &s in ReportStatus::ALL {
            assert_eq!(ReportStatus::parse(s.as_str()), Some(s));
        }
    }
}
