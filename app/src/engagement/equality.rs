//! Equality monitoring: the optional questions a survey ends with, each with "prefer not to
//! say". The answers are special-category data: stored apart from the survey's answers
//! (`survey_equality`), as given at the time (never re-derived later) and only ever counted in
//! groups (the reach view, with small numbers suppressed), never shown for one person.
//!
//! The categories follow Census 2021 so that respondents can be compared with the population
//! (`engagement::reach`):
//! - **age band**: ten-year bands made of the census five-year bands (TS007A), from 15: the
//!   youngest five-year band the census gives near adulthood is "15 to 19", so "15 to 24" is the
//!   youngest band that can be compared exactly (a "16 to 24" band could not). "Under 15" may
//!   be answered but is not compared with the population (children rarely answer).
//! - **sex**: the census question (female, male; TS008).
//! - **gender identity**: the census question (the same as the sex registered at birth or not).
//! - **ethnic group**: the Census 2021 categories for Wales, 19 in 5 groups (TS021), in the
//!   ONS's English and Welsh wording (the ONS's Welsh census dictionary, `ethnic_group_tb`).
//! - **religion** (TS030), **disability** (limited a lot, a little, not: TS038) and **sexual
//!   orientation** (TS077) as the census asks them.
//! - **Welsh language**: one answer on the census skills, split as the census speaking table
//!   (TS033) splits people: can speak Welsh, or cannot (some other skill, or none).
//! - **postcode district**: the first half of a postcode (`CF24`); a whole postcode typed is
//!   cut to its district before it is stored, so the rest is never kept.
//!
//! The Welsh of the census categories is the ONS's; the wording of the questions, hints and the
//! other options is this project's own translation, following the census form's phrasing.

use crate::vocabulary::vocabulary;

/// The spelling every question stores for "prefer not to say".
pub const PREFER_NOT_TO_SAY: &str = "prefer_not_to_say";

vocabulary! {
    /// The equality monitoring questions (the columns of `survey_equality`). A question's
    /// posted field is `eq_{spelling}` (`EqualityQuestion::field`).
    EqualityQuestion {
        AgeBand = "age_band",
        Sex = "sex",
        GenderIdentity = "gender_identity",
        EthnicGroup = "ethnic_group",
        Religion = "religion",
        Disability = "disability",
        SexualOrientation = "sexual_orientation",
        WelshLanguage = "welsh_language",
        PostcodeDistrict = "postcode_district",
    }
}

impl EqualityQuestion {
    /// The posted field's name.
    pub fn field(self) -> String {
        format!("eq_{}", self.as_str())
    }

    /// The stored spellings of the question's choices, "prefer not to say" last (none for the
    /// postcode district, which is typed).
    pub fn choices(self) -> Vec<&'static str> {
        fn all<T: Copy>(list: &[T], spell: fn(T) -> &'static str) -> Vec<&'static str> {
            list.iter().map(|&x| spell(x)).collect()
        }
        match self {
            EqualityQuestion::AgeBand => all(AgeBand::ALL, AgeBand::as_str),
            EqualityQuestion::Sex => all(Sex::ALL, Sex::as_str),
            EqualityQuestion::GenderIdentity => all(GenderIdentity::ALL, GenderIdentity::as_str),
            EqualityQuestion::EthnicGroup => all(EthnicGroup::ALL, EthnicGroup::as_str),
            EqualityQuestion::Religion => all(Religion::ALL, Religion::as_str),
            EqualityQuestion::Disability => all(Disability::ALL, Disability::as_str),
            EqualityQuestion::SexualOrientation => all(SexualOrientation::ALL, SexualOrientation::as_str),
            EqualityQuestion::WelshLanguage => all(WelshLanguage::ALL, WelshLanguage::as_str),
            EqualityQuestion::PostcodeDistrict => Vec::new(),
        }
    }
}

/// The posted field of the postcode district's "prefer not to say" box.
pub const POSTCODE_PREFER_NOT_FIELD: &str = "eq_postcode_district_prefer_not";

