//! Refused forms kept to be shown again as typed (see `crate::staff::kept`): one table for
//! staff forms (bound to their sender and page) and residents' forms (bound to no one).

use super::{now, Db, DbError};

/// A kept form as stored: which form on the page, and its fields as JSON.
#[derive(sqlx::FromRow, Debug)]
pub struct KeptFormRow {
    pub form: String,
    pub fields: String,
}

/// Keeps a refused form for `user_id` (none for a resident's); the token's hash is its key.
pub async fn keep_form(
    db: &Db,
    token_hash: &str,
    user_id: Option<i64>,
    page: &str,
    form: &str,
    fields_json: &str,
) -> Result<(), DbError> {
    sqlx::query("INSERT INTO kept_forms (token_hash, user_id, page, form, fields, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(token_hash)
        .bind(user_id)
        .bind(page)
        .bind(form)
        .bind(fields_json)
        .bind(now())
        .execute(db.writer())
        .await?;
    Ok(())
}

/// A staff form kept for `user_id` on `page` since `since`.
pub async fn kept_form(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    page: &str,
    since: i64,
) -> Result<Option<KeptFormRow>, DbError> {
    sqlx::query_as("SELECT form, fields FROM kept_forms WHERE token_hash = $1 AND user_id = $2 AND page = $3 AND created_at > $4")
        .bind(token_hash)
        .bind(user_id)
        .bind(page)
        .bind(since)
        .fetch_optional(db.reader())
        .await
}

/// A resident's form (kept for no one) since `since`: its token alone opens it.
pub async fn kept_resident_form(
    db: &Db,
    token_hash: &str,
    since: i64,
) -> Result<Option<KeptFormRow>, DbError> {
    sqlx::query_as(
        "SELECT form, fields FROM kept_forms WHERE token_hash = $1 AND user_id IS NULL AND created_at > $2",
    )
    .bind(token_hash)
    .bind(since)
    .fetch_optional(db.reader())
    .await
}

/// Forgets the form kept under `token_hash` (a resident's form once sent).
pub async fn forget_kept_form(db: &Db, token_hash: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM kept_forms WHERE token_hash = $1").bind(token_hash).execute(db.writer()).await?;
    Ok(())
}

/// Forgets every form kept since before `before`, staff's and residents'.
pub async fn delete_kept_forms_before(db: &Db, before: i64) -> Result<u64, DbError> {
    let done = sqlx::query("DELETE FROM kept_forms WHERE created_at <= $1")
        .bind(before)
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected())
}
