//! What a staff form did, or why it was refused: one enum for every form's answer. A handler
//! sends the person back to the page with `?done=<code>` or `?error=<code>` (`Outcome::query`);
//! the page reads the code back (`Outcome::done`, `Outcome::error`) and shows the words in the
//! reader's language (`Outcome::message`, from the Fluent files).
//!
//! The same short code means different things on different pages ("stale" is a report on the
//! report's page and a profile on a profile's), so each outcome belongs to the pages of one
//! kind of record (`Pages`), and a page reads codes for its own kind.

use crate::i18n::Lang;

/// The pages an outcome is shown on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pages {
    /// A report's triage page.
    Report,
    /// Problem profiles, tasking meetings, the control strategy, strategic assessments.
    Problems,
    /// The team page (roles and teams).
    Team,
    /// Case reviews and the partnership's settings.
    CaseReviews,
    /// The sign-in page.
    SignIn,
    /// The residents' report form.
    ReportForm,
    /// A resident's tracking page (their reply to the partnership's question).
    Tracking,
    /// Engagement's staff pages: campaigns, surveys, results, priorities, the KIN register.
    Engagement,
    /// A residents' survey page (`/have-your-say/{campaign}`).
    Survey,
    /// Tension assessments, de-escalation actions and the tension levels (issue 15).
    Tension,
    /// Tension monitoring (issue 15): trigger events and their impact assessments, the rota.
    TensionEvents,
}

impl Pages {
    /// The names the page's address gives the outcome: `done`/`error`, except on the tracking
    /// page (`replied`/`reply_error`, next to the reply form's other codes).
    pub fn keys(self) -> (&'static str, &'static str) {
        match self {
            Pages::Tracking => ("replied", "reply_error"),
            _ => ("done", "error"),
        }
    }
}

/// Whether the form was carried out or refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Done,
    Error,
}

macro_rules! outcomes {
    ($($variant:ident: $pages:ident $kind:ident $code:literal => $message:literal,)*) => {
        /// What a staff form did, or why it was refused.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Outcome {
            $($variant,)*
        }

        impl Outcome {
            pub const ALL: &'static [Outcome] = &[$(Outcome::$variant,)*];

            /// The code in the page's address (`done=<code>` or `error=<code>`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Outcome::$variant => $code,)*
                }
            }

            /// The Fluent message saying it, in English and in Welsh.
            pub fn message_id(self) -> &'static str {
                match self {
                    $(Outcome::$variant => $message,)*
                }
            }

            pub fn pages(self) -> Pages {
                match self {
                    $(Outcome::$variant => Pages::$pages,)*
                }
            }

            pub fn kind(self) -> Kind {
                match self {
                    $(Outcome::$variant => Kind::$kind,)*
                }
            }
        }
    };
}

