//! The Key Individual Network's forms, one route each: add a member, edit one, record consent
//! withdrawn, remove one, send this quarter's questionnaire, send the one reminder. Each states
//! `ManageKin` in the member's (or the form's) CSP first; each change is audited in the same
//! transaction; a refused member form goes back as it was typed.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, kin::MemberRow},
    engagement::{
        kin::{
            check_member, link, may_email, plan_sending, questionnaire_email, reminder_due, reminder_email,
            respondent_hash, MemberForm, MemberProblem, MemberStatus, Quarter,
        },
        kin_pages::{member_page, register_page},
    },
    i18n::Lang,
    shell::{
        form::Posted,
        outcome::Outcome,
        problem::{page, Problem},
    },
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

fn to_register(lang: Lang, slug: &str, query: &str) -> Response {
    let csp = crate::shell::encode_component(slug);
    Redirect::to(&format!("{}?csp={csp}&{query}", lang.path("/staff/engagement/kin"))).into_response()
}

fn to_member(lang: Lang, id: i64, query: &str) -> Response {
    Redirect::to(&format!("{}?{query}", lang.path(&format!("/staff/engagement/kin/{id}")))).into_response()
}

fn entry(
    staff: &Staff,
    action: AuditAction,
    csp_id: i64,
    record_type: &str,
    record_id: String,
    detail: String,
) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(action),
        record_type: Some(record_type.into()),
        record_id: Some(record_id),
        csp_id: Some(csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(detail),
    }
}

fn problem_outcome(problem: MemberProblem) -> Outcome {
    match problem {
        MemberProblem::Neighbourhood => Outcome::KinNeighbourhood,
        MemberProblem::Name => Outcome::KinName,
        MemberProblem::Contact => Outcome::KinContact,
        MemberProblem::Email => Outcome::KinEmail,
        MemberProblem::Phone => Outcome::KinPhone,
        MemberProblem::Language => Outcome::KinLanguage,
        MemberProblem::TooLong => Outcome::KinTooLong,
        MemberProblem::ConsentDate => Outcome::KinConsentDate,
        MemberProblem::ReviewDate => Outcome::KinReviewDate,
        MemberProblem::Status => Outcome::KinStatus,
    }
}

/// The start of today (UTC), the latest day consent can have been given.
fn today() -> i64 {
    let now = db::now();
    now - now.rem_euclid(86_400)
}

async fn neighbourhood_ids(state: &AppState, csp_id: i64) -> Result<Vec<i64>, db::DbError> {
    Ok(db::kin::neighbourhoods(&state.db, csp_id).await?.into_iter().map(|n| n.id).collect())
}

/// `POST /staff/engagement/kin/add`: a new member (refused for a mistake, the form goes back as
/// it was typed).
pub async fn add(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<MemberForm>,
) -> Response {
    let csp = match staff.require_named(lang, Permission::ManageKin, form.csp.trim()) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let neighbourhoods = match neighbourhood_ids(&state, csp.csp_id).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "could not read neighbourhoods");
            return to_register(lang, &csp.slug, &Outcome::EngagementUnavailable.query());
        }
    };
    let page_key = register_page(&csp.slug);
    let refused =
        |outcome: Outcome| kept::refusal(&state.db, staff.user.id, &page_key, "add", &fields, outcome);
    let details = match check_member(&form, &neighbourhoods, today()) {
        Ok(details) => details,
        Err(problem) => return to_register(lang, &csp.slug, &refused(problem_outcome(problem)).await),
    };
    let audit =
        entry(&staff, AuditAction::KinChanged, csp.csp_id, "kin_member", String::new(), "added".into());
    match db::kin::add_member(&state.db, csp.csp_id, &details, &audit).await {
        Ok(_) => to_register(lang, &csp.slug, &Outcome::KinAdded.query()),
        Err(e) => {
            tracing::error!(error = %e, "could not add a KIN member");
            to_register(lang, &csp.slug, &refused(Outcome::EngagementUnavailable).await)
        }
    }
}

