//! `watchfloor events PATH...`: code reports into events; `watchfloor
//! events [filters]`: list the stored occurrences.

use super::listing::{self, Item};
use super::table;
use anyhow::Context as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use watchfloor_extract::{Extractor, PARSE_OPTIONS as CODING};
use watchfloor_model::Event;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line (the GUIDELINES.md export).
    Jsonl,
    /// One JSON array.
    Json,
    /// An aligned table for people.
    Table,
}

#[derive(clap::Args)]
pub struct Args {
    /// Report files or directories (read recursively). Without any, events
    /// are read from the store (see --db) and the filters apply.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// From the store, one record per report per occurrence (as each report
    /// was coded) instead of one row per occurrence.
    #[arg(long)]
    per_report: bool,
    /// The table's columns, comma-separated: id, record, date, country,
    /// location, province, type, actor1, actor2, dead, hurt, report,
    /// reports, status.
    #[arg(long, value_name = "LIST")]
    columns: Option<String>,
    /// The table's width in characters (default: $COLUMNS, else the
    /// terminal's; unlimited into a pipe or file).
    #[arg(long, value_name = "N")]
    width: Option<usize>,
    #[command(flatten)]
    store: super::export::StoreArg,
    #[command(flatten)]
    filter: super::export::FilterArgs,
    #[command(flatten)]
    page: super::export::PageArgs,
    #[command(flatten)]
    date: super::DateArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(list) = &args.columns {
        listing::parse_columns(list)?;
        if !matches!(args.format, Format::Table) {
            crate::usage!("--columns chooses a table's columns: add --format table");
        }
    }
    if args.paths.is_empty() {
        return from_store(&args);
    }
    if args.filter.any() || args.page.any() || args.per_report {
        crate::usage!("filters, paging and --per-report apply to stored events: drop the PATHs to query the store, or ingest them first");
    }
    let extractor = Extractor::load_default().context("loading the extractor's knowledge")?;
    let mut failed = false;
    let mut events: Vec<Event> = Vec::new();
    for path in &args.paths {
        for result in watchfloor_parse::parse_path_with(path, args.date.options(CODING)) {
            match result {
                Ok(reports) => {
                    for report in &reports {
                        for w in &report.warnings {
                            eprintln!("watchfloor: warning: {}: {w}", report.file);
                        }
                        let (coded, warnings) = extractor.extract_with_warnings(report);
                        for w in warnings {
                            eprintln!("watchfloor: warning: {}: {w}", report.file);
                        }
                        events.extend(coded);
                    }
                }
                Err(e) => {
                    eprintln!("watchfloor: {e}");
                    failed = true;
                }
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        Format::Jsonl => {
            for e in &events {
                serde_json::to_writer(&mut out, e)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &events)?;
            out.write_all(b"\n")?;
        }
        Format::Table => {
            let items: Vec<Item> = events
                .into_iter()
                .map(|event| Item {
                    id: String::new(),
                    occurrence_id: String::new(),
                    record: None,
                    event,
                    admin1: None,
                    stored_at: 0,
                    occurrence: None,
                    status: Vec::new(),
                })
                .collect();
            let columns = listing::parse_columns(args.columns.as_deref().unwrap_or(CODED_COLUMNS))?;
            listing::write_table(&mut out, &items, &columns, table::width(args.width))?;
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What a table of reports coded on the spot shows: they have no ids yet.
const CODED_COLUMNS: &str = "date,country,location,type,actor1,actor2,dead,hurt,report";

/// `watchfloor events [filters]`: stored occurrences (or with
/// `--per-report` records), in the same formats; JSON carries each one's
/// citable id, and an occurrence its figures' range and reports.
fn from_store(args: &Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open_read_only()?;
    let catalogue =
        watchfloor_actors::Catalogue::load_default().context("loading the actor catalogue")?;
    let filter = args.filter.to_filter(&store, &catalogue, &args.page)?;
    let items = if args.per_report {
        listing::records(&store, &filter)?
    } else {
        listing::occurrences(&store, &filter)?
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let rows = listing::export_rows(&items);
    let ctx = watchfloor_export::Context::default();
    match args.format {
        Format::Jsonl => {
            watchfloor_export::write(watchfloor_export::Format::Jsonl, &mut out, &rows, &ctx)?
        }
        Format::Json => {
            let mut lines = Vec::new();
            watchfloor_export::write(watchfloor_export::Format::Jsonl, &mut lines, &rows, &ctx)?;
            let values: Vec<serde_json::Value> = String::from_utf8_lossy(&lines)
                .lines()
                .map(serde_json::from_str)
                .collect::<Result<_, _>>()?;
            serde_json::to_writer_pretty(&mut out, &values)?;
            out.write_all(b"\n")?;
        }
        Format::Table => {
            let default = if args.per_report {
                listing::DEFAULT_RECORD_COLUMNS
            } else {
                listing::DEFAULT_COLUMNS
            };
            let columns = listing::parse_columns(args.columns.as_deref().unwrap_or(default))?;
            listing::write_table(&mut out, &items, &columns, table::width(args.width))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
