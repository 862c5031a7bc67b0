//! The check against the real sample corpus: `$WATCHFLOOR_CORPUS`, else
//! `../shared/corpus/` (next to the repository). Ignored by default, since
//! the corpus is not part of the repository: run it with
//! `scripts/check-corpus.sh CORPUS_DIR`. Fails, saying so, where the corpus
//! is absent.

mod common;
use common::assert_exact_spans;
use std::path::PathBuf;
use watchfloor_model::Report;

fn corpus_dir() -> PathBuf {
    match std::env::var_os("WATCHFLOOR_CORPUS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
    }
}

/// (title, sources, notes, images, languages of the source titles), counted by hand from the file.
const EXPECTED: &[(&str, usize, usize, usize, &[&str])] = &[
    ("Drone Warfare Is Becoming a Common Tactic in Mali", 2, 2, 1, &["fr", "fr"]),
    ("Sahelian States Sever Ties with Ukraine", 2, 2, 1, &["fr", "fr"]),
    ("Burkina Faso Reels From Continued Terrorist Attacks", 2, 3, 1, &["fr", "fr"]),
    ("Mali Launches Successful Counterterrorism Operations", 2, 1, 1, &["ar", "fr"]),
    ("Turkey Conducts Counterterrorism Operations Against the Islamic State", 2, 1, 1, &["ar", "tr"]),
    ("Al-Qaeda in the Arabian Peninsula Names New Leader", 2, 3, 1, &["ar", "ar"]),
    ("Taliban Challenged by Uptick of Islamic State–Khorasan Province Attacks", 2, 4, 1, &["ps", "fa"]),
    ("Pakistan Deporting Approximately 1.7 Million Undocumented Afghanis in Response to Terrorist Attacks", 2, 3, 1, &["ps", "ps"]),
    ("Pakistan Struggles In The Tri-Border Region After Multiple Terrorist Attacks", 2, 4, 1, &["ps", "ps"]),
];

#[test]
#[ignore = "reads ../shared/corpus; run scripts/check-corpus.sh"]
fn sample_corpus_parses_completely() {
    let dir = corpus_dir();
    assert!(
        dir.is_dir(),
        "no corpus at {} (it lives beside the repository, in shared/corpus)",
        dir.display()
    );
    let path = dir.join("oe-watch-terrorism-2024.txt");
    let text = std::fs::read_to_string(&path).expect("corpus file is readable UTF-8");
    let results = watchfloor_parse::parse_path(&path);
    assert_eq!(results.len(), 1);
    let reports: &Vec<Report> = results[0].as_ref().expect("the corpus parses");
    assert_exact_spans(&text, reports);

    let titles: Vec<&str> = reports.iter().map(|r| r.title.as_str()).collect();
    let expected_titles: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(titles, expected_titles);

    for (r, &(title, sources, notes, images, langs)) in reports.iter().zip(EXPECTED) {
        assert_eq!(r.sources.len(), sources, "{title}: sources");
        assert_eq!(r.notes.len(), notes, "{title}: notes");
        assert_eq!(r.images.len(), images, "{title}: images");
        assert!(
            r.image_caption.is_some() && r.quote.is_some(),
            "{title}: caption and quote"
        );
        assert!(!r.paragraphs.is_empty(), "{title}: commentary");
        assert!(r.warnings.is_empty(), "{title}: {:?}", r.warnings);
        let got: Vec<&str> = r
            .sources
            .iter()
            .map(|s| s.language.as_deref().unwrap_or("?"))
            .collect();
        assert_eq!(got, langs, "{title}: languages");
        for s in &r.sources {
            assert!(
                s.date.is_some(),
                "{title}: source without date: {}",
                s.citation.text
            );
            assert!(
                s.url.as_deref().is_some_and(|u| u.starts_with("http")),
                "{title}: source without URL: {}",
                s.citation.text
            );
            assert!(
                s.original_title.is_some() && s.translated_title.is_some() && s.outlet.is_some(),
                "{title}: {}",
                s.citation.text
            );
            assert!(!s.excerpt.is_empty(), "{title}: source without excerpt");
        }
        for n in &r.notes {
            assert!(!n.marker.is_empty(), "{title}: note without marker");
        }
        for i in &r.images {
            assert!(
                i.caption.is_some()
                    && i.source_url
                        .as_deref()
                        .is_some_and(|u| u.starts_with("http")),
                "{title}: image {i:?}"
            );
        }
        // Every marker in the commentary finds its note.
        for p in &r.paragraphs {
            for m in &p.note_refs {
                assert!(
                    m.note.is_some(),
                    "{title}: marker [{}] has no note",
                    m.marker
                );
            }
        }
    }
    // Irregularities of the sample, each checked once.
    let summaries: Vec<usize> = reports.iter().map(|r| r.summary.len()).collect();
    assert_eq!(
        summaries,
        [0, 1, 2, 0, 1, 0, 0, 0, 0],
        "leading Summary: and OE Insight Summary: sections"
    );
    let access: Vec<bool> = reports
        .iter()
        .flat_map(|r| r.sources.iter().map(|s| s.date_is_access))
        .collect();
    assert_eq!(
        access.iter().filter(|&&a| a).count(),
        1,
        "one `Accessed` date"
    );
    let attributions = reports
        .iter()
        .flat_map(|r| &r.images)
        .filter(|i| i.attribution.is_some())
        .count();
    assert_eq!(
        attributions, 8,
        "every image but the first has an attribution"
    );
    eprintln!(
        "corpus OK: {} reports, {} sources, {} notes",
        reports.len(),
        reports.iter().map(|r| r.sources.len()).sum::<usize>(),
        reports.iter().map(|r| r.notes.len()).sum::<usize>()
    );
}
