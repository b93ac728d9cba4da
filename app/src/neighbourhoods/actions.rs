//! `POST /staff/settings/public-contact`: a manager sets the partnership's public contact, shown
//! on its neighbourhood pages, in English and Welsh (a language left empty shows the default).

use super::MAX_CONTACT;
use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    shell::{form::Posted, outcome::Outcome},
    staff::{guard::Staff, Permission},
    state::AppState,
};
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublicContactForm {
    pub csp: String,
    pub contact_en: String,
    pub contact_cy: String,
}

/// A contact over `MAX_CONTACT` characters.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLong;

/// A contact as stored: trimmed, `None` when empty; refused when over `MAX_CONTACT` characters.
pub fn contact_text(typed: &str) -> Result<Option<String>, TooLong> {
    let text = typed.trim().replace("\r\n", "\n");
    if text.chars().count() > MAX_CONTACT {
        return Err(TooLong);
    }
    Ok((!text.is_empty()).then_some(text))
}

pub async fn public_contact(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<PublicContactForm>,
) -> Response {
    let user = &staff.user;
    let slug = form.csp.trim().to_string();
    // The same people as the partnership's other settings on this page.
    let csp_id = match staff.require_named(lang, Permission::ManageRoles, &slug) {
        Ok(allowed) => allowed.csp_id,
        Err(refused) => return refused,
    };
    let back = |outcome: Outcome| {
        Redirect::to(&format!(
            "{}?csp={}&{outcome}#contact-settings",
            lang.path("/staff/case-reviews"),
            crate::shell::encode_component(&slug)
        ))
        .into_response()
    };
    let (Ok(en), Ok(cy)) = (contact_text(&form.contact_en), contact_text(&form.contact_cy)) else {
        return back(Outcome::ContactTooLong);
    };
    match db::neighbourhoods::set_public_contact(&state.db, csp_id, en.as_deref(), cy.as_deref()).await {
        Ok(()) => {
            let entry = NewAuditEntry {
                actor_user_id: Some(user.id),
                actor_label: user.email.clone(),
                action: Some(AuditAction::SettingsChanged),
                record_type: Some("csp_settings".into()),
                record_id: Some(slug.clone()),
                csp_id: Some(csp_id),
                ip: Some(staff.ip.clone()),
                detail: Some("public contact".into()),
            };
            if let Err(e) = db::audit::record(&state.db, entry).await {
                tracing::error!(error = %e, "could not write audit entry");
            }
            back(Outcome::ContactSaved)
        }
        Err(e) => {
            tracing::error!(error = %e, "could not save the public contact");
            back(Outcome::ReviewUnavailable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_is_trimmed_empty_is_the_default_and_long_is_refused() {
        assert_eq!(
            contact_text("  Team Sblot\r\n029 2000 0000 "),
            Ok(Some("Team Sblot\n029 2000 0000".into()))
        );
        assert_eq!(contact_text("   "), Ok(None));
        assert_eq!(
            contact_text(&"ŵ".repeat(MAX_CONTACT)).map(|t| t.map(|t| t.chars().count())),
            Ok(Some(MAX_CONTACT))
        );
        assert_eq!(contact_text(&"a".repeat(MAX_CONTACT + 1)), Err(TooLong));
    }
}
