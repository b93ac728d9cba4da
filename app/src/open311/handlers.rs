//! The Open311 endpoints. Each reads its parameters, asks the data layer, and answers in the
//! format the path ends with. Errors are Open311's `[{code, description}]`, in Welsh when the
//! client asks for it (`locale=cy` or `Accept-Language: cy`).

use super::{
    format::{error, errors, respond, Format},
    format_datetime, open_or_closed, parse_datetime, snap, statuses_for,
};
use crate::{
    db::{self, open311::PublicRequest, open311::RequestFilter},
    i18n::Lang,
    reference::{Coordinates, Location, Names},
    reporting::{validate, AsbQualifier, Family, FieldError, ReportForm, MAX_DESCRIPTION},
    staff::accounts,
    state::AppState,
    t,
};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::Response,
};
use serde_json::{json, Value};

/// Most requests in one answer, and the default.
pub const MAX_PAGE_SIZE: i64 = 1000;
/// Without dates, `GET requests` covers this many days.
pub const DEFAULT_DAYS: i64 = 90;

type Params = Vec<(String, String)>;

fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

/// The client's language: `locale` (`cy`, `cy_GB`, `cy-GB`), else `Accept-Language`.
fn language(params: &Params, headers: &HeaderMap) -> Lang {
    let welsh = |s: &str| s.trim().to_ascii_lowercase().starts_with("cy");
    match param(params, "locale") {
        Some(locale) => {
            if welsh(locale) {
                Lang::Cy
            } else {
                Lang::En
            }
        }
        None => {
            let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
            if accept.split(',').next().is_some_and(welsh) {
                Lang::Cy
            } else {
                Lang::En
            }
        }
    }
}

fn unavailable(format: Format, lang: Lang, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "open311 failure");
    error(format, StatusCode::SERVICE_UNAVAILABLE, crate::error::AppError::Unavailable.message(lang))
}

/// A body over the size limit.
pub fn too_large(lang: Lang) -> Response {
    error(Format::Json, StatusCode::PAYLOAD_TOO_LARGE, t!(lang, "open311-error-too-large"))
}

/// Anything else under `/open311/`.
pub async fn not_found_route(uri: axum::http::Uri, headers: HeaderMap) -> Response {
    let params: Params = uri.query().and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
    let format = uri.path().rsplit('/').next().and_then(Format::split).map(|f| f.1).unwrap_or(Format::Json);
    not_found(format, language(&params, &headers))
}

fn not_found(format: Format, lang: Lang) -> Response {
    error(format, StatusCode::NOT_FOUND, t!(lang, "open311-error-path"))
}

/// `GET /open311/v2/{discovery|services|requests|servicerequestupdates}.{json|xml}`
pub async fn get_resource(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let lang = language(&params, &headers);
    let Some((resource, format)) = Format::split(&file) else {
        return not_found(Format::Json, lang);
    };
    match resource {
        "discovery" => discovery(&state, format),
        "services" => services(&state, format, lang, &params).await,
        "requests" => requests(&state, format, lang, &params).await,
        "servicerequestupdates" => updates(&state, format, lang, &params).await,
        _ => not_found(format, lang),
    }
}

/// `GET /open311/v2/{services|requests|tokens}/{id}.{json|xml}`
pub async fn get_item(
    State(state): State<AppState>,
    Path((collection, file)): Path<(String, String)>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let lang = language(&params, &headers);
    let Some((id, format)) = Format::split(&file) else {
        return not_found(Format::Json, lang);
    };
    match collection.as_str() {
        "services" => service_definition(&state, format, lang, id).await,
        "requests" => request(&state, format, lang, id).await,
        "tokens" => token(&state, format, lang, id).await,
        _ => not_found(format, lang),
    }
}

fn discovery(state: &AppState, format: Format) -> Response {
    let url = format!("{}/open311/v2", state.settings.public_url.trim_end_matches('/'));
    let value = json!({
        "changeset": "2026-11-30T00:00:00Z",
        "contact": "Your Community Safety Partnership, through the hub's staff area.",
        "key_service": "API keys are issued by a hub administrator (cymuned api-key create). Reading needs no key.",
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": url,
            "changeset": "2026-11-30T00:00:00Z",
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }],
    });
    respond(format, StatusCode::OK, "discovery", value)
}

