//! Staff posts for face-to-face and paper responses: one response keyed in at a street
//! briefing, a have-a-say day, the door or a meeting (`POST /staff/engagement/{id}/enter`), and
//! a CSV of keyed-in paper responses (`POST /staff/engagement/{id}/import`), imported whole or
//! not at all. Each is audited with who keyed it; duplicates across channels are flagged.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{
        self,
        engagement::{CampaignRow, NewResponse},
        responses::Stored,
    },
    engagement::{
        entry_pages::FACE_TO_FACE,
        respond::{self, CsvError, CsvProblem},
        respond_pages::ward_choices,
        survey::Survey,
        ResponseChannel,
    },
    i18n::Lang,
    shell::{
        form::Posted,
        outcome::Outcome,
        problem::{page, Problem},
    },
    staff::{guard::Staff, Permission},
    state::AppState,
};
use axum::{
    extract::{Multipart, Path, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// Largest CSV file accepted (a few thousand paper forms).
pub const MAX_CSV_BYTES: usize = 2 * 1024 * 1024;

/// The staff form: how the response came in and in which language; a ward when the survey asks
/// no place; the shared-tablet mode. The answers are the `q_...` fields.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EntryPost {
    pub channel: String,
    pub language: String,
    pub ward: String,
    pub tablet: String,
}

/// The campaign and its published survey, for a person who may enter responses in its CSP.
async fn campaign_for(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    id: i64,
) -> Result<(CampaignRow, Option<(i64, Survey)>), Response> {
    let campaign = match db::engagement::campaign(&state.db, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => {
            tracing::error!(error = %e, "could not read a campaign");
            return Err(page(lang, Problem::Internal));
        }
    };
    staff.require(lang, Permission::ViewEngagementResults, Permission::EnterResponses, campaign.csp_id)?;
    let version = match db::engagement::survey_of_campaign(&state.db, id).await {
        Ok(Some(s)) => db::engagement::current_version(&state.db, s.id).await,
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    match version {
        Ok(v) => Ok((campaign, v.and_then(|v| Some((v.id, serde_json::from_str(&v.questions).ok()?))))),
        Err(e) => {
            tracing::error!(error = %e, "could not read a survey");
            Err(page(lang, Problem::Internal))
        }
    }
}

/// Back to a staff page of the campaign, with what the form did.
fn to(lang: Lang, page_path: &str, query: String) -> Response {
    Redirect::to(&format!("{}?{query}", lang.path(page_path))).into_response()
}

/// `POST /staff/engagement/{id}/enter`: stores one response keyed in by staff.
pub async fn enter(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<EntryPost>,
) -> Response {
    let (campaign, survey) = match campaign_for(&state, &staff, lang, id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let user = &staff.user;
    let page_path = format!("/staff/engagement/{id}/enter");
    let tablet = form.tablet.trim() == "1";
    let back = |query: String| to(lang, &page_path, if tablet { format!("{query}&tablet=1") } else { query });
    let refuse = |outcome: Outcome| {
        let (db, page_path, fields, user_id) = (state.db.clone(), page_path.clone(), fields.clone(), user.id);
        async move {
            let query =
                crate::staff::kept::refusal(&db, user_id, &page_path, "enter", &fields, outcome).await;
            to(lang, &page_path, if tablet { format!("{query}&tablet=1") } else { query })
        }
    };
    let Some((version_id, survey)) = survey else { return back(Outcome::EngagementUnavailable.query()) };
    let Some(channel) = ResponseChannel::parse(form.channel.trim()).filter(|c| FACE_TO_FACE.contains(c))
    else {
        return refuse(Outcome::ResponseChannelInvalid).await;
    };
    let wards = match db::engagement::campaign_wards(&state.db, id).await {
        Ok(w) => w,
        Err(e) => {
            tracing::error!(error = %e, "could not read wards");
            return back(Outcome::EngagementUnavailable.query());
        }
    };
    let (_, places) = ward_choices(&wards, lang);
    let (answers, equality) = match (
        survey.check(&respond::answer_fields(&fields), &places),
        crate::engagement::equality::read(&respond::equality_fields(&fields)),
    ) {
        (Ok(a), Ok(e)) => (a, e),
        _ => return refuse(Outcome::ResponseAnswers).await,
    };
    let ward = form.ward.trim();
    let neighbourhood_id = match (answers.neighbourhood(), ward.is_empty()) {
        (Some(n), _) => Some(n),
        (None, true) => None,
        (None, false) => match places.get(ward) {
            Some(n) => Some(*n),
            None => return refuse(Outcome::ResponseAnswers).await,
        },
    };
    let rows = answers.rows();
    let response = NewResponse {
        campaign_id: id,
        survey_version_id: version_id,
        csp_id: campaign.csp_id,
        neighbourhood_id,
        channel,
        language: Lang::parse(&form.language).unwrap_or(lang),
        entered_by: Some(user.id),
        respondent_key: None,
        duplicate_of: None,
        answers: &rows,
        equality: &equality,
    };
    let hash = respond::answers_hash(neighbourhood_id, &rows);
    let stored = async {
        let mut tx = state.db.writer().begin().await?;
        let stored = db::responses::store_in(&mut tx, &response, &hash, None, None).await?;
        if let Stored::Response { id: response_id, duplicate_of } = stored {
            let entry = NewAuditEntry {
                actor_user_id: Some(user.id),
                actor_label: user.email.clone(),
                action: Some(AuditAction::ResponseEntered),
                record_type: Some("survey_response".into()),
                record_id: Some(response_id.to_string()),
                csp_id: Some(campaign.csp_id),
                ip: Some(staff.ip.clone()),
                detail: Some(match duplicate_of {
                    Some(d) => format!("campaign {id}; {}; possible duplicate of {d}", channel.as_str()),
                    None => format!("campaign {id}; {}", channel.as_str()),
                }),
            };
            db::audit::record_in(&mut tx, &entry).await?;
        }
        tx.commit().await?;
        Ok::<_, db::DbError>(stored)
    };
    match stored.await {
        // Nothing of this respondent is carried to the next: the channel only.
        Ok(_) => back(format!("{}&channel={}", Outcome::ResponseEntered.query(), channel.as_str())),
        Err(e) => {
            tracing::error!(error = %e, "could not store a response entered by staff");
            refuse(Outcome::EngagementUnavailable).await
        }
    }
}

/// `POST /staff/engagement/{id}/import`: a CSV file of paper responses (multipart, `file`).
/// Every row is checked; one bad row refuses the whole file, with each problem by line.
pub async fn import(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Response {
    let mut lang = Lang::En;
    let mut file: Option<Vec<u8>> = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("lang") => lang = Lang::parse(&field.text().await.unwrap_or_default()).unwrap_or_default(),
            Some("file") => file = field.bytes().await.ok().map(|b| b.to_vec()),
            _ => {}
        }
    }
    let (campaign, survey) = match campaign_for(&state, &staff, lang, id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let user = &staff.user;
    let page_path = format!("/staff/engagement/{id}/import");
    let back = |query: String| to(lang, &page_path, query);
    let Some((version_id, survey)) = survey else { return back(Outcome::EngagementUnavailable.query()) };
    let refuse = |errors: Vec<CsvError>| {
        let (db, page_path, user_id) = (state.db.clone(), page_path.clone(), user.id);
        async move {
            let kept: Vec<(String, String)> = errors
                .iter()
                .take(200)
                .map(|e| ("error".to_string(), serde_json::to_string(e).unwrap_or_default()))
                .collect();
            let query = crate::staff::kept::refusal(
                &db,
                user_id,
                &page_path,
                "import",
                &kept,
                Outcome::ResponsesImportRefused,
            )
            .await;
            to(lang, &page_path, query)
        }
    };
    let Some(text) = file.and_then(|f| String::from_utf8(f).ok()) else {
        return refuse(vec![CsvError { line: 1, problem: CsvProblem::Unreadable }]).await;
    };
    let wards = match db::engagement::campaign_wards(&state.db, id).await {
        Ok(w) => w,
        Err(e) => {
            tracing::error!(error = %e, "could not read wards");
            return back(Outcome::EngagementUnavailable.query());
        }
    };
    let (_, places) = ward_choices(&wards, lang);
    let read = match respond::parse_csv(&text, &survey, &places) {
        Ok(r) => r,
        Err(errors) => return refuse(errors).await,
    };
    let stored = async {
        let mut tx = state.db.writer().begin().await?;
        let mut flagged = 0;
        for r in &read {
            let rows = r.answers.rows();
            let neighbourhood_id = r.answers.neighbourhood();
            let response = NewResponse {
                campaign_id: id,
                survey_version_id: version_id,
                csp_id: campaign.csp_id,
                neighbourhood_id,
                channel: ResponseChannel::Paper,
                language: r.language,
                entered_by: Some(user.id),
                respondent_key: None,
                duplicate_of: None,
                answers: &rows,
                equality: &r.equality,
            };
            let hash = respond::answers_hash(neighbourhood_id, &rows);
            if let Stored::Response { duplicate_of: Some(_), .. } =
                db::responses::store_in(&mut tx, &response, &hash, None, None).await?
            {
                flagged += 1;
            }
        }
        let entry = NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(AuditAction::ResponsesImported),
            record_type: Some("campaign".into()),
            record_id: Some(id.to_string()),
            csp_id: Some(campaign.csp_id),
            ip: Some(staff.ip.clone()),
            detail: Some(format!("{} paper responses; {flagged} possible duplicates", read.len())),
        };
        db::audit::record_in(&mut tx, &entry).await?;
        tx.commit().await?;
        Ok::<_, db::DbError>(flagged)
    };
    match stored.await {
        Ok(flagged) => {
            back(format!("{}&count={}&flagged={flagged}", Outcome::ResponsesImported.query(), read.len()))
        }
        Err(e) => {
            tracing::error!(error = %e, "could not import paper responses");
            back(Outcome::EngagementUnavailable.query())
        }
    }
}
