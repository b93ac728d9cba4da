//! Case review pages: the resident's application (`/case-review`), the CSP's list with its
//! deadlines and decisions (`/staff/case-reviews`), its trigger settings, and the published
//! yearly figures (on each partnership's public page).

use crate::staff::CspAccess;
use crate::{
    i18n::Lang,
    reference::Names,
    shell::outcome::{Outcome, Pages},
    shell::{page::Page, use_lang, CspPicker},
    t,
    time::date,
    trigger::{CaseReview, ReviewStatus, TriggerRules, YearFigures},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The application form as sent, kept while it needs correcting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub on_behalf_of: String,
    pub references: String,
    pub impact: String,
    pub contact_language: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ApplicationView {
    pub form: ApplicationForm,
    pub errors: Vec<String>,
    /// The reference of an application just received.
    pub received: Option<String>,
}

/// The application page's data: a refused form as the resident typed it (`?draft=`), or the
/// reference of one just received (`?done=`).
pub async fn application_page(
    draft: Option<String>,
    done: Option<String>,
) -> Result<ApplicationView, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let (form, errors) = match draft.filter(|d| !d.is_empty()) {
        Some(token) => crate::staff::kept::kept_resident::<(ApplicationForm, Vec<String>)>(&state.db, &token)
            .await
            .map_err(crate::error::internal)?
            .unwrap_or_default(),
        None => Default::default(),
    };
    let received = done.filter(|d| {
        d.starts_with("CR-") && d.len() <= 12 && d[3..].chars().all(|c| c.is_ascii_digit() || c == '-')
    });
    Ok(ApplicationView { form, errors, received })
}

pub fn application_error(lang: Lang, problem: &str) -> String {
    match problem {
        "name" => t!(lang, "review-error-name"),
        "contact" => t!(lang, "review-error-contact"),
        "email" => t!(lang, "report-error-email"),
        "phone" => t!(lang, "report-error-phone"),
        "references_required" => t!(lang, "review-error-references-required"),
        "references_too_many" => t!(lang, "review-error-references-too-many"),
        "reference_shape" => t!(lang, "review-error-reference-shape"),
        "references_unknown" => t!(lang, "review-error-references-unknown"),
        "impact" => t!(lang, "review-error-impact"),
        "too_long" => t!(lang, "report-error-too-long"),
        "rate_limited" => t!(lang, "review-error-rate-limited"),
        _ => crate::error::AppError::Unavailable.message(lang),
    }
}

#[component]
pub fn CaseReviewPage() -> impl IntoView {
    crate::shell::security::no_store();
    let lang = use_lang();
    let query = use_query_map();
    let load = application_page(query.read_untracked().get("draft"), query.read_untracked().get("done"));
    view! {
        <Page lang title=t!(lang, "review-title") load render=move |page| match page {
            ApplicationView { received: Some(reference), .. } => view! {
                <div class="notice notice-success" role="status">
                    <p>{t!(lang, "review-received", reference = reference)}</p>
                </div>
                <p>{t!(lang, "review-next")}</p>
            }.into_any(),
            page => view! { <ApplicationFormView lang page /> }.into_any(),
        } />
    }
}

