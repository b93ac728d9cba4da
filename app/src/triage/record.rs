//! Recording intelligence from engagement (`/staff/intelligence/record`): what a street briefing,
//! a KIN member, a survey's free-text answer, a partner or a meeting told an officer or
//! engagement lead, sanitised and graded 3x5x2 like an item from a report. Opened from a survey
//! response (`?response={id}&question={key}`), the form starts from that answer (source,
//! neighbourhood and text, the text's emails and phone numbers taken out) and keeps the link to
//! the response. The new item is in the intelligence list, on the tasking agenda, in partners'
//! view when shared, and can be linked to problem profiles.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, intelligence::NewRecordedItem},
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{
        form::Posted,
        outcome::{Outcome, Pages},
        page::Page,
        use_lang, CspPicker,
    },
    staff::{guard::Staff, kept, pages::require_user, CspAccess, Permission, StaffUser},
    state::AppState,
    t,
    triage::{
        pages::{intelligence_source_name, tension_name, GradeChoice},
        recorded::{self, RecordInput, RecordProblem},
        GradeProblem, ReporterDetails, TENSION_TAGS,
    },
};
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;
const ADDRESS: &str = "/staff/intelligence/record";

/// The page key refused forms are kept under (see `staff::kept`).
fn record_page(slug: &str) -> String {
    format!("intelligence-record/{slug}")
}

/// The survey answer the form starts from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FromAnswer {
    pub response: i64,
    pub question: String,
    pub campaign: Names,
    pub kin: bool,
    pub submitted_at: crate::time::Timestamp,
    /// Items already made from this response: (question, reference).
    pub earlier: Vec<(String, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub organisations: Vec<(i64, String)>,
    /// What the form starts with (from an answer, or empty).
    pub start: RecordInput,
    pub from: Option<FromAnswer>,
    pub today: String,
    pub kept: kept::KeptForm,
}

/// The form's data: the CSP's neighbourhoods and organisations, and (opened from a survey
/// answer) that answer, whose reading is audited.
pub async fn record_view(
    csp: Option<String>,
    response: Option<String>,
    question: Option<String>,
    kept_token: Option<String>,
) -> Result<RecordView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let allowed = user.csps_where(Permission::RecordIntelligence);
    let response: Option<i64> = response.and_then(|r| r.trim().parse().ok());
    let question = question.unwrap_or_default();
    // Opened from an answer: the answer's CSP, if the person records intelligence there.
    let answer = match response {
        Some(id) => Some(
            db::intelligence::answer(&state.db, id, &question)
                .await
                .map_err(internal)?
                .filter(|a| allowed.iter().any(|c| c.id == a.csp_id))
                .ok_or_else(|| reject(AppError::NotFound))?,
        ),
        None => None,
    };
    let csp = match &answer {
        Some(a) => allowed.iter().find(|c| c.id == a.csp_id).map(|c| c.slug.clone()),
        None => csp,
    };
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let kept = kept::kept(&state.db, user.id, &record_page(&slug), kept_token.as_deref()).await;
    let (neighbourhoods, _) = db::problems::choices(&state.db, csp_id).await.map_err(internal)?;
    let organisations = db::triage::organisations(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let now = db::now();
    let today = crate::time::iso_date(now);
    let mut start = RecordInput { observed_on: today.clone(), ..RecordInput::default() };
    let from = match answer {
        Some(a) => {
            let kin = a.channel == crate::engagement::ResponseChannel::Kin;
            start.origin = recorded::answer_source(kin).as_str().to_string();
            start.neighbourhood = a.neighbourhood_id.map(|n| n.to_string()).unwrap_or_default();
            start.observed_on = crate::time::iso_date(a.submitted_at);
            start.summary = recorded::suggest_text(&a.text);
            // The resident's words were read: recorded before anything is shown.
            db::audit::record(
                &state.db,
                NewAuditEntry {
                    actor_user_id: Some(user.id),
                    actor_label: user.email.clone(),
                    action: Some(AuditAction::SurveyAnswerRead),
                    record_type: Some("survey_response".into()),
                    record_id: Some(a.response_id.to_string()),
                    csp_id: Some(csp_id),
                    ip: crate::staff::session::client_ip(),
                    detail: Some(format!("question {question}: to record intelligence")),
                },
            )
            .await
            .map_err(internal)?;
            let earlier =
                db::intelligence::items_from_response(&state.db, a.response_id).await.map_err(internal)?;
            Some(FromAnswer {
                response: a.response_id,
                question,
                campaign: a.campaign,
                kin,
                submitted_at: a.submitted_at,
                earlier,
            })
        }
        None => None,
    };
    Ok(RecordView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        neighbourhoods,
        organisations,
        start,
        from,
        today,
        kept,
    })
}

