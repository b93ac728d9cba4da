//! Who may post a staff form, decided in one place. `Staff` (an axum extractor) is the
//! signed-in member of staff, or the way to sign in; its `require...` methods prove a
//! permission in one CSP, or give the answer every staff form gives when it is missing:
//!
//! - not signed in: to the sign-in page, coming back to the address asked for (`sign_in`);
//! - a record of a CSP where the person may not even see such records: "not found" (whether it
//!   exists is not confirmed);
//! - a record they may see but not change, or a CSP where they lack the permission: "not
//!   allowed".

use crate::{
    i18n::Lang,
    reference::Names,
    shell::problem::{page, Problem},
    staff::{
        session::{ClientIp, CurrentUser},
        Permission, StaffUser,
    },
};
use axum::{
    extract::FromRequestParts,
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use std::sync::Arc;

/// The sign-in page for a request to `path` (with `query`): in the path's language, coming back
/// to the same address once signed in.
pub fn sign_in(path: &str, query: Option<&str>) -> Response {
    let lang = Lang::from_path(path);
    let next = match query {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    Redirect::to(&format!("{}?next={}", lang.path("/sign-in"), crate::shell::encode_component(&next)))
        .into_response()
}

/// The signed-in member of staff posting a form, and where they posted it from (for the audit
/// log). Not signed in: the extractor answers with the sign-in page.
#[derive(Clone, Debug)]
pub struct Staff {
    pub user: Arc<StaffUser>,
    pub ip: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let user = parts.extensions.get::<CurrentUser>().and_then(|u| u.0.clone());
        let ip =
            parts.extensions.get::<ClientIp>().map(|ip| ip.0.clone()).unwrap_or_else(|| "unknown".into());
        match user {
            Some(user) => Ok(Staff { user, ip }),
            None => Err(sign_in(parts.uri.path(), parts.uri.query())),
        }
    }
}

/// Proof that the person may do `permission` in CSP `csp_id` (only `Staff::require...` make one).
#[derive(Clone, Debug)]
pub struct Allowed {
    pub csp_id: i64,
    pub permission: Permission,
}

/// A CSP a form names, in which the person may do what the form does.
#[derive(Clone, Debug)]
pub struct AllowedIn {
    pub csp_id: i64,
    pub slug: String,
    pub names: Names,
    pub permission: Permission,
}

// The `Err` of each check is the answer to send, built only when a request is refused.
#[allow(clippy::result_large_err)]
impl Staff {
    /// `permission` on a record of CSP `csp_id`, which people without `see` there must not learn
    /// exists: without `see`, "not found"; with `see` but without `permission`, "not allowed".
    pub fn require(
        &self,
        lang: Lang,
        see: Permission,
        permission: Permission,
        csp_id: i64,
    ) -> Result<Allowed, Response> {
        if !self.user.can(see, csp_id) {
            return Err(page(lang, Problem::NotFound));
        }
        if !self.user.can(permission, csp_id) {
            return Err(page(lang, Problem::Forbidden));
        }
        Ok(Allowed { csp_id, permission })
    }

    /// `permission` in the CSP a form names by its slug (the person's first such CSP when the
    /// form names none); "not allowed" when they lack it there.
    pub fn require_in(&self, lang: Lang, permission: Permission, slug: &str) -> Result<AllowedIn, Response> {
        let csps = self.user.csps_where(permission);
        match StaffUser::pick_csp(&csps, Some(slug.to_string())) {
            Some(csp) => Ok(AllowedIn { csp_id: csp.id, slug: csp.slug, names: csp.names, permission }),
            None => Err(page(lang, Problem::Forbidden)),
        }
    }

    /// `permission` in exactly the CSP named `slug` (none named: "not allowed").
    pub fn require_named(
        &self,
        lang: Lang,
        permission: Permission,
        slug: &str,
    ) -> Result<AllowedIn, Response> {
        self.allowed_in(permission, slug).ok_or_else(|| page(lang, Problem::Forbidden))
    }

    /// `permission` in exactly the CSP named `slug`, for forms that say "not allowed" on their
    /// own page (the team page): the answer is theirs to give.
    pub fn allowed_in(&self, permission: Permission, slug: &str) -> Option<AllowedIn> {
        let csp = self.user.csps_where(permission).into_iter().find(|c| c.slug == slug)?;
        Some(AllowedIn { csp_id: csp.id, slug: csp.slug, names: csp.names, permission })
    }
}
