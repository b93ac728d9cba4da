//! The problem-solving forms' posts: `/staff/problems` opens a profile, and
//! `/staff/problems/{reference}/{action}` changes one. Plain forms, so they work without
//! JavaScript. Each checks the person's role in the profile's CSP (another CSP's profile is
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
        closing_email,
        form::{authorise, Posted, StaffForm},
        parse_day, text, ActionStatus, Decision, Priority, Profile, Stage, MAX_TEXT, MAX_TITLE, WINDOW_DAYS,
    },
    shell::outcome::{Outcome, Pages},
    shell::problem::{page, Problem},
    staff::{kept, session::ClientIp, session::CurrentUser, Permission, StaffUser},
    state::AppState,
    triage::identifies_reporter,
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
    Extension, Form,
};
use std::sync::Arc;

const DAY: i64 = 86_400;

fn to_profile(lang: Lang, reference: &str, outcome: &str) -> Response {
    Redirect::to(&format!("{}?{outcome}", lang.path(&format!("/staff/problems/{reference}")))).into_response()
}

/// The page key a refused new-profile form is kept under (see `staff::kept`).
pub fn new_profile_page(csp: &str) -> String {
    format!("problems/{csp}")
}

/// Back to the new-profile form with the error and everything that was typed or chosen, so
/// nothing is lost.
async fn back_to_form(
    state: &AppState,
    user: &StaffUser,
    lang: Lang,
    csp: &str,
    error: &str,
    fields: &Posted,
) -> Response {
    let outcome = kept::refusal(
        &state.db,
        user.id,
        &new_profile_page(csp),
        "new",
        &fields.0,
        Outcome::error(Pages::Problems, error),
    )
    .await;
    let csp = serde_urlencoded::to_string([("csp", csp)]).unwrap_or_default();
    Redirect::to(&format!("{}?{csp}&{outcome}#new-heading", lang.path("/staff/problems"))).into_response()
}

fn unavailable(lang: Lang, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "problem solving: database");
    page(lang, Problem::Internal)
}

/// The scope fields every profile has: neighbourhoods and categories of its CSP, and a period.
async fn scope(
    state: &AppState,
    csp_id: i64,
    fields: &Posted,
) -> Result<(Vec<i64>, Vec<i64>, i64, i64), &'static str> {
    let (neighbourhoods, categories) = (fields.ids("neighbourhood"), fields.ids("category"));
    let (known_n, known_c) = db::problems::choices(&state.db, csp_id).await.map_err(|_| "unavailable")?;
    if neighbourhoods.is_empty() || !neighbourhoods.iter().all(|n| known_n.iter().any(|(id, _)| id == n)) {
        return Err("neighbourhoods");
    }
    if categories.is_empty() || !categories.iter().all(|c| known_c.iter().any(|(id, _, _)| id == c)) {
        return Err("categories");
    }
    let (Some(from), Some(to)) = (parse_day(fields.get("period_from")), parse_day(fields.get("period_to")))
    else {
        return Err("period");
    };
    // The period includes its last day; stored with an exclusive end.
    let to = to + DAY;
    if from >= to || to - from > 5 * 366 * DAY {
        return Err("period");
    }
    Ok((neighbourhoods, categories, from, to))
}

