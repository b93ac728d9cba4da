//! Responding: the rules behind residents answering a survey (`/have-your-say/{slug}`) and staff
//! keying in face-to-face and paper responses. A survey is split into steps so a conditional
//! question is asked only after the answer it depends on; when a survey may be answered; the
//! keyed hashes that keep one response per person without keeping who they are (a signed
//! device cookie, an email's hash); duplicates across channels (same neighbourhood, same
//! answers); and the CSV of keyed-in paper responses. Plain functions over plain types; the
//! pages are `respond_pages`, the posts `respond_actions`.

use crate::{
    engagement::{
        equality::{EqualityProblem, EqualityQuestion, POSTCODE_PREFER_NOT_FIELD, PREFER_NOT_TO_SAY},
        keyed_hash,
        survey::{Answer, AnswerError, AnswerRow, Answers, Question, QuestionKind, Survey},
    },
    i18n::Lang,
    time::Timestamp,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Most questions on one step of the residents' form (a phone screen or two).
pub const STEP_SIZE: usize = 5;
/// A finished response's answers are kept this long for the emailed copy, then swept.
pub const COPY_FOR: i64 = 3600;
/// Most responses in one CSV file.
pub const MAX_CSV_ROWS: usize = 5_000;
/// Posted and stored fields of one answer sheet are capped (a kept sheet is never huge).
pub const MAX_FIELDS: usize = 400;

/// Posted fields by name (repeated for multiple choice).
pub type Fields = HashMap<String, Vec<String>>;

/// The survey's questions in steps (keys, in order). A new step starts when a question depends
/// on a question of the step being filled (so it is asked after that answer is saved), or when
/// the step already holds `STEP_SIZE` questions.
pub fn steps(survey: &Survey) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for q in &survey.questions {
        let depends_here = q.show_if.as_ref().is_some_and(|c| current.contains(&c.question));
        if !current.is_empty() && (depends_here || current.len() >= STEP_SIZE) {
            out.push(std::mem::take(&mut current));
        }
        current.push(q.key.clone());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The choices made so far (single and multiple choice questions only, valid options only):
/// all conditions need to decide what is shown.
pub fn choices_so_far(survey: &Survey, fields: &Fields) -> Answers {
    let mut answers = Answers::default();
    for q in &survey.questions {
        let name = format!("q_{}", q.key);
        let chosen: Vec<String> = fields
            .get(&name)
            .map(|v| {
                v.iter()
                    .map(|s| s.trim().to_string())
                    .filter(|c| q.options.iter().any(|o| &o.key == c))
                    .collect()
            })
            .unwrap_or_default();
        let answer = match (q.kind, chosen.first()) {
            (_, None) => continue,
            (QuestionKind::SingleChoice, Some(c)) => Answer::Choice(c.clone()),
            (QuestionKind::MultipleChoice, Some(_)) => Answer::Choices(chosen),
            _ => continue,
        };
        answers.0.insert(q.key.clone(), answer);
    }
    answers
}

/// The questions of step `step` shown, given the answers so far.
pub fn shown_on<'a>(
    survey: &'a Survey,
    steps: &[Vec<String>],
    step: usize,
    fields: &Fields,
) -> Vec<&'a Question> {
    let so_far = choices_so_far(survey, fields);
    steps
        .get(step)
        .map(|keys| {
            keys.iter().filter_map(|k| survey.question(k)).filter(|q| survey.shown(q, &so_far)).collect()
        })
        .unwrap_or_default()
}

/// The step after `step` that has a question to ask, if any.
pub fn next_step(survey: &Survey, steps: &[Vec<String>], step: usize, fields: &Fields) -> Option<usize> {
    (step + 1..steps.len()).find(|s| !shown_on(survey, steps, *s, fields).is_empty())
}

/// The step before `step` that has a question to ask, if any.
pub fn previous_step(survey: &Survey, steps: &[Vec<String>], step: usize, fields: &Fields) -> Option<usize> {
    (0..step.min(steps.len())).rev().find(|s| !shown_on(survey, steps, *s, fields).is_empty())
}

