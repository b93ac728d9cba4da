//! A campaign's results: the counts of its answers turned into what each question shows (choice
//! counts and percentages, a rating's distribution and mean, a ranking's first choices and
//! points, places by neighbourhood), every count through `suppression` so small numbers are
//! never shown, and the charts drawn from them.
//!
//! **Versions.** Answers are stored under the question's key and the option's key, which stay
//! the same across a survey's versions, so a question is shown once, merged by key: its words
//! (and options) come from the newest version that has it, and options that only an older
//! version had are listed too, with that version's words. Only when a key changed kind between
//! versions (a single choice that became a rating) can the answers not be added up: the older
//! version's answers are then shown as a question of their own, marked with its version number.

use crate::{
    engagement::{
        survey::{Question, QuestionKind, Survey, RATING_MAX},
        ResponseChannel,
    },
    reference::Names,
    suppression::{self, Shown},
    vocabulary::vocabulary,
};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// The equality monitoring topics results can be filtered by (the columns of
    /// `survey_equality`, without the postcode district).
    GroupTopic {
        AgeBand = "age_band",
        Sex = "sex",
        GenderIdentity = "gender_identity",
        EthnicGroup = "ethnic_group",
        Religion = "religion",
        Disability = "disability",
        SexualOrientation = "sexual_orientation",
        WelshLanguage = "welsh_language",
    }
}

/// An equality group: a topic and one category of it, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub topic: GroupTopic,
    pub category: String,
}

impl Group {
    /// Reads `topic:category` (the filter form's value).
    pub fn parse(value: &str) -> Option<Group> {
        let (topic, category) = value.split_once(':')?;
        let category = category.trim();
        (!category.is_empty() && category.len() <= 100)
            .then(|| Some(Group { topic: GroupTopic::parse(topic)?, category: category.to_string() }))?
    }

    pub fn value(&self) -> String {
        format!("{}:{}", self.topic.as_str(), self.category)
    }
}

/// Which responses are counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub neighbourhood: Option<i64>,
    pub channel: Option<ResponseChannel>,
    pub group: Option<Group>,
}

impl Filter {
    /// The filter an address asks for; anything not understood is left out. `neighbourhoods`
    /// are the ones that may be chosen.
    pub fn read(
        neighbourhood: Option<&str>,
        channel: Option<&str>,
        group: Option<&str>,
        neighbourhoods: &[i64],
    ) -> Filter {
        Filter {
            neighbourhood: neighbourhood
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| neighbourhoods.contains(n)),
            channel: channel.and_then(ResponseChannel::parse),
            group: group.and_then(Group::parse),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// Answers counted by version, question and what was answered (`db::results::answer_counts`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AnswerCount {
    pub version_id: i64,
    pub question: String,
    pub choice: Option<String>,
    pub number: Option<i64>,
    pub neighbourhood_id: Option<i64>,
    pub n: i64,
}

/// Responses that answered a multiple-choice question, by version
/// (`db::results::respondent_counts`; every other kind has one answer row per response).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Respondents {
    pub version_id: i64,
    pub question: String,
    pub n: i64,
}

/// A published version as results read it.
#[derive(Clone, Debug)]
pub struct Version {
    pub id: i64,
    pub number: i64,
    pub survey: Survey,
}

/// One line of a question's results: an option (or a rating, or a neighbourhood), its count
/// as it may be shown, and its share of the question's respondents when both are shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The option's key, the rating (`1` to `5`) or the neighbourhood's id.
    pub key: String,
    pub label: Names,
    pub count: Shown,
    pub percent: Option<f64>,
}

/// One option of a ranking: how many put it first, and its points (the first of `k` places
/// scores `k`, the next `k - 1`... the last 1), shown when enough people ranked it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankLine {
    pub key: String,
    pub label: Names,
    pub first: Shown,
    pub percent: Option<f64>,
    pub points: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Body {
    /// Single choice (cells add up to the respondents) or multiple choice (each on its own).
    Choices(Vec<Line>),
    /// Ratings 1 to 5, with the mean when no count is hidden (a mean with hidden counts beside
    /// a shown total could give them away).
    Rating { lines: Vec<Line>, mean: Option<f64>, low: Option<Names>, high: Option<Names> },
    /// First choices (adding up to the respondents) and points; `places` is how many places
    /// were ranked (the first place's points).
    Ranking { lines: Vec<RankLine>, places: i64 },
    /// Respondents by the neighbourhood they chose.
    Place(Vec<Line>),
    /// Free text is never shown here (staff code it on the coding page).
    FreeText,
}

