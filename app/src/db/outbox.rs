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

/// Takes up to `limit` due messages. Each is claimed for five minutes first, so two servers
/// sharing a database never send the same message twice.
pub async fn claim_due(db: &Db, limit: i64) -> Result<Vec<OutboxMessage>, DbError> {
    let at = now();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 AND attempts < $2 ORDER BY next_attempt_at, id LIMIT $3",
    )
    .bind(at)
    .bind(MAX_ATTEMPTS)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    let mut claimed = Vec::new();
    for id in due {
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 \
             WHERE id = $2 AND sent_at IS NULL AND next_attempt_at <= $3",
        )
        .bind(at + 300)
        .bind(id)
        .bind(at)
        .execute(db.writer())
        .await?;
        if done.rows_affected() == 1 {
            let message: OutboxMessage = sqlx::query_as(
                "SELECT id, to_address, subject, body, attempts, list_unsubscribe FROM outbox WHERE id = $1",
            )
            .bind(id)
            .fetch_one(db.reader())
            .await?;
            claimed.push(message);
        }
    }
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
        "UPDATE outbox SET sent_at = $1, last_error = NULL, body = $2, list_unsubscribe = NULL WHERE id = $3",
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

#[derive(sqlx::FromRow)]
struct OutboxCounts {
    waiting: i64,
    sent: i64,
}

/// (waiting, sent) counts, for tests and monitoring.
pub async fn counts(db: &Db) -> Result<(i64, i64), DbError> {
    let counts: OutboxCounts =
        sqlx::query_as("SELECT COUNT(*) - COUNT(sent_at) AS waiting, COUNT(sent_at) AS sent FROM outbox")
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
