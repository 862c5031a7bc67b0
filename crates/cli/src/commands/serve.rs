//! `watchfloor serve [--db FILE] [--addr 127.0.0.1:8080] [--allow-ingest]`:
//! the HTTP API (read-only unless `--allow-ingest` with a token) and the
//! analyst's page, from the `watchfloor-serve` crate.

use super::export::StoreArg;
use anyhow::Context as _;
use std::net::{SocketAddr, TcpListener};
use std::process::ExitCode;
use watchfloor_actors::Catalogue;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Address to listen on. Loopback by default: the page and API are for
    /// this machine; a non-loopback address exposes the store to the
    /// network (with a warning).
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Take report files through `POST /api/ingest` (at most 16 MiB each),
    /// from callers that send `Authorization: Bearer TOKEN`; the token is
    /// read from the environment variable WATCHFLOOR_INGEST_TOKEN (at least
    /// 16 characters), never from the command line, where other users of
    /// the machine could read it.
    #[arg(long)]
    allow_ingest: bool,
}

/// The environment variable holding the upload token.
const TOKEN_VAR: &str = "WATCHFLOOR_INGEST_TOKEN";

/// The upload access `--allow-ingest` asks for, if it does.
fn ingest_access(allow: bool) -> anyhow::Result<Option<watchfloor_serve::IngestAccess>> {
    if !allow {
        return Ok(None);
    }
    let Ok(token) = std::env::var(TOKEN_VAR) else {
        crate::usage!(
            "--allow-ingest needs a token in {TOKEN_VAR} (at least {} characters; for example `export {TOKEN_VAR}=$(openssl rand -hex 16)`)",
            watchfloor_serve::MIN_TOKEN_CHARS
        );
    };
    let ingester = watchfloor_ingest::Ingester::load_default()?;
    match watchfloor_serve::IngestAccess::new(token, ingester) {
        Ok(access) => Ok(Some(access)),
        Err(why) => crate::usage!("{TOKEN_VAR}: {why}"),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let ingest = ingest_access(args.allow_ingest)?;
    let catalogue = Catalogue::load_default().context("loading the actor catalogue")?;
    let export = super::export::context(&catalogue);
    let app = watchfloor_serve::App::open(watchfloor_serve::Config {
        db: args.store.path(),
        catalogue,
        export,
        ingest,
    })?;
    let listener = TcpListener::bind(args.addr).with_context(|| {
        format!(
            "cannot listen on {}: is another server using it? pass --addr with a free port (--addr 127.0.0.1:0 picks one)",
            args.addr
        )
    })?;
    let bound = listener.local_addr()?;
    if !watchfloor_serve::is_loopback(&bound) {
        eprintln!(
            "watchfloor: warning: listening on {bound}, which other machines can reach: \
             anyone who can connect reads the whole store (the API is read-only and has no login)"
        );
    }
    println!(
        "watchfloor: serving {} on http://{bound}/ (Ctrl-C stops)",
        args.store.path().display()
    );
    if args.allow_ingest {
        println!("watchfloor: POST http://{bound}/api/ingest?name=FILE takes report files (token from {TOKEN_VAR})");
    }
    use std::io::Write as _;
    std::io::stdout().flush()?;
    watchfloor_serve::serve_blocking(listener, app).context("serving")?;
    Ok(ExitCode::SUCCESS)
}
