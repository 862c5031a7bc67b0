//! A person's corrections, kept on top of the coder's output.
//!
//! The coder's records are never edited. A correction is a row of the audit
//! log (`corrections`: who, when, the field, what the occurrence showed
//! before and after, and what the coder said at that moment) and, for the
//! state it comes to, a row of `overrides` keyed by the occurrence's
//! citable id. Every read of an occurrence applies its overrides to the
//! coder's merged event, so a correction survives re-ingest and relink
//! (the id comes back through the records' anchors) and a coder that reads
//! the report differently later never overwrites it: where the coder's
//! value moved since the correction, [`FieldCorrection::coder_changed`]
//! says so, and `watchfloor event ID` shows it.
//!
//! Merges and splits pin the records' anchors to an occurrence
//! (`anchors.pinned`), which the linker obeys on every later link.

use crate::ingest::{ids, link};
use crate::resolve::{Estimate, MergeRules};
use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use watchfloor_actors::Catalogue;
use watchfloor_model::{Event, EventType, PartialDate, SubEventType};

/// The fields a correction may set, as the model's JSON names them.
pub const EDITABLE: &[&str] = &[
    "event_type",
    "sub_event_type",
    "event_date",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "actor1",
    "actor2",
    "fatalities",
    "injuries",
    "civilian_targeting",
];

/// One field a person set, and what the coder says of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldCorrection {
    pub field: String,
    /// What the person set (JSON null: "not known").
    pub value: Value,
    /// The coder's value when the person set it.
    pub coder_then: Value,
    /// The coder's value now.
    pub coder_now: Value,
    pub by: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
}

impl FieldCorrection {
    /// The coder reads the field differently since the correction was made
    /// (a new version, a changed report) — and the correction still wins.
    pub fn coder_changed(&self) -> bool {
        self.coder_now != self.coder_then
    }

    /// The coder now gives the corrected value itself.
    pub fn coder_agrees(&self) -> bool {
        self.coder_now == self.value
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    /// `set`, `clear`, `reject`, `restore`, `note`, `merge`, `merged-into`,
    /// `split` or `split-from`.
    pub action: String,
    pub field: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub note: Option<String>,
    pub by: String,
    pub at: String,
}

/// What people did to an occurrence.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Review {
    /// A person marked it a false positive: listings and exports leave it
    /// out unless asked.
    pub rejected: bool,
    pub fields: Vec<FieldCorrection>,
    /// Every edit, oldest first.
    pub log: Vec<LogEntry>,
    /// When a person last changed it.
    pub changed_at: Option<String>,
}

impl Review {
    /// Notes people left, oldest first.
    pub fn notes(&self) -> impl Iterator<Item = &LogEntry> {
        self.log.iter().filter(|l| l.action == "note")
    }

    /// Each note as `text (who, day)`, oldest first: what exports carry.
    pub fn note_lines(&self) -> Vec<String> {
        self.notes()
            .map(|n| {
                let day = n.at.get(..10).unwrap_or(&n.at);
                format!("{} ({}, {day})", n.note.as_deref().unwrap_or(""), n.by)
            })
            .collect()
    }

    /// `rejected`, `corrected`, `noted`, `merged`, `split`: what people
    /// did, in a word each.
    pub fn status(&self) -> Vec<&'static str> {
        let mut s = Vec::new();
        if self.rejected {
            s.push("rejected");
        }
        if !self.fields.is_empty() {
            s.push("corrected");
        }
        if self.notes().next().is_some() {
            s.push("noted");
        }
        if self.log.iter().any(|l| l.action == "merge") {
            s.push("merged");
        }
        if self
            .log
            .iter()
            .any(|l| l.action == "split" || l.action == "split-from")
        {
            s.push("split");
        }
        s
    }
}

/// One field override as `overrides.fields` stores it.
#[derive(Debug, Clone, serde::Deserialize, Serialize)]
struct Stored {
    value: Value,
    coder: Value,
    by: String,
    at: String,
}

