//! Engagement: campaigns per neighbourhood with their surveys, residents' responses (online, face
//! to face, on paper), equality monitoring and reach, results with small numbers suppressed,
//! coding of free text, neighbourhood priorities, the Key Individual Network, and intelligence
//! recorded from what engagement hears.
//!
//! This module holds the vocabularies; `survey` holds a survey's questions and the checks on
//! them and on answers. The other files are the capability's pages and handlers.

// Issue 14: survey contacts kept only twelve months after their campaign closed.
#[cfg(feature = "ssr")]
pub mod contacts_kept;
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
// Progress in public (issue 14, part 2): public stages and timelines, telling who raised it.
#[cfg(feature = "ssr")]
pub mod progress;
#[cfg(feature = "ssr")]
pub mod progress_view;
#[cfg(feature = "ssr")]
pub mod telling;

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

/// The keyed hash (HMAC-SHA256, RFC 2104) of `message` under `key`, as lowercase hex: what stands
/// for a respondent, a browser or a KIN member's link without naming them.
#[cfg(feature = "ssr")]
pub fn keyed_hash(key: impl AsRef<[u8]>, message: impl AsRef<[u8]>) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_ref()).expect("HMAC takes a key of any length");
    mac.update(message.as_ref());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::keyed_hash;

    #[test]
    fn the_keyed_hash_is_hmac_sha256() {
        // RFC 4231, test case 2.
        assert_eq!(
            keyed_hash(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // RFC 4231, test case 6 (a key longer than a block).
        assert_eq!(
            keyed_hash([0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn the_keyed_hash_is_what_the_hand_written_ones_gave() {
        // What the two hand-written HMACs this function replaced gave (the test before this one
        // was removed checked they were equal), so keys and links stored before still match.
        for (key, message, hash) in [
            ("secret", "device:abababab", "0695d83ad492ad7ae2e37dbc00920d569c0b35428b6ed416f8c99fcabbf541df"),
            (
                "",
                "email:1:name@example.com",
                "1a4fb3eca311ff20ecacde528a9039cd99ae23c6dbeac36afc8c03323003e4f6",
            ),
            (
                "a key longer than one block of sixty-four bytes, so it is hashed first",
                "kin:7:2026-4",
                "3c04fda9d447d794cd64c3f02c3fcce247b58631df9c3d04822efabfb368e947",
            ),
        ] {
            assert_eq!(keyed_hash(key, message), hash, "{key:?}");
        }
    }
}
