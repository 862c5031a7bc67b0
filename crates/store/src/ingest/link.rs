//! Cross-report linking: which occurrence (canonical event) a new record
//! joins, relinking every record when the merge rules change, and
//! rebuilding a canonical event from its records.

use super::ids;
use super::load::{load_events, load_records, Loaded};
use super::sql_error;
use crate::resolve::{self, day_range, Estimate, Figure, MergeRules, Record};
use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::{BTreeSet, HashSet};
use watchfloor_model::Event;

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

pub(super) fn set_fingerprint(
    conn: &rusqlite::Connection,
    rules: &MergeRules,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![RULES_KEY, rules.fingerprint()],
    )?;
    Ok(())
}

/// Before a file's first batch is stored: links made under other rules
/// would mix with the new ones, so they are redone first.
pub(super) fn prepare(
    tx: &Transaction<'_>,
    rules: &MergeRules,
    db: &std::path::Path,
) -> Result<()> {
    if !links_current(tx, rules).map_err(sql_error(db))? {
        relink_all(tx, rules, db, &mut |_, _| {})?;
    }
    Ok(())
}

fn relink_all(
    tx: &Transaction<'_>,
    rules: &MergeRules,
    db: &std::path::Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RelinkSummary> {
    let sql = sql_error(db);
    // Ids come back through the records' anchors (`ids::settle`); those no
    // new occurrence takes are retired.
    let freed: Vec<String> = ids::all_held(tx).map_err(sql)?.into_values().collect();
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
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    let mut linker = Linker::default();
    for (done, &(event_id, report_id)) in events.iter().enumerate() {
        let (canonical, joined) = linker.link(tx, event_id, report_id, rules, db)?;
        if joined {
            summary.merged += 1;
            dirty.insert(canonical);
        }
        touched.insert(canonical);
        progress(done + 1, events.len());
    }
    for id in dirty {
        rebuild_canonical(tx, id, db)?;
    }
    ids::settle(tx, &touched, ids::Linked::All, &freed).map_err(sql)?;
    summary.occurrences = tx
        .query_row("SELECT count(*) FROM canonical_events", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(sql)? as usize;
    set_fingerprint(tx, rules).map_err(sql)?;
    Ok(summary)
}

/// What the merge tests read of a record, besides its report: records with
/// equal codings get equal answers from [`resolve::compatible`], so an
/// occurrence is compared once per distinct coding, not once per record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CodingKey {
    event_type: &'static str,
    sub_event_type: watchfloor_model::SubEventType,
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
            sub_event_type: e.sub_event_type,
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
    pub(crate) fn begin(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
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
    pub(crate) fn link(
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
        if let Some((pin, cid)) = pinned(tx, event_id).map_err(sql)? {
            return self.place_pinned(tx, event_id, report_id, &me, &pin, cid, db);
        }
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
                "agrees with all {} record(s) of the occurrence; against record r{mid} of \"{title}\":\n{}",
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
        let cid = open_occurrence(tx, event_id, &me.event).map_err(sql)?;
        let mut occ = Occurrence::new();
        occ.add(event_id, report_id, &me.report_title, &me.event);
        self.occurrences.insert(cid, occ);
        Ok((cid, false))
    }

    /// Places a record a person pinned to the occurrence `pin` (`edit
    /// --merge` or `--split`): into the row holding that id (`cid`), else
    /// into a new row that takes the id.
    #[allow(clippy::too_many_arguments)]
    fn place_pinned(
        &mut self,
        tx: &Transaction<'_>,
        event_id: i64,
        report_id: i64,
        me: &Loaded,
        pin: &str,
        cid: Option<i64>,
        db: &std::path::Path,
    ) -> Result<(i64, bool)> {
        let sql = sql_error(db);
        let reason = format!(
            "placed in {pin} by hand (`watchfloor edit`; its corrections say who and when), whatever the merge rules say"
        );
        if let Some(cid) = cid {
            let occ = self.occurrence(tx, cid, db)?;
            tx.execute(
                "INSERT INTO event_links (event_id, canonical_id, reason) VALUES (?1, ?2, ?3)",
                params![event_id, cid, reason],
            )
            .map_err(sql)?;
            occ.add(event_id, report_id, &me.report_title, &me.event);
            return Ok((cid, true));
        }
        let cid = open_occurrence(tx, event_id, &me.event).map_err(sql)?;
        tx.execute(
            "UPDATE event_links SET reason = ?2 WHERE event_id = ?1",
            params![event_id, reason],
        )
        .map_err(sql)?;
        ids::hold(tx, cid, pin).map_err(sql)?;
        let mut occ = Occurrence::new();
        occ.add(event_id, report_id, &me.report_title, &me.event);
        self.occurrences.insert(cid, occ);
        Ok((cid, false))
    }
}

/// The occurrence a person pinned the record `event_id` to, and the row
/// holding that id now (if any).
fn pinned(tx: &Transaction<'_>, event_id: i64) -> rusqlite::Result<Option<(String, Option<i64>)>> {
    let pin: Option<String> = tx
        .prepare_cached(
            "SELECT a.occurrence FROM events e JOIN anchors a ON a.anchor = e.anchor
             WHERE e.id = ?1 AND a.pinned = 1",
        )?
        .query_row([event_id], |r| r.get(0))
        .optional()?;
    let Some(pin) = pin else { return Ok(None) };
    let cid: Option<i64> = tx
        .prepare_cached("SELECT id FROM canonical_events WHERE public_id = ?1")?
        .query_row([&pin], |r| r.get(0))
        .optional()?;
    Ok(Some((pin, cid)))
}

/// A new occurrence row of the one record `event_id` (no id yet:
/// `ids::settle` gives it one).
fn open_occurrence(tx: &Transaction<'_>, event_id: i64, event: &Event) -> rusqlite::Result<i64> {
    {
        let me = event;
        let (lo, hi) = day_range(&me.event_date);
        let (lat, lon) = placed(me);
        tx.execute(
            "INSERT INTO canonical_events (event_type, country, day_lo, day_hi, wide, min_lat, max_lat, min_lon, max_lon, members,
                representative, estimates)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7, 1, ?8, NULL)",
            params![
                me.event_type.as_str(),
                me.country.to_ascii_uppercase(),
                lo,
                hi,
                (hi - lo > 31) as i64,
                lat,
                lon,
                event_id
            ],
        )?;
        let cid = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO event_links (event_id, canonical_id, reason) VALUES (?1, ?2, NULL)",
            params![event_id, cid],
        )?;
        Ok(cid)
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

/// One member's figure `v`, credited as [`credited_source`] says. Needs
/// the member's evidence.
fn figure(m: &Loaded, v: u32) -> Figure {
    Figure {
        value: v,
        event_id: m.id,
        report_title: m.report_title.clone(),
        source: credited_source(&m.event.evidence, v),
    }
}

/// The source a figure `v` is credited to: that of the first evidence
/// sentence stating it in digits — none when that sentence is the report's
/// own commentary —, else the one source every evidence sentence comes
/// from; else none. A figure is never credited to a source that does not
/// state it just because that source is cited first.
fn credited_source(evidence: &[watchfloor_model::Evidence], v: u32) -> Option<String> {
    if let Some(stating) = evidence.iter().find(|e| mentions_number(&e.text, v)) {
        return stating.source.clone();
    }
    let first = evidence.first()?.source.as_ref()?;
    evidence
        .iter()
        .all(|e| e.source.as_ref() == Some(first))
        .then(|| first.clone())
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
/// drops it when none remain, returning the id it held then (for
/// `ids::settle` to retire unless another occurrence takes it back).
pub(crate) fn rebuild_canonical(
    tx: &Transaction<'_>,
    cid: i64,
    db: &std::path::Path,
) -> Result<Option<String>> {
    let sql = sql_error(db);
    // Members as their filter columns: all the summary needs but the
    // evidence behind each figure's source, which comes from the figures
    // already stored (an event row never changes) or, for members new
    // since, from their JSON. So rebuilding after a batch joins records to
    // a large occurrence parses only the new records' JSON.
    let members = load_records(tx, "l.canonical_id = ?1", cid, db)?;
    let Some(rep) = representative(&members) else {
        let freed = ids::public_id_of(tx, cid).map_err(sql)?;
        tx.execute("DELETE FROM canonical_events WHERE id = ?1", [cid])
            .map_err(sql)?;
        return Ok(freed);
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
    Ok(None)
}

/// Whether `text` has `n` as a whole number (not inside a longer one).
fn mentions_number(text: &str, n: u32) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|w| w.parse::<u32>().ok() == Some(n) && !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use watchfloor_model::{Evidence, Section, Span};

    fn said(text: &str, source: Option<&str>) -> Evidence {
        Evidence {
            span: Span::new(0, text.len()),
            text: text.into(),
            section: Section::Commentary,
            source: source.map(str::to_string),
        }
    }

    #[test]
    fn a_figure_is_credited_to_the_source_that_states_it() {
        let evidence = [
            said(
                "Gunmen attacked the town, killing 12 people.",
                Some("Outlet A"),
            ),
            said("Officials later put the toll at 20.", Some("Outlet B")),
            said("The analyst counts 25 dead.", None),
        ];
        assert_eq!(credited_source(&evidence, 12).as_deref(), Some("Outlet A"));
        assert_eq!(credited_source(&evidence, 20).as_deref(), Some("Outlet B"));
        // Stated only in the commentary: the report's own, not Outlet A's.
        assert_eq!(credited_source(&evidence, 25), None);
        // Stated nowhere in digits, sources differ: no one is credited.
        assert_eq!(credited_source(&evidence, 7), None);
        // Stated nowhere in digits, one source told it all: that source.
        let one = [
            said("Nine died.", Some("Outlet A")),
            said("It was an ambush.", Some("Outlet A")),
        ];
        assert_eq!(credited_source(&one, 9).as_deref(), Some("Outlet A"));
    }
}
