//! The quarterly strategic assessment: the hub drafts it from the data (top problems and their
//! trend against the last quarter and the same quarter last year, emerging issues, the outcome
//! of profiles closed in the quarter, intelligence gaps, recommendations); the analyst edits
//! and publishes it; published versions are kept unchanged.

use crate::{
    i18n::Lang,
    problems::{
        assessment::{compare_rates, RateChange, Verdict},
        pages::family_name,
    },
    t,
    time::Timestamp,
    vocabulary::vocabulary,
};
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;

vocabulary! {
    /// A version of an assessment: a draft the analyst edits, or published (never changed).
    AssessmentStatus { Draft = "draft", Published = "published" }
}

/// The editable text of an assessment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Sections {
    pub summary: String,
    pub top_problems: String,
    pub emerging: String,
    pub outcomes: String,
    pub gaps: String,
    pub recommendations: String,
}

/// One row of the assessment's table: a family's reports this quarter, last quarter and the
/// same quarter last year, with the changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureRow {
    pub family: String,
    pub this: i64,
    pub previous: i64,
    pub last_year: i64,
    pub against_previous: RateChange,
    pub against_last_year: RateChange,
}

/// A stored assessment (one version).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: i64,
    pub year: i64,
    pub quarter: i64,
    pub version: i64,
    pub status: AssessmentStatus,
    pub sections: Sections,
    pub figures: Vec<FigureRow>,
    pub updated_at: Timestamp,
    pub published_at: Option<Timestamp>,
    pub published_by: Option<String>,
}

impl Assessment {
    pub fn published(&self) -> bool {
        self.status == AssessmentStatus::Published
    }
}

/// Reports of one family in one neighbourhood in each window (this quarter, the previous one,
/// the same quarter last year).
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyCounts {
    pub family: crate::reporting::Family,
    pub neighbourhood_id: i64,
    pub counts: Vec<i64>,
}

/// The first day of a quarter (UTC) and the first day after it.
pub fn quarter_bounds(year: i64, quarter: i64) -> Option<(i64, i64)> {
    use chrono::NaiveDate;
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let start = NaiveDate::from_ymd_opt(year as i32, (quarter as u32 - 1) * 3 + 1, 1)?;
    let end = if quarter == 4 {
        NaiveDate::from_ymd_opt(year as i32 + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year as i32, quarter as u32 * 3 + 1, 1)?
    };
    Some((start.and_hms_opt(0, 0, 0)?.and_utc().timestamp(), end.and_hms_opt(0, 0, 0)?.and_utc().timestamp()))
}

/// The quarter before.
pub fn previous(year: i64, quarter: i64) -> (i64, i64) {
    if quarter == 1 {
        (year - 1, 4)
    } else {
        (year, quarter - 1)
    }
}

/// The last quarter that has ended at `now`.
pub fn last_complete(now: i64) -> (i64, i64) {
    let date = chrono::DateTime::from_timestamp(now, 0).unwrap_or_default();
    let (year, month) = (chrono::Datelike::year(&date) as i64, chrono::Datelike::month(&date) as i64);
    previous(year, (month - 1) / 3 + 1)
}

/// The three windows the draft compares: this quarter, the previous one, the same one last year.
pub fn windows(year: i64, quarter: i64) -> Option<[(i64, i64); 3]> {
    let (py, pq) = previous(year, quarter);
    Some([quarter_bounds(year, quarter)?, quarter_bounds(py, pq)?, quarter_bounds(year - 1, quarter)?])
}

fn days(w: (i64, i64)) -> i64 {
    (w.1 - w.0) / DAY
}

/// What was closed in the quarter, with the outcome the hub computed for each.
pub struct ClosedProfile {
    pub reference: String,
    pub title: String,
    pub outcome: Option<RateChange>,
}

fn trend(lang: Lang, c: &RateChange) -> String {
    match (c.verdict, c.percent()) {
        (Verdict::Fell, Some(p)) => t!(lang, "sa-trend-fell", percent = format!("{:.0}", -p)),
        (Verdict::Rose, Some(p)) => t!(lang, "sa-trend-rose", percent = format!("{:.0}", p)),
        (_, Some(p)) => t!(lang, "sa-trend-unclear", percent = format!("{p:+.0}")),
        (_, None) => t!(lang, "sa-trend-new"),
    }
}

