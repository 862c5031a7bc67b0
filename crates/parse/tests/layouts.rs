//! Layouts other than the OE Watch article: news pieces with date lines,
//! wire stories, statements, incident digests of several reports, in plain
//! text, Markdown and HTML. Every fixture here was written for these tests.

use proptest::prelude::*;
use watchfloor_model::{DateProvenance, Layout, Report, Role, Span};
use watchfloor_parse::{parse_bytes, parse_bytes_with, Options};

fn parse(text: &str, name: &str) -> Vec<Report> {
    parse_bytes(text.as_bytes(), name).expect("parses")
}

fn reference(r: &Report) -> (String, DateProvenance) {
    let d = r.reference_date.expect("a reference date");
    (d.date.to_string(), d.provenance)
}

/// Every non-blank line of the file lies inside some element of some
/// report: the title, a paragraph, furniture, a caption, quote, summary,
/// citation, excerpt, note or image credit. Nothing is dropped unnamed.
fn assert_nothing_dropped(text: &str, reports: &[Report]) {
    let mut spans: Vec<Span> = Vec::new();
    for r in reports {
        spans.push(r.title_span);
        spans.extend(r.paragraphs.iter().map(|p| p.span));
        spans.extend(r.furniture.iter().map(|f| f.span));
        spans.extend(r.image_caption.iter().map(|t| t.span));
        spans.extend(r.quote.iter().map(|t| t.span));
        spans.extend(r.summary.iter().map(|t| t.span));
        spans.extend(r.notes.iter().map(|n| n.span));
        spans.extend(r.images.iter().map(|i| i.span));
        for s in &r.sources {
            spans.push(s.citation.span);
            spans.extend(s.excerpt.iter().map(|p| p.span));
        }
    }
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let (start, end) = (pos, pos + line.len());
        pos = end;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let first = start + lead;
        assert!(
            spans
                .iter()
                .any(|s| s.start <= first && first < s.end.max(s.start + 1)),
            "line {t:?} (byte {first}) belongs to no element"
        );
    }
    let _ = text;
}

const NEWS: &str = "Gunmen Kill Eleven Traders on the Road to Gusau

Friday, 20 February 2015

By Amina Bello

Gunmen on motorcycles killed eleven traders on the road between Tsafe and Gusau in Zamfara State yesterday, police said.

The attackers also abducted four women, a police spokesman told reporters on Sunday.

Share this article
";

#[test]
fn a_news_article_has_no_caption_and_its_date_line_dates_it() {
    let r = parse(NEWS, "news.txt");
    assert_eq!(r.len(), 1);
    let r = &r[0];
    assert_eq!(r.layout, Layout::News);
    assert_eq!(r.title, "Gunmen Kill Eleven Traders on the Road to Gusau");
    assert!(r.image_caption.is_none() && r.quote.is_none());
    assert_eq!(r.paragraphs.len(), 2, "both body paragraphs are coded");
    assert!(r.paragraphs[0].text.starts_with("Gunmen on motorcycles"));
    assert_eq!(
        reference(r),
        ("2015-02-20".into(), DateProvenance::Dateline)
    );
    let roles: Vec<Role> = r.furniture.iter().map(|f| f.role).collect();
    assert_eq!(roles, [Role::Dateline, Role::Byline, Role::SiteFurniture]);
    assert_nothing_dropped(NEWS, std::slice::from_ref(r));
}

const WIRE: &str = "Suicide Bomber Strikes Wedding in Eastern Afghanistan

KABUL, July 12 (AP) -- A suicide bomber blew himself up at a wedding party in Nangarhar province on Saturday, killing at least 14 guests, officials said.

The blast was the deadliest in the province since early 2018, a provincial spokesman said.
";

#[test]
fn a_wire_dateline_is_furniture_and_takes_its_year_from_the_story() {
    let r = &parse(WIRE, "wire.txt")[0];
    assert_eq!(r.layout, Layout::Wire);
    assert_eq!(r.furniture[0].role, Role::Dateline);
    assert_eq!(r.furniture[0].text, "KABUL, July 12 (AP) --");
    assert!(r.paragraphs[0].text.starts_with("A suicide bomber"));
    // No year in the dateline: the latest year the story names.
    assert_eq!(
        reference(r),
        ("2018-07-12".into(), DateProvenance::Dateline)
    );
    assert_nothing_dropped(WIRE, std::slice::from_ref(r));
}

