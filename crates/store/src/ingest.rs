//! Ingesting one file: all its reports, sources, passages, events and claims
//! in one transaction, then linking each new event to a canonical event.

use crate::resolve::{self, day_range, Estimate, Figure, MergeRules, Record};
use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashSet};
use watchfloor_model::{Event, Report};

/// Wraps a SQLite error with the store's path, for `map_err`.
fn sql_error(db: &std::path::Path) -> impl Fn(rusqlite::Error) -> Error + Copy + '_ {
    move |source| crate::sql_error_at(db, source)
}

/// SHA-256 of a file's bytes, hex: what decides whether a file changed.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// One parsed report and the events coded from it. Each event's
/// `admin1` (its first-level division, from the gazetteer at coding time)
/// is what the province filter matches.
#[derive(Debug, Clone)]
pub struct IngestReport {
    pub report: Report,
    pub events: Vec<Event>,
}

/// What one ingested file added.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileSummary {
    pub path: String,
    pub hash: String,
    pub bytes: u64,
    pub reports: usize,
    pub sources: usize,
    pub events: usize,
    /// Distinct actor names among the events.
    pub actors: BTreeSet<String>,
    /// Distinct places (country, location) among the events.
    pub places: BTreeSet<(String, String)>,
    /// Parser warnings over all reports.
    pub warnings: usize,
    /// Events that joined a canonical event told by another report.
    pub merged: usize,
}

/// What [`Store::ingest_file`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum IngestOutcome {
    /// The same content is already stored (under this or another path).
    Unchanged { path: String, stored_as: String },
    /// A file not seen before.
    Added(FileSummary),
    /// The file changed: its earlier version and all derived rows were replaced.
    Replaced(FileSummary),
}

/// Prefix of `files.hash` while a file's batches are being committed: a
/// partly stored file is never taken for the whole one (its hash does not
/// match), and the next ingest of that path or content replaces it.
pub(crate) const PARTIAL: &str = "partial:";

/// How many reports [`Store::ingest_file`]'s callers should commit at once
/// when they split a large file ([`Store::ingest_batches`]): a killed run
/// loses at most one batch's work, and memory holds one batch of coded
/// reports.
pub const BATCH_REPORTS: usize = 200;

/// The byte budget of one batch: a batch closes at [`BATCH_REPORTS`]
/// reports or this many bytes of report text, whichever comes first.
pub const BATCH_BYTES: usize = 8 << 20;

