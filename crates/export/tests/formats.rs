//! Each format is read back with an independent reader and checked.

use regex::Regex;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use watchfloor_export::{
    write, ActorInfo, Context, CountryInfo, Format, Occurrence, Row, ACLED_COLUMNS, EXTRA_COLUMNS,
};
use watchfloor_model::{Claim, Event, EventType, Evidence, PartialDate, Section, Span, Stance};

fn event(
    title: &str,
    date: &str,
    place: (&str, Option<(f64, f64)>),
    a1: Option<&str>,
    a2: Option<&str>,
    dead: Option<u32>,
) -> Event {
    let d: PartialDate = date.parse().unwrap();
    Event {
        report_title: title.into(),
        event_type: EventType::Battles,
        sub_event_type: watchfloor_model::SubEventType::ArmedClash,
        event_date: d,
        date_precision: d.precision,
        country: "ZZ".into(),
        location: place.0.into(),
        latitude: place.1.map(|p| p.0),
        longitude: place.1.map(|p| p.1),
        admin1: None,
        geo_precision: Some(
            if place.1.is_some() {
                "exact"
            } else {
                "country"
            }
            .into(),
        ),
        actor1: a1.map(Into::into),
        actor2: a2.map(Into::into),
        fatalities: dead,
        injuries: Some(3),
        civilian_targeting: a2 == Some("Civilians (Zedland)"),
        claims: vec![Claim {
            by: "River Militia".into(),
            stance: Stance::Claim,
            sentence: None,
        }],
        evidence: vec![Evidence {
            span: Span::new(10, 40),
            text: "Militia fighters, \"well armed\", attacked the ford.".into(),
            section: Section::Excerpt { source: 0 },
            source: Some("\u{201c}Ford attack,\u{201d} Valley Courier, 2 May 2031.".into()),
        }],
    }
}

fn sample() -> Vec<Event> {
    vec![
        event(
            "Fighting at the Ford",
            "2031-05-02",
            ("Ford, Upper", Some((10.5, 20.25))),
            Some("River Militia"),
            Some("Zedland Army"),
            Some(12),
        ),
        event(
            "Fighting at the Ford",
            "2031-05",
            ("Zedland", None),
            Some("River Militia"),
            Some("Civilians (Zedland)"),
            None,
        ),
        event(
            "Second Report",
            "2031-05-03",
            ("Ford, Upper", Some((10.5, 20.25))),
            None,
            None,
            Some(0),
        ),
    ]
}

fn ctx() -> Context {
    let mut c = Context::default();
    c.countries.insert(
        "ZZ".into(),
        CountryInfo {
            name: "Zedland".into(),
            iso3: "ZZL".into(),
            iso_numeric: Some(999),
        },
    );
    c.actors.insert(
        "River Militia".into(),
        ActorInfo {
            aliases: vec!["RM".into()],
            inter: Some(3),
            affiliation: None,
        },
    );
    c.actors.insert(
        "Zedland Army".into(),
        ActorInfo {
            aliases: vec![],
            inter: Some(1),
            affiliation: None,
        },
    );
    c.actors.insert(
        "Civilians (Zedland)".into(),
        ActorInfo {
            aliases: vec![],
            inter: Some(7),
            affiliation: None,
        },
    );
    c
}

const IDS: [&str; 3] = ["ZZL1", "ZZL2", "ZZL3"];

/// The first sample event as an occurrence told by two reports.
fn told_twice() -> Occurrence {
    Occurrence {
        fatalities_low: Some(10),
        fatalities_high: Some(14),
        reports: vec!["Fighting at the Ford".into(), "Ford clash".into()],
        records: 2,
        notes: vec!["checked with a second source (alice, 2031-05-04)".into()],
        ..Occurrence::default()
    }
}

