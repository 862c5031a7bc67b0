//! Shared helpers: the full gazetteer is loaded once per test binary.
//! Tests that need it are skipped (with a message) when the generated index
//! is absent, so `cargo test` works before scripts/fetch-data.sh has run;
//! scripts/test.sh always runs fetch-data first, so CI exercises them.

use std::sync::OnceLock;
use watchfloor_gazetteer::{distance_km, Context, Gazetteer, Resolution};

pub fn gazetteer() -> Option<&'static Gazetteer> {
    static G: OnceLock<Option<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| match Gazetteer::load_default() {
        Ok(g) => Some(g),
        Err(e) if std::env::var_os("WATCHFLOOR_REQUIRE_DATA").is_some() => panic!("{e}"),
        Err(e) => {
            eprintln!("skipping: {e}");
            None
        }
    })
    .as_ref()
}

/// The best resolution of `name` in context, which must lie within 25 km of
/// (lat, lon) and in `cc`.
#[track_caller]
pub fn assert_near(
    g: &Gazetteer,
    name: &str,
    ctx: &Context,
    cc: &str,
    lat: f64,
    lon: f64,
) -> Resolution {
    let res = g.lookup(name, ctx);
    let best = res
        .first()
        .unwrap_or_else(|| panic!("{name:?}: no resolution"));
    let d = distance_km(best.latitude, best.longitude, lat, lon);
    assert!(
        best.country == cc && d <= 25.0,
        "{name:?}: best is {} ({}) at {:.3},{:.3}, {d:.0} km from expected {lat},{lon} in {cc}; candidates: {:?}",
        best.name,
        best.country,
        best.latitude,
        best.longitude,
        res.iter().take(4).map(|r| format!("{} {} {:?} {:.2}", r.name, r.country, r.kind, r.score)).collect::<Vec<_>>()
    );
    best.clone()
}
