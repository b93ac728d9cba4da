//! From settings to a running state: connect, migrate, load reference data, check accounts,
//! build the ward index.

use anyhow::Context;
use app::{
    config::{redact_url, Environment, Settings},
    db::{self, Db},
    reference::{locate::WardIndex, seed},
    staff::accounts,
    state::AppState,
};
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

pub fn init_logging(settings: &Settings) {
    use tracing_subscriber::{fmt, EnvFilter};
    let filter = EnvFilter::try_new(&settings.log_filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter);
    let _ = match settings.log_format {
        app::config::LogFormat::Json => builder.json().flatten_event(true).try_init(),
        app::config::LogFormat::Text => builder.try_init(),
    };
}

/// Demo mode lists the demo accounts and their shared password on the sign-in page: it is
/// served on a loopback address (this computer only) unless `allowed_on_public_address`.
pub fn refuse_public_demo(settings: &Settings, allowed_on_public_address: bool) -> anyhow::Result<()> {
    if settings.environment == Environment::Demo
        && !settings.addr.ip().is_loopback()
        && !allowed_on_public_address
    {
        anyhow::bail!(
            "CYMUNED_ENV=demo: refusing to serve on {}, which other computers can reach, because the sign-in page shows the demo accounts' password; \
             listen on 127.0.0.1, or add --demo-on-public-address if that is what you want",
            settings.addr
        );
    }
    Ok(())
}

/// Connects and brings the schema up to date.
pub async fn open_database(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(&settings.database_url, settings.db_max_connections)
        .await
        .with_context(|| format!("database_url: cannot connect to {}", redact_url(&settings.database_url)))?;
    db.migrate().await.context("database migration failed")?;
    Ok(db)
}

/// Reference data, demo accounts (demo mode) or the production check, and the ward index.
pub async fn prepare(settings: &Settings, db: &Db) -> anyhow::Result<Arc<WardIndex>> {
    if let Some(counts) = seed::seed_if_empty(db).await.context("loading the Welsh reference data")? {
        tracing::info!(?counts, "loaded the Welsh reference data");
    }
    let added = app::reporting::categories::ensure_defaults(db).await.context("report categories")?;
    if added > 0 {
        tracing::info!(csps = added, "gave partnerships the default report categories");
    }
    match settings.environment {
        Environment::Demo => {
            let created = accounts::ensure_demo_accounts(db).await.context("creating demo accounts")?;
            if created > 0 {
                tracing::info!(created, "created demo accounts (listed on the sign-in page)");
            }
        }
        Environment::Production => {
            let demo = db::staff::demo_user_count(db).await?;
            if demo > 0 {
                anyhow::bail!(
                    "CYMUNED_ENV=production: {demo} demo accounts exist; remove them with `cymuned remove-demo-accounts` first"
                );
            }
        }
    }
    let started = std::time::Instant::now();
    let index = WardIndex::build(db::reference::ward_shapes(db).await?).map_err(anyhow::Error::msg)?;
    tracing::info!(wards = index.len(), ms = started.elapsed().as_millis() as u64, "ward index built");
    Ok(Arc::new(index))
}

pub async fn build_state(settings: Settings, leptos_options: LeptosOptions) -> anyhow::Result<AppState> {
    let db = open_database(&settings).await?;
    let wards = prepare(&settings, &db).await?;
    let state = AppState::new(leptos_options, db, settings, wards);
    if state.settings.environment == Environment::Demo {
        fill_demo(&state).await?;
    }
    Ok(state)
}

/// Demo mode: the first start on an empty database fills the hub with the demo's story
/// (`crate::demo`); later starts find it there and plant nothing.
pub async fn fill_demo(state: &AppState) -> anyhow::Result<()> {
    match crate::demo::fill_if_empty(state).await.context("planting the demo data")? {
        Some(story) => tracing::info!(
            reports = story.background_reports,
            seconds = format!("{:.1}", story.seconds),
            closed_profile = %story.closed_profile,
            case_review = %story.case_review,
            "demo data planted; a resident told of the closed profile follows it at {}",
            story.told_resident_page
        ),
        None => tracing::info!("demo data: Cardiff already has reports, nothing planted"),
    }
    Ok(())
}

/// Ends expired sessions every ten minutes.
pub fn spawn_session_sweeper(state: &AppState) {
    let db = state.db.clone();
    let settings = state.settings.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            let now = db::now();
            let idle_before = now - settings.session_idle_minutes * 60;
            let started_before = now - settings.session_absolute_hours * 3600;
            if let Err(e) = db::staff::delete_expired_sessions(&db, idle_before, started_before).await {
                tracing::warn!(error = %e, "session sweep failed");
            }
            if let Err(e) = app::staff::kept::sweep(&db).await {
                tracing::warn!(error = %e, "kept form sweep failed");
            }
            // Responding (issue 13): answers saved as residents go, once their survey closed.
            if let Err(e) = db::responses::sweep_progress(&db).await {
                tracing::warn!(error = %e, "survey progress sweep failed");
            }
        }
    });
}

/// Prunes the sign-in and report limiters every minute (see `AppState::prune_limiters`).
pub fn spawn_limiter_pruner(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tick.tick().await;
            state.prune_limiters();
        }
    });
}

/// Stores `count` synthetic reports (see `app::reporting::generate`), 50,000 at a time, calling
/// `progress` with the number stored so far.
pub async fn generate_reports(
    db: &Db,
    wards: &WardIndex,
    count: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<()> {
    let mut categories = std::collections::HashMap::new();
    for csp in db::reference::list_csps(db).await? {
        categories.insert(csp.id, db::reporting::categories(db, csp.id).await?);
    }
    let now = db::now();
    let mut done = 0;
    let mut part = 0;
    while done < count {
        let n = (count - done).min(50_000);
        let reports = app::reporting::generate::reports(n, seed.wrapping_add(part), now, wards, &categories);
        for batch in reports.chunks(10_000) {
            db::reporting::insert_synthetic(db, batch).await?;
            done += batch.len();
            progress(done);
        }
        part += 1;
    }
    db.analyze().await?;
    Ok(())
}
