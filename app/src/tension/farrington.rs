//! The improved Farrington method (Noufaily et al. 2013) for one tested week, exactly as R's
//! `surveillance::farringtonFlexible` computes it (surveillance 1.20.3; see the README's "Tension
//! signals: the method" and the fixtures in `app/tests/fixtures/surveillance/`): reference weeks
//! with a 10-level season factor, a quasi-Poisson log-link fit by IRLS, reweighting by Anscombe
//! residuals, the trend decision, and the negative binomial threshold and p-values (plug-in and
//! "muan").
//!
//! Week indices are 1-based and "a year back" is always `t - 52`. The trend column is centred on
//! the tested week (`wtime = t - k`): the same reparametrised model as R's `wtime = t`, better
//! conditioned, with the same trend coefficient.

use statrs::distribution::{ContinuousCDF, DiscreteCDF, NegativeBinomial, Normal, Poisson, StudentsT};

/// The improved method's settings (the surveillance vignette's `con.noufaily`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Years back (R's `b`), 1..=5 (at least 3 for a trend to be kept).
    pub b: usize,
    /// Half width of the window around each reference week (R's `w`).
    pub w: usize,
    /// Levels of the season factor (R's `noPeriods`).
    pub no_periods: usize,
    /// Anscombe residuals strictly above this are down-weighted.
    pub weights_threshold: f64,
    /// The latest weeks left out of the baseline, besides the tested week.
    pub past_weeks_not_included: usize,
    /// Whether a trend may be fitted at all.
    pub trend: bool,
    /// The trend is kept only when its t-test p-value is below this (1 in the improved method).
    pub p_threshold_trend: f64,
    /// The threshold's tail probability (the upper bound is the 1 - alpha quantile).
    pub alpha: f64,
    /// At least `limit54.0` cases in the last `limit54.1` weeks (tested week included) for an alarm.
    pub limit54: (u32, usize),
}

impl Config {
    /// The improved method as the partnership uses it: w 3, 10 periods, 2.58, 26 weeks left out,
    /// trend with pThresholdTrend 1, alpha 0.005, limit54 (5, 4).
    pub fn noufaily(b: usize) -> Self {
        Config {
            b,
            w: 3,
            no_periods: 10,
            weights_threshold: 2.58,
            past_weeks_not_included: 26,
            trend: true,
            p_threshold_trend: 1.0,
            alpha: 0.005,
            limit54: (5, 4),
        }
    }

    /// The first week (1-based) that can be tested with these settings.
    pub fn first_testable_week(&self) -> usize {
        52 * self.b + self.w + 1
    }
}

/// What one tested week gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The plug-in "usual" count, exp(eta0) (R's `expected`, and `mu0Vector` under nbPlugin).
    pub mu0: f64,
    /// mu0 at its upper 1 - alpha confidence limit (R's `mu0Vector` under muan).
    pub mu0_upper: f64,
    /// Overdispersion of the final fit, floored at 1.
    pub phi: f64,
    /// The trend coefficient per week when the trend was kept (R's `trend` and `trendVector`).
    pub trend: Option<f64>,
    /// The nbPlugin upper bound (the 1 - alpha quantile at mu0).
    pub upper_plugin: u64,
    /// The muan upper bound (the 1 - alpha quantile at `mu0_upper`).
    pub upper_muan: u64,
    /// P(Y >= observed) at mu0.
    pub p_plugin: f64,
    /// P(Y >= observed) at `mu0_upper`: the "chance" the alarm budget uses.
    pub p_muan: f64,
    /// R's score (with its quirk: eta0 on the log scale), nbPlugin and muan.
    pub score_plugin: f64,
    pub score_muan: f64,
    /// The limit54 rule: enough cases in the last weeks.
    pub enough: bool,
    /// The observed count of the tested week.
    pub observed: u32,
}

impl Outcome {
    /// R's alarm under nbPlugin: enough cases, a count above the upper bound, not zero.
    pub fn alarm_plugin(&self) -> bool {
        self.enough && self.score_plugin > 1.0 && self.observed != 0
    }

