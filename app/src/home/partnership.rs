//! A partnership's public page: who it is, its neighbourhoods and wards (reference data) and
//! the Community Trigger figures it publishes. It lives here, above the capabilities it
//! draws on, so the reference data never depends on the capabilities built on it.

use crate::{
    i18n::Lang,
    reference::{
        pages::{local_authority_list, partnership},
        Csp, Neighbourhood,
    },
    shell::{page::Page, use_lang, NotFoundMessage},
    t,
    trigger::pages::{published_figures, FiguresTable},
    trigger::YearFigures,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// A partnership's public page: the CSP, its neighbourhoods and the figures it publishes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PartnershipView {
    pub csp: Csp,
    pub neighbourhoods: Vec<Neighbourhood>,
    /// Empty when they cannot be read: the page shows the rest.
    pub figures: Vec<YearFigures>,
    /// "You said, we did" publications (issue 14), most recent first.
    pub publications: Vec<crate::publications::pages::PublishedEntry>,
}

/// The page's data; `None` for an unknown partnership.
pub async fn partnership_page(slug: String) -> Result<Option<PartnershipView>, ServerFnError> {
    let Some((csp, neighbourhoods)) = partnership(slug).await? else {
        return Ok(None);
    };
    let figures = published_figures(csp.id).await.unwrap_or_default();
    let state = crate::state::AppState::current()?;
    let publications = crate::publications::pages::published_entries(&state.db, csp.id, None)
        .await
        .map_err(crate::error::internal)?;
    Ok(Some(PartnershipView { csp, neighbourhoods, figures, publications }))
}

#[component]
pub fn PartnershipPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let load = partnership_page(params.read_untracked().get("slug").unwrap_or_default());
    view! {
        <Page lang load render=move |found| match found {
            None => view! { <NotFoundMessage lang /> }.into_any(),
            Some(view) => view! { <PartnershipDetail lang view /> }.into_any(),
        } />
    }
}

#[component]
fn PartnershipDetail(lang: Lang, view: PartnershipView) -> impl IntoView {
    let PartnershipView { csp, neighbourhoods, figures, publications } = view;
    let name = csp.name.get(lang).to_string();
    view! {
        <Title text=name.clone() />
        <p class="breadcrumb"><a href=lang.path("/partnerships")>{t!(lang, "partnerships-title")}</a></p>
        <h1>{name}</h1>
        <dl class="facts">
            <dt>{t!(lang, "partnership-police-force")}</dt>
            <dd>{csp.police_force.name.get(lang).to_string()}</dd>
            <dt>{t!(lang, "partnership-local-authorities")}</dt>
            <dd>{local_authority_list(lang, &csp)}</dd>
            <dt>{t!(lang, "partnership-wards")}</dt>
            <dd>{t!(lang, "ward-count", count = csp.ward_count)}</dd>
        </dl>
        <h2>{t!(lang, "partnership-neighbourhoods")}</h2>
        <p>{t!(lang, "partnership-neighbourhoods-intro")}</p>
        <p>{t!(lang, "partnership-neighbourhood-pages")}</p>
        <ul class="neighbourhood-list">
            {neighbourhoods.into_iter().map(|n| {
                let wards = n.wards.iter().map(|w| w.name.get(lang).to_string()).collect::<Vec<_>>();
                let single = wards.len() == 1 && wards[0] == n.name.get(lang);
                view! {
                    <li>
                        <a href=lang.path(&format!("/neighbourhoods/{}", n.public_slug))>{n.name.get(lang).to_string()}</a>
                        {(!single).then(|| view! { <span class="meta">{wards.join(", ")}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <crate::publications::pages::PublishedList lang entries=publications />
        {(!figures.is_empty()).then(|| view! { <FiguresTable lang figures /> })}
    }
}