#[component]
pub fn RecordIntelligencePage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = record_view(q.get("csp"), q.get("response"), q.get("question"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "intel-record-title") load render=move |view| record_form(lang, view)>
            <Notice lang />
            <p>{t!(lang, "intel-record-intro")}</p>
        </Page>
    }
}

/// What the last form did, or why it was refused (engagement's codes).
#[component]
pub fn Notice(lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let (done, error, item) = (
        query.read_untracked().get("done").map(|d| Outcome::done(Pages::Engagement, &d)),
        query.read_untracked().get("error").map(|e| Outcome::error(Pages::Engagement, &e)),
        query.read_untracked().get("item").and_then(|i| crate::triage::parse_item_reference(&i)),
    );
    view! {
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>
            {d.message(lang)}
            {item.map(|id| {
                let reference = crate::triage::item_reference(id);
                let href = format!("{}#{reference}", lang.path("/staff/intelligence"));
                view! { " " <a href=href>{reference}</a> }
            })}
        </p></div> })}
        {error.map(|e| view! { <div class="error-summary" role="alert" tabindex="-1"><p>{e.message(lang)}</p></div> })}
    }
    .into_any()
}

fn record_form(lang: Lang, v: RecordView) -> impl IntoView {
    let RecordView { csps, selected, neighbourhoods, organisations, start, from, today, kept: k } = v;
    let value = |name: &str, start: &str| k.value("record", name, start);
    let origin = value("origin", &start.origin);
    let neighbourhood = value("neighbourhood", &start.neighbourhood);
    let shared: Vec<i64> = k.ids("record", "share", Vec::new());
    let tension = value("tension", "");
    let chosen = |name: &str| Some(value(name, "")).filter(|v| !v.is_empty());
    let (response, question) = match &from {
        Some(f) => (f.response.to_string(), f.question.clone()),
        None => (String::new(), String::new()),
    };
    view! {
        <CspPicker lang csps selected=selected.clone() />
        {from.clone().map(|f| from_answer(lang, f))}
        <form method="post" action=ADDRESS class="form">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="csp" value=selected />
            <input type="hidden" name="response" value=value("response", &response) />
            <input type="hidden" name="question" value=value("question", &question) />
            <div class="field">
                <label for="origin">{t!(lang, "intel-origin")}</label>
                <select id="origin" name="origin" required>
                    <option value="">{t!(lang, "intel-choose")}</option>
                    {recorded::recordable().map(|s| view! {
                        <option value=s.as_str() selected=origin == s.as_str()>{intelligence_source_name(lang, s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="neighbourhood">{t!(lang, "intel-neighbourhood")}</label>
                <select id="neighbourhood" name="neighbourhood" required>
                    <option value="">{t!(lang, "intel-choose")}</option>
                    {neighbourhoods.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=neighbourhood == id.to_string()>{name.get(lang).to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="observed_on">{t!(lang, "intel-observed-on")}</label>
                <input id="observed_on" name="observed_on" type="date" required max=today value=value("observed_on", &start.observed_on) />
            </div>
            <div class="field">
                <label for="summary">{t!(lang, "triage-summary")}</label>
                <p class="hint" id="summary-hint">{t!(lang, "intel-summary-hint")}</p>
                <textarea id="summary" name="summary" rows="6" required aria-describedby="summary-hint">{value("summary", &start.summary)}</textarea>
            </div>
            <GradeChoice lang name="source" legend=t!(lang, "triage-source") options=&["1", "2", "3"] chosen=chosen("source") />
            <GradeChoice lang name="intelligence" legend=t!(lang, "triage-intelligence") options=&["A", "B", "C", "D", "E"] chosen=chosen("intelligence") />
            <GradeChoice lang name="handling" legend=t!(lang, "triage-handling") options=&["P", "C"] chosen=chosen("handling") />
            <div class="field">
                <label for="conditions">{t!(lang, "triage-conditions")}</label>
                <p class="hint" id="conditions-hint">{t!(lang, "triage-conditions-hint")}</p>
                <textarea id="conditions" name="conditions" rows="3" aria-describedby="conditions-hint">{value("conditions", "")}</textarea>
            </div>
            <fieldset class="field">
                <legend>{t!(lang, "triage-share-with")}</legend>
                <p class="hint">{t!(lang, "triage-share-hint")}</p>
                {organisations.iter().map(|(id, name)| view! {
                    <div class="choice">
                        <input type="checkbox" name="share" id=format!("share-{id}") value=id.to_string() checked=shared.contains(id) />
                        <label for=format!("share-{id}")>{name.clone()}</label>
                    </div>
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="tension">{t!(lang, "triage-tension")}</label>
                <select id="tension" name="tension">
                    <option value="">{t!(lang, "triage-tension-none")}</option>
                    {TENSION_TAGS.iter().map(|tag| view! { <option value=*tag selected=tension == *tag>{tension_name(lang, tag)}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t!(lang, "intel-record")}</button>
        </form>
    }
}

/// The survey (or KIN) answer the form starts from, and the items already made from it.
fn from_answer(lang: Lang, f: FromAnswer) -> AnyView {
    let heard = if f.kin { t!(lang, "intel-from-kin") } else { t!(lang, "intel-from-survey") };
    view! {
        <section aria-labelledby="from-answer" class="card">
            <h2 id="from-answer">{heard}</h2>
            <p>{t!(lang, "intel-from-answer", campaign = f.campaign.get(lang).to_string(), question = f.question.clone(), date = crate::time::date(lang, f.submitted_at))}</p>
            {(!f.earlier.is_empty()).then(|| view! {
                <p>{t!(lang, "intel-from-earlier", items = f.earlier.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>().join(", "))}</p>
            })}
        </section>
    }
    .into_any()
}

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RecordForm {
    pub csp: String,
    pub origin: String,
    pub neighbourhood: String,
    pub observed_on: String,
    pub summary: String,
    pub source: String,
    pub intelligence: String,
    pub handling: String,
    pub conditions: String,
    pub tension: String,
    pub share: Vec<String>,
    /// The survey response and question it is made from (empty otherwise).
    pub response: String,
    pub question: String,
}

fn back(lang: Lang, slug: &str, query: &str) -> Response {
    Redirect::to(&format!("{}?csp={slug}&{query}", lang.path(ADDRESS))).into_response()
}

fn problem_outcome(problem: RecordProblem) -> Outcome {
    match problem {
        RecordProblem::Source => Outcome::IntelOrigin,
        RecordProblem::Neighbourhood => Outcome::IntelNeighbourhood,
        RecordProblem::Date => Outcome::IntelDate,
        RecordProblem::SummaryRequired => Outcome::IntelSummaryRequired,
        RecordProblem::SummaryTooLong => Outcome::IntelSummaryTooLong,
        RecordProblem::SummaryIdentifies => Outcome::IntelSummaryIdentifies,
        RecordProblem::Grade(GradeProblem::Source) => Outcome::IntelSource,
        RecordProblem::Grade(GradeProblem::Intelligence) => Outcome::IntelIntelligence,
        RecordProblem::Grade(GradeProblem::Handling) => Outcome::IntelHandling,
        RecordProblem::Grade(GradeProblem::ConditionsRequired) => Outcome::IntelConditionsRequired,
        RecordProblem::Grade(GradeProblem::ConditionsTooLong) => Outcome::IntelConditionsTooLong,
        RecordProblem::Tension => Outcome::IntelTension,
    }
}

/// `POST /staff/intelligence/record`: a new item from engagement, audited with its grade and
/// whom it is shared with; refused, the form comes back as typed with the first mistake said.
pub async fn record(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<RecordForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::RecordIntelligence, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let page = record_page(&csp.slug);
    let (db, user, page, fields, slug) =
        (&state.db, staff.user.id, page.as_str(), fields.as_slice(), csp.slug.as_str());
    let refuse = move |outcome: Outcome| async move {
        let query = kept::refusal(db, user, page, "record", fields, outcome).await;
        back(lang, slug, &query)
    };
    let unavailable = |e: db::DbError| {
        tracing::error!(error = %e, "could not record intelligence");
        Outcome::EngagementUnavailable
    };
    // The answer it is made from, if any: a text answer of a response of this CSP.
    let response = match form.response.trim() {
        "" => None,
        r => match r.parse::<i64>() {
            Ok(id) => match db::intelligence::answer(&state.db, id, &form.question).await {
                Ok(Some(a)) if a.csp_id == csp.csp_id => Some(a),
                Ok(_) => return refuse(Outcome::IntelAnswer).await,
                Err(e) => return refuse(unavailable(e)).await,
            },
            Err(_) => return refuse(Outcome::IntelAnswer).await,
        },
    };
    let neighbourhoods = match db::problems::choices(&state.db, csp.csp_id).await {
        Ok((n, _)) => n.into_iter().map(|(id, _)| id).collect::<Vec<_>>(),
        Err(e) => return refuse(unavailable(e)).await,
    };
    let input = RecordInput {
        origin: form.origin.clone(),
        neighbourhood: form.neighbourhood.clone(),
        observed_on: form.observed_on.clone(),
        summary: form.summary.clone(),
        source: form.source.clone(),
        intelligence: form.intelligence.clone(),
        handling: form.handling.clone(),
        conditions: form.conditions.clone(),
        tension: form.tension.clone(),
    };
    let today = db::now().div_euclid(DAY) * DAY;
    let item = match recorded::check(&input, &neighbourhoods, today, &ReporterDetails::default()) {
        Ok(item) => item,
        Err(problems) => return refuse(problem_outcome(problems[0])).await,
    };
    let organisations = match db::triage::organisations(&state.db, csp.csp_id).await {
        Ok(o) => o,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let mut shares = Vec::new();
    for value in &form.share {
        match value.parse::<i64>().ok().filter(|id| organisations.iter().any(|o| o.id == *id)) {
            Some(id) => shares.push(id),
            None => return refuse(Outcome::IntelShareUnknown).await,
        }
    }
    let names: Vec<&str> = organisations
        .iter()
        .filter(|o| shares.contains(&o.id) && item.grade.handling == crate::triage::HandlingCode::C)
        .map(|o| o.name.as_str())
        .collect();
    let mut detail = format!("{} · {}", item.source.as_str(), item.grade.label());
    if !names.is_empty() {
        detail.push_str(&format!(" → {}", names.join(", ")));
    }
    if let Some(a) = &response {
        detail.push_str(&format!(" · from response {} question {}", a.response_id, form.question));
    }
    let audit = NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(AuditAction::IntelligenceRecorded),
        record_type: Some("intelligence_item".into()),
        record_id: None,
        csp_id: Some(csp.csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(detail),
    };
    let new = NewRecordedItem {
        csp_id: csp.csp_id,
        source: item.source,
        neighbourhood_id: item.neighbourhood_id,
        observed_on: item.observed_on,
        summary: &item.summary,
        grade: &item.grade,
        tension: item.tension.as_deref(),
        recorded_by: staff.user.id,
        response: response.as_ref().map(|a| (a.response_id, form.question.as_str())),
    };
    match db::intelligence::record_item(&state.db, &new, &shares, audit).await {
        Ok(id) => back(
            lang,
            &csp.slug,
            &format!("{}&item={}", Outcome::IntelRecorded.query(), crate::triage::item_reference(id)),
        ),
        Err(e) => refuse(unavailable(e)).await,
    }
}
