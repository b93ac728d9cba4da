//! The Key Individual Network (KIN): a register, per neighbourhood, of people who live or work
//! there (about twenty each), with their consent to be contacted and a review date, and the
//! quarterly questionnaire sent to them by email through a personal link.
//!
//! The rules here are plain functions over plain types: quarters, who may be contacted, the
//! once-per-quarter rule, the one reminder, the member form's checks, the keyed hash standing for
//! a member on a link, the emails and the response rates. The register's pages and forms are in
//! `kin_pages`; the SQL in `db::kin`.
//!
//! Removing a member empties their name, contact details, role and groups at once (they are no
//! longer needed, and may not be kept against the member's wish), and keeps a row with only the
//! neighbourhood, the dates and the status `removed`: the questionnaires already sent stay counted,
//! so past quarters' response rates do not change, and the answers already given stay in the
//! campaign's results, no longer tied to a name. The audit log keeps who removed which member
//! (by number) and when.

use crate::{i18n::Lang, t, time::Timestamp, vocabulary::vocabulary};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// Where a member is: on the network, left it (kept, not contacted), or removed (name and
    /// contact emptied).
    MemberStatus { Active = "active", Left = "left", Removed = "removed" }
}

/// Days after sending before the one reminder may go to a member who has not answered.
pub const REMINDER_AFTER_DAYS: i64 = 7;
const DAY: i64 = 86_400;

/// The longest name, role, and list of groups kept.
pub const MAX_NAME: usize = 200;
pub const MAX_ROLE: usize = 200;
pub const MAX_SPEAKS_FOR: usize = 500;

/// A calendar quarter (January to March is the first), as the strategic assessment counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i64,
    /// 1 to 4.
    pub number: i64,
}

impl Quarter {
    /// The quarter a stored time falls in (by its day in UTC, as stored days are).
    pub fn of(at: Timestamp) -> Quarter {
        use chrono::Datelike;
        let day = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default();
        Quarter { year: i64::from(day.year()), number: i64::from(day.month0() / 3 + 1) }
    }

    /// Quarters counted from year 0: two quarters' distance is the difference.
    pub fn index(self) -> i64 {
        self.year * 4 + self.number - 1
    }

    pub fn from_index(index: i64) -> Quarter {
        Quarter { year: index.div_euclid(4), number: index.rem_euclid(4) + 1 }
    }

    pub fn previous(self) -> Quarter {
        Quarter::from_index(self.index() - 1)
    }

    /// `Q4 2026` / `Chwarter 4 2026`.
    pub fn label(self, lang: Lang) -> String {
        t!(lang, "kin-quarter", number = self.number, year = self.year)
    }
}

/// Whether the hub may email a member: on the network, with consent given (and not withdrawn),
/// and with an email address. No consent: no contact at all.
pub fn may_email(status: MemberStatus, consent_on: Option<Timestamp>, email: Option<&str>) -> bool {
    status == MemberStatus::Active && consent_on.is_some() && email.is_some_and(|e| !e.trim().is_empty())
}

/// Whether a member's review date has passed (the register flags them).
pub fn past_review(review_on: Timestamp, now: Timestamp) -> bool {
    review_on < now
}

/// Who gets this quarter's questionnaire: the members who may be emailed, less those already
/// sent one this quarter (once per member per quarter, whichever campaign sent it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sending {
    pub to_send: Vec<i64>,
    pub already: usize,
}

pub fn plan_sending(eligible: &[i64], sent_this_quarter: &[i64]) -> Sending {
    let (already, to_send): (Vec<i64>, Vec<i64>) =
        eligible.iter().copied().partition(|m| sent_this_quarter.contains(m));
    Sending { to_send, already: already.len() }
}

