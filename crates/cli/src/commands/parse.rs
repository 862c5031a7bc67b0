//! `watchfloor parse PATH...`

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Report files or directories.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    for p in &args.paths {
        for r in watchfloor_parse::parse_path(p) {
            match r {
                Ok(reports) => println!("{}", serde_json::to_string_pretty(&reports)?),
                Err(e) => {
                    eprintln!("watchfloor: {e}");
                    failed = true;
                }
            }
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
