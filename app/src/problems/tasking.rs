//! Tasking and coordinating: the meeting page for a date assembles its agenda from the data
//! (new suggested problems, open profiles by priority, overdue actions, intelligence graded
//! since the last meeting) and records attendees, decisions and new actions; it prints cleanly.
//! The control strategy page holds the CSP's priorities under prevention, intelligence,
//! enforcement and reassurance, each linked to the profiles serving it.

use crate::staff::CspAccess;
use crate::{
    db::{
        self,
        problems::Audience,
        tasking::{Meeting, NewItem, OverdueAction, Priority as ControlPriority},
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    problems::{
        analysis,
        pages::{family_name, reason, suggestion_title, Outcome},
        parse_day, priority_name,
        records::ProfileSummary,
        stage_name, strand_name, text, Stage, Strand, MAX_TEXT, MAX_TITLE,
    },
    reference::Names,
    shell::outcome::Outcome,
    shell::{page::Page, use_lang, CspPicker},
    staff::{
        kept::{self, KeptForm},
        pages::require_user,
        Permission, StaffUser,
    },
    t,
};
use crate::{shell::form::Posted, staff::guard::Staff, state::AppState};
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;

/// A suggestion as the agenda shows it: title, reason, and the reports behind it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AgendaSuggestion {
    pub title: String,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TaskingView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub date: String,
    pub since: String,
    pub meeting: Meeting,
    pub suggestions: Vec<AgendaSuggestion>,
    pub profiles: Vec<ProfileSummary>,
    pub overdue: Vec<OverdueAction>,
    pub items: Vec<NewItem>,
    pub priorities: Vec<ControlPriority>,
    pub earlier: Vec<String>,
    pub can_edit: bool,
    /// The meeting's record or a new action, as typed when it was refused (`?kept=`).
    pub kept: KeptForm,
    /// The weekly tension summary's headline for the meeting's week, for those with ViewTension.
    pub tension: Option<crate::tension::summary::Headline>,
}

/// The page key refused tasking forms are kept under (see `staff::kept`).
fn tasking_page(slug: &str, date: &str) -> String {
    format!("tasking/{slug}/{date}")
}

pub async fn tasking_view(
    csp: Option<String>,
    date: Option<String>,
    kept: Option<String>,
) -> Result<TaskingView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let lang = use_lang();
    let allowed = user.csps_where(Permission::ViewProblems);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let now = db::now();
    let held_on = match date.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => parse_day(d).ok_or_else(|| reject(AppError::Invalid))?,
        None => now.div_euclid(DAY) * DAY,
    };
    let db = &state.db;
    let earlier = db::tasking::meetings_before(db, csp_id, held_on, 6).await.map_err(internal)?;
    let since = match earlier.first() {
        Some(d) => *d,
        None => held_on - db::tasking::tasking_interval(db, csp_id).await.map_err(internal)? * DAY,
    };
    let (neighbourhoods, _) = db::problems::choices(db, csp_id).await.map_err(internal)?;
    let area = |id: i64| {
        neighbourhoods
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, n)| n.get(lang).to_string())
            .unwrap_or_default()
    };
    let (new, _) = analysis::suggestions(db, &state.wards, csp_id, now).await.map_err(internal)?;
    let suggestions = new
        .iter()
        .take(crate::problems::pages::MAX_SUGGESTIONS)
        .map(|s| {
            let (a, f) = (area(s.neighbourhood_id), family_name(lang, s.family.as_str()));
            AgendaSuggestion { title: suggestion_title(lang, s, &a, &f), reason: reason(lang, s, &a, &f) }
        })
        .collect();
    let profiles = crate::problems::records::list(db, csp_id, Audience::Csp, now)
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|p| p.stage != Stage::Closed)
        .collect();
    let kept =
        kept::kept(db, user.id, &tasking_page(&slug, &crate::time::iso_date(held_on)), kept.as_deref()).await;
    let tension = crate::tension::summary::headline_for_tasking(
        db,
        &state.wards,
        &user,
        csp_id,
        &slug,
        held_on,
        now,
        lang,
    )
    .await
    .map_err(internal)?;
    Ok(TaskingView {
        tension,
        kept,
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        date: crate::time::iso_date(held_on),
        since: crate::time::iso_date(since),
        meeting: db::tasking::meeting(db, csp_id, held_on)
            .await
            .map_err(internal)?
            .unwrap_or_else(|| Meeting { held_on, ..Default::default() }),
        suggestions,
        profiles,
        overdue: db::tasking::overdue_actions(db, csp_id, crate::problems::overdue_due_by(held_on.max(now)))
            .await
            .map_err(internal)?,
        items: db::tasking::items_graded(db, csp_id, since, held_on + DAY).await.map_err(internal)?,
        priorities: db::tasking::priorities(db, csp_id).await.map_err(internal)?,
        earlier: earlier.into_iter().map(crate::time::iso_date).collect(),
        can_edit: user.can(Permission::RunTasking, csp_id),
    })
}

