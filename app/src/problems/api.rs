//! `GET /api/v1/problems` and `GET /api/v1/problems/{reference}`: the CSP's problem profiles
//! with their SARA stages, actions and the computed assessment. Scoped like the rest of the
//! API: a key acts in one CSP; partner keys see only profiles shared with their organisation,
//! without the intelligence items; another CSP's profile is 404.
//!
//! `GET /api/v1/strategic-assessments`, `GET /api/v1/strategic-assessments/{quarter}` and
//! `GET /api/v1/tasking-meetings`: the CSP's quarterly strategic assessments (every version,
//! drafts marked) and its tasking meetings' records, for the roles that see them in the hub
//! (not partners, as in the hub).

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, problems::Audience},
    problems::{
        analysis, assessment::RateChange, for_partner, parse_day, strategic::Assessment, PartnerActionOwner,
        PartnerProfile, Profile,
    },
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

fn profile_json(p: &Profile) -> Value {
    json!({
        "reference": p.reference,
        "title": p.title,
        "stage": p.stage,
        "priority": p.priority,
        "terms_of_reference": { "requester": p.requester, "aim": p.aim, "period": { "from": api_day(p.period_from), "to": api_day(p.period_to) } },
        "neighbourhoods": p.neighbourhoods.iter().map(|(_, n)| json!({ "en": n.en, "cy": n.cy })).collect::<Vec<_>>(),
        "categories": p.categories.iter().map(|(_, n)| json!({ "en": n.en, "cy": n.cy })).collect::<Vec<_>>(),
        "scanning": {
            "statement": p.statement,
            "affected": p.affected,
            "intelligence_items": p.items.iter().map(|i| json!({ "reference": i.reference, "summary": i.summary, "grade": i.grade })).collect::<Vec<_>>(),
        },
        "analysis": { "triangle": p.triangle, "hypothesis": p.hypothesis, "intelligence_gaps": p.gaps },
        "response": {
            "started": p.response_started.map(api_day),
            "actions": p.actions.iter().map(|a| json!({
                "title": a.title, "organisation": a.organisation, "owner": a.owner, "due_on": a.due_on.map(api_day),
                "status": a.status, "notes": a.notes, "overdue": a.overdue,
            })).collect::<Vec<_>>(),
        },
        "decision": p.decision,
        "shared_with": p.shared_with.iter().map(|(_, n)| n).collect::<Vec<_>>(),
        "updated_at": api_time(p.updated_at),
        "closed_at": p.closed_at.map(api_time),
    })
}

/// A profile for a partner's key, from `for_partner` (as on the partner's page): no intelligence
/// items, no shares, and of other organisations' actions only that someone else does them.
fn partner_profile_json(p: &PartnerProfile) -> Value {
    json!({
        "reference": p.reference,
        "title": p.title,
        "stage": p.stage,
        "priority": p.priority,
        "terms_of_reference": { "requester": p.requester, "aim": p.aim, "period": { "from": api_day(p.period_from), "to": api_day(p.period_to) } },
        "neighbourhoods": p.neighbourhoods.iter().map(|n| json!({ "en": n.en, "cy": n.cy })).collect::<Vec<_>>(),
        "categories": p.categories.iter().map(|n| json!({ "en": n.en, "cy": n.cy })).collect::<Vec<_>>(),
        "scanning": { "statement": p.statement, "affected": p.affected, "intelligence_items": Value::Null },
        "analysis": { "triangle": p.triangle, "hypothesis": p.hypothesis, "intelligence_gaps": p.gaps },
        "response": {
            "started": p.response_started.map(api_day),
            "actions": p.actions.iter().map(|a| {
                let (by, organisation, owner) = match &a.owner {
                    PartnerActionOwner::Yours { organisation, owner } => ("you", Some(organisation.as_str()), owner.as_str()),
                    PartnerActionOwner::Partnership => ("partnership", None, ""),
                    PartnerActionOwner::Another => ("another_organisation", None, ""),
                };
                json!({
                    "title": a.title, "by": by, "organisation": organisation, "owner": owner, "due_on": a.due_on.map(api_day),
                    "status": a.status, "notes": a.notes, "overdue": a.overdue,
                })
            }).collect::<Vec<_>>(),
        },
        "decision": p.decision,
        "updated_at": api_time(p.updated_at),
        "closed_at": p.closed_at.map(api_time),
    })
}

