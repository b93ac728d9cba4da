//! The tension pages: the CSP's neighbourhoods with their current level (`/staff/tension`), one
//! neighbourhood's current assessment, its history and de-escalation actions
//! (`/staff/tension/{neighbourhood}`), the assessment form (`.../assess`) and the CSP's level
//! settings (`/staff/tension/levels`). Server-rendered plain forms posting to
//! `assessments_actions`. Every page read is written to the audit log.
//!
//! The reads take the CSP or neighbourhood and the reader's rights (`Reader`), not the session,
//! so a regional reader (a cohesion coordinator, later) can be given the same reads.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    error::{internal, reject, AppError},
    i18n::Lang,
    problems::{action_status_name, ActionStatus},
    reference::Names,
    shell::{
        outcome::{Outcome, Pages},
        page::Page,
        use_lang, CspPicker,
    },
    staff::{kept::KeptForm, pages::require_user, CspAccess, Permission, StaffUser},
    t,
    tension::{
        assessments::{
            kind_name, review_overdue, tag_name, Indicator, IndicatorKind, TensionTag, BLANK_ROWS,
        },
        deescalation::{deescalation_kind_name, DeescalationAction, DeescalationKind},
        levels::{level_of, Level, MAX_LEVEL},
    },
    time::{date, iso_date, time, Timestamp},
    triage::pages::grade_meaning,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// What a reader may do with a CSP's tension records, decided by whoever calls the reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reader {
    pub may_view: bool,
    pub may_record: bool,
    pub may_configure: bool,
    /// May read the CSP's intelligence: without it (a cohesion coordinator) the pages show no
    /// linked intelligence items, and the assessment form has no field for them.
    pub may_read_intelligence: bool,
}

impl Reader {
    /// A member of staff's rights in CSP `csp_id`.
    pub fn staff(user: &StaffUser, csp_id: i64) -> Reader {
        Reader {
            may_view: user.can(Permission::ViewTension, csp_id),
            may_record: user.can(Permission::RecordTension, csp_id),
            may_configure: user.can(Permission::ConfigureTension, csp_id),
            may_read_intelligence: user.can(Permission::ViewIntelligence, csp_id),
        }
    }
}

/// The audit entry of a read of a tension page (assessments, events, the picture).
pub(crate) fn viewed(
    user: &StaffUser,
    csp_id: i64,
    record_type: &str,
    record: &str,
    detail: String,
) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(user.id),
        actor_label: user.email.clone(),
        action: Some(AuditAction::TensionViewed),
        record_type: Some(record_type.into()),
        record_id: Some(record.to_string()),
        csp_id: Some(csp_id),
        ip: crate::staff::session::client_ip(),
        detail: Some(detail),
    }
}

pub use crate::tension::picture_view::OverviewLine;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OverviewView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub lines: Vec<OverviewLine>,
    pub levels: Vec<Level>,
    pub may_configure: bool,
    /// The tension map, its legend and each neighbourhood's latest signal (issue 15, part 4).
    pub picture: crate::tension::picture_view::Picture,
}

pub use crate::db::tension::csp_levels;

/// The tension table of CSP `csp_id` for a reader who may view it (`None` otherwise).
pub async fn overview(
    db: &db::Db,
    csp_id: i64,
    reader: Reader,
    now: Timestamp,
) -> Result<Option<(Vec<OverviewLine>, Vec<Level>)>, db::DbError> {
    if !reader.may_view {
        return Ok(None);
    }
    let levels = csp_levels(db, csp_id).await?;
    let rows = db::tension::overview(db, csp_id, crate::problems::overdue_due_by(now)).await?;
    let lines = rows
        .into_iter()
        .map(|r| OverviewLine {
            slug: r.public_slug,
            name: Names::new(r.name_en, r.name_cy),
            level: r.level.map(|l| level_of(&levels, l.clamp(0, 4) as u8)),
            recorded_at: r.recorded_at,
            review_on: r.review_on,
            review_overdue: r.review_on.is_some_and(|d| review_overdue(d, now)),
            open_actions: r.open_actions,
            overdue_actions: r.overdue_actions,
        })
        .collect();
    Ok(Some((lines, levels)))
}

pub async fn overview_view(csp: Option<String>) -> Result<OverviewView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::ViewTension);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let reader = Reader::staff(&user, csp_id);
    let (lines, levels) = overview(&state.db, csp_id, reader, db::now())
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::Forbidden))?;
    let entry =
        viewed(&user, csp_id, "tension_overview", &slug, format!("neighbourhoods shown: {}", lines.len()));
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    let picture = crate::tension::picture_view::overview_picture(
        &state.db,
        &state.wards,
        csp_id,
        &lines,
        &levels,
        use_lang(),
    )
    .await
    .map_err(internal)?;
    Ok(OverviewView {
        picture,
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        lines,
        levels,
        may_configure: reader.may_configure,
    })
}

