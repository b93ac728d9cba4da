//! Progress in public (issue 14, part 2): how far a neighbourhood priority or a problem
//! profile has got as residents read it (planned, under way, done), a short dated timeline made
//! only of titles, dates and stages, who is told when a priority moves and what they are told,
//! and a survey's two optional last choices (to be told when something changes, to be quoted
//! without a name). Plain functions over plain values: the data is read in `db::progress`, the
//! telling done in `engagement::telling`.

use super::priorities::Verdict;
use crate::{
    i18n::Lang,
    problems::{ActionStatus, Stage},
    reference::Names,
    t,
    time::Timestamp,
    vocabulary::vocabulary,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

vocabulary! {
    /// How far a priority or a problem profile has got, as the public reads it.
    PublicStage { Planned = "planned", UnderWay = "under_way", Done = "done" }
}

pub fn stage_name(lang: Lang, stage: PublicStage) -> String {
    match stage {
        PublicStage::Planned => t!(lang, "progress-stage-planned"),
        PublicStage::UnderWay => t!(lang, "progress-stage-under-way"),
        PublicStage::Done => t!(lang, "progress-stage-done"),
    }
}

fn started(status: ActionStatus) -> bool {
    matches!(status, ActionStatus::InProgress | ActionStatus::Done)
}

/// A priority's stage: done when the community's latest verdict is "resolved" (the community
/// decides, PACT style); under way when the latest verdict is "improving" or any linked action
/// has started (in progress or done); planned otherwise (a dropped action counts as not started).
pub fn priority_stage(actions: &[ActionStatus], latest: Option<Verdict>) -> PublicStage {
    match latest {
        Some(Verdict::Resolved) => PublicStage::Done,
        Some(Verdict::Improving) => PublicStage::UnderWay,
        _ if actions.iter().any(|s| started(*s)) => PublicStage::UnderWay,
        _ => PublicStage::Planned,
    }
}

/// A problem profile's stage: done once closed, under way once any of its actions started,
/// planned otherwise.
pub fn profile_stage(stage: Stage, actions: &[ActionStatus]) -> PublicStage {
    if stage == Stage::Closed {
        PublicStage::Done
    } else if actions.iter().any(|s| started(*s)) {
        PublicStage::UnderWay
    } else {
        PublicStage::Planned
    }
}

/// An action as progress reads it: its status and when it started and ended (if it did).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionProgress {
    pub status: ActionStatus,
    pub started_at: Option<Timestamp>,
    pub done_at: Option<Timestamp>,
}

/// A review as progress reads it: the verdict and its day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewProgress {
    pub verdict: Verdict,
    pub reviewed_on: Timestamp,
}

/// What happened, as the public timeline says it: no action's or review's words (they are
/// staff's, in one language, and not checked for identity), only what kind of event it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineEvent {
    /// The priority was set.
    Set,
    ActionStarted,
    ActionDone,
    Reviewed(Verdict),
    /// The problem profile was closed.
    Closed,
}

/// One dated event and the stage it left the priority (or profile) at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub on: Timestamp,
    pub event: TimelineEvent,
    pub stage: PublicStage,
}

