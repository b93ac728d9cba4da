//! The audit log page: managers read their CSP's entries, newest first. Reading it is audited.

use crate::staff::CspAccess;
use crate::{
    audit::{AuditAction, AuditPage},
    i18n::Lang,
    reference::Names,
    shell::{page::Page, use_lang, CspPicker},
    t,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuditView {
    /// The CSPs whose log this person may read.
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub page: AuditPage,
}

/// The audit log page's data: one page of the chosen CSP's entries. Reading it is audited.
pub async fn audit_log(csp: Option<String>, page: Option<i64>) -> Result<AuditView, ServerFnError> {
    use crate::{audit::NewAuditEntry, error::AppError, staff::Permission};
    let user = crate::staff::pages::require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::ViewAuditLog);
    let Some(CspAccess { id: csp_id, slug, .. }) = crate::staff::StaffUser::pick_csp(&allowed, csp) else {
        return Err(crate::error::reject(AppError::Forbidden));
    };
    let page = page.unwrap_or(1).clamp(1, 1_000_000);
    let result = crate::db::audit::page_for_csp(&state.db, csp_id, page, PAGE_SIZE)
        .await
        .map_err(crate::error::internal)?;
    crate::db::audit::record(
        &state.db,
        NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(AuditAction::AuditLogViewed),
            record_type: Some("audit_log".into()),
            record_id: Some(format!("page {page}")),
            csp_id: Some(csp_id),
            ip: crate::staff::session::client_ip(),
            ..Default::default()
        },
    )
    .await
    .map_err(crate::error::internal)?;
    Ok(AuditView { csps: allowed.into_iter().map(CspAccess::choice).collect(), selected: slug, page: result })
}

pub fn action_label(lang: Lang, action: &str) -> String {
    match AuditAction::parse(action) {
        Some(AuditAction::SignIn) => t!(lang, "audit-action-sign-in"),
        Some(AuditAction::SignOut) => t!(lang, "audit-action-sign-out"),
        Some(AuditAction::SignInFailed) => t!(lang, "audit-action-sign-in-failed"),
        Some(AuditAction::SignInRateLimited) => t!(lang, "audit-action-sign-in-rate-limited"),
        Some(AuditAction::RoleGranted) => t!(lang, "audit-action-role-granted"),
        Some(AuditAction::RoleRevoked) => t!(lang, "audit-action-role-revoked"),
        Some(AuditAction::AccountCreated) => t!(lang, "audit-action-account-created"),
        Some(AuditAction::ApiKeyCreated) => t!(lang, "audit-action-api-key-created"),
        Some(AuditAction::AuditLogViewed) => t!(lang, "audit-action-audit-log-viewed"),
        Some(AuditAction::ReporterContactViewed) => t!(lang, "audit-action-reporter-contact-viewed"),
        Some(AuditAction::ReportAcknowledged) => t!(lang, "audit-action-report-acknowledged"),
        Some(AuditAction::ReportUpdated) => t!(lang, "audit-action-report-updated"),
        Some(AuditAction::ReportGraded) => t!(lang, "audit-action-report-graded"),
        Some(AuditAction::ReportAssigned) => t!(lang, "audit-action-report-assigned"),
        Some(AuditAction::IntelligenceViewedByPartner) => {
            t!(lang, "audit-action-intelligence-viewed-by-partner")
        }
        Some(AuditAction::ReportClassified) => t!(lang, "audit-action-report-classified"),
        Some(AuditAction::ReportLinked) => t!(lang, "audit-action-report-linked"),
        Some(AuditAction::CaseReviewUpdated) => t!(lang, "audit-action-case-review-updated"),
        Some(AuditAction::SettingsChanged) => t!(lang, "audit-action-settings-changed"),
        Some(AuditAction::ProblemViewedByPartner) => t!(lang, "audit-action-problem-viewed-by-partner"),
        Some(AuditAction::ProblemClosed) => t!(lang, "audit-action-problem-closed"),
        Some(AuditAction::ReportViewed) => t!(lang, "audit-action-report-viewed"),
        Some(AuditAction::CaseReviewViewed) => t!(lang, "audit-action-case-review-viewed"),
        Some(AuditAction::ProblemShared) => t!(lang, "audit-action-problem-shared"),
        Some(AuditAction::ApiKeyRevoked) => t!(lang, "audit-action-api-key-revoked"),
        Some(AuditAction::AccountDeactivated) => t!(lang, "audit-action-account-deactivated"),
        // Engagement: campaigns and the survey builder.
        Some(AuditAction::CampaignPlanned) => t!(lang, "audit-action-campaign-planned"),
        Some(AuditAction::CampaignChanged) => t!(lang, "audit-action-campaign-changed"),
        Some(AuditAction::CampaignStatusChanged) => t!(lang, "audit-action-campaign-status-changed"),
        Some(AuditAction::SurveyChanged) => t!(lang, "audit-action-survey-changed"),
        Some(AuditAction::SurveyPublished) => t!(lang, "audit-action-survey-published"),
        Some(AuditAction::EngagementResultsPublished) => {
            t!(lang, "audit-action-engagement-results-published")
        }
        Some(AuditAction::EngagementAnswersViewed) => t!(lang, "audit-action-engagement-answers-viewed"),
        Some(AuditAction::EngagementAnswersExported) => t!(lang, "audit-action-engagement-answers-exported"),
        // kin
        Some(AuditAction::KinViewed) => t!(lang, "audit-action-kin-viewed"),
        Some(AuditAction::KinChanged) => t!(lang, "audit-action-kin-changed"),
        Some(AuditAction::KinQuestionnaireSent) => t!(lang, "audit-action-kin-questionnaire-sent"),
        Some(AuditAction::IntelligenceRecorded) => t!(lang, "audit-action-intelligence-recorded"),
        Some(AuditAction::SurveyAnswerRead) => t!(lang, "audit-action-survey-answer-read"),
        // Responding (issue 13).
        Some(AuditAction::ResponseEntered) => t!(lang, "audit-action-response-entered"),
        Some(AuditAction::ResponsesImported) => t!(lang, "audit-action-responses-imported"),
        // Engagement (issue 13, reach).
        Some(AuditAction::EngagementReachViewed) => t!(lang, "audit-action-engagement-reach-viewed"),
        Some(AuditAction::PriorityChanged) => t!(lang, "audit-action-priority-changed"),
        Some(AuditAction::ProgressTold) => t!(lang, "audit-action-progress-told"),
        Some(AuditAction::PublicationDrafted) => t!(lang, "audit-action-publication-drafted"),
        Some(AuditAction::PublicationEdited) => t!(lang, "audit-action-publication-edited"),
        Some(AuditAction::PublicationPublished) => t!(lang, "audit-action-publication-published"),
        Some(AuditAction::NewsStopped) => t!(lang, "audit-action-news-stopped"),
        Some(AuditAction::SurveyContactsExpired) => t!(lang, "audit-action-survey-contacts-expired"),
        Some(AuditAction::PublicationWithdrawn) => t!(lang, "audit-action-publication-withdrawn"),
        Some(AuditAction::TensionViewed) => t!(lang, "audit-action-tension-viewed"),
        Some(AuditAction::TensionAssessed) => t!(lang, "audit-action-tension-assessed"),
        Some(AuditAction::TensionActionChanged) => t!(lang, "audit-action-tension-action-changed"),
        Some(AuditAction::TensionLevelsChanged) => t!(lang, "audit-action-tension-levels-changed"),
        // Tension monitoring (issue 15: events, rota, alerts).
        Some(AuditAction::TensionEventChanged) => t!(lang, "audit-action-tension-event-changed"),
        Some(AuditAction::TensionRotaChanged) => t!(lang, "audit-action-tension-rota-changed"),
        Some(AuditAction::TensionAlertQueued) => t!(lang, "audit-action-tension-alert-queued"),
        Some(AuditAction::RegionChanged) => t!(lang, "audit-action-region-changed"),
        None => action.to_string(),
    }
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let q = query.read_untracked();
    let load = audit_log(q.get("csp"), q.get("page").and_then(|p| p.parse::<i64>().ok()));
    view! {
        <Page lang title=t!(lang, "audit-title") load render=move |view| view! { <AuditTable lang view /> }>
            <p>{t!(lang, "audit-intro")}</p>
        </Page>
    }
}