    /// R's alarm under muan.
    pub fn alarm_muan(&self) -> bool {
        self.enough && self.score_muan > 1.0 && self.observed != 0
    }
}

/// The baseline weeks (1-based) and their season level (1..=no_periods) for tested week `k`
/// (R's `blocks` and `algo.farrington.data.glm`). None when `k` is too early for `b`.
pub fn baseline(k: usize, cfg: &Config) -> Option<Vec<(usize, usize)>> {
    let (w, p) = (cfg.w, cfg.no_periods);
    if cfg.b == 0 || p < 2 || k < cfg.first_testable_week() || cfg.past_weeks_not_included >= k {
        return None;
    }
    let period = 52 - 2 * w - 1;
    if period < p - 1 {
        return None;
    }
    let mut lev: Vec<Option<usize>> = vec![None; k + 1];
    for slot in lev.iter_mut().take(k + 1).skip(k - w) {
        *slot = Some(p);
    }
    let base = period / (p - 1);
    let rest = period % (p - 1);
    for i in 1..=cfg.b {
        let r = k - 52 * i;
        for slot in lev.iter_mut().take(r + w + 1).skip(r - w) {
            *slot = Some(p);
        }
        let mut start = r + w + 1;
        for j in 1..p {
            let len = base + usize::from(j <= rest);
            for t in start..start + len {
                if t <= k {
                    lev[t] = Some(j);
                }
            }
            start += len;
        }
    }
    for slot in lev.iter_mut().skip(k - cfg.past_weeks_not_included) {
        *slot = None;
    }
    Some((1..=k).filter_map(|t| lev[t].map(|l| (t, l))).collect())
}

/// A symmetric positive definite matrix's Cholesky factor (row-major, lower), None if not positive.
fn cholesky(a: &[f64], q: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; q * q];
    for i in 0..q {
        for j in 0..=i {
            let mut s = a[i * q + j];
            for m in 0..j {
                s -= l[i * q + m] * l[j * q + m];
            }
            if i == j {
                if !(s > 0.0) || !s.is_finite() {
                    return None;
                }
                l[i * q + i] = s.sqrt();
            } else {
                l[i * q + j] = s / l[j * q + j];
            }
        }
    }
    Some(l)
}

/// Solves L L' x = b.
fn cholesky_solve(l: &[f64], q: usize, b: &[f64]) -> Vec<f64> {
    let mut y = b.to_vec();
    for i in 0..q {
        for m in 0..i {
            y[i] -= l[i * q + m] * y[m];
        }
        y[i] /= l[i * q + i];
    }
    for i in (0..q).rev() {
        for m in i + 1..q {
            y[i] -= l[m * q + i] * y[m];
        }
        y[i] /= l[i * q + i];
    }
    y
}

/// (L L')^-1, row-major.
fn cholesky_inverse(l: &[f64], q: usize) -> Vec<f64> {
    let mut inv = vec![0.0; q * q];
    for c in 0..q {
        let mut e = vec![0.0; q];
        e[c] = 1.0;
        let col = cholesky_solve(l, q, &e);
        for r in 0..q {
            inv[r * q + c] = col[r];
        }
    }
    inv
}

/// A design: `rows` rows of `q` columns, row-major.
struct Design {
    x: Vec<f64>,
    q: usize,
}

impl Design {
    fn row(&self, i: usize) -> &[f64] {
        &self.x[i * self.q..(i + 1) * self.q]
    }
}

/// A quasi-Poisson fit as R's `glm.fit` leaves it.
struct Fit {
    beta: Vec<f64>,
    mu: Vec<f64>,
    /// Working weights of the last solve.
    w: Vec<f64>,
    /// (X'WX)^-1 of the last solve.
    a: Vec<f64>,
    converged: bool,
    iterations: usize,
}

fn deviance(y: &[f64], mu: &[f64], pw: &[f64]) -> f64 {
    2.0 * y
        .iter()
        .zip(mu)
        .zip(pw)
        .map(|((&y, &mu), &pw)| pw * (if y > 0.0 { y * (y / mu).ln() } else { 0.0 } - (y - mu)))
        .sum::<f64>()
}

