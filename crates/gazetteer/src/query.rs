//! Lookup of a free-form place phrase.
//!
//! Understood forms, tried in this order:
//! 1. the whole phrase as a name ("North Kivu", "Western Cape");
//! 2. the name without generic words, which also say what kind of place is
//!    meant: "the Kidal region", "Khyber Pakhtunkhwa province", "Shabwa
//!    Governorate" prefer first-level divisions, "Hangu district" a district
//!    (or the district's town, at province precision), "the town of Gao" a
//!    populated place;
//! 3. a direction before a country or province ("northern Mali",
//!    "north-east Nigeria") gives that country or province, never a town;
//! 4. transliteration variants (phonetic skeleton), then edit distance;
//! 5. a description naming an enclosing or nearby place ("a village in the
//!    Kidal region", "a camp near Timbuktu"): that place, at province
//!    precision at best, with a note saying so.

use crate::{
    distance_km, sort_results, Context, Gazetteer, MatchKind, PlaceKind, Precision, Resolution,
};
use watchfloor_text::fold_for_index as fold;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Pref {
    None,
    Admin1,
    Admin2,
    Populated,
}

#[derive(Debug, Clone)]
pub(crate) struct Query {
    /// The folded phrase, a leading "the" removed.
    pub full: String,
    /// The folded name with generic and direction words removed.
    pub core: String,
    pub pref: Pref,
    pub direction: bool,
}

const DIRECTIONS: &[&str] = &[
    "north",
    "northern",
    "south",
    "southern",
    "east",
    "eastern",
    "west",
    "western",
    "central",
    "centre",
    "center",
    "northeast",
    "northeastern",
    "northwest",
    "northwestern",
    "southeast",
    "southeastern",
    "southwest",
    "southwestern",
    "far",
    "upper",
    "lower",
    "mid",
];

fn generic(word: &str) -> Option<Pref> {
    Some(match word {
        "region" | "regions" | "province" | "provinces" | "governorate" | "state" | "oblast"
        | "prefecture" | "territory" | "wilaya" | "wilayat" | "emirate" | "muhafazah"
        | "departement" | "krai" | "republic" => Pref::Admin1,
        "district" | "districts" | "department" | "county" | "division" | "municipality"
        | "tehsil" | "commune" | "cercle" | "area" | "zone" | "agency" | "woreda" | "lga" => {
            Pref::Admin2
        }
        "city" | "town" | "village" | "hamlet" | "locality" | "settlement" => Pref::Populated,
        _ => return None,
    })
}

impl Query {
    pub fn parse(name: &str) -> Query {
        let full = fold(name);
        let full = full.strip_prefix("the ").map(String::from).unwrap_or(full);
        let mut toks: Vec<&str> = full.split(' ').filter(|t| !t.is_empty()).collect();
        let mut pref = Pref::None;
        let mut direction = false;
        // "province of X", "the city of X"
        if toks.len() >= 3 && toks[1] == "of" {
            if let Some(p) = generic(toks[0]) {
                pref = p;
                toks.drain(..2);
            }
        }
        while toks.len() >= 2 && DIRECTIONS.contains(&toks[0]) {
            direction = true;
            toks.remove(0);
            if toks.first() == Some(&"of") && toks.len() >= 2 {
                toks.remove(0);
            }
            if toks.first() == Some(&"the") && toks.len() >= 2 {
                toks.remove(0);
            }
        }
        while toks.len() >= 2 {
            match generic(toks[toks.len() - 1]) {
                Some(p) => {
                    if pref == Pref::None {
                        pref = p;
                    }
                    toks.pop();
                }
                None => break,
            }
        }
        Query {
            core: toks.join(" "),
            full,
            pref,
            direction,
        }
    }
}

const NAMESAKE_NOTE: &str =
    "the district or province itself is not in the gazetteer: coordinates are its namesake town's";

const PREPOSITIONS: &[&str] = &[
    "in", "near", "of", "outside", "from", "around", "at", "close to", "north of", "south of",
    "east of", "west of",
];

pub(crate) fn lookup(g: &Gazetteer, name: &str, ctx: &Context) -> Vec<Resolution> {
    lookup_depth(g, name, ctx, 0)
}

