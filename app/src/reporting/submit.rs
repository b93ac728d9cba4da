//! Receiving a report: a plain form post, so it works without JavaScript. A form that needs
//! correcting is kept as a draft and shown again with its errors; a good one is stored in one
//! transaction before the resident is shown the reference.

use crate::reporting::photos::{self, CleanPhoto, PhotoProblem, MAX_PHOTOS};
use crate::{
    db,
    i18n::Lang,
    reporting::{validate, FieldError, ReportForm},
    shell::outcome::Outcome,
    staff::{accounts, kept, session::ClientIp},
    state::AppState,
};
use axum::{
    extract::{FromRequest, Multipart, Request, State},
    response::{IntoResponse, Redirect, Response},
    Extension, Form,
};
use chrono::Datelike;
use std::sync::Arc;

/// Builds the form from the posted pairs (`hate_strands` may repeat).
pub fn form_from_pairs(pairs: Vec<(String, String)>) -> ReportForm {
    crate::shell::form::read(&pairs).unwrap_or_default()
}

/// Keeps the form and its errors for a day and sends the resident back to it.
async fn back_with_draft(
    state: &AppState,
    lang: Lang,
    form: &ReportForm,
    errors: Vec<FieldError>,
) -> Response {
    let token = match kept::keep_resident(&state.db, "/report", "report", &(form, &errors)).await {
        Ok(token) => token,
        Err(e) => {
            tracing::error!(error = %e, "could not keep a report draft");
            let unavailable = crate::shell::outcome::Outcome::ReportFormUnavailable.query();
            return Redirect::to(&format!("{}?area={}&{unavailable}", lang.path("/report"), form.area))
                .into_response();
        }
    };
    let area = crate::shell::encode_component(&form.area);
    Redirect::to(&format!("{}?area={area}&draft={token}", lang.path("/report"))).into_response()
}

/// The posted fields and files: a multipart form (with photos) from the report page, or a
/// plain urlencoded one.
async fn read_submission(
    request: Request,
    state: &AppState,
) -> Result<(Vec<(String, String)>, Vec<Vec<u8>>), Response> {
    let multipart = request
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        return Ok((pairs, Vec::new()));
    }
    let mut parts = Multipart::from_request(request, state).await.map_err(IntoResponse::into_response)?;
    let (mut pairs, mut files) = (Vec::new(), Vec::new());
    while let Some(field) = parts.next_field().await.map_err(IntoResponse::into_response)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "photos" {
            let bytes = field.bytes().await.map_err(IntoResponse::into_response)?;
            if !bytes.is_empty() {
                files.push(bytes.to_vec());
            }
        } else {
            let value = field.text().await.map_err(IntoResponse::into_response)?;
            pairs.push((name, value));
        }
    }
    Ok((pairs, files))
}

/// Photo work at once across the whole server: two, each within `photos::MAX_DECODED_BYTES`.
static PHOTO_WORK: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
/// Waiting for a turn and doing the work together take at most this long.
const PHOTO_WORK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Runs photo work off the async threads (it is CPU work), at most two at a time, for at most
/// 30 s. The turn is held until the work ends, even after the request gave up waiting for it,
/// so a slow decode never lets a third one start.
async fn photo_work<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, FieldError> {
    let run = async {
        let turn = PHOTO_WORK.acquire().await.ok()?;
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            work()
        })
        .await
        .ok()
    };
    match tokio::time::timeout(PHOTO_WORK_TIMEOUT, run).await {
        Ok(Some(out)) => Ok(out),
        Ok(None) => Err(general("unavailable")),
        Err(_) => {
            tracing::warn!("photo work took over {} s", PHOTO_WORK_TIMEOUT.as_secs());
            Err(general("unavailable"))
        }
    }
}

fn photo_error(problem: PhotoProblem) -> FieldError {
    let problem = match problem {
        PhotoProblem::TooLarge => "too_large",
        PhotoProblem::TooManyPixels => "too_many_pixels",
        PhotoProblem::NotAnImage => "not_image",
    };
    FieldError { field: "photos".into(), problem: problem.into() }
}

/// Checks the number of photos and each one's header (format, dimensions, decoded size)
/// without decoding any: cheap (a few header bytes), so done for every submission, before the
/// address limit, and without taking a turn from the decodes (a flood of refused photos
/// cannot hold up residents' real ones).
fn check_photos(files: &[Vec<u8>]) -> Result<(), FieldError> {
    if files.len() > MAX_PHOTOS {
        return Err(FieldError { field: "photos".into(), problem: "too_many".into() });
    }
    files.iter().try_for_each(|f| photos::inspect(f).map(|_| ())).map_err(photo_error)
}

