//! Sending requests to the hub in process, as browsers and API clients would.

use app::{db::Db, state::AppState};
use axum::{body::Body, Router};
use http::{header, Request, Response, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub async fn hub(db: Db, url: &str) -> Router {
    hub_with(db, super::settings(url)).await
}

pub async fn hub_with(db: Db, settings: app::config::Settings) -> Router {
    let wards = server::startup::prepare(&settings, &db).await.unwrap();
    let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
    let state = AppState::new(options, db, settings, wards);
    server::http::router(state)
}

pub async fn send(app: &Router, req: Request<Body>) -> (StatusCode, http::HeaderMap, String) {
    let what = format!("{} {}", req.method(), req.uri());
    let (status, headers, body) = send_once(app, req, &what).await;
    assert_ne!(status, StatusCode::REQUEST_TIMEOUT, "the hub took over 30 s to answer {what}");
    (status, headers, body)
}

pub async fn send_once(
    app: &Router,
    req: Request<Body>,
    what: &str,
) -> (StatusCode, http::HeaderMap, String) {
    // Each request runs as its own task, as hyper runs connections in the server.
    let task = tokio::spawn(app.clone().oneshot(req));
    let res: Response<Body> = tokio::time::timeout(std::time::Duration::from_secs(45), task)
        .await
        .unwrap_or_else(|_| panic!("no answer within 45 s to {what}"))
        .unwrap()
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).to_string();
    (status, headers, body)
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

/// A request as a signed-in person sends it (their session cookie), or as a visitor (`None`).
#[allow(dead_code)]
pub fn with_cookie(req: http::request::Builder, cookie: &Option<String>) -> http::request::Builder {
    match cookie {
        Some(c) => req.header(header::COOKIE, c),
        None => req,
    }
}

/// A page as that person gets it: (status, body).
#[allow(dead_code)]
pub async fn page(app: &Router, path: &str, cookie: &Option<String>) -> (StatusCode, String) {
    let (status, _, body) =
        send(app, with_cookie(Request::get(path), cookie).body(Body::empty()).unwrap()).await;
    (status, body)
}

pub fn get_with_cookie(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path).header(header::COOKIE, cookie).body(Body::empty()).unwrap()
}

/// A form post from one of the hub's own pages.
pub fn form(path: &str) -> http::request::Builder {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
}

pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

pub async fn sign_in(app: &Router, email: &str, password: &str) -> (StatusCode, http::HeaderMap) {
    let body = format!("email={email}&password={password}&lang=en&next=");
    let (status, headers, _) = send(app, form("/sign-in").body(Body::from(body.clone())).unwrap()).await;
    (status, headers)
}

/// The session cookie of a demo account, signed in.
#[allow(dead_code)] // not every test binary signs in
pub async fn cookie_for(app: &Router, email: &str) -> String {
    let (status, headers) = sign_in(app, email, app::staff::accounts::DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{email} signs in");
    session_cookie(&headers).unwrap()
}

pub fn session_cookie(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cymuned_session=") && !c.starts_with("cymuned_session=;"))
        .map(|c| c.split(';').next().unwrap().to_string())
}
