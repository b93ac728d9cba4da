//! Finding the place of a report by name: ward and council names in English or Welsh, with or
//! without accents ("Llanfair", "ynys mon", "St Marys"), for residents who cannot or would
//! rather not use the map.

use crate::reference::Names;
use serde::{Deserialize, Serialize};

/// Most matches shown; a resident with more is asked to type more.
pub const MAX_MATCHES: usize = 20;

/// A ward whose name (or council's name) matches what the resident typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMatch {
    pub ward_code: String,
    pub ward: Names,
    pub area_code: String,
    pub area: Names,
    /// The ward's neighbourhood: its public page's slug and its name (filled in by the page).
    pub neighbourhood: Option<(String, Names)>,
}

/// What a place search found: councils named by the query, then wards.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceSearch {
    pub query: String,
    pub areas: Vec<(String, Names)>,
    pub wards: Vec<PlaceMatch>,
    /// More wards matched than are shown.
    pub more: bool,
}

/// Lower case, accents and apostrophes dropped, words joined by single hyphens. Capitals are
/// lowered first, accented ones too ("YNYS MÔN" is "ynys-mon").
pub fn fold(text: &str) -> String {
    crate::reference::slugify(&text.replace(['\'', '’'], "").to_lowercase())
}

fn words(folded: &str) -> Vec<&str> {
    folded.split('-').filter(|w| !w.is_empty()).collect()
}

/// How well a name matches the query's words: 0 the same, 1 starts with them, 2 contains them
/// all; `None` when a word is missing.
fn rank(name: &Names, query: &str, query_words: &[&str]) -> Option<u8> {
    [&name.en, &name.cy]
        .into_iter()
        .filter_map(|n| {
            let folded = fold(n);
            if folded == query {
                Some(0)
            } else if folded.starts_with(query) {
                Some(1)
            } else if query_words.iter().all(|w| folded.contains(w)) {
                Some(2)
            } else {
                None
            }
        })
        .min()
}

/// Searches the wards (with their council's names) for what the resident typed.
pub fn search<'a>(
    query: &str,
    wards: impl Iterator<Item = (&'a str, &'a Names, &'a str)>,
    areas: &[(String, Names)],
) -> PlaceSearch {
    let folded = fold(query);
    let query_words = words(&folded);
    let mut found = PlaceSearch { query: query.trim().to_string(), ..Default::default() };
    if query_words.is_empty() {
        return found;
    }
    found.areas =
        areas.iter().filter(|(_, name)| rank(name, &folded, &query_words).is_some()).cloned().collect();
    let area_name = |code: &str| areas.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone());
    let mut wards: Vec<(u8, PlaceMatch)> = wards
        .filter_map(|(code, name, area_code)| {
            let area = area_name(area_code)?;
            // A ward matches on its own name, or on its name and its council's together
            // ("Canton Cardiff"); never on the council's name alone (that is the area link).
            let own = rank(name, &folded, &query_words);
            let with_area = || {
                let haystack = [fold(&name.en), fold(&name.cy), fold(&area.en), fold(&area.cy)];
                let everywhere = query_words.iter().all(|w| haystack.iter().any(|h| h.contains(w)));
                let in_ward = query_words.iter().any(|w| haystack[..2].iter().any(|h| h.contains(w)));
                (everywhere && in_ward).then_some(3)
            };
            let score = own.or_else(with_area)?;
            Some((
                score,
                PlaceMatch {
                    ward_code: code.to_string(),
                    ward: name.clone(),
                    area_code: area_code.to_string(),
                    area,
                    neighbourhood: None,
                },
            ))
        })
        .collect();
    wards.sort_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| a.1.ward.en.cmp(&b.1.ward.en)).then_with(|| a.1.area.en.cmp(&b.1.area.en))
    });
    found.more = wards.len() > MAX_MATCHES;
    found.wards = wards.into_iter().take(MAX_MATCHES).map(|(_, m)| m).collect();
    found
}

/// Whether `name`'s words appear together, in order, among `words`.
fn contains_run(words: &[&str], name: &[&str]) -> bool {
    !name.is_empty() && words.windows(name.len()).any(|w| w == name)
}

