//! Posts for case reviews: a resident's application (`/case-review`), a CSP's acknowledgement
//! and decision (`/staff/case-reviews/{reference}`), and a manager's settings (`/staff/settings`).

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    i18n::Lang,
    reporting::Family,
    shell::{
        form::Posted,
        outcome::Outcome,
        problem::{page, Problem},
    },
    staff::{accounts, guard::Staff, session::ClientIp, Permission},
    state::AppState,
    t,
    triage::acknowledge_due,
    trigger::{
        pages::ApplicationForm, parse_references, qualifies, ReviewStatus, TriggerCandidate, TriggerRule,
        TriggerRules,
    },
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use serde::Deserialize;

/// Case-review applications sent per address per hour, whatever their fate.
pub use crate::limits::CASE_REVIEW_TRIES_PER_HOUR;

const MAX_IMPACT: usize = 4000;

async fn back_with_draft(
    state: &AppState,
    lang: Lang,
    form: &ApplicationForm,
    errors: Vec<&str>,
) -> Response {
    let token =
        match crate::staff::kept::keep_resident(&state.db, "/case-review", "application", &(form, &errors))
            .await
        {
            Ok(token) => token,
            Err(e) => {
                tracing::error!(error = %e, "could not keep an application draft");
                return page(lang, Problem::Internal);
            }
        };
    Redirect::to(&format!("{}?draft={token}", lang.path("/case-review"))).into_response()
}

/// `POST /case-review`
pub async fn apply(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Posted { form, lang, .. }: Posted<ApplicationForm>,
) -> Response {
    let form = ApplicationForm {
        name: form.name.trim().to_string(),
        email: form.email.trim().to_lowercase(),
        phone: form.phone.trim().to_string(),
        on_behalf_of: form.on_behalf_of.trim().to_string(),
        references: form.references.trim().to_string(),
        impact: form.impact.trim().to_string(),
        contact_language: form.contact_language.trim().to_string(),
    };
    // Counted first: a refused form costs a try as much as an accepted one.
    if !state.case_review_limiter.allow(&ip) {
        return back_with_draft(&state, lang, &form, vec!["rate_limited"]).await;
    }
    let mut errors: Vec<&str> = Vec::new();
    if form.name.is_empty() {
        errors.push("name");
    }
    if form.email.is_empty() && form.phone.is_empty() {
        errors.push("contact");
    }
    if !form.email.is_empty()
        && (!accounts::looks_like_email(&form.email) || !crate::reporting::valid_email(&form.email))
    {
        errors.push("email");
    }
    if !form.phone.is_empty() && form.phone.chars().filter(|c| c.is_ascii_digit()).count() < 10 {
        errors.push("phone");
    }
    if form.impact.chars().count() < 10 {
        errors.push("impact");
    }
    if form.impact.chars().count() > MAX_IMPACT
        || form.name.chars().count() > 200
        || form.on_behalf_of.chars().count() > 200
    {
        errors.push("too_long");
    }
    let references = match parse_references(&form.references) {
        Ok(r) => r,
        Err(problem) => {
            errors.push(problem);
            Vec::new()
        }
    };
    let found = match db::trigger::reports_by_reference(&state.db, &references).await {
        Ok(f) => f.iter().map(|r| (r.csp_id, r.trigger_rule, TriggerCandidate::from(r))).collect::<Vec<_>>(),
        Err(e) => {
            tracing::error!(error = %e, "could not read reports");
            return back_with_draft(&state, lang, &form, vec!["unavailable"]).await;
        }
    };
    // One answer whatever is wrong with the references (unknown, of several partnerships, not
    // about anti-social behaviour or hate): it never tells which reports exist, what they
    // are, or whether two went to the same partnership.
    let csps: std::collections::BTreeSet<i64> = found.iter().map(|(csp, _, _)| *csp).collect();
    let reviewable = found.iter().all(|(_, _, c)| matches!(c.family, Family::Asb | Family::Hate));
    if !references.is_empty() && (found.len() < references.len() || csps.len() > 1 || !reviewable) {
        errors.push("references_unknown");
    }
    if !errors.is_empty() {
        return back_with_draft(&state, lang, &form, errors).await;
    }
    let csp_id = *csps.iter().next().expect("at least one report found");
    let rules = match db::trigger::rules(&state.db, csp_id).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "could not read trigger rules");
            return back_with_draft(&state, lang, &form, vec!["unavailable"]).await;
        }
    };
    // Met if the applicant's own reports (their verified email or phone) meet the count within
    // the window, or a named report meets a rule that is not about one person (a location, a
    // hate incident). Officers decide; this is what the application shows them first.
    let applicant = [
        crate::trigger::reporter_identity(Some(form.email.as_str()).filter(|e| !e.is_empty()), None),
        crate::trigger::reporter_identity(None, Some(form.phone.as_str()).filter(|p| !p.is_empty())),
    ];
    let theirs = |c: &TriggerCandidate| {
        c.verified_reporter.is_some() && applicant.iter().any(|a| a.is_some() && *a == c.verified_reporter)
    };
    let flagged = found.iter().any(|(_, rule, _)| rule.is_some_and(|r| r != TriggerRule::SamePerson));
    let mut times: Vec<i64> =
        found.iter().filter(|(_, _, c)| qualifies(c) && theirs(c)).map(|(_, _, c)| c.created_at).collect();
    times.sort();
    let window = rules.window_days * 86_400;
    let counted = times.iter().enumerate().any(|(i, start)| {
        times[i..].iter().take_while(|t| **t - start <= window).count() as i64 >= rules.reports
    });
    let now = db::now();
    let resident = Lang::parse(&form.contact_language).unwrap_or(lang);
    let email = (!form.email.is_empty()).then(|| {
        (
            form.email.as_str(),
            t!(resident, "email-review-subject", reference = "{reference}"),
            t!(resident, "email-review-body", reference = "{reference}"),
        )
    });
    let review = db::trigger::NewCaseReview {
        csp_id,
        applicant_name: &form.name,
        applicant_email: Some(form.email.as_str()).filter(|e| !e.is_empty()),
        applicant_phone: Some(form.phone.as_str()).filter(|p| !p.is_empty()),
        on_behalf_of: Some(form.on_behalf_of.as_str()).filter(|o| !o.is_empty()),
        language: resident.code(),
        references: &references,
        impact: &form.impact,
        threshold_met: flagged || counted,
        acknowledge_due: acknowledge_due(now, rules.review_acknowledge_days),
        decide_due: acknowledge_due(now, rules.review_decide_days),
        year: chrono::Datelike::year(&chrono::Utc::now()),
        email,
    };
    match db::trigger::insert_case_review(&state.db, review).await {
        Ok(reference) => {
            state.mail_wake.notify_one();
            tracing::info!(%reference, "case review application received");
            Redirect::to(&format!("{}?done={reference}", lang.path("/case-review"))).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "could not store an application");
            back_with_draft(&state, lang, &form, vec!["unavailable"]).await
        }
    }
}

