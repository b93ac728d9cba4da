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
//! A score whose lowest group is hidden for being small is shown as a bound ("at most 0.12"),
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
            // Only age has an answer that is not compared (under 15); for the other topics an
            // answer this version does not know counts as not answered, so that no line of the
            // table is always empty (an empty hidden line would protect nothing).
            Counted::NotCompared if topic == ReachTopic::AgeBand => self.not_compared += n,
            Counted::NotCompared => self.not_answered += n,
            Counted::PreferNotToSay => self.prefer_not_to_say += n,
            Counted::NotAnswered => self.not_answered += n,
        }
    }

    /// Every count, in the order of a topic's table: the groups, then not compared (age only),
    /// prefer not to say, not answered.
    pub fn cells(&self, topic: ReachTopic) -> Vec<i64> {
        let mut out = self.groups.clone();
        if topic == ReachTopic::AgeBand {
            out.push(self.not_compared);
        }
        out.extend([self.prefer_not_to_say, self.not_answered]);
        out
    }

    pub fn total(&self) -> i64 {
        self.groups.iter().sum::<i64>() + self.not_compared + self.prefer_not_to_say + self.not_answered
    }

    fn absorb(&mut self, other: &TopicCounts) {
        for (a, b) in self.groups.iter_mut().zip(&other.groups) {
            *a += b;
        }
        self.not_compared += other.not_compared;
        self.prefer_not_to_say += other.prefer_not_to_say;
        self.not_answered += other.not_answered;
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
    /// At most this (the lowest group's count is hidden for being small, or, for the lowest of
    /// several, one of them is such a bound).
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
/// when any is not shown. A bound ("at most") when any is a bound: a topic shown only as "at
/// most 0.9" may truly be lower than another's exact 0.4, so the lowest is then at most 0.4.
pub fn lowest(scores: impl IntoIterator<Item = Score>) -> Option<Score> {
    let scores: Vec<Score> = scores.into_iter().collect();
    if scores.contains(&Score::NotShown) {
        return Some(Score::NotShown);
    }
    let least = scores.iter().filter_map(|s| s.value()).min_by(f64::total_cmp)?;
    Some(match scores.iter().any(|s| matches!(s, Score::Below(_))) {
        true => Score::Below(least),
        false => Score::Exact(least),
    })
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
    /// Age only: under 15.
    pub not_compared: Option<Shown>,
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
    let cells = counts.cells(topic);
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
    let n = groups.len() + usize::from(topic == ReachTopic::AgeBand);
    TopicReach {
        topic,
        source,
        groups: lines,
        not_compared: (topic == ReachTopic::AgeBand).then(|| shown.cells[n - 1]),
        prefer_not_to_say: shown.cells[n],
        not_answered: shown.cells[n + 1],
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

/// A ward of the CSP: its neighbourhood and local authority.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WardArea {
    pub code: String,
    pub neighbourhood_id: i64,
    pub lad_code: String,
}

/// Respondents of one campaign in one neighbourhood (none: not given) who gave one answer
/// (none: not answered) to one topic.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ReachCount {
    pub campaign_id: i64,
    pub topic: String,
    pub neighbourhood_id: Option<i64>,
    pub answer: Option<String>,
    pub respondents: i64,
}

/// One neighbourhood's line of the reach view (`None`: respondents who gave no neighbourhood of
/// the campaign).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeighbourhoodReach {
    pub neighbourhood_id: Option<i64>,
    pub respondents: Shown,
    /// All usual residents (ward figures only).
    pub residents: Option<i64>,
    /// Respondents per 1,000 residents (not shown for a hidden count).
    pub rate: Option<f64>,
    /// The neighbourhood's lowest topic score, against its own wards' figures.
    pub score: Option<Score>,
}

/// A campaign's reach: every topic, every neighbourhood, and the overall score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignReach {
    pub respondents: Shown,
    pub topics: Vec<TopicReach>,
    pub overall: Option<Score>,
    pub neighbourhoods: Vec<NeighbourhoodReach>,
}

