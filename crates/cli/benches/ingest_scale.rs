//! How `watchfloor ingest` scales with the size of one file: generated
//! OE Watch-style digests of 1, 10 and 100 MB (one file each, thousands of
//! reports retelling a few hundred occurrences), each ingested by the real
//! binary into a fresh store; wall time and peak resident memory (VmHWM of
//! the child, sampled every 10 ms) per size, and the ratios between sizes.
//! Also `watchfloor events` and `watchfloor ingest` on one line of event
//! sentences (no title, no line break) at two sizes: the "quadratic inside
//! a paragraph" and "100 MB single line" checks.
//!
//! Run (release build):
//! `cargo bench -p watchfloor --bench ingest_scale` — sizes in MB with
//! `WATCHFLOOR_BENCH_MB=1,10,100` (the default), paragraph sizes with
//! `WATCHFLOOR_BENCH_PARA_MB=1,10` (`0` skips them; the probe is 100). Needs the gazetteer
//! index (`scripts/fetch-data.sh`).

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
}

const WORDS: &[&str] = &[
    "officials",
    "said",
    "the",
    "region",
    "remains",
    "tense",
    "after",
    "weeks",
    "of",
    "talks",
    "between",
    "local",
    "leaders",
    "and",
    "traders",
    "over",
    "roads",
    "markets",
    "water",
    "schools",
    "prices",
    "harvest",
    "season",
    "council",
    "meeting",
    "budget",
    "river",
    "bridge",
    "repairs",
    "residents",
    "complained",
    "about",
    "delays",
    "in",
    "aid",
    "deliveries",
    "to",
    "villages",
    "near",
    "border",
    "crossings",
];