/// A CSP's answer to an application: `acknowledged`, `threshold_not_met` or `review_held`
/// (with its recommendations).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub csp: String,
    pub version: String,
    pub status: String,
    pub recommendations: String,
}

/// `POST /staff/case-reviews/{reference}`: acknowledge, or decide (with recommendations).
pub async fn decide(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, .. }: Posted<DecisionForm>,
) -> Response {
    let user = &staff.user;
    let db::trigger::CaseReviewKey { id, csp_id, applicant_email, language, .. } =
        match db::trigger::case_review(&state.db, &reference).await {
            Ok(Some(r)) => r,
            Ok(None) => return page(lang, Problem::NotFound),
            Err(e) => {
                tracing::error!(error = %e, "could not read an application");
                return page(lang, Problem::Internal);
            }
        };
    // Another CSP's application is "not found", whatever the person's roles there.
    if let Err(refused) = staff.require(lang, Permission::TriageReports, Permission::TriageReports, csp_id) {
        return refused;
    }
    let back = |outcome: Outcome| {
        Redirect::to(&format!(
            "{}?csp={}&{outcome}",
            lang.path("/staff/case-reviews"),
            crate::shell::encode_component(form.csp.trim())
        ))
        .into_response()
    };
    let Some(status) = ReviewStatus::parse(form.status.trim()).filter(|s| *s != ReviewStatus::Received)
    else {
        return back(Outcome::ReviewInvalid);
    };
    let recommendations = form.recommendations.trim().to_string();
    if recommendations.chars().count() > MAX_IMPACT {
        return back(Outcome::ReviewInvalid);
    }
    let Ok(version) = form.version.trim().parse::<i64>() else { return back(Outcome::ReviewStale) };
    let applicant = Lang::parse(&language).unwrap_or_default();
    let email = applicant_email.as_deref().map(|to| {
        let outcome = match status {
            ReviewStatus::Received | ReviewStatus::Acknowledged => {
                t!(applicant, "email-review-acknowledged", reference = reference.clone())
            }
            ReviewStatus::ReviewHeld => t!(applicant, "email-review-held", reference = reference.clone()),
            ReviewStatus::ThresholdNotMet => {
                t!(applicant, "email-review-not-met", reference = reference.clone())
            }
        };
        (to, t!(applicant, "email-review-update-subject", reference = reference.clone()), outcome)
    });
    let recommendations =
        Some(recommendations.as_str()).filter(|r| !r.is_empty() && status == ReviewStatus::ReviewHeld);
    match db::trigger::update_case_review(&state.db, id, version, status, recommendations, email).await {
        Ok(true) => {
            state.mail_wake.notify_one();
            let entry = NewAuditEntry {
                actor_user_id: Some(user.id),
                actor_label: user.email.clone(),
                action: Some(AuditAction::CaseReviewUpdated),
                record_type: Some("case_review".into()),
                record_id: Some(reference.clone()),
                csp_id: Some(csp_id),
                ip: Some(staff.ip.clone()),
                detail: Some(status.as_str().to_string()),
            };
            if let Err(e) = db::audit::record(&state.db, entry).await {
                tracing::error!(error = %e, "could not write audit entry");
            }
            back(Outcome::ReviewSaved)
        }
        Ok(false) => back(Outcome::ReviewStale),
        Err(e) => {
            tracing::error!(error = %e, "could not update an application");
            back(Outcome::ReviewUnavailable)
        }
    }
}

