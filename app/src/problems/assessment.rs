//! The Assessment stage, computed by the hub: reports in the profile's area and categories over
//! equal windows before and after the response started, the rate ratio with a 95% confidence
//! interval, the same for the rest of the CSP as background, and for neighbouring areas to look
//! for displacement. Plain arithmetic on counts, so it can be checked by hand.

use serde::{Deserialize, Serialize};

/// z for a two-sided 95% interval (the normal distribution's 97.5th percentile, from `statrs`).
fn z95() -> f64 {
    use statrs::distribution::{ContinuousCDF, Normal};
    static Z: std::sync::LazyLock<f64> = std::sync::LazyLock::new(|| Normal::standard().inverse_cdf(0.975));
    *Z
}

/// A period of time, Unix seconds, `from` inclusive and `to` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub from: i64,
    pub to: i64,
}

impl Window {
    pub fn days(&self) -> i64 {
        (self.to - self.from) / 86_400
    }
}

/// Why windows cannot be compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowProblem {
    /// Before and after must be the same length, or the counts are not comparable.
    Unequal,
    /// A window of no time.
    Empty,
    /// The windows overlap, or "after" comes first.
    Order,
    /// The after window has not finished yet.
    NotOver,
}

/// The before and after windows of `days` days around the day the response started.
pub fn windows(
    response_started: i64,
    before_days: i64,
    after_days: i64,
    now: i64,
) -> Result<(Window, Window), WindowProblem> {
    if before_days != after_days {
        return Err(WindowProblem::Unequal);
    }
    if before_days <= 0 {
        return Err(WindowProblem::Empty);
    }
    let before = Window { from: response_started - before_days * 86_400, to: response_started };
    let after = Window { from: response_started, to: response_started + after_days * 86_400 };
    if after.to > now {
        return Err(WindowProblem::NotOver);
    }
    check(before, after).map(|_| (before, after))
}

/// Checks two windows given explicitly.
pub fn check(before: Window, after: Window) -> Result<(), WindowProblem> {
    if before.to <= before.from || after.to <= after.from {
        return Err(WindowProblem::Empty);
    }
    if before.to - before.from != after.to - after.from {
        return Err(WindowProblem::Unequal);
    }
    if before.to > after.from {
        return Err(WindowProblem::Order);
    }
    Ok(())
}

/// What the numbers say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// No reports in either window.
    NoReports,
    /// The whole 95% interval is below 1.
    Fell,
    /// The whole 95% interval is above 1.
    Rose,
    /// The interval includes 1.
    NoClearChange,
}

/// Reports before and after, and the rate ratio after/before with its 95% interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateChange {
    pub before: i64,
    pub after: i64,
    /// after / before; `None` when there were none before.
    pub ratio: Option<f64>,
    /// The 95% interval (log method; with 0.5 added to each count when one is zero).
    pub low: f64,
    pub high: f64,
    pub verdict: Verdict,
}

impl RateChange {
    /// The change in per cent (after against before), when there were reports before.
    pub fn percent(&self) -> Option<f64> {
        self.ratio.map(|r| (r - 1.0) * 100.0)
    }
}

/// Compares counts over two equal windows.
pub fn compare(before: i64, after: i64) -> RateChange {
    if before == 0 && after == 0 {
        return RateChange {
            before,
            after,
            ratio: None,
            low: 0.0,
            high: f64::INFINITY,
            verdict: Verdict::NoReports,
        };
    }
    let ratio = (before > 0).then(|| after as f64 / before as f64);
    // Haldane's correction when a count is zero, so the interval exists.
    let (b, a) = if before == 0 || after == 0 {
        (before as f64 + 0.5, after as f64 + 0.5)
    } else {
        (before as f64, after as f64)
    };
    let log = (a / b).ln();
    let se = (1.0 / a + 1.0 / b).sqrt();
    let (low, high) = ((log - z95() * se).exp(), (log + z95() * se).exp());
    RateChange { before, after, ratio, low, high, verdict: verdict(low, high) }
}

