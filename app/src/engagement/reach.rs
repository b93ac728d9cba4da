//! Reach: who a campaign heard from, compared with who lives there.
//!
//! Four equality topics can be compared with Census 2021 (`cymuned import-population`): age,
//! sex, ethnic group and Welsh language. For each, respondents are counted per **group** (the
//! census groups: age in ten-year bands from 15, female and male, the five high-level ethnic
//! groups, speaks Welsh or not) and divided by the group's population: the group's
//! **participation rate** (respondents per 1,000 residents). A group is **under-represented**
//! when its rate is under `UNDER_REPRESENTED` (four fifths) of the rate of everyone who
//! answered. The **representativeness score** of a topic is the lowest group's rate over the
//! highest group's: 1 when every group took part at the same rate, near 0 when one group was
//! barely heard. A campaign's overall score is its lowest topic score (the topic it reached
//! least evenly), so campaigns of different sizes can be compared.
//!
//! Respondents who did not answer a question, preferred not to say, or answered "under 15" are
//! counted but not compared. Responses flagged as possible duplicates are left out.
//!
//! Small numbers: counts are shown through `suppression`; a rate or a representation ratio
//! would give a hidden count back (rate x population), so neither is shown for a hidden count.
//! A score whose lowest group is hidden for being small is shown as a bound ("below 0.12"),
//! which says no more than "fewer than 10"; one whose highest group is hidden is not shown.

use crate::{
    engagement::equality::{AgeBand, EqualityQuestion, EthnicFamily, EthnicGroup, Sex, WelshLanguage},
    suppression::{self, Shown},
    vocabulary::vocabulary,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A group is under-represented when its participation rate is under this share of the rate of
/// everyone who answered the question (the "four-fifths" rule of thumb).
pub const UNDER_REPRESENTED: f64 = 0.8;

vocabulary! {
    /// The equality topics compared with the census (`population.topic`).
    ReachTopic {
        AgeBand = "age_band",
        Sex = "sex",
        EthnicGroup = "ethnic_group",
        WelshLanguage = "welsh_language",
    }
}
vocabulary! {
    /// The census split of Welsh language skills that respondents are compared on (TS033).
    WelshSpeaking { Speaks = "speaks", DoesNotSpeak = "does_not_speak" }
}

/// How one respondent's stored answer to a topic counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// In the compared group at this position of `ReachTopic::groups`.
    Group(usize),
    /// Answered, but not compared with the population (under 15).
    NotCompared,
    PreferNotToSay,
    NotAnswered,
}

impl ReachTopic {
    /// The equality question the topic's answers come from.
    pub fn question(self) -> EqualityQuestion {
        match self {
            ReachTopic::AgeBand => EqualityQuestion::AgeBand,
            ReachTopic::Sex => EqualityQuestion::Sex,
            ReachTopic::EthnicGroup => EqualityQuestion::EthnicGroup,
            ReachTopic::WelshLanguage => EqualityQuestion::WelshLanguage,
        }
    }

    /// The groups compared with the population, as stored in `population.category`.
    pub fn groups(self) -> Vec<&'static str> {
        match self {
            ReachTopic::AgeBand => AgeBand::ALL
                .iter()
                .filter(|a| !matches!(a, AgeBand::Under15 | AgeBand::PreferNotToSay))
                .map(|a| a.as_str())
                .collect(),
            ReachTopic::Sex => vec![Sex::Female.as_str(), Sex::Male.as_str()],
            ReachTopic::EthnicGroup => EthnicFamily::ALL.iter().map(|f| f.as_str()).collect(),
            ReachTopic::WelshLanguage => WelshSpeaking::ALL.iter().map(|w| w.as_str()).collect(),
        }
    }

    /// Where a respondent's stored answer counts.
    pub fn count_of(self, answer: Option<&str>) -> Counted {
        let Some(answer) = answer else { return Counted::NotAnswered };
        if answer == super::equality::PREFER_NOT_TO_SAY {
            return Counted::PreferNotToSay;
        }
        let group = match self {
            ReachTopic::AgeBand | ReachTopic::Sex => Some(answer),
            ReachTopic::EthnicGroup => {
                EthnicGroup::parse(answer).and_then(|e| e.family()).map(|f| f.as_str())
            }
            ReachTopic::WelshLanguage => WelshLanguage::parse(answer).map(|w| match w {
                WelshLanguage::Speaks => WelshSpeaking::Speaks.as_str(),
                _ => WelshSpeaking::DoesNotSpeak.as_str(),
            }),
        };
        match group.and_then(|g| self.groups().iter().position(|x| *x == g)) {
            Some(i) => Counted::Group(i),
            None => Counted::NotCompared,
        }
    }
}

