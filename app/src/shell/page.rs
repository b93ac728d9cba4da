//! The one way a page loads its data, and the scaffold every such page shares: its title and
//! heading, what it says before its data (the outcome of a form, an introduction), "loading"
//! while the loader runs, the error message (with its HTTP status) when it fails, and the
//! page's own sections once it succeeds.
//!
//! A loader is a plain async function over the page's address (path and query), run on the
//! server while the page renders (pages are server-rendered; no page data goes through a server
//! function endpoint).

use crate::{i18n::Lang, shell::ErrorMessage, t};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{de::DeserializeOwned, Serialize};
use std::{future::Future, sync::Arc};

/// A page whose data comes from `load` and is shown by `render`:
///
/// ```ignore
/// view! {
///     <Page lang title=t!(lang, "audit-title") load=audit_log(csp, page) render=move |view| view! { <AuditTable lang view /> }>
///         <p>{t!(lang, "audit-intro")}</p>
///     </Page>
/// }
/// ```
#[component]
pub fn Page<T, L, R, V>(
    lang: Lang,
    /// The page's title and heading, shown before its data. Leave it out when the loaded page
    /// names itself (a report's page is named after the report).
    #[prop(optional, into)]
    title: Option<String>,
    /// For a page that names itself: the title and heading shown with the error instead.
    #[prop(optional, into)]
    error_title: Option<String>,
    /// The page's data, loaded on the server.
    load: L,
    /// The page's sections for the loaded data.
    render: R,
    /// What the page says between its heading and its data: the notice of what a form did, an
    /// introduction.
    #[prop(optional)]
    children: Option<Children>,
) -> AnyView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    L: Future<Output = Result<T, ServerFnError>> + Send + 'static,
    R: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let data = OnceResource::new_blocking(load);
    let render = Arc::new(render);
    view! {
        {title.map(heading)}
        {children.map(|children| children())}
        <Suspense fallback=move || view! { <p>{t!(lang, "loading")}</p> }>
            {move || {
                let (render, error_title) = (render.clone(), error_title.clone());
                Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { {error_title.map(heading)} <ErrorMessage lang error /> }.into_any(),
                        Ok(value) => render(value).into_any(),
                    }
                })
            }}
        </Suspense>
    }
    // Erased here, where the page's full type is known: laid out in the server crate instead,
    // its future would need that crate's recursion limit raised too.
    .into_any()
}

/// A page's title (in the browser's tab) and its one `h1`.
fn heading(title: String) -> impl IntoView {
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
    }
}
