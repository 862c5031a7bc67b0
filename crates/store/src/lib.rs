//! The watchfloor store: one SQLite file holding every ingested report, its
//! sources, notes and passages (full-text indexed), the events coded from it
//! with their claims, and the canonical events that tie retellings of one
//! occurrence across reports together.
//!
//! Why SQLite: it is embedded (no server to run), transactional (a file is
//! ingested in batches of reports, one transaction each, and counts as
//! stored only once its last batch is in, so a killed process leaves every
//! earlier file whole and the interrupted one marked partial, to be
//! replaced by the next run), lets readers query while a
//! writer ingests (WAL journal), and its FTS5 module gives ranked full-text
//! search with highlighted snippets in the same file and the same
//! transaction as the rows it indexes. A separate search engine (tantivy)
//! would double the build time and need its own crash recovery to stay in
//! step with the rows; for the corpus sizes this tool sees, FTS5 answers in
//! milliseconds (see `benches/store.rs`).
//!
//! The per-report event row is the source of truth: exports for the scorer
//! read them as coded. Canonical events are derived, rebuilt whenever one of
//! their member records changes, and explain every merge ([`resolve`]).

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

mod countries;
mod ingest;
mod query;
mod rank;
pub mod resolve;
mod review;
mod schema;
mod spec;
mod stats;
mod suggest;
mod watch;

pub use countries::{country_code, country_codes, id_prefix, resolve_country, CountryCode};
pub use ingest::{
    content_hash, FileSummary, IngestOutcome, IngestReport, RelinkSummary, BATCH_BYTES,
    BATCH_REPORTS,
};
pub use query::{
    CanonicalEvent, EventFilter, Found, Member, SearchHit, SearchOptions, Sort, StoredEvent,
    RANK_WINDOW,
};
pub use resolve::{Camp, Estimate, Figure, MergeRules};
pub use review::{
    parse_value, EditOutcome, EditRequest, FieldCorrection, LogEntry, Review, EDITABLE,
};
pub use spec::{actor_names, parse_bbox, FilterError, FilterSpec};
pub use stats::{ActorDossier, ClaimCount, Dimension, Group, Stats};
pub use watch::{WatchHit, Watchlist};

/// The file name used when no `--db` is given: `watchfloor.db` in the
/// working directory, so a project's store sits beside its reports.
pub const DEFAULT_FILE_NAME: &str = "watchfloor.db";

/// Where the store lives when the user names none: `$WATCHFLOOR_DB` if set,
/// else [`DEFAULT_FILE_NAME`] in the working directory.
pub fn default_path() -> PathBuf {
    match std::env::var_os("WATCHFLOOR_DB") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(DEFAULT_FILE_NAME),
    }
}

/// Everything that can go wrong with the store. Each message names the store
/// file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no store at {0}: run `watchfloor ingest PATH...` first, or pass --db with the store to read")]
    Missing(PathBuf),
    #[error("store {path}: {source} (is it a watchfloor store? pass another --db, or move the file away)")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "store {path} has schema version {found}, newer than this watchfloor knows ({known}): upgrade watchfloor"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("store {path}: {source}")]
    Sql {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("store {path}: a stored record is damaged ({what}): re-ingest its file")]
    Corrupt { path: PathBuf, what: String },
    #[error("bad search query `{query}`: {reason}")]
    Query { query: String, reason: String },
    #[error(
        "store {path} has schema version {found}, older than this watchfloor's ({known}), and read commands never write: run `watchfloor relink --db {path}` once to upgrade it"
    )]
    TooOld {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "store {path} is busy: another process has held its lock for over {waited_s} s; wait for that ingest to finish, then run again"
    )]
    Busy { path: PathBuf, waited_s: u64 },
    /// A request the store cannot carry out as asked (an unknown
    /// occurrence id, a correction the model refuses): the user's to fix.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// Whether the error is the user's to fix by changing the command line
    /// (a bad search query, an unknown occurrence id, a correction the
    /// model refuses), which the CLI reports with exit code 2.
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Query { .. } | Error::Invalid(_))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How long a writer waits for another process's write transaction to end
/// before giving up with [`Error::Busy`]. Transactions are short (one file,
/// or one batch of a large file's reports, already parsed and coded), so a
/// writer queued behind several others still gets its turn well within it.
pub const WRITE_WAIT: Duration = Duration::from_secs(600);

