//! Behaviour on a small index built from fixture files (tests/fixtures/mini)
//! with exactly the code that builds the real one, so these tests run
//! without the downloaded data and pin down folding, ranking, context,
//! stop-listing, code filtering and error reporting.

use std::path::{Path, PathBuf};
use watchfloor_gazetteer::{
    build::build_index, Context, Gazetteer, GazetteerError, PlaceKind, Precision,
};

const SUPPLEMENT: &str = "\
# test supplement
Tinzaouaten\tTinzaouatine; Tin Zaouatine; Tinzaouatène\tML\tKidal\t19.955\t2.925\tvillage\ttest row
Tin Zaouatine (Algeria)\tTinzaouatine; Tin Zaouatine\tDZ\tTamanrasset\t19.967\t2.967\tvillage\ttest row
Dasht-e Barchi\tDasht-e-Barchi; Dasht Barchi\tAF\tKabul\t34.497\t69.088\tquarter\ttest row
Sarıyer\tSariyer\tTR\tIstanbul\t41.167\t29.050\tquarter\ttest row
Hangu district\tHangu\tPK\tKhyber Pakhtunkhwa\t33.532\t71.060\tadmin2\ttest row
Paktia province\tPaktia; Paktiya\tAF\tPaktia\t33.6\t69.25\tadmin1\ttest row
";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

fn load() -> Gazetteer {
    let bytes = build_index(&fixture_dir()).expect("fixture index builds");
    Gazetteer::from_index_bytes(
        bytes,
        Path::new("mini.idx"),
        ("test-supplement.tsv", SUPPLEMENT),
    )
    .expect("loads")
}

fn top(g: &Gazetteer, name: &str, ctx: &Context) -> (String, String, PlaceKind) {
    let r = g.lookup(name, ctx);
    let b = r.first().unwrap_or_else(|| panic!("{name}: nothing found"));
    (b.name.clone(), b.country.clone(), b.kind)
}

#[test]
fn folding_case_diacritics_and_scripts() {
    let g = load();
    let none = Context::default();
    for q in ["Ségou", "segou", "SEGOU", "Segou"] {
        assert_eq!(top(&g, q, &none).1, "ML", "{q}");
    }
    assert_eq!(top(&g, "Кидаль", &none).0, "Kidal");
    assert_eq!(top(&g, "كابل", &none).0, "Kabul");
    assert_eq!(top(&g, "Sarıyer", &none).0, "Sarıyer");
    assert_eq!(top(&g, "sariyer", &none).0, "Sarıyer");
    assert_eq!(top(&g, "Dasht Barchi", &none).0, "Dasht-e Barchi");
    assert_eq!(top(&g, "dasht-e-barchi", &none).0, "Dasht-e Barchi");
}

#[test]
fn transliteration_variants_and_fuzzy() {
    let g = load();
    let ml = Context::country("ML");
    for q in [
        "Tinzaouatine",
        "Tin Zaouatine",
        "Tinzaouatène",
        "Tinzawatene",
        "Tin-Zaouaten",
    ] {
        assert_eq!(
            top(&g, q, &ml),
            ("Tinzaouaten".into(), "ML".into(), PlaceKind::Populated),
            "{q}"
        );
    }
    assert_eq!(top(&g, "Paktiya", &Context::default()).2, PlaceKind::Admin1);
    let r = g.lookup("Peshawer", &Context::default());
    assert_eq!(r[0].name, "Peshawar");
    assert!(r[0].note.is_some(), "an inexact match says so");
    // A consonant typo defeats the skeleton; edit distance still finds it.
    let r = g.lookup("Peshawat", &Context::default());
    assert_eq!(r[0].name, "Peshawar");
    assert!(
        r[0].note.as_deref().unwrap().contains("check the spelling"),
        "{:?}",
        r[0]
    );
    assert!(g.lookup("Zzzzzzzz", &Context::default()).is_empty());
}

#[test]
fn codes_and_stop_listed_words_are_not_places() {
    let g = load();
    let none = Context::default();
    // GAO is Guantánamo's airport code: never indexed.
    assert!(g.lookup("Gao", &none).iter().all(|r| r.country != "CU"));
    assert!(g.lookup("Hamas", &none).is_empty());
    assert!(g.lookup("Police", &none).is_empty());
    let text = "Police said Hamas and JNIM fighters attacked Gao on Sunday.";
    let m = g.find_mentions(text);
    let surfaces: Vec<&str> = m.iter().map(|m| m.surface.as_str()).collect();
    assert_eq!(surfaces, ["Gao"]);
    assert_eq!(&text[m[0].span.start..m[0].span.end], "Gao");
    assert!(m[0].candidates.iter().all(|c| c.country != "CU"));
}

