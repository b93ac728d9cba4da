//! Coding free-text answers: the words of answers reduced to keywords (English and Welsh stop
//! words left out, Welsh initial mutations folded so "dref", "nhref" and "thref" count as
//! "tref"), the keywords many answers share that the codebook has no theme for yet, and for
//! each answer the themes whose keywords it uses. These are suggestions for a person to
//! accept: nothing here tags an answer.
//!
//! Folding is by mutation family, not back to the dictionary form (which would need a
//! dictionary): every initial that a mutation can turn into another is read as one letter of
//! its family: c, g, ngh, ng, ch as "c"; p, b, mh, m, ph, f as "p"; t, d, nh, n, th, dd as "t";
//! ll, l as "l"; rh, r as "r"; and an `h` before a vowel (after "ei" her, "ein"...) is dropped.
//! English words fold too ("bike" and "pike" share a key): harmless for suggesting, since what
//! is shown is the form most answers wrote, and a person decides.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Keywords shorter than this (in letters, before folding) are left out.
pub const MIN_WORD: usize = 3;
/// Keywords suggested as new themes at most.
pub const MAX_SUGGESTIONS: usize = 12;

const ENGLISH_STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "even",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "know",
    "like",
    "lot",
    "lots",
    "make",
    "many",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "need",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "people",
    "really",
    "same",
    "see",
    "she",
    "should",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "dont",
    "don",
    "isnt",
    "its",
    "im",
    "ive",
    "theres",
    "cant",
    "wont",
];

const WELSH_STOP: &[&str] = &[
    "a", "ac", "ag", "am", "an", "ar", "at", "beth", "bod", "bob", "bydd", "byddai", "bydden", "chi", "da",
    "dan", "dim", "does", "dros", "drwy", "dy", "e", "ef", "efo", "ei", "ein", "eich", "eisiau", "eu", "fe",
    "fel", "fo", "fod", "fy", "fydd", "gall", "gallu", "gan", "gyda", "gydag", "hefyd", "heb", "hi", "hon",
    "hwn", "hwnnw", "hyn", "hynny", "i", "iawn", "lle", "llawer", "mae", "maen", "mai", "mewn", "mi", "mor",
    "mwy", "na", "nad", "nag", "neu", "ni", "nid", "nhw", "o", "oedd", "oes", "ond", "pa", "pam", "pan",
    "pob", "pobl", "pryd", "pwy", "rhai", "rhaid", "rhwng", "roedd", "sut", "sy", "sydd", "trwy", "tu", "un",
    "wedi", "y", "ych", "yma", "yn", "yna", "yng", "ym", "yr", "ydw", "ydy", "ydi", "yw", "ynddo", "iddo",
    "iddi", "arno", "arni", "ohono", "ohoni", "ddim", "fod", "gael", "cael", "wneud", "gwneud", "mynd",
    "dod", "achos", "felly", "hyd", "tra", "eto", "erioed", "bellach", "nawr", "rwan", "rŵan", "yno", "rydw",
    "rwy", "rydyn",
];

fn stop_words() -> &'static HashSet<&'static str> {
    static STOP: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    STOP.get_or_init(|| ENGLISH_STOP.iter().chain(WELSH_STOP).copied().collect())
}

pub fn is_stop_word(word: &str) -> bool {
    stop_words().contains(word)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'w' | 'y' | 'â' | 'ê' | 'î' | 'ô' | 'û' | 'ŵ' | 'ŷ')
}

/// A word's key with its initial mutation folded (see the module's notes): "dref", "nhref",
/// "thref" and "tref" all give "tref"; "gar", "ngar", "nghar" and "char" give "car".
pub fn fold(word: &str) -> String {
    const FAMILIES: &[(&str, &str)] = &[
        ("ngh", "c"),
        ("mh", "p"),
        ("nh", "t"),
        ("ng", "c"),
        ("ph", "p"),
        ("th", "t"),
        ("ch", "c"),
        ("dd", "t"),
        ("ll", "l"),
        ("rh", "r"),
        // "ff" is a letter of its own, never a mutation: kept.
        ("ff", "ff"),
        ("g", "c"),
        ("b", "p"),
        ("m", "p"),
        ("f", "p"),
        ("d", "t"),
        ("n", "t"),
    ];
    for (from, to) in FAMILIES {
        if let Some(rest) = word.strip_prefix(from) {
            if !rest.is_empty() {
                return format!("{to}{rest}");
            }
        }
    }
    let mut chars = word.chars();
    if let (Some('h'), Some(second)) = (chars.next(), chars.clone().next()) {
        if is_vowel(second) {
            return chars.collect();
        }
    }
    word.to_string()
}

/// The words of a text, lower case, split at anything that is not a letter or a digit
/// (apostrophes too: "i'r" is "i" and "r"), stop words and short words left out.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.chars().count() >= MIN_WORD && !is_stop_word(w) && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect()
}

