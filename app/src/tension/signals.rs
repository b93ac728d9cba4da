//! Signals from the weekly data: which method a series gets by its history (improved Farrington
//! from 108 weeks, EARS C2 from 10), the partnership's alarm budget (Bonferroni per CSP per week),
//! and the words of a signal. Plain functions over plain types; the database job calls them.

use super::{ears, farrington};

/// Weeks of history (tested week included) from which the improved Farrington method is used:
/// two years back, plus its window of 3 and the tested week.
pub const FARRINGTON_FROM: usize = 52 * 2 + 3 + 1;
/// Weeks of history below which there is no test ("not enough history yet").
pub const SHORT_HISTORY_FROM: usize = 10;
/// The partnership's default alarm budget per CSP per week: about one false signal a year.
pub const DEFAULT_BUDGET: f64 = 1.0 / 52.0;

/// The method a week was tested with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Improved Farrington with `b` years back; `trend` when a trend was kept.
    Farrington { b: u8, trend: bool },
    /// EARS C2 with a baseline of `baseline` weeks.
    EarsC2 { baseline: u8 },
}

/// One tested week.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekTest {
    pub method: Method,
    pub observed: u32,
    /// The "usual" count: Farrington's plug-in mu0, EARS's baseline mean.
    pub usual: f64,
    /// Farrington's nbPlugin upper bound, EARS's upper bound.
    pub upper_bound: f64,
    /// The chance the budget uses: Farrington's muan p-value; for EARS the count tail
    /// ([`count_tail`]) over C2's reference weeks.
    pub p_value: f64,
    /// Farrington's nbPlugin p-value.
    pub p_plugin: Option<f64>,
    /// Farrington's overdispersion.
    pub phi: Option<f64>,
    /// The method's gates: Farrington 5 cases in 4 weeks and a non-zero count; EARS a non-zero count.
    pub enough_cases: bool,
}

/// Tests the last week of `weekly` (oldest first, contiguous weeks, zeros included); None when
/// fewer than 10 weeks, or the fit gives no result.
pub fn test_last_week(weekly: &[u32]) -> Option<WeekTest> {
    let n = weekly.len();
    if n < SHORT_HISTORY_FROM {
        return None;
    }
    if n >= FARRINGTON_FROM {
        let b = ((n - 4) / 52).min(5);
        // A series with no cases in its reference weeks has no Farrington fit (R gives none
        // either): it is tested on the count tail over its recent weeks instead.
        let Some(o) = farrington::test_week(weekly, n, &farrington::Config::noufaily(b)) else {
            return short_history_test(weekly);
        };
        return Some(WeekTest {
            method: Method::Farrington { b: b as u8, trend: o.trend.is_some() },
            observed: o.observed,
            usual: o.mu0,
            upper_bound: o.upper_plugin as f64,
            p_value: o.p_muan,
            p_plugin: Some(o.p_plugin),
            phi: Some(o.phi),
            enough_cases: o.enough && o.observed > 0,
        });
    }
    short_history_test(weekly)
}

/// EARS C2 (R's chart and upper bound) for a series with short history, with the chance taken
/// from a count distribution rather than C2's normal tail: with a few cases a week the normal
/// tail is far too small (a usual 1.2 a week: 5 cases have a chance of 0.008, the normal tail
/// says 0.0003), and the partnership's budget would overspend. None when the baseline does not
/// fit, or when neither the baseline nor the week has a case (nothing to test).
fn short_history_test(weekly: &[u32]) -> Option<WeekTest> {
    let n = weekly.len();
    let baseline = (n - 3).min(20);
    let o = ears::c2(weekly, n, baseline)?;
    let reference = &weekly[n - 3 - baseline..n - 3];
    if o.observed == 0 && reference.iter().all(|&c| c == 0) {
        return None;
    }
    Some(WeekTest {
        method: Method::EarsC2 { baseline: baseline as u8 },
        observed: o.observed,
        usual: o.mean,
        upper_bound: o.upper_bound,
        p_value: count_tail(reference, o.observed)?,
        p_plugin: None,
        phi: None,
        enough_cases: o.observed > 0,
    })
}

