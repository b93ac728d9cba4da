//! The frame around every page: skip link, header with navigation by role and the language
//! switch, main landmark, footer. It sits above the capabilities (the navigation asks `staff`
//! who is signed in), so no capability depends on it.

use crate::{
    i18n::Lang,
    shell::{encode_component, use_lang, NotFoundMessage},
    staff::{pages::whoami, Permission},
    t,
};
use leptos::prelude::*;
use leptos_meta::{Html, Link};
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn Frame(lang: Lang, children: Children) -> impl IntoView {
    let location = use_location();
    let (pathname, search) = (location.pathname, location.search);
    let other = lang.other();
    let switch_href = move || {
        let (path, search) = (pathname.get(), search.get());
        let here = if search.is_empty() { path } else { format!("{path}?{search}") };
        format!("/language/{}?next={}", other.code(), encode_component(&other.path(&here)))
    };
    // For search engines: the same page in each language (rendered on the server).
    let alternate = |l: Lang| l.path(&pathname.get_untracked());
    // Staff pages are desk work: their tables take a desktop screen's width (`.desk` in the style).
    let english = pathname.with_untracked(|p| Lang::english_path(p).to_string());
    let desk = english == "/staff" || english.starts_with("/staff/");
    // Demo mode says so on every page, in words (not only colour), first in the main landmark.
    #[cfg(feature = "ssr")]
    let demo = crate::state::AppState::current()
        .is_ok_and(|s| s.settings.environment == crate::config::Environment::Demo);
    #[cfg(not(feature = "ssr"))]
    let demo = false;
    let demo_banner = demo.then(|| {
        view! {
            <p class="notice demo-banner" role="note">
                <strong>{t!(lang, "demo-banner-label")}</strong>" "{t!(lang, "demo-banner")}
            </p>
        }
    });
    view! {
        <Html attr:lang=lang.code() attr:dir="ltr" attr:class=desk.then_some("desk") />
        <Link rel="alternate" hreflang="en" href=alternate(Lang::En) />
        <Link rel="alternate" hreflang="cy" href=alternate(Lang::Cy) />
        <a class="skip-link" href="#main">{t!(lang, "skip-to-main")}</a>
        <header class="site-header">
            <div class="wrap header-bar">
                <a class="brand" href=lang.path("/")>
                    <span class="brand-name">"Cymuned"</span>
                    <span class="brand-tagline">{t!(lang, "site-tagline")}</span>
                </a>
                <a class="lang-switch" href=switch_href rel="external" lang=other.code() hreflang=other.code()>
                    {other.endonym()}
                </a>
            </div>
            <Nav lang />
        </header>
        <main id="main" tabindex="-1" class="wrap">{demo_banner}{children()}</main>
        <footer class="site-footer">
            <div class="wrap">
                <ul class="footer-links">
                    <li><a href=lang.path("/accessibility")>{t!(lang, "footer-accessibility")}</a></li>
                    <li><a href="/api/v1/openapi.json" rel="external">{t!(lang, "footer-api")}</a></li>
                </ul>
                <p class="attribution">{t!(lang, "footer-attribution")}</p>
            </div>
        </footer>
    }
}

#[component]
fn Nav(lang: Lang) -> impl IntoView {
    let user = Resource::new_blocking(|| (), |_| whoami());
    view! {
        <nav class="site-nav" aria-label=t!(lang, "nav-label")>
            <div class="wrap">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let user = user.await.ok().flatten();
                        view! {
                            <ul>
                                // `A` marks the current page with aria-current="page".
                                <li><A href=lang.path("/") exact=true>{t!(lang, "nav-home")}</A></li>
                                <li><A href=lang.path("/report")>{t!(lang, "nav-report")}</A></li>
                                <li><A href=lang.path("/partnerships")>{t!(lang, "nav-partnerships")}</A></li>
                                {user.clone().map(|u| view! {
                                    <li><A href=lang.path("/staff") exact=true>{t!(lang, "nav-staff-home")}</A></li>
                                    {u.can_somewhere(Permission::ViewReports).then(|| view! {
                                        <li><A href=lang.path("/staff/intake")>{t!(lang, "nav-intake")}</A></li>
                                    })}
                                    {(u.can_somewhere(Permission::ViewIntelligence) || u.can_somewhere(Permission::ViewSharedIntelligence)).then(|| view! {
                                        <li><A href=lang.path("/staff/intelligence")>{t!(lang, "nav-intelligence")}</A></li>
                                    })}
                                    {(u.can_somewhere(Permission::ViewProblems) || u.can_somewhere(Permission::ViewSharedProblems)).then(|| view! {
                                        <li><A href=lang.path("/staff/problems")>{t!(lang, "nav-problems")}</A></li>
                                    })}
                                    // Tension monitoring (issue 15).
                                    {u.can_somewhere(Permission::ViewTension).then(|| view! {
                                        <li><A href=lang.path("/staff/tension")>{t!(lang, "nav-tension")}</A></li>
                                    })}
                                    // Tension monitoring (issue 15): the trigger events' calendar.
                                    {u.can_somewhere(Permission::ViewTensionEvents).then(|| view! {
                                        <li><A href=lang.path("/staff/tension/events")>{t!(lang, "nav-tension-events")}</A></li>
                                    })}
                                    {u.can_somewhere(Permission::ManageRoles).then(|| view! {
                                        <li><A href=lang.path("/staff/team")>{t!(lang, "nav-team")}</A></li>
                                    })}
                                    {u.can_somewhere(Permission::ViewAuditLog).then(|| view! {
                                        <li><A href=lang.path("/staff/audit")>{t!(lang, "nav-audit")}</A></li>
                                    })}
                                    <li>
                                        <form method="post" action="/sign-out" class="inline-form">
                                            <input type="hidden" name="lang" value=lang.code() />
                                            <button type="submit" class="link-button">{t!(lang, "nav-sign-out")}</button>
                                        </form>
                                    </li>
                                })}
                                {user.is_none().then(|| view! {
                                    <li><A href=lang.path("/sign-in")>{t!(lang, "nav-sign-in")}</A></li>
                                })}
                            </ul>
                        }
                    })}
                </Suspense>
            </div>
        </nav>
    }
}

/// The bilingual 404 page; also sets the HTTP status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let lang = use_lang();
    view! {
        <Frame lang>
            <NotFoundMessage lang />
        </Frame>
    }
}
