//! The survey builder's rules: adding, changing, moving and removing questions and options of a
//! survey's draft, its opening and closing dates, the words for what `Survey::problems` finds,
//! and the ready-made neighbourhood priorities poll. Plain functions over `survey::Survey`; the
//! pages and handlers are `builder_pages`. A published version is never touched here: only the
//! draft changes, and publishing copies it into a new version.

use crate::{
    engagement::survey::{
        priorities_poll, Choice, Condition, Part, PollWords, Question, QuestionKind, RatingLabels, Survey,
        SurveyProblem, MAX_OPTIONS, MAX_QUESTIONS, MAX_QUESTION_TEXT,
    },
    i18n::Lang,
    reference::Names,
    t,
    time::Timestamp,
};

const DAY: i64 = 86_400;

/// Why a change to the draft is refused (nothing is changed then).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// No such question (removed meanwhile, say).
    NoQuestion,
    TooManyQuestions,
    TooManyOptions,
    /// Words longer than `MAX_QUESTION_TEXT`.
    TooLong,
    /// "At most" is not a whole number from 1.
    MaxChoices,
    /// A condition naming a question or answer that is not there.
    Condition,
    /// Opening and closing dates: not dates, or closing before opening.
    Dates,
}

fn blank() -> Names {
    Names::new("", "")
}

/// Adds a question of `kind` at the end, with `text`; a choice question starts with two empty
/// options, a rating with empty end labels. Returns its key.
pub fn add_question(survey: &mut Survey, kind: QuestionKind, text: Names) -> Result<String, BuildError> {
    if survey.questions.len() >= MAX_QUESTIONS {
        return Err(BuildError::TooManyQuestions);
    }
    if too_long(&text) {
        return Err(BuildError::TooLong);
    }
    let key = survey.next_key();
    let options = if kind.has_options() {
        vec![Choice { key: "o1".into(), label: blank() }, Choice { key: "o2".into(), label: blank() }]
    } else {
        Vec::new()
    };
    let rating_labels = (kind == QuestionKind::Rating).then(|| RatingLabels { low: blank(), high: blank() });
    survey.questions.push(Question {
        key: key.clone(),
        kind,
        text,
        help: blank(),
        options,
        required: false,
        max_choices: None,
        rating_labels,
        show_if: None,
    });
    Ok(key)
}

/// A question's words and settings as the edit form sends them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionEdit {
    pub text: Names,
    pub help: Names,
    pub required: bool,
    /// "At most" as typed ("" for no limit).
    pub max_choices: String,
    /// The end labels of a rating (ignored for other kinds).
    pub rating_labels: RatingLabels,
    /// Each option's key and words, in the form's order (unknown keys are ignored).
    pub options: Vec<(String, Names)>,
    /// "Show only when" question key and answer ("" for always).
    pub show_if_question: String,
    pub show_if_answer: String,
}

fn too_long(n: &Names) -> bool {
    n.en.chars().count() > MAX_QUESTION_TEXT || n.cy.chars().count() > MAX_QUESTION_TEXT
}

fn trimmed(n: &Names) -> Names {
    Names::new(n.en.trim(), n.cy.trim())
}

