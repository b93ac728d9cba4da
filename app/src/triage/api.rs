//! The authenticated REST API for partner systems (`Authorization: Bearer <key>`): intelligence
//! items the key may see, one report (fields by role), status updates, and the audit log. Each
//! key acts in one CSP with one role; another CSP's report is 404, never a leak.

use crate::{
    api::{one_of, partner_only, ApiError, ApiQuery, NamesJson},
    audit::{AuditAction, NewAuditEntry},
    db::{self, triage::Audience, triage::ChangeError, triage::ResidentMessage},
    reference::api::{internal, json_error},
    reporting::ReportStatus,
    staff::{accounts::ApiPrincipal, api::ApiKey, roles::role_allows, Permission, Role},
    state::AppState,
    triage::{actions::resident_message, IntelligenceItem, MAX_MESSAGE},
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn allows(key: &ApiPrincipal, permission: Permission) -> bool {
    role_allows(key.role, permission)
}

fn forbidden(what: &str) -> Response {
    json_error(StatusCode::FORBIDDEN, "forbidden", format!("this key's role may not {what}"))
}

fn not_found(reference: &str) -> Response {
    json_error(StatusCode::NOT_FOUND, "not_found", format!("no report '{reference}' is visible to this key"))
}

async fn audit(
    state: &AppState,
    key: &ApiPrincipal,
    action: AuditAction,
    record: Option<String>,
    detail: Option<String>,
) -> Result<(), db::DbError> {
    db::audit::record(
        &state.db,
        NewAuditEntry {
            actor_label: format!("api key: {}", key.name),
            action: Some(action),
            record_type: Some(
                match (action, &record) {
                    (AuditAction::AuditLogViewed, _) => "audit_log",
                    (_, Some(_)) => "report",
                    _ => "intelligence",
                }
                .into(),
            ),
            record_id: record,
            csp_id: Some(key.csp_id),
            detail,
            ..Default::default()
        },
    )
    .await
}

fn source_schema() -> utoipa::openapi::Object {
    one_of(["1", "2", "3"])
}

fn intelligence_schema() -> utoipa::openapi::Object {
    one_of(["A", "B", "C", "D", "E"])
}

fn handling_schema() -> utoipa::openapi::Object {
    one_of(["P", "C"])
}

/// The 3x5x2 grade of an item.
#[derive(Serialize, ToSchema)]
#[schema(as = Grade)]
pub struct GradeJson {
    /// `1` reliable, `2` untested, `3` not reliable.
    #[schema(schema_with = source_schema)]
    pub source: String,
    /// `A` known directly ... `E` suspected false or malicious.
    #[schema(schema_with = intelligence_schema)]
    pub intelligence: String,
    /// `P` lawful sharing permitted, `C` sharing with conditions.
    #[schema(schema_with = handling_schema)]
    pub handling: String,
    #[schema(examples("2B P"))]
    pub label: String,
}

/// A graded (3x5x2), sanitised intelligence item. Never carries the reporter's identity or words.
#[derive(Serialize, ToSchema)]
#[schema(as = IntelligenceItem)]
pub struct ItemJson {
    /// The report's reference, or for an item recorded from engagement its own.
    #[schema(examples("CYM-26-000123", "INT-000012"))]
    pub reference: String,
    /// Where it came from: a resident's report, or engagement.
    #[schema(examples("report", "street_briefing", "kin_answer", "survey_answer", "partner", "meeting"))]
    pub source: String,
    pub csp: String,
    /// The report's category; null for an item recorded from engagement.
    #[schema(required)]
    pub category: Option<NamesJson>,
    /// The report's category family; null for an item recorded from engagement.
    #[schema(required, examples("asb", "drugs", "environmental"))]
    pub family: Option<String>,
    pub neighbourhood: NamesJson,
    pub summary: String,
    pub grade: GradeJson,
    /// Written handling conditions (always present for handling code C).
    #[schema(required)]
    pub conditions: Option<String>,
    #[schema(required, schema_with = crate::api::tension_schema)]
    pub tension: Option<String>,
    pub reported_at: String,
    pub updated_at: String,
    /// Organisations a C item is shared with: for the partnership's own keys only (a partner's
    /// key is not told whom else an item is shared with).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_with: Option<Vec<String>>,
}

/// An item for the partnership's own keys: the partner's fields and whom it is shared with.
fn item_json(i: &IntelligenceItem) -> ItemJson {
    ItemJson { shared_with: Some(i.shared_with.clone()), ..partner_item_json(i) }
}

/// An item for a partner's key: the fields named here only (not whom else it is shared with).
fn partner_item_json(i: &IntelligenceItem) -> ItemJson {
    ItemJson {
        reference: i.reference.clone(),
        csp: i.csp_slug.clone(),
        source: i.source.as_str().to_string(),
        category: i.category.as_ref().map(Into::into),
        family: i.family.map(|f| f.as_str().to_string()),
        neighbourhood: (&i.neighbourhood).into(),
        summary: i.summary.clone(),
        grade: GradeJson {
            source: i.grade.source.as_str().to_string(),
            intelligence: i.grade.intelligence.as_str().to_string(),
            handling: i.grade.handling.as_str().to_string(),
            label: i.grade.label(),
        },
        conditions: i.grade.conditions.clone(),
        tension: i.tension.clone(),
        reported_at: crate::api::api_time(i.reported_at),
        updated_at: crate::api::api_time(i.updated_at),
        shared_with: None,
    }
}

/// The audience a key belongs to for intelligence, if any.
fn audience(key: &ApiPrincipal) -> Option<Vec<i64>> {
    partner_only(key, Permission::ViewIntelligence, Permission::ViewSharedIntelligence).map(|partner| {
        match partner {
            true => key.organisation_id.into_iter().collect(),
            false => Vec::new(),
        }
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntelligenceQuery {
    /// A category family (asb, drugs, hate, ...).
    pub category: Option<String>,
    #[param(schema_with = handling_schema)]
    pub handling: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000, default = 100)]
    pub limit: Option<String>,
}

/// Intelligence items, newest first.
#[derive(Serialize, ToSchema)]
pub struct IntelligenceList {
    pub items: Vec<ItemJson>,
}

/// `GET /api/v1/intelligence?category=&handling=&limit=`
#[utoipa::path(
    get,
    path = "/api/v1/intelligence",
    tag = "reports",
    summary = "Intelligence items the key's role may see",
    description = "Officers, analysts, engagement leads and managers: every item of the key's CSP. Partner keys: P items, and C items shared with the key's organisation (each call is audited).",
    operation_id = "intelligence",
    security(("apiKey" = [])),
    params(IntelligenceQuery),
    responses(
        (status = 200, description = "Newest first.", body = IntelligenceList),
        (status = 400, description = "A bad parameter (code invalid_parameter).", body = ApiError),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn intelligence(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    ApiQuery(params): ApiQuery<IntelligenceQuery>,
) -> Response {
    let Some(organisations) = audience(&key) else { return forbidden("read intelligence") };
    let limit = match params.limit.as_deref().map(|l| l.parse::<i64>()) {
        None => 100,
        Some(Ok(n)) if (1..=1000).contains(&n) => n,
        Some(_) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                "'limit' must be a whole number from 1 to 1000",
            )
        }
    };
    let handling = params.handling.as_deref().map(|h| h.to_ascii_uppercase());
    if handling.as_deref().is_some_and(|h| h != "P" && h != "C") {
        return json_error(StatusCode::BAD_REQUEST, "invalid_parameter", "'handling' must be P or C");
    }
    let partner = !allows(&key, Permission::ViewIntelligence);
    let audience = if partner { Audience::Partner(&organisations) } else { Audience::Csp };
    let family = params.category.as_deref();
    let items = match db::triage::intelligence_filtered(
        &state.db,
        key.csp_id,
        audience,
        None,
        handling.as_deref(),
        family,
        limit,
    )
    .await
    {
        Ok(items) => items,
        Err(e) => return internal(e),
    };
    let items: Vec<&IntelligenceItem> = items.iter().collect();
    if partner {
        let seen: Vec<&str> = items.iter().map(|i| i.reference.as_str()).collect();
        if let Err(e) =
            audit(&state, &key, AuditAction::IntelligenceViewedByPartner, None, Some(seen.join(","))).await
        {
            return internal(e);
        }
    }
    let json_of = if partner { partner_item_json } else { item_json };
    Json(IntelligenceList { items: items.iter().map(|i| json_of(i)).collect() }).into_response()
}

/// A report's category: its code and names.
#[derive(Serialize, ToSchema)]
#[schema(as = ReportCategory)]
pub struct CategoryJson {
    pub code: String,
    pub en: String,
    pub cy: String,
}

/// One entry of a report's timeline.
#[derive(Serialize, ToSchema)]
#[schema(as = ReportUpdate)]
pub struct UpdateJson {
    pub at: String,
    /// `status`, `question`, `reply` or `comment`.
    pub kind: String,
    #[schema(schema_with = crate::api::report_status_schema)]
    pub status: &'static str,
    /// For the resident only (tracking page, and email when allowed); never published.
    #[schema(required)]
    pub message: Option<String>,
    /// What other apps and the public may read (Open311).
    #[schema(required)]
    pub public_note: Option<String>,
    /// Shown to the resident on their tracking page.
    pub public: bool,
}

/// A report as the partnership's own keys read it (never the reporter).
#[derive(Serialize, ToSchema)]
pub struct StaffReport {
    pub reference: String,
    #[schema(schema_with = crate::api::report_status_schema)]
    pub status: &'static str,
    pub category: CategoryJson,
    pub sensitive: bool,
    pub ward: NamesJson,
    pub neighbourhood: NamesJson,
    pub location_text: String,
    pub description: String,
    pub language: String,
    pub acknowledged: bool,
    pub updates: Vec<UpdateJson>,
    #[schema(required)]
    pub intelligence: Option<ItemJson>,
}

/// A report as a partner's key reads it: what is shared with or assigned to its organisation.
#[derive(Serialize, ToSchema)]
pub struct PartnerReport {
    pub reference: String,
    #[schema(schema_with = crate::api::report_status_schema)]
    pub status: &'static str,
    pub category: CategoryJson,
    pub neighbourhood: NamesJson,
    pub assigned_to_you: bool,
    #[schema(required)]
    pub intelligence: Option<ItemJson>,
}

/// A report as the key's role may see it.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum ReportJson {
    Staff(StaffReport),
    Partner(PartnerReport),
}

