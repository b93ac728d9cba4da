//! Campaigns' rules: the address a campaign gets from its title (unique), its dates, which
//! months and neighbourhoods it covers, the partnership calendar (neighbourhoods by months) with
//! the overlaps it flags so that two teams do not survey the same streets in the same month, and
//! the order a campaign's status moves in. Plain functions over plain values; the pages and
//! handlers are `campaign_pages`.

use crate::{engagement::CampaignStatus, time::Timestamp};
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// Longest title (each language).
pub const MAX_TITLE: usize = 200;
/// Longest purpose (each language).
pub const MAX_PURPOSE: usize = 4_000;
/// Longest address a title makes.
pub const MAX_SLUG: usize = 60;
/// Longest campaign: two years.
pub const MAX_DAYS: i64 = 2 * 366;
/// Months the partnership calendar shows at once.
pub const CALENDAR_MONTHS: usize = 12;

const DAY: i64 = 86_400;

/// The address a title makes: lower case letters and digits joined by hyphens, Welsh and other
/// accented letters without their accents (`Diogelwch ŷd Tŵr` -> `diogelwch-yd-twr`), at most
/// `MAX_SLUG` characters; "campaign" when nothing is left.
pub fn slug_from(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'â' | 'à' | 'á' | 'ä' | 'ã' | 'å' => 'a',
            'ê' | 'è' | 'é' | 'ë' => 'e',
            'î' | 'ì' | 'í' | 'ï' => 'i',
            'ô' | 'ò' | 'ó' | 'ö' | 'õ' => 'o',
            'û' | 'ù' | 'ú' | 'ü' => 'u',
            'ŵ' | 'ẁ' | 'ẃ' | 'ẅ' => 'w',
            'ŷ' | 'ỳ' | 'ý' | 'ÿ' => 'y',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if plain == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(plain);
    }
    let mut slug: String = out.chars().take(MAX_SLUG).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        "campaign".into()
    } else {
        slug
    }
}

/// `base`, or `base-2`, `base-3`... : the first not in `taken`.
pub fn unique_slug(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|s| !taken.contains(s)).expect("some number is free")
}

/// What is wrong with a campaign's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// A date missing or not a date.
    Missing,
    /// Ends before it starts.
    Order,
    /// Longer than `MAX_DAYS`.
    TooLong,
    /// Results due before the campaign starts.
    ResultsDue,
}

/// A day typed in an `<input type="date">` (`2026-12-07`): the start of that day (UTC).
pub fn day(value: &str) -> Option<Timestamp> {
    let date = chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// A campaign's first and last days (both included) and the day results are due (optional, not
/// before the start).
pub fn dates(
    starts: &str,
    ends: &str,
    results_due: &str,
) -> Result<(Timestamp, Timestamp, Option<Timestamp>), DateProblem> {
    let (Some(from), Some(to)) = (day(starts), day(ends)) else { return Err(DateProblem::Missing) };
    if to < from {
        return Err(DateProblem::Order);
    }
    if to - from > MAX_DAYS * DAY {
        return Err(DateProblem::TooLong);
    }
    let due = match results_due.trim() {
        "" => None,
        typed => match day(typed) {
            Some(d) if d >= from => Some(d),
            _ => return Err(DateProblem::ResultsDue),
        },
    };
    Ok((from, to, due))
}

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl Month {
    /// The month a day falls in.
    pub fn of(at: Timestamp) -> Option<Month> {
        let d = chrono::DateTime::from_timestamp(at, 0)?.date_naive();
        Some(Month { year: d.year(), month: d.month() })
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    /// `2026-12`, as in an address.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// Reads `2026-12` back.
    pub fn parse(value: &str) -> Option<Month> {
        let (y, m) = value.trim().split_once('-')?;
        let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
        ((1..=12).contains(&month) && (1900..=9999).contains(&year)).then_some(Month { year, month })
    }

    /// `count` months from this one.
    pub fn window(self, count: usize) -> Vec<Month> {
        std::iter::successors(Some(self), |m| Some(m.next())).take(count).collect()
    }
}

/// Every month a campaign running from `starts` to `ends` (both days included) touches.
pub fn months(starts: Timestamp, ends: Timestamp) -> Vec<Month> {
    let (Some(first), Some(last)) = (Month::of(starts), Month::of(ends)) else { return Vec::new() };
    std::iter::successors(Some(first), |m| Some(m.next())).take_while(|m| *m <= last).take(100).collect()
}

/// Where and when a campaign runs: its neighbourhoods (every neighbourhood of the CSP for a
/// whole-CSP campaign) and its days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub campaign_id: i64,
    pub neighbourhoods: Vec<i64>,
    pub starts_on: Timestamp,
    pub ends_on: Timestamp,
}

/// Another campaign covering one of a campaign's neighbourhoods in one of its months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Overlap {
    pub other: i64,
    pub neighbourhood_id: i64,
    pub month: Month,
}

