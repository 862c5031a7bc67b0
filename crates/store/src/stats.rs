//! Summaries: store-wide counts and per-actor dossiers.

use crate::{Result, Store};
use rusqlite::types::Value;
use serde::Serialize;

/// Store-wide counts.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Stats {
    pub files: usize,
    pub bytes: u64,
    pub reports: usize,
    pub sources: usize,
    pub passages: usize,
    pub events: usize,
    pub claims: usize,
    /// Distinct occurrences after cross-report merging.
    pub canonical_events: usize,
    /// Canonical events told by more than one report.
    pub merged_events: usize,
    pub actors: usize,
    pub places: usize,
    pub warnings: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub by_type: Vec<(String, usize)>,
    pub by_country: Vec<(String, usize)>,
    pub by_month: Vec<(String, usize)>,
}

/// Claims an actor made, by stance.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClaimCount {
    pub stance: String,
    pub count: usize,
    /// The occurrences the claims are about (citable ids), newest first
    /// (at most 20).
    pub event_ids: Vec<String>,
}

/// What the store knows of one actor (under any of the given names),
/// counted in occurrences.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ActorDossier {
    pub names: Vec<String>,
    pub events: usize,
    pub as_actor1: usize,
    pub as_actor2: usize,
    pub fatalities: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub by_type: Vec<(String, usize)>,
    /// `YYYY-MM` → events, chronological.
    pub by_month: Vec<(String, usize)>,
    pub by_country: Vec<(String, usize)>,
    /// The actors on the other side of its events, most frequent first.
    pub co_actors: Vec<(String, usize)>,
    pub claims: Vec<ClaimCount>,
    /// Reports that mention it in an event, most events first.
    pub reports: Vec<(String, usize)>,
}

