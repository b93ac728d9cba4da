//! The staff forms of "you said, we did" publications (`PublishYouSaidWeDid`, in the
//! publication's partnership only): draft a new one, save a draft, publish, start a correction.
//! A refused form comes back as typed with the reason; every change is audited.
//!
//! Publishing happens in one transaction: the version is marked published, the news stored and
//! one email queued per subscriber it reaches (`subscriptions::delivery::announce_in`, in
//! multi-row inserts), and each resident whose report a profile it draws on is linked to, who
//! agreed to be contacted, gave an email and left no safe-contact note, is emailed once in their
//! language; the counts told are stored with it.

use super::pages::{list_page, publication_page, ADDRESS};
use super::{
    check_correction, check_edit, check_new, draft, draft_words, publish_problems, told_email, ClosedProfile,
    DraftInput, EditForm, FormProblem, Item, PriorityReviewed, PrioritySet, ReportFacts, SourceKind,
    SurveyFacts,
};
use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    engagement::results::{Body, Filter},
    i18n::Lang,
    reference::Names,
    shell::{form::Posted, outcome::Outcome},
    staff::{accounts::sha256_hex, guard::Staff, kept, Permission},
    state::AppState,
    suppression::Shown,
    triage::ReporterDetails,
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
// Drafting from the data.

/// The most chosen answer of each question that has one shown (choices and rankings).
fn top_answers(
    questions: &[crate::engagement::results::QuestionResult],
) -> Vec<(Names, Names, Shown, Option<f64>)> {
    let mut out = Vec::new();
    for q in questions {
        let best = match &q.body {
            Body::Choices(lines) => lines
                .iter()
                .filter_map(|l| Some((l.count.count()?, l.label.clone(), l.count, l.percent)))
                .max_by_key(|(n, ..)| *n),
            Body::Ranking { lines, .. } => lines
                .iter()
                .filter_map(|l| Some((l.first.count()?, l.label.clone(), l.first, l.percent)))
                .max_by_key(|(n, ..)| *n),
            _ => None,
        };
        if let Some((n, label, shown, percent)) = best {
            if n > 0 {
                out.push((q.text.clone(), label, shown, percent));
            }
        }
    }
    out
}

/// Everything the hub drafts a publication from, for the area and the days `[from, to]`.
pub async fn draft_input(
    state: &AppState,
    csp_id: i64,
    area: Names,
    neighbourhood: Option<i64>,
    from: i64,
    to: i64,
) -> Result<DraftInput, db::DbError> {
    let db = &state.db;
    let end = to + DAY;
    let neighbourhoods: Vec<(i64, Names)> =
        db::reference::neighbourhoods(db, csp_id).await?.into_iter().map(|n| (n.id, n.name)).collect();
    let mut surveys = Vec::new();
    for id in db::publications::closed_campaigns(db, csp_id, neighbourhood, from, end).await? {
        let Some(campaign) = db::engagement::campaign(db, id).await? else { continue };
        let filter = Filter { neighbourhood, ..Filter::default() };
        // Read as the public would: the poll's sensitive concerns withheld, as from partners.
        let computed =
            crate::engagement::results_pages::compute(db, &campaign, &filter, &neighbourhoods, true).await?;
        surveys.push(SurveyFacts {
            campaign_id: id,
            title: Names::new(campaign.title_en, campaign.title_cy),
            responses: computed.responses,
            top: top_answers(&computed.questions),
        });
    }
    let priorities_set = db::publications::priorities_set(db, csp_id, neighbourhood, from, end)
        .await?
        .into_iter()
        .map(|p| PrioritySet {
            priority_id: p.id,
            title: Names::new(p.title_en, p.title_cy),
            neighbourhood: Names::new(p.neighbourhood_en, p.neighbourhood_cy),
        })
        .collect();
    let reviewed = db::publications::priorities_reviewed(db, csp_id, neighbourhood, from, end)
        .await?
        .into_iter()
        .map(|r| PriorityReviewed {
            priority_id: r.id,
            title: Names::new(r.title_en, r.title_cy),
            neighbourhood: Names::new(r.neighbourhood_en, r.neighbourhood_cy),
            verdict: r.verdict,
            reviewed_on: r.reviewed_on,
        })
        .collect();
    let categories = db::neighbourhoods::category_families(db, csp_id).await?;
    let counts = db::publications::report_counts(db, csp_id, neighbourhood, from, end).await?;
    let threshold = db::engagement::suppression_threshold(db, csp_id).await?;
    let counted = crate::neighbourhoods::report_counts(&categories, &counts, 1, threshold);
    let reports = ReportFacts {
        rows: counted.rows.iter().copied().zip(counted.table.cells.iter().map(|c| c[0])).collect(),
        total: counted.table.total,
    };
    let now = db::now();
    let mut profiles = Vec::new();
    for id in db::publications::closed_profiles(db, csp_id, neighbourhood, from, end).await? {
        let Some(profile) = crate::problems::records::load(db, id, now).await? else { continue };
        let scope = db::problems::scope(db, id).await?;
        let analysis =
            crate::problems::analysis::analyse(db, &state.wards, &profile, &scope, Lang::En).await?;
        let assessment = crate::problems::analysis::assess(
            db,
            &state.wards,
            &scope,
            profile.response_started,
            profile.window_days,
            now,
        )
        .await?;
        let done: Vec<(String, Option<String>)> = profile
            .actions
            .iter()
            .filter(|a| a.status == crate::problems::ActionStatus::Done)
            .map(|a| (a.title.clone(), a.organisation.clone()))
            .collect();
        let change = assessment.as_ref().ok().map(|a| a.area);
        let text = Names::new(
            crate::problems::you_said_we_did(Lang::En, &profile, analysis.reports, &done, change.as_ref()),
            crate::problems::you_said_we_did(Lang::Cy, &profile, analysis.reports, &done, change.as_ref()),
        );
        profiles.push(ClosedProfile { profile_id: id, text });
    }
    Ok(DraftInput { area, from, to, surveys, priorities_set, reports, profiles, reviewed })
}

