//! Server-rendered bar charts: SVG that scales to a phone's width, with a title and a
//! description for screen readers, always shown next to a table of the same numbers.

/// Counts by hour of the day (0-23) and day of the week (0 = Monday) of the given local times
/// (Unix seconds already shifted to local time), and by week starting at `first_monday`.
pub struct Counts {
    pub by_hour: [i64; 24],
    pub by_weekday: [i64; 7],
    pub by_week: Vec<i64>,
}

const DAY: i64 = 86_400;

pub fn count(local_times: &[i64], first_monday: i64, weeks: usize) -> Counts {
    let mut c = Counts { by_hour: [0; 24], by_weekday: [0; 7], by_week: vec![0; weeks] };
    for &t in local_times {
        c.by_hour[(t.rem_euclid(DAY) / 3_600) as usize] += 1;
        // 1970-01-01 was a Thursday (weekday 3 counting from Monday).
        c.by_weekday[((t.div_euclid(DAY) + 3).rem_euclid(7)) as usize] += 1;
        let week = (t - first_monday).div_euclid(7 * DAY);
        if (0..weeks as i64).contains(&week) {
            c.by_week[week as usize] += 1;
        }
    }
    c
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A bar chart: one bar per (label, count), labels shown every `label_every` bars. The SVG has
/// a viewBox, so it fills the width it is given; its title and description say what it shows.
pub fn bar_chart(
    id: &str,
    title: &str,
    description: &str,
    bars: &[(String, i64)],
    label_every: usize,
) -> String {
    let (width, height, top, bottom, left) = (640.0_f64, 220.0_f64, 16.0, 28.0, 36.0);
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let step = (width - left) / bars.len().max(1) as f64;
    let plot = height - top - bottom;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    svg.push_str(&format!("<text x=\"0\" y=\"{top}\" class=\"axis\">{}</text>", max as i64));
    svg.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{width}\" y2=\"{}\" class=\"baseline\"/>",
        height - bottom,
        height - bottom
    ));
    for (i, (label, n)) in bars.iter().enumerate() {
        let h = (*n as f64 / max) * plot;
        let x = left + i as f64 * step;
        svg.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" class=\"bar\"><title>{}: {n}</title></rect>",
            x + step * 0.1,
            height - bottom - h,
            step * 0.8,
            h,
            escape(label)
        ));
        if label_every > 0 && i % label_every == 0 {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{}\" class=\"axis\">{}</text>",
                x + step * 0.1,
                height - 8.0,
                escape(label)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_hour_weekday_and_week() {
        let monday = 1_794_787_200; // 2026-11-16 00:00 UTC, a Monday
        let times = [
            monday + 3_600 * 23,
            monday + DAY + 3_600 * 23,
            monday + 6 * DAY + 60,
            monday + 8 * DAY,
            monday - 1,
        ];
        let c = count(&times, monday, 2);
        assert_eq!(c.by_hour[23], 3, "the last one is 23:59 the Sunday before");
        assert_eq!(c.by_hour[0], 2);
        assert_eq!(c.by_weekday, [1, 2, 0, 0, 0, 0, 2]);
        assert_eq!(c.by_week, vec![3, 1], "one outside the weeks is not counted");
    }

    #[test]
    fn charts_are_labelled_and_escaped() {
        let bars: Vec<(String, i64)> = vec![("Mon".into(), 3), ("<Tue>".into(), 0), ("Wed".into(), 6)];
        let svg = bar_chart("days", "Reports by day", "Most on Wednesday", &bars, 1);
        assert!(svg.starts_with("<svg") && svg.contains("viewBox=\"0 0 640 220\""));
        assert!(
            svg.contains("aria-labelledby=\"days-title days-desc\"")
                && svg.contains("<title id=\"days-title\">Reports by day</title>")
        );
        assert!(svg.contains("&lt;Tue&gt;") && !svg.contains("<Tue>"));
        assert_eq!(svg.matches("<rect").count(), 3);
        // The tallest bar fills the plot; an empty one has no height.
        assert!(svg.contains("height=\"176.0\"") && svg.contains("height=\"0.0\""));
        let empty = bar_chart("none", "Nothing", "No reports", &[], 1);
        assert!(empty.contains("</svg>"));
    }
}