impl Store {
    /// Whether ingesting `bytes` as `path` would change anything: `Some(path
    /// stored)` when identical content is already stored whole. Lets a
    /// caller skip parsing and coding unchanged files. A file whose batches
    /// were not all committed (an interrupted run) does not count.
    pub fn already_ingested(&self, hash: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT path FROM files WHERE hash = ?1 LIMIT 1",
                [hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Stores a file's `content` under `path`, coding it only when the store
    /// does not already hold that content: the one place a file's hash is
    /// taken and checked. `code` is called (at most once) for the file's
    /// batches of coded reports, which [`Store::ingest_batches`] stores; its
    /// error, or the store's, is returned.
    pub fn ingest_content<I, B, E>(
        &mut self,
        path: &str,
        content: &[u8],
        rules: &MergeRules,
        code: impl FnOnce() -> std::result::Result<I, E>,
    ) -> std::result::Result<IngestOutcome, E>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[IngestReport]>,
        E: From<Error>,
    {
        let hash = content_hash(content);
        if let Some(stored_as) = self.already_ingested(&hash)? {
            return Ok(IngestOutcome::Unchanged {
                path: path.to_string(),
                stored_as,
            });
        }
        let batches = code()?;
        Ok(self.ingest_batches(path, &hash, content.len() as u64, batches, rules)?)
    }

    /// Stores one file's reports and events in a single transaction.
    ///
    /// Idempotent: content already stored (same hash) adds nothing. A file
    /// stored earlier under `path` with other content is replaced whole,
    /// with everything derived from it; canonical events that lose members
    /// are rebuilt or dropped. Either the whole file is committed or nothing.
    pub fn ingest_file(
        &mut self,
        path: &str,
        hash: &str,
        bytes: u64,
        reports: &[IngestReport],
        rules: &MergeRules,
    ) -> Result<IngestOutcome> {
        self.ingest_batches(path, hash, bytes, std::iter::once(reports), rules)
    }

    /// Stores one file's reports in batches, one transaction each, so a
    /// large file is never held whole in memory or in one transaction: a
    /// killed run loses at most the batch in flight.
    ///
    /// The file is recorded as stored (its content hash) only by the
    /// transaction of its last batch; until then its row carries a partial
    /// marker, so [`Store::already_ingested`] does not see it and the next
    /// ingest of the same path or content replaces what was stored. Batches
    /// are pulled from `batches` one at a time, outside any transaction (the
    /// next one is drawn before the current one commits, to know which is
    /// last), so a caller may parse or code each lazily.
    ///
    /// Links are the same as one [`Store::ingest_file`] of all the reports:
    /// a record joins the first occurrence all of whose records it agrees
    /// with, whichever batch they came in.
    pub fn ingest_batches<I, B>(
        &mut self,
        path: &str,
        hash: &str,
        bytes: u64,
        batches: I,
        rules: &MergeRules,
    ) -> Result<IngestOutcome>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[IngestReport]>,
    {
        if let Some(stored_as) = self.already_ingested(hash)? {
            return Ok(IngestOutcome::Unchanged {
                path: path.to_string(),
                stored_as,
            });
        }
        let db = self.path.clone();
        let sql = sql_error(&db);
        let mut summary = FileSummary {
            path: path.to_string(),
            hash: hash.to_string(),
            bytes,
            ..Default::default()
        };
        let mut linker = Linker::default();
        let mut batches = batches.into_iter().peekable();
        let mut file: Option<(i64, bool)> = None;
        let mut ord = 0usize;
        let mut first = true;
        // A file of no reports is still recorded (once), as before.
        let empty: Vec<IngestReport> = Vec::new();
        loop {
            let batch = match batches.next() {
                Some(b) => Some(b),
                None if first => None,
                None => break,
            };
            let reports: &[IngestReport] = batch.as_ref().map_or(&empty[..], |b| b.as_ref());
            let last = batches.peek().is_none();
            let tx = self.write()?;
            linker.begin(&tx).map_err(sql)?;
            let mut dirty: BTreeSet<i64> = BTreeSet::new();
            let file_id = match file {
                Some((id, _)) => id,
                None => {
                    // Another process may have stored the same content while
                    // this one parsed it: with the write lock held, look again.
                    let stored_as: Option<String> = tx
                        .query_row(
                            "SELECT path FROM files WHERE hash = ?1 LIMIT 1",
                            [hash],
                            |r| r.get(0),
                        )
                        .optional()
                        .map_err(sql)?;
                    if let Some(stored_as) = stored_as {
                        return Ok(IngestOutcome::Unchanged {
                            path: path.to_string(),
                            stored_as,
                        });
                    }
                    // Links made under other rules would mix with ours: redo them first.
                    if !links_current(&tx, rules).map_err(sql)? {
                        relink_all(&tx, rules, &db, &mut |_, _| {})?;
                    }
                    let replaced = remove_earlier(&tx, path, hash, &mut dirty).map_err(sql)?;
                    tx.execute(
                        "INSERT INTO files (path, hash, bytes, ingested_at, reports, events, warnings)
                         VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 0, 0, 0)",
                        params![path, format!("{PARTIAL}{hash}"), bytes as i64],
                    )
                    .map_err(sql)?;
                    let id = tx.last_insert_rowid();
                    file = Some((id, replaced));
                    id
                }
            };
            first = false;
            summary.reports += reports.len();
            for r in reports {
                summary.sources += r.report.sources.len();
                summary.events += r.events.len();
                summary.warnings += r.report.warnings.len();
                for e in &r.events {
                    summary
                        .actors
                        .extend(e.actor1.iter().chain(e.actor2.iter()).cloned());
                    summary
                        .places
                        .insert((e.country.clone(), e.location.clone()));
                }
            }
            let mut new_events: Vec<(i64, i64)> = Vec::new();
            for r in reports {
                let report_id = insert_report(&tx, file_id, ord, &r.report).map_err(sql)?;
                ord += 1;
                for (eord, e) in r.events.iter().enumerate() {
                    let id = insert_event(&tx, report_id, eord, e).map_err(sql)?;
                    new_events.push((id, report_id));
                }
            }
            for (event_id, report_id) in new_events {
                let (canonical, joined) = linker.link(&tx, event_id, report_id, rules, &db)?;
                // A new one-record occurrence is complete as inserted.
                if joined {
                    summary.merged += 1;
                    dirty.insert(canonical);
                }
            }
            for id in dirty {
                rebuild_canonical(&tx, id, &db)?;
            }
            let stored_hash = if last {
                hash.to_string()
            } else {
                format!("{PARTIAL}{hash}")
            };
            tx.execute(
                "UPDATE files SET hash = ?2, reports = ?3, events = ?4, warnings = ?5 WHERE id = ?1",
                params![
                    file_id,
                    stored_hash,
                    summary.reports as i64,
                    summary.events as i64,
                    summary.warnings as i64
                ],
            )
            .map_err(sql)?;
            set_fingerprint(&tx, rules).map_err(sql)?;
            tx.commit().map_err(sql)?;
            if last {
                break;
            }
        }
        Ok(match file {
            Some((_, true)) => IngestOutcome::Replaced(summary),
            _ => IngestOutcome::Added(summary),
        })
    }
}

/// Removes what an earlier ingest left of `path` (another version, whole or
/// partial) and any partial copy of this content under another path,
/// noting the canonical events that lose records. Whether `path` was stored
/// before.
fn remove_earlier(
    tx: &Transaction<'_>,
    path: &str,
    hash: &str,
    dirty: &mut BTreeSet<i64>,
) -> rusqlite::Result<bool> {
    let old: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, path FROM files WHERE path = ?1 OR hash = ?2")?;
        let rows = stmt.query_map(params![path, format!("{PARTIAL}{hash}")], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (file_id, _) in &old {
        let mut stmt = tx.prepare_cached(
            "SELECT DISTINCT l.canonical_id FROM event_links l JOIN events e ON e.id = l.event_id
             JOIN reports r ON r.id = e.report_id WHERE r.file_id = ?1",
        )?;
        for id in stmt.query_map([file_id], |r| r.get::<_, i64>(0))? {
            dirty.insert(id?);
        }
        drop(stmt);
        tx.execute("DELETE FROM event_links WHERE event_id IN (SELECT e.id FROM events e JOIN reports r ON r.id = e.report_id WHERE r.file_id = ?1)", [file_id])?;
        tx.execute("DELETE FROM files WHERE id = ?1", [file_id])?;
    }
    Ok(old.iter().any(|(_, p)| p == path))
}

/// What [`Store::relink`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RelinkSummary {
    /// Per-report events linked.
    pub events: usize,
    /// Canonical events (occurrences) they make.
    pub occurrences: usize,
    /// Events that joined an occurrence another report opened.
    pub merged: usize,
}

impl Store {
    /// Whether the canonical events were linked under rules other than
    /// `rules` (a catalogue update changed an affiliation or a camp), so
    /// [`Store::relink`] would change them. A store with no events is never
    /// stale.
    pub fn links_stale(&self, rules: &MergeRules) -> Result<bool> {
        links_current(&self.conn, rules)
            .map(|current| !current)
            .map_err(|e| self.sql(e))
    }

