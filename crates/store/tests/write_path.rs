//! The store's write path decides alone: whether a file's content is already
//! stored (its hash), whether links are stale, and which merge rules the
//! actor catalogue implies.

use watchfloor_store::{Camp, Error, IngestOutcome, IngestReport, MergeRules, Store};

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(dir.path().join("w.db")).unwrap()
}

fn no_reports() -> Result<Vec<Vec<IngestReport>>, Error> {
    Ok(vec![])
}

#[test]
fn content_already_stored_is_never_coded_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let rules = MergeRules::default();
    let mut coded = 0;
    let first = store
        .ingest_content("/a.txt", b"same bytes", &rules, || {
            coded += 1;
            no_reports()
        })
        .unwrap();
    assert!(matches!(first, IngestOutcome::Added(_)), "{first:?}");
    // The same content under another path: the store sees the hash, the
    // coder is not called.
    let again = store
        .ingest_content("/b.txt", b"same bytes", &rules, || {
            coded += 1;
            no_reports()
        })
        .unwrap();
    assert_eq!(
        again,
        IngestOutcome::Unchanged {
            path: "/b.txt".into(),
            stored_as: "/a.txt".into()
        }
    );
    assert_eq!(coded, 1);
    assert_eq!(store.files().unwrap().len(), 1);
}

#[test]
fn a_coding_error_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let failed = store.ingest_content("/bad.txt", b"unreadable", &MergeRules::default(), || {
        Err::<Vec<Vec<IngestReport>>, _>(StringError("cannot parse".to_string()))
    });
    assert_eq!(failed.err().map(|e| e.0).as_deref(), Some("cannot parse"));
    assert!(store.files().unwrap().is_empty());
}

impl From<Error> for StringError {
    fn from(e: Error) -> Self {
        StringError(e.to_string())
    }
}
struct StringError(String);

#[test]
fn links_are_redone_only_when_the_rules_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let rules = MergeRules::default();
    // An empty store is never stale.
    assert!(store
        .relink_if_stale(&rules, &mut |_, _| {})
        .unwrap()
        .is_none());
    let stored = store.ingest_content("/a.txt", b"a", &rules, || {
        Ok::<_, StringError>(Vec::<Vec<IngestReport>>::new())
    });
    assert!(stored.is_ok());
    assert!(store
        .relink_if_stale(&rules, &mut |_, _| {})
        .unwrap()
        .is_none());
    let wider = MergeRules {
        exact_km: rules.exact_km * 2.0,
        ..MergeRules::default()
    };
    assert!(store.links_stale(&wider).unwrap());
    let done = store.relink_if_stale(&wider, &mut |_, _| {}).unwrap();
    assert_eq!(done.map(|s| s.events), Some(0));
    assert!(!store.links_stale(&wider).unwrap());
    assert!(store
        .relink_if_stale(&wider, &mut |_, _| {})
        .unwrap()
        .is_none());
}

#[test]
fn merge_rules_come_from_the_catalogue() {
    let cat = watchfloor_actors::Catalogue::load_default().unwrap();
    let rules = MergeRules::from_catalogue(&cat);
    let jnim = cat.get("jnim").unwrap();
    let al_qaeda = cat.get("al-qaeda").unwrap();
    assert_eq!(rules.parents.get(&jnim.name), Some(&al_qaeda.name));
    assert_eq!(rules.camps.get(&jnim.name), Some(&Camp::Insurgent));
    assert!(rules
        .unnamed
        .iter()
        .any(|n| n.starts_with("Unidentified Armed Group")));
    assert!(cat
        .actors()
        .iter()
        .filter(|a| a.kind == watchfloor_actors::ActorKind::StateForce)
        .all(|a| rules.camps.get(&a.name) == Some(&Camp::State)));
    // Thresholds stay the defaults; the fingerprint is stable.
    assert_eq!(rules.exact_km, MergeRules::default().exact_km);
    assert_eq!(
        rules.fingerprint(),
        MergeRules::from_catalogue(&cat).fingerprint()
    );
}
