//! Building the binary index from the TSV intermediates that
//! `scripts/convert-geonames.py` writes (see [`crate::index`] for the format).
//!
//! Kept in the library (not only the build binary) so tests can build small
//! indexes from fixture files with exactly the code that builds the real one.

use crate::data::{check_iso2, parse_base_countries, parse_coord};
use crate::fold::skeleton;
use crate::index::{assemble, KeyTable, Record, POST_ALT};
use crate::{GazetteerError, PlaceKind};
use std::collections::HashMap;
use std::path::Path;
use watchfloor_text::fold_for_index_into;

fn read(path: &Path) -> Result<String, GazetteerError> {
    std::fs::read_to_string(path).map_err(|e| GazetteerError::Io {
        path: path.to_path_buf(),
        source: e,
    })
}

fn bad(path: &Path, line: usize, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Data {
        file: path.display().to_string(),
        line,
        message: message.into(),
    }
}

#[derive(Default)]
struct Builder {
    strings: String,
    interned: HashMap<String, (u32, u16)>,
    records: Vec<u8>,
    n: u32,
    names: KeyTable,
    skels: KeyTable,
    buf: String,
}

impl Builder {
    fn intern(&mut self, s: &str) -> (u32, u16) {
        if let Some(&r) = self.interned.get(s) {
            return r;
        }
        let s = if s.len() > u16::MAX as usize {
            &s[..s.floor_char_boundary(u16::MAX as usize)]
        } else {
            s
        };
        let r = (self.strings.len() as u32, s.len() as u16);
        self.strings.push_str(s);
        self.interned.insert(s.to_string(), r);
        r
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        name: &str,
        alternates: &[&str],
        cc: &str,
        admin1: Option<&str>,
        lat: f64,
        lon: f64,
        pop: u64,
        kind: PlaceKind,
    ) {
        let (name_off, name_len) = self.intern(name);
        let (admin1_off, admin1_len) = admin1
            .filter(|a| !a.is_empty())
            .map(|a| self.intern(a))
            .unwrap_or((0, 0));
        let cc_b = cc.as_bytes();
        Record {
            name_off,
            name_len,
            admin1_off,
            admin1_len,
            cc: [cc_b[0], cc_b[1]],
            lat: lat as f32,
            lon: lon as f32,
            pop: pop.min(u32::MAX as u64) as u32,
            kind,
            reviewed: false,
        }
        .encode(&mut self.records);
        let id = self.n;
        self.n += 1;
        for (i, n) in std::iter::once(&name).chain(alternates.iter()).enumerate() {
            let flag = if i == 0 { 0 } else { POST_ALT };
            fold_for_index_into(n, &mut self.buf);
            if self.buf.is_empty() {
                continue;
            }
            let key = self.buf.clone();
            if key.is_ascii() {
                let sk = skeleton(&key);
                if sk.len() >= 3 {
                    self.skels.add(format!("{sk}\0{key}"), id << 2 | flag);
                }
            }
            self.names.add(key, id << 2 | flag);
        }
    }
}

/// Whether an alternate name from GeoNames is a name worth indexing.
///
/// GeoNames alternates mix names with airport and ICAO codes ("GAO" is an
/// alternate of Guantánamo), URLs, and machine romanisations of names in
/// other scripts written in lower case ("mali" among the names of Mary,
/// Turkmenistan). Those produce false hits; real Latin-script names are
/// capitalised. scripts/convert-geonames.py applies the same rule; it is
/// repeated here so an index can never contain codes whatever its input.
pub fn keep_alternate(alt: &str, primary: &str) -> bool {
    let alt = alt.trim();
    if alt.is_empty() || alt == primary || alt.len() > 60 {
        return false;
    }
    if alt.contains("http")
        || alt.contains('/')
        || alt.contains('@')
        || alt.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    if !alt.chars().any(|c| c.is_alphabetic()) {
        return false;
    }
    let ascii_letters = alt.is_ascii();
    if ascii_letters
        && alt.len() <= 5
        && !alt.contains(' ')
        && alt.chars().all(|c| !c.is_ascii_lowercase())
    {
        return false;
    }
    if ascii_letters && alt.chars().all(|c| !c.is_ascii_uppercase()) {
        return false;
    }
    true
}

