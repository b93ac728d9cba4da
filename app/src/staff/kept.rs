//! Refused forms, kept so nothing typed is lost: one mechanism (one table, `db::kept`) for
//! staff's and residents' forms. When a staff form is refused for a mistake (a summary that
//! names the reporter, an outcome without its Welsh text, a date in the wrong form), the
//! handler keeps what was sent for its sender and sends them back to the page with
//! `?kept=<token>`; the page then shows that form as it was typed, with the message saying
//! what to put right. Kept for a day, for that person and that page only.
//!
//! A resident's form (the report form, a case review application) is kept the same way, bound
//! to no one (the resident is not signed in): `keep_resident` stores the form and its errors,
//! the page's address carries `?draft=<token>`, and the token alone opens it
//! (`kept_resident`) until the form is sent (`forget`) or a day has passed.

use serde::{Deserialize, Serialize};

/// How long a refused form is kept, in seconds.
pub const KEPT_FOR: i64 = 24 * 3600;

/// A refused form as it was sent: which form on the page, and its fields in order. The default
/// (no form) keeps nothing, and every value falls back to what is stored.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct KeptForm {
    pub form: String,
    pub fields: Vec<(String, String)>,
}

impl KeptForm {
    /// Whether `form` is the one kept.
    pub fn is(&self, form: &str) -> bool {
        !self.form.is_empty() && self.form == form
    }

    /// For one of several forms of the same kind (one per action, say): whether the kept one is
    /// `form` and its `field` is `value`.
    pub fn is_for(&self, form: &str, field: &str, value: &str) -> bool {
        self.is(form) && self.last(field) == Some(value)
    }

    fn last(&self, name: &str) -> Option<&str> {
        self.fields.iter().any(|(k, _)| k == name).then(|| crate::shell::form::last(&self.fields, name))
    }

    /// What was typed in `name` when `form` is the kept one, else `stored`.
    pub fn value(&self, form: &str, name: &str, stored: impl Into<String>) -> String {
        match self.is(form) {
            true => self.last(name).unwrap_or("").to_string(),
            false => stored.into(),
        }
    }

    /// Every number chosen in `name` (checkboxes) when `form` is the kept one, else `stored`.
    pub fn ids(&self, form: &str, name: &str, stored: Vec<i64>) -> Vec<i64> {
        match self.is(form) {
            true => {
                self.fields.iter().filter(|(k, _)| k == name).filter_map(|(_, v)| v.parse().ok()).collect()
            }
            false => stored,
        }
    }
}

/// Whether the page's address says a form was refused because someone else saved first and
/// the form was kept (`?error=stale&kept=<token>`).
pub fn stale_and_kept(error: crate::shell::outcome::Outcome, kept: Option<&str>) -> bool {
    error.is_stale() && kept.is_some_and(|k| !k.is_empty())
}

/// The notice for a form refused because someone else saved first: what was typed is back in
/// the form, and a link opens the page as it is saved now, to compare before saving again.
#[leptos::component]
pub fn StaleNotice(lang: crate::i18n::Lang) -> impl leptos::IntoView {
    use leptos::prelude::*;
    use leptos_router::hooks::{use_location, use_query_map};
    // The same page (and the same meeting or partnership), without the outcome or the kept form.
    let path = use_location().pathname.get_untracked();
    let query: Vec<String> = use_query_map().with_untracked(|q| {
        q.latest_values()
            .filter(|(k, _)| !["error", "kept", "done"].contains(&k.as_ref()))
            .map(|(k, v)| {
                format!("{}={}", crate::shell::encode_component(k), crate::shell::encode_component(v))
            })
            .collect()
    });
    let saved_now = if query.is_empty() { path } else { format!("{path}?{}", query.join("&")) };
    view! {
        <div class="error-summary" role="alert" tabindex="-1">
            <p>{crate::t!(lang, "form-stale-kept")}</p>
            <p><a href=saved_now target="_blank" rel="noopener">{crate::t!(lang, "form-stale-compare")}</a></p>
        </div>
    }
}

#[cfg(feature = "ssr")]
pub use server::{forget, keep, keep_resident, kept, kept_resident, refusal, sweep};

#[cfg(feature = "ssr")]
mod server {
    use super::{KeptForm, KEPT_FOR};
    use crate::{
        db::{self, Db},
        shell::outcome::Outcome,
        staff::accounts::{random_token, sha256_hex},
    };
    use serde::{de::DeserializeOwned, Serialize};

    /// Fields the page gives itself again (the record's version, the page's language).
    const NOT_KEPT: [&str; 2] = ["version", "lang"];

