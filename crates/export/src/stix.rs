//! STIX 2.1 bundles.
//!
//! Mapping: each actor is a `threat-actor` (civilians, ACLED inter code 7,
//! are an `identity` of class `group`: they are targets, not threats); each
//! place a `location` (ISO alpha-2 country, coordinates); each event a
//! `note` describing it (STIX has no event object) that refers to its actors
//! and place, plus `relationship`s actor1 → place (`targets`) and actor1 →
//! actor2 (`targets` an identity, `related-to` another threat actor); each
//! report title a `report` whose `object_refs` list all of that.
//!
//! Ids are UUIDv5 under [`STIX_NAMESPACE`] of a stable key, and timestamps
//! come from event dates, so exporting the same events twice gives the same
//! bundle byte for byte.

use crate::{by_report, sources, stance_verb, Context, Row};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};
use uuid::Uuid;
use watchfloor_model::Event;

/// The namespace of every watchfloor STIX id. Never change it: ids would change.
pub const STIX_NAMESPACE: Uuid = Uuid::from_u128(0x7d1f_4a2c_9b3e_4f6a_8c5d_2e1b_0a9f_3c47);

/// `<type>--<uuid v5 of key>`.
pub fn stix_id(kind: &str, key: &str) -> String {
    format!(
        "{kind}--{}",
        Uuid::new_v5(&STIX_NAMESPACE, format!("{kind}|{key}").as_bytes())
    )
}

fn timestamp(e: &Event) -> String {
    format!("{}T00:00:00.000Z", e.event_date.date.format("%Y-%m-%d"))
}

fn threat_actor_types(inter: Option<u8>) -> &'static str {
    match inter {
        Some(1) | Some(8) => "nation-state",
        Some(5) | Some(6) => "activist",
        _ => "unknown",
    }
}

