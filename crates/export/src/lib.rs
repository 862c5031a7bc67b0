//! Writing coded events for other tools.
//!
//! - [`write_jsonl`]: the JSON Lines record of `GUIDELINES.md` (the model's
//!   serde form), what the scorer reads.
//! - [`write_csv`]: ACLED's column names, so spreadsheets and scripts built
//!   for ACLED downloads read it unchanged.
//! - [`write_geojson`]: a FeatureCollection of points for GIS tools.
//! - [`write_stix`]: a STIX 2.1 bundle for threat-intelligence platforms.
//! - [`write_parquet`]: a flat Parquet table for DuckDB, Spark and pandas.
//! - [`write_brief_html`], [`write_brief_markdown`]: a brief for readers —
//!   headline figures, map, timeline, events with their evidence and
//!   sources, claims — as one self-contained HTML page, or Markdown.
//!
//! Every writer is deterministic: the same events give the same bytes, and
//! STIX ids are UUIDv5 of stable keys (actor name, place, event content), so
//! re-exporting after a re-ingest updates objects instead of duplicating them.

use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use watchfloor_model::{DatePrecision, Event, EventType, Stance};

mod brief;
mod parquet_out;
mod stix;
pub use brief::{write_brief_html, write_brief_markdown, BriefMeta};
pub use parquet_out::{write_parquet, PARQUET_SCHEMA};
pub use stix::{stix_id, write_stix, STIX_NAMESPACE};

/// One event to export, with what the store knows beyond the model.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The citable id (ACLED's `event_id_cnty`): an occurrence's (`MLI12`),
    /// or for a per-report record its occurrence's and its own
    /// (`MLI12-r45`).
    pub id: &'a str,
    pub event: &'a Event,
    /// First-level division of the place, if resolved.
    pub admin1: Option<&'a str>,
    /// When the row last changed (an ingest of a file telling it, or a
    /// person's edit), in seconds since the Unix epoch: ACLED's
    /// `timestamp`.
    pub timestamp: Option<i64>,
    /// For an occurrence: the range of its figures, the reports telling
    /// it and what people did to it. `None` for a per-report record.
    pub occurrence: Option<&'a Occurrence>,
}

/// What an occurrence adds to its coding.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Occurrence {
    pub fatalities_low: Option<u32>,
    pub fatalities_high: Option<u32>,
    pub injuries_low: Option<u32>,
    pub injuries_high: Option<u32>,
    /// Titles of the reports that tell it, in the order they were linked,
    /// each once.
    pub reports: Vec<String>,
    /// Per-report records merged into it.
    pub records: usize,
    /// Fields a person corrected.
    pub corrected: Vec<String>,
    /// Notes people left, each `text (who, when)`.
    pub notes: Vec<String>,
}

/// The JSON Lines record: the citable id, the model's event, and for an
/// occurrence what it adds.
#[derive(serde::Serialize)]
struct Line<'a> {
    id: &'a str,
    #[serde(flatten)]
    event: &'a Event,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    occurrence: Option<&'a Occurrence>,
}

/// What a country is called, for columns that want more than ISO alpha-2.
#[derive(Debug, Clone, Default)]
pub struct CountryInfo {
    pub name: String,
    pub iso3: String,
    /// ISO 3166-1 numeric code (ACLED's `iso`).
    pub iso_numeric: Option<u16>,
}

/// Which region ACLED files each country under, by ISO alpha-2 code.
const ACLED_REGIONS: &str = include_str!("../../../data/acled-regions.tsv");

/// The region ACLED files the country `iso2` under (`Western Africa`,
/// `Middle East`, ...), from `data/acled-regions.tsv`.
pub fn acled_region(iso2: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        ACLED_REGIONS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .flat_map(|(region, codes)| codes.split_whitespace().map(move |c| (c, region)))
            .collect()
    });
    table.get(iso2.to_ascii_uppercase().as_str()).copied()
}

/// What the catalogue knows about an actor.
#[derive(Debug, Clone, Default)]
pub struct ActorInfo {
    pub aliases: Vec<String>,
    /// ACLED interaction code (1 state forces … 8 external forces).
    pub inter: Option<u8>,
    /// Canonical name of the parent organisation.
    pub affiliation: Option<String>,
}