vocabulary! {
    /// Age in ten-year bands made of the census five-year bands (see the module's comment).
    AgeBand {
        Under15 = "under_15",
        From15To24 = "15_24",
        From25To34 = "25_34",
        From35To44 = "35_44",
        From45To54 = "45_54",
        From55To64 = "55_64",
        From65To74 = "65_74",
        From75 = "75_plus",
        PreferNotToSay = "prefer_not_to_say",
    }
}
vocabulary! {
    /// Sex, as the census asks it.
    Sex { Female = "female", Male = "male", PreferNotToSay = "prefer_not_to_say" }
}
vocabulary! {
    /// Whether the gender someone identifies with is the same as their sex registered at birth.
    GenderIdentity { Same = "same", Different = "different", PreferNotToSay = "prefer_not_to_say" }
}
vocabulary! {
    /// The Census 2021 ethnic groups for Wales: 19 categories in 5 groups (`family`).
    EthnicGroup {
        Bangladeshi = "asian_bangladeshi",
        Chinese = "asian_chinese",
        Indian = "asian_indian",
        Pakistani = "asian_pakistani",
        OtherAsian = "asian_other",
        African = "black_african",
        Caribbean = "black_caribbean",
        OtherBlack = "black_other",
        WhiteAndAsian = "mixed_white_asian",
        WhiteAndBlackAfrican = "mixed_white_black_african",
        WhiteAndBlackCaribbean = "mixed_white_black_caribbean",
        OtherMixed = "mixed_other",
        WhiteBritish = "white_british",
        WhiteIrish = "white_irish",
        GypsyOrIrishTraveller = "white_gypsy_irish_traveller",
        Roma = "white_roma",
        OtherWhite = "white_other",
        Arab = "other_arab",
        AnyOther = "other_any",
        PreferNotToSay = "prefer_not_to_say",
    }
}
vocabulary! {
    /// The five high-level Census 2021 ethnic groups.
    EthnicFamily {
        Asian = "asian",
        Black = "black",
        Mixed = "mixed",
        White = "white",
        Other = "other",
    }
}

impl EthnicGroup {
    /// The high-level group a category belongs to (none for "prefer not to say").
    pub fn family(self) -> Option<EthnicFamily> {
        use EthnicGroup::*;
        Some(match self {
            Bangladeshi | Chinese | Indian | Pakistani | OtherAsian => EthnicFamily::Asian,
            African | Caribbean | OtherBlack => EthnicFamily::Black,
            WhiteAndAsian | WhiteAndBlackAfrican | WhiteAndBlackCaribbean | OtherMixed => EthnicFamily::Mixed,
            WhiteBritish | WhiteIrish | GypsyOrIrishTraveller | Roma | OtherWhite => EthnicFamily::White,
            Arab | AnyOther => EthnicFamily::Other,
            PreferNotToSay => return None,
        })
    }
}

vocabulary! {
    /// Religion, as the census asks it.
    Religion {
        NoReligion = "none",
        Christian = "christian",
        Buddhist = "buddhist",
        Hindu = "hindu",
        Jewish = "jewish",
        Muslim = "muslim",
        Sikh = "sikh",
        Other = "other",
        PreferNotToSay = "prefer_not_to_say",
    }
}
vocabulary! {
    /// Disability as the census counts it (under the Equality Act: day-to-day activities
    /// limited a lot or a little by a condition lasting 12 months or more).
    Disability {
        LimitedALot = "limited_a_lot",
        LimitedALittle = "limited_a_little",
        NotLimited = "not_limited",
        PreferNotToSay = "prefer_not_to_say",
    }
}
vocabulary! {
    /// Sexual orientation, as the census asks it.
    SexualOrientation {
        Straight = "straight",
        GayOrLesbian = "gay_or_lesbian",
        Bisexual = "bisexual",
        Other = "other",
        PreferNotToSay = "prefer_not_to_say",
    }
}
vocabulary! {
    /// Welsh language skills: can speak Welsh; cannot, but can understand, read or write some;
    /// no skills in Welsh (the census speaking split: the first, or the other two).
    WelshLanguage {
        Speaks = "speaks",
        SomeSkills = "some_skills",
        NoSkills = "no_skills",
        PreferNotToSay = "prefer_not_to_say",
    }
}

/// A postcode district (the outward code: `CF24`, `NP4`, `SA1`, `LL57`, `W1A`), from what was
/// typed: spaces and case do not matter, and a whole postcode (`cf24 3aa`) gives its district.
pub fn postcode_district(typed: &str) -> Option<String> {
    let squeezed: String =
        typed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if !squeezed.is_ascii() {
        return None;
    }
    let is_district = |s: &str| {
        let b = s.as_bytes();
        let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        (1..=2).contains(&letters)
            && b.len() > letters
            && b.len() <= letters + 2
            && b[letters].is_ascii_digit()
            && b[letters + 1..].iter().all(|c| c.is_ascii_alphanumeric())
    };
    if is_district(&squeezed) {
        return Some(squeezed);
    }
    // A whole postcode: the inward code is a digit and two letters.
    let n = squeezed.len();
    if n > 3 {
        let (outward, inward) = squeezed.split_at(n - 3);
        let i = inward.as_bytes();
        if i[0].is_ascii_digit()
            && i[1].is_ascii_alphabetic()
            && i[2].is_ascii_alphabetic()
            && is_district(outward)
        {
            return Some(outward.to_string());
        }
    }
    None
}