/// Respondents to one topic in one area: per compared group, and the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopicCounts {
    pub groups: Vec<i64>,
    pub not_compared: i64,
    pub prefer_not_to_say: i64,
    pub not_answered: i64,
}

impl TopicCounts {
    pub fn new(topic: ReachTopic) -> TopicCounts {
        TopicCounts { groups: vec![0; topic.groups().len()], ..TopicCounts::default() }
    }

    pub fn add(&mut self, topic: ReachTopic, answer: Option<&str>, n: i64) {
        match topic.count_of(answer) {
            Counted::Group(i) => self.groups[i] += n,
            Counted::NotCompared => self.not_compared += n,
            Counted::PreferNotToSay => self.prefer_not_to_say += n,
            Counted::NotAnswered => self.not_answered += n,
        }
    }

    /// Every count, in the order of a topic's table: the groups, then not compared, prefer not
    /// to say, not answered.
    pub fn cells(&self) -> Vec<i64> {
        let mut out = self.groups.clone();
        out.extend([self.not_compared, self.prefer_not_to_say, self.not_answered]);
        out
    }
}

/// Why a count used in a score is not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    No,
    /// Under the threshold.
    Small,
    /// Hidden so that another cannot be worked out (its true count may be large).
    Secondary,
}

impl Hidden {
    pub fn of(shown: Shown, count: i64, threshold: i64) -> Hidden {
        match shown {
            Shown::Count(_) => Hidden::No,
            Shown::Hidden { .. } if count < threshold => Hidden::Small,
            Shown::Hidden { .. } => Hidden::Secondary,
        }
    }
}

/// A representativeness score as it may be shown.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Score {
    /// The lowest group's rate over the highest's.
    Exact(f64),
    /// Lower than this (the lowest group's count is hidden for being small).
    Below(f64),
    /// Not shown: the highest group's count is hidden, so the score would give it back.
    NotShown,
}

impl Score {
    /// The value used to compare scores (the bound for `Below`).
    pub fn value(self) -> Option<f64> {
        match self {
            Score::Exact(v) | Score::Below(v) => Some(v),
            Score::NotShown => None,
        }
    }
}

/// The lowest group's participation rate over the highest's, among the groups with a
/// population. `None` when no group has both a population and a respondent.
pub fn score(counts: &[i64], population: &[i64], hidden: &[Hidden], threshold: i64) -> Option<Score> {
    let compared: Vec<usize> =
        (0..counts.len()).filter(|&i| population.get(i).copied().unwrap_or(0) > 0).collect();
    if compared.iter().all(|&i| counts[i] == 0) {
        return None;
    }
    let rate = |i: usize| counts[i] as f64 / population[i] as f64;
    let by_rate = |a: &usize, b: &usize| rate(*a).total_cmp(&rate(*b));
    let lowest = compared.iter().copied().min_by(by_rate)?;
    let highest = compared.iter().copied().max_by(by_rate)?;
    if hidden[highest] != Hidden::No {
        return Some(Score::NotShown);
    }
    Some(match hidden[lowest] {
        Hidden::No => Score::Exact(rate(lowest) / rate(highest)),
        Hidden::Small => {
            Score::Below((threshold as f64 / population[lowest] as f64 / rate(highest)).min(1.0))
        }
        Hidden::Secondary => Score::NotShown,
    })
}

/// The lowest of several scores (a campaign's overall score: its least even topic). Not shown
/// when any is not shown; a bound when the lowest is a bound.
pub fn lowest(scores: impl IntoIterator<Item = Score>) -> Option<Score> {
    let scores: Vec<Score> = scores.into_iter().collect();
    if scores.contains(&Score::NotShown) {
        return Some(Score::NotShown);
    }
    scores.into_iter().min_by(|a, b| a.value().unwrap_or(0.0).total_cmp(&b.value().unwrap_or(0.0)))
}