/// `GET /api/v1/reports/{reference}`: officers and analysts get the report (never the
/// reporter); partners only what is shared with them, sanitised.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{reference}",
    tag = "reports",
    summary = "One report of the key's CSP",
    description = "Officers, analysts and managers get the report with its updates and intelligence item (never the reporter). Partner keys get only what is shared with their organisation or assigned to it, sanitised. Another CSP's report, or one not visible to the key, is 404.",
    operation_id = "report",
    security(("apiKey" = [])),
    params(("reference" = String, Path, description = "A report's reference, such as CYM-26-000123.")),
    responses(
        (status = 200, description = "The report as the key's role may see it.", body = ReportJson),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "The key's role may not read reports (code forbidden).", body = ApiError),
        (status = 404, description = "No such report visible to this key (code not_found).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn report(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(reference): Path<String>,
) -> Response {
    let record = match db::triage::record(&state.db, &reference).await {
        Ok(Some(r)) if r.csp_id == key.csp_id => r,
        Ok(_) => return not_found(&reference),
        Err(e) => return internal(e),
    };
    if allows(&key, Permission::ViewReports) {
        let items =
            match db::triage::intelligence(&state.db, key.csp_id, Audience::Csp, Some(&reference), 1).await {
                Ok(items) => items,
                Err(e) => return internal(e),
            };
        let timeline = match db::triage::updates(&state.db, record.id).await {
            Ok(t) => t,
            Err(e) => return internal(e),
        };
        // The resident's words are read: audited first, and not sent unaudited.
        if let Err(e) =
            audit(&state, &key, AuditAction::ReportViewed, Some(record.reference.clone()), None).await
        {
            return internal(e);
        }
        return Json(ReportJson::Staff(StaffReport {
            reference: record.reference.clone(),
            status: record.status.as_str(),
            category: category_json(&record),
            sensitive: record.sensitive,
            ward: (&record.ward).into(),
            neighbourhood: (&record.neighbourhood).into(),
            location_text: record.location_text.clone(),
            description: record.description.clone(),
            language: record.language.clone(),
            acknowledged: record.acknowledged_at.is_some(),
            updates: timeline
                .iter()
                .map(|u| UpdateJson {
                    at: crate::api::api_time(u.at),
                    kind: u.kind.as_str().to_string(),
                    status: u.status.as_str(),
                    message: u.message.clone(),
                    public_note: u.public_note.clone(),
                    public: u.public,
                })
                .collect(),
            intelligence: items.first().map(item_json),
        }))
        .into_response();
    }
    if key.role == Role::Partner {
        let organisations: Vec<i64> = key.organisation_id.into_iter().collect();
        let visible = match db::triage::intelligence(
            &state.db,
            key.csp_id,
            Audience::Partner(&organisations),
            Some(&reference),
            1,
        )
        .await
        {
            Ok(items) => items,
            Err(e) => return internal(e),
        };
        let shared = visible.first();
        let assigned =
            key.organisation_id.is_some() && record.assigned_organisation_id == key.organisation_id;
        if shared.is_none() && !assigned {
            return not_found(&reference);
        }
        if let Err(e) = audit(
            &state,
            &key,
            AuditAction::IntelligenceViewedByPartner,
            Some(record.reference.clone()),
            None,
        )
        .await
        {
            return internal(e);
        }
        return Json(ReportJson::Partner(PartnerReport {
            reference: record.reference.clone(),
            status: record.status.as_str(),
            category: category_json(&record),
            neighbourhood: (&record.neighbourhood).into(),
            assigned_to_you: assigned,
            intelligence: shared.map(partner_item_json),
        }))
        .into_response();
    }
    forbidden("read reports")
}

