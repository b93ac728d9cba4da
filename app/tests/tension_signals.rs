//! Tension signals (issue 15, part 3) against R's `surveillance` 1.20.3 (fixtures and their R
//! scripts in `tests/fixtures/surveillance/`; `run.sh` regenerates them), and over simulated
//! partnerships: false alarms per CSP-year under pure noise and detection of planted rises under
//! the alarm budget. `cargo test -p app --features ssr --test tension_signals -- --ignored
//! --nocapture` prints the README's table.
#![cfg(feature = "ssr")]

use app::tension::{ears, farrington, signals};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/surveillance/");

/// A CSV with a header, no commas inside fields; quotes stripped.
fn csv(name: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(format!("{DIR}{name}")).expect("fixture");
    let mut lines = text.lines();
    let header: Vec<String> =
        lines.next().unwrap().split(',').map(|h| h.trim_matches('"').to_string()).collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| header.iter().cloned().zip(l.split(',').map(|v| v.trim_matches('"').to_string())).collect())
        .collect()
}

fn num(row: &HashMap<String, String>, col: &str) -> Option<f64> {
    let v = &row[col];
    (v != "NA").then(|| v.parse().unwrap_or_else(|_| panic!("{col}: {v}")))
}

fn series() -> HashMap<String, Vec<u32>> {
    let mut out: HashMap<String, Vec<u32>> = HashMap::new();
    for row in csv("series.csv") {
        let s = out.entry(row["series"].clone()).or_default();
        assert_eq!(s.len() + 1, row["week"].parse::<usize>().unwrap(), "weeks in order");
        s.push(row["observed"].parse().unwrap());
    }
    out
}

fn rel(a: f64, b: f64) -> f64 {
    if a == b {
        0.0
    } else {
        (a - b).abs() / b.abs().max(1e-300)
    }
}

#[test]
fn farrington_matches_r_on_every_fixture_row() {
    let series = series();
    let rows = csv("farrington.csv");
    assert_eq!(rows.len(), 828);
    let (mut alarms, mut trends, mut worst) = (0, 0, 0.0_f64);
    for row in &rows {
        let what = format!("{} {} week {}", row["series"], row["config"], row["week"]);
        let y = &series[&row["series"]];
        let k: usize = row["week"].parse().unwrap();
        let mut cfg = farrington::Config::noufaily(row["b"].parse().unwrap());
        let muan = row["config"] == "noufaily_muan";
        if row["config"] == "noufaily_p05" {
            cfg.p_threshold_trend = 0.05;
        }
        let o = farrington::test_week(y, k, &cfg).unwrap_or_else(|| panic!("{what}: no result"));
        assert_eq!(o.observed as f64, num(row, "observed").unwrap(), "{what}");
        let (mu, upper, p, score, alarm) = if muan {
            (o.mu0_upper, o.upper_muan, o.p_muan, o.score_muan, o.alarm_muan())
        } else {
            (o.mu0, o.upper_plugin, o.p_plugin, o.score_plugin, o.alarm_plugin())
        };
        // `expected` is the plug-in mu0, NA without enough cases; `mu0` is R's mu0Vector.
        match num(row, "expected") {
            Some(e) => {
                assert!(o.enough, "{what}: enough cases");
                assert!(rel(o.mu0, e) < 1e-9, "{what}: expected {} vs R {e}", o.mu0);
            }
            None => assert!(!o.enough, "{what}: R says not enough cases"),
        }
        let checks = [
            ("mu0", mu, num(row, "mu0").unwrap()),
            ("phi", o.phi, num(row, "phi").unwrap()),
            ("pvalue", p, num(row, "pvalue").unwrap()),
        ];
        for (name, ours, r) in checks {
            worst = worst.max(rel(ours, r));
            assert!(rel(ours, r) < 1e-9, "{what}: {name} {ours} vs R {r}");
        }
        assert!((score - num(row, "score").unwrap()).abs() < 1e-8, "{what}: score {score}");
        assert_eq!(o.trend.is_some(), row["trend"] == "1", "{what}: trend decision");
        if let (Some(ours), Some(r)) = (o.trend, num(row, "trend_coef")) {
            assert!((ours - r).abs() < 1e-11 + 1e-7 * r.abs(), "{what}: trend coefficient {ours} vs R {r}");
        }
        match num(row, "upperbound") {
            Some(u) => assert_eq!(upper as f64, u, "{what}: upper bound"),
            None => assert!(!o.enough, "{what}: R gives no bound"),
        }
        assert_eq!(alarm, row["alarm"] == "1", "{what}: alarm");
        alarms += usize::from(alarm);
        trends += usize::from(o.trend.is_some());
    }
    // The fixtures exercise alarms and both trend decisions.
    assert!(alarms > 0 && trends > 0 && trends < rows.len(), "alarms {alarms}, trends {trends}");
    assert!(worst < 1e-9, "worst relative difference {worst:e}");
}

