//! Engagement at scale: a Cardiff campaign whose published survey (ten questions of every kind:
//! single and multiple choice, ratings, a ranking, free text, a place) has N responses (default
//! 50,000; `CYMUNED_BENCH_RESPONSES`) spread over its neighbourhoods, channels, languages and
//! equality monitoring, generated through the data layer (`db::engagement::insert_response`,
//! 500 responses per transaction). Then, through the whole HTTP stack: the results page (every
//! question with its chart and table; unfiltered, by neighbourhood, by equality group) and the
//! reach view, signed in as the engagement lead; and residents answering at
//! `/have-your-say/{slug}` (two steps of questions, then equality monitoring, which stores the
//! response) one at a time, then at a fixed 50 responses per second (`CYMUNED_BENCH_RATE`) for
//! 20 seconds (`CYMUNED_BENCH_SECONDS`).
//! `cargo bench -p server --bench engagement`; set CYMUNED_BENCH_POSTGRES_URL (an empty
//! database) to measure PostgreSQL as well.

mod common;

use app::{
    db::{
        self,
        engagement::{EqualityRow, NewCampaign, NewResponse},
        Db,
    },
    engagement::{
        equality::{AgeBand, Disability, EthnicGroup, Religion, Sex, WelshLanguage},
        survey::{Answer, Answers, Choice, Question, QuestionKind, RatingLabels, Survey},
        Channel, ResponseChannel, ResponsePolicy, SurveyKind,
    },
    i18n::Lang,
    reference::Names,
    state::AppState,
};
use axum::{body::Body, Router};
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};
use tower::ServiceExt;

const DAY: i64 = 86_400;
/// Responses stored per transaction while generating.
const BATCH: usize = 500;
const SLUG: &str = "feeling-safe-bench";

fn question(key: &str, kind: QuestionKind, options: usize, max_choices: Option<u32>) -> Question {
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
        max_choices,
        rating_labels: (kind == QuestionKind::Rating).then(|| RatingLabels {
            low: Names::new("Very poor", "Gwael iawn"),
            high: Names::new("Very good", "Da iawn"),
        }),
        show_if: None,
    }
}

/// Ten questions: two steps of five on the residents' form.
fn survey() -> Survey {
    use QuestionKind::*;
    Survey {
        questions: vec![
            question("q1", SingleChoice, 4, None),
            question("q2", MultipleChoice, 6, None),
            question("q3", Rating, 0, None),
            question("q4", Ranking, 6, Some(3)),
            question("q5", FreeText, 0, None),
            question("q6", Place, 0, None),
            question("q7", SingleChoice, 3, None),
            question("q8", Rating, 0, None),
            question("q9", MultipleChoice, 5, Some(2)),
            question("q10", FreeText, 0, None),
        ],
    }
}

const WORDS: [&str; 14] = [
    "cars", "speeding", "lights", "park", "litter", "dref", "ceir", "ysgol", "noise", "drugs", "bins",
    "parcio", "benches", "sbwriel",
];

/// A small deterministic generator (no dependency for the benchmark).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn distinct(&mut self, n: usize, of: usize) -> Vec<usize> {
        let mut out = Vec::new();
        while out.len() < n {
            let x = self.below(of);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
    fn words(&mut self) -> String {
        (0..3 + self.below(5)).map(|_| self.pick(&WORDS)).collect::<Vec<_>>().join(" ")
    }
}

