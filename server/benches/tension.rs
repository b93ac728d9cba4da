//! Tension signals at scale (issue 15): a database filled by `cymuned generate` and copies of its
//! reports (`common::copies`) to N synthetic reports (default 1,000,000; `CYMUNED_BENCH_REPORTS`)
//! over about two years, then the recompute of a week's signals for every partnership (852
//! wards: each partnership and each neighbourhood's cluster, weekly and four-weekly, hate
//! reports and tension-tagged intelligence, and ASB where a partnership chose it). The target:
//! under 1 s on SQLite and PostgreSQL.
//! `cargo bench -p server --features app/ssr --bench tension`; set CYMUNED_BENCH_POSTGRES_URL (an
//! empty database) to measure PostgreSQL as well.

mod common;

use app::tension::{recompute, weeks};
use std::time::{Duration, Instant};

async fn measure(label: &str, url: &str, reports: usize) {
    let (_settings, db, wards) = common::generated(url, reports.min(common::copies::BASE)).await;
    let started = Instant::now();
    let copied = common::copies::copy_reports(&db, reports).await;
    println!("{url:.12}… copied {copied} more reports in {:.1} s", started.elapsed().as_secs_f64());
    // The copies span about a year and a half; every other report a year earlier makes two
    // years and more of history, so the weekly series get the improved Farrington method.
    sqlx::query(
        "UPDATE reports SET created_at = created_at - 31449600, \
         acknowledged_at = CASE WHEN acknowledged_at IS NULL THEN NULL ELSE acknowledged_at - 31449600 END \
         WHERE id % 2 = 0",
    )
    .execute(db.writer())
    .await
    .unwrap();
    let (first, last): (i64, i64) = sqlx::query_as("SELECT MIN(created_at), MAX(created_at) FROM reports")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let week = weeks::week_of(last);
    println!(
        "{label:<9} reports from {} to {} ({} weeks); testing the week of {week}",
        weeks::week_of(first),
        weeks::week_of(last),
        weeks::weeks_between(weeks::week_of(first), week) + 1
    );

    let started = Instant::now();
    let bordering = wards.bordering().len();
    println!(
        "{label:<9} bordering neighbourhoods worked out once: {bordering} in {:.0} ms",
        ms(started.elapsed())
    );

    for (what, families) in
        [("defaults (hate, tension intelligence)", ""), ("with ASB chosen everywhere", "asb")]
    {
        sqlx::query(
            "INSERT INTO csp_settings (csp_id, tension_families) SELECT id, $1 FROM csps WHERE true \
             ON CONFLICT (csp_id) DO UPDATE SET tension_families = $1",
        )
        .bind(families)
        .execute(db.writer())
        .await
        .unwrap();
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..7 {
            let started = Instant::now();
            let done = recompute::recompute_week(&db, &wards, week, app::db::now(), "http://127.0.0.1")
                .await
                .unwrap();
            times.push(started.elapsed());
            last = Some(done);
        }
        times.sort();
        let done = last.unwrap();
        println!(
            "{label:<9} recompute, {what:<38} p50 {:>7.0} ms  max {:>7.0} ms  ({} partnerships, {} tests)",
            ms(times[times.len() / 2]),
            ms(*times.last().unwrap()),
            done.partnerships,
            done.tests
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

#[tokio::main]
async fn main() {
    let reports: usize =
        std::env::var("CYMUNED_BENCH_REPORTS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("cymuned-bench-tension-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}/tension.db", dir.display());
    measure("sqlite", &sqlite, reports).await;
    if let Ok(pg) = std::env::var("CYMUNED_BENCH_POSTGRES_URL") {
        measure("postgres", &pg, reports).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
