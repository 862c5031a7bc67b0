//! Storing a file's reports in batches: content-hash idempotence,
//! replacing an earlier version of the file, and the rows of reports,
//! sources, passages, events and claims.

use super::ids;
use super::link::{self, Linker};
use super::{content_hash, sql_error, FileSummary, IngestOutcome, IngestReport, PARTIAL};
use crate::resolve::{day_range, MergeRules};
use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::{BTreeSet, HashMap};
use watchfloor_model::{Event, Report};

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
                    link::prepare(&tx, rules, &db)?;
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
                let mut seen = HashMap::new();
                for (eord, e) in r.events.iter().enumerate() {
                    let first = e.evidence.first().map(|v| v.text.as_str());
                    let anchor = ids::anchor(path, &r.report.title, first, eord, &mut seen);
                    let id = insert_event(&tx, report_id, eord, e, &anchor).map_err(sql)?;
                    new_events.push((id, report_id));
                }
            }
            let mut touched: BTreeSet<i64> = BTreeSet::new();
            for &(event_id, report_id) in &new_events {
                let (canonical, joined) = linker.link(&tx, event_id, report_id, rules, &db)?;
                // A new one-record occurrence is complete as inserted.
                if joined {
                    summary.merged += 1;
                    dirty.insert(canonical);
                }
                touched.insert(canonical);
            }
            let mut freed = Vec::new();
            for &id in &dirty {
                freed.extend(link::rebuild_canonical(&tx, id, &db)?);
            }
            touched.extend(dirty.iter().copied());
            let linked: Vec<i64> = new_events.iter().map(|e| e.0).collect();
            ids::settle(&tx, &touched, ids::Linked::Records(&linked), &freed).map_err(sql)?;
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
            link::set_fingerprint(&tx, rules).map_err(sql)?;
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
    anchor: &str,
) -> rusqlite::Result<i64> {
    let json = serde_json::to_string(e)
        .map_err(|err| rusqlite::Error::ToSqlConversionFailure(Box::new(err)))?;
    let (lo, hi) = day_range(&e.event_date);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (report_id, ord, event_type, sub_event_type, event_date, date_precision, day_lo, day_hi,
            country, admin1, location, latitude, longitude, geo_precision, actor1, actor2, fatalities, injuries,
            civilian_targeting, anchor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    stmt.execute(params![
        report_id,
        ord as i64,
        e.event_type.as_str(),
        e.sub_event_type.as_str(),
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
        anchor,
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
