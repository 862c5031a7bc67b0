//! Reading the store: filtered events, canonical events, full-text search.

use crate::ingest::{estimates, load_events, merged_event, Estimates};
use crate::resolve::Estimate;
use crate::{Error, Result, Store};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use watchfloor_model::{Event, EventType};

/// The clause that leaves out the records of rejected occurrences, `id`
/// being the driving table's record id column.
fn rejected_records(id: &str) -> String {
    format!(
        " AND {id} NOT IN (SELECT l.event_id FROM overrides o
          JOIN canonical_events c ON c.public_id = o.occurrence JOIN event_links l ON l.canonical_id = c.id
          WHERE o.rejected = 1)"
    )
}

/// How filtered events are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Oldest first (then in ingest order).
    #[default]
    DateAsc,
    DateDesc,
    /// Deadliest first; unknown counts last.
    FatalitiesDesc,
}

/// Which events to return. Empty fields do not filter. Lists match any of
/// their values; different fields must all match.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Canonical actor names: an event matches when actor1 or actor2 is one
    /// of them. Resolve aliases to canonical names before filling this.
    pub actors: Vec<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// First-level division names (case-insensitive).
    pub admin1: Vec<String>,
    pub event_type: Option<EventType>,
    /// Case-insensitive.
    pub sub_event_type: Option<String>,
    /// Events that may have happened on or after this day (a month date
    /// counts as its whole month).
    pub from: Option<NaiveDate>,
    /// Events that may have happened on or before this day.
    pub to: Option<NaiveDate>,
    /// `[min_lon, min_lat, max_lon, max_lat]`, as GeoJSON orders a bbox.
    pub bbox: Option<[f64; 4]>,
    pub min_fatalities: Option<u32>,
    /// Claimants (canonical names as stored in claims).
    pub claimed_by: Vec<String>,
    /// Events coded from these reports (what a full-text match narrows
    /// to).
    pub reports: Vec<i64>,
    /// Events coded from these reports too (`--report`): both lists must
    /// hold when both are given.
    pub report_ids: Vec<i64>,
    /// Events from reports citing one of these outlets (as stored).
    pub outlets: Vec<String>,
    /// Events from these files (stored paths).
    pub files: Vec<String>,
    /// Events from files ingested under one of these collection names.
    pub collections: Vec<String>,
    /// List occurrences a person rejected (and their records) too.
    pub include_rejected: bool,
    pub sort: Sort,
    /// At most this many events (`None`: all).
    pub limit: Option<usize>,
    pub offset: usize,
}

/// One stored per-report event.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub id: i64,
    pub report_id: i64,
    pub canonical_id: Option<i64>,
    pub admin1: Option<String>,
    /// When the file it was coded from was ingested, in seconds since the
    /// Unix epoch.
    pub stored_at: i64,
    pub event: Event,
}

/// A per-report record that belongs to a canonical event, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub event_id: i64,
    pub report_id: i64,
    pub report_title: String,
    /// The merge explanation written when the record was linked.
    pub reason: String,
    pub event: Event,
}

/// One occurrence as told by every report that mentions it.
#[derive(Debug, Clone)]
pub struct CanonicalEvent {
    /// The row's id: changes when links are redone; cite `public_id`.
    pub id: i64,
    /// The citable id (`MLI12`), kept across re-ingest and relink.
    pub public_id: String,
    /// The most precise member's coding, with fatalities and injuries set to
    /// the best estimate and the union of all members' claims and evidence,
    /// and a person's corrections on top (`review`).
    pub event: Event,
    pub fatalities: Estimate,
    pub injuries: Estimate,
    /// The first-level division of the representative member's place (what
    /// the per-report record of that member carries).
    pub admin1: Option<String>,
    /// When the occurrence last changed: the latest ingest of a file one of
    /// its members was coded from, or a person's latest edit, in seconds
    /// since the Unix epoch (ACLED's `timestamp`).
    pub stored_at: i64,
    pub members: Vec<Member>,
    /// What people did to it: corrections, rejection, notes, the log.
    pub review: crate::Review,
}

impl CanonicalEvent {
    /// Titles of the reports that tell it, in the order their records were
    /// linked, each once.
    pub fn report_titles(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in &self.members {
            if !out.contains(&m.report_title) {
                out.push(m.report_title.clone());
            }
        }
        out
    }
}

/// What an id a person gives stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// An occurrence (its row).
    Occurrence(i64),
    /// An id no occurrence holds any more: merged into another (`into`),
    /// or its records went away.
    Retired {
        id: String,
        into: Option<String>,
        at: String,
    },
    Nothing,
}

/// A position in a filter's order: the first matching record's day and id,
/// or its fatalities and id.
type OrderKey = (i64, i64);