/// Where a topic's population figures come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// Ward tables, summed to neighbourhoods.
    Wards,
    /// Only a local-authority table: compared with the whole local authority.
    LocalAuthority,
    /// No figures imported for this topic.
    None,
}

/// One group's line of a topic's table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupLine {
    pub group: String,
    pub respondents: Shown,
    pub population: i64,
    /// Respondents per 1,000 residents (not shown for a hidden count).
    pub rate: Option<f64>,
    /// The group's rate over the rate of everyone who answered (not shown for a hidden count).
    pub representation: Option<f64>,
    pub under_represented: bool,
}

/// One topic of a campaign's reach.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicReach {
    pub topic: ReachTopic,
    pub source: Source,
    /// The compared groups (population 0 when none is imported).
    pub groups: Vec<GroupLine>,
    pub not_compared: Shown,
    pub prefer_not_to_say: Shown,
    pub not_answered: Shown,
    pub total: Shown,
    pub score: Option<Score>,
}

/// A topic's table for one area: suppressed counts, rates, representation and score.
/// `population` is per group (empty: no figures).
pub fn topic_reach(
    topic: ReachTopic,
    counts: &TopicCounts,
    population: &[i64],
    source: Source,
    threshold: i64,
) -> TopicReach {
    let cells = counts.cells();
    let shown = suppression::with_total(&cells, threshold);
    let groups = topic.groups();
    let population: Vec<i64> = (0..groups.len()).map(|i| population.get(i).copied().unwrap_or(0)).collect();
    let hidden: Vec<Hidden> =
        (0..groups.len()).map(|i| Hidden::of(shown.cells[i], cells[i], threshold)).collect();
    let answered: i64 = (0..groups.len()).filter(|&i| population[i] > 0).map(|i| counts.groups[i]).sum();
    let residents: i64 = population.iter().sum();
    let overall = (residents > 0).then(|| answered as f64 / residents as f64);
    let lines = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let rate = (population[i] > 0).then(|| counts.groups[i] as f64 / population[i] as f64);
            let representation = match (rate, overall) {
                (Some(r), Some(o)) if o > 0.0 => Some(r / o),
                _ => None,
            };
            let visible = hidden[i] == Hidden::No;
            GroupLine {
                group: g.to_string(),
                respondents: shown.cells[i],
                population: population[i],
                rate: rate.filter(|_| visible).map(|r| r * 1000.0),
                representation: representation.filter(|_| visible),
                under_represented: representation.is_some_and(|r| r < UNDER_REPRESENTED),
            }
        })
        .collect();
    let n = groups.len();
    TopicReach {
        topic,
        source,
        groups: lines,
        not_compared: shown.cells[n],
        prefer_not_to_say: shown.cells[n + 1],
        not_answered: shown.cells[n + 2],
        total: shown.total,
        score: if source == Source::None {
            None
        } else {
            score(&counts.groups, &population, &hidden, threshold)
        },
    }
}

/// A neighbourhood's score without its table (its counts per group are not shown at all, so
/// only counts under the threshold are treated as hidden).
pub fn area_score(
    topic: ReachTopic,
    counts: &TopicCounts,
    population: &[i64],
    threshold: i64,
) -> Option<Score> {
    let n = topic.groups().len();
    let population: Vec<i64> = (0..n).map(|i| population.get(i).copied().unwrap_or(0)).collect();
    let hidden: Vec<Hidden> =
        counts.groups.iter().map(|&c| if c < threshold { Hidden::Small } else { Hidden::No }).collect();
    score(&counts.groups, &population, &hidden, threshold)
}

/// Census figures as stored: one area's count of one group of one topic.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PopulationRow {
    pub area_code: String,
    pub topic: String,
    pub category: String,
    pub count: i64,
}

/// The figures a CSP has: per area and topic, per category.
#[derive(Clone, Debug, Default)]
pub struct Figures(HashMap<(String, String), BTreeMap<String, i64>>);

impl Figures {
    pub fn new(rows: &[PopulationRow]) -> Figures {
        let mut out: HashMap<(String, String), BTreeMap<String, i64>> = HashMap::new();
        for r in rows {
            *out.entry((r.area_code.clone(), r.topic.clone()))
                .or_default()
                .entry(r.category.clone())
                .or_default() += r.count;
        }
        Figures(out)
    }

    pub fn has(&self, area: &str, topic: &str) -> bool {
        self.0.contains_key(&(area.to_string(), topic.to_string()))
    }