/// One generated answer sheet: every question answered but a few free texts.
fn answers(rng: &mut Rng, wards: &[(String, i64)]) -> Answers {
    let mut a = BTreeMap::new();
    let option = |i: usize| format!("o{i}");
    a.insert("q1".into(), Answer::Choice(option(rng.below(4))));
    let n = 1 + rng.below(3);
    a.insert("q2".into(), Answer::Choices(rng.distinct(n, 6).into_iter().map(option).collect()));
    a.insert("q3".into(), Answer::Rating(1 + rng.below(5) as u8));
    a.insert("q4".into(), Answer::Ranking(rng.distinct(3, 6).into_iter().map(option).collect()));
    if rng.chance(40) {
        a.insert("q5".into(), Answer::Text(rng.words()));
    }
    let (ward, neighbourhood_id) = wards[rng.below(wards.len())].clone();
    a.insert("q6".into(), Answer::Place { ward, neighbourhood_id });
    a.insert("q7".into(), Answer::Choice(option(rng.below(3))));
    a.insert("q8".into(), Answer::Rating(1 + rng.below(5) as u8));
    let n = 1 + rng.below(2);
    a.insert("q9".into(), Answer::Choices(rng.distinct(n, 5).into_iter().map(option).collect()));
    if rng.chance(25) {
        a.insert("q10".into(), Answer::Text(rng.words()));
    }
    Answers(a)
}

/// Equality monitoring as residents give it: most answer some of it, some skip it all.
fn equality(rng: &mut Rng) -> EqualityRow {
    if rng.chance(20) {
        return EqualityRow::default();
    }
    let mut some = |list: Vec<&'static str>| rng.chance(90).then(|| list[rng.below(list.len())].to_string());
    EqualityRow {
        age_band: some(AgeBand::ALL.iter().map(|x| x.as_str()).collect()),
        sex: some(Sex::ALL.iter().map(|x| x.as_str()).collect()),
        gender_identity: None,
        ethnic_group: some(EthnicGroup::ALL.iter().map(|x| x.as_str()).collect()),
        religion: some(Religion::ALL.iter().map(|x| x.as_str()).collect()),
        disability: some(Disability::ALL.iter().map(|x| x.as_str()).collect()),
        sexual_orientation: None,
        welsh_language: some(WelshLanguage::ALL.iter().map(|x| x.as_str()).collect()),
        postcode_district: some(vec!["CF10", "CF11", "CF14", "CF23", "CF24", "CF3", "CF5"]),
    }
}

struct Bench {
    app: Router,
    db: Db,
    campaign: i64,
    neighbourhood: i64,
    wards: Vec<(String, i64)>,
}

