//! Engagement results at scale: a campaign whose survey (eight questions: single and multiple
//! choice, two ratings, a ranking, free text, a place) has N responses (default 50,000;
//! `CYMUNED_BENCH_RESPONSES`), then, through the whole HTTP stack signed in as an analyst: the
//! results page (every question, charts and tables), the same filtered by neighbourhood and by
//! an equality group, the coding page and the CSV export.
//! `cargo bench -p server --bench engagement_results`; set CYMUNED_BENCH_POSTGRES_URL (an empty
//! database) to measure PostgreSQL as well.

mod common;

use app::{
    db::{self, engagement::NewCampaign, Db},
    engagement::{
        survey::{Choice, Question, QuestionKind, Survey},
        Channel, ResponsePolicy, SurveyKind,
    },
    reference::Names,
    state::AppState,
};
use axum::{body::Body, Router};
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use tower::ServiceExt;

fn question(key: &str, kind: QuestionKind, options: usize) -> Question {
    Question {
        key: key.into(),
        kind,
        text: Names::new(format!("Question {key}"), format!("Cwestiwn {key}")),
        help: Names::new("", ""),
        options: (0..options)
            .map(|i| Choice {
                key: format!("o{i}"),
                label: Names::new(format!("Option {i}"), format!("Dewis {i}")),
            })
            .collect(),
        required: false,
        max_choices: (kind == QuestionKind::Ranking).then_some(3),
        rating_labels: None,
        show_if: None,
    }
}

fn survey() -> Survey {
    Survey {
        questions: vec![
            question("q1", QuestionKind::SingleChoice, 4),
            question("q2", QuestionKind::MultipleChoice, 6),
            question("q3", QuestionKind::Rating, 0),
            question("q4", QuestionKind::Ranking, 6),
            question("q5", QuestionKind::FreeText, 0),
            question("q6", QuestionKind::Place, 0),
            question("q7", QuestionKind::SingleChoice, 3),
            question("q8", QuestionKind::Rating, 0),
        ],
    }
}

const WORDS: [&str; 12] = [
    "cars", "speeding", "lights", "park", "litter", "dref", "ceir", "ysgol", "noise", "drugs", "bins",
    "parcio",
];

/// Inserts many rows per statement (values are numbers and fixed words: nothing from outside).
async fn insert_all(db: &Db, head: &str, rows: &[String]) {
    for chunk in rows.chunks(1_000) {
        sqlx::query(&format!("{head} VALUES {}", chunk.join(", "))).execute(db.writer()).await.unwrap();
    }
}

