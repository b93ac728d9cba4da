//! The partnership's tension rota and the alerts sent to it (issue 15, part 5; see
//! `tension::rota` and `tension::alerts`).

use super::{now, reference::Tx, Db, DbError};

/// A member of staff, as the rota lists them and an alert addresses them.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct RotaPerson {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub language: String,
}

/// Staff of the CSP who may be on its rota: active accounts holding a role there other than
/// partner (partners cannot open the hub's tension pages an alert links to).
const STAFF_HERE: &str = "u.active = 1 AND EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id \
     AND ur.csp_id = $1 AND ur.role <> 'partner')";

/// The CSP's rota, by name: those still on its staff (someone who left the partnership is not
/// emailed, though their row stays until removed).
pub async fn members(db: &Db, csp_id: i64) -> Result<Vec<RotaPerson>, DbError> {
    sqlx::query_as(&format!(
        "SELECT u.id, u.email, u.display_name, u.language FROM tension_rota r JOIN users u ON u.id = r.user_id \
         WHERE r.csp_id = $1 AND {STAFF_HERE} ORDER BY u.display_name, u.id"
    ))
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// The same, inside a transaction (for an alert).
pub async fn members_in(tx: &mut Tx<'_>, csp_id: i64) -> Result<Vec<RotaPerson>, DbError> {
    sqlx::query_as(&format!(
        "SELECT u.id, u.email, u.display_name, u.language FROM tension_rota r JOIN users u ON u.id = r.user_id \
         WHERE r.csp_id = $1 AND {STAFF_HERE} ORDER BY u.id"
    ))
    .bind(csp_id)
    .fetch_all(&mut **tx)
    .await
}

/// The CSP's staff not on its rota, who may be added.
pub async fn candidates(db: &Db, csp_id: i64) -> Result<Vec<RotaPerson>, DbError> {
    sqlx::query_as(&format!(
        "SELECT u.id, u.email, u.display_name, u.language FROM users u WHERE {STAFF_HERE} \
         AND NOT EXISTS (SELECT 1 FROM tension_rota r WHERE r.csp_id = $1 AND r.user_id = u.id) \
         ORDER BY u.display_name, u.id"
    ))
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// Is `user_id` among the CSP's staff who may be on its rota?
pub async fn is_staff(db: &Db, csp_id: i64, user_id: i64) -> Result<bool, DbError> {
    let n: i64 =
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users u WHERE u.id = $2 AND {STAFF_HERE}"))
            .bind(csp_id)
            .bind(user_id)
            .fetch_one(db.reader())
            .await?;
    Ok(n > 0)
}

/// Puts someone on the rota, with its audit entry; false when they were on it already.
pub async fn add(
    db: &Db,
    csp_id: i64,
    user_id: i64,
    by: i64,
    audit: &crate::audit::NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query(
        "INSERT INTO tension_rota (csp_id, user_id, added_by, added_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (csp_id, user_id) DO NOTHING",
    )
    .bind(csp_id)
    .bind(user_id)
    .bind(by)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Takes someone off the rota, with its audit entry; false when they were not on it.
pub async fn remove(
    db: &Db,
    csp_id: i64,
    user_id: i64,
    audit: &crate::audit::NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    let done = sqlx::query("DELETE FROM tension_rota WHERE csp_id = $1 AND user_id = $2")
        .bind(csp_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Claims alert `key` of CSP `csp_id` in the caller's transaction: true the first time, false
/// when it was sent already (then nothing is sent again).
pub async fn claim_alert(tx: &mut Tx<'_>, csp_id: i64, key: &str, kind: &str) -> Result<bool, DbError> {
    let done = sqlx::query(
        "INSERT INTO tension_alerts_sent (csp_id, alert_key, kind, recipients, sent_at) VALUES ($1, $2, $3, 0, $4) \
         ON CONFLICT (csp_id, alert_key) DO NOTHING",
    )
    .bind(csp_id)
    .bind(key)
    .bind(kind)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many were emailed for an alert claimed in this transaction.
pub async fn alert_sent_to(tx: &mut Tx<'_>, csp_id: i64, key: &str, recipients: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE tension_alerts_sent SET recipients = $1 WHERE csp_id = $2 AND alert_key = $3")
        .bind(recipients)
        .bind(csp_id)
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A CSP's names (for an alert's words).
pub async fn csp_names_in(tx: &mut Tx<'_>, csp_id: i64) -> Result<(String, String), DbError> {
    sqlx::query_as("SELECT name_en, name_cy FROM csps WHERE id = $1").bind(csp_id).fetch_one(&mut **tx).await
}
