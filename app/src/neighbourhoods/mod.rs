//! A neighbourhood's public page (issue 14): what residents may see of their area. The rules
//! here are plain functions: which months are counted, how reports are grouped into rows so a
//! sensitive kind of concern never shows on its own, and the outline map.
//!
//! Counts are shown only through `suppression::table`: each under the partnership's threshold
//! is "fewer than N", and more are hidden so that no hidden count can be worked out from the
//! totals.

pub mod actions;
pub mod pages;

use crate::{
    db::neighbourhoods::{CategoryFamily, MonthCount},
    reporting::Family,
    suppression::{self, Table},
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

/// Longest public contact text a partnership may set, per language.
pub const MAX_CONTACT: usize = 1000;

/// How many months of reports the page counts (the current month and the eleven before it).
pub const MONTHS: usize = 12;

/// A month as counted: its year, its number (1-12) and its first moment in UK time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    pub starts: Timestamp,
}

/// The last `MONTHS` months in UK time, oldest first, ending with the one `now` is in; and the
/// end of that month.
pub fn last_months(now: Timestamp) -> (Vec<Month>, Timestamp) {
    use chrono::{Datelike, TimeZone};
    let london = chrono_tz::Europe::London;
    let today = chrono::DateTime::from_timestamp(now, 0).unwrap_or_default().with_timezone(&london);
    let start_of = |year: i32, month: u32| -> Timestamp {
        london.with_ymd_and_hms(year, month, 1, 0, 0, 0).earliest().map(|t| t.timestamp()).unwrap_or_default()
    };
    let step = |year: i32, month: u32, by: i32| -> (i32, u32) {
        let index = year * 12 + month as i32 - 1 + by;
        (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
    };
    let months = (0..MONTHS as i32)
        .map(|back| {
            let (year, month) = step(today.year(), today.month(), back - (MONTHS as i32 - 1));
            Month { year, month, starts: start_of(year, month) }
        })
        .collect();
    let (year, month) = step(today.year(), today.month(), 1);
    (months, start_of(year, month))
}

/// A row of the counts table: a family of concern, or everything else together with every
/// sensitive report (hate, domestic abuse, sexual violence: never counted on their own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CountRow {
    Family(Family),
    OtherAndSensitive,
}

/// The reports of the last months as the public sees them: rows by months, suppressed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCounts {
    pub rows: Vec<CountRow>,
    pub table: Table,
}

/// Groups the counts into rows (a family per row for the families that have a category that is
/// not sensitive, in the vocabulary's order, then "other concerns" holding family `other` and
/// every sensitive report, by its category or by itself) and suppresses the table.
pub fn report_counts(
    categories: &[CategoryFamily],
    counts: &[MonthCount],
    months: usize,
    threshold: i64,
) -> ReportCounts {
    let shown_alone =
        |f: Family| f != Family::Other && categories.iter().any(|c| c.family == f && c.sensitive == 0);
    let mut rows: Vec<CountRow> =
        Family::ALL.iter().copied().filter(|f| shown_alone(*f)).map(CountRow::Family).collect();
    rows.push(CountRow::OtherAndSensitive);
    let mut cells = vec![vec![0i64; months]; rows.len()];
    for count in counts {
        let Ok(month) = usize::try_from(count.month) else { continue };
        if month >= months {
            continue;
        }
        let category = categories.iter().find(|c| c.id == count.category_id);
        let row = match category {
            Some(c) if c.sensitive == 0 && count.sensitive == 0 && shown_alone(c.family) => {
                rows.iter().position(|r| *r == CountRow::Family(c.family)).unwrap_or(rows.len() - 1)
            }
            _ => rows.len() - 1,
        };
        cells[row][month] += count.reports;
    }
    ReportCounts { table: suppression::table(&cells, threshold), rows }
}