/// `GET /api/v1/problems`
pub async fn list(State(state): State<AppState>, ApiKey(key): ApiKey) -> Response {
    let Some(partner) = partner(&key) else { return forbidden() };
    let organisations: Vec<i64> = key.organisation_id.into_iter().collect();
    let audience = if partner { Audience::Partner(&organisations) } else { Audience::Csp };
    let profiles = match crate::problems::list(&state.db, key.csp_id, audience, db::now()).await {
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
            "intelligence_items": if partner { Value::Null } else { json!(p.items) },
            "open_actions": p.actions_open,
            "overdue_actions": p.actions_overdue,
            "updated_at": api_day(p.updated_at),
            "href": format!("/api/v1/problems/{}", p.reference),
        })).collect::<Vec<_>>()
    }))
    .into_response()
}

/// `GET /api/v1/problems/{reference}`: the profile with its computed assessment.
pub async fn one(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(reference): Path<String>,
) -> Response {
    let Some(partner) = partner(&key) else { return forbidden() };
    let not_found = || {
        json_error(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no problem profile '{reference}' is visible to this key"),
        )
    };
    let id = match db::problems::find(&state.db, &reference).await {
        Ok(Some(found)) if found.csp_id == key.csp_id => found.id,
        Ok(_) => return not_found(),
        Err(e) => return internal(e),
    };
    let organisations: Vec<i64> = key.organisation_id.into_iter().collect();
    if partner {
        match db::problems::shared_with_any(&state.db, id, &organisations).await {
            Ok(true) => {}
            Ok(false) => return not_found(),
            Err(e) => return internal(e),
        }
    }
    let (profile, scope) = match (
        crate::problems::load(&state.db, id, db::now()).await,
        db::problems::scope(&state.db, id).await,
    ) {
        (Ok(Some(p)), Ok(s)) => (p, s),
        (Ok(None), _) => return not_found(),
        (Err(e), _) | (_, Err(e)) => return internal(e),
    };
    let started = profile.response_started;
    let assessment = match analysis::assess(
        &state.db,
        &state.wards,
        &scope,
        started,
        profile.window_days,
        db::now(),
    )
    .await
    {
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
    let mut body = if partner {
        partner_profile_json(&for_partner(&profile, &organisations))
    } else {
        profile_json(&profile)
    };
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

/// Strategic assessments and tasking records: the roles that read them in the hub.
fn may_read_planning(key: &ApiPrincipal) -> Result<(), Response> {
    match role_allows(key.role, Permission::ViewProblems) {
        true => Ok(()),
        false => Err(json_error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this key's role may not read strategic assessments or tasking records",
        )),
    }
}

fn assessment_summary(a: &Assessment) -> Value {
    let quarter = format!("{}-Q{}", a.year, a.quarter);
    json!({
        "quarter": quarter,
        "version": a.version,
        "status": a.status.as_str(),
        "updated_at": api_time(a.updated_at),
        "published_at": a.published_at.map(api_time),
        "href": format!("/api/v1/strategic-assessments/{quarter}?version={}", a.version),
    })
}

/// `GET /api/v1/strategic-assessments`: every version of every quarter, latest first.
pub async fn assessments(State(state): State<AppState>, ApiKey(key): ApiKey) -> Response {
    if let Err(response) = may_read_planning(&key) {
        return response;
    }
    match db::tasking::assessments(&state.db, key.csp_id).await {
        Ok(list) => {
            Json(json!({ "strategic_assessments": list.iter().map(assessment_summary).collect::<Vec<_>>() }))
                .into_response()
        }
        Err(e) => internal(e),
    }
}

/// `2026-Q3` as (2026, 3).
fn parse_quarter(text: &str) -> Option<(i64, i64)> {
    let (year, quarter) = text.split_once(['-', '_'])?;
    let quarter = quarter.strip_prefix(['Q', 'q'])?.parse::<i64>().ok().filter(|q| (1..=4).contains(q))?;
    Some((year.parse::<i64>().ok().filter(|y| (2000..=2100).contains(y))?, quarter))
}

#[derive(serde::Deserialize)]
pub struct VersionQuery {
    version: Option<String>,
}

/// `GET /api/v1/strategic-assessments/{quarter}` (`2026-Q3`): the latest version, or
/// `?version=N`; its six sections and its figures.
pub async fn assessment(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(quarter): Path<String>,
    axum::extract::Query(query): axum::extract::Query<VersionQuery>,
) -> Response {
    if let Err(response) = may_read_planning(&key) {
        return response;
    }
    let Some((year, q)) = parse_quarter(&quarter) else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "the quarter is written like 2026-Q3",
        );
    };
    let version = match query.version.as_deref().map(str::parse::<i64>) {
        None => None,
        Some(Ok(v)) if v >= 1 => Some(v),
        Some(_) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                "version must be a whole number from 1",
            )
        }
    };
    let found = match db::tasking::assessment_version(&state.db, key.csp_id, year, q, version).await {
        Ok(found) => found,
        Err(e) => return internal(e),
    };
    let Some(a) = found else {
        return json_error(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no strategic assessment {quarter} is visible to this key"),
        );
    };
    let mut body = assessment_summary(&a);
    body["published_by"] = json!(a.published_by);
    body["sections"] = json!(a.sections);
    body["figures"] = json!(a
        .figures
        .iter()
        .map(|f| json!({
            "family": f.family,
            "this_quarter": f.this,
            "previous_quarter": f.previous,
            "same_quarter_last_year": f.last_year,
            "against_previous_quarter": change_json(&f.against_previous),
            "against_last_year": change_json(&f.against_last_year),
        }))
        .collect::<Vec<_>>());
    Json(body).into_response()
}