/// Events in date order, each with the stage
/// `stage_after` gives from the actions' statuses at that moment and the latest verdict so far.
fn replay(
    mut events: Vec<(Timestamp, TimelineEvent, usize)>,
    actions: usize,
    stage_after: impl Fn(&[ActionStatus], Option<Verdict>, bool) -> PublicStage,
) -> Vec<TimelineEntry> {
    let order = |e: &TimelineEvent| match e {
        TimelineEvent::Set => 0,
        TimelineEvent::ActionStarted => 1,
        TimelineEvent::ActionDone => 2,
        TimelineEvent::Reviewed(_) => 3,
        TimelineEvent::Closed => 4,
    };
    // By day first: a review is dated by its day alone (its start), so on the day of other
    // events it comes after them (set, started, done, reviewed, closed), then by time.
    events.sort_by_key(|(on, e, i)| (on.div_euclid(86_400), order(e), *on, *i));
    let mut statuses = vec![ActionStatus::Planned; actions];
    let (mut latest, mut closed) = (None, false);
    events
        .into_iter()
        .map(|(on, event, i)| {
            match event {
                TimelineEvent::ActionStarted => statuses[i] = ActionStatus::InProgress,
                TimelineEvent::ActionDone => statuses[i] = ActionStatus::Done,
                TimelineEvent::Reviewed(v) => latest = Some(v),
                TimelineEvent::Closed => closed = true,
                TimelineEvent::Set => {}
            }
            TimelineEntry { on, event, stage: stage_after(&statuses, latest, closed) }
        })
        .collect()
}

fn action_events(actions: &[ActionProgress]) -> Vec<(Timestamp, TimelineEvent, usize)> {
    let mut events = Vec::new();
    for (i, a) in actions.iter().enumerate() {
        // A dropped action left no mark on the public timeline.
        if a.status == ActionStatus::Dropped {
            continue;
        }
        if let Some(at) = a.started_at.filter(|_| started(a.status)) {
            events.push((at, TimelineEvent::ActionStarted, i));
        }
        if let Some(at) = a.done_at.filter(|_| a.status == ActionStatus::Done) {
            events.push((at, TimelineEvent::ActionDone, i));
        }
    }
    events
}

/// A priority's public timeline: set, each linked action started and done, each review with its
/// verdict, oldest first, each with the stage it left the priority at.
pub fn priority_timeline(
    set_on: Timestamp,
    actions: &[ActionProgress],
    reviews: &[ReviewProgress],
) -> Vec<TimelineEntry> {
    let mut events = action_events(actions);
    events.push((set_on, TimelineEvent::Set, 0));
    events.extend(reviews.iter().map(|r| (r.reviewed_on, TimelineEvent::Reviewed(r.verdict), 0)));
    replay(events, actions.len(), |statuses, latest, _| priority_stage(statuses, latest))
}

/// A problem profile's public timeline: each action started and done, and its closing.
pub fn profile_timeline(actions: &[ActionProgress], closed_on: Option<Timestamp>) -> Vec<TimelineEntry> {
    let mut events = action_events(actions);
    events.extend(closed_on.map(|at| (at, TimelineEvent::Closed, 0)));
    replay(events, actions.len(), |statuses, _, closed| {
        profile_stage(if closed { Stage::Closed } else { Stage::Response }, statuses)
    })
}

/// What a timeline entry says happened, in `lang`.
pub fn event_words(lang: Lang, event: TimelineEvent) -> String {
    match event {
        TimelineEvent::Set => t!(lang, "progress-event-set"),
        TimelineEvent::ActionStarted => t!(lang, "progress-event-action-started"),
        TimelineEvent::ActionDone => t!(lang, "progress-event-action-done"),
        TimelineEvent::Reviewed(v) => {
            let verdict = match v {
                Verdict::Resolved => t!(lang, "priority-verdict-resolved"),
                Verdict::Improving => t!(lang, "priority-verdict-improving"),
                Verdict::NotResolved => t!(lang, "priority-verdict-not-resolved"),
            };
            t!(lang, "progress-event-reviewed", verdict = verdict)
        }
        TimelineEvent::Closed => t!(lang, "progress-event-closed"),
    }
}

/// A resident to tell when a priority moves: their address and language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raiser {
    pub email: String,
    pub language: Lang,
}

/// One email per address (compared without case), in the language first given with it.
pub fn one_per_address(raisers: Vec<Raiser>) -> Vec<Raiser> {
    let mut seen = std::collections::HashSet::new();
    raisers.into_iter().filter(|r| seen.insert(r.email.trim().to_lowercase())).collect()
}

