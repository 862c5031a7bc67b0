//! `watchfloor-gazetteer-build INPUT_DIR OUTPUT_FILE`: turn the TSV
//! intermediates from scripts/convert-geonames.py into the binary index.
//! Run by scripts/fetch-data.sh; not meant to be called by hand.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        eprintln!("usage: watchfloor-gazetteer-build INPUT_DIR OUTPUT_FILE (run scripts/fetch-data.sh instead)");
        return ExitCode::from(2);
    }
    let start = std::time::Instant::now();
    let bytes = match watchfloor_gazetteer::build::build_index(std::path::Path::new(&args[0])) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("watchfloor-gazetteer-build: {e}");
            return ExitCode::from(1);
        }
    };
    let tmp = format!("{}.tmp", args[1]);
    if let Err(e) = std::fs::write(&tmp, &bytes).and_then(|_| std::fs::rename(&tmp, &args[1])) {
        eprintln!("watchfloor-gazetteer-build: cannot write {}: {e}", args[1]);
        return ExitCode::from(1);
    }
    eprintln!(
        "watchfloor-gazetteer-build: wrote {} ({:.1} MB) in {:.1} s",
        args[1],
        bytes.len() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
