//! The report form (`/report`, `/cy/report`) and the private tracking page (`/track/{token}`).
//! Plain HTML forms: the same with and without JavaScript.

use crate::{
    i18n::Lang,
    reference::Names,
    reporting::{
        map::{MapTarget, MapWords, WherePicker},
        places::{PlaceSearch, MAX_MATCHES},
        AsbQualifier, Category, FieldError, ReportForm, ReportStatus, TrackedReport, HATE_STRANDS,
        MAX_DESCRIPTION,
    },
    shell::{assets::IslandScripts, page::Page, use_lang, NotFoundMessage},
    t,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChosenArea {
    pub code: String,
    pub name: Names,
    pub csp: Names,
    pub wards: Vec<(String, Names)>,
    pub categories: Vec<Category>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReportPageData {
    /// Every local authority (code, names), for choosing the area.
    pub areas: Vec<(String, Names)>,
    pub area: Option<ChosenArea>,
    /// What the resident sent last time and what needs correcting.
    pub draft: Option<(ReportForm, Vec<FieldError>)>,
    /// A place search from the first step.
    pub search: Option<PlaceSearch>,
    /// A ward chosen from the search results, to start the form with.
    pub ward: Option<String>,
}

/// The report page's data: the areas, the chosen one with its wards and categories, a refused
/// form as the resident typed it (`?draft=`), a place search.
pub async fn report_page(
    area: Option<String>,
    draft: Option<String>,
    place: Option<String>,
    ward: Option<String>,
) -> Result<ReportPageData, ServerFnError> {
    use crate::{db, error::internal};
    let state = crate::state::AppState::current()?;
    let csps = db::reference::list_csps(&state.db).await.map_err(internal)?;
    let mut areas: Vec<(String, Names)> = csps
        .iter()
        .flat_map(|c| c.local_authorities.iter().map(|la| (la.code.clone(), la.name.clone())))
        .collect();
    areas.sort_by(|a, b| a.1.en.cmp(&b.1.en));
    let mut chosen = None;
    if let Some(code) = area.filter(|a| !a.is_empty()) {
        if let Some(csp) = csps.iter().find(|c| c.local_authorities.iter().any(|la| la.code == code)) {
            let name = csp
                .local_authorities
                .iter()
                .find(|la| la.code == code)
                .map(|la| la.name.clone())
                .expect("found above");
            let wards = db::reporting::area_wards(&state.db, &code)
                .await
                .map_err(internal)?
                .into_iter()
                .map(|w| (w.code, w.name))
                .collect();
            let categories = db::reporting::categories(&state.db, csp.id).await.map_err(internal)?;
            chosen = Some(ChosenArea { code, name, csp: csp.name.clone(), wards, categories });
        }
    }
    let draft = match draft.filter(|d| !d.is_empty()) {
        Some(token) => crate::staff::kept::kept_resident::<(ReportForm, Vec<FieldError>)>(&state.db, &token)
            .await
            .map_err(internal)?
            .map(|(mut form, errors)| {
                form.draft = token;
                (form, errors)
            }),
        None => None,
    };
    let search = place.filter(|p| !p.trim().is_empty()).map(|p| {
        let p: String = p.chars().take(100).collect();
        let wards = state
            .wards
            .locations()
            .map(|l| (l.ward.code.as_str(), &l.ward.name, l.local_authority_code.as_str()));
        let mut found = crate::reporting::places::search(&p, wards, &areas);
        // Each ward found leads to its neighbourhood's public page too.
        for m in &mut found.wards {
            m.neighbourhood = state
                .wards
                .ward(&m.ward_code)
                .map(|l| (l.neighbourhood_public_slug.clone(), l.neighbourhood_name.clone()));
        }
        found
    });
    let ward = ward.filter(|w| chosen.as_ref().is_some_and(|a| a.wards.iter().any(|(code, _)| code == w)));
    Ok(ReportPageData { areas, area: chosen, draft, search, ward })
}

/// The tracking page's data: the report behind the private link (`None`: no such link).
pub async fn track(token: String, e: Option<String>) -> Result<Option<TrackedReport>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let hash = crate::staff::accounts::sha256_hex(&token);
    // Opened from the confirmation email: the address is the resident's (Community Trigger).
    if let Some(check) = e.filter(|c| !c.is_empty()) {
        let verified =
            crate::db::trigger::verify_email(&state.db, &hash, &crate::staff::accounts::sha256_hex(&check))
                .await
                .map_err(crate::error::internal)?;
        if let Some(id) = verified {
            if let Err(e) = crate::trigger::flags::evaluate_report(&state.db, id).await {
                tracing::error!(error = %e, "could not check the Community Trigger rules");
            }
        }
    }
    crate::db::reporting::tracked_report(&state.db, &hash).await.map_err(crate::error::internal)
}

/// The message for a field's problem, in the page's language.
pub fn field_error_message(lang: Lang, e: &FieldError) -> String {
    match (e.field.as_str(), e.problem.as_str()) {
        ("category", _) => t!(lang, "report-error-category"),
        ("ward", "outside") => t!(lang, "report-error-outside"),
        ("ward", "bad_location") => t!(lang, "report-error-bad-location"),
        ("ward", _) => t!(lang, "report-error-ward"),
        ("location_text", _) => t!(lang, "report-error-location-too-long"),
        ("happened_at", "required") => t!(lang, "report-error-when-required"),
        ("happened_at", _) => t!(lang, "report-error-when-invalid"),
        ("description", "too_short") => t!(lang, "report-error-description-too-short"),
        ("description", _) => t!(lang, "report-error-description-too-long", max = MAX_DESCRIPTION),
        ("asb_qualifier", _) | ("hate_strands", _) => t!(lang, "report-error-choice"),
        ("name", _) | ("safe_contact", _) => t!(lang, "report-error-too-long"),
        ("email", "contact_required") => t!(lang, "report-error-contact-required"),
        ("email", _) => t!(lang, "report-error-email"),
        ("phone", _) => t!(lang, "report-error-phone"),
        ("photos", "too_many") => t!(lang, "report-error-photos-too-many"),
        ("photos", "too_large") => t!(lang, "report-error-photos-too-large"),
        ("photos", "too_many_pixels") => t!(lang, "report-error-photos-too-many-pixels"),
        ("photos", "not_image") => t!(lang, "report-error-photos-not-image"),
        ("photos", _) => t!(lang, "report-error-photos-again"),
        (_, "rate_limited") => t!(lang, "report-error-rate-limited"),
        (_, "unavailable") => crate::error::AppError::Unavailable.message(lang),
        _ => t!(lang, "report-error-rejected"),
    }
}

pub fn status_name(lang: Lang, status: ReportStatus) -> String {
    match status {
        ReportStatus::Open => t!(lang, "status-open"),
        ReportStatus::Investigating => t!(lang, "status-investigating"),
        ReportStatus::ActionScheduled => t!(lang, "status-action-scheduled"),
        ReportStatus::InProgress => t!(lang, "status-in-progress"),
        ReportStatus::Fixed => t!(lang, "status-fixed"),
        ReportStatus::Duplicate => t!(lang, "status-duplicate"),
        ReportStatus::NotResponsible => t!(lang, "status-not-responsible"),
        ReportStatus::NoFurtherAction => t!(lang, "status-no-further-action"),
        ReportStatus::InternalReferral => t!(lang, "status-internal-referral"),
        ReportStatus::Closed => t!(lang, "status-closed"),
    }
}

pub fn qualifier_name(lang: Lang, q: AsbQualifier) -> String {
    match q {
        AsbQualifier::Personal => t!(lang, "asb-personal"),
        AsbQualifier::Nuisance => t!(lang, "asb-nuisance"),
        AsbQualifier::Environmental => t!(lang, "asb-environmental"),
    }
}

pub fn strand_name(lang: Lang, s: &str) -> String {
    match s {
        "disability" => t!(lang, "hate-disability"),
        "race" => t!(lang, "hate-race"),
        "religion" => t!(lang, "hate-religion"),
        "sexual_orientation" => t!(lang, "hate-sexual-orientation"),
        "transgender" => t!(lang, "hate-transgender"),
        _ => t!(lang, "hate-other"),
    }
}

/// Safety first: how to get help now, and a way off this page that needs no JavaScript.
#[component]
fn SafetyPanel(lang: Lang) -> impl IntoView {
    view! {
        <aside class="safety" aria-labelledby="safety-heading">
            <h2 id="safety-heading">{t!(lang, "report-safety-heading")}</h2>
            <p>{t!(lang, "report-safety-999")}</p>
            <p>{t!(lang, "report-safety-support")}</p>
            <p>
                <a class="quick-exit" href="https://www.bbc.co.uk/weather" rel="external noreferrer">
                    {t!(lang, "report-quick-exit")}
                </a>
            </p>
            <p class="hint">{t!(lang, "report-quick-exit-history")}</p>
        </aside>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = report_page(q.get("area"), q.get("draft"), q.get("place"), q.get("ward"));
    view! {
        <Page lang title=t!(lang, "report-title") load render=move |page| match page {
            ReportPageData { areas, area: None, search, .. } => view! { <ChooseArea lang areas search /> }.into_any(),
            ReportPageData { area: Some(area), draft, ward, .. } => view! { <ReportFormView lang area draft ward /> }.into_any(),
        }>
            <SafetyPanel lang />
        </Page>
    }
}

#[component]
fn ChooseArea(lang: Lang, areas: Vec<(String, Names)>, search: Option<PlaceSearch>) -> impl IntoView {
    let report = lang.path("/report");
    let query = search.as_ref().map(|s| s.query.clone()).unwrap_or_default();
    view! {
        <h2>{t!(lang, "report-area-heading")}</h2>
        <form method="get" action=report.clone() class="form place-search" role="search">
            <div class="field">
                <label for="place">{t!(lang, "report-place-search")}</label>
                <p class="hint" id="place-hint">{t!(lang, "report-place-search-hint")}</p>
                <div class="inline-fields">
                    <input id="place" name="place" type="search" maxlength="100" value=query aria-describedby="place-hint" />
                    <button type="submit" class="button secondary">{t!(lang, "report-place-search-button")}</button>
                </div>
            </div>
        </form>
        {search.map(|found| view! { <PlaceResults lang found /> })}
        <h2>{t!(lang, "report-area-list-heading")}</h2>
        <p>{t!(lang, "report-area-intro")}</p>
        <ul class="area-list">
            {areas.into_iter().map(|(code, name)| view! {
                <li><a href=format!("{report}?area={code}")>{name.get(lang).to_string()}</a></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn PlaceResults(lang: Lang, found: PlaceSearch) -> impl IntoView {
    let report = lang.path("/report");
    let count = found.areas.len() + found.wards.len();
    view! {
        <section class="place-found" aria-labelledby="place-found-heading">
            <h3 id="place-found-heading" tabindex="-1">
                {t!(lang, "report-place-found", count = count, query = found.query.clone())}
            </h3>
            {(count == 0).then(|| view! { <p>{t!(lang, "report-place-none")}</p> })}
            <ul class="place-results">
                {found.areas.iter().map(|(code, name)| view! {
                    <li><a href=format!("{report}?area={code}")>{t!(lang, "report-place-area", area = name.get(lang).to_string())}</a></li>
                }).collect_view()}
                {found.wards.iter().map(|m| view! {
                    <li>
                        <a href=format!("{report}?area={}&ward={}", m.area_code, m.ward_code)>
                            {t!(lang, "report-place-ward", ward = m.ward.get(lang).to_string(), area = m.area.get(lang).to_string())}
                        </a>
                        {m.neighbourhood.as_ref().map(|(slug, name)| view! {
                            " · "
                            <a href=lang.path(&format!("/neighbourhoods/{slug}"))>
                                {t!(lang, "nbhd-place-link", name = name.get(lang).to_string())}
                            </a>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {found.more.then(|| view! { <p>{t!(lang, "report-place-more", shown = MAX_MATCHES)}</p> })}
        </section>
    }
}

/// A field's error, if any: (message, element id).
fn error_for(errors: &[FieldError], lang: Lang, field: &str) -> Option<(String, String)> {
    errors.iter().find(|e| e.field == field).map(|e| (field_error_message(lang, e), format!("{field}-error")))
}

#[component]
fn FieldErrorText(error: Option<(String, String)>) -> impl IntoView {
    error.map(|(message, id)| view! { <p class="field-error" id=id>{message}</p> })
}

/// The errors of a report form sent back, for its fields: the message under a field, what
/// describes it and whether it is marked invalid.
#[derive(Clone)]
struct FormErrors {
    lang: Lang,
    list: Vec<FieldError>,
}

impl FormErrors {
    fn has(&self, field: &str) -> bool {
        self.list.iter().any(|x| x.field == field)
    }

    fn text(&self, field: &str) -> Option<(String, String)> {
        error_for(&self.list, self.lang, field)
    }

    fn described(&self, field: &str, hint: Option<&str>) -> Option<String> {
        let mut ids: Vec<String> = hint.map(|h| vec![h.to_string()]).unwrap_or_default();
        if self.has(field) {
            ids.push(format!("{field}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn invalid(&self, field: &str) -> Option<&'static str> {
        self.has(field).then_some("true")
    }
}

/// The errors at the top of a form sent back, each a link to its field.
#[component]
fn ErrorSummary(lang: Lang, errors: FormErrors) -> impl IntoView {
    let summary: Vec<(String, String)> = errors
        .list
        .iter()
        .map(|x| {
            // Where the link in the summary takes the resident: the field, or its first choice.
            let target = match x.field.as_str() {
                "form" => "description",
                "asb_qualifier" => "asb-personal",
                "hate_strands" => "hate-disability",
                field => field,
            };
            (field_error_message(lang, x), target.to_string())
        })
        .collect();
    (!summary.is_empty()).then(|| view! {
        <div class="error-summary" role="alert" aria-labelledby="error-summary-heading" tabindex="-1" id="errors">
            <h2 id="error-summary-heading">{t!(lang, "report-error-summary")}</h2>
            <ul>
                {summary.into_iter().map(|(message, field)| view! { <li><a href=format!("#{field}")>{message}</a></li> }).collect_view()}
            </ul>
        </div>
    })
}

/// What happened: the kind of problem, whether it is aimed at someone, hate.
#[component]
fn WhatSection(lang: Lang, area: ChosenArea, form: ReportForm, errors: FormErrors) -> impl IntoView {
    view! {
    <fieldset>
        <legend>{t!(lang, "report-what-legend")}</legend>
        <div class="field">
            <label for="category">{t!(lang, "report-category")}</label>
            <FieldErrorText error=errors.text("category") />
            <select id="category" name="category" aria-describedby=errors.described("category", None) aria-invalid=errors.invalid("category")>
                <option value="">{t!(lang, "report-choose")}</option>
                {area.categories.iter().map(|c| view! {
                    <option value=c.code.clone() selected=c.code == form.category>{c.name.get(lang).to_string()}</option>
                }).collect_view()}
            </select>
        </div>
        <fieldset class="field">
            <legend>{t!(lang, "report-asb-legend")}</legend>
            <p class="hint" id="asb-hint">{t!(lang, "report-asb-hint")}</p>
            <FieldErrorText error=errors.text("asb_qualifier") />
            {AsbQualifier::ALL.iter().map(|&q| view! {
                <div class="choice">
                    <input type="radio" name="asb_qualifier" id=format!("asb-{}", q.as_str()) value=q.as_str() checked=form.asb_qualifier == q.as_str() />
                    <label for=format!("asb-{}", q.as_str())>{qualifier_name(lang, q)}</label>
                </div>
            }).collect_view()}
        </fieldset>
        <fieldset class="field">
            <legend>{t!(lang, "report-hate-legend")}</legend>
            <p class="hint">{t!(lang, "report-hate-hint")}</p>
            <FieldErrorText error=errors.text("hate_strands") />
            {HATE_STRANDS.iter().map(|s| view! {
                <div class="choice">
                    <input type="checkbox" name="hate_strands" id=format!("hate-{s}") value=*s checked=form.hate_strands.iter().any(|x| x == s) />
                    <label for=format!("hate-{s}")>{strand_name(lang, s)}</label>
                </div>
            }).collect_view()}
        </fieldset>
    </fieldset>
    }
}

/// Where: the map, the ward, the place in words.
#[component]
fn WhereSection(lang: Lang, area: ChosenArea, form: ReportForm, errors: FormErrors) -> impl IntoView {
    view! {
    <fieldset>
        <legend>{t!(lang, "report-where-legend")}</legend>
        // The map (an island) and the script that brings it to life; type-erased, as the
        // form's view type is already deep.
        {view! {
            <WherePicker lang words=MapWords::new(lang) target=MapTarget::report(&area.code, &form.lat, &form.lon) />
            <IslandScripts />
        }.into_any()}
        <div class="field">
            <label for="ward">{t!(lang, "report-ward")}</label>
            <p class="hint" id="ward-hint">{t!(lang, "report-ward-hint")}</p>
            <FieldErrorText error=errors.text("ward") />
            <select id="ward" name="ward" aria-describedby=errors.described("ward", Some("ward-hint")) aria-invalid=errors.invalid("ward")>
                <option value="">{t!(lang, "report-choose")}</option>
                {area.wards.iter().map(|(code, name)| view! {
                    <option value=code.clone() selected=*code == form.ward>{name.get(lang).to_string()}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="location_text">{t!(lang, "report-location-text")}</label>
            <p class="hint" id="location-hint">{t!(lang, "report-location-hint")}</p>
            <FieldErrorText error=errors.text("location_text") />
            <input id="location_text" name="location_text" type="text" maxlength="200" value=form.location_text.clone()
                aria-describedby=errors.described("location_text", Some("location-hint")) aria-invalid=errors.invalid("location_text") />
        </div>
    </fieldset>
    }
}

/// When, and whether it is still going on.
#[component]
fn WhenSection(lang: Lang, form: ReportForm, errors: FormErrors) -> impl IntoView {
    view! {
    <fieldset>
        <legend>{t!(lang, "report-when-legend")}</legend>
        <div class="field">
            <label for="happened_at">{t!(lang, "report-when")}</label>
            <p class="hint" id="when-hint">{t!(lang, "report-when-hint")}</p>
            <FieldErrorText error=errors.text("happened_at") />
            <input id="happened_at" name="happened_at" type="datetime-local" value=form.happened_at.clone()
                aria-describedby=errors.described("happened_at", Some("when-hint")) aria-invalid=errors.invalid("happened_at") />
        </div>
        <div class="choice">
            <input type="checkbox" id="ongoing" name="ongoing" value="on" checked=!form.ongoing.is_empty() />
            <label for="ongoing">{t!(lang, "report-ongoing")}</label>
        </div>
    </fieldset>
    }
}

/// What happened in the resident's words, and photos.
#[component]
fn DescriptionSection(lang: Lang, form: ReportForm, errors: FormErrors) -> impl IntoView {
    view! {
    <div class="field">
        <label for="description">{t!(lang, "report-description")}</label>
        <p class="hint" id="description-hint">{t!(lang, "report-description-hint", max = MAX_DESCRIPTION)}</p>
        <FieldErrorText error=errors.text("description") />
        <textarea id="description" name="description" rows="8" maxlength=MAX_DESCRIPTION.to_string()
            aria-describedby=errors.described("description", Some("description-hint")) aria-invalid=errors.invalid("description")>
            {form.description.clone()}
        </textarea>
    </div>

    <div class="field">
        <label for="photos">{t!(lang, "report-photos")}</label>
        <p class="hint" id="photos-hint">{t!(lang, "report-photos-hint")}</p>
        <FieldErrorText error=errors.text("photos") />
        <input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple
            aria-describedby=errors.described("photos", Some("photos-hint")) aria-invalid=errors.invalid("photos") />
    </div>
    }
}

/// About the resident: anonymous or not, how to contact them, and safely.
#[component]
fn ContactSection(lang: Lang, form: ReportForm, errors: FormErrors) -> impl IntoView {
    let anonymous = form.anonymous != "no";
    let contact_lang = Lang::parse(&form.contact_language).unwrap_or(lang);
    view! {
    <fieldset>
        <legend>{t!(lang, "report-about-legend")}</legend>
        <div class="choice">
            <input type="radio" id="anonymous-yes" name="anonymous" value="yes" checked=anonymous />
            <label for="anonymous-yes">{t!(lang, "report-anonymous-yes")}</label>
        </div>
        <div class="choice">
            <input type="radio" id="anonymous-no" name="anonymous" value="no" checked=!anonymous />
            <label for="anonymous-no">{t!(lang, "report-anonymous-no")}</label>
        </div>
        <p class="hint">{t!(lang, "report-contact-hint")}</p>
        <div class="field">
            <label for="name">{t!(lang, "report-name")}</label>
            <FieldErrorText error=errors.text("name") />
            <input id="name" name="name" type="text" autocomplete="name" value=form.name.clone() aria-describedby=errors.described("name", None) aria-invalid=errors.invalid("name") />
        </div>
        <div class="field">
            <label for="email">{t!(lang, "sign-in-email")}</label>
            <FieldErrorText error=errors.text("email") />
            <input id="email" name="email" type="email" autocomplete="email" spellcheck="false" value=form.email.clone() aria-describedby=errors.described("email", None) aria-invalid=errors.invalid("email") />
        </div>
        <div class="field">
            <label for="phone">{t!(lang, "report-phone")}</label>
            <FieldErrorText error=errors.text("phone") />
            <input id="phone" name="phone" type="tel" autocomplete="tel" value=form.phone.clone() aria-describedby=errors.described("phone", None) aria-invalid=errors.invalid("phone") />
        </div>
        <fieldset class="field">
            <legend>{t!(lang, "report-contact-language")}</legend>
            {Lang::ALL.into_iter().map(|l| view! {
                <div class="choice">
                    <input type="radio" name="contact_language" id=format!("contact-{}", l.code()) value=l.code() checked=contact_lang == l />
                    <label for=format!("contact-{}", l.code()) lang=l.code()>{l.endonym()}</label>
                </div>
            }).collect_view()}
        </fieldset>
        <div class="choice">
            <input type="checkbox" id="consent" name="consent" value="on" checked=!form.consent.is_empty() />
            <label for="consent">{t!(lang, "report-consent")}</label>
        </div>
        <div class="field">
            <label for="safe_contact">{t!(lang, "report-safe-contact")}</label>
            <p class="hint" id="safe-hint">{t!(lang, "report-safe-contact-hint")}</p>
            <FieldErrorText error=errors.text("safe_contact") />
            <textarea id="safe_contact" name="safe_contact" rows="3" aria-describedby=errors.described("safe_contact", Some("safe-hint"))>{form.safe_contact.clone()}</textarea>
        </div>
    </fieldset>
    }
}

#[component]
fn ReportFormView(
    lang: Lang,
    area: ChosenArea,
    draft: Option<(ReportForm, Vec<FieldError>)>,
    ward: Option<String>,
) -> impl IntoView {
    use crate::shell::outcome::{Kind, Outcome, Pages};
    let (form, errors) = draft.unwrap_or_else(|| {
        let start = ReportForm {
            anonymous: "yes".into(),
            contact_language: lang.code().into(),
            ward: ward.unwrap_or_default(),
            ..Default::default()
        };
        (start, Vec::new())
    });
    let errors = FormErrors { lang, list: errors };
    // The form could not even be kept to be shown again (`?error=unavailable`).
    let (_, key) = Pages::ReportForm.keys();
    let refused = use_query_map()
        .read_untracked()
        .get(key)
        .and_then(|code| Outcome::find(Pages::ReportForm, Kind::Error, &code));
    view! {
        <p class="breadcrumb">
            {t!(lang, "report-area-chosen", area = area.name.get(lang).to_string(), csp = area.csp.get(lang).to_string())} " "
            <a href=lang.path("/report")>{t!(lang, "report-area-change")}</a>
        </p>
        {refused.map(|outcome| view! {
            <div class="notice notice-error" role="alert"><p>{outcome.message(lang)}</p></div>
        })}
        <ErrorSummary lang errors=errors.clone() />
        <form method="post" action="/report" class="form report-form" enctype="multipart/form-data" novalidate>
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="area" value=area.code.clone() />
            <input type="hidden" name="draft" value=form.draft.clone() />
            <div class="honeypot" aria-hidden="true">
                <label for="website">{t!(lang, "report-honeypot")}</label>
                <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
            </div>
            <WhatSection lang area=area.clone() form=form.clone() errors=errors.clone() />
            <WhereSection lang area=area.clone() form=form.clone() errors=errors.clone() />
            <WhenSection lang form=form.clone() errors=errors.clone() />
            <DescriptionSection lang form=form.clone() errors=errors.clone() />
            <ContactSection lang form errors />
            <p>{t!(lang, "report-privacy")}</p>
            <button type="submit" class="button">{t!(lang, "report-submit")}</button>
        </form>
    }
}

/// A resident's private page for one report, named after the report.
#[component]
pub fn TrackPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let token = use_params_map().read_untracked().get("token").unwrap_or_default();
    let q = use_query_map().read_untracked();
    let (is_new, replied) = (q.get("new").is_some(), q.get("replied").is_some());
    let load = track(token.clone(), q.get("e"));
    view! {
        <Page lang load render=move |found| match found {
            None => view! { <NotFoundMessage lang /> }.into_any(),
            Some(report) => view! { <Tracked lang report is_new replied token=token.clone() /> }.into_any(),
        } />
    }
}

/// The resident answers the partnership's question: a plain form, kept on their private page.
#[component]
fn ReplyForm(lang: Lang, token: String) -> impl IntoView {
    use crate::shell::outcome::{Kind, Outcome, Pages};
    let query = use_query_map();
    let (_, key) = Pages::Tracking.keys();
    let error = query.read_untracked().get(key).and_then(|c| Outcome::find(Pages::Tracking, Kind::Error, &c));
    view! {
        <section aria-labelledby="reply-heading">
            <h2 id="reply-heading">{t!(lang, "track-reply-heading")}</h2>
            <form method="post" action=format!("/track/{token}/reply") class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <div class="field">
                    <label for="reply">{t!(lang, "track-reply")}</label>
                    {error.map(|_| view! { <p class="field-error" id="reply-error">{t!(lang, "track-reply-error", max = crate::reporting::MAX_REPLY)}</p> })}
                    <textarea id="reply" name="reply" rows="5" maxlength=crate::reporting::MAX_REPLY.to_string()></textarea>
                </div>
                <button type="submit" class="button">{t!(lang, "track-reply-send")}</button>
            </form>
        </section>
    }
}

#[component]
fn Tracked(lang: Lang, report: TrackedReport, is_new: bool, replied: bool, token: String) -> impl IntoView {
    let title = t!(lang, "track-title", reference = report.reference.clone());
    let link = lang.path(&format!("/track/{token}"));
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        {report.sensitive.then(|| view! { <SafetyPanel lang /> })}
        {replied.then(|| view! {
            <div class="notice notice-success" role="status"><p>{t!(lang, "track-reply-sent")}</p></div>
        })}
        {is_new.then(|| view! {
            <div class="notice notice-success" role="status">
                <p>{t!(lang, "track-received", reference = report.reference.clone())}</p>
                <p>{t!(lang, "track-keep-link")} " " <a href=link.clone()>{link.clone()}</a></p>
            </div>
        })}
        <dl class="facts">
            <dt>{t!(lang, "track-status")}</dt>
            <dd><strong>{status_name(lang, report.status)}</strong></dd>
            <dt>{t!(lang, "report-category")}</dt>
            <dd>{report.category.get(lang).to_string()}</dd>
            <dt>{t!(lang, "track-where")}</dt>
            <dd>
                {report.ward.get(lang).to_string()}
                {(!report.location_text.is_empty()).then(|| format!(" – {}", report.location_text))}
            </dd>
            <dt>{t!(lang, "track-partnership")}</dt>
            <dd>{report.csp.get(lang).to_string()}</dd>
            <dt>{t!(lang, "track-submitted")}</dt>
            <dd>{crate::time::time(lang, report.submitted_at)}</dd>
            <dt>{t!(lang, "report-photos")}</dt>
            <dd>{t!(lang, "photo-count", count = report.photo_count)}</dd>
        </dl>
        <h2>{t!(lang, "track-timeline")}</h2>
        <ol class="timeline">
            {report.timeline.into_iter().map(|entry| view! {
                <li>
                    <span class="meta">{crate::time::time(lang, entry.at)}</span>
                    <strong>{match entry.kind {
                        crate::reporting::UpdateKind::Question => t!(lang, "track-question"),
                        crate::reporting::UpdateKind::Reply => t!(lang, "track-your-reply"),
                        _ => status_name(lang, entry.status),
                    }}</strong>
                    {entry.message.map(|m| view! { <p class="message">{m}</p> })}
                </li>
            }).collect_view()}
        </ol>
        {report.awaiting_reply.then(|| view! { <ReplyForm lang token=token.clone() /> })}
        <h2>{t!(lang, "track-next-heading")}</h2>
        <p>{t!(lang, "track-next")}</p>
        <p>
            <a href=lang.path(&format!("/neighbourhoods/{}", report.neighbourhood_slug))>
                {t!(lang, "nbhd-track-link", name = report.neighbourhood.get(lang).to_string())}
            </a>
        </p>
    }
}
