//! Bad input gives clear errors naming the file (and line); never a panic.

mod common;
use common::fixture;
use std::fs;
use watchfloor_parse::{parse_bytes, parse_html, parse_path, parse_text, MAX_FILE_BYTES};

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("watchfloor-parse-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn empty_and_blank_files() {
    for input in ["", "  \n\n\t \n"] {
        let e = parse_bytes(input.as_bytes(), "empty.txt").unwrap_err();
        assert_eq!(e.file, "empty.txt");
        assert!(e.message.contains("empty"), "{e}");
    }
}

#[test]
fn binary_file_names_the_line() {
    let mut b = b"Title line\nsecond\n".to_vec();
    b.extend_from_slice(&[0, 1, 2, 255]);
    let e = parse_bytes(&b, "photo.txt").unwrap_err();
    assert_eq!(e.line, Some(3));
    assert!(e.to_string().starts_with("photo.txt:3: "), "{e}");
    assert!(e.message.contains("binary"));
}

#[test]
fn invalid_utf8_names_line_and_byte() {
    let b = b"Title\n\nCaption\n\xe9t\xe9\n".to_vec();
    let e = parse_bytes(&b, "latin1.txt").unwrap_err();
    assert_eq!(e.line, Some(4));
    assert!(
        e.message.contains("UTF-8") && e.message.contains("byte 15"),
        "{e}"
    );
}

#[test]
fn malformed_json_names_line() {
    let e = parse_bytes(b"[\n  {\"title\": }\n]", "r.json").unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("watchfloor parse --format json"), "{e}");
}

#[test]
fn one_huge_line_is_read_in_bounded_parts_and_nothing_is_lost() {
    // 20 MB on one line (the ingest bench measures 100 MB). It used to be one
    // report titled by the whole line, which every event then copied.
    let mut s = String::with_capacity(20 << 20);
    while s.len() < 20 << 20 {
        s.push_str("word “quoted,” (paren [i] http://x.org/a. ");
    }
    let reports = parse_text(&s, "huge.txt");
    assert!(reports.len() >= 20, "{} parts", reports.len());
    let mut covered = 0;
    for r in &reports {
        assert!(r.title.len() <= 300, "title of {} bytes", r.title.len());
        assert!(
            r.span.len() <= (1 << 20) + (64 << 10),
            "part of {} bytes",
            r.span.len()
        );
        for p in &r.paragraphs {
            assert!(p.text.len() <= 64 << 10);
            assert_eq!(&s[p.span.start..p.span.end], p.text);
            covered += p.text.len();
        }
    }
    // Every byte but the spaces between pieces is in some paragraph.
    let pieces: usize = reports.iter().map(|r| r.paragraphs.len()).sum();
    assert_eq!(covered + pieces - 1, s.trim().len());
    assert!(reports[1..]
        .iter()
        .all(|r| r.warnings.iter().any(|w| w.contains("read in parts"))));
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let depth = 200_000;
    let mut s = String::from("<h1>Deep Report Title Here</h1>");
    s.push_str(&"<div>".repeat(depth));
    s.push_str("<p>Caption inside many divs.</p>");
    s.push_str(&"</div>".repeat(depth));
    s.push_str(&"<b><i>".repeat(depth));
    let r = parse_html(&s, "deep.html").unwrap();
    assert_eq!(r[0].title, "Deep Report Title Here");
    // No caption without markup evidence: the paragraph is the story.
    assert_eq!(r[0].paragraphs[0].text, "Caption inside many divs.");
}

#[test]
fn directory_walk_reports_each_file_and_keeps_going() {
    let d = tempdir("dir");
    fs::create_dir_all(d.join("sub/deeper")).unwrap();
    fs::write(d.join("a.txt"), fixture("two-reports.txt")).unwrap();
    fs::write(d.join("sub/b.md"), fixture("river-raids.md")).unwrap();
    fs::write(d.join("sub/deeper/c.html"), fixture("river-raids.html")).unwrap();
    fs::write(d.join("sub/bad.txt"), b"\xff\xfe\x00garbage").unwrap();
    fs::write(d.join("ignored.pdf"), b"%PDF").unwrap();
    let results = parse_path(&d);
    assert_eq!(results.len(), 4, "{results:?}");
    let ok: usize = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(Vec::len)
        .sum();
    assert_eq!(ok, 4, "2 + 1 + 1 reports");
    let errs: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].file.ends_with("bad.txt"));
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn missing_path_and_oversized_file() {
    let e = parse_path(std::path::Path::new("/no/such/report.txt"));
    assert!(e[0].as_ref().unwrap_err().message.contains("cannot read"));

    // A sparse file just over the cap: refused from its size, without reading it.
    let d = tempdir("big");
    let p = d.join("big.txt");
    let f = fs::File::create(&p).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    let r = parse_path(&p);
    let e = r[0].as_ref().unwrap_err();
    assert!(
        e.message.contains("limit") && e.message.contains("split"),
        "{e}"
    );
    let _ = fs::remove_dir_all(&d);
}
