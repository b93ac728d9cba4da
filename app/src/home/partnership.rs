//! A partnership's public page: who it is, its neighbourhoods and wards (reference data) and
//! the Community Trigger figures it publishes. It lives here, above the capabilities it
//! draws on, so the reference data never depends on the capabilities built on it.

use crate::{
    i18n::Lang,
    reference::{
        pages::{local_authority_list, partnership},
        Csp, Neighbourhood,
    },
    shell::{use_lang, ErrorMessage, NotFoundMessage},
    t,
    trigger::pages::FiguresSection,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PartnershipPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let data = Resource::new_blocking(move || params.read().get("slug").unwrap_or_default(), partnership);
    view! {
        <Suspense fallback=move || view! { <p>{t!(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorMessage lang error /> }.into_any(),
                    Ok(None) => view! { <NotFoundMessage lang /> }.into_any(),
                    Ok(Some((csp, neighbourhoods))) => view! { <PartnershipDetail lang csp neighbourhoods /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PartnershipDetail(lang: Lang, csp: Csp, neighbourhoods: Vec<Neighbourhood>) -> impl IntoView {
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
        <ul class="neighbourhood-list">
            {neighbourhoods.into_iter().map(|n| {
                let wards = n.wards.iter().map(|w| w.name.get(lang).to_string()).collect::<Vec<_>>();
                let single = wards.len() == 1 && wards[0] == n.name.get(lang);
                view! {
                    <li>
                        {n.name.get(lang).to_string()}
                        {(!single).then(|| view! { <span class="meta">{wards.join(", ")}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <FiguresSection lang slug=csp.slug.clone() />
    }
}
