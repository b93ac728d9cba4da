//! Test databases: a fresh SQLite file, or a fresh PostgreSQL database on the server named by
//! `CYMUNED_TEST_POSTGRES_URL` (the test command starts one). Both are migrated and seeded
//! with the Welsh reference data, copied from a template made once per test run.

#![allow(dead_code)]

pub mod engagement;
pub mod http;
pub mod outbox;

use app::{config::Settings, db::Db};
use sqlx::Connection;
use std::path::PathBuf;
use tokio::sync::OnceCell;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static SQLITE_TEMPLATE: OnceCell<PathBuf> = OnceCell::const_new();
static POSTGRES_TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// Test databases live in one folder per test process, removed by the test command.
fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cymuned-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::new_v4().simple())
}

/// Whether the PostgreSQL half of the tests can run here. Without `CYMUNED_TEST_POSTGRES_URL` it
/// is skipped with a notice (written straight to stderr, once per test binary, so the test
/// harness does not swallow it), unless `CYMUNED_REQUIRE_POSTGRES=1` (set by `.ci/test`) makes a
/// missing server a failure.
pub fn postgres_available() -> bool {
    use std::io::Write;
    if std::env::var_os("CYMUNED_TEST_POSTGRES_URL").is_some() {
        return true;
    }
    assert!(
        std::env::var("CYMUNED_REQUIRE_POSTGRES").as_deref() != Ok("1"),
        "CYMUNED_REQUIRE_POSTGRES=1 but CYMUNED_TEST_POSTGRES_URL is not set"
    );
    static NOTICE: std::sync::Once = std::sync::Once::new();
    NOTICE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "NOTICE: CYMUNED_TEST_POSTGRES_URL is not set, so the PostgreSQL half of these tests is \
             skipped (they pass without running). `.ci/test` starts PostgreSQL and runs both halves."
        );
    });
    false
}

pub fn postgres_admin_url() -> String {
    std::env::var("CYMUNED_TEST_POSTGRES_URL").expect(
        "CYMUNED_TEST_POSTGRES_URL is not set: data-access tests run on PostgreSQL too. \
         Run `.ci/test`, which starts PostgreSQL and sets it.",
    )
}

fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = admin_url.split_once('?').map(|(b, q)| (b, Some(q))).unwrap_or((admin_url, None));
    let base = &base[..base.rfind('/').expect("postgres url has a path")];
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

async fn seeded(url: &str) {
    let db = Db::connect(url, 2).await.expect("connect");
    db.migrate().await.expect("migrate");
    app::reference::seed::seed_if_empty(&db).await.expect("seed");
    db.close().await;
}

/// A migrated, seeded database of the given backend, all its own.
pub async fn database(backend: Backend) -> (Db, String) {
    let url = match backend {
        Backend::Sqlite => {
            let template = SQLITE_TEMPLATE
                .get_or_init(|| async {
                    let path = scratch_dir().join(format!("{}.db", unique("cymuned_template")));
                    seeded(&format!("sqlite://{}", path.display())).await;
                    path
                })
                .await;
            let path = scratch_dir().join(format!("{}.db", unique("cymuned_test")));
            std::fs::copy(template, &path).expect("copy template database");
            format!("sqlite://{}", path.display())
        }
        Backend::Postgres => {
            let admin = postgres_admin_url();
            let template = POSTGRES_TEMPLATE
                .get_or_init(|| async {
                    let name = unique("cymuned_template");
                    let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to PostgreSQL");
                    sqlx::query(&format!("CREATE DATABASE {name}"))
                        .execute(&mut conn)
                        .await
                        .expect("create template");
                    seeded(&with_database(&admin, &name)).await;
                    name
                })
                .await;
            let name = unique("cymuned_test");
            let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            with_database(&admin, &name)
        }
    };
    let db = Db::connect(&url, 4).await.expect("connect to test database");
    db.migrate().await.expect("migrations are idempotent");
    (db, url)
}

