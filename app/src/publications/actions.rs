//! The staff forms of "you said, we did" publications (`PublishYouSaidWeDid`, in the
//! publication's partnership only): draft a new one, save a draft, publish, start a correction.
//! A refused form comes back as typed with the reason; every change is audited.
//!
//! Publishing happens in one transaction: the version is marked published, the news stored with
//! a delivery per subscriber it reaches (`subscriptions::delivery::announce_in`, one statement;
//! the mail worker turns them into emails after the request), and each resident whose report a profile it draws on is linked to, who
//! agreed to be contacted, gave an email and left no safe-contact note, is emailed once in their
//! language; the counts told are stored with it. Addresses on the stop list (`stop_news`) are not
//! told, and each resident's email carries a stop link of its own.

use super::pages::{list_page, publication_page, ADDRESS};
use super::sources::{campaigns_drawn_on, draft_input, profiles_drawn_on, residents_drawn_on};
use super::{
    check_correction, check_edit, check_new, check_withdrawal, draft, draft_words, publish_problems,
    quote_item, told_email, EditForm, FormProblem, Item, SourceKind,
};
use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    i18n::Lang,
    reference::Names,
    shell::{form::Posted, outcome::Outcome},
    staff::{
        accounts::{random_token, sha256_hex},
        guard::Staff,
        kept, Permission,
    },
    state::AppState,
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

const DAY: i64 = 86_400;

fn unavailable(e: db::DbError) -> Outcome {
    tracing::error!(error = %e, "could not change a publication");
    Outcome::EngagementUnavailable
}

fn form_outcome(p: FormProblem) -> Outcome {
    match p {
        FormProblem::Area => Outcome::PublicationArea,
        FormProblem::Period => Outcome::PublicationPeriod,
        FormProblem::Title => Outcome::PublicationTitle,
        FormProblem::TooLong => Outcome::PublicationTooLong,
        FormProblem::Kind => Outcome::PublicationItem,
        FormProblem::TooMany => Outcome::PublicationTooMany,
        FormProblem::Correction => Outcome::PublicationCorrection,
    }
}

fn audit(
    staff: &Staff,
    csp_id: i64,
    publication: Option<i64>,
    action: AuditAction,
    detail: String,
) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(action),
        record_type: Some("publication".into()),
        record_id: publication.map(|p| p.to_string()),
        csp_id: Some(csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(detail),
    }
}

// ---------------------------------------------------------------------------------------------
// New.

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewForm {
    pub csp: String,
    pub area: String,
    pub from: String,
    pub to: String,
}

