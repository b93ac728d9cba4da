//! The survey builder: `/staff/engagement/{id}/survey` (a campaign's survey: its questions,
//! each with its words in English and Welsh and what stops it being published, forms to add,
//! change, move and remove questions and options, its opening and closing days, publishing, and
//! the ready-made neighbourhood priorities poll) and `/staff/engagement/{id}/survey/preview`
//! (the survey as residents will see it, read-only, in English or Welsh: `?lang=cy`). Each form
//! has its own route and type; each checks the survey's version, so a change someone else saved
//! meanwhile is never overwritten. Publishing copies the draft into a new version, which never
//! changes.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{
        self,
        engagement::{CampaignRow, SurveyRow},
    },
    engagement::{
        builder::{self, kind_name, problem_question, problem_words, BuildError, QuestionEdit},
        campaign_pages::EngagementOutcome,
        campaigns,
        survey::{Question, QuestionKind, RatingLabels, Survey, SurveyProblem, RATING_MAX},
        SurveyKind,
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{
        form::Posted,
        outcome::Outcome,
        page::Page,
        problem::{page, Problem},
        use_lang, Hidden,
    },
    staff::{
        guard::Staff,
        kept::{self, KeptForm},
        pages::require_user,
        Permission, StaffUser,
    },
    state::AppState,
    t,
    time::{iso_date, time, Timestamp},
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The page key the builder's refused forms are kept under.
fn builder_page(id: i64) -> String {
    format!("engagement/survey/{id}")
}

/// A campaign's survey as the builder shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BuilderSurvey {
    pub version: i64,
    pub kind: SurveyKind,
    pub draft: Survey,
    pub opens_on: String,
    pub closes_on: String,
    /// Published versions: number and when.
    pub published: Vec<(i64, Timestamp)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BuilderView {
    pub campaign_id: i64,
    pub title: Names,
    pub reported: bool,
    pub can_run: bool,
    pub survey: Option<BuilderSurvey>,
    pub kept: KeptForm,
}

/// A campaign the person may see; "not found" for anyone else.
async fn visible(state: &AppState, user: &StaffUser, id: i64) -> Result<CampaignRow, ServerFnError> {
    let c = db::engagement::campaign(&state.db, id)
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    if !(user.can(Permission::ViewEngagementResults, c.csp_id)
        || user.can(Permission::RunEngagement, c.csp_id))
    {
        return Err(reject(AppError::NotFound));
    }
    Ok(c)
}

fn read_draft(s: &SurveyRow) -> Survey {
    serde_json::from_str(&s.draft).unwrap_or_default()
}

/// The loader of the builder.
pub async fn builder_view(id: i64, kept: Option<String>) -> Result<BuilderView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let c = visible(&state, &user, id).await?;
    let survey = match db::engagement::survey_of_campaign(&state.db, id).await.map_err(internal)? {
        Some(s) => {
            let versions = db::engagement::survey_versions(&state.db, s.id).await.map_err(internal)?;
            Some(BuilderSurvey {
                version: s.version,
                kind: s.kind,
                draft: read_draft(&s),
                opens_on: s.opens_at.map(iso_date).unwrap_or_default(),
                closes_on: s.closes_at.map(|c| iso_date(builder::closing_day(c))).unwrap_or_default(),
                published: versions.iter().map(|v| (v.number, v.published_at)).collect(),
            })
        }
        None => None,
    };
    let can_run = user.can(Permission::RunEngagement, c.csp_id);
    let kept = if can_run {
        kept::kept(&state.db, user.id, &builder_page(id), kept.as_deref()).await
    } else {
        KeptForm::default()
    };
    Ok(BuilderView {
        campaign_id: id,
        title: Names::new(&c.title_en, &c.title_cy),
        reported: c.status == crate::engagement::CampaignStatus::Reported,
        can_run,
        survey,
        kept,
    })
}

#[component]
pub fn SurveyBuilderPage() -> impl IntoView {
    let lang = use_lang();
    let (p, q) = (use_params_map().read_untracked(), use_query_map().read_untracked());
    let load = builder_view(p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0), q.get("kept"));
    view! { <Page lang error_title=t!(lang, "builder-title") load render=move |view| builder(lang, view) /> }
}

/// The builder as an outline.
fn builder(lang: Lang, v: BuilderView) -> impl IntoView {
    let id = v.campaign_id;
    let heading = t!(lang, "builder-heading", campaign = v.title.get(lang).to_string());
    // A refused question form: the summary links to it.
    let field = match v.kept.form.as_str() {
        "dates" => Some("survey-opens".to_string()),
        "add" => Some("add-kind".to_string()),
        form if form.starts_with("question-") => Some(form.to_string()),
        _ => None,
    };
    let editable = v.can_run && !v.reported;
    view! {
        <Title text=heading.clone() />
        <p class="meta"><a href=lang.path(&format!("/staff/engagement/{id}"))>{v.title.get(lang).to_string()}</a></p>
        <h1>{heading}</h1>
        {match field {
            Some(field) => view! { <EngagementOutcome lang field /> }.into_any(),
            None => view! { <EngagementOutcome lang /> }.into_any(),
        }}
        <p>{t!(lang, "builder-intro")}</p>
        {match v.survey {
            None => view! { <StartSurvey lang id can_run=editable /> }.into_any(),
            Some(s) => view! {
                <PublishSection lang id survey=s.clone() editable />
                <SurveyDates lang id survey=s.clone() editable kept=v.kept.clone() />
                <QuestionList lang id survey=s.clone() editable kept=v.kept.clone() />
                {editable.then(|| view! { <AddQuestion lang id version=s.version kept=v.kept.clone() /> })}
            }
            .into_any(),
        }}
    }
}

