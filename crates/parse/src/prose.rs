//! Plain text that is not laid out as an OE Watch article: news articles,
//! blog reposts, statements, wire stories and incident digests, one or
//! several reports a file.
//!
//! Report boundaries are found from structure: a separator line (`---`,
//! `###`, a form feed), two or more blank lines where the file otherwise
//! uses one, or a title line (short, not a sentence, not a date line or
//! byline) that follows a report which already has its body. A report's
//! head — date lines, bylines, statement headers, a dateline opening the
//! first paragraph — is furniture with a named role; every other block is
//! coded as prose.

use watchfloor_model::{
    DateOrder, DateProvenance, InputFormat, Layout, PartialDate, ReferenceDate, Report, Span,
};

use crate::assemble::Builder;
use crate::blocks::Block;
use crate::dateline::{is_separator, line_role};
use crate::Options;

/// The most text one prose report holds before the rest of it is read as a
/// new part (each part is coded on its own, so this bounds the memory the
/// coder's annotation layers take for one report).
pub(crate) const MAX_REPORT_BYTES: usize = 1024 * 1024;

/// Reads the blocks of a prose file into reports, each going to `emit` as
/// soon as the next one starts, so a caller that streams holds one report
/// at a time, not the file's.
pub(crate) fn parse<'a>(
    text: &'a str,
    file: &str,
    blocks: Vec<Block<'a>>,
    order: DateOrder,
    options: Options,
    emit: &mut dyn FnMut(Report, Yearless),
) {
    let breaks = hard_breaks(text, &blocks);
    // Markdown headings in a plain-text file ("## Title") title reports; the
    // title is the heading's words.
    let blocks: Vec<Block<'a>> = blocks
        .into_iter()
        .map(|b| match heading_words(&b) {
            Some(start) => b.sub(start, b.text.len()),
            None => b,
        })
        .collect();
    let mut finish = |builder: Builder<'a>| {
        let (mut report, yearless) = builder.finish_with_yearless();
        report.layout = detect_layout(&report);
        emit(report, yearless);
    };
    // The report being read, and how many body blocks it has so far.
    let mut cur: Option<(Builder<'a>, usize)> = None;
    // Furniture met before the first title (site navigation, a separator).
    let mut pending: Vec<Block<'a>> = Vec::new();
    let open = |title: &Block<'a>, pending: &mut Vec<Block<'a>>| -> Builder<'a> {
        let mut builder =
            Builder::new(text, file, InputFormat::Text, title, options).prose(Layout::News, order);
        for p in pending.drain(..) {
            builder.push(p);
        }
        builder
    };
    let n = blocks.len();
    let titles: Vec<bool> = blocks.iter().map(|b| is_title(b, order)).collect();
    for (i, b) in blocks.into_iter().enumerate() {
        let separator = b.is_single_line() && is_separator(&b.text);
        let starts = titles[i]
            && i + 1 < n
            && match &cur {
                None => true,
                Some((_, body)) => *body > 0 && (breaks[i] || !titles[i + 1]),
            };
        if starts {
            if let Some((done, _)) = cur.take() {
                finish(done);
            }
            cur = Some((open(&b, &mut pending), 0));
            continue;
        }
        if let Some((builder, body)) = &cur {
            if *body > 0 && builder.covered_bytes() + b.text.len() > MAX_REPORT_BYTES {
                // An over-long report (a book-length dump, a file on one
                // line) is read in parts, so no report outgrows memory.
                let (done, _) = cur.take().expect("checked above");
                finish(done);
                let mut part = open(&b, &mut pending);
                part.warn(format!(
                    "the report before this one passed {} KiB; it is read in parts and this part starts at byte {}",
                    MAX_REPORT_BYTES / 1024,
                    b.span.start
                ));
                part.push(b);
                cur = Some((part, 1));
                continue;
            }
        }
        match &mut cur {
            Some((builder, body)) => {
                if !separator && line_role(&b.text, order).is_none() {
                    *body += 1;
                }
                builder.push(b);
            }
            None if separator || line_role(&b.text, order).is_some() => pending.push(b),
            None => {
                // No title: the first block titles the report and is read as prose too.
                let mut builder = open(&b, &mut pending);
                builder.push(b);
                cur = Some((builder, 1));
            }
        }
    }
    if let Some((mut done, _)) = cur.take() {
        for p in pending.drain(..) {
            done.push(p);
        }
        finish(done);
    }
}

/// Where the words of a one-line Markdown heading (`## Title`) start.
fn heading_words(b: &Block<'_>) -> Option<usize> {
    if !b.is_single_line() {
        return None;
    }
    let hashes = b.text.bytes().take_while(|&c| c == b'#').count();
    ((1..=6).contains(&hashes) && b.text[hashes..].starts_with(' ') && b.text.len() > hashes + 1)
        .then_some(hashes + 1)
}