/// One version of a neighbourhood's assessment, as its page shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VersionView {
    pub version: i64,
    pub level: Level,
    pub narrative: String,
    pub owner: String,
    pub review_on: Timestamp,
    pub review_overdue: bool,
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NeighbourhoodView {
    pub slug: String,
    pub name: Names,
    pub csp_slug: String,
    pub levels: Vec<Level>,
    pub current: Option<VersionView>,
    pub indicators: Vec<Indicator>,
    pub history: Vec<VersionView>,
    pub actions: Vec<DeescalationAction>,
    pub may_record: bool,
    pub may_read_intelligence: bool,
    pub kept: KeptForm,
    /// Level changes, signals and events, newest first (issue 15, part 4).
    pub timeline: Vec<crate::tension::timeline::TimelineEntry>,
}

/// A neighbourhood's tension: its versions (newest first), the current one's indicators, its
/// actions. `None` when the reader may not view its CSP. The indicators' linked items are left
/// out for a reader who may not read intelligence.
pub async fn neighbourhood_tension(
    db: &db::Db,
    n: &db::tension::TensionNeighbourhood,
    reader: Reader,
    now: Timestamp,
) -> Result<Option<(Vec<VersionView>, Vec<Indicator>, Vec<DeescalationAction>, Vec<Level>)>, db::DbError> {
    if !reader.may_view {
        return Ok(None);
    }
    let levels = csp_levels(db, n.csp_id).await?;
    let rows = db::tension::versions(db, n.id).await?;
    let mut indicators = match rows.first() {
        Some(current) => db::tension::indicators(db, current.id).await?,
        None => Vec::new(),
    };
    if !reader.may_read_intelligence {
        indicators.iter_mut().for_each(|i| i.items.clear());
    }
    let history = rows
        .into_iter()
        .map(|r| VersionView {
            version: r.version,
            level: level_of(&levels, r.level.clamp(0, 4) as u8),
            narrative: r.narrative,
            owner: r.owner,
            review_on: r.review_on,
            review_overdue: review_overdue(r.review_on, now),
            recorded_by: r.recorded_by,
            recorded_at: r.recorded_at,
        })
        .collect();
    let actions = db::tension::actions(db, n.id, now).await?;
    Ok(Some((history, indicators, actions, levels)))
}

/// The neighbourhood named by its public slug, if the signed-in person may view its tension
/// (else "not found": whether it exists is not confirmed), with their rights there.
async fn find(
    state: &crate::state::AppState,
    user: &StaffUser,
    slug: &str,
) -> Result<(db::tension::TensionNeighbourhood, Reader), ServerFnError> {
    let n = db::tension::neighbourhood(&state.db, slug)
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    let reader = Reader::staff(user, n.csp_id);
    if !reader.may_view {
        return Err(reject(AppError::NotFound));
    }
    Ok((n, reader))
}

pub async fn neighbourhood_view(
    slug: String,
    kept: Option<String>,
) -> Result<NeighbourhoodView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let (n, reader) = find(&state, &user, &slug).await?;
    let (history, indicators, actions, levels) = neighbourhood_tension(&state.db, &n, reader, db::now())
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    let entry = viewed(
        &user,
        n.csp_id,
        "tension_neighbourhood",
        &n.public_slug,
        format!("versions shown: {}, actions shown: {}", history.len(), actions.len()),
    );
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    let kept = crate::staff::kept::kept(
        &state.db,
        user.id,
        &crate::tension::assessments_actions::kept_page(&n.public_slug),
        kept.as_deref(),
    )
    .await;
    let now = db::now();
    let timeline = crate::tension::timeline::timeline(
        &state.db,
        &state.wards,
        &n,
        &levels,
        crate::tension::summary::event_rights(&user, n.csp_id),
        use_lang(),
        now - now.rem_euclid(86_400),
    )
    .await
    .map_err(internal)?;
    Ok(NeighbourhoodView {
        timeline,
        csp_slug: db::tension::csp_slug(&state.db, n.csp_id).await.map_err(internal)?,
        name: n.names(),
        slug: n.public_slug,
        levels,
        current: history.first().cloned(),
        indicators,
        history,
        actions,
        may_record: reader.may_record,
        may_read_intelligence: reader.may_read_intelligence,
        kept,
    })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AssessView {
    pub slug: String,
    pub name: Names,
    pub levels: Vec<Level>,
    /// The version the form starts from (0: never assessed).
    pub version: i64,
    pub current: Option<VersionView>,
    pub indicators: Vec<Indicator>,
    pub today: String,
    pub may_read_intelligence: bool,
    pub kept: KeptForm,
}

pub async fn assess_view(slug: String, kept: Option<String>) -> Result<AssessView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let (n, reader) = find(&state, &user, &slug).await?;
    if !reader.may_record {
        return Err(reject(AppError::Forbidden));
    }
    let now = db::now();
    let (history, indicators, _, levels) = neighbourhood_tension(&state.db, &n, reader, now)
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    let current = history.first().cloned();
    let entry = viewed(
        &user,
        n.csp_id,
        "tension_assessment_form",
        &n.public_slug,
        format!("from version {}", current.as_ref().map(|c| c.version).unwrap_or(0)),
    );
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    let kept = crate::staff::kept::kept(
        &state.db,
        user.id,
        &crate::tension::assessments_actions::kept_page(&n.public_slug),
        kept.as_deref(),
    )
    .await;
    Ok(AssessView {
        name: n.names(),
        slug: n.public_slug,
        levels,
        version: current.as_ref().map(|c| c.version).unwrap_or(0),
        current,
        indicators,
        today: iso_date(now),
        may_read_intelligence: reader.may_read_intelligence,
        kept,
    })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LevelsView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub levels: Vec<Level>,
    pub kept: KeptForm,
}

