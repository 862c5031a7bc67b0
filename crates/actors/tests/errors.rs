//! Bad catalogue data is reported with its file, line and a remedy.

use watchfloor_actors::{Catalogue, CatalogueBuilder, CatalogueError};

fn err(toml: &str) -> CatalogueError {
    match Catalogue::from_toml(toml, "test.toml") {
        Ok(_) => panic!("loaded:\n{toml}"),
        Err(e) => e,
    }
}

const GOOD: &str = r#"
[[actor]]
id = "alpha"
name = "Alpha Front"
kind = "rebel"
aliases = ["AF-1", "Alpha"]

[[actor]]
id = "beta"
name = "Beta Brigade"
kind = "islamist"
affiliation = "alpha"
"#;

#[test]
fn a_small_catalogue_loads_and_finds() {
    let c = Catalogue::from_toml(GOOD, "test.toml").unwrap();
    assert_eq!(c.actors().len(), 2);
    let b = c.get("beta").unwrap();
    assert_eq!(b.inter, 2, "default inter of an islamist group");
    assert_eq!(b.affiliation.as_deref(), Some("alpha"));
    let m = c.find_mentions("The alpha and the Beta Brigade met AF-1.");
    assert_eq!(
        m.iter()
            .map(|m| m.actor.as_deref().unwrap())
            .collect::<Vec<_>>(),
        ["alpha", "beta", "alpha"]
    );
}

#[test]
fn malformed_entry_names_its_line() {
    let e =
        err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\naliases = \"not a list\"\n");
    assert!(matches!(e, CatalogueError::Syntax { .. }), "{e}");
    assert_eq!(e.location().line, 5, "{e}");
    assert!(e.to_string().starts_with("test.toml:5:"), "{e}");

    let e = err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"freedom fighters\"\n");
    assert_eq!(e.location().line, 4, "{e}");
    assert!(
        e.to_string().contains("rebel"),
        "lists the valid kinds: {e}"
    );

    let e = err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\n\n[[actor]]\nid = \"y\"\nkind = \"rebel\"\n");
    assert!(e.to_string().contains("missing field `name`"), "{e}");
    assert_eq!(e.location().line, 6, "the entry's header: {e}");

    let e = err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\nallies = [\"y\"]\n");
    assert!(e.to_string().contains("allies"), "unknown field named: {e}");

    let e = err("[[actor]\nid = 1");
    assert_eq!(e.location().line, 1, "{e}");
}

#[test]
fn duplicate_alias_across_actors_is_an_error() {
    let toml = format!("{GOOD}\n[[actor]]\nid = \"gamma\"\nname = \"Gamma\"\nkind = \"rebel\"\naliases = [\"alpha\"]\n");
    let e = err(&toml);
    match &e {
        CatalogueError::DuplicateAlias {
            at,
            other_at,
            id,
            other,
            ..
        } => {
            assert_eq!((id.as_str(), other.as_str()), ("gamma", "alpha"));
            assert_eq!(at.line, 18);
            assert_eq!(other_at.line, 6);
        }
        _ => panic!("{e}"),
    }
    assert!(
        e.to_string().contains("shared_aliases"),
        "says how to fix it: {e}"
    );
}

#[test]
fn shared_alias_is_allowed_and_owner_comes_first() {
    let toml = format!("{GOOD}\n[[actor]]\nid = \"gamma\"\nname = \"Gamma\"\nkind = \"rebel\"\nshared_aliases = [\"Alpha\"]\n");
    let c = Catalogue::from_toml(&toml, "t").unwrap();
    let ids: Vec<_> = c.lookup("alpha").iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids, ["alpha", "gamma"]);
    assert_eq!(c.find_mentions("Alpha")[0].actor.as_deref(), Some("alpha"));
}

