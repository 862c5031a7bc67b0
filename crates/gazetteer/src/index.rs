//! The binary index: what `watchfloor-gazetteer-build` writes under
//! `data/generated/` and [`crate::Gazetteer::load_from`] reads back.
//!
//! Why a custom little-endian file and not serde: loading must take well
//! under 200 ms for ~240,000 places and ~1.2 million names. The file is read
//! once into memory; the two FSTs are used in place (zero copy) and the
//! fixed-size place records are decoded in one pass.
//!
//! Layout: magic `WFGZIDX\0`, format version (u32), record count (u32), then
//! seven sections, each a u64 byte length followed by its bytes:
//! strings (UTF-8 blob), records ([`REC_SIZE`] bytes each), postings (u32
//! each), folded-name FST, skeleton FST, countries TSV, provenance text.
//!
//! A posting is `record_id << 2 | flags` ([`POST_ALT`]: matched through an
//! alternate name; [`POST_ACRONYM`]: the name is an acronym that only
//! matches upper-case text). An FST value is `offset << 20 | count` into the
//! postings.

use crate::PlaceKind;
use std::sync::Arc;

pub const MAGIC: &[u8; 8] = b"WFGZIDX\0";
/// Bump whenever the layout or [`mod@crate::fold`] changes: old indexes are then
/// refused with a message to rerun scripts/fetch-data.sh.
pub const FORMAT_VERSION: u32 = 4;
pub const REC_SIZE: usize = 28;
pub const POST_ALT: u32 = 1;
pub const POST_ACRONYM: u32 = 2;

/// One place as stored: strings are (offset, length) into a string blob.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    pub name_off: u32,
    pub name_len: u16,
    pub admin1_off: u32,
    /// 0 when the place has no known first-level division.
    pub admin1_len: u16,
    pub cc: [u8; 2],
    pub lat: f32,
    pub lon: f32,
    pub pop: u32,
    pub kind: PlaceKind,
    /// True for rows of the reviewed supplement.
    pub reviewed: bool,
}

impl Record {
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.name_off.to_le_bytes());
        out.extend_from_slice(&self.name_len.to_le_bytes());
        out.extend_from_slice(&self.admin1_off.to_le_bytes());
        out.extend_from_slice(&self.admin1_len.to_le_bytes());
        out.extend_from_slice(&self.cc);
        out.extend_from_slice(&self.lat.to_le_bytes());
        out.extend_from_slice(&self.lon.to_le_bytes());
        out.extend_from_slice(&self.pop.to_le_bytes());
        out.push(self.kind as u8);
        out.push(self.reviewed as u8);
    }

    pub fn decode(b: &[u8]) -> Option<Record> {
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap());
        let u16_at = |i: usize| u16::from_le_bytes(b[i..i + 2].try_into().unwrap());
        if b.len() < REC_SIZE {
            return None;
        }
        Some(Record {
            name_off: u32_at(0),
            name_len: u16_at(4),
            admin1_off: u32_at(6),
            admin1_len: u16_at(10),
            cc: [b[12], b[13]],
            lat: f32::from_bits(u32_at(14)),
            lon: f32::from_bits(u32_at(18)),
            pop: u32_at(22),
            kind: PlaceKind::from_u8(b[26])?,
            reviewed: b[27] != 0,
        })
    }
}

/// Borrowed view into the shared file buffer, so the FSTs need no copy.
#[derive(Clone)]
pub struct Bytes {
    pub buf: Arc<Vec<u8>>,
    pub start: usize,
    pub end: usize,
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }
}

/// The sections of a loaded index file.
pub struct Sections {
    pub n_records: usize,
    pub strings: Bytes,
    pub records: Bytes,
    pub postings: Bytes,
    pub names_fst: Bytes,
    pub skel_fst: Bytes,
    pub countries: Bytes,
    pub provenance: Bytes,
}