/// A title line: one short line, not a sentence, not a label, date line,
/// byline or furniture.
fn is_title(b: &Block<'_>, order: DateOrder) -> bool {
    if line_role(&b.text, order).is_some() {
        return false;
    }
    // "Manipur: two farmers killed in Bishnupur": a news headline may open
    // with a place or a topic and a colon.
    let headline = b.is_single_line()
        && b.text.len() <= 200
        && !b.text.ends_with(['.', ':'])
        && crate::util::label(&b.text).is_some_and(|(name, rest)| {
            crate::assemble::section_name(&name).is_none()
                && b.text[rest..].split_whitespace().count() >= 3
        });
    crate::text::title_like(b) || headline
}

/// For each block, whether a hard break precedes it: a separator line, a
/// form feed, or two blank lines in a file whose paragraphs are otherwise
/// one blank line apart.
fn hard_breaks(text: &str, blocks: &[Block<'_>]) -> Vec<bool> {
    let gaps: Vec<(usize, bool)> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let from = if i == 0 { 0 } else { blocks[i - 1].span.end };
            let gap = &text[from.min(b.span.start)..b.span.start];
            (
                memchr::memchr_iter(b'\n', gap.as_bytes()).count(),
                gap.contains('\u{c}'),
            )
        })
        .collect();
    let wide = gaps.iter().skip(1).filter(|(n, _)| *n >= 3).count();
    let double_spaced = gaps.len() > 2 && wide * 2 > gaps.len() - 1;
    blocks
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let (newlines, form_feed) = gaps[i];
            let after_separator =
                i > 0 && blocks[i - 1].is_single_line() && is_separator(&blocks[i - 1].text);
            form_feed || after_separator || (!double_spaced && i > 0 && newlines >= 3)
        })
        .collect()
}

/// A digest when most body paragraphs each tell a dated incident; a wire
/// story when a dateline opened the first paragraph (set by the builder).
fn detect_layout(r: &Report) -> Layout {
    if r.layout == Layout::Wire {
        return Layout::Wire;
    }
    let dated = r
        .paragraphs
        .iter()
        .filter(|p| {
            let head = &p.text[..p.text.floor_char_boundary(60)];
            crate::dateline::find_date(head, r.date_order).is_some_and(|d| d.year_known)
        })
        .count();
    if r.paragraphs.len() >= 2 && dated * 3 >= r.paragraphs.len() * 2 {
        Layout::Digest
    } else {
        Layout::News
    }
}

/// Gives every report of a file a reference date: its own date line, else
/// the file's (HTML meta, front matter, file name, `--date`), else the date
/// line of the report before it in the file (digests print one date for
/// all). A year-less dateline ("KABUL, July 12") takes its year from the
/// file's date, else from the latest year the report names.
///
/// Reports are settled in file order, one at a time: the only state carried
/// from one to the next is the last date seen.
pub(crate) struct DateSettler {
    file_date: Option<ReferenceDate>,
    previous: Option<ReferenceDate>,
}

impl DateSettler {
    pub(crate) fn new(file_date: Option<ReferenceDate>) -> Self {
        DateSettler {
            file_date,
            previous: None,
        }
    }

    pub(crate) fn settle(&mut self, mut r: Report, yearless: Yearless) -> Report {
        if r.reference_date.is_none() {
            if let Some((d, span)) = yearless {
                let year = self
                    .file_date
                    .map(|f| f.date.year_value())
                    .or_else(|| latest_year(&r));
                if let Some(year) = year {
                    use chrono::Datelike;
                    if let Some(date) =
                        chrono::NaiveDate::from_ymd_opt(year, d.date.month(), d.date.day())
                    {
                        r.reference_date = Some(ReferenceDate {
                            date: PartialDate::day(date),
                            provenance: DateProvenance::Dateline,
                            span,
                        });
                    }
                }
            }
        }
        if r.reference_date.is_none() {
            r.reference_date = self.file_date.or(self.previous);
        }
        if r.reference_date.is_some() {
            self.previous = r.reference_date;
        }
        r
    }
}

/// A dateline's day and month printed without a year, and where.
pub(crate) type Yearless = Option<(PartialDate, Option<Span>)>;

/// The latest year (1900–2099) written in the report's prose.
fn latest_year(r: &Report) -> Option<i32> {
    r.paragraphs
        .iter()
        .flat_map(|p| p.text.split(|c: char| !c.is_ascii_digit()))
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1900..2100).contains(y))
        .max()
}