/// The CSP named by `jurisdiction_id` (a CSP slug), or by `lat`/`long`; `Ok(None)` for all.
async fn jurisdiction(
    state: &AppState,
    format: Format,
    lang: Lang,
    params: &Params,
) -> Result<Option<(i64, String)>, Response> {
    if let Some(slug) = param(params, "jurisdiction_id") {
        return match db::reference::csp_by_slug(&state.db, slug).await {
            Ok(Some(csp)) => Ok(Some((csp.id, csp.slug))),
            Ok(None) => Err(error(
                format,
                StatusCode::BAD_REQUEST,
                t!(lang, "open311-error-jurisdiction", id = slug.to_string()),
            )),
            Err(e) => Err(unavailable(format, lang, e)),
        };
    }
    if param(params, "lat").is_some() || param(params, "long").is_some() {
        let location = locate(state, lang, params)?;
        return Ok(Some((location.csp_id, location.csp_slug)));
    }
    Ok(None)
}

/// The ward at `lat`/`long`, with errors in Open311 form (the format is fixed by the caller).
/// The error is the response to send.
#[allow(clippy::result_large_err)]
fn locate(state: &AppState, lang: Lang, params: &Params) -> Result<Location, Response> {
    let bad = |message: String| error(Format::Json, StatusCode::BAD_REQUEST, message);
    let at = Coordinates::parse(param(params, "lat"), param(params, "long"))
        .map_err(|_| bad(t!(lang, "open311-error-location-invalid")))?;
    state.wards.locate(at).cloned().ok_or_else(|| bad(t!(lang, "open311-error-outside")))
}

/// Re-sends an error made for JSON in the format asked for.
async fn in_format(format: Format, response: Response) -> Response {
    if format == Format::Json {
        return response;
    }
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
    let list: Vec<Value> = serde_json::from_slice(&body).unwrap_or_default();
    let descriptions: Vec<String> =
        list.iter().filter_map(|e| e["description"].as_str().map(str::to_string)).collect();
    errors(format, status, &descriptions)
}

fn service_json(code: &str, family: Family, name: &Names, lang: Lang) -> Value {
    json!({
        "service_code": code,
        "service_name": name.get(lang),
        "description": name.get(lang),
        "metadata": family == Family::Asb,
        "type": "realtime",
        "keywords": family.as_str(),
        "group": family.as_str(),
    })
}

async fn services(state: &AppState, format: Format, lang: Lang, params: &Params) -> Response {
    let csp = match jurisdiction(state, format, lang, params).await {
        Ok(csp) => csp,
        Err(response) => return in_format(format, response).await,
    };
    match db::open311::services(&state.db, csp.map(|c| c.0)).await {
        Ok(list) => {
            let items: Vec<Value> =
                list.iter().map(|s| service_json(&s.code, s.family, &s.name, lang)).collect();
            respond(format, StatusCode::OK, "services", Value::Array(items))
        }
        Err(e) => unavailable(format, lang, e),
    }
}

/// The extra questions of a service (Open311 attributes): the ASB qualifier for ASB types.
fn attributes(family: Family, lang: Lang) -> Vec<Value> {
    if family != Family::Asb {
        return Vec::new();
    }
    let values: Vec<Value> = AsbQualifier::ALL
        .iter()
        .map(|&q| {
            let name = match q {
                AsbQualifier::Personal => t!(lang, "asb-personal"),
                AsbQualifier::Nuisance => t!(lang, "asb-nuisance"),
                AsbQualifier::Environmental => t!(lang, "asb-environmental"),
            };
            json!({ "key": q.as_str(), "name": name })
        })
        .collect();
    vec![json!({
        "variable": true,
        "code": "asb_qualifier",
        "datatype": "singlevaluelist",
        "required": false,
        "datatype_description": t!(lang, "report-asb-hint"),
        "order": 1,
        "description": t!(lang, "report-asb-legend"),
        "values": values,
    })]
}

async fn service_definition(state: &AppState, format: Format, lang: Lang, code: &str) -> Response {
    match db::open311::services(&state.db, None).await {
        Ok(list) => match list.iter().find(|s| s.code == code) {
            Some(service) => respond(
                format,
                StatusCode::OK,
                "service_definition",
                json!({ "service_code": service.code, "attributes": attributes(service.family, lang) }),
            ),
            None => error(
                format,
                StatusCode::NOT_FOUND,
                t!(lang, "open311-error-service-not-found", code = code.to_string()),
            ),
        },
        Err(e) => unavailable(format, lang, e),
    }
}

