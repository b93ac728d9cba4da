//! The residents' survey pages: `/have-your-say/{slug}` (and `/cy/...`), a personal link
//! (`/have-your-say/{slug}/link/{token}`) and the thank-you page
//! (`/have-your-say/{slug}/thanks`). No account, no JavaScript: each step is a plain form, its
//! answers saved on the server under a private token the address carries (`?p=`), which the
//! resident keeps to finish later. The question fields are shared with the staff form.

use crate::{
    db,
    engagement::{
        equality::{problem_message, EqualityProblem, EqualitySection},
        progress::{opt_in_message, OptInProblem, EMAIL_FIELD, QUOTE_FIELD, TELL_FIELD},
        respond::{self, Availability, Fields},
        survey::{AnswerError, AnswerProblem, Question, QuestionKind, Survey},
        ResponsePolicy,
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    reporting::map::{MapTarget, MapWords, WherePicker},
    shell::{
        outcome::{Kind, Outcome, Pages},
        page::Page,
        use_lang,
    },
    staff::accounts::{random_token, sha256_hex},
    state::AppState,
    t,
    time::{date, Timestamp},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The device cookie (one response per browser): a random id and its signature, HttpOnly.
pub const DEVICE_COOKIE: &str = "cymuned_device";

/// A ward a place question offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardChoice {
    pub code: String,
    pub name: String,
}

/// The campaign's wards in `lang`, and the code -> neighbourhood map `Survey::check` takes.
pub fn ward_choices(
    wards: &[db::engagement::CampaignWard],
    lang: Lang,
) -> (Vec<WardChoice>, std::collections::HashMap<String, i64>) {
    let choices = wards
        .iter()
        .map(|w| WardChoice {
            code: w.code.clone(),
            name: Names::new(&w.name_en, &w.name_cy).get(lang).to_string(),
        })
        .collect();
    (choices, wards.iter().map(|w| (w.code.clone(), w.neighbourhood_id)).collect())
}

/// One step of the survey, as the resident sees it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StepView {
    /// The private token the answers are saved under ("" before the first step is saved).
    pub token: String,
    /// The personal link it was opened with, until the first step is saved.
    pub link: String,
    pub step: usize,
    pub step_count: usize,
    pub questions: Vec<Question>,
    pub fields: Fields,
    pub errors: Vec<AnswerError>,
    pub wards: Vec<WardChoice>,
    /// The private address to finish later, once something is saved.
    pub resume: Option<String>,
    pub has_previous: bool,
    pub last: bool,
    pub closes: Timestamp,
    pub notice: Option<String>,
    /// The equality monitoring step (the last, every question optional).
    pub equality: bool,
    pub equality_problems: Vec<EqualityProblem>,
    /// Why the last step's optional choices were refused (issue 14, progress).
    pub opt_in_problem: Option<OptInProblem>,
}

/// What the survey page shows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum SurveyState {
    NotYetOpen {
        opens: Timestamp,
    },
    Closed {
        closed: Timestamp,
        results_due: Option<Timestamp>,
    },
    /// No published questions yet.
    NotReady,
    /// One per email: the resident gives their address and gets a personal link.
    AskEmail {
        sent: bool,
        error: Option<String>,
    },
    /// One per personal link, opened without one.
    NeedsLink,
    LinkInvalid,
    /// The personal link has been used, or this browser has answered already.
    Answered,
    Step(Box<StepView>),
    Thanks {
        token: Option<String>,
        results_due: Option<Timestamp>,
        copied: bool,
        error: Option<String>,
    },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SurveyView {
    pub slug: String,
    pub title: String,
    pub purpose: String,
    pub state: SurveyState,
}

/// What the survey page's address says.
#[derive(Clone, Debug, Default)]
pub struct SurveyQuery {
    pub progress: Option<String>,
    pub step: Option<String>,
    pub done: Option<String>,
    pub error: Option<String>,
}

/// The hub's key for keyed hashes.
pub async fn hub_secret(db: &db::Db) -> Result<String, db::DbError> {
    db::responses::secret(db, &random_token()).await
}

/// This browser's respondent key for the campaign, from its signed device cookie.
fn device_key(secret: &str, campaign_id: i64) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let cookie = crate::staff::session::cookie_value(&parts.headers, DEVICE_COOKIE)?;
    respond::device_id(secret, &cookie).map(|id| respond::device_key(secret, campaign_id, &id))
}

