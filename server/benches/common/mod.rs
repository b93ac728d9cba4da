//! What the benchmarks share.

use axum::{body::Body, Router};
use http::{header, Request};
use tower::ServiceExt;

/// Signs a demo account in through the sign-in form: its session cookie.
pub async fn sign_in(app: &Router, email: &str) -> String {
    let body = format!("email={email}&password={}&lang=en&next=", app::staff::accounts::DEMO_PASSWORD);
    let req = Request::post("/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cymuned_session=") && !c.starts_with("cymuned_session=;"))
        .map(|c| c.split(';').next().unwrap().to_string())
        .expect("signed in")
}
