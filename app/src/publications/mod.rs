//! "You said, we did" publications (issue 14, part 2): for one neighbourhood, or the whole
//! partnership, over a period, what residents said (survey results, priorities they set, their
//! reports counted by kind) beside what was done (closed problem profiles with the hub's
//! computed outcome, priorities reviewed with the community's verdict), in English and Welsh.
//!
//! The hub drafts one from the data ([`draft`]); the engagement lead edits it, previews it and
//! publishes it. Publishing is refused until every Welsh (and English) field is filled and while
//! any text names a resident linked to the profiles it draws on ([`publish_problems`]). A
//! published version never changes: a correction is a new version with a note, and the public
//! page says it was corrected.
//!
//! The rules here are plain functions over plain types; `pages` holds the staff and public
//! pages, `actions` the staff forms' handlers, `sources` what a publication draws on.

pub mod actions;
pub mod pages;
pub mod sources;

use crate::{
    engagement::progress::{self, ActionProgress, PublicStage, ReviewProgress, TimelineEntry},
    i18n::Lang,
    problems::Stage,
    reference::Names,
    reporting::Family,
    suppression::Shown,
    t,
    time::Timestamp,
    triage::ReporterDetails,
    vocabulary::vocabulary,
};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// Which side of the page an item is on.
    ItemKind { Said = "said", Did = "did" }
}
vocabulary! {
    /// What an item was drafted from (kept so the identity check knows whose reports it draws on);
    /// a quote's source is the survey response whose words it quotes (with their consent).
    SourceKind {
        Profile = "profile",
        Campaign = "campaign",
        Priority = "priority",
        Quote = "quote",
        Nothing = "none",
    }
}

/// Longest title, per language.
pub const MAX_TITLE: usize = 200;
/// Longest introduction, correction note or item, per language.
pub const MAX_TEXT: usize = 4000;
/// Items a version may hold.
pub const MAX_ITEMS: usize = 60;
/// Longest period a publication may cover (days).
pub const MAX_PERIOD_DAYS: i64 = 731;
/// Page views counted as recent on the reach panel (days).
pub const RECENT_DAYS: i64 = 30;
/// Survey questions drafted per campaign, at most.
pub const QUESTIONS_PER_CAMPAIGN: usize = 3;

const DAY: i64 = 86_400;

/// One item of a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    pub text: Names,
    pub source: SourceKind,
    pub source_id: Option<i64>,
}

impl Item {
    fn new(kind: ItemKind, en: String, cy: String, source: SourceKind, source_id: Option<i64>) -> Item {
        Item { kind, text: Names::new(en, cy), source, source_id }
    }

    /// The source as a form carries it: `profile:12`, or `none`.
    pub fn source_value(&self) -> String {
        match self.source_id {
            Some(id) if self.source != SourceKind::Nothing => format!("{}:{id}", self.source.as_str()),
            _ => SourceKind::Nothing.as_str().to_string(),
        }
    }
}

/// A quote's item, in both languages: a respondent's words as they wrote them (in the language
/// they answered in), said to be a respondent's and never whose. It is checked for identity
/// with every other text before publishing (`publish_problems`).
pub fn quote_item(words: &str, response_id: i64) -> Item {
    let words = words.trim().to_string();
    let (en, cy) = both(|lang| t!(lang, "publication-quote", words = words.clone()));
    Item::new(ItemKind::Said, en, cy, SourceKind::Quote, Some(response_id))
}

/// Reads a form's source value back (`profile:12`, `none`); `None` when it is neither.
pub fn parse_source(value: &str) -> Option<(SourceKind, Option<i64>)> {
    let value = value.trim();
    if value.is_empty() || value == SourceKind::Nothing.as_str() {
        return Some((SourceKind::Nothing, None));
    }
    let (kind, id) = value.split_once(':')?;
    let kind = SourceKind::parse(kind).filter(|k| *k != SourceKind::Nothing)?;
    Some((kind, Some(id.parse::<i64>().ok().filter(|i| *i > 0)?)))
}

/// A version's words: title, introduction and, for a correction, its note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub title_en: String,
    pub title_cy: String,
    pub intro_en: String,
    pub intro_cy: String,
    pub correction_en: String,
    pub correction_cy: String,
}

/// A "we did" item's live progress, computed when the page is read (the published words never
/// change): the stage of the profile or priority it draws on and its short timeline, made only
/// of stages, dates and kinds of event (no action's words, owner or note).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemProgress {
    pub stage: PublicStage,
    pub timeline: Vec<TimelineEntry>,
}

/// A problem profile's progress: done once closed, under way once an action started.
pub fn profile_progress(
    stage: Stage,
    actions: &[ActionProgress],
    closed_at: Option<Timestamp>,
) -> ItemProgress {
    let statuses: Vec<_> = actions.iter().map(|a| a.status).collect();
    ItemProgress {
        stage: progress::profile_stage(stage, &statuses),
        timeline: progress::profile_timeline(actions, closed_at.filter(|_| stage == Stage::Closed)),
    }
}

