//! Large files stored in batches: links equal to one transaction's, an
//! interrupted file detected and replaced, and occurrences of many records
//! linked by their distinct codings.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use watchfloor_model::{Event, EventType, Evidence, Paragraph, PartialDate, Report, Section, Span};
use watchfloor_store::{content_hash, EventFilter, IngestOutcome, IngestReport, MergeRules, Store};

fn open(dir: &tempfile::TempDir, name: &str) -> Store {
    Store::open(dir.path().join(name)).unwrap()
}

/// A bombing in town `place` (x km east of a reference point) on `day` of
/// May 2031, by `actor`, told by report `title`.
fn event(title: &str, day: u32, place: f64, actor: Option<&str>, dead: u32) -> Event {
    let d: PartialDate = format!("2031-05-{day:02}").parse().unwrap();
    Event {
        admin1: None,
        report_title: title.into(),
        event_type: EventType::ExplosionsRemoteViolence,
        sub_event_type: watchfloor_model::SubEventType::SuicideBomb,
        event_date: d,
        date_precision: d.precision,
        country: "ZZ".into(),
        location: format!("Town {place}"),
        latitude: Some(10.0),
        longitude: Some(20.0 + place / 110.0),
        geo_precision: Some("exact".into()),
        actor1: actor.map(Into::into),
        actor2: None,
        fatalities: Some(dead),
        injuries: None,
        civilian_targeting: false,
        claims: vec![],
        evidence: vec![Evidence {
            span: Span::new(0, 5),
            text: format!("a blast killed {dead}"),
            section: Section::Commentary,
            source: Some(format!("{title} source")),
        }],
    }
}

fn report(title: &str, events: Vec<Event>) -> IngestReport {
    let text = format!("{title}: a bomb went off.");
    IngestReport {
        report: Report {
            title: title.into(),
            file: "big.txt".into(),
            span: Span::new(0, text.len()),
            paragraphs: vec![Paragraph {
                span: Span::new(0, text.len()),
                text,
                note_refs: vec![],
            }],
            ..Report::default()
        },
        events,
    }
}

/// A digest that retells a few occurrences again and again (the shape that
/// made occurrences of hundreds of records), with a conflicting actor now
/// and then so complete linkage has something to refuse.
fn digest(n: usize) -> Vec<IngestReport> {
    (0..n)
        .map(|i| {
            let title = format!("Report {i}");
            let actor = match i % 7 {
                0 => Some("Blue Front"),
                3 => None,
                _ => Some("Red Front"),
            };
            let events = vec![
                event(&title, 1 + (i % 3) as u32, 0.0, actor, 10 + (i % 5) as u32),
                event(
                    &title,
                    20,
                    400.0 + (i % 2) as f64,
                    Some("Red Front"),
                    i as u32,
                ),
            ];
            report(&title, events)
        })
        .collect()
}

/// An occurrence's records, fatality estimates (low, best, high) and the
/// start of each record's link reason.
type Occurrence = (
    Vec<String>,
    (Option<u32>, Option<u32>, Option<u32>),
    Vec<String>,
);

