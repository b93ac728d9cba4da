//! The triage forms' posts (`/staff/reports/{reference}/{action}`): plain forms, so they work
//! without JavaScript. Each checks the officer's role in the report's CSP (another CSP's report
//! is "not found"), the report's version (a stale form is refused, nothing overwritten), and
//! writes an audit entry. The officer goes back to the report with what happened.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, triage::ChangeError, triage::ResidentMessage, triage::TriageRecord},
    i18n::Lang,
    reporting::ReportStatus,
    reporting::{ASB_QUALIFIERS, HATE_STRANDS},
    shell::problem::{page, Problem},
    staff::{kept, session::ClientIp, session::CurrentUser, Permission, StaffUser},
    state::AppState,
    t,
    triage::{
        identifies_reporter, parse_grade, GradeProblem, MAX_MESSAGE, MAX_QUESTION, MAX_SUMMARY, TENSION_TAGS,
    },
};
use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::Method,
    response::{IntoResponse, Redirect, Response},
    Extension, Form,
};
use std::sync::Arc;

type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

fn back(lang: Lang, reference: &str, outcome: &str) -> Response {
    Redirect::to(&format!("{}?{outcome}", lang.path(&format!("/staff/reports/{reference}")))).into_response()
}

/// Back to the report with what to put right, the refused form kept as it was typed (see
/// `staff::kept`): a summary naming the reporter is refused, not lost.
async fn refused(
    state: &AppState,
    user: &StaffUser,
    lang: Lang,
    reference: &str,
    form: &str,
    fields: &Fields,
    error: &str,
) -> Response {
    back(lang, reference, &kept::refusal(&state.db, user.id, reference, form, fields, error).await)
}

/// The message to the resident for a status, in their language, when the officer wrote none.
pub fn template(lang: Lang, status: ReportStatus) -> String {
    match status {
        ReportStatus::Open => t!(lang, "template-acknowledged"),
        ReportStatus::Investigating => t!(lang, "template-investigating"),
        ReportStatus::ActionScheduled => t!(lang, "template-action-scheduled"),
        ReportStatus::InProgress => t!(lang, "template-in-progress"),
        ReportStatus::Fixed => t!(lang, "template-fixed"),
        ReportStatus::Duplicate => t!(lang, "template-duplicate"),
        ReportStatus::NotResponsible => t!(lang, "template-not-responsible"),
        ReportStatus::NoFurtherAction => t!(lang, "template-no-further-action"),
        ReportStatus::InternalReferral => t!(lang, "template-internal-referral"),
        ReportStatus::Closed => t!(lang, "template-closed"),
    }
}

/// The update email, in the resident's language: (subject, body).
pub fn update_email(lang: Lang, reference: &str, message: &str) -> (String, String) {
    (
        t!(lang, "email-update-subject", reference = reference),
        t!(lang, "email-update-body", reference = reference, message = message),
    )
}

/// The signed-in officer and the report, if they may triage it; else the answer to send.
async fn authorise(
    state: &AppState,
    user: Option<Arc<StaffUser>>,
    lang: Lang,
    reference: &str,
) -> Result<(Arc<StaffUser>, TriageRecord), Response> {
    let Some(user) = user else { return Err(Redirect::to(&lang.path("/sign-in")).into_response()) };
    let record = match db::triage::record(&state.db, reference).await {
        Ok(Some(r)) => r,
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => {
            tracing::error!(error = %e, "could not read a report");
            return Err(page(lang, Problem::Internal));
        }
    };
    if !user.can(Permission::ViewReports, record.csp_id) {
        return Err(page(lang, Problem::NotFound));
    }
    if !user.can(Permission::TriageReports, record.csp_id) {
        return Err(page(lang, Problem::Forbidden));
    }
    Ok((user, record))
}

/// The audit entry of a change, stored in the change's own transaction.
fn entry(
    user: &StaffUser,
    ip: &str,
    action: AuditAction,
    record: &TriageRecord,
    detail: Option<String>,
) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(user.id),
        actor_label: user.email.clone(),
        action: Some(action),
        record_type: Some("report".into()),
        record_id: Some(record.reference.clone()),
        csp_id: Some(record.csp_id),
        ip: Some(ip.to_string()),
        detail,
    }
}

