//! Blocks: the unit every format is reduced to before reports are assembled.
//!
//! A block is a paragraph-sized piece of text with its span and a hint of
//! what the markup said it was (heading, quote, caption). Plain text gives
//! runs of non-blank lines whose text *is* the file slice (`exact`), so
//! sub-spans can be computed by offset; Markdown and HTML give the rendered
//! text of an element, whose span covers the element's source.

use std::borrow::Cow;
use watchfloor_model::Span;

use crate::util::trim_range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Para,
    /// A markup heading; `level` 1–6.
    Heading(u8),
    /// Inside a blockquote.
    Quote,
    /// A figure caption or an image's alt text.
    Caption,
}

#[derive(Debug, Clone)]
pub(crate) struct Block<'a> {
    pub text: Cow<'a, str>,
    pub span: Span,
    pub kind: Kind,
    /// `text` is exactly the file slice at `span`.
    pub exact: bool,
    /// Link targets found in the markup (Markdown/HTML), which the rendered text drops.
    pub links: Vec<String>,
    /// The text with each link's words replaced by its URL, when they differ
    /// (`… 7 May 2023. [Link](https://…)`): a citation's URL may be only in the markup.
    pub alt_text: Option<String>,
}

impl<'a> Block<'a> {
    /// The trimmed sub-block at byte range `start..end` of `self.text`.
    /// Exact blocks get an exact sub-span; others keep the whole block's span.
    pub fn sub(&self, start: usize, end: usize) -> Block<'a> {
        let (s, e) = trim_range(&self.text, start, end);
        let text = match &self.text {
            Cow::Borrowed(t) => Cow::Borrowed(&t[s..e]),
            Cow::Owned(t) => Cow::Owned(t[s..e].to_string()),
        };
        let span = if self.exact {
            Span::new(self.span.start + s, self.span.start + e)
        } else {
            self.span
        };
        Block {
            text,
            span,
            kind: self.kind,
            exact: self.exact,
            links: self.links.clone(),
            alt_text: None,
        }
    }

    /// The first line of the block and the offset where the next line starts.
    pub fn first_line(&self) -> (&str, usize) {
        match memchr::memchr(b'\n', self.text.as_bytes()) {
            Some(i) => (self.text[..i].trim_end(), i + 1),
            None => (&self.text, self.text.len()),
        }
    }

    pub fn is_single_line(&self) -> bool {
        memchr::memchr(b'\n', self.text.as_bytes()).is_none()
    }

    /// Byte offsets where each line after the first starts, lazily, so a
    /// caller that stops early does not pay for a huge block.
    pub fn later_line_starts(&self) -> impl Iterator<Item = usize> + '_ {
        memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1)
    }

    /// Each non-blank line of the block, as a trimmed sub-block.
    pub fn lines(&self) -> impl Iterator<Item = Block<'a>> + '_ {
        let starts = self.line_starts();
        (0..starts.len())
            .map(move |i| {
                let end = starts.get(i + 1).copied().unwrap_or(self.text.len());
                self.sub(starts[i], end)
            })
            .filter(|line| !line.text.is_empty())
    }

    /// Byte offsets where each line of the block starts.
    pub fn line_starts(&self) -> Vec<usize> {
        std::iter::once(0).chain(self.later_line_starts()).collect()
    }
}

/// Splits plain text into runs of non-blank lines. A line holding only
/// whitespace (NBSP included) is blank. Each block's text is the trimmed
/// file slice, so `&text[block.span] == block.text`.
pub(crate) fn text_blocks(text: &str) -> Vec<Block<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        if is_blank(&text[pos..end]) {
            if let Some((s, e)) = run.take() {
                push_block(text, s, e, &mut out);
            }
        } else {
            run = Some((run.map_or(pos, |r| r.0), end));
        }
        pos = end + 1;
    }
    if let Some((s, e)) = run {
        push_block(text, s, e, &mut out);
    }
    out
}