/// Applies `fields` (the `overrides.fields` JSON) to the coder's `event`,
/// returning what was applied; `None` when the result is no event the
/// model accepts.
fn apply(event: &mut Event, fields: &str) -> Option<Vec<FieldCorrection>> {
    let stored: std::collections::BTreeMap<String, Stored> = serde_json::from_str(fields).ok()?;
    if stored.is_empty() {
        return Some(Vec::new());
    }
    let Ok(Value::Object(mut doc)) = serde_json::to_value(&*event) else {
        return None;
    };
    let mut out = Vec::new();
    for (field, s) in stored {
        let now = doc.get(&field).cloned().unwrap_or(Value::Null);
        doc.insert(field.clone(), s.value.clone());
        out.push(FieldCorrection {
            field,
            value: s.value,
            coder_then: s.coder,
            coder_now: now,
            by: s.by,
            at: s.at,
        });
    }
    if let Some(Value::String(d)) = doc.get("event_date") {
        if let Ok(date) = d.parse::<PartialDate>() {
            doc.insert(
                "date_precision".into(),
                serde_json::to_value(date.precision).ok()?,
            );
        }
    }
    *event = serde_json::from_value(Value::Object(doc)).ok()?;
    Some(out)
}

/// A value as a person types it after `--set FIELD=`, checked and turned
/// into the JSON the model reads: numbers for counts and coordinates,
/// `yes`/`no` for civilian targeting, ISO codes for countries (any name or
/// code), canonical names for actors the catalogue knows, and `unknown`,
/// `none`, `-` or nothing for "not known". Returns the value and, for an
/// actor the catalogue does not know, a warning to show.
pub fn parse_value(
    catalogue: &Catalogue,
    field: &str,
    text: &str,
) -> std::result::Result<(Value, Option<String>), String> {
    let t = text.trim();
    let empty = t.is_empty()
        || ["-", "none", "unknown", "null"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w));
    let fields = || EDITABLE.join(", ");
    if !EDITABLE.contains(&field) {
        let hint = crate::suggest::did_you_mean(
            &crate::suggest::closest(field, EDITABLE.iter().copied(), 2)
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>(),
        );
        return Err(format!(
            "cannot set `{field}`: {hint}Set one of {}",
            fields()
        ));
    }
    let required = |what: &str| Err(format!("`{field}` needs {what}; it cannot be empty"));
    let value = match field {
        "event_type" => {
            if empty {
                return required("an event type");
            }
            match EventType::parse(t) {
                Some(k) => Value::String(k.as_str().into()),
                None => {
                    return Err(format!(
                        "unknown event type `{t}`: use one of Battles, \"Explosions/Remote violence\", \"Violence against civilians\", Protests, Riots, \"Strategic developments\""
                    ))
                }
            }
        }
        "event_date" => {
            if empty {
                return required("a date");
            }
            match t.parse::<PartialDate>() {
                Ok(d) => Value::String(d.to_string()),
                Err(e) => return Err(format!("bad date `{t}`: {e} (give YYYY-MM-DD or YYYY-MM)")),
            }
        }
        "country" => {
            if empty {
                return required("a country");
            }
            Value::String(crate::countries::resolve_country(catalogue, t)?)
        }
        "sub_event_type" => {
            if empty {
                return required("a sub-event type");
            }
            match SubEventType::parse(t) {
                Some(k) => Value::String(k.as_str().into()),
                None => {
                    let names: Vec<&str> = SubEventType::all().map(|k| k.as_str()).collect();
                    let hint = crate::suggest::did_you_mean(
                        &crate::suggest::closest(t, names.iter().copied(), 3)
                            .into_iter()
                            .map(String::from)
                            .collect::<Vec<_>>(),
                    );
                    return Err(format!(
                        "unknown sub-event type `{t}`: {hint}Use one of ACLED's: {}",
                        names.join(", ")
                    ));
                }
            }
        }
        "location" => {
            if empty {
                return required("a value");
            }
            Value::String(t.into())
        }
        "latitude" | "longitude" => {
            if empty {
                Value::Null
            } else {
                let limit = if field == "latitude" { 90.0 } else { 180.0 };
                match t.parse::<f64>() {
                    Ok(v) if v.is_finite() && v.abs() <= limit => serde_json::json!(v),
                    _ => {
                        return Err(format!(
                            "`{field}` must be decimal degrees from -{limit} to {limit}, not `{t}`"
                        ))
                    }
                }
            }
        }
        "fatalities" | "injuries" => {
            if empty {
                Value::Null
            } else {
                match t.parse::<u32>() {
                    Ok(v) => serde_json::json!(v),
                    Err(_) => {
                        return Err(format!(
                        "`{field}` must be a whole number of 0 or more, or `unknown`, not `{t}`"
                    ))
                    }
                }
            }
        }
        "civilian_targeting" => match t.to_ascii_lowercase().as_str() {
            "yes" | "true" | "1" => Value::Bool(true),
            "no" | "false" | "0" => Value::Bool(false),
            _ => return Err(format!("`civilian_targeting` must be yes or no, not `{t}`")),
        },
        "actor1" | "actor2" => {
            if empty {
                Value::Null
            } else if let Some(a) = catalogue.lookup(t).first() {
                Value::String(a.name.clone())
            } else {
                let known: Vec<&str> = catalogue
                    .actors()
                    .iter()
                    .flat_map(|a| {
                        std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str))
                    })
                    .collect();
                let hint = crate::suggest::did_you_mean(
                    &crate::suggest::closest(t, known, 3)
                        .into_iter()
                        .map(String::from)
                        .collect::<Vec<_>>(),
                );
                let warning =
                    format!("`{t}` is not in the actor catalogue; it is kept as typed. {hint}");
                return Ok((
                    Value::String(t.into()),
                    Some(warning.trim_end().to_string()),
                ));
            }
        }
        // admin1, geo_precision: free text, or nothing.
        _ => {
            if empty {
                Value::Null
            } else {
                Value::String(t.into())
            }
        }
    };
    Ok((value, None))
}