/// The member `id` when the person may manage the KIN of its CSP; else the refusal ("not
/// found" for another CSP's member, one removed, or none).
#[allow(clippy::result_large_err)]
async fn managed_member(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    id: &str,
) -> Result<MemberRow, Response> {
    let member = match id.parse::<i64>() {
        Ok(id) => db::kin::member(&state.db, id).await.map_err(|e| {
            tracing::error!(error = %e, "could not read a KIN member");
            page(lang, Problem::Internal)
        })?,
        Err(_) => None,
    };
    let Some(member) = member else { return Err(page(lang, Problem::NotFound)) };
    staff.require(lang, Permission::ManageKin, Permission::ManageKin, member.csp_id)?;
    if member.status == MemberStatus::Removed {
        return Err(page(lang, Problem::NotFound));
    }
    Ok(member)
}

/// The member `id` when the person may manage the KIN of its CSP, with the audit entry of
/// `change` made to them; else the refusal (see `managed_member`).
#[allow(clippy::result_large_err)]
async fn member_change(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
    id: &str,
    change: &str,
) -> Result<(MemberRow, NewAuditEntry), Response> {
    let member = managed_member(state, staff, lang, id).await?;
    let audit = entry(
        staff,
        AuditAction::KinChanged,
        member.csp_id,
        "kin_member",
        member.id.to_string(),
        change.into(),
    );
    Ok((member, audit))
}

/// `POST /staff/engagement/kin/{id}/edit`: a member's details saved (refused for a mistake, or
/// because someone else saved first, the form goes back as typed).
pub async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { form, lang, fields }: Posted<MemberForm>,
) -> Response {
    let (member, audit) = match member_change(&state, &staff, lang, &id, "edited").await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let page_key = member_page(member.id);
    let refused =
        |outcome: Outcome| kept::refusal(&state.db, staff.user.id, &page_key, "edit", &fields, outcome);
    let neighbourhoods = match neighbourhood_ids(&state, member.csp_id).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "could not read neighbourhoods");
            return to_member(lang, member.id, &refused(Outcome::EngagementUnavailable).await);
        }
    };
    let details = match check_member(&form, &neighbourhoods, today()) {
        Ok(details) => details,
        Err(problem) => return to_member(lang, member.id, &refused(problem_outcome(problem)).await),
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        return to_member(lang, member.id, &refused(Outcome::KinStale).await);
    };
    match db::kin::update_member(&state.db, member.id, version, &details, &audit).await {
        Ok(true) => to_member(lang, member.id, &Outcome::KinEdited.query()),
        Ok(false) => to_member(lang, member.id, &refused(Outcome::KinStale).await),
        Err(e) => {
            tracing::error!(error = %e, "could not save a KIN member");
            to_member(lang, member.id, &refused(Outcome::EngagementUnavailable).await)
        }
    }
}

/// A form that only names its language (and, for the record, its CSP).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MemberActionForm {
    pub csp: String,
}

/// `POST /staff/engagement/kin/{id}/withdraw-consent`: the member asked not to be contacted;
/// no more emails (nor reminders) go to them.
pub async fn withdraw_consent(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { lang, .. }: Posted<MemberActionForm>,
) -> Response {
    let (member, audit) = match member_change(&state, &staff, lang, &id, "consent withdrawn").await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let outcome = match db::kin::withdraw_consent(&state.db, member.id, &audit).await {
        Ok(true) => Outcome::KinWithdrawn,
        Ok(false) => Outcome::KinNoConsent,
        Err(e) => {
            tracing::error!(error = %e, "could not record consent withdrawn");
            Outcome::EngagementUnavailable
        }
    };
    to_member(lang, member.id, &outcome.query())
}

/// `POST /staff/engagement/kin/{id}/remove`: the member's name and contact details deleted (see
/// `engagement::kin` for what is kept and why); back to the register.
pub async fn remove(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { lang, .. }: Posted<MemberActionForm>,
) -> Response {
    let (member, audit) = match member_change(&state, &staff, lang, &id, "removed").await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let slug = staff
        .user
        .grants
        .iter()
        .find(|g| g.csp_id == member.csp_id)
        .map(|g| g.csp_slug.clone())
        .unwrap_or_default();
    match db::kin::remove_member(&state.db, member.id, &audit).await {
        Ok(_) => to_register(lang, &slug, &Outcome::KinRemoved.query()),
        Err(e) => {
            tracing::error!(error = %e, "could not remove a KIN member");
            to_member(lang, member.id, &Outcome::EngagementUnavailable.query())
        }
    }
}

