//! The data-access layer: every SQL statement in Cymuned lives under this folder.
//!
//! One code path serves SQLite and PostgreSQL through sqlx's `Any` driver. Queries use `$1`
//! placeholders (both backends accept them), times are integer seconds since the epoch and
//! flags are 0/1 integers, so results are identical on both. SQLite gets a pool of readers and
//! a single writer connection (SQLite allows one writer at a time; queueing in the pool beats
//! `SQLITE_BUSY`); PostgreSQL uses one pool for both.

pub mod audit;
// Engagement: campaigns, the partnership calendar and the survey builder.
pub mod campaigns;
pub mod engagement;
pub mod kept;
// The Key Individual Network (issue 13, kin).
pub mod kin;
pub mod open311;
pub mod outbox;
pub mod problems;
// Reach (issue 13).
pub mod reach;
pub mod reference;
pub mod reporting;
// Engagement results, coding and the export (part: results).
pub mod results;
// Responding (issue 13).
pub mod responses;
pub mod staff;
pub mod tasking;
pub mod triage;
pub mod trigger;
// Issue 13 (intel): intelligence recorded from engagement, and neighbourhood priorities.
pub mod intelligence;
pub mod priorities;
// Issue 14: public neighbourhood pages.
pub mod neighbourhoods;
// Subscriptions (issue 14).
pub mod subscriptions;
// Progress in public (issue 14, part 2).
pub mod progress;
// "You said, we did" publications (issue 14, part 2).
pub mod publications;
// The stop list of progress and publication news (issue 14, 0037).
pub mod stop_news;
// Tension assessments, levels and de-escalation actions (issue 15, 0038).
pub mod tension;
// Tension monitoring (issue 15): trigger events, the tension rota and its alerts (0039).
pub mod tension_events;
pub mod tension_rota;
// Regions and the roles held for them (issue 15 part 6, 0041).
pub mod regions;
// Tension signals from the data (issue 15, part 3).
pub mod tension_signals;
// The cohesion coordinator's cross-border tension view (issue 15, part 6).
pub mod tension_region;
// The tension picture: map, timelines and the weekly summary (issue 15, part 4).
pub mod tension_picture;

use sqlx::{
    any::{AnyPoolOptions, AnyRow},
    AnyPool, Executor,
};
use std::time::Duration;

pub use sqlx::Error as DbError;
pub type Row = AnyRow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Handle to the database: cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// WAL with one writer; foreign keys on; and the file memory-mapped (256 MB) with a 16 MB page
/// cache per connection, so reading a large database does not go through a system call a page.
/// `synchronous = FULL`: every commit reaches the disk (the WAL is synced) before it returns, so
/// a report whose reference the resident has been shown survives a power cut or an operating
/// system crash, not only a killed process (NORMAL could lose the last commits).
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16000;";

impl Db {
    /// Connects to `sqlite://...` or `postgres://...`. A SQLite file (and its folder) is
    /// created if missing.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        if url.starts_with("sqlite:") {
            let url = sqlite_url_with_create(url);
            if let Some(dir) =
                sqlite_file(&url).and_then(|f| std::path::Path::new(&f).parent().map(|p| p.to_path_buf()))
            {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(&dir).map_err(DbError::Io)?;
                }
            }
            let options = || {
                AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10)).after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute(SQLITE_PRAGMAS).await?;
                        Ok(())
                    })
                })
            };
            let write = options().max_connections(1).connect(&url).await?;
            // Switch to WAL once through the writer before readers open the file.
            let read = options().max_connections(max_connections.max(1)).connect(&url).await?;
            Ok(Db { read, write, backend: Backend::Sqlite })
        } else {
            let pool = AnyPoolOptions::new()
                .max_connections(max_connections.max(2))
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Db { read: pool.clone(), write: pool, backend: Backend::Postgres })
        }
    }

    /// Brings the schema up to date. Safe to run at every start.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.write).await,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.write).await,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Pool for queries that only read.
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    /// Pool (on SQLite: the single connection) for statements that write.
    pub fn writer(&self) -> &AnyPool {
        &self.write
    }

    /// For `/readyz`: can the database answer a query now?
    /// Refreshes the planner's statistics after a bulk load (and, on PostgreSQL, the visibility
    /// map, so the queue's covering index is read without visiting the table).
    pub async fn analyze(&self) -> Result<(), DbError> {
        let sql = match self.backend {
            Backend::Sqlite => "ANALYZE",
            Backend::Postgres => "VACUUM (ANALYZE) reports",
        };
        sqlx::query(sql).execute(self.writer()).await?;
        Ok(())
    }

    pub async fn ping(&self) -> bool {
        let query = sqlx::query("SELECT 1").fetch_one(&self.read);
        matches!(tokio::time::timeout(Duration::from_secs(2), query).await, Ok(Ok(_)))
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

fn sqlite_url_with_create(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let file = rest.split('?').next()?;
    (!file.is_empty() && file != ":memory:").then(|| file.to_string())
}

/// Seconds since the Unix epoch, the time unit of every stored timestamp.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_the_file() {
        assert_eq!(sqlite_url_with_create("sqlite://data/x.db"), "sqlite://data/x.db?mode=rwc");
        assert_eq!(sqlite_file("sqlite://data/x.db?mode=rwc").unwrap(), "data/x.db");
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
