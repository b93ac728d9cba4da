//! Residents' posts: a step of a survey (`POST /have-your-say/{slug}`: saved as they go, the
//! last step stores the response whole), a personal link by email (`.../email`, one per email)
//! and an emailed copy of the answers (`.../copy`).

use crate::{
    db::{
        self,
        engagement::NewResponse,
        responses::{EmailLink, SaveProgress, Stored},
    },
    engagement::{
        equality, progress,
        respond::{self, Availability, Fields},
        respond_pages::{hub_secret, ward_choices, DEVICE_COOKIE},
        survey::Survey,
        CampaignStatus, ResponseChannel, ResponsePolicy,
    },
    i18n::Lang,
    reference::Names,
    shell::{
        form::Posted,
        outcome::Outcome,
        problem::{page, Problem},
    },
    staff::{
        accounts::{self, random_token, sha256_hex},
        session::ClientIp,
    },
    state::AppState,
    t,
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use serde::Deserialize;

/// A step as posted: the private token (none on the first step), the personal link (first step
/// only), which step, and whether the resident goes back or on. The answers are the `q_...`
/// fields.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepPost {
    pub p: String,
    pub link: String,
    pub step: String,
    pub go: String,
}

fn to(lang: Lang, slug: &str, tail: &str, query: &str) -> Response {
    let path = lang.path(&format!("/have-your-say/{slug}{tail}"));
    if query.is_empty() {
        Redirect::to(&path).into_response()
    } else {
        Redirect::to(&format!("{path}?{query}")).into_response()
    }
}