fn lookup_depth(g: &Gazetteer, name: &str, ctx: &Context, depth: usize) -> Vec<Resolution> {
    let q = Query::parse(name);
    if q.full.is_empty() {
        return Vec::new();
    }
    // Generic words steer the kind even when the whole phrase is a name
    // ("Hangu district" is a supplement row and also says "district").
    let mut used = Query {
        core: q.full.clone(),
        pref: q.pref,
        direction: false,
        full: q.full.clone(),
    };
    let mut cands = if g.is_stop(&q.full) {
        Vec::new()
    } else {
        g.exact(&q.full)
    };
    // A generic word ("Somali region", "Sahel region") says a place is meant,
    // so the stop-list does not apply to the bare name then.
    let core_ok = !q.core.is_empty() && (q.pref != Pref::None || !g.is_stop(&q.core));
    if cands.is_empty() && q.core != q.full && core_ok {
        cands = g.exact(&q.core);
        used = q.clone();
    }
    let key = if q.core.is_empty() {
        q.full.clone()
    } else {
        q.core.clone()
    };
    if core_ok || (q.core.is_empty() && !g.is_stop(&key)) {
        // Transliteration variants compete with exact matches (an exact
        // alternate of a hamlet must not hide the province spelled with one
        // more "h"); exact matches keep the higher base score.
        let seen: std::collections::HashSet<u32> = cands.iter().map(|c| c.0).collect();
        let exact_found = !cands.is_empty();
        let extra: Vec<_> = g
            .skeleton_matches(&key)
            .into_iter()
            .filter(|c| !seen.contains(&c.0))
            // Beside exact matches only close variants (Shabwa/Shabwah) count.
            .filter(|c| !exact_found || matches!(c.1, MatchKind::Skeleton(sim) if sim >= 0.8))
            // Beside exact matches a variant must be much bigger to win.
            .map(|(id, m)| match m {
                MatchKind::Skeleton(sim) if exact_found => (id, MatchKind::Skeleton(sim - 0.6)),
                other => (id, other),
            })
            .collect();
        if cands.is_empty() {
            used = Query {
                core: key.clone(),
                ..q.clone()
            };
        }
        cands.extend(extra);
        if cands.is_empty() {
            cands = g.fuzzy_matches(&key);
        }
    }
    if cands.is_empty() {
        if depth < 2 {
            return enclosing(g, &q.full, ctx, depth);
        }
        return Vec::new();
    }
    let mut out: Vec<Resolution> = cands
        .into_iter()
        .map(|(id, m)| {
            let mut r = g.resolution(id, m, ctx, None);
            adjust(&mut r, &used);
            r
        })
        .collect();
    if out
        .iter()
        .any(|r| matches!(r.kind, PlaceKind::Admin1 | PlaceKind::Admin2))
    {
        for r in &mut out {
            if r.note.as_deref() == Some(NAMESAKE_NOTE) {
                r.note = Some("namesake town of the district or province".into());
            }
        }
    }
    if used.direction {
        // "northern Mali" names an area of a country or province, never a town.
        out.retain(|r| {
            matches!(
                r.kind,
                PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Admin2
            )
        });
        for r in &mut out {
            r.note = Some("a part of this area: coordinates are the whole area's".into());
        }
    }
    finish(&mut out);
    out
}

/// Kind preference from generic words, and precision when a district was
/// asked for but only its town is known.
fn adjust(r: &mut Resolution, q: &Query) {
    let (admin1, admin2, place) = match q.pref {
        Pref::None => (0.0, 0.0, 0.0),
        Pref::Admin1 => (1.5, 0.8, 0.0),
        Pref::Admin2 => (0.8, 1.5, 0.3),
        Pref::Populated => (0.0, 0.0, 0.8),
    };
    match r.kind {
        PlaceKind::Admin1 => r.score += admin1,
        PlaceKind::Admin2 => r.score += admin2,
        // A city district named with "district" ("Sariyer district") is the
        // place itself and keeps its precision.
        PlaceKind::District => r.score += admin2.max(place),
        PlaceKind::Populated | PlaceKind::Landmark => {
            r.score += place;
            if matches!(q.pref, Pref::Admin1 | Pref::Admin2) {
                r.precision = Precision::Province;
                r.note = Some(NAMESAKE_NOTE.into());
            }
        }
        PlaceKind::Country => {}
    }
}

fn finish(out: &mut Vec<Resolution>) {
    sort_results(out);
    let mut kept: Vec<Resolution> = Vec::with_capacity(out.len().min(25));
    for r in out.drain(..) {
        let dup = kept.iter().any(|k| {
            k.id == r.id
                || (k.kind == PlaceKind::Admin1
                    && r.kind == PlaceKind::Admin1
                    && k.country == r.country
                    && (fold(&k.name) == fold(&r.name)
                        || k.admin1.as_deref().map(fold) == r.admin1.as_deref().map(fold)))
                || (k.country == r.country
                    && k.precision == r.precision
                    && fold(&k.name) == fold(&r.name)
                    && distance_km(k.latitude, k.longitude, r.latitude, r.longitude) < 30.0)
        });
        if !dup {
            kept.push(r);
        }
        if kept.len() >= 25 {
            break;
        }
    }
    *out = kept;
}

/// "a village in the Kidal region" → the Kidal region, said so.
fn enclosing(g: &Gazetteer, full: &str, ctx: &Context, depth: usize) -> Vec<Resolution> {
    let padded = format!(" {full} ");
    let mut best: Option<(usize, &str)> = None;
    for p in PREPOSITIONS {
        if let Some(i) = padded.rfind(&format!(" {p} ")) {
            let end = i + p.len() + 2;
            if best.is_none_or(|(b, _)| end > b) {
                best = Some((end, p));
            }
        }
    }
    let Some((end, prep)) = best else {
        return Vec::new();
    };
    let rest = padded[end..].trim();
    if rest.is_empty() {
        return Vec::new();
    }
    let mut out = lookup_depth(g, rest, ctx, depth + 1);
    let head = padded[..end - prep.len() - 2].trim().to_string();
    for r in &mut out {
        if r.precision == Precision::Exact {
            r.precision = Precision::Province;
        }
        r.note = Some(format!(
            "{head:?} is not in the gazetteer: resolved to the place it is {prep}"
        ));
    }
    out
}

impl Gazetteer {
    pub(crate) fn is_stop(&self, folded: &str) -> bool {
        self.stop.contains(folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_parse() {
        let q = Query::parse("the Kidal region");
        assert_eq!((q.core.as_str(), q.pref), ("kidal", Pref::Admin1));
        let q = Query::parse("Hangu District");
        assert_eq!((q.core.as_str(), q.pref), ("hangu", Pref::Admin2));
        let q = Query::parse("north-east Mali");
        assert_eq!((q.core.as_str(), q.direction), ("mali", true));
        let q = Query::parse("the city of Gao");
        assert_eq!((q.core.as_str(), q.pref), ("gao", Pref::Populated));
        let q = Query::parse("Khyber Pakhtunkhwa province");
        assert_eq!(q.core, "khyber pakhtunkhwa");
        let q = Query::parse("Region");
        assert_eq!(q.core, "region");
    }
}
