//! From the blocks of one report to a [`Report`]: a small state machine over
//! the report's sections, shared by every input format.
//!
//! The front matter (caption, quote, `Summary:`, commentary) comes first;
//! a section heading (`Sources:`, `Notes:`, `OE Insight Summary:`, `Image
//! Information:`, in any order) switches state; an `Image:` line opens the
//! image credits even without their heading. Each step consumes a prefix of
//! a block — a heading line, a note — and hands the rest back, so blocks
//! that run several parts together without blank lines still split right,
//! and the loop (not recursion) bounds the work by the block's length.

use std::borrow::Cow;
use watchfloor_model::{
    DateOrder, DateProvenance, Furniture, Image, InputFormat, Layout, Note, Paragraph,
    ReferenceDate, Report, Role, Source, Span, Text,
};

use crate::blocks::{Block, Kind};
use crate::citation::{try_parse, Citation, NotCitation};
use crate::lang::detect_language;
use crate::util::{find_urls, label, leading_marker, note_refs, starts_with_open_quote};
use crate::Options;

/// The section a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Front,
    Sources,
    Notes,
    Insight,
    Images,
}

/// The section named by a heading's text (`Sources:`, `## Notes`, `**OE Insight Summary:**`).
pub(crate) fn section_name(text: &str) -> Option<Section> {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '#' || c.is_whitespace());
    let t = t
        .trim_end_matches(':')
        .trim_end_matches(['*', '_'])
        .trim_end_matches(':')
        .trim();
    if t.len() > 30 {
        return None;
    }
    match t.to_lowercase().as_str() {
        "sources" | "source" | "references" | "bibliography" | "works cited" => {
            Some(Section::Sources)
        }
        "notes" | "note" | "endnotes" | "end notes" | "footnotes" => Some(Section::Notes),
        "oe insight summary" | "insight summary" | "summary" | "oe insight" => {
            Some(Section::Insight)
        }
        "image information" | "image info" | "image credits" | "image credit" | "images"
        | "image" => Some(Section::Images),
        _ => None,
    }
}

/// Labels that open a section and may carry its first content on the same line.
fn inline_section(label: &str) -> Option<Section> {
    match label {
        "sources" | "references" => Some(Section::Sources),
        "notes" | "endnotes" | "footnotes" => Some(Section::Notes),
        "oe insight summary" | "insight summary" => Some(Section::Insight),
        "image information" | "image credits" => Some(Section::Images),
        _ => None,
    }
}

pub(crate) struct Builder<'a> {
    src: &'a str,
    report: Report,
    section: Section,
    /// Commentary has begun: later quote-like blocks are commentary too.
    body_started: bool,
    /// Whether the front matter may still hold the caption.
    caption_open: bool,
    /// A citation whose title was broken over a blank line, awaiting its end.
    pending: Option<Block<'a>>,
    /// The image entry now being filled.
    image_open: bool,
    /// A bare `Summary:` heading was just read in the front matter.
    summary_next: bool,
    /// The captioned markup image, credited if no `Image Information` is given.
    caption_image: Option<Image>,
    /// A dateline's day and month whose year the file must supply.
    yearless: Option<(watchfloor_model::PartialDate, Option<Span>)>,
    options: Options,
    /// Prose layouts (news, wire, digest) have no caption or pull quote
    /// without markup evidence, and name their date lines and furniture.
    layout: Layout,
    order: DateOrder,
}

impl<'a> Builder<'a> {
    /// Starts a report with `title` as its title block.
    pub fn new(
        src: &'a str,
        file: &str,
        format: InputFormat,
        title: &Block<'a>,
        options: Options,
    ) -> Self {
        let head = title_head(title);
        let report = Report {
            title: head.text.to_string(),
            file: file.to_string(),
            span: title.span,
            format,
            title_span: head.span,
            ..Default::default()
        };
        Builder {
            src,
            report,
            section: Section::Front,
            body_started: false,
            caption_open: true,
            pending: None,
            image_open: false,
            summary_next: false,
            caption_image: None,
            yearless: None,
            options,
            layout: Layout::OeWatch,
            order: DateOrder::DayFirst,
        }
    }

    /// How many bytes of the file the report covers so far.
    pub fn covered_bytes(&self) -> usize {
        self.report.span.len()
    }

    /// Records a parser warning on the report.
    pub fn warn(&mut self, message: String) {
        self.report.warnings.push(message);
    }