#[test]
fn farrington_glm_fits_match_r_row_by_row() {
    let series = series();
    let rows = csv("farrington_glm_detail.csv");
    let mut keys: Vec<(String, usize)> =
        rows.iter().map(|r| (r["series"].clone(), r["k"].parse().unwrap())).collect();
    keys.dedup();
    assert_eq!(keys.len(), 2);
    for (name, k) in keys {
        let r: Vec<_> =
            rows.iter().filter(|r| r["series"] == name && r["k"].parse::<usize>().unwrap() == k).collect();
        let d = farrington::glm_detail(&series[&name], k, &farrington::Config::noufaily(5)).expect("fit");
        assert_eq!(d.weeks.len(), r.len(), "{name} {k}: baseline rows");
        assert_eq!(
            d.iterations,
            (num(r[0], "iter1").unwrap() as usize, num(r[0], "iter2").unwrap() as usize),
            "{name} {k}: IRLS iterations"
        );
        for (name_r, ours) in [("phi1", d.phi1), ("phi2_raw", d.phi2_raw), ("trend_p2", d.trend_p2)] {
            let v = num(r[0], name_r).unwrap();
            assert!(rel(ours, v) < 1e-9, "{name} {k}: {name_r} {ours} vs R {v}");
        }
        for (i, row) in r.iter().enumerate() {
            let what = format!("{name} {k} week {}", row["wtime"]);
            assert_eq!(d.weeks[i] as f64, num(row, "wtime").unwrap(), "{what}");
            assert_eq!(d.levels[i] as f64, num(row, "seasgroup").unwrap(), "{what}: season level");
            for (col, ours) in
                [("fit1", d.fit1[i]), ("hat1", d.hat1[i]), ("omega", d.omega[i]), ("fit2", d.fit2[i])]
            {
                let v = num(row, col).unwrap();
                assert!(rel(ours, v) < 1e-9, "{what}: {col} {ours} vs R {v}");
            }
            let v = num(row, "anscombe1").unwrap();
            assert!(
                (d.anscombe1[i] - v).abs() < 1e-9 * v.abs().max(1.0),
                "{what}: Anscombe residual {} vs R {v}",
                d.anscombe1[i]
            );
        }
    }
}

#[test]
fn farrington_keeps_an_all_zero_season_level() {
    let rows = csv("edge_zero_level.csv");
    let y: Vec<u32> = rows.iter().map(|r| r["observed"].parse().unwrap()).collect();
    let k = y.len();
    let o = farrington::test_week(&y, k, &farrington::Config::noufaily(5)).expect("R converges, so must we");
    let r = &rows[0];
    assert!(rel(o.mu0, num(r, "mu0").unwrap()) < 1e-9, "mu0 {}", o.mu0);
    assert_eq!(o.phi, 1.0, "phi floored at 1: Poisson");
    assert_eq!(o.p_plugin, num(r, "pvalue").unwrap());
    assert_eq!(o.upper_plugin as f64, num(r, "upperbound").unwrap());
    assert_eq!(o.trend.is_some(), r["trend"] == "1");
    // The level really is all zero in the baseline.
    let cfg = farrington::Config::noufaily(5);
    let level3: Vec<u32> =
        farrington::baseline(k, &cfg).unwrap().iter().filter(|b| b.1 == 3).map(|b| y[b.0 - 1]).collect();
    assert!(!level3.is_empty() && level3.iter().all(|&c| c == 0));
}