/// P(Y >= y) for a count Y with the mean and variance of `reference` (negative binomial when the
/// variance exceeds the mean, Poisson otherwise). A reference with no cases is read as a mean of
/// half a case over its weeks (the usual continuity estimate), not zero: one case after a quiet
/// spell is unusual, not impossible.
pub fn count_tail(reference: &[u32], y: u32) -> Option<f64> {
    use statrs::distribution::{DiscreteCDF, NegativeBinomial, Poisson};
    if y == 0 {
        return Some(1.0);
    }
    let k = reference.len() as f64;
    if reference.len() < 2 {
        return None;
    }
    let mean = reference.iter().map(|&c| f64::from(c)).sum::<f64>() / k;
    let var = reference.iter().map(|&c| (f64::from(c) - mean).powi(2)).sum::<f64>() / (k - 1.0);
    let mean = mean.max(0.5 / k);
    let tail = if var > mean {
        let size = mean * mean / (var - mean);
        NegativeBinomial::new(size, size / (size + mean)).ok()?.sf(u64::from(y) - 1)
    } else {
        Poisson::new(mean).ok()?.sf(u64::from(y) - 1)
    };
    Some(tail.clamp(0.0, 1.0))
}

/// The rolling 4-week counts `y[t-3] + ... + y[t]`, one per week from the fourth week on.
pub fn rolling_four_weeks(weekly: &[u32]) -> Vec<u32> {
    weekly.windows(4).map(|w| w.iter().sum()).collect()
}

/// The partnership's alarm budget for one CSP-week: `tests` (m) tests shared the budget `a`; with
/// equal weights each test signals when its p-value is at most `threshold` = a / m.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    pub tests: usize,
    pub budget: f64,
    pub threshold: f64,
}

impl Budget {
    /// The threshold of a test with `weight` (weights are relative: each test gets
    /// `a * weight / sum of weights`).
    pub fn threshold_for(&self, weight: f64, weight_sum: f64) -> f64 {
        self.budget * weight / weight_sum
    }
}

/// Which of this week's tests signal (Bonferroni per CSP per week): `tests` holds, for every test
/// that gave a p-value, (p, gates passed, weight). Weights are relative (they are divided by
/// their sum; pass 1.0 each for plain Bonferroni, or e.g. 2.0 for the CSP level and 1.0 for
/// clusters). A test signals when its gates passed and `p <= a * w_i / sum w`, so the expected
/// number of false signals per CSP-week is at most `a`, whatever the dependence between series.
pub fn apply_budget(tests: &[(f64, bool, f64)], a: f64) -> (Budget, Vec<bool>) {
    let m = tests.len();
    let budget = Budget { tests: m, budget: a, threshold: if m == 0 { 0.0 } else { a / m as f64 } };
    let weight_sum: f64 = tests.iter().map(|t| t.2.max(0.0)).sum();
    let signals = tests
        .iter()
        .map(|&(p, gates, w)| gates && weight_sum > 0.0 && p <= budget.threshold_for(w.max(0.0), weight_sum))
        .collect();
    (budget, signals)
}

/// The figures a signal is told with, and the Fluent keys of its sentences (in order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignalWords {
    pub observed: u32,
    /// The usual count, to one decimal below 10 and whole from 10.
    pub usual: String,
    /// N in "under 1 in N" (20, 100, 1,000 or 10,000), formatted; None when p >= 1/20.
    pub one_in: Option<&'static str>,
    pub rolling: bool,
    pub short_history: bool,
    /// The sentence with the figures (Fluent variables `observed`, `usual`, `one_in`, `family`,
    /// `place`).
    pub key: &'static str,
    /// "(short history: compared with the last few months)", for EARS.
    pub short_history_key: Option<&'static str>,
    /// The closing sentence every signal ends with.
    pub willingness_key: &'static str,
}

/// The "usual" figure: one decimal below 10, whole from 10.
pub fn usual_figure(usual: f64) -> String {
    let one_decimal = (usual * 10.0).round() / 10.0;
    if one_decimal < 10.0 {
        format!("{one_decimal:.1}")
    } else {
        format!("{:.0}", usual.round())
    }
}