#[component]
fn ApplicationFormView(lang: Lang, page: ApplicationView) -> impl IntoView {
    let ApplicationView { form, errors, .. } = page;
    let contact_lang = Lang::parse(&form.contact_language).unwrap_or(lang);
    view! {
        <p>{t!(lang, "review-intro")}</p>
        <p>{t!(lang, "report-safety-999")}</p>
        {(!errors.is_empty()).then(|| view! {
            <div class="error-summary" role="alert" aria-labelledby="review-errors" tabindex="-1">
                <h2 id="review-errors">{t!(lang, "report-error-summary")}</h2>
                <ul>{errors.iter().map(|e| view! { <li>{application_error(lang, e)}</li> }).collect_view()}</ul>
            </div>
        })}
        <form method="post" action="/case-review" class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <div class="field">
                <label for="references">{t!(lang, "review-references")}</label>
                <p class="hint" id="references-hint">{t!(lang, "review-references-hint")}</p>
                <input id="references" name="references" type="text" value=form.references.clone() aria-describedby="references-hint" spellcheck="false" />
            </div>
            <div class="field">
                <label for="impact">{t!(lang, "review-impact")}</label>
                <p class="hint" id="impact-hint">{t!(lang, "review-impact-hint")}</p>
                <textarea id="impact" name="impact" rows="6" maxlength="4000" aria-describedby="impact-hint">{form.impact.clone()}</textarea>
            </div>
            <div class="field">
                <label for="name">{t!(lang, "report-name")}</label>
                <input id="name" name="name" type="text" autocomplete="name" value=form.name.clone() />
            </div>
            <div class="field">
                <label for="email">{t!(lang, "sign-in-email")}</label>
                <input id="email" name="email" type="email" autocomplete="email" value=form.email.clone() />
            </div>
            <div class="field">
                <label for="phone">{t!(lang, "report-phone")}</label>
                <input id="phone" name="phone" type="tel" autocomplete="tel" value=form.phone.clone() />
            </div>
            <div class="field">
                <label for="on_behalf_of">{t!(lang, "review-on-behalf")}</label>
                <p class="hint" id="behalf-hint">{t!(lang, "review-on-behalf-hint")}</p>
                <input id="on_behalf_of" name="on_behalf_of" type="text" value=form.on_behalf_of.clone() aria-describedby="behalf-hint" />
            </div>
            <fieldset class="field">
                <legend>{t!(lang, "report-contact-language")}</legend>
                {Lang::ALL.into_iter().map(|l| view! {
                    <div class="choice">
                        <input type="radio" name="contact_language" id=format!("review-contact-{}", l.code()) value=l.code() checked=contact_lang == l />
                        <label for=format!("review-contact-{}", l.code()) lang=l.code()>{l.endonym()}</label>
                    </div>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t!(lang, "review-submit")}</button>
        </form>
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CaseReviewsView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub reviews: Vec<CaseReview>,
    pub rules: TriggerRules,
    pub acknowledge_days: i64,
    pub may_configure: bool,
    pub figures: YearFigures,
    /// The public contact on the partnership's neighbourhood pages (issue 14), as set.
    pub contact_en: String,
    pub contact_cy: String,
}

/// The case reviews page's data: the chosen CSP's reviews (each one shown is audited), its
/// trigger settings and this year's figures.
pub async fn case_reviews(csp: Option<String>) -> Result<CaseReviewsView, ServerFnError> {
    use crate::{error::internal, staff::Permission};
    let user = crate::staff::pages::require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::TriageReports);
    let Some(CspAccess { id: csp_id, slug, .. }) = crate::staff::StaffUser::pick_csp(&allowed, csp) else {
        return Err(crate::error::reject(crate::error::AppError::Forbidden));
    };
    let now = crate::db::now();
    let reviews: Vec<crate::trigger::CaseReview> = crate::db::trigger::case_reviews(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|r| crate::trigger::CaseReview::at(r, now))
        .collect();
    // Each application shown (the applicant's name, contact details and words) is a read of
    // personal data: one entry per review, all written before any is shown.
    let ip = crate::staff::session::client_ip();
    let read: Vec<crate::audit::NewAuditEntry> = reviews
        .iter()
        .map(|r| crate::audit::NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(crate::audit::AuditAction::CaseReviewViewed),
            record_type: Some("case_review".into()),
            record_id: Some(r.reference.clone()),
            csp_id: Some(csp_id),
            ip: ip.clone(),
            detail: None,
        })
        .collect();
    crate::db::audit::record_all(&state.db, &read).await.map_err(internal)?;
    let rules = crate::db::trigger::rules(&state.db, csp_id).await.map_err(internal)?;
    let acknowledge_days = crate::db::triage::acknowledge_days(&state.db, csp_id).await.map_err(internal)?;
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let figures = crate::db::trigger::figures(&state.db, csp_id, year).await.map_err(internal)?;
    let contact = crate::db::neighbourhoods::public_contact(&state.db, csp_id).await.map_err(internal)?;
    Ok(CaseReviewsView {
        contact_en: contact.public_contact_en.unwrap_or_default(),
        contact_cy: contact.public_contact_cy.unwrap_or_default(),
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        reviews,
        rules,
        acknowledge_days,
        may_configure: user.can(Permission::ManageRoles, csp_id),
        figures,
    })
}

fn status_label(lang: Lang, status: ReviewStatus) -> String {
    match status {
        ReviewStatus::Acknowledged => t!(lang, "review-status-acknowledged"),
        ReviewStatus::ThresholdNotMet => t!(lang, "review-status-not-met"),
        ReviewStatus::ReviewHeld => t!(lang, "review-status-held"),
        ReviewStatus::Received => t!(lang, "review-status-received"),
    }
}

#[component]
pub fn CaseReviewsPage() -> impl IntoView {
    let lang = use_lang();
    let load = case_reviews(use_query_map().read_untracked().get("csp"));
    view! {
        <Page lang title=t!(lang, "reviews-title") load render=move |view| view! { <CaseReviewList lang view /> } />
    }
}

#[component]
fn CaseReviewList(lang: Lang, view: CaseReviewsView) -> impl IntoView {
    let query = use_query_map();
    let (done, error) = (query.read_untracked().get("done"), query.read_untracked().get("error"));
    let CaseReviewsView {
        csps,
        selected,
        reviews,
        rules,
        acknowledge_days,
        may_configure,
        figures,
        contact_en,
        contact_cy,
    } = view;
    let slug = selected.clone();
    view! {
        <CspPicker lang csps selected=selected.clone() />
        {done.map(|d| {
            let count = |name: &str| query.read_untracked().get(name).and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
            let message = match Outcome::done(Pages::CaseReviews, &d) {
                Outcome::SettingsSaved => t!(lang, "reviews-settings-saved", flagged = count("flagged"), cleared = count("cleared")),
                done => done.message(lang),
            };
            view! { <div class="notice notice-success" role="status"><p>{message}</p></div> }
        })}
        {error.map(|e| view! { <div class="error-summary" role="alert"><p>{Outcome::error(Pages::CaseReviews, &e).message(lang)}</p></div> })}
        <p>{t!(lang, "reviews-rules", reports = rules.reports, days = rules.window_days, acknowledge = rules.review_acknowledge_days, decide = rules.review_decide_days)}</p>
        <p>{t!(lang, "reviews-figures", year = figures.year, applications = figures.applications, not_met = figures.threshold_not_met, held = figures.reviews_held, recommendations = figures.with_recommendations)}</p>
        {reviews.is_empty().then(|| view! { <p>{t!(lang, "reviews-none")}</p> })}
        {reviews.into_iter().map(|r| {
            let action = format!("/staff/case-reviews/{}", r.reference);
            let slug = slug.clone();
            view! {
                <article class="card">
                    <h2>{format!("{} · {}", r.reference, status_label(lang, r.status))}</h2>
                    <dl class="facts">
                        <dt>{t!(lang, "reviews-applicant")}</dt>
                        <dd>{r.applicant_name.clone()} {r.on_behalf_of.clone().map(|o| format!(" ({o})"))} " · " {r.applicant_email.clone().unwrap_or_default()} " " {r.applicant_phone.clone().unwrap_or_default()}</dd>
                        <dt>{t!(lang, "review-references")}</dt>
                        <dd>{r.report_references.iter().map(|x| view! { <a href=lang.path(&format!("/staff/reports/{x}"))>{x.clone()}</a> " " }).collect_view()}</dd>
                        <dt>{t!(lang, "reviews-threshold")}</dt>
                        <dd>{if r.threshold_met { t!(lang, "intake-yes") } else { t!(lang, "intake-no") }}</dd>
                        <dt>{t!(lang, "reviews-deadlines")}</dt>
                        <dd>
                            {t!(lang, "reviews-deadline-values", received = date(lang, r.received), acknowledge = date(lang, r.acknowledge_due), decide = date(lang, r.decide_due))}
                            {(r.acknowledge_overdue || r.decide_overdue).then(|| view! { " " <strong class="tag tag-overdue">{t!(lang, "intake-overdue")}</strong> })}
                        </dd>
                    </dl>
                    <blockquote class="resident-words">{r.impact.clone()}</blockquote>
                    {r.recommendations.clone().map(|rec| view! { <p><strong>{t!(lang, "reviews-recommendations")}</strong> " " {rec}</p> })}
                    {(!r.status.is_decided()).then(|| view! {
                        <form method="post" action=action.clone() class="form">
                            <input type="hidden" name="lang" value=lang.code() />
                            <input type="hidden" name="csp" value=slug.clone() />
                            <input type="hidden" name="version" value=r.version.to_string() />
                            <div class="field">
                                <label for=format!("decision-{}", r.reference)>{t!(lang, "reviews-decision")}</label>
                                <select id=format!("decision-{}", r.reference) name="status">
                                    {(r.status == ReviewStatus::Received).then(|| view! { <option value=ReviewStatus::Acknowledged.as_str()>{t!(lang, "review-status-acknowledged")}</option> })}
                                    <option value=ReviewStatus::ReviewHeld.as_str()>{t!(lang, "review-status-held")}</option>
                                    <option value=ReviewStatus::ThresholdNotMet.as_str()>{t!(lang, "review-status-not-met")}</option>
                                </select>
                            </div>
                            <div class="field">
                                <label for=format!("recommendations-{}", r.reference)>{t!(lang, "reviews-recommendations")}</label>
                                <textarea id=format!("recommendations-{}", r.reference) name="recommendations" rows="3"></textarea>
                            </div>
                            <button type="submit" class="button">{t!(lang, "reviews-save")}</button>
                        </form>
                    })}
                </article>
            }
        }).collect_view()}
        {may_configure.then(|| view! { <TriggerSettings lang csp=selected.clone() rules=rules.clone() acknowledge_days /> })}
        {may_configure.then(|| view! { <PublicContactSettings lang csp=selected.clone() contact_en=contact_en.clone() contact_cy=contact_cy.clone() /> })}
    }
}

#[component]
fn TriggerSettings(lang: Lang, csp: String, rules: TriggerRules, acknowledge_days: i64) -> impl IntoView {
    view! {
        <section aria-labelledby="settings-heading">
            <h2 id="settings-heading">{t!(lang, "settings-heading")}</h2>
            <form method="post" action="/staff/settings" class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=csp />
                {[
                    ("acknowledge_days", t!(lang, "settings-acknowledge-days"), acknowledge_days),
                    ("trigger_reports", t!(lang, "settings-trigger-reports"), rules.reports),
                    ("trigger_window_days", t!(lang, "settings-trigger-window"), rules.window_days),
                    ("review_acknowledge_days", t!(lang, "settings-review-acknowledge"), rules.review_acknowledge_days),
                    ("review_decide_days", t!(lang, "settings-review-decide"), rules.review_decide_days),
                    ("link_window_days", t!(lang, "settings-link-window"), rules.link_window_days),
                    ("link_distance_metres", t!(lang, "settings-link-distance"), rules.link_distance_metres),
                ].into_iter().map(|(name, label, value)| view! {
                    <div class="field">
                        <label for=name>{label}</label>
                        <input id=name name=name type="number" min="1" inputmode="numeric" value=value.to_string() />
                    </div>
                }).collect_view()}
                <div class="choice">
                    <input type="checkbox" id="trigger_location_rule" name="trigger_location_rule" value="on" checked=rules.location_rule />
                    <label for="trigger_location_rule">{t!(lang, "settings-location-rule")}</label>
                </div>
                <div class="choice">
                    <input type="checkbox" id="trigger_hate_rule" name="trigger_hate_rule" value="on" checked=rules.hate_rule />
                    <label for="trigger_hate_rule">{t!(lang, "settings-hate-rule")}</label>
                </div>
                <button type="submit" class="button">{t!(lang, "settings-save")}</button>
            </form>
        </section>
    }
}

/// The partnership's public contact on its neighbourhood pages (issue 14), in both languages.
#[component]
fn PublicContactSettings(lang: Lang, csp: String, contact_en: String, contact_cy: String) -> impl IntoView {
    let max = crate::neighbourhoods::MAX_CONTACT;
    view! {
        <section aria-labelledby="contact-settings">
            <h2 id="contact-settings">{t!(lang, "settings-contact-heading")}</h2>
            <p>{t!(lang, "settings-contact-intro")}</p>
            <form method="post" action="/staff/settings/public-contact" class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=csp />
                <p class="hint" id="contact-hint">{t!(lang, "settings-contact-hint", max = max)}</p>
                <div class="field">
                    <label for="contact_en">{t!(lang, "settings-contact-en")}</label>
                    <textarea id="contact_en" name="contact_en" rows="3" lang="en" maxlength=max.to_string() aria-describedby="contact-hint">{contact_en}</textarea>
                </div>
                <div class="field">
                    <label for="contact_cy">{t!(lang, "settings-contact-cy")}</label>
                    <textarea id="contact_cy" name="contact_cy" rows="3" lang="cy" maxlength=max.to_string() aria-describedby="contact-hint">{contact_cy}</textarea>
                </div>
                <button type="submit" class="button">{t!(lang, "settings-contact-save")}</button>
            </form>
        </section>
    }
}

/// The yearly figures a CSP publishes (this year's and last year's), for its public page.
pub async fn published_figures(csp_id: i64) -> Result<Vec<YearFigures>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let mut out = Vec::new();
    for y in [year, year - 1] {
        out.push(crate::db::trigger::figures(&state.db, csp_id, y).await.map_err(crate::error::internal)?);
    }
    Ok(out)
}

#[component]
pub fn FiguresTable(lang: Lang, figures: Vec<YearFigures>) -> impl IntoView {
    view! {
        <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t!(lang, "figures-heading")}</h2>
            <p>{t!(lang, "figures-intro")} " " <a href=lang.path("/case-review")>{t!(lang, "figures-apply")}</a></p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="figures-caption">
                <table>
                    <caption id="figures-caption">{t!(lang, "figures-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(lang, "figures-year")}</th>
                            <th scope="col">{t!(lang, "figures-applications")}</th>
                            <th scope="col">{t!(lang, "figures-not-met")}</th>
                            <th scope="col">{t!(lang, "figures-held")}</th>
                            <th scope="col">{t!(lang, "figures-recommendations")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {figures.into_iter().map(|f| view! {
                            <tr>
                                <th scope="row">{f.year}</th>
                                <td>{f.applications}</td>
                                <td>{f.threshold_not_met}</td>
                                <td>{f.reviews_held}</td>
                                <td>{f.with_recommendations}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