/// IRLS for a quasi-Poisson log-link model with prior weights (R's defaults: epsilon 1e-8,
/// maxit 25, start mu = y + 0.1). None when a solve fails or mu leaves the finite numbers.
fn irls(d: &Design, y: &[f64], pw: &[f64]) -> Option<Fit> {
    let (n, q) = (y.len(), d.q);
    let mut mu: Vec<f64> = y.iter().map(|y| y + 0.1).collect();
    let mut eta: Vec<f64> = mu.iter().map(|m| m.ln()).collect();
    let mut dev_old = deviance(y, &mu, pw);
    let mut w = vec![0.0; n];
    let mut l = Vec::new();
    let mut beta = vec![0.0; q];
    let mut converged = false;
    let mut iterations = 0;
    for it in 1..=25 {
        iterations = it;
        let mut xtwx = vec![0.0; q * q];
        let mut xtwz = vec![0.0; q];
        for i in 0..n {
            let z = eta[i] + (y[i] - mu[i]) / mu[i];
            w[i] = pw[i] * mu[i];
            let row = d.row(i);
            for r in 0..q {
                let wr = w[i] * row[r];
                xtwz[r] += wr * z;
                for c in 0..=r {
                    xtwx[r * q + c] += wr * row[c];
                }
            }
        }
        for r in 0..q {
            for c in r + 1..q {
                xtwx[r * q + c] = xtwx[c * q + r];
            }
        }
        l = cholesky(&xtwx, q)?;
        beta = cholesky_solve(&l, q, &xtwz);
        for i in 0..n {
            eta[i] = d.row(i).iter().zip(&beta).map(|(x, b)| x * b).sum();
            mu[i] = eta[i].exp();
            if !mu[i].is_finite() {
                return None;
            }
        }
        let dev = deviance(y, &mu, pw);
        if !dev.is_finite() {
            return None;
        }
        if (dev - dev_old).abs() / (dev.abs() + 0.1) < 1e-8 {
            converged = true;
            break;
        }
        dev_old = dev;
    }
    let a = cholesky_inverse(&l, q);
    Some(Fit { beta, mu, w, a, converged, iterations })
}

/// x' A x.
fn quad(a: &[f64], x: &[f64]) -> f64 {
    let q = x.len();
    (0..q).map(|r| x[r] * (0..q).map(|c| a[r * q + c] * x[c]).sum::<f64>()).sum()
}

/// The reweighted fit (`algo.farrington.fitGLM.flexible` with reweighting), with intermediate
/// values for checking against R.
struct Reweighted {
    fit: Fit,
    df: f64,
    /// max(dispersion, 1) of the final fit.
    phi: f64,
    /// R's quirk: the dispersion `summary.glm` sees after `model$weights <- omega`.
    disp_q: f64,
    first: Fit,
    phi1: f64,
    anscombe: Vec<f64>,
    omega: Vec<f64>,
}

fn dispersion(fit: &Fit, y: &[f64], weights: &[f64], df: f64) -> f64 {
    y.iter().zip(&fit.mu).zip(weights).map(|((y, mu), w)| w * ((y - mu) / mu).powi(2)).sum::<f64>() / df
}

fn fit_reweighted(d: &Design, y: &[f64], threshold: f64) -> Option<Reweighted> {
    let n = y.len();
    let df = n as f64 - d.q as f64;
    if df <= 0.0 {
        return None;
    }
    let first = irls(d, y, &vec![1.0; n])?;
    if !first.converged {
        return None;
    }
    let phi1 = dispersion(&first, y, &first.w, df).max(1.0);
    let anscombe: Vec<f64> = (0..n)
        .map(|i| {
            let mu = first.mu[i];
            let h = first.w[i] * quad(&first.a, d.row(i));
            1.5 * (y[i].powf(2.0 / 3.0) * mu.powf(-1.0 / 6.0) - mu.sqrt()) / (phi1 * (1.0 - h)).sqrt()
        })
        .collect();
    let raw: Vec<f64> = anscombe.iter().map(|&s| if s > threshold { s.powi(-2) } else { 1.0 }).collect();
    let gamma = n as f64 / raw.iter().sum::<f64>();
    let omega: Vec<f64> = raw.iter().map(|r| gamma * r).collect();
    // R never checks the reweighted fit's convergence.
    let fit = irls(d, y, &omega)?;
    let phi = dispersion(&fit, y, &fit.w, df).max(1.0);
    let disp_q = dispersion(&fit, y, &omega, df);
    Some(Reweighted { fit, df, phi, disp_q, first, phi1, anscombe, omega })
}

