//! What the benchmarks share.

// Each bench uses its own part of this module.
#![allow(dead_code)]

pub mod copies;

use app::{config::Settings, db::Db, reference::locate::WardIndex, state::AppState};
use axum::{body::Body, Router};
use http::{header, Request};
use std::{sync::Arc, time::Instant};
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

/// The demo hub's settings over the database at `url`, migrated and seeded with the Welsh
/// reference data, then filled by `cymuned generate` with `reports` synthetic reports (seed
/// 2026; how long that took is printed): its settings, database and wards.
pub async fn generated(url: &str, reports: usize) -> (Settings, Db, Arc<WardIndex>) {
    let settings = Settings {
        database_url: url.into(),
        environment: app::config::Environment::Demo,
        ..Settings::default()
    };
    let db = server::startup::open_database(&settings).await.expect("database");
    let wards = server::startup::prepare(&settings, &db).await.expect("prepare");
    let started = Instant::now();
    server::startup::generate_reports(&db, &wards, reports, 2026, |_| {}).await.expect("generate");
    let seconds = started.elapsed().as_secs_f64();
    println!("{url:.12}… generated {reports} reports in {seconds:.1} s ({:.0}/s)", reports as f64 / seconds);
    (settings, db, wards)
}

/// The whole HTTP stack over that database.
pub fn router(settings: Settings, db: Db, wards: Arc<WardIndex>) -> Router {
    let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
    server::http::router(AppState::new(options, db, settings, wards))
}
