//! Coding free-text answers (`/staff/engagement/{id}/coding`, analysts, leads and managers):
//! a codebook of themes per question (`POST .../coding/theme`), each answer tagged with themes
//! and given a note only staff see (`POST .../coding/answer`), theme counts (small numbers
//! hidden) filtered by neighbourhood and equality group, and the themes the hub suggests from
//! keywords answers share, for a person to accept: nothing is tagged automatically. Free text
//! is shown to the CSP's staff only, and reading it is audited.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, results::AnswerQuery},
    engagement::{
        coding::{self, Keyword},
        results::{free_text_questions, Filter, Group, GroupTopic},
        results_pages::{
            category_words, neighbourhood_names, read_versions, shown_words, topic_name, unavailable,
        },
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{
        form::Posted,
        outcome::{Outcome, Pages},
        page::Page,
        problem::{page, Problem},
        use_lang,
    },
    staff::{guard::Staff, kept, kept::KeptForm, pages::require_user, Permission},
    state::AppState,
    suppression::{self, Shown},
    t,
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// Answers on one page of the list.
pub const PAGE_SIZE: i64 = 25;
/// Longest theme name.
pub const MAX_THEME: usize = 80;
/// Longest staff note on an answer.
pub const MAX_NOTE: usize = 2_000;

/// Which answers the list shows, as the address says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQuery {
    pub question: Option<String>,
    pub theme: Option<i64>,
    pub neighbourhood: Option<i64>,
    pub uncoded: bool,
    pub group: Option<Group>,
    pub page: i64,
}