/// `POST /staff/engagement/publications/new`: drafts a publication from the data for the area
/// and period chosen, and opens it.
pub async fn new(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<NewForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::PublishYouSaidWeDid, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let page = list_page(&csp.slug);
    let (db, user, page, fields, slug) =
        (&state.db, staff.user.id, page.as_str(), fields.as_slice(), csp.slug.as_str());
    let refuse = move |outcome: Outcome| async move {
        let query = kept::refusal(db, user, page, "new", fields, outcome).await;
        Redirect::to(&format!("{}?csp={slug}&{query}", lang.path(ADDRESS))).into_response()
    };
    let neighbourhoods = match db::problems::choices(&state.db, csp.csp_id).await {
        Ok((n, _)) => n,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let ids: Vec<i64> = neighbourhoods.iter().map(|(id, _)| *id).collect();
    let today = db::now().div_euclid(DAY) * DAY;
    let (neighbourhood, from, to) = match check_new(&form.area, &form.from, &form.to, &ids, today) {
        Ok(checked) => checked,
        Err(p) => return refuse(form_outcome(p)).await,
    };
    let area = match neighbourhood {
        Some(n) => neighbourhoods
            .iter()
            .find(|(id, _)| *id == n)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| csp.names.clone()),
        None => csp.names.clone(),
    };
    let input = match draft_input(&state, csp.csp_id, area, neighbourhood, from, to).await {
        Ok(input) => input,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let (words, items) = (draft_words(&input), draft(&input));
    let new = db::publications::NewPublication {
        csp_id: csp.csp_id,
        neighbourhood_id: neighbourhood,
        period_from: from,
        period_to: to,
        created_by: staff.user.id,
        words: &words,
        items: &items,
    };
    let detail = format!("drafted: {} ({} items)", words.title_en, items.len());
    let entry = audit(&staff, csp.csp_id, None, AuditAction::PublicationDrafted, detail);
    match db::publications::create(&state.db, &new, &entry).await {
        Ok(id) => Redirect::to(&format!(
            "{}?{}",
            lang.path(&format!("{ADDRESS}/{id}")),
            Outcome::PublicationDrafted.query()
        ))
        .into_response(),
        Err(e) => refuse(unavailable(e)).await,
    }
}

// ---------------------------------------------------------------------------------------------
// Edit, publish, correct.

/// The publication a form is about, if it is of the partnership the person may publish in;
/// else the answer to send (not allowed, or not found).
async fn open(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    csp: &str,
    id: &str,
) -> Result<(db::publications::PublicationRow, crate::staff::guard::AllowedIn), Response> {
    use crate::shell::problem::{page, Problem};
    let allowed = staff.require_in(lang, Permission::PublishYouSaidWeDid, csp)?;
    let Ok(id) = id.trim().parse::<i64>() else { return Err(page(lang, Problem::NotFound)) };
    match db::publications::get(&state.db, id).await {
        // A withdrawn publication is never edited, published or corrected again.
        Ok(Some(p)) if p.csp_id == allowed.csp_id && p.withdrawn_at.is_some() => {
            Err(back(lang, p.id, &Outcome::PublicationAlreadyWithdrawn.query()))
        }
        Ok(Some(p)) if p.csp_id == allowed.csp_id => Ok((p, allowed)),
        Ok(_) => Err(page(lang, Problem::NotFound)),
        Err(e) => {
            tracing::error!(error = %e, "could not read a publication");
            Err(page(lang, Problem::Internal))
        }
    }
}

/// The publication a form is about and its open draft, when the form was made from that draft;
/// else the answer to send (not allowed, not found, or stale).
async fn open_draft(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    csp: &str,
    version: &str,
    id: &str,
) -> Result<
    (db::publications::PublicationRow, crate::staff::guard::AllowedIn, db::publications::VersionRow),
    Response,
> {
    let (p, allowed) = open(state, staff, lang, csp, id).await?;
    match latest_version(state, p.id, version).await {
        Ok(Some(v)) if v.published_at.is_none() => Ok((p, allowed, v)),
        Ok(_) => Err(back(lang, p.id, &Outcome::PublicationStale.query())),
        Err(e) => Err(back(lang, p.id, &unavailable(e).query())),
    }
}

fn back(lang: Lang, id: i64, query: &str) -> Response {
    Redirect::to(&format!("{}?{query}", lang.path(&format!("{ADDRESS}/{id}")))).into_response()
}

/// The latest version, when it is the one the form was made from.
async fn latest_version(
    state: &AppState,
    id: i64,
    version: &str,
) -> Result<Option<db::publications::VersionRow>, db::DbError> {
    let latest = db::publications::versions(&state.db, id).await?.into_iter().next();
    Ok(latest.filter(|v| version.trim().parse::<i64>().ok() == Some(v.id)))
}

/// Why an item's source is refused, if one is: not the partnership's (a form could name any
/// id), or a quote of a response whose respondent did not agree to be quoted.
async fn source_problem(
    state: &AppState,
    csp_id: i64,
    items: &[Item],
) -> Result<Option<Outcome>, db::DbError> {
    for item in items {
        let Some(id) = item.source_id else { continue };
        let refused = match item.source {
            SourceKind::Profile => (!db::publications::profile_of_csp(&state.db, csp_id, id).await?)
                .then_some(Outcome::PublicationItem),
            SourceKind::Priority => (!db::publications::priority_of_csp(&state.db, csp_id, id).await?)
                .then_some(Outcome::PublicationItem),
            SourceKind::Campaign => db::engagement::campaign(&state.db, id)
                .await?
                .is_none_or(|c| c.csp_id != csp_id)
                .then_some(Outcome::PublicationItem),
            SourceKind::Quote => (!db::publications::response_quotable(&state.db, csp_id, id).await?)
                .then_some(Outcome::PublicationQuote),
            SourceKind::Nothing => None,
        };
        if refused.is_some() {
            return Ok(refused);
        }
    }
    Ok(None)
}

/// `POST /staff/engagement/publications/{id}/edit`: saves the draft (every field, items added,
/// removed, edited). Audited.
pub async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { form, lang, fields }: Posted<EditForm>,
) -> Response {
    let (p, csp) = match open(&state, &staff, lang, &form.csp, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = publication_page(p.id);
    let (db, user, page, fields, id) = (&state.db, staff.user.id, page.as_str(), fields.as_slice(), p.id);
    let refuse = move |outcome: Outcome| async move {
        let query = kept::refusal(db, user, page, "edit", fields, outcome).await;
        back(lang, id, &query)
    };
    let version = match latest_version(&state, id, &form.version).await {
        Ok(Some(v)) if v.published_at.is_none() => v,
        Ok(_) => return refuse(Outcome::PublicationStale).await,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let (words, items) = match check_edit(&form) {
        Ok(checked) => checked,
        Err(p) => return refuse(form_outcome(p)).await,
    };
    match source_problem(&state, csp.csp_id, &items).await {
        Ok(None) => {}
        Ok(Some(outcome)) => return refuse(outcome).await,
        Err(e) => return refuse(unavailable(e)).await,
    }
    let detail = format!("version {} saved: {} ({} items)", version.number, words.title_en, items.len());
    let entry = audit(&staff, csp.csp_id, Some(id), AuditAction::PublicationEdited, detail);
    match db::publications::save_draft(&state.db, id, version.id, &words, &items, &entry).await {
        Ok(true) => back(lang, id, &Outcome::PublicationSaved.query()),
        Ok(false) => refuse(Outcome::PublicationStale).await,
        Err(e) => refuse(unavailable(e)).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QuoteForm {
    pub csp: String,
    pub version: String,
    pub response: String,
    pub question: String,
}

/// `POST /staff/engagement/publications/{id}/quote`: adds a respondent's free-text answer to the
/// draft as a "you said" quote: refused unless the response is the partnership's and its
/// respondent agreed, when answering, to be quoted. The words are checked for identity with
/// every other text before publishing. Audited.
pub async fn quote(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { form, lang, .. }: Posted<QuoteForm>,
) -> Response {
    let (p, csp, version) = match open_draft(&state, &staff, lang, &form.csp, &form.version, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let id = p.id;
    let Some(response) = form.response.trim().parse::<i64>().ok().filter(|r| *r > 0) else {
        return back(lang, id, &Outcome::PublicationQuote.query());
    };
    let words = match db::publications::quotable_answer(&state.db, csp.csp_id, response, form.question.trim())
        .await
    {
        Ok(Some(words)) => words,
        Ok(None) => return back(lang, id, &Outcome::PublicationQuote.query()),
        Err(e) => return back(lang, id, &unavailable(e).query()),
    };
    let mut items = match db::publications::items(&state.db, version.id).await {
        Ok(items) => items,
        Err(e) => return back(lang, id, &unavailable(e).query()),
    };
    if items.len() >= super::MAX_ITEMS {
        return back(lang, id, &Outcome::PublicationTooMany.query());
    }
    let quoted = quote_item(&words, response);
    if quoted.text.en.chars().count() > super::MAX_TEXT || quoted.text.cy.chars().count() > super::MAX_TEXT {
        return back(lang, id, &Outcome::PublicationTooLong.query());
    }
    items.push(quoted);
    let detail =
        format!("version {} saved: the words of response {response} added as a quote", version.number);
    let entry = audit(&staff, csp.csp_id, Some(id), AuditAction::PublicationEdited, detail);
    match db::publications::save_draft(&state.db, id, version.id, &version.words(), &items, &entry).await {
        Ok(true) => back(lang, id, &Outcome::PublicationQuoted.query()),
        Ok(false) => back(lang, id, &Outcome::PublicationStale.query()),
        Err(e) => back(lang, id, &unavailable(e).query()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct VersionForm {
    pub csp: String,
    pub version: String,
}

/// `POST /staff/engagement/publications/{id}/publish`: refused (saying which field) until every
/// Welsh field is filled and while any text names a resident linked to what it draws on; then
/// published, announced and told in one transaction.
pub async fn publish(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { form, lang, .. }: Posted<VersionForm>,
) -> Response {
    let (p, csp, version) = match open_draft(&state, &staff, lang, &form.csp, &form.version, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let id = p.id;
    let items = match db::publications::items(&state.db, version.id).await {
        Ok(items) => items,
        Err(e) => return back(lang, id, &unavailable(e).query()),
    };
    // A quote's consent is checked again (as when it was added): only quotable words are published.
    match source_problem(&state, csp.csp_id, &items).await {
        Ok(None) => {}
        Ok(Some(outcome)) => return back(lang, id, &outcome.query()),
        Err(e) => return back(lang, id, &unavailable(e).query()),
    }
    let residents = match residents_drawn_on(&state, csp.csp_id, &items).await {
        Ok(r) => r,
        Err(e) => return back(lang, id, &unavailable(e).query()),
    };
    let problems = publish_problems(&version.words(), &items, &residents, version.number > 1);
    if let Some(first) = problems.first() {
        let outcome = match first {
            super::PublishProblem::Identifies(_) => Outcome::PublicationIdentifies,
            _ if problems.iter().any(|p| matches!(p, super::PublishProblem::Identifies(_))) => {
                Outcome::PublicationIdentifies
            }
            super::PublishProblem::NoItems => Outcome::PublicationNoItems,
            _ => Outcome::PublicationIncomplete,
        };
        return back(lang, id, &outcome.query());
    }
    match publish_and_tell(&state, &staff, &p, &version, &items).await {
        Ok(Some((subscribers, reporters))) => {
            state.mail_wake.notify_one();
            tracing::info!(publication = id, subscribers, reporters, "publication published");
            back(lang, id, &Outcome::PublicationPublished.query())
        }
        Ok(None) => back(lang, id, &Outcome::PublicationStale.query()),
        Err(e) => back(lang, id, &unavailable(e).query()),
    }
}

/// The publish itself, in one transaction: the version published; on the first publication,
/// the news announced to subscribers (a delivery each, emailed by the mail worker); the linked residents who
/// may be emailed told once each, in their language; the counts stored; audited. `None` when
/// the version was published meanwhile.
async fn publish_and_tell(
    state: &AppState,
    staff: &Staff,
    p: &db::publications::PublicationRow,
    version: &db::publications::VersionRow,
    items: &[Item],
) -> Result<Option<(usize, usize)>, db::DbError> {
    let public = &state.settings.public_url;
    let title = Names::new(&version.title_en, &version.title_cy);
    let area = p.area();
    let link = format!("/you-said-we-did/{}", p.id);
    // Who to tell, read first (the reads use the reader pool).
    let mut letters: Vec<(String, Lang)> = Vec::new();
    // Only the closed profiles it draws on as "we did" items (a priority's linked profile may
    // still be open: its residents are told when it closes).
    for (profile, direct) in profiles_drawn_on(state, p.csp_id, items).await? {
        if !direct || !db::publications::profile_closed(&state.db, profile).await? {
            continue;
        }
        for r in db::problems::linked_reports(&state.db, profile).await? {
            if let (Some(email), true) = (&r.details.email, r.details.email_rule().allows_email()) {
                // Sent as given (a mailbox's name may be case-sensitive), known by its lower case.
                let email = email.trim().to_string();
                if !letters.iter().any(|(e, _)| e.eq_ignore_ascii_case(&email)) {
                    letters.push((email, Lang::parse(&r.language).unwrap_or_default()));
                }
            }
        }
    }
    let told_as_reporters = letters.len();
    let mut tx = state.db.writer().begin().await?;
    if !db::publications::publish_in(&mut tx, p.id, version.id, db::now()).await?
        || !db::publications::unchanged_in(&mut tx, version.id, &version.words(), items).await?
    {
        tx.rollback().await?;
        return Ok(None);
    }
    let subscribers = if version.number == 1 {
        let announcement = crate::subscriptions::delivery::Announcement {
            csp_id: p.csp_id,
            whole_csp: p.neighbourhood_id.is_none(),
            neighbourhoods: p.neighbourhood_id.into_iter().collect(),
            kind: crate::subscriptions::NewsKind::Published,
            title: title.clone(),
            verdict: None,
            link: link.clone(),
        };
        crate::subscriptions::delivery::announce_in(&mut tx, &announcement).await?
    } else {
        0
    };
    // Survey respondents of the consultations it draws on who asked to be told (read, and
    // the read audited, in this transaction); once each, and not again as a reporter.
    let mut respondents: Vec<(String, Lang)> = Vec::new();
    for campaign in campaigns_drawn_on(items) {
        let read = audit(
            staff,
            p.csp_id,
            Some(p.id),
            AuditAction::PublicationPublished,
            format!(
                "read the contacts of campaign {campaign}'s respondents who asked to be told, to tell them"
            ),
        );
        for c in db::progress::opted_in_in(&mut tx, campaign, &read).await? {
            let email = c.email.trim().to_string();
            if !letters.iter().chain(&respondents).any(|(e, _)| e.eq_ignore_ascii_case(&email)) {
                respondents.push((email, Lang::parse(&c.language).unwrap_or_default()));
            }
        }
    }
    // Addresses on the stop list (they used a stop link) are not told; each email told carries a
    // stop link of its own (only the token's hash kept), in its body and its headers.
    let everyone: Vec<(String, Lang)> = letters.into_iter().chain(respondents).collect();
    let hashes: Vec<String> = everyone.iter().map(|(e, _)| crate::mail::address_hash(e)).collect();
    let stopped = db::stop_news::stopped_in(&mut tx, &hashes).await?;
    let mut emails = Vec::new();
    let mut stop_links = Vec::new();
    let mut told = db::publications::Told { subscribers: subscribers as i64, ..Default::default() };
    for (n, ((email, lang), hash)) in everyone.into_iter().zip(hashes).enumerate() {
        let reporter = n < told_as_reporters;
        if stopped.contains(&hash) {
            continue;
        }
        if db::publications::mark_told_in(&mut tx, p.id, &sha256_hex(&email.to_lowercase())).await? {
            let page = crate::subscriptions::page_url(public, lang, &link);
            let (subject, body) = told_email(lang, &title, &area, &page);
            let token = random_token();
            let stop = crate::stop_news::link(public, lang, &token);
            let body = crate::stop_news::with_stop_link(lang, &body, &stop);
            stop_links.push((sha256_hex(&token), hash));
            emails.push(db::outbox::ListEmail { to: email, subject, body, list_unsubscribe: stop });
            if reporter {
                told.reporters += 1;
            } else {
                told.respondents += 1;
            }
        }
    }
    db::stop_news::add_links_in(&mut tx, &stop_links).await?;
    db::outbox::enqueue_list_in(&mut tx, &emails).await?;
    db::publications::add_told_in(&mut tx, p.id, &told).await?;
    let detail = format!(
        "version {} published: subscribers told {subscribers}, residents told {}, respondents told {}",
        version.number, told.reporters, told.respondents
    );
    db::audit::record_in(
        &mut tx,
        &audit(staff, p.csp_id, Some(p.id), AuditAction::PublicationPublished, detail),
    )
    .await?;
    tx.commit().await?;
    Ok(Some((subscribers, emails.len())))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CorrectForm {
    pub csp: String,
    pub version: String,
    pub correction_en: String,
    pub correction_cy: String,
}

/// `POST /staff/engagement/publications/{id}/correct`: a new draft version from the published
/// one, with the correction's note in both languages (the published one stays as it was).
pub async fn correct(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { form, lang, fields }: Posted<CorrectForm>,
) -> Response {
    let (p, csp) = match open(&state, &staff, lang, &form.csp, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = publication_page(p.id);
    let (db, user, page, fields, id) = (&state.db, staff.user.id, page.as_str(), fields.as_slice(), p.id);
    let refuse = move |outcome: Outcome| async move {
        let query = kept::refusal(db, user, page, "correct", fields, outcome).await;
        back(lang, id, &query)
    };
    let version = match latest_version(&state, id, &form.version).await {
        Ok(Some(v)) if v.published_at.is_some() => v,
        Ok(_) => return refuse(Outcome::PublicationStale).await,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let (en, cy) = match check_correction(&form.correction_en, &form.correction_cy) {
        Ok(note) => note,
        Err(p) => return refuse(form_outcome(p)).await,
    };
    let detail = format!("correction of version {} started: {en}", version.number);
    let entry = audit(&staff, csp.csp_id, Some(id), AuditAction::PublicationEdited, detail);
    match db::publications::correct(&state.db, id, &version, (&en, &cy), staff.user.id, &entry).await {
        Ok(Some(_)) => back(lang, id, &Outcome::PublicationCorrecting.query()),
        Ok(None) => refuse(Outcome::PublicationStale).await,
        Err(e) => refuse(unavailable(e)).await,
    }
}

// ---------------------------------------------------------------------------------------------
// Withdraw.

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WithdrawForm {
    pub csp: String,
    pub reason_en: String,
    pub reason_cy: String,
}

/// `POST /staff/engagement/publications/{id}/withdraw` (`WithdrawPublication`: the partnership's
/// managers and administrators, not its engagement lead): for when something identifying
/// slipped through. The reason, shown publicly, is needed in both languages and is checked like
/// the publication's own text. In one transaction the publication is marked withdrawn, every
/// text of every version blanked in storage, its news taken out of the feeds and unsent emails
/// about it stopped. Audited (who, when, which; not the removed text).
pub async fn withdraw(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { form, lang, fields }: Posted<WithdrawForm>,
) -> Response {
    use crate::shell::problem::{page, Problem};
    let csp = match staff.require_in(lang, Permission::WithdrawPublication, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let Ok(id) = id.trim().parse::<i64>() else { return page(lang, Problem::NotFound) };
    let p = match db::publications::get(&state.db, id).await {
        Ok(Some(p)) if p.csp_id == csp.csp_id => p,
        Ok(_) => return page(lang, Problem::NotFound),
        Err(e) => {
            tracing::error!(error = %e, "could not read a publication");
            return page(lang, Problem::Internal);
        }
    };
    if p.withdrawn_at.is_some() {
        return back(lang, id, &Outcome::PublicationAlreadyWithdrawn.query());
    }
    let page_of = publication_page(p.id);
    let (db, user, page_of, fields) = (&state.db, staff.user.id, page_of.as_str(), fields.as_slice());
    let refuse = move |outcome: Outcome| async move {
        let query = kept::refusal(db, user, page_of, "withdraw", fields, outcome).await;
        back(lang, id, &query)
    };
    // The reason is public text: checked against the residents the published text drew on.
    let versions = match db::publications::versions(&state.db, id).await {
        Ok(v) => v,
        Err(e) => return refuse(unavailable(e)).await,
    };
    let Some(published) = versions.iter().find(|v| v.published_at.is_some()) else {
        return refuse(Outcome::PublicationStale).await;
    };
    let residents = match db::publications::items(&state.db, published.id).await {
        Ok(items) => match residents_drawn_on(&state, csp.csp_id, &items).await {
            Ok(r) => r,
            Err(e) => return refuse(unavailable(e)).await,
        },
        Err(e) => return refuse(unavailable(e)).await,
    };
    let Some((en, cy)) = check_withdrawal(&form.reason_en, &form.reason_cy, &residents) else {
        return refuse(Outcome::PublicationWithdrawReason).await;
    };
    let entry = audit(&staff, csp.csp_id, Some(id), AuditAction::PublicationWithdrawn, "withdrawn".into());
    match db::publications::withdraw(&state.db, id, staff.user.id, (&en, &cy), &entry).await {
        Ok(Some(done)) => {
            tracing::info!(
                publication = id,
                versions = done.versions,
                items = done.items,
                "publication withdrawn"
            );
            back(lang, id, &Outcome::PublicationWithdrawn.query())
        }
        Ok(None) => back(lang, id, &Outcome::PublicationAlreadyWithdrawn.query()),
        Err(e) => refuse(unavailable(e)).await,
    }
}
