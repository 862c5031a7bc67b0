use std::time::Instant;
use watchfloor_gazetteer::{Context, Gazetteer};
fn main() {
    let g = Gazetteer::load_default().unwrap();
    for q in ["Qxzvb", "Qxzvbnty", "Qxzvbntyuiop", "Qxzvbntyuiopasdfgh", "Qxzvbntyuiopasdfghjklzxcv", "كابلقصثقفغ", "Ségou Qxzvbnty"] {
        let t = Instant::now();
        for _ in 0..20 { std::hint::black_box(g.lookup(q, &Context::default())); }
        println!("{q}: {:.2} ms", t.elapsed().as_secs_f64() * 1e3 / 20.0);
    }
}