/// Changes the question `key` as the edit form says. A draft may be saved with what
/// `Survey::problems` finds (missing Welsh, say); what could not be stored at all is refused.
pub fn edit_question(survey: &mut Survey, key: &str, edit: &QuestionEdit) -> Result<(), BuildError> {
    let position = survey.questions.iter().position(|q| q.key == key).ok_or(BuildError::NoQuestion)?;
    let words = [&edit.text, &edit.help, &edit.rating_labels.low, &edit.rating_labels.high];
    if words.into_iter().chain(edit.options.iter().map(|(_, n)| n)).any(too_long) {
        return Err(BuildError::TooLong);
    }
    let max_choices = match edit.max_choices.trim() {
        "" => None,
        typed => match typed.parse::<u32>() {
            Ok(n) if n >= 1 => Some(n),
            _ => return Err(BuildError::MaxChoices),
        },
    };
    let show_if = match (edit.show_if_question.trim(), edit.show_if_answer.trim()) {
        ("", _) => None,
        (question, answer) => {
            // Only an earlier choice question, and one of its options.
            let earlier = survey.questions[..position].iter().find(|p| p.key == question);
            let fine = earlier.is_some_and(|p| {
                matches!(p.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice)
                    && p.options.iter().any(|o| o.key == answer)
            });
            if !fine {
                return Err(BuildError::Condition);
            }
            Some(Condition { question: question.to_string(), answer: answer.to_string() })
        }
    };
    let q = &mut survey.questions[position];
    q.text = trimmed(&edit.text);
    q.help = trimmed(&edit.help);
    q.required = edit.required;
    q.show_if = show_if;
    if q.kind.has_options() {
        q.max_choices = max_choices;
        for (option, label) in &edit.options {
            if let Some(o) = q.options.iter_mut().find(|o| &o.key == option) {
                o.label = trimmed(label);
            }
        }
    }
    if q.kind == QuestionKind::Rating {
        q.rating_labels = Some(RatingLabels {
            low: trimmed(&edit.rating_labels.low),
            high: trimmed(&edit.rating_labels.high),
        });
    }
    Ok(())
}

/// Adds an empty option to a choice or ranking question (key `o` and the next number).
pub fn add_option(survey: &mut Survey, key: &str) -> Result<(), BuildError> {
    let q = survey.questions.iter_mut().find(|q| q.key == key).ok_or(BuildError::NoQuestion)?;
    if !q.kind.has_options() {
        return Err(BuildError::NoQuestion);
    }
    if q.options.len() >= MAX_OPTIONS {
        return Err(BuildError::TooManyOptions);
    }
    let n = q.options.iter().filter_map(|o| o.key.strip_prefix('o')?.parse::<u32>().ok()).max().unwrap_or(0);
    q.options.push(Choice { key: format!("o{}", n + 1), label: blank() });
    Ok(())
}

/// Removes an option; a later question shown only for that answer then shows what
/// `Survey::problems` says about its condition.
pub fn remove_option(survey: &mut Survey, key: &str, option: &str) -> Result<(), BuildError> {
    let q = survey.questions.iter_mut().find(|q| q.key == key).ok_or(BuildError::NoQuestion)?;
    let before = q.options.len();
    q.options.retain(|o| o.key != option);
    if q.options.len() == before {
        return Err(BuildError::NoQuestion);
    }
    if let Some(max) = q.max_choices {
        if max as usize > q.options.len() {
            q.max_choices = (!q.options.is_empty()).then_some(q.options.len() as u32);
        }
    }
    Ok(())
}

/// Moves a question one place up (or down); false when it is already first (last).
pub fn move_question(survey: &mut Survey, key: &str, up: bool) -> Result<bool, BuildError> {
    let i = survey.questions.iter().position(|q| q.key == key).ok_or(BuildError::NoQuestion)?;
    let j = match up {
        true if i > 0 => i - 1,
        false if i + 1 < survey.questions.len() => i + 1,
        _ => return Ok(false),
    };
    survey.questions.swap(i, j);
    Ok(true)
}

/// Removes a question. Questions shown only after its answer keep their condition, which
/// `Survey::problems` then names, so nobody's work disappears unseen.
pub fn remove_question(survey: &mut Survey, key: &str) -> Result<(), BuildError> {
    let before = survey.questions.len();
    survey.questions.retain(|q| q.key != key);
    if survey.questions.len() == before {
        return Err(BuildError::NoQuestion);
    }
    Ok(())
}

/// The survey's opening and closing days as typed (each optional): opens at the start of its
/// day, closes at the end of its day; closing must come after opening.
pub fn open_close(opens: &str, closes: &str) -> Result<(Option<Timestamp>, Option<Timestamp>), BuildError> {
    let read = |typed: &str| match typed.trim() {
        "" => Ok(None),
        t => super::campaigns::day(t).map(Some).ok_or(BuildError::Dates),
    };
    let (opens, closes) = (read(opens)?, read(closes)?.map(|d| d + DAY));
    if let (Some(o), Some(c)) = (opens, closes) {
        if o >= c {
            return Err(BuildError::Dates);
        }
    }
    Ok((opens, closes))
}