/// Reference knowledge the richer formats use; empty maps are fine (columns
/// that need them are left blank).
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// ISO alpha-2 → country.
    pub countries: HashMap<String, CountryInfo>,
    /// Canonical actor name → what is known of it.
    pub actors: HashMap<String, ActorInfo>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
    Geojson,
    Stix,
    Parquet,
}

/// Writes `rows` in `format`.
pub fn write(
    format: Format,
    out: &mut dyn Write,
    rows: &[Row<'_>],
    ctx: &Context,
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            for r in rows {
                let line = Line {
                    id: r.id,
                    event: r.event,
                    occurrence: r.occurrence,
                };
                serde_json::to_writer(&mut *out, &line)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
        Format::Csv => write_csv(out, rows, ctx),
        Format::Geojson => write_geojson(out, rows),
        Format::Stix => write_stix(out, rows, ctx),
        Format::Parquet => write_parquet(out, rows),
    }
}

/// One event per line, exactly the model's serde form (what `watchfloor
/// events PATH` prints and the scorer reads). Stored rows go through
/// [`write`], which adds the citable id.
pub fn write_jsonl<'a>(
    out: &mut dyn Write,
    events: impl IntoIterator<Item = &'a Event>,
) -> io::Result<()> {
    for e in events {
        serde_json::to_writer(&mut *out, e)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// ACLED's export columns, in ACLED's order.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// Columns after ACLED's: an occurrence's figure range (the low and high
/// of what its reports say; `fatalities` is the best estimate), injuries,
/// and the titles of the reports that tell it.
pub const EXTRA_COLUMNS: &[&str] = &["fatalities_low", "fatalities_high", "injuries", "reports"];

/// ACLED's disorder type for an event type.
pub fn disorder_type(t: EventType) -> &'static str {
    match t {
        EventType::Battles
        | EventType::ExplosionsRemoteViolence
        | EventType::ViolenceAgainstCivilians => "Political violence",
        EventType::Protests => "Demonstrations",
        EventType::Riots => "Political violence; Demonstrations",
        EventType::StrategicDevelopments => "Strategic developments",
    }
}

fn stance_verb(s: Stance) -> &'static str {
    match s {
        Stance::Claim => "claimed by",
        Stance::Confirm => "confirmed by",
        Stance::Deny => "denied by",
        Stance::Accuse => "attributed by",
    }
}

