//! The results page (`/staff/engagement/{id}/results`): each question's answers as a chart with
//! the same numbers in a table, small numbers hidden, filtered by neighbourhood, channel and
//! equality group; marked provisional while the survey is open. The CSP's staff who read
//! results see everything and may filter; partners see a campaign's results only once they are
//! published, and then only the whole campaign's counts. Leads publish results
//! (`POST /staff/engagement/{id}/results/publish`).

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self},
    engagement::{
        results::{self, Bar, Body, Counted, Filter, GroupTopic, Line, QuestionResult, RankLine, Version},
        survey::Survey,
        CampaignStatus, ResponseChannel, SurveyKind,
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
    staff::{guard::Staff, pages::require_user, Permission},
    state::AppState,
    suppression::{self, Shown},
    t,
    time::Timestamp,
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The results page's data, for its reader.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ResultsView {
    pub campaign_id: i64,
    pub title: Names,
    /// A partner's view: the published, unfiltered counts only.
    pub partner: bool,
    pub provisional: bool,
    pub published_at: Option<Timestamp>,
    pub has_versions: bool,
    pub threshold: i64,
    pub responses: Shown,
    pub questions: Vec<QuestionResult>,
    pub filter: Filter,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub groups: Vec<(GroupTopic, String)>,
    pub can_publish: bool,
    pub can_code: bool,
    /// Whether sensitive concerns' counts are withheld (partners reading the poll's results).
    pub withheld: bool,
}

/// The versions of a survey as results read them (a version whose stored questions cannot be
/// read is left out, with a log line: never a 500).
pub fn read_versions(rows: &[db::engagement::SurveyVersionRow]) -> Vec<Version> {
    rows.iter()
        .filter_map(|v| match serde_json::from_str::<Survey>(&v.questions) {
            Ok(survey) => Some(Version { id: v.id, number: v.number, survey }),
            Err(e) => {
                tracing::error!(error = %e, version = v.id, "a survey version could not be read");
                None
            }
        })
        .collect()
}

/// Whether results can still change: the campaign is not closed and the survey not past its
/// closing time.
pub fn is_provisional(status: CampaignStatus, closes_at: Option<Timestamp>, now: Timestamp) -> bool {
    !matches!(status, CampaignStatus::Closed | CampaignStatus::Reported) && closes_at.is_none_or(|c| c > now)
}

/// The CSP's neighbourhoods (id, names).
pub async fn neighbourhood_names(state: &AppState, csp_id: i64) -> Result<Vec<(i64, Names)>, ServerFnError> {
    Ok(db::reference::neighbourhoods(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|n| (n.id, n.name))
        .collect())
}

/// A campaign's results for a filter as the page and the API show them: every question's counts
/// and the responses counted, suppressed; a filtered view also against the unfiltered one, so
/// that subtracting one from the other gives no small number away.
pub struct Computed {
    pub provisional: bool,
    pub has_versions: bool,
    pub threshold: i64,
    pub responses: Shown,
    pub questions: Vec<QuestionResult>,
    /// Whether some counts are withheld from this reader (sensitive concerns, for partners).
    pub withheld: bool,
}

/// The counts of one view of a campaign's responses: a handful of queries.
async fn counted(
    db: &db::Db,
    campaign_id: i64,
    filter: &Filter,
    only_version: Option<i64>,
    multiple_choice: &[String],
) -> Result<Counted, db::DbError> {
    Ok(Counted {
        answers: db::results::answer_counts(db, campaign_id, filter, only_version).await?,
        respondents: db::results::respondent_counts(db, campaign_id, filter, only_version, multiple_choice)
            .await?,
        responses: db::results::response_count(db, campaign_id, filter).await?,
    })
}

