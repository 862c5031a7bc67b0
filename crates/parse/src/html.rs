//! HTML renderings, tokenised by html5gum (WHATWG tokenizer with byte spans).
//!
//! We keep our own stack of open elements rather than building a DOM, and
//! walk it iteratively, so a document nested a million deep costs memory in
//! proportion to its size and never overflows the call stack. Block elements
//! (`h1`–`h6`, `p`, `li`, `figcaption`, `blockquote`, `dd`, `td` …) become
//! blocks whose text is their whitespace-collapsed text content and whose
//! span runs from the start tag to the end tag. An `<img alt>` outside a
//! figure with a caption gives the image caption; `<a href>` targets are kept
//! as links (a citation's URL may be only in the markup).

use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::borrow::Cow;
use watchfloor_model::{InputFormat, Report, Span};

use crate::blocks::{Block, Kind};
use crate::ParseError;

pub(crate) fn parse(
    text: &str,
    file: &str,
    ctx: &crate::FileContext,
) -> Result<Vec<Report>, ParseError> {
    let mut dates = Vec::new();
    let blocks = html_blocks(text, &mut dates);
    Ok(crate::markup::assemble(
        text,
        file,
        InputFormat::Html,
        blocks,
        ctx,
        &dates,
    ))
}

/// A publication date the markup states: `<meta property="article:published_time">`
/// and its kin (offset 0: they date the whole page), or `<time datetime>`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MarkupDate {
    pub offset: usize,
    pub date: watchfloor_model::PartialDate,
    pub span: Span,
    /// From `<meta>` (the page's), not `<time>` (a place in it).
    pub page: bool,
}

/// Meta names and properties that carry a page's publication date.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
];

/// The leading `YYYY-MM-DD` of an ISO timestamp.
fn iso_day(v: &str) -> Option<watchfloor_model::PartialDate> {
    let v = v.trim();
    let day = v.get(..10)?;
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        .map(watchfloor_model::PartialDate::day)
}

fn markup_date(name: &str, tag: &html5gum::StartTag<usize>) -> Option<MarkupDate> {
    let attr = |k: &str| {
        tag.attributes
            .get(k.as_bytes())
            .map(|v| String::from_utf8_lossy(&v.value).into_owned())
    };
    let span = Span::new(tag.span.start, tag.span.end);
    match name {
        "meta" => {
            let key = attr("property")
                .or_else(|| attr("name"))
                .or_else(|| attr("itemprop"))?
                .to_ascii_lowercase();
            DATE_META.contains(&key.as_str()).then_some(())?;
            let date = iso_day(&attr("content")?)?;
            Some(MarkupDate {
                offset: tag.span.start,
                date,
                span,
                page: true,
            })
        }
        "time" => {
            let date = iso_day(&attr("datetime")?)?;
            Some(MarkupDate {
                offset: tag.span.start,
                date,
                span,
                page: false,
            })
        }
        _ => None,
    }
}

const BLOCK_TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "figcaption",
    "dd",
    "dt",
    "td",
    "th",
    "caption",
    "pre",
];
/// Elements whose content is not report text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "head", "title", "noscript", "template", "svg", "math",
];
/// Elements that never have content, so they are not pushed on the stack.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

struct Open {
    kind: Kind,
    start: usize,
    /// Stack depth of the element that opened this block.
    depth: usize,
    text: String,
    links: Vec<String>,
    /// `text` with link words replaced by link URLs (see `Block::alt_text`).
    alt: String,
    has_alt: bool,
    /// While inside `<a>`: (alt length, text length, URL) at its start.
    link: Option<(usize, usize, String)>,
}

impl Open {
    fn new(kind: Kind, start: usize, depth: usize) -> Self {
        Open {
            kind,
            start,
            depth,
            text: String::new(),
            links: Vec::new(),
            alt: String::new(),
            has_alt: false,
            link: None,
        }
    }
    fn push(&mut self, t: &str) {
        self.text.push_str(t);
        self.alt.push_str(t);
    }
}