/// The outline of a neighbourhood's wards as an SVG image (north up, longitude scaled for
/// latitude): no tiles, no script. `title` and `description` name it for screen readers.
pub fn outline_svg(outlines: &[(String, geo::MultiPolygon<f64>)], title: &str, description: &str) -> String {
    use geo::BoundingRect;
    let rects: Vec<geo::Rect<f64>> = outlines.iter().filter_map(|(_, s)| s.bounding_rect()).collect();
    let Some(first) = rects.first() else { return String::new() };
    let (mut min_x, mut min_y, mut max_x, mut max_y) =
        (first.min().x, first.min().y, first.max().x, first.max().y);
    for r in &rects {
        min_x = min_x.min(r.min().x);
        min_y = min_y.min(r.min().y);
        max_x = max_x.max(r.max().x);
        max_y = max_y.max(r.max().y);
    }
    let scale_x = ((min_y + max_y) / 2.0).to_radians().cos();
    let (width, pad) = (400.0, 8.0);
    let span_x = ((max_x - min_x) * scale_x).max(1e-6);
    let span_y = (max_y - min_y).max(1e-6);
    let k = (width - 2.0 * pad) / span_x;
    let height = (span_y * k).clamp(80.0, 560.0) + 2.0 * pad;
    let k = k.min((height - 2.0 * pad) / span_y);
    let x = |lon: f64| pad + (lon - min_x) * scale_x * k;
    let y = |lat: f64| height - pad - (lat - min_y) * k;
    let escape =
        |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" \
         aria-labelledby=\"outline-title outline-desc\" class=\"chart map outline\">\
         <title id=\"outline-title\">{}</title><desc id=\"outline-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (name, shape) in outlines {
        let mut d = String::new();
        for polygon in &shape.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for (i, c) in ring.0.iter().enumerate() {
                    d.push_str(&format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(c.x), y(c.y)));
                }
                d.push('Z');
            }
        }
        svg.push_str(&format!("<path d=\"{d}\" class=\"ward\"><title>{}</title></path>", escape(name)));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suppression::Shown;

    const H: Shown = Shown::Hidden { threshold: 10 };

    fn category(id: i64, family: Family, sensitive: bool) -> CategoryFamily {
        CategoryFamily { id, family, sensitive: sensitive as i64 }
    }

    fn defaults() -> Vec<CategoryFamily> {
        vec![
            category(1, Family::Asb, false),
            category(2, Family::Asb, false),
            category(3, Family::Hate, true),
            category(4, Family::Abuse, true),
            category(5, Family::Environmental, false),
            category(6, Family::Drugs, false),
            category(7, Family::Other, false),
        ]
    }

    fn count(category_id: i64, month: i64, reports: i64) -> MonthCount {
        MonthCount { category_id, sensitive: 0, month, reports }
    }

    #[test]
    fn months_are_the_last_twelve_in_uk_time() {
        // 7 December 2026, 12:00 UTC.
        let now = 1_796_644_800;
        let (months, end) = last_months(now);
        assert_eq!(months.len(), 12);
        assert_eq!((months[0].year, months[0].month), (2026, 1));
        assert_eq!((months[11].year, months[11].month), (2026, 12));
        // 1 January 2027 00:00 GMT.
        assert_eq!(end, 1_798_761_600);
        // 1 July 2026 00:00 BST is 30 June 23:00 UTC.
        assert_eq!(months[6].starts, 1_782_860_400);
        assert!(months.windows(2).all(|w| w[0].starts < w[1].starts));
        // In January the months reach back into the year before.
        let (months, _) = last_months(1_799_000_000);
        assert_eq!((months[0].year, months[0].month, months[11].month), (2026, 2, 1));
    }

    #[test]
    fn sensitive_reports_are_only_ever_counted_with_other_concerns() {
        let counts = vec![
            count(1, 0, 30),
            count(2, 0, 15),
            count(1, 1, 20),
            count(6, 0, 15),
            count(6, 1, 16),
            count(3, 0, 40), // hate: large, but never on its own row
            count(4, 1, 12),
            count(5, 0, 25),
            count(5, 1, 11),
            count(7, 0, 2),
            // An ASB report marked sensitive by itself goes with the sensitive ones.
            MonthCount { category_id: 1, sensitive: 1, month: 1, reports: 20 },
        ];
        let c = report_counts(&defaults(), &counts, 2, 10);
        assert_eq!(
            c.rows,
            vec![
                CountRow::Family(Family::Asb),
                CountRow::Family(Family::Drugs),
                CountRow::Family(Family::Environmental),
                CountRow::OtherAndSensitive
            ]
        );
        assert!(!c.rows.contains(&CountRow::Family(Family::Hate)));
        assert!(!c.rows.contains(&CountRow::Family(Family::Abuse)));
        let last = c.rows.len() - 1;
        assert_eq!(c.table.cells[0], vec![Shown::Count(45), Shown::Count(20)]);
        assert_eq!(c.table.cells[last][0], Shown::Count(42), "hate 40 with other 2");
        assert_eq!(c.table.cells[last][1], Shown::Count(32), "abuse 12 with the sensitive ASB 20");
        assert_eq!(c.table.total, Shown::Count(206));
        // A family whose every category is sensitive has no row even if marked otherwise later.
        let all_sensitive = vec![category(1, Family::Tension, true)];
        let c = report_counts(&all_sensitive, &[count(1, 0, 50)], 1, 10);
        assert_eq!(c.rows, vec![CountRow::OtherAndSensitive]);
        // An unknown category (none of the CSP's) is counted with other concerns.
        let c = report_counts(&defaults(), &[count(99, 0, 50)], 1, 10);
        assert_eq!(c.table.cells[c.rows.len() - 1][0], Shown::Count(50));
    }

    #[test]
    fn small_counts_are_hidden_and_totals_do_not_give_them_away() {
        // One small cell in a row and a column: more are hidden so neither total reveals it.
        let counts = vec![
            count(1, 0, 30),
            count(1, 1, 4),
            count(1, 2, 25),
            count(5, 0, 20),
            count(5, 1, 22),
            count(5, 2, 18),
            count(6, 0, 40),
            count(6, 1, 35),
            count(6, 2, 33),
            count(7, 0, 12),
            count(7, 1, 11),
            count(7, 2, 14),
        ];
        let c = report_counts(&defaults(), &counts, 3, 10);
        let t = &c.table;
        assert_eq!(t.cells[0][1], H);
        // In every row and column whose total is shown, hidden cells are none or two or more.
        for (r, row) in t.cells.iter().enumerate() {
            if !t.row_totals[r].is_hidden() {
                assert_ne!(row.iter().filter(|s| s.is_hidden()).count(), 1, "row {r}: {t:?}");
            }
        }
        for m in 0..3 {
            if !t.column_totals[m].is_hidden() {
                let hidden = t.cells.iter().filter(|row| row[m].is_hidden()).count();
                assert_ne!(hidden, 1, "month {m}: {t:?}");
            }
        }
        // Shown counts are the true ones.
        assert_eq!(t.cells[3][0], Shown::Count(12));
        assert_eq!(t.total, Shown::Count(264));
        // A quiet neighbourhood: everything under the threshold, nothing shown.
        let c = report_counts(&defaults(), &[count(1, 0, 3), count(5, 0, 2)], 12, 10);
        assert!(c.table.cells.iter().flatten().all(|s| s.is_hidden()));
        assert_eq!(c.table.total, H);
        // Another threshold is honoured.
        let c = report_counts(&defaults(), &[count(1, 0, 6), count(1, 1, 6)], 2, 5);
        assert_eq!(c.table.cells[0], vec![Shown::Count(6), Shown::Count(6)]);
    }

    #[test]
    fn the_outline_is_an_svg_with_a_title_and_description() {
        let square = geo::MultiPolygon(vec![geo::Polygon::new(
            geo::LineString::from(vec![(-3.2, 51.4), (-3.1, 51.4), (-3.1, 51.5), (-3.2, 51.5), (-3.2, 51.4)]),
            vec![],
        )]);
        let svg = outline_svg(&[("Adamsdown & <Splott>".into(), square)], "Map of Adamsdown", "One ward");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"outline-title\">Map of Adamsdown</title>"));
        assert!(svg.contains("Adamsdown &amp; &lt;Splott&gt;"));
        assert!(svg.contains("<path d=\"M"));
        assert_eq!(outline_svg(&[], "t", "d"), "");
    }
}