fn category_json(record: &db::triage::TriageRecord) -> CategoryJson {
    CategoryJson {
        code: record.category_code.clone(),
        en: record.category.en.clone(),
        cy: record.category.cy.clone(),
    }
}

/// A status update: the status (public), a message for the resident, and a public note.
#[derive(Deserialize, ToSchema)]
pub struct UpdateBody {
    #[schema(schema_with = crate::api::report_status_schema)]
    pub status: String,
    /// For the resident only (tracking page, and email when allowed).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub message: String,
    /// Published in Open311; must not identify the reporter.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub public_note: Option<String>,
}

/// The update as posted.
#[derive(Serialize, ToSchema)]
pub struct PostedUpdate {
    pub reference: String,
    #[schema(schema_with = crate::api::report_status_schema)]
    pub status: &'static str,
    /// The words the resident is sent (the standard wording when the request gave none).
    pub message: String,
    #[schema(required)]
    pub public_note: Option<String>,
}

/// `POST /api/v1/reports/{reference}/updates` with `{"status", "message", "public_note"}`: the
/// status (public), a message for the resident (tracking page, and email when the resident
/// agreed and left no safe-contact note) and, optionally, a note published in Open311.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{reference}/updates",
    tag = "reports",
    summary = "Post a status, a message to the resident and an optional public note",
    description = "The status is public. The message is for the resident only: it appears on their tracking page and is emailed when they agreed to be emailed and left no safe-contact note; it is never published. An empty message sends the standard wording for the status in the resident's language. The optional public note is what other apps and the public read in Open311 (status_notes, servicerequestupdates); it is refused when it names the reporter or gives their email or phone. Partner keys may update reports assigned to their organisation.",
    operation_id = "postUpdate",
    security(("apiKey" = [])),
    params(("reference" = String, Path, description = "A report's reference, such as CYM-26-000123.")),
    request_body(content = UpdateBody, content_type = "application/json"),
    responses(
        (status = 201, description = "Posted.", body = PostedUpdate),
        (status = 400, description = "Bad body (codes invalid_body, invalid_status, message_too_long, public_note_too_long, public_note_identifies).", body = ApiError),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "The key's role may not update reports (code forbidden).", body = ApiError),
        (status = 404, description = "No such report visible to this key (code not_found).", body = ApiError),
        (status = 409, description = "The report changed at the same moment; read it and retry (code conflict).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn post_update(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(reference): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let record = match db::triage::record(&state.db, &reference).await {
        Ok(Some(r)) if r.csp_id == key.csp_id => r,
        Ok(_) => return not_found(&reference),
        Err(e) => return internal(e),
    };
    if !allows(&key, Permission::UpdateReports) {
        return forbidden("update reports");
    }
    if key.role == Role::Partner
        && (key.organisation_id.is_none() || record.assigned_organisation_id != key.organisation_id)
    {
        return not_found(&reference);
    }
    let update: UpdateBody = match serde_json::from_slice(&body) {
        Ok(u) => u,
        Err(e) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                "invalid_body",
                format!("the body must be JSON {{\"status\": ..., \"message\": ...}}: {e}"),
            )
        }
    };
    let Some(status) = ReportStatus::parse(&update.status) else {
        let all: Vec<&str> = ReportStatus::ALL.iter().map(|s| s.as_str()).collect();
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_status",
            format!("'status' must be one of: {}", all.join(", ")),
        );
    };
    if update.message.chars().count() > MAX_MESSAGE {
        return json_error(
            StatusCode::BAD_REQUEST,
            "message_too_long",
            format!("'message' must be at most {MAX_MESSAGE} characters"),
        );
    }
    let public_note = match crate::triage::actions::checked_public_note(&state, &record, update.public_note.as_deref().unwrap_or("")).await {
        Ok(note) => note,
        Err("public_note_too_long") => {
            return json_error(StatusCode::BAD_REQUEST, "public_note_too_long", format!("'public_note' must be at most {MAX_MESSAGE} characters"))
        }
        Err("public_note_identifies") => {
            return json_error(
                StatusCode::BAD_REQUEST,
                "public_note_identifies",
                "'public_note' is published to other apps and must not name the reporter or give their email or phone",
            )
        }
        Err(_) => return json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the hub could not check the note; try again"),
    };
    let told = match resident_message(&state, &record, status, &update.message).await {
        Ok(m) => m,
        Err(e) => return internal(e),
    };
    // Keys have no user; the update is attributed in the audit log. The message is the
    // resident's (never published); only the checked public note reaches other apps.
    let message = ResidentMessage {
        status,
        text: &told.text,
        email: told.email.as_ref(),
        public_note: public_note.as_deref(),
    };
    let audited = NewAuditEntry {
        actor_label: format!("api key: {}", key.name),
        action: Some(AuditAction::ReportUpdated),
        record_type: Some("report".into()),
        record_id: Some(record.reference.clone()),
        csp_id: Some(key.csp_id),
        detail: Some(status.as_str().into()),
        ..Default::default()
    };
    match db::triage::post_update(&state.db, record.id, record.version, None, message, &audited).await {
        Ok(()) => {}
        Err(ChangeError::Stale) => {
            return json_error(
                StatusCode::CONFLICT,
                "conflict",
                "the report changed while this update was made; read it again and retry",
            )
        }
        Err(ChangeError::Db(e)) => return internal(e),
    }
    state.mail_wake.notify_one();
    let posted = PostedUpdate {
        reference: record.reference,
        status: status.as_str(),
        message: told.text,
        public_note,
    };
    (StatusCode::CREATED, Json(posted)).into_response()
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000, default = 1)]
    pub page: Option<String>,
}

