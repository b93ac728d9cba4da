//! The append-only audit log: who did what, to which record, when and from where. The
//! database refuses to update or delete its rows. Managers read it for their own CSP.

#[cfg(feature = "ssr")]
pub mod pages;

use serde::{Deserialize, Serialize};

/// What happened. Stored as the snake_case name; later capabilities add their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignIn,
    SignOut,
    SignInFailed,
    SignInRateLimited,
    RoleGranted,
    RoleRevoked,
    AccountCreated,
    ApiKeyCreated,
    AuditLogViewed,
    ReporterContactViewed,
    ReportAcknowledged,
    ReportUpdated,
    ReportGraded,
    ReportAssigned,
    IntelligenceViewedByPartner,
    ReportClassified,
    ReportLinked,
    CaseReviewUpdated,
    SettingsChanged,
    ProblemViewedByPartner,
    ProblemClosed,
    /// A report read by staff (the resident's words), with the reports suggested as links.
    ReportViewed,
    /// A case review read by staff (the applicant's name, contact details and words).
    CaseReviewViewed,
    ProblemShared,
    ApiKeyRevoked,
    AccountDeactivated,
    // Engagement: campaigns, the partnership calendar and the survey builder.
    CampaignPlanned,
    CampaignChanged,
    CampaignStatusChanged,
    SurveyChanged,
    SurveyPublished,
    // Engagement results (part: results).
    EngagementResultsPublished,
    /// Free-text answers read on the coding page.
    EngagementAnswersViewed,
    /// A campaign's anonymised answers exported as CSV.
    EngagementAnswersExported,
    // The Key Individual Network (issue 13, kin).
    /// The KIN register or a member's page read (names, contact details, answers).
    KinViewed,
    /// A KIN member added, edited, their consent withdrawn, or removed (the detail says which).
    KinChanged,
    /// The quarterly KIN questionnaire (or its reminder) sent.
    KinQuestionnaireSent,
    // Issue 13 (intel): intelligence recorded from engagement, and the survey answer read for it.
    IntelligenceRecorded,
    SurveyAnswerRead,
    // Responding (issue 13): a response keyed in by staff, a CSV of paper responses imported.
    ResponseEntered,
    ResponsesImported,
    // Engagement (issue 13, reach).
    /// A campaign's reach view read (equality monitoring counted in groups: special-category
    /// aggregates).
    EngagementReachViewed,
    // Issue 13 (gaps): a neighbourhood priority edited or removed (the detail says which).
    PriorityChanged,
    // Issue 14 (progress): residents who raised a priority told it moved (their addresses read).
    ProgressTold,
    // "You said, we did" publications (issue 14).
    PublicationDrafted,
    PublicationEdited,
    PublicationPublished,
    // Issue 14: an address stopped being told of progress and publications (no address kept).
    NewsStopped,
    // Issue 14: survey contacts deleted twelve months after their campaign closed (counts only).
    SurveyContactsExpired,
    // Issue 14: a published publication withdrawn, its texts removed (not in the entry).
    PublicationWithdrawn,
    // Tension assessments (issue 15, part 1): pages read, assessments saved, de-escalation
    // actions added or changed, a CSP's levels changed.
    TensionViewed,
    TensionAssessed,
    TensionActionChanged,
    TensionLevelsChanged,
    // Tension monitoring (issue 15): a trigger event recorded or edited, the rota changed, an
    // alert queued to the rota (the detail names its key and how many were emailed).
    TensionEventChanged,
    TensionRotaChanged,
    TensionAlertQueued,
    // Issue 15 part 6: a cohesion region made or its CSPs changed (`cymuned region`).
    RegionChanged,
}

