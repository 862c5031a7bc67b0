//! Report assembly for Markdown and HTML, whose headings mark report starts.
//!
//! A heading that is not a section name (`Sources`, `Notes` …) starts a
//! report when it is at the *title level*: the highest heading level whose
//! headings are followed by a pull quote within two blocks (so an issue-wide
//! `<h1>` above `<h2>` report titles is not taken for a report), else simply
//! the highest level used. Lower-level headings stay inside the report as
//! commentary. Without any heading, the first block is taken as the title.

use watchfloor_model::{InputFormat, Report};

use crate::assemble::{section_name, Builder};
use crate::blocks::{Block, Kind};

pub(crate) fn assemble<'a>(
    src: &'a str,
    file: &str,
    format: InputFormat,
    blocks: Vec<Block<'a>>,
) -> Vec<Report> {
    let title_level = title_level(&blocks);
    let mut reports = Vec::new();
    let mut cur: Option<Builder<'a>> = None;
    for b in blocks {
        let starts = match (b.kind, title_level) {
            (Kind::Heading(l), Some(t)) => l == t && section_name(&b.text).is_none(),
            _ => cur.is_none() && title_level.is_none(),
        };
        if starts {
            if let Some(done) = cur.take() {
                reports.push(done.finish());
            }
            cur = Some(Builder::new(
                src,
                file,
                format,
                &b,
                crate::Options::default(),
            ));
        } else if let Some(builder) = &mut cur {
            builder.push(b);
        }
    }
    if let Some(done) = cur {
        reports.push(done.finish());
    }
    reports
}

fn title_level(blocks: &[Block<'_>]) -> Option<u8> {
    let candidate = |b: &Block<'_>| match b.kind {
        Kind::Heading(l) if section_name(&b.text).is_none() => Some(l),
        _ => None,
    };
    let quoted = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let l = candidate(b)?;
            let next = blocks.get(i + 1..(i + 3).min(blocks.len()))?;
            next.iter().any(|n| n.kind == Kind::Quote).then_some(l)
        })
        .min();
    quoted.or_else(|| blocks.iter().filter_map(candidate).min())
}