    /// Relinks every stored event under `rules` ([`Store::relink`]) when the
    /// links were made under other rules, in one transaction: the check and
    /// the relink ingest would otherwise do inside its first transaction,
    /// done up front so a caller can say so and show progress. `None` when
    /// the links were current.
    pub fn relink_if_stale(
        &mut self,
        rules: &MergeRules,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Option<RelinkSummary>> {
        let db = self.path.clone();
        let sql = sql_error(&db);
        let tx = self.write()?;
        if links_current(&tx, rules).map_err(sql)? {
            return Ok(None);
        }
        let summary = relink_all(&tx, rules, &db, progress)?;
        tx.commit().map_err(sql)?;
        Ok(Some(summary))
    }

    /// Throws away every cross-report link and canonical event and links
    /// every stored event again under `rules`, in ingest order, in one
    /// transaction: a killed relink leaves the old links whole.
    /// `progress(done, total)` is called after each event.
    pub fn relink(
        &mut self,
        rules: &MergeRules,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<RelinkSummary> {
        let db = self.path.clone();
        let sql = sql_error(&db);
        let tx = self.write()?;
        let summary = relink_all(&tx, rules, &db, progress)?;
        tx.commit().map_err(sql)?;
        Ok(summary)
    }
}

const RULES_KEY: &str = "merge_rules";

fn links_current(conn: &rusqlite::Connection, rules: &MergeRules) -> rusqlite::Result<bool> {
    let stored: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [RULES_KEY], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(match stored {
        Some(f) => f == rules.fingerprint(),
        // A store from before fingerprints: current only if nothing is linked.
        None => !conn.query_row("SELECT EXISTS (SELECT 1 FROM event_links)", [], |r| {
            r.get::<_, bool>(0)
        })?,
    })
}

fn set_fingerprint(conn: &rusqlite::Connection, rules: &MergeRules) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![RULES_KEY, rules.fingerprint()],
    )?;
    Ok(())
}

fn relink_all(
    tx: &Transaction<'_>,
    rules: &MergeRules,
    db: &std::path::Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RelinkSummary> {
    let sql = sql_error(db);
    tx.execute_batch("DELETE FROM event_links; DELETE FROM canonical_events;")
        .map_err(sql)?;
    let events: Vec<(i64, i64)> = {
        let mut stmt = tx
            .prepare("SELECT id, report_id FROM events ORDER BY id")
            .map_err(sql)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql)?;
        rows.collect::<rusqlite::Result<_>>().map_err(sql)?
    };
    let mut summary = RelinkSummary {
        events: events.len(),
        ..RelinkSummary::default()
    };
    let mut dirty: BTreeSet<i64> = BTreeSet::new();
    let mut linker = Linker::default();
    for (done, &(event_id, report_id)) in events.iter().enumerate() {
        let (canonical, joined) = linker.link(tx, event_id, report_id, rules, db)?;
        if joined {
            summary.merged += 1;
            dirty.insert(canonical);
        }
        progress(done + 1, events.len());
    }
    for id in dirty {
        rebuild_canonical(tx, id, db)?;
    }
    summary.occurrences = tx
        .query_row("SELECT count(*) FROM canonical_events", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(sql)? as usize;
    set_fingerprint(tx, rules).map_err(sql)?;
    Ok(summary)
}

fn insert_report(
    tx: &Transaction<'_>,
    file_id: i64,
    ord: usize,
    report: &Report,
) -> rusqlite::Result<i64> {
    let json = serde_json::to_string(report)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.execute(
        "INSERT INTO reports (file_id, ord, title, json) VALUES (?1, ?2, ?3, ?4)",
        params![file_id, ord as i64, report.title, json],
    )?;
    let report_id = tx.last_insert_rowid();
    let mut src = tx.prepare_cached(
        "INSERT INTO sources (report_id, ord, citation, outlet, language, date, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, s) in report.sources.iter().enumerate() {
        src.execute(params![
            report_id,
            i as i64,
            s.citation.text,
            s.outlet,
            s.language,
            s.date.map(|d| d.to_string()),
            s.url
        ])?;
    }
    let mut pas = tx.prepare_cached(
        "INSERT INTO passages (report_id, kind, label, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut put = |kind: &str, label: Option<&str>, text: &str| -> rusqlite::Result<()> {
        if !text.trim().is_empty() {
            pas.execute(params![report_id, kind, label, text])?;
        }
        Ok(())
    };
    put("title", None, &report.title)?;
    if let Some(c) = &report.image_caption {
        put("caption", None, &c.text)?;
    }
    if let Some(q) = &report.quote {
        put("quote", None, &q.text)?;
    }
    for s in &report.summary {
        put("summary", None, &s.text)?;
    }
    for (i, p) in report.paragraphs.iter().enumerate() {
        put("commentary", Some(&format!("paragraph {}", i + 1)), &p.text)?;
    }
    for s in &report.sources {
        let label = s
            .outlet
            .clone()
            .or_else(|| s.translated_title.clone())
            .unwrap_or_else(|| s.citation.text.clone());
        put("citation", Some(&label), &s.citation.text)?;
        for p in &s.excerpt {
            put("excerpt", Some(&label), &p.text)?;
        }
    }
    for n in &report.notes {
        put("note", Some(&format!("[{}]", n.marker)), &n.text)?;
    }
    Ok(report_id)
}

fn insert_event(
    tx: &Transaction<'_>,
    report_id: i64,
    ord: usize,
    e: &Event,
) -> rusqlite::Result<i64> {
    let json = serde_json::to_string(e)
        .map_err(|err| rusqlite::Error::ToSqlConversionFailure(Box::new(err)))?;
    let (lo, hi) = day_range(&e.event_date);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (report_id, ord, event_type, sub_event_type, event_date, date_precision, day_lo, day_hi,
            country, admin1, location, latitude, longitude, geo_precision, actor1, actor2, fatalities, injuries,
            civilian_targeting)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    stmt.execute(params![
        report_id,
        ord as i64,
        e.event_type.as_str(),
        e.sub_event_type,
        e.event_date.to_string(),
        precision_str(e),
        lo,
        hi,
        e.country.to_ascii_uppercase(),
        e.admin1,
        e.location,
        e.latitude,
        e.longitude,
        e.geo_precision,
        e.actor1,
        e.actor2,
        e.fatalities,
        e.injuries,
        e.civilian_targeting,
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO event_docs (event_id, json) VALUES (?1, ?2)")?
        .execute(params![id, json])?;
    if let (Some(lat), Some(lon)) = (e.latitude, e.longitude) {
        tx.prepare_cached(
            "INSERT INTO events_rtree (id, min_lat, max_lat, min_lon, max_lon, day_lo, day_hi) VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?5)",
        )?
        .execute(params![id, lat, lon, lo, hi])?;
    }
    let mut actor =
        tx.prepare_cached("INSERT OR IGNORE INTO event_actors (actor, day_lo, event_id, day_hi, country) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for name in e.actor1.iter().chain(e.actor2.iter()) {
        actor.execute(params![name, lo, id, hi, e.country.to_ascii_uppercase()])?;
    }
    let mut claim = tx.prepare_cached(
        "INSERT INTO claims (event_id, by, stance, day_lo, day_hi) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in &e.claims {
        let stance = serde_json::to_value(c.stance)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        claim.execute(params![id, c.by, stance, lo, hi])?;
    }
    Ok(id)
}

fn precision_str(e: &Event) -> &'static str {
    match e.date_precision {
        watchfloor_model::DatePrecision::Day => "day",
        watchfloor_model::DatePrecision::Month => "month",
        watchfloor_model::DatePrecision::Year => "year",
    }
}

/// A stored event with the ids the merge needs.
pub(crate) struct Loaded {
    pub id: i64,
    pub report_id: i64,
    pub report_title: String,
    pub event: Event,
    pub reason: Option<String>,
}

pub(crate) fn load_events(
    tx: &rusqlite::Connection,
    where_sql: &str,
    param: i64,
    db: &std::path::Path,
) -> Result<Vec<Loaded>> {
    let sql = sql_error(db);
    let mut stmt = tx
        .prepare_cached(&format!(
            "SELECT e.id, e.report_id, r.title, d.json, l.reason FROM events e JOIN reports r ON r.id = e.report_id
             JOIN event_docs d ON d.event_id = e.id
             LEFT JOIN event_links l ON l.event_id = e.id WHERE {where_sql} ORDER BY e.id"
        ))
        .map_err(sql)?;
    let rows = stmt
        .query_map([param], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get(4)?,
            ))
        })
        .map_err(sql)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, report_id, report_title, json, reason) = row.map_err(sql)?;
        let event = serde_json::from_str(&json).map_err(|e| Error::Corrupt {
            path: db.to_path_buf(),
            what: format!("event {id}: {e}"),
        })?;
        out.push(Loaded {
            id,
            report_id,
            report_title,
            event,
            reason,
        });
    }
    Ok(out)
}