/// One entry of the audit log.
#[derive(Serialize, ToSchema)]
#[schema(as = AuditEntry)]
pub struct AuditEntryJson {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub action: String,
    #[schema(required)]
    pub record: Option<String>,
    #[schema(required)]
    pub ip: Option<String>,
    #[schema(required)]
    pub detail: Option<String>,
}

/// A page of the audit log.
#[derive(Serialize, ToSchema)]
pub struct AuditLog {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub entries: Vec<AuditEntryJson>,
}

/// `GET /api/v1/audit?page=`: the CSP's audit log, for managers' keys.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "reports",
    summary = "The CSP's audit log (managers' keys)",
    operation_id = "audit",
    security(("apiKey" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "100 entries per page, newest first.", body = AuditLog),
        (status = 400, description = "A bad page number (code invalid_parameter).", body = ApiError),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "The key's role may not read the audit log (code forbidden).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn audit_log(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    ApiQuery(params): ApiQuery<AuditQuery>,
) -> Response {
    if !allows(&key, Permission::ViewAuditLog) {
        return forbidden("read the audit log");
    }
    let page = match params.page.as_deref().map(|p| p.parse::<i64>()) {
        None => 1,
        Some(Ok(n)) if (1..=100_000).contains(&n) => n,
        Some(_) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                "'page' must be a whole number from 1 to 100000",
            )
        }
    };
    match db::audit::page_for_csp(&state.db, key.csp_id, page, 100).await {
        Ok(p) => {
            // Reading the log is audited too: if that cannot be recorded, the log is not sent.
            if let Err(e) =
                audit(&state, &key, AuditAction::AuditLogViewed, None, Some(format!("page {page}"))).await
            {
                return internal(e);
            }
            Json(AuditLog {
                total: p.total,
                page: p.page,
                page_size: p.page_size,
                entries: p
                    .entries
                    .into_iter()
                    .map(|e| AuditEntryJson {
                        id: e.id,
                        at: crate::open311::format_datetime(e.at),
                        actor: e.actor,
                        action: e.action,
                        record: e.record,
                        ip: e.ip,
                        detail: e.detail,
                    })
                    .collect(),
            })
            .into_response()
        }
        Err(e) => internal(e),
    }
}