/// A report as every Open311 reader may see it (see the module's rules).
fn request_json(r: &PublicRequest, state: &AppState, lang: Lang) -> Value {
    let point = r.point.or_else(|| state.wards.inside_point(&r.ward_code));
    let (lat, long) = point.map(|(lat, lon)| snap(lat, lon)).unzip();
    json!({
        "service_request_id": r.reference,
        "status": open_or_closed(r.status),
        "status_notes": r.status_notes,
        "service_name": r.service_name.get(lang),
        "service_code": r.service_code,
        "agency_responsible": r.csp.get(lang),
        "service_notice": Value::Null,
        "requested_datetime": format_datetime(r.requested_at),
        "updated_datetime": format_datetime(r.updated_at),
        "expected_datetime": Value::Null,
        "address": format!("{}, {}", r.ward.get(lang), r.area.get(lang)),
        "address_id": Value::Null,
        "zipcode": Value::Null,
        "lat": lat,
        "long": long,
        "media_url": Value::Null,
    })
}

/// A date parameter as Unix seconds; `Err` names it.
fn date_param(params: &Params, name: &str, lang: Lang) -> Result<Option<i64>, String> {
    match param(params, name) {
        None => Ok(None),
        Some(text) => parse_datetime(text)
            .map(Some)
            .ok_or_else(|| t!(lang, "open311-error-date", name = name.to_string())),
    }
}

fn number_param(params: &Params, name: &str, default: i64, max: i64, lang: Lang) -> Result<i64, String> {
    match param(params, name) {
        None => Ok(default),
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| t!(lang, "open311-error-number", name = name.to_string(), max = max)),
    }
}

async fn requests(state: &AppState, format: Format, lang: Lang, params: &Params) -> Response {
    // Asked for by id: every other filter is ignored, as the specification says.
    if let Some(ids) = param(params, "service_request_id") {
        let ids: Vec<String> =
            ids.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        return match db::open311::public_requests_by_reference(&state.db, &ids).await {
            Ok(list) => respond(
                format,
                StatusCode::OK,
                "service_requests",
                list.iter().map(|r| request_json(r, state, lang)).collect(),
            ),
            Err(e) => unavailable(format, lang, e),
        };
    }
    let mut problems = Vec::new();
    let start = date_param(params, "start_date", lang).unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    let end = date_param(params, "end_date", lang).unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    let page = number_param(params, "page", 1, 1_000_000, lang).unwrap_or_else(|e| {
        problems.push(e);
        1
    });
    let page_size =
        number_param(params, "page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE, lang).unwrap_or_else(|e| {
            problems.push(e);
            MAX_PAGE_SIZE
        });
    let mut statuses = None;
    if let Some(list) = param(params, "status") {
        let mut all = Vec::new();
        for s in list.split(',').map(str::trim) {
            match statuses_for(s) {
                Some(found) => all.extend(found),
                None => problems.push(t!(lang, "open311-error-status", status = s.to_string())),
            }
        }
        statuses = Some(all);
    }
    let now = db::now();
    let (from, to) = match (start, end) {
        (None, None) => (now - DEFAULT_DAYS * 86_400, now),
        (Some(s), None) => (s, now),
        (None, Some(e)) => (e - DEFAULT_DAYS * 86_400, e),
        (Some(s), Some(e)) => (s, e),
    };
    if from > to {
        problems.push(t!(lang, "open311-error-date-order"));
    }
    let csp = match jurisdiction(
        state,
        format,
        lang,
        &params.iter().filter(|(k, _)| k == "jurisdiction_id").cloned().collect(),
    )
    .await
    {
        Ok(csp) => csp,
        Err(response) => return in_format(format, response).await,
    };
    if !problems.is_empty() {
        return errors(format, StatusCode::BAD_REQUEST, &problems);
    }
    let filter = RequestFilter {
        from,
        to,
        service_code: param(params, "service_code").map(str::to_string),
        statuses,
        jurisdiction: csp.map(|c| c.1),
        limit: page_size,
        offset: (page - 1) * page_size,
    };
    match db::open311::public_requests(&state.db, &filter).await {
        Ok(list) => respond(
            format,
            StatusCode::OK,
            "service_requests",
            list.iter().map(|r| request_json(r, state, lang)).collect(),
        ),
        Err(e) => unavailable(format, lang, e),
    }
}