#[test]
fn a_date_in_the_file_name_or_the_command_line_dates_an_undated_piece() {
    let text = "Clashes Near Beni\n\nSoldiers clashed with ADF fighters near Beni on Sunday.\n";
    let r = &parse(text, "reports/2021-04-17-bulletin.txt")[0];
    assert_eq!(
        reference(r),
        ("2021-04-17".into(), DateProvenance::FileName)
    );
    let opts = Options {
        default_date: Some("2022-01-05".parse().unwrap()),
        ..Options::default()
    };
    let r = &parse_bytes_with(text.as_bytes(), "bulletin.txt", opts).unwrap()[0];
    assert_eq!(
        reference(r),
        ("2022-01-05".into(), DateProvenance::CommandLine)
    );
}

#[test]
fn romance_language_datelines() {
    let es = "Ataque en el Cauca\n\nviernes, 2 de noviembre de 2012\n\nFARC dissidents attacked a police post in Toribío on Thursday.\n";
    assert_eq!(reference(&parse(es, "es.txt")[0]).0, "2012-11-02");
    let fr = "Attaque près de Tillabéri\n\nNiamey, le 5 juin 2022 — Gunmen killed six soldiers near Tillabéri on Friday.\n";
    let r = &parse(fr, "fr.txt")[0];
    assert_eq!(reference(r).0, "2022-06-05");
    assert_eq!(
        r.paragraphs[0].text,
        "Gunmen killed six soldiers near Tillabéri on Friday."
    );
}

/// Ten reports, a title line then one paragraph an incident, two blank
/// lines between reports; numeric dates whose order the file settles.
fn digest() -> String {
    let places = [
        ("Kakar", "Dand", "Kandahar"),
        ("Sangin", "Sangin", "Helmand"),
        ("Chaharbagh", "Jalalabad", "Nangarhar"),
        ("Qarabagh", "Qarabagh", "Ghazni"),
        ("Pul-e Alam", "Pul-e Alam", "Logar"),
        ("Khost", "Khost", "Khost"),
        ("Tarin Kot", "Tarin Kot", "Uruzgan"),
        ("Maidan Shahr", "Maidan Shahr", "Wardak"),
        ("Charikar", "Charikar", "Parwan"),
        ("Mehtar Lam", "Mehtar Lam", "Laghman"),
    ];
    let mut s = String::new();
    for (i, (village, district, province)) in places.iter().enumerate() {
        let day = i + 3;
        s.push_str(&format!(
            "Security Incidents in {province} Province, Week {}\n\n",
            i + 1
        ));
        s.push_str(&format!(
            "On {day:02}/03/2017, in {village} village, {district} district, {province} province, gunmen shot dead a tribal elder.\n\n"
        ));
        s.push_str(&format!(
            "On 2{}/03/2017, residents of {district} district protested peacefully against the killing.\n\n\n",
            i % 8
        ));
    }
    s
}

#[test]
fn a_digest_of_ten_reports_splits_into_ten() {
    let text = digest();
    let r = parse(&text, "digest.txt");
    assert_eq!(r.len(), 10);
    assert_eq!(
        r[0].title,
        "Security Incidents in Kandahar Province, Week 1"
    );
    assert_eq!(
        r[9].title,
        "Security Incidents in Laghman Province, Week 10"
    );
    for report in &r {
        assert_eq!(report.layout, Layout::Digest);
        assert_eq!(report.paragraphs.len(), 2);
        assert_eq!(report.date_order, watchfloor_model::DateOrder::DayFirst);
    }
    assert_nothing_dropped(&text, &r);
}

#[test]
fn reports_split_on_separators_and_a_title_after_a_body() {
    let text = "Market Bombing in Maiduguri\n\nA bomb exploded at a market in Maiduguri on 3 May 2021, killing five.\n\n---\n\nAmbush Near Diffa\n\nGunmen ambushed a patrol near Diffa on 4 May 2021.\n\nRaid on Kidal Camp\n\nDrones struck a camp near Kidal on 6 May 2021.\n";
    let r = parse(text, "three.txt");
    let titles: Vec<&str> = r.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Market Bombing in Maiduguri",
            "Ambush Near Diffa",
            "Raid on Kidal Camp"
        ]
    );
    assert_eq!(r[0].furniture[0].role, Role::Separator);
    assert_nothing_dropped(text, &r);
}

#[test]
fn a_statement_header_block_is_furniture_with_its_date() {
    let text = "Statement on the Attack in Tillaberi\n\nPress Statement\nJane Roe\nSpokesperson\nWashington, DC\nMarch 22, 2021\n\nThe United States condemns yesterday's attack on villagers in the Tillaberi region.\n";
    let r = &parse(text, "statement.txt")[0];
    assert_eq!(
        reference(r),
        ("2021-03-22".into(), DateProvenance::Dateline)
    );
    assert_eq!(r.paragraphs.len(), 1);
    assert_eq!(r.furniture.len(), 5);
    assert_nothing_dropped(text, std::slice::from_ref(r));
}

