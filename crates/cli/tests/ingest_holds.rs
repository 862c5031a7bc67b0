//! Issue 16, "Ingest that holds": concurrent ingests, read-only stores,
//! closed pipes, usage errors, odd encodings and line endings, files that
//! code nothing, and canonical exports that keep every column. Each test
//! runs the built binary on reports written here.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use watchfloor_store::{EventFilter, Store};

mod common;
use common::{ok, report, run, write_corpus, BIN, TOWNS};

fn ingest(db: &Path, paths: &[PathBuf]) -> Output {
    Command::new(BIN)
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(paths)
        .output()
        .unwrap()
}

/// What a store holds, independent of ids and ingest order: each file
/// (path, hash, counts), each per-report event, and the occurrences as
/// groups of events.
fn contents(db: &Path) -> (Vec<String>, Vec<String>, Vec<Vec<String>>) {
    let store = Store::open_existing(db).unwrap();
    let mut files: Vec<String> = store
        .files()
        .unwrap()
        .into_iter()
        .map(|f| format!("{} {} {} {}", f.path, f.hash, f.reports, f.events))
        .collect();
    files.sort();
    let events = store.events(&EventFilter::default()).unwrap();
    let mut all: Vec<String> = Vec::new();
    let mut groups: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for e in events {
        let json = serde_json::to_string(&e.event).unwrap();
        all.push(json.clone());
        groups
            .entry(e.canonical_id.expect("every event is linked"))
            .or_default()
            .push(json);
    }
    all.sort();
    let mut groups: Vec<Vec<String>> = groups
        .into_values()
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    groups.sort();
    (files, all, groups)
}

/// (a) Three ingests over overlapping file sets at once all succeed, and
/// the store holds exactly what one run over their union stores.
#[test]
fn concurrent_ingests_queue_and_store_what_one_run_stores() {
    let dir = tempfile::tempdir().unwrap();
    // Two hundred files, as the issue's probe had.
    let files = write_corpus(&dir.path().join("reports"), 200);
    let db = dir.path().join("together.db");
    let sets: Vec<Vec<PathBuf>> = vec![
        files[..140].to_vec(),
        files[60..].to_vec(),
        files.iter().step_by(2).cloned().collect(),
    ];
    let children: Vec<_> = sets
        .iter()
        .map(|set| {
            Command::new(BIN)
                .arg("ingest")
                .arg("--db")
                .arg(&db)
                .args(set)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a concurrent ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let single = dir.path().join("single.db");
    let out = ingest(&single, &files);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (together, alone) = (contents(&db), contents(&single));
    assert_eq!(together.0.len(), files.len(), "each file stored once");
    assert_eq!(together.0, alone.0, "files differ");
    assert_eq!(together.1, alone.1, "per-report events differ");
    assert_eq!(together.2, alone.2, "occurrences differ");
}

/// Runs `watchfloor ARGS` as an unprivileged user when the tests run as
/// root (root may write anywhere, which would hide the fault).
fn run_unprivileged(args: &[&std::ffi::OsStr]) -> Output {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    cmd.args(args).output().expect("run watchfloor")
}

/// (k) Every read command works on a store in a read-only directory (no
/// side files can be created there) and changes nothing.
#[test]
fn read_commands_work_on_a_read_only_store() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let files = write_corpus(&dir.path().join("reports"), 3);
    let store_dir = dir.path().join("ro");
    let db = store_dir.join("w.db");
    let out = ingest(&db, &files);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = |d: &Path| {
        let mut v: Vec<(String, u64)> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().len(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = listing(&store_dir);
    assert_eq!(before.len(), 1, "a closed store is one file: {before:?}");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&store_dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bytes = std::fs::read(&db).unwrap();
    let cmds: &[&[&str]] = &[
        &["stats"],
        &["events", "--format", "table"],
        &["search", "army"],
        &["export", "--format", "csv"],
        &["export", "--format", "stix", "--per-report"],
        &["event", "r1"],
        &["actor", "JNIM"],
        &["relink", "--check"],
    ];
    for c in cmds {
        let mut args: Vec<&std::ffi::OsStr> = c.iter().map(std::ffi::OsStr::new).collect();
        args.push("--db".as_ref());
        args.push(db.as_os_str());
        let out = run_unprivileged(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || (c[0] == "actor" && !err.contains("store")),
            "{c:?} on a read-only store: {err}"
        );
        assert!(!err.contains("readonly"), "{c:?}: {err}");
    }
    std::fs::set_permissions(&store_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        listing(&store_dir),
        before,
        "a read command left files behind"
    );
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "a read command wrote");
}

/// (j) A reader that goes away (`| head -1`) ends the command quietly with
/// exit code 0.
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_corpus(&dir.path().join("reports"), 4);
    let db = dir.path().join("w.db");
    assert!(ingest(&db, &files).status.success());
    // `true` exits at once, so every write of the delayed command meets a
    // pipe with no reader.
    for cmd in [
        "events --format jsonl",
        "events --format table",
        "export --format csv",
        "search army",
        "stats",
    ] {
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "{{ sleep 0.3; \"$0\" {cmd} --db \"$1\"; }} | true; exit ${{PIPESTATUS[0]}}"
            ))
            .arg(BIN)
            .arg(&db)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("Broken pipe"), "{cmd}: {err}");
        assert_eq!(out.status.code(), Some(0), "{cmd}: {err}");
        assert!(err.is_empty(), "{cmd}: {err}");
    }
}