/// One full-text match.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub report_id: i64,
    pub report_title: String,
    /// `title`, `caption`, `quote`, `summary`, `commentary`, `citation`, `excerpt` or `note`.
    pub kind: String,
    /// Which paragraph, source or note (`paragraph 2`, an outlet, `[iii]`).
    pub label: Option<String>,
    /// The matching passage cut around the match, terms wrapped in the
    /// highlight markers.
    pub snippet: String,
    /// BM25 relevance; larger is better.
    pub score: f64,
}

/// Search options.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Markers put around matched terms in snippets.
    pub highlight: (String, String),
    /// Pass the query to FTS5 as written (operators `AND`, `OR`, `NOT`,
    /// `NEAR`, prefix `*`, column filters). Otherwise every word must occur
    /// and punctuation is literal.
    pub raw: bool,
    /// A query matching more passages than this ranks only the newest this
    /// many (see [`Store::search`]); `usize::MAX` ranks every match.
    /// Defaults to [`RANK_WINDOW`].
    pub rank_window: usize,
    /// Search only these reports (from [`Store::reports_told_by`]: the
    /// source filters); `None` searches all.
    pub reports: Option<Vec<i64>>,
}

/// How many of the newest matching passages a broad query ranks.
pub const RANK_WINDOW: usize = 5000;

/// How many of a phrase's newest postings are walked to estimate how many
/// passages hold it.
const FREQUENCY_PROBE: i64 = 256;

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            offset: 0,
            highlight: ("[".into(), "]".into()),
            raw: false,
            rank_window: RANK_WINDOW,
            reports: None,
        }
    }
}

/// Turns what a person types into the phrases of a safe FTS5 query, each
/// quoted, in query order (the order FTS5 numbers them in): `"quoted
/// phrases"` stay phrases, other words become quoted terms (all required), so
/// hyphens, apostrophes and colons never read as operators.
fn query_phrases(input: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            terms.push(after[..end].to_string());
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            terms.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    terms
        .into_iter()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect()
}

impl EventFilter {
    /// The WHERE clause and its parameters. `max_span` is the longest date
    /// range (days) of any stored event: it bounds how early before `from`
    /// an overlapping event can start.
    fn sql(&self, max_span: i64) -> (String, Vec<Value>) {
        let t = self.driver().alias();
        let mut clauses: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        let list = |n: usize| vec!["?"; n].join(", ");
        if !self.actors.is_empty() {
            // `a` is event_actors, joined in by the caller.
            clauses.push(format!("a.actor IN ({})", list(self.actors.len())));
            params.extend(self.actors.iter().map(|a| Value::Text(a.clone())));
        }
        if !self.countries.is_empty() {
            let c = if self.driver() == Driver::Actors {
                "a"
            } else {
                "e"
            };
            clauses.push(format!("{c}.country IN ({})", list(self.countries.len())));
            params.extend(
                self.countries
                    .iter()
                    .map(|c| Value::Text(c.to_ascii_uppercase())),
            );
        }
        if !self.admin1.is_empty() {
            clauses.push(format!(
                "e.admin1 COLLATE NOCASE IN ({})",
                list(self.admin1.len())
            ));
            params.extend(self.admin1.iter().map(|c| Value::Text(c.clone())));
        }
        if let Some(t) = self.event_type {
            clauses.push("e.event_type = ?".into());
            params.push(Value::Text(t.as_str().into()));
        }
        if let Some(s) = &self.sub_event_type {
            clauses.push("e.sub_event_type = ? COLLATE NOCASE".into());
            params.push(Value::Text(s.clone()));
        }
        // Dates are checked on the driving table's copy of the range, which
        // sits in the index being scanned.
        if let Some(d) = self.from {
            // An event overlapping `from` starts at most `max_span` days
            // before it: the second bound lets the index range start there.
            let day = d.num_days_from_ce() as i64;
            clauses.push(format!("{t}.day_hi >= ? AND {t}.day_lo >= ?"));
            params.extend([Value::Integer(day), Value::Integer(day - max_span)]);
        }
        if let Some(d) = self.to {
            clauses.push(format!("{t}.day_lo <= ?"));
            params.push(Value::Integer(d.num_days_from_ce() as i64));
        }
        if let Some([w, s, e, n]) = self.bbox {
            clauses.push(if self.driver() == Driver::Rtree {
                "r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?".into()
            } else {
                "e.id IN (SELECT id FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?)"
                    .into()
            });
            params.extend([
                Value::Real(s),
                Value::Real(n),
                Value::Real(w),
                Value::Real(e),
            ]);
        }
        if let Some(f) = self.min_fatalities {
            clauses.push("e.fatalities >= ?".into());
            params.push(Value::Integer(f as i64));
        }
        if !self.claimed_by.is_empty() {
            if self.driver() == Driver::Claims {
                clauses.push(format!(
                    "c.by COLLATE NOCASE IN ({})",
                    list(self.claimed_by.len())
                ));
            } else {
                clauses.push(format!(
                    "e.id IN (SELECT event_id FROM claims WHERE by COLLATE NOCASE IN ({}))",
                    list(self.claimed_by.len())
                ));
            }
            params.extend(self.claimed_by.iter().map(|c| Value::Text(c.clone())));
        }
        self.source_clauses("e.report_id", &mut clauses, &mut params);
        let where_sql = if clauses.is_empty() {
            "1".to_string()
        } else {
            clauses.join(" AND ")
        };
        (where_sql, params)
    }

