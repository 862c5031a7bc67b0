//! `watchfloor serve [--db FILE] [--addr 127.0.0.1:8080]`: the read-only
//! HTTP API and the analyst's page, from the `watchfloor-serve` crate.

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
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let catalogue = Catalogue::load_default().context("loading the actor catalogue")?;
    let export = super::export::context(&catalogue);
    let app = watchfloor_serve::App::open(watchfloor_serve::Config {
        db: args.store.path(),
        catalogue,
        export,
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
    use std::io::Write as _;
    std::io::stdout().flush()?;
    watchfloor_serve::serve_blocking(listener, app).context("serving")?;
    Ok(ExitCode::SUCCESS)
}
