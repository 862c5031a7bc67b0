//! `watchfloor`: the command-line front of the pipeline.
//!
//! Each subcommand lives in its own module under `commands/` and talks to
//! exactly one stage crate's public interface. Exit codes: 0 success, 1 when
//! some input could not be processed (the rest still is), 2 on usage errors
//! (clap's own, and the commands' [`commands::Usage`] errors: an unknown
//! event type or country, a malformed `--bbox`, a bad search query). A
//! closed standard output (`| head`) ends the command quietly with 0.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod commands;

#[derive(Parser)]
#[command(name = "watchfloor", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports and print their structure.
    Parse(commands::parse::Args),
    /// Look places up in the gazetteer.
    Places(commands::places::Args),
    /// Look actors up in the actor catalogue, or find their mentions in text.
    Actors(commands::actors::Args),
    /// List actor, place, person, date and figure mentions with spans and resolutions.
    Entities(commands::entities::Args),
    /// Code reports into ACLED-style events (JSON Lines by default).
    Events(commands::events::Args),
    /// Parse, code and store reports (one transaction per file; unchanged files are skipped).
    Ingest(commands::ingest::Args),
    /// Full-text search over stored reports, excerpts and notes.
    Search(commands::search::Args),
    /// Export stored occurrences as CSV (ACLED columns), GeoJSON, STIX 2.1, JSON Lines or Parquet.
    Export(commands::export::Args),
    /// Show one occurrence, the reports that tell it, why they were merged, and its corrections.
    Event(commands::event::Args),
    /// Correct an occurrence by hand (set fields, reject, merge, split, note); kept across re-ingest and relink.
    Edit(commands::edit::Args),
    /// Watchlists: saved filters each ingest checks its new occurrences against.
    Watch(commands::watch::Args),
    /// Write up the matching occurrences: figures, map, timeline, events with evidence and sources, claims (HTML or Markdown).
    Brief(commands::brief::Args),
    /// A dossier on one actor: aliases, affiliation, events, partners, claims.
    Actor(commands::actor::Args),
    /// Counts of what the store holds, or occurrences and fatalities by country, month, actor, type.
    Stats(commands::stats::Args),
    /// Redo every cross-report link under the actor catalogue's current rules.
    Relink(commands::relink::Args),
    /// Serve the store read-only: a JSON API and the analyst's page (map, timeline, network, evidence).
    Serve(commands::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => commands::parse::run(args),
        Command::Places(args) => commands::places::run(args),
        Command::Actors(args) => commands::actors::run(args),
        Command::Entities(args) => commands::entities::run(args),
        Command::Events(args) => commands::events::run(args),
        Command::Ingest(args) => commands::ingest::run(args),
        Command::Search(args) => commands::search::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Event(args) => commands::event::run(args),
        Command::Edit(args) => commands::edit::run(args),
        Command::Watch(args) => commands::watch::run(args),
        Command::Brief(args) => commands::brief::run(args),
        Command::Actor(args) => commands::actor::run(args),
        Command::Stats(args) => commands::stats::run(args),
        Command::Relink(args) => commands::relink::run(args),
        Command::Serve(args) => commands::serve::run(args),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped early (`watchfloor events | head -1`) is
        // not an error: end quietly, as `cat` and `grep` do.
        Err(err) if broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("watchfloor: {err:#}");
            if usage_error(&err) {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// Whether writing to standard output failed because its reader went away.
fn broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether the command line is to blame (exit code 2).
fn usage_error(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.is::<commands::Usage>()
            || e.downcast_ref::<watchfloor_store::Error>()
                .is_some_and(|e| e.is_usage())
    })
}