    /// The clauses on which reports tell an event, `report` being the
    /// column holding its report's id: the part of a filter a person's
    /// corrections never change.
    fn source_clauses(&self, report: &str, clauses: &mut Vec<String>, params: &mut Vec<Value>) {
        let list = |n: usize| vec!["?"; n].join(", ");
        for ids in [&self.reports, &self.report_ids] {
            if !ids.is_empty() {
                clauses.push(format!("{report} IN ({})", list(ids.len())));
                params.extend(ids.iter().map(|&r| Value::Integer(r)));
            }
        }
        if !self.outlets.is_empty() {
            clauses.push(format!(
                "{report} IN (SELECT report_id FROM sources WHERE outlet IN ({}))",
                list(self.outlets.len())
            ));
            params.extend(self.outlets.iter().map(|o| Value::Text(o.clone())));
        }
        if !self.files.is_empty() {
            clauses.push(format!(
                "{report} IN (SELECT r.id FROM reports r JOIN files f ON f.id = r.file_id WHERE f.path IN ({}))",
                list(self.files.len())
            ));
            params.extend(self.files.iter().map(|o| Value::Text(o.clone())));
        }
        if !self.collections.is_empty() {
            clauses.push(format!(
                "{report} IN (SELECT r.id FROM reports r JOIN files f ON f.id = r.file_id WHERE f.collection IN ({}))",
                list(self.collections.len())
            ));
            params.extend(self.collections.iter().map(|o| Value::Text(o.clone())));
        }
    }

    /// Whether any filter on the reports that tell an event is set.
    fn has_source_filters(&self) -> bool {
        !self.reports.is_empty()
            || !self.report_ids.is_empty()
            || !self.outlets.is_empty()
            || !self.files.is_empty()
            || !self.collections.is_empty()
    }

    /// Whether `e` (an occurrence as corrected, whose first-level division
    /// is `admin1`) passes the filters on its coding: actors, country,
    /// province, types, dates, box, fatalities, claimants. What
    /// [`EventFilter::sql`] checks on records, checked on an occurrence a
    /// person corrected.
    pub fn matches_coding(&self, e: &Event, admin1: Option<&str>) -> bool {
        let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        let named = |n: &Option<String>| {
            n.as_deref()
                .is_some_and(|n| self.actors.iter().any(|a| a == n))
        };
        if !self.actors.is_empty() && !named(&e.actor1) && !named(&e.actor2) {
            return false;
        }
        if !self.countries.is_empty() && !self.countries.iter().any(|c| eq(c, &e.country)) {
            return false;
        }
        if !self.admin1.is_empty() && !admin1.is_some_and(|a| self.admin1.iter().any(|p| eq(p, a)))
        {
            return false;
        }
        if self.event_type.is_some_and(|t| t != e.event_type) {
            return false;
        }
        if let Some(sub) = &self.sub_event_type {
            if !eq(e.sub_event_type.as_str(), sub) {
                return false;
            }
        }
        let (lo, hi) = crate::resolve::day_range(&e.event_date);
        if self.from.is_some_and(|d| hi < d.num_days_from_ce() as i64) {
            return false;
        }
        if self.to.is_some_and(|d| lo > d.num_days_from_ce() as i64) {
            return false;
        }
        if let Some([w, so, ea, n]) = self.bbox {
            match (e.latitude, e.longitude) {
                (Some(lat), Some(lon)) if lat >= so && lat <= n && lon >= w && lon <= ea => {}
                _ => return false,
            }
        }
        if self
            .min_fatalities
            .is_some_and(|m| e.fatalities.is_none_or(|f| f < m))
        {
            return false;
        }
        if !self.claimed_by.is_empty()
            && !e
                .claims
                .iter()
                .any(|c| self.claimed_by.iter().any(|b| eq(b, &c.by)))
        {
            return false;
        }
        true
    }

    /// Which table drives the scan: the most selective ordered index.
    fn driver(&self) -> Driver {
        if !self.actors.is_empty() {
            Driver::Actors
        } else if !self.claimed_by.is_empty() {
            Driver::Claims
        } else if self.bbox.is_some() {
            Driver::Rtree
        } else {
            Driver::Events
        }
    }