/// `events` (the sample's, in any order) with the sample's ids: an id
/// belongs to its event wherever it comes in the list.
fn render(format: Format, events: &[Event]) -> String {
    let occurrence = told_twice();
    let base = sample();
    let rows: Vec<Row<'_>> = events
        .iter()
        .map(|e| {
            let i = base.iter().position(|b| b == e).expect("a sample event");
            Row {
                id: IDS[i],
                event: e,
                admin1: Some("Upper Province"),
                timestamp: (i == 0).then_some(1_950_000_000),
                occurrence: (i == 0).then_some(&occurrence),
            }
        })
        .collect();
    let mut out = Vec::new();
    write(format, &mut out, &rows, &ctx()).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn jsonl_round_trips_through_serde() {
    let events = sample();
    let text = render(Format::Jsonl, &events);
    let back: Vec<Event> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, events);
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["event_type"], "Battles");
    assert_eq!(first["event_date"], "2031-05-02");
    // The citable id first, and what the occurrence adds.
    assert!(text.starts_with("{\"id\":\"ZZL1\","), "{text}");
    assert_eq!(
        (
            first["fatalities_low"].as_u64(),
            first["fatalities_high"].as_u64()
        ),
        (Some(10), Some(14))
    );
    assert_eq!(first["reports"].as_array().unwrap().len(), 2);
    let second: Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert!(
        second.get("reports").is_none(),
        "a record has no occurrence fields"
    );
}

#[test]
fn csv_has_acled_columns_and_reads_back() {
    let text = render(Format::Csv, &sample());
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[..ACLED_COLUMNS.len()], *ACLED_COLUMNS);
    assert_eq!(headers[ACLED_COLUMNS.len()..], *EXTRA_COLUMNS);
    let rows: Vec<HashMap<String, String>> = r.deserialize().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let a = &rows[0];
    assert_eq!(a["event_id_cnty"], "ZZL1");
    assert_eq!(a["event_date"], "2031-05-02");
    assert_eq!(a["time_precision"], "1");
    assert_eq!(a["disorder_type"], "Political violence");
    assert_eq!(a["location"], "Ford, Upper");
    assert_eq!(a["admin1"], "Upper Province");
    assert_eq!(a["country"], "Zedland");
    assert_eq!(
        (
            a["inter1"].as_str(),
            a["inter2"].as_str(),
            a["interaction"].as_str()
        ),
        ("3", "1", "13")
    );
    assert_eq!(a["fatalities"], "12");
    assert!(a["notes"].contains("\"well armed\""));
    assert!(a["notes"].contains("[Analyst note: checked with a second source"));
    assert_eq!(
        (a["fatalities_low"].as_str(), a["fatalities_high"].as_str()),
        ("10", "14")
    );
    assert_eq!(a["reports"], "Fighting at the Ford; Ford clash");
    assert!(a["source"].contains("Valley Courier"));
    assert_eq!(a["tags"], "claimed by River Militia");
    assert_eq!(
        (a["iso"].as_str(), a["timestamp"].as_str()),
        ("999", "1950000000")
    );
    // Zedland is in no ACLED region.
    assert_eq!(a["region"], "");
    let b = &rows[1];
    assert_eq!(
        (
            b["time_precision"].as_str(),
            b["event_date"].as_str(),
            b["fatalities"].as_str()
        ),
        ("3", "2031-05-01", "")
    );
    assert_eq!(
        (b["latitude"].as_str(), b["geo_precision"].as_str()),
        ("", "3")
    );
    assert_eq!(b["civilian_targeting"], "Civilian targeting");
    assert_eq!(rows[2]["fatalities"], "0");
    assert_eq!(rows[2]["timestamp"], "");
}

#[test]
fn acled_regions_follow_acled_groupings() {
    use watchfloor_export::acled_region;
    assert_eq!(acled_region("ML"), Some("Western Africa"));
    assert_eq!(acled_region("cd"), Some("Middle Africa"));
    assert_eq!(acled_region("SD"), Some("Northern Africa"));
    assert_eq!(acled_region("SS"), Some("Eastern Africa"));
    assert_eq!(acled_region("IR"), Some("Middle East"));
    assert_eq!(acled_region("AF"), Some("South Asia"));
    assert_eq!(acled_region("MX"), Some("Central America"));
    assert_eq!(acled_region("AZ"), Some("Caucasus and Central Asia"));
    assert_eq!(acled_region("ZZ"), None);
}

