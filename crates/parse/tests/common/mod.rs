//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use watchfloor_model::{Report, Span};

pub fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", p.display()))
}

fn slice(file: &str, s: Span) -> &str {
    &file[s.start..s.end]
}

/// For plain text, every element's text is exactly the file slice at its span,
/// and every note marker's span covers `[marker]`.
pub fn assert_exact_spans(file: &str, reports: &[Report]) {
    for r in reports {
        assert_eq!(slice(file, r.title_span), r.title);
        assert!(r.span.contains(r.title_span));
        for t in r
            .image_caption
            .iter()
            .chain(r.quote.iter())
            .chain(r.summary.iter())
        {
            assert_eq!(slice(file, t.span), t.text);
            assert!(r.span.contains(t.span));
        }
        let paras = r
            .paragraphs
            .iter()
            .chain(r.sources.iter().flat_map(|s| s.excerpt.iter()));
        for p in paras {
            assert_eq!(slice(file, p.span), p.text);
            assert!(r.span.contains(p.span));
            for n in &p.note_refs {
                assert_eq!(slice(file, n.span), format!("[{}]", n.marker));
            }
        }
        for s in &r.sources {
            assert_eq!(slice(file, s.citation.span), s.citation.text);
        }
        for n in &r.notes {
            assert_eq!(slice(file, n.span), n.text);
        }
        for i in &r.images {
            assert!(
                r.span.contains(i.span),
                "image span {} outside report {}",
                i.span,
                r.span
            );
        }
    }
}
