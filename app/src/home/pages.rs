use crate::{shell::use_lang, t};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t!(lang, "home-title") />
        <h1>{t!(lang, "home-heading")}</h1>
        <p class="lead">{t!(lang, "home-lead")}</p>
        <div class="cards">
            <section class="card" aria-labelledby="report">
                <h2 id="report">{t!(lang, "home-report-heading")}</h2>
                <p>{t!(lang, "home-report-body")}</p>
                <p><a class="button" href=lang.path("/report")>{t!(lang, "nav-report")}</a></p>
            </section>
            <section class="card" aria-labelledby="find-csp">
                <h2 id="find-csp">{t!(lang, "home-find-heading")}</h2>
                <p>{t!(lang, "home-find-body")}</p>
                <p><a class="button" href=lang.path("/partnerships")>{t!(lang, "home-find-link")}</a></p>
            </section>
            <section class="card" aria-labelledby="emergency">
                <h2 id="emergency">{t!(lang, "home-emergency-heading")}</h2>
                <p>{t!(lang, "home-emergency-body")}</p>
            </section>
            <section class="card" aria-labelledby="staff">
                <h2 id="staff">{t!(lang, "home-staff-heading")}</h2>
                <p>{t!(lang, "home-staff-body")}</p>
                <p><a href=lang.path("/sign-in")>{t!(lang, "nav-sign-in")}</a></p>
            </section>
        </div>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t!(lang, "a11y-title") />
        <h1>{t!(lang, "a11y-title")}</h1>
        <p>{t!(lang, "a11y-intro")}</p>
        <h2>{t!(lang, "a11y-how-heading")}</h2>
        <ul>
            <li>{t!(lang, "a11y-how-zoom")}</li>
            <li>{t!(lang, "a11y-how-keyboard")}</li>
            <li>{t!(lang, "a11y-how-no-js")}</li>
            <li>{t!(lang, "a11y-how-welsh")}</li>
        </ul>
        <h2>{t!(lang, "a11y-status-heading")}</h2>
        <p>{t!(lang, "a11y-status-body")}</p>
        <h2>{t!(lang, "a11y-testing-heading")}</h2>
        <p>{t!(lang, "a11y-testing-body")}</p>
        <h2>{t!(lang, "a11y-contact-heading")}</h2>
        <p>{t!(lang, "a11y-contact-body")}</p>
    }
}
