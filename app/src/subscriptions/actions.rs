//! The residents' subscription posts: subscribing (`POST /partnerships/{slug}/subscribe`),
//! confirming (`/subscriptions/{token}/confirm`), changing and stopping one from the manage page
//! (`/subscriptions/{token}/change`, `.../stop`), and one-click unsubscribe
//! (`POST /unsubscribe/{token}`, also under `/cy`: the RFC 8058 address in every email).
//!
//! Subscribing never tells whether an address is subscribed: every accepted form does the same
//! work (one transaction, one email queued) and sends the resident to the same page. Only the
//! email differs: a confirmation link, or for an address already confirmed a "you already
//! are; manage here" note.

use super::{
    already_email, area_name, check, confirm_email, links, pages::subscribe_path, Frequency, SubscribeForm,
    SubscriptionStatus,
};
use crate::{
    db::{
        self,
        outbox::ListEmail,
        subscriptions::{NewSubscription, SubscriptionRow},
    },
    i18n::Lang,
    shell::{
        form::Posted,
        problem::{page, Problem},
    },
    staff::{
        accounts::{random_token, sha256_hex},
        session::ClientIp,
    },
    state::AppState,
};
use axum::{
    body::Bytes,
    extract::{OriginalUri, Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use serde::Deserialize;

async fn back_with_draft(
    state: &AppState,
    lang: Lang,
    slug: &str,
    form: &SubscribeForm,
    errors: Vec<&str>,
) -> Response {
    let path = format!("/partnerships/{slug}/subscribe");
    match crate::staff::kept::keep_resident(&state.db, &path, "subscribe", &(form, &errors)).await {
        Ok(token) => Redirect::to(&format!("{}?draft={token}", subscribe_path(lang, slug))).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not keep a subscribe form");
            page(lang, Problem::Internal)
        }
    }
}

/// `POST /partnerships/{slug}/subscribe`
pub async fn subscribe(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(slug): Path<String>,
    Posted { form, lang, .. }: Posted<SubscribeForm>,
) -> Response {
    let db = &state.db;
    let csp = match db::reference::csp_by_slug(db, &slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => {
            tracing::error!(error = %e, "could not read a partnership");
            return page(lang, Problem::Internal);
        }
    };
    let form = SubscribeForm {
        email: form.email.trim().chars().take(300).collect(),
        area: form.area.trim().chars().take(200).collect(),
        language: form.language.trim().chars().take(8).collect(),
        frequency: form.frequency.trim().chars().take(16).collect(),
    };
    // Counted first: a refused form costs a try as much as an accepted one.
    if !state.subscribe_limiter.allow(&ip) {
        return back_with_draft(&state, lang, &csp.slug, &form, vec!["rate_limited"]).await;
    }
    let neighbourhoods = match db::reference::neighbourhoods(db, csp.id).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "could not read neighbourhoods");
            return back_with_draft(&state, lang, &csp.slug, &form, vec!["unavailable"]).await;
        }
    };
    let slugs: Vec<String> = neighbourhoods.iter().map(|n| n.slug.clone()).collect();
    let asked = match check(&form, &slugs) {
        Ok(s) => s,
        Err(problems) => return back_with_draft(&state, lang, &csp.slug, &form, problems).await,
    };
    let neighbourhood = asked.area.as_ref().and_then(|a| neighbourhoods.iter().find(|n| &n.slug == a));
    let area = area_name(asked.language, &csp.name, neighbourhood.map(|n| &n.name));
    let token = random_token();
    let links = links(&state.settings.public_url, asked.language, &token);
    let new = NewSubscription {
        email: &asked.email,
        csp_id: csp.id,
        neighbourhood_id: neighbourhood.map(|n| n.id).unwrap_or(0),
        language: asked.language.code(),
        frequency: asked.frequency,
    };
    let stored = async {
        let mut tx = db.writer().begin().await?;
        let (_, before) = db::subscriptions::subscribe_in(&mut tx, &new, &sha256_hex(&token)).await?;
        let (subject, body) = match before {
            Some(SubscriptionStatus::Confirmed) => already_email(asked.language, &area, &links),
            _ => confirm_email(asked.language, &area, &links),
        };
        let email =
            ListEmail { to: asked.email.clone(), subject, body, list_unsubscribe: links.unsubscribe.clone() };
        // The reply to this form: sent even to an address suppressed after repeated refusals,
        // since confirming a new subscription is how its owner ends that (issue 14).
        db::outbox::enqueue_asked_in(&mut tx, &email).await?;
        tx.commit().await?;
        Ok::<_, db::DbError>(())
    };
    match stored.await {
        Ok(()) => {
            state.mail_wake.notify_one();
            Redirect::to(&format!("{}?done=sent", subscribe_path(lang, &csp.slug))).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "could not record a subscription");
            back_with_draft(&state, lang, &csp.slug, &form, vec!["unavailable"]).await
        }
    }
}

/// The subscription a link opens, or the response for an unknown link (a 404 in `lang`).
async fn opened(state: &AppState, lang: Lang, token: &str) -> Result<SubscriptionRow, Response> {
    if token.is_empty() || token.len() > 128 {
        return Err(page(lang, Problem::NotFound));
    }
    match db::subscriptions::by_token(&state.db, &sha256_hex(token)).await {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(page(lang, Problem::NotFound)),
        Err(e) => {
            tracing::error!(error = %e, "could not read a subscription");
            Err(page(lang, Problem::Internal))
        }
    }
}

