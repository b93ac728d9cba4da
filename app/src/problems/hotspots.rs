//! Candidate problems the hub proposes to analysts, each with the reason it was proposed:
//!
//! - **Rise**: a neighbourhood's reports of one category family in the last 28 days, against
//!   that neighbourhood's own baseline (the mean of the twelve 28-day periods before). Proposed
//!   when there are at least 5, at least twice the baseline, and that many would happen by
//!   chance less than once in ten thousand times (Poisson).
//! - **Repeat place**: reports of one family in the last 91 days within one ~165 m grid cell,
//!   against what the neighbourhood's reports of that family would put in a cell of that size
//!   if spread evenly. At least 5, and less than one in a hundred thousand by chance that any
//!   cell of the neighbourhood would hold that many.
//! - **Repeat victim**: one resident (verified contact details, or reports an officer linked as
//!   repeats) reporting 3 or more times in 91 days. Only the count and the report references
//!   are shown, never who they are.

use crate::reporting::Family;
use serde::{Deserialize, Serialize};

pub const RECENT_DAYS: i64 = 28;
pub const BASELINE_PERIODS: i64 = 12;
pub const PLACE_DAYS: i64 = 91;
pub const MIN_RISE: i64 = 5;
pub const MIN_PLACE: i64 = 5;
pub const MIN_REPEATS: usize = 3;
/// Hundreds of neighbourhood-and-family series are tested at once, so only very unlikely counts
/// are proposed (fewer than one false alarm in a hundred scans of a large partnership).
const RISE_P: f64 = 0.0001;
/// For a place: the chance that *any* cell of the neighbourhood would reach the count.
const PLACE_P: f64 = 0.00001;

pub use crate::db::problems::AreaCounts;

/// Reports of one family in one grid cell of a neighbourhood over the last 91 days.
#[derive(Clone, Debug, PartialEq)]
pub struct CellCount {
    pub neighbourhood_id: i64,
    pub family: Family,
    /// The cell's centre (lat, lon).
    pub centre: (f64, f64),
    pub references: Vec<String>,
}

/// What the expected count of a cell is measured against.
#[derive(Clone, Debug, PartialEq)]
pub struct NeighbourhoodFamily {
    pub neighbourhood_id: i64,
    pub family: Family,
    /// Reports with a point over the last 91 days.
    pub located: i64,
    /// The neighbourhood's area divided by a cell's: how many cells the reports could fall in.
    pub cells: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Rise,
    RepeatPlace,
    RepeatVictim,
}

/// A candidate problem and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: Kind,
    pub neighbourhood_id: i64,
    pub family: Family,
    pub count: i64,
    /// What would be usual (baseline mean, or an even spread); not used for repeat victims.
    pub expected: f64,
    /// The chance of at least `count` if nothing had changed.
    pub p: f64,
    pub centre: Option<(f64, f64)>,
    /// The reports behind it (most recent first), so the analyst can open them.
    pub references: Vec<String>,
}

/// P(X >= k) for X ~ Poisson(lambda), from `statrs` (regularised incomplete gamma), accurate
/// far into the tail where summing terms loses everything.
pub fn poisson_at_least(k: i64, lambda: f64) -> f64 {
    use statrs::distribution::{DiscreteCDF, Poisson};
    if k <= 0 {
        return 1.0;
    }
    match Poisson::new(lambda) {
        // P(X >= k) = P(X > k - 1)
        Ok(poisson) => poisson.sf(k as u64 - 1),
        Err(_) => 0.0, // no rate at all: nothing is expected
    }
}

/// P(X >= k) for X ~ Binomial(n, q), from `statrs` (regularised incomplete beta).
pub fn binomial_at_least(k: i64, n: i64, q: f64) -> f64 {
    use statrs::distribution::{Binomial, DiscreteCDF};
    if k <= 0 {
        return 1.0;
    }
    if k > n || q <= 0.0 {
        return 0.0;
    }
    match Binomial::new(q.min(1.0), n as u64) {
        Ok(binomial) => binomial.sf(k as u64 - 1),
        Err(_) => 0.0,
    }
}

