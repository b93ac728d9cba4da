//! Publishing a "you said, we did" publication to many subscribers (issue 14): N confirmed
//! subscribers who hear of news as it happens (default 20,000; `CYMUNED_BENCH_SUBSCRIBERS`),
//! half following one Cardiff neighbourhood and half the whole partnership, half in Welsh. Through
//! the whole HTTP stack, signed in as the engagement lead: the draft is made, then the publish
//! request (the version published, the news stored and a delivery per subscriber recorded, in
//! one transaction) is timed. Then the public page's p50 and p99, idle and while the mail
//! worker's rounds (`app::mail::work_once`, as the real worker runs them) turn the deliveries
//! into emails, each with its own unsubscribe link, and send every one (to files). The targets:
//! the publish request under one second; pages no slower while it sends.
//! `cargo bench -p server --features app/ssr --bench publications`; set
//! CYMUNED_BENCH_POSTGRES_URL (an empty database) to measure PostgreSQL as well.

mod common;

use app::{config::Settings, db::Db, state::AppState};
use axum::{body::Body, Router};
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const DAY: i64 = 86_400;

async fn add_subscribers(db: &Db, neighbourhood: i64, n: usize) {
    let csp: i64 = sqlx::query_scalar("SELECT id FROM csps WHERE slug = 'cardiff'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let now = app::db::now();
    for start in (0..n).step_by(500) {
        let rows: Vec<String> = (start..(start + 500).min(n))
            .map(|i| {
                let area = if i % 2 == 0 { neighbourhood } else { 0 };
                let lang = if i % 4 < 2 { "cy" } else { "en" };
                format!("('bench{i}@example.cymru', {csp}, {area}, '{lang}', 'immediate', 'confirmed', {now}, {now})")
            })
            .collect();
        sqlx::query(&format!(
            "INSERT INTO subscriptions (email, csp_id, neighbourhood_id, language, frequency, status, created_at, confirmed_at) VALUES {}",
            rows.join(", ")
        ))
        .execute(db.writer())
        .await
        .unwrap();
    }
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let location =
        res.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).unwrap_or("").to_string();
    let _ = res.into_body().collect().await.unwrap();
    (status, location)
}

fn post(path: &str, cookie: &str, body: String) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

async fn time(app: &Router, path: &str, runs: usize) -> (Duration, Duration) {
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let res = app.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let _ = res.into_body().collect().await.unwrap();
        times.push(started.elapsed());
    }
    times.sort();
    (times[times.len() / 2], times[(times.len() * 99 / 100).min(times.len() - 1)])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

async fn measure(label: &str, url: &str, subscribers: usize, mail_dir: &std::path::Path) {
    let settings = Settings {
        database_url: url.into(),
        environment: app::config::Environment::Demo,
        mail_dir: mail_dir.display().to_string(),
        ..Settings::default()
    };
    let db = server::startup::open_database(&settings).await.expect("database");
    let wards = server::startup::prepare(&settings, &db).await.expect("prepare");
    let neighbourhood: i64 = sqlx::query_scalar(
        "SELECT n.id FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'cardiff' ORDER BY n.name_en LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    add_subscribers(&db, neighbourhood, subscribers).await;
    let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
    let app = server::http::router(AppState::new(options, db.clone(), settings.clone(), wards));
    let cookie = common::sign_in(&app, "engagement-lead@demo.cymuned.cymru").await;

    let (from, to) = (app::time::iso_date(app::db::now() - 90 * DAY), app::time::iso_date(app::db::now()));
    let (status, location) = send(
        &app,
        post(
            "/staff/engagement/publications/new",
            &cookie,
            format!("lang=en&csp=cardiff&area={neighbourhood}&from={from}&to={to}"),
        ),
    )
    .await;
    assert!(status == StatusCode::SEE_OTHER && location.contains("done=publication_drafted"), "{location}");
    let id: i64 =
        location.split("/publications/").nth(1).unwrap().split('?').next().unwrap().parse().unwrap();
    let version: i64 =
        sqlx::query_scalar("SELECT MAX(id) FROM publication_versions WHERE publication_id = $1")
            .bind(id)
            .fetch_one(db.reader())
            .await
            .unwrap();
    let started = Instant::now();
    let (_, location) = send(
        &app,
        post(
            &format!("/staff/engagement/publications/{id}/publish"),
            &cookie,
            format!("lang=en&csp=cardiff&version={version}"),
        ),
    )
    .await;
    let took = started.elapsed();
    assert!(location.contains("done=publication_published"), "{location}");
    let waiting = app::db::subscriptions::deliveries_waiting(&db).await.unwrap();
    println!(
        "{label:<9} publish to {subscribers} subscribers: {:.0} ms ({waiting} deliveries recorded)",
        ms(took)
    );

    let page = format!("/you-said-we-did/{id}");
    time(&app, &page, 5).await;
    let (p50, p99) = time(&app, &page, 200).await;
    println!("{label:<9} public page, idle:           p50 {:>6.1} ms  p99 {:>6.1} ms", ms(p50), ms(p99));
    // The mail worker's rounds turn the deliveries into emails and send them all (to files)
    // while the page is read.
    let mailer = app::mail::Mailer::from_settings(&settings).unwrap();
    let from: lettre::message::Mailbox = "Cymuned <hub@example.cymru>".parse().unwrap();
    let worker_db = db.clone();
    let public_url = settings.public_url.clone();
    let sending = tokio::spawn(async move {
        let started = Instant::now();
        while app::mail::work_once(&worker_db, &mailer, &from, &public_url).await > 0 {}
        started.elapsed()
    });
    let (p50, p99) = time(&app, &page, 200).await;
    println!("{label:<9} public page, while sending: p50 {:>6.1} ms  p99 {:>6.1} ms", ms(p50), ms(p99));
    let took = sending.await.unwrap();
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let left = app::db::subscriptions::deliveries_waiting(&db).await.unwrap();
    assert_eq!(left, 0, "every delivery turned into an email");
    println!("{label:<9} {sent} emails queued and sent in {:.1} s", took.as_secs_f64());
}

#[tokio::main]
async fn main() {
    let subscribers: usize =
        std::env::var("CYMUNED_BENCH_SUBSCRIBERS").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let dir = std::env::temp_dir().join(format!("cymuned-bench-publications-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("mail")).unwrap();
    std::fs::create_dir_all(dir.join("mail-pg")).unwrap();
    let sqlite = format!("sqlite://{}/publications.db", dir.display());
    measure("sqlite", &sqlite, subscribers, &dir.join("mail")).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        measure("postgres", &pg, subscribers, &dir.join("mail-pg")).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
