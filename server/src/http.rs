//! The HTTP stack: routes (pages, server functions, forms, API, health) and the layers every
//! request passes through (request id, tracing, body limit, security headers, CSRF, session).

use app::open311::handlers as open311;
use app::{
    i18n::Lang,
    reference::api,
    shell::problem::{page, Problem},
    shell::security,
    staff::{
        session::{self, CurrentUser},
        sign_in,
    },
    state::AppState,
    App,
};
use axum::{
    extract::{DefaultBodyLimit, Extension, Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
    routing::{any, get, post},
    Router,
};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use utoipa_axum::routes;

/// The app's routes, listed once per process. Listing them renders the app with every
/// resource suspended through a process-wide flag (leptos#4773): a page rendering at the same
/// moment would wait for ever. Listing once, before any router exists, rules that out.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// How long the report form (with its photos) may take to arrive and be answered.
pub const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

const REDACTED: &str = "[redacted]";
/// The path segment after one of these is a secret: tracking tokens (`/track/{token}`,
/// `/cy/track/{token}/reply`), Open311 tokens (`/open311/v2/tokens/{token}.json`), unsubscribe
/// links, subscription links (`/subscriptions/{token}`), stop links (`/stop-news/{token}`).
const SECRET_AFTER: [&str; 5] = ["track", "tokens", "unsubscribe", "subscriptions", "stop-news"];
/// Query parameters whose values are logged: none carries a secret or anything a person typed.
/// Every other value (`draft`, `kept`, `e`, `api_key`, `next`, searches, parameters added
/// later) is logged as `[redacted]`.
const LOGGED_PARAMS: [&str; 22] = [
    "lang",
    "page",
    "error",
    "new",
    "done",
    "signed_out",
    "replied",
    "reply_error",
    "area",
    "csp",
    "ward",
    "category",
    "version",
    "format",
    "from",
    "to",
    "year",
    "quarter",
    "geometry",
    "status",
    "jurisdiction_id",
    "service_code",
];

/// A request's path and query as they may be written to the log: the segment after `track`,
/// `tokens` or `unsubscribe`, any segment or value holding a run of 32 hex digits (every token
/// and key this hub issues), and the value of every query parameter not known to be harmless
/// are replaced by `[redacted]`.
pub fn redact_path(path: &str, query: Option<&str>) -> String {
    let mut out = String::with_capacity(path.len());
    let mut secret_next = false;
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if (secret_next && !segment.is_empty()) || looks_secret(segment) {
            out.push_str(REDACTED);
        } else {
            out.push_str(segment);
        }
        secret_next = SECRET_AFTER.iter().any(|s| segment.eq_ignore_ascii_case(s));
    }
    if let Some(query) = query.filter(|q| !q.is_empty()) {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let plain_key = key.len() <= 32
                    && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                    && !looks_secret(key);
                let key = if plain_key { key } else { REDACTED };
                if value.is_empty() || (LOGGED_PARAMS.contains(&key) && !looks_secret(value)) {
                    if pair.contains('=') {
                        format!("{key}={value}")
                    } else {
                        key.to_string()
                    }
                } else {
                    format!("{key}={REDACTED}")
                }
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

/// Holds a run of 32 or more hex digits.
fn looks_secret(text: &str) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_hexdigit() { run + 1 } else { 0 };
        run >= 32
    })
}

pub fn router(state: AppState) -> Router {
    router_with_upload_timeout(state, UPLOAD_TIMEOUT)
}