/// Cleans every photo. Only called for a report about to be stored, after the address limit.
async fn clean_photos(files: Arc<Vec<Vec<u8>>>) -> Result<Vec<CleanPhoto>, FieldError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    photo_work(move || {
        files.iter().map(|f| photos::clean(f)).collect::<Result<Vec<_>, _>>().map_err(photo_error)
    })
    .await?
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    request: Request,
) -> Response {
    let (pairs, files) = match read_submission(request, &state).await {
        Ok(submission) => submission,
        Err(response) => return response,
    };
    let had_photos = !files.is_empty();
    let form = form_from_pairs(pairs);
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    if !form.website.is_empty() {
        return back_with_draft(
            &state,
            lang,
            &ReportForm { website: String::new(), ..form },
            vec![general("rejected")],
        )
        .await;
    }
    // A location from the resident's device decides the ward, and with it the area and CSP.
    let mut form = form;
    let located = match located_ward(&state, &form) {
        Ok(located) => located,
        Err(problem) => {
            return back_with_draft(
                &state,
                lang,
                &form,
                vec![FieldError { field: "ward".into(), problem: problem.into() }],
            )
            .await
        }
    };
    if let Some(location) = &located {
        form.area = location.local_authority_code.clone();
    }
    let wards = match db::reporting::area_wards(&state.db, &form.area).await {
        Ok(w) => w,
        Err(e) => return unavailable(&state, lang, &form, e).await,
    };
    let Some(csp_id) = wards.first().and_then(|w| state.wards.ward(&w.code)).map(|l| l.csp_id) else {
        return Redirect::to(&lang.path("/report")).into_response();
    };
    let categories = match db::reporting::categories(&state.db, csp_id).await {
        Ok(c) => c,
        Err(e) => return unavailable(&state, lang, &form, e).await,
    };
    let codes: Vec<String> = wards.into_iter().map(|w| w.code).collect();
    // Welsh local time is UTC or UTC+1; allowing an hour ahead of UTC never refuses a real time.
    let now_local = (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M").to_string();
    let located_code = located.as_ref().map(|l| l.ward.code.as_str());
    // Photos are judged by their headers here, with the form; none is decoded yet.
    let files = Arc::new(files);
    let checked = check_photos(&files);
    let mut report = match (validate(&form, &categories, &codes, located_code, &now_local), checked) {
        (Ok(r), Ok(())) => r,
        (result, checked) => {
            let mut errors = result.err().unwrap_or_default();
            match checked {
                Err(e) => errors.push(e),
                // Files cannot be kept in a draft: the resident is asked to add them again.
                Ok(()) if had_photos => {
                    errors.push(FieldError { field: "photos".into(), problem: "attach_again".into() })
                }
                Ok(()) => {}
            }
            return back_with_draft(&state, lang, &form, errors).await;
        }
    };
    if located.is_some() {
        report.point = crate::reference::Coordinates::parse(Some(&form.lat), Some(&form.lon))
            .ok()
            .map(|c| (c.lat, c.lon));
    }
    let Some(location) = state.wards.ward(&report.ward_code).cloned() else {
        return back_with_draft(
            &state,
            lang,
            &form,
            vec![FieldError { field: "ward".into(), problem: "required".into() }],
        )
        .await;
    };
    // Only reports about to be stored count towards the limit: correcting a form is free.
    // The limit comes before any photo is decoded, so one address cannot keep the server
    // decoding; a photo that only turns out to be broken while decoding costs one attempt.
    if !state.report_limiter.allow(&ip) {
        return back_with_draft(&state, lang, &form, vec![general("rate_limited")]).await;
    }
    let photos = match clean_photos(files).await {
        Ok(photos) => photos,
        Err(e) => return back_with_draft(&state, lang, &form, vec![e]).await,
    };
    let token = accounts::random_token();
    let check = accounts::random_token();
    let check_hash = accounts::sha256_hex(&check);
    let year = chrono::Utc::now().year();
    // The emailed link carries a second token: opening it proves the address is theirs.
    let link = format!(
        "{}{}?e={check}",
        state.settings.public_url.trim_end_matches('/'),
        report.reporter.language.path(&format!("/track/{token}"))
    );
    let resident_lang = report.reporter.language;
    let csp_name = location.csp_name.get(resident_lang).to_string();
    let email =
        |reference: &str| crate::reporting::emails::confirmation(resident_lang, reference, &link, &csp_name);
    // No email at all without the resident's consent, and none with a safe-contact note.
    let confirmation = report
        .reporter
        .email
        .as_deref()
        .filter(|_| report.reporter.email_rule().allows_email())
        .map(|to| db::reporting::Confirmation { to, email: &email, check_hash: &check_hash });
    match db::reporting::insert_report(
        &state.db,
        &report,
        &location,
        &accounts::sha256_hex(&token),
        &|crowded| crate::reporting::new_reference(year, crowded),
        confirmation,
        &photos,
        db::reporting::Origin::Web,
    )
    .await
    {
        Ok(reference) => {
            state.mail_wake.notify_one();
            tracing::info!(%reference, csp = %location.csp_slug, "report received");
            if !form.draft.is_empty() {
                let _ = kept::forget(&state.db, &form.draft).await;
            }
            check_trigger(&state, &reference).await;
            Redirect::to(&format!("{}?new=1", lang.path(&format!("/track/{token}")))).into_response()
        }
        Err(e) => unavailable(&state, lang, &form, e).await,
    }
}

/// Flags reports that now meet a Community Trigger rule. The report is already stored: a
/// failure here is logged, and the flag is set the next time the rules run.
pub async fn check_trigger(state: &AppState, reference: &str) {
    let result = async {
        let Some(record) = db::triage::record(&state.db, reference).await? else { return Ok(0) };
        crate::trigger::flags::evaluate_report(&state.db, record.id).await
    }
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, %reference, "could not check the Community Trigger rules");
    }
}

