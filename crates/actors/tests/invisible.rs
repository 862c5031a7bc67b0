//! Invisible format characters inside a name (issue 16): zero-width
//! joiners and spaces, bidirectional controls and soft hyphens are read as
//! nothing, while spans still point into the text as written.

use watchfloor_actors::Catalogue;

#[test]
fn invisible_characters_do_not_hide_a_name_and_spans_stay_in_the_original() {
    let cat = Catalogue::load_default().unwrap();
    for text in [
        "Fighters of the R\u{200d}S\u{200b}F shelled the market.",
        "Fighters of the Rapid\u{202e} Support\u{202c} Forces shelled the market.",
        "Fighters of the \u{2067}Rapid Sup\u{ad}port Forces\u{2069} shelled the market.",
        "Fighters of the \u{feff}R\u{200c}SF\u{200e} shelled the market.",
    ] {
        let found = cat.find_mentions(text);
        let rsf: Vec<_> = found
            .iter()
            .filter(|m| m.actor.as_deref() == Some("rsf"))
            .collect();
        assert_eq!(rsf.len(), 1, "{text:?}: {found:?}");
        let m = rsf[0];
        // The span is of the original text and covers the name as written.
        assert_eq!(&text[m.span.start..m.span.end], m.surface);
        assert!(m.surface.starts_with('R'), "{:?}", m.surface);
        assert!(
            m.surface.ends_with('F') || m.surface.ends_with("Forces"),
            "{:?}",
            m.surface
        );
    }
    // Mentions after an invisible character keep their own offsets.
    let text = "The R\u{200d}SF and JNIM fought.";
    let found = cat.find_mentions(text);
    let jnim = found
        .iter()
        .find(|m| m.actor.as_deref() == Some("jnim"))
        .unwrap();
    assert_eq!(&text[jnim.span.start..jnim.span.end], "JNIM");
}
