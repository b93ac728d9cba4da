//! `GET /api/v1/campaigns/{id}/results`: a campaign's survey results as the results page shows
//! them (`results_pages::compute`: every version merged by question key, the same filters, the
//! same suppression), for partner systems. Scoped like the rest of the API: a key acts in one
//! CSP, another CSP's campaign is 404; partner keys see a campaign only once its results are
//! published, and then only the whole campaign's counts (no filters), as on the page.
//!
//! A count is sent as `{"count": 26, "suppressed": false}`, or `{"count": null, "suppressed":
//! true}` when it is under the CSP's threshold or hidden so that no hidden count can be worked
//! out (by subtraction from a total, or from the unfiltered view). Free-text answers are never
//! sent: a free-text question carries how many answered it only.

use crate::{
    api::{api_time, one_of, one_of_or_null, partner_only, ApiError, ApiQuery, NamesJson},
    db,
    engagement::{
        results::{Body, Filter, Group, Line, QuestionResult},
        results_pages::compute,
        survey::QuestionKind,
        ResponseChannel,
    },
    reference::{
        api::{internal, json_error},
        Names,
    },
    staff::{api::ApiKey, Permission},
    state::AppState,
    suppression::Shown,
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
    one_of(QuestionKind::ALL.iter().map(|k| k.as_str()))
}

fn channel_schema() -> utoipa::openapi::Object {
    one_of(ResponseChannel::ALL.iter().map(|c| c.as_str()))
}

fn channel_or_null_schema() -> utoipa::openapi::Object {
    one_of_or_null(ResponseChannel::ALL.iter().map(|c| c.as_str()))
}

/// A count as it may be shown: the number, or null with `suppressed: true` when it is under the
/// CSP's threshold (`threshold` in the answer) or hidden so that another hidden count cannot be
/// worked out by subtraction.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(as = SuppressedCount)]
pub struct CountJson {
    #[schema(required, minimum = 0)]
    pub count: Option<i64>,
    pub suppressed: bool,
}

impl From<Shown> for CountJson {
    fn from(s: Shown) -> Self {
        CountJson { count: s.count(), suppressed: s.is_hidden() }
    }
}

/// One line of a question's results: an option, a rating (`1` to `5`) or a neighbourhood (its
/// id as the key).
#[derive(Serialize, ToSchema)]
#[schema(as = ResultLine)]
pub struct LineJson {
    #[schema(examples("yes", "3", "12"))]
    pub key: String,
    pub label: NamesJson,
    /// How many chose it (a ranking: how many put it first).
    pub count: CountJson,
    /// Its share of the question's respondents, when both counts are shown.
    #[schema(required)]
    pub percent: Option<f64>,
    /// A ranking's points for the option (the first of k places scores k, the last 1); null when
    /// too few ranked it, or for any other kind of question.
    #[schema(required)]
    pub points: Option<i64>,
}

/// One question's results.
#[derive(Serialize, ToSchema)]
#[schema(as = QuestionResults)]
pub struct QuestionJson {
    /// The question's key, the same across the survey's versions.
    pub key: String,
    /// The survey version's number when this holds only an older version's answers to a key that
    /// later changed kind; null otherwise (the versions' answers are added up).
    #[schema(required)]
    pub version: Option<i64>,
    #[schema(schema_with = kind_schema)]
    pub kind: &'static str,
    pub text: NamesJson,
    /// How many responses answered it.
    pub respondents: CountJson,
    /// Options, ratings or neighbourhoods; empty for a free-text question (its answers are never
    /// sent).
    pub lines: Vec<LineJson>,
    /// A rating's mean, when no count beside it is hidden.
    #[schema(required)]
    pub mean: Option<f64>,
    /// A ranking's number of places (the first place's points).
    #[schema(required)]
    pub places: Option<i64>,
}

/// The filter the counts are for (null: all).
#[derive(Serialize, ToSchema)]
#[schema(as = ResultsFilter)]
pub struct FilterJson {
    #[schema(required)]
    pub neighbourhood: Option<i64>,
    #[schema(required, schema_with = channel_or_null_schema)]
    pub channel: Option<&'static str>,
    /// `topic:category`, such as `age_band:25-34`.
    #[schema(required)]
    pub group: Option<String>,
}