/// Computes a campaign's results for `filter` (already checked against `neighbourhoods`, the
/// CSP's), with the CSP's threshold. For a `partner`, the priorities poll's sensitive concerns
/// are withheld ([`results::withheld_concerns`]).
pub async fn compute(
    db: &db::Db,
    campaign: &db::engagement::CampaignRow,
    filter: &Filter,
    neighbourhoods: &[(i64, Names)],
    partner: bool,
) -> Result<Computed, db::DbError> {
    let id = campaign.id;
    let survey = db::engagement::survey_of_campaign(db, id).await?;
    let version_rows = match &survey {
        Some(s) => db::engagement::survey_versions(db, s.id).await?,
        None => Vec::new(),
    };
    let versions = read_versions(&version_rows);
    let threshold = db::engagement::suppression_threshold(db, campaign.csp_id).await?;
    let only_version = (versions.len() == 1).then(|| versions[0].id);
    let multiple_choice = results::multiple_choice_keys(&versions);
    let view = counted(db, id, filter, only_version, &multiple_choice).await?;
    let wider = if filter.is_empty() {
        Vec::new()
    } else {
        vec![counted(db, id, &Filter::default(), only_version, &multiple_choice).await?]
    };
    let wider_responses: Vec<i64> = wider.iter().map(|w| w.responses).collect();
    // Sensitive concerns of the priorities poll: counted for staff, withheld from partners.
    let poll = survey.as_ref().is_some_and(|s| s.kind == SurveyKind::PrioritiesPoll);
    let categories: Vec<(String, bool)> = match poll && partner {
        true => db::reporting::categories(db, campaign.csp_id)
            .await?
            .into_iter()
            .map(|c| (c.code, c.sensitive))
            .collect(),
        false => Vec::new(),
    };
    let withheld = results::withheld_concerns(poll, partner, &categories);
    Ok(Computed {
        provisional: is_provisional(campaign.status, survey.as_ref().and_then(|s| s.closes_at), db::now()),
        has_versions: !versions.is_empty(),
        threshold,
        responses: suppression::one_within(view.responses, &wider_responses, threshold),
        questions: results::results_within(&versions, &view, &wider, neighbourhoods, threshold, &withheld),
        withheld: !withheld.is_empty(),
    })
}

pub async fn results_view(
    id: i64,
    neighbourhood: Option<String>,
    channel: Option<String>,
    group: Option<String>,
) -> Result<ResultsView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let campaign = db::engagement::campaign(&state.db, id)
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    let csp = campaign.csp_id;
    let staff = user.can(Permission::ViewEngagementResults, csp);
    let partner = !staff && user.can(Permission::ViewPublishedResults, csp);
    let allowed = staff || (partner && campaign.results_published_at.is_some());
    if !allowed {
        return Err(reject(AppError::NotFound));
    }
    let neighbourhoods = neighbourhood_names(&state, csp).await?;
    let ids: Vec<i64> = neighbourhoods.iter().map(|(id, _)| *id).collect();
    let filter = if partner {
        Filter::default()
    } else {
        Filter::read(neighbourhood.as_deref(), channel.as_deref(), group.as_deref(), &ids)
    };
    let computed =
        compute(&state.db, &campaign, &filter, &neighbourhoods, partner).await.map_err(internal)?;
    let groups = if partner {
        Vec::new()
    } else {
        db::results::group_choices(&state.db, id)
            .await
            .map_err(internal)?
            .into_iter()
            .filter_map(|g| Some((GroupTopic::parse(&g.topic)?, g.category)))
            .collect()
    };
    Ok(ResultsView {
        campaign_id: id,
        title: Names::new(campaign.title_en, campaign.title_cy),
        partner,
        provisional: computed.provisional,
        published_at: campaign.results_published_at,
        has_versions: computed.has_versions,
        threshold: computed.threshold,
        responses: computed.responses,
        questions: computed.questions,
        filter,
        neighbourhoods,
        groups,
        can_publish: user.can(Permission::RunEngagement, csp),
        can_code: user.can(Permission::CodeResponses, csp),
        withheld: computed.withheld,
    })
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().read_untracked().get("id").and_then(|i| i.parse::<i64>().ok()).unwrap_or(0);
    let q = use_query_map().read_untracked().clone();
    let load = results_view(id, q.get("neighbourhood"), q.get("channel"), q.get("group"));
    let (done, error) = (q.get("done"), q.get("error"));
    view! {
        <Page lang error_title=t!(lang, "results-title") load render=move |view| {
            let (done, error) = (done.clone(), error.clone());
            results_sections(lang, view, done, error)
        } />
    }
}

/// A count in words: the number, or "fewer than 10".
pub fn shown_words(lang: Lang, shown: Shown) -> String {
    match shown {
        Shown::Count(n) => n.to_string(),
        Shown::Hidden { threshold } => t!(lang, "results-fewer-than", threshold = threshold),
    }
}

fn percent_words(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "–".into())
}

