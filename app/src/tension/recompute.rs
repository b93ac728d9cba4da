//! Recomputing a week's signals for every partnership (issue 15, part 3): count the week's and
//! its history's events per neighbourhood, build each partnership's series, test each series'
//! last week against its own history, share the partnership's alarm budget between its tests
//! and store the run with the tests that signalled. Run for the last whole week every day (the
//! counts move as reports are triaged), and on demand with `cymuned tension-signals`.

use super::{
    series::{self, Area, Counted, PartnershipSeriesPlan, WeeklyCounts},
    signals::{self, Method},
    weeks,
};
use crate::{
    db::{
        self,
        tension_signals::{HourCount, NewSignal, SignalRecord, WeekRun},
        Db, DbError,
    },
    reference::locate::WardIndex,
    time::Timestamp,
};
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// Weeks of history read: the most improved Farrington uses (five years back, three weeks
/// either side, and the week tested).
pub const HISTORY_WEEKS: usize = 52 * 5 + 4;

/// The expected number of false signals per partnership per week: one a year.
pub const ALARM_BUDGET: f64 = 1.0 / 52.0;

/// What a recompute did.
#[derive(Debug, Default)]
pub struct Recomputed {
    pub partnerships: usize,
    pub tests: usize,
    /// Signals not stored before this run (the ones to alert the rota about).
    pub new_signals: Vec<SignalRecord>,
}

/// Tests the week starting `week` (a Monday) for every partnership with reports, at `now`.
pub async fn recompute_week(
    db: &Db,
    wards: &WardIndex,
    week: NaiveDate,
    now: Timestamp,
) -> Result<Recomputed, DbError> {
    let first = week - Duration::weeks(HISTORY_WEEKS as i64 - 1);
    let since = weeks::starts_at(first);
    let histories = db::tension_signals::partnership_histories(db).await?;

    let mut plans = Vec::new();
    let mut families = BTreeSet::new();
    for h in &histories {
        let Some(first_report_at) = h.first_report_at else { continue };
        let counted = series::counted_for(h.tension_families.as_deref().unwrap_or(""));
        for c in &counted {
            if let Counted::Reports(f) = c {
                families.insert(*f);
            }
        }
        plans.push(PartnershipSeriesPlan {
            csp_id: h.csp_id,
            neighbourhoods: neighbourhoods_of(wards, h.csp_id),
            counted,
            history_from: weeks::week_of(first_report_at),
        });
    }

    let mut counts = WeeklyCounts::new(first, HISTORY_WEEKS);
    for family in families {
        let rows = db::tension_signals::report_counts(db, family.as_str(), since).await?;
        add_rows(&mut counts, Counted::Reports(family), &rows);
    }
    let rows = db::tension_signals::tension_intelligence_counts(db, since).await?;
    add_rows(&mut counts, Counted::TensionIntelligence, &rows);

    let week_start = weeks::stored(week);
    let mut done = Recomputed::default();
    for plan in &plans {
        let run = test_partnership(plan, &counts, week_start);
        done.partnerships += 1;
        done.tests += run.tests as usize;
        done.new_signals.extend(db::tension_signals::store_run(db, &run, now).await?);
    }
    Ok(done)
}

/// Tests the last whole week before `now`, for every partnership.
pub async fn recompute_last_week(db: &Db, wards: &WardIndex, now: Timestamp) -> Result<Recomputed, DbError> {
    recompute_week(db, wards, weeks::last_complete_week(now), now).await
}

fn add_rows(counts: &mut WeeklyCounts, counted: Counted, rows: &[HourCount]) {
    for r in rows {
        counts.add(r.neighbourhood_id, counted, weeks::week_of(r.hour * 3600), r.count.max(0) as u32);
    }
}

/// A partnership's neighbourhoods (those with wards) and their bordering neighbourhoods.
fn neighbourhoods_of(wards: &WardIndex, csp_id: i64) -> BTreeMap<i64, Vec<i64>> {
    let bordering = wards.bordering();
    wards
        .locations()
        .filter(|l| l.csp_id == csp_id)
        .map(|l| (l.neighbourhood_id, bordering.get(&l.neighbourhood_id).cloned().unwrap_or_default()))
        .collect()
}

/// Tests every series of a partnership and decides, under its alarm budget, which signal: a
/// plain function of the counts.
pub fn test_partnership(plan: &PartnershipSeriesPlan, counts: &WeeklyCounts, week_start: Timestamp) -> WeekRun {
    let tested: Vec<(series::Series, signals::WeekTest)> = series::series_of(plan, counts)
        .into_iter()
        .filter_map(|s| signals::test_last_week(&s.counts).map(|t| (s, t)))
        .collect();
    let total_weight: f64 = tested.iter().map(|(s, _)| s.weight()).sum();
    let inputs: Vec<(f64, bool, f64)> =
        tested.iter().map(|(s, t)| (t.p_value, t.enough_cases, s.weight() / total_weight)).collect();
    let (budget, signalled) = signals::apply_budget(&inputs, ALARM_BUDGET);
    let signals = tested
        .iter()
        .zip(&inputs)
        .zip(signalled)
        .filter(|(_, on)| *on)
        .map(|(((s, t), input), _)| NewSignal {
            series: s.key(),
            counted: s.counted.key(),
            neighbourhood_id: match s.area {
                Area::Partnership => None,
                Area::Cluster { centre } => Some(centre),
            },
            four_weeks: s.four_weeks,
            method: match t.method {
                Method::Farrington { .. } => "farrington",
                Method::EarsC2 { .. } => "ears_c2",
            },
            history_weeks: s.counts.len() as i64,
            observed: i64::from(t.observed),
            usual: t.usual,
            upper_bound: t.upper_bound,
            p_value: t.p_value,
            threshold: budget.threshold_for(input.2, 1.0),
        })
        .collect();
    WeekRun {
        csp_id: plan.csp_id,
        week_start,
        tests: budget.tests as i64,
        budget: ALARM_BUDGET,
        signals,
    }
}

/// Keeps the last whole week's signals current: at start and then every hour, recomputes it if
/// it has not been computed in the last day.
pub fn spawn_worker(db: Db, wards: std::sync::Arc<WardIndex>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let now = db::now();
            if let Err(e) = recompute_if_due(&db, &wards, now).await {
                tracing::warn!(error = %e, "tension signals were not recomputed");
            }
        }
    });
}

/// Recomputes the last whole week unless every partnership's run of it is less than a day old.
pub async fn recompute_if_due(db: &Db, wards: &WardIndex, now: Timestamp) -> Result<Option<Recomputed>, DbError> {
    let week = weeks::last_complete_week(now);
    let oldest = db::tension_signals::oldest_run_computed_at(db, weeks::stored(week)).await?;
    if oldest.is_some_and(|at| at > now - 86_400) {
        return Ok(None);
    }
    let done = recompute_week(db, wards, week, now).await?;
    tracing::info!(partnerships = done.partnerships, tests = done.tests, new = done.new_signals.len(), "tension signals recomputed");
    Ok(Some(done))
}
