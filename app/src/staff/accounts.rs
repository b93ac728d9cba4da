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
    #[error("unknown role '{0}': use officer, analyst, engagement_lead, partner, csp_manager, admin or cohesion_coordinator")]
    UnknownRole(String),
    #[error("unknown region '{0}' (see `cymuned region list` for the slugs)")]
    UnknownRegion(String),
    #[error(
        "{0} is held for a region, not a CSP: give --region (e.g. --region dyfed-powys) instead of --csp"
    )]
    RegionalRoleNeedsRegion(String),
    #[error("{0} is held in a CSP, not a region: give --csp (e.g. --csp cardiff) instead of --region")]
    CspRoleNeedsCsp(String),
    #[error("an API key cannot hold {0}, a role held for a region: API keys act in one CSP")]
    RegionalRoleForApiKey(String),
    #[error("a partner account needs --organisation")]
    PartnerNeedsOrganisation,
    #[error("the password must be at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("'{0}' is not an email address")]
    BadEmail(String),
    #[error("no account has the email address '{0}'")]
    UnknownAccount(String),
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
    if role.is_regional() {
        return Err(AccountError::RegionalRoleNeedsRegion(role.as_str().into()));
    }
    let csp = db::reference::csp_by_slug(db, account.csp_slug)
        .await?
        .ok_or_else(|| AccountError::UnknownCsp(account.csp_slug.into()))?;
    if !looks_like_email(account.email) {
        return Err(AccountError::BadEmail(account.email.into()));
    }
    if role == Role::Partner && account.organisation.is_none() {
        return Err(AccountError::PartnerNeedsOrganisation);
    }
    let person = Person {
        email: account.email,
        display_name: account.display_name,
        password: account.password,
        language: account.language,
        is_demo: account.is_demo,
    };
    let user_id = ensure_user(db, &person, actor, &[csp.id]).await?;
    let organisation_id = match account.organisation {
        Some((kind, name)) => Some(db::staff::ensure_organisation(db, csp.id, kind, name).await?),
        None => None,
    };
    db::staff::grant_role(db, user_id, csp.id, role, organisation_id).await?;
    audit(db, actor, AuditAction::RoleGranted, user_id, Some(csp.id), Some(role.as_str().to_string()))
        .await?;
    Ok(user_id)
}

/// Who a new account is for.
struct Person<'a> {
    email: &'a str,
    display_name: &'a str,
    password: &'a str,
    language: Lang,
    is_demo: bool,
}

/// The account of `person.email`, made (and audited in each of `csps`, or once without a CSP)
/// if there is none.
async fn ensure_user(db: &Db, person: &Person<'_>, actor: &str, csps: &[i64]) -> Result<i64, AccountError> {
    if let Some(id) = db::staff::user_id_by_email(db, person.email).await? {
        return Ok(id);
    }
    if person.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooShort);
    }
    let hash = hash_password(person.password);
    let id =
        db::staff::create_user(db, person.email, person.display_name, &hash, person.language, person.is_demo)
            .await?;
    for csp_id in audited_in(csps) {
        audit(db, actor, AuditAction::AccountCreated, id, csp_id, None).await?;
    }
    Ok(id)
}

/// The CSPs an entry about a regional account is written in: each CSP of the region, so each
/// one's managers see it (once without a CSP for a region of none).
fn audited_in(csps: &[i64]) -> Vec<Option<i64>> {
    if csps.is_empty() {
        vec![None]
    } else {
        csps.iter().copied().map(Some).collect()
    }
}

/// Where `create-user` gives a role: a CSP, or, for a regional role, a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place<'a> {
    Csp(&'a str),
    Region(&'a str),
}

/// Where `role` is given, from `--csp` and `--region`: a regional role needs a region and no
/// CSP, any other role a CSP and no region.
pub fn place_for<'a>(
    role: &str,
    csp: Option<&'a str>,
    region: Option<&'a str>,
) -> Result<Place<'a>, AccountError> {
    let parsed = Role::parse(role).ok_or_else(|| AccountError::UnknownRole(role.into()))?;
    let given = |s: Option<&'a str>| s.map(str::trim).filter(|s| !s.is_empty());
    match (parsed.is_regional(), given(csp), given(region)) {
        (true, None, Some(region)) => Ok(Place::Region(region)),
        (true, _, _) => Err(AccountError::RegionalRoleNeedsRegion(role.into())),
        (false, Some(csp), None) => Ok(Place::Csp(csp)),
        (false, _, _) => Err(AccountError::CspRoleNeedsCsp(role.into())),
    }
}

/// A new staff account with a regional role, or that role for an existing account. Audited
/// with `actor`.
pub struct NewRegionalAccount<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: &'a str,
    pub region_slug: &'a str,
    pub language: Lang,
    pub is_demo: bool,
}