async fn request(state: &AppState, format: Format, lang: Lang, id: &str) -> Response {
    match db::open311::public_requests_by_reference(&state.db, &[id.to_string()]).await {
        Ok(list) if !list.is_empty() => respond(
            format,
            StatusCode::OK,
            "service_requests",
            list.iter().map(|r| request_json(r, state, lang)).collect(),
        ),
        Ok(_) => error(
            format,
            StatusCode::NOT_FOUND,
            t!(lang, "open311-error-request-not-found", id = id.to_string()),
        ),
        Err(e) => unavailable(format, lang, e),
    }
}

async fn token(state: &AppState, format: Format, lang: Lang, token: &str) -> Response {
    match db::open311::reference_by_token(&state.db, token).await {
        Ok(Some(reference)) => respond(
            format,
            StatusCode::OK,
            "service_requests",
            json!([{ "service_request_id": reference, "token": token }]),
        ),
        Ok(None) => error(format, StatusCode::NOT_FOUND, t!(lang, "open311-error-token-not-found")),
        Err(e) => unavailable(format, lang, e),
    }
}

/// FixMyStreet's `servicerequestupdates`: public status changes between two times.
async fn updates(state: &AppState, format: Format, lang: Lang, params: &Params) -> Response {
    let mut problems = Vec::new();
    let start = date_param(params, "start_date", lang).unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    let end = date_param(params, "end_date", lang).unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    let now = db::now();
    let (from, to) = (start.unwrap_or(now - DEFAULT_DAYS * 86_400), end.unwrap_or(now));
    if from > to {
        problems.push(t!(lang, "open311-error-date-order"));
    }
    if !problems.is_empty() {
        return errors(format, StatusCode::BAD_REQUEST, &problems);
    }
    match db::open311::public_updates(&state.db, from, to, MAX_PAGE_SIZE).await {
        Ok(list) => {
            let items: Vec<Value> = list
                .iter()
                .map(|u| {
                    json!({
                        "update_id": u.id.to_string(),
                        "service_request_id": u.reference,
                        "status": super::fixmystreet_status(u.status),
                        "updated_datetime": format_datetime(u.at),
                        "description": u.message.clone().unwrap_or_default(),
                        "media_url": "",
                    })
                })
                .collect();
            respond(format, StatusCode::OK, "service_requests_updates", Value::Array(items))
        }
        Err(e) => unavailable(format, lang, e),
    }
}

/// The longest media link kept (a photo the other app hosts; never fetched by the hub).
const MAX_MEDIA_URL: usize = 500;

/// `POST /open311/v2/requests.{json|xml}` (a report from another app) and
/// `POST /open311/v2/servicerequestupdates.{json|xml}` (more about one): parameters
/// form-encoded, with the API key of an app allowed to submit reports.
pub async fn post_resource(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(mut params): Query<Params>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    // Parameters come form-encoded in the body (some clients put api_key in the query).
    match serde_urlencoded::from_bytes::<Params>(&body) {
        Ok(posted) => params.extend(posted),
        Err(_) => {
            let lang = language(&params, &headers);
            let format = Format::split(&file).map(|f| f.1).unwrap_or(Format::Json);
            return error(format, StatusCode::BAD_REQUEST, t!(lang, "open311-error-body"));
        }
    }
    let lang = language(&params, &headers);
    let (resource, format) = match Format::split(&file) {
        Some((resource @ ("requests" | "servicerequestupdates"), format)) => (resource, format),
        other => return not_found(other.map(|f| f.1).unwrap_or(Format::Json), lang),
    };
    let key = match param(&params, "api_key") {
        Some(key) => match accounts::authenticate_api_key(&state.db, key).await {
            Ok(Some(principal))
                if crate::staff::roles::role_allows(
                    principal.role,
                    crate::staff::Permission::SubmitReports,
                ) =>
            {
                principal
            }
            Ok(_) => return error(format, StatusCode::FORBIDDEN, t!(lang, "open311-error-api-key")),
            Err(e) => return unavailable(format, lang, e),
        },
        None => return error(format, StatusCode::FORBIDDEN, t!(lang, "open311-error-api-key")),
    };
    if resource == "servicerequestupdates" {
        return post_update(&state, format, lang, &params, &key).await;
    }
    post_request(&state, format, lang, params, &key).await
}

/// The longest update id of another app's that is kept.
const MAX_CLIENT_UPDATE_ID: usize = 100;

