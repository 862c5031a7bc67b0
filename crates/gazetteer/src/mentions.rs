//! Finding place names in running text.
//!
//! One pass over the text splits it into word tokens, remembering whether
//! the gap to the next token may sit inside a name (spaces or a hyphen: yes;
//! a comma, full stop or line break: no). From each capitalised token the
//! folded tokens are fed byte by byte into both FSTs (base and overlay) at
//! once, so extending a candidate by a token costs only its bytes and a dead
//! FST state ends the walk: there is no n-gram hashing and no string built
//! per candidate. The longest name wins; scanning resumes after it.
//!
//! Rules that keep common words out: the stop-list (days, months, common
//! words, demonyms, actor names); a mention must start with a capital letter
//! (or be a multiword name starting with an Arabic-style particle such as
//! "al-"); short all-capitals tokens ("CSP", "IS") only match acronyms
//! listed as such ("DRC", "UAE"); a single capitalised word at the start of
//! a sentence must name a country, division, reviewed place or a town of
//! 20,000+ people, because sentence-initial capitals are the commonest way
//! an ordinary word looks like a place.
//!
//! A lone capitalised word that names no place as written may still be a
//! spelling variant of a sizeable town ("Baramulla" for "Bāramūla"); the
//! phonetic skeleton index decides, under the conditions of [`variant`].
//!
//! A following generic word ("region", "province", "district") is taken into
//! the mention and steers its candidates, as is a direction word before a
//! country or province ("northern Mali").

use crate::index::{postings_of, POST_ACRONYM};
use crate::{
    sort_results, Context, Gazetteer, PlaceKind, PlaceMention, Precision, Resolution, Span,
};
use fst::raw::{Fst, Node, Output};
use watchfloor_text::fold_for_index_into as fold_into;

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// Starts with an upper-case letter (or a letter of a caseless script).
    cap: bool,
    /// Two or more letters, all upper case.
    upper: bool,
    /// The gap to the next token may lie inside a name.
    joins_next: bool,
    /// First token of a sentence or line.
    sentence_start: bool,
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}')
}

fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    let mut sentence_start = true;
    while i < b.len() {
        let c = if b[i] < 0x80 {
            b[i] as char
        } else {
            text[i..].chars().next().unwrap()
        };
        if !is_word_char(c) {
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | ';') {
                sentence_start = true;
            }
            i += c.len_utf8();
            continue;
        }
        // URLs and e-mail addresses are not prose: skip to the next space.
        if (c == 'h' || c == 'w')
            && (text[i..].starts_with("http://")
                || text[i..].starts_with("https://")
                || text[i..].starts_with("www."))
        {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            continue;
        }
        let start = i;
        let mut letters = 0;
        let mut uppers = 0;
        let cap = c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase());
        loop {
            if i >= b.len() {
                break;
            }
            let c = if b[i] < 0x80 {
                b[i] as char
            } else {
                text[i..].chars().next().unwrap()
            };
            if is_word_char(c) {
                if c.is_alphabetic() {
                    letters += 1;
                    if c.is_uppercase() {
                        uppers += 1;
                    }
                }
                i += c.len_utf8();
            } else if is_apos(c) {
                // Inside a word only when a letter follows (Sana'a, N'Djamena),
                // and not as a possessive ("Mali's").
                let rest = &text[i + c.len_utf8()..];
                let mut it = rest.chars();
                let n = it.next();
                let possessive = matches!(n, Some('s') | Some('S'))
                    && !it.next().is_some_and(|c| c.is_alphanumeric());
                if n.is_some_and(|n| n.is_alphabetic()) && i > start && !possessive {
                    i += c.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if let Some(prev) = toks.last_mut() {
            prev.joins_next = gap_joins(&text[prev.end..start]);
        }
        toks.push(Tok {
            start,
            end: i,
            cap,
            upper: letters >= 2 && uppers == letters,
            joins_next: false,
            sentence_start,
        });
        sentence_start = false;
    }
    toks
}

/// Spaces, or one hyphen with optional spaces: names run across them.
fn gap_joins(gap: &str) -> bool {
    if gap.is_empty() || gap.len() > 4 {
        return false;
    }
    let mut hyphens = 0;
    for c in gap.chars() {
        match c {
            ' ' | '\u{a0}' => {}
            '-' | '\u{2010}' | '\u{2011}' => hyphens += 1,
            _ => return false,
        }
    }
    hyphens <= 1
}

/// Lower-case words that can open a multiword name ("al-Hasakah").
const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "an", "at", "az", "ez", "ed", "ras", "tal", "tell",
    "jabal", "wadi", "bir", "ain",
];

