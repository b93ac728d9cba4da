//! Sign-in, sign-out and the language switch: plain HTML form posts and links handled by axum,
//! so they work the same with and without JavaScript.

use crate::limits::limiter_key;
pub use crate::limits::{email_key, Attempt, SignInLimiter, MAX_EMAIL_CHARS};
use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    i18n::Lang,
    shell::outcome::Outcome,
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
use http::header;
use serde::Deserialize;

/// Whether a typed email could be an account's at all: one `@` with text either side, no
/// spaces or control characters, at most 254 characters.
pub fn plausible_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && email.chars().count() <= MAX_EMAIL_CHARS
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
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

/// A path on this site to return to (after signing in, after switching language), or `None`
/// for anything that could lead elsewhere.
///
/// As sent, the value must be printable ASCII: no spaces, tabs, newlines or other control
/// characters (browsers drop tabs and newlines, so `/%09/evil.example` arrives as `/\t/…` and
/// becomes `//evil.example`) and no backslash (browsers read `\` as `/`). Its path (before the
/// first `?` or `#`) is then percent-decoded again and again until it stops changing, and at no
/// stage may it hold an encoded slash or backslash (`%2f`, `%5c`, `%252f` …); decoded, it must
/// start with exactly one `/` and hold no `//`, backslash, `:` (no scheme), whitespace or
/// control character. The query, decoded, may hold no control characters; a search typed in
/// it (`?place=ynys%20mon`) is kept: after `?` nothing can name another host.
pub fn safe_next(raw: &str) -> Option<String> {
    if raw.is_empty() || raw.len() > 2048 || !raw.bytes().all(|b| b.is_ascii_graphic()) || raw.contains('\\')
    {
        return None;
    }
    let (path, rest) = raw.split_at(raw.find(['?', '#']).unwrap_or(raw.len()));
    let decoded_path = fully_decoded(path, true)?;
    let path_ok = decoded_path.starts_with('/')
        && !decoded_path.contains("//")
        && !decoded_path.contains(['\\', ':'])
        && !decoded_path.chars().any(|c| c.is_whitespace() || c.is_control());
    let rest_ok = fully_decoded(rest, false).is_some_and(|r| !r.chars().any(char::is_control));
    (path_ok && rest_ok).then(|| raw.to_string())
}

