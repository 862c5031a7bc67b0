//! Print the place mentions found in a text file (or stdin), with the best
//! candidate in the context of the whole text. A debugging aid:
//! `cargo run -p watchfloor-gazetteer --example mentions -- FILE`.

use std::io::Read;
use watchfloor_gazetteer::{Context, Gazetteer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(p) => text = std::fs::read_to_string(p)?,
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    let g = Gazetteer::load_default()?;
    let mentions = g.find_mentions(&text);
    let ctx = Context::from_mentions(&mentions);
    println!(
        "context: {:?}",
        &ctx.countries[..ctx.countries.len().min(5)]
    );
    for m in &mentions {
        let best = g.rank(&m.candidates, &ctx);
        let b = &best[0];
        println!(
            "{:>6} {:<28} -> {} ({}, {:?}) {:.3},{:.3} [{:?}] of {}",
            m.span.start,
            m.surface,
            b.name,
            b.country,
            b.admin1,
            b.latitude,
            b.longitude,
            b.precision,
            best.len()
        );
    }
    Ok(())
}
