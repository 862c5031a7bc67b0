//! Store benchmarks (plain `main`, timed with `std::time`).
//!
//! 1. Pipeline ingest: generated OE Watch-style report files parsed, coded
//!    and stored, one transaction per file: MB/s of report text on one core.
//! 2. Store size per 100,000 events (synthetic events with evidence).
//! 3. Query latency on a store of `WATCHFLOOR_BENCH_EVENTS` synthetic events
//!    (default 1,000,000): filtered event queries and full-text search,
//!    p50/p99 over 200 queries each with varied parameters.
//!
//! Run: `cargo bench -p watchfloor-store --bench store`. Set
//! `WATCHFLOOR_BENCH_EVENTS=100000` for a quick run.

use std::time::{Duration, Instant};
use watchfloor_model::{
    Claim, Event, EventType, Evidence, Note, Paragraph, PartialDate, Report, Section, Source, Span,
    Stance, Text,
};
use watchfloor_store::{
    content_hash, EventFilter, IngestReport, MergeRules, SearchOptions, Sort, Store,
};

/// xorshift64*: deterministic, dependency-free.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const WORDS: &[&str] = &[
    "militants",
    "attacked",
    "convoy",
    "village",
    "soldiers",
    "killed",
    "wounded",
    "checkpoint",
    "district",
    "police",
    "officials",
    "said",
    "insurgents",
    "ambush",
    "drone",
    "strike",
    "market",
    "explosion",
    "claimed",
    "responsibility",
    "government",
    "forces",
    "operation",
    "arrested",
    "suspects",
    "border",
    "camp",
    "fighters",
    "civilians",
    "fled",
    "region",
    "security",
    "sources",
    "reported",
    "night",
    "morning",
    "road",
    "bridge",
    "mine",
    "vehicle",
    "local",
    "residents",
    "witnesses",
    "governor",
    "army",
    "spokesman",
    "denied",
    "accused",
    "group",
    "leader",
    "commander",
    "attack",
    "raid",
    "siege",
    "hostages",
    "kidnapped",
    "released",
    "negotiations",
    "ceasefire",
    "offensive",
];
const RARE: &[&str] = &[
    "quarry",
    "aqueduct",
    "monastery",
    "lighthouse",
    "orchard",
    "tannery",
    "granary",
    "observatory",
];
const COUNTRIES: &[(&str, f64, f64)] = &[
    ("ML", 17.0, -2.0),
    ("BF", 12.3, -1.5),
    ("NE", 15.0, 8.0),
    ("NG", 10.0, 8.0),
    ("TD", 14.0, 18.0),
    ("SO", 5.0, 46.0),
    ("KE", 0.5, 38.0),
    ("ET", 9.0, 39.5),
    ("SD", 14.0, 30.0),
    ("CD", -2.0, 25.0),
    ("MZ", -15.0, 37.0),
    ("CM", 6.0, 12.5),
    ("LY", 27.0, 17.0),
    ("SY", 35.0, 38.0),
    ("IQ", 33.0, 43.5),
    ("YE", 15.5, 47.5),
    ("AF", 34.0, 66.0),
    ("PK", 30.0, 69.0),
    ("IR", 32.0, 53.0),
    ("PH", 8.0, 124.0),
];
const TYPES: &[(EventType, &str)] = &[
    (EventType::Battles, "Armed clash"),
    (EventType::ExplosionsRemoteViolence, "Air/drone strike"),
    (
        EventType::ExplosionsRemoteViolence,
        "Remote explosive/landmine/IED",
    ),
    (EventType::ExplosionsRemoteViolence, "Suicide bomb"),
    (EventType::ViolenceAgainstCivilians, "Attack"),
    (
        EventType::ViolenceAgainstCivilians,
        "Abduction/forced disappearance",
    ),
    (EventType::StrategicDevelopments, "Arrests"),
    (EventType::Protests, "Peaceful protest"),
];

