//! The trigger events' pages: the calendar (`/staff/tension/events`: upcoming first, then past,
//! including other CSPs' events that affect this CSP's neighbourhoods, marked with their owner
//! and read only), an event's page (`/staff/tension/events/{id}`), and the forms to record one
//! (`/staff/tension/events/new`) and edit one (`/staff/tension/events/{id}/edit`), refused forms
//! coming back as typed. A CTLP-relevant assessment shows as "Restricted event" (its days and
//! owner only) to anyone without `ViewCounterTerrorismProfile` (see `tension::events`).

use crate::{
    db::{self, tension_events::Choice},
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{
        outcome::{Outcome, Pages},
        page::Page,
        use_lang, CspPicker,
    },
    staff::{
        kept::{self, KeptForm},
        pages::require_user,
        CspAccess, Permission, StaffUser,
    },
    t,
    tension::assessments_pages::viewed,
    tension::events::{
        kind_name, risk_name, status_name, upcoming_then_past, Event, EventKind, EventProblem, EventStatus,
        RiskLevel, Shown, DAY,
    },
    time::{date, iso_date, Timestamp},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The page key a refused new-event form is kept under.
pub fn new_page(slug: &str) -> String {
    format!("tension-events/new/{slug}")
}

/// The page key a refused edit of event `id` is kept under.
pub fn edit_page(id: i64) -> String {
    format!("tension-events/{id}")
}

fn today() -> Timestamp {
    let now = db::now();
    now - now.rem_euclid(DAY)
}

/// The neighbourhoods an event of CSP `csp_id` may affect: the CSP's own, then those of every
/// CSP with a ward bordering one of its wards (across the border), by CSP and name.
pub async fn neighbourhood_choices(
    state: &crate::state::AppState,
    csp_id: i64,
) -> Result<Vec<Choice>, db::DbError> {
    let own = db::tension_events::own_neighbourhoods(&state.db, csp_id).await?;
    let bordering = state.wards.neighbouring(&own);
    let mut csps = vec![csp_id];
    for id in db::tension_events::csps_of(&state.db, &bordering).await? {
        if !csps.contains(&id) {
            csps.push(id);
        }
    }
    db::tension_events::neighbourhoods_of(&state.db, &csps).await
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CalendarView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub csp_id: i64,
    pub today: Timestamp,
    pub upcoming: Vec<Shown>,
    pub past: Vec<Shown>,
    pub may_record: bool,
    pub may_keep_rota: bool,
}

/// The calendar of CSP `csp` (the person's first where they may read it when none is named).
pub async fn calendar(csp: Option<String>) -> Result<CalendarView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::ViewTensionEvents);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let may_see_ctlp = user.can(Permission::ViewCounterTerrorismProfile, csp_id);
    let events = db::tension_events::concerning(&state.db, csp_id).await.map_err(internal)?;
    let today = today();
    let (upcoming, past) =
        upcoming_then_past(events.into_iter().map(|e| Shown::of(e, may_see_ctlp)).collect(), today);
    let entry = viewed(
        &user,
        csp_id,
        "tension_events",
        &slug,
        format!("calendar: {} events", upcoming.len() + past.len()),
    );
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    Ok(CalendarView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        csp_id,
        today,
        upcoming,
        past,
        may_record: user.can(Permission::ManageTensionEvents, csp_id),
        may_keep_rota: user.can(Permission::ManageTensionRota, csp_id),
    })
}

/// May this person read event `e` at all (in its owner's CSP or one it affects), and its CTLP
/// detail (with `ViewCounterTerrorismProfile` in one of those where they may read it)?
pub fn access(user: &StaffUser, e: &Event) -> (bool, bool) {
    let csps: Vec<i64> = e.csps_affected().into_iter().map(|(id, _)| id).collect();
    let reads = |id: &i64| user.can(Permission::ViewTensionEvents, *id);
    let see = csps.iter().any(reads);
    let ctlp =
        csps.iter().filter(|id| reads(id)).any(|id| user.can(Permission::ViewCounterTerrorismProfile, *id));
    (see, ctlp)
}

