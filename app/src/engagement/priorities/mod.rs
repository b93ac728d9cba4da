//! Neighbourhood priorities, PACT style: from survey results and intelligence the engagement
//! lead sets up to three priorities for a neighbourhood and a quarter (a title in English and
//! Welsh and why), links each to the partnership's problem profiles and actions, and at the next
//! review records the community's verdict (resolved, improving, not resolved) with its evidence
//! and day. Every review is kept. The rules are plain functions; `pages` holds the page and its
//! forms.

#[cfg(feature = "ssr")]
pub mod pages;

use crate::vocabulary::vocabulary;
use serde::{Deserialize, Serialize};

/// Priorities per neighbourhood and period, at most.
pub const MAX_PRIORITIES: i64 = 3;
pub const MAX_TITLE: usize = 200;
pub const MAX_TEXT: usize = 4000;

vocabulary! {
    /// The community's verdict on a priority at a review.
    Verdict { Resolved = "resolved", Improving = "improving", NotResolved = "not_resolved" }
}

/// A quarter of a year: the period priorities are set for (`2026-Q4`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub year: i64,
    pub quarter: i64,
}

impl Period {
    /// The quarter a time (Unix seconds) falls in (UTC).
    pub fn of(at: i64) -> Period {
        use chrono::Datelike;
        let day = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().date_naive();
        Period { year: i64::from(day.year()), quarter: i64::from(day.month0() / 3 + 1) }
    }

    /// `2026-Q4` (any case, spaces around ignored); years 2000 to 2100.
    pub fn parse(value: &str) -> Option<Period> {
        let v = value.trim().to_ascii_uppercase();
        let (year, quarter) = v.split_once("-Q")?;
        let (year, quarter) = (year.parse::<i64>().ok()?, quarter.parse::<i64>().ok()?);
        ((2000..=2100).contains(&year) && (1..=4).contains(&quarter)).then_some(Period { year, quarter })
    }

    pub fn previous(self) -> Period {
        match self.quarter {
            1 => Period { year: self.year - 1, quarter: 4 },
            q => Period { year: self.year, quarter: q - 1 },
        }
    }

    pub fn next(self) -> Period {
        match self.quarter {
            4 => Period { year: self.year + 1, quarter: 1 },
            q => Period { year: self.year, quarter: q + 1 },
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

/// The first free place of three, given the places taken; `None` when all three are.
pub fn next_slot(taken: &[i64]) -> Option<i64> {
    (1..=MAX_PRIORITIES).find(|s| !taken.contains(s))
}

/// Why a priority or a review was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriorityProblem {
    /// Both titles are needed (English and Welsh).
    Title,
    TooLong,
    Verdict,
    Evidence,
    Date,
}

/// A priority's words, checked: both titles, and why (may be empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityText {
    pub title_en: String,
    pub title_cy: String,
    pub why: String,
}

pub fn check_priority(title_en: &str, title_cy: &str, why: &str) -> Result<PriorityText, PriorityProblem> {
    let (en, cy, why) = (title_en.trim(), title_cy.trim(), why.trim());
    if en.is_empty() || cy.is_empty() {
        return Err(PriorityProblem::Title);
    }
    if en.chars().count() > MAX_TITLE || cy.chars().count() > MAX_TITLE || why.chars().count() > MAX_TEXT {
        return Err(PriorityProblem::TooLong);
    }
    Ok(PriorityText { title_en: en.into(), title_cy: cy.into(), why: why.into() })
}

/// A review, checked: a verdict, its evidence, and the day of the review (`YYYY-MM-DD`, not
/// after `today`, a day's start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub verdict: Verdict,
    pub evidence: String,
    pub reviewed_on: i64,
}

pub fn check_review(verdict: &str, evidence: &str, day: &str, today: i64) -> Result<Review, PriorityProblem> {
    let verdict = Verdict::parse(verdict.trim()).ok_or(PriorityProblem::Verdict)?;
    let evidence = evidence.trim();
    if evidence.is_empty() {
        return Err(PriorityProblem::Evidence);
    }
    if evidence.chars().count() > MAX_TEXT {
        return Err(PriorityProblem::TooLong);
    }
    let reviewed_on = crate::problems::parse_day(day).filter(|d| *d <= today).ok_or(PriorityProblem::Date)?;
    Ok(Review { verdict, evidence: evidence.into(), reviewed_on })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_quarters() {
        assert_eq!(Period::of(1_796_601_600), Period { year: 2026, quarter: 4 }); // 7 December 2026
        assert_eq!(Period::of(1_767_225_600), Period { year: 2026, quarter: 1 }); // 1 January 2026
        assert_eq!(Period::parse(" 2026-q4 "), Some(Period { year: 2026, quarter: 4 }));
        for bad in ["2026-Q5", "2026-Q0", "1999-Q1", "2026", "Q4-2026", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let p = Period { year: 2026, quarter: 1 };
        assert_eq!(p.previous().to_string(), "2025-Q4");
        assert_eq!(p.next().to_string(), "2026-Q2");
        assert_eq!(Period { year: 2026, quarter: 4 }.next().to_string(), "2027-Q1");
        assert_eq!(Period::parse(&p.to_string()), Some(p));
    }

    #[test]
    fn three_priorities_at_most() {
        assert_eq!(next_slot(&[]), Some(1));
        assert_eq!(next_slot(&[1, 3]), Some(2));
        assert_eq!(next_slot(&[2, 1]), Some(3));
        assert_eq!(next_slot(&[1, 2, 3]), None);
    }

    #[test]
    fn priorities_need_both_titles_and_reviews_their_evidence() {
        assert_eq!(check_priority("Speeding on Heol y Felin", "  ", ""), Err(PriorityProblem::Title));
        assert_eq!(check_priority("", "Goryrru", ""), Err(PriorityProblem::Title));
        assert_eq!(check_priority(&"x".repeat(MAX_TITLE + 1), "y", ""), Err(PriorityProblem::TooLong));
        let p = check_priority(" Speeding ", " Goryrru ", " 41% named it ").unwrap();
        assert_eq!(
            (p.title_en.as_str(), p.title_cy.as_str(), p.why.as_str()),
            ("Speeding", "Goryrru", "41% named it")
        );
        let today = 1_796_601_600;
        assert_eq!(check_review("fixed", "x", "2026-12-01", today), Err(PriorityProblem::Verdict));
        assert_eq!(check_review("improving", " ", "2026-12-01", today), Err(PriorityProblem::Evidence));
        assert_eq!(check_review("improving", "x", "2026-12-08", today), Err(PriorityProblem::Date));
        assert_eq!(check_review("improving", "x", "01/12/2026", today), Err(PriorityProblem::Date));
        let r = check_review("not_resolved", "Meeting of 1 Dec: still daily", "2026-12-01", today).unwrap();
        assert_eq!(r.verdict, Verdict::NotResolved);
        assert_eq!(r.reviewed_on, today - 6 * 86_400);
        assert_eq!(
            Verdict::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            ["resolved", "improving", "not_resolved"]
        );
    }
}