impl Store {
    fn count(&self, sql: &str) -> Result<usize> {
        self.conn
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.sql(e))
    }

    fn groups(&self, sql: &str, params: &[Value]) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    r.get::<_, i64>(1)? as usize,
                ))
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats> {
        let (first_date, last_date) = self
            .conn
            .query_row(
                "SELECT (SELECT event_date FROM events ORDER BY day_lo LIMIT 1),
                        (SELECT event_date FROM events ORDER BY day_lo DESC LIMIT 1)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sql(e))?;
        Ok(Stats {
            files: self.count("SELECT count(*) FROM files")?,
            bytes: self.count("SELECT coalesce(sum(bytes), 0) FROM files")? as u64,
            reports: self.count("SELECT count(*) FROM reports")?,
            sources: self.count("SELECT count(*) FROM sources")?,
            passages: self.count("SELECT count(*) FROM passages")?,
            events: self.count("SELECT count(*) FROM events")?,
            claims: self.count("SELECT count(*) FROM claims")?,
            canonical_events: self.count("SELECT count(*) FROM canonical_events")?,
            merged_events: self.count("SELECT count(*) FROM canonical_events WHERE members > 1")?,
            actors: self.count(
                "SELECT count(*) FROM (SELECT actor1 FROM events WHERE actor1 IS NOT NULL
                   UNION SELECT actor2 FROM events WHERE actor2 IS NOT NULL)",
            )?,
            places: self
                .count("SELECT count(*) FROM (SELECT DISTINCT country, location FROM events)")?,
            warnings: self.count("SELECT coalesce(sum(warnings), 0) FROM files")?,
            first_date,
            last_date,
            by_type: self.groups(
                "SELECT event_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1",
                &[],
            )?,
            by_country: self.groups(
                "SELECT country, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1",
                &[],
            )?,
            by_month: self.groups(
                "SELECT substr(event_date, 1, 7), count(*) FROM events GROUP BY 1 ORDER BY 1",
                &[],
            )?,
        })
    }

    /// The dossier of the actor known by `names` (canonical name first, then
    /// aliases): its events by type, month and country, the actors it
    /// met, and the claims it made.
    pub fn actor_dossier(&self, names: &[String]) -> Result<ActorDossier> {
        let list = vec!["?"; names.len().max(1)].join(", ");
        let mut p: Vec<Value> = names.iter().map(|n| Value::Text(n.clone())).collect();
        if p.is_empty() {
            p.push(Value::Null);
        }
        let twice: Vec<Value> = p.iter().chain(p.iter()).cloned().collect();
        // Through event_actors' index: one range per name. Counts are of
        // occurrences: one record each (the first naming the actor), so an
        // occurrence told by three reports counts once.
        let mine = format!(
            "id IN (SELECT min(a.event_id) FROM event_actors a JOIN event_links l ON l.event_id = a.event_id
                    WHERE a.actor IN ({list}) GROUP BY l.canonical_id)"
        );
        // Every record naming it, for the reports that do.
        let told = format!("id IN (SELECT event_id FROM event_actors WHERE actor IN ({list}))");
        type Totals = (i64, i64, i64, i64, Option<String>, Option<String>);
        let one = |sql: &str, params: &[Value]| -> Result<Totals> {
            self.conn
                .query_row(sql, rusqlite::params_from_iter(params.iter()), |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })
                .map_err(|e| self.sql(e))
        };
        let thrice: Vec<Value> = twice.iter().chain(p.iter()).cloned().collect();
        let (events, a1, a2, dead, first, last) = one(
            &format!(
                "SELECT count(*), coalesce(sum(actor1 IN ({list})), 0), coalesce(sum(actor2 IN ({list})), 0),
                        coalesce(sum(fatalities), 0), min(event_date), max(event_date)
                 FROM events WHERE {mine}"
            ),
            &thrice,
        )?;
        let co = format!(
            "SELECT other, count(*) n FROM (
                SELECT CASE WHEN actor1 IN ({list}) THEN actor2 ELSE actor1 END AS other FROM events WHERE {mine})
             WHERE other IS NOT NULL AND other NOT IN ({list}) GROUP BY other ORDER BY n DESC, other LIMIT 25"
        );
        let co_params = thrice.clone();
        let mut claims = Vec::new();
        for (stance, count) in self.groups(
            &format!("SELECT stance, count(*) n FROM claims WHERE by IN ({list}) GROUP BY 1 ORDER BY n DESC, 1"),
            &p,
        )? {
            let mut params = p.clone();
            params.push(Value::Text(stance.clone()));
            let mut stmt = self
                .conn
                .prepare_cached(&format!(
                    "SELECT k.public_id FROM claims c JOIN events e ON e.id = c.event_id
                     JOIN event_links l ON l.event_id = e.id JOIN canonical_events k ON k.id = l.canonical_id
                     WHERE c.by IN ({list}) AND c.stance = ? AND k.public_id IS NOT NULL
                     GROUP BY k.public_id ORDER BY max(e.day_lo) DESC LIMIT 20"
                ))
                .map_err(|e| self.sql(e))?;
            let ids = stmt
                .query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))
                .map_err(|e| self.sql(e))?
                .collect::<rusqlite::Result<Vec<String>>>()
                .map_err(|e| self.sql(e))?;
            claims.push(ClaimCount { stance, count, event_ids: ids });
        }
        Ok(ActorDossier {
            names: names.to_vec(),
            events: events as usize,
            as_actor1: a1 as usize,
            as_actor2: a2 as usize,
            fatalities: dead as u64,
            first_date: first,
            last_date: last,
            by_type: self.groups(&format!("SELECT event_type, count(*) n FROM events WHERE {mine} GROUP BY 1 ORDER BY n DESC, 1"), &p)?,
            by_month: self.groups(&format!("SELECT substr(event_date, 1, 7), count(*) FROM events WHERE {mine} GROUP BY 1 ORDER BY 1"), &p)?,
            by_country: self.groups(&format!("SELECT country, count(*) n FROM events WHERE {mine} GROUP BY 1 ORDER BY n DESC, 1"), &p)?,
            co_actors: self.groups(&co, &co_params)?,
            claims,
            reports: self.groups(
                &format!(
                    "SELECT r.title, count(*) n FROM events e JOIN reports r ON r.id = e.report_id
                     WHERE e.{told} GROUP BY r.id ORDER BY n DESC, r.title LIMIT 50"
                ),
                &p,
            )?,
        })
    }
}

