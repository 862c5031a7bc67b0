//! `watchfloor search QUERY...`: ranked full-text search of the store.
//!
//! Searches report titles, captions, pull quotes, summaries, commentary,
//! citations, translated excerpts and notes (SQLite FTS5, BM25 ranking;
//! diacritics and case are ignored). Every word must occur; `"a phrase"`
//! must occur as written. `--raw` passes FTS5 syntax through (`OR`, `NOT`,
//! `NEAR(a b, 5)`, `prefix*`). A query matching more than 5,000 passages
//! ranks the newest 5,000 of them unless `--all-matches` is given.

use super::export::StoreArg;
use anyhow::Context as _;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use watchfloor_store::SearchOptions;

#[derive(clap::Args)]
pub struct Args {
    /// Words to look for.
    #[arg(required = true)]
    query: Vec<String>,
    #[command(flatten)]
    store: StoreArg,
    /// At most this many hits.
    #[arg(long, default_value_t = 20, value_parser = super::parse_count)]
    limit: usize,
    /// Skip this many hits first.
    #[arg(long, default_value_t = 0, value_parser = super::parse_count)]
    offset: usize,
    /// Read the query as FTS5 syntax.
    #[arg(long)]
    raw: bool,
    /// Rank every match. By default a query matching more than 5,000
    /// passages ranks the newest 5,000, which keeps broad queries fast.
    #[arg(long)]
    all_matches: bool,
    /// One JSON object per hit instead of text.
    #[arg(long)]
    json: bool,
    /// Search only this report: its id or part of its title.
    #[arg(long, value_name = "ID|TITLE", help_heading = "Sources")]
    report: Vec<String>,
    /// Search only reports citing this outlet (part of its name).
    #[arg(long, value_name = "OUTLET", help_heading = "Sources")]
    source: Vec<String>,
    /// Search only reports from this file, or any file under this directory.
    #[arg(long, value_name = "PATH", help_heading = "Sources")]
    file: Vec<String>,
    /// Search only reports ingested with `--collection NAME`.
    #[arg(long, value_name = "NAME", help_heading = "Sources")]
    collection: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open_read_only()?;
    let tty = std::io::stdout().is_terminal() && !args.json;
    let highlight = if tty {
        ("\x1b[1;33m".to_string(), "\x1b[0m".to_string())
    } else {
        ("[".into(), "]".into())
    };
    let query = args.query.join(" ");
    let opts = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        highlight,
        raw: args.raw,
        rank_window: if args.all_matches {
            usize::MAX
        } else {
            watchfloor_store::RANK_WINDOW
        },
        reports: None,
    };
    let sources = watchfloor_store::FilterSpec {
        report: args.report.clone(),
        source: args.source.clone(),
        file: args.file.clone(),
        collection: args.collection.clone(),
        ..Default::default()
    };
    let mut opts = opts;
    if sources.any() {
        let catalogue =
            watchfloor_actors::Catalogue::load_default().context("loading the actor catalogue")?;
        let within = match sources.resolve(&store, &catalogue, |p| format!("--{p}")) {
            Ok(f) => f,
            Err(e) => crate::usage!("{e}"),
        };
        opts.reports = store.reports_told_by(&within)?;
    }
    let hits = store.search(&query, &opts)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for h in &hits {
        if args.json {
            let v = serde_json::json!({
                "report_id": h.report_id, "report_title": h.report_title, "kind": h.kind,
                "label": h.label, "snippet": h.snippet, "score": h.score,
            });
            writeln!(out, "{v}")?;
        } else {
            let place = match &h.label {
                Some(l) => format!("{} ({l})", h.kind),
                None => h.kind.clone(),
            };
            writeln!(
                out,
                "{:.2}  {}  [{place}]\n      {}\n",
                h.score,
                h.report_title,
                h.snippet.replace('\n', " ")
            )?;
        }
    }
    out.flush()?;
    if hits.is_empty() && !args.json {
        eprintln!("no matches for `{query}`");
    }
    Ok(ExitCode::SUCCESS)
}
