//! Content-Security-Policy for rendered pages: scripts only from this site or carrying the
//! per-response nonce that Leptos puts on its hydration script; images from this site and the
//! configured map tile server only.

use leptos::prelude::*;

pub fn policy(nonce: Option<&str>, tile_origin: Option<&str>) -> String {
    let scripts = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:{tiles}; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'",
        tiles = tile_origin.map(|o| format!(" {o}")).unwrap_or_default()
    )
}

/// Called while rendering the shell: creates the nonce and sends the matching header.
pub fn content_security_policy() {
    leptos::nonce::provide_nonce();
    let nonce = leptos::nonce::use_nonce();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let tiles = use_context::<crate::state::AppState>().and_then(|s| s.settings.map_tile_origin());
        let value = policy(nonce.as_deref(), tiles.as_deref());
        if let Ok(value) = http::HeaderValue::from_str(&value) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// For pages that hold a resident's report or what they typed (the tracking page, a form kept
/// as a draft): `Cache-Control: no-store`, so neither the browser nor any cache keeps a copy
/// for someone else to find later.
pub fn no_store() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}

/// The quick exit, where JavaScript runs: the "leave this site quickly" link replaces the
/// page in the browser's history (`location.replace`), so Back does not return to it. Without
/// JavaScript the link is an ordinary link and still leaves at once.
pub const QUICK_EXIT_SCRIPT: &str = "document.addEventListener('click',function(e){\
var a=e.target&&e.target.closest?e.target.closest('a.quick-exit'):null;\
if(!a||e.button!==0||e.ctrlKey||e.metaKey||e.shiftKey||e.altKey)return;\
e.preventDefault();e.stopPropagation();window.location.replace(a.href);},true);";

/// The quick-exit script, carrying the response's nonce (the only inline script allowed).
pub fn quick_exit_script() -> impl IntoView {
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    view! { <script nonce=nonce inner_html=QUICK_EXIT_SCRIPT></script> }
}
