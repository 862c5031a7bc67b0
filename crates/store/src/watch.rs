//! Watchlists: saved filters an ingest checks its new occurrences against.
//!
//! A watchlist is a [`FilterSpec`] stored under a name (its JSON, so it is
//! read again, with the catalogue and store of the day, each time). After
//! an ingest, [`Store::flag_new`] takes the occurrences whose ids were
//! minted by that ingest (`occurrence_ids.seq` above the mark taken before
//! it, [`Store::id_mark`]), matches each watchlist against them and records
//! the hits (`watch_hits`), once per watchlist and occurrence.

use crate::{Error, FilterSpec, Result, Store};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use watchfloor_actors::Catalogue;

/// A saved watchlist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Watchlist {
    pub name: String,
    pub filters: FilterSpec,
    pub created_by: String,
    pub created_at: String,
    /// Occurrences flagged so far.
    pub hits: usize,
    pub last_hit: Option<String>,
}

/// An occurrence a watchlist flagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchHit {
    pub watchlist: String,
    /// The occurrence's citable id.
    pub occurrence: String,
    pub flagged_at: String,
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::Invalid(msg.into())
}

impl Store {
    /// Saves `filters` as the watchlist `name`. The filters are checked
    /// against the catalogue and the store first, so a watchlist that can
    /// never match (a misspelt actor or country) is refused when it is
    /// made; a report, outlet, file or collection the store does not hold
    /// yet is accepted (a watchlist is about what comes in next) with a
    /// warning, returned.
    pub fn add_watchlist(
        &mut self,
        name: &str,
        filters: &FilterSpec,
        by: &str,
        catalogue: &Catalogue,
    ) -> Result<Vec<String>> {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(invalid("a watchlist needs a name of printable characters"));
        }
        if !filters.any() {
            return Err(invalid(format!(
                "watchlist `{name}` has no filter, so it would flag every occurrence: give --actor, --country, --min-fatalities or another filter"
            )));
        }
        let mut warnings = Vec::new();
        let spelt = |p: &'static str| format!("--{}", p.replace('_', "-"));
        let mut probe = filters.clone();
        loop {
            match probe.resolve(self, catalogue, spelt) {
                Ok(_) => break,
                Err(e) if ["report", "source", "file", "collection"].contains(&e.param) => {
                    warnings.push(format!(
                        "{}; the watchlist keeps it for what comes in later",
                        e.message
                    ));
                    match e.param {
                        "report" => probe.report.clear(),
                        "source" => probe.source.clear(),
                        "file" => probe.file.clear(),
                        _ => probe.collection.clear(),
                    }
                }
                Err(e) => return Err(invalid(e.message)),
            }
        }
        let json = serde_json::to_string(filters).map_err(|e| invalid(e.to_string()))?;
        let path = self.path.clone();
        let tx = self.write()?;
        let exists: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM watchlists WHERE name = ?1)",
                [name],
                |r| r.get(0),
            )
            .map_err(|e| crate::sql_error_at(&path, e))?;
        if exists {
            return Err(invalid(format!(
                "there is already a watchlist `{name}`: remove it first with `watchfloor watch remove {name}`, or pick another name"
            )));
        }
        tx.execute(
            "INSERT INTO watchlists (name, filters, created_by, created_at)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            params![name, json, by],
        )
        .map_err(|e| crate::sql_error_at(&path, e))?;
        tx.commit().map_err(|e| crate::sql_error_at(&path, e))?;
        Ok(warnings)
    }

    /// Removes a watchlist and its hits.
    pub fn remove_watchlist(&mut self, name: &str) -> Result<()> {
        let path = self.path.clone();
        let tx = self.write()?;
        let n = tx
            .execute("DELETE FROM watchlists WHERE name = ?1", [name.trim()])
            .map_err(|e| crate::sql_error_at(&path, e))?;
        if n == 0 {
            return Err(self_missing(name));
        }
        tx.commit().map_err(|e| crate::sql_error_at(&path, e))
    }

    /// Every watchlist, by name.
    pub fn watchlists(&self) -> Result<Vec<Watchlist>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT w.name, w.filters, w.created_by, w.created_at,
                        (SELECT count(*) FROM watch_hits h WHERE h.watchlist = w.name),
                        (SELECT max(flagged_at) FROM watch_hits h WHERE h.watchlist = w.name)
                 FROM watchlists w ORDER BY w.name",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (name, json, created_by, created_at, hits, last_hit) =
                row.map_err(|e| self.sql(e))?;
            let filters = serde_json::from_str(&json)
                .map_err(|e| self.corrupt(format!("watchlist {name}: {e}")))?;
            out.push(Watchlist {
                name,
                filters,
                created_by,
                created_at,
                hits: hits as usize,
                last_hit,
            });
        }
        Ok(out)
    }

    /// One watchlist.
    pub fn watchlist(&self, name: &str) -> Result<Watchlist> {
        self.watchlists()?
            .into_iter()
            .find(|w| w.name == name.trim())
            .ok_or_else(|| self_missing(name))
    }

    /// The occurrences `name` flagged at or after `since`
    /// (`YYYY-MM-DD...`), oldest flag first.
    pub fn watch_hits(&self, name: &str, since: Option<&str>) -> Result<Vec<WatchHit>> {
        self.watchlist(name)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT watchlist, occurrence, flagged_at FROM watch_hits
                 WHERE watchlist = ?1 AND flagged_at >= ?2 ORDER BY flagged_at, rowid",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![name.trim(), since.unwrap_or("")], |r| {
                Ok(WatchHit {
                    watchlist: r.get(0)?,
                    occurrence: r.get(1)?,
                    flagged_at: r.get(2)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// A mark of the occurrence ids handed out so far: pass it to
    /// [`Store::flag_new`] after an ingest.
    pub fn id_mark(&self) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT coalesce(max(seq), 0) FROM occurrence_ids",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))
    }

    /// Matches every watchlist against the occurrences whose ids were
    /// handed out after `mark` (and that still exist), records the hits
    /// and returns them, by watchlist then occurrence.
    pub fn flag_new(&mut self, mark: i64, catalogue: &Catalogue) -> Result<Vec<WatchHit>> {
        let new: std::collections::HashSet<i64> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT c.id FROM occurrence_ids o JOIN canonical_events c ON c.public_id = o.public_id
                     WHERE o.seq > ?1",
                )
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map([mark], |r| r.get(0))
                .map_err(|e| self.sql(e))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| self.sql(e))?
        };
        if new.is_empty() {
            return Ok(Vec::new());
        }
        let mut found: Vec<(String, String)> = Vec::new();
        for w in self.watchlists()? {
            // A watchlist whose names no longer resolve (an actor renamed
            // in the catalogue) matches nothing rather than everything.
            let Ok(mut filter) = w.filters.resolve(self, catalogue, |p| p.to_string()) else {
                continue;
            };
            filter.limit = None;
            filter.offset = 0;
            let rows: Vec<i64> = self
                .canonical_ids(&filter)?
                .into_iter()
                .filter(|c| new.contains(c))
                .collect();
            for (_, id) in sorted(self.public_ids(&rows)?) {
                found.push((w.name.clone(), id));
            }
        }
        let path = self.path.clone();
        let tx = self.write()?;
        let mut out = Vec::new();
        for (watchlist, occurrence) in found {
            let added = tx
                .execute(
                    "INSERT OR IGNORE INTO watch_hits (watchlist, occurrence, flagged_at)
                     VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    params![watchlist, occurrence],
                )
                .map_err(|e| crate::sql_error_at(&path, e))?;
            if added > 0 {
                let flagged_at: String = tx
                    .query_row(
                        "SELECT flagged_at FROM watch_hits WHERE watchlist = ?1 AND occurrence = ?2",
                        params![watchlist, occurrence],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(|e| crate::sql_error_at(&path, e))?
                    .unwrap_or_default();
                out.push(WatchHit {
                    watchlist,
                    occurrence,
                    flagged_at,
                });
            }
        }
        tx.commit().map_err(|e| crate::sql_error_at(&path, e))?;
        Ok(out)
    }

    /// Names `collection` the collection of the stored file `path` (every
    /// report of it); a file keeps the name it was last ingested under.
    pub fn set_collection(&mut self, path: &str, collection: &str) -> Result<()> {
        let db = self.path.clone();
        let tx = self.write()?;
        tx.execute(
            "UPDATE files SET collection = ?2 WHERE path = ?1",
            params![path, collection],
        )
        .map_err(|e| crate::sql_error_at(&db, e))?;
        tx.commit().map_err(|e| crate::sql_error_at(&db, e))
    }
}

/// Ids in the order they were minted (prefix, then number).
fn sorted(ids: std::collections::HashMap<i64, String>) -> Vec<(i64, String)> {
    let mut v: Vec<(i64, String)> = ids.into_iter().collect();
    v.sort_by(|a, b| {
        let key = |s: &str| {
            let digits = s.trim_start_matches(|c: char| !c.is_ascii_digit());
            (
                s[..s.len() - digits.len()].to_string(),
                digits.parse::<u64>().unwrap_or(0),
            )
        };
        key(&a.1).cmp(&key(&b.1))
    });
    v
}

fn self_missing(name: &str) -> Error {
    invalid(format!(
        "no watchlist `{}`: list them with `watchfloor watch list`",
        name.trim()
    ))
}
