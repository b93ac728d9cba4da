//! Small numbers are never shown to the public, partners or regional users: a count under the
//! CSP's threshold (10 unless the CSP sets another) is shown as "fewer than 10" (primary
//! suppression), and where counts add up to a total that is shown, enough other counts are
//! hidden too that no hidden one can be worked out by subtraction (secondary suppression).
//!
//! Pages, CSV exports and the API all show counts through these functions, so all three agree.
//!
//! **Differencing.** A filtered view (one neighbourhood, one channel, one equality group) sits
//! beside the unfiltered one, so a count could be worked out by subtraction: 30 "yes" overall
//! and 27 in one neighbourhood says 3 people elsewhere said yes. So in a filtered view a count
//! is also hidden when the same count in the wider view minus it is between 1 and threshold - 1
//! ([`reveals_by_difference`]), and when the wider view hides it (else a count hidden there, by
//! secondary suppression, would be shown here); secondary suppression then applies as usual
//! (`*_within`).

use serde::{Deserialize, Serialize};

/// The threshold a CSP starts with.
pub const DEFAULT_THRESHOLD: i64 = 10;

/// A count as it may be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Count(i64),
    /// Hidden: fewer than this (the threshold), or hidden so that another cannot be worked out.
    Hidden {
        threshold: i64,
    },
}

impl Shown {
    pub fn count(self) -> Option<i64> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::Hidden { .. } => None,
        }
    }

    pub fn is_hidden(self) -> bool {
        matches!(self, Shown::Hidden { .. })
    }

    /// The words for a CSV cell or the API: the number, or `<10`.
    pub fn to_plain(self) -> String {
        match self {
            Shown::Count(n) => n.to_string(),
            Shown::Hidden { threshold } => format!("<{threshold}"),
        }
    }
}

/// One count on its own (no total shown beside it): hidden under the threshold.
pub fn one(count: i64, threshold: i64) -> Shown {
    one_within(count, &[], threshold)
}

/// Whether a count of a filtered view gives a small number away by difference with the same
/// count in a wider view shown too (the unfiltered one): `wider - count` is between 1 and
/// `threshold - 1`. (0 gives nothing away: everyone counted there is in the filtered view.)
pub fn reveals_by_difference(count: i64, wider: i64, threshold: i64) -> bool {
    (1..threshold).contains(&(wider - count))
}

/// One count of a filtered view on its own; `wider` holds the same count in each wider view
/// shown beside it. Hidden under the threshold, or when a wider view minus it is small.
pub fn one_within(count: i64, wider: &[i64], threshold: i64) -> Shown {
    if count < threshold || wider.iter().any(|&w| reveals_by_difference(count, w, threshold)) {
        Shown::Hidden { threshold }
    } else {
        Shown::Count(count)
    }
}

/// Counts shown with their total (they add up to it: each respondent in exactly one cell).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithTotal {
    pub cells: Vec<Shown>,
    pub total: Shown,
}

/// Counts that add up to a total shown beside them. Small cells are hidden; if exactly one cell
/// is hidden, the smallest other cell is hidden too; if there is none, the total is hidden.
pub fn with_total(counts: &[i64], threshold: i64) -> WithTotal {
    with_total_within(counts, &[], threshold)
}

/// Counts of a filtered view that add up to a total shown beside them; `wider` holds each wider
/// view's counts of the same cells (the unfiltered view's, in the same order). A cell, or the
/// total, is hidden when it is small, when a wider view minus it is small, or when the wider
/// view (suppressed as [`with_total`] shows it) hides it; then, as in [`with_total`], never
/// exactly one cell hidden beside a shown total.
pub fn with_total_within(counts: &[i64], wider: &[Vec<i64>], threshold: i64) -> WithTotal {
    with_total_within_withheld(counts, wider, &[], threshold)
}

/// As [`with_total`], with some cells withheld whatever their size (counts of sensitive
/// categories shown to people who may not see them): they are hidden like small ones, so
/// secondary suppression keeps them from being worked out from the total.
pub fn with_total_withheld(counts: &[i64], withheld: &[bool], threshold: i64) -> WithTotal {
    with_total_within_withheld(counts, &[], withheld, threshold)
}