/// [`router`], with another limit on how long the report form may take (tests use a short one).
pub fn router_with_upload_timeout(state: AppState, upload_timeout: std::time::Duration) -> Router {
    let leptos_options = state.leptos_options.clone();
    let routes = route_list();
    let max_body = state.settings.max_body_bytes;
    let tls = state.settings.served_over_tls();

    let headers = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&security::policy(None, None)).expect("static policy"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("geolocation=(self), camera=(), microphone=()"),
        ))
        .into_inner();
    let hsts = tls.then(|| {
        SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        )
    });

    // The report form carries up to 3 photos of 10 MB; every other request stays small.
    let upload_limit =
        app::reporting::photos::MAX_PHOTOS * app::reporting::photos::MAX_PHOTO_BYTES + 256 * 1024;
    // Slow phones need longer than 30 s to send photos, but not for ever.
    let uploads = Router::new()
        .route("/report", post(app::reporting::submit::submit))
        .layer(DefaultBodyLimit::max(upload_limit))
        .layer(RequestBodyLimitLayer::new(upload_limit))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, upload_timeout));

    // The REST API and the health checks, with the OpenAPI document their handlers make.
    let (api_routes, api_doc) =
        app::api::document::router().routes(routes!(healthz)).routes(routes!(readyz)).split_for_parts();
    let api_routes = api_routes.layer(Extension(app::api::document::ApiDocument::new(&api_doc)));

    // Responding (issue 13): a CSV of keyed-in paper responses is larger than other forms.
    let paper_imports = Router::new()
        .route("/staff/engagement/{id}/import", post(app::engagement::entry_actions::import))
        .layer(DefaultBodyLimit::max(app::engagement::entry_actions::MAX_CSV_BYTES + 64 * 1024))
        .layer(RequestBodyLimitLayer::new(app::engagement::entry_actions::MAX_CSV_BYTES + 64 * 1024));

    let router = Router::new()
        .merge(api_routes)
        .route("/sign-in", post(sign_in::sign_in))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/language/{code}", get(sign_in::switch_language))
        .route("/staff/team/grant", post(app::staff::team::handlers::grant))
        .route("/staff/team/revoke", post(app::staff::team::handlers::revoke))
        .route("/staff/teams/create", post(app::staff::team::handlers::create_team))
        .route("/staff/teams/add", post(app::staff::team::handlers::add_member))
        .route("/staff/teams/remove", post(app::staff::team::handlers::remove_member))
        .route("/staff/teams", post(app::staff::team::handlers::teams))
        .route(
            "/staff/reports/{reference}/contact",
            get(app::triage::actions::contact_link).post(app::triage::actions::show_contact),
        )
        .route("/staff/reports/{reference}/acknowledge", post(app::triage::actions::acknowledge))
        .route("/staff/reports/{reference}/update", post(app::triage::actions::update))
        .route("/staff/reports/{reference}/grade", post(app::triage::actions::grade))
        .route("/staff/reports/{reference}/assign", post(app::triage::actions::assign))
        .route("/staff/reports/{reference}/ask", post(app::triage::actions::ask))
        .route("/staff/reports/{reference}/classify", post(app::triage::actions::classify))
        .route("/staff/reports/{reference}/link", post(app::triage::actions::link))
        .route("/staff/reports/{reference}/verify_contact", post(app::triage::actions::verify_contact))
        .route("/staff/reports/{reference}/{action}", post(app::triage::actions::unknown))
        .route("/track/{token}/reply", post(app::reporting::submit::reply))
        .route("/case-review", post(app::trigger::actions::apply))
        .route("/staff/case-reviews/{reference}", post(app::trigger::actions::decide))
        .route("/staff/settings", post(app::trigger::actions::settings))
        // Issue 14: the partnership's public contact on its neighbourhood pages.
        .route("/staff/settings/public-contact", post(app::neighbourhoods::actions::public_contact))
        .route("/staff/problems", post(app::problems::actions::open))
        .route("/staff/problems/{reference}/terms", post(app::problems::actions::terms))
        .route("/staff/problems/{reference}/scanning", post(app::problems::actions::scanning))
        .route("/staff/problems/{reference}/analysis", post(app::problems::actions::analysis))
        .route("/staff/problems/{reference}/link", post(app::problems::actions::link))
        .route("/staff/problems/{reference}/unlink", post(app::problems::actions::unlink))
        .route("/staff/problems/{reference}/add-action", post(app::problems::actions::add_action))
        .route("/staff/problems/{reference}/action", post(app::problems::actions::action))
        .route("/staff/problems/{reference}/assessment", post(app::problems::actions::assessment))
        .route("/staff/problems/{reference}/stage", post(app::problems::actions::stage))
        .route("/staff/problems/{reference}/share", post(app::problems::actions::share))
        .route("/staff/problems/{reference}/decide", post(app::problems::actions::decide))
        .route("/staff/problems/{reference}/{action}", post(app::problems::actions::unknown))
        .route("/staff/tasking", post(app::problems::tasking::save))
        .route("/staff/tasking/action", post(app::problems::tasking::add_action))
        .route("/staff/control-strategy/add", post(app::problems::tasking::add_priority))
        .route("/staff/control-strategy/remove", post(app::problems::tasking::remove_priority))
        .route("/staff/control-strategy/link", post(app::problems::tasking::link_profile))
        .route("/staff/control-strategy/unlink", post(app::problems::tasking::unlink_profile))
        .route("/staff/control-strategy", post(app::problems::tasking::change_strategy))
        .route("/staff/strategic-assessments", post(app::problems::strategic_pages::start))
        .route("/staff/strategic-assessments/save", post(app::problems::strategic_pages::save))
        // Engagement: campaigns, the partnership calendar and the survey builder.
        .route("/staff/engagement", post(app::engagement::campaign_pages::plan))
        .route("/staff/engagement/{id}/edit", post(app::engagement::campaign_pages::edit))
        .route("/staff/engagement/{id}/status", post(app::engagement::campaign_pages::status))
        .route("/staff/engagement/{id}/survey/start", post(app::engagement::builder_pages::start))
        .route(
            "/staff/engagement/{id}/survey/priorities-poll",
            post(app::engagement::builder_pages::priorities_poll),
        )
        .route("/staff/engagement/{id}/survey/add", post(app::engagement::builder_pages::add))
        .route("/staff/engagement/{id}/survey/question", post(app::engagement::builder_pages::question))
        .route("/staff/engagement/{id}/survey/option-add", post(app::engagement::builder_pages::option_add))
        .route(
            "/staff/engagement/{id}/survey/option-remove",
            post(app::engagement::builder_pages::option_remove),
        )
        .route("/staff/engagement/{id}/survey/move", post(app::engagement::builder_pages::move_question))
        .route("/staff/engagement/{id}/survey/remove", post(app::engagement::builder_pages::remove))
        .route("/staff/engagement/{id}/survey/dates", post(app::engagement::builder_pages::dates))
        .route("/staff/engagement/{id}/survey/publish", post(app::engagement::builder_pages::publish))
        // Engagement results, coding and the export (part: results).
        .route("/staff/engagement/{id}/results/publish", post(app::engagement::results_pages::publish))
        .route("/staff/engagement/{id}/coding/theme", post(app::engagement::coding_pages::add_theme))
        .route("/staff/engagement/{id}/coding/answer", post(app::engagement::coding_pages::code_answer))
        .route("/staff/engagement/{id}/export.csv", get(app::engagement::export::export))
        .route("/cy/staff/engagement/{id}/export.csv", get(app::engagement::export::export))
        // The Key Individual Network (issue 13, kin).
        .route("/staff/engagement/kin/add", post(app::engagement::kin_actions::add))
        .route("/staff/engagement/kin/send", post(app::engagement::kin_actions::send))
        .route("/staff/engagement/kin/remind", post(app::engagement::kin_actions::remind))
        .route("/staff/engagement/kin/{id}/edit", post(app::engagement::kin_actions::edit))
        .route(
            "/staff/engagement/kin/{id}/withdraw-consent",
            post(app::engagement::kin_actions::withdraw_consent),
        )
        .route("/staff/engagement/kin/{id}/remove", post(app::engagement::kin_actions::remove))
        // Issue 13 (intel): intelligence recorded from engagement, neighbourhood priorities.
        .route("/staff/intelligence/record", post(app::triage::record::record))
        // Tension monitoring (issue 15): trigger events and the tension rota.
        .route("/staff/tension/events", post(app::tension::events_actions::create))
        .route("/staff/tension/events/{id}/edit", post(app::tension::events_actions::edit))
        .route("/staff/tension/rota/add", post(app::tension::rota::add))
        .route("/staff/tension/rota/remove", post(app::tension::rota::remove))
        .route("/staff/engagement/priorities/set", post(app::engagement::priorities::pages::set))
        .route("/staff/engagement/priorities/link", post(app::engagement::priorities::pages::link))
        .route("/staff/engagement/priorities/review", post(app::engagement::priorities::pages::review))
        .route("/staff/engagement/priorities/edit", post(app::engagement::priorities::pages::edit))
        .route("/staff/engagement/priorities/remove", post(app::engagement::priorities::pages::remove))
        // Responding (issue 13): residents' survey steps, links by email, copies; staff entry.
        .route("/have-your-say/{slug}", post(app::engagement::respond_actions::answer))
        .route("/have-your-say/{slug}/email", post(app::engagement::respond_actions::ask_link))
        .route("/have-your-say/{slug}/copy", post(app::engagement::respond_actions::copy))
        .route("/staff/engagement/{id}/enter", post(app::engagement::entry_actions::enter))
        // Subscriptions (issue 14): subscribing, confirming, managing, one-click unsubscribe
        // (RFC 8058, also under /cy: the address in every email), and the Atom feeds.
        .route("/partnerships/{slug}/subscribe", post(app::subscriptions::actions::subscribe))
        .route("/subscriptions/{token}/confirm", post(app::subscriptions::actions::confirm))
        .route("/subscriptions/{token}/change", post(app::subscriptions::actions::change))
        .route("/subscriptions/{token}/stop", post(app::subscriptions::actions::stop))
        .route("/unsubscribe/{token}", post(app::subscriptions::actions::unsubscribe))
        .route("/cy/unsubscribe/{token}", post(app::subscriptions::actions::unsubscribe))
        .route("/stop-news/{token}", post(app::stop_news::actions::stop))
        .route("/cy/stop-news/{token}", post(app::stop_news::actions::stop))
        .route("/feeds/partnerships/{file}", get(app::subscriptions::feed::partnership))
        .route("/cy/feeds/partnerships/{file}", get(app::subscriptions::feed::partnership))
        .route("/feeds/neighbourhoods/{csp}/{file}", get(app::subscriptions::feed::neighbourhood))
        .route("/cy/feeds/neighbourhoods/{csp}/{file}", get(app::subscriptions::feed::neighbourhood))
        // "You said, we did" publications (issue 14): drafting, editing, publishing, correcting.
        .route("/staff/engagement/publications/new", post(app::publications::actions::new))
        .route("/staff/engagement/publications/{id}/edit", post(app::publications::actions::edit))
        .route("/staff/engagement/publications/{id}/publish", post(app::publications::actions::publish))
        .route("/staff/engagement/publications/{id}/correct", post(app::publications::actions::correct))
        .route("/staff/engagement/publications/{id}/quote", post(app::publications::actions::quote))
        .route("/staff/engagement/publications/{id}/withdraw", post(app::publications::actions::withdraw))
        // Tension assessments, de-escalation actions and levels (issue 15, part 1).
        .route("/staff/tension/levels", post(app::tension::assessments_actions::levels))
        .route("/staff/tension/{neighbourhood}/assess", post(app::tension::assessments_actions::assess))
        .route("/staff/tension/{neighbourhood}/actions", post(app::tension::assessments_actions::add_action))
        .route(
            "/staff/tension/{neighbourhood}/actions/{id}",
            post(app::tension::assessments_actions::update_action),
        )
        .route("/api/v1/{*rest}", any(api::not_found))
        .route("/open311/v2/{file}", get(open311::get_resource).post(open311::post_resource))
        .route("/open311/v2/{collection}/{file}", get(open311::get_item))
        .route("/open311/{*rest}", any(open311::not_found_route))
        .leptos_routes(&state, routes, {
            let options = leptos_options.clone();
            move || app::html_shell(options.clone())
        })
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestBodyLimitLayer::new(max_body))
        // No page waits for ever: after 30 s the client gets 408 and the server moves on.
        // (Not the report form: photos on a slow mobile connection take longer to arrive.)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            std::time::Duration::from_secs(30),
        ))
        .merge(uploads)
        .merge(paper_imports)
        .fallback(static_file)
        .layer(middleware::from_fn(require_staff))
        .layer(middleware::from_fn_with_state(state.clone(), session::load))
        .layer(middleware::from_fn_with_state(state.clone(), csrf_guard))
        .layer(middleware::from_fn_with_state(state.clone(), remember_language))
        .layer(middleware::from_fn(friendly_errors))
        .layer(middleware::from_fn(trailing_slash))
        .layer(headers)
        .layer(CatchPanicLayer::custom(|_| page(Lang::En, Problem::Internal)))
        // Residents are often on slow mobile connections: brotli or gzip when the browser accepts it.
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    // Paths and queries carry secrets (tracking tokens, drafts, keys): logged redacted.
                    let path = redact_path(req.uri().path(), req.uri().query());
                    tracing::info_span!("request", method = %req.method(), path = %path, request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    let router = match hsts {
        Some(layer) => router.layer(layer),
        None => router,
    };
    router.with_state(state)
}

