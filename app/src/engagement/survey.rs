//! A survey's questions and the rules on them: what the builder refuses (publishing needs every
//! word in Welsh too), which questions a respondent sees (simple conditions), and the checks on
//! an answer sheet. Stored as JSON: a survey's draft, and each published version, which never
//! changes (answers keep the version they were given to).

use crate::{reference::Names, vocabulary::vocabulary};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Longest free-text answer.
pub const MAX_ANSWER: usize = 4_000;
/// Longest question, help or option text.
pub const MAX_QUESTION_TEXT: usize = 1_000;
/// Most questions in one survey.
pub const MAX_QUESTIONS: usize = 60;
/// Most options in one question.
pub const MAX_OPTIONS: usize = 30;
/// A rating is 1 to this.
pub const RATING_MAX: u8 = 5;

vocabulary! {
    QuestionKind {
        SingleChoice = "single_choice",
        MultipleChoice = "multiple_choice",
        /// 1 to 5, with words for the two ends.
        Rating = "rating",
        /// Choose up to `max_choices` options in order (priorities).
        Ranking = "ranking",
        FreeText = "free_text",
        /// A ward (from the list, or a pin on the map when JavaScript runs).
        Place = "place",
    }
}

/// An option of a choice or ranking question. `key` is stable within the survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    pub label: Names,
}

/// Show a question only when an earlier choice question has this option chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub answer: String,
}

/// Words for the two ends of a rating (1 and 5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingLabels {
    pub low: Names,
    pub high: Names,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable within the survey and its versions (`q1`, `q2`...): answers are stored under it.
    pub key: String,
    pub kind: QuestionKind,
    pub text: Names,
    #[serde(default = "no_text")]
    pub help: Names,
    #[serde(default)]
    pub options: Vec<Choice>,
    #[serde(default)]
    pub required: bool,
    /// Multiple choice and ranking: at most this many (none: any number, ranking all).
    #[serde(default)]
    pub max_choices: Option<u32>,
    #[serde(default)]
    pub rating_labels: Option<RatingLabels>,
    #[serde(default)]
    pub show_if: Option<Condition>,
}

fn no_text() -> Names {
    Names::new("", "")
}

/// A survey: its questions in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub questions: Vec<Question>,
}

/// Which words of a question something is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Text,
    Help,
    Option(String),
    RatingLow,
    RatingHigh,
}

/// What the builder refuses, naming the question (by key) where there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SurveyProblem {
    NoQuestions,
    TooManyQuestions,
    RepeatedKey(String),
    /// A question, option or label with no English.
    MissingEnglish(String, Part),
    /// A question, option or label with no Welsh: publishing is refused until it has.
    MissingWelsh(String, Part),
    TooLong(String, Part),
    /// A choice or ranking question with fewer than two options, or too many.
    Options(String),
    RepeatedOption(String),
    /// `max_choices` of 0, or more than there are options.
    MaxChoices(String),
    /// A condition on a question that is not an earlier choice question, or on an option it
    /// does not have.
    Condition(String),
}

impl Survey {
    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    /// A key for a new question: `q` and the next number not yet used.
    pub fn next_key(&self) -> String {
        let n = self.questions.iter().filter_map(|q| q.key.strip_prefix('q')?.parse::<u32>().ok()).max();
        format!("q{}", n.unwrap_or(0) + 1)
    }

