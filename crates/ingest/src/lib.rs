//! One file's way into the store: parse, code, store.
//!
//! [`Ingester::ingest_bytes`] is what `watchfloor ingest` does for each
//! file and what the API's ingest endpoint does for an uploaded one. The
//! parser runs on its own thread a few reports ahead of the coder, and the
//! store commits reports in batches ([`BATCH_REPORTS`] reports or
//! [`BATCH_BYTES`] of text, one transaction each): memory holds the file,
//! the reports in flight and one or two coded batches, and a killed run
//! loses at most the batch in flight.

use anyhow::Context as _;
use watchfloor_extract::Extractor;
use watchfloor_model::Report;
use watchfloor_store::{
    IngestOutcome, IngestReport, MergeRules, Store, BATCH_BYTES, BATCH_REPORTS,
};

/// The coder and the merge rules built from its actor catalogue, loaded
/// once and used for every file.
pub struct Ingester {
    pub extractor: Extractor,
    pub rules: MergeRules,
}

impl Ingester {
    /// The extractor's default knowledge (`data/`) and its merge rules.
    pub fn load_default() -> anyhow::Result<Ingester> {
        let extractor = Extractor::load_default().context("loading the extractor's knowledge")?;
        let rules = MergeRules::from_catalogue(&extractor.recognizer.catalogue);
        Ok(Ingester { extractor, rules })
    }

    /// Parses, codes and stores one file's `bytes`, known to the user as
    /// `name` and to the store as `key` (its absolute path). Content the
    /// store already holds is not parsed again. `progress` is told how many
    /// bytes of the file have been read as reports are coded.
    ///
    /// Returns the store's outcome and the warnings to show, each naming
    /// the file: the parser's (which name the line), and one when a file
    /// whose text plainly has sentences coded no event.
    pub fn ingest_bytes(
        &self,
        store: &mut Store,
        name: &str,
        key: &str,
        bytes: &[u8],
        options: watchfloor_parse::Options,
        progress: &dyn Fn(u64),
    ) -> anyhow::Result<(IngestOutcome, Vec<String>)> {
        let (extractor, rules) = (&self.extractor, &self.rules);
        let warned = std::cell::RefCell::new(Vec::new());
        // Filled in by `code`, which the store calls only for content it does
        // not hold yet.
        let total = std::cell::Cell::new(0usize);
        let any_events = std::cell::Cell::new(false);
        // The parser runs on its own thread, a few reports ahead of the coder:
        // parsing one report overlaps coding the one before, and memory holds
        // the file, the reports in the channel and one or two coded batches —
        // never every report of the file.
        let outcome = std::thread::scope(|scope| {
            let code = || -> anyhow::Result<_> {
                let mut reports = spawn_parser(scope, bytes, name, options)?;
                // Reports are coded and stored a batch at a time (up to
                // `BATCH_REPORTS` reports or `BATCH_BYTES` of text), one
                // transaction each: a killed run loses at most the batch in
                // flight. The file counts as stored only once its last batch is
                // in; a run that stops earlier leaves it partial, and the next
                // run replaces it. Each event carries its first-level division
                // from the gazetteer, which the store files it under.
                let (total, any_events, warned) = (&total, &any_events, &warned);
                Ok(std::iter::from_fn(move || {
                    reports.peek()?;
                    let mut batch: Vec<IngestReport> = Vec::new();
                    let mut size = 0usize;
                    while let Some(report) = reports.next_if(|r| {
                        batch.is_empty()
                            || (batch.len() < BATCH_REPORTS && size + r.span.len() <= BATCH_BYTES)
                    }) {
                        size += report.span.len();
                        total.set(total.get() + 1);
                        warned
                            .borrow_mut()
                            .extend(report.warnings.iter().map(|w| format!("{name}: {w}")));
                        progress(report.span.end as u64);
                        let events = extractor.extract(&report);
                        if !events.is_empty() {
                            any_events.set(true);
                        }
                        batch.push(IngestReport { report, events });
                    }
                    Some(batch)
                }))
            };
            store.ingest_content(key, bytes, rules, code)
        });
        let outcome = match outcome? {
            IngestOutcome::Unchanged { stored_as, .. } => IngestOutcome::Unchanged {
                path: name.to_string(),
                stored_as,
            },
            stored => stored,
        };
        let mut warnings = warned.into_inner();
        if !matches!(outcome, IngestOutcome::Unchanged { .. }) {
            warnings.extend(silent_loss(name, bytes, total.get(), any_events.get()));
        }
        Ok((outcome, warnings))
    }
}

/// How many parsed reports may wait for the coder.
const PARSE_AHEAD: usize = 32;

/// Starts parsing `bytes` on a thread of `scope` and returns its reports
/// as they come, or the parse error when the file yields none (every
/// whole-file error comes before the first report).
fn spawn_parser<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    bytes: &'scope [u8],
    name: &'scope str,
    options: watchfloor_parse::Options,
) -> anyhow::Result<std::iter::Peekable<impl Iterator<Item = Report> + 'scope>> {
    let (tx, rx) = std::sync::mpsc::sync_channel(PARSE_AHEAD);
    scope.spawn(move || {
        // A send fails only when the coder stopped (a store error, which it
        // reports); the parser then has no one to hand reports to.
        let sent = watchfloor_parse::parse_bytes_each(bytes, name, options, &mut |r| {
            let _ = tx.send(Ok(r));
        });
        if let Err(e) = sent {
            let _ = tx.send(Err(e));
        }
    });
    let mut rx = rx.into_iter();
    let first = match rx.next() {
        Some(Ok(report)) => report,
        Some(Err(e)) => return Err(e.into()),
        None => anyhow::bail!("{name}: the parser stopped without a result"),
    };
    Ok(std::iter::once(first)
        .chain(rx.map_while(Result::ok))
        .peekable())
}

/// Files with at least this many sentences that code no event are worth a
/// warning: the text was there, so something may have kept it from the
/// coder (an encoding, line endings, a layout read wrongly).
const SILENT_LOSS_SENTENCES: usize = 3;

/// A warning when a file whose text plainly has sentences yields no events
/// from its `reports` reports.
fn silent_loss(name: &str, bytes: &[u8], reports: usize, any_events: bool) -> Option<String> {
    if any_events {
        return None;
    }
    let sentences = sentence_count(bytes);
    (sentences >= SILENT_LOSS_SENTENCES).then(|| {
        format!(
            "{name}: no events coded from {reports} report(s), though its text has about {sentences} sentences; \
             if it tells of events, see how it was read with `watchfloor parse {name}`"
        )
    })
}

/// Roughly how many sentences `bytes` holds: a lower-case letter, then `.`,
/// `!` or `?`, then white space or the end. NUL bytes are skipped, so UTF-16
/// text counts too.
fn sentence_count(bytes: &[u8]) -> usize {
    let mut it = bytes.iter().copied().filter(|&b| b != 0).peekable();
    let (mut n, mut prev) = (0, 0u8);
    while let Some(b) = it.next() {
        if matches!(b, b'.' | b'!' | b'?')
            && prev.is_ascii_lowercase()
            && it.peek().map_or(true, |c| c.is_ascii_whitespace())
        {
            n += 1;
        }
        prev = b;
    }
    n
}
