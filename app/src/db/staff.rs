//! Staff accounts, their roles, sessions, partner organisations and API keys.

use super::{now, Db, DbError};
use crate::{
    i18n::Lang,
    reference::Names,
    staff::{roles::TeamMember, Role, RoleGrant, StaffUser},
};

/// What sign-in needs to know about an account.
pub struct Credentials {
    pub user_id: i64,
    pub password_hash: String,
    pub active: bool,
}

#[derive(sqlx::FromRow)]
struct CredentialsRow {
    id: i64,
    password_hash: String,
    active: i64,
}

pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Option<Credentials>, DbError> {
    let row: Option<CredentialsRow> =
        sqlx::query_as("SELECT id, password_hash, active FROM users WHERE email = $1")
            .bind(normalise_email(email))
            .fetch_optional(db.reader())
            .await?;
    Ok(row.map(|r| Credentials { user_id: r.id, password_hash: r.password_hash, active: r.active == 1 }))
}

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn create_user(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
    language: Lang,
    is_demo: bool,
) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, language, is_demo, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
    )
    .bind(normalise_email(email))
    .bind(display_name)
    .bind(password_hash)
    .bind(language.code())
    .bind(is_demo as i64)
    .bind(now())
    .fetch_one(db.writer())
    .await
}

pub async fn user_id_by_email(db: &Db, email: &str) -> Result<Option<i64>, DbError> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(normalise_email(email))
        .fetch_optional(db.reader())
        .await
}

pub async fn grant_role(
    db: &Db,
    user_id: i64,
    csp_id: i64,
    role: Role,
    organisation_id: Option<i64>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO user_roles (user_id, csp_id, role, organisation_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, csp_id, role) DO UPDATE SET organisation_id = excluded.organisation_id",
    )
    .bind(user_id)
    .bind(csp_id)
    .bind(role.as_str())
    .bind(organisation_id)
    .execute(db.writer())
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct StaffUserRow {
    id: i64,
    email: String,
    display_name: String,
    language: String,
}

/// A role held, as read.
#[derive(sqlx::FromRow)]
struct RoleGrantRow {
    role: String,
    csp_id: i64,
    csp_slug: String,
    csp_en: String,
    csp_cy: String,
    organisation: Option<String>,
    organisation_id: Option<i64>,
}

impl RoleGrantRow {
    /// The grant; `None` for a role this version does not know.
    fn into_grant(self) -> Option<RoleGrant> {
        Some(RoleGrant {
            role: Role::parse(&self.role)?,
            csp_id: self.csp_id,
            csp_slug: self.csp_slug,
            csp_name: Names::new(self.csp_en, self.csp_cy),
            organisation: self.organisation,
            organisation_id: self.organisation_id,
            region: None,
        })
    }
}

/// The account and its roles, or `None` if it does not exist or is disabled. A role held for a
/// region is read as that role in each CSP the region holds now (`staff::regions`).
pub async fn staff_user(db: &Db, user_id: i64) -> Result<Option<StaffUser>, DbError> {
    let row: Option<StaffUserRow> =
        sqlx::query_as("SELECT id, email, display_name, language FROM users WHERE id = $1 AND active = 1")
            .bind(user_id)
            .fetch_optional(db.reader())
            .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let grants: Vec<RoleGrantRow> = sqlx::query_as(
        "SELECT r.role, c.id AS csp_id, c.slug AS csp_slug, c.name_en AS csp_en, c.name_cy AS csp_cy, \
                o.name AS organisation, r.organisation_id FROM user_roles r \
         JOIN csps c ON c.id = r.csp_id LEFT JOIN organisations o ON o.id = r.organisation_id \
         WHERE r.user_id = $1 ORDER BY c.name_en, r.role",
    )
    .bind(user_id)
    .fetch_all(db.reader())
    .await?;
    let mut grants: Vec<RoleGrant> = grants.into_iter().filter_map(RoleGrantRow::into_grant).collect();
    for regional in super::regions::regional_grants(db, user_id).await? {
        grants.extend(regional.expand());
    }
    Ok(Some(StaffUser {
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        language: Lang::parse(&row.language).unwrap_or_default(),
        grants,
    }))
}

pub async fn set_language(db: &Db, user_id: i64, language: Lang) -> Result<(), DbError> {
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(language.code())
        .bind(user_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn demo_user_count(db: &Db) -> Result<i64, DbError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE is_demo = 1").fetch_one(db.reader()).await
}

/// Removes every demo account (and with them their roles and sessions).
pub async fn delete_demo_users(db: &Db) -> Result<u64, DbError> {
    let mut tx = db.writer().begin().await?;
    sqlx::query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE is_demo = 1)")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM user_roles WHERE user_id IN (SELECT id FROM users WHERE is_demo = 1)")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM user_region_roles WHERE user_id IN (SELECT id FROM users WHERE is_demo = 1)")
        .execute(&mut *tx)
        .await?;
    let done = sqlx::query("DELETE FROM users WHERE is_demo = 1").execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Deactivates the account of `email`: its sessions end at once, it can no longer sign in,