/// The day a stored closing time is shown as (it is stored as the end of that day).
pub fn closing_day(closes_at: Timestamp) -> Timestamp {
    closes_at - DAY
}

/// The neighbourhood priorities poll with `concerns` (the CSP's report categories, by code)
/// and its words from the Fluent files in both languages.
pub fn neighbourhood_poll(concerns: Vec<(String, Names)>) -> Survey {
    let both = |id: &str| Names::new(Lang::En.loader().get(id), Lang::Cy.loader().get(id));
    let words = PollWords {
        priorities: both("poll-priorities"),
        priorities_help: both("poll-priorities-help"),
        place: both("poll-place"),
        detail: both("poll-detail"),
    };
    priorities_poll(concerns.into_iter().map(|(key, label)| Choice { key, label }).collect(), words)
}

/// The words for a part of a question.
fn part_words(lang: Lang, q: Option<&Question>, part: &Part) -> String {
    match part {
        Part::Text => t!(lang, "builder-part-text"),
        Part::Help => t!(lang, "builder-part-help"),
        Part::RatingLow => t!(lang, "builder-part-low"),
        Part::RatingHigh => t!(lang, "builder-part-high"),
        Part::Option(key) => {
            let n = q.and_then(|q| q.options.iter().position(|o| &o.key == key)).map(|i| i + 1).unwrap_or(0);
            t!(lang, "builder-part-option", number = n)
        }
    }
}

/// The question a problem is about, if any.
pub fn problem_question(p: &SurveyProblem) -> Option<&str> {
    match p {
        SurveyProblem::NoQuestions | SurveyProblem::TooManyQuestions => None,
        SurveyProblem::RepeatedKey(k)
        | SurveyProblem::MissingEnglish(k, _)
        | SurveyProblem::MissingWelsh(k, _)
        | SurveyProblem::TooLong(k, _)
        | SurveyProblem::Options(k)
        | SurveyProblem::RepeatedOption(k)
        | SurveyProblem::MaxChoices(k)
        | SurveyProblem::Condition(k) => Some(k),
    }
}

/// What `Survey::problems` found, in words, in `lang`.
pub fn problem_words(lang: Lang, survey: &Survey, p: &SurveyProblem) -> String {
    let q = problem_question(p).and_then(|k| survey.question(k));
    match p {
        SurveyProblem::NoQuestions => t!(lang, "builder-problem-no-questions"),
        SurveyProblem::TooManyQuestions => t!(lang, "builder-problem-too-many", most = MAX_QUESTIONS),
        SurveyProblem::RepeatedKey(_) => t!(lang, "builder-problem-repeated-key"),
        SurveyProblem::MissingEnglish(_, part) => {
            t!(lang, "builder-problem-missing-english", part = part_words(lang, q, part))
        }
        SurveyProblem::MissingWelsh(_, part) => {
            t!(lang, "builder-problem-missing-welsh", part = part_words(lang, q, part))
        }
        SurveyProblem::TooLong(_, part) => {
            t!(lang, "builder-problem-too-long", part = part_words(lang, q, part), most = MAX_QUESTION_TEXT)
        }
        SurveyProblem::Options(_) => t!(lang, "builder-problem-options", most = MAX_OPTIONS),
        SurveyProblem::RepeatedOption(_) => t!(lang, "builder-problem-repeated-option"),
        SurveyProblem::MaxChoices(_) => t!(lang, "builder-problem-max-choices"),
        SurveyProblem::Condition(_) => t!(lang, "builder-problem-condition"),
    }
}

