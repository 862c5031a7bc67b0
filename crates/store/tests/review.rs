//! The analyst's layer: citable occurrence ids that last, corrections
//! that survive re-ingest and relink, merges and splits, rejection,
//! source filters and watchlists. Reports and events are built in code.

use serde_json::json;
use watchfloor_actors::Catalogue;
use watchfloor_model::{
    DatePrecision, Event, EventType, Evidence, Paragraph, PartialDate, Report, Section, Source,
    Span, Text,
};
use watchfloor_store::{
    content_hash, EditRequest, EventFilter, FilterSpec, Found, IngestReport, MergeRules, Store,
};

/// One invented report with its own outlet.
fn report(title: &str, outlet: &str, sentence: &str) -> Report {
    let para = |t: &str| Paragraph {
        text: t.into(),
        span: Span::new(0, t.len()),
        note_refs: vec![],
    };
    Report {
        title: title.into(),
        file: format!("{title}.txt"),
        paragraphs: vec![para("Commentary on the week.")],
        sources: vec![Source {
            outlet: Some(outlet.into()),
            citation: Text {
                text: format!("\u{201c}News,\u{201d} {outlet}, 3 May 2031."),
                span: Span::new(0, 10),
            },
            excerpt: vec![para(sentence)],
            ..Source::default()
        }],
        ..Report::default()
    }
}

/// A raid on `place` (`lat`, `lon`) in Mali, read from `sentence`.
fn raid(
    title: &str,
    sentence: &str,
    place: (&str, f64, f64),
    date: &str,
    dead: Option<u32>,
) -> Event {
    let d: PartialDate = date.parse().unwrap();
    Event {
        report_title: title.into(),
        event_type: EventType::Battles,
        sub_event_type: watchfloor_model::SubEventType::ArmedClash,
        event_date: d,
        date_precision: d.precision,
        country: "ML".into(),
        location: place.0.into(),
        latitude: Some(place.1),
        longitude: Some(place.2),
        geo_precision: Some("exact".into()),
        admin1: Some("Gao Region".into()),
        actor1: Some("Red Dune Brigade".into()),
        actor2: Some("Military Forces of Mali".into()),
        fatalities: dead,
        injuries: None,
        civilian_targeting: false,
        claims: vec![],
        evidence: vec![Evidence {
            span: Span::new(0, sentence.len()),
            text: sentence.into(),
            section: Section::Excerpt { source: 0 },
            source: Some("News".into()),
        }],
    }
}

const DUNE: (&str, f64, f64) = ("Dune Well", 16.27, -0.04);
const RIDGE: (&str, f64, f64) = ("Ridge Camp", 14.49, -4.19);

/// A file of one report telling one raid.
fn file(store: &mut Store, path: &str, version: &str, outlet: &str, sentence: &str, e: Event) {
    let hash = content_hash(format!("{path}{version}").as_bytes());
    let reports = vec![IngestReport {
        report: report(&e.report_title, outlet, sentence),
        events: vec![e],
    }];
    store
        .ingest_file(path, &hash, 100, &reports, &MergeRules::default())
        .unwrap();
}

const SAID_A: &str =
    "Fighters of the Red Dune Brigade stormed the army post at Dune Well on 2 May.";
const SAID_B: &str = "The brigade attacked soldiers at Dune Well, killing nine.";
const SAID_C: &str = "Soldiers clashed with the brigade near Ridge Camp.";

/// Two reports of the Dune Well raid (7 and 9 dead), one of Ridge Camp.
fn three_files() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.db")).unwrap();
    file(
        &mut store,
        "/r/a.txt",
        "v1",
        "Sahel Morning",
        SAID_A,
        raid("Raid on Dune Well", SAID_A, DUNE, "2031-05-02", Some(7)),
    );
    file(
        &mut store,
        "/r/b.txt",
        "v1",
        "Desert Wire",
        SAID_B,
        raid("Dune Well attack", SAID_B, DUNE, "2031-05-02", Some(9)),
    );
    file(
        &mut store,
        "/r/c.txt",
        "v1",
        "Desert Wire",
        SAID_C,
        raid("Ridge Camp clash", SAID_C, RIDGE, "2031-05-20", None),
    );
    (dir, store)
}

fn ids(store: &Store, filter: &EventFilter) -> Vec<String> {
    let rows = store.canonical_ids(filter).unwrap();
    let by_row = store.public_ids(&rows).unwrap();
    rows.iter().map(|r| by_row[r].clone()).collect()
}

fn all(store: &Store) -> Vec<String> {
    ids(store, &EventFilter::default())
}

