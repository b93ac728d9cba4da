//! `/staff/engagement/published`: the campaigns whose results a lead has published, for partners
//! (who see nothing else of engagement) and for anyone who reads results. Each links to its
//! results page, which shows partners the whole campaign's counts, suppressed.

use crate::{
    db,
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{page::Page, use_lang, CspPicker},
    staff::{pages::require_user, CspAccess, Permission, StaffUser},
    state::AppState,
    t,
    time::{date, Timestamp},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// A campaign with published results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedCampaign {
    pub id: i64,
    pub title: Names,
    pub published_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub campaigns: Vec<PublishedCampaign>,
}

/// The loader: the chosen CSP's campaigns with published results, newest first.
pub async fn published_view(csp: Option<String>) -> Result<PublishedView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let allowed = user.csps_where_any(&[Permission::ViewPublishedResults, Permission::ViewEngagementResults]);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let rows = db::campaigns::campaigns_of_csp(&state.db, csp_id).await.map_err(internal)?;
    let mut campaigns: Vec<PublishedCampaign> = rows
        .into_iter()
        .filter_map(|c| {
            Some(PublishedCampaign {
                id: c.id,
                title: Names::new(c.title_en, c.title_cy),
                published_at: c.results_published_at?,
            })
        })
        .collect();
    campaigns.sort_by_key(|c| std::cmp::Reverse(c.published_at));
    Ok(PublishedView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        campaigns,
    })
}

#[component]
pub fn PublishedResultsPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = published_view(q.get("csp"));
    view! {
        <Page lang title=t!(lang, "published-title") load render=move |view| published(lang, view)>
            <p>{t!(lang, "published-intro")}</p>
        </Page>
    }
}

fn published(lang: Lang, v: PublishedView) -> AnyView {
    let PublishedView { csps, selected, campaigns } = v;
    view! {
        <CspPicker lang csps selected />
        {if campaigns.is_empty() {
            view! { <p>{t!(lang, "published-none")}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {campaigns.into_iter().map(|c| {
                        let href = lang.path(&format!("/staff/engagement/{}/results", c.id));
                        let when = t!(lang, "published-on", day = date(lang, c.published_at));
                        view! { <li><a href=href>{c.title.get(lang).to_string()}</a>" "{when}</li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}