/// `text` percent-decoded until it stops changing (at most 8 rounds), or `None` when it never
/// settles, is not UTF-8, or (with `no_encoded_slashes`) holds `%2f` or `%5c` at some stage.
fn fully_decoded(text: &str, no_encoded_slashes: bool) -> Option<String> {
    let mut current = text.to_string();
    for _ in 0..8 {
        let lower = current.to_ascii_lowercase();
        if no_encoded_slashes && (lower.contains("%2f") || lower.contains("%5c")) {
            return None;
        }
        let decoded = percent_decode(&current)?;
        if decoded == current {
            return Some(current);
        }
        current = decoded;
    }
    None
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn back_to_sign_in(lang: Lang, error: Outcome, next: &str) -> Response {
    let mut url = format!("{}?{}", lang.path("/sign-in"), error.query());
    if let Some(next) = safe_next(next) {
        url.push_str("&next=");
        url.push_str(&crate::shell::encode_component(&next));
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
        return back_to_sign_in(lang, Outcome::SignInMissing, &form.next);
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
    // The address is counted first: once it has used its quota nothing else is looked up,
    // counted or written down, so one client cannot fill the audit log or the limiter.
    let plausible = plausible_email(&form.email);
    let email = email_key(&form.email);
    match state.sign_in_limiter.check(&ip, plausible.then_some(email.as_str())) {
        Attempt::Allowed => {}
        Attempt::AddressLimited => {
            tracing::warn!(address = %limiter_key(&ip), "sign-in refused: too many attempts from one address");
            return back_to_sign_in(lang, Outcome::SignInRateLimited, &form.next);
        }
        Attempt::AccountLimited => {
            let known = db::staff::user_id_by_email(&state.db, &email).await.ok().flatten();
            record(&state, audit(AuditAction::SignInRateLimited, known, email)).await;
            return back_to_sign_in(lang, Outcome::SignInRateLimited, &form.next);
        }
    }
    if !plausible {
        // No account has such an address: refused without a lookup, audited (shortened).
        record(&state, audit(AuditAction::SignInFailed, None, email)).await;
        return back_to_sign_in(lang, Outcome::SignInInvalid, &form.next);
    }
    let credentials = match db::staff::credentials_by_email(&state.db, &email).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "sign-in lookup failed");
            return back_to_sign_in(lang, Outcome::SignInUnavailable, &form.next);
        }
    };
    let password = form.password.clone();
    let hash =
        credentials.as_ref().map(|c| c.password_hash.clone()).unwrap_or_else(|| accounts::DUMMY_HASH.clone());
    let verified = tokio::task::spawn_blocking(move || accounts::verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let user_id = match credentials {
        Some(c) if verified && c.active => c.user_id,
        other => {
            record(&state, audit(AuditAction::SignInFailed, other.map(|c| c.user_id), email)).await;
            return back_to_sign_in(lang, Outcome::SignInInvalid, &form.next);
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
            return back_to_sign_in(lang, Outcome::SignInUnavailable, &form.next);
        }
    };
    record(&state, audit(AuditAction::SignIn, Some(user_id), email)).await;
    // Staff land in the language of the page they signed in from.
    let target = safe_next(&form.next).unwrap_or_else(|| lang.path("/staff"));
    let mut response = Redirect::to(&target).into_response();
    response.headers_mut().append(header::SET_COOKIE, session::session_cookie(&token, &state.settings));
    response
        .headers_mut()
        .append(header::SET_COOKIE, session::language_cookie(Lang::from_path(&target), &state.settings));
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
    // Checked again in the chosen language: `/cy//evil.example` must not become `//evil.example`.
    let target = safe_next(&query.next)
        .and_then(|next| safe_next(&lang.path(&next)))
        .unwrap_or_else(|| lang.path("/"));
    if let Some(user) = user.filter(|u| u.language != lang) {
        if let Err(e) = db::staff::set_language(&state.db, user.id, lang).await {
            tracing::error!(error = %e, "could not save language preference");
        }
    }
    let mut response = Redirect::to(&target).into_response();
    response.headers_mut().append(header::SET_COOKIE, session::language_cookie(lang, &state.settings));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/staff").as_deref(), Some("/staff"));
        assert_eq!(safe_next("/cy/staff/audit?page=2").as_deref(), Some("/cy/staff/audit?page=2"));
        assert_eq!(
            safe_next("/report?place=ynys%20mon").as_deref(),
            Some("/report?place=ynys%20mon"),
            "a typed search is kept"
        );
        assert_eq!(safe_next("/track/ab12?e=cd34#reply").as_deref(), Some("/track/ab12?e=cd34#reply"));
        assert_eq!(
            safe_next("/sign-in?next=/staff%3Fx%3D1").as_deref(),
            Some("/sign-in?next=/staff%3Fx%3D1")
        );
        for bypass in [
            "",
            "//evil.example",
            "///evil.example",
            "https://evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            "/javascript:alert(1)",
            "/\\evil.example",
            "\\\\evil.example",
            "/%5cevil.example",
            "/%5Cevil.example",
            "/%2f/evil.example",
            "/%2F%2Fevil.example",
            "%2f%2fevil.example",
            "/%252f/evil.example",
            "/%25252f%25252fevil",
            "/%09/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/%0a/evil.example",
            "/%0d%0a/evil.example",
            "/%2509/evil.example",
            "/ /evil.example",
            "/%20/evil.example",
            "/%e2%80%a8/evil",
            "/staff\u{0}",
            "/staff?x=%00",
            "/cy//evil.example",
            "evil.example",
            ".//evil.example",
            "/%ff%fe",
            "/staff?x=1\\",
            "/caf\u{e9}",
        ] {
            assert_eq!(safe_next(bypass), None, "{bypass:?} is refused");
        }
        let long = format!("/{}", "a".repeat(3000));
        assert_eq!(safe_next(&long), None);
    }

    #[test]
    fn limiter_counts_per_account_and_address() {
        let limiter = SignInLimiter::new(2);
        assert!(limiter.allow("1.1.1.1", "a@x.cymru"));
        assert!(limiter.allow("1.1.1.1", "A@x.cymru "));
        assert!(!limiter.allow("2.2.2.2", "a@x.cymru"), "third try on one account is refused");
        assert!(limiter.allow("2.2.2.2", "b@x.cymru"), "another account is unaffected");
    }

    #[test]
    fn the_address_is_counted_first() {
        let limiter = SignInLimiter::new(1); // 1 per account, 4 per address
        for i in 0..4 {
            assert_eq!(limiter.check("9.9.9.9", Some(&format!("user{i}@x.cymru"))), Attempt::Allowed);
        }
        assert_eq!(limiter.check("9.9.9.9", Some("fresh@x.cymru")), Attempt::AddressLimited);
        assert_eq!(
            limiter.check("8.8.8.8", Some("fresh@x.cymru")),
            Attempt::Allowed,
            "a refused address never counted the account"
        );
        assert_eq!(limiter.check("8.8.8.8", Some("fresh@x.cymru")), Attempt::AccountLimited);
    }

    #[test]
    fn sign_in_addresses_are_keyed_by_network() {
        let limiter = SignInLimiter::new(1); // 4 per address
        for i in 0..4 {
            assert!(limiter.allow(&format!("2001:db8:1:2::{i:x}"), &format!("u{i}@x.cymru")));
        }
        assert!(!limiter.allow("2001:db8:1:2:ffff::9", "other@x.cymru"), "one /64 shares one limit");
        assert!(limiter.allow("2001:db8:1:3::1", "other@x.cymru"));
    }

    #[test]
    fn emails_are_capped_before_they_become_keys() {
        let huge = format!("{}@x.cymru", "A".repeat(64 * 1024));
        assert_eq!(email_key(&huge).chars().count(), MAX_EMAIL_CHARS);
        assert!(email_key(&huge).starts_with("aaaa"));
        assert_eq!(email_key("  Officer@Demo.Cymuned.Cymru "), "officer@demo.cymuned.cymru");
        assert!(!plausible_email(&huge));
        assert!(!plausible_email("no-at-sign"));
        assert!(!plausible_email("two@@x.cymru"));
        assert!(!plausible_email("spa ce@x.cymru"));
        assert!(plausible_email(" officer@demo.cymuned.cymru "));
        let limiter = SignInLimiter::new(5);
        limiter.allow("1.1.1.1", &huge);
        assert!(limiter.by_account.len() == 1 && limiter.by_address.len() == 1);
    }

    #[test]
    fn pruning_forgets_keys_once_their_window_has_passed() {
        let recent = SignInLimiter::new(1);
        recent.check("10.0.0.1", Some("u@x.cymru"));
        recent.prune();
        assert_eq!(recent.len(), 2, "keys inside their window are kept");

        use std::time::Duration;
        let limiter = SignInLimiter::with_window(1, Duration::from_millis(20));
        for i in 0..50 {
            limiter.check(&format!("10.0.0.{i}"), Some(&format!("u{i}@x.cymru")));
        }
        assert_eq!(limiter.len(), 100);
        std::thread::sleep(Duration::from_millis(100));
        limiter.prune();
        assert!(limiter.is_empty(), "{} keys left", limiter.len());
    }
}
