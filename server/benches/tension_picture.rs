//! The tension map page at scale (issue 15, part 4): a database filled by `cymuned generate`
//! (`CYMUNED_BENCH_REPORTS` reports, default 10,000: the map reads assessments, not reports),
//! every neighbourhood of the partnership with the most wards assessed three times and
//! a week of signals stored, then, through the whole HTTP stack and signed in as its manager,
//! `/staff/tension` (the map, its legend and table with each neighbourhood's latest signal) in
//! English and Welsh, the weekly summary and a neighbourhood's timeline. Target: the map page's
//! p50 under 100 ms on SQLite and PostgreSQL.
//! `cargo bench -p server --features app/ssr --bench tension_picture`; set
//! CYMUNED_BENCH_POSTGRES_URL (an empty database) to measure PostgreSQL as well.

mod common;

use app::{
    db::tension_signals::{store_run, NewSignal, WeekRun},
    tension::weeks,
};
use axum::{body::Body, Router};
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use tower::ServiceExt;

async fn time(app: &Router, path: &str, cookie: &str, runs: usize) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let req = Request::get(path).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
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
    let (settings, db, wards) = common::generated(url, reports).await;
    let (csp, slug): (i64, String) = sqlx::query_as(
        "SELECT c.id, c.slug FROM csps c JOIN neighbourhoods n ON n.csp_id = c.id JOIN wards w ON w.neighbourhood_id = n.id \
         GROUP BY c.id, c.slug ORDER BY COUNT(DISTINCT w.code) DESC, c.id LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    let neighbourhoods: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM neighbourhoods WHERE csp_id = $1 ORDER BY id")
            .bind(csp)
            .fetch_all(db.reader())
            .await
            .unwrap();
    let account = app::staff::accounts::NewAccount {
        email: "tension-bench@example.org",
        display_name: "Tension bench manager",
        password: app::staff::accounts::DEMO_PASSWORD,
        role: "csp_manager",
        csp_slug: &slug,
        organisation: None,
        language: app::i18n::Lang::En,
        is_demo: false,
    };
    app::staff::accounts::create_account(&db, account, "bench").await.unwrap();
    let manager: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'tension-bench@example.org'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let now = app::db::now();
    for (i, n) in neighbourhoods.iter().enumerate() {
        for version in 1..=3_i64 {
            sqlx::query(
                "INSERT INTO tension_assessments (neighbourhood_id, csp_id, version, level, narrative, owner, review_on, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(n)
            .bind(csp)
            .bind(version)
            .bind(((i as i64) + version) % 5)
            .bind("Leaflets and rumours after a vigil; community leaders are calming things.")
            .bind("Inspector Price")
            .bind(now + (i as i64 % 9 - 2) * 86_400)
            .bind(manager)
            .bind(now - (4 - version) * 7 * 86_400)
            .execute(db.writer())
            .await
            .unwrap();
        }
    }
    let signal = |centre: Option<i64>, four_weeks: bool| NewSignal {
        series: format!(
            "reports_hate:{}:{}",
            centre.map(|c| format!("cluster:{c}")).unwrap_or("partnership".into()),
            if four_weeks { "four_weeks" } else { "week" }
        ),
        counted: "reports_hate".into(),
        neighbourhood_id: centre,
        four_weeks,
        method: "farrington",
        history_weeks: 200,
        observed: 7,
        usual: 1.2,
        upper_bound: 4.0,
        p_value: 0.000_8,
        threshold: 0.001,
    };
    let mut signals = vec![signal(None, false)];
    signals.extend(neighbourhoods.iter().step_by(4).map(|n| signal(Some(*n), true)));
    let run = WeekRun {
        csp_id: csp,
        week_start: weeks::stored(weeks::last_complete_week(now)),
        tests: 200,
        budget: 1.0 / 52.0,
        signals,
    };
    store_run(&db, &run, now).await.unwrap();
    let wards_of_csp = wards.locations().filter(|l| l.csp_id == csp).count();
    println!("{label:<9} {slug}: {} neighbourhoods, {wards_of_csp} wards, all assessed (3 versions each), {} signals", neighbourhoods.len(), run.signals.len());
    let first: String = sqlx::query_scalar("SELECT public_slug FROM neighbourhoods WHERE id = $1")
        .bind(neighbourhoods[0])
        .fetch_one(db.reader())
        .await
        .unwrap();

    let app = common::router(settings, db, wards);
    let cookie = common::sign_in(&app, "tension-bench@example.org").await;
    for (what, path) in [
        ("tension map page, English", format!("/staff/tension?csp={slug}")),
        ("tension map page, Welsh", format!("/cy/staff/tension?csp={slug}")),
        ("weekly summary", format!("/staff/tension/summary?csp={slug}")),
        ("neighbourhood timeline", format!("/staff/tension/{first}")),
    ] {
        time(&app, &path, &cookie, 5).await; // warm the caches (and the projected outlines)
        let (p50, p99, size) = time(&app, &path, &cookie, 100).await;
        println!(
            "{label:<9} {what:<28} p50 {:>7.1} ms  p99 {:>7.1} ms  ({} KB)",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3,
            size / 1024
        );
    }
}

#[tokio::main]
async fn main() {
    let reports: usize =
        std::env::var("CYMUNED_BENCH_REPORTS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("cymuned-bench-tension-picture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/tension_picture.db", dir.display());
    measure("sqlite", &sqlite, reports).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        measure("postgres", &pg, reports).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