/// Whether the one reminder is due: not answered, not reminded yet, and sent at least
/// [`REMINDER_AFTER_DAYS`] days ago.
pub fn reminder_due(
    sent_at: Timestamp,
    reminded_at: Option<Timestamp>,
    used_at: Option<Timestamp>,
    now: Timestamp,
) -> bool {
    used_at.is_none() && reminded_at.is_none() && now - sent_at >= REMINDER_AFTER_DAYS * DAY
}

/// A member as typed in the add and edit forms (every field as text; `consent` is "yes" when
/// ticked, days are `YYYY-MM-DD`).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct MemberForm {
    pub csp: String,
    pub neighbourhood: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub language: String,
    pub community_role: String,
    pub speaks_for: String,
    pub consent: String,
    pub consent_on: String,
    pub review_on: String,
    pub status: String,
    pub version: String,
}

/// A member's details once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberDetails {
    pub neighbourhood_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Lang,
    pub community_role: String,
    pub speaks_for: String,
    pub consent_on: Option<Timestamp>,
    pub review_on: Timestamp,
    pub status: MemberStatus,
}

/// What is wrong with a member form (the first mistake found, in the form's order), with the
/// field the error summary links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberProblem {
    Neighbourhood,
    Name,
    Contact,
    Email,
    Phone,
    Language,
    TooLong,
    ConsentDate,
    ReviewDate,
    Status,
}

impl MemberProblem {
    /// The form field's name (ids are `kin-{name}`).
    pub fn field(self) -> &'static str {
        match self {
            MemberProblem::Neighbourhood => "neighbourhood",
            MemberProblem::Name | MemberProblem::TooLong => "name",
            MemberProblem::Contact | MemberProblem::Email => "email",
            MemberProblem::Phone => "phone",
            MemberProblem::Language => "language",
            MemberProblem::ConsentDate => "consent_on",
            MemberProblem::ReviewDate => "review_on",
            MemberProblem::Status => "status",
        }
    }
}

fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
    (10..=15).contains(&digits) && phone.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Checks a member form: the neighbourhood one of the CSP's, a name, an email and/or a phone
/// number, English or Welsh, consent ticked with the day it was given (not in the future), and
/// a review day. `today` is the start of the day it is sent.
pub fn check_member(
    form: &MemberForm,
    neighbourhoods: &[i64],
    today: Timestamp,
) -> Result<MemberDetails, MemberProblem> {
    let neighbourhood_id = form
        .neighbourhood
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| neighbourhoods.contains(n))
        .ok_or(MemberProblem::Neighbourhood)?;
    let name = form.name.trim().to_string();
    if name.is_empty() {
        return Err(MemberProblem::Name);
    }
    let (email, phone) = (optional(&form.email).map(|e| e.to_lowercase()), optional(&form.phone));
    if email.is_none() && phone.is_none() {
        return Err(MemberProblem::Contact);
    }
    if email.as_deref().is_some_and(|e| !crate::reporting::valid_email(e)) {
        return Err(MemberProblem::Email);
    }
    if phone.as_deref().is_some_and(|p| !valid_phone(p)) {
        return Err(MemberProblem::Phone);
    }
    let language = Lang::parse(form.language.trim()).ok_or(MemberProblem::Language)?;
    let (community_role, speaks_for) =
        (form.community_role.trim().to_string(), form.speaks_for.trim().to_string());
    if name.chars().count() > MAX_NAME
        || community_role.chars().count() > MAX_ROLE
        || speaks_for.chars().count() > MAX_SPEAKS_FOR
        || email.as_ref().is_some_and(|e| e.len() > 254)
        || phone.as_ref().is_some_and(|p| p.len() > 30)
    {
        return Err(MemberProblem::TooLong);
    }
    let consent_on = match form.consent.as_str() {
        "yes" => match crate::problems::parse_day(&form.consent_on) {
            Some(day) if day <= today => Some(day),
            _ => return Err(MemberProblem::ConsentDate),
        },
        _ => None,
    };
    let review_on = crate::problems::parse_day(&form.review_on).ok_or(MemberProblem::ReviewDate)?;
    let status = match form.status.trim() {
        "" => MemberStatus::Active,
        s => MemberStatus::parse(s).filter(|s| *s != MemberStatus::Removed).ok_or(MemberProblem::Status)?,
    };
    Ok(MemberDetails {
        neighbourhood_id,
        name,
        email,
        phone,
        language,
        community_role,
        speaks_for,
        consent_on,
        review_on,
        status,
    })
}