/// Compares counts over windows of different lengths (quarters of 90 to 92 days): the ratio of
/// the daily rates, with the same interval as `compare` (the lengths are known exactly).
pub fn compare_rates(before: i64, before_days: i64, after: i64, after_days: i64) -> RateChange {
    let mut c = compare(before, after);
    if before_days > 0 && after_days > 0 && before_days != after_days {
        let scale = before_days as f64 / after_days as f64;
        c.ratio = c.ratio.map(|r| r * scale);
        c.low *= scale;
        c.high *= scale;
        if c.verdict != Verdict::NoReports {
            c.verdict = verdict(c.low, c.high);
        }
    }
    c
}

fn verdict(low: f64, high: f64) -> Verdict {
    if high < 1.0 {
        Verdict::Fell
    } else if low > 1.0 {
        Verdict::Rose
    } else {
        Verdict::NoClearChange
    }
}

/// The area's change against the background's: the ratio of the two rate ratios, with its
/// interval. Below 1 means the area improved more than the rest of the CSP.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relative {
    pub ratio: f64,
    pub low: f64,
    pub high: f64,
    pub verdict: Verdict,
}

pub fn relative(area: &RateChange, background: &RateChange) -> Option<Relative> {
    let counts = [area.before, area.after, background.before, background.after];
    if counts.contains(&0) {
        return None;
    }
    let [ab, aa, bb, ba] = counts.map(|c| c as f64);
    let log = (aa / ab).ln() - (ba / bb).ln();
    let se = (1.0 / ab + 1.0 / aa + 1.0 / bb + 1.0 / ba).sqrt();
    let (low, high) = ((log - z95() * se).exp(), (log + z95() * se).exp());
    Some(Relative { ratio: log.exp(), low, high, verdict: verdict(low, high) })
}

/// The whole computed assessment of a profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub before: Window,
    pub after: Window,
    pub area: RateChange,
    /// The rest of the CSP, same categories and windows.
    pub background: RateChange,
    pub relative: Option<Relative>,
    /// Neighbouring areas: a rise there while the area fell suggests displacement.
    pub neighbours: RateChange,
    pub displacement_suspected: bool,
}

