//! The HTTP API end to end: a store built from invented reports (parsed for
//! real, so evidence spans point into real text; coded by hand, so the test
//! does not move when extraction improves), a server on a free loopback
//! port, and a small HTTP/1.1 client over a plain socket.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use watchfloor_model::{
    Claim, DatePrecision, Event, EventType, Evidence, PartialDate, Report, Section, Span, Stance,
    SubEventType,
};
use watchfloor_store::{content_hash, IngestReport, MergeRules, Store};

// ---- fixtures ---------------------------------------------------------

/// An OE Watch-style report on an attack near Gao, with a source whose
/// excerpt carries the claim.
const GAO: &str = "Dune Brigade Strikes Army Post Near Gao\n\n\
Soldiers at a checkpoint outside Gao.\n\n\n\
\u{201c}They came before dawn and were gone by sunrise.\u{201d}\n\n\n\
The Red Dune Brigade keeps up its pressure on Malian forces in the east. According to the excerpted article, the attack on the post near Gao was the deadliest this year. Officials promised reinforcements.\n\n\n\
Sources:\n\n\
\u{201c}Attaque contre un poste de l\u{2019}arm\u{e9}e (Attack on an army post),\u{201d} Sahel Morning (independent daily), 12 March 2024. https://www.example.org/gao-post\n\n\
Fighters of the Red Dune Brigade attacked an army post near Gao on 11 March 2024, killing seven soldiers. The Red Dune Brigade claimed responsibility for the attack in a message to reporters.\n";

/// A news report that retells the Gao attack and adds a bombing near
/// Timbuktu.
const TIMBUKTU: &str = "Roadside Bomb Kills Two Near Timbuktu\n\n\
Monday, 6 May 2024\n\n\
A roadside bomb killed two traders near Timbuktu on 5 May 2024, local officials said.\n\n\
In March the same group attacked an army post near Gao, killing nine soldiers, according to a local official.\n";

/// A news report from Nigeria: an abduction and a protest, and an
/// accusation.
const KADUNA: &str = "Gunmen Abduct Villagers in Kaduna; Protest in Abuja\n\n\
Sunday, 21 April 2024\n\n\
Forest Bandits abducted twelve villagers from a farm settlement in Kaduna State on 2 April 2024. The Coastal Guard accused the Forest Bandits of the abduction.\n\n\
Hundreds of traders marched peacefully in Abuja on 20 April 2024 to demand better security on the roads.\n";

const GAO_AT: (&str, f64, f64) = ("Gao", 16.2666, -0.0400);
const TIMBUKTU_AT: (&str, f64, f64) = ("Timbuktu", 16.7735, -3.0074);
const KADUNA_AT: (&str, f64, f64) = ("Kaduna", 10.5222, 7.4383);
const ABUJA_AT: (&str, f64, f64) = ("Abuja", 9.0579, 7.4951);

/// Evidence for `sentence`, which must occur in `file`: its file span, and
/// the section and source of the block holding it.
fn evidence(file: &str, report: &Report, sentence: &str) -> Evidence {
    let start = file.find(sentence).expect("sentence in the file");
    let span = Span::new(start, start + sentence.len());
    let blocks = report.blocks();
    let block = blocks
        .iter()
        .find(|b| b.span.contains(span))
        .expect("a block holds the sentence");
    let source = match block.section {
        Section::Excerpt { source } => Some(report.sources[source].citation.text.clone()),
        _ => None,
    };
    Evidence {
        span,
        text: sentence.to_string(),
        section: block.section,
        source,
    }
}

struct Coding<'a> {
    kind: EventType,
    sub: &'a str,
    date: &'a str,
    country: &'a str,
    place: (&'a str, f64, f64),
    actors: (Option<&'a str>, Option<&'a str>),
    dead: Option<u32>,
    sentences: &'a [&'a str],
    claims: &'a [(&'a str, Stance, &'a str)],
}

