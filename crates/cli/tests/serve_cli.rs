//! `watchfloor serve` through the built binary: it refuses a missing store
//! with the store's message, prints its URL, and answers the API from a
//! store that `watchfloor ingest` wrote. (The API itself is tested in
//! crates/serve/tests/api.rs, the page in web/tests/page.mjs.)

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

mod common;
use common::{ok, run, write_corpus, BIN};

#[test]
fn a_missing_store_is_refused_before_listening() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = run(&[
        "serve",
        "--db",
        db.to_str().unwrap(),
        "--addr",
        "127.0.0.1:0",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("none.db") && err.contains("watchfloor ingest"),
        "{err}"
    );
}

#[test]
fn allow_ingest_needs_a_long_enough_token_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let serve = |token: Option<&str>| {
        let mut cmd = Command::new(BIN);
        cmd.args(["serve", "--allow-ingest", "--addr", "127.0.0.1:0", "--db"])
            .arg(&db)
            .env_remove("WATCHFLOOR_INGEST_TOKEN");
        if let Some(t) = token {
            cmd.env("WATCHFLOOR_INGEST_TOKEN", t);
        }
        cmd.output().unwrap()
    };
    let out = serve(None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WATCHFLOOR_INGEST_TOKEN"));
    let out = serve(Some("short"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 16"));
}

/// Kills the server when the test ends, however it ends.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serves_the_store_on_the_printed_url() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(&dir.path().join("reports"), 3);
    let db = dir.path().join("w.db");
    let dbs = db.to_str().unwrap();
    ok(&[
        "ingest",
        "--db",
        dbs,
        dir.path().join("reports").to_str().unwrap(),
    ]);
    let stats: Value = serde_json::from_str(&ok(&["stats", "--db", dbs, "--json"])).unwrap();

    let mut server = Killed(
        Command::new(BIN)
            .args(["serve", "--db", dbs, "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(server.0.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();

    let mut s = TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "GET /api/stats HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let body: Value = serde_json::from_str(reply.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(body["reports"], 3);
    assert_eq!(body["events"], stats["events"]);
}