/// The ward an address names ("12 Crwys Road, Cathays, Cardiff" -> Cathays): whole words, in
/// either language; a ward whose council is named too wins, then the longest name.
pub fn named_in<'a>(
    address: &str,
    wards: impl Iterator<Item = (&'a str, &'a Names, &'a str)>,
    areas: &[(String, Names)],
) -> Option<String> {
    let folded = fold(address);
    let address_words = words(&folded);
    let area_named = |code: &str| {
        areas.iter().filter(|(c, _)| c == code).any(|(_, n)| {
            [&n.en, &n.cy].into_iter().any(|name| contains_run(&address_words, &words(&fold(name))))
        })
    };
    wards
        .filter_map(|(code, name, area)| {
            let longest = [&name.en, &name.cy]
                .into_iter()
                .map(|n| fold(n))
                .filter(|n| contains_run(&address_words, &words(n)))
                .map(|n| n.len())
                .max()?;
            Some(((area_named(area), longest), code))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, code)| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(en: &str, cy: &str) -> Names {
        Names::new(en, cy)
    }

    #[test]
    fn finds_wards_in_either_language_without_accents() {
        let wards = [
            ("W1", n("Canton", "Treganna"), "LA1"),
            ("W2", n("Llanfair-yn-Neubwll", "Llanfair-yn-Neubwll"), "LA2"),
            ("W3", n("St. Mary's", "Santes Fair"), "LA1"),
            ("W4", n("Cathays", "Cathays"), "LA1"),
        ];
        let areas = vec![
            ("LA1".to_string(), n("Cardiff", "Caerdydd")),
            ("LA2".to_string(), n("Isle of Anglesey", "Ynys Môn")),
        ];
        let run = |q: &str| search(q, wards.iter().map(|(c, name, a)| (*c, name, *a)), &areas);
        assert_eq!(run("treganna").wards[0].ward_code, "W1");
        assert_eq!(run("st marys").wards[0].ward_code, "W3");
        assert_eq!(run("LLANFAIR").wards[0].ward_code, "W2");
        assert_eq!(run("ynys mon").areas[0].0, "LA2");
        for typed in ["YNYS MÔN", "Ynys Môn", "ynys môn", "YNYS MON"] {
            assert_eq!(run(typed).areas.first().map(|a| a.0.as_str()), Some("LA2"), "{typed}");
        }
        assert_eq!(fold("YNYS MÔN"), "ynys-mon");
        assert_eq!(fold("ŴY ÂÊÎÔÛŶ"), "wy-aeiouy");
        assert!(
            run("ynys mon").wards.is_empty(),
            "a council's name alone lists the council, not all its wards"
        );
        assert_eq!(run("canton caerdydd").wards[0].ward_code, "W1");
        assert!(run("nowhere").wards.is_empty());
        assert!(run("  ").wards.is_empty());
        assert!(run("<script>").wards.is_empty());
    }

    #[test]
    fn an_address_names_its_ward() {
        let wards = [
            ("W1", n("Canton", "Treganna"), "LA1"),
            ("W2", n("Riverside", "Glan-yr-afon"), "LA1"),
            ("W3", n("Riverside", "Glan-yr-afon"), "LA2"),
            ("W4", n("Cathays", "Cathays"), "LA1"),
        ];
        let areas = vec![
            ("LA1".to_string(), n("Cardiff", "Caerdydd")),
            ("LA2".to_string(), n("Newport", "Casnewydd")),
        ];
        let find = |a: &str| named_in(a, wards.iter().map(|(c, name, area)| (*c, name, *area)), &areas);
        assert_eq!(find("12 Crwys Road, Cathays, Cardiff").as_deref(), Some("W4"));
        assert_eq!(find("Heol y Bont, Treganna").as_deref(), Some("W1"));
        assert_eq!(find("Riverside, Casnewydd").as_deref(), Some("W3"));
        assert_eq!(find("Riverside, Cardiff").as_deref(), Some("W2"));
        assert_eq!(find("Cantonese takeaway"), None, "whole words only");
        assert_eq!(find("Somewhere in England"), None);
    }
}
