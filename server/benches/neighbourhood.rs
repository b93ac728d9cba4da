//! A neighbourhood's public page at scale (issue 14): a database filled by `cymuned generate`
//! and copies of its reports (`common::copies`) to N synthetic reports (default 1,000,000;
//! `CYMUNED_BENCH_REPORTS`), then, through the
//! whole HTTP stack and signed out, the page of the neighbourhood with the most reports (its
//! counts by category and month over 12 months, suppressed) in English and in Welsh, and of a
//! neighbourhood with few. The target: p50 under 50 ms on SQLite and PostgreSQL.
//! `cargo bench -p server --features app/ssr --bench neighbourhood`; set
//! CYMUNED_BENCH_POSTGRES_URL (an empty database) to measure PostgreSQL as well.

mod common;

use axum::{body::Body, Router};
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The app, and the public slugs of the busiest and the quietest neighbourhood.
async fn setup(url: &str, reports: usize) -> (Router, String, String) {
    let (settings, db, wards) = common::generated(url, reports.min(common::copies::BASE)).await;
    let started = Instant::now();
    let copied = common::copies::copy_reports(&db, reports).await;
    println!("{url:.12}… copied {copied} more reports in {:.1} s", started.elapsed().as_secs_f64());
    let by_count = |order: &'static str| {
        let db = db.clone();
        async move {
            let (slug, count): (String, i64) = sqlx::query_as(&format!(
                "SELECT n.public_slug, COUNT(r.id) AS reports FROM neighbourhoods n \
                 LEFT JOIN reports r ON r.neighbourhood_id = n.id GROUP BY n.id, n.public_slug \
                 ORDER BY COUNT(r.id) {order}, n.public_slug LIMIT 1"
            ))
            .fetch_one(db.reader())
            .await
            .unwrap();
            (slug, count)
        }
    };
    let (busiest, most) = by_count("DESC").await;
    let (quietest, fewest) = by_count("ASC").await;
    println!("{url:.12}… busiest neighbourhood {busiest} ({most} reports), quietest {quietest} ({fewest})");
    (common::router(settings, db, wards), busiest, quietest)
}

async fn time(app: &Router, path: &str, runs: usize) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let req = Request::get(path).body(Body::empty()).unwrap();
        let started = Instant::now();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        times.push(started.elapsed());
        size = bytes.len();
    }
    times.sort();
    (times[times.len() / 2], times[(times.len() * 99 / 100).min(times.len() - 1)], size)
}

async fn measure(label: &str, url: &str, reports: usize) {
    let (app, busiest, quietest) = setup(url, reports).await;
    for (what, path) in [
        ("busiest neighbourhood, English", format!("/neighbourhoods/{busiest}")),
        ("busiest neighbourhood, Welsh", format!("/cy/neighbourhoods/{busiest}")),
        ("quietest neighbourhood", format!("/neighbourhoods/{quietest}")),
    ] {
        time(&app, &path, 5).await; // warm the caches
        let (p50, p99, size) = time(&app, &path, 200).await;
        println!(
            "{label:<9} {what:<32} p50 {:>7.1} ms  p99 {:>7.1} ms  ({} KB)",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3,
            size / 1024
        );
    }
}

#[tokio::main]
async fn main() {
    let reports: usize =
        std::env::var("CYMUNED_BENCH_REPORTS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("cymuned-bench-neighbourhood-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/neighbourhood.db", dir.display());
    measure("sqlite", &sqlite, reports).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        measure("postgres", &pg, reports).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
