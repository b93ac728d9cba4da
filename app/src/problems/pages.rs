//! The problem-solving pages: the CSP's profiles with the problems the hub suggests, and one
//! profile worked through SARA. Plain forms posting to `actions`, rendered on the server only.

use crate::staff::CspAccess;
use crate::{
    db::{
        self,
        problems::{Audience, CategoryChoice},
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    problems::{
        action_status_name,
        analysis::{self, ProfileAnalysis},
        assessment::{Assessment, RateChange, Verdict, WindowProblem},
        charts, decision_name, for_partner,
        hotspots::{Kind, Suggestion},
        priority_name,
        records::{summary_for_partner, ProfileSummary},
        stage_name, ActionStatus, Decision, HistoryEntry, LinkedItem, PartnerActionOwner, PartnerProfile,
        PartnerProfileSummary, Priority, ProblemAction, Profile, ProfileChange, Stage, Triangle, WINDOW_DAYS,
    },
    reference::Names,
    shell::outcome::{Outcome, Pages},
    shell::{page::Page, use_lang, CspPicker, Hidden},
    staff::{kept::KeptForm, pages::require_user, Permission, StaffUser},
    t,
    time::{date, iso_date, time, Timestamp},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;
/// Suggestions listed on a page (the strongest); the rest are counted.
pub const MAX_SUGGESTIONS: usize = 25;

/// Who may see a CSP's profiles: its own staff (every profile) or partners (those shared with
/// their organisation). `None`: neither.
fn audience(user: &StaffUser, csp_id: i64) -> Option<bool> {
    if user.can(Permission::ViewProblems, csp_id) {
        Some(false)
    } else if user.can(Permission::ViewSharedProblems, csp_id) {
        Some(true)
    } else {
        None
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProblemsView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub profiles: Vec<ProfileSummary>,
    pub suggestions: Vec<Suggestion>,
    /// Suggestions an open profile already covers, with its reference.
    pub covered: Vec<(Suggestion, String)>,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub categories: Vec<CategoryChoice>,
    pub can_edit: bool,
    pub today: String,
    pub year_ago: String,
    /// The new-profile form as its sender typed it, when it was refused (`?kept=`).
    pub kept: KeptForm,
}

/// What a partner's browser is sent for the problems page: the profiles shared with its
/// organisation, as `PartnerProfileSummary` (nothing of the suggestions, the intelligence or
/// the forms of the CSP's own staff).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PartnerProblemsView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub profiles: Vec<PartnerProfileSummary>,
}

/// The problems page for its viewer, built on the server for that viewer's role.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ProblemsPageView {
    Staff(Box<ProblemsView>),
    Partner(PartnerProblemsView),
}

pub async fn problems_view(
    csp: Option<String>,
    kept: Option<String>,
) -> Result<ProblemsPageView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where_any(&[Permission::ViewProblems, Permission::ViewSharedProblems]);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let csps = allowed.into_iter().map(CspAccess::choice).collect();
    if audience(&user, csp_id) == Some(true) {
        let organisations = user.organisations_in(csp_id);
        let profiles =
            crate::problems::records::list(&state.db, csp_id, Audience::Partner(&organisations), db::now())
                .await
                .map_err(internal)?;
        let profiles = profiles.iter().map(summary_for_partner).collect();
        return Ok(ProblemsPageView::Partner(PartnerProblemsView { csps, selected: slug, profiles }));
    }
    let now = db::now();
    let profiles =
        crate::problems::records::list(&state.db, csp_id, Audience::Csp, now).await.map_err(internal)?;
    let (suggestions, covered) =
        analysis::suggestions(&state.db, &state.wards, csp_id, now).await.map_err(internal)?;
    let (neighbourhoods, categories) = db::problems::choices(&state.db, csp_id).await.map_err(internal)?;
    let kept = crate::staff::kept::kept(
        &state.db,
        user.id,
        &crate::problems::actions::new_profile_page(&slug),
        kept.as_deref(),
    )
    .await;
    Ok(ProblemsPageView::Staff(Box::new(ProblemsView {
        kept,
        csps,
        selected: slug,
        profiles,
        suggestions,
        covered,
        neighbourhoods,
        categories,
        can_edit: user.can(Permission::EditProblems, csp_id),
        today: crate::time::iso_date(now),
        year_ago: crate::time::iso_date(now - 364 * DAY),
    })))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProfileView {
    pub profile: Profile,
    pub analysis: ProfileAnalysis,
    pub assessment: Result<Assessment, WindowProblem>,
    pub history: Vec<HistoryEntry>,
    pub can_edit: bool,
    pub organisations: Vec<(i64, String)>,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub categories: Vec<CategoryChoice>,
    /// "You said, we did" drafts (English, Welsh) offered for the outcome texts.
    pub draft: (String, String),
    pub today: String,
    /// A refused form of this profile, as its sender typed it (`?kept=`).
    pub kept: KeptForm,
    /// Issue 13 (intel): this quarter's neighbourhood priorities linked to the profile.
    pub community_priorities: Vec<db::priorities::ProfilePriority>,
}

/// What a partner's browser is sent for a profile shared with its organisation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PartnerProfileView {
    pub profile: PartnerProfile,
    pub analysis: ProfileAnalysis,
    pub assessment: Result<Assessment, WindowProblem>,
}

/// A profile's page for its viewer, built on the server for that viewer's role.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ProfilePageView {
    Staff(Box<ProfileView>),
    Partner(Box<PartnerProfileView>),
}

pub async fn profile_view(reference: String, kept: Option<String>) -> Result<ProfilePageView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let Some(db::problems::ProfileKey { id, csp_id, .. }) =
        db::problems::find(&state.db, &reference).await.map_err(internal)?
    else {
        return Err(reject(AppError::NotFound));
    };
    let partner = match audience(&user, csp_id) {
        None => return Err(reject(AppError::NotFound)),
        Some(p) => p,
    };
    if partner
        && !db::problems::shared_with_any(&state.db, id, &user.organisations_in(csp_id))
            .await
            .map_err(internal)?
    {
        return Err(reject(AppError::NotFound));
    }
    let lang = crate::shell::use_lang();
    let now = db::now();
    let Some(profile) = crate::problems::records::load(&state.db, id, now).await.map_err(internal)? else {
        return Err(reject(AppError::NotFound));
    };
    let scope = db::problems::scope(&state.db, id).await.map_err(internal)?;
    let analysis =
        analysis::analyse(&state.db, &state.wards, &profile, &scope, lang).await.map_err(internal)?;
    let started = profile.response_started;
    let assessment = analysis::assess(&state.db, &state.wards, &scope, started, profile.window_days, now)
        .await
        .map_err(internal)?;
    if partner {
        // Partners see the analysis and the response, not the intelligence behind it: their
        // view is made from the profile for them, and their reading is audited first.
        let entry = crate::audit::NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(crate::audit::AuditAction::ProblemViewedByPartner),
            record_type: Some("problem_profile".into()),
            record_id: Some(profile.reference.clone()),
            csp_id: Some(csp_id),
            ip: crate::staff::session::client_ip(),
            detail: None,
        };
        db::audit::record(&state.db, entry).await.map_err(internal)?;
        let profile = for_partner(&profile, &user.organisations_in(csp_id));
        return Ok(ProfilePageView::Partner(Box::new(PartnerProfileView { profile, analysis, assessment })));
    }
    let history = db::problems::history(&state.db, id).await.map_err(internal)?;
    let done: Vec<(String, Option<String>)> = profile
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Done)
        .map(|a| (a.title.clone(), a.organisation.clone()))
        .collect();
    let change = assessment.as_ref().ok().map(|a| a.area);
    let draft = (
        crate::problems::you_said_we_did(Lang::En, &profile, analysis.reports, &done, change.as_ref()),
        crate::problems::you_said_we_did(Lang::Cy, &profile, analysis.reports, &done, change.as_ref()),
    );
    let (neighbourhoods, categories) = db::problems::choices(&state.db, csp_id).await.map_err(internal)?;
    let can_edit = user.can(Permission::EditProblems, csp_id);
    let kept = match can_edit {
        true => crate::staff::kept::kept(&state.db, user.id, &profile.reference, kept.as_deref()).await,
        false => KeptForm::default(),
    };
    let community_priorities =
        db::priorities::for_profile(&state.db, id, crate::engagement::priorities::Period::of(now))
            .await
            .map_err(internal)?;
    Ok(ProfilePageView::Staff(Box::new(ProfileView {
        community_priorities,
        can_edit,
        kept,
        organisations: db::triage::organisations(&state.db, csp_id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect(),
        profile,
        analysis,
        assessment,
        history,
        neighbourhoods,
        categories,
        draft,
        today: crate::time::iso_date(now),
    })))
}

