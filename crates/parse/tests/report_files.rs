//! The one directory walker: which files under a directory are reports, in
//! which order.

use std::fs;
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "watchfloor-report-files-{name}-{}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn walks_depth_first_in_name_order_skipping_hidden_and_other_files() {
    let root = scratch("order");
    for f in [
        "b.txt",
        "a.txt",
        "a/z.md",
        "a/c/d.HTML",
        "notes.pdf",
        ".hidden/x.txt",
        "a/.draft.txt",
        "c.json",
    ] {
        let p = root.join(f);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, "text").unwrap();
    }
    let (files, errors) = watchfloor_parse::report_files(&root);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(names, ["a/c/d.HTML", "a/z.md", "a.txt", "b.txt", "c.json"]);
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_hidden_root_is_walked_and_an_empty_one_finds_nothing() {
    let root = scratch("hidden").join(".reports");
    fs::create_dir_all(&root).unwrap();
    assert!(watchfloor_parse::report_files(&root).0.is_empty());
    fs::write(root.join("r.txt"), "text").unwrap();
    assert_eq!(
        watchfloor_parse::report_files(&root).0,
        [root.join("r.txt")]
    );
    fs::remove_dir_all(root.parent().unwrap()).unwrap();
}