#[test]
fn geojson_is_a_feature_collection_of_points() {
    let v: Value = serde_json::from_str(&render(Format::Geojson, &sample())).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 3);
    assert_eq!(f[0]["type"], "Feature");
    assert_eq!(f[0]["geometry"]["type"], "Point");
    // RFC 7946: longitude first.
    assert_eq!(
        f[0]["geometry"]["coordinates"],
        serde_json::json!([20.25, 10.5])
    );
    assert!(f[1]["geometry"].is_null());
    assert_eq!(f[0]["properties"]["actor1"], "River Militia");
    assert_eq!(f[0]["properties"]["fatalities"], 12);
    assert!(f[0]["properties"].get("evidence").is_none());
    assert_eq!(f[0]["id"], "ZZL1");
    assert_eq!(f[0]["properties"]["fatalities_high"], 14);
}

/// Checks the STIX 2.1 rules this exporter relies on (spec sections 2.x and 4–5).
fn validate_stix(bundle: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let uuid = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    let id_re = Regex::new(&format!("^([a-z0-9-]+)--{uuid}$")).unwrap();
    let ts_re = Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$").unwrap();
    let vocab_re = Regex::new(r"^[a-z0-9-]+$").unwrap();
    if bundle["type"] != "bundle" || !id_re.is_match(bundle["id"].as_str().unwrap_or("")) {
        errors.push("bundle type or id".into());
    }
    let objects = bundle["objects"].as_array().cloned().unwrap_or_default();
    let ids: HashSet<&str> = objects.iter().filter_map(|o| o["id"].as_str()).collect();
    if ids.len() != objects.len() {
        errors.push("duplicate ids".into());
    }
    for o in &objects {
        let t = o["type"].as_str().unwrap_or("");
        let id = o["id"].as_str().unwrap_or("");
        let mut err = |m: &str| errors.push(format!("{id}: {m}"));
        if o["spec_version"] != "2.1" {
            err("spec_version must be 2.1");
        }
        match id_re.captures(id) {
            Some(c) if &c[1] == t => {
                let u = uuid::Uuid::parse_str(id.rsplit("--").next().unwrap()).unwrap();
                if u.get_version_num() != 5 {
                    err("id is not a UUIDv5");
                }
            }
            _ => err("id is not <type>--<uuid>"),
        }
        let (c, m) = (
            o["created"].as_str().unwrap_or(""),
            o["modified"].as_str().unwrap_or(""),
        );
        if !ts_re.is_match(c) || !ts_re.is_match(m) || m < c {
            err("created/modified must be millisecond RFC 3339 UTC with modified >= created");
        }
        let s = |k: &str| o[k].as_str().is_some_and(|v| !v.is_empty());
        let refs_ok = |k: &str| {
            o[k].as_array().is_some_and(|a| {
                !a.is_empty() && a.iter().all(|r| ids.contains(r.as_str().unwrap_or("")))
            })
        };
        match t {
            "threat-actor" => {
                if !s("name") || !o["threat_actor_types"].is_array() {
                    err("threat-actor needs name and threat_actor_types");
                }
            }
            "identity" => {
                if !s("name") || !s("identity_class") {
                    err("identity needs name");
                }
            }
            "location" => {
                let has_point = o["latitude"].is_f64() && o["longitude"].is_f64();
                if !(s("region") || s("country") || has_point) {
                    err("location needs region, country or coordinates");
                }
                if o["latitude"].is_f64() != o["longitude"].is_f64() {
                    err("latitude and longitude go together");
                }
                if o["latitude"].as_f64().is_some_and(|v| v.abs() > 90.0) {
                    err("latitude out of range");
                }
            }
            "note" => {
                if !s("content") || !refs_ok("object_refs") {
                    err("note needs content and resolvable object_refs");
                }
            }
            "relationship" => {
                if !vocab_re.is_match(o["relationship_type"].as_str().unwrap_or("")) {
                    err("bad relationship_type");
                }
                for k in ["source_ref", "target_ref"] {
                    if !ids.contains(o[k].as_str().unwrap_or("")) {
                        err("dangling ref");
                    }
                }
            }
            "report" => {
                if !s("name")
                    || !ts_re.is_match(o["published"].as_str().unwrap_or(""))
                    || !refs_ok("object_refs")
                {
                    err("report needs name, published and resolvable object_refs");
                }
            }
            other => err(&format!("unexpected type {other}")),
        }
    }
    errors
}

