//! Where a sentence sits in its report's text, for highlighting.
//!
//! Evidence and claims carry file spans (byte ranges in the original
//! file); the page shows the report as its blocks (quote, summary,
//! commentary, excerpts, notes), each with its own text and file span. For
//! plain text and Markdown a block's text is the file slice of its span,
//! so a sentence's place in it is the difference of the spans. HTML blocks
//! hold element text whose bytes differ from the markup's, so there, and
//! whenever the span arithmetic does not land on the sentence, the
//! sentence is found by its text.
//!
//! Offsets go out in UTF-16 code units, the unit JavaScript strings index
//! by, so the page cuts the block's text exactly where the sentence is.

use watchfloor_model::{Block, Report, Section, Span};

/// A sentence's place: the block (index into [`Report::blocks`]) and the
/// UTF-16 range inside that block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// Finds the sentence with file span `span` and text `text` in `report`.
/// Without its text (a claim whose sentence is not an event's evidence)
/// only the span arithmetic can place it.
pub fn locate(report: &Report, span: Span, text: Option<&str>) -> Option<Located> {
    let blocks = report.blocks();
    let by_span = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.span.contains(span))
        .find_map(|(i, b)| by_span(b, span, text).map(|r| (i, r)));
    let found = by_span.or_else(|| {
        let needle = text?.trim();
        if needle.is_empty() {
            return None;
        }
        // Prefer blocks whose span holds the sentence, then any block.
        let mut order: Vec<usize> = (0..blocks.len()).collect();
        order.sort_by_key(|&i| !blocks[i].span.contains(span));
        order.into_iter().find_map(|i| {
            blocks[i]
                .text
                .find(needle)
                .map(|s| (i, s..s + needle.len()))
        })
    })?;
    let (i, bytes) = found;
    let t = blocks[i].text;
    Some(Located {
        block: i,
        start: utf16_len(&t[..bytes.start]),
        end: utf16_len(&t[..bytes.end]),
    })
}

/// The byte range of the sentence inside `b` when its text is the file
/// slice of its span and the range holds the sentence.
fn by_span(b: &Block<'_>, span: Span, text: Option<&str>) -> Option<std::ops::Range<usize>> {
    if b.text.len() != b.span.len() {
        return None;
    }
    let range = span.start - b.span.start..span.end - b.span.start;
    let slice = b.text.get(range.clone())?;
    text.is_none_or(|t| squash(slice) == squash(t))
        .then_some(range)
}

/// Text with runs of white space made one space (a hard-wrapped sentence
/// may be stored with its line breaks joined).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The citation of the source whose excerpt block `block` is.
pub fn source_of(report: &Report, block: usize) -> Option<String> {
    match report.blocks().get(block)?.section {
        Section::Excerpt { source } => report.sources.get(source).map(|s| s.citation.text.clone()),
        _ => None,
    }
}

/// A person's name for a block: `quote`, `paragraph 2`, `excerpt from
/// <outlet>`, `note [i]`.
pub fn label(report: &Report, block: &Block<'_>, paragraph: usize) -> String {
    match block.section {
        Section::Title => "title".into(),
        Section::ImageCaption => "image caption".into(),
        Section::Quote => "quote".into(),
        Section::Summary => "summary".into(),
        Section::Commentary => format!("paragraph {paragraph}"),
        Section::Excerpt { source } => match report.sources.get(source) {
            Some(s) => format!(
                "excerpt from {}",
                s.outlet.as_deref().unwrap_or(&s.citation.text)
            ),
            None => "excerpt".into(),
        },
        Section::Note { note } => match report.notes.get(note) {
            Some(n) => format!("note {}", n.marker),
            None => "note".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use watchfloor_model::Paragraph;

    fn report(paragraphs: &[(&str, usize)]) -> Report {
        Report {
            paragraphs: paragraphs
                .iter()
                .map(|&(t, at)| Paragraph {
                    text: t.into(),
                    span: Span::new(at, at + t.len()),
                    ..Paragraph::default()
                })
                .collect(),
            ..Report::default()
        }
    }

    #[test]
    fn span_arithmetic_in_plain_text_counts_utf16() {
        let r = report(&[("First.", 0), ("Café était là. Gunmen attacked.", 10)]);
        let start = 10 + "Café était là. ".len();
        let got = locate(&r, Span::new(start, start + 16), Some("Gunmen attacked.")).unwrap();
        assert_eq!(got.block, 1);
        assert_eq!(got.start, "Café était là. ".encode_utf16().count());
        assert_eq!(got.end - got.start, "Gunmen attacked.".len());
        // A span that misses the sentence falls back to finding its text.
        let off = locate(
            &r,
            Span::new(start - 1, start + 15),
            Some("Gunmen attacked."),
        )
        .unwrap();
        assert_eq!(off, got);
    }

    #[test]
    fn text_search_when_the_block_is_not_a_file_slice() {
        // An HTML paragraph: the span covers markup, the text does not.
        let mut r = report(&[("Gunmen attacked a post.", 100)]);
        r.paragraphs[0].span = Span::new(100, 160);
        let got = locate(&r, Span::new(103, 130), Some("attacked a post.")).unwrap();
        assert_eq!((got.block, got.start), (0, "Gunmen ".len()));
        assert!(locate(&r, Span::new(103, 130), Some("not there")).is_none());
        assert!(locate(&r, Span::new(103, 130), None).is_none());
    }
}
