//! API keys on the REST API: `Authorization: Bearer <key>`, each key scoped to one CSP and one
//! role. Endpoints that need a key take the `ApiKey` extractor; a missing or bad key gets a
//! JSON 401 before the handler runs.

use crate::{
    api::{ApiError, NamesJson},
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
use serde::Serialize;
use utoipa::ToSchema;

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

/// A CSP as a key sees its own: slug and names.
#[derive(Serialize, ToSchema)]
#[schema(as = KeyCsp)]
pub struct KeyCspJson {
    pub slug: String,
    pub name: NamesJson,
}

/// What the calling key may do.
#[derive(Serialize, ToSchema)]
pub struct KeyInfo {
    pub name: String,
    #[schema(schema_with = crate::api::role_schema)]
    pub role: &'static str,
    #[schema(required)]
    pub csp: Option<KeyCspJson>,
}

/// `GET /api/v1/me`: what the key may do, so an integrator can check their set-up.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "keys",
    summary = "What the calling API key may do",
    operation_id = "me",
    security(("apiKey" = [])),
    responses(
        (status = 200, description = "The key's name, role and CSP.", body = KeyInfo),
        (status = 401, description = "No key, or a key that is not valid (code unauthorised).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn me(State(state): State<AppState>, ApiKey(key): ApiKey) -> Response {
    let csps = match db::reference::list_csps(&state.db).await {
        Ok(list) => list,
        Err(e) => return internal(e),
    };
    let csp = csps.iter().find(|c| c.id == key.csp_id);
    Json(KeyInfo {
        name: key.name,
        role: key.role.as_str(),
        csp: csp.map(|c| KeyCspJson { slug: c.slug.clone(), name: (&c.name).into() }),
    })
    .into_response()
}