/// The survey page's data. `link`: the personal link's token, on its own address; `thanks`:
/// the thank-you page.
pub async fn survey_view(
    lang: Lang,
    slug: String,
    link: Option<String>,
    thanks: bool,
    query: SurveyQuery,
) -> Result<SurveyView, ServerFnError> {
    let state = AppState::current()?;
    let db = &state.db;
    let campaign = db::engagement::campaign_by_slug(db, &slug)
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    let view = |state| SurveyView {
        slug: slug.clone(),
        title: Names::new(&campaign.title_en, &campaign.title_cy).get(lang).to_string(),
        purpose: Names::new(&campaign.purpose_en, &campaign.purpose_cy).get(lang).to_string(),
        state,
    };
    let progress_token = query.progress.filter(|p| !p.is_empty() && p.len() <= 128);
    let progress = match &progress_token {
        Some(p) => db::responses::progress(db, &sha256_hex(p), campaign.id).await.map_err(internal)?,
        None => None,
    };
    if thanks {
        let finished = progress.as_ref().is_some_and(|p| p.response_id.is_some());
        return Ok(view(SurveyState::Thanks {
            token: progress_token.filter(|_| finished),
            results_due: campaign.results_due_on,
            copied: query.done.as_deref() == Some(Outcome::SurveyCopySent.as_str()),
            error: query.error,
        }));
    }
    if progress.as_ref().is_some_and(|p| p.response_id.is_some()) {
        return Ok(view(SurveyState::Answered));
    }
    let survey_row = db::engagement::survey_of_campaign(db, campaign.id).await.map_err(internal)?;
    let available = respond::availability(
        db::now(),
        matches!(campaign.status, super::CampaignStatus::Closed | super::CampaignStatus::Reported),
        campaign.starts_on,
        campaign.ends_on,
        survey_row.as_ref().and_then(|s| s.opens_at),
        survey_row.as_ref().and_then(|s| s.closes_at),
    );
    let closes = match available {
        Availability::NotYetOpen { opens } => return Ok(view(SurveyState::NotYetOpen { opens })),
        Availability::Closed { closed } => {
            return Ok(view(SurveyState::Closed { closed, results_due: campaign.results_due_on }))
        }
        Availability::Open { closes } => closes,
    };
    let version = match (&progress, &survey_row) {
        (Some(p), _) => db::responses::version(db, p.survey_version_id).await.map_err(internal)?,
        (None, Some(s)) => db::engagement::current_version(db, s.id).await.map_err(internal)?,
        (None, None) => None,
    };
    let Some(version) = version else { return Ok(view(SurveyState::NotReady)) };
    let survey: Survey = serde_json::from_str(&version.questions).map_err(internal)?;
    // Who may answer: a personal link (used once), a browser that has not answered, anyone.
    let link_token = link.clone().unwrap_or_default();
    if progress.is_none() {
        match (campaign.response_policy, &link) {
            (ResponsePolicy::OnePerEmail | ResponsePolicy::OnePerLink, Some(token)) => {
                match db::responses::link(db, &sha256_hex(token)).await.map_err(internal)? {
                    Some(l) if l.campaign_id == campaign.id && l.used_at.is_some() => {
                        return Ok(view(SurveyState::Answered))
                    }
                    Some(l) if l.campaign_id == campaign.id => {}
                    _ => return Ok(view(SurveyState::LinkInvalid)),
                }
            }
            (ResponsePolicy::OnePerEmail, None) => {
                return Ok(view(SurveyState::AskEmail {
                    sent: query.done.as_deref() == Some(Outcome::SurveyLinkSent.as_str()),
                    error: query.error,
                }))
            }
            (ResponsePolicy::OnePerLink, None) => return Ok(view(SurveyState::NeedsLink)),
            _ => {}
        }
    }
    if campaign.response_policy == ResponsePolicy::OnePerDevice {
        let secret = hub_secret(db).await.map_err(internal)?;
        if let Some(key) = device_key(&secret, campaign.id) {
            if db::responses::answered(db, campaign.id, &key).await.map_err(internal)? {
                return Ok(view(SurveyState::Answered));
            }
        }
    }
    let wards = db::engagement::campaign_wards(db, campaign.id).await.map_err(internal)?;
    let (wards, places) = ward_choices(&wards, lang);
    let fields: Fields =
        progress.as_ref().and_then(|p| serde_json::from_str(&p.fields).ok()).unwrap_or_default();
    let steps = respond::steps(&survey);
    let reached = progress.as_ref().map(|p| p.step.max(0) as usize).unwrap_or(0);
    let first = respond::first_step(&survey, &steps, &fields);
    let step = query
        .step
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|s| *s <= reached && *s <= steps.len())
        .unwrap_or(if progress.is_some() { reached.min(steps.len()) } else { first });
    // After the survey's own steps: equality monitoring, optional.
    let equality = step == steps.len();
    let questions: Vec<Question> =
        respond::shown_on(&survey, &steps, step, &fields).into_iter().cloned().collect();
    let asked: Vec<&str> = questions.iter().map(|q| q.key.as_str()).collect();
    let errors = match query.error.as_deref() {
        Some("answers") => respond::errors_up_to(&survey, &steps, step, &fields, &places)
            .into_iter()
            .filter(|e| asked.contains(&e.question.as_str()))
            .collect(),
        _ => Vec::new(),
    };
    let equality_problems = match query.error.as_deref() {
        Some("answers") if equality => super::equality::read(&fields).err().unwrap_or_default(),
        _ => Vec::new(),
    };
    let opt_in_problem = match query.error.as_deref() {
        Some("answers") if equality => super::progress::read_opt_in(&fields).err(),
        _ => None,
    };
    let notice = query
        .error
        .as_deref()
        .filter(|e| *e != "answers")
        .and_then(|e| Outcome::find(Pages::Survey, Kind::Error, e))
        .map(|o| o.message(lang));
    let resume = progress_token.as_ref().filter(|_| progress.is_some()).map(|p| {
        format!(
            "{}{}?p={p}",
            state.settings.public_url.trim_end_matches('/'),
            lang.path(&format!("/have-your-say/{slug}"))
        )
    });
    Ok(view(SurveyState::Step(Box::new(StepView {
        token: progress_token.filter(|_| progress.is_some()).unwrap_or_default(),
        link: link_token,
        step,
        step_count: steps.len() + 1,
        last: equality,
        equality,
        equality_problems,
        opt_in_problem,
        has_previous: respond::previous_step(&survey, &steps, step, &fields).is_some(),
        questions,
        fields,
        errors,
        wards,
        resume,
        closes,
        notice,
    }))))
}