/// (g), (h), (i) Usage errors say what is wrong and exit with 2.
#[test]
fn usage_errors_exit_2_and_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_corpus(&dir.path().join("reports"), 2);
    let db = dir.path().join("w.db");
    assert!(ingest(&db, &files).status.success());
    let db = db.to_str().unwrap();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["events", "--bbox", "1,2,3"],
            &["--bbox", "1,2,3", "four numbers"],
        ),
        (
            &["events", "--bbox", "10,20,5,30"],
            &["--bbox", "west ≤ east"],
        ),
        (
            &["export", "--format", "csv", "--type", "Skirmish"],
            &["unknown event type", "Skirmish"],
        ),
        (
            &["events", "--sub-type", "Drone raid"],
            &["unknown sub-event type", "Drone raid", "Air/drone strike"],
        ),
        (
            &["events", "--country", "Narnia"],
            &["unknown country", "Narnia"],
        ),
        (
            &["search", "--raw", "\""],
            &["bad search query", "unterminated string"],
        ),
        (
            &["search", "--raw", "army AND"],
            &["bad search query", "army AND"],
        ),
        (
            &["events", "--offset", "9223372036854775808", "--limit", "3"],
            &["--offset", "too large"],
        ),
        (
            &["events", "--offset", "18446744073709551615"],
            &["--offset", "too large"],
        ),
        (&["events", "--limit=-1"], &["--limit"]),
        (
            &["search", "army", "--offset", "99999999999999999999"],
            &["--offset"],
        ),
        (&["event", "27"], &["bad event id", "MLI12"]),
        (
            &["events", "--country", "Malli"],
            &["unknown country `Malli`", "did you mean Mali (ML)"],
        ),
        (&["events", "--country", "XX"], &["unknown country `XX`"]),
        (
            &["events", "--actor", "Wagnr"],
            &["no actor called `Wagnr`", "did you mean Wagner"],
        ),
        (
            &["events", "--collection", "nope"],
            &["no collection matches `nope`"],
        ),
        (
            &["events", "--columns", "id,colour"],
            &["unknown column `colour`"],
        ),
        (&["stats", "--by", "colour"], &["unknown --by `colour`"]),
    ];
    for (args, want) in cases {
        let mut all = args.to_vec();
        all.extend(["--db", db]);
        let out = run(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed results");
        for w in *want {
            assert!(err.contains(w), "{args:?}: `{w}` missing from: {err}");
        }
        assert!(!err.contains("SQL error"), "{args:?}: {err}");
    }
    // The largest offset allowed is fine: it skips everything.
    let out = ok(&["events", "--offset", "9223372036854775807", "--db", db]);
    assert!(out.is_empty(), "{out}");
}

/// (c) Occurrence exports (the default) carry every column the
/// per-report export has, admin1 and timestamp included. Each occurrence
/// here is told by one report, so the two exports must agree column by
/// column (but for the id, which names the record too).
#[test]
fn canonical_exports_keep_every_per_report_column() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_corpus(&dir.path().join("reports"), TOWNS.len());
    let db = dir.path().join("w.db");
    assert!(ingest(&db, &files).status.success());
    let db = db.to_str().unwrap();
    let read = |canonical: bool| {
        let mut args = vec!["export", "--format", "csv", "--db", db];
        if !canonical {
            args.push("--per-report");
        }
        let text = ok(&args);
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let head: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (head, rows)
    };
    let (head, per_report) = read(false);
    let (chead, canonical) = read(true);
    assert_eq!(head, chead);
    assert_eq!(per_report.len(), TOWNS.len());
    assert_eq!(canonical.len(), per_report.len());
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    assert!(
        per_report.iter().any(|r| !r[col("admin1")].is_empty()),
        "the corpus should resolve some provinces"
    );
    for (a, b) in per_report.iter().zip(&canonical) {
        for (i, name) in head.iter().enumerate() {
            if name == "event_id_cnty" {
                assert!(
                    a[i].starts_with(&format!("{}-r", b[i])),
                    "{} is a record of {}",
                    a[i],
                    b[i]
                );
                continue;
            }
            assert_eq!(a[i], b[i], "column {name} differs");
        }
        assert!(!b[col("timestamp")].is_empty(), "canonical timestamp empty");
    }
    // STIX locations keep their administrative area; GeoJSON its admin1.
    let areas = |canonical: bool, format: &str| {
        let mut args = vec!["export", "--format", format, "--db", db];
        if !canonical {
            args.push("--per-report");
        }
        let v: Value = serde_json::from_str(&ok(&args)).unwrap();
        let mut found: Vec<String> = if format == "stix" {
            v["objects"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|o| o["type"] == "location")
                .map(|o| o["administrative_area"].to_string())
                .collect()
        } else {
            v["features"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["properties"]["admin1"].to_string())
                .collect()
        };
        found.sort();
        found
    };
    for format in ["stix", "geojson"] {
        let want = areas(false, format);
        assert!(want.iter().any(|a| a != "null"), "{format}: {want:?}");
        assert_eq!(areas(true, format), want, "{format}");
    }
}

