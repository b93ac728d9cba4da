//! Tension weeks: Monday to Sunday in UK local time, as partnerships' weekly tension reports run.
//! A week is named by its Monday, stored as that day's start in UTC (the hub's way of storing a
//! day); a time falls in the week whose local Monday 00:00 it follows.

use crate::time::Timestamp;
use chrono::{Datelike, Duration, NaiveDate, TimeZone};

const DAY: i64 = 86_400;

/// The Monday (local) of the week `at` falls in.
pub fn week_of(at: Timestamp) -> NaiveDate {
    let utc = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default();
    let local = chrono_tz::Europe::London.from_utc_datetime(&utc.naive_utc()).date_naive();
    local - Duration::days(i64::from(local.weekday().num_days_from_monday()))
}

/// The last whole week before `now`: the week before the one `now` falls in.
pub fn last_complete_week(now: Timestamp) -> NaiveDate {
    week_of(now) - Duration::days(7)
}

/// A Monday as the hub stores a day: its start in UTC.
pub fn stored(monday: NaiveDate) -> Timestamp {
    monday.and_time(chrono::NaiveTime::MIN).and_utc().timestamp()
}

/// A stored day back as a date.
pub fn from_stored(day: Timestamp) -> NaiveDate {
    chrono::DateTime::from_timestamp(day - day.rem_euclid(DAY), 0).unwrap_or_default().date_naive()
}

/// The moment (UTC seconds) a local week starts: Monday 00:00 in the UK, GMT or BST.
pub fn starts_at(monday: NaiveDate) -> Timestamp {
    let midnight = monday.and_time(chrono::NaiveTime::MIN);
    chrono_tz::Europe::London
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.timestamp())
        .unwrap_or_else(|| midnight.and_utc().timestamp())
}

/// How many whole weeks `week` is after `first` (both Mondays); negative if before.
pub fn weeks_between(first: NaiveDate, week: NaiveDate) -> i64 {
    (week - first).num_days().div_euclid(7)
}

/// A week's Monday as typed (`2026-11-30`); another day or another form is refused, saying why.
pub fn parse_monday(text: &str) -> Result<NaiveDate, String> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date such as 2026-11-30"))?;
    if day.weekday() != chrono::Weekday::Mon {
        return Err(format!("{day} is not a Monday (weeks run Monday to Sunday)"));
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_week_runs_monday_to_sunday_in_uk_local_time() {
        // Sunday 23:30 UTC in summer is already Monday 00:30 in the UK: the next week.
        assert_eq!(week_of(at("2026-07-12T23:30:00Z")), day("2026-07-13"));
        // In winter the UK is on UTC: still Sunday, the week before.
        assert_eq!(week_of(at("2026-12-13T23:30:00Z")), day("2026-12-07"));
        assert_eq!(week_of(at("2026-12-14T00:00:00Z")), day("2026-12-14"));
        assert_eq!(starts_at(day("2026-07-13")), at("2026-07-12T23:00:00Z"));
        assert_eq!(starts_at(day("2026-12-14")), at("2026-12-14T00:00:00Z"));
    }

    #[test]
    fn the_last_complete_week_is_the_one_before_today() {
        assert_eq!(last_complete_week(at("2026-12-07T09:00:00Z")), day("2026-11-30"));
        assert_eq!(last_complete_week(at("2026-12-13T22:00:00Z")), day("2026-11-30"));
        assert_eq!(weeks_between(day("2026-11-30"), day("2026-12-14")), 2);
        assert_eq!(from_stored(stored(day("2026-11-30"))), day("2026-11-30"));
        assert_eq!(parse_monday("2026-11-30"), Ok(day("2026-11-30")));
        assert!(parse_monday("2026-12-01").unwrap_err().contains("not a Monday"));
        assert!(parse_monday("30/11/2026").is_err());
    }
}
