//! The intake queue at scale: a database filled by `cymuned generate` with N synthetic reports
//! (default 1,000,000; `CYMUNED_BENCH_REPORTS`), then the queue page an officer opens, through
//! the whole HTTP stack, signed in: the first page, and filtered pages. Then a manager changing
//! the Community Trigger threshold of the partnership with the most reports, which checks all
//! its open ASB and hate reports again in the same transaction.
//! `cargo bench -p server --bench triage`; set CYMUNED_BENCH_POSTGRES_URL (an empty database)
//! to measure PostgreSQL as well.

mod common;

use app::db;
use axum::{body::Body, Router};
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use sqlx::Row as _;
use std::time::{Duration, Instant};
use tower::ServiceExt;

async fn setup(url: &str, reports: usize) -> (Router, db::Db) {
    let (settings, db, wards) = common::generated(url, reports).await;
    (common::router(settings, db.clone(), wards), db)
}

async fn time_page(app: &Router, cookie: &str, path: &str) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..30 {
        let started = Instant::now();
        let res = app
            .clone()
            .oneshot(Request::get(path).header(header::COOKIE, cookie).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let body = res.into_body().collect().await.unwrap().to_bytes();
        times.push(started.elapsed());
        rows = String::from_utf8_lossy(&body).matches("/staff/reports/CYM-").count();
    }
    times.sort();
    (times[times.len() / 2], times[times.len() * 95 / 100], rows)
}

async fn measure(label: &str, url: &str, reports: usize) {
    let (app, db) = setup(url, reports).await;
    let cookie = common::sign_in(&app, "officer@demo.cymuned.cymru").await;
    for (what, path) in [
        ("first page (open, oldest first)", "/staff/intake"),
        ("page 20", "/staff/intake?page=20"),
        ("filtered: fly-tipping, highest risk first", "/staff/intake?category=fly-tipping&sort=risk"),
        ("filtered: overdue", "/staff/intake?status=overdue"),
        ("filtered: closed, sensitive", "/staff/intake?status=closed&sensitive=yes"),
        ("all statuses", "/staff/intake?status=all"),
    ] {
        let (p50, p95, rows) = time_page(&app, &cookie, path).await;
        println!(
            "{label:<9} {what:<45} p50 {:>6.1} ms  p95 {:>6.1} ms  ({rows} rows shown)",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3
        );
    }
    // New Community Trigger rules: every open ASB and hate report of the busiest CSP re-checked.
    let busiest = sqlx::query("SELECT csp_id, COUNT(*) FROM reports GROUP BY csp_id ORDER BY 2 DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (csp_id, count): (i64, i64) = (busiest.try_get(0).unwrap(), busiest.try_get(1).unwrap());
    let mut rules = db::trigger::rules(&db, csp_id).await.unwrap();
    let mut times = Vec::new();
    let mut changed = (0, 0);
    for threshold in [2, 3, 2, 3, 2, 3, 2, 3, 2, 3] {
        rules.reports = threshold;
        let started = Instant::now();
        changed = app::trigger::flags::save_settings(&db, csp_id, 2, &rules).await.unwrap();
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "{label:<9} {:<45} p50 {:>6.1} ms  max {:>6.1} ms  ({count} reports in the CSP; last change: {} flagged, {} cleared)",
        "trigger rules changed: open reports re-checked",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        changed.0,
        changed.1
    );
}

#[tokio::main]
async fn main() {
    let reports: usize =
        std::env::var("CYMUNED_BENCH_REPORTS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("cymuned-bench-triage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/queue.db", dir.display());
    measure("sqlite", &sqlite, reports).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        measure("postgres", &pg, reports).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