    /// Everything wrong with the survey as built. A draft may be saved with problems; it may be
    /// published only with none.
    pub fn problems(&self) -> Vec<SurveyProblem> {
        let mut out = Vec::new();
        if self.questions.is_empty() {
            out.push(SurveyProblem::NoQuestions);
        }
        if self.questions.len() > MAX_QUESTIONS {
            out.push(SurveyProblem::TooManyQuestions);
        }
        for (i, q) in self.questions.iter().enumerate() {
            if self.questions[..i].iter().any(|p| p.key == q.key) {
                out.push(SurveyProblem::RepeatedKey(q.key.clone()));
            }
            for (part, words, required) in q.words() {
                if words.en.trim().is_empty() && required {
                    out.push(SurveyProblem::MissingEnglish(q.key.clone(), part.clone()));
                }
                // Welsh is needed wherever there is English (help text is optional).
                if words.cy.trim().is_empty() && (required || !words.en.trim().is_empty()) {
                    out.push(SurveyProblem::MissingWelsh(q.key.clone(), part.clone()));
                }
                if words.en.chars().count() > MAX_QUESTION_TEXT
                    || words.cy.chars().count() > MAX_QUESTION_TEXT
                {
                    out.push(SurveyProblem::TooLong(q.key.clone(), part));
                }
            }
            if q.kind.has_options() {
                if q.options.len() < 2 || q.options.len() > MAX_OPTIONS {
                    out.push(SurveyProblem::Options(q.key.clone()));
                }
                let keys: Vec<&str> = q.options.iter().map(|o| o.key.as_str()).collect();
                if (1..keys.len()).any(|j| keys[..j].contains(&keys[j])) {
                    out.push(SurveyProblem::RepeatedOption(q.key.clone()));
                }
                if let Some(max) = q.max_choices {
                    if max == 0 || max as usize > q.options.len().max(1) {
                        out.push(SurveyProblem::MaxChoices(q.key.clone()));
                    }
                }
            }
            if let Some(c) = &q.show_if {
                let earlier = self.questions[..i].iter().find(|p| p.key == c.question);
                let fine = earlier.is_some_and(|p| {
                    matches!(p.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice)
                        && p.options.iter().any(|o| o.key == c.answer)
                });
                if !fine {
                    out.push(SurveyProblem::Condition(q.key.clone()));
                }
            }
        }
        out
    }

    /// Only the problems that stop publishing because Welsh is missing.
    pub fn missing_welsh(&self) -> Vec<SurveyProblem> {
        self.problems().into_iter().filter(|p| matches!(p, SurveyProblem::MissingWelsh(..))).collect()
    }

    /// Is `q` shown, given the answers so far? A question with a condition is shown when the
    /// question it depends on is shown and has the option chosen.
    pub fn shown(&self, q: &Question, answers: &Answers) -> bool {
        self.shown_within(q, answers, self.questions.len())
    }

    /// `shown`, following at most `depth` conditions (a stored loop cannot recurse for ever).
    fn shown_within(&self, q: &Question, answers: &Answers, depth: usize) -> bool {
        match &q.show_if {
            None => true,
            Some(_) if depth == 0 => false,
            Some(c) => {
                self.question(&c.question).is_some_and(|parent| self.shown_within(parent, answers, depth - 1))
                    && answers.get(&c.question).is_some_and(|a| a.has_choice(&c.answer))
            }
        }
    }

    /// Reads an answer sheet as posted: `q_{key}` for every question (repeated for multiple
    /// choice), `q_{key}_{n}` for the n-th choice of a ranking. `places` maps a ward code to its
    /// neighbourhood (the wards the campaign covers). Hidden questions' answers are dropped.
    pub fn check(
        &self,
        fields: &HashMap<String, Vec<String>>,
        places: &HashMap<String, i64>,
    ) -> Result<Answers, Vec<AnswerError>> {
        let mut answers = Answers::default();
        let mut errors = Vec::new();
        for q in &self.questions {
            if !self.shown(q, &answers) {
                continue;
            }
            match q.read(fields, places) {
                Ok(Some(answer)) => {
                    answers.0.insert(q.key.clone(), answer);
                }
                Ok(None) if q.required => {
                    errors.push(AnswerError { question: q.key.clone(), problem: AnswerProblem::Required })
                }
                Ok(None) => {}
                Err(problem) => errors.push(AnswerError { question: q.key.clone(), problem }),
            }
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }
}

impl QuestionKind {
    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::SingleChoice | QuestionKind::MultipleChoice | QuestionKind::Ranking)
    }
}