#[component]
fn AuditTable(lang: Lang, view: AuditView) -> impl IntoView {
    let AuditView { csps, selected, page } = view;
    let pages = ((page.total + page.page_size - 1) / page.page_size).max(1);
    let link = {
        let selected = selected.clone();
        move |p: i64| format!("{}?csp={}&page={p}", lang.path("/staff/audit"), selected)
    };
    view! {
        <CspPicker lang csps=csps selected=selected.clone() />
        <p>{t!(lang, "audit-count", count = page.total)}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="audit-caption">
            <table>
                <caption id="audit-caption">{t!(lang, "audit-caption", page = page.page, pages = pages)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(lang, "audit-when")}</th>
                        <th scope="col">{t!(lang, "audit-who")}</th>
                        <th scope="col">{t!(lang, "audit-what")}</th>
                        <th scope="col">{t!(lang, "audit-record")}</th>
                        <th scope="col">{t!(lang, "audit-from")}</th>
                    </tr>
                </thead>
                <tbody>
                    {page.entries.into_iter().map(|e| view! {
                        <tr>
                            <td>{crate::time::time_to_the_second(lang, e.at)}</td>
                            <td class="breakable">{e.actor}</td>
                            <td>{action_label(lang, &e.action)}{e.detail.map(|d| format!(" ({d})"))}</td>
                            <td>{e.record.unwrap_or_default()}</td>
                            <td>{e.ip.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pagination" aria-label=t!(lang, "pagination-label")>
            {(page.page > 1).then(|| view! { <a href=link(page.page - 1) rel="prev">{t!(lang, "pagination-previous")}</a> })}
            {(page.page < pages).then(|| view! { <a href=link(page.page + 1) rel="next">{t!(lang, "pagination-next")}</a> })}
        </nav>
    }
}
