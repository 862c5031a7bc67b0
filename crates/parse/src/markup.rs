//! Report assembly for Markdown and HTML, whose headings mark report starts.
//!
//! An OE Watch rendering (a heading followed by a pull quote, or a
//! `Sources` section) starts a report at each heading of the *title level*:
//! the highest level whose headings are followed by a pull quote within two
//! blocks (so an issue-wide `<h1>` above `<h2>` report titles is not taken
//! for a report), else simply the highest level used. Anything else is
//! prose (news, statements, digests): the highest heading level titles the
//! reports — or the next one, when a single page heading stands above
//! several report headings — and date lines, bylines and page furniture get
//! their roles. Lower-level headings stay inside the report as commentary.
//! Without any heading, the first block is taken as the title. Blocks
//! before the first title (navigation, a page banner, a digest's own
//! heading and blurb) are the first report's page furniture: named, not
//! dropped, and not read as its story.

use watchfloor_model::{DateProvenance, InputFormat, Layout, ReferenceDate, Report};

use crate::assemble::{section_name, Builder, Section};
use crate::blocks::{Block, Kind};
use crate::html::MarkupDate;
use crate::FileContext;

pub(crate) fn assemble<'a>(
    src: &'a str,
    file: &str,
    format: InputFormat,
    blocks: Vec<Block<'a>>,
    ctx: &FileContext,
    dates: &[MarkupDate],
) -> Vec<Report> {
    let oe = oe_watch_structure(&blocks);
    let title_level = if oe {
        title_level(&blocks)
    } else {
        prose_title_level(&blocks)
    };
    let mut reports = Vec::new();
    let mut cur: Option<Builder<'a>> = None;
    let mut before_title: Vec<Block<'a>> = Vec::new();
    let start = |b: &Block<'a>| {
        let builder = Builder::new(src, file, format, b, crate::Options::default());
        if oe {
            builder
        } else {
            builder.prose(Layout::News, ctx.order)
        }
    };
    for b in blocks {
        let starts = match (b.kind, title_level) {
            (Kind::Heading(l), Some(t)) => l == t && section_name(&b.text).is_none(),
            _ => cur.is_none() && title_level.is_none(),
        };
        if starts {
            if let Some(done) = cur.take() {
                reports.push(done.finish_with_yearless());
            }
            let mut builder = start(&b);
            for p in before_title.drain(..) {
                builder.page_furniture(p);
            }
            cur = Some(builder);
        } else if let Some(builder) = &mut cur {
            builder.push(b);
        } else {
            before_title.push(b);
        }
    }
    if let Some(mut done) = cur {
        for p in before_title.drain(..) {
            done.page_furniture(p);
        }
        reports.push(done.finish_with_yearless());
    }
    // The page's own date (`<meta>`), else a date in the file name or `--date`.
    let page_date = dates.iter().find(|d| d.page).map(|d| ReferenceDate {
        date: d.date,
        provenance: DateProvenance::HtmlMeta,
        span: Some(d.span),
    });
    // A `<time datetime>` inside a report dates that report.
    for (r, _) in &mut reports {
        if r.reference_date.is_none() {
            r.reference_date = dates
                .iter()
                .find(|d| {
                    !d.page
                        && r.span.start <= d.offset
                        && d.offset < r.span.end.max(r.span.start + 1)
                })
                .map(|d| ReferenceDate {
                    date: d.date,
                    provenance: DateProvenance::HtmlMeta,
                    span: Some(d.span),
                });
        }
    }
    if oe {
        return reports.into_iter().map(|(r, _)| r).collect();
    }
    let mut settler = crate::prose::DateSettler::new(page_date.or(ctx.file_date));
    reports
        .into_iter()
        .map(|(r, yearless)| settler.settle(r, yearless))
        .collect()
}

/// An OE Watch rendering: a heading followed by a pull quote, or a
/// `Sources` section heading.
fn oe_watch_structure(blocks: &[Block<'_>]) -> bool {
    blocks.iter().enumerate().any(|(i, b)| {
        let heading = matches!(b.kind, Kind::Heading(_));
        (heading
            && section_name(&b.text).is_none()
            && blocks
                .get(i + 1..(i + 3).min(blocks.len()))
                .is_some_and(|n| n.iter().any(|n| n.kind == Kind::Quote)))
            || (section_name(&b.text) == Some(Section::Sources)
                && blocks
                    .get(i + 1)
                    .is_some_and(|n| crate::citation::try_parse(&n.text).is_ok()))
    })
}

fn heading_level(b: &Block<'_>) -> Option<u8> {
    match b.kind {
        Kind::Heading(l) if section_name(&b.text).is_none() => Some(l),
        _ => None,
    }
}

fn title_level(blocks: &[Block<'_>]) -> Option<u8> {
    let quoted = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let l = heading_level(b)?;
            let next = blocks.get(i + 1..(i + 3).min(blocks.len()))?;
            next.iter().any(|n| n.kind == Kind::Quote).then_some(l)
        })
        .min();
    quoted.or_else(|| blocks.iter().filter_map(heading_level).min())
}

/// The highest heading level, unless one page heading stands above two or
/// more report-like headings (four words or more on average, where an
/// article's own sub-headings are a word or two).
fn prose_title_level(blocks: &[Block<'_>]) -> Option<u8> {
    let top = blocks.iter().filter_map(heading_level).min()?;
    let at = |l: u8| blocks.iter().filter(move |b| heading_level(b) == Some(l));
    if at(top).count() != 1 {
        return Some(top);
    }
    let next = blocks
        .iter()
        .filter_map(heading_level)
        .filter(|&l| l > top)
        .min();
    match next {
        Some(n) if at(n).count() >= 2 => {
            let words: usize = at(n).map(|b| b.text.split_whitespace().count()).sum();
            if words >= 4 * at(n).count() {
                Some(n)
            } else {
                Some(top)
            }
        }
        _ => Some(top),
    }
}
