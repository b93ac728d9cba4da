//! The triage forms' posts: one route and one form type per action
//! (`/staff/reports/{reference}/acknowledge`, `/grade`, `/assign`, ...). Plain forms, so they
//! work without JavaScript. Each checks the officer's role in the report's CSP (another CSP's
//! report is "not found"), the report's version (a stale form is refused, nothing overwritten),
//! and writes an audit entry. The officer goes back to the report with what happened.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, outbox::Email, triage::ChangeError, triage::ResidentMessage, triage::TriageRecord},
    i18n::Lang,
    reporting::ReportStatus,
    reporting::{AsbQualifier, HATE_STRANDS},
    shell::{
        form::{last, Posted},
        outcome::{Outcome, Pages},
        problem::{page, Problem},
    },
    staff::{guard::Staff, kept, Permission, StaffUser},
    state::AppState,
    t,
    triage::{
        identifies_reporter, parse_grade, GradeProblem, LinkKind, MAX_MESSAGE, MAX_QUESTION, MAX_SUMMARY,
        TENSION_TAGS,
    },
};
use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::Method,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

type Fields = Vec<(String, String)>;

fn back(lang: Lang, reference: &str, outcome: impl std::fmt::Display) -> Response {
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
    error: Outcome,
) -> Response {
    back(lang, reference, kept::refusal(&state.db, user.id, reference, form, fields, error).await)
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

/// The report a triage form is about, if the officer may triage it, and the version the form
/// was filled in against; else the answer to send.
async fn open(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    reference: &str,
    version: &str,
) -> Result<(TriageRecord, i64), Response> {
    let record = match db::triage::record(&state.db, reference).await {
        Ok(Some(r)) => r,
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => {
            tracing::error!(error = %e, "could not read a report");
            return Err(page(lang, Problem::Internal));
        }
    };
    staff.require(lang, Permission::ViewReports, Permission::TriageReports, record.csp_id)?;
    match version.parse::<i64>() {
        Ok(version) => Ok((record, version)),
        Err(_) => Err(back(lang, reference, Outcome::ReportStale)),
    }
}

/// The audit entry of a change, stored in the change's own transaction.
fn entry(staff: &Staff, action: AuditAction, record: &TriageRecord, detail: Option<String>) -> NewAuditEntry {
    let (user, ip) = (&staff.user, &staff.ip);
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
    staff: &Staff,
    action: AuditAction,
    record: &TriageRecord,
    detail: Option<String>,
) {
    if let Err(e) = db::audit::record(&state.db, entry(staff, action, record, detail)).await {
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
    done: Outcome,
) -> Response {
    match result {
        Ok(()) => back(lang, reference, done),
        Err(ChangeError::Stale) if KEPT_FORMS.contains(&form) => {
            refused(state, user, lang, reference, form, fields, Outcome::ReportStale).await
        }
        Err(ChangeError::Stale) => back(lang, reference, Outcome::ReportStale),
        Err(ChangeError::Db(e)) => {
            tracing::error!(error = %e, "could not change a report");
            back(lang, reference, Outcome::ReportUnavailable)
        }
    }
}

/// What the resident is told of a change: the message (the officer's, or the template) and, if
/// they agreed, its email.
pub(crate) struct ToResident {
    pub text: String,
    pub email: Option<Email>,
}

/// The resident's message (the officer's, or the template) and, if they agreed, its email.
pub(crate) async fn resident_message(
    state: &AppState,
    record: &TriageRecord,
    status: ReportStatus,
    written: &str,
) -> Result<ToResident, db::DbError> {
    let resident = Lang::parse(&record.language).unwrap_or_default();
    let text =
        if written.trim().is_empty() { template(resident, status) } else { written.trim().to_string() };
    let reporter = db::triage::reporter(&state.db, record.id).await?;
    let email = match (&reporter.email, reporter.email_rule().allows_email()) {
        (Some(to), true) => {
            let (subject, body) = update_email(resident, &record.reference, &text);
            Some(Email { to: to.clone(), subject, body })
        }
        _ => None,
    };
    Ok(ToResident { text, email })
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
    staff: Staff,
    Path(reference): Path<String>,
    req: Request,
) -> Response {
    let (mut parts, body) = req.into_parts();
    let fields: Fields = match axum::body::to_bytes(body, CONTACT_FORM_BYTES).await {
        Ok(bytes) => serde_html_form::from_bytes(&bytes).unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let lang = Lang::parse(last(&fields, "lang")).unwrap_or_default();
    let record = match db::triage::record(&state.db, &reference).await {
        Ok(Some(r)) => r,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => {
            tracing::error!(error = %e, "could not read a report");
            return page(lang, Problem::Internal);
        }
    };
    if let Err(refused) =
        staff.require(lang, Permission::ViewReports, Permission::ViewReporterContact, record.csp_id)
    {
        return refused;
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

/// "Acknowledge": the report moves from open to investigating, and the resident is told.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AcknowledgeForm {
    pub version: String,
    pub message: String,
    pub public_note: String,
}

/// "Send update": a new status, the resident's message and the public note.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UpdateForm {
    pub version: String,
    pub status: String,
    pub message: String,
    pub public_note: String,
}

/// The intelligence item: the 3x5x2 grade, the sanitised summary, tension, who it is shared with.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GradeForm {
    pub version: String,
    pub source: String,
    pub intelligence: String,
    pub handling: String,
    pub conditions: String,
    pub summary: String,
    pub tension: String,
    /// Organisations (ids) a C-handled item is shared with: one checkbox each.
    pub share: Vec<String>,
}

/// Who works on the report: `user:<id>`, `organisation:<id>`, `team:<id>`, or nobody ("").
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    pub version: String,
    pub assignee: String,
}

/// A question for the resident, shown on their tracking page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AskForm {
    pub version: String,
    pub question: String,
}