/// The notice of what a form did, or why it was refused, on the page it returns to.
#[component]
pub fn Outcome(lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let (done, error, kept) = (
        query.read_untracked().get("done"),
        query.read_untracked().get("error"),
        query.read_untracked().get("kept"),
    );
    let (done, error) = (
        done.map(|d| Outcome::done(Pages::Problems, &d)),
        error.map(|e| Outcome::error(Pages::Problems, &e)),
    );
    view! {
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>{d.message(lang)}</p></div> })}
        {error.map(|e| match crate::staff::kept::stale_and_kept(e, kept.as_deref()) {
            true => view! { <crate::staff::kept::StaleNotice lang /> }.into_any(),
            false => view! { <div class="error-summary" role="alert" tabindex="-1"><p>{e.message(lang)}</p></div> }.into_any(),
        })}
    }
}

/// Why the hub proposes a problem, in words.
pub fn reason(lang: Lang, s: &Suggestion, neighbourhood: &str, family: &str) -> String {
    let chance =
        if s.p < 0.00001 { t!(lang, "suggest-chance-100000") } else { t!(lang, "suggest-chance-10000") };
    match s.kind {
        Kind::Rise => t!(
            lang,
            "suggest-rise",
            count = s.count,
            family = family,
            area = neighbourhood,
            expected = format!("{:.1}", s.expected),
            chance = chance
        ),
        Kind::RepeatPlace => t!(
            lang,
            "suggest-place",
            count = s.count,
            family = family,
            area = neighbourhood,
            expected = format!("{:.1}", s.expected),
            chance = chance
        ),
        Kind::RepeatVictim => {
            t!(lang, "suggest-victim", count = s.count, family = family, area = neighbourhood)
        }
    }
}

/// A suggestion's title: what kind of problem, of which family, where.
pub fn suggestion_title(lang: Lang, s: &Suggestion, area: &str, family: &str) -> String {
    match s.kind {
        Kind::Rise => t!(lang, "suggest-title-rise", family = family, area = area),
        Kind::RepeatPlace => t!(lang, "suggest-title-place", family = family, area = area),
        Kind::RepeatVictim => t!(lang, "suggest-title-victim", family = family, area = area),
    }
}

/// A category family's name (the groups hotspot detection counts by).
pub fn family_name(lang: Lang, family: &str) -> String {
    match family {
        "asb" => t!(lang, "family-asb"),
        "drugs" => t!(lang, "family-drugs"),
        "hate" => t!(lang, "family-hate"),
        "abuse" => t!(lang, "family-abuse"),
        "environmental" => t!(lang, "family-environmental"),
        "vehicle" => t!(lang, "family-vehicle"),
        "tension" => t!(lang, "family-tension"),
        _ => t!(lang, "family-other"),
    }
}

fn weekday_name(lang: Lang, day: usize) -> String {
    match day {
        0 => t!(lang, "weekday-0"),
        1 => t!(lang, "weekday-1"),
        2 => t!(lang, "weekday-2"),
        3 => t!(lang, "weekday-3"),
        4 => t!(lang, "weekday-4"),
        5 => t!(lang, "weekday-5"),
        _ => t!(lang, "weekday-6"),
    }
}

#[component]
pub fn ProblemsPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = problems_view(q.get("csp"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "problems-title") load render=move |page| match page {
            ProblemsPageView::Staff(view) => view! { <Problems lang view=*view /> }.into_any(),
            ProblemsPageView::Partner(view) => view! { <PartnerProblems lang view /> }.into_any(),
        }>
            <Outcome lang />
        </Page>
    }
}

/// The problems page of the CSP's own staff: its profiles, the problems the hub suggests, and
/// a form to open a profile.
#[component]
fn Problems(lang: Lang, view: ProblemsView) -> impl IntoView {
    let ProblemsView {
        csps,
        selected,
        profiles,
        suggestions,
        covered,
        neighbourhoods,
        categories,
        can_edit,
        today,
        year_ago,
        kept,
    } = view;
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <p>{t!(lang, "problems-intro")}</p>
        <ul class="inline-links">
            <li><a href=lang.path(&format!("/staff/tasking?csp={selected}"))>{t!(lang, "tasking-title")}</a></li>
            <li><a href=lang.path(&format!("/staff/control-strategy?csp={selected}"))>{t!(lang, "strategy-title")}</a></li>
            <li><a href=lang.path(&format!("/staff/strategic-assessments?csp={selected}"))>{t!(lang, "sa-title")}</a></li>
        </ul>
        <ProfilesTable lang profiles />
        <SuggestionsSection lang suggestions covered neighbourhoods=neighbourhoods.clone() categories=categories.clone() can_edit selected=selected.clone() year_ago=year_ago.clone() today=today.clone() />
        {can_edit.then(|| view! { <NewProfileSection lang selected neighbourhoods categories year_ago today kept /> })}
    }
}