fn code(file: &str, report: &Report, c: &Coding<'_>) -> Event {
    let date: PartialDate = c.date.parse().unwrap();
    Event {
        report_title: report.title.clone(),
        event_type: c.kind,
        sub_event_type: SubEventType::parse(c.sub).expect("an ACLED sub-event type"),
        event_date: date,
        date_precision: DatePrecision::Day,
        country: c.country.into(),
        location: c.place.0.into(),
        latitude: Some(c.place.1),
        longitude: Some(c.place.2),
        geo_precision: Some("exact".into()),
        admin1: Some(format!("{} Region", c.place.0)),
        actor1: c.actors.0.map(Into::into),
        actor2: c.actors.1.map(Into::into),
        fatalities: c.dead,
        injuries: None,
        civilian_targeting: c.kind == EventType::ViolenceAgainstCivilians,
        claims: c
            .claims
            .iter()
            .map(|(by, stance, sentence)| Claim {
                by: (*by).into(),
                stance: *stance,
                sentence: Some(evidence(file, report, sentence).span),
            })
            .collect(),
        evidence: c
            .sentences
            .iter()
            .map(|s| evidence(file, report, s))
            .collect(),
    }
}

const BRIGADE: &str = "Red Dune Brigade";
const MALI_ARMY: &str = "Military Forces of Mali";
const BANDITS: &str = "Forest Bandits";

/// The codings of each fixture file.
fn codings(name: &str) -> Vec<Coding<'static>> {
    let attack = |date, dead, sentences, claims| Coding {
        kind: EventType::Battles,
        sub: "Armed clash",
        date,
        country: "ML",
        place: GAO_AT,
        actors: (Some(BRIGADE), Some(MALI_ARMY)),
        dead,
        sentences,
        claims,
    };
    match name {
        "gao.txt" => vec![attack(
            "2024-03-11",
            Some(7),
            &["Fighters of the Red Dune Brigade attacked an army post near Gao on 11 March 2024, killing seven soldiers."],
            &[(BRIGADE, Stance::Claim, "The Red Dune Brigade claimed responsibility for the attack in a message to reporters.")],
        )],
        "timbuktu.txt" => vec![
            Coding {
                kind: EventType::ExplosionsRemoteViolence,
                sub: "Remote explosive/landmine/IED",
                date: "2024-05-05",
                country: "ML",
                place: TIMBUKTU_AT,
                actors: (Some(BRIGADE), Some("Civilians (Mali)")),
                dead: Some(2),
                sentences: &["A roadside bomb killed two traders near Timbuktu on 5 May 2024, local officials said."],
                claims: &[],
            },
            attack(
                "2024-03-11",
                Some(9),
                &["In March the same group attacked an army post near Gao, killing nine soldiers, according to a local official."],
                &[],
            ),
        ],
        "kaduna.txt" => vec![
            Coding {
                kind: EventType::ViolenceAgainstCivilians,
                sub: "Abduction/forced disappearance",
                date: "2024-04-02",
                country: "NG",
                place: KADUNA_AT,
                actors: (Some(BANDITS), Some("Civilians (Nigeria)")),
                dead: None,
                sentences: &["Forest Bandits abducted twelve villagers from a farm settlement in Kaduna State on 2 April 2024."],
                claims: &[("Coastal Guard", Stance::Accuse, "The Coastal Guard accused the Forest Bandits of the abduction.")],
            },
            Coding {
                kind: EventType::Protests,
                sub: "Peaceful protest",
                date: "2024-04-20",
                country: "NG",
                place: ABUJA_AT,
                actors: (Some("Protesters (Nigeria)"), None),
                dead: Some(0),
                sentences: &["Hundreds of traders marched peacefully in Abuja on 20 April 2024 to demand better security on the roads."],
                claims: &[],
            },
        ],
        _ => unreachable!(),
    }
}

/// Parses and stores the fixtures; returns the store's path.
fn build_store(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("fixture.db");
    let mut store = Store::open(&db).unwrap();
    for (name, text) in [
        ("gao.txt", GAO),
        ("timbuktu.txt", TIMBUKTU),
        ("kaduna.txt", KADUNA),
    ] {
        let reports = watchfloor_parse::parse_text(text, name);
        assert_eq!(reports.len(), 1, "{name} is one report");
        let report = reports.into_iter().next().unwrap();
        let events = codings(name)
            .iter()
            .map(|c| code(text, &report, c))
            .collect();
        let batch = [IngestReport { report, events }];
        store
            .ingest_file(
                name,
                &content_hash(text.as_bytes()),
                text.len() as u64,
                &batch,
                &MergeRules::default(),
            )
            .unwrap();
    }
    db
}

