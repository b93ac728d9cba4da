//! The authenticated REST API for partner systems (`Authorization: Bearer <key>`): intelligence
//! items the key may see, one report (fields by role), status updates, and the audit log. Each
//! key acts in one CSP with one role; another CSP's report is 404, never a leak.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, triage::Audience, triage::ChangeError, triage::ResidentMessage},
    i18n::Lang,
    reference::api::{internal, json_error},
    reporting::ReportStatus,
    staff::{accounts::ApiPrincipal, api::ApiKey, roles::role_allows, Permission, Role},
    state::AppState,
    triage::{actions::resident_message, IntelligenceItem, MAX_MESSAGE},
};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;

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

/// An item for the partnership's own keys: the partner's fields and whom it is shared with.
fn item_json(i: &IntelligenceItem) -> Value {
    let mut item = partner_item_json(i);
    item["shared_with"] = json!(i.shared_with);
    item
}

/// An item for a partner's key: the fields named here only (not whom else it is shared with).
fn partner_item_json(i: &IntelligenceItem) -> Value {
    json!({
        "reference": i.reference,
        "csp": i.csp_slug,
        "category": { "en": i.category.en, "cy": i.category.cy },
        "family": i.family.as_str(),
        "neighbourhood": { "en": i.neighbourhood.en, "cy": i.neighbourhood.cy },
        "summary": i.summary,
        "grade": { "source": i.grade.source.as_str(), "intelligence": i.grade.intelligence.as_str(), "handling": i.grade.handling.as_str(), "label": i.grade.label() },
        "conditions": i.grade.conditions,
        "tension": i.tension,
        "reported_at": crate::time::time(Lang::En, i.reported_at),
        "updated_at": crate::time::time(Lang::En, i.updated_at),
    })
}

/// The audience a key belongs to for intelligence, if any.
fn audience(key: &ApiPrincipal) -> Option<Vec<i64>> {
    if allows(key, Permission::ViewIntelligence) {
        Some(Vec::new())
    } else if allows(key, Permission::ViewSharedIntelligence) {
        Some(key.organisation_id.into_iter().collect())
    } else {
        None
    }
}

/// `GET /api/v1/intelligence?category=&handling=&limit=`
pub async fn intelligence(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(organisations) = audience(&key) else { return forbidden("read intelligence") };
    let limit = match params.get("limit").map(|l| l.parse::<i64>()) {
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
    let handling = params.get("handling").map(|h| h.to_ascii_uppercase());
    if handling.as_deref().is_some_and(|h| h != "P" && h != "C") {
        return json_error(StatusCode::BAD_REQUEST, "invalid_parameter", "'handling' must be P or C");
    }
    let partner = !allows(&key, Permission::ViewIntelligence);
    let audience = if partner { Audience::Partner(&organisations) } else { Audience::Csp };
    let family = params.get("category").map(String::as_str);
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
    Json(json!({ "items": items.iter().map(|i| json_of(i)).collect::<Vec<_>>() })).into_response()
}

/// `GET /api/v1/reports/{reference}`: officers and analysts get the report (never the
/// reporter); partners only what is shared with them, sanitised.
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
        return Json(json!({
            "reference": record.reference,
            "status": record.status.as_str(),
            "category": { "code": record.category_code, "en": record.category.en, "cy": record.category.cy },
            "sensitive": record.sensitive,
            "ward": { "en": record.ward.en, "cy": record.ward.cy },
            "neighbourhood": { "en": record.neighbourhood.en, "cy": record.neighbourhood.cy },
            "location_text": record.location_text,
            "description": record.description,
            "language": record.language,
            "acknowledged": record.acknowledged_at.is_some(),
            "updates": timeline
                .iter()
                .map(|u| json!({ "at": crate::time::time(Lang::En, u.at), "kind": u.kind.as_str(), "status": u.status.as_str(), "message": u.message, "public_note": u.public_note, "public": u.public }))
                .collect::<Vec<_>>(),
            "intelligence": items.first().map(item_json),
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
        return Json(json!({
            "reference": record.reference,
            "status": record.status.as_str(),
            "category": { "code": record.category_code, "en": record.category.en, "cy": record.category.cy },
            "neighbourhood": { "en": record.neighbourhood.en, "cy": record.neighbourhood.cy },
            "assigned_to_you": assigned,
            "intelligence": shared.map(partner_item_json),
        }))
        .into_response();
    }
    forbidden("read reports")
}

#[derive(Deserialize)]
pub struct UpdateBody {
    pub status: String,
    /// For the resident: their tracking page, and email when the email rule allows.
    #[serde(default)]
    pub message: String,
    /// For other apps and the public (Open311): never naming the reporter.
    #[serde(default)]
    pub public_note: Option<String>,
}

/// `POST /api/v1/reports/{reference}/updates` with `{"status", "message", "public_note"}`: the
/// status (public), a message for the resident (tracking page, and email when the resident
/// agreed and left no safe-contact note) and, optionally, a note published in Open311.
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
    let (text, email) = match resident_message(&state, &record, status, &update.message).await {
        Ok(m) => m,
        Err(e) => return internal(e),
    };
    let email = email.as_ref().map(|(to, subject, body)| (to.as_str(), subject.clone(), body.clone()));
    // Keys have no user; the update is attributed in the audit log. The message is the
    // resident's (never published); only the checked public note reaches other apps.
    let message = ResidentMessage { status, text: &text, email, public_note: public_note.as_deref() };
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
    (StatusCode::CREATED, Json(json!({ "reference": record.reference, "status": status.as_str(), "message": text, "public_note": public_note })))
        .into_response()
}

/// `GET /api/v1/audit?page=`: the CSP's audit log, for managers' keys.
pub async fn audit_log(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if !allows(&key, Permission::ViewAuditLog) {
        return forbidden("read the audit log");
    }
    let page = match params.get("page").map(|p| p.parse::<i64>()) {
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
            Json(json!({
                "total": p.total,
                "page": p.page,
                "page_size": p.page_size,
                "entries": p.entries.iter().map(|e| json!({
                    "id": e.id,
                    "at": crate::open311::format_datetime(e.at),
                    "actor": e.actor,
                    "action": e.action,
                    "record": e.record,
                    "ip": e.ip,
                    "detail": e.detail,
                })).collect::<Vec<_>>(),
            }))
            .into_response()
        }
        Err(e) => internal(e),
    }
}