pub fn channel_name(lang: Lang, c: ResponseChannel) -> String {
    match c {
        ResponseChannel::Online => t!(lang, "results-channel-online"),
        ResponseChannel::StreetBriefing => t!(lang, "results-channel-street-briefing"),
        ResponseChannel::HaveASayDay => t!(lang, "results-channel-have-a-say-day"),
        ResponseChannel::DoorToDoor => t!(lang, "results-channel-door-to-door"),
        ResponseChannel::PublicMeeting => t!(lang, "results-channel-public-meeting"),
        ResponseChannel::Kin => t!(lang, "results-channel-kin"),
        ResponseChannel::Paper => t!(lang, "results-channel-paper"),
    }
}

pub fn topic_name(lang: Lang, t: GroupTopic) -> String {
    match t {
        GroupTopic::AgeBand => t!(lang, "results-topic-age-band"),
        GroupTopic::Sex => t!(lang, "results-topic-sex"),
        GroupTopic::GenderIdentity => t!(lang, "results-topic-gender-identity"),
        GroupTopic::EthnicGroup => t!(lang, "results-topic-ethnic-group"),
        GroupTopic::Religion => t!(lang, "results-topic-religion"),
        GroupTopic::Disability => t!(lang, "results-topic-disability"),
        GroupTopic::SexualOrientation => t!(lang, "results-topic-sexual-orientation"),
        GroupTopic::WelshLanguage => t!(lang, "results-topic-welsh-language"),
    }
}

/// A stored equality category in words, as the equality questions name it.
pub fn category_words(lang: Lang, topic: GroupTopic, category: &str) -> String {
    use crate::engagement::equality::{choice_name, EqualityQuestion as Q};
    let question = match topic {
        GroupTopic::AgeBand => Q::AgeBand,
        GroupTopic::Sex => Q::Sex,
        GroupTopic::GenderIdentity => Q::GenderIdentity,
        GroupTopic::EthnicGroup => Q::EthnicGroup,
        GroupTopic::Religion => Q::Religion,
        GroupTopic::Disability => Q::Disability,
        GroupTopic::SexualOrientation => Q::SexualOrientation,
        GroupTopic::WelshLanguage => Q::WelshLanguage,
    };
    choice_name(lang, question, category)
}

fn results_sections(lang: Lang, view: ResultsView, done: Option<String>, error: Option<String>) -> AnyView {
    let title = view.title.get(lang).to_string();
    let base = lang.path(&format!("/staff/engagement/{}", view.campaign_id));
    let questions = view.questions.clone();
    let threshold = view.threshold;
    view! {
        <Title text=t!(lang, "results-heading", campaign = title.clone()) />
        <h1>{t!(lang, "results-heading", campaign = title)}</h1>
        <OutcomeNotice lang done error />
        <ResultsStatus lang view=view.clone() />
        {(!view.partner).then(|| view! { <FilterForm lang view=view.clone() /> })}
        {(!view.has_versions).then(|| view! { <p>{t!(lang, "results-no-survey")}</p> })}
        {questions.into_iter().enumerate().map(|(i, q)| view! { <QuestionSection lang index=i question=q threshold base=base.clone() can_code=view.can_code && !view.partner /> }).collect_view()}
    }
    .into_any()
}

#[component]
fn OutcomeNotice(lang: Lang, done: Option<String>, error: Option<String>) -> impl IntoView {
    view! {
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>{Outcome::done(Pages::Engagement, &d).message(lang)}</p></div> })}
        {error.map(|e| view! { <div class="error-summary" role="alert"><p>{Outcome::error(Pages::Engagement, &e).message(lang)}</p></div> })}
    }
    .into_any()
}