/// The keyed hash (HMAC-SHA256) that stands for a member on their personal link for one
/// quarter: with the CSP's key, so the hash cannot be tied back to the member without it.
#[cfg(feature = "ssr")]
pub fn respondent_hash(key: &str, member_id: i64, quarter: Quarter) -> String {
    super::keyed_hash(key, format!("kin:{member_id}:{}-{}", quarter.year, quarter.number))
}

/// The address a member answers at (the responding part's personal-link page), in their
/// language.
pub fn link(public_url: &str, lang: Lang, slug: &str, token: &str) -> String {
    format!(
        "{}{}",
        public_url.trim_end_matches('/'),
        lang.path(&format!("/have-your-say/{slug}/link/{token}"))
    )
}

/// (subject, body) of the quarterly questionnaire, in the member's language.
pub fn questionnaire_email(lang: Lang, name: &str, csp: &str, title: &str, link: &str) -> (String, String) {
    (
        t!(lang, "kin-email-subject", csp = csp),
        t!(lang, "kin-email-body", name = name, csp = csp, title = title, link = link),
    )
}

/// (subject, body) of the one reminder, in the member's language.
pub fn reminder_email(lang: Lang, name: &str, csp: &str, title: &str, link: &str) -> (String, String) {
    (
        t!(lang, "kin-reminder-subject", csp = csp),
        t!(lang, "kin-reminder-body", name = name, title = title, link = link),
    )
}

/// Questionnaires sent and answered (their link used) in one neighbourhood in one quarter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub sent: i64,
    pub answered: i64,
}

impl Rate {
    /// Whole per cent answered (none sent: none).
    pub fn percent(self) -> Option<i64> {
        (self.sent > 0).then(|| (self.answered * 100 + self.sent / 2) / self.sent)
    }
}

/// One neighbourhood's response rate in each of the quarters shown, oldest first, and the change
/// from the quarter before to the last (in percentage points; none where either had no sending).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendRow {
    pub neighbourhood_id: i64,
    pub rates: Vec<Rate>,
    pub change: Option<i64>,
}

/// The quarters a trend table shows: the last `count` quarters up to `latest`, oldest first.
pub fn trend_quarters(latest: Quarter, count: i64) -> Vec<Quarter> {
    (0..count).rev().map(|back| Quarter::from_index(latest.index() - back)).collect()
}