pub async fn levels_view(csp: Option<String>, kept: Option<String>) -> Result<LevelsView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::ConfigureTension);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let levels = csp_levels(&state.db, csp_id).await.map_err(internal)?;
    let entry = viewed(&user, csp_id, "tension_levels", &slug, "levels settings read".into());
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    let kept = crate::staff::kept::kept(
        &state.db,
        user.id,
        &crate::tension::assessments_actions::levels_page(&slug),
        kept.as_deref(),
    )
    .await;
    Ok(LevelsView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        levels,
        kept,
    })
}

/// What a tension form did, or why it was refused (a stale form kept as typed says so).
#[component]
fn Notice(lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let (done, error, kept) = (
        query.read_untracked().get("done"),
        query.read_untracked().get("error"),
        query.read_untracked().get("kept"),
    );
    let done = done.map(|d| Outcome::done(Pages::Tension, &d));
    let error = error.map(|e| Outcome::error(Pages::Tension, &e));
    view! {
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>{d.message(lang)}</p></div> })}
        {error.map(|e| match crate::staff::kept::stale_and_kept(e, kept.as_deref()) {
            true => view! { <div id="errors"><crate::staff::kept::StaleNotice lang /></div> }.into_any(),
            false => view! {
                <div class="error-summary" role="alert" aria-labelledby="errors-heading" tabindex="-1" id="errors">
                    <h2 id="errors-heading">{t!(lang, "report-error-summary")}</h2>
                    <p>{e.message(lang)}</p>
                </div>
            }.into_any(),
        })}
    }
}

/// A level written with its number and name (never a colour alone).
#[component]
fn LevelTag(lang: Lang, level: Level) -> impl IntoView {
    view! { <span class=format!("tag tension-level tension-level-{}", level.level)>{level.label(lang)}</span> }
}

#[component]
pub fn TensionPage() -> impl IntoView {
    let lang = use_lang();
    let load = overview_view(use_query_map().read_untracked().get("csp"));
    view! {
        <Page lang title=t!(lang, "tension-title") load render=move |view| view! { <Overview lang view /> }>
            <p>{t!(lang, "tension-intro")}</p>
        </Page>
    }
}

