//! Delivering subscribers' news: storing it with the event that made it, queueing each
//! subscriber's email (or digest entry) in the same transaction, and the weekly digest worker.
//! Kept apart from the rules in `subscriptions` (which the data layer's types use), so the two
//! form no cycle.

use super::{area_name, digest_email, links, news_email, news_line, page_url, NewsKind};
use crate::{
    db::{
        self,
        outbox::ListEmail,
        subscriptions::{NewNews, Recipient},
        Db, DbError,
    },
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
        let (subject, body) =
            news_email(lang, &recipient_area(lang, r), &line, &page_url(public_url, lang, &a.link), &links);
        hashes.push((sha256_hex(&token), r.id));
        emails.push(ListEmail { to: r.email.clone(), subject, body, list_unsubscribe: links.unsubscribe });
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
