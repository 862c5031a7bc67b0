//! `watchfloor events PATH...`: code reports into events.

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
    #[command(flatten)]
    store: super::export::StoreArg,
    #[command(flatten)]
    filter: super::export::FilterArgs,
    #[command(flatten)]
    date: super::DateArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.paths.is_empty() {
        return from_store(&args);
    }
    if args.filter.any() {
        crate::usage!("filters apply to stored events: drop the PATHs to query the store, or ingest them first");
    }
    let extractor = Extractor::load_default().context("loading the extractor's knowledge")?;
    let mut failed = false;
    let mut events: Vec<Event> = Vec::new();
    for path in &args.paths {
        for result in watchfloor_parse::parse_path_with(path, args.date.options(CODING)) {
            match result {
                Ok(reports) => {
                    for report in &reports {
                        let (coded, warnings) = extractor.extract_with_warnings(report);
                        for w in warnings {
                            eprintln!("watchfloor: warning: {w}");
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
        Format::Table => write_table(&mut out, &events)?,
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_table(out: &mut impl Write, events: &[Event]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<10} {:<2} {:<24} {:<32} {:<28} {:<28} {:>5} {:>5}",
        "date", "cc", "location", "type / sub-type", "actor1", "actor2", "dead", "hurt"
    )?;
    for e in events {
        let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
        let num = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "{:<10} {:<2} {:<24} {:<32} {:<28} {:<28} {:>5} {:>5}",
            e.event_date.to_string(),
            e.country,
            cut(&e.location, 24),
            cut(
                &format!(
                    "{} / {}",
                    short_type(e.event_type.as_str()),
                    e.sub_event_type
                ),
                32
            ),
            cut(e.actor1.as_deref().unwrap_or("-"), 28),
            cut(e.actor2.as_deref().unwrap_or("-"), 28),
            num(e.fatalities),
            num(e.injuries),
        )?;
    }
    Ok(())
}

fn short_type(t: &str) -> &str {
    match t {
        "Explosions/Remote violence" => "Explosions",
        "Violence against civilians" => "VAC",
        "Strategic developments" => "Strategic",
        other => other,
    }
}

/// `watchfloor events [filters]`: stored per-report events, in the same
/// formats; the table gains an id column for `watchfloor event ID`.
fn from_store(args: &Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open_read_only()?;
    let catalogue =
        watchfloor_actors::Catalogue::load_default().context("loading the actor catalogue")?;
    let stored = store.events(&args.filter.to_filter(&catalogue)?)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        Format::Jsonl => {
            for e in &stored {
                serde_json::to_writer(&mut out, &e.event)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Json => {
            let events: Vec<&Event> = stored.iter().map(|e| &e.event).collect();
            serde_json::to_writer_pretty(&mut out, &events)?;
            out.write_all(b"\n")?;
        }
        Format::Table => {
            let events: Vec<Event> = stored.iter().map(|e| e.event.clone()).collect();
            let mut table = Vec::new();
            write_table(&mut table, &events)?;
            for (i, line) in String::from_utf8_lossy(&table).lines().enumerate() {
                let id = match i.checked_sub(1) {
                    None => "id".to_string(),
                    Some(j) => format!("{}", stored[j].id),
                };
                let occ = match i.checked_sub(1) {
                    None => "occ".to_string(),
                    Some(j) => stored[j]
                        .canonical_id
                        .map(|c| format!("c{c}"))
                        .unwrap_or_default(),
                };
                writeln!(out, "{id:>7} {occ:>7} {line}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