outcomes! {
    // A report's page.
    Acknowledged: Report Done "acknowledged" => "triage-done-acknowledged",
    Graded: Report Done "graded" => "triage-done-graded",
    Assigned: Report Done "assigned" => "triage-done-assigned",
    Asked: Report Done "asked" => "triage-done-asked",
    Classified: Report Done "classified" => "triage-done-classified",
    Verified: Report Done "verified" => "triage-done-verified",
    Linked: Report Done "linked" => "triage-done-linked",
    Updated: Report Done "updated" => "triage-done-updated",
    ReportStale: Report Error "stale" => "triage-error-stale",
    Source: Report Error "source" => "triage-error-source",
    Intelligence: Report Error "intelligence" => "triage-error-intelligence",
    Handling: Report Error "handling" => "triage-error-handling",
    ConditionsRequired: Report Error "conditions_required" => "triage-error-conditions-required",
    ConditionsTooLong: Report Error "conditions_too_long" => "triage-error-conditions-too-long",
    SummaryRequired: Report Error "summary_required" => "triage-error-summary-required",
    SummaryTooLong: Report Error "summary_too_long" => "triage-error-summary-too-long",
    SummaryIdentifies: Report Error "summary_identifies" => "triage-error-summary-identifies",
    Tension: Report Error "tension" => "triage-error-tension",
    ShareUnknown: Report Error "share_unknown" => "triage-error-share-unknown",
    Assignee: Report Error "assignee" => "triage-error-assignee",
    ReportStatus: Report Error "status" => "triage-error-status",
    MessageTooLong: Report Error "message_too_long" => "triage-error-message-too-long",
    PublicNoteTooLong: Report Error "public_note_too_long" => "triage-error-public-note-too-long",
    PublicNoteIdentifies: Report Error "public_note_identifies" => "triage-error-public-note-identifies",
    QuestionRequired: Report Error "question_required" => "triage-error-question-required",
    QuestionTooLong: Report Error "question_too_long" => "triage-error-question-too-long",
    Category: Report Error "category" => "triage-error-category",
    LinkKind: Report Error "link_kind" => "triage-error-link-unknown",
    LinkUnknown: Report Error "link_unknown" => "triage-error-link-unknown",
    LinkSelf: Report Error "link_self" => "triage-error-link-self",
    LinkLoop: Report Error "link_loop" => "triage-error-link-loop",
    ReportUnavailable: Report Error "unavailable" => "error-unavailable",

    // Problem profiles, tasking, the control strategy, strategic assessments.
    Opened: Problems Done "opened" => "profile-done-opened",
    Closed: Problems Done "closed" => "profile-done-closed",
    ActionAdded: Problems Done "action" => "tasking-done-action",
    Drafted: Problems Done "drafted" => "sa-done-drafted",
    Published: Problems Done "published" => "sa-done-published",
    Saved: Problems Done "saved" => "profile-done-saved",
    AlreadyPublished: Problems Error "published" => "sa-error-published",
    Quarter: Problems Error "quarter" => "sa-error-quarter",
    ProfileStale: Problems Error "stale" => "profile-error-stale",
    Title: Problems Error "title" => "profile-error-title",
    TooLong: Problems Error "too_long" => "profile-error-too-long",
    Period: Problems Error "period" => "profile-error-period",
    Neighbourhoods: Problems Error "neighbourhoods" => "profile-error-neighbourhoods",
    Categories: Problems Error "categories" => "profile-error-categories",
    Priority: Problems Error "priority" => "profile-error-choice",
    Stage: Problems Error "stage" => "profile-error-choice",
    ActionStatus: Problems Error "status" => "profile-error-choice",
    Decision: Problems Error "decision" => "profile-error-choice",
    Window: Problems Error "window" => "profile-error-choice",
    Item: Problems Error "item" => "profile-error-item",
    Organisation: Problems Error "organisation" => "profile-error-organisation",
    Due: Problems Error "due" => "profile-error-due",
    MeetingDate: Problems Error "meeting_date" => "profile-error-meeting-date",
    Started: Problems Error "started" => "profile-error-started",
    OutcomeRequired: Problems Error "outcome_required" => "profile-error-outcome-required",
    OutcomeIdentifies: Problems Error "outcome_identifies" => "profile-error-outcome-identifies",
    ProfileClosed: Problems Error "closed" => "profile-error-closed",
    NotStarted: Problems Error "not_started" => "profile-error-not-started",
    UnknownAction: Problems Error "unknown" => "error-unavailable",
    ProblemsUnavailable: Problems Error "unavailable" => "error-unavailable",

    // The team page.
    Granted: Team Done "granted" => "team-done-granted",
    Revoked: Team Done "revoked" => "team-done-revoked",
    TeamCreated: Team Done "team_created" => "teams-done-created",
    TeamChanged: Team Done "team_changed" => "teams-done-changed",
    NoAccount: Team Error "no_account" => "team-error-no-account",
    NeedsOrganisation: Team Error "needs_organisation" => "team-error-needs-organisation",
    RoleForbidden: Team Error "forbidden" => "team-error-forbidden",
    NotHeld: Team Error "not_held" => "team-error-not-held",
    TeamName: Team Error "team_name" => "teams-error-name",
    TeamExists: Team Error "team_exists" => "teams-error-exists",
    TeamInvalid: Team Error "invalid" => "team-error-invalid",

    // Case reviews and settings (the settings' words also count the reports checked again).
    ReviewSaved: CaseReviews Done "1" => "reviews-saved",
    SettingsSaved: CaseReviews Done "settings" => "reviews-settings-saved",
    ReviewStale: CaseReviews Error "stale" => "triage-error-stale",
    ReviewInvalid: CaseReviews Error "invalid" => "reviews-error-invalid",
    ReviewUnavailable: CaseReviews Error "unavailable" => "reviews-error-invalid",
    // Issue 14: the partnership's public contact on its neighbourhood pages.
    ContactSaved: CaseReviews Done "contact" => "settings-contact-saved",
    ContactTooLong: CaseReviews Error "contact_too_long" => "settings-contact-too-long",

    // Sign-in.
    SignInInvalid: SignIn Error "invalid" => "sign-in-error-invalid",
    SignInMissing: SignIn Error "missing" => "sign-in-error-missing",
    SignInRateLimited: SignIn Error "rate_limited" => "sign-in-error-rate-limited",
    SignInUnavailable: SignIn Error "unavailable" => "error-unavailable",

    // The residents' report form (a form that could not even be kept as a draft).
    ReportFormUnavailable: ReportForm Error "unavailable" => "error-unavailable",

    // A resident's tracking page (the refusal's words give the longest reply: see `ReplyForm`).
    ReplySent: Tracking Done "1" => "track-reply-sent",
    ReplyRefused: Tracking Error "1" => "track-reply-error",
    // Engagement's staff pages (each part adds its outcomes in its own block below).
    EngagementSaved: Engagement Done "saved" => "engagement-done-saved",
    EngagementUnavailable: Engagement Error "unavailable" => "error-unavailable",
    // Engagement: campaigns, the partnership calendar and the survey builder.
    CampaignPlanned: Engagement Done "campaign_planned" => "campaign-done-planned",
    CampaignSaved: Engagement Done "campaign_saved" => "campaign-done-saved",
    CampaignMoved: Engagement Done "campaign_status" => "campaign-done-status",
    CampaignTitle: Engagement Error "campaign_title" => "campaign-error-title",
    CampaignTooLong: Engagement Error "campaign_too_long" => "campaign-error-too-long",
    CampaignNeighbourhoods: Engagement Error "campaign_neighbourhoods" => "campaign-error-neighbourhoods",
    CampaignChannels: Engagement Error "campaign_channels" => "campaign-error-channels",
    CampaignDates: Engagement Error "campaign_dates" => "campaign-error-dates",
    CampaignOrder: Engagement Error "campaign_order" => "campaign-error-order",
    CampaignPeriod: Engagement Error "campaign_period" => "campaign-error-period",
    CampaignResultsDue: Engagement Error "campaign_results_due" => "campaign-error-results-due",
    CampaignOwner: Engagement Error "campaign_owner" => "campaign-error-owner",
    CampaignPolicy: Engagement Error "campaign_policy" => "campaign-error-policy",
    CampaignStale: Engagement Error "campaign_stale" => "campaign-error-stale",
    CampaignReported: Engagement Error "campaign_reported" => "campaign-error-reported",
    CampaignStatus: Engagement Error "campaign_status" => "campaign-error-status",
    CampaignNeedsSurvey: Engagement Error "campaign_needs_survey" => "campaign-error-needs-survey",
    BuilderStarted: Engagement Done "builder_started" => "builder-done-started",
    BuilderSaved: Engagement Done "builder_saved" => "builder-done-saved",
    BuilderPublished: Engagement Done "builder_published" => "builder-done-published",
    BuilderStale: Engagement Error "builder_stale" => "builder-error-stale",
    BuilderExists: Engagement Error "builder_exists" => "builder-error-exists",
    BuilderNone: Engagement Error "builder_none" => "builder-error-none",
    BuilderQuestion: Engagement Error "builder_question" => "builder-error-question",
    BuilderKind: Engagement Error "builder_kind" => "builder-error-kind",
    BuilderTooManyQuestions: Engagement Error "builder_too_many_questions" => "builder-error-too-many-questions",
    BuilderTooManyOptions: Engagement Error "builder_too_many_options" => "builder-error-too-many-options",
    BuilderTooLong: Engagement Error "builder_too_long" => "builder-error-too-long",
    BuilderMaxChoices: Engagement Error "builder_max_choices" => "builder-error-max-choices",
    BuilderCondition: Engagement Error "builder_condition" => "builder-error-condition",
    BuilderDates: Engagement Error "builder_dates" => "builder-error-dates",
    BuilderProblems: Engagement Error "builder_problems" => "builder-error-problems",
    BuilderMissingWelsh: Engagement Error "builder_missing_welsh" => "builder-error-missing-welsh",
    BuilderReported: Engagement Error "builder_reported" => "builder-error-reported",
    // Engagement results, coding free text (part: results).
    ResultsPublished: Engagement Done "results_published" => "results-done-published",
    ResultsAlreadyPublished: Engagement Error "results_published" => "results-error-published",
    ThemeAdded: Engagement Done "coding_theme_added" => "coding-done-theme",
    AnswerCoded: Engagement Done "coding_saved" => "coding-done-saved",
    ThemeName: Engagement Error "coding_theme_name" => "coding-error-theme-name",
    ThemeExists: Engagement Error "coding_theme_exists" => "coding-error-theme-exists",
    CodingQuestion: Engagement Error "coding_question" => "coding-error-question",
    CodingAnswer: Engagement Error "coding_answer" => "coding-error-answer",
    CodingTheme: Engagement Error "coding_theme" => "coding-error-theme",
    NoteTooLong: Engagement Error "coding_note_too_long" => "coding-error-note-too-long",
    // The Key Individual Network (kin): the register and its quarterly questionnaire.
    KinAdded: Engagement Done "kin_added" => "kin-done-added",
    KinEdited: Engagement Done "kin_edited" => "kin-done-edited",
    KinWithdrawn: Engagement Done "kin_withdrawn" => "kin-done-withdrawn",
    KinRemoved: Engagement Done "kin_removed" => "kin-done-removed",
    KinSent: Engagement Done "kin_sent" => "kin-done-sent",
    KinReminded: Engagement Done "kin_reminded" => "kin-done-reminded",
    KinNeighbourhood: Engagement Error "kin_neighbourhood" => "kin-error-neighbourhood",
    KinName: Engagement Error "kin_name" => "kin-error-name",
    KinContact: Engagement Error "kin_contact" => "kin-error-contact",
    KinEmail: Engagement Error "kin_email" => "kin-error-email",
    KinPhone: Engagement Error "kin_phone" => "kin-error-phone",
    KinLanguage: Engagement Error "kin_language" => "kin-error-language",
    KinTooLong: Engagement Error "kin_too_long" => "kin-error-too-long",
    KinConsentDate: Engagement Error "kin_consent_date" => "kin-error-consent-date",
    KinReviewDate: Engagement Error "kin_review_date" => "kin-error-review-date",
    KinStatus: Engagement Error "kin_status" => "kin-error-status",
    KinStale: Engagement Error "kin_stale" => "kin-error-stale",
    KinUnknown: Engagement Error "kin_unknown" => "kin-error-unknown",
    KinNoConsent: Engagement Error "kin_no_consent" => "kin-error-no-consent",
    KinCampaign: Engagement Error "kin_campaign" => "kin-error-campaign",
    KinNotPublished: Engagement Error "kin_not_published" => "kin-error-not-published",
    // Engagement (intel): intelligence recorded from engagement, neighbourhood priorities.
    IntelRecorded: Engagement Done "intel_recorded" => "intel-done-recorded",
    IntelOrigin: Engagement Error "intel_origin" => "intel-error-origin",
    IntelNeighbourhood: Engagement Error "intel_neighbourhood" => "intel-error-neighbourhood",
    IntelDate: Engagement Error "intel_date" => "intel-error-date",
    IntelSummaryRequired: Engagement Error "intel_summary_required" => "triage-error-summary-required",
    IntelSummaryTooLong: Engagement Error "intel_summary_too_long" => "triage-error-summary-too-long",
    IntelSummaryIdentifies: Engagement Error "intel_summary_identifies" => "intel-error-summary-identifies",
    IntelSource: Engagement Error "intel_source" => "triage-error-source",
    IntelIntelligence: Engagement Error "intel_intelligence" => "triage-error-intelligence",
    IntelHandling: Engagement Error "intel_handling" => "triage-error-handling",
    IntelConditionsRequired: Engagement Error "intel_conditions_required" => "triage-error-conditions-required",
    IntelConditionsTooLong: Engagement Error "intel_conditions_too_long" => "triage-error-conditions-too-long",
    IntelTension: Engagement Error "intel_tension" => "triage-error-tension",
    IntelShareUnknown: Engagement Error "intel_share_unknown" => "triage-error-share-unknown",
    IntelAnswer: Engagement Error "intel_answer" => "intel-error-answer",
    PrioritySet: Engagement Done "priority_set" => "priority-done-set",
    PriorityLinked: Engagement Done "priority_linked" => "priority-done-linked",
    PriorityReviewed: Engagement Done "priority_reviewed" => "priority-done-reviewed",
    PriorityTooMany: Engagement Error "priority_too_many" => "priority-error-too-many",
    PriorityTitle: Engagement Error "priority_title" => "priority-error-title",
    PriorityTooLong: Engagement Error "priority_too_long" => "priority-error-too-long",
    PriorityNeighbourhood: Engagement Error "priority_neighbourhood" => "intel-error-neighbourhood",
    PriorityPeriod: Engagement Error "priority_period" => "priority-error-period",
    PriorityUnknown: Engagement Error "priority_unknown" => "priority-error-unknown",
    PriorityVerdict: Engagement Error "priority_verdict" => "priority-error-verdict",
    PriorityEvidence: Engagement Error "priority_evidence" => "priority-error-evidence",
    PriorityDate: Engagement Error "priority_date" => "priority-error-date",
    PriorityEdited: Engagement Done "priority_edited" => "priority-done-edited",
    PriorityRemoved: Engagement Done "priority_removed" => "priority-done-removed",
    PriorityConfirm: Engagement Error "priority_confirm" => "priority-error-confirm",
    PriorityHasVerdict: Engagement Error "priority_has_verdict" => "priority-error-has-verdict",
    PriorityChoice: Engagement Error "priority_choice" => "priority-error-choice",
    // A residents' survey page.
    SurveySaved: Survey Done "saved" => "survey-done-saved",
    SurveyUnavailable: Survey Error "unavailable" => "survey-error-unavailable",
    // Responding (issue 13): residents' survey pages, staff entry and paper import.
    SurveyAnswers: Survey Error "answers" => "survey-error-answers",
    SurveyAnswered: Survey Error "answered" => "survey-error-answered",
    SurveyRateLimited: Survey Error "rate_limited" => "survey-error-rate-limited",
    SurveyEmail: Survey Error "email" => "survey-error-email",
    SurveyLinkSent: Survey Done "sent" => "survey-done-sent",
    SurveyCopySent: Survey Done "copied" => "survey-done-copied",
    ResponseEntered: Engagement Done "response_entered" => "entry-done-entered",
    ResponsesImported: Engagement Done "responses_imported" => "import-done",
    ResponseAnswers: Engagement Error "response_answers" => "entry-error-answers",
    ResponseChannelInvalid: Engagement Error "response_channel" => "entry-error-channel",
    ResponsesImportRefused: Engagement Error "responses_import" => "import-error",
    // "You said, we did" publications (issue 14).
    PublicationDrafted: Engagement Done "publication_drafted" => "publication-done-drafted",
    PublicationSaved: Engagement Done "publication_saved" => "publication-done-saved",
    PublicationPublished: Engagement Done "publication_published" => "publication-done-published",
    PublicationCorrecting: Engagement Done "publication_correcting" => "publication-done-correcting",
    PublicationArea: Engagement Error "publication_area" => "publication-error-area",
    PublicationPeriod: Engagement Error "publication_period" => "publication-error-period",
    PublicationTitle: Engagement Error "publication_title" => "publication-error-title",
    PublicationTooLong: Engagement Error "publication_too_long" => "publication-error-too-long",
    PublicationItem: Engagement Error "publication_item" => "publication-error-item",
    PublicationTooMany: Engagement Error "publication_too_many" => "publication-error-too-many",
    PublicationCorrection: Engagement Error "publication_correction" => "publication-error-correction",
    PublicationStale: Engagement Error "publication_stale" => "publication-error-stale",
    PublicationIncomplete: Engagement Error "publication_incomplete" => "publication-error-incomplete",
    PublicationNoItems: Engagement Error "publication_no_items" => "publication-error-no-items",
    PublicationIdentifies: Engagement Error "publication_identifies" => "publication-error-identifies",
    PublicationQuoted: Engagement Done "publication_quoted" => "publication-done-quoted",
    PublicationQuote: Engagement Error "publication_quote" => "publication-error-quote",
    // Withdrawing a publication (issue 14).
    PublicationWithdrawn: Engagement Done "publication_withdrawn" => "publication-done-withdrawn",
    PublicationWithdrawReason: Engagement Error "publication_withdraw_reason" => "publication-error-withdraw-reason",
    PublicationAlreadyWithdrawn: Engagement Error "publication_already_withdrawn" => "publication-error-withdrawn",
    // Tension assessments, de-escalation actions and levels (issue 15, part 1).
    TensionSaved: Tension Done "saved" => "tension-done-saved",
    TensionActionAdded: Tension Done "action_added" => "tension-done-action-added",
    TensionActionSaved: Tension Done "action_saved" => "tension-done-action-saved",
    TensionLevelsSaved: Tension Done "levels_saved" => "tension-done-levels-saved",
    TensionStale: Tension Error "stale" => "tension-error-stale",
    TensionLevel: Tension Error "level" => "tension-error-level",
    TensionNarrativeRequired: Tension Error "narrative_required" => "tension-error-narrative-required",
    TensionTooLong: Tension Error "too_long" => "tension-error-too-long",
    TensionReview: Tension Error "review" => "tension-error-review",
    TensionOwnerRequired: Tension Error "owner_required" => "tension-error-owner-required",
    TensionReviewTooFar: Tension Error "review_too_far" => "tension-error-review-too-far",
    TensionTooManyIndicators: Tension Error "too_many_indicators" => "tension-error-too-many-indicators",
    TensionKind: Tension Error "kind" => "tension-error-kind",
    TensionTag: Tension Error "tag" => "tension-error-tag",
    TensionNoteRequired: Tension Error "note_required" => "tension-error-note-required",
    TensionSourceRequired: Tension Error "source_required" => "tension-error-source-required",
    TensionGradeSource: Tension Error "grade_source" => "triage-error-source",
    TensionGradeIntelligence: Tension Error "grade_intelligence" => "triage-error-intelligence",
    TensionGradeHandling: Tension Error "grade_handling" => "triage-error-handling",
    TensionConditionsRequired: Tension Error "conditions_required" => "triage-error-conditions-required",
    TensionConditionsTooLong: Tension Error "conditions_too_long" => "triage-error-conditions-too-long",
    TensionMedia: Tension Error "media" => "tension-error-media",
    TensionItem: Tension Error "item" => "tension-error-item",
    TensionIdentifies: Tension Error "identifies" => "tension-error-identifies",
    TensionActionTitle: Tension Error "action_title" => "tension-error-action-title",
    TensionActionKind: Tension Error "action_kind" => "tension-error-action-kind",
    TensionActionStatus: Tension Error "action_status" => "tension-error-action-status",
    TensionActionDue: Tension Error "action_due" => "tension-error-action-due",
    TensionActionUnknown: Tension Error "action_unknown" => "tension-error-action-unknown",
    TensionLevelName: Tension Error "level_name" => "tension-error-level-name",
    TensionUnavailable: Tension Error "unavailable" => "error-unavailable",
    // Tension monitoring (issue 15): trigger events, their impact assessments, the rota.
    TensionEventRecorded: TensionEvents Done "recorded" => "tension-event-done-recorded",
    TensionEventSaved: TensionEvents Done "saved" => "tension-event-done-saved",
    TensionRotaAdded: TensionEvents Done "rota_added" => "tension-rota-done-added",
    TensionRotaRemoved: TensionEvents Done "rota_removed" => "tension-rota-done-removed",
    TensionEventStale: TensionEvents Error "stale" => "tension-event-error-stale",
    TensionEventKind: TensionEvents Error "kind" => "tension-event-error-kind",
    TensionEventTitle: TensionEvents Error "title" => "tension-event-error-title",
    TensionEventTooLong: TensionEvents Error "too_long" => "tension-event-error-too-long",
    TensionEventDates: TensionEvents Error "dates" => "tension-event-error-dates",
    TensionEventIdentifies: TensionEvents Error "identifies" => "tension-event-error-identifies",
    TensionEventNeighbourhoods: TensionEvents Error "neighbourhoods" => "tension-event-error-neighbourhoods",
    TensionEventOwner: TensionEvents Error "owner" => "tension-event-error-owner",
    TensionEventReview: TensionEvents Error "review" => "tension-event-error-review",
    TensionEventChoice: TensionEvents Error "choice" => "tension-event-error-choice",
    TensionRotaPerson: TensionEvents Error "rota_person" => "tension-rota-error-person",
    TensionEventsUnavailable: TensionEvents Error "unavailable" => "error-unavailable",
}

