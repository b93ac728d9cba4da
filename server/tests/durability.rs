//! A report acknowledged to the resident survives `kill -9` of the server (SQLite, the default).

use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

fn http(port: u16, request: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

fn get(port: u16, path: &str) -> Option<String> {
    http(port, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
}

// The caller kills and waits for the server it started.
#[allow(clippy::zombie_processes)]
fn start(db_url: &str, port: u16) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_cymuned"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", db_url)
        .env("CYMUNED_ENV", "demo")
        .env("CYMUNED_LOG", "warn")
        // The demo data of a first start: a small year, its emails written beside the database.
        .env("CYMUNED_DEMO_REPORTS", "500")
        .env(
            "CYMUNED_MAIL_DIR",
            std::env::temp_dir().join(format!("cymuned-tests-{}-durability/mail", std::process::id())),
        )
        .env_remove("CYMUNED_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start cymuned");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if get(port, "/readyz").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
            return child;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("cymuned did not become ready");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn an_acknowledged_report_survives_kill_9() {
    let dir = std::env::temp_dir().join(format!("cymuned-tests-{}-durability", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db_url = format!("sqlite://{}/hub.db", dir.display());
    let port = free_port();
    let mut server = start(&db_url, port);

    let body = "lang=en&area=W06000015&category=litter&ward=W05000857&ongoing=on&description=Overflowing%20bins%20by%20the%20park&anonymous=yes";
    let response = http(
        port,
        &format!(
            "POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .expect("post the report");
    let location = response
        .lines()
        .find_map(|l| l.strip_prefix("location: ").or_else(|| l.strip_prefix("Location: ")))
        .unwrap_or_else(|| panic!("no redirect: {response}"))
        .trim()
        .to_string();
    assert!(location.starts_with("/track/"), "{location}");

    // The resident has their link: now the server dies without any chance to flush.
    server.kill().expect("SIGKILL");
    server.wait().unwrap();

    let mut server = start(&db_url, port);
    let page = get(port, &location).expect("tracking page");
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(page.starts_with("HTTP/1.1 200"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains("CYM-"), "the report and its reference are still there");
}