impl Question {
    /// Every piece of words the question has, with whether English is required for it.
    fn words(&self) -> Vec<(Part, &Names, bool)> {
        let mut out = vec![(Part::Text, &self.text, true), (Part::Help, &self.help, false)];
        if self.kind.has_options() {
            out.extend(self.options.iter().map(|o| (Part::Option(o.key.clone()), &o.label, true)));
        }
        if let (QuestionKind::Rating, Some(l)) = (self.kind, &self.rating_labels) {
            out.push((Part::RatingLow, &l.low, true));
            out.push((Part::RatingHigh, &l.high, true));
        }
        out
    }

    fn option(&self, key: &str) -> bool {
        self.options.iter().any(|o| o.key == key)
    }

    /// The answer posted for this question; `None` when left blank.
    fn read(
        &self,
        fields: &HashMap<String, Vec<String>>,
        places: &HashMap<String, i64>,
    ) -> Result<Option<Answer>, AnswerProblem> {
        let values = |name: &str| -> Vec<String> {
            fields
                .get(name)
                .map(|v| v.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default()
        };
        let name = format!("q_{}", self.key);
        let first = values(&name).into_iter().next();
        match self.kind {
            QuestionKind::SingleChoice => match first {
                None => Ok(None),
                Some(c) if self.option(&c) => Ok(Some(Answer::Choice(c))),
                Some(_) => Err(AnswerProblem::UnknownChoice),
            },
            QuestionKind::MultipleChoice => {
                let mut chosen: Vec<String> = Vec::new();
                for c in values(&name) {
                    if !self.option(&c) {
                        return Err(AnswerProblem::UnknownChoice);
                    }
                    if !chosen.contains(&c) {
                        chosen.push(c);
                    }
                }
                if let Some(max) = self.max_choices.filter(|m| chosen.len() > *m as usize) {
                    return Err(AnswerProblem::TooMany(max));
                }
                Ok((!chosen.is_empty()).then_some(Answer::Choices(chosen)))
            }
            QuestionKind::Ranking => {
                let places_to_rank = self.max_choices.map(|m| m as usize).unwrap_or(self.options.len());
                let mut ranked: Vec<String> = Vec::new();
                for n in 1..=places_to_rank {
                    match values(&format!("{name}_{n}")).into_iter().next() {
                        None => {}
                        Some(c) if !self.option(&c) => return Err(AnswerProblem::UnknownChoice),
                        Some(c) if ranked.contains(&c) => return Err(AnswerProblem::RepeatedRank),
                        // A second choice without a first is read in order: nothing is lost.
                        Some(c) => ranked.push(c),
                    }
                }
                Ok((!ranked.is_empty()).then_some(Answer::Ranking(ranked)))
            }
            QuestionKind::Rating => match first {
                None => Ok(None),
                Some(v) => match v.parse::<u8>() {
                    Ok(n) if (1..=RATING_MAX).contains(&n) => Ok(Some(Answer::Rating(n))),
                    _ => Err(AnswerProblem::OutOfRange),
                },
            },
            QuestionKind::FreeText => match first {
                None => Ok(None),
                Some(t) if t.chars().count() > MAX_ANSWER => Err(AnswerProblem::TooLong(MAX_ANSWER)),
                Some(t) => Ok(Some(Answer::Text(t))),
            },
            QuestionKind::Place => match first {
                None => Ok(None),
                Some(ward) => match places.get(&ward) {
                    Some(&neighbourhood_id) => Ok(Some(Answer::Place { ward, neighbourhood_id })),
                    None => Err(AnswerProblem::UnknownPlace),
                },
            },
        }
    }
}

/// One question's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Choice(String),
    Choices(Vec<String>),
    /// Options in the order chosen (first priority first).
    Ranking(Vec<String>),
    Rating(u8),
    Text(String),
    Place {
        ward: String,
        neighbourhood_id: i64,
    },
}

impl Answer {
    pub fn has_choice(&self, key: &str) -> bool {
        match self {
            Answer::Choice(c) => c == key,
            Answer::Choices(cs) | Answer::Ranking(cs) => cs.iter().any(|c| c == key),
            _ => false,
        }
    }
}