    /// A topic's compared groups summed over `areas`, if every one of them has figures.
    pub fn groups(&self, topic: ReachTopic, areas: &[&str]) -> Option<Vec<i64>> {
        if areas.is_empty() || !areas.iter().all(|a| self.has(a, topic.as_str())) {
            return None;
        }
        Some(
            topic
                .groups()
                .iter()
                .map(|g| {
                    areas
                        .iter()
                        .map(|a| {
                            self.0[&(a.to_string(), topic.as_str().to_string())].get(*g).copied().unwrap_or(0)
                        })
                        .sum()
                })
                .collect(),
        )
    }

    /// All usual residents of `areas` (the sex table, else age, else ethnic group), if every
    /// area has that table.
    pub fn residents(&self, areas: &[&str]) -> Option<i64> {
        [ReachTopic::Sex, ReachTopic::AgeBand, ReachTopic::EthnicGroup].into_iter().find_map(|t| {
            (!areas.is_empty() && areas.iter().all(|a| self.has(a, t.as_str()))).then(|| {
                areas
                    .iter()
                    .map(|a| self.0[&(a.to_string(), t.as_str().to_string())].values().sum::<i64>())
                    .sum()
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: Shown = Shown::Hidden { threshold: 10 };

    #[test]
    fn answers_count_in_their_census_group() {
        use Counted::*;
        assert_eq!(ReachTopic::AgeBand.count_of(Some("15_24")), Group(0));
        assert_eq!(ReachTopic::AgeBand.count_of(Some("75_plus")), Group(6));
        assert_eq!(ReachTopic::AgeBand.count_of(Some("under_15")), NotCompared);
        assert_eq!(ReachTopic::AgeBand.count_of(Some("prefer_not_to_say")), PreferNotToSay);
        assert_eq!(ReachTopic::AgeBand.count_of(None), NotAnswered);
        assert_eq!(ReachTopic::Sex.count_of(Some("male")), Group(1));
        // The 19 ethnic groups count in their five.
        assert_eq!(ReachTopic::EthnicGroup.count_of(Some("mixed_white_black_caribbean")), Group(2));
        assert_eq!(ReachTopic::EthnicGroup.count_of(Some("white_roma")), Group(3));
        assert_eq!(ReachTopic::EthnicGroup.count_of(Some("other_arab")), Group(4));
        assert_eq!(ReachTopic::EthnicGroup.count_of(Some("asian_bangladeshi")), Group(0));
        // Welsh: the census speaking split.
        assert_eq!(ReachTopic::WelshLanguage.count_of(Some("speaks")), Group(0));
        assert_eq!(ReachTopic::WelshLanguage.count_of(Some("some_skills")), Group(1));
        assert_eq!(ReachTopic::WelshLanguage.count_of(Some("no_skills")), Group(1));
        assert_eq!(ReachTopic::WelshLanguage.count_of(Some("fluent")), NotCompared);
        assert_eq!(ReachTopic::AgeBand.groups().len(), 7);
    }

    #[test]
    fn the_score_is_the_lowest_rate_over_the_highest() {
        let no = [Hidden::No; 3];
        // Rates 0.01, 0.02, 0.005: 0.005 / 0.02.
        assert_eq!(score(&[10, 40, 20], &[1000, 2000, 4000], &no, 10), Some(Score::Exact(0.25)));
        // Even participation: 1.
        assert_eq!(score(&[10, 20, 40], &[1000, 2000, 4000], &no, 10), Some(Score::Exact(1.0)));
        // A group without population is left out; nobody at all: no score.
        assert_eq!(score(&[10, 99, 20], &[1000, 0, 4000], &no, 10), Some(Score::Exact(0.5)));
        assert_eq!(score(&[0, 0, 0], &[1000, 2000, 4000], &no, 10), None);
        assert_eq!(score(&[5, 5], &[0, 0], &no, 10), None);
        // Nobody from one group: 0.
        assert_eq!(score(&[0, 40, 20], &[1000, 2000, 4000], &no, 10), Some(Score::Exact(0.0)));
    }

    #[test]
    fn a_score_never_gives_a_hidden_count_back() {
        // The lowest group has 3 (hidden): only "below" what 10 would give: 10/4000 / (40/2000).
        let hidden = [Hidden::No, Hidden::No, Hidden::Small];
        assert_eq!(score(&[10, 40, 3], &[1000, 2000, 4000], &hidden, 10), Some(Score::Below(0.125)));
        // The highest hidden, or the lowest hidden though large: not shown.
        let hidden = [Hidden::Small, Hidden::No, Hidden::No];
        assert_eq!(score(&[9, 40, 20], &[100, 2000, 4000], &hidden, 10), Some(Score::NotShown));
        let hidden = [Hidden::No, Hidden::No, Hidden::Secondary];
        assert_eq!(score(&[30, 40, 12], &[1000, 2000, 4000], &hidden, 10), Some(Score::NotShown));
        assert_eq!(
            lowest([Score::Exact(0.5), Score::Below(0.2), Score::Exact(0.3)]),
            Some(Score::Below(0.2))
        );
        assert_eq!(lowest([Score::Exact(0.5), Score::NotShown]), Some(Score::NotShown));
        assert_eq!(lowest([]), None);
    }

    #[test]
    fn a_topic_table_suppresses_counts_and_what_would_give_them_back() {
        let mut counts = TopicCounts::new(ReachTopic::Sex);
        counts.add(ReachTopic::Sex, Some("female"), 60);
        counts.add(ReachTopic::Sex, Some("male"), 30);
        counts.add(ReachTopic::Sex, Some("prefer_not_to_say"), 4);
        counts.add(ReachTopic::Sex, None, 20);
        let t = topic_reach(ReachTopic::Sex, &counts, &[5000, 5000], Source::Wards, 10);
        // 4 hidden; with a total shown, the next smallest (0 not compared... also small) is hidden.
        assert_eq!(t.prefer_not_to_say, H);
        assert_eq!(t.not_compared, H);
        assert_eq!(t.total, Shown::Count(114));
        assert_eq!(t.groups[0].respondents, Shown::Count(60));
        assert_eq!(t.groups[0].rate, Some(12.0));
        // Overall 90 per 10,000: women 1.33, men 0.67 (under four fifths).
        assert!((t.groups[0].representation.unwrap() - 60.0 / 45.0).abs() < 1e-9);
        assert!(!t.groups[0].under_represented);
        assert!(t.groups[1].under_represented);
        assert_eq!(t.score, Some(Score::Exact(0.5)));

        // A small group: its count, rate and representation are not shown, but it is named.
        let mut counts = TopicCounts::new(ReachTopic::Sex);
        counts.add(ReachTopic::Sex, Some("female"), 60);
        counts.add(ReachTopic::Sex, Some("male"), 6);
        let t = topic_reach(ReachTopic::Sex, &counts, &[5000, 5000], Source::Wards, 10);
        assert_eq!(t.groups[1].respondents, H);
        assert_eq!((t.groups[1].rate, t.groups[1].representation), (None, None));
        assert!(t.groups[1].under_represented);
        assert_eq!(t.score, Some(Score::Below(10.0 / 5000.0 / (60.0 / 5000.0))));
        // Without population figures: counts, but no rates and no score.
        let t = topic_reach(ReachTopic::Sex, &counts, &[], Source::None, 10);
        assert_eq!(t.groups[0].rate, None);
        assert_eq!(t.score, None);
    }

    #[test]
    fn figures_sum_wards_and_need_every_ward() {
        let row = |area: &str, topic: &str, category: &str, count| PopulationRow {
            area_code: area.into(),
            topic: topic.into(),
            category: category.into(),
            count,
        };
        let f = Figures::new(&[
            row("W1", "sex", "female", 100),
            row("W1", "sex", "male", 90),
            row("W2", "sex", "female", 50),
            row("W2", "sex", "male", 60),
            row("W1", "age_band", "under_15", 30),
            row("W1", "age_band", "15_24", 20),
        ]);
        assert_eq!(f.groups(ReachTopic::Sex, &["W1", "W2"]), Some(vec![150, 150]));
        assert_eq!(f.groups(ReachTopic::AgeBand, &["W1", "W2"]), None);
        assert_eq!(f.groups(ReachTopic::AgeBand, &["W1"]), Some(vec![20, 0, 0, 0, 0, 0, 0]));
        assert_eq!(f.residents(&["W1", "W2"]), Some(300));
        assert_eq!(f.residents(&["W3"]), None);
        assert_eq!(f.groups(ReachTopic::Sex, &[]), None);
    }
}
