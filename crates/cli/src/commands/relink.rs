//! `watchfloor relink [--db FILE] [--check]`: redo every cross-report link
//! under the actor catalogue's current merge rules.
//!
//! Canonical events are derived from the per-report events with rules that
//! come from the catalogue: which group is a branch of which, which side of
//! a war each fights on, which names stand for an unnamed actor. After a
//! catalogue update the stored links may no longer be what the rules say.
//! `watchfloor ingest` notices (the store keeps a fingerprint of the rules)
//! and relinks before adding files; this command does it on demand, in one
//! transaction, so an interrupted relink leaves the old links whole.

use super::export::StoreArg;
use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write as _;
use std::process::ExitCode;
use watchfloor_actors::Catalogue;
use watchfloor_store::{MergeRules, RelinkSummary, Store};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Only say whether the links are current (exit code 0) or were made
    /// under other rules (exit code 1); change nothing.
    #[arg(long)]
    check: bool,
}

/// Stores with more events than this show a progress bar while relinking.
const PROGRESS_MIN_EVENTS: usize = 5_000;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let catalogue = Catalogue::load_default().context("loading the actor catalogue")?;
    let rules = MergeRules::from_catalogue(&catalogue);
    if args.check {
        // Checking only reads: it works on a read-only store.
        let store = args.store.open_read_only()?;
        let stale = store.links_stale(&rules)?;
        writeln!(
            std::io::stdout(),
            "{}: {}",
            store.path().display(),
            if stale {
                "links were made under other merge rules; run `watchfloor relink`"
            } else {
                "links are current"
            }
        )?;
        return Ok(if stale {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let mut store = args.store.open_existing()?;
    relink(&mut store, &rules, false)?;
    Ok(ExitCode::SUCCESS)
}

/// Relinks every event of `store` under `rules` (with `only_if_stale`, only
/// when the store says its links were made under other rules), with a
/// progress bar on big stores, and says what came of it on standard error.
pub fn relink(
    store: &mut Store,
    rules: &MergeRules,
    only_if_stale: bool,
) -> anyhow::Result<Option<RelinkSummary>> {
    let bar = ProgressBar::hidden();
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} relinking [{elapsed_precise}] {wide_bar} {pos}/{len} events ({eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut progress = |done: usize, total: usize| {
        if done == 1 && total > PROGRESS_MIN_EVENTS {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(total as u64);
        }
        if done % 256 == 0 || done == total {
            bar.set_position(done as u64);
        }
    };
    let summary = if only_if_stale {
        store.relink_if_stale(rules, &mut progress)?
    } else {
        Some(store.relink(rules, &mut progress)?)
    };
    bar.finish_and_clear();
    let Some(summary) = summary else {
        return Ok(None);
    };
    if only_if_stale {
        eprintln!(
            "watchfloor: the actor catalogue's merge rules changed since {} was linked; relinked its events first",
            store.path().display()
        );
    }
    eprintln!(
        "relinked {} events into {} occurrences ({} merged with other reports)",
        summary.events, summary.occurrences, summary.merged
    );
    Ok(Some(summary))
}
