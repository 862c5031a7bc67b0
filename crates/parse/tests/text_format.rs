//! The plain-text format, on fixtures written for these tests.

mod common;
use common::{assert_exact_spans, fixture};
use watchfloor_parse::parse_text;

#[test]
fn reports_are_found_from_structure() {
    let f = fixture("two-reports.txt");
    let r = parse_text(&f, "two-reports.txt");
    let titles: Vec<_> = r.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Militia Raids Disrupt River Trade in the Upper Basin",
            "Border Guards Clash With Smugglers in the Eastern Highlands"
        ]
    );
    assert!(r.iter().all(|r| r.file == "two-reports.txt"));
    assert!(r[0].span.end < r[1].span.start);
    assert_exact_spans(&f, &r);
}

#[test]
fn front_matter_summary_and_commentary() {
    let f = fixture("two-reports.txt");
    let r = &parse_text(&f, "t.txt")[0];
    assert_eq!(
        r.image_caption.as_ref().unwrap().text,
        "Barges moored at a river port during the dry season."
    );
    assert!(r
        .quote
        .as_ref()
        .unwrap()
        .text
        .starts_with("“The boats no longer"));
    assert_eq!(r.summary.len(), 1);
    assert!(
        r.summary[0].text.starts_with("Armed groups operating"),
        "the `Summary:` label is not part of the text"
    );
    assert_eq!(r.paragraphs.len(), 2);
    let refs: Vec<_> = r
        .paragraphs
        .iter()
        .flat_map(|p| &p.note_refs)
        .map(|n| (n.marker.as_str(), n.note))
        .collect();
    assert_eq!(refs, [("i", Some(0)), ("ii", Some(1))]);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn citations_split_into_parts() {
    let f = fixture("two-reports.txt");
    let r = &parse_text(&f, "t.txt")[0];
    assert_eq!(r.sources.len(), 2);
    let s = &r.sources[0];
    assert_eq!(s.authors, ["Marta Quiroga", "Luis Benítez"]);
    assert_eq!(
        s.original_title.as_deref(),
        Some("Asaltan dos barcazas cerca de Puerto Salinas")
    );
    assert_eq!(
        s.translated_title.as_deref(),
        Some("Two barges raided near Puerto Salinas")
    );
    assert_eq!(s.outlet.as_deref(), Some("El Heraldo Fluvial"));
    assert_eq!(
        s.outlet_description.as_deref(),
        Some("regional daily newspaper")
    );
    assert_eq!(s.date.unwrap().to_string(), "2023-03-15");
    // The URL stands on the line after the citation.
    assert_eq!(
        s.url.as_deref(),
        Some("https://example.org/heraldo/asaltan-dos-barcazas")
    );
    assert_eq!(
        s.excerpt.len(),
        2,
        "a quoted excerpt paragraph is not a citation"
    );
    assert!(s.excerpt[1].text.starts_with("“We had no escort"));

    // A second citation introduced with `Source:` inside `Sources:`, US-style date.
    let s = &r.sources[1];
    assert_eq!(s.outlet.as_deref(), Some("Gazeta do Norte"));
    assert_eq!(s.date.unwrap().to_string(), "2023-04-07");
    assert_eq!(s.language.as_deref(), Some("pt"));
    assert_eq!(s.script.as_deref(), Some("Latin"));
    assert_eq!(s.excerpt.len(), 1);
}

#[test]
fn citation_broken_over_a_blank_line_and_access_dates() {
    let f = fixture("two-reports.txt");
    let r = &parse_text(&f, "t.txt")[1];
    assert_eq!(r.sources.len(), 2);
    assert_eq!(r.sources[0].script.as_deref(), Some("Cyrillic"));
    let s = &r.sources[1];
    assert_eq!(s.authors, ["Imran Siddiqui"]);
    assert_eq!(
        s.original_title.as_deref(),
        Some("سرحد پر اسمگلروں کے ساتھ جھڑپ")
    );
    assert_eq!(
        s.translated_title.as_deref(),
        Some("Clash with smugglers on the border")
    );
    assert_eq!(s.language.as_deref(), Some("ur"));
    assert_eq!(s.date.unwrap().to_string(), "2024-02-06");
    assert!(s.date_is_access);
    assert!(
        s.citation.text.contains("\n\n"),
        "the citation spans both paragraphs"
    );
    assert_eq!(s.excerpt.len(), 1);
}

#[test]
fn insight_summary_before_sources_and_images_without_heading() {
    let f = fixture("two-reports.txt");
    let r = &parse_text(&f, "t.txt")[1];
    assert!(r.image_caption.is_some() && r.quote.is_some());
    assert_eq!(r.summary.len(), 1);
    assert!(r.summary[0]
        .text
        .starts_with("Clashes between border guards"));
    assert_eq!(r.images.len(), 1);
    let img = &r.images[0];
    assert_eq!(
        img.caption.as_deref(),
        Some("A mountain pass on the eastern border in winter.")
    );
    // `Attribution:` on the `Source:` line.
    assert_eq!(
        img.source_url.as_deref(),
        Some("https://example.org/images/pass.jpg")
    );
    assert_eq!(img.attribution.as_deref(), Some("Public Domain"));
}

#[test]
fn notes_carry_urls_and_continue_over_blank_lines() {
    let f = fixture("two-reports.txt");
    let r = parse_text(&f, "t.txt");
    let notes = &r[0].notes;
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].marker, "i");
    assert_eq!(
        notes[0].urls,
        ["https://example.org/ibs/river-peace-accord"]
    );
    assert_eq!(notes[1].marker, "ii");
    assert!(
        notes[1].text.contains("Checkpoints on the Water"),
        "the note goes on after a blank line"
    );
    assert_eq!(notes[1].urls, ["https://example.org/delta/checkpoints"]);
    // An indented marker still starts a note.
    assert_eq!(r[1].notes.len(), 1);
    assert_eq!(r[1].notes[0].marker, "i");
    assert_eq!(r[0].images[0].attribution.as_deref(), Some("CC BY 4.0"));
}

