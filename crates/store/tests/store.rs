//! End-to-end tests of the store on reports and events built in code.

use watchfloor_model::{
    Claim, DatePrecision, Event, EventType, Evidence, Note, Paragraph, PartialDate, Report,
    Section, Source, Span, Stance, Text,
};
use watchfloor_store::{
    content_hash, EventFilter, IngestOutcome, IngestReport, MergeRules, SearchOptions, Sort, Store,
};

fn para(text: &str) -> Paragraph {
    Paragraph {
        text: text.into(),
        span: Span::new(0, text.len()),
        note_refs: vec![],
    }
}

fn report(title: &str, commentary: &[&str], excerpt: &str, note: &str) -> Report {
    Report {
        title: title.into(),
        file: format!("{title}.txt"),
        paragraphs: commentary.iter().map(|p| para(p)).collect(),
        sources: vec![Source {
            outlet: Some("Harbour Gazette".into()),
            citation: Text {
                text: "\u{201c}Port news,\u{201d} Harbour Gazette, 3 May 2031.".into(),
                span: Span::new(0, 10),
            },
            excerpt: vec![para(excerpt)],
            ..Source::default()
        }],
        notes: vec![Note {
            marker: "i".into(),
            text: note.into(),
            span: Span::new(0, 1),
            urls: vec![],
        }],
        ..Report::default()
    }
}

struct Ev<'a> {
    kind: EventType,
    sub: &'a str,
    date: &'a str,
    country: &'a str,
    place: (&'a str, f64, f64),
    actors: (Option<&'a str>, Option<&'a str>),
    dead: Option<u32>,
    claims: &'a [(&'a str, Stance)],
}

fn event(title: &str, e: &Ev<'_>) -> Event {
    let d: PartialDate = e.date.parse().unwrap();
    Event {
        admin1: Some(format!("{} Province", &e.place.0[..1])),
        report_title: title.into(),
        event_type: e.kind,
        sub_event_type: watchfloor_model::SubEventType::parse(e.sub)
            .expect("an ACLED sub-event type"),
        event_date: d,
        date_precision: d.precision,
        country: e.country.into(),
        location: e.place.0.into(),
        latitude: Some(e.place.1),
        longitude: Some(e.place.2),
        geo_precision: Some("exact".into()),
        actor1: e.actors.0.map(Into::into),
        actor2: e.actors.1.map(Into::into),
        fatalities: e.dead,
        injuries: None,
        civilian_targeting: false,
        claims: e
            .claims
            .iter()
            .map(|(by, stance)| Claim {
                by: (*by).into(),
                stance: *stance,
                sentence: None,
            })
            .collect(),
        evidence: vec![Evidence {
            span: Span::new(0, 5),
            text: "a sentence".into(),
            section: Section::Excerpt { source: 0 },
            source: Some(format!("{title} source")),
        }],
    }
}

const PORTSIDE: (&str, f64, f64) = ("Portside", 10.00, 20.00);
const PORTSIDE_EAST: (&str, f64, f64) = ("Portside East", 10.05, 20.08);
const HILLTOWN: (&str, f64, f64) = ("Hilltown", 12.00, 24.00);

fn bombing<'a>(date: &'a str, place: (&'a str, f64, f64), dead: Option<u32>) -> Ev<'a> {
    Ev {
        kind: EventType::ExplosionsRemoteViolence,
        sub: "Suicide bomb",
        date,
        country: "ZZ",
        place,
        actors: (Some("Red Crescent Front"), None),
        dead,
        claims: &[("Red Crescent Front", Stance::Claim)],
    }
}

fn ingest(
    store: &mut Store,
    path: &str,
    version: &str,
    reports: Vec<IngestReport>,
) -> IngestOutcome {
    let hash = content_hash(format!("{path}{version}").as_bytes());
    store
        .ingest_file(path, &hash, 100, &reports, &MergeRules::default())
        .unwrap()
}

fn one(title: &str, text: &str, events: Vec<Event>) -> Vec<IngestReport> {
    vec![IngestReport {
        report: report(
            title,
            &[text, "A second paragraph about the harbour."],
            "The gazette said the blast shook the quay.",
            "Background on the front.",
        ),
        events,
    }]
}

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("w.db")).unwrap();
    (dir, store)
}

