//! Staff sessions: a random token in an HttpOnly cookie, only its SHA-256 in the database, so
//! sessions survive a restart and a stolen database holds no usable token. A session ends after
//! `session_idle_minutes` without a request or `session_absolute_hours` after sign-in.

use crate::{
    config::Settings,
    db::{self, Db},
    i18n::Lang,
    staff::{accounts, StaffUser},
    state::AppState,
};
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use http::{header, HeaderMap, HeaderValue};
use std::{net::SocketAddr, sync::Arc};

pub const SESSION_COOKIE: &str = "cymuned_session";
pub const LANG_COOKIE: &str = "cymuned_lang";

/// The signed-in member of staff for this request, if any.
#[derive(Clone, Default, Debug)]
pub struct CurrentUser(pub Option<Arc<StaffUser>>);

/// The session token's hash for this request (to end it at sign-out).
#[derive(Clone, Debug)]
pub struct SessionHash(pub String);

/// Where the request came from, for the audit log.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
        cookie::Cookie::split_parse(v)
            .filter_map(Result::ok)
            .find(|c| c.name() == name)
            .map(|c| c.value().to_string())
    })
}

fn build_cookie(
    name: &str,
    value: String,
    settings: &Settings,
    max_age: Option<cookie::time::Duration>,
    http_only: bool,
) -> HeaderValue {
    let mut c = cookie::Cookie::build((name.to_string(), value))
        .path("/")
        .http_only(http_only)
        .same_site(cookie::SameSite::Lax)
        .secure(settings.served_over_tls());
    if let Some(age) = max_age {
        c = c.max_age(age);
    }
    HeaderValue::from_str(&c.build().to_string()).expect("cookie is ASCII")
}

/// The session cookie; it lives as long as the absolute timeout at most.
pub fn session_cookie(token: &str, settings: &Settings) -> HeaderValue {
    build_cookie(
        SESSION_COOKIE,
        token.to_string(),
        settings,
        Some(cookie::time::Duration::hours(settings.session_absolute_hours)),
        true,
    )
}

pub fn expired_session_cookie(settings: &Settings) -> HeaderValue {
    build_cookie(SESSION_COOKIE, String::new(), settings, Some(cookie::time::Duration::ZERO), true)
}

/// Remembers the language a person chose, for a year.
pub fn language_cookie(lang: Lang, settings: &Settings) -> HeaderValue {
    build_cookie(
        LANG_COOKIE,
        lang.code().to_string(),
        settings,
        Some(cookie::time::Duration::days(365)),
        false,
    )
}

/// Starts a session for `user_id`, returning the token for the cookie.
pub async fn start(db: &Db, user_id: i64) -> Result<String, db::DbError> {
    let token = accounts::random_token();
    db::staff::create_session(db, &accounts::sha256_hex(&token), user_id).await?;
    Ok(token)
}

/// Is a session that started at `created_at` and was last used at `last_seen_at` still live?
pub fn is_live(settings: &Settings, now: i64, created_at: i64, last_seen_at: i64) -> bool {
    now - last_seen_at < settings.session_idle_minutes * 60
        && now - created_at < settings.session_absolute_hours * 3600
}

/// Middleware: finds the session behind the cookie (if any) and the client address, and puts
/// `CurrentUser`, `SessionHash` and `ClientIp` in the request for handlers and server functions.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let forwarded = state
        .settings
        .trust_proxy
        .then(|| req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()))
        .flatten()
        .and_then(|v| v.rsplit(',').next())
        .map(|v| v.trim().to_string())
        .filter(|v| v.parse::<std::net::IpAddr>().is_ok());
    let ip = forwarded
        .or_else(|| {
            req.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    req.extensions_mut().insert(ClientIp(ip));
    let mut user = CurrentUser::default();
    if let Some(token) = cookie_value(req.headers(), SESSION_COOKIE).filter(|t| !t.is_empty()) {
        let hash = accounts::sha256_hex(&token);
        match resolve(&state, &hash).await {
            Ok(found) => {
                user = CurrentUser(found.map(Arc::new));
                if user.0.is_some() {
                    req.extensions_mut().insert(SessionHash(hash));
                }
            }
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    req.extensions_mut().insert(user);
    next.run(req).await
}

async fn resolve(state: &AppState, hash: &str) -> Result<Option<StaffUser>, db::DbError> {
    let Some(session) = db::staff::session(&state.db, hash).await? else {
        return Ok(None);
    };
    let now = db::now();
    if !is_live(&state.settings, now, session.created_at, session.last_seen_at) {
        db::staff::delete_session(&state.db, hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= 60 {
        db::staff::touch_session(&state.db, hash, now).await?;
    }
    db::staff::staff_user(&state.db, session.user_id).await
}

/// The signed-in member of staff, inside a server function or a page being rendered.
pub fn current_user() -> Option<Arc<StaffUser>> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
        .and_then(|u| u.0)
}

pub fn client_ip() -> Option<String> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientIp>().map(|ip| ip.0.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_and_absolute_timeouts() {
        let s = Settings { session_idle_minutes: 30, session_absolute_hours: 12, ..Settings::default() };
        let start = 1_000_000;
        assert!(is_live(&s, start + 29 * 60, start, start));
        assert!(!is_live(&s, start + 30 * 60, start, start), "idle for exactly 30 minutes ends it");
        assert!(is_live(&s, start + 11 * 3600, start, start + 11 * 3600 - 60));
        assert!(
            !is_live(&s, start + 12 * 3600, start, start + 12 * 3600 - 60),
            "absolute timeout despite activity"
        );
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let s = Settings::default();
        let c = session_cookie("abc", &s).to_str().unwrap().to_string();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Path=/"), "{c}");
        assert!(!c.contains("Secure"));
        let tls = Settings { public_url: "https://x.example".into(), ..Settings::default() };
        assert!(session_cookie("abc", &tls).to_str().unwrap().contains("Secure"));
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; cymuned_session=tok; b=2"));
        assert_eq!(cookie_value(&headers, SESSION_COOKIE).as_deref(), Some("tok"));
    }
}
