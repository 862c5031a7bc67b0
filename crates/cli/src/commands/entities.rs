//! `watchfloor entities PATH...`: every actor, place, person, date and
//! figure mention in the reports' prose, with file byte spans and what each
//! resolves to.

use anyhow::Context as _;
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use watchfloor_extract::{Extractor, PARSE_OPTIONS as CODING};
use watchfloor_model::Span;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Report files or directories (read recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// One mention, in file coordinates.
#[derive(Serialize)]
struct Mention {
    file: String,
    report: String,
    span: Span,
    kind: &'static str,
    surface: String,
    /// What the mention resolves to: a canonical actor or place name, an ISO date, a count.
    resolved: Option<String>,
    /// Place details: country, admin1, coordinates, precision.
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<watchfloor_gazetteer::Resolution>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::load_default().context("loading the catalogue and gazetteer")?;
    let recognizer = &extractor.recognizer;
    let mut failed = false;
    let mut mentions = Vec::new();
    for path in &args.paths {
        for result in watchfloor_parse::parse_path_with(path, CODING) {
            let reports = match result {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("watchfloor: {e}");
                    failed = true;
                    continue;
                }
            };
            for report in &reports {
                let doc = recognizer.annotate(report);
                for s in &doc.sentences {
                    let at = |span: Span| span.shifted(s.span.start);
                    let mut push = |span: Span, kind, resolved: Option<String>, place| {
                        mentions.push(Mention {
                            file: report.file.clone(),
                            report: report.title.clone(),
                            span: at(span),
                            kind,
                            surface: s.text[span.start..span.end].to_string(),
                            resolved,
                            place,
                        })
                    };
                    for a in &s.actors {
                        let name = a
                            .actor
                            .as_deref()
                            .and_then(|id| recognizer.catalogue.get(id))
                            .map(|a| a.name.clone());
                        let generic = a.generic.map(|g| format!("generic {g:?}").to_lowercase());
                        push(a.span, "actor", name.or(generic), None);
                    }
                    for p in &s.places {
                        push(
                            p.span,
                            "place",
                            Some(p.place.name.clone()),
                            Some(p.place.clone()),
                        );
                    }
                    for p in &s.persons {
                        push(
                            p.span,
                            "person",
                            Some(format!("{} ({})", p.name, p.role)),
                            None,
                        );
                    }
                    for d in &s.dates {
                        push(
                            d.mention.span,
                            "date",
                            d.resolved.map(|r| r.date.to_string()),
                            None,
                        );
                    }
                    for n in &s.numbers {
                        push(n.span, "figure", n.value.map(|v| v.to_string()), None);
                    }
                }
            }
        }
    }
    mentions.sort_by(|a, b| (&a.file, a.span.start).cmp(&(&b.file, b.span.start)));
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &mentions)?;
            writeln!(out)?;
        }
        Format::Text => {
            for m in &mentions {
                let detail = match &m.place {
                    Some(p) => format!(
                        " [{} {} {:.3},{:.3} {:?}]",
                        p.country,
                        p.admin1.as_deref().unwrap_or("-"),
                        p.latitude,
                        p.longitude,
                        p.precision
                    ),
                    None => String::new(),
                };
                writeln!(
                    out,
                    "{}:{}\t{}\t{}\t→ {}{}",
                    m.file,
                    m.span,
                    m.kind,
                    m.surface,
                    m.resolved.as_deref().unwrap_or("?"),
                    detail
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
