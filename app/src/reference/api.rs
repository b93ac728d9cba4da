//! Public reference API under `/api/v1`: CSPs, neighbourhoods, and locating a point.
//! Errors are JSON `{code, message}`.

pub use crate::api::{internal, json_error};
use crate::{
    api::{ApiError, ApiQuery, NamesJson},
    db,
    reference::{boundaries, Coordinates, Location},
    state::AppState,
};
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// A code and its names: a local authority or a ward.
#[derive(Serialize, ToSchema)]
#[schema(as = Coded)]
pub struct CodedJson {
    pub code: String,
    pub name: NamesJson,
}

/// A slug and its names: a police force or a CSP.
#[derive(Serialize, ToSchema)]
#[schema(as = Named)]
pub struct NamedJson {
    pub slug: String,
    pub name: NamesJson,
}

/// A Community Safety Partnership.
#[derive(Serialize, ToSchema)]
#[schema(as = Csp)]
pub struct CspJson {
    #[schema(examples("cardiff"))]
    pub slug: String,
    pub name: NamesJson,
    pub police_force: NamedJson,
    pub local_authorities: Vec<CodedJson>,
    pub neighbourhood_count: i64,
    pub ward_count: i64,
}

/// Every CSP of Wales.
#[derive(Serialize, ToSchema)]
pub struct CspList {
    pub csps: Vec<CspJson>,
}

/// `GET /api/v1/csps`
#[utoipa::path(
    get,
    path = "/api/v1/csps",
    tag = "reference",
    summary = "The Community Safety Partnerships of Wales",
    operation_id = "listCsps",
    responses(
        (status = 200, description = "Every CSP with its police force and local authorities.", body = CspList),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn csps(State(state): State<AppState>) -> Response {
    match db::reference::list_csps(&state.db).await {
        Ok(list) => {
            let csps = list
                .iter()
                .map(|c| CspJson {
                    slug: c.slug.clone(),
                    name: (&c.name).into(),
                    police_force: NamedJson {
                        slug: c.police_force.slug.clone(),
                        name: (&c.police_force.name).into(),
                    },
                    local_authorities: c
                        .local_authorities
                        .iter()
                        .map(|la| CodedJson { code: la.code.clone(), name: (&la.name).into() })
                        .collect(),
                    neighbourhood_count: c.neighbourhood_count,
                    ward_count: c.ward_count,
                })
                .collect();
            Json(CspList { csps }).into_response()
        }
        Err(e) => internal(e),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NeighbourhoodsQuery {
    /// CSP slug
    #[param(required = true)]
    pub csp: Option<String>,
    /// Include each neighbourhood's outline as GeoJSON
    #[param(value_type = Option<bool>, default = false)]
    pub geometry: Option<String>,
}

/// A neighbourhood of a CSP and its wards.
#[derive(Serialize, ToSchema)]
#[schema(as = Neighbourhood)]
pub struct NeighbourhoodJson {
    pub id: i64,
    pub slug: String,
    pub name: NamesJson,
    pub wards: Vec<CodedJson>,
    /// GeoJSON MultiPolygon (WGS84), only with geometry=true
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub geometry: Option<Value>,
}

/// A CSP's neighbourhoods.
#[derive(Serialize, ToSchema)]
pub struct NeighbourhoodList {
    pub csp: String,
    pub neighbourhoods: Vec<NeighbourhoodJson>,
}

/// `GET /api/v1/neighbourhoods?csp=&geometry=`
#[utoipa::path(
    get,
    path = "/api/v1/neighbourhoods",
    tag = "reference",
    summary = "A CSP's neighbourhoods and their wards",
    operation_id = "listNeighbourhoods",
    params(NeighbourhoodsQuery),
    responses(
        (status = 200, description = "The neighbourhoods.", body = NeighbourhoodList),
        (status = 400, description = "A parameter is missing or malformed; the message names it (code invalid_parameter).", body = ApiError),
        (status = 404, description = "No CSP has that slug (code not_found).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn neighbourhoods(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<NeighbourhoodsQuery>,
) -> Response {
    let Some(slug) = params.csp.as_deref().filter(|s| !s.is_empty()) else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "'csp' is required: a CSP slug from GET /api/v1/csps",
        );
    };
    let geometry = match params.geometry.as_deref() {
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
    let neighbourhoods = list
        .iter()
        .map(|n| NeighbourhoodJson {
            id: n.id,
            slug: n.slug.clone(),
            name: (&n.name).into(),
            wards: n
                .wards
                .iter()
                .map(|w| CodedJson { code: w.code.clone(), name: (&w.name).into() })
                .collect(),
            geometry: geometry.then(|| merged_geometry(shapes.get(&n.id).map(Vec::as_slice).unwrap_or(&[]))),
        })
        .collect();
    Json(NeighbourhoodList { csp: csp.slug, neighbourhoods }).into_response()
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

/// A neighbourhood as a point's place: its id, slug and names.
#[derive(Serialize, ToSchema)]
#[schema(as = PlaceNeighbourhood)]
pub struct PlaceNeighbourhoodJson {
    pub id: i64,
    pub slug: String,
    pub name: NamesJson,
}

/// Where a point falls: its ward, neighbourhood and the CSP responsible.
#[derive(Serialize, ToSchema)]
#[schema(as = Location)]
pub struct LocationJson {
    pub ward: CodedJson,
    pub local_authority_code: String,
    pub neighbourhood: PlaceNeighbourhoodJson,
    pub csp: NamedJson,
}

pub fn location_json(l: &Location) -> LocationJson {
    LocationJson {
        ward: CodedJson { code: l.ward.code.clone(), name: (&l.ward.name).into() },
        local_authority_code: l.local_authority_code.clone(),
        neighbourhood: PlaceNeighbourhoodJson {
            id: l.neighbourhood_id,
            slug: l.neighbourhood_slug.clone(),
            name: (&l.neighbourhood_name).into(),
        },
        csp: NamedJson { slug: l.csp_slug.clone(), name: (&l.csp_name).into() },
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocateQuery {
    /// Latitude (WGS84)
    #[param(required = true, value_type = f64, minimum = -90, maximum = 90)]
    pub lat: Option<String>,
    /// Longitude (WGS84)
    #[param(required = true, value_type = f64, minimum = -180, maximum = 180)]
    pub lon: Option<String>,
}

/// `GET /api/v1/locate?lat=&lon=`
#[utoipa::path(
    get,
    path = "/api/v1/locate",
    tag = "reference",
    summary = "The ward, neighbourhood and CSP containing a point",
    operation_id = "locate",
    params(LocateQuery),
    responses(
        (status = 200, description = "Where the point falls.", body = LocationJson),
        (status = 400, description = "A parameter is missing or malformed; the message names it (code invalid_parameter).", body = ApiError),
        (status = 404, description = "The point is outside the loaded ward boundaries (code outside_boundaries).", body = ApiError),
    ),
)]
pub async fn locate(State(state): State<AppState>, ApiQuery(params): ApiQuery<LocateQuery>) -> Response {
    let at = match Coordinates::parse(params.lat.as_deref(), params.lon.as_deref()) {
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
