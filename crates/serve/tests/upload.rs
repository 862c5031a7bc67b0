//! `POST /api/ingest`: off unless the server is given a token; with one,
//! a report file sent by a caller holding the token is coded and stored
//! and the read endpoints see it at once. Needs the gazetteer index
//! (`scripts/fetch-data.sh`), as `watchfloor ingest` does.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

const TOKEN: &str = "test-token-0123456789abcdef";

const REPORT: &str = "Gunmen storm police post in northern Burkina Faso\n\n\
Djibo, 9 March 2024 -- Gunmen attacked a police post in Djibo on Saturday, \
killing six police officers, the security ministry said.\n\n\
Residents said the attackers arrived on motorbikes before dawn.\n";

fn start(ingest: bool) -> (SocketAddr, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    drop(watchfloor_store::Store::open(&db).unwrap());
    let ingest = ingest.then(|| {
        let ingester = watchfloor_ingest::Ingester::load_default()
            .expect("the coder's data: run scripts/fetch-data.sh");
        watchfloor_serve::IngestAccess::new(TOKEN.into(), ingester).unwrap()
    });
    let app = watchfloor_serve::App::open(watchfloor_serve::Config {
        db,
        catalogue: watchfloor_actors::Catalogue::load_default().unwrap(),
        export: watchfloor_export::Context::default(),
        ingest,
    })
    .unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || watchfloor_serve::serve_blocking(listener, app));
    (addr, dir)
}

/// Sends one request and returns the status and the JSON body.
fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    auth: Option<&str>,
    body: &str,
) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    let auth = auth
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").expect("a reply head");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn total(addr: SocketAddr) -> u64 {
    let (status, v) = send(addr, "GET", "/api/events", None, "");
    assert_eq!(status, 200);
    v["total"].as_u64().unwrap()
}

#[test]
fn uploads_need_the_token_and_are_coded_and_stored_like_ingest() {
    let (addr, _dir) = start(true);
    assert_eq!(total(addr), 0);
    let path = "/api/ingest?name=djibo.txt";

    let (status, v) = send(addr, "POST", path, None, REPORT);
    assert_eq!(status, 401, "{v}");
    let (status, _) = send(
        addr,
        "POST",
        path,
        Some("test-token-0123456789abcdeX"),
        REPORT,
    );
    assert_eq!(status, 401);
    let (status, v) = send(addr, "POST", "/api/ingest", Some(TOKEN), REPORT);
    assert_eq!(status, 400);
    assert!(v["error"].as_str().unwrap().contains("name"), "{v}");
    let (status, v) = send(
        addr,
        "POST",
        "/api/ingest?name=../../etc/x.txt",
        Some(TOKEN),
        REPORT,
    );
    assert_eq!(status, 400, "{v}");
    let (status, v) = send(addr, "POST", path, Some(TOKEN), "");
    assert_eq!(status, 400, "{v}");
    assert_eq!(total(addr), 0, "nothing refused was stored");

    let (status, v) = send(addr, "POST", path, Some(TOKEN), REPORT);
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["outcome"], "added");
    assert_eq!(v["reports"], 1);
    assert!(v["events"].as_u64().unwrap() >= 1, "{v}");
    assert!(total(addr) >= 1, "the read side sees the upload at once");

    let (status, v) = send(addr, "POST", path, Some(TOKEN), REPORT);
    assert_eq!(status, 200);
    assert_eq!(v["outcome"], "unchanged");

    let (_, doc) = send(addr, "GET", "/api/openapi.json", None, "");
    assert!(
        doc["paths"]["/api/ingest"]["post"].is_object(),
        "documented when served"
    );

    let (status, v) = send(
        addr,
        "POST",
        "/api/ingest?name=bin.txt",
        Some(TOKEN),
        "\0\0\0binary",
    );
    assert_eq!(status, 400, "{v}");
    assert!(v["error"].as_str().unwrap().contains("bin.txt"), "{v}");
}

#[test]
fn without_a_token_the_api_takes_no_upload() {
    let (addr, _dir) = start(false);
    let (status, v) = send(
        addr,
        "POST",
        "/api/ingest?name=djibo.txt",
        Some(TOKEN),
        REPORT,
    );
    assert!(status == 405 || status == 413, "{status} {v}");
    assert_eq!(total(addr), 0);
    let (_, doc) = send(addr, "GET", "/api/openapi.json", None, "");
    assert!(
        doc["paths"].get("/api/ingest").is_none(),
        "not documented when not served"
    );
}

#[test]
fn a_short_token_is_refused() {
    let ingester = watchfloor_ingest::Ingester::load_default().expect("the coder's data");
    let err = watchfloor_serve::IngestAccess::new("secret".into(), ingester)
        .err()
        .unwrap();
    assert!(err.contains("at least 16"), "{err}");
}