/// How long a reader waits on the rare locks a WAL reader can meet (a
/// checkpoint or recovery in progress).
const READ_WAIT: Duration = Duration::from_secs(10);

/// An open store. One writer at a time (SQLite's rule): other writers queue
/// (each write transaction starts with `BEGIN IMMEDIATE` and waits, backing
/// off, up to [`WRITE_WAIT`]); any number of readers in other processes
/// query meanwhile without blocking anyone.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (and its parent directory) if
    /// needed, and migrates it to the current schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return Err(Error::Open {
                    path: path.clone(),
                    source: rusqlite::Error::InvalidPath(
                        format!("cannot create {}: {e}", dir.display()).into(),
                    ),
                });
            }
        }
        let conn = Connection::open(&path).map_err(|source| Error::Open {
            path: path.clone(),
            source,
        })?;
        Store::setup(conn, path)
    }

    /// Opens an existing store to change it (`watchfloor relink`); never
    /// creates one, so a typo in `--db` is an error rather than an empty
    /// store.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if !path.is_file() {
            return Err(Error::Missing(path));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| Error::Open {
            path: path.clone(),
            source,
        })?;
        Store::setup(conn, path)
    }

    /// Opens an existing store for queries only: nothing is ever written,
    /// so the store may sit on a read-only file, directory or medium, and a
    /// reader never takes a lock a writer would wait on.
    ///
    /// A WAL reader normally shares the `-shm` index beside the file
    /// (creating it if needed). Where that cannot be created (a read-only
    /// directory after the last writer closed cleanly, so no `-wal` is
    /// pending) the file is opened as immutable, which needs no side files;
    /// that is safe because no writer can work there either. A store at an
    /// older schema version is refused with [`Error::TooOld`] rather than
    /// migrated.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if !path.is_file() {
            return Err(Error::Missing(path));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = |conn: Connection| Store::setup_read_only(conn, path.clone());
        let first = Connection::open_with_flags(&path, flags)
            .map_err(|source| Error::Open {
                path: path.clone(),
                source,
            })
            .and_then(open);
        match first {
            Err(Error::Open { source, .. })
                if cannot_open_side_files(&source) && !wal_pending(&path) =>
            {
                let conn = Connection::open_with_flags(
                    immutable_uri(&path),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(|source| Error::Open {
                    path: path.clone(),
                    source,
                })?;
                open(conn)
            }
            r => r,
        }
    }

    /// Whether this store was opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn setup_read_only(conn: Connection, path: PathBuf) -> Result<Store> {
        let open_err = |source| Error::Open {
            path: path.clone(),
            source,
        };
        conn.busy_timeout(READ_WAIT).map_err(open_err)?;
        conn.execute_batch("PRAGMA query_only=ON; PRAGMA cache_size=-65536;")
            .map_err(open_err)?;
        register_ranking(&conn, &path)?;
        let store = Store {
            conn,
            path,
            read_only: true,
        };
        // Reading the version is the first read: it is what fails when the
        // file is not a database or its side files cannot be opened.
        let found: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|source| Error::Open {
                path: store.path.clone(),
                source,
            })?;
        let known = schema::MIGRATIONS.len() as i64;
        if found > known {
            return Err(Error::TooNew {
                path: store.path.clone(),
                found,
                known,
            });
        }
        if found < known {
            return Err(Error::TooOld {
                path: store.path.clone(),
                found,
                known,
            });
        }
        Ok(store)
    }

    fn setup(conn: Connection, path: PathBuf) -> Result<Store> {
        let open_err = |source| Error::Open {
            path: path.clone(),
            source,
        };
        // Writers queue: SQLite's busy handler sleeps with back-off (1 ms
        // rising to 100 ms between tries) until the lock frees or
        // WRITE_WAIT passes. Every write transaction is BEGIN IMMEDIATE
        // (see `Store::write`), so a waiting writer never holds a read
        // snapshot it would later fail to promote.
        conn.busy_timeout(WRITE_WAIT).map_err(open_err)?;
        // WAL: readers see the last committed file while a writer works.
        // synchronous=NORMAL: a commit survives a process crash (what the
        // SIGKILL guarantee needs); only a power cut may lose the last ones.
        //
        // Switching a new file to WAL needs it to itself for a moment, and
        // SQLite reports a concurrent opener as busy without waiting on the
        // busy handler, so the switch is retried for up to ten seconds.
        let pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;";
        let mut tries = 0;
        loop {
            match conn.execute_batch(pragmas) {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 500 =>
                {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
                r => break r.map_err(open_err)?,
            }
        }
        register_ranking(&conn, &path)?;
        let mut store = Store {
            conn,
            path,
            read_only: false,
        };
        store.migrate()?;
        Ok(store)
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version this store is at.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    fn migrate(&mut self) -> Result<()> {
        let known = schema::MIGRATIONS.len() as i64;
        let found = self.schema_version()?;
        if found > known {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            // IMMEDIATE takes the write lock first; then the version is read
            // again, so two processes opening a new store at once never both
            // run a migration (the second finds it done).
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| Error::Sql {
                    path: self.path.clone(),
                    source: e,
                })?;
            let now: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|e| Error::Sql {
                    path: self.path.clone(),
                    source: e,
                })?;
            if now > i as i64 {
                continue;
            }
            tx.execute_batch(step.sql).map_err(|e| Error::Sql {
                path: self.path.clone(),
                source: e,
            })?;
            if let Some(fill) = step.backfill {
                fill(&tx).map_err(|e| Error::Sql {
                    path: self.path.clone(),
                    source: e,
                })?;
            }
            tx.pragma_update(None, "user_version", i as i64 + 1)
                .map_err(|e| Error::Sql {
                    path: self.path.clone(),
                    source: e,
                })?;
            tx.commit().map_err(|e| Error::Sql {
                path: self.path.clone(),
                source: e,
            })?;
        }
        Ok(())
    }

    /// Runs SQLite's `PRAGMA integrity_check`: `Ok(())` when the file is
    /// sound, else the problems it lists.
    pub fn integrity_check(&self) -> Result<Result<(), Vec<String>>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.sql(e))?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.sql(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql(e))?;
        Ok(if rows == ["ok"] { Ok(()) } else { Err(rows) })
    }

    /// Folds the write-ahead log into the main file and truncates it (what
    /// a size measurement or a backup copy wants).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|e| self.sql(e))
    }

    /// Refreshes the query planner's statistics; cheap, worth running after
    /// a large ingest so filters pick the right index.
    pub fn optimize(&self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;")
            .map_err(|e| self.sql(e))
    }

    /// The content hash recorded for `path`, if that file was ingested.
    pub fn file_hash(&self, path: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT hash FROM files WHERE path = ?1", [path], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Every ingested file with the counts recorded when it was committed.
    pub fn files(&self) -> Result<Vec<FileSummary>> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, hash, bytes, reports, events, warnings FROM files ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(FileSummary {
                    path: r.get(0)?,
                    hash: r.get(1)?,
                    bytes: r.get::<_, i64>(2)? as u64,
                    reports: r.get::<_, i64>(3)? as usize,
                    events: r.get::<_, i64>(4)? as usize,
                    warnings: r.get::<_, i64>(5)? as usize,
                    ..FileSummary::default()
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// Reports and events actually stored for an ingested file: what a
    /// consistency check compares with [`Store::files`].
    pub fn stored_counts(&self, path: &str) -> Result<(usize, usize)> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM reports r JOIN files f ON f.id = r.file_id WHERE f.path = ?1),
                        (SELECT count(*) FROM events e JOIN reports r ON r.id = e.report_id
                           JOIN files f ON f.id = r.file_id WHERE f.path = ?1)",
                [path],
                |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
            )
            .map_err(|e| self.sql(e))
    }

    pub(crate) fn sql(&self, source: rusqlite::Error) -> Error {
        match sql_error_at(&self.path, source) {
            Error::Busy { path, .. } if self.read_only => Error::Busy {
                path,
                waited_s: READ_WAIT.as_secs(),
            },
            e => e,
        }
    }

    /// Starts a write transaction: `BEGIN IMMEDIATE`, which takes the write
    /// lock first (waiting behind other writers, up to [`WRITE_WAIT`]), so
    /// the transaction never reads a snapshot another writer then
    /// invalidates ("cannot promote read transaction").
    pub(crate) fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sql_error_at(&path, e))
    }

    pub(crate) fn corrupt(&self, what: impl Into<String>) -> Error {
        Error::Corrupt {
            path: self.path.clone(),
            what: what.into(),
        }
    }
}