/// The device cookie for a new browser id, for a year.
fn device_cookie(value: &str, settings: &crate::config::Settings) -> HeaderValue {
    let c = cookie::Cookie::build((DEVICE_COOKIE, value.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(settings.served_over_tls())
        .max_age(cookie::time::Duration::days(365));
    HeaderValue::from_str(&c.build().to_string()).expect("cookie is ASCII")
}

/// `POST /have-your-say/{slug}`: saves a step's answers; on the last step stores the response.
pub async fn answer(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Posted { form, lang, fields: posted }: Posted<StepPost>,
) -> Response {
    let db = &state.db;
    let unavailable = |e: db::DbError| {
        tracing::error!(error = %e, "could not save survey answers");
        page(lang, Problem::Internal)
    };
    let campaign = match db::engagement::campaign_by_slug(db, &slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => return unavailable(e),
    };
    let survey_row = match db::engagement::survey_of_campaign(db, campaign.id).await {
        Ok(s) => s,
        Err(e) => return unavailable(e),
    };
    let available = respond::availability(
        db::now(),
        matches!(campaign.status, CampaignStatus::Closed | CampaignStatus::Reported),
        campaign.starts_on,
        campaign.ends_on,
        survey_row.as_ref().and_then(|s| s.opens_at),
        survey_row.as_ref().and_then(|s| s.closes_at),
    );
    // Closed (or not open): the page says so; nothing is saved.
    let Availability::Open { closes } = available else { return to(lang, &slug, "", "") };
    let secret = match hub_secret(db).await {
        Ok(s) => s,
        Err(e) => return unavailable(e),
    };
    let token = Some(form.p.trim()).filter(|p| !p.is_empty() && p.len() <= 128);
    let progress = match token {
        Some(t) => match db::responses::progress(db, &sha256_hex(t), campaign.id).await {
            Ok(p) => p,
            Err(e) => return unavailable(e),
        },
        None => None,
    };
    if progress.as_ref().is_some_and(|p| p.response_id.is_some()) {
        return to(lang, &slug, "", &format!("p={}", token.unwrap_or_default()));
    }
    // The personal link, on the first step; after that the saved answers carry it.
    let link_id = match (&progress, campaign.response_policy) {
        (Some(p), _) => p.link_id,
        (None, ResponsePolicy::OnePerEmail | ResponsePolicy::OnePerLink) => {
            match db::responses::link(db, &sha256_hex(form.link.trim())).await {
                Ok(Some(l)) if l.campaign_id == campaign.id && l.used_at.is_none() => Some(l.id),
                Ok(_) => return to(lang, &slug, "", ""),
                Err(e) => return unavailable(e),
            }
        }
        (None, _) => None,
    };
    if link_id.is_none()
        && matches!(campaign.response_policy, ResponsePolicy::OnePerEmail | ResponsePolicy::OnePerLink)
    {
        return to(lang, &slug, "", "");
    }
    // One per device: the browser's signed id, made now if it has none.
    let cookie = crate::staff::session::cookie_value(&headers, DEVICE_COOKIE);
    let (device, new_cookie) = match cookie.as_deref().and_then(|c| respond::device_id(&secret, c)) {
        Some(id) => (id, None),
        None if campaign.response_policy == ResponsePolicy::OnePerDevice => {
            let id = random_token();
            let value = respond::device_cookie(&secret, &id);
            (id, Some(device_cookie(&value, &state.settings)))
        }
        None => (String::new(), None),
    };
    let with_cookie = |mut response: Response| {
        if let Some(c) = &new_cookie {
            response.headers_mut().append(header::SET_COOKIE, c.clone());
        }
        response
    };
    let version = match (&progress, &survey_row) {
        (Some(p), _) => db::responses::version(db, p.survey_version_id).await,
        (None, Some(s)) => db::engagement::current_version(db, s.id).await,
        (None, None) => Ok(None),
    };
    let version = match version {
        Ok(Some(v)) => v,
        Ok(None) => return to(lang, &slug, "", ""),
        Err(e) => return unavailable(e),
    };
    let Ok(survey) = serde_json::from_str::<Survey>(&version.questions) else {
        return page(lang, Problem::Internal);
    };
    let wards = match db::engagement::campaign_wards(db, campaign.id).await {
        Ok(w) => w,
        Err(e) => return unavailable(e),
    };
    let (_, places) = ward_choices(&wards, lang);
    let steps = respond::steps(&survey);
    let saved: Fields =
        progress.as_ref().and_then(|p| serde_json::from_str(&p.fields).ok()).unwrap_or_default();
    let reached = progress.as_ref().map(|p| p.step.max(0) as usize).unwrap_or(0);
    // The survey's steps, then equality monitoring: the last step, every question optional.
    let equality_step = steps.len();
    let step = form.step.trim().parse::<usize>().unwrap_or(0).min(reached).min(equality_step);
    let fields = if step == equality_step {
        // The last step also holds the two optional choices (issue 14, progress).
        let with_equality = respond::merge_equality(&saved, &respond::equality_fields(&posted));
        progress::merge_opt_in(&with_equality, &progress::opt_in_fields(&posted))
    } else {
        respond::merge_step(&saved, &respond::answer_fields(&posted), &steps[step])
    };
    let token = token.map(str::to_string).unwrap_or_else(random_token);
    let token_hash = sha256_hex(&token);
    // The address given to be told at is kept with unfinished answers only while it is refused
    // (so the form comes back as typed); otherwise only `survey_contacts` holds it.
    let keep_contact = step == equality_step && progress::read_opt_in(&fields).is_err();
    let save = |step: usize| {
        let kept = if keep_contact { fields.clone() } else { progress::without_contact(&fields) };
        let fields_json = serde_json::to_string(&kept).unwrap_or_default();
        let (db, token_hash) = (db.clone(), token_hash.clone());
        async move {
            db::responses::save_progress(
                &db,
                &SaveProgress {
                    token_hash: &token_hash,
                    campaign_id: campaign.id,
                    survey_version_id: version.id,
                    language: lang.code(),
                    fields_json: &fields_json,
                    step: step as i64,
                    link_id,
                    keep_until: closes,
                },
            )
            .await
        }
    };
    let at_step = |n: usize, extra: &str| format!("p={token}&step={n}{extra}");
    if form.go == "back" {
        let back = respond::previous_step(&survey, &steps, step, &fields).unwrap_or(step);
        if let Err(e) = save(reached.max(step)).await {
            return unavailable(e);
        }
        return with_cookie(to(lang, &slug, "", &at_step(back, "")));
    }
    let refused = if step == equality_step {
        equality::read(&fields).is_err() || progress::read_opt_in(&fields).is_err()
    } else {
        !respond::errors_up_to(&survey, &steps, step, &fields, &places).is_empty()
    };
    if refused {
        if let Err(e) = save(reached.max(step)).await {
            return unavailable(e);
        }
        return with_cookie(to(lang, &slug, "", &at_step(step, "&error=answers")));
    }
    if step < equality_step {
        let next = respond::next_step(&survey, &steps, step, &fields).unwrap_or(equality_step);
        if let Err(e) = save(reached.max(next)).await {
            return unavailable(e);
        }
        return with_cookie(to(lang, &slug, "", &at_step(next, "")));
    }
    // The last step: the whole sheet is checked again and stored in one transaction.
    let (answers, equality, opt_in) =
        match (survey.check(&fields, &places), equality::read(&fields), progress::read_opt_in(&fields)) {
            (Ok(a), Ok(e), Ok(o)) => (a, e, o),
            _ => {
                let first = respond::first_step(&survey, &steps, &fields);
                return with_cookie(to(lang, &slug, "", &at_step(first, "&error=answers")));
            }
        };
    let respondent_key = match campaign.response_policy {
        ResponsePolicy::Open => None,
        ResponsePolicy::OnePerDevice => Some(respond::device_key(&secret, campaign.id, &device)),
        ResponsePolicy::OnePerEmail | ResponsePolicy::OnePerLink => {
            match db::responses::link_by_id(db, link_id.unwrap_or_default()).await {
                Ok(Some(l)) => Some(l.respondent_hash),
                Ok(None) => return to(lang, &slug, "", ""),
                Err(e) => return unavailable(e),
            }
        }
    };
    // Per address, as the report form: a browser clearing its cookie cannot answer for ever.
    if campaign.response_policy == ResponsePolicy::OnePerDevice && !state.survey_limiter.allow(&ip) {
        // The answers are kept for when the resident tries again.
        if let Err(e) = save(reached.max(step)).await {
            return unavailable(e);
        }
        return with_cookie(to(
            lang,
            &slug,
            "",
            &at_step(step, &format!("&{}", Outcome::SurveyRateLimited.query())),
        ));
    }
    // A KIN member's personal link: the answer is the Key Individual Network's, for the
    // neighbourhood the member speaks for (unless they named a place).
    let kin_neighbourhood = match link_id {
        Some(id) => match db::kin::link_neighbourhood(db, id).await {
            Ok(n) => n,
            Err(e) => return unavailable(e),
        },
        None => None,
    };
    let rows = answers.rows();
    let neighbourhood_id = answers.neighbourhood().or(kin_neighbourhood);
    let response = NewResponse {
        campaign_id: campaign.id,
        survey_version_id: version.id,
        csp_id: campaign.csp_id,
        neighbourhood_id,
        channel: if kin_neighbourhood.is_some() { ResponseChannel::Kin } else { ResponseChannel::Online },
        language: lang,
        entered_by: None,
        respondent_key: respondent_key.as_deref(),
        duplicate_of: None,
        answers: &rows,
        equality: &equality,
    };
    let hash = respond::answers_hash(neighbourhood_id, &rows);
    // The last step's answers are saved finished with the response, in its transaction (one
    // commit: on SQLite, one sync of the log), kept only for the emailed copy; never with the
    // address given to be told at (kept only in `survey_contacts`).
    let fields_json = serde_json::to_string(&progress::without_contact(&fields)).unwrap_or_default();
    let finished = SaveProgress {
        token_hash: &token_hash,
        campaign_id: campaign.id,
        survey_version_id: version.id,
        language: lang.code(),
        fields_json: &fields_json,
        step: reached.max(step) as i64,
        link_id,
        keep_until: db::now() + respond::COPY_FOR,
    };
    let stored = async {
        let mut tx = db.writer().begin().await?;
        let stored = db::responses::store_in(&mut tx, &response, &hash, link_id, Some(&finished)).await?;
        if let Stored::Response { id, .. } = stored {
            // Issue 14 (progress): the two optional choices, with the response or not at all.
            db::progress::record_opt_in_in(
                &mut tx,
                id,
                campaign.id,
                opt_in.email.as_deref(),
                lang,
                opt_in.may_quote,
            )
            .await?;
            tx.commit().await?;
        }
        Ok::<_, db::DbError>(stored)
    };
    match stored.await {
        Ok(Stored::Response { .. }) => with_cookie(to(lang, &slug, "/thanks", &format!("p={token}"))),
        Ok(Stored::AlreadyAnswered) => {
            with_cookie(to(lang, &slug, "", &at_step(step, &format!("&{}", Outcome::SurveyAnswered.query()))))
        }
        Err(e) => {
            tracing::error!(error = %e, "could not store a survey response");
            // Nothing was stored: the last step's answers are kept if they can be, for trying again.
            if let Err(e) = save(reached.max(step)).await {
                tracing::error!(error = %e, "could not save survey answers");
            }
            with_cookie(to(
                lang,
                &slug,
                "",
                &at_step(step, &format!("&{}", Outcome::SurveyUnavailable.query())),
            ))
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailPost {
    pub email: String,
    /// The thank-you page's copy: the private token of the finished answers.
    pub p: String,
}

/// A usable address, normalised; none when it is not one.
fn email_address(typed: &str) -> Option<String> {
    let email = crate::limits::email_key(typed);
    (accounts::looks_like_email(&email) && crate::reporting::valid_email(&email)).then_some(email)
}

/// `POST /have-your-say/{slug}/email`: one per email. Sends a personal link to the address
/// (in the page's language) unless it has answered already; the page says the same either way,
/// so the form never tells who has answered. Only a keyed hash of the address is kept; the
/// email's body (the link) is dropped by the outbox once sent.
pub async fn ask_link(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(slug): Path<String>,
    Posted { form, lang, .. }: Posted<EmailPost>,
) -> Response {
    let db = &state.db;
    let campaign = match db::engagement::campaign_by_slug(db, &slug).await {
        Ok(Some(c)) if c.response_policy == ResponsePolicy::OnePerEmail => c,
        Ok(_) => return page(lang, Problem::NotFound),
        Err(e) => {
            tracing::error!(error = %e, "could not read a campaign");
            return page(lang, Problem::Internal);
        }
    };
    let Some(email) = email_address(&form.email) else {
        return to(lang, &slug, "", &Outcome::SurveyEmail.query());
    };
    if !state.survey_limiter.allow(&ip) {
        return to(lang, &slug, "", &Outcome::SurveyRateLimited.query());
    }
    let secret = match hub_secret(db).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "could not read the hub's key");
            return to(lang, &slug, "", &Outcome::SurveyUnavailable.query());
        }
    };
    let token = random_token();
    let link = format!(
        "{}{}",
        state.settings.public_url.trim_end_matches('/'),
        lang.path(&format!("/have-your-say/{slug}/link/{token}"))
    );
    let title = Names::new(&campaign.title_en, &campaign.title_cy).get(lang).to_string();
    let subject = t!(lang, "survey-link-email-subject", title = title.clone());
    let body = t!(lang, "survey-link-email-body", title = title, link = link);
    let respondent = respond::email_key(&secret, campaign.id, &email);
    match db::responses::email_link(
        db,
        campaign.id,
        &respondent,
        &sha256_hex(&token),
        &email,
        &subject,
        &body,
    )
    .await
    {
        Ok(EmailLink::Sent) => {
            state.mail_wake.notify_one();
            to(lang, &slug, "", &Outcome::SurveyLinkSent.query())
        }
        Ok(EmailLink::AlreadyUsed) => to(lang, &slug, "", &Outcome::SurveyLinkSent.query()),
        Err(e) => {
            tracing::error!(error = %e, "could not send a survey link");
            to(lang, &slug, "", &Outcome::SurveyUnavailable.query())
        }
    }
}

/// `POST /have-your-say/{slug}/copy`: emails the resident a copy of the answers they have just
/// sent, in the page's language, then forgets them (and the address: only the outbox holds it,
/// until sent).
pub async fn copy(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(slug): Path<String>,
    Posted { form, lang, .. }: Posted<EmailPost>,
) -> Response {
    let db = &state.db;
    let token = form.p.trim().to_string();
    let back = |query: String| to(lang, &slug, "/thanks", &query);
    let campaign = match db::engagement::campaign_by_slug(db, &slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => {
            tracing::error!(error = %e, "could not read a campaign");
            return page(lang, Problem::Internal);
        }
    };
    let Some(email) = email_address(&form.email) else {
        return back(format!("p={token}&{}", Outcome::SurveyEmail.query()));
    };
    if !state.survey_limiter.allow(&ip) {
        return back(format!("p={token}&{}", Outcome::SurveyRateLimited.query()));
    }
    let token_hash = sha256_hex(&token);
    let kept = match db::responses::progress(db, &token_hash, campaign.id).await {
        Ok(Some(p)) if p.response_id.is_some() => p,
        Ok(_) => return back(String::new()),
        Err(e) => {
            tracing::error!(error = %e, "could not read finished answers");
            return back(format!("p={token}&{}", Outcome::SurveyUnavailable.query()));
        }
    };
    let (version, wards) = match (
        db::responses::version(db, kept.survey_version_id).await,
        db::engagement::campaign_wards(db, campaign.id).await,
    ) {
        (Ok(Some(v)), Ok(w)) => (v, w),
        _ => return back(format!("p={token}&{}", Outcome::SurveyUnavailable.query())),
    };
    let survey: Survey = serde_json::from_str(&version.questions).unwrap_or_default();
    let (_, places) = ward_choices(&wards, lang);
    let fields: Fields = serde_json::from_str(&kept.fields).unwrap_or_default();
    let answers = survey.check(&fields, &places).unwrap_or_default();
    let names = wards
        .iter()
        .map(|w| (w.code.clone(), Names::new(&w.name_en, &w.name_cy).get(lang).to_string()))
        .collect();
    let lines: Vec<String> = survey
        .questions
        .iter()
        .filter_map(|q| {
            let a = answers.get(&q.key)?;
            Some(format!("{}\n{}", q.text.get(lang), respond::answer_words(q, a, lang, &names)))
        })
        .collect();
    let title = Names::new(&campaign.title_en, &campaign.title_cy).get(lang).to_string();
    let results = match campaign.results_due_on {
        Some(at) => t!(lang, "survey-results-due", date = crate::time::date(lang, at)),
        None => t!(lang, "survey-results-later"),
    };
    let subject = t!(lang, "survey-copy-subject", title = title.clone());
    let body = t!(lang, "survey-copy-body", title = title, answers = lines.join("\n\n"), results = results);
    match db::responses::send_copy(db, &token_hash, &email, &subject, &body).await {
        Ok(true) => {
            state.mail_wake.notify_one();
            back(Outcome::SurveyCopySent.query())
        }
        Ok(false) => back(String::new()),
        Err(e) => {
            tracing::error!(error = %e, "could not queue a copy of answers");
            back(format!("p={token}&{}", Outcome::SurveyUnavailable.query()))
        }
    }
}
