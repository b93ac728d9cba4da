//! The outbox at scale (issue 14), on SQLite and on PostgreSQL: two app servers (two pools on
//! one database) claiming at once each claim every message exactly once; and, with a real SMTP
//! server (aiosmtpd) that refuses the addresses a test lists, an address refused for good three
//! times is suppressed (its mail stopped, bodies dropped, new mail stopped before any try) while
//! a temporary refusal is only retried, and a new subscription its owner confirms ends it.

mod common;

use app::db::{self, outbox::ListEmail, Db};
use app::mail::{address_hash, deliver_due, Mailer};
use axum::body::Body;
use common::http::{form, hub, send};
use http::{header, StatusCode};
use std::collections::HashSet;

fn list_email(to: &str, subject: &str) -> ListEmail {
    ListEmail {
        to: to.into(),
        subject: subject.into(),
        body: format!("{subject}: see https://example.cymru/neighbourhoods/cathays"),
        list_unsubscribe: format!("https://example.cymru/unsubscribe/{}", address_hash(subject)),
    }
}

async fn queue(db: &Db, emails: &[ListEmail]) {
    let mut tx = db.writer().begin().await.unwrap();
    db::outbox::enqueue_list_in(&mut tx, emails).await.unwrap();
    tx.commit().await.unwrap();
}

both_backends!(two_servers_claim_each_message_once, |db: Db, url: String| async move {
    let emails: Vec<ListEmail> =
        (0..500).map(|i| list_email(&format!("resident{i}@example.cymru"), &format!("News {i}"))).collect();
    queue(&db, &emails).await;
    // A second app server: its own pools on the same database.
    let other = Db::connect(&url, 4).await.unwrap();
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(2));
    let worker = |db: Db| {
        let start = start.clone();
        tokio::spawn(async move {
            start.wait().await;
            let mut ids = Vec::new();
            loop {
                let claimed = db::outbox::claim_due(&db, 5).await.unwrap();
                if claimed.is_empty() {
                    break;
                }
                assert!(claimed.iter().all(|m| m.attempts == 1), "each claim counts one attempt");
                ids.extend(claimed.iter().map(|m| m.id));
                // As a worker sends what it claimed before it claims again.
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
            }
            ids
        })
    };
    let (first, second) = (worker(db.clone()), worker(other.clone()));
    let (first, second) = (first.await.unwrap(), second.await.unwrap());
    // On PostgreSQL the two claim side by side (rows one is claiming are skipped by the other);
    // SQLite's single writer may let one server take every batch, which is as correct.
    if matches!(db.backend(), db::Backend::Postgres) {
        assert!(
            !first.is_empty() && !second.is_empty(),
            "both claimed: {} and {}",
            first.len(),
            second.len()
        );
    }
    let all: HashSet<i64> = first.iter().chain(&second).copied().collect();
    assert_eq!(first.len() + second.len(), 500, "every message claimed once, none twice");
    assert_eq!(all.len(), 500);
    // Claimed messages are not claimed again while their claim lasts.
    assert!(db::outbox::claim_due(&db, 50).await.unwrap().is_empty());
    assert!(db::outbox::claim_due(&other, 50).await.unwrap().is_empty());
    other.close().await;
});

/// A real SMTP server (aiosmtpd) that refuses for good (550) the addresses listed in a file
/// the test writes, refuses for now (451) those that start with `busy`, and logs each RCPT and
/// delivery; stopped when dropped.
struct RefusingSmtp {
    child: std::process::Child,
    port: u16,
    dir: std::path::PathBuf,
}

const SERVER: &str = r#"
import sys, threading
from aiosmtpd.controller import Controller
refused, log, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
def note(line):
    with open(log, "a") as f:
        f.write(line + "\n")
class Handler:
    async def handle_RCPT(self, server, session, envelope, address, options):
        note("RCPT " + address)
        if address in open(refused).read().split():
            return "550 5.1.1 No such mailbox here"
        if address.startswith("busy"):
            return "451 4.2.0 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
    async def handle_DATA(self, server, session, envelope):
        note("DATA " + " ".join(envelope.rcpt_tos))
        return "250 Message accepted"
Controller(Handler(), hostname="127.0.0.1", port=port).start()
threading.Event().wait()
"#;