/// One question's results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub key: String,
    /// The version number, when this block holds only an older version's answers to a key
    /// that later changed kind.
    pub version: Option<i64>,
    pub kind: QuestionKind,
    pub text: Names,
    pub respondents: Shown,
    pub body: Body,
}

/// A question as results show it: merged over the versions listed.
struct Block {
    question: Question,
    versions: Vec<i64>,
    own_version: Option<i64>,
}

/// Questions merged by key over the versions (see the module's notes), newest order first, then
/// questions only older versions had.
fn blocks(versions: &[Version]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for v in versions.iter().rev() {
        for q in &v.survey.questions {
            let same = out.iter_mut().find(|b| b.question.key == q.key && b.question.kind == q.kind);
            match same {
                Some(b) => {
                    b.versions.push(v.id);
                    for o in &q.options {
                        if !b.question.options.iter().any(|p| p.key == o.key) {
                            b.question.options.push(o.clone());
                        }
                    }
                }
                None => {
                    let changed = out.iter().any(|b| b.question.key == q.key);
                    out.push(Block {
                        question: q.clone(),
                        versions: vec![v.id],
                        own_version: changed.then_some(v.number),
                    });
                }
            }
        }
    }
    out
}

fn percent(count: Shown, total: Shown) -> Option<f64> {
    match (count, total) {
        (Shown::Count(n), Shown::Count(t)) if t > 0 => Some((n as f64) * 100.0 / t as f64),
        _ => None,
    }
}

fn lines(keys: Vec<String>, labels: Vec<Names>, shown: &[Shown], total: Shown) -> Vec<Line> {
    keys.into_iter()
        .zip(labels)
        .zip(shown)
        .map(|((key, label), &count)| Line { key, label, count, percent: percent(count, total) })
        .collect()
}

/// The counts of one view of the responses (all of them, or those a filter keeps).
#[derive(Clone, Debug, Default)]
pub struct Counted {
    pub answers: Vec<AnswerCount>,
    pub respondents: Vec<Respondents>,
    /// How many responses the view counts.
    pub responses: i64,
}

/// Every question's results from the counts, with counts under `threshold` hidden.
/// `neighbourhoods` names the neighbourhoods a place answer may give. The counts of options
/// keyed in `withheld` are hidden whatever their size (see [`withheld_concerns`]), with the
/// secondary suppression a small count gets.
pub fn results(
    versions: &[Version],
    counts: &[AnswerCount],
    respondents: &[Respondents],
    neighbourhoods: &[(i64, Names)],
    threshold: i64,
    withheld: &[String],
) -> Vec<QuestionResult> {
    let view = Counted { answers: counts.to_vec(), respondents: respondents.to_vec(), responses: 0 };
    results_within(versions, &view, &[], neighbourhoods, threshold, withheld)
}

/// A filtered view's results: as [`results`], and a count is hidden too when the same count
/// in a `wider` view (the unfiltered one) minus it is small or is hidden there, so that setting
/// one view against the other gives no small number away (`suppression::with_total_within`).
pub fn results_within(
    versions: &[Version],
    view: &Counted,
    wider: &[Counted],
    neighbourhoods: &[(i64, Names)],
    threshold: i64,
    withheld: &[String],
) -> Vec<QuestionResult> {
    blocks(versions)
        .into_iter()
        .map(|b| {
            let (counts, answered) = of_block(&b, view);
            let wider: Vec<(Vec<&AnswerCount>, i64)> = wider.iter().map(|w| of_block(&b, w)).collect();
            question_result(b, &counts, answered, &wider, neighbourhoods, threshold, withheld)
        })
        .collect()
}

