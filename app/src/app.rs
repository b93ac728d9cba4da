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
    #[cfg(feature = "ssr")]
    let quick_exit = crate::shell::security::quick_exit_script();
    #[cfg(not(feature = "ssr"))]
    let quick_exit = ();
    // Pages are server-rendered HTML. Only a page holding an island (the report form's map, a
    // survey step with a place question) loads the browser bundle, through `shell::IslandScripts`, which needs the options.
    provide_context(options.clone());
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options />
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
        <Stylesheet id="leptos" href=crate::shell::assets::stylesheet_href() />
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
            // Issue 14: a neighbourhood's public page.
            <Route path=path!("neighbourhoods/:slug") view=crate::neighbourhoods::pages::NeighbourhoodPage />
            // Issue 14: a "you said, we did" publication.
            <YouSaidWeDidPages />
            <Route path=path!("accessibility") view=AccessibilityPage />
            <Route path=path!("report") view=ReportPage />
            <Route path=path!("track/:token") view=TrackPage />
            <Route path=path!("sign-in") view=SignInPage />
            <Route path=path!("case-review") view=CaseReviewPage />
            <SurveyPages />
            <SubscriptionPages />
            <StaffPages />
        </ParentRoute>
    }
    .into_inner()
}

/// Residents answering a campaign's survey (engagement), on the server.
#[cfg(feature = "ssr")]
#[component(transparent)]
fn SurveyPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::engagement::respond_pages::{SurveyLinkPage, SurveyPage, SurveyThanksPage};
    view! {
        <ParentRoute path=path!("have-your-say") view=Outlet>
            <Route path=path!(":slug") view=SurveyPage />
            <Route path=path!(":slug/thanks") view=SurveyThanksPage />
            <Route path=path!(":slug/link/:token") view=SurveyLinkPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The browser build holds no survey page: pages render on the server, and a place question's
/// map (`reporting::map::WherePicker`) is an island, brought to life without its page.
#[cfg(not(feature = "ssr"))]
#[component(transparent)]
fn SurveyPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("have-your-say") view=Outlet>
            <Route path=path!("*rest") view=|| () />
        </ParentRoute>
    }
    .into_inner()
}

/// Subscriptions (issue 14): subscribing, confirming, managing and unsubscribing, on the server.
#[cfg(feature = "ssr")]
#[component(transparent)]
fn SubscriptionPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::subscriptions::pages::{ConfirmPage, ManagePage, SubscribePage, UnsubscribePage};
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("partnerships/:slug/subscribe") view=SubscribePage />
            <Route path=path!("subscriptions/:token") view=ManagePage />
            <Route path=path!("subscriptions/:token/confirm") view=ConfirmPage />
            <Route path=path!("unsubscribe/:token") view=UnsubscribePage />
            <Route path=path!("stop-news/:token") view=crate::stop_news::pages::StopNewsPage />
        </ParentRoute>
    }
    .into_inner()
}

/// "You said, we did" publications (issue 14), on the server.
#[cfg(feature = "ssr")]
#[component(transparent)]
fn YouSaidWeDidPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("you-said-we-did") view=Outlet>
            <Route path=path!(":id") view=crate::publications::pages::PublicPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The browser build holds no publication page (they load no island).
#[cfg(not(feature = "ssr"))]
#[component(transparent)]
fn YouSaidWeDidPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("you-said-we-did") view=Outlet>
            <Route path=path!("*rest") view=|| () />
        </ParentRoute>
    }
    .into_inner()
}

/// The browser build holds no subscription page (they load no island).
#[cfg(not(feature = "ssr"))]
#[component(transparent)]
fn SubscriptionPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("subscriptions") view=Outlet>
            <Route path=path!("*rest") view=|| () />
        </ParentRoute>
    }
    .into_inner()
}

