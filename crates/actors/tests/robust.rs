//! Any text, however odd, gives well-formed mentions and never a panic.

use proptest::prelude::*;
use std::sync::OnceLock;
use watchfloor_actors::Catalogue;

fn cat() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| Catalogue::load_default().expect("default catalogue"))
}

/// Text mixing real names, role words, odd punctuation and non-Latin letters.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("JNIM".to_string()),
        Just("Jama’at".to_string()),
        Just("Malian".to_string()),
        Just("army".to_string()),
        Just("'s".to_string()),
        Just("IS".to_string()),
        Just("-".to_string()),
        Just("—".to_string()),
        Just("Forces Armées".to_string()),
        Just("داعش".to_string()),
        Just("https://x.org/isis".to_string()),
        Just("æ".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(
        (
            piece,
            prop_oneof![Just(" "), Just(""), Just("\n"), Just(", ")],
        ),
        0..24,
    )
    .prop_map(|v| v.into_iter().map(|(p, sep)| p + sep).collect())
}

proptest! {
    #[test]
    fn mentions_are_ordered_disjoint_and_exact(text in texty()) {
        let ms = cat().find_mentions(&text);
        let mut last_end = 0;
        for m in &ms {
            prop_assert!(m.span.start >= last_end, "overlap in {:?}: {:?}", text, ms);
            prop_assert!(m.span.start < m.span.end);
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert_eq!(&text[m.span.start..m.span.end], m.surface.as_str());
            prop_assert!(m.actor.is_some() != m.generic.is_some());
            if let Some(id) = &m.actor {
                prop_assert!(cat().get(id).is_some());
            }
            last_end = m.span.end;
        }
    }

    #[test]
    fn lookup_never_panics(q in "\\PC{0,40}") {
        let _ = cat().lookup(&q);
    }
}
