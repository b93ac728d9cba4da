//! The HTML shell and the route table. Every page exists twice: in English at its path and in
//! Welsh under `/cy`, rendered by the same components with the language as context.

use crate::{
    frame::{Frame, NotFound},
    home::{
        pages::{AccessibilityPage, HomePage},
        partnership::PartnershipPage,
    },
    i18n::Lang,
    reference::pages::PartnershipsPage,
    reporting::pages::{ReportPage, TrackPage},
    staff::pages::SignInPage,
    trigger::pages::CaseReviewPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::shell::security::content_security_policy();
    // Staff pages are plain server-rendered forms and are left out of the wasm bundle, so
    // residents on slow phones download only what their pages use. They get no hydration.
    #[cfg(feature = "ssr")]
    let hydrate = use_context::<http::request::Parts>().is_none_or(|parts| !is_staff_path(parts.uri.path()));
    #[cfg(not(feature = "ssr"))]
    let hydrate = true;
    #[cfg(feature = "ssr")]
    let quick_exit = crate::shell::security::quick_exit_script();
    #[cfg(not(feature = "ssr"))]
    let quick_exit = ();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                {hydrate.then(|| view! { <HydrationScripts options /> })}
                {quick_exit}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/cymuned.css" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Title formatter=|text: String| format!("{text} – Cymuned") />
        <Router>
            <Routes fallback=|| view! { <NotFound /> }>
                <ParentRoute path=path!("/cy") view=|| view! { <Layout lang=Lang::Cy /> } ssr=SsrMode::Async>
                    <Pages />
                </ParentRoute>
                <ParentRoute path=path!("") view=|| view! { <Layout lang=Lang::En /> } ssr=SsrMode::Async>
                    <Pages />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The pages, mounted once under `/` and once under `/cy`.
#[component(transparent)]
fn Pages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("") view=HomePage />
            <Route path=path!("partnerships") view=PartnershipsPage />
            <Route path=path!("partnerships/:slug") view=PartnershipPage />
            <Route path=path!("accessibility") view=AccessibilityPage />
            <Route path=path!("report") view=ReportPage />
            <Route path=path!("track/:token") view=TrackPage />
            <Route path=path!("sign-in") view=SignInPage />
            <Route path=path!("case-review") view=CaseReviewPage />
            <StaffPages />
        </ParentRoute>
    }
    .into_inner()
}

/// Whether a path is a staff page (English or Welsh): rendered on the server only.
pub fn is_staff_path(path: &str) -> bool {
    let path = path.strip_prefix("/cy").unwrap_or(path);
    path == "/staff" || path.starts_with("/staff/")
}

/// The staff pages, on the server.
#[cfg(feature = "ssr")]
#[component(transparent)]
fn StaffPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::{
        audit::pages::AuditLogPage,
        problems::{
            pages::{ProblemsPage, ProfilePage},
            strategic_pages::{StrategicAssessmentPage, StrategicAssessmentsPage},
            tasking::{ControlStrategyPage, TaskingPage},
        },
        staff::{pages::StaffHomePage, team::TeamPage},
        triage::pages::{IntakePage, IntelligencePage, TriagePage},
        trigger::pages::CaseReviewsPage,
    };
    view! {
        <ParentRoute path=path!("staff") view=Outlet>
            <Route path=path!("") view=StaffHomePage />
            <Route path=path!("audit") view=AuditLogPage />
            <Route path=path!("team") view=TeamPage />
            <Route path=path!("intake") view=IntakePage />
            <Route path=path!("reports/:reference") view=TriagePage />
            <Route path=path!("intelligence") view=IntelligencePage />
            <Route path=path!("case-reviews") view=CaseReviewsPage />
            <Route path=path!("problems") view=ProblemsPage />
            <Route path=path!("problems/:reference") view=ProfilePage />
            <Route path=path!("tasking") view=TaskingPage />
            <Route path=path!("control-strategy") view=ControlStrategyPage />
            <Route path=path!("strategic-assessments") view=StrategicAssessmentsPage />
            <Route path=path!("strategic-assessments/:year/:quarter") view=StrategicAssessmentPage />
        </ParentRoute>
    }
    .into_inner()
}

/// In the browser the staff pages are not part of the bundle: following a link to one loads it
/// from the server as a whole page.
#[cfg(not(feature = "ssr"))]
#[component(transparent)]
fn StaffPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("staff") view=Outlet>
            <Route path=path!("") view=LoadFromServer />
            <Route path=path!("*rest") view=LoadFromServer />
        </ParentRoute>
    }
    .into_inner()
}

#[cfg(not(feature = "ssr"))]
#[component]
fn LoadFromServer() -> impl IntoView {
    Effect::new(|| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let location = window.location();
            if let Ok(href) = location.href() {
                let _ = location.replace(&href);
            }
        }
    });
}

#[component]
fn Layout(lang: Lang) -> impl IntoView {
    view! {
        <Frame lang>
            <Outlet />
        </Frame>
    }
}