/// Like [`load_events`], but builds each event from its filter columns
/// (claims and evidence left empty) instead of parsing its JSON: all the
/// merge tests read, at a fraction of the cost, since a new record is
/// compared with every distinct coding of every candidate occurrence.
pub(crate) fn load_records(
    tx: &rusqlite::Connection,
    where_sql: &str,
    param: i64,
    db: &std::path::Path,
) -> Result<Vec<Loaded>> {
    let sql = sql_error(db);
    let mut stmt = tx
        .prepare_cached(&format!(
            "SELECT e.id, e.report_id, r.title, l.reason, e.event_type, e.sub_event_type, e.event_date, e.country,
                    e.location, e.latitude, e.longitude, e.geo_precision, e.actor1, e.actor2, e.fatalities,
                    e.injuries, e.civilian_targeting, e.admin1
             FROM events e JOIN reports r ON r.id = e.report_id
             LEFT JOIN event_links l ON l.event_id = e.id WHERE {where_sql} ORDER BY e.id"
        ))
        .map_err(sql)?;
    let rows = stmt
        .query_map([param], |r| {
            let id: i64 = r.get(0)?;
            let kind: String = r.get(4)?;
            let date: String = r.get(6)?;
            Ok((
                id,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                kind,
                date,
                {
                    (
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, Option<f64>>(9)?,
                        r.get::<_, Option<f64>>(10)?,
                        r.get::<_, Option<String>>(11)?,
                        r.get::<_, Option<String>>(12)?,
                        r.get::<_, Option<String>>(13)?,
                        r.get::<_, Option<u32>>(14)?,
                        r.get::<_, Option<u32>>(15)?,
                        r.get::<_, bool>(16)?,
                        r.get::<_, Option<String>>(17)?,
                    )
                },
            ))
        })
        .map_err(sql)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, report_id, report_title, reason, kind, date, c) = row.map_err(sql)?;
        let corrupt = |what: String| Error::Corrupt {
            path: db.to_path_buf(),
            what: format!("event {id}: {what}"),
        };
        let event_type = watchfloor_model::EventType::parse(&kind)
            .ok_or_else(|| corrupt(format!("event type {kind}")))?;
        let event_date: watchfloor_model::PartialDate =
            date.parse().map_err(|e| corrupt(format!("{e}")))?;
        let event = Event {
            report_title: report_title.clone(),
            event_type,
            sub_event_type: c.0,
            event_date,
            date_precision: event_date.precision,
            country: c.1,
            location: c.2,
            latitude: c.3,
            longitude: c.4,
            geo_precision: c.5,
            admin1: c.11,
            actor1: c.6,
            actor2: c.7,
            fatalities: c.8,
            injuries: c.9,
            civilian_targeting: c.10,
            claims: Vec::new(),
            evidence: Vec::new(),
        };
        out.push(Loaded {
            id,
            report_id,
            report_title,
            event,
            reason,
        });
    }
    Ok(out)
}