/// A priority's progress, as the neighbourhood page shows it: `reviews` newest first.
pub fn priority_progress(
    set_on: Timestamp,
    actions: &[ActionProgress],
    reviews: &[ReviewProgress],
) -> ItemProgress {
    let statuses: Vec<_> = actions.iter().map(|a| a.status).collect();
    ItemProgress {
        stage: progress::priority_stage(&statuses, reviews.first().map(|r| r.verdict)),
        timeline: progress::priority_timeline(set_on, actions, reviews),
    }
}

// ---------------------------------------------------------------------------------------------
// Drafting.

/// A closed survey campaign's results, as the public may see them (counts already suppressed).
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyFacts {
    pub campaign_id: i64,
    pub title: Names,
    pub responses: Shown,
    /// Questions and their most chosen answer: (question, answer, count, percent).
    pub top: Vec<(Names, Names, Shown, Option<f64>)>,
}

/// A neighbourhood priority set in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrioritySet {
    pub priority_id: i64,
    pub title: Names,
    pub neighbourhood: Names,
}

/// A priority reviewed in the period, with the community's latest verdict in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityReviewed {
    pub priority_id: i64,
    pub title: Names,
    pub neighbourhood: Names,
    pub verdict: crate::engagement::priorities::Verdict,
    pub reviewed_on: Timestamp,
}

/// A closed problem profile touching the area: the facts its "you said, we did" item is
/// drafted from (`problems::you_said_we_did_of`, with the hub's computed outcome).
#[derive(Clone, Debug, PartialEq)]
pub struct ClosedProfile {
    pub profile_id: i64,
    pub categories: Vec<Names>,
    pub areas: Vec<Names>,
    pub reports: i64,
    /// The actions done: (title, organisation), as staff typed them, in one language.
    pub done: Vec<(String, Option<String>)>,
    pub change: Option<crate::problems::assessment::RateChange>,
}

/// A closed profile's "we did" item: in English with the actions done by their titles; in
/// Welsh wholly Welsh, the actions counted (their titles and organisations are typed by staff
/// in one language, so none of them is put in the Welsh).
pub fn profile_text(p: &ClosedProfile) -> Names {
    use crate::problems::{you_said_we_did_of, WeDid};
    let change = p.change.as_ref();
    Names::new(
        you_said_we_did_of(Lang::En, &p.categories, &p.areas, p.reports, WeDid::Titled(&p.done), change),
        you_said_we_did_of(
            Lang::Cy,
            &p.categories,
            &p.areas,
            p.reports,
            WeDid::Counted(p.done.len()),
            change,
        ),
    )
}

/// Reports of the period by row (a family, or every other concern with every sensitive one),
/// suppressed, and their total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFacts {
    pub rows: Vec<(crate::neighbourhoods::CountRow, Shown)>,
    pub total: Shown,
}

/// Everything a draft is made from.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftInput {
    pub area: Names,
    pub from: Timestamp,
    pub to: Timestamp,
    pub surveys: Vec<SurveyFacts>,
    pub priorities_set: Vec<PrioritySet>,
    pub reports: ReportFacts,
    pub profiles: Vec<ClosedProfile>,
    pub reviewed: Vec<PriorityReviewed>,
}

fn both(f: impl Fn(Lang) -> String) -> (String, String) {
    (f(Lang::En), f(Lang::Cy))
}

/// A count as the public reads it: the number, or "fewer than 10".
pub fn count_words(lang: Lang, shown: Shown) -> String {
    crate::engagement::reach_page::shown_words(lang, shown)
}

fn percent_words(percent: Option<f64>) -> String {
    percent.map(|p| format!(" ({p:.0}%)")).unwrap_or_default()
}

/// A row of the reports' counts by name.
pub fn row_name(lang: Lang, row: crate::neighbourhoods::CountRow) -> String {
    use crate::neighbourhoods::CountRow;
    match row {
        CountRow::OtherAndSensitive => t!(lang, "publication-row-other"),
        CountRow::Family(family) => match family {
            Family::Asb => t!(lang, "nbhd-row-asb"),
            Family::Drugs => t!(lang, "nbhd-row-drugs"),
            Family::Hate => t!(lang, "nbhd-row-hate"),
            Family::Abuse => t!(lang, "nbhd-row-abuse"),
            Family::Environmental => t!(lang, "nbhd-row-environmental"),
            Family::Vehicle => t!(lang, "nbhd-row-vehicle"),
            Family::Tension => t!(lang, "nbhd-row-tension"),
            Family::Other => t!(lang, "publication-row-other"),
        },
    }
}

