//! Foundation benchmarks: `cargo bench -p server --bench foundation`.
//! Ward lookups against all 852 Welsh wards, building the ward index, and pages and API calls
//! served through the whole HTTP stack (in process, SQLite; set CYMUNED_BENCH_POSTGRES_URL to a
//! database URL to measure PostgreSQL too).

use app::{
    db::Db,
    reference::{locate::WardIndex, Coordinates},
    state::AppState,
};
use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use tower::ServiceExt;

/// A small xorshift generator: the same points on every run.
struct Points(u64);

impl Points {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A point in the bounding box of Wales (some fall in England or the sea).
    fn in_wales_box(&mut self) -> Coordinates {
        Coordinates { lat: 51.35 + self.next() * 2.1, lon: -5.35 + self.next() * 2.7 }
    }
}

fn report(name: &str, count: usize, elapsed: Duration) {
    let per = elapsed.as_secs_f64() / count as f64;
    println!("{name:<48} {count:>9} ops  {:>10.2} µs/op  {:>12.0} ops/s", per * 1e6, 1.0 / per);
}

async fn database(url: &str) -> Db {
    let db = Db::connect(url, 8).await.expect("connect");
    db.migrate().await.expect("migrate");
    app::reference::seed::seed_if_empty(&db).await.expect("seed");
    app::staff::accounts::ensure_demo_accounts(&db).await.expect("demo accounts");
    db
}

async fn http_bench(label: &str, db: Db, wards: Arc<WardIndex>, url: &str) {
    let settings = app::config::Settings {
        database_url: url.into(),
        environment: app::config::Environment::Demo,
        ..Default::default()
    };
    let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
    let state = AppState::new(options, db, settings, wards);
    let app = server::http::router(state);
    for (path, n) in [
        ("/", 300),
        ("/cy/partnerships", 200),
        ("/partnerships/cardiff", 200),
        ("/api/v1/csps", 500),
        ("/api/v1/locate?lat=51.4816&lon=-3.1791", 2000),
    ] {
        let mut bytes = 0;
        let started = Instant::now();
        for _ in 0..n {
            let res = app.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
            assert!(res.status().is_success(), "{path}: {}", res.status());
            bytes = res.into_body().collect().await.unwrap().to_bytes().len();
        }
        report(&format!("{label} GET {path} ({bytes} B)"), n, started.elapsed());
    }
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("cymuned-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/bench.db", dir.display());
    let started = Instant::now();
    let db = database(&url).await;
    report("sqlite: migrate + load Welsh reference data", 1, started.elapsed());

    let rows = app::db::reference::ward_shapes(&db).await.unwrap();
    let started = Instant::now();
    let index = Arc::new(WardIndex::build(rows).unwrap());
    report("build ward index (852 wards)", 1, started.elapsed());

    let mut points = Points(0x5eed_cafe_f00d);
    let sample: Vec<Coordinates> = (0..200_000).map(|_| points.in_wales_box()).collect();
    let started = Instant::now();
    let mut found = 0usize;
    for p in &sample {
        found += index.locate(*p).is_some() as usize;
    }
    report(&format!("ward lookup, random points ({found} inside Wales)"), sample.len(), started.elapsed());
    let cardiff = Coordinates { lat: 51.4816, lon: -3.1791 };
    let started = Instant::now();
    for _ in 0..200_000 {
        std::hint::black_box(index.locate(std::hint::black_box(cardiff)));
    }
    report("ward lookup, Cardiff city centre", 200_000, started.elapsed());

    http_bench("sqlite:", db.clone(), index.clone(), &url).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        let pg_db = database(&pg).await;
        http_bench("postgres:", pg_db, index.clone(), &pg).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