/// What the merge tests read of a record, besides its report: records with
/// equal codings get equal answers from [`resolve::compatible`], so an
/// occurrence is compared once per distinct coding, not once per record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CodingKey {
    event_type: &'static str,
    sub_event_type: String,
    country: String,
    event_date: String,
    location: String,
    latitude: Option<u64>,
    longitude: Option<u64>,
    geo_precision: Option<String>,
    actor1: Option<String>,
    actor2: Option<String>,
}

impl CodingKey {
    fn of(e: &Event) -> CodingKey {
        CodingKey {
            event_type: e.event_type.as_str(),
            sub_event_type: e.sub_event_type.clone(),
            country: e.country.clone(),
            event_date: format!("{}/{:?}", e.event_date, e.date_precision),
            location: e.location.clone(),
            latitude: e.latitude.map(f64::to_bits),
            longitude: e.longitude.map(f64::to_bits),
            geo_precision: e.geo_precision.clone(),
            actor1: e.actor1.clone(),
            actor2: e.actor2.clone(),
        }
    }
}

/// One occurrence as the linker sees it: its first record (whose tests the
/// link reason quotes), its distinct codings, the reports it has a record
/// from, and how many records it has.
struct Occurrence {
    first: Option<(i64, i64, String, Event)>,
    keys: HashSet<CodingKey>,
    codings: Vec<(i64, Event)>,
    reports: HashSet<i64>,
    records: usize,
}