fn filler(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for s in 0..words / 12 {
        if s > 0 {
            out.push(' ');
        }
        for w in 0..12 {
            let word = WORDS[rng.below(WORDS.len())];
            if w == 0 {
                let mut c = word.chars();
                let first = c.next().unwrap().to_ascii_uppercase();
                out.push(first);
                out.push_str(c.as_str());
            } else {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push('.');
    }
    out
}

const TOWNS: &[(&str, &str)] = &[
    ("Gao", "Malian"),
    ("Mopti", "Malian"),
    ("Maiduguri", "Nigerian"),
    ("Djibo", "Burkinabe"),
    ("Quetta", "Pakistani"),
    ("Mogadishu", "Somali"),
];

/// One OE Watch-style report (about 7 KB): title, caption, pull quote,
/// commentary, three excerpts retelling one attack, notes, image block.
fn report_text(rng: &mut Rng, n: usize) -> String {
    let (town, adj) = TOWNS[n % TOWNS.len()];
    let day = 1 + rng.below(27);
    let month = ["January", "March", "May", "July", "September", "November"][(n / 6) % 6];
    let dead = 2 + rng.below(60);
    let mut text = format!(
        "Militants Strike in {town} ({n})\n\nSoldiers on patrol.\n\n\n\u{201c}{}\u{201d}\n\n\n\
         Militants keep pressing {adj} forces. Gunmen attacked an army post in {town} on {day} {month} 2024, killing {dead} soldiers.[i] {}\n\n{}\n\n{}\n\n{}\n\n\n\
         Sources:\n\n",
        filler(rng, 24),
        filler(rng, 60),
        filler(rng, 84),
        filler(rng, 84),
        filler(rng, 84)
    );
    for s in 0..3 {
        text.push_str(&format!(
            "\u{201c}Attaque {s} (Attack {s}),\u{201d} Example Daily (independent daily), 28 {month} 2024. https://www.example.org/{n}/{s}\n\n\
             Gunmen attacked an army post in {town} on {day} {month} 2024, killing {dead} soldiers, security sources said. {}\n\n{}\n\n",
            filler(rng, 72),
            filler(rng, 96)
        ));
    }
    text.push_str(&format!(
        "\nNotes:\n\n[i] Background: Example Institute, 2020. https://www.example.org/bg-{n}\n\n\n\
         Image Information:\n\nImage: Soldiers on patrol.\nSource: https://commons.example.org/{n}.jpg\nAttribution: Public Domain\n\n\n"
    ));
    text
}

/// One paragraph (no line break) of `mb` MB of event sentences.
fn paragraph_text(rng: &mut Rng, mb: usize) -> String {
    let mut text = String::with_capacity(mb << 20);
    let mut n = 0;
    while text.len() < mb << 20 {
        let (town, _) = TOWNS[n % TOWNS.len()];
        let day = 1 + rng.below(27);
        text.push_str(&format!(
            "Gunmen attacked an army post in {town} on {day} March 2024, killing {} soldiers. {} ",
            2 + rng.below(60),
            filler(rng, 24)
        ));
        n += 1;
    }
    text.push('\n');
    text
}

/// Runs `cmd`, returning wall time and the child's peak resident memory
/// (VmHWM, sampled every 10 ms; the high-water mark only grows, so at most
/// the last 10 ms go unseen).
fn measure(cmd: &mut Command) -> (Duration, u64, bool) {
    let start = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).spawn().expect("spawn watchfloor");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_path) {
            if let Some(kb) = s
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    (start.elapsed(), peak_kb * 1024, status.success())
}

fn sizes(var: &str, default: &[usize]) -> Vec<usize> {
    std::env::var(var)
        .ok()
        .map(|v| {
            v.split(',')
                .filter_map(|x| x.trim().parse().ok())
                .filter(|&x| x > 0)
                .collect()
        })
        .unwrap_or_else(|| default.to_vec())
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_watchfloor");
    let dir = tempfile::tempdir().expect("temp dir");
    let mb_list = sizes("WATCHFLOOR_BENCH_MB", &[1, 10, 100]);
    let mut rows: Vec<(usize, f64, f64, u64)> = Vec::new();
    for &mb in &mb_list {
        let file = dir.path().join(format!("digest-{mb}mb.txt"));
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        let (mut bytes, mut n) = (0usize, 0usize);
        while bytes < mb * 1_000_000 {
            let r = report_text(&mut rng, n);
            bytes += r.len();
            out.write_all(r.as_bytes()).unwrap();
            n += 1;
        }
        out.flush().unwrap();
        drop(out);
        let db = dir.path().join(format!("digest-{mb}mb.db"));
        let (t, peak, ok) = measure(
            Command::new(bin)
                .arg("ingest")
                .arg(&file)
                .arg("--db")
                .arg(&db)
                .stderr(std::fs::File::create(dir.path().join("ingest.log")).unwrap()),
        );
        let log = std::fs::read_to_string(dir.path().join("ingest.log")).unwrap_or_default();
        for line in log.lines().filter(|l| l.starts_with("added ")) {
            println!("  {line}");
        }
        assert!(ok, "ingest of {} failed", file.display());
        let secs = t.as_secs_f64();
        println!(
            "ingest {mb:>4} MB ({n} reports): {secs:8.2} s  {:6.2} MB/s  peak {:7.1} MB",
            bytes as f64 / 1e6 / secs,
            peak as f64 / 1e6
        );
        rows.push((mb, bytes as f64 / 1e6, secs, peak));
        std::fs::remove_file(&file).ok();
        remove_store(&db);
    }
    for w in rows.windows(2) {
        let (a, b) = (w[0], w[1]);
        println!(
            "  {} MB -> {} MB: size x{:.2}, time x{:.2} (linear would be x{:.2}; {:.2} of linear), peak memory x{:.2}",
            a.0,
            b.0,
            b.1 / a.1,
            b.2 / a.2,
            b.1 / a.1,
            (b.2 / a.2) / (b.1 / a.1),
            b.3 as f64 / a.3.max(1) as f64
        );
    }
    // One line of event sentences, no title and no line break: read in
    // parts of at most 1 MiB by the parser, so time and memory stay linear.
    let para_list = sizes("WATCHFLOOR_BENCH_PARA_MB", &[1, 10]);
    let mut prev: Option<(usize, f64, f64)> = None;
    for &mb in &para_list {
        let file = dir.path().join(format!("paragraph-{mb}mb.txt"));
        let mut rng = Rng(0x51_7CC1_B727_220A);
        std::fs::write(&file, paragraph_text(&mut rng, mb)).unwrap();
        let (t, peak, ok) = measure(Command::new(bin).arg("events").arg(&file));
        assert!(ok, "events on {} failed", file.display());
        let secs = t.as_secs_f64();
        println!(
            "events on one {mb} MB line: {secs:8.2} s  peak {:7.1} MB",
            peak as f64 / 1e6
        );
        let db = dir.path().join(format!("paragraph-{mb}mb.db"));
        let (ti, peak_i, ok) = measure(
            Command::new(bin)
                .arg("ingest")
                .arg(&file)
                .arg("--db")
                .arg(&db),
        );
        assert!(ok, "ingest of {} failed", file.display());
        let isecs = ti.as_secs_f64();
        println!(
            "ingest of one {mb} MB line: {isecs:8.2} s  peak {:7.1} MB",
            peak_i as f64 / 1e6
        );
        if let Some((pmb, psecs, pisecs)) = prev {
            println!(
                "  {pmb} MB -> {mb} MB line: events time x{:.2}, ingest time x{:.2}, for size x{:.2}",
                secs / psecs,
                isecs / pisecs,
                mb as f64 / pmb as f64
            );
        }
        prev = Some((mb, secs, isecs));
        std::fs::remove_file(&file).ok();
        remove_store(&db);
    }
}

fn remove_store(db: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(ext);
        std::fs::remove_file(p).ok();
    }
}
