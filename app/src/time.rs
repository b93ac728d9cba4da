//! Times as people read them. Stored times are whole seconds since the Unix epoch (UTC); the data
//! layer hands them out as [`Timestamp`]s and pages, emails and exports format them here, in the
//! reader's language and in UK local time (GMT in winter, BST in summer), as the Welsh and UK
//! governments write them: `3 December 2025, 11:21`, `3 Rhagfyr 2025, 11:21`.
//!
//! Machine formats are not made here: the REST API's (`app::api::{api_time, api_day}`), Open311's
//! (`app::open311::format_datetime`) and a form's `<input type="date">` value ([`iso_date`]).

use crate::{i18n::Lang, t};
use chrono::{Datelike, NaiveDateTime, Timelike};

/// Seconds since the Unix epoch, the unit of every stored time.
pub type Timestamp = i64;

/// A time as shown to people, in UK local time: `3 December 2025, 11:21`.
pub fn time(lang: Lang, at: Timestamp) -> String {
    uk_local(at).map(|t| format!("{}, {:02}:{:02}", day(lang, t), t.hour(), t.minute())).unwrap_or_default()
}

/// A time to the second, for the audit log: `3 December 2025, 11:21:07`.
pub fn time_to_the_second(lang: Lang, at: Timestamp) -> String {
    uk_local(at)
        .map(|t| format!("{}, {:02}:{:02}:{:02}", day(lang, t), t.hour(), t.minute(), t.second()))
        .unwrap_or_default()
}

/// A time's day in the UK: `3 December 2025`. (A stored day, such as a due date, is the start
/// of that day in UTC, which is the same day in the UK.)
pub fn date(lang: Lang, at: Timestamp) -> String {
    uk_local(at).map(|t| day(lang, t)).unwrap_or_default()
}

/// A local time as a resident typed it in a `datetime-local` field (`2026-02-01T22:30`), for
/// reading: `1 February 2026, 22:30`. Anything else is shown as it was stored.
pub fn typed_local_time(lang: Lang, typed: &str) -> String {
    match NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M") {
        Ok(t) => format!("{}, {:02}:{:02}", day(lang, t), t.hour(), t.minute()),
        Err(_) => typed.to_string(),
    }
}

/// A time as a `datetime-local` field holds it, in UK local time (`2026-07-15T00:30`): the form
/// a resident's "when" is stored in. A machine format, not for reading.
pub fn local_input_value(at: Timestamp) -> String {
    uk_local(at).map(|t| t.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default()
}

/// A day in the machine format (`2026-12-07`, as in an address), for reading: `7 December 2026`.
/// Anything else is shown as it is.
pub fn date_from_iso(lang: Lang, iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => day(lang, d.and_time(chrono::NaiveTime::MIN)),
        Err(_) => iso.to_string(),
    }
}

