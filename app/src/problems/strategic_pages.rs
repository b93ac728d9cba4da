//! The strategic assessment pages: the CSP's assessments by quarter and version, drafting one
//! from the data, editing the draft, publishing it (published versions never change; a new
//! draft can start from one), and a printable view.

use crate::staff::CspAccess;
use crate::{
    db::{self, problems::Audience, Db, DbError},
    error::{internal, reject, AppError},
    i18n::Lang,
    problems::{
        analysis,
        assessment::Verdict,
        pages::{family_name, Outcome},
        strategic::{self, Assessment, ClosedProfile, FigureRow, Sections},
        text, Stage, MAX_TEXT,
    },
    reference::{locate::WardIndex, Names},
    shell::outcome::Outcome,
    shell::{page::Page, use_lang, CspPicker},
    staff::{
        kept::{self, KeptForm},
        pages::require_user,
        Permission, StaffUser,
    },
    t,
    time::time,
};
use crate::{
    shell::form::Posted,
    shell::problem::{page, Problem},
    staff::guard::Staff,
    state::AppState,
};
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// A drafted assessment: its text and its table.
pub type Draft = (Sections, Vec<FigureRow>);

/// Drafts a quarter's assessment from the data: what the benchmark measures.
pub async fn draft(
    db: &Db,
    wards: &WardIndex,
    csp_id: i64,
    year: i64,
    quarter: i64,
    lang: Lang,
) -> Result<Option<Draft>, DbError> {
    let Some(windows) = strategic::windows(year, quarter) else { return Ok(None) };
    let counts = db::tasking::family_counts(db, csp_id, &windows).await?;
    let (neighbourhoods, _) = db::problems::choices(db, csp_id).await?;
    let coverage = db::problems::open_coverage(db, csp_id).await?;
    let mut closed = Vec::new();
    for db::tasking::ClosedProfile { id, reference, title } in
        db::tasking::closed_between(db, csp_id, windows[0].0, windows[0].1).await?
    {
        let scope = db::problems::scope(db, id).await?;
        let profile = crate::problems::records::load(db, id, db::now()).await?;
        let started = profile.as_ref().and_then(|p| p.response_started);
        let window = profile.as_ref().map(|p| p.window_days).unwrap_or(91);
        let outcome =
            analysis::assess(db, wards, &scope, started, window, db::now()).await?.ok().map(|a| a.area);
        closed.push(ClosedProfile { reference, title, outcome });
    }
    let gaps = db::tasking::open_gaps(db, csp_id).await?;
    let open = crate::problems::records::list(db, csp_id, Audience::Csp, db::now())
        .await?
        .iter()
        .filter(|p| p.stage != Stage::Closed)
        .count();
    let name = |id: i64| {
        neighbourhoods
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, n)| n.get(lang).to_string())
            .unwrap_or_default()
    };
    let covered =
        |n: i64, f: &str| coverage.iter().any(|c| c.neighbourhood_id == n && c.family.as_str() == f);
    Ok(Some(strategic::draft(lang, year, quarter, &counts, &name, &covered, &closed, &gaps, open)))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AssessmentsView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub assessments: Vec<Assessment>,
    pub last_complete: (i64, i64),
    pub can_edit: bool,
}

/// The CSPs a person may plan for, by slug and name.
type PlanningCsps = Vec<(String, Names)>;

/// The CSP a page is for (its id and slug) and every CSP the person may plan for.
struct Planning {
    csp_id: i64,
    slug: String,
    csps: PlanningCsps,
}

fn allowed(user: &StaffUser, csp: Option<String>) -> Result<Planning, ServerFnError> {
    let allowed = user.csps_where(Permission::ViewProblems);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    Ok(Planning { csp_id, slug, csps: allowed.into_iter().map(CspAccess::choice).collect() })
}

pub async fn assessments_view(csp: Option<String>) -> Result<AssessmentsView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let Planning { csp_id, slug: selected, csps } = allowed(&user, csp)?;
    Ok(AssessmentsView {
        csps,
        selected,
        assessments: db::tasking::assessments(&state.db, csp_id).await.map_err(internal)?,
        last_complete: strategic::last_complete(db::now()),
        can_edit: user.can(Permission::PublishAssessments, csp_id),
    })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AssessmentView {
    pub csp_name: Names,
    pub selected: String,
    pub assessment: Assessment,
    pub versions: Vec<(i64, bool)>,
    pub can_edit: bool,
    /// The draft's text as typed when saving it was refused (`?kept=`).
    pub kept: KeptForm,
}