/// Drafts the sections and the table. `neighbourhood` names a neighbourhood by id; `covered`
/// says whether an open profile already covers a neighbourhood and family.
#[allow(clippy::too_many_arguments)]
pub fn draft(
    lang: Lang,
    year: i64,
    quarter: i64,
    counts: &[FamilyCounts],
    neighbourhood: &dyn Fn(i64) -> String,
    covered: &dyn Fn(i64, &str) -> bool,
    closed: &[ClosedProfile],
    gaps: &[(String, String)],
    open_profiles: usize,
) -> (Sections, Vec<FigureRow>) {
    let w = windows(year, quarter).unwrap_or([(0, DAY); 3]);
    let (d0, d1, d2) = (days(w[0]), days(w[1]), days(w[2]));
    // Per family, over the whole partnership.
    let mut families: Vec<FigureRow> = Vec::new();
    for c in counts {
        let row = match families.iter_mut().find(|r| r.family == c.family.as_str()) {
            Some(r) => r,
            None => {
                families.push(FigureRow {
                    family: c.family.as_str().to_string(),
                    this: 0,
                    previous: 0,
                    last_year: 0,
                    against_previous: compare_rates(0, 1, 0, 1),
                    against_last_year: compare_rates(0, 1, 0, 1),
                });
                families.last_mut().expect("just pushed")
            }
        };
        row.this += c.counts[0];
        row.previous += c.counts[1];
        row.last_year += c.counts[2];
    }
    for r in &mut families {
        r.against_previous = compare_rates(r.previous, d1, r.this, d0);
        r.against_last_year = compare_rates(r.last_year, d2, r.this, d0);
    }
    families.sort_by(|a, b| b.this.cmp(&a.this).then(a.family.cmp(&b.family)));
    let total: (i64, i64, i64) =
        families.iter().fold((0, 0, 0), |t, r| (t.0 + r.this, t.1 + r.previous, t.2 + r.last_year));
    let all_previous = compare_rates(total.1, d1, total.0, d0);
    let all_year = compare_rates(total.2, d2, total.0, d0);

    let summary = t!(
        lang,
        "sa-summary",
        quarter = format!("Q{quarter} {year}"),
        count = total.0,
        previous = trend(lang, &all_previous),
        year_ago = trend(lang, &all_year),
        closed = (closed.len() as i64),
        open = (open_profiles as i64)
    );
    let top_problems = if families.iter().all(|r| r.this == 0) {
        t!(lang, "sa-top-none")
    } else {
        families
            .iter()
            .take(5)
            .enumerate()
            .map(|(i, r)| {
                t!(
                    lang,
                    "sa-top-line",
                    rank = ((i + 1) as i64),
                    family = family_name(lang, &r.family),
                    count = r.this,
                    previous = trend(lang, &r.against_previous),
                    year_ago = trend(lang, &r.against_last_year)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };

    // Emerging: a neighbourhood's family clearly up on the previous quarter, with enough reports.
    let mut emerging: Vec<(&FamilyCounts, RateChange)> = counts
        .iter()
        .filter(|c| c.counts[0] >= 10)
        .map(|c| (c, compare_rates(c.counts[1], d1, c.counts[0], d0)))
        .filter(|(_, change)| change.verdict == Verdict::Rose)
        .collect();
    emerging.sort_by(|a, b| b.1.low.total_cmp(&a.1.low));
    emerging.truncate(8);
    let emerging_text = if emerging.is_empty() {
        t!(lang, "sa-emerging-none")
    } else {
        emerging
            .iter()
            .map(|(c, change)| {
                t!(
                    lang,
                    "sa-emerging-line",
                    family = family_name(lang, c.family.as_str()),
                    area = neighbourhood(c.neighbourhood_id),
                    count = c.counts[0],
                    before = c.counts[1],
                    ratio = format!("{:.1}", change.ratio.unwrap_or(f64::INFINITY)),
                    low = format!("{:.1}", change.low),
                    high = format!("{:.1}", change.high)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let outcomes = if closed.is_empty() {
        t!(lang, "sa-outcomes-none")
    } else {
        closed
            .iter()
            .map(|p| match &p.outcome {
                Some(c) => t!(
                    lang,
                    "sa-outcome-line",
                    reference = p.reference.clone(),
                    title = p.title.clone(),
                    before = c.before,
                    after = c.after,
                    trend = trend(lang, c)
                ),
                None => t!(
                    lang,
                    "sa-outcome-unmeasured",
                    reference = p.reference.clone(),
                    title = p.title.clone()
                ),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let gaps_text = if gaps.is_empty() {
        t!(lang, "sa-gaps-none")
    } else {
        gaps.iter().map(|(r, g)| format!("{r}: {}", g.replace('\n', " "))).collect::<Vec<_>>().join("\n")
    };
    let mut recommendations: Vec<String> = emerging
        .iter()
        .filter(|(c, _)| !covered(c.neighbourhood_id, c.family.as_str()))
        .map(|(c, _)| {
            t!(
                lang,
                "sa-recommend-profile",
                family = family_name(lang, c.family.as_str()),
                area = neighbourhood(c.neighbourhood_id)
            )
        })
        .collect();
    if let Some(top) = families.first() {
        recommendations.push(t!(lang, "sa-recommend-strategy", family = family_name(lang, &top.family)));
    }
    if !gaps.is_empty() {
        recommendations.push(t!(lang, "sa-recommend-gaps"));
    }
    let sections = Sections {
        summary,
        top_problems,
        emerging: emerging_text,
        outcomes,
        gaps: gaps_text,
        recommendations: recommendations.join("\n"),
    };
    (sections, families)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters() {
        let (from, to) = quarter_bounds(2026, 3).unwrap();
        assert_eq!(crate::time::iso_date(from), "2026-07-01");
        assert_eq!(crate::time::iso_date(to), "2026-10-01");
        assert_eq!(previous(2026, 1), (2025, 4));
        assert_eq!(quarter_bounds(2026, 5), None);
        // 2026-11-30: the last complete quarter is Q3.
        assert_eq!(last_complete(1_795_996_800), (2026, 3));
        let w = windows(2026, 1).unwrap();
        assert_eq!((days(w[0]), days(w[1]), days(w[2])), (90, 92, 90));
    }

    fn counts(family: &str, n: i64, c: [i64; 3]) -> FamilyCounts {
        FamilyCounts {
            family: crate::reporting::Family::parse(family).unwrap(),
            neighbourhood_id: n,
            counts: c.to_vec(),
        }
    }

    #[test]
    fn the_draft_ranks_families_and_finds_what_emerged() {
        let data = vec![
            counts("asb", 1, [300, 320, 310]),
            counts("asb", 2, [200, 190, 205]),
            counts("drugs", 3, [40, 12, 15]),
            counts("environmental", 1, [120, 240, 130]),
        ];
        let (s, figures) =
            draft(Lang::En, 2026, 3, &data, &|n| format!("Area {n}"), &|_, _| false, &[], &[], 2);
        assert_eq!(
            figures.iter().map(|f| f.family.as_str()).collect::<Vec<_>>(),
            ["asb", "environmental", "drugs"]
        );
        assert_eq!(figures[0].this, 500);
        assert_eq!(figures[1].against_previous.verdict, Verdict::Fell, "environmental halved");
        assert!(s.top_problems.starts_with("1. anti-social behaviour: 500 reports"), "{}", s.top_problems);
        assert!(s.emerging.contains("drugs in Area 3"), "{}", s.emerging);
        assert!(!s.emerging.contains("Area 1"), "{}", s.emerging);
        assert!(s.recommendations.contains("drugs in Area 3"), "{}", s.recommendations);
        assert!(s.summary.contains("660 reports"), "{}", s.summary);
        // Covered by an open profile: not recommended again.
        let (s, _) = draft(
            Lang::En,
            2026,
            3,
            &data,
            &|n| format!("Area {n}"),
            &|n, f| n == 3 && f == "drugs",
            &[],
            &[],
            2,
        );
        assert!(!s.recommendations.contains("Area 3"));
        // A quarter without reports says so.
        let (s, figures) =
            draft(Lang::En, 2026, 3, &[], &|n| format!("Area {n}"), &|_, _| false, &[], &[], 0);
        assert!(figures.is_empty() && s.top_problems == "No reports were received this quarter.");
        // And in Welsh.
        let (s, _) = draft(Lang::Cy, 2026, 3, &data, &|n| format!("Ardal {n}"), &|_, _| false, &[], &[], 2);
        assert!(s.emerging.contains("Ardal 3"), "{}", s.emerging);
    }
}