/// A CSP's settings: the acknowledgement target and the Community Trigger rules (numbers as
/// typed, checked below; the rules' boxes are `on` when ticked).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub csp: String,
    pub acknowledge_days: String,
    pub trigger_reports: String,
    pub trigger_window_days: String,
    pub review_acknowledge_days: String,
    pub review_decide_days: String,
    pub link_window_days: String,
    pub link_distance_metres: String,
    pub trigger_location_rule: String,
    pub trigger_hate_rule: String,
}

/// `POST /staff/settings`: a manager sets the CSP's acknowledgement target and trigger rules.
pub async fn settings(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<SettingsForm>,
) -> Response {
    let user = &staff.user;
    let slug = form.csp.trim().to_string();
    let csp_id = match staff.require_named(lang, Permission::ManageRoles, &slug) {
        Ok(allowed) => allowed.csp_id,
        Err(refused) => return refused,
    };
    let back = |outcome: &dyn std::fmt::Display| {
        Redirect::to(&format!(
            "{}?csp={}&{outcome}",
            lang.path("/staff/case-reviews"),
            crate::shell::encode_component(&slug)
        ))
        .into_response()
    };
    let number =
        |value: &String, max: i64| value.trim().parse::<i64>().ok().filter(|n| (1..=max).contains(n));
    let (
        Some(ack),
        Some(reports),
        Some(window),
        Some(review_ack),
        Some(review_decide),
        Some(link_days),
        Some(link_metres),
    ) = (
        number(&form.acknowledge_days, 30),
        number(&form.trigger_reports, 20),
        number(&form.trigger_window_days, 730),
        number(&form.review_acknowledge_days, 60),
        number(&form.review_decide_days, 120),
        // Forms from before these settings existed leave them at their defaults.
        if form.link_window_days.trim().is_empty() {
            Some(crate::triage::LINK_WINDOW_DAYS)
        } else {
            number(&form.link_window_days, 90)
        },
        if form.link_distance_metres.trim().is_empty() {
            Some(crate::triage::LINK_DISTANCE_METRES as i64)
        } else {
            number(&form.link_distance_metres, 5000)
        },
    )
    else {
        return back(&Outcome::ReviewInvalid);
    };
    let rules = TriggerRules {
        reports,
        window_days: window,
        location_rule: form.trigger_location_rule.trim() == "on",
        hate_rule: form.trigger_hate_rule.trim() == "on",
        review_acknowledge_days: review_ack,
        review_decide_days: review_decide.max(review_ack),
        link_window_days: link_days,
        link_distance_metres: link_metres,
    };
    // Open reports are checked again against the new rules, in the same transaction.
    match crate::trigger::flags::save_settings(&state.db, csp_id, ack, &rules).await {
        Ok((flagged, cleared)) => {
            let entry = NewAuditEntry {
                actor_user_id: Some(user.id),
                actor_label: user.email.clone(),
                action: Some(AuditAction::SettingsChanged),
                record_type: Some("csp_settings".into()),
                record_id: Some(slug.clone()),
                csp_id: Some(csp_id),
                ip: Some(staff.ip.clone()),
                detail: Some(format!(
                    "acknowledge {ack}d; trigger {reports} in {window}d; location {}; hate {}; reports flagged {flagged}, cleared {cleared}",
                    rules.location_rule, rules.hate_rule
                )),
            };
            if let Err(e) = db::audit::record(&state.db, entry).await {
                tracing::error!(error = %e, "could not write audit entry");
            }
            back(&format!("{}&flagged={flagged}&cleared={cleared}", Outcome::SettingsSaved))
        }
        Err(e) => {
            tracing::error!(error = %e, "could not save settings");
            back(&Outcome::ReviewUnavailable)
        }
    }
}
