//! Report submissions through the whole HTTP stack (in process): the most a server takes with
//! 8 residents sending at once, and latency percentiles at a fixed 100 reports per second.
//! `cargo bench -p server --bench reporting`; set CYMUNED_BENCH_POSTGRES_URL (an empty
//! database) to measure PostgreSQL as well. Also prints the report page's transfer size, the
//! map data's size, and Open311: submissions from another app, and public listings.

use app::{db::Db, reference::locate::WardIndex, state::AppState};
use axum::{body::Body, Router};
use http::{header, Request};
use http_body_util::BodyExt;
use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use tower::ServiceExt;

async fn hub(url: &str) -> Router {
    hub_with_sync(url, None).await
}

/// `synchronous`: override the hub's SQLite setting (FULL) on the writer, to measure its cost.
async fn hub_with_sync(url: &str, synchronous: Option<&str>) -> Router {
    let db = Db::connect(url, 8).await.expect("connect");
    if let Some(level) = synchronous {
        sqlx::query(&format!("PRAGMA synchronous = {level}")).execute(db.writer()).await.expect("pragma");
    }
    db.migrate().await.expect("migrate");
    app::reference::seed::seed_if_empty(&db).await.expect("seed");
    app::reporting::categories::ensure_defaults(&db).await.expect("categories");
    let wards = Arc::new(WardIndex::build(app::db::reference::ward_shapes(&db).await.unwrap()).unwrap());
    // No per-address limit: every request comes from the same test client.
    let settings = app::config::Settings {
        database_url: url.into(),
        reports_per_hour_per_address: u32::MAX,
        environment: app::config::Environment::Demo,
        ..Default::default()
    };
    let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
    let state = AppState::new(options, db, settings, wards);
    server::http::router(state)
}

fn report(i: usize) -> Request<Body> {
    let body = format!(
        "lang=en&area=W06000015&category=litter&ward=W05000857&ongoing=on&description=Benchmark%20report%20number%20{i}\
         &anonymous=no&email=resident{i}%40example.cymru&consent=on"
    );
    Request::post("/report")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap()
}

