//! The audit log. There is no update or delete here, and the database refuses both.

use super::{now, Db, DbError};
use crate::audit::{AuditEntry, AuditPage, NewAuditEntry};
use sqlx::Row as _;

async fn insert<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    entry: &NewAuditEntry,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, actor_label, action, record_type, record_id, csp_id, ip, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(now())
    .bind(entry.actor_user_id)
    .bind(&entry.actor_label)
    .bind(entry.action.map(|a| a.as_str()).unwrap_or("unknown"))
    .bind(&entry.record_type)
    .bind(&entry.record_id)
    .bind(entry.csp_id)
    .bind(&entry.ip)
    .bind(&entry.detail)
    .execute(executor)
    .await?;
    Ok(())
}

/// Writes an entry inside a change's own transaction: the change and its audit entry are
/// stored together or not at all.
pub async fn record_in(tx: &mut super::reference::Tx<'_>, entry: &NewAuditEntry) -> Result<(), DbError> {
    insert(&mut **tx, entry).await
}

pub async fn record(db: &Db, entry: NewAuditEntry) -> Result<(), DbError> {
    insert(db.writer(), &entry).await
}

/// Writes several entries (one per record read on a page) together or not at all.
pub async fn record_all(db: &Db, entries: &[NewAuditEntry]) -> Result<(), DbError> {
    let mut tx = db.writer().begin().await?;
    for entry in entries {
        insert(&mut *tx, entry).await?;
    }
    tx.commit().await
}

const VISIBLE_TO_CSP: &str = "(csp_id = $1 OR (csp_id IS NULL AND actor_user_id IN \
     (SELECT user_id FROM user_roles WHERE csp_id = $1)))";

/// Entries a manager of `csp_id` may read, newest first. `page` counts from 1.
pub async fn page_for_csp(db: &Db, csp_id: i64, page: i64, page_size: i64) -> Result<AuditPage, DbError> {
    let total: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM audit_log WHERE {VISIBLE_TO_CSP}"))
        .bind(csp_id)
        .fetch_one(db.reader())
        .await?
        .try_get(0)?;
    let rows = sqlx::query(&format!(
        "SELECT id, at, actor_label, action, record_type, record_id, ip, detail FROM audit_log \
         WHERE {VISIBLE_TO_CSP} ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(csp_id)
    .bind(page_size)
    .bind((page.max(1) - 1) * page_size)
    .fetch_all(db.reader())
    .await?;
    let entries = rows
        .iter()
        .map(|r| {
            let record_type: Option<String> = r.try_get(4)?;
            let record_id: Option<String> = r.try_get(5)?;
            Ok(AuditEntry {
                id: r.try_get(0)?,
                at: r.try_get(1)?,
                actor: r.try_get(2)?,
                action: r.try_get(3)?,
                record: match (record_type, record_id) {
                    (Some(t), Some(id)) => Some(format!("{t} {id}")),
                    (Some(t), None) => Some(t),
                    _ => None,
                },
                ip: r.try_get(6)?,
                detail: r.try_get(7)?,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(AuditPage { entries, total, page: page.max(1), page_size })
}