#[test]
fn stix_bundle_is_valid_and_stable() {
    let text = render(Format::Stix, &sample());
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(validate_stix(&bundle), Vec::<String>::new());
    let objects = bundle["objects"].as_array().unwrap();
    let count = |t: &str| objects.iter().filter(|o| o["type"] == t).count();
    assert_eq!(
        (
            count("threat-actor"),
            count("identity"),
            count("report"),
            count("note")
        ),
        (2, 1, 2, 3)
    );
    assert_eq!(count("location"), 2);
    let militia = objects
        .iter()
        .find(|o| o["name"] == "River Militia")
        .unwrap();
    assert_eq!(militia["aliases"], serde_json::json!(["RM"]));
    assert_eq!(militia["created"], "2031-05-01T00:00:00.000Z");
    assert_eq!(militia["modified"], "2031-05-02T00:00:00.000Z");
    // Same input, same bytes; ids survive reordering of the rows.
    assert_eq!(render(Format::Stix, &sample()), text);
    let mut reversed = sample();
    reversed.reverse();
    let again: Value = serde_json::from_str(&render(Format::Stix, &reversed)).unwrap();
    let ids = |b: &Value| {
        b["objects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_string())
            .collect::<HashSet<_>>()
    };
    assert_eq!(ids(&again), ids(&bundle));
}

#[test]
fn the_validator_catches_broken_objects() {
    let bad = serde_json::json!({ "type": "bundle", "id": "bundle--00000000-0000-5000-8000-000000000000", "objects": [
        { "type": "note", "spec_version": "2.0", "id": "note--nope", "created": "2031-05-01", "modified": "2031-05-01",
          "content": "", "object_refs": ["location--missing"] }
    ]});
    let errors = validate_stix(&bad);
    assert!(errors.len() >= 4, "{errors:?}");
}

#[test]
fn parquet_reads_back_with_the_parquet_reader() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let events = sample();
    let rows: Vec<Row<'_>> = events
        .iter()
        .enumerate()
        .map(|(i, e)| Row {
            id: IDS[i],
            event: e,
            admin1: None,
            timestamp: None,
            occurrence: None,
        })
        .collect();
    let mut out = Vec::new();
    write(Format::Parquet, &mut out, &rows, &ctx()).unwrap();
    assert_eq!(&out[..4], b"PAR1");
    let reader = SerializedFileReader::new(bytes::Bytes::from(out)).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 3);
    let group = reader.metadata().row_group(0);
    assert!((0..group.num_columns())
        .all(|c| group.column(c).compression() == parquet::basic::Compression::SNAPPY));
    let records: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let get = |i: usize, name: &str| -> Field {
        records[i]
            .get_column_iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, f)| f.clone())
            .unwrap()
    };
    assert_eq!(get(0, "id"), Field::Str("ZZL1".into()));
    assert_eq!(
        get(0, "fatalities_low"),
        Field::Int(12),
        "a record's range is its own figure"
    );
    match get(0, "reports") {
        Field::Str(s) => assert_eq!(s, "[\"Fighting at the Ford\"]"),
        other => panic!("reports is {other:?}"),
    }
    assert_eq!(
        get(0, "report_title"),
        Field::Str("Fighting at the Ford".into())
    );
    assert_eq!(get(0, "event_type"), Field::Str("Battles".into()));
    assert_eq!(get(0, "latitude"), Field::Double(10.5));
    assert_eq!(get(1, "latitude"), Field::Null);
    assert_eq!(get(0, "fatalities"), Field::Int(12));
    assert_eq!(get(1, "fatalities"), Field::Null);
    assert_eq!(get(1, "date_precision"), Field::Str("month".into()));
    // 2031-05-02 is day 22401 of the Unix epoch.
    assert_eq!(get(0, "event_day"), Field::Date(22401));
    assert_eq!(get(1, "civilian_targeting"), Field::Bool(true));
    match get(0, "claims") {
        Field::Str(s) => assert_eq!(
            serde_json::from_str::<Value>(&s).unwrap()[0]["by"],
            "River Militia"
        ),
        other => panic!("claims is {other:?}"),
    }
}