/// Where `campaign` meets the CSP's other campaigns: each (other campaign, neighbourhood, month)
/// both cover, in order. A flag for the people planning, never a refusal.
pub fn overlaps(campaign: &Coverage, others: &[Coverage]) -> Vec<Overlap> {
    let mine = months(campaign.starts_on, campaign.ends_on);
    let mut out = Vec::new();
    for other in others.iter().filter(|o| o.campaign_id != campaign.campaign_id) {
        let theirs = months(other.starts_on, other.ends_on);
        for n in campaign.neighbourhoods.iter().filter(|n| other.neighbourhoods.contains(n)) {
            for month in mine.iter().filter(|m| theirs.contains(m)) {
                out.push(Overlap { other: other.campaign_id, neighbourhood_id: *n, month: *month });
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The partnership calendar: for each neighbourhood (rows, in the order given) and month
/// (columns), the campaigns covering it. A cell with two or more is an overlap.
pub fn calendar(all: &[Coverage], neighbourhoods: &[i64], window: &[Month]) -> Vec<Vec<Vec<i64>>> {
    let spans: Vec<(&Coverage, Vec<Month>)> =
        all.iter().map(|c| (c, months(c.starts_on, c.ends_on))).collect();
    neighbourhoods
        .iter()
        .map(|n| {
            window
                .iter()
                .map(|m| {
                    spans
                        .iter()
                        .filter(|(c, ms)| c.neighbourhoods.contains(n) && ms.contains(m))
                        .map(|(c, _)| c.campaign_id)
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Why a status change is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusProblem {
    /// Not the next step from where the campaign is.
    NotNext,
    /// Opening needs a published survey (residents and staff answer its questions).
    NoSurvey,
}

/// Where a campaign may go from `from`: planned -> open -> closed -> reported, and a closed
/// campaign may open again (more responses wanted) until it is reported. Reported is the end.
pub fn next_statuses(from: CampaignStatus) -> &'static [CampaignStatus] {
    match from {
        CampaignStatus::Planned => &[CampaignStatus::Open],
        CampaignStatus::Open => &[CampaignStatus::Closed],
        CampaignStatus::Closed => &[CampaignStatus::Reported, CampaignStatus::Open],
        CampaignStatus::Reported => &[],
    }
}

/// Whether a campaign may move from `from` to `to`; `published` says whether its survey has a
/// published version.
pub fn change_status(from: CampaignStatus, to: CampaignStatus, published: bool) -> Result<(), StatusProblem> {
    if !next_statuses(from).contains(&to) {
        return Err(StatusProblem::NotNext);
    }
    if to == CampaignStatus::Open && !published {
        return Err(StatusProblem::NoSurvey);
    }
    Ok(())
}

/// A reported campaign is history: its details no longer change.
pub fn editable(status: CampaignStatus) -> bool {
    status != CampaignStatus::Reported
}

/// Text typed in a form, trimmed; `None` when longer than `max` characters.
pub fn text(value: &str, max: usize) -> Option<String> {
    let t = value.trim();
    (t.chars().count() <= max).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(iso: &str) -> Timestamp {
        day(iso).unwrap()
    }

    fn cov(id: i64, ns: &[i64], from: &str, to: &str) -> Coverage {
        Coverage { campaign_id: id, neighbourhoods: ns.to_vec(), starts_on: at(from), ends_on: at(to) }
    }

    #[test]
    fn a_title_makes_a_plain_unique_address() {
        assert_eq!(slug_from("Feeling safe in Splott?"), "feeling-safe-in-splott");
        assert_eq!(slug_from("  Diogelwch yn Nhŵr-y-Felin: ŷd  "), "diogelwch-yn-nhwr-y-felin-yd");
        assert_eq!(slug_from("!!!"), "campaign");
        assert_eq!(slug_from(&"a ".repeat(100)).len(), MAX_SLUG - 1, "no hyphen left at the end");
        assert!(slug_from(&"long ".repeat(30)).chars().count() <= MAX_SLUG);
        let taken = vec!["safe".to_string(), "safe-2".to_string()];
        assert_eq!(unique_slug("safe", &taken), "safe-3");
        assert_eq!(unique_slug("other", &taken), "other");
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(dates("2027-01-10", "2027-02-10", ""), Ok((at("2027-01-10"), at("2027-02-10"), None)));
        assert_eq!(dates("2027-01-10", "2027-01-10", "2027-03-01").unwrap().2, Some(at("2027-03-01")));
        assert_eq!(dates("", "2027-02-10", ""), Err(DateProblem::Missing));
        assert_eq!(dates("10/01/2027", "2027-02-10", ""), Err(DateProblem::Missing));
        assert_eq!(dates("2027-02-10", "2027-01-10", ""), Err(DateProblem::Order));
        assert_eq!(dates("2027-01-10", "2030-01-10", ""), Err(DateProblem::TooLong));
        assert_eq!(dates("2027-01-10", "2027-02-10", "2027-01-09"), Err(DateProblem::ResultsDue));
        assert_eq!(dates("2027-01-10", "2027-02-10", "soon"), Err(DateProblem::ResultsDue));
    }

    #[test]
    fn months_run_across_the_new_year() {
        let ms = months(at("2026-11-20"), at("2027-02-01"));
        assert_eq!(
            ms.iter().map(|m| m.iso()).collect::<Vec<_>>(),
            ["2026-11", "2026-12", "2027-01", "2027-02"]
        );
        assert_eq!(Month::parse("2026-12"), Some(Month { year: 2026, month: 12 }));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("December"), None);
        assert_eq!(Month { year: 2027, month: 1 }.previous().iso(), "2026-12");
        assert_eq!(Month { year: 2026, month: 11 }.window(3).last().unwrap().iso(), "2027-01");
    }

    #[test]
    fn overlaps_are_the_same_neighbourhood_in_the_same_month() {
        let mine = cov(1, &[10, 11], "2027-01-05", "2027-02-20");
        let others = vec![
            mine.clone(),
            // Neighbourhood 11 in February: overlaps.
            cov(2, &[11, 12], "2027-02-25", "2027-03-10"),
            // The same neighbourhoods, but in March: no overlap.
            cov(3, &[10, 11], "2027-03-01", "2027-03-31"),
            // January, but another neighbourhood.
            cov(4, &[12], "2027-01-01", "2027-01-31"),
        ];
        let feb = Month { year: 2027, month: 2 };
        assert_eq!(overlaps(&mine, &others), vec![Overlap { other: 2, neighbourhood_id: 11, month: feb }]);
        assert!(overlaps(&cov(5, &[12], "2027-06-01", "2027-06-02"), &others).is_empty());
    }

    #[test]
    fn the_calendar_lists_each_cell_s_campaigns() {
        let all =
            vec![cov(1, &[10, 11], "2027-01-05", "2027-02-20"), cov(2, &[11], "2027-02-25", "2027-03-10")];
        let window = Month { year: 2027, month: 1 }.window(3);
        let grid = calendar(&all, &[10, 11, 12], &window);
        assert_eq!(grid[0], vec![vec![1], vec![1], vec![]]);
        assert_eq!(grid[1], vec![vec![1], vec![1, 2], vec![2]]);
        assert_eq!(grid[2], vec![Vec::<i64>::new(), vec![], vec![]]);
    }

    #[test]
    fn a_campaign_moves_forward_one_step_at_a_time() {
        use CampaignStatus::*;
        assert_eq!(change_status(Planned, Open, true), Ok(()));
        assert_eq!(change_status(Planned, Open, false), Err(StatusProblem::NoSurvey));
        assert_eq!(change_status(Planned, Closed, true), Err(StatusProblem::NotNext));
        assert_eq!(change_status(Open, Closed, true), Ok(()));
        assert_eq!(change_status(Closed, Open, true), Ok(()), "opened again for more responses");
        assert_eq!(change_status(Closed, Reported, true), Ok(()));
        assert_eq!(change_status(Reported, Open, true), Err(StatusProblem::NotNext));
        assert_eq!(change_status(Open, Open, true), Err(StatusProblem::NotNext));
        assert!(editable(Closed) && !editable(Reported));
    }

    #[test]
    fn text_is_trimmed_and_limited() {
        assert_eq!(text("  Hi ", 5), Some("Hi".into()));
        assert_eq!(text("ŵŵŵŵŵŵ", 5), None);
    }
}