pub fn assess(
    before: Window,
    after: Window,
    area: (i64, i64),
    background: (i64, i64),
    neighbours: (i64, i64),
) -> Assessment {
    let area = compare(area.0, area.1);
    let background = compare(background.0, background.1);
    let neighbours = compare(neighbours.0, neighbours.1);
    Assessment {
        before,
        after,
        relative: relative(&area, &background),
        displacement_suspected: area.verdict == Verdict::Fell && neighbours.verdict == Verdict::Rose,
        area,
        background,
        neighbours,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.001
    }

    #[test]
    fn rates_over_unequal_quarters() {
        // 90 reports in 90 days, then 92 in 92 days: the same daily rate, ratio 1.
        let c = compare_rates(90, 90, 92, 92);
        assert!(close(c.ratio.unwrap(), 1.0), "{c:?}");
        assert_eq!(c.verdict, Verdict::NoClearChange);
        // Equal lengths: the same as `compare`.
        assert_eq!(compare_rates(40, 91, 20, 91), compare(40, 20));
    }

    #[test]
    fn a_halving_is_a_significant_fall() {
        // 40 before, 20 after: RR 0.5; se = sqrt(1/20 + 1/40) = 0.27386;
        // 95% CI = exp(ln 0.5 ± 1.96 × 0.27386) = 0.2923 .. 0.8552.
        let c = compare(40, 20);
        assert!(close(c.ratio.unwrap(), 0.5));
        assert!(close(c.low, 0.2923) && close(c.high, 0.8552), "{c:?}");
        assert_eq!(c.verdict, Verdict::Fell);
        assert!(close(c.percent().unwrap(), -50.0));
    }

    #[test]
    fn small_changes_are_not_called() {
        // 12 before, 10 after: RR 0.8333; se = sqrt(1/10 + 1/12) = 0.42817; CI 0.3600 .. 1.9288.
        let c = compare(12, 10);
        assert!(close(c.low, 0.3600) && close(c.high, 1.9288), "{c:?}");
        assert_eq!(c.verdict, Verdict::NoClearChange);
        // A rise: 10 before, 30 after: RR 3; se = sqrt(1/30 + 1/10) = 0.36515; CI 1.4666 .. 6.1367.
        let r = compare(10, 30);
        assert!(close(r.low, 1.4666) && close(r.high, 6.1367), "{r:?}");
        assert_eq!(r.verdict, Verdict::Rose);
    }

    #[test]
    fn zero_counts() {
        assert_eq!(compare(0, 0).verdict, Verdict::NoReports);
        // None before, 5 after: no ratio; with 0.5 added: 5.5/0.5 = 11, se = sqrt(1/5.5 + 1/0.5) = 1.47710,
        // CI = exp(ln 11 ± 2.89507) = 0.6083 .. 198.9.
        let c = compare(0, 5);
        assert_eq!(c.ratio, None);
        assert!(close(c.low, 0.6083) && (c.high - 198.9).abs() < 0.5, "{c:?}");
        assert_eq!(c.verdict, Verdict::NoClearChange);
        // 8 before, none after: 0.5/8.5 = 0.0588, se = sqrt(1/0.5 + 1/8.5) = 1.45521, CI 0.0034 .. 1.0191.
        let d = compare(8, 0);
        assert!(close(d.ratio.unwrap(), 0.0));
        assert!(close(d.low, 0.0034) && close(d.high, 1.0191), "{d:?}");
        assert_eq!(d.verdict, Verdict::NoClearChange, "eight to none is not proof on its own");
    }

    #[test]
    fn windows_must_be_equal_and_over() {
        let start = 1_790_000_000;
        let now = start + 100 * 86_400;
        let (before, after) = windows(start, 28, 28, now).unwrap();
        assert_eq!((before.days(), after.days()), (28, 28));
        assert_eq!(before.to, after.from);
        assert_eq!(windows(start, 28, 14, now).unwrap_err(), WindowProblem::Unequal);
        assert_eq!(windows(start, 0, 0, now).unwrap_err(), WindowProblem::Empty);
        assert_eq!(windows(start, 200, 200, now).unwrap_err(), WindowProblem::NotOver);
        let w = |from: i64, days: i64| Window { from, to: from + days * 86_400 };
        assert_eq!(check(w(start, 10), w(start + 5 * 86_400, 10)).unwrap_err(), WindowProblem::Order);
        assert_eq!(check(w(start, 10), w(start + 20 * 86_400, 11)).unwrap_err(), WindowProblem::Unequal);
    }

    #[test]
    fn background_and_displacement() {
        // Area halves (40 -> 20) while the CSP is flat (400 -> 400): relative 0.5,
        // se = sqrt(1/40 + 1/20 + 1/400 + 1/400) = 0.28284, CI 0.2872 .. 0.8704.
        let before = Window { from: 0, to: 28 * 86_400 };
        let after = Window { from: 28 * 86_400, to: 56 * 86_400 };
        let a = assess(before, after, (40, 20), (400, 400), (30, 60));
        let rel = a.relative.unwrap();
        assert!(close(rel.ratio, 0.5) && close(rel.low, 0.2872) && close(rel.high, 0.8704), "{rel:?}");
        assert_eq!(rel.verdict, Verdict::Fell);
        assert!(a.displacement_suspected, "neighbours doubled while the area fell");
        let b = assess(before, after, (40, 20), (400, 200), (30, 30));
        assert_eq!(b.relative.unwrap().verdict, Verdict::NoClearChange, "the whole CSP fell as much");
        assert!(!b.displacement_suspected);
        assert!(assess(before, after, (0, 5), (10, 10), (1, 1)).relative.is_none());
    }
}