impl Occurrence {
    fn new() -> Occurrence {
        Occurrence {
            first: None,
            keys: HashSet::new(),
            codings: Vec::new(),
            reports: HashSet::new(),
            records: 0,
        }
    }

    /// Adds a record; records must come in id order.
    fn add(&mut self, id: i64, report_id: i64, title: &str, event: &Event) {
        if self.first.is_none() {
            self.first = Some((id, report_id, title.to_string(), event.clone()));
        }
        if self.keys.insert(CodingKey::of(event)) {
            self.codings.push((report_id, event.clone()));
        }
        self.reports.insert(report_id);
        self.records += 1;
    }
}

/// Links new records to occurrences (complete linkage) at a cost that does
/// not grow with the occurrences' sizes: each candidate occurrence is read
/// from the store once and then kept in memory, as its distinct codings and
/// the set of its reports. The memory stays valid across the transactions
/// of one ingest as long as no other connection wrote in between (SQLite's
/// `data_version`); otherwise it is dropped and read again.
#[derive(Default)]
pub(crate) struct Linker {
    occurrences: std::collections::HashMap<i64, Occurrence>,
    data_version: Option<i64>,
}

impl Linker {
    /// Called at the start of each write transaction.
    fn begin(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        let v: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(v) {
            self.occurrences.clear();
            self.data_version = Some(v);
        }
        Ok(())
    }

    fn occurrence(
        &mut self,
        tx: &Transaction<'_>,
        cid: i64,
        db: &std::path::Path,
    ) -> Result<&mut Occurrence> {
        use std::collections::hash_map::Entry;
        match self.occurrences.entry(cid) {
            Entry::Occupied(o) => Ok(o.into_mut()),
            Entry::Vacant(v) => {
                let mut occ = Occurrence::new();
                for m in load_records(tx, "l.canonical_id = ?1", cid, db)? {
                    occ.add(m.id, m.report_id, &m.report_title, &m.event);
                }
                Ok(v.insert(occ))
            }
        }
    }

    /// Links a new event to the first canonical event all of whose members
    /// it agrees with, or starts a new one. Returns the canonical id and
    /// whether it joined an existing one.
    fn link(
        &mut self,
        tx: &Transaction<'_>,
        event_id: i64,
        report_id: i64,
        rules: &MergeRules,
        db: &std::path::Path,
    ) -> Result<(i64, bool)> {
        let sql = sql_error(db);
        let me = load_records(tx, "e.id = ?1", event_id, db)?
            .pop()
            .ok_or_else(|| Error::Corrupt {
                path: db.to_path_buf(),
                what: format!("event {event_id} vanished during ingest"),
            })?;
        let candidates = candidates(tx, &me.event, rules).map_err(sql)?;
        let mine = Record {
            report_id,
            event: &me.event,
        };
        for cid in candidates {
            let occ = self.occurrence(tx, cid, db)?;
            let Some((mid, first_report, title, first_event)) = &occ.first else {
                continue;
            };
            // A report codes each occurrence once.
            if occ.reports.contains(&report_id) {
                continue;
            }
            let agrees = occ.codings.iter().all(|(r, e)| {
                resolve::compatible(
                    &mine,
                    &Record {
                        report_id: *r,
                        event: e,
                    },
                    rules,
                )
                .is_ok()
            });
            if !agrees {
                continue;
            }
            let why = resolve::compatible(
                &mine,
                &Record {
                    report_id: *first_report,
                    event: first_event,
                },
                rules,
            )
            .map_err(|e| Error::Corrupt {
                path: db.to_path_buf(),
                what: format!("canonical event {cid}: its first record disagrees after all: {e}"),
            })?;
            let reason = format!(
                "agrees with all {} record(s) of canonical event {cid}; against event {mid} of \"{title}\":\n{}",
                occ.records,
                why.iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n")
            );
            tx.execute(
                "INSERT INTO event_links (event_id, canonical_id, reason) VALUES (?1, ?2, ?3)",
                params![event_id, cid, reason],
            )
            .map_err(sql)?;
            occ.add(event_id, report_id, &me.report_title, &me.event);
            return Ok((cid, true));
        }
        let (lo, hi) = day_range(&me.event.event_date);
        let (lat, lon) = placed(&me.event);
        tx.execute(
            "INSERT INTO canonical_events (event_type, country, day_lo, day_hi, wide, min_lat, max_lat, min_lon, max_lon, members,
                representative, estimates)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7, 1, ?8, NULL)",
            params![
                me.event.event_type.as_str(),
                me.event.country.to_ascii_uppercase(),
                lo,
                hi,
                (hi - lo > 31) as i64,
                lat,
                lon,
                event_id
            ],
        )
        .map_err(sql)?;
        let cid = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO event_links (event_id, canonical_id, reason) VALUES (?1, ?2, NULL)",
            params![event_id, cid],
        )
        .map_err(sql)?;
        let mut occ = Occurrence::new();
        occ.add(event_id, report_id, &me.report_title, &me.event);
        self.occurrences.insert(cid, occ);
        Ok((cid, false))
    }
}