    /// The FROM clause. With an actor (or claimant) filter, event_actors (or
    /// claims) drives the scan (CROSS JOIN fixes the join order), so a
    /// date-sorted page reads one index range in order and stops at LIMIT.
    fn tables_sql(&self) -> &'static str {
        match self.driver() {
            Driver::Events => "events e",
            Driver::Actors => "event_actors a CROSS JOIN events e ON e.id = a.event_id",
            Driver::Claims => "claims c CROSS JOIN events e ON e.id = c.event_id",
            // The R*Tree finds the box's events (with their dates) at once;
            // events is joined only when another filter needs it.
            Driver::Rtree if self.rtree_alone() => "events_rtree r",
            Driver::Rtree => "events_rtree r CROSS JOIN events e ON e.id = r.id",
        }
    }

    /// Whether the R*Tree's own columns (box and dates) answer the query.
    fn rtree_alone(&self) -> bool {
        self.countries.is_empty()
            && self.admin1.is_empty()
            && self.event_type.is_none()
            && self.sub_event_type.is_none()
            && self.min_fatalities.is_none()
            && !self.has_source_filters()
            && self.sort != Sort::FatalitiesDesc
    }

    /// The ORDER BY clause of the filter's sort.
    fn order_sql(&self) -> String {
        let day = format!("{}.day_lo", self.driver().alias());
        let id = self.id_col();
        match self.sort {
            Sort::DateAsc => format!("{day}, {id}"),
            Sort::DateDesc => format!("{day} DESC, {id} DESC"),
            // NULL sorts last in DESC; (fatalities, id) DESC is the index order.
            Sort::FatalitiesDesc => "e.fatalities DESC, e.id DESC".to_string(),
        }
    }

    /// The event id column of the driving table.
    fn id_col(&self) -> &'static str {
        if self.driver() == Driver::Rtree && self.rtree_alone() {
            "r.id"
        } else {
            "e.id"
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Driver {
    Events,
    Actors,
    Claims,
    Rtree,
}

impl Driver {
    fn alias(self) -> &'static str {
        match self {
            Driver::Events => "e",
            Driver::Rtree => "r",
            Driver::Actors => "a",
            Driver::Claims => "c",
        }
    }
}