/// The questionnaire or reminder form: which campaign.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SendForm {
    pub csp: String,
    pub campaign: String,
}

/// The campaign a sending form names, when it is a KIN questionnaire of the CSP with a
/// published survey; else the outcome refusing it.
async fn kin_campaign(
    state: &AppState,
    csp_id: i64,
    campaign: &str,
) -> Result<db::kin::KinCampaign, Outcome> {
    let Ok(id) = campaign.trim().parse::<i64>() else { return Err(Outcome::KinCampaign) };
    let campaign = match db::kin::kin_campaign(&state.db, id).await {
        Ok(Some(c)) if c.csp_id == csp_id => c,
        Ok(_) => return Err(Outcome::KinCampaign),
        Err(e) => {
            tracing::error!(error = %e, "could not read a campaign");
            return Err(Outcome::EngagementUnavailable);
        }
    };
    match db::kin::survey_published(&state.db, campaign.id).await {
        Ok(true) => Ok(campaign),
        Ok(false) => Err(Outcome::KinNotPublished),
        Err(e) => {
            tracing::error!(error = %e, "could not read a survey");
            Err(Outcome::EngagementUnavailable)
        }
    }
}

/// `POST /staff/engagement/kin/send`: this quarter's questionnaire to every active, consenting
/// member with an email in the campaign's neighbourhoods, each in their language with a
/// personal link; members already sent one this quarter are counted, not sent another.
pub async fn send(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<SendForm>,
) -> Response {
    mail(&state, &staff, lang, &form, Mailing::Questionnaires).await
}

/// What a sending form sends: this quarter's questionnaires, or the one reminder.
#[derive(Clone, Copy)]
enum Mailing {
    Questionnaires,
    Reminders,
}

/// A sending form: `ManageKin` in its CSP, its campaign checked, the emails queued (and the
/// mailer woken), and back to the register with how many were sent.
async fn mail(state: &AppState, staff: &Staff, lang: Lang, form: &SendForm, mailing: Mailing) -> Response {
    let csp = match staff.require_named(lang, Permission::ManageKin, form.csp.trim()) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let campaign = match kin_campaign(state, csp.csp_id, &form.campaign).await {
        Ok(c) => c,
        Err(outcome) => return to_register(lang, &csp.slug, &outcome.query()),
    };
    let (sending, done, failed) = match mailing {
        Mailing::Questionnaires => (
            send_questionnaires(state, staff, &csp, &campaign).await,
            Outcome::KinSent,
            "could not send the KIN questionnaire",
        ),
        Mailing::Reminders => (
            send_reminders(state, staff, &csp, &campaign).await,
            Outcome::KinReminded,
            "could not send KIN reminders",
        ),
    };
    match sending {
        Ok((sent, already)) => {
            state.mail_wake.notify_one();
            to_register(lang, &csp.slug, &format!("{}&sent={sent}&already={already}", done.query()))
        }
        Err(e) => {
            tracing::error!(error = %e, "{failed}");
            to_register(lang, &csp.slug, &Outcome::EngagementUnavailable.query())
        }
    }
}

