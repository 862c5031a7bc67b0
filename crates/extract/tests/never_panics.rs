//! Event coding never panics, whatever the prose: sentences assembled at
//! random from triggers, places, actors, dates, figures, cue words and
//! awkward punctuation and scripts.

use proptest::prelude::*;
use std::sync::OnceLock;
use watchfloor_extract::Extractor;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| {
        Extractor::load_default().expect("knowledge loads (run scripts/fetch-data.sh)")
    })
}

const TOKENS: &[&str] = &[
    "attacked",
    "killing",
    "killed",
    "at least",
    "12",
    "twenty-one",
    "soldiers",
    "civilians",
    "in",
    "near",
    "Mogadishu",
    "Kabul",
    "Tinzaouatine",
    "the",
    "village of",
    "on Sunday",
    "yesterday",
    "3 January 2024",
    "last November",
    "by",
    "claimed responsibility",
    "denied",
    "according to",
    "said",
    "police",
    "the army",
    "JNIM",
    "Al-Shabaab",
    "ISIS",
    "Daesh,",
    "air strike",
    "suicide bomber detonated",
    "IED",
    "arrested",
    "severed diplomatic relations with",
    "Niger",
    "Ukraine",
    "after the attack",
    "could",
    "no casualties",
    "were injured",
    ",",
    ";",
    "…",
    "“",
    "”",
    "’s",
    "[i]",
    "(",
    ")",
    "—",
    "کابل",
    "Москва",
    "Ségou",
    "İstanbul",
    "ǅ",
    "\u{200b}",
    "\n",
    ".",
    "?",
    "-based",
];

fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn coding_any_prose_never_panics(commentary in prose(), excerpt in prose(), date in 1u32..29) {
        let text = format!(
            "A Report\n\nA caption.\n\n\n“A quote.”\n\n\n{commentary}\n\n\nSources:\n\n\
             “Titre (Title),” Outlet (a daily), {date} March 2024. https://example.org/a\n\n{excerpt}\n\n\n\
             Image Information:\n\nImage: A caption.\nSource: https://example.org/i.jpg\n"
        );
        for report in watchfloor_parse::parse_text(&text, "random.txt") {
            for event in extractor().extract(&report) {
                // Evidence spans are file spans holding the sentence.
                for e in &event.evidence {
                    prop_assert_eq!(&text[e.span.start..e.span.end], e.text.as_str());
                }
            }
        }
    }
}
