//! Telling the residents who raised a neighbourhood priority when its public stage moves (issue
//! 14, part 2): respondents who chose the survey answer it came from and asked to be told, and
//! reporters whose reports its problem profiles draw on and who may be emailed
//! (`reporting::EmailRule`: an address, consent, no safe-contact note). Everything happens in
//! the transaction making the change (a review, an action's status, a link), so the emails are
//! queued with it or not at all, and the stage told of moves by compare-and-set, so a change is
//! told once however many servers make it at the same moment. Each email carries a stop link of
//! its own (`stop_news`), and addresses on the stop list are not told.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, outbox::ListEmail, reference::Tx, DbError},
    engagement::progress::{moved_email, one_per_address, priority_stage, Raiser},
    i18n::Lang,
    reference::Names,
    reporting::EmailRule,
    staff::accounts::{random_token, sha256_hex},
};

/// Who made the change: the audit entry for reading residents' addresses names them.
#[derive(Clone, Copy, Debug)]
pub struct Actor<'a> {
    pub user_id: i64,
    pub label: &'a str,
    pub ip: &'a str,
}

/// Records the stage a priority starts at (when it is set): nobody is told of that here (its
/// neighbourhood's subscribers are, by `subscriptions`).
pub async fn record_stage_in(tx: &mut Tx<'_>, priority_id: i64) -> Result<(), DbError> {
    let Some(facts) = db::progress::priority_facts_in(tx, priority_id).await? else { return Ok(()) };
    let (statuses, latest) = db::progress::stage_facts_in(tx, priority_id).await?;
    let stage = priority_stage(&statuses, latest);
    if stage != facts.public_stage {
        db::progress::move_stage_in(tx, priority_id, facts.public_stage, stage).await?;
    }
    Ok(())
}

/// After a change to a priority: if its public stage is no longer the one residents were last
/// told of, moves it and queues one email per resident who raised it (one per address), in
/// their language, saying the new stage and linking the neighbourhood's public page. Returns how
/// many were queued.
pub async fn tell_if_moved_in(
    tx: &mut Tx<'_>,
    public_url: &str,
    priority_id: i64,
    actor: Actor<'_>,
) -> Result<usize, DbError> {
    let Some(facts) = db::progress::priority_facts_in(tx, priority_id).await? else { return Ok(0) };
    let (statuses, latest) = db::progress::stage_facts_in(tx, priority_id).await?;
    let stage = priority_stage(&statuses, latest);
    if stage == facts.public_stage
        || !db::progress::move_stage_in(tx, priority_id, facts.public_stage, stage).await?
    {
        return Ok(0);
    }
    let audit = NewAuditEntry {
        actor_user_id: Some(actor.user_id),
        actor_label: actor.label.to_string(),
        action: Some(AuditAction::ProgressTold),
        record_type: Some("neighbourhood_priority".into()),
        record_id: Some(priority_id.to_string()),
        csp_id: Some(facts.csp_id),
        ip: Some(actor.ip.to_string()),
        detail: Some(format!("{} -> {}", facts.public_stage.as_str(), stage.as_str())),
    };
    let reporters = db::progress::reporters_in(tx, priority_id).await?;
    let mut raisers = Vec::new();
    match facts.choice() {
        // The read of respondents' addresses writes the audit entry.
        Some(choice) => {
            for c in db::progress::choosing_in(tx, &choice, &audit).await? {
                raisers
                    .push(Raiser { email: c.email, language: Lang::parse(&c.language).unwrap_or_default() });
            }
        }
        None if !reporters.is_empty() => db::audit::record_in(tx, &audit).await?,
        None => {}
    }
    for r in reporters {
        let rule =
            EmailRule::for_reporter(r.email.as_deref(), r.consent_to_contact != 0, r.safe_contact.as_deref());
        if let (true, Some(email)) = (rule.allows_email(), r.email) {
            raisers.push(Raiser { email, language: Lang::parse(&r.language).unwrap_or_default() });
        }
    }
    // Addresses on the stop list (they used a stop link) are not told.
    let raisers = one_per_address(raisers);
    let hashes: Vec<String> = raisers.iter().map(|r| crate::mail::address_hash(&r.email)).collect();
    let stopped = db::stop_news::stopped_in(tx, &hashes).await?;
    let title = Names::new(&facts.title_en, &facts.title_cy);
    let place = Names::new(&facts.neighbourhood_en, &facts.neighbourhood_cy);
    let link = format!("/neighbourhoods/{}", facts.public_slug);
    let (mut emails, mut links) = (Vec::new(), Vec::new());
    for (r, hash) in raisers.iter().zip(hashes) {
        if stopped.contains(&hash) {
            continue;
        }
        let page = crate::subscriptions::page_url(public_url, r.language, &link);
        let (subject, body) = moved_email(r.language, &title, &place, stage, &page);
        // Each email its own stop link (only the token's hash kept), in its body and headers.
        let token = random_token();
        let stop = crate::stop_news::link(public_url, r.language, &token);
        let body = crate::stop_news::with_stop_link(r.language, &body, &stop);
        links.push((sha256_hex(&token), hash));
        emails.push(ListEmail { to: r.email.clone(), subject, body, list_unsubscribe: stop });
    }
    db::stop_news::add_links_in(tx, &links).await?;
    db::outbox::enqueue_list_in(tx, &emails).await?;
    Ok(emails.len())
}
