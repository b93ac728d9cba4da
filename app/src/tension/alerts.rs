//! Tension alerts (issue 15, part 5): when a neighbourhood reaches a high level, a signal fires
//! or an event's impact assessment calls for it, every member of the partnership's tension rota
//! is emailed, in their account's language, through the outbox, once per alert.
//!
//! The email never carries the detail: no neighbourhood, level, narrative, note or event title,
//! only "a tension alert needs your attention in <partnership>" and a link into the hub, where
//! the reader signs in and their permissions decide what they see (an email can be forwarded,
//! read on a shared screen or kept in a mailbox the partnership does not control).
//!
//! Each alert has a key (`level:{neighbourhood}:{assessment version}`, `signal:{id}`,
//! `event:{id}:{version}`, ...): the first call with a key queues the emails, in the caller's
//! transaction with the change that raised it; any later call with the same key queues
//! nothing. Each queued alert is audited (its key and how many were emailed; no addresses).

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, reference::Tx, DbError},
    i18n::Lang,
    t,
    vocabulary::vocabulary,
};

vocabulary! {
    /// What raised an alert.
    AlertKind {
        /// A neighbourhood's tension level reached the alerting level (3 or 4).
        Level = "level",
        /// A signal fired in the weekly data.
        Signal = "signal",
        /// A trigger event's review is due.
        EventReview = "event_review",
        /// A trigger event's community impact assessment was saved at risk level high.
        EventRisk = "event_risk",
    }
}

/// One alert: its key (once per key), what raised it, and the hub page it links to (a path,
/// e.g. `/staff/tension/events/12`; the link is made in each reader's language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlertEvent {
    pub key: String,
    pub kind: AlertKind,
    pub link_path: String,
}

/// The alert email (subject, body) in `lang`: the partnership's name and the link, nothing more.
pub fn alert_email(lang: Lang, csp: &str, link: &str) -> (String, String) {
    (t!(lang, "tension-alert-subject", csp = csp), t!(lang, "tension-alert-body", csp = csp, link = link))
}

/// The address of `path` in `lang` on the hub at `public_url`.
pub fn link(public_url: &str, lang: Lang, path: &str) -> String {
    format!("{}{}", public_url.trim_end_matches('/'), lang.path(path))
}

/// Queues the alert to every member of CSP `csp_id`'s tension rota, in the caller's
/// transaction: how many emails were queued (0 when the key was used before, or the rota is
/// empty). `public_url` is the hub's address (`Settings::public_url`), for the link.
pub async fn queue_alert(
    tx: &mut Tx<'_>,
    public_url: &str,
    csp_id: i64,
    alert: &AlertEvent,
) -> Result<usize, DbError> {
    if !db::tension_rota::claim_alert(tx, csp_id, &alert.key, alert.kind.as_str()).await? {
        return Ok(0);
    }
    let (csp_en, csp_cy) = db::tension_rota::csp_names_in(tx, csp_id).await?;
    let rota = db::tension_rota::members_in(tx, csp_id).await?;
    for person in &rota {
        let lang = Lang::parse(&person.language).unwrap_or_default();
        let csp = if lang == Lang::Cy { &csp_cy } else { &csp_en };
        let (subject, body) = alert_email(lang, csp, &link(public_url, lang, &alert.link_path));
        db::outbox::enqueue(tx, &person.email, &subject, &body).await?;
    }
    db::tension_rota::alert_sent_to(tx, csp_id, &alert.key, rota.len() as i64).await?;
    let entry = NewAuditEntry {
        actor_user_id: None,
        actor_label: "tension alerts".into(),
        action: Some(AuditAction::TensionAlertQueued),
        record_type: Some("tension_alert".into()),
        record_id: Some(alert.key.clone()),
        csp_id: Some(csp_id),
        ip: None,
        detail: Some(format!("{}: {} emailed", alert.kind.as_str(), rota.len())),
    };
    db::audit::record_in(tx, &entry).await?;
    Ok(rota.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_names_the_partnership_and_the_link_only() {
        for lang in [Lang::En, Lang::Cy] {
            let link = link("https://hub.example/", lang, "/staff/tension/events/7");
            let (subject, body) = alert_email(lang, "Caerdydd", &link);
            assert!(subject.contains("Caerdydd") && body.contains("Caerdydd"), "{subject} {body}");
            assert!(body.contains(&link), "{body}");
        }
        assert_eq!(link("https://hub.example/", Lang::Cy, "/staff/x"), "https://hub.example/cy/staff/x");
        let (en, cy) = (alert_email(Lang::En, "X", "L").1, alert_email(Lang::Cy, "X", "L").1);
        assert_ne!(en, cy);
    }
}
