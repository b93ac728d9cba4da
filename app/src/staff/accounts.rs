//! Creating accounts, hashing passwords (Argon2id), demo accounts and API keys.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, Db},
    i18n::Lang,
    staff::Role,
};
use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use rand::{rngs::OsRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

pub const MIN_PASSWORD_CHARS: usize = 12;

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters")
        .to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// Verified against when an email is unknown, so a wrong address takes as long as a wrong
/// password and timing does not reveal which accounts exist.
pub static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_password("no account has this password"));

/// 256 random bits as hex: session tokens and API key secrets.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("unknown CSP '{0}' (see GET /api/v1/csps for the slugs)")]
    UnknownCsp(String),
    #[error("unknown role '{0}': use officer, analyst, engagement_lead, partner, csp_manager or admin")]
    UnknownRole(String),
    #[error("a partner account needs --organisation")]
    PartnerNeedsOrganisation,
    #[error("the password must be at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("'{0}' is not an email address")]
    BadEmail(String),
    #[error(transparent)]
    Db(#[from] db::DbError),
}

pub fn looks_like_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// A new staff account, or an extra role for an existing one. Audited with `actor`.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: &'a str,
    pub csp_slug: &'a str,
    pub organisation: Option<(&'a str, &'a str)>,
    pub language: Lang,
    pub is_demo: bool,
}

pub async fn create_account(db: &Db, account: NewAccount<'_>, actor: &str) -> Result<i64, AccountError> {
    let role = Role::parse(account.role).ok_or_else(|| AccountError::UnknownRole(account.role.into()))?;
    let csp = db::reference::csp_by_slug(db, account.csp_slug)
        .await?
        .ok_or_else(|| AccountError::UnknownCsp(account.csp_slug.into()))?;
    if !looks_like_email(account.email) {
        return Err(AccountError::BadEmail(account.email.into()));
    }
    if role == Role::Partner && account.organisation.is_none() {
        return Err(AccountError::PartnerNeedsOrganisation);
    }
    let user_id = match db::staff::user_id_by_email(db, account.email).await? {
        Some(id) => id,
        None => {
            if account.password.chars().count() < MIN_PASSWORD_CHARS {
                return Err(AccountError::PasswordTooShort);
            }
            let hash = hash_password(account.password);
            let id = db::staff::create_user(
                db,
                account.email,
                account.display_name,
                &hash,
                account.language,
                account.is_demo,
            )
            .await?;
            audit(db, actor, AuditAction::AccountCreated, id, Some(csp.id), None).await?;
            id
        }
    };
    let organisation_id = match account.organisation {
        Some((kind, name)) => Some(db::staff::ensure_organisation(db, csp.id, kind, name).await?),
        None => None,
    };
    db::staff::grant_role(db, user_id, csp.id, role, organisation_id).await?;
    audit(db, actor, AuditAction::RoleGranted, user_id, Some(csp.id), Some(role.as_str().to_string()))
        .await?;
    Ok(user_id)
}

async fn audit(
    db: &Db,
    actor: &str,
    action: AuditAction,
    user_id: i64,
    csp_id: Option<i64>,
    detail: Option<String>,
) -> Result<(), db::DbError> {
    db::audit::record(
        db,
        NewAuditEntry {
            actor_label: actor.to_string(),
            action: Some(action),
            record_type: Some("user".into()),
            record_id: Some(user_id.to_string()),
            csp_id,
            detail,
            ..Default::default()
        },
    )
    .await
}

/// The demo password, shown on the sign-in page in demo mode only.
pub const DEMO_PASSWORD: &str = "cymuned-demo-2026";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    pub email: String,
    pub role: Role,
}

/// One demo account per role, all in Cardiff CSP.
pub fn demo_accounts() -> Vec<DemoAccount> {
    Role::ALL
        .into_iter()
        .map(|role| DemoAccount {
            email: format!("{}@demo.cymuned.cymru", role.as_str().replace('_', "-")),
            role,
        })
        .collect()
}

pub async fn ensure_demo_accounts(db: &Db) -> Result<usize, AccountError> {
    let mut created = 0;
    for demo in demo_accounts() {
        if db::staff::user_id_by_email(db, &demo.email).await?.is_some() {
            continue;
        }
        let name = format!("Demo {}", demo.role.as_str().replace('_', " "));
        create_account(
            db,
            NewAccount {
                email: &demo.email,
                display_name: &name,
                password: DEMO_PASSWORD,
                role: demo.role.as_str(),
                csp_slug: "cardiff",
                organisation: (demo.role == Role::Partner)
                    .then_some(("fire", "South Wales Fire and Rescue Service")),
                language: Lang::En,
                is_demo: true,
            },
            "demo-setup",
        )
        .await?;
        created += 1;
    }
    Ok(created)
}