/// Gives a regional role for a region (making the account if need be). The grant is audited
/// like any other, in each CSP of the region, so each partnership's managers see who covers it.
pub async fn create_regional_account(
    db: &Db,
    account: NewRegionalAccount<'_>,
    actor: &str,
) -> Result<i64, AccountError> {
    let role = Role::parse(account.role).ok_or_else(|| AccountError::UnknownRole(account.role.into()))?;
    if !role.is_regional() {
        return Err(AccountError::CspRoleNeedsCsp(role.as_str().into()));
    }
    let region = db::regions::region_by_slug(db, account.region_slug.trim())
        .await?
        .ok_or_else(|| AccountError::UnknownRegion(account.region_slug.into()))?;
    if !looks_like_email(account.email) {
        return Err(AccountError::BadEmail(account.email.into()));
    }
    let csps: Vec<i64> = region.csps.iter().map(|c| c.id).collect();
    let person = Person {
        email: account.email,
        display_name: account.display_name,
        password: account.password,
        language: account.language,
        is_demo: account.is_demo,
    };
    let user_id = ensure_user(db, &person, actor, &csps).await?;
    let entries: Vec<NewAuditEntry> = audited_in(&csps)
        .into_iter()
        .map(|csp_id| NewAuditEntry {
            actor_label: actor.to_string(),
            action: Some(AuditAction::RoleGranted),
            record_type: Some("user".into()),
            record_id: Some(user_id.to_string()),
            csp_id,
            detail: Some(format!("{} for region {}", role.as_str(), region.slug)),
            ..Default::default()
        })
        .collect();
    db::regions::grant_regional_role(db, user_id, region.id, role, &entries).await?;
    Ok(user_id)
}

/// Takes regional `role` for region `region_slug` from the account `email` (`cymuned region
/// revoke-role`), audited in every CSP of the region: false when they did not hold it.
pub async fn revoke_regional_role(
    db: &Db,
    email: &str,
    role: &str,
    region_slug: &str,
    actor: &str,
) -> Result<bool, AccountError> {
    let role = Role::parse(role).ok_or_else(|| AccountError::UnknownRole(role.into()))?;
    if !role.is_regional() {
        return Err(AccountError::CspRoleNeedsCsp(role.as_str().into()));
    }
    let region = db::regions::region_by_slug(db, region_slug.trim())
        .await?
        .ok_or_else(|| AccountError::UnknownRegion(region_slug.into()))?;
    let Some(user_id) = db::staff::user_id_by_email(db, email.trim()).await? else {
        return Err(AccountError::UnknownAccount(email.into()));
    };
    let csps: Vec<i64> = region.csps.iter().map(|c| c.id).collect();
    let entries: Vec<NewAuditEntry> = audited_in(&csps)
        .into_iter()
        .map(|csp_id| NewAuditEntry {
            actor_label: actor.to_string(),
            action: Some(AuditAction::RoleRevoked),
            record_type: Some("user".into()),
            record_id: Some(user_id.to_string()),
            csp_id,
            detail: Some(format!("{} for region {}", role.as_str(), region.slug)),
            ..Default::default()
        })
        .collect();
    Ok(db::regions::revoke_regional_role(db, user_id, region.id, role, &entries).await?)
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

/// The region of the demo account of a regional role.
pub const DEMO_REGION: &str = "dyfed-powys";

/// One demo account per role: in Cardiff CSP, or, for a regional role, for the Dyfed-Powys
/// police force area (`DEMO_REGION`).
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
        if demo.role.is_regional() {
            let account = NewRegionalAccount {
                email: &demo.email,
                display_name: &name,
                password: DEMO_PASSWORD,
                role: demo.role.as_str(),
                region_slug: DEMO_REGION,
                language: Lang::En,
                is_demo: true,
            };
            create_regional_account(db, account, "demo-setup").await?;
            created += 1;
            continue;
        }
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
    if role.is_regional() {
        return Err(AccountError::RegionalRoleForApiKey(role.as_str().into()));
    }
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
        assert!(demos.iter().any(|d| d.role == Role::CohesionCoordinator));
    }

    #[test]
    fn a_regional_role_is_given_for_a_region_and_any_other_in_a_csp() {
        let role = "cohesion_coordinator";
        assert_eq!(place_for(role, None, Some("dyfed-powys")).unwrap(), Place::Region("dyfed-powys"));
        assert!(matches!(
            place_for(role, Some("cardiff"), None),
            Err(AccountError::RegionalRoleNeedsRegion(_))
        ));
        assert!(matches!(
            place_for(role, Some("cardiff"), Some("dyfed-powys")),
            Err(AccountError::RegionalRoleNeedsRegion(_))
        ));
        assert!(matches!(place_for(role, None, None), Err(AccountError::RegionalRoleNeedsRegion(_))));
        assert_eq!(place_for("officer", Some("cardiff"), None).unwrap(), Place::Csp("cardiff"));
        assert!(matches!(
            place_for("officer", None, Some("dyfed-powys")),
            Err(AccountError::CspRoleNeedsCsp(_))
        ));
        assert!(matches!(
            place_for("officer", Some("cardiff"), Some("dyfed-powys")),
            Err(AccountError::CspRoleNeedsCsp(_))
        ));
        assert!(matches!(place_for("officer", Some(" "), None), Err(AccountError::CspRoleNeedsCsp(_))));
        assert!(matches!(place_for("overlord", Some("cardiff"), None), Err(AccountError::UnknownRole(_))));
    }
}
