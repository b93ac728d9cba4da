//! Subscriptions (issue 14, part 3): a resident follows a neighbourhood, or a whole
//! partnership, by email in their language, with no account. Double opt-in (nothing is sent
//! until the emailed link is confirmed), a private manage link, one-click unsubscribe in every
//! email (RFC 8058 headers and a link), each message as it happens or a weekly digest, and an
//! Atom feed per neighbourhood and partnership.
//!
//! What subscribers hear of now: a campaign opening in their area, and a neighbourhood priority
//! set or reviewed. The news is stored, with a delivery for every subscriber it reaches, in the
//! same transaction as the event ([`announce_in`]), and emailed in batches by the mail worker
//! ([`deliver_news`]); weekly subscribers get it in their next digest
//! ([`send_due_digests`], run by the server's background worker).
//!
//! This module holds the rules and the emails' words; `pages` the residents' pages, `actions`
//! their posts, `feed` the Atom feeds.

use crate::{i18n::Lang, reference::Names, t, vocabulary::vocabulary};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod delivery;
#[cfg(feature = "ssr")]
pub mod feed;
#[cfg(feature = "ssr")]
pub mod pages;

vocabulary! {
    /// How often a subscriber is emailed.
    Frequency { Immediate = "immediate", Weekly = "weekly" }
}
vocabulary! {
    /// Where a subscription is: nothing is sent until it is confirmed.
    SubscriptionStatus { Pending = "pending", Confirmed = "confirmed", Unsubscribed = "unsubscribed" }
}
vocabulary! {
    /// What subscribers are told of (and the feeds list).
    NewsKind {
        CampaignOpened = "campaign_opened",
        PrioritySet = "priority_set",
        PriorityReviewed = "priority_reviewed",
        // "You said, we did" (issue 14): a publication published.
        Published = "published",
    }
}

/// A weekly digest goes at most this often (seconds).
pub const DIGEST_EVERY: i64 = 7 * 86_400;
/// Entries in a feed.
pub const FEED_ENTRIES: i64 = 50;
/// Subscribe forms sent per address each hour, whatever their fate.
pub const SUBSCRIBE_POSTS_PER_HOUR: u32 = 20;

/// The subscribe form as sent (kept as typed when refused).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscribeForm {
    pub email: String,
    /// A neighbourhood's slug, or "" for the whole partnership.
    pub area: String,
    pub language: String,
    pub frequency: String,
}

/// A subscribe form that can be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscribe {
    pub email: String,
    /// A neighbourhood's slug, or `None` for the whole partnership.
    pub area: Option<String>,
    pub language: Lang,
    pub frequency: Frequency,
}

/// Checks a subscribe form against the partnership's neighbourhoods (their slugs): the problems
/// by code (`email`, `area`, `language`, `frequency`), shown with [`problem_message`].
pub fn check(form: &SubscribeForm, areas: &[String]) -> Result<Subscribe, Vec<&'static str>> {
    let mut problems = Vec::new();
    let email = email_address(&form.email);
    if email.is_none() {
        problems.push("email");
    }
    let area = form.area.trim();
    if !area.is_empty() && !areas.iter().any(|a| a == area) {
        problems.push("area");
    }
    let language = Lang::parse(form.language.trim());
    if language.is_none() {
        problems.push("language");
    }
    let frequency = Frequency::parse(form.frequency.trim());
    if frequency.is_none() {
        problems.push("frequency");
    }
    match (email, language, frequency) {
        (Some(email), Some(language), Some(frequency)) if problems.is_empty() => Ok(Subscribe {
            email,
            area: Some(area.to_string()).filter(|a| !a.is_empty()),
            language,
            frequency,
        }),
        _ => Err(problems),
    }
}

/// A usable address, normalised (trimmed, lower case); none when it is not one.
pub fn email_address(typed: &str) -> Option<String> {
    let email = typed.trim().to_lowercase();
    let plausible = email.len() <= 254
        && !email.chars().any(|c| c.is_control() || c.is_whitespace() || c == '<' || c == '>' || c == ',')
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    plausible.then_some(email)
}