/// Provisional or final, published or not, how many responses, and the staff's actions.
#[component]
fn ResultsStatus(lang: Lang, view: ResultsView) -> impl IntoView {
    let id = view.campaign_id;
    let base = lang.path(&format!("/staff/engagement/{id}"));
    view! {
        {view.provisional.then(|| view! {
            <p class="notice notice-warning"><strong>{t!(lang, "results-provisional")}</strong>" "{t!(lang, "results-provisional-body")}</p>
        })}
        <p>{t!(lang, "results-responses", count = shown_words(lang, view.responses))}</p>
        <p class="hint">{t!(lang, "results-suppression", threshold = view.threshold)}</p>
        {view.withheld.then(|| view! { <p class="hint">{t!(lang, "results-sensitive-withheld")}</p> })}
        <p>{match view.published_at {
            Some(at) => t!(lang, "results-published-on", date = crate::time::date(lang, at)),
            None => t!(lang, "results-not-published"),
        }}</p>
        {(!view.partner).then(|| view! {
            <ul class="actions">
                {view.can_code.then(|| view! { <li><a href=format!("{base}/coding")>{t!(lang, "results-coding-link")}</a></li> })}
                <li><a href=format!("{base}/export.csv") download="">{t!(lang, "results-export-link")}</a></li>
            </ul>
        })}
        {(view.can_publish && view.published_at.is_none() && !view.partner).then(|| view! {
            <form method="post" action=format!("/staff/engagement/{id}/results/publish")>
                <input type="hidden" name="lang" value=lang.code() />
                <p class="hint">{t!(lang, "results-publish-hint")}</p>
                <button type="submit">{t!(lang, "results-publish")}</button>
            </form>
        })}
    }
    .into_any()
}