fn survey_query() -> SurveyQuery {
    let query = use_query_map();
    let get = |name: &str| query.read_untracked().get(name);
    SurveyQuery { progress: get("p"), step: get("step"), done: get("done"), error: get("error") }
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let slug = use_params_map().read_untracked().get("slug").unwrap_or_default();
    let load = survey_view(lang, slug, None, false, survey_query());
    view! { <Page lang error_title=t!(lang, "survey-title") load render=move |view| view! { <SurveyOutline lang view /> } /> }
}

#[component]
pub fn SurveyLinkPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let load = survey_view(lang, slug, Some(token), false, survey_query());
    view! { <Page lang error_title=t!(lang, "survey-title") load render=move |view| view! { <SurveyOutline lang view /> } /> }
}

#[component]
pub fn SurveyThanksPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let slug = use_params_map().read_untracked().get("slug").unwrap_or_default();
    let load = survey_view(lang, slug, None, true, survey_query());
    view! { <Page lang error_title=t!(lang, "survey-title") load render=move |view| view! { <SurveyOutline lang view /> } /> }
}

/// The survey page: the campaign's title and purpose, then what the resident can do now.
#[component]
fn SurveyOutline(lang: Lang, view: SurveyView) -> impl IntoView {
    let SurveyView { slug, title, purpose, state } = view;
    let heading = match &state {
        SurveyState::Thanks { .. } => t!(lang, "survey-thanks-title"),
        _ => title.clone(),
    };
    let body = match state {
        SurveyState::NotYetOpen { opens } => {
            view! { <p class="notice">{t!(lang, "survey-not-yet-open", date = date(lang, opens))}</p> }
                .into_any()
        }
        SurveyState::Closed { closed, results_due } => view! {
            <p class="notice">{t!(lang, "survey-closed", date = date(lang, closed))}</p>
            <ResultsDue lang results_due />
        }
        .into_any(),
        SurveyState::NotReady => view! { <p class="notice">{t!(lang, "survey-not-ready")}</p> }.into_any(),
        SurveyState::NeedsLink => view! { <p class="notice">{t!(lang, "survey-needs-link")}</p> }.into_any(),
        SurveyState::LinkInvalid => {
            view! { <p class="notice">{t!(lang, "survey-link-invalid")}</p> }.into_any()
        }
        SurveyState::Answered => view! { <p class="notice">{t!(lang, "survey-answered")}</p> }.into_any(),
        SurveyState::AskEmail { sent, error } => view! { <AskEmail lang slug sent error /> }.into_any(),
        SurveyState::Step(step) => view! { <StepForm lang slug step=*step /> }.into_any(),
        SurveyState::Thanks { token, results_due, copied, error } => {
            view! { <Thanks lang slug title=title.clone() token results_due copied error /> }.into_any()
        }
    };
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        {(!purpose.is_empty()).then(|| view! { <p class="lead">{purpose}</p> })}
        <p>{t!(lang, "report-safety-999")}</p>
        {body}
    }
    .into_any()
}

