//! Settings: one struct, read from an optional TOML file and then from the environment
//! (`DATABASE_URL`, `CYMUNED_*`). Every value is validated before the server starts, and a
//! bad one is reported in one line that names the setting.

use serde::Deserialize;
use std::{net::SocketAddr, path::PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Demo data and demo accounts are loaded; the sign-in page lists the demo accounts. Only
    /// ever chosen explicitly (`CYMUNED_ENV=demo`), and served on a loopback address only
    /// unless `cymuned serve --demo-on-public-address` says otherwise.
    Demo,
    /// The default. No demo accounts may exist; the server refuses to start while any do.
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// The whole configuration of a Cymuned server.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://path/to/file.db` or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// Address the HTTP server listens on.
    pub addr: SocketAddr,
    pub environment: Environment,
    pub log_format: LogFormat,
    /// `tracing` filter, e.g. `info,sqlx=warn`.
    pub log_filter: String,
    /// The address residents and staff use, e.g. `https://cymuned.example.gov.wales`.
    /// An `https` address turns on HSTS and `Secure` cookies.
    pub public_url: String,
    /// Minutes of inactivity after which a staff session ends.
    pub session_idle_minutes: i64,
    /// Hours after sign-in after which a staff session ends whatever the activity.
    pub session_absolute_hours: i64,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Failed sign-ins allowed per address and account in a 15-minute window.
    pub sign_in_attempts_per_15_minutes: u32,
    /// Connections in the read pool (PostgreSQL: the whole pool).
    pub db_max_connections: u32,
    /// Reports accepted from one address per hour (abuse protection).
    pub reports_per_hour_per_address: u32,
    /// `smtp://host:25`, `smtp://user:pass@host:587?tls=required` or `smtps://host:465`. Without
    /// it (demo mode only) email is written to files in `mail_dir`.
    pub smtp_url: Option<String>,
    /// The sender of every email, e.g. `Cymuned <cymuned@council.gov.wales>`.
    pub mail_from: String,
    pub mail_dir: String,
    /// Behind a reverse proxy: take the client's address from `X-Forwarded-For` (the proxy's
    /// own entry, the last one) for rate limits and the audit log.
    pub trust_proxy: bool,
    /// Map tiles for the report form's map, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    /// Empty: the map shows ward boundaries only. The form never depends on tiles loading.
    pub map_tile_url: String,
    /// The attribution the tile provider requires, shown on the map.
    pub map_attribution: String,
    /// Demo mode only: how many synthetic reports across Wales the first start on an empty
    /// database generates behind the planted Cardiff story (`server::demo`).
    pub demo_reports: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: "sqlite://data/cymuned.db".into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            environment: Environment::Production,
            log_format: LogFormat::Text,
            log_filter: "info,sqlx=warn,tower_http=info".into(),
            public_url: "http://127.0.0.1:3000".into(),
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            max_body_bytes: 64 * 1024,
            sign_in_attempts_per_15_minutes: 5,
            db_max_connections: 8,
            reports_per_hour_per_address: 10,
            smtp_url: None,
            mail_from: "Cymuned <no-reply@cymuned.invalid>".into(),
            mail_dir: "data/mail".into(),
            trust_proxy: false,
            map_tile_url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            map_attribution: "© OpenStreetMap contributors".into(),
            demo_reports: 60_000,
        }
    }
}

/// A setting that could not be used; the message names it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration error: {setting}: {problem}")]
pub struct SettingsError {
    pub setting: String,
    pub problem: String,
}

fn bad(setting: &str, problem: impl Into<String>) -> SettingsError {
    SettingsError { setting: setting.into(), problem: problem.into() }
}