/// An answer sheet: question key to answer, for the questions answered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    pub fn get(&self, key: &str) -> Option<&Answer> {
        self.0.get(key)
    }

    /// The neighbourhood the first place answer names.
    pub fn neighbourhood(&self) -> Option<i64> {
        self.0.values().find_map(|a| match a {
            Answer::Place { neighbourhood_id, .. } => Some(*neighbourhood_id),
            _ => None,
        })
    }

    /// The rows stored for these answers (`survey_answers`): one per chosen option (a ranking's
    /// with its rank in `number`), per rating, per text, per place.
    pub fn rows(&self) -> Vec<AnswerRow> {
        let row = |question: &str| AnswerRow {
            question: question.to_string(),
            choice: None,
            number: None,
            text: None,
            neighbourhood_id: None,
        };
        let mut out = Vec::new();
        for (key, answer) in &self.0 {
            match answer {
                Answer::Choice(c) => out.push(AnswerRow { choice: Some(c.clone()), ..row(key) }),
                Answer::Choices(cs) => {
                    out.extend(cs.iter().map(|c| AnswerRow { choice: Some(c.clone()), ..row(key) }))
                }
                Answer::Ranking(cs) => out.extend(cs.iter().enumerate().map(|(i, c)| AnswerRow {
                    choice: Some(c.clone()),
                    number: Some(i as i64 + 1),
                    ..row(key)
                })),
                Answer::Rating(n) => out.push(AnswerRow { number: Some(i64::from(*n)), ..row(key) }),
                Answer::Text(t) => out.push(AnswerRow { text: Some(t.clone()), ..row(key) }),
                Answer::Place { ward, neighbourhood_id } => out.push(AnswerRow {
                    text: Some(ward.clone()),
                    neighbourhood_id: Some(*neighbourhood_id),
                    ..row(key)
                }),
            }
        }
        out
    }

    /// The answers as posted fields again (to show a kept sheet, or resume a saved one).
    pub fn fields(&self) -> HashMap<String, Vec<String>> {
        let mut out = HashMap::new();
        for (key, answer) in &self.0 {
            let name = format!("q_{key}");
            match answer {
                Answer::Choice(c) => {
                    out.insert(name, vec![c.clone()]);
                }
                Answer::Choices(cs) => {
                    out.insert(name, cs.clone());
                }
                Answer::Ranking(cs) => {
                    for (i, c) in cs.iter().enumerate() {
                        out.insert(format!("{name}_{}", i + 1), vec![c.clone()]);
                    }
                }
                Answer::Rating(n) => {
                    out.insert(name, vec![n.to_string()]);
                }
                Answer::Text(t) => {
                    out.insert(name, vec![t.clone()]);
                }
                Answer::Place { ward, .. } => {
                    out.insert(name, vec![ward.clone()]);
                }
            }
        }
        out
    }
}

/// A stored answer row (`survey_answers`, without the response and campaign).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    pub question: String,
    pub choice: Option<String>,
    pub number: Option<i64>,
    pub text: Option<String>,
    pub neighbourhood_id: Option<i64>,
}

/// What is wrong with one answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerError {
    pub question: String,
    pub problem: AnswerProblem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerProblem {
    Required,
    UnknownChoice,
    /// More options chosen than the question allows.
    TooMany(u32),
    /// The same option in two places of a ranking.
    RepeatedRank,
    OutOfRange,
    TooLong(usize),
    UnknownPlace,
}

/// The ready-made neighbourhood priorities poll: pick up to three of the partnership's fixed
/// list of concerns in order, say which ward, then add detail. The same question keys in every
/// CSP's poll (`priorities`, `place`, `detail`), so counts compare across neighbourhoods.
pub struct PollWords {
    pub priorities: Names,
    pub priorities_help: Names,
    pub place: Names,
    pub detail: Names,
}

