//! `watchfloor ingest PATH... [--db FILE]`: parse, code and store reports.
//!
//! Each file is stored in batches of reports, one transaction each (a file
//! of up to 200 reports is one transaction): an interrupted run (Ctrl-C,
//! SIGKILL, power) loses at most the batch in hand. A file counts as stored
//! only once its last batch is committed, so the next run skips every file
//! stored whole (same content, without parsing) and replaces the one it
//! stopped in.
//! A file that fails to read or parse is reported and the rest go on; the
//! exit code is then 1.

use super::export::StoreArg;
use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use watchfloor_ingest::Ingester;
use watchfloor_store::{IngestOutcome, Store};

#[derive(clap::Args)]
pub struct Args {
    /// Report files or directories (read recursively for .txt, .md, .html, .json).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArg,
    /// Print one line per stored file (path, reports, events) on standard output.
    #[arg(long, short)]
    verbose: bool,
    /// File these reports under a collection name (`--collection demo`),
    /// which `--collection` filters on in every command; a file re-ingested
    /// under another name moves to it.
    #[arg(long, value_name = "NAME")]
    collection: Option<String>,
    #[command(flatten)]
    date: super::DateArg,
}

/// Runs with more files than this show a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 20;

/// A file at least this large shows its own progress bar while its reports
/// are coded (on a terminal).
const PROGRESS_MIN_BYTES: usize = 1 << 20;

