//! `watchfloor`: the command-line front of the pipeline.
//!
//! Each subcommand lives in its own module under `commands/` and talks to
//! exactly one stage crate's public interface. Exit codes: 0 success, 1 when
//! some input could not be processed (the rest still is), 2 on usage errors.

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => commands::parse::run(args),
        Command::Places(args) => commands::places::run(args),
        Command::Actors(args) => commands::actors::run(args),
        Command::Entities(args) => commands::entities::run(args),
        Command::Events(args) => commands::events::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("watchfloor: {err:#}");
            ExitCode::from(1)
        }
    }
}
