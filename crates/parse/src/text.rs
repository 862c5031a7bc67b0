//! The plain-text format: many reports in one file, separated only by blank lines.
//!
//! A report starts at a *title block*: one short line, no final full stop
//! or colon, not a label (`Image:`) nor a section heading, followed by a
//! one-line caption and a block that opens with a quotation mark and closes
//! one near its end — the shape every report has at its head. Right after a report's closing sections (notes,
//! image credits, insight summary), a title followed directly by a quote also
//! starts one, for reports whose caption is missing. The first block of the
//! file always starts a report.

use watchfloor_model::{InputFormat, Report};

use crate::assemble::{section_name, Builder, Section};
use crate::blocks::{text_blocks, Block};
use crate::util::{label, starts_with_open_quote};
use crate::{FileContext, Options};

/// Reads plain text: OE Watch articles when the file shows their structure
/// (a title, caption and pull quote; or a `Sources:` section of
/// citations), else news, wire and digest prose (`prose.rs`).
///
/// Each report goes to `emit` once it is read, in file order; what is held
/// meanwhile is the file's block list (spans into `text`) and one report.
pub(crate) fn parse(
    text: &str,
    file: &str,
    options: Options,
    ctx: &FileContext,
    emit: &mut dyn FnMut(Report),
) {
    let blocks = text_blocks(text);
    if !oe_watch_structure(&blocks) {
        let mut settler = crate::prose::DateSettler::new(ctx.file_date);
        let mut settle = |r, yearless| emit(settler.settle(r, yearless));
        crate::prose::parse(text, file, blocks, ctx.order, options, &mut settle);
        return;
    }
    let starts = report_starts(&blocks);
    let mut blocks = blocks.into_iter().enumerate().peekable();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(usize::MAX);
        // Skip anything before the first start (there is none: block 0 is a start).
        let Some((_, title)) = blocks.by_ref().find(|(i, _)| *i == start) else {
            break;
        };
        let mut b = Builder::new(text, file, InputFormat::Text, &title, options);
        while let Some((_, blk)) = blocks.next_if(|(i, _)| *i < end) {
            b.push(blk);
        }
        emit(b.finish());
    }
}

/// Whether the blocks show an OE Watch article: a title, caption and pull
/// quote in a row, or a `Sources:` heading followed by a citation.
fn oe_watch_structure(blocks: &[Block<'_>]) -> bool {
    let head = blocks
        .windows(3)
        .any(|w| title_like(&w[0]) && caption_like(&w[1]) && quote_like(&w[2]));
    head || blocks.iter().enumerate().any(|(i, b)| {
        let (first, next) = b.first_line();
        section_name(first) == Some(Section::Sources)
            && (next < b.text.len() && crate::citation::try_parse(&b.text[next..]).is_ok()
                || blocks
                    .get(i + 1)
                    .is_some_and(|n| crate::citation::try_parse(&n.text).is_ok()))
    })
}

/// Indices of the blocks that start a report.
fn report_starts(blocks: &[Block<'_>]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut in_tail = false;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if i == 0 {
            starts.push(0);
            continue;
        }
        if title_like(b) {
            let next = blocks.get(i + 1);
            let after = blocks.get(i + 2);
            let full = next.is_some_and(caption_like) && after.is_some_and(quote_like);
            let short = in_tail && next.is_some_and(quote_like);
            if full || short {
                starts.push(i);
                in_tail = false;
                continue;
            }
        }
        let (first, _) = b.first_line();
        match section_name(first) {
            Some(Section::Notes | Section::Images | Section::Insight) => in_tail = true,
            Some(_) => in_tail = false,
            None if label(first).is_some_and(|(l, _)| l == "image" || l == "attribution") => {
                in_tail = true
            }
            None => {}
        }
    }
    starts
}

/// A title: one line of at most 200 bytes and 2–30 words, not ending like
/// a sentence or a label, not itself a label, heading, quote or note.
pub(crate) fn title_like(b: &Block<'_>) -> bool {
    let t = &b.text;
    if t.len() > 200 || !b.is_single_line() || t.ends_with(['.', ':', ',', ';']) {
        return false;
    }
    let words = t.split_whitespace().count();
    if !(2..=30).contains(&words) || section_name(t).is_some() || label(t).is_some() {
        return false;
    }
    match t.chars().next() {
        Some(c) => {
            (c.is_uppercase() || c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase()))
                && !t.contains("http")
        }
        None => false,
    }
}

/// A caption: one short line that is neither a quote, a label nor a heading.
fn caption_like(b: &Block<'_>) -> bool {
    let t = &b.text;
    t.len() <= 600
        && b.is_single_line()
        && !starts_with_open_quote(t)
        && !t.starts_with('[')
        && section_name(b.first_line().0).is_none()
        && !matches!(label(t), Some((l, _)) if matches!(l.as_str(), "image" | "source" | "attribution" | "summary"))
}

/// A pull quote: a block of paragraph size that opens with a quotation mark
/// and closes one near its end (an attribution may follow). An excerpt
/// paragraph that opens with a quotation usually goes on well past it.
fn quote_like(b: &Block<'_>) -> bool {
    let t: &str = &b.text;
    if t.len() > 3000 || !starts_with_open_quote(t) {
        return false;
    }
    let tail_start = t.ceil_char_boundary(t.len().saturating_sub(80));
    t[tail_start..].contains(['”', '"', '»', '’'])
}
