//! The OpenAPI 3.1 document, generated from the handlers' `#[utoipa::path]` attributes and
//! their request and response types, and the router that lists every documented handler once
//! (served at `/api/v1/openapi.json`). It sits above the capabilities' API modules.

use crate::{problems, reference, state::AppState, triage};
use axum::{
    extract::Extension,
    http::header,
    response::{IntoResponse, Response},
};
use std::sync::Arc;
use utoipa::{
    openapi::security::{Http, HttpAuthScheme, SecurityScheme},
    Modify, OpenApi,
};
use utoipa_axum::{router::OpenApiRouter, routes};

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
        (name = "engagement", description = "Engagement campaigns' survey results, small numbers suppressed (API key)."),
        (name = "tension", description = "Community tension levels, assessments and signals per neighbourhood (API key)."),
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
        .routes(routes!(crate::engagement::api::results))
        .routes(routes!(crate::tension::api::list))
        .routes(routes!(crate::tension::api::one))
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
