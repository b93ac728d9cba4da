//! How long a survey respondent's "email me when something changes" address is kept (issue 14):
//! only while it is useful. Twelve months after its campaign closed (the end of the campaign's
//! last day) what was said has been acted on or published, so the address is deleted by a
//! daily job, a batch at a time, each batch audited with its count (never an address).

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, Db, DbError},
    time::Timestamp,
};

const DAY: i64 = 86_400;
/// How long after its campaign closes a survey contact is kept: twelve months.
pub const KEPT_FOR: i64 = 365 * DAY;
/// Contacts deleted per transaction.
pub const BATCH: i64 = 500;

/// The latest `ends_on` (a campaign's last day, its start) whose contacts are past keeping at
/// `at`: the campaign closed at the end of that day, `KEPT_FOR` or more ago.
pub fn ended_by(at: Timestamp) -> Timestamp {
    at - KEPT_FOR - DAY
}

/// Deletes every survey contact past keeping at `at`, campaign by campaign, in batches of
/// [`BATCH`] (each its own transaction with its audit entry). Returns how many were deleted.
pub async fn delete_expired(db: &Db, at: Timestamp) -> Result<u64, DbError> {
    delete_expired_in_batches(db, at, BATCH).await
}

/// [`delete_expired`] with batches of `batch`.
pub async fn delete_expired_in_batches(db: &Db, at: Timestamp, batch: i64) -> Result<u64, DbError> {
    let mut total = 0;
    for c in db::progress::campaigns_with_expired_contacts(db, ended_by(at)).await? {
        let audit = NewAuditEntry {
            actor_user_id: None,
            actor_label: "hub (retention)".into(),
            action: Some(AuditAction::SurveyContactsExpired),
            record_type: Some("campaign".into()),
            record_id: Some(c.campaign_id.to_string()),
            csp_id: Some(c.csp_id),
            ip: None,
            detail: Some("survey contacts deleted twelve months after the campaign closed".into()),
        };
        loop {
            let deleted = db::progress::delete_contacts_batch(db, c.campaign_id, batch, &audit).await?;
            total += deleted;
            if deleted < batch as u64 {
                break;
            }
        }
    }
    Ok(total)
}

/// Runs [`delete_expired`] once a day (and once at start), in the background.
pub fn spawn_worker(db: Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(DAY as u64));
        loop {
            tick.tick().await;
            match delete_expired(&db, db::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "survey contacts past keeping deleted"),
                Err(e) => tracing::warn!(error = %e, "survey contact retention failed"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_twelve_months_after_the_campaigns_last_day() {
        let last_day = 1_700_006_400; // a day's start
        let closed = last_day + DAY;
        assert!(ended_by(closed + KEPT_FOR) >= last_day, "deleted twelve months after it closed");
        assert!(ended_by(closed + KEPT_FOR - 1) < last_day, "kept until then");
    }
}