#[test]
fn acronyms_differing_in_case_are_different_names() {
    let toml = "[[actor]]\nid = \"a\"\nname = \"A group\"\nkind = \"rebel\"\naliases = [\"JeM\"]\n\
                [[actor]]\nid = \"b\"\nname = \"B group\"\nkind = \"rebel\"\naliases = [\"JEM\"]\n";
    let c = Catalogue::from_toml(toml, "t").unwrap();
    assert_eq!(c.find_mentions("JeM")[0].actor.as_deref(), Some("a"));
    assert_eq!(c.find_mentions("JEM")[0].actor.as_deref(), Some("b"));
}

#[test]
fn bad_references_and_codes() {
    let e =
        err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\naffiliation = \"nobody\"\n");
    assert!(
        matches!(e, CatalogueError::Invalid { .. }) && e.location().line == 5,
        "{e}"
    );
    let e = err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\ninter = 9\n");
    assert!(
        e.to_string().contains("1 to 8") && e.location().line == 5,
        "{e}"
    );
    let e = err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\ncountries = [\"Mali\"]\n");
    assert!(
        e.to_string().contains("Mali") && e.location().line == 5,
        "{e}"
    );
    let e =
        err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\nrenamed_on = \"last year\"\n");
    assert_eq!(e.location().line, 5, "{e}");
    let e = err("[[actor]]\nid = \"Bad Id\"\nname = \"X\"\nkind = \"rebel\"\n");
    assert!(e.to_string().contains("slug"), "{e}");
    let e = err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\n[[actor]]\nid = \"x\"\nname = \"Y\"\nkind = \"rebel\"\n");
    match e {
        CatalogueError::DuplicateId { at, first, .. } => assert_eq!((at.line, first.line), (6, 2)),
        e => panic!("{e}"),
    }
    let e = err("[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"rebel\"\nexact_case = [\"Y\"]\n");
    assert!(
        e.to_string().contains("not one of this actor's names") && e.location().line == 5,
        "{e}"
    );
    let e = err("[[extend]]\nid = \"military-zz\"\naliases = [\"ZZ army\"]\n");
    assert!(e.to_string().contains("does not exist"), "{e}");
}

#[test]
fn demonym_table_errors_name_the_line() {
    let mut b = CatalogueBuilder::new();
    let e = b
        .demonyms("# comment\nML\tMali\tMalian\n", "dem.tsv")
        .err()
        .unwrap();
    assert_eq!(e.to_string(), "dem.tsv:2: expected 4 tab-separated columns (ISO2, names, adjectives, plurals), found 3; use `-` for an empty column");
    let e = CatalogueBuilder::new()
        .demonyms("mali\tMali\tMalian\t-\n", "dem.tsv")
        .err()
        .unwrap();
    assert!(e.to_string().contains("ISO 3166"), "{e}");
    // A word that names two countries would make "X army" ambiguous.
    let mut b = CatalogueBuilder::new();
    b.demonyms(
        "CD\tDR Congo\tCongolese\t-\nCG\tCongo Republic\tCongolese\t-\n",
        "dem.tsv",
    )
    .unwrap();
    let e = b.build().err().unwrap();
    assert!(
        e.to_string().contains("Congolese") && e.location().line == 2,
        "{e}"
    );
}

#[test]
fn families_are_generated_from_the_table() {
    let mut b = CatalogueBuilder::new();
    b.demonyms("ML\tMali\tMalian\tMalians\n", "dem.tsv")
        .unwrap();
    b.toml(
        "[[role]]\nrole = \"military\"\nphrases = [\"army\"]\n[[extend]]\nid = \"military-ml\"\naliases = [\"FAMa\"]\n",
        "roles.toml",
    )
    .unwrap();
    let c = b.build().unwrap();
    assert_eq!(c.actors().len(), 9, "one actor per StateRole");
    let ids: Vec<_> = c
        .find_mentions(
            "The Malian army, Mali's army, the army of Mali, FAMa, Malians and the army.",
        )
        .into_iter()
        .map(|m| {
            m.actor
                .unwrap_or_else(|| format!("{:?}", m.generic.unwrap()))
        })
        .collect();
    assert_eq!(
        ids,
        [
            "military-ml",
            "military-ml",
            "military-ml",
            "military-ml",
            "civilians-ml",
            "Military"
        ]
    );
}