fn verdict_words(lang: Lang, v: crate::engagement::priorities::Verdict) -> String {
    use crate::engagement::priorities::Verdict;
    match v {
        Verdict::Resolved => t!(lang, "priority-verdict-resolved"),
        Verdict::Improving => t!(lang, "priority-verdict-improving"),
        Verdict::NotResolved => t!(lang, "priority-verdict-not-resolved"),
    }
}

/// The draft's title and introduction.
pub fn draft_words(input: &DraftInput) -> Words {
    let (from, to) = (input.from, input.to);
    let (title_en, title_cy) =
        both(|lang| t!(lang, "publication-draft-title", area = input.area.get(lang).to_string()));
    let (intro_en, intro_cy) = both(|lang| {
        t!(
            lang,
            "publication-draft-intro",
            area = input.area.get(lang).to_string(),
            from = crate::time::date(lang, from),
            to = crate::time::date(lang, to)
        )
    });
    Words { title_en, title_cy, intro_en, intro_cy, ..Words::default() }
}

/// The items the hub drafts: "you said" (each survey's top answers, the priorities set, the
/// reports by kind with sensitive ones only in the total, and kinds whose count is hidden left
/// to the total) then "we did" (each closed profile's
/// text, each reviewed priority's latest verdict). Every count is one already suppressed.
pub fn draft(input: &DraftInput) -> Vec<Item> {
    let mut items = Vec::new();
    for s in &input.surveys {
        let (en, cy) = both(|lang| {
            let mut text = t!(
                lang,
                "publication-said-survey",
                title = s.title.get(lang).to_string(),
                responses = count_words(lang, s.responses)
            );
            for (question, answer, count, percent) in s.top.iter().take(QUESTIONS_PER_CAMPAIGN) {
                text.push('\n');
                text.push_str(&t!(
                    lang,
                    "publication-said-answer",
                    question = question.get(lang).to_string(),
                    answer = answer.get(lang).to_string(),
                    count = format!("{}{}", count_words(lang, *count), percent_words(*percent))
                ));
            }
            text
        });
        items.push(Item::new(ItemKind::Said, en, cy, SourceKind::Campaign, Some(s.campaign_id)));
    }
    for p in &input.priorities_set {
        let (en, cy) = both(|lang| {
            t!(
                lang,
                "publication-said-priority",
                title = p.title.get(lang).to_string(),
                neighbourhood = p.neighbourhood.get(lang).to_string()
            )
        });
        items.push(Item::new(ItemKind::Said, en, cy, SourceKind::Priority, Some(p.priority_id)));
    }
    if input.reports.total.count() != Some(0) {
        let (en, cy) = both(|lang| {
            let rows: Vec<String> = input
                .reports
                .rows
                .iter()
                .filter(|(row, _)| *row != crate::neighbourhoods::CountRow::OtherAndSensitive)
                .filter(|(_, shown)| shown.count().is_some_and(|n| n > 0))
                .map(|(row, shown)| format!("{}: {}", row_name(lang, *row), count_words(lang, *shown)))
                .collect();
            let mut text =
                t!(lang, "publication-said-reports", total = count_words(lang, input.reports.total));
            for r in rows {
                text.push_str("\n- ");
                text.push_str(&r);
            }
            text.push('\n');
            text.push_str(&t!(lang, "publication-said-reports-sensitive"));
            text
        });
        items.push(Item::new(ItemKind::Said, en, cy, SourceKind::Nothing, None));
    }
    for p in &input.profiles {
        let text = profile_text(p);
        items.push(Item::new(ItemKind::Did, text.en, text.cy, SourceKind::Profile, Some(p.profile_id)));
    }
    // The latest review of each priority in the period.
    let mut reviewed: Vec<&PriorityReviewed> = Vec::new();
    for r in &input.reviewed {
        match reviewed.iter_mut().find(|x| x.priority_id == r.priority_id) {
            Some(x) if x.reviewed_on < r.reviewed_on => *x = r,
            Some(_) => {}
            None => reviewed.push(r),
        }
    }
    for r in reviewed {
        let (en, cy) = both(|lang| {
            t!(
                lang,
                "publication-did-priority",
                title = r.title.get(lang).to_string(),
                neighbourhood = r.neighbourhood.get(lang).to_string(),
                verdict = verdict_words(lang, r.verdict),
                date = crate::time::date(lang, r.reviewed_on)
            )
        });
        items.push(Item::new(ItemKind::Did, en, cy, SourceKind::Priority, Some(r.priority_id)));
    }
    items
}

// ---------------------------------------------------------------------------------------------
// Choosing an area and period, editing.

/// Why a form was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormProblem {
    Area,
    Period,
    Title,
    TooLong,
    Kind,
    TooMany,
    Correction,
}