/// Works out a campaign's reach from its respondents' counts (`counts`, this campaign's only),
/// the neighbourhoods it covers, the CSP's wards and the census figures.
pub fn campaign_reach(
    neighbourhoods: &[i64],
    wards: &[WardArea],
    figures: &Figures,
    counts: &[ReachCount],
    threshold: i64,
) -> CampaignReach {
    let mut by_area: HashMap<(ReachTopic, Option<i64>), TopicCounts> = HashMap::new();
    for c in counts {
        let Some(topic) = ReachTopic::parse(&c.topic) else { continue };
        // Respondents of a neighbourhood the campaign does not cover count as "not given".
        let area = c.neighbourhood_id.filter(|n| neighbourhoods.contains(n));
        by_area.entry((topic, area)).or_insert_with(|| TopicCounts::new(topic)).add(
            topic,
            c.answer.as_deref(),
            c.respondents,
        );
    }
    let counts_of = |topic: ReachTopic, area: Option<i64>| {
        by_area.get(&(topic, area)).cloned().unwrap_or_else(|| TopicCounts::new(topic))
    };
    let wards_of = |n: i64| -> Vec<&str> {
        wards.iter().filter(|w| w.neighbourhood_id == n).map(|w| w.code.as_str()).collect()
    };
    let area_wards: Vec<&str> = neighbourhoods.iter().flat_map(|&n| wards_of(n)).collect();
    let mut authorities: Vec<&str> = wards
        .iter()
        .filter(|w| neighbourhoods.contains(&w.neighbourhood_id))
        .map(|w| w.lad_code.as_str())
        .collect();
    authorities.sort();
    authorities.dedup();

    let topics: Vec<TopicReach> = ReachTopic::ALL
        .iter()
        .map(|&topic| {
            let mut all = TopicCounts::new(topic);
            for ((t, _), c) in &by_area {
                if *t == topic {
                    all.absorb(c);
                }
            }
            let (population, source) = match figures.groups(topic, &area_wards) {
                Some(p) => (p, Source::Wards),
                None => match figures.groups(topic, &authorities) {
                    Some(p) => (p, Source::LocalAuthority),
                    None => (Vec::new(), Source::None),
                },
            };
            topic_reach(topic, &all, &population, source, threshold)
        })
        .collect();
    let overall = lowest(topics.iter().filter_map(|t| t.score));

    // Respondents per neighbourhood: every response is counted once under each topic (answered
    // or not), so any topic's total is the neighbourhood's.
    let respondents_in =
        |n: Option<i64>| ReachTopic::ALL.iter().map(|&t| counts_of(t, n).total()).max().unwrap_or(0);
    let mut lines: Vec<Option<i64>> = neighbourhoods.iter().map(|&n| Some(n)).collect();
    if respondents_in(None) > 0 {
        lines.push(None);
    }
    let respondents: Vec<i64> = lines.iter().map(|&n| respondents_in(n)).collect();
    let shown = suppression::with_total(&respondents, threshold);
    let neighbourhood_lines = lines
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let wards = n.map(wards_of).unwrap_or_default();
            let residents = figures.residents(&wards);
            let visible = !shown.cells[i].is_hidden();
            let score = n.and_then(|n| {
                lowest(ReachTopic::ALL.iter().filter_map(|&t| {
                    let population = figures.groups(t, &wards)?;
                    area_score(t, &counts_of(t, Some(n)), &population, threshold)
                }))
            });
            NeighbourhoodReach {
                neighbourhood_id: n,
                respondents: shown.cells[i],
                residents,
                rate: residents
                    .filter(|r| *r > 0 && visible)
                    .map(|r| respondents[i] as f64 * 1000.0 / r as f64),
                score,
            }
        })
        .collect();
    CampaignReach { respondents: shown.total, topics, overall, neighbourhoods: neighbourhood_lines }
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
        // 4 hidden; with a total shown, the next smallest (20 not answered) is hidden too.
        assert_eq!(t.prefer_not_to_say, H);
        assert_eq!(t.not_answered, H);
        assert_eq!(t.not_compared, None);
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

    #[test]
    fn a_campaign_is_compared_ward_by_ward_or_with_its_local_authority() {
        let ward =
            |code: &str, n: i64| WardArea { code: code.into(), neighbourhood_id: n, lad_code: "LA".into() };
        let wards = [ward("W1", 1), ward("W2", 2), ward("W3", 3)];
        let row = |area: &str, category: &str, count| PopulationRow {
            area_code: area.into(),
            topic: "sex".into(),
            category: category.into(),
            count,
        };
        let count = |n: Option<i64>, answer: Option<&str>, respondents| ReachCount {
            campaign_id: 7,
            topic: "sex".into(),
            neighbourhood_id: n,
            answer: answer.map(str::to_string),
            respondents,
        };
        let counts = [
            count(Some(1), Some("female"), 40),
            count(Some(1), Some("male"), 20),
            count(Some(2), Some("female"), 30),
            count(Some(2), Some("male"), 10),
            count(None, None, 3),
            // Another neighbourhood than the campaign's: "not given".
            count(Some(3), Some("male"), 4),
        ];
        let figures = Figures::new(&[
            row("W1", "female", 5000),
            row("W1", "male", 5000),
            row("W2", "female", 4000),
            row("W2", "male", 4000),
            row("LA", "female", 180000),
            row("LA", "male", 170000),
        ]);
        let r = campaign_reach(&[1, 2], &wards, &figures, &counts, 10);
        assert_eq!(r.respondents, Shown::Count(107));
        let sex = &r.topics[1];
        assert_eq!((sex.topic, sex.source), (ReachTopic::Sex, Source::Wards));
        assert_eq!(sex.groups[0].population, 9000);
        assert_eq!(sex.groups[1].respondents, Shown::Count(34));
        // Women 70 / 9000, men 34 / 9000.
        let near = |s: Option<Score>, v: f64| matches!(s, Some(Score::Exact(x)) if (x - v).abs() < 1e-9);
        assert!(near(sex.score, 34.0 / 70.0), "{:?}", sex.score);
        assert!(sex.groups[1].under_represented && !sex.groups[0].under_represented);
        // No age figures anywhere: no score for age, so the overall score is sex's.
        assert_eq!(r.topics[0].source, Source::None);
        assert!(near(r.overall, 34.0 / 70.0));
        // Neighbourhoods: 60, 40 and 7 not given (hidden, and the smallest other with it).
        let lines: Vec<_> = r.neighbourhoods.iter().map(|l| (l.neighbourhood_id, l.respondents)).collect();
        assert_eq!(lines, vec![(Some(1), Shown::Count(60)), (Some(2), H), (None, H)]);
        assert_eq!(r.neighbourhoods[0].residents, Some(10000));
        assert_eq!(r.neighbourhoods[0].rate, Some(6.0));
        assert_eq!(r.neighbourhoods[1].rate, None);
        assert_eq!(r.neighbourhoods[0].score, Some(Score::Exact(0.5)));

        // A ward without figures: the campaign is compared with the local authority instead.
        let r = campaign_reach(&[1, 3], &wards, &figures, &counts, 10);
        assert_eq!(r.topics[1].source, Source::LocalAuthority);
        assert_eq!(r.topics[1].groups[0].population, 180000);
        assert_eq!(r.neighbourhoods[1].residents, None);
        // No figures at all: counts, no scores.
        let r = campaign_reach(&[1, 2], &wards, &Figures::default(), &counts, 10);
        assert!(r.topics.iter().all(|t| t.source == Source::None && t.score.is_none()));
        assert_eq!(r.overall, None);
    }
}
