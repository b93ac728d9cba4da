//! Public pages: the partnerships of Wales and, for each, its neighbourhoods and wards.

use crate::{
    i18n::Lang,
    reference::{Csp, Neighbourhood},
    shell::{page::Page, use_lang},
    t,
};
use leptos::prelude::*;

/// The partnerships page's data: every CSP.
pub async fn list_partnerships() -> Result<Vec<Csp>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    crate::db::reference::list_csps(&state.db).await.map_err(crate::error::internal)
}

/// A partnership's page's data: the CSP and its neighbourhoods, `None` for an unknown one.
pub async fn partnership(slug: String) -> Result<Option<(Csp, Vec<Neighbourhood>)>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let Some(csp) =
        crate::db::reference::csp_by_slug(&state.db, &slug).await.map_err(crate::error::internal)?
    else {
        return Ok(None);
    };
    let neighbourhoods =
        crate::db::reference::neighbourhoods(&state.db, csp.id).await.map_err(crate::error::internal)?;
    Ok(Some((csp, neighbourhoods)))
}

pub fn local_authority_list(lang: Lang, csp: &Csp) -> String {
    csp.local_authorities.iter().map(|la| la.name.get(lang).to_string()).collect::<Vec<_>>().join(", ")
}

#[component]
pub fn PartnershipsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Page lang title=t!(lang, "partnerships-title") load=list_partnerships() render=move |list| view! { <Partnerships lang list /> }>
            <p class="lead">{t!(lang, "partnerships-lead")}</p>
        </Page>
    }
}

/// The partnerships, by police force.
#[component]
fn Partnerships(lang: Lang, list: Vec<Csp>) -> impl IntoView {
    let mut forces: Vec<(String, String)> = Vec::new();
    for c in &list {
        let key = (c.police_force.slug.clone(), c.police_force.name.get(lang).to_string());
        if !forces.contains(&key) {
            forces.push(key);
        }
    }
    forces
        .into_iter()
        .map(|(slug, force_name)| {
            let in_force: Vec<Csp> = list.iter().filter(|c| c.police_force.slug == slug).cloned().collect();
            view! {
                <section class="force" aria-labelledby=format!("force-{slug}")>
                    <h2 id=format!("force-{slug}")>{t!(lang, "partnerships-force-heading", force = force_name)}</h2>
                    <ul class="csp-list">
                        {in_force.into_iter().map(|csp| view! {
                            <li>
                                <a href=lang.path(&format!("/partnerships/{}", csp.slug))>{csp.name.get(lang).to_string()}</a>
                                <span class="meta">
                                    {local_authority_list(lang, &csp)} " · "
                                    {t!(lang, "neighbourhood-count", count = csp.neighbourhood_count)}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}
