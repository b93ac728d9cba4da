//! Engagement: campaigns per neighbourhood with their surveys, residents' responses (online, face
//! to face, on paper), equality monitoring and reach, results with small numbers suppressed,
//! coding of free text, neighbourhood priorities, the Key Individual Network, and intelligence
//! recorded from what engagement hears.
//!
//! This module holds the vocabularies; `survey` holds a survey's questions and the checks on
//! them and on answers. The other files are the capability's pages and handlers.

// Issue 13 (intel): neighbourhood priorities.
#[cfg(feature = "ssr")]
pub mod priorities;
// Equality monitoring, census population and reach (issue 13, reach).
#[cfg(feature = "ssr")]
pub mod census;
pub mod equality;
pub mod reach;
#[cfg(feature = "ssr")]
pub mod reach_page;
pub mod survey;
// The Key Individual Network (issue 13, kin): its rules, and its pages and forms.
#[cfg(feature = "ssr")]
pub mod kin;
#[cfg(feature = "ssr")]
pub mod kin_actions;
#[cfg(feature = "ssr")]
pub mod kin_pages;

// Campaigns, the partnership calendar and the survey builder.
pub mod builder;
#[cfg(feature = "ssr")]
pub mod builder_pages;
#[cfg(feature = "ssr")]
pub mod campaign_pages;
pub mod campaigns;
#[cfg(feature = "ssr")]
pub mod published_pages;
// Results, coding free text and the anonymised export (part: results).
#[cfg(feature = "ssr")]
pub mod api;
pub mod coding;
#[cfg(feature = "ssr")]
pub mod coding_pages;
pub mod export;
pub mod results;
#[cfg(feature = "ssr")]
pub mod results_pages;
// Responding (issue 13): the rules, the residents' pages and posts, staff entry and paper.
#[cfg(feature = "ssr")]
pub mod entry_actions;
#[cfg(feature = "ssr")]
pub mod entry_pages;
#[cfg(feature = "ssr")]
pub mod respond;
#[cfg(feature = "ssr")]
pub mod respond_actions;
#[cfg(feature = "ssr")]
pub mod respond_pages;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Where a campaign is.
    CampaignStatus { Planned = "planned", Open = "open", Closed = "closed", Reported = "reported" }
}
vocabulary! {
    /// How a campaign reaches people.
    Channel {
        OnlineSurvey = "online_survey",
        StreetBriefing = "street_briefing",
        HaveASayDay = "have_a_say_day",
        DoorToDoor = "door_to_door",
        PublicMeeting = "public_meeting",
        KinQuestionnaire = "kin_questionnaire",
    }
}
vocabulary! {
    /// How one response came in: the resident online, or keyed in by staff from a conversation
    /// or a paper form.
    ResponseChannel {
        Online = "online",
        StreetBriefing = "street_briefing",
        HaveASayDay = "have_a_say_day",
        DoorToDoor = "door_to_door",
        PublicMeeting = "public_meeting",
        Kin = "kin",
        Paper = "paper",
    }
}
vocabulary! {
    /// How a campaign keeps to one response per person without collecting more than it needs.
    ResponsePolicy {
        /// Anyone, as often as they like (a shared kiosk or tablet).
        Open = "open",
        /// One per browser (a signed cookie), with the per-address limits.
        OnePerDevice = "one_per_device",
        /// One per email address, answered through a link sent to it.
        OnePerEmail = "one_per_email",
        /// One per personal link (KIN members).
        OnePerLink = "one_per_link",
    }
}
vocabulary! {
    /// A survey built question by question, or the ready-made neighbourhood priorities poll.
    SurveyKind { Custom = "custom", PrioritiesPoll = "priorities_poll" }
}
