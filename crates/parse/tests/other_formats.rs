//! Markdown, HTML and JSON renderings.

mod common;
use common::fixture;
use watchfloor_model::{InputFormat, Report};
use watchfloor_parse::{parse_bytes, parse_html, parse_json, parse_markdown, parse_text};

/// What every rendering of the river-raids report must yield.
fn assert_river_report(r: &Report) {
    assert_eq!(
        r.title,
        "Militia Raids Disrupt River Trade in the Upper Basin"
    );
    assert_eq!(
        r.image_caption.as_ref().unwrap().text,
        "Barges moored at a river port during the dry season."
    );
    assert!(r
        .quote
        .as_ref()
        .unwrap()
        .text
        .starts_with("“The boats no longer leave"));
    assert!(
        r.summary.len() >= 2,
        "leading Summary and OE Insight Summary: {:?}",
        r.summary
    );
    assert!(r.summary[0].text.starts_with("Armed groups operating"));
    assert_eq!(r.paragraphs.len(), 2);
    let refs: Vec<_> = r
        .paragraphs
        .iter()
        .flat_map(|p| &p.note_refs)
        .map(|n| n.note)
        .collect();
    assert_eq!(refs, [Some(0), Some(1)]);
    assert_eq!(r.sources.len(), 2);
    let s = &r.sources[0];
    assert_eq!(s.authors, ["Marta Quiroga", "Luis Benítez"]);
    assert_eq!(
        s.translated_title.as_deref(),
        Some("Two barges raided near Puerto Salinas")
    );
    assert_eq!(
        s.outlet_description.as_deref(),
        Some("regional daily newspaper")
    );
    assert_eq!(s.date.unwrap().to_string(), "2023-03-15");
    assert_eq!(
        s.url.as_deref(),
        Some("https://example.org/heraldo/asaltan-dos-barcazas")
    );
    assert!(!s.excerpt.is_empty());
    // The second citation's URL is only in a link's target.
    assert_eq!(
        r.sources[1].url.as_deref(),
        Some("https://example.org/gazeta/pedagio-rio")
    );
    assert_eq!(r.sources[1].date.unwrap().to_string(), "2023-04-07");
    assert_eq!(r.notes.len(), 2);
    assert_eq!(
        r.notes[0].urls,
        ["https://example.org/ibs/river-peace-accord"]
    );
    assert_eq!(r.images.len(), 1);
    assert_eq!(
        r.images[0].source_url.as_deref(),
        Some("https://example.org/images/barges.jpg")
    );
    assert_eq!(r.images[0].attribution.as_deref(), Some("CC BY 4.0"));
}

fn assert_spans_inside(src: &str, r: &Report) {
    let all = r
        .paragraphs
        .iter()
        .map(|p| p.span)
        .chain(r.sources.iter().map(|s| s.citation.span))
        .chain(r.notes.iter().map(|n| n.span));
    for s in all {
        assert!(s.start <= s.end && s.end <= src.len());
        assert!(r.span.contains(s), "{s} not inside report span {}", r.span);
    }
}

#[test]
fn markdown_rendering() {
    let src = fixture("river-raids.md");
    let r = parse_markdown(&src, "river-raids.md");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].format, InputFormat::Markdown);
    assert_river_report(&r[0]);
    assert_spans_inside(&src, &r[0]);
    // Spans point at the element in the Markdown source.
    let t = &r[0].paragraphs[0];
    assert!(src[t.span.start..t.span.end].starts_with("Attacks on river traffic"));
}

#[test]
fn html_rendering() {
    let src = fixture("river-raids.html");
    let r = parse_html(&src, "river-raids.html").unwrap();
    assert_eq!(
        r.len(),
        1,
        "script content is not a report: {:?}",
        r.iter().map(|r| &r.title).collect::<Vec<_>>()
    );
    assert_eq!(r[0].format, InputFormat::Html);
    assert_river_report(&r[0]);
    assert_spans_inside(&src, &r[0]);
    let t = &r[0].paragraphs[0];
    assert!(src[t.span.start..t.span.end].starts_with("<p>Attacks on river traffic"));
    assert!(src[t.span.start..t.span.end].ends_with("</p>"));
}

#[test]
fn markdown_with_several_reports_and_bold_labels() {
    let src = "# First Report About Floods\n\n*Flooded street in the old town.*\n\n> “Water rose in an hour.”\n\nThe flood hit on Monday.\n\n**Sources:**\n\n“Inondations en ville (Floods in town),” Le Quotidien, 3 May 2022. https://example.org/q\n\nThe river burst its banks.\n\n# Second Report About Drought\n\n*Dry fields.*\n\n> “No rain since March.”\n\nCrops failed.\n";
    let r = parse_markdown(src, "m.md");
    assert_eq!(r.len(), 2);
    assert_eq!(
        r[0].image_caption.as_ref().unwrap().text,
        "Flooded street in the old town."
    );
    assert_eq!(r[0].sources.len(), 1);
    assert_eq!(r[0].sources[0].language.as_deref(), Some("fr"));
    assert_eq!(r[1].title, "Second Report About Drought");
    assert_eq!(r[1].quote.as_ref().unwrap().text, "“No rain since March.”");
}