/// The new-publication form, checked: the neighbourhood (`None` for the whole partnership)
/// among `neighbourhoods`, and a period of days (`YYYY-MM-DD`, from not after to, at most
/// [`MAX_PERIOD_DAYS`], not ending after `today`).
pub fn check_new(
    area: &str,
    from: &str,
    to: &str,
    neighbourhoods: &[i64],
    today: Timestamp,
) -> Result<(Option<i64>, Timestamp, Timestamp), FormProblem> {
    let area = area.trim();
    let neighbourhood = match area {
        "" | "all" => None,
        n => Some(n.parse::<i64>().ok().filter(|n| neighbourhoods.contains(n)).ok_or(FormProblem::Area)?),
    };
    let from = crate::problems::parse_day(from).ok_or(FormProblem::Period)?;
    let to = crate::problems::parse_day(to).ok_or(FormProblem::Period)?;
    if from > to || to > today || (to - from) / DAY > MAX_PERIOD_DAYS {
        return Err(FormProblem::Period);
    }
    Ok((neighbourhood, from, to))
}

/// An edited version as posted: the words and the items in order (parallel lists, one entry
/// per item; `action` is `keep` or `remove`). A last item with no text in either language is
/// the empty "add an item" row, and is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditForm {
    pub csp: String,
    pub version: String,
    pub title_en: String,
    pub title_cy: String,
    pub intro_en: String,
    pub intro_cy: String,
    pub correction_en: String,
    pub correction_cy: String,
    pub item_kind: Vec<String>,
    pub item_en: Vec<String>,
    pub item_cy: Vec<String>,
    pub item_source: Vec<String>,
    pub item_action: Vec<String>,
}

fn too_long(s: &str, max: usize) -> bool {
    s.chars().count() > max
}

/// Checks an edit: a title in at least one language, lengths, each kept item's kind and source.
/// Empty Welsh (or English) is allowed in a draft: publishing asks for it.
pub fn check_edit(form: &EditForm) -> Result<(Words, Vec<Item>), FormProblem> {
    let words = Words {
        title_en: form.title_en.trim().to_string(),
        title_cy: form.title_cy.trim().to_string(),
        intro_en: form.intro_en.trim().to_string(),
        intro_cy: form.intro_cy.trim().to_string(),
        correction_en: form.correction_en.trim().to_string(),
        correction_cy: form.correction_cy.trim().to_string(),
    };
    if words.title_en.is_empty() && words.title_cy.is_empty() {
        return Err(FormProblem::Title);
    }
    if too_long(&words.title_en, MAX_TITLE)
        || too_long(&words.title_cy, MAX_TITLE)
        || [&words.intro_en, &words.intro_cy, &words.correction_en, &words.correction_cy]
            .iter()
            .any(|s| too_long(s, MAX_TEXT))
    {
        return Err(FormProblem::TooLong);
    }
    let n = form.item_en.len();
    if form.item_cy.len() != n || form.item_kind.len() != n || form.item_source.len() != n {
        return Err(FormProblem::Kind);
    }
    let mut items = Vec::new();
    for i in 0..n {
        let (en, cy) = (form.item_en[i].trim(), form.item_cy[i].trim());
        let remove = form.item_action.get(i).is_some_and(|a| a.trim() == "remove");
        if remove || (en.is_empty() && cy.is_empty()) {
            continue;
        }
        if too_long(en, MAX_TEXT) || too_long(cy, MAX_TEXT) {
            return Err(FormProblem::TooLong);
        }
        let kind = ItemKind::parse(form.item_kind[i].trim()).ok_or(FormProblem::Kind)?;
        let (source, source_id) = parse_source(&form.item_source[i]).ok_or(FormProblem::Kind)?;
        items.push(Item::new(kind, en.to_string(), cy.to_string(), source, source_id));
    }
    if items.len() > MAX_ITEMS {
        return Err(FormProblem::TooMany);
    }
    Ok((words, items))
}

