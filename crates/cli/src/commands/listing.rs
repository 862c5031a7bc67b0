//! Listing stored events the way every command shows them: one row per
//! occurrence (with its figures' range, the reports telling it and what
//! people did to it), or with `--per-report` one row per report's record,
//! each under its citable id; as a table fitted to the terminal, or for
//! the exporters.

use super::table::{self, Column};
use std::io::Write;
use watchfloor_export::{Occurrence, Row};
use watchfloor_model::Event;
use watchfloor_store::{CanonicalEvent, EventFilter, Store};

/// One row of a listing.
pub struct Item {
    /// The citable id: the occurrence's (`MLI12`), or for a record its
    /// occurrence's and its own (`MLI12-r45`).
    pub id: String,
    /// The occurrence's id (for a record, the one it belongs to).
    pub occurrence_id: String,
    /// The per-report record's id, in per-report listings.
    pub record: Option<i64>,
    pub event: Event,
    pub admin1: Option<String>,
    pub stored_at: i64,
    /// What the occurrence adds, for occurrences.
    pub occurrence: Option<Occurrence>,
    /// `rejected`, `corrected`, `noted`, `merged`, `split`.
    pub status: Vec<&'static str>,
}

/// `2024-05-03` of `2024-05-03T10:00:00Z`.
pub fn day(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}

/// The occurrences `filter` matches, paged as it says.
pub fn occurrences(store: &Store, filter: &EventFilter) -> anyhow::Result<Vec<Item>> {
    Ok(items_of(store.canonical_events(filter)?))
}

/// Listing rows of occurrences.
pub fn items_of(found: Vec<CanonicalEvent>) -> Vec<Item> {
    found
        .into_iter()
        .map(|c| Item {
            id: c.public_id.clone(),
            occurrence_id: c.public_id.clone(),
            record: None,
            occurrence: Some(watchfloor_serve::occurrence_extras(&c)),
            status: c.review.status(),
            admin1: c.admin1.clone(),
            stored_at: c.stored_at,
            event: c.event,
        })
        .collect()
}

/// The per-report records `filter` matches, as each report was coded.
pub fn records(store: &Store, filter: &EventFilter) -> anyhow::Result<Vec<Item>> {
    Ok(store
        .records_with_occurrence_ids(filter)?
        .into_iter()
        .map(|(e, occ)| Item {
            id: format!("{occ}-r{}", e.id),
            occurrence_id: occ,
            record: Some(e.id),
            event: e.event,
            admin1: e.admin1,
            stored_at: e.stored_at,
            occurrence: None,
            status: Vec::new(),
        })
        .collect())
}

/// The rows the exporters write.
pub fn export_rows(items: &[Item]) -> Vec<Row<'_>> {
    items
        .iter()
        .map(|i| Row {
            id: &i.id,
            event: &i.event,
            admin1: i.admin1.as_deref(),
            timestamp: Some(i.stored_at),
            occurrence: i.occurrence.as_ref(),
        })
        .collect()
}

/// The columns a table can show, by the name `--columns` takes.
pub const COLUMNS: &[(&str, &str)] = &[
    ("id", "the citable occurrence id (MLI12)"),
    ("record", "the per-report record (r45; --per-report)"),
    ("date", "the event date"),
    ("country", "ISO alpha-2 code"),
    ("location", "the place"),
    ("province", "first-level division"),
    ("type", "event type / sub-type"),
    ("actor1", "first side"),
    ("actor2", "second side"),
    ("dead", "fatalities: best (low-high)"),
    ("hurt", "injuries"),
    ("report", "the report telling it (+N others)"),
    ("reports", "how many reports tell it"),
    (
        "status",
        "what people did: rejected, corrected, noted, merged, split",
    ),
];

/// What a table shows without `--columns`.
pub const DEFAULT_COLUMNS: &str = "id,date,country,location,type,actor1,actor2,dead,report";
/// The same with `--per-report`.
pub const DEFAULT_RECORD_COLUMNS: &str =
    "id,record,date,country,location,type,actor1,actor2,dead,report";

/// Reads `--columns a,b,c`: names from [`COLUMNS`], or a usage error
/// listing them.
pub fn parse_columns(list: &str) -> anyhow::Result<Vec<&'static str>> {
    parse_columns_with(list, &[])
}

