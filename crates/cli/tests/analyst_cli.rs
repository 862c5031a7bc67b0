//! The analyst's daily loop through the binary: one row per occurrence
//! under a citable id, sources as filters, corrections that outlive
//! re-ingest and relink, watchlists, and the everyday habits (country and
//! actor names, tables that fit, warnings naming their file, grouped
//! stats). Reports are generated (`common::report`). Needs the generated
//! gazetteer (`scripts/fetch-data.sh`).

mod common;
use common::{ok, report, run};
use serde_json::Value;
use std::path::Path;

fn write(dir: &Path, name: &str, text: String) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

/// Lines of JSON.
fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The id of the one occurrence at `location`.
fn id_at(db: &str, location: &str) -> String {
    let found: Vec<Value> = lines(&ok(&["events", "--db", db]))
        .into_iter()
        .filter(|e| e["location"] == location)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn occurrences_by_default_with_ids_in_every_output_and_sources_as_filters() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let field = dir.path().join("field");
    let a = write(&demo, "a.txt", report(1, "Gao", "Malian", 2, 12));
    write(&demo, "b.txt", report(2, "Gao", "Malian", 2, 15));
    write(&field, "c.txt", report(3, "Maiduguri", "Nigerian", 5, 4));
    let db = dir.path().join("w.db");
    let db = db.to_str().unwrap();
    ok(&[
        "ingest",
        "--db",
        db,
        "--collection",
        "demo",
        demo.to_str().unwrap(),
    ]);
    ok(&[
        "ingest",
        "--db",
        db,
        "--collection",
        "field",
        field.to_str().unwrap(),
    ]);

    // One row per occurrence, told by both reports, under its id.
    let gao = id_at(db, "Gao");
    assert!(gao.starts_with("MLI"), "{gao}");
    let table = ok(&["events", "--db", db, "--format", "table", "--width", "200"]);
    assert_eq!(table.lines().count(), 1 + 2, "{table}");
    let row = table.lines().find(|l| l.contains("Gao")).unwrap();
    assert!(
        row.starts_with(&gao) && row.contains("(+1)") && row.contains("12 (12-15)"),
        "{row}"
    );
    let records = ok(&[
        "events",
        "--db",
        db,
        "--format",
        "table",
        "--per-report",
        "--width",
        "200",
    ]);
    assert_eq!(
        records.lines().filter(|l| l.starts_with(&gao)).count(),
        2,
        "{records}"
    );
    // The id in every export.
    let csv = ok(&["export", "--format", "csv", "--db", db]);
    assert!(
        csv.lines().any(|l| l.starts_with(&format!("{gao},"))),
        "{csv}"
    );
    let geo: Value =
        serde_json::from_str(&ok(&["export", "--format", "geojson", "--db", db])).unwrap();
    assert!(geo["features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == gao.as_str()));
    let stix = ok(&["export", "--format", "stix", "--db", db]);
    assert!(
        stix.contains(&format!("\"x_watchfloor_id\": \"{gao}\"")),
        "{stix}"
    );
    // `event` takes the id in any case, or one of its records.
    let shown = ok(&["event", &gao.to_lowercase(), "--db", db]);
    assert!(shown.starts_with(&format!("{gao}: Battles")), "{shown}");
    let record = records
        .lines()
        .find(|l| l.starts_with(&gao))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap();
    assert!(ok(&["event", record, "--db", db]).starts_with(&gao));

    // Sources as filters, in every listing.
    let count = |extra: &[&str]| {
        let mut args = vec!["events", "--db", db];
        args.extend(extra);
        ok(&args).lines().count()
    };
    assert_eq!(count(&["--collection", "demo"]), 1);
    assert_eq!(count(&["--collection", "field"]), 1);
    assert_eq!(count(&["--source", "example daily"]), 2);
    assert_eq!(count(&["--file", &a]), 1);
    assert_eq!(
        count(&["--file", field.to_str().unwrap()]),
        1,
        "a directory names its files"
    );
    assert_eq!(count(&["--report", "Maiduguri"]), 1);
    assert_eq!(count(&["--report", "Maiduguri", "--country", "Mali"]), 0);
    let csv = ok(&[
        "export",
        "--format",
        "csv",
        "--db",
        db,
        "--collection",
        "field",
    ]);
    assert_eq!(csv.lines().count(), 2);
    let hits = ok(&["search", "dawn", "--db", db, "--json"]);
    assert_eq!(hits.lines().count(), 3, "{hits}");
    let hits = ok(&[
        "search",
        "dawn",
        "--db",
        db,
        "--json",
        "--collection",
        "field",
    ]);
    assert_eq!(hits.lines().count(), 1, "{hits}");
    assert!(hits.contains("Maiduguri"), "{hits}");
    let bad = run(&["events", "--db", db, "--collection", "dem"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean demo"));
}

#[test]
fn an_edit_survives_reingest_and_relink() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    let a = write(&reports, "a.txt", report(1, "Gao", "Malian", 2, 12));
    write(&reports, "b.txt", report(2, "Gao", "Malian", 2, 15));
    let db = dir.path().join("w.db");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--db", db, reports.to_str().unwrap()]);
    let gao = id_at(db, "Gao");
    let out = ok(&[
        "edit",
        &gao,
        "--db",
        db,
        "--by",
        "alice",
        "--set",
        "actor1=JNIM",
        "--set",
        "fatalities=20",
        "--note",
        "The army's own toll, from its statement.",
    ]);
    assert!(out.contains("fatalities: 12 -> 20"), "{out}");
    let jnim = "JNIM";
    let check = |why: &str| {
        let shown = ok(&["event", &gao, "--db", db]);
        assert!(
            shown.contains(&format!("actor1      {jnim}")),
            "{why}: {shown}"
        );
        assert!(
            shown.contains("fatalities  20   (set by alice"),
            "{why}: {shown}"
        );
        assert!(
            shown.contains("alice       note: The army's own toll"),
            "{why}: {shown}"
        );
        let e = &lines(&ok(&["events", "--db", db, "--actor", "JNIM"]))[0];
        assert_eq!(
            (e["id"].as_str(), e["fatalities"].as_u64()),
            (Some(gao.as_str()), Some(20)),
            "{why}"
        );
        shown
    };
    check("after the edit");

    // The first report is re-written with another toll: its records are
    // replaced, the coder's best figure moves, the correction stands and
    // `event` says the coder disagrees.
    std::fs::write(&a, report(1, "Gao", "Malian", 2, 25)).unwrap();
    let out = run(&["ingest", "--db", db, &a]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 changed"));
    let shown = check("after re-ingest");
    assert!(
        shown.contains("! fatalities: the coder now says 15 (it said 12 when alice set 20)"),
        "{shown}"
    );
    let out = run(&["relink", "--db", db]);
    assert!(out.status.success());
    check("after relink");

    // The export carries the correction, the note and the edit's time.
    let csv = ok(&["export", "--format", "csv", "--db", db]);
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<std::collections::HashMap<String, String>> =
        rdr.deserialize().map(|r| r.unwrap()).collect();
    let row = rows.iter().find(|r| r["event_id_cnty"] == gao).unwrap();
    assert_eq!(
        (row["actor1"].as_str(), row["fatalities"].as_str()),
        (jnim, "20")
    );
    assert!(
        row["notes"].contains("[Analyst note: The army's own toll"),
        "{row:?}"
    );
    assert!(row["timestamp"].parse::<i64>().unwrap() > 0);

    // Rejected: gone from listings, there for `event` and --include-rejected.
    ok(&["edit", &gao, "--db", db, "--reject", "--by", "bob"]);
    assert!(ok(&["events", "--db", db]).is_empty());
    assert_eq!(
        ok(&["events", "--db", db, "--include-rejected"])
            .lines()
            .count(),
        1
    );
    assert!(ok(&["event", &gao, "--db", db]).contains("[rejected"));
    let nothing = run(&["edit", &gao, "--db", db]);
    assert_eq!(nothing.status.code(), Some(2));
}

#[test]
fn a_watchlist_flags_the_matching_occurrences_of_a_second_ingest_and_no_others() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    write(&first, "a.txt", report(1, "Maiduguri", "Nigerian", 2, 30));
    write(&first, "b.txt", report(2, "Gao", "Malian", 3, 40));
    let db = dir.path().join("w.db");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--db", db, first.to_str().unwrap()]);
    let said = ok(&[
        "watch",
        "add",
        "deadly-nigeria",
        "--db",
        db,
        "--country",
        "NGA",
        "--min-fatalities",
        "10",
        "--by",
        "alice",
    ]);
    assert!(said.contains("--country NGA --min-fatalities 10"), "{said}");
    // The second ingest: a deadly attack in Nigeria (flagged), a minor one
    // in Nigeria and a deadly one in Mali (not), and a retelling of the
    // first ingest's Maiduguri attack (an old occurrence: not).
    write(&second, "c.txt", report(3, "Maiduguri", "Nigerian", 7, 14));
    write(&second, "d.txt", report(4, "Kano", "Nigerian", 8, 3));
    write(&second, "e.txt", report(5, "Timbuktu", "Malian", 6, 50));
    write(&second, "f.txt", report(6, "Maiduguri", "Nigerian", 2, 31));
    let out = ok(&["ingest", "--db", db, second.to_str().unwrap()]);
    let flagged: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(
        out.starts_with("watchlist deadly-nigeria: 1 new occurrence(s)"),
        "{out}"
    );
    assert_eq!(flagged.len(), 1, "{out}");
    let deadly = lines(&ok(&[
        "events",
        "--db",
        db,
        "--country",
        "NG",
        "--min-fatalities",
        "10",
        "--from",
        "2024-03-17",
    ]));
    assert_eq!(deadly.len(), 1);
    assert_eq!(flagged[0], deadly[0]["id"], "{out}");
    // Recorded: `watch show` lists it, `watch list` counts it.
    let shown = ok(&[
        "watch",
        "show",
        "deadly-nigeria",
        "--db",
        db,
        "--since",
        "2000-01-01",
        "--width",
        "200",
    ]);
    assert_eq!(shown.lines().count(), 2, "{shown}");
    assert!(shown.contains(flagged[0]), "{shown}");
    assert!(ok(&["watch", "list", "--db", db])
        .contains("deadly-nigeria  --country NGA --min-fatalities 10  (1 flagged"));
    let later = ok(&[
        "watch",
        "show",
        "deadly-nigeria",
        "--db",
        db,
        "--since",
        "2999-01-01",
    ]);
    assert_eq!(later.lines().count(), 1, "only the heading: {later}");
    // A third ingest of nothing new flags nothing.
    let again = ok(&["ingest", "--db", db, second.to_str().unwrap()]);
    assert!(again.is_empty(), "{again}");
    let bad = run(&["watch", "add", "typo", "--db", db, "--actor", "Wagnr"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn everyday_habits_countries_tables_warnings_and_grouped_stats() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    write(&reports, "a.txt", report(1, "Gao", "Malian", 2, 12));
    write(&reports, "b.txt", report(2, "Maiduguri", "Nigerian", 5, 4));
    write(&reports, "c.txt", report(3, "Djibo", "Burkinabe", 6, 7));
    // A note marker with no note: a parser warning.
    write(
        &reports,
        "marker.txt",
        report(4, "Mopti", "Malian", 7, 2).replace("soldiers.[i]", "soldiers.[ii]"),
    );
    let db = dir.path().join("w.db");
    let db = db.to_str().unwrap();
    let out = run(&["ingest", "--db", db, reports.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: ") && err.contains("marker.txt: "),
        "warnings name their file: {err}"
    );

    // Countries by code, alpha-3, name or short form.
    for c in ["ML", "MLI", "Mali", "mali"] {
        assert_eq!(
            ok(&["events", "--db", db, "--country", c]).lines().count(),
            2,
            "{c}"
        );
    }
    for c in ["Burkina", "BFA", "Burkina Faso"] {
        assert_eq!(
            ok(&["events", "--db", db, "--country", c]).lines().count(),
            1,
            "{c}"
        );
    }
    assert!(
        ok(&["events", "--db", db, "--country", "UK"]).is_empty(),
        "a known country with no events"
    );
    assert!(run(&["events", "--db", db, "--country", "Ivory Coast"])
        .status
        .success());

    // A narrow table: no line too long, no word cut.
    let wide = ok(&["events", "--db", db, "--format", "table", "--width", "400"]);
    let narrow = ok(&["events", "--db", db, "--format", "table", "--width", "60"]);
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");
    let words: std::collections::HashSet<&str> = wide.split_whitespace().collect();
    for t in narrow.split_whitespace() {
        let whole = t == "…"
            || words.contains(t)
            || words
                .iter()
                .any(|w| w.contains(t) && (t.ends_with(['/', '-']) || w.ends_with(t)));
        assert!(whole, "`{t}` is a cut word:\n{narrow}");
    }
    let cols = ok(&[
        "events",
        "--db",
        db,
        "--format",
        "table",
        "--columns",
        "id,dead,report",
    ]);
    assert!(
        cols.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .eq(["id", "dead", "report"]),
        "{cols}"
    );

    // Occurrences and fatalities by country and month, as CSV.
    let csv = ok(&[
        "stats",
        "--db",
        db,
        "--by",
        "country,month",
        "--format",
        "csv",
    ]);
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        ["country", "month", "events", "fatalities"]
    );
    let rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(
        rows.contains(&vec![
            "Mali".into(),
            "2024-03".into(),
            "2".into(),
            "14".into()
        ]),
        "{csv}"
    );
    let by_actor = ok(&["stats", "--db", db, "--by", "actor", "--country", "Nigeria"]);
    assert!(
        by_actor.contains("Military Forces of Nigeria"),
        "{by_actor}"
    );
}

#[test]
fn a_brief_is_one_self_contained_page_or_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    write(&reports, "a.txt", report(1, "Gao", "Malian", 2, 12));
    write(&reports, "b.txt", report(2, "Gao", "Malian", 2, 15));
    write(&reports, "c.txt", report(3, "Timbuktu", "Malian", 6, 7));
    write(&reports, "d.txt", report(4, "Maiduguri", "Nigerian", 5, 4));
    let db = dir.path().join("w.db");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--db", db, reports.to_str().unwrap()]);
    let html_path = dir.path().join("mali.html");
    let out = run(&[
        "brief",
        "--db",
        db,
        "--country",
        "Mali",
        "-o",
        html_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.contains("<h1>Brief: --country Mali</h1>"));
    // Two occurrences (Gao told twice), each with its sentence and source.
    assert_eq!(html.matches("<tr data-id=\"MLI").count(), 2);
    assert_eq!(html.matches("<q class=\"evidence\">").count(), 2);
    assert_eq!(html.matches("<div class=\"citation\">Source: ").count(), 2);
    assert!(html.contains("<li><b>2</b>events</li>"));
    assert!(
        html.contains("<li><b>19 <small>(19\u{2013}22)</small></b>reported deaths"),
        "best 12 (of 12 and 15) and 7; low 19, high 22"
    );
    assert!(html.contains("<svg class=\"timeline\"") && html.contains("class=\"bar\""));
    let shapes = watchfloor_gazetteer_shapes();
    if shapes.exists() {
        assert!(
            html.contains("<svg class=\"map\"")
                && html.matches("<circle class=\"event\"").count() == 2
        );
        assert!(html.matches("<path class=\"country\"").count() > 100);
    }
    // Self-contained: nothing to fetch, nothing to run.
    for needle in ["<script", "src=", "<link", "@import", "url("] {
        assert!(!html.contains(needle), "`{needle}` in the brief");
    }
    let md = ok(&["brief", "--db", db, "--country", "Mali", "--format", "md"]);
    for section in [
        "# Brief: --country Mali",
        "## Headline figures",
        "## Timeline",
        "## Events",
        "## Claims",
    ] {
        assert!(md.contains(section), "{section} missing: {md}");
    }
    assert!(
        md.contains("| MLI1 |") && md.contains("Example Daily"),
        "{md}"
    );
    assert_eq!(
        run(&["brief", "--db", db]).status.code(),
        Some(2),
        "a brief needs a subject"
    );
    assert_eq!(
        run(&["brief", "--db", db, "--country", "ML", "-o", "x.pdf"])
            .status
            .code(),
        Some(2)
    );
}

/// Where `scripts/fetch-data.sh` puts the Natural Earth shapes briefs draw.
fn watchfloor_gazetteer_shapes() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/generated/countries-110m.json")
}