/// The page key a refused draft is kept under: the draft itself.
fn draft_page(id: i64) -> String {
    format!("strategic-assessment/{id}")
}

pub async fn assessment_view(
    csp: Option<String>,
    year: i64,
    quarter: i64,
    version: Option<i64>,
    kept: Option<String>,
) -> Result<AssessmentView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let Planning { csp_id, slug: selected, csps } = allowed(&user, csp)?;
    let Some(assessment) =
        db::tasking::assessment_version(&state.db, csp_id, year, quarter, version).await.map_err(internal)?
    else {
        return Err(reject(AppError::NotFound));
    };
    let versions = db::tasking::assessments(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|a| a.year == year && a.quarter == quarter)
        .map(|a| (a.version, a.published()))
        .collect();
    let kept = kept::kept(&state.db, user.id, &draft_page(assessment.id), kept.as_deref()).await;
    Ok(AssessmentView {
        kept,
        csp_name: csps
            .iter()
            .find(|(s, _)| *s == selected)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| Names::new("", "")),
        selected,
        assessment,
        versions,
        can_edit: user.can(Permission::PublishAssessments, csp_id),
    })
}

#[component]
pub fn StrategicAssessmentsPage() -> impl IntoView {
    let lang = use_lang();
    let load = assessments_view(use_query_map().read_untracked().get("csp"));
    view! {
        <Page lang title=t!(lang, "sa-title") load render=move |view| assessments(lang, view)>
            <Outcome lang />
            <p>{t!(lang, "sa-intro")}</p>
        </Page>
    }
}