/// A SQLite error on the store at `path`; a lock that outlasted the wait
/// becomes [`Error::Busy`].
pub(crate) fn sql_error_at(path: &Path, source: rusqlite::Error) -> Error {
    match &source {
        rusqlite::Error::SqliteFailure(e, _)
            if matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Error::Busy {
                path: path.to_path_buf(),
                waited_s: WRITE_WAIT.as_secs(),
            }
        }
        _ => Error::Sql {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Whether a read-only open failed because the WAL side files (`-shm`)
/// could not be created or opened.
fn cannot_open_side_files(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::ReadOnly
                    | rusqlite::ErrorCode::DatabaseBusy
            )
    )
}

/// Whether a write-ahead log with content sits beside the store: then the
/// file alone is not the whole store and must not be read as immutable.
fn wal_pending(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

/// `file:PATH?immutable=1`, with the characters URIs reserve escaped.
fn immutable_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{b:02X}")),
            b if b.is_ascii() => uri.push(b as char),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Registers the `wf_bm25` ranking function on a new connection.
fn register_ranking(conn: &Connection, path: &std::path::Path) -> Result<()> {
    rank::register(conn).map_err(|reason| Error::Open {
        path: path.to_path_buf(),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
            Some(reason),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_store_is_migrated_wal_and_has_fts5() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("sub/w.db")).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            schema::MIGRATIONS.len() as i64
        );
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fts: i64 = store
            .conn
            .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fts, 1);
        assert_eq!(store.integrity_check().unwrap(), Ok(()));
        drop(store);
        // Reopening does not re-run migrations.
        let store = Store::open(dir.path().join("sub/w.db")).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            schema::MIGRATIONS.len() as i64
        );
    }

    #[test]
    fn concurrent_opens_of_a_new_store_migrate_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let p = path.clone();
                std::thread::spawn(move || Store::open(&p).map(|s| s.schema_version().unwrap()))
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap().unwrap(), schema::MIGRATIONS.len() as i64);
        }
    }

    #[test]
    fn missing_store_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open_existing(dir.path().join("nope.db"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("nope.db") && err.contains("watchfloor ingest"),
            "{err}"
        );
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = Store::open(&path).unwrap_err().to_string();
        assert!(err.contains("upgrade watchfloor"), "{err}");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(
            &path,
            "this is not sqlite at all, just some text that is long enough to matter",
        )
        .unwrap();
        let err = Store::open(&path).unwrap_err().to_string();
        assert!(err.contains("notes.txt"), "{err}");
    }
}
