//! Splitting a citation into its parts by shape:
//!
//! ```text
//! [Source:] [Authors,] “Original title (English translation),” Outlet (description), date. URL
//! ```
//!
//! The title ends at the first closing quote that balances the opening one
//! outside parentheses, so quotes nested in the title (`“Abu Hudhayfah”`) and
//! in the translation (`“with immediate effect”,`) do not end it early. A
//! title may lack its opening quote when it starts with a right-to-left word;
//! it then has to end in a parenthesised translation. Everything after the
//! title must be short and look like `Outlet (description), date` — an
//! excerpt paragraph that opens with a quotation (`“…,” he said on 7 May
//! 2024.`) fails because its "outlet" starts in lower case or is a sentence.

use crate::date::{find_dates, FoundDate};
use crate::util::{clean_url, label};
use watchfloor_model::PartialDate;

/// The parts of one citation. Missing parts are `None`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Citation {
    pub authors: Vec<String>,
    pub original_title: Option<String>,
    pub translated_title: Option<String>,
    pub outlet: Option<String>,
    pub outlet_description: Option<String>,
    pub date: Option<PartialDate>,
    pub date_is_access: bool,
    pub url: Option<String>,
}

/// Why a text is not a citation; `Unclosed` means it starts like one, so the
/// next paragraph may complete it (a title broken over a blank line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotCitation {
    Unclosed,
    Shape,
}

/// Longest text tried as a citation; longer paragraphs are prose.
const MAX_CITATION: usize = 4000;

/// Parse one citation. Returns `None` when the text does not have the shape
/// of a citation (see the module docs).
pub fn parse_citation(text: &str) -> Option<Citation> {
    try_parse(text).ok()
}

pub(crate) fn try_parse(text: &str) -> Result<Citation, NotCitation> {
    if text.len() > MAX_CITATION {
        return Err(NotCitation::Shape);
    }
    if !may_be_citation(text) {
        return Err(NotCitation::Shape);
    }
    let mut s = text.trim();
    if let Some((name, rest)) = label(s) {
        if name == "source" || name == "sources" {
            s = s[rest..].trim();
        }
    }
    // The URL: the last one, which must end the citation.
    let (body, url) = split_url(s)?;
    if url.is_some() && !body.contains(['“', '"']) {
        return untitled(body, url);
    }

    let (prefix, title_start, opened) = find_title_start(body);
    let unclosed = if opened {
        NotCitation::Unclosed
    } else {
        NotCitation::Shape
    };
    let close = find_title_end(body, title_start, opened).ok_or(unclosed)?;
    let content = body[title_start..close.0]
        .trim()
        .trim_end_matches([',', ' '])
        .trim();
    let rest = &body[close.1..];

    let (original, translated) = split_translation(content);
    if !opened && translated.is_none() {
        return Err(NotCitation::Shape);
    }
    if original.is_empty() {
        return Err(NotCitation::Shape);
    }
    let tail = parse_tail(rest).ok_or(NotCitation::Shape)?;
    if url.is_none() && tail.date.is_none() {
        return Err(NotCitation::Shape);
    }
    Ok(Citation {
        authors: split_authors(prefix),
        original_title: Some(original.to_string()),
        translated_title: translated.map(str::to_string),
        outlet: Some(tail.outlet),
        outlet_description: tail.description,
        date: tail.date.map(|d| d.date),
        date_is_access: tail.date.is_some_and(|d| d.is_access),
        url,
    })
}

/// A citation without a title: a bare URL, or `Outlet, date. URL`. Without
/// a quoted title the date is required, so a sentence ending in a link
/// (`More is at https://…`) is not mistaken for one.
fn untitled(body: &str, url: Option<String>) -> Result<Citation, NotCitation> {
    let body = body
        .trim()
        .trim_end_matches([',', '.', ':', ';', '-', '–'])
        .trim();
    if body.is_empty() {
        return Ok(Citation {
            url,
            ..Default::default()
        });
    }
    let tail = parse_tail(body).ok_or(NotCitation::Shape)?;
    let date = tail.date.ok_or(NotCitation::Shape)?;
    Ok(Citation {
        outlet: Some(tail.outlet),
        outlet_description: tail.description,
        date: Some(date.date),
        date_is_access: date.is_access,
        url,
        ..Default::default()
    })
}