/// The staff pages, on the server.
#[cfg(feature = "ssr")]
#[component(transparent)]
fn StaffPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::{
        audit::pages::AuditLogPage,
        // Engagement: the reach view (issue 13, reach).
        engagement::reach_page::ReachPage,
        // Engagement: campaigns, the partnership calendar and the survey builder.
        engagement::{
            builder_pages::{SurveyBuilderPage, SurveyPreviewPage},
            campaign_pages::{CampaignPage, EngagementPage},
        },
        problems::{
            pages::{ProblemsPage, ProfilePage},
            strategic_pages::{StrategicAssessmentPage, StrategicAssessmentsPage},
            tasking::{ControlStrategyPage, TaskingPage},
        },
        staff::{pages::StaffHomePage, team::TeamPage},
        triage::pages::{IntakePage, IntelligencePage, TriagePage},
        trigger::pages::CaseReviewsPage,
    };
    // The Key Individual Network (issue 13, kin).
    use crate::engagement::kin_pages::{KinMemberPage, KinRegisterPage};
    // Issue 13 (intel): intelligence recorded from engagement, neighbourhood priorities.
    use crate::{engagement::priorities::pages::PrioritiesPage, triage::record::RecordIntelligencePage};
    view! {
        <ParentRoute path=path!("staff") view=Outlet>
            <Route path=path!("") view=StaffHomePage />
            <Route path=path!("audit") view=AuditLogPage />
            <Route path=path!("team") view=TeamPage />
            <Route path=path!("intake") view=IntakePage />
            <Route path=path!("reports/:reference") view=TriagePage />
            <Route path=path!("intelligence") view=IntelligencePage />
            // Issue 13 (intel).
            <Route path=path!("intelligence/record") view=RecordIntelligencePage />
            <Route path=path!("engagement/priorities") view=PrioritiesPage />
            <Route path=path!("case-reviews") view=CaseReviewsPage />
            <Route path=path!("problems") view=ProblemsPage />
            <Route path=path!("problems/:reference") view=ProfilePage />
            <Route path=path!("tasking") view=TaskingPage />
            <Route path=path!("control-strategy") view=ControlStrategyPage />
            <Route path=path!("strategic-assessments") view=StrategicAssessmentsPage />
            <Route path=path!("strategic-assessments/:year/:quarter") view=StrategicAssessmentPage />
            // Engagement: campaigns, the partnership calendar and the survey builder.
            <Route path=path!("engagement") view=EngagementPage />
            // The Key Individual Network (issue 13, kin): before `engagement/:id`.
            <Route path=path!("engagement/published") view=crate::engagement::published_pages::PublishedResultsPage />
            // "You said, we did" publications (issue 14): before `engagement/:id`.
            <Route path=path!("engagement/publications") view=crate::publications::pages::PublicationsPage />
            <Route path=path!("engagement/publications/:id") view=crate::publications::pages::PublicationPage />
            <Route path=path!("engagement/publications/:id/preview") view=crate::publications::pages::PreviewPage />
            <Route path=path!("engagement/kin") view=KinRegisterPage />
            <Route path=path!("engagement/kin/:id") view=KinMemberPage />
            <Route path=path!("engagement/:id") view=CampaignPage />
            <Route path=path!("engagement/:id/survey") view=SurveyBuilderPage />
            <Route path=path!("engagement/:id/survey/preview") view=SurveyPreviewPage />
            // Engagement results and coding (part: results).
            <Route path=path!("engagement/:id/results") view=crate::engagement::results_pages::ResultsPage />
            <Route path=path!("engagement/:id/coding") view=crate::engagement::coding_pages::CodingPage />
            // Responding (issue 13): face-to-face entry, the paper version, paper imports.
            <Route path=path!("engagement/:id/enter") view=crate::engagement::entry_pages::EntryPage />
            <Route path=path!("engagement/:id/paper") view=crate::engagement::entry_pages::PaperPage />
            <Route path=path!("engagement/:id/import") view=crate::engagement::entry_pages::ImportPage />
            <Route path=path!("engagement/:id/reach") view=ReachPage />
            // Tension assessments (issue 15, part 1): `levels` before `:neighbourhood`.
            <Route path=path!("tension") view=crate::tension::assessments_pages::TensionPage />
            <Route path=path!("tension/levels") view=crate::tension::assessments_pages::TensionLevelsPage />
            // Tension monitoring (issue 15): trigger events and the tension rota
            // (before `tension/:neighbourhood`: the first route that matches serves).
            <Route path=path!("tension/events") view=crate::tension::events_pages::TensionEventsPage />
            <Route path=path!("tension/events/new") view=crate::tension::events_pages::NewTensionEventPage />
            <Route path=path!("tension/events/:id") view=crate::tension::events_pages::TensionEventPage />
            <Route path=path!("tension/events/:id/edit") view=crate::tension::events_pages::EditTensionEventPage />
            <Route path=path!("tension/rota") view=crate::tension::rota::TensionRotaPage />
            // The cohesion coordinator's cross-border view (issue 15, part 6).
            <Route path=path!("tension/region") view=crate::tension::region::TensionRegionPage />
            // The weekly tension summary for the tasking meeting (issue 15, part 4).
            <Route path=path!("tension/summary") view=crate::tension::summary::TensionSummaryPage />
            <Route path=path!("tension/:neighbourhood") view=crate::tension::assessments_pages::TensionNeighbourhoodPage />
            <Route path=path!("tension/:neighbourhood/assess") view=crate::tension::assessments_pages::TensionAssessPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The browser renders no page (only islands), so its build needs no staff page: one empty
/// route keeps the table's shape.
#[cfg(not(feature = "ssr"))]
#[component(transparent)]
fn StaffPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("staff") view=Outlet>
            <Route path=path!("*rest") view=|| () />
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
