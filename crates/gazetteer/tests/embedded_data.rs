//! Checks on the hand-written data embedded in the crate. These run without
//! the generated index, so a bad edit to the supplement, the country table
//! or the stop-list fails `cargo test` on any machine.

use std::collections::{HashMap, HashSet};
use watchfloor_gazetteer::data::{parse_countries, parse_stoplist, parse_supplement};
use watchfloor_gazetteer::{PlaceKind, COUNTRIES, STOPLIST, SUPPLEMENT};
use watchfloor_text::fold_for_index as fold;

#[test]
fn supplement_parses_and_covers_the_conflict_zones() {
    let rows = parse_supplement("data/places-supplement.tsv", SUPPLEMENT).unwrap();
    assert!(rows.len() >= 400, "only {} supplement rows", rows.len());
    let mut per_country: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        *per_country.entry(r.country.as_str()).or_default() += 1;
    }
    // The Sahel, Lake Chad, the Horn, the Great Lakes, Mozambique, Yemen,
    // Syria and Iraq, Afghanistan and Pakistan, Myanmar, Colombia, Mexico.
    for cc in [
        "ML", "BF", "NE", "NG", "TD", "CM", "SO", "ET", "KE", "SD", "CD", "MZ", "YE", "SY", "IQ",
        "AF", "PK", "MM", "CO", "MX", "PS", "LB",
    ] {
        assert!(
            per_country.get(cc).copied().unwrap_or(0) >= 5,
            "{cc}: {:?} rows",
            per_country.get(cc)
        );
    }
}

#[test]
fn supplement_rows_are_unique_and_sourced() {
    let rows = parse_supplement("data/places-supplement.tsv", SUPPLEMENT).unwrap();
    let mut seen = HashSet::new();
    for r in &rows {
        assert!(
            seen.insert((fold(&r.name), r.country.clone(), r.kind)),
            "duplicate row {} ({})",
            r.name,
            r.country
        );
        assert!(!r.source.is_empty());
        // Divisions and places carry their first-level division for the hierarchy.
        assert!(
            r.admin1.is_some() || r.kind == PlaceKind::Admin1,
            "{} has no admin1",
            r.name
        );
    }
}

#[test]
fn names_reports_need_are_in_the_supplement() {
    let rows = parse_supplement("data/places-supplement.tsv", SUPPLEMENT).unwrap();
    let names: HashSet<String> = rows
        .iter()
        .flat_map(|r| std::iter::once(&r.name).chain(r.alternates.iter()))
        .map(|n| fold(n))
        .collect();
    for n in [
        "Tinzaouaten",
        "Tinzaouatine",
        "Mansila",
        "Diafarabé",
        "Dasht-e Barchi",
        "Sarıyer",
        "Doaba",
        "Hangu district",
        "Crocus City Hall",
        "Krasnogorsk",
        "Mastung",
        "Zhob",
        "Dera Bugti",
        "Gwadar",
        "Dera Ismail Khan",
    ] {
        assert!(names.contains(&fold(n)), "{n} missing from the supplement");
    }
}

#[test]
fn stoplist_and_places_do_not_collide() {
    let stop: HashSet<String> = parse_stoplist(STOPLIST).into_iter().collect();
    assert!(stop.contains("hamas") && stop.contains("sunday") && stop.contains("police"));
    let rows = parse_supplement("data/places-supplement.tsv", SUPPLEMENT).unwrap();
    for r in &rows {
        assert!(
            !stop.contains(&fold(&r.name)),
            "supplement place {} is stop-listed",
            r.name
        );
    }
    let countries = parse_countries("data/countries.tsv", COUNTRIES).unwrap();
    for c in &countries {
        for a in c.aliases.iter().chain(c.name.iter()) {
            assert!(!stop.contains(&fold(a)), "country alias {a} is stop-listed");
        }
    }
}

#[test]
fn country_table_has_the_aliases_reports_use() {
    let rows = parse_countries("data/countries.tsv", COUNTRIES).unwrap();
    let by_alias: HashMap<String, &str> = rows
        .iter()
        .flat_map(|r| {
            r.aliases
                .iter()
                .chain(r.name.iter())
                .map(move |a| (fold(a), r.iso2.as_str()))
        })
        .collect();
    for (alias, iso) in [
        ("Türkiye", "TR"),
        ("Ivory Coast", "CI"),
        ("Burma", "MM"),
        ("DRC", "CD"),
        ("Burkina", "BF"),
    ] {
        assert_eq!(by_alias.get(&fold(alias)).copied(), Some(iso), "{alias}");
    }
    let isos: HashSet<&str> = rows.iter().map(|r| r.iso2.as_str()).collect();
    assert_eq!(
        isos.len(),
        rows.len(),
        "a country appears twice in countries.tsv"
    );
}