impl RefusingSmtp {
    // Drop kills and waits for the SMTP server.
    #[allow(clippy::zombie_processes)]
    fn start(refused: &[&str]) -> RefusingSmtp {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = std::env::temp_dir().join(format!("cymuned-tests-{}-smtp-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let smtp = |child| RefusingSmtp { child, port, dir: dir.clone() };
        let child = std::process::Command::new("python3")
            .args(["-c", SERVER])
            .arg(dir.join("refused"))
            .arg(dir.join("log"))
            .arg(port.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd is installed (.ci/setup test installs it)");
        let server = smtp(child);
        server.refuse(refused);
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("aiosmtpd did not start");
    }

    fn refuse(&self, addresses: &[&str]) {
        std::fs::write(self.dir.join("refused"), addresses.join("\n")).unwrap();
    }

    /// How many times the server was asked to take mail for `address`, and how many it took.
    fn tries_and_deliveries(&self, address: &str) -> (usize, usize) {
        let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tries = lines.iter().filter(|l| **l == format!("RCPT {address}")).count();
        let delivered =
            lines.iter().filter(|l| l.starts_with("DATA ") && l.split(' ').any(|a| a == address)).count();
        (tries, delivered)
    }
}

impl Drop for RefusingSmtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    to_address: String,
    body: String,
    list_unsubscribe: Option<String>,
    attempts: i64,
    sent: i64,
    stopped: i64,
}

async fn rows(db: &Db) -> Vec<Row> {
    sqlx::query_as(
        "SELECT to_address, body, list_unsubscribe, attempts, CAST(CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS sent, \
         CAST(CASE WHEN stopped_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS stopped FROM outbox ORDER BY id",
    )
    .fetch_all(db.reader())
    .await
    .unwrap()
}

/// Every message not yet sent or stopped due now, as if its back-off had passed.
async fn time_passes(db: &Db) {
    sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE sent_at IS NULL AND stopped_at IS NULL")
        .execute(db.writer())
        .await
        .unwrap();
}

both_backends!(
    an_address_refused_three_times_is_suppressed_until_its_owner_confirms,
    |db: Db, url: String| async move {
        const GONE: &str = "gone@example.cymru";
        let smtp = RefusingSmtp::start(&[GONE]);
        let mut settings = common::settings(&url);
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp.port));
        let mailer = Mailer::from_settings(&settings).unwrap();
        let from: lettre::message::Mailbox = settings.mail_from.parse().unwrap();
        queue(
            &db,
            &[
                list_email(GONE, "A priority set"),
                list_email("ok@example.cymru", "A priority set"),
                list_email("busy@example.cymru", "A priority set"),
            ],
        )
        .await;

        // Three rounds: the message to the refused address fails with 550 each time, counted
        // against it; the busy address's 451 is only retried.
        for round in 1..=3 {
            let sent = deliver_due(&db, &mailer, &from).await.unwrap();
            assert_eq!(sent, usize::from(round == 1), "round {round}: only ok@ is delivered, once");
            assert_eq!(smtp.tries_and_deliveries(GONE), (round, 0));
            assert_eq!(
                db::outbox::is_suppressed(&db, &address_hash(GONE)).await.unwrap(),
                round == 3,
                "suppressed after the third refusal, not before (round {round})"
            );
            time_passes(&db).await;
        }
        let after = rows(&db).await;
        let gone = &after[0];
        assert_eq!((gone.sent, gone.stopped, gone.attempts), (0, 1, 3), "the message is stopped");
        assert_eq!(gone.body, db::outbox::STOPPED_BODY, "its body dropped, as sent mail's is");
        assert!(gone.list_unsubscribe.is_none());
        assert_eq!((after[1].sent, after[1].body.as_str()), (1, db::outbox::SENT_BODY));
        let busy = &after[2];
        assert_eq!((busy.sent, busy.stopped, busy.attempts), (0, 0, 3), "a temporary refusal is retried");
        assert!(busy.body.contains("A priority set"), "and keeps its body");
        assert!(!db::outbox::is_suppressed(&db, &address_hash("busy@example.cymru")).await.unwrap());
        assert_eq!(db::outbox::counts(&db).await.unwrap(), (1, 1), "the stopped message is not waiting");
        // Only the address's hash is kept.
        let kept: Vec<String> = sqlx::query_scalar("SELECT address_hash FROM mail_address_failures")
            .fetch_all(db.reader())
            .await
            .unwrap();
        assert_eq!(kept, vec![address_hash(GONE)]);

        // New mail to it (however its letters are cased) is stopped before any try.
        queue(&db, &[list_email("Gone@Example.Cymru", "A campaign opened")]).await;
        assert_eq!(deliver_due(&db, &mailer, &from).await.unwrap(), 0);
        let last = rows(&db).await.pop().unwrap();
        assert_eq!((last.sent, last.stopped, last.body.as_str()), (0, 1, db::outbox::STOPPED_BODY));
        assert_eq!(smtp.tries_and_deliveries(GONE), (3, 0), "the server was not asked again");

        // Its owner's mailbox works again and they subscribe: the confirmation goes, though the
        // address is still suppressed; confirming the new subscription ends the suppression.
        smtp.refuse(&[]);
        let app = hub(db.clone(), &url).await;
        let subscribe =
            format!("lang=en&email={}&area=&language=en&frequency=immediate", GONE.replace('@', "%40"));
        let (status, _, _) =
            send(&app, form("/partnerships/cardiff/subscribe").body(Body::from(subscribe)).unwrap()).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let confirmation = rows(&db).await.pop().unwrap();
        assert_eq!(confirmation.to_address, GONE);
        let at =
            confirmation.body.find("/subscriptions/").expect("a confirmation link") + "/subscriptions/".len();
        let token: String = confirmation.body[at..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        assert_eq!(deliver_due(&db, &mailer, &from).await.unwrap(), 1, "the confirmation is sent");
        assert_eq!(smtp.tries_and_deliveries(GONE), (4, 1));
        assert!(db::outbox::is_suppressed(&db, &address_hash(GONE)).await.unwrap(), "not yet confirmed");
        let (status, headers, _) =
            send(&app, form(&format!("/subscriptions/{token}/confirm")).body(Body::from("lang=en")).unwrap())
                .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(headers[header::LOCATION].to_str().unwrap().ends_with("?done=confirmed"));
        assert!(!db::outbox::is_suppressed(&db, &address_hash(GONE)).await.unwrap(), "confirming ends it");
        queue(&db, &[list_email(GONE, "A priority reviewed")]).await;
        assert_eq!(deliver_due(&db, &mailer, &from).await.unwrap(), 1);
        assert_eq!(smtp.tries_and_deliveries(GONE), (5, 2));
    }
);
