//! `GET /api/v1/tension` and `GET /api/v1/tension/{neighbourhood}` (issue 15, part 7): the key's
//! CSP's neighbourhoods with their current tension level and last signal, and one
//! neighbourhood's history (every assessment version with its indicators, and the signals
//! touching it). Scoped like the rest of the API: a key acts in one CSP, only roles that may
//! view tension read it (partners may not), another CSP's neighbourhood is 404. Linked
//! intelligence items are sent only to roles that may read intelligence. Every call is audited,
//! as the pages are. Signal words are in English, or Welsh with `?lang=cy`.

use crate::{
    api::{api_day, api_time, one_of, ApiError, ApiQuery, NamesJson},
    audit::{AuditAction, NewAuditEntry},
    db,
    db::tension::csp_levels,
    i18n::Lang,
    reference::{
        api::{internal, json_error},
        Names,
    },
    staff::{accounts::ApiPrincipal, api::ApiKey, roles::role_allows, Permission},
    state::AppState,
    tension::{
        assessments::{IndicatorKind, TensionTag},
        levels::{level_of, Level},
        region::{last_signal_of, signal_sentence, SignalFacts},
    },
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn kind_schema() -> utoipa::openapi::Object {
    one_of(IndicatorKind::ALL.iter().map(|k| k.as_str()))
}

fn tag_schema() -> utoipa::openapi::Object {
    one_of(TensionTag::ALL.iter().map(|t| t.as_str()))
}

fn lang_schema() -> utoipa::openapi::Object {
    one_of(["en", "cy"])
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TensionQuery {
    /// The language of the words (level names, signals): `en` (the default) or `cy`.
    #[param(schema_with = lang_schema)]
    pub lang: Option<String>,
}

/// The language asked for, or the error to send.
#[allow(clippy::result_large_err)]
fn language(query: &TensionQuery) -> Result<Lang, Response> {
    match query.lang.as_deref().map(str::trim) {
        None | Some("") | Some("en") => Ok(Lang::En),
        Some("cy") => Ok(Lang::Cy),
        Some(_) => Err(json_error(StatusCode::BAD_REQUEST, "invalid_parameter", "'lang' must be en or cy")),
    }
}

#[allow(clippy::result_large_err)]
fn may_view(key: &ApiPrincipal) -> Result<(), Response> {
    match role_allows(key.role, Permission::ViewTension) {
        true => Ok(()),
        false => {
            Err(json_error(StatusCode::FORBIDDEN, "forbidden", "this key's role may not read tension levels"))
        }
    }
}

async fn audited(
    state: &AppState,
    key: &ApiPrincipal,
    record_type: &str,
    record: &str,
    detail: String,
) -> Result<(), Response> {
    let entry = NewAuditEntry {
        actor_label: format!("api key: {}", key.name),
        action: Some(AuditAction::TensionViewed),
        record_type: Some(record_type.into()),
        record_id: Some(record.to_string()),
        csp_id: Some(key.csp_id),
        detail: Some(detail),
        ..Default::default()
    };
    db::audit::record(&state.db, entry).await.map_err(internal)
}

/// A tension level: its number (0 normal to 4 critical) and the CSP's name for it.
#[derive(Serialize, ToSchema)]
#[schema(as = TensionLevel)]
pub struct LevelJson {
    pub level: u8,
    /// In the language asked for.
    pub name: String,
}

fn level_json(lang: Lang, l: &Level) -> LevelJson {
    LevelJson { level: l.level, name: l.name.get(lang).to_string() }
}

/// A signal from the weekly data that touches the neighbourhood: one of its cluster (the
/// neighbourhood and those bordering it) or of the whole partnership.
#[derive(Serialize, ToSchema)]
#[schema(as = TensionSignal)]
pub struct SignalJson {
    /// The Monday of the week tested, `YYYY-MM-DD`.
    pub week: String,
    /// The series, such as `reports_hate:cluster:12:four_weeks` or `intelligence_tension:partnership:weekly`.
    pub series: String,
    pub observed: i64,
    /// The usual count for such a week (or four weeks).
    pub usual: f64,
    /// The chance of as many or more in a usual week.
    pub p_value: f64,
    /// The signal in words, ending with the reminder that reports also measure willingness to report.
    pub words: String,
}

fn signal_json(lang: Lang, s: &SignalFacts) -> SignalJson {
    SignalJson {
        week: api_day(s.week_start),
        series: s.series.clone(),
        observed: s.observed,
        usual: s.usual,
        p_value: s.p_value,
        words: signal_sentence(lang, s),
    }
}

/// A neighbourhood of the CSP with its current level.
#[derive(Serialize, ToSchema)]
pub struct TensionSummary {
    #[schema(examples("cardiff-adamsdown"))]
    pub neighbourhood: String,
    pub name: NamesJson,
    /// Null when never assessed.
    #[schema(required)]
    pub level: Option<LevelJson>,
    /// When the current assessment was recorded; null when never assessed.
    #[schema(required)]
    pub assessed_at: Option<String>,
    /// The current assessment's next review, `YYYY-MM-DD`.
    #[schema(required)]
    pub next_review: Option<String>,
    pub review_overdue: bool,
    #[schema(required)]
    pub last_signal: Option<SignalJson>,
    #[schema(examples("/api/v1/tension/cardiff-adamsdown"))]
    pub href: String,
}

#[derive(Serialize, ToSchema)]
pub struct TensionList {
    /// `en` or `cy`: the language of the names of levels and of the signals' words.
    pub language: String,
    pub neighbourhoods: Vec<TensionSummary>,
}

/// `GET /api/v1/tension`
#[utoipa::path(
    get,
    path = "/api/v1/tension",
    tag = "tension",
    summary = "The CSP's neighbourhoods with their current tension level and last signal",
    description = "Officers, analysts, engagement leads and managers: every neighbourhood of the key's CSP with its current tension level (number and the CSP's name for it), when it was assessed, its next review, and the last signal from the weekly data touching it (its cluster's or the partnership's), with the figures and in words. Partner keys may not read tension (403). Each call is audited.",
    operation_id = "tension",
    security(("apiKey" = [])),
    params(TensionQuery),
    responses(
        (status = 200, description = "The neighbourhoods.", body = TensionList),
        (status = 400, description = "A bad language (code invalid_parameter).", body = ApiError),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "The key's role may not read tension (code forbidden).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    ApiQuery(query): ApiQuery<TensionQuery>,
) -> Response {
    if let Err(r) = may_view(&key) {
        return r;
    }
    let lang = match language(&query) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let now = db::now();
    let (rows, levels, signals) = match (
        db::tension::overview(&state.db, key.csp_id, crate::problems::overdue_due_by(now)).await,
        csp_levels(&state.db, key.csp_id).await,
        db::tension_signals::signals_of(&state.db, key.csp_id, 0).await,
    ) {
        (Ok(r), Ok(l), Ok(s)) => (r, l, s),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return internal(e),
    };
    let names =
        |id: i64| rows.iter().find(|r| r.id == id).map(|r| Names::new(r.name_en.clone(), r.name_cy.clone()));
    let neighbourhoods: Vec<TensionSummary> = rows
        .iter()
        .map(|r| TensionSummary {
            neighbourhood: r.public_slug.clone(),
            name: (&Names::new(r.name_en.clone(), r.name_cy.clone())).into(),
            level: r.level.map(|l| level_json(lang, &level_of(&levels, l.clamp(0, 4) as u8))),
            assessed_at: r.recorded_at.map(api_time),
            next_review: r.review_on.map(api_day),
            review_overdue: r.review_on.is_some_and(|d| crate::tension::assessments::review_overdue(d, now)),
            last_signal: last_signal_of(&signals, r.id)
                .map(|s| signal_json(lang, &SignalFacts::of(s, s.neighbourhood_id.and_then(names)))),
            href: format!("/api/v1/tension/{}", r.public_slug),
        })
        .collect();
    let csp = key.csp_id.to_string();
    if let Err(r) =
        audited(&state, &key, "tension_api", &csp, format!("neighbourhoods sent: {}", neighbourhoods.len()))
            .await
    {
        return r;
    }
    Json(TensionList { language: lang.code().to_string(), neighbourhoods }).into_response()
}

/// An indicator of an assessment.
#[derive(Serialize, ToSchema)]
#[schema(as = TensionIndicator)]
pub struct IndicatorJson {
    #[schema(schema_with = kind_schema)]
    pub kind: &'static str,
    /// Whether it lowers tension (cohesion work, community leaders calming things).
    pub positive: bool,
    /// Evidenced, experienced or potential.
    #[schema(schema_with = tag_schema)]
    pub status: &'static str,
    /// The sanitised note.
    pub note: String,
    pub source: String,
    /// The 3x5x2 grade, such as `2B P`.
    pub grade: String,
    pub in_media: bool,
    /// The linked intelligence items' references; null for a role that may not read intelligence.
    #[schema(required)]
    pub intelligence_items: Option<Vec<String>>,
}

/// One version of the neighbourhood's assessment.
#[derive(Serialize, ToSchema)]
#[schema(as = TensionAssessment)]
pub struct VersionJson {
    pub version: i64,
    pub level: LevelJson,
    /// The sanitised narrative.
    pub narrative: String,
    pub owner: String,
    /// `YYYY-MM-DD`
    pub review_on: String,
    pub recorded_by: String,
    pub recorded_at: String,
    pub indicators: Vec<IndicatorJson>,
}

#[derive(Serialize, ToSchema)]
pub struct TensionHistory {
    pub neighbourhood: String,
    pub name: NamesJson,
    pub language: String,
    /// The current level; null when never assessed.
    #[schema(required)]
    pub level: Option<LevelJson>,
    /// Every version, newest first.
    pub assessments: Vec<VersionJson>,
    /// The signals touching the neighbourhood (its cluster's and the partnership's), newest first.
    pub signals: Vec<SignalJson>,
}

/// `GET /api/v1/tension/{neighbourhood}`
#[utoipa::path(
    get,
    path = "/api/v1/tension/{neighbourhood}",
    tag = "tension",
    summary = "One neighbourhood's tension history",
    description = "Every version of the neighbourhood's assessment (newest first) with its level, sanitised narrative, owner, review and indicators (kind, evidenced/experienced/potential, sanitised note, source, grade; linked intelligence items only for roles that may read intelligence), and the signals from the weekly data touching it. Another CSP's neighbourhood is 404. Each call is audited.",
    operation_id = "tensionNeighbourhood",
    security(("apiKey" = [])),
    params(
        ("neighbourhood" = String, Path, description = "A neighbourhood's public slug, such as cardiff-adamsdown."),
        TensionQuery,
    ),
    responses(
        (status = 200, description = "The history.", body = TensionHistory),
        (status = 400, description = "A bad language (code invalid_parameter).", body = ApiError),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "The key's role may not read tension (code forbidden).", body = ApiError),
        (status = 404, description = "No such neighbourhood in the key's CSP (code not_found).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn one(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<TensionQuery>,
) -> Response {
    if let Err(r) = may_view(&key) {
        return r;
    }
    let lang = match language(&query) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let n = match db::tension::neighbourhood(&state.db, &slug).await {
        Ok(Some(n)) if n.csp_id == key.csp_id => n,
        Ok(_) => {
            return json_error(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no neighbourhood '{slug}' is visible to this key"),
            )
        }
        Err(e) => return internal(e),
    };
    let items = role_allows(key.role, Permission::ViewIntelligence);
    let (versions, levels, signals) = match (
        db::tension::versions(&state.db, n.id).await,
        csp_levels(&state.db, n.csp_id).await,
        db::tension_signals::signals_of(&state.db, n.csp_id, 0).await,
    ) {
        (Ok(v), Ok(l), Ok(s)) => (v, l, s),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return internal(e),
    };
    let mut assessments = Vec::with_capacity(versions.len());
    for v in &versions {
        let indicators = match db::tension::indicators(&state.db, v.id).await {
            Ok(i) => i,
            Err(e) => return internal(e),
        };
        assessments.push(VersionJson {
            version: v.version,
            level: level_json(lang, &level_of(&levels, v.level.clamp(0, 4) as u8)),
            narrative: v.narrative.clone(),
            owner: v.owner.clone(),
            review_on: api_day(v.review_on),
            recorded_by: v.recorded_by.clone(),
            recorded_at: api_time(v.recorded_at),
            indicators: indicators
                .into_iter()
                .map(|i| IndicatorJson {
                    kind: i.kind.as_str(),
                    positive: i.kind.positive(),
                    status: i.tag.as_str(),
                    note: i.note,
                    source: i.source,
                    grade: i.grade.label(),
                    in_media: i.in_media,
                    intelligence_items: items.then_some(i.items),
                })
                .collect(),
        });
    }
    let signals: Vec<SignalJson> = signals
        .iter()
        .filter(|s| s.neighbourhood_id.is_none() || s.neighbourhood_id == Some(n.id))
        .map(|s| signal_json(lang, &SignalFacts::of(s, s.neighbourhood_id.map(|_| n.names()))))
        .collect();
    let detail = format!("versions sent: {}, signals sent: {}", assessments.len(), signals.len());
    if let Err(r) = audited(&state, &key, "tension_api_neighbourhood", &n.public_slug, detail).await {
        return r;
    }
    Json(TensionHistory {
        neighbourhood: n.public_slug.clone(),
        name: (&n.names()).into(),
        language: lang.code().to_string(),
        level: assessments.first().map(|a| LevelJson { level: a.level.level, name: a.level.name.clone() }),
        assessments,
        signals,
    })
    .into_response()
}