/// FixMyStreet's `POST servicerequestupdates`: what someone added, in another app, about a
/// report other apps can see. Kept with the report's history for staff only (it may name
/// people); the report's status stays the partnership's to change (a `status` sent is not
/// used), and the sender's name and contact details are not kept. Answers our id for the
/// update; the app's own `update_id`, when sent, makes a resend harmless.
async fn post_update(
    state: &AppState,
    format: Format,
    lang: Lang,
    params: &Params,
    key: &accounts::ApiPrincipal,
) -> Response {
    let Some(reference) = param(params, "service_request_id") else {
        return error(format, StatusCode::BAD_REQUEST, t!(lang, "open311-error-request-required"));
    };
    let mut problems = Vec::new();
    let description = param(params, "description").unwrap_or("");
    let max = crate::reporting::MAX_REPLY;
    if description.is_empty() || description.chars().count() > max {
        problems.push(t!(lang, "open311-error-update-description", max = max));
    }
    let client_id = param(params, "update_id");
    if client_id.is_some_and(|id| id.chars().count() > MAX_CLIENT_UPDATE_ID) {
        problems.push(t!(lang, "open311-error-parameter", name = "update_id"));
    }
    if let Some(e) = date_param(params, "updated_datetime", lang).err() {
        problems.push(e);
    }
    let media_url = param(params, "media_url");
    if media_url
        .is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://")) || u.len() > MAX_MEDIA_URL)
    {
        problems.push(t!(lang, "open311-error-media-url", max = MAX_MEDIA_URL));
    }
    if !problems.is_empty() {
        return errors(format, StatusCode::BAD_REQUEST, &problems);
    }
    // A photo the other app hosts goes with the text, as a link (the hub never fetches it).
    let text = match media_url {
        Some(url) => format!("{description}\n{url}"),
        None => description.to_string(),
    };
    match db::open311::add_update(&state.db, reference, key.key_id, key.csp_id, client_id, &text).await {
        Ok(db::open311::AddedUpdate::Kept(id)) => {
            tracing::info!(%reference, client = %key.name, "update received over Open311");
            respond(
                format,
                StatusCode::OK,
                "service_request_updates",
                json!([{ "update_id": id.to_string() }]),
            )
        }
        Ok(db::open311::AddedUpdate::NoSuchRequest) => error(
            format,
            StatusCode::NOT_FOUND,
            t!(lang, "open311-error-request-not-found", id = reference.to_string()),
        ),
        Ok(db::open311::AddedUpdate::IdUsedElsewhere) => {
            error(format, StatusCode::BAD_REQUEST, t!(lang, "open311-error-update-id-used"))
        }
        Err(e) => unavailable(format, lang, e),
    }
}

