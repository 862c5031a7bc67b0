//! Property tests: arbitrary bytes and mutated reports never make the parser panic,
//! and for plain text the span invariant holds whatever the input.

mod common;
use common::{assert_exact_spans, fixture};
use proptest::prelude::*;
use watchfloor_parse::{parse_bytes, parse_text};

fn lines_of(s: &str) -> Vec<String> {
    s.split('\n').map(str::to_string).collect()
}

/// A mutation of a valid report, applied at line level or character level.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    InsertText(usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "“",
                "”",
                "(",
                ")",
                "[i]",
                "Sources:",
                "Notes:",
                "Image:",
                "\n\n",
                "Source: ",
                "\u{a0}",
                ",”",
                "https://",
                "Attribution:",
                "[",
                "«"
            ])
            .prop_map(str::to_string)
        )
            .prop_map(|(a, t)| Mutation::InsertText(a, t)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, muts: &[Mutation]) -> String {
    let mut lines = lines_of(text);
    for m in muts {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::InsertText(at, t) if !lines.is_empty() => {
                let l = &mut lines[at % n];
                let mut pos = at % (l.len() + 1);
                while !l.is_char_boundary(pos) {
                    pos -= 1;
                }
                l.insert_str(pos, t);
            }
            Mutation::Truncate(at) => {
                let joined = lines.join("\n");
                let mut pos = at % (joined.len() + 1);
                while !joined.is_char_boundary(pos) {
                    pos -= 1;
                }
                lines = lines_of(&joined[..pos]);
            }
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec!["txt", "md", "html", "json", "bin"])) {
        let _ = parse_bytes(&bytes, &format!("fuzz.{ext}"));
    }

    #[test]
    fn arbitrary_text_never_panics_and_spans_hold(s in "[A-Za-z “”\"()\\[\\]:,.\n\u{a0}«»ښ0-9/]{0,600}") {
        let r = parse_text(&s, "fuzz.txt");
        assert_exact_spans(&s, &r);
        let _ = watchfloor_parse::parse_markdown(&s, "fuzz.md");
        let _ = watchfloor_parse::parse_html(&s, "fuzz.html");
    }

    #[test]
    fn mutated_reports_never_panic_and_spans_hold(muts in prop::collection::vec(mutation(), 1..12)) {
        let f = apply(&fixture("two-reports.txt"), &muts);
        let r = parse_text(&f, "mutated.txt");
        assert_exact_spans(&f, &r);
        let md = apply(&fixture("river-raids.md"), &muts);
        let _ = watchfloor_parse::parse_markdown(&md, "mutated.md");
        let html = apply(&fixture("river-raids.html"), &muts);
        let _ = watchfloor_parse::parse_html(&html, "mutated.html");
    }
}