/// Another category (with its qualifier or hate strands).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClassifyForm {
    pub version: String,
    pub category: String,
    pub asb_qualifier: String,
    pub hate_strands: Vec<String>,
}

/// A link to another report of the CSP: `duplicate` or `repeat`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub version: String,
    pub kind: String,
    pub other: String,
}

/// A form that carries only the report's version (verifying contact details; any action).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct VersionForm {
    pub version: String,
}

/// Acknowledging and updating: the resident's message (or its template), the public note, and
/// the email when the resident agreed to one.
#[allow(clippy::too_many_arguments)]
async fn post_update(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    record: &TriageRecord,
    version: i64,
    form_name: &str,
    fields: &Fields,
    status: ReportStatus,
    written: &str,
    public_note: &str,
) -> Response {
    let user = &staff.user;
    let reference = &record.reference;
    if written.chars().count() > MAX_MESSAGE {
        return refused(state, user, lang, reference, form_name, fields, Outcome::MessageTooLong).await;
    }
    // What other apps and the public may read: only what the officer wrote for them, checked
    // like a sanitised summary. The message above stays the resident's.
    let public_note = match checked_public_note(state, record, public_note).await {
        Ok(note) => note,
        Err(problem) => {
            let problem = Outcome::error(Pages::Report, problem);
            return refused(state, user, lang, reference, form_name, fields, problem).await;
        }
    };
    let ToResident { text, email } = match resident_message(state, record, status, written).await {
        Ok(m) => m,
        Err(e) => {
            tracing::error!(error = %e, "could not read the reporter");
            return refused(state, user, lang, reference, form_name, fields, Outcome::ReportUnavailable)
                .await;
        }
    };
    let message =
        ResidentMessage { status, text: &text, email: email.as_ref(), public_note: public_note.as_deref() };
    let (what, done) = match form_name {
        "acknowledge" => (AuditAction::ReportAcknowledged, Outcome::Acknowledged),
        _ => (AuditAction::ReportUpdated, Outcome::Updated),
    };
    let audited = entry(staff, what, record, Some(status.as_str().into()));
    let result =
        db::triage::post_update(&state.db, record.id, version, Some(user.id), message, &audited).await;
    if result.is_ok() {
        state.mail_wake.notify_one();
    }
    changed(state, user, lang, reference, form_name, fields, result, done).await
}

