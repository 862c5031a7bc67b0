//! Versioned migrations.
//!
//! The schema version lives in SQLite's `user_version` pragma. Each entry of
//! [`MIGRATIONS`] moves the store from version `i` to `i + 1` inside one
//! transaction, so a store is never left half-migrated. Never edit a shipped
//! migration: append a new one.

/// One schema step: its SQL, then (for a step that adds what SQL cannot
/// compute from the rows, such as occurrence ids) a function filling it in,
/// in the same transaction.
pub(crate) struct Migration {
    pub sql: &'static str,
    pub backfill: Option<fn(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>>,
}

/// Migration `i` upgrades a store at version `i` to version `i + 1`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: V1,
        backfill: None,
    },
    Migration {
        sql: V2,
        backfill: None,
    },
    Migration {
        sql: V3,
        backfill: Some(crate::ingest::backfill_v3),
    },
];

/// Version 1: files, reports, sources, passages (+ FTS5), events, claims,
/// canonical events and the links between them.
///
/// Every row derived from a file hangs off `files` through `ON DELETE
/// CASCADE`, so replacing a changed file is one `DELETE` plus the new rows.
/// The FTS5 tokenizer folds case and diacritics and stems English words
/// (Porter), so "bombing" finds "bombings" and "bombed".
/// `day_lo`/`day_hi` are the first and last day (days from CE) a partial date
/// may mean, so date filters and merges treat `2024-07` as the whole month.
const V1: &str = r#"
CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    hash        TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    reports     INTEGER NOT NULL,
    events      INTEGER NOT NULL,
    warnings    INTEGER NOT NULL
);
CREATE INDEX files_hash ON files(hash);

CREATE TABLE reports (
    id       INTEGER PRIMARY KEY,
    file_id  INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    title    TEXT NOT NULL,
    json     TEXT NOT NULL
);
CREATE INDEX reports_file ON reports(file_id);
CREATE INDEX reports_title ON reports(title);

CREATE TABLE sources (
    id               INTEGER PRIMARY KEY,
    report_id        INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord              INTEGER NOT NULL,
    citation         TEXT NOT NULL,
    outlet           TEXT,
    language         TEXT,
    date             TEXT,
    url              TEXT
);
CREATE INDEX sources_report ON sources(report_id);

CREATE TABLE passages (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    label     TEXT,
    text      TEXT NOT NULL
);
CREATE INDEX passages_report ON passages(report_id);

CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, content='passages', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- The filterable columns of each event. Rows stay small (the full JSON is
-- in event_docs), so filter scans touch few pages.
CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    report_id          INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord                INTEGER NOT NULL,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    event_date         TEXT NOT NULL,
    date_precision     TEXT NOT NULL,
    day_lo             INTEGER NOT NULL,
    day_hi             INTEGER NOT NULL,
    country            TEXT NOT NULL,
    admin1             TEXT,
    location           TEXT NOT NULL,
    latitude           REAL,
    longitude          REAL,
    geo_precision      TEXT,
    actor1             TEXT,
    actor2             TEXT,
    fatalities         INTEGER,
    injuries           INTEGER,
    civilian_targeting INTEGER NOT NULL
);
-- Each index leads with an equality filter, then (day_lo, day_hi): a
-- filtered, date-sorted page reads the index in order, checks the date
-- range inside the index, and stops at LIMIT.
CREATE INDEX events_report ON events(report_id);
CREATE INDEX events_day ON events(day_lo, day_hi);
CREATE INDEX events_country_day ON events(country, day_lo, day_hi);
CREATE INDEX events_admin1_day ON events(admin1 COLLATE NOCASE, day_lo, day_hi);
CREATE INDEX events_type_day ON events(event_type, day_lo, day_hi);
CREATE INDEX events_fatalities ON events(fatalities);
-- The few events whose date spans more than a month (year precision): when
-- there are none, a `from` filter can start its index range a month early
-- instead of a year.
CREATE INDEX events_wide ON events(day_lo) WHERE day_hi - day_lo > 31;

-- The model's JSON of each event (what exports emit).
CREATE TABLE event_docs (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    json     TEXT NOT NULL
);

-- Placed events for the bounding-box filter, with their date range as
-- auxiliary columns so a box query sorts by date without visiting events.
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon, +day_lo INTEGER, +day_hi INTEGER);
CREATE TRIGGER events_rtree_ad AFTER DELETE ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.id;
END;