/// The design for baseline `rows` (week, level), with or without the centred trend column, and
/// the prediction row for the tested week `k`.
fn design(rows: &[(usize, usize)], k: usize, p: usize, trend: bool) -> (Design, Vec<f64>) {
    let mut present: Vec<usize> = rows.iter().map(|r| r.1).collect();
    present.sort_unstable();
    present.dedup();
    let dummies = &present[1..];
    let q = 1 + usize::from(trend) + dummies.len();
    let mut x = Vec::with_capacity(rows.len() * q);
    for &(t, lev) in rows {
        x.push(1.0);
        if trend {
            x.push(t as f64 - k as f64);
        }
        x.extend(dummies.iter().map(|&l| f64::from(u8::from(l == lev))));
    }
    let mut x0 = vec![1.0];
    if trend {
        x0.push(0.0);
    }
    x0.extend(dummies.iter().map(|&l| f64::from(u8::from(l == p))));
    (Design { x, q }, x0)
}

/// The smallest u with P(Y <= u) >= target (`cdf` non-decreasing): from floor(mean), steps that
/// double until the target is crossed, then bisection, so a huge mean (a sparse series whose
/// upper confidence limit is far out) costs a few dozen evaluations, not one per integer.
fn quantile(cdf: impl Fn(u64) -> f64, mean: f64, target: f64) -> u64 {
    let start = if mean.is_finite() && mean > 0.0 { mean.floor().min(1e15) as u64 } else { 0 };
    // Find lo < answer <= hi (lo may be "below 0", encoded as None).
    let (mut lo, mut hi): (Option<u64>, u64);
    if cdf(start) >= target {
        hi = start;
        let mut step = 1;
        loop {
            match hi.checked_sub(step) {
                Some(u) if cdf(u) >= target => {
                    hi = u;
                    step *= 2;
                }
                Some(u) => {
                    lo = Some(u);
                    break;
                }
                None => {
                    if hi > 0 && cdf(0) >= target {
                        return 0;
                    }
                    lo = if hi == 0 { None } else { Some(0) };
                    break;
                }
            }
        }
    } else {
        lo = Some(start);
        let mut step = 1;
        loop {
            let u = start.saturating_add(step);
            if cdf(u) >= target {
                hi = u;
                break;
            }
            lo = Some(u);
            step *= 2;
        }
    }
    // Invariant: cdf(lo) < target <= cdf(hi).
    while let Some(l) = lo {
        if hi - l <= 1 {
            break;
        }
        let mid = l + (hi - l) / 2;
        if cdf(mid) >= target {
            hi = mid;
        } else {
            lo = Some(mid);
        }
    }
    hi
}

/// Upper bound (1 - alpha quantile) and P(Y >= y) for Y with mean `m` and variance `phi * m`.
fn threshold(m: f64, phi: f64, alpha: f64, y: u32) -> Option<(u64, f64)> {
    if !m.is_finite() {
        return None;
    }
    if phi > 1.0 {
        let nb = NegativeBinomial::new(m / (phi - 1.0), 1.0 / phi).ok()?;
        let u = quantile(|x| nb.cdf(x), m, 1.0 - alpha);
        let p = if y == 0 { 1.0 } else { nb.sf(u64::from(y) - 1) };
        Some((u, p))
    } else {
        if m <= 0.0 {
            return Some((0, if y == 0 { 1.0 } else { 0.0 }));
        }
        let pois = Poisson::new(m).ok()?;
        let u = quantile(|x| pois.cdf(x), m, 1.0 - alpha);
        let p = if y == 0 { 1.0 } else { pois.sf(u64::from(y) - 1) };
        Some((u, p))
    }
}

