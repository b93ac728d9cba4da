//! Known trigger events and their community impact assessments (issue 15, part 2): a calendar
//! per CSP of marches and protests, anniversaries, contentious planning decisions, court cases,
//! football fixtures and national events, each with the neighbourhoods and CSPs it affects
//! (across the border too), its risks and mitigations, an owner, its next review, a status and
//! a risk level. An assessment at risk level high alerts the partnership's tension rota
//! (`tension::alerts`).
//!
//! **Counter-Terrorism Local Profile.** An assessment can be marked relevant to the CTLP: then
//! only people with `ViewCounterTerrorismProfile` see its detail. Everyone else who reads the
//! calendar sees that a restricted event exists on those days (its title replaced by
//! "Restricted event", with its owning partnership), and nothing else of it. We chose to show
//! the day rather than nothing: people planning patrols, engagement or other events need to
//! know that the day is not clear and whom to ask, and the day of a public march or fixture is
//! rarely itself secret; the kind, title, place, neighbourhoods, risks, mitigations and owner,
//! which could be, never reach their page (`Shown::Restricted` carries none of them).
//!
//! This module holds the rules as plain functions over plain types; SQL is in
//! `db::tension_events`, pages in `events_pages`, form handlers in `events_actions`.

use crate::{
    i18n::Lang,
    reference::Names,
    t,
    time::Timestamp,
    triage::{recorded::identifies_someone, ReporterDetails},
    vocabulary::vocabulary,
};
use serde::{Deserialize, Serialize};

pub const DAY: i64 = 86_400;
/// Longest title and owner.
pub const MAX_TITLE: usize = 200;
/// Longest place, risks and mitigations.
pub const MAX_TEXT: usize = 4_000;
/// How far ahead `upcoming` looks for the weekly summary and the picture: a fortnight.
pub const FORTNIGHT: i64 = 14;

vocabulary! {
    /// What kind of trigger an event is.
    EventKind {
        March = "march",
        Anniversary = "anniversary",
        Planning = "planning",
        Court = "court",
        Football = "football",
        National = "national",
        Other = "other",
    }
}
vocabulary! {
    EventStatus { Planned = "planned", Passed = "passed", Cancelled = "cancelled" }
}
vocabulary! {
    /// The community impact assessment's overall risk; `High` alerts the tension rota.
    RiskLevel { Low = "low", Medium = "medium", High = "high" }
}

pub fn kind_name(lang: Lang, kind: EventKind) -> String {
    match kind {
        EventKind::March => t!(lang, "tension-event-kind-march"),
        EventKind::Anniversary => t!(lang, "tension-event-kind-anniversary"),
        EventKind::Planning => t!(lang, "tension-event-kind-planning"),
        EventKind::Court => t!(lang, "tension-event-kind-court"),
        EventKind::Football => t!(lang, "tension-event-kind-football"),
        EventKind::National => t!(lang, "tension-event-kind-national"),
        EventKind::Other => t!(lang, "tension-event-kind-other"),
    }
}

pub fn status_name(lang: Lang, status: EventStatus) -> String {
    match status {
        EventStatus::Planned => t!(lang, "tension-event-status-planned"),
        EventStatus::Passed => t!(lang, "tension-event-status-passed"),
        EventStatus::Cancelled => t!(lang, "tension-event-status-cancelled"),
    }
}

pub fn risk_name(lang: Lang, risk: RiskLevel) -> String {
    match risk {
        RiskLevel::Low => t!(lang, "tension-event-risk-low"),
        RiskLevel::Medium => t!(lang, "tension-event-risk-medium"),
        RiskLevel::High => t!(lang, "tension-event-risk-high"),
    }
}

/// The event form as posted (new and edit): every field as text, checked by `check`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub csp: String,
    pub version: String,
    pub kind: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    pub neighbourhood: Vec<String>,
    pub risks: String,
    pub mitigations: String,
    pub owner: String,
    pub next_review_on: String,
    pub status: String,
    pub risk_level: String,
    pub ctlp: String,
}

/// An event and its community impact assessment, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetails {
    pub kind: EventKind,
    pub title: String,
    /// First and last day (their starts).
    pub starts_on: Timestamp,
    pub ends_on: Timestamp,
    pub place: String,
    pub neighbourhoods: Vec<i64>,
    pub risks: String,
    pub mitigations: String,
    pub owner: String,
    pub next_review_on: Option<Timestamp>,
    pub status: EventStatus,
    pub risk_level: RiskLevel,
    pub ctlp: bool,
}