async fn setup(url: &str, responses: usize) -> Bench {
    let settings = app::config::Settings {
        database_url: url.into(),
        environment: app::config::Environment::Demo,
        // Residents all come from the benchmark's one address.
        reports_per_hour_per_address: u32::MAX,
        ..app::config::Settings::default()
    };
    let db = server::startup::open_database(&settings).await.expect("database");
    let ward_index = server::startup::prepare(&settings, &db).await.expect("prepare");
    let csp: i64 = sqlx::query_scalar("SELECT id FROM csps WHERE slug = 'cardiff'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let lead = db::staff::user_id_by_email(&db, "engagement-lead@demo.cymuned.cymru").await.unwrap().unwrap();
    let now = db::now();
    let campaign = db::engagement::create_campaign(
        &db,
        NewCampaign {
            csp_id: csp,
            slug: SLUG,
            title: &Names::new("Feeling safe in Cardiff", "Teimlo'n ddiogel yng Nghaerdydd"),
            purpose: &Names::new("Benchmark", "Mainc"),
            whole_csp: true,
            neighbourhoods: &[],
            channels: &[Channel::OnlineSurvey, Channel::StreetBriefing, Channel::DoorToDoor],
            starts_on: now - 30 * DAY,
            ends_on: now + 60 * DAY,
            owner_user_id: lead,
            // No per-device or per-address limit: every resident posts from the same client.
            response_policy: ResponsePolicy::Open,
            results_due_on: Some(now + 90 * DAY),
        },
    )
    .await
    .unwrap();
    sqlx::query("UPDATE campaigns SET status = 'open' WHERE id = $1")
        .bind(campaign)
        .execute(db.writer())
        .await
        .unwrap();
    let json = serde_json::to_string(&survey()).unwrap();
    assert!(survey().problems().is_empty(), "{:?}", survey().problems());
    let survey_id = db::engagement::create_survey(&db, campaign, SurveyKind::Custom, &json).await.unwrap();
    let version = db::engagement::publish_survey(&db, survey_id, &json, lead).await.unwrap();
    let wards: Vec<(String, i64)> = db::engagement::campaign_wards(&db, campaign)
        .await
        .unwrap()
        .into_iter()
        .map(|w| (w.code, w.neighbourhood_id))
        .collect();
    let neighbourhoods = {
        let mut n: Vec<i64> = wards.iter().map(|w| w.1).collect();
        n.sort();
        n.dedup();
        n
    };

    let started = Instant::now();
    let mut rng = Rng(42);
    let channels = [
        ResponseChannel::Online,
        ResponseChannel::Online,
        ResponseChannel::Online,
        ResponseChannel::Online,
        ResponseChannel::StreetBriefing,
        ResponseChannel::DoorToDoor,
        ResponseChannel::Paper,
        ResponseChannel::HaveASayDay,
    ];
    let mut answer_rows = 0;
    let mut done = 0;
    while done < responses {
        let mut tx = db.writer().begin().await.unwrap();
        for _ in done..(done + BATCH).min(responses) {
            let sheet = answers(&mut rng, &wards);
            let rows = sheet.rows();
            answer_rows += rows.len();
            let channel = rng.pick(&channels);
            let eq = equality(&mut rng);
            db::engagement::insert_response(
                &mut tx,
                &NewResponse {
                    campaign_id: campaign,
                    survey_version_id: version.id,
                    csp_id: csp,
                    neighbourhood_id: sheet.neighbourhood(),
                    channel,
                    language: if rng.chance(20) { Lang::Cy } else { Lang::En },
                    entered_by: (channel != ResponseChannel::Online).then_some(lead),
                    respondent_key: None,
                    duplicate_of: None,
                    answers: &rows,
                    equality: &eq,
                },
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        done = (done + BATCH).min(responses);
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{:<8} generated {responses} responses ({answer_rows} answer rows, {} neighbourhoods, {} wards) in {seconds:.1} s ({:.0} responses/s)",
        label(url),
        neighbourhoods.len(),
        wards.len(),
        responses as f64 / seconds
    );
    // As after any bulk load (and autovacuum soon after on PostgreSQL): the planner's statistics.
    let started = Instant::now();
    if url.starts_with("postgres") {
        sqlx::query("VACUUM (ANALYZE) survey_responses, survey_answers, survey_equality")
            .execute(db.writer())
            .await
            .unwrap();
    } else {
        sqlx::query("ANALYZE").execute(db.writer()).await.unwrap();
    }
    println!("{:<8} analyzed in {:.1} s", label(url), started.elapsed().as_secs_f64());
    // The neighbourhood with the most responses, for the filter.
    let neighbourhood: i64 = sqlx::query_scalar(
        "SELECT neighbourhood_id FROM survey_responses WHERE campaign_id = $1 GROUP BY neighbourhood_id ORDER BY COUNT(*) DESC LIMIT 1",
    )
    .bind(campaign)
    .fetch_one(db.reader())
    .await
    .unwrap();
    let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
    let app = server::http::router(AppState::new(options, db.clone(), settings, ward_index));
    Bench { app, db, campaign, neighbourhood, wards }
}

fn label(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

fn figures(sorted: &[Duration]) -> String {
    format!(
        "p50 {:>7.1} ms  p90 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
        percentile(sorted, 0.50),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99),
        percentile(sorted, 1.0)
    )
}

/// A staff page `runs` times (after one unmeasured request); none when the route is not on
/// this build.
async fn page(app: &Router, cookie: &str, path: &str, runs: usize) -> Option<(Vec<Duration>, usize)> {
    let get = || Request::get(path).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    let first = app.clone().oneshot(get()).await.unwrap();
    if first.status() == StatusCode::NOT_FOUND {
        return None;
    }
    assert_eq!(first.status(), StatusCode::OK, "{path}");
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let res = app.clone().oneshot(get()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        size = res.into_body().collect().await.unwrap().to_bytes().len();
        times.push(started.elapsed());
    }
    times.sort();
    Some((times, size))
}

async fn pages(label: &str, b: &Bench, runs: usize) {
    let cookie = common::sign_in(&b.app, "engagement-lead@demo.cymuned.cymru").await;
    let base = format!("/staff/engagement/{}", b.campaign);
    for (what, path) in [
        ("results (every question)", format!("{base}/results")),
        ("results by neighbourhood", format!("{base}/results?neighbourhood={}", b.neighbourhood)),
        ("results by equality group", format!("{base}/results?group=age_band:25_34")),
        ("results by channel", format!("{base}/results?channel=street_briefing")),
        ("reach view", format!("{base}/reach")),
    ] {
        match page(&b.app, &cookie, &path, runs).await {
            Some((times, size)) => {
                println!("{label:<8} {what:<28} x{runs}: {}  ({} KB)", figures(&times), size / 1024)
            }
            None => println!("{label:<8} {what:<28} not on this build ({path} is 404)"),
        }
    }
}

/// A step of the residents' form as posted; the redirect's address.
async fn post_step(app: &Router, body: String) -> (Duration, String) {
    let req = Request::post(format!("/have-your-say/{SLUG}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    let started = Instant::now();
    let res = app.clone().oneshot(req).await.unwrap();
    let location =
        res.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).unwrap_or_default().to_string();
    let status = res.status();
    let _ = res.into_body().collect().await;
    assert!(status.is_redirection(), "step refused: {status}");
    (started.elapsed(), location)
}

fn token(location: &str) -> String {
    location.split(['?', '&']).find_map(|p| p.strip_prefix("p=")).expect("a private token").to_string()
}

/// One resident's whole sequence: the first step (no token yet), the second, then equality
/// monitoring, which stores the response. (time of the last step, of the three)
async fn respond(app: &Router, i: usize, wards: &[(String, i64)]) -> (Duration, Duration) {
    let mut rng = Rng(1_000_003 + i as u64);
    let sheet = answers(&mut rng, wards);
    let fields = |keys: &[&str]| -> String {
        let mut out = Vec::new();
        for key in keys {
            match sheet.get(key) {
                Some(Answer::Choice(c)) => out.push(format!("q_{key}={c}")),
                Some(Answer::Choices(cs)) => out.extend(cs.iter().map(|c| format!("q_{key}={c}"))),
                Some(Answer::Ranking(cs)) => {
                    out.extend(cs.iter().enumerate().map(|(n, c)| format!("q_{key}_{}={c}", n + 1)))
                }
                Some(Answer::Rating(n)) => out.push(format!("q_{key}={n}")),
                Some(Answer::Text(t)) => out.push(format!("q_{key}={}", t.replace(' ', "+"))),
                Some(Answer::Place { ward, .. }) => out.push(format!("q_{key}={ward}")),
                None => {}
            }
        }
        out.join("&")
    };
    let started = Instant::now();
    let (_, to) =
        post_step(app, format!("lang=en&step=0&go=next&{}", fields(&["q1", "q2", "q3", "q4", "q5"]))).await;
    let p = token(&to);
    let (_, to) =
        post_step(app, format!("lang=en&p={p}&step=1&go=next&{}", fields(&["q6", "q7", "q8", "q9", "q10"])))
            .await;
    assert!(to.contains("step=2"), "not on to equality monitoring: {to}");
    let eq = format!(
        "eq_age_band={}&eq_sex={}&eq_ethnic_group={}&eq_welsh_language={}&eq_postcode_district=CF24+3AA",
        rng.pick(AgeBand::ALL).as_str(),
        rng.pick(Sex::ALL).as_str(),
        rng.pick(EthnicGroup::ALL).as_str(),
        rng.pick(WelshLanguage::ALL).as_str()
    );
    let (last, to) = post_step(app, format!("lang=en&p={p}&step=2&go=next&{eq}")).await;
    assert!(to.contains("/thanks"), "not stored: {to}");
    (last, started.elapsed())
}

async fn responding(label: &str, b: &Bench, rate: usize, seconds: u64) {
    let probe = b
        .app
        .clone()
        .oneshot(Request::get(format!("/have-your-say/{SLUG}")).body(Body::empty()).unwrap())
        .await
        .unwrap();
    if probe.status() == StatusCode::NOT_FOUND {
        println!("{label:<8} storing a response: not on this build (/have-your-say is 404)");
        return;
    }
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1")
        .bind(b.campaign)
        .fetch_one(b.db.reader())
        .await
        .unwrap();
    // Warm up (connections, prepared statements) without measuring.
    for i in 0..20 {
        respond(&b.app, i, &b.wards).await;
    }
    // One resident at a time: the time of the work itself, without waiting for others.
    let (mut last, mut whole) = (Vec::new(), Vec::new());
    for i in 0..200 {
        let (l, w) = respond(&b.app, 20 + i, &b.wards).await;
        last.push(l);
        whole.push(w);
    }
    last.sort();
    whole.sort();
    println!("{label:<8} one at a time, 200, the step storing the response: {}", figures(&last));
    println!("{label:<8} one at a time, 200, the whole sequence (3 posts): {}", figures(&whole));
    let count = rate * seconds as usize;
    let mut interval = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut handles = Vec::new();
    for i in 0..count {
        interval.tick().await;
        let (app, wards) = (b.app.clone(), b.wards.clone());
        handles.push(tokio::spawn(async move { respond(&app, 1_000 + i, &wards).await }));
    }
    let (mut last, mut whole) = (Vec::new(), Vec::new());
    for h in handles {
        let (l, w) = h.await.unwrap();
        last.push(l);
        whole.push(w);
    }
    last.sort();
    whole.sort();
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1")
        .bind(b.campaign)
        .fetch_one(b.db.reader())
        .await
        .unwrap();
    assert_eq!(after - before, count as i64 + 220, "every response stored");
    println!(
        "{label:<8} at {rate} responses/s for {count}, the step storing the response: {}",
        figures(&last)
    );
    println!(
        "{label:<8} at {rate} responses/s for {count}, the whole sequence (3 posts): {}",
        figures(&whole)
    );
}

async fn measure(url: &str, responses: usize, runs: usize, rate: usize, seconds: u64) {
    let b = setup(url, responses).await;
    let label = label(url);
    pages(label, &b, runs).await;
    responding(label, &b, rate, seconds).await;
    b.db.close().await;
}

#[tokio::main]
async fn main() {
    // Failures the hub logs (a 503 names its cause here); `CYMUNED_BENCH_LOG` for more (e.g.
    // `error,sqlx::query=debug`: every statement with its time, to count a step's statements).
    server::startup::init_logging(&app::config::Settings {
        log_filter: std::env::var("CYMUNED_BENCH_LOG").unwrap_or_else(|_| "error".into()),
        ..Default::default()
    });
    let number = |name: &str, default: usize| -> usize {
        std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default)
    };
    let responses = number("CYMUNED_BENCH_RESPONSES", 50_000);
    let runs = number("CYMUNED_BENCH_RUNS", 30);
    let rate = number("CYMUNED_BENCH_RATE", 50);
    let seconds = number("CYMUNED_BENCH_SECONDS", 20) as u64;
    let dir = std::env::temp_dir().join(format!("cymuned-bench-engagement-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/engagement.db", dir.display());
    measure(&sqlite, responses, runs, rate, seconds).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        measure(&pg, responses, runs, rate, seconds).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
