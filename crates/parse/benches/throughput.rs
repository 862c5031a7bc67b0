//! Parse throughput on large generated inputs (`cargo bench -p watchfloor-parse`).
//!
//! Generates ~64 MB of plain-text reports shaped like real ones (about 9 KB
//! each: long commentary and excerpt paragraphs, two sources, notes, image
//! credits; words drawn by a seeded generator so no two paragraphs repeat),
//! then times the fixture repeated (a denser, citation-heavy mix), Markdown,
//! HTML and one 100 MB line. Timed with std::time on one core; the figure to
//! watch is the first line (target ≥ 100 MB/s).

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/two-reports.txt"
    ))
    .expect("fixture is readable");
    let generated = generate(64 << 20);
    report("plain text, generated", &generated.0, 3, |s| {
        let r = watchfloor_parse::parse_text(s, "gen.txt");
        assert_eq!(r.len(), generated.1);
        r.len()
    });

    report("  same, no language detection", &generated.0, 3, |s| {
        let opts = watchfloor_parse::Options {
            detect_languages: false,
            ..Default::default()
        };
        watchfloor_parse::parse_text_with(s, "gen.txt", opts).len()
    });

    let target = 32 << 20;
    let mut big = String::with_capacity(target + fixture.len());
    let mut n = 0usize;
    while big.len() < target {
        n += 1;
        // Distinct titles, so nothing can be cached by content.
        big.push_str(&fixture.replacen("Upper Basin", &format!("Upper Basin Sector {n}"), 1));
        big.push_str("\n\n");
    }
    report("plain text, fixture repeated", &big, 3, |s| {
        let r = watchfloor_parse::parse_text(s, "bench.txt");
        assert_eq!(r.len(), 2 * n);
        r.len()
    });

    let md = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/river-raids.md"
    ))
    .unwrap();
    let md_big = md.repeat((16 << 20) / md.len());
    report("markdown", &md_big, 2, |s| {
        watchfloor_parse::parse_markdown(s, "bench.md").len()
    });

    let html = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/river-raids.html"
    ))
    .unwrap();
    let html_big = html.repeat((16 << 20) / html.len());
    report("html", &html_big, 2, |s| {
        watchfloor_parse::parse_html(s, "bench.html")
            .map(|r| r.len())
            .unwrap_or(0)
    });

    let line = "word “quoted,” (paren) [i] https://example.org/a ".repeat((100 << 20) / 48);
    report("one 100 MB line", &line, 1, |s| {
        watchfloor_parse::parse_text(s, "line.txt").len()
    });
}

fn report(name: &str, input: &str, runs: usize, f: impl Fn(&str) -> usize) {
    // `BENCH_ONLY=generated cargo bench …` runs one scenario (for profiling).
    if std::env::var("BENCH_ONLY").is_ok_and(|only| !name.contains(&only)) {
        return;
    }
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        black_box(f(black_box(input)));
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = input.len() as f64 / 1e6;
    println!(
        "{name:<28} {mb:>8.1} MB  {best:>7.3} s  {:>8.1} MB/s",
        mb / best
    );
}

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "the",
    "armed",
    "group",
    "said",
    "on",
    "Tuesday",
    "that",
    "its",
    "fighters",
    "attacked",
    "a",
    "convoy",
    "near",
    "the",
    "border",
    "town",
    "of",
    "Karsa",
    "where",
    "officials",
    "reported",
    "three",
    "deaths",
    "and",
    "several",
    "injuries",
    "according",
    "to",
    "local",
    "sources",
    "government",
    "forces",
    "responded",
    "with",
    "air",
    "strikes",
    "in",
    "the",
    "district",
    "while",
    "residents",
    "fled",
    "toward",
    "the",
    "capital",
    "ministry",
    "statement",
    "militia",
    "commander",
    "announced",
    "ceasefire",
    "talks",
    "collapsed",
    "after",
    "weeks",
    "of",
    "negotiation",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    let mut c = s.chars();
    let first = c
        .next()
        .map(|f| f.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", c.as_str())
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let n = 12 + (rng.next() % 14) as usize;
            sentence(rng, n)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reports in the plain-text layout, until `target` bytes; returns the text and the report count.
fn generate(target: usize) -> (String, usize) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(target + 16_384);
    let mut n = 0;
    while out.len() < target {
        n += 1;
        out.push_str(&format!(
            "Security Forces Respond to Attacks in Northern District {n}\n\n"
        ));
        out.push_str(&format!("{}\n\n\n", sentence(&mut rng, 9)));
        out.push_str(&format!("“{}”\n\n\n", paragraph(&mut rng, 2)));
        for k in 0..3 {
            out.push_str(&format!(
                "{}[{}]\n\n",
                paragraph(&mut rng, 8),
                ["i", "ii", "iii"][k]
            ));
        }
        out.push_str("\nSources:\n\n");
        for s in 0..2 {
            // Real source titles are in one language each: a template per
            // language, with a place and a number that vary.
            let place = format!("Kora{}", rng.next() % 977);
            let count = 2 + rng.next() % 40;
            let title = match rng.next() % 4 {
                0 => format!("Les forces de sécurité repoussent une attaque près de {place}, {count} morts (Security forces repel an attack near {place}, {count} dead)"),
                1 => format!("El ejército informa de combates cerca de {place} con {count} muertos (The army reports fighting near {place} with {count} dead)"),
                2 => format!("Güvenlik güçleri {place} yakınlarında saldırıyı püskürttü, {count} kişi öldü (Security forces repelled an attack near {place}, {count} people died)"),
                _ => format!("As forças de segurança repelem ataque perto de {place} e {count} pessoas morrem (Security forces repel attack near {place} and {count} people die)"),
            };
            out.push_str(&format!(
                "“{title},” Le Journal du Nord (regional daily), {} March 2024. https://example.org/{n}/{s}\n\n",
                1 + rng.next() % 28
            ));
            for _ in 0..4 {
                out.push_str(&format!("{}\n\n", paragraph(&mut rng, 5)));
            }
        }
        out.push_str("\nNotes:\n\n");
        for k in ["i", "ii", "iii"] {
            out.push_str(&format!("[{k}] {} See: “Background Brief,” Policy Institute, 2023. https://example.org/brief/{n}/{k}\n\n", sentence(&mut rng, 20)));
        }
        out.push_str(&format!("\nImage Information:\n\nImage: {}\nSource: https://example.org/img/{n}.jpg\nAttribution: CC BY 4.0\n\n\n", sentence(&mut rng, 9)));
    }
    (out, n)
}