async fn setup(url: &str, responses: usize) -> (Router, i64, i64) {
    let settings = app::config::Settings {
        database_url: url.into(),
        environment: app::config::Environment::Demo,
        ..app::config::Settings::default()
    };
    let db = server::startup::open_database(&settings).await.expect("database");
    let wards = server::startup::prepare(&settings, &db).await.expect("prepare");
    let csp: i64 = sqlx::query_scalar("SELECT id FROM csps WHERE slug = 'cardiff'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let neighbourhoods: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM neighbourhoods WHERE csp_id = $1 ORDER BY id")
            .bind(csp)
            .fetch_all(db.reader())
            .await
            .unwrap();
    let lead = db::staff::user_id_by_email(&db, "engagement-lead@demo.cymuned.cymru").await.unwrap().unwrap();
    let id = db::engagement::create_campaign(
        &db,
        NewCampaign {
            csp_id: csp,
            slug: "bench",
            title: &Names::new("Bench", "Mainc"),
            purpose: &Names::new("", ""),
            whole_csp: true,
            neighbourhoods: &[],
            channels: &[Channel::OnlineSurvey],
            starts_on: 1_800_000_000,
            ends_on: 1_802_000_000,
            owner_user_id: lead,
            response_policy: ResponsePolicy::Open,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let json = serde_json::to_string(&survey()).unwrap();
    let survey_id = db::engagement::create_survey(&db, id, SurveyKind::Custom, &json).await.unwrap();
    let version = db::engagement::publish_survey(&db, survey_id, &json, lead).await.unwrap();

    let started = Instant::now();
    let mut seed = 42u64;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM survey_responses")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (mut rows, mut answers, mut equality) = (Vec::new(), Vec::new(), Vec::new());
    let channels = ["online", "online", "online", "street_briefing", "paper", "door_to_door"];
    let ages = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", "prefer_not_to_say"];
    for i in 0..responses as i64 {
        let r = first + i;
        let n = neighbourhoods[next(neighbourhoods.len() as u64) as usize];
        let channel = channels[next(channels.len() as u64) as usize];
        rows.push(format!(
            "({r}, {id}, {}, {csp}, {n}, '{channel}', 'en', {})",
            version.id,
            1_800_000_000 + i * 60
        ));
        let a = |q: &str,
                 choice: Option<String>,
                 number: Option<u64>,
                 text: Option<String>,
                 place: Option<i64>| {
            let s = |v: Option<String>| v.map(|v| format!("'{v}'")).unwrap_or_else(|| "NULL".into());
            let num = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "NULL".into());
            format!(
                "({r}, {id}, '{q}', {}, {}, {}, {})",
                s(choice),
                num(number.map(|n| n as i64)),
                s(text),
                num(place)
            )
        };
        answers.push(a("q1", Some(format!("o{}", next(4))), None, None, None));
        for o in 0..6 {
            if next(3) == 0 {
                answers.push(a("q2", Some(format!("o{o}")), None, None, None));
            }
        }
        answers.push(a("q3", None, Some(1 + next(5)), None, None));
        let mut ranked: Vec<u64> = Vec::new();
        while ranked.len() < 3 {
            let o = next(6);
            if !ranked.contains(&o) {
                ranked.push(o);
            }
        }
        for (rank, o) in ranked.iter().enumerate() {
            answers.push(a("q4", Some(format!("o{o}")), Some(rank as u64 + 1), None, None));
        }
        if next(10) < 3 {
            let text = format!(
                "{} {} {}",
                WORDS[next(12) as usize],
                WORDS[next(12) as usize],
                WORDS[next(12) as usize]
            );
            answers.push(a("q5", None, None, Some(text), None));
        }
        answers.push(a("q6", None, None, Some("W05000000".into()), Some(n)));
        answers.push(a("q7", Some(format!("o{}", next(3))), None, None, None));
        answers.push(a("q8", None, Some(1 + next(5)), None, None));
        if next(10) < 6 {
            equality.push(format!("({r}, '{}')", ages[next(ages.len() as u64) as usize]));
        }
    }
    insert_all(
        &db,
        "INSERT INTO survey_responses (id, campaign_id, survey_version_id, csp_id, neighbourhood_id, channel, language, submitted_at)",
        &rows,
    )
    .await;
    insert_all(&db, "INSERT INTO survey_answers (response_id, campaign_id, question, choice, number, text, neighbourhood_id)", &answers).await;
    insert_all(&db, "INSERT INTO survey_equality (response_id, age_band)", &equality).await;
    db.analyze().await.unwrap();
    if url.starts_with("postgres") {
        // As autovacuum would soon after a load: statistics, and the visibility map for
        // index-only scans.
        sqlx::query("VACUUM (ANALYZE) survey_responses, survey_answers, survey_equality")
            .execute(db.writer())
            .await
            .unwrap();
    }
    println!(
        "{url:.12}… {responses} responses, {} answer rows, stored in {:.1} s",
        answers.len(),
        started.elapsed().as_secs_f64()
    );
    let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
    (server::http::router(AppState::new(options, db, settings, wards)), id, neighbourhoods[0])
}

async fn time(app: &Router, cookie: &str, path: &str, runs: usize) -> (Duration, Duration, usize) {
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
    (times[times.len() / 2], times[(times.len() * 95 / 100).min(times.len() - 1)], size)
}

async fn measure(label: &str, url: &str, responses: usize) {
    let (app, id, neighbourhood) = setup(url, responses).await;
    let cookie = common::sign_in(&app, "analyst@demo.cymuned.cymru").await;
    let base = format!("/staff/engagement/{id}");
    for (what, path, runs) in [
        ("results page (every question)", format!("{base}/results"), 20),
        ("results by neighbourhood", format!("{base}/results?neighbourhood={neighbourhood}"), 20),
        ("results by equality group", format!("{base}/results?group=age_band:25-34"), 20),
        ("coding page (suggestions, 25 answers)", format!("{base}/coding"), 10),
        ("CSV export", format!("{base}/export.csv"), 5),
    ] {
        let (p50, p95, size) = time(&app, &cookie, &path, runs).await;
        println!(
            "{label:<9} {what:<40} p50 {:>7.1} ms  p95 {:>7.1} ms  ({} KB)",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            size / 1024
        );
    }
}

#[tokio::main]
async fn main() {
    let responses: usize =
        std::env::var("CYMUNED_BENCH_RESPONSES").ok().and_then(|n| n.parse().ok()).unwrap_or(50_000);
    let dir = std::env::temp_dir().join(format!("cymuned-bench-results-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/results.db", dir.display());
    measure("sqlite", &sqlite, responses).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        measure("postgres", &pg, responses).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
