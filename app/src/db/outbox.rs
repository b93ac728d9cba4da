//! Email waiting to be sent.

use super::{now, Db, DbError};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    /// Subscriptions (issue 14): the one-click unsubscribe address of a list email, sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post` (RFC 8058); dropped once sent.
    pub list_unsubscribe: Option<String>,
    /// 1: the reply to a form the address's owner just sent, sent even to a suppressed address.
    pub asked: i64,
}

/// An email to queue: to whom, its subject and its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Queues a message inside the caller's transaction.
pub async fn enqueue(
    tx: &mut super::reference::Tx<'_>,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), DbError> {
    let at = now();
    sqlx::query(
        "INSERT INTO outbox (created_at, to_address, subject, body, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, 0, $1)",
    )
    .bind(at)
    .bind(to)
    .bind(subject)
    .bind(body)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Subscriptions (issue 14): a list email to queue, with its one-click unsubscribe address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListEmail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub list_unsubscribe: String,
}

/// Rows per multi-row insert (6 parameters each: well under both databases' limits).
const BATCH: usize = 500;

/// `($1, $2, …), ($7, …)`: the VALUES of a multi-row insert of `rows` rows of `columns`.
pub(crate) fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=columns).map(|c| format!("${}", r * columns + c)).collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Queues list emails inside the caller's transaction, in multi-row inserts of [`BATCH`].
pub async fn enqueue_list_in(tx: &mut super::reference::Tx<'_>, emails: &[ListEmail]) -> Result<(), DbError> {
    let at = now();
    for batch in emails.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO outbox (created_at, to_address, subject, body, next_attempt_at, list_unsubscribe) VALUES {}",
            placeholders(batch.len(), 6)
        );
        let mut query = sqlx::query(&sql);
        for e in batch {
            query = query
                .bind(at)
                .bind(e.to.as_str())
                .bind(e.subject.as_str())
                .bind(e.body.as_str())
                .bind(at)
                .bind(e.list_unsubscribe.as_str());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Takes up to `limit` due messages, neither sent nor stopped, in one statement: each is
/// claimed for five minutes (its next attempt moved on, its attempts counted), so two servers
/// sharing a database never send the same message twice. On PostgreSQL the rows are locked as
/// they are chosen and rows another server is claiming are skipped (`FOR UPDATE SKIP LOCKED`);
/// SQLite has one writer, so a claim is whole before the next begins.
pub async fn claim_due(db: &Db, limit: i64) -> Result<Vec<OutboxMessage>, DbError> {
    let at = now();
    let lock = match db.backend() {
        super::Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        super::Backend::Sqlite => "",
    };
    let mut claimed: Vec<OutboxMessage> = sqlx::query_as(&format!(
        "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 \
         WHERE sent_at IS NULL AND stopped_at IS NULL AND next_attempt_at <= $2 AND id IN \
         (SELECT id FROM outbox WHERE sent_at IS NULL AND stopped_at IS NULL AND next_attempt_at <= $2 \
          AND attempts < $3 ORDER BY next_attempt_at, id LIMIT $4 {lock}) \
         RETURNING id, to_address, subject, body, attempts, list_unsubscribe, asked"
    ))
    .bind(at + 300)
    .bind(at)
    .bind(MAX_ATTEMPTS)
    .bind(limit)
    .fetch_all(db.writer())
    .await?;
    claimed.sort_by_key(|m| m.id);
    Ok(claimed)
}

/// Messages are tried this many times (over about a day) before they are left for a person.
pub const MAX_ATTEMPTS: i64 = 10;

/// What a sent message's body becomes: the text held links with tracking tokens and email
/// checks, which must not outlive their delivery (only a token's hash is kept anywhere else).
pub const SENT_BODY: &str = "[sent]";
/// What the body of a message given up after [`MAX_ATTEMPTS`] becomes: the row still says to
/// whom, what about and why it failed, for a person to follow up, but holds no live link.
pub const GIVEN_UP_BODY: &str = "[not sent: gave up]";

/// Marks a message sent and, in the same statement, drops its body.
pub async fn mark_sent(db: &Db, id: i64) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, last_error = NULL, body = $2, list_unsubscribe = NULL, stopped_at = NULL \
         WHERE id = $3",
    )
    .bind(now())
    .bind(SENT_BODY)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Records a failed attempt; the next one waits longer each time (1, 4, 9 … minutes). After
/// the last attempt the body is dropped in the same statement (it will never be sent).
pub async fn mark_failed(db: &Db, id: i64, attempts: i64, error: &str) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE outbox SET next_attempt_at = $1, last_error = $2, body = CASE WHEN attempts >= $3 THEN $4 ELSE body END, \
         list_unsubscribe = CASE WHEN attempts >= $3 THEN NULL ELSE list_unsubscribe END WHERE id = $5",
    )
    .bind(now() + 60 * attempts * attempts)
    .bind(error)
    .bind(MAX_ATTEMPTS)
    .bind(GIVEN_UP_BODY)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// What the body of a message stopped because its address is suppressed becomes (see
/// [`SENT_BODY`]: it will never be sent, so it holds no live link).
pub const STOPPED_BODY: &str = "[not sent: address refused]";