/// The first step with a question to ask.
pub fn first_step(survey: &Survey, steps: &[Vec<String>], fields: &Fields) -> usize {
    (0..steps.len()).find(|s| !shown_on(survey, steps, *s, fields).is_empty()).unwrap_or(0)
}

/// What is wrong with the answers of steps up to `upto` (later steps' required questions are not
/// asked yet).
pub fn errors_up_to(
    survey: &Survey,
    steps: &[Vec<String>],
    upto: usize,
    fields: &Fields,
    places: &HashMap<String, i64>,
) -> Vec<AnswerError> {
    let asked: Vec<&String> = steps.iter().take(upto + 1).flatten().collect();
    match survey.check(fields, places) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().filter(|e| asked.contains(&&e.question)).collect(),
    }
}

/// `fields` with the answers of the questions in `keys` replaced by those posted.
pub fn merge_step(saved: &Fields, posted: &Fields, keys: &[String]) -> Fields {
    let ours = |name: &str| {
        keys.iter().any(|k| {
            let prefix = format!("q_{k}");
            name == prefix
                || name.strip_prefix(&format!("{prefix}_")).is_some_and(|n| n.parse::<u32>().is_ok())
        })
    };
    let mut out: Fields =
        saved.iter().filter(|(k, _)| !ours(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in posted {
        if ours(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

/// `fields` with the equality monitoring answers (`eq_...`) replaced by those posted.
pub fn merge_equality(saved: &Fields, posted: &Fields) -> Fields {
    let mut out: Fields =
        saved.iter().filter(|(k, _)| !k.starts_with("eq_")).map(|(k, v)| (k.clone(), v.clone())).collect();
    out.extend(posted.iter().filter(|(k, _)| k.starts_with("eq_")).map(|(k, v)| (k.clone(), v.clone())));
    out
}

/// The equality monitoring fields of a posted form (`eq_...`), capped.
pub fn equality_fields(posted: &[(String, String)]) -> Fields {
    let mut out: Fields = HashMap::new();
    for (k, v) in posted.iter().filter(|(k, _)| k.starts_with("eq_")).take(MAX_FIELDS) {
        out.entry(k.clone()).or_default().push(v.clone());
    }
    out
}

/// The answer fields of a posted form (`q_...`), capped.
pub fn answer_fields(posted: &[(String, String)]) -> Fields {
    let mut out: Fields = HashMap::new();
    for (k, v) in posted.iter().filter(|(k, _)| k.starts_with("q_")).take(MAX_FIELDS) {
        out.entry(k.clone()).or_default().push(v.clone());
    }
    out
}

/// Whether a survey may be answered now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    NotYetOpen { opens: Timestamp },
    Open { closes: Timestamp },
    Closed { closed: Timestamp },
}

/// A survey opens at its own opening time (else its campaign's first day) and closes at its own
/// closing time (else at the end of its campaign's last day); a campaign closed or reported
/// takes no more answers whatever the dates.
pub fn availability(
    now: Timestamp,
    campaign_closed: bool,
    starts_on: Timestamp,
    ends_on: Timestamp,
    opens_at: Option<Timestamp>,
    closes_at: Option<Timestamp>,
) -> Availability {
    let opens = opens_at.unwrap_or(starts_on);
    let closes = closes_at.unwrap_or(ends_on + 86_400);
    if campaign_closed {
        Availability::Closed { closed: closes.min(now) }
    } else if now < opens {
        Availability::NotYetOpen { opens }
    } else if now >= closes {
        Availability::Closed { closed: closes }
    } else {
        Availability::Open { closes }
    }
}

/// The device cookie's value for a browser's random id: the id and its signature.
pub fn device_cookie(secret: &str, id: &str) -> String {
    format!("{id}.{}", keyed_hash(secret, format!("device:{id}")))
}

/// The browser's id, if the cookie is one this hub signed.
pub fn device_id(secret: &str, cookie: &str) -> Option<String> {
    let (id, signature) = cookie.split_once('.')?;
    let ok = id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit());
    (ok && constant_time_eq(&keyed_hash(secret, format!("device:{id}")), signature)).then(|| id.to_string())
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The respondent key of one browser for one campaign (keys of two campaigns cannot be linked).
pub fn device_key(secret: &str, campaign_id: i64, device: &str) -> String {
    keyed_hash(secret, format!("device:{campaign_id}:{device}"))
}

/// The respondent hash of an email address for one campaign: never the address itself.
pub fn email_key(secret: &str, campaign_id: i64, email: &str) -> String {
    keyed_hash(secret, format!("email:{campaign_id}:{}", crate::db::staff::normalise_email(email)))
}

/// What makes two responses "the same answers": the neighbourhood and every answer row, in a
/// fixed order, hashed.
pub fn answers_hash(neighbourhood_id: Option<i64>, rows: &[AnswerRow]) -> String {
    let mut lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let text =
                r.text.as_deref().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase());
            serde_json::json!([r.question, r.choice, r.number, text, r.neighbourhood_id]).to_string()
        })
        .collect();
    lines.sort();
    let neighbourhood = neighbourhood_id.map(|n| n.to_string()).unwrap_or_default();
    hex::encode(Sha256::digest(format!("{neighbourhood}\n{}", lines.join("\n")).as_bytes()))
}

/// One response read from a CSV file of paper responses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvResponse {
    pub line: u64,
    pub answers: Answers,
    pub language: Lang,
    /// The equality monitoring columns, stored apart as an online answer's are.
    pub equality: crate::db::engagement::EqualityRow,
}

