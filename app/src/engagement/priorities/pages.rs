//! `/staff/engagement/priorities`: a neighbourhood's priorities for a quarter (read with
//! `ViewEngagementResults`), the forms that set one, link it to the partnership's problem
//! profiles and actions, and record the community's verdict at a review (`RunEngagement`), and
//! the neighbourhood's earlier priorities with their verdicts.

use super::{check_priority, check_review, Period, PriorityProblem, Verdict, MAX_PRIORITIES};
use crate::engagement::progress::{choice_options, priority_stage, stage_name, ChoiceOption, SurveyChoice};
use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{
        self,
        priorities::{LinkChoices, NewPriority, PriorityRecord, Target},
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{form::Posted, outcome::Outcome, page::Page, use_lang, CspPicker},
    staff::{
        guard::{AllowedIn, Staff},
        kept,
        pages::require_user,
        CspAccess, Permission, StaffUser,
    },
    state::AppState,
    t,
    triage::record::Notice,
};
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

const ADDRESS: &str = "/staff/engagement/priorities";
const DAY: i64 = 86_400;

fn priorities_page(slug: &str) -> String {
    format!("priorities/{slug}")
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PrioritiesView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub neighbourhood: Option<i64>,
    pub period: Period,
    pub priorities: Vec<PriorityRecord>,
    pub earlier: Vec<PriorityRecord>,
    /// What a priority can be linked to; `None` for those who only read.
    pub choices: Option<LinkChoices>,
    /// Survey answers a priority can come from (issue 14, progress): the CSP's campaigns' options.
    pub survey_choices: Vec<ChoiceOption>,
    pub today: String,
    pub kept: kept::KeptForm,
}

pub async fn priorities_view(
    csp: Option<String>,
    neighbourhood: Option<String>,
    period: Option<String>,
    kept_token: Option<String>,
) -> Result<PrioritiesView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let allowed = user.csps_where(Permission::ViewEngagementResults);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let now = db::now();
    let period = match period.filter(|p| !p.trim().is_empty()) {
        Some(p) => Period::parse(&p).ok_or_else(|| reject(AppError::Invalid))?,
        None => Period::of(now),
    };
    let (neighbourhoods, _) = db::problems::choices(&state.db, csp_id).await.map_err(internal)?;
    let neighbourhood = match neighbourhood.filter(|n| !n.is_empty()) {
        Some(n) => Some(
            n.parse::<i64>()
                .ok()
                .filter(|n| neighbourhoods.iter().any(|(id, _)| id == n))
                .ok_or_else(|| reject(AppError::NotFound))?,
        ),
        None => neighbourhoods.first().map(|(id, _)| *id),
    };
    let (priorities, earlier) = match neighbourhood {
        Some(n) => (
            db::priorities::priorities(&state.db, csp_id, n, period).await.map_err(internal)?,
            db::priorities::earlier(&state.db, csp_id, n, period, 12).await.map_err(internal)?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let choices = match user.can(Permission::RunEngagement, csp_id) {
        true => Some(db::priorities::link_choices(&state.db, csp_id).await.map_err(internal)?),
        false => None,
    };
    let mut survey_choices = Vec::new();
    if choices.is_some() {
        for c in db::progress::campaign_surveys(&state.db, csp_id, 20).await.map_err(internal)? {
            let survey: crate::engagement::survey::Survey =
                serde_json::from_str(&c.questions).unwrap_or_default();
            survey_choices.extend(choice_options(c.id, &Names::new(&c.title_en, &c.title_cy), &survey));
        }
    }
    let kept = kept::kept(&state.db, user.id, &priorities_page(&slug), kept_token.as_deref()).await;
    Ok(PrioritiesView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        neighbourhoods,
        neighbourhood,
        period,
        priorities,
        earlier,
        choices,
        survey_choices,
        today: crate::time::iso_date(now),
        kept,
    })
}

#[component]
pub fn PrioritiesPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = priorities_view(q.get("csp"), q.get("neighbourhood"), q.get("period"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "priority-title") load render=move |view| priorities(lang, view)>
            <Notice lang />
            <p>{t!(lang, "priority-intro")}</p>
        </Page>
    }
}

/// The page's outline.
fn priorities(lang: Lang, v: PrioritiesView) -> impl IntoView {
    let PrioritiesView {
        csps,
        selected,
        neighbourhoods,
        neighbourhood,
        period,
        priorities,
        earlier,
        choices,
        survey_choices,
        today,
        kept,
    } = v;
    let place = neighbourhood.map(|n| Place { csp: selected.clone(), neighbourhood: n, period });
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <Picker lang selected=selected.clone() neighbourhoods neighbourhood period />
        {place.map(|place| view! {
            <CurrentPriorities lang priorities place=place.clone() choices=choices.clone() survey_choices=survey_choices.clone() today kept=kept.clone() />
            {choices.map(|c| view! { <SetPriority lang place choices=c survey_choices kept /> })}
            <EarlierPriorities lang earlier />
        })}
    }
}