#[test]
fn ingest_is_idempotent_and_replaces_changed_files() {
    let (_dir, mut store) = open();
    let t = "Bombing in Portside";
    let evs = || {
        vec![
            event(t, &bombing("2031-05-02", PORTSIDE, Some(14))),
            event(t, &bombing("2031-04-20", HILLTOWN, Some(3))),
        ]
    };
    let IngestOutcome::Added(s) = ingest(
        &mut store,
        "a.txt",
        "v1",
        one(t, "A suicide bomber struck the port.", evs()),
    ) else {
        panic!("first ingest should add")
    };
    assert_eq!(
        (
            s.reports,
            s.sources,
            s.events,
            s.actors.len(),
            s.places.len()
        ),
        (1, 1, 2, 1, 2)
    );
    let before = store.stats().unwrap();
    // Same content: nothing added, even under another path.
    assert!(matches!(
        ingest(&mut store, "a.txt", "v1", one(t, "x", evs())),
        IngestOutcome::Unchanged { .. }
    ));
    let hash = content_hash(b"a.txtv1");
    let again = store
        .ingest_file(
            "copy/a.txt",
            &hash,
            100,
            &one(t, "x", evs()),
            &MergeRules::default(),
        )
        .unwrap();
    assert!(
        matches!(again, IngestOutcome::Unchanged { ref stored_as, .. } if stored_as == "a.txt")
    );
    assert_eq!(store.stats().unwrap(), before);
    // Changed content: the old version and all it gave are gone.
    let out = ingest(
        &mut store,
        "a.txt",
        "v2",
        one(
            t,
            "The port reopened after the quayside blast.",
            vec![event(t, &bombing("2031-05-02", PORTSIDE, Some(15)))],
        ),
    );
    assert!(matches!(out, IngestOutcome::Replaced(ref s) if s.events == 1));
    let st = store.stats().unwrap();
    assert_eq!(
        (
            st.files,
            st.reports,
            st.events,
            st.canonical_events,
            st.claims
        ),
        (1, 1, 1, 1, 1)
    );
    assert!(store
        .search("suicide bomber", &SearchOptions::default())
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .search("reopened", &SearchOptions::default())
            .unwrap()
            .len(),
        1
    );
    assert_eq!(store.stored_counts("a.txt").unwrap(), (1, 1));
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}

#[test]
fn one_occurrence_in_two_reports_becomes_one_canonical_event() {
    let (_dir, mut store) = open();
    let (ta, tb) = ("Port Bombing Shakes Coast", "Front Claims Port Attack");
    ingest(
        &mut store,
        "a.txt",
        "1",
        one(
            ta,
            "A bomber struck.",
            vec![event(ta, &bombing("2031-05-02", PORTSIDE, Some(14)))],
        ),
    );
    let mut later = bombing("2031-05", PORTSIDE_EAST, Some(20));
    later.sub = "Remote explosive/landmine/IED";
    later.claims = &[("Harbour Police", Stance::Confirm)];
    let out = ingest(
        &mut store,
        "b.txt",
        "1",
        one(
            tb,
            "The front claimed it.",
            vec![
                event(tb, &later),
                event(tb, &bombing("2031-05-02", HILLTOWN, None)),
            ],
        ),
    );
    let IngestOutcome::Added(s) = out else {
        panic!()
    };
    assert_eq!(s.merged, 1);
    let st = store.stats().unwrap();
    assert_eq!(
        (st.events, st.canonical_events, st.merged_events),
        (3, 2, 1)
    );

    let all = store.events(&EventFilter::default()).unwrap();
    let first = all.iter().find(|e| e.event.report_title == ta).unwrap();
    let c = store
        .canonical(first.canonical_id.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(c.members.len(), 2);
    // The day-precise record represents the occurrence; both figures kept.
    assert_eq!(c.event.event_date.to_string(), "2031-05-02");
    assert_eq!(
        (c.fatalities.low, c.fatalities.best, c.fatalities.high),
        (Some(14), Some(14), Some(20))
    );
    assert_eq!(
        c.fatalities
            .figures
            .iter()
            .map(|f| f.report_title.as_str())
            .collect::<Vec<_>>(),
        [ta, tb]
    );
    assert_eq!(c.event.claims.len(), 2, "claims of both reports are linked");
    let reason = &c.members[1].reason;
    assert!(
        reason.contains("sub-types Remote explosive/landmine/IED vs Suicide bomb"),
        "{reason}"
    );
    assert!(
        reason.contains("agree at their precision") && reason.contains("km apart"),
        "{reason}"
    );
    assert!(c.members[0].reason.contains("first record"));

    // Each occurrence once; a report filter keeps that report's records.
    let ids = store.canonical_ids(&EventFilter::default()).unwrap();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&c.id));
    let only_a = EventFilter {
        reports: vec![first.report_id],
        ..EventFilter::default()
    };
    assert_eq!(store.canonical_ids(&only_a).unwrap(), [c.id]);
    assert_eq!(store.count_events(&only_a).unwrap(), 1);
    assert_eq!(store.canonical_events(&only_a).unwrap().len(), 1);

    // Replacing report B without the occurrence unlinks it again.
    ingest(&mut store, "b.txt", "2", one(tb, "Nothing.", vec![]));
    let c = store.canonical(c.id).unwrap().unwrap();
    assert_eq!(c.members.len(), 1);
    assert_eq!(c.fatalities.high, Some(14));
    assert_eq!(store.stats().unwrap().canonical_events, 1);
}