#[test]
fn ears_matches_r_on_every_fixture_row() {
    let series = series();
    let rows = csv("ears.csv");
    assert_eq!(rows.len(), 522);
    let mut c2_rows = 0;
    for row in &rows {
        let what = format!(
            "{} {} B{} minSigma {} week {}",
            row["series"], row["method"], row["baseline"], row["minSigma"], row["week"]
        );
        let y = &series[&row["series"]][..30];
        let chart = match row["method"].as_str() {
            "C1" => ears::Chart::C1,
            "C2" => ears::Chart::C2,
            _ => ears::Chart::C3,
        };
        let alpha = num(row, "alpha").unwrap();
        assert_eq!(alpha, chart.default_alpha());
        let t: usize = row["week"].parse().unwrap();
        let o = ears::test_week(
            y,
            t,
            chart,
            row["baseline"].parse().unwrap(),
            num(row, "minSigma").unwrap(),
            alpha,
        )
        .expect(&what);
        let u = num(row, "upperbound").unwrap();
        assert!(
            (o.upper_bound - u).abs() < 1e-9 * u.abs().max(1.0),
            "{what}: upper bound {} vs R {u}",
            o.upper_bound
        );
        assert_eq!(o.alarm(), row["alarm"] == "1", "{what}: alarm");
        if chart != ears::Chart::C3 {
            // The p-value the budget uses gives R's alarm exactly.
            assert_eq!(o.p_value.unwrap() < alpha, o.alarm(), "{what}: p-value and alarm");
        }
        if chart == ears::Chart::C2 && row["minSigma"] == "1" {
            c2_rows += 1;
            if row["baseline"] == "20" || t == 10 {
                // The partnership's entry point gives the same test on the history up to week t.
                let test = signals::test_last_week(&y[..t]).expect(&what);
                let expected_baseline = (t - 3).min(20);
                if expected_baseline == row["baseline"].parse::<usize>().unwrap() {
                    assert_eq!(test.upper_bound, o.upper_bound, "{what}");
                }
            }
        }
    }
    assert_eq!(c2_rows, 87);
}

// ---- Simulated partnerships ----

/// Box-Muller standard normal.
fn normal(rng: &mut StdRng) -> f64 {
    let u1: f64 = rng.gen_range(f64::MIN_POSITIVE..1.0);
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Gamma(shape, 1) by Marsaglia and Tsang (shape >= 1).
fn gamma(rng: &mut StdRng, shape: f64) -> f64 {
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u: f64 = rng.gen();
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// Poisson by multiplication (means here are below 100).
fn poisson(rng: &mut StdRng, mean: f64) -> u32 {
    let limit = (-mean).exp();
    let (mut k, mut prod) = (0, rng.gen::<f64>());
    while prod > limit {
        k += 1;
        prod *= rng.gen::<f64>();
    }
    k
}

/// A count with `mean`: Poisson, or negative binomial (gamma-Poisson) with `size`.
fn count(rng: &mut StdRng, mean: f64, size: Option<f64>) -> u32 {
    match size {
        Some(size) => {
            let scale = gamma(rng, size) / size;
            poisson(rng, mean * scale)
        }
        None => poisson(rng, mean),
    }
}

/// One simulated CSP's weekly series: 3 families x 4 levels (the CSP and three clusters), with
/// season (amplitude 0.3), half of them overdispersed (negative binomial, size 4). Means from 0.3
/// to 8 a week.
const MEANS: [f64; 12] = [4.0, 1.0, 0.6, 0.3, 8.0, 2.5, 1.5, 0.8, 2.0, 0.7, 0.5, 0.4];
/// The sparse series (mean under 1) are also tested as rolling 4-week counts.
const WEEKS: usize = 156;

fn mean_at(series: usize, t: usize) -> f64 {
    let phase = series as f64;
    MEANS[series] * (1.0 + 0.3 * (2.0 * std::f64::consts::PI * t as f64 / 52.0 + phase).sin())
}

/// A planted rise on one series from week `start` (1-based) on.
#[derive(Clone, Copy, Debug)]
enum Rise {
    Times(f64),
    Plus(f64),
}

fn simulate_csp(seed: u64, planted: Option<(usize, usize, Rise)>) -> Vec<Vec<u32>> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..MEANS.len())
        .map(|s| {
            let size = (s % 2 == 0).then_some(4.0);
            (1..=WEEKS)
                .map(|t| {
                    let mut mean = mean_at(s, t);
                    if let Some((series, start, rise)) = planted {
                        if series == s && t >= start {
                            mean = match rise {
                                Rise::Times(f) => mean * f,
                                Rise::Plus(p) => mean + p,
                            };
                        }
                    }
                    count(&mut rng, mean, size)
                })
                .collect()
        })
        .collect()
}

/// The CSP's tests of week `t` (1-based): every weekly series, and the rolling 4-week series of
/// the sparse ones, under the budget. Returns, per series, whether it (weekly or rolling) signalled.
fn csp_week(csp: &[Vec<u32>], t: usize) -> Vec<bool> {
    let mut tests = Vec::new();
    let mut owner = Vec::new();
    for (s, y) in csp.iter().enumerate() {
        if let Some(test) = signals::test_last_week(&y[..t]) {
            tests.push((test.p_value, test.enough_cases, 1.0));
            owner.push(s);
        }
        if MEANS[s] < 1.0 {
            if let Some(test) = signals::test_last_week(&signals::rolling_four_weeks(&y[..t])) {
                tests.push((test.p_value, test.enough_cases, 1.0));
                owner.push(s);
            }
        }
    }
    let (_, signal) = signals::apply_budget(&tests, signals::DEFAULT_BUDGET);
    let mut out = vec![false; csp.len()];
    for (i, s) in signal.into_iter().enumerate() {
        out[owner[i]] |= s;
    }
    out
}