/// The filters: a plain GET form, so the address says what is shown.
#[component]
fn FilterForm(lang: Lang, view: ResultsView) -> impl IntoView {
    let f = view.filter.clone();
    let group_value = f.group.as_ref().map(|g| g.value()).unwrap_or_default();
    let topics: Vec<GroupTopic> =
        GroupTopic::ALL.iter().copied().filter(|t| view.groups.iter().any(|(g, _)| g == t)).collect();
    view! {
        <form method="get" class="filters" action=lang.path(&format!("/staff/engagement/{}/results", view.campaign_id))>
            <fieldset>
                <legend>{t!(lang, "results-filter")}</legend>
                <div class="field">
                    <label for="filter-neighbourhood">{t!(lang, "results-filter-neighbourhood")}</label>
                    <select id="filter-neighbourhood" name="neighbourhood">
                        <option value="">{t!(lang, "results-filter-all")}</option>
                        {view.neighbourhoods.iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=f.neighbourhood == Some(*id)>{name.get(lang).to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-channel">{t!(lang, "results-filter-channel")}</label>
                    <select id="filter-channel" name="channel">
                        <option value="">{t!(lang, "results-filter-all")}</option>
                        {ResponseChannel::ALL.iter().map(|c| view! {
                            <option value=c.as_str() selected=f.channel == Some(*c)>{channel_name(lang, *c)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-group">{t!(lang, "results-filter-group")}</label>
                    <select id="filter-group" name="group">
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
                <button type="submit">{t!(lang, "results-filter-show")}</button>
            </fieldset>
        </form>
        {(!f.is_empty()).then(|| view! { <p>{t!(lang, "results-filtered")}" "<a href=lang.path(&format!("/staff/engagement/{}/results", view.campaign_id))>{t!(lang, "results-filter-clear")}</a></p> })}
    }
    .into_any()
}

/// The bars and table rows of a question's lines.
fn bars(lang: Lang, lines: &[Line]) -> Vec<Bar> {
    lines
        .iter()
        .map(|l| {
            let label = l.label.get(lang).to_string();
            let says = match l.percent {
                Some(_) => format!("{label}: {} ({})", shown_words(lang, l.count), percent_words(l.percent)),
                None => format!("{label}: {}", shown_words(lang, l.count)),
            };
            Bar { label, value: l.count.count(), says }
        })
        .collect()
}

fn rank_bars(lang: Lang, lines: &[RankLine]) -> Vec<Bar> {
    bars(
        lang,
        &lines
            .iter()
            .map(|l| Line { key: l.key.clone(), label: l.label.clone(), count: l.first, percent: l.percent })
            .collect::<Vec<_>>(),
    )
}

/// One question: its words, who answered, the chart and the table.
#[component]
fn QuestionSection(
    lang: Lang,
    index: usize,
    question: QuestionResult,
    threshold: i64,
    base: String,
    can_code: bool,
) -> impl IntoView {
    let _ = threshold;
    let id = format!("results-q{index}");
    let text = question.text.get(lang).to_string();
    let heading = match question.version {
        Some(v) => t!(lang, "results-question-version", question = text.clone(), version = v),
        None => text.clone(),
    };
    let hidden = t!(lang, "results-fewer-than", threshold = threshold);
    let description = t!(lang, "results-chart-description", count = shown_words(lang, question.respondents));
    let chart = |bars: &[Bar]| results::bar_chart(&id, &text, &description, bars, &hidden);
    let body = match &question.body {
        Body::Choices(lines) | Body::Place(lines) => {
            let svg = chart(&bars(lang, lines));
            view! { <Chart svg /> <LinesTable lang caption=text.clone() lines=lines.clone() /> }.into_any()
        }
        Body::Rating { lines, mean, low, high } => {
            let svg = chart(&bars(lang, lines));
            let ends = match (low, high) {
                (Some(l), Some(h)) => Some(t!(lang, "results-rating-ends", low = l.get(lang).to_string(), high = h.get(lang).to_string())),
                _ => None,
            };
            view! {
                {ends.map(|e| view! { <p class="hint">{e}</p> })}
                <p>{match mean {
                    Some(m) => t!(lang, "results-rating-mean", mean = format!("{m:.1}")),
                    None => t!(lang, "results-rating-no-mean"),
                }}</p>
                <Chart svg />
                <LinesTable lang caption=text.clone() lines=lines.clone() />
            }
            .into_any()
        }
        Body::Ranking { lines, places } => {
            let svg = chart(&rank_bars(lang, lines));
            view! {
                <p class="hint">{t!(lang, "results-ranking-points", places = places.to_string())}</p>
                <Chart svg />
                <RankingTable lang caption=text.clone() lines=lines.clone() />
            }
            .into_any()
        }
        Body::FreeText => view! {
            <p>{t!(lang, "results-free-text")}" "
                {can_code.then(|| view! { <a href=format!("{base}/coding?question={}", question.key)>{t!(lang, "results-coding-link")}</a> })}
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="results-question" aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{heading}</h2>
            <p>{t!(lang, "results-answered", count = shown_words(lang, question.respondents))}</p>
            {body}
        </section>
    }
    .into_any()
}

#[component]
fn Chart(svg: String) -> impl IntoView {
    view! { <figure class="chart-figure"><div inner_html=svg></div></figure> }
}

#[component]
fn LinesTable(lang: Lang, caption: String, lines: Vec<Line>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table>
                <caption>{t!(lang, "results-table", question = caption)}</caption>
                <thead><tr>
                    <th scope="col">{t!(lang, "results-answer")}</th>
                    <th scope="col">{t!(lang, "results-count")}</th>
                    <th scope="col">{t!(lang, "results-percent")}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr><th scope="row">{l.label.get(lang).to_string()}</th><td>{shown_words(lang, l.count)}</td><td>{percent_words(l.percent)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn RankingTable(lang: Lang, caption: String, lines: Vec<RankLine>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table>
                <caption>{t!(lang, "results-table", question = caption)}</caption>
                <thead><tr>
                    <th scope="col">{t!(lang, "results-answer")}</th>
                    <th scope="col">{t!(lang, "results-first-choice")}</th>
                    <th scope="col">{t!(lang, "results-percent")}</th>
                    <th scope="col">{t!(lang, "results-points")}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr>
                            <th scope="row">{l.label.get(lang).to_string()}</th>
                            <td>{shown_words(lang, l.first)}</td>
                            <td>{percent_words(l.percent)}</td>
                            <td>{l.points.map(|p| p.to_string()).unwrap_or_else(|| t!(lang, "results-points-hidden"))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The publish form (its language only).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {}

/// `POST /staff/engagement/{id}/results/publish`: partners may see the results from now on.
pub async fn publish(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { lang, .. }: Posted<PublishForm>,
) -> Response {
    let campaign = match db::engagement::campaign(&state.db, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => return unavailable(lang, e),
    };
    if let Err(refused) =
        staff.require(lang, Permission::ViewEngagementResults, Permission::RunEngagement, campaign.csp_id)
    {
        return refused;
    }
    let audit = NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(AuditAction::EngagementResultsPublished),
        record_type: Some("campaign".into()),
        record_id: Some(id.to_string()),
        csp_id: Some(campaign.csp_id),
        ip: Some(staff.ip.clone()),
        ..Default::default()
    };
    let outcome = match db::results::publish_results(&state.db, id, &audit).await {
        Ok(true) => Outcome::ResultsPublished,
        Ok(false) => Outcome::ResultsAlreadyPublished,
        Err(e) => return unavailable(lang, e),
    };
    Redirect::to(&format!("{}?{outcome}", lang.path(&format!("/staff/engagement/{id}/results"))))
        .into_response()
}

pub fn unavailable(lang: Lang, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "engagement results: database");
    page(lang, Problem::Internal)
}
