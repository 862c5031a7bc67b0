//! Shared helpers: the full gazetteer is loaded once per test binary.
//! These tests need the generated index: they fail, saying how to build it,
//! when it is missing (the test command, scripts/test.sh, builds it first).

use std::sync::OnceLock;
use watchfloor_gazetteer::{distance_km, Context, Gazetteer, Resolution};

pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        Gazetteer::load_default().unwrap_or_else(|e| {
            panic!("{e}: run scripts/fetch-data.sh to build the gazetteer index")
        })
    })
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