#[test]
fn links_are_redone_when_the_merge_rules_change() {
    let (dir, mut store) = open();
    let (ta, tb) = ("Coast Branch Bombs Port", "Front Bombs Port");
    let mut by_branch = bombing("2031-05-02", PORTSIDE, Some(14));
    by_branch.actors = (Some("Red Crescent Front (Coast)"), None);
    ingest(
        &mut store,
        "a.txt",
        "1",
        one(ta, "A bomber struck.", vec![event(ta, &by_branch)]),
    );
    ingest(
        &mut store,
        "b.txt",
        "1",
        one(
            tb,
            "A bomber struck.",
            vec![event(tb, &bombing("2031-05-02", PORTSIDE, Some(14)))],
        ),
    );
    // Without the affiliation, two named actors keep the records apart.
    let counts = |store: &Store| {
        let st = store.stats().unwrap();
        (st.canonical_events, st.merged_events)
    };
    assert_eq!(counts(&store), (2, 0));
    let mut rules = MergeRules::default();
    rules.parents.insert(
        "Red Crescent Front (Coast)".into(),
        "Red Crescent Front".into(),
    );
    assert!(store.links_stale(&rules).unwrap());
    assert!(!store.links_stale(&MergeRules::default()).unwrap());

    // The next ingest under the new rules redoes the old links first.
    store
        .ingest_file(
            "c.txt",
            &content_hash(b"c"),
            1,
            &one("Quiet Day", "Nothing happened.", vec![]),
            &rules,
        )
        .unwrap();
    assert_eq!(counts(&store), (1, 1));
    assert!(!store.links_stale(&rules).unwrap());

    // An explicit relink under the old rules splits them again.
    let mut calls = 0;
    let s = store
        .relink(&MergeRules::default(), &mut |done, total| {
            calls += 1;
            assert!(done <= total);
        })
        .unwrap();
    assert_eq!((s.events, s.occurrences, s.merged, calls), (2, 2, 0, 2));
    assert_eq!(counts(&store), (2, 0));

    // A store linked before rules were recorded counts as stale.
    drop(store);
    let raw = rusqlite::Connection::open(dir.path().join("w.db")).unwrap();
    raw.execute("DELETE FROM meta", []).unwrap();
    drop(raw);
    let store = Store::open(dir.path().join("w.db")).unwrap();
    assert!(store.links_stale(&MergeRules::default()).unwrap());
}