/// `POST /staff/reports/{reference}/acknowledge`
pub async fn acknowledge(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, fields }: Posted<AcknowledgeForm>,
) -> Response {
    let (record, version) = match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let status =
        if record.status == ReportStatus::Open { ReportStatus::Investigating } else { record.status };
    post_update(
        &state,
        &staff,
        lang,
        &record,
        version,
        "acknowledge",
        &fields,
        status,
        &form.message,
        &form.public_note,
    )
    .await
}

/// `POST /staff/reports/{reference}/update`
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, fields }: Posted<UpdateForm>,
) -> Response {
    let (record, version) = match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(status) = ReportStatus::parse(&form.status) else {
        return refused(
            &state,
            &staff.user,
            lang,
            &record.reference,
            "update",
            &fields,
            Outcome::ReportStatus,
        )
        .await;
    };
    post_update(
        &state,
        &staff,
        lang,
        &record,
        version,
        "update",
        &fields,
        status,
        &form.message,
        &form.public_note,
    )
    .await
}

/// `POST /staff/reports/{reference}/grade`
pub async fn grade(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, fields }: Posted<GradeForm>,
) -> Response {
    let (record, version) = match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let refuse =
        |problem: Outcome| refused(&state, &staff.user, lang, &record.reference, "grade", &fields, problem);
    let grade = match parse_grade(&form.source, &form.intelligence, &form.handling, &form.conditions) {
        Ok(g) => g,
        Err(problems) => {
            return refuse(match problems[0] {
                GradeProblem::Source => Outcome::Source,
                GradeProblem::Intelligence => Outcome::Intelligence,
                GradeProblem::Handling => Outcome::Handling,
                GradeProblem::ConditionsRequired => Outcome::ConditionsRequired,
                GradeProblem::ConditionsTooLong => Outcome::ConditionsTooLong,
            })
            .await;
        }
    };
    let summary = form.summary.trim();
    if summary.is_empty() {
        return refuse(Outcome::SummaryRequired).await;
    }
    if summary.chars().count() > MAX_SUMMARY {
        return refuse(Outcome::SummaryTooLong).await;
    }
    let reporter = match db::triage::reporter(&state.db, record.id).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "could not read the reporter");
            return refuse(Outcome::ReportUnavailable).await;
        }
    };
    if identifies_reporter(summary, &reporter) {
        return refuse(Outcome::SummaryIdentifies).await;
    }
    let tension = Some(form.tension.as_str()).filter(|t| !t.is_empty());
    if tension.is_some_and(|t| !TENSION_TAGS.contains(&t)) {
        return refuse(Outcome::Tension).await;
    }
    let organisations = match db::triage::organisations(&state.db, record.csp_id).await {
        Ok(o) => o,
        Err(e) => {
            tracing::error!(error = %e, "could not read organisations");
            return refuse(Outcome::ReportUnavailable).await;
        }
    };
    let mut shares = Vec::new();
    for value in &form.share {
        match value.parse::<i64>().ok().filter(|id| organisations.iter().any(|o| o.id == *id)) {
            Some(id) => shares.push(id),
            None => return refuse(Outcome::ShareUnknown).await,
        }
    }
    // The grade and every organisation it is shared with, in the change's own transaction.
    let names: Vec<&str> = organisations
        .iter()
        .filter(|o| shares.contains(&o.id) && grade.handling == crate::triage::HandlingCode::C)
        .map(|o| o.name.as_str())
        .collect();
    let detail =
        if names.is_empty() { grade.label() } else { format!("{} → {}", grade.label(), names.join(", ")) };
    let audited = entry(&staff, AuditAction::ReportGraded, &record, Some(detail));
    let result = db::triage::save_grade(
        &state.db,
        record.id,
        record.csp_id,
        version,
        staff.user.id,
        &grade,
        summary,
        tension,
        &shares,
        &audited,
    )
    .await;
    changed(&state, &staff.user, lang, &reference, "grade", &fields, result, Outcome::Graded).await
}