/// Trend rows for `neighbourhoods` over `quarters` from (neighbourhood, quarter, rate) counts.
pub fn trends(
    neighbourhoods: &[i64],
    quarters: &[Quarter],
    counts: &[(i64, Quarter, Rate)],
) -> Vec<TrendRow> {
    neighbourhoods
        .iter()
        .map(|&n| {
            let rates: Vec<Rate> = quarters
                .iter()
                .map(|q| {
                    counts
                        .iter()
                        .find(|(cn, cq, _)| *cn == n && cq == q)
                        .map(|(_, _, r)| *r)
                        .unwrap_or_default()
                })
                .collect();
            let change = match rates.as_slice() {
                [.., before, last] => last.percent().zip(before.percent()).map(|(l, b)| l - b),
                _ => None,
            };
            TrendRow { neighbourhood_id: n, rates, change }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Timestamp {
        crate::problems::parse_day(text).unwrap()
    }

    #[test]
    fn quarters_follow_the_calendar_and_count_back_across_years() {
        assert_eq!(Quarter::of(day("2026-01-01")), Quarter { year: 2026, number: 1 });
        assert_eq!(Quarter::of(day("2026-03-31") + 86_399), Quarter { year: 2026, number: 1 });
        assert_eq!(Quarter::of(day("2026-04-01")), Quarter { year: 2026, number: 2 });
        assert_eq!(Quarter::of(day("2026-12-07")), Quarter { year: 2026, number: 4 });
        let q1 = Quarter { year: 2027, number: 1 };
        assert_eq!(q1.previous(), Quarter { year: 2026, number: 4 });
        assert_eq!(Quarter::from_index(q1.index()), q1);
        assert_eq!(
            trend_quarters(q1, 3),
            vec![Quarter { year: 2026, number: 3 }, Quarter { year: 2026, number: 4 }, q1]
        );
        assert_eq!(q1.label(Lang::En), "Q1 2027");
        assert_eq!(q1.label(Lang::Cy), "Chwarter 1 2027");
    }

    #[test]
    fn only_active_consenting_members_with_an_email_are_emailed() {
        assert!(may_email(MemberStatus::Active, Some(1), Some("a@b.cymru")));
        assert!(!may_email(MemberStatus::Active, None, Some("a@b.cymru")), "no consent, no contact");
        assert!(!may_email(MemberStatus::Active, Some(1), None), "a phone only");
        assert!(!may_email(MemberStatus::Active, Some(1), Some(" ")));
        assert!(!may_email(MemberStatus::Left, Some(1), Some("a@b.cymru")));
        assert!(!may_email(MemberStatus::Removed, Some(1), Some("a@b.cymru")));
    }

    #[test]
    fn once_per_member_per_quarter() {
        let first = plan_sending(&[1, 2, 3], &[]);
        assert_eq!(first, Sending { to_send: vec![1, 2, 3], already: 0 });
        let again = plan_sending(&[1, 2, 3], &[1, 2, 3]);
        assert_eq!(again, Sending { to_send: vec![], already: 3 }, "sending twice sends nothing more");
        let joined = plan_sending(&[1, 2, 3, 4], &[1, 2, 3, 9]);
        assert_eq!(joined, Sending { to_send: vec![4], already: 3 }, "a member who joined since gets theirs");
    }

    #[test]
    fn one_reminder_after_a_week_to_those_who_have_not_answered() {
        let sent = day("2026-10-01");
        let week = REMINDER_AFTER_DAYS * DAY;
        assert!(!reminder_due(sent, None, None, sent + week - 1), "too soon");
        assert!(reminder_due(sent, None, None, sent + week));
        assert!(!reminder_due(sent, Some(sent + week), None, sent + 2 * week), "only one reminder");
        assert!(!reminder_due(sent, None, Some(sent + 60), sent + week), "already answered");
    }

    fn form() -> MemberForm {
        MemberForm {
            neighbourhood: "5".into(),
            name: " Siân Roberts ".into(),
            email: "Sian@Example.Cymru".into(),
            language: "cy".into(),
            community_role: "Chair of the tenants' association".into(),
            speaks_for: "Older residents; Welsh speakers".into(),
            consent: "yes".into(),
            consent_on: "2026-11-30".into(),
            review_on: "2027-11-30".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_member_form_is_checked() {
        let today = day("2026-12-07");
        let m = check_member(&form(), &[5, 6], today).unwrap();
        assert_eq!(
            (m.name.as_str(), m.email.as_deref(), m.language, m.consent_on, m.status),
            (
                "Siân Roberts",
                Some("sian@example.cymru"),
                Lang::Cy,
                Some(day("2026-11-30")),
                MemberStatus::Active
            )
        );
        let with = |f: fn(&mut MemberForm)| {
            let mut form = form();
            f(&mut form);
            check_member(&form, &[5, 6], today)
        };
        assert_eq!(with(|f| f.neighbourhood = "7".into()), Err(MemberProblem::Neighbourhood));
        assert_eq!(with(|f| f.name = " ".into()), Err(MemberProblem::Name));
        assert_eq!(with(|f| f.email = "".into()), Err(MemberProblem::Contact));
        assert!(with(|f| {
            f.email = "".into();
            f.phone = "029 2087 1234".into();
        })
        .is_ok());
        assert_eq!(with(|f| f.email = "not an email".into()), Err(MemberProblem::Email));
        assert_eq!(with(|f| f.phone = "12".into()), Err(MemberProblem::Phone));
        assert_eq!(with(|f| f.language = "fr".into()), Err(MemberProblem::Language));
        assert_eq!(with(|f| f.speaks_for = "x".repeat(501)), Err(MemberProblem::TooLong));
        assert_eq!(with(|f| f.consent_on = "".into()), Err(MemberProblem::ConsentDate));
        assert_eq!(
            with(|f| f.consent_on = "2026-12-08".into()),
            Err(MemberProblem::ConsentDate),
            "not in the future"
        );
        assert_eq!(with(|f| f.consent = "".into()).unwrap().consent_on, None, "no consent recorded");
        assert_eq!(with(|f| f.review_on = "soon".into()), Err(MemberProblem::ReviewDate));
        assert_eq!(
            with(|f| f.status = "removed".into()),
            Err(MemberProblem::Status),
            "removing is its own action"
        );
        assert_eq!(with(|f| f.status = "left".into()).unwrap().status, MemberStatus::Left);
    }

    #[test]
    fn review_dates_passed_are_flagged() {
        assert!(past_review(day("2026-12-01"), day("2026-12-07")));
        assert!(!past_review(day("2027-01-01"), day("2026-12-07")));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_respondent_hash_is_keyed_per_member_and_quarter() {
        // The keyed hash itself is checked against RFC 4231 in `engagement::tests`.
        let q = Quarter { year: 2026, number: 4 };
        assert_eq!(respondent_hash("k", 1, q), super::super::keyed_hash("k", "kin:1:2026-4"));
        let q = Quarter { year: 2026, number: 4 };
        assert_ne!(respondent_hash("k", 1, q), respondent_hash("k", 1, q.previous()), "one link per quarter");
        assert_ne!(respondent_hash("k", 1, q), respondent_hash("other", 1, q));
    }

    #[test]
    fn emails_are_in_the_members_language_with_their_link() {
        let link = link("https://hub.example/", Lang::Cy, "kin-q4", "abc");
        assert_eq!(link, "https://hub.example/cy/have-your-say/kin-q4/link/abc");
        let (subject, body) =
            questionnaire_email(Lang::Cy, "Siân", "Partneriaeth Caerdydd", "Holiadur", &link);
        assert!(
            subject.contains("Partneriaeth Caerdydd") && body.contains(&link) && body.contains("Siân"),
            "{body}"
        );
        let (en, _) = questionnaire_email(Lang::En, "Siân", "x", "y", &link);
        assert_ne!(en, subject);
        let (reminder, body) = reminder_email(Lang::Cy, "Siân", "x", "y", &link);
        assert!(body.contains(&link) && reminder != subject);
    }

    #[test]
    fn response_rates_and_their_change_from_the_quarter_before() {
        let (q3, q4) = (Quarter { year: 2026, number: 3 }, Quarter { year: 2026, number: 4 });
        assert_eq!(Rate { sent: 3, answered: 2 }.percent(), Some(67));
        assert_eq!(Rate::default().percent(), None);
        let counts = [
            (1, q3, Rate { sent: 20, answered: 10 }),
            (1, q4, Rate { sent: 20, answered: 15 }),
            (2, q4, Rate { sent: 4, answered: 1 }),
        ];
        let rows = trends(&[1, 2], &[q3, q4], &counts);
        assert_eq!(rows[0].rates, vec![Rate { sent: 20, answered: 10 }, Rate { sent: 20, answered: 15 }]);
        assert_eq!(rows[0].change, Some(25));
        assert_eq!(rows[1].change, None, "nothing sent the quarter before");
    }
}
