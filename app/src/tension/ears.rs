//! EARS C1, C2 and C3 (R's `surveillance::earsC`) for series with short history. The partnership
//! uses C2: a mean and a standard deviation over a baseline that ends three weeks before the tested
//! week, so a rise that has just started stays out of it.

use statrs::distribution::{ContinuousCDF, Normal};

/// Which EARS chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Baseline: the `B` weeks just before.
    C1,
    /// Baseline: `B` weeks ending three weeks before (a two-week guard band).
    C2,
    /// C2 plus the excess of the two weeks before.
    C3,
}

impl Chart {
    /// R's default alpha for each chart.
    pub fn default_alpha(self) -> f64 {
        match self {
            Chart::C1 | Chart::C2 => 0.001,
            Chart::C3 => 0.025,
        }
    }
}

/// What one tested week gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The baseline mean: the "usual" count.
    pub mean: f64,
    /// The baseline standard deviation (n - 1), floored at `min_sigma`.
    pub sigma: f64,
    /// R's upper bound.
    pub upper_bound: f64,
    /// 1 - Phi((y - mean) / sigma) for C1 and C2 (the alarm is exactly p < alpha); None for C3,
    /// whose alarm does not come from a tail probability of the tested count.
    pub p_value: Option<f64>,
    pub observed: u32,
}

impl Outcome {
    /// R's alarm: the count strictly above the upper bound.
    pub fn alarm(&self) -> bool {
        f64::from(self.observed) > self.upper_bound
    }
}

fn mean_sd(v: &[u32]) -> (f64, f64) {
    let n = v.len() as f64;
    let mean = v.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
    let ss = v.iter().map(|&x| (f64::from(x) - mean).powi(2)).sum::<f64>();
    (mean, (ss / (n - 1.0)).sqrt())
}

/// The reference weeks of `chart` for week `t` (1-based): a slice range into the series.
fn reference(chart: Chart, t: usize, baseline: usize) -> Option<std::ops::Range<usize>> {
    match chart {
        Chart::C1 => (t > baseline).then(|| t - 1 - baseline..t - 1),
        Chart::C2 | Chart::C3 => (t > baseline + 2).then(|| t - 3 - baseline..t - 3),
    }
}

/// Tests week `t` (1-based) of `y`. None when the baseline does not fit (C1 needs t > B, C2
/// t > B + 2, C3 t > B + 4) or is shorter than 3 weeks.
pub fn test_week(
    y: &[u32],
    t: usize,
    chart: Chart,
    baseline: usize,
    min_sigma: f64,
    alpha: f64,
) -> Option<Outcome> {
    if baseline < 3 || t == 0 || t > y.len() {
        return None;
    }
    let normal = Normal::new(0.0, 1.0).ok()?;
    let z = normal.inverse_cdf(1.0 - alpha);
    let observed = y[t - 1];
    let yt = f64::from(observed);
    match chart {
        Chart::C1 | Chart::C2 => {
            let (mean, sd) = mean_sd(&y[reference(chart, t, baseline)?]);
            let sigma = sd.max(min_sigma);
            Some(Outcome {
                mean,
                sigma,
                upper_bound: mean + z * sigma,
                p_value: Some(normal.sf((yt - mean) / sigma)),
                observed,
            })
        }
        Chart::C3 => {
            if t <= baseline + 4 {
                return None;
            }
            let c2 = |u: usize| -> Option<f64> {
                let (m, sd) = mean_sd(&y[reference(Chart::C2, u, baseline)?]);
                Some((f64::from(y[u - 1]) - m) / sd.max(min_sigma))
            };
            let (mean, sd) = mean_sd(&y[reference(Chart::C2, t, baseline)?]);
            let sigma = sd.max(min_sigma);
            let carried = (c2(t - 2)? - 1.0).max(0.0) + (c2(t - 1)? - 1.0).max(0.0);
            Some(Outcome {
                mean,
                sigma,
                upper_bound: (yt + sigma * (z - carried)).max(0.0),
                p_value: None,
                observed,
            })
        }
    }
}

/// The partnership's short-history test: C2 with the given baseline, minSigma 1, alpha 0.001.
pub fn c2(y: &[u32], t: usize, baseline: usize) -> Option<Outcome> {
    test_week(y, t, Chart::C2, baseline, 1.0, Chart::C2.default_alpha())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c2_by_hand() {
        // Baseline weeks 1..=7 (t = 10): mean 1, sd 0 -> sigma 1 (minSigma).
        let y = [1, 1, 1, 1, 1, 1, 1, 9, 9, 5];
        let o = c2(&y, 10, 7).unwrap();
        assert_eq!(o.mean, 1.0);
        assert_eq!(o.sigma, 1.0);
        // qnorm(0.999) = 3.090232
        assert!((o.upper_bound - 4.090_232_306_167_813).abs() < 1e-9);
        assert!(o.alarm());
        // 1 - pnorm(4) = 3.167124e-05
        let p = o.p_value.unwrap();
        assert!((p / 3.167_124_183_311_992_4e-5 - 1.0).abs() < 1e-9, "{p}");
        assert!(c2(&y, 9, 7).is_none(), "the baseline would start before week 1");
    }
}
