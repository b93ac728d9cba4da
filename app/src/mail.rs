//! Sending email with lettre: over SMTP when `smtp_url` is set, otherwise (demo mode) into
//! files under `data/mail/`. Messages go through the outbox table, so a report is never held
//! up, or lost, by a mail server that is slow or down.

use crate::{
    config::Settings,
    db::{self, Db},
};
use lettre::{
    message::{
        header::{ContentType, HeaderName, HeaderValue},
        Mailbox,
    },
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::time::Duration;

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> Result<Mailer, String> {
        match &settings.smtp_url {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|b| Mailer::Smtp(b.timeout(Some(Duration::from_secs(20))).build()))
                .map_err(|e| format!("smtp_url: {e}")),
            None => {
                let dir = std::path::PathBuf::from(&settings.mail_dir);
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("mail_dir: cannot create {}: {e}", dir.display()))?;
                Ok(Mailer::Files(AsyncFileTransport::new(dir)))
            }
        }
    }

    /// Sends one message; a failure says why and how it counts ([`failure`]).
    async fn send(&self, message: Message) -> Result<(), (String, Failure)> {
        match self {
            Mailer::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| {
                let reply = without_addresses(&e.to_string());
                let kind = failure(e.is_permanent(), e.status().map(u16::from), enhanced_status(&reply));
                (reply, kind)
            }),
            Mailer::Files(t) => {
                t.send(message).await.map(|_| ()).map_err(|e| (e.to_string(), Failure::Temporary))
            }
        }
    }
}

/// The message for an outbox row. A list email (subscriptions, issue 14) also gets RFC 8058
/// one-click unsubscribe: `List-Unsubscribe: <https://…/unsubscribe/{token}>` and
/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
pub fn build(
    from: &Mailbox,
    to: &str,
    subject: &str,
    body: &str,
    list_unsubscribe: Option<&str>,
) -> Result<Message, String> {
    let to: Mailbox = to.parse().map_err(|e| format!("recipient: {e}"))?;
    let mut builder =
        Message::builder().from(from.clone()).to(to).subject(subject).header(ContentType::TEXT_PLAIN);
    if let Some(url) = list_unsubscribe {
        // Only an address of this hub's own shape: nothing that could fold or inject a header.
        if url.is_empty() || !url.bytes().all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>') {
            return Err("list unsubscribe address is not a plain URL".into());
        }
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    builder.body(body.to_string()).map_err(|e| e.to_string())
}

/// Sends what is due; returns how many were sent. A message to a suppressed address is stopped
/// instead (unless its owner asked for it); a hard failure counts against the address, and the
/// one that reaches [`HARD_FAILURES_TO_SUPPRESS`] suppresses it, stopping all its mail.
pub async fn deliver_due(db: &Db, mailer: &Mailer, from: &Mailbox) -> Result<usize, db::DbError> {
    let mut sent = 0;
    let claimed = db::outbox::claim_due(db, 20).await?;
    let hashes: Vec<String> = claimed.iter().map(|m| address_hash(&m.to_address)).collect();
    let mut suppressed_now = db::outbox::suppressed_among(db, &hashes).await?;
    let mut delivered = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    for (m, hash) in claimed.iter().zip(hashes) {
        if stopped(suppressed_now.contains(&hash), m.asked == 1) {
            db::outbox::mark_stopped(db, m.id).await?;
            continue;
        }
        let result = match build(from, &m.to_address, &m.subject, &m.body, m.list_unsubscribe.as_deref()) {
            Ok(message) => mailer.send(message).await,
            Err(e) => Err((without_addresses(&e), Failure::Temporary)),
        };
        match result {
            Ok(()) => {
                db::outbox::mark_sent(db, m.id).await?;
                delivered.push(hash);
                sent += 1;
            }
            Err((e, kind)) => {
                tracing::warn!(id = m.id, attempts = m.attempts, error = %e, ?kind, "email not sent; will retry");
                db::outbox::mark_failed(db, m.id, m.attempts, &e).await?;
                // One refusal per address per batch: several messages to it refused at once
                // are one bad day, not three.
                let first_in_batch = !refused.contains(&hash);
                refused.push(hash.clone());
                if kind == Failure::Hard
                    && first_in_batch
                    && suppressed(db::outbox::count_hard_failure(db, &hash).await?)
                {
                    let stopped = db::outbox::suppress(db, &hash, &m.to_address).await?;
                    tracing::warn!(id = m.id, stopped, "address refused for good: its mail is stopped");
                    // The rest of this batch to it, already claimed, is not tried either.
                    suppressed_now.push(hash);
                }
            }
        }
    }
    db::outbox::delivered_to(db, &delivered).await?;
    Ok(sent)
}

