//! The tension forms' posts: `/staff/tension/{neighbourhood}/assess` saves a new version of the
//! neighbourhood's assessment, `/staff/tension/{neighbourhood}/actions` adds a de-escalation
//! action and `/staff/tension/{neighbourhood}/actions/{id}` changes one,
//! `/staff/tension/levels` sets a CSP's level names. Plain forms (no JavaScript). Each checks
//! the person's rights in the neighbourhood's CSP (another CSP's neighbourhood is "not found"),
//! refuses a stale form without overwriting anything, and keeps a refused form as typed.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{
        self,
        tension::{NewAssessment, SaveError, TensionNeighbourhood},
        Db, DbError,
    },
    i18n::Lang,
    shell::{
        form::Posted,
        outcome::Outcome,
        problem::{page, Problem},
    },
    staff::{guard::Staff, kept, Permission},
    state::AppState,
    tension::{
        alerts::{queue_alert, AlertEvent, AlertKind},
        assessments::{check, identifies_anyone, raised_to_high, AssessInput, AssessProblem, IndicatorInput},
        deescalation::{check_action, ActionProblem},
        levels::{check_levels, LevelsInput, LevelsProblem, HIGH},
    },
    triage::{recorded::identifies_someone, GradeProblem, ReporterDetails},
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// The page key refused forms of a neighbourhood's tension pages are kept under.
pub fn kept_page(slug: &str) -> String {
    format!("tension/{slug}")
}

/// The page key a refused levels form is kept under.
pub fn levels_page(csp: &str) -> String {
    format!("tension-levels/{csp}")
}

fn unavailable(lang: Lang, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "tension: database");
    page(lang, Problem::Internal)
}

fn to(lang: Lang, path: &str, query: impl std::fmt::Display, anchor: &str) -> Response {
    Redirect::to(&format!("{}?{query}{anchor}", lang.path(path))).into_response()
}

/// Who saved, for the audit log.
pub struct Who<'a> {
    pub user_id: i64,
    pub label: &'a str,
    pub ip: &'a str,
}

impl Who<'_> {
    fn entry(
        &self,
        action: AuditAction,
        csp_id: i64,
        record_type: &str,
        record: &str,
        detail: String,
    ) -> NewAuditEntry {
        NewAuditEntry {
            actor_user_id: Some(self.user_id),
            actor_label: self.label.to_string(),
            action: Some(action),
            record_type: Some(record_type.into()),
            record_id: Some(record.to_string()),
            csp_id: Some(csp_id),
            ip: Some(self.ip.to_string()),
            detail: Some(detail),
        }
    }
}

/// What a saved assessment did: its version, and (for the tension rota's alert) the level it
/// raised the neighbourhood to, when it reached 3 or 4 from below or changed while at 3 or above
/// (see `assessments::raised_to_high`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Saved {
    pub version: i64,
    pub raised_to_high: Option<u8>,
}

/// Why an assessment was not saved.
#[derive(Debug)]
pub enum Refused {
    Problem(AssessProblem),
    Stale,
    Db(DbError),
}

impl From<DbError> for Refused {
    fn from(e: DbError) -> Self {
        Refused::Db(e)
    }
}