/// The poll's concerns whose counts are withheld from a reader: for partners (published
/// results), the sensitive report categories (hate, domestic abuse, sexual violence), which are
/// never shown outside the partnership's staff, as in Open311; nothing for staff. Residents may
/// still choose them, and staff see their counts, suppressed as any other.
pub fn withheld_concerns(poll: bool, partner: bool, categories: &[(String, bool)]) -> Vec<String> {
    match poll && partner {
        true => categories.iter().filter(|(_, sensitive)| *sensitive).map(|(code, _)| code.clone()).collect(),
        false => Vec::new(),
    }
}

/// A view's counts of a block's question, and how many answered it.
fn of_block<'a>(b: &Block, c: &'a Counted) -> (Vec<&'a AnswerCount>, i64) {
    let counts: Vec<&AnswerCount> = c
        .answers
        .iter()
        .filter(|a| a.question == b.question.key && b.versions.contains(&a.version_id))
        .collect();
    let answered: i64 = c
        .respondents
        .iter()
        .filter(|r| r.question == b.question.key && b.versions.contains(&r.version_id))
        .map(|r| r.n)
        .sum();
    (counts, answered)
}

/// The sum of the counts `f` keeps.
fn sum_of(counts: &[&AnswerCount], f: &dyn Fn(&AnswerCount) -> bool) -> i64 {
    counts.iter().filter(|c| f(c)).map(|c| c.n).sum()
}

