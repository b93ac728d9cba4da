//! The problem-solving forms' posts: `/staff/problems` opens a profile, and one route and form
//! type per change (`/staff/problems/{reference}/terms`, `/scanning`, `/decide`, ...). Plain
//! forms, so they work without JavaScript. Each checks the person's role in the profile's CSP (another CSP's profile is
//! "not found") and the profile's version (a stale form is refused, nothing overwritten); each
//! change is kept in the profile's history with who made it and what it now says.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{
        self,
        problems::{ChangeError, NewAction, NewProfile, Notice, Value},
    },
    i18n::Lang,
    problems::{
        closing_email, parse_day, text, ActionStatus, Decision, Priority, Profile, ProfileChange, Stage,
        MAX_TEXT, MAX_TITLE, WINDOW_DAYS,
    },
    shell::{
        form::Posted,
        outcome::{Outcome, Pages},
        problem::{page, Problem},
    },
    staff::{guard::Staff, kept, Permission},
    state::AppState,
    triage::identifies_reporter,
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

const DAY: i64 = 86_400;

type Fields = Vec<(String, String)>;

fn to_profile(lang: Lang, reference: &str, outcome: impl std::fmt::Display) -> Response {
    Redirect::to(&format!("{}?{outcome}", lang.path(&format!("/staff/problems/{reference}")))).into_response()
}

/// The page key a refused new-profile form is kept under (see `staff::kept`).
pub fn new_profile_page(csp: &str) -> String {
    format!("problems/{csp}")
}

/// Why a field was refused (the words `problems::text` gives), as the profile page says it.
fn refused(problem: &'static str) -> Outcome {
    Outcome::error(Pages::Problems, problem)
}

/// Checked numbers chosen in checkboxes: sorted, without repeats (anything else is left out).
fn ids(values: &[String]) -> Vec<i64> {
    let mut out: Vec<i64> = values.iter().filter_map(|v| v.parse().ok()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Back to the new-profile form with the error and everything that was typed or chosen, so
/// nothing is lost.
async fn back_to_form(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    csp: &str,
    error: Outcome,
    fields: &Fields,
) -> Response {
    let outcome = kept::refusal(&state.db, staff.user.id, &new_profile_page(csp), "new", fields, error).await;
    let csp = serde_urlencoded::to_string([("csp", csp)]).unwrap_or_default();
    Redirect::to(&format!("{}?{csp}&{outcome}#new-heading", lang.path("/staff/problems"))).into_response()
}

fn unavailable(lang: Lang, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "problem solving: database");
    page(lang, Problem::Internal)
}

/// The scope every profile has: neighbourhoods and categories of its CSP, and a period.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ScopeForm {
    pub neighbourhood: Vec<String>,
    pub category: Vec<String>,
    pub period_from: String,
    pub period_to: String,
}

/// The scope fields checked: neighbourhoods and categories of the CSP, and the period (stored
/// with an exclusive end).
async fn scope(state: &AppState, csp_id: i64, form: &ScopeForm) -> Result<db::problems::Scope, Outcome> {
    let (neighbourhoods, categories) = (ids(&form.neighbourhood), ids(&form.category));
    let (known_n, known_c) =
        db::problems::choices(&state.db, csp_id).await.map_err(|_| Outcome::ProblemsUnavailable)?;
    if neighbourhoods.is_empty() || !neighbourhoods.iter().all(|n| known_n.iter().any(|(id, _)| id == n)) {
        return Err(Outcome::Neighbourhoods);
    }
    if categories.is_empty() || !categories.iter().all(|c| known_c.iter().any(|k| k.id == *c)) {
        return Err(Outcome::Categories);
    }
    let (Some(from), Some(to)) = (parse_day(&form.period_from), parse_day(&form.period_to)) else {
        return Err(Outcome::Period);
    };
    // The period includes its last day; stored with an exclusive end.
    let to = to + DAY;
    if from >= to || to - from > 5 * 366 * DAY {
        return Err(Outcome::Period);
    }
    Ok(db::problems::Scope { csp_id, neighbourhoods, categories, from, to })
}