/// A record's coordinates when it is placed below the country.
fn placed(e: &Event) -> (Option<f64>, Option<f64>) {
    match (e.latitude, e.longitude) {
        (Some(a), Some(b)) if resolve::place_rank(e) < 2 => (Some(a), Some(b)),
        _ => (None, None),
    }
}

/// Canonical events a record may join, oldest first: same type and country,
/// overlapping in time, and (when placed) within reach. Narrow ones (day or
/// month dates) start at most 31 days before the record; wide ones (a
/// year-precision member) at most 366. Placed candidates must also lie
/// within reach of its coordinates (a degree of latitude is 111 km; the
/// longitude window widens with latitude).
fn candidates(tx: &Transaction<'_>, e: &Event, rules: &MergeRules) -> rusqlite::Result<Vec<i64>> {
    let (lo, hi) = day_range(&e.event_date);
    let slack = rules.day_slack;
    let reach = rules.exact_km.max(rules.province_km);
    let (lat, lon) = placed(e);
    let dlat = reach / 111.0;
    let dlon = lat.map_or(180.0, |a: f64| {
        reach / (111.0 * a.to_radians().cos().max(0.05))
    });
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM canonical_events WHERE event_type = ?1 AND country = ?2
           AND ((wide = 0 AND day_lo BETWEEN ?3 AND ?5) OR (wide = 1 AND day_lo BETWEEN ?4 AND ?5))
           AND day_hi >= ?6
           AND (?7 IS NULL OR min_lat IS NULL
                OR (?7 BETWEEN min_lat - ?9 AND max_lat + ?9 AND ?8 BETWEEN min_lon - ?10 AND max_lon + ?10))
         ORDER BY id",
    )?;
    let rows = stmt.query_map(
        params![
            e.event_type.as_str(),
            e.country.to_ascii_uppercase(),
            lo - 31 - slack,
            lo - 366 - slack,
            hi + slack,
            lo - slack,
            lat,
            lon,
            dlat,
            dlon
        ],
        |r| r.get(0),
    )?;
    rows.collect()
}

/// Fatality and injury estimates of a canonical event (its `estimates` column).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Estimates {
    pub fatalities: Estimate,
    pub injuries: Estimate,
}

/// The member whose coding represents the occurrence: the most precise
/// (day before month, exact place before province), earliest stored first.
pub(crate) fn representative(members: &[Loaded]) -> Option<&Loaded> {
    members
        .iter()
        .min_by_key(|m| (m.event.date_precision, resolve::place_rank(&m.event), m.id))
}

/// One member's figure `v`, with the source of the sentence that gives it
/// (else the first cited one). Needs the member's evidence.
fn figure(m: &Loaded, v: u32) -> Figure {
    Figure {
        value: v,
        event_id: m.id,
        report_title: m.report_title.clone(),
        source: m
            .event
            .evidence
            .iter()
            .find(|e| e.source.is_some() && mentions_number(&e.text, v))
            .or_else(|| m.event.evidence.iter().find(|e| e.source.is_some()))
            .and_then(|e| e.source.clone()),
    }
}

/// Every member's fatality and injury figure, with who reported it.
pub(crate) fn estimates(members: &[Loaded]) -> Estimates {
    Estimates {
        fatalities: Estimate::from_figures(
            members
                .iter()
                .filter_map(|m| m.event.fatalities.map(|v| figure(m, v)))
                .collect(),
        ),
        injuries: Estimate::from_figures(
            members
                .iter()
                .filter_map(|m| m.event.injuries.map(|v| figure(m, v)))
                .collect(),
        ),
    }
}

/// The occurrence as one event: the representative's coding, fatalities and
/// injuries set to the best estimates, actors filled from other members where
/// it names none, civilian targeting if any member says so, and the union of
/// all members' claims and evidence.
pub(crate) fn merged_event(members: &[Loaded], est: &Estimates) -> Option<Event> {
    let rep = representative(members)?;
    let mut event = rep.event.clone();
    event.fatalities = est.fatalities.best;
    event.injuries = est.injuries.best;
    event.civilian_targeting = members.iter().any(|m| m.event.civilian_targeting);
    let mut seen = HashSet::new();
    event.claims.clear();
    event.evidence.clear();
    for m in members {
        for c in &m.event.claims {
            if seen.insert((c.by.clone(), format!("{:?}", c.stance))) {
                event.claims.push(c.clone());
            }
        }
        event.evidence.extend(m.event.evidence.iter().cloned());
        if event.actor1.is_none() {
            event.actor1 = m.event.actor1.clone();
        }
        if event.actor2.is_none() {
            event.actor2 = m.event.actor2.clone();
        }
    }
    Some(event)
}

