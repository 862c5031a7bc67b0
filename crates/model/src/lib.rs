//! The watchfloor document model.
//!
//! A [`Report`] is what the parse stage produces: every element of one
//! OE Watch-style report, each carrying the byte [`Span`] it came from in the
//! original file. Later stages never re-read the raw file; they add typed
//! layers (mentions, events, claims) that point back into these spans, so a
//! fact can always be traced to the sentence and the source that asserted it.
//!
//! The JSON form of [`Report`] (via serde) is a public contract read by other
//! tools: field names here are stable.

use serde::{Deserialize, Serialize};
use std::fmt;

mod date;
mod event;
pub use date::{DatePrecision, PartialDate};
pub use event::{Claim, Event, EventType, Evidence, Stance, SubEventType};

/// A half-open byte range `[start, end)` into the original file.
///
/// Serialised as a two-element array `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} > end {end}");
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// This span moved right by `offset` bytes (a local span made global).
    pub fn shifted(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        if start > end {
            return Err(serde::de::Error::custom(format!(
                "span start {start} is after its end {end}"
            )));
        }
        Ok(Span { start, end })
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A piece of text with the span it was read from.
///
/// For plain-text and Markdown input `text` is the source slice with
/// surrounding whitespace trimmed; for HTML it is the element's text content
/// and `span` covers the element in the HTML source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

/// A note marker such as `[ii]` inside a paragraph, linked to the note it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRef {
    /// The marker's label without brackets: `i`, `ii`, `iv`.
    pub marker: String,
    /// Where the marker (brackets included) stands in the file.
    pub span: Span,
    /// Index into [`Report::notes`] of the note with this marker, if present.
    pub note: Option<usize>,
}

/// One paragraph of commentary or excerpt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Paragraph {
    pub text: String,
    pub span: Span,
    /// Note markers found in this paragraph, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note_refs: Vec<NoteRef>,
}

/// One cited source with its translated excerpt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Source {
    /// Authors named before the title, in order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The title in its original language (before the parenthesised translation).
    pub original_title: Option<String>,
    /// The English translation of the title (the parenthesised part), if given.
    pub translated_title: Option<String>,
    /// ISO 639-1 code of the original title's language.
    pub language: Option<String>,
    /// Script of the original title (`Latin`, `Arabic`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    pub outlet: Option<String>,
    /// The parenthesised description after the outlet.
    pub outlet_description: Option<String>,
    /// Publication (or access) date, ISO 8601 (`2024-08-26`, or `2024-04` for month-only).
    pub date: Option<PartialDate>,
    /// True when the date is an access date (`Accessed 13 January 2024`), not a publication date.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_is_access: bool,
    pub url: Option<String>,
    /// The citation as printed.
    pub citation: Text,
    /// The translated excerpt paragraphs that follow the citation.
    #[serde(default)]
    pub excerpt: Vec<Paragraph>,
}

/// A numbered note (`[i] …`) from the `Notes:` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Note {
    /// The note's label without brackets: `i`, `ii`.
    pub marker: String,
    pub text: String,
    pub span: Span,
    #[serde(default)]
    pub urls: Vec<String>,
}

/// One entry of `Image Information:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Image {
    pub caption: Option<String>,
    pub source_url: Option<String>,
    pub attribution: Option<String>,
    pub span: Span,
}

/// The input format a report was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    #[default]
    Text,
    Markdown,
    Html,
    Json,
}

/// How a report is laid out, as the parser detected it from its structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Title, image caption, pull quote, commentary, `Sources:` with excerpts, notes.
    #[default]
    OeWatch,
    /// A news article, blog post or statement: title, optional date line or
    /// byline, then body paragraphs.
    News,
    /// A wire story: the first paragraph opens with a dateline
    /// ("KABUL, July 12 (AP) --").
    Wire,
    /// An incident digest: one dated incident a paragraph.
    Digest,
}

/// Where a report's reference date (the one relative dates count from) was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateProvenance {
    /// The latest publication date among the report's cited sources.
    Sources,
    /// A date line under the title, a header block, or a wire dateline.
    Dateline,
    /// HTML `<meta property="article:published_time">` or `<time datetime>`.
    HtmlMeta,
    /// Markdown YAML front matter (`date:`).
    FrontMatter,
    /// A date in the file's name (`2021-04-17-bulletin.txt`).
    FileName,
    /// The `--date` option: the caller's date for undated input.
    CommandLine,
}

/// The date a report's relative dates resolve against, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceDate {
    pub date: PartialDate,
    pub provenance: DateProvenance,
    /// Where the date was printed in the file, when it was printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// The role of a piece of a report that is not coded as prose: every block
