//! `GET /api/v1/problems` and `GET /api/v1/problems/{reference}`: the CSP's problem profiles
//! with their SARA stages, actions and the computed assessment. Scoped like the rest of the
//! API: a key acts in one CSP; partner keys see only profiles shared with their organisation,
//! without the intelligence items; another CSP's profile is 404.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, problems::Audience},
    problems::{analysis, assessment::RateChange, parse_day, Profile},
    reference::api::{internal, json_error},
    staff::{accounts::ApiPrincipal, api::ApiKey, roles::role_allows, Permission},
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

/// Whether the key sees the CSP's profiles (`Some(false)`), only shared ones (`Some(true)`), or none.
fn partner(key: &ApiPrincipal) -> Option<bool> {
    if role_allows(key.role, Permission::ViewProblems) {
        Some(false)
    } else if role_allows(key.role, Permission::ViewSharedProblems) {
        Some(true)
    } else {
        None
    }
}

fn forbidden() -> Response {
    json_error(StatusCode::FORBIDDEN, "forbidden", "this key's role may not read problem profiles")
}

fn change_json(c: &RateChange) -> Value {
    json!({
        "before": c.before,
        "after": c.after,
        "rate_ratio": c.ratio,
        "change_percent": c.percent(),
        "ci95": if c.high.is_finite() { json!([c.low, c.high]) } else { Value::Null },
        "verdict": c.verdict,
    })
}

fn profile_json(p: &Profile, partner: bool) -> Value {
    json!({
        "reference": p.reference,
        "title": p.title,
        "stage": p.stage,
        "priority": p.priority,
        "terms_of_reference": { "requester": p.requester, "aim": p.aim, "period": { "from": p.period_from, "to": p.period_to } },
        "neighbourhoods": p.neighbourhoods.iter().map(|(_, n)| json!({ "en": n.en, "cy": n.cy })).collect::<Vec<_>>(),
        "categories": p.categories.iter().map(|(_, n)| json!({ "en": n.en, "cy": n.cy })).collect::<Vec<_>>(),
        "scanning": {
            "statement": p.statement,
            "affected": p.affected,
            "intelligence_items": if partner { Value::Null } else { json!(p.items.iter().map(|i| json!({ "reference": i.reference, "summary": i.summary, "grade": i.grade })).collect::<Vec<_>>()) },
        },
        "analysis": { "triangle": p.triangle, "hypothesis": p.hypothesis, "intelligence_gaps": p.gaps },
        "response": {
            "started": p.response_started,
            "actions": p.actions.iter().map(|a| json!({
                "title": a.title, "organisation": a.organisation, "owner": a.owner, "due_on": a.due_on,
                "status": a.status, "notes": a.notes, "overdue": a.overdue,
            })).collect::<Vec<_>>(),
        },
        "decision": p.decision,
        "shared_with": p.shared_with.iter().map(|(_, n)| n).collect::<Vec<_>>(),
        "updated_at": p.updated_at,
        "closed_at": p.closed_at,
    })
}

/// `GET /api/v1/problems`
pub async fn list(State(state): State<AppState>, ApiKey(key): ApiKey) -> Response {
    let Some(partner) = partner(&key) else { return forbidden() };
    let organisations: Vec<i64> = key.organisation_id.into_iter().collect();
    let audience = if partner { Audience::Partner(&organisations) } else { Audience::Csp };
    let profiles = match db::problems::list(&state.db, key.csp_id, audience).await {
        Ok(p) => p,
        Err(e) => return internal(e),
    };
    Json(json!({
        "problems": profiles.iter().map(|p| json!({
            "reference": p.reference,
            "title": p.title,
            "stage": p.stage,
            "priority": p.priority,
            "neighbourhoods": p.neighbourhoods.iter().map(|n| json!({ "en": n.en, "cy": n.cy })).collect::<Vec<_>>(),
            "intelligence_items": p.items,
            "open_actions": p.actions_open,
            "overdue_actions": p.actions_overdue,
            "updated_at": p.updated_at,
            "href": format!("/api/v1/problems/{}", p.reference),
        })).collect::<Vec<_>>()
    }))
    .into_response()
}

/// `GET /api/v1/problems/{reference}`: the profile with its computed assessment.
pub async fn one(State(state): State<AppState>, ApiKey(key): ApiKey, Path(reference): Path<String>) -> Response {
    let Some(partner) = partner(&key) else { return forbidden() };
    let not_found = || json_error(StatusCode::NOT_FOUND, "not_found", format!("no problem profile '{reference}' is visible to this key"));
    let id = match db::problems::find(&state.db, &reference).await {
        Ok(Some((id, csp_id, _))) if csp_id == key.csp_id => id,
        Ok(_) => return not_found(),
        Err(e) => return internal(e),
    };
    if partner {
        let organisations: Vec<i64> = key.organisation_id.into_iter().collect();
        match db::problems::shared_with_any(&state.db, id, &organisations).await {
            Ok(true) => {}
            Ok(false) => return not_found(),
            Err(e) => return internal(e),
        }
    }
    let (profile, scope) = match (db::problems::load(&state.db, id).await, db::problems::scope(&state.db, id).await) {
        (Ok(Some(p)), Ok(s)) => (p, s),
        (Ok(None), _) => return not_found(),
        (Err(e), _) | (_, Err(e)) => return internal(e),
    };
    let started = profile.response_started.as_deref().and_then(parse_day);
    let assessment = match analysis::assess(&state.db, &state.wards, &scope, started, profile.window_days, db::now()).await {
        Ok(a) => a,
        Err(e) => return internal(e),
    };
    if partner {
        let entry = NewAuditEntry {
            actor_label: format!("api key: {}", key.name),
            action: Some(AuditAction::ProblemViewedByPartner),
            record_type: Some("problem_profile".into()),
            record_id: Some(reference.clone()),
            csp_id: Some(key.csp_id),
            ..Default::default()
        };
        if let Err(e) = db::audit::record(&state.db, entry).await {
            return internal(e);
        }
    }
    let mut body = profile_json(&profile, partner);
    body["assessment"] = match assessment {
        Ok(a) => json!({
            "window_days": a.before.days(),
            "before": { "from": db::format_date(a.before.from), "to": db::format_date(a.before.to - 86_400) },
            "after": { "from": db::format_date(a.after.from), "to": db::format_date(a.after.to - 86_400) },
            "area": change_json(&a.area),
            "rest_of_csp": change_json(&a.background),
            "neighbouring_areas": change_json(&a.neighbours),
            "relative": a.relative.map(|r| json!({ "ratio": r.ratio, "ci95": [r.low, r.high], "verdict": r.verdict })),
            "displacement_suspected": a.displacement_suspected,
        }),
        Err(problem) => json!({ "not_available": problem }),
    };
    Json(body).into_response()
}