/// May this person edit event `e`: record events in its owner's CSP, and (a CTLP-relevant one)
/// read the CTLP there?
pub fn may_edit(user: &StaffUser, e: &Event) -> bool {
    user.can(Permission::ManageTensionEvents, e.csp_id)
        && (!e.details.ctlp || user.can(Permission::ViewCounterTerrorismProfile, e.csp_id))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventView {
    pub shown: Shown,
    pub may_edit: bool,
}

/// An event's page: "not found" for someone who may read none of the CSPs it concerns.
pub async fn event_page(id: Option<i64>) -> Result<EventView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let Some(id) = id else { return Err(reject(AppError::NotFound)) };
    let Some(event) = db::tension_events::event(&state.db, id).await.map_err(internal)? else {
        return Err(reject(AppError::NotFound));
    };
    let (see, ctlp) = access(&user, &event);
    if !see {
        return Err(reject(AppError::NotFound));
    }
    let may_edit = may_edit(&user, &event);
    let detail = format!(
        "event version {}{}",
        event.version,
        if ctlp {
            ""
        } else if event.details.ctlp {
            ", restricted"
        } else {
            ""
        }
    );
    let entry = viewed(&user, event.csp_id, "tension_event", &event.id.to_string(), detail);
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    Ok(EventView { shown: Shown::of(event, ctlp), may_edit })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FormView {
    pub csp: String,
    pub event: Option<Event>,
    pub choices: Vec<(i64, Names, i64, Names)>,
    pub kept: KeptForm,
}

/// The new-event form (`id` none) of CSP `csp`, or the edit form of event `id`.
pub async fn event_form(
    id: Option<i64>,
    editing: bool,
    csp: Option<String>,
    kept_token: Option<String>,
) -> Result<FormView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let (csp_id, slug, event, page_key) = if editing {
        let Some(id) = id else { return Err(reject(AppError::NotFound)) };
        let Some(event) = db::tension_events::event(&state.db, id).await.map_err(internal)? else {
            return Err(reject(AppError::NotFound));
        };
        if !access(&user, &event).0 {
            return Err(reject(AppError::NotFound));
        }
        if !may_edit(&user, &event) {
            return Err(reject(AppError::Forbidden));
        }
        (event.csp_id, event.csp_slug.clone(), Some(event), edit_page(id))
    } else {
        let allowed = user.csps_where(Permission::ManageTensionEvents);
        let Some(c) = StaffUser::pick_csp(&allowed, csp) else { return Err(reject(AppError::Forbidden)) };
        (c.id, c.slug.clone(), None, new_page(&c.slug))
    };
    let choices = neighbourhood_choices(&state, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|c| (c.id, Names::new(c.name_en, c.name_cy), c.csp_id, Names::new(c.csp_en, c.csp_cy)))
        .collect();
    let kept = kept::kept(&state.db, user.id, &page_key, kept_token.as_deref()).await;
    Ok(FormView { csp: slug, event, choices, kept })
}

fn problem_field(outcome: Outcome) -> Option<&'static str> {
    let problem = match outcome {
        Outcome::TensionEventKind => EventProblem::Kind,
        Outcome::TensionEventTitle => EventProblem::Title,
        Outcome::TensionEventTooLong => EventProblem::TooLong,
        Outcome::TensionEventDates => EventProblem::Dates,
        Outcome::TensionEventIdentifies => EventProblem::Identifies,
        Outcome::TensionEventNeighbourhoods => EventProblem::Neighbourhoods,
        Outcome::TensionEventOwner => EventProblem::Owner,
        Outcome::TensionEventReview => EventProblem::Review,
        Outcome::TensionEventChoice => EventProblem::Choice,
        _ => return None,
    };
    Some(problem.field())
}