/// Both rules at once: a filtered view against its `wider` views ([`with_total_within`]), with
/// the cells marked in `withheld` hidden whatever their size ([`with_total_withheld`]).
pub fn with_total_within_withheld(
    counts: &[i64],
    wider: &[Vec<i64>],
    withheld: &[bool],
    threshold: i64,
) -> WithTotal {
    let total: i64 = counts.iter().sum();
    let wider_shown: Vec<WithTotal> =
        wider.iter().map(|w| with_total_within_withheld(w, &[], withheld, threshold)).collect();
    let differs = |i: usize, c: i64| {
        wider.iter().zip(&wider_shown).any(|(w, shown)| {
            reveals_by_difference(c, w.get(i).copied().unwrap_or(c), threshold)
                || shown.cells.get(i).is_some_and(|s| s.is_hidden())
        })
    };
    let mut hidden: Vec<bool> = counts
        .iter()
        .enumerate()
        .map(|(i, &c)| c < threshold || withheld.get(i).copied().unwrap_or(false) || differs(i, c))
        .collect();
    let total_differs = wider
        .iter()
        .zip(&wider_shown)
        .any(|(w, shown)| reveals_by_difference(total, w.iter().sum(), threshold) || shown.total.is_hidden());
    let total_hidden = total < threshold || total_differs || !secure_line(counts, &mut hidden, |_| false);
    WithTotal {
        cells: shown(counts, &hidden, threshold),
        total: if total_hidden { Shown::Hidden { threshold } } else { Shown::Count(total) },
    }
}

/// Makes one line (cells adding to a shown total) safe by hiding more cells: never exactly one
/// hidden. The cell hidden is the smallest of those `preferred` (in a table: whose crossing line
/// already hides a cell, so hiding it protects that line too instead of exposing it), else the
/// smallest. Returns false when it cannot (then the total must be hidden).
fn secure_line(counts: &[i64], hidden: &mut [bool], preferred: impl Fn(usize) -> bool) -> bool {
    if hidden.iter().filter(|h| **h).count() != 1 {
        return true;
    }
    let smallest = (0..counts.len()).filter(|&i| !hidden[i]).min_by_key(|&i| (!preferred(i), counts[i]));
    match smallest {
        Some(i) => {
            hidden[i] = true;
            true
        }
        None => false,
    }
}

fn shown(counts: &[i64], hidden: &[bool], threshold: i64) -> Vec<Shown> {
    counts
        .iter()
        .zip(hidden)
        .map(|(&c, &h)| if h { Shown::Hidden { threshold } } else { Shown::Count(c) })
        .collect()
}

/// A table of counts (rows by columns, each respondent in one cell) with row totals, column
/// totals and the grand total shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub cells: Vec<Vec<Shown>>,
    pub row_totals: Vec<Shown>,
    pub column_totals: Vec<Shown>,
    pub total: Shown,
}