/// What is wrong with one equality answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EqualityProblem {
    /// Not one of the question's choices.
    UnknownChoice(EqualityQuestion),
    /// Not the first half of a postcode.
    Postcode,
    /// A postcode district typed and "prefer not to say" ticked.
    PostcodeAndPreferNot,
}

impl EqualityProblem {
    pub fn question(self) -> EqualityQuestion {
        match self {
            EqualityProblem::UnknownChoice(q) => q,
            EqualityProblem::Postcode | EqualityProblem::PostcodeAndPreferNot => {
                EqualityQuestion::PostcodeDistrict
            }
        }
    }

    /// The id of the field (or the first radio of the question) an error summary links to.
    pub fn target(self) -> String {
        match self.question() {
            EqualityQuestion::PostcodeDistrict => EqualityQuestion::PostcodeDistrict.field(),
            q => format!("{}-{}", q.field(), q.choices()[0]),
        }
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::{db::engagement::EqualityRow, i18n::Lang, t};
    use leptos::prelude::*;
    use std::collections::HashMap;

    /// Reads the equality answers as posted (`eq_{question}`; nothing chosen: `None`). Each
    /// answer must be one of its question's choices; the postcode district is cut from what was
    /// typed (`postcode_district`).
    pub fn read(fields: &HashMap<String, Vec<String>>) -> Result<EqualityRow, Vec<EqualityProblem>> {
        let mut problems = Vec::new();
        let value = |q: EqualityQuestion| {
            fields
                .get(&q.field())
                .and_then(|v| v.iter().map(|s| s.trim()).find(|s| !s.is_empty()))
                .map(str::to_string)
        };
        let mut choice = |q: EqualityQuestion| match value(q) {
            None => None,
            Some(v) if q.choices().contains(&v.as_str()) => Some(v),
            Some(_) => {
                problems.push(EqualityProblem::UnknownChoice(q));
                None
            }
        };
        let mut row = EqualityRow {
            age_band: choice(EqualityQuestion::AgeBand),
            sex: choice(EqualityQuestion::Sex),
            gender_identity: choice(EqualityQuestion::GenderIdentity),
            ethnic_group: choice(EqualityQuestion::EthnicGroup),
            religion: choice(EqualityQuestion::Religion),
            disability: choice(EqualityQuestion::Disability),
            sexual_orientation: choice(EqualityQuestion::SexualOrientation),
            welsh_language: choice(EqualityQuestion::WelshLanguage),
            postcode_district: None,
        };
        let prefer_not =
            fields.get(POSTCODE_PREFER_NOT_FIELD).is_some_and(|v| v.iter().any(|s| !s.trim().is_empty()));
        match (value(EqualityQuestion::PostcodeDistrict), prefer_not) {
            (Some(_), true) => problems.push(EqualityProblem::PostcodeAndPreferNot),
            (None, true) => row.postcode_district = Some(PREFER_NOT_TO_SAY.to_string()),
            (Some(typed), false) => match postcode_district(&typed) {
                Some(district) => row.postcode_district = Some(district),
                None => problems.push(EqualityProblem::Postcode),
            },
            (None, false) => {}
        }
        if problems.is_empty() {
            Ok(row)
        } else {
            Err(problems)
        }
    }

    /// A stored row back as posted fields (to show it in the form again).
    pub fn fields(row: &EqualityRow) -> HashMap<String, Vec<String>> {
        let mut out = HashMap::new();
        let mut put = |q: EqualityQuestion, v: &Option<String>| {
            if let Some(v) = v {
                out.insert(q.field(), vec![v.clone()]);
            }
        };
        put(EqualityQuestion::AgeBand, &row.age_band);
        put(EqualityQuestion::Sex, &row.sex);
        put(EqualityQuestion::GenderIdentity, &row.gender_identity);
        put(EqualityQuestion::EthnicGroup, &row.ethnic_group);
        put(EqualityQuestion::Religion, &row.religion);
        put(EqualityQuestion::Disability, &row.disability);
        put(EqualityQuestion::SexualOrientation, &row.sexual_orientation);
        put(EqualityQuestion::WelshLanguage, &row.welsh_language);
        match row.postcode_district.as_deref() {
            Some(PREFER_NOT_TO_SAY) => {
                out.insert(POSTCODE_PREFER_NOT_FIELD.to_string(), vec!["on".to_string()]);
            }
            Some(d) => {
                out.insert(EqualityQuestion::PostcodeDistrict.field(), vec![d.to_string()]);
            }
            None => {}
        }
        out
    }

    /// The message for a problem, in the reader's language.
    pub fn problem_message(lang: Lang, problem: EqualityProblem) -> String {
        match problem {
            EqualityProblem::UnknownChoice(q) => {
                t!(lang, "equality-problem-choice", question = question_name(lang, q))
            }
            EqualityProblem::Postcode => t!(lang, "equality-problem-postcode"),
            EqualityProblem::PostcodeAndPreferNot => t!(lang, "equality-problem-postcode-both"),
        }
    }

    /// A question's short name (the reach view's headings, error messages).
    pub fn question_name(lang: Lang, q: EqualityQuestion) -> String {
        match q {
            EqualityQuestion::AgeBand => t!(lang, "equality-age"),
            EqualityQuestion::Sex => t!(lang, "equality-sex"),
            EqualityQuestion::GenderIdentity => t!(lang, "equality-gender-identity"),
            EqualityQuestion::EthnicGroup => t!(lang, "equality-ethnic-group"),
            EqualityQuestion::Religion => t!(lang, "equality-religion"),
            EqualityQuestion::Disability => t!(lang, "equality-disability"),
            EqualityQuestion::SexualOrientation => t!(lang, "equality-sexual-orientation"),
            EqualityQuestion::WelshLanguage => t!(lang, "equality-welsh-language"),
            EqualityQuestion::PostcodeDistrict => t!(lang, "equality-postcode-district"),
        }
    }

    /// The question as asked (a fieldset's legend).
    fn question_text(lang: Lang, q: EqualityQuestion) -> String {
        match q {
            EqualityQuestion::AgeBand => t!(lang, "equality-age-question"),
            EqualityQuestion::Sex => t!(lang, "equality-sex-question"),
            EqualityQuestion::GenderIdentity => t!(lang, "equality-gender-identity-question"),
            EqualityQuestion::EthnicGroup => t!(lang, "equality-ethnic-group-question"),
            EqualityQuestion::Religion => t!(lang, "equality-religion-question"),
            EqualityQuestion::Disability => t!(lang, "equality-disability-question"),
            EqualityQuestion::SexualOrientation => t!(lang, "equality-sexual-orientation-question"),
            EqualityQuestion::WelshLanguage => t!(lang, "equality-welsh-language-question"),
            EqualityQuestion::PostcodeDistrict => t!(lang, "equality-postcode-district-question"),
        }
    }

    pub fn age_band_name(lang: Lang, a: AgeBand) -> String {
        match a {
            AgeBand::Under15 => t!(lang, "equality-age-under-15"),
            AgeBand::From15To24 => t!(lang, "equality-age-band", from = 15, to = 24),
            AgeBand::From25To34 => t!(lang, "equality-age-band", from = 25, to = 34),
            AgeBand::From35To44 => t!(lang, "equality-age-band", from = 35, to = 44),
            AgeBand::From45To54 => t!(lang, "equality-age-band", from = 45, to = 54),
            AgeBand::From55To64 => t!(lang, "equality-age-band", from = 55, to = 64),
            AgeBand::From65To74 => t!(lang, "equality-age-band", from = 65, to = 74),
            AgeBand::From75 => t!(lang, "equality-age-75-plus"),
            AgeBand::PreferNotToSay => t!(lang, "equality-prefer-not-to-say"),
        }
    }

    pub fn sex_name(lang: Lang, s: Sex) -> String {
        match s {
            Sex::Female => t!(lang, "equality-sex-female"),
            Sex::Male => t!(lang, "equality-sex-male"),
            Sex::PreferNotToSay => t!(lang, "equality-prefer-not-to-say"),
        }
    }

    pub fn gender_identity_name(lang: Lang, g: GenderIdentity) -> String {
        match g {
            GenderIdentity::Same => t!(lang, "equality-gender-identity-same"),
            GenderIdentity::Different => t!(lang, "equality-gender-identity-different"),
            GenderIdentity::PreferNotToSay => t!(lang, "equality-prefer-not-to-say"),
        }
    }

    pub fn ethnic_family_name(lang: Lang, f: EthnicFamily) -> String {
        match f {
            EthnicFamily::Asian => t!(lang, "equality-ethnic-asian"),
            EthnicFamily::Black => t!(lang, "equality-ethnic-black"),
            EthnicFamily::Mixed => t!(lang, "equality-ethnic-mixed"),
            EthnicFamily::White => t!(lang, "equality-ethnic-white"),
            EthnicFamily::Other => t!(lang, "equality-ethnic-other"),
        }
    }

    /// A category's name within its group (the form lists them under the group's name).
    pub fn ethnic_group_name(lang: Lang, e: EthnicGroup) -> String {
        use EthnicGroup::*;
        match e {
            Bangladeshi => t!(lang, "equality-ethnic-asian-bangladeshi"),
            Chinese => t!(lang, "equality-ethnic-asian-chinese"),
            Indian => t!(lang, "equality-ethnic-asian-indian"),
            Pakistani => t!(lang, "equality-ethnic-asian-pakistani"),
            OtherAsian => t!(lang, "equality-ethnic-asian-other"),
            African => t!(lang, "equality-ethnic-black-african"),
            Caribbean => t!(lang, "equality-ethnic-black-caribbean"),
            OtherBlack => t!(lang, "equality-ethnic-black-other"),
            WhiteAndAsian => t!(lang, "equality-ethnic-mixed-white-asian"),
            WhiteAndBlackAfrican => t!(lang, "equality-ethnic-mixed-white-black-african"),
            WhiteAndBlackCaribbean => t!(lang, "equality-ethnic-mixed-white-black-caribbean"),
            OtherMixed => t!(lang, "equality-ethnic-mixed-other"),
            WhiteBritish => t!(lang, "equality-ethnic-white-british"),
            WhiteIrish => t!(lang, "equality-ethnic-white-irish"),
            GypsyOrIrishTraveller => t!(lang, "equality-ethnic-white-gypsy-irish-traveller"),
            Roma => t!(lang, "equality-ethnic-white-roma"),
            OtherWhite => t!(lang, "equality-ethnic-white-other"),
            Arab => t!(lang, "equality-ethnic-other-arab"),
            AnyOther => t!(lang, "equality-ethnic-other-any"),
            PreferNotToSay => t!(lang, "equality-prefer-not-to-say"),
        }
    }

    pub fn religion_name(lang: Lang, r: Religion) -> String {
        match r {
            Religion::NoReligion => t!(lang, "equality-religion-none"),
            Religion::Christian => t!(lang, "equality-religion-christian"),
            Religion::Buddhist => t!(lang, "equality-religion-buddhist"),
            Religion::Hindu => t!(lang, "equality-religion-hindu"),
            Religion::Jewish => t!(lang, "equality-religion-jewish"),
            Religion::Muslim => t!(lang, "equality-religion-muslim"),
            Religion::Sikh => t!(lang, "equality-religion-sikh"),
            Religion::Other => t!(lang, "equality-religion-other"),
            Religion::PreferNotToSay => t!(lang, "equality-prefer-not-to-say"),
        }
    }

    pub fn disability_name(lang: Lang, d: Disability) -> String {
        match d {
            Disability::LimitedALot => t!(lang, "equality-disability-a-lot"),
            Disability::LimitedALittle => t!(lang, "equality-disability-a-little"),
            Disability::NotLimited => t!(lang, "equality-disability-no"),
            Disability::PreferNotToSay => t!(lang, "equality-prefer-not-to-say"),
        }
    }

    pub fn sexual_orientation_name(lang: Lang, s: SexualOrientation) -> String {
        match s {
            SexualOrientation::Straight => t!(lang, "equality-orientation-straight"),
            SexualOrientation::GayOrLesbian => t!(lang, "equality-orientation-gay-lesbian"),
            SexualOrientation::Bisexual => t!(lang, "equality-orientation-bisexual"),
            SexualOrientation::Other => t!(lang, "equality-orientation-other"),
            SexualOrientation::PreferNotToSay => t!(lang, "equality-prefer-not-to-say"),
        }
    }

    pub fn welsh_language_name(lang: Lang, w: WelshLanguage) -> String {
        match w {
            WelshLanguage::Speaks => t!(lang, "equality-welsh-speaks"),
            WelshLanguage::SomeSkills => t!(lang, "equality-welsh-some"),
            WelshLanguage::NoSkills => t!(lang, "equality-welsh-none"),
            WelshLanguage::PreferNotToSay => t!(lang, "equality-prefer-not-to-say"),
        }
    }

    /// The words for a stored choice of a question (a stored spelling this version does not
    /// know is shown as stored).
    pub fn choice_name(lang: Lang, q: EqualityQuestion, stored: &str) -> String {
        let named = match q {
            EqualityQuestion::AgeBand => AgeBand::parse(stored).map(|x| age_band_name(lang, x)),
            EqualityQuestion::Sex => Sex::parse(stored).map(|x| sex_name(lang, x)),
            EqualityQuestion::GenderIdentity => {
                GenderIdentity::parse(stored).map(|x| gender_identity_name(lang, x))
            }
            EqualityQuestion::EthnicGroup => EthnicGroup::parse(stored).map(|x| ethnic_group_name(lang, x)),
            EqualityQuestion::Religion => Religion::parse(stored).map(|x| religion_name(lang, x)),
            EqualityQuestion::Disability => Disability::parse(stored).map(|x| disability_name(lang, x)),
            EqualityQuestion::SexualOrientation => {
                SexualOrientation::parse(stored).map(|x| sexual_orientation_name(lang, x))
            }
            EqualityQuestion::WelshLanguage => {
                WelshLanguage::parse(stored).map(|x| welsh_language_name(lang, x))
            }
            EqualityQuestion::PostcodeDistrict => {
                (stored == PREFER_NOT_TO_SAY).then(|| t!(lang, "equality-prefer-not-to-say"))
            }
        };
        named.unwrap_or_else(|| stored.to_string())
    }

    /// The value kept for a field (the first one posted).
    fn kept<'a>(fields: &'a HashMap<String, Vec<String>>, name: &str) -> &'a str {
        fields.get(name).and_then(|v| v.first()).map(String::as_str).unwrap_or("")
    }

    /// The equality monitoring questions, as a form section: one fieldset per question (the
    /// ethnic groups in a fieldset per high-level group), each answer a labelled radio, "prefer
    /// not to say" last; nothing needs JavaScript. `fields` is the form as kept (or `fields(row)`
    /// of what is stored); `problems` the refusals to show beside their questions.
    #[component]
    pub fn EqualitySection(
        lang: Lang,
        fields: HashMap<String, Vec<String>>,
        #[prop(optional)] problems: Vec<EqualityProblem>,
    ) -> impl IntoView {
        let error = |q: EqualityQuestion| {
            problems
                .iter()
                .find(|p| p.question() == q)
                .map(|&p| (problem_message(lang, p), format!("{}-error", q.field())))
        };
        let radios = |q: EqualityQuestion, choices: Vec<(&'static str, String)>| {
            let name = q.field();
            let chosen = kept(&fields, &name).to_string();
            choices
                .into_iter()
                .map(|(value, label)| {
                    let id = format!("{name}-{value}");
                    view! {
                        <div class="choice">
                            <input type="radio" name=name.clone() id=id.clone() value=value checked=chosen == value />
                            <label for=id>{label}</label>
                        </div>
                    }
                })
                .collect_view()
        };
        let question = |q: EqualityQuestion, choices: Vec<(&'static str, String)>| {
            let error = error(q);
            let described = error.as_ref().map(|(_, id)| id.clone());
            view! {
                <fieldset class="field" aria-describedby=described>
                    <legend>{question_text(lang, q)}</legend>
                    {error.map(|(message, id)| view! { <p class="field-error" id=id>{message}</p> })}
                    {radios(q, choices)}
                </fieldset>
            }
            .into_any()
        };
        fn named<T: Copy>(
            lang: Lang,
            list: &[T],
            spell: fn(T) -> &'static str,
            name: fn(Lang, T) -> String,
        ) -> Vec<(&'static str, String)> {
            list.iter().map(|&x| (spell(x), name(lang, x))).collect()
        }
        let ethnic = {
            let q = EqualityQuestion::EthnicGroup;
            let error = error(q);
            let described = error.as_ref().map(|(_, id)| id.clone());
            let families = EthnicFamily::ALL
                .iter()
                .map(|&family| {
                    let members: Vec<(&'static str, String)> = EthnicGroup::ALL
                        .iter()
                        .filter(|e| e.family() == Some(family))
                        .map(|&e| (e.as_str(), ethnic_group_name(lang, e)))
                        .collect();
                    view! {
                        <fieldset class="field">
                            <legend>{ethnic_family_name(lang, family)}</legend>
                            {radios(q, members)}
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="field" aria-describedby=described>
                    <legend>{question_text(lang, q)}</legend>
                    {error.map(|(message, id)| view! { <p class="field-error" id=id>{message}</p> })}
                    {families}
                    {radios(q, vec![(PREFER_NOT_TO_SAY, t!(lang, "equality-prefer-not-to-say"))])}
                </fieldset>
            }
            .into_any()
        };
        let postcode = {
            let q = EqualityQuestion::PostcodeDistrict;
            let name = q.field();
            let error = error(q);
            let mut described = vec![format!("{name}-hint")];
            described.extend(error.as_ref().map(|(_, id)| id.clone()));
            let prefer_id = format!("{name}-prefer-not");
            view! {
                <fieldset class="field">
                    <legend>{question_name(lang, q)}</legend>
                    <div class="field">
                        <label for=name.clone()>{question_text(lang, q)}</label>
                        <p class="hint" id=format!("{name}-hint")>{t!(lang, "equality-postcode-district-hint")}</p>
                        {error.as_ref().map(|(message, id)| view! { <p class="field-error" id=id.clone()>{message.clone()}</p> })}
                        <input type="text" id=name.clone() name=name.clone() value=kept(&fields, &name).to_string()
                            maxlength="10" size="6" autocomplete="off" spellcheck="false"
                            aria-describedby=described.join(" ") aria-invalid=error.is_some().then_some("true") />
                    </div>
                    <div class="choice">
                        <input type="checkbox" id=prefer_id.clone() name=POSTCODE_PREFER_NOT_FIELD value="on"
                            checked=!kept(&fields, POSTCODE_PREFER_NOT_FIELD).is_empty() />
                        <label for=prefer_id>{t!(lang, "equality-prefer-not-to-say")}</label>
                    </div>
                </fieldset>
            }
            .into_any()
        };
        view! {
            <fieldset class="equality">
                <legend>{t!(lang, "equality-legend")}</legend>
                <p class="hint">{t!(lang, "equality-intro")}</p>
                {question(EqualityQuestion::AgeBand, named(lang, AgeBand::ALL, AgeBand::as_str, age_band_name))}
                {question(EqualityQuestion::Sex, named(lang, Sex::ALL, Sex::as_str, sex_name))}
                {question(EqualityQuestion::GenderIdentity, named(lang, GenderIdentity::ALL, GenderIdentity::as_str, gender_identity_name))}
                {ethnic}
                {question(EqualityQuestion::Religion, named(lang, Religion::ALL, Religion::as_str, religion_name))}
                {question(EqualityQuestion::Disability, named(lang, Disability::ALL, Disability::as_str, disability_name))}
                {question(EqualityQuestion::SexualOrientation, named(lang, SexualOrientation::ALL, SexualOrientation::as_str, sexual_orientation_name))}
                {question(EqualityQuestion::WelshLanguage, named(lang, WelshLanguage::ALL, WelshLanguage::as_str, welsh_language_name))}
                {postcode}
            </fieldset>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_offers_prefer_not_to_say_last() {
        for q in EqualityQuestion::ALL {
            if *q == EqualityQuestion::PostcodeDistrict {
                assert!(q.choices().is_empty());
                continue;
            }
            assert_eq!(q.choices().last(), Some(&PREFER_NOT_TO_SAY), "{q:?}");
            let mut unique = q.choices();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), q.choices().len(), "{q:?}");
        }
    }

    #[test]
    fn the_census_ethnic_groups_are_19_in_5() {
        let categories: Vec<_> = EthnicGroup::ALL.iter().filter(|e| e.family().is_some()).collect();
        assert_eq!(categories.len(), 19);
        let count = |f| EthnicGroup::ALL.iter().filter(|e| e.family() == Some(f)).count();
        assert_eq!(
            [
                EthnicFamily::Asian,
                EthnicFamily::Black,
                EthnicFamily::Mixed,
                EthnicFamily::White,
                EthnicFamily::Other
            ]
            .map(count),
            [5, 3, 4, 5, 2]
        );
        assert_eq!(EthnicGroup::PreferNotToSay.family(), None);
        // Each category's spelling begins with its group's.
        for e in categories {
            assert!(e.as_str().starts_with(e.family().unwrap().as_str()), "{e:?}");
        }
    }

    #[test]
    fn postcode_districts_are_read_and_whole_postcodes_cut() {
        for (typed, district) in [
            ("CF24", "CF24"),
            (" cf24 ", "CF24"),
            ("NP4", "NP4"),
            ("SA1", "SA1"),
            ("LL57", "LL57"),
            ("W1A", "W1A"),
            ("EC1A", "EC1A"),
            ("cf24 3aa", "CF24"),
            ("CF243AA", "CF24"),
            ("W1A 0AX", "W1A"),
            ("sa1 1aa", "SA1"),
        ] {
            assert_eq!(postcode_district(typed).as_deref(), Some(district), "{typed}");
        }
        for typed in [
            "",
            "C",
            "24",
            "CF",
            "CFX24",
            "CF245",
            "CF24 3A",
            "CF24 AAA",
            "Cardiff",
            "CF-24",
            "C24 3AAX",
            "ŵŵŵŵ",
            "CF24 3ŵA",
        ] {
            assert_eq!(postcode_district(typed), None, "{typed}");
        }
    }

    #[cfg(feature = "ssr")]
    mod reading {
        use super::super::*;
        use crate::db::engagement::EqualityRow;
        use std::collections::HashMap;

        fn posted(pairs: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
            let mut out: HashMap<String, Vec<String>> = HashMap::new();
            for (k, v) in pairs {
                out.entry(k.to_string()).or_default().push(v.to_string());
            }
            out
        }

        #[test]
        fn answers_are_read_as_given_and_skipped_ones_stay_empty() {
            let row = read(&posted(&[
                ("eq_age_band", "25_34"),
                ("eq_sex", "prefer_not_to_say"),
                ("eq_ethnic_group", "mixed_white_black_caribbean"),
                ("eq_welsh_language", "speaks"),
                ("eq_religion", ""),
                ("eq_postcode_district", "cf24 3aa"),
            ]))
            .unwrap();
            assert_eq!(
                row,
                EqualityRow {
                    age_band: Some("25_34".into()),
                    sex: Some("prefer_not_to_say".into()),
                    ethnic_group: Some("mixed_white_black_caribbean".into()),
                    welsh_language: Some("speaks".into()),
                    postcode_district: Some("CF24".into()),
                    ..EqualityRow::default()
                }
            );
            assert!(read(&HashMap::new()).unwrap().is_empty());
            // Back to fields and read again: the same row.
            assert_eq!(read(&fields(&row)).unwrap(), row);
            let prefer = read(&posted(&[(POSTCODE_PREFER_NOT_FIELD, "on")])).unwrap();
            assert_eq!(prefer.postcode_district.as_deref(), Some(PREFER_NOT_TO_SAY));
            assert_eq!(read(&fields(&prefer)).unwrap(), prefer);
        }

        #[test]
        fn anything_else_is_refused_with_its_question() {
            let problems = read(&posted(&[
                ("eq_age_band", "16_24"),
                ("eq_sex", "female"),
                ("eq_ethnic_group", "white"),
                ("eq_postcode_district", "Cardiff"),
            ]))
            .unwrap_err();
            assert_eq!(
                problems,
                vec![
                    EqualityProblem::UnknownChoice(EqualityQuestion::AgeBand),
                    EqualityProblem::UnknownChoice(EqualityQuestion::EthnicGroup),
                    EqualityProblem::Postcode,
                ]
            );
            assert_eq!(
                read(&posted(&[("eq_postcode_district", "CF24"), (POSTCODE_PREFER_NOT_FIELD, "on")]))
                    .unwrap_err(),
                vec![EqualityProblem::PostcodeAndPreferNot]
            );
            assert_eq!(EqualityProblem::Postcode.target(), "eq_postcode_district");
            assert_eq!(EqualityProblem::UnknownChoice(EqualityQuestion::Sex).target(), "eq_sex-female");
        }

        #[test]
        fn the_section_renders_every_question_accessibly_in_both_languages() {
            use crate::i18n::Lang;
            use leptos::prelude::*;
            for lang in Lang::ALL {
                let kept = posted(&[("eq_ethnic_group", "white_roma"), ("eq_postcode_district", "Cardiff")]);
                let html =
                    view! { <EqualitySection lang fields=kept problems=vec![EqualityProblem::Postcode] /> }
                        .to_html();
                // One fieldset per question, the ethnic groups' five inside theirs, and the whole.
                assert_eq!(html.matches("<fieldset").count(), 9 + 5 + 1, "{html}");
                assert_eq!(html.matches("<legend").count(), 9 + 5 + 1);
                // Every radio has its label.
                for q in EqualityQuestion::ALL {
                    for c in q.choices() {
                        let id = format!("{}-{c}", q.field());
                        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
                        assert!(html.contains(&format!("for=\"{id}\"")), "{id}");
                    }
                }
                assert_eq!(html.matches("type=\"radio\"").count(), 9 + 3 + 3 + 20 + 9 + 4 + 5 + 4);
                // As kept: the choice checked, the typed postcode back with its error.
                assert!(html.contains("value=\"white_roma\" checked"), "{html}");
                assert!(html.contains("value=\"Cardiff\""));
                assert!(html.contains("id=\"eq_postcode_district-error\""));
                assert!(html.contains("aria-invalid=\"true\""));
                assert!(!html.contains("<script"));
                if lang == Lang::Cy {
                    assert!(html.contains("Sipsi neu Deithiwr Gwyddelig"));
                    assert!(!html.contains("Prefer not to say"));
                }
            }
        }
    }
}