#[test]
fn a_report_missing_sections_is_kept_with_warnings() {
    let f = "Port Strike Ends After Two Weeks\n\nDockworkers at the harbour gate.\n\n“We went back because we were promised talks.”\n\nThe strike at the port ended on Monday.\n";
    let r = parse_text(f, "strike.txt");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].paragraphs.len(), 1);
    assert!(r[0].sources.is_empty());
    assert!(
        r[0].warnings.iter().any(|w| w.contains("Sources")),
        "{:?}",
        r[0].warnings
    );
    assert_exact_spans(f, &r);
}

#[test]
fn dangling_note_marker_is_warned_about() {
    let f = "Title Of A Short Report\n\nCaption here.\n\n“Quote.”\n\nText with a marker.[iii]\n\nNotes:\n\n[i] Only one note.\n";
    let r = &parse_text(f, "x.txt")[0];
    assert_eq!(r.paragraphs[0].note_refs[0].note, None);
    assert!(
        r.warnings.iter().any(|w| w.contains("[iii]")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn crlf_line_endings_and_nbsp_blank_lines() {
    let f =
        fixture("two-reports.txt")
            .replace('\n', "\r\n")
            .replacen("\r\n\r\n", "\r\n\u{a0}\r\n", 3);
    let r = parse_text(&f, "crlf.txt");
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].sources.len(), 2);
    assert_eq!(r[1].sources.len(), 2);
    assert_eq!(
        r[0].sources[0].url.as_deref(),
        Some("https://example.org/heraldo/asaltan-dos-barcazas")
    );
    assert_exact_spans(&f, &r);
}

#[test]
fn run_together_sections_and_a_report_without_caption() {
    let f = fixture("irregular.txt");
    let r = parse_text(&f, "irregular.txt");
    assert_exact_spans(&f, &r);
    let titles: Vec<_> = r.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Can the Coast Guard Stop the Fishing Militias?",
            "Desert Road Ambush Kills Six Drivers"
        ]
    );

    let a = &r[0];
    // A quote-led paragraph after the commentary began is commentary.
    assert_eq!(a.paragraphs.len(), 2);
    assert!(a.paragraphs[1].text.starts_with("“The shoal belongs"));
    // `Sources:` with the citation on the same line, its URL on the next and the
    // excerpt straight after, with no blank lines between.
    let s = &a.sources[0];
    assert_eq!(
        s.original_title.as_deref(),
        Some("海上民兵船队再次出现在争议浅滩")
    );
    assert_eq!(s.language.as_deref(), Some("zh"));
    assert_eq!(s.url.as_deref(), Some("https://example.org/haixia/shoal"));
    assert_eq!(s.excerpt.len(), 2);
    assert!(s.excerpt[0].text.starts_with("The fleet was first seen"));
    let s = &a.sources[1];
    assert_eq!(s.language.as_deref(), Some("ko"));
    assert_eq!(s.date.unwrap().to_string(), "2024-05", "month precision");
    // Notes on consecutive lines; a note without a URL.
    assert_eq!(a.notes.len(), 2);
    assert!(a.notes[1].urls.is_empty());
    // Two images under one heading, the second without attribution.
    assert_eq!(a.images.len(), 2);
    assert_eq!(
        a.images[1].caption.as_deref(),
        Some("Chart of the disputed shoals.")
    );
    assert_eq!(a.images[1].attribution, None);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);

    let b = &r[1];
    assert!(b.image_caption.is_none());
    assert!(b.quote.is_some());
    assert_eq!(b.sources[0].language.as_deref(), Some("he"));
    assert!(
        b.warnings.iter().any(|w| w.contains("image caption")),
        "{:?}",
        b.warnings
    );
}