/// `POST /staff/reports/{reference}/assign`
pub async fn assign(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, fields }: Posted<AssignForm>,
) -> Response {
    let (record, version) = match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let value = form.assignee.as_str();
    let (person, organisation, team) = match value.split_once(':') {
        None if value.is_empty() => (None, None, None),
        Some(("user", id)) => (id.parse::<i64>().ok(), None, None),
        Some(("organisation", id)) => (None, id.parse::<i64>().ok(), None),
        Some(("team", id)) => (None, None, id.parse::<i64>().ok()),
        _ => return back(lang, &reference, Outcome::Assignee),
    };
    // Only people, teams and organisations of this CSP.
    let known = match (person, organisation, team) {
        (Some(p), _, _) => db::triage::assignable_people(&state.db, record.csp_id)
            .await
            .map(|list| list.iter().any(|person| person.id == p)),
        (_, Some(o), _) => db::triage::organisations(&state.db, record.csp_id)
            .await
            .map(|list| list.iter().any(|organisation| organisation.id == o)),
        (_, _, Some(t)) => db::staff::team_csp(&state.db, t).await.map(|csp| csp == Some(record.csp_id)),
        (None, None, None) => Ok(value.is_empty()),
    };
    match known {
        Ok(true) => {}
        Ok(false) => return back(lang, &reference, Outcome::Assignee),
        Err(e) => {
            tracing::error!(error = %e, "could not check the assignee");
            return back(lang, &reference, Outcome::ReportUnavailable);
        }
    }
    let audited = entry(&staff, AuditAction::ReportAssigned, &record, Some(value.to_string()));
    let result =
        db::triage::assign(&state.db, record.id, version, person, organisation, team, &audited).await;
    changed(&state, &staff.user, lang, &reference, "assign", &fields, result, Outcome::Assigned).await
}

/// `POST /staff/reports/{reference}/ask`
pub async fn ask(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, fields }: Posted<AskForm>,
) -> Response {
    let (record, version) = match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let refuse =
        |problem: Outcome| refused(&state, &staff.user, lang, &record.reference, "ask", &fields, problem);
    let question = form.question.trim();
    if question.is_empty() {
        return refuse(Outcome::QuestionRequired).await;
    }
    if question.chars().count() > MAX_QUESTION {
        return refuse(Outcome::QuestionTooLong).await;
    }
    let reporter = match db::triage::reporter(&state.db, record.id).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "could not read the reporter");
            return refuse(Outcome::ReportUnavailable).await;
        }
    };
    let resident = Lang::parse(&record.language).unwrap_or_default();
    let email = match (&reporter.email, reporter.email_rule().allows_email()) {
        (Some(to), true) => Some(Email {
            to: to.clone(),
            subject: t!(resident, "email-question-subject", reference = record.reference.clone()),
            body: t!(
                resident,
                "email-question-body",
                reference = record.reference.clone(),
                question = question
            ),
        }),
        _ => None,
    };
    let audited = entry(&staff, AuditAction::ReportUpdated, &record, Some("question".into()));
    let result =
        db::triage::ask(&state.db, record.id, version, staff.user.id, question, email, &audited).await;
    if result.is_ok() {
        state.mail_wake.notify_one();
    }
    changed(&state, &staff.user, lang, &reference, "ask", &fields, result, Outcome::Asked).await
}

/// `POST /staff/reports/{reference}/classify`
pub async fn classify(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, fields }: Posted<ClassifyForm>,
) -> Response {
    let (record, version) = match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let categories = match db::reporting::categories(&state.db, record.csp_id).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "could not read categories");
            return back(lang, &reference, Outcome::ReportUnavailable);
        }
    };
    let Some(category) = categories.iter().find(|c| c.code == form.category) else {
        return back(lang, &reference, Outcome::Category);
    };
    let qualifier = match Some(form.asb_qualifier.as_str())
        .filter(|q| !q.is_empty() && category.family == crate::reporting::Family::Asb)
        .map(AsbQualifier::parse)
    {
        None => None,
        Some(Some(q)) => Some(q),
        Some(None) => return back(lang, &reference, Outcome::Category),
    };
    if form.hate_strands.iter().any(|s| !HATE_STRANDS.contains(&s.as_str())) {
        return back(lang, &reference, Outcome::Category);
    }
    let strands = (category.family == crate::reporting::Family::Hate && !form.hate_strands.is_empty())
        .then(|| form.hate_strands.join(","));
    let audited = entry(
        &staff,
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
    changed(&state, &staff.user, lang, &reference, "classify", &fields, result, Outcome::Classified).await
}

