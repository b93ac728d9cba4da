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

    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Mailer::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Files(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
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

/// Sends what is due; returns how many were sent.
pub async fn deliver_due(db: &Db, mailer: &Mailer, from: &Mailbox) -> Result<usize, db::DbError> {
    let mut sent = 0;
    for m in db::outbox::claim_due(db, 20).await? {
        let result = match build(from, &m.to_address, &m.subject, &m.body, m.list_unsubscribe.as_deref()) {
            Ok(message) => mailer.send(message).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => {
                db::outbox::mark_sent(db, m.id).await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(id = m.id, attempts = m.attempts, error = %e, "email not sent; will retry");
                db::outbox::mark_failed(db, m.id, m.attempts, &e).await?;
            }
        }
    }
    Ok(sent)
}

/// Sends queued email every few seconds, and at once when `wake` is notified.
pub fn spawn_worker(db: Db, mailer: Mailer, from: Mailbox, wake: std::sync::Arc<tokio::sync::Notify>) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = deliver_due(&db, &mailer, &from).await {
                tracing::warn!(error = %e, "outbox check failed");
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
    });
}