/// The email telling a resident a priority they raised moved: its new stage and the
/// neighbourhood's public page. Its private stop link is added by the caller (`stop_news`).
pub fn moved_email(
    lang: Lang,
    title: &Names,
    neighbourhood: &Names,
    stage: PublicStage,
    page: &str,
) -> (String, String) {
    let (title, neighbourhood) = (title.get(lang).to_string(), neighbourhood.get(lang).to_string());
    let stage = stage_name(lang, stage);
    (
        t!(lang, "progress-email-subject", title = title.clone(), stage = stage.clone()),
        t!(
            lang,
            "progress-email-body",
            title = title,
            neighbourhood = neighbourhood,
            stage = stage,
            page = page
        ),
    )
}

/// The survey's last-step fields for the two optional choices.
pub const TELL_FIELD: &str = "optin_tell";
pub const EMAIL_FIELD: &str = "optin_email";
pub const QUOTE_FIELD: &str = "optin_quote";

/// Posted fields by name (as `respond::Fields`).
pub type Fields = HashMap<String, Vec<String>>;

/// What a respondent chose on the last step: an address to be told at (consent given by ticking
/// the box), and whether their words may be quoted without their name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OptIn {
    pub email: Option<String>,
    pub may_quote: bool,
}

/// Why the last step's choices were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptInProblem {
    /// The box is ticked but the address is missing or cannot be written to.
    Email,
    /// An address without the box ticked: nothing is kept without consent.
    NotTicked,
}

impl OptInProblem {
    /// The id of the input the error summary links to.
    pub fn target(self) -> &'static str {
        match self {
            OptInProblem::Email => "optin-email",
            OptInProblem::NotTicked => "optin-tell",
        }
    }
}

pub fn opt_in_message(lang: Lang, problem: OptInProblem) -> String {
    match problem {
        OptInProblem::Email => t!(lang, "optin-error-email"),
        OptInProblem::NotTicked => t!(lang, "optin-error-not-ticked"),
    }
}

fn value<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields.get(name).and_then(|v| v.first()).map(|s| s.trim()).unwrap_or("")
}

fn ticked(fields: &Fields, name: &str) -> bool {
    value(fields, name) == "yes"
}

/// A usable address, normalised as the survey's other email forms do; none when it is not one.
pub fn usable_email(typed: &str) -> Option<String> {
    let email = crate::limits::email_key(typed);
    (crate::staff::accounts::looks_like_email(&email) && crate::reporting::valid_email(&email))
        .then_some(email)
}

/// Reads the two choices: both optional, but a ticked "email me" needs a usable address, and
/// an address is kept only with the box ticked.
pub fn read_opt_in(fields: &Fields) -> Result<OptIn, OptInProblem> {
    let may_quote = ticked(fields, QUOTE_FIELD);
    let typed = value(fields, EMAIL_FIELD);
    let email = match (ticked(fields, TELL_FIELD), typed.is_empty()) {
        (true, _) => Some(usable_email(typed).ok_or(OptInProblem::Email)?),
        (false, false) => return Err(OptInProblem::NotTicked),
        (false, true) => None,
    };
    Ok(OptIn { email, may_quote })
}

/// The choices' fields of a posted form (`optin_...`), one value each.
pub fn opt_in_fields(posted: &[(String, String)]) -> Fields {
    let mut out = Fields::new();
    for name in [TELL_FIELD, EMAIL_FIELD, QUOTE_FIELD] {
        if let Some((_, v)) = posted.iter().find(|(k, _)| k == name) {
            out.insert(name.to_string(), vec![v.chars().take(300).collect()]);
        }
    }
    out
}

/// `saved` with the choices replaced by those posted (an unticked box is no field at all).
pub fn merge_opt_in(saved: &Fields, posted: &Fields) -> Fields {
    let mut out: Fields =
        saved.iter().filter(|(k, _)| !k.starts_with("optin_")).map(|(k, v)| (k.clone(), v.clone())).collect();
    out.extend(posted.iter().filter(|(k, _)| k.starts_with("optin_")).map(|(k, v)| (k.clone(), v.clone())));
    out
}