/// A question kind in words.
pub fn kind_name(lang: Lang, kind: QuestionKind) -> String {
    match kind {
        QuestionKind::SingleChoice => t!(lang, "builder-kind-single"),
        QuestionKind::MultipleChoice => t!(lang, "builder-kind-multiple"),
        QuestionKind::Rating => t!(lang, "builder-kind-rating"),
        QuestionKind::Ranking => t!(lang, "builder-kind-ranking"),
        QuestionKind::FreeText => t!(lang, "builder-kind-free-text"),
        QuestionKind::Place => t!(lang, "builder-kind-place"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(en: &str, cy: &str) -> Names {
        Names::new(en, cy)
    }

    fn edit(text: Names) -> QuestionEdit {
        QuestionEdit {
            text,
            help: blank(),
            required: true,
            max_choices: String::new(),
            rating_labels: RatingLabels { low: blank(), high: blank() },
            options: Vec::new(),
            show_if_question: String::new(),
            show_if_answer: String::new(),
        }
    }

    fn built() -> Survey {
        let mut s = Survey::default();
        add_question(&mut s, QuestionKind::SingleChoice, names("Safe?", "Diogel?")).unwrap();
        add_question(&mut s, QuestionKind::FreeText, names("Why?", "Pam?")).unwrap();
        let mut e = edit(names(" Safe? ", "Diogel?"));
        e.options = vec![("o1".into(), names("Yes", "Ydw")), ("o2".into(), names("No", "Nac ydw"))];
        edit_question(&mut s, "q1", &e).unwrap();
        s
    }

    #[test]
    fn questions_are_added_edited_and_checked() {
        let mut s = built();
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        assert_eq!(s.questions[0].text.en, "Safe?", "trimmed");
        assert!(s.questions[0].required);
        // A rating starts with empty end labels: the builder names what is missing.
        add_question(&mut s, QuestionKind::Rating, names("How safe?", "")).unwrap();
        assert_eq!(s.questions[2].key, "q3");
        let welsh = s.missing_welsh();
        assert!(welsh.contains(&SurveyProblem::MissingWelsh("q3".into(), Part::Text)), "{welsh:?}");
        assert!(s.problems().contains(&SurveyProblem::MissingEnglish("q3".into(), Part::RatingLow)));
        let mut e = edit(names("How safe?", "Pa mor ddiogel?"));
        e.rating_labels = RatingLabels { low: names("Not", "Ddim"), high: names("Very", "Iawn") };
        edit_question(&mut s, "q3", &e).unwrap();
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        // Refusals change nothing.
        let before = s.clone();
        let mut bad = edit(names("x", "y"));
        bad.max_choices = "0".into();
        assert_eq!(edit_question(&mut s, "q1", &bad), Err(BuildError::MaxChoices));
        bad.max_choices = "two".into();
        assert_eq!(edit_question(&mut s, "q1", &bad), Err(BuildError::MaxChoices));
        assert_eq!(
            edit_question(&mut s, "q1", &edit(names(&"x".repeat(1001), ""))),
            Err(BuildError::TooLong)
        );
        assert_eq!(edit_question(&mut s, "q9", &edit(names("x", "y"))), Err(BuildError::NoQuestion));
        assert_eq!(s, before);
    }

    #[test]
    fn conditions_name_an_earlier_choice_and_one_of_its_answers() {
        let mut s = built();
        let mut e = edit(names("Why?", "Pam?"));
        e.show_if_question = "q1".into();
        e.show_if_answer = "o2".into();
        edit_question(&mut s, "q2", &e).unwrap();
        assert_eq!(s.questions[1].show_if, Some(Condition { question: "q1".into(), answer: "o2".into() }));
        e.show_if_answer = "o9".into();
        assert_eq!(edit_question(&mut s, "q2", &e), Err(BuildError::Condition));
        // Not on itself or a later question, nor on free text.
        e.show_if_question = "q2".into();
        assert_eq!(edit_question(&mut s, "q1", &e), Err(BuildError::Condition));
        // Moving the question above its condition: problems() says so.
        assert_eq!(move_question(&mut s, "q2", true), Ok(true));
        assert_eq!(s.problems(), vec![SurveyProblem::Condition("q2".into())]);
        assert_eq!(move_question(&mut s, "q2", true), Ok(false), "already first");
        assert_eq!(move_question(&mut s, "q2", false), Ok(true));
        assert!(s.problems().is_empty());
        // Removing the answer it depends on: named too.
        add_option(&mut s, "q1").unwrap();
        assert_eq!(s.questions[0].options.last().unwrap().key, "o3");
        remove_option(&mut s, "q1", "o2").unwrap();
        assert!(s.problems().contains(&SurveyProblem::Condition("q2".into())));
        assert_eq!(remove_option(&mut s, "q1", "o2"), Err(BuildError::NoQuestion));
        remove_question(&mut s, "q2").unwrap();
        assert_eq!(s.questions.len(), 1);
        assert_eq!(remove_question(&mut s, "q2"), Err(BuildError::NoQuestion));
        assert_eq!(add_option(&mut s, "q9"), Err(BuildError::NoQuestion));
    }

    #[test]
    fn at_most_is_kept_within_the_options() {
        let mut s = Survey::default();
        add_question(&mut s, QuestionKind::Ranking, names("Rank", "Trefnu")).unwrap();
        add_option(&mut s, "q1").unwrap();
        let mut e = edit(names("Rank", "Trefnu"));
        e.max_choices = "3".into();
        edit_question(&mut s, "q1", &e).unwrap();
        assert_eq!(s.questions[0].max_choices, Some(3));
        remove_option(&mut s, "q1", "o3").unwrap();
        assert_eq!(s.questions[0].max_choices, Some(2));
        for _ in 0..MAX_OPTIONS - 2 {
            add_option(&mut s, "q1").unwrap();
        }
        assert_eq!(add_option(&mut s, "q1"), Err(BuildError::TooManyOptions));
    }

    #[test]
    fn opening_and_closing_days() {
        let (o, c) = open_close("2027-01-01", "2027-01-31").unwrap();
        assert_eq!(c.unwrap() - o.unwrap(), 31 * DAY, "closes at the end of its day");
        assert_eq!(closing_day(c.unwrap()), super::super::campaigns::day("2027-01-31").unwrap());
        assert_eq!(open_close("", ""), Ok((None, None)));
        assert_eq!(open_close("2027-01-01", "2027-01-01").map(|_| ()), Ok(()), "a one-day survey");
        assert_eq!(open_close("2027-02-01", "2027-01-01"), Err(BuildError::Dates));
        assert_eq!(open_close("tomorrow", ""), Err(BuildError::Dates));
    }

    #[test]
    fn the_poll_has_its_words_in_both_languages() {
        let poll = neighbourhood_poll(vec![
            ("asb-noise".into(), names("Noise", "Sŵn")),
            ("drugs".into(), names("Drugs", "Cyffuriau")),
            ("litter".into(), names("Litter", "Sbwriel")),
            ("graffiti".into(), names("Graffiti", "Graffiti")),
        ]);
        assert!(poll.problems().is_empty(), "{:?}", poll.problems());
        assert_ne!(poll.questions[0].text.en, poll.questions[0].text.cy);
        assert_eq!(poll.questions[0].options[0].key, "asb-noise");
    }

    #[test]
    fn every_problem_has_words_in_both_languages() {
        let s = built();
        let problems = [
            SurveyProblem::NoQuestions,
            SurveyProblem::TooManyQuestions,
            SurveyProblem::RepeatedKey("q1".into()),
            SurveyProblem::MissingEnglish("q1".into(), Part::Text),
            SurveyProblem::MissingWelsh("q1".into(), Part::Option("o2".into())),
            SurveyProblem::TooLong("q1".into(), Part::Help),
            SurveyProblem::Options("q1".into()),
            SurveyProblem::RepeatedOption("q1".into()),
            SurveyProblem::MaxChoices("q1".into()),
            SurveyProblem::Condition("q1".into()),
        ];
        for p in &problems {
            let (en, cy) = (problem_words(Lang::En, &s, p), problem_words(Lang::Cy, &s, p));
            assert!(!en.is_empty() && en != cy, "{p:?}: {en} / {cy}");
        }
        assert!(problem_words(Lang::En, &s, &problems[4]).contains('2'), "names option 2");
    }
}
