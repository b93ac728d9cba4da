//! Face-to-face and paper responses, for staff who may enter them: the survey on a staff form
//! (`/staff/engagement/{id}/enter`, with a shared-tablet mode that clears between
//! respondents), a printable paper version in both languages (`/staff/engagement/{id}/paper`)
//! and the CSV import of keyed-in paper responses (`/staff/engagement/{id}/import`).

use crate::{
    db::{self, responses::EnteredResponse},
    engagement::{
        respond::{CsvError, CsvProblem, Fields},
        respond_pages::{answer_error, rank_label, ward_choices, ErrorSummary, QuestionField, WardChoice},
        survey::{AnswerError, Question, QuestionKind, Survey},
        ResponseChannel,
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{
        outcome::{Outcome, Pages},
        page::Page,
        use_lang,
    },
    staff::{kept::KeptForm, Permission},
    state::AppState,
    t,
    time::time,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The channels staff key responses in from (a conversation or a meeting; paper is imported).
pub const FACE_TO_FACE: [ResponseChannel; 4] = [
    ResponseChannel::StreetBriefing,
    ResponseChannel::HaveASayDay,
    ResponseChannel::DoorToDoor,
    ResponseChannel::PublicMeeting,
];

pub fn channel_name(lang: Lang, channel: ResponseChannel) -> String {
    match channel {
        ResponseChannel::Online => t!(lang, "responding-channel-online"),
        ResponseChannel::StreetBriefing => t!(lang, "responding-channel-street-briefing"),
        ResponseChannel::HaveASayDay => t!(lang, "responding-channel-have-a-say-day"),
        ResponseChannel::DoorToDoor => t!(lang, "responding-channel-door-to-door"),
        ResponseChannel::PublicMeeting => t!(lang, "responding-channel-public-meeting"),
        ResponseChannel::Kin => t!(lang, "responding-channel-kin"),
        ResponseChannel::Paper => t!(lang, "responding-channel-paper"),
    }
}

/// The campaign, its published survey and its wards, for staff who may enter responses in its
/// CSP (others: "not found", or "not allowed" for those who see its results).
pub struct Loaded {
    pub campaign: db::engagement::CampaignRow,
    pub survey: Option<Survey>,
    pub wards: Vec<db::engagement::CampaignWard>,
}

pub async fn load_for_entry(id: i64) -> Result<Loaded, ServerFnError> {
    let user = crate::staff::pages::require_user()?;
    let state = AppState::current()?;
    let campaign = db::engagement::campaign(&state.db, id).await.map_err(internal)?;
    let Some(campaign) = campaign.filter(|c| {
        user.can(Permission::ViewEngagementResults, c.csp_id)
            || user.can(Permission::EnterResponses, c.csp_id)
    }) else {
        return Err(reject(AppError::NotFound));
    };
    if !user.can(Permission::EnterResponses, campaign.csp_id) {
        return Err(reject(AppError::Forbidden));
    }
    let survey = match db::engagement::survey_of_campaign(&state.db, id).await.map_err(internal)? {
        Some(s) => db::engagement::current_version(&state.db, s.id).await.map_err(internal)?,
        None => None,
    };
    let survey = survey.and_then(|v| serde_json::from_str(&v.questions).ok());
    let wards = db::engagement::campaign_wards(&state.db, id).await.map_err(internal)?;
    Ok(Loaded { campaign, survey, wards })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EntryView {
    pub id: i64,
    pub title: String,
    pub questions: Option<Vec<Question>>,
    pub wards: Vec<WardChoice>,
    pub channel: Option<ResponseChannel>,
    pub language: Lang,
    pub ward: String,
    pub tablet: bool,
    pub fields: Fields,
    pub errors: Vec<AnswerError>,
    pub equality_problems: Vec<crate::engagement::equality::EqualityProblem>,
    /// Not in tablet mode: the latest responses, with duplicates flagged.
    pub recent: Vec<EnteredResponse>,
    pub flagged: i64,
}

/// The staff entry page's data. A refused form comes back as typed (`kept`); after a save,
/// nothing of the last respondent is shown (the form is blank, the channel kept).
pub async fn entry_view(
    lang: Lang,
    id: i64,
    kept: Option<String>,
    tablet: bool,
    channel: Option<String>,
) -> Result<EntryView, ServerFnError> {
    let Loaded { campaign, survey, wards } = load_for_entry(id).await?;
    let user = crate::staff::pages::require_user()?;
    let state = AppState::current()?;
    let page = format!("/staff/engagement/{id}/enter");
    let kept: KeptForm = crate::staff::kept::kept(&state.db, user.id, &page, kept.as_deref()).await;
    let (choices, places) = ward_choices(&wards, lang);
    let mut fields: Fields = Fields::new();
    for (k, v) in kept.fields.iter().filter(|(k, _)| k.starts_with("q_") || k.starts_with("eq_")) {
        fields.entry(k.clone()).or_default().push(v.clone());
    }
    let errors = match (&survey, kept.is("enter")) {
        (Some(s), true) => s.check(&fields, &places).err().unwrap_or_default(),
        _ => Vec::new(),
    };
    let equality_problems = match kept.is("enter") {
        true => crate::engagement::equality::read(&fields).err().unwrap_or_default(),
        false => Vec::new(),
    };
    let typed = |name: &str| kept.value("enter", name, "");
    let channel = ResponseChannel::parse(&typed("channel"))
        .or_else(|| channel.and_then(|c| ResponseChannel::parse(&c)));
    let recent = if tablet {
        Vec::new()
    } else {
        db::responses::recent_responses(&state.db, id, 20).await.map_err(internal)?
    };
    Ok(EntryView {
        id,
        title: Names::new(&campaign.title_en, &campaign.title_cy).get(lang).to_string(),
        questions: survey.map(|s| s.questions),
        wards: choices,
        channel,
        language: Lang::parse(&typed("language")).unwrap_or(lang),
        ward: typed("ward"),
        tablet,
        fields,
        errors,
        equality_problems,
        recent,
        flagged: db::responses::flagged_count(&state.db, id).await.map_err(internal)?,
    })
}

fn campaign_id() -> i64 {
    use_params_map().read_untracked().get("id").and_then(|i| i.parse().ok()).unwrap_or(0)
}

#[component]
pub fn EntryPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let query = use_query_map();
    let get = |name: &str| query.read_untracked().get(name);
    let tablet = get("tablet").as_deref() == Some("1");
    let load = entry_view(lang, campaign_id(), get("kept"), tablet, get("channel"));
    let done = get("done").map(|d| Outcome::done(Pages::Engagement, &d));
    let error = get("error").map(|e| Outcome::error(Pages::Engagement, &e));
    view! {
        <Page lang error_title=t!(lang, "entry-title") load render=move |view| view! { <EntryOutline lang view done error /> } />
    }
}

#[component]
fn EntryOutline(lang: Lang, view: EntryView, done: Option<Outcome>, error: Option<Outcome>) -> impl IntoView {
    let heading = t!(lang, "entry-heading", title = view.title.clone());
    let Some(questions) = view.questions.clone() else {
        return view! { <Title text=heading.clone() /> <h1>{heading}</h1> <p>{t!(lang, "entry-no-survey")}</p> }.into_any();
    };
    let id = view.id;
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>{d.message(lang)}</p></div> })}
        {error.filter(|e| *e != Outcome::ResponseAnswers).map(|e| view! { <div class="error-summary" role="alert"><p>{e.message(lang)}</p></div> })}
        <ErrorSummary lang errors=view.errors.clone() questions=questions.clone() />
        {(!view.tablet).then(|| view! {
            <p>
                <a href=lang.path(&format!("/staff/engagement/{id}/paper"))>{t!(lang, "entry-paper-link")}</a> " · "
                <a href=lang.path(&format!("/staff/engagement/{id}/import"))>{t!(lang, "entry-import-link")}</a>
            </p>
        })}
        <EntryForm lang view=view.clone() questions />
        {(!view.tablet).then(|| view! { <RecentResponses lang recent=view.recent.clone() flagged=view.flagged /> })}
    }
    .into_any()
}