/// The residents linked to the profiles a version draws on (directly, or through a priority
/// linked to them), with their details as closing a profile checks them.
pub async fn residents_drawn_on(
    state: &AppState,
    csp_id: i64,
    items: &[Item],
) -> Result<Vec<ReporterDetails>, db::DbError> {
    let mut residents = Vec::new();
    for (profile, _) in profiles_drawn_on(state, csp_id, items).await? {
        for r in db::problems::linked_reports(&state.db, profile).await? {
            residents.push(r.details);
        }
    }
    Ok(residents)
}

/// The partnership's profiles a version draws on: (id, directly as an item of its own rather
/// than through a priority linked to it).
async fn profiles_drawn_on(
    state: &AppState,
    csp_id: i64,
    items: &[Item],
) -> Result<Vec<(i64, bool)>, db::DbError> {
    let mut out: Vec<(i64, bool)> = Vec::new();
    for item in items {
        let Some(id) = item.source_id else { continue };
        match item.source {
            SourceKind::Profile => {
                if db::publications::profile_of_csp(&state.db, csp_id, id).await? {
                    match out.iter_mut().find(|(p, _)| *p == id) {
                        Some(found) => found.1 = true,
                        None => out.push((id, true)),
                    }
                }
            }
            SourceKind::Priority => {
                if db::publications::priority_of_csp(&state.db, csp_id, id).await? {
                    for p in db::publications::priority_profiles(&state.db, id).await? {
                        if !out.iter().any(|(q, _)| *q == p) {
                            out.push((p, false));
                        }
                    }
                }
            }
            SourceKind::Campaign | SourceKind::Nothing => {}
        }
    }
    Ok(out)
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
        Ok(Some(p)) if p.csp_id == allowed.csp_id => Ok((p, allowed)),
        Ok(_) => Err(page(lang, Problem::NotFound)),
        Err(e) => {
            tracing::error!(error = %e, "could not read a publication");
            Err(page(lang, Problem::Internal))
        }
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

/// Item sources that are not the partnership's are refused (a form could name any id).
async fn sources_known(state: &AppState, csp_id: i64, items: &[Item]) -> Result<bool, db::DbError> {
    for item in items {
        let Some(id) = item.source_id else { continue };
        let known = match item.source {
            SourceKind::Profile => db::publications::profile_of_csp(&state.db, csp_id, id).await?,
            SourceKind::Priority => db::publications::priority_of_csp(&state.db, csp_id, id).await?,
            SourceKind::Campaign => {
                db::engagement::campaign(&state.db, id).await?.is_some_and(|c| c.csp_id == csp_id)
            }
            SourceKind::Nothing => true,
        };
        if !known {
            return Ok(false);
        }
    }
    Ok(true)
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
    match sources_known(&state, csp.csp_id, &items).await {
        Ok(true) => {}
        Ok(false) => return refuse(Outcome::PublicationItem).await,
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
    let (p, csp) = match open(&state, &staff, lang, &form.csp, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let id = p.id;
    let version = match latest_version(&state, id, &form.version).await {
        Ok(Some(v)) if v.published_at.is_none() => v,
        Ok(_) => return back(lang, id, &Outcome::PublicationStale.query()),
        Err(e) => return back(lang, id, &unavailable(e).query()),
    };
    let items = match db::publications::items(&state.db, version.id).await {
        Ok(items) => items,
        Err(e) => return back(lang, id, &unavailable(e).query()),
    };
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
/// the news announced to subscribers (their emails queued in batches); the linked residents who
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
                let email = email.trim().to_lowercase();
                if !letters.iter().any(|(e, _)| *e == email) {
                    letters.push((email, Lang::parse(&r.language).unwrap_or_default()));
                }
            }
        }
    }
    let mut tx = state.db.writer().begin().await?;
    if !db::publications::publish_in(&mut tx, p.id, version.id, db::now()).await? {
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
        crate::subscriptions::delivery::announce_in(&mut tx, public, &announcement).await?
    } else {
        0
    };
    let mut emails = Vec::new();
    for (email, lang) in letters {
        if db::publications::mark_told_in(&mut tx, p.id, &sha256_hex(&email)).await? {
            let page = crate::subscriptions::page_url(public, lang, &link);
            let (subject, body) = told_email(lang, &title, &area, &page);
            emails.push(db::outbox::Email { to: email, subject, body });
        }
    }
    db::outbox::enqueue_all_in(&mut tx, &emails).await?;
    db::publications::add_told_in(&mut tx, p.id, subscribers as i64, emails.len() as i64).await?;
    let detail = format!(
        "version {} published: subscribers told {subscribers}, residents told {}",
        version.number,
        emails.len()
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
