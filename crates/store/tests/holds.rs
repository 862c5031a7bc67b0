//! Issue 16 at the store's interface: writers queue instead of failing,
//! readers never write, counts cannot wrap, FTS5 syntax errors name the
//! query, canonical events carry admin1 and a timestamp.

use watchfloor_model::{Event, EventType, Evidence, Paragraph, PartialDate, Report, Section, Span};
use watchfloor_store::{
    content_hash, Error, EventFilter, IngestOutcome, IngestReport, MergeRules, SearchOptions, Store,
};

fn file(n: usize) -> Vec<IngestReport> {
    let title = format!("Blast in Portside {n}");
    let text = format!("A bomb went off in Portside, killing {n} people.");
    let d: PartialDate = format!("2031-05-{:02}", 1 + n % 28).parse().unwrap();
    vec![IngestReport {
        report: Report {
            title: title.clone(),
            file: format!("{n}.txt"),
            paragraphs: vec![Paragraph {
                text: text.clone(),
                span: Span::new(0, text.len()),
                note_refs: vec![],
            }],
            ..Report::default()
        },
        events: vec![Event {
            admin1: Some("Harbour Province".into()),
            report_title: title,
            event_type: EventType::ExplosionsRemoteViolence,
            sub_event_type: watchfloor_model::SubEventType::RemoteExplosiveLandmineIed,
            event_date: d,
            date_precision: d.precision,
            country: "ZZ".into(),
            // Far apart, so no two files tell one occurrence.
            location: format!("Portside {n}"),
            latitude: Some(-60.0 + n as f64),
            longitude: Some(-170.0 + 3.0 * n as f64),
            geo_precision: Some("exact".into()),
            actor1: None,
            actor2: None,
            fatalities: Some(n as u32),
            injuries: None,
            civilian_targeting: false,
            claims: vec![],
            evidence: vec![Evidence {
                span: Span::new(0, 6),
                text: text.clone(),
                section: Section::Commentary,
                source: None,
            }],
        }],
    }]
}

fn put(store: &mut Store, n: usize) -> IngestOutcome {
    let hash = content_hash(format!("file {n}").as_bytes());
    store
        .ingest_file(
            &format!("/r/{n}.txt"),
            &hash,
            100,
            &file(n),
            &MergeRules::default(),
        )
        .unwrap()
}

/// Several handles (as several `watchfloor ingest` processes) write the
/// same and different files at once: every write commits, each file once.
#[test]
fn concurrent_writers_queue_and_each_file_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    drop(Store::open(&path).unwrap());
    let threads: Vec<_> = (0..3)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                // Overlapping sets: 0..20, 10..30, 0..30 step 2.
                let mine: Vec<usize> = match t {
                    0 => (0..20).collect(),
                    1 => (10..30).collect(),
                    _ => (0..30).step_by(2).collect(),
                };
                mine.into_iter()
                    .map(|n| matches!(put(&mut store, n), IngestOutcome::Added(_)))
                    .filter(|added| *added)
                    .count()
            })
        })
        .collect();
    let added: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(
        added, 30,
        "each file added exactly once, never replaced by a twin"
    );
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.files().unwrap().len(), 30);
    assert_eq!(store.events(&EventFilter::default()).unwrap().len(), 30);
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}

/// Offsets and limits beyond SQLite's signed 64 bits saturate: a huge
/// offset skips everything, a huge limit limits nothing.
#[test]
fn huge_offsets_and_limits_never_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.db")).unwrap();
    for n in 0..5 {
        put(&mut store, n);
    }
    let page = |offset: usize, limit: Option<usize>| {
        store
            .events(&EventFilter {
                offset,
                limit,
                ..EventFilter::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(page(usize::MAX, None), 0);
    assert_eq!(page(1 << 63, Some(3)), 0);
    assert_eq!(page(i64::MAX as usize, Some(3)), 0);
    assert_eq!(page(0, Some(usize::MAX)), 5);
    assert_eq!(page(2, Some(1 << 63)), 3);
    let canonical = store
        .canonical_events(&EventFilter {
            offset: usize::MAX,
            ..EventFilter::default()
        })
        .unwrap();
    assert!(canonical.is_empty());
}

/// A raw query FTS5 cannot read is a query error naming the query and the
/// problem (the CLI's usage error), not "SQL error or missing database".
#[test]
fn fts5_syntax_errors_name_the_query_and_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.db")).unwrap();
    put(&mut store, 1);
    let raw = SearchOptions {
        raw: true,
        ..SearchOptions::default()
    };
    for (q, problem) in [
        ("\"", "unterminated string"),
        ("bomb AND", "syntax error"),
        ("nosuchcolumn:bomb", "no such column"),
    ] {
        let err = store.search(q, &raw).unwrap_err();
        assert!(err.is_usage(), "{q}: {err:?}");
        let msg = err.to_string();
        assert!(msg.contains(q) && msg.contains(problem), "{q}: {msg}");
        assert!(!msg.contains("missing database"), "{msg}");
    }
    // The same text typed without --raw is searched literally.
    assert!(store
        .search("\" bomb AND", &SearchOptions::default())
        .is_ok());
    assert_eq!(store.search("bomb", &raw).unwrap().len(), 1);
}

/// A canonical event carries what its representative per-report record
/// does: the first-level division, and when it was stored.
#[test]
fn canonical_events_carry_admin1_and_a_timestamp() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.db")).unwrap();
    put(&mut store, 3);
    let per_report = store.events(&EventFilter::default()).unwrap();
    let canonical = store.canonical_events(&EventFilter::default()).unwrap();
    assert_eq!(canonical.len(), 1);
    assert_eq!(canonical[0].admin1.as_deref(), Some("Harbour Province"));
    assert_eq!(canonical[0].admin1, per_report[0].admin1);
    assert_eq!(canonical[0].stored_at, per_report[0].stored_at);
    assert!(canonical[0].stored_at > 1_600_000_000);
}

/// Reading never writes: a read-only handle reads a store whose file is
/// read-only, refuses to migrate an older one (saying what to run), and
/// leaves the file's bytes alone.
#[test]
fn read_only_handles_never_write() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    {
        let mut store = Store::open(&path).unwrap();
        put(&mut store, 1);
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    {
        let store = Store::open_read_only(&path).unwrap();
        assert!(store.is_read_only());
        assert_eq!(store.events(&EventFilter::default()).unwrap().len(), 1);
        assert_eq!(
            store
                .search("bomb", &SearchOptions::default())
                .unwrap()
                .len(),
            1
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // An older schema: refused, not migrated.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    set_user_version(&path, 1);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open_read_only(&path).unwrap_err();
    assert!(matches!(err, Error::TooOld { found: 1, .. }), "{err:?}");
    assert!(err.to_string().contains("watchfloor relink"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the reader migrated");

    let err = Store::open_read_only(dir.path().join("none.db")).unwrap_err();
    assert!(matches!(err, Error::Missing(_)), "{err:?}");
}

/// Sets a store's schema version behind its back, as an older watchfloor
/// would have left it.
fn set_user_version(path: &std::path::Path, v: i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "user_version", v).unwrap();
}
