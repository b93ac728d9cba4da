//! What every capability's pages share: the page language, links, the partnership picker, the
//! 404 page and the page-level error display, the one way a page loads its data with the
//! scaffold around it (`page.rs`), problem pages for handlers, security headers.
//! It depends on no capability; the frame around pages (which knows who is signed in) is
//! `crate::frame`.

pub mod assets;
pub mod form;
pub mod outcome;
pub mod page;
#[cfg(feature = "ssr")]
pub mod problem;
#[cfg(feature = "ssr")]
pub mod security;

use crate::{error::AppError, i18n::Lang, t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

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

/// The hidden fields every staff form carries: the language the answer is written in and the
/// version of the record the form was drawn from (a stale one is refused).
#[component]
pub fn Hidden(lang: Lang, version: i64) -> impl IntoView {
    view! {
        <input type="hidden" name="lang" value=lang.code() />
        <input type="hidden" name="version" value=version.to_string() />
    }
}
