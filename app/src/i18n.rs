//! English and Welsh. Messages are Fluent files in `app/i18n/{en,cy}/app.ftl`; the `t!` macro
//! checks at compile time that a message and its arguments exist, and a unit test checks that
//! every English message has a Welsh one (so no English is left on a Welsh page).
//! Fluent's plural rules give Welsh its six forms (zero, one, two, few, many, other).

use i18n_embed::{
    fluent::{fluent_language_loader, FluentLanguageLoader},
    LanguageLoader,
};
use rust_embed::RustEmbed;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

/// The language of a page, a message or a person's preference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Cy,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// BCP 47 code, as used in `lang` and `hreflang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "en-gb" => Some(Lang::En),
            "cy" | "cy-gb" => Some(Lang::Cy),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Cy,
            Lang::Cy => Lang::En,
        }
    }

    /// The language's own name for itself, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Cy => "Cymraeg",
        }
    }

    /// Welsh pages live under `/cy`, mirroring the English paths.
    pub fn from_path(path: &str) -> Lang {
        if path == "/cy" || path.starts_with("/cy/") {
            Lang::Cy
        } else {
            Lang::En
        }
    }

    /// The English path of any page path (`/cy/partnerships` -> `/partnerships`).
    pub fn english_path(path: &str) -> &str {
        match path.strip_prefix("/cy") {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => path,
        }
    }

    /// This language's version of a page path given in either language.
    pub fn path(self, any_path: &str) -> String {
        let english = Lang::english_path(any_path);
        match self {
            Lang::En => english.to_string(),
            Lang::Cy if english == "/" => "/cy".to_string(),
            Lang::Cy => format!("/cy{english}"),
        }
    }

    pub fn loader(self) -> &'static FluentLanguageLoader {
        match self {
            Lang::En => &EN,
            Lang::Cy => &CY,
        }
    }
}

fn loader_for(code: &str) -> FluentLanguageLoader {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    let id: unic_langid::LanguageIdentifier = code.parse().expect("valid language id");
    loader.load_languages(&Localizations, &[id]).expect("translations are embedded in the binary");
    // No Unicode isolation marks around arguments: they would end up in attributes and emails.
    loader.set_use_isolating(false);
    loader
}

static EN: LazyLock<FluentLanguageLoader> = LazyLock::new(|| loader_for("en"));
static CY: LazyLock<FluentLanguageLoader> = LazyLock::new(|| loader_for("cy"));

/// `t!(lang, "message-id")` or `t!(lang, "message-id", name = value)`: the message in `lang`.
/// The message id and its arguments are checked against the English file at compile time.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::Lang::loader($lang), $id)
    };
    ($lang:expr, $id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::Lang::loader($lang), $id, $($args)*)
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn message_ids(lang: &str) -> BTreeSet<String> {
        let file = Localizations::get(&format!("{lang}/app.ftl")).expect("ftl file");
        let text = std::str::from_utf8(&file.data).unwrap().to_string();
        let resource = fluent_syntax::parser::parse(text.as_str()).expect("ftl parses without errors");
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_english_message_has_a_welsh_one_and_back() {
        let en = message_ids("en");
        let cy = message_ids("cy");
        let missing_cy: Vec<_> = en.difference(&cy).collect();
        let missing_en: Vec<_> = cy.difference(&en).collect();
        assert!(missing_cy.is_empty(), "messages with no Welsh: {missing_cy:?}");
        assert!(missing_en.is_empty(), "Welsh messages with no English: {missing_en:?}");
        assert!(en.len() > 50, "the message files were read");
    }

    #[test]
    fn welsh_has_six_plural_forms() {
        let forms: Vec<String> =
            [0, 1, 2, 3, 6, 7].iter().map(|&n| t!(Lang::Cy, "neighbourhood-count", count = n)).collect();
        let distinct: BTreeSet<_> = forms.iter().collect();
        assert_eq!(distinct.len(), 6, "{forms:?}");
        assert_eq!(t!(Lang::En, "neighbourhood-count", count = 1), "1 neighbourhood");
        assert_eq!(t!(Lang::En, "neighbourhood-count", count = 2), "2 neighbourhoods");
    }

    #[test]
    fn paths_mirror_between_languages() {
        assert_eq!(Lang::Cy.path("/partnerships"), "/cy/partnerships");
        assert_eq!(Lang::Cy.path("/"), "/cy");
        assert_eq!(Lang::En.path("/cy"), "/");
        assert_eq!(Lang::En.path("/cy/staff/audit"), "/staff/audit");
        assert_eq!(Lang::from_path("/cy/x"), Lang::Cy);
        assert_eq!(Lang::from_path("/cyclists"), Lang::En);
        assert_eq!(Lang::En.path("/cyclists"), "/cyclists");
    }
}
