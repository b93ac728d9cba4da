//! The REST API under `/api/v1` as one piece: its error body, how it reads query parameters and
//! the types every capability's API shares. The handlers live with their capability
//! (`reference::api`, `staff::api`, `triage::api`, `problems::api`, `engagement::api`);
//! [`document`] lists them once and makes the OpenAPI 3.1 document from their
//! `#[utoipa::path]` attributes and types.

pub mod document;

use crate::{reference, reporting::ReportStatus, staff::roles::Role, triage};
use axum::{
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::{de::DeserializeOwned, Serialize};
use utoipa::{
    openapi::{
        schema::{ObjectBuilder, SchemaType, Type},
        Object,
    },
    ToSchema,
};

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

/// The roles an API key can have (held in one CSP: never a regional role).
pub fn role_schema() -> Object {
    one_of(Role::ALL.iter().filter(|r| !r.is_regional()).map(|r| r.as_str()))
}

/// The tension tags of an intelligence item, or null.
pub fn tension_schema() -> Object {
    one_of_or_null(triage::TENSION_TAGS)
}

/// A time in the API's format: `2026-11-30 14:05 UTC`, fixed (whatever the reader's language or
/// how pages show times), since programs read it.
pub fn api_time(at: crate::time::Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// A day in the API's format: `2026-11-30`.
pub fn api_day(at: crate::time::Timestamp) -> String {
    crate::time::iso_date(at)
}

/// The guard of the API's reads: what a key's role lets it read of one kind of record, given
/// the permission that shows all of its CSP's (`all`) and the one that shows partners their
/// share (`shared`). `Some(false)`: all of them; `Some(true)`: only what is shared with or
/// published to partners; `None`: none.
pub fn partner_only(
    key: &crate::staff::accounts::ApiPrincipal,
    all: crate::staff::Permission,
    shared: crate::staff::Permission,
) -> Option<bool> {
    use crate::staff::roles::role_allows;
    if role_allows(key.role, all) {
        Some(false)
    } else if role_allows(key.role, shared) {
        Some(true)
    } else {
        None
    }
}