#[test]
fn many_notes_without_blank_lines_split_one_by_one() {
    let mut f =
        String::from("A Report With Very Many Notes\n\nCaption.\n\n“Quote.”\n\nBody.\n\nNotes:\n");
    for i in 0..20_000 {
        f.push_str(&format!("[i] note number {i} https://example.org/{i}\n"));
    }
    let r = parse_text(&f, "notes.txt");
    assert_eq!(r[0].notes.len(), 20_000);
    assert_eq!(r[0].notes[19_999].urls, ["https://example.org/19999"]);
    assert_exact_spans(&f, &r);
}

#[test]
fn bare_summary_heading_heads_one_block() {
    let f = "Harbour Reopens After Storm\n\nCranes at the harbour.\n\n“We lost a week.”\n\nSummary:\n\nThe harbour reopened after a week.\n\nThe storm closed the harbour on 2 May 2024.\n\nShipping resumed on 9 May 2024.\n";
    let r = &parse_text(f, "s.txt")[0];
    assert_eq!(r.summary.len(), 1);
    assert_eq!(r.summary[0].text, "The harbour reopened after a week.");
    assert_eq!(r.paragraphs.len(), 2);
}

#[test]
fn a_subheading_inside_an_excerpt_does_not_start_a_report() {
    let f = "Ferry Services Suspended on the Lake\n\nA ferry at the pier.\n\n“No ferry will sail until the wreck is raised.”\n\nFerries stopped on Monday.\n\nSources:\n\n“Les traversées suspendues (Crossings suspended),” La Voix du Lac (daily), 4 June 2024. https://example.org/lac\n\nThe Wreck Near the Harbour Entrance\n\nDivers reached it on Sunday.\n\n“We need two more weeks,” the harbour master said on Tuesday, adding that the cranes were on their way.\n";
    let r = parse_text(f, "lake.txt");
    assert_eq!(
        r.len(),
        1,
        "{:?}",
        r.iter().map(|r| &r.title).collect::<Vec<_>>()
    );
    assert_eq!(r[0].sources[0].excerpt.len(), 3);
}

#[test]
fn a_url_after_a_blank_line_completes_its_citation() {
    let f = "Wells Run Dry in the Valley\n\nA dry well.\n\n“The water table fell ten metres.”\n\nWells failed in May.\n\nSources:\n\n“Los pozos se secan en el valle (Wells run dry in the valley),” El Valle (weekly), 3 June 2024.\n\nhttps://example.org/valle/pozos\n\nFarmers dug deeper wells.\n";
    let r = parse_text(f, "valley.txt");
    let s = &r[0].sources;
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].url.as_deref(), Some("https://example.org/valle/pozos"));
    assert!(s[0].citation.text.ends_with("pozos"));
    assert_eq!(s[0].excerpt.len(), 1);
    assert_exact_spans(f, &r);
}