/// The files named in `paths` and the report files under the directories
/// among them ([`watchfloor_parse::report_files`]: sorted, hidden entries
/// skipped). Listing problems are returned as messages.
fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_file() {
            files.push(p.clone());
            continue;
        }
        if !p.is_dir() {
            errors.push(format!("{}: no such file or directory", p.display()));
            continue;
        }
        let before = files.len();
        let (found, listing) = watchfloor_parse::report_files(p);
        files.extend(found);
        errors.extend(listing.iter().map(ToString::to_string));
        if files.len() == before {
            errors.push(format!(
                "{}: no report files here (looked for .{})",
                p.display(),
                watchfloor_parse::EXTENSIONS.join(", .")
            ));
        }
    }
    (files, errors)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (files, mut errors) = collect(&args.paths);
    for e in &errors {
        eprintln!("watchfloor: {e}");
    }
    let db = args.store.path();
    let mut store = Store::open(&db)?;
    let ingester = Ingester::load_default()?;
    super::relink::relink(&mut store, &ingester.rules, true)?;
    // Occurrences given ids after this mark are this run's new ones, which
    // the watchlists are checked against at the end.
    let mark = store.id_mark()?;
    if let Some(c) = &args.collection {
        if c.trim().is_empty() {
            crate::usage!("--collection needs a name");
        }
    }
    let bar = if files.len() > PROGRESS_MIN_FILES {
        ProgressBar::new(files.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files ({per_sec}, {eta} left) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (mut added, mut replaced, mut unchanged) = (0usize, 0usize, 0usize);
    let (mut reports, mut sources, mut events, mut warnings, mut merged, mut bytes) =
        (0, 0, 0, 0, 0, 0u64);
    let mut actors: BTreeSet<String> = BTreeSet::new();
    let mut places: BTreeSet<(String, String)> = BTreeSet::new();
    for file in &files {
        bar.inc(1);
        // The store knows a file by its absolute path, so `a.txt` and
        // `./dir/../a.txt` are one file whose new content replaces the old.
        let key = std::fs::canonicalize(file)
            .unwrap_or_else(|_| file.clone())
            .display()
            .to_string();
        let name = file.display().to_string();
        let result = ingest_one(
            &mut store,
            &ingester,
            file,
            &name,
            &key,
            args.date.options(watchfloor_parse::Options::default()),
        );
        let result = result.and_then(|(outcome, warnings)| {
            for w in warnings {
                bar.suspend(|| eprintln!("watchfloor: warning: {w}"));
            }
            if let Some(c) = &args.collection {
                let stored = match &outcome {
                    IngestOutcome::Unchanged { stored_as, .. } => stored_as.clone(),
                    _ => key.clone(),
                };
                store.set_collection(&stored, c.trim())?;
            }
            Ok(outcome)
        });
        let summary = match result {
            Ok(IngestOutcome::Unchanged { .. }) => {
                unchanged += 1;
                continue;
            }
            Ok(IngestOutcome::Added(s)) => {
                added += 1;
                s
            }
            Ok(IngestOutcome::Replaced(s)) => {
                replaced += 1;
                s
            }
            Err(e) => {
                let msg = format!("{e:#}");
                bar.suspend(|| eprintln!("watchfloor: {msg}"));
                errors.push(msg);
                continue;
            }
        };
        if args.verbose {
            // A closed standard output stops the listing, not the ingest.
            bar.suspend(|| {
                let _ = writeln!(
                    std::io::stdout(),
                    "{name}\t{} reports\t{} events",
                    summary.reports,
                    summary.events
                );
            });
        }
        reports += summary.reports;
        sources += summary.sources;
        events += summary.events;
        warnings += summary.warnings;
        merged += summary.merged;
        bytes += summary.bytes;
        actors.extend(summary.actors);
        places.extend(summary.places);
    }
    bar.finish_and_clear();
    if added + replaced > 0 {
        store.optimize()?;
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "ingested {added} new and {replaced} changed file(s) ({:.1} MB in {secs:.1} s), skipped {unchanged} unchanged, {} failed",
        bytes as f64 / 1e6,
        errors.len()
    );
    let warned = match warnings {
        0 => "no parser warnings".to_string(),
        n => format!("{n} parser warning(s), each printed above with its file"),
    };
    eprintln!(
        "added {reports} reports, {sources} sources, {events} events ({merged} merged with other reports), {} actors, {} places, {warned}",
        actors.len(),
        places.len()
    );
    eprintln!("store: {}", store.path().display());
    flag_watched(&mut store, mark, &ingester.extractor.recognizer.catalogue)?;
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Checks the watchlists against the occurrences this run added, records
/// the hits and prints them on standard output, one block per watchlist.
fn flag_watched(
    store: &mut Store,
    mark: i64,
    catalogue: &watchfloor_actors::Catalogue,
) -> anyhow::Result<()> {
    let hits = store.flag_new(mark, catalogue)?;
    if hits.is_empty() {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    let mut current = "";
    for h in &hits {
        if h.watchlist != current {
            let n = hits.iter().filter(|x| x.watchlist == h.watchlist).count();
            writeln!(out, "watchlist {}: {n} new occurrence(s)", h.watchlist)?;
            current = &h.watchlist;
        }
        let Some(c) = store.occurrence(&h.occurrence)? else {
            continue;
        };
        let e = &c.event;
        writeln!(
            out,
            "  {}  {}  {}, {}  {}  {} vs {}  {} dead",
            c.public_id,
            e.event_date,
            e.location,
            e.country,
            e.event_type.as_str(),
            e.actor1.as_deref().unwrap_or("-"),
            e.actor2.as_deref().unwrap_or("-"),
            e.fatalities
                .map_or_else(|| "?".to_string(), |f| f.to_string())
        )?;
    }
    Ok(())
}

fn ingest_one(
    store: &mut Store,
    ingester: &Ingester,
    file: &Path,
    name: &str,
    key: &str,
    options: watchfloor_parse::Options,
) -> anyhow::Result<(IngestOutcome, Vec<String>)> {
    let bytes = std::fs::read(file).with_context(|| format!("{name}: cannot read"))?;
    let bar = file_bar(name, bytes.len());
    let result = ingester.ingest_bytes(store, name, key, &bytes, options, &|pos| {
        bar.set_position(pos)
    });
    bar.finish_and_clear();
    result
}

/// A large file (a digest of many reports) gets its own bar, by bytes read:
/// coding it can take minutes, and the files bar would stand still
/// meanwhile. indicatif draws nothing when standard error is not a terminal.
fn file_bar(name: &str, len: usize) -> ProgressBar {
    if len < PROGRESS_MIN_BYTES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {msg} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(name.to_string());
    bar
}
