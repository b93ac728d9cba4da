//! The weekly series a partnership's signals are tested on (issue 15, part 3), as plain data.
//!
//! Counts are small in a neighbourhood, so tests run where counts allow: the whole partnership,
//! and each neighbourhood's **cluster** (the neighbourhood with the neighbourhoods bordering it in
//! the same partnership), each as weekly counts and as rolling four-week counts. A signal in a
//! cluster is shown on its centre neighbourhood's picture; the partnership's on every one.

use crate::reporting::Family;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// What a series counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Counted {
    /// Intelligence items tagged with community tension (evidenced, experienced or potential).
    TensionIntelligence,
    /// Residents' reports of one family (hate by default; a partnership may add others).
    Reports(Family),
}

impl Counted {
    /// The stored name: `intelligence_tension`, `reports_hate`, ...
    pub fn key(self) -> String {
        match self {
            Counted::TensionIntelligence => "intelligence_tension".into(),
            Counted::Reports(f) => format!("reports_{}", f.as_str()),
        }
    }

    pub fn parse(key: &str) -> Option<Counted> {
        if key == "intelligence_tension" {
            return Some(Counted::TensionIntelligence);
        }
        let family = key.strip_prefix("reports_")?;
        Family::ALL.iter().copied().find(|f| f.as_str() == family).map(Counted::Reports)
    }
}

/// The families every partnership's signals count, before its own choices.
pub const DEFAULT_COUNTED: [Counted; 2] = [Counted::TensionIntelligence, Counted::Reports(Family::Hate)];

/// The series a partnership tests: the defaults and the report families it chose (stored as
/// a comma-separated list of family names; unknown names are ignored), without repeats.
pub fn counted_for(chosen: &str) -> Vec<Counted> {
    let mut out = DEFAULT_COUNTED.to_vec();
    for name in chosen.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if let Some(f) = Family::ALL.iter().copied().find(|f| f.as_str() == name) {
            if !out.contains(&Counted::Reports(f)) {
                out.push(Counted::Reports(f));
            }
        }
    }
    out
}

/// Where a series is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    Partnership,
    /// A neighbourhood and its bordering neighbourhoods in the same partnership.
    Cluster { centre: i64 },
}

/// One series to test: what, where, weekly or rolling four weeks, and its counts (oldest first,
/// ending with the week tested).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub counted: Counted,
    pub area: Area,
    pub four_weeks: bool,
    pub counts: Vec<u32>,
}

impl Series {
    /// The stored key, unique within a partnership's week: `reports_hate:cluster:12:four_weeks`.
    pub fn key(&self) -> String {
        let area = match self.area {
            Area::Partnership => "partnership".to_string(),
            Area::Cluster { centre } => format!("cluster:{centre}"),
        };
        format!("{}:{area}:{}", self.counted.key(), if self.four_weeks { "four_weeks" } else { "week" })
    }

    /// Its share of the partnership's alarm budget before normalising: the partnership's own
    /// series count twice a cluster's (section 5 of the method note in the README).
    pub fn weight(&self) -> f64 {
        match self.area {
            Area::Partnership => 2.0,
            Area::Cluster { .. } => 1.0,
        }
    }
}

/// Weekly counts per neighbourhood and counted family over a run of weeks.
#[derive(Debug, Default)]
pub struct WeeklyCounts {
    /// The Monday of the first week held.
    pub first: Option<NaiveDate>,
    pub weeks: usize,
    counts: HashMap<(i64, Counted), Vec<u32>>,
}

impl WeeklyCounts {
    /// Empty counts for `weeks` weeks starting on the Monday `first`.
    pub fn new(first: NaiveDate, weeks: usize) -> WeeklyCounts {
        WeeklyCounts { first: Some(first), weeks, counts: HashMap::new() }
    }

    /// Adds `count` events of `counted` in `neighbourhood` during the week starting `week`;
    /// weeks outside the run are ignored.
    pub fn add(&mut self, neighbourhood: i64, counted: Counted, week: NaiveDate, count: u32) {
        let Some(first) = self.first else { return };
        let index = super::weeks::weeks_between(first, week);
        if index < 0 || index as usize >= self.weeks {
            return;
        }
        let weeks = self.weeks;
        self.counts.entry((neighbourhood, counted)).or_insert_with(|| vec![0; weeks])[index as usize] += count;
    }

