//! The residents' subscription pages, each in English and under `/cy`, all working without
//! JavaScript: the subscribe form (`/partnerships/{slug}/subscribe?area={neighbourhood}`), the
//! confirmation (`/subscriptions/{token}/confirm`), the private manage page
//! (`/subscriptions/{token}`) and unsubscribing (`/unsubscribe/{token}`). An unknown
//! partnership or link is a 404 in the page's language.

use super::{area_name, frequency_name, problem_message, Frequency, SubscribeForm, SubscriptionStatus};
use crate::{
    db::{self, subscriptions::SubscriptionRow},
    i18n::Lang,
    reference::Names,
    shell::{page::Page, use_lang, NotFoundMessage},
    staff::accounts::sha256_hex,
    state::AppState,
    t,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// Where the subscribe form of a partnership is, in `lang`.
pub fn subscribe_path(lang: Lang, csp_slug: &str) -> String {
    lang.path(&format!("/partnerships/{csp_slug}/subscribe"))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SubscribeView {
    pub csp_slug: String,
    pub csp: Names,
    /// (slug, names), by English name.
    pub neighbourhoods: Vec<(String, Names)>,
    pub form: SubscribeForm,
    pub errors: Vec<String>,
    /// The link named a neighbourhood that no longer exists.
    pub area_removed: bool,
    pub sent: bool,
}

/// The subscribe page's data; `None` for an unknown partnership.
pub async fn subscribe_page(
    lang: Lang,
    slug: String,
    area: Option<String>,
    draft: Option<String>,
    sent: bool,
) -> Result<Option<SubscribeView>, ServerFnError> {
    let state = AppState::current()?;
    let db = &state.db;
    let Some(csp) = db::reference::csp_by_slug(db, &slug).await.map_err(crate::error::internal)? else {
        return Ok(None);
    };
    let neighbourhoods: Vec<(String, Names)> = db::reference::neighbourhoods(db, csp.id)
        .await
        .map_err(crate::error::internal)?
        .into_iter()
        .map(|n| (n.slug, n.name))
        .collect();
    let kept = match draft.filter(|d| !d.is_empty() && d.len() <= 128) {
        Some(token) => crate::staff::kept::kept_resident::<(SubscribeForm, Vec<String>)>(db, &token)
            .await
            .map_err(crate::error::internal)?,
        None => None,
    };
    let area = area.unwrap_or_default();
    let area_removed = !area.is_empty() && !neighbourhoods.iter().any(|(s, _)| *s == area);
    let (form, errors) = kept.unwrap_or_else(|| {
        let form = SubscribeForm {
            email: String::new(),
            area: if area_removed { String::new() } else { area },
            language: lang.code().to_string(),
            frequency: Frequency::Immediate.as_str().to_string(),
        };
        (form, Vec::new())
    });
    Ok(Some(SubscribeView {
        csp_slug: csp.slug,
        csp: csp.name,
        neighbourhoods,
        form,
        errors,
        area_removed,
        sent,
    }))
}

#[component]
pub fn SubscribePage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let slug = use_params_map().read_untracked().get("slug").unwrap_or_default();
    let q = use_query_map().read_untracked();
    let load = subscribe_page(lang, slug, q.get("area"), q.get("draft"), q.get("done").is_some());
    view! {
        <Page lang load render=move |found| match found {
            None => view! { <NotFoundMessage lang /> }.into_any(),
            Some(view) => view! { <SubscribeFormView lang view /> }.into_any(),
        } />
    }
}

#[component]
fn SubscribeFormView(lang: Lang, view: SubscribeView) -> impl IntoView {
    let SubscribeView { csp_slug, csp, neighbourhoods, form, errors, area_removed, sent } = view;
    let title = t!(lang, "subscribe-title", area = csp.get(lang));
    let chosen_lang = Lang::parse(&form.language).unwrap_or(lang);
    let chosen_frequency = Frequency::parse(&form.frequency);
    let feed = lang.path(&format!("/feeds/partnerships/{csp_slug}.atom"));
    let feed_area = area_name(lang, &csp, None);
    let action = format!("/partnerships/{csp_slug}/subscribe");
    view! {
        <Title text=title.clone() />
        <p class="breadcrumb"><a href=lang.path(&format!("/partnerships/{csp_slug}"))>{csp.get(lang).to_string()}</a></p>
        <h1>{title}</h1>
        {sent.then(|| view! { <div class="notice notice-success" role="status"><p>{t!(lang, "subscribe-sent")}</p></div> })}
        {area_removed.then(|| view! { <p class="notice" role="status">{t!(lang, "subscribe-area-removed")}</p> })}
        <p>{t!(lang, "subscribe-intro")}</p>
        {(!errors.is_empty()).then(|| view! {
            <div class="error-summary" role="alert" aria-labelledby="subscribe-errors" tabindex="-1">
                <h2 id="subscribe-errors">{t!(lang, "subscribe-error-summary")}</h2>
                <ul>{errors.iter().map(|e| view! { <li>{problem_message(lang, e)}</li> }).collect_view()}</ul>
            </div>
        })}
        <form method="post" action=action class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <div class="field">
                <label for="email">{t!(lang, "subscribe-email")}</label>
                <input id="email" name="email" type="email" autocomplete="email" spellcheck="false" value=form.email.clone() />
            </div>
            <div class="field">
                <label for="area">{t!(lang, "subscribe-area")}</label>
                <select id="area" name="area">
                    <option value="" selected=form.area.is_empty()>{t!(lang, "subscribe-area-whole")}</option>
                    {neighbourhoods.into_iter().map(|(slug, name)| {
                        let selected = form.area == slug;
                        view! { <option value=slug selected=selected>{name.get(lang).to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="field">
                <legend>{t!(lang, "subscribe-language")}</legend>
                {Lang::ALL.into_iter().map(|l| view! {
                    <div class="choice">
                        <input type="radio" name="language" id=format!("subscribe-language-{}", l.code()) value=l.code() checked=chosen_lang == l />
                        <label for=format!("subscribe-language-{}", l.code()) lang=l.code()>{l.endonym()}</label>
                    </div>
                }).collect_view()}
            </fieldset>
            <fieldset class="field">
                <legend>{t!(lang, "subscribe-frequency")}</legend>
                {Frequency::ALL.iter().map(|f| view! {
                    <div class="choice">
                        <input type="radio" name="frequency" id=format!("subscribe-frequency-{}", f.as_str()) value=f.as_str() checked=chosen_frequency == Some(*f) />
                        <label for=format!("subscribe-frequency-{}", f.as_str())>{frequency_name(lang, *f)}</label>
                    </div>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t!(lang, "subscribe-submit")}</button>
        </form>
        <p><a href=feed type="application/atom+xml">{t!(lang, "subscribe-feeds", area = feed_area)}</a></p>
    }
}

/// A subscription as its pages show it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Shown {
    pub id: i64,
    pub area: String,
    pub csp_slug: String,
    pub language: String,
    pub frequency: Frequency,
    pub status: SubscriptionStatus,
    pub removed: bool,
}

fn shown(lang: Lang, s: &SubscriptionRow) -> Shown {
    Shown {
        id: s.id,
        area: super::delivery::subscription_area(lang, s),
        csp_slug: s.csp_slug.clone(),
        language: s.language.clone(),
        frequency: s.frequency,
        status: s.status,
        removed: s.neighbourhood_removed(),
    }
}

/// The subscription a link opens; a 404 when the link is unknown.
async fn by_token(token: &str) -> Result<SubscriptionRow, ServerFnError> {
    let state = AppState::current()?;
    if token.is_empty() || token.len() > 128 {
        return Err(crate::error::reject(crate::error::AppError::NotFound));
    }
    db::subscriptions::by_token(&state.db, &sha256_hex(token))
        .await
        .map_err(crate::error::internal)?
        .ok_or_else(|| crate::error::reject(crate::error::AppError::NotFound))
}

/// The confirmation page's data.
pub async fn confirm_page(lang: Lang, token: String) -> Result<Shown, ServerFnError> {
    Ok(shown(lang, &by_token(&token).await?))
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let token = use_params_map().read_untracked().get("token").unwrap_or_default();
    let load = confirm_page(lang, token.clone());
    view! {
        <Page lang title=t!(lang, "subscribe-confirm-title") load render=move |s: Shown| {
            let manage = lang.path(&format!("/subscriptions/{token}"));
            if s.removed {
                return view! { <p class="notice">{t!(lang, "subscribe-removed")}</p> }.into_any();
            }
            match s.status {
                SubscriptionStatus::Pending => view! {
                    <p>{t!(lang, "subscribe-confirm-intro", area = s.area.clone(), frequency = frequency_name(lang, s.frequency))}</p>
                    <form method="post" action=format!("/subscriptions/{token}/confirm") class="form">
                        <input type="hidden" name="lang" value=lang.code() />
                        <button type="submit" class="button">{t!(lang, "subscribe-confirm-button")}</button>
                    </form>
                }.into_any(),
                SubscriptionStatus::Confirmed => view! {
                    <div class="notice notice-success" role="status"><p>{t!(lang, "subscribe-confirmed", area = s.area.clone())}</p></div>
                    <p><a href=manage>{t!(lang, "subscribe-manage-title")}</a></p>
                }.into_any(),
                SubscriptionStatus::Unsubscribed => view! {
                    <p class="notice">{t!(lang, "subscribe-confirm-ended", area = s.area.clone())}</p>
                    <p><a href=subscribe_path(lang, &s.csp_slug)>{t!(lang, "subscribe-manage-follow-more")}</a></p>
                }.into_any(),
            }
        } />
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ManageView {
    pub email: String,
    pub subscriptions: Vec<Shown>,
}

/// The manage page's data: every subscription of the link's address.
pub async fn manage_page(lang: Lang, token: String) -> Result<ManageView, ServerFnError> {
    let opened = by_token(&token).await?;
    let state = AppState::current()?;
    let all = db::subscriptions::of_email(&state.db, &opened.email).await.map_err(crate::error::internal)?;
    Ok(ManageView {
        email: opened.email.clone(),
        subscriptions: all.iter().map(|s| shown(lang, s)).collect(),
    })
}

fn status_name(lang: Lang, s: SubscriptionStatus) -> String {
    match s {
        SubscriptionStatus::Pending => t!(lang, "subscribe-manage-status-pending"),
        SubscriptionStatus::Confirmed => t!(lang, "subscribe-manage-status-confirmed"),
        SubscriptionStatus::Unsubscribed => t!(lang, "subscribe-manage-status-unsubscribed"),
    }
}

#[component]
pub fn ManagePage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let token = use_params_map().read_untracked().get("token").unwrap_or_default();
    let done = use_query_map().read_untracked().get("done");
    let load = manage_page(lang, token.clone());
    let notice = match done.as_deref() {
        Some("changed") => Some(t!(lang, "subscribe-manage-changed")),
        Some("stopped") => Some(t!(lang, "subscribe-manage-stopped")),
        Some("confirmed") => Some(t!(lang, "subscribe-manage-status-confirmed")),
        _ => None,
    };
    view! {
        <Page lang title=t!(lang, "subscribe-manage-title") load render=move |m: ManageView| {
            let token = token.clone();
            view! {
                {notice.clone().map(|n| view! { <div class="notice notice-success" role="status"><p>{n}</p></div> })}
                <p>{t!(lang, "subscribe-manage-intro", email = m.email.clone())}</p>
                {m.subscriptions.into_iter().map(|s| view! { <ManageOne lang token=token.clone() s /> }).collect_view()}
            }
        } />
    }
}

#[component]
fn ManageOne(lang: Lang, token: String, s: Shown) -> impl IntoView {
    let id = s.id.to_string();
    let (heading_id, labelled_by) = (format!("subscription-{}", s.id), format!("subscription-{}", s.id));
    let active = s.status != SubscriptionStatus::Unsubscribed && !s.removed;
    let chosen_lang = Lang::parse(&s.language).unwrap_or(lang);
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{s.area.clone()}</h2>
            <p>{status_name(lang, s.status)}</p>
            {s.removed.then(|| view! { <p class="notice">{t!(lang, "subscribe-removed")}</p> })}
            {(!active && !s.removed).then(|| view! {
                <p><a href=subscribe_path(lang, &s.csp_slug)>{t!(lang, "subscribe-manage-follow-more")}</a></p>
            })}
            {active.then(|| view! {
                <form method="post" action=format!("/subscriptions/{token}/change") class="form">
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="id" value=id.clone() />
                    <fieldset class="field">
                        <legend>{t!(lang, "subscribe-language")}</legend>
                        {Lang::ALL.into_iter().map(|l| {
                            let input = format!("language-{}-{}", s.id, l.code());
                            view! {
                                <div class="choice">
                                    <input type="radio" name="language" id=input.clone() value=l.code() checked=chosen_lang == l />
                                    <label for=input lang=l.code()>{l.endonym()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <fieldset class="field">
                        <legend>{t!(lang, "subscribe-frequency")}</legend>
                        {Frequency::ALL.iter().map(|f| {
                            let input = format!("frequency-{}-{}", s.id, f.as_str());
                            view! {
                                <div class="choice">
                                    <input type="radio" name="frequency" id=input.clone() value=f.as_str() checked=s.frequency == *f />
                                    <label for=input>{frequency_name(lang, *f)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <button type="submit" class="button">{t!(lang, "subscribe-manage-save")}</button>
                </form>
                <form method="post" action=format!("/subscriptions/{token}/stop") class="form">
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="id" value=id.clone() />
                    <button type="submit" class="button button-secondary">{t!(lang, "subscribe-manage-stop")}</button>
                </form>
            })}
        </section>
    }
}

/// The unsubscribe page's data.
pub async fn unsubscribe_page(lang: Lang, token: String) -> Result<Shown, ServerFnError> {
    Ok(shown(lang, &by_token(&token).await?))
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let token = use_params_map().read_untracked().get("token").unwrap_or_default();
    let load = unsubscribe_page(lang, token.clone());
    view! {
        <Page lang title=t!(lang, "subscribe-unsubscribe-title") load render=move |s: Shown| {
            let manage = lang.path(&format!("/subscriptions/{token}"));
            match s.status {
                SubscriptionStatus::Unsubscribed => view! {
                    <div class="notice notice-success" role="status"><p>{t!(lang, "subscribe-unsubscribed", area = s.area.clone())}</p></div>
                    <p><a href=manage>{t!(lang, "subscribe-unsubscribe-manage")}</a></p>
                }.into_any(),
                _ => view! {
                    <p>{t!(lang, "subscribe-unsubscribe-intro", area = s.area.clone())}</p>
                    <form method="post" action=lang.path(&format!("/unsubscribe/{token}")) class="form">
                        <input type="hidden" name="lang" value=lang.code() />
                        <button type="submit" class="button">{t!(lang, "subscribe-unsubscribe-button")}</button>
                    </form>
                    <p><a href=manage>{t!(lang, "subscribe-unsubscribe-manage")}</a></p>
                }.into_any(),
            }
        } />
    }
}