fn html_blocks(src: &str, dates: &mut Vec<MarkupDate>) -> Vec<Block<'static>> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let tokens = Tokenizer::new_with_emitter(src, emitter);

    let mut stack: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    let mut quote_depth = 0usize;
    let mut figure_depth = 0usize;
    let mut skip_depth = 0usize;
    let mut pending_alt: Option<(String, Span, Option<String>)> = None;
    // The last image's `src`, given to a figure caption that follows it.
    let mut last_img_src: Option<String> = None;

    for token in tokens {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let void = VOID_TAGS.contains(&name.as_str()) || tag.self_closing;
                if dates.len() < 1000 {
                    dates.extend(markup_date(&name, &tag));
                }
                if name == "br" {
                    if let Some(o) = &mut open {
                        o.push(LINE_BREAK_STR);
                    }
                }
                if name == "img" && skip_depth == 0 {
                    let src = tag
                        .attributes
                        .get(b"src".as_slice())
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned());
                    last_img_src = src.clone();
                    if let Some(alt) = tag.attributes.get(b"alt".as_slice()) {
                        let alt = collapse(&String::from_utf8_lossy(&alt.value));
                        if !alt.is_empty() && open.is_none() {
                            pending_alt = Some((alt, Span::new(tag.span.start, tag.span.end), src));
                        }
                    }
                }
                if name == "a" {
                    if let (Some(o), Some(href)) =
                        (&mut open, tag.attributes.get(b"href".as_slice()))
                    {
                        let url = String::from_utf8_lossy(&href.value).into_owned();
                        o.links.push(url.clone());
                        o.link = Some((o.alt.len(), o.text.len(), url));
                    }
                }
                if void {
                    continue;
                }
                if SKIP_TAGS.contains(&name.as_str()) {
                    skip_depth += 1;
                }
                match name.as_str() {
                    "blockquote" => quote_depth += 1,
                    "figure" => figure_depth += 1,
                    _ => {}
                }
                if BLOCK_TAGS.contains(&name.as_str()) && skip_depth == 0 {
                    // A block inside a block: close the outer one's text so far.
                    if let Some(o) = open.take() {
                        finish(o, tag.span.start, &mut out);
                    }
                    let kind = match name.as_bytes() {
                        [b'h', d @ b'1'..=b'6'] => Kind::Heading(d - b'0'),
                        b"figcaption" => Kind::Caption,
                        _ if quote_depth > 0 => Kind::Quote,
                        _ => Kind::Para,
                    };
                    let mut o = Open::new(kind, tag.span.start, stack.len() + 1);
                    if kind == Kind::Caption {
                        o.links.extend(last_img_src.take());
                    }
                    open = Some(o);
                }
                stack.push(name);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if name == "a" {
                    if let Some(o) = &mut open {
                        if let Some((alen, tlen, url)) = o.link.take() {
                            let words = collapse(o.text.get(tlen..).unwrap_or(""));
                            if url.starts_with("http") && words != url {
                                o.alt.truncate(alen);
                                o.alt.push_str(&url);
                                o.has_alt = true;
                            }
                        }
                    }
                }
                // Close up to the matching open element; an end tag with none open is ignored.
                let Some(pos) = stack.iter().rposition(|n| *n == name) else {
                    continue;
                };
                while stack.len() > pos {
                    let n = stack.pop().expect("stack is longer than pos");
                    if SKIP_TAGS.contains(&n.as_str()) {
                        skip_depth = skip_depth.saturating_sub(1);
                    }
                    match n.as_str() {
                        "blockquote" => quote_depth = quote_depth.saturating_sub(1),
                        "figure" => {
                            figure_depth = figure_depth.saturating_sub(1);
                            flush_alt(&mut pending_alt, &mut out);
                        }
                        _ => {}
                    }
                    if open.as_ref().is_some_and(|o| o.depth > stack.len()) {
                        let o = open.take().expect("checked");
                        finish(o, tag.span.end, &mut out);
                    }
                }
                if name == "figcaption" {
                    // The figure has a caption: its image's alt text is not needed.
                    pending_alt = None;
                }
                if figure_depth == 0 {
                    flush_alt(&mut pending_alt, &mut out);
                }
            }
            Token::String(s) => {
                if skip_depth > 0 {
                    continue;
                }
                let t = String::from_utf8_lossy(&s.value);
                match &mut open {
                    Some(o) => o.push(&t),
                    None if !t.trim().is_empty() => {
                        // Loose text outside any block element: a block of its own.
                        let kind = if quote_depth > 0 {
                            Kind::Quote
                        } else {
                            Kind::Para
                        };
                        let mut o = Open::new(kind, s.span.start, stack.len() + 1);
                        o.push(&t);
                        open = Some(o);
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open.take() {
        finish(o, src.len(), &mut out);
    }
    flush_alt(&mut pending_alt, &mut out);
    out
}

fn flush_alt(alt: &mut Option<(String, Span, Option<String>)>, out: &mut Vec<Block<'static>>) {
    if let Some((text, span, src)) = alt.take() {
        out.push(Block {
            text: Cow::Owned(text),
            span,
            kind: Kind::Caption,
            exact: false,
            links: src.into_iter().collect(),
            alt_text: None,
        });
    }
}

fn finish(o: Open, end: usize, out: &mut Vec<Block<'static>>) {
    let text = collapse_keep_lines(&o.text);
    if text.is_empty() {
        return;
    }
    let alt_text = o.has_alt.then(|| collapse_keep_lines(&o.alt));
    out.push(Block {
        text: Cow::Owned(text),
        span: Span::new(o.start, end.max(o.start)),
        kind: o.kind,
        exact: false,
        links: o.links,
        alt_text,
    });
}

/// What `<br>` puts in a block's text until whitespace is collapsed.
const LINE_BREAK: char = '\u{2028}';
const LINE_BREAK_STR: &str = "\u{2028}";

/// Collapses whitespace runs to one space, as a browser renders text.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Like [`collapse`], but keeps the line breaks that `<br>` produced, so
/// image credit lines stay separate.
fn collapse_keep_lines(s: &str) -> String {
    s.split(LINE_BREAK)
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