-- Actors on either side, one row per (event, name): the actor filter reads
-- one index range in date order instead of merging actor1 and actor2.
-- The date range and country ride along so the commonest combined filters
-- are checked inside this table without visiting events.
CREATE TABLE event_actors (
    actor    TEXT NOT NULL,
    day_lo   INTEGER NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    day_hi   INTEGER NOT NULL,
    country  TEXT NOT NULL,
    PRIMARY KEY (actor, day_lo, event_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);

CREATE TABLE claims (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    by       TEXT NOT NULL,
    stance   TEXT NOT NULL,
    day_lo   INTEGER NOT NULL,
    day_hi   INTEGER NOT NULL
);
CREATE INDEX claims_event ON claims(event_id);
CREATE INDEX claims_by_day ON claims(by COLLATE NOCASE, day_lo, day_hi, event_id);

CREATE TABLE canonical_events (
    id              INTEGER PRIMARY KEY,
    event_type      TEXT NOT NULL,
    country         TEXT NOT NULL,
    day_lo          INTEGER NOT NULL,
    day_hi          INTEGER NOT NULL,
    -- 1 when the dates span more than 31 days (a year-precision member):
    -- lets the candidate search scan a month of the index, not a year.
    wide            INTEGER NOT NULL,
    -- Bounding box of the members' coordinates (NULL: no member placed
    -- below the country), for a cheap spatial pre-filter.
    min_lat         REAL,
    max_lat         REAL,
    min_lon         REAL,
    max_lon         REAL,
    members         INTEGER NOT NULL,
    -- The most precise member, whose coding represents the occurrence.
    representative  INTEGER NOT NULL,
    -- Fatality and injury estimates (low/best/high with every figure) of
    -- an occurrence told more than once; NULL for one record (computed on
    -- read from it).
    estimates       TEXT
);
CREATE INDEX canonical_block ON canonical_events(event_type, country, wide, day_lo);

CREATE TABLE event_links (
    event_id     INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    canonical_id INTEGER NOT NULL REFERENCES canonical_events(id),
    -- Why the record joined; NULL for the record that opened the occurrence.
    reason       TEXT
);
CREATE INDEX event_links_canonical ON event_links(canonical_id);
"#;

/// Version 2: settings of the store as a whole. `merge_rules` holds the
/// fingerprint of the rules the canonical events were linked under, so a
/// change of rules (a catalogue update) is noticed and the links redone.
const V2: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"#;

/// Version 3: the analyst's layer on top of the coder's output.
///
/// - `files.collection`: the name a file was ingested under (`ingest
///   --collection demo`), a source filter.
/// - `events.anchor`: a key of each per-report record that survives
///   re-coding and re-ingest (its file, its report's title and its first
///   evidence sentence, hashed), so an occurrence keeps its id and a
///   person's merge or split keeps its records.
/// - `canonical_events.public_id`: the occurrence's citable id (`MLI12`),
///   assigned once and kept; `occurrence_ids` holds every id ever handed
///   out (never reused for another occurrence), in minting order, and what
///   became of the retired ones.
/// - `anchors`: the occurrence each record anchor was last in; `pinned`
///   when a person put it there (`edit --merge`, `--split`), which the
///   linker obeys.
/// - `corrections`: the audit log of every edit (who, when, field, before,
///   after, and what the coder said then); `overrides`: the state it comes
///   to per occurrence, which reads apply on top of the coder's event.
/// - `watchlists` and `watch_hits`: saved filters and the occurrences an
///   ingest flagged for each.
const V3: &str = r#"
ALTER TABLE files ADD COLUMN collection TEXT;
CREATE INDEX files_collection ON files(collection);

ALTER TABLE events ADD COLUMN anchor TEXT;
CREATE INDEX events_anchor ON events(anchor);

ALTER TABLE canonical_events ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX canonical_public_id ON canonical_events(public_id);

CREATE TABLE occurrence_ids (
    seq          INTEGER PRIMARY KEY,
    public_id    TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    number       INTEGER NOT NULL,
    minted_at    TEXT NOT NULL,
    -- Set when no occurrence holds the id any more: the id it was merged
    -- into (`into`), or NULL when its records went away.
    retired_at   TEXT,
    retired_into TEXT,
    UNIQUE (prefix, number)
);

CREATE TABLE anchors (
    anchor     TEXT PRIMARY KEY,
    occurrence TEXT NOT NULL,
    pinned     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX anchors_occurrence ON anchors(occurrence);

CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    occurrence TEXT NOT NULL,
    -- set, reject, restore, note, merge, merged-into, split
    action     TEXT NOT NULL,
    field      TEXT,
    -- JSON values: what the occurrence showed before and after the edit,
    -- and the coder's own value at that moment.
    before     TEXT,
    after      TEXT,
    coder      TEXT,
    note       TEXT,
    by         TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX corrections_occurrence ON corrections(occurrence, id);

CREATE TABLE overrides (
    occurrence TEXT PRIMARY KEY,
    rejected   INTEGER NOT NULL DEFAULT 0,
    -- JSON object: field -> {"value", "coder", "by", "at"}.
    fields     TEXT NOT NULL DEFAULT '{}',
    changed_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE watchlists (
    name       TEXT PRIMARY KEY,
    filters    TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE watch_hits (
    watchlist  TEXT NOT NULL REFERENCES watchlists(name) ON DELETE CASCADE,
    occurrence TEXT NOT NULL,
    flagged_at TEXT NOT NULL,
    PRIMARY KEY (watchlist, occurrence)
);
CREATE INDEX watch_hits_time ON watch_hits(watchlist, flagged_at);
"#;