/// `POST /staff/reports/{reference}/link`
pub async fn link(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, fields }: Posted<LinkForm>,
) -> Response {
    let (record, version) = match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(kind) = LinkKind::parse(&form.kind) else {
        return back(lang, &reference, Outcome::LinkKind);
    };
    let other_reference = form.other.trim().to_ascii_uppercase();
    if other_reference == record.reference {
        return back(lang, &reference, Outcome::LinkSelf);
    }
    // Only a report of the same CSP: another CSP's is "unknown", never confirmed.
    let other = match db::triage::record(&state.db, &other_reference).await {
        Ok(Some(o)) if o.csp_id == record.csp_id => o,
        Ok(_) => return back(lang, &reference, Outcome::LinkUnknown),
        Err(e) => {
            tracing::error!(error = %e, "could not read a report");
            return back(lang, &reference, Outcome::ReportUnavailable);
        }
    };
    match db::triage::would_loop(&state.db, record.id, other.id).await {
        Ok(true) => return back(lang, &reference, Outcome::LinkLoop),
        Ok(false) => {}
        Err(e) => {
            tracing::error!(error = %e, "could not read links");
            return back(lang, &reference, Outcome::ReportUnavailable);
        }
    }
    let duplicate = if kind == LinkKind::Duplicate {
        match resident_message(&state, &record, ReportStatus::Duplicate, "").await {
            Ok(m) => Some(m),
            Err(e) => {
                tracing::error!(error = %e, "could not read the reporter");
                return back(lang, &reference, Outcome::ReportUnavailable);
            }
        }
    } else {
        None
    };
    let message = duplicate.as_ref().map(|told| ResidentMessage {
        status: ReportStatus::Duplicate,
        text: &told.text,
        email: told.email.as_ref(),
        public_note: None,
    });
    let audited = entry(
        &staff,
        AuditAction::ReportLinked,
        &record,
        Some(format!("{} of {}", kind.as_str(), other.reference)),
    );
    let result =
        db::triage::link(&state.db, record.id, version, other.id, kind, staff.user.id, message, &audited)
            .await;
    if result.is_ok() {
        state.mail_wake.notify_one();
    }
    changed(&state, &staff.user, lang, &reference, "link", &fields, result, Outcome::Linked).await
}

/// `POST /staff/reports/{reference}/verify_contact`: the resident's contact details are checked
/// (they count towards the Community Trigger from now on).
pub async fn verify_contact(
    State(state): State<AppState>,
    staff: Staff,
    Path(reference): Path<String>,
    Posted { form, lang, .. }: Posted<VersionForm>,
) -> Response {
    let (record, _) = match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !staff.user.can(Permission::ViewReporterContact, record.csp_id) {
        return page(lang, Problem::Forbidden);
    }
    match db::trigger::verify_contact(&state.db, record.id).await {
        Ok(_) => {
            audit(&state, &staff, AuditAction::ReportUpdated, &record, Some("contact verified".into())).await;
            if let Err(e) = crate::trigger::flags::evaluate_report(&state.db, record.id).await {
                tracing::error!(error = %e, "could not check the Community Trigger rules");
            }
            back(lang, &reference, Outcome::Verified)
        }
        Err(e) => {
            tracing::error!(error = %e, "could not verify contact details");
            back(lang, &reference, Outcome::ReportUnavailable)
        }
    }
}

/// `POST /staff/reports/{reference}/{action}` for an action there is no form for: checked like
/// every triage form, then "not found".
pub async fn unknown(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, _action)): Path<(String, String)>,
    Posted { form, lang, .. }: Posted<VersionForm>,
) -> Response {
    match open(&state, &staff, lang, &reference, &form.version).await {
        Ok(_) => page(lang, Problem::NotFound),
        Err(response) => response,
    }
}