#[component]
pub fn TaskingPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = tasking_view(q.get("csp"), q.get("date"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "tasking-title") load render=move |view| tasking(lang, view)>
            <Outcome lang />
        </Page>
    }
}

/// A tasking meeting's page: which meeting, its agenda assembled from the data, and its record.
fn tasking(lang: Lang, v: TaskingView) -> impl IntoView {
    let TaskingView {
        csps,
        selected,
        date,
        since,
        meeting,
        suggestions,
        profiles,
        overdue,
        items,
        priorities,
        earlier,
        can_edit,
        kept,
        tension,
    } = v;
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <MeetingPicker lang selected=selected.clone() date=date.clone() earlier />
        {view! {
            <p class="meta">{t!(lang, "tasking-meeting-on", date = crate::time::date_from_iso(lang, &date), since = crate::time::date_from_iso(lang, &since))}</p>
            <AgendaSuggestions lang suggestions />
            <AgendaProfiles lang profiles=profiles.clone() />
            <AgendaOverdue lang overdue />
            <AgendaItems lang items />
            <AgendaStrategy lang priorities />
            {tension.map(|headline| view! { <crate::tension::summary::AgendaTension lang headline /> })}
        }
        .into_any()}
        <MeetingRecord lang meeting can_edit selected date profiles kept />
    }
}

/// Which meeting: a date to open, and the earlier meetings' dates.
#[component]
fn MeetingPicker(lang: Lang, selected: String, date: String, earlier: Vec<String>) -> impl IntoView {
    view! {
        <form method="get" class="form inline-fields no-print">
            <input type="hidden" name="csp" value=selected.clone() />
            <div class="field">
                <label for="meeting-date">{t!(lang, "tasking-date")}</label>
                <input id="meeting-date" name="date" type="date" value=date />
            </div>
            <button type="submit" class="button">{t!(lang, "tasking-open")}</button>
        </form>
        {(!earlier.is_empty()).then(|| view! {
            <p class="no-print">{t!(lang, "tasking-earlier")} " "
                {earlier.iter().map(|d| view! { <a href=lang.path(&format!("/staff/tasking?csp={selected}&date={d}"))>{crate::time::date_from_iso(lang, d)}</a> " " }).collect_view()}
            </p>
        })}
    }
}

/// The agenda's first item: new problems the hub suggests.
#[component]
fn AgendaSuggestions(lang: Lang, suggestions: Vec<AgendaSuggestion>) -> impl IntoView {
    view! {
        <section aria-labelledby="agenda-suggestions">
            <h2 id="agenda-suggestions">{t!(lang, "tasking-suggestions")}</h2>
            {suggestions.is_empty().then(|| view! { <p>{t!(lang, "problems-suggestions-none")}</p> })}
            <ol>{suggestions.into_iter().map(|s| view! { <li><strong>{s.title}</strong> " " {s.reason}</li> }).collect_view()}</ol>
        </section>
    }
}