/// Why the form was refused (the first problem found is said).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventProblem {
    Kind,
    Title,
    TooLong,
    Dates,
    /// The place, risks or mitigations name someone (an email address, a phone number).
    Identifies,
    Neighbourhoods,
    Owner,
    Review,
    Choice,
}

impl EventProblem {
    /// The form field the error summary links to (`event-{field}`).
    pub fn field(self) -> &'static str {
        match self {
            EventProblem::Kind => "kind",
            EventProblem::Title => "title",
            EventProblem::TooLong => "title",
            EventProblem::Dates => "starts_on",
            EventProblem::Identifies => "place",
            EventProblem::Neighbourhoods => "neighbourhoods",
            EventProblem::Owner => "owner",
            EventProblem::Review => "next_review_on",
            EventProblem::Choice => "status",
        }
    }
}

fn day(value: &str) -> Option<i64> {
    crate::problems::parse_day(value)
}

fn bounded(value: &str, max: usize) -> Result<String, EventProblem> {
    let v = value.trim();
    if v.chars().count() > max {
        Err(EventProblem::TooLong)
    } else {
        Ok(v.to_string())
    }
}

/// Checks the form against the neighbourhoods one may choose (`allowed`: the CSP's own and its
/// neighbouring CSPs'). A planned event needs its next review date; texts shared with partners
/// (place, risks, mitigations) must not name anyone; an event lasts at most a year.
pub fn check(form: &EventForm, allowed: &[i64]) -> Result<EventDetails, EventProblem> {
    let kind = EventKind::parse(form.kind.trim()).ok_or(EventProblem::Kind)?;
    let title = bounded(&form.title, MAX_TITLE)?;
    if title.is_empty() {
        return Err(EventProblem::Title);
    }
    let (Some(starts_on), Some(ends_on)) = (day(&form.starts_on), day(&form.ends_on)) else {
        return Err(EventProblem::Dates);
    };
    if ends_on < starts_on || ends_on - starts_on > 366 * DAY {
        return Err(EventProblem::Dates);
    }
    let place = bounded(&form.place, MAX_TEXT)?;
    let risks = bounded(&form.risks, MAX_TEXT)?;
    let mitigations = bounded(&form.mitigations, MAX_TEXT)?;
    let nobody = ReporterDetails::default();
    if [&title, &place, &risks, &mitigations].iter().any(|t| identifies_someone(t, &nobody)) {
        return Err(EventProblem::Identifies);
    }
    let mut neighbourhoods: Vec<i64> = Vec::new();
    for value in &form.neighbourhood {
        let id = value.trim().parse::<i64>().ok().filter(|id| allowed.contains(id));
        let Some(id) = id else { return Err(EventProblem::Neighbourhoods) };
        if !neighbourhoods.contains(&id) {
            neighbourhoods.push(id);
        }
    }
    if neighbourhoods.is_empty() {
        return Err(EventProblem::Neighbourhoods);
    }
    neighbourhoods.sort_unstable();
    let owner = bounded(&form.owner, MAX_TITLE)?;
    if owner.is_empty() {
        return Err(EventProblem::Owner);
    }
    let status = EventStatus::parse(form.status.trim()).ok_or(EventProblem::Choice)?;
    let risk_level = RiskLevel::parse(form.risk_level.trim()).ok_or(EventProblem::Choice)?;
    let next_review_on = match form.next_review_on.trim() {
        "" if status != EventStatus::Planned => None,
        "" => return Err(EventProblem::Review),
        given => Some(day(given).ok_or(EventProblem::Review)?),
    };
    Ok(EventDetails {
        kind,
        title,
        starts_on,
        ends_on,
        place,
        neighbourhoods,
        risks,
        mitigations,
        owner,
        next_review_on,
        status,
        risk_level,
        ctlp: matches!(form.ctlp.trim(), "yes" | "on" | "1"),
    })
}

/// A neighbourhood an event affects, with its CSP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affected {
    pub id: i64,
    pub name: Names,
    pub csp_id: i64,
    pub csp: Names,
}

/// An event as stored, with everything its pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    pub csp_id: i64,
    pub csp_slug: String,
    pub csp: Names,
    pub details: EventDetails,
    pub affected: Vec<Affected>,
    pub version: i64,
    pub updated_at: Timestamp,
}