/// What one `watchfloor edit` does, all in one transaction.
#[derive(Debug, Clone, Default)]
pub struct EditRequest {
    /// Fields to set (values from [`parse_value`]).
    pub set: Vec<(String, Value)>,
    /// Fields whose correction to drop (the coder's value shows again).
    pub clear: Vec<String>,
    pub reject: bool,
    pub restore: bool,
    pub note: Option<String>,
    /// Occurrences to fold into this one.
    pub merge: Vec<String>,
    /// Split: `Some(records)` moves those records (per-report event ids)
    /// into one new occurrence; `Some(empty)` gives each record but the
    /// first an occurrence of its own.
    pub split: Option<Vec<i64>>,
    /// Who edits (`$USER` or `--by`).
    pub by: String,
}

/// What an edit did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditOutcome {
    /// The occurrence edited.
    pub id: String,
    /// One line per change, as the log has it.
    pub changes: Vec<String>,
    /// Occurrences a split created.
    pub created: Vec<String>,
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::Invalid(msg.into())
}

fn now(tx: &Transaction<'_>) -> rusqlite::Result<String> {
    tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
        r.get(0)
    })
}

#[allow(clippy::too_many_arguments)]
fn log(
    tx: &Transaction<'_>,
    occurrence: &str,
    action: &str,
    field: Option<&str>,
    before: Option<&Value>,
    after: Option<&Value>,
    coder: Option<&Value>,
    note: Option<&str>,
    by: &str,
    at: &str,
) -> rusqlite::Result<()> {
    let js = |v: Option<&Value>| v.map(|v| v.to_string());
    tx.execute(
        "INSERT INTO corrections (occurrence, action, field, before, after, coder, note, by, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            occurrence,
            action,
            field,
            js(before),
            js(after),
            js(coder),
            note,
            by,
            at
        ],
    )?;
    tx.execute(
        "INSERT INTO overrides (occurrence, changed_at) VALUES (?1, ?2)
         ON CONFLICT (occurrence) DO UPDATE SET changed_at = excluded.changed_at",
        params![occurrence, at],
    )?;
    Ok(())
}