/// A new profile (from the form, or from a suggestion with its reports' intelligence items).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OpenForm {
    pub csp: String,
    pub title: String,
    pub priority: String,
    pub requester: String,
    pub aim: String,
    pub statement: String,
    /// Report references, comma-separated (a suggestion's reports).
    pub references: String,
    pub neighbourhood: Vec<String>,
    pub category: Vec<String>,
    pub period_from: String,
    pub period_to: String,
}

/// `POST /staff/problems`: opens a profile.
pub async fn open(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<OpenForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::EditProblems, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let (csp_id, slug) = (csp.csp_id, csp.slug.as_str());
    let back = |error: Outcome| back_to_form(&state, &staff, lang, slug, error, &fields);
    let title = match text(&form.title, MAX_TITLE) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => return back(Outcome::Title).await,
        Err(e) => return back(refused(e)).await,
    };
    let Some(priority) = Priority::parse(&form.priority) else {
        return back(Outcome::Priority).await;
    };
    let scoped = ScopeForm {
        neighbourhood: form.neighbourhood.clone(),
        category: form.category.clone(),
        period_from: form.period_from.clone(),
        period_to: form.period_to.clone(),
    };
    let db::problems::Scope { neighbourhoods, categories, from, to, .. } =
        match scope(&state, csp_id, &scoped).await {
            Ok(s) => s,
            Err(e) => return back(e).await,
        };
    let (requester, aim, statement) = match (
        text(&form.requester, MAX_TITLE),
        text(&form.aim, MAX_TEXT),
        text(&form.statement, MAX_TEXT),
    ) {
        (Ok(r), Ok(a), Ok(s)) => (r, a, s),
        _ => return back(Outcome::TooLong).await,
    };
    let references: Vec<String> = form
        .references
        .split(',')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .take(200)
        .collect();
    let item_ids = match db::problems::items_for_references(&state.db, csp_id, &references).await {
        Ok(i) => i,
        Err(e) => return unavailable(lang, e),
    };
    let new = NewProfile {
        csp_id,
        title: &title,
        priority,
        requester: &requester,
        aim: &aim,
        period_from: from,
        period_to: to,
        statement: &statement,
        neighbourhoods: &neighbourhoods,
        categories: &categories,
        item_ids: &item_ids,
        created_by: staff.user.id,
    };
    match db::problems::create(&state.db, new).await {
        Ok(reference) => to_profile(lang, &reference, Outcome::Opened),
        Err(e) => unavailable(lang, e),
    }
}