/// The distinct source citations behind an event, in order.
fn sources(e: &Event) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for ev in &e.evidence {
        if let Some(s) = ev.source.as_deref() {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// CSV with ACLED's column names, then [`EXTRA_COLUMNS`]. Values ACLED has
/// and watchfloor does not (associated actors, admin2/3, source scale) are
/// empty; `event_id_cnty` is the citable id; `timestamp` is when the row
/// last changed (ingest or a person's edit); `notes` is the evidence
/// sentences, then people's notes; an unknown
/// fatality count is empty rather than ACLED's 0, so "none reported" and
/// "zero" stay apart. `time_precision` is 1 (day) or 3 (month or coarser),
/// `geo_precision` as ACLED codes it ([`acled_geo_precision`]).
/// ACLED's geo-precision code for an event: 1 the named place itself, 2
/// near it or at approximate coordinates (`near`), 3 a province, the
/// country, a distance away from the named place (`distant`), or no
/// coordinates at all.
pub fn acled_geo_precision(e: &Event) -> &'static str {
    if e.latitude.is_none() || e.longitude.is_none() {
        return "3";
    }
    match e.geo_precision.as_deref() {
        Some("near") => "2",
        Some("province" | "country" | "distant") => "3",
        _ => "1",
    }
}

pub fn write_csv(out: &mut dyn Write, rows: &[Row<'_>], ctx: &Context) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(ACLED_COLUMNS.iter().chain(EXTRA_COLUMNS))?;
    for r in rows {
        let e = r.event;
        let country = ctx.countries.get(&e.country.to_ascii_uppercase());
        let inter = |a: &Option<String>| {
            a.as_ref()
                .and_then(|n| ctx.actors.get(n))
                .and_then(|i| i.inter)
        };
        let (i1, i2) = (inter(&e.actor1), inter(&e.actor2));
        let interaction = match (i1, i2) {
            (Some(a), Some(b)) => (a.min(b) as u32 * 10 + a.max(b) as u32).to_string(),
            (Some(a), None) if e.actor2.is_none() => (a as u32 * 10).to_string(),
            _ => String::new(),
        };
        let srcs = sources(e);
        let source = if srcs.is_empty() {
            e.report_title.clone()
        } else {
            srcs.join("; ")
        };
        let mut notes: Vec<String> = e.evidence.iter().map(|v| v.text.clone()).collect();
        if let Some(o) = r.occurrence {
            notes.extend(o.notes.iter().map(|n| format!("[Analyst note: {n}]")));
        }
        let tags: Vec<String> = e
            .claims
            .iter()
            .map(|c| format!("{} {}", stance_verb(c.stance), c.by))
            .collect();
        let opt = |v: Option<String>| v.unwrap_or_default();
        let num = |v: Option<u32>| opt(v.map(|v| v.to_string()));
        let (low, high, reports) = match r.occurrence {
            Some(o) => (o.fatalities_low, o.fatalities_high, o.reports.join("; ")),
            None => (e.fatalities, e.fatalities, e.report_title.clone()),
        };
        let record: Vec<String> = vec![
            r.id.to_string(),
            e.event_date.date.format("%Y-%m-%d").to_string(),
            e.event_date.year_value().to_string(),
            (if e.date_precision == DatePrecision::Day {
                "1"
            } else {
                "3"
            })
            .into(),
            disorder_type(e.event_type).into(),
            e.event_type.as_str().into(),
            e.sub_event_type.as_str().into(),
            opt(e.actor1.clone()),
            String::new(),
            opt(i1.map(|v| v.to_string())),
            opt(e.actor2.clone()),
            String::new(),
            opt(i2.map(|v| v.to_string())),
            interaction,
            (if e.civilian_targeting {
                "Civilian targeting"
            } else {
                ""
            })
            .into(),
            opt(country.and_then(|c| c.iso_numeric).map(|n| n.to_string())),
            acled_region(&e.country).unwrap_or_default().into(),
            country
                .map(|c| c.name.clone())
                .unwrap_or_else(|| e.country.clone()),
            opt(r.admin1.map(String::from)),
            String::new(),
            String::new(),
            e.location.clone(),
            opt(e.latitude.map(|v| format!("{v:.4}"))),
            opt(e.longitude.map(|v| format!("{v:.4}"))),
            acled_geo_precision(e).into(),
            source,
            String::new(),
            notes.join(" "),
            opt(e.fatalities.map(|v| v.to_string())),
            tags.join("; "),
            opt(r.timestamp.map(|t| t.to_string())),
            num(low),
            num(high),
            num(e.injuries),
            reports,
        ];
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

/// A GeoJSON FeatureCollection (RFC 7946): one Feature per event, a Point
/// at its coordinates (null geometry when only the country is known), the
/// event's fields as properties.
pub fn write_geojson(out: &mut dyn Write, rows: &[Row<'_>]) -> io::Result<()> {
    let features: Vec<Value> = rows
        .iter()
        .map(|r| {
            let e = r.event;
            let geometry = match (e.latitude, e.longitude) {
                (Some(lat), Some(lon)) => json!({ "type": "Point", "coordinates": [lon, lat] }),
                _ => Value::Null,
            };
            let mut props = match serde_json::to_value(e) {
                Ok(Value::Object(m)) => m,
                _ => serde_json::Map::new(),
            };
            props.remove("evidence");
            props.insert("sources".into(), json!(sources(e)));
            props.insert("admin1".into(), json!(r.admin1));
            props.insert("id".into(), json!(r.id));
            if let Some(Value::Object(o)) = r.occurrence.and_then(|o| serde_json::to_value(o).ok())
            {
                props.extend(o);
            }
            json!({ "type": "Feature", "id": r.id, "geometry": geometry, "properties": props })
        })
        .collect();
    let fc = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_writer(&mut *out, &fc)?;
    out.write_all(b"\n")
}

/// Events grouped by report title, in first-seen order (for STIX reports).
pub(crate) fn by_report<'a>(rows: &'a [Row<'a>]) -> Vec<(&'a str, Vec<&'a Row<'a>>)> {
    let mut order: Vec<&str> = Vec::new();
    let mut groups: BTreeMap<&str, Vec<&Row<'_>>> = BTreeMap::new();
    for r in rows {
        let t = r.event.report_title.as_str();
        if !groups.contains_key(t) {
            order.push(t);
        }
        groups.entry(t).or_default().push(r);
    }
    order
        .into_iter()
        .map(|t| (t, groups.remove(t).unwrap_or_default()))
        .collect()
}
