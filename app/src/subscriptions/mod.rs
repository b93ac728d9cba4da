//! Subscriptions (issue 14, part 3): a resident follows a neighbourhood, or a whole
//! partnership, by email in their language, with no account. Double opt-in (nothing is sent
//! until the emailed link is confirmed), a private manage link, one-click unsubscribe in every
//! email (RFC 8058 headers and a link), each message as it happens or a weekly digest, and an
//! Atom feed per neighbourhood and partnership.
//!
//! What subscribers hear of now: a campaign opening in their area, and a neighbourhood priority
//! set or reviewed. The news is stored, and emailed to every subscriber it reaches, in the same
//! transaction as the event ([`announce_in`]); weekly subscribers get it in their next digest
//! ([`send_due_digests`], run by the server's background worker).
//!
//! This module holds the rules and the emails' words; `pages` the residents' pages, `actions`
//! their posts, `feed` the Atom feeds.

use crate::{i18n::Lang, reference::Names, t, vocabulary::vocabulary};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod actions;
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
    NewsKind { CampaignOpened = "campaign_opened", PrioritySet = "priority_set", PriorityReviewed = "priority_reviewed" }
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

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::{
        db::{
            self,
            outbox::ListEmail,
            subscriptions::{NewNews, Recipient},
            Db, DbError,
        },
        staff::accounts::{random_token, sha256_hex},
    };

    /// News to announce: what happened, where, and the public page it is about.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Announcement {
        pub csp_id: i64,
        pub whole_csp: bool,
        pub neighbourhoods: Vec<i64>,
        pub kind: NewsKind,
        pub title: Names,
        pub verdict: Option<String>,
        /// English path of the page (the Welsh one is under `/cy`).
        pub link: String,
    }

    /// Stores the news in the caller's transaction (the one recording the event), records it
    /// for weekly subscribers' digests and queues one email per subscriber told as it happens,
    /// in their language, each with its own private links (only their hashes kept): the
    /// outbox sends them after the request, with retries. Returns how many were queued.
    pub async fn announce_in(
        tx: &mut db::reference::Tx<'_>,
        public_url: &str,
        a: &Announcement,
    ) -> Result<usize, DbError> {
        let news = NewNews {
            csp_id: a.csp_id,
            whole_csp: a.whole_csp,
            neighbourhoods: &a.neighbourhoods,
            kind: a.kind,
            title_en: &a.title.en,
            title_cy: &a.title.cy,
            verdict: a.verdict.as_deref(),
            link: &a.link,
        };
        let (_, recipients) = db::subscriptions::add_news_in(tx, &news).await?;
        let mut hashes = Vec::with_capacity(recipients.len());
        let mut emails = Vec::with_capacity(recipients.len());
        for r in &recipients {
            let lang = Lang::parse(&r.language).unwrap_or_default();
            let token = random_token();
            let links = links(public_url, lang, &token);
            let line = news_line(lang, a.kind, &a.title, a.verdict.as_deref());
            let (subject, body) = news_email(
                lang,
                &recipient_area(lang, r),
                &line,
                &page_url(public_url, lang, &a.link),
                &links,
            );
            hashes.push((sha256_hex(&token), r.id));
            emails.push(ListEmail {
                to: r.email.clone(),
                subject,
                body,
                list_unsubscribe: links.unsubscribe,
            });
        }
        db::subscriptions::add_links_in(tx, &hashes).await?;
        db::outbox::enqueue_list_in(tx, &emails).await?;
        Ok(emails.len())
    }

    fn recipient_area(lang: Lang, r: &Recipient) -> String {
        let csp = Names::new(&r.csp_en, &r.csp_cy);
        let neighbourhood = match (&r.neighbourhood_en, &r.neighbourhood_cy) {
            (Some(en), Some(cy)) => Some(Names::new(en, cy)),
            _ => None,
        };
        area_name(lang, &csp, neighbourhood.as_ref())
    }

    /// Sends each weekly subscriber whose digest is due (and holds news) one email with the
    /// news since their last, once: the digest is claimed (its next time moved a week on) and
    /// the email queued and the news taken off it in one transaction, so of several servers
    /// sharing a PostgreSQL database only one sends it. Returns how many digests were queued.
    pub async fn send_due_digests(db: &Db, public_url: &str, at: i64) -> Result<usize, DbError> {
        let mut queued = 0;
        for id in db::subscriptions::digests_due(db, at, 200).await? {
            let mut tx = db.writer().begin().await?;
            let Some((s, news)) = db::subscriptions::claim_digest_in(&mut tx, id, at).await? else {
                tx.rollback().await?;
                continue;
            };
            if s.neighbourhood_removed() || news.is_empty() {
                tx.commit().await?;
                continue;
            }
            let lang = Lang::parse(&s.language).unwrap_or_default();
            let token = random_token();
            let links = links(public_url, lang, &token);
            let items: Vec<(String, String)> = news
                .iter()
                .map(|n| {
                    let title = Names::new(&n.title_en, &n.title_cy);
                    (
                        news_line(lang, n.kind, &title, n.verdict.as_deref()),
                        page_url(public_url, lang, &n.link),
                    )
                })
                .collect();
            let area = subscription_area(lang, &s);
            let (subject, body) = digest_email(lang, &area, &items, &links);
            db::subscriptions::add_links_in(&mut tx, &[(sha256_hex(&token), s.id)]).await?;
            db::outbox::enqueue_list_in(
                &mut tx,
                &[ListEmail { to: s.email.clone(), subject, body, list_unsubscribe: links.unsubscribe }],
            )
            .await?;
            tx.commit().await?;
            queued += 1;
        }
        Ok(queued)
    }

    /// What a stored subscription follows, in `lang`.
    pub fn subscription_area(lang: Lang, s: &db::subscriptions::SubscriptionRow) -> String {
        let csp = Names::new(&s.csp_en, &s.csp_cy);
        let neighbourhood = match (&s.neighbourhood_en, &s.neighbourhood_cy) {
            (Some(en), Some(cy)) => Some(Names::new(en, cy)),
            _ => None,
        };
        area_name(lang, &csp, neighbourhood.as_ref())
    }

    /// Checks for due digests every five minutes (and once at start), in the background.
    pub fn spawn_digest_worker(db: Db, public_url: String, wake: std::sync::Arc<tokio::sync::Notify>) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(300));
            loop {
                tick.tick().await;
                match send_due_digests(&db, &public_url, db::now()).await {
                    Ok(0) => {}
                    Ok(n) => {
                        tracing::info!(digests = n, "weekly digests queued");
                        wake.notify_one();
                    }
                    Err(e) => tracing::warn!(error = %e, "weekly digest check failed"),
                }
            }
        });
    }
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
