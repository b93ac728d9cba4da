//! API keys on the REST API: `Authorization: Bearer <key>`, each key scoped to one CSP and one
//! role. Endpoints that need a key take the `ApiKey` extractor; a missing or bad key gets a
//! JSON 401 before the handler runs.

use crate::{
    db,
    reference::api::{internal, json_error},
    staff::accounts::{self, ApiPrincipal},
    state::AppState,
};
use axum::{
    extract::{FromRequestParts, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

/// The caller of an authenticated endpoint.
pub struct ApiKey(pub ApiPrincipal);

impl FromRequestParts<AppState> for ApiKey {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let unauthorised = |message: &str| {
            let mut response = json_error(StatusCode::UNAUTHORIZED, "unauthorised", message);
            response.headers_mut().insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("static header"));
            response
        };
        let Some(value) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
            return Err(unauthorised("this endpoint needs 'Authorization: Bearer <api key>'"));
        };
        let Some(key) = value.strip_prefix("Bearer ").map(str::trim) else {
            return Err(unauthorised("the Authorization header must be 'Bearer <api key>'"));
        };
        match accounts::authenticate_api_key(&state.db, key).await {
            Ok(Some(principal)) => Ok(ApiKey(principal)),
            Ok(None) => Err(unauthorised("the API key is not valid or has been revoked")),
            Err(e) => Err(internal(e)),
        }
    }
}

/// `GET /api/v1/me`: what the key may do, so an integrator can check their set-up.
pub async fn me(State(state): State<AppState>, ApiKey(key): ApiKey) -> Response {
    let csps = match db::reference::list_csps(&state.db).await {
        Ok(list) => list,
        Err(e) => return internal(e),
    };
    let csp = csps.iter().find(|c| c.id == key.csp_id);
    Json(json!({
        "name": key.name,
        "role": key.role.as_str(),
        "csp": csp.map(|c| json!({ "slug": c.slug, "name": { "en": c.name.en, "cy": c.name.cy } })),
    }))
    .into_response()
}