/// The fields without the address: what is kept of finished answers (for the emailed copy)
/// must not hold it; only `survey_contacts` does.
pub fn without_contact(fields: &Fields) -> Fields {
    fields.iter().filter(|(k, _)| k.as_str() != EMAIL_FIELD).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// A survey choice a priority came from: the campaign, the question and the option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyChoice {
    pub campaign_id: i64,
    pub question: String,
    pub option: String,
}

impl SurveyChoice {
    /// The form's value: `campaign/question/option`.
    pub fn value(&self) -> String {
        format!("{}/{}/{}", self.campaign_id, self.question, self.option)
    }

    /// A posted value; `Ok(None)` for none chosen, `Err` for one that is not a choice's value.
    pub fn parse(value: &str) -> Result<Option<SurveyChoice>, NotAChoice> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        let mut parts = value.splitn(3, '/');
        match (parts.next().map(str::parse::<i64>), parts.next(), parts.next()) {
            (Some(Ok(campaign_id)), Some(q), Some(o)) if !q.is_empty() && !o.is_empty() => {
                Ok(Some(SurveyChoice { campaign_id, question: q.into(), option: o.into() }))
            }
            _ => Err(NotAChoice),
        }
    }
}

/// A posted value that is not `campaign/question/option`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAChoice;

/// An option a priority can be linked to, with its words: "Campaign · Question · Option".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub choice: SurveyChoice,
    pub label: Names,
}