impl ListQuery {
    /// The address's query for this list (and `extra` after it).
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(q) = &self.question {
            pairs.push(("question", q.clone()));
        }
        if let Some(t) = self.theme {
            pairs.push(("theme", t.to_string()));
        }
        if let Some(n) = self.neighbourhood {
            pairs.push(("neighbourhood", n.to_string()));
        }
        if self.uncoded {
            pairs.push(("uncoded", "1".into()));
        }
        if let Some(g) = &self.group {
            pairs.push(("group", g.value()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ThemeView {
    pub id: i64,
    pub name: String,
    pub count: Shown,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AnswerView {
    pub response_id: i64,
    pub number: i64,
    pub neighbourhood: Option<Names>,
    pub text: String,
    pub note: String,
    pub themes: Vec<i64>,
    /// Themes whose keywords the answer uses, not given to it yet (for a person to accept).
    pub suggested: Vec<i64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CodingView {
    pub campaign_id: i64,
    pub title: Names,
    pub questions: Vec<(String, Names)>,
    pub list: ListQuery,
    pub themes: Vec<ThemeView>,
    pub suggestions: Vec<Keyword>,
    pub answers: Vec<AnswerView>,
    pub total: i64,
    pub pages: i64,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub groups: Vec<(GroupTopic, String)>,
    pub kept: KeptForm,
}

/// The page key refused coding forms are kept under.
pub fn kept_page(id: i64) -> String {
    format!("engagement/{id}/coding")
}

pub async fn coding_view(
    id: i64,
    mut list: ListQuery,
    kept_token: Option<String>,
) -> Result<CodingView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let campaign = db::engagement::campaign(&state.db, id)
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    let csp = campaign.csp_id;
    if !user.can(Permission::CodeResponses, csp) {
        let seen = user.can(Permission::ViewEngagementResults, csp);
        return Err(reject(if seen { AppError::Forbidden } else { AppError::NotFound }));
    }
    let survey = db::engagement::survey_of_campaign(&state.db, id).await.map_err(internal)?;
    let versions = match &survey {
        Some(s) => read_versions(&db::engagement::survey_versions(&state.db, s.id).await.map_err(internal)?),
        None => Vec::new(),
    };
    let questions = free_text_questions(&versions);
    if !list.question.as_ref().is_some_and(|q| questions.iter().any(|(k, _)| k == q)) {
        list.question = questions.first().map(|(k, _)| k.clone());
    }
    let neighbourhoods = neighbourhood_names(&state, csp).await?;
    list.neighbourhood = list.neighbourhood.filter(|n| neighbourhoods.iter().any(|(id, _)| id == n));
    list.page = list.page.max(1);
    let groups: Vec<(GroupTopic, String)> = db::results::group_choices(&state.db, id)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|g| Some((GroupTopic::parse(&g.topic)?, g.category)))
        .collect();
    let kept = kept::kept(&state.db, user.id, &kept_page(id), kept_token.as_deref()).await;
    let mut view = CodingView {
        campaign_id: id,
        title: Names::new(campaign.title_en, campaign.title_cy),
        questions,
        list: list.clone(),
        themes: Vec::new(),
        suggestions: Vec::new(),
        answers: Vec::new(),
        total: 0,
        pages: 1,
        neighbourhoods,
        groups,
        kept,
    };
    let (Some(survey), Some(question)) = (survey, list.question.clone()) else { return Ok(view) };
    let threshold = db::engagement::suppression_threshold(&state.db, csp).await.map_err(internal)?;
    let themes = db::results::themes(&state.db, survey.id, &question).await.map_err(internal)?;
    list.theme = list.theme.filter(|t| themes.iter().any(|th| th.id == *t));
    let filter = Filter { neighbourhood: list.neighbourhood, channel: None, group: list.group.clone() };
    let counts = db::results::theme_counts(&state.db, id, &question, &filter).await.map_err(internal)?;
    view.themes = themes
        .iter()
        .map(|t| ThemeView {
            id: t.id,
            name: t.name.clone(),
            count: suppression::one(
                counts.iter().find(|c| c.theme_id == t.id).map(|c| c.n).unwrap_or(0),
                threshold,
            ),
        })
        .collect();
    let names: Vec<String> = themes.iter().map(|t| t.name.clone()).collect();
    let texts = db::results::answer_texts(&state.db, id, &question).await.map_err(internal)?;
    view.suggestions = coding::suggest_themes(&texts, &names, coding::MAX_SUGGESTIONS);
    let query = AnswerQuery { neighbourhood: list.neighbourhood, theme: list.theme, uncoded: list.uncoded };
    let (answers, total) = db::results::free_answers(&state.db, id, &question, &query, list.page, PAGE_SIZE)
        .await
        .map_err(internal)?;
    let ids: Vec<i64> = answers.iter().map(|a| a.response_id).collect();
    let tags = db::results::answer_themes(&state.db, &question, &ids).await.map_err(internal)?;
    let pairs: Vec<(i64, String)> = themes.iter().map(|t| (t.id, t.name.clone())).collect();
    view.answers = answers
        .into_iter()
        .map(|a| {
            let mine: Vec<i64> =
                tags.iter().filter(|t| t.response_id == a.response_id).map(|t| t.theme_id).collect();
            let suggested =
                coding::themes_for(&a.text, &pairs).into_iter().filter(|t| !mine.contains(t)).collect();
            AnswerView {
                response_id: a.response_id,
                number: a.number,
                neighbourhood: a.neighbourhood_id.and_then(|n| {
                    view.neighbourhoods.iter().find(|(id, _)| *id == n).map(|(_, name)| name.clone())
                }),
                text: a.text,
                note: a.note.unwrap_or_default(),
                themes: mine,
                suggested,
            }
        })
        .collect();
    view.total = total;
    view.pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    view.list = list.clone();
    db::audit::record(
        &state.db,
        NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(AuditAction::EngagementAnswersViewed),
            record_type: Some("campaign".into()),
            record_id: Some(id.to_string()),
            csp_id: Some(csp),
            ip: crate::staff::session::client_ip(),
            detail: Some(format!("{question}, page {}", list.page)),
        },
    )
    .await
    .map_err(internal)?;
    Ok(view)
}

#[component]
pub fn CodingPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().read_untracked().get("id").and_then(|i| i.parse::<i64>().ok()).unwrap_or(0);
    let q = use_query_map().read_untracked().clone();
    let list = ListQuery {
        question: q.get("question"),
        theme: q.get("theme").and_then(|t| t.parse().ok()),
        neighbourhood: q.get("neighbourhood").and_then(|n| n.parse().ok()),
        uncoded: q.get("uncoded").is_some_and(|u| !u.is_empty()),
        group: q.get("group").and_then(|g| Group::parse(&g)),
        page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    };
    let load = coding_view(id, list, q.get("kept"));
    let (done, error) = (q.get("done"), q.get("error"));
    view! {
        <Page lang error_title=t!(lang, "coding-title") load render=move |view| coding_sections(lang, view, done.clone(), error.clone()) />
    }
}

fn coding_sections(lang: Lang, view: CodingView, done: Option<String>, error: Option<String>) -> AnyView {
    let title = t!(lang, "coding-heading", campaign = view.title.get(lang).to_string());
    let results = lang.path(&format!("/staff/engagement/{}/results", view.campaign_id));
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>{Outcome::done(Pages::Engagement, &d).message(lang)}</p></div> })}
        {error.map(|e| view! { <div class="error-summary" role="alert"><p>{Outcome::error(Pages::Engagement, &e).message(lang)}</p></div> })}
        <p>{t!(lang, "coding-intro")}" "<a href=results>{t!(lang, "coding-results-link")}</a></p>
        {if view.list.question.is_none() {
            view! { <p>{t!(lang, "coding-no-questions")}</p> }.into_any()
        } else {
            view! {
                <QuestionPicker lang view=view.clone() />
                <Codebook lang view=view.clone() />
                <Suggestions lang view=view.clone() />
                <AnswerList lang view />
            }
            .into_any()
        }}
    }
    .into_any()
}