/// Recomputes a canonical event's summary columns from its members, or
/// drops it when none remain.
pub(crate) fn rebuild_canonical(
    tx: &Transaction<'_>,
    cid: i64,
    db: &std::path::Path,
) -> Result<()> {
    let sql = sql_error(db);
    // Members as their filter columns: all the summary needs but the
    // evidence behind each figure's source, which comes from the figures
    // already stored (an event row never changes) or, for members new
    // since, from their JSON. So rebuilding after a batch joins records to
    // a large occurrence parses only the new records' JSON.
    let members = load_records(tx, "l.canonical_id = ?1", cid, db)?;
    let Some(rep) = representative(&members) else {
        tx.execute("DELETE FROM canonical_events WHERE id = ?1", [cid])
            .map_err(sql)?;
        return Ok(());
    };
    let stored: Option<String> = tx
        .query_row(
            "SELECT estimates FROM canonical_events WHERE id = ?1",
            [cid],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql)?
        .flatten();
    let known: Estimates = stored
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let index = |e: &Estimate| -> std::collections::HashMap<(i64, u32), Figure> {
        e.figures
            .iter()
            .map(|f| ((f.event_id, f.value), f.clone()))
            .collect()
    };
    let (known_f, known_i) = (index(&known.fatalities), index(&known.injuries));
    let (mut fat, mut inj) = (Vec::new(), Vec::new());
    for m in &members {
        let want_f = m
            .event
            .fatalities
            .filter(|v| !known_f.contains_key(&(m.id, *v)));
        let want_i = m
            .event
            .injuries
            .filter(|v| !known_i.contains_key(&(m.id, *v)));
        let full = if want_f.is_some() || want_i.is_some() {
            load_events(tx, "e.id = ?1", m.id, db)?.pop()
        } else {
            None
        };
        let pick = |v: Option<u32>, known: &std::collections::HashMap<(i64, u32), Figure>| {
            v.map(|v| match known.get(&(m.id, v)) {
                Some(f) => f.clone(),
                None => figure(full.as_ref().unwrap_or(m), v),
            })
        };
        fat.extend(pick(m.event.fatalities, &known_f));
        inj.extend(pick(m.event.injuries, &known_i));
    }
    let est = Estimates {
        fatalities: Estimate::from_figures(fat),
        injuries: Estimate::from_figures(inj),
    };
    let est_json = if est.fatalities.figures.is_empty() && est.injuries.figures.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&est).map_err(|e| Error::Corrupt {
            path: db.to_path_buf(),
            what: format!("canonical event {cid}: {e}"),
        })?)
    };
    let lo = members
        .iter()
        .map(|m| day_range(&m.event.event_date).0)
        .min()
        .unwrap_or(0);
    let hi = members
        .iter()
        .map(|m| day_range(&m.event.event_date).1)
        .max()
        .unwrap_or(0);
    let placed: Vec<(f64, f64)> = members
        .iter()
        .filter(|m| resolve::place_rank(&m.event) < 2)
        .filter_map(|m| m.event.latitude.zip(m.event.longitude))
        .collect();
    // A member placed only at country level matches anywhere: no box then.
    let any_vague = members.iter().any(|m| resolve::place_rank(&m.event) == 2);
    let bbox = if placed.is_empty() || any_vague {
        None
    } else {
        let f = |sel: fn(&(f64, f64)) -> f64, max: bool| {
            placed
                .iter()
                .map(sel)
                .fold(if max { f64::MIN } else { f64::MAX }, |a, b| {
                    if max {
                        a.max(b)
                    } else {
                        a.min(b)
                    }
                })
        };
        Some((
            f(|p| p.0, false),
            f(|p| p.0, true),
            f(|p| p.1, false),
            f(|p| p.1, true),
        ))
    };
    tx.execute(
        "UPDATE canonical_events SET day_lo = ?2, day_hi = ?3, members = ?4, representative = ?5, estimates = ?6,
            wide = ?7, min_lat = ?8, max_lat = ?9, min_lon = ?10, max_lon = ?11 WHERE id = ?1",
        params![
            cid,
            lo,
            hi,
            members.len() as i64,
            rep.id,
            est_json,
            (hi - lo > 31) as i64,
            bbox.map(|b| b.0),
            bbox.map(|b| b.1),
            bbox.map(|b| b.2),
            bbox.map(|b| b.3)
        ],
    )
    .map_err(sql)?;
    Ok(())
}

/// Whether `text` has `n` as a whole number (not inside a longer one).
fn mentions_number(text: &str, n: u32) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|w| w.parse::<u32>().ok() == Some(n) && !w.is_empty())
}