/// The largest of 20, 100, 1,000 and 10,000 with p < 1/N (under 1e-4 still 10,000: the model
/// cannot support a smaller claim).
pub fn one_in(p: f64) -> Option<&'static str> {
    [(10_000.0, "10,000"), (1_000.0, "1,000"), (100.0, "100"), (20.0, "20")]
        .into_iter()
        .find(|(n, _)| p < 1.0 / n)
        .map(|(_, s)| s)
}

/// The words of a signal from its stored test; `rolling` when the series is a rolling 4-week count.
pub fn signal_words(test: &WeekTest, rolling: bool) -> SignalWords {
    let short_history = matches!(test.method, Method::EarsC2 { .. });
    let one_in = one_in(test.p_value);
    let key = match (rolling, one_in.is_some()) {
        (false, true) => "tension-signal-week",
        (true, true) => "tension-signal-rolling",
        (false, false) => "tension-signal-week-no-chance",
        (true, false) => "tension-signal-rolling-no-chance",
    };
    SignalWords {
        observed: test.observed,
        usual: usual_figure(test.usual),
        one_in,
        rolling,
        short_history,
        key,
        short_history_key: short_history.then_some("tension-signal-short-history"),
        willingness_key: "tension-signal-willingness",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{DiscreteCDF, Poisson};

    fn test_with(method: Method, observed: u32, usual: f64, p: f64) -> WeekTest {
        WeekTest {
            method,
            observed,
            usual,
            upper_bound: 0.0,
            p_value: p,
            p_plugin: None,
            phi: None,
            enough_cases: true,
        }
    }

    #[test]
    fn method_by_history() {
        assert!(test_last_week(&[1; 9]).is_none());
        let t = test_last_week(&[1; 10]).unwrap();
        assert_eq!(t.method, Method::EarsC2 { baseline: 7 });
        let t = test_last_week(&[1; 30]).unwrap();
        assert_eq!(t.method, Method::EarsC2 { baseline: 20 });
        let t = test_last_week(&[1; 107]).unwrap();
        assert_eq!(t.method, Method::EarsC2 { baseline: 20 });
        let y: Vec<u32> = (0..108).map(|i| (i % 4) as u32).collect();
        let t = test_last_week(&y).unwrap();
        assert_eq!(t.method, Method::Farrington { b: 2, trend: false }, "b = 2 never keeps a trend");
        let y: Vec<u32> = (0..400).map(|i| (i % 5) as u32).collect();
        assert!(matches!(test_last_week(&y).unwrap().method, Method::Farrington { b: 5, .. }));
    }

    #[test]
    fn the_short_history_chance_is_a_count_tail() {
        // A usual 1.2 a week, Poisson-like: 5 cases have a chance near 0.008 (R: ppois(4, 1.2,
        // lower = FALSE) = 0.00775), not the normal tail's 0.0003.
        let reference = [1, 2, 1, 0, 2, 1, 1, 2, 1, 1, 0, 2, 1, 1, 2, 1, 1, 2, 1, 1];
        let mean = reference.iter().sum::<u32>() as f64 / 20.0;
        assert!((mean - 1.2).abs() < 1e-12);
        let p = count_tail(&reference, 5).unwrap();
        let poisson =
            1.0 - (0..5).map(|k| mean.powi(k) * (-mean).exp() / (1..=k).product::<i32>() as f64).sum::<f64>();
        assert!((p - poisson).abs() < 1e-12, "{p} {poisson}");
        // Overdispersed: a wider tail than Poisson with the same mean.
        let wide = [0, 0, 4, 0, 0, 3, 0, 0, 0, 5, 0, 0, 0, 0, 6, 0, 0, 0, 4, 2];
        assert!(count_tail(&wide, 5).unwrap() > Poisson::new(1.2).unwrap().sf(4));
        assert_eq!(count_tail(&reference, 0), Some(1.0));
        // A quiet spell reads as half a case over its weeks.
        let quiet = [0u32; 20];
        let p = count_tail(&quiet, 3).unwrap();
        assert!((p - Poisson::new(0.025).unwrap().sf(2)).abs() < 1e-15);
        // In the test: a series quiet in its baseline and this week is not a test; one case is.
        let mut y = vec![0u32; 30];
        assert!(test_last_week(&y).is_none());
        y[29] = 3;
        let t = test_last_week(&y).unwrap();
        assert!(t.p_value < 1e-5 && t.enough_cases, "{t:?}");
        // With two years of history and nothing in the reference weeks, Farrington gives no fit:
        // the count tail decides.
        let mut y = vec![0u32; 120];
        y[119] = 4;
        let t = test_last_week(&y).unwrap();
        assert!(matches!(t.method, Method::EarsC2 { baseline: 20 }) && t.p_value < 1e-6, "{t:?}");
    }

    #[test]
    fn rolling_sums() {
        assert_eq!(rolling_four_weeks(&[1, 2, 3, 4, 5, 0]), vec![10, 14, 12]);
        assert!(rolling_four_weeks(&[1, 2, 3]).is_empty());
    }

    #[test]
    fn budget_is_bonferroni_with_gates_and_weights() {
        let a = 1.0 / 52.0;
        let tests = [(0.004, true, 1.0), (0.0049, false, 1.0), (0.0048, true, 1.0), (0.5, true, 1.0)];
        let (b, s) = apply_budget(&tests, a);
        assert_eq!(b.tests, 4);
        assert!((b.threshold - a / 4.0).abs() < 1e-15);
        // a / 4 = 0.00481
        assert_eq!(s, vec![true, false, true, false]);
        // Weighted: the first test has twice the share (a * 2/5 = 0.0077), the others a / 5 = 0.0038.
        let tests = [(0.007, true, 2.0), (0.004, true, 1.0), (0.003, true, 1.0), (0.9, true, 1.0)];
        let (_, s) = apply_budget(&tests, a);
        assert_eq!(s, vec![true, false, true, false]);
        let (b, s) = apply_budget(&[], a);
        assert_eq!((b.tests, s.len()), (0, 0));
    }

    #[test]
    fn words_buckets_and_rounding() {
        assert_eq!(usual_figure(1.234), "1.2");
        assert_eq!(usual_figure(9.96), "10");
        assert_eq!(usual_figure(12.5), "13");
        assert_eq!(usual_figure(0.04), "0.0");
        assert_eq!(one_in(0.04), Some("20"));
        assert_eq!(one_in(0.05), None);
        assert_eq!(one_in(0.009), Some("100"));
        assert_eq!(one_in(0.001), Some("100"), "p < 1/N strictly");
        assert_eq!(one_in(0.000_9), Some("1,000"));
        assert_eq!(one_in(1e-9), Some("10,000"));
        let w = signal_words(&test_with(Method::Farrington { b: 5, trend: true }, 7, 1.2, 0.000_8), false);
        assert_eq!((w.observed, w.usual.as_str(), w.one_in), (7, "1.2", Some("1,000")));
        assert_eq!((w.key, w.short_history_key), ("tension-signal-week", None));
        assert_eq!(w.willingness_key, "tension-signal-willingness");
        let w = signal_words(&test_with(Method::EarsC2 { baseline: 20 }, 9, 2.0, 0.2), true);
        assert_eq!(w.key, "tension-signal-rolling-no-chance");
        assert_eq!(w.short_history_key, Some("tension-signal-short-history"));
    }

    #[test]
    fn words_keys_exist_in_both_languages() {
        let en = include_str!("../../i18n/en/app.ftl");
        let cy = include_str!("../../i18n/cy/app.ftl");
        for key in [
            "tension-signal-week",
            "tension-signal-rolling",
            "tension-signal-week-no-chance",
            "tension-signal-rolling-no-chance",
            "tension-signal-short-history",
            "tension-signal-willingness",
        ] {
            for (lang, ftl) in [("en", en), ("cy", cy)] {
                assert!(ftl.lines().any(|l| l.starts_with(&format!("{key} ="))), "{key} missing in {lang}");
            }
        }
    }
}