pub fn priorities_poll(concerns: Vec<Choice>, words: PollWords) -> Survey {
    let question = |key: &str, kind, text: Names| Question {
        key: key.to_string(),
        kind,
        text,
        help: no_text(),
        options: Vec::new(),
        required: false,
        max_choices: None,
        rating_labels: None,
        show_if: None,
    };
    let max = concerns.len().min(3) as u32;
    Survey {
        questions: vec![
            Question {
                help: words.priorities_help,
                options: concerns,
                required: true,
                max_choices: Some(max),
                ..question("priorities", QuestionKind::Ranking, words.priorities)
            },
            Question { required: true, ..question("place", QuestionKind::Place, words.place) },
            question("detail", QuestionKind::FreeText, words.detail),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(en: &str, cy: &str) -> Names {
        Names::new(en, cy)
    }

    fn choice(key: &str) -> Choice {
        Choice { key: key.into(), label: names(key, &format!("{key} cy")) }
    }

    fn q(key: &str, kind: QuestionKind) -> Question {
        Question {
            key: key.into(),
            kind,
            text: names("Question", "Cwestiwn"),
            help: names("", ""),
            options: if kind.has_options() { vec![choice("a"), choice("b"), choice("c")] } else { vec![] },
            required: false,
            max_choices: None,
            rating_labels: None,
            show_if: None,
        }
    }

    fn fields(pairs: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            out.entry(k.to_string()).or_default().push(v.to_string());
        }
        out
    }

    #[test]
    fn publishing_needs_every_word_in_welsh() {
        let mut s =
            Survey { questions: vec![q("q1", QuestionKind::SingleChoice), q("q2", QuestionKind::FreeText)] };
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        s.questions[0].options[1].label.cy.clear();
        s.questions[1].help = names("Say more", "");
        assert_eq!(
            s.missing_welsh(),
            vec![
                SurveyProblem::MissingWelsh("q1".into(), Part::Option("b".into())),
                SurveyProblem::MissingWelsh("q2".into(), Part::Help)
            ]
        );
        // Help text is optional in both languages.
        s.questions[1].help = names("", "");
        s.questions[0].options[1].label.cy = "b cy".into();
        assert!(s.problems().is_empty());
    }

    #[test]
    fn the_builder_refuses_what_could_not_be_answered() {
        let mut one_option = q("q1", QuestionKind::SingleChoice);
        one_option.options.truncate(1);
        let mut bad_max = q("q2", QuestionKind::Ranking);
        bad_max.max_choices = Some(4);
        let mut later = q("q3", QuestionKind::FreeText);
        later.show_if = Some(Condition { question: "q4".into(), answer: "a".into() });
        let mut unknown_answer = q("q4", QuestionKind::FreeText);
        unknown_answer.show_if = Some(Condition { question: "q2".into(), answer: "a".into() });
        let s = Survey {
            questions: vec![one_option, bad_max, later, unknown_answer, q("q1", QuestionKind::Rating)],
        };
        let problems = s.problems();
        assert!(problems.contains(&SurveyProblem::Options("q1".into())));
        assert!(problems.contains(&SurveyProblem::MaxChoices("q2".into())));
        // A condition on a later question, and one on a ranking question, are refused.
        assert!(problems.contains(&SurveyProblem::Condition("q3".into())));
        assert!(problems.contains(&SurveyProblem::Condition("q4".into())));
        assert!(problems.contains(&SurveyProblem::RepeatedKey("q1".into())));
        assert_eq!(Survey::default().problems(), vec![SurveyProblem::NoQuestions]);
        assert_eq!(s.next_key(), "q5");
    }

    #[test]
    fn a_conditional_question_is_asked_only_after_its_answer() {
        let mut follow = q("q2", QuestionKind::FreeText);
        follow.required = true;
        follow.show_if = Some(Condition { question: "q1".into(), answer: "b".into() });
        let s = Survey { questions: vec![q("q1", QuestionKind::SingleChoice), follow] };
        let places = HashMap::new();
        // Not asked: its answer is dropped, and "required" does not apply.
        let a = s.check(&fields(&[("q_q1", "a"), ("q_q2", "hidden")]), &places).unwrap();
        assert_eq!(a.get("q2"), None);
        // Asked: required.
        let e = s.check(&fields(&[("q_q1", "b")]), &places).unwrap_err();
        assert_eq!(e, vec![AnswerError { question: "q2".into(), problem: AnswerProblem::Required }]);
        let a = s.check(&fields(&[("q_q1", "b"), ("q_q2", "  said  ")]), &places).unwrap();
        assert_eq!(a.get("q2"), Some(&Answer::Text("said".into())));
        // A stored loop (q3 on itself) is never shown rather than recursing.
        let mut looped = q("q3", QuestionKind::SingleChoice);
        looped.show_if = Some(Condition { question: "q3".into(), answer: "a".into() });
        let s = Survey { questions: vec![looped] };
        assert!(!s.shown(&s.questions[0], &Answers::default()));
    }

    #[test]
    fn answers_are_checked_against_the_question() {
        let mut multi = q("m", QuestionKind::MultipleChoice);
        multi.max_choices = Some(2);
        let mut rank = q("r", QuestionKind::Ranking);
        rank.max_choices = Some(2);
        let s = Survey {
            questions: vec![
                q("s", QuestionKind::SingleChoice),
                multi,
                rank,
                q("n", QuestionKind::Rating),
                q("t", QuestionKind::FreeText),
                q("p", QuestionKind::Place),
            ],
        };
        let places = HashMap::from([("W05001".to_string(), 7)]);
        let problem = |pairs: &[(&str, &str)]| s.check(&fields(pairs), &places).unwrap_err()[0].problem;
        assert_eq!(problem(&[("q_s", "z")]), AnswerProblem::UnknownChoice);
        assert_eq!(problem(&[("q_m", "a"), ("q_m", "b"), ("q_m", "c")]), AnswerProblem::TooMany(2));
        assert_eq!(problem(&[("q_r_1", "a"), ("q_r_2", "a")]), AnswerProblem::RepeatedRank);
        assert_eq!(problem(&[("q_n", "6")]), AnswerProblem::OutOfRange);
        assert_eq!(problem(&[("q_n", "0")]), AnswerProblem::OutOfRange);
        assert_eq!(problem(&[("q_t", &"x".repeat(MAX_ANSWER + 1))]), AnswerProblem::TooLong(MAX_ANSWER));
        assert_eq!(problem(&[("q_p", "W05999")]), AnswerProblem::UnknownPlace);
        let a = s
            .check(
                &fields(&[
                    ("q_s", "a"),
                    ("q_m", "b"),
                    ("q_m", "b"),
                    ("q_r_2", "c"),
                    ("q_n", "4"),
                    ("q_t", "Too fast"),
                    ("q_p", "W05001"),
                ]),
                &places,
            )
            .unwrap();
        assert_eq!(a.get("m"), Some(&Answer::Choices(vec!["b".into()])));
        assert_eq!(a.get("r"), Some(&Answer::Ranking(vec!["c".into()])));
        assert_eq!(a.neighbourhood(), Some(7));
        // Stored rows, and back to fields: the same sheet.
        let rows = a.rows();
        assert!(rows.contains(&AnswerRow {
            question: "r".into(),
            choice: Some("c".into()),
            number: Some(1),
            text: None,
            neighbourhood_id: None
        }));
        assert_eq!(s.check(&a.fields(), &places).unwrap(), a);
    }

    #[test]
    fn the_priorities_poll_is_the_same_shape_everywhere() {
        let words = PollWords {
            priorities: names("Your priorities", "Eich blaenoriaethau"),
            priorities_help: names("Up to three", "Hyd at dri"),
            place: names("Your ward", "Eich ward"),
            detail: names("Anything to add?", "Unrhyw beth i'w ychwanegu?"),
        };
        let poll = priorities_poll(
            vec![choice("asb"), choice("drugs"), choice("speeding"), choice("litter")],
            words,
        );
        assert!(poll.problems().is_empty(), "{:?}", poll.problems());
        assert_eq!(
            poll.questions.iter().map(|q| q.key.as_str()).collect::<Vec<_>>(),
            ["priorities", "place", "detail"]
        );
        assert_eq!(poll.questions[0].max_choices, Some(3));
        let json = serde_json::to_string(&poll).unwrap();
        assert_eq!(serde_json::from_str::<Survey>(&json).unwrap(), poll);
    }
}