#[test]
fn filters_sort_and_paginate() {
    let (_dir, mut store) = open();
    let t = "Clashes Along the River";
    let mut evs = Vec::new();
    for (i, day) in ["2031-01-05", "2031-02-10", "2031-03-15", "2031-04-20"]
        .iter()
        .enumerate()
    {
        let mut e = bombing(
            day,
            if i % 2 == 0 { PORTSIDE } else { HILLTOWN },
            Some(i as u32 * 10),
        );
        if i == 3 {
            e.kind = EventType::Battles;
            e.sub = "Armed clash";
            e.actors = (Some("River Militia"), Some("Red Crescent Front"));
            e.claims = &[("River Militia", Stance::Claim)];
        }
        evs.push(event(t, &e));
    }
    ingest(&mut store, "r.txt", "1", one(t, "Fighting.", evs));
    let dates = |f: &EventFilter| -> Vec<String> {
        store
            .events(f)
            .unwrap()
            .iter()
            .map(|e| e.event.event_date.to_string())
            .collect()
    };
    let f = EventFilter::default();
    assert_eq!(
        dates(&f),
        ["2031-01-05", "2031-02-10", "2031-03-15", "2031-04-20"]
    );
    assert_eq!(
        dates(&EventFilter {
            sort: Sort::DateDesc,
            limit: Some(2),
            offset: 1,
            ..f.clone()
        }),
        ["2031-03-15", "2031-02-10"]
    );
    assert_eq!(
        dates(&EventFilter {
            sort: Sort::FatalitiesDesc,
            limit: Some(1),
            ..f.clone()
        }),
        ["2031-04-20"]
    );
    assert_eq!(
        dates(&EventFilter {
            actors: vec!["River Militia".into()],
            ..f.clone()
        }),
        ["2031-04-20"]
    );
    assert_eq!(
        dates(&EventFilter {
            actors: vec!["Red Crescent Front".into()],
            ..f.clone()
        })
        .len(),
        4
    );
    let both = EventFilter {
        actors: vec!["Red Crescent Front".into()],
        countries: vec!["ZZ".into()],
        ..f.clone()
    };
    assert_eq!(
        dates(&EventFilter {
            from: Some("2031-02-01".parse().unwrap()),
            ..both.clone()
        })
        .len(),
        3
    );
    assert!(dates(&EventFilter {
        countries: vec!["ML".into()],
        ..both
    })
    .is_empty());
    assert_eq!(
        dates(&EventFilter {
            countries: vec!["zz".into()],
            ..f.clone()
        })
        .len(),
        4
    );
    assert!(dates(&EventFilter {
        countries: vec!["ML".into()],
        ..f.clone()
    })
    .is_empty());
    assert_eq!(
        dates(&EventFilter {
            admin1: vec!["h province".into()],
            ..f.clone()
        }),
        ["2031-02-10", "2031-04-20"]
    );
    assert_eq!(
        dates(&EventFilter {
            event_type: Some(EventType::Battles),
            ..f.clone()
        }),
        ["2031-04-20"]
    );
    assert_eq!(
        dates(&EventFilter {
            sub_event_type: Some("suicide BOMB".into()),
            ..f.clone()
        })
        .len(),
        3
    );
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(
        dates(&EventFilter {
            from: Some(day("2031-02-01")),
            to: Some(day("2031-03-31")),
            ..f.clone()
        }),
        ["2031-02-10", "2031-03-15"]
    );
    let boxed = EventFilter {
        bbox: Some([19.0, 9.0, 21.0, 11.0]),
        ..f.clone()
    };
    assert_eq!(dates(&boxed), ["2031-01-05", "2031-03-15"]);
    assert_eq!(
        dates(&EventFilter {
            sort: Sort::DateDesc,
            ..boxed.clone()
        }),
        ["2031-03-15", "2031-01-05"]
    );
    assert_eq!(
        dates(&EventFilter {
            from: Some(day("2031-02-01")),
            ..boxed.clone()
        }),
        ["2031-03-15"]
    );
    assert_eq!(
        dates(&EventFilter {
            min_fatalities: Some(1),
            ..boxed.clone()
        }),
        ["2031-03-15"]
    );
    assert_eq!(
        dates(&EventFilter {
            actors: vec!["Red Crescent Front".into()],
            ..boxed.clone()
        })
        .len(),
        2
    );
    assert_eq!(store.count_events(&boxed).unwrap(), 2);
    assert_eq!(
        dates(&EventFilter {
            min_fatalities: Some(20),
            ..f.clone()
        }),
        ["2031-03-15", "2031-04-20"]
    );
    assert_eq!(
        dates(&EventFilter {
            claimed_by: vec!["river militia".into()],
            ..f.clone()
        }),
        ["2031-04-20"]
    );
    assert_eq!(
        store
            .count_events(&EventFilter {
                min_fatalities: Some(10),
                limit: Some(1),
                ..f.clone()
            })
            .unwrap(),
        3
    );
}

