//! Stored signals in the picture: which neighbourhoods a signal touches (the partnership's touch
//! all of them; a cluster's touches its centre and the centre's bordering neighbourhoods), and
//! a signal told in words with the figures that drove it, in the reader's language, always with
//! the caveat that reports also measure willingness to report.

use crate::{
    db::tension_signals::SignalRecord,
    i18n::Lang,
    t,
    tension::{
        series::Counted,
        signals::{signal_words, Method, WeekTest},
    },
};
use serde::{Deserialize, Serialize};

/// Does a signal of the neighbourhood's own partnership touch it? `centre` is the signal's
/// cluster centre (`None`: the partnership's), `bordering` the neighbourhood's bordering
/// neighbourhoods (clusters are symmetric: the neighbourhood is in a centre's cluster exactly
/// when the centre borders it).
pub fn touches(centre: Option<i64>, neighbourhood: i64, bordering: &[i64]) -> bool {
    match centre {
        None => true,
        Some(c) => c == neighbourhood || bordering.contains(&c),
    }
}

/// What a series counted, in words ("hate incident reports").
pub fn counted_words(lang: Lang, counted: &str) -> String {
    match Counted::parse(counted) {
        Some(Counted::TensionIntelligence) | None => t!(lang, "tension-picture-counted-intelligence"),
        Some(Counted::Reports(f)) => {
            t!(
                lang,
                "tension-picture-counted-reports",
                family = crate::problems::pages::family_name(lang, f.as_str())
            )
        }
    }
}

/// A signal in words; `place` is where it was tested, already in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalText {
    /// The sentence with its figures (and the short-history note where EARS was used).
    pub words: String,
    /// "Reports also reflect how willing people are to report, not only what happened."
    pub willingness: String,
}

impl SignalText {
    /// The sentence and the caveat as one text.
    pub fn full(&self) -> String {
        format!("{} {}", self.words, self.willingness)
    }
}

/// The words of stored signal `s`: `csp` is the partnership's name, `centre` its cluster's
/// centre's name (`None` for the partnership's own series).
pub fn signal_text(lang: Lang, s: &SignalRecord, csp: &str, centre: Option<&str>) -> SignalText {
    let test = WeekTest {
        method: if s.method == "ears_c2" {
            Method::EarsC2 { baseline: 0 }
        } else {
            Method::Farrington { b: 0, trend: false }
        },
        observed: s.observed.clamp(0, u32::MAX as i64) as u32,
        usual: s.usual,
        upper_bound: s.upper_bound,
        p_value: s.p_value,
        p_plugin: None,
        phi: None,
        enough_cases: true,
    };
    let w = signal_words(&test, s.four_weeks != 0);
    let family = counted_words(lang, &s.counted);
    let place = match centre {
        None => t!(lang, "tension-picture-place-partnership", place = csp),
        Some(c) => t!(lang, "tension-picture-place-cluster", place = c),
    };
    let (observed, usual, one_in) = (w.observed, w.usual.clone(), w.one_in.unwrap_or(""));
    let mut words = match w.key {
        "tension-signal-week" => t!(
            lang,
            "tension-signal-week",
            observed = observed,
            family = family,
            place = place,
            usual = usual,
            one_in = one_in
        ),
        "tension-signal-rolling" => t!(
            lang,
            "tension-signal-rolling",
            observed = observed,
            family = family,
            place = place,
            usual = usual,
            one_in = one_in
        ),
        "tension-signal-week-no-chance" => t!(
            lang,
            "tension-signal-week-no-chance",
            observed = observed,
            family = family,
            place = place,
            usual = usual
        ),
        _ => t!(
            lang,
            "tension-signal-rolling-no-chance",
            observed = observed,
            family = family,
            place = place,
            usual = usual
        ),
    };
    if w.short_history_key.is_some() {
        words.push(' ');
        words.push_str(&t!(lang, "tension-signal-short-history"));
    }
    SignalText { words, willingness: t!(lang, "tension-signal-willingness") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(counted: &str, centre: Option<i64>, four_weeks: i64, method: &str, p: f64) -> SignalRecord {
        SignalRecord {
            id: 1,
            csp_id: 1,
            week_start: 0,
            series: String::new(),
            counted: counted.into(),
            neighbourhood_id: centre,
            four_weeks,
            method: method.into(),
            history_weeks: 200,
            observed: 7,
            usual: 1.2,
            upper_bound: 4.0,
            p_value: p,
            threshold: 0.001,
            created_at: 0,
        }
    }

    #[test]
    fn a_signal_touches_its_cluster_and_the_partnership_s_touch_all() {
        assert!(touches(None, 5, &[]));
        assert!(touches(Some(5), 5, &[]));
        assert!(touches(Some(6), 5, &[4, 6]), "5 is in 6's cluster");
        assert!(!touches(Some(7), 5, &[4, 6]));
    }

    #[test]
    fn a_signal_in_words_in_both_languages() {
        let en =
            signal_text(Lang::En, &record("reports_hate", None, 0, "farrington", 0.000_8), "Cardiff", None);
        assert!(en.words.contains('7') && en.words.contains("1.2") && en.words.contains("1,000"), "{en:?}");
        assert!(en.words.contains("Cardiff") && en.words.contains("this week"), "{en:?}");
        assert!(en.willingness.contains("willing"), "{en:?}");
        assert!(!en.words.contains("Short history"));
        let cy = signal_text(
            Lang::Cy,
            &record("intelligence_tension", Some(3), 1, "ears_c2", 0.2),
            "Caerdydd",
            Some("Adamsdown"),
        );
        assert!(cy.words.contains("Adamsdown") && cy.words.contains("4 wythnos"), "{cy:?}");
        assert!(cy.words.contains("Hanes byr") && !cy.words.contains("1 mewn"), "{cy:?}");
        assert!(cy.full().ends_with(&cy.willingness));
    }
}
