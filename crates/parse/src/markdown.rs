//! Markdown renderings, read with pulldown-cmark's offset iterator.
//!
//! Layout: `# Title` (any heading level that is not a section name starts a
//! report), the caption as an image's alt text or an italic line, the pull
//! quote as a blockquote, commentary paragraphs, then sections under headings
//! or bold labels (`## Sources`, `**Notes:**`). List items are blocks too, so
//! notes and image credits may be written as lists.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::borrow::Cow;
use watchfloor_model::{DateProvenance, Furniture, InputFormat, ReferenceDate, Report, Role, Span};

use crate::blocks::{Block, Kind};

pub(crate) fn parse(text: &str, file: &str, ctx: &crate::FileContext) -> Vec<Report> {
    let front = front_matter(text);
    let mut blocks = md_blocks(text);
    let Some(front) = front else {
        return crate::markup::assemble(text, file, InputFormat::Markdown, blocks, ctx, &[]);
    };
    // A front-matter title titles a document that has no heading of its own.
    if let Some(title) = &front.title {
        if !blocks.iter().any(|b| matches!(b.kind, Kind::Heading(_))) {
            blocks.insert(
                0,
                Block {
                    text: Cow::Owned(title.clone()),
                    span: front.span,
                    kind: Kind::Heading(1),
                    exact: false,
                    links: Vec::new(),
                    alt_text: None,
                },
            );
        }
    }
    let dated = crate::FileContext {
        order: ctx.order,
        file_date: front
            .date
            .map(|date| ReferenceDate {
                date,
                provenance: DateProvenance::FrontMatter,
                span: Some(front.span),
            })
            .or(ctx.file_date),
    };
    let mut reports =
        crate::markup::assemble(text, file, InputFormat::Markdown, blocks, &dated, &[]);
    if let Some(first) = reports.first_mut() {
        first.furniture.insert(
            0,
            Furniture {
                role: Role::FrontMatter,
                text: text[front.span.start..front.span.end].to_string(),
                span: front.span,
            },
        );
    }
    reports
}

/// YAML front matter: `---` on the first line, `key: value` lines, `---`.
struct FrontMatter {
    span: Span,
    title: Option<String>,
    date: Option<watchfloor_model::PartialDate>,
}

fn front_matter(text: &str) -> Option<FrontMatter> {
    let body = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let close = body.find("\n---")?;
    let inner = &body[..close];
    let end = text.len() - body.len() + close + 4;
    let end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let value = |key: &str| {
        inner.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k.trim().eq_ignore_ascii_case(key))
                .then(|| v.trim().trim_matches(['"', '\'']).to_string())
                .filter(|v| !v.is_empty())
        })
    };
    let date = value("date")
        .or_else(|| value("published"))
        .and_then(|v| crate::dateline::find_date(&v, watchfloor_model::DateOrder::DayFirst))
        .filter(|d| d.year_known)
        .map(|d| d.date);
    Some(FrontMatter {
        span: Span::new(0, end),
        title: value("title"),
        date,
    })
}

struct Open {
    kind: Kind,
    start: usize,
    text: String,
    links: Vec<String>,
    /// Whether any text outside an image's alt text was seen.
    only_image: bool,
    image_alt: String,
    /// `text` with link words replaced by link URLs (see `Block::alt_text`).
    alt: String,
    has_alt: bool,
    /// While inside a link: (alt length, text length, URL) at its start.
    link: Option<(usize, usize, String)>,
}

impl Open {
    fn push(&mut self, t: &str) {
        self.text.push_str(t);
        self.alt.push_str(t);
    }
}

fn md_blocks(text: &str) -> Vec<Block<'static>> {
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    let mut quote_depth = 0usize;
    let mut in_image = 0usize;
    let options = pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (ev, range) in Parser::new_ext(text, options).into_offset_iter() {
        match ev {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(tag @ (Tag::Paragraph | Tag::Heading { .. } | Tag::Item))
                if open.is_none() =>
            {
                let kind = match tag {
                    Tag::Heading { level, .. } => Kind::Heading(level as u8),
                    _ if quote_depth > 0 => Kind::Quote,
                    _ => Kind::Para,
                };
                open = Some(Open {
                    kind,
                    start: range.start,
                    text: String::new(),
                    links: Vec::new(),
                    only_image: true,
                    image_alt: String::new(),
                    alt: String::new(),
                    has_alt: false,
                    link: None,
                });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                let closes = match &open {
                    Some(o) => o.start >= range.start,
                    None => false,
                };
                if closes {
                    if let Some(o) = open.take() {
                        finish(o, range.end, &mut out);
                    }
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_image += 1;
                if let Some(o) = &mut open {
                    o.links.push(dest_url.to_string());
                }
            }
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(o) = &mut open {
                    o.links.push(dest_url.to_string());
                    o.link = Some((o.alt.len(), o.text.len(), dest_url.to_string()));
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(o) = &mut open {
                    if let Some((alen, tlen, url)) = o.link.take() {
                        let words = o.text.get(tlen..).unwrap_or("").trim();
                        if url.starts_with("http") && words != url {
                            o.alt.truncate(alen);
                            o.alt.push_str(&url);
                            o.has_alt = true;
                        }
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(o) = &mut open {
                    if in_image > 0 {
                        o.image_alt.push_str(&t);
                    } else {
                        if !t.trim().is_empty() {
                            o.only_image = false;
                        }
                        o.push(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(o) = &mut open {
                    o.push("\n");
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open.take() {
        finish(o, text.len(), &mut out);
    }
    out
}

fn finish(o: Open, end: usize, out: &mut Vec<Block<'static>>) {
    let (text, kind) = if o.only_image && !o.image_alt.trim().is_empty() {
        (o.image_alt, Kind::Caption)
    } else {
        (o.text, o.kind)
    };
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    out.push(Block {
        text: Cow::Owned(t.to_string()),
        span: Span::new(o.start, end.max(o.start)),
        kind,
        exact: false,
        links: o.links,
        alt_text: o.has_alt.then(|| o.alt.trim().to_string()),
    });
}