/// Suppresses a table: small cells hidden, then every row and every column made safe against
/// subtraction from its total (repeated until nothing changes). Small totals are hidden too,
/// and treated as cells of the margin line they belong to.
pub fn table(cells: &[Vec<i64>], threshold: i64) -> Table {
    let rows = cells.len();
    let columns = cells.iter().map(|r| r.len()).max().unwrap_or(0);
    let at = |r: usize, c: usize| cells[r].get(c).copied().unwrap_or(0);
    let row_totals: Vec<i64> = (0..rows).map(|r| (0..columns).map(|c| at(r, c)).sum()).collect();
    let column_totals: Vec<i64> = (0..columns).map(|c| (0..rows).map(|r| at(r, c)).sum()).collect();
    let total: i64 = row_totals.iter().sum();

    let mut hidden: Vec<Vec<bool>> =
        (0..rows).map(|r| (0..columns).map(|c| at(r, c) < threshold).collect()).collect();
    let mut row_hidden: Vec<bool> = row_totals.iter().map(|&t| t < threshold).collect();
    let mut column_hidden: Vec<bool> = column_totals.iter().map(|&t| t < threshold).collect();
    let mut total_hidden = total < threshold;

    // Each line: its cells and its total. A hidden total protects nothing by subtraction, so a
    // line is only checked while its total is shown.
    loop {
        let before = (hidden.clone(), row_hidden.clone(), column_hidden.clone(), total_hidden);
        for r in 0..rows {
            if !row_hidden[r] {
                let counts: Vec<i64> = (0..columns).map(|c| at(r, c)).collect();
                let guarded: Vec<bool> =
                    (0..columns).map(|c| column_hidden[c] || (0..rows).any(|o| hidden[o][c])).collect();
                if !secure_line(&counts, &mut hidden[r], |c| guarded[c]) {
                    row_hidden[r] = true;
                }
            }
        }
        for c in 0..columns {
            if !column_hidden[c] {
                let counts: Vec<i64> = (0..rows).map(|r| at(r, c)).collect();
                let mut line: Vec<bool> = (0..rows).map(|r| hidden[r][c]).collect();
                let guarded: Vec<bool> =
                    (0..rows).map(|r| row_hidden[r] || hidden[r].iter().any(|h| *h)).collect();
                if !secure_line(&counts, &mut line, |r| guarded[r]) {
                    column_hidden[c] = true;
                }
                for r in 0..rows {
                    hidden[r][c] = line[r];
                }
            }
        }
        // The margins add up to the grand total.
        if !total_hidden {
            if !secure_line(&row_totals, &mut row_hidden, |_| false) {
                total_hidden = true;
            }
            if !secure_line(&column_totals, &mut column_hidden, |_| false) {
                total_hidden = true;
            }
        }
        if before == (hidden.clone(), row_hidden.clone(), column_hidden.clone(), total_hidden) {
            break;
        }
    }
    Table {
        cells: (0..rows)
            .map(|r| shown(&(0..columns).map(|c| at(r, c)).collect::<Vec<_>>(), &hidden[r], threshold))
            .collect(),
        row_totals: shown(&row_totals, &row_hidden, threshold),
        column_totals: shown(&column_totals, &column_hidden, threshold),
        total: if total_hidden { Shown::Hidden { threshold } } else { Shown::Count(total) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: Shown = Shown::Hidden { threshold: 10 };
    fn n(c: i64) -> Shown {
        Shown::Count(c)
    }

    #[test]
    fn counts_under_the_threshold_are_hidden() {
        assert_eq!(one(9, 10), H);
        assert_eq!(one(0, 10), H);
        assert_eq!(one(10, 10), n(10));
        assert_eq!(one(4, 3), n(4));
        assert_eq!(H.to_plain(), "<10");
        assert_eq!(n(12).to_plain(), "12");
    }

    #[test]
    fn one_hidden_cell_beside_a_total_takes_the_smallest_other_with_it() {
        // 40 total, 4 hidden: 4 = 40 - 20 - 16 would show it, so 16 is hidden too.
        assert_eq!(with_total(&[20, 4, 16], 10), WithTotal { cells: vec![n(20), H, H], total: n(40) });
        // Two already hidden: nothing more to hide.
        assert_eq!(
            with_total(&[20, 4, 3, 16], 10),
            WithTotal { cells: vec![n(20), H, H, n(16)], total: n(43) }
        );
        // Only one cell, hidden: the total would show it, so the total is hidden.
        assert_eq!(with_total(&[12, 4], 10).cells, vec![H, H]);
        assert_eq!(with_total(&[4], 10), WithTotal { cells: vec![H], total: H });
        assert_eq!(with_total(&[30, 40], 10), WithTotal { cells: vec![n(30), n(40)], total: n(70) });
    }

    #[test]
    fn a_filtered_count_that_differs_from_the_whole_by_a_small_number_is_hidden() {
        assert!(reveals_by_difference(27, 30, 10));
        assert!(reveals_by_difference(21, 30, 10));
        assert!(!reveals_by_difference(20, 30, 10), "10 elsewhere is not small");
        assert!(!reveals_by_difference(30, 30, 10), "nobody elsewhere gives nothing away");
        assert_eq!(one_within(27, &[30], 10), H);
        assert_eq!(one_within(27, &[40], 10), n(27));
        assert_eq!(one_within(27, &[], 10), n(27));
        assert_eq!(one_within(4, &[4], 10), H, "still hidden when small");
    }

    #[test]
    fn the_difference_attack_no_longer_reveals_a_small_number() {
        // The whole campaign: yes 30, no 20, unsure 15 (all shown, total 65).
        let whole = with_total(&[30, 20, 15], 10);
        assert_eq!(whole, WithTotal { cells: vec![n(30), n(20), n(15)], total: n(65) });
        // One neighbourhood: yes 27, no 20, unsure 15. Shown plainly, 30 - 27 would say that
        // 3 people elsewhere said yes.
        let plain = with_total(&[27, 20, 15], 10);
        assert_eq!(plain.cells[0], n(27), "without the rule the difference gives 3 away");
        let filtered = with_total_within(&[27, 20, 15], &[vec![30, 20, 15]], 10);
        // 27 is hidden (30 - 27 = 3), and so is the total (65 - 62 = 3).
        assert_eq!(filtered.cells[0], H);
        assert_eq!(filtered.total, H);
        // No shown count of the filtered view, taken from the whole's, leaves 1 to 9.
        let shown_cells = filtered.cells.iter().zip([30, 20, 15]).filter_map(|(c, w)| Some((c.count()?, w)));
        for (f, w) in shown_cells {
            assert!(!(1..10).contains(&(w - f)), "{w} - {f}");
        }

        // The total shown, one cell hidden by difference: secondary suppression hides one more,
        // so the hidden one cannot be worked out from the filtered total either.
        let filtered = with_total_within(&[25, 20, 15], &[vec![30, 40, 15]], 10);
        assert_eq!(filtered, WithTotal { cells: vec![H, n(20), H], total: n(60) });
        // A count the whole view hides (11, beside the 3) stays hidden in a filtered view, even
        // when nobody outside the filter chose it: shown there, 40 - 26 - 11 would give the 3.
        let whole = with_total(&[26, 11, 3], 10);
        assert_eq!(whole.cells, vec![n(26), H, H]);
        let online = with_total_within(&[25, 11, 3], &[vec![26, 11, 3]], 10);
        assert_eq!(online, WithTotal { cells: vec![H, H, H], total: H });
        let total_only = with_total_within(&[30, 20, 15], &[vec![30, 20, 18]], 10);
        assert_eq!(total_only.cells[2], H);
        assert_eq!(total_only.total, H, "65 of 68: the total would give the 3 away");
        // Every filtered line is safe against its own total and against the whole's.
        let mut seed = 11u64;
        for _ in 0..2000 {
            let mut next = || {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((seed >> 33) % 30) as i64
            };
            let size = 1 + (next() % 5) as usize;
            let part: Vec<i64> = (0..size).map(|_| next()).collect();
            let whole: Vec<i64> = part.iter().map(|p| p + next() % 12).collect();
            let t = with_total_within(&part, std::slice::from_ref(&whole), 10);
            let whole_shown = with_total(&whole, 10);
            for (w, f) in whole_shown.cells.iter().zip(&t.cells) {
                assert!(!w.is_hidden() || f.is_hidden(), "hidden in the whole, hidden here");
            }
            let shown_total = !t.total.is_hidden();
            assert!(!shown_total || t.cells.iter().filter(|c| c.is_hidden()).count() != 1, "{part:?}");
            for ((shown, p), w) in t.cells.iter().zip(&part).zip(&whole) {
                if let Shown::Count(v) = shown {
                    assert_eq!(v, p);
                    assert!(*p >= 10 && !(1..10).contains(&(w - p)), "{part:?} of {whole:?}: {t:?}");
                }
            }
            if let Shown::Count(total) = t.total {
                let whole_total: i64 = whole.iter().sum();
                assert!(!(1..10).contains(&(whole_total - total)), "{part:?} of {whole:?}");
            }
        }
    }

    /// No hidden cell can be worked out from what is shown: in each line with a shown total,
    /// the hidden cells number zero or at least two.
    fn safe(t: &Table) -> bool {
        let lines_safe = |cells: Vec<Shown>, total: Shown| {
            total.is_hidden() || cells.iter().filter(|c| c.is_hidden()).count() != 1
        };
        let rows = t.cells.len();
        let columns = t.column_totals.len();
        (0..rows).all(|r| lines_safe(t.cells[r].clone(), t.row_totals[r]))
            && (0..columns)
                .all(|c| lines_safe((0..rows).map(|r| t.cells[r][c]).collect(), t.column_totals[c]))
            && lines_safe(t.row_totals.clone(), t.total)
            && lines_safe(t.column_totals.clone(), t.total)
    }

    #[test]
    #[allow(clippy::needless_range_loop)] // rows and columns index the same table
    fn a_table_is_safe_in_every_row_and_column() {
        let t = table(&[vec![50, 3, 40], vec![30, 25, 20], vec![12, 18, 60]], 10);
        assert_eq!(t.cells[0][1], H);
        assert!(safe(&t), "{t:?}");
        // The 3's row and column each lost one more cell, chosen so that the lines they cross
        // protect each other: four cells hidden in all, not a cascade.
        assert_eq!(t.cells[0].iter().filter(|c| c.is_hidden()).count(), 2);
        assert_eq!((0..3).filter(|&r| t.cells[r][1].is_hidden()).count(), 2);
        assert_eq!(t.cells.iter().flatten().filter(|c| c.is_hidden()).count(), 4, "{t:?}");
        assert_eq!(t.total, n(258));

        // Every small table of counts 0..14 comes out safe, and shows every count it can.
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut next = || {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((seed >> 33) % 40) as i64
            };
            let rows = 1 + (next() % 4) as usize;
            let columns = 1 + (next() % 4) as usize;
            let cells: Vec<Vec<i64>> = (0..rows).map(|_| (0..columns).map(|_| next()).collect()).collect();
            let t = table(&cells, 10);
            assert!(safe(&t), "{cells:?} -> {t:?}");
            for (row, shown_row) in cells.iter().zip(&t.cells) {
                for (&count, shown) in row.iter().zip(shown_row) {
                    if count < 10 {
                        assert!(shown.is_hidden());
                    }
                    if let Shown::Count(v) = shown {
                        assert_eq!(*v, count);
                    }
                }
            }
        }
    }
}