/// The open profiles by priority, with their open and overdue actions.
#[component]
fn AgendaProfiles(lang: Lang, profiles: Vec<ProfileSummary>) -> impl IntoView {
    view! {
        <section aria-labelledby="agenda-profiles">
            <h2 id="agenda-profiles">{t!(lang, "tasking-profiles")}</h2>
            {profiles.is_empty().then(|| view! { <p>{t!(lang, "problems-none")}</p> })}
            <ol>
                {profiles.iter().map(|p| view! {
                    <li>
                        <a href=lang.path(&format!("/staff/problems/{}", p.reference))>{format!("{} · {}", p.reference, p.title)}</a>
                        {format!(" · {} · {} · ", priority_name(lang, p.priority), stage_name(lang, p.stage))}
                        {t!(lang, "tasking-profile-actions", open = p.actions_open, overdue = p.actions_overdue)}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The actions past their due day, across the profiles.
#[component]
fn AgendaOverdue(lang: Lang, overdue: Vec<OverdueAction>) -> impl IntoView {
    view! {
        <section aria-labelledby="agenda-overdue">
            <h2 id="agenda-overdue">{t!(lang, "tasking-overdue")}</h2>
            {overdue.is_empty().then(|| view! { <p>{t!(lang, "tasking-overdue-none")}</p> })}
            {(!overdue.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="stack">
                        <caption class="visually-hidden">{t!(lang, "tasking-overdue")}</caption>
                        <thead><tr>
                            <th scope="col">{t!(lang, "action-title")}</th>
                            <th scope="col">{t!(lang, "problems-col-profile")}</th>
                            <th scope="col">{t!(lang, "action-owner")}</th>
                            <th scope="col">{t!(lang, "action-due")}</th>
                        </tr></thead>
                        <tbody>
                            {overdue.iter().map(|a| view! {
                                <tr>
                                    <td class="stack-title">{a.title.clone()}</td>
                                    <td data-label=t!(lang, "problems-col-profile")><a href=lang.path(&format!("/staff/problems/{}", a.profile))>{a.profile.clone()}</a></td>
                                    <td data-label=t!(lang, "action-owner")>{[a.organisation.clone().unwrap_or_default(), a.owner.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</td>
                                    <td data-label=t!(lang, "action-due")>{crate::time::date(lang, a.due_on)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// The intelligence items graded since the last meeting, and the profile each is in.
#[component]
fn AgendaItems(lang: Lang, items: Vec<NewItem>) -> impl IntoView {
    view! {
        <section aria-labelledby="agenda-items">
            <h2 id="agenda-items">{t!(lang, "tasking-items", count = (items.len() as i64))}</h2>
            {items.is_empty().then(|| view! { <p>{t!(lang, "tasking-items-none")}</p> })}
            <ul>
                {items.iter().map(|i| view! {
                    <li>
                        {crate::triage::pages::item_reference_link(lang, &i.reference, i.source)}
                        {format!(" · {} · {} · {} · {}", i.grade, crate::triage::pages::item_origin(lang, i.category.as_ref(), i.source), i.neighbourhood.get(lang), i.summary)}
                        {i.in_profile.clone().map(|p| view! { " " <span class="tag">{t!(lang, "tasking-in-profile", reference = p)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The control strategy's priorities and the profiles serving each.
#[component]
fn AgendaStrategy(lang: Lang, priorities: Vec<ControlPriority>) -> impl IntoView {
    view! {
        <section aria-labelledby="agenda-strategy">
            <h2 id="agenda-strategy">{t!(lang, "strategy-title")}</h2>
            {priorities.is_empty().then(|| view! { <p>{t!(lang, "strategy-none")}</p> })}
            <ul>
                {priorities.iter().map(|p| view! {
                    <li>{format!("{}: {} ({})", strand_name(lang, p.strand), p.title, p.profiles.iter().map(|s| s.reference.clone()).collect::<Vec<_>>().join(", "))}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The meeting's record: attendees and decisions; for those who run the meeting, the form to
/// save them and one to add an action to a profile.
#[component]
fn MeetingRecord(
    lang: Lang,
    meeting: Meeting,
    can_edit: bool,
    /// The CSP's slug and the meeting's date, which the forms post back.
    selected: String,
    date: String,
    /// The open profiles an action can be added to.
    profiles: Vec<ProfileSummary>,
    kept: KeptForm,
) -> impl IntoView {
    let k = kept;
    let post = lang.path("/staff/tasking");
    view! {
        <section aria-labelledby="record-heading" class="card">
            <h2 id="record-heading">{t!(lang, "tasking-record")}</h2>
            <h3>{t!(lang, "tasking-attendees")}</h3>
            <p class="history-detail">{if meeting.attendees.is_empty() { t!(lang, "profile-not-written") } else { meeting.attendees.clone() }}</p>
            <h3>{t!(lang, "tasking-decisions")}</h3>
            <p class="history-detail">{if meeting.decisions.is_empty() { t!(lang, "profile-not-written") } else { meeting.decisions.clone() }}</p>
            {can_edit.then(|| view! {
                <form method="post" action=post.clone() class="form">
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="csp" value=selected.clone() />
                    <input type="hidden" name="date" value=date.clone() />
                    <input type="hidden" name="version" value=meeting.version.to_string() />
                    <div class="field">
                        <label for="attendees">{t!(lang, "tasking-attendees")}</label>
                        <textarea id="attendees" name="attendees" rows="2" maxlength="4000">{k.value("record", "attendees", meeting.attendees.clone())}</textarea>
                    </div>
                    <div class="field">
                        <label for="decisions">{t!(lang, "tasking-decisions")}</label>
                        <textarea id="decisions" name="decisions" rows="6" maxlength="4000">{k.value("record", "decisions", meeting.decisions.clone())}</textarea>
                    </div>
                    <button type="submit" class="button">{t!(lang, "tasking-save")}</button>
                </form>
                <NewTaskingAction lang action=format!("{post}/action") selected date profiles kept=k.clone() />
            })}
        </section>
    }
    .into_any()
}

/// The form to add an action to a profile from the meeting (a refused one as typed).
#[component]
fn NewTaskingAction(
    lang: Lang,
    action: String,
    selected: String,
    date: String,
    profiles: Vec<ProfileSummary>,
    kept: KeptForm,
) -> impl IntoView {
    let k = kept;
    view! {
        <h3>{t!(lang, "tasking-new-action")}</h3>
        <form method="post" action=action class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="csp" value=selected />
            <input type="hidden" name="date" value=date />
            <div class="field">
                <label for="action-profile">{t!(lang, "problems-col-profile")}</label>
                <select id="action-profile" name="profile" required>
                    {profiles.iter().map(|p| view! { <option value=p.reference.clone() selected=k.is_for("action", "profile", &p.reference)>{format!("{} · {}", p.reference, p.title)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tasking-action-title">{t!(lang, "action-title")}</label>
                <input id="tasking-action-title" name="title" type="text" required maxlength="200" value=k.value("action", "title", "") />
            </div>
            <div class="field">
                <label for="tasking-action-owner">{t!(lang, "action-owner-person")}</label>
                <input id="tasking-action-owner" name="owner" type="text" maxlength="200" value=k.value("action", "owner", "") />
            </div>
            <div class="field">
                <label for="tasking-action-due">{t!(lang, "action-due")}</label>
                <input id="tasking-action-due" name="due_on" type="date" value=k.value("action", "due_on", "") />
            </div>
            <button type="submit" class="button">{t!(lang, "action-add")}</button>
        </form>
    }
}

/// Back to the tasking page of `date` (a checked date; none: today's), with the outcome.
fn back_to_tasking(lang: Lang, slug: &str, date: Option<&str>, outcome: impl std::fmt::Display) -> Response {
    let mut query = vec![("csp", slug)];
    if let Some(date) = date {
        query.push(("date", date));
    }
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    Redirect::to(&format!("{}?{query}&{outcome}", lang.path("/staff/tasking"))).into_response()
}

/// A tasking meeting's record.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub csp: String,
    pub date: String,
    pub version: String,
    pub attendees: String,
    pub decisions: String,
}

/// `POST /staff/tasking`: saves a meeting's record.
pub async fn save(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<MeetingForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::RunTasking, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let (csp_id, slug, user) = (csp.csp_id, csp.slug, &staff.user);
    let Some(held_on) = parse_day(&form.date) else {
        return back_to_tasking(lang, &slug, None, Outcome::MeetingDate);
    };
    let date = crate::time::iso_date(held_on);
    let back = |outcome: &dyn std::fmt::Display| back_to_tasking(lang, &slug, Some(&date), outcome);
    // Refused (too long, or someone else saved first): back as typed, to compare and save again.
    let page = tasking_page(&slug, &date);
    let refused = |error: Outcome| kept::refusal(&state.db, user.id, &page, "record", &fields, error);
    let (attendees, decisions) = match (text(&form.attendees, MAX_TEXT), text(&form.decisions, MAX_TEXT)) {
        (Ok(a), Ok(d)) => (a, d),
        _ => return back(&refused(Outcome::TooLong).await),
    };
    let version: i64 = form.version.parse().unwrap_or(-1);
    match db::tasking::save_meeting(&state.db, csp_id, held_on, version, &attendees, &decisions, user.id)
        .await
    {
        Ok(true) => back(&Outcome::Saved),
        Ok(false) => back(&refused(Outcome::ProfileStale).await),
        Err(e) => {
            tracing::error!(error = %e, "could not save a tasking meeting");
            back(&Outcome::ProblemsUnavailable)
        }
    }
}

/// An action added to a profile at the meeting.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeetingActionForm {
    pub csp: String,
    pub date: String,
    /// The profile's reference.
    pub profile: String,
    pub title: String,
    pub owner: String,
    pub due_on: String,
}

/// `POST /staff/tasking/action`: adds an action to a profile at the meeting, and records it
/// among the meeting's decisions.
pub async fn add_action(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<MeetingActionForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::RunTasking, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let (csp_id, slug, user) = (csp.csp_id, csp.slug, &staff.user);
    let Some(held_on) = parse_day(&form.date) else {
        return back_to_tasking(lang, &slug, None, Outcome::MeetingDate);
    };
    let date = crate::time::iso_date(held_on);
    let back = |outcome: &dyn std::fmt::Display| back_to_tasking(lang, &slug, Some(&date), outcome);
    // Refused for a mistake: back as it was typed.
    let page = tasking_page(&slug, &date);
    let refused = |error: Outcome| kept::refusal(&state.db, user.id, &page, "action", &fields, error);
    let title = match text(&form.title, MAX_TITLE) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => return back(&refused(Outcome::Title).await),
        Err(_) => return back(&refused(Outcome::TooLong).await),
    };
    let Ok(owner) = text(&form.owner, MAX_TITLE) else { return back(&refused(Outcome::TooLong).await) };
    let due_on = match form.due_on.trim() {
        "" => None,
        d => match parse_day(d) {
            Some(d) => Some(d),
            None => return back(&refused(Outcome::Due).await),
        },
    };
    let reference = form.profile.clone();
    let (id, version) = match db::problems::find(&state.db, &reference).await {
        Ok(Some(found)) if found.csp_id == csp_id => (found.id, found.version),
        Ok(_) => return back(&refused(Outcome::Item).await),
        Err(e) => {
            tracing::error!(error = %e, "tasking: could not find a profile");
            return back(&Outcome::ProblemsUnavailable);
        }
    };
    let due_text = due_on.map(|d| format!(" ({})", crate::time::iso_date(d))).unwrap_or_default();
    let what = format!("{title}{due_text}");
    let action =
        db::problems::NewAction { title: &title, organisation_id: None, owner: &owner, due_on, notes: "" };
    let added = db::problems::add_action(&state.db, id, version, user.id, action, &what).await;
    if let Err(e) = added {
        return match e {
            db::problems::ChangeError::Stale => back(&refused(Outcome::ProfileStale).await),
            // A closed profile takes no more actions: said plainly, the form kept as typed.
            db::problems::ChangeError::Closed => back(&refused(Outcome::ProfileClosed).await),
            db::problems::ChangeError::Db(e) => {
                tracing::error!(error = %e, "tasking: could not add an action");
                back(&Outcome::ProblemsUnavailable)
            }
        };
    }
    let due = due_on.map(|d| format!(" ({})", crate::time::date(lang, d))).unwrap_or_default();
    let line =
        t!(lang, "tasking-action-line", reference = reference, title = title, owner = owner, due = due);
    match db::tasking::append_decision(&state.db, csp_id, held_on, &line, user.id).await {
        Ok(()) => back(&Outcome::ActionAdded),
        Err(e) => {
            tracing::error!(error = %e, "tasking: could not record the action");
            back(&Outcome::ProblemsUnavailable)
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StrategyView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub priorities: Vec<ControlPriority>,
    /// Open profiles that can be linked: (reference, title).
    pub profiles: Vec<(String, String)>,
    pub can_edit: bool,
    /// A new priority as typed when it was refused (`?kept=`).
    pub kept: KeptForm,
}

fn strategy_page(slug: &str) -> String {
    format!("control-strategy/{slug}")
}

pub async fn strategy_view(csp: Option<String>, kept: Option<String>) -> Result<StrategyView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::ViewProblems);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let profiles = crate::problems::records::list(&state.db, csp_id, Audience::Csp, db::now())
        .await
        .map_err(internal)?;
    let kept = kept::kept(&state.db, user.id, &strategy_page(&slug), kept.as_deref()).await;
    Ok(StrategyView {
        kept,
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        priorities: db::tasking::priorities(&state.db, csp_id).await.map_err(internal)?,
        profiles: profiles
            .into_iter()
            .filter(|p| p.stage != Stage::Closed)
            .map(|p| (p.reference, p.title))
            .collect(),
        can_edit: user.can(Permission::RunTasking, csp_id),
    })
}

#[component]
pub fn ControlStrategyPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = strategy_view(q.get("csp"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "strategy-title") load render=move |view| strategy(lang, view)>
            <Outcome lang />
        </Page>
    }
}

fn strategy(lang: Lang, v: StrategyView) -> impl IntoView {
    let StrategyView { csps, selected, priorities, profiles, can_edit, kept: k } = v;
    let post = move |change: &str| lang.path(&format!("/staff/control-strategy/{change}"));
    let hidden = {
        let selected = selected.clone();
        move || {
            view! {
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=selected.clone() />
            }
        }
    };
    let strands = Strand::ALL
        .iter()
        .map(|strand| {
            let these: Vec<&ControlPriority> = priorities.iter().filter(|p| p.strand == *strand).collect();
            let heading = format!("strand-{}", strand.as_str());
            let labelled_by = heading.clone();
            view! {
                <section aria-labelledby=labelled_by class="card">
                    <h2 id=heading>{strand_name(lang, *strand)}</h2>
                    {these.is_empty().then(|| view! { <p>{t!(lang, "strategy-strand-none")}</p> })}
                    {these.iter().map(|p| {
                        let id = p.id;
                        view! {
                            <h3>{p.title.clone()}</h3>
                            {(!p.description.is_empty()).then(|| view! { <p>{p.description.clone()}</p> })}
                            <p>{if p.profiles.is_empty() { t!(lang, "strategy-no-profiles") } else { t!(lang, "strategy-served-by") }}</p>
                            <ul>
                                {p.profiles.iter().map(|db::tasking::ServingProfile { reference: r, title, .. }| view! {
                                    <li>
                                        <a href=lang.path(&format!("/staff/problems/{r}"))>{format!("{r} · {title}")}</a>
                                        {can_edit.then(|| view! {
                                            <form method="post" action=post("unlink") class="inline-form">
                                                {hidden()}
                                                <input type="hidden" name="priority" value=id.to_string() />
                                                <input type="hidden" name="profile" value=r.clone() />
                                                " " <button type="submit" class="link-button">{t!(lang, "strategy-unlink", reference = r.clone())}</button>
                                            </form>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            {(can_edit && !profiles.is_empty()).then(|| view! {
                                <form method="post" action=post("link") class="form inline-fields">
                                    {hidden()}
                                    <input type="hidden" name="priority" value=id.to_string() />
                                    <div class="field">
                                        <label for=format!("link-{id}")>{t!(lang, "strategy-link-label", priority = p.title.clone())}</label>
                                        <select id=format!("link-{id}") name="profile">
                                            {profiles.iter().map(|(r, title)| view! { <option value=r.clone()>{format!("{r} · {title}")}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit" class="button">{t!(lang, "strategy-link")}</button>
                                </form>
                            })}
                            {can_edit.then(|| view! {
                                <form method="post" action=post("remove") class="inline-form">
                                    {hidden()}
                                    <input type="hidden" name="priority" value=id.to_string() />
                                    <button type="submit" class="link-button">{t!(lang, "strategy-remove", priority = p.title.clone())}</button>
                                </form>
                            })}
                        }
                    }).collect_view()}
                </section>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <p>{t!(lang, "strategy-intro")}</p>
        {strands}
        {can_edit.then(|| view! {
            <section aria-labelledby="add-priority" class="no-print">
                <h2 id="add-priority">{t!(lang, "strategy-add")}</h2>
                <form method="post" action=post("add") class="form">
                    {hidden()}
                    <div class="field">
                        <label for="priority-strand">{t!(lang, "strategy-strand")}</label>
                        <select id="priority-strand" name="strand">
                            {Strand::ALL.iter().map(|s| view! { <option value=s.as_str() selected=k.is_for("add", "strand", s.as_str())>{strand_name(lang, *s)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="priority-title">{t!(lang, "strategy-priority")}</label>
                        <input id="priority-title" name="title" type="text" required maxlength="200" value=k.value("add", "title", "") />
                    </div>
                    <div class="field">
                        <label for="priority-description">{t!(lang, "strategy-description")}</label>
                        <textarea id="priority-description" name="description" rows="2" maxlength="4000">{k.value("add", "description", "")}</textarea>
                    </div>
                    <button type="submit" class="button">{t!(lang, "strategy-add")}</button>
                </form>
            </section>
        })}
    }
}

/// A new priority of the control strategy, under one of its headings.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewPriorityForm {
    pub csp: String,
    pub strand: String,
    pub title: String,
    pub description: String,
}

/// A priority of the control strategy taken off it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PriorityForm {
    pub csp: String,
    pub priority: String,
}

/// A profile linked to (or unlinked from) a priority of the control strategy.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PriorityProfileForm {
    pub csp: String,
    pub priority: String,
    /// A profile's reference.
    pub profile: String,
}

/// The CSP of a control strategy form, where the person may run tasking; else the refusal.
#[allow(clippy::result_large_err)]
fn strategy_csp(staff: &Staff, lang: Lang, csp: &str) -> Result<(i64, String), Response> {
    staff.require_in(lang, Permission::RunTasking, csp).map(|csp| (csp.csp_id, csp.slug))
}

fn back_to_strategy(lang: Lang, slug: &str, outcome: &dyn std::fmt::Display) -> Response {
    Redirect::to(&format!("{}?csp={slug}&{outcome}", lang.path("/staff/control-strategy"))).into_response()
}

/// What a change to the control strategy came to: saved, no such priority or profile, or not
/// stored.
fn strategy_changed(lang: Lang, slug: &str, result: Result<bool, db::DbError>) -> Response {
    match result {
        Ok(true) => back_to_strategy(lang, slug, &Outcome::Saved),
        Ok(false) => back_to_strategy(lang, slug, &Outcome::Item),
        Err(e) => {
            tracing::error!(error = %e, "could not change the control strategy");
            back_to_strategy(lang, slug, &Outcome::ProblemsUnavailable)
        }
    }
}

/// `POST /staff/control-strategy/add`: a new priority (refused for a mistake, it goes back as
/// it was typed).
pub async fn add_priority(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<NewPriorityForm>,
) -> Response {
    let (csp_id, slug) = match strategy_csp(&staff, lang, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let page = strategy_page(&slug);
    let refused = |error: Outcome| kept::refusal(&state.db, staff.user.id, &page, "add", &fields, error);
    let Some(strand) = Strand::parse(&form.strand) else {
        return back_to_strategy(lang, &slug, &refused(Outcome::Stage).await);
    };
    let title = match text(&form.title, MAX_TITLE) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => return back_to_strategy(lang, &slug, &refused(Outcome::Title).await),
        Err(_) => return back_to_strategy(lang, &slug, &refused(Outcome::TooLong).await),
    };
    let Ok(description) = text(&form.description, MAX_TEXT) else {
        return back_to_strategy(lang, &slug, &refused(Outcome::TooLong).await);
    };
    let result =
        db::tasking::add_priority(&state.db, csp_id, strand, &title, &description).await.map(|_| true);
    strategy_changed(lang, &slug, result)
}

/// `POST /staff/control-strategy/remove`: a priority taken off the strategy.
pub async fn remove_priority(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<PriorityForm>,
) -> Response {
    let (csp_id, slug) = match strategy_csp(&staff, lang, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let priority: i64 = form.priority.parse().unwrap_or(0);
    strategy_changed(lang, &slug, db::tasking::remove_priority(&state.db, csp_id, priority).await)
}

async fn link_or_unlink(
    state: AppState,
    staff: Staff,
    posted: Posted<PriorityProfileForm>,
    link: bool,
) -> Response {
    let Posted { form, lang, .. } = posted;
    let (csp_id, slug) = match strategy_csp(&staff, lang, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let priority: i64 = form.priority.parse().unwrap_or(0);
    let result = db::tasking::link_priority(&state.db, csp_id, priority, &form.profile, link).await;
    strategy_changed(lang, &slug, result)
}

/// `POST /staff/control-strategy/link`: a profile serves a priority.
pub async fn link_profile(
    State(state): State<AppState>,
    staff: Staff,
    posted: Posted<PriorityProfileForm>,
) -> Response {
    link_or_unlink(state, staff, posted, true).await
}

/// `POST /staff/control-strategy/unlink`: a profile no longer serves a priority.
pub async fn unlink_profile(
    State(state): State<AppState>,
    staff: Staff,
    posted: Posted<PriorityProfileForm>,
) -> Response {
    link_or_unlink(state, staff, posted, false).await
}

/// `POST /staff/control-strategy`, the old address of every control strategy form: checked
/// like them, then "unknown" (each change has its own address).
pub async fn change_strategy(staff: Staff, Posted { form, lang, .. }: Posted<PriorityForm>) -> Response {
    match strategy_csp(&staff, lang, &form.csp) {
        Ok((_, slug)) => back_to_strategy(lang, &slug, &Outcome::UnknownAction),
        Err(response) => response,
    }
}
