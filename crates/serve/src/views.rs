//! The JSON the API answers with. Field names are the API's contract
//! (documented in `openapi.rs`); they are built from the store's types here
//! and nowhere else.

use crate::locate::{label, locate, source_of};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use watchfloor_model::{DatePrecision, Event, Report, Section, Span, Stance};
use watchfloor_store::{CanonicalEvent, Estimate, FieldCorrection, Figure, LogEntry};

/// Low, best and high estimates of a count (all absent when no report
/// gives one).
#[derive(Debug, Serialize)]
pub struct Figures {
    pub best: Option<u32>,
    pub low: Option<u32>,
    pub high: Option<u32>,
}

impl From<&Estimate> for Figures {
    fn from(e: &Estimate) -> Figures {
        Figures {
            best: e.best,
            low: e.low,
            high: e.high,
        }
    }
}

/// A claim on an occurrence: who, how, and (in an event's detail) the
/// sentence and the source that carry it.
#[derive(Debug, Serialize)]
pub struct ClaimView {
    pub by: String,
    pub stance: Stance,
    pub event_id: i64,
    pub report_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlight: Option<Highlight>,
}

/// Where to highlight a sentence in `/api/reports/{report_id}`: the block's
/// index and a UTF-16 range in its text.
#[derive(Debug, Serialize, Clone, Copy)]
pub struct Highlight {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// One occurrence, as listed.
#[derive(Debug, Serialize)]
pub struct EventSummary {
    /// The citable id (`MLI12`).
    pub id: String,
    pub date: String,
    pub precision: DatePrecision,
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub sub_type: watchfloor_model::SubEventType,
    pub country: String,
    pub admin1: Option<String>,
    pub location: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geo_precision: Option<String>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub fatalities: Figures,
    pub injuries: Figures,
    pub civilian_targeting: bool,
    /// Reports that tell it, in member order, each once.
    pub report_ids: Vec<i64>,
    /// Per-report records merged into it.
    pub records: usize,
    /// `rejected`, `corrected`, `noted`, `merged`, `split`: what people did
    /// to it.
    pub status: Vec<&'static str>,
    pub claims: Vec<ClaimView>,
}

impl EventSummary {
    pub fn of(c: &CanonicalEvent) -> EventSummary {
        let e = &c.event;
        let mut reports = Vec::new();
        let mut seen_reports = HashSet::new();
        let mut claims = Vec::new();
        let mut seen_claims = HashSet::new();
        for m in &c.members {
            if seen_reports.insert(m.report_id) {
                reports.push(m.report_id);
            }
            for cl in &m.event.claims {
                if seen_claims.insert((cl.by.clone(), cl.stance)) {
                    claims.push(ClaimView {
                        by: cl.by.clone(),
                        stance: cl.stance,
                        event_id: m.event_id,
                        report_id: m.report_id,
                        sentence: None,
                        text: None,
                        source: None,
                        highlight: None,
                    });
                }
            }
        }
        let status = c.review.status();
        EventSummary {
            id: c.public_id.clone(),
            date: e.event_date.to_string(),
            precision: e.date_precision,
            event_type: e.event_type.as_str(),
            sub_type: e.sub_event_type,
            country: e.country.clone(),
            admin1: c.admin1.clone(),
            location: e.location.clone(),
            lat: e.latitude,
            lon: e.longitude,
            geo_precision: e.geo_precision.clone(),
            actor1: e.actor1.clone(),
            actor2: e.actor2.clone(),
            fatalities: (&c.fatalities).into(),
            injuries: (&c.injuries).into(),
            civilian_targeting: e.civilian_targeting,
            report_ids: reports,
            records: c.members.len(),
            status,
            claims,
        }
    }
}

/// One per-report record of an occurrence, and why it was merged.
#[derive(Debug, Serialize)]
pub struct MemberView {
    pub event_id: i64,
    pub report_id: i64,
    pub report_title: String,
    pub reason: String,
    pub date: String,
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub sub_type: watchfloor_model::SubEventType,
    pub location: String,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub fatalities: Option<u32>,
    pub injuries: Option<u32>,
}

/// A sentence an occurrence was read from.
#[derive(Debug, Serialize)]
pub struct EvidenceView {
    pub event_id: i64,
    pub report_id: i64,
    pub report_title: String,
    pub text: String,
    /// Byte range in the report's original file.
    pub span: Span,
    pub section: Section,
    /// The citation of the source whose excerpt holds the sentence.
    pub source: Option<String>,
    pub highlight: Option<Highlight>,
}

/// An occurrence with everything behind it.
#[derive(Debug, Serialize)]
pub struct EventDetail {
    #[serde(flatten)]
    pub summary: EventSummary,
    pub fatality_figures: Vec<Figure>,
    pub injury_figures: Vec<Figure>,
    pub members: Vec<MemberView>,
    pub evidence: Vec<EvidenceView>,
    /// The audit log of people's edits, oldest first.
    pub corrections: Vec<LogEntry>,
    /// Fields a person set, with what the coder said then and says now.
    pub corrected_fields: Vec<FieldCorrection>,
}

impl EventDetail {
    /// `reports` holds the members' reports by id (those the store still
    /// has); sentences are placed in them for highlighting.
    pub fn of(c: &CanonicalEvent, reports: &HashMap<i64, Report>) -> EventDetail {
        let mut summary = EventSummary::of(c);
        summary.claims = c
            .members
            .iter()
            .flat_map(|m| {
                let report = reports.get(&m.report_id);
                m.event
                    .claims
                    .iter()
                    .map(move |cl| claim_detail(m.event_id, m.report_id, &m.event, cl, report))
            })
            .collect();
        let evidence = c
            .members
            .iter()
            .flat_map(|m| {
                let report = reports.get(&m.report_id);
                m.event.evidence.iter().map(move |ev| EvidenceView {
                    event_id: m.event_id,
                    report_id: m.report_id,
                    report_title: m.report_title.clone(),
                    text: ev.text.clone(),
                    span: ev.span,
                    section: ev.section,
                    source: ev.source.clone(),
                    highlight: report
                        .and_then(|r| locate(r, ev.span, Some(&ev.text)))
                        .map(|l| Highlight {
                            block: l.block,
                            start: l.start,
                            end: l.end,
                        }),
                })
            })
            .collect();
        let members = c
            .members
            .iter()
            .map(|m| MemberView {
                event_id: m.event_id,
                report_id: m.report_id,
                report_title: m.report_title.clone(),
                reason: m.reason.clone(),
                date: m.event.event_date.to_string(),
                event_type: m.event.event_type.as_str(),
                sub_type: m.event.sub_event_type,
                location: m.event.location.clone(),
                actor1: m.event.actor1.clone(),
                actor2: m.event.actor2.clone(),
                fatalities: m.event.fatalities,
                injuries: m.event.injuries,
            })
            .collect();
        EventDetail {
            summary,
            fatality_figures: c.fatalities.figures.clone(),
            injury_figures: c.injuries.figures.clone(),
            members,
            evidence,
            corrections: c.review.log.clone(),
            corrected_fields: c.review.fields.clone(),
        }
    }
}

/// A claim with its sentence: the evidence sentence its span names (whose
/// text and source the record kept), placed in the report.
fn claim_detail(
    event_id: i64,
    report_id: i64,
    event: &Event,
    claim: &watchfloor_model::Claim,
    report: Option<&Report>,
) -> ClaimView {
    let sentence = claim.sentence.and_then(|s| {
        event
            .evidence
            .iter()
            .find(|ev| ev.span.contains(s) || s.contains(ev.span))
    });
    let located = match (claim.sentence, report) {
        (Some(span), Some(r)) => locate(r, span, sentence.map(|ev| ev.text.as_str())),
        _ => None,
    };
    let text = sentence.map(|ev| ev.text.clone()).or_else(|| {
        let (l, r) = (located?, report?);
        let block = r.blocks().get(l.block)?.text.to_string();
        let units: Vec<u16> = block.encode_utf16().collect();
        String::from_utf16(units.get(l.start..l.end)?).ok()
    });
    let source = sentence
        .and_then(|ev| ev.source.clone())
        .or_else(|| source_of(report?, located?.block));
    ClaimView {
        by: claim.by.clone(),
        stance: claim.stance,
        event_id,
        report_id,
        sentence: claim.sentence,
        text,
        source,
        highlight: located.map(|l| Highlight {
            block: l.block,
            start: l.start,
            end: l.end,
        }),
    }
}

/// A report as the page shows it: its blocks of text with their file
/// spans, and its sources.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub id: i64,
    pub title: String,
    pub file: String,
    pub layout: watchfloor_model::Layout,
    pub reference_date: Option<String>,
    pub blocks: Vec<BlockView>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Serialize)]