#[component]
fn ResultsDue(lang: Lang, results_due: Option<Timestamp>) -> impl IntoView {
    view! {
        <p>{match results_due {
            Some(at) => t!(lang, "survey-results-due", date = date(lang, at)),
            None => t!(lang, "survey-results-later"),
        }}</p>
    }
    .into_any()
}

/// An error summary linking to each field with a mistake.
#[component]
pub fn ErrorSummary(lang: Lang, errors: Vec<AnswerError>, questions: Vec<Question>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="survey-errors" tabindex="-1">
                <h2 id="survey-errors">{t!(lang, "report-error-summary")}</h2>
                <ul>
                    {errors.into_iter().map(|e| {
                        let text = questions.iter().find(|q| q.key == e.question).map(|q| q.text.get(lang).to_string()).unwrap_or_default();
                        view! { <li><a href=format!("#{}", first_input_id(&e.question, &questions))>{format!("{text}: {}", answer_error(lang, e.problem))}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The id of a question's first input (what the error summary links to).
fn first_input_id(key: &str, questions: &[Question]) -> String {
    match questions.iter().find(|q| q.key == key).map(|q| q.kind) {
        Some(QuestionKind::SingleChoice | QuestionKind::MultipleChoice) => {
            let first = questions
                .iter()
                .find(|q| q.key == key)
                .and_then(|q| q.options.first())
                .map(|o| o.key.clone());
            format!("q-{key}-{}", first.unwrap_or_default())
        }
        Some(QuestionKind::Rating) => format!("q-{key}-1"),
        Some(QuestionKind::Ranking) => format!("q-{key}-rank-1"),
        _ => format!("q-{key}"),
    }
}

pub fn answer_error(lang: Lang, problem: AnswerProblem) -> String {
    match problem {
        AnswerProblem::Required => t!(lang, "survey-error-required"),
        AnswerProblem::UnknownChoice => t!(lang, "survey-error-unknown-choice"),
        AnswerProblem::TooMany(max) => t!(lang, "survey-error-too-many", max = max),
        AnswerProblem::RepeatedRank => t!(lang, "survey-error-repeated-rank"),
        AnswerProblem::OutOfRange => t!(lang, "survey-error-out-of-range"),
        AnswerProblem::TooLong(max) => t!(lang, "survey-error-too-long", max = max),
        AnswerProblem::UnknownPlace => t!(lang, "survey-error-unknown-place"),
    }
}

/// One step's form: its questions, "back" and "next" (or "send my answers" on the last).
#[component]
fn StepForm(lang: Lang, slug: String, step: StepView) -> impl IntoView {
    let StepView {
        token,
        link,
        step,
        step_count,
        questions,
        fields,
        errors,
        wards,
        resume,
        has_previous,
        last,
        closes,
        notice,
        equality,
        equality_problems,
        opt_in_problem,
    } = step;
    // A place question's map is an island: the browser bundle is loaded only for it.
    let has_place = !wards.is_empty() && questions.iter().any(|q| q.kind == QuestionKind::Place);
    view! {
        {notice.map(|n| view! { <div class="error-summary" role="alert"><p>{n}</p></div> })}
        <ErrorSummary lang errors=errors.clone() questions=questions.clone() />
        {(!equality_problems.is_empty() || opt_in_problem.is_some()).then(|| view! {
            <div class="error-summary" role="alert" aria-labelledby="equality-errors" tabindex="-1">
                <h2 id="equality-errors">{t!(lang, "report-error-summary")}</h2>
                <ul>
                    {equality_problems.iter().map(|p| view! { <li><a href=format!("#{}", p.target())>{problem_message(lang, *p)}</a></li> }).collect_view()}
                    {opt_in_problem.map(|p| view! { <li><a href=format!("#{}", p.target())>{opt_in_message(lang, p)}</a></li> })}
                </ul>
            </div>
        })}
        <p>{t!(lang, "survey-step", number = ((step + 1) as i64), count = (step_count as i64))} " " {t!(lang, "survey-closes", date = date(lang, closes))}</p>
        {resume.map(|link| view! {
            <div class="notice" role="status">
                <p>{t!(lang, "survey-resume")}</p>
                <p><a href=link.clone() class="resume-link">{link.clone()}</a></p>
            </div>
        })}
        <form method="post" action=format!("/have-your-say/{slug}") class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="p" value=token />
            <input type="hidden" name="link" value=link />
            <input type="hidden" name="step" value=step.to_string() />
            {questions.into_iter().map(|q| {
                let error = errors.iter().find(|e| e.question == q.key).map(|e| e.problem);
                view! { <QuestionField lang question=q fields=fields.clone() error wards=wards.clone() map=true /> }
            }).collect_view()}
            {equality.then(|| view! {
                <h2>{t!(lang, "survey-equality-heading")}</h2>
                <p>{t!(lang, "survey-equality-intro")}</p>
                <EqualitySection lang fields=fields.clone() problems=equality_problems.clone() />
                {opt_in_section(lang, &fields, opt_in_problem)}
            })}
            <div class="actions">
                {has_previous.then(|| view! { <button type="submit" name="go" value="back" class="button button-secondary">{t!(lang, "survey-back")}</button> })}
                <button type="submit" name="go" value="next" class="button">{if last { t!(lang, "survey-send") } else { t!(lang, "survey-next") }}</button>
            </div>
        </form>
        {has_place.then(|| view! { <crate::shell::assets::IslandScripts /> })}
    }
    .into_any()
}

/// The last step's two optional choices (issue 14, progress): to be emailed when something
/// changes about what the resident said (with the address; the page's language is theirs), and
/// to let their words be quoted without their name. A refused choice comes back as typed.
fn opt_in_section(lang: Lang, fields: &Fields, problem: Option<OptInProblem>) -> AnyView {
    let value = |name: &str| fields.get(name).and_then(|v| v.first()).cloned().unwrap_or_default();
    let ticked = |name: &str| value(name) == "yes";
    let email_error =
        (problem == Some(OptInProblem::Email)).then(|| opt_in_message(lang, OptInProblem::Email));
    let tell_error =
        (problem == Some(OptInProblem::NotTicked)).then(|| opt_in_message(lang, OptInProblem::NotTicked));
    let email_described = ["optin-tell-hint", if email_error.is_some() { "optin-email-error" } else { "" }]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let email_class = if email_error.is_some() { "field field-error" } else { "field" };
    view! {
        <fieldset class="field opt-in">
            <legend>{t!(lang, "optin-heading")}</legend>
            <p class="hint">{t!(lang, "optin-intro")}</p>
            {tell_error.map(|m| view! { <p class="field-error" id="optin-tell-error">{m}</p> })}
            <div class="choice">
                <input type="checkbox" id="optin-tell" name=TELL_FIELD value="yes" checked=ticked(TELL_FIELD)
                    aria-describedby="optin-tell-hint" />
                <label for="optin-tell">{t!(lang, "optin-tell")}</label>
            </div>
            <p class="hint" id="optin-tell-hint">{t!(lang, "optin-tell-hint")}</p>
            <div class=email_class>
                <label for="optin-email">{t!(lang, "optin-email")}</label>
                {email_error.map(|m| view! { <p class="field-error" id="optin-email-error">{m}</p> })}
                <input type="email" id="optin-email" name=EMAIL_FIELD value=value(EMAIL_FIELD) autocomplete="email"
                    spellcheck="false" maxlength="254" aria-describedby=email_described
                    aria-invalid=(problem == Some(OptInProblem::Email)).then_some("true") />
            </div>
            <div class="choice">
                <input type="checkbox" id="optin-quote" name=QUOTE_FIELD value="yes" checked=ticked(QUOTE_FIELD)
                    aria-describedby="optin-quote-hint" />
                <label for="optin-quote">{t!(lang, "optin-quote")}</label>
            </div>
            <p class="hint" id="optin-quote-hint">{t!(lang, "optin-quote-hint")}</p>
        </fieldset>
    }
    .into_any()
}

/// One question, accessibly: a fieldset with its legend for choices, ratings and rankings; a
/// label otherwise; help and the error tied to the inputs with `aria-describedby`. `map`: a
/// place question also offers a map of the wards once JavaScript runs (the page then loads
/// `IslandScripts`); the ward list stays, and stays the answer.
#[component]
pub fn QuestionField(
    lang: Lang,
    question: Question,
    fields: Fields,
    error: Option<AnswerProblem>,
    wards: Vec<WardChoice>,
    #[prop(optional)] map: bool,
) -> impl IntoView {
    let key = question.key.clone();
    let help = question.help.get(lang).to_string();
    let hint_id = format!("q-{key}-hint");
    let error_id = format!("q-{key}-error");
    let described = [(!help.is_empty()).then(|| hint_id.clone()), error.map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let values = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let name = format!("q_{key}");
    let text = question.text.get(lang).to_string();
    let optional =
        (!question.required).then(|| view! { " " <span class="hint">{t!(lang, "survey-optional")}</span> });
    let notes = view! {
        {(!help.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{help.clone()}</p> })}
        {error.map(|e| view! { <p class="error-message" id=error_id.clone()>{answer_error(lang, e)}</p> })}
    };
    let class = if error.is_some() { "field field-error" } else { "field" };
    let chosen = values(&name);
    match question.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let multiple = question.kind == QuestionKind::MultipleChoice;
            let max = question.max_choices.filter(|_| multiple);
            view! {
                <fieldset class=class aria-describedby=described.clone()>
                    <legend>{text} {optional}</legend>
                    {notes}
                    {max.map(|m| view! { <p class="hint">{t!(lang, "survey-choose-up-to", max = m)}</p> })}
                    {question.options.iter().map(|o| {
                        let id = format!("q-{key}-{}", o.key);
                        view! {
                            <div class="choice">
                                <input type=if multiple { "checkbox" } else { "radio" } name=name.clone() id=id.clone() value=o.key.clone() checked=chosen.contains(&o.key) />
                                <label for=id>{o.label.get(lang).to_string()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Rating => {
            let labels = question.rating_labels.clone();
            view! {
                <fieldset class=class aria-describedby=described.clone()>
                    <legend>{text} {optional}</legend>
                    {notes}
                    <div class="rating">
                        {(1..=crate::engagement::survey::RATING_MAX).map(|n| {
                            let id = format!("q-{key}-{n}");
                            let end = match (n, &labels) {
                                (1, Some(l)) => format!(" – {}", l.low.get(lang)),
                                (5, Some(l)) => format!(" – {}", l.high.get(lang)),
                                _ => String::new(),
                            };
                            view! {
                                <div class="choice">
                                    <input type="radio" name=name.clone() id=id.clone() value=n.to_string() checked=chosen.contains(&n.to_string()) />
                                    <label for=id>{format!("{n}{end}")}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Ranking => {
            let places = question.max_choices.map(|m| m as usize).unwrap_or(question.options.len());
            view! {
                <fieldset class=class aria-describedby=described.clone()>
                    <legend>{text} {optional}</legend>
                    {notes}
                    {(1..=places).map(|n| {
                        let id = format!("q-{key}-rank-{n}");
                        let field = format!("{name}_{n}");
                        let picked = values(&field).into_iter().next().unwrap_or_default();
                        view! {
                            <div class="field">
                                <label for=id.clone()>{rank_label(lang, n)}</label>
                                <select id=id name=field>
                                    <option value="" selected=picked.is_empty()>{t!(lang, "survey-no-choice")}</option>
                                    {question.options.iter().map(|o| view! {
                                        <option value=o.key.clone() selected=picked == o.key>{o.label.get(lang).to_string()}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::FreeText => {
            let id = format!("q-{key}");
            view! {
                <div class=class>
                    <label for=id.clone()>{text} {optional}</label>
                    {notes}
                    <textarea id=id name=name rows="5" maxlength=crate::engagement::survey::MAX_ANSWER.to_string() aria-describedby=described>{chosen.first().cloned().unwrap_or_default()}</textarea>
                </div>
            }
            .into_any()
        }
        QuestionKind::Place => {
            let id = format!("q-{key}");
            let picked = chosen.first().cloned().unwrap_or_default();
            let picker = (map && !wards.is_empty()).then(|| {
                let target = MapTarget::survey_place(&key, wards.iter().map(|w| w.code.clone()).collect());
                view! { <WherePicker lang words=MapWords::survey(lang) target /> }.into_any()
            });
            view! {
                <div class=class>
                    <label for=id.clone()>{text} {optional}</label>
                    {notes}
                    <select id=id name=name aria-describedby=described>
                        <option value="" selected=picked.is_empty()>{t!(lang, "survey-choose-ward")}</option>
                        {wards.into_iter().map(|w| view! { <option value=w.code.clone() selected=picked == w.code>{w.name}</option> }).collect_view()}
                    </select>
                    {picker}
                </div>
            }
            .into_any()
        }
    }
    .into_any()
}

/// "First choice", "Second choice"...
pub fn rank_label(lang: Lang, n: usize) -> String {
    match n {
        1 => t!(lang, "survey-rank-1"),
        2 => t!(lang, "survey-rank-2"),
        3 => t!(lang, "survey-rank-3"),
        n => t!(lang, "survey-rank-n", n = n),
    }
}

/// One per email: the address to send the personal link to.
#[component]
fn AskEmail(lang: Lang, slug: String, sent: bool, error: Option<String>) -> impl IntoView {
    let error = error.and_then(|e| Outcome::find(Pages::Survey, Kind::Error, &e));
    if sent {
        return view! { <div class="notice notice-success" role="status"><p>{Outcome::SurveyLinkSent.message(lang)}</p></div> }
            .into_any();
    }
    view! {
        <p>{t!(lang, "survey-email-intro")}</p>
        {error.map(|e| view! {
            <div class="error-summary" role="alert" aria-labelledby="email-errors" tabindex="-1">
                <h2 id="email-errors">{t!(lang, "report-error-summary")}</h2>
                <ul><li><a href="#survey-email">{e.message(lang)}</a></li></ul>
            </div>
        })}
        <form method="post" action=format!("/have-your-say/{slug}/email") class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <div class="field">
                <label for="survey-email">{t!(lang, "sign-in-email")}</label>
                <p class="hint" id="survey-email-hint">{t!(lang, "survey-email-hint")}</p>
                <input id="survey-email" name="email" type="email" autocomplete="email" spellcheck="false" aria-describedby="survey-email-hint" />
            </div>
            <button type="submit" class="button">{t!(lang, "survey-email-send")}</button>
        </form>
    }
    .into_any()
}

/// The thank-you page: what happens next, when results are published, and an emailed copy of
/// the answers for those who ask.
#[component]
fn Thanks(
    lang: Lang,
    slug: String,
    title: String,
    token: Option<String>,
    results_due: Option<Timestamp>,
    copied: bool,
    error: Option<String>,
) -> impl IntoView {
    let error = error.and_then(|e| Outcome::find(Pages::Survey, Kind::Error, &e));
    view! {
        <div class="notice notice-success" role="status"><p>{t!(lang, "survey-thanks", title = title)}</p></div>
        <h2>{t!(lang, "survey-next-heading")}</h2>
        <p>{t!(lang, "survey-next-body")}</p>
        <ResultsDue lang results_due />
        {copied.then(|| view! { <div class="notice" role="status"><p>{Outcome::SurveyCopySent.message(lang)}</p></div> })}
        {token.filter(|_| !copied).map(|token| view! {
            <section aria-labelledby="copy-heading">
                <h2 id="copy-heading">{t!(lang, "survey-copy-heading")}</h2>
                {error.map(|e| view! {
                    <div class="error-summary" role="alert" tabindex="-1">
                        <ul><li><a href="#copy-email">{e.message(lang)}</a></li></ul>
                    </div>
                })}
                <form method="post" action=format!("/have-your-say/{slug}/copy") class="form">
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="p" value=token />
                    <div class="field">
                        <label for="copy-email">{t!(lang, "sign-in-email")}</label>
                        <p class="hint" id="copy-email-hint">{t!(lang, "survey-copy-hint")}</p>
                        <input id="copy-email" name="email" type="email" autocomplete="email" spellcheck="false" aria-describedby="copy-email-hint" />
                    </div>
                    <button type="submit" class="button">{t!(lang, "survey-copy-send")}</button>
                </form>
            </section>
        })}
        <p><a href=lang.path("/")>{t!(lang, "survey-home")}</a></p>
    }
    .into_any()
}