/// Static files from the site folder (the built CSS, JS and wasm, Leaflet, icons), else the
/// 404 page. A release build stores each file compressed too (brotli 11 and gzip): the stored
/// `.br` or `.gz` is sent, with `Content-Encoding` and `Vary: Accept-Encoding`, to a browser
/// that accepts it. A file whose name changes with its contents is kept for a year.
async fn static_file(uri: axum::http::Uri, state: State<AppState>, req: Request) -> Response {
    let immutable = app::shell::assets::is_immutable(uri.path());
    let mut response =
        leptos_axum::file_and_error_handler::<AppState, _>(app::html_shell)(uri, state, req).await;
    if matches!(response.status(), StatusCode::OK | StatusCode::NOT_MODIFIED) {
        let headers = response.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if immutable {
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
        }
    }
    response
}

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "health",
    summary = "The process is up",
    operation_id = "healthz",
    responses((status = 200, description = "ok", content_type = "text/plain", body = String)),
)]
async fn healthz() -> &'static str {
    "ok"
}

#[utoipa::path(
    get,
    path = "/readyz",
    tag = "health",
    summary = "The database answers",
    operation_id = "readyz",
    responses(
        (status = 200, description = "ready", content_type = "text/plain", body = String),
        (status = 503, description = "database unreachable", content_type = "text/plain", body = String),
    ),
)]
async fn readyz(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
    }
}

