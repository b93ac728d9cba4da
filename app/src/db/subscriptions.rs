//! Subscriptions (issue 14): residents following a neighbourhood or a partnership by email,
//! the private links in their emails (only each token's hash is kept), the news they are told
//! of (also the Atom feeds' entries), and weekly digests.

use super::{now, outbox::placeholders, reference::Tx, Db, DbError};
use crate::subscriptions::{Frequency, NewsKind, SubscriptionStatus};

/// A subscription as stored, with its area's names (none for the whole partnership, or for a
/// neighbourhood since removed: `neighbourhood_removed`).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SubscriptionRow {
    pub id: i64,
    pub email: String,
    pub csp_id: i64,
    pub csp_slug: String,
    pub csp_en: String,
    pub csp_cy: String,
    pub neighbourhood_id: i64,
    pub neighbourhood_slug: Option<String>,
    pub neighbourhood_en: Option<String>,
    pub neighbourhood_cy: Option<String>,
    pub language: String,
    pub frequency: Frequency,
    pub status: SubscriptionStatus,
}

impl SubscriptionRow {
    /// Followed a neighbourhood the partnership has since removed.
    pub fn neighbourhood_removed(&self) -> bool {
        self.neighbourhood_id != 0 && self.neighbourhood_slug.is_none()
    }
}

const SUBSCRIPTION: &str = "SELECT s.id, s.email, s.csp_id, c.slug AS csp_slug, c.name_en AS csp_en, \
     c.name_cy AS csp_cy, s.neighbourhood_id, n.slug AS neighbourhood_slug, n.name_en AS neighbourhood_en, \
     n.name_cy AS neighbourhood_cy, s.language, s.frequency, s.status \
     FROM subscriptions s JOIN csps c ON c.id = s.csp_id \
     LEFT JOIN neighbourhoods n ON n.id = s.neighbourhood_id AND n.csp_id = s.csp_id";

/// The subscription a link's token (by its hash) opens.
pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<SubscriptionRow>, DbError> {
    sqlx::query_as(&format!(
        "{SUBSCRIPTION} WHERE s.id = (SELECT subscription_id FROM subscription_links WHERE token_hash = $1)"
    ))
    .bind(token_hash)
    .fetch_optional(db.reader())
    .await
}

/// Every subscription of an address, by partnership and neighbourhood.
pub async fn of_email(db: &Db, email: &str) -> Result<Vec<SubscriptionRow>, DbError> {
    sqlx::query_as(&format!("{SUBSCRIPTION} WHERE s.email = $1 ORDER BY c.name_en, s.neighbourhood_id"))
        .bind(email)
        .fetch_all(db.reader())
        .await
}

/// What a subscribe form asks for, checked.
pub struct NewSubscription<'a> {
    pub email: &'a str,
    pub csp_id: i64,
    /// 0: the whole partnership.
    pub neighbourhood_id: i64,
    pub language: &'a str,
    pub frequency: Frequency,
}

/// Records a subscribe form: a new subscription is pending; a pending or unsubscribed one is
/// pending again with the language and frequency asked for; a confirmed one is left as it is.
/// Returns the subscription's id and its status before the form. A link token (by its hash) is
/// kept for the email the caller queues in the same transaction.
pub async fn subscribe_in(
    tx: &mut Tx<'_>,
    s: &NewSubscription<'_>,
    token_hash: &str,
) -> Result<(i64, Option<SubscriptionStatus>), DbError> {
    let at = now();
    #[derive(sqlx::FromRow)]
    struct Existing {
        id: i64,
        status: SubscriptionStatus,
    }
    let existing: Option<Existing> = sqlx::query_as(
        "SELECT id, status FROM subscriptions WHERE email = $1 AND csp_id = $2 AND neighbourhood_id = $3",
    )
    .bind(s.email)
    .bind(s.csp_id)
    .bind(s.neighbourhood_id)
    .fetch_optional(&mut **tx)
    .await?;
    let (id, before) = match existing {
        Some(e) => {
            if e.status != SubscriptionStatus::Confirmed {
                sqlx::query(
                    "UPDATE subscriptions SET status = 'pending', language = $1, frequency = $2, unsubscribed_at = NULL \
                     WHERE id = $3",
                )
                .bind(s.language)
                .bind(s.frequency)
                .bind(e.id)
                .execute(&mut **tx)
                .await?;
            }
            (e.id, Some(e.status))
        }
        None => {
            // Two forms for the same address at once: the second finds the first's row.
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO subscriptions (email, csp_id, neighbourhood_id, language, frequency, status, created_at) \
                 VALUES ($1, $2, $3, $4, $5, 'pending', $6) \
                 ON CONFLICT (email, csp_id, neighbourhood_id) DO NOTHING RETURNING id",
            )
            .bind(s.email)
            .bind(s.csp_id)
            .bind(s.neighbourhood_id)
            .bind(s.language)
            .bind(s.frequency)
            .bind(at)
            .fetch_optional(&mut **tx)
            .await?;
            match id {
                Some(id) => (id, None),
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "SELECT id FROM subscriptions WHERE email = $1 AND csp_id = $2 AND neighbourhood_id = $3",
                    )
                    .bind(s.email)
                    .bind(s.csp_id)
                    .bind(s.neighbourhood_id)
                    .fetch_one(&mut **tx)
                    .await?;
                    (id, Some(SubscriptionStatus::Pending))
                }
            }
        }
    };
    add_links_in(tx, &[(token_hash.to_string(), id)]).await?;
    Ok((id, before))
}