/// "field: new value" lines for the fields that changed: the history's "what".
fn detail(changes: &[(&str, &str, &str)]) -> String {
    changes
        .iter()
        .filter(|(_, old, new)| old != new)
        .map(|(name, _, new)| format!("{name}: {new}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The profile a change form is about, if the person may change it, and the version the form
/// was filled in against; else the answer to send. Someone else saved first: nothing is
/// overwritten, and the form (`form_name`) comes back as typed.
async fn open_profile(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    reference: &str,
    form_name: &str,
    version: &str,
    fields: &Fields,
) -> Result<(Profile, i64), Response> {
    let (id, csp_id) = match db::problems::find(&state.db, reference).await {
        Ok(Some(found)) => (found.id, found.csp_id),
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => return Err(unavailable(lang, e)),
    };
    staff.require(lang, Permission::ViewProblems, Permission::EditProblems, csp_id)?;
    let profile = match crate::problems::records::load(&state.db, id, db::now()).await {
        Ok(Some(p)) => p,
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => return Err(unavailable(lang, e)),
    };
    let Ok(version) = version.parse::<i64>() else {
        return Err(to_profile(lang, reference, Outcome::ProfileStale));
    };
    if version != profile.version {
        let stale = kept::refusal(
            &state.db,
            staff.user.id,
            &profile.reference,
            form_name,
            fields,
            Outcome::ProfileStale,
        )
        .await;
        return Err(to_profile(lang, reference, stale));
    }
    if profile.stage == Stage::Closed {
        return Err(to_profile(lang, reference, Outcome::ProfileClosed));
    }
    Ok((profile, version))
}

/// What a change did: `Err` is what was wrong with the form (it comes back as typed, with what
/// to put right); `Ok` is what the database said.
type Changed = Result<Result<Outcome, ChangeError>, Outcome>;

/// Where a change leaves the person: back to the profile with what happened.
async fn finish(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    profile: &Profile,
    form_name: &str,
    fields: &Fields,
    changed: Changed,
) -> Response {
    let reference = &profile.reference;
    let keep = |error: Outcome| kept::refusal(&state.db, staff.user.id, reference, form_name, fields, error);
    match changed {
        Err(problem) => to_profile(lang, reference, keep(problem).await),
        Ok(Ok(done)) => to_profile(lang, reference, done),
        Ok(Err(ChangeError::Stale)) => to_profile(lang, reference, keep(Outcome::ProfileStale).await),
        Ok(Err(ChangeError::Closed)) => to_profile(lang, reference, Outcome::ProfileClosed),
        Ok(Err(ChangeError::Db(e))) => {
            tracing::error!(error = %e, "could not change a problem profile");
            to_profile(lang, reference, Outcome::ProblemsUnavailable)
        }
    }
}

/// One route per change: checks who may make it and the profile's version (`open_profile`),
/// makes it (`$change`, with the form read into its type), and answers (`finish`).
macro_rules! change_handler {
    ($(#[$doc:meta])* $name:ident, $form:ty, $form_name:literal, $change:ident) => {
        $(#[$doc])*
        pub async fn $name(
            State(state): State<AppState>,
            staff: Staff,
            Path(reference): Path<String>,
            Posted { form, lang, fields }: Posted<$form>,
        ) -> Response {
            let (profile, version) =
                match open_profile(&state, &staff, lang, &reference, $form_name, &form.version, &fields).await {
                    Ok(found) => found,
                    Err(response) => return response,
                };
            let changed = $change(&state, &staff, &profile, &form, version).await;
            finish(&state, &staff, lang, &profile, $form_name, &fields, changed).await
        }
    };
}

/// The profile's terms of reference.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TermsForm {
    pub version: String,
    pub title: String,
    pub priority: String,
    pub requester: String,
    pub aim: String,
    pub neighbourhood: Vec<String>,
    pub category: Vec<String>,
    pub period_from: String,
    pub period_to: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/terms`
    terms, TermsForm, "terms", change_terms
);

async fn change_terms(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &TermsForm,
    version: i64,
) -> Changed {
    let title = text(&form.title, MAX_TITLE).map_err(refused)?;
    if title.is_empty() {
        return Err(Outcome::Title);
    }
    let priority = Priority::parse(&form.priority).ok_or(Outcome::Priority)?;
    let requester = text(&form.requester, MAX_TITLE).map_err(refused)?;
    let aim = text(&form.aim, MAX_TEXT).map_err(refused)?;
    let scoped = ScopeForm {
        neighbourhood: form.neighbourhood.clone(),
        category: form.category.clone(),
        period_from: form.period_from.clone(),
        period_to: form.period_to.clone(),
    };
    let db::problems::Scope { neighbourhoods, categories, from, to, .. } =
        scope(state, p.csp_id, &scoped).await?;
    let what = detail(&[
        ("title", &p.title, &title),
        ("priority", p.priority.as_str(), priority.as_str()),
        ("requester", &p.requester, &requester),
        ("aim", &p.aim, &aim),
        (
            "period",
            &format!("{} {}", crate::time::iso_date(p.period_from), crate::time::iso_date(p.period_to)),
            &format!("{} {}", crate::time::iso_date(from), crate::time::iso_date(to - DAY)),
        ),
        (
            "scope",
            &format!(
                "{:?} {:?}",
                p.neighbourhoods.iter().map(|n| n.0).collect::<Vec<_>>(),
                p.categories.iter().map(|c| c.0).collect::<Vec<_>>()
            ),
            &format!("{neighbourhoods:?} {categories:?}"),
        ),
    ]);
    let set = [
        ("title", Value::Text(title)),
        ("priority", Value::Text(priority.as_str().into())),
        ("requester", Value::Text(requester)),
        ("aim", Value::Text(aim)),
        ("period_from", Value::Int(Some(from))),
        ("period_to", Value::Int(Some(to))),
    ];
    Ok(db::problems::update_terms(
        &state.db,
        p.id,
        version,
        staff.user.id,
        &what,
        &set,
        &neighbourhoods,
        &categories,
    )
    .await
    .map(|_| Outcome::Saved))
}

/// Scanning: the problem statement and who is affected.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ScanningForm {
    pub version: String,
    pub statement: String,
    pub affected: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/scanning`
    scanning, ScanningForm, "scanning", change_scanning
);

async fn change_scanning(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &ScanningForm,
    version: i64,
) -> Changed {
    let values = [("statement", &form.statement, &p.statement), ("affected", &form.affected, &p.affected)];
    save_texts(state, staff, p, ProfileChange::Scanning, &values, version).await
}

/// Analysis: the problem analysis triangle, the hypothesis and the gaps.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnalysisForm {
    pub version: String,
    pub offender: String,
    pub victim: String,
    pub place: String,
    pub handler: String,
    pub guardian: String,
    pub manager: String,
    pub hypothesis: String,
    pub gaps: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/analysis`
    analysis, AnalysisForm, "analysis", change_analysis
);

async fn change_analysis(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &AnalysisForm,
    version: i64,
) -> Changed {
    let t = &p.triangle;
    let values = [
        ("offender", &form.offender, &t.offender),
        ("victim", &form.victim, &t.victim),
        ("place", &form.place, &t.place),
        ("handler", &form.handler, &t.handler),
        ("guardian", &form.guardian, &t.guardian),
        ("manager", &form.manager, &t.manager),
        ("hypothesis", &form.hypothesis, &p.hypothesis),
        ("gaps", &form.gaps, &p.gaps),
    ];
    save_texts(state, staff, p, ProfileChange::Analysis, &values, version).await
}

/// Saves text fields of one stage: (column, as typed, as stored).
async fn save_texts(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    stage: ProfileChange,
    values: &[(&'static str, &String, &String)],
    version: i64,
) -> Changed {
    let typed: Vec<(&'static str, String, &String)> = values
        .iter()
        .map(|(n, v, old)| text(v, MAX_TEXT).map(|v| (*n, v, *old)))
        .collect::<Result<_, _>>()
        .map_err(refused)?;
    let what = detail(&typed.iter().map(|(n, v, old)| (*n, old.as_str(), v.as_str())).collect::<Vec<_>>());
    let set: Vec<(&'static str, Value)> = typed.into_iter().map(|(n, v, _)| (n, Value::Text(v))).collect();
    Ok(db::problems::update(&state.db, p.id, version, staff.user.id, stage, &what, &set)
        .await
        .map(|_| Outcome::Saved))
}

/// A report's intelligence item linked to, or taken off, the profile.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub version: String,
    pub reference: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/link`
    link, ItemForm, "link", link_item
);

change_handler!(
    /// `POST /staff/problems/{reference}/unlink`
    unlink, ItemForm, "unlink", unlink_item
);

async fn link_item(state: &AppState, staff: &Staff, p: &Profile, form: &ItemForm, version: i64) -> Changed {
    let (item, report) = item(state, p, form).await?;
    Ok(db::problems::link_item(&state.db, p.id, version, staff.user.id, item, &report)
        .await
        .map(|_| Outcome::Saved))
}

async fn unlink_item(state: &AppState, staff: &Staff, p: &Profile, form: &ItemForm, version: i64) -> Changed {
    let (item, report) = item(state, p, form).await?;
    Ok(db::problems::unlink_item(&state.db, p.id, version, staff.user.id, item, &report)
        .await
        .map(|_| Outcome::Saved))
}

/// The graded intelligence item of the profile's CSP that the form names by its report.
async fn item(state: &AppState, p: &Profile, form: &ItemForm) -> Result<(i64, String), Outcome> {
    let report = form.reference.trim().to_ascii_uppercase();
    let item = db::problems::item_by_reference(&state.db, p.csp_id, &report)
        .await
        .map_err(|_| Outcome::ProblemsUnavailable)?
        .ok_or(Outcome::Item)?;
    Ok((item, report))
}

/// A new action of the response.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddActionForm {
    pub version: String,
    pub title: String,
    pub organisation: String,
    pub owner: String,
    pub notes: String,
    pub due_on: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/add-action`
    add_action, AddActionForm, "add-action", change_add_action
);

/// A due day: none when empty, refused when not a date.
fn due(value: &str) -> Result<Option<i64>, Outcome> {
    match value.trim() {
        "" => Ok(None),
        d => Ok(Some(parse_day(d).ok_or(Outcome::Due)?)),
    }
}

async fn change_add_action(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &AddActionForm,
    version: i64,
) -> Changed {
    let db = &state.db;
    let title = text(&form.title, MAX_TITLE).map_err(refused)?;
    if title.is_empty() {
        return Err(Outcome::Title);
    }
    let organisation_id = match form.organisation.as_str() {
        "" => None,
        o => {
            let o: i64 = o.parse().map_err(|_| Outcome::Organisation)?;
            let known =
                db::triage::organisations(db, p.csp_id).await.map_err(|_| Outcome::ProblemsUnavailable)?;
            Some(known.iter().find(|k| k.id == o).ok_or(Outcome::Organisation)?.id)
        }
    };
    let owner = text(&form.owner, MAX_TITLE).map_err(refused)?;
    let notes = text(&form.notes, MAX_TEXT).map_err(refused)?;
    let due_on = due(&form.due_on)?;
    let what =
        format!("{title}{}", due_on.map(|d| format!(" ({})", crate::time::iso_date(d))).unwrap_or_default());
    let new = NewAction { title: &title, organisation_id, owner: &owner, due_on, notes: &notes };
    Ok(db::problems::add_action(db, p.id, version, staff.user.id, new, &what).await.map(|_| Outcome::Saved))
}

/// An action's progress.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub version: String,
    pub action_id: String,
    pub status: String,
    pub notes: String,
    pub due_on: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/action`
    action, ActionForm, "action", change_action
);

async fn change_action(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &ActionForm,
    version: i64,
) -> Changed {
    let action_id: i64 = form.action_id.parse().map_err(|_| Outcome::ActionStatus)?;
    let existing = p.actions.iter().find(|a| a.id == action_id).ok_or(Outcome::ActionStatus)?;
    let status = ActionStatus::parse(&form.status).ok_or(Outcome::ActionStatus)?;
    let notes = text(&form.notes, MAX_TEXT).map_err(refused)?;
    let due_on = due(&form.due_on)?;
    let what = format!(
        "{}: {}{}",
        existing.title,
        status.as_str(),
        if notes != existing.notes { format!("\n{notes}") } else { String::new() }
    );
    let change = db::problems::ActionChange {
        profile_id: p.id,
        version,
        user_id: staff.user.id,
        action_id,
        status,
        due_on,
        notes: &notes,
        detail: &what,
    };
    match update_action_and_tell(state, staff, &change).await {
        Ok(Some(told)) => {
            if told > 0 {
                state.mail_wake.notify_one();
            }
            Ok(Ok(Outcome::Saved))
        }
        Ok(None) => Err(Outcome::ActionStatus),
        Err(e) => Ok(Err(e)),
    }
}

/// Issue 14 (progress): the action's change and, in its transaction, residents who raised a
/// priority it is linked to told if the priority's public stage moved. `None`: no such action.
async fn update_action_and_tell(
    state: &AppState,
    staff: &Staff,
    change: &db::problems::ActionChange<'_>,
) -> Result<Option<usize>, ChangeError> {
    let mut tx = state.db.writer().begin().await?;
    if !db::problems::update_action_in(&mut tx, change).await? {
        return Ok(None);
    }
    let actor =
        crate::engagement::telling::Actor { user_id: staff.user.id, label: &staff.user.email, ip: &staff.ip };
    let mut told = 0;
    for priority in db::progress::priorities_of_action_in(&mut tx, change.action_id).await? {
        told += crate::engagement::telling::tell_if_moved_in(
            &mut tx,
            &state.settings.public_url,
            priority,
            actor,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(told))
}

/// The assessment: when the response started, the window compared, the process review.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssessmentForm {
    pub version: String,
    pub response_started: String,
    pub window_days: String,
    pub process_review: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/assessment`
    assessment, AssessmentForm, "assessment", change_assessment
);

async fn change_assessment(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &AssessmentForm,
    version: i64,
) -> Changed {
    let started = match form.response_started.trim() {
        "" => None,
        d => Some(parse_day(d).ok_or(Outcome::Started)?),
    };
    if started.is_some_and(|s| s > db::now()) {
        return Err(Outcome::Started);
    }
    let window: i64 = form.window_days.parse().map_err(|_| Outcome::Window)?;
    if !WINDOW_DAYS.contains(&window) {
        return Err(Outcome::Window);
    }
    let review = text(&form.process_review, MAX_TEXT).map_err(refused)?;
    let what = detail(&[
        (
            "response_started",
            &p.response_started.map(crate::time::iso_date).unwrap_or_default(),
            &started.map(crate::time::iso_date).unwrap_or_default(),
        ),
        ("window_days", &p.window_days.to_string(), &window.to_string()),
        ("process_review", &p.process_review, &review),
    ]);
    let set = [
        ("response_started_at", Value::Int(started)),
        ("window_days", Value::Int(Some(window))),
        ("process_review", Value::Text(review)),
    ];
    Ok(db::problems::update(&state.db, p.id, version, staff.user.id, ProfileChange::Assessment, &what, &set)
        .await
        .map(|_| Outcome::Saved))
}

/// The SARA stage the profile moves to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StageForm {
    pub version: String,
    pub stage: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/stage`
    stage, StageForm, "stage", change_stage
);

async fn change_stage(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &StageForm,
    version: i64,
) -> Changed {
    let stage = Stage::parse(&form.stage).filter(|s| *s != Stage::Closed).ok_or(Outcome::Stage)?;
    let mut set = vec![("stage", Value::Text(stage.as_str().into()))];
    // The response starts the day the profile moves to it, unless a day was given.
    if stage == Stage::Response && p.response_started.is_none() {
        let today = db::now().div_euclid(DAY) * DAY;
        set.push(("response_started_at", Value::Int(Some(today))));
    }
    if stage == Stage::Assessment && p.response_started.is_none() {
        return Err(Outcome::Started);
    }
    let what = format!("{} → {}", p.stage.as_str(), stage.as_str());
    Ok(db::problems::update(&state.db, p.id, version, staff.user.id, ProfileChange::Stage, &what, &set)
        .await
        .map(|_| Outcome::Saved))
}

/// The partner organisations the profile is shared with: one checkbox each.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShareForm {
    pub version: String,
    pub organisation: Vec<String>,
}

change_handler!(
    /// `POST /staff/problems/{reference}/share`
    share, ShareForm, "share", change_share
);

async fn change_share(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &ShareForm,
    version: i64,
) -> Changed {
    let organisations = ids(&form.organisation);
    let known =
        db::triage::organisations(&state.db, p.csp_id).await.map_err(|_| Outcome::ProblemsUnavailable)?;
    let names: Option<Vec<String>> =
        organisations.iter().map(|o| known.iter().find(|k| k.id == *o).map(|k| k.name.clone())).collect();
    let names = names.ok_or(Outcome::Organisation)?.join(", ");
    let audit = NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(AuditAction::ProblemShared),
        record_type: Some("problem_profile".into()),
        record_id: Some(p.reference.clone()),
        csp_id: Some(p.csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(if names.is_empty() {
            "shared with no organisation".into()
        } else {
            format!("shared with: {names}")
        }),
    };
    Ok(db::problems::set_shares(&state.db, p.id, version, staff.user.id, &organisations, &names, &audit)
        .await
        .map(|_| Outcome::Saved))
}

/// The assessment's decision, and what residents are told when the profile closes.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecideForm {
    pub version: String,
    pub decision: String,
    pub decision_notes: String,
    pub outcome_en: String,
    pub outcome_cy: String,
}