    /// The summed weekly counts of these neighbourhoods, from week index `from` to the end.
    pub fn sum(&self, neighbourhoods: &[i64], counted: Counted, from: usize) -> Vec<u32> {
        let mut out = vec![0; self.weeks.saturating_sub(from)];
        for n in neighbourhoods {
            if let Some(c) = self.counts.get(&(*n, counted)) {
                for (o, v) in out.iter_mut().zip(&c[from.min(c.len())..]) {
                    *o += v;
                }
            }
        }
        out
    }
}

/// A partnership as its series need it: its neighbourhoods with their bordering neighbourhoods
/// (any partnership's), the families it counts, and the week its history starts (its first
/// report's week; weeks before the hub was used are not zeros, they are unknown).
#[derive(Clone, Debug)]
pub struct PartnershipSeriesPlan {
    pub csp_id: i64,
    pub neighbourhoods: BTreeMap<i64, Vec<i64>>,
    pub counted: Vec<Counted>,
    pub history_from: NaiveDate,
}

/// Every series of one partnership, ending with the week the counts end with.
pub fn series_of(plan: &PartnershipSeriesPlan, counts: &WeeklyCounts) -> Vec<Series> {
    let Some(first) = counts.first else { return Vec::new() };
    let from = super::weeks::weeks_between(first, plan.history_from).max(0) as usize;
    if from >= counts.weeks {
        return Vec::new();
    }
    let all: Vec<i64> = plan.neighbourhoods.keys().copied().collect();
    let mut out = Vec::new();
    for &counted in &plan.counted {
        let mut areas = vec![(Area::Partnership, all.clone())];
        for (&centre, bordering) in &plan.neighbourhoods {
            let mut members = vec![centre];
            members.extend(bordering.iter().filter(|b| plan.neighbourhoods.contains_key(b)));
            areas.push((Area::Cluster { centre }, members));
        }
        for (area, members) in areas {
            let weekly = counts.sum(&members, counted, from);
            let rolling = super::signals::rolling_four_weeks(&weekly);
            out.push(Series { counted, area, four_weeks: false, counts: weekly });
            out.push(Series { counted, area, four_weeks: true, counts: rolling });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn clusters_join_bordering_neighbourhoods_of_the_same_partnership_only() {
        let first = day("2026-11-02");
        let mut counts = WeeklyCounts::new(first, 5);
        let hate = Counted::Reports(Family::Hate);
        counts.add(1, hate, day("2026-11-30"), 3);
        counts.add(2, hate, day("2026-11-30"), 1);
        counts.add(2, hate, day("2026-11-09"), 2);
        counts.add(9, hate, day("2026-11-30"), 7); // another partnership's neighbourhood
        counts.add(1, hate, day("2026-12-07"), 5); // after the run: ignored
        let plan = PartnershipSeriesPlan {
            csp_id: 1,
            neighbourhoods: BTreeMap::from([(1, vec![2, 9]), (2, vec![1]), (3, vec![])]),
            counted: vec![hate],
            history_from: day("2026-11-09"),
        };
        let series = series_of(&plan, &counts);
        let find = |area: Area, four: bool| {
            series.iter().find(|s| s.area == area && s.four_weeks == four).unwrap().counts.clone()
        };
        assert_eq!(find(Area::Partnership, false), [2, 0, 0, 4]);
        assert_eq!(find(Area::Cluster { centre: 1 }, false), [2, 0, 0, 4]);
        assert_eq!(find(Area::Cluster { centre: 3 }, false), [0, 0, 0, 0]);
        assert_eq!(find(Area::Cluster { centre: 2 }, true), [6]);
        assert_eq!(series.len(), 8);
        assert_eq!(series[1].key(), "reports_hate:partnership:four_weeks");
    }

    #[test]
    fn a_partnership_counts_the_defaults_and_its_own_choices() {
        assert_eq!(counted_for(""), DEFAULT_COUNTED);
        assert_eq!(
            counted_for("asb, hate,nonsense,asb"),
            [Counted::TensionIntelligence, Counted::Reports(Family::Hate), Counted::Reports(Family::Asb)]
        );
        for c in counted_for("asb,tension") {
            assert_eq!(Counted::parse(&c.key()), Some(c));
        }
    }
}