/// For the one action that is not a versioned change (verifying contact details).
async fn audit(
    state: &AppState,
    user: &StaffUser,
    ip: String,
    action: AuditAction,
    record: &TriageRecord,
    detail: Option<String>,
) {
    if let Err(e) = db::audit::record(&state.db, entry(user, &ip, action, record, detail)).await {
        tracing::error!(error = %e, "could not write audit entry");
    }
}

/// Forms the report's page shows again as typed when refused (see `triage_view`).
const KEPT_FORMS: [&str; 3] = ["update", "grade", "ask"];

/// Where a change leaves the officer. Refused because someone else saved first: the form comes
/// back as typed (when the page can show it), to compare with what is saved now.
#[allow(clippy::too_many_arguments)]
async fn changed(
    state: &AppState,
    user: &StaffUser,
    lang: Lang,
    reference: &str,
    form: &str,
    fields: &Fields,
    result: Result<(), ChangeError>,
    done: &str,
) -> Response {
    match result {
        Ok(()) => back(lang, reference, &format!("done={done}")),
        Err(ChangeError::Stale) if KEPT_FORMS.contains(&form) => {
            refused(state, user, lang, reference, form, fields, "stale").await
        }
        Err(ChangeError::Stale) => back(lang, reference, "error=stale"),
        Err(ChangeError::Db(e)) => {
            tracing::error!(error = %e, "could not change a report");
            back(lang, reference, "error=unavailable")
        }
    }
}

/// The resident's message (the officer's, or the template) and, if they agreed, its email.
pub(crate) async fn resident_message(
    state: &AppState,
    record: &TriageRecord,
    status: ReportStatus,
    written: &str,
) -> Result<(String, Option<(String, String, String)>), db::DbError> {
    let resident = Lang::parse(&record.language).unwrap_or_default();
    let text =
        if written.trim().is_empty() { template(resident, status) } else { written.trim().to_string() };
    let reporter = db::triage::reporter(&state.db, record.id).await?;
    let email = match (&reporter.email, reporter.email_rule().allows_email()) {
        (Some(to), true) => {
            let (subject, body) = update_email(resident, &record.reference, &text);
            Some((to.clone(), subject, body))
        }
        _ => None,
    };
    Ok((text, email))
}

/// Why a public note was refused (a message id suffix).
pub type NoteProblem = &'static str;

/// The public note as it may be published: `None` when empty; refused when too long or when it
/// names the reporter or gives their email or phone (the same check as a sanitised summary).
pub(crate) async fn checked_public_note(
    state: &AppState,
    record: &TriageRecord,
    written: &str,
) -> Result<Option<String>, NoteProblem> {
    let note = written.trim();
    if note.is_empty() {
        return Ok(None);
    }
    if note.chars().count() > MAX_MESSAGE {
        return Err("public_note_too_long");
    }
    let reporter = db::triage::reporter(&state.db, record.id).await.map_err(|e| {
        tracing::error!(error = %e, "could not read the reporter");
        "unavailable"
    })?;
    if identifies_reporter(note, &reporter) {
        return Err("public_note_identifies");
    }
    Ok(Some(note.to_string()))
}

/// Set only while rendering the answer to `POST /staff/reports/{reference}/contact`: the one
/// way a report's page gets the resident's contact details (see `pages::triage_view`). No GET,
/// link or server-function call provides it, so a link from anywhere can neither reveal the
/// details nor write the audit entry; a POST from another site is refused by the CSRF guard.
#[derive(Clone, Debug)]
pub struct RevealContact {
    pub reference: String,
}

/// The most a "Show contact details" form sends (its language).
const CONTACT_FORM_BYTES: usize = 4 * 1024;

