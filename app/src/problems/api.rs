//! `GET /api/v1/problems` and `GET /api/v1/problems/{reference}`: the CSP's problem profiles
//! with their SARA stages, actions and the computed assessment. Scoped like the rest of the
//! API: a key acts in one CSP; partner keys see only profiles shared with their organisation,
//! without the intelligence items; another CSP's profile is 404.
//!
//! `GET /api/v1/strategic-assessments`, `GET /api/v1/strategic-assessments/{quarter}` and
//! `GET /api/v1/tasking-meetings`: the CSP's quarterly strategic assessments (every version,
//! drafts marked) and its tasking meetings' records, for the roles that see them in the hub
//! (not partners, as in the hub).

use crate::{
    api::{api_day, api_time, one_of, one_of_or_null, partner_only, ApiError, ApiQuery, NamesJson},
    audit::{AuditAction, NewAuditEntry},
    db::{self, problems::Audience},
    problems::{
        analysis,
        assessment::{RateChange, Verdict, WindowProblem},
        for_partner, parse_day,
        strategic::Assessment,
        ActionStatus, Decision, PartnerActionOwner, PartnerProfile, Priority, Profile, Stage, Triangle,
    },
    reference::api::{internal, json_error},
    staff::{accounts::ApiPrincipal, api::ApiKey, roles::role_allows, Permission},
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Whether the key sees the CSP's profiles (`Some(false)`), only shared ones (`Some(true)`), or none.
fn partner(key: &ApiPrincipal) -> Option<bool> {
    partner_only(key, Permission::ViewProblems, Permission::ViewSharedProblems)
}

fn forbidden() -> Response {
    json_error(StatusCode::FORBIDDEN, "forbidden", "this key's role may not read problem profiles")
}

fn stage_schema() -> utoipa::openapi::Object {
    one_of(Stage::ALL.iter().map(|s| s.as_str()))
}

fn priority_schema() -> utoipa::openapi::Object {
    one_of(Priority::ALL.iter().map(|p| p.as_str()))
}

fn decision_schema() -> utoipa::openapi::Object {
    one_of_or_null(Decision::ALL.iter().map(|d| d.as_str()))
}

fn action_status_schema() -> utoipa::openapi::Object {
    one_of(ActionStatus::ALL.iter().map(|s| s.as_str()))
}

/// The words a verdict or a window problem is sent as (their serde names).
fn serde_names<T: Serialize>(values: &[T]) -> Vec<serde_json::Value> {
    values.iter().map(|v| serde_json::to_value(v).expect("a unit variant serialises")).collect()
}

fn verdict_schema() -> utoipa::openapi::Object {
    one_of(serde_names(&[Verdict::NoReports, Verdict::Fell, Verdict::Rose, Verdict::NoClearChange]))
}

fn window_problem_schema() -> utoipa::openapi::Object {
    one_of(serde_names(&[
        WindowProblem::Unequal,
        WindowProblem::Empty,
        WindowProblem::Order,
        WindowProblem::NotOver,
    ]))
}

fn by_schema() -> utoipa::openapi::Object {
    one_of(["you", "partnership", "another_organisation"])
}

fn published_schema() -> utoipa::openapi::Object {
    one_of(["published", "draft"])
}

/// Reports before and after, and the rate ratio after/before with its 95% interval.
#[derive(Serialize, ToSchema)]
#[schema(as = RateChange)]
pub struct RateChangeJson {
    pub before: i64,
    pub after: i64,
    /// after / before; null when there were none before.
    #[schema(required)]
    pub rate_ratio: Option<f64>,
    #[schema(required)]
    pub change_percent: Option<f64>,
    /// The 95% interval of the rate ratio, when it is finite.
    #[schema(required)]
    pub ci95: Option<[f64; 2]>,
    #[schema(schema_with = verdict_schema)]
    pub verdict: Verdict,
}

fn change_json(c: &RateChange) -> RateChangeJson {
    RateChangeJson {
        before: c.before,
        after: c.after,
        rate_ratio: c.ratio,
        change_percent: c.percent(),
        ci95: c.high.is_finite().then_some([c.low, c.high]),
        verdict: c.verdict,
    }
}

/// The first and last day (`YYYY-MM-DD`) of a period.
#[derive(Serialize, ToSchema)]
pub struct Period {
    pub from: String,
    pub to: String,
}

#[derive(Serialize, ToSchema)]
pub struct TermsOfReference {
    pub requester: String,
    pub aim: String,
    pub period: Period,
}

/// An intelligence item linked to a profile.
#[derive(Serialize, ToSchema)]
#[schema(as = LinkedItem)]
pub struct LinkedItemJson {
    pub reference: String,
    pub summary: String,
    /// Such as `2B P`.
    pub grade: String,
}

#[derive(Serialize, ToSchema)]
pub struct Scanning {
    pub statement: String,
    pub affected: String,
    /// The linked items; null for a partner's key.
    #[schema(required)]
    pub intelligence_items: Option<Vec<LinkedItemJson>>,
}

/// The problem analysis triangle.
#[derive(Serialize, ToSchema)]
#[schema(as = Triangle)]
pub struct TriangleJson {
    pub offender: String,
    pub victim: String,
    pub place: String,
    pub handler: String,
    pub guardian: String,
    pub manager: String,
}

impl From<&Triangle> for TriangleJson {
    fn from(t: &Triangle) -> Self {
        TriangleJson {
            offender: t.offender.clone(),
            victim: t.victim.clone(),
            place: t.place.clone(),
            handler: t.handler.clone(),
            guardian: t.guardian.clone(),
            manager: t.manager.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Analysis {
    pub triangle: TriangleJson,
    pub hypothesis: String,
    pub intelligence_gaps: String,
}

/// An action of the Response stage.
#[derive(Serialize, ToSchema)]
#[schema(as = ProblemAction)]
pub struct ActionJson {
    pub title: String,
    /// For a partner's key only: whether the action is theirs, the partnership's or another
    /// organisation's (then neither organisation nor owner is given).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = by_schema)]
    pub by: Option<&'static str>,
    #[schema(required)]
    pub organisation: Option<String>,
    pub owner: String,
    /// `YYYY-MM-DD`
    #[schema(required)]
    pub due_on: Option<String>,
    #[schema(schema_with = action_status_schema)]
    pub status: &'static str,
    pub notes: String,
    pub overdue: bool,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ProblemResponse)]
pub struct ResponseJson {
    /// `YYYY-MM-DD`: the day the response started.
    #[schema(required)]
    pub started: Option<String>,
    pub actions: Vec<ActionJson>,
}

/// The first and last day of an assessment window.
#[derive(Serialize, ToSchema)]
pub struct Dates {
    pub from: String,
    pub to: String,
}

/// The area's change against the rest of the CSP's.
#[derive(Serialize, ToSchema)]
#[schema(as = Relative)]
pub struct RelativeJson {
    pub ratio: f64,
    pub ci95: [f64; 2],
    #[schema(schema_with = verdict_schema)]
    pub verdict: Verdict,
}

/// The hub's before/after assessment of a profile.
#[derive(Serialize, ToSchema)]
pub struct ComputedAssessment {
    pub window_days: i64,
    pub before: Dates,
    pub after: Dates,
    pub area: RateChangeJson,
    pub rest_of_csp: RateChangeJson,
    pub neighbouring_areas: RateChangeJson,
    /// null when a count is zero.
    #[schema(required)]
    pub relative: Option<RelativeJson>,
    pub displacement_suspected: bool,
}

/// Why the windows cannot be compared yet.
#[derive(Serialize, ToSchema)]
pub struct AssessmentNotAvailable {
    #[schema(schema_with = window_problem_schema)]
    pub not_available: WindowProblem,
}

/// The assessment, or why there is none.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum ProfileAssessment {
    Computed(Box<ComputedAssessment>),
    NotAvailable(AssessmentNotAvailable),
}

/// A problem profile with its SARA stages and its computed assessment.
#[derive(Serialize, ToSchema)]
pub struct ProblemProfile {
    #[schema(examples("PP-26-0001"))]
    pub reference: String,
    pub title: String,
    #[schema(schema_with = stage_schema)]
    pub stage: &'static str,
    #[schema(schema_with = priority_schema)]
    pub priority: &'static str,
    pub terms_of_reference: TermsOfReference,
    pub neighbourhoods: Vec<NamesJson>,
    pub categories: Vec<NamesJson>,
    pub scanning: Scanning,
    pub analysis: Analysis,
    pub response: ResponseJson,
    #[schema(required, schema_with = decision_schema)]
    pub decision: Option<&'static str>,
    /// The organisations it is shared with: for the partnership's own keys only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_with: Option<Vec<String>>,
    pub updated_at: String,
    #[schema(required)]
    pub closed_at: Option<String>,
    pub assessment: ProfileAssessment,
}

fn profile_json(p: &Profile, assessment: ProfileAssessment) -> ProblemProfile {
    ProblemProfile {
        reference: p.reference.clone(),
        title: p.title.clone(),
        stage: p.stage.as_str(),
        priority: p.priority.as_str(),
        terms_of_reference: TermsOfReference {
            requester: p.requester.clone(),
            aim: p.aim.clone(),
            period: Period { from: api_day(p.period_from), to: api_day(p.period_to) },
        },
        neighbourhoods: p.neighbourhoods.iter().map(|(_, n)| n.into()).collect(),
        categories: p.categories.iter().map(|(_, n)| n.into()).collect(),
        scanning: Scanning {
            statement: p.statement.clone(),
            affected: p.affected.clone(),
            intelligence_items: Some(
                p.items
                    .iter()
                    .map(|i| LinkedItemJson {
                        reference: i.reference.clone(),
                        summary: i.summary.clone(),
                        grade: i.grade.clone(),
                    })
                    .collect(),
            ),
        },
        analysis: Analysis {
            triangle: (&p.triangle).into(),
            hypothesis: p.hypothesis.clone(),
            intelligence_gaps: p.gaps.clone(),
        },
        response: ResponseJson {
            started: p.response_started.map(api_day),
            actions: p
                .actions
                .iter()
                .map(|a| ActionJson {
                    title: a.title.clone(),
                    by: None,
                    organisation: a.organisation.clone(),
                    owner: a.owner.clone(),
                    due_on: a.due_on.map(api_day),
                    status: a.status.as_str(),
                    notes: a.notes.clone(),
                    overdue: a.overdue,
                })
                .collect(),
        },
        decision: p.decision.map(Decision::as_str),
        shared_with: Some(p.shared_with.iter().map(|(_, n)| n.clone()).collect()),
        updated_at: api_time(p.updated_at),
        closed_at: p.closed_at.map(api_time),
        assessment,
    }
}

/// A profile for a partner's key, from `for_partner` (as on the partner's page): no intelligence
/// items, no shares, and of other organisations' actions only that someone else does them.
fn partner_profile_json(p: &PartnerProfile, assessment: ProfileAssessment) -> ProblemProfile {
    ProblemProfile {
        reference: p.reference.clone(),
        title: p.title.clone(),
        stage: p.stage.as_str(),
        priority: p.priority.as_str(),
        terms_of_reference: TermsOfReference {
            requester: p.requester.clone(),
            aim: p.aim.clone(),
            period: Period { from: api_day(p.period_from), to: api_day(p.period_to) },
        },
        neighbourhoods: p.neighbourhoods.iter().map(NamesJson::from).collect(),
        categories: p.categories.iter().map(NamesJson::from).collect(),
        scanning: Scanning {
            statement: p.statement.clone(),
            affected: p.affected.clone(),
            intelligence_items: None,
        },
        analysis: Analysis {
            triangle: (&p.triangle).into(),
            hypothesis: p.hypothesis.clone(),
            intelligence_gaps: p.gaps.clone(),
        },
        response: ResponseJson {
            started: p.response_started.map(api_day),
            actions: p
                .actions
                .iter()
                .map(|a| {
                    let (by, organisation, owner) = match &a.owner {
                        PartnerActionOwner::Yours { organisation, owner } => {
                            ("you", Some(organisation.clone()), owner.clone())
                        }
                        PartnerActionOwner::Partnership => ("partnership", None, String::new()),
                        PartnerActionOwner::Another => ("another_organisation", None, String::new()),
                    };
                    ActionJson {
                        title: a.title.clone(),
                        by: Some(by),
                        organisation,
                        owner,
                        due_on: a.due_on.map(api_day),
                        status: a.status.as_str(),
                        notes: a.notes.clone(),
                        overdue: a.overdue,
                    }
                })
                .collect(),
        },
        decision: p.decision.map(Decision::as_str),
        shared_with: None,
        updated_at: api_time(p.updated_at),
        closed_at: p.closed_at.map(api_time),
        assessment,
    }
}

/// A profile in the list.
#[derive(Serialize, ToSchema)]
pub struct ProblemSummary {
    pub reference: String,
    pub title: String,
    #[schema(schema_with = stage_schema)]
    pub stage: &'static str,
    #[schema(schema_with = priority_schema)]
    pub priority: &'static str,
    pub neighbourhoods: Vec<NamesJson>,
    /// How many items are linked; null for a partner's key.
    #[schema(required)]
    pub intelligence_items: Option<i64>,
    pub open_actions: i64,
    pub overdue_actions: i64,
    pub updated_at: String,
    #[schema(examples("/api/v1/problems/PP-26-0001"))]
    pub href: String,
}

#[derive(Serialize, ToSchema)]
pub struct ProblemList {
    pub problems: Vec<ProblemSummary>,
}

/// `GET /api/v1/problems`
#[utoipa::path(
    get,
    path = "/api/v1/problems",
    tag = "problems",
    summary = "The CSP's problem profiles",
    description = "Officers, analysts, engagement leads and managers: every profile of the key's CSP. Partner keys: only profiles shared with their organisation.",
    operation_id = "problems",
    security(("apiKey" = [])),
    responses(
        (status = 200, description = "Profiles with their stage, priority, neighbourhoods and counts of items and actions.", body = ProblemList),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn list(State(state): State<AppState>, ApiKey(key): ApiKey) -> Response {
    let Some(partner) = partner(&key) else { return forbidden() };
    let organisations: Vec<i64> = key.organisation_id.into_iter().collect();
    let audience = if partner { Audience::Partner(&organisations) } else { Audience::Csp };
    let profiles = match crate::problems::records::list(&state.db, key.csp_id, audience, db::now()).await {
        Ok(p) => p,
        Err(e) => return internal(e),
    };
    Json(ProblemList {
        problems: profiles
            .iter()
            .map(|p| ProblemSummary {
                reference: p.reference.clone(),
                title: p.title.clone(),
                stage: p.stage.as_str(),
                priority: p.priority.as_str(),
                neighbourhoods: p.neighbourhoods.iter().map(NamesJson::from).collect(),
                intelligence_items: (!partner).then_some(p.items),
                open_actions: p.actions_open,
                overdue_actions: p.actions_overdue,
                updated_at: api_day(p.updated_at),
                href: format!("/api/v1/problems/{}", p.reference),
            })
            .collect(),
    })
    .into_response()
}

/// `GET /api/v1/problems/{reference}`: the profile with its computed assessment.
#[utoipa::path(
    get,
    path = "/api/v1/problems/{reference}",
    tag = "problems",
    summary = "One problem profile with its computed assessment",
    description = "The SARA stages, the problem analysis triangle, actions, the decision, and the hub's before/after assessment (counts, rate ratio with its 95% interval, the rest of the CSP, neighbouring areas). Partner keys: only a profile shared with their organisation, without intelligence items (each call audited). Another CSP's profile is 404.",
    operation_id = "problem",
    security(("apiKey" = [])),
    params(("reference" = String, Path, description = "A profile's reference, such as PP-26-0001.")),
    responses(
        (status = 200, description = "The profile.", body = ProblemProfile),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 404, description = "No such profile visible to this key (code not_found).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn one(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(reference): Path<String>,
) -> Response {
    let Some(partner) = partner(&key) else { return forbidden() };
    let not_found = || {
        json_error(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no problem profile '{reference}' is visible to this key"),
        )
    };
    let id = match db::problems::find(&state.db, &reference).await {
        Ok(Some(found)) if found.csp_id == key.csp_id => found.id,
        Ok(_) => return not_found(),
        Err(e) => return internal(e),
    };
    let organisations: Vec<i64> = key.organisation_id.into_iter().collect();
    if partner {
        match db::problems::shared_with_any(&state.db, id, &organisations).await {
            Ok(true) => {}
            Ok(false) => return not_found(),
            Err(e) => return internal(e),
        }
    }
    let (profile, scope) = match (
        crate::problems::records::load(&state.db, id, db::now()).await,
        db::problems::scope(&state.db, id).await,
    ) {
        (Ok(Some(p)), Ok(s)) => (p, s),
        (Ok(None), _) => return not_found(),
        (Err(e), _) | (_, Err(e)) => return internal(e),
    };
    let started = profile.response_started;
    let assessment = match analysis::assess(
        &state.db,
        &state.wards,
        &scope,
        started,
        profile.window_days,
        db::now(),
    )
    .await
    {
        Ok(a) => a,
        Err(e) => return internal(e),
    };
    if partner {
        let entry = NewAuditEntry {
            actor_label: format!("api key: {}", key.name),
            action: Some(AuditAction::ProblemViewedByPartner),
            record_type: Some("problem_profile".into()),
            record_id: Some(reference.clone()),
            csp_id: Some(key.csp_id),
            ..Default::default()
        };
        if let Err(e) = db::audit::record(&state.db, entry).await {
            return internal(e);
        }
    }
    let assessment = match assessment {
        Ok(a) => ProfileAssessment::Computed(Box::new(ComputedAssessment {
            window_days: a.before.days(),
            before: Dates {
                from: crate::time::iso_date(a.before.from),
                to: crate::time::iso_date(a.before.to - 86_400),
            },
            after: Dates {
                from: crate::time::iso_date(a.after.from),
                to: crate::time::iso_date(a.after.to - 86_400),
            },
            area: change_json(&a.area),
            rest_of_csp: change_json(&a.background),
            neighbouring_areas: change_json(&a.neighbours),
            relative: a.relative.map(|r| RelativeJson {
                ratio: r.ratio,
                ci95: [r.low, r.high],
                verdict: r.verdict,
            }),
            displacement_suspected: a.displacement_suspected,
        })),
        Err(problem) => ProfileAssessment::NotAvailable(AssessmentNotAvailable { not_available: problem }),
    };
    let body = if partner {
        partner_profile_json(&for_partner(&profile, &organisations), assessment)
    } else {
        profile_json(&profile, assessment)
    };
    Json(body).into_response()
}

/// Strategic assessments and tasking records: the roles that read them in the hub. The error is
/// the response to send.
#[allow(clippy::result_large_err)]
fn may_read_planning(key: &ApiPrincipal) -> Result<(), Response> {
    match role_allows(key.role, Permission::ViewProblems) {
        true => Ok(()),
        false => Err(json_error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this key's role may not read strategic assessments or tasking records",
        )),
    }
}

/// One version of a quarter's strategic assessment, in a list.
#[derive(Serialize, ToSchema)]
pub struct AssessmentSummary {
    #[schema(examples("2026-Q3"))]
    pub quarter: String,
    pub version: i64,
    #[schema(schema_with = published_schema)]
    pub status: &'static str,
    pub updated_at: String,
    #[schema(required)]
    pub published_at: Option<String>,
    pub href: String,
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentList {
    pub strategic_assessments: Vec<AssessmentSummary>,
}

fn assessment_summary(a: &Assessment) -> AssessmentSummary {
    let quarter = format!("{}-Q{}", a.year, a.quarter);
    AssessmentSummary {
        href: format!("/api/v1/strategic-assessments/{quarter}?version={}", a.version),
        quarter,
        version: a.version,
        status: a.status.as_str(),
        updated_at: api_time(a.updated_at),
        published_at: a.published_at.map(api_time),
    }
}

/// `GET /api/v1/strategic-assessments`: every version of every quarter, latest first.
#[utoipa::path(
    get,
    path = "/api/v1/strategic-assessments",
    tag = "problems",
    summary = "The CSP's quarterly strategic assessments",
    description = "Every version of every quarter, latest first, drafts marked. Officers, analysts, engagement leads and managers; not partner keys.",
    operation_id = "strategicAssessments",
    security(("apiKey" = [])),
    responses(
        (status = 200, description = "Every version of every quarter.", body = AssessmentList),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "The key's role may not read strategic assessments (code forbidden).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn assessments(State(state): State<AppState>, ApiKey(key): ApiKey) -> Response {
    if let Err(response) = may_read_planning(&key) {
        return response;
    }
    match db::tasking::assessments(&state.db, key.csp_id).await {
        Ok(list) => {
            Json(AssessmentList { strategic_assessments: list.iter().map(assessment_summary).collect() })
                .into_response()
        }
        Err(e) => internal(e),
    }
}

/// `2026-Q3` as (2026, 3).
fn parse_quarter(text: &str) -> Option<(i64, i64)> {
    let (year, quarter) = text.split_once(['-', '_'])?;
    let quarter = quarter.strip_prefix(['Q', 'q'])?.parse::<i64>().ok().filter(|q| (1..=4).contains(q))?;
    Some((year.parse::<i64>().ok().filter(|y| (2000..=2100).contains(y))?, quarter))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// A version of the quarter's assessment; the latest when not given.
    #[param(value_type = Option<i64>, minimum = 1)]
    version: Option<String>,
}

/// The six sections of a strategic assessment.
#[derive(Serialize, ToSchema)]
pub struct Sections {
    pub summary: String,
    pub top_problems: String,
    pub emerging: String,
    pub outcomes: String,
    pub gaps: String,
    pub recommendations: String,
}

/// A kind of problem's reports this quarter, last quarter and the same quarter last year.
#[derive(Serialize, ToSchema)]
pub struct Figure {
    pub family: String,
    pub this_quarter: i64,
    pub previous_quarter: i64,
    pub same_quarter_last_year: i64,
    pub against_previous_quarter: RateChangeJson,
    pub against_last_year: RateChangeJson,
}

/// A strategic assessment: its sections and figures.
#[derive(Serialize, ToSchema)]
pub struct StrategicAssessment {
    #[serde(flatten)]
    pub summary: AssessmentSummary,
    #[schema(required)]
    pub published_by: Option<String>,
    pub sections: Sections,
    pub figures: Vec<Figure>,
}

/// `GET /api/v1/strategic-assessments/{quarter}` (`2026-Q3`): the latest version, or
/// `?version=N`; its six sections and its figures.
#[utoipa::path(
    get,
    path = "/api/v1/strategic-assessments/{quarter}",
    tag = "problems",
    summary = "One strategic assessment",
    description = "The latest version of a quarter (or `version`): its six sections (summary, top problems, emerging issues, outcomes, gaps, recommendations) and its figures by kind of problem against the previous quarter and the same quarter last year (rate ratios with 95% intervals).",
    operation_id = "strategicAssessment",
    security(("apiKey" = [])),
    params(
        ("quarter" = String, Path, description = "Such as 2026-Q3.", pattern = "^[0-9]{4}-[Qq][1-4]$"),
        VersionQuery,
    ),
    responses(
        (status = 200, description = "The assessment.", body = StrategicAssessment),
        (status = 400, description = "A bad quarter or version (code invalid_parameter).", body = ApiError),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "The key's role may not read strategic assessments (code forbidden).", body = ApiError),
        (status = 404, description = "No such assessment in the key's CSP (code not_found).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn assessment(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(quarter): Path<String>,
    ApiQuery(query): ApiQuery<VersionQuery>,
) -> Response {
    if let Err(response) = may_read_planning(&key) {
        return response;
    }
    let Some((year, q)) = parse_quarter(&quarter) else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "the quarter is written like 2026-Q3",
        );
    };
    let version = match query.version.as_deref().map(str::parse::<i64>) {
        None => None,
        Some(Ok(v)) if v >= 1 => Some(v),
        Some(_) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                "version must be a whole number from 1",
            )
        }
    };
    let found = match db::tasking::assessment_version(&state.db, key.csp_id, year, q, version).await {
        Ok(found) => found,
        Err(e) => return internal(e),
    };
    let Some(a) = found else {
        return json_error(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no strategic assessment {quarter} is visible to this key"),
        );
    };
    let s = &a.sections;
    Json(StrategicAssessment {
        summary: assessment_summary(&a),
        published_by: a.published_by.clone(),
        sections: Sections {
            summary: s.summary.clone(),
            top_problems: s.top_problems.clone(),
            emerging: s.emerging.clone(),
            outcomes: s.outcomes.clone(),
            gaps: s.gaps.clone(),
            recommendations: s.recommendations.clone(),
        },
        figures: a
            .figures
            .iter()
            .map(|f| Figure {
                family: f.family.clone(),
                this_quarter: f.this,
                previous_quarter: f.previous,
                same_quarter_last_year: f.last_year,
                against_previous_quarter: change_json(&f.against_previous),
                against_last_year: change_json(&f.against_last_year),
            })
            .collect(),
    })
    .into_response()
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingsQuery {
    /// The first day (a year ago when not given).
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// The last day (today when not given).
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
}