/// Intermediate values of the first and reweighted fits for one tested week (with the trend
/// column), row by row in baseline order, for checking against R's glm.
#[derive(Clone, Debug)]
pub struct GlmDetail {
    pub weeks: Vec<usize>,
    pub levels: Vec<usize>,
    pub fit1: Vec<f64>,
    pub hat1: Vec<f64>,
    pub phi1: f64,
    pub anscombe1: Vec<f64>,
    pub omega: Vec<f64>,
    pub fit2: Vec<f64>,
    pub phi2_raw: f64,
    /// The trend's t-test p-value as a plain reweighted glm's summary gives it (raw dispersion).
    pub trend_p2: f64,
    pub iterations: (usize, usize),
}

/// The fits behind tested week `k` of `y` (1-based), before the trend decision.
pub fn glm_detail(y: &[u32], k: usize, cfg: &Config) -> Option<GlmDetail> {
    let rows = baseline(k, cfg)?;
    if k > y.len() {
        return None;
    }
    let yy: Vec<f64> = rows.iter().map(|&(t, _)| f64::from(y[t - 1])).collect();
    let (d, _) = design(&rows, k, cfg.no_periods, true);
    let m = fit_reweighted(&d, &yy, cfg.weights_threshold)?;
    let n = yy.len();
    let hat1 = (0..n).map(|i| m.first.w[i] * quad(&m.first.a, d.row(i))).collect();
    let phi2_raw = dispersion(&m.fit, &yy, &m.fit.w, m.df);
    // A plain glm's summary (its own working weights, raw dispersion), not R's quirk.
    let se = (phi2_raw * m.fit.a[d.q + 1]).sqrt();
    let trend_p2 = trend_p_value(m.fit.beta[1] / se, m.df)?;
    Some(GlmDetail {
        weeks: rows.iter().map(|r| r.0).collect(),
        levels: rows.iter().map(|r| r.1).collect(),
        fit1: m.first.mu.clone(),
        hat1,
        phi1: m.phi1,
        anscombe1: m.anscombe.clone(),
        omega: m.omega.clone(),
        phi2_raw,
        fit2: m.fit.mu.clone(),
        trend_p2,
        iterations: (m.first.iterations, m.fit.iterations),
    })
}

fn trend_p_value(t: f64, df: f64) -> Option<f64> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    Some(2.0 * dist.cdf(-t.abs()))
}

