//! The REST API under `/api/v1` as one piece: its error body, how it reads query parameters,
//! the types every capability's API shares, and its OpenAPI 3.1 document, generated from the
//! handlers' `#[utoipa::path]` attributes and their request and response types (served at
//! `/api/v1/openapi.json`). The handlers themselves live with their capability (`reference::api`,
//! `staff::api`, `triage::api`, `problems::api`); [`router`] lists them once.

use crate::{problems, reference, reporting::ReportStatus, staff::roles::Role, state::AppState, triage};
use axum::{
    extract::{Extension, FromRequestParts},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::{de::DeserializeOwned, Serialize};
use std::sync::Arc;
use utoipa::{
    openapi::{
        schema::{ObjectBuilder, SchemaType, Type},
        security::{Http, HttpAuthScheme, SecurityScheme},
        Object,
    },
    Modify, OpenApi, ToSchema,
};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The body of every error the API answers: a stable code for programs, a message for people.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
#[schema(as = Error)]
pub struct ApiError {
    /// Such as `invalid_parameter`, `not_found`, `outside_boundaries`, `unauthorised`,
    /// `forbidden`, `conflict`, `unavailable`.
    #[schema(examples("invalid_parameter", "not_found", "outside_boundaries"))]
    pub code: String,
    pub message: String,
}

/// A JSON error response: `{"code": ..., "message": ...}`.
pub fn json_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (status, Json(ApiError { code: code.into(), message: message.into() })).into_response()
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

/// A name in English and Welsh.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Names)]
pub struct NamesJson {
    pub en: String,
    pub cy: String,
}

impl From<&reference::Names> for NamesJson {
    fn from(n: &reference::Names) -> Self {
        NamesJson { en: n.en.clone(), cy: n.cy.clone() }
    }
}

/// The query parameters of an API request as `T` (a struct of `Option<String>` fields the
/// handler checks, so each refusal names the parameter). A parameter given twice counts with its
/// last value, and a query string that cannot be read is a JSON 400 like every other refusal.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let unreadable = |e: &dyn std::fmt::Display| {
            json_error(StatusCode::BAD_REQUEST, "invalid_parameter", format!("the query cannot be read: {e}"))
        };
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(parts.uri.query().unwrap_or("")).map_err(|e| unreadable(&e))?;
        let mut last: Vec<(String, String)> = Vec::with_capacity(pairs.len());
        for (name, value) in pairs {
            match last.iter_mut().find(|(n, _)| *n == name) {
                Some(pair) => pair.1 = value,
                None => last.push((name, value)),
            }
        }
        let text = serde_urlencoded::to_string(&last).map_err(|e| unreadable(&e))?;
        serde_urlencoded::from_str(&text).map(ApiQuery).map_err(|e| unreadable(&e))
    }
}

/// A string schema that takes one of `values`.
pub fn one_of<V: Into<serde_json::Value>>(values: impl IntoIterator<Item = V>) -> Object {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(values)).build()
}

/// A string schema that takes one of `values`, or null.
pub fn one_of_or_null<V: Into<serde_json::Value>>(values: impl IntoIterator<Item = V>) -> Object {
    let values: Vec<serde_json::Value> =
        values.into_iter().map(Into::into).chain([serde_json::Value::Null]).collect();
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(values))
        .build()
}

/// The statuses of a report, as stored and sent.
pub fn report_status_schema() -> Object {
    one_of(ReportStatus::ALL.iter().map(|s| s.as_str()))
}

/// The roles an API key can have.
pub fn role_schema() -> Object {
    one_of(Role::ALL.iter().map(|r| r.as_str()))
}

/// The tension tags of an intelligence item, or null.
pub fn tension_schema() -> Object {
    one_of_or_null(triage::TENSION_TAGS)
}

pub const API_DESCRIPTION: &str = "Reference data and, with an API key, community-safety data of the \
Community Safety Partnerships of Wales. Authenticated endpoints take `Authorization: Bearer <api key>` \
(create one with `cymuned api-key create`); a key is scoped to one CSP and one role. Errors are JSON \
objects with `code` and `message`.";

/// The document's fixed parts; the paths and schemas come from the handlers listed in [`router`].
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cymuned API",
        version = "1.0.0",
        description = API_DESCRIPTION,
        license(name = "AGPL-3.0-or-later"),
    ),
    servers((url = "/")),
    modifiers(&BearerKeys),
    tags(
        (name = "reference", description = "Public reference data: CSPs, neighbourhoods, wards."),
        (name = "keys", description = "API keys."),
        (name = "reports", description = "Reports and intelligence items (API key)."),
        (name = "problems", description = "Problem profiles, strategic assessments and tasking (API key)."),
        (name = "health", description = "Whether the hub is up."),
        (name = "document", description = "This document."),
    ),
)]
pub struct ApiDoc;

/// The name of the security scheme the keyed operations name.
pub const API_KEY: &str = "apiKey";

struct BearerKeys;

impl Modify for BearerKeys {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            API_KEY,
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A key from `cymuned api-key create --csp SLUG --role ROLE --name NAME`.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every documented `/api/v1` route with its handler, and the document they make. The server
/// adds its health routes, splits this into the axum router and the document, and serves the
/// document through [`document`] (as an [`ApiDocument`] extension).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(reference::api::csps))
        .routes(routes!(reference::api::neighbourhoods))
        .routes(routes!(reference::api::locate))
        .routes(routes!(crate::staff::api::me))
        .routes(routes!(triage::api::intelligence))
        .routes(routes!(triage::api::report))
        .routes(routes!(triage::api::post_update))
        .routes(routes!(triage::api::audit_log))
        .routes(routes!(problems::api::list))
        .routes(routes!(problems::api::one))
        .routes(routes!(problems::api::assessments))
        .routes(routes!(problems::api::assessment))
        .routes(routes!(problems::api::meetings))
        .routes(routes!(document))
}

/// The finished document as served, made once when the router is built.
#[derive(Clone)]
pub struct ApiDocument(pub Arc<String>);

impl ApiDocument {
    pub fn new(doc: &utoipa::openapi::OpenApi) -> Self {
        ApiDocument(Arc::new(doc.to_pretty_json().expect("the API document serialises")))
    }
}

/// `GET /api/v1/openapi.json`
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "document",
    summary = "This document",
    operation_id = "openapi",
    responses((status = 200, description = "OpenAPI 3.1", content_type = "application/json", body = Object)),
)]
pub async fn document(Extension(doc): Extension<ApiDocument>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], doc.0.as_str().to_owned()).into_response()
}