/// A new API key: `cym_<prefix>_<secret>`. Only the SHA-256 of the whole key is stored.
pub async fn create_api_key(
    db: &Db,
    csp_slug: &str,
    role: &str,
    name: &str,
    organisation: Option<(&str, &str)>,
) -> Result<String, AccountError> {
    let role = Role::parse(role).ok_or_else(|| AccountError::UnknownRole(role.into()))?;
    let csp = db::reference::csp_by_slug(db, csp_slug)
        .await?
        .ok_or_else(|| AccountError::UnknownCsp(csp_slug.into()))?;
    if role == Role::Partner && organisation.is_none() {
        return Err(AccountError::PartnerNeedsOrganisation);
    }
    let organisation_id = match organisation {
        Some((kind, org)) => Some(db::staff::ensure_organisation(db, csp.id, kind, org).await?),
        None => None,
    };
    let prefix = random_token()[..12].to_string();
    let key = format!("cym_{prefix}_{}", random_token());
    let id = db::staff::create_api_key(db, &prefix, &sha256_hex(&key), name, csp.id, role, organisation_id)
        .await?;
    db::audit::record(
        db,
        NewAuditEntry {
            actor_label: "cli".into(),
            action: Some(AuditAction::ApiKeyCreated),
            record_type: Some("api_key".into()),
            record_id: Some(id.to_string()),
            csp_id: Some(csp.id),
            detail: Some(format!("{name} ({})", role.as_str())),
            ..Default::default()
        },
    )
    .await?;
    Ok(key)
}

/// Revokes a CSP's API key (by id, or every key of that name): it is refused from the next
/// request on. Audited. Returns the ids of the keys revoked (none: no such key in use).
pub async fn revoke_api_key(
    db: &Db,
    csp_slug: &str,
    choice: db::staff::ApiKeyChoice<'_>,
) -> Result<Vec<i64>, AccountError> {
    let csp = db::reference::csp_by_slug(db, csp_slug)
        .await?
        .ok_or_else(|| AccountError::UnknownCsp(csp_slug.into()))?;
    let detail = match &choice {
        db::staff::ApiKeyChoice::Id(id) => format!("key {id}"),
        db::staff::ApiKeyChoice::Name(name) => format!("keys named {name}"),
    };
    let entry = NewAuditEntry {
        actor_label: "cli".into(),
        action: Some(AuditAction::ApiKeyRevoked),
        record_type: Some("api_key".into()),
        csp_id: Some(csp.id),
        detail: Some(detail),
        ..Default::default()
    };
    Ok(db::staff::revoke_api_keys(db, csp.id, choice, &entry).await?)
}

/// Deactivates a staff account: signed out everywhere at once, and sign-in refused from now
/// on. Audited. `None`: no active account with that email.
pub async fn deactivate_account(db: &Db, email: &str) -> Result<Option<(i64, u64)>, AccountError> {
    let email = email.trim().to_string();
    let entry = NewAuditEntry {
        actor_label: "cli".into(),
        action: Some(AuditAction::AccountDeactivated),
        record_type: Some("user".into()),
        detail: Some(email.clone()),
        ..Default::default()
    };
    Ok(db::staff::deactivate_user(db, &email, &entry).await?)
}

/// Who an API request acts as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiPrincipal {
    pub key_id: i64,
    pub name: String,
    pub csp_id: i64,
    pub role: Role,
    /// The partner organisation a partner's key belongs to.
    pub organisation_id: Option<i64>,
}

/// The key's principal, or `None` for an unknown, malformed or revoked key.
pub async fn authenticate_api_key(db: &Db, key: &str) -> Result<Option<ApiPrincipal>, db::DbError> {
    let Some(prefix) = key.strip_prefix("cym_").and_then(|rest| rest.split('_').next()) else {
        return Ok(None);
    };
    let Some(row) = db::staff::api_key_by_prefix(db, prefix).await? else {
        return Ok(None);
    };
    if row.revoked || row.key_hash != sha256_hex(key) {
        return Ok(None);
    }
    Ok(row.role.map(|role| ApiPrincipal {
        key_id: row.id,
        name: row.name,
        csp_id: row.csp_id,
        role,
        organisation_id: row.organisation_id,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let hash = hash_password("correct horse battery");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn emails_are_checked_loosely() {
        assert!(looks_like_email("a.b@cardiff.gov.uk"));
        assert!(!looks_like_email("cardiff.gov.uk"));
        assert!(!looks_like_email("a @b.c"));
        assert!(!looks_like_email("@b.c"));
    }

    #[test]
    fn one_demo_account_per_role() {
        let demos = demo_accounts();
        assert_eq!(demos.len(), Role::ALL.len());
        assert!(demos.iter().all(|d| d.email.ends_with("@demo.cymuned.cymru")));
    }
}