async fn submit(app: &Router, i: usize) -> Duration {
    let started = Instant::now();
    let res = app.clone().oneshot(report(i)).await.unwrap();
    let location =
        res.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    assert!(location.starts_with("/track/"), "not stored: {location}");
    started.elapsed()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

async fn measure(label: &str, url: &str) -> Router {
    measure_with_sync(label, url, None).await
}

async fn measure_with_sync(label: &str, url: &str, synchronous: Option<&str>) -> Router {
    let app = hub_with_sync(url, synchronous).await;
    // Throughput: 8 concurrent submitters, 2,000 reports.
    let total = 2000;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..8 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            for i in (worker..total).step_by(8) {
                submit(&app, i).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{label:<10} throughput, 8 concurrent: {total} reports in {elapsed:.2} s = {:.0} reports/s",
        total as f64 / elapsed
    );

    // Latency at a fixed rate: 100 reports/s for 10 s.
    let rate = 100;
    let count = 1000;
    let mut interval = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut handles = Vec::new();
    for i in 0..count {
        interval.tick().await;
        let app = app.clone();
        handles.push(tokio::spawn(async move { submit(&app, 100_000 + i).await }));
    }
    let mut latencies = Vec::new();
    for h in handles {
        latencies.push(h.await.unwrap());
    }
    latencies.sort();
    println!(
        "{label:<10} at {rate} reports/s for {count}: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0)
    );
    app
}

async fn timed(app: &Router, req: Request<Body>) -> (Duration, usize) {
    let started = Instant::now();
    let res = app.clone().oneshot(req).await.unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let bytes = res.into_body().collect().await.unwrap().to_bytes().len();
    (started.elapsed(), bytes)
}

/// Open311 on a hub that already holds the 3,000 reports above.
async fn open311(label: &str, app: &Router, db_url: &str) {
    let db = Db::connect(db_url, 2).await.unwrap();
    let key = app::staff::accounts::create_api_key(&db, "cardiff", "officer", "bench", None).await.unwrap();
    let post = |i: usize| {
        Request::post("/open311/v2/requests.json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("api_key={key}&service_code=litter&lat=51.4943&long=-3.1812&description=Open311%20benchmark%20{i}")))
            .unwrap()
    };
    let total = 1000;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..8 {
        let app = app.clone();
        let requests: Vec<Request<Body>> = (worker..total).step_by(8).map(post).collect();
        tasks.push(tokio::spawn(async move {
            for req in requests {
                timed(&app, req).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{label:<10} Open311 POST requests, 8 concurrent: {total} in {elapsed:.2} s = {:.0}/s",
        total as f64 / elapsed
    );
    // A full page of the public listing (1,000 of the 4,000 reports), and single requests.
    let mut pages = Vec::new();
    let mut size = 0;
    for _ in 0..20 {
        let (t, bytes) =
            timed(app, Request::get("/open311/v2/requests.json").body(Body::empty()).unwrap()).await;
        pages.push(t);
        size = bytes;
    }
    pages.sort();
    println!(
        "{label:<10} Open311 GET requests.json (1,000 requests, {size} bytes): p50 {:.1} ms, max {:.1} ms",
        percentile(&pages, 0.5),
        percentile(&pages, 1.0)
    );
    // References are random: take 500 from the listing.
    let listing = app
        .clone()
        .oneshot(Request::get("/open311/v2/requests.json?page_size=500").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let listing: serde_json::Value =
        serde_json::from_slice(&listing.into_body().collect().await.unwrap().to_bytes()).unwrap();
    let references: Vec<String> = listing
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap().to_string())
        .collect();
    let mut singles = Vec::new();
    for reference in &references {
        let path = format!("/open311/v2/requests/{reference}.json");
        singles.push(timed(app, Request::get(path.as_str()).body(Body::empty()).unwrap()).await.0);
    }
    singles.sort();
    println!(
        "{label:<10} Open311 GET requests/{{id}}.json: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&singles, 0.5),
        percentile(&singles, 0.99)
    );
}

async fn page_size(url: &str) {
    let app = hub(url).await;
    for (path, encoding) in
        [("/report?area=W06000015", "identity"), ("/report?area=W06000015", "br"), ("/pkg/cymuned.css", "br")]
    {
        let res = app
            .clone()
            .oneshot(
                Request::get(path).header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap(),
            )
            .await
            .unwrap();
        let bytes = res.into_body().collect().await.unwrap().to_bytes().len();
        println!("transfer size of {path} ({encoding}): {bytes} bytes");
    }
    // The map's data for Cardiff (only fetched when JavaScript runs).
    let path = <app::reporting::map::AreaMap as leptos::server_fn::ServerFn>::PATH;
    for encoding in ["identity", "br"] {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT_ENCODING, encoding)
            .header("sec-fetch-site", "same-origin")
            .body(Body::from("area=W06000015&lang=en"))
            .unwrap();
        let (_, bytes) = timed(&app, req).await;
        println!("transfer size of Cardiff's ward outlines for the map ({encoding}): {bytes} bytes");
    }
}

#[tokio::main]
async fn main() {
    // Failures the hub logs (a 503 names its cause here).
    server::startup::init_logging(&app::config::Settings {
        log_filter: "error".into(),
        ..Default::default()
    });
    let dir = std::env::temp_dir().join(format!("cymuned-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/reports.db", dir.display());
    page_size(&sqlite).await;
    let app = measure("sqlite", &sqlite).await;
    open311("sqlite", &app, &sqlite).await;
    // The cost of durable acknowledgements: the same load with `synchronous = NORMAL` (what the
    // hub used before: a power cut could lose the last reports already acknowledged).
    let normal = format!("sqlite://{}/reports-normal.db", dir.display());
    let _ = measure_with_sync("sqlite-NORMAL", &normal, Some("NORMAL")).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        let app = measure("postgres", &pg).await;
        open311("postgres", &app, &pg).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
