//! The frame around every page: skip link, header with navigation by role and the language
//! switch, main landmark, footer. Also the 404 page and the page-level error display.

pub mod assets;
#[cfg(feature = "ssr")]
pub mod problem;
#[cfg(feature = "ssr")]
pub mod security;

use crate::{error::AppError, i18n::Lang, staff::pages::whoami, staff::Permission, t};
use leptos::prelude::*;
use leptos_meta::{Html, Link, Title};
use leptos_router::{components::A, hooks::use_location};

/// The language of the page being rendered, from its path (`/cy/...` is Welsh).
pub fn use_lang() -> Lang {
    Lang::from_path(&use_location().pathname.get_untracked())
}

/// Percent-encodes a path and query for use inside a query string.
pub fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

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
    view! {
        <Html attr:lang=lang.code() attr:dir="ltr" />
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
        <main id="main" tabindex="-1" class="wrap">{children()}</main>
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

/// For people who work in several CSPs: which CSP's records to show (a plain GET form).
#[component]
pub fn CspPicker(
    lang: Lang,
    csps: Vec<(String, crate::reference::Names)>,
    selected: String,
) -> impl IntoView {
    (csps.len() > 1).then(|| {
        view! {
            <form method="get" class="form inline-fields">
                <div class="field">
                    <label for="csp">{t!(lang, "audit-partnership")}</label>
                    <select id="csp" name="csp">
                        {csps.iter().map(|(slug, name)| view! {
                            <option value=slug.clone() selected=*slug == selected>{name.get(lang).to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t!(lang, "audit-show")}</button>
            </form>
        }
    })
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

/// The 404 content inside a page (an unknown partnership, say).
#[component]
pub fn NotFoundMessage(lang: Lang) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t!(lang, "not-found-title") />
        <h1>{t!(lang, "not-found-title")}</h1>
        <p>{t!(lang, "not-found-body")}</p>
        <p><a href=lang.path("/")>{t!(lang, "not-found-home")}</a></p>
    }
}

/// A failed server call, explained in the page's language.
#[component]
pub fn ErrorMessage(lang: Lang, error: ServerFnError) -> impl IntoView {
    let e = AppError::from_server_fn_error(&error);
    #[cfg(feature = "ssr")]
    let _ = crate::error::reject(e);
    view! {
        <div class="notice notice-error" role="alert">
            <p>{e.message(lang)}</p>
        </div>
    }
}
