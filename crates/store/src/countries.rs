//! Countries as a person types them: ISO alpha-2 or alpha-3 codes, English
//! names, the short forms analysts use ("UK", "DRC", "Ivory Coast",
//! "Burma") and adjectives ("Malian"), with a "did you mean" for anything
//! else. Also the alpha-3 code occurrence ids start with (`MLI12`).
//!
//! Knowledge is in data: codes and names in `data/country-codes.tsv`, short
//! forms in the alias column of `data/countries.tsv` (the gazetteer's own
//! aliases, so a name that finds a place in a report finds it here too),
//! and names, adjectives and plurals from the actor catalogue
//! (`data/demonyms.tsv`).

use std::collections::HashMap;
use std::sync::OnceLock;
use watchfloor_actors::Catalogue;
use watchfloor_text::fold_for_index;

const CODES: &str = include_str!("../../../data/country-codes.tsv");
const ALIASES: &str = include_str!("../../../data/countries.tsv");

/// One country of `data/country-codes.tsv`.
#[derive(Debug, Clone)]
pub struct CountryCode {
    pub iso2: String,
    pub iso3: String,
    pub numeric: Option<u16>,
    pub name: String,
}

struct Table {
    by_iso2: HashMap<String, CountryCode>,
    by_iso3: HashMap<String, String>,
    /// Folded name or short form → alpha-2.
    by_name: HashMap<String, String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            by_iso2: HashMap::new(),
            by_iso3: HashMap::new(),
            by_name: HashMap::new(),
        };
        for line in CODES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let [iso2, iso3, numeric, name] = cols[..] else {
                continue;
            };
            t.by_iso3.insert(iso3.to_string(), iso2.to_string());
            t.by_name.insert(fold_for_index(name), iso2.to_string());
            t.by_iso2.insert(
                iso2.to_string(),
                CountryCode {
                    iso2: iso2.into(),
                    iso3: iso3.into(),
                    numeric: numeric.parse().ok(),
                    name: name.into(),
                },
            );
        }
        for line in ALIASES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(iso2) = cols.first().map(|c| c.trim()) else {
                continue;
            };
            let names = cols.get(1).into_iter().chain(cols.get(2));
            for name in names.flat_map(|c| c.split(';')) {
                let key = fold_for_index(name.trim());
                if !key.is_empty() {
                    t.by_name.entry(key).or_insert_with(|| iso2.to_string());
                }
            }
        }
        t
    })
}

/// The codes and name of the country `iso2` (any case).
pub fn country_code(iso2: &str) -> Option<&'static CountryCode> {
    table().by_iso2.get(&iso2.to_ascii_uppercase())
}

/// Every country of `data/country-codes.tsv`, in no particular order.
pub fn country_codes() -> impl Iterator<Item = &'static CountryCode> {
    table().by_iso2.values()
}

/// The prefix of an occurrence id in `iso2`: its alpha-3 code (`ML` →
/// `MLI`), else the code as given, upper-cased (`XX` for an unknown one).
pub fn id_prefix(iso2: &str) -> String {
    match country_code(iso2) {
        Some(c) => c.iso3.clone(),
        None if !iso2.trim().is_empty() => iso2.trim().to_ascii_uppercase(),
        None => "XX".into(),
    }
}

/// The ISO alpha-2 code `typed` stands for, or a message saying it names no
/// country, with the closest names when there are any.
pub fn resolve_country(catalogue: &Catalogue, typed: &str) -> Result<String, String> {
    let t = table();
    let c = typed.trim();
    let upper = c.to_ascii_uppercase();
    if c.len() == 2 && t.by_iso2.contains_key(&upper) {
        return Ok(upper);
    }
    if c.len() == 3 {
        if let Some(iso2) = t.by_iso3.get(&upper) {
            return Ok(iso2.clone());
        }
    }
    if let Some(iso2) = t.by_name.get(&fold_for_index(c)) {
        return Ok(iso2.clone());
    }
    if let Some(found) = catalogue.country_of(c) {
        return Ok(found.iso2.clone());
    }
    let mut names: Vec<(String, String)> = t
        .by_iso2
        .values()
        .map(|cc| (cc.name.clone(), cc.iso2.clone()))
        .collect();
    names.extend(
        catalogue
            .countries()
            .iter()
            .flat_map(|k| k.names.iter().map(move |n| (n.clone(), k.iso2.clone()))),
    );
    let shown: Vec<String> = crate::suggest::closest(c, names.iter().map(|(n, _)| n.as_str()), 3)
        .into_iter()
        .map(|n| {
            let iso2 = &names
                .iter()
                .find(|(m, _)| m == n)
                .expect("a suggested name")
                .1;
            format!("{n} ({iso2})")
        })
        .collect();
    let hint = crate::suggest::did_you_mean(&shown);
    Err(format!(
        "unknown country `{c}`: {hint}Give an ISO code (ML or MLI) or an English name (Mali, Ivory Coast, DRC)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_short_forms() {
        let cat = Catalogue::load_default().unwrap();
        for (typed, iso2) in [
            ("ML", "ML"),
            ("mli", "ML"),
            ("Mali", "ML"),
            ("UK", "GB"),
            ("uk", "GB"),
            ("DRC", "CD"),
            ("Ivory Coast", "CI"),
            ("Côte d'Ivoire", "CI"),
            ("Burma", "MM"),
            ("Malian", "ML"),
            ("burkina faso", "BF"),
        ] {
            assert_eq!(resolve_country(&cat, typed).as_deref(), Ok(iso2), "{typed}");
        }
        let err = resolve_country(&cat, "Malli").unwrap_err();
        assert!(err.contains("did you mean Mali (ML)"), "{err}");
        assert!(resolve_country(&cat, "XX").is_err());
        assert_eq!(id_prefix("ml"), "MLI");
        assert_eq!(id_prefix("GB"), "GBR");
    }
}