/// Writes one STIX 2.1 bundle of `rows`.
pub fn write_stix(out: &mut dyn Write, rows: &[Row<'_>], ctx: &Context) -> io::Result<()> {
    // id → object; BTreeMap keeps the output ordered and deduplicated.
    let mut objects: BTreeMap<String, Value> = BTreeMap::new();
    // Earliest and latest timestamp each shared object is seen with.
    let mut seen: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut touch = |id: &str, ts: &str| {
        let e = seen
            .entry(id.to_string())
            .or_insert_with(|| (ts.to_string(), ts.to_string()));
        if *ts < *e.0 {
            e.0 = ts.to_string();
        }
        if *ts > *e.1 {
            e.1 = ts.to_string();
        }
    };
    let actor_ref = |name: &str| -> (String, bool) {
        let info = ctx.actors.get(name);
        let civilian = info.and_then(|i| i.inter) == Some(7);
        (
            stix_id(if civilian { "identity" } else { "threat-actor" }, name),
            civilian,
        )
    };
    let mut occurrences: BTreeMap<String, usize> = BTreeMap::new();
    let mut report_refs: Vec<(String, Vec<String>, String)> = Vec::new();
    for (title, group) in by_report(rows) {
        let mut refs: Vec<String> = Vec::new();
        let mut published = String::new();
        for r in group {
            let e = r.event;
            let ts = timestamp(e);
            if ts > published {
                published = ts.clone();
            }
            // Actors.
            let mut actor_ids = Vec::new();
            for name in e.actor1.iter().chain(e.actor2.iter()) {
                let (id, civilian) = actor_ref(name);
                touch(&id, &ts);
                if !objects.contains_key(&id) {
                    let info = ctx.actors.get(name.as_str());
                    let mut o = if civilian {
                        json!({ "type": "identity", "spec_version": "2.1", "id": id, "name": name,
                                "identity_class": "group" })
                    } else {
                        json!({ "type": "threat-actor", "spec_version": "2.1", "id": id, "name": name,
                                "threat_actor_types": [threat_actor_types(info.and_then(|i| i.inter))] })
                    };
                    if let Some(aliases) = info.map(|i| &i.aliases).filter(|a| !a.is_empty()) {
                        if !civilian {
                            o["aliases"] = json!(aliases);
                        }
                    }
                    objects.insert(id.clone(), o);
                }
                actor_ids.push(id);
            }
            // Place.
            let place_key = format!(
                "{}|{}|{:?}|{:?}",
                e.country, e.location, e.latitude, e.longitude
            );
            let loc_id = stix_id("location", &place_key);
            touch(&loc_id, &ts);
            if !objects.contains_key(&loc_id) {
                let mut o = json!({ "type": "location", "spec_version": "2.1", "id": loc_id, "name": e.location,
                                    "country": e.country.to_ascii_uppercase() });
                if let Some(a) = r.admin1 {
                    o["administrative_area"] = json!(a);
                }
                if let (Some(lat), Some(lon)) = (e.latitude, e.longitude) {
                    o["latitude"] = json!(lat);
                    o["longitude"] = json!(lon);
                }
                objects.insert(loc_id.clone(), o);
            }
            // The event: a note; identical events in one report are told apart by count.
            let key = format!(
                "{}|{}|{}|{}|{}|{}|{}|{}",
                e.report_title,
                e.event_type.as_str(),
                e.sub_event_type,
                e.event_date,
                e.country,
                e.location,
                e.actor1.as_deref().unwrap_or(""),
                e.actor2.as_deref().unwrap_or("")
            );
            let n = occurrences.entry(key.clone()).or_insert(0);
            *n += 1;
            // An occurrence is keyed by its citable id, so a correction or
            // a new report telling it updates the same note; a per-report
            // record by what it says.
            let key = match r.occurrence {
                Some(_) => format!("occurrence|{}", r.id),
                None => format!("{key}|{n}"),
            };
            let note_id = stix_id("note", &key);
            let figure = |label: &str, v: Option<u32>| {
                v.map(|v| format!(" {v} {label}.")).unwrap_or_default()
            };
            let claims: Vec<String> = e
                .claims
                .iter()
                .map(|c| format!("{} {}", stance_verb(c.stance), c.by))
                .collect();
            let content = format!(
                "{} / {} on {} at {} ({}): {} against {}.{}{}{}{}",
                e.event_type.as_str(),
                e.sub_event_type,
                e.event_date,
                e.location,
                e.country,
                e.actor1.as_deref().unwrap_or("an unknown actor"),
                e.actor2.as_deref().unwrap_or("no named target"),
                figure("killed", e.fatalities),
                figure("injured", e.injuries),
                if e.civilian_targeting {
                    " Civilians were targeted."
                } else {
                    ""
                },
                if claims.is_empty() {
                    String::new()
                } else {
                    format!(" {}.", claims.join("; "))
                },
            );
            let mut note_refs = actor_ids.clone();
            note_refs.push(loc_id.clone());
            let mut note = json!({ "type": "note", "spec_version": "2.1", "id": note_id, "created": ts, "modified": ts,
                                   "x_watchfloor_id": r.id,
                                   "abstract": format!("{} in {}", e.sub_event_type, e.location),
                                   "content": content, "object_refs": note_refs });
            let srcs = sources(e);
            if !srcs.is_empty() {
                note["external_references"] = json!(srcs
                    .iter()
                    .map(|s| json!({ "source_name": "citation", "description": s }))
                    .collect::<Vec<_>>());
            }
            objects.insert(note_id.clone(), note);
            refs.push(note_id);
            // Relationships from the acting side.
            if let Some(a1) = &e.actor1 {
                let (src, src_civilian) = actor_ref(a1);
                if !src_civilian {
                    let mut rel = |kind: &str, target: &str, what: &str| {
                        let id = stix_id("relationship", &format!("{key}|{kind}|{target}"));
                        objects.insert(
                            id.clone(),
                            json!({ "type": "relationship", "spec_version": "2.1", "id": id, "created": ts,
                                    "modified": ts, "relationship_type": kind, "source_ref": src,
                                    "target_ref": target, "start_time": ts,
                                    "description": format!("{} ({}) {what}", e.sub_event_type, e.event_date) }),
                        );
                        refs.push(id);
                    };
                    rel("targets", &loc_id, &format!("at {}", e.location));
                    if let Some(a2) = &e.actor2 {
                        let (dst, civilian) = actor_ref(a2);
                        if dst != src {
                            rel(
                                if civilian { "targets" } else { "related-to" },
                                &dst,
                                &format!("against {a2}"),
                            );
                        }
                    }
                }
            }
            refs.extend(actor_ids);
            refs.push(loc_id);
        }
        refs.sort();
        refs.dedup();
        report_refs.push((title.to_string(), refs, published));
    }
    // Shared objects get the first and last dates they were seen on.
    for (id, (created, modified)) in &seen {
        if let Some(o) = objects.get_mut(id) {
            o["created"] = json!(created);
            o["modified"] = json!(modified);
        }
    }
    for (title, refs, published) in report_refs {
        let id = stix_id("report", &title);
        objects.insert(
            id.clone(),
            json!({ "type": "report", "spec_version": "2.1", "id": id, "created": published, "modified": published,
                    "name": title, "published": published, "report_types": ["threat-report"],
                    "object_refs": refs }),
        );
    }
    let ids: Vec<&str> = objects.keys().map(String::as_str).collect();
    let bundle = json!({
        "type": "bundle",
        "id": stix_id("bundle", &ids.join(",")),
        "objects": objects.into_values().collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &bundle)?;
    out.write_all(b"\n")
}
