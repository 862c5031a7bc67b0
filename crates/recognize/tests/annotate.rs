//! The recognition layer over whole reports (needs the generated gazetteer:
//! `scripts/fetch-data.sh`).

use std::sync::OnceLock;
use watchfloor_model::Section;
use watchfloor_recognize::{Doc, Recognizer};

fn recognizer() -> &'static Recognizer {
    static R: OnceLock<Recognizer> = OnceLock::new();
    R.get_or_init(|| {
        Recognizer::new(
            watchfloor_actors::Catalogue::load_default().expect("catalogue loads"),
            watchfloor_gazetteer::Gazetteer::load_default()
                .expect("gazetteer loads (run scripts/fetch-data.sh)"),
        )
    })
}

const REPORT: &str = "Militias Clash in the North\n\nA caption.\n\n\n“A pull quote.”\n\n\n\
According to the second excerpted article, the Kenya-based militia attacked Mandera yesterday. \
Kenyan troops responded near the border.\n\n\n\
Sources:\n\n\
“Titre un (Title one),” Outlet One (a daily), 2 March 2024. https://example.org/1\n\n\
Fighting broke out in Mandera on Sunday, police said.\n\n\
“Titre deux (Title two),” Outlet Two (a weekly), 9 March 2024. https://example.org/2\n\n\
Residents of Mandera fled yesterday.\n\n\n\
Image Information:\n\nImage: A caption.\nSource: https://example.org/i.jpg\n";

fn doc(reports: &[watchfloor_model::Report]) -> Doc<'_> {
    recognizer().annotate(&reports[0])
}

#[test]
fn sentences_carry_file_spans_and_sections() {
    let reports = watchfloor_parse::parse_text(REPORT, "r.txt");
    let d = doc(&reports);
    for s in &d.sentences {
        assert_eq!(&REPORT[s.span.start..s.span.end], s.text);
    }
    assert!(d
        .sentences
        .iter()
        .any(|s| s.section == Section::Excerpt { source: 1 }));
}

#[test]
fn relative_dates_resolve_against_the_excerpts_own_date() {
    let reports = watchfloor_parse::parse_text(REPORT, "r.txt");
    let d = doc(&reports);
    let resolved = |section: Section| -> Vec<String> {
        d.sentences
            .iter()
            .filter(|s| s.section == section)
            .flat_map(|s| {
                s.dates
                    .iter()
                    .filter_map(|d| d.resolved)
                    .map(|r| r.date.to_string())
            })
            .collect()
    };
    // "on Sunday" in a Saturday 2 March source is 25 February; "yesterday" on 9 March is the 8th.
    assert_eq!(resolved(Section::Excerpt { source: 0 }), vec!["2024-02-25"]);
    assert_eq!(resolved(Section::Excerpt { source: 1 }), vec!["2024-03-08"]);
    // Commentary that cites "the second excerpted article" borrows that source's
    // date, but only to the month: it was not written on that day.
    assert_eq!(resolved(Section::Commentary), vec!["2024-03"]);
}

#[test]
fn places_are_resolved_in_the_reports_context_and_attributes_are_not_places() {
    let reports = watchfloor_parse::parse_text(REPORT, "r.txt");
    let d = doc(&reports);
    let places: Vec<(&str, &str)> = d
        .sentences
        .iter()
        .flat_map(|s| {
            s.places
                .iter()
                .map(|p| (p.surface.as_str(), p.place.country.as_str()))
        })
        .collect();
    assert!(places.contains(&("Mandera", "KE")), "{places:?}");
    // "Kenya-based" describes the militia; it is not where anything happened.
    assert!(
        !places.iter().any(|(surface, _)| *surface == "Kenya"),
        "{places:?}"
    );
    assert_eq!(d.countries.first().map(|(c, _)| c.as_str()), Some("KE"));
}