/// The language to answer in when the request itself does not say: the path, else the cookie.
fn request_lang(req: &Request) -> Lang {
    let path = req.uri().path();
    if Lang::from_path(path) == Lang::Cy {
        return Lang::Cy;
    }
    session::cookie_value(req.headers(), session::LANG_COOKIE)
        .and_then(|c| Lang::parse(&c))
        .unwrap_or_default()
}

/// Cross-site request forgery: a state-changing request must come from this site's own pages.
/// Browsers say where a request came from (`Sec-Fetch-Site`, `Origin`); one from another site
/// is refused. Requests with neither header are allowed only without a session cookie (API
/// clients with a key, scripts): without the cookie there is no one to forge for.
async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let allowed = match (fetch_site, origin) {
        (Some(site), _) => site == "same-origin" || site == "none",
        (None, Some(origin)) => same_origin(origin, host, &state.settings.public_url),
        (None, None) => session::cookie_value(headers, session::SESSION_COOKIE).is_none(),
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(?fetch_site, ?origin, "refused a cross-site state-changing request");
        page(request_lang(&req), Problem::Forbidden)
    }
}

fn same_origin(origin: &str, host: &str, public_url: &str) -> bool {
    let origin = origin.trim_end_matches('/');
    origin == public_url.trim_end_matches('/')
        || origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host)
}

