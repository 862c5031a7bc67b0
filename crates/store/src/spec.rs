//! Event filters as a person writes them — command-line options
//! (`watchfloor events --actor JNIM --country Mali`) or URL query parameters
//! (`/api/events?actor=JNIM&country=Mali`) — turned into an [`EventFilter`].
//!
//! One reading for every front end, so the CLI and the HTTP API accept the
//! same names, countries, types and boxes and refuse the same mistakes with
//! the same words; only the way a parameter is named in a message differs
//! (`--bbox` on the command line, `bbox` in a URL), which the caller passes.

use crate::suggest::{closest, did_you_mean};
use crate::{EventFilter, Sort, Store};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use watchfloor_actors::Catalogue;
use watchfloor_model::{EventType, PartialDate, SubEventType};

/// Filters as typed. Empty fields do not filter. The serde form (without
/// sort and paging) is what a watchlist stores.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct FilterSpec {
    /// Actors on either side, by any name or alias the catalogue knows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actor: Vec<String>,
    /// ISO alpha-2 or alpha-3 codes, English names or short forms (UK,
    /// DRC, Ivory Coast).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub country: Vec<String>,
    /// First-level divisions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub province: Vec<String>,
    /// An ACLED event type, any case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    /// A month or year means its last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// `west,south,east,north`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_fatalities: Option<u32>,
    /// Claimants, by any name or alias.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claimed_by: Vec<String>,
    /// Reports, by id or title (a title may be part of one, any case).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub report: Vec<String>,
    /// Outlets a report cites (part of the name, any case).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
    /// Files or directories ingested (a path on disk, or part of a stored
    /// one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub file: Vec<String>,
    /// Collections, by the name given at ingest.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub collection: Vec<String>,
    /// List rejected occurrences too.
    #[serde(skip)]
    pub include_rejected: bool,
    #[serde(skip)]
    pub sort: Sort,
    #[serde(skip)]
    pub limit: Option<usize>,
    #[serde(skip)]
    pub offset: usize,
}

/// A filter the store cannot use, with the message to show. The message
/// names the parameter the way the caller's `name` function spelled it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// The parameter at fault, as the spec's field is called (`bbox`,
    /// `event_type`, `country`).
    pub param: &'static str,
    pub message: String,
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FilterError {}

impl FilterSpec {
    /// Whether any filter (not sort or paging) is set.
    pub fn any(&self) -> bool {
        !self.actor.is_empty()
            || !self.country.is_empty()
            || !self.province.is_empty()
            || self.event_type.is_some()
            || self.sub_type.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.bbox.is_some()
            || self.min_fatalities.is_some()
            || !self.claimed_by.is_empty()
            || !self.report.is_empty()
            || !self.source.is_empty()
            || !self.file.is_empty()
            || !self.collection.is_empty()
    }

