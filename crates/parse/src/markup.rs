//! Report assembly for Markdown and HTML, whose headings mark report starts.
//!
//! A heading that is not a section name (`Sources`, `Notes` …) at the
//! highest level used for such headings starts a report; lower-level ones
//! stay inside the report as commentary. Without any heading, the first
//! block is taken as the title.

use watchfloor_model::{InputFormat, Report};

use crate::assemble::{section_name, Builder};
use crate::blocks::{Block, Kind};

pub(crate) fn assemble<'a>(
    src: &'a str,
    file: &str,
    format: InputFormat,
    blocks: Vec<Block<'a>>,
) -> Vec<Report> {
    let title_level = blocks
        .iter()
        .filter_map(|b| match b.kind {
            Kind::Heading(l) if section_name(&b.text).is_none() => Some(l),
            _ => None,
        })
        .min();
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