/// A day in the machine format (ISO 8601, `2026-11-30`): the value of an `<input type="date">`,
/// the days in a record's history, the REST API's dates. Not for reading by people.
pub fn iso_date(at: Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// A month as people read it: `December 2026`, `Rhagfyr 2026` (a month's column in a table).
pub fn month_year(lang: Lang, year: i32, month_number: u32) -> String {
    format!("{} {year}", month(lang, month_number))
}

/// `3 December 2025`: the day of the month without a leading zero, the month's name, the year.
fn day(lang: Lang, t: NaiveDateTime) -> String {
    format!("{} {} {}", t.day(), month(lang, t.month()), t.year())
}

fn month(lang: Lang, month: u32) -> String {
    match month {
        1 => t!(lang, "month-1"),
        2 => t!(lang, "month-2"),
        3 => t!(lang, "month-3"),
        4 => t!(lang, "month-4"),
        5 => t!(lang, "month-5"),
        6 => t!(lang, "month-6"),
        7 => t!(lang, "month-7"),
        8 => t!(lang, "month-8"),
        9 => t!(lang, "month-9"),
        10 => t!(lang, "month-10"),
        11 => t!(lang, "month-11"),
        _ => t!(lang, "month-12"),
    }
}

/// The wall-clock time in the UK at a stored time.
fn uk_local(at: Timestamp) -> Option<NaiveDateTime> {
    let utc = chrono::DateTime::from_timestamp(at, 0)?;
    Some(utc.naive_utc() + chrono::Duration::seconds(uk_offset_seconds(at)))
}

/// The UK's offset from UTC at a stored time, from the time-zone database (as the charts use).
#[cfg(feature = "ssr")]
fn uk_offset_seconds(at: Timestamp) -> i64 {
    use chrono::{Offset, TimeZone};
    let utc = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().naive_utc();
    i64::from(chrono_tz::Europe::London.offset_from_utc_datetime(&utc).fix().local_minus_utc())
}

/// In the browser bundle (which formats no time today: only islands run there) the UK's rule
/// itself, so the time-zone database stays out of the bundle.
#[cfg(not(feature = "ssr"))]
fn uk_offset_seconds(at: Timestamp) -> i64 {
    uk_summer_time_rule(at)
}

/// British Summer Time, as the law has set it since 1996 (the Summer Time Order 2002): from
/// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
#[cfg(any(not(feature = "ssr"), test))]
fn uk_summer_time_rule(at: Timestamp) -> i64 {
    let Some(utc) = chrono::DateTime::from_timestamp(at, 0) else { return 0 };
    let change = |month: u32| {
        // The last Sunday of the month: the 31st (March and October have 31 days) less its
        // days since Sunday, at 01:00 UTC.
        let last = chrono::NaiveDate::from_ymd_opt(utc.year(), month, 31).unwrap_or_default();
        let sunday = last - chrono::Duration::days(i64::from(last.weekday().num_days_from_sunday()));
        sunday.and_hms_opt(1, 0, 0).unwrap_or_default().and_utc().timestamp()
    };
    if (change(3)..change(10)).contains(&at) {
        3_600
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unix seconds of a UTC time written `2026-03-29 00:59:59`.
    fn utc(text: &str) -> Timestamp {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap().and_utc().timestamp()
    }

    #[test]
    fn times_read_in_uk_local_time_in_the_readers_language() {
        let at = utc("2025-12-03 11:21:07");
        assert_eq!(time(Lang::En, at), "3 December 2025, 11:21");
        assert_eq!(time(Lang::Cy, at), "3 Rhagfyr 2025, 11:21");
        assert_eq!(time_to_the_second(Lang::En, at), "3 December 2025, 11:21:07");
        assert_eq!(time_to_the_second(Lang::Cy, at), "3 Rhagfyr 2025, 11:21:07");
        assert_eq!(date(Lang::En, at), "3 December 2025");
        assert_eq!(date(Lang::Cy, at), "3 Rhagfyr 2025");
        // The machine format stays ISO 8601.
        assert_eq!(iso_date(at), "2025-12-03");
        // Summer: an hour ahead of UTC, and the day can change at midnight.
        let summer = utc("2026-07-14 23:30:00");
        assert_eq!(time(Lang::En, summer), "15 July 2026, 00:30");
        assert_eq!(time(Lang::Cy, summer), "15 Gorffennaf 2026, 00:30");
        assert_eq!(date(Lang::Cy, summer), "15 Gorffennaf 2026");
        assert_eq!(iso_date(summer), "2026-07-14");
    }

    #[test]
    fn every_month_has_its_name_in_both_languages() {
        let english: Vec<String> = (1..=12).map(|m| month(Lang::En, m)).collect();
        let welsh: Vec<String> = (1..=12).map(|m| month(Lang::Cy, m)).collect();
        assert_eq!(
            english,
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December"
            ]
        );
        assert_eq!(
            welsh,
            [
                "Ionawr",
                "Chwefror",
                "Mawrth",
                "Ebrill",
                "Mai",
                "Mehefin",
                "Gorffennaf",
                "Awst",
                "Medi",
                "Hydref",
                "Tachwedd",
                "Rhagfyr"
            ]
        );
    }

    #[test]
    fn clocks_go_forward_on_the_last_sunday_of_march() {
        // 29 March 2026: at 01:00 GMT the clocks go to 02:00 BST; 01:xx never happens.
        let cases = [
            ("2026-03-29 00:30:00", "29 March 2026, 00:30", "29 Mawrth 2026, 00:30"),
            ("2026-03-29 00:59:00", "29 March 2026, 00:59", "29 Mawrth 2026, 00:59"),
            ("2026-03-29 01:00:00", "29 March 2026, 02:00", "29 Mawrth 2026, 02:00"),
            ("2026-03-29 01:30:00", "29 March 2026, 02:30", "29 Mawrth 2026, 02:30"),
            ("2026-03-29 02:30:00", "29 March 2026, 03:30", "29 Mawrth 2026, 03:30"),
            // The Saturday before is winter time, the Monday after summer time.
            ("2026-03-28 23:30:00", "28 March 2026, 23:30", "28 Mawrth 2026, 23:30"),
            ("2026-03-30 23:30:00", "31 March 2026, 00:30", "31 Mawrth 2026, 00:30"),
        ];
        for (at, english, welsh) in cases {
            assert_eq!(time(Lang::En, utc(at)), english, "{at}");
            assert_eq!(time(Lang::Cy, utc(at)), welsh, "{at}");
        }
    }

    #[test]
    fn clocks_go_back_on_the_last_sunday_of_october() {
        // 25 October 2026: at 01:00 GMT (02:00 BST) the clocks go back to 01:00; 01:xx happens twice.
        let cases = [
            ("2026-10-24 23:30:00", "25 October 2026, 00:30", "25 Hydref 2026, 00:30"),
            ("2026-10-25 00:30:00", "25 October 2026, 01:30", "25 Hydref 2026, 01:30"),
            ("2026-10-25 00:59:00", "25 October 2026, 01:59", "25 Hydref 2026, 01:59"),
            ("2026-10-25 01:00:00", "25 October 2026, 01:00", "25 Hydref 2026, 01:00"),
            ("2026-10-25 01:30:00", "25 October 2026, 01:30", "25 Hydref 2026, 01:30"),
            ("2026-10-25 02:30:00", "25 October 2026, 02:30", "25 Hydref 2026, 02:30"),
            ("2026-10-26 23:30:00", "26 October 2026, 23:30", "26 Hydref 2026, 23:30"),
        ];
        for (at, english, welsh) in cases {
            assert_eq!(time(Lang::En, utc(at)), english, "{at}");
            assert_eq!(time(Lang::Cy, utc(at)), welsh, "{at}");
        }
        // The last Sunday of October 2025 was the 26th.
        assert_eq!(time(Lang::En, utc("2025-10-26 00:59:00")), "26 October 2025, 01:59");
        assert_eq!(time(Lang::En, utc("2025-10-26 01:00:00")), "26 October 2025, 01:00");
    }

    #[test]
    fn the_browser_bundles_rule_agrees_with_the_time_zone_database() {
        // Every quarter hour around every change from 2000 to 2040, and every noon between.
        for year in 2000..=2040 {
            for month in [3, 10] {
                let last = chrono::NaiveDate::from_ymd_opt(year, month, 31).unwrap();
                let sunday = last - chrono::Duration::days(i64::from(last.weekday().num_days_from_sunday()));
                let change = sunday.and_hms_opt(1, 0, 0).unwrap().and_utc().timestamp();
                for at in (change - 3 * 3_600..=change + 3 * 3_600).step_by(900) {
                    assert_eq!(uk_summer_time_rule(at), uk_offset_seconds(at), "{at}");
                }
            }
            let new_year =
                chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap().and_hms_opt(12, 0, 0).unwrap();
            for days in 0..365 {
                let at = (new_year + chrono::Duration::days(days)).and_utc().timestamp();
                assert_eq!(uk_summer_time_rule(at), uk_offset_seconds(at), "{at}");
            }
        }
    }

    #[test]
    fn typed_times_and_days_read_as_times_and_days() {
        assert_eq!(typed_local_time(Lang::En, "2026-02-01T22:30"), "1 February 2026, 22:30");
        assert_eq!(typed_local_time(Lang::Cy, "2026-02-01T22:30"), "1 Chwefror 2026, 22:30");
        assert_eq!(typed_local_time(Lang::Cy, "2026-02-31T10:00"), "2026-02-31T10:00");
        assert_eq!(date_from_iso(Lang::En, "2026-12-07"), "7 December 2026");
        assert_eq!(date_from_iso(Lang::Cy, "2026-12-07"), "7 Rhagfyr 2026");
        assert_eq!(date_from_iso(Lang::Cy, "tomorrow"), "tomorrow");
        // And back: a stored time as a `datetime-local` value, in UK local time.
        assert_eq!(local_input_value(utc("2026-07-14 23:30:00")), "2026-07-15T00:30");
        assert_eq!(local_input_value(utc("2026-12-03 11:21:00")), "2026-12-03T11:21");
    }
}