/// `POST /staff/reports/{reference}/contact` ("Show contact details"): the report's page with
/// the contact details, rendered as the answer to this POST and audited while it is rendered.
/// No address shows them: reloading posts (and is audited) again; the report's own address
/// shows the page without them.
pub async fn show_contact(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Path(reference): Path<String>,
    req: Request,
) -> Response {
    let (mut parts, body) = req.into_parts();
    let fields: Fields = match axum::body::to_bytes(body, CONTACT_FORM_BYTES).await {
        Ok(bytes) => serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let lang = Lang::parse(field(&fields, "lang")).unwrap_or_default();
    let Some(user) = user else { return Redirect::to(&lang.path("/sign-in")).into_response() };
    let record = match db::triage::record(&state.db, &reference).await {
        Ok(Some(r)) => r,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => {
            tracing::error!(error = %e, "could not read a report");
            return page(lang, Problem::Internal);
        }
    };
    if !user.can(Permission::ViewReports, record.csp_id) {
        return page(lang, Problem::NotFound);
    }
    if !user.can(Permission::ViewReporterContact, record.csp_id) {
        return page(lang, Problem::Forbidden);
    }
    // The report's page, rendered here for this answer only: the same page as at its own
    // address (for the router), asked for with the same session, with the details allowed.
    let Ok(uri) = lang.path(&format!("/staff/reports/{}", record.reference)).parse::<axum::http::Uri>()
    else {
        return page(lang, Problem::NotFound);
    };
    parts.method = Method::GET;
    parts.uri = uri;
    parts.headers.remove(axum::http::header::CONTENT_TYPE);
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let reveal = RevealContact { reference: record.reference };
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            leptos::prelude::provide_context(state.clone());
            leptos::prelude::provide_context(reveal.clone());
        },
        move || crate::html_shell(options.clone()),
    );
    render(Request::from_parts(parts, Body::empty())).await.into_response()
}

/// `GET /staff/reports/{reference}/contact` (a bookmark, a link, the back button): the report's
/// page, without the details and without an audit entry of them.
pub async fn contact_link(Path(reference): Path<String>) -> Response {
    Redirect::to(&format!("/staff/reports/{}", crate::shell::encode_component(&reference))).into_response()
}