change_handler!(
    /// `POST /staff/problems/{reference}/decide`
    decide, DecideForm, "decide", change_decide
);

/// The assessment's decision. Closing needs the outcome in English and Welsh, naming none of
/// the residents whose reports are linked; each of them is told once, in their language.
async fn change_decide(
    state: &AppState,
    staff: &Staff,
    p: &Profile,
    form: &DecideForm,
    version: i64,
) -> Changed {
    let db = &state.db;
    let user = &staff.user;
    let decision = Decision::parse(&form.decision).ok_or(Outcome::Decision)?;
    if p.stage != Stage::Assessment {
        return Err(Outcome::NotStarted);
    }
    let notes = text(&form.decision_notes, MAX_TEXT).map_err(refused)?;
    let outcome_en = text(&form.outcome_en, MAX_TEXT).map_err(refused)?;
    let outcome_cy = text(&form.outcome_cy, MAX_TEXT).map_err(refused)?;
    let mut notices = Vec::new();
    if decision == Decision::Close {
        if outcome_en.is_empty() || outcome_cy.is_empty() {
            return Err(Outcome::OutcomeRequired);
        }
        let linked =
            db::problems::linked_reports(db, p.id).await.map_err(|_| Outcome::ProblemsUnavailable)?;
        if linked.iter().any(|r| {
            identifies_reporter(&outcome_en, &r.details) || identifies_reporter(&outcome_cy, &r.details)
        }) {
            return Err(Outcome::OutcomeIdentifies);
        }
        for r in linked {
            let resident = Lang::parse(&r.language).unwrap_or_default();
            let message = if resident == Lang::Cy { outcome_cy.clone() } else { outcome_en.clone() };
            let email = match (&r.details.email, r.details.email_rule().allows_email()) {
                (Some(to), true) => {
                    let (subject, body) = closing_email(resident, &r.reference, &message);
                    Some((to.clone(), subject, body))
                }
                _ => None,
            };
            notices.push(Notice { report_id: r.report_id, status: r.status, message, email });
        }
    }
    let what = format!(
        "{}{}",
        decision.as_str(),
        if notes.is_empty() { String::new() } else { format!("\n{notes}") }
    );
    let set = [
        ("decision_notes", Value::Text(notes)),
        ("outcome_en", Value::Text(outcome_en)),
        ("outcome_cy", Value::Text(outcome_cy)),
    ];
    let result = db::problems::decide(db, p.id, version, user.id, decision, &set, &notices, &what).await;
    if let Ok(told) = &result {
        if decision == Decision::Close {
            state.mail_wake.notify_one();
            let entry = NewAuditEntry {
                actor_user_id: Some(user.id),
                actor_label: user.email.clone(),
                action: Some(AuditAction::ProblemClosed),
                record_type: Some("problem_profile".into()),
                record_id: Some(p.reference.clone()),
                csp_id: Some(p.csp_id),
                ip: Some(staff.ip.clone()),
                detail: Some(format!("residents told: {told}")),
            };
            if let Err(e) = db::audit::record(db, entry).await {
                tracing::error!(error = %e, "could not write audit entry");
            }
        }
    }
    Ok(result.map(|_| if decision == Decision::Close { Outcome::Closed } else { Outcome::Saved }))
}

/// A form that carries only the profile's version (any action there is no form for).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct VersionForm {
    pub version: String,
}

/// `POST /staff/problems/{reference}/{action}` for an action there is no form for: checked like
/// every change, then refused as kept (as before actions had their own routes).
pub async fn unknown(
    State(state): State<AppState>,
    staff: Staff,
    Path((reference, action)): Path<(String, String)>,
    Posted { form, lang, fields }: Posted<VersionForm>,
) -> Response {
    let (profile, _) =
        match open_profile(&state, &staff, lang, &reference, &action, &form.version, &fields).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    finish(&state, &staff, lang, &profile, &action, &fields, Err(Outcome::UnknownAction)).await
}
