//! `cymuned`: serve the hub, and the administrator's commands.

use crate::startup;
use anyhow::Context;
use app::{
    config::Settings,
    db,
    i18n::Lang,
    reference::{seed, Names},
    staff::accounts::{self, NewAccount, NewRegionalAccount, Place},
};
use clap::{Parser, Subcommand};
use std::{io::IsTerminal, net::SocketAddr, path::PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "cymuned",
    version,
    about = "Cymuned: community intelligence and engagement hub for Community Safety Partnerships in Wales"
)]
pub struct Cli {
    /// Optional TOML settings file (environment variables override it).
    #[arg(long, global = true, env = "CYMUNED_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the hub (the default).
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:3000 (overrides the settings).
        #[arg(long)]
        addr: Option<String>,
        /// With CYMUNED_ENV=demo, serve on an address other computers can reach (the sign-in
        /// page then shows the demo accounts' password to anyone who can reach it).
        #[arg(long)]
        demo_on_public_address: bool,
    },
    /// Create or update the database schema, and load the Welsh reference data if empty.
    Migrate,
    /// Load ward or local-authority boundaries from ONS GeoJSON files (WDyyCD/LADyyCD properties).
    ImportBoundaries {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Create a staff account, or give an existing one another role. The password is read from
    /// the terminal, or from the first line of standard input.
    CreateUser {
        #[arg(long)]
        email: String,
        /// officer, analyst, engagement_lead, partner, csp_manager, admin, or (held for a region)
        /// cohesion_coordinator
        #[arg(long)]
        role: String,
        /// The CSP's slug (see GET /api/v1/csps), e.g. cardiff (every role but a regional one)
        #[arg(long)]
        csp: Option<String>,
        /// The region's slug for a regional role (see `cymuned region list`), e.g. dyfed-powys
        #[arg(long)]
        region: Option<String>,
        /// Name shown to colleagues (default: the email)
        #[arg(long)]
        name: Option<String>,
        /// Partner organisation (required for partner), e.g. "Cardiff Council Housing"
        #[arg(long)]
        organisation: Option<String>,
        /// Kind of partner organisation: police, council, housing, fire, health, probation, other
        #[arg(long, default_value = "other")]
        organisation_kind: String,
        /// Preferred language: en or cy
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Manage API keys.
    ApiKey {
        #[command(subcommand)]
        command: ApiKeyCommand,
    },
    /// Group wards of a CSP into one named neighbourhood (each ward is its own by default).
    GroupNeighbourhood {
        #[arg(long)]
        csp: String,
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name_en: String,
        #[arg(long)]
        name_cy: String,
        /// Ward codes, e.g. W05000853
        #[arg(required = true)]
        wards: Vec<String>,
    },
    /// Regions: police force areas and Wales (from the reference data) and cohesion regions
    /// (sets of CSPs chosen here), for roles held for a region.
    Region {
        #[command(subcommand)]
        command: RegionCommand,
    },
    /// Delete every demo account (needed before CYMUNED_ENV=production).
    RemoveDemoAccounts,
    /// Deactivate a staff account: its sessions end at once and it can no longer sign in.
    DeactivateUser {
        #[arg(long)]
        email: String,
    },
    // Reach (issue 13).
    /// Load Census 2021 population figures from ONS tables as published (CSV: an ONS custom
    /// dataset or a Nomis bulk file, for wards or local authorities): age (TS007A or TS007),
    /// sex (TS008), ethnic group (TS021) and Welsh language skills (speaking, TS033). Every file
    /// is read before anything is stored; one file the hub cannot read stores nothing.
    ImportPopulation {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Fill the database with synthetic reports across the real wards, for demos and
    /// benchmarks (refused in production).
    Generate {
        /// How many reports, e.g. 1000000
        #[arg(long)]
        reports: usize,
        /// The same seed gives the same reports.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    // Tension signals (issue 15).
    /// Test a week's tension series for every partnership and store the signals (the server
    /// does this daily for the last whole week; use this to fill past weeks).
    TensionSignals {
        /// The week's Monday, e.g. 2026-11-30 (default: the last whole week).
        #[arg(long)]
        week: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum RegionCommand {
    /// List the regions, their kind and their CSPs.
    List,
    /// Make a cohesion region of the CSPs given (all or nothing).
    Create {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name_en: String,
        #[arg(long)]
        name_cy: String,
        /// cohesion_region (police force areas and Wales come from the reference data)
        #[arg(long, default_value = "cohesion_region")]
        kind: String,
        /// A CSP's slug, once per CSP: --csp ceredigion --csp powys
        #[arg(long = "csp")]
        csps: Vec<String>,
    },
    /// Replace the CSPs of a cohesion region (all or nothing); its coordinators cover the new
    /// set from their next request.
    SetCsps {
        #[arg(long)]
        slug: String,
        /// A CSP's slug, once per CSP
        #[arg(long = "csp")]
        csps: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ApiKeyCommand {
    /// Create a key and print it once; only its hash is stored.
    Create {
        #[arg(long)]
        csp: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        name: String,
        /// Partner organisation (required for the partner role)
        #[arg(long)]
        organisation: Option<String>,
        #[arg(long, default_value = "other")]
        organisation_kind: String,
    },
    /// Revoke a CSP's key, by its name (every key of that name) or its id: refused from the
    /// next request on.
    Revoke {
        #[arg(long)]
        csp: String,
        #[arg(long, required_unless_present = "id", conflicts_with = "id")]
        name: Option<String>,
        #[arg(long)]
        id: Option<i64>,
    },
}

fn load_settings(cli: &Cli) -> anyhow::Result<Settings> {
    Ok(Settings::load(cli.config.as_deref(), |k| std::env::var(k).ok())?)
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut settings = load_settings(&cli)?;
    startup::init_logging(&settings);
    match cli.command.unwrap_or(Command::Serve { addr: None, demo_on_public_address: false }) {
        Command::Serve { addr, demo_on_public_address } => {
            if let Some(addr) = addr {
                settings.addr = addr.parse::<SocketAddr>().map_err(|_| {
                    anyhow::anyhow!("--addr: '{addr}' is not a HOST:PORT address such as 127.0.0.1:3000")
                })?;
            }
            startup::refuse_public_demo(&settings, demo_on_public_address)?;
            serve(settings).await
        }
        Command::Migrate => {
            let db = startup::open_database(&settings).await?;
            match seed::seed_if_empty(&db).await? {
                Some(counts) => println!("schema up to date; loaded {counts:?}"),
                None => println!("schema up to date"),
            }
            Ok(())
        }
        Command::ImportBoundaries { files } => {
            let db = startup::open_database(&settings).await?;
            seed::seed_if_empty(&db).await?;
            let mut texts = Vec::new();
            for file in &files {
                let text = std::fs::read_to_string(file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                let stem = file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
                texts.push((stem, text));
            }
            let counts = seed::import(&db, &texts).await?;
            println!(
                "imported {} local-authority outlines and {} wards; restart the server to use them",
                counts.local_authorities, counts.wards
            );
            Ok(())
        }
        Command::CreateUser { email, role, csp, region, name, organisation, organisation_kind, language } => {
            let db = startup::open_database(&settings).await?;
            seed::seed_if_empty(&db).await?;
            let language =
                Lang::parse(&language).ok_or_else(|| anyhow::anyhow!("--language: use en or cy"))?;
            let place = accounts::place_for(&role, csp.as_deref(), region.as_deref())?;
            let password = if db::staff::user_id_by_email(&db, &email).await?.is_some() {
                String::new()
            } else {
                read_password()?
            };
            let display_name = name.unwrap_or_else(|| email.clone());
            match place {
                Place::Csp(csp) => {
                    let account = NewAccount {
                        email: &email,
                        display_name: &display_name,
                        password: &password,
                        role: &role,
                        csp_slug: csp,
                        organisation: organisation.as_deref().map(|o| (organisation_kind.as_str(), o)),
                        language,
                        is_demo: false,
                    };
                    let id = accounts::create_account(&db, account, "cli").await?;
                    println!("user {id} ({email}) is {role} in {csp}");
                }
                Place::Region(region) => {
                    if organisation.is_some() {
                        anyhow::bail!("--organisation: a role held for a region has no partner organisation");
                    }
                    let account = NewRegionalAccount {
                        email: &email,
                        display_name: &display_name,
                        password: &password,
                        role: &role,
                        region_slug: region,
                        language,
                        is_demo: false,
                    };
                    let id = accounts::create_regional_account(&db, account, "cli").await?;
                    println!("user {id} ({email}) is {role} for region {region}");
                }
            }
            Ok(())
        }
        Command::Region { command } => {
            let db = startup::open_database(&settings).await?;
            seed::seed_if_empty(&db).await?;
            region_command(&db, command).await
        }
        Command::ApiKey {
            command: ApiKeyCommand::Create { csp, role, name, organisation, organisation_kind },
        } => {
            let db = startup::open_database(&settings).await?;
            seed::seed_if_empty(&db).await?;
            let org = organisation.as_deref().map(|o| (organisation_kind.as_str(), o));
            let key = accounts::create_api_key(&db, &csp, &role, &name, org).await?;
            println!("{key}");
            eprintln!("Store this key now: it is shown once and only its hash is kept.");
            Ok(())
        }
        Command::ApiKey { command: ApiKeyCommand::Revoke { csp, name, id } } => {
            let db = startup::open_database(&settings).await?;
            let choice = match (&name, id) {
                (_, Some(id)) => db::staff::ApiKeyChoice::Id(id),
                (Some(name), None) => db::staff::ApiKeyChoice::Name(name.as_str()),
                (None, None) => anyhow::bail!("api-key revoke: give --name or --id"),
            };
            let revoked = accounts::revoke_api_key(&db, &csp, choice).await?;
            if revoked.is_empty() {
                anyhow::bail!(
                    "api-key revoke: no key in use in {csp} with that {}",
                    if id.is_some() { "id" } else { "name" }
                );
            }
            println!(
                "revoked {} key(s) of {csp}: {}",
                revoked.len(),
                revoked.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(", ")
            );
            Ok(())
        }
        Command::DeactivateUser { email } => {
            let db = startup::open_database(&settings).await?;
            match accounts::deactivate_account(&db, &email).await? {
                Some((id, sessions)) => {
                    println!("user {id} ({email}) is deactivated; {sessions} session(s) ended");
                    Ok(())
                }
                None => anyhow::bail!("deactivate-user: no active account with the email {email}"),
            }
        }
        Command::GroupNeighbourhood { csp, slug, name_en, name_cy, wards } => {
            let db = startup::open_database(&settings).await?;
            seed::seed_if_empty(&db).await?;
            let csp_row = db::reference::csp_by_slug(&db, &csp)
                .await?
                .ok_or_else(|| anyhow::anyhow!("--csp: unknown CSP '{csp}'"))?;
            let slug = app::reference::slugify(&slug);
            db::reference::group_wards(&db, csp_row.id, &slug, &Names::new(name_en, name_cy), &wards)
                .await
                .map_err(|_| anyhow::anyhow!("every ward must be a ward code of {csp}; nothing was changed"))?;
            println!("neighbourhood {slug} of {csp} now holds {} wards", wards.len());
            Ok(())
        }
        Command::Generate { reports, seed } => {
            if settings.environment == app::config::Environment::Production {
                anyhow::bail!("generate: refused with CYMUNED_ENV=production (synthetic reports would mix with real ones)");
            }
            let db = startup::open_database(&settings).await?;
            let wards = startup::prepare(&settings, &db).await?;
            let started = std::time::Instant::now();
            startup::generate_reports(&db, &wards, reports, seed, |done| eprint!("\r{done} reports stored"))
                .await?;
            let seconds = started.elapsed().as_secs_f64();
            eprintln!();
            println!(
                "generated {reports} synthetic reports in {seconds:.1} s ({:.0} per second)",
                reports as f64 / seconds.max(0.001)
            );
            Ok(())
        }
        // Reach (issue 13).
        Command::ImportPopulation { files } => {
            let db = startup::open_database(&settings).await?;
            seed::seed_if_empty(&db).await?;
            let done = import_population(&db, &files).await?;
            println!(
                "imported {} census figures for {} areas ({}){}",
                done.figures,
                done.areas,
                done.topics.join(", "),
                if done.ignored_areas > 0 {
                    format!(
                        "; {} areas the hub has no ward or local authority for were left out",
                        done.ignored_areas
                    )
                } else {
                    String::new()
                }
            );
            Ok(())
        }
        Command::TensionSignals { week } => {
            let db = startup::open_database(&settings).await?;
            let wards = startup::prepare(&settings, &db).await?;
            let now = db::now();
            let week = match week {
                Some(text) => app::tension::weeks::parse_monday(&text).map_err(|e| anyhow::anyhow!("--week: {e}"))?,
                None => app::tension::weeks::last_complete_week(now),
            };
            let done = app::tension::recompute::recompute_week(&db, &wards, week, now).await?;
            println!(
                "week of {week}: {} tests in {} partnerships, {} new signals",
                done.tests,
                done.partnerships,
                done.new_signals.len()
            );
            Ok(())
        }
        Command::RemoveDemoAccounts => {
            let db = startup::open_database(&settings).await?;
            let removed = db::staff::delete_demo_users(&db).await?;
            println!("removed {removed} demo accounts");
            Ok(())
        }
    }
}

/// `cymuned region ...`: lists, makes or changes regions. Refusals change nothing and say why.
pub async fn region_command(db: &db::Db, command: RegionCommand) -> anyhow::Result<()> {
    use app::{
        audit::{AuditAction, NewAuditEntry},
        staff::regions::{self, RegionKind},
    };
    let audit = |detail: String| NewAuditEntry {
        actor_label: "cli".into(),
        action: Some(AuditAction::RegionChanged),
        record_type: Some("region".into()),
        detail: Some(detail),
        ..Default::default()
    };
    match command {
        RegionCommand::List => {
            for region in db::regions::regions(db).await? {
                let csps: Vec<&str> = region.csps.iter().map(|c| c.slug.as_str()).collect();
                println!(
                    "{} ({}): {} [{}]",
                    region.slug,
                    region.kind.as_str(),
                    region.name.en,
                    csps.join(" ")
                );
            }
            Ok(())
        }
        RegionCommand::Create { slug, name_en, name_cy, kind, csps } => {
            let name = Names::new(name_en, name_cy);
            let slug = regions::check_new_region(&slug, &name, &kind)
                .map_err(|e| anyhow::anyhow!("region create: {e}"))?;
            let csps = regions::csp_slugs(&csps).map_err(|e| anyhow::anyhow!("region create: {e}"))?;
            let entry = audit(format!("created {slug}: {}", csps.join(", ")));
            db::regions::create_region(db, &slug, &name, RegionKind::CohesionRegion, &csps, &entry)
                .await?
                .map_err(|e| anyhow::anyhow!("region create: {e}"))?;
            println!("region {slug} holds {} CSPs: {}", csps.len(), csps.join(", "));
            Ok(())
        }
        RegionCommand::SetCsps { slug, csps } => {
            let slug = slug.trim().to_string();
            let csps = regions::csp_slugs(&csps).map_err(|e| anyhow::anyhow!("region set-csps: {e}"))?;
            let entry = audit(format!("{slug} now holds: {}", csps.join(", ")));
            db::regions::set_region_csps(db, &slug, &csps, &entry)
                .await?
                .map_err(|e| anyhow::anyhow!("region set-csps: {e}"))?;
            println!("region {slug} now holds {} CSPs: {}", csps.len(), csps.join(", "));
            Ok(())
        }
    }
}

/// What `import-population` stored.
#[derive(Debug, PartialEq, Eq)]
pub struct PopulationImport {
    /// Rows stored (one per area, topic and group).
    pub figures: usize,
    /// Areas (wards and local authorities) with figures.
    pub areas: usize,
    /// The topics read, as stored (`age_band`, `sex`, `ethnic_group`, `welsh_language`).
    pub topics: Vec<String>,
    /// Areas in the files that the hub does not know (left out).
    pub ignored_areas: usize,
}

/// Reads every file as an ONS Census 2021 table (`app::engagement::census`), then stores the
/// figures for the hub's wards and local authorities in one transaction: all or nothing. A
/// file that cannot be read, or that names none of the hub's areas, stores nothing.
pub async fn import_population(db: &db::Db, files: &[PathBuf]) -> anyhow::Result<PopulationImport> {
    use std::collections::BTreeSet;
    let known: BTreeSet<String> = db::reach::known_areas(db).await?.into_iter().collect();
    let mut rows = Vec::new();
    let mut topics = Vec::new();
    let mut ignored = BTreeSet::new();
    for file in files {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        let table = app::engagement::census::read(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}; nothing was imported", file.display()))?;
        let (ours, others): (Vec<_>, Vec<_>) =
            table.rows.into_iter().partition(|r| known.contains(&r.area_code));
        if ours.is_empty() {
            anyhow::bail!(
                "{}: none of its areas is a ward or local authority the hub knows (are they of another year's \
                 boundaries? see import-boundaries); nothing was imported",
                file.display()
            );
        }
        ignored.extend(others.into_iter().map(|r| r.area_code));
        topics.push(table.topic.as_str().to_string());
        rows.extend(ours);
    }
    let source: Vec<String> = files
        .iter()
        .map(|f| f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default())
        .collect();
    db::reach::replace_population(db, &rows, &source.join(", ")).await?;
    let areas: BTreeSet<&str> = rows.iter().map(|r| r.area_code.as_str()).collect();
    Ok(PopulationImport { figures: rows.len(), areas: areas.len(), topics, ignored_areas: ignored.len() })
}

fn read_password() -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password for the new account: ")?
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    if password.chars().count() < accounts::MIN_PASSWORD_CHARS {
        anyhow::bail!("the password must be at least {} characters", accounts::MIN_PASSWORD_CHARS);
    }
    Ok(password)
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let conf = leptos::prelude::get_configuration(None).context("Leptos site configuration")?;
    let mut leptos_options = conf.leptos_options;
    leptos_options.site_addr = settings.addr;
    app::shell::assets::use_built_names(&mut leptos_options);
    let addr = settings.addr;
    let state = startup::build_state(settings, leptos_options).await?;
    startup::spawn_session_sweeper(&state);
    startup::spawn_limiter_pruner(&state);
    let mailer = app::mail::Mailer::from_settings(&state.settings).map_err(anyhow::Error::msg)?;
    let from =
        state.settings.mail_from.parse().map_err(|_| anyhow::anyhow!("mail_from: not an email address"))?;
    app::mail::spawn_worker(
        state.db.clone(),
        mailer,
        from,
        state.settings.public_url.clone(),
        state.mail_wake.clone(),
    );
    // Subscriptions (issue 14): weekly digests, queued for the worker above.
    app::subscriptions::delivery::spawn_digest_worker(
        state.db.clone(),
        state.settings.public_url.clone(),
        state.mail_wake.clone(),
    );
    // Issue 14: survey contacts deleted twelve months after their campaign closed, daily.
    app::engagement::contacts_kept::spawn_worker(state.db.clone());
    // Issue 15: the last whole week's tension signals, kept current.
    app::tension::recompute::spawn_worker(state.db.clone(), state.wards.clone());
    let app = crate::http::router(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("addr: cannot listen on {addr}"))?;
    tracing::info!("Cymuned is serving http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