impl Store {
    /// The longest date range of any stored event, in days: a month (31)
    /// unless a year-precision event is stored. One probe of a partial index.
    fn max_span(&self) -> Result<i64> {
        let wide: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE day_hi - day_lo > 31)")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(|e| self.sql(e))?;
        Ok(if wide { 366 } else { 31 })
    }

    /// Per-report events matching `filter`, sorted and paginated.
    ///
    /// The records of an occurrence a person rejected are left out unless
    /// `include_rejected`.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>> {
        let (mut where_sql, mut params) = filter.sql(self.max_span()?);
        if !filter.include_rejected && self.any_rejected()? {
            where_sql.push_str(&rejected_records(filter.id_col()));
        }
        let id = filter.id_col();
        let order = filter.order_sql();
        // SQLite's LIMIT and OFFSET are signed 64-bit: a count beyond that
        // saturates (never wraps round to a negative "no limit").
        params.push(Value::Integer(
            filter
                .limit
                .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX)),
        ));
        params.push(Value::Integer(
            i64::try_from(filter.offset).unwrap_or(i64::MAX),
        ));
        // Phase one finds the page's ids from the small filter columns;
        // phase two reads the rest of just those.
        let sql = format!(
            "SELECT {id} FROM {} WHERE {where_sql} ORDER BY {order} LIMIT ? OFFSET ?",
            filter.tables_sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| r.get::<_, i64>(0))
            .map_err(|e| self.sql(e))?;
        let mut page: Vec<i64> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for row in rows {
            let row = row.map_err(|e| self.sql(e))?;
            // Two names or claims of one event can both match: list it once.
            if seen.insert(row) {
                page.push(row);
            }
        }
        let mut doc = self
            .conn
            .prepare_cached(
                "SELECT e.report_id, e.admin1, d.json, l.canonical_id,
                        CAST(strftime('%s', f.ingested_at) AS INTEGER)
                 FROM events e
                 JOIN event_docs d ON d.event_id = e.id LEFT JOIN event_links l ON l.event_id = e.id
                 JOIN reports r ON r.id = e.report_id JOIN files f ON f.id = r.file_id
                 WHERE e.id = ?1",
            )
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::with_capacity(page.len());
        for id in page {
            let (report_id, admin1, json, canonical_id, stored_at): (
                i64,
                Option<String>,
                String,
                Option<i64>,
                i64,
            ) = doc
                .query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .map_err(|e| self.sql(e))?;
            let event = serde_json::from_str(&json)
                .map_err(|e| self.corrupt(format!("event {id}: {e}")))?;
            out.push(StoredEvent {
                id,
                report_id,
                canonical_id,
                admin1,
                stored_at,
                event,
            });
        }
        Ok(out)
    }

    /// How many per-report events match `filter` (ignoring limit and offset).
    pub fn count_events(&self, filter: &EventFilter) -> Result<usize> {
        let (mut where_sql, params) = filter.sql(self.max_span()?);
        if !filter.include_rejected && self.any_rejected()? {
            where_sql.push_str(&rejected_records(filter.id_col()));
        }
        let distinct = match filter.driver() {
            Driver::Events | Driver::Rtree => "count(*)",
            Driver::Actors | Driver::Claims => "count(DISTINCT e.id)",
        };
        let sql = format!(
            "SELECT {distinct} FROM {} WHERE {where_sql}",
            filter.tables_sql()
        );
        self.conn
            .query_row(&sql, rusqlite::params_from_iter(params), |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as usize)
            .map_err(|e| self.sql(e))
    }

    /// The canonical events that have at least one member matching `filter`,
    /// in the filter's order of their first matching member.
    pub fn canonical_events(&self, filter: &EventFilter) -> Result<Vec<CanonicalEvent>> {
        let take = filter.limit.unwrap_or(usize::MAX);
        let mut out = Vec::new();
        for id in self
            .canonical_ids(filter)?
            .into_iter()
            .skip(filter.offset)
            .take(take)
        {
            if let Some(c) = self.canonical(id)? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The ids of every canonical event with a member matching `filter`, in
    /// the filter's order of their first matching member, ignoring its limit
    /// and offset: how many occurrences match, and the ids to page through.
    /// Reads only ids, never an event's document.
    ///
    /// An occurrence a person corrected is matched as corrected (its
    /// corrected actor, country, date or figure, not its records'), and
    /// one they rejected is left out unless `include_rejected`.
    pub fn canonical_ids(&self, filter: &EventFilter) -> Result<Vec<i64>> {
        let reviewed = self.reviewed_rows()?;
        if reviewed.is_empty() {
            return Ok(self
                .ordered_canonical_ids(filter)?
                .into_iter()
                .map(|(c, _)| c)
                .collect());
        }
        let set: std::collections::HashMap<i64, bool> = reviewed.iter().copied().collect();
        let mut keyed: Vec<(i64, OrderKey)> = self
            .ordered_canonical_ids(filter)?
            .into_iter()
            .filter(|(c, _)| !set.contains_key(c))
            .collect();
        for (cid, rejected) in reviewed {
            if rejected && !filter.include_rejected {
                continue;
            }
            let Some(c) = self.canonical(cid)? else {
                continue;
            };
            if !filter.matches_coding(&c.event, c.admin1.as_deref())
                || !self.told_by_matching(filter, cid)?
            {
                continue;
            }
            let rep = c.members.iter().map(|m| m.event_id).min().unwrap_or(0);
            let key = match filter.sort {
                Sort::FatalitiesDesc => (c.event.fatalities.map_or(-1, i64::from), rep),
                _ => (crate::resolve::day_range(&c.event.event_date).0, rep),
            };
            keyed.push((cid, key));
        }
        let before = |a: &OrderKey, b: &OrderKey| match filter.sort {
            Sort::DateAsc => a.cmp(b),
            Sort::DateDesc | Sort::FatalitiesDesc => b.cmp(a),
        };
        keyed.sort_by(|a, b| before(&a.1, &b.1));
        Ok(keyed.into_iter().map(|(c, _)| c).collect())
    }

    /// [`Store::canonical_ids`] as the records match, each with its place
    /// in the filter's order.
    fn ordered_canonical_ids(&self, filter: &EventFilter) -> Result<Vec<(i64, OrderKey)>> {
        let (where_sql, params) = filter.sql(self.max_span()?);
        let id = filter.id_col();
        let key = match filter.sort {
            Sort::FatalitiesDesc => "coalesce(e.fatalities, -1)".to_string(),
            _ => format!("{}.day_lo", filter.driver().alias()),
        };
        let sql = format!(
            "SELECT l.canonical_id, {key}, {id} FROM {} JOIN event_links l ON l.event_id = {id}
             WHERE {where_sql} ORDER BY {}",
            filter.tables_sql(),
            filter.order_sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get::<_, i64>(1)?, r.get::<_, i64>(2)?),
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut ids = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for row in rows {
            let (c, key) = row.map_err(|e| self.sql(e))?;
            if seen.insert(c) {
                ids.push((c, key));
            }
        }
        drop(stmt);
        // An occurrence shows its best estimate: one whose records differ
        // matches a fatality floor only if that estimate reaches it, not
        // because one report gave more.
        if let Some(min) = filter.min_fatalities {
            let mut est = self
                .conn
                .prepare_cached("SELECT estimates FROM canonical_events WHERE id = ?1")
                .map_err(|e| self.sql(e))?;
            let mut kept = Vec::with_capacity(ids.len());
            for (c, key) in ids {
                let stored: Option<String> = est
                    .query_row([c], |r| r.get(0))
                    .optional()
                    .map_err(|e| self.sql(e))?
                    .flatten();
                let best = stored
                    .and_then(|s| serde_json::from_str::<Estimates>(&s).ok())
                    .map(|e| e.fatalities.best);
                if best.is_none_or(|b| b.is_some_and(|b| b >= min)) {
                    kept.push((c, key));
                }
            }
            ids = kept;
        }
        Ok(ids)
    }

    /// Whether a record of the occurrence row `cid` passes the filter's
    /// source filters (reports, outlets, files, collections).
    fn told_by_matching(&self, filter: &EventFilter, cid: i64) -> Result<bool> {
        if !filter.has_source_filters() {
            return Ok(true);
        }
        let mut clauses = Vec::new();
        let mut params = vec![Value::Integer(cid)];
        filter.source_clauses("e.report_id", &mut clauses, &mut params);
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM events e JOIN event_links l ON l.event_id = e.id
             WHERE l.canonical_id = ? AND {})",
            clauses.join(" AND ")
        );
        self.conn
            .query_row(&sql, rusqlite::params_from_iter(params), |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    /// The reports `filter`'s source filters (report, outlet, file,
    /// collection) name; `None` when it has none.
    pub fn reports_told_by(&self, filter: &EventFilter) -> Result<Option<Vec<i64>>> {
        if !filter.has_source_filters() {
            return Ok(None);
        }
        let mut clauses = Vec::new();
        let mut params = Vec::new();
        filter.source_clauses("r.id", &mut clauses, &mut params);
        let sql = format!(
            "SELECT r.id FROM reports r WHERE {} ORDER BY r.id",
            clauses.join(" AND ")
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<i64>>>()
            .map(Some)
            .map_err(|e| self.sql(e))
    }

    /// What `text` names: an occurrence id (`MLI12`, any case), a record
    /// id (`r45`, standing for its occurrence), or a retired id.
    pub fn find(&self, text: &str) -> Result<Found> {
        let t = text.trim();
        if let Some(n) = t
            .strip_prefix(['r', 'R'])
            .and_then(|n| n.parse::<i64>().ok())
        {
            return Ok(match self.canonical_of_event(n)? {
                Some(c) => Found::Occurrence(c),
                None => Found::Nothing,
            });
        }
        let id = t.to_ascii_uppercase();
        let row: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM canonical_events WHERE public_id = ?1")
            .and_then(|mut s| s.query_row([&id], |r| r.get(0)).optional())
            .map_err(|e| self.sql(e))?;
        if let Some(c) = row {
            return Ok(Found::Occurrence(c));
        }
        let retired: Option<(Option<String>, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT retired_into, retired_at FROM occurrence_ids WHERE public_id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.sql(e))?;
        Ok(match retired {
            Some((into, at)) => Found::Retired {
                id,
                into,
                at: at.unwrap_or_default(),
            },
            None => Found::Nothing,
        })
    }

    /// The occurrence whose citable id is `public_id`.
    pub fn occurrence(&self, public_id: &str) -> Result<Option<CanonicalEvent>> {
        match self.find(public_id)? {
            Found::Occurrence(c) if !public_id.trim().starts_with(['r', 'R']) => self.canonical(c),
            _ => Ok(None),
        }
    }

    /// The per-report records `filter` matches, each with the citable id of
    /// the occurrence it belongs to (`-` for none) — what every
    /// per-report listing and export shows.
    pub fn records_with_occurrence_ids(
        &self,
        filter: &EventFilter,
    ) -> Result<Vec<(StoredEvent, String)>> {
        let stored = self.events(filter)?;
        let rows: Vec<i64> = stored.iter().filter_map(|e| e.canonical_id).collect();
        let ids = self.public_ids(&rows)?;
        Ok(stored
            .into_iter()
            .map(|e| {
                let occurrence = e
                    .canonical_id
                    .and_then(|c| ids.get(&c).cloned())
                    .unwrap_or_else(|| "-".into());
                (e, occurrence)
            })
            .collect())
    }

    /// The citable ids of occurrence rows, by row.
    pub fn public_ids(&self, rows: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT public_id FROM canonical_events WHERE id = ?1")
            .map_err(|e| self.sql(e))?;
        let mut out = std::collections::HashMap::new();
        for &r in rows {
            let id: Option<Option<String>> = stmt
                .query_row([r], |row| row.get(0))
                .optional()
                .map_err(|e| self.sql(e))?;
            if let Some(Some(id)) = id {
                out.insert(r, id);
            }
        }
        Ok(out)
    }

    /// One canonical event with its members and the reason each was merged.
    pub fn canonical(&self, id: i64) -> Result<Option<CanonicalEvent>> {
        let found: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT estimates FROM canonical_events WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some(stored) = found else { return Ok(None) };
        let members = load_events(&self.conn, "l.canonical_id = ?1", id, &self.path)?;
        let mut est: Estimates = match stored {
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| self.corrupt(format!("canonical event {id}: {e}")))?,
            None => estimates(&members),
        };
        let Some(mut event) = merged_event(&members, &est) else {
            return Ok(None);
        };
        let public_id = crate::ingest::ids::public_id_of(&self.conn, id)
            .map_err(|e| self.sql(e))?
            .unwrap_or_else(|| format!("c{id}"));
        let review = self.review_of(
            &public_id,
            &mut event,
            &mut est.fatalities,
            &mut est.injuries,
        )?;
        let rep = crate::ingest::representative(&members).map_or(0, |m| m.id);
        let (admin1, stored_at): (Option<String>, i64) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT admin1 FROM events WHERE id = ?2),
                        (SELECT max(CAST(strftime('%s', f.ingested_at) AS INTEGER))
                         FROM event_links l JOIN events e ON e.id = l.event_id
                         JOIN reports r ON r.id = e.report_id JOIN files f ON f.id = r.file_id
                         WHERE l.canonical_id = ?1)",
            )
            .and_then(|mut st| {
                st.query_row([id, rep], |r| {
                    Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0)))
                })
            })
            .map_err(|e| self.sql(e))?;
        let members = members
            .into_iter()
            .map(|m| Member {
                event_id: m.id,
                report_id: m.report_id,
                report_title: m.report_title,
                reason: m.reason.unwrap_or_else(|| {
                    "first record of this occurrence: no earlier record agreed with it".into()
                }),
                event: m.event,
            })
            .collect();
        let edited_at = review
            .changed_at
            .as_deref()
            .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%SZ").ok())
            .map_or(0, |t| t.and_utc().timestamp());
        let admin1 = match review.fields.iter().find(|f| f.field == "admin1") {
            Some(f) => f.value.as_str().map(String::from),
            None => admin1,
        };
        Ok(Some(CanonicalEvent {
            id,
            public_id,
            event,
            fatalities: est.fatalities,
            injuries: est.injuries,
            admin1,
            stored_at: stored_at.max(edited_at),
            members,
            review,
        }))
    }

    /// The canonical event a per-report event belongs to.
    pub fn canonical_of_event(&self, event_id: i64) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT canonical_id FROM event_links WHERE event_id = ?1",
                [event_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Ranked full-text search over titles, quotes, summaries, commentary,
    /// citations, excerpts and notes.
    ///
    /// Hits are ranked by BM25. A query matching more than
    /// [`SearchOptions::rank_window`] passages ([`RANK_WINDOW`] by default)
    /// ranks only the newest that many (`usize::MAX` ranks them all): a query that broad
    /// needs narrowing anyway, and ranking a bounded set keeps every search
    /// under 20 ms on a million-event store, where ranking all of a
    /// two-common-word query took 45 ms. Phrase frequencies for the IDF are
    /// estimated from each phrase's newest postings ([`crate::rank`]); raw
    /// FTS5 queries, whose phrases this code does not parse, use FTS5's own
    /// `bm25()` with exact frequencies.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<Vec<SearchHit>> {
        let phrases = (!opts.raw).then(|| query_phrases(query));
        let q = match &phrases {
            Some(p) => p.join(" "),
            None => query.trim().to_string(),
        };
        if q.is_empty() {
            return Err(Error::Query {
                query: query.into(),
                reason: "it has no words to look for".into(),
            });
        }
        // FTS5 reports a query it cannot parse ("unterminated string",
        // "syntax error near", "no such column", "unknown special query")
        // as a plain SQLITE_ERROR; with the query fixed by us everything
        // else is well-formed, so that code here means the user's query.
        let bad = |e: rusqlite::Error| match &e {
            rusqlite::Error::SqliteFailure(f, msg)
                if f.code == rusqlite::ErrorCode::Unknown
                    && f.extended_code == rusqlite::ffi::SQLITE_ERROR =>
            {
                let msg = msg.as_deref().unwrap_or("FTS5 cannot read it");
                let msg = msg.strip_prefix("fts5: ").unwrap_or(msg);
                Error::Query {
                    query: query.into(),
                    reason: if opts.raw {
                        format!("{msg} in FTS5 syntax (quote phrases as \"a phrase\", or drop --raw to search the words literally)")
                    } else {
                        msg.to_string()
                    },
                }
            }
            _ => self.sql(e),
        };
        let wanted = opts.offset.saturating_add(opts.limit);
        // Paging past the window widens it, so later pages never come back
        // empty while matches remain.
        let window = opts.rank_window.max(wanted).min(i64::MAX as usize) as i64;
        let (first_id, last_id): (Option<i64>, Option<i64>) = self
            .conn
            .query_row(
                "SELECT (SELECT min(id) FROM passages), (SELECT max(id) FROM passages)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sql(e))?;
        let (Some(first_id), Some(last_id)) = (first_id, last_id) else {
            return Ok(Vec::new());
        };
        // Ids are handed out in order and rarely freed, so id ranges stand
        // in for passage counts.
        let passages = (last_id - first_id + 1) as f64;
        let holding = |count: i64, oldest: i64, walked: i64| -> f64 {
            if count < walked {
                count as f64
            } else {
                (count as f64 * passages / (last_id - oldest + 1) as f64).min(passages)
            }
        };

        // With one phrase the IDF scales every score alike, so it is applied
        // after the walk, from the walk's own count.
        let score_sql = match &phrases {
            None => "-bm25(passages_fts)".to_string(),
            Some(p) if p.len() == 1 => "wf_bm25(passages_fts)".to_string(),
            Some(p) => {
                let mut probe = self
                    .conn
                    .prepare_cached(
                        "SELECT count(*), min(rowid) FROM (SELECT rowid FROM passages_fts
                         WHERE passages_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)",
                    )
                    .map_err(|e| self.sql(e))?;
                let mut idfs = Vec::with_capacity(p.len());
                for phrase in p {
                    let (count, oldest): (i64, Option<i64>) = probe
                        .query_row(rusqlite::params![phrase, FREQUENCY_PROBE], |r| {
                            Ok((r.get(0)?, r.get(1)?))
                        })
                        .map_err(bad)?;
                    let df = holding(count, oldest.unwrap_or(last_id), FREQUENCY_PROBE);
                    idfs.push(crate::rank::idf(passages, df));
                }
                let args = idfs.iter().map(|f| format!(", {f:.6}")).collect::<String>();
                format!("wf_bm25(passages_fts{args})")
            }
        };

        // Report ids are the store's own integers, written into the SQL:
        // a collection may hold more reports than SQLite takes parameters.
        let within = match &opts.reports {
            Some(ids) if ids.is_empty() => return Ok(Vec::new()),
            Some(ids) => format!(
                " AND rowid IN (SELECT id FROM passages WHERE report_id IN ({}))",
                ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
            ),
            None => String::new(),
        };
        let mut walk = self
            .conn
            .prepare(&format!(
                "SELECT rowid, {score_sql} FROM passages_fts
                 WHERE passages_fts MATCH ?1{within} ORDER BY rowid DESC LIMIT ?2"
            ))
            .map_err(|e| self.sql(e))?;
        let mut scored = walk
            .query_map(rusqlite::params![q, window], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?))
            })
            .map_err(bad)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(bad)?;
        if phrases.as_ref().is_some_and(|p| p.len() == 1) {
            let oldest = scored.last().map_or(last_id, |s| s.0);
            let df = holding(scored.len() as i64, oldest, window);
            let idf = crate::rank::idf(passages, df);
            scored.iter_mut().for_each(|s| s.1 *= idf);
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));

        let mut hit = self
            .conn
            .prepare_cached(
                "SELECT p.report_id, r.title, p.kind, p.label,
                        snippet(passages_fts, 0, ?2, ?3, '…', 16)
                 FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
                 JOIN reports r ON r.id = p.report_id
                 WHERE passages_fts MATCH ?1 AND passages_fts.rowid = ?4",
            )
            .map_err(|e| self.sql(e))?;
        scored
            .into_iter()
            .skip(opts.offset)
            .take(opts.limit)
            .map(|(rowid, score)| {
                hit.query_row(
                    rusqlite::params![q, opts.highlight.0, opts.highlight.1, rowid],
                    |r| {
                        Ok(SearchHit {
                            report_id: r.get(0)?,
                            report_title: r.get(1)?,
                            kind: r.get(2)?,
                            label: r.get(3)?,
                            snippet: r.get(4)?,
                            score,
                        })
                    },
                )
                .map_err(bad)
            })
            .collect()
    }

    /// A stored report as parsed.
    pub fn report(&self, id: i64) -> Result<Option<watchfloor_model::Report>> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM reports WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|e| self.corrupt(format!("report {id}: {e}")))
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(input: &str) -> Vec<String> {
        query_phrases(input)
    }

    #[test]
    fn query_phrases_quote_words_and_keep_phrases() {
        assert_eq!(phrases("Kerman bombing"), ["\"Kerman\"", "\"bombing\""]);
        assert_eq!(
            phrases("\"Islamic State\" al-Shabaab"),
            ["\"Islamic State\"", "\"al-Shabaab\""]
        );
        assert_eq!(phrases("AND OR ( ) *"), ["\"AND\"", "\"OR\""]);
        assert_eq!(phrases("say \"unclosed"), ["\"say\"", "\"unclosed\""]);
        assert!(phrases("  ").is_empty());
    }

    #[test]
    fn idf_falls_with_frequency_and_stays_positive() {
        let rare = crate::rank::idf(1000.0, 3.0);
        let common = crate::rank::idf(1000.0, 900.0);
        assert!(rare > common && common > 0.0, "{rare} {common}");
    }
}