    /// Reads the report as prose in `layout` (not an OE Watch article),
    /// with numeric dates in `order`.
    pub fn prose(mut self, layout: Layout, order: DateOrder) -> Self {
        self.layout = layout;
        self.order = order;
        self.report.layout = layout;
        self.report.date_order = order;
        self
    }

    /// A block that stands before the first report title of a page (its
    /// navigation, banner or the digest's own heading): furniture of the
    /// first report, or prose for an OE Watch page, as before.
    pub fn page_furniture(&mut self, b: Block<'a>) {
        if self.layout == Layout::OeWatch {
            self.push(b);
            return;
        }
        let role =
            crate::dateline::line_role(&b.text, self.order).map_or(Role::SiteFurniture, |(r, _)| r);
        self.report.span.start = self.report.span.start.min(b.span.start);
        self.report.span.end = self.report.span.end.max(b.span.end);
        self.add_furniture(role, &b, None);
    }

    /// Whether the report has no body paragraph yet: date lines and
    /// bylines are read here.
    fn in_head(&self) -> bool {
        !self.body_started
    }

    fn add_furniture(
        &mut self,
        role: Role,
        b: &Block<'a>,
        date: Option<crate::dateline::LineDate>,
    ) {
        if let Some(d) = date {
            self.offer_date(d, b);
        }
        self.report.furniture.push(Furniture {
            role,
            text: b.text.to_string(),
            span: b.span,
        });
    }

    /// A date printed in the report's head becomes its reference date,
    /// unless an earlier one already did. A date without its year waits
    /// for the year from elsewhere in the file (see `prose::settle_years`).
    fn offer_date(&mut self, d: crate::dateline::LineDate, b: &Block<'a>) {
        if self.report.reference_date.is_some() || !self.in_head() {
            return;
        }
        let span = if b.exact {
            Some(Span::new(b.span.start + d.start, b.span.start + d.end))
        } else {
            Some(b.span)
        };
        if d.year_known {
            self.report.reference_date = Some(ReferenceDate {
                date: d.date,
                provenance: DateProvenance::Dateline,
                span,
            });
        } else {
            self.yearless = Some((d.date, span));
        }
    }