/// What `watchfloor stats --by` groups occurrences by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Country,
    Province,
    Year,
    Month,
    Actor,
    Type,
    SubType,
}

impl Dimension {
    /// Every dimension, by the name `--by` takes.
    pub const ALL: &'static [(&'static str, Dimension)] = &[
        ("country", Dimension::Country),
        ("province", Dimension::Province),
        ("year", Dimension::Year),
        ("month", Dimension::Month),
        ("actor", Dimension::Actor),
        ("type", Dimension::Type),
        ("sub_type", Dimension::SubType),
    ];

    pub fn parse(name: &str) -> Option<Dimension> {
        let n = name.trim().to_ascii_lowercase().replace('-', "_");
        let n = match n.as_str() {
            "admin1" => "province",
            "event_type" => "type",
            "sub_event_type" | "subtype" => "sub_type",
            other => other,
        }
        .to_string();
        Dimension::ALL
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, d)| *d)
    }

    pub fn name(self) -> &'static str {
        Dimension::ALL
            .iter()
            .find(|(_, d)| *d == self)
            .map(|(k, _)| *k)
            .unwrap_or("?")
    }
}

/// One group of occurrences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The group's value on each dimension, in the order asked.
    pub keys: Vec<String>,
    /// Occurrences in it.
    pub events: usize,
    /// The sum of their best fatality estimates.
    pub fatalities: u64,
}

impl Store {
    /// Occurrences matching `filter` (as corrected; rejected ones left out
    /// unless the filter includes them), counted with their fatalities by
    /// each combination of `by`'s values, in order of the keys (months
    /// and years run in time). By actor, an occurrence counts under each of
    /// its sides. Countries are given by name. Reads every matching
    /// occurrence.
    pub fn stats_by(&self, filter: &crate::EventFilter, by: &[Dimension]) -> Result<Vec<Group>> {
        let mut unpaged = filter.clone();
        unpaged.limit = None;
        unpaged.offset = 0;
        let mut groups: std::collections::BTreeMap<Vec<String>, (usize, u64)> = Default::default();
        for id in self.canonical_ids(&unpaged)? {
            let Some(c) = self.canonical(id)? else {
                continue;
            };
            let e = &c.event;
            let values = |d: Dimension| -> Vec<String> {
                match d {
                    Dimension::Country => vec![crate::countries::country_code(&e.country)
                        .map_or_else(|| e.country.clone(), |k| k.name.clone())],
                    Dimension::Province => vec![c.admin1.clone().unwrap_or_else(|| "-".into())],
                    Dimension::Year => vec![e.event_date.date.format("%Y").to_string()],
                    Dimension::Month => vec![e.event_date.date.format("%Y-%m").to_string()],
                    Dimension::Actor => {
                        let mut v: Vec<String> =
                            e.actor1.iter().chain(e.actor2.iter()).cloned().collect();
                        v.dedup();
                        if v.is_empty() {
                            v.push("-".into());
                        }
                        v
                    }
                    Dimension::Type => vec![e.event_type.as_str().to_string()],
                    Dimension::SubType => vec![e.sub_event_type.as_str().to_string()],
                }
            };
            let mut keys: Vec<Vec<String>> = vec![Vec::new()];
            for &d in by {
                keys = keys
                    .into_iter()
                    .flat_map(|k| {
                        values(d).into_iter().map(move |v| {
                            let mut k = k.clone();
                            k.push(v);
                            k
                        })
                    })
                    .collect();
            }
            for k in keys {
                let g = groups.entry(k).or_default();
                g.0 += 1;
                g.1 += u64::from(e.fatalities.unwrap_or(0));
            }
        }
        Ok(groups
            .into_iter()
            .map(|(keys, (events, fatalities))| Group {
                keys,
                events,
                fatalities,
            })
            .collect())
    }
}