#[component]
fn Overview(lang: Lang, view: OverviewView) -> impl IntoView {
    let OverviewView { csps, selected, lines, levels, may_configure, picture } = view;
    let levels_link = lang.path(&format!("/staff/tension/levels?csp={selected}"));
    let summary_link = lang.path(&format!("/staff/tension/summary?csp={selected}"));
    let latest = picture.clone();
    view! {
        <CspPicker lang csps selected />
        <p><a href=summary_link>{t!(lang, "tension-summary-link")}</a></p>
        <crate::tension::picture_view::TensionMap lang picture />
        <table>
            <caption>{t!(lang, "tension-table-caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(lang, "tension-neighbourhood")}</th>
                    <th scope="col">{t!(lang, "tension-level")}</th>
                    <th scope="col">{t!(lang, "tension-last-assessed")}</th>
                    <th scope="col">{t!(lang, "tension-review-due")}</th>
                    <th scope="col">{t!(lang, "tension-open-actions")}</th>
                    <th scope="col">{t!(lang, "tension-picture-latest-signal")}</th>
                </tr>
            </thead>
            <tbody>
                {lines.into_iter().map(|l| view! {
                    <tr>
                        <th scope="row"><a href=lang.path(&format!("/staff/tension/{}", l.slug))>{l.name.get(lang).to_string()}</a></th>
                        <td>{match l.level {
                            Some(level) => view! { <LevelTag lang level /> }.into_any(),
                            None => view! { <span>{t!(lang, "tension-not-assessed")}</span> }.into_any(),
                        }}</td>
                        <td>{l.recorded_at.map(|at| date(lang, at)).unwrap_or_else(|| "—".into())}</td>
                        <td>
                            {l.review_on.map(|at| date(lang, at)).unwrap_or_else(|| "—".into())}
                            {l.review_overdue.then(|| view! { " " <strong class="tag tag-warning">{t!(lang, "tension-overdue")}</strong> })}
                        </td>
                        <td>
                            {l.open_actions}
                            {(l.overdue_actions > 0).then(|| view! { " " <strong class="tag tag-warning">{t!(lang, "tension-actions-overdue", count = l.overdue_actions)}</strong> })}
                        </td>
                        <td>{latest.latest_signal(&l.slug).unwrap_or_else(|| "—".into())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <h2>{t!(lang, "tension-levels-heading")}</h2>
        <LevelList lang levels />
        {may_configure.then(|| view! { <p><a href=levels_link>{t!(lang, "tension-levels-change")}</a></p> })}
    }
}

#[component]
fn LevelList(lang: Lang, levels: Vec<Level>) -> impl IntoView {
    view! {
        <dl class="tension-levels">
            {levels.into_iter().map(|l| {
                let force = l.force.get(lang).to_string();
                view! {
                    <dt><LevelTag lang level=l.clone() /></dt>
                    <dd>
                        {l.meaning.get(lang).to_string()}
                        {(!force.is_empty()).then(|| view! { " " <span class="meta">{t!(lang, "tension-force-is", force = force)}</span> })}
                    </dd>
                }
            }).collect_view()}
        </dl>
    }
}

#[component]
pub fn TensionNeighbourhoodPage() -> impl IntoView {
    let lang = use_lang();
    let slug = use_params_map().read_untracked().get("neighbourhood").unwrap_or_default();
    let load = neighbourhood_view(slug, use_query_map().read_untracked().get("kept"));
    view! {
        <Page lang error_title=t!(lang, "tension-title") load render=move |view| view! { <NeighbourhoodSections lang view /> } />
    }
}

#[component]
fn Indicators(lang: Lang, indicators: Vec<Indicator>, show_items: bool) -> impl IntoView {
    if indicators.is_empty() {
        return view! { <p>{t!(lang, "tension-no-indicators")}</p> }.into_any();
    }
    view! {
        <table>
            <caption>{t!(lang, "tension-indicators")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(lang, "tension-indicator-kind")}</th>
                    <th scope="col">{t!(lang, "tension-indicator-tag")}</th>
                    <th scope="col">{t!(lang, "tension-indicator-note")}</th>
                    <th scope="col">{t!(lang, "tension-indicator-source")}</th>
                    <th scope="col">{t!(lang, "tension-indicator-grade")}</th>
                    <th scope="col">{t!(lang, "tension-indicator-media")}</th>
                    {show_items.then(|| view! { <th scope="col">{t!(lang, "tension-indicator-items")}</th> })}
                </tr>
            </thead>
            <tbody>
                {indicators.into_iter().map(|i| view! {
                    <tr>
                        <td>
                            {kind_name(lang, i.kind)}
                            {i.kind.positive().then(|| view! { " " <span class="tag">{t!(lang, "tension-positive")}</span> })}
                        </td>
                        <td>{tag_name(lang, i.tag)}</td>
                        <td>{i.note.clone()}</td>
                        <td>{i.source.clone()}</td>
                        <td>{i.grade.label()}{i.grade.conditions.clone().map(|c| view! { <br /><span class="meta">{c}</span> })}</td>
                        <td>{if i.in_media { t!(lang, "tension-yes") } else { t!(lang, "tension-no") }}</td>
                        {show_items.then(|| view! { <td>{if i.items.is_empty() { "—".to_string() } else { i.items.join(", ") }}</td> })}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn NeighbourhoodSections(lang: Lang, view: NeighbourhoodView) -> impl IntoView {
    let NeighbourhoodView {
        slug,
        name,
        csp_slug,
        levels: _,
        current,
        indicators,
        history,
        actions,
        may_record,
        may_read_intelligence,
        kept,
        timeline,
    } = view;
    let title = t!(lang, "tension-neighbourhood-title", neighbourhood = name.get(lang).to_string());
    let base = format!("/staff/tension/{slug}");
    view! {
        <Title text=title.clone() />
        <p class="meta"><a href=lang.path(&format!("/staff/tension?csp={csp_slug}"))>{t!(lang, "tension-title")}</a></p>
        <h1>{title}</h1>
        <Notice lang />
        <h2>{t!(lang, "tension-current")}</h2>
        {match current {
            Some(c) => view! {
                <dl>
                    <dt>{t!(lang, "tension-level")}</dt>
                    <dd><LevelTag lang level=c.level.clone() /></dd>
                    <dt>{t!(lang, "tension-narrative")}</dt>
                    <dd>{if c.narrative.is_empty() { "—".to_string() } else { c.narrative.clone() }}</dd>
                    <dt>{t!(lang, "tension-owner")}</dt>
                    <dd>{if c.owner.is_empty() { "—".to_string() } else { c.owner.clone() }}</dd>
                    <dt>{t!(lang, "tension-review-due")}</dt>
                    <dd>
                        {date(lang, c.review_on)}
                        {c.review_overdue.then(|| view! { " " <strong class="tag tag-warning">{t!(lang, "tension-overdue")}</strong> })}
                    </dd>
                    <dt>{t!(lang, "tension-recorded")}</dt>
                    <dd>{t!(lang, "tension-recorded-by", who = c.recorded_by.clone(), when = time(lang, c.recorded_at), version = c.version)}</dd>
                </dl>
                <h3>{t!(lang, "tension-indicators")}</h3>
                <Indicators lang indicators show_items=may_read_intelligence />
            }.into_any(),
            None => view! { <p>{t!(lang, "tension-never-assessed")}</p> }.into_any(),
        }}
        {may_record.then(|| view! { <p><a class="button" href=lang.path(&format!("{base}/assess"))>{t!(lang, "tension-assess")}</a></p> })}
        <h2 id="history">{t!(lang, "tension-history")}</h2>
        {if history.is_empty() {
            view! { <p>{t!(lang, "tension-never-assessed")}</p> }.into_any()
        } else {
            view! {
                <ol class="timeline" reversed>
                    {history.into_iter().map(|v| view! {
                        <li>
                            <LevelTag lang level=v.level.clone() /> " "
                            {t!(lang, "tension-recorded-by", who = v.recorded_by.clone(), when = time(lang, v.recorded_at), version = v.version)}
                            {(!v.narrative.is_empty()).then(|| view! { <p>{v.narrative.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <crate::tension::picture_view::Timeline lang entries=timeline />
        <h2 id="actions">{t!(lang, "tension-actions")}</h2>
        <Actions lang base=base.clone() actions may_record kept=kept.clone() />
        {may_record.then(|| view! { <AddAction lang base kept /> })}
    }
}

/// The value of field `name` in row `i` of a kept form (the `i`th time the name was sent).
fn kept_nth(kept: &KeptForm, name: &str, i: usize) -> String {
    kept.fields.iter().filter(|(k, _)| k == name).nth(i).map(|(_, v)| v.clone()).unwrap_or_default()
}

#[component]
fn Actions(
    lang: Lang,
    base: String,
    actions: Vec<DeescalationAction>,
    may_record: bool,
    kept: KeptForm,
) -> impl IntoView {
    if actions.is_empty() {
        return view! { <p>{t!(lang, "tension-no-actions")}</p> }.into_any();
    }
    view! {
        <table>
            <caption>{t!(lang, "tension-actions")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(lang, "tension-action-title")}</th>
                    <th scope="col">{t!(lang, "tension-action-kind")}</th>
                    <th scope="col">{t!(lang, "tension-owner")}</th>
                    <th scope="col">{t!(lang, "tension-action-due")}</th>
                    <th scope="col">{t!(lang, "tension-action-status")}</th>
                    <th scope="col">{t!(lang, "tension-action-outcome")}</th>
                </tr>
            </thead>
            <tbody>
                {actions.iter().map(|a| view! {
                    <tr>
                        <td>{a.title.clone()}</td>
                        <td>{deescalation_kind_name(lang, a.kind)}</td>
                        <td>{if a.owner.is_empty() { "—".to_string() } else { a.owner.clone() }}</td>
                        <td>
                            {a.due_on.map(|d| date(lang, d)).unwrap_or_else(|| "—".into())}
                            {a.overdue.then(|| view! { " " <strong class="tag tag-warning">{t!(lang, "tension-overdue")}</strong> })}
                        </td>
                        <td>{action_status_name(lang, a.status)}</td>
                        <td>{a.outcome.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {may_record.then(|| actions.into_iter().map(|a| view! { <UpdateAction lang base=base.clone() action=a kept=kept.clone() /> }).collect_view())}
    }
    .into_any()
}

#[component]
fn KindSelect(lang: Lang, id: String, chosen: String) -> impl IntoView {
    view! {
        <select id=id name="kind">
            <option value="">{t!(lang, "tension-choose")}</option>
            {DeescalationKind::ALL.iter().map(|k| view! {
                <option value=k.as_str() selected=chosen == k.as_str()>{deescalation_kind_name(lang, *k)}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn UpdateAction(lang: Lang, base: String, action: DeescalationAction, kept: KeptForm) -> impl IntoView {
    let form = format!("action-{}", action.id);
    let v = |name: &str, stored: String| kept.value(&form, name, stored);
    let id = action.id;
    let (title, kind, owner) = (
        v("title", action.title.clone()),
        v("kind", action.kind.as_str().into()),
        v("owner", action.owner.clone()),
    );
    let due = v("due_on", action.due_on.map(iso_date).unwrap_or_default());
    let status = v("status", action.status.as_str().into());
    let outcome = v("outcome", action.outcome.clone());
    view! {
        <form method="post" action=format!("{base}/actions/{id}") class="form">
            <fieldset>
                <legend>{t!(lang, "tension-action-update", title = action.title.clone())}</legend>
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="version" value=action.version.to_string() />
                <div class="field">
                    <label for=format!("title-{id}")>{t!(lang, "tension-action-title")}</label>
                    <input type="text" id=format!("title-{id}") name="title" value=title maxlength="200" required />
                </div>
                <div class="field">
                    <label for=format!("kind-{id}")>{t!(lang, "tension-action-kind")}</label>
                    <KindSelect lang id=format!("kind-{id}") chosen=kind />
                </div>
                <div class="field">
                    <label for=format!("owner-{id}")>{t!(lang, "tension-owner")}</label>
                    <input type="text" id=format!("owner-{id}") name="owner" value=owner maxlength="200" />
                </div>
                <div class="field">
                    <label for=format!("due-{id}")>{t!(lang, "tension-action-due")}</label>
                    <input type="date" id=format!("due-{id}") name="due_on" value=due />
                </div>
                <div class="field">
                    <label for=format!("status-{id}")>{t!(lang, "tension-action-status")}</label>
                    <select id=format!("status-{id}") name="status">
                        {ActionStatus::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=status == s.as_str()>{action_status_name(lang, *s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("outcome-{id}")>{t!(lang, "tension-action-outcome")}</label>
                    <p class="hint" id=format!("outcome-hint-{id}")>{t!(lang, "tension-sanitised-hint")}</p>
                    <textarea id=format!("outcome-{id}") name="outcome" rows="3" maxlength="4000" aria-describedby=format!("outcome-hint-{id}")>{outcome}</textarea>
                </div>
                <button type="submit" class="button">{t!(lang, "tension-action-save")}</button>
            </fieldset>
        </form>
    }
}

#[component]
fn AddAction(lang: Lang, base: String, kept: KeptForm) -> impl IntoView {
    let v = |name: &str| kept.value("add-action", name, "");
    view! {
        <form method="post" action=format!("{base}/actions") class="form" id="add-action">
            <fieldset>
                <legend>{t!(lang, "tension-action-add")}</legend>
                <input type="hidden" name="lang" value=lang.code() />
                <div class="field">
                    <label for="new-title">{t!(lang, "tension-action-title")}</label>
                    <input type="text" id="new-title" name="title" value=v("title") maxlength="200" required />
                </div>
                <div class="field">
                    <label for="new-kind">{t!(lang, "tension-action-kind")}</label>
                    <KindSelect lang id="new-kind".to_string() chosen=v("kind") />
                </div>
                <div class="field">
                    <label for="new-owner">{t!(lang, "tension-owner")}</label>
                    <input type="text" id="new-owner" name="owner" value=v("owner") maxlength="200" />
                </div>
                <div class="field">
                    <label for="new-due">{t!(lang, "tension-action-due")}</label>
                    <input type="date" id="new-due" name="due_on" value=v("due_on") />
                </div>
                <button type="submit" class="button">{t!(lang, "tension-action-add")}</button>
            </fieldset>
        </form>
    }
}

#[component]
pub fn TensionAssessPage() -> impl IntoView {
    let lang = use_lang();
    let slug = use_params_map().read_untracked().get("neighbourhood").unwrap_or_default();
    let load = assess_view(slug, use_query_map().read_untracked().get("kept"));
    view! {
        <Page lang error_title=t!(lang, "tension-title") load render=move |view| view! { <AssessForm lang view /> } />
    }
}

/// One indicator row's values: as typed when the form was refused, else as stored.
#[derive(Clone, Debug, Default)]
struct Row {
    kind: String,
    tag: String,
    note: String,
    source: String,
    source_grade: String,
    intelligence: String,
    handling: String,
    conditions: String,
    media: String,
    items: String,
}

fn rows(kept: &KeptForm, indicators: &[Indicator]) -> Vec<Row> {
    if kept.is("assess") {
        let n = kept.fields.iter().filter(|(k, _)| k == "kind").count();
        return (0..n)
            .map(|i| Row {
                kind: kept_nth(kept, "kind", i),
                tag: kept_nth(kept, "tag", i),
                note: kept_nth(kept, "note", i),
                source: kept_nth(kept, "source", i),
                source_grade: kept_nth(kept, "source_grade", i),
                intelligence: kept_nth(kept, "intelligence", i),
                handling: kept_nth(kept, "handling", i),
                conditions: kept_nth(kept, "conditions", i),
                media: kept_nth(kept, "media", i),
                items: kept_nth(kept, "items", i),
            })
            .collect();
    }
    indicators
        .iter()
        .map(|i| Row {
            kind: i.kind.as_str().into(),
            tag: i.tag.as_str().into(),
            note: i.note.clone(),
            source: i.source.clone(),
            source_grade: i.grade.source.as_str().into(),
            intelligence: i.grade.intelligence.as_str().into(),
            handling: i.grade.handling.as_str().into(),
            conditions: i.grade.conditions.clone().unwrap_or_default(),
            media: if i.in_media { "yes".into() } else { "no".into() },
            items: i.items.join(", "),
        })
        .chain((0..BLANK_ROWS).map(|_| Row::default()))
        .collect()
}

#[component]
fn Choice(
    id: String,
    name: &'static str,
    label: String,
    options: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {options.into_iter().map(|(value, words)| view! {
                    <option selected=chosen == value value=value>{words}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn IndicatorRow(lang: Lang, i: usize, row: Row, show_items: bool) -> impl IntoView {
    let n = i + 1;
    let blank = || (String::new(), t!(lang, "tension-choose"));
    let negative: Vec<&IndicatorKind> = IndicatorKind::ALL.iter().filter(|k| !k.positive()).collect();
    let positive: Vec<&IndicatorKind> = IndicatorKind::ALL.iter().filter(|k| k.positive()).collect();
    let kind = row.kind.clone();
    let grade_options = |field: &'static str, parts: &[&str]| -> Vec<(String, String)> {
        std::iter::once(blank())
            .chain(parts.iter().map(|p| (p.to_string(), format!("{p} {}", grade_meaning(lang, field, p)))))
            .collect()
    };
    view! {
        <fieldset class="indicator">
            <legend>{t!(lang, "tension-indicator-n", n = n)}</legend>
            <div class="field">
                <label for=format!("kind-{n}")>{t!(lang, "tension-indicator-kind")}</label>
                <select id=format!("kind-{n}") name="kind">
                    <option value="">{t!(lang, "tension-choose")}</option>
                    <optgroup label=t!(lang, "tension-kinds-tension")>
                        {negative.into_iter().map(|k| view! { <option value=k.as_str() selected=kind == k.as_str()>{kind_name(lang, *k)}</option> }).collect_view()}
                    </optgroup>
                    <optgroup label=t!(lang, "tension-kinds-positive")>
                        {positive.into_iter().map(|k| view! { <option value=k.as_str() selected=kind == k.as_str()>{kind_name(lang, *k)}</option> }).collect_view()}
                    </optgroup>
                </select>
            </div>
            <Choice id=format!("tag-{n}") name="tag" label=t!(lang, "tension-indicator-tag") chosen=row.tag
                options=std::iter::once(blank()).chain(TensionTag::ALL.iter().map(|t| (t.as_str().to_string(), tag_name(lang, *t)))).collect() />
            <div class="field">
                <label for=format!("note-{n}")>{t!(lang, "tension-indicator-note")}</label>
                <p class="hint" id=format!("note-hint-{n}")>{t!(lang, "tension-sanitised-hint")}</p>
                <textarea id=format!("note-{n}") name="note" rows="2" maxlength="500" aria-describedby=format!("note-hint-{n}")>{row.note}</textarea>
            </div>
            <div class="field">
                <label for=format!("source-{n}")>{t!(lang, "tension-indicator-source")}</label>
                <p class="hint" id=format!("source-hint-{n}")>{t!(lang, "tension-source-hint")}</p>
                <input type="text" id=format!("source-{n}") name="source" value=row.source maxlength="200" aria-describedby=format!("source-hint-{n}") />
            </div>
            <Choice id=format!("source-grade-{n}") name="source_grade" label=t!(lang, "triage-source") chosen=row.source_grade options=grade_options("source", &["1", "2", "3"]) />
            <Choice id=format!("intelligence-{n}") name="intelligence" label=t!(lang, "triage-intelligence") chosen=row.intelligence options=grade_options("intelligence", &["A", "B", "C", "D", "E"]) />
            <Choice id=format!("handling-{n}") name="handling" label=t!(lang, "triage-handling") chosen=row.handling options=grade_options("handling", &["P", "C"]) />
            <div class="field">
                <label for=format!("conditions-{n}")>{t!(lang, "triage-conditions")}</label>
                <input type="text" id=format!("conditions-{n}") name="conditions" value=row.conditions maxlength="500" />
            </div>
            <Choice id=format!("media-{n}") name="media" label=t!(lang, "tension-indicator-media") chosen=row.media
                options=vec![("no".to_string(), t!(lang, "tension-no")), ("yes".to_string(), t!(lang, "tension-yes"))] />
            {show_items.then(|| view! {
                <div class="field">
                    <label for=format!("items-{n}")>{t!(lang, "tension-indicator-items")}</label>
                    <p class="hint" id=format!("items-hint-{n}")>{t!(lang, "tension-items-hint")}</p>
                    <input type="text" id=format!("items-{n}") name="items" value=row.items aria-describedby=format!("items-hint-{n}") />
                </div>
            })}
        </fieldset>
    }
}

#[component]
fn AssessForm(lang: Lang, view: AssessView) -> impl IntoView {
    let AssessView { slug, name, levels, version, current, indicators, today, may_read_intelligence, kept } =
        view;
    let title = t!(lang, "tension-assess-title", neighbourhood = name.get(lang).to_string());
    let v = |field: &str, stored: String| kept.value("assess", field, stored);
    let level = v("level", current.as_ref().map(|c| c.level.level.to_string()).unwrap_or_else(|| "0".into()));
    let narrative = v("narrative", current.as_ref().map(|c| c.narrative.clone()).unwrap_or_default());
    let owner = v("owner", current.as_ref().map(|c| c.owner.clone()).unwrap_or_default());
    let review = v(
        "review_on",
        current.as_ref().map(|c| iso_date(c.review_on)).filter(|d| *d >= today).unwrap_or_default(),
    );
    let rows = rows(&kept, &indicators);
    view! {
        <Title text=title.clone() />
        <p class="meta"><a href=lang.path(&format!("/staff/tension/{slug}"))>{name.get(lang).to_string()}</a></p>
        <h1>{title}</h1>
        <Notice lang />
        <form method="post" action=format!("/staff/tension/{slug}/assess") class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="version" value=version.to_string() />
            <fieldset>
                <legend>{t!(lang, "tension-level")}</legend>
                <p class="hint">{t!(lang, "tension-level-hint")}</p>
                {(0..=MAX_LEVEL).map(|l| {
                    let lv = level_of(&levels, l);
                    view! {
                        <div class="choice">
                            <input type="radio" name="level" id=format!("level-{l}") value=l.to_string() checked=level == l.to_string() />
                            <label for=format!("level-{l}")><strong>{lv.label(lang)}</strong> " " {lv.meaning.get(lang).to_string()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="narrative">{t!(lang, "tension-narrative")}</label>
                <p class="hint" id="narrative-hint">{t!(lang, "tension-narrative-hint")}</p>
                <textarea id="narrative" name="narrative" rows="6" maxlength="4000" aria-describedby="narrative-hint">{narrative}</textarea>
            </div>
            <div class="field">
                <label for="owner">{t!(lang, "tension-owner")}</label>
                <p class="hint" id="owner-hint">{t!(lang, "tension-owner-hint")}</p>
                <input type="text" id="owner" name="owner" value=owner maxlength="200" aria-describedby="owner-hint" />
            </div>
            <div class="field">
                <label for="review_on">{t!(lang, "tension-review-on")}</label>
                <p class="hint" id="review-hint">{t!(lang, "tension-review-hint")}</p>
                <input type="date" id="review_on" name="review_on" value=review min=today.clone() required aria-describedby="review-hint" />
            </div>
            <h2>{t!(lang, "tension-indicators")}</h2>
            <p class="hint">{t!(lang, "tension-indicators-hint")}</p>
            {rows.into_iter().enumerate().map(|(i, row)| view! { <IndicatorRow lang i row show_items=may_read_intelligence /> }).collect_view()}
            <button type="submit" class="button">{t!(lang, "tension-save")}</button>
        </form>
    }
}

#[component]
pub fn TensionLevelsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let load = levels_view(query.read_untracked().get("csp"), query.read_untracked().get("kept"));
    view! {
        <Page lang title=t!(lang, "tension-levels-title") load render=move |view| view! { <LevelsForm lang view /> }>
            <Notice lang />
            <p>{t!(lang, "tension-levels-intro")}</p>
        </Page>
    }
}

#[component]
fn LevelsForm(lang: Lang, view: LevelsView) -> impl IntoView {
    let LevelsView { csps, selected, levels, kept } = view;
    let value = |name: &str, i: usize, stored: &str| {
        if kept.is("levels") {
            kept_nth(&kept, name, i)
        } else {
            stored.to_string()
        }
    };
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <p><a href=lang.path(&format!("/staff/tension?csp={selected}"))>{t!(lang, "tension-title")}</a></p>
        <form method="post" action="/staff/tension/levels" class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="csp" value=selected />
            {levels.iter().enumerate().map(|(i, l)| {
                let n = l.level;
                let field = |name: &'static str, label: String, stored: &str, text_lang: &'static str| {
                    let id = format!("{name}-{n}");
                    view! {
                        <div class="field">
                            <label for=id.clone()>{label}</label>
                            <input type="text" id=id name=name value=value(name, i, stored) lang=text_lang />
                        </div>
                    }
                };
                let area = |name: &'static str, label: String, stored: &str, text_lang: &'static str| {
                    let id = format!("{name}-{n}");
                    view! {
                        <div class="field">
                            <label for=id.clone()>{label}</label>
                            <textarea id=id name=name rows="2" maxlength="500" lang=text_lang>{value(name, i, stored)}</textarea>
                        </div>
                    }
                };
                view! {
                    <fieldset>
                        <legend>{t!(lang, "tension-level-n", n = n)}</legend>
                        {field("name_en", t!(lang, "tension-level-name-en"), &l.name.en, "en")}
                        {field("name_cy", t!(lang, "tension-level-name-cy"), &l.name.cy, "cy")}
                        {area("meaning_en", t!(lang, "tension-level-meaning-en"), &l.meaning.en, "en")}
                        {area("meaning_cy", t!(lang, "tension-level-meaning-cy"), &l.meaning.cy, "cy")}
                        {field("force_en", t!(lang, "tension-level-force-en"), &l.force.en, "en")}
                        {field("force_cy", t!(lang, "tension-level-force-cy"), &l.force.cy, "cy")}
                    </fieldset>
                }
            }).collect_view()}
            <button type="submit" class="button">{t!(lang, "tension-levels-save")}</button>
        </form>
        <h2>{t!(lang, "tension-levels-heading")}</h2>
        <LevelList lang levels />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_form_gives_back_its_rows_as_typed() {
        let kept = KeptForm {
            form: "assess".into(),
            fields: vec![
                ("kind".into(), "hate_incidents".into()),
                ("note".into(), "first".into()),
                ("kind".into(), "".into()),
                ("note".into(), "second".into()),
            ],
        };
        let r = rows(&kept, &[]);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].kind.as_str(), r[0].note.as_str()), ("hate_incidents", "first"));
        assert_eq!((r[1].kind.as_str(), r[1].note.as_str()), ("", "second"));
        assert_eq!(rows(&KeptForm::default(), &[]).len(), BLANK_ROWS);
    }
}
