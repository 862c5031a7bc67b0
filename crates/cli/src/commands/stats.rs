//! `watchfloor stats`: what the store holds; `watchfloor stats --by
//! country,month [filters]`: occurrences and fatalities per group, as a
//! table, CSV or JSON.

use super::export::{FilterArgs, PageArgs, StoreArg};
use super::table::{self, Column};
use anyhow::Context as _;
use std::io::Write;
use std::process::ExitCode;
use watchfloor_store::Dimension;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for people.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of {keys, events, fatalities}.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Print JSON instead of text (the store's counts; with --by, as --format json).
    #[arg(long)]
    json: bool,
    /// Count occurrences and fatalities by these, comma-separated: country,
    /// province, year, month, actor, type, sub_type.
    #[arg(long, value_name = "LIST")]
    by: Option<String>,
    /// How to print the groups of --by.
    #[arg(long, value_enum, default_value = "table", requires = "by")]
    format: Format,
    #[command(flatten)]
    filter: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open_read_only()?;
    if let Some(by) = &args.by {
        return grouped(&args, &store, by);
    }
    if args.filter.any() {
        crate::usage!(
            "filters narrow the groups of --by: add --by country,month (or actor, type, ...)"
        );
    }
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

fn grouped(args: &Args, store: &watchfloor_store::Store, by: &str) -> anyhow::Result<ExitCode> {
    let mut dims = Vec::new();
    for name in by.split(',').filter(|n| !n.trim().is_empty()) {
        match Dimension::parse(name) {
            Some(d) => dims.push(d),
            None => {
                let known: Vec<&str> = Dimension::ALL.iter().map(|(k, _)| *k).collect();
                crate::usage!(
                    "unknown --by `{}`: group by {}",
                    name.trim(),
                    known.join(", ")
                )
            }
        }
    }
    if dims.is_empty() {
        crate::usage!(
            "--by needs at least one of country, province, year, month, actor, type, sub_type"
        );
    }
    let catalogue =
        watchfloor_actors::Catalogue::load_default().context("loading the actor catalogue")?;
    let filter = args
        .filter
        .to_filter(store, &catalogue, &PageArgs::default())?;
    let groups = store.stats_by(&filter, &dims)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let format = if args.json { Format::Json } else { args.format };
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &groups)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            let mut header: Vec<&str> = dims.iter().map(|d| d.name()).collect();
            header.extend(["events", "fatalities"]);
            w.write_record(&header)?;
            for g in &groups {
                let mut row = g.keys.clone();
                row.push(g.events.to_string());
                row.push(g.fatalities.to_string());
                w.write_record(&row)?;
            }
            w.flush()?;
        }
        Format::Table => {
            let mut cols: Vec<Column> = dims.iter().map(|d| Column::text(d.name())).collect();
            cols.push(Column::number("events"));
            cols.push(Column::number("fatalities"));
            let rows: Vec<Vec<String>> = groups
                .iter()
                .map(|g| {
                    let mut r = g.keys.clone();
                    r.push(g.events.to_string());
                    r.push(g.fatalities.to_string());
                    r
                })
                .collect();
            table::write(&mut out, &cols, &rows, table::width(None))?;
            let (events, dead): (usize, u64) = groups
                .iter()
                .fold((0, 0), |a, g| (a.0 + g.events, a.1 + g.fatalities));
            if dims.contains(&Dimension::Actor) {
                writeln!(out, "(an occurrence counts under each of its sides)")?;
            } else {
                writeln!(out, "{events} occurrences, {dead} dead")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
