//! Prints the events of report files as JSON Lines, without the CLI:
//! `cargo run --release -p watchfloor-extract --example code_events -- PATH...`
//! (handy while the CLI is being rebuilt around other crates).

fn main() {
    let extractor = watchfloor_extract::Extractor::load_default()
        .expect("knowledge loads (run scripts/fetch-data.sh)");
    for arg in std::env::args().skip(1) {
        for result in watchfloor_parse::parse_path_with(
            std::path::Path::new(&arg),
            watchfloor_extract::PARSE_OPTIONS,
        ) {
            match result {
                Ok(reports) => {
                    for report in &reports {
                        for event in extractor.extract(report) {
                            println!(
                                "{}",
                                serde_json::to_string(&event).expect("events serialise")
                            );
                        }
                    }
                }
                Err(e) => eprintln!("{e}"),
            }
        }
    }
}