fn question_result(
    b: Block,
    counts: &[&AnswerCount],
    answered: i64,
    wider: &[(Vec<&AnswerCount>, i64)],
    neighbourhoods: &[(i64, Names)],
    threshold: i64,
    withheld: &[String],
) -> QuestionResult {
    let q = &b.question;
    let held: Vec<bool> = q.options.iter().map(|o| withheld.contains(&o.key)).collect();
    let sum = |f: &dyn Fn(&AnswerCount) -> bool| sum_of(counts, f);
    // The same cells counted in this view and in each wider one.
    let cells_in = |cells: &dyn Fn(&[&AnswerCount]) -> Vec<i64>| {
        (cells(counts), wider.iter().map(|(w, _)| cells(w)).collect::<Vec<_>>())
    };
    let option_labels = || q.options.iter().map(|o| o.label.clone()).collect::<Vec<_>>();
    let option_keys = || q.options.iter().map(|o| o.key.clone()).collect::<Vec<_>>();
    let (respondents, body) = match q.kind {
        QuestionKind::SingleChoice => {
            let (cells, wider_cells) = cells_in(&|cs| {
                q.options
                    .iter()
                    .map(|o| sum_of(cs, &|c| c.choice.as_deref() == Some(&o.key) && c.number.is_none()))
                    .collect()
            });
            let safe = suppression::with_total_within_withheld(&cells, &wider_cells, &held, threshold);
            (safe.total, Body::Choices(lines(option_keys(), option_labels(), &safe.cells, safe.total)))
        }
        QuestionKind::MultipleChoice => {
            let wider_answered: Vec<i64> = wider.iter().map(|(_, a)| *a).collect();
            let total = suppression::one_within(answered, &wider_answered, threshold);
            let (cells, wider_cells) = cells_in(&|cs| {
                q.options.iter().map(|o| sum_of(cs, &|c| c.choice.as_deref() == Some(&o.key))).collect()
            });
            let shown: Vec<Shown> = cells
                .iter()
                .zip(&held)
                .enumerate()
                .map(|(i, (&n, &held))| {
                    let wider: Vec<i64> = wider_cells.iter().map(|w| w[i]).collect();
                    match held {
                        true => Shown::Hidden { threshold },
                        false => suppression::one_within(n, &wider, threshold),
                    }
                })
                .collect();
            (total, Body::Choices(lines(option_keys(), option_labels(), &shown, total)))
        }
        QuestionKind::Rating => {
            let (cells, wider_cells) = cells_in(&|cs| {
                (1..=i64::from(RATING_MAX))
                    .map(|r| sum_of(cs, &|c| c.number == Some(r) && c.choice.is_none()))
                    .collect()
            });
            let safe = suppression::with_total_within(&cells, &wider_cells, threshold);
            let all_shown = !safe.total.is_hidden() && safe.cells.iter().all(|c| !c.is_hidden());
            let total: i64 = cells.iter().sum();
            let mean = (all_shown && total > 0).then(|| {
                cells.iter().enumerate().map(|(i, n)| (i as f64 + 1.0) * *n as f64).sum::<f64>()
                    / total as f64
            });
            let labels = (1..=RATING_MAX).map(|r| Names::new(r.to_string(), r.to_string())).collect();
            let keys = (1..=RATING_MAX).map(|r| r.to_string()).collect();
            let (low, high) = match &q.rating_labels {
                Some(l) => (Some(l.low.clone()), Some(l.high.clone())),
                None => (None, None),
            };
            (
                safe.total,
                Body::Rating { lines: lines(keys, labels, &safe.cells, safe.total), mean, low, high },
            )
        }
        QuestionKind::Ranking => {
            let places = q.max_choices.map(i64::from).unwrap_or(q.options.len() as i64).max(1);
            let (firsts, wider_firsts) = cells_in(&|cs| {
                q.options
                    .iter()
                    .map(|o| sum_of(cs, &|c| c.choice.as_deref() == Some(&o.key) && c.number == Some(1)))
                    .collect()
            });
            let safe = suppression::with_total_within_withheld(&firsts, &wider_firsts, &held, threshold);
            let ranked_by = |cs: &[&AnswerCount], key: &str| {
                sum_of(cs, &|c| c.choice.as_deref() == Some(key) && c.number.is_some())
            };
            let lines = q
                .options
                .iter()
                .zip(&safe.cells)
                .zip(&held)
                .map(|((o, &first), &held)| {
                    let mine: Vec<&&AnswerCount> = counts
                        .iter()
                        .filter(|c| c.choice.as_deref() == Some(&o.key) && c.number.is_some())
                        .collect();
                    let ranked = ranked_by(counts, &o.key);
                    let wider_ranked: Vec<i64> = wider.iter().map(|(w, _)| ranked_by(w, &o.key)).collect();
                    let points: i64 =
                        mine.iter().map(|c| c.n * (places - c.number.unwrap_or(places) + 1).max(0)).sum();
                    // Points show when enough people ranked the option, here and (by difference)
                    // outside this view.
                    let enough = !suppression::one_within(ranked, &wider_ranked, threshold).is_hidden();
                    RankLine {
                        key: o.key.clone(),
                        label: o.label.clone(),
                        first,
                        percent: percent(first, safe.total),
                        points: (enough && !held).then_some(points),
                    }
                })
                .collect();
            (safe.total, Body::Ranking { lines, places })
        }
        QuestionKind::Place => {
            let mut ids: Vec<i64> = neighbourhoods.iter().map(|(id, _)| *id).collect();
            // A neighbourhood no longer listed is still counted.
            // (The wider view's first, so that its lines come in the order its own page has.)
            for c in wider.iter().flat_map(|(w, _)| w.iter()).chain(counts.iter()) {
                if let Some(n) = c.neighbourhood_id.filter(|n| !ids.contains(n)) {
                    ids.push(n);
                }
            }
            let (cells, wider_cells) = cells_in(&|cs| {
                ids.iter().map(|id| sum_of(cs, &|c| c.neighbourhood_id == Some(*id))).collect()
            });
            let safe = suppression::with_total_within(&cells, &wider_cells, threshold);
            let labels = ids
                .iter()
                .map(|id| {
                    neighbourhoods
                        .iter()
                        .find(|(n, _)| n == id)
                        .map(|(_, name)| name.clone())
                        .unwrap_or_else(|| Names::new(format!("#{id}"), format!("#{id}")))
                })
                .collect();
            let keys = ids.iter().map(|id| id.to_string()).collect();
            (safe.total, Body::Place(lines(keys, labels, &safe.cells, safe.total)))
        }
        QuestionKind::FreeText => {
            let wider_answers: Vec<i64> = wider.iter().map(|(w, _)| sum_of(w, &|_| true)).collect();
            (suppression::one_within(sum(&|_| true), &wider_answers, threshold), Body::FreeText)
        }
    };
    QuestionResult {
        key: q.key.clone(),
        version: b.own_version,
        kind: q.kind,
        text: q.text.clone(),
        respondents,
        body,
    }
}

/// The keys of the multiple-choice questions (whose respondents are counted apart).
pub fn multiple_choice_keys(versions: &[Version]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in versions {
        for q in &v.survey.questions {
            if q.kind == QuestionKind::MultipleChoice && !out.contains(&q.key) {
                out.push(q.key.clone());
            }
        }
    }
    out
}