struct Fixture {
    addr: SocketAddr,
    db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// One server for all tests, started once.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = build_store(dir.path());
        let app = watchfloor_serve::App::open(watchfloor_serve::Config {
            db: db.clone(),
            catalogue: watchfloor_actors::Catalogue::load_default().unwrap(),
            export: watchfloor_export::Context::default(),
            ingest: None,
        })
        .unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || watchfloor_serve::serve_blocking(listener, app));
        Fixture {
            addr,
            db,
            _dir: dir,
        }
    })
}

fn store() -> Store {
    Store::open_read_only(&fixture().db).unwrap()
}

// ---- a small HTTP client ----------------------------------------------

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    /// The error message of a JSON error reply.
    fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .expect("an error message")
            .to_string()
    }
}

/// Sends `head` (request line and headers, without the final blank line)
/// and `body`; reads the reply to the end (the request says close).
fn send(head: &str, body: &str) -> Reply {
    let mut s = TcpStream::connect(fixture().addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    write!(s, "{head}\r\nConnection: close\r\n\r\n{body}").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = std::str::from_utf8(&raw[..end]).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = unchunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..line_end]).unwrap().trim(), 16)
                .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 4 + size..];
    }
}

fn get(path: &str) -> Reply {
    let host = fixture().addr;
    send(&format!("GET {path} HTTP/1.1\r\nHost: {host}"), "")
}

fn get_json(path: &str) -> Value {
    let r = get(path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.text());
    r.json()
}