pub async fn act(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path((reference, action)): Path<(String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let lang = Lang::parse(field(&fields, "lang")).unwrap_or_default();
    let (user, record) = match authorise(&state, user, lang, &reference).await {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let Ok(version) = field(&fields, "version").parse::<i64>() else {
        return back(lang, &reference, "error=stale");
    };
    match action.as_str() {
        "acknowledge" | "update" => {
            let status = if action == "acknowledge" {
                if record.status == ReportStatus::Open {
                    ReportStatus::Investigating
                } else {
                    record.status
                }
            } else {
                match ReportStatus::parse(field(&fields, "status")) {
                    Some(s) => s,
                    None => {
                        return refused(&state, &user, lang, &record.reference, &action, &fields, "status")
                            .await
                    }
                }
            };
            let written = field(&fields, "message");
            if written.chars().count() > MAX_MESSAGE {
                return refused(&state, &user, lang, &record.reference, &action, &fields, "message_too_long")
                    .await;
            }
            // What other apps and the public may read: only what the officer wrote for them,
            // checked like a sanitised summary. The message above stays the resident's.
            let public_note = match checked_public_note(&state, &record, field(&fields, "public_note")).await
            {
                Ok(note) => note,
                Err(problem) => {
                    return refused(&state, &user, lang, &record.reference, &action, &fields, problem).await
                }
            };
            let (text, email) = match resident_message(&state, &record, status, written).await {
                Ok(m) => m,
                Err(e) => {
                    tracing::error!(error = %e, "could not read the reporter");
                    return refused(&state, &user, lang, &record.reference, &action, &fields, "unavailable")
                        .await;
                }
            };
            let message = ResidentMessage {
                status,
                text: &text,
                email: email.as_ref().map(|(to, subject, body)| (to.as_str(), subject.clone(), body.clone())),
                public_note: public_note.as_deref(),
            };
            let what = if action == "acknowledge" {
                AuditAction::ReportAcknowledged
            } else {
                AuditAction::ReportUpdated
            };
            let audited = entry(&user, &ip, what, &record, Some(status.as_str().into()));
            let result =
                db::triage::post_update(&state.db, record.id, version, Some(user.id), message, &audited)
                    .await;
            if result.is_ok() {
                state.mail_wake.notify_one();
            }
            changed(
                &state,
                &user,
                lang,
                &reference,
                &action,
                &fields,
                result,
                if action == "acknowledge" { "acknowledged" } else { "updated" },
            )
            .await
        }
        "grade" => {
            let grade = match parse_grade(
                field(&fields, "source"),
                field(&fields, "intelligence"),
                field(&fields, "handling"),
                field(&fields, "conditions"),
            ) {
                Ok(g) => g,
                Err(problems) => {
                    let first = match problems[0] {
                        GradeProblem::Source => "source",
                        GradeProblem::Intelligence => "intelligence",
                        GradeProblem::Handling => "handling",
                        GradeProblem::ConditionsRequired => "conditions_required",
                        GradeProblem::ConditionsTooLong => "conditions_too_long",
                    };
                    return refused(&state, &user, lang, &record.reference, &action, &fields, first).await;
                }
            };
            let summary = field(&fields, "summary").trim();
            if summary.is_empty() {
                return refused(&state, &user, lang, &record.reference, &action, &fields, "summary_required")
                    .await;
            }
            if summary.chars().count() > MAX_SUMMARY {
                return refused(&state, &user, lang, &record.reference, &action, &fields, "summary_too_long")
                    .await;
            }
            let reporter = match db::triage::reporter(&state.db, record.id).await {
                Ok(r) => r,
                Err(e) => {
                    tracing::error!(error = %e, "could not read the reporter");
                    return refused(&state, &user, lang, &record.reference, &action, &fields, "unavailable")
                        .await;
                }
            };
            if identifies_reporter(summary, &reporter) {
                return refused(
                    &state,
                    &user,
                    lang,
                    &record.reference,
                    &action,
                    &fields,
                    "summary_identifies",
                )
                .await;
            }
            let tension = Some(field(&fields, "tension")).filter(|t| !t.is_empty());
            if tension.is_some_and(|t| !TENSION_TAGS.contains(&t)) {
                return refused(&state, &user, lang, &record.reference, &action, &fields, "tension").await;
            }
            let organisations = match db::triage::organisations(&state.db, record.csp_id).await {
                Ok(o) => o,
                Err(e) => {
                    tracing::error!(error = %e, "could not read organisations");
                    return refused(&state, &user, lang, &record.reference, &action, &fields, "unavailable")
                        .await;
                }
            };
            let mut shares = Vec::new();
            for (_, value) in fields.iter().filter(|(k, _)| k == "share") {
                match value.parse::<i64>().ok().filter(|id| organisations.iter().any(|o| o.id == *id)) {
                    Some(id) => shares.push(id),
                    None => {
                        return refused(
                            &state,
                            &user,
                            lang,
                            &record.reference,
                            &action,
                            &fields,
                            "share_unknown",
                        )
                        .await
                    }
                }
            }
            // The grade and every organisation it is shared with, in the change's own transaction.
            let names: Vec<&str> = organisations
                .iter()
                .filter(|o| shares.contains(&o.id) && grade.handling == crate::triage::HandlingCode::C)
                .map(|o| o.name.as_str())
                .collect();
            let detail = if names.is_empty() {
                grade.label()
            } else {
                format!("{} → {}", grade.label(), names.join(", "))
            };
            let audited = entry(&user, &ip, AuditAction::ReportGraded, &record, Some(detail));
            let result = db::triage::save_grade(
                &state.db,
                record.id,
                record.csp_id,
                version,
                user.id,
                &grade,
                summary,
                tension,
                &shares,
                &audited,
            )
            .await;
            changed(&state, &user, lang, &reference, &action, &fields, result, "graded").await
        }
        "assign" => {
            let value = field(&fields, "assignee");
            let (person, organisation, team) = match value.split_once(':') {
                None if value.is_empty() => (None, None, None),
                Some(("user", id)) => (id.parse::<i64>().ok(), None, None),
                Some(("organisation", id)) => (None, id.parse::<i64>().ok(), None),
                Some(("team", id)) => (None, None, id.parse::<i64>().ok()),
                _ => return back(lang, &reference, "error=assignee"),
            };
            // Only people, teams and organisations of this CSP.
            let known = match (person, organisation, team) {
                (Some(p), _, _) => db::triage::assignable_people(&state.db, record.csp_id)
                    .await
                    .map(|list| list.iter().any(|person| person.id == p)),
                (_, Some(o), _) => db::triage::organisations(&state.db, record.csp_id)
                    .await
                    .map(|list| list.iter().any(|organisation| organisation.id == o)),
                (_, _, Some(t)) => {
                    db::staff::team_csp(&state.db, t).await.map(|csp| csp == Some(record.csp_id))
                }
                (None, None, None) => Ok(value.is_empty()),
            };
            match known {
                Ok(true) => {}
                Ok(false) => return back(lang, &reference, "error=assignee"),
                Err(e) => {
                    tracing::error!(error = %e, "could not check the assignee");
                    return back(lang, &reference, "error=unavailable");
                }
            }
            let audited = entry(&user, &ip, AuditAction::ReportAssigned, &record, Some(value.to_string()));
            let result =
                db::triage::assign(&state.db, record.id, version, person, organisation, team, &audited).await;
            changed(&state, &user, lang, &reference, &action, &fields, result, "assigned").await
        }
        "ask" => {
            let question = field(&fields, "question").trim();
            if question.is_empty() {
                return refused(
                    &state,
                    &user,
                    lang,
                    &record.reference,
                    &action,
                    &fields,
                    "question_required",
                )
                .await;
            }
            if question.chars().count() > MAX_QUESTION {
                return refused(
                    &state,
                    &user,
                    lang,
                    &record.reference,
                    &action,
                    &fields,
                    "question_too_long",
                )
                .await;
            }
            let reporter = match db::triage::reporter(&state.db, record.id).await {
                Ok(r) => r,
                Err(e) => {
                    tracing::error!(error = %e, "could not read the reporter");
                    return refused(&state, &user, lang, &record.reference, &action, &fields, "unavailable")
                        .await;
                }
            };
            let resident = Lang::parse(&record.language).unwrap_or_default();
            let email = match (&reporter.email, reporter.email_rule().allows_email()) {
                (Some(to), true) => Some((
                    to.as_str(),
                    t!(resident, "email-question-subject", reference = record.reference.clone()),
                    t!(
                        resident,
                        "email-question-body",
                        reference = record.reference.clone(),
                        question = question
                    ),
                )),
                _ => None,
            };
            let audited = entry(&user, &ip, AuditAction::ReportUpdated, &record, Some("question".into()));
            let result =
                db::triage::ask(&state.db, record.id, version, user.id, question, email, &audited).await;
            if result.is_ok() {
                state.mail_wake.notify_one();
            }
            changed(&state, &user, lang, &reference, &action, &fields, result, "asked").await
        }
        "classify" => {
            let categories = match db::reporting::categories(&state.db, record.csp_id).await {
                Ok(c) => c,
                Err(e) => {
                    tracing::error!(error = %e, "could not read categories");
                    return back(lang, &reference, "error=unavailable");
                }
            };
            let Some(category) = categories.iter().find(|c| c.code == field(&fields, "category")) else {
                return back(lang, &reference, "error=category");
            };
            let qualifier = Some(field(&fields, "asb_qualifier"))
                .filter(|q| !q.is_empty() && category.family == crate::reporting::Family::Asb);
            if qualifier.is_some_and(|q| !ASB_QUALIFIERS.contains(&q)) {
                return back(lang, &reference, "error=category");
            }
            let strands: Vec<&str> =
                fields.iter().filter(|(k, _)| k == "hate_strands").map(|(_, v)| v.as_str()).collect();
            if strands.iter().any(|s| !HATE_STRANDS.contains(s)) {
                return back(lang, &reference, "error=category");
            }
            let strands = (category.family == crate::reporting::Family::Hate && !strands.is_empty())
                .then(|| strands.join(","));
            let audited = entry(
                &user,
                &ip,
                AuditAction::ReportClassified,
                &record,
                Some(format!("{} → {}", record.category_code, category.code)),
            );
            let result = db::triage::classify(
                &state.db,
                record.id,
                version,
                category,
                qualifier,
                strands.as_deref(),
                &audited,
            )
            .await;
            if result.is_ok() {
                if let Err(e) = crate::trigger::flags::evaluate_report(&state.db, record.id).await {
                    tracing::error!(error = %e, "could not check the Community Trigger rules");
                }
            }
            changed(&state, &user, lang, &reference, &action, &fields, result, "classified").await
        }
        "link" => {
            let kind = field(&fields, "kind");
            if kind != "duplicate" && kind != "repeat" {
                return back(lang, &reference, "error=link_kind");
            }
            let other_reference = field(&fields, "other").trim().to_ascii_uppercase();
            if other_reference == record.reference {
                return back(lang, &reference, "error=link_self");
            }
            // Only a report of the same CSP: another CSP's is "unknown", never confirmed.
            let other = match db::triage::record(&state.db, &other_reference).await {
                Ok(Some(o)) if o.csp_id == record.csp_id => o,
                Ok(_) => return back(lang, &reference, "error=link_unknown"),
                Err(e) => {
                    tracing::error!(error = %e, "could not read a report");
                    return back(lang, &reference, "error=unavailable");
                }
            };
            match db::triage::would_loop(&state.db, record.id, other.id).await {
                Ok(true) => return back(lang, &reference, "error=link_loop"),
                Ok(false) => {}
                Err(e) => {
                    tracing::error!(error = %e, "could not read links");
                    return back(lang, &reference, "error=unavailable");
                }
            }
            let duplicate = if kind == "duplicate" {
                match resident_message(&state, &record, ReportStatus::Duplicate, "").await {
                    Ok(m) => Some(m),
                    Err(e) => {
                        tracing::error!(error = %e, "could not read the reporter");
                        return back(lang, &reference, "error=unavailable");
                    }
                }
            } else {
                None
            };
            let message = duplicate.as_ref().map(|(text, email)| ResidentMessage {
                status: ReportStatus::Duplicate,
                text,
                email: email.as_ref().map(|(to, subject, body)| (to.as_str(), subject.clone(), body.clone())),
                public_note: None,
            });
            let audited = entry(
                &user,
                &ip,
                AuditAction::ReportLinked,
                &record,
                Some(format!("{kind} of {}", other.reference)),
            );
            let result =
                db::triage::link(&state.db, record.id, version, other.id, kind, user.id, message, &audited)
                    .await;
            if result.is_ok() {
                state.mail_wake.notify_one();
            }
            changed(&state, &user, lang, &reference, &action, &fields, result, "linked").await
        }
        "verify_contact" => {
            if !user.can(Permission::ViewReporterContact, record.csp_id) {
                return page(lang, Problem::Forbidden);
            }
            match db::trigger::verify_contact(&state.db, record.id).await {
                Ok(_) => {
                    audit(
                        &state,
                        &user,
                        ip,
                        AuditAction::ReportUpdated,
                        &record,
                        Some("contact verified".into()),
                    )
                    .await;
                    if let Err(e) = crate::trigger::flags::evaluate_report(&state.db, record.id).await {
                        tracing::error!(error = %e, "could not check the Community Trigger rules");
                    }
                    back(lang, &reference, "done=verified")
                }
                Err(e) => {
                    tracing::error!(error = %e, "could not verify contact details");
                    back(lang, &reference, "error=unavailable")
                }
            }
        }
        _ => page(lang, Problem::NotFound),
    }
}