    /// Keeps `fields` of the refused `form` on `page` (a record's reference, say) for
    /// `user_id`: the token to put in the address, or "" when it could not be kept (the
    /// page then shows what is stored, with the message).
    pub async fn keep(db: &Db, user_id: i64, page: &str, form: &str, fields: &[(String, String)]) -> String {
        let fields: Vec<&(String, String)> =
            fields.iter().filter(|(k, _)| !NOT_KEPT.contains(&k.as_str())).collect();
        let Ok(json) = serde_json::to_string(&fields) else { return String::new() };
        let token = random_token();
        match db::kept::keep_form(db, &sha256_hex(&token), Some(user_id), page, form, &json).await {
            Ok(()) => token,
            Err(e) => {
                tracing::error!(error = %e, "could not keep a refused form");
                String::new()
            }
        }
    }

    /// Keeps a refused form (see `keep`) and gives what the page's address then carries:
    /// `error=<error>&kept=<token>`.
    pub async fn refusal(
        db: &Db,
        user_id: i64,
        page: &str,
        form: &str,
        fields: &[(String, String)],
        error: Outcome,
    ) -> String {
        let token = keep(db, user_id, page, form, fields).await;
        format!("{}&kept={token}", error.query())
    }

    /// The form kept under `token` for `user_id` on `page`; nothing when there is none (or it
    /// is someone else's, another page's, or older than a day).
    pub async fn kept(db: &Db, user_id: i64, page: &str, token: Option<&str>) -> KeptForm {
        let Some(token) = token.filter(|t| !t.is_empty()) else { return KeptForm::default() };
        match db::kept::kept_form(db, &sha256_hex(token), user_id, page, db::now() - KEPT_FOR).await {
            Ok(Some(row)) => {
                KeptForm { form: row.form, fields: serde_json::from_str(&row.fields).unwrap_or_default() }
            }
            Ok(None) => KeptForm::default(),
            Err(e) => {
                tracing::warn!(error = %e, "could not read a kept form");
                KeptForm::default()
            }
        }
    }

    /// Keeps a resident's refused `form` on `page` (`/report`, `/case-review`): what they typed
    /// and why it was refused, for no one in particular. The token to put in the address.
    pub async fn keep_resident<T: Serialize>(
        db: &Db,
        page: &str,
        form: &str,
        kept: &T,
    ) -> Result<String, db::DbError> {
        let json = serde_json::to_string(kept).unwrap_or_default();
        let token = random_token();
        db::kept::keep_form(db, &sha256_hex(&token), None, page, form, &json).await?;
        Ok(token)
    }

    /// A resident's form kept under `token` (see `keep_resident`), read back as `T`; nothing
    /// when there is none, it is older than a day, or it is not a `T`.
    pub async fn kept_resident<T: DeserializeOwned>(db: &Db, token: &str) -> Result<Option<T>, db::DbError> {
        let row = db::kept::kept_resident_form(db, &sha256_hex(token), db::now() - KEPT_FOR).await?;
        Ok(row.and_then(|row| serde_json::from_str(&row.fields).ok()))
    }

    /// Forgets the form kept under `token` (a resident's, once the form is sent).
    pub async fn forget(db: &Db, token: &str) -> Result<(), db::DbError> {
        db::kept::forget_kept_form(db, &sha256_hex(token)).await
    }

    /// Forgets forms kept for more than a day, staff's and residents'.
    pub async fn sweep(db: &Db) -> Result<u64, db::DbError> {
        db::kept::delete_kept_forms_before(db, db::now() - KEPT_FOR).await
    }
}

#[cfg(test)]
mod tests {
    use super::KeptForm;

    fn kept() -> KeptForm {
        KeptForm {
            form: "grade".into(),
            fields: vec![
                ("summary".into(), "typed".into()),
                ("share".into(), "3".into()),
                ("share".into(), "5".into()),
                ("blank".into(), "".into()),
            ],
        }
    }

    #[test]
    fn the_kept_form_shows_what_was_typed_and_others_what_is_stored() {
        let k = kept();
        assert_eq!(k.value("grade", "summary", "stored"), "typed");
        assert_eq!(k.value("grade", "blank", "stored"), "", "an emptied field stays empty");
        assert_eq!(k.value("grade", "missing", "stored"), "", "an unticked box is not ticked again");
        assert_eq!(k.value("ask", "summary", "stored"), "stored");
        assert_eq!(k.ids("grade", "share", vec![1]), vec![3, 5]);
        assert_eq!(k.ids("ask", "share", vec![1]), vec![1]);
        assert!(k.is_for("grade", "summary", "typed") && !k.is_for("grade", "summary", "other"));
        let none = KeptForm::default();
        assert!(!none.is(""));
        assert_eq!(none.value("", "summary", "stored"), "stored");
    }
}