/// A cheap necessary condition, checked before any parsing so that excerpt
/// paragraphs cost one backward scan: a citation has a closing quote, and
/// what follows its last closing quote (the outlet, the date, the URL) is
/// short. An opening quote alone (a title broken over a blank line) passes.
fn may_be_citation(text: &str) -> bool {
    let b = text.as_bytes();
    let last_close = memchr::memmem::rfind(b, "”".as_bytes())
        .map(|i| i + 3)
        .into_iter()
        .chain(memchr::memrchr(b'"', b).map(|i| i + 1))
        .max();
    let Some(after) = last_close else {
        // An opening quote alone (a broken title), or an untitled citation:
        // a short text ending in a URL.
        return memchr::memmem::find(b, "“".as_bytes()).is_some()
            || (b.len() <= 1000 && memchr::memmem::find(b, b"http").is_some());
    };
    let rest = &b[after..];
    let tail = memchr::memmem::find(rest, b"http").map_or(rest.len(), |i| i);
    tail <= 600
}

/// Splits off a trailing URL. Text after the URL other than punctuation means
/// the paragraph goes on, so it is not a citation.
fn split_url(s: &str) -> Result<(&str, Option<String>), NotCitation> {
    let Some(start) = s
        .rfind("http://")
        .into_iter()
        .chain(s.rfind("https://"))
        .max()
    else {
        return Ok((s, None));
    };
    let after = &s[start..];
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    let url = clean_url(after[..end].trim_start_matches('<'));
    let trailing = &after[end..];
    if trailing.chars().any(|c| c.is_alphanumeric()) {
        return Err(NotCitation::Shape);
    }
    let mut body = &s[..start];
    body = body.trim_end().trim_end_matches(['<', '(', '[']).trim_end();
    Ok((body, Some(url.to_string())))
}

/// Finds where the title starts: after the opening quote, with the text before
/// it as the author list — or, when that text does not look like authors, at
/// the very start (a title whose opening quote was lost).
fn find_title_start(body: &str) -> (&str, usize, bool) {
    let open = body.char_indices().find(|&(_, c)| c == '“' || c == '"');
    if let Some((i, c)) = open {
        let prefix = body[..i].trim();
        if prefix.is_empty() || looks_like_authors(prefix) {
            return (prefix, i + c.len_utf8(), true);
        }
    }
    ("", 0, false)
}