/// The longest block kept whole. Real paragraphs are a few kilobytes; a
/// longer run of non-blank lines (a file written on one line, a dump with
/// no blank lines) is cut into blocks of at most this size, so each stage
/// after the parser works on paragraph-sized pieces.
pub(crate) const MAX_BLOCK_BYTES: usize = 64 * 1024;

fn push_block<'a>(text: &'a str, s: usize, e: usize, out: &mut Vec<Block<'a>>) {
    let (mut s, e) = trim_range(text, s, e);
    while e - s > MAX_BLOCK_BYTES {
        let cut = s + piece_end(&text[s..e]);
        push_exact(text, s, cut, out);
        s = trim_range(text, cut, e).0;
    }
    push_exact(text, s, e, out);
}

/// Where the first piece of an over-long block ends: after the last line
/// break within [`MAX_BLOCK_BYTES`], else the last sentence end, else the
/// last space, else at the limit itself (on a character boundary).
fn piece_end(block: &str) -> usize {
    let limit = block.floor_char_boundary(MAX_BLOCK_BYTES);
    let head = &block[..limit];
    let floor = limit / 2;
    let at_least_half = |i: usize| (i >= floor).then_some(i);
    memchr::memrchr(b'\n', head.as_bytes())
        .and_then(|i| at_least_half(i + 1))
        .or_else(|| {
            [". ", "? ", "! "]
                .iter()
                .filter_map(|end| head.rfind(end))
                .max()
                .and_then(|i| at_least_half(i + 2))
        })
        .or_else(|| head.rfind(' ').and_then(|i| at_least_half(i + 1)))
        .unwrap_or(limit)
}

fn push_exact<'a>(text: &'a str, s: usize, e: usize, out: &mut Vec<Block<'a>>) {
    let (s, e) = trim_range(text, s, e);
    if s == e {
        return;
    }
    out.push(Block {
        text: Cow::Borrowed(&text[s..e]),
        span: Span::new(s, e),
        kind: Kind::Para,
        exact: true,
        links: Vec::new(),
        alt_text: None,
    });
}

/// A line is blank when it has no non-whitespace character. The ASCII check
/// settles almost every line after one byte.
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        None => true,
        Some(b) if !b.is_ascii_whitespace() && b.is_ascii() => false,
        _ => line.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_trimmed_exact_slices() {
        let t = "  Title  \n\n\u{a0}\nline one\nline two \r\n\n\n [i] note\n";
        let b = text_blocks(t);
        let texts: Vec<_> = b.iter().map(|b| b.text.as_ref()).collect();
        assert_eq!(texts, ["Title", "line one\nline two", "[i] note"]);
        for blk in &b {
            assert_eq!(&t[blk.span.start..blk.span.end], blk.text);
        }
    }

    #[test]
    fn over_long_runs_are_cut_at_sentence_ends_into_exact_blocks() {
        let sentence = "Gunmen attacked a post in Gao on 3 May. ";
        let t = sentence.repeat(MAX_BLOCK_BYTES * 3 / sentence.len());
        let b = text_blocks(&t);
        assert!(b.len() >= 3, "{} blocks", b.len());
        for blk in &b {
            assert!(blk.text.len() <= MAX_BLOCK_BYTES);
            assert!(
                blk.text.ends_with('.'),
                "cut mid-sentence: {:?}",
                &blk.text[blk.text.len() - 10..]
            );
            assert_eq!(&t[blk.span.start..blk.span.end], blk.text);
        }
        let kept: usize = b.iter().map(|blk| blk.text.len() + 1).sum();
        assert_eq!(kept, t.len(), "no text between blocks is lost");
    }

    #[test]
    fn sub_blocks_keep_exact_spans() {
        let t = "x\n\nImage: cap\nSource: https://a.org";
        let b = &text_blocks(t)[1];
        let (_, next) = b.first_line();
        let s = b.sub(next, b.text.len());
        assert_eq!(s.text, "Source: https://a.org");
        assert_eq!(&t[s.span.start..s.span.end], s.text);
    }
}