impl Outcome {
    /// What the page's address carries: `done=<code>` or `error=<code>` (see `Pages::keys`).
    pub fn query(self) -> String {
        let (done, error) = self.pages().keys();
        match self.kind() {
            Kind::Done => format!("{done}={}", self.as_str()),
            Kind::Error => format!("{error}={}", self.as_str()),
        }
    }

    /// The outcome `code` means on `pages`, if any (for pages that show nothing for a code
    /// they do not know: sign-in, the residents' pages).
    pub fn find(pages: Pages, kind: Kind, code: &str) -> Option<Outcome> {
        Outcome::ALL.iter().copied().find(|o| o.pages() == pages && o.kind() == kind && o.as_str() == code)
    }

    /// The `done=` code read back on one of `pages` (a code it does not know reads as the
    /// pages' plain "saved").
    pub fn done(pages: Pages, code: &str) -> Outcome {
        Outcome::find(pages, Kind::Done, code).unwrap_or(match pages {
            Pages::Report => Outcome::Updated,
            Pages::Problems => Outcome::Saved,
            Pages::Team => Outcome::Granted,
            Pages::CaseReviews => Outcome::ReviewSaved,
            Pages::SignIn | Pages::ReportForm | Pages::Tracking => Outcome::ReplySent,
            Pages::Engagement => Outcome::EngagementSaved,
            Pages::Survey => Outcome::SurveySaved,
            Pages::Tension => Outcome::TensionSaved,
            Pages::TensionEvents => Outcome::TensionEventSaved,
        })
    }

