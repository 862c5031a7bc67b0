//! Gazetteer benchmarks (plain std::time; `harness = false`):
//! load time, resident memory once loaded, lookup throughput and
//! mention-finding throughput in MB/s.
//!
//! Run: `cargo bench -p watchfloor-gazetteer` (needs scripts/fetch-data.sh).
//! The text is generated here from a small hand-written paragraph, so the
//! figures are reproducible and independent of any corpus.

use std::hint::black_box;
use std::time::Instant;
use watchfloor_gazetteer::{Context, Gazetteer};

const PARAGRAPH: &str = "According to officials in Bamako, fighters attacked an army post near \
Tinzaouatene in the Kidal region of northern Mali on Tuesday, while the Nigerien army said it had \
repelled an assault on Ouallam in the Tillabéri region. In Pakistan, militants struck a police \
station in Dera Ismail Khan district and a convoy on the Quetta–Mastung road; the Tehrik-i-Taliban \
Pakistan denied involvement. Separately, a bombing in Dasht-e-Barchi, a Hazara neighbourhood of \
western Kabul, killed 12 people. The ministry spokesman told reporters that the situation in \
Mogadishu, Beledweyne and along the Shabelle river remained tense, and that aid convoys to El Fasher \
and Zamzam camp had been blocked. Analysts expect further fighting around Goma and Bunia.\n\n";

/// Commentary-style prose with the place density of a typical report
/// (a place name every few hundred bytes).
const PROSE: &str =
    "The leadership of the rebel coalition acknowledged that it had acquired armed \
drones several months earlier and had trained its fighters to drop modified grenades on fixed \
positions. Analysts cautioned that the group still lacks the logistics to sustain such operations, \
but noted that the government's reliance on foreign contractors has left remote garrisons exposed. \
Officials in Niamey said the decision to sever diplomatic relations followed statements by a \
foreign intelligence spokesman that appeared to endorse the attack. Regional governments have \
since coordinated their messaging, and the junta in Ouagadougou announced a review of all security \
agreements signed before the coup. Observers expect the dispute to shape negotiations on border \
security, humanitarian access and the return of displaced families over the coming year.\n\n";

fn rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let before = rss_mb();
    let t = Instant::now();
    let g = match Gazetteer::load_default() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("gazetteer bench skipped: {e}");
            return;
        }
    };
    let load = t.elapsed();
    let after = rss_mb();
    println!(
        "load: {:.1} ms ({} places)",
        load.as_secs_f64() * 1e3,
        g.len()
    );
    // Repeat loads to separate cold-cache effects from steady state.
    let t = Instant::now();
    for _ in 0..3 {
        black_box(Gazetteer::load_default().unwrap());
    }
    println!(
        "load (warm, mean of 3): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3 / 3.0
    );
    if let (Some(b), Some(a)) = (before, after) {
        println!(
            "resident memory: {a:.0} MB total, {:.0} MB for the gazetteer",
            a - b
        );
    }

    let names = [
        "Kabul",
        "Tinzaouatine",
        "Tinzawatene",
        "the Kidal region",
        "Hangu district",
        "northern Mali",
        "Dasht Barchi",
        "Paktiya",
        "Shabwa",
        "Sarıyer",
        "Beledweyne",
        "Maidugury",
        "Mogadishu",
        "Khan Yunis",
        "Culiacán",
        "Ségou",
    ];
    let ctx = Context::country("ML");
    let n = 2000;
    let t = Instant::now();
    for i in 0..n {
        black_box(g.lookup(names[i % names.len()], &ctx));
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "lookup: {:.0} lookups/s ({:.1} µs each, mixed exact/variant/fuzzy)",
        n as f64 / el,
        el * 1e6 / n as f64
    );

    let exact = ["Kabul", "Mogadishu", "Bamako", "Peshawar", "Gao", "Kidal"];
    let t = Instant::now();
    for i in 0..20_000 {
        black_box(g.lookup(exact[i % exact.len()], &ctx));
    }
    let el = t.elapsed().as_secs_f64();
    println!("lookup (exact names): {:.0} lookups/s", 20_000.0 / el);

    let misses = [
        "Qxzvbnty",
        "Peshawat",
        "Wonderlandia",
        "Bamakko Town",
        "كابلقصثقفغ",
    ];
    let t = Instant::now();
    for i in 0..2_000 {
        black_box(g.lookup(misses[i % misses.len()], &ctx));
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "lookup (no exact match: skeleton + edit-distance fallback): {:.0} µs each",
        el * 1e6 / 2_000.0
    );

    let text = PARAGRAPH.repeat((8 << 20) / PARAGRAPH.len());
    let t = Instant::now();
    let m = g.find_mentions(&text);
    let el = t.elapsed().as_secs_f64();
    println!(
        "find_mentions: {:.1} MB/s ({} mentions in {:.1} MB)",
        text.len() as f64 / 1e6 / el,
        m.len(),
        text.len() as f64 / 1e6
    );
    let text = PROSE.repeat((8 << 20) / PROSE.len());
    let t = Instant::now();
    let m = g.find_mentions(&text);
    let el = t.elapsed().as_secs_f64();
    println!(
        "find_mentions (report-like density): {:.1} MB/s ({} mentions in {:.1} MB)",
        text.len() as f64 / 1e6 / el,
        m.len(),
        text.len() as f64 / 1e6
    );
}