/// The free-text questions of the versions (merged by key), for the coding page.
pub fn free_text_questions(versions: &[Version]) -> Vec<(String, Names)> {
    blocks(versions)
        .into_iter()
        .filter(|b| b.question.kind == QuestionKind::FreeText)
        .map(|b| (b.question.key, b.question.text))
        .fold(Vec::new(), |mut out: Vec<(String, Names)>, (k, t)| {
            if !out.iter().any(|(o, _)| *o == k) {
                out.push((k, t));
            }
            out
        })
}

/// One bar of a chart: its label, its count (`None`: hidden) and the words said for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<i64>,
    /// What a screen reader and a hover say: "Yes: 45 (30%)", "No: fewer than 10".
    pub says: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A horizontal bar chart (long option labels fit above their bars), drawn on the server: SVG
/// with `role="img"`, a title and a description for screen readers, always shown next to a
/// table of the same numbers. A hidden count is drawn as an outlined stub marked `hidden`.
pub fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar], hidden: &str) -> String {
    let (width, row, label_height, bar_height, right) = (640.0_f64, 40.0_f64, 16.0_f64, 16.0_f64, 110.0_f64);
    let height = (bars.len().max(1) as f64) * row + 8.0;
    let max = bars.iter().filter_map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let plot = width - right;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" class=\"chart chart-bars\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (i, bar) in bars.iter().enumerate() {
        let top = i as f64 * row + 4.0;
        let label: String = bar.label.chars().take(80).collect();
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" class=\"axis\">{}</text>",
            top + label_height - 4.0,
            escape(&label)
        ));
        let y = top + label_height;
        match bar.value {
            Some(n) => {
                let w = (n as f64 / max) * plot;
                svg.push_str(&format!(
                    "<rect x=\"0\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar_height}\" class=\"bar\"><title>{}</title></rect>\
                     <text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\">{n}</text>",
                    escape(&bar.says),
                    w + 4.0,
                    y + bar_height - 3.0
                ));
            }
            None => {
                svg.push_str(&format!(
                    "<rect x=\"0\" y=\"{y:.1}\" width=\"6\" height=\"{bar_height}\" class=\"bar bar-hidden\"><title>{}</title></rect>\
                     <text x=\"10\" y=\"{:.1}\" class=\"axis\">{}</text>",
                    escape(&bar.says),
                    y + bar_height - 3.0,
                    escape(hidden)
                ));
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engagement::survey::{Choice, RatingLabels};

    const H: Shown = Shown::Hidden { threshold: 10 };

    fn names(s: &str) -> Names {
        Names::new(s, format!("{s} cy"))
    }

    fn q(key: &str, kind: QuestionKind, options: &[&str]) -> Question {
        Question {
            key: key.into(),
            kind,
            text: names(key),
            help: Names::new("", ""),
            options: options.iter().map(|o| Choice { key: (*o).into(), label: names(o) }).collect(),
            required: false,
            max_choices: None,
            rating_labels: None,
            show_if: None,
        }
    }

    fn count(
        version_id: i64,
        question: &str,
        choice: Option<&str>,
        number: Option<i64>,
        n: i64,
    ) -> AnswerCount {
        AnswerCount {
            version_id,
            question: question.into(),
            choice: choice.map(Into::into),
            number,
            neighbourhood_id: None,
            n,
        }
    }

    fn resp(version_id: i64, question: &str, n: i64) -> Respondents {
        Respondents { version_id, question: question.into(), n }
    }

    #[test]
    fn a_single_choice_hides_small_counts_and_one_more() {
        let v = vec![Version {
            id: 1,
            number: 1,
            survey: Survey { questions: vec![q("q1", QuestionKind::SingleChoice, &["a", "b", "c"])] },
        }];
        let counts = [
            count(1, "q1", Some("a"), None, 30),
            count(1, "q1", Some("b"), None, 3),
            count(1, "q1", Some("c"), None, 17),
        ];
        let r = results(&v, &counts, &[resp(1, "q1", 50)], &[], 10, &[]);
        assert_eq!(r[0].respondents, Shown::Count(50));
        let Body::Choices(lines) = &r[0].body else { panic!() };
        // 3 is hidden, and 17 with it: the total does not give the 3 away.
        assert_eq!(lines.iter().map(|l| l.count).collect::<Vec<_>>(), vec![Shown::Count(30), H, H]);
        assert_eq!(lines[0].percent, Some(60.0));
        assert_eq!(lines[1].percent, None);
    }

    #[test]
    fn a_filtered_view_gives_no_small_number_away_by_difference() {
        let v = vec![Version {
            id: 1,
            number: 1,
            survey: Survey {
                questions: vec![
                    q("q1", QuestionKind::SingleChoice, &["a", "b", "c"]),
                    q("m", QuestionKind::MultipleChoice, &["x"]),
                ],
            },
        }];
        let view = |a: i64, b: i64, c: i64, x: i64| Counted {
            answers: vec![
                count(1, "q1", Some("a"), None, a),
                count(1, "q1", Some("b"), None, b),
                count(1, "q1", Some("c"), None, c),
                count(1, "m", Some("x"), None, x),
            ],
            respondents: vec![resp(1, "m", x)],
            responses: a + b + c,
        };
        let whole = view(30, 20, 15, 40);
        // Alone, the neighbourhood's 27 and 36 would be shown; beside the whole's 30 and 40
        // they would say 3 and 4 elsewhere.
        let alone =
            results(&v, &view(27, 20, 15, 36).answers, &view(27, 20, 15, 36).respondents, &[], 10, &[]);
        let Body::Choices(lines) = &alone[0].body else { panic!() };
        assert_eq!(lines[0].count, Shown::Count(27));
        let r = results_within(&v, &view(27, 20, 15, 36), std::slice::from_ref(&whole), &[], 10, &[]);
        let Body::Choices(lines) = &r[0].body else { panic!() };
        assert_eq!(lines[0].key, "a");
        assert_eq!(
            lines.iter().map(|l| l.count).collect::<Vec<_>>(),
            vec![H, Shown::Count(20), Shown::Count(15)]
        );
        assert_eq!(r[0].respondents, H, "62 of 65");
        let Body::Choices(lines) = &r[1].body else { panic!() };
        assert_eq!((lines[0].count, r[1].respondents), (H, H));
        // Far enough apart, both show.
        let r = results_within(&v, &view(20, 20, 15, 25), &[whole], &[], 10, &[]);
        let Body::Choices(lines) = &r[0].body else { panic!() };
        assert_eq!(lines[0].count, Shown::Count(20));
        assert_eq!(r[1].respondents, Shown::Count(25));
    }

    #[test]
    fn multiple_choice_ratings_and_rankings() {
        let mut rating = q("r", QuestionKind::Rating, &[]);
        rating.rating_labels = Some(RatingLabels { low: names("bad"), high: names("good") });
        let mut rank = q("k", QuestionKind::Ranking, &["x", "y", "z"]);
        rank.max_choices = Some(3);
        let v = vec![Version {
            id: 7,
            number: 1,
            survey: Survey {
                questions: vec![q("m", QuestionKind::MultipleChoice, &["a", "b"]), rating, rank],
            },
        }];
        let mut counts = vec![count(7, "m", Some("a"), None, 40), count(7, "m", Some("b"), None, 4)];
        counts.extend((1..=5).map(|r| count(7, "r", None, Some(r), 10 * r)));
        // 30 people ranked: x first 20 times, y first 10 times; z second 25 times, third 5.
        counts.extend([
            count(7, "k", Some("x"), Some(1), 20),
            count(7, "k", Some("y"), Some(1), 10),
            count(7, "k", Some("z"), Some(2), 25),
            count(7, "k", Some("z"), Some(3), 5),
            count(7, "k", Some("y"), Some(2), 5),
        ]);
        let r = results(&v, &counts, &[resp(7, "m", 42), resp(7, "r", 150), resp(7, "k", 30)], &[], 10, &[]);
        let Body::Choices(m) = &r[0].body else { panic!() };
        assert_eq!((m[0].count, m[1].count), (Shown::Count(40), H));
        assert!((m[0].percent.unwrap() - 95.238).abs() < 0.01);
        let Body::Rating { lines, mean, low, .. } = &r[1].body else { panic!() };
        assert_eq!(lines.len(), 5);
        // (10 + 40 + 90 + 160 + 250) / 150
        assert!((mean.unwrap() - 550.0 / 150.0).abs() < 1e-9);
        assert_eq!(low.as_ref().unwrap().en, "bad");
        let Body::Ranking { lines, places } = &r[2].body else { panic!() };
        assert_eq!(*places, 3);
        assert_eq!(lines[0].first, Shown::Count(20));
        assert_eq!(lines[0].points, Some(60));
        // y: 10 first (30 points) and 5 second (10 points).
        assert_eq!(lines[1].points, Some(40));
        // z first of nobody: 0 is hidden, and the 10 with it (secondary), but its points show.
        assert_eq!(lines[2].first, H);
        assert_eq!(lines[1].first, H);
        assert_eq!(lines[2].points, Some(55));
    }

    #[test]
    fn sensitive_concerns_are_withheld_from_partners_with_one_more() {
        // The poll's ranking: "hate" was first for 40 people, big enough to show to staff.
        let mut rank = q("priorities", QuestionKind::Ranking, &["drugs", "hate", "litter", "noise"]);
        rank.max_choices = Some(3);
        let v = vec![Version { id: 3, number: 1, survey: Survey { questions: vec![rank] } }];
        let counts = vec![
            count(3, "priorities", Some("drugs"), Some(1), 50),
            count(3, "priorities", Some("hate"), Some(1), 40),
            count(3, "priorities", Some("litter"), Some(1), 30),
            count(3, "priorities", Some("noise"), Some(1), 20),
        ];
        let categories =
            [("drugs".to_string(), false), ("hate".to_string(), true), ("litter".to_string(), false)];
        assert!(withheld_concerns(true, false, &categories).is_empty(), "staff see every count");
        assert!(withheld_concerns(false, true, &categories).is_empty(), "only the poll's concerns");
        let withheld = withheld_concerns(true, true, &categories);
        assert_eq!(withheld, ["hate"]);
        let staff = results(&v, &counts, &[resp(3, "priorities", 140)], &[], 10, &[]);
        let Body::Ranking { lines, .. } = &staff[0].body else { panic!() };
        assert_eq!(lines[1].first, Shown::Count(40));
        let partner = results(&v, &counts, &[resp(3, "priorities", 140)], &[], 10, &withheld);
        let Body::Ranking { lines, .. } = &partner[0].body else { panic!() };
        // Hidden, its points too, and the smallest other (noise) so it cannot be worked out
        // from the total shown.
        assert_eq!((lines[1].first, lines[1].points, lines[1].percent), (H, None, None));
        assert_eq!(lines[3].first, H);
        assert_eq!((lines[0].first, lines[2].first), (Shown::Count(50), Shown::Count(30)));
        assert_eq!(partner[0].respondents, Shown::Count(140));
        let multi = q("m", QuestionKind::MultipleChoice, &["hate", "drugs"]);
        let v = vec![Version { id: 4, number: 1, survey: Survey { questions: vec![multi] } }];
        let counts = vec![count(4, "m", Some("hate"), None, 40), count(4, "m", Some("drugs"), None, 40)];
        let r = results(&v, &counts, &[resp(4, "m", 60)], &[], 10, &withheld);
        let Body::Choices(m) = &r[0].body else { panic!() };
        assert_eq!((m[0].count, m[1].count), (H, Shown::Count(40)));
    }

    #[test]
    fn a_mean_is_not_shown_beside_hidden_ratings() {
        let v = vec![Version {
            id: 1,
            number: 1,
            survey: Survey { questions: vec![q("r", QuestionKind::Rating, &[])] },
        }];
        let counts: Vec<AnswerCount> = [(1, 2), (2, 30), (3, 30), (4, 30), (5, 3)]
            .into_iter()
            .map(|(r, n)| count(1, "r", None, Some(r), n))
            .collect();
        let r = results(&v, &counts, &[resp(1, "r", 95)], &[], 10, &[]);
        let Body::Rating { mean, lines, .. } = &r[0].body else { panic!() };
        assert_eq!(*mean, None);
        assert_eq!(lines[0].count, H);
    }

    #[test]
    fn versions_merge_by_key_unless_the_kind_changed() {
        let v1 = Survey {
            questions: vec![
                q("q1", QuestionKind::SingleChoice, &["a", "old"]),
                q("q2", QuestionKind::SingleChoice, &["a", "b"]),
                q("gone", QuestionKind::FreeText, &[]),
            ],
        };
        let mut q1 = q("q1", QuestionKind::SingleChoice, &["a", "b"]);
        q1.text = names("newer words");
        let v2 = Survey { questions: vec![q1, q("q2", QuestionKind::Rating, &[])] };
        let versions =
            vec![Version { id: 10, number: 1, survey: v1 }, Version { id: 11, number: 2, survey: v2 }];
        let counts = [
            count(10, "q1", Some("a"), None, 20),
            count(11, "q1", Some("a"), None, 15),
            count(10, "q1", Some("old"), None, 12),
            count(11, "q1", Some("b"), None, 11),
            count(10, "q2", Some("a"), None, 25),
            count(10, "q2", Some("b"), None, 10),
        ];
        let r = results(&versions, &counts, &[resp(10, "q1", 32), resp(11, "q1", 26)], &[], 10, &[]);
        let keys: Vec<(&str, Option<i64>)> = r.iter().map(|q| (q.key.as_str(), q.version)).collect();
        assert_eq!(keys, vec![("q1", None), ("q2", None), ("q2", Some(1)), ("gone", None)]);
        assert_eq!(r[0].text.en, "newer words");
        let Body::Choices(lines) = &r[0].body else { panic!() };
        assert_eq!(lines.iter().map(|l| l.label.en.as_str()).collect::<Vec<_>>(), vec!["a", "b", "old"]);
        assert_eq!(lines[0].count, Shown::Count(35));
        assert_eq!(r[0].respondents, Shown::Count(58));
        // The rating has no answers; the older single choice keeps its own.
        assert_eq!(r[1].kind, QuestionKind::Rating);
        let Body::Choices(old) = &r[2].body else { panic!() };
        assert_eq!(old[0].count, Shown::Count(25));
        assert_eq!(free_text_questions(&versions), vec![("gone".to_string(), names("gone"))]);
    }

    #[test]
    fn places_count_by_neighbourhood() {
        let v = vec![Version {
            id: 1,
            number: 1,
            survey: Survey { questions: vec![q("p", QuestionKind::Place, &[])] },
        }];
        let place =
            |n: i64, c: i64| AnswerCount { neighbourhood_id: Some(n), ..count(1, "p", None, None, c) };
        let r = results(
            &v,
            &[place(5, 40), place(6, 12)],
            &[resp(1, "p", 52)],
            &[(5, names("Splott")), (6, names("Adamsdown"))],
            10,
            &[],
        );
        let Body::Place(lines) = &r[0].body else { panic!() };
        assert_eq!(lines[1].label.en, "Adamsdown");
        assert_eq!(lines[1].count, Shown::Count(12));
    }

    #[test]
    fn filters_read_only_what_they_know() {
        let f = Filter::read(Some("5"), Some("paper"), Some("age_band:25-34"), &[5, 6]);
        assert_eq!(f.neighbourhood, Some(5));
        assert_eq!(f.channel, Some(ResponseChannel::Paper));
        assert_eq!(f.group.as_ref().unwrap().value(), "age_band:25-34");
        let f = Filter::read(Some("9"), Some("fax"), Some("postcode_district:CF10"), &[5, 6]);
        assert!(f.is_empty());
        assert_eq!(Group::parse("sex:"), None);
    }

    #[test]
    fn charts_say_what_is_hidden() {
        let bars = vec![
            Bar { label: "<Yes>".into(), value: Some(40), says: "Yes: 40".into() },
            Bar { label: "No".into(), value: None, says: "No: fewer than 10".into() },
        ];
        let svg = bar_chart("q1", "Feeling safe", "40 said yes", &bars, "fewer than 10");
        assert!(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"q1-title q1-desc\""));
        assert!(svg.contains("&lt;Yes&gt;") && !svg.contains("<Yes>"));
        assert!(svg.contains("bar-hidden") && svg.contains("No: fewer than 10"));
        assert!(svg.contains("width=\"530.0\""), "the largest bar fills the plot: {svg}");
    }
}
