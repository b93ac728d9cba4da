//! Sign-in, sign-out and the language switch: plain HTML form posts and links handled by axum,
//! so they work the same with and without JavaScript.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    i18n::Lang,
    staff::{
        accounts,
        session::{self, ClientIp, CurrentUser, SessionHash},
    },
    state::AppState,
};
use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
    Extension, Form,
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use http::header;
use serde::Deserialize;
use std::{num::NonZeroU32, time::Duration};

/// Sign-in attempts allowed per account and per address (four times as many: offices share one).
pub struct SignInLimiter {
    by_account: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<String>,
}

impl SignInLimiter {
    pub fn new(per_15_minutes: u32) -> SignInLimiter {
        let quota = |n: u32| {
            let n = NonZeroU32::new(n.max(1)).expect("at least one");
            Quota::with_period(Duration::from_secs(15 * 60) / n.get()).expect("non-zero period").allow_burst(n)
        };
        SignInLimiter {
            by_account: RateLimiter::keyed(quota(per_15_minutes)),
            by_address: RateLimiter::keyed(quota(per_15_minutes.saturating_mul(4))),
        }
    }

    /// Counts an attempt; false once either the account or the address has used its quota.
    pub fn allow(&self, address: &str, email: &str) -> bool {
        let account_ok = self.by_account.check_key(&db::staff::normalise_email(email)).is_ok();
        let address_ok = self.by_address.check_key(&address.to_string()).is_ok();
        account_ok && address_ok
    }
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub next: String,
}

/// A local path to return to after sign-in; anything else (another site, `//host`) is ignored.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.contains("://");
    ok.then_some(next)
}

fn back_to_sign_in(lang: Lang, error: &str, next: &str) -> Response {
    let mut url = format!("{}?error={error}", lang.path("/sign-in"));
    if let Some(next) = safe_next(next) {
        url.push_str("&next=");
        url.push_str(&crate::shell::encode_component(next));
    }
    Redirect::to(&url).into_response()
}

pub async fn sign_in(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    previous: Option<Extension<SessionHash>>,
    Form(form): Form<SignInForm>,
) -> Response {
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    if form.email.trim().is_empty() || form.password.is_empty() {
        return back_to_sign_in(lang, "missing", &form.next);
    }
    let audit = |action, user_id: Option<i64>, label: String| NewAuditEntry {
        actor_user_id: user_id,
        actor_label: label,
        action: Some(action),
        record_type: Some("user".into()),
        record_id: user_id.map(|id| id.to_string()),
        ip: Some(ip.clone()),
        ..Default::default()
    };
    let email = db::staff::normalise_email(&form.email);
    if !state.sign_in_limiter.allow(&ip, &email) {
        let known = db::staff::user_id_by_email(&state.db, &email).await.ok().flatten();
        record(&state, audit(AuditAction::SignInRateLimited, known, email)).await;
        return back_to_sign_in(lang, "rate_limited", &form.next);
    }
    let credentials = match db::staff::credentials_by_email(&state.db, &email).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "sign-in lookup failed");
            return back_to_sign_in(lang, "unavailable", &form.next);
        }
    };
    let password = form.password.clone();
    let hash = credentials.as_ref().map(|c| c.password_hash.clone()).unwrap_or_else(|| accounts::DUMMY_HASH.clone());
    let verified = tokio::task::spawn_blocking(move || accounts::verify_password(&password, &hash)).await.unwrap_or(false);
    let user_id = match credentials {
        Some(c) if verified && c.active => c.user_id,
        other => {
            record(&state, audit(AuditAction::SignInFailed, other.map(|c| c.user_id), email)).await;
            return back_to_sign_in(lang, "invalid", &form.next);
        }
    };
    // Rotate: whatever session the browser had ends; a fresh token is issued.
    if let Some(Extension(SessionHash(old))) = previous {
        let _ = db::staff::delete_session(&state.db, &old).await;
    }
    let token = match session::start(&state.db, user_id).await {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "could not start session");
            return back_to_sign_in(lang, "unavailable", &form.next);
        }
    };
    record(&state, audit(AuditAction::SignIn, Some(user_id), email)).await;
    // Staff land in the language of the page they signed in from.
    let target = safe_next(&form.next).map(str::to_string).unwrap_or_else(|| lang.path("/staff"));
    let mut response = Redirect::to(&target).into_response();
    response.headers_mut().append(header::SET_COOKIE, session::session_cookie(&token, &state.settings));
    response.headers_mut().append(header::SET_COOKIE, session::language_cookie(Lang::from_path(&target), &state.settings));
    response
}

async fn record(state: &AppState, entry: NewAuditEntry) {
    if let Err(e) = db::audit::record(&state.db, entry).await {
        tracing::error!(error = %e, "could not write audit entry");
    }
}

#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    pub lang: String,
}

pub async fn sign_out(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    session_hash: Option<Extension<SessionHash>>,
    Form(form): Form<SignOutForm>,
) -> Response {
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    if let Some(Extension(SessionHash(hash))) = session_hash {
        if let Err(e) = db::staff::delete_session(&state.db, &hash).await {
            tracing::error!(error = %e, "could not end session");
        }
    }
    if let Some(user) = user {
        let entry = NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(AuditAction::SignOut),
            record_type: Some("user".into()),
            record_id: Some(user.id.to_string()),
            ip: Some(ip),
            ..Default::default()
        };
        record(&state, entry).await;
    }
    let mut response = Redirect::to(&format!("{}?signed_out=1", lang.path("/sign-in"))).into_response();
    response.headers_mut().append(header::SET_COOKIE, session::expired_session_cookie(&state.settings));
    response
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    #[serde(default)]
    pub next: String,
}

/// `GET /language/{cy|en}?next=/path`: remembers the choice (cookie, and the profile of a
/// signed-in member of staff) and shows the same page in that language.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Query(query): Query<SwitchQuery>,
) -> Response {
    let Some(lang) = Lang::parse(&code) else {
        return Redirect::to("/").into_response();
    };
    let next = safe_next(&query.next).unwrap_or("/");
    if let Some(user) = user.filter(|u| u.language != lang) {
        if let Err(e) = db::staff::set_language(&state.db, user.id, lang).await {
            tracing::error!(error = %e, "could not save language preference");
        }
    }
    let mut response = Redirect::to(&lang.path(next)).into_response();
    response.headers_mut().append(header::SET_COOKIE, session::language_cookie(lang, &state.settings));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/staff"), Some("/staff"));
        assert_eq!(safe_next("//evil.example"), None);
        assert_eq!(safe_next("https://evil.example"), None);
        assert_eq!(safe_next("/\\evil"), None);
        assert_eq!(safe_next(""), None);
    }

    #[test]
    fn limiter_counts_per_account_and_address() {
        let limiter = SignInLimiter::new(2);
        assert!(limiter.allow("1.1.1.1", "a@x.cymru"));
        assert!(limiter.allow("1.1.1.1", "A@x.cymru "));
        assert!(!limiter.allow("2.2.2.2", "a@x.cymru"), "third try on one account is refused");
        assert!(limiter.allow("2.2.2.2", "b@x.cymru"), "another account is unaffected");
    }
}