impl Settings {
    /// Reads the optional TOML file, applies environment overrides, validates.
    pub fn load(
        file: Option<&std::path::Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, SettingsError> {
        let mut settings = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| bad(&path.display().to_string(), format!("cannot read: {e}")))?;
                Self::from_toml(&text).map_err(|e| bad(&path.display().to_string(), e))?
            }
            None => Settings::default(),
        };
        settings.apply_env(env)?;
        settings.validate()?;
        Ok(settings)
    }

    pub fn from_toml(text: &str) -> Result<Settings, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), SettingsError> {
        if let Some(v) = env("DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = env("CYMUNED_ADDR") {
            self.addr = v.parse().map_err(|_| {
                bad("CYMUNED_ADDR", format!("'{v}' is not a HOST:PORT address such as 127.0.0.1:3000"))
            })?;
        }
        if let Some(v) = env("CYMUNED_ENV") {
            self.environment = match v.as_str() {
                "demo" => Environment::Demo,
                "production" => Environment::Production,
                _ => return Err(bad("CYMUNED_ENV", format!("'{v}' must be 'demo' or 'production'"))),
            };
        }
        if let Some(v) = env("CYMUNED_LOG_FORMAT") {
            self.log_format = match v.as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                _ => return Err(bad("CYMUNED_LOG_FORMAT", format!("'{v}' must be 'text' or 'json'"))),
            };
        }
        if let Some(v) = env("CYMUNED_LOG") {
            self.log_filter = v;
        }
        if let Some(v) = env("CYMUNED_PUBLIC_URL") {
            self.public_url = v;
        }
        parse_env(&env, "CYMUNED_SESSION_IDLE_MINUTES", &mut self.session_idle_minutes)?;
        parse_env(&env, "CYMUNED_SESSION_ABSOLUTE_HOURS", &mut self.session_absolute_hours)?;
        parse_env(&env, "CYMUNED_MAX_BODY_BYTES", &mut self.max_body_bytes)?;
        parse_env(
            &env,
            "CYMUNED_SIGN_IN_ATTEMPTS_PER_15_MINUTES",
            &mut self.sign_in_attempts_per_15_minutes,
        )?;
        parse_env(&env, "CYMUNED_DB_MAX_CONNECTIONS", &mut self.db_max_connections)?;
        parse_env(&env, "CYMUNED_REPORTS_PER_HOUR", &mut self.reports_per_hour_per_address)?;
        parse_env(&env, "CYMUNED_DEMO_REPORTS", &mut self.demo_reports)?;
        if let Some(v) = env("CYMUNED_SMTP_URL") {
            self.smtp_url = Some(v).filter(|v| !v.is_empty());
        }
        if let Some(v) = env("CYMUNED_MAIL_FROM") {
            self.mail_from = v;
        }
        if let Some(v) = env("CYMUNED_MAIL_DIR") {
            self.mail_dir = v;
        }
        if let Some(v) = env("CYMUNED_TRUST_PROXY") {
            self.trust_proxy = match v.as_str() {
                "true" | "1" | "yes" => true,
                "false" | "0" | "no" => false,
                _ => return Err(bad("CYMUNED_TRUST_PROXY", format!("'{v}' must be true or false"))),
            };
        }
        if let Some(v) = env("CYMUNED_MAP_TILE_URL") {
            self.map_tile_url = v;
        }
        if let Some(v) = env("CYMUNED_MAP_ATTRIBUTION") {
            self.map_attribution = v;
        }
        Ok(())
    }

    pub fn validate(&self) -> Result<(), SettingsError> {
        let db = &self.database_url;
        if !(db.starts_with("sqlite:") || db.starts_with("postgres://") || db.starts_with("postgresql://")) {
            return Err(bad(
                "database_url",
                format!("'{}' must start with sqlite:// or postgres://", redact_url(db)),
            ));
        }
        if !(self.public_url.starts_with("http://") || self.public_url.starts_with("https://")) {
            return Err(bad(
                "public_url",
                format!("'{}' must start with http:// or https://", self.public_url),
            ));
        }
        if !(1..=24 * 60).contains(&self.session_idle_minutes) {
            return Err(bad("session_idle_minutes", "must be between 1 and 1440"));
        }
        if !(1..=24 * 7).contains(&self.session_absolute_hours) {
            return Err(bad("session_absolute_hours", "must be between 1 and 168"));
        }
        if self.session_idle_minutes > self.session_absolute_hours * 60 {
            return Err(bad("session_idle_minutes", "must not be longer than session_absolute_hours"));
        }
        if !(1024..=64 * 1024 * 1024).contains(&self.max_body_bytes) {
            return Err(bad("max_body_bytes", "must be between 1024 and 67108864"));
        }
        if self.sign_in_attempts_per_15_minutes == 0 {
            return Err(bad("sign_in_attempts_per_15_minutes", "must be at least 1"));
        }
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(bad(
                "mail_from",
                format!("'{}' is not an address such as Cymuned <cymuned@example.gov.wales>", self.mail_from),
            ));
        }
        if let Some(url) = &self.smtp_url {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                return Err(bad(
                    "smtp_url",
                    format!("'{}' must start with smtp:// or smtps://", redact_url(url)),
                ));
            }
        } else if self.environment == Environment::Production {
            return Err(bad("smtp_url", "required in production, so residents get their emails (to try the hub with demo accounts and emails written to files instead, set CYMUNED_ENV=demo)"));
        }
        if self.reports_per_hour_per_address == 0 {
            return Err(bad("reports_per_hour_per_address", "must be at least 1"));
        }
        if self.db_max_connections == 0 {
            return Err(bad("db_max_connections", "must be at least 1"));
        }
        if !self.map_tile_url.is_empty() {
            let placeholders = ["{z}", "{x}", "{y}"].iter().all(|p| self.map_tile_url.contains(p));
            if self.map_tile_origin().is_none() || !placeholders {
                return Err(bad(
                    "map_tile_url",
                    format!("'{}' must be an https:// or http:// address with {{z}}, {{x}} and {{y}}, or empty for no tiles", self.map_tile_url),
                ));
            }
        }
        Ok(())
    }

    /// `https://tile.example` from the tile URL: the one other origin pages may load images from.
    /// Tile servers often use `{s}` sub-domains; the origin then has a `*.` wildcard.
    pub fn map_tile_origin(&self) -> Option<String> {
        let (scheme, rest) = self.map_tile_url.split_once("://")?;
        if scheme != "https" && scheme != "http" {
            return None;
        }
        let host = rest.split('/').next().filter(|h| !h.is_empty())?;
        let host = match host.strip_prefix("{s}.") {
            Some(domain) => format!("*.{domain}"),
            None => host.to_string(),
        };
        host.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:*".contains(c))
            .then(|| format!("{scheme}://{host}"))
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// Cookies are `Secure` and HSTS is sent when residents reach the hub over TLS.
    pub fn served_over_tls(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// For SQLite, the folder that must exist before the database file can be created.
    pub fn sqlite_dir(&self) -> Option<PathBuf> {
        let path = self
            .database_url
            .strip_prefix("sqlite://")
            .or_else(|| self.database_url.strip_prefix("sqlite:"))?;
        let path = path.split('?').next().unwrap_or(path);
        PathBuf::from(path).parent().map(|p| p.to_path_buf())
    }
}

fn parse_env<T: std::str::FromStr>(
    env: &impl Fn(&str) -> Option<String>,
    name: &str,
    target: &mut T,
) -> Result<(), SettingsError> {
    if let Some(v) = env(name) {
        *target = v.trim().parse().map_err(|_| bad(name, format!("'{v}' is not a whole number")))?;
    }
    Ok(())
}

/// Hides a password in a database URL before it goes into an error message or a log.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn the_demo_report_count_is_a_setting() {
        let s = Settings::load(None, env(&[("CYMUNED_ENV", "demo")])).unwrap();
        assert_eq!(s.demo_reports, 60_000, "a few thousand per partnership");
        let s =
            Settings::load(None, env(&[("CYMUNED_ENV", "demo"), ("CYMUNED_DEMO_REPORTS", "500")])).unwrap();
        assert_eq!(s.demo_reports, 500);
        let e = Settings::load(None, env(&[("CYMUNED_ENV", "demo"), ("CYMUNED_DEMO_REPORTS", "many")]))
            .unwrap_err();
        assert_eq!(e.setting, "CYMUNED_DEMO_REPORTS");
    }

    #[test]
    fn defaults_are_valid_and_use_sqlite_under_data() {
        let s = Settings::load(None, env(&[("CYMUNED_SMTP_URL", "smtp://127.0.0.1:25")])).unwrap();
        assert!(s.is_sqlite());
        assert_eq!(s.sqlite_dir().unwrap(), PathBuf::from("data"));
        assert_eq!(s.addr.to_string(), "127.0.0.1:3000");
    }

    #[test]
    fn demo_mode_is_only_ever_chosen() {
        // Nothing set: production, which needs a mail server, and never lists demo accounts.
        assert_eq!(Settings::default().environment, Environment::Production);
        let e = Settings::load(None, env(&[])).unwrap_err();
        assert_eq!(e.setting, "smtp_url");
        assert!(e.problem.contains("CYMUNED_ENV=demo"), "{e}");
        let s = Settings::load(None, env(&[("CYMUNED_ENV", "demo")])).unwrap();
        assert_eq!(s.environment, Environment::Demo);
        let s = Settings::from_toml("environment = \"demo\"").unwrap();
        assert_eq!(s.environment, Environment::Demo);
        assert_eq!(Settings::from_toml("").unwrap().environment, Environment::Production);
    }

    #[test]
    fn map_tiles_come_from_one_checked_origin() {
        fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
            let mut all = vec![("CYMUNED_ENV", "demo")];
            all.extend_from_slice(pairs);
            super::tests::env(&all)
        }
        let s = Settings::load(None, env(&[])).unwrap();
        assert_eq!(s.map_tile_origin().unwrap(), "https://tile.openstreetmap.org");
        let s = Settings::load(
            None,
            env(&[("CYMUNED_MAP_TILE_URL", "https://{s}.tiles.example/{z}/{x}/{y}.png")]),
        )
        .unwrap();
        assert_eq!(s.map_tile_origin().unwrap(), "https://*.tiles.example");
        let s = Settings::load(None, env(&[("CYMUNED_MAP_TILE_URL", "")])).unwrap();
        assert_eq!(s.map_tile_origin(), None);
        let e =
            Settings::load(None, env(&[("CYMUNED_MAP_TILE_URL", "https://x.example/tile.png")])).unwrap_err();
        assert_eq!(e.setting, "map_tile_url");
        let e = Settings::load(None, env(&[("CYMUNED_MAP_TILE_URL", "javascript:alert(1)/{z}{x}{y}")]))
            .unwrap_err();
        assert_eq!(e.setting, "map_tile_url");
        let e = Settings::load(
            None,
            env(&[("CYMUNED_MAP_TILE_URL", "https://a.example;script-src/{z}/{x}/{y}")]),
        )
        .unwrap_err();
        assert_eq!(e.setting, "map_tile_url");
    }

    #[test]
    fn environment_overrides_file() {
        let dir = std::env::temp_dir().join(format!("cymuned-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("cymuned.toml");
        std::fs::write(&file, "addr = \"0.0.0.0:8080\"\nsession_idle_minutes = 20\n").unwrap();
        let s =
            Settings::load(Some(&file), env(&[("CYMUNED_ADDR", "127.0.0.1:9000"), ("CYMUNED_ENV", "demo")]))
                .unwrap();
        assert_eq!(s.addr.to_string(), "127.0.0.1:9000");
        assert_eq!(s.session_idle_minutes, 20);
    }

    #[test]
    fn bad_values_name_the_setting() {
        let e = Settings::load(None, env(&[("CYMUNED_ADDR", "nowhere")])).unwrap_err();
        assert_eq!(e.setting, "CYMUNED_ADDR");
        let e = Settings::load(None, env(&[("CYMUNED_ENV", "staging")])).unwrap_err();
        assert_eq!(e.setting, "CYMUNED_ENV");
        let e = Settings::load(None, env(&[("DATABASE_URL", "mysql://x")])).unwrap_err();
        assert_eq!(e.setting, "database_url");
        let e = Settings::load(None, env(&[("CYMUNED_SESSION_IDLE_MINUTES", "ten")])).unwrap_err();
        assert_eq!(e.setting, "CYMUNED_SESSION_IDLE_MINUTES");
        let e = Settings::load(None, env(&[("CYMUNED_ENV", "production")])).unwrap_err();
        assert_eq!(e.setting, "smtp_url");
        let e = Settings::load(None, env(&[("CYMUNED_MAIL_FROM", "nobody")])).unwrap_err();
        assert_eq!(e.setting, "mail_from");
        let e = Settings::load(None, env(&[("CYMUNED_SMTP_URL", "http://mail")])).unwrap_err();
        assert_eq!(e.setting, "smtp_url");
        assert!(Settings::load(
            None,
            env(&[("CYMUNED_ENV", "production"), ("CYMUNED_SMTP_URL", "smtp://127.0.0.1:25")])
        )
        .is_ok());
        let e = Settings::load(None, env(&[("CYMUNED_SESSION_IDLE_MINUTES", "0")])).unwrap_err();
        assert_eq!(e.setting, "session_idle_minutes");
        assert!(e.to_string().starts_with("configuration error: session_idle_minutes"));
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        let e = Settings::from_toml("adress = \"127.0.0.1:1\"").unwrap_err();
        assert!(e.contains("adress"), "{e}");
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact_url("postgres://cym:secret@db/cym"), "postgres://cym:***@db/cym");
        let e = Settings::load(None, env(&[("DATABASE_URL", "mysql://u:pw@h/d")])).unwrap_err();
        assert!(!e.to_string().contains("pw@"));
    }
}