/// Subscribers' news turned into outbox emails, as the mail worker does after a request
/// (announcing news only records a delivery per subscriber): every waiting delivery, in
/// batches; how many emails were queued.
pub async fn deliver_news(db: &Db) -> usize {
    let public = Settings::default().public_url;
    let mut queued = 0;
    loop {
        let done = app::subscriptions::delivery::deliver_news(
            db,
            &public,
            app::subscriptions::delivery::DELIVERY_BATCH,
        )
        .await
        .expect("news delivered");
        if done.claimed == 0 {
            return queued;
        }
        queued += done.queued;
    }
}

pub fn settings(url: &str) -> Settings {
    Settings {
        database_url: url.to_string(),
        sign_in_attempts_per_15_minutes: 5,
        environment: app::config::Environment::Demo,
        ..Settings::default()
    }
}

/// One Tokio runtime for every test in the binary, as in the server itself.
pub static RUNTIME: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().expect("test runtime")
});

/// Runs one async test body on SQLite and on PostgreSQL: `both_backends!(name, |db| async move { .. })`.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                common::RUNTIME.block_on(async {
                    let (db, url) = common::database(common::Backend::Sqlite).await;
                    ($body)(db, url).await;
                });
            }
            #[test]
            fn postgres() {
                if !common::postgres_available() {
                    return;
                }
                common::RUNTIME.block_on(async {
                    let (db, url) = common::database(common::Backend::Postgres).await;
                    ($body)(db, url).await;
                });
            }
        }
    };
}

/// The English messages, by key, whose Welsh differs (so they must not appear on Welsh pages).
pub fn english_only_messages() -> std::collections::HashMap<String, String> {
    let read = |lang: &str| -> std::collections::HashMap<String, String> {
        let text =
            std::fs::read_to_string(format!("{}/../app/i18n/{lang}/app.ftl", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        text.lines()
            .filter_map(|l| l.split_once(" = "))
            .filter(|(k, v)| !k.starts_with(' ') && !v.contains('{') && v.len() > 3)
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    };
    let (en, cy) = (read("en"), read("cy"));
    en.into_iter().filter(|(k, v)| cy.get(k) != Some(v)).collect()
}

/// The English messages whose Welsh differs.
pub fn english_only_phrases() -> Vec<String> {
    english_only_messages().into_values().collect()
}

/// The page's text without its tags, scripts and styles, entities as written.
pub fn text_of(html: &str) -> String {
    let mut rest = html.to_string();
    for tag in ["script", "style"] {
        while let Some(open) = rest.find(&format!("<{tag}")) {
            let close = rest[open..]
                .find(&format!("</{tag}>"))
                .map(|i| open + i + tag.len() + 3)
                .unwrap_or(rest.len());
            rest.replace_range(open..close, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in rest.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text a reader sees: no tags, scripts or styles; apostrophes, ampersands and quotes
/// unescaped.
pub fn visible_text(html: &str) -> String {
    text_of(html).replace("&#x27;", "'").replace("&amp;", "&").replace("&quot;", "\"")
}

/// The page without the `tags` elements marked as English on purpose (`lang="en"`: the English
/// text a Welsh speaker writes for English readers).
pub fn without_marked_english(html: &str, tags: &[&str]) -> String {
    let mut rest = html.to_string();
    for tag in tags {
        let mut from = 0;
        while let Some(open) = rest[from..].find(&format!("<{tag} ")).map(|i| from + i) {
            let end_of_open = rest[open..].find('>').map(|i| open + i).unwrap_or(rest.len());
            if rest[open..end_of_open].contains(r#"lang="en""#) {
                let close = rest[open..]
                    .find(&format!("</{tag}>"))
                    .map(|i| open + i + tag.len() + 3)
                    .unwrap_or(rest.len());
                rest.replace_range(open..close, " ");
            } else {
                from = end_of_open;
            }
        }
    }
    rest
}

/// No English message (one that differs from its Welsh) in the visible text of a Welsh page;
/// `what` names the page in a failure.
pub fn no_english(what: &str, html: &str) {
    let english = english_only_messages();
    assert!(english.len() > 40, "the English messages are read");
    let text = visible_text(html);
    for (key, phrase) in &english {
        assert!(!text.contains(phrase.as_str()), "{what} shows English ({key}): {phrase:?}");
    }
}