    /// The head and furniture of a prose report: date lines, bylines,
    /// header blocks, page furniture, and a dateline opening the first
    /// paragraph. Returns what is left to read as prose.
    fn prose_step(&mut self, b: Block<'a>) -> Option<Block<'a>> {
        if is_table(&b.text) {
            self.add_furniture(Role::Table, &b, None);
            return None;
        }
        if b.is_single_line() || !b.exact {
            if let Some((role, date)) = crate::dateline::line_role(&b.text, self.order) {
                let keep_as_prose = role == Role::Dateline && !self.in_head();
                if !keep_as_prose {
                    self.add_furniture(role, &b, date);
                    return None;
                }
            }
        } else if self.in_head() && b.kind == Kind::Para && header_block(&b.text, self.order) {
            // "Press Statement / John Kerry / Secretary of State / Washington, DC / date":
            // each line is furniture, the date line dates the report.
            for line in b.lines() {
                let (role, date) = crate::dateline::line_role(&line.text, self.order)
                    .unwrap_or((Role::Byline, None));
                self.add_furniture(role, &line, date);
            }
            return None;
        }
        if self.in_head() && matches!(b.kind, Kind::Para | Kind::Quote) {
            if let Some((len, date)) = crate::dateline::lead_dateline(&b.text, self.order) {
                let head = b.sub(0, len);
                self.add_furniture(Role::Dateline, &head, date);
                if self.layout == Layout::News {
                    self.layout = Layout::Wire;
                    self.report.layout = Layout::Wire;
                }
                return (len < b.text.len()).then(|| b.sub(len, b.text.len()));
            }
        }
        Some(b)
    }

    /// Adds one block (a whole paragraph of the input) to the report.
    pub fn push(&mut self, block: Block<'a>) {
        // Furniture met before the title (navigation, a separator) belongs to the report too.
        self.report.span.start = self.report.span.start.min(block.span.start);
        self.report.span.end = self.report.span.end.max(block.span.end);
        let mut cur = Some(block);
        while let Some(b) = cur.take() {
            if b.text.is_empty() {
                break;
            }
            cur = self.step(b);
        }
    }

    /// Handles a prefix of `b` and returns what is left of it.
    fn step(&mut self, b: Block<'a>) -> Option<Block<'a>> {
        let b = if self.layout == Layout::OeWatch {
            b
        } else {
            self.prose_step(b)?
        };
        let (first, next_line) = b.first_line();
        // A heading: a line of its own, or a markup heading.
        if let Some(sec) = section_name(first) {
            // `Source:` alone on a line among image credits labels the next line's URL.
            let image_source = self.section == Section::Images
                && sec == Section::Sources
                && first.to_lowercase().starts_with("source");
            // A bare `Summary:` heading in the front matter heads the one block
            // after it, the leading summary; the commentary follows.
            let front_summary = self.section == Section::Front
                && sec == Section::Insight
                && first
                    .trim_matches(|c: char| !c.is_alphabetic())
                    .eq_ignore_ascii_case("summary");
            if front_summary {
                self.summary_next = true;
                return (next_line < b.text.len()).then(|| b.sub(next_line, b.text.len()));
            }
            if !image_source {
                self.enter(sec);
                return (next_line < b.text.len()).then(|| b.sub(next_line, b.text.len()));
            }
        }
        if matches!(b.kind, Kind::Heading(_)) {
            // An unknown heading inside a report: keep its text as commentary.
            self.paragraph(b);
            return None;
        }
        if let Some((name, rest)) = label(first) {
            if let Some(sec) = inline_section(&name) {
                self.enter(sec);
                return Some(b.sub(rest, b.text.len()));
            }
            if name == "image"
                && self.section != Section::Images
                && (self.section != Section::Front || self.body_started)
            {
                self.enter(Section::Images);
                return Some(b);
            }
        }
        match self.section {
            Section::Front => self.front(b),
            Section::Sources => return self.sources(b),
            Section::Notes => return self.notes(b),
            Section::Insight => self.report.summary.push(text_of(&b)),
            Section::Images => self.images(b),
        }
        None
    }

    fn enter(&mut self, sec: Section) {
        self.flush_pending();
        self.section = sec;
        self.image_open = false;
    }

    fn front(&mut self, b: Block<'a>) {
        if std::mem::take(&mut self.summary_next) {
            self.report.summary.push(text_of(&b));
            self.caption_open = false;
            return;
        }
        if let Some((name, rest)) = label(&b.text) {
            if name == "summary" && rest < b.text.len() {
                self.report
                    .summary
                    .push(text_of(&b.sub(rest, b.text.len())));
                self.caption_open = false;
                return;
            }
            // `Source: “…”` straight after the commentary: a Sources section with no heading.
            if name == "source" && self.body_started && try_parse(&b.text).is_ok() {
                self.enter(Section::Sources);
                self.add_source(b);
                return;
            }
        }
        let oe = self.layout == Layout::OeWatch;
        if oe
            && !self.body_started
            && self.report.quote.is_none()
            && (b.kind == Kind::Quote || starts_with_open_quote(&b.text))
        {
            self.report.quote = Some(text_of(&b));
            self.caption_open = false;
            return;
        }
        let caption_like =
            b.kind == Kind::Caption || (oe && b.kind == Kind::Para && b.text.len() <= 600);
        if self.caption_open
            && self.report.image_caption.is_none()
            && !self.body_started
            && caption_like
        {
            self.set_caption(b);
            self.caption_open = false;
            return;
        }
        if b.kind == Kind::Caption && self.report.image_caption.is_none() {
            self.set_caption(b);
            return;
        }
        self.paragraph(b);
    }

    /// The report's image caption; a markup image's URL is kept for the
    /// image credits, in case the report has no `Image Information`.
    fn set_caption(&mut self, b: Block<'a>) {
        if b.kind == Kind::Caption {
            if let Some(url) = b.links.first() {
                self.caption_image = Some(Image {
                    caption: Some(b.text.to_string()),
                    source_url: Some(url.clone()),
                    attribution: None,
                    span: b.span,
                });
            }
        }
        self.report.image_caption = Some(text_of(&b));
    }

    fn paragraph(&mut self, b: Block<'a>) {
        self.body_started = true;
        self.caption_open = false;
        let note_refs = note_refs(&b.text, b.span, b.exact);
        self.report.paragraphs.push(Paragraph {
            text: b.text.into_owned(),
            span: b.span,
            note_refs,
        });
    }

    // ----- Sources -----

    fn sources(&mut self, b: Block<'a>) -> Option<Block<'a>> {
        if let Some(p) = self.pending.take() {
            let merged = self.merge(&p, &b);
            if try_parse(&merged.text).is_ok() {
                self.add_source(merged);
                return None;
            }
            self.not_a_citation(p);
        }
        // A URL alone after a blank line completes the citation before it.
        let t = b.text.trim();
        if t.starts_with("http") && !t.contains(char::is_whitespace) {
            if let Some(src) = self.report.sources.last_mut() {
                if src.url.is_none() && src.excerpt.is_empty() {
                    src.url = Some(crate::util::clean_url(t).to_string());
                    if b.exact && src.citation.span.end <= b.span.start {
                        src.citation
                            .text
                            .push_str(&self.src[src.citation.span.end..b.span.end]);
                    }
                    src.citation.span.end = src.citation.span.end.max(b.span.end);
                    return None;
                }
            }
        }
        let parsed =
            try_parse(&b.text).or_else(|e| b.alt_text.as_deref().map_or(Err(e), try_parse));
        match parsed {
            Ok(c) => {
                self.push_source(b, c);
                return None;
            }
            Err(NotCitation::Unclosed) if b.text.len() <= 1000 && find_urls(&b.text).is_empty() => {
                self.pending = Some(b);
                return None;
            }
            Err(_) => {}
        }
        // A citation run together with its excerpt: try the first lines alone.
        if !b.is_single_line() {
            let cuts: Vec<usize> = b.later_line_starts().take(4).collect();
            for (i, &cut) in cuts.iter().enumerate() {
                if try_parse(&b.text[..cut]).is_err() {
                    continue;
                }
                // A URL alone on the next line belongs to the citation.
                let next_end = cuts.get(i + 1).copied().unwrap_or(b.text.len());
                let next = b.text[cut..next_end].trim();
                let cut = if next.starts_with("http") && !next.contains(char::is_whitespace) {
                    next_end
                } else {
                    cut
                };
                self.add_source(b.sub(0, cut));
                return (cut < b.text.len()).then(|| b.sub(cut, b.text.len()));
            }
        }
        self.not_a_citation(b);
        None
    }

    /// Joins a citation broken over a blank line with its continuation.
    fn merge(&self, a: &Block<'a>, b: &Block<'a>) -> Block<'a> {
        if a.exact && b.exact {
            let span = Span::new(a.span.start, b.span.end);
            Block {
                text: Cow::Borrowed(&self.src[span.start..span.end]),
                span,
                kind: a.kind,
                exact: true,
                links: Vec::new(),
                alt_text: None,
            }
        } else {
            let mut links = a.links.clone();
            links.extend(b.links.iter().cloned());
            Block {
                text: Cow::Owned(format!("{}\n\n{}", a.text, b.text)),
                span: Span::new(a.span.start, b.span.end.max(a.span.start)),
                kind: a.kind,
                exact: false,
                links,
                alt_text: None,
            }
        }
    }

    /// A block in Sources that is not a citation: the current source's excerpt.
    fn not_a_citation(&mut self, b: Block<'a>) {
        let refs = note_refs(&b.text, b.span, b.exact);
        let para = Paragraph {
            text: b.text.to_string(),
            span: b.span,
            note_refs: refs,
        };
        if let Some(src) = self.report.sources.last_mut() {
            src.excerpt.push(para);
        } else {
            let line = crate::util::line_of(self.src.as_bytes(), b.span.start);
            self.report.warnings.push(format!(
                "line {line}: text in Sources before any citation could be read; kept as a source with an unparsed citation"
            ));
            self.report.sources.push(Source {
                citation: text_of(&b),
                ..Default::default()
            });
        }
    }

    fn add_source(&mut self, b: Block<'a>) {
        let parsed =
            try_parse(&b.text).or_else(|e| b.alt_text.as_deref().map_or(Err(e), try_parse));
        if let Ok(c) = parsed {
            self.push_source(b, c);
        }
    }

    fn push_source(&mut self, b: Block<'a>, c: Citation) {
        let (language, script) = match (&c.original_title, self.options.detect_languages) {
            (Some(t), true) => detect_language(t),
            _ => (None, None),
        };
        let url = c.url.or_else(|| b.links.first().cloned());
        self.report.sources.push(Source {
            authors: c.authors,
            original_title: c.original_title,
            translated_title: c.translated_title,
            language: language.map(str::to_string),
            script: script.map(str::to_string),
            outlet: c.outlet,
            outlet_description: c.outlet_description,
            date: c.date,
            date_is_access: c.date_is_access,
            url,
            citation: text_of(&b),
            excerpt: Vec::new(),
        });
    }

    fn flush_pending(&mut self) {
        if let Some(p) = self.pending.take() {
            self.not_a_citation(p);
        }
    }

    // ----- Notes -----

    fn notes(&mut self, b: Block<'a>) -> Option<Block<'a>> {
        // A later line starting with a marker begins the next note.
        let split = b
            .later_line_starts()
            .find(|&s| leading_marker(&b.text[s..]).is_some());
        let (this, rest) = match split {
            Some(s) => (b.sub(0, s), Some(b.sub(s, b.text.len()))),
            None => (b, None),
        };
        if let Some((marker, after)) = leading_marker(&this.text) {
            let body = this.sub(after, this.text.len());
            self.report.notes.push(Note {
                marker,
                urls: find_urls(&body.text),
                text: body.text.into_owned(),
                span: body.span,
            });
        } else if let Some(note) = self.report.notes.last_mut() {
            // A note that goes on over a blank line (a citation on its own line).
            if this.exact && note.span.end <= this.span.start {
                note.text.push_str(&self.src[note.span.end..this.span.end]);
            } else {
                note.text.push_str("\n\n");
                note.text.push_str(&this.text);
            }
            note.span.end = this.span.end.max(note.span.end);
            note.urls.extend(find_urls(&this.text));
            note.urls.extend(this.links.iter().cloned());
        } else {
            self.report.notes.push(Note {
                marker: String::new(),
                urls: find_urls(&this.text),
                text: this.text.into_owned(),
                span: this.span,
            });
        }
        rest
    }

    // ----- Image information -----

    fn images(&mut self, b: Block<'a>) {
        for line in b.lines() {
            self.image_line(line);
        }
    }

    fn image_line(&mut self, line: Block<'a>) {
        let Some((name, rest)) = label(&line.text) else {
            match self.report.images.last_mut() {
                Some(img) if self.image_open && img.caption.is_none() => {
                    img.caption = Some(line.text.to_string());
                    img.span.end = img.span.end.max(line.span.end);
                }
                _ => {
                    let n = crate::util::line_of(self.src.as_bytes(), line.span.start);
                    self.report.warnings.push(format!("line {n}: unlabelled line in Image Information ignored: expected `Image:`, `Source:` or `Attribution:`"));
                }
            }
            return;
        };
        let value = line.text[rest..].trim();
        match name.as_str() {
            "image" | "caption" => {
                self.report.images.push(Image {
                    caption: Some(value.to_string()),
                    span: line.span,
                    ..Default::default()
                });
                self.image_open = true;
            }
            "source" | "image source" | "credit" | "photo" => {
                let img = self.current_image(line.span, |i| i.source_url.is_some());
                // `Source: URL Attribution: …` on one line.
                let (src_text, attribution) = match find_ci(value, "attribution:") {
                    Some(i) => (
                        value[..i].trim(),
                        Some(value[i + "attribution:".len()..].trim()),
                    ),
                    None => (value, None),
                };
                let url = find_urls(src_text)
                    .into_iter()
                    .next()
                    .or_else(|| line.links.first().cloned());
                img.source_url =
                    Some(url.unwrap_or_else(|| src_text.to_string())).filter(|s| !s.is_empty());
                if let Some(a) = attribution {
                    img.attribution = Some(a.to_string()).filter(|s| !s.is_empty());
                }
            }
            "attribution" | "license" | "licence" => {
                let img = self.current_image(line.span, |i| i.attribution.is_some());
                img.attribution = Some(value.to_string()).filter(|s| !s.is_empty());
            }
            _ => {
                let n = crate::util::line_of(self.src.as_bytes(), line.span.start);
                self.report.warnings.push(format!(
                    "line {n}: unknown label `{name}:` in Image Information ignored"
                ));
            }
        }
    }

    /// The image entry a `Source:`/`Attribution:` line belongs to: the open
    /// one, unless it already has that field (then a new entry begins).
    fn current_image(&mut self, span: Span, has: impl Fn(&Image) -> bool) -> &mut Image {
        let reuse = self.image_open && self.report.images.last().is_some_and(|i| !has(i));
        if !reuse {
            self.report.images.push(Image {
                span,
                ..Default::default()
            });
            self.image_open = true;
        }
        let img = self
            .report
            .images
            .last_mut()
            .expect("an image was just ensured");
        img.span.end = img.span.end.max(span.end);
        img
    }

    /// [`Builder::finish`], with a year-less dateline date ("July 12") the
    /// file must give a year to.
    pub fn finish_with_yearless(self) -> (Report, crate::prose::Yearless) {
        let yearless = self.yearless;
        (self.finish(), yearless)
    }

    /// Ends the report: links note markers to notes and records what is missing.
    pub fn finish(mut self) -> Report {
        self.flush_pending();
        if self.report.images.is_empty() {
            self.report.images.extend(self.caption_image.take());
        }
        let r = &mut self.report;
        let index: std::collections::HashMap<&str, usize> = r
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.marker.as_str(), i))
            .collect();
        for p in r
            .paragraphs
            .iter_mut()
            .chain(r.sources.iter_mut().flat_map(|s| s.excerpt.iter_mut()))
        {
            for nr in &mut p.note_refs {
                nr.note = index.get(nr.marker.as_str()).copied();
            }
        }
        if r.reference_date.is_none() {
            r.reference_date = r.sources_date().map(|date| ReferenceDate {
                date,
                provenance: DateProvenance::Sources,
                span: None,
            });
        }
        let mut missing = Vec::new();
        if self.layout != Layout::OeWatch {
            // A news piece has no caption, quote or Sources to miss.
        } else if r.image_caption.is_none() {
            missing.push("image caption");
        }
        if self.layout == Layout::OeWatch {
            if r.quote.is_none() {
                missing.push("pull quote");
            }
            if r.sources.is_empty() {
                missing.push("Sources");
            }
        }
        if r.paragraphs.is_empty() && r.sources.is_empty() {
            missing.push("body text");
        }
        if !missing.is_empty() {
            r.warnings
                .push(format!("no {} found", missing.join(", no ")));
        }
        let referenced: Vec<&str> = r
            .paragraphs
            .iter()
            .flat_map(|p| &p.note_refs)
            .filter(|n| n.note.is_none())
            .map(|n| n.marker.as_str())
            .collect();
        if !referenced.is_empty() {
            let mut m = referenced.clone();
            m.dedup();
            r.warnings.push(format!(
                "note marker(s) [{}] have no matching note",
                m.join("], [")
            ));
        }
        for (i, s) in r.sources.iter().enumerate() {
            if s.original_title.is_some() && (s.date.is_none() || s.url.is_none()) {
                let what = match (s.date.is_none(), s.url.is_none()) {
                    (true, true) => "date or URL",
                    (true, false) => "date",
                    _ => "URL",
                };
                r.warnings.push(format!("source {} has no {what}", i + 1));
            }
        }
        self.report
    }
}

/// A Markdown or plain-text table: every line a `|`-delimited row.
fn is_table(text: &str) -> bool {
    let mut rows = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    rows.peek().is_some() && rows.all(|l| l.starts_with('|') && l.len() > 1 && l[1..].contains('|'))
}

/// A block of short lines none of which is a sentence: the header of a
/// statement or press release (issuer, office, place, date, release number).
fn header_block(text: &str, order: DateOrder) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.len() >= 2
        && lines.len() <= 8
        && lines
            .iter()
            .any(|l| crate::dateline::line_role(l, order).is_some())
        && lines.iter().all(|l| {
            crate::dateline::line_role(l, order).is_some()
                || (l.len() <= 80
                    && l.split_whitespace().count() <= 8
                    && !(l.ends_with('.') && l.split_whitespace().count() > 3))
        })
}

/// Case-insensitive ASCII search.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn text_of(b: &Block<'_>) -> Text {
    Text {
        text: b.text.to_string(),
        span: b.span,
    }
}

/// The longest title kept, in bytes. A report without a title line is
/// titled by its first block, which may be a whole paragraph (or a whole
/// file written on one line): its title is then the block's first sentence,
/// or its head cut at a word, so no copy of a title (each event carries
/// one) costs more than this.
const MAX_TITLE_BYTES: usize = 300;

/// The part of `block` that titles a report: all of it when short, else
/// its first sentence or its head within [`MAX_TITLE_BYTES`], cut at a word.
fn title_head<'a>(block: &Block<'a>) -> Block<'a> {
    let text: &str = &block.text;
    if text.len() <= MAX_TITLE_BYTES {
        return block.clone();
    }
    let limit = text.floor_char_boundary(MAX_TITLE_BYTES);
    let head = &text[..limit];
    let sentence_end = head
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| i >= 20);
    let cut = sentence_end
        .or_else(|| head.rfind(char::is_whitespace).filter(|&i| i > 0))
        .unwrap_or(limit);
    block.sub(0, cut)
}