/// Staff pages need a signed-in member of staff; others are sent to sign in and come back.
async fn require_staff(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let english = Lang::english_path(&path);
    let is_staff = english == "/staff" || english.starts_with("/staff/");
    if !is_staff {
        return next.run(req).await;
    }
    let signed_in = req.extensions().get::<CurrentUser>().is_some_and(|u| u.0.is_some());
    if !signed_in {
        return app::staff::guard::sign_in(&path, req.uri().query());
    }
    let mut response = next.run(req).await;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A visitor who chose Welsh and comes back to the front page gets the Welsh front page.
async fn remember_language(State(_state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::GET && req.uri().path() == "/" && req.uri().query().is_none() {
        let chosen = session::cookie_value(req.headers(), session::LANG_COOKIE).and_then(|c| Lang::parse(&c));
        if chosen == Some(Lang::Cy) {
            return Redirect::to("/cy").into_response();
        }
    }
    next.run(req).await
}

/// `/partnerships/` is `/partnerships`: one address per page (and never `//host` off-site).
async fn trailing_slash(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.len() > 1 && path.ends_with('/') && matches!(*req.method(), Method::GET | Method::HEAD) {
        let trimmed = format!("/{}", path.trim_matches('/'));
        let target = match req.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed,
        };
        return Redirect::permanent(&target).into_response();
    }
    next.run(req).await
}

/// Replaces bare error statuses from the HTTP layer with a page in the visitor's language.
async fn friendly_errors(req: Request, next: Next) -> Response {
    let lang = request_lang(&req);
    let is_api = req.uri().path().starts_with("/api/");
    let is_open311 = req.uri().path().starts_with("/open311/");
    let response = next.run(req).await;
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        if is_open311 {
            return open311::too_large(lang);
        }
        if is_api {
            return api::json_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "the request body is larger than this hub accepts",
            );
        }
        return page(lang, Problem::TooLarge);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "3f9c2b7e8a1d4c6f0b5e9a2d7c4f1e8b6a3d0c9f2e5b8a1d4c7f0e3b6a9d2c5f";
    const CHECK: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    #[test]
    fn secrets_in_paths_and_queries_are_redacted() {
        let cases = [
            (format!("/track/{TOKEN}"), None, "/track/[redacted]".to_string()),
            (format!("/track/{TOKEN}"), Some(format!("e={CHECK}")), "/track/[redacted]?e=[redacted]".into()),
            (format!("/cy/track/{TOKEN}"), Some("new=1".into()), "/cy/track/[redacted]?new=1".into()),
            (format!("/track/{TOKEN}/reply"), None, "/track/[redacted]/reply".into()),
            (format!("/cy/track/{TOKEN}/reply"), None, "/cy/track/[redacted]/reply".into()),
            ("/track/short".into(), None, "/track/[redacted]".into()),
            ("/TRACK/short".into(), None, "/TRACK/[redacted]".into()),
            (
                "/report".into(),
                Some(format!("area=W06000015&draft={TOKEN}")),
                "/report?area=W06000015&draft=[redacted]".into(),
            ),
            (
                "/cy/report".into(),
                Some("area=W06000015&draft=abc".into()),
                "/cy/report?area=W06000015&draft=[redacted]".into(),
            ),
            (
                "/staff/tasking".into(),
                Some(format!("csp=cardiff&error=stale&kept={TOKEN}")),
                "/staff/tasking?csp=cardiff&error=stale&kept=[redacted]".into(),
            ),
            (format!("/open311/v2/tokens/{TOKEN}.json"), None, "/open311/v2/tokens/[redacted]".into()),
            (
                "/open311/v2/tokens/42.xml".into(),
                Some("jurisdiction_id=cymru.example".into()),
                "/open311/v2/tokens/[redacted]?jurisdiction_id=cymru.example".into(),
            ),
            (
                "/open311/v2/requests.json".into(),
                Some(format!("api_key=cym_ab12_{TOKEN}")),
                "/open311/v2/requests.json?api_key=[redacted]".into(),
            ),
            (
                "/open311/v2/requests.json".into(),
                Some("api_key=short".into()),
                "/open311/v2/requests.json?api_key=[redacted]".into(),
            ),
            ("/unsubscribe/abc".into(), None, "/unsubscribe/[redacted]".into()),
            ("/cy/stop-news/abc".into(), None, "/cy/stop-news/[redacted]".into()),
            ("/cy/subscriptions/abc/confirm".into(), None, "/cy/subscriptions/[redacted]/confirm".into()),
            (
                "/language/en".into(),
                Some(format!("next=/track/{TOKEN}%3Fe%3D{CHECK}")),
                "/language/en?next=[redacted]".into(),
            ),
            ("/report".into(), Some("place=Heol%20y%20Frenhines".into()), "/report?place=[redacted]".into()),
            (format!("/api/v1/anything/{TOKEN}"), None, "/api/v1/anything/[redacted]".into()),
            (format!("/x/k{TOKEN}"), Some(TOKEN.to_string()), "/x/[redacted]?[redacted]".into()),
            (
                "/staff/audit".into(),
                Some("page=2&csp=cardiff".into()),
                "/staff/audit?page=2&csp=cardiff".into(),
            ),
            ("/partnerships/cardiff".into(), None, "/partnerships/cardiff".into()),
            (
                "/staff/reports/CYM-26-000001/status".into(),
                None,
                "/staff/reports/CYM-26-000001/status".into(),
            ),
            ("/track".into(), None, "/track".into()),
            ("/".into(), Some(String::new()), "/".into()),
        ];
        for (path, query, expected) in cases {
            let logged = redact_path(&path, query.as_deref());
            assert_eq!(logged, expected, "{path} {query:?}");
            assert!(!logged.contains(TOKEN) && !logged.contains(CHECK));
        }
    }

    #[test]
    fn origins_are_compared_exactly() {
        assert!(same_origin("http://127.0.0.1:3000", "127.0.0.1:3000", "http://x"));
        assert!(same_origin("https://hub.example", "other", "https://hub.example/"));
        assert!(!same_origin("https://evil.example", "hub.example", "https://hub.example"));
        assert!(!same_origin("null", "hub.example", "https://hub.example"));
    }
}