/// A campaign's survey results, small numbers suppressed.
#[derive(Serialize, ToSchema)]
pub struct CampaignResults {
    pub campaign_id: i64,
    pub title: NamesJson,
    /// True while the survey is open: the counts may still change.
    pub provisional: bool,
    /// When the results were published to partners; null if not yet.
    #[schema(required)]
    pub published_at: Option<String>,
    /// The CSP's suppression threshold: counts under it are never shown.
    #[schema(examples(10))]
    pub threshold: i64,
    pub filter: FilterJson,
    /// How many responses the filter keeps.
    pub responses: CountJson,
    /// Every question of every published version of the survey, merged by key.
    pub questions: Vec<QuestionJson>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultsQuery {
    /// Only responses from this neighbourhood (an id from `/api/v1/neighbourhoods`, of the key's CSP).
    #[param(value_type = Option<i64>)]
    pub neighbourhood: Option<String>,
    /// Only responses through this channel.
    #[param(schema_with = channel_schema)]
    pub channel: Option<String>,
    /// Only respondents in this equality group: `topic:category` (topics: age_band, sex,
    /// gender_identity, ethnic_group, religion, disability, sexual_orientation, welsh_language).
    #[param(value_type = Option<String>, example = "age_band:25-34")]
    pub group: Option<String>,
}

fn bad(parameter: &str, message: &str) -> Response {
    json_error(StatusCode::BAD_REQUEST, "invalid_parameter", format!("'{parameter}' {message}"))
}

fn line_json(l: &Line) -> LineJson {
    LineJson {
        key: l.key.clone(),
        label: (&l.label).into(),
        count: l.count.into(),
        percent: l.percent,
        points: None,
    }
}

fn question_json(q: &QuestionResult) -> QuestionJson {
    let (lines, mean, places) = match &q.body {
        Body::Choices(lines) | Body::Place(lines) => (lines.iter().map(line_json).collect(), None, None),
        Body::Rating { lines, mean, .. } => (lines.iter().map(line_json).collect(), *mean, None),
        Body::Ranking { lines, places } => (
            lines
                .iter()
                .map(|l| LineJson {
                    key: l.key.clone(),
                    label: (&l.label).into(),
                    count: l.first.into(),
                    percent: l.percent,
                    points: l.points,
                })
                .collect(),
            None,
            Some(*places),
        ),
        Body::FreeText => (Vec::new(), None, None),
    };
    QuestionJson {
        key: q.key.clone(),
        version: q.version,
        kind: q.kind.as_str(),
        text: (&q.text).into(),
        respondents: q.respondents.into(),
        lines,
        mean,
        places,
    }
}

/// `GET /api/v1/campaigns/{id}/results?neighbourhood=&channel=&group=`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/results",
    tag = "engagement",
    summary = "A campaign's survey results, small numbers suppressed",
    description = "Per question of the campaign's survey (every version, merged by question key): the counts per option, rating, ranked first choice or place, how many answered, and whether the results are provisional (the survey still open). Every count under the CSP's threshold is sent as `{\"count\": null, \"suppressed\": true}`, and so is any count hidden so that no hidden one can be worked out by subtraction from a total or, in a filtered view, from the unfiltered view. Free-text answers are never sent. Officers, analysts, engagement leads and managers: any campaign of the key's CSP, with the filters. Partner keys: only a campaign whose results are published, unfiltered. Another CSP's campaign is 404.",
    operation_id = "campaignResults",
    security(("apiKey" = [])),
    params(
        ("id" = i64, Path, description = "The campaign's id."),
        ResultsQuery,
    ),
    responses(
        (status = 200, description = "The results.", body = CampaignResults),
        (status = 400, description = "A bad id or filter (code invalid_parameter, naming it).", body = ApiError),
        (status = 401, description = "No key, or not valid (code unauthorised).", body = ApiError),
        (status = 403, description = "A partner key asked for a filter (code forbidden): partners see the whole campaign's counts only.", body = ApiError),
        (status = 404, description = "No such campaign visible to this key (code not_found).", body = ApiError),
        (status = 503, description = "The database cannot answer now; retry (code unavailable).", body = ApiError),
    ),
)]
pub async fn results(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ResultsQuery>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else { return bad("id", "must be a campaign's id (a whole number)") };
    let not_found =
        || json_error(StatusCode::NOT_FOUND, "not_found", format!("no campaign {id} is visible to this key"));
    let campaign = match db::engagement::campaign(&state.db, id).await {
        Ok(Some(c)) if c.csp_id == key.csp_id => c,
        Ok(_) => return not_found(),
        Err(e) => return internal(e),
    };
    // Partners see a campaign only once its results are published.
    let partner =
        match partner_only(&key, Permission::ViewEngagementResults, Permission::ViewPublishedResults) {
            Some(true) if campaign.results_published_at.is_none() => return not_found(),
            Some(partner) => partner,
            None => return not_found(),
        };
    let given =
        |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let (neighbourhood, channel, group) =
        (given(&query.neighbourhood), given(&query.channel), given(&query.group));
    if partner && (neighbourhood.is_some() || channel.is_some() || group.is_some()) {
        return json_error(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this key's role may not filter results: partners see the whole campaign's counts",
        );
    }
    let neighbourhoods: Vec<(i64, Names)> =
        match db::reference::neighbourhoods(&state.db, campaign.csp_id).await {
            Ok(n) => n.into_iter().map(|n| (n.id, n.name)).collect(),
            Err(e) => return internal(e),
        };
    let mut filter = Filter::default();
    if let Some(n) = neighbourhood {
        match n.parse::<i64>() {
            Ok(n) if neighbourhoods.iter().any(|(id, _)| *id == n) => filter.neighbourhood = Some(n),
            _ => return bad("neighbourhood", "must be the id of one of the CSP's neighbourhoods"),
        }
    }
    if let Some(c) = channel {
        match ResponseChannel::parse(&c) {
            Some(c) => filter.channel = Some(c),
            None => return bad("channel", "must be one of the response channels"),
        }
    }
    if let Some(g) = group {
        match Group::parse(&g) {
            Some(g) => filter.group = Some(g),
            None => {
                return bad("group", "must be an equality group as topic:category, such as age_band:25-34")
            }
        }
    }
    let computed = match compute(&state.db, &campaign, &filter, &neighbourhoods, partner).await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    Json(CampaignResults {
        campaign_id: id,
        title: NamesJson { en: campaign.title_en.clone(), cy: campaign.title_cy.clone() },
        provisional: computed.provisional,
        published_at: campaign.results_published_at.map(api_time),
        threshold: computed.threshold,
        filter: FilterJson {
            neighbourhood: filter.neighbourhood,
            channel: filter.channel.map(|c| c.as_str()),
            group: filter.group.as_ref().map(|g| g.value()),
        },
        responses: computed.responses.into(),
        questions: computed.questions.iter().map(question_json).collect(),
    })
    .into_response()
}