/// The options of a campaign's survey (questions with options only), labelled.
pub fn choice_options(
    campaign_id: i64,
    campaign: &Names,
    survey: &super::survey::Survey,
) -> Vec<ChoiceOption> {
    let mut out = Vec::new();
    for q in survey.questions.iter().filter(|q| q.kind.has_options()) {
        for o in &q.options {
            let label =
                |lang: Lang| format!("{} · {} · {}", campaign.get(lang), q.text.get(lang), o.label.get(lang));
            out.push(ChoiceOption {
                choice: SurveyChoice { campaign_id, question: q.key.clone(), option: o.key.clone() },
                label: Names::new(label(Lang::En), label(Lang::Cy)),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActionStatus::*;

    const DAY: i64 = 86_400;

    #[test]
    fn a_priority_is_done_only_when_the_community_says_resolved() {
        assert_eq!(priority_stage(&[], None), PublicStage::Planned);
        assert_eq!(priority_stage(&[Planned, Dropped], None), PublicStage::Planned);
        assert_eq!(priority_stage(&[Planned, InProgress], None), PublicStage::UnderWay);
        assert_eq!(priority_stage(&[Done, Done], None), PublicStage::UnderWay, "work done, verdict awaited");
        assert_eq!(priority_stage(&[], Some(Verdict::Improving)), PublicStage::UnderWay);
        assert_eq!(priority_stage(&[], Some(Verdict::NotResolved)), PublicStage::Planned);
        assert_eq!(priority_stage(&[InProgress], Some(Verdict::NotResolved)), PublicStage::UnderWay);
        assert_eq!(priority_stage(&[Planned], Some(Verdict::Resolved)), PublicStage::Done);
    }

    #[test]
    fn a_profile_is_done_once_closed() {
        assert_eq!(profile_stage(Stage::Scanning, &[]), PublicStage::Planned);
        assert_eq!(profile_stage(Stage::Response, &[Planned, Dropped]), PublicStage::Planned);
        assert_eq!(profile_stage(Stage::Response, &[Planned, InProgress]), PublicStage::UnderWay);
        assert_eq!(profile_stage(Stage::Assessment, &[Done]), PublicStage::UnderWay);
        assert_eq!(profile_stage(Stage::Closed, &[]), PublicStage::Done);
        assert_eq!(
            PublicStage::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            ["planned", "under_way", "done"]
        );
    }

    #[test]
    fn the_timeline_is_dated_events_with_the_stage_each_left() {
        let set = 1_790_000_000;
        let actions = [
            ActionProgress { status: Done, started_at: Some(set + DAY), done_at: Some(set + 5 * DAY) },
            ActionProgress { status: InProgress, started_at: Some(set + 3 * DAY), done_at: None },
            // Dropped and planned actions leave no mark.
            ActionProgress { status: Dropped, started_at: Some(set + 2 * DAY), done_at: None },
            ActionProgress { status: Planned, started_at: None, done_at: None },
        ];
        let reviews = [
            ReviewProgress { verdict: Verdict::Improving, reviewed_on: set + 10 * DAY },
            ReviewProgress { verdict: Verdict::Resolved, reviewed_on: set + 20 * DAY },
        ];
        let t = priority_timeline(set, &actions, &reviews);
        let got: Vec<(i64, TimelineEvent, PublicStage)> =
            t.iter().map(|e| ((e.on - set) / DAY, e.event, e.stage)).collect();
        assert_eq!(
            got,
            vec![
                (0, TimelineEvent::Set, PublicStage::Planned),
                (1, TimelineEvent::ActionStarted, PublicStage::UnderWay),
                (3, TimelineEvent::ActionStarted, PublicStage::UnderWay),
                (5, TimelineEvent::ActionDone, PublicStage::UnderWay),
                (10, TimelineEvent::Reviewed(Verdict::Improving), PublicStage::UnderWay),
                (20, TimelineEvent::Reviewed(Verdict::Resolved), PublicStage::Done),
            ]
        );
        // The last entry's stage is the priority's stage now.
        let now = priority_stage(&actions.map(|a| a.status), Some(Verdict::Resolved));
        assert_eq!(t.last().unwrap().stage, now);
        // A review on the day the priority was set (dated by its day's start) comes after it.
        let day = set - set.rem_euclid(DAY);
        let t =
            priority_timeline(set, &[], &[ReviewProgress { verdict: Verdict::Resolved, reviewed_on: day }]);
        assert_eq!(
            t.iter().map(|e| e.event).collect::<Vec<_>>(),
            [TimelineEvent::Set, TimelineEvent::Reviewed(Verdict::Resolved)]
        );
        // An action done with no start recorded (before starts were kept) shows only its end;
        // a not-resolved verdict with no action started leaves it planned.
        let t = priority_timeline(
            set,
            &[ActionProgress { status: Done, started_at: None, done_at: Some(set + DAY) }],
            &[ReviewProgress { verdict: Verdict::NotResolved, reviewed_on: set + 2 * DAY }],
        );
        assert_eq!(
            t.iter().map(|e| (e.event, e.stage)).collect::<Vec<_>>(),
            vec![
                (TimelineEvent::Set, PublicStage::Planned),
                (TimelineEvent::ActionDone, PublicStage::UnderWay),
                (TimelineEvent::Reviewed(Verdict::NotResolved), PublicStage::UnderWay),
            ]
        );
        let p = profile_timeline(&actions, Some(set + 30 * DAY));
        assert_eq!(p.first().map(|e| e.stage), Some(PublicStage::UnderWay));
        assert_eq!(p.last().map(|e| (e.event, e.stage)), Some((TimelineEvent::Closed, PublicStage::Done)));
        assert!(profile_timeline(&[], None).is_empty());
    }

    #[test]
    fn timeline_words_and_stages_are_in_both_languages() {
        for stage in PublicStage::ALL {
            assert_ne!(stage_name(Lang::En, *stage), stage_name(Lang::Cy, *stage));
        }
        for e in [
            TimelineEvent::Set,
            TimelineEvent::ActionStarted,
            TimelineEvent::ActionDone,
            TimelineEvent::Reviewed(Verdict::Improving),
            TimelineEvent::Closed,
        ] {
            let (en, cy) = (event_words(Lang::En, e), event_words(Lang::Cy, e));
            assert!(!en.is_empty() && en != cy, "{e:?}");
        }
        let title = Names::new("Speeding", "Goryrru");
        let place = Names::new("Cathays", "Cathays");
        let (subject, body) = moved_email(Lang::Cy, &title, &place, PublicStage::Done, "https://hub/cy/n/x");
        assert!(subject.contains("Goryrru") && body.contains("https://hub/cy/n/x"), "{subject} {body}");
        assert!(body.contains(&stage_name(Lang::Cy, PublicStage::Done)));
    }

    #[test]
    fn one_email_per_address() {
        let r = |email: &str, language| Raiser { email: email.into(), language };
        let told = one_per_address(vec![
            r("sian@example.cymru", Lang::Cy),
            r("Sian@Example.Cymru", Lang::En),
            r("tom@example.org", Lang::En),
        ]);
        assert_eq!(told, vec![r("sian@example.cymru", Lang::Cy), r("tom@example.org", Lang::En)]);
    }

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        opt_in_fields(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>())
    }

    #[test]
    fn the_last_steps_choices_are_optional_but_an_address_needs_consent() {
        assert_eq!(read_opt_in(&fields(&[])), Ok(OptIn::default()));
        assert_eq!(
            read_opt_in(&fields(&[(TELL_FIELD, "yes"), (EMAIL_FIELD, " Sian@Example.Cymru ")])),
            Ok(OptIn { email: Some("sian@example.cymru".into()), may_quote: false })
        );
        assert_eq!(read_opt_in(&fields(&[(QUOTE_FIELD, "yes")])), Ok(OptIn { email: None, may_quote: true }));
        assert_eq!(read_opt_in(&fields(&[(TELL_FIELD, "yes")])), Err(OptInProblem::Email));
        for bad in ["not an address", "sian@", "sian@example", "a b@example.cymru"] {
            let f = fields(&[(TELL_FIELD, "yes"), (EMAIL_FIELD, bad)]);
            assert_eq!(read_opt_in(&f), Err(OptInProblem::Email), "{bad}");
        }
        assert_eq!(
            read_opt_in(&fields(&[(EMAIL_FIELD, "sian@example.cymru")])),
            Err(OptInProblem::NotTicked)
        );
        for p in [OptInProblem::Email, OptInProblem::NotTicked] {
            assert_ne!(opt_in_message(Lang::En, p), opt_in_message(Lang::Cy, p));
        }
        // Posted choices replace saved ones; the address is never kept with finished answers.
        let saved = fields(&[(TELL_FIELD, "yes"), (EMAIL_FIELD, "a@b.cymru")]);
        let mut merged = merge_opt_in(&saved, &fields(&[(QUOTE_FIELD, "yes")]));
        assert!(!merged.contains_key(TELL_FIELD) && merged.contains_key(QUOTE_FIELD));
        merged.insert("q_q1".into(), vec!["yes".into()]);
        merged.insert(EMAIL_FIELD.into(), vec!["a@b.cymru".into()]);
        let kept = without_contact(&merged);
        assert!(!kept.contains_key(EMAIL_FIELD) && kept.contains_key("q_q1"));
    }

    #[test]
    fn survey_choices_are_posted_as_one_value() {
        let c = SurveyChoice { campaign_id: 7, question: "q1".into(), option: "speeding".into() };
        assert_eq!(SurveyChoice::parse(&c.value()), Ok(Some(c)));
        assert_eq!(SurveyChoice::parse(" "), Ok(None));
        for bad in ["x/q1/o", "7/q1", "7//o", "7/q1/"] {
            assert_eq!(SurveyChoice::parse(bad), Err(NotAChoice), "{bad}");
        }
    }
}
