//! `watchfloor serve`: a read-only HTTP API over the store, and the
//! analyst's page (map, timeline, actor network, event table, evidence
//! view) embedded in the binary at compile time.
//!
//! The store is opened read-only ([`Store::open_read_only`]): serving never
//! writes, never takes a lock an ingest waits on, and sees each ingest's
//! batches as they commit. Queries are synchronous (rusqlite), so each runs
//! on tokio's blocking pool with a store handle taken from a small pool.
//!
//! With `--allow-ingest` and a token, `POST /api/ingest` takes one report
//! file per request (`upload.rs`); without, the API has no write at all.
//!
//! Safety: the server binds loopback unless told otherwise, answers only
//! requests addressed to a loopback host name when bound there (a guard
//! against DNS rebinding), refuses request bodies and long query strings,
//! sends no CORS headers, and every SQL statement the store runs is
//! parameterised.

use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use watchfloor_actors::Catalogue;
use watchfloor_export::Context;
use watchfloor_store::Store;

mod api;
mod assets;
mod error;
mod guard;
mod locate;
mod openapi;
pub mod params;
mod summary;
mod upload;
mod views;

pub use error::ApiError;
use error::ApiResult;
pub use upload::{IngestAccess, MAX_UPLOAD_BYTES, MIN_TOKEN_CHARS};
pub use views::occurrence_extras;

/// What the server needs: the store's file, the actor catalogue (names in
/// filters resolve through it) and the export context (country names, actor
/// codes for CSV and STIX).
pub struct Config {
    pub db: PathBuf,
    pub catalogue: Catalogue,
    pub export: Context,
    /// Uploads through `POST /api/ingest`, with the token they need; `None`
    /// (the default) keeps the API read-only.
    pub ingest: Option<IngestAccess>,
}

/// Idle store handles kept for reuse; more are opened under load.
const POOL_IDLE: usize = 4;

/// The server's shared state.
pub struct App {
    db: PathBuf,
    catalogue: Catalogue,
    export: Context,
    pool: Mutex<Vec<Store>>,
    uploads: Option<upload::Uploads>,
}

impl App {
    /// Opens the store once now, so a wrong `--db` fails at start-up with
    /// the store's own message rather than on the first request.
    pub fn open(config: Config) -> Result<App, watchfloor_store::Error> {
        let first = Store::open_read_only(&config.db)?;
        Ok(App {
            db: config.db,
            catalogue: config.catalogue,
            export: config.export,
            pool: Mutex::new(vec![first]),
            uploads: config.ingest.map(upload::Uploads::new),
        })
    }

    /// Runs `f` with a read-only store handle on the blocking pool.
    async fn read<T, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&App, &Store) -> ApiResult<T> + Send + 'static,
    {
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = app.take_store()?;
            let out = f(&app, &store);
            app.give_back(store);
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("query task failed: {e}")))?
    }

    fn take_store(&self) -> ApiResult<Store> {
        let idle = self.pool.lock().ok().and_then(|mut p| p.pop());
        match idle {
            Some(s) => Ok(s),
            None => Ok(Store::open_read_only(&self.db)?),
        }
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut pool) = self.pool.lock() {
            if pool.len() < POOL_IDLE {
                pool.push(store);
            }
        }
    }
}

/// The routes: `/api/...` (JSON) and the page.
pub fn router(app: Arc<App>, bound: SocketAddr) -> Router {
    let uploads = app.uploads.is_some();
    let mut routes = api::routes();
    if uploads {
        routes = routes.route("/api/ingest", axum::routing::post(upload::ingest));
    }
    routes
        .merge(assets::routes())
        .layer(axum::middleware::from_fn_with_state(
            guard::Guard::new(bound, uploads),
            guard::check,
        ))
        .with_state(app)
}

/// Whether `addr` is reachable only from this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Serves `app` on `listener` until Ctrl-C (or SIGTERM), on a runtime of
/// its own: what `watchfloor serve` and the tests call.
pub fn serve_blocking(listener: std::net::TcpListener, app: App) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(serve(listener, app))
}

/// Serves `app` on `listener` until Ctrl-C (or SIGTERM).
pub async fn serve(listener: std::net::TcpListener, app: App) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let bound = listener.local_addr()?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let router = router(Arc::new(app), bound);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
