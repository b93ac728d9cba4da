//! What every problem-solving form post starts with: its fields, its language, and the person
//! posting it with the CSP the form names, checked against the permission the form needs.

use crate::{
    i18n::Lang,
    shell::problem::{page, Problem},
    staff::{Permission, StaffUser},
};
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;

/// A posted form's fields, in order (a name may repeat, as checkboxes do).
pub struct Posted(pub Vec<(String, String)>);

impl Posted {
    /// The last value given for `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// Every value given for `name` that is a number, sorted, without repeats.
    pub fn ids(&self, name: &str) -> Vec<i64> {
        let mut out: Vec<i64> =
            self.0.iter().filter(|(k, _)| k == name).filter_map(|(_, v)| v.parse().ok()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The language the form was filled in (its hidden `lang` field).
    pub fn lang(&self) -> Lang {
        Lang::parse(self.get("lang")).unwrap_or_default()
    }
}

/// A form posted by someone allowed to post it: its fields and language, the person, and the
/// CSP its `csp` field names (id and slug).
pub struct StaffForm {
    pub form: Posted,
    pub lang: Lang,
    pub user: Arc<StaffUser>,
    pub csp_id: i64,
    pub slug: String,
}

/// Reads a posted form and checks that its sender may do `permission` in the CSP it names:
/// else the answer to send (sign in, or "not allowed").
pub fn authorise(
    user: Option<Arc<StaffUser>>,
    fields: Vec<(String, String)>,
    permission: Permission,
) -> Result<StaffForm, Response> {
    let form = Posted(fields);
    let lang = form.lang();
    let Some(user) = user else { return Err(Redirect::to(&lang.path("/sign-in")).into_response()) };
    match StaffUser::pick_csp(&user.csps_where(permission), Some(form.get("csp").to_string())) {
        Some((csp_id, slug, _)) => Ok(StaffForm { form, lang, user, csp_id, slug }),
        None => Err(page(lang, Problem::Forbidden)),
    }
}