/// Split a file buffer into its sections, checking magic, version and sizes.
pub fn split(buf: Arc<Vec<u8>>) -> Result<Sections, String> {
    let b = &buf[..];
    if b.len() < 16 || &b[..8] != MAGIC {
        return Err("not a watchfloor gazetteer index (bad magic)".into());
    }
    let version = u32::from_le_bytes(b[8..12].try_into().unwrap());
    if version != FORMAT_VERSION {
        return Err(format!(
            "index format {version} but this build reads format {FORMAT_VERSION}: rerun scripts/fetch-data.sh to rebuild it"
        ));
    }
    let n_records = u32::from_le_bytes(b[12..16].try_into().unwrap()) as usize;
    let mut pos = 16;
    let mut next = || -> Result<Bytes, String> {
        if pos + 8 > b.len() {
            return Err("index file is truncated".into());
        }
        let len = u64::from_le_bytes(b[pos..pos + 8].try_into().unwrap()) as usize;
        pos += 8;
        if pos.checked_add(len).is_none_or(|e| e > b.len()) {
            return Err("index file is truncated".into());
        }
        let s = Bytes {
            buf: buf.clone(),
            start: pos,
            end: pos + len,
        };
        pos += len;
        Ok(s)
    };
    let s = Sections {
        n_records,
        strings: next()?,
        records: next()?,
        postings: next()?,
        names_fst: next()?,
        skel_fst: next()?,
        countries: next()?,
        provenance: next()?,
    };
    if s.records.as_ref().len() != n_records * REC_SIZE {
        return Err("record section size does not match the record count".into());
    }
    Ok(s)
}

/// Write the index file's bytes from its parts.
#[allow(clippy::too_many_arguments)]
pub fn assemble(
    n_records: u32,
    strings: &[u8],
    records: &[u8],
    postings: &[u8],
    names_fst: &[u8],
    skel_fst: &[u8],
    countries: &[u8],
    provenance: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        64 + strings.len()
            + records.len()
            + postings.len()
            + names_fst.len()
            + skel_fst.len()
            + countries.len(),
    );
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&n_records.to_le_bytes());
    for s in [
        strings, records, postings, names_fst, skel_fst, countries, provenance,
    ] {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        out.extend_from_slice(s);
    }
    out
}

/// Accumulates (key, posting) pairs and turns them into an FST plus
/// posting array. Used by the index builder and, at load time, for the small
/// overlay of embedded data (supplement, countries).
#[derive(Default)]
pub struct KeyTable {
    pairs: Vec<(String, u32)>,
}

impl KeyTable {
    pub fn add(&mut self, key: String, posting: u32) {
        if !key.is_empty() {
            self.pairs.push((key, posting));
        }
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Build the FST (bytes) and append postings. When a record has the same
    /// key several times, the primary-name posting wins over alternates.
    pub fn build(mut self, postings: &mut Vec<u32>) -> Vec<u8> {
        self.pairs.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then((a.1 >> 2).cmp(&(b.1 >> 2)))
                .then(a.1.cmp(&b.1))
        });
        let mut builder = fst::MapBuilder::memory();
        let mut i = 0;
        while i < self.pairs.len() {
            let key = &self.pairs[i].0;
            let start = postings.len();
            let mut last_rec = u32::MAX;
            let mut j = i;
            while j < self.pairs.len() && &self.pairs[j].0 == key {
                let p = self.pairs[j].1;
                if p >> 2 != last_rec {
                    postings.push(p);
                    last_rec = p >> 2;
                }
                j += 1;
            }
            let count = (postings.len() - start).min((1 << 20) - 1) as u64;
            builder
                .insert(key.as_bytes(), ((start as u64) << 20) | count)
                .expect("keys are sorted and unique");
            i = j;
        }
        builder.into_inner().expect("in-memory FST cannot fail")
    }
}

/// Postings named by an FST value.
pub fn postings_of(postings: &[u32], value: u64) -> &[u32] {
    let start = (value >> 20) as usize;
    let count = (value & ((1 << 20) - 1)) as usize;
    postings.get(start..start + count).unwrap_or(&[])
}