/// The ward at the posted coordinates, `None` when none were sent, or the problem with them.
fn located_ward(
    state: &AppState,
    form: &ReportForm,
) -> Result<Option<crate::reference::Location>, &'static str> {
    if form.lat.trim().is_empty() && form.lon.trim().is_empty() {
        return Ok(None);
    }
    let at =
        crate::reference::Coordinates::parse(Some(&form.lat), Some(&form.lon)).map_err(|_| "bad_location")?;
    state.wards.locate(at).cloned().map(Some).ok_or("outside")
}

fn general(problem: &str) -> FieldError {
    FieldError { field: "form".into(), problem: problem.into() }
}

async fn unavailable(state: &AppState, lang: Lang, form: &ReportForm, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "could not store a report");
    back_with_draft(state, lang, form, vec![general("unavailable")]).await
}

/// The resident's answer to the partnership's question.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    pub reply: String,
}

/// `POST /track/{token}/reply`: the resident answers the partnership's question.
pub async fn reply(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    axum::extract::Path(token): axum::extract::Path<String>,
    crate::shell::form::Posted { form, lang, .. }: crate::shell::form::Posted<ReplyForm>,
) -> Response {
    let page = lang.path(&format!("/track/{token}"));
    let text = form.reply.trim();
    if text.is_empty() || text.chars().count() > crate::reporting::MAX_REPLY {
        return Redirect::to(&format!("{page}?{}#reply", Outcome::ReplyRefused.query())).into_response();
    }
    if !state.report_limiter.allow(&ip) {
        return Redirect::to(&format!("{page}?{}#reply", Outcome::ReplyRefused.query())).into_response();
    }
    match db::reporting::reply(&state.db, &accounts::sha256_hex(&token), text).await {
        Ok(db::reporting::ReplyOutcome::Saved) => {
            Redirect::to(&format!("{page}?{}", Outcome::ReplySent.query())).into_response()
        }
        Ok(db::reporting::ReplyOutcome::NothingAsked) => Redirect::to(&page).into_response(),
        Ok(db::reporting::ReplyOutcome::NoSuchReport) => {
            crate::shell::problem::page(lang, crate::shell::problem::Problem::NotFound)
        }
        Err(e) => {
            tracing::error!(error = %e, "could not store a reply");
            crate::shell::problem::page(lang, crate::shell::problem::Problem::Internal)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_strands_are_all_kept() {
        let form = form_from_pairs(vec![
            ("category".into(), "hate".into()),
            ("hate_strands".into(), "race".into()),
            ("hate_strands".into(), "religion".into()),
            ("unknown".into(), "ignored".into()),
        ]);
        assert_eq!(form.category, "hate");
        assert_eq!(form.hate_strands, vec!["race", "religion"]);
    }
}