/// Queues the reply to a form the address's owner has just sent (a subscription's
/// confirmation) inside the caller's transaction: unlike other mail it is sent even to a
/// suppressed address, since confirming a new subscription is what ends a suppression.
pub async fn enqueue_asked_in(tx: &mut super::reference::Tx<'_>, email: &ListEmail) -> Result<(), DbError> {
    let at = now();
    sqlx::query(
        "INSERT INTO outbox (created_at, to_address, subject, body, next_attempt_at, list_unsubscribe, asked) \
         VALUES ($1, $2, $3, $4, $1, $5, 1)",
    )
    .bind(at)
    .bind(email.to.as_str())
    .bind(email.subject.as_str())
    .bind(email.body.as_str())
    .bind(email.list_unsubscribe.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stops a message (it will never be sent) and, in the same statement, drops its body.
pub async fn mark_stopped(db: &Db, id: i64) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE outbox SET stopped_at = $1, body = $2, list_unsubscribe = NULL WHERE id = $3 AND sent_at IS NULL",
    )
    .bind(now())
    .bind(STOPPED_BODY)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Counts a permanent refusal against an address (by its hash); returns its refusals since
/// its last delivery or confirmation.
pub async fn count_hard_failure(db: &Db, address_hash: &str) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO mail_address_failures (address_hash, hard_failures, last_failed_at) VALUES ($1, 1, $2) \
         ON CONFLICT (address_hash) DO UPDATE SET hard_failures = mail_address_failures.hard_failures + 1, \
         last_failed_at = $2 RETURNING hard_failures",
    )
    .bind(address_hash)
    .bind(now())
    .fetch_one(db.writer())
    .await
}

/// Suppresses an address (by its hash) and stops every message to it not yet sent, bodies
/// dropped, in one transaction; returns how many were stopped. `address` is matched in lower
/// case, as it is hashed.
pub async fn suppress(db: &Db, address_hash: &str, address: &str) -> Result<u64, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    sqlx::query(
        "UPDATE mail_address_failures SET suppressed_at = $1 WHERE address_hash = $2 AND suppressed_at IS NULL",
    )
    .bind(at)
    .bind(address_hash)
    .execute(&mut *tx)
    .await?;
    let stopped = sqlx::query(
        "UPDATE outbox SET stopped_at = $1, body = $2, list_unsubscribe = NULL \
         WHERE sent_at IS NULL AND stopped_at IS NULL AND asked = 0 AND lower(to_address) = $3",
    )
    .bind(at)
    .bind(STOPPED_BODY)
    .bind(address.trim().to_lowercase())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(stopped.rows_affected())
}

/// Which of these addresses (by hash) are suppressed.
pub async fn suppressed_among(db: &Db, address_hashes: &[String]) -> Result<Vec<String>, DbError> {
    if address_hashes.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT address_hash FROM mail_address_failures WHERE suppressed_at IS NOT NULL AND address_hash IN {}",
        placeholders(1, address_hashes.len())
    );
    let mut query = sqlx::query_scalar(&sql);
    for hash in address_hashes {
        query = query.bind(hash.as_str());
    }
    query.fetch_all(db.reader()).await
}

/// Mail reached these addresses (by hash): the refusals counted against them, if not yet a
/// suppression, are forgotten.
pub async fn delivered_to(db: &Db, address_hashes: &[String]) -> Result<(), DbError> {
    if address_hashes.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "DELETE FROM mail_address_failures WHERE suppressed_at IS NULL AND address_hash IN {}",
        placeholders(1, address_hashes.len())
    );
    let mut query = sqlx::query(&sql);
    for hash in address_hashes {
        query = query.bind(hash.as_str());
    }
    query.execute(db.writer()).await?;
    Ok(())
}

/// The address's owner confirmed a new subscription (by the link emailed to it): its refusals
/// and any suppression are forgotten.
pub async fn clear_address(db: &Db, address_hash: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM mail_address_failures WHERE address_hash = $1")
        .bind(address_hash)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Whether an address (by hash) is suppressed, for tests and monitoring.
pub async fn is_suppressed(db: &Db, address_hash: &str) -> Result<bool, DbError> {
    Ok(!suppressed_among(db, &[address_hash.to_string()]).await?.is_empty())
}

#[derive(sqlx::FromRow)]
struct OutboxCounts {
    waiting: i64,
    sent: i64,
}

/// (waiting, sent) counts, for tests and monitoring (a stopped message is neither).
pub async fn counts(db: &Db) -> Result<(i64, i64), DbError> {
    let counts: OutboxCounts = sqlx::query_as(
        "SELECT COUNT(*) - COUNT(sent_at) - COUNT(stopped_at) AS waiting, COUNT(sent_at) AS sent FROM outbox",
    )
    .fetch_one(db.reader())
    .await?;
    Ok((counts.waiting, counts.sent))
}

pub async fn last_error(db: &Db) -> Result<Option<String>, DbError> {
    sqlx::query_scalar("SELECT last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 1")
        .fetch_optional(db.reader())
        .await
}

/// "You said, we did" (issue 14): plain emails queued inside the caller's transaction, in
/// multi-row inserts of [`BATCH`].
pub async fn enqueue_all_in(tx: &mut super::reference::Tx<'_>, emails: &[Email]) -> Result<(), DbError> {
    let at = now();
    for batch in emails.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO outbox (created_at, to_address, subject, body, attempts, next_attempt_at) VALUES {}",
            placeholders(batch.len(), 6)
        );
        let mut query = sqlx::query(&sql);
        for e in batch {
            query = query
                .bind(at)
                .bind(e.to.as_str())
                .bind(e.subject.as_str())
                .bind(e.body.as_str())
                .bind(0i64)
                .bind(at);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}