/// A report from another app, stored like one from the form (same checks, same routing, same
/// single transaction).
async fn post_request(
    state: &AppState,
    format: Format,
    lang: Lang,
    params: Params,
    key: &accounts::ApiPrincipal,
) -> Response {
    let Some(code) = param(&params, "service_code") else {
        return error(format, StatusCode::BAD_REQUEST, t!(lang, "open311-error-service-required"));
    };
    // Where: a point, else a ward named in the address.
    let location = if param(&params, "lat").is_some() || param(&params, "long").is_some() {
        match locate(state, lang, &params) {
            Ok(location) => location,
            Err(response) => return in_format(format, response).await,
        }
    } else if let Some(address) = param(&params, "address_string") {
        match ward_in_address(state, address).await {
            Ok(Some(location)) => location,
            Ok(None) => return error(format, StatusCode::BAD_REQUEST, t!(lang, "open311-error-address")),
            Err(e) => return unavailable(format, lang, e),
        }
    } else {
        return error(format, StatusCode::BAD_REQUEST, t!(lang, "open311-error-location-required"));
    };
    let categories = match db::reporting::categories(&state.db, location.csp_id).await {
        Ok(list) => list,
        Err(e) => return unavailable(format, lang, e),
    };
    match categories.iter().find(|c| c.code == code) {
        Some(c) if c.sensitive => {
            let form = format!("{}{}", state.settings.public_url.trim_end_matches('/'), lang.path("/report"));
            return error(format, StatusCode::BAD_REQUEST, t!(lang, "open311-error-sensitive", url = form));
        }
        Some(_) => {}
        None => {
            let csp = location.csp_name.get(lang).to_string();
            return error(
                format,
                StatusCode::BAD_REQUEST,
                t!(lang, "open311-error-service-code", code = code.to_string(), csp = csp),
            );
        }
    }
    let media_url = param(&params, "media_url");
    if media_url
        .is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://")) || u.len() > MAX_MEDIA_URL)
    {
        return error(
            format,
            StatusCode::BAD_REQUEST,
            t!(lang, "open311-error-media-url", max = MAX_MEDIA_URL),
        );
    }
    let name = [param(&params, "first_name"), param(&params, "last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let email = param(&params, "email").unwrap_or("").to_string();
    let phone = param(&params, "phone").unwrap_or("").to_string();
    let named = !email.is_empty() || !phone.is_empty();
    let form = ReportForm {
        lang: lang.code().into(),
        category: code.to_string(),
        location_text: param(&params, "address_string").unwrap_or("").to_string(),
        // Other apps send no time: the report is about now (UK local time, as residents type it).
        happened_at: crate::time::local_input_value(chrono::Utc::now().timestamp()),
        description: param(&params, "description").unwrap_or("").to_string(),
        asb_qualifier: param(&params, "attribute[asb_qualifier]").unwrap_or("").to_string(),
        anonymous: if named { "no" } else { "yes" }.into(),
        name,
        email,
        phone,
        contact_language: lang.code().into(),
        // The resident gave their details to the app, which tells them what happens; they never
        // agreed to email from the hub, so the hub sends none (see `reporting::EmailRule`).
        consent: String::new(),
        ..Default::default()
    };
    let now_local = (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M").to_string();
    let ward = location.ward.code.clone();
    let mut report = match validate(&form, &categories, std::slice::from_ref(&ward), Some(&ward), &now_local)
    {
        Ok(report) => report,
        Err(problems) => {
            let descriptions: Vec<String> = problems.iter().map(|p| field_problem(lang, p)).collect();
            return errors(format, StatusCode::BAD_REQUEST, &descriptions);
        }
    };
    report.point =
        Coordinates::parse(param(&params, "lat"), param(&params, "long")).ok().map(|c| (c.lat, c.lon));
    let token = accounts::random_token();
    let tracking = accounts::sha256_hex(&accounts::random_token());
    let origin = db::reporting::Origin::Open311 { api_key_id: key.key_id, token: &token, media_url };
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let new_reference = |crowded| crate::reporting::new_reference(year, crowded);
    match db::reporting::insert_report(
        &state.db,
        &report,
        &location,
        &tracking,
        &new_reference,
        None,
        &[],
        origin,
    )
    .await
    {
        Ok(reference) => {
            tracing::info!(%reference, csp = %location.csp_slug, client = %key.name, "report received over Open311");
            crate::reporting::submit::check_trigger(state, &reference).await;
            let notice = t!(lang, "open311-notice", csp = location.csp_name.get(lang).to_string());
            let value = json!([{ "service_request_id": reference, "token": token, "service_notice": notice, "account_id": Value::Null }]);
            respond(format, StatusCode::OK, "service_requests", value)
        }
        Err(e) => unavailable(format, lang, e),
    }
}

/// A form problem in Open311's terms (its parameter names).
fn field_problem(lang: Lang, problem: &FieldError) -> String {
    match (problem.field.as_str(), problem.problem.as_str()) {
        ("description", "too_short") => t!(lang, "open311-error-description-short"),
        ("description", _) => t!(lang, "open311-error-description-long", max = MAX_DESCRIPTION),
        ("location_text", _) => t!(lang, "open311-error-address-long"),
        ("name", _) => t!(lang, "open311-error-name-long"),
        ("email", _) => t!(lang, "open311-error-email"),
        ("phone", _) => t!(lang, "open311-error-phone"),
        ("asb_qualifier", _) => t!(lang, "open311-error-attribute", code = "asb_qualifier"),
        (field, _) => t!(lang, "open311-error-parameter", name = field.to_string()),
    }
}

/// The ward an address names ("12 Crwys Road, Cathays, Cardiff"), preferring the longest
/// ward name and one whose council is named too.
async fn ward_in_address(state: &AppState, address: &str) -> Result<Option<Location>, db::DbError> {
    let areas: Vec<(String, Names)> = db::reference::list_csps(&state.db)
        .await?
        .into_iter()
        .flat_map(|c| c.local_authorities.into_iter().map(|la| (la.code, la.name)))
        .collect();
    let wards = state
        .wards
        .locations()
        .map(|l| (l.ward.code.as_str(), &l.ward.name, l.local_authority_code.as_str()));
    Ok(crate::reporting::places::named_in(address, wards, &areas)
        .and_then(|code| state.wards.ward(&code).cloned()))
}