/// [`parse_columns`], with a command's own `extra` columns too.
pub fn parse_columns_with(list: &str, extra: &[&'static str]) -> anyhow::Result<Vec<&'static str>> {
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let alias = match name {
            "cc" => "country",
            "fatalities" => "dead",
            "injuries" => "hurt",
            "admin1" => "province",
            "sub_type" | "sub-type" => "type",
            "title" => "report",
            other => other,
        };
        if let Some(e) = extra.iter().find(|e| **e == alias) {
            out.push(*e);
            continue;
        }
        match COLUMNS.iter().find(|(n, _)| *n == alias) {
            Some((n, _)) => out.push(*n),
            None => {
                let names: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).collect();
                crate::usage!(
                    "unknown column `{name}` in --columns: choose from {}",
                    names.join(", ")
                )
            }
        }
    }
    if out.is_empty() {
        crate::usage!("--columns needs at least one column name");
    }
    Ok(out)
}

/// ACLED's event type, shortened for a narrow column.
pub fn short_type(t: &str) -> &str {
    match t {
        "Explosions/Remote violence" => "Explosions",
        "Violence against civilians" => "VAC",
        "Strategic developments" => "Strategic",
        other => other,
    }
}

fn sub_type(e: &Event) -> &'static str {
    e.sub_event_type.as_str()
}

fn figures(best: Option<u32>, low: Option<u32>, high: Option<u32>) -> String {
    match (best, low, high) {
        (None, ..) => "-".into(),
        (Some(b), Some(l), Some(h)) if l != h => format!("{b} ({l}-{h})"),
        (Some(b), ..) => b.to_string(),
    }
}

fn cell(item: &Item, column: &str) -> String {
    let e = &item.event;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    match column {
        "id" => item.occurrence_id.clone(),
        "record" => item
            .record
            .map(|r| format!("r{r}"))
            .unwrap_or_else(|| "-".into()),
        "date" => e.event_date.to_string(),
        "country" => e.country.clone(),
        "location" => e.location.clone(),
        "province" => opt(&item.admin1),
        "type" => format!("{} / {}", short_type(e.event_type.as_str()), sub_type(e)),
        "actor1" => opt(&e.actor1),
        "actor2" => opt(&e.actor2),
        "dead" => match &item.occurrence {
            Some(o) => figures(e.fatalities, o.fatalities_low, o.fatalities_high),
            None => figures(e.fatalities, None, None),
        },
        "hurt" => match &item.occurrence {
            Some(o) => figures(e.injuries, o.injuries_low, o.injuries_high),
            None => figures(e.injuries, None, None),
        },
        "report" => match &item.occurrence {
            Some(o) if o.reports.len() > 1 => {
                format!("{} (+{})", o.reports[0], o.reports.len() - 1)
            }
            Some(o) => o.reports.first().cloned().unwrap_or_default(),
            None => e.report_title.clone(),
        },
        "reports" => item
            .occurrence
            .as_ref()
            .map_or(1, |o| o.reports.len())
            .to_string(),
        "status" => item.status.join(", "),
        _ => String::new(),
    }
}

fn column(name: &str) -> Column {
    match name {
        "id" | "record" | "date" | "country" | "flagged" => {
            Column::fixed(if name == "country" { "cc" } else { name })
        }
        "dead" | "hurt" | "reports" => Column::number(name),
        other => Column::text(other),
    }
}

/// Writes `items` as a table of `columns` within `width` characters.
pub fn write_table(
    out: &mut impl Write,
    items: &[Item],
    columns: &[&str],
    width: Option<usize>,
) -> std::io::Result<()> {
    write_table_with(out, items, columns, width, |_, _| None)
}

/// [`write_table`] with a command's own columns: `own(row, column)` gives
/// their cells (and `None` for the standard ones).
pub fn write_table_with(
    out: &mut impl Write,
    items: &[Item],
    columns: &[&str],
    width: Option<usize>,
    own: impl Fn(usize, &str) -> Option<String>,
) -> std::io::Result<()> {
    let mut columns: Vec<&str> = columns.to_vec();
    let mut hidden: Vec<&str> = Vec::new();
    loop {
        let cols: Vec<Column> = columns.iter().map(|c| column(c)).collect();
        let rows: Vec<Vec<String>> = items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                columns
                    .iter()
                    .map(|c| own(n, c).unwrap_or_else(|| cell(i, c)))
                    .collect()
            })
            .collect();
        // A word is never cut: when even the longest words do not fit, the
        // last columns give way, and the reader is told which.
        if columns.len() > 1 && !table::fits(&cols, &rows, width) {
            hidden.insert(0, columns.pop().expect("a column"));
            continue;
        }
        if !hidden.is_empty() {
            eprintln!(
                "watchfloor: {} left out to fit {} characters without cutting words; widen the terminal, or choose with --columns",
                hidden.join(", "),
                width.unwrap_or(0)
            );
        }
        return table::write(out, &cols, &rows, width);
    }
}