fn assessments(lang: Lang, v: AssessmentsView) -> impl IntoView {
    let AssessmentsView { csps, selected, assessments, last_complete, can_edit } = v;
    let (year, quarter) = last_complete;
    let years: Vec<i64> = (year - 2..=year + 1).rev().collect();
    view! {
        <CspPicker lang csps selected=selected.clone() />
        {assessments.is_empty().then(|| view! { <p>{t!(lang, "sa-none")}</p> })}
        {(!assessments.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{t!(lang, "sa-title")}</caption>
                    <thead><tr>
                        <th scope="col">{t!(lang, "sa-quarter")}</th>
                        <th scope="col">{t!(lang, "sa-version")}</th>
                        <th scope="col">{t!(lang, "sa-status")}</th>
                        <th scope="col">{t!(lang, "sa-changed")}</th>
                    </tr></thead>
                    <tbody>
                        {assessments.iter().map(|a| view! {
                            <tr>
                                <td><a href=lang.path(&format!("/staff/strategic-assessments/{}/{}?csp={selected}&version={}", a.year, a.quarter, a.version))>{format!("Q{} {}", a.quarter, a.year)}</a></td>
                                <td>{a.version}</td>
                                <td>{if a.published() { t!(lang, "sa-published-on", date = a.published_at.map(|at| time(lang, at)).unwrap_or_default()) } else { t!(lang, "sa-draft") }}</td>
                                <td>{time(lang, a.updated_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {can_edit.then(|| view! {
            <section aria-labelledby="draft-heading">
                <h2 id="draft-heading">{t!(lang, "sa-draft-new")}</h2>
                <p>{t!(lang, "sa-draft-hint")}</p>
                <form method="post" action=lang.path("/staff/strategic-assessments") class="form inline-fields">
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="csp" value=selected.clone() />
                    <input type="hidden" name="op" value="draft" />
                    <div class="field">
                        <label for="sa-year">{t!(lang, "sa-year")}</label>
                        <select id="sa-year" name="year">
                            {years.iter().map(|y| view! { <option value=y.to_string() selected=*y == year>{y.to_string()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="sa-quarter">{t!(lang, "sa-quarter")}</label>
                        <select id="sa-quarter" name="quarter">
                            {(1..=4).map(|q| view! { <option value=q.to_string() selected=q == quarter>{format!("Q{q}")}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button">{t!(lang, "sa-draft-button")}</button>
                </form>
            </section>
        })}
    }
}

/// One quarter's assessment, named after its quarter.
#[component]
pub fn StrategicAssessmentPage() -> impl IntoView {
    let lang = use_lang();
    let (p, q) = (use_params_map().read_untracked(), use_query_map().read_untracked());
    let load = assessment_view(
        q.get("csp"),
        p.get("year").and_then(|y| y.parse::<i64>().ok()).unwrap_or(0),
        p.get("quarter").and_then(|q| q.parse::<i64>().ok()).unwrap_or(0),
        q.get("version").and_then(|v| v.parse::<i64>().ok()),
        q.get("kept"),
    );
    view! {
        <Page lang error_title=t!(lang, "sa-title") load render=move |view| assessment(lang, view)>
            <Outcome lang />
        </Page>
    }
}

fn verdict_word(lang: Lang, v: Verdict) -> String {
    match v {
        Verdict::Fell => t!(lang, "verdict-fell"),
        Verdict::Rose => t!(lang, "verdict-rose"),
        Verdict::NoReports => t!(lang, "verdict-no-reports"),
        Verdict::NoClearChange => t!(lang, "verdict-no-clear-change"),
    }
}

fn percent(c: &crate::problems::assessment::RateChange) -> String {
    c.percent().map(|p| format!("{p:+.0}%")).unwrap_or_else(|| "–".into())
}

/// A quarter's strategic assessment, one version: its heading and status, the other versions,
/// the figures, and its sections (a draft as a form for those who may publish it).
fn assessment(lang: Lang, v: AssessmentView) -> impl IntoView {
    let AssessmentView { csp_name, selected, assessment: a, versions, can_edit, kept } = v;
    let heading = t!(
        lang,
        "sa-heading",
        quarter = format!("Q{} {}", a.quarter, a.year),
        partnership = csp_name.get(lang).to_string()
    );
    let status = if a.published() {
        t!(
            lang,
            "sa-version-published",
            version = a.version,
            date = a.published_at.map(|at| time(lang, at)).unwrap_or_default(),
            who = a.published_by.clone().unwrap_or_default()
        )
    } else {
        t!(lang, "sa-version-draft", version = a.version, date = time(lang, a.updated_at))
    };
    let sections = section_texts(lang, &a.sections, &kept);
    view! {
        <Title text=heading.clone() />
        <p class="meta no-print"><a href=lang.path(&format!("/staff/strategic-assessments?csp={selected}"))>{t!(lang, "sa-title")}</a></p>
        <h1>{heading}</h1>
        <p>{status}</p>
        <VersionLinks lang selected=selected.clone() year=a.year quarter=a.quarter versions />
        <FiguresTable lang figures=a.figures.clone() />
        {if can_edit && !a.published() {
            view! { <DraftForm lang selected assessment=a sections /> }.into_any()
        } else {
            let revise = (can_edit && a.published()).then_some((selected, a));
            view! { <PublishedSections lang sections revise /> }.into_any()
        }}
    }
}

/// The six sections of an assessment: (field name, heading, text, or as typed when refused).
fn section_texts(lang: Lang, s: &Sections, k: &KeptForm) -> Vec<(&'static str, String, String)> {
    [
        ("summary", t!(lang, "sa-summary-heading"), &s.summary),
        ("top_problems", t!(lang, "sa-top-heading"), &s.top_problems),
        ("emerging", t!(lang, "sa-emerging-heading"), &s.emerging),
        ("outcomes", t!(lang, "sa-outcomes-heading"), &s.outcomes),
        ("gaps", t!(lang, "sa-gaps-heading"), &s.gaps),
        ("recommendations", t!(lang, "sa-recommendations-heading"), &s.recommendations),
    ]
    .into_iter()
    .map(|(name, heading, text)| (name, heading, k.value("sections", name, text.clone())))
    .collect()
}

/// Links to the other versions of the same quarter, when there are any.
#[component]
fn VersionLinks(
    lang: Lang,
    selected: String,
    year: i64,
    quarter: i64,
    /// (version, published)
    versions: Vec<(i64, bool)>,
) -> impl IntoView {
    (versions.len() > 1).then(|| view! {
        <p class="no-print">{t!(lang, "sa-versions")} " "
            {versions.iter().map(|&(version, published)| view! {
                <a href=lang.path(&format!("/staff/strategic-assessments/{year}/{quarter}?csp={selected}&version={version}"))>
                    {if published { t!(lang, "sa-version-link-published", version = version) } else { t!(lang, "sa-version-link-draft", version = version) }}
                </a>
                " "
            }).collect_view()}
        </p>
    })
}

/// The figures by family: this quarter against the previous one and the same quarter last year.
#[component]
fn FiguresTable(lang: Lang, figures: Vec<FigureRow>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="stack">
                <caption>{t!(lang, "sa-figures")}</caption>
                <thead><tr>
                    <th scope="col">{t!(lang, "sa-family")}</th>
                    <th scope="col">{t!(lang, "sa-this-quarter")}</th>
                    <th scope="col">{t!(lang, "sa-previous-quarter")}</th>
                    <th scope="col">{t!(lang, "sa-change")}</th>
                    <th scope="col">{t!(lang, "sa-last-year")}</th>
                    <th scope="col">{t!(lang, "sa-change")}</th>
                </tr></thead>
                <tbody>
                    {figures.iter().map(|f| view! {
                        <tr>
                            <th scope="row">{family_name(lang, &f.family)}</th>
                            <td data-label=t!(lang, "sa-this-quarter")>{f.this}</td>
                            <td data-label=t!(lang, "sa-previous-quarter")>{f.previous}</td>
                            <td data-label=t!(lang, "sa-change")>{format!("{} ({})", percent(&f.against_previous), verdict_word(lang, f.against_previous.verdict))}</td>
                            <td data-label=t!(lang, "sa-last-year")>{f.last_year}</td>
                            <td data-label=t!(lang, "sa-change")>{format!("{} ({})", percent(&f.against_last_year), verdict_word(lang, f.against_last_year.verdict))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A draft's sections as a form: saved as a draft, or published.
#[component]
fn DraftForm(
    lang: Lang,
    selected: String,
    assessment: Assessment,
    sections: Vec<(&'static str, String, String)>,
) -> impl IntoView {
    let a = assessment;
    view! {
        <form method="post" action=lang.path("/staff/strategic-assessments/save") class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="csp" value=selected />
            <input type="hidden" name="id" value=a.id.to_string() />
            <input type="hidden" name="year" value=a.year.to_string() />
            <input type="hidden" name="quarter" value=a.quarter.to_string() />
            {sections.iter().map(|(name, label, value)| {
                let id = format!("sa-{name}");
                view! {
                    <div class="field">
                        <label for=id.clone()>{label.clone()}</label>
                        <textarea id=id name=*name rows="6" maxlength="4000">{value.clone()}</textarea>
                    </div>
                }
            }).collect_view()}
            <div class="button-row">
                <button type="submit" class="button" name="publish" value="0">{t!(lang, "sa-save")}</button>
                " "
                <button type="submit" class="button" name="publish" value="1">{t!(lang, "sa-publish")}</button>
            </div>
        </form>
    }
}

/// The sections as text (a published version, or a draft for those who may only read it); for
/// those who may publish, a published version's button to start a new draft from it.
#[component]
fn PublishedSections(
    lang: Lang,
    sections: Vec<(&'static str, String, String)>,
    /// The CSP's slug and the published version, when its reader may revise it.
    revise: Option<(String, Assessment)>,
) -> impl IntoView {
    view! {
        {sections.iter().map(|(_, label, value)| view! {
            <h2>{label.clone()}</h2>
            {value.lines().filter(|l| !l.trim().is_empty()).map(|l| view! { <p>{l.to_string()}</p> }).collect_view()}
        }).collect_view()}
        {revise.map(|(selected, a)| view! {
            <form method="post" action=lang.path("/staff/strategic-assessments") class="form no-print">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=selected />
                <input type="hidden" name="op" value="revise" />
                <input type="hidden" name="year" value=a.year.to_string() />
                <input type="hidden" name="quarter" value=a.quarter.to_string() />
                <input type="hidden" name="version" value=a.version.to_string() />
                <button type="submit" class="button">{t!(lang, "sa-revise")}</button>
            </form>
        })}
    }
}

/// A quarter to draft, or (`op=revise`) a published version to start a new draft from.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StartForm {
    pub csp: String,
    pub op: String,
    pub year: String,
    pub quarter: String,
    pub version: String,
}

/// `POST /staff/strategic-assessments`: drafts a quarter (a new version) or starts a new draft
/// from a published version.
pub async fn start(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<StartForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::PublishAssessments, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let (csp_id, slug) = (csp.csp_id, csp.slug);
    let list = |outcome: Outcome| {
        Redirect::to(&format!("{}?csp={slug}&{outcome}", lang.path("/staff/strategic-assessments")))
            .into_response()
    };
    let (Ok(year), Ok(quarter)) = (form.year.parse::<i64>(), form.quarter.parse::<i64>()) else {
        return list(Outcome::Quarter);
    };
    if strategic::quarter_bounds(year, quarter).is_none_or(|(_, to)| to > db::now()) {
        return list(Outcome::Quarter);
    }
    let fail = |e: DbError| {
        tracing::error!(error = %e, "could not draft a strategic assessment");
        list(Outcome::ProblemsUnavailable)
    };
    let (sections, figures) = if form.op == "revise" {
        let version = form.version.parse::<i64>().ok();
        match db::tasking::assessment_version(&state.db, csp_id, year, quarter, version).await {
            Ok(Some(a)) => (a.sections, a.figures),
            Ok(None) => return list(Outcome::Quarter),
            Err(e) => return fail(e),
        }
    } else {
        match draft(&state.db, &state.wards, csp_id, year, quarter, lang).await {
            Ok(Some(d)) => d,
            Ok(None) => return list(Outcome::Quarter),
            Err(e) => return fail(e),
        }
    };
    let figures = serde_json::to_string(&figures).unwrap_or_else(|_| "[]".into());
    match db::tasking::new_draft(&state.db, csp_id, year, quarter, &sections, &figures, staff.user.id).await {
        Ok(version) => Redirect::to(&format!(
            "{}?csp={slug}&version={version}&{}",
            lang.path(&format!("/staff/strategic-assessments/{year}/{quarter}")),
            Outcome::Drafted
        ))
        .into_response(),
        Err(e) => fail(e),
    }
}

/// A draft's text, and whether to publish it (`publish=1`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SectionsForm {
    pub csp: String,
    pub year: String,
    pub quarter: String,
    /// The draft's id.
    pub id: String,
    pub summary: String,
    pub top_problems: String,
    pub emerging: String,
    pub outcomes: String,
    pub gaps: String,
    pub recommendations: String,
    pub publish: String,
}

/// `POST /staff/strategic-assessments/save`: saves a draft's text, publishing it if asked.
pub async fn save(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<SectionsForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::PublishAssessments, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let (csp_id, slug) = (csp.csp_id, csp.slug);
    let (year, quarter) = (form.year.parse::<i64>().unwrap_or(0), form.quarter.parse::<i64>().unwrap_or(0));
    let id: i64 = form.id.parse().unwrap_or(0);
    // The draft must be this CSP's.
    let current = match db::tasking::assessments(&state.db, csp_id).await {
        Ok(all) => all.into_iter().find(|a| a.id == id),
        Err(e) => {
            tracing::error!(error = %e, "could not read strategic assessments");
            return page(lang, Problem::Internal);
        }
    };
    let Some(current) = current else { return page(lang, Problem::NotFound) };
    let back = |outcome: &dyn std::fmt::Display| {
        Redirect::to(&format!(
            "{}?csp={slug}&version={}&{outcome}",
            lang.path(&format!("/staff/strategic-assessments/{year}/{quarter}")),
            current.version
        ))
        .into_response()
    };
    let texts: Result<Vec<String>, _> = [
        &form.summary,
        &form.top_problems,
        &form.emerging,
        &form.outcomes,
        &form.gaps,
        &form.recommendations,
    ]
    .iter()
    .map(|v| text(v, MAX_TEXT))
    .collect();
    let Ok(t) = texts else {
        // Back to the draft as it was typed, to shorten.
        return back(
            &kept::refusal(&state.db, staff.user.id, &draft_page(id), "sections", &fields, Outcome::TooLong)
                .await,
        );
    };
    let sections = Sections {
        summary: t[0].clone(),
        top_problems: t[1].clone(),
        emerging: t[2].clone(),
        outcomes: t[3].clone(),
        gaps: t[4].clone(),
        recommendations: t[5].clone(),
    };
    let publish = form.publish == "1";
    match db::tasking::save_draft(&state.db, id, &sections, publish, staff.user.id).await {
        Ok(true) => back(if publish { &Outcome::Published } else { &Outcome::Saved }),
        Ok(false) => back(&Outcome::AlreadyPublished),
        Err(e) => {
            tracing::error!(error = %e, "could not save a strategic assessment");
            back(&Outcome::ProblemsUnavailable)
        }
    }
}