/// Returns (end of title content, start of the rest) — the byte range of the
/// closing quote — or `None` when the title never closes.
fn find_title_end(body: &str, start: usize, opened: bool) -> Option<(usize, usize)> {
    let ascii = opened && body[..start].ends_with('"');
    let mut quotes = 1usize;
    let mut parens = 0usize;
    let mut prev = ' ';
    let mut iter = body[start..].char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = start + i;
        match c {
            '(' => parens += 1,
            ')' => parens = parens.saturating_sub(1),
            '“' if !ascii => quotes += 1,
            '”' if !ascii => {
                if parens == 0 && quotes == 1 {
                    return Some((at, at + c.len_utf8()));
                }
                if quotes > 1 {
                    quotes -= 1;
                }
            }
            '"' if ascii && parens == 0 => {
                let next = iter.peek().map(|&(_, n)| n).unwrap_or(' ');
                if matches!(prev, ',' | ')' | '.' | '?' | '!') || next == ',' {
                    return Some((at, at + 1));
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// `Original (Translation)` → (original, Some(translation)). A final
/// parenthesis counts as a translation when the original is not in Latin
/// script or the parenthesis has at least three words; `(JNIM)` is part of
/// an English title, not its translation.
fn split_translation(content: &str) -> (&str, Option<&str>) {
    let Some(inner_end) = content.strip_suffix(')').map(str::len) else {
        return (content, None);
    };
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in content[..inner_end].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let Some(open) = open else {
        return (content, None);
    };
    let original = content[..open].trim().trim_end_matches(',').trim();
    let translation = content[open + 1..inner_end].trim();
    let non_latin = original.chars().any(|c| c.is_alphabetic() && !is_latin(c));
    if original.is_empty() || translation.is_empty() {
        return (content, None);
    }
    if non_latin || translation.split_whitespace().count() >= 3 {
        (original, Some(translation))
    } else {
        (content, None)
    }
}

fn is_latin(c: char) -> bool {
    (c as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

struct Tail {
    outlet: String,
    description: Option<String>,
    date: Option<FoundDate>,
}

/// `, Outlet (description), date.` → its parts, or `None` when it is prose.
fn parse_tail(rest: &str) -> Option<Tail> {
    let rest = rest
        .trim_start_matches([',', ' ', '\n', '\r', '\t', '\u{a0}'])
        .trim_end();
    if rest.is_empty() || rest.len() > 400 {
        return None;
    }
    let dates = find_dates(rest);
    // The date is the last one that nothing but punctuation follows; one
    // inside the outlet's description (`(founded 1990)`) is not it.
    let date = dates.into_iter().rev().find(|d| {
        rest[d.end..].chars().all(|c| !c.is_alphanumeric()) && !rest[d.end..].contains(')')
    });
    let mut outlet_part = match date {
        Some(d) => &rest[..d.start],
        None => rest,
    };
    outlet_part = outlet_part.trim().trim_end_matches(['.', ',', ';', ' ']);
    if date.is_none() {
        outlet_part = outlet_part
            .strip_suffix("n.d")
            .or_else(|| outlet_part.strip_suffix("n. d"))
            .unwrap_or(outlet_part);
        outlet_part = outlet_part.trim().trim_end_matches([',', ' ']);
    }
    // Editorial tags such as `[Thesis]` are not part of the outlet's name.
    while let Some(stripped) = outlet_part.strip_suffix(']') {
        let Some(open) = stripped.rfind('[') else {
            break;
        };
        outlet_part = stripped[..open].trim().trim_end_matches([',', ' ']);
    }
    let (outlet, description) = match outlet_part.strip_suffix(')') {
        Some(inner) => match matching_open(inner) {
            Some(open) => (
                outlet_part[..open].trim().trim_end_matches(',').trim(),
                Some(inner[open + 1..].trim()),
            ),
            None => (outlet_part, None),
        },
        None => (outlet_part, None),
    };
    let first = outlet.chars().next()?;
    if first.is_lowercase() || outlet.split_whitespace().count() > 12 || outlet.len() > 150 {
        return None;
    }
    // A sentence is not an outlet name: it has a full stop followed by more words.
    if outlet.contains(". ") && outlet.split_whitespace().count() > 6 {
        return None;
    }
    Some(Tail {
        outlet: outlet.to_string(),
        description: description.filter(|d| !d.is_empty()).map(str::to_string),
        date,
    })
}

/// Index of the `(` that matches a `)` just past the end of `s`.
fn matching_open(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Whether the text before a title reads as an author list:
/// `Peter Fabricius,` / `Lucas Winter, Jason Warner, and Amelia Cheatham,` / `Murphy, Natalie.`
fn looks_like_authors(prefix: &str) -> bool {
    if prefix.len() > 250 || !(prefix.ends_with(',') || prefix.ends_with('.')) {
        return false;
    }
    let names = author_segments(prefix);
    !names.is_empty()
        && names.len() <= 15
        && names.iter().all(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            !words.is_empty()
                && words.len() <= 6
                && words[0]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                && !n
                    .chars()
                    .any(|c| c.is_ascii_digit() || matches!(c, ':' | ';' | '“' | '”' | '"'))
        })
}

fn author_segments(prefix: &str) -> Vec<String> {
    let p = prefix.trim().trim_end_matches([',', '.']).trim();
    let p = p.replace(" & ", ", ").replace(" and ", ", ");
    p.split(',')
        .map(|s| s.trim().trim_start_matches("and ").trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Splits an author list into names. `Last, First` for the first author
/// (two single-word segments) is turned round: `Murphy, Natalie` → `Natalie Murphy`.
fn split_authors(prefix: &str) -> Vec<String> {
    if prefix.is_empty() {
        return Vec::new();
    }
    let mut names = author_segments(prefix);
    let single = |s: &str| s.split_whitespace().count() == 1;
    if names.len() >= 2 && single(&names[0]) && single(&names[1]) {
        let first = format!("{} {}", names[1], names[0]);
        names.splice(0..2, [first]);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_citation_with_authors_translation_and_description() {
        let c = parse_citation("Jane Roe and John Doe, “Les pluies reviennent au Sahel (Rains return to the Sahel),” Journal du Fleuve (weekly regional paper), 3 March 2023. https://example.org/pluies-sahel.").unwrap();
        assert_eq!(c.authors, ["Jane Roe", "John Doe"]);
        assert_eq!(
            c.original_title.as_deref(),
            Some("Les pluies reviennent au Sahel")
        );
        assert_eq!(
            c.translated_title.as_deref(),
            Some("Rains return to the Sahel")
        );
        assert_eq!(c.outlet.as_deref(), Some("Journal du Fleuve"));
        assert_eq!(
            c.outlet_description.as_deref(),
            Some("weekly regional paper")
        );
        assert_eq!(c.date.unwrap().to_string(), "2023-03-03");
        assert_eq!(c.url.as_deref(), Some("https://example.org/pluies-sahel"));
    }

    #[test]
    fn nested_quotes_do_not_end_the_title() {
        let c = parse_citation("“Le port « rouvert » après l’attaque (Port “reopened”, officials say),” Le Courrier, October 9, 2022. https://example.org/a").unwrap();
        assert_eq!(
            c.original_title.as_deref(),
            Some("Le port « rouvert » après l’attaque")
        );
        assert_eq!(
            c.translated_title.as_deref(),
            Some("Port “reopened”, officials say")
        );
        assert_eq!(c.date.unwrap().to_string(), "2022-10-09");
    }

    #[test]
    fn title_without_opening_quote_needs_a_translation() {
        let c = parse_citation("مدينة “الميناء” تستعيد الهدوء (The “port” city regains calm),” Sawt al-Sahil (coastal daily), 2 May 2022. https://example.org/b").unwrap();
        assert_eq!(
            c.original_title.as_deref(),
            Some("مدينة “الميناء” تستعيد الهدوء")
        );
        assert_eq!(c.outlet.as_deref(), Some("Sawt al-Sahil"));
    }

    #[test]
    fn source_label_missing_comma_and_access_date() {
        let c = parse_citation("Source: “Kurz und bündig (Short and sweet)” Der Bote (local weekly), Accessed 5 May 2021. https://example.org/c").unwrap();
        assert_eq!(c.original_title.as_deref(), Some("Kurz und bündig"));
        assert_eq!(c.outlet.as_deref(), Some("Der Bote"));
        assert!(c.date_is_access);
    }

    #[test]
    fn excerpt_paragraphs_opening_with_a_quote_are_not_citations() {
        assert!(
            parse_citation("“We will rebuild the bridge,” the governor said on 7 May 2024.")
                .is_none()
        );
        assert!(
            parse_citation("“Nothing remains,” said one resident, who asked not to be named.")
                .is_none()
        );
        assert!(parse_citation(
            "The minister said: “We are ready,” adding that talks would go on."
        )
        .is_none());
    }

    #[test]
    fn untitled_citations_need_a_date_or_nothing_but_the_url() {
        let c = parse_citation("Source: https://example.org/only-a-link").unwrap();
        assert_eq!(c.url.as_deref(), Some("https://example.org/only-a-link"));
        assert_eq!(c.original_title, None);
        let c = parse_citation("Radio Lac (community station), 2 June 2024. https://example.org/r")
            .unwrap();
        assert_eq!(c.outlet.as_deref(), Some("Radio Lac"));
        assert_eq!(c.date.unwrap().to_string(), "2024-06-02");
        assert!(parse_citation("More details are available at https://example.org/more").is_none());
    }

    #[test]
    fn straight_quotes_work_too() {
        let c = parse_citation("\"La sequía avanza en el norte (Drought advances in the north),\" Diario Sur, 9 July 2021. https://example.org/s").unwrap();
        assert_eq!(
            c.original_title.as_deref(),
            Some("La sequía avanza en el norte")
        );
        assert_eq!(
            c.translated_title.as_deref(),
            Some("Drought advances in the north")
        );
        assert_eq!(c.outlet.as_deref(), Some("Diario Sur"));
    }

    #[test]
    fn unclosed_title_is_reported_as_such() {
        assert_eq!(
            try_parse("Ana Lima, “Um título partido em dois").unwrap_err(),
            NotCitation::Unclosed
        );
    }

    #[test]
    fn last_first_author_is_turned_round_and_no_date_is_allowed_with_url() {
        let c = parse_citation(
            "Okafor, Ada. “Water and War,” Delta Review, n.d. https://example.org/d",
        )
        .unwrap();
        assert_eq!(c.authors, ["Ada Okafor"]);
        assert_eq!(c.original_title.as_deref(), Some("Water and War"));
        assert_eq!(c.date, None);
        assert_eq!(c.outlet.as_deref(), Some("Delta Review"));
    }
}