/// What a form did, or why it was refused (a stale form: what was typed is back, with a link
/// to the event as saved now).
#[component]
pub fn TensionNotice(lang: Lang) -> impl IntoView {
    let q = use_query_map().read_untracked();
    let done = q.get("done").map(|d| Outcome::done(Pages::TensionEvents, &d));
    let error = q.get("error").map(|e| Outcome::error(Pages::TensionEvents, &e));
    let kept = q.get("kept");
    view! {
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>{d.message(lang)}</p></div> })}
        {error.map(|e| match kept::stale_and_kept(e, kept.as_deref()) {
            true => view! { <kept::StaleNotice lang /> }.into_any(),
            false => view! {
                <div class="error-summary" role="alert" aria-labelledby="event-error-heading" tabindex="-1">
                    <h2 id="event-error-heading">{t!(lang, "report-error-summary")}</h2>
                    {match problem_field(e) {
                        Some(field) => view! { <ul><li><a href=format!("#event-{field}")>{e.message(lang)}</a></li></ul> }.into_any(),
                        None => view! { <p>{e.message(lang)}</p> }.into_any(),
                    }}
                </div>
            }.into_any(),
        })}
    }
    .into_any()
}

fn days(lang: Lang, starts: Timestamp, ends: Timestamp) -> String {
    if starts == ends {
        date(lang, starts)
    } else {
        t!(lang, "tension-event-days", from = date(lang, starts), to = date(lang, ends))
    }
}

#[component]
pub fn TensionEventsPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = calendar(q.get("csp"));
    view! {
        <Page lang title=t!(lang, "tension-events-title") load render=move |view| calendar_sections(lang, view)>
            <p>{t!(lang, "tension-events-intro")}</p>
            <TensionNotice lang />
        </Page>
    }
}

fn calendar_sections(lang: Lang, v: CalendarView) -> AnyView {
    let CalendarView { csps, selected, csp_id, upcoming, past, may_record, may_keep_rota, .. } = v;
    let csp_q = format!("?csp={}", crate::shell::encode_component(&selected));
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <ul class="actions">
            {may_record.then(|| view! {
                <li><a class="button" href=format!("{}{csp_q}", lang.path("/staff/tension/events/new"))>{t!(lang, "tension-events-record")}</a></li>
            })}
            {may_keep_rota.then(|| view! {
                <li><a href=format!("{}{csp_q}", lang.path("/staff/tension/rota"))>{t!(lang, "tension-rota-title")}</a></li>
            })}
        </ul>
        <section aria-labelledby="events-upcoming">
            <h2 id="events-upcoming">{t!(lang, "tension-events-upcoming")}</h2>
            {events_table(lang, csp_id, upcoming, "upcoming")}
        </section>
        <section aria-labelledby="events-past">
            <h2 id="events-past">{t!(lang, "tension-events-past")}</h2>
            {events_table(lang, csp_id, past, "past")}
        </section>
    }
    .into_any()
}