/// Which neighbourhood and period a form is about (posted back as hidden fields).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Place {
    csp: String,
    neighbourhood: i64,
    period: Period,
}

fn hidden(lang: Lang, place: &Place) -> impl IntoView {
    view! {
        <input type="hidden" name="lang" value=lang.code() />
        <input type="hidden" name="csp" value=place.csp.clone() />
        <input type="hidden" name="neighbourhood" value=place.neighbourhood.to_string() />
        <input type="hidden" name="period" value=place.period.to_string() />
    }
}

/// Choose the neighbourhood and the quarter (a plain GET form).
#[component]
fn Picker(
    lang: Lang,
    selected: String,
    neighbourhoods: Vec<(i64, Names)>,
    neighbourhood: Option<i64>,
    period: Period,
) -> impl IntoView {
    let periods = [period.previous().previous(), period.previous(), period, period.next()];
    view! {
        <form method="get" class="form inline-fields">
            <input type="hidden" name="csp" value=selected />
            <div class="field">
                <label for="neighbourhood">{t!(lang, "intel-neighbourhood")}</label>
                <select id="neighbourhood" name="neighbourhood">
                    {neighbourhoods.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=neighbourhood == Some(*id)>{name.get(lang).to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="period">{t!(lang, "priority-period")}</label>
                <select id="period" name="period">
                    {periods.iter().map(|p| view! {
                        <option value=p.to_string() selected=*p == period>{period_name(lang, *p)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t!(lang, "audit-show")}</button>
        </form>
    }
    .into_any()
}

pub fn period_name(lang: Lang, p: Period) -> String {
    t!(lang, "priority-quarter", quarter = p.quarter, year = p.year)
}

pub fn verdict_name(lang: Lang, v: Verdict) -> String {
    match v {
        Verdict::Resolved => t!(lang, "priority-verdict-resolved"),
        Verdict::Improving => t!(lang, "priority-verdict-improving"),
        Verdict::NotResolved => t!(lang, "priority-verdict-not-resolved"),
    }
}

/// The period's priorities, each with its links, reviews and (for the lead) its forms.
#[component]
fn CurrentPriorities(
    lang: Lang,
    priorities: Vec<PriorityRecord>,
    place: Place,
    choices: Option<LinkChoices>,
    survey_choices: Vec<ChoiceOption>,
    today: String,
    kept: kept::KeptForm,
) -> impl IntoView {
    view! {
        <section aria-labelledby="current-priorities">
            <h2 id="current-priorities">{t!(lang, "priority-current", period = period_name(lang, place.period), count = (priorities.len() as i64))}</h2>
            {priorities.is_empty().then(|| view! { <p>{t!(lang, "priority-none")}</p> })}
            {priorities.into_iter().map(|p| {
                let forms = choices.clone().map(|c| priority_forms(lang, &place, &p, c, &survey_choices, &today, &kept));
                view! {
                    <article class="card">
                        {priority_summary(lang, &p, &survey_choices)}
                        {forms}
                    </article>
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// A priority: its title, why, links and reviews.
fn priority_summary(lang: Lang, p: &PriorityRecord, survey_choices: &[ChoiceOption]) -> AnyView {
    let statuses: Vec<_> = p.action_progress.iter().map(|a| a.status).collect();
    let stage = priority_stage(&statuses, p.reviews.first().map(|r| r.verdict));
    let from = p.choice.as_ref().map(|c| {
        survey_choices
            .iter()
            .find(|o| &o.choice == c)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| c.value())
    });
    view! {
        <h3>{format!("{}. {}", p.slot, p.title.get(lang))}</h3>
        <p><strong>{t!(lang, "priority-stage", stage = stage_name(lang, stage))}</strong></p>
        {from.map(|f| view! { <p>{t!(lang, "priority-from-choice", choice = f)}</p> })}
        {(!p.why.is_empty()).then(|| view! { <p><strong>{t!(lang, "priority-why")}</strong> " " {p.why.clone()}</p> })}
        <p class="meta">{t!(lang, "priority-set-by", who = p.created_by.clone(), date = crate::time::date(lang, p.created_at))}</p>
        <p>{if p.profiles.is_empty() && p.actions.is_empty() { t!(lang, "priority-no-links") } else { t!(lang, "priority-links") }}</p>
        <ul>
            {p.profiles.iter().map(|(r, title)| view! {
                <li><a href=lang.path(&format!("/staff/problems/{r}"))>{format!("{r} · {title}")}</a></li>
            }).collect_view()}
            {p.actions.iter().map(|(r, title)| view! {
                <li>{t!(lang, "priority-action", action = title.clone())} " " <a href=lang.path(&format!("/staff/problems/{r}"))>{r.clone()}</a></li>
            }).collect_view()}
        </ul>
        {match p.reviews.first() {
            None => view! { <p>{t!(lang, "priority-not-reviewed")}</p> }.into_any(),
            Some(_) => view! {
                <h4>{t!(lang, "priority-reviews")}</h4>
                <ul>
                    {p.reviews.iter().map(|r| view! {
                        <li>
                            <strong>{verdict_name(lang, r.verdict)}</strong>
                            {format!(" · {} · {} · ", crate::time::date(lang, r.reviewed_on), r.recorded_by)}
                            {r.evidence.clone()}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
    .into_any()
}

/// The lead's forms on a priority: link a profile or action, record a review.
fn priority_forms(
    lang: Lang,
    place: &Place,
    p: &PriorityRecord,
    c: LinkChoices,
    survey_choices: &[ChoiceOption],
    today: &str,
    k: &kept::KeptForm,
) -> AnyView {
    let id = p.id;
    let ours = k.is_for("review", "priority", &id.to_string());
    let value =
        |name: &str, default: &str| if ours { k.value("review", name, default) } else { default.to_string() };
    let verdict = value("verdict", "");
    view! {
        {(!c.profiles.is_empty() || !c.actions.is_empty()).then(|| view! {
            <form method="post" action=format!("{ADDRESS}/link") class="form inline-fields">
                {hidden(lang, place)}
                <input type="hidden" name="priority" value=id.to_string() />
                <div class="field">
                    <label for=format!("link-{id}")>{t!(lang, "priority-link-label")}</label>
                    <select id=format!("link-{id}") name="target">
                        <optgroup label=t!(lang, "priority-profiles")>
                            {c.profiles.iter().map(|(pid, r, title)| view! { <option value=format!("profile:{pid}")>{format!("{r} · {title}")}</option> }).collect_view()}
                        </optgroup>
                        <optgroup label=t!(lang, "priority-actions")>
                            {c.actions.iter().map(|(aid, r, title)| view! { <option value=format!("action:{aid}")>{format!("{r} · {title}")}</option> }).collect_view()}
                        </optgroup>
                    </select>
                </div>
                <button type="submit" class="button">{t!(lang, "priority-link")}</button>
            </form>
        })}
        <form method="post" action=format!("{ADDRESS}/review") class="form">
            {hidden(lang, place)}
            <input type="hidden" name="priority" value=id.to_string() />
            <fieldset class="field">
                <legend>{t!(lang, "priority-verdict", priority = p.title.get(lang).to_string())}</legend>
                {Verdict::ALL.iter().map(|v| view! {
                    <div class="choice">
                        <input type="radio" name="verdict" id=format!("verdict-{id}-{}", v.as_str()) value=v.as_str() checked=verdict == v.as_str() />
                        <label for=format!("verdict-{id}-{}", v.as_str())>{verdict_name(lang, *v)}</label>
                    </div>
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for=format!("evidence-{id}")>{t!(lang, "priority-evidence")}</label>
                <textarea id=format!("evidence-{id}") name="evidence" rows="3">{value("evidence", "")}</textarea>
            </div>
            <div class="field">
                <label for=format!("reviewed-{id}")>{t!(lang, "priority-reviewed-on")}</label>
                <input id=format!("reviewed-{id}") name="reviewed_on" type="date" max=today.to_string() value=value("reviewed_on", today) />
            </div>
            <button type="submit" class="button">{t!(lang, "priority-record-review")}</button>
        </form>
        {change_forms(lang, place, p, survey_choices, k)}
    }
    .into_any()
}

/// The lead's forms that change a priority's words or remove it (confirmed with a box ticked,
/// so it works without JavaScript); each opens by itself, and a refused one comes back open and
/// as typed.
fn change_forms(
    lang: Lang,
    place: &Place,
    p: &PriorityRecord,
    survey_choices: &[ChoiceOption],
    k: &kept::KeptForm,
) -> AnyView {
    let id = p.id;
    let editing = k.is_for("edit", "priority", &id.to_string());
    let removing = k.is_for("remove", "priority", &id.to_string());
    let value = |name: &str, stored: &str| match editing {
        true => k.value("edit", name, stored),
        false => stored.to_string(),
    };
    let title = p.title.get(lang).to_string();
    view! {
        <details open=editing>
            <summary>{t!(lang, "priority-edit", priority = title.clone())}</summary>
            <form method="post" action=format!("{ADDRESS}/edit") class="form">
                {hidden(lang, place)}
                <input type="hidden" name="priority" value=id.to_string() />
                <div class="field">
                    <label for=format!("edit-title-en-{id}")>{t!(lang, "priority-title-en")}</label>
                    <input id=format!("edit-title-en-{id}") name="title_en" type="text" lang="en" required maxlength="200" value=value("title_en", &p.title.en) />
                </div>
                <div class="field">
                    <label for=format!("edit-title-cy-{id}")>{t!(lang, "priority-title-cy")}</label>
                    <input id=format!("edit-title-cy-{id}") name="title_cy" type="text" lang="cy" required maxlength="200" value=value("title_cy", &p.title.cy) />
                </div>
                <div class="field">
                    <label for=format!("edit-why-{id}")>{t!(lang, "priority-why")}</label>
                    <textarea id=format!("edit-why-{id}") name="why" rows="3">{value("why", &p.why)}</textarea>
                </div>
                {choice_field(lang, &format!("edit-choice-{id}"), survey_choices, &value("choice", &p.choice.as_ref().map(|c| c.value()).unwrap_or_default()))}
                <button type="submit" class="button">{t!(lang, "priority-save-changes")}</button>
            </form>
        </details>
        {p.reviews.is_empty().then(|| view! {
            <details open=removing>
                <summary>{t!(lang, "priority-remove", priority = title.clone())}</summary>
                <form method="post" action=format!("{ADDRESS}/remove") class="form">
                    {hidden(lang, place)}
                    <input type="hidden" name="priority" value=id.to_string() />
                    <p class="hint">{t!(lang, "priority-remove-hint")}</p>
                    <div class="choice">
                        <input type="checkbox" name="confirm" value="yes" id=format!("remove-confirm-{id}") />
                        <label for=format!("remove-confirm-{id}")>{t!(lang, "priority-remove-confirm")}</label>
                    </div>
                    <button type="submit" class="button">{t!(lang, "priority-remove-button")}</button>
                </form>
            </details>
        })}
    }
    .into_any()
}

/// The survey answer a priority came from (optional): a list of the CSP's campaigns' options.
fn choice_field(lang: Lang, id: &str, options: &[ChoiceOption], chosen: &str) -> AnyView {
    let hint = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.to_string()>{t!(lang, "priority-choice")}</label>
            <p class="hint" id=hint.clone()>{t!(lang, "priority-choice-hint")}</p>
            <select id=id.to_string() name="choice" aria-describedby=hint>
                <option value="" selected=chosen.is_empty()>{t!(lang, "priority-choice-none")}</option>
                {options.iter().map(|o| {
                    let value = o.choice.value();
                    view! { <option selected=value == chosen value=value.clone()>{o.label.get(lang).to_string()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// Set a new priority (up to three per neighbourhood and period), linked to profiles and actions.
#[component]
fn SetPriority(
    lang: Lang,
    place: Place,
    choices: LinkChoices,
    survey_choices: Vec<ChoiceOption>,
    kept: kept::KeptForm,
) -> impl IntoView {
    let k = kept;
    let chosen =
        |name: &str| k.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect::<Vec<_>>();
    let (profiles, actions) =
        if k.is("set") { (chosen("profiles"), chosen("actions")) } else { (Vec::new(), Vec::new()) };
    view! {
        <section aria-labelledby="set-priority" class="card">
            <h2 id="set-priority">{t!(lang, "priority-set", max = MAX_PRIORITIES)}</h2>
            <form method="post" action=format!("{ADDRESS}/set") class="form">
                {hidden(lang, &place)}
                <div class="field">
                    <label for="title_en">{t!(lang, "priority-title-en")}</label>
                    <input id="title_en" name="title_en" type="text" lang="en" required maxlength="200" value=k.value("set", "title_en", "") />
                </div>
                <div class="field">
                    <label for="title_cy">{t!(lang, "priority-title-cy")}</label>
                    <input id="title_cy" name="title_cy" type="text" lang="cy" required maxlength="200" value=k.value("set", "title_cy", "") />
                </div>
                <div class="field">
                    <label for="why">{t!(lang, "priority-why")}</label>
                    <p class="hint" id="why-hint">{t!(lang, "priority-why-hint")}</p>
                    <textarea id="why" name="why" rows="3" aria-describedby="why-hint">{k.value("set", "why", "")}</textarea>
                </div>
                {choice_field(lang, "set-choice", &survey_choices, &k.value("set", "choice", ""))}
                <fieldset class="field">
                    <legend>{t!(lang, "priority-profiles")}</legend>
                    {choices.profiles.is_empty().then(|| view! { <p>{t!(lang, "priority-no-choices")}</p> })}
                    {choices.profiles.iter().map(|(id, r, title)| view! {
                        <div class="choice">
                            <input type="checkbox" name="profiles" id=format!("set-profile-{id}") value=id.to_string() checked=profiles.contains(&id.to_string()) />
                            <label for=format!("set-profile-{id}")>{format!("{r} · {title}")}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
                <fieldset class="field">
                    <legend>{t!(lang, "priority-actions")}</legend>
                    {choices.actions.is_empty().then(|| view! { <p>{t!(lang, "priority-no-choices")}</p> })}
                    {choices.actions.iter().map(|(id, r, title)| view! {
                        <div class="choice">
                            <input type="checkbox" name="actions" id=format!("set-action-{id}") value=id.to_string() checked=actions.contains(&id.to_string()) />
                            <label for=format!("set-action-{id}")>{format!("{r} · {title}")}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button">{t!(lang, "priority-save")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// The neighbourhood's priorities of earlier periods, with their verdicts: the history.
#[component]
fn EarlierPriorities(lang: Lang, earlier: Vec<PriorityRecord>) -> impl IntoView {
    view! {
        <section aria-labelledby="earlier-priorities">
            <h2 id="earlier-priorities">{t!(lang, "priority-earlier")}</h2>
            {earlier.is_empty().then(|| view! { <p>{t!(lang, "priority-earlier-none")}</p> })}
            {(!earlier.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="stack">
                        <caption class="visually-hidden">{t!(lang, "priority-earlier")}</caption>
                        <thead><tr>
                            <th scope="col">{t!(lang, "priority-period")}</th>
                            <th scope="col">{t!(lang, "priority-col-priority")}</th>
                            <th scope="col">{t!(lang, "priority-col-verdict")}</th>
                            <th scope="col">{t!(lang, "priority-evidence")}</th>
                        </tr></thead>
                        <tbody>
                            {earlier.iter().map(|p| {
                                let last = p.reviews.first();
                                view! {
                                    <tr>
                                        <td data-label=t!(lang, "priority-period")>{period_name(lang, p.period)}</td>
                                        <td class="stack-title">{p.title.get(lang).to_string()}</td>
                                        <td data-label=t!(lang, "priority-col-verdict")>{last.map(|r| verdict_name(lang, r.verdict)).unwrap_or_else(|| t!(lang, "priority-not-reviewed"))}</td>
                                        <td data-label=t!(lang, "priority-evidence")>{last.map(|r| r.evidence.clone()).unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
    .into_any()
}

/// A new priority as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetForm {
    pub csp: String,
    pub neighbourhood: String,
    pub period: String,
    pub title_en: String,
    pub title_cy: String,
    pub why: String,
    pub profiles: Vec<String>,
    pub actions: Vec<String>,
    /// The survey answer it came from (`campaign/question/option`), or "".
    pub choice: String,
}

/// A link from a priority to a profile (`profile:{id}`) or an action (`action:{id}`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub csp: String,
    pub neighbourhood: String,
    pub period: String,
    pub priority: String,
    pub target: String,
}

/// The community's verdict at a review.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub csp: String,
    pub neighbourhood: String,
    pub period: String,
    pub priority: String,
    pub verdict: String,
    pub evidence: String,
    pub reviewed_on: String,
}

/// A priority's words changed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EditForm {
    pub csp: String,
    pub neighbourhood: String,
    pub period: String,
    pub priority: String,
    pub title_en: String,
    pub title_cy: String,
    pub why: String,
    /// The survey answer it came from (`campaign/question/option`), or "".
    pub choice: String,
}

/// A priority removed: `confirm` is `yes` when the box is ticked.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemoveForm {
    pub csp: String,
    pub neighbourhood: String,
    pub period: String,
    pub priority: String,
    pub confirm: String,
}

fn back(lang: Lang, slug: &str, neighbourhood: &str, period: &str, query: &str) -> Response {
    let (n, p) = (crate::shell::encode_component(neighbourhood), crate::shell::encode_component(period));
    Redirect::to(&format!("{}?csp={slug}&neighbourhood={n}&period={p}&{query}", lang.path(ADDRESS)))
        .into_response()
}

fn problem_outcome(problem: PriorityProblem) -> Outcome {
    match problem {
        PriorityProblem::Title => Outcome::PriorityTitle,
        PriorityProblem::TooLong => Outcome::PriorityTooLong,
        PriorityProblem::Verdict => Outcome::PriorityVerdict,
        PriorityProblem::Evidence => Outcome::PriorityEvidence,
        PriorityProblem::Date => Outcome::PriorityDate,
    }
}

fn unavailable(e: db::DbError) -> Outcome {
    tracing::error!(error = %e, "could not change neighbourhood priorities");
    Outcome::EngagementUnavailable
}

/// A priority form as its handler reads it: the partnership it names, where the lead must run
/// engagement, and how to refuse it (back to the page with the form kept as typed and the
/// reason).
struct Reading<'a> {
    csp: AllowedIn,
    state: &'a AppState,
    user: i64,
    lang: Lang,
    form: &'static str,
    fields: &'a [(String, String)],
    neighbourhood: &'a str,
    period: &'a str,
}

impl Reading<'_> {
    async fn refuse(&self, outcome: Outcome) -> Response {
        let page = priorities_page(&self.csp.slug);
        let query = kept::refusal(&self.state.db, self.user, &page, self.form, self.fields, outcome).await;
        back(self.lang, &self.csp.slug, self.neighbourhood, self.period, &query)
    }
}

/// What every priority form (`form`: set, review, edit, remove) reads first: the partnership,
/// neighbourhood and period it names. The error is the answer when the lead may not run
/// engagement there.
#[allow(clippy::result_large_err)]
fn read<'a>(
    state: &'a AppState,
    staff: &Staff,
    lang: Lang,
    form: &'static str,
    fields: &'a [(String, String)],
    (csp, neighbourhood, period): (&str, &'a str, &'a str),
) -> Result<Reading<'a>, Response> {
    let csp = staff.require_in(lang, Permission::RunEngagement, csp)?;
    Ok(Reading { csp, state, user: staff.user.id, lang, form, fields, neighbourhood, period })
}

/// A priority's words as posted (set and edit), checked: the reason refused is the outcome.
fn words(title_en: &str, title_cy: &str, why: &str) -> Result<super::PriorityText, Outcome> {
    check_priority(title_en, title_cy, why).map_err(problem_outcome)
}

/// Ids posted for the CSP's profiles or actions; `None` when one is not the CSP's.
async fn ids_in(
    state: &AppState,
    csp_id: i64,
    values: &[String],
    actions: bool,
) -> Result<Option<Vec<i64>>, db::DbError> {
    let mut ids = Vec::new();
    for v in values {
        let Ok(id) = v.trim().parse::<i64>() else { return Ok(None) };
        let known = match actions {
            true => db::priorities::action_in(&state.db, csp_id, id).await?,
            false => db::priorities::profile_in(&state.db, csp_id, id).await?,
        };
        if !known {
            return Ok(None);
        }
        ids.push(id);
    }
    Ok(Some(ids))
}

/// `POST /staff/engagement/priorities/set`: a new priority, refused over three for the
/// neighbourhood and period (the form comes back as typed with the reason).
pub async fn set(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<SetForm>,
) -> Response {
    let reading =
        match read(&state, &staff, lang, "set", &fields, (&form.csp, &form.neighbourhood, &form.period)) {
            Ok(r) => r,
            Err(response) => return response,
        };
    let (csp, refuse) = (&reading.csp, |outcome: Outcome| reading.refuse(outcome));
    let Some(period) = Period::parse(&form.period) else { return refuse(Outcome::PriorityPeriod).await };
    let neighbourhoods = match db::problems::choices(&state.db, csp.csp_id).await {
        Ok((n, _)) => n,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let Some(neighbourhood) = form
        .neighbourhood
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| neighbourhoods.iter().any(|(id, _)| id == n))
    else {
        return refuse(Outcome::PriorityNeighbourhood).await;
    };
    let text = match words(&form.title_en, &form.title_cy, &form.why) {
        Ok(t) => t,
        Err(outcome) => return refuse(outcome).await,
    };
    let (profiles, actions) = match (
        ids_in(&state, csp.csp_id, &form.profiles, false).await,
        ids_in(&state, csp.csp_id, &form.actions, true).await,
    ) {
        (Ok(Some(p)), Ok(Some(a))) => (p, a),
        (Err(e), _) | (_, Err(e)) => return refuse(unavailable(e)).await,
        _ => return refuse(Outcome::PriorityUnknown).await,
    };
    let choice = match checked_choice(&state, csp.csp_id, &form.choice).await {
        Ok(c) => c,
        Err(outcome) => return refuse(outcome).await,
    };
    let new = NewPriority {
        csp_id: csp.csp_id,
        neighbourhood_id: neighbourhood,
        period,
        text: &text,
        profiles: &profiles,
        actions: &actions,
        created_by: staff.user.id,
    };
    match set_and_announce(&state, &new, choice.as_ref(), &csp.slug).await {
        Ok(Some(_)) => {
            state.mail_wake.notify_one();
            back(lang, &csp.slug, &form.neighbourhood, &form.period, &Outcome::PrioritySet.query())
        }
        Ok(None) => refuse(Outcome::PriorityTooMany).await,
        Err(e) => refuse(unavailable(e)).await,
    }
}

/// Subscriptions (issue 14): news of a priority for its neighbourhood's subscribers, stored
/// (with a delivery per subscriber, emailed by the mail worker) in the transaction recording it. It points to the neighbourhood's public page.
async fn announce_priority(
    tx: &mut db::reference::Tx<'_>,
    csp: (i64, &str),
    priority: i64,
    kind: crate::subscriptions::NewsKind,
    verdict: Option<Verdict>,
) -> Result<(), db::DbError> {
    let Some(facts) = db::subscriptions::priority_facts_in(tx, priority).await? else { return Ok(()) };
    let announcement = crate::subscriptions::delivery::Announcement {
        csp_id: csp.0,
        whole_csp: false,
        neighbourhoods: vec![facts.neighbourhood_id],
        kind,
        title: Names::new(facts.title_en, facts.title_cy),
        verdict: verdict.map(|v| v.as_str().to_string()),
        link: format!("/neighbourhoods/{}", facts.public_slug),
    };
    crate::subscriptions::delivery::announce_in(tx, &announcement).await?;
    Ok(())
}

async fn set_and_announce(
    state: &AppState,
    new: &NewPriority<'_>,
    choice: Option<&SurveyChoice>,
    csp_slug: &str,
) -> Result<Option<i64>, db::DbError> {
    let mut tx = state.db.writer().begin().await?;
    let Some(id) = db::priorities::set_priority_in(&mut tx, new).await? else { return Ok(None) };
    // Issue 14 (progress): the survey answer it came from, and the stage it starts at.
    db::progress::set_choice_in(&mut tx, id, choice).await?;
    crate::engagement::telling::record_stage_in(&mut tx, id).await?;
    announce_priority(&mut tx, (new.csp_id, csp_slug), id, crate::subscriptions::NewsKind::PrioritySet, None)
        .await?;
    tx.commit().await?;
    Ok(Some(id))
}

async fn review_and_announce(
    state: &AppState,
    priority: i64,
    review: &super::Review,
    staff: &Staff,
    csp: (i64, &str),
) -> Result<(), db::DbError> {
    let mut tx = state.db.writer().begin().await?;
    db::priorities::review_in(&mut tx, priority, review, staff.user.id).await?;
    // Issue 14 (progress): those who raised it told if its public stage moved.
    crate::engagement::telling::tell_if_moved_in(&mut tx, &state.settings.public_url, priority, actor(staff))
        .await?;
    announce_priority(
        &mut tx,
        csp,
        priority,
        crate::subscriptions::NewsKind::PriorityReviewed,
        Some(review.verdict),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn actor(staff: &Staff) -> crate::engagement::telling::Actor<'_> {
    crate::engagement::telling::Actor { user_id: staff.user.id, label: &staff.user.email, ip: &staff.ip }
}

/// Issue 14 (progress): a posted survey answer checked to be an option of one of the CSP's
/// campaigns' published surveys ("" is none).
async fn checked_choice(state: &AppState, csp_id: i64, value: &str) -> Result<Option<SurveyChoice>, Outcome> {
    let Some(choice) = SurveyChoice::parse(value).map_err(|_| Outcome::PriorityChoice)? else {
        return Ok(None);
    };
    let campaign = db::progress::campaign_survey(&state.db, csp_id, choice.campaign_id)
        .await
        .map_err(unavailable)?
        .ok_or(Outcome::PriorityChoice)?;
    let survey: crate::engagement::survey::Survey =
        serde_json::from_str(&campaign.questions).unwrap_or_default();
    let options = choice_options(campaign.id, &Names::new(&campaign.title_en, &campaign.title_cy), &survey);
    match options.iter().any(|o| o.choice == choice) {
        true => Ok(Some(choice)),
        false => Err(Outcome::PriorityChoice),
    }
}

/// Links a priority to a profile or action and, in the same transaction, tells those who raised
/// it if that moved its public stage (a started action linked).
async fn link_and_tell(
    state: &AppState,
    staff: &Staff,
    priority: i64,
    target: Target,
) -> Result<usize, db::DbError> {
    let mut tx = state.db.writer().begin().await?;
    db::priorities::link_in(&mut tx, priority, target).await?;
    let told = crate::engagement::telling::tell_if_moved_in(
        &mut tx,
        &state.settings.public_url,
        priority,
        actor(staff),
    )
    .await?;
    tx.commit().await?;
    Ok(told)
}

/// The priority a form names, if it is the CSP's.
async fn priority_of(state: &AppState, csp_id: i64, priority: &str) -> Result<Option<i64>, db::DbError> {
    let Ok(id) = priority.trim().parse::<i64>() else { return Ok(None) };
    Ok(db::priorities::find(&state.db, csp_id, id).await?.map(|_| id))
}

/// `POST /staff/engagement/priorities/link`: a priority linked to one more profile or action.
pub async fn link(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<LinkForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::RunEngagement, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let done = |outcome: Outcome| back(lang, &csp.slug, &form.neighbourhood, &form.period, &outcome.query());
    let priority = match priority_of(&state, csp.csp_id, &form.priority).await {
        Ok(Some(id)) => id,
        Ok(None) => return done(Outcome::PriorityUnknown),
        Err(e) => return done(unavailable(e)),
    };
    let target = match form.target.split_once(':').map(|(k, v)| (k, v.parse::<i64>())) {
        Some(("profile", Ok(id))) => Target::Profile(id),
        Some(("action", Ok(id))) => Target::Action(id),
        _ => return done(Outcome::PriorityUnknown),
    };
    let known = match target {
        Target::Profile(id) => db::priorities::profile_in(&state.db, csp.csp_id, id).await,
        Target::Action(id) => db::priorities::action_in(&state.db, csp.csp_id, id).await,
    };
    match known {
        Ok(true) => match link_and_tell(&state, &staff, priority, target).await {
            Ok(told) => {
                if told > 0 {
                    state.mail_wake.notify_one();
                }
                done(Outcome::PriorityLinked)
            }
            Err(e) => done(unavailable(e)),
        },
        Ok(false) => done(Outcome::PriorityUnknown),
        Err(e) => done(unavailable(e)),
    }
}

/// `POST /staff/engagement/priorities/review`: the community's verdict, with its evidence and
/// day; earlier reviews are kept.
pub async fn review(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<ReviewForm>,
) -> Response {
    let reading =
        match read(&state, &staff, lang, "review", &fields, (&form.csp, &form.neighbourhood, &form.period)) {
            Ok(r) => r,
            Err(response) => return response,
        };
    let (csp, refuse) = (&reading.csp, |outcome: Outcome| reading.refuse(outcome));
    let priority = match priority_of(&state, csp.csp_id, &form.priority).await {
        Ok(Some(id)) => id,
        Ok(None) => return refuse(Outcome::PriorityUnknown).await,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let today = db::now().div_euclid(DAY) * DAY;
    let checked = match check_review(&form.verdict, &form.evidence, &form.reviewed_on, today) {
        Ok(r) => r,
        Err(p) => return refuse(problem_outcome(p)).await,
    };
    match review_and_announce(&state, priority, &checked, &staff, (csp.csp_id, &csp.slug)).await {
        Ok(()) => {
            state.mail_wake.notify_one();
            back(lang, &csp.slug, &form.neighbourhood, &form.period, &Outcome::PriorityReviewed.query())
        }
        Err(e) => refuse(unavailable(e)).await,
    }
}

fn audit_entry(staff: &Staff, csp_id: i64, priority: i64, detail: String) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(AuditAction::PriorityChanged),
        record_type: Some("neighbourhood_priority".into()),
        record_id: Some(priority.to_string()),
        csp_id: Some(csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(detail),
    }
}

/// `POST /staff/engagement/priorities/edit`: a priority's titles and why changed (refused
/// input comes back as typed with the reason); audited with the change.
pub async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<EditForm>,
) -> Response {
    let reading =
        match read(&state, &staff, lang, "edit", &fields, (&form.csp, &form.neighbourhood, &form.period)) {
            Ok(r) => r,
            Err(response) => return response,
        };
    let (csp, refuse) = (&reading.csp, |outcome: Outcome| reading.refuse(outcome));
    let priority = match priority_of(&state, csp.csp_id, &form.priority).await {
        Ok(Some(id)) => id,
        Ok(None) => return refuse(Outcome::PriorityUnknown).await,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let text = match words(&form.title_en, &form.title_cy, &form.why) {
        Ok(t) => t,
        Err(outcome) => return refuse(outcome).await,
    };
    let choice = match checked_choice(&state, csp.csp_id, &form.choice).await {
        Ok(c) => c,
        Err(outcome) => return refuse(outcome).await,
    };
    let from = choice.as_ref().map(|c| format!("; from survey answer {}", c.value())).unwrap_or_default();
    let detail = format!("edited: {} / {}{from}", text.title_en, text.title_cy);
    let entry = audit_entry(&staff, csp.csp_id, priority, detail);
    match db::priorities::edit_with_choice(&state.db, priority, &text, choice.as_ref(), &entry).await {
        Ok(true) => {
            back(lang, &csp.slug, &form.neighbourhood, &form.period, &Outcome::PriorityEdited.query())
        }
        Ok(false) => refuse(Outcome::PriorityUnknown).await,
        Err(e) => refuse(unavailable(e)).await,
    }
}

/// `POST /staff/engagement/priorities/remove`: a priority set in error removed once the box
/// confirming it is ticked, with its links (its place is free again); one with a recorded
/// verdict is kept as the neighbourhood's history. Audited.
pub async fn remove(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<RemoveForm>,
) -> Response {
    let reading =
        match read(&state, &staff, lang, "remove", &fields, (&form.csp, &form.neighbourhood, &form.period)) {
            Ok(r) => r,
            Err(response) => return response,
        };
    let (csp, refuse) = (&reading.csp, |outcome: Outcome| reading.refuse(outcome));
    let place = match form.priority.trim().parse::<i64>() {
        Ok(id) => db::priorities::find(&state.db, csp.csp_id, id).await.map(|p| p.map(|p| (id, p))),
        Err(_) => Ok(None),
    };
    let (priority, found) = match place {
        Ok(Some(found)) => found,
        Ok(None) => return refuse(Outcome::PriorityUnknown).await,
        Err(e) => return refuse(unavailable(e)).await,
    };
    if form.confirm.trim() != "yes" {
        return refuse(Outcome::PriorityConfirm).await;
    }
    let detail = format!(
        "removed: neighbourhood {} {}",
        found.neighbourhood_id,
        Period { year: found.year, quarter: found.quarter }
    );
    let entry = audit_entry(&staff, csp.csp_id, priority, detail);
    match db::priorities::remove(&state.db, priority, &entry).await {
        Ok(db::priorities::Removed::Removed) => {
            back(lang, &csp.slug, &form.neighbourhood, &form.period, &Outcome::PriorityRemoved.query())
        }
        Ok(db::priorities::Removed::Reviewed) => refuse(Outcome::PriorityHasVerdict).await,
        Ok(db::priorities::Removed::Gone) => refuse(Outcome::PriorityUnknown).await,
        Err(e) => refuse(unavailable(e)).await,
    }
}