/// Opens a profile (from the form, or from a suggestion with its reports' intelligence items).
pub async fn open(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let StaffForm { form: fields, lang, user, csp_id, slug: csp } =
        match authorise(user, fields, Permission::EditProblems) {
            Ok(form) => form,
            Err(response) => return response,
        };
    let title = match text(fields.get("title"), MAX_TITLE) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => return back_to_form(&state, &user, lang, &csp, "title", &fields).await,
        Err(e) => return back_to_form(&state, &user, lang, &csp, e, &fields).await,
    };
    let Some(priority) = Priority::parse(fields.get("priority")) else {
        return back_to_form(&state, &user, lang, &csp, "priority", &fields).await;
    };
    let (neighbourhoods, categories, from, to) = match scope(&state, csp_id, &fields).await {
        Ok(s) => s,
        Err(e) => return back_to_form(&state, &user, lang, &csp, e, &fields).await,
    };
    let (requester, aim, statement) = match (
        text(fields.get("requester"), MAX_TITLE),
        text(fields.get("aim"), MAX_TEXT),
        text(fields.get("statement"), MAX_TEXT),
    ) {
        (Ok(r), Ok(a), Ok(s)) => (r, a, s),
        _ => return back_to_form(&state, &user, lang, &csp, "too_long", &fields).await,
    };
    let references: Vec<String> = fields
        .get("references")
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
        created_by: user.id,
    };
    match db::problems::create(&state.db, new).await {
        Ok(reference) => to_profile(lang, &reference, "done=opened"),
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

pub async fn act(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path((reference, action)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Posted(fields);
    let lang = fields.lang();
    let Some(user) = user else { return Redirect::to(&lang.path("/sign-in")).into_response() };
    let (id, csp_id) = match db::problems::find(&state.db, &reference).await {
        Ok(Some((id, csp_id, _))) => (id, csp_id),
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => return unavailable(lang, e),
    };
    if !user.can(Permission::ViewProblems, csp_id) {
        return page(lang, Problem::NotFound);
    }
    if !user.can(Permission::EditProblems, csp_id) {
        return page(lang, Problem::Forbidden);
    }
    let profile = match db::problems::load(&state.db, id).await {
        Ok(Some(p)) => p,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => return unavailable(lang, e),
    };
    let Ok(version) = fields.get("version").parse::<i64>() else {
        return to_profile(lang, &reference, "error=stale");
    };
    // Someone else saved first: nothing overwritten, and the form comes back as typed.
    let stale =
        || kept::refusal(&state.db, user.id, &profile.reference, &action, &fields.0, Outcome::ProfileStale);
    if version != profile.version {
        return to_profile(lang, &reference, &stale().await);
    }
    if profile.stage == Stage::Closed {
        return to_profile(lang, &reference, "error=closed");
    }
    let result = match change(&state, &user, &ip, lang, &profile, &action, &fields, version).await {
        Ok(result) => result,
        Err(problem) => {
            // Refused for a mistake: back to the form as it was typed, with what to put right.
            return to_profile(
                lang,
                &reference,
                &kept::refusal(
                    &state.db,
                    user.id,
                    &profile.reference,
                    &action,
                    &fields.0,
                    Outcome::error(Pages::Problems, problem),
                )
                .await,
            );
        }
    };
    match result {
        Ok(done) => to_profile(lang, &reference, &format!("done={done}")),
        Err(ChangeError::Stale) => to_profile(lang, &reference, &stale().await),
        Err(ChangeError::Closed) => to_profile(lang, &reference, "error=closed"),
        Err(ChangeError::Db(e)) => {
            tracing::error!(error = %e, "could not change a problem profile");
            to_profile(lang, &reference, "error=unavailable")
        }
    }
}

/// Checks the form and makes the change. `Err`: what was wrong with the form.
#[allow(clippy::too_many_arguments)]
async fn change(
    state: &AppState,
    user: &Arc<StaffUser>,
    ip: &str,
    lang: Lang,
    p: &Profile,
    action: &str,
    fields: &Posted,
    version: i64,
) -> Result<Result<&'static str, ChangeError>, &'static str> {
    let db = &state.db;
    let texts = |names: &[&'static str]| -> Result<Vec<(&'static str, String)>, &'static str> {
        names.iter().map(|n| text(fields.get(n), MAX_TEXT).map(|v| (*n, v))).collect()
    };
    match action {
        "terms" => {
            let title = text(fields.get("title"), MAX_TITLE)?;
            if title.is_empty() {
                return Err("title");
            }
            let priority = Priority::parse(fields.get("priority")).ok_or("priority")?;
            let requester = text(fields.get("requester"), MAX_TITLE)?;
            let aim = text(fields.get("aim"), MAX_TEXT)?;
            let (neighbourhoods, categories, from, to) = scope(state, p.csp_id, fields).await?;
            let what = detail(&[
                ("title", &p.title, &title),
                ("priority", p.priority.as_str(), priority.as_str()),
                ("requester", &p.requester, &requester),
                ("aim", &p.aim, &aim),
                (
                    "period",
                    &format!("{} {}", p.period_from, p.period_to),
                    &format!("{} {}", db::format_date(from), db::format_date(to - DAY)),
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
                db,
                p.id,
                version,
                user.id,
                &what,
                &set,
                &neighbourhoods,
                &categories,
            )
            .await
            .map(|_| "saved"))
        }
        "scanning" | "analysis" => {
            let names: &[&'static str] = if action == "scanning" {
                &["statement", "affected"]
            } else {
                &["offender", "victim", "place", "handler", "guardian", "manager", "hypothesis", "gaps"]
            };
            let values = texts(names)?;
            let old = |n: &str| -> String {
                match n {
                    "statement" => p.statement.clone(),
                    "affected" => p.affected.clone(),
                    "offender" => p.triangle.offender.clone(),
                    "victim" => p.triangle.victim.clone(),
                    "place" => p.triangle.place.clone(),
                    "handler" => p.triangle.handler.clone(),
                    "guardian" => p.triangle.guardian.clone(),
                    "manager" => p.triangle.manager.clone(),
                    "hypothesis" => p.hypothesis.clone(),
                    _ => p.gaps.clone(),
                }
            };
            let olds: Vec<String> = values.iter().map(|(n, _)| old(n)).collect();
            let what = detail(
                &values.iter().zip(&olds).map(|((n, v), o)| (*n, o.as_str(), v.as_str())).collect::<Vec<_>>(),
            );
            let set: Vec<(&'static str, Value)> =
                values.into_iter().map(|(n, v)| (n, Value::Text(v))).collect();
            Ok(db::problems::update(db, p.id, version, user.id, action, &what, &set).await.map(|_| "saved"))
        }
        "link" | "unlink" => {
            let report = fields.get("reference").trim().to_ascii_uppercase();
            let item = db::problems::item_by_reference(db, p.csp_id, &report)
                .await
                .map_err(|_| "unavailable")?
                .ok_or("item")?;
            Ok(if action == "link" {
                db::problems::link_item(db, p.id, version, user.id, item, &report).await
            } else {
                db::problems::unlink_item(db, p.id, version, user.id, item, &report).await
            }
            .map(|_| "saved"))
        }
        "add-action" => {
            let title = text(fields.get("title"), MAX_TITLE)?;
            if title.is_empty() {
                return Err("title");
            }
            let organisation_id = match fields.get("organisation") {
                "" => None,
                o => {
                    let o: i64 = o.parse().map_err(|_| "organisation")?;
                    let known = db::triage::organisations(db, p.csp_id).await.map_err(|_| "unavailable")?;
                    Some(known.iter().find(|(id, _)| *id == o).ok_or("organisation")?.0)
                }
            };
            let owner = text(fields.get("owner"), MAX_TITLE)?;
            let notes = text(fields.get("notes"), MAX_TEXT)?;
            let due_on = match fields.get("due_on").trim() {
                "" => None,
                d => Some(parse_day(d).ok_or("due")?),
            };
            let what = format!(
                "{title}{}",
                due_on.map(|d| format!(" ({})", db::format_date(d))).unwrap_or_default()
            );
            let new = NewAction { title: &title, organisation_id, owner: &owner, due_on, notes: &notes };
            Ok(db::problems::add_action(db, p.id, version, user.id, new, &what).await.map(|_| "saved"))
        }
        "action" => {
            let action_id: i64 = fields.get("action_id").parse().map_err(|_| "status")?;
            let existing = p.actions.iter().find(|a| a.id == action_id).ok_or("status")?;
            let status = ActionStatus::parse(fields.get("status")).ok_or("status")?;
            let notes = text(fields.get("notes"), MAX_TEXT)?;
            let due_on = match fields.get("due_on").trim() {
                "" => None,
                d => Some(parse_day(d).ok_or("due")?),
            };
            let what = format!(
                "{}: {}{}",
                existing.title,
                status.as_str(),
                if notes != existing.notes { format!("\n{notes}") } else { String::new() }
            );
            Ok(
                match db::problems::update_action(
                    db, p.id, version, user.id, action_id, status, due_on, &notes, &what,
                )
                .await
                {
                    Ok(true) => Ok("saved"),
                    Ok(false) => return Err("status"),
                    Err(e) => Err(e),
                },
            )
        }
        "assessment" => {
            let started = match fields.get("response_started").trim() {
                "" => None,
                d => Some(parse_day(d).ok_or("started")?),
            };
            if started.is_some_and(|s| s > db::now()) {
                return Err("started");
            }
            let window: i64 = fields.get("window_days").parse().map_err(|_| "window")?;
            if !WINDOW_DAYS.contains(&window) {
                return Err("window");
            }
            let review = text(fields.get("process_review"), MAX_TEXT)?;
            let what = detail(&[
                (
                    "response_started",
                    p.response_started.as_deref().unwrap_or(""),
                    &started.map(db::format_date).unwrap_or_default(),
                ),
                ("window_days", &p.window_days.to_string(), &window.to_string()),
                ("process_review", &p.process_review, &review),
            ]);
            let set = [
                ("response_started_at", Value::Int(started)),
                ("window_days", Value::Int(Some(window))),
                ("process_review", Value::Text(review)),
            ];
            Ok(db::problems::update(db, p.id, version, user.id, "assessment", &what, &set)
                .await
                .map(|_| "saved"))
        }
        "stage" => {
            let stage = Stage::parse(fields.get("stage")).filter(|s| *s != Stage::Closed).ok_or("stage")?;
            let mut set = vec![("stage", Value::Text(stage.as_str().into()))];
            // The response starts the day the profile moves to it, unless a day was given.
            if stage == Stage::Response && p.response_started.is_none() {
                let today = db::now().div_euclid(DAY) * DAY;
                set.push(("response_started_at", Value::Int(Some(today))));
            }
            if stage == Stage::Assessment && p.response_started.is_none() {
                return Err("started");
            }
            let what = format!("{} → {}", p.stage.as_str(), stage.as_str());
            Ok(db::problems::update(db, p.id, version, user.id, "stage", &what, &set).await.map(|_| "saved"))
        }
        "share" => {
            let organisations = fields.ids("organisation");
            let known = db::triage::organisations(db, p.csp_id).await.map_err(|_| "unavailable")?;
            let names: Option<Vec<String>> = organisations
                .iter()
                .map(|o| known.iter().find(|(id, _)| id == o).map(|(_, n)| n.clone()))
                .collect();
            let names = names.ok_or("organisation")?.join(", ");
            let audit = NewAuditEntry {
                actor_user_id: Some(user.id),
                actor_label: user.email.clone(),
                action: Some(AuditAction::ProblemShared),
                record_type: Some("problem_profile".into()),
                record_id: Some(p.reference.clone()),
                csp_id: Some(p.csp_id),
                ip: Some(ip.to_string()),
                detail: Some(if names.is_empty() {
                    "shared with no organisation".into()
                } else {
                    format!("shared with: {names}")
                }),
            };
            Ok(db::problems::set_shares(db, p.id, version, user.id, &organisations, &names, &audit)
                .await
                .map(|_| "saved"))
        }
        "decide" => decide(state, user, ip, lang, p, fields, version).await,
        _ => Err("unknown"),
    }
}

/// The assessment's decision. Closing needs the outcome in English and Welsh, naming none of
/// the residents whose reports are linked; each of them is told once, in their language.
async fn decide(
    state: &AppState,
    user: &Arc<StaffUser>,
    ip: &str,
    _lang: Lang,
    p: &Profile,
    fields: &Posted,
    version: i64,
) -> Result<Result<&'static str, ChangeError>, &'static str> {
    let db = &state.db;
    let decision = Decision::parse(fields.get("decision")).ok_or("decision")?;
    if p.stage != Stage::Assessment {
        return Err("not_started");
    }
    let notes = text(fields.get("decision_notes"), MAX_TEXT)?;
    let outcome_en = text(fields.get("outcome_en"), MAX_TEXT)?;
    let outcome_cy = text(fields.get("outcome_cy"), MAX_TEXT)?;
    let mut notices = Vec::new();
    if decision == Decision::Close {
        if outcome_en.is_empty() || outcome_cy.is_empty() {
            return Err("outcome_required");
        }
        let linked = db::problems::linked_reports(db, p.id).await.map_err(|_| "unavailable")?;
        if linked.iter().any(|r| {
            identifies_reporter(&outcome_en, &r.details) || identifies_reporter(&outcome_cy, &r.details)
        }) {
            return Err("outcome_identifies");
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
                ip: Some(ip.to_string()),
                detail: Some(format!("residents told: {told}")),
            };
            if let Err(e) = db::audit::record(db, entry).await {
                tracing::error!(error = %e, "could not write audit entry");
            }
        }
    }
    Ok(result.map(|_| if decision == Decision::Close { "closed" } else { "saved" }))
}