/// The record of a tasking meeting.
#[derive(Serialize, ToSchema)]
#[schema(as = Meeting)]
pub struct MeetingJson {
    /// `YYYY-MM-DD`
    pub held_on: String,
    pub attendees: String,
    pub decisions: String,
    pub version: i64,
    #[schema(required)]
    pub updated_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingList {
    pub meetings: Vec<MeetingJson>,
}

/// `GET /api/v1/tasking-meetings?from=&to=`: the recorded meetings (attendees and decisions),
/// latest first; the last year by default, at most 200.
#[utoipa::path(
    get,
    path = "/api/v1/tasking-meetings",
    tag = "problems",
    summary = "The CSP's tasking and coordinating meetings",
    description = "The recorded meetings (date, attendees, decisions), latest first; the last year by default, at most 200. Officers, analysts, engagement leads and managers; not partner keys.",
    operation_id = "taskingMeetings",
    security(("apiKey" = [])),
    params(MeetingsQuery),
    responses(
        (status = 200, description = "The meetings, latest first.", body = MeetingList),
        (status = 400, description = "A bad date (code invalid_parameter).", body = ApiError),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "The key's role may not read tasking records (code forbidden).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn meetings(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    ApiQuery(query): ApiQuery<MeetingsQuery>,
) -> Response {
    if let Err(response) = may_read_planning(&key) {
        return response;
    }
    let day = |text: Option<&str>, default: i64| match text.filter(|t| !t.is_empty()) {
        None => Some(default),
        Some(t) => parse_day(t),
    };
    let now = db::now();
    let (Some(from), Some(to)) =
        (day(query.from.as_deref(), now - 365 * 86_400), day(query.to.as_deref(), now))
    else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "from and to are dates like 2026-11-30",
        );
    };
    if from > to {
        return json_error(StatusCode::BAD_REQUEST, "invalid_parameter", "from must not be after to");
    }
    match db::tasking::meetings_between(&state.db, key.csp_id, from, to, 200).await {
        Ok(list) => Json(MeetingList {
            meetings: list
                .into_iter()
                .map(|m| MeetingJson {
                    held_on: api_day(m.held_on),
                    attendees: m.attendees,
                    decisions: m.decisions,
                    version: m.version,
                    updated_at: m.updated_at.map(api_time),
                })
                .collect(),
        })
        .into_response(),
        Err(e) => internal(e),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_quarter;

    #[test]
    fn quarters_as_written() {
        assert_eq!(parse_quarter("2026-Q3"), Some((2026, 3)));
        assert_eq!(parse_quarter("2026-q1"), Some((2026, 1)));
        for bad in ["2026-Q5", "2026-Q0", "2026Q3", "26-Q3", "2026-3", "Q3-2026", ""] {
            assert_eq!(parse_quarter(bad), None, "{bad}");
        }
    }
}
