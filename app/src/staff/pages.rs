//! Sign-in page and the staff home. The forms post to plain axum handlers (`sign_in.rs`).

use crate::{
    error::AppError,
    i18n::Lang,
    shell::{page::Page, use_lang},
    staff::{Permission, Role, StaffUser},
    t,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The signed-in member of staff, or `None`.
pub async fn whoami() -> Result<Option<StaffUser>, ServerFnError> {
    Ok(crate::staff::session::current_user().map(|u| (*u).clone()))
}

/// The signed-in member of staff, or an error that says they must sign in.
pub fn require_user() -> Result<std::sync::Arc<StaffUser>, ServerFnError> {
    crate::staff::session::current_user().ok_or_else(|| crate::error::reject(AppError::NotSignedIn))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DemoInfo {
    pub password: String,
    pub emails: Vec<(String, Role)>,
}

/// The demo accounts, only when the hub runs in demo mode.
pub async fn demo_accounts() -> Result<Option<DemoInfo>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    if state.settings.environment != crate::config::Environment::Demo {
        return Ok(None);
    }
    let emails = crate::staff::accounts::demo_accounts().into_iter().map(|d| (d.email, d.role)).collect();
    Ok(Some(DemoInfo { password: crate::staff::accounts::DEMO_PASSWORD.into(), emails }))
}

pub fn role_name(lang: Lang, role: Role) -> String {
    match role {
        Role::Officer => t!(lang, "role-officer"),
        Role::Analyst => t!(lang, "role-analyst"),
        Role::EngagementLead => t!(lang, "role-engagement-lead"),
        Role::Partner => t!(lang, "role-partner"),
        Role::CspManager => t!(lang, "role-csp-manager"),
        Role::Admin => t!(lang, "role-admin"),
        Role::CohesionCoordinator => t!(lang, "role-cohesion-coordinator"),
    }
}

fn sign_in_error(lang: Lang, code: &str) -> Option<String> {
    use crate::shell::outcome::{Kind, Outcome, Pages};
    Outcome::find(Pages::SignIn, Kind::Error, code).map(|outcome| outcome.message(lang))
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let error = move || query.read().get("error").and_then(|c| sign_in_error(lang, &c));
    let signed_out = move || query.read().get("signed_out").is_some();
    let next = move || query.read().get("next").unwrap_or_default();
    // Without the demo accounts (not a demo, or the settings unreadable) the page is the form alone.
    let load = async { Ok::<_, ServerFnError>(demo_accounts().await.ok().flatten()) };
    view! {
        <Page lang title=t!(lang, "sign-in-title") load render=move |demo| demo.map(|info| view! { <DemoAccounts lang info /> })>
            {move || signed_out().then(|| view! {
                <div class="notice notice-success" role="status"><p>{t!(lang, "sign-in-signed-out")}</p></div>
            })}
            {move || error().map(|message| view! {
                <div class="notice notice-error" role="alert" id="sign-in-error"><p>{message}</p></div>
            })}
            <p>{t!(lang, "sign-in-intro")}</p>
            <form method="post" action="/sign-in" class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="email">{t!(lang, "sign-in-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required spellcheck="false"
                        aria-describedby=move || error().map(|_| "sign-in-error") />
                </div>
                <div class="field">
                    <label for="password">{t!(lang, "sign-in-password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required />
                </div>
                <button type="submit" class="button">{t!(lang, "sign-in-submit")}</button>
            </form>
        </Page>
    }
}

/// The demo accounts and their password, on the sign-in page of a demo hub.
#[component]
fn DemoAccounts(lang: Lang, info: DemoInfo) -> impl IntoView {
    view! {
        <section class="demo-accounts" aria-labelledby="demo-heading">
            <h2 id="demo-heading">{t!(lang, "demo-heading")}</h2>
            <p>{t!(lang, "demo-intro")}</p>
            <p>{t!(lang, "demo-password")} " " <code>{info.password.clone()}</code></p>
            <table>
                <caption class="visually-hidden">{t!(lang, "demo-heading")}</caption>
                <thead><tr><th scope="col">{t!(lang, "demo-role")}</th><th scope="col">{t!(lang, "sign-in-email")}</th></tr></thead>
                <tbody>
                    {info.emails.into_iter().map(|(email, role)| view! {
                        <tr><td>{role_name(lang, role)}</td><td><code>{email}</code></td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The staff home page's data: the signed-in member of staff.
pub async fn staff_home() -> Result<StaffUser, ServerFnError> {
    Ok((*require_user()?).clone())
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Page lang title=t!(lang, "staff-title") load=staff_home() render=move |user| view! { <StaffHome lang user /> } />
    }
}

/// The staff home's rows of roles: (role, where, organisation). A role held in one CSP is a row
/// of its own; a role held for a region is one row naming the region and the CSPs it covers.
fn grant_rows(lang: Lang, user: &StaffUser) -> Vec<(Role, String, Option<String>)> {
    let mut rows: Vec<(Role, String, Option<String>)> = Vec::new();
    let mut regions: Vec<(Role, i64)> = Vec::new();
    for g in &user.grants {
        match &g.region {
            None => rows.push((g.role, g.csp_name.get(lang).to_string(), g.organisation.clone())),
            Some(region) if !regions.contains(&(g.role, region.id)) => {
                regions.push((g.role, region.id));
                let csps: Vec<String> = user
                    .grants
                    .iter()
                    .filter(|o| o.role == g.role && o.region.as_ref().map(|r| r.id) == Some(region.id))
                    .map(|o| o.csp_name.get(lang).to_string())
                    .collect();
                let place =
                    t!(lang, "staff-region-grant", region = region.name.get(lang), csps = csps.join(", "));
                rows.push((g.role, place, None));
            }
            Some(_) => {}
        }
    }
    rows
}

#[component]
fn StaffHome(lang: Lang, user: StaffUser) -> impl IntoView {
    let can_audit = user.can_somewhere(Permission::ViewAuditLog);
    let can_manage = user.can_somewhere(Permission::ManageRoles);
    view! {
        <p class="lead">{t!(lang, "staff-signed-in-as", name = user.display_name.clone())}</p>
        <h2>{t!(lang, "staff-roles-heading")}</h2>
        <table>
            <caption class="visually-hidden">{t!(lang, "staff-roles-heading")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(lang, "staff-role")}</th>
                    <th scope="col">{t!(lang, "staff-partnership")}</th>
                    <th scope="col">{t!(lang, "staff-organisation")}</th>
                </tr>
            </thead>
            <tbody>
                {grant_rows(lang, &user).into_iter().map(|(role, place, organisation)| view! {
                    <tr>
                        <td>{role_name(lang, role)}</td>
                        <td>{place}</td>
                        <td>{organisation.unwrap_or_else(|| "—".into())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {user.grants.iter().any(|g| g.region.is_some()).then(|| view! { <p>{t!(lang, "staff-regional-note")}</p> })}
        <h2>{t!(lang, "staff-tools-heading")}</h2>
        <ul>
            {user.can_somewhere(Permission::ViewReports).then(|| view! { <li><a href=lang.path("/staff/intake")>{t!(lang, "nav-intake")}</a></li> })}
            {(user.can_somewhere(Permission::ViewIntelligence) || user.can_somewhere(Permission::ViewSharedIntelligence)).then(|| view! {
                <li><a href=lang.path("/staff/intelligence")>{t!(lang, "nav-intelligence")}</a></li>
            })}
            // Issue 13 (intel): intelligence recorded from engagement, neighbourhood priorities.
            {user.can_somewhere(Permission::RecordIntelligence).then(|| view! { <li><a href=lang.path("/staff/intelligence/record")>{t!(lang, "intelligence-record-link")}</a></li> })}
            {user.can_somewhere(Permission::ViewEngagementResults).then(|| view! { <li><a href=lang.path("/staff/engagement/priorities")>{t!(lang, "priority-title")}</a></li> })}
            {user.can_somewhere(Permission::TriageReports).then(|| view! { <li><a href=lang.path("/staff/case-reviews")>{t!(lang, "nav-case-reviews")}</a></li> })}
            // The Key Individual Network (issue 13, kin).
            {(user.can_somewhere(Permission::ViewPublishedResults) && !user.can_somewhere(Permission::ViewEngagementResults)).then(|| view! { <li><a href=lang.path("/staff/engagement/published")>{t!(lang, "nav-published-results")}</a></li> })}
            {user.can_somewhere(Permission::ManageKin).then(|| view! { <li><a href=lang.path("/staff/engagement/kin")>{t!(lang, "nav-kin")}</a></li> })}
            // "You said, we did" publications (issue 14).
            {user.can_somewhere(Permission::PublishYouSaidWeDid).then(|| view! { <li><a href=lang.path("/staff/engagement/publications")>{t!(lang, "publication-list-title")}</a></li> })}
            // Tension monitoring (issue 15).
            {user.can_somewhere(Permission::ViewTension).then(|| view! { <li><a href=lang.path("/staff/tension")>{t!(lang, "nav-tension")}</a></li> })}
            {user.has_role(Role::CohesionCoordinator).then(|| view! { <li><a href=lang.path("/staff/tension/region")>{t!(lang, "tension-region-nav")}</a></li> })}
            {can_manage.then(|| view! { <li><a href=lang.path("/staff/team")>{t!(lang, "nav-team")}</a></li> })}
            {can_audit.then(|| view! { <li><a href=lang.path("/staff/audit")>{t!(lang, "nav-audit")}</a></li> })}
            // Engagement: campaigns, the partnership calendar and the survey builder.
            {(user.can_somewhere(Permission::RunEngagement) || user.can_somewhere(Permission::ViewEngagementResults)).then(|| view! {
                <li><a href=lang.path("/staff/engagement")>{t!(lang, "nav-engagement")}</a></li>
            })}
            <li><a href=lang.path("/partnerships")>{t!(lang, "nav-partnerships")}</a></li>
        </ul>
        <p>{t!(lang, "staff-language-note")}</p>
    }
}