fn to_manage(lang: Lang, token: &str, done: &str) -> Response {
    Redirect::to(&format!("{}?done={done}", lang.path(&format!("/subscriptions/{token}")))).into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConfirmForm {}

/// `POST /subscriptions/{token}/confirm`: the double opt-in's second step.
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Posted { lang, .. }: Posted<ConfirmForm>,
) -> Response {
    let s = match opened(&state, lang, &token).await {
        Ok(s) => s,
        Err(response) => return response,
    };
    if s.neighbourhood_removed() {
        return Redirect::to(&lang.path(&format!("/subscriptions/{token}/confirm"))).into_response();
    }
    match db::subscriptions::confirm(&state.db, s.id).await {
        Ok(confirmed) => {
            // The address's owner confirmed a new subscription through the link emailed to it:
            // the address works, so its refusals and any suppression are forgotten.
            if confirmed {
                let cleared =
                    db::outbox::clear_address(&state.db, &crate::mail::address_hash(&s.email)).await;
                if let Err(e) = cleared {
                    tracing::warn!(error = %e, "could not clear an address's refusals");
                }
            }
            to_manage(lang, &token, "confirmed")
        }
        Err(e) => {
            tracing::error!(error = %e, "could not confirm a subscription");
            page(lang, Problem::Internal)
        }
    }
}

/// One subscription of the manage page's address, with what to change.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    pub id: String,
    pub language: String,
    pub frequency: String,
}

/// The subscription `id` names, if it is the link's address's.
async fn of_same_address(
    state: &AppState,
    lang: Lang,
    token: &str,
    id: &str,
) -> Result<SubscriptionRow, Response> {
    let s = opened(state, lang, token).await?;
    let Ok(id) = id.trim().parse::<i64>() else { return Err(page(lang, Problem::NotFound)) };
    match db::subscriptions::of_email(&state.db, &s.email).await {
        Ok(all) => all.into_iter().find(|s| s.id == id).ok_or_else(|| page(lang, Problem::NotFound)),
        Err(e) => {
            tracing::error!(error = %e, "could not read subscriptions");
            Err(page(lang, Problem::Internal))
        }
    }
}

/// `POST /subscriptions/{token}/change`: another language or frequency.
pub async fn change(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Posted { form, lang, .. }: Posted<ChangeForm>,
) -> Response {
    let s = match of_same_address(&state, lang, &token, &form.id).await {
        Ok(s) => s,
        Err(response) => return response,
    };
    let (Some(language), Some(frequency)) =
        (Lang::parse(form.language.trim()), Frequency::parse(form.frequency.trim()))
    else {
        // Only a hand-made form gets here (the page offers radio buttons): the page as saved.
        return to_manage(lang, &token, "unchanged");
    };
    if s.status == SubscriptionStatus::Unsubscribed || s.neighbourhood_removed() {
        return to_manage(lang, &token, "unchanged");
    }
    match db::subscriptions::change(&state.db, s.id, language.code(), frequency).await {
        Ok(()) => to_manage(lang, &token, "changed"),
        Err(e) => {
            tracing::error!(error = %e, "could not change a subscription");
            page(lang, Problem::Internal)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StopForm {
    pub id: String,
}

/// `POST /subscriptions/{token}/stop`: unsubscribes one of the address's subscriptions.
pub async fn stop(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Posted { form, lang, .. }: Posted<StopForm>,
) -> Response {
    let s = match of_same_address(&state, lang, &token, &form.id).await {
        Ok(s) => s,
        Err(response) => return response,
    };
    match db::subscriptions::unsubscribe(&state.db, s.id).await {
        Ok(_) => to_manage(lang, &token, "stopped"),
        Err(e) => {
            tracing::error!(error = %e, "could not unsubscribe");
            page(lang, Problem::Internal)
        }
    }
}

/// The body a mail provider posts for RFC 8058 one-click unsubscribe.
pub const ONE_CLICK: &str = "List-Unsubscribe=One-Click";

/// `POST /unsubscribe/{token}` (and `/cy/unsubscribe/{token}`): unsubscribes at once, with no
/// further step. A mail provider's one-click post (body `List-Unsubscribe=One-Click`, in any
/// encoding) gets a plain 200; the page's own button is sent back to the page, which says it
/// is done.
pub async fn unsubscribe(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let lang = Lang::from_path(uri.path());
    let s = match opened(&state, lang, &token).await {
        Ok(s) => s,
        Err(response) => return response,
    };
    if let Err(e) = db::subscriptions::unsubscribe(&state.db, s.id).await {
        tracing::error!(error = %e, "could not unsubscribe");
        return page(lang, Problem::Internal);
    }
    let one_click = String::from_utf8_lossy(&body).contains(ONE_CLICK);
    if one_click {
        let area = super::delivery::subscription_area(lang, &s);
        return (StatusCode::OK, crate::t!(lang, "subscribe-unsubscribed", area = area)).into_response();
    }
    Redirect::to(&lang.path(&format!("/unsubscribe/{token}"))).into_response()
}