#[test]
fn month_dates_match_ranges_that_overlap_the_month() {
    let (_dir, mut store) = open();
    let t = "Month Only";
    ingest(
        &mut store,
        "m.txt",
        "1",
        one(t, "x", vec![event(t, &bombing("2031-05", PORTSIDE, None))]),
    );
    let day = |s: &str| s.parse::<chrono::NaiveDate>().ok();
    let n = |store: &Store, from, to| {
        store
            .events(&EventFilter {
                from: day(from),
                to: day(to),
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(n(&store, "2031-05-20", "2031-06-30"), 1);
    assert_eq!(n(&store, "2031-06-01", "2031-06-30"), 0);
    // A year-precision event overlaps a range starting late in its year.
    let y = "Year Only";
    ingest(
        &mut store,
        "y.txt",
        "1",
        one(y, "x", vec![event(y, &bombing("2030", PORTSIDE, None))]),
    );
    assert_eq!(n(&store, "2030-12-20", "2031-01-31"), 1);
    assert_eq!(n(&store, "2031-01-01", "2031-05-31"), 1);
    let all = store.events(&EventFilter::default()).unwrap();
    let e = &all
        .iter()
        .find(|e| e.event.report_title == t)
        .unwrap()
        .event;
    assert_eq!(e.date_precision, DatePrecision::Month);
}

#[test]
fn search_ranks_highlights_and_reports_bad_raw_queries() {
    let (_dir, mut store) = open();
    ingest(
        &mut store,
        "a.txt",
        "1",
        one(
            "Harbour Blast",
            "Divers searched the harbour after the harbour blast.",
            vec![],
        ),
    );
    ingest(
        &mut store,
        "b.txt",
        "1",
        one(
            "Inland Raid",
            "Raiders burned a granary; the harbour was quiet.",
            vec![],
        ),
    );
    let hits = store
        .search(
            "harbour",
            &SearchOptions {
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(hits.len() >= 2);
    assert!(
        hits.windows(2).all(|w| w[0].score >= w[1].score),
        "ranked by score"
    );
    let top = &hits[0];
    assert_eq!(top.report_title, "Harbour Blast");
    assert!(
        top.snippet.contains("[harbour]") || top.snippet.contains("[Harbour]"),
        "{}",
        top.snippet
    );
    // Excerpts and notes are indexed with their labels.
    // Stemming: "divers searching" finds "Divers searched".
    assert_eq!(
        store
            .search("searching", &SearchOptions::default())
            .unwrap()[0]
            .report_title,
        "Harbour Blast"
    );
    let hits = store.search("quay", &SearchOptions::default()).unwrap();
    assert!(hits
        .iter()
        .all(|h| h.kind == "excerpt" && h.label.as_deref() == Some("Harbour Gazette")));
    let hits = store
        .search("background", &SearchOptions::default())
        .unwrap();
    assert_eq!(hits[0].kind, "note");
    assert_eq!(hits[0].label.as_deref(), Some("[i]"));
    // Diacritics fold; punctuation is literal in the default mode.
    assert!(!store
        .search("gránary", &SearchOptions::default())
        .unwrap()
        .is_empty());
    assert!(store.search("granary;", &SearchOptions::default()).is_ok());
    let err = store
        .search(
            "harbour AND (",
            &SearchOptions {
                raw: true,
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("bad search query"), "{err}");
    assert!(store.search(" ; ", &SearchOptions::default()).is_err());
}

/// Reports whose only text is `text`, one per call, ingested in order.
fn ingest_passage(store: &mut Store, title: &str, text: &str) {
    let mut r = report(title, &[text], "", "");
    r.sources.clear();
    r.notes.clear();
    ingest(
        store,
        &format!("{title}.txt"),
        "1",
        vec![IngestReport {
            report: r,
            events: vec![],
        }],
    );
}

fn titles(hits: &[watchfloor_store::SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.report_title.as_str()).collect()
}

#[test]
fn search_weighs_repetition_length_and_rarity() {
    let (_dir, mut store) = open();
    ingest_passage(
        &mut store,
        "Long",
        "The convoy left at dawn and drove for many hours past fields, \
         villages, rivers, markets and schools before it reached the hills.",
    );
    ingest_passage(
        &mut store,
        "Short",
        "Convoy after convoy: the convoy again.",
    );
    let hits = store.search("convoy", &SearchOptions::default()).unwrap();
    assert_eq!(titles(&hits), ["Short", "Long"]);
    assert!(hits[0].score > hits[1].score && hits[1].score > 0.0);

    // "ferry" is in every passage, "tannery" in two of many: the passage
    // that repeats the rare word outranks the one that repeats the common
    // word, though both hold each word and are as long.
    for i in 0..8 {
        ingest_passage(&mut store, &format!("Filler {i}"), "The ferry was late.");
    }
    ingest_passage(&mut store, "Rare twice", "Tannery, tannery, ferry, dock.");
    ingest_passage(&mut store, "Common twice", "Ferry, ferry, tannery, dock.");
    let hits = store
        .search("tannery ferry", &SearchOptions::default())
        .unwrap();
    assert_eq!(titles(&hits), ["Rare twice", "Common twice"]);
    // A raw query ranks with FTS5's exact frequencies and agrees.
    let raw = store
        .search(
            "tannery AND ferry",
            &SearchOptions {
                raw: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(titles(&raw), ["Rare twice", "Common twice"]);
    assert!(raw[0].score > raw[1].score);
}

#[test]
fn broad_searches_rank_the_newest_matches_unless_asked_for_all() {
    let (_dir, mut store) = open();
    // The oldest passage is the best match; four newer ones are weaker.
    ingest_passage(&mut store, "Oldest", "Mortar, mortar, mortar.");
    for i in 1..=4 {
        ingest_passage(
            &mut store,
            &format!("Newer {i}"),
            "A mortar round fell near the old market square at noon today.",
        );
    }
    let window = |n: usize, offset: usize, limit: usize| {
        let hits = store
            .search(
                "mortar",
                &SearchOptions {
                    rank_window: n,
                    offset,
                    limit,
                    ..Default::default()
                },
            )
            .unwrap();
        titles(&hits)
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let all = window(usize::MAX, 0, 10);
    assert_eq!(all.len(), 5);
    assert_eq!(all[0], "Oldest");
    let newest = window(3, 0, 2);
    assert_eq!(newest, ["Newer 4", "Newer 3"]);
    // Paging past the window widens it instead of coming back empty.
    assert_eq!(window(3, 3, 2).len(), 2);
    // The default window holds every match of a small store.
    assert_eq!(window(watchfloor_store::RANK_WINDOW, 0, 10), all);
}

#[test]
fn readers_query_while_a_write_is_in_progress() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let mut writer = Store::open(&path).unwrap();
    let t = "Committed";
    ingest(
        &mut writer,
        "a.txt",
        "1",
        one(
            t,
            "x",
            vec![event(t, &bombing("2031-05-02", PORTSIDE, Some(1)))],
        ),
    );
    drop(writer);
    // A raw connection holds a write transaction open, as a long ingest does.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "BEGIN IMMEDIATE; INSERT INTO files (path, hash, bytes, ingested_at, reports, events, warnings)
         VALUES ('pending.txt', 'h', 1, 'now', 0, 0, 0);",
    )
    .unwrap();
    let reader = Store::open_existing(&path).unwrap();
    let st = reader.stats().unwrap();
    assert_eq!(
        (st.files, st.events),
        (1, 1),
        "reader sees the last commit only"
    );
    assert_eq!(reader.events(&EventFilter::default()).unwrap().len(), 1);
    conn.execute_batch("COMMIT").unwrap();
    assert_eq!(reader.stats().unwrap().files, 2);
}

#[test]
fn actor_dossier_counts_types_months_partners_and_claims() {
    let (_dir, mut store) = open();
    let t = "Front Activity";
    let mut clash = bombing("2031-06-01", HILLTOWN, Some(5));
    clash.kind = EventType::Battles;
    clash.sub = "Armed clash";
    clash.actors = (Some("River Militia"), Some("Red Crescent Front"));
    clash.claims = &[("Red Crescent Front", Stance::Deny)];
    ingest(
        &mut store,
        "f.txt",
        "1",
        one(
            t,
            "x",
            vec![
                event(t, &bombing("2031-05-02", PORTSIDE, Some(14))),
                event(t, &bombing("2031-05-20", HILLTOWN, Some(2))),
                event(t, &clash),
            ],
        ),
    );
    let d = store
        .actor_dossier(&["Red Crescent Front".into(), "RCF".into()])
        .unwrap();
    assert_eq!(
        (d.events, d.as_actor1, d.as_actor2, d.fatalities),
        (3, 2, 1, 21)
    );
    assert_eq!(
        d.by_month,
        [("2031-05".to_string(), 2), ("2031-06".to_string(), 1)]
    );
    assert_eq!(d.by_type[0], ("Explosions/Remote violence".to_string(), 2));
    assert_eq!(d.co_actors, [("River Militia".to_string(), 1)]);
    let stances: Vec<(&str, usize)> = d
        .claims
        .iter()
        .map(|c| (c.stance.as_str(), c.count))
        .collect();
    assert_eq!(stances, [("claim", 2), ("deny", 1)]);
    assert_eq!(d.first_date.as_deref(), Some("2031-05-02"));
    let nobody = store.actor_dossier(&["Nobody".into()]).unwrap();
    assert_eq!(nobody.events, 0);
}
