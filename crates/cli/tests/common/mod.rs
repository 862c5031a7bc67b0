//! What the CLI tests share: the binary, generated OE Watch-style reports
//! of one attack each, and running the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_watchfloor");

/// Towns with coordinates the gazetteer knows, for generated reports.
pub const TOWNS: &[(&str, &str)] = &[
    ("Gao", "Malian"),
    ("Mopti", "Malian"),
    ("Timbuktu", "Malian"),
    ("Maiduguri", "Nigerian"),
    ("Djibo", "Burkinabe"),
    ("Quetta", "Pakistani"),
];

/// One OE Watch-style report telling of one attack.
pub fn report(n: usize, town: &str, adjective: &str, day: u32, dead: u32) -> String {
    format!(
        "Militants Strike Army Post in {town} ({n})\n\n\
         Soldiers guard a checkpoint.\n\n\n\
         \u{201c}The attackers came at dawn and left before help arrived.\u{201d}\n\n\n\
         Militants keep pressing {adjective} forces. According to the excerpted article, gunmen attacked an army post in {town} on 1{day} March 2024, killing {dead} soldiers.[i] Officials promised a response.\n\n\n\
         Sources:\n\n\
         \u{201c}Attaque contre un poste militaire (Attack on a military post),\u{201d} Example Daily (independent daily), 2{day} March 2024. https://www.example.org/post-{n}\n\n\
         Gunmen attacked an army post in {town} on 1{day} March 2024, killing {dead} soldiers, security sources said.\n\n\n\
         Notes:\n\n\
         [i] Background on the insurgency: Example Institute, 2020. https://www.example.org/bg-{n}\n\n\n\
         Image Information:\n\n\
         Image: Soldiers guard a checkpoint.\n\
         Source: https://commons.example.org/{n}.jpg\n\
         Attribution: Public Domain\n"
    )
}

pub fn write_corpus(dir: &Path, count: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    (0..count)
        .map(|i| {
            let (town, adj) = TOWNS[i % TOWNS.len()];
            let p = dir.join(format!("r{i:04}.txt"));
            std::fs::write(
                &p,
                report(i, town, adj, (i % 9) as u32, 3 + (i % 20) as u32),
            )
            .unwrap();
            p
        })
        .collect()
}

pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run watchfloor")
}

pub fn ok<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(args: &[S]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
