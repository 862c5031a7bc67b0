//! Small byte- and string-level helpers shared by the format readers.

use watchfloor_model::{NoteRef, Report, Span};

/// 1-based line number of byte `pos` (counts newlines with memchr: fast on huge files).
pub(crate) fn line_of(bytes: &[u8], pos: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..pos.min(bytes.len())]).count() + 1
}

/// The range `[start, end)` of `s` with Unicode whitespace (NBSP included) trimmed.
pub(crate) fn trim_range(s: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &s[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let t = slice.trim();
    (start + lead, start + lead + t.len())
}

/// Opening quotation marks that may start a title or a pull quote.
pub(crate) fn starts_with_open_quote(s: &str) -> bool {
    matches!(s.chars().next(), Some('“' | '"' | '«' | '„' | '‘'))
}

/// If `s` starts with a short `Label:` (letters and spaces only, at most four
/// words), returns the label in lower case and the byte offset where the rest
/// begins (after the colon and any whitespace).
///
/// Markdown emphasis around the label (`**Image:**`) is tolerated.
pub(crate) fn label(s: &str) -> Option<(String, usize)> {
    let head = &s.as_bytes()[..s.len().min(48)];
    let colon = memchr::memchr(b':', head)?;
    let raw = &s[..colon];
    let name = raw.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    if name.is_empty()
        || name.split_whitespace().count() > 4
        || !name
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
    {
        return None;
    }
    let mut rest = colon + 1;
    let after = &s[rest..];
    let after_trim = after.trim_start_matches(['*', '_']);
    rest += after.len() - after_trim.len();
    let after = &s[rest..];
    rest += after.len() - after.trim_start().len();
    Some((name.to_lowercase(), rest))
}

/// Finds note markers — `[i]`, `[iv]`, `[12]` — in `text`. Lower-case roman
/// numerals or digits only, so editorial brackets (`[drones]`, `[H]e`, `[…]`)
/// are not mistaken for markers. Returns (label, byte range of `[label]`).
pub(crate) fn find_markers(text: &str) -> Vec<(String, usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for open in memchr::memchr_iter(b'[', b) {
        let Some(len) = marker_len(&b[open + 1..]) else {
            continue;
        };
        let label = &text[open + 1..open + 1 + len];
        out.push((label.to_string(), open, open + len + 2));
    }
    out
}

/// If `b` starts with `label]` where label is a roman numeral or a number,
/// returns the label's length.
fn marker_len(b: &[u8]) -> Option<usize> {
    let n = b.iter().take(9).position(|&c| c == b']')?;
    if n == 0 {
        return None;
    }
    let l = &b[..n];
    let roman = l.iter().all(|c| b"ivxlcdm".contains(c));
    let digits = n <= 3 && l.iter().all(u8::is_ascii_digit);
    (roman || digits).then_some(n)
}

/// If `s` (trimmed at the start) begins with a note marker, returns the
/// label and the offset just past `]`.
pub(crate) fn leading_marker(s: &str) -> Option<(String, usize)> {
    let lead = s.len() - s.trim_start().len();
    let b = &s.as_bytes()[lead..];
    if b.first() != Some(&b'[') {
        return None;
    }
    let len = marker_len(&b[1..])?;
    Some((s[lead + 1..lead + 1 + len].to_string(), lead + len + 2))
}

/// Every `http(s)://` URL in `text`, as printed, trailing sentence punctuation removed.
pub(crate) fn find_urls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let finder = memchr::memmem::Finder::new("http");
    let mut from = 0;
    while let Some(i) = finder.find(&text.as_bytes()[from..]) {
        let start = from + i;
        let rest = &text[start..];
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '”'))
                .unwrap_or(rest.len());
            let url = clean_url(&rest[..end]);
            if url.len() > "https://".len() {
                out.push(url.to_string());
            }
            from = start + end.max(1);
        } else {
            from = start + 4;
        }
    }
    out
}

/// Strips punctuation that ends the sentence rather than the URL: a trailing
/// `.`/`,`/`;`, and a `)` with no `(` inside the URL.
pub(crate) fn clean_url(mut u: &str) -> &str {
    loop {
        let before = u.len();
        u = u.trim_end_matches(['.', ',', ';', ':', '\'', '’', '*', '>']);
        if u.ends_with(')') && u.matches('(').count() < u.matches(')').count() {
            u = &u[..u.len() - 1];
        }
        if u.ends_with(']') && !u.contains('[') {
            u = &u[..u.len() - 1];
        }
        if u.len() == before {
            return u;
        }
    }
}

/// Note markers of one paragraph, with spans made absolute when the
/// paragraph's text is an exact slice of the file (else the paragraph's span).
pub(crate) fn note_refs(text: &str, span: Span, exact: bool) -> Vec<NoteRef> {
    find_markers(text)
        .into_iter()
        .map(|(marker, s, e)| NoteRef {
            marker,
            span: if exact {
                Span::new(span.start + s, span.start + e)
            } else {
                span
            },
            note: None,
        })
        .collect()
}

/// Moves every span of `r` right by `by` bytes (used when a byte-order mark
/// was skipped before parsing).
pub(crate) fn shift_report(mut r: Report, by: usize) -> Report {
    let sh = |s: &mut Span| *s = s.shifted(by);
    sh(&mut r.span);
    sh(&mut r.title_span);
    if let Some(t) = &mut r.image_caption {
        sh(&mut t.span);
    }
    if let Some(t) = &mut r.quote {
        sh(&mut t.span);
    }
    r.summary.iter_mut().for_each(|t| sh(&mut t.span));
    let para = |p: &mut watchfloor_model::Paragraph| {
        p.span = p.span.shifted(by);
        p.note_refs
            .iter_mut()
            .for_each(|n| n.span = n.span.shifted(by));
    };
    r.paragraphs.iter_mut().for_each(para);
    for s in &mut r.sources {
        sh(&mut s.citation.span);
        s.excerpt.iter_mut().for_each(para);
    }
    r.notes.iter_mut().for_each(|n| sh(&mut n.span));
    r.images.iter_mut().for_each(|i| sh(&mut i.span));
    r.furniture.iter_mut().for_each(|f| sh(&mut f.span));
    if let Some(d) = &mut r.reference_date {
        d.span.iter_mut().for_each(sh);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_roman_or_numeric_only() {
        let m = find_markers("a[i] b[iv] [drones] [H]e […] [12] [] [iiiiiiiiiii]");
        let labels: Vec<_> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(labels, ["i", "iv", "12"]);
        assert_eq!(&"a[i] b"[m[0].1..m[0].2], "[i]");
    }

    #[test]
    fn urls_lose_sentence_punctuation_but_keep_their_own() {
        let u = find_urls("see https://a.org/x_(y).png. and (https://b.org/z), https://c.org/a.");
        assert_eq!(
            u,
            [
                "https://a.org/x_(y).png",
                "https://b.org/z",
                "https://c.org/a"
            ]
        );
    }

    #[test]
    fn labels_need_a_short_alphabetic_name() {
        assert_eq!(label("Image: A photo"), Some(("image".into(), 7)));
        assert_eq!(label("**Source:** x").map(|l| l.1), Some(12));
        assert_eq!(
            label("Pakistan: Militants attack"),
            Some(("pakistan".into(), 10))
        );
        assert_eq!(label("In 2024: x"), None);
        assert_eq!(label("no colon here"), None);
    }

    #[test]
    fn line_numbers_are_one_based() {
        assert_eq!(line_of(b"a\nb\nc", 0), 1);
        assert_eq!(line_of(b"a\nb\nc", 4), 3);
    }
}