    /// The `error=` code read back on one of `pages` (a code it does not know reads as the
    /// pages' general refusal).
    pub fn error(pages: Pages, code: &str) -> Outcome {
        Outcome::find(pages, Kind::Error, code).unwrap_or(match pages {
            Pages::Report => Outcome::ReportUnavailable,
            Pages::Problems => Outcome::ProblemsUnavailable,
            Pages::Team => Outcome::TeamInvalid,
            Pages::CaseReviews => Outcome::ReviewInvalid,
            Pages::SignIn => Outcome::SignInUnavailable,
            Pages::ReportForm => Outcome::ReportFormUnavailable,
            Pages::Tracking => Outcome::ReplyRefused,
            Pages::Engagement => Outcome::EngagementUnavailable,
            Pages::Survey => Outcome::SurveyUnavailable,
            Pages::Tension => Outcome::TensionUnavailable,
            Pages::TensionEvents => Outcome::TensionEventsUnavailable,
        })
    }

    /// The words, in `lang` (for `SettingsSaved`, which counts reports, see the case reviews page).
    pub fn message(self, lang: Lang) -> String {
        lang.loader().get(self.message_id())
    }

    /// Refused because someone else saved first.
    pub fn is_stale(self) -> bool {
        matches!(
            self,
            Outcome::ReportStale
                | Outcome::ProfileStale
                | Outcome::ReviewStale
                // Engagement: campaigns and the survey builder.
                | Outcome::CampaignStale
                | Outcome::BuilderStale
                // The Key Individual Network.
                | Outcome::KinStale
                // Tension assessments and de-escalation actions.
                | Outcome::TensionStale
                // Tension monitoring: trigger events.
                | Outcome::TensionEventStale
        )
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.query())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_english_and_welsh_words() {
        for outcome in Outcome::ALL {
            for lang in [Lang::En, Lang::Cy] {
                assert!(lang.loader().has(outcome.message_id()), "{outcome:?} has no {lang:?} message");
            }
        }
        let en = Outcome::Graded.message(Lang::En);
        let cy = Outcome::Graded.message(Lang::Cy);
        assert!(!en.is_empty() && en != cy, "{en} / {cy}");
    }