/// What is wrong with a CSV file, by line (the header is line 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvError {
    pub line: u64,
    pub problem: CsvProblem,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CsvProblem {
    /// Not a CSV file this hub can read (or not UTF-8).
    Unreadable,
    /// No header row, or no responses.
    Empty,
    TooManyRows,
    /// A header naming no question of the survey.
    UnknownColumn(String),
    RepeatedColumn(String),
    /// A row with more or fewer cells than the header.
    Cells,
    /// A `language` cell that is not `en` or `cy`.
    Language,
    /// An answer refused by the survey's checks.
    Answer(AnswerError),
    /// An equality monitoring cell that is not one of its question's codes (or, for the
    /// postcode district, not the first half of a postcode).
    Equality(EqualityProblem),
}

/// The equality monitoring question a CSV column names (its stored spelling: `age_band`,
/// `ethnic_group`, ...), unless a question of the survey has that key.
fn equality_column(survey: &Survey, column: &str) -> Option<EqualityQuestion> {
    EqualityQuestion::parse(column).filter(|_| survey.question(column).is_none())
}

/// Reads a CSV of keyed-in paper responses: a header row of question keys (and optionally
/// `language` and the equality monitoring columns, each named by its question's spelling), then
/// one row per response. Multiple choice and ranking cells list option keys separated by `;` (a
/// ranking in order); a place is a ward code; an equality cell is one of its question's codes
/// (`prefer_not_to_say` too), the postcode district a district or whole postcode (cut to its
/// district). Every row is checked; the file is read whole or refused with every problem found.
pub fn parse_csv(
    text: &str,
    survey: &Survey,
    places: &HashMap<String, i64>,
) -> Result<Vec<CsvResponse>, Vec<CsvError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(_)) => return Err(vec![CsvError { line: 1, problem: CsvProblem::Unreadable }]),
        None => return Err(vec![CsvError { line: 1, problem: CsvProblem::Empty }]),
    };
    let columns: Vec<String> = header.iter().map(|c| c.trim().to_string()).collect();
    let mut errors = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        if c != "language" && survey.question(c).is_none() && equality_column(survey, c).is_none() {
            errors.push(CsvError { line: 1, problem: CsvProblem::UnknownColumn(c.clone()) });
        }
        if columns[..i].contains(c) {
            errors.push(CsvError { line: 1, problem: CsvProblem::RepeatedColumn(c.clone()) });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    for (n, record) in records.enumerate() {
        let line = n as u64 + 2;
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                errors.push(CsvError { line, problem: CsvProblem::Unreadable });
                continue;
            }
        };
        // Counted from the text itself: the reader's position is before any blank lines it
        // skipped.
        let line = record
            .position()
            .and_then(|p| {
                let (before, after) = (text.get(..p.byte() as usize)?, text.get(p.byte() as usize..)?);
                let blank =
                    after.chars().take_while(|c| *c == '\n' || *c == '\r').filter(|c| *c == '\n').count();
                Some((before.matches('\n').count() + blank) as u64 + 1)
            })
            .unwrap_or(line);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if out.len() + errors.len() >= MAX_CSV_ROWS {
            return Err(vec![CsvError { line, problem: CsvProblem::TooManyRows }]);
        }
        if record.len() != columns.len() {
            errors.push(CsvError { line, problem: CsvProblem::Cells });
            continue;
        }
        let mut fields: Fields = HashMap::new();
        let mut equality: Fields = HashMap::new();
        let mut language = Lang::En;
        for (column, cell) in columns.iter().zip(record.iter()) {
            let cell = cell.trim();
            if column == "language" {
                match (cell.is_empty(), Lang::parse(cell)) {
                    (true, _) => {}
                    (false, Some(l)) => language = l,
                    (false, None) => errors.push(CsvError { line, problem: CsvProblem::Language }),
                }
                continue;
            }
            if let Some(q) = equality_column(survey, column) {
                match (q, cell) {
                    (_, "") => {}
                    (EqualityQuestion::PostcodeDistrict, PREFER_NOT_TO_SAY) => {
                        equality.insert(POSTCODE_PREFER_NOT_FIELD.to_string(), vec!["yes".into()]);
                    }
                    _ => {
                        equality.insert(q.field(), vec![cell.to_string()]);
                    }
                }
                continue;
            }
            let Some(q) = survey.question(column) else { continue };
            let name = format!("q_{}", q.key);
            let parts = || cell.split(';').map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
            match q.kind {
                QuestionKind::MultipleChoice => {
                    fields.insert(name, parts().collect());
                }
                QuestionKind::Ranking => {
                    for (i, p) in parts().enumerate() {
                        fields.insert(format!("{name}_{}", i + 1), vec![p]);
                    }
                }
                _ => {
                    fields.insert(name, vec![cell.to_string()]);
                }
            }
        }
        let equality = match super::equality::read(&equality) {
            Ok(row) => Some(row),
            Err(problems) => {
                errors.extend(
                    problems.into_iter().map(|e| CsvError { line, problem: CsvProblem::Equality(e) }),
                );
                None
            }
        };
        match (survey.check(&fields, places), equality) {
            (Ok(answers), Some(equality)) => out.push(CsvResponse { line, answers, language, equality }),
            (Ok(_), None) => {}
            (Err(problems), _) => {
                errors.extend(problems.into_iter().map(|e| CsvError { line, problem: CsvProblem::Answer(e) }))
            }
        }
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(CsvError { line: 2, problem: CsvProblem::Empty });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// An answer in words, in `lang` (for the emailed copy): option labels, a rating out of five, a
/// ward's name (`wards`: code to name).
pub fn answer_words(q: &Question, answer: &Answer, lang: Lang, wards: &HashMap<String, String>) -> String {
    let label = |key: &str| {
        q.options
            .iter()
            .find(|o| o.key == key)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| key.to_string())
    };
    match answer {
        Answer::Choice(c) => label(c),
        Answer::Choices(cs) => cs.iter().map(|c| label(c)).collect::<Vec<_>>().join("; "),
        Answer::Ranking(cs) => cs
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}. {}", i + 1, label(c)))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Rating(n) => format!("{n}/{}", crate::engagement::survey::RATING_MAX),
        Answer::Text(t) => t.clone(),
        Answer::Place { ward, .. } => wards.get(ward).cloned().unwrap_or_else(|| ward.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        engagement::survey::{AnswerProblem, Choice, Condition},
        reference::Names,
    };

    fn q(key: &str, kind: QuestionKind) -> Question {
        Question {
            key: key.into(),
            kind,
            text: Names::new("Q", "C"),
            help: Names::new("", ""),
            options: if kind.has_options() {
                ["a", "b", "c"]
                    .iter()
                    .map(|k| Choice { key: k.to_string(), label: Names::new(*k, *k) })
                    .collect()
            } else {
                vec![]
            },
            required: false,
            max_choices: None,
            rating_labels: None,
            show_if: None,
        }
    }

    fn when(mut question: Question, on: &str, answer: &str) -> Question {
        question.show_if = Some(Condition { question: on.into(), answer: answer.into() });
        question
    }

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        let mut out: Fields = HashMap::new();
        for (k, v) in pairs {
            out.entry(k.to_string()).or_default().push(v.to_string());
        }
        out
    }

    #[test]
    fn a_question_is_asked_on_a_step_after_the_answer_it_depends_on() {
        let s = Survey {
            questions: vec![
                q("q1", QuestionKind::SingleChoice),
                q("q2", QuestionKind::Rating),
                when(q("q3", QuestionKind::FreeText), "q1", "b"),
                q("q4", QuestionKind::FreeText),
                when(q("q5", QuestionKind::FreeText), "q2", "a"),
            ],
        };
        let steps = steps(&s);
        assert_eq!(steps, vec![vec!["q1", "q2"], vec!["q3", "q4", "q5"]]);
        // q1 answered "a": q3 is not asked; the second step still asks q4.
        let f = fields(&[("q_q1", "a")]);
        assert_eq!(shown_on(&s, &steps, 1, &f).iter().map(|q| q.key.as_str()).collect::<Vec<_>>(), ["q4"]);
        let f = fields(&[("q_q1", "b")]);
        assert_eq!(shown_on(&s, &steps, 1, &f).len(), 2);
        assert_eq!(next_step(&s, &steps, 0, &f), Some(1));
        assert_eq!(next_step(&s, &steps, 1, &f), None);
        assert_eq!(previous_step(&s, &steps, 1, &f), Some(0));
        // A chain of conditions gives a step each; long surveys are cut every STEP_SIZE.
        let chain = Survey {
            questions: vec![
                q("q1", QuestionKind::SingleChoice),
                when(q("q2", QuestionKind::SingleChoice), "q1", "a"),
                when(q("q3", QuestionKind::FreeText), "q2", "a"),
            ],
        };
        assert_eq!(super::steps(&chain).len(), 3);
        let long =
            Survey { questions: (1..=12).map(|i| q(&format!("q{i}"), QuestionKind::FreeText)).collect() };
        assert_eq!(super::steps(&long).iter().map(Vec::len).collect::<Vec<_>>(), [5, 5, 2]);
        // A step whose only question is hidden is skipped.
        let f = fields(&[("q_q1", "b")]);
        assert_eq!(next_step(&chain, &super::steps(&chain), 0, &f), None);
    }

    #[test]
    fn later_steps_are_not_required_yet_and_a_step_replaces_its_own_answers() {
        let mut second = q("q2", QuestionKind::FreeText);
        second.required = true;
        let mut first = q("q1", QuestionKind::SingleChoice);
        first.required = true;
        let s = Survey { questions: vec![first, when(second, "q1", "a")] };
        let steps = steps(&s);
        let places = HashMap::new();
        assert_eq!(errors_up_to(&s, &steps, 0, &fields(&[]), &places)[0].problem, AnswerProblem::Required);
        assert!(errors_up_to(&s, &steps, 0, &fields(&[("q_q1", "a")]), &places).is_empty());
        assert_eq!(errors_up_to(&s, &steps, 1, &fields(&[("q_q1", "a")]), &places).len(), 1);
        let saved = fields(&[("q_q1", "a"), ("q_q2", "old")]);
        let merged = merge_step(&saved, &fields(&[("q_q1", "b"), ("q_q2", "sneaked")]), &steps[0]);
        assert_eq!(merged, fields(&[("q_q1", "b"), ("q_q2", "old")]));
        let ranking = merge_step(
            &fields(&[("q_r_1", "a"), ("q_r_2", "b"), ("q_rx", "x")]),
            &fields(&[("q_r_1", "c")]),
            &["r".into()],
        );
        assert_eq!(ranking, fields(&[("q_r_1", "c"), ("q_rx", "x")]));
        assert_eq!(
            answer_fields(&[("q_a".into(), "1".into()), ("lang".into(), "cy".into())]),
            fields(&[("q_a", "1")])
        );
    }

    #[test]
    fn a_survey_is_open_between_its_dates_unless_its_campaign_is_closed() {
        let day = 86_400;
        assert_eq!(availability(5, false, 10, 20, None, None), Availability::NotYetOpen { opens: 10 });
        assert_eq!(availability(15, false, 10, 20, None, None), Availability::Open { closes: 20 + day });
        assert_eq!(
            availability(20 + day, false, 10, 20, None, None),
            Availability::Closed { closed: 20 + day }
        );
        assert_eq!(
            availability(15, false, 10, 20, Some(16), Some(30)),
            Availability::NotYetOpen { opens: 16 }
        );
        assert_eq!(availability(15, true, 10, 20, None, None), Availability::Closed { closed: 15 });
    }

    #[test]
    fn keyed_hashes_are_hmac_sha256_and_cookies_are_checked() {
        // RFC 4231 test case 2.
        assert_eq!(
            keyed_hash("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let id = "ab".repeat(32);
        let cookie = device_cookie("secret", &id);
        assert_eq!(device_id("secret", &cookie), Some(id.clone()));
        assert_eq!(device_id("other", &cookie), None);
        assert_eq!(
            device_id("secret", &format!("{}.{}", "cd".repeat(32), cookie.split_once('.').unwrap().1)),
            None
        );
        assert_eq!(device_id("secret", "junk"), None);
        assert_ne!(device_key("secret", 1, &id), device_key("secret", 2, &id), "campaigns are not linked");
        assert_eq!(email_key("k", 1, " Name@Example.COM "), email_key("k", 1, "name@example.com"));
        assert!(!email_key("k", 1, "name@example.com").contains("example"));
    }

    #[test]
    fn duplicates_match_on_neighbourhood_and_answers_whatever_the_order() {
        let row = |question: &str, choice: Option<&str>, text: Option<&str>| AnswerRow {
            question: question.into(),
            choice: choice.map(Into::into),
            number: None,
            text: text.map(Into::into),
            neighbourhood_id: None,
        };
        let a = vec![row("q1", Some("a"), None), row("q2", None, Some("Too  fast"))];
        let b = vec![row("q2", None, Some("too fast")), row("q1", Some("a"), None)];
        assert_eq!(answers_hash(Some(1), &a), answers_hash(Some(1), &b));
        assert_ne!(answers_hash(Some(1), &a), answers_hash(Some(2), &a));
        assert_ne!(answers_hash(Some(1), &a), answers_hash(Some(1), &a[..1]));
    }

    #[test]
    fn a_csv_may_carry_the_equality_columns_checked_like_the_rest() {
        let s = Survey { questions: vec![q("q1", QuestionKind::MultipleChoice)] };
        let places = HashMap::new();
        let good = "q1,age_band,sex,gender_identity,ethnic_group,religion,disability,sexual_orientation,welsh_language,postcode_district
                    a,25_34,female,same,white_british,none,not_limited,prefer_not_to_say,speaks,cf24 3aa
                    b,,,,,,,,,prefer_not_to_say
                    a,,,,,,,,,
";
        let read = parse_csv(good, &s, &places).unwrap();
        let e = &read[0].equality;
        assert_eq!(
            (e.age_band.as_deref(), e.sex.as_deref(), e.ethnic_group.as_deref()),
            (Some("25_34"), Some("female"), Some("white_british"))
        );
        assert_eq!(e.sexual_orientation.as_deref(), Some(PREFER_NOT_TO_SAY));
        assert_eq!(e.postcode_district.as_deref(), Some("CF24"), "only the district is kept");
        assert_eq!(read[1].equality.postcode_district.as_deref(), Some(PREFER_NOT_TO_SAY));
        assert!(read[2].equality.is_empty(), "every column optional");
        // Without the columns at all, nothing is stored for equality.
        assert!(parse_csv(
            "q1
a
", &s, &places
        )
        .unwrap()[0]
            .equality
            .is_empty());
        // A wrong code or postcode: refused by line, with the rest of the file.
        let bad = "q1,sex,ethnic_group,postcode_district
a,female,white,CF24
z,,,not a postcode
";
        let errors = parse_csv(bad, &s, &places).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 3, 3]);
        assert_eq!(
            errors[0].problem,
            CsvProblem::Equality(EqualityProblem::UnknownChoice(EqualityQuestion::EthnicGroup))
        );
        assert_eq!(errors[1].problem, CsvProblem::Equality(EqualityProblem::Postcode));
        assert!(matches!(&errors[2].problem, CsvProblem::Answer(_)));
    }

    #[test]
    fn a_csv_is_read_whole_or_refused_with_line_numbers() {
        let mut rating = q("q2", QuestionKind::Rating);
        rating.required = true;
        let s = Survey {
            questions: vec![
                q("q1", QuestionKind::MultipleChoice),
                rating,
                q("q3", QuestionKind::Ranking),
                q("q4", QuestionKind::Place),
                q("q5", QuestionKind::FreeText),
            ],
        };
        let places = HashMap::from([("W05000001".to_string(), 7)]);
        let good =
            "\u{feff}q1,q2,q3,q4,q5,language\na;b,4,c;a,W05000001,\"Too fast, at night\",cy\n\n,2,,,,\n";
        let read = parse_csv(good, &s, &places).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].language, Lang::Cy);
        assert_eq!(read[0].answers.get("q1"), Some(&Answer::Choices(vec!["a".into(), "b".into()])));
        assert_eq!(read[0].answers.get("q3"), Some(&Answer::Ranking(vec!["c".into(), "a".into()])));
        assert_eq!(read[0].answers.neighbourhood(), Some(7));
        assert_eq!(read[1].line, 4);
        let bad = "q1,q2\na,4\nz,\na,9\n";
        let errors = parse_csv(bad, &s, &places).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [3, 3, 4]);
        assert!(
            matches!(&errors[0].problem, CsvProblem::Answer(e) if e.problem == AnswerProblem::UnknownChoice)
        );
        assert!(
            matches!(&errors[2].problem, CsvProblem::Answer(e) if e.problem == AnswerProblem::OutOfRange)
        );
        assert_eq!(
            parse_csv("q1,nope\n", &s, &places).unwrap_err()[0].problem,
            CsvProblem::UnknownColumn("nope".into())
        );
        assert_eq!(parse_csv("q2\n", &s, &places).unwrap_err()[0].problem, CsvProblem::Empty);
        assert_eq!(
            parse_csv("q2\n3,4\n", &s, &places).unwrap_err()[0],
            CsvError { line: 2, problem: CsvProblem::Cells }
        );
        assert_eq!(
            parse_csv("q2,language\n3,fr\n", &s, &places).unwrap_err()[0].problem,
            CsvProblem::Language
        );
    }
}
