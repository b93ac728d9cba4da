//! Tension signals recompute (issue 15, part 3): the latest week's test for every ward x family,
//! weekly and rolling 4-week series, as the database job will call it (pure functions, no
//! database). 852 wards x 3 families x (weekly + rolling) = 5,112 series, timed at two years of
//! history (improved Farrington with b = 2), three years and five years (b = 5, the largest fits),
//! plus the alarm budget per CSP. Then the README's statistics from simulated partnerships
//! (`app::tension::simulation`): false signals per CSP-year under pure noise and the detection of
//! planted rises. `cargo bench -p server --bench tension_signals`.

use app::tension::signals;
use app::tension::simulation::{self, Rise};
use std::time::Instant;

const WARDS: usize = 852;
const FAMILIES: usize = 3;

/// A small deterministic generator (xorshift64*) for Poisson counts with season; no new crates.
struct Counts(u64);

impl Counts {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn poisson(&mut self, mean: f64) -> u32 {
        let limit = (-mean).exp();
        let (mut k, mut prod) = (0, self.uniform());
        while prod > limit {
            k += 1;
            prod *= self.uniform();
        }
        k
    }
}

fn series(weeks: usize) -> Vec<Vec<u32>> {
    let mut gen = Counts(0x9e37_79b9_7f4a_7c15);
    (0..WARDS * FAMILIES)
        .map(|i| {
            // Ward-level means from 0.05 to about 3 a week, seasonal.
            let base = 0.05 + (i % 60) as f64 * 0.05;
            (1..=weeks)
                .map(|t| gen.poisson(base * (1.0 + 0.3 * (t as f64 * std::f64::consts::TAU / 52.0).sin())))
                .collect()
        })
        .collect()
}

fn main() {
    for (label, weeks) in [
        ("2 years + 4 weeks (b = 2)", 52 * 2 + 4),
        ("3 years (b = 2)", 156),
        ("5 years + 4 weeks (b = 5)", 52 * 5 + 4),
    ] {
        let weekly = series(weeks);
        let rolling: Vec<Vec<u32>> = weekly.iter().map(|y| signals::rolling_four_weeks(y)).collect();
        let mut times = Vec::new();
        let mut results = (0, 0, 0);
        for _ in 0..5 {
            let started = Instant::now();
            let tests: Vec<_> = weekly.iter().chain(&rolling).map(|y| signals::test_last_week(y)).collect();
            // One budget per CSP; here the wards are split into 22 partnerships.
            let with_p: Vec<(f64, bool, f64)> =
                tests.iter().flatten().map(|t| (t.p_value, t.enough_cases, 1.0)).collect();
            let mut signalled = 0;
            for csp in with_p.chunks(with_p.len().div_ceil(22)) {
                signalled +=
                    signals::apply_budget(csp, signals::DEFAULT_BUDGET).1.iter().filter(|&&s| s).count();
            }
            times.push(started.elapsed());
            let farrington = tests
                .iter()
                .flatten()
                .filter(|t| matches!(t.method, signals::Method::Farrington { .. }))
                .count();
            results = (tests.len(), farrington, signalled);
        }
        times.sort();
        println!(
            "{label:<26} {} series ({} Farrington), recompute p50 {:>7.1} ms  max {:>7.1} ms  ({} signals)",
            results.0,
            results.1,
            times[times.len() / 2].as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
            results.2
        );
    }
    let started = Instant::now();
    let late = simulation::false_signals(0..400, 105..=156);
    println!(
        "pure noise, third year (weeks 105-156): {:.2} false signals per CSP-year ({} Farrington, {} EARS C2, {} CSP-years, m = 16 tests a week)",
        late.per_csp_year(),
        late.farrington,
        late.ears,
        late.csp_years
    );
    let early = simulation::false_signals(0..200, 10..=61);
    println!(
        "pure noise, first year (weeks 10-61, EARS C2): {:.2} false signals per CSP-year ({} CSP-years)",
        early.per_csp_year(),
        early.csp_years
    );
    println!("| rise from week 140 | usual a week | signalled within 4 weeks | within 8 | mean delay (0 = first week) |");
    for (series, label) in [(1, "1 (Poisson)"), (5, "2.5 (Poisson)"), (0, "4 (NB, size 4)")] {
        for (rise, what) in
            [(Rise::Times(2.0), "x2"), (Rise::Times(3.0), "x3"), (Rise::Plus(5.0), "+5 a week")]
        {
            let (w4, w8, delay) = simulation::detection(series, rise, 5000..5200);
            println!("| {what} | {label} | {:.0}% | {:.0}% | {delay:.1} |", w4 * 100.0, w8 * 100.0);
        }
    }
    println!("(simulations: {:.0} s)", started.elapsed().as_secs_f64());
}