/// No survey yet: start one empty, or from the neighbourhood priorities poll.
#[component]
fn StartSurvey(lang: Lang, id: i64, can_run: bool) -> impl IntoView {
    view! {
        <section aria-labelledby="start-heading">
            <h2 id="start-heading">{t!(lang, "builder-start-heading")}</h2>
            <p>{t!(lang, "builder-none")}</p>
            {can_run.then(|| view! {
                <form method="post" action=lang.path(&format!("/staff/engagement/{id}/survey/start")) class="form">
                    <input type="hidden" name="lang" value=lang.code() />
                    <button type="submit" class="button">{t!(lang, "builder-start")}</button>
                </form>
                <h3>{t!(lang, "builder-poll-heading")}</h3>
                <p>{t!(lang, "builder-poll-hint")}</p>
                <form method="post" action=lang.path(&format!("/staff/engagement/{id}/survey/priorities-poll")) class="form">
                    <input type="hidden" name="lang" value=lang.code() />
                    <button type="submit" class="button">{t!(lang, "builder-poll")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

/// What stops publishing, the published versions, the previews and the publish button.
#[component]
fn PublishSection(lang: Lang, id: i64, survey: BuilderSurvey, editable: bool) -> impl IntoView {
    let problems = survey.draft.problems();
    let general: Vec<String> = problems
        .iter()
        .filter(|p| problem_question(p).is_none())
        .map(|p| problem_words(lang, &survey.draft, p))
        .collect();
    let preview = |l: Lang| {
        format!("{}?lang={}", lang.path(&format!("/staff/engagement/{id}/survey/preview")), l.code())
    };
    view! {
        <section aria-labelledby="publish-heading">
            <h2 id="publish-heading">{t!(lang, "builder-publish-heading")}</h2>
            {if survey.published.is_empty() {
                view! { <p>{t!(lang, "builder-unpublished")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {survey.published.iter().map(|(n, at)| view! {
                            <li>
                                <a href=format!("{}&version={n}", preview(lang))>{{ let (version, date) = (*n, time(lang, *at)); t!(lang, "builder-version", version = version, date = date) }}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p>{t!(lang, "builder-preview")} " "
                <a href=preview(Lang::En)>{t!(lang, "builder-preview-en")}</a> " "
                <a href=preview(Lang::Cy)>{t!(lang, "builder-preview-cy")}</a>
            </p>
            {if problems.is_empty() {
                view! { <p>{t!(lang, "builder-ready")}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(lang, "builder-problems-count", count = problems.len())}</p>
                    <ul>{general.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                }
                .into_any()
            }}
            {editable.then(|| view! {
                <form method="post" action=lang.path(&format!("/staff/engagement/{id}/survey/publish")) class="form">
                    <Hidden lang version=survey.version />
                    <p class="hint">{t!(lang, "builder-publish-hint")}</p>
                    <button type="submit" class="button">{t!(lang, "builder-publish")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

/// The days residents may answer.
#[component]
fn SurveyDates(lang: Lang, id: i64, survey: BuilderSurvey, editable: bool, kept: KeptForm) -> impl IntoView {
    // Refused dates come back as typed.
    let opens = kept.value("dates", "opens_on", survey.opens_on.clone());
    let closes = kept.value("dates", "closes_on", survey.closes_on.clone());
    view! {
        <section aria-labelledby="dates-heading">
            <h2 id="dates-heading">{t!(lang, "builder-dates-heading")}</h2>
            <form method="post" action=lang.path(&format!("/staff/engagement/{id}/survey/dates")) class="form inline-fields">
                <Hidden lang version=survey.version />
                <div class="field">
                    <label for="survey-opens">{t!(lang, "builder-opens")}</label>
                    <input id="survey-opens" name="opens_on" type="date" value=opens disabled=!editable />
                </div>
                <div class="field">
                    <label for="survey-closes">{t!(lang, "builder-closes")}</label>
                    <input id="survey-closes" name="closes_on" type="date" value=closes disabled=!editable />
                </div>
                {editable.then(|| view! { <button type="submit" class="button">{t!(lang, "builder-dates-save")}</button> })}
            </form>
        </section>
    }
    .into_any()
}

/// Every question in order, each with what stops publishing and its forms.
#[component]
fn QuestionList(lang: Lang, id: i64, survey: BuilderSurvey, editable: bool, kept: KeptForm) -> impl IntoView {
    let problems = survey.draft.problems();
    let count = survey.draft.questions.len();
    view! {
        <section aria-labelledby="questions-heading">
            <h2 id="questions-heading">{t!(lang, "builder-questions")}</h2>
            {(count == 0).then(|| view! { <p>{t!(lang, "builder-no-questions")}</p> })}
            {survey.draft.questions.iter().enumerate().map(|(i, q)| {
                let own: Vec<String> = problems
                    .iter()
                    .filter(|p| problem_question(p) == Some(q.key.as_str()))
                    .map(|p| problem_words(lang, &survey.draft, p))
                    .collect();
                let at = Place { id, version: survey.version, number: i + 1, count };
                question_block(lang, &survey.draft, q, own, at, editable, &kept)
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// Where a question is: its campaign, the survey's version, its number and how many there are.
#[derive(Clone, Copy)]
struct Place {
    id: i64,
    version: i64,
    number: usize,
    count: usize,
}

fn question_block(
    lang: Lang,
    survey: &Survey,
    q: &Question,
    problems: Vec<String>,
    at: Place,
    editable: bool,
    kept: &KeptForm,
) -> AnyView {
    let anchor = format!("question-{}", q.key);
    let heading = t!(lang, "builder-question-heading", number = at.number, kind = kind_name(lang, q.kind));
    view! {
        <article class="question-block" aria-labelledby=format!("{anchor}-heading")>
            <h3 id=format!("{anchor}-heading")>{heading}</h3>
            {(!problems.is_empty()).then(|| view! {
                <div class="notice notice-warning" id=format!("{anchor}-problems")>
                    <p>{t!(lang, "builder-question-problems")}</p>
                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
            {if editable {
                view! {
                    {question_form(lang, survey, q, at, kept)}
                    {question_buttons(lang, q, at)}
                }
                .into_any()
            } else {
                view! {
                    <p lang="en">{q.text.en.clone()}</p>
                    <p lang="cy">{q.text.cy.clone()}</p>
                }
                .into_any()
            }}
        </article>
    }
    .into_any()
}

/// Every value posted under `name` when `form` is the kept one (the options' words).
fn kept_all(kept: &KeptForm, form: &str, name: &str) -> Option<Vec<String>> {
    kept.is(form).then(|| kept.fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect())
}

/// One text field of words in one language: its id, name, label and value.
struct Words {
    id: String,
    name: String,
    label: String,
    value: String,
}

/// The same words in English and Welsh, side by side.
#[component]
fn BilingualFields(en: Words, cy: Words) -> impl IntoView {
    let field = |words: Words, language: &'static str| {
        view! {
            <div class="field">
                <label for=words.id.clone()>{words.label}</label>
                <input id=words.id name=words.name type="text" maxlength="1000" value=words.value lang=language />
            </div>
        }
    };
    view! { <div class="inline-fields">{field(en, "en")}{field(cy, "cy")}</div> }
}

/// The fields `{field}_en` and `{field}_cy` (named by what follows the last `-`) for the same
/// words, `what` they are, in English and Welsh.
fn pair(lang: Lang, field: &str, what: String, values: (String, String)) -> AnyView {
    let words = |id: String, label: String, value: String| Words {
        name: id.rsplit('-').next().unwrap_or("").to_string(),
        id,
        label,
        value,
    };
    view! {
        <BilingualFields
            en=words(format!("{field}_en"), t!(lang, "builder-words-en", what = what.clone()), values.0)
            cy=words(format!("{field}_cy"), t!(lang, "builder-words-cy", what = what), values.1)
        />
    }
    .into_any()
}

/// One option of a choice question, numbered `number`: its key and its words in both languages.
#[component]
fn OptionRow(lang: Lang, field: String, key: String, number: usize, en: String, cy: String) -> impl IntoView {
    view! {
        <input type="hidden" name="option_key" value=key />
        <BilingualFields
            en=Words { id: format!("{field}-en"), name: "option_en".into(), label: t!(lang, "builder-option-en", number = number), value: en }
            cy=Words { id: format!("{field}-cy"), name: "option_cy".into(), label: t!(lang, "builder-option-cy", number = number), value: cy }
        />
    }
}

/// The edit form of one question: its words, whether required, at most, options, rating ends
/// and when it is shown.
fn question_form(lang: Lang, survey: &Survey, q: &Question, at: Place, kept: &KeptForm) -> AnyView {
    let form = format!("question-{}", q.key);
    let id = |f: &str| format!("{form}-{f}");
    let value = |name: &str, stored: &str| kept.value(&form, name, stored);
    let required = if kept.is(&form) { kept.value(&form, "required", "") == "1" } else { q.required };
    view! {
        <form method="post" action=lang.path(&format!("/staff/engagement/{}/survey/question", at.id)) class="form" id=form.clone()>
            <Hidden lang version=at.version />
            <input type="hidden" name="key" value=q.key.clone() />
            {pair(lang, &id("text"), t!(lang, "builder-part-text"), (value("text_en", &q.text.en), value("text_cy", &q.text.cy)))}
            {pair(lang, &id("help"), t!(lang, "builder-part-help"), (value("help_en", &q.help.en), value("help_cy", &q.help.cy)))}
            <div class="checkbox">
                <input id=id("required") type="checkbox" name="required" value="1" checked=required />
                <label for=id("required")>{t!(lang, "builder-required")}</label>
            </div>
            {q.kind.has_options().then(|| choice_fields(lang, q, &form, kept))}
            {(q.kind == QuestionKind::Rating).then(|| rating_fields(lang, q, &form, kept))}
            {condition_field(lang, survey, q, &form, kept)}
            <button type="submit" class="button">{t!(lang, "builder-question-save")}</button>
        </form>
    }
    .into_any()
}

/// Options (each in both languages) and "at most".
fn choice_fields(lang: Lang, q: &Question, form: &str, kept: &KeptForm) -> AnyView {
    let en = kept_all(kept, form, "option_en")
        .unwrap_or_else(|| q.options.iter().map(|o| o.label.en.clone()).collect());
    let cy = kept_all(kept, form, "option_cy")
        .unwrap_or_else(|| q.options.iter().map(|o| o.label.cy.clone()).collect());
    let max = kept.value(form, "max_choices", q.max_choices.map(|m| m.to_string()).unwrap_or_default());
    let multiple = q.kind != QuestionKind::SingleChoice;
    view! {
        <fieldset class="field">
            <legend>{t!(lang, "builder-options")}</legend>
            {q.options.iter().enumerate().map(|(i, o)| view! {
                <OptionRow
                    lang
                    field=format!("{form}-option-{}", o.key)
                    key=o.key.clone()
                    number=i + 1
                    en=en.get(i).cloned().unwrap_or_default()
                    cy=cy.get(i).cloned().unwrap_or_default()
                />
            }).collect_view()}
        </fieldset>
        {multiple.then(|| view! {
            <div class="field">
                <label for=format!("{form}-max")>{t!(lang, "builder-max-choices")}</label>
                <p class="hint" id=format!("{form}-max-hint")>{t!(lang, "builder-max-choices-hint")}</p>
                <input id=format!("{form}-max") name="max_choices" type="text" inputmode="numeric" size="3" value=max aria-describedby=format!("{form}-max-hint") />
            </div>
        })}
    }
    .into_any()
}

/// The words for the two ends of a rating.
fn rating_fields(lang: Lang, q: &Question, form: &str, kept: &KeptForm) -> AnyView {
    let stored =
        q.rating_labels.clone().unwrap_or(RatingLabels { low: Names::new("", ""), high: Names::new("", "") });
    let v = |name: &str, s: &str| kept.value(form, name, s);
    view! {
        {pair(lang, &format!("{form}-low"), t!(lang, "builder-part-low"), (v("low_en", &stored.low.en), v("low_cy", &stored.low.cy)))}
        {pair(lang, &format!("{form}-high"), t!(lang, "builder-part-high"), (v("high_en", &stored.high.en), v("high_cy", &stored.high.cy)))}
    }
    .into_any()
}

/// "Ask only when": an answer of an earlier choice question, or always.
fn condition_field(lang: Lang, survey: &Survey, q: &Question, form: &str, kept: &KeptForm) -> AnyView {
    let position = survey.questions.iter().position(|p| p.key == q.key).unwrap_or(0);
    let stored = q.show_if.as_ref().map(|c| format!("{}={}", c.question, c.answer)).unwrap_or_default();
    let chosen = kept.value(form, "show_if", stored);
    let choices: Vec<(String, String)> = survey.questions[..position]
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice))
        .flat_map(|(i, p)| {
            p.options.iter().map(move |o| {
                (
                    format!("{}={}", p.key, o.key),
                    t!(
                        lang,
                        "builder-condition-choice",
                        number = ((i + 1) as i64),
                        answer = o.label.get(lang).to_string()
                    ),
                )
            })
        })
        .collect();
    view! {
        <div class="field">
            <label for=format!("{form}-show-if")>{t!(lang, "builder-condition")}</label>
            <select id=format!("{form}-show-if") name="show_if">
                <option value="" selected=chosen.is_empty()>{t!(lang, "builder-condition-always")}</option>
                {choices.into_iter().map(|(value, label)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// The small forms beside a question: move, add or remove an option, remove the question.
fn question_buttons(lang: Lang, q: &Question, at: Place) -> AnyView {
    let action = |tail: &str| lang.path(&format!("/staff/engagement/{}/survey/{tail}", at.id));
    let button = |tail: &str, extra: Vec<(&'static str, String)>, label: String| {
        view! {
            <form method="post" action=action(tail) class="inline">
                <Hidden lang version=at.version />
                <input type="hidden" name="key" value=q.key.clone() />
                {extra.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
                <button type="submit" class="button button-secondary">{label}</button>
            </form>
        }
    };
    let n = at.number;
    view! {
        <div class="button-row">
            {(at.number > 1).then(|| button("move", vec![("direction", "up".into())], t!(lang, "builder-move-up", number = n)))}
            {(at.number < at.count).then(|| button("move", vec![("direction", "down".into())], t!(lang, "builder-move-down", number = n)))}
            {q.kind.has_options().then(|| button("option-add", vec![], t!(lang, "builder-option-add", number = n)))}
            {q.options.iter().enumerate().map(|(i, o)| {
                button("option-remove", vec![("option", o.key.clone())], t!(lang, "builder-option-remove", option = ((i + 1) as i64), number = (n as i64)))
            }).collect_view()}
            {button("remove", vec![], t!(lang, "builder-remove", number = n))}
        </div>
    }
    .into_any()
}

/// A new question: its kind and words.
#[component]
fn AddQuestion(lang: Lang, id: i64, version: i64, kept: KeptForm) -> impl IntoView {
    // A refused new question comes back as typed.
    let kind = kept.value("add", "kind", "");
    let typed = (kept.value("add", "text_en", ""), kept.value("add", "text_cy", ""));
    view! {
        <section aria-labelledby="add-heading">
            <h2 id="add-heading">{t!(lang, "builder-add-heading")}</h2>
            <form method="post" action=lang.path(&format!("/staff/engagement/{id}/survey/add")) class="form">
                <Hidden lang version />
                <div class="field">
                    <label for="add-kind">{t!(lang, "builder-kind")}</label>
                    <select id="add-kind" name="kind">
                        {QuestionKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=kind == k.as_str()>{kind_name(lang, *k)}</option> }).collect_view()}
                    </select>
                </div>
                {pair(lang, "add-text", t!(lang, "builder-part-text"), typed)}
                <button type="submit" class="button">{t!(lang, "builder-add")}</button>
            </form>
        </section>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The preview

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PreviewView {
    pub campaign_id: i64,
    pub title: Names,
    pub purpose: Names,
    pub survey: Survey,
    /// The published version shown (none: the draft).
    pub version: Option<i64>,
    pub wards: Vec<(String, Names)>,
    /// The language the survey is shown in.
    pub shown_in: Lang,
}

/// The loader of the preview: the draft, or a published version (`?version=`), in `shown_in`.
pub async fn preview_view(
    id: i64,
    shown_in: Lang,
    version: Option<i64>,
) -> Result<PreviewView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let c = visible(&state, &user, id).await?;
    let s = db::engagement::survey_of_campaign(&state.db, id)
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    let survey = match version {
        None => read_draft(&s),
        Some(n) => {
            let versions = db::engagement::survey_versions(&state.db, s.id).await.map_err(internal)?;
            let v = versions.into_iter().find(|v| v.number == n).ok_or_else(|| reject(AppError::NotFound))?;
            serde_json::from_str(&v.questions).map_err(internal)?
        }
    };
    let wards = db::engagement::campaign_wards(&state.db, id).await.map_err(internal)?;
    Ok(PreviewView {
        campaign_id: id,
        title: Names::new(&c.title_en, &c.title_cy),
        purpose: Names::new(&c.purpose_en, &c.purpose_cy),
        survey,
        version,
        wards: wards.into_iter().map(|w| (w.code, Names::new(w.name_en, w.name_cy))).collect(),
        shown_in,
    })
}

#[component]
pub fn SurveyPreviewPage() -> impl IntoView {
    let lang = use_lang();
    let (p, q) = (use_params_map().read_untracked(), use_query_map().read_untracked());
    let shown_in = q.get("lang").and_then(|l| Lang::parse(&l)).unwrap_or(lang);
    let load = preview_view(
        p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0),
        shown_in,
        q.get("version").and_then(|v| v.parse().ok()),
    );
    view! { <Page lang error_title=t!(lang, "builder-preview-title") load render=move |view| preview(lang, view) /> }
}

/// The survey as residents will see it, every field disabled.
fn preview(lang: Lang, v: PreviewView) -> impl IntoView {
    let heading = t!(lang, "builder-preview-title");
    let l = v.shown_in;
    let which = match v.version {
        Some(n) => t!(lang, "builder-preview-version", version = n),
        None => t!(lang, "builder-preview-draft"),
    };
    let other = l.other();
    let id = v.campaign_id;
    let survey = v.survey.clone();
    view! {
        <Title text=heading.clone() />
        <p class="meta"><a href=lang.path(&format!("/staff/engagement/{id}/survey"))>{t!(lang, "builder-title")}</a></p>
        <h1>{heading}</h1>
        <div class="notice" role="note">
            <p>{which}</p>
            <p><a href=format!("{}?lang={}{}", lang.path(&format!("/staff/engagement/{id}/survey/preview")), other.code(), v.version.map(|n| format!("&version={n}")).unwrap_or_default())>
                {if other == Lang::Cy { t!(lang, "builder-preview-cy") } else { t!(lang, "builder-preview-en") }}
            </a></p>
        </div>
        <div class="survey-preview" lang=l.code()>
            <h2>{v.title.get(l).to_string()}</h2>
            {(!v.purpose.get(l).is_empty()).then(|| view! { <p>{v.purpose.get(l).to_string()}</p> })}
            <form class="form" aria-disabled="true">
                {survey.questions.iter().enumerate().map(|(i, q)| preview_question(l, &survey, i, q, &v.wards)).collect_view()}
            </form>
        </div>
    }
}

/// One question as residents see it (read-only).
fn preview_question(l: Lang, survey: &Survey, i: usize, q: &Question, wards: &[(String, Names)]) -> AnyView {
    let name = format!("q_{}", q.key);
    let field = format!("preview-{}", q.key);
    let text = format!(
        "{}{}",
        q.text.get(l),
        if q.required { format!(" {}", t!(l, "builder-preview-required")) } else { String::new() }
    );
    let condition = q.show_if.as_ref().and_then(|c| {
        let (n, parent) = survey.questions.iter().enumerate().find(|(_, p)| p.key == c.question)?;
        let answer = parent.options.iter().find(|o| o.key == c.answer)?;
        Some(t!(
            l,
            "builder-preview-condition",
            number = ((n + 1) as i64),
            answer = answer.label.get(l).to_string()
        ))
    });
    let help = (!q.help.get(l).is_empty()).then(|| view! { <p class="hint">{q.help.get(l).to_string()}</p> });
    let body = match q.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let kind = if q.kind == QuestionKind::SingleChoice { "radio" } else { "checkbox" };
            q.options.iter().map(|o| {
                let id = format!("{field}-{}", o.key);
                view! {
                    <div class="checkbox">
                        <input id=id.clone() type=kind name=name.clone() value=o.key.clone() disabled=true />
                        <label for=id>{o.label.get(l).to_string()}</label>
                    </div>
                }
            }).collect_view().into_any()
        }
        QuestionKind::Rating => {
            let labels = q.rating_labels.clone();
            view! {
                {labels.as_ref().map(|r| view! { <p class="hint">{format!("1 = {}, {RATING_MAX} = {}", r.low.get(l), r.high.get(l))}</p> })}
                {(1..=RATING_MAX).map(|n| {
                    let id = format!("{field}-{n}");
                    view! {
                        <div class="checkbox">
                            <input id=id.clone() type="radio" name=name.clone() value=n.to_string() disabled=true />
                            <label for=id>{n.to_string()}</label>
                        </div>
                    }
                }).collect_view()}
            }
            .into_any()
        }
        QuestionKind::Ranking => {
            let places = q.max_choices.map(|m| m as usize).unwrap_or(q.options.len());
            (1..=places).map(|n| {
                let id = format!("{field}-{n}");
                view! {
                    <div class="field">
                        <label for=id.clone()>{t!(l, "builder-preview-rank", number = n)}</label>
                        <select id=id name=format!("{name}_{n}") disabled=true>
                            <option value="">{t!(l, "builder-preview-choose")}</option>
                            {q.options.iter().map(|o| view! { <option value=o.key.clone()>{o.label.get(l).to_string()}</option> }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view().into_any()
        }
        QuestionKind::FreeText => view! {
            <textarea id=field.clone() name=name.clone() rows="4" disabled=true aria-label=q.text.get(l).to_string()></textarea>
        }
        .into_any(),
        QuestionKind::Place => view! {
            <select id=field.clone() name=name.clone() disabled=true aria-label=q.text.get(l).to_string()>
                <option value="">{t!(l, "builder-preview-choose")}</option>
                {wards.iter().map(|(code, n)| view! { <option value=code.clone()>{n.get(l).to_string()}</option> }).collect_view()}
            </select>
        }
        .into_any(),
    };
    view! {
        <fieldset class="field">
            <legend>{format!("{}. {text}", i + 1)}</legend>
            {condition.map(|c| view! { <p class="hint">{c}</p> })}
            {help}
            {body}
        </fieldset>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The forms' handlers

fn to_builder(lang: Lang, id: i64, outcome: impl std::fmt::Display) -> Response {
    Redirect::to(&format!("{}?{outcome}", lang.path(&format!("/staff/engagement/{id}/survey"))))
        .into_response()
}

fn unavailable(lang: Lang, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "survey builder: database");
    page(lang, Problem::Internal)
}

fn refused(e: BuildError) -> Outcome {
    match e {
        BuildError::NoQuestion => Outcome::BuilderQuestion,
        BuildError::TooManyQuestions => Outcome::BuilderTooManyQuestions,
        BuildError::TooManyOptions => Outcome::BuilderTooManyOptions,
        BuildError::TooLong => Outcome::BuilderTooLong,
        BuildError::MaxChoices => Outcome::BuilderMaxChoices,
        BuildError::Condition => Outcome::BuilderCondition,
        BuildError::Dates => Outcome::BuilderDates,
    }
}

fn audit(staff: &Staff, action: AuditAction, csp_id: i64, campaign_id: i64, detail: String) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(action),
        record_type: Some("campaign_survey".into()),
        record_id: Some(campaign_id.to_string()),
        csp_id: Some(csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(detail),
    }
}

/// The campaign a builder form is about, if the person may run it: "not found" for those who
/// may not see it, "not allowed" for those who may only read it; a reported campaign's survey
/// no longer changes.
async fn runnable(state: &AppState, staff: &Staff, lang: Lang, id: i64) -> Result<CampaignRow, Response> {
    let c = match db::engagement::campaign(&state.db, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => return Err(unavailable(lang, e)),
    };
    staff.require(lang, Permission::ViewEngagementResults, Permission::RunEngagement, c.csp_id)?;
    if !campaigns::editable(c.status) {
        return Err(to_builder(lang, id, Outcome::BuilderReported));
    }
    Ok(c)
}

/// A change to the draft, about to be made: the campaign, its survey and draft, and how to
/// answer.
struct Editing<'a> {
    state: &'a AppState,
    staff: &'a Staff,
    lang: Lang,
    campaign: CampaignRow,
    survey: SurveyRow,
    draft: Survey,
    form: String,
    fields: &'a [(String, String)],
}

impl Editing<'_> {
    /// Back to the builder, the form kept as typed, with `error`.
    async fn refuse(&self, error: Outcome) -> Response {
        let anchor =
            if self.form.starts_with("question-") { format!("#{}", self.form) } else { String::new() };
        let outcome = kept::refusal(
            &self.state.db,
            self.staff.user.id,
            &builder_page(self.campaign.id),
            &self.form,
            self.fields,
            error,
        )
        .await;
        to_builder(self.lang, self.campaign.id, format!("{outcome}{anchor}"))
    }

    /// Saves the draft (with `opens`/`closes`) and its audit entry; someone else's save in
    /// between refuses it as stale, kept.
    async fn save(
        &self,
        draft: &Survey,
        dates: (Option<Timestamp>, Option<Timestamp>),
        what: String,
    ) -> Response {
        let json = match serde_json::to_string(draft) {
            Ok(j) => j,
            Err(e) => return unavailable(self.lang, e),
        };
        let entry =
            audit(self.staff, AuditAction::SurveyChanged, self.campaign.csp_id, self.campaign.id, what);
        match db::campaigns::save_draft(
            &self.state.db,
            self.survey.id,
            self.survey.version,
            &json,
            dates.0,
            dates.1,
            &entry,
        )
        .await
        {
            Ok(true) => to_builder(self.lang, self.campaign.id, Outcome::BuilderSaved),
            Ok(false) => self.refuse(Outcome::BuilderStale).await,
            Err(e) => unavailable(self.lang, e),
        }
    }

    fn dates(&self) -> (Option<Timestamp>, Option<Timestamp>) {
        (self.survey.opens_at, self.survey.closes_at)
    }
}

/// Opens a builder form's survey for a change: the person's right, the survey, and the version
/// the form was drawn from (someone else saved first: refused, kept as typed).
async fn editing<'a>(
    state: &'a AppState,
    staff: &'a Staff,
    lang: Lang,
    id: i64,
    version: &str,
    form: String,
    fields: &'a [(String, String)],
) -> Result<Editing<'a>, Response> {
    let campaign = runnable(state, staff, lang, id).await?;
    let survey = match db::engagement::survey_of_campaign(&state.db, id).await {
        Ok(Some(s)) => s,
        Ok(None) => return Err(to_builder(lang, id, Outcome::BuilderNone)),
        Err(e) => return Err(unavailable(lang, e)),
    };
    let draft = read_draft(&survey);
    let e = Editing { state, staff, lang, campaign, survey, draft, form, fields };
    if version.parse::<i64>().ok() != Some(e.survey.version) {
        return Err(e.refuse(Outcome::BuilderStale).await);
    }
    Ok(e)
}

/// A form that carries only the language.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StartForm {}

/// `POST /staff/engagement/{id}/survey/start`: gives the campaign an empty survey to build.
pub async fn start(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { lang, .. }: Posted<StartForm>,
) -> Response {
    let c = match runnable(&state, &staff, lang, id).await {
        Ok(c) => c,
        Err(response) => return response,
    };
    let draft = serde_json::to_string(&Survey::default()).unwrap_or_else(|_| r#"{"questions":[]}"#.into());
    let entry = audit(&staff, AuditAction::SurveyChanged, c.csp_id, id, "survey started".into());
    match db::campaigns::start_survey(&state.db, id, SurveyKind::Custom, &draft, &entry).await {
        Ok(true) => to_builder(lang, id, Outcome::BuilderStarted),
        Ok(false) => to_builder(lang, id, Outcome::BuilderExists),
        Err(e) => unavailable(lang, e),
    }
}

/// `POST /staff/engagement/{id}/survey/priorities-poll`: gives the campaign the neighbourhood
/// priorities poll, with the CSP's report categories as the fixed list of concerns.
pub async fn priorities_poll(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { lang, .. }: Posted<StartForm>,
) -> Response {
    let c = match runnable(&state, &staff, lang, id).await {
        Ok(c) => c,
        Err(response) => return response,
    };
    let categories = match db::reporting::categories(&state.db, c.csp_id).await {
        Ok(cs) => cs,
        Err(e) => return unavailable(lang, e),
    };
    let poll = builder::neighbourhood_poll(categories.into_iter().map(|c| (c.code, c.name)).collect());
    let draft = match serde_json::to_string(&poll) {
        Ok(d) => d,
        Err(e) => return unavailable(lang, e),
    };
    let entry = audit(&staff, AuditAction::SurveyChanged, c.csp_id, id, "priorities poll".into());
    match db::campaigns::start_survey(&state.db, id, SurveyKind::PrioritiesPoll, &draft, &entry).await {
        Ok(true) => to_builder(lang, id, Outcome::BuilderStarted),
        Ok(false) => to_builder(lang, id, Outcome::BuilderExists),
        Err(e) => unavailable(lang, e),
    }
}

/// A new question.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddForm {
    pub version: String,
    pub kind: String,
    pub text_en: String,
    pub text_cy: String,
}

/// `POST /staff/engagement/{id}/survey/add`: adds a question at the end.
pub async fn add(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<AddForm>,
) -> Response {
    let e = match editing(&state, &staff, lang, id, &form.version, "add".into(), &fields).await {
        Ok(e) => e,
        Err(response) => return response,
    };
    let Some(kind) = QuestionKind::parse(&form.kind) else { return e.refuse(Outcome::BuilderKind).await };
    let mut draft = e.draft.clone();
    match builder::add_question(&mut draft, kind, Names::new(form.text_en.trim(), form.text_cy.trim())) {
        Ok(key) => e.save(&draft, e.dates(), format!("question {key} added")).await,
        Err(error) => e.refuse(refused(error)).await,
    }
}

/// A question's words and settings.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub version: String,
    pub key: String,
    pub text_en: String,
    pub text_cy: String,
    pub help_en: String,
    pub help_cy: String,
    pub required: String,
    pub max_choices: String,
    pub low_en: String,
    pub low_cy: String,
    pub high_en: String,
    pub high_cy: String,
    pub option_key: Vec<String>,
    pub option_en: Vec<String>,
    pub option_cy: Vec<String>,
    /// `question=answer`, or "" for always.
    pub show_if: String,
}

/// `POST /staff/engagement/{id}/survey/question`: changes a question (a draft may keep
/// problems, which the builder names; only what could not be stored is refused).
pub async fn question(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<QuestionForm>,
) -> Response {
    let name = format!("question-{}", form.key);
    let e = match editing(&state, &staff, lang, id, &form.version, name, &fields).await {
        Ok(e) => e,
        Err(response) => return response,
    };
    let (show_if_question, show_if_answer) =
        form.show_if.split_once('=').map(|(q, a)| (q.to_string(), a.to_string())).unwrap_or_default();
    let word = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
    let edit = QuestionEdit {
        text: Names::new(&form.text_en, &form.text_cy),
        help: Names::new(&form.help_en, &form.help_cy),
        required: form.required == "1",
        max_choices: form.max_choices.clone(),
        rating_labels: RatingLabels {
            low: Names::new(&form.low_en, &form.low_cy),
            high: Names::new(&form.high_en, &form.high_cy),
        },
        options: form
            .option_key
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), Names::new(word(&form.option_en, i), word(&form.option_cy, i))))
            .collect(),
        show_if_question,
        show_if_answer,
    };
    let mut draft = e.draft.clone();
    match builder::edit_question(&mut draft, &form.key, &edit) {
        Ok(()) => e.save(&draft, e.dates(), format!("question {} changed", form.key)).await,
        Err(error) => e.refuse(refused(error)).await,
    }
}

/// A question (and, for removing one, its option).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OptionForm {
    pub version: String,
    pub key: String,
    pub option: String,
}

/// `POST /staff/engagement/{id}/survey/option-add`: adds an empty option to a question.
pub async fn option_add(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<OptionForm>,
) -> Response {
    let e = match editing(&state, &staff, lang, id, &form.version, "option".into(), &fields).await {
        Ok(e) => e,
        Err(response) => return response,
    };
    let mut draft = e.draft.clone();
    match builder::add_option(&mut draft, &form.key) {
        Ok(()) => e.save(&draft, e.dates(), format!("option added to {}", form.key)).await,
        Err(error) => e.refuse(refused(error)).await,
    }
}

/// `POST /staff/engagement/{id}/survey/option-remove`: removes an option from a question.
pub async fn option_remove(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<OptionForm>,
) -> Response {
    let e = match editing(&state, &staff, lang, id, &form.version, "option".into(), &fields).await {
        Ok(e) => e,
        Err(response) => return response,
    };
    let mut draft = e.draft.clone();
    match builder::remove_option(&mut draft, &form.key, &form.option) {
        Ok(()) => {
            e.save(&draft, e.dates(), format!("option {} removed from {}", form.option, form.key)).await
        }
        Err(error) => e.refuse(refused(error)).await,
    }
}

/// A question to move up or down.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub version: String,
    pub key: String,
    /// `up` or `down`.
    pub direction: String,
}

/// `POST /staff/engagement/{id}/survey/move`: moves a question one place up or down.
pub async fn move_question(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<MoveForm>,
) -> Response {
    let e = match editing(&state, &staff, lang, id, &form.version, "move".into(), &fields).await {
        Ok(e) => e,
        Err(response) => return response,
    };
    let up = match form.direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return e.refuse(Outcome::BuilderQuestion).await,
    };
    let mut draft = e.draft.clone();
    match builder::move_question(&mut draft, &form.key, up) {
        Ok(true) => {
            e.save(&draft, e.dates(), format!("question {} moved {}", form.key, form.direction)).await
        }
        Ok(false) => to_builder(lang, id, Outcome::BuilderSaved),
        Err(error) => e.refuse(refused(error)).await,
    }
}

/// A question to remove.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemoveForm {
    pub version: String,
    pub key: String,
}

/// `POST /staff/engagement/{id}/survey/remove`: removes a question from the draft (published
/// versions keep it).
pub async fn remove(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<RemoveForm>,
) -> Response {
    let e = match editing(&state, &staff, lang, id, &form.version, "remove".into(), &fields).await {
        Ok(e) => e,
        Err(response) => return response,
    };
    let mut draft = e.draft.clone();
    match builder::remove_question(&mut draft, &form.key) {
        Ok(()) => e.save(&draft, e.dates(), format!("question {} removed", form.key)).await,
        Err(error) => e.refuse(refused(error)).await,
    }
}

/// The days residents may answer.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DatesForm {
    pub version: String,
    pub opens_on: String,
    pub closes_on: String,
}

/// `POST /staff/engagement/{id}/survey/dates`: sets the opening and closing days.
pub async fn dates(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<DatesForm>,
) -> Response {
    let e = match editing(&state, &staff, lang, id, &form.version, "dates".into(), &fields).await {
        Ok(e) => e,
        Err(response) => return response,
    };
    match builder::open_close(&form.opens_on, &form.closes_on) {
        Ok(dates) => e.save(&e.draft, dates, format!("open {} to {}", form.opens_on, form.closes_on)).await,
        Err(error) => e.refuse(refused(error)).await,
    }
}

/// The survey's version (the draft the person checked).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    pub version: String,
}

/// `POST /staff/engagement/{id}/survey/publish`: publishes the draft as a new version, refused
/// while `Survey::problems` finds anything (every word must be in Welsh too).
pub async fn publish(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<PublishForm>,
) -> Response {
    let e = match editing(&state, &staff, lang, id, &form.version, "publish".into(), &fields).await {
        Ok(e) => e,
        Err(response) => return response,
    };
    let problems = e.draft.problems();
    if !problems.is_empty() {
        let welsh_only = problems.iter().all(|p| matches!(p, SurveyProblem::MissingWelsh(..)));
        return to_builder(
            lang,
            id,
            if welsh_only { Outcome::BuilderMissingWelsh } else { Outcome::BuilderProblems },
        );
    }
    let json = match serde_json::to_string(&e.draft) {
        Ok(j) => j,
        Err(err) => return unavailable(lang, err),
    };
    let entry = audit(&staff, AuditAction::SurveyPublished, e.campaign.csp_id, id, String::new());
    match db::campaigns::publish(&state.db, e.survey.id, e.survey.version, &json, staff.user.id, &entry).await
    {
        Ok(Some(_)) => to_builder(lang, id, Outcome::BuilderPublished),
        Ok(None) => e.refuse(Outcome::BuilderStale).await,
        Err(err) => unavailable(lang, err),
    }
}
