//! Knowledge lives in `data/`, code holds mechanisms (ARCHITECTURE.md): a
//! list of lower-case words or phrases written into the extractor's code
//! fails this test. Lists belong in `data/words.toml` (word lists the
//! mechanisms read) or `data/triggers.toml` (the trigger lexicon and cues),
//! each with a comment on what it means in general.
//!
//! What counts as a list: a `const`/`static` array of three or more string
//! literals, an array literal of four or more, or a `matches!` over four or
//! more string patterns — each counting only literals with a lower-case
//! letter. Shorter runs ("a" | "an" | "one") are grammar the mechanism
//! spells out, and test modules are not scanned.

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

#[test]
fn the_extractor_holds_no_phrase_lists() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
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