#[test]
fn json_round_trips() {
    let f = fixture("two-reports.txt");
    let reports = parse_text(&f, "two-reports.txt");
    let json = serde_json::to_string(&reports).unwrap();
    assert_eq!(parse_json(&json, "r.json").unwrap(), reports);
    let one = serde_json::to_string_pretty(&reports[1]).unwrap();
    assert_eq!(
        parse_json(&one, "one.json").unwrap(),
        vec![reports[1].clone()]
    );
}

#[test]
fn json_contract_field_names() {
    let f = fixture("two-reports.txt");
    let v = serde_json::to_value(parse_text(&f, "two-reports.txt")).unwrap();
    let r = &v[0];
    for k in [
        "title",
        "file",
        "span",
        "image_caption",
        "quote",
        "summary",
        "paragraphs",
        "notes",
        "images",
        "sources",
    ] {
        assert!(r.get(k).is_some(), "missing `{k}`");
    }
    for k in ["marker", "text", "urls"] {
        assert!(r["notes"][0].get(k).is_some(), "note missing `{k}`");
    }
    for k in ["caption", "source_url", "attribution"] {
        assert!(r["images"][0].get(k).is_some(), "image missing `{k}`");
    }
    for k in [
        "authors",
        "original_title",
        "translated_title",
        "language",
        "outlet",
        "outlet_description",
        "date",
        "url",
        "excerpt",
    ] {
        assert!(r["sources"][0].get(k).is_some(), "source missing `{k}`");
    }
    assert_eq!(r["sources"][0]["date"], "2023-03-15");
    assert_eq!(r["span"][0], 0);
}

#[test]
fn format_is_sniffed_from_name_then_content() {
    let md = fixture("river-raids.md");
    assert_eq!(
        parse_bytes(md.as_bytes(), "noext").unwrap()[0].format,
        InputFormat::Markdown
    );
    let html = fixture("river-raids.html");
    assert_eq!(
        parse_bytes(html.as_bytes(), "page").unwrap()[0].format,
        InputFormat::Html
    );
    let json = serde_json::to_string(&parse_text(&md, "x")).unwrap();
    assert_eq!(
        parse_bytes(json.as_bytes(), "data").unwrap()[0].format,
        InputFormat::Text
    );
    // A byte-order mark is skipped, and spans still index the original bytes.
    let txt = format!("\u{feff}{}", fixture("two-reports.txt"));
    let r = parse_bytes(txt.as_bytes(), "bom.txt").unwrap();
    let t = r[0].title_span;
    assert_eq!(&txt[t.start..t.end], r[0].title);
}

#[test]
fn markup_image_is_credited_without_image_information() {
    let md = "# Quarry Collapse Traps Miners\n\n![Rescuers at the quarry.](https://example.org/quarry.jpg)\n\n> “We hear them knocking.”\n\nRescue work went on overnight.\n";
    let r = &parse_markdown(md, "q.md")[0];
    assert_eq!(r.images.len(), 1);
    assert_eq!(
        r.images[0].caption.as_deref(),
        Some("Rescuers at the quarry.")
    );
    assert_eq!(
        r.images[0].source_url.as_deref(),
        Some("https://example.org/quarry.jpg")
    );

    let html = "<h1>Quarry Collapse Traps Miners</h1><figure><img src=\"https://example.org/q.jpg\" alt=\"x\"><figcaption>Rescuers at the quarry.</figcaption></figure><blockquote>“We hear them knocking.”</blockquote><p>Rescue work went on.</p>";
    let r = &parse_html(html, "q.html").unwrap()[0];
    assert_eq!(
        r.image_caption.as_ref().unwrap().text,
        "Rescuers at the quarry."
    );
    assert_eq!(r.quote.as_ref().unwrap().text, "“We hear them knocking.”");
    assert_eq!(
        r.images[0].source_url.as_deref(),
        Some("https://example.org/q.jpg")
    );
}

#[test]
fn an_issue_heading_above_report_titles_is_not_a_report() {
    let md = "# OE Watch, Issue 7\n\n## Quarry Collapse Traps Miners\n\n*Rescuers at the quarry.*\n\n> “We hear them knocking.”\n\nRescue work went on.\n\n## Bridge Reopens to Traffic\n\n*The bridge at dawn.*\n\n> “Traffic is back.”\n\nThe bridge reopened.\n";
    let r = parse_markdown(md, "issue.md");
    let titles: Vec<_> = r.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Quarry Collapse Traps Miners", "Bridge Reopens to Traffic"]
    );
}
