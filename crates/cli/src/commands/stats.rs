//! `watchfloor stats`: what the store holds.

use super::export::StoreArg;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open_read_only()?;
    let s = store.stats()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "store       {}", store.path().display())?;
    writeln!(
        out,
        "files       {} ({:.1} MB)",
        s.files,
        s.bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "reports     {} ({} sources, {} passages indexed, {} parser warnings)",
        s.reports, s.sources, s.passages, s.warnings
    )?;
    writeln!(
        out,
        "events      {} per-report records, {} occurrences ({} told by several reports)",
        s.events, s.canonical_events, s.merged_events
    )?;
    writeln!(out, "claims      {}", s.claims)?;
    writeln!(out, "actors      {}", s.actors)?;
    writeln!(out, "places      {}", s.places)?;
    if let (Some(a), Some(b)) = (&s.first_date, &s.last_date) {
        writeln!(out, "dates       {a} to {b}")?;
    }
    let list =
        |out: &mut dyn Write, title: &str, rows: &[(String, usize)]| -> std::io::Result<()> {
            if rows.is_empty() {
                return Ok(());
            }
            writeln!(out, "\n{title}")?;
            for (k, n) in rows {
                writeln!(out, "  {n:>7}  {k}")?;
            }
            Ok(())
        };
    list(&mut out, "by event type", &s.by_type)?;
    list(&mut out, "by country", &s.by_country)?;
    list(&mut out, "by month", &s.by_month)?;
    Ok(ExitCode::SUCCESS)
}
