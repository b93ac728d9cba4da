//! The audit log. There is no update or delete here, and the database refuses both.

use super::{now, Db, DbError};
use crate::audit::{AuditEntry, AuditPage, NewAuditEntry};

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

/// One row of the log as read back.
#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor_label: String,
    action: String,
    record_type: Option<String>,
    record_id: Option<String>,
    ip: Option<String>,
    detail: Option<String>,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        AuditEntry {
            id: r.id,
            at: r.at,
            actor: r.actor_label,
            action: r.action,
            record: match (r.record_type, r.record_id) {
                (Some(t), Some(id)) => Some(format!("{t} {id}")),
                (Some(t), None) => Some(t),
                _ => None,
            },
            ip: r.ip,
            detail: r.detail,
        }
    }
}

/// Entries a manager of `csp_id` may read, newest first. `page` counts from 1.
pub async fn page_for_csp(db: &Db, csp_id: i64, page: i64, page_size: i64) -> Result<AuditPage, DbError> {
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM audit_log WHERE {VISIBLE_TO_CSP}"))
        .bind(csp_id)
        .fetch_one(db.reader())
        .await?;
    let rows: Vec<AuditRow> = sqlx::query_as(&format!(
        "SELECT id, at, actor_label, action, record_type, record_id, ip, detail FROM audit_log \
         WHERE {VISIBLE_TO_CSP} ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(csp_id)
    .bind(page_size)
    .bind((page.max(1) - 1) * page_size)
    .fetch_all(db.reader())
    .await?;
    let entries = rows.into_iter().map(AuditEntry::from).collect();
    Ok(AuditPage { entries, total, page: page.max(1), page_size })
}