fn by(who: &str) -> EditRequest {
    EditRequest {
        by: who.into(),
        ..EditRequest::default()
    }
}

fn occurrence(store: &Store, id: &str) -> watchfloor_store::CanonicalEvent {
    store
        .occurrence(id)
        .unwrap()
        .unwrap_or_else(|| panic!("no occurrence {id}"))
}

#[test]
fn occurrences_get_country_ids_that_survive_relink_and_reingest() {
    let (_dir, mut store) = three_files();
    assert_eq!(
        all(&store),
        ["MLI1", "MLI2"],
        "oldest first; the raid told twice is one"
    );
    let dune = occurrence(&store, "mli1");
    assert_eq!(dune.members.len(), 2);
    assert_eq!(dune.public_id, "MLI1");

    store
        .relink(&MergeRules::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!(all(&store), ["MLI1", "MLI2"], "a relink keeps every id");

    // The first report changes (a new figure): its records are replaced,
    // and the occurrence keeps its id.
    file(
        &mut store,
        "/r/a.txt",
        "v2",
        "Sahel Morning",
        SAID_A,
        raid("Raid on Dune Well", SAID_A, DUNE, "2031-05-02", Some(8)),
    );
    assert_eq!(all(&store), ["MLI1", "MLI2"]);
    assert_eq!(occurrence(&store, "MLI1").fatalities.low, Some(8));

    // Every record of Ridge Camp goes away and comes back: same id.
    file(
        &mut store,
        "/r/c.txt",
        "v2",
        "Desert Wire",
        "Nothing happened.",
        raid(
            "Ridge Camp clash",
            "Nothing happened.",
            RIDGE,
            "2031-09-20",
            None,
        ),
    );
    file(
        &mut store,
        "/r/c.txt",
        "v3",
        "Desert Wire",
        SAID_C,
        raid("Ridge Camp clash", SAID_C, RIDGE, "2031-05-20", None),
    );
    assert!(
        all(&store).contains(&"MLI2".to_string()),
        "{:?}",
        all(&store)
    );

    // Rules that keep every record apart split the Dune Well raid: the part
    // holding the oldest record keeps MLI1, the other part gets a new id.
    let apart = MergeRules {
        exact_km: -1.0,
        province_km: -1.0,
        ..MergeRules::default()
    };
    store.relink(&apart, &mut |_, _| {}).unwrap();
    let split = all(&store);
    // MLI3 went to the Ridge Camp report's passing version above.
    assert_eq!(split, ["MLI1", "MLI4", "MLI2"]);
    store
        .relink(&MergeRules::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!(all(&store), ["MLI1", "MLI2"]);
    // The part that rejoined is retired into the occurrence it joined; the
    // passing version's id, whose records went away, into none.
    match store.find("mli4").unwrap() {
        Found::Retired { into, .. } => assert_eq!(into.as_deref(), Some("MLI1")),
        other => panic!("{other:?}"),
    }
    match store.find("MLI3").unwrap() {
        Found::Retired { into, .. } => assert_eq!(into, None),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}

#[test]
fn an_edit_survives_reingest_and_relink_and_the_coder_s_disagreement_shows() {
    let (_dir, mut store) = three_files();
    let cat = Catalogue::load_default().unwrap();
    let (actor, warn) = watchfloor_store::parse_value(&cat, "actor1", "JNIM").unwrap();
    assert!(warn.is_none());
    let req = EditRequest {
        set: vec![
            ("actor1".into(), actor.clone()),
            ("fatalities".into(), json!(12)),
        ],
        note: Some("Two outlets, one raid; the army's toll is 12.".into()),
        ..by("alice")
    };
    let out = store.edit("MLI1", &req, &MergeRules::default()).unwrap();
    assert_eq!(out.changes.len(), 3, "{:?}", out.changes);
    let shown = |store: &Store| occurrence(store, "MLI1");
    let c = shown(&store);
    assert_eq!(c.event.actor1, actor.as_str().map(String::from));
    assert_eq!(
        (c.fatalities.low, c.fatalities.best, c.fatalities.high),
        (Some(12), Some(12), Some(12))
    );
    assert_eq!(c.event.fatalities, Some(12));
    assert_eq!(c.review.fields.len(), 2);
    assert!(c
        .review
        .fields
        .iter()
        .all(|f| !f.coder_changed() && f.by == "alice"));
    assert_eq!(c.review.notes().count(), 1);
    let set = c
        .review
        .log
        .iter()
        .find(|l| l.field.as_deref() == Some("fatalities"))
        .unwrap();
    assert_eq!(
        (set.before.clone(), set.after.clone()),
        (Some(json!(7)), Some(json!(12))),
        "before: the best of 7 and 9"
    );

    // The coder reads the first report again and now says 20 dead: the
    // correction stands, and the disagreement is there to see.
    file(
        &mut store,
        "/r/a.txt",
        "v2",
        "Sahel Morning",
        SAID_A,
        raid("Raid on Dune Well", SAID_A, DUNE, "2031-05-02", Some(20)),
    );
    let c = shown(&store);
    assert_eq!(c.event.fatalities, Some(12));
    assert_eq!(c.event.actor1, actor.as_str().map(String::from));
    let f = c
        .review
        .fields
        .iter()
        .find(|f| f.field == "fatalities")
        .unwrap();
    assert!(f.coder_changed() && !f.coder_agrees(), "{f:?}");
    assert_eq!(f.coder_then, json!(7));
    let coder_now = f.coder_now.as_u64().map(|n| n as u32);
    assert_eq!(
        coder_now,
        occurrence(&store, "MLI1")
            .fatalities
            .figures
            .iter()
            .map(|f| f.value)
            .min()
    );

    store
        .relink(&MergeRules::default(), &mut |_, _| {})
        .unwrap();
    let c = shown(&store);
    assert_eq!(
        (c.event.fatalities, c.event.actor1.clone()),
        (Some(12), actor.as_str().map(String::from))
    );
    assert_eq!(c.review.log.len(), 3);

    // Filters see the corrected values, and only those.
    let jnim = actor.as_str().unwrap().to_string();
    let by_actor = EventFilter {
        actors: vec![jnim],
        ..EventFilter::default()
    };
    assert_eq!(ids(&store, &by_actor), ["MLI1"]);
    let deadly = EventFilter {
        min_fatalities: Some(13),
        ..EventFilter::default()
    };
    assert!(
        ids(&store, &deadly).is_empty(),
        "the coder's 20 is overruled by 12"
    );

    // Clearing the correction shows the coder's value again.
    let req = EditRequest {
        clear: vec!["fatalities".into()],
        ..by("bob")
    };
    store.edit("MLI1", &req, &MergeRules::default()).unwrap();
    assert_eq!(shown(&store).event.fatalities, coder_now);
    assert!(c.stored_at > 0);
}

#[test]
fn a_sub_type_is_set_with_its_type() {
    let (_dir, mut store) = three_files();
    let cat = Catalogue::load_default().unwrap();
    let (sub, _) = watchfloor_store::parse_value(&cat, "sub_event_type", "suicide BOMB").unwrap();
    assert_eq!(sub, json!("Suicide bomb"));
    let err = watchfloor_store::parse_value(&cat, "sub_event_type", "Suicide bom").unwrap_err();
    assert!(err.contains("did you mean Suicide bomb"), "{err}");
    let alone = EditRequest {
        set: vec![("sub_event_type".into(), sub.clone())],
        ..by("alice")
    };
    let err = store
        .edit("MLI2", &alone, &MergeRules::default())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("belongs to Explosions/Remote violence"),
        "{err}"
    );
    let (kind, _) =
        watchfloor_store::parse_value(&cat, "event_type", "explosions/remote violence").unwrap();
    let both = EditRequest {
        set: vec![("event_type".into(), kind), ("sub_event_type".into(), sub)],
        ..by("alice")
    };
    store.edit("MLI2", &both, &MergeRules::default()).unwrap();
    let c = occurrence(&store, "MLI2");
    assert_eq!(c.event.sub_event_type.as_str(), "Suicide bomb");
    let by_type = EventFilter {
        event_type: Some(EventType::ExplosionsRemoteViolence),
        ..EventFilter::default()
    };
    assert_eq!(
        ids(&store, &by_type),
        ["MLI2"],
        "filters read the corrected type"
    );
}

#[test]
fn a_rejected_occurrence_leaves_listings_until_restored() {
    let (_dir, mut store) = three_files();
    let req = EditRequest {
        reject: true,
        note: Some("a training exercise, not a clash".into()),
        ..by("alice")
    };
    store.edit("MLI2", &req, &MergeRules::default()).unwrap();
    assert_eq!(all(&store), ["MLI1"]);
    assert_eq!(
        store.events(&EventFilter::default()).unwrap().len(),
        2,
        "its record is left out too"
    );
    let everything = EventFilter {
        include_rejected: true,
        ..EventFilter::default()
    };
    assert_eq!(ids(&store, &everything), ["MLI1", "MLI2"]);
    assert!(occurrence(&store, "MLI2").review.rejected);
    store
        .relink(&MergeRules::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!(all(&store), ["MLI1"], "rejection lasts across relink");
    store
        .edit(
            "MLI2",
            &EditRequest {
                restore: true,
                ..by("bob")
            },
            &MergeRules::default(),
        )
        .unwrap();
    assert_eq!(all(&store), ["MLI1", "MLI2"]);
    let err = store
        .edit(
            "MLI9",
            &EditRequest {
                reject: true,
                ..by("bob")
            },
            &MergeRules::default(),
        )
        .unwrap_err();
    assert!(
        err.is_usage() && err.to_string().contains("no occurrence MLI9"),
        "{err}"
    );
}

#[test]
fn merges_and_splits_hold_across_relink() {
    let (_dir, mut store) = three_files();
    let rules = MergeRules::default();
    // Ridge Camp turns out to be the same raid as Dune Well.
    let out = store
        .edit(
            "MLI1",
            &EditRequest {
                merge: vec!["mli2".into()],
                ..by("alice")
            },
            &rules,
        )
        .unwrap();
    assert!(
        out.changes[0].contains("merged MLI2 into MLI1"),
        "{:?}",
        out.changes
    );
    assert_eq!(all(&store), ["MLI1"]);
    assert_eq!(occurrence(&store, "MLI1").members.len(), 3);
    match store.find("MLI2").unwrap() {
        Found::Retired { into, .. } => assert_eq!(into.as_deref(), Some("MLI1")),
        other => panic!("{other:?}"),
    }
    store.relink(&rules, &mut |_, _| {}).unwrap();
    assert_eq!(all(&store), ["MLI1"], "the merge outlives the rules");
    file(
        &mut store,
        "/r/c.txt",
        "v2",
        "Desert Wire",
        SAID_C,
        raid("Ridge Camp clash", SAID_C, RIDGE, "2031-05-20", Some(2)),
    );
    assert_eq!(
        all(&store),
        ["MLI1"],
        "and a re-ingest of the merged report"
    );

    // Now split one record off: it gets a new id, the rest keep MLI1.
    let c = occurrence(&store, "MLI1");
    let ridge = c
        .members
        .iter()
        .find(|m| m.event.location == "Ridge Camp")
        .unwrap()
        .event_id;
    let out = store
        .edit(
            "MLI1",
            &EditRequest {
                split: Some(vec![ridge]),
                ..by("bob")
            },
            &rules,
        )
        .unwrap();
    assert_eq!(out.created, ["MLI3"]);
    assert_eq!(all(&store), ["MLI1", "MLI3"]);
    store.relink(&rules, &mut |_, _| {}).unwrap();
    assert_eq!(
        all(&store),
        ["MLI1", "MLI3"],
        "the split outlives the rules"
    );
    assert_eq!(occurrence(&store, "MLI1").members.len(), 2);
    let log = occurrence(&store, "MLI3").review.log;
    assert_eq!(log[0].action, "split-from");
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}

#[test]
fn sources_filter_by_report_outlet_file_and_collection() {
    let (_dir, mut store) = three_files();
    let cat = Catalogue::load_default().unwrap();
    store.set_collection("/r/c.txt", "demo").unwrap();
    let spec = |f: FilterSpec| f.resolve(&store, &cat, |p| p.to_string()).unwrap();
    let wire = spec(FilterSpec {
        source: vec!["desert".into()],
        ..FilterSpec::default()
    });
    assert_eq!(ids(&store, &wire), ["MLI1", "MLI2"]);
    let morning = spec(FilterSpec {
        source: vec!["Sahel Morning".into()],
        ..FilterSpec::default()
    });
    assert_eq!(ids(&store, &morning), ["MLI1"]);
    let demo = spec(FilterSpec {
        collection: vec!["demo".into()],
        ..FilterSpec::default()
    });
    assert_eq!(ids(&store, &demo), ["MLI2"]);
    let b = spec(FilterSpec {
        file: vec!["b.txt".into()],
        ..FilterSpec::default()
    });
    assert_eq!(ids(&store, &b), ["MLI1"]);
    let titled = spec(FilterSpec {
        report: vec!["ridge camp".into()],
        ..FilterSpec::default()
    });
    assert_eq!(ids(&store, &titled), ["MLI2"]);
    assert_eq!(store.events(&titled).unwrap().len(), 1);
    let err = FilterSpec {
        source: vec!["Desert Wyre".into()],
        ..FilterSpec::default()
    }
    .resolve(&store, &cat, |p| format!("--{p}"))
    .unwrap_err();
    assert!(err.message.contains("did you mean Desert Wire"), "{err}");
}

#[test]
fn a_watchlist_flags_the_new_matching_occurrences_of_an_ingest_and_no_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.db")).unwrap();
    let cat = Catalogue::load_default().unwrap();
    file(
        &mut store,
        "/r/a.txt",
        "v1",
        "Sahel Morning",
        SAID_A,
        raid("Raid on Dune Well", SAID_A, DUNE, "2031-05-02", Some(30)),
    );
    let deadly = FilterSpec {
        country: vec!["Mali".into()],
        min_fatalities: Some(10),
        ..FilterSpec::default()
    };
    store
        .add_watchlist("deadly-mali", &deadly, "alice", &cat)
        .unwrap();
    assert!(
        store
            .add_watchlist("deadly-mali", &deadly, "alice", &cat)
            .is_err(),
        "names are unique"
    );
    assert!(
        store
            .add_watchlist("all", &FilterSpec::default(), "alice", &cat)
            .is_err(),
        "a watchlist filters"
    );
    // A collection that comes in later is kept, with a warning; a misspelt
    // country is refused.
    let later = FilterSpec {
        collection: vec!["tomorrow".into()],
        ..FilterSpec::default()
    };
    let warned = store.add_watchlist("later", &later, "alice", &cat).unwrap();
    assert!(
        warned[0].contains("no collection matches `tomorrow`"),
        "{warned:?}"
    );
    let typo = FilterSpec {
        country: vec!["Malli".into()],
        ..FilterSpec::default()
    };
    assert!(store.add_watchlist("typo", &typo, "alice", &cat).is_err());

    let mark = store.id_mark().unwrap();
    // The second ingest: one deadly raid elsewhere, one minor, and a retelling
    // of the first (which joins MLI1, an old occurrence).
    file(
        &mut store,
        "/r/b.txt",
        "v1",
        "Desert Wire",
        SAID_B,
        raid("Dune Well attack", SAID_B, DUNE, "2031-05-02", Some(31)),
    );
    file(
        &mut store,
        "/r/c.txt",
        "v1",
        "Desert Wire",
        SAID_C,
        raid("Ridge Camp clash", SAID_C, RIDGE, "2031-05-20", Some(15)),
    );
    file(
        &mut store,
        "/r/d.txt",
        "v1",
        "Desert Wire",
        "A skirmish far away.",
        raid(
            "Skirmish",
            "A skirmish far away.",
            ("Far Oasis", 20.0, 1.0),
            "2031-06-20",
            Some(1),
        ),
    );
    let hits = store.flag_new(mark, &cat).unwrap();
    let flagged: Vec<&str> = hits.iter().map(|h| h.occurrence.as_str()).collect();
    assert_eq!(flagged, ["MLI2"], "only Ridge Camp is new and deadly");
    assert!(
        store.flag_new(mark, &cat).unwrap().is_empty(),
        "flagged once"
    );
    let w = store.watchlist("deadly-mali").unwrap();
    assert_eq!(w.hits, 1);
    assert_eq!(
        store
            .watch_hits("deadly-mali", Some("2000-01-01"))
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .watch_hits("deadly-mali", Some("2999-01-01"))
        .unwrap()
        .is_empty());
    assert!(store.watch_hits("nope", None).is_err());
}

#[test]
fn a_store_from_before_ids_gets_them_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    {
        let (_d, store) = three_files();
        std::fs::copy(store.path(), &path).unwrap();
        store.checkpoint().unwrap();
        std::fs::copy(store.path(), &path).unwrap();
    }
    // Undo schema version 3 by hand, as an older watchfloor left the file.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE watch_hits; DROP TABLE watchlists; DROP TABLE overrides; DROP TABLE corrections;
             DROP TABLE anchors; DROP TABLE occurrence_ids; DROP INDEX canonical_public_id;
             ALTER TABLE canonical_events DROP COLUMN public_id; DROP INDEX events_anchor;
             ALTER TABLE events DROP COLUMN anchor; DROP INDEX files_collection;
             ALTER TABLE files DROP COLUMN collection; PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    assert!(
        Store::open_read_only(&path).is_err(),
        "readers never migrate"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(all(&store), ["MLI1", "MLI2"]);
    let e = &store.events(&EventFilter::default()).unwrap()[0].event;
    assert_eq!(e.date_precision, DatePrecision::Day);
}
