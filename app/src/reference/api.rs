//! Public reference API under `/api/v1`: CSPs, neighbourhoods, and locating a point.
//! Errors are JSON `{code, message}`.

use crate::{
    db,
    reference::{boundaries, Coordinates, Location},
    state::AppState,
};
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;

/// A JSON error response: `{"code": ..., "message": ...}`.
pub fn json_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (status, Json(json!({ "code": code, "message": message.into() }))).into_response()
}

/// Logs an internal failure; the client gets a 503 it can retry.
pub fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "api failure");
    json_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
        "The service cannot answer right now; try again shortly.",
    )
}

#[derive(Serialize)]
struct NamesJson<'a> {
    en: &'a str,
    cy: &'a str,
}

fn names(n: &crate::reference::Names) -> NamesJson<'_> {
    NamesJson { en: &n.en, cy: &n.cy }
}

pub async fn csps(State(state): State<AppState>) -> Response {
    match db::reference::list_csps(&state.db).await {
        Ok(list) => {
            let items: Vec<Value> = list
                .iter()
                .map(|c| {
                    json!({
                        "slug": c.slug,
                        "name": names(&c.name),
                        "police_force": { "slug": c.police_force.slug, "name": names(&c.police_force.name) },
                        "local_authorities": c.local_authorities.iter().map(|la| json!({"code": la.code, "name": names(&la.name)})).collect::<Vec<_>>(),
                        "neighbourhood_count": c.neighbourhood_count,
                        "ward_count": c.ward_count,
                    })
                })
                .collect();
            Json(json!({ "csps": items })).into_response()
        }
        Err(e) => internal(e),
    }
}

pub async fn neighbourhoods(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(slug) = params.get("csp").filter(|s| !s.is_empty()) else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "'csp' is required: a CSP slug from GET /api/v1/csps",
        );
    };
    let geometry = match params.get("geometry").map(String::as_str) {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") => true,
        Some(other) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                format!("'geometry' must be true or false, got '{other}'"),
            )
        }
    };
    let csp = match db::reference::csp_by_slug(&state.db, slug).await {
        Ok(Some(c)) => c,
        Ok(None) => {
            return json_error(StatusCode::NOT_FOUND, "not_found", format!("no CSP has the slug '{slug}'"))
        }
        Err(e) => return internal(e),
    };
    let list = match db::reference::neighbourhoods(&state.db, csp.id).await {
        Ok(l) => l,
        Err(e) => return internal(e),
    };
    let shapes = if geometry {
        match db::reference::ward_geometries_by_neighbourhood(&state.db, csp.id).await {
            Ok(s) => s,
            Err(e) => return internal(e),
        }
    } else {
        HashMap::new()
    };
    let items: Vec<Value> = list
        .iter()
        .map(|n| {
            let mut item = json!({
                "id": n.id,
                "slug": n.slug,
                "name": names(&n.name),
                "wards": n.wards.iter().map(|w| json!({"code": w.code, "name": names(&w.name)})).collect::<Vec<_>>(),
            });
            if geometry {
                item["geometry"] = merged_geometry(shapes.get(&n.id).map(Vec::as_slice).unwrap_or(&[]));
            }
            item
        })
        .collect();
    Json(json!({ "csp": csp.slug, "neighbourhoods": items })).into_response()
}

/// The wards of a neighbourhood as one GeoJSON MultiPolygon.
fn merged_geometry(wards: &[String]) -> Value {
    let mut polygons = Vec::new();
    for text in wards {
        if let Ok(shape) = boundaries::parse_geometry(text) {
            polygons.extend(shape.0);
        }
    }
    let multi = geo::MultiPolygon(polygons);
    serde_json::to_value(geojson::Geometry::new(geojson::Value::from(&multi))).unwrap_or(Value::Null)
}

pub fn location_json(l: &Location) -> Value {
    json!({
        "ward": { "code": l.ward.code, "name": names(&l.ward.name) },
        "local_authority_code": l.local_authority_code,
        "neighbourhood": { "id": l.neighbourhood_id, "slug": l.neighbourhood_slug, "name": names(&l.neighbourhood_name) },
        "csp": { "slug": l.csp_slug, "name": names(&l.csp_name) },
    })
}

pub async fn locate(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let at = match Coordinates::parse(
        params.get("lat").map(String::as_str),
        params.get("lon").map(String::as_str),
    ) {
        Ok(at) => at,
        Err(e) => return json_error(StatusCode::BAD_REQUEST, "invalid_parameter", e.message),
    };
    match state.wards.locate(at) {
        Some(location) => Json(location_json(location)).into_response(),
        None => json_error(
            StatusCode::NOT_FOUND,
            "outside_boundaries",
            format!("({}, {}) is outside the ward boundaries loaded in this hub (Wales)", at.lat, at.lon),
        ),
    }
}

/// Unknown paths under `/api/`.
pub async fn not_found() -> Response {
    json_error(StatusCode::NOT_FOUND, "not_found", "no such API endpoint; see /api/v1/openapi.json")
}

pub async fn openapi() -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], include_str!("../../openapi.json"))
        .into_response()
}
