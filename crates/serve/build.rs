//! Embeds the built page (`web/dist`, written by `scripts/build-web.sh`)
//! into the binary: writes `$OUT_DIR/assets.rs`, a table of every file's
//! path and bytes (`include_bytes!`). Without `web/dist` the table is empty
//! and the server answers `/` with a page that says how to build it, so the
//! crate compiles and its tests run on a machine without Node.

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let web = manifest.join("../../web");
    let dist = web.join("dist");
    let mut files = Vec::new();
    if dist.join("index.html").is_file() {
        collect(&dist, &dist, &mut files);
        println!("cargo:rerun-if-changed={}", dist.display());
    } else if web.is_dir() {
        // Watching web/ notices when a build creates dist.
        println!("cargo:rerun-if-changed={}", web.display());
    }
    files.sort();
    let mut out = String::from("/// Every file of web/dist: its path below dist, and its bytes.\n");
    out.push_str("pub static ASSETS: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in &files {
        out.push_str(&format!("    ({rel:?}, include_bytes!({abs:?})),\n"));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("assets.rs");
    std::fs::write(dest, out).expect("write assets.rs");
}

/// Files below `dir`, as (path relative to `root` with `/`, absolute path).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Dot files (the build's stamp) are not part of the page.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            let abs = path.canonicalize().unwrap_or(path.clone());
            out.push((rel, abs.to_string_lossy().into_owned()));
        }
    }
}