/// and `audit` (with the account's id as the record) is written in the same transaction.
/// Returns the account's id and how many sessions ended; `None` if there is no such active
/// account.
pub async fn deactivate_user(
    db: &Db,
    email: &str,
    audit: &crate::audit::NewAuditEntry,
) -> Result<Option<(i64, u64)>, DbError> {
    let mut tx = db.writer().begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "UPDATE users SET active = 0 WHERE lower(email) = lower($1) AND active = 1 RETURNING id",
    )
    .bind(email)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    // One entry in each partnership the account held a role in, so each one's managers see it.
    let csps: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT csp_id FROM user_roles WHERE user_id = $1 AND csp_id IS NOT NULL ORDER BY csp_id",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let csps: Vec<Option<i64>> =
        if csps.is_empty() { vec![None] } else { csps.into_iter().map(Some).collect() };
    for csp_id in csps {
        let audit = crate::audit::NewAuditEntry { record_id: Some(id.to_string()), csp_id, ..audit.clone() };
        super::audit::record_in(&mut tx, &audit).await?;
    }
    tx.commit().await?;
    Ok(Some((id, ended)))
}

/// Which API keys to revoke: one by its id, or every key of that name in the CSP.
pub enum ApiKeyChoice<'a> {
    Id(i64),
    Name(&'a str),
}

/// Revokes the CSP's keys chosen (not already revoked) and writes one `audit` entry for each
/// (the key's id as the record) in the same transaction. Returns the revoked keys' ids.
pub async fn revoke_api_keys(
    db: &Db,
    csp_id: i64,
    choice: ApiKeyChoice<'_>,
    audit: &crate::audit::NewAuditEntry,
) -> Result<Vec<i64>, DbError> {
    let mut tx = db.writer().begin().await?;
    let query = match choice {
        ApiKeyChoice::Id(id) => sqlx::query_scalar("UPDATE api_keys SET revoked_at = $1 WHERE csp_id = $2 AND id = $3 AND revoked_at IS NULL RETURNING id").bind(now()).bind(csp_id).bind(id),
        ApiKeyChoice::Name(name) => {
            sqlx::query_scalar("UPDATE api_keys SET revoked_at = $1 WHERE csp_id = $2 AND name = $3 AND revoked_at IS NULL RETURNING id").bind(now()).bind(csp_id).bind(name)
        }
    };
    let ids: Vec<i64> = query.fetch_all(&mut *tx).await?;
    for id in &ids {
        let entry = crate::audit::NewAuditEntry { record_id: Some(id.to_string()), ..audit.clone() };
        super::audit::record_in(&mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(ids)
}

pub async fn ensure_organisation(db: &Db, csp_id: i64, kind: &str, name: &str) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO organisations (csp_id, kind, name) VALUES ($1, $2, $3) \
         ON CONFLICT (csp_id, name) DO UPDATE SET kind = excluded.kind RETURNING id",
    )
    .bind(csp_id)
    .bind(kind)
    .bind(name)
    .fetch_one(db.writer())
    .await
}

// ----- sessions: the token itself is never stored, only its SHA-256.

pub async fn create_session(db: &Db, token_hash: &str, user_id: i64) -> Result<(), DbError> {
    let at = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(at)
    .execute(db.writer())
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
}

pub async fn session(db: &Db, token_hash: &str) -> Result<Option<SessionRow>, DbError> {
    sqlx::query_as("SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db.reader())
        .await
}

pub async fn touch_session(db: &Db, token_hash: &str, at: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(at)
        .bind(token_hash)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(db.writer()).await?;
    Ok(())
}

/// Removes sessions idle for longer than `idle_before` or started before `started_before`.
pub async fn delete_expired_sessions(db: &Db, idle_before: i64, started_before: i64) -> Result<u64, DbError> {
    let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before)
        .bind(started_before)
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected())
}

// ----- API keys: shown once at creation; only a hash is kept.

pub struct ApiKeyRow {
    pub organisation_id: Option<i64>,
    pub id: i64,
    pub key_hash: String,
    pub name: String,
    pub csp_id: i64,
    /// `None`: a role this version does not know.
    pub role: Option<Role>,
    pub revoked: bool,
}

pub async fn create_api_key(
    db: &Db,
    prefix: &str,
    key_hash: &str,
    name: &str,
    csp_id: i64,
    role: Role,
    organisation_id: Option<i64>,
) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO api_keys (prefix, key_hash, name, csp_id, role, organisation_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(prefix)
    .bind(key_hash)
    .bind(name)
    .bind(csp_id)
    .bind(role.as_str())
    .bind(organisation_id)
    .bind(now())
    .fetch_one(db.writer())
    .await
}

