//! Ingesting files: all of a file's reports, sources, passages, events and
//! claims, in batches of one transaction each, then linking each new event
//! to a canonical event. Three jobs, one module each:
//!
//! - [`write`]: storing a file's reports in batches (content-hash
//!   idempotence, replacing an earlier version, the rows of reports,
//!   sources, passages, events and claims);
//! - [`link`]: cross-report linking (which occurrence a new record joins,
//!   relinking under new merge rules) and rebuilding canonical events;
//! - [`load`]: reading stored records back for the linker and for queries.
//!
//! `write` calls `link` through [`link::Linker`] (one per ingest),
//! [`link::prepare`] (relink first if the rules changed),
//! [`link::rebuild_canonical`] and [`link::set_fingerprint`]; `link` reads
//! through `load`; neither knows the other's SQL.

use crate::Error;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use watchfloor_model::{Event, Report};

pub(crate) mod ids;
pub(crate) mod link;
pub(crate) mod load;
mod write;

pub(crate) use ids::backfill_v3;

pub use link::RelinkSummary;
pub(crate) use link::{estimates, merged_event, representative, Estimates};
pub(crate) use load::load_events;

/// Wraps a SQLite error with the store's path, for `map_err`.
fn sql_error(db: &std::path::Path) -> impl Fn(rusqlite::Error) -> Error + Copy + '_ {
    move |source| crate::sql_error_at(db, source)
}

/// SHA-256 of a file's bytes, hex: what decides whether a file changed.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// One parsed report and the events coded from it. Each event's
/// `admin1` (its first-level division, from the gazetteer at coding time)
/// is what the province filter matches.
#[derive(Debug, Clone)]
pub struct IngestReport {
    pub report: Report,
    pub events: Vec<Event>,
}

/// What one ingested file added.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileSummary {
    pub path: String,
    pub hash: String,
    pub bytes: u64,
    pub reports: usize,
    pub sources: usize,
    pub events: usize,
    /// Distinct actor names among the events.
    pub actors: BTreeSet<String>,
    /// Distinct places (country, location) among the events.
    pub places: BTreeSet<(String, String)>,
    /// Parser warnings over all reports.
    pub warnings: usize,
    /// Events that joined a canonical event told by another report.
    pub merged: usize,
}

/// What [`Store::ingest_file`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum IngestOutcome {
    /// The same content is already stored (under this or another path).
    Unchanged { path: String, stored_as: String },
    /// A file not seen before.
    Added(FileSummary),
    /// The file changed: its earlier version and all derived rows were replaced.
    Replaced(FileSummary),
}

/// Prefix of `files.hash` while a file's batches are being committed: a
/// partly stored file is never taken for the whole one (its hash does not
/// match), and the next ingest of that path or content replaces it.
pub(crate) const PARTIAL: &str = "partial:";

/// How many reports [`Store::ingest_file`]'s callers should commit at once
/// when they split a large file ([`Store::ingest_batches`]): a killed run
/// loses at most one batch's work, and memory holds one batch of coded
/// reports.
pub const BATCH_REPORTS: usize = 200;

/// The byte budget of one batch: a batch closes at [`BATCH_REPORTS`]
/// reports or this many bytes of report text, whichever comes first.
pub const BATCH_BYTES: usize = 8 << 20;