/// False signals per CSP-year under pure noise: the last year (weeks 105..=156) of `seeds`
/// simulated CSPs, counting every signalling test.
fn false_alarms_per_csp_year(seeds: std::ops::Range<u64>) -> (f64, usize) {
    let years = seeds.end - seeds.start;
    let mut signals_total = 0;
    for seed in seeds {
        let csp = simulate_csp(seed, None);
        for t in WEEKS - 51..=WEEKS {
            signals_total += csp_week(&csp, t).iter().filter(|&&s| s).count();
        }
    }
    (signals_total as f64 / years as f64, signals_total)
}

/// Early history (EARS C2): false signals per CSP-year over weeks 10..=61 of pure noise (week 10
/// is the first test; from week 108 Farrington takes over).
fn early_false_alarms_per_csp_year(seeds: std::ops::Range<u64>) -> f64 {
    let years = (seeds.end - seeds.start) as f64;
    let mut total = 0;
    for seed in seeds {
        let csp = simulate_csp(seed, None);
        for t in 10..=61 {
            total += csp_week(&csp, t).iter().filter(|&&s| s).count();
        }
    }
    total as f64 / years
}

/// Detection of a rise planted on `series` from week 140: (share detected within 4 weeks, i.e.
/// in weeks 140..=143; share detected within 8 weeks; mean delay in weeks of those detected
/// within 8, 0 = the rise's first week).
fn detection(series: usize, rise: Rise, seeds: std::ops::Range<u64>) -> (f64, f64, f64) {
    const START: usize = 140;
    let n = (seeds.end - seeds.start) as f64;
    let (mut within4, mut within8, mut delay_sum) = (0, 0, 0);
    for seed in seeds {
        let csp = simulate_csp(seed, Some((series, START, rise)));
        if let Some(delay) = (0..8).find(|d| csp_week(&csp, START + d)[series]) {
            within8 += 1;
            delay_sum += delay;
            if delay < 4 {
                within4 += 1;
            }
        }
    }
    (
        within4 as f64 / n,
        within8 as f64 / n,
        if within8 > 0 { delay_sum as f64 / within8 as f64 } else { f64::NAN },
    )
}

#[test]
fn noise_stays_within_the_alarm_budget() {
    // The budget allows 1 false signal per CSP-year in expectation (A = 1/52 per CSP-week).
    let (per_year, total) = false_alarms_per_csp_year(0..200);
    assert!(per_year <= 1.5, "{per_year} false signals per CSP-year ({total} over 200 CSP-years)");
}

#[test]
fn planted_rises_are_detected() {
    // x3 on a series with a usual count of 4 a week (the CSP's first family).
    let (within4, _, _) = detection(0, Rise::Times(3.0), 1000..1100);
    assert!(within4 >= 0.8, "x3 detected within 4 weeks in {within4}");
    // +5 a week on a series with a usual 1.
    let (within4, _, _) = detection(1, Rise::Plus(5.0), 2000..2100);
    assert!(within4 >= 0.8, "+5 detected within 4 weeks in {within4}");
}

/// Prints the README's table: `cargo test -p app --features ssr --test tension_signals --
/// --ignored --nocapture`.
#[test]
#[ignore]
fn print_simulation_figures() {
    let (per_year, total) = false_alarms_per_csp_year(0..400);
    println!("pure noise, weeks 105-156 (Farrington from 108): {per_year:.3} false signals per CSP-year ({total} in 400 CSP-years)");
    let early = early_false_alarms_per_csp_year(0..200);
    println!("pure noise, weeks 10-61 (EARS C2): {early:.3} false signals per CSP-year (200 CSP-years)");
    println!("| rise from week 140 | usual a week | detected within 4 weeks | within 8 | mean delay (weeks, 0 = first) |");
    for (series, label) in [(0, "4 (NB)"), (1, "1 (Poisson)"), (5, "2.5 (Poisson)")] {
        for rise in [Rise::Times(2.0), Rise::Times(3.0), Rise::Plus(5.0)] {
            let (w4, w8, delay) = detection(series, rise, 5000..5200);
            println!("| {rise:?} | {label} | {:.0}% | {:.0}% | {delay:.2} |", w4 * 100.0, w8 * 100.0);
        }
    }
}
