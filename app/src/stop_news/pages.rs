//! The stop link's page (`/stop-news/{token}`, also under `/cy`), working without JavaScript:
//! one button; once used, that the address will not be told again; an unknown link says so
//! plainly in the page's language. Nothing about the address is shown.

use crate::{
    db::{self, stop_news::LinkState},
    i18n::Lang,
    shell::{page::Page, use_lang},
    staff::accounts::sha256_hex,
    state::AppState,
    t,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// What the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Unknown,
    Used,
    Open,
}

/// The page's data: what the link is.
pub async fn stop_news_page(token: String) -> Result<Shown, ServerFnError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(Shown::Unknown);
    }
    let state = AppState::current()?;
    let state =
        db::stop_news::link_state(&state.db, &sha256_hex(&token)).await.map_err(crate::error::internal)?;
    Ok(match state {
        LinkState::Unknown => Shown::Unknown,
        LinkState::Used => Shown::Used,
        LinkState::Open => Shown::Open,
    })
}

#[component]
pub fn StopNewsPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang: Lang = use_lang();
    let token = use_params_map().read_untracked().get("token").unwrap_or_default();
    let done = use_query_map().read_untracked().get("done").is_some_and(|d| d == "stopped");
    let load = stop_news_page(token.clone());
    view! {
        <Page lang title=t!(lang, "stop-news-title") load render=move |shown: Shown| {
            match (shown, done) {
                (Shown::Used, true) => view! {
                    <div class="notice notice-success" role="status"><p>{t!(lang, "stop-news-stopped")}</p></div>
                }.into_any(),
                (Shown::Used, false) => view! {
                    <p class="notice" role="status">{t!(lang, "stop-news-used")}</p>
                }.into_any(),
                (Shown::Unknown, _) => view! {
                    <p class="notice" role="status">{t!(lang, "stop-news-unknown")}</p>
                }.into_any(),
                (Shown::Open, _) => view! {
                    <p>{t!(lang, "stop-news-intro")}</p>
                    <form method="post" action=lang.path(&super::path(&token)) class="form">
                        <input type="hidden" name="lang" value=lang.code() />
                        <button type="submit" class="button">{t!(lang, "stop-news-button")}</button>
                    </form>
                }.into_any(),
            }
        } />
    }
}
