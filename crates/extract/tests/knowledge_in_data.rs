//! Knowledge lives in `data/`, code holds mechanisms (ARCHITECTURE.md): a
//! list of lower-case words or phrases written into the extractor's or the
//! recognizer's code fails this test. The extractor's lists belong in
//! `data/words.toml` (word lists the mechanisms read) or
//! `data/triggers.toml` (the trigger lexicon and cues), the recognizer's in
//! `data/recognize.toml`, each with a comment on what it means in general.
//!
//! What counts as a list: a `const`/`static` array of three or more string
//! literals, an array literal of four or more, a `matches!` over four or
//! more string patterns — each counting only literals with a lower-case
//! letter —, or a regex alternation inside one literal of four or more
//! lower-case words of three letters or more ("yesterday|today|tonight|
//! last week"). Shorter runs ("a" | "an" | "one", "st|nd|rd|th") are
//! grammar the mechanism spells out, and test modules are not scanned.

use std::path::Path;

fn literals(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('"') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('"') else { break };
        out.push(&after[..j]);
        rest = &after[j + 1..];
    }
    out.into_iter()
        .filter(|l| l.chars().any(|c| c.is_lowercase()))
        .collect()
}

/// Every string literal in `code` with its position (escaped quotes and raw
/// strings' hashes are not needed by the sources scanned).
fn literal_positions(code: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find('"') {
        let start = from + i + 1;
        let Some(j) = code[start..].find('"') else {
            break;
        };
        out.push((start, &code[start..start + j]));
        from = start + j + 1;
    }
    out
}

/// The longest run of `|`-separated lower-case words (letters and spaces,
/// three letters or more) in `literal`; the run's first word may follow
/// other regex syntax and its last be followed by it.
fn longest_word_alternation(literal: &str) -> usize {
    let is_word = |w: &str| {
        w.chars().filter(|c| c.is_ascii_lowercase()).count() >= 3
            && w.chars().all(|c| c.is_ascii_lowercase() || c == ' ')
    };
    let pieces: Vec<&str> = literal.split('|').collect();
    let (mut best, mut run) = (0, 0);
    for (i, piece) in pieces.iter().enumerate() {
        // Regex syntax may open the run's first piece and close its last.
        let head = piece.trim_end_matches(|c: char| !(c.is_ascii_lowercase() || c == ' '));
        let tail = piece
            .rsplit(|c: char| !(c.is_ascii_lowercase() || c == ' '))
            .next()
            .unwrap_or(piece);
        if is_word(piece) {
            run += 1;
        } else {
            // This piece may close the run before it...
            if run > 0 && is_word(head) && i > 0 {
                best = best.max(run + 1);
            }
            // ...and open the next.
            run = usize::from(is_word(tail));
        }
        best = best.max(run);
    }
    best
}

/// (line, what) for every phrase list in `source`.
fn phrase_lists(source: &str) -> Vec<(usize, String)> {
    // Test modules may spell out their cases.
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let code: String = code
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let line_of = |pos: usize| code[..pos].matches('\n').count() + 1;
    let mut found = Vec::new();
    // Array literals: `[ "a", "b", ... ]`.
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'[' {
            if let Some(end) = code[i..].find(']') {
                let inner = &code[i + 1..i + end];
                let only_strings = inner
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .all(|p| p.starts_with('"') && p.ends_with('"'));
                let n = literals(inner).len();
                let is_const =
                    code[..i].trim_end().ends_with("= &") || code[..i].trim_end().ends_with('=');
                if only_strings && (n >= 4 || (is_const && n >= 3)) {
                    found.push((line_of(i), format!("a list of {n} phrases")));
                }
            }
        }
        i += 1;
    }
    // A regex alternation of words inside one literal: `r"(?:in|at|near|by)"`.
    for (pos, lit) in literal_positions(&code) {
        let n = longest_word_alternation(lit);
        if n >= 4 {
            found.push((line_of(pos), format!("a regex alternation of {n} words")));
        }
    }
    // `matches!(x, "a" | "b" | ...)`.
    for (pos, _) in code.match_indices("matches!(") {
        let Some(end) = code[pos..].find(')') else {
            continue;
        };
        let body = &code[pos..pos + end];
        if body.contains('|') {
            let n = literals(body).len();
            if n >= 4 {
                found.push((line_of(pos), format!("matches! over {n} phrases")));
            }
        }
    }
    found
}

/// `file:line: what` for every phrase list in the `.rs` files of `dir`.
fn offences_in(dir: &Path) -> Vec<String> {
    let mut offences = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).expect("source is readable");
            for (line, what) in phrase_lists(&source) {
                offences.push(format!("{}:{line}: {what}", path.display()));
            }
        }
    }
    offences
}

#[test]
fn the_extractor_holds_no_phrase_lists() {
    let offences = offences_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(
        offences.is_empty(),
        "move these to data/words.toml or data/triggers.toml:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_scanner_finds_a_list_written_into_code() {
    let code = "const WORDS: &[&str] = &[\"killed\", \"slain\", \"dead\"];\nfn f(w: &str) -> bool { matches!(w, \"in\" | \"at\" | \"near\" | \"by\") }\n";
    let found = phrase_lists(code);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        phrase_lists("fn f(w: &str) -> bool { matches!(w, \"a\" | \"an\" | \"one\") }").is_empty()
    );
}

#[test]
fn the_recognizer_holds_no_phrase_lists() {
    let offences = offences_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../recognize/src"));
    assert!(
        offences.is_empty(),
        "move these to data/recognize.toml:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_scanner_finds_a_word_alternation_in_a_pattern() {
    // The relative-day words as recognize once wrote them into a regex.
    let code =
        r#"let p = Regex::new(r"(?i)\b(?P<r>yesterday|last night|today|this morning|tonight)\b");"#;
    assert_eq!(phrase_lists(code).len(), 1, "{:?}", phrase_lists(code));
    let roles =
        r#"const ROLES: &str = r"(?:spokes(?:man|woman|person)|minister|leader|emir|commander)";"#;
    assert_eq!(phrase_lists(roles).len(), 1);
    // Ordinal suffixes, a hyphen or "and", three scale words: grammar.
    for grammar in [
        r#"let day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?";"#,
        r#"let r = r"\s*(?:-|–|and|to)\s*";"#,
        r#"let s = r"(?:\s+(?P<scale>million|thousand|hundred))?";"#,
    ] {
        assert!(phrase_lists(grammar).is_empty(), "{grammar}");
    }
}