pub struct BlockView {
    pub index: usize,
    pub section: Section,
    pub label: String,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub index: usize,
    pub citation: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub title: Option<String>,
}

impl ReportView {
    pub fn of(id: i64, r: &Report) -> ReportView {
        let mut paragraph = 0;
        let blocks = r
            .blocks()
            .iter()
            .enumerate()
            .map(|(index, b)| {
                if b.section == Section::Commentary {
                    paragraph += 1;
                }
                BlockView {
                    index,
                    section: b.section,
                    label: label(r, b, paragraph),
                    text: b.text.to_string(),
                    span: b.span,
                }
            })
            .collect();
        let sources = r
            .sources
            .iter()
            .enumerate()
            .map(|(index, s)| SourceView {
                index,
                citation: s.citation.text.clone(),
                outlet: s.outlet.clone(),
                date: s.date.map(|d| d.to_string()),
                url: s.url.clone(),
                language: s.language.clone(),
                title: s
                    .translated_title
                    .clone()
                    .or_else(|| s.original_title.clone()),
            })
            .collect();
        ReportView {
            id,
            title: r.title.clone(),
            file: r.file.clone(),
            layout: r.layout,
            reference_date: r.reference_date.as_ref().map(|d| d.date.to_string()),
            blocks,
            sources,
        }
    }
}

/// What an occurrence adds to its coding in an export: its figures' range,
/// the reports telling it, what people corrected and noted.
pub fn occurrence_extras(c: &CanonicalEvent) -> watchfloor_export::Occurrence {
    watchfloor_export::Occurrence {
        fatalities_low: c.fatalities.low,
        fatalities_high: c.fatalities.high,
        injuries_low: c.injuries.low,
        injuries_high: c.injuries.high,
        reports: c.report_titles(),
        records: c.members.len(),
        corrected: c.review.fields.iter().map(|f| f.field.clone()).collect(),
        notes: c.review.note_lines(),
    }
}
