//! Signals from the data (issue 15, part 3) on SQLite and PostgreSQL: a week's recompute counts
//! each partnership's hate reports and tension-tagged intelligence per local week, tests the
//! partnership and each neighbourhood's cluster against their own history under the
//! partnership's alarm budget, stores the run and what signalled, and says which signals are new.

mod common;

use app::{
    db::{self, Db},
    reporting::{generate::SyntheticReport, ReportStatus},
    tension::{recompute, weeks},
};
use chrono::{Duration, NaiveDate};
use common::engagement::{cardiff, scalar};

const HOUR: i64 = 3600;

/// The hate category of a partnership.
async fn hate_category(db: &Db, csp: i64) -> i64 {
    scalar(db, &format!("SELECT id FROM report_categories WHERE csp_id = {csp} AND family = 'hate' ORDER BY id LIMIT 1"))
        .await
}

/// A ward of the neighbourhood.
async fn ward_of(db: &Db, neighbourhood: i64) -> String {
    sqlx::query_scalar("SELECT code FROM wards WHERE neighbourhood_id = $1 ORDER BY code LIMIT 1")
        .bind(neighbourhood)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

/// `count` hate reports in the neighbourhood at noon on the Wednesday of the week of `monday`.
async fn hate_reports(db: &Db, csp: i64, neighbourhood: i64, monday: NaiveDate, count: usize) {
    let category_id = hate_category(db, csp).await;
    let ward_code = ward_of(db, neighbourhood).await;
    let at = weeks::starts_at(monday) + 2 * 24 * HOUR + 12 * HOUR;
    let reports: Vec<SyntheticReport> = (0..count)
        .map(|i| SyntheticReport {
            tracking_hash: format!("{}", uuid::Uuid::new_v4().simple()),
            csp_id: csp,
            category_id,
            ward_code: ward_code.clone(),
            neighbourhood_id: neighbourhood,
            point: None,
            location_text: "Test street".into(),
            ongoing: false,
            description: "Test report".into(),
            asb_qualifier: None,
            hate_strands: Some("race".into()),
            language: "en",
            sensitive: true,
            status: ReportStatus::Open,
            created_at: at + i as i64,
            acknowledged_at: None,
        })
        .collect();
    db::reporting::insert_synthetic(db, &reports).await.unwrap();
}

async fn prepared(db: &Db, url: &str) -> std::sync::Arc<app::reference::locate::WardIndex> {
    server::startup::prepare(&common::settings(url), db).await.unwrap()
}

both_backends!(a_planted_rise_signals_in_its_cluster_once_and_quiet_history_does_not, |db: Db, url: String| async move {
    let wards = prepared(&db, &url).await;
    let csp = cardiff(&db).await;
    let neighbourhoods = common::engagement::cardiff_neighbourhoods(&db).await;
    let centre = neighbourhoods[0];
    let tested = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();

    // Three years of history: one hate report every third week in the neighbourhood.
    for back in (3..156).step_by(3) {
        hate_reports(&db, csp, centre, tested - Duration::weeks(back), 1).await;
    }
    let quiet = recompute::recompute_week(&db, &wards, tested, db::now()).await.unwrap();
    assert!(quiet.new_signals.is_empty(), "a quiet week signals nothing: {:?}", quiet.new_signals);
    let run = db::tension_signals::run_of(&db, csp, weeks::stored(tested)).await.unwrap().expect("a run");
    // Only series with reports give a test: the partnership's and the clusters holding the
    // neighbourhood (its own and its Cardiff neighbours'), weekly and four-weekly.
    let bordering_here = wards.bordering()[&centre].iter().filter(|n| neighbourhoods.contains(n)).count() as i64;
    assert_eq!(run.tests, 2 * (2 + bordering_here), "tests shared the budget");

    // Nine in the tested week, and one in the week after (not counted in the tested week).
    hate_reports(&db, csp, centre, tested, 9).await;
    hate_reports(&db, csp, centre, tested + Duration::weeks(1), 1).await;
    let risen = recompute::recompute_week(&db, &wards, tested, db::now()).await.unwrap();
    assert!(!risen.new_signals.is_empty(), "nine hate reports against one every third week signal");
    for s in &risen.new_signals {
        assert_eq!(s.csp_id, csp);
        assert_eq!(s.week_start, weeks::stored(tested));
        assert_eq!(s.counted, "reports_hate");
        // The partnership's series, or a cluster that holds the neighbourhood.
        if let Some(n) = s.neighbourhood_id {
            assert!(n == centre || wards.bordering()[&n].contains(&centre), "cluster {n} does not hold {centre}");
        }
        assert!(s.p_value <= s.threshold, "{s:?}");
        // About a third a week, or four thirds in four weeks.
        assert!(s.usual < if s.four_weeks == 1 { 2.0 } else { 1.0 }, "{s:?}");
        if s.four_weeks == 0 {
            assert_eq!(s.observed, 9);
        }
    }
    assert!(risen.new_signals.iter().any(|s| s.neighbourhood_id == Some(centre) && s.four_weeks == 0));

    // Recomputing the same week finds the same signals, none of them new.
    let again = recompute::recompute_week(&db, &wards, tested, db::now()).await.unwrap();
    assert!(again.new_signals.is_empty());
    let stored = db::tension_signals::signals_of(&db, csp, weeks::stored(tested)).await.unwrap();
    assert_eq!(stored.len(), risen.new_signals.len());

    // Another partnership had no reports: no run, no signals.
    let other = scalar(&db, "SELECT id FROM csps WHERE slug = 'wrexham'").await;
    assert!(db::tension_signals::run_of(&db, other, weeks::stored(tested)).await.unwrap().is_none());
    assert!(db::tension_signals::signals_of(&db, other, 0).await.unwrap().is_empty());
});

both_backends!(a_recompute_is_due_once_a_day, |db: Db, url: String| async move {
    let wards = prepared(&db, &url).await;
    let csp = cardiff(&db).await;
    let centre = common::engagement::cardiff_neighbourhoods(&db).await[0];
    let now = weeks::starts_at(NaiveDate::from_ymd_opt(2026, 12, 9).unwrap());
    hate_reports(&db, csp, centre, NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(), 1).await;
    assert!(recompute::recompute_if_due(&db, &wards, now).await.unwrap().is_some());
    // An hour later (as the worker ticks) it is not due; a day later it is.
    assert!(recompute::recompute_if_due(&db, &wards, now + HOUR).await.unwrap().is_none());
    assert!(recompute::recompute_if_due(&db, &wards, now + 25 * HOUR).await.unwrap().is_some());
    // Every partnership with reports has the run; those without have none.
    let week = weeks::stored(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    assert!(db::tension_signals::run_of(&db, csp, week).await.unwrap().is_some());
});