fn total(path: &str) -> u64 {
    get_json(path)["total"].as_u64().unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

// ---- the tests --------------------------------------------------------

#[test]
fn events_list_one_record_per_occurrence_as_the_store_counts() {
    let stats = store().stats().unwrap();
    assert_eq!((stats.events, stats.canonical_events), (5, 4));
    let all = get_json("/api/events");
    assert_eq!(all["total"], 4);
    let events = all["events"].as_array().unwrap();
    assert_eq!(events.len(), 4);
    let gao = events
        .iter()
        .find(|e| e["location"] == "Gao")
        .expect("the Gao attack");
    // Told by two reports: one occurrence, both reports, both figures.
    assert_eq!(gao["records"], 2);
    assert_eq!(gao["report_ids"].as_array().unwrap().len(), 2);
    assert_eq!(gao["fatalities"]["low"], 7);
    assert_eq!(gao["fatalities"]["high"], 9);
    assert_eq!(gao["type"], "Battles");
    assert_eq!(gao["precision"], "day");
    assert_eq!(gao["actor1"], BRIGADE);
    assert!(gao["lat"].as_f64().is_some() && gao["lon"].as_f64().is_some());
    assert_eq!(gao["claims"][0]["by"], BRIGADE);
    // Oldest first by default.
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn filters_narrow_as_the_cli_s_do() {
    assert_eq!(total("/api/events?country=Mali"), 2);
    assert_eq!(total("/api/events?country=NG"), 2);
    assert_eq!(total("/api/events?country=ML&country=NG"), 4);
    assert_eq!(total("/api/events?type=battles"), 1);
    assert_eq!(total("/api/events?sub_type=Peaceful%20protest"), 1);
    assert_eq!(total("/api/events?actor=Forest%20Bandits"), 1);
    assert_eq!(total("/api/events?actor=Red+Dune+Brigade"), 2);
    assert_eq!(total("/api/events?from=2024-04"), 3);
    assert_eq!(total("/api/events?to=2024-03"), 1);
    assert_eq!(total("/api/events?from=2024-04-01&to=2024-04-30"), 2);
    assert_eq!(total("/api/events?bbox=-12,10,4,25"), 2);
    assert_eq!(total("/api/events?min_fatalities=5"), 1);
    assert_eq!(total("/api/events?claimed_by=Coastal%20Guard"), 1);
    assert_eq!(total("/api/events?province=Abuja%20Region"), 1);
    // Countries by alpha-3 code; sources as filters, as on the command line.
    assert_eq!(total("/api/events?country=MLI"), 2);
    let sahel = total("/api/events?source=sahel%20morning");
    assert!((1..4).contains(&sahel), "{sahel}");
    let gao_report =
        get_json("/api/events?country=ML&type=Battles")["events"][0]["report_ids"][0].clone();
    assert!(total(&format!("/api/events?report={gao_report}")) >= 1);
    assert_eq!(total("/api/events?collection=&include_rejected=true"), 4);
    let r = get("/api/events?collection=demo");
    assert_eq!(r.status, 400);
    assert!(
        r.error().contains("no collection matches `demo`"),
        "{}",
        r.error()
    );
    let r = get("/api/events?country=Malli");
    assert!(
        r.status == 400 && r.error().contains("did you mean Mali (ML)"),
        "{}",
        r.error()
    );
    // An empty field (what a form sends) does not filter.
    assert_eq!(total("/api/events?country=&type="), 4);
    // Full text: the events of the reports that mention the words.
    let q = get_json("/api/events?q=roadside%20bomb");
    assert_eq!(q["total"], 2, "the Timbuktu report tells two occurrences");
    assert_eq!(total("/api/events?q=roadside&country=NG"), 0);
    assert_eq!(total("/api/events?q=nowhereword"), 0);
}

#[test]
fn paging_and_sorting() {
    let all = ids(&get_json("/api/events"));
    let page = get_json("/api/events?limit=2&offset=1");
    assert_eq!(page["total"], 4);
    assert_eq!(page["limit"], 2);
    assert_eq!(ids(&page), all[1..3]);
    assert!(ids(&get_json("/api/events?offset=10")).is_empty());
    let newest = ids(&get_json("/api/events?sort=newest"));
    assert_eq!(newest.iter().rev().cloned().collect::<Vec<_>>(), all);
    let deadliest = get_json("/api/events?sort=fatalities&limit=1");
    assert_eq!(deadliest["events"][0]["location"], "Gao");
}

#[test]
fn bad_parameters_get_400_saying_what_was_wrong() {
    let cases = [
        ("/api/events?limit=1001", "at most 1000"),
        ("/api/events?limit=ten", "whole number"),
        ("/api/events?offset=-1", "whole number"),
        ("/api/events?from=2024-13-01", "bad `from`"),
        ("/api/events?type=Skirmish", "unknown event type `Skirmish`"),
        (
            "/api/events?sub_type=Skirmish",
            "unknown sub-event type `Skirmish`",
        ),
        ("/api/events?country=Narnia", "unknown country `Narnia`"),
        ("/api/events?bbox=1,2,3", "bad bbox `1,2,3`"),
        ("/api/events?bbox=10,20,5,30", "west ≤ east"),
        ("/api/events?sort=sideways", "`sort`"),
        ("/api/events?colour=red", "unknown parameter `colour`"),
        ("/api/events?type=Riots&type=Protests", "more than once"),
        ("/api/events?min_fatalities=lots", "whole number"),
        ("/api/timeline?bucket=day", "week or month"),
        ("/api/export/csv?records=all", "occurrences or reports"),
        ("/api/search", "`q`"),
        ("/api/events/abc", "bad event id `abc`"),
        ("/api/reports/0", "bad report id"),
        ("/api/stats?x=1", "takes no parameters"),
        ("/api/actors/%FF%FE", "bad path"),
    ];
    for (path, want) in cases {
        let r = get(path);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        let msg = r.error();
        assert!(msg.contains(want), "{path}: {msg}");
    }
    let long_q = format!("/api/events?q={}", "a".repeat(1025));
    let r = get(&long_q);
    assert_eq!(r.status, 400);
    assert!(r.error().contains("at most 1024"), "{}", r.error());
}

#[test]
fn oversized_requests_bodies_and_other_methods_are_refused() {
    let host = fixture().addr;
    let long = format!("/api/events?q=x&actor={}", "b".repeat(9000));
    let r = get(&long);
    assert_eq!(r.status, 414);
    assert!(r.error().contains("too long"));
    let r = send(
        &format!("GET /api/events HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5"),
        "hello",
    );
    assert_eq!(r.status, 413);
    assert!(r.error().contains("read-only"));
    let r = send(
        &format!("POST /api/events HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0"),
        "",
    );
    assert_eq!(r.status, 405);
    assert!(r.error().contains("read-only"));
    let r = send(
        &format!("DELETE /api/events/1 HTTP/1.1\r\nHost: {host}"),
        "",
    );
    assert_eq!(r.status, 405);
}

#[test]
fn only_loopback_hosts_are_answered_and_no_cors() {
    let r = send(
        "GET /api/stats HTTP/1.1\r\nHost: attacker.example:8080\r\nOrigin: http://attacker.example",
        "",
    );
    assert_eq!(r.status, 403);
    assert!(r.error().contains("localhost"));
    let port = fixture().addr.port();
    let r = send(
        &format!(
            "GET /api/stats HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: http://elsewhere.example"
        ),
        "",
    );
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(r
        .header("content-security-policy")
        .is_some_and(|c| c.contains("default-src 'self'")));
}

#[test]
fn one_event_with_evidence_placed_in_its_reports_and_claims_with_sources() {
    let all = get_json("/api/events?actor=Red%20Dune%20Brigade&type=Battles");
    let id = all["events"][0]["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("MLI"), "{id}");
    let e = get_json(&format!("/api/events/{id}"));
    assert_eq!(e["id"], id.as_str());
    assert_eq!(e["members"].as_array().unwrap().len(), 2);
    assert!(e["members"][1]["reason"].as_str().unwrap().len() > 10);
    let figures: Vec<u64> = e["fatality_figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_u64().unwrap())
        .collect();
    assert_eq!(figures, [7, 9]);
    // Any case; a record's id answers with its occurrence.
    assert_eq!(
        get_json(&format!("/api/events/{}", id.to_lowercase()))["id"],
        id.as_str()
    );
    let record = e["members"][1]["event_id"].as_i64().unwrap();
    assert_eq!(
        get_json(&format!("/api/events/r{record}"))["id"],
        id.as_str()
    );
    assert_eq!(e["corrections"], serde_json::json!([]));

    let evidence = e["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 2);
    for ev in evidence {
        let report = get_json(&format!("/api/reports/{}", ev["report_id"]));
        let h = &ev["highlight"];
        let block = report["blocks"][h["block"].as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap();
        let units: Vec<u16> = block.encode_utf16().collect();
        let cut = String::from_utf16(
            &units[h["start"].as_u64().unwrap() as usize..h["end"].as_u64().unwrap() as usize],
        )
        .unwrap();
        assert_eq!(
            cut,
            ev["text"].as_str().unwrap(),
            "the highlight is the sentence"
        );
        let span = ev["span"].as_array().unwrap();
        let file = if ev["report_title"].as_str().unwrap().contains("Gao") {
            GAO
        } else {
            TIMBUKTU
        };
        let (s, t) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &file[s..t],
            ev["text"].as_str().unwrap(),
            "spans are file spans"
        );
    }
    let excerpt = evidence
        .iter()
        .find(|ev| ev["source"].is_string())
        .expect("the excerpt's sentence cites its source");
    assert!(excerpt["source"]
        .as_str()
        .unwrap()
        .contains("Sahel Morning"));

    let claim = &e["claims"][0];
    assert_eq!(claim["by"], BRIGADE);
    assert_eq!(claim["stance"], "claim");
    assert!(claim["text"]
        .as_str()
        .unwrap()
        .contains("claimed responsibility"));
    assert!(claim["source"].as_str().unwrap().contains("Sahel Morning"));
    assert!(claim["highlight"]["block"].is_u64());

    let r = get("/api/events/MLI999");
    assert_eq!(r.status, 404);
    assert!(r.error().contains("no event MLI999"));
    let r = get("/api/events/12");
    assert_eq!(r.status, 400);
    assert!(r.error().contains("bad event id `12`"), "{}", r.error());
}

#[test]
fn reports_show_their_blocks_and_sources() {
    let e = &get_json("/api/events?country=ML&type=Battles")["events"][0];
    let rid = e["report_ids"][0].as_i64().unwrap();
    let r = get_json(&format!("/api/reports/{rid}"));
    assert_eq!(r["id"], rid);
    assert_eq!(r["title"], "Dune Brigade Strikes Army Post Near Gao");
    let blocks = r["blocks"].as_array().unwrap();
    assert!(blocks
        .iter()
        .any(|b| b["label"].as_str().unwrap().starts_with("excerpt from")));
    assert!(blocks.iter().any(|b| b["label"] == "paragraph 1"));
    assert_eq!(r["sources"][0]["outlet"], "Sahel Morning");
    let r = get("/api/reports/424242");
    assert_eq!(r.status, 404);
    assert!(r.error().contains("no report 424242"));
}

#[test]
fn actors_and_their_dossiers() {
    let list = get_json("/api/actors");
    let actors = list["actors"].as_array().unwrap();
    let brigade = actors.iter().find(|a| a["name"] == BRIGADE).unwrap();
    assert_eq!(brigade["events"], 2);
    assert_eq!(brigade["as_actor1"], 2);
    assert_eq!(brigade["claims"], 1);
    assert_eq!(actors[0]["name"], BRIGADE, "most occurrences first");
    let guard = actors
        .iter()
        .find(|a| a["name"] == "Coastal Guard")
        .unwrap();
    assert_eq!(
        (guard["events"].as_u64(), guard["claims"].as_u64()),
        (Some(0), Some(1))
    );
    // Filters narrow the list.
    let ng = get_json("/api/actors?country=NG");
    assert!(ng["actors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["name"] != BRIGADE));

    let d = get_json("/api/actors/Red%20Dune%20Brigade");
    let dossier = store().actor_dossier(&[BRIGADE.to_string()]).unwrap();
    assert_eq!(d["name"], BRIGADE);
    assert_eq!(d["dossier"]["events"], dossier.events as u64);
    assert_eq!(
        d["dossier"]["events"], 2,
        "occurrences: Gao (told twice) and Timbuktu"
    );
    assert_eq!(d["dossier"]["reports"].as_array().unwrap().len(), 2);
    let r = get("/api/actors/Nobody%20At%20All");
    assert_eq!(r.status, 404);
    assert!(r.error().contains("no actor called `Nobody At All`"));
}

#[test]
fn search_ranks_passages_and_names_syntax_errors() {
    let s = get_json("/api/search?q=roadside");
    let hits = s["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| h["report_title"] == "Roadside Bomb Kills Two Near Timbuktu"));
    let parts = hits[0]["snippet"].as_array().unwrap();
    assert!(parts.iter().any(
        |p| p["match"] == true && p["text"].as_str().unwrap().eq_ignore_ascii_case("roadside")
    ));
    assert_eq!(
        get_json("/api/search?q=roadside&limit=1")["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(get_json("/api/search?q=zzzqqq")["hits"]
        .as_array()
        .unwrap()
        .is_empty());
    // The source filters narrow a search to their reports.
    assert!(get_json("/api/search?q=roadside&report=Gao")["hits"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(!get_json("/api/search?q=roadside&report=Timbuktu")["hits"]
        .as_array()
        .unwrap()
        .is_empty());
    // Raw FTS5 syntax: operators work, mistakes are 400 with the reason.
    assert!(
        !get_json("/api/search?q=roadside%20OR%20abducted&raw=true")["hits"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let r = get("/api/search?q=%22unclosed&raw=true");
    assert_eq!(r.status, 400);
    let msg = r.error();
    assert!(
        msg.contains("bad search query") && msg.contains("unterminated"),
        "{msg}"
    );
}

#[test]
fn stats_are_the_store_s() {
    let s = get_json("/api/stats");
    let st = store().stats().unwrap();
    assert_eq!(s["events"], st.events as u64);
    assert_eq!(s["canonical_events"], st.canonical_events as u64);
    assert_eq!(s["reports"], 3);
    assert_eq!(s["claims"], st.claims as u64);
}

#[test]
fn timeline_buckets_count_every_occurrence() {
    let t = get_json("/api/timeline");
    assert_eq!(t["bucket"], "month");
    let buckets = t["buckets"].as_array().unwrap();
    let starts: Vec<&str> = buckets
        .iter()
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["2024-03-01", "2024-04-01", "2024-05-01"]);
    let counts: Vec<u64> = buckets
        .iter()
        .map(|b| b["events"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [1, 2, 1]);
    assert_eq!(buckets[0]["fatalities"], 7, "the best estimate of 7 and 9");
    assert_eq!(buckets[0]["end"], "2024-03-31");
    let w = get_json("/api/timeline?bucket=week");
    let weeks = w["buckets"].as_array().unwrap();
    let sum: u64 = weeks.iter().map(|b| b["events"].as_u64().unwrap()).sum();
    assert_eq!(sum, 4);
    assert_eq!(weeks[0]["start"], "2024-03-11", "weeks start on Monday");
    // Empty weeks between events are listed too.
    assert!(weeks.len() > 4 && weeks.iter().any(|b| b["events"] == 0));
    let ng = get_json("/api/timeline?country=NG");
    assert_eq!(ng["total"], 2);
    assert_eq!(ng["buckets"].as_array().unwrap().len(), 1);
}

#[test]
fn network_has_event_and_claim_edges() {
    let n = get_json("/api/network");
    let nodes: Vec<&str> = n["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    for a in [BRIGADE, MALI_ARMY, BANDITS, "Coastal Guard"] {
        assert!(nodes.contains(&a), "{a} in {nodes:?}");
    }
    let edges = n["edges"].as_array().unwrap();
    let fight = edges
        .iter()
        .find(|e| e["source"] == BRIGADE && e["target"] == MALI_ARMY)
        .unwrap();
    assert_eq!(
        (fight["kind"].as_str(), fight["count"].as_u64()),
        (Some("event"), Some(1))
    );
    let accuse = edges.iter().find(|e| e["kind"] == "claim").unwrap();
    assert_eq!(accuse["source"], "Coastal Guard");
    assert_eq!(accuse["target"], BANDITS);
    assert_eq!(accuse["stance"], "accuse");
    // A claim of one's own act is no edge.
    assert_eq!(edges.iter().filter(|e| e["kind"] == "claim").count(), 1);
    let ml = get_json("/api/network?country=ML");
    assert!(ml["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["kind"] == "event"));
}

#[test]
fn exports_use_the_same_filters() {
    let csv = get("/api/export/csv");
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    assert_eq!(
        csv.text().lines().count(),
        1 + 4,
        "header and one row per occurrence"
    );
    let ng = get("/api/export/csv?country=NG").text();
    assert_eq!(ng.lines().count(), 1 + 2);
    let per_report = get("/api/export/jsonl?records=reports").text();
    assert_eq!(per_report.lines().count(), 5);
    let jsonl = get("/api/export/jsonl?limit=3").text();
    assert_eq!(jsonl.lines().count(), 3);
    let geo: Value = get("/api/export/geojson").json();
    assert_eq!(geo["type"], "FeatureCollection");
    assert_eq!(geo["features"].as_array().unwrap().len(), 4);
    let stix: Value = get("/api/export/stix?type=Battles").json();
    assert_eq!(stix["type"], "bundle");
    assert_eq!(get("/api/export/jsonl?q=nowhereword").text(), "");
    let parquet = get("/api/export/parquet?country=NG");
    assert_eq!(parquet.status, 200);
    // A Parquet file starts and ends with its magic number.
    assert!(parquet.body.starts_with(b"PAR1") && parquet.body.ends_with(b"PAR1"));
    let r = get("/api/export/xml");
    assert_eq!(r.status, 404);
    assert!(r.error().contains("csv, geojson, stix, jsonl or parquet"));
}

#[test]
fn every_documented_path_answers() {
    let doc = get_json("/api/openapi.json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let event = ids(&get_json("/api/events?limit=1"))[0].clone();
    let report = get_json(&format!("/api/events/{event}"))["report_ids"][0].clone();
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 11);
    for (path, item) in paths {
        let url = path
            .replace(
                "{id}",
                &if path.starts_with("/api/reports") {
                    report.to_string()
                } else {
                    event.to_string()
                },
            )
            .replace("{name}", "Red%20Dune%20Brigade")
            .replace("{format}", "csv");
        let url = if path == "/api/search" {
            format!("{url}?q=attack")
        } else {
            url
        };
        let r = get(&url);
        assert_eq!(r.status, 200, "{path} ({url}): {}", r.text());
        // Every documented parameter is one the handler accepts.
        for p in item["get"]["parameters"].as_array().unwrap() {
            if p["in"] == "query" && p["name"] != "q" {
                let name = p["name"].as_str().unwrap();
                let sep = if url.contains('?') { '&' } else { '?' };
                let r = get(&format!("{url}{sep}{name}="));
                assert_eq!(r.status, 200, "{path} takes `{name}`: {}", r.text());
            }
        }
    }
    let r = get("/api/nothing-here");
    assert_eq!(r.status, 404);
    assert!(r.error().contains("openapi.json"));
}

#[test]
fn the_page_is_served() {
    let r = get("/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let html = r.text();
    // Either the built page or the one that says how to build it.
    assert!(
        html.contains("id=\"app\"") || html.contains("scripts/build-web.sh"),
        "{html}"
    );
    assert_eq!(get("/no/such/file.js").status, 404);
}
