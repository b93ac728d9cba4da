//! The events of the next fortnight that affect a CSP, for the weekly tension summary and the
//! picture (kept apart from `tension::events`, whose rules the database layer reads).

use crate::{
    db,
    tension::events::{in_window, Shown},
    time::Timestamp,
};

/// Events in the next `days` days (from `today`, a day's start) that affect CSP `csp_id`, owned
/// by it or by a neighbouring CSP: for the weekly tension summary and the picture. With
/// `may_see_ctlp` false (a summary printed for the tasking meeting, say), CTLP-relevant ones
/// come as `Shown::Restricted`.
pub async fn upcoming(
    db: &db::Db,
    csp_id: i64,
    today: Timestamp,
    days: i64,
    may_see_ctlp: bool,
) -> Result<Vec<Shown>, db::DbError> {
    let events = db::tension_events::concerning(db, csp_id).await?;
    Ok(in_window(events, today, days).into_iter().map(|e| Shown::of(e, may_see_ctlp)).collect())
}