/// Rises against each neighbourhood's own baseline. If nothing had changed, each of the 13
/// periods would be equally likely to hold any one of the reports, so the recent period's share
/// of them all is Binomial(total, 1/13): this allows for the baseline being an estimate too.
pub fn rises(areas: &[AreaCounts]) -> Vec<Suggestion> {
    areas
        .iter()
        .filter_map(|a| {
            // A neighbourhood with no history still has a small expected rate, not zero.
            let expected = (a.baseline_total as f64 / BASELINE_PERIODS as f64).max(0.5);
            let p = if a.baseline_total == 0 {
                poisson_at_least(a.recent, expected)
            } else {
                binomial_at_least(a.recent, a.recent + a.baseline_total, 1.0 / (BASELINE_PERIODS + 1) as f64)
            };
            (a.recent >= MIN_RISE && a.recent as f64 >= 2.0 * expected && p < RISE_P).then(|| Suggestion {
                kind: Kind::Rise,
                neighbourhood_id: a.neighbourhood_id,
                family: a.family,
                count: a.recent,
                expected,
                p,
                centre: None,
                references: Vec::new(),
            })
        })
        .collect()
}

/// Groups recent reports with a point into grid cells per neighbourhood and family.
pub fn cells(reports: &[crate::db::problems::RecentReport]) -> Vec<CellCount> {
    // Keyed by the family's stored spelling too, so cells come out in the same order as ever.
    let mut by_cell: std::collections::BTreeMap<(i64, &str, Family, i64, i64), Vec<String>> =
        std::collections::BTreeMap::new();
    for r in reports.iter().rev() {
        let (Some(lat), Some(lon)) = (r.lat, r.lon) else { continue };
        let key = (
            (lat / crate::open311::SNAP_LAT).floor() as i64,
            (lon / crate::open311::SNAP_LON).floor() as i64,
        );
        by_cell
            .entry((r.neighbourhood_id, r.family.as_str(), r.family, key.0, key.1))
            .or_default()
            .push(r.reference.clone());
    }
    by_cell
        .into_iter()
        .map(|((neighbourhood_id, _, family, y, x), references)| CellCount {
            neighbourhood_id,
            family,
            centre: crate::open311::snap(
                (y as f64 + 0.5) * crate::open311::SNAP_LAT,
                (x as f64 + 0.5) * crate::open311::SNAP_LON,
            ),
            references,
        })
        .collect()
}

/// Grid cells holding far more than an even spread would put there.
pub fn repeat_places(cells: &[CellCount], spread: &[NeighbourhoodFamily]) -> Vec<Suggestion> {
    cells
        .iter()
        .filter_map(|c| {
            let base =
                spread.iter().find(|s| s.neighbourhood_id == c.neighbourhood_id && s.family == c.family)?;
            let count = c.references.len() as i64;
            let cells = base.cells.max(1.0);
            let expected = base.located as f64 / cells;
            // Any of the neighbourhood's cells could have been the one: the chance that one is.
            let p = (poisson_at_least(count, expected) * cells).min(1.0);
            (count >= MIN_PLACE && p < PLACE_P).then(|| Suggestion {
                kind: Kind::RepeatPlace,
                neighbourhood_id: c.neighbourhood_id,
                family: c.family,
                count,
                expected,
                p,
                centre: Some(c.centre),
                references: c.references.clone(),
            })
        })
        .collect()
}

/// One report as repeat-victim detection sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct VictimReport {
    pub id: i64,
    pub reference: String,
    pub neighbourhood_id: i64,
    pub family: Family,
    /// Verified contact details (already reduced to a matching key), if any.
    pub identity: Option<String>,
}

/// Groups of reports by one resident: the same verified identity, or joined by repeat links
/// (`(report id, report id)`). Groups of at least three are proposed.
pub fn repeat_victims(reports: &[VictimReport], links: &[(i64, i64)]) -> Vec<Suggestion> {
    let index: std::collections::HashMap<i64, usize> =
        reports.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut parent: Vec<usize> = (0..reports.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let mut by_identity: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(id) = r.identity.as_deref() {
            match by_identity.get(id) {
                Some(&first) => union(&mut parent, first, i),
                None => {
                    by_identity.insert(id, i);
                }
            }
        }
    }
    for (a, b) in links {
        if let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) {
            union(&mut parent, a, b);
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for i in 0..reports.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups
        .into_values()
        .filter(|g| g.len() >= MIN_REPEATS)
        .map(|g| {
            let first = &reports[g[0]];
            // The neighbourhood and family most of the group's reports are about.
            let most = |f: &dyn Fn(&VictimReport) -> String| {
                let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
                for &i in &g {
                    *counts.entry(f(&reports[i])).or_default() += 1;
                }
                counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k).unwrap_or_default()
            };
            let family = Family::parse(&most(&|r| r.family.as_str().to_string())).unwrap_or(first.family);
            let neighbourhood_id =
                most(&|r| r.neighbourhood_id.to_string()).parse().unwrap_or(first.neighbourhood_id);
            Suggestion {
                kind: Kind::RepeatVictim,
                neighbourhood_id,
                family,
                count: g.len() as i64,
                expected: 0.0,
                p: 0.0,
                centre: None,
                references: g.iter().rev().map(|&i| reports[i].reference.clone()).collect(),
            }
        })
        .collect()
}

