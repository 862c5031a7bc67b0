//! The store commands end to end, through the built binary, on reports
//! written here: ingest (idempotence, SIGKILL safety), events, export,
//! search, event, actor, stats.

use serde_json::Value;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use watchfloor_store::Store;

mod common;
use common::{ok, report, run, write_corpus, BIN};

#[test]
fn sigkill_mid_ingest_leaves_every_committed_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let total = 600;
    write_corpus(&dir.path().join("reports"), total);
    let db = dir.path().join("w.db");
    let mut child = Command::new(BIN)
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(dir.path().join("reports"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait (reading concurrently, as any reader may) until some files are in.
    let start = Instant::now();
    loop {
        let n = Store::open_existing(&db)
            .ok()
            .and_then(|s| s.files().ok())
            .map_or(0, |f| f.len());
        if n >= 5 || start.elapsed() > Duration::from_secs(120) {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest exited ({status}) before it could be killed");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
    let files = store.files().unwrap();
    assert!(!files.is_empty(), "nothing was committed before the kill");
    assert!(
        files.len() < total,
        "the ingest finished before it could be killed; make the corpus larger"
    );
    for f in &files {
        assert_eq!(
            store.stored_counts(&f.path).unwrap(),
            (f.reports, f.events),
            "{} is incomplete",
            f.path
        );
        assert_eq!(f.reports, 1);
    }
    let stats = store.stats().unwrap();
    assert_eq!(stats.reports, files.len());
    drop(store);
    // A second run finishes the job and skips what is already in.
    let out = run(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        dir.path().join("reports").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("skipped {} unchanged", files.len())),
        "{err}"
    );
    let store = Store::open_existing(&db).unwrap();
    assert_eq!(store.files().unwrap().len(), total);
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}

#[test]
fn ingest_query_and_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    // Two reports of one attack (different figures), one of another.
    std::fs::write(reports.join("a.txt"), report(1, "Gao", "Malian", 2, 12)).unwrap();
    std::fs::write(reports.join("b.txt"), report(2, "Gao", "Malian", 2, 15)).unwrap();
    std::fs::write(
        reports.join("c.txt"),
        report(3, "Maiduguri", "Nigerian", 5, 4),
    )
    .unwrap();
    std::fs::write(reports.join("bad.txt"), [0u8, 159, 146, 150]).unwrap();
    let db = dir.path().join("w.db");
    let dbs = db.to_str().unwrap();
    let out = run(&["ingest", "--db", dbs, reports.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad file makes the exit code 1"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt"), "the bad file is named: {err}");
    assert!(
        err.contains("added 3 reports"),
        "the others still went in: {err}"
    );

    // events from the store, as JSON Lines: one line per report's record
    // with --per-report, one per occurrence by default.
    let jsonl = ok(&["events", "--db", dbs, "--per-report"]);
    let events: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(events.len() >= 3, "{jsonl}");
    let occurrences: Vec<Value> = ok(&["events", "--db", dbs])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        occurrences.len(),
        events.len() - 1,
        "the attack told twice is one row"
    );
    let gao: &Value = occurrences.iter().find(|e| e["location"] == "Gao").unwrap();
    assert!(gao["id"].as_str().unwrap().starts_with("MLI"), "{gao}");
    assert_eq!(
        (
            gao["fatalities_low"].as_u64(),
            gao["fatalities_high"].as_u64()
        ),
        (Some(12), Some(15))
    );
    assert_eq!(gao["reports"].as_array().unwrap().len(), 2);
    assert!(events.iter().all(|e| e["report_title"]
        .as_str()
        .unwrap()
        .starts_with("Militants Strike")));
    let ng = ok(&["events", "--db", dbs, "--country", "Nigeria"]);
    assert!(
        ng.lines().count() >= 1 && ng.lines().all(|l| l.contains("\"NG\"")),
        "{ng}"
    );
    let deadly = ok(&["events", "--db", dbs, "--min-fatalities", "13"]);
    assert!(deadly
        .lines()
        .all(|l| serde_json::from_str::<Value>(l).unwrap()["fatalities"]
            .as_u64()
            .unwrap()
            >= 13));
    let bad = run(&["events", "--db", dbs, "--bbox", "1,2,3"]);
    assert_eq!(bad.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--bbox"));

    // The attack told twice is one occurrence with both figures: its two
    // records carry its id.
    let table = ok(&[
        "events",
        "--db",
        dbs,
        "--country",
        "ML",
        "--format",
        "table",
        "--per-report",
        "--columns",
        "id,record,date",
    ]);
    let occ: Vec<&str> = table
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(
        occ.len() >= 2 && occ.iter().all(|c| *c == occ[0]) && occ[0] == gao["id"],
        "{table}"
    );
    let shown = ok(&["event", occ[0], "--db", dbs]);
    assert!(
        shown.contains("agrees with all") && shown.contains("low 12, best 12, high 15"),
        "{shown}"
    );

    // Exports parse with independent readers.
    let csv_text = ok(&["export", "--format", "csv", "--db", dbs, "--per-report"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(reader.headers().unwrap().get(0), Some("event_id_cnty"));
    let rows: Vec<std::collections::HashMap<String, String>> =
        reader.deserialize().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), events.len());
    let gao = rows.iter().find(|r| r["location"] == "Gao").unwrap();
    // ISO numeric and ACLED region of Mali; the ingest time as Unix seconds.
    assert_eq!(
        (gao["iso"].as_str(), gao["region"].as_str()),
        ("466", "Western Africa")
    );
    assert!(gao["event_id_cnty"].starts_with("MLI"), "{gao:?}");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let stored: i64 = gao["timestamp"].parse().unwrap();
    assert!((now - stored).abs() < 3600, "{stored} vs {now}");
    let geo: Value =
        serde_json::from_str(&ok(&["export", "--format", "geojson", "--db", dbs])).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), occurrences.len());
    let stix1 = ok(&["export", "--format", "stix", "--db", dbs]);
    let stix: Value = serde_json::from_str(&stix1).unwrap();
    assert_eq!(stix["type"], "bundle");
    assert!(stix["objects"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["spec_version"] == "2.1"));
    assert_eq!(
        ok(&["export", "--format", "stix", "--db", dbs]),
        stix1,
        "stable across runs"
    );
    let pq = dir.path().join("events.parquet");
    ok(&[
        "export",
        "--format",
        "parquet",
        "--db",
        dbs,
        "--output",
        pq.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&pq).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let canon = ok(&["export", "--format", "jsonl", "--db", dbs]);
    assert_eq!(canon.lines().count(), events.len() - 1);
    let records = ok(&["export", "--format", "jsonl", "--per-report", "--db", dbs]);
    assert_eq!(records.lines().count(), events.len());

    // Search, dossier, stats.
    let hits = ok(&["search", "--db", dbs, "dawn"]);
    assert!(hits.contains("[dawn]"), "{hits}");
    let st: Value = serde_json::from_str(&ok(&["stats", "--json", "--db", dbs])).unwrap();
    assert_eq!(st["reports"], 3);
    assert_eq!(st["merged_events"], 1);

    // Links made under other rules are noticed and redone.
    let merged = || -> u64 {
        let st: Value = serde_json::from_str(&ok(&["stats", "--json", "--db", dbs])).unwrap();
        st["merged_events"].as_u64().unwrap()
    };
    assert_eq!(
        run(&["relink", "--check", "--db", dbs]).status.code(),
        Some(0)
    );
    let nowhere_near = watchfloor_store::MergeRules {
        exact_km: -1.0,
        province_km: -1.0,
        ..Default::default()
    };
    Store::open(&db)
        .unwrap()
        .relink(&nowhere_near, &mut |_, _| {})
        .unwrap();
    assert_eq!(merged(), 0);
    assert_eq!(
        run(&["relink", "--check", "--db", dbs]).status.code(),
        Some(1)
    );
    let out = run(&["relink", "--db", dbs]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("relinked 3 events into 2 occurrences"),
        "{said}"
    );
    assert_eq!(merged(), 1);
    let missing = run(&[
        "stats",
        "--db",
        dir.path().join("nope.db").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("watchfloor ingest"));

    // Re-ingesting is a no-op; a changed file replaces its old version.
    let out = run(&[
        "ingest",
        "--db",
        dbs,
        reports.join("a.txt").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped 1 unchanged"));
    std::fs::write(reports.join("b.txt"), report(2, "Gao", "Malian", 2, 20)).unwrap();
    let out = run(&[
        "ingest",
        "--db",
        dbs,
        reports.join("b.txt").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 changed"));
    let shown = ok(&["event", occ[0], "--db", dbs]);
    assert!(shown.contains("low 12, best 12, high 20"), "{shown}");
}
