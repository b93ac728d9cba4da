//! Times as people read them. Stored times are whole seconds since the Unix epoch (UTC); the data
//! layer hands them out as [`Timestamp`]s and pages, emails and exports format them here, in the
//! reader's language.

use crate::i18n::Lang;

/// Seconds since the Unix epoch, the unit of every stored time.
pub type Timestamp = i64;

/// A time as shown to people: `2026-11-30 14:05 UTC`.
pub fn time(_lang: Lang, at: Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// A time's date: `2026-11-30`.
pub fn date(_lang: Lang, at: Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// A day in the machine format (ISO 8601, `2026-11-30`): the value of an `<input type="date">`,
/// the days in a record's history, the REST API's dates. Not for reading by people.
pub fn iso_date(at: Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_the_same_in_both_languages() {
        for lang in Lang::ALL {
            assert_eq!(time(lang, 1_764_511_500), "2025-11-30 14:05 UTC");
            assert_eq!(date(lang, 1_764_511_500), "2025-11-30");
        }
        assert_eq!(iso_date(1_764_511_500), "2025-11-30");
    }
}