/// The CSP's profiles: stage, priority, area, items and actions (overdue ones stand out).
#[component]
fn ProfilesTable(lang: Lang, profiles: Vec<ProfileSummary>) -> impl IntoView {
    view! { <section aria-labelledby="profiles-heading">
        <h2 id="profiles-heading">{t!(lang, "problems-profiles")}</h2>
        {profiles.is_empty().then(|| view! { <p>{t!(lang, "problems-none")}</p> })}
        {(!profiles.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table class="stack">
                    <caption class="visually-hidden">{t!(lang, "problems-profiles")}</caption>
                    <thead><tr>
                        <th scope="col">{t!(lang, "problems-col-profile")}</th>
                        <th scope="col">{t!(lang, "problems-col-stage")}</th>
                        <th scope="col">{t!(lang, "problems-col-priority")}</th>
                        <th scope="col">{t!(lang, "problems-col-area")}</th>
                        <th scope="col">{t!(lang, "problems-col-items")}</th>
                        <th scope="col">{t!(lang, "problems-col-actions")}</th>
                    </tr></thead>
                    <tbody>
                        {profiles.iter().map(|p| view! {
                            <tr>
                                <td><a href=lang.path(&format!("/staff/problems/{}", p.reference))>{format!("{} · {}", p.reference, p.title)}</a></td>
                                <td data-label=t!(lang, "problems-col-stage")>{stage_name(lang, p.stage)}</td>
                                <td data-label=t!(lang, "problems-col-priority")>{priority_name(lang, p.priority)}</td>
                                <td data-label=t!(lang, "problems-col-area")>{p.neighbourhoods.iter().map(|n| n.get(lang).to_string()).collect::<Vec<_>>().join(", ")}</td>
                                <td data-label=t!(lang, "problems-col-items")>{p.items}</td>
                                <td data-label=t!(lang, "problems-col-actions")>
                                    {p.actions_open}
                                    {(p.actions_overdue > 0).then(|| view! { " " <span class="tag tag-warning">{t!(lang, "problems-overdue", count = p.actions_overdue)}</span> })}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    </section> }.into_any()
}

/// A neighbourhood's name in the reader's language, from the CSP's list.
fn area_name(lang: Lang, neighbourhoods: &[(i64, Names)], id: i64) -> String {
    neighbourhoods.iter().find(|(i, _)| *i == id).map(|(_, n)| n.get(lang).to_string()).unwrap_or_default()
}

/// The problems the hub suggests, strongest first, each with a button to open a profile from
/// it; then those an open profile already covers.
#[component]
fn SuggestionsSection(
    lang: Lang,
    suggestions: Vec<Suggestion>,
    covered: Vec<(Suggestion, String)>,
    neighbourhoods: Vec<(i64, Names)>,
    categories: Vec<CategoryChoice>,
    can_edit: bool,
    /// The CSP's slug, and the period a profile opened from a suggestion looks at.
    selected: String,
    year_ago: String,
    today: String,
) -> impl IntoView {
    let action = lang.path("/staff/problems");
    // The strongest first; the rest are counted, not listed (the page stays light).
    let hidden_suggestions = suggestions.len().saturating_sub(MAX_SUGGESTIONS);
    let suggestion_rows = suggestions
        .iter()
        .take(MAX_SUGGESTIONS)
        .enumerate()
        .map(|(i, s)| {
            let area = area_name(lang, &neighbourhoods, s.neighbourhood_id);
            let family = family_name(lang, s.family.as_str());
            let title = suggestion_title(lang, s, &area, &family);
            let family_categories: Vec<i64> = categories.iter().filter(|c| c.family == s.family).map(|c| c.id).collect();
            let id = format!("suggestion-{i}");
            let references: String = s.references.iter().take(100).cloned().collect::<Vec<_>>().join(",");
            view! {
                <li class="card">
                    <h3 id=id.clone()>{title.clone()}</h3>
                    <p>{reason(lang, s, &area, &family)}</p>
                    {(!s.references.is_empty()).then(|| view! {
                        <p class="meta">{t!(lang, "suggest-references")} " "
                            {s.references.iter().take(12).map(|r| view! { <a href=lang.path(&format!("/staff/reports/{r}"))>{r.clone()}</a> " " }).collect_view()}
                        </p>
                    })}
                    {can_edit.then(|| view! {
                        <form method="post" action=action.clone() class="inline-form">
                            <input type="hidden" name="lang" value=lang.code() />
                            <input type="hidden" name="csp" value=selected.clone() />
                            <input type="hidden" name="title" value=title.clone() />
                            <input type="hidden" name="neighbourhood" value=s.neighbourhood_id.to_string() />
                            {family_categories.iter().map(|c| view! { <input type="hidden" name="category" value=c.to_string() /> }).collect_view()}
                            <input type="hidden" name="period_from" value=year_ago.clone() />
                            <input type="hidden" name="period_to" value=today.clone() />
                            <input type="hidden" name="priority" value=if s.kind == Kind::RepeatVictim { "high" } else { "medium" } />
                            <input type="hidden" name="statement" value=reason(lang, s, &area, &family) />
                            <input type="hidden" name="references" value=references.clone() />
                            <button type="submit" class="button" aria-describedby=id>{t!(lang, "suggest-open")}</button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    view! { <section aria-labelledby="suggestions-heading">
        <h2 id="suggestions-heading">{t!(lang, "problems-suggestions")}</h2>
        <p>{t!(lang, "problems-suggestions-intro")}</p>
        {suggestions.is_empty().then(|| view! { <p>{t!(lang, "problems-suggestions-none")}</p> })}
        <ul class="cards">{suggestion_rows}</ul>
        {(hidden_suggestions > 0).then(|| view! { <p>{t!(lang, "problems-suggestions-more", count = (hidden_suggestions as i64))}</p> })}
        {(!covered.is_empty()).then(|| view! {
            <h3>{t!(lang, "problems-covered")}</h3>
            <ul>
                {covered.iter().map(|(s, reference)| {
                    let area = area_name(lang, &neighbourhoods, s.neighbourhood_id);
                    let family = family_name(lang, s.family.as_str());
                    view! { <li>{reason(lang, s, &area, &family)} " " <a href=lang.path(&format!("/staff/problems/{reference}"))>{reference.clone()}</a></li> }
                }).collect_view()}
            </ul>
        })}
    </section> }.into_any()
}

/// The form to open a profile: title, scope, period, priority, who asks and what for (a
/// refused one as typed).
#[component]
fn NewProfileSection(
    lang: Lang,
    selected: String,
    neighbourhoods: Vec<(i64, Names)>,
    categories: Vec<CategoryChoice>,
    year_ago: String,
    today: String,
    kept: KeptForm,
) -> impl IntoView {
    // What was typed in the new-profile form before an error sent it back.
    let k = kept;
    let kept = |name: &str| k.value("new", name, "");
    let kept_ids = |name: &str| k.ids("new", name, Vec::new());
    let kept_priority = Priority::parse(&kept("priority")).unwrap_or(Priority::Medium);
    let (kept_from, kept_to) = (k.value("new", "period_from", year_ago), k.value("new", "period_to", today));
    view! { <section aria-labelledby="new-heading">
        <h2 id="new-heading">{t!(lang, "problems-new")}</h2>
        <form method="post" action=lang.path("/staff/problems") class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="csp" value=selected />
            <div class="field">
                <label for="new-title">{t!(lang, "profile-title-label")}</label>
                <input id="new-title" name="title" type="text" required maxlength="200" value=kept("title") />
            </div>
            <ScopeFields lang neighbourhoods categories chosen_neighbourhoods=kept_ids("neighbourhood") chosen_categories=kept_ids("category") prefix="new" />
            <PeriodFields lang from=kept_from to=kept_to prefix="new" />
            <PriorityField lang chosen=kept_priority prefix="new" />
            <div class="field">
                <label for="new-requester">{t!(lang, "profile-requester")}</label>
                <input id="new-requester" name="requester" type="text" maxlength="200" value=kept("requester") />
            </div>
            <div class="field">
                <label for="new-aim">{t!(lang, "profile-aim")}</label>
                <textarea id="new-aim" name="aim" rows="2">{kept("aim")}</textarea>
            </div>
            <button type="submit" class="button">{t!(lang, "problems-open")}</button>
        </form>
    </section> }.into_any()
}

/// The problems page of a partner: the profiles shared with its organisation.
#[component]
fn PartnerProblems(lang: Lang, view: PartnerProblemsView) -> impl IntoView {
    let PartnerProblemsView { csps, selected, profiles } = view;
    view! {
        <CspPicker lang csps selected />
        <p>{t!(lang, "problems-partner-intro")}</p>
        <section aria-labelledby="profiles-heading">
            <h2 id="profiles-heading">{t!(lang, "problems-profiles")}</h2>
            {profiles.is_empty().then(|| view! { <p>{t!(lang, "problems-none")}</p> })}
            {(!profiles.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="stack">
                        <caption class="visually-hidden">{t!(lang, "problems-profiles")}</caption>
                        <thead><tr>
                            <th scope="col">{t!(lang, "problems-col-profile")}</th>
                            <th scope="col">{t!(lang, "problems-col-stage")}</th>
                            <th scope="col">{t!(lang, "problems-col-priority")}</th>
                            <th scope="col">{t!(lang, "problems-col-area")}</th>
                            <th scope="col">{t!(lang, "problems-col-actions")}</th>
                        </tr></thead>
                        <tbody>
                            {profiles.iter().map(|p| view! {
                                <tr>
                                    <td><a href=lang.path(&format!("/staff/problems/{}", p.reference))>{format!("{} · {}", p.reference, p.title)}</a></td>
                                    <td data-label=t!(lang, "problems-col-stage")>{stage_name(lang, p.stage)}</td>
                                    <td data-label=t!(lang, "problems-col-priority")>{priority_name(lang, p.priority)}</td>
                                    <td data-label=t!(lang, "problems-col-area")>{p.neighbourhoods.iter().map(|n| n.get(lang).to_string()).collect::<Vec<_>>().join(", ")}</td>
                                    <td data-label=t!(lang, "problems-col-actions")>
                                        {p.actions_open}
                                        {(p.actions_overdue > 0).then(|| view! { " " <span class="tag tag-warning">{t!(lang, "problems-overdue", count = p.actions_overdue)}</span> })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

#[component]
fn ScopeFields(
    lang: Lang,
    neighbourhoods: Vec<(i64, Names)>,
    categories: Vec<CategoryChoice>,
    chosen_neighbourhoods: Vec<i64>,
    chosen_categories: Vec<i64>,
    prefix: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="field">
            <legend>{t!(lang, "profile-neighbourhoods")}</legend>
            <div class="checkbox-columns">
                {neighbourhoods.into_iter().map(|(id, name)| {
                    let field_id = format!("{prefix}-n-{id}");
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=field_id.clone() name="neighbourhood" value=id.to_string() checked=chosen_neighbourhoods.contains(&id) />
                            <label for=field_id>{name.get(lang).to_string()}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <fieldset class="field">
            <legend>{t!(lang, "profile-categories")}</legend>
            <div class="checkbox-columns">
                {categories.into_iter().map(|CategoryChoice { id, name, .. }| {
                    let field_id = format!("{prefix}-c-{id}");
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=field_id.clone() name="category" value=id.to_string() checked=chosen_categories.contains(&id) />
                            <label for=field_id>{name.get(lang).to_string()}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn PeriodFields(lang: Lang, from: String, to: String, prefix: &'static str) -> impl IntoView {
    view! {
        <fieldset class="field inline-fields">
            <legend>{t!(lang, "profile-period")}</legend>
            <div class="field">
                <label for=format!("{prefix}-from")>{t!(lang, "profile-period-from")}</label>
                <input id=format!("{prefix}-from") name="period_from" type="date" value=from required />
            </div>
            <div class="field">
                <label for=format!("{prefix}-to")>{t!(lang, "profile-period-to")}</label>
                <input id=format!("{prefix}-to") name="period_to" type="date" value=to required />
            </div>
        </fieldset>
    }
}

#[component]
fn PriorityField(lang: Lang, chosen: Priority, prefix: &'static str) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("{prefix}-priority")>{t!(lang, "profile-priority")}</label>
            <select id=format!("{prefix}-priority") name="priority">
                {Priority::ALL.iter().map(|p| view! { <option value=p.as_str() selected=*p == chosen>{priority_name(lang, *p)}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// One profile's page, named after the profile.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let lang = use_lang();
    let reference = use_params_map().read_untracked().get("reference").unwrap_or_default();
    let load = profile_view(reference, use_query_map().read_untracked().get("kept"));
    view! {
        <Page lang error_title=t!(lang, "problems-title") load render=move |page| match page {
            ProfilePageView::Staff(view) => view! { <ProfileSections lang view=*view /> }.into_any(),
            ProfilePageView::Partner(view) => view! { <PartnerProfileSections lang view=*view /> }.into_any(),
        } />
    }
}

#[component]
fn TextArea(
    lang: Lang,
    id: &'static str,
    name: &'static str,
    label: String,
    value: String,
    #[prop(optional)] hint: Option<String>,
    /// The language of the text, when it is not the page's.
    #[prop(optional)]
    text_lang: Option<&'static str>,
) -> impl IntoView {
    let _ = lang;
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.clone().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <textarea id=id name=name rows="3" maxlength="4000" lang=text_lang aria-describedby=hint.map(|_| hint_id)>{value}</textarea>
        </div>
    }
}

fn paragraphs(text: &str) -> impl IntoView {
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| view! { <p>{l.to_string()}</p> }).collect_view()
}

/// What a profile's forms need, given only to those who may change it: where they post, the
/// version they were made from, and a refused form as its sender typed it (`?kept=`).
#[derive(Clone, Debug)]
struct ProfileForms {
    base: String,
    version: i64,
    kept: KeptForm,
}

impl ProfileForms {
    /// Where the form of one profile action posts (`terms`, `link`, `decide`...).
    fn to(&self, action: &str) -> String {
        format!("{}/{action}", self.base)
    }
}

/// A profile worked through SARA, for the CSP's own staff: its terms, the four stages, who it
/// is shared with, and its history.
#[component]
fn ProfileSections(lang: Lang, view: ProfileView) -> impl IntoView {
    let ProfileView {
        profile: p,
        analysis,
        assessment,
        history,
        can_edit,
        organisations,
        neighbourhoods,
        categories,
        draft,
        today,
        kept,
        community_priorities,
    } = view;
    // Forms only while the profile is open and its reader may change it.
    let forms = (can_edit && p.stage != Stage::Closed).then(|| ProfileForms {
        base: lang.path(&format!("/staff/problems/{}", p.reference)),
        version: p.version,
        kept,
    });
    view! {
        <ProfileHeading lang reference=p.reference.clone() title=p.title.clone() stage=p.stage priority=p.priority updated_at=time(lang, p.updated_at) />
        {community_priorities.iter().map(|c| {
            let neighbourhood = Names::new(c.neighbourhood_en.clone(), c.neighbourhood_cy.clone()).get(lang).to_string();
            let priority = Names::new(c.title_en.clone(), c.title_cy.clone()).get(lang).to_string();
            view! { <p class="tag">{t!(lang, "priority-community-note", neighbourhood = neighbourhood, priority = priority)}</p> }
        }).collect_view()}
        <TermsSection lang profile=p.clone() neighbourhoods categories forms=forms.clone() />
        <ScanningSection lang statement=p.statement.clone() affected=p.affected.clone() items=p.items.clone() forms=forms.clone() />
        <AnalysisSection lang profile=p.clone() analysis forms=forms.clone() />
        <ResponseSection lang response_started=p.response_started actions=p.actions.clone() organisations=organisations.clone() forms=forms.clone() />
        <AssessmentSection lang profile=p.clone() assessment draft forms=forms.clone() />
        {forms.map(|forms| view! { <ManageSection lang stage=p.stage shared_with=p.shared_with.clone() organisations today forms /> })}
        {(!p.shared_with.is_empty()).then(|| view! {
            <p>{t!(lang, "profile-shared-with", organisations = p.shared_with.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", "))}</p>
        })}
        <ProfileHistory lang history />
    }
}

/// The terms of reference: who asked, what for, where, what and when; editable.
#[component]
fn TermsSection(
    lang: Lang,
    profile: Profile,
    neighbourhoods: Vec<(i64, Names)>,
    categories: Vec<CategoryChoice>,
    forms: Option<ProfileForms>,
) -> impl IntoView {
    let p = profile;
    let names = |list: &[(i64, Names)]| list.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>();
    view! { <section aria-labelledby="terms-heading" class="card">
        <h2 id="terms-heading">{t!(lang, "profile-terms")}</h2>
        <TermsFacts lang requester=p.requester.clone() aim=p.aim.clone() neighbourhoods=names(&p.neighbourhoods) categories=names(&p.categories) period_from=date(lang, p.period_from) period_to=date(lang, p.period_to) />
        {forms.map(|f| {
            let k = &f.kept;
            let chosen_neighbourhoods =
                k.ids("terms", "neighbourhood", p.neighbourhoods.iter().map(|(id, _)| *id).collect());
            let chosen_categories = k.ids("terms", "category", p.categories.iter().map(|(id, _)| *id).collect());
            let terms_priority = if k.is("terms") {
                Priority::parse(&k.value("terms", "priority", "")).unwrap_or(p.priority)
            } else {
                p.priority
            };
            view! {
                <details open=k.is("terms")>
                    <summary>{t!(lang, "profile-edit-terms")}</summary>
                    <form method="post" action=f.to("terms") class="form">
                        <Hidden lang version=f.version />
                        <div class="field">
                            <label for="terms-title">{t!(lang, "profile-title-label")}</label>
                            <input id="terms-title" name="title" type="text" required maxlength="200" value=k.value("terms", "title", p.title.clone()) />
                        </div>
                        <PriorityField lang chosen=terms_priority prefix="terms" />
                        <div class="field">
                            <label for="terms-requester">{t!(lang, "profile-requester")}</label>
                            <input id="terms-requester" name="requester" type="text" maxlength="200" value=k.value("terms", "requester", p.requester.clone()) />
                        </div>
                        <TextArea lang id="terms-aim" name="aim" label=t!(lang, "profile-aim") value=k.value("terms", "aim", p.aim.clone()) />
                        <ScopeFields lang neighbourhoods categories chosen_neighbourhoods chosen_categories prefix="terms" />
                        <PeriodFields lang from=k.value("terms", "period_from", iso_date(p.period_from)) to=k.value("terms", "period_to", iso_date(p.period_to)) prefix="terms" />
                        <button type="submit" class="button">{t!(lang, "profile-save")}</button>
                    </form>
                </details>
            }
        })}
    </section> }.into_any()
}

/// Scanning: the problem statement, who is affected, and the intelligence items linked.
#[component]
fn ScanningSection(
    lang: Lang,
    statement: String,
    affected: String,
    items: Vec<LinkedItem>,
    forms: Option<ProfileForms>,
) -> impl IntoView {
    view! { <section aria-labelledby="scanning-heading" class="card">
        <h2 id="scanning-heading">{t!(lang, "stage-scanning")}</h2>
        <ScanningFacts lang statement=statement.clone() affected=affected.clone() />
        {forms.clone().map(|f| view! {
            <details open=f.kept.is("scanning")>
                <summary>{t!(lang, "profile-edit-scanning")}</summary>
                <form method="post" action=f.to("scanning") class="form">
                    <Hidden lang version=f.version />
                    <TextArea lang id="statement" name="statement" label=t!(lang, "profile-statement") value=f.kept.value("scanning", "statement", statement) />
                    <TextArea lang id="affected" name="affected" label=t!(lang, "profile-affected") value=f.kept.value("scanning", "affected", affected) />
                    <button type="submit" class="button">{t!(lang, "profile-save")}</button>
                </form>
            </details>
        })}
        <LinkedItems lang items forms />
    </section> }.into_any()
}

/// The intelligence items linked to a profile, with the forms to unlink one and link another.
#[component]
fn LinkedItems(lang: Lang, items: Vec<LinkedItem>, forms: Option<ProfileForms>) -> impl IntoView {
    view! {
        <h3>{t!(lang, "profile-items", count = (items.len() as i64))}</h3>
        {items.is_empty().then(|| view! { <p>{t!(lang, "profile-items-none")}</p> })}
        <ul class="cards">
            {items.iter().map(|item| view! {
                <li class="card">
                    <p class="meta">
                        {crate::triage::pages::item_reference_link(lang, &item.reference, item.source)}
                        {format!(" · {} · {} · {} · {}", item.grade, crate::triage::pages::item_origin(lang, item.category.as_ref(), item.source), item.neighbourhood.get(lang), date(lang, item.received))}
                    </p>
                    <p>{item.summary.clone()}</p>
                    {forms.as_ref().map(|f| view! {
                        <form method="post" action=f.to("unlink") class="inline-form">
                            <Hidden lang version=f.version />
                            <input type="hidden" name="reference" value=item.reference.clone() />
                            <button type="submit" class="link-button">{t!(lang, "profile-unlink", reference = item.reference.clone())}</button>
                        </form>
                    })}
                </li>
            }).collect_view()}
        </ul>
        {forms.as_ref().map(|f| view! {
            <form method="post" action=f.to("link") class="form inline-fields">
                <Hidden lang version=f.version />
                <div class="field">
                    <label for="link-reference">{t!(lang, "profile-link-label")}</label>
                    <input id="link-reference" name="reference" type="text" required placeholder="CYM-26-000123" value=f.kept.value("link", "reference", "") />
                </div>
                <button type="submit" class="button">{t!(lang, "profile-link")}</button>
            </form>
        })}
    }
}

/// Analysis: the problem analysis triangle, the hypothesis and gaps (editable), and the
/// profile's data, computed.
#[component]
fn AnalysisSection(
    lang: Lang,
    profile: Profile,
    analysis: ProfileAnalysis,
    forms: Option<ProfileForms>,
) -> impl IntoView {
    let p = profile;
    view! { <section aria-labelledby="analysis-heading" class="card">
        <h2 id="analysis-heading">{t!(lang, "stage-analysis")}</h2>
        <AnalysisFacts lang triangle=p.triangle.clone() hypothesis=p.hypothesis.clone() gaps=p.gaps.clone() />
        {forms.map(|forms| view! { <AnalysisForm lang profile=p.clone() forms /> })}
        <DataFacts lang analysis period_from=date(lang, p.period_from) period_to=date(lang, p.period_to) />
    </section> }
    .into_any()
}

/// The form of the Analysis stage: the problem analysis triangle, the hypothesis and the gaps.
#[component]
fn AnalysisForm(lang: Lang, profile: Profile, forms: ProfileForms) -> impl IntoView {
    let (p, f) = (profile, forms);
    let k = &f.kept;
    view! {
        <details open=k.is("analysis")>
            <summary>{t!(lang, "profile-edit-analysis")}</summary>
            <form method="post" action=f.to("analysis") class="form">
                <Hidden lang version=f.version />
                <fieldset>
                    <legend>{t!(lang, "profile-triangle")}</legend>
                    <TextArea lang id="pat-offender" name="offender" label=t!(lang, "pat-offender") value=k.value("analysis", "offender", p.triangle.offender.clone()) hint=t!(lang, "pat-offender-hint") />
                    <TextArea lang id="pat-victim" name="victim" label=t!(lang, "pat-victim") value=k.value("analysis", "victim", p.triangle.victim.clone()) hint=t!(lang, "pat-victim-hint") />
                    <TextArea lang id="pat-place" name="place" label=t!(lang, "pat-place") value=k.value("analysis", "place", p.triangle.place.clone()) />
                    <TextArea lang id="pat-handler" name="handler" label=t!(lang, "pat-handler") value=k.value("analysis", "handler", p.triangle.handler.clone()) hint=t!(lang, "pat-handler-hint") />
                    <TextArea lang id="pat-guardian" name="guardian" label=t!(lang, "pat-guardian") value=k.value("analysis", "guardian", p.triangle.guardian.clone()) hint=t!(lang, "pat-guardian-hint") />
                    <TextArea lang id="pat-manager" name="manager" label=t!(lang, "pat-manager") value=k.value("analysis", "manager", p.triangle.manager.clone()) hint=t!(lang, "pat-manager-hint") />
                </fieldset>
                <TextArea lang id="hypothesis" name="hypothesis" label=t!(lang, "profile-hypothesis") value=k.value("analysis", "hypothesis", p.hypothesis.clone()) />
                <TextArea lang id="gaps" name="gaps" label=t!(lang, "profile-gaps") value=k.value("analysis", "gaps", p.gaps.clone()) />
                <button type="submit" class="button">{t!(lang, "profile-save")}</button>
            </form>
        </details>
    }
    .into_any()
}

/// Response: the actions table, a form to update each action and one to add an action.
#[component]
fn ResponseSection(
    lang: Lang,
    response_started: Option<Timestamp>,
    actions: Vec<ProblemAction>,
    organisations: Vec<(i64, String)>,
    forms: Option<ProfileForms>,
) -> impl IntoView {
    let rows: Vec<ActionRow> = actions
        .iter()
        .map(|a| ActionRow {
            title: a.title.clone(),
            owner: [a.organisation.clone().unwrap_or_default(), a.owner.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            due_on: a.due_on.map(|d| date(lang, d)),
            overdue: a.overdue,
            status: a.status,
            notes: a.notes.clone(),
        })
        .collect();
    view! { <section aria-labelledby="response-heading" class="card">
        <h2 id="response-heading">{t!(lang, "stage-response")}</h2>
        <ActionsTable lang response_started=response_started.map(|d| date(lang, d)) rows />
        {forms.map(|forms| view! {
            {actions.into_iter().map(|action| view! { <ActionForm lang action forms=forms.clone() /> }).collect_view()}
            <NewActionForm lang organisations forms />
        })}
    </section> }.into_any()
}

/// The form to update one action: its status, due day and notes (the refused one as typed).
#[component]
fn ActionForm(lang: Lang, action: ProblemAction, forms: ProfileForms) -> impl IntoView {
    let (a, k) = (action, &forms.kept);
    let id = a.id;
    // The refused one, as typed; the others as stored.
    let this = k.is_for("action", "action_id", &id.to_string());
    let typed = |name: &str, stored: String| if this { k.value("action", name, "") } else { stored };
    let status = if this {
        ActionStatus::parse(&k.value("action", "status", "")).unwrap_or(a.status)
    } else {
        a.status
    };
    view! {
        <details open=this>
            <summary>{t!(lang, "action-update", title = a.title.clone())}</summary>
            <form method="post" action=forms.to("action") class="form">
                <Hidden lang version=forms.version />
                <input type="hidden" name="action_id" value=id.to_string() />
                <div class="field">
                    <label for=format!("action-{id}-status")>{t!(lang, "action-status")}</label>
                    <select id=format!("action-{id}-status") name="status">
                        {ActionStatus::ALL.iter().map(|s| view! { <option value=s.as_str() selected=*s == status>{action_status_name(lang, *s)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("action-{id}-due")>{t!(lang, "action-due")}</label>
                    <input id=format!("action-{id}-due") name="due_on" type="date" value=typed("due_on", a.due_on.map(iso_date).unwrap_or_default()) />
                </div>
                <div class="field">
                    <label for=format!("action-{id}-notes")>{t!(lang, "action-notes")}</label>
                    <textarea id=format!("action-{id}-notes") name="notes" rows="2" maxlength="4000">{typed("notes", a.notes.clone())}</textarea>
                </div>
                <button type="submit" class="button">{t!(lang, "profile-save")}</button>
            </form>
        </details>
    }
}

/// The form to add an action: what, which organisation, who, by when.
#[component]
fn NewActionForm(lang: Lang, organisations: Vec<(i64, String)>, forms: ProfileForms) -> impl IntoView {
    let k = &forms.kept;
    view! {
        <h3>{t!(lang, "action-add")}</h3>
        <form method="post" action=forms.to("add-action") class="form">
            <Hidden lang version=forms.version />
            <div class="field">
                <label for="new-action-title">{t!(lang, "action-title")}</label>
                <input id="new-action-title" name="title" type="text" required maxlength="200" value=k.value("add-action", "title", "") />
            </div>
            <div class="field">
                <label for="new-action-organisation">{t!(lang, "action-organisation")}</label>
                <select id="new-action-organisation" name="organisation">
                    <option value="">{t!(lang, "action-organisation-csp")}</option>
                    {organisations.iter().map(|(id, name)| view! { <option value=id.to_string() selected=k.is_for("add-action", "organisation", &id.to_string())>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="new-action-owner">{t!(lang, "action-owner-person")}</label>
                <input id="new-action-owner" name="owner" type="text" maxlength="200" value=k.value("add-action", "owner", "") />
            </div>
            <div class="field">
                <label for="new-action-due">{t!(lang, "action-due")}</label>
                <input id="new-action-due" name="due_on" type="date" value=k.value("add-action", "due_on", "") />
            </div>
            <div class="field">
                <label for="new-action-notes">{t!(lang, "action-notes")}</label>
                <textarea id="new-action-notes" name="notes" rows="2" maxlength="4000">{k.value("add-action", "notes", "")}</textarea>
            </div>
            <button type="submit" class="button">{t!(lang, "action-add")}</button>
        </form>
    }
}

/// Assessment: what was done and what the numbers say, the decision and what residents were
/// told; the forms to record the assessment and to decide.
#[component]
fn AssessmentSection(
    lang: Lang,
    profile: Profile,
    assessment: Result<Assessment, WindowProblem>,
    /// "You said, we did" drafts (English, Welsh) offered for the outcome texts.
    draft: (String, String),
    forms: Option<ProfileForms>,
) -> impl IntoView {
    let p = profile;
    let actions_done = p.actions.iter().filter(|a| a.status == ActionStatus::Done).count() as i64;
    let actions_total = p.actions.iter().filter(|a| a.status != ActionStatus::Dropped).count() as i64;
    view! { <section aria-labelledby="assessment-heading" class="card">
        <h2 id="assessment-heading">{t!(lang, "stage-assessment")}</h2>
        <AssessmentFacts lang done=actions_done total=actions_total process_review=p.process_review.clone() assessment window_days=p.window_days />
        {p.decision.map(|d| view! {
            <p><strong>{t!(lang, "assessment-decision")}</strong> " " {decision_name(lang, d)}</p>
            <p>{p.decision_notes.clone()}</p>
        })}
        {(p.stage == Stage::Closed).then(|| view! {
            <h3>{t!(lang, "assessment-told")}</h3>
            <p lang="en" class="history-detail">{p.outcome_en.clone()}</p>
            <p lang="cy" class="history-detail">{p.outcome_cy.clone()}</p>
        })}
        {forms.map(|forms| view! { <AssessmentForms lang profile=p.clone() draft forms /> })}
    </section> }.into_any()
}

/// The forms of the Assessment stage: when the response started, the window and the process
/// review; then the decision, with what residents are told in English and Welsh.
#[component]
fn AssessmentForms(
    lang: Lang,
    profile: Profile,
    draft: (String, String),
    forms: ProfileForms,
) -> impl IntoView {
    let (p, k) = (profile, &forms.kept);
    let kept_decision = k.value("decide", "decision", "");
    let kept_window: i64 =
        k.value("assessment", "window_days", p.window_days.to_string()).parse().unwrap_or(p.window_days);
    view! {
        <details open=k.is("assessment")>
            <summary>{t!(lang, "assessment-edit")}</summary>
            <form method="post" action=forms.to("assessment") class="form">
                <Hidden lang version=forms.version />
                <div class="field">
                    <label for="response-started">{t!(lang, "assessment-started")}</label>
                    <input id="response-started" name="response_started" type="date" value=k.value("assessment", "response_started", p.response_started.map(iso_date).unwrap_or_default()) />
                </div>
                <div class="field">
                    <label for="window-days">{t!(lang, "assessment-window")}</label>
                    <select id="window-days" name="window_days">
                        {WINDOW_DAYS.iter().map(|&days| view! { <option value=days.to_string() selected=days == kept_window>{t!(lang, "assessment-window-days", days = days)}</option> }).collect_view()}
                    </select>
                </div>
                <TextArea lang id="process-review" name="process_review" label=t!(lang, "assessment-process-review") value=k.value("assessment", "process_review", p.process_review.clone()) />
                <button type="submit" class="button">{t!(lang, "profile-save")}</button>
            </form>
        </details>
        <h3>{t!(lang, "assessment-decide")}</h3>
        <form method="post" action=forms.to("decide") class="form">
            <Hidden lang version=forms.version />
            <fieldset class="field">
                <legend>{t!(lang, "assessment-decision")}</legend>
                {Decision::ALL.iter().map(|d| {
                    let id = format!("decision-{}", d.as_str());
                    view! {
                        <div class="radio">
                            <input type="radio" id=id.clone() name="decision" value=d.as_str() required checked=kept_decision == d.as_str() />
                            <label for=id>{decision_name(lang, *d)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <TextArea lang id="decision-notes" name="decision_notes" label=t!(lang, "assessment-decision-notes") value=k.value("decide", "decision_notes", p.decision_notes.clone()) />
            <TextArea lang id="outcome-en" name="outcome_en" label=t!(lang, "assessment-outcome-en") value=k.value("decide", "outcome_en", if p.outcome_en.is_empty() { draft.0.clone() } else { p.outcome_en.clone() }) hint=t!(lang, "assessment-outcome-hint") text_lang="en" />
            <TextArea lang id="outcome-cy" name="outcome_cy" label=t!(lang, "assessment-outcome-cy") value=k.value("decide", "outcome_cy", if p.outcome_cy.is_empty() { draft.1.clone() } else { p.outcome_cy.clone() }) hint=t!(lang, "assessment-outcome-hint") text_lang="cy" />
            <button type="submit" class="button">{t!(lang, "assessment-record")}</button>
        </form>
    }
}

/// Managing a profile: moving it to another stage, and sharing it with partner organisations.
#[component]
fn ManageSection(
    lang: Lang,
    stage: Stage,
    shared_with: Vec<(i64, String)>,
    organisations: Vec<(i64, String)>,
    today: String,
    forms: ProfileForms,
) -> impl IntoView {
    let k = &forms.kept;
    let shared: Vec<i64> = k.ids("share", "organisation", shared_with.iter().map(|(o, _)| *o).collect());
    view! { <section aria-labelledby="manage-heading" class="card">
        <h2 id="manage-heading">{t!(lang, "profile-manage")}</h2>
        <form method="post" action=forms.to("stage") class="form inline-fields">
            <Hidden lang version=forms.version />
            <div class="field">
                <label for="move-stage">{t!(lang, "profile-move-stage")}</label>
                <select id="move-stage" name="stage">
                    {Stage::ALL.iter().filter(|s| **s != Stage::Closed).map(|s| view! { <option value=s.as_str() selected=s.as_str() == k.value("stage", "stage", stage.as_str())>{stage_name(lang, *s)}</option> }).collect_view()}
                </select>
            </div>
            <input type="hidden" name="today" value=today />
            <button type="submit" class="button">{t!(lang, "profile-move")}</button>
        </form>
        <form method="post" action=forms.to("share") class="form">
            <Hidden lang version=forms.version />
            <fieldset class="field">
                <legend>{t!(lang, "profile-share")}</legend>
                <p class="hint">{t!(lang, "profile-share-hint")}</p>
                {organisations.iter().map(|(id, name)| {
                    let field_id = format!("share-{id}");
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=field_id.clone() name="organisation" value=id.to_string() checked=shared.contains(id) />
                            <label for=field_id>{name.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t!(lang, "profile-share-save")}</button>
        </form>
    </section> }.into_any()
}

/// A profile's history, newest first: when, who, what changed.
#[component]
fn ProfileHistory(lang: Lang, history: Vec<HistoryEntry>) -> impl IntoView {
    view! { <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t!(lang, "profile-history")}</h2>
        <ol class="timeline" reversed>
            {history.iter().map(|h| view! {
                <li>
                    <p class="meta">{format!("{} · {} · ", time(lang, h.at), h.who)} {change_name(lang, h.change)}</p>
                    {(!h.detail.is_empty()).then(|| view! { <p class="history-detail">{h.detail.clone()}</p> })}
                </li>
            }).collect_view()}
        </ol>
    </section> }.into_any()
}

/// A profile shared with a partner's organisation, read-only: the terms, the problem, the
/// analysis and the response, and the assessment's numbers and decision.
#[component]
fn PartnerProfileSections(lang: Lang, view: PartnerProfileView) -> impl IntoView {
    let PartnerProfileView { profile: p, analysis, assessment } = view;
    let actions_done = p.actions.iter().filter(|a| a.status == ActionStatus::Done).count() as i64;
    let actions_total = p.actions.iter().filter(|a| a.status != ActionStatus::Dropped).count() as i64;
    let action_rows: Vec<ActionRow> = p
        .actions
        .iter()
        .map(|a| ActionRow {
            title: a.title.clone(),
            owner: match &a.owner {
                PartnerActionOwner::Yours { organisation, owner } => [organisation.clone(), owner.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
                PartnerActionOwner::Partnership => t!(lang, "action-organisation-csp"),
                PartnerActionOwner::Another => t!(lang, "action-organisation-other"),
            },
            due_on: a.due_on.map(|d| date(lang, d)),
            overdue: a.overdue,
            status: a.status,
            notes: a.notes.clone(),
        })
        .collect();
    view! {
        <ProfileHeading lang reference=p.reference.clone() title=p.title.clone() stage=p.stage priority=p.priority updated_at=time(lang, p.updated_at) />
        <p class="notice">{t!(lang, "profile-partner-note")}</p>
        {view! { <section aria-labelledby="terms-heading" class="card">
            <h2 id="terms-heading">{t!(lang, "profile-terms")}</h2>
            <TermsFacts lang requester=p.requester.clone() aim=p.aim.clone() neighbourhoods=p.neighbourhoods.clone() categories=p.categories.clone() period_from=date(lang, p.period_from) period_to=date(lang, p.period_to) />
        </section> }.into_any()}
        {view! { <section aria-labelledby="scanning-heading" class="card">
            <h2 id="scanning-heading">{t!(lang, "stage-scanning")}</h2>
            <ScanningFacts lang statement=p.statement.clone() affected=p.affected.clone() />
        </section> }.into_any()}
        {view! { <section aria-labelledby="analysis-heading" class="card">
            <h2 id="analysis-heading">{t!(lang, "stage-analysis")}</h2>
            <AnalysisFacts lang triangle=p.triangle.clone() hypothesis=p.hypothesis.clone() gaps=p.gaps.clone() />
            <DataFacts lang analysis period_from=date(lang, p.period_from) period_to=date(lang, p.period_to) />
        </section> }.into_any()}
        {view! { <section aria-labelledby="response-heading" class="card">
            <h2 id="response-heading">{t!(lang, "stage-response")}</h2>
            <ActionsTable lang response_started=p.response_started.map(|d| date(lang, d)) rows=action_rows />
        </section> }.into_any()}
        {view! { <section aria-labelledby="assessment-heading" class="card">
            <h2 id="assessment-heading">{t!(lang, "stage-assessment")}</h2>
            <AssessmentFacts lang done=actions_done total=actions_total process_review=p.process_review.clone() assessment window_days=p.window_days />
            {p.decision.map(|d| view! { <p><strong>{t!(lang, "assessment-decision")}</strong> " " {decision_name(lang, d)}</p> })}
            {p.told.clone().map(|(en, cy)| view! {
                <h3>{t!(lang, "assessment-told")}</h3>
                <p lang="en" class="history-detail">{en}</p>
                <p lang="cy" class="history-detail">{cy}</p>
            })}
        </section> }.into_any()}
    }
}

/// Text written in a profile, or "not written yet".
fn or_none(lang: Lang, s: &str) -> String {
    if s.trim().is_empty() {
        t!(lang, "profile-not-written")
    } else {
        s.to_string()
    }
}

/// The top of a profile's page: its title, stage and priority, and where it is in SARA.
#[component]
fn ProfileHeading(
    lang: Lang,
    reference: String,
    title: String,
    stage: Stage,
    priority: Priority,
    updated_at: String,
) -> impl IntoView {
    let stage_index = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
    view! {
        <Title text=format!("{} {}", reference, title) />
        <p class="meta"><a href=lang.path("/staff/problems")>{t!(lang, "problems-title")}</a></p>
        <h1>{title.clone()} " " <span class="meta">{reference.clone()}</span></h1>
        <Outcome lang />
        <p>
            <span class="tag">{stage_name(lang, stage)}</span> " "
            <span class="tag">{t!(lang, "profile-priority-is", priority = priority_name(lang, priority))}</span> " "
            {t!(lang, "profile-updated", date = updated_at)}
        </p>
        <nav aria-label=t!(lang, "profile-stages")>
            <ol class="steps">
                {Stage::ALL.iter().enumerate().map(|(i, s)| view! {
                    <li class=if i < stage_index { "step done" } else if i == stage_index { "step current" } else { "step" } aria-current=(i == stage_index).then_some("step")>
                        {stage_name(lang, *s)}
                    </li>
                }).collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn TermsFacts(
    lang: Lang,
    requester: String,
    aim: String,
    neighbourhoods: Vec<Names>,
    categories: Vec<Names>,
    period_from: String,
    period_to: String,
) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>{t!(lang, "profile-requester")}</dt><dd>{or_none(lang, &requester)}</dd>
            <dt>{t!(lang, "profile-aim")}</dt><dd>{or_none(lang, &aim)}</dd>
            <dt>{t!(lang, "profile-neighbourhoods")}</dt><dd>{neighbourhoods.iter().map(|n| n.get(lang).to_string()).collect::<Vec<_>>().join(", ")}</dd>
            <dt>{t!(lang, "profile-categories")}</dt><dd>{categories.iter().map(|n| n.get(lang).to_string()).collect::<Vec<_>>().join(", ")}</dd>
            <dt>{t!(lang, "profile-period")}</dt><dd>{t!(lang, "profile-period-range", from = period_from, to = period_to)}</dd>
        </dl>
    }
}

#[component]
fn ScanningFacts(lang: Lang, statement: String, affected: String) -> impl IntoView {
    view! {
        <h3>{t!(lang, "profile-statement")}</h3>
        {if statement.trim().is_empty() { view! { <p>{t!(lang, "profile-not-written")}</p> }.into_any() } else { paragraphs(&statement).into_any() }}
        <h3>{t!(lang, "profile-affected")}</h3>
        <p>{or_none(lang, &affected)}</p>
    }
}

#[component]
fn AnalysisFacts(lang: Lang, triangle: Triangle, hypothesis: String, gaps: String) -> impl IntoView {
    let or_none = move |s: &str| or_none(lang, s);
    view! {
        <h3>{t!(lang, "profile-triangle")}</h3>
        <div class="table-wrap">
            <table class="stack">
                <caption class="visually-hidden">{t!(lang, "profile-triangle")}</caption>
                <thead><tr><th scope="col">{t!(lang, "pat-side")}</th><th scope="col">{t!(lang, "pat-what")}</th><th scope="col">{t!(lang, "pat-controller")}</th><th scope="col">{t!(lang, "pat-what")}</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{t!(lang, "pat-offender")}</th><td data-label=t!(lang, "pat-what")>{or_none(&triangle.offender)}</td><th scope="row">{t!(lang, "pat-handler")}</th><td data-label=t!(lang, "pat-what")>{or_none(&triangle.handler)}</td></tr>
                    <tr><th scope="row">{t!(lang, "pat-victim")}</th><td data-label=t!(lang, "pat-what")>{or_none(&triangle.victim)}</td><th scope="row">{t!(lang, "pat-guardian")}</th><td data-label=t!(lang, "pat-what")>{or_none(&triangle.guardian)}</td></tr>
                    <tr><th scope="row">{t!(lang, "pat-place")}</th><td data-label=t!(lang, "pat-what")>{or_none(&triangle.place)}</td><th scope="row">{t!(lang, "pat-manager")}</th><td data-label=t!(lang, "pat-what")>{or_none(&triangle.manager)}</td></tr>
                </tbody>
            </table>
        </div>
        <h3>{t!(lang, "profile-hypothesis")}</h3>
        <p>{or_none(&hypothesis)}</p>
        <h3>{t!(lang, "profile-gaps")}</h3>
        <p>{or_none(&gaps)}</p>
    }
}

/// The profile's data, computed: charts by week, weekday and hour, repeat places and victims.
#[component]
fn DataFacts(lang: Lang, analysis: ProfileAnalysis, period_from: String, period_to: String) -> impl IntoView {
    let weekday_labels: Vec<String> = (0..7).map(|d| weekday_name(lang, d)).collect();
    let week_bars: Vec<(String, i64)> = analysis.by_week.clone();
    let weekday_bars: Vec<(String, i64)> =
        weekday_labels.iter().cloned().zip(analysis.by_weekday.iter().copied()).collect();
    let hour_bars: Vec<(String, i64)> = (0..24).map(|h| (format!("{h:02}"), analysis.by_hour[h])).collect();
    let week_chart = charts::bar_chart(
        "chart-week",
        &t!(lang, "chart-week-title"),
        &t!(lang, "chart-week-description", count = analysis.reports),
        &week_bars,
        13,
    );
    let weekday_chart = charts::bar_chart(
        "chart-weekday",
        &t!(lang, "chart-weekday-title"),
        &t!(lang, "chart-weekday-description"),
        &weekday_bars,
        1,
    );
    let hour_chart = charts::bar_chart(
        "chart-hour",
        &t!(lang, "chart-hour-title"),
        &t!(lang, "chart-hour-description"),
        &hour_bars,
        3,
    );
    view! {
        <h3>{t!(lang, "profile-data")}</h3>
        <p>{t!(lang, "profile-data-intro", count = analysis.reports, from = period_from, to = period_to)}</p>
        <Chart svg=week_chart caption=t!(lang, "chart-week-title") bars=week_bars.clone() lang />
        <Chart svg=weekday_chart caption=t!(lang, "chart-weekday-title") bars=weekday_bars lang />
        <Chart svg=hour_chart caption=t!(lang, "chart-hour-title") bars=hour_bars lang />
        <h3>{t!(lang, "profile-places")}</h3>
        {(!analysis.map_svg.is_empty()).then(|| view! { <figure class="chart-figure" inner_html=analysis.map_svg.clone()></figure> })}
        {analysis.places.is_empty().then(|| view! { <p>{t!(lang, "profile-places-none")}</p> })}
        {(!analysis.places.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table>
                    <caption>{t!(lang, "profile-places-caption")}</caption>
                    <thead><tr><th scope="col">{t!(lang, "profile-places-ward")}</th><th scope="col">{t!(lang, "profile-places-point")}</th><th scope="col">{t!(lang, "profile-places-reports")}</th></tr></thead>
                    <tbody>
                        {analysis.places.iter().map(|pl| view! {
                            <tr><td>{pl.ward.clone()}</td><td>{format!("{:.4}, {:.4}", pl.lat, pl.lon)}</td><td>{pl.reports}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <h3>{t!(lang, "profile-victims")}</h3>
        <p>{if analysis.repeat_victims.is_empty() {
            t!(lang, "profile-victims-none")
        } else {
            t!(lang, "profile-victims-some", people = (analysis.repeat_victims.len() as i64), counts = analysis.repeat_victims.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "))
        }}</p>
    }
    .into_any()
}

/// One action of the Response stage as its reader may see it (who does it, in words).
#[derive(Clone, Debug)]
struct ActionRow {
    title: String,
    owner: String,
    due_on: Option<String>,
    overdue: bool,
    status: ActionStatus,
    notes: String,
}

#[component]
fn ActionsTable(lang: Lang, response_started: Option<String>, rows: Vec<ActionRow>) -> impl IntoView {
    view! {
        <p>{match &response_started {
            Some(d) => t!(lang, "profile-response-started", date = d.clone()),
            None => t!(lang, "profile-response-not-started"),
        }}</p>
        {rows.is_empty().then(|| view! { <p>{t!(lang, "profile-actions-none")}</p> })}
        {(!rows.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table class="stack">
                    <caption>{t!(lang, "profile-actions")}</caption>
                    <thead><tr>
                        <th scope="col">{t!(lang, "action-title")}</th>
                        <th scope="col">{t!(lang, "action-owner")}</th>
                        <th scope="col">{t!(lang, "action-due")}</th>
                        <th scope="col">{t!(lang, "action-status")}</th>
                        <th scope="col">{t!(lang, "action-notes")}</th>
                    </tr></thead>
                    <tbody>
                        {rows.iter().map(|a| view! {
                            <tr class=a.overdue.then_some("overdue")>
                                <td class="stack-title">{a.title.clone()}</td>
                                <td data-label=t!(lang, "action-owner")>{a.owner.clone()}</td>
                                <td data-label=t!(lang, "action-due")>{a.due_on.clone().unwrap_or_default()} {a.overdue.then(|| view! { " " <span class="tag tag-warning">{t!(lang, "action-overdue")}</span> })}</td>
                                <td data-label=t!(lang, "action-status")>{action_status_name(lang, a.status)}</td>
                                <td data-label=t!(lang, "action-notes")>{a.notes.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// The assessment: how much of the response was done, and what the numbers say.
#[component]
fn AssessmentFacts(
    lang: Lang,
    done: i64,
    total: i64,
    process_review: String,
    assessment: Result<Assessment, WindowProblem>,
    window_days: i64,
) -> impl IntoView {
    view! {
        <h3>{t!(lang, "assessment-process")}</h3>
        <p>{t!(lang, "assessment-process-count", done = done, total = total)}</p>
        <p>{or_none(lang, &process_review)}</p>
        <h3>{t!(lang, "assessment-outcome")}</h3>
        <AssessmentTable lang assessment window_days />
    }
}

fn change_name(lang: Lang, change: ProfileChange) -> String {
    match change {
        ProfileChange::Opened => t!(lang, "change-opened"),
        ProfileChange::Terms => t!(lang, "change-terms"),
        ProfileChange::Scanning => t!(lang, "change-scanning"),
        ProfileChange::Analysis => t!(lang, "change-analysis"),
        ProfileChange::ItemAdded => t!(lang, "change-item-added"),
        ProfileChange::ItemRemoved => t!(lang, "change-item-removed"),
        ProfileChange::ActionAdded => t!(lang, "change-action-added"),
        ProfileChange::ActionUpdated => t!(lang, "change-action-updated"),
        ProfileChange::Assessment => t!(lang, "change-assessment"),
        ProfileChange::Stage => t!(lang, "change-stage"),
        ProfileChange::Shared => t!(lang, "change-shared"),
        ProfileChange::Decided => t!(lang, "change-decided"),
    }
}

/// A chart with its numbers in a table underneath (open on request).
#[component]
fn Chart(lang: Lang, svg: String, caption: String, bars: Vec<(String, i64)>) -> impl IntoView {
    view! {
        <figure class="chart-figure">
            <figcaption>{caption.clone()}</figcaption>
            <div inner_html=svg></div>
            <details>
                <summary>{t!(lang, "chart-table", chart = caption.clone())}</summary>
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">{caption}</caption>
                        <thead><tr><th scope="col">{t!(lang, "chart-when")}</th><th scope="col">{t!(lang, "chart-reports")}</th></tr></thead>
                        <tbody>{bars.into_iter().map(|(label, n)| view! { <tr><td>{label}</td><td>{n}</td></tr> }).collect_view()}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

fn verdict_name(lang: Lang, v: Verdict) -> String {
    match v {
        Verdict::NoReports => t!(lang, "verdict-no-reports"),
        Verdict::Fell => t!(lang, "verdict-fell"),
        Verdict::Rose => t!(lang, "verdict-rose"),
        Verdict::NoClearChange => t!(lang, "verdict-no-clear-change"),
    }
}

fn change_cells(lang: Lang, c: &RateChange) -> impl IntoView {
    let ratio = c.ratio.map(|r| format!("{r:.2}")).unwrap_or_else(|| "–".into());
    let percent = c.percent().map(|p| format!("{p:+.0}%")).unwrap_or_else(|| "–".into());
    let interval = if c.high.is_finite() { format!("{:.2}–{:.2}", c.low, c.high) } else { "–".into() };
    view! {
        <td data-label=t!(lang, "assessment-before")>{c.before}</td>
        <td data-label=t!(lang, "assessment-after")>{c.after}</td>
        <td data-label=t!(lang, "assessment-change")>{percent}</td>
        <td data-label=t!(lang, "assessment-ratio")>{ratio}</td>
        <td data-label=t!(lang, "assessment-interval")>{interval}</td>
        <td data-label=t!(lang, "assessment-verdict")>{verdict_name(lang, c.verdict)}</td>
    }
}

#[component]
fn AssessmentTable(
    lang: Lang,
    assessment: Result<Assessment, WindowProblem>,
    window_days: i64,
) -> impl IntoView {
    match assessment {
        Err(WindowProblem::NotOver) => view! { <p>{t!(lang, "assessment-not-over", days = window_days)}</p> }.into_any(),
        Err(_) => view! { <p>{t!(lang, "assessment-not-started")}</p> }.into_any(),
        Ok(a) => view! {
            <p>{t!(lang, "assessment-windows", before_from = date(lang, a.before.from), before_to = date(lang, a.before.to - DAY), after_from = date(lang, a.after.from), after_to = date(lang, a.after.to - DAY), days = a.before.days())}</p>
            <div class="table-wrap">
                <table class="stack">
                    <caption>{t!(lang, "assessment-caption")}</caption>
                    <thead><tr>
                        <th scope="col">{t!(lang, "assessment-where")}</th>
                        <th scope="col">{t!(lang, "assessment-before")}</th>
                        <th scope="col">{t!(lang, "assessment-after")}</th>
                        <th scope="col">{t!(lang, "assessment-change")}</th>
                        <th scope="col">{t!(lang, "assessment-ratio")}</th>
                        <th scope="col">{t!(lang, "assessment-interval")}</th>
                        <th scope="col">{t!(lang, "assessment-verdict")}</th>
                    </tr></thead>
                    <tbody>
                        <tr><th scope="row">{t!(lang, "assessment-area")}</th>{change_cells(lang, &a.area)}</tr>
                        <tr><th scope="row">{t!(lang, "assessment-background")}</th>{change_cells(lang, &a.background)}</tr>
                        <tr><th scope="row">{t!(lang, "assessment-neighbours")}</th>{change_cells(lang, &a.neighbours)}</tr>
                    </tbody>
                </table>
            </div>
            <p>{match a.relative {
                Some(r) => t!(lang, "assessment-relative", ratio = format!("{:.2}", r.ratio), low = format!("{:.2}", r.low), high = format!("{:.2}", r.high), verdict = verdict_name(lang, r.verdict)),
                None => t!(lang, "assessment-relative-none"),
            }}</p>
            {a.displacement_suspected.then(|| view! { <p class="notice notice-warning">{t!(lang, "assessment-displacement")}</p> })}
            <p class="hint">{t!(lang, "assessment-method")}</p>
        }.into_any(),
    }
}
