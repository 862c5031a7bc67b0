//! The `events` and `entities` commands, run as a user runs them: the built
//! binary on the example reports. Needs the generated gazetteer
//! (`scripts/fetch-data.sh`).

use std::process::Command;

fn watchfloor(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_watchfloor"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("watchfloor runs")
}

#[test]
fn events_writes_the_guidelines_json_lines() {
    let out = watchfloor(&["events", "examples", "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let events: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(events.len() >= 8, "{} events", events.len());
    for e in &events {
        for field in [
            "report_title",
            "event_type",
            "sub_event_type",
            "event_date",
            "date_precision",
            "country",
            "location",
            "latitude",
            "longitude",
            "actor1",
            "actor2",
            "fatalities",
            "injuries",
            "civilian_targeting",
            "claims",
            "evidence",
        ] {
            assert!(e.get(field).is_some(), "{field} missing in {e}");
        }
        let precision = e["date_precision"].as_str().unwrap();
        let date = e["event_date"].as_str().unwrap();
        assert_eq!(
            date.len(),
            if precision == "day" { 10 } else { 7 },
            "{date} at {precision}"
        );
        assert_eq!(e["country"].as_str().unwrap().len(), 2);
        assert!(
            !e["evidence"].as_array().unwrap().is_empty(),
            "every event keeps its sentences"
        );
    }
    // The Mogadishu bombing, with its claim and its sentences' file spans.
    let bomb = events
        .iter()
        .find(|e| {
            e["location"]
                .as_str()
                .is_some_and(|l| l.contains("Mogadishu"))
        })
        .expect("the Mogadishu bombing");
    let claims = bomb["claims"].as_array().unwrap();
    assert!(
        claims
            .iter()
            .any(|c| c["by"] == "Al-Shabaab" && c["stance"] == "claim"),
        "{claims:?}"
    );
    let span = bomb["evidence"][0]["span"].as_array().unwrap();
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/horn-of-africa.txt"
    ))
    .unwrap();
    let (start, end) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &file[start..end],
        bomb["evidence"][0]["text"].as_str().unwrap()
    );
}

#[test]
fn events_table_is_for_people() {
    let out = watchfloor(&["events", "examples/lake-chad.txt", "--format", "table"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().next().unwrap().starts_with("date"));
    assert!(text.contains("Monguno"), "{text}");
}

#[test]
fn a_bad_file_fails_with_its_name_and_the_others_still_count() {
    let dir = std::env::temp_dir().join(format!("watchfloor-events-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.txt"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/lake-chad.txt");
    std::fs::copy(example, dir.join("lake-chad.txt")).unwrap();
    let out = watchfloor(&["events", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.txt"), "{stderr}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        2,
        "the good file's events still print"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let out = watchfloor(&["events", "examples", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn entities_lists_resolved_mentions_with_file_spans() {
    let out = watchfloor(&[
        "entities",
        "examples/horn-of-africa.txt",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mentions: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/horn-of-africa.txt"
    ))
    .unwrap();
    for m in &mentions {
        let span = m["span"].as_array().unwrap();
        let (start, end) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&file[start..end], m["surface"].as_str().unwrap(), "{m}");
    }
    let kinds = |kind: &str| mentions.iter().filter(|m| m["kind"] == kind).count();
    assert!(kinds("actor") > 0 && kinds("place") > 0 && kinds("date") > 0 && kinds("figure") > 0);
    let baidoa = mentions
        .iter()
        .find(|m| m["surface"] == "Baidoa")
        .expect("Baidoa is found");
    assert_eq!(baidoa["place"]["country"], "SO");
    let shabaab = mentions
        .iter()
        .find(|m| m["kind"] == "actor" && m["surface"] == "Al-Shabaab")
        .unwrap();
    assert_eq!(shabaab["resolved"], "Al-Shabaab");
}