/// Checks and saves a new version of `n`'s assessment made from version `from_version`, on day
/// `today` (its start), audited in the same transaction. A save that brings the neighbourhood to
/// level 3 or 4 (from another level) queues the tension rota's alert in that transaction, linking
/// to the neighbourhood's page on the hub at `public_url`. The caller has checked the rights.
pub async fn save_assessment(
    db: &Db,
    who: &Who<'_>,
    n: &TensionNeighbourhood,
    from_version: i64,
    input: &AssessInput,
    today: i64,
    public_url: &str,
) -> Result<Saved, Refused> {
    let current = db::tension::current(db, n.id).await?;
    if current.map(|(v, _)| v).unwrap_or(0) != from_version {
        return Err(Refused::Stale);
    }
    let checked = check(input, current.map(|(_, l)| l).unwrap_or(0), today).map_err(Refused::Problem)?;
    let mut indicators = Vec::new();
    let mut all_items = Vec::new();
    for i in &checked.indicators {
        let items = db::tension::items_in_csp(db, n.csp_id, &i.items)
            .await?
            .ok_or(Refused::Problem(AssessProblem::Item))?;
        all_items.extend(items.iter().copied());
        indicators.push((i.clone(), items));
    }
    let reporters = db::tension::reporters_of_items(db, &all_items).await?;
    if identifies_anyone(&checked, &reporters) {
        return Err(Refused::Problem(AssessProblem::Identifies));
    }
    let detail = format!(
        "version {} level {} review {} indicators {}",
        from_version + 1,
        checked.level,
        crate::time::iso_date(checked.review_on),
        checked.indicators.len()
    );
    let audit =
        who.entry(AuditAction::TensionAssessed, n.csp_id, "tension_assessment", &n.public_slug, detail);
    let new = NewAssessment {
        neighbourhood_id: n.id,
        csp_id: n.csp_id,
        from_version,
        level: checked.level,
        narrative: &checked.narrative,
        owner: &checked.owner,
        review_on: checked.review_on,
        indicators: &indicators,
        user_id: who.user_id,
    };
    let mut tx = db.writer().begin().await?;
    let (version, previous) = match db::tension::save(&mut tx, new, &audit).await {
        Ok(saved) => saved,
        Err(SaveError::Stale) => return Err(Refused::Stale),
        Err(SaveError::Db(e)) => return Err(Refused::Db(e)),
    };
    let raised = raised_to_high(previous, checked.level);
    if let Some(level) = raised.filter(|&l| l >= HIGH) {
        // The rota hears of it once, in the same transaction as the version that reached it.
        let alert = AlertEvent {
            key: format!("level:{}:{version}", n.id),
            kind: AlertKind::Level,
            // The partnership's tension page, not the neighbourhood's: the address would name it.
            link_path: "/staff/tension".into(),
        };
        debug_assert_eq!(level, checked.level);
        queue_alert(&mut tx, public_url, n.csp_id, &alert).await?;
    }
    tx.commit().await?;
    Ok(Saved { version, raised_to_high: raised })
}

/// The words for an assessment's problem.
pub fn assess_outcome(problem: AssessProblem) -> Outcome {
    match problem {
        AssessProblem::Level => Outcome::TensionLevel,
        AssessProblem::NarrativeRequired => Outcome::TensionNarrativeRequired,
        AssessProblem::TooLong => Outcome::TensionTooLong,
        AssessProblem::Review => Outcome::TensionReview,
        AssessProblem::OwnerRequired => Outcome::TensionOwnerRequired,
        AssessProblem::ReviewTooFar => Outcome::TensionReviewTooFar,
        AssessProblem::TooManyIndicators => Outcome::TensionTooManyIndicators,
        AssessProblem::Kind => Outcome::TensionKind,
        AssessProblem::Tag => Outcome::TensionTag,
        AssessProblem::NoteRequired => Outcome::TensionNoteRequired,
        AssessProblem::SourceRequired => Outcome::TensionSourceRequired,
        AssessProblem::Grade(GradeProblem::Source) => Outcome::TensionGradeSource,
        AssessProblem::Grade(GradeProblem::Intelligence) => Outcome::TensionGradeIntelligence,
        AssessProblem::Grade(GradeProblem::Handling) => Outcome::TensionGradeHandling,
        AssessProblem::Grade(GradeProblem::ConditionsRequired) => Outcome::TensionConditionsRequired,
        AssessProblem::Grade(GradeProblem::ConditionsTooLong) => Outcome::TensionConditionsTooLong,
        AssessProblem::Media => Outcome::TensionMedia,
        AssessProblem::Item => Outcome::TensionItem,
        AssessProblem::Identifies => Outcome::TensionIdentifies,
    }
}