    #[test]
    fn codes_read_back_into_the_same_outcome() {
        for &outcome in Outcome::ALL {
            let read = match outcome.kind() {
                Kind::Done => Outcome::done(outcome.pages(), outcome.as_str()),
                Kind::Error => Outcome::error(outcome.pages(), outcome.as_str()),
            };
            assert_eq!(read, outcome, "{outcome:?}");
        }
        assert_eq!(Outcome::error(Pages::Report, "stale"), Outcome::ReportStale);
        assert_eq!(Outcome::error(Pages::Problems, "stale"), Outcome::ProfileStale);
        assert_eq!(Outcome::error(Pages::Report, "nonsense"), Outcome::ReportUnavailable);
        assert_eq!(Outcome::done(Pages::Problems, "nonsense"), Outcome::Saved);
        assert_eq!(Outcome::Graded.query(), "done=graded");
        assert_eq!(Outcome::LinkLoop.query(), "error=link_loop");
        assert_eq!(Outcome::SignInRateLimited.query(), "error=rate_limited");
        assert_eq!(Outcome::ReportFormUnavailable.query(), "error=unavailable");
        assert_eq!(Outcome::ReplyRefused.query(), "reply_error=1");
        assert_eq!(Outcome::ReplySent.query(), "replied=1");
        assert_eq!(Outcome::find(Pages::SignIn, Kind::Error, "nonsense"), None);
    }
}
