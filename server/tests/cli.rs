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
    for command in ["serve", "migrate", "import-boundaries", "create-user", "api-key", "remove-demo-accounts"] {
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
    let out = cymuned().args(["serve", "--addr", "x:y"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
    let out = cymuned().args(["--config", "/nonexistent/cymuned.toml", "serve"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/cymuned.toml"));
}