/// Sends one quarter's questionnaires; (sent now, already sent this quarter).
async fn send_questionnaires(
    state: &AppState,
    staff: &Staff,
    csp: &crate::staff::guard::AllowedIn,
    campaign: &db::kin::KinCampaign,
) -> Result<(usize, usize), db::DbError> {
    let quarter = Quarter::of(db::now());
    let places = db::engagement::campaign_neighbourhoods(&state.db, campaign.id).await?;
    let members: Vec<MemberRow> = db::kin::members(&state.db, csp.csp_id)
        .await?
        .into_iter()
        .filter(|m| campaign.whole_csp == 1 || places.contains(&m.neighbourhood_id))
        .filter(|m| may_email(m.status, m.consent_on, m.email.as_deref()))
        .collect();
    let eligible: Vec<i64> = members.iter().map(|m| m.id).collect();
    let plan = plan_sending(&eligible, &db::kin::sent_in_quarter(&state.db, csp.csp_id, quarter).await?);
    if plan.to_send.is_empty() {
        return Ok((0, plan.already));
    }
    let key = db::kin::hash_key(&state.db, csp.csp_id, &random_token()).await?;
    let sending: Vec<db::kin::NewQuestionnaire> = members
        .iter()
        .filter(|m| plan.to_send.contains(&m.id))
        .map(|m| {
            let language = Lang::parse(&m.language).unwrap_or_default();
            let token = random_token();
            let title = if language == Lang::Cy { &campaign.title_cy } else { &campaign.title_en };
            let address = link(&state.settings.public_url, language, &campaign.slug, &token);
            let (subject, body) =
                questionnaire_email(language, &m.name, csp.names.get(language), title, &address);
            db::kin::NewQuestionnaire {
                member_id: m.id,
                neighbourhood_id: m.neighbourhood_id,
                language,
                token_hash: sha256_hex(&token),
                respondent_hash: respondent_hash(&key, m.id, quarter),
                to: m.email.clone().unwrap_or_default(),
                subject,
                body,
            }
        })
        .collect();
    let detail = format!(
        "campaign {}, {}-Q{}: sent to members {}",
        campaign.id,
        quarter.year,
        quarter.number,
        sending.iter().map(|q| q.member_id.to_string()).collect::<Vec<_>>().join(", ")
    );
    let audit = entry(
        staff,
        AuditAction::KinQuestionnaireSent,
        csp.csp_id,
        "campaign",
        campaign.id.to_string(),
        detail,
    );
    db::kin::send_questionnaires(
        &state.db,
        csp.csp_id,
        campaign.id,
        quarter,
        staff.user.id,
        &sending,
        &audit,
    )
    .await?;
    Ok((sending.len(), plan.already))
}

/// `POST /staff/engagement/kin/remind`: the one reminder, with a new personal link, to members
/// sent this quarter's questionnaire by the campaign a week or more ago who have not answered
/// (and may still be emailed). Members already reminded are counted, never reminded again.
pub async fn remind(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<SendForm>,
) -> Response {
    mail(&state, &staff, lang, &form, Mailing::Reminders).await
}

/// Sends the reminders that are due; (sent now, reminded before).
async fn send_reminders(
    state: &AppState,
    staff: &Staff,
    csp: &crate::staff::guard::AllowedIn,
    campaign: &db::kin::KinCampaign,
) -> Result<(usize, usize), db::DbError> {
    let now = db::now();
    let sent = db::kin::sent_for_campaign(&state.db, campaign.id, Quarter::of(now)).await?;
    let already = sent.iter().filter(|s| s.reminded_at.is_some()).count();
    let reminders: Vec<db::kin::NewReminder> = sent
        .iter()
        .filter(|s| reminder_due(s.sent_at, s.reminded_at, s.used_at, now))
        .filter(|s| may_email(s.status, s.consent_on, s.email.as_deref()))
        .map(|s| {
            let language = Lang::parse(&s.language).unwrap_or_default();
            let token = random_token();
            let title = if language == Lang::Cy { &campaign.title_cy } else { &campaign.title_en };
            let address = link(&state.settings.public_url, language, &campaign.slug, &token);
            let (subject, body) = reminder_email(language, &s.name, csp.names.get(language), title, &address);
            db::kin::NewReminder {
                questionnaire_id: s.id,
                link_id: s.link_id,
                token_hash: sha256_hex(&token),
                to: s.email.clone().unwrap_or_default(),
                subject,
                body,
            }
        })
        .collect();
    if reminders.is_empty() {
        return Ok((0, already));
    }
    let detail = format!(
        "campaign {}: reminders for questionnaires {}",
        campaign.id,
        reminders.iter().map(|r| r.questionnaire_id.to_string()).collect::<Vec<_>>().join(", ")
    );
    let audit = entry(
        staff,
        AuditAction::KinQuestionnaireSent,
        csp.csp_id,
        "campaign",
        campaign.id.to_string(),
        detail,
    );
    let sent = db::kin::send_reminders(&state.db, &reminders, &audit).await?;
    Ok((sent, already))
}