#[component]
fn EntryForm(lang: Lang, view: EntryView, questions: Vec<Question>) -> impl IntoView {
    let EntryView { id, wards, channel, language, ward, tablet, fields, errors, equality_problems, .. } =
        view;
    let has_place = questions.iter().any(|q| q.kind == QuestionKind::Place);
    view! {
        <form method="post" action=format!("/staff/engagement/{id}/enter") class="form" autocomplete="off">
            <input type="hidden" name="lang" value=lang.code() />
            <fieldset class="field">
                <legend>{t!(lang, "entry-how")}</legend>
                <div class="field">
                    <label for="entry-channel">{t!(lang, "entry-channel")}</label>
                    <select id="entry-channel" name="channel">
                        {FACE_TO_FACE.into_iter().map(|c| view! { <option value=c.as_str() selected=channel == Some(c)>{channel_name(lang, c)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="entry-language">{t!(lang, "entry-language")}</label>
                    <select id="entry-language" name="language">
                        {Lang::ALL.into_iter().map(|l| view! { <option value=l.code() selected=language == l lang=l.code()>{l.endonym()}</option> }).collect_view()}
                    </select>
                </div>
                {(!has_place).then(|| view! {
                    <div class="field">
                        <label for="entry-ward">{t!(lang, "entry-ward")}</label>
                        <select id="entry-ward" name="ward">
                            <option value="" selected=ward.is_empty()>{t!(lang, "survey-choose-ward")}</option>
                            {wards.iter().map(|w| view! { <option value=w.code.clone() selected=ward == w.code>{w.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="choice">
                    <input type="checkbox" id="entry-tablet" name="tablet" value="1" checked=tablet />
                    <label for="entry-tablet">{t!(lang, "entry-tablet")}</label>
                </div>
            </fieldset>
            {questions.into_iter().map(|q| {
                let error = errors.iter().find(|e| e.question == q.key).map(|e| e.problem);
                view! { <QuestionField lang question=q fields=fields.clone() error wards=wards.clone() /> }
            }).collect_view()}
            <h2>{t!(lang, "survey-equality-heading")}</h2>
            <p>{t!(lang, "entry-equality-intro")}</p>
            <crate::engagement::equality::EqualitySection lang fields=fields.clone() problems=equality_problems />
            <button type="submit" class="button">{t!(lang, "entry-save")}</button>
        </form>
    }
    .into_any()
}

#[component]
fn RecentResponses(lang: Lang, recent: Vec<EnteredResponse>, flagged: i64) -> impl IntoView {
    view! {
        <section aria-labelledby="recent-heading">
            <h2 id="recent-heading">{t!(lang, "entry-recent")}</h2>
            <p>{t!(lang, "entry-flagged", count = flagged)}</p>
            {recent.is_empty().then(|| view! { <p>{t!(lang, "entry-recent-none")}</p> })}
            {(!recent.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="recent-caption">
                    <table>
                        <caption id="recent-caption">{t!(lang, "entry-recent-caption")}</caption>
                        <thead><tr>
                            <th scope="col">{t!(lang, "entry-response")}</th>
                            <th scope="col">{t!(lang, "entry-channel")}</th>
                            <th scope="col">{t!(lang, "entry-when")}</th>
                            <th scope="col">{t!(lang, "entry-by")}</th>
                            <th scope="col">{t!(lang, "entry-duplicate")}</th>
                        </tr></thead>
                        <tbody>
                            {recent.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{format!("#{}", r.id)}</th>
                                    <td>{channel_name(lang, r.channel)}</td>
                                    <td>{time(lang, r.submitted_at)}</td>
                                    <td>{r.entered_by.clone().unwrap_or_else(|| t!(lang, "entry-by-resident"))}</td>
                                    <td>{r.duplicate_of.map(|d| view! { <strong class="tag tag-overdue">{t!(lang, "entry-possible-duplicate", id = d)}</strong> })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
    .into_any()
}

/// The printable paper version: every question in English and in Welsh.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PaperView {
    pub title: Names,
    pub purpose: Names,
    pub questions: Option<Vec<Question>>,
    pub wards: Vec<Names>,
}

pub async fn paper_view(id: i64) -> Result<PaperView, ServerFnError> {
    let Loaded { campaign, survey, wards } = load_for_entry(id).await?;
    Ok(PaperView {
        title: Names::new(&campaign.title_en, &campaign.title_cy),
        purpose: Names::new(&campaign.purpose_en, &campaign.purpose_cy),
        questions: survey.map(|s| s.questions),
        wards: wards.iter().map(|w| Names::new(&w.name_en, &w.name_cy)).collect(),
    })
}

#[component]
pub fn PaperPage() -> impl IntoView {
    let lang = use_lang();
    let load = paper_view(campaign_id());
    view! { <Page lang error_title=t!(lang, "paper-title") load render=move |view| view! { <PaperSurvey lang view /> } /> }
}

/// Words in both languages, English first, Welsh after (as printed bilingual forms are).
fn both(names: &Names) -> impl IntoView {
    view! { <span lang="en">{names.en.clone()}</span> " / " <span lang="cy">{names.cy.clone()}</span> }
}

#[component]
fn PaperSurvey(lang: Lang, view: PaperView) -> impl IntoView {
    let PaperView { title, purpose, questions, wards } = view;
    let heading = format!("{} / {}", title.en, title.cy);
    view! {
        <Title text=heading.clone() />
        <div class="paper-survey">
            <p class="no-print">{t!(lang, "paper-print-hint")}</p>
            <h1>{both(&title)}</h1>
            {(!purpose.en.is_empty()).then(|| view! { <p>{both(&purpose)}</p> })}
            {questions.is_none().then(|| view! { <p>{t!(lang, "entry-no-survey")}</p> })}
            <ol class="paper-questions">
                {questions.unwrap_or_default().into_iter().map(|q| view! { <li class="paper-question"><PaperQuestion question=q wards=wards.clone() /></li> }).collect_view()}
            </ol>
        </div>
    }
    .into_any()
}

#[component]
fn PaperQuestion(question: Question, wards: Vec<Names>) -> impl IntoView {
    let en = Lang::En;
    let cy = Lang::Cy;
    let box_list = |labels: Vec<Names>| {
        view! { <ul class="paper-boxes">{labels.iter().map(|l| view! { <li><span class="paper-box" aria-hidden="true">"☐"</span> " " {both(l)}</li> }).collect_view()}</ul> }
    };
    let body = match question.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            box_list(question.options.iter().map(|o| o.label.clone()).collect()).into_any()
        }
        QuestionKind::Rating => {
            let labels = question.rating_labels.clone();
            let marks: Vec<Names> = (1..=crate::engagement::survey::RATING_MAX)
                .map(|n| match (n, &labels) {
                    (1, Some(l)) => Names::new(format!("1 – {}", l.low.en), format!("1 – {}", l.low.cy)),
                    (5, Some(l)) => Names::new(format!("5 – {}", l.high.en), format!("5 – {}", l.high.cy)),
                    _ => Names::new(n.to_string(), n.to_string()),
                })
                .collect();
            box_list(marks).into_any()
        }
        QuestionKind::Ranking => {
            let places = question.max_choices.map(|m| m as usize).unwrap_or(question.options.len());
            view! {
                <p>{format!("{} / {}", t!(en, "paper-ranking", count = places), t!(cy, "paper-ranking", count = places))}</p>
                <ul class="paper-boxes">{question.options.iter().map(|o| view! { <li><span class="paper-box paper-rank" aria-hidden="true">"___"</span> " " {both(&o.label)}</li> }).collect_view()}</ul>
                <p class="hint">{(1..=places).map(|n| format!("{n}: {} / {}", rank_label(en, n), rank_label(cy, n))).collect::<Vec<_>>().join(" · ")}</p>
            }
            .into_any()
        }
        QuestionKind::FreeText => view! { <div class="paper-lines" aria-hidden="true"></div> }.into_any(),
        QuestionKind::Place => box_list(wards).into_any(),
    };
    view! {
        <p class="paper-question-text"><strong>{both(&question.text)}</strong></p>
        {(!question.help.en.is_empty()).then(|| view! { <p class="hint">{both(&question.help)}</p> })}
        {question.show_if.as_ref().map(|c| view! { <p class="hint">{format!("{} / {}", t!(en, "paper-only-if", question = c.question.clone()), t!(cy, "paper-only-if", question = c.question.clone()))}</p> })}
        {body}
    }
    .into_any()
}

/// The CSV import page: the columns expected, and a refused file's problems by line.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImportView {
    pub id: i64,
    pub title: String,
    pub columns: Option<Vec<String>>,
    pub errors: Vec<CsvError>,
}

pub async fn import_view(lang: Lang, id: i64, kept: Option<String>) -> Result<ImportView, ServerFnError> {
    let Loaded { campaign, survey, .. } = load_for_entry(id).await?;
    let user = crate::staff::pages::require_user()?;
    let state = AppState::current()?;
    let kept = crate::staff::kept::kept(
        &state.db,
        user.id,
        &format!("/staff/engagement/{id}/import"),
        kept.as_deref(),
    )
    .await;
    let errors = kept
        .fields
        .iter()
        .filter(|(k, _)| kept.is("import") && k == "error")
        .filter_map(|(_, v)| serde_json::from_str(v).ok())
        .collect();
    Ok(ImportView {
        id,
        title: Names::new(&campaign.title_en, &campaign.title_cy).get(lang).to_string(),
        columns: survey.map(|s| s.questions.into_iter().map(|q| q.key).collect()),
        errors,
    })
}

#[component]
pub fn ImportPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let query = use_query_map();
    let get = |name: &str| query.read_untracked().get(name);
    let load = import_view(lang, campaign_id(), get("kept"));
    let done = get("done").map(|_| (get("count").unwrap_or_default(), get("flagged").unwrap_or_default()));
    view! { <Page lang error_title=t!(lang, "import-title") load render=move |view| view! { <ImportOutline lang view done=done.clone() /> } /> }
}

pub fn csv_problem(lang: Lang, problem: &CsvProblem) -> String {
    match problem {
        CsvProblem::Unreadable => t!(lang, "import-error-unreadable"),
        CsvProblem::Empty => t!(lang, "import-error-empty"),
        CsvProblem::TooManyRows => {
            t!(lang, "import-error-too-many", max = crate::engagement::respond::MAX_CSV_ROWS)
        }
        CsvProblem::UnknownColumn(c) => t!(lang, "import-error-column", column = c.clone()),
        CsvProblem::RepeatedColumn(c) => t!(lang, "import-error-repeated-column", column = c.clone()),
        CsvProblem::Cells => t!(lang, "import-error-cells"),
        CsvProblem::Language => t!(lang, "import-error-language"),
        CsvProblem::Answer(e) => format!("{}: {}", e.question, answer_error(lang, e.problem)),
        CsvProblem::Equality(e) => {
            format!("{}: {}", e.question().as_str(), crate::engagement::equality::problem_message(lang, *e))
        }
    }
}

/// The optional equality monitoring columns of the import, each with its codes.
fn equality_columns(lang: Lang) -> AnyView {
    use crate::engagement::equality::{question_name, EqualityQuestion};
    view! {
        <details>
            <summary>{t!(lang, "import-equality-heading")}</summary>
            <p>{t!(lang, "import-equality-intro")}</p>
            <dl class="details">
                {EqualityQuestion::ALL.iter().map(|q| {
                    let codes = match *q {
                        EqualityQuestion::PostcodeDistrict => t!(lang, "import-equality-postcode"),
                        q => q.choices().join(", "),
                    };
                    view! {
                        <dt><code>{q.as_str()}</code>" "{question_name(lang, *q)}</dt>
                        <dd><code>{codes}</code></dd>
                    }
                }).collect_view()}
            </dl>
        </details>
    }
    .into_any()
}

#[component]
fn ImportOutline(lang: Lang, view: ImportView, done: Option<(String, String)>) -> impl IntoView {
    let ImportView { id, title, columns, errors } = view;
    let heading = t!(lang, "import-heading", title = title);
    let columns = columns.unwrap_or_default();
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        {done.map(|(count, flagged)| view! {
            <div class="notice notice-success" role="status">
                <p>{Outcome::ResponsesImported.message(lang)} " " {t!(lang, "import-counts", count = count.parse::<i64>().unwrap_or(0), flagged = flagged.parse::<i64>().unwrap_or(0))}</p>
            </div>
        })}
        {(!errors.is_empty()).then(|| view! {
            <div class="error-summary" role="alert" aria-labelledby="import-errors" tabindex="-1">
                <h2 id="import-errors">{Outcome::ResponsesImportRefused.message(lang)}</h2>
                <ul>{errors.iter().map(|e| view! { <li>{t!(lang, "import-line", line = e.line)} " " {csv_problem(lang, &e.problem)}</li> }).collect_view()}</ul>
            </div>
        })}
        {columns.is_empty().then(|| view! { <p>{t!(lang, "entry-no-survey")}</p> })}
        {(!columns.is_empty()).then(|| view! {
            <p>{t!(lang, "import-intro")}</p>
            <p><code>{format!("{},language", columns.join(","))}</code></p>
            {equality_columns(lang)}
            <form method="post" action=format!("/staff/engagement/{id}/import") class="form" enctype="multipart/form-data">
                <input type="hidden" name="lang" value=lang.code() />
                <div class="field">
                    <label for="import-file">{t!(lang, "import-file")}</label>
                    <p class="hint" id="import-file-hint">{t!(lang, "import-file-hint")}</p>
                    <input id="import-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="import-file-hint" />
                </div>
                <button type="submit" class="button">{t!(lang, "import-submit")}</button>
            </form>
        })}
        <p><a href=lang.path(&format!("/staff/engagement/{id}/enter"))>{t!(lang, "import-back")}</a></p>
    }
    .into_any()
}