/// One round of the mail worker: a batch of subscribers' news turned into emails
/// ([`deliver_news`](crate::subscriptions::delivery::deliver_news)), then a batch of the outbox
/// sent. Returns how much it did (news deliveries claimed and emails sent): none means there
/// is nothing to do for now.
pub async fn work_once(db: &Db, mailer: &Mailer, from: &Mailbox, public_url: &str) -> usize {
    let news = crate::subscriptions::delivery::deliver_news(
        db,
        public_url,
        crate::subscriptions::delivery::DELIVERY_BATCH,
    )
    .await
    .unwrap_or_else(|e| {
        tracing::warn!(error = %e, "news delivery failed");
        Default::default()
    });
    let sent = deliver_due(db, mailer, from).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "outbox check failed");
        0
    });
    news.claimed + sent
}

/// Sends queued email every few seconds, and at once when `wake` is notified; while there is
/// work it goes straight on to the next round ([`work_once`]: subscribers' news turned into
/// emails, then a batch sent; a publication to 20,000 subscribers is 200 rounds of news and a
/// thousand batches), and waits only when a round did nothing. Its first round, at start-up,
/// picks up whatever a stopped server left.
pub fn spawn_worker(
    db: Db,
    mailer: Mailer,
    from: Mailbox,
    public_url: String,
    wake: std::sync::Arc<tokio::sync::Notify>,
) {
    tokio::spawn(async move {
        loop {
            if work_once(&db, &mailer, &from, &public_url).await > 0 {
                continue;
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
    });
}

/// How a failed send counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The address's mail server refused it for good (such as `550 5.1.1 no such mailbox`):
    /// counted against the address, and the message is tried again with back-off.
    Hard,
    /// Anything else (a 4xx reply, no connection, a timeout, our own server's refusal of the
    /// hub such as a failed sign-in): the message is tried again with back-off.
    Temporary,
}

/// Permanent refusals after this many in a row (no delivery or confirmation between) suppress
/// an address.
pub const HARD_FAILURES_TO_SUPPRESS: i64 = 3;

/// What a failed send says of the address. Only a permanent refusal of the mailbox itself is
/// a hard failure: a 5xx reply (550 to 554, 556) whose enhanced status code (RFC 3463, in the
/// reply's text) is about the address (5.1.x: no such mailbox or domain; 5.2.1: disabled),
/// or, when the server gives none, a 550, 551 or 553. The same replies about the hub itself (a
/// policy or reputation refusal, 5.7.x: every address at a provider would be lost over one
/// setting), a full mailbox (5.2.2) or a message too large are not the address's fault; nor are
/// 500 to 549 (a command, the sign-in to our own mail server) or 555. Those are temporary like
/// 4xx replies and lost connections (`code` is `None`).
pub fn failure(permanent: bool, code: Option<u16>, enhanced: Option<(u16, u16)>) -> Failure {
    let about_the_address = match enhanced {
        Some((subject, detail)) => subject == 1 || (subject, detail) == (2, 1),
        None => matches!(code, Some(550 | 551 | 553)),
    };
    match (permanent, code) {
        (true, Some(550..=554 | 556)) if about_the_address => Failure::Hard,
        _ => Failure::Temporary,
    }
}

/// The enhanced status code of a permanent reply's text ("550 5.1.1 No such mailbox"): its
/// subject and detail, `(1, 1)`.
pub fn enhanced_status(reply: &str) -> Option<(u16, u16)> {
    reply.split(|c: char| c.is_whitespace() || c == ':').find_map(|word| {
        let mut parts = word.split('.');
        let (class, subject, detail) = (parts.next()?, parts.next()?, parts.next()?);
        let number = |p: &str| (!p.is_empty() && p.len() <= 3).then(|| p.parse::<u16>().ok()).flatten();
        (parts.next().is_none() && class == "5").then_some((number(subject)?, number(detail)?))
    })
}

/// A mail server's reply with any address taken out, for the log and the outbox's last error:
/// refusals often quote the recipient ("550 5.1.1 <bob@example.com>: no such user").
pub fn without_addresses(reply: &str) -> String {
    reply.split(' ').map(|w| if w.contains('@') { "<address>" } else { w }).collect::<Vec<_>>().join(" ")
}

/// Whether an address with this many hard failures in a row is suppressed.
pub fn suppressed(hard_failures: i64) -> bool {
    hard_failures >= HARD_FAILURES_TO_SUPPRESS
}

/// Whether a claimed message is stopped rather than sent: its address is suppressed, unless
/// the address's owner just asked for it (a subscription's confirmation).
pub fn stopped(address_suppressed: bool, asked: bool) -> bool {
    address_suppressed && !asked
}

/// How an address is known in the record of refusals: the SHA-256 of its lower case, never
/// the address itself.
pub fn address_hash(address: &str) -> String {
    crate::staff::accounts::sha256_hex(&address.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refusal_of_the_mailbox_is_a_hard_failure() {
        // The mailbox or domain does not exist, or is disabled.
        for (code, enhanced) in
            [(550, (1, 1)), (550, (1, 2)), (551, (1, 6)), (553, (1, 3)), (554, (1, 1)), (550, (2, 1))]
        {
            assert_eq!(failure(true, Some(code), Some(enhanced)), Failure::Hard, "{code} {enhanced:?}");
        }
        // No enhanced code: only the replies that mean the mailbox.
        for code in [550, 551, 553] {
            assert_eq!(failure(true, Some(code), None), Failure::Hard, "{code}");
        }
        for code in [552, 554, 556] {
            assert_eq!(failure(true, Some(code), None), Failure::Temporary, "{code}");
        }
        // About the hub, not the address: a policy or reputation refusal, a full mailbox.
        for (code, enhanced) in [(550, (7, 1)), (554, (7, 1)), (550, (7, 26)), (552, (2, 2)), (552, (3, 4))] {
            assert_eq!(failure(true, Some(code), Some(enhanced)), Failure::Temporary, "{code} {enhanced:?}");
        }
        // Not the address's fault: a command our server refused, its sign-in, a parameter.
        for code in [500, 501, 502, 503, 504, 530, 535, 555] {
            assert_eq!(failure(true, Some(code), None), Failure::Temporary, "{code}");
        }
        // Replies that ask to try later, and no reply at all (no connection, a timeout).
        for code in [421, 450, 451, 452] {
            assert_eq!(failure(false, Some(code), None), Failure::Temporary, "{code}");
        }
        assert_eq!(failure(false, None, None), Failure::Temporary);
        assert_eq!(failure(true, None, None), Failure::Temporary);
    }

    #[test]
    fn replies_are_read_for_their_enhanced_code_and_kept_without_addresses() {
        assert_eq!(enhanced_status("permanent error (550): 5.1.1 No such mailbox here"), Some((1, 1)));
        assert_eq!(enhanced_status("550 5.7.26 Unauthenticated email is not accepted"), Some((7, 26)));
        assert_eq!(enhanced_status("550 No such user"), None);
        assert_eq!(enhanced_status("version 5.1 of 2.3.4"), None, "only a 5.x.y code, whole");
        let reply = "permanent error (550): 5.1.1 <Bob.Jones@example.com>: Recipient address rejected";
        let kept = without_addresses(reply);
        assert!(!kept.contains('@') && !kept.contains("Bob"), "{kept}");
        assert!(kept.contains("5.1.1") && kept.contains("Recipient address rejected"), "{kept}");
    }

    #[test]
    fn three_hard_failures_suppress_an_address() {
        assert!(!suppressed(0) && !suppressed(1) && !suppressed(2));
        assert!(suppressed(3) && suppressed(4));
        assert_eq!(HARD_FAILURES_TO_SUPPRESS, 3);
    }

    #[test]
    fn mail_to_a_suppressed_address_is_stopped_unless_its_owner_asked_for_it() {
        assert!(stopped(true, false));
        assert!(!stopped(true, true), "a subscription's confirmation still goes");
        assert!(!stopped(false, false) && !stopped(false, true));
    }

    #[test]
    fn an_address_is_known_by_the_hash_of_its_lower_case() {
        let hash = address_hash("Nia@Example.Cymru ");
        assert_eq!(hash, address_hash("nia@example.cymru"));
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains("nia") && hash.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(hash, address_hash("nia@example.com"));
    }
}