/// The neighbourhood a form posts to, if the person may `permission` in its CSP (may not even
/// see its tension: "not found").
async fn open_neighbourhood(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    slug: &str,
    permission: Permission,
) -> Result<TensionNeighbourhood, Response> {
    let n = match db::tension::neighbourhood(&state.db, slug).await {
        Ok(Some(n)) => n,
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => return Err(unavailable(lang, e)),
    };
    staff.require(lang, Permission::ViewTension, permission, n.csp_id)?;
    Ok(n)
}

/// The assessment form: the level, narrative, owner and review, and one list per indicator
/// field (one entry per row, in the same order: selects and text fields always post).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssessForm {
    pub version: String,
    pub level: String,
    pub narrative: String,
    pub owner: String,
    pub review_on: String,
    pub kind: Vec<String>,
    pub tag: Vec<String>,
    pub note: Vec<String>,
    pub source: Vec<String>,
    pub source_grade: Vec<String>,
    pub intelligence: Vec<String>,
    pub handling: Vec<String>,
    pub conditions: Vec<String>,
    pub media: Vec<String>,
    pub items: Vec<String>,
}

impl AssessForm {
    pub fn input(&self) -> AssessInput {
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        let rows = self.kind.len().max(self.note.len()).max(self.source.len());
        AssessInput {
            level: self.level.clone(),
            narrative: self.narrative.clone(),
            owner: self.owner.clone(),
            review_on: self.review_on.clone(),
            indicators: (0..rows)
                .map(|i| IndicatorInput {
                    kind: at(&self.kind, i),
                    tag: at(&self.tag, i),
                    note: at(&self.note, i),
                    source: at(&self.source, i),
                    source_grade: at(&self.source_grade, i),
                    intelligence: at(&self.intelligence, i),
                    handling: at(&self.handling, i),
                    conditions: at(&self.conditions, i),
                    media: at(&self.media, i),
                    items: at(&self.items, i),
                })
                .collect(),
        }
    }
}

/// For a recorder who may not read intelligence (a cohesion coordinator), whose form has no
/// field for linked items: whatever items were posted are ignored, and each row keeps the items
/// of the current version's indicator in the same position when its kind is unchanged, so the
/// partnership's links survive a coordinator's update without the coordinator seeing them.
pub async fn keep_links(db: &Db, n: &TensionNeighbourhood, input: &mut AssessInput) -> Result<(), DbError> {
    let current = match db::tension::versions(db, n.id).await?.first() {
        Some(v) => db::tension::indicators(db, v.id).await?,
        None => Vec::new(),
    };
    for (i, row) in input.indicators.iter_mut().enumerate() {
        row.items = current
            .get(i)
            .filter(|c| c.kind.as_str() == row.kind.trim())
            .map(|c| c.items.join(", "))
            .unwrap_or_default();
    }
    Ok(())
}

/// `POST /staff/tension/{neighbourhood}/assess`
pub async fn assess(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Posted { form, lang, fields }: Posted<AssessForm>,
) -> Response {
    let n = match open_neighbourhood(&state, &staff, lang, &slug, Permission::RecordTension).await {
        Ok(n) => n,
        Err(response) => return response,
    };
    let form_path = format!("/staff/tension/{}/assess", n.public_slug);
    let page_key = kept_page(&n.public_slug);
    let keep = |error: Outcome| kept::refusal(&state.db, staff.user.id, &page_key, "assess", &fields, error);
    let Ok(from_version) = form.version.trim().parse::<i64>() else {
        return to(lang, &form_path, keep(Outcome::TensionStale).await, "");
    };
    let who = Who { user_id: staff.user.id, label: &staff.user.email, ip: &staff.ip };
    let today = db::now().div_euclid(86_400) * 86_400;
    let mut input = form.input();
    if !staff.user.can(Permission::ViewIntelligence, n.csp_id) {
        if let Err(e) = keep_links(&state.db, &n, &mut input).await {
            return unavailable(lang, e);
        }
    }
    match save_assessment(&state.db, &who, &n, from_version, &input, today, &state.settings.public_url).await
    {
        Ok(_saved) => to(lang, &format!("/staff/tension/{}", n.public_slug), Outcome::TensionSaved, ""),
        Err(Refused::Problem(p)) => to(lang, &form_path, keep(assess_outcome(p)).await, "#errors"),
        Err(Refused::Stale) => to(lang, &form_path, keep(Outcome::TensionStale).await, "#errors"),
        Err(Refused::Db(e)) => unavailable(lang, e),
    }
}