const GENERIC_AFTER: &[&str] = &[
    "region",
    "province",
    "governorate",
    "district",
    "state",
    "prefecture",
    "department",
    "oblast",
    "county",
    "division",
    "territory",
    "municipality",
    "wilaya",
    "emirate",
];
const DIRECTION_BEFORE: &[&str] = &[
    "north",
    "northern",
    "south",
    "southern",
    "east",
    "eastern",
    "west",
    "western",
    "central",
    "northeast",
    "northeastern",
    "northwest",
    "northwestern",
    "southeast",
    "southeastern",
    "southwest",
    "southwestern",
    "north-east",
    "north-eastern",
    "north-west",
    "north-western",
    "south-east",
    "south-eastern",
    "south-west",
    "south-western",
];

/// `word` equals one of `list` (ASCII case-insensitively), without allocating.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Walk state in one FST.
struct Walk<'f> {
    fst: &'f Fst<&'f [u8]>,
    node: Option<Node<'f>>,
    out: Output,
}

impl<'f> Walk<'f> {
    fn new(fst: &'f Fst<&'f [u8]>) -> Self {
        Walk {
            fst,
            node: Some(fst.root()),
            out: Output::zero(),
        }
    }
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let Some(node) = self.node else { return };
            match node.find_input(b) {
                Some(i) => {
                    let t = node.transition(i);
                    self.out = self.out.cat(t.out);
                    self.node = Some(self.fst.node(t.addr));
                }
                None => {
                    self.node = None;
                    return;
                }
            }
        }
    }
    fn alive(&self) -> bool {
        self.node.is_some()
    }
    fn final_value(&self) -> Option<u64> {
        let n = self.node?;
        n.is_final().then(|| self.out.cat(n.final_output()).value())
    }
}