/// An API key, as read.
#[derive(sqlx::FromRow)]
struct ApiKeyRecord {
    id: i64,
    key_hash: String,
    name: String,
    csp_id: i64,
    role: String,
    revoked_at: Option<i64>,
    organisation_id: Option<i64>,
}

pub async fn api_key_by_prefix(db: &Db, prefix: &str) -> Result<Option<ApiKeyRow>, DbError> {
    let row: Option<ApiKeyRecord> = sqlx::query_as("SELECT id, key_hash, name, csp_id, role, revoked_at, organisation_id FROM api_keys WHERE prefix = $1")
        .bind(prefix)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.map(|r| ApiKeyRow {
        id: r.id,
        key_hash: r.key_hash,
        name: r.name,
        csp_id: r.csp_id,
        role: Role::parse(&r.role),
        revoked: r.revoked_at.is_some(),
        organisation_id: r.organisation_id,
    }))
}

// ----- the team of a CSP: who holds which roles there.

/// One role of a team member, as read.
#[derive(sqlx::FromRow)]
struct TeamRoleRow {
    user_id: i64,
    email: String,
    display_name: String,
    role: String,
    organisation: Option<String>,
}

pub async fn team(db: &Db, csp_id: i64) -> Result<Vec<TeamMember>, DbError> {
    let rows: Vec<TeamRoleRow> = sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.display_name, r.role, o.name AS organisation FROM user_roles r \
         JOIN users u ON u.id = r.user_id LEFT JOIN organisations o ON o.id = r.organisation_id \
         WHERE r.csp_id = $1 AND u.active = 1 ORDER BY u.display_name, u.id, r.role",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut team: Vec<TeamMember> = Vec::new();
    for row in rows {
        let Some(role) = Role::parse(&row.role) else { continue };
        if team.last().map(|m| m.user_id) != Some(row.user_id) {
            team.push(TeamMember {
                user_id: row.user_id,
                email: row.email,
                display_name: row.display_name,
                roles: Vec::new(),
            });
        }
        team.last_mut().expect("pushed above").roles.push((role, row.organisation));
    }
    Ok(team)
}

/// Removes one role; false if the person did not hold it.
pub async fn revoke_role(db: &Db, user_id: i64, csp_id: i64, role: Role) -> Result<bool, DbError> {
    let done = sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND csp_id = $2 AND role = $3")
        .bind(user_id)
        .bind(csp_id)
        .bind(role.as_str())
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected() == 1)
}

// ----- teams of a CSP, which reports can be assigned to.

/// A team and one of its members (if it has any), as read.
#[derive(sqlx::FromRow)]
struct TeamMemberRow {
    team_id: i64,
    team_name: String,
    user_id: Option<i64>,
    display_name: Option<String>,
}

/// A CSP's teams with their members.
pub async fn teams(db: &Db, csp_id: i64) -> Result<Vec<crate::staff::WorkTeam>, DbError> {
    let rows: Vec<TeamMemberRow> = sqlx::query_as(
        "SELECT t.id AS team_id, t.name AS team_name, u.id AS user_id, u.display_name FROM teams t \
         LEFT JOIN team_members m ON m.team_id = t.id \
         LEFT JOIN users u ON u.id = m.user_id WHERE t.csp_id = $1 ORDER BY t.name, u.display_name",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let mut teams: Vec<crate::staff::WorkTeam> = Vec::new();
    for r in rows {
        if teams.last().is_none_or(|t| t.id != r.team_id) {
            teams.push(crate::staff::WorkTeam { id: r.team_id, name: r.team_name, members: Vec::new() });
        }
        if let (Some(user), Some(name)) = (r.user_id, r.display_name) {
            teams.last_mut().expect("pushed above").members.push((user, name));
        }
    }
    Ok(teams)
}

/// Creates a team; `false` when the CSP already has one of that name.
pub async fn create_team(db: &Db, csp_id: i64, name: &str) -> Result<bool, DbError> {
    let done =
        sqlx::query("INSERT INTO teams (csp_id, name) VALUES ($1, $2) ON CONFLICT (csp_id, name) DO NOTHING")
            .bind(csp_id)
            .bind(name)
            .execute(db.writer())
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The CSP a team belongs to.
pub async fn team_csp(db: &Db, team_id: i64) -> Result<Option<i64>, DbError> {
    sqlx::query_scalar("SELECT csp_id FROM teams WHERE id = $1")
        .bind(team_id)
        .fetch_optional(db.reader())
        .await
}

pub async fn add_team_member(db: &Db, team_id: i64, user_id: i64) -> Result<(), DbError> {
    sqlx::query("INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT (team_id, user_id) DO NOTHING")
        .bind(team_id)
        .bind(user_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

pub async fn remove_team_member(db: &Db, team_id: i64, user_id: i64) -> Result<bool, DbError> {
    let done = sqlx::query("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2")
        .bind(team_id)
        .bind(user_id)
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected() == 1)
}