/// `text` for a value in a log line.
fn shown(v: &Value) -> String {
    match v {
        Value::Null => "unknown".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Store {
    /// The overrides and audit log of the occurrence `public_id`, applied
    /// to `event` (the coder's merged event) and its estimates.
    pub(crate) fn review_of(
        &self,
        public_id: &str,
        event: &mut Event,
        fatalities: &mut Estimate,
        injuries: &mut Estimate,
    ) -> Result<Review> {
        let row: Option<(bool, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT rejected, fields, changed_at FROM overrides WHERE occurrence = ?1",
            )
            .and_then(|mut s| {
                s.query_row([public_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .map_err(|e| self.sql(e))?;
        let Some((rejected, fields, changed_at)) = row else {
            return Ok(Review::default());
        };
        let applied = apply(event, &fields).ok_or_else(|| {
            self.corrupt(format!(
                "the corrections of {public_id} no longer fit the event"
            ))
        })?;
        for (field, est, value) in [
            ("fatalities", fatalities, event.fatalities),
            ("injuries", injuries, event.injuries),
        ] {
            // A person's count is the occurrence's count: low, best and
            // high alike; the reports' figures stay listed.
            if applied.iter().any(|c| c.field == field) {
                est.low = value;
                est.best = value;
                est.high = value;
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT action, field, before, after, note, by, at FROM corrections WHERE occurrence = ?1 ORDER BY id",
            )
            .map_err(|e| self.sql(e))?;
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str::<Value>(&s).ok());
        let log = stmt
            .query_map([public_id], |r| {
                Ok(LogEntry {
                    action: r.get(0)?,
                    field: r.get(1)?,
                    before: parse(r.get(2)?),
                    after: parse(r.get(3)?),
                    note: r.get(4)?,
                    by: r.get(5)?,
                    at: r.get(6)?,
                })
            })
            .map_err(|e| self.sql(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(e))?;
        Ok(Review {
            rejected,
            fields: applied,
            log,
            changed_at: Some(changed_at),
        })
    }

    /// The occurrence rows a person rejected or corrected a field of:
    /// `(row, rejected)`.
    pub(crate) fn reviewed_rows(&self) -> Result<Vec<(i64, bool)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.id, o.rejected FROM overrides o JOIN canonical_events c ON c.public_id = o.occurrence
                 WHERE o.rejected = 1 OR o.fields != '{}'",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// Whether any occurrence is rejected.
    pub(crate) fn any_rejected(&self) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM overrides WHERE rejected = 1)")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(|e| self.sql(e))
    }

    /// Applies `req` to the occurrence `id` in one transaction and logs
    /// every change. Merges and splits relink the records concerned under
    /// `rules` (pinned records go where a person put them).
    pub fn edit(&mut self, id: &str, req: &EditRequest, rules: &MergeRules) -> Result<EditOutcome> {
        let id = id.trim().to_ascii_uppercase();
        let db = self.path.clone();
        let sql = |e| crate::sql_error_at(&db, e);
        let mut out = EditOutcome {
            id: id.clone(),
            ..EditOutcome::default()
        };
        if req.reject && req.restore {
            return Err(invalid(
                "--reject and --restore contradict each other: give one",
            ));
        }
        let tx = self.write()?;
        let at = now(&tx).map_err(sql)?;
        let row_of = |tx: &Transaction<'_>, pid: &str| -> Result<i64> {
            let found: Option<i64> = tx
                .query_row(
                    "SELECT id FROM canonical_events WHERE public_id = ?1",
                    [pid],
                    |r| r.get(0),
                )
                .optional()
                .map_err(sql)?;
            found.ok_or_else(|| {
                invalid(format!("no occurrence {pid}: list occurrence ids with `watchfloor events --format table`"))
            })
        };
        row_of(&tx, &id)?;
        for other in &req.merge {
            let other = other.trim().to_ascii_uppercase();
            if other == id {
                return Err(invalid(format!("cannot merge {id} into itself")));
            }
            let from = row_of(&tx, &other)?;
            let target_now = row_of(&tx, &id)?;
            // Both occurrences' records, and any record pinned to the other
            // one before, now belong here whatever the rules say.
            tx.execute(
                "INSERT INTO anchors (anchor, occurrence, pinned)
                 SELECT e.anchor, ?1, 1 FROM events e JOIN event_links l ON l.event_id = e.id
                 WHERE l.canonical_id IN (?2, ?3) AND e.anchor IS NOT NULL
                 ON CONFLICT (anchor) DO UPDATE SET occurrence = excluded.occurrence, pinned = 1",
                params![id, target_now, from],
            )
            .map_err(sql)?;
            tx.execute(
                "UPDATE anchors SET occurrence = ?1 WHERE occurrence = ?2",
                params![id, other],
            )
            .map_err(sql)?;
            let records = records_of(&tx, from).map_err(sql)?;
            relocate(&tx, &records, rules, &db)?;
            tx.execute(
                "UPDATE occurrence_ids SET retired_into = ?1, retired_at = ?3 WHERE public_id = ?2",
                params![id, other, at],
            )
            .map_err(sql)?;
            log(
                &tx,
                &id,
                "merge",
                None,
                None,
                Some(&Value::String(other.clone())),
                None,
                None,
                &req.by,
                &at,
            )
            .map_err(sql)?;
            log(
                &tx,
                &other,
                "merged-into",
                None,
                None,
                Some(&Value::String(id.clone())),
                None,
                None,
                &req.by,
                &at,
            )
            .map_err(sql)?;
            out.changes.push(format!(
                "merged {other} into {id} ({} record(s) moved)",
                records.len()
            ));
        }
        if let Some(chosen) = &req.split {
            let target_now = row_of(&tx, &id)?;
            let records = records_of(&tx, target_now).map_err(sql)?;
            if records.len() < 2 {
                return Err(invalid(format!(
                    "{id} has one record: there is nothing to split"
                )));
            }
            let moving: Vec<i64> = if chosen.is_empty() {
                records[1..].to_vec()
            } else {
                for r in chosen {
                    if !records.contains(r) {
                        return Err(invalid(format!(
                            "record r{r} is not one of {id}'s ({}): see them with `watchfloor event {id}`",
                            records.iter().map(|r| format!("r{r}")).collect::<Vec<_>>().join(", ")
                        )));
                    }
                }
                if chosen.len() == records.len() {
                    return Err(invalid(format!("naming every record of {id} leaves nothing behind: name only those to move")));
                }
                chosen.clone()
            };
            let pin = |tx: &Transaction<'_>, record: i64, to: &str| {
                tx.execute(
                    "INSERT INTO anchors (anchor, occurrence, pinned)
                     SELECT anchor, ?2, 1 FROM events WHERE id = ?1 AND anchor IS NOT NULL
                     ON CONFLICT (anchor) DO UPDATE SET occurrence = excluded.occurrence, pinned = 1",
                    params![record, to],
                )
            };
            for &r in records.iter().filter(|r| !moving.contains(r)) {
                pin(&tx, r, &id).map_err(sql)?;
            }
            let country: String = tx
                .query_row(
                    "SELECT country FROM canonical_events WHERE id = ?1",
                    [target_now],
                    |r| r.get(0),
                )
                .map_err(sql)?;
            let mut new_ids: Vec<String> = Vec::new();
            for (i, &r) in moving.iter().enumerate() {
                if chosen.is_empty() || i == 0 {
                    new_ids.push(ids::mint(&tx, &country).map_err(sql)?);
                }
                pin(&tx, r, new_ids.last().expect("an id was minted")).map_err(sql)?;
            }
            relocate(&tx, &records, rules, &db)?;
            let list = Value::Array(new_ids.iter().cloned().map(Value::String).collect());
            log(
                &tx,
                &id,
                "split",
                None,
                None,
                Some(&list),
                None,
                None,
                &req.by,
                &at,
            )
            .map_err(sql)?;
            for n in &new_ids {
                log(
                    &tx,
                    n,
                    "split-from",
                    None,
                    None,
                    Some(&Value::String(id.clone())),
                    None,
                    None,
                    &req.by,
                    &at,
                )
                .map_err(sql)?;
            }
            out.changes.push(format!(
                "split {} record(s) off {id} into {}",
                moving.len(),
                new_ids.join(", ")
            ));
            out.created = new_ids;
        }
        if !req.set.is_empty() || !req.clear.is_empty() {
            let target_now = row_of(&tx, &id)?;
            let (coder, shown_now) = coder_and_shown(&tx, target_now, &id, &db)?;
            let stored: String = tx
                .query_row(
                    "SELECT fields FROM overrides WHERE occurrence = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(sql)?
                .unwrap_or_else(|| "{}".into());
            let mut fields: Map<String, Value> = serde_json::from_str(&stored).unwrap_or_default();
            for (field, value) in &req.set {
                let coder_value = coder.get(field).cloned().unwrap_or(Value::Null);
                let before = shown_now.get(field).cloned().unwrap_or(Value::Null);
                fields.insert(
                    field.clone(),
                    serde_json::to_value(Stored {
                        value: value.clone(),
                        coder: coder_value.clone(),
                        by: req.by.clone(),
                        at: at.clone(),
                    })
                    .expect("a JSON value"),
                );
                log(
                    &tx,
                    &id,
                    "set",
                    Some(field),
                    Some(&before),
                    Some(value),
                    Some(&coder_value),
                    None,
                    &req.by,
                    &at,
                )
                .map_err(sql)?;
                out.changes
                    .push(format!("{field}: {} -> {}", shown(&before), shown(value)));
            }
            for field in &req.clear {
                if fields.remove(field).is_none() {
                    return Err(invalid(format!(
                        "{id} has no correction of `{field}` to clear"
                    )));
                }
                let before = shown_now.get(field).cloned().unwrap_or(Value::Null);
                let coder_value = coder.get(field).cloned().unwrap_or(Value::Null);
                log(
                    &tx,
                    &id,
                    "clear",
                    Some(field),
                    Some(&before),
                    Some(&coder_value),
                    Some(&coder_value),
                    None,
                    &req.by,
                    &at,
                )
                .map_err(sql)?;
                out.changes.push(format!(
                    "{field}: {} -> {} (the coder's)",
                    shown(&before),
                    shown(&coder_value)
                ));
            }
            // The edited event must still be an event: a value the model
            // refuses is caught here, not at the next read.
            let mut probe = serde_json::from_value::<Event>(Value::Object(coder.clone()))
                .map_err(|e| invalid(format!("{id}: {e}")))?;
            let text = Value::Object(fields.clone()).to_string();
            if apply(&mut probe, &text).is_none() {
                return Err(invalid(format!(
                    "{id}: the corrected values do not make an event the model accepts"
                )));
            }
            let (kind, sub) = (probe.event_type, probe.sub_event_type);
            if sub.event_type() != kind {
                return Err(invalid(format!(
                    "{id}: the sub-event type `{}` belongs to {}, not {}: set event_type and sub_event_type together (--set event_type=\"{}\")",
                    sub.as_str(),
                    sub.event_type().as_str(),
                    kind.as_str(),
                    sub.event_type().as_str()
                )));
            }
            tx.execute(
                "INSERT INTO overrides (occurrence, fields, changed_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (occurrence) DO UPDATE SET fields = excluded.fields, changed_at = excluded.changed_at",
                params![id, text, at],
            )
            .map_err(sql)?;
        }
        if req.reject || req.restore {
            let action = if req.reject { "reject" } else { "restore" };
            log(&tx, &id, action, None, None, None, None, None, &req.by, &at).map_err(sql)?;
            tx.execute(
                "UPDATE overrides SET rejected = ?2 WHERE occurrence = ?1",
                params![id, req.reject],
            )
            .map_err(sql)?;
            out.changes.push(if req.reject {
                format!("rejected {id}: listings and exports leave it out (see it with `watchfloor event {id}`)")
            } else {
                format!("restored {id}")
            });
        }
        if let Some(note) = &req.note {
            log(
                &tx,
                &id,
                "note",
                None,
                None,
                None,
                None,
                Some(note),
                &req.by,
                &at,
            )
            .map_err(sql)?;
            out.changes.push(format!("note: {note}"));
        }
        if out.changes.is_empty() {
            return Err(invalid(
                "nothing to do: give --set FIELD=VALUE, --clear FIELD, --reject, --restore, --note TEXT, --merge ID or --split",
            ));
        }
        tx.commit().map_err(sql)?;
        Ok(out)
    }
}

/// The records (per-report event ids) of an occurrence row, oldest first.
fn records_of(tx: &Transaction<'_>, cid: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(
        "SELECT event_id FROM event_links WHERE canonical_id = ?1 ORDER BY event_id",
    )?;
    let rows = stmt.query_map([cid], |r| r.get(0))?;
    rows.collect()
}

/// The coder's merged event of an occurrence row and what it shows with
/// its current corrections, both as JSON objects.
fn coder_and_shown(
    tx: &Transaction<'_>,
    cid: i64,
    public_id: &str,
    db: &std::path::Path,
) -> Result<(Map<String, Value>, Map<String, Value>)> {
    let members = crate::ingest::load_events(tx, "l.canonical_id = ?1", cid, db)?;
    let est = crate::ingest::estimates(&members);
    let event = crate::ingest::merged_event(&members, &est)
        .ok_or_else(|| invalid(format!("{public_id} has no records")))?;
    let stored: String = tx
        .query_row(
            "SELECT fields FROM overrides WHERE occurrence = ?1",
            [public_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| crate::sql_error_at(db, e))?
        .unwrap_or_else(|| "{}".into());
    let mut corrected = event.clone();
    apply(&mut corrected, &stored);
    let obj = |e: &Event| match serde_json::to_value(e) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    Ok((obj(&event), obj(&corrected)))
}

/// Takes `records` out of their occurrences and links them again (pinned
/// ones go where a person put them), then rebuilds every occurrence
/// touched and settles ids.
fn relocate(
    tx: &Transaction<'_>,
    records: &[i64],
    rules: &MergeRules,
    db: &std::path::Path,
) -> Result<()> {
    let sql = |e| crate::sql_error_at(db, e);
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    let mut reports = Vec::new();
    for &r in records {
        let (cid, report): (i64, i64) = tx
            .query_row(
                "SELECT l.canonical_id, e.report_id FROM event_links l JOIN events e ON e.id = l.event_id WHERE l.event_id = ?1",
                [r],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(sql)?;
        touched.insert(cid);
        reports.push(report);
        tx.execute("DELETE FROM event_links WHERE event_id = ?1", [r])
            .map_err(sql)?;
    }
    let mut linker = link::Linker::default();
    linker.begin(tx).map_err(sql)?;
    for (&r, &report) in records.iter().zip(&reports) {
        let (cid, _) = linker.link(tx, r, report, rules, db)?;
        touched.insert(cid);
    }
    let mut freed = Vec::new();
    for &cid in &touched {
        freed.extend(link::rebuild_canonical(tx, cid, db)?);
    }
    ids::settle(tx, &touched, ids::Linked::Records(records), &freed).map_err(sql)
}
