//! Reading the outbox in tests: the emails queued after a point, and the point to start from.

use app::db::Db;

/// An email as queued in the outbox.
#[derive(Debug, sqlx::FromRow)]
pub struct Mail {
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub list_unsubscribe: Option<String>,
}

/// Outbox rows after `after` (an id), in order.
pub async fn mails_after(db: &Db, after: i64) -> Vec<Mail> {
    sqlx::query_as("SELECT to_address, subject, body, list_unsubscribe FROM outbox WHERE id > $1 ORDER BY id")
        .bind(after)
        .fetch_all(db.reader())
        .await
        .unwrap()
}

/// The id of the last email queued (0: none yet), to read what comes after it.
pub async fn last_mail(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM outbox").fetch_one(db.reader()).await.unwrap()
}
