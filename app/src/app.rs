//! The HTML shell and the route table. Every page exists twice: in English at its path and in
//! Welsh under `/cy`, rendered by the same components with the language as context.

use crate::{
    audit::pages::AuditLogPage,
    home::pages::{AccessibilityPage, HomePage},
    i18n::Lang,
    reference::pages::{PartnershipPage, PartnershipsPage},
    reporting::pages::{ReportPage, TrackPage},
    shell::{Frame, NotFound},
    staff::{
        pages::{SignInPage, StaffHomePage},
        team::TeamPage,
    },
    triage::pages::{IntakePage, IntelligencePage, TriagePage},
    trigger::pages::{CaseReviewPage, CaseReviewsPage},
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
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
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
            <Route path=path!("staff") view=StaffHomePage />
            <Route path=path!("staff/audit") view=AuditLogPage />
            <Route path=path!("staff/team") view=TeamPage />
            <Route path=path!("staff/intake") view=IntakePage />
            <Route path=path!("staff/reports/:reference") view=TriagePage />
            <Route path=path!("staff/intelligence") view=IntelligencePage />
            <Route path=path!("staff/case-reviews") view=CaseReviewsPage />
            <Route path=path!("case-review") view=CaseReviewPage />
        </ParentRoute>
    }
    .into_inner()
}

#[component]
fn Layout(lang: Lang) -> impl IntoView {
    view! {
        <Frame lang>
            <Outlet />
        </Frame>
    }
}