/// Build the index bytes from `dir/{places,admin1,countries}.tsv`.
pub fn build_index(dir: &Path) -> Result<Vec<u8>, GazetteerError> {
    let mut b = Builder::default();
    let admin_path = dir.join("admin1.tsv");
    let admin_text = read(&admin_path)?;
    let mut admin_names: HashMap<(String, String), String> = HashMap::new();
    for (i, l) in admin_text.lines().enumerate() {
        let line = i + 1;
        if l.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() != 7 {
            return Err(bad(
                &admin_path,
                line,
                format!("expected 7 tab-separated fields, found {}", f.len()),
            ));
        }
        let cc = check_iso2(&admin_path.display().to_string(), line, f[0])?;
        let lat = parse_coord(
            &admin_path.display().to_string(),
            line,
            "latitude",
            f[4],
            90.0,
        )?;
        let lon = parse_coord(
            &admin_path.display().to_string(),
            line,
            "longitude",
            f[5],
            180.0,
        )?;
        let pop = f[6].parse().map_err(|_| {
            bad(
                &admin_path,
                line,
                format!("population {:?} is not a number", f[6]),
            )
        })?;
        let alts: Vec<&str> = f[3].split('|').filter(|s| !s.is_empty()).collect();
        b.add(
            f[2],
            &alts,
            &cc,
            Some(f[2]),
            lat,
            lon,
            pop,
            PlaceKind::Admin1,
        );
        admin_names.insert((cc, f[1].to_string()), f[2].to_string());
    }

    let places_path = dir.join("places.tsv");
    let places_text = read(&places_path)?;
    for (i, l) in places_text.lines().enumerate() {
        let line = i + 1;
        if l.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() != 8 {
            return Err(bad(
                &places_path,
                line,
                format!("expected 8 tab-separated fields, found {}", f.len()),
            ));
        }
        let file = places_path.display().to_string();
        let cc = check_iso2(&file, line, f[2])?;
        let lat = parse_coord(&file, line, "latitude", f[4], 90.0)?;
        let lon = parse_coord(&file, line, "longitude", f[5], 180.0)?;
        let pop = f[6].parse().map_err(|_| {
            bad(
                &places_path,
                line,
                format!("population {:?} is not a number", f[6]),
            )
        })?;
        let admin1 = admin_names.get(&(cc.clone(), f[3].to_string())).cloned();
        let alts: Vec<&str> = f[7]
            .split('|')
            .filter(|s| keep_alternate(s, f[1]))
            .collect();
        b.add(
            f[1],
            &alts,
            &cc,
            admin1.as_deref(),
            lat,
            lon,
            pop,
            PlaceKind::Populated,
        );
    }

    let countries_path = dir.join("countries.tsv");
    let countries = read(&countries_path)?;
    // Validate now so a broken file fails the build, not every later load.
    parse_base_countries(&countries_path.display().to_string(), &countries)?;

    let mut postings = Vec::new();
    let Builder {
        strings,
        records,
        n,
        names,
        skels,
        ..
    } = b;
    let names_fst = names.build(&mut postings);
    let skel_fst = skels.build(&mut postings);
    let post_bytes: Vec<u8> = postings.iter().flat_map(|p| p.to_le_bytes()).collect();
    let provenance = read(&dir.join("PROVENANCE")).unwrap_or_else(|_| "unknown source".into());
    Ok(assemble(
        n,
        strings.as_bytes(),
        &records,
        &post_bytes,
        &names_fst,
        &skel_fst,
        countries.as_bytes(),
        provenance.as_bytes(),
    ))
}