/// Keeps link tokens (by their hashes) for subscriptions, in multi-row inserts.
pub async fn add_links_in(tx: &mut Tx<'_>, links: &[(String, i64)]) -> Result<(), DbError> {
    let at = now();
    for batch in links.chunks(500) {
        let sql = format!(
            "INSERT INTO subscription_links (token_hash, subscription_id, created_at) VALUES {}",
            placeholders(batch.len(), 3)
        );
        let mut query = sqlx::query(&sql);
        for (hash, id) in batch {
            query = query.bind(hash.as_str()).bind(*id).bind(at);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Confirms a pending subscription (a weekly one's first digest is due a week on); false when
/// it was not pending.
pub async fn confirm(db: &Db, id: i64) -> Result<bool, DbError> {
    let at = now();
    let done = sqlx::query(
        "UPDATE subscriptions SET status = 'confirmed', confirmed_at = $1, next_digest_at = $2 \
         WHERE id = $3 AND status = 'pending'",
    )
    .bind(at)
    .bind(at + crate::subscriptions::DIGEST_EVERY)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Changes a subscription's language and frequency (a move to weekly starts its week now).
pub async fn change(db: &Db, id: i64, language: &str, frequency: Frequency) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE subscriptions SET language = $1, next_digest_at = CASE WHEN frequency = $2 THEN next_digest_at ELSE $3 END, \
         frequency = $2 WHERE id = $4",
    )
    .bind(language)
    .bind(frequency)
    .bind(now() + crate::subscriptions::DIGEST_EVERY)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Ends a subscription (news waiting for its digest goes too); true when it was not ended yet.
pub async fn unsubscribe(db: &Db, id: i64) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = $1 WHERE id = $2 AND status <> 'unsubscribed'",
    )
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM digest_entries WHERE subscription_id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// A piece of news for subscribers and the feeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewNews<'a> {
    pub csp_id: i64,
    /// About the whole partnership (a campaign in every neighbourhood).
    pub whole_csp: bool,
    /// The neighbourhoods it is about (none when `whole_csp`).
    pub neighbourhoods: &'a [i64],
    pub kind: NewsKind,
    pub title_en: &'a str,
    pub title_cy: &'a str,
    pub verdict: Option<&'a str>,
    pub link: &'a str,
}

/// Which subscriptions news reaches: the partnership's whole-partnership subscriptions, and
/// those of its neighbourhoods (all of them for news about the whole partnership).
const REACHED: &str = "s.csp_id = $1 AND s.status = 'confirmed' AND s.frequency = $2 AND \
     (s.neighbourhood_id = 0 OR EXISTS (SELECT 1 FROM area_news a WHERE a.id = $3 AND a.whole_csp = 1) \
      OR s.neighbourhood_id IN (SELECT neighbourhood_id FROM area_news_neighbourhoods WHERE news_id = $3))";

/// Stores news inside the caller's transaction, queues it for every weekly subscriber it
/// reaches (one statement) and for delivery to every subscriber told as it happens (one
/// statement: a `news_deliveries` row each, turned into emails later by [`claim_deliveries_in`]),
/// and returns its id and how many are to be emailed.
pub async fn add_news_in(tx: &mut Tx<'_>, news: &NewNews<'_>) -> Result<(i64, u64), DbError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO area_news (csp_id, whole_csp, kind, title_en, title_cy, verdict, link, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(news.csp_id)
    .bind(news.whole_csp as i64)
    .bind(news.kind)
    .bind(news.title_en)
    .bind(news.title_cy)
    .bind(news.verdict)
    .bind(news.link)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    if !news.whole_csp {
        for batch in news.neighbourhoods.chunks(500) {
            let sql = format!(
                "INSERT INTO area_news_neighbourhoods (news_id, neighbourhood_id) VALUES {}",
                placeholders(batch.len(), 2)
            );
            let mut query = sqlx::query(&sql);
            for n in batch {
                query = query.bind(id).bind(*n);
            }
            query.execute(&mut **tx).await?;
        }
    }
    sqlx::query(&format!(
        "INSERT INTO digest_entries (subscription_id, news_id) SELECT s.id, $3 FROM subscriptions s WHERE {REACHED}"
    ))
    .bind(news.csp_id)
    .bind(Frequency::Weekly)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    let told = sqlx::query(&format!(
        "INSERT INTO news_deliveries (news_id, subscription_id, created_at) \
         SELECT $3, s.id, $4 FROM subscriptions s WHERE {REACHED} ORDER BY s.id"
    ))
    .bind(news.csp_id)
    .bind(Frequency::Immediate)
    .bind(id)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok((id, told.rows_affected()))
}

/// News waiting to be emailed to a subscriber, claimed.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub news_id: i64,
    pub subscription_id: i64,
}

/// Claims up to `limit` news deliveries, oldest first, inside the caller's transaction, by
/// deleting them: the caller queues their emails in the same transaction, so each is emailed
/// once (a rollback puts them back). On PostgreSQL rows another server is claiming are skipped
/// (`FOR UPDATE SKIP LOCKED`); SQLite has one writer, so a claim is whole before the next
/// begins. With the subscriptions as they are now (one that ended meanwhile is still there,
/// for the caller to leave out) and the news, by id.
pub async fn claim_deliveries_in(
    tx: &mut Tx<'_>,
    backend: super::Backend,
    limit: i64,
) -> Result<(Vec<ClaimedDelivery>, Vec<SubscriptionRow>, Vec<NewsRow>), DbError> {
    let lock = match backend {
        super::Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        super::Backend::Sqlite => "",
    };
    let mut claimed: Vec<ClaimedDelivery> = sqlx::query_as(&format!(
        "DELETE FROM news_deliveries WHERE id IN (SELECT id FROM news_deliveries ORDER BY id LIMIT $1 {lock}) \
         RETURNING id, news_id, subscription_id"
    ))
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    if claimed.is_empty() {
        return Ok((claimed, Vec::new(), Vec::new()));
    }
    claimed.sort_by_key(|d| d.id);
    let mut subscription_ids: Vec<i64> = claimed.iter().map(|d| d.subscription_id).collect();
    subscription_ids.sort_unstable();
    subscription_ids.dedup();
    let mut news_ids: Vec<i64> = claimed.iter().map(|d| d.news_id).collect();
    news_ids.sort_unstable();
    news_ids.dedup();
    let sql = format!("{SUBSCRIPTION} WHERE s.id IN ({}) ORDER BY s.id", in_list(subscription_ids.len()));
    let mut query = sqlx::query_as(&sql);
    for id in &subscription_ids {
        query = query.bind(*id);
    }
    let subscriptions: Vec<SubscriptionRow> = query.fetch_all(&mut **tx).await?;
    let sql = format!("{NEWS} WHERE a.id IN ({}) ORDER BY a.id", in_list(news_ids.len()));
    let mut query = sqlx::query_as(&sql);
    for id in &news_ids {
        query = query.bind(*id);
    }
    let news: Vec<NewsRow> = query.fetch_all(&mut **tx).await?;
    Ok((claimed, subscriptions, news))
}

/// `$1, $2, …, $n`.
fn in_list(n: usize) -> String {
    (1..=n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// How many news deliveries are waiting to be emailed.
pub async fn deliveries_waiting(db: &Db) -> Result<i64, DbError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM news_deliveries").fetch_one(db.reader()).await
}

/// News as the feeds and digests show it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct NewsRow {
    pub id: i64,
    pub kind: NewsKind,
    pub title_en: String,
    pub title_cy: String,
    pub verdict: Option<String>,
    pub link: String,
    pub created_at: i64,
}

const NEWS: &str =
    "SELECT a.id, a.kind, a.title_en, a.title_cy, a.verdict, a.link, a.created_at FROM area_news a";

/// A partnership's latest news (all its neighbourhoods'), newest first.
pub async fn news_of_csp(db: &Db, csp_id: i64, limit: i64) -> Result<Vec<NewsRow>, DbError> {
    sqlx::query_as(&format!("{NEWS} WHERE a.csp_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT $2"))
        .bind(csp_id)
        .bind(limit)
        .fetch_all(db.reader())
        .await
}

/// A neighbourhood's latest news, with the partnership's news about all its neighbourhoods.
pub async fn news_of_neighbourhood(
    db: &Db,
    csp_id: i64,
    neighbourhood_id: i64,
    limit: i64,
) -> Result<Vec<NewsRow>, DbError> {
    sqlx::query_as(&format!(
        "{NEWS} WHERE a.csp_id = $1 AND (a.whole_csp = 1 OR a.id IN \
         (SELECT news_id FROM area_news_neighbourhoods WHERE neighbourhood_id = $2)) \
         ORDER BY a.created_at DESC, a.id DESC LIMIT $3"
    ))
    .bind(csp_id)
    .bind(neighbourhood_id)
    .bind(limit)
    .fetch_all(db.reader())
    .await
}

/// Weekly subscriptions whose digest is due and has news, oldest due first.
pub async fn digests_due(db: &Db, at: i64, limit: i64) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar(
        "SELECT s.id FROM subscriptions s WHERE s.next_digest_at <= $1 AND s.status = 'confirmed' \
         AND s.frequency = 'weekly' AND EXISTS (SELECT 1 FROM digest_entries d WHERE d.subscription_id = s.id) \
         ORDER BY s.next_digest_at, s.id LIMIT $2",
    )
    .bind(at)
    .bind(limit)
    .fetch_all(db.reader())
    .await
}