/// Strongest first: repeat victims (a person at risk), then by how unlikely by chance.
pub fn rank(mut suggestions: Vec<Suggestion>) -> Vec<Suggestion> {
    suggestions.sort_by(|a, b| {
        let victim = |s: &Suggestion| s.kind != Kind::RepeatVictim;
        victim(a).cmp(&victim(b)).then(a.p.total_cmp(&b.p)).then(b.count.cmp(&a.count))
    });
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.max(1e-12).max(1.0) || (a / b - 1.0).abs() < 1e-6
    }

    #[test]
    fn poisson_tail_against_hand_computed_values() {
        // P(X >= 1 | 2) = 1 - e^-2 = 0.8646647
        assert!(close(poisson_at_least(1, 2.0), 0.864_664_7));
        // P(X >= 5 | 1) = 1 - e^-1 (1 + 1 + 1/2 + 1/6 + 1/24) = 0.0036599
        assert!(close(poisson_at_least(5, 1.0), 0.003_659_846_8), "{}", poisson_at_least(5, 1.0));
        // P(X >= 10 | 2) = 4.6498e-5
        assert!((poisson_at_least(10, 2.0) - 4.649_8e-5).abs() < 1e-8, "{}", poisson_at_least(10, 2.0));
        assert_eq!(poisson_at_least(0, 3.0), 1.0);
        assert_eq!(poisson_at_least(3, 0.0), 0.0);
    }

    #[test]
    fn binomial_tail_against_hand_computed_values() {
        // P(X >= 2 | Bin(3, 0.5)) = 4/8
        assert!(close(binomial_at_least(2, 3, 0.5), 0.5));
        // P(X >= 10 | Bin(10, 0.5)) = 1/1024
        assert!(close(binomial_at_least(10, 10, 0.5), 1.0 / 1024.0));
        // P(X >= 3 | Bin(30, 0.1)) = 1 - (0.9^30 + 30·0.1·0.9^29 + 435·0.01·0.9^28) = 0.588649
        assert!(
            (binomial_at_least(3, 30, 0.1) - 0.588_649).abs() < 1e-5,
            "{}",
            binomial_at_least(3, 30, 0.1)
        );
        assert_eq!(binomial_at_least(5, 4, 0.5), 0.0);
    }

    /// Far tails, where a sum of terms underflows or cancels: references computed with mpmath at
    /// 50 significant digits (`gammainc(k, 0, lambda, regularized=True)` and
    /// `betainc(k, n - k + 1, 0, q, regularized=True)`).
    #[test]
    fn far_tails_keep_their_size() {
        let relative = |got: f64, want: f64| ((got - want) / want).abs();
        for (k, lambda, want) in [
            (60, 5.0, 7.649_610_081_15e-43),
            (400, 100.0, 7.737_430_118_17e-113),
            (30, 1.0, 1.433_081_416_72e-33),
        ] {
            let got = poisson_at_least(k, lambda);
            assert!(relative(got, want) < 1e-6, "Poisson({lambda}) >= {k}: {got} vs {want}");
        }
        for (k, n, q, want) in [
            (900, 1000, 0.5, 6.701_717_790_01e-162),
            (60, 60, 0.2, 1.152_921_504_61e-42),
            (200, 400, 0.1, 8.164_977_150_41e-91),
        ] {
            let got = binomial_at_least(k, n, q);
            assert!(relative(got, want) < 1e-6, "Bin({n}, {q}) >= {k}: {got} vs {want}");
        }
    }

    /// A small deterministic generator, so the test data is the same on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
        /// Knuth's Poisson sampler.
        fn poisson(&mut self, lambda: f64) -> i64 {
            let l = (-lambda).exp();
            let (mut k, mut p) = (0, 1.0);
            loop {
                p *= self.next();
                if p <= l {
                    return k;
                }
                k += 1;
            }
        }
    }

    const FAMILIES: [&str; 5] = ["asb", "environmental", "vehicle", "drugs", "abuse"];

    /// 60 neighbourhoods × 5 families of ordinary noise (each with its own usual rate), with a
    /// rise planted in neighbourhood 17's "drugs".
    fn areas(seed: u64) -> Vec<AreaCounts> {
        let mut rng = Rng(seed);
        let mut out = Vec::new();
        for n in 0..60 {
            for f in FAMILIES {
                let usual = 0.5 + rng.next() * 12.0;
                let baseline_total = (0..BASELINE_PERIODS).map(|_| rng.poisson(usual)).sum();
                let mut recent = rng.poisson(usual);
                if n == 17 && f == "drugs" {
                    recent = rng.poisson(usual * 3.0 + 10.0);
                }
                out.push(AreaCounts {
                    neighbourhood_id: n,
                    family: Family::parse(f).unwrap(),
                    recent,
                    baseline_total,
                });
            }
        }
        out
    }

    #[test]
    fn a_planted_rise_is_found_and_noise_is_not() {
        for seed in 1..=20 {
            let found = rises(&areas(seed));
            assert_eq!(found.len(), 1, "seed {seed}: {found:?}");
            assert_eq!((found[0].neighbourhood_id, found[0].family.as_str()), (17, "drugs"), "seed {seed}");
            assert!(found[0].p < RISE_P && found[0].count as f64 >= 2.0 * found[0].expected);
        }
    }

    #[test]
    fn a_new_problem_in_a_quiet_place_is_found() {
        let found =
            rises(&[AreaCounts { neighbourhood_id: 1, family: Family::Asb, recent: 6, baseline_total: 0 }]);
        assert_eq!(found.len(), 1, "6 where there were none: expected 0.5, p = 1.4e-5");
        assert!(
            rises(&[AreaCounts { neighbourhood_id: 1, family: Family::Asb, recent: 4, baseline_total: 0 }])
                .is_empty(),
            "below the minimum"
        );
    }

    #[test]
    fn a_planted_repeat_place_is_found_and_spread_reports_are_not() {
        for seed in 1..=20 {
            let mut rng = Rng(seed);
            // 40 neighbourhoods of 200 cells; each family's located reports fall in random cells.
            let (mut cells, mut spread) = (Vec::new(), Vec::new());
            for n in 0..40 {
                for f in FAMILIES {
                    let located = rng.poisson(30.0);
                    let mut by_cell: std::collections::BTreeMap<usize, Vec<String>> =
                        std::collections::BTreeMap::new();
                    for i in 0..located {
                        by_cell
                            .entry((rng.next() * 200.0) as usize)
                            .or_default()
                            .push(format!("R{n}-{f}-{i}"));
                    }
                    let mut located = located;
                    if n == 9 && f == "asb" {
                        // Eight reports about one stretch of street.
                        by_cell.entry(1_000).or_default().extend((0..8).map(|i| format!("P{i}")));
                        located += 8;
                    }
                    for (cell, references) in by_cell {
                        cells.push(CellCount {
                            neighbourhood_id: n,
                            family: Family::parse(f).unwrap(),
                            centre: (51.0 + cell as f64 * 0.001, -3.0),
                            references,
                        });
                    }
                    spread.push(NeighbourhoodFamily {
                        neighbourhood_id: n,
                        family: Family::parse(f).unwrap(),
                        located,
                        cells: 200.0,
                    });
                }
            }
            let found = repeat_places(&cells, &spread);
            assert_eq!(found.len(), 1, "seed {seed}: {found:?}");
            assert_eq!((found[0].neighbourhood_id, found[0].family.as_str()), (9, "asb"));
            assert!(found[0].references.iter().all(|r| r.starts_with('P')) && found[0].references.len() == 8);
        }
    }

    #[test]
    fn repeat_victims_by_verified_identity_or_links_without_naming_them() {
        let r = |id: i64, identity: Option<&str>| VictimReport {
            id,
            reference: format!("CYM-26-{id:06}"),
            neighbourhood_id: 3,
            family: Family::Asb,
            identity: identity.map(String::from),
        };
        let reports = vec![
            r(1, Some("a@x")),
            r(2, Some("a@x")),
            r(3, None),
            r(4, Some("b@x")),
            r(5, None),
            r(6, None),
            r(7, Some("a@x")),
            r(8, Some("c@x")),
        ];
        // Report 3 was linked as a repeat of 4, and 5 of 3: b's three reports (one verified).
        let found = repeat_victims(&reports, &[(3, 4), (5, 3)]);
        assert_eq!(found.len(), 2, "{found:?}");
        let refs: Vec<Vec<String>> = found.iter().map(|s| s.references.clone()).collect();
        assert!(refs.contains(&vec!["CYM-26-000007".into(), "CYM-26-000002".into(), "CYM-26-000001".into()]));
        assert!(refs.contains(&vec!["CYM-26-000005".into(), "CYM-26-000004".into(), "CYM-26-000003".into()]));
        assert!(format!("{found:?}").find("@x").is_none(), "identities never leave detection");
        assert!(repeat_victims(&reports[..2], &[]).is_empty(), "two reports are not a pattern yet");
    }
}
