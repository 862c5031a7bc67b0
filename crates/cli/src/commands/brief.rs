//! `watchfloor brief [filters] -o brief.html`: write up the matching
//! occurrences for a reader: headline figures, a map, a timeline, a table
//! of the events each with its evidence sentence and source, and the
//! claims. HTML (one self-contained file: inline styles and SVG, nothing
//! fetched) or Markdown, by the output's extension or `--format`.

use super::export::{FilterArgs, PageArgs, StoreArg};
use super::listing;
use anyhow::Context as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use watchfloor_actors::Catalogue;
use watchfloor_export::BriefMeta;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML page.
    Html,
    /// Markdown (no map).
    Md,
}

#[derive(clap::Args)]
pub struct Args {
    /// Write here (the extension .html or .md picks the format); default:
    /// standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The format, when the output's extension does not say.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// The brief's title (default: from the filters).
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    filter: FilterArgs,
}

/// Today, `YYYY-MM-DD` (UTC).
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let by_extension = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match (args.format, by_extension.as_deref()) {
        (Some(f), _) => f,
        (None, Some("md" | "markdown")) => Format::Md,
        (None, Some("html" | "htm") | None) => Format::Html,
        (None, Some(other)) => crate::usage!(
            "cannot tell the brief's format from `.{other}`: name the file .html or .md, or give --format"
        ),
    };
    if !args.filter.any() {
        crate::usage!("a brief needs a subject: give --actor, --country, --bbox, --from/--to or another filter");
    }
    let store = args.store.open_read_only()?;
    let catalogue = Catalogue::load_default().context("loading the actor catalogue")?;
    let filter = args
        .filter
        .to_filter(&store, &catalogue, &PageArgs::default())?;
    let items = listing::occurrences(&store, &filter)?;
    if items.is_empty() {
        eprintln!("watchfloor: no occurrence matches; the brief says so");
    }
    let rows = listing::export_rows(&items);
    let scope = args.filter.spec().describe();
    let meta = BriefMeta {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| format!("Brief: {scope}")),
        scope,
        written: today(),
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    match format {
        Format::Html => {
            // The page's own Natural Earth shapes, placed beside the
            // gazetteer by scripts/fetch-data.sh.
            let shapes = watchfloor_gazetteer::default_data_dir().join("countries-110m.json");
            let topology: Option<serde_json::Value> = std::fs::read(&shapes)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok());
            if topology.is_none() {
                eprintln!(
                    "watchfloor: warning: no map: {} is missing; run scripts/fetch-data.sh",
                    shapes.display()
                );
            }
            watchfloor_export::write_brief_html(&mut out, &rows, &meta, topology.as_ref())?;
        }
        Format::Md => watchfloor_export::write_brief_markdown(&mut out, &rows, &meta)?,
    }
    out.flush()?;
    if let Some(p) = &args.output {
        eprintln!(
            "wrote a brief of {} occurrence(s) to {}",
            rows.len(),
            p.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
