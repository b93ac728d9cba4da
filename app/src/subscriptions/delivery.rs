//! Delivering subscribers' news: storing it with the event that made it, with a delivery (or
//! digest entry) per subscriber it reaches, in the same transaction; turning deliveries into
//! emails in batches (run by the mail worker); and the weekly digest worker.
//! Kept apart from the rules in `subscriptions` (which the data layer's types use), so the two
//! form no cycle.

use super::{area_name, digest_email, links, news_email, news_line, page_url, NewsKind, SubscriptionStatus};
use crate::{
    db::{self, outbox::ListEmail, subscriptions::NewNews, Db, DbError},
    i18n::Lang,
    reference::Names,
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
/// for weekly subscribers' digests and, in one statement, for delivery to each subscriber told
/// as it happens: the mail worker turns those into emails ([`deliver_news`]) after the request.
/// Returns how many subscribers are to be told.
pub async fn announce_in(tx: &mut db::reference::Tx<'_>, a: &Announcement) -> Result<usize, DbError> {
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
    let (_, told) = db::subscriptions::add_news_in(tx, &news).await?;
    Ok(told as usize)
}

/// News deliveries turned into emails per transaction: small enough that the write it holds
/// (on SQLite, the one writer, which a public page also takes to count its view) is short.
pub const DELIVERY_BATCH: i64 = 100;

/// What one [`deliver_news`] did: deliveries claimed, and emails queued for them (fewer when
/// a subscriber unsubscribed, or their neighbourhood was removed, meanwhile).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NewsDelivered {
    pub claimed: usize,
    pub queued: usize,
}

/// Turns up to `limit` waiting news deliveries (oldest first) into outbox emails, in one
/// transaction: the deliveries are claimed (deleted), each subscription read as it is now
/// (one no longer confirmed, or whose neighbourhood was removed, gets nothing), and each
/// subscriber's email queued in their language with its own private links (only their hashes
/// kept). A delivery is gone in the transaction that queues its email, so each subscriber gets
/// each piece of news once, even with several servers sharing a PostgreSQL database.
pub async fn deliver_news(db: &Db, public_url: &str, limit: i64) -> Result<NewsDelivered, DbError> {
    let mut tx = db.writer().begin().await?;
    let (claimed, subscriptions, news) =
        db::subscriptions::claim_deliveries_in(&mut tx, db.backend(), limit).await?;
    if claimed.is_empty() {
        tx.rollback().await?;
        return Ok(NewsDelivered::default());
    }
    let mut hashes = Vec::with_capacity(claimed.len());
    let mut emails = Vec::with_capacity(claimed.len());
    for (i, d) in claimed.iter().enumerate() {
        if i % 50 == 49 {
            // Rendering is the CPU-bound part: let page requests on this thread go meanwhile.
            tokio::task::yield_now().await;
        }
        let Some(s) = subscriptions.iter().find(|s| s.id == d.subscription_id) else { continue };
        let Some(n) = news.iter().find(|n| n.id == d.news_id) else { continue };
        if s.status != SubscriptionStatus::Confirmed || s.neighbourhood_removed() {
            continue;
        }
        let lang = Lang::parse(&s.language).unwrap_or_default();
        let token = random_token();
        let links = links(public_url, lang, &token);
        let title = Names::new(&n.title_en, &n.title_cy);
        let line = news_line(lang, n.kind, &title, n.verdict.as_deref());
        let (subject, body) = news_email(
            lang,
            &subscription_area(lang, s),
            &line,
            &page_url(public_url, lang, &n.link),
            &links,
        );
        hashes.push((sha256_hex(&token), s.id));
        emails.push(ListEmail { to: s.email.clone(), subject, body, list_unsubscribe: links.unsubscribe });
    }
    db::subscriptions::add_links_in(&mut tx, &hashes).await?;
    db::outbox::enqueue_list_in(&mut tx, &emails).await?;
    tx.commit().await?;
    Ok(NewsDelivered { claimed: claimed.len(), queued: emails.len() })
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
                (news_line(lang, n.kind, &title, n.verdict.as_deref()), page_url(public_url, lang, &n.link))
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