impl AuditAction {
    pub const ALL: &'static [AuditAction] = &[
        AuditAction::SignIn,
        AuditAction::SignOut,
        AuditAction::SignInFailed,
        AuditAction::SignInRateLimited,
        AuditAction::RoleGranted,
        AuditAction::RoleRevoked,
        AuditAction::AccountCreated,
        AuditAction::ApiKeyCreated,
        AuditAction::AuditLogViewed,
        AuditAction::ReporterContactViewed,
        AuditAction::ReportAcknowledged,
        AuditAction::ReportUpdated,
        AuditAction::ReportGraded,
        AuditAction::ReportAssigned,
        AuditAction::IntelligenceViewedByPartner,
        AuditAction::ReportClassified,
        AuditAction::ReportLinked,
        AuditAction::CaseReviewUpdated,
        AuditAction::SettingsChanged,
        AuditAction::ProblemViewedByPartner,
        AuditAction::ProblemClosed,
        AuditAction::ReportViewed,
        AuditAction::CaseReviewViewed,
        AuditAction::ProblemShared,
        AuditAction::ApiKeyRevoked,
        AuditAction::AccountDeactivated,
        // Engagement: campaigns and the survey builder.
        AuditAction::CampaignPlanned,
        AuditAction::CampaignChanged,
        AuditAction::CampaignStatusChanged,
        AuditAction::SurveyChanged,
        AuditAction::SurveyPublished,
        AuditAction::EngagementResultsPublished,
        AuditAction::EngagementAnswersViewed,
        AuditAction::EngagementAnswersExported,
        // kin
        AuditAction::KinViewed,
        AuditAction::KinChanged,
        AuditAction::KinQuestionnaireSent,
        AuditAction::IntelligenceRecorded,
        AuditAction::SurveyAnswerRead,
        AuditAction::ResponseEntered,
        AuditAction::ResponsesImported,
        AuditAction::EngagementReachViewed,
        AuditAction::PriorityChanged,
        AuditAction::ProgressTold,
        AuditAction::PublicationDrafted,
        AuditAction::PublicationEdited,
        AuditAction::PublicationPublished,
        AuditAction::NewsStopped,
        AuditAction::SurveyContactsExpired,
        AuditAction::PublicationWithdrawn,
        AuditAction::TensionViewed,
        AuditAction::TensionAssessed,
        AuditAction::TensionActionChanged,
        AuditAction::TensionLevelsChanged,
        AuditAction::TensionEventChanged,
        AuditAction::TensionRotaChanged,
        AuditAction::TensionAlertQueued,
        AuditAction::RegionChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignOut => "sign_out",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignInRateLimited => "sign_in_rate_limited",
            AuditAction::RoleGranted => "role_granted",
            AuditAction::RoleRevoked => "role_revoked",
            AuditAction::AccountCreated => "account_created",
            AuditAction::ApiKeyCreated => "api_key_created",
            AuditAction::AuditLogViewed => "audit_log_viewed",
            AuditAction::ReporterContactViewed => "reporter_contact_viewed",
            AuditAction::ReportAcknowledged => "report_acknowledged",
            AuditAction::ReportUpdated => "report_updated",
            AuditAction::ReportGraded => "report_graded",
            AuditAction::ReportAssigned => "report_assigned",
            AuditAction::IntelligenceViewedByPartner => "intelligence_viewed_by_partner",
            AuditAction::ReportClassified => "report_classified",
            AuditAction::ReportLinked => "report_linked",
            AuditAction::CaseReviewUpdated => "case_review_updated",
            AuditAction::SettingsChanged => "settings_changed",
            AuditAction::ProblemViewedByPartner => "problem_viewed_by_partner",
            AuditAction::ProblemClosed => "problem_closed",
            AuditAction::ReportViewed => "report_viewed",
            AuditAction::CaseReviewViewed => "case_review_viewed",
            AuditAction::ProblemShared => "problem_shared",
            AuditAction::ApiKeyRevoked => "api_key_revoked",
            AuditAction::AccountDeactivated => "account_deactivated",
            // Engagement: campaigns and the survey builder.
            AuditAction::CampaignPlanned => "campaign_planned",
            AuditAction::CampaignChanged => "campaign_changed",
            AuditAction::CampaignStatusChanged => "campaign_status_changed",
            AuditAction::SurveyChanged => "survey_changed",
            AuditAction::SurveyPublished => "survey_published",
            AuditAction::EngagementResultsPublished => "engagement_results_published",
            AuditAction::EngagementAnswersViewed => "engagement_answers_viewed",
            AuditAction::EngagementAnswersExported => "engagement_answers_exported",
            // kin
            AuditAction::KinViewed => "kin_viewed",
            AuditAction::KinChanged => "kin_changed",
            AuditAction::KinQuestionnaireSent => "kin_questionnaire_sent",
            AuditAction::IntelligenceRecorded => "intelligence_recorded",
            AuditAction::SurveyAnswerRead => "survey_answer_read",
            AuditAction::ResponseEntered => "response_entered",
            AuditAction::ResponsesImported => "responses_imported",
            AuditAction::EngagementReachViewed => "engagement_reach_viewed",
            AuditAction::PriorityChanged => "priority_changed",
            AuditAction::ProgressTold => "progress_told",
            AuditAction::PublicationDrafted => "publication_drafted",
            AuditAction::PublicationEdited => "publication_edited",
            AuditAction::PublicationPublished => "publication_published",
            AuditAction::NewsStopped => "news_stopped",
            AuditAction::SurveyContactsExpired => "survey_contacts_expired",
            AuditAction::PublicationWithdrawn => "publication_withdrawn",
            AuditAction::TensionViewed => "tension_viewed",
            AuditAction::TensionAssessed => "tension_assessed",
            AuditAction::TensionActionChanged => "tension_action_changed",
            AuditAction::TensionLevelsChanged => "tension_levels_changed",
            AuditAction::TensionEventChanged => "tension_event_changed",
            AuditAction::TensionRotaChanged => "tension_rota_changed",
            AuditAction::TensionAlertQueued => "tension_alert_queued",
            AuditAction::RegionChanged => "region_changed",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.as_str() == s)
    }
}

/// One entry to write.
#[derive(Clone, Debug, Default)]
pub struct NewAuditEntry {
    pub actor_user_id: Option<i64>,
    /// Who, in words: an email, "cli", or an API key's name.
    pub actor_label: String,
    pub action: Option<AuditAction>,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    /// The CSP whose managers may read the entry; `None` for entries about a person, which are
    /// shown to the managers of every CSP the person works in.
    pub csp_id: Option<i64>,
    pub ip: Option<String>,
    pub detail: Option<String>,
}

/// One entry as shown to a manager.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub record: Option<String>,
    pub ip: Option<String>,
    pub detail: Option<String>,
}

/// A page of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
        }
    }
}