/// (d) Invisible format characters inside a name do not lose the actor.
#[test]
fn invisible_characters_inside_names_keep_the_actor() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, actor: &str| {
        let p = dir.path().join(name);
        std::fs::write(
            &p,
            format!(
                "Fighting in Darfur\n\nEL FASHER, Sudan, May 4, 2024 -- The {actor} attacked El Fasher, Sudan on 3 May 2024, killing 12 civilians, witnesses said.\n"
            ),
        )
        .unwrap();
        p
    };
    let actors = |p: &Path| -> Vec<String> {
        ok(&[Path::new("events").as_os_str(), p.as_os_str()])
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                format!("{} / {}", v["actor1"], v["actor2"])
            })
            .collect()
    };
    let plain = actors(&write("plain.txt", "RSF"));
    assert!(plain[0].contains("Rapid Support Forces"), "{plain:?}");
    for (i, spelled) in [
        "R\u{200d}S\u{200b}F",
        "Rapid\u{202e} Support\u{202c} Forces",
        "\u{200e}Rapid Sup\u{ad}port Forces\u{200f}",
        "R\u{2066}SF\u{2069}",
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(
            actors(&write(&format!("inv{i}.txt"), spelled)),
            plain,
            "{spelled:?}"
        );
    }
}

/// (e), (f) UTF-16 with a byte-order mark and CR-only or mixed line endings
/// code the same events as the UTF-8, LF file (spans included).
#[test]
fn utf16_and_old_mac_line_endings_code_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let text = report(7, "Gao", "Malian", 4, 9);
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("lf.txt", text.as_bytes().to_vec()),
        ("utf16le.txt", {
            let mut b = vec![0xFF, 0xFE];
            b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
        ("utf16be.txt", {
            let mut b = vec![0xFE, 0xFF];
            b.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            b
        }),
        ("cr.txt", text.replace('\n', "\r").into_bytes()),
        ("mixed.txt", {
            // CRLF, lone CR and LF in one file.
            let mut t = String::new();
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    // Never a lone CR right before an LF line ending,
                    // which would make one CRLF of the two.
                    t.push_str(["\r\n", "\n", "\r"][i % 3]);
                }
                t.push_str(line);
            }
            t.into_bytes()
        }),
    ];
    let mut outputs = Vec::new();
    for (name, bytes) in &variants {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = run(&[Path::new("events").as_os_str(), p.as_os_str()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {err}");
        let events = String::from_utf8(out.stdout).unwrap();
        assert!(!events.is_empty(), "{name}: no events ({err})");
        outputs.push((name, events));
    }
    // CRLF files have more bytes, so their spans differ; all else agrees.
    let without_spans = |s: &str| -> Vec<Value> {
        s.lines()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).unwrap();
                for e in v["evidence"].as_array_mut().unwrap() {
                    e.as_object_mut().unwrap().remove("span");
                }
                for c in v["claims"].as_array_mut().unwrap() {
                    c.as_object_mut().unwrap().remove("sentence");
                }
                v
            })
            .collect()
    };
    for (name, events) in &outputs[1..] {
        if **name == "mixed.txt" {
            assert_eq!(
                without_spans(events),
                without_spans(&outputs[0].1),
                "{name}"
            );
        } else {
            // Same length line endings or decoded text: spans agree too.
            assert_eq!(events, &outputs[0].1, "{name} codes other events");
        }
    }
    // And they ingest: the store holds the events.
    let db = dir.path().join("w.db");
    let paths: Vec<PathBuf> = variants.iter().map(|(n, _)| dir.path().join(n)).collect();
    let out = ingest(&db, &paths);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open_existing(&db).unwrap();
    for f in store.files().unwrap() {
        assert!(f.events > 0, "{} stored no events", f.path);
    }
}

/// No silent loss: a file whose text plainly has sentences but codes no
/// event is named in a warning.
#[test]
fn ingest_warns_about_a_file_with_sentences_and_no_events() {
    let dir = tempfile::tempdir().unwrap();
    let quiet = dir.path().join("budget.txt");
    std::fs::write(
        &quiet,
        "Budget Talks Resume\n\nThe finance minister presented the draft budget to parliament on Monday. \
         Members asked about spending on schools and roads. A vote is expected next month. \
         Analysts expect the draft to pass with minor changes.\n",
    )
    .unwrap();
    let eventful = write_corpus(&dir.path().join("reports"), 1);
    let out = ingest(
        &dir.path().join("w.db"),
        &[quiet.clone(), eventful[0].clone()],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("watchfloor: warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("budget.txt") && warnings[0].contains("no events"),
        "{err}"
    );
}
