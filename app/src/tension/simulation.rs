//! Simulated partnerships for measuring the signals under the alarm budget: false signals per
//! CSP-year under pure noise, and how soon a planted rise is signalled. Used by the tests
//! (`app/tests/tension_signals.rs`, which assert on it) and the `tension_signals` bench (which
//! prints the README's figures over more seeds). Seeded, so every figure can be reproduced.

use super::signals;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

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
pub const MEANS: [f64; 12] = [4.0, 1.0, 0.6, 0.3, 8.0, 2.5, 1.5, 0.8, 2.0, 0.7, 0.5, 0.4];
/// The sparse series (mean under 1) are also tested as rolling 4-week counts.
pub const WEEKS: usize = 156;

pub fn mean_at(series: usize, t: usize) -> f64 {
    let phase = series as f64;
    MEANS[series] * (1.0 + 0.3 * (2.0 * std::f64::consts::PI * t as f64 / 52.0 + phase).sin())
}

/// A planted rise on one series from week `start` (1-based) on.
#[derive(Clone, Copy, Debug)]
pub enum Rise {
    /// The usual count times this.
    Times(f64),
    /// The usual count plus this many cases a week.
    Plus(f64),
}

pub fn simulate_csp(seed: u64, planted: Option<(usize, usize, Rise)>) -> Vec<Vec<u32>> {
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
/// the sparse ones, under the budget: (series, whether the test used EARS, whether it signalled).
pub fn csp_week_tests(csp: &[Vec<u32>], t: usize) -> Vec<(usize, bool, bool)> {
    let mut tests = Vec::new();
    let mut owner = Vec::new();
    for (s, y) in csp.iter().enumerate() {
        let mut series = vec![y[..t].to_vec()];
        if MEANS[s] < 1.0 {
            series.push(signals::rolling_four_weeks(&y[..t]));
        }
        for y in series {
            if let Some(test) = signals::test_last_week(&y) {
                tests.push((test.p_value, test.enough_cases, 1.0));
                owner.push((s, matches!(test.method, signals::Method::EarsC2 { .. })));
            }
        }
    }
    let (_, signal) = signals::apply_budget(&tests, signals::DEFAULT_BUDGET);
    owner.into_iter().zip(signal).map(|((s, ears), signal)| (s, ears, signal)).collect()
}

/// Per series, whether it (weekly or rolling) signalled in week `t`.
pub fn csp_week(csp: &[Vec<u32>], t: usize) -> Vec<bool> {
    let mut out = vec![false; csp.len()];
    for (s, _, signal) in csp_week_tests(csp, t) {
        out[s] |= signal;
    }
    out
}

/// False signals under pure noise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NoiseFigures {
    pub csp_years: f64,
    /// Signalling tests by the improved Farrington method.
    pub farrington: usize,
    /// Signalling tests by EARS C2 (short history).
    pub ears: usize,
}

impl NoiseFigures {
    /// False signals per CSP-year, all methods.
    pub fn per_csp_year(&self) -> f64 {
        (self.farrington + self.ears) as f64 / self.csp_years
    }
}

/// Every signalling test over `weeks` (1-based, at most 156) of `seeds` simulated CSPs of pure
/// noise, each seed a CSP; 52 weeks make a CSP-year. Weeks 105..=156 are the third year: weekly
/// series use Farrington from week 108 (rolling ones from 111), EARS C2 before.
pub fn false_signals(seeds: std::ops::Range<u64>, weeks: std::ops::RangeInclusive<usize>) -> NoiseFigures {
    let csp_years = (seeds.end - seeds.start) as f64 * weeks.clone().count() as f64 / 52.0;
    let (mut farrington, mut ears) = (0, 0);
    for seed in seeds {
        let csp = simulate_csp(seed, None);
        for t in weeks.clone() {
            for (_, by_ears, signal) in csp_week_tests(&csp, t) {
                if signal && by_ears {
                    ears += 1;
                } else if signal {
                    farrington += 1;
                }
            }
        }
    }
    NoiseFigures { csp_years, farrington, ears }
}

/// Detection of a rise planted on `series` from week 140: (share detected within 4 weeks, i.e.
/// in weeks 140..=143; share detected within 8 weeks; mean delay in weeks of those detected
/// within 8, 0 = the rise's first week).
pub fn detection(series: usize, rise: Rise, seeds: std::ops::Range<u64>) -> (f64, f64, f64) {
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