#[test]
fn html_meta_dates_a_page_and_articles_split() {
    let html = r#"<!doctype html><html><head><title>Site</title>
<meta property="article:published_time" content="2021-06-14T08:00:00Z"></head>
<body><nav><ul><li>Home</li><li>World</li></ul></nav>
<article><h1>Rebels Seize Town in North Kivu</h1><p>M23 rebels seized the town of Rubaya on Sunday after heavy fighting.</p></article>
<article><h1>Protest in Goma</h1><p><time datetime="2021-06-15">15 June</time></p><p>Hundreds marched in Goma on Tuesday to denounce the fall of Rubaya.</p></article>
<footer><p>© 2021 Example News. All rights reserved.</p></footer></body></html>"#;
    let r = parse(html, "page.html");
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].title, "Rebels Seize Town in North Kivu");
    assert_eq!(
        reference(&r[0]),
        ("2021-06-14".into(), DateProvenance::HtmlMeta)
    );
    assert_eq!(
        reference(&r[1]),
        ("2021-06-15".into(), DateProvenance::HtmlMeta)
    );
    assert!(r[0].furniture.iter().any(|f| f.text == "Home"));
    assert!(r[1]
        .furniture
        .iter()
        .any(|f| f.role == Role::SiteFurniture && f.text.contains("rights reserved")));
}

#[test]
fn markdown_front_matter_titles_and_dates() {
    let md = "---\ntitle: Clashes in Nagorno-Karabakh\ndate: 2020-10-05\n---\n\nArmenian and Azerbaijani forces clashed near Hadrut on Sunday.\n";
    let r = &parse(md, "piece.md")[0];
    assert_eq!(r.title, "Clashes in Nagorno-Karabakh");
    assert_eq!(
        reference(r),
        ("2020-10-05".into(), DateProvenance::FrontMatter)
    );
    assert_eq!(r.furniture[0].role, Role::FrontMatter);
    assert_eq!(r.paragraphs.len(), 1);
}

#[test]
fn markdown_reports_under_one_page_heading() {
    let md = "# Weekly Sahel Digest\n\n## Ambush on a Convoy Near Djibo\n\nJNIM fighters ambushed a convoy near Djibo on 3 May 2021.\n\n## Drone Strike on a Camp Near Tessit\n\nA drone struck a camp near Tessit on 5 May 2021.\n";
    let r = parse(md, "digest.md");
    let titles: Vec<&str> = r.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Ambush on a Convoy Near Djibo",
            "Drone Strike on a Camp Near Tessit"
        ]
    );
}

#[test]
fn the_oe_watch_layout_is_still_detected() {
    let text = "Drone Strikes Intensify in Northern Mali\n\nA Bayraktar TB2 drone on a runway.\n\n“The drones have changed the war.”\n\nThe Malian army has stepped up drone strikes.[i]\n\nSources:\n\n“Frappes de drones (Drone strikes),” Le Monde (French daily), 3 May 2024. https://example.org/a\n\nThe army struck a camp near Kidal on Tuesday.\n";
    let r = &parse(text, "oe.txt")[0];
    assert_eq!(r.layout, Layout::OeWatch);
    assert!(r.image_caption.is_some() && r.quote.is_some());
    assert_eq!(reference(r), ("2024-05-03".into(), DateProvenance::Sources));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Generated prose files — titles, date lines, bylines, furniture,
    /// paragraphs, separators in any order — never lose a line.
    #[test]
    fn no_line_is_dropped_without_a_role(parts in prop::collection::vec(prop::sample::select(vec![
        "Gunmen Attack a Village Near Mopti",
        "Friday, 20 February 2015",
        "By Jane Doe | 12 May 2021",
        "Home | World | Africa | Subscribe",
        "Soldiers clashed with militants near Gao on Sunday, killing four.",
        "A bomb exploded at a market.\nTwo people were hurt.",
        "---",
        "Share this article",
        "KABUL, July 12 (AP) -- Gunmen stormed a hotel.",
        "Press Statement\nJohn Smith\nMarch 22, 2021",
    ]), 1..14), gaps in prop::collection::vec(1usize..4, 14)) {
        let mut text = String::new();
        for (p, g) in parts.iter().zip(&gaps) {
            text.push_str(p);
            text.push_str(&"\n".repeat(*g + 1));
        }
        if let Ok(reports) = parse_bytes(text.as_bytes(), "gen.txt") {
            assert_nothing_dropped(&text, &reports);
        }
    }
}