/// Which records (report title, event) make each occurrence, with its
/// estimates and how many records each link reason says it agreed with:
/// everything but row ids.
fn links(store: &Store) -> Vec<Occurrence> {
    let events = store
        .events(&EventFilter {
            limit: Some(100_000),
            ..EventFilter::default()
        })
        .unwrap();
    let mut by: BTreeMap<i64, ()> = BTreeMap::new();
    for e in &events {
        by.insert(e.canonical_id.expect("every event is linked"), ());
    }
    let mut out: Vec<_> = by
        .keys()
        .map(|&cid| {
            let c = store.canonical(cid).unwrap().unwrap();
            let members = c
                .members
                .iter()
                .map(|m| format!("{} @ {}", m.report_title, m.event.location))
                .collect();
            let reasons = c
                .members
                .iter()
                .map(|m| {
                    m.reason
                        .split(" of canonical")
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
                .collect();
            (
                members,
                (c.fatalities.low, c.fatalities.best, c.fatalities.high),
                reasons,
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn batches_link_as_one_transaction_does() {
    let dir = tempfile::tempdir().unwrap();
    let reports = digest(60);
    let hash = content_hash(b"digest 60");
    let rules = MergeRules::default();
    let mut whole = open(&dir, "whole.db");
    whole
        .ingest_file("big.txt", &hash, 1, &reports, &rules)
        .unwrap();
    let mut batched = open(&dir, "batched.db");
    let out = batched
        .ingest_batches("big.txt", &hash, 1, reports.chunks(7), &rules)
        .unwrap();
    let IngestOutcome::Added(summary) = out else {
        panic!("{out:?}")
    };
    assert_eq!((summary.reports, summary.events), (60, 120));
    let expected = links(&whole);
    assert_eq!(links(&batched), expected);
    // The digest does merge, and complete linkage keeps the Blue Front's
    // retellings out of the Red Front's occurrence.
    let biggest = expected.iter().map(|o| o.0.len()).max().unwrap();
    assert!(biggest > 10, "{expected:?}");
    assert!(expected
        .iter()
        .any(|o| o.0.iter().any(|m| m.starts_with("Report 0 @ Town 0"))));
    assert!(expected
        .iter()
        .all(|o| !(o.0.contains(&"Report 0 @ Town 0".to_string())
            && o.0.contains(&"Report 1 @ Town 0".to_string()))));
    assert_eq!(
        batched.already_ingested(&hash).unwrap().as_deref(),
        Some("big.txt")
    );
    assert_eq!(batched.file_hash("big.txt").unwrap(), Some(hash));
    let files = batched.files().unwrap();
    assert_eq!((files[0].reports, files[0].events), (60, 120));
}

#[test]
fn an_interrupted_file_is_partial_and_the_next_run_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let reports = digest(50);
    let hash = content_hash(b"digest 50");
    let rules = MergeRules::default();
    let mut store = open(&dir, "w.db");
    // An earlier, complete file that shares occurrences with the big one.
    let other = vec![report(
        "Other",
        vec![event("Other", 1, 0.0, Some("Red Front"), 3)],
    )];
    store
        .ingest_file("other.txt", &content_hash(b"other"), 1, &other, &rules)
        .unwrap();
    // The run dies while coding the third batch (SIGKILL, power loss).
    let died = catch_unwind(AssertUnwindSafe(|| {
        let mut n = 0;
        let batches = reports.chunks(10).inspect(|_| {
            n += 1;
            if n == 3 {
                panic!("killed");
            }
        });
        store.ingest_batches("big.txt", &hash, 1, batches, &rules)
    }));
    assert!(died.is_err());
    drop(store);
    let mut store = open(&dir, "w.db");
    // The first batch is stored (the second was drawn, not yet committed).
    assert_eq!(store.stored_counts("big.txt").unwrap(), (10, 20));
    // ... but the file does not count as stored.
    assert_eq!(store.already_ingested(&hash).unwrap(), None);
    let marked = store.file_hash("big.txt").unwrap().unwrap();
    assert_ne!(marked, hash);
    assert!(marked.ends_with(&hash), "{marked}");
    // The next run replaces it whole.
    let out = store
        .ingest_batches("big.txt", &hash, 1, reports.chunks(10), &rules)
        .unwrap();
    assert!(matches!(out, IngestOutcome::Replaced(_)), "{out:?}");
    assert_eq!(store.stored_counts("big.txt").unwrap(), (50, 100));
    assert_eq!(store.stats().unwrap().events, 101);
    assert!(store.integrity_check().unwrap().is_ok());
    // The same as a run that was never interrupted.
    let mut clean = open(&dir, "clean.db");
    clean
        .ingest_file("other.txt", &content_hash(b"other"), 1, &other, &rules)
        .unwrap();
    clean
        .ingest_file("big.txt", &hash, 1, &reports, &rules)
        .unwrap();
    assert_eq!(links(&store), links(&clean));
    // And a third run has nothing to do.
    let again = store
        .ingest_batches("big.txt", &hash, 1, reports.chunks(10), &rules)
        .unwrap();
    assert!(
        matches!(again, IngestOutcome::Unchanged { .. }),
        "{again:?}"
    );
}

#[test]
fn the_same_content_interrupted_under_another_path_is_not_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let reports = digest(30);
    let hash = content_hash(b"digest 30");
    let rules = MergeRules::default();
    let mut store = open(&dir, "w.db");
    let died = catch_unwind(AssertUnwindSafe(|| {
        let batches = reports.chunks(10).enumerate().map(|(i, b)| {
            assert!(i < 2, "killed");
            b
        });
        store.ingest_batches("old/big.txt", &hash, 1, batches, &rules)
    }));
    assert!(died.is_err());
    let out = store
        .ingest_file("new/big.txt", &hash, 1, &reports, &rules)
        .unwrap();
    assert!(matches!(out, IngestOutcome::Added(_)), "{out:?}");
    assert_eq!(store.stored_counts("old/big.txt").unwrap(), (0, 0));
    assert_eq!(store.stats().unwrap().events, 60);
    assert_eq!(store.files().unwrap().len(), 1);
}

#[test]
fn a_record_agreeing_with_every_coding_still_needs_a_report_of_its_own() {
    // Twenty identical retellings make one occurrence; a second event of
    // one of those reports, coded the same, must not join it.
    let dir = tempfile::tempdir().unwrap();
    let rules = MergeRules::default();
    let mut store = open(&dir, "w.db");
    let mut reports: Vec<IngestReport> = (0..20)
        .map(|i| {
            let t = format!("Retelling {i}");
            report(&t, vec![event(&t, 5, 0.0, Some("Red Front"), 4)])
        })
        .collect();
    reports[7]
        .events
        .push(event("Retelling 7", 5, 0.0, Some("Red Front"), 9));
    store
        .ingest_batches("r.txt", &content_hash(b"r"), 1, reports.chunks(6), &rules)
        .unwrap();
    let st = store.stats().unwrap();
    assert_eq!((st.events, st.canonical_events), (21, 2));
    let all = links(&store);
    assert_eq!(all[0].0.len(), 20, "{all:?}");
    assert_eq!(all[1].0, ["Retelling 7 @ Town 0"]);
    // The 20th record's reason counts the 19 before it.
    assert!(
        all[0]
            .2
            .iter()
            .any(|r| r.starts_with("agrees with all 19 record(s)")),
        "{:?}",
        all[0].2
    );
}

#[test]
fn a_record_stored_by_another_writer_between_batches_is_compared_too() {
    // Batch 1 opens an occurrence (unnamed bomber). Between batches another
    // process adds a Blue Front record to it. Batch 2's Red Front record
    // agrees with batch 1's but not with the Blue Front's: it must not join.
    let dir = tempfile::tempdir().unwrap();
    let rules = MergeRules::default();
    let mut store = open(&dir, "w.db");
    let path = dir.path().join("w.db");
    let first = vec![report("First", vec![event("First", 5, 0.0, None, 1)])];
    let second = vec![report(
        "Second",
        vec![event("Second", 5, 0.0, Some("Red Front"), 2)],
    )];
    let mut n = 0;
    // Each batch is drawn before the one ahead of it commits (to know which
    // is last): the third is drawn after batch 1 commits, before batch 2.
    let batches = [first, second, vec![]].into_iter().inspect(|_| {
        n += 1;
        if n == 3 {
            let mut other = Store::open(&path).unwrap();
            let blue = vec![report(
                "Blue",
                vec![event("Blue", 5, 0.0, Some("Blue Front"), 3)],
            )];
            let out = other
                .ingest_file("blue.txt", &content_hash(b"blue"), 1, &blue, &rules)
                .unwrap();
            assert!(
                matches!(out, IngestOutcome::Added(ref s) if s.merged == 1),
                "{out:?}"
            );
        }
    });
    store
        .ingest_batches("two.txt", &content_hash(b"two"), 1, batches, &rules)
        .unwrap();
    let all = links(&store);
    let members: Vec<Vec<String>> = all.into_iter().map(|o| o.0).collect();
    assert_eq!(
        members,
        [
            vec!["First @ Town 0".to_string(), "Blue @ Town 0".to_string()],
            vec!["Second @ Town 0".to_string()],
        ]
    );
}