/// A correction's note, both languages needed.
pub fn check_correction(en: &str, cy: &str) -> Result<(String, String), FormProblem> {
    let (en, cy) = (en.trim(), cy.trim());
    if en.is_empty() || cy.is_empty() {
        return Err(FormProblem::Correction);
    }
    if too_long(en, MAX_TEXT) || too_long(cy, MAX_TEXT) {
        return Err(FormProblem::TooLong);
    }
    Ok((en.to_string(), cy.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Publishing.

/// A part of a version a check points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Title,
    Intro,
    Correction,
    /// The item at this place (0 the first).
    Item(usize),
}

/// Why a version cannot be published yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublishProblem {
    /// No item at all.
    NoItems,
    /// The field is empty in Welsh.
    NoWelsh(Field),
    /// The field is empty in English.
    NoEnglish(Field),
    /// The field names (or gives the email or phone of) a resident linked to the profiles or
    /// reports the publication draws on, or holds something shaped like an email or phone.
    Identifies(Field),
}

/// Everything that stops `words` and `items` being published: empty fields in either language,
/// and any text that identifies one of `residents` (the reporters linked to the profiles it
/// draws on), checked as closing a profile and recording intelligence check (`identifies_someone`).
/// A correction (`correcting`) needs its note in both languages too.
pub fn publish_problems(
    words: &Words,
    items: &[Item],
    residents: &[ReporterDetails],
    correcting: bool,
) -> Vec<PublishProblem> {
    let mut fields: Vec<(Field, &str, &str)> = vec![
        (Field::Title, words.title_en.as_str(), words.title_cy.as_str()),
        (Field::Intro, words.intro_en.as_str(), words.intro_cy.as_str()),
    ];
    if correcting {
        fields.push((Field::Correction, words.correction_en.as_str(), words.correction_cy.as_str()));
    }
    for (i, item) in items.iter().enumerate() {
        fields.push((Field::Item(i), item.text.en.as_str(), item.text.cy.as_str()));
    }
    let mut problems = Vec::new();
    if items.is_empty() {
        problems.push(PublishProblem::NoItems);
    }
    for (field, en, cy) in &fields {
        if cy.trim().is_empty() {
            problems.push(PublishProblem::NoWelsh(*field));
        }
        if en.trim().is_empty() {
            problems.push(PublishProblem::NoEnglish(*field));
        }
    }
    let nobody = ReporterDetails::default();
    for (field, en, cy) in &fields {
        let names_someone = |text: &str| {
            crate::triage::recorded::identifies_someone(text, &nobody)
                || residents.iter().any(|r| crate::triage::recorded::identifies_someone(text, r))
        };
        if names_someone(en) || names_someone(cy) {
            problems.push(PublishProblem::Identifies(*field));
        }
    }
    problems
}

/// A field's name as a check names it ("item 3").
pub fn field_name(lang: Lang, field: Field) -> String {
    match field {
        Field::Title => t!(lang, "publication-field-title"),
        Field::Intro => t!(lang, "publication-field-intro"),
        Field::Correction => t!(lang, "publication-field-correction"),
        Field::Item(i) => t!(lang, "publication-field-item", number = ((i + 1) as i64)),
    }
}

/// What a check says, in `lang`.
pub fn problem_words(lang: Lang, p: PublishProblem) -> String {
    match p {
        PublishProblem::NoItems => t!(lang, "publication-problem-no-items"),
        PublishProblem::NoWelsh(f) => t!(lang, "publication-problem-no-welsh", field = field_name(lang, f)),
        PublishProblem::NoEnglish(f) => {
            t!(lang, "publication-problem-no-english", field = field_name(lang, f))
        }
        PublishProblem::Identifies(f) => {
            t!(lang, "publication-problem-identifies", field = field_name(lang, f))
        }
    }
}

/// To a resident whose report a published profile drew on: subject and body in their language.
pub fn told_email(lang: Lang, title: &Names, area: &Names, page: &str) -> (String, String) {
    (
        t!(lang, "publication-told-subject", title = title.get(lang).to_string()),
        t!(
            lang,
            "publication-told-body",
            title = title.get(lang).to_string(),
            area = area.get(lang).to_string(),
            page = page
        ),
    )
}

/// The day (its start, UTC) a time falls in: page views are counted per day.
pub fn day_of(at: Timestamp) -> Timestamp {
    at.div_euclid(DAY) * DAY
}

/// A withdrawal's reason, shown publicly: needed in both languages, at most [`MAX_TEXT`], and
/// refused if it names (or gives the email or phone of) a resident the publication drew on, or
/// holds something shaped like an email or phone.
pub fn check_withdrawal(en: &str, cy: &str, residents: &[ReporterDetails]) -> Option<(String, String)> {
    let (en, cy) = (en.trim(), cy.trim());
    let nobody = ReporterDetails::default();
    let names_someone = |text: &str| {
        crate::triage::recorded::identifies_someone(text, &nobody)
            || residents.iter().any(|r| crate::triage::recorded::identifies_someone(text, r))
    };
    if en.is_empty() || cy.is_empty() || too_long(en, MAX_TEXT) || too_long(cy, MAX_TEXT) {
        return None;
    }
    if names_someone(en) || names_someone(cy) {
        return None;
    }
    Some((en.to_string(), cy.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{engagement::priorities::Verdict, neighbourhoods::CountRow};

    fn names(en: &str, cy: &str) -> Names {
        Names::new(en, cy)
    }

    fn input() -> DraftInput {
        DraftInput {
            area: names("Cathays", "Cathays"),
            from: 1_790_000_000,
            to: 1_796_000_000,
            surveys: vec![SurveyFacts {
                campaign_id: 4,
                title: names("Safer streets", "Strydoedd mwy diogel"),
                responses: Shown::Count(120),
                top: vec![(
                    names("What worries you most?", "Beth sy'n eich poeni fwyaf?"),
                    names("Speeding", "Goryrru"),
                    Shown::Count(48),
                    Some(40.0),
                )],
            }],
            priorities_set: vec![PrioritySet {
                priority_id: 9,
                title: names("Speeding on Heol y Felin", "Goryrru ar Heol y Felin"),
                neighbourhood: names("Cathays", "Cathays"),
            }],
            reports: ReportFacts {
                rows: vec![
                    (CountRow::Family(Family::Asb), Shown::Count(45)),
                    (CountRow::Family(Family::Drugs), Shown::Hidden { threshold: 10 }),
                    (CountRow::OtherAndSensitive, Shown::Count(30)),
                ],
                total: Shown::Count(81),
            },
            profiles: vec![ClosedProfile {
                profile_id: 3,
                categories: vec![names("Drug dealing", "Delio cyffuriau")],
                areas: vec![names("Cathays", "Cathays")],
                reports: 12,
                done: vec![
                    ("Fitted brighter street lights".into(), Some("Cardiff Council".into())),
                    ("Closure order on the house".into(), None),
                ],
                change: None,
            }],
            reviewed: vec![
                PriorityReviewed {
                    priority_id: 9,
                    title: names("Speeding on Heol y Felin", "Goryrru ar Heol y Felin"),
                    neighbourhood: names("Cathays", "Cathays"),
                    verdict: Verdict::Improving,
                    reviewed_on: 1_793_000_000,
                },
                PriorityReviewed {
                    priority_id: 9,
                    title: names("Speeding on Heol y Felin", "Goryrru ar Heol y Felin"),
                    neighbourhood: names("Cathays", "Cathays"),
                    verdict: Verdict::Resolved,
                    reviewed_on: 1_795_000_000,
                },
            ],
        }
    }

    #[test]
    fn a_draft_pairs_what_residents_said_with_what_was_done_in_both_languages() {
        let items = draft(&input());
        let kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [ItemKind::Said, ItemKind::Said, ItemKind::Said, ItemKind::Did, ItemKind::Did],
            "survey, priority set, reports; profile, one review per priority"
        );
        let survey = &items[0];
        assert_eq!((survey.source, survey.source_id), (SourceKind::Campaign, Some(4)));
        assert!(survey.text.en.contains("Safer streets") && survey.text.en.contains("Speeding"));
        assert!(survey.text.en.contains("48 (40%)"), "{}", survey.text.en);
        assert!(survey.text.cy.contains("Strydoedd mwy diogel") && survey.text.cy.contains("Goryrru"));
        let reports = &items[2];
        assert!(reports.text.en.contains("81") && reports.text.en.contains("45"), "{}", reports.text.en);
        assert!(!reports.text.en.contains("Drugs"), "a hidden count is left out: {}", reports.text.en);
        assert!(!reports.text.en.contains("Hate"), "sensitive kinds never named on their own");
        assert!(!reports.text.en.contains("30"), "other and sensitive only inside the total");
        assert!(
            items[3].text.en.contains("12 reports about Drug dealing in Cathays")
                && items[3].text.en.contains("- Fitted brighter street lights (Cardiff Council)")
                && items[3].text.en.contains("- Closure order on the house"),
            "{}",
            items[3].text.en
        );
        assert_eq!((items[3].source, items[3].source_id), (SourceKind::Profile, Some(3)));
        let review = &items[4];
        assert!(review.text.en.contains("Resolved"), "the latest verdict: {}", review.text.en);
        for item in &items {
            assert!(!item.text.en.is_empty() && !item.text.cy.is_empty());
            assert_ne!(item.text.en, item.text.cy, "{item:?}");
        }
        let words = draft_words(&input());
        assert!(words.title_en.contains("Cathays") && !words.title_cy.is_empty());
        assert_ne!(words.intro_en, words.intro_cy);
    }

    #[test]
    fn a_welsh_draft_is_wholly_welsh_with_no_english_action_title() {
        let mut input = input();
        input.profiles.push(ClosedProfile {
            profile_id: 4,
            categories: vec![names("Anti-social behaviour", "Ymddygiad gwrthgymdeithasol")],
            areas: vec![names("Roath", "Y Rhath")],
            reports: 1,
            done: vec![("Youth outreach sessions".into(), Some("Youth Service".into()))],
            change: Some(crate::problems::assessment::RateChange {
                before: 20,
                after: 10,
                ratio: Some(0.5),
                low: 0.3,
                high: 0.9,
                verdict: crate::problems::assessment::Verdict::Fell,
            }),
        });
        let items = draft(&input);
        let titles = [
            "Fitted brighter street lights",
            "Cardiff Council",
            "Closure order on the house",
            "Youth outreach sessions",
            "Youth Service",
        ];
        let profiles: Vec<&Item> = items.iter().filter(|i| i.source == SourceKind::Profile).collect();
        assert_eq!(profiles.len(), 2);
        for item in &items {
            for title in titles {
                assert!(!item.text.cy.contains(title), "{title} in the Welsh: {}", item.text.cy);
            }
        }
        assert!(profiles[0].text.en.contains("Fitted brighter street lights"), "the English keeps them");
        assert!(
            profiles[0].text.cy.contains("Gwnaethom ni: 2 cam gweithredu")
                && profiles[0].text.cy.contains("Delio cyffuriau yn Cathays"),
            "{}",
            profiles[0].text.cy
        );
        assert!(
            profiles[1].text.cy.contains("1 cam gweithredu")
                && profiles[1].text.cy.contains("Y Rhath")
                && profiles[1].text.cy.contains("wedi gostwng 50%"),
            "{}",
            profiles[1].text.cy
        );
        assert!(profiles[1].text.en.contains("Youth outreach sessions (Youth Service)"));
        // No action done: the Welsh says it was looked into, with no count.
        let mut none = input.profiles[0].clone();
        none.done.clear();
        assert_eq!(profile_text(&none).cy.lines().nth(1), Some(t!(Lang::Cy, "ysw-no-actions").as_str()));
    }

    #[test]
    fn a_quiet_area_drafts_no_report_item() {
        let mut quiet = input();
        quiet.reports = ReportFacts {
            rows: vec![(CountRow::OtherAndSensitive, Shown::Count(0))],
            total: Shown::Count(0),
        };
        quiet.surveys.clear();
        assert!(draft(&quiet).iter().all(|i| i.source != SourceKind::Nothing));
    }

    #[test]
    fn new_publications_need_an_area_of_the_partnership_and_a_sensible_period() {
        let today = crate::problems::parse_day("2026-12-07").unwrap();
        let ok = check_new("7", "2026-10-01", "2026-12-01", &[7, 8], today).unwrap();
        assert_eq!(ok.0, Some(7));
        assert_eq!(
            check_new("", "2026-10-01", "2026-12-01", &[7], today).unwrap().0,
            None,
            "whole partnership"
        );
        assert_eq!(check_new("99", "2026-10-01", "2026-12-01", &[7], today), Err(FormProblem::Area));
        assert_eq!(check_new("7", "2026-12-01", "2026-10-01", &[7], today), Err(FormProblem::Period));
        assert_eq!(check_new("7", "2026-10-01", "2026-12-31", &[7], today), Err(FormProblem::Period));
        assert_eq!(check_new("7", "yesterday", "2026-12-01", &[7], today), Err(FormProblem::Period));
        assert_eq!(check_new("7", "2020-01-01", "2026-12-01", &[7], today), Err(FormProblem::Period));
    }

    fn form() -> EditForm {
        EditForm {
            title_en: " Title ".into(),
            title_cy: "Teitl".into(),
            intro_en: "Intro".into(),
            intro_cy: "Cyflwyniad".into(),
            item_kind: vec!["said".into(), "did".into(), "said".into()],
            item_en: vec!["One".into(), "Two".into(), "".into()],
            item_cy: vec!["Un".into(), "Dau".into(), "".into()],
            item_source: vec!["campaign:4".into(), "profile:3".into(), "none".into()],
            item_action: vec!["keep".into(), "keep".into(), "keep".into()],
            ..EditForm::default()
        }
    }

    #[test]
    fn edits_keep_items_in_order_drop_removed_and_empty_ones_and_refuse_bad_input() {
        let (words, items) = check_edit(&form()).unwrap();
        assert_eq!(words.title_en, "Title");
        assert_eq!(items.len(), 2, "the empty add row is left out");
        assert_eq!(
            (items[1].kind, items[1].source, items[1].source_id),
            (ItemKind::Did, SourceKind::Profile, Some(3))
        );
        let mut removed = form();
        removed.item_action[0] = "remove".into();
        assert_eq!(check_edit(&removed).unwrap().1[0].text.en, "Two");
        let mut added = form();
        added.item_en[2] = "Three".into();
        assert_eq!(check_edit(&added).unwrap().1[2].source, SourceKind::Nothing);
        let mut bad = form();
        bad.item_kind[0] = "shouted".into();
        assert_eq!(check_edit(&bad), Err(FormProblem::Kind));
        let mut bad = form();
        bad.item_source[0] = "profile:x".into();
        assert_eq!(check_edit(&bad), Err(FormProblem::Kind));
        let mut bad = form();
        bad.item_cy.pop();
        assert_eq!(check_edit(&bad), Err(FormProblem::Kind), "lists that do not line up");
        let mut bad = form();
        bad.title_en = " ".into();
        bad.title_cy = "".into();
        assert_eq!(check_edit(&bad), Err(FormProblem::Title));
        let mut bad = form();
        bad.intro_cy = "x".repeat(MAX_TEXT + 1);
        assert_eq!(check_edit(&bad), Err(FormProblem::TooLong));
        assert_eq!(check_correction("Fixed a count", " "), Err(FormProblem::Correction));
        assert!(check_correction("Fixed a count", "Cywiro cyfrif").is_ok());
        assert_eq!(parse_source("none"), Some((SourceKind::Nothing, None)));
        assert_eq!(parse_source("priority:0"), None);
        assert_eq!(parse_source("none:3"), None);
    }

    #[test]
    fn publishing_needs_every_welsh_field_and_names_no_linked_resident() {
        let (words, items) = check_edit(&form()).unwrap();
        assert!(publish_problems(&words, &items, &[], false).is_empty());
        let mut no_welsh = items.clone();
        no_welsh[1].text.cy.clear();
        assert_eq!(
            publish_problems(&words, &no_welsh, &[], false),
            vec![PublishProblem::NoWelsh(Field::Item(1))],
            "says which item"
        );
        let mut words_no_cy = words.clone();
        words_no_cy.intro_cy.clear();
        assert_eq!(
            publish_problems(&words_no_cy, &items, &[], false),
            vec![PublishProblem::NoWelsh(Field::Intro)]
        );
        assert_eq!(
            publish_problems(&words, &items, &[], true),
            vec![PublishProblem::NoWelsh(Field::Correction), PublishProblem::NoEnglish(Field::Correction)]
        );
        assert_eq!(publish_problems(&words, &[], &[], false), vec![PublishProblem::NoItems]);
        let gwen = ReporterDetails {
            name: Some("Gwenllian Morgan".into()),
            email: Some("gwen@example.cymru".into()),
            phone: Some("029 2087 1234".into()),
            ..ReporterDetails::default()
        };
        let mut naming = items.clone();
        naming[1].text.cy = "Diolch i Gwenllian am ddweud wrthym".into();
        assert_eq!(
            publish_problems(&words, &naming, std::slice::from_ref(&gwen), false),
            vec![PublishProblem::Identifies(Field::Item(1))]
        );
        let mut phone = items.clone();
        phone[0].text.en = "Call 02920 871234".into();
        assert_eq!(
            publish_problems(&words, &phone, &[], false),
            vec![PublishProblem::Identifies(Field::Item(0))]
        );
        let mut titled = words.clone();
        titled.title_en = "What Morgan told us".into();
        assert_eq!(
            publish_problems(&titled, &items, &[gwen], false),
            vec![PublishProblem::Identifies(Field::Title)]
        );
        for p in [PublishProblem::NoWelsh(Field::Item(2)), PublishProblem::Identifies(Field::Item(2))] {
            let (en, cy) = (problem_words(Lang::En, p), problem_words(Lang::Cy, p));
            assert!(en.contains('3') && cy.contains('3') && en != cy, "{en} / {cy}");
        }
    }

    #[test]
    fn a_quote_is_a_said_item_naming_no_one_and_checked_like_any_text() {
        let quote = quote_item("  The lights made all the difference. ", 41);
        assert_eq!(
            (quote.kind, quote.source, quote.source_id),
            (ItemKind::Said, SourceKind::Quote, Some(41))
        );
        assert!(quote.text.en.contains("“The lights made all the difference.”"), "{}", quote.text.en);
        assert!(
            quote.text.cy.contains("“The lights made all the difference.”") && quote.text.en != quote.text.cy
        );
        assert_eq!(parse_source(&quote.source_value()), Some((SourceKind::Quote, Some(41))));
        let (words, _) = check_edit(&form()).unwrap();
        assert!(publish_problems(&words, std::slice::from_ref(&quote), &[], false).is_empty());
        let gwen = ReporterDetails { name: Some("Gwenllian Morgan".into()), ..ReporterDetails::default() };
        let naming = quote_item("Gwenllian Morgan deals from number 4", 41);
        assert_eq!(
            publish_problems(&words, &[naming], &[gwen], false),
            vec![PublishProblem::Identifies(Field::Item(0))]
        );
        let emailing = quote_item("Write to me at sam@example.org", 41);
        assert_eq!(
            publish_problems(&words, &[emailing], &[], false),
            vec![PublishProblem::Identifies(Field::Item(0))]
        );
    }

    #[test]
    fn residents_are_told_in_their_language_and_views_count_by_day() {
        let (subject, body) = told_email(
            Lang::Cy,
            &names("Autumn", "Hydref"),
            &names("Cathays", "Cathays"),
            "https://h/cy/you-said-we-did/1",
        );
        assert!(subject.contains("Hydref") && body.contains("https://h/cy/you-said-we-did/1"));
        assert_eq!(day_of(86_400 * 3 + 5), 86_400 * 3);
        let item = Item::new(ItemKind::Did, "a".into(), "b".into(), SourceKind::Profile, Some(3));
        assert_eq!(parse_source(&item.source_value()), Some((SourceKind::Profile, Some(3))));
    }
}