/// A de-escalation action, new or changed (a new one has no status or outcome).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub version: String,
    pub title: String,
    pub kind: String,
    pub owner: String,
    pub due_on: String,
    pub status: String,
    pub outcome: String,
}

fn action_outcome(p: ActionProblem) -> Outcome {
    match p {
        ActionProblem::Title => Outcome::TensionActionTitle,
        ActionProblem::Kind => Outcome::TensionActionKind,
        ActionProblem::Status => Outcome::TensionActionStatus,
        ActionProblem::Due => Outcome::TensionActionDue,
        ActionProblem::TooLong => Outcome::TensionTooLong,
    }
}

/// Does an action's title, owner or outcome name or contact anyone (the reporters behind the
/// neighbourhood's current assessment's items, or anything shaped like an email or phone number)?
async fn action_identifies(db: &Db, neighbourhood_id: i64, texts: &[&str]) -> Result<bool, DbError> {
    let items = db::tension::current_items(db, neighbourhood_id).await?;
    let mut people = db::tension::reporters_of_items(db, &items).await?;
    people.push(ReporterDetails::default());
    Ok(texts.iter().filter(|t| !t.is_empty()).any(|t| people.iter().any(|p| identifies_someone(t, p))))
}

/// `POST /staff/tension/{neighbourhood}/actions`
pub async fn add_action(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Posted { form, lang, fields }: Posted<ActionForm>,
) -> Response {
    let n = match open_neighbourhood(&state, &staff, lang, &slug, Permission::RecordTension).await {
        Ok(n) => n,
        Err(response) => return response,
    };
    let path = format!("/staff/tension/{}", n.public_slug);
    let page_key = kept_page(&n.public_slug);
    let keep =
        |error: Outcome| kept::refusal(&state.db, staff.user.id, &page_key, "add-action", &fields, error);
    let action = match check_action(&form.title, &form.kind, &form.owner, &form.due_on, "", "") {
        Ok(a) => a,
        Err(p) => return to(lang, &path, keep(action_outcome(p)).await, "#add-action"),
    };
    match action_identifies(&state.db, n.id, &[&action.title, &action.owner]).await {
        Ok(true) => return to(lang, &path, keep(Outcome::TensionIdentifies).await, "#add-action"),
        Ok(false) => {}
        Err(e) => return unavailable(lang, e),
    }
    let who = Who { user_id: staff.user.id, label: &staff.user.email, ip: &staff.ip };
    let audit = who.entry(
        AuditAction::TensionActionChanged,
        n.csp_id,
        "tension_action",
        &n.public_slug,
        // The kind only: free text stays out of the audit log.
        format!("added: {}", action.kind.as_str()),
    );
    match db::tension::add_action(&state.db, n.id, n.csp_id, &action, staff.user.id, &audit).await {
        Ok(_) => to(lang, &path, Outcome::TensionActionAdded, "#actions"),
        Err(e) => unavailable(lang, e),
    }
}