fn actor(i: usize) -> String {
    format!("Armed Group {i:02}")
}

/// A 4,000-word vocabulary (the 60 real words first, then made-up ones)
/// drawn with Zipf frequencies, as words are in real text: a few very common,
/// most rare. Uniform draws from a small list would make every passage match
/// every query, which no corpus does.
struct Vocab {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocab {
    fn new() -> Vocab {
        let syllables = [
            "ka", "lo", "mi", "ra", "tu", "ne", "so", "vi", "da", "ge", "ho", "zu", "pe", "ba",
            "fi", "yo",
        ];
        let mut words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
        let mut i = 0usize;
        while words.len() < 4000 {
            let w: String = [i % 16, (i / 16) % 16, (i / 256) % 16]
                .iter()
                .map(|&k| syllables[k])
                .collect();
            words.push(w);
            i += 1;
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|r| {
                total += 1.0 / r as f64;
                total
            })
            .collect::<Vec<_>>();
        let cumulative = cumulative.into_iter().map(|c| c / total).collect();
        Vocab { words, cumulative }
    }
    fn draw(&self, rng: &mut Rng) -> &str {
        let u = rng.unit();
        let i = self
            .cumulative
            .partition_point(|&c| c < u)
            .min(self.words.len() - 1);
        &self.words[i]
    }
}

thread_local! {
    static VOCAB: Vocab = Vocab::new();
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = VOCAB.with(|v| {
        (0..words)
            .map(|_| v.draw(rng).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    });
    if rng.below(20) == 0 {
        out.push(' ');
        let rare = RARE[rng.below(RARE.len())];
        out.push_str(rare);
    }
    out.push('.');
    out
}

fn para(text: String) -> Paragraph {
    Paragraph {
        span: Span::new(0, text.len()),
        text,
        note_refs: vec![],
    }
}

fn synthetic_report(rng: &mut Rng, n: usize, events: usize) -> IngestReport {
    let title = format!("Synthetic Report {n}");
    let report = Report {
        title: title.clone(),
        file: format!("synthetic-{n}.txt"),
        paragraphs: (0..3).map(|_| para(sentence(rng, 40))).collect(),
        sources: (0..2)
            .map(|i| Source {
                outlet: Some(format!("Outlet {}", rng.below(50))),
                citation: Text {
                    text: format!("\u{201c}Story {n}-{i},\u{201d} Outlet, 2024."),
                    span: Span::new(0, 1),
                },
                excerpt: vec![para(sentence(rng, 50))],
                ..Source::default()
            })
            .collect(),
        notes: vec![Note {
            marker: "i".into(),
            text: sentence(rng, 12),
            span: Span::new(0, 1),
            urls: vec![],
        }],
        ..Report::default()
    };
    let base = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let events = (0..events)
        .map(|_| {
            let (cc, lat, lon) = *rng.pick(COUNTRIES);
            let (t, sub) = *rng.pick(TYPES);
            let day = base + chrono::Days::new(rng.below(5 * 365) as u64);
            let date = if rng.below(5) == 0 {
                PartialDate::month(2020 + rng.below(5) as i32, 1 + rng.below(12) as u32).unwrap()
            } else {
                PartialDate::day(day)
            };
            let a1 = actor(rng.below(40));
            let text = sentence(rng, 25);
            Event {
                admin1: Some(format!("{cc} Province {}", rng.below(10))),
                report_title: title.clone(),
                event_type: t,
                sub_event_type: watchfloor_model::SubEventType::parse(sub)
                    .expect("an ACLED sub-event type"),
                event_date: date,
                date_precision: date.precision,
                country: cc.into(),
                location: format!("Town {}", rng.below(500)),
                latitude: Some(lat + (rng.unit() - 0.5) * 6.0),
                longitude: Some(lon + (rng.unit() - 0.5) * 6.0),
                geo_precision: Some("exact".into()),
                actor1: Some(a1.clone()),
                actor2: if rng.below(2) == 0 {
                    Some(actor(rng.below(40)))
                } else {
                    None
                },
                fatalities: if rng.below(3) == 0 {
                    None
                } else {
                    Some(rng.below(200) as u32)
                },
                injuries: None,
                civilian_targeting: t == EventType::ViolenceAgainstCivilians,
                claims: if rng.below(3) == 0 {
                    vec![Claim {
                        by: a1,
                        stance: Stance::Claim,
                        sentence: None,
                    }]
                } else {
                    vec![]
                },
                evidence: vec![Evidence {
                    span: Span::new(0, text.len()),
                    text,
                    section: Section::Excerpt { source: 0 },
                    source: Some(format!("Outlet {}", rng.below(50))),
                }],
            }
        })
        .collect();
    IngestReport { report, events }
}

/// A generated report file in the OE Watch text layout, about as long as a
/// real one (8–10 KB: four commentary paragraphs, three cited sources with
/// two excerpt paragraphs each).
fn report_text(rng: &mut Rng, n: usize) -> String {
    let towns = [
        ("Gao", "Malian"),
        ("Mopti", "Malian"),
        ("Maiduguri", "Nigerian"),
        ("Djibo", "Burkinabe"),
        ("Quetta", "Pakistani"),
        ("Mogadishu", "Somali"),
    ];
    let (town, adj) = towns[n % towns.len()];
    let day = 1 + rng.below(27);
    let dead = 2 + rng.below(60);
    let mut filler = |words: usize| {
        (0..words / 12)
            .map(|_| sentence(rng, 12))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut text = format!(
        "Militants Strike in {town} ({n})\n\nSoldiers on patrol.\n\n\n\u{201c}{}\u{201d}\n\n\n\
         Militants keep pressing {adj} forces. Gunmen attacked an army post in {town} on {day} March 2024, killing {dead} soldiers.[i] {}\n\n{}\n\n{}\n\n{}\n\n\n\
         Sources:\n\n",
        filler(24), filler(60), filler(84), filler(84), filler(84)
    );
    for s in 0..3 {
        text.push_str(&format!(
            "\u{201c}Attaque {s} (Attack {s}),\u{201d} Example Daily (independent daily), 28 March 2024. https://www.example.org/{n}/{s}\n\n\
             Gunmen attacked an army post in {town} on {day} March 2024, killing {dead} soldiers, security sources said. {}\n\n{}\n\n",
            filler(72),
            filler(96)
        ));
    }
    text.push_str(&format!(
        "\nNotes:\n\n[i] Background: Example Institute, 2020. https://www.example.org/bg-{n}\n\n\n\
         Image Information:\n\nImage: Soldiers on patrol.\nSource: https://commons.example.org/{n}.jpg\nAttribution: Public Domain\n"
    ));
    text
}

fn percentile(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn time_queries(name: &str, runs: usize, mut f: impl FnMut(usize) -> usize) {
    let mut times = Vec::with_capacity(runs);
    let mut rows = 0;
    for i in 0..runs {
        let t = Instant::now();
        rows += f(i);
        times.push(t.elapsed());
    }
    println!(
        "  {name:<44} p50 {:>8.2} ms  p99 {:>8.2} ms  ({:.0} rows/query)",
        percentile(times.clone(), 0.5).as_secs_f64() * 1e3,
        percentile(times, 0.99).as_secs_f64() * 1e3,
        rows as f64 / runs as f64
    );
}

fn main() {
    let target: usize = std::env::var("WATCHFLOOR_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    // 1. Pipeline ingest throughput.
    let extractor = watchfloor_extract::Extractor::load_default()
        .expect("extractor data: run ./scripts/fetch-data.sh");
    let files: Vec<(String, String)> = (0..300)
        .map(|n| (format!("gen/r{n}.txt"), report_text(&mut rng, n)))
        .collect();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let mut store = Store::open(dir.path().join("pipeline.db")).unwrap();
    let rules = MergeRules::default();
    let (mut t_code, mut t_store, mut n_events) = (Duration::ZERO, Duration::ZERO, 0);
    let start = Instant::now();
    for (name, text) in &files {
        let t = Instant::now();
        let reports = watchfloor_parse::parse_bytes(text.as_bytes(), name).unwrap();
        let input: Vec<IngestReport> = reports
            .into_iter()
            .map(|report| {
                let events: Vec<Event> = extractor.extract(&report).into_iter().collect();
                IngestReport { report, events }
            })
            .collect();
        n_events += input.iter().map(|r| r.events.len()).sum::<usize>();
        t_code += t.elapsed();
        let t = Instant::now();
        store
            .ingest_file(
                name,
                &content_hash(text.as_bytes()),
                text.len() as u64,
                &input,
                &rules,
            )
            .unwrap();
        t_store += t.elapsed();
    }
    let total = start.elapsed().as_secs_f64();
    println!(
        "pipeline ingest: {} files, {:.2} MB, {n_events} events",
        files.len(),
        bytes as f64 / 1e6
    );
    println!(
        "  parse+extract+store {:.2} MB/s (parse+extract {:.2} s, store {:.2} s = {:.2} MB/s, {:.0} events/s)",
        bytes as f64 / 1e6 / total,
        t_code.as_secs_f64(),
        t_store.as_secs_f64(),
        bytes as f64 / 1e6 / t_store.as_secs_f64(),
        n_events as f64 / t_store.as_secs_f64()
    );
    drop(store);

    // 2 + 3. Synthetic store: size per 100k events, then query latency.
    // WATCHFLOOR_BENCH_DB keeps the big store between runs (rebuilt when
    // it holds fewer events than asked for).
    let path = std::env::var_os("WATCHFLOOR_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("big.db"));
    let mut store = Store::open(&path).unwrap();
    let have = store.stats().unwrap().events;
    if have >= target {
        println!("reusing {} with {have} events", path.display());
    } else if have > 0 {
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        store = Store::open(&path).unwrap();
    }
    let mut n = store.stats().unwrap().events;
    let per_report = 20;
    let per_file = 50; // reports per file (one transaction)
    let mut file = 0usize;
    let start = Instant::now();
    let mut reported_100k = false;
    while n < target {
        let reports: Vec<IngestReport> = (0..per_file)
            .map(|i| synthetic_report(&mut rng, file * per_file + i, per_report))
            .collect();
        n += per_file * per_report;
        store
            .ingest_file(
                &format!("synthetic/{file}.json"),
                &content_hash(format!("synthetic {file}").as_bytes()),
                0,
                &reports,
                &rules,
            )
            .unwrap();
        file += 1;
        if !reported_100k && n >= 100_000 {
            reported_100k = true;
            store.checkpoint().unwrap();
            let size = std::fs::metadata(&path).unwrap().len() as f64;
            println!(
                "store size: {:.1} MB per 100,000 events ({} reports, evidence and FTS included)",
                size / 1e6 * 100_000.0 / n as f64,
                n / per_report
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let built = file > 0;
    store.checkpoint().unwrap();
    store.optimize().unwrap();
    let size = std::fs::metadata(&path).unwrap().len() as f64;
    let stats = store.stats().unwrap();
    if built {
        println!(
            "synthetic store: {n} events in {secs:.1} s ({:.0} events/s with merging)",
            n as f64 / secs
        );
    }
    println!(
        "synthetic store: {n} events, {:.0} MB, {} canonical events ({} merged)",
        size / 1e6,
        stats.canonical_events,
        stats.merged_events
    );
    drop(store);
    let store = Store::open_existing(&path).unwrap();
    println!("query latency on {n} events (limit 50, 200 queries each):");
    let day = |i: usize| {
        chrono::NaiveDate::from_ymd_opt(2020 + (i % 5) as i32, 1 + (i % 12) as u32, 1).unwrap()
    };
    let page = |f: EventFilter| EventFilter {
        limit: Some(50),
        ..f
    };
    let runs = 200;
    time_queries("country, newest first", runs, |i| {
        store
            .events(&page(EventFilter {
                countries: vec![COUNTRIES[i % 20].0.into()],
                sort: Sort::DateDesc,
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("actor (either side)", runs, |i| {
        store
            .events(&page(EventFilter {
                actors: vec![actor(i % 40)],
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("type + 3-month range", runs, |i| {
        let from = day(i);
        store
            .events(&page(EventFilter {
                event_type: Some(TYPES[i % TYPES.len()].0),
                from: Some(from),
                to: Some(from + chrono::Days::new(90)),
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("sub-type + country", runs, |i| {
        store
            .events(&page(EventFilter {
                sub_event_type: Some(TYPES[i % TYPES.len()].1.into()),
                countries: vec![COUNTRIES[i % 20].0.into()],
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("province", runs, |i| {
        store
            .events(&page(EventFilter {
                admin1: vec![format!("{} Province {}", COUNTRIES[i % 20].0, i % 10)],
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("bounding box 2x2 degrees", runs, |i| {
        let (_, lat, lon) = COUNTRIES[i % 20];
        store
            .events(&page(EventFilter {
                bbox: Some([lon - 1.0, lat - 1.0, lon + 1.0, lat + 1.0]),
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("min fatalities 190, deadliest first", runs, |_| {
        store
            .events(&page(EventFilter {
                min_fatalities: Some(190),
                sort: Sort::FatalitiesDesc,
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("claimed by", runs, |i| {
        store
            .events(&page(EventFilter {
                claimed_by: vec![actor(i % 40)],
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("country + type + year + min fatalities 100", runs, |i| {
        let from = day(i);
        store
            .events(&page(EventFilter {
                countries: vec![COUNTRIES[i % 20].0.into()],
                event_type: Some(TYPES[i % TYPES.len()].0),
                from: Some(from),
                to: Some(from + chrono::Days::new(365)),
                min_fatalities: Some(100),
                ..Default::default()
            }))
            .unwrap()
            .len()
    });
    time_queries("actor + country, page 20 (offset 1000)", runs, |i| {
        store
            .events(&EventFilter {
                actors: vec![actor(i % 40)],
                countries: vec![COUNTRIES[i % 20].0.into()],
                limit: Some(50),
                offset: 1000,
                ..Default::default()
            })
            .unwrap()
            .len()
    });
    println!("full-text search (limit 20, with snippets):");
    let opts = SearchOptions::default();
    time_queries("one rare word", runs, |i| {
        store.search(RARE[i % RARE.len()], &opts).unwrap().len()
    });
    // WORDS are the 60 most frequent words of the Zipf vocabulary; 10..60
    // are the frequent content words a person would type.
    let common = |k: usize| WORDS[10 + k % 50];
    time_queries("two frequent words", runs, |i| {
        store
            .search(&format!("{} {}", common(i), common(i * 7 + 3)), &opts)
            .unwrap()
            .len()
    });
    let all = SearchOptions {
        rank_window: usize::MAX,
        ..SearchOptions::default()
    };
    time_queries("two frequent words, every match ranked", runs, |i| {
        store
            .search(&format!("{} {}", common(i), common(i * 7 + 3)), &all)
            .unwrap()
            .len()
    });
    time_queries("frequent phrase", runs, |i| {
        store
            .search(&format!("\"{} {}\"", common(i), common(i * 7 + 3)), &opts)
            .unwrap()
            .len()
    });
    time_queries("rare word + common word", runs, |i| {
        store
            .search(
                &format!("{} {}", RARE[i % RARE.len()], WORDS[i % 60]),
                &opts,
            )
            .unwrap()
            .len()
    });
}
