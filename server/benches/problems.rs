//! Problem solving at scale: a database filled by `cymuned generate` with N synthetic reports
//! (default 1,000,000; `CYMUNED_BENCH_REPORTS`), then, through the whole HTTP stack and signed in
//! as an analyst: opening a profile (its charts, map and computed assessment), the problems page
//! (which runs hotspot detection), the tasking agenda, and drafting a strategic assessment.
//! `cargo bench -p server --bench problems`; set CYMUNED_BENCH_POSTGRES_URL (an empty database)
//! to measure PostgreSQL as well.

mod common;

use app::db;
use axum::{body::Body, Router};
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use sqlx::Row as _;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const DAY: i64 = 86_400;

async fn setup(url: &str, reports: usize) -> (Router, String, String) {
    let (settings, db, wards) = common::generated(url, reports).await;
    // The partnership with the most reports (the analyst is given a role there), and a profile
    // over its busiest neighbourhood and its ASB categories, over the last year, whose response
    // started 120 days ago (so 91-day windows are over and computed).
    let busiest_csp = sqlx::query("SELECT r.csp_id, c.slug FROM reports r JOIN csps c ON c.id = r.csp_id GROUP BY r.csp_id, c.slug ORDER BY COUNT(*) DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (cardiff, slug): (i64, String) = (busiest_csp.try_get(0).unwrap(), busiest_csp.try_get(1).unwrap());
    let busiest: i64 = sqlx::query("SELECT neighbourhood_id FROM reports WHERE csp_id = $1 GROUP BY neighbourhood_id ORDER BY COUNT(*) DESC LIMIT 1")
        .bind(cardiff)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    let categories: Vec<i64> =
        sqlx::query("SELECT id FROM report_categories WHERE csp_id = $1 AND family = 'asb'")
            .bind(cardiff)
            .fetch_all(db.reader())
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get(0).unwrap())
            .collect();
    let analyst: i64 = sqlx::query("SELECT id FROM users WHERE email = 'analyst@demo.cymuned.cymru'")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    db::staff::grant_role(&db, analyst, cardiff, app::staff::Role::Analyst, None).await.unwrap();
    let now = db::now();
    let profile = db::problems::create(
        &db,
        db::problems::NewProfile {
            csp_id: cardiff,
            title: "ASB in the busiest neighbourhood",
            priority: app::problems::Priority::High,
            requester: "",
            aim: "",
            period_from: now - 364 * DAY,
            period_to: now,
            statement: "",
            neighbourhoods: &[busiest],
            categories: &categories,
            item_ids: &[],
            created_by: analyst,
        },
    )
    .await
    .unwrap();
    sqlx::query("UPDATE problem_profiles SET response_started_at = $1, window_days = 91, stage = 'assessment' WHERE reference = $2")
        .bind(now - 120 * DAY)
        .bind(&profile)
        .execute(db.writer())
        .await
        .unwrap();
    let in_scope: i64 =
        sqlx::query("SELECT COUNT(*) FROM reports WHERE neighbourhood_id = $1 AND created_at >= $2")
            .bind(busiest)
            .bind(now - 364 * DAY)
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
    let cardiff_year: i64 = sqlx::query("SELECT COUNT(*) FROM reports WHERE csp_id = $1")
        .bind(cardiff)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    println!("{url:.12}… {slug} has {cardiff_year} reports; the profile's neighbourhood {in_scope} in the last year");
    (common::router(settings, db, wards), profile, slug)
}

async fn time(
    app: &Router,
    cookie: &str,
    method: &str,
    path: &str,
    body: &str,
    runs: usize,
    expect: StatusCode,
) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let mut req = Request::builder().method(method).uri(path).header(header::COOKIE, cookie);
        if method == "POST" {
            req = req
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin");
        }
        let started = Instant::now();
        let res = app.clone().oneshot(req.body(Body::from(body.to_string())).unwrap()).await.unwrap();
        assert_eq!(res.status(), expect, "{path}");
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        times.push(started.elapsed());
        size = bytes.len();
    }
    times.sort();
    (times[times.len() / 2], times[(times.len() * 95 / 100).min(times.len() - 1)], size)
}

async fn measure(label: &str, url: &str, reports: usize) {
    let (app, profile, csp) = setup(url, reports).await;
    let cookie = common::sign_in(&app, "analyst@demo.cymuned.cymru").await;
    let (year, quarter) = app::problems::strategic::last_complete(db::now());
    let draft = format!("lang=en&csp={csp}&op=draft&year={year}&quarter={quarter}");
    for (what, method, path, body, expect) in [
        (
            "open a profile (charts, map, assessment)",
            "GET",
            format!("/staff/problems/{profile}"),
            String::new(),
            StatusCode::OK,
        ),
        (
            "problems page (hotspot detection)",
            "GET",
            format!("/staff/problems?csp={csp}"),
            String::new(),
            StatusCode::OK,
        ),
        ("tasking agenda", "GET", format!("/staff/tasking?csp={csp}"), String::new(), StatusCode::OK),
        (
            "draft a strategic assessment",
            "POST",
            "/staff/strategic-assessments".to_string(),
            draft,
            StatusCode::SEE_OTHER,
        ),
    ] {
        let (p50, p95, size) = time(&app, &cookie, method, &path, &body, 20, expect).await;
        println!(
            "{label:<9} {what:<42} p50 {:>7.1} ms  p95 {:>7.1} ms  ({} KB)",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            size / 1024
        );
    }
}

#[tokio::main]
async fn main() {
    let reports: usize =
        std::env::var("CYMUNED_BENCH_REPORTS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("cymuned-bench-problems-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/problems.db", dir.display());
    measure("sqlite", &sqlite, reports).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        measure("postgres", &pg, reports).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