#[test]
fn context_then_population_disambiguates() {
    let g = load();
    assert_eq!(top(&g, "Hangu", &Context::country("CN")).1, "CN");
    assert_eq!(
        top(&g, "Hangu", &Context::country("PK")),
        ("Hangu".into(), "PK".into(), PlaceKind::Populated)
    );
    assert_eq!(top(&g, "Punjab", &Context::country("PK")).1, "PK");
    assert_eq!(top(&g, "Punjab", &Context::country("IN")).1, "IN");
    assert_eq!(top(&g, "Tinzaouatine", &Context::country("DZ")).1, "DZ");
    let admin = Context {
        countries: vec![],
        admin1: vec![("ML".into(), "Kidal".into(), 1.0)],
    };
    assert_eq!(top(&g, "Tinzaouatine", &admin).1, "ML");
    assert_eq!(top(&g, "Gao", &Context::default()).1, "ML");
    assert_eq!(top(&g, "Gao", &Context::country("BF")).1, "BF");
}

#[test]
fn phrases_resolve_to_divisions_and_countries() {
    let g = load();
    let none = Context::default();
    let r = &g.lookup("the Kidal region", &none)[0];
    assert_eq!(
        (r.kind, r.precision, r.country.as_str()),
        (PlaceKind::Admin1, Precision::Province, "ML")
    );
    let r = &g.lookup("Hangu district", &none)[0];
    assert_eq!(
        (r.kind, r.precision, r.country.as_str()),
        (PlaceKind::Admin2, Precision::Province, "PK")
    );
    let r = &g.lookup("north-east Mali", &none)[0];
    assert_eq!(
        (r.kind, r.precision),
        (PlaceKind::Country, Precision::Country)
    );
    let r = &g.lookup("a village in the Kidal region", &none)[0];
    assert_eq!((r.kind, r.name.as_str()), (PlaceKind::Admin1, "Kidal"));
    assert!(r.note.is_some());
    let r = &g.lookup("a checkpoint near Peshawar", &none)[0];
    assert_eq!(
        (r.name.as_str(), r.precision),
        ("Peshawar", Precision::Province)
    );
    // Hierarchy: place -> province -> country.
    let r = &g.lookup("Peshawar", &none)[0];
    assert_eq!(
        (r.admin1.as_deref(), r.country.as_str()),
        (Some("Khyber Pakhtunkhwa"), "PK")
    );
    assert_eq!(
        g.admin1("PK", "Balochistan province").unwrap().name,
        "Balochistan"
    );
    assert!(g.admin1("ML", "Balochistan").is_none());
}

#[test]
fn countries_and_aliases() {
    let g = load();
    assert_eq!(g.country_by_name("Türkiye").unwrap().iso2, "TR");
    assert_eq!(g.country_by_name("turkey").unwrap().iso2, "TR");
    assert_eq!(g.country_by_name("Cote d'Ivoire").unwrap().iso2, "CI");
    assert_eq!(g.country_by_name("Burkina").unwrap().iso2, "BF");
    assert_eq!(g.country("pk").unwrap().capital, "Islamabad");
    assert!(g.country_by_name("Atlantis").is_none());
    assert_eq!(g.country_by_demonym("Malian").unwrap().iso2, "ML");
}

#[test]
fn mentions_spans_longest_match_and_generic_words() {
    let g = load();
    let text = "Clashes hit Dasht-e-Barchi in Kabul, the Kidal region and north-east Mali. \
                In Peshawar, police found Mary Smith. Tin Zaouatine fell; the DRC and US reacted, us too.";
    let m = g.find_mentions(text);
    let got: Vec<(&str, &str)> = m
        .iter()
        .map(|m| (m.surface.as_str(), &text[m.span.start..m.span.end]))
        .collect();
    for (surface, slice) in &got {
        assert_eq!(surface, slice);
    }
    let surfaces: Vec<&str> = got.iter().map(|g| g.0).collect();
    assert_eq!(
        surfaces,
        [
            "Dasht-e-Barchi",
            "Kabul",
            "Kidal region",
            "north-east Mali",
            "Peshawar",
            "Tin Zaouatine",
            "US"
        ],
        "{m:#?}"
    );
    let kidal = &m[2];
    assert!(kidal.candidates.iter().any(|c| c.kind == PlaceKind::Admin1));
    let ctx = Context::from_mentions(&m);
    assert!(ctx.countries.iter().any(|(c, _)| c == "ML"));
    let tz = g.rank(&m[5].candidates, &ctx);
    assert_eq!(
        tz[0].country, "ML",
        "Kidal region and Mali in the text favour the Malian town"
    );
}

#[test]
fn malformed_rows_are_reported_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("wf-gaz-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["admin1.tsv", "countries.tsv"] {
        std::fs::copy(fixture_dir().join(f), dir.join(f)).unwrap();
    }
    std::fs::write(
        dir.join("places.tsv"),
        "1\tKidal\tML\t10\t18.44\t1.41\t40000\t\n2\tGao\tML\t09\tnorth\t-0.04\t1\t\n",
    )
    .unwrap();
    let e = build_index(&dir).unwrap_err().to_string();
    assert!(e.contains("places.tsv:2") && e.contains("latitude"), "{e}");
    std::fs::write(dir.join("places.tsv"), "1\tKidal\tML\t10\t18.44\n").unwrap();
    let e = build_index(&dir).unwrap_err().to_string();
    assert!(
        e.contains("places.tsv:1") && e.contains("expected 8"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).ok();

    let bytes = build_index(&fixture_dir()).unwrap();
    let bad_sup = "# ok\nGood\t\tML\t\t1\t1\tvillage\tx\nBad\t\tML\t\t1\t200\tvillage\tx\n";
    let e = Gazetteer::from_index_bytes(bytes.clone(), Path::new("mini.idx"), ("sup.tsv", bad_sup))
        .unwrap_err();
    assert!(matches!(e, GazetteerError::Data { line: 3, .. }), "{e}");
    assert!(e.to_string().starts_with("sup.tsv:3:"), "{e}");
    let unknown = "Somewhere\t\tXX\t\t1\t1\tvillage\tx\n";
    let e = Gazetteer::from_index_bytes(bytes, Path::new("mini.idx"), ("sup.tsv", unknown))
        .unwrap_err();
    assert!(
        e.to_string().contains("sup.tsv:1") && e.to_string().contains("XX"),
        "{e}"
    );
}