    /// The filters as a person would type them again (`--actor JNIM
    /// --country BF`), for listings of saved filters.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let q = |v: &str| {
            if v.contains(' ') {
                format!("\"{v}\"")
            } else {
                v.to_string()
            }
        };
        let mut many = |flag: &str, vals: &[String]| {
            for v in vals {
                parts.push(format!("--{flag} {}", q(v)));
            }
        };
        many("actor", &self.actor);
        many("country", &self.country);
        many("province", &self.province);
        many("claimed-by", &self.claimed_by);
        many("report", &self.report);
        many("source", &self.source);
        many("file", &self.file);
        many("collection", &self.collection);
        let one = [
            ("type", self.event_type.clone()),
            ("sub-type", self.sub_type.clone()),
            ("from", self.from.map(|d| d.to_string())),
            ("to", self.to.map(|d| d.to_string())),
            ("bbox", self.bbox.clone()),
            ("min-fatalities", self.min_fatalities.map(|n| n.to_string())),
        ];
        for (flag, v) in one {
            if let Some(v) = v {
                parts.push(format!("--{flag} {}", q(&v)));
            }
        }
        if parts.is_empty() {
            "(every occurrence)".into()
        } else {
            parts.join(" ")
        }
    }

    /// The store filter: actor names resolved through the catalogue (or
    /// as the store holds them), countries by code or name, reports,
    /// outlets, files and collections looked up in `store`. Anything that
    /// names nothing is an error with the closest known names, never a
    /// filter that silently matches nothing. `name` spells a parameter for
    /// messages (`|p| format!("--{p}")`).
    pub fn resolve(
        &self,
        store: &Store,
        catalogue: &Catalogue,
        name: impl Fn(&'static str) -> String,
    ) -> Result<EventFilter, FilterError> {
        let countries = self
            .country
            .iter()
            .map(|c| {
                crate::countries::resolve_country(catalogue, c).map_err(|message| FilterError {
                    param: "country",
                    message: format!("{}: {message}", name("country")),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut actors = Vec::new();
        for a in &self.actor {
            actors.push(known_actor(store, catalogue, a, "actor", &name)?);
        }
        let mut claimed_by = Vec::new();
        for a in &self.claimed_by {
            claimed_by.push(known_actor(store, catalogue, a, "claimed_by", &name)?);
        }
        let sources = Sources::resolve(store, self, &name)?;
        let bbox = match &self.bbox {
            Some(b) => Some(parse_bbox(b, &name("bbox"))?),
            None => None,
        };
        Ok(EventFilter {
            actors,
            countries,
            admin1: self.province.clone(),
            event_type: self.event_type.as_deref().map(event_type).transpose()?,
            sub_event_type: self
                .sub_type
                .as_deref()
                .map(|s| sub_event_type(s).map(|s| s.as_str().to_string()))
                .transpose()?,
            from: self.from.map(|d| d.date),
            to: self.to.map(last_day),
            bbox,
            min_fatalities: self.min_fatalities,
            claimed_by,
            report_ids: sources.reports,
            outlets: sources.outlets,
            files: sources.files,
            collections: sources.collections,
            include_rejected: self.include_rejected,
            sort: self.sort,
            limit: self.limit,
            offset: self.offset,
            ..EventFilter::default()
        })
    }
}

/// The stored name an actor argument stands for: the catalogue's canonical
/// name for any of its names or aliases, else a name the store holds (any
/// case), else an error with the closest names of either.
fn known_actor(
    store: &Store,
    catalogue: &Catalogue,
    typed: &str,
    param: &'static str,
    name: &impl Fn(&'static str) -> String,
) -> Result<String, FilterError> {
    if let Some(a) = catalogue.lookup(typed).first() {
        return Ok(a.name.clone());
    }
    let fail = |e: crate::Error| FilterError {
        param,
        message: e.to_string(),
    };
    let stored = if param == "claimed_by" {
        store.claimant_names().map_err(fail)?
    } else {
        store.actor_names().map_err(fail)?
    };
    if let Some(n) = stored.iter().find(|n| n.eq_ignore_ascii_case(typed.trim())) {
        return Ok(n.clone());
    }
    let mut known: Vec<&str> = stored.iter().map(String::as_str).collect();
    known.extend(catalogue.actors().iter().flat_map(|a| {
        std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str))
    }));
    let hint: Vec<String> = closest(typed, known, 3)
        .into_iter()
        .map(String::from)
        .collect();
    Err(FilterError {
        param,
        message: format!(
            "{}: no actor called `{typed}` in the catalogue or the store: {}Look names up with `watchfloor actors lookup NAME`",
            name(param),
            did_you_mean(&hint)
        ),
    })
}

/// Source filters resolved against the store.
#[derive(Default)]
struct Sources {
    reports: Vec<i64>,
    outlets: Vec<String>,
    files: Vec<String>,
    collections: Vec<String>,
}

impl Sources {
    fn resolve(
        store: &Store,
        spec: &FilterSpec,
        name: &impl Fn(&'static str) -> String,
    ) -> Result<Sources, FilterError> {
        let mut out = Sources::default();
        let sql = |param: &'static str| {
            move |e: crate::Error| FilterError {
                param,
                message: e.to_string(),
            }
        };
        let none = |param: &'static str, typed: &str, what: &str, known: Vec<String>| {
            let hint: Vec<String> = closest(typed, known.iter().map(String::as_str), 3)
                .into_iter()
                .map(String::from)
                .collect();
            FilterError {
                param,
                message: format!(
                    "{}: no {what} matches `{typed}`: {}{}",
                    name(param),
                    did_you_mean(&hint),
                    match param {
                        "report" => "Give a report id (as `watchfloor event ID` lists them) or part of its title",
                        "source" => "Give part of an outlet's name as the reports cite it",
                        "file" => "Give an ingested file or directory, or part of its path",
                        _ => "Give a name used with `watchfloor ingest --collection NAME`",
                    }
                ),
            }
        };
        for r in &spec.report {
            let found = store.reports_matching(r).map_err(sql("report"))?;
            if found.is_empty() {
                return Err(none(
                    "report",
                    r,
                    "report",
                    store.report_titles().map_err(sql("report"))?,
                ));
            }
            out.reports.extend(found);
        }
        for o in &spec.source {
            let found = store.outlets_matching(o).map_err(sql("source"))?;
            if found.is_empty() {
                return Err(none(
                    "source",
                    o,
                    "outlet",
                    store.outlets_matching("").map_err(sql("source"))?,
                ));
            }
            out.outlets.extend(found);
        }
        for f in &spec.file {
            let found = store.files_matching(f).map_err(sql("file"))?;
            if found.is_empty() {
                let known = store
                    .files()
                    .map_err(sql("file"))?
                    .into_iter()
                    .map(|f| f.path)
                    .collect();
                return Err(none("file", f, "ingested file", known));
            }
            out.files.extend(found);
        }
        for c in &spec.collection {
            let known = store.collections().map_err(sql("collection"))?;
            match known.iter().find(|k| k.eq_ignore_ascii_case(c.trim())) {
                Some(k) => out.collections.push(k.clone()),
                None => return Err(none("collection", c, "collection", known)),
            }
        }
        Ok(out)
    }
}

impl Store {
    /// Every actor name the store's records hold.
    pub fn actor_names(&self) -> crate::Result<Vec<String>> {
        self.strings(
            "SELECT DISTINCT actor FROM event_actors ORDER BY actor",
            &[],
        )
    }

    /// Every claimant the store's claims name.
    pub fn claimant_names(&self) -> crate::Result<Vec<String>> {
        self.strings("SELECT DISTINCT by FROM claims ORDER BY by", &[])
    }

    /// Every collection name given at ingest.
    pub fn collections(&self) -> crate::Result<Vec<String>> {
        self.strings(
            "SELECT DISTINCT collection FROM files WHERE collection IS NOT NULL ORDER BY collection",
            &[],
        )
    }

    /// Report titles, for suggestions.
    fn report_titles(&self) -> crate::Result<Vec<String>> {
        self.strings(
            "SELECT DISTINCT title FROM reports ORDER BY title LIMIT 5000",
            &[],
        )
    }

    /// Reports with id `typed`, else whose title holds it (any case).
    pub fn reports_matching(&self, typed: &str) -> crate::Result<Vec<i64>> {
        let t = typed.trim();
        if let Ok(id) = t.parse::<i64>() {
            let found: Option<i64> = self
                .conn
                .query_row("SELECT id FROM reports WHERE id = ?1", [id], |r| r.get(0))
                .optional()
                .map_err(|e| self.sql(e))?;
            return Ok(found.into_iter().collect());
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id FROM reports WHERE instr(lower(title), lower(?1)) > 0 ORDER BY id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt.query_map([t], |r| r.get(0)).map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// Outlets whose name holds `typed` (any case); every outlet for "".
    pub fn outlets_matching(&self, typed: &str) -> crate::Result<Vec<String>> {
        self.strings(
            "SELECT DISTINCT outlet FROM sources WHERE outlet IS NOT NULL AND instr(lower(outlet), lower(?1)) > 0 ORDER BY outlet",
            &[typed.trim()],
        )
    }

    /// Stored file paths `typed` names: the file itself or every file
    /// under the directory when it exists on disk, else stored paths that
    /// hold it.
    pub fn files_matching(&self, typed: &str) -> crate::Result<Vec<String>> {
        let t = typed.trim();
        if let Ok(abs) = std::fs::canonicalize(t) {
            let abs = abs.display().to_string();
            let under = format!("{}{}", abs.trim_end_matches('/'), std::path::MAIN_SEPARATOR);
            return self.strings(
                "SELECT path FROM files WHERE path = ?1 OR substr(path, 1, length(?2)) = ?2 ORDER BY path",
                &[&abs, &under],
            );
        }
        self.strings(
            "SELECT path FROM files WHERE instr(path, ?1) > 0 ORDER BY path",
            &[t],
        )
    }

    fn strings(&self, sql: &str, params: &[&str]) -> crate::Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }
}

/// The last day a date may mean (`2024-03` → 31 March 2024).
fn last_day(d: PartialDate) -> chrono::NaiveDate {
    let (_, hi) = crate::resolve::day_range(&d);
    chrono::NaiveDate::from_num_days_from_ce_opt(hi as i32).unwrap_or(d.date)
}

fn event_type(t: &str) -> Result<EventType, FilterError> {
    EventType::parse(t).ok_or_else(|| FilterError {
        param: "event_type",
        message: format!(
            "unknown event type `{t}`: use one of Battles, \"Explosions/Remote violence\", \
             \"Violence against civilians\", Protests, Riots, \"Strategic developments\""
        ),
    })
}

fn sub_event_type(s: &str) -> Result<SubEventType, FilterError> {
    SubEventType::parse(s).ok_or_else(|| {
        let names: Vec<&str> = SubEventType::all().map(|s| s.as_str()).collect();
        FilterError {
            param: "sub_type",
            message: format!(
                "unknown sub-event type `{s}`: use one of ACLED's: \"{}\"",
                names.join("\", \"")
            ),
        }
    })
}

/// The stored name an actor argument stands for: the canonical name of the
/// best catalogue match (events store canonical names), or the text as
/// typed for names the catalogue does not know. One name keeps the actor
/// filter on a single ordered index range.
pub fn actor_names(catalogue: &Catalogue, name: &str) -> Vec<String> {
    match catalogue.lookup(name).first() {
        Some(a) => vec![a.name.clone()],
        None => vec![name.to_string()],
    }
}

/// `west,south,east,north` in decimal degrees, checked for range and order.
pub fn parse_bbox(s: &str, param: &str) -> Result<[f64; 4], FilterError> {
    let bad = |why: &str| FilterError {
        param: "bbox",
        message: format!("bad {param} `{s}`: {why}"),
    };
    let parts: Option<Vec<f64>> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect();
    let Some([w, so, e, n]) = parts.and_then(|p| <[f64; 4]>::try_from(p).ok()) else {
        return Err(bad("give four numbers west,south,east,north"));
    };
    let lon = -180.0..=180.0;
    let lat = -90.0..=90.0;
    if !lon.contains(&w)
        || !lon.contains(&e)
        || !lat.contains(&so)
        || !lat.contains(&n)
        || so > n
        || w > e
    {
        return Err(bad(
            "need -180 ≤ west ≤ east ≤ 180 and -90 ≤ south ≤ north ≤ 90",
        ));
    }
    Ok([w, so, e, n])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::load_default().unwrap()
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("w.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn names_resolve_to_codes_and_canonical_actors() {
        let (_dir, store) = store();
        let spec = FilterSpec {
            country: vec!["Mali".into(), "ng".into(), "UK".into(), "CIV".into()],
            event_type: Some("battles".into()),
            to: Some("2024-02".parse().unwrap()),
            ..FilterSpec::default()
        };
        let f = spec
            .resolve(&store, &catalogue(), |p| p.to_string())
            .unwrap();
        assert_eq!(f.countries, ["ML", "NG", "GB", "CI"]);
        assert_eq!(f.event_type, Some(EventType::Battles));
        assert_eq!(f.to, chrono::NaiveDate::from_ymd_opt(2024, 2, 29));
    }

    #[test]
    fn mistakes_name_the_parameter_as_the_caller_spells_it() {
        let (_dir, store) = store();
        let spec = FilterSpec {
            bbox: Some("1,2,3".into()),
            ..FilterSpec::default()
        };
        let err = spec
            .resolve(&store, &catalogue(), |p| format!("--{p}"))
            .unwrap_err();
        assert_eq!(err.param, "bbox");
        assert!(err.message.contains("bad --bbox `1,2,3`"), "{err}");
        let spec = FilterSpec {
            country: vec!["Narnia".into()],
            ..FilterSpec::default()
        };
        let err = spec
            .resolve(&store, &catalogue(), |p| p.to_string())
            .unwrap_err();
        assert!(err.message.contains("unknown country `Narnia`"), "{err}");
        let spec = FilterSpec {
            actor: vec!["Wagnr".into()],
            ..FilterSpec::default()
        };
        let err = spec
            .resolve(&store, &catalogue(), |p| format!("--{p}"))
            .unwrap_err();
        assert!(
            err.message.contains("--actor: no actor called `Wagnr`"),
            "{err}"
        );
        assert!(err.message.contains("did you mean Wagner"), "{err}");
        let spec = FilterSpec {
            collection: vec!["demo".into()],
            ..FilterSpec::default()
        };
        let err = spec
            .resolve(&store, &catalogue(), |p| format!("--{p}"))
            .unwrap_err();
        assert!(
            err.message.contains("no collection matches `demo`"),
            "{err}"
        );
        assert!(parse_bbox("10,20,5,30", "bbox").is_err());
        assert_eq!(
            parse_bbox("-10, -5, 10, 5", "bbox").unwrap(),
            [-10.0, -5.0, 10.0, 5.0]
        );
    }

    #[test]
    fn a_spec_reads_back_as_typed_and_says_itself() {
        let spec = FilterSpec {
            actor: vec!["JNIM".into()],
            country: vec!["BF".into()],
            min_fatalities: Some(10),
            from: Some("2024-03".parse().unwrap()),
            ..FilterSpec::default()
        };
        let json = serde_json::to_string(&spec).unwrap();
        assert_eq!(serde_json::from_str::<FilterSpec>(&json).unwrap(), spec);
        assert_eq!(
            spec.describe(),
            "--actor JNIM --country BF --from 2024-03 --min-fatalities 10"
        );
    }
}