/// What a refused form's problem says.
pub fn problem_message(lang: Lang, problem: &str) -> String {
    match problem {
        "email" => t!(lang, "subscribe-error-email"),
        "area" => t!(lang, "subscribe-error-area"),
        "language" => t!(lang, "subscribe-error-language"),
        "frequency" => t!(lang, "subscribe-error-frequency"),
        "rate_limited" => t!(lang, "subscribe-error-rate-limited"),
        _ => crate::error::AppError::Unavailable.message(lang),
    }
}

/// What the area followed is called: "Cathays, Cardiff", or the partnership's name.
pub fn area_name(lang: Lang, csp: &Names, neighbourhood: Option<&Names>) -> String {
    match neighbourhood {
        Some(n) => t!(lang, "subscribe-area-neighbourhood", neighbourhood = n.get(lang), csp = csp.get(lang)),
        None => t!(lang, "subscribe-area-csp", csp = csp.get(lang)),
    }
}

pub fn frequency_name(lang: Lang, f: Frequency) -> String {
    match f {
        Frequency::Immediate => t!(lang, "subscribe-frequency-immediate"),
        Frequency::Weekly => t!(lang, "subscribe-frequency-weekly"),
    }
}

/// The private addresses of a link token: the manage page and the one-click unsubscribe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links {
    pub manage: String,
    pub unsubscribe: String,
    pub confirm: String,
}

pub fn links(public_url: &str, lang: Lang, token: &str) -> Links {
    let base = public_url.trim_end_matches('/');
    Links {
        manage: format!("{base}{}", lang.path(&format!("/subscriptions/{token}"))),
        unsubscribe: format!("{base}{}", lang.path(&format!("/unsubscribe/{token}"))),
        confirm: format!("{base}{}", lang.path(&format!("/subscriptions/{token}/confirm"))),
    }
}

/// A piece of news as one line: "Have your say: Safer streets", in `lang`.
pub fn news_line(lang: Lang, kind: NewsKind, title: &Names, verdict: Option<&str>) -> String {
    let title = title.get(lang).to_string();
    match kind {
        NewsKind::CampaignOpened => t!(lang, "news-campaign-opened", title = title),
        NewsKind::PrioritySet => t!(lang, "news-priority-set", title = title),
        NewsKind::PriorityReviewed => {
            let verdict = verdict
                .and_then(crate::engagement::priorities::Verdict::parse)
                .map(|v| verdict_word(lang, v))
                .unwrap_or_default();
            t!(lang, "news-priority-reviewed", title = title, verdict = verdict)
        }
        NewsKind::Published => t!(lang, "news-published", title = title),
    }
}

fn verdict_word(lang: Lang, v: crate::engagement::priorities::Verdict) -> String {
    use crate::engagement::priorities::Verdict;
    match v {
        Verdict::Resolved => t!(lang, "priority-verdict-resolved"),
        Verdict::Improving => t!(lang, "priority-verdict-improving"),
        Verdict::NotResolved => t!(lang, "priority-verdict-not-resolved"),
    }
}

/// An email's subject and body.
pub type Text = (String, String);

/// The double opt-in email: nothing is sent until the resident confirms through it.
pub fn confirm_email(lang: Lang, area: &str, links: &Links) -> Text {
    (
        t!(lang, "subscribe-confirm-email-subject", area = area),
        t!(
            lang,
            "subscribe-confirm-email-body",
            area = area,
            confirm = links.confirm.as_str(),
            unsubscribe = links.unsubscribe.as_str()
        ),
    )
}

/// To an address already subscribed: the form says the same as for a new one; only its owner
/// learns, by this email, that nothing changed.
pub fn already_email(lang: Lang, area: &str, links: &Links) -> Text {
    (
        t!(lang, "subscribe-already-email-subject", area = area),
        t!(
            lang,
            "subscribe-already-email-body",
            area = area,
            manage = links.manage.as_str(),
            unsubscribe = links.unsubscribe.as_str()
        ),
    )
}

/// One piece of news as it happens.
pub fn news_email(lang: Lang, area: &str, line: &str, page: &str, links: &Links) -> Text {
    (
        t!(lang, "subscribe-news-email-subject", line = line),
        t!(
            lang,
            "subscribe-news-email-body",
            area = area,
            line = line,
            page = page,
            manage = links.manage.as_str(),
            unsubscribe = links.unsubscribe.as_str()
        ),
    )
}