#[test]
fn damaged_or_missing_index_is_an_error_not_a_panic() {
    let bytes = build_index(&fixture_dir()).unwrap();
    for cut in [0, 7, 16, 40, bytes.len() / 2, bytes.len() - 1] {
        let r = Gazetteer::from_index_bytes(bytes[..cut].to_vec(), Path::new("x.idx"), ("s", ""));
        assert!(r.is_err(), "truncated at {cut}");
    }
    let mut wrong_version = bytes.clone();
    wrong_version[8] ^= 0xff;
    let e = Gazetteer::from_index_bytes(wrong_version, Path::new("x.idx"), ("s", ""))
        .unwrap_err()
        .to_string();
    assert!(e.contains("fetch-data.sh"), "{e}");
    let e = Gazetteer::load_from(Path::new("/nonexistent/watchfloor"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("scripts/fetch-data.sh") && e.contains("gazetteer.idx"),
        "{e}"
    );
}

#[test]
fn country_names_win_and_ambiguous_mentions_do_not_vote() {
    let g = load();
    let text = "Niger's junta met Nigerian and US envoys. Niger, Benin and China were named. \
                The US said the US and the US embassy in Niger were safe.";
    let m = g.find_mentions(text);
    let ctx = Context::from_mentions(&m);
    let niger: Vec<_> = m.iter().filter(|m| m.surface == "Niger").collect();
    assert_eq!(
        niger.len(),
        3,
        "possessive \"Niger's\" is found as Niger: {m:#?}"
    );
    for n in niger {
        let best = &g.rank(&n.candidates, &ctx)[0];
        assert_eq!(
            (best.country.as_str(), best.kind),
            ("NE", PlaceKind::Country),
            "{n:?}"
        );
    }
    for name in ["Benin", "China"] {
        let mm = m.iter().find(|m| m.surface == name).unwrap();
        let best = &g.rank(&mm.candidates, &ctx)[0];
        assert_eq!(
            best.kind,
            PlaceKind::Country,
            "{name} is the country despite the US context: {best:?}"
        );
    }
    // "Niger" (country or Nigerian state) is ambiguous and casts no vote.
    assert!(!ctx.countries.iter().any(|(c, _)| c == "NG"), "{ctx:?}");
    assert!(
        ctx.countries.iter().any(|(c, w)| c == "US" && *w >= 3.0),
        "{ctx:?}"
    );
    // A country before a generic word is not a division ("US embassy" is
    // not generic, "Niger State" is).
    let m = g.find_mentions("Gunmen raided villages in Niger State.");
    assert_eq!(m[0].surface, "Niger State");
    assert_eq!(
        g.rank(&m[0].candidates, &Context::default())[0].kind,
        PlaceKind::Admin1
    );
}

#[test]
fn arbitrary_text_never_panics_and_spans_are_exact() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Gazetteer>();
    let g = load();
    // Deterministic pseudo-random texts over a palette of awkward pieces:
    // combining marks, right-to-left script, apostrophes and hyphens at
    // word edges, URLs, capitals, newlines, emoji.
    let palette = [
        "Kabul",
        "kabul",
        "Ségou",
        "Se\u{301}gou",
        "’",
        "'",
        "-",
        "‑",
        " ",
        "  ",
        "\n",
        ".",
        ",",
        "Dasht",
        "e",
        "Barchi",
        "كابل",
        "Кидаль",
        "🙂",
        "https://x.org/Kabul",
        "Niger",
        "'s",
        "State",
        "region",
        "north",
        "AL",
        "al",
        "Tin",
        "\u{301}",
        "Zaouatine",
        "Gao",
        "GAO",
        "US",
        "the",
        "Hamas",
        "Peshawar",
        "district",
        "ı",
        "İ",
        "ß",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 12) as usize;
        let mut s = seed;
        for _ in 0..len {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(palette[(s >> 33) as usize % palette.len()]);
        }
        for m in g.find_mentions(&text) {
            assert_eq!(
                text.get(m.span.start..m.span.end),
                Some(m.surface.as_str()),
                "{text:?}"
            );
            assert!(!m.candidates.is_empty());
        }
        let _ = g.lookup(&text, &Context::default());
        let _ = g.admin1("ML", &text);
        let _ = g.country_by_name(&text);
    }
}
