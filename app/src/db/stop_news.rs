//! The stop list of progress and publication news (issue 14, 0037): addresses (by the SHA-256
//! hash of their lower case, `mail::address_hash`) that asked, through the private link in such
//! an email, never to be told again; and those links (each token by its hash, with the hash of
//! the address it stops).

use super::{now, outbox::placeholders, reference::Tx, Db, DbError};
use crate::audit::NewAuditEntry;
use std::collections::HashSet;

/// What the body of such news queued and not yet sent becomes when its address is stopped.
pub const STOPPED_BODY: &str = "[not sent: asked to stop]";

/// Keeps stop links (token hash, address hash) for the emails queued in the same transaction,
/// in multi-row inserts.
pub async fn add_links_in(tx: &mut Tx<'_>, links: &[(String, String)]) -> Result<(), DbError> {
    let at = now();
    for batch in links.chunks(500) {
        let sql = format!(
            "INSERT INTO news_stop_links (token_hash, email_hash, created_at) VALUES {}",
            placeholders(batch.len(), 3)
        );
        let mut query = sqlx::query(&sql);
        for (token_hash, email_hash) in batch {
            query = query.bind(token_hash.as_str()).bind(email_hash.as_str()).bind(at);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Which of these address hashes are on the stop list.
pub async fn stopped_in(tx: &mut Tx<'_>, hashes: &[String]) -> Result<HashSet<String>, DbError> {
    let mut stopped = HashSet::new();
    for batch in hashes.chunks(500) {
        let marks: Vec<String> = (1..=batch.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT email_hash FROM news_stops WHERE email_hash IN ({})", marks.join(", "));
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for h in batch {
            query = query.bind(h.as_str());
        }
        stopped.extend(query.fetch_all(&mut **tx).await?);
    }
    Ok(stopped)
}

/// What a stop link is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    Unknown,
    /// Used already: its address is on the stop list.
    Used,
    Open,
}

/// What the link of a token (by its hash) is.
pub async fn link_state(db: &Db, token_hash: &str) -> Result<LinkState, DbError> {
    let used: Option<Option<i64>> =
        sqlx::query_scalar("SELECT used_at FROM news_stop_links WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(db.reader())
            .await?;
    Ok(match used {
        None => LinkState::Unknown,
        Some(Some(_)) => LinkState::Used,
        Some(None) => LinkState::Open,
    })
}

/// Uses a stop link, in one transaction: the link marked used (once: of two posts at the same
/// moment only one goes on), its address put on the stop list, that address's survey contacts
/// deleted (matched by the hash of each stored address's lower case: the stop list holds no
/// address), such news queued to it and not yet sent stopped, and the audit entry written with
/// the numbers of contacts deleted and emails stopped appended to its detail. Returns the link's state before: `Open` when this stopped it.
pub async fn stop(db: &Db, token_hash: &str, audit: &NewAuditEntry) -> Result<LinkState, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let email_hash: Option<String> = sqlx::query_scalar(
        "UPDATE news_stop_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL RETURNING email_hash",
    )
    .bind(at)
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(email_hash) = email_hash else {
        tx.rollback().await?;
        return link_state(db, token_hash).await;
    };
    sqlx::query(
        "INSERT INTO news_stops (email_hash, stopped_at) VALUES ($1, $2) ON CONFLICT (email_hash) DO NOTHING",
    )
    .bind(&email_hash)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    let contacts: Vec<(i64, String)> =
        sqlx::query_as("SELECT response_id, email FROM survey_contacts").fetch_all(&mut *tx).await?;
    let theirs: Vec<i64> = contacts
        .into_iter()
        .filter(|(_, email)| crate::staff::accounts::sha256_hex(&email.trim().to_lowercase()) == email_hash)
        .map(|(id, _)| id)
        .collect();
    for id in &theirs {
        sqlx::query("DELETE FROM survey_contacts WHERE response_id = $1").bind(id).execute(&mut *tx).await?;
    }
    // Such news already queued to the address and not yet sent (each carries a stop link) is
    // stopped too, its body dropped.
    let queued: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, to_address FROM outbox WHERE sent_at IS NULL AND stopped_at IS NULL AND asked = 0 \
         AND list_unsubscribe LIKE '%/stop-news/%'",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut emails_stopped = 0;
    for (id, to) in queued {
        if crate::staff::accounts::sha256_hex(&to.trim().to_lowercase()) == email_hash {
            sqlx::query(
                "UPDATE outbox SET stopped_at = $1, body = $2, list_unsubscribe = NULL WHERE id = $3",
            )
            .bind(at)
            .bind(STOPPED_BODY)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            emails_stopped += 1;
        }
    }
    let mut entry = audit.clone();
    entry.detail = Some(format!(
        "{}; survey contacts deleted: {}; unsent emails stopped: {emails_stopped}",
        audit.detail.clone().unwrap_or_default(),
        theirs.len()
    ));
    super::audit::record_in(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(LinkState::Open)
}