/// The keys (folded words) of a text, each once.
pub fn keys(text: &str) -> HashSet<String> {
    words(text).iter().map(|w| fold(w)).collect()
}

/// A keyword many answers share: the form most of them wrote, and how many answers use it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Keyword {
    pub word: String,
    pub answers: i64,
}

/// The keywords shared by at least two answers, most shared first, leaving out those a theme
/// already covers (a theme's keywords are the keys of its name).
pub fn suggest_themes(answers: &[String], themes: &[String], max: usize) -> Vec<Keyword> {
    let covered: HashSet<String> = themes.iter().flat_map(|t| keys(t)).collect();
    let mut shared: HashMap<String, i64> = HashMap::new();
    let mut forms: HashMap<String, BTreeMap<String, i64>> = HashMap::new();
    for a in answers {
        let mut seen = HashSet::new();
        for w in words(a) {
            let k = fold(&w);
            *forms.entry(k.clone()).or_default().entry(w).or_default() += 1;
            if seen.insert(k.clone()) {
                *shared.entry(k).or_default() += 1;
            }
        }
    }
    let mut out: Vec<(String, i64)> =
        shared.into_iter().filter(|(k, n)| *n >= 2 && !covered.contains(k)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.into_iter()
        .take(max)
        .map(|(k, answers)| {
            // The form written most often (the first in alphabetical order on a tie).
            let word = forms[&k]
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(w, _)| w.clone())
                .unwrap_or(k);
            Keyword { word, answers }
        })
        .collect()
}

/// The themes (id, name) whose keywords an answer uses.
pub fn themes_for(answer: &str, themes: &[(i64, String)]) -> Vec<i64> {
    let mine = keys(answer);
    themes.iter().filter(|(_, name)| keys(name).iter().any(|k| mine.contains(k))).map(|(id, _)| *id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_mutations_fold_to_one_key() {
        for w in ["tref", "dref", "nhref", "thref"] {
            assert_eq!(fold(w), "tref", "{w}");
        }
        for w in ["car", "gar", "ngar", "nghar", "char"] {
            assert_eq!(fold(w), "car", "{w}");
        }
        for w in ["pentref", "bentref", "mhentref", "phentref"] {
            assert_eq!(fold(w), "pentref", "{w}");
        }
        // b -> f (soft), b -> m (nasal): "bws", "fws", "mws".
        assert_eq!(fold("fws"), fold("bws"));
        assert_eq!(fold("mws"), fold("bws"));
        // ll -> l, rh -> r; d -> dd; h before a vowel (ei henw).
        assert_eq!(fold("lais"), fold("llais"));
        assert_eq!(fold("ryw"), fold("rhyw"));
        assert_eq!(fold("ddiogel"), fold("diogel"));
        assert_eq!(fold("henw"), "enw");
        // "ff" is its own letter.
        assert_eq!(fold("ffordd"), "ffordd");
        assert_eq!(fold("f"), "f");
    }

    #[test]
    fn stop_words_in_both_languages_are_left_out() {
        assert_eq!(
            words("The cars are too FAST on the road, i'r ysgol yn y bore"),
            vec!["cars", "fast", "road", "ysgol", "bore"]
        );
        assert!(is_stop_word("mae") && is_stop_word("the") && is_stop_word("gyda"));
        assert!(words("12 345 and or yn").is_empty());
    }

    #[test]
    fn shared_keywords_not_in_the_codebook_are_suggested() {
        let answers: Vec<String> = [
            "Ceir yn gyrru'n rhy gyflym drwy'r dref",
            "Speeding cars through the town centre",
            "Mae angen mwy o heddlu yn y dref",
            "Parcio gwael tu allan i'r ysgol a cheir ym mhobman",
            "Cars parked on the pavement by the school",
            "Litter",
        ]
        .map(String::from)
        .to_vec();
        let s = suggest_themes(&answers, &[], 10);
        let find = |w: &str| s.iter().find(|k| k.word == w).map(|k| k.answers);
        // "dref" twice; "ceir" and "cheir" (aspirate) count as one; "cars" twice.
        assert_eq!(find("dref"), Some(2));
        assert_eq!(find("ceir"), Some(2), "{s:?}");
        assert_eq!(find("cars"), Some(2));
        assert_eq!(find("litter"), None, "only one answer");
        // A theme named "Tref" covers "dref".
        let s = suggest_themes(&answers, &["Tref a chanol".into()], 10);
        assert!(s.iter().all(|k| k.word != "dref"), "{s:?}");
        assert!(suggest_themes(&answers, &[], 1).len() == 1);
    }

    #[test]
    fn answers_get_the_themes_whose_words_they_use() {
        let themes =
            vec![(1, "Speeding cars".to_string()), (2, "Parcio".to_string()), (3, "Litter".to_string())];
        assert_eq!(themes_for("Ceir yn goryrru, a pharcio ar y palmant", &themes), vec![2]);
        assert_eq!(themes_for("too many cars", &themes), vec![1]);
        assert!(themes_for("nothing here", &themes).is_empty());
    }
}