pub(crate) fn find(g: &Gazetteer, text: &str) -> Vec<PlaceMention> {
    let toks = tokenize(text);
    let base_fst = Fst::new(g.names.as_fst().as_bytes()).expect("validated at load");
    let ov_fst = Fst::new(g.ov_names.as_fst().as_bytes()).expect("validated at load");
    let mut out = Vec::new();
    let mut fbuf = String::new();
    let mut key = String::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let first = &text[t.start..t.end];
        let may_start = t.cap || (t.joins_next && is_one_of(first, PARTICLES));
        if !may_start {
            i += 1;
            continue;
        }
        let mut base = Walk::new(&base_fst);
        let mut ov = Walk::new(&ov_fst);
        key.clear();
        // (last token index, base value, overlay value, key)
        let mut best: Option<(usize, Option<u64>, Option<u64>, String)> = None;
        let mut j = i;
        while j < toks.len() && j < i + 6 {
            fold_into(&text[toks[j].start..toks[j].end], &mut fbuf);
            if j > i {
                base.feed(b" ");
                ov.feed(b" ");
                key.push(' ');
            }
            base.feed(fbuf.as_bytes());
            ov.feed(fbuf.as_bytes());
            key.push_str(&fbuf);
            if !base.alive() && !ov.alive() {
                break;
            }
            let (bv, ovv) = (base.final_value(), ov.final_value());
            if (bv.is_some() || ovv.is_some()) && (t.cap || toks[j].cap) {
                best = Some((j, bv, ovv, key.clone()));
            }
            if !toks[j].joins_next {
                break;
            }
            j += 1;
        }
        let Some((last, bv, ovv, k)) = best else {
            if let Some(m) = variant(g, text, &toks, i, &mut fbuf) {
                out.push(m);
            }
            i += 1;
            continue;
        };
        if let Some(m) = accept(g, text, &toks, i, last, bv, ovv, &k) {
            let end_tok = m.1;
            out.push(m.0);
            i = end_tok + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// A lone capitalised word that names no place as written but shares the
/// phonetic skeleton of a sizeable town: "Baramulla" for "Bāramūla",
/// "Kabkabiya" for "Kabkābīyah". Translations spell places every which
/// way; the skeleton index catches the common variants. Only a word that
/// stands alone (not inside or beside another capitalised word, not at a
/// sentence start), of six letters or more, and a town of 10,000 people or
/// a reviewed place qualify, and the report's country context still has to
/// vouch for the result downstream.
fn variant(
    g: &Gazetteer,
    text: &str,
    toks: &[Tok],
    i: usize,
    fbuf: &mut String,
) -> Option<PlaceMention> {
    let t = toks[i];
    if !t.cap || t.upper || t.sentence_start {
        return None;
    }
    let beside_name = (i > 0 && toks[i - 1].joins_next && toks[i - 1].cap)
        || (t.joins_next && toks.get(i + 1).is_some_and(|n| n.cap));
    if beside_name {
        return None;
    }
    let word = &text[t.start..t.end];
    if word.chars().count() < 6 {
        return None;
    }
    fold_into(word, fbuf);
    if g.is_stop(fbuf) {
        return None;
    }
    let ctx = Context::default();
    let mut res: Vec<Resolution> = g
        .skeleton_matches(fbuf)
        .into_iter()
        .filter(|&(_, m)| matches!(m, crate::MatchKind::Skeleton(sim) if sim >= 0.75))
        .filter(|&(id, _)| {
            let r = g.record(id);
            r.kind == PlaceKind::Populated && (r.pop >= 10_000 || r.reviewed)
        })
        .map(|(id, m)| g.resolution(id, m, &ctx, None))
        .collect();
    if res.is_empty() {
        return None;
    }
    res.sort_by_key(|r| r.id);
    res.dedup_by_key(|r| r.id);
    sort_results(&mut res);
    res.truncate(10);
    Some(PlaceMention {
        span: Span::new(t.start, t.end),
        surface: word.to_string(),
        candidates: res,
    })
}

#[allow(clippy::too_many_arguments)]
fn accept(
    g: &Gazetteer,
    text: &str,
    toks: &[Tok],
    i: usize,
    last: usize,
    bv: Option<u64>,
    ovv: Option<u64>,
    key: &str,
) -> Option<(PlaceMention, usize)> {
    // "Somali region": a generic word after a stop-listed name makes it a place.
    let generic_follows = toks[last].joins_next
        && toks
            .get(last + 1)
            .is_some_and(|n| is_one_of(&text[n.start..n.end], GENERIC_AFTER));
    if g.is_stop(key) && !generic_follows {
        return None;
    }
    let single = last == i;
    let upper = (i..=last).all(|k| toks[k].upper) && key.len() <= 5;
    let mut cands: Vec<(u32, u32)> = Vec::new();
    if let Some(v) = bv {
        if !upper {
            cands.extend(postings_of(&g.postings, v).iter().map(|&p| (p >> 2, p)));
        }
    }
    if let Some(v) = ovv {
        cands.extend(
            postings_of(&g.ov_postings, v)
                .iter()
                .filter(|&&p| !upper || p & POST_ACRONYM != 0)
                .map(|&p| (p >> 2, p)),
        );
    }
    // An acronym alias ("CAR", "DRC") matches only when written in capitals.
    if !upper {
        cands.retain(|&(_, p)| p & POST_ACRONYM == 0);
    }
    if cands.is_empty() {
        return None;
    }
    let strong_over = |pop: u32| {
        cands.iter().any(|&(id, _)| {
            let r = g.record(id);
            r.reviewed
                || r.pop >= pop
                || matches!(
                    r.kind,
                    PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Admin2
                )
        })
    };
    if single && toks[i].sentence_start && !strong_over(20_000) {
        return None;
    }
    // Inside a longer capitalised name ("Mary Smith", "President Assimi
    // Goita", "Islamic State Sahel Province") a trailing word is rarely a
    // place; a well-known place still is ("Kabul" in "Taliban Kabul").
    let inside_name =
        i > 0 && toks[i - 1].joins_next && toks[i - 1].cap && !toks[i - 1].sentence_start;
    if inside_name && (g.is_stop(key) || (single && !strong_over(100_000))) {
        return None;
    }
    // One- and two-letter names ("Le", "Al") are articles far more often
    // than places; only acronyms such as "US" pass.
    if single && key.chars().count() < 3 && !upper {
        return None;
    }
    let ctx = Context::default();
    let mut res: Vec<Resolution> = cands
        .iter()
        .map(|&(id, p)| g.resolution(id, crate::posting_match(p), &ctx, None))
        .collect();
    res.sort_by_key(|r| r.id);
    res.dedup_by_key(|r| r.id);

    // A country name is read as the country: "China" is not China, Maine,
    // and "Benin" not Benin City, however much the text is about the US or
    // Nigeria. Divisions of the same name stay ("Niger" state).
    let names_country = res.iter().any(|r| {
        r.kind == PlaceKind::Country && r.note.is_none() && g.country_by_name(key).is_some()
    });
    if names_country {
        res.retain(|r| matches!(r.kind, PlaceKind::Country | PlaceKind::Admin1));
    }
    let mut start = toks[i].start;
    let mut end = toks[last].end;
    let mut end_tok = last;
    // "Kidal region": take the generic word and prefer divisions.
    if let Some(n) = toks.get(last + 1) {
        if toks[last].joins_next && is_one_of(&text[n.start..n.end], GENERIC_AFTER) {
            let w = text[n.start..n.end].to_ascii_lowercase();
            let admin2 = matches!(
                w.as_str(),
                "district" | "department" | "county" | "division" | "municipality"
            );
            // "US Department", "Egypt District": a country before a generic
            // word is an organisation's name, not a division.
            let country_only = res.iter().all(|r| r.kind == PlaceKind::Country);
            if !country_only {
                end = n.end;
                end_tok = last + 1;
            }
            for r in res.iter_mut().filter(|_| !country_only) {
                match r.kind {
                    PlaceKind::Admin1 => r.score += if admin2 { 0.8 } else { 1.5 },
                    PlaceKind::Admin2 => r.score += if admin2 { 1.5 } else { 0.8 },
                    // "Sariyer district": a city district is the place itself.
                    PlaceKind::Country | PlaceKind::District => {}
                    _ => r.precision = Precision::Province,
                }
            }
        }
    }
    // "northern Mali": a part of a country or division. A direction before
    // a town ("western Kabul") is left out: the town is the better answer.
    sort_results(&mut res);
    let area = res.first().is_some_and(|r| {
        matches!(
            r.kind,
            PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Admin2
        )
    });
    if area && i > 0 && toks[i - 1].joins_next {
        let p = toks[i - 1];
        let w = text[p.start..p.end].to_ascii_lowercase();
        let mut new_start = None;
        if DIRECTION_BEFORE.contains(&w.as_str()) {
            new_start = Some(p.start);
            // "north-east Mali": two tokens.
            if (w == "east" || w == "west" || w == "eastern" || w == "western")
                && i > 1
                && toks[i - 2].joins_next
            {
                let pp = toks[i - 2];
                let w2 = text[pp.start..pp.end].to_ascii_lowercase();
                if w2 == "north" || w2 == "south" {
                    new_start = Some(pp.start);
                }
            }
        }
        if let Some(s) = new_start {
            start = s;
            res.retain(|r| {
                matches!(
                    r.kind,
                    PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Admin2
                )
            });
        }
    }
    sort_results(&mut res);
    res.truncate(40);
    Some((
        PlaceMention {
            span: Span::new(start, end),
            surface: text[start..end].to_string(),
            candidates: res,
        },
        end_tok,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_join_across_spaces_and_hyphens_only() {
        let t = tokenize("Dasht-e-Barchi, Kabul. Sana’a in  Yemen\nGao");
        let words: Vec<&str> = t
            .iter()
            .map(|t| &"Dasht-e-Barchi, Kabul. Sana’a in  Yemen\nGao"[t.start..t.end])
            .collect();
        assert_eq!(
            words,
            ["Dasht", "e", "Barchi", "Kabul", "Sana’a", "in", "Yemen", "Gao"]
        );
        let joins: Vec<bool> = t.iter().map(|t| t.joins_next).collect();
        assert_eq!(joins, [true, true, false, false, true, true, false, false]);
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(
            starts,
            [true, false, false, false, true, false, false, true]
        );
    }

    #[test]
    fn urls_are_skipped_and_capitals_flagged() {
        let s = "See https://example.org/Kabul_Attack and CSP";
        let t = tokenize(s);
        let words: Vec<&str> = t.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(words, ["See", "and", "CSP"]);
        assert!(t[2].upper && t[2].cap && !t[1].cap);
    }
}
