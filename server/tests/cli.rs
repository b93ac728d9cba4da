//! The `cymuned` binary: help, and refusing to start on bad settings with one clear line.

use std::process::Command;

fn cymuned() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cymuned"));
    cmd.env_remove("DATABASE_URL").env_remove("CYMUNED_CONFIG");
    cmd
}

#[test]
fn help_lists_the_commands() {
    let out = cymuned().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for command in [
        "serve",
        "migrate",
        "import-boundaries",
        "create-user",
        "api-key",
        "remove-demo-accounts",
        "deactivate-user",
        "import-population",
    ] {
        assert!(text.contains(command), "{command} missing from --help:\n{text}");
    }
}

#[test]
fn bad_settings_stop_the_server_with_one_line_naming_the_setting() {
    for (name, value, expected) in [
        ("CYMUNED_ADDR", "nowhere", "CYMUNED_ADDR"),
        ("CYMUNED_ENV", "staging", "CYMUNED_ENV"),
        ("DATABASE_URL", "mysql://u:secret@h/db", "database_url"),
        ("CYMUNED_SESSION_IDLE_MINUTES", "lots", "CYMUNED_SESSION_IDLE_MINUTES"),
    ] {
        let out = cymuned().env(name, value).arg("serve").output().unwrap();
        assert!(!out.status.success(), "{name}={value} must not start");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(expected), "{err}");
        assert!(!err.contains("secret"), "passwords are never printed: {err}");
    }
    let out = cymuned().env("CYMUNED_ENV", "demo").args(["serve", "--addr", "x:y"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
    let out = cymuned().args(["--config", "/nonexistent/cymuned.toml", "serve"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/cymuned.toml"));
}

#[test]
fn demo_mode_is_chosen_and_kept_to_this_computer() {
    // Nothing set: production, which will not start without a mail server; never demo mode.
    let out =
        cymuned().env_remove("CYMUNED_ENV").env_remove("CYMUNED_SMTP_URL").arg("serve").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("smtp_url") && err.contains("CYMUNED_ENV=demo"), "{err}");
    // Demo mode on an address other computers can reach: refused in one line, unless asked.
    for addr in ["0.0.0.0:0", "[::]:0", "192.0.2.1:3000"] {
        let out = cymuned().env("CYMUNED_ENV", "demo").args(["serve", "--addr", addr]).output().unwrap();
        assert!(!out.status.success(), "{addr}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains("--demo-on-public-address") && err.contains("127.0.0.1"), "{err}");
    }
    // Asked for, or on this computer only: past that check (here it stops at the database).
    for args in [
        &["serve", "--addr", "0.0.0.0:0", "--demo-on-public-address"][..],
        &["serve", "--addr", "127.0.0.1:0"][..],
    ] {
        let out = cymuned()
            .env("CYMUNED_ENV", "demo")
            .env("DATABASE_URL", "sqlite:///proc/cymuned-nowhere/x.db")
            .args(args)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("--demo-on-public-address"), "{args:?}: {err}");
    }
}

#[test]
fn revoke_a_key_and_deactivate_an_account() {
    let dir = std::env::temp_dir().join(format!("cymuned-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/cli.db", dir.display());
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = cymuned()
            .env("DATABASE_URL", &url)
            .env("CYMUNED_ENV", "demo")
            .env("CYMUNED_LOG", "error")
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (ok, _, err) = run(
        &["create-user", "--email", "rhys@cardiff.example", "--role", "officer", "--csp", "cardiff"],
        "a long enough password\n",
    );
    assert!(ok, "{err}");
    let (ok, key, err) =
        run(&["api-key", "create", "--csp", "cardiff", "--role", "officer", "--name", "Old app"], "");
    assert!(ok, "{err}");
    let key = key.trim().to_string();

    let (ok, out, err) = run(&["api-key", "revoke", "--csp", "cardiff", "--name", "Old app"], "");
    assert!(ok, "{err}");
    assert!(out.contains("revoked 1 key"), "{out}");
    let (ok, _, err) = run(&["api-key", "revoke", "--csp", "cardiff", "--name", "Old app"], "");
    assert!(!ok && err.contains("no key in use"), "{err}");
    let (ok, _, err) = run(&["api-key", "revoke", "--csp", "cardiff"], "");
    assert!(!ok && err.contains("--name"), "{err}");
    let (ok, out, err) = run(&["deactivate-user", "--email", "rhys@cardiff.example"], "");
    assert!(ok, "{err}");
    assert!(out.contains("deactivated"), "{out}");
    let (ok, _, err) = run(&["deactivate-user", "--email", "rhys@cardiff.example"], "");
    assert!(!ok && err.contains("no active account"), "{err}");

    // What the hub now knows: the key refused, the account inactive, both audited.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sqlx::Row;
        let db = app::db::Db::connect(&url, 1).await.unwrap();
        assert!(app::staff::accounts::authenticate_api_key(&db, &key).await.unwrap().is_none());
        let active: i64 = sqlx::query("SELECT active FROM users WHERE email = 'rhys@cardiff.example'")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(active, 0);
        for action in ["api_key_revoked", "account_deactivated"] {
            let n: i64 = sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = $1")
                .bind(action)
                .fetch_one(db.reader())
                .await
                .unwrap()
                .try_get(0)
                .unwrap();
            assert_eq!(n, 1, "{action}");
        }
        // Cardiff's managers see both in their partnership's log.
        let cardiff = app::db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap().id;
        let log = app::db::audit::page_for_csp(&db, cardiff, 1, 100).await.unwrap();
        for action in ["api_key_revoked", "account_deactivated"] {
            assert!(log.entries.iter().any(|e| e.action == action), "{action} is in Cardiff's log");
        }
        db.close().await;
    });
    let _ = std::fs::remove_dir_all(&dir);
}