#[derive(serde::Deserialize)]
pub struct MeetingsQuery {
    from: Option<String>,
    to: Option<String>,
}

/// `GET /api/v1/tasking-meetings?from=&to=`: the recorded meetings (attendees and decisions),
/// latest first; the last year by default, at most 200.
pub async fn meetings(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    axum::extract::Query(query): axum::extract::Query<MeetingsQuery>,
) -> Response {
    if let Err(response) = may_read_planning(&key) {
        return response;
    }
    let day = |text: Option<&str>, default: i64| match text.filter(|t| !t.is_empty()) {
        None => Some(default),
        Some(t) => parse_day(t),
    };
    let now = db::now();
    let (Some(from), Some(to)) =
        (day(query.from.as_deref(), now - 365 * 86_400), day(query.to.as_deref(), now))
    else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "from and to are dates like 2026-11-30",
        );
    };
    if from > to {
        return json_error(StatusCode::BAD_REQUEST, "invalid_parameter", "from must not be after to");
    }
    match db::tasking::meetings_between(&state.db, key.csp_id, from, to, 200).await {
        Ok(list) => Json(json!({
            "meetings": list.iter().map(|m| json!({
                "held_on": api_day(m.held_on),
                "attendees": m.attendees,
                "decisions": m.decisions,
                "version": m.version,
                "updated_at": m.updated_at.map(api_time),
            })).collect::<Vec<_>>()
        }))
        .into_response(),
        Err(e) => internal(e),
    }
}

/// A time in the API's format: `2026-11-30 14:05 UTC` (UTC whatever the reader's language).
fn api_time(at: crate::time::Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// A day in the API's format: `2026-11-30`.
fn api_day(at: crate::time::Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::parse_quarter;

    #[test]
    fn quarters_as_written() {
        assert_eq!(parse_quarter("2026-Q3"), Some((2026, 3)));
        assert_eq!(parse_quarter("2026-q1"), Some((2026, 1)));
        for bad in ["2026-Q5", "2026-Q0", "2026Q3", "26-Q3", "2026-3", "Q3-2026", ""] {
            assert_eq!(parse_quarter(bad), None, "{bad}");
        }
    }
}
