//! `watchfloor watch add|list|show|remove`: watchlists, saved filters
//! that every `watchfloor ingest` checks its new occurrences against; the
//! hits are printed by the ingest and kept for `watch show`.

use super::export::{FilterArgs, StoreArg};
use super::listing::{self, Item};
use super::table;
use anyhow::Context as _;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use watchfloor_actors::Catalogue;
use watchfloor_model::PartialDate;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

// `add` carries every filter; the command line is parsed once, so its size
// does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(clap::Subcommand)]
enum Command {
    /// Save a watchlist: any of the event filters (--actor JNIM --country BF --min-fatalities 10).
    Add {
        /// A name for it.
        name: String,
        #[command(flatten)]
        filter: FilterArgs,
        /// Who sets it up (default: $USER).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Every watchlist, its filters and how many occurrences it flagged.
    List {
        #[command(flatten)]
        store: StoreArg,
    },
    /// The occurrences a watchlist flagged, oldest flag first.
    Show {
        name: String,
        /// Only those flagged on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<PartialDate>,
        /// The table's columns (see `watchfloor events --help`).
        #[arg(long, value_name = "LIST")]
        columns: Option<String>,
        /// The table's width in characters.
        #[arg(long, value_name = "N")]
        width: Option<usize>,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Delete a watchlist and its record of hits.
    Remove {
        name: String,
        #[command(flatten)]
        store: StoreArg,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.command {
        Command::Add {
            name,
            filter,
            by,
            store,
        } => {
            let catalogue = Catalogue::load_default().context("loading the actor catalogue")?;
            let by = by
                .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
                .unwrap_or_else(|| "unknown".into());
            let mut store = store.open_existing()?;
            for w in store.add_watchlist(&name, &filter.spec(), &by, &catalogue)? {
                eprintln!("watchfloor: warning: {w}");
            }
            writeln!(
                out,
                "watchlist {name}: {}; every ingest now flags its new occurrences that match",
                filter.spec().describe()
            )?;
        }
        Command::List { store } => {
            let store = store.open_read_only()?;
            let lists = store.watchlists()?;
            if lists.is_empty() {
                eprintln!("no watchlists: add one with `watchfloor watch add NAME --actor ... --country ...`");
            }
            for w in lists {
                writeln!(
                    out,
                    "{}  {}  ({} flagged{}; set up by {} on {})",
                    w.name,
                    w.filters.describe(),
                    w.hits,
                    w.last_hit
                        .map(|t| format!(", last on {}", listing::day(&t)))
                        .unwrap_or_default(),
                    w.created_by,
                    listing::day(&w.created_at)
                )?;
            }
        }
        Command::Show {
            name,
            since,
            columns,
            width,
            store,
        } => {
            let store = store.open_read_only()?;
            let since = since.map(|d| d.date.format("%Y-%m-%d").to_string());
            let hits = store.watch_hits(&name, since.as_deref())?;
            let mut items: Vec<Item> = Vec::new();
            let mut flagged: Vec<String> = Vec::new();
            for h in &hits {
                let Some(c) = store.occurrence(&h.occurrence)? else {
                    continue;
                };
                flagged.push(listing::day(&h.flagged_at).to_string());
                items.extend(listing::items_of(vec![c]));
            }
            if items.is_empty() {
                eprintln!(
                    "watchlist {name} flagged nothing{}",
                    since.map(|s| format!(" since {s}")).unwrap_or_default()
                );
            }
            let wanted = format!(
                "flagged,{}",
                columns.as_deref().unwrap_or(listing::DEFAULT_COLUMNS)
            );
            let cols = listing::parse_columns_with(&wanted, &["flagged"])?;
            listing::write_table_with(&mut out, &items, &cols, table::width(width), |i, c| {
                (c == "flagged").then(|| flagged[i].clone())
            })?;
        }
        Command::Remove { name, store } => {
            let mut store = store.open_existing()?;
            store.remove_watchlist(&name)?;
            writeln!(out, "removed watchlist {name}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