/// Claims a due digest inside the caller's transaction: moves its next time a week on if it is
/// still due (so of several servers, one claims it) and returns the subscription and the news
/// it holds; none when another server claimed it first or it is no longer a weekly one.
pub async fn claim_digest_in(
    tx: &mut Tx<'_>,
    id: i64,
    at: i64,
) -> Result<Option<(SubscriptionRow, Vec<NewsRow>)>, DbError> {
    let claimed = sqlx::query(
        "UPDATE subscriptions SET next_digest_at = $1 WHERE id = $2 AND next_digest_at <= $3 \
         AND status = 'confirmed' AND frequency = 'weekly'",
    )
    .bind(at + crate::subscriptions::DIGEST_EVERY)
    .bind(id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(None);
    }
    let subscription: SubscriptionRow =
        sqlx::query_as(&format!("{SUBSCRIPTION} WHERE s.id = $1")).bind(id).fetch_one(&mut **tx).await?;
    let news: Vec<NewsRow> = sqlx::query_as(&format!(
        "{NEWS} JOIN digest_entries d ON d.news_id = a.id WHERE d.subscription_id = $1 ORDER BY a.created_at, a.id"
    ))
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    // Exactly the news read: news added meanwhile waits for the next digest.
    for batch in news.chunks(500) {
        let list: Vec<String> = (0..batch.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "DELETE FROM digest_entries WHERE subscription_id = $1 AND news_id IN ({})",
            list.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(id);
        for n in batch {
            query = query.bind(n.id);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(Some((subscription, news)))
}

/// The partnership's neighbourhood by its slug (id, English and Welsh names).
pub async fn neighbourhood_by_slug(
    db: &Db,
    csp_id: i64,
    slug: &str,
) -> Result<Option<(i64, String, String)>, DbError> {
    sqlx::query_as("SELECT id, name_en, name_cy FROM neighbourhoods WHERE csp_id = $1 AND slug = $2")
        .bind(csp_id)
        .bind(slug)
        .fetch_optional(db.reader())
        .await
}

/// What news of a priority says: its neighbourhood and bilingual title (read in the
/// transaction that records the event).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PriorityFacts {
    pub neighbourhood_id: i64,
    /// The neighbourhood's public address (`/neighbourhoods/{public_slug}`).
    pub public_slug: String,
    pub title_en: String,
    pub title_cy: String,
}

pub async fn priority_facts_in(tx: &mut Tx<'_>, priority_id: i64) -> Result<Option<PriorityFacts>, DbError> {
    sqlx::query_as(
        "SELECT p.neighbourhood_id, n.public_slug, p.title_en, p.title_cy \
         FROM neighbourhood_priorities p JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = $1",
    )
    .bind(priority_id)
    .fetch_optional(&mut **tx)
    .await
}