/// of input is either coded or carries one of these roles, never dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A date line, release line or wire dateline ("KABUL, July 12 (AP) --").
    Dateline,
    /// A byline or issuer block ("By Jane Doe", "Press Statement / John Kerry").
    Byline,
    /// "Source: Daily Trust", "This article first appeared in ...".
    SourceLine,
    /// Page furniture: navigation, share buttons, copyright, "Read more".
    SiteFurniture,
    /// A separator between reports (`---`, a form feed).
    Separator,
    /// Markdown front matter.
    FrontMatter,
    /// A table (`| a | b |` rows): data, not prose.
    Table,
}

/// A piece of the report kept out of coding, with its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Furniture {
    pub role: Role,
    pub text: String,
    pub span: Span,
}

/// The order of day and month in numeric dates (`04/03/2017`), inferred
/// from the document: a first number over 12 means day first, a second one
/// over 12 month first; else the order of written dates ("3 May" or "May 3").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// One parsed report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Report {
    pub title: String,
    /// Path of the file the report was read from, as given.
    pub file: String,
    /// The whole report's byte range in `file`.
    pub span: Span,
    #[serde(default)]
    pub format: InputFormat,
    #[serde(default)]
    pub title_span: Span,
    /// The layout the parser detected.
    #[serde(default)]
    pub layout: Layout,
    /// The date relative dates resolve against, with its provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<ReferenceDate>,
    /// How numeric dates in this report's file order day and month.
    #[serde(default)]
    pub date_order: DateOrder,
    /// Date lines, bylines, source lines and page furniture: not coded, but named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub furniture: Vec<Furniture>,
    pub image_caption: Option<Text>,
    pub quote: Option<Text>,
    /// The leading `Summary:` line and/or the `OE Insight Summary:` section.
    #[serde(default)]
    pub summary: Vec<Text>,
    /// Analyst commentary paragraphs, in order.
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub images: Vec<Image>,
    /// Problems the parser recovered from (a missing section, an unparsed citation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Where a piece of report text sits; extraction treats each part differently
/// (an excerpt's relative dates resolve against its source's date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Section {
    Title,
    ImageCaption,
    Quote,
    Summary,
    Commentary,
    /// Excerpt of `Report::sources[source]`.
    Excerpt {
        source: usize,
    },
    /// `Report::notes[note]`.
    Note {
        note: usize,
    },
}

/// A block of running text from the report and the section it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub section: Section,
    pub text: &'a str,
    pub span: Span,
}

impl Report {
    /// The latest publication date among the report's sources (its
    /// commentary was written after all of them), else the latest access date.
    pub fn sources_date(&self) -> Option<PartialDate> {
        let published = self
            .sources
            .iter()
            .filter(|s| !s.date_is_access)
            .filter_map(|s| s.date)
            .max();
        published.or_else(|| self.sources.iter().filter_map(|s| s.date).max())
    }

    /// Every block of running prose in reading order: quote, summary,
    /// commentary, each source's excerpt, then the notes. This is the text the
    /// extract stage reads; citations and image credits are metadata.
    pub fn blocks(&self) -> Vec<Block<'_>> {
        let mut out = Vec::new();
        if let Some(q) = &self.quote {
            out.push(Block {
                section: Section::Quote,
                text: &q.text,
                span: q.span,
            });
        }
        for s in &self.summary {
            out.push(Block {
                section: Section::Summary,
                text: &s.text,
                span: s.span,
            });
        }
        for p in &self.paragraphs {
            out.push(Block {
                section: Section::Commentary,
                text: &p.text,
                span: p.span,
            });
        }
        for (i, src) in self.sources.iter().enumerate() {
            for p in &src.excerpt {
                out.push(Block {
                    section: Section::Excerpt { source: i },
                    text: &p.text,
                    span: p.span,
                });
            }
        }
        for (i, n) in self.notes.iter().enumerate() {
            out.push(Block {
                section: Section::Note { note: i },
                text: &n.text,
                span: n.span,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_round_trips_as_array() {
        let s = Span::new(3, 9);
        let json = serde_json_like(&s);
        assert_eq!(json, "[3,9]");
    }

    #[test]
    fn reversed_span_is_rejected() {
        let err = serde_json::from_str::<Span>("[9,3]").unwrap_err();
        assert!(err.to_string().contains("after its end"));
    }

    fn serde_json_like(s: &Span) -> String {
        serde_json::to_string(s).unwrap()
    }
}
