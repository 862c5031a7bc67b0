//! Catalogue load time and mention-finding throughput.
//!
//! `cargo bench -p watchfloor-actors` prints load time (the embedded
//! catalogue, parsed, checked and compiled into the automaton) and MB/s of
//! `find_mentions` over a synthetic report-like text of a few megabytes. The
//! target is at least 20 MB/s.

use std::hint::black_box;
use std::time::Instant;
use watchfloor_actors::Catalogue;

/// Report-like prose with a realistic density of actor mentions, written
/// for this benchmark.
const PARAGRAPHS: &[&str] = &[
    "On Tuesday the Malian army said its drones had struck a convoy of JNIM fighters near the border, \
     while the CSP accused FAMa and Wagner’s auxiliaries of killing civilians at a market.",
    "Pakistani security forces raided a compound in the district after the TTP claimed a suicide attack \
     on a police station; the ISPR said six militants were killed and two soldiers injured.",
    "The Islamic State Khorasan Province (ISKP) claimed the bombing in a statement, and the Taliban \
     government promised to hunt down those responsible. Afghan refugees continued to cross the border.",
    "Al-Shabaab fighters ambushed a convoy of the Somali National Army and ATMIS troops north of the \
     capital, according to local elders who spoke to reporters by telephone.",
    "In Colombia, clashes between the ELN and FARC dissidents displaced hundreds of families, while the \
     Clan del Golfo extended its control of cocaine routes towards the Pacific coast.",
    "Analysts note that the economy of the region depends on livestock and seasonal trade, and that \
     rainfall has been below average for three consecutive years, worsening food insecurity.",
    "Turkish counter-terrorism police detained 25 suspects with alleged links to ISIS in dawn raids \
     across several provinces; Tajik nationals were among those detained, officials said.",
];

fn main() {
    let t = Instant::now();
    let cat = Catalogue::load_default().expect("default catalogue loads");
    let load = t.elapsed();
    let runs = 5;
    let t = Instant::now();
    for _ in 0..runs {
        black_box(Catalogue::load_default().expect("loads"));
    }
    let load_avg = t.elapsed() / runs;
    println!(
        "catalogue load: first {:.1} ms, average {:.1} ms ({} actors)",
        load.as_secs_f64() * 1e3,
        load_avg.as_secs_f64() * 1e3,
        cat.actors().len()
    );

    let mut text = String::new();
    let mut i = 0;
    while text.len() < 4 << 20 {
        text.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        text.push_str(if i % 3 == 2 { "\n\n" } else { " " });
        i += 1;
    }
    let mb = text.len() as f64 / 1e6;
    let mut count = 0;
    let t = Instant::now();
    let rounds = 3;
    for _ in 0..rounds {
        count = black_box(cat.find_mentions(black_box(&text))).len();
    }
    let secs = t.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "find_mentions: {:.1} MB in {:.1} ms = {:.1} MB/s ({} mentions, {:.0} per MB)",
        mb,
        secs * 1e3,
        mb / secs,
        count,
        count as f64 / mb
    );

    // A single report-sized text, as the pipeline calls it.
    let report = &text[..8_000];
    let n = 2000;
    let t = Instant::now();
    for _ in 0..n {
        black_box(cat.find_mentions(black_box(report)));
    }
    let per = t.elapsed().as_secs_f64() / n as f64;
    println!(
        "find_mentions on 8 KB: {:.1} µs each = {:.1} MB/s",
        per * 1e6,
        8e-3 / per
    );
}