fn events_table(lang: Lang, csp_id: i64, events: Vec<Shown>, which: &'static str) -> AnyView {
    if events.is_empty() {
        return view! { <p>{t!(lang, "tension-events-none")}</p> }.into_any();
    }
    let (caption, labelled_by) = (format!("events-caption-{which}"), format!("events-caption-{which}"));
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table>
                <caption id=caption>{match which {
                    "upcoming" => t!(lang, "tension-events-upcoming"),
                    _ => t!(lang, "tension-events-past"),
                }}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(lang, "tension-event-when")}</th>
                        <th scope="col">{t!(lang, "tension-event-title")}</th>
                        <th scope="col">{t!(lang, "tension-event-kind")}</th>
                        <th scope="col">{t!(lang, "tension-event-risk-level")}</th>
                        <th scope="col">{t!(lang, "tension-event-status")}</th>
                        <th scope="col">{t!(lang, "tension-event-owning-csp")}</th>
                    </tr>
                </thead>
                <tbody>
                    {events.into_iter().map(|s| match s {
                        Shown::Full(e) => {
                            let theirs = e.csp_id != csp_id;
                            view! {
                                <tr>
                                    <td>{days(lang, e.details.starts_on, e.details.ends_on)}</td>
                                    <th scope="row">
                                        <a href=lang.path(&format!("/staff/tension/events/{}", e.id))>{e.details.title.clone()}</a>
                                        {e.details.ctlp.then(|| view! { " " <strong class="flag">{t!(lang, "tension-event-ctlp-flag")}</strong> })}
                                    </th>
                                    <td>{kind_name(lang, e.details.kind)}</td>
                                    <td>{risk_name(lang, e.details.risk_level)}</td>
                                    <td>{status_name(lang, e.details.status)}</td>
                                    <td>
                                        {e.csp.get(lang).to_string()}
                                        {theirs.then(|| view! { " " <span class="hint">{t!(lang, "tension-event-read-only")}</span> })}
                                    </td>
                                </tr>
                            }.into_any()
                        }
                        Shown::Restricted { starts_on, ends_on, csp, .. } => view! {
                            <tr>
                                <td>{days(lang, starts_on, ends_on)}</td>
                                <th scope="row">{t!(lang, "tension-event-restricted")}</th>
                                <td>"–"</td>
                                <td>"–"</td>
                                <td>"–"</td>
                                <td>{csp.get(lang).to_string()}</td>
                            </tr>
                        }.into_any(),
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn id_param() -> Option<i64> {
    use_params_map().read_untracked().get("id").and_then(|id| id.parse().ok())
}

#[component]
pub fn TensionEventPage() -> impl IntoView {
    let lang = use_lang();
    let load = event_page(id_param());
    view! {
        <Page lang error_title=t!(lang, "tension-events-title") load render=move |view| event_sections(lang, view)>
            <TensionNotice lang />
        </Page>
    }
}

fn event_sections(lang: Lang, v: EventView) -> AnyView {
    let back =
        view! { <p><a href=lang.path("/staff/tension/events")>{t!(lang, "tension-events-back")}</a></p> };
    match v.shown {
        Shown::Restricted { starts_on, ends_on, csp, .. } => view! {
            <leptos_meta::Title text=t!(lang, "tension-event-restricted") />
            <h1>{t!(lang, "tension-event-restricted")}</h1>
            <p>{t!(lang, "tension-event-restricted-explained")}</p>
            <dl>
                <dt>{t!(lang, "tension-event-when")}</dt><dd>{days(lang, starts_on, ends_on)}</dd>
                <dt>{t!(lang, "tension-event-owning-csp")}</dt><dd>{csp.get(lang).to_string()}</dd>
            </dl>
            {back}
        }
        .into_any(),
        Shown::Full(e) => {
            let csps: Vec<String> = e.csps_affected().iter().map(|(_, n)| n.get(lang).to_string()).collect();
            let d = e.details.clone();
            view! {
                <leptos_meta::Title text=d.title.clone() />
                <h1>{d.title.clone()}</h1>
                {d.ctlp.then(|| view! { <p><strong class="flag">{t!(lang, "tension-event-ctlp-flag")}</strong></p> })}
                {(!v.may_edit).then(|| view! { <p class="hint">{t!(lang, "tension-event-read-only-owned", csp = e.csp.get(lang).to_string())}</p> })}
                <dl>
                    <dt>{t!(lang, "tension-event-kind")}</dt><dd>{kind_name(lang, d.kind)}</dd>
                    <dt>{t!(lang, "tension-event-when")}</dt><dd>{days(lang, d.starts_on, d.ends_on)}</dd>
                    <dt>{t!(lang, "tension-event-place")}</dt><dd>{d.place.clone()}</dd>
                    <dt>{t!(lang, "tension-event-owning-csp")}</dt><dd>{e.csp.get(lang).to_string()}</dd>
                    <dt>{t!(lang, "tension-event-csps")}</dt><dd>{csps.join(", ")}</dd>
                    <dt>{t!(lang, "tension-event-neighbourhoods")}</dt>
                    <dd><ul>{e.affected.iter().map(|a| view! {
                        <li>{format!("{} ({})", a.name.get(lang), a.csp.get(lang))}</li>
                    }).collect_view()}</ul></dd>
                    <dt>{t!(lang, "tension-event-risks")}</dt><dd class="prewrap">{d.risks.clone()}</dd>
                    <dt>{t!(lang, "tension-event-mitigations")}</dt><dd class="prewrap">{d.mitigations.clone()}</dd>
                    <dt>{t!(lang, "tension-event-owner")}</dt><dd>{d.owner.clone()}</dd>
                    <dt>{t!(lang, "tension-event-next-review")}</dt>
                    <dd>{d.next_review_on.map(|r| date(lang, r)).unwrap_or_else(|| t!(lang, "tension-event-no-review"))}</dd>
                    <dt>{t!(lang, "tension-event-risk-level")}</dt><dd>{risk_name(lang, d.risk_level)}</dd>
                    <dt>{t!(lang, "tension-event-status")}</dt><dd>{status_name(lang, d.status)}</dd>
                </dl>
                {v.may_edit.then(|| view! {
                    <p><a class="button" href=lang.path(&format!("/staff/tension/events/{}/edit", e.id))>{t!(lang, "tension-event-edit")}</a></p>
                })}
                {back}
            }
            .into_any()
        }
    }
}

#[component]
pub fn NewTensionEventPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = event_form(None, false, q.get("csp"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "tension-event-new-title") load render=move |view| form_sections(lang, view)>
            <TensionNotice lang />
        </Page>
    }
}

#[component]
pub fn EditTensionEventPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = event_form(id_param(), true, None, q.get("kept"));
    view! {
        <Page lang title=t!(lang, "tension-event-edit-title") load render=move |view| form_sections(lang, view)>
            <TensionNotice lang />
        </Page>
    }
}

/// The form, its values as typed when it was refused (`kept`), else as stored.
fn form_sections(lang: Lang, v: FormView) -> AnyView {
    let FormView { csp, event, choices, kept } = v;
    const FORM: &str = "event";
    let stored = |f: &dyn Fn(&Event) -> String| event.as_ref().map(f).unwrap_or_default();
    let value = |name: &str, from: String| kept.value(FORM, name, from);
    let kind = value("kind", stored(&|e| e.details.kind.as_str().into()));
    let title = value("title", stored(&|e| e.details.title.clone()));
    let starts_on = value("starts_on", stored(&|e| iso_date(e.details.starts_on)));
    let ends_on = value("ends_on", stored(&|e| iso_date(e.details.ends_on)));
    let place = value("place", stored(&|e| e.details.place.clone()));
    let risks = value("risks", stored(&|e| e.details.risks.clone()));
    let mitigations = value("mitigations", stored(&|e| e.details.mitigations.clone()));
    let owner = value("owner", stored(&|e| e.details.owner.clone()));
    let review =
        value("next_review_on", stored(&|e| e.details.next_review_on.map(iso_date).unwrap_or_default()));
    let status =
        value("status", event.as_ref().map(|e| e.details.status.as_str()).unwrap_or("planned").into());
    let risk =
        value("risk_level", event.as_ref().map(|e| e.details.risk_level.as_str()).unwrap_or("low").into());
    let ctlp = value(
        "ctlp",
        if event.as_ref().is_some_and(|e| e.details.ctlp) { "yes".into() } else { String::new() },
    );
    let chosen: Vec<i64> = kept.ids(
        FORM,
        "neighbourhood",
        event.as_ref().map(|e| e.details.neighbourhoods.clone()).unwrap_or_default(),
    );
    let (action, version) = match &event {
        Some(e) => (format!("/staff/tension/events/{}/edit", e.id), e.version.to_string()),
        None => ("/staff/tension/events".to_string(), String::new()),
    };
    // The neighbourhoods in one group per CSP (own first), as checkboxes.
    // (CSP id, its names, its neighbourhoods)
    type Group = (i64, Names, Vec<(i64, Names)>);
    let mut groups: Vec<Group> = Vec::new();
    for (id, name, csp_id, csp_name) in choices {
        match groups.iter_mut().find(|g| g.0 == csp_id) {
            Some(g) => g.2.push((id, name)),
            None => groups.push((csp_id, csp_name, vec![(id, name)])),
        }
    }
    let select = |id: &'static str, name: &'static str, options: Vec<(String, String)>, current: String| {
        view! {
            <select id=id name=name>
                {options.into_iter().map(|(code, words)| view! {
                    <option value=code.clone() selected=code == current>{words}</option>
                }).collect_view()}
            </select>
        }
    };
    let kinds: Vec<(String, String)> =
        EventKind::ALL.iter().map(|k| (k.as_str().to_string(), kind_name(lang, *k))).collect();
    let statuses: Vec<(String, String)> =
        EventStatus::ALL.iter().map(|s| (s.as_str().to_string(), status_name(lang, *s))).collect();
    let risks_levels: Vec<(String, String)> =
        RiskLevel::ALL.iter().map(|r| (r.as_str().to_string(), risk_name(lang, *r))).collect();
    view! {
        <form method="post" action=lang.path(&action) class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="csp" value=csp />
            <input type="hidden" name="version" value=version />
            <div class="field">
                <label for="event-kind">{t!(lang, "tension-event-kind")}</label>
                {select("event-kind", "kind", kinds, kind)}
            </div>
            <div class="field">
                <label for="event-title">{t!(lang, "tension-event-title")}</label>
                <input id="event-title" name="title" type="text" maxlength="200" value=title />
            </div>
            <div class="field">
                <label for="event-starts_on">{t!(lang, "tension-event-starts")}</label>
                <input id="event-starts_on" name="starts_on" type="date" value=starts_on />
            </div>
            <div class="field">
                <label for="event-ends_on">{t!(lang, "tension-event-ends")}</label>
                <input id="event-ends_on" name="ends_on" type="date" value=ends_on />
            </div>
            <div class="field">
                <label for="event-place">{t!(lang, "tension-event-place")}</label>
                <p class="hint" id="event-place-hint">{t!(lang, "tension-event-place-hint")}</p>
                <input id="event-place" name="place" type="text" maxlength="4000" aria-describedby="event-place-hint" value=place />
            </div>
            <fieldset class="field" id="event-neighbourhoods">
                <legend>{t!(lang, "tension-event-neighbourhoods")}</legend>
                <p class="hint">{t!(lang, "tension-event-neighbourhoods-hint")}</p>
                {groups.into_iter().map(|(csp_id, csp_name, ns)| view! {
                    <fieldset class="checkboxes">
                        <legend>{csp_name.get(lang).to_string()}</legend>
                        {ns.into_iter().map(|(id, name)| {
                            let input_id = format!("event-n-{csp_id}-{id}");
                            view! {
                                <div class="checkbox">
                                    <input type="checkbox" id=input_id.clone() name="neighbourhood" value=id.to_string() checked=chosen.contains(&id) />
                                    <label for=input_id>{name.get(lang).to_string()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="event-risks">{t!(lang, "tension-event-risks")}</label>
                <textarea id="event-risks" name="risks" rows="4" maxlength="4000">{risks}</textarea>
            </div>
            <div class="field">
                <label for="event-mitigations">{t!(lang, "tension-event-mitigations")}</label>
                <textarea id="event-mitigations" name="mitigations" rows="4" maxlength="4000">{mitigations}</textarea>
            </div>
            <div class="field">
                <label for="event-owner">{t!(lang, "tension-event-owner")}</label>
                <input id="event-owner" name="owner" type="text" maxlength="200" value=owner />
            </div>
            <div class="field">
                <label for="event-next_review_on">{t!(lang, "tension-event-next-review")}</label>
                <input id="event-next_review_on" name="next_review_on" type="date" value=review />
            </div>
            <div class="field">
                <label for="event-risk_level">{t!(lang, "tension-event-risk-level")}</label>
                <p class="hint" id="event-risk-hint">{t!(lang, "tension-event-risk-hint")}</p>
                {select("event-risk_level", "risk_level", risks_levels, risk)}
            </div>
            <div class="field">
                <label for="event-status">{t!(lang, "tension-event-status")}</label>
                {select("event-status", "status", statuses, status)}
            </div>
            <div class="checkbox">
                <input type="checkbox" id="event-ctlp" name="ctlp" value="yes" checked=!ctlp.is_empty() />
                <label for="event-ctlp">{t!(lang, "tension-event-ctlp")}</label>
            </div>
            <button type="submit" class="button">{t!(lang, "tension-event-save")}</button>
        </form>
    }
    .into_any()
}