/// The week's news in one email: `items` are (line, page address).
pub fn digest_email(lang: Lang, area: &str, items: &[(String, String)], links: &Links) -> Text {
    let list: Vec<String> = items.iter().map(|(line, page)| format!("- {line}\n  {page}")).collect();
    (
        t!(lang, "subscribe-digest-email-subject", area = area, count = items.len()),
        t!(
            lang,
            "subscribe-digest-email-body",
            area = area,
            items = list.join("\n"),
            manage = links.manage.as_str(),
            unsubscribe = links.unsubscribe.as_str()
        ),
    )
}

/// The public address of a news item's page in `lang`.
pub fn page_url(public_url: &str, lang: Lang, link: &str) -> String {
    format!("{}{}", public_url.trim_end_matches('/'), lang.path(link))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: &str, area: &str, language: &str, frequency: &str) -> SubscribeForm {
        SubscribeForm {
            email: email.into(),
            area: area.into(),
            language: language.into(),
            frequency: frequency.into(),
        }
    }

    #[test]
    fn forms_are_checked() {
        let areas = vec!["cathays".to_string(), "splott".to_string()];
        let ok = check(&form("  Sian@Example.Cymru ", "cathays", "cy", "weekly"), &areas).unwrap();
        assert_eq!(ok.email, "sian@example.cymru");
        assert_eq!(ok.area.as_deref(), Some("cathays"));
        assert_eq!((ok.language, ok.frequency), (Lang::Cy, Frequency::Weekly));
        let whole = check(&form("a@b.cy", "", "en", "immediate"), &areas).unwrap();
        assert_eq!(whole.area, None, "no neighbourhood: the whole partnership");
        assert_eq!(
            check(&form("not an address", "gone", "fr", "daily"), &areas).unwrap_err(),
            vec!["email", "area", "language", "frequency"]
        );
        for bad in ["a@b", "@b.cy", "a@.b", "a b@c.cy", "a@b.cy>", "a@b@c.cy", "a@b.cy."] {
            assert_eq!(email_address(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_problem_has_words_in_both_languages() {
        for p in ["email", "area", "language", "frequency", "rate_limited"] {
            let (en, cy) = (problem_message(Lang::En, p), problem_message(Lang::Cy, p));
            assert!(!en.is_empty() && en != cy, "{p}");
            assert_ne!(en, problem_message(Lang::En, "unknown"), "{p}");
        }
    }

    #[test]
    fn emails_carry_their_links_in_the_subscribers_language() {
        let l = links("https://hub.example/", Lang::Cy, "abc123");
        assert_eq!(l.unsubscribe, "https://hub.example/cy/unsubscribe/abc123");
        assert_eq!(l.manage, "https://hub.example/cy/subscriptions/abc123");
        assert_eq!(l.confirm, "https://hub.example/cy/subscriptions/abc123/confirm");
        let title = Names::new("Safer streets", "Strydoedd mwy diogel");
        let line = news_line(Lang::Cy, NewsKind::CampaignOpened, &title, None);
        assert!(line.contains("Strydoedd mwy diogel"), "{line}");
        let (subject, body) = news_email(Lang::Cy, "Cathays", &line, "https://hub.example/cy/x", &l);
        assert!(subject.contains("Strydoedd"));
        assert!(body.contains(&l.unsubscribe) && body.contains(&l.manage), "{body}");
        let reviewed = news_line(Lang::En, NewsKind::PriorityReviewed, &title, Some("resolved"));
        assert!(reviewed.contains("Safer streets") && reviewed.contains("Resolved"), "{reviewed}");
        let (_, digest) = digest_email(
            Lang::En,
            "Cardiff",
            &[("One".into(), "https://a/1".into()), ("Two".into(), "https://a/2".into())],
            &links("https://a", Lang::En, "t"),
        );
        assert!(
            digest.contains("One")
                && digest.contains("https://a/2")
                && digest.contains("https://a/unsubscribe/t")
        );
        let (_, confirm) = confirm_email(Lang::En, "Cardiff", &l);
        assert!(confirm.contains(&l.confirm));
    }
}
