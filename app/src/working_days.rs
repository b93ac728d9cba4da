//! Working days in Wales: Monday to Friday, except the bank holidays of England and Wales.
//! Deadlines counted in working days (acknowledging a report, acknowledging and deciding an
//! ASB case review) skip them, as the partners' offices are closed.

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Europe::London;

/// Bank holidays moved by proclamation, which no rule gives (gov.uk): the usual day, and the
/// day it was held instead.
const MOVED: [(NaiveDate, NaiveDate); 3] = [
    (day(2012, 5, 28), day(2012, 6, 4)),
    (day(2020, 5, 4), day(2020, 5, 8)),
    (day(2022, 5, 30), day(2022, 6, 2)),
];

/// Extra bank holidays declared for one year only (jubilees, a state funeral, a coronation).
const EXTRA: [NaiveDate; 4] = [day(2012, 6, 5), day(2022, 6, 3), day(2022, 9, 19), day(2023, 5, 8)];

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("not a date"),
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm, as given by Meeus).
pub fn easter(year: i32) -> NaiveDate {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let date = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, date as u32).unwrap_or_default()
}

/// The first or last `weekday` of a month.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, last: bool) -> NaiveDate {
    let d = if last {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        next.and_then(|n| n.pred_opt()).unwrap_or_default()
    } else {
        NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
    };
    let mut d = d;
    while d.weekday() != weekday {
        d = if last { d.pred_opt().unwrap_or_default() } else { d.succ_opt().unwrap_or_default() };
    }
    d
}

/// The bank holidays of England and Wales in `year`.
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let next_monday = |d: NaiveDate| {
        let mut d = d;
        while d.weekday() != Weekday::Mon {
            d = d.succ_opt().unwrap_or_default();
        }
        d
    };
    let new_year = day_or_default(year, 1, 1);
    let easter = easter(year);
    let mut days = vec![
        if weekend(new_year) { next_monday(new_year) } else { new_year },
        easter - chrono::Duration::days(2),
        easter + chrono::Duration::days(1),
        nth_weekday(year, 5, Weekday::Mon, false),
        nth_weekday(year, 5, Weekday::Mon, true),
        nth_weekday(year, 8, Weekday::Mon, true),
    ];
    // Christmas and Boxing Day: when either falls at a weekend, the next free weekdays.
    let (christmas, boxing) = (day_or_default(year, 12, 25), day_or_default(year, 12, 26));
    let mut taken = Vec::new();
    for d in [christmas, boxing] {
        let mut held = d;
        while weekend(held) || taken.contains(&held) {
            held = held.succ_opt().unwrap_or_default();
        }
        taken.push(held);
    }
    days.extend(taken);
    for (usual, held) in MOVED {
        if usual.year() == year {
            days.retain(|d| *d != usual);
            days.push(held);
        }
    }
    days.extend(EXTRA.iter().filter(|d| d.year() == year));
    days.sort();
    days
}

fn day_or_default(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Whether `date` is a working day: a weekday that is not a bank holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !bank_holidays(date.year()).contains(&date)
}

/// The date in Wales at `at` (Unix seconds).
pub fn date_in_wales(at: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().with_timezone(&London).date_naive()
}

/// `working_days` working days after `at` (Unix seconds), at the same time of day: the days
/// between that are weekends or bank holidays do not count.
pub fn add_working_days(at: i64, working_days: i64) -> i64 {
    const DAY: i64 = 86_400;
    let mut due = at;
    let mut left = working_days.max(0);
    while left > 0 {
        due += DAY;
        if is_working_day(date_in_wales(due)) {
            left -= 1;
        }
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_sundays() {
        for (y, m, d) in [
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter(y), day(y, m, d), "{y}");
        }
    }

    #[test]
    fn bank_holidays_as_gov_uk_lists_them() {
        let list =
            |dates: &[(i32, u32, u32)]| dates.iter().map(|(y, m, d)| day(*y, *m, *d)).collect::<Vec<_>>();
        assert_eq!(
            bank_holidays(2025),
            list(&[
                (2025, 1, 1),
                (2025, 4, 18),
                (2025, 4, 21),
                (2025, 5, 5),
                (2025, 5, 26),
                (2025, 8, 25),
                (2025, 12, 25),
                (2025, 12, 26)
            ])
        );
        // Boxing Day on a Saturday: Monday 28th instead.
        assert_eq!(
            bank_holidays(2026),
            list(&[
                (2026, 1, 1),
                (2026, 4, 3),
                (2026, 4, 6),
                (2026, 5, 4),
                (2026, 5, 25),
                (2026, 8, 31),
                (2026, 12, 25),
                (2026, 12, 28)
            ])
        );
        // Christmas on a Saturday and Boxing Day on a Sunday: Monday and Tuesday.
        assert_eq!(
            bank_holidays(2027),
            list(&[
                (2027, 1, 1),
                (2027, 3, 26),
                (2027, 3, 29),
                (2027, 5, 3),
                (2027, 5, 31),
                (2027, 8, 30),
                (2027, 12, 27),
                (2027, 12, 28)
            ])
        );
        // New Year's Day on a Saturday; the jubilee's moved and extra days; the state funeral.
        assert_eq!(
            bank_holidays(2022),
            list(&[
                (2022, 1, 3),
                (2022, 4, 15),
                (2022, 4, 18),
                (2022, 5, 2),
                (2022, 6, 2),
                (2022, 6, 3),
                (2022, 8, 29),
                (2022, 9, 19),
                (2022, 12, 26),
                (2022, 12, 27)
            ])
        );
        // Christmas on a Sunday: Boxing Day Monday, Christmas's day Tuesday.
        assert_eq!(
            bank_holidays(2033).iter().filter(|d| d.month() == 12).copied().collect::<Vec<_>>(),
            list(&[(2033, 12, 26), (2033, 12, 27)])
        );
        assert!(bank_holidays(2023).contains(&day(2023, 5, 8)), "the coronation");
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        let noon = |y, m, d| day(y, m, d).and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp();
        // Christmas Eve 2026 (Thursday) + 2: not Friday 25th, the weekend or Monday 28th.
        assert_eq!(add_working_days(noon(2026, 12, 24), 2), noon(2026, 12, 30));
        // Maundy Thursday 2026 + 1: past Good Friday, the weekend and Easter Monday.
        assert_eq!(add_working_days(noon(2026, 4, 2), 1), noon(2026, 4, 7));
        // An ordinary week.
        assert_eq!(add_working_days(noon(2026, 11, 20), 2), noon(2026, 11, 24));
        assert_eq!(add_working_days(noon(2026, 11, 20), 0), noon(2026, 11, 20));
        // Summer time: a report just after midnight in Wales counts from Wales's date.
        let just_after_midnight_bst = day(2026, 8, 30).and_hms_opt(23, 30, 0).unwrap().and_utc().timestamp(); // 00:30 on Monday 31st in Wales
        assert!(!is_working_day(date_in_wales(just_after_midnight_bst)), "the summer bank holiday, in Wales");
    }
}