impl Event {
    /// The CSPs the event affects: its owner's and those of its neighbourhoods, without repeats.
    pub fn csps_affected(&self) -> Vec<(i64, Names)> {
        let mut out = vec![(self.csp_id, self.csp.clone())];
        for a in &self.affected {
            if !out.iter().any(|(id, _)| *id == a.csp_id) {
                out.push((a.csp_id, a.csp.clone()));
            }
        }
        out
    }

    /// Does it affect (own or touch a neighbourhood of) CSP `csp_id`?
    pub fn concerns(&self, csp_id: i64) -> bool {
        self.csp_id == csp_id || self.affected.iter().any(|a| a.csp_id == csp_id)
    }

    /// Is it on or after `today` (not yet over)?
    pub fn upcoming_at(&self, today: Timestamp) -> bool {
        self.details.ends_on >= today
    }
}

/// What a reader is shown of an event: all of it, or (a CTLP-relevant assessment, for someone
/// without `ViewCounterTerrorismProfile`) only that a restricted event exists on those days and
/// whose it is. Built field by field: nothing restricted is carried in `Restricted`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Full(Box<Event>),
    Restricted { id: i64, starts_on: Timestamp, ends_on: Timestamp, csp: Names, csp_id: i64 },
}

impl Shown {
    pub fn of(event: Event, may_see_ctlp: bool) -> Shown {
        if event.details.ctlp && !may_see_ctlp {
            Shown::Restricted {
                id: event.id,
                starts_on: event.details.starts_on,
                ends_on: event.details.ends_on,
                csp: event.csp,
                csp_id: event.csp_id,
            }
        } else {
            Shown::Full(Box::new(event))
        }
    }

    pub fn starts_on(&self) -> Timestamp {
        match self {
            Shown::Full(e) => e.details.starts_on,
            Shown::Restricted { starts_on, .. } => *starts_on,
        }
    }

    pub fn ends_on(&self) -> Timestamp {
        match self {
            Shown::Full(e) => e.details.ends_on,
            Shown::Restricted { ends_on, .. } => *ends_on,
        }
    }
}

/// Upcoming first (soonest first), then past (most recent first).
pub fn upcoming_then_past(events: Vec<Shown>, today: Timestamp) -> (Vec<Shown>, Vec<Shown>) {
    let (mut upcoming, mut past): (Vec<Shown>, Vec<Shown>) =
        events.into_iter().partition(|e| e.ends_on() >= today);
    upcoming.sort_by_key(|e| e.starts_on());
    past.sort_by_key(|e| std::cmp::Reverse(e.ends_on()));
    (upcoming, past)
}

/// The events of `events` (each concerning the CSP) a fortnight's summary names: planned, and
/// running at some time in the `days` days from `today` (a day's start).
pub fn in_window(events: Vec<Event>, today: Timestamp, days: i64) -> Vec<Event> {
    let end = today + days * DAY;
    let mut out: Vec<Event> = events
        .into_iter()
        .filter(|e| e.details.status == EventStatus::Planned)
        .filter(|e| e.details.ends_on >= today && e.details.starts_on < end)
        .collect();
    out.sort_by_key(|e| (e.details.starts_on, e.id));
    out
}

