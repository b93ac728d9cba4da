//! The five tension levels (0 normal to 4 critical) and what each means, in English and Welsh,
//! with an optional mapping to the police force's own scale ("Amber"). A CSP may rename them
//! and change their meanings; a CSP without its own uses the defaults (`default_levels`).

use crate::{i18n::Lang, reference::Names, t};
use serde::{Deserialize, Serialize};

/// The highest level (critical).
pub const MAX_LEVEL: u8 = 4;
/// The levels at which an assessment must name an owner and a review within a week (high and
/// critical), and at which the tension rota is alerted.
pub const HIGH: u8 = 3;
/// Longest level name.
pub const MAX_NAME: usize = 60;
/// Longest meaning of a level.
pub const MAX_MEANING: usize = 500;
/// Longest mapping to the police force's scale.
pub const MAX_FORCE: usize = 60;

/// One level as a CSP names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub level: u8,
    pub name: Names,
    pub meaning: Names,
    /// The police force's own word for it, if the CSP maps one ("" when not).
    pub force: Names,
}

impl Level {
    /// "3 High": the number always with the name (never a colour alone).
    pub fn label(&self, lang: Lang) -> String {
        format!("{} {}", self.level, self.name.get(lang))
    }
}

/// The defaults: 0 normal, 1 low, 2 medium, 3 high, 4 critical, with their meanings in both
/// languages and no force mapping.
pub fn default_levels() -> Vec<Level> {
    (0..=MAX_LEVEL)
        .map(|level| {
            let both = |f: fn(Lang, u8) -> String| Names::new(f(Lang::En, level), f(Lang::Cy, level));
            Level {
                level,
                name: both(default_name),
                meaning: both(default_meaning),
                force: Names::new("", ""),
            }
        })
        .collect()
}

fn default_name(lang: Lang, level: u8) -> String {
    match level {
        0 => t!(lang, "tension-level-0"),
        1 => t!(lang, "tension-level-1"),
        2 => t!(lang, "tension-level-2"),
        3 => t!(lang, "tension-level-3"),
        _ => t!(lang, "tension-level-4"),
    }
}

fn default_meaning(lang: Lang, level: u8) -> String {
    match level {
        0 => t!(lang, "tension-meaning-0"),
        1 => t!(lang, "tension-meaning-1"),
        2 => t!(lang, "tension-meaning-2"),
        3 => t!(lang, "tension-meaning-3"),
        _ => t!(lang, "tension-meaning-4"),
    }
}

/// A CSP's levels: its own rows where it has them, the defaults for the rest.
pub fn levels_with(own: Vec<Level>) -> Vec<Level> {
    default_levels()
        .into_iter()
        .map(|d| own.iter().find(|o| o.level == d.level).cloned().unwrap_or(d))
        .collect()
}

/// The level `level` among `levels` (the defaults' if missing).
pub fn level_of(levels: &[Level], level: u8) -> Level {
    levels
        .iter()
        .find(|l| l.level == level)
        .cloned()
        .unwrap_or_else(|| default_levels().swap_remove(level.min(MAX_LEVEL) as usize))
}

/// Why a levels form was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelsProblem {
    /// A level without a name in English or in Welsh.
    NameRequired,
    TooLong,
}

/// The levels form as posted: five of each field, level 0 first.
#[derive(Clone, Debug, Default)]
pub struct LevelsInput {
    pub name_en: Vec<String>,
    pub name_cy: Vec<String>,
    pub meaning_en: Vec<String>,
    pub meaning_cy: Vec<String>,
    pub force_en: Vec<String>,
    pub force_cy: Vec<String>,
}

/// Checks the five levels: each named in both languages, nothing too long.
pub fn check_levels(input: &LevelsInput) -> Result<Vec<Level>, LevelsProblem> {
    let at = |v: &Vec<String>, i: usize| v.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
    let mut out = Vec::new();
    for level in 0..=MAX_LEVEL {
        let i = level as usize;
        let (name_en, name_cy) = (at(&input.name_en, i), at(&input.name_cy, i));
        let (meaning_en, meaning_cy) = (at(&input.meaning_en, i), at(&input.meaning_cy, i));
        let (force_en, force_cy) = (at(&input.force_en, i), at(&input.force_cy, i));
        if name_en.is_empty() || name_cy.is_empty() {
            return Err(LevelsProblem::NameRequired);
        }
        let long = |s: &str, max: usize| s.chars().count() > max;
        if long(&name_en, MAX_NAME)
            || long(&name_cy, MAX_NAME)
            || long(&meaning_en, MAX_MEANING)
            || long(&meaning_cy, MAX_MEANING)
            || long(&force_en, MAX_FORCE)
            || long(&force_cy, MAX_FORCE)
        {
            return Err(LevelsProblem::TooLong);
        }
        out.push(Level {
            level,
            name: Names::new(name_en, name_cy),
            meaning: Names::new(meaning_en, meaning_cy),
            force: Names::new(force_en, force_cy),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_normal_to_critical_in_both_languages() {
        let levels = default_levels();
        assert_eq!(levels.len(), 5);
        assert_eq!(levels[0].label(Lang::En), "0 Normal");
        assert_eq!(levels[4].label(Lang::En), "4 Critical");
        for l in &levels {
            assert_ne!(l.name.en, l.name.cy, "{l:?}");
            assert!(!l.meaning.en.is_empty() && !l.meaning.cy.is_empty());
        }
    }

    #[test]
    fn a_csp_s_own_levels_replace_only_theirs() {
        let own = Level {
            level: 3,
            name: Names::new("Amber", "Ambr"),
            meaning: Names::new("m", "m"),
            force: Names::new("Amber", "Ambr"),
        };
        let levels = levels_with(vec![own.clone()]);
        assert_eq!(levels[3], own);
        assert_eq!(levels[2], default_levels()[2]);
        assert_eq!(level_of(&levels, 3).label(Lang::Cy), "3 Ambr");
    }

    #[test]
    fn levels_need_names_in_both_languages() {
        let five = |s: &str| vec![s.to_string(); 5];
        let mut input = LevelsInput {
            name_en: five("Name"),
            name_cy: five("Enw"),
            meaning_en: five(""),
            meaning_cy: five(""),
            force_en: five(""),
            force_cy: five(""),
        };
        assert_eq!(check_levels(&input).unwrap().len(), 5);
        input.name_cy[2] = " ".into();
        assert_eq!(check_levels(&input), Err(LevelsProblem::NameRequired));
        input.name_cy[2] = "x".repeat(MAX_NAME + 1);
        assert_eq!(check_levels(&input), Err(LevelsProblem::TooLong));
    }
}
