//! `POST /stop-news/{token}` (and `/cy/stop-news/{token}`): the stop link's button, and the
//! RFC 8058 one-click post a mail provider sends to the `List-Unsubscribe` address. Stops at
//! once, with no further step.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, stop_news::LinkState},
    i18n::Lang,
    shell::problem::{page, Problem},
    staff::accounts::sha256_hex,
    state::AppState,
    t,
};
use axum::{
    body::Bytes,
    extract::{OriginalUri, Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

/// The body a mail provider posts for RFC 8058 one-click unsubscribe.
pub const ONE_CLICK: &str = "List-Unsubscribe=One-Click";

/// The audit entry of a stop: no address, no token, only what was done.
fn entry() -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: None,
        actor_label: "resident (stop link)".into(),
        action: Some(AuditAction::NewsStopped),
        record_type: Some("news_stop".into()),
        record_id: None,
        csp_id: None,
        ip: None,
        detail: Some("an address asked not to be told of progress or publications again".into()),
    }
}

/// Stops the link's address being told of progress and publications. A mail provider's one-click
/// post gets a plain 200 (or a plain 404 for an unknown link); the page's own button is sent back
/// to the page, which says what happened in the page's language.
pub async fn stop(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let lang = Lang::from_path(uri.path());
    let one_click = String::from_utf8_lossy(&body).contains(ONE_CLICK);
    // A token is hex (`random_token`): anything else is unknown, and never put back in a URL.
    let known = !token.is_empty() && token.len() <= 128 && token.chars().all(|c| c.is_ascii_alphanumeric());
    let before = if known {
        match db::stop_news::stop(&state.db, &sha256_hex(&token), &entry()).await {
            Ok(before) => before,
            Err(e) => {
                tracing::error!(error = %e, "could not stop news");
                return page(lang, Problem::Internal);
            }
        }
    } else {
        LinkState::Unknown
    };
    if one_click {
        return match before {
            LinkState::Unknown => (StatusCode::NOT_FOUND, t!(lang, "stop-news-unknown")).into_response(),
            _ => (StatusCode::OK, t!(lang, "stop-news-stopped")).into_response(),
        };
    }
    let path = lang.path(&super::path(if known { &token } else { "unknown" }));
    match before {
        LinkState::Open => Redirect::to(&format!("{path}?done=stopped")).into_response(),
        _ => Redirect::to(&path).into_response(),
    }
}