/// The alert key of an event whose impact assessment rose to risk level high at `version`.
pub fn alert_key(event_id: i64, version: i64) -> String {
    format!("event:{event_id}:{version}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EventForm {
        EventForm {
            kind: "march".into(),
            title: "March through the city centre".into(),
            starts_on: "2027-03-06".into(),
            ends_on: "2027-03-06".into(),
            place: "Queen Street to City Hall".into(),
            neighbourhood: vec!["3".into(), "1".into(), "3".into()],
            risks: "Counter-protest".into(),
            mitigations: "Meetings with community leaders".into(),
            owner: "Cohesion lead".into(),
            next_review_on: "2027-03-01".into(),
            status: "planned".into(),
            risk_level: "high".into(),
            ctlp: "yes".into(),
            ..EventForm::default()
        }
    }

    #[test]
    fn a_good_form_is_checked_and_its_neighbourhoods_kept_once() {
        let d = check(&form(), &[1, 2, 3]).unwrap();
        assert_eq!(d.neighbourhoods, vec![1, 3]);
        assert_eq!(d.risk_level, RiskLevel::High);
        assert!(d.ctlp);
        assert_eq!(d.ends_on - d.starts_on, 0);
    }

    #[test]
    fn mistakes_are_named() {
        let with = |f: &dyn Fn(&mut EventForm)| {
            let mut form = form();
            f(&mut form);
            check(&form, &[1, 2, 3]).unwrap_err()
        };
        assert_eq!(with(&|f| f.kind = "riot".into()), EventProblem::Kind);
        assert_eq!(with(&|f| f.title = "  ".into()), EventProblem::Title);
        assert_eq!(with(&|f| f.ends_on = "2027-03-05".into()), EventProblem::Dates);
        assert_eq!(with(&|f| f.starts_on = "6/3/2027".into()), EventProblem::Dates);
        assert_eq!(with(&|f| f.place = "Ring Sian on 07700 900123".into()), EventProblem::Identifies);
        assert_eq!(with(&|f| f.risks = "ask sian@example.com".into()), EventProblem::Identifies);
        assert_eq!(with(&|f| f.neighbourhood = vec!["9".into()]), EventProblem::Neighbourhoods);
        assert_eq!(with(&|f| f.neighbourhood = vec![]), EventProblem::Neighbourhoods);
        assert_eq!(with(&|f| f.owner = "".into()), EventProblem::Owner);
        assert_eq!(with(&|f| f.next_review_on = "".into()), EventProblem::Review);
        assert_eq!(with(&|f| f.status = "maybe".into()), EventProblem::Choice);
        assert_eq!(with(&|f| f.title = "x".repeat(MAX_TITLE + 1)), EventProblem::TooLong);
        let mut passed = form();
        passed.status = "passed".into();
        passed.next_review_on = String::new();
        assert_eq!(check(&passed, &[1, 3]).unwrap().next_review_on, None);
    }

    fn event(id: i64, starts: i64, ends: i64, status: EventStatus, ctlp: bool) -> Event {
        let mut details = check(&form(), &[1, 3]).unwrap();
        details.starts_on = starts;
        details.ends_on = ends;
        details.status = status;
        details.ctlp = ctlp;
        Event {
            id,
            csp_id: 1,
            csp_slug: "cardiff".into(),
            csp: Names::new("Cardiff", "Caerdydd"),
            details,
            affected: vec![],
            version: 1,
            updated_at: 0,
        }
    }

    #[test]
    fn the_fortnight_holds_planned_events_running_in_it() {
        let today = 100 * DAY;
        let events = vec![
            event(1, today + 13 * DAY, today + 13 * DAY, EventStatus::Planned, false),
            event(2, today + 14 * DAY, today + 14 * DAY, EventStatus::Planned, false),
            event(3, today - 2 * DAY, today, EventStatus::Planned, false),
            event(4, today - 2 * DAY, today - DAY, EventStatus::Planned, false),
            event(5, today + DAY, today + DAY, EventStatus::Cancelled, false),
        ];
        let ids: Vec<i64> = in_window(events, today, FORTNIGHT).iter().map(|e| e.id).collect();
        assert_eq!(ids, vec![3, 1]);
    }

    #[test]
    fn a_restricted_event_carries_no_detail() {
        let shown = Shown::of(event(7, 5 * DAY, 6 * DAY, EventStatus::Planned, true), false);
        let json = serde_json::to_string(&shown).unwrap();
        for secret in
            ["March through", "Queen Street", "Counter-protest", "community leaders", "Cohesion lead"]
        {
            assert!(!json.contains(secret), "{secret} in {json}");
        }
        assert!(matches!(Shown::of(event(7, 0, 0, EventStatus::Planned, true), true), Shown::Full(_)));
        assert!(matches!(Shown::of(event(7, 0, 0, EventStatus::Planned, false), false), Shown::Full(_)));
    }

    #[test]
    fn upcoming_comes_first_then_the_past_most_recent_first() {
        let today = 10 * DAY;
        let all = vec![
            Shown::of(event(1, 2 * DAY, 2 * DAY, EventStatus::Passed, false), true),
            Shown::of(event(2, 20 * DAY, 20 * DAY, EventStatus::Planned, false), true),
            Shown::of(event(3, 5 * DAY, 5 * DAY, EventStatus::Passed, false), true),
            Shown::of(event(4, 12 * DAY, 12 * DAY, EventStatus::Planned, false), true),
        ];
        let id = |s: &Shown| match s {
            Shown::Full(e) => e.id,
            Shown::Restricted { id, .. } => *id,
        };
        let (up, past) = upcoming_then_past(all, today);
        assert_eq!(up.iter().map(id).collect::<Vec<_>>(), vec![4, 2]);
        assert_eq!(past.iter().map(id).collect::<Vec<_>>(), vec![3, 1]);
    }
}