/// Tests week `k` (1-based) of the series `y` (oldest first, contiguous weeks, zeros included).
/// None when the history is too short for `cfg.b`, or the fit gives no result (R's NA).
pub fn test_week(y: &[u32], k: usize, cfg: &Config) -> Option<Outcome> {
    if k == 0 || k > y.len() {
        return None;
    }
    let rows = baseline(k, cfg)?;
    let yy: Vec<f64> = rows.iter().map(|&(t, _)| f64::from(y[t - 1])).collect();
    let max_y = yy.iter().cloned().fold(0.0, f64::max);
    let p = cfg.no_periods;

    let mut kept_trend = None;
    let mut chosen = None;
    if cfg.trend {
        let (d, x0) = design(&rows, k, p, true);
        // Without convergence R refits without the trend.
        if let Some(m) = fit_reweighted(&d, &yy, cfg.weights_threshold) {
            let eta0: f64 = x0.iter().zip(&m.fit.beta).map(|(x, b)| x * b).sum();
            let se_b = (m.disp_q * m.fit.a[d.q + 1]).sqrt();
            let p_trend = trend_p_value(m.fit.beta[1] / se_b, m.df).unwrap_or(f64::NAN);
            if cfg.b >= 3 && p_trend < cfg.p_threshold_trend && eta0.exp() <= max_y {
                kept_trend = Some(m.fit.beta[1]);
                chosen = Some((m, x0));
            }
        }
    }
    let (m, x0) = match chosen {
        Some(c) => c,
        None => {
            let (d, x0) = design(&rows, k, p, false);
            (fit_reweighted(&d, &yy, cfg.weights_threshold)?, x0)
        }
    };

    let eta0: f64 = x0.iter().zip(&m.fit.beta).map(|(x, b)| x * b).sum();
    let se_eta = (m.disp_q * quad(&m.fit.a, &x0)).sqrt();
    let mu0 = eta0.exp();
    let z = Normal::new(0.0, 1.0).ok()?.inverse_cdf(1.0 - cfg.alpha);
    let mu0_upper = (eta0 + z * se_eta).exp();
    let observed = y[k - 1];
    let (upper_plugin, p_plugin) = threshold(mu0, m.phi, cfg.alpha, observed)?;
    let (upper_muan, p_muan) = threshold(mu0_upper, m.phi, cfg.alpha, observed)?;
    let yk = f64::from(observed);
    let last = cfg.limit54.1.min(k);
    let recent: u32 = y[k - last..k].iter().sum();
    Some(Outcome {
        mu0,
        mu0_upper,
        phi: m.phi,
        trend: kept_trend,
        upper_plugin,
        upper_muan,
        p_plugin,
        p_muan,
        score_plugin: (yk - eta0) / (upper_plugin as f64 - eta0),
        score_muan: (yk - eta0) / (upper_muan as f64 - eta0),
        enough: recent >= cfg.limit54.0,
        observed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_match_the_note() {
        let cfg = Config::noufaily(5);
        let rows = baseline(312, &cfg).unwrap();
        // 52b - 23 rows, from k - 52b - 3 to k - 27.
        assert_eq!(rows.len(), 237);
        assert_eq!(rows.first().unwrap(), &(312 - 260 - 3, 10));
        assert_eq!(rows.last().unwrap().0, 312 - 27);
        // The reference window a year back is level 10, the gap after it has 9 blocks of 5.
        let at = |t: usize| rows.iter().find(|r| r.0 == t).map(|r| r.1);
        assert_eq!(at(260 - 3), Some(10));
        assert_eq!(at(260 + 3), Some(10));
        assert_eq!(at(260 + 4), Some(1));
        assert_eq!(at(312 - 26), None, "inside the 26 weeks left out");
        assert_eq!(at(208 + 4), Some(1));
        assert_eq!(at(208 + 8), Some(1));
        assert_eq!(at(208 + 9), Some(2));
        assert_eq!(at(208 + 48), Some(9));
        assert!(baseline(263, &cfg).is_none(), "too early for b = 5");
        assert!(baseline(264, &cfg).is_some());
    }

    #[test]
    fn cholesky_inverts() {
        let a = [4.0, 2.0, 0.6, 2.0, 5.0, 1.0, 0.6, 1.0, 3.0];
        let l = cholesky(&a, 3).unwrap();
        let inv = cholesky_inverse(&l, 3);
        for r in 0..3 {
            for c in 0..3 {
                let v: f64 = (0..3).map(|m| a[r * 3 + m] * inv[m * 3 + c]).sum();
                assert!((v - f64::from(u8::from(r == c))).abs() < 1e-12);
            }
        }
        assert!(cholesky(&[1.0, 2.0, 2.0, 1.0], 2).is_none(), "not positive definite");
    }

    #[test]
    fn quantile_is_the_smallest_reaching_the_target() {
        let (u, p) = threshold(1.0, 1.0, 0.005, 0).unwrap();
        // qpois(0.995, 1) = 4; ppois(-1) upper = 1.
        assert_eq!((u, p), (4, 1.0));
        let (_, p) = threshold(1.0, 1.0, 0.005, 3).unwrap();
        // 1 - ppois(2, 1) = 0.0803014
        assert!((p - 0.080_301_397_071_394_2).abs() < 1e-12);
        // The smallest u reaching the target, from any start, near or far.
        let steps = |x: u64| (x / 7) as f64 / 100.0;
        for (mean, target) in [(0.0, 0.005), (0.0, 0.02), (50.0, 0.5), (3000.0, 0.9), (10.0, 0.0)] {
            let u = quantile(steps, mean, target);
            assert!(steps(u) >= target && (u == 0 || steps(u - 1) < target), "{mean} {target}: {u}");
        }
    }
}