/// `POST /staff/tension/{neighbourhood}/actions/{id}`
pub async fn update_action(
    State(state): State<AppState>,
    staff: Staff,
    Path((slug, id)): Path<(String, String)>,
    Posted { form, lang, fields }: Posted<ActionForm>,
) -> Response {
    let n = match open_neighbourhood(&state, &staff, lang, &slug, Permission::RecordTension).await {
        Ok(n) => n,
        Err(response) => return response,
    };
    let path = format!("/staff/tension/{}", n.public_slug);
    let form_name = format!("action-{id}");
    let page_key = kept_page(&n.public_slug);
    let keep =
        |error: Outcome| kept::refusal(&state.db, staff.user.id, &page_key, &form_name, &fields, error);
    let (Ok(action_id), Ok(version)) = (id.parse::<i64>(), form.version.trim().parse::<i64>()) else {
        return to(lang, &path, keep(Outcome::TensionActionUnknown).await, "#actions");
    };
    let action =
        match check_action(&form.title, &form.kind, &form.owner, &form.due_on, &form.status, &form.outcome) {
            Ok(a) => a,
            Err(p) => return to(lang, &path, keep(action_outcome(p)).await, "#actions"),
        };
    match action_identifies(&state.db, n.id, &[&action.title, &action.owner, &action.outcome]).await {
        Ok(true) => return to(lang, &path, keep(Outcome::TensionIdentifies).await, "#actions"),
        Ok(false) => {}
        Err(e) => return unavailable(lang, e),
    }
    let who = Who { user_id: staff.user.id, label: &staff.user.email, ip: &staff.ip };
    let audit = who.entry(
        AuditAction::TensionActionChanged,
        n.csp_id,
        "tension_action",
        &action_id.to_string(),
        format!("{}: {}", action.kind.as_str(), action.status.as_str()),
    );
    match db::tension::update_action(&state.db, n.id, action_id, version, &action, &audit).await {
        Ok(true) => to(lang, &path, Outcome::TensionActionSaved, "#actions"),
        Ok(false) => to(lang, &path, keep(Outcome::TensionActionUnknown).await, "#actions"),
        Err(SaveError::Stale) => to(lang, &path, keep(Outcome::TensionStale).await, "#actions"),
        Err(SaveError::Db(e)) => unavailable(lang, e),
    }
}

/// The five levels' names, meanings and force mapping, in both languages (five of each).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LevelsForm {
    pub csp: String,
    pub name_en: Vec<String>,
    pub name_cy: Vec<String>,
    pub meaning_en: Vec<String>,
    pub meaning_cy: Vec<String>,
    pub force_en: Vec<String>,
    pub force_cy: Vec<String>,
}

/// `POST /staff/tension/levels`
pub async fn levels(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<LevelsForm>,
) -> Response {
    let csp = match staff.require_named(lang, Permission::ConfigureTension, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let path = "/staff/tension/levels";
    let query = serde_urlencoded::to_string([("csp", csp.slug.as_str())]).unwrap_or_default();
    let input = LevelsInput {
        name_en: form.name_en,
        name_cy: form.name_cy,
        meaning_en: form.meaning_en,
        meaning_cy: form.meaning_cy,
        force_en: form.force_en,
        force_cy: form.force_cy,
    };
    let levels = match check_levels(&input) {
        Ok(l) => l,
        Err(p) => {
            let error = match p {
                LevelsProblem::NameRequired => Outcome::TensionLevelName,
                LevelsProblem::TooLong => Outcome::TensionTooLong,
            };
            let kept =
                kept::refusal(&state.db, staff.user.id, &levels_page(&csp.slug), "levels", &fields, error)
                    .await;
            return to(lang, path, format!("{query}&{kept}"), "#errors");
        }
    };
    let who = Who { user_id: staff.user.id, label: &staff.user.email, ip: &staff.ip };
    let detail = levels.iter().map(|l| format!("{} {}", l.level, l.name.en)).collect::<Vec<_>>().join(", ");
    let audit = who.entry(AuditAction::TensionLevelsChanged, csp.csp_id, "tension_levels", &csp.slug, detail);
    match db::tension::set_levels(&state.db, csp.csp_id, &levels, &audit).await {
        Ok(()) => to(lang, path, format!("{query}&{}", Outcome::TensionLevelsSaved), ""),
        Err(e) => unavailable(lang, e),
    }
}