/// Which question's answers are coded.
#[component]
fn QuestionPicker(lang: Lang, view: CodingView) -> impl IntoView {
    let current = view.list.question.clone().unwrap_or_default();
    view! {
        <form method="get" class="filters">
            <div class="field">
                <label for="coding-question">{t!(lang, "coding-question")}</label>
                <select id="coding-question" name="question">
                    {view.questions.iter().map(|(k, text)| view! {
                        <option value=k.clone() selected=*k == current>{text.get(lang).to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{t!(lang, "coding-choose")}</button>
        </form>
    }
    .into_any()
}

/// The question's themes with their counts (filtered, small numbers hidden), and a new theme.
#[component]
fn Codebook(lang: Lang, view: CodingView) -> impl IntoView {
    let id = view.campaign_id;
    let question = view.list.question.clone().unwrap_or_default();
    let name = view.kept.value("theme", "name", "");
    let list = view.list.clone();
    let filtered = list.neighbourhood.is_some() || list.group.is_some();
    view! {
        <section aria-labelledby="codebook-heading">
            <h2 id="codebook-heading">{t!(lang, "coding-codebook")}</h2>
            {filtered.then(|| view! { <p>{t!(lang, "coding-counts-filtered")}</p> })}
            {view.themes.is_empty().then(|| view! { <p>{t!(lang, "coding-no-themes")}</p> })}
            {(!view.themes.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table>
                        <caption>{t!(lang, "coding-themes-caption")}</caption>
                        <thead><tr><th scope="col">{t!(lang, "coding-theme")}</th><th scope="col">{t!(lang, "coding-theme-count")}</th></tr></thead>
                        <tbody>
                            {view.themes.iter().map(|th| {
                                let href = format!("?{}", ListQuery { theme: Some(th.id), page: 1, uncoded: false, ..list.clone() }.to_query());
                                view! { <tr><th scope="row"><a href=href>{th.name.clone()}</a></th><td>{shown_words(lang, th.count)}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <form method="post" action=format!("/staff/engagement/{id}/coding/theme")>
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="question" value=question />
                <div class="field">
                    <label for="theme-name">{t!(lang, "coding-new-theme")}</label>
                    <input id="theme-name" name="name" type="text" maxlength=MAX_THEME.to_string() value=name />
                </div>
                <button type="submit">{t!(lang, "coding-add-theme")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Keywords many answers share that no theme covers: one button each to make it a theme.
#[component]
fn Suggestions(lang: Lang, view: CodingView) -> impl IntoView {
    let id = view.campaign_id;
    let question = view.list.question.clone().unwrap_or_default();
    view! {
        <section aria-labelledby="suggestions-heading">
            <h2 id="suggestions-heading">{t!(lang, "coding-suggestions")}</h2>
            <p class="hint">{t!(lang, "coding-suggestions-hint")}</p>
            {view.suggestions.is_empty().then(|| view! { <p>{t!(lang, "coding-no-suggestions")}</p> })}
            <ul class="suggestions">
                {view.suggestions.iter().map(|k| view! {
                    <li>
                        <form method="post" action=format!("/staff/engagement/{id}/coding/theme")>
                            <input type="hidden" name="lang" value=lang.code() />
                            <input type="hidden" name="question" value=question.clone() />
                            <input type="hidden" name="name" value=k.word.clone() />
                            {t!(lang, "coding-keyword", word = k.word.clone(), answers = k.answers)}" "
                            <button type="submit" class="link-button">{t!(lang, "coding-accept", word = k.word.clone())}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The answer list's filters and one page of answers, each with its coding form.
#[component]
fn AnswerList(lang: Lang, view: CodingView) -> impl IntoView {
    let list = view.list.clone();
    let link = {
        let list = list.clone();
        move |p: i64| format!("?{}", ListQuery { page: p, ..list.clone() }.to_query())
    };
    let themes = view.themes.clone();
    view! {
        <section aria-labelledby="answers-heading">
            <h2 id="answers-heading">{t!(lang, "coding-answers")}</h2>
            <AnswerFilters lang view=view.clone() />
            <p>{t!(lang, "coding-answers-count", count = view.total, page = list.page, pages = view.pages)}</p>
            {view.answers.into_iter().map(|a| view! { <AnswerCard lang campaign_id=view.campaign_id list=list.clone() themes=themes.clone() answer=a kept=view.kept.clone() /> }).collect_view()}
            <nav class="pagination" aria-label=t!(lang, "pagination-label")>
                {(list.page > 1).then(|| view! { <a href=link(list.page - 1) rel="prev">{t!(lang, "pagination-previous")}</a> })}
                {(list.page < view.pages).then(|| view! { <a href=link(list.page + 1) rel="next">{t!(lang, "pagination-next")}</a> })}
            </nav>
        </section>
    }
    .into_any()
}

#[component]
fn AnswerFilters(lang: Lang, view: CodingView) -> impl IntoView {
    let list = view.list.clone();
    let group_value = list.group.as_ref().map(|g| g.value()).unwrap_or_default();
    let topics: Vec<GroupTopic> =
        GroupTopic::ALL.iter().copied().filter(|t| view.groups.iter().any(|(g, _)| g == t)).collect();
    view! {
        <form method="get" class="filters">
            <input type="hidden" name="question" value=list.question.clone().unwrap_or_default() />
            <fieldset>
                <legend>{t!(lang, "coding-filter")}</legend>
                <div class="field">
                    <label for="coding-theme">{t!(lang, "coding-theme")}</label>
                    <select id="coding-theme" name="theme">
                        <option value="">{t!(lang, "results-filter-all")}</option>
                        {view.themes.iter().map(|th| view! { <option value=th.id.to_string() selected=list.theme == Some(th.id)>{th.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="coding-neighbourhood">{t!(lang, "results-filter-neighbourhood")}</label>
                    <select id="coding-neighbourhood" name="neighbourhood">
                        <option value="">{t!(lang, "results-filter-all")}</option>
                        {view.neighbourhoods.iter().map(|(id, name)| view! { <option value=id.to_string() selected=list.neighbourhood == Some(*id)>{name.get(lang).to_string()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="coding-group">{t!(lang, "coding-filter-group")}</label>
                    <select id="coding-group" name="group">
                        <option value="">{t!(lang, "results-filter-all")}</option>
                        {topics.into_iter().map(|topic| view! {
                            <optgroup label=topic_name(lang, topic)>
                                {view.groups.iter().filter(|(t, _)| *t == topic).map(|(t, c)| {
                                    let value = format!("{}:{c}", t.as_str());
                                    view! { <option selected=value == group_value value=value.clone()>{category_words(lang, *t, c)}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field checkbox">
                    <input id="coding-uncoded" type="checkbox" name="uncoded" value="1" checked=list.uncoded />
                    <label for="coding-uncoded">{t!(lang, "coding-uncoded")}</label>
                </div>
                <button type="submit">{t!(lang, "results-filter-show")}</button>
            </fieldset>
        </form>
    }
    .into_any()
}

#[component]
fn AnswerCard(
    lang: Lang,
    campaign_id: i64,
    list: ListQuery,
    themes: Vec<ThemeView>,
    answer: AnswerView,
    kept: KeptForm,
) -> impl IntoView {
    let form_name = format!("answer-{}", answer.response_id);
    let chosen = kept.ids(&form_name, "theme", answer.themes.clone());
    let note = kept.value(&form_name, "note", answer.note.clone());
    let anchor = format!("answer-{}", answer.response_id);
    let note_id = format!("note-{}", answer.response_id);
    let suggested_names: Vec<String> =
        themes.iter().filter(|t| answer.suggested.contains(&t.id)).map(|t| t.name.clone()).collect();
    view! {
        <article class="card" id=anchor>
            <h3>{t!(lang, "coding-response", number = answer.number)}
                {answer.neighbourhood.as_ref().map(|n| format!(" · {}", n.get(lang)))}</h3>
            <blockquote class="breakable">{answer.text.clone()}</blockquote>
            {(!suggested_names.is_empty()).then(|| view! { <p class="hint">{t!(lang, "coding-suggested", themes = suggested_names.join(", "))}</p> })}
            <form method="post" action=format!("/staff/engagement/{campaign_id}/coding/answer")>
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="question" value=list.question.clone().unwrap_or_default() />
                <input type="hidden" name="response" value=answer.response_id.to_string() />
                <input type="hidden" name="filter_theme" value=list.theme.map(|t| t.to_string()).unwrap_or_default() />
                <input type="hidden" name="filter_neighbourhood" value=list.neighbourhood.map(|n| n.to_string()).unwrap_or_default() />
                <input type="hidden" name="filter_uncoded" value=if list.uncoded { "1" } else { "" } />
                <input type="hidden" name="filter_group" value=list.group.as_ref().map(|g| g.value()).unwrap_or_default() />
                <input type="hidden" name="page" value=list.page.to_string() />
                {(!themes.is_empty()).then(|| view! {
                    <fieldset>
                        <legend>{t!(lang, "coding-themes-of", number = answer.number)}</legend>
                        {themes.iter().map(|th| {
                            let id = format!("a{}-t{}", answer.response_id, th.id);
                            let suggested = answer.suggested.contains(&th.id);
                            view! {
                                <div class="field checkbox">
                                    <input id=id.clone() type="checkbox" name="theme" value=th.id.to_string() checked=chosen.contains(&th.id) />
                                    <label for=id>{th.name.clone()}{suggested.then(|| format!(" ({})", t!(lang, "coding-suggested-mark")))}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                })}
                <div class="field">
                    <label for=note_id.clone()>{t!(lang, "coding-note")}</label>
                    <p class="hint" id=format!("{note_id}-hint")>{t!(lang, "coding-note-hint")}</p>
                    <textarea id=note_id.clone() name="note" rows="2" maxlength=MAX_NOTE.to_string() aria-describedby=format!("{note_id}-hint")>{note}</textarea>
                </div>
                <button type="submit">{t!(lang, "coding-save")}</button>
            </form>
        </article>
    }
    .into_any()
}

/// A new theme for a question's codebook (typed, or a suggestion accepted).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ThemeForm {
    pub question: String,
    pub name: String,
}

/// The campaign, and whether the person may code its answers: the refusal otherwise.
async fn coding_campaign(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    id: i64,
) -> Result<(i64, i64), Response> {
    let campaign = match db::engagement::campaign(&state.db, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => return Err(unavailable(lang, e)),
    };
    staff.require(lang, Permission::ViewEngagementResults, Permission::CodeResponses, campaign.csp_id)?;
    match db::engagement::survey_of_campaign(&state.db, id).await {
        Ok(Some(s)) => Ok((campaign.csp_id, s.id)),
        Ok(None) => Err(page(lang, Problem::NotFound)),
        Err(e) => Err(unavailable(lang, e)),
    }
}

/// Whether `question` is a free-text question of one of the survey's versions.
async fn is_free_text(state: &AppState, survey_id: i64, question: &str) -> Result<bool, db::DbError> {
    let versions = read_versions(&db::engagement::survey_versions(&state.db, survey_id).await?);
    Ok(free_text_questions(&versions).iter().any(|(k, _)| k == question))
}

fn to_coding(lang: Lang, id: i64, list: &ListQuery, outcome: &str, anchor: &str) -> Response {
    let query = list.to_query();
    let sep = if query.is_empty() { "" } else { "&" };
    Redirect::to(&format!(
        "{}?{query}{sep}{outcome}{anchor}",
        lang.path(&format!("/staff/engagement/{id}/coding"))
    ))
    .into_response()
}

/// `POST /staff/engagement/{id}/coding/theme`: adds a theme to a question's codebook.
pub async fn add_theme(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<ThemeForm>,
) -> Response {
    let survey_id = match coding_campaign(&state, &staff, lang, id).await {
        Ok((_, s)) => s,
        Err(refused) => return refused,
    };
    let list = ListQuery { question: Some(form.question.clone()), page: 1, ..Default::default() };
    match is_free_text(&state, survey_id, &form.question).await {
        Ok(true) => {}
        Ok(false) => return to_coding(lang, id, &ListQuery::default(), &Outcome::CodingQuestion.query(), ""),
        Err(e) => return unavailable(lang, e),
    }
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let refused = async |outcome: Outcome| {
        let query = kept::refusal(&state.db, staff.user.id, &kept_page(id), "theme", &fields, outcome).await;
        to_coding(lang, id, &list, &query, "#codebook-heading")
    };
    if name.is_empty() || name.chars().count() > MAX_THEME {
        return refused(Outcome::ThemeName).await;
    }
    match db::results::create_theme(&state.db, survey_id, &form.question, &name, staff.user.id).await {
        Ok(Some(_)) => to_coding(lang, id, &list, &Outcome::ThemeAdded.query(), "#codebook-heading"),
        Ok(None) => refused(Outcome::ThemeExists).await,
        Err(e) => unavailable(lang, e),
    }
}

/// An answer's coding: its themes (all of them: unticked ones are taken off) and note, with
/// the list it was coded from (to go back to it).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub question: String,
    pub response: String,
    pub theme: Vec<String>,
    pub note: String,
    pub filter_theme: String,
    pub filter_neighbourhood: String,
    pub filter_uncoded: String,
    pub filter_group: String,
    pub page: String,
}

/// `POST /staff/engagement/{id}/coding/answer`: saves an answer's themes and staff note.
pub async fn code_answer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<AnswerForm>,
) -> Response {
    let survey_id = match coding_campaign(&state, &staff, lang, id).await {
        Ok((_, s)) => s,
        Err(refused) => return refused,
    };
    let list = ListQuery {
        question: Some(form.question.clone()),
        theme: form.filter_theme.parse().ok(),
        neighbourhood: form.filter_neighbourhood.parse().ok(),
        uncoded: !form.filter_uncoded.is_empty(),
        group: Group::parse(&form.filter_group),
        page: form.page.parse().unwrap_or(1),
    };
    let Ok(response_id) = form.response.parse::<i64>() else {
        return to_coding(lang, id, &list, &Outcome::CodingAnswer.query(), "");
    };
    match db::results::has_free_answer(&state.db, id, response_id, &form.question).await {
        Ok(true) => {}
        Ok(false) => return to_coding(lang, id, &list, &Outcome::CodingAnswer.query(), ""),
        Err(e) => return unavailable(lang, e),
    }
    let anchor = format!("#answer-{response_id}");
    let form_name = format!("answer-{response_id}");
    let themes = match db::results::themes(&state.db, survey_id, &form.question).await {
        Ok(t) => t,
        Err(e) => return unavailable(lang, e),
    };
    let mut chosen: Vec<i64> = Vec::new();
    for t in &form.theme {
        match t.parse::<i64>() {
            Ok(t) if themes.iter().any(|th| th.id == t) => {
                if !chosen.contains(&t) {
                    chosen.push(t);
                }
            }
            _ => return to_coding(lang, id, &list, &Outcome::CodingTheme.query(), &anchor),
        }
    }
    let note = form.note.trim();
    if note.chars().count() > MAX_NOTE {
        let query = kept::refusal(
            &state.db,
            staff.user.id,
            &kept_page(id),
            &form_name,
            &fields,
            Outcome::NoteTooLong,
        )
        .await;
        return to_coding(lang, id, &list, &query, &anchor);
    }
    match db::results::save_coding(&state.db, response_id, &form.question, &chosen, note, staff.user.id).await
    {
        Ok(()) => to_coding(lang, id, &list, &Outcome::AnswerCoded.query(), &anchor),
        Err(e) => unavailable(lang, e),
    }
}
