//! Reading stored records back: for the linker (the filter columns a
//! merge test reads) and for queries (whole events).

use super::sql_error;
use crate::{Error, Result};
use watchfloor_model::Event;

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
        let sub_event_type = watchfloor_model::SubEventType::parse(&c.0)
            .ok_or_else(|| corrupt(format!("sub-event type {}", c.0)))?;
        let event_date: watchfloor_model::PartialDate =
            date.parse().map_err(|e| corrupt(format!("{e}")))?;
        let event = Event {
            report_title: report_title.clone(),
            event_type,
            sub_event_type,
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
