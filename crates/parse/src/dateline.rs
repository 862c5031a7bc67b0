//! Datelines, date lines, bylines and page furniture: the parts of a news
//! article, wire story or statement that say when and by whom, not what.
//!
//! Dates are read the way the press prints them in English, French,
//! Spanish and Portuguese ("Friday, 20 February 2015", "viernes, 2 de
//! noviembre de 2012", "le 5 juin 2022", "May 06, 2016", "2015-02-20",
//! "(05/30/11)", "04/03/2017" with the day/month order of the document).
//! The words that mark furniture lines are data (`data/furniture.tsv`).

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;
use watchfloor_model::{DateOrder, PartialDate, Role};
use watchfloor_text::month_number;

/// A date found in a line, with its byte range; `year_known` is false for
/// "July 12" (a wire dateline leaves the year to the rest of the document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineDate {
    pub date: PartialDate,
    pub year_known: bool,
    pub start: usize,
    pub end: usize,
}

/// Month names in the languages datelines are printed in
/// ([`watchfloor_text::months`]), as one regex alternation.
fn month_alternation() -> String {
    let mut names: Vec<&str> = watchfloor_text::months::month_names()
        .map(|(n, _)| n)
        .collect();
    // Longest first, so "septembre" is not read as "sept".
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
}

struct Patterns {
    /// "20 February 2015", "2 de noviembre de 2012", "le 5 juin 2022", "5 juin".
    day_month: Regex,
    /// "February 20, 2015", "May 06, 2016", "Sept. 3, 2024", "July 12".
    month_day: Regex,
    /// "February 2015".
    month_year: Regex,
    /// "2015-02-20".
    iso: Regex,
    /// "04/03/2017", "05/30/11", "4.3.2017".
    numeric: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let m = month_alternation();
    let r = |s: String| Regex::new(&s).expect("dateline pattern compiles");
    Patterns {
        day_month: r(format!(
            r"(?i)\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?\s+(?:de\s+|of\s+)?(?P<m>{m})\b\.?(?:,?\s+(?:de\s+|del\s+)?(?P<y>(?:19|20)\d\d)\b)?"
        )),
        month_day: r(format!(
            r"(?i)\b(?P<m>{m})\b\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
        )),
        month_year: r(format!(
            r"(?i)\b(?P<m>{m})\b\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b"
        )),
        iso: r(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]?\d)-(?P<d>[0-3]?\d)\b".to_string()),
        numeric: r(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)?\d\d)\b".to_string()),
    }
});

fn full_year(y: &str) -> Option<i32> {
    let n: i32 = y.parse().ok()?;
    Some(match y.len() {
        2 if n < 70 => 2000 + n,
        2 => 1900 + n,
        _ => n,
    })
}

/// The first date in `line`, the most precise reading of it. A day and
/// month without a year get `year_known: false` and the year 2000 as a
/// placeholder (a leap year, so 29 February stays a date).
pub(crate) fn find_date(line: &str, order: DateOrder) -> Option<LineDate> {
    let p = &*PATTERNS;
    let mut best: Option<LineDate> = None;
    let mut consider = |d: LineDate| {
        let better = match &best {
            None => true,
            // The earliest in the line; at the same place, the longer reading.
            Some(b) => d.start < b.start || (d.start == b.start && d.end > b.end),
        };
        if better {
            best = Some(d);
        }
    };
    let day_of = |y: Option<i32>, m: u32, d: u32, s: usize, e: usize| {
        let (year, known) = match y {
            Some(y) => (y, true),
            None => (2000, false),
        };
        NaiveDate::from_ymd_opt(year, m, d).map(|nd| LineDate {
            date: PartialDate::day(nd),
            year_known: known,
            start: s,
            end: e,
        })
    };
    for c in p.day_month.captures_iter(line) {
        let whole = c.get(0).expect("match");
        let (Some(m), Ok(d)) = (month_number(&c["m"]), c["d"].parse::<u32>()) else {
            continue;
        };
        // "may" and "mar" are words too: a day before them makes them months only with a year.
        if c.name("y").is_none() && c["m"].len() <= 3 && c["m"].chars().all(|ch| ch.is_lowercase())
        {
            continue;
        }
        let y = c.name("y").and_then(|y| full_year(y.as_str()));
        if let Some(ld) = day_of(y, m, d, whole.start(), whole.end()) {
            consider(ld);
        }
    }
    for c in p.month_day.captures_iter(line) {
        let whole = c.get(0).expect("match");
        let (Some(m), Ok(d)) = (month_number(&c["m"]), c["d"].parse::<u32>()) else {
            continue;
        };
        if c["m"].chars().next().is_some_and(char::is_lowercase) && c.name("y").is_none() {
            continue;
        }
        let y = c.name("y").and_then(|y| full_year(y.as_str()));
        if let Some(ld) = day_of(y, m, d, whole.start(), whole.end()) {
            consider(ld);
        }
    }
    for c in p.iso.captures_iter(line) {
        let whole = c.get(0).expect("match");
        let nums = (
            c["y"].parse::<i32>(),
            c["mo"].parse::<u32>(),
            c["d"].parse::<u32>(),
        );
        if let (Ok(y), Ok(m), Ok(d)) = nums {
            if let Some(ld) = day_of(Some(y), m, d, whole.start(), whole.end()) {
                consider(ld);
            }
        }
    }
    for c in p.numeric.captures_iter(line) {
        let whole = c.get(0).expect("match");
        let (Ok(a), Ok(b)) = (c["a"].parse::<u32>(), c["b"].parse::<u32>()) else {
            continue;
        };
        let (d, m) = match order {
            _ if a > 12 => (a, b),
            _ if b > 12 => (b, a),
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        let y = full_year(&c["y"]);
        if let Some(ld) = day_of(y, m, d, whole.start(), whole.end()) {
            consider(ld);
        }
    }
    drop(consider);
    if best.is_none() {
        for c in p.month_year.captures_iter(line) {
            let whole = c.get(0).expect("match");
            let (Some(m), Some(y)) = (month_number(&c["m"]), full_year(&c["y"])) else {
                continue;
            };
            if let Some(date) = PartialDate::month(y, m) {
                return Some(LineDate {
                    date,
                    year_known: true,
                    start: whole.start(),
                    end: whole.end(),
                });
            }
        }
    }
    best
}

/// The day/month order of the numeric dates in a whole file: a first number
/// over 12 settles day-first, a second one over 12 month-first; failing
/// that, the order of written dates ("3 May" against "May 3") decides, and
/// day-first, the order of most of the world's press, is the default.
pub(crate) fn infer_date_order(text: &str) -> DateOrder {
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)([0-3]?\d)[/.]([0-3]?\d)[/.](?:19|20)?\d\d(?-u:\b)").expect("compiles")
    });
    if !may_hold_numeric_date(text.as_bytes()) {
        return DateOrder::DayFirst;
    }
    let (mut day_first, mut month_first) = (0usize, 0usize);
    for c in NUMERIC.captures_iter(text).take(10_000) {
        let a: u32 = c[1].parse().unwrap_or(0);
        let b: u32 = c[2].parse().unwrap_or(0);
        if a > 12 && b <= 12 {
            day_first += 1;
        } else if b > 12 && a <= 12 {
            month_first += 1;
        }
    }
    if day_first != month_first {
        return if month_first > day_first {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        };
    }
    if !NUMERIC.is_match(text) {
        return DateOrder::DayFirst;
    }
    // Written dates in the file's head, English month names as printed
    // (case-sensitive, ASCII word boundaries: the scan stays on the fast
    // regex engine whatever script the file is in).
    static WRITTEN: LazyLock<(Regex, Regex)> = LazyLock::new(|| {
        let m = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.";
        (
            Regex::new(&format!(r"(?-u:\b)[0-3]?\d\s+(?:{m})")).expect("compiles"),
            Regex::new(&format!(r"(?-u:\b)(?:{m})\s+[0-3]?\d(?-u:\b)")).expect("compiles"),
        )
    });
    let head = &text[..text.floor_char_boundary(50_000)];
    let written_day_first = WRITTEN.0.find_iter(head).count();
    let written_month_first = WRITTEN.1.find_iter(head).count();
    if written_month_first > written_day_first {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    }
}

/// Whether `text` has a digit, a `/` or `.`, a digit, then another `/` or `.`
/// within three bytes: the shape every numeric date has. One pass over the
/// bytes spares most files the date regex.
fn may_hold_numeric_date(b: &[u8]) -> bool {
    let sep = |c: u8| c == b'/' || c == b'.';
    (1..b.len().saturating_sub(1)).any(|i| {
        sep(b[i])
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2..(i + 5).min(b.len())].iter().any(|&c| sep(c))
    })
}

/// Furniture phrases: `role<TAB>match<TAB>phrase`, where match is `line`
/// (the whole line), `prefix` (the line starts with it) or `contains`.
static FURNITURE: LazyLock<Vec<(Role, Match, String)>> = LazyLock::new(|| {
    include_str!("../../../data/furniture.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let role = match f.next()? {
                "dateline" => Role::Dateline,
                "byline" => Role::Byline,
                "source" => Role::SourceLine,
                "furniture" => Role::SiteFurniture,
                "separator" => Role::Separator,
                _ => return None,
            };
            let how = match f.next()? {
                "line" => Match::Line,
                "prefix" => Match::Prefix,
                "contains" => Match::Contains,
                _ => return None,
            };
            Some((role, how, f.next()?.trim().to_lowercase()))
        })
        .collect()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Line,
    Prefix,
    Contains,
}

/// The role a furniture phrase gives `line`, if one matches.
pub(crate) fn phrase_role(line: &str) -> Option<Role> {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '#')
        .trim();
    if t.is_empty() || t.len() > 240 {
        return None;
    }
    let lower = t.to_lowercase();
    let words = lower.trim_end_matches(['.', ':', '!']).trim();
    FURNITURE.iter().find_map(|(role, how, phrase)| {
        let hit = match how {
            Match::Line => words == phrase,
            Match::Prefix => lower.starts_with(phrase.as_str()),
            Match::Contains => lower.contains(phrase.as_str()),
        };
        hit.then_some(*role)
    })
}

/// A separator line between reports: `---`, `***`, `===`, `###`, `-30-`.
pub(crate) fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.len() <= 80
        && (t.chars().all(|c| {
            matches!(
                c,
                '-' | '*' | '_' | '=' | '~' | '#' | ' ' | '\u{2014}' | '\u{2013}'
            )
        }) || t == "-30-")
        || phrase_role(t) == Some(Role::Separator)
}

/// Navigation bars: several short items between pipes or bullets.
fn is_navigation(line: &str) -> bool {
    let seps =
        line.matches(" | ").count() + line.matches(" • ").count() + line.matches(" · ").count();
    seps >= 2 && line.split_whitespace().count() <= 4 * (seps + 1)
}

/// What a short line of a report's head is: a date line ("Friday, 20
/// February 2015", "Published: March 3, 2019", "(05/30/11)"), a byline, a
/// source line, or page furniture. `None` for prose or a title.
pub(crate) fn line_role(line: &str, order: DateOrder) -> Option<(Role, Option<LineDate>)> {
    let t = line.trim();
    // Head lines are short; a long line is prose, and is not scanned.
    if t.is_empty() || t.len() > 240 {
        return None;
    }
    if is_separator(t) {
        return Some((Role::Separator, None));
    }
    if is_navigation(t) {
        // "By Jane Doe | 12 May 2021" is a byline with a date, not navigation.
        let date = find_date(t, order);
        let by = starts_with_by(t);
        return Some(match (by, date) {
            (true, d) => (Role::Byline, d),
            (false, Some(d)) if date_dominates(t, &d) => (Role::Dateline, Some(d)),
            _ => (Role::SiteFurniture, None),
        });
    }
    if let Some(role) = phrase_role(t) {
        let date = find_date(t, order);
        return Some((role, date));
    }
    if starts_with_by(t) && t.split_whitespace().count() <= 16 && !t.ends_with('.') {
        return Some((Role::Byline, find_date(t, order)));
    }
    let date = find_date(t, order)?;
    date_dominates(t, &date).then_some((Role::Dateline, Some(date)))
}

/// "By Jane Doe", "Par Jean Dupont", "Por Ana Pérez".
fn starts_with_by(t: &str) -> bool {
    let mut w = t.split_whitespace();
    matches!(
        w.next(),
        Some("By" | "by" | "BY" | "Par" | "Por" | "Written")
    ) && w
        .next()
        .is_some_and(|n| n.starts_with(|c: char| c.is_uppercase()) || n == "by")
}

/// A line that is mostly its date: a weekday, a label ("Published:"), a
/// place or a time beside it, at most four words; not a sentence ("The
/// attack happened on 3 May.") nor a title that names a date ("Statement
/// on Today's Attack in Kabul (April 19, 2016)").
fn date_dominates(t: &str, d: &LineDate) -> bool {
    if t.len() > 120 {
        return false;
    }
    let rest = format!("{} {}", &t[..d.start], &t[d.end..]);
    let words: Vec<&str> = rest
        .split(|c: char| {
            c.is_whitespace()
                || matches!(c, '|' | ',' | '(' | ')' | '/' | '-' | '–' | '—' | ':' | '.')
        })
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let lower_words = words
        .iter()
        .filter(|w| w.len() > 3 && w.chars().all(char::is_lowercase))
        .count();
    words.len() <= 4 && lower_words <= 1 && !(t.ends_with('.') && words.len() > 2)
}

/// A dateline that opens a paragraph: "KABUL, July 12 (AP) --", "BAMAKO,
/// Mali (Reuters) -", "TAMPA, Fla. –", "March 26, 2021 –", "Bogotá, 14 de
/// marzo de 2021 —", "STUTTGART, Germany, April 3, 2018/ —". Returns the
/// byte length of the dateline (separator and spaces included) and its date.
pub(crate) fn lead_dateline(para: &str, order: DateOrder) -> Option<(usize, Option<LineDate>)> {
    let head_end = para.floor_char_boundary(140);
    let head = &para[..head_end];
    // The earliest dash that separates a dateline from its story.
    let dash = [" -- ", " — ", " – ", " - ", "— ", "/ —", "--", " —", " –"]
        .iter()
        .filter_map(|s| head.find(s).map(|i| (i, s.len())))
        .min_by_key(|&(i, _)| i);
    if let Some((at, len)) = dash {
        let prefix = head[..at].trim();
        if dateline_prefix(prefix, order) {
            let mut end = at + len;
            end += para[end..].len() - para[end..].trim_start().len();
            let date = find_date(prefix, order);
            return Some((end, date));
        }
    }
    // "TAMPA, Fla. Since April 23" and "KABUL (Reuters) Gunmen": a city in
    // capitals, then a state abbreviation or an agency, with no dash.
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+)*),\s+(?:[A-Z][a-z]{1,4}\.(?:\s?[A-Z]\.)?|[A-Z][a-z]+\s+\([A-Za-z-]{2,12}\))\s+|^(?:[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+)*)\s+\([A-Za-z-]{2,12}\)\s+")
            .expect("compiles")
    });
    let m = BARE.find(head)?;
    para[m.end()..]
        .starts_with(|c: char| c.is_uppercase())
        .then(|| (m.end(), find_date(m.as_str(), order)))
}

/// Whether the text before a dateline's dash is a dateline: a handful of
/// capitalised words, numbers, month names and an agency in brackets,
/// holding a city in capitals, a date or an agency.
fn dateline_prefix(prefix: &str, order: DateOrder) -> bool {
    if prefix.is_empty() || prefix.len() > 120 {
        return false;
    }
    let words: Vec<&str> = prefix
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 12 {
        return false;
    }
    const LINKS: &[&str] = &["de", "del", "le", "la", "of", "the"];
    let fits = |w: &&str| {
        let core = w.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | '/' | ':' | '[' | ']'));
        core.is_empty()
            || core.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || month_number(core).is_some()
            || LINKS.contains(&core)
            || w.starts_with('(')
    };
    if !words.iter().all(fits) {
        return false;
    }
    let caps_city = words.first().is_some_and(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
    });
    let agency = prefix.contains('(') && prefix.contains(')');
    let date = find_date(prefix, order).is_some();
    caps_city || agency || date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(line: &str) -> Option<String> {
        find_date(line, DateOrder::DayFirst).map(|d| d.date.to_string())
    }

    #[test]
    fn english_date_lines() {
        assert_eq!(
            iso("Friday, 20 February 2015").as_deref(),
            Some("2015-02-20")
        );
        assert_eq!(iso("May 06, 2016").as_deref(), Some("2016-05-06"));
        assert_eq!(iso("Sept. 3, 2024").as_deref(), Some("2024-09-03"));
        assert_eq!(
            iso("Published: March 3, 2019").as_deref(),
            Some("2019-03-03")
        );
        assert_eq!(iso("2015-02-20").as_deref(), Some("2015-02-20"));
    }

    #[test]
    fn romance_language_date_lines() {
        assert_eq!(
            iso("viernes, 2 de noviembre de 2012").as_deref(),
            Some("2012-11-02")
        );
        assert_eq!(iso("Niamey, le 5 juin 2022").as_deref(), Some("2022-06-05"));
        assert_eq!(
            iso("Bogotá, 14 de marzo de 2021").as_deref(),
            Some("2021-03-14")
        );
        assert_eq!(
            iso("Maputo, 3 de março de 2020").as_deref(),
            Some("2020-03-03")
        );
        assert_eq!(iso("lundi 1er août 2022").as_deref(), Some("2022-08-01"));
    }

    #[test]
    fn numeric_dates_follow_the_document_order() {
        let f = |s: &str, o| find_date(s, o).map(|d| d.date.to_string());
        assert_eq!(
            f("04/03/2017", DateOrder::DayFirst).as_deref(),
            Some("2017-03-04")
        );
        assert_eq!(
            f("04/03/2017", DateOrder::MonthFirst).as_deref(),
            Some("2017-04-03")
        );
        assert_eq!(
            f("(05/30/11)", DateOrder::DayFirst).as_deref(),
            Some("2011-05-30")
        );
        assert_eq!(
            infer_date_order("on 04/03/2017 and 25/03/2017"),
            DateOrder::DayFirst
        );
        assert_eq!(
            infer_date_order("on 04/03/2017 and 03/25/2017"),
            DateOrder::MonthFirst
        );
        assert_eq!(
            infer_date_order("04/03/2017, on July 4, 2017"),
            DateOrder::MonthFirst
        );
    }

    #[test]
    fn a_wire_date_without_a_year_says_so() {
        let d = find_date("KABUL, July 12 (AP)", DateOrder::DayFirst).unwrap();
        assert!(!d.year_known);
        assert_eq!(d.date.to_string(), "2000-07-12");
    }

    #[test]
    fn head_lines_get_their_roles() {
        let role = |s: &str| line_role(s, DateOrder::DayFirst).map(|(r, _)| r);
        assert_eq!(role("Friday, 20 February 2015"), Some(Role::Dateline));
        assert_eq!(role("By Jane Doe | 12 May 2021"), Some(Role::Byline));
        assert_eq!(role("By Amina Yusuf, Staff Reporter"), Some(Role::Byline));
        assert_eq!(
            role("Home | World | Africa | Subscribe"),
            Some(Role::SiteFurniture)
        );
        assert_eq!(role("---"), Some(Role::Separator));
        assert_eq!(
            role("Gunmen killed 12 villagers in Zamfara on 3 May 2021."),
            None
        );
        assert_eq!(role("Attack on a Market in Zamfara"), None);
    }

    #[test]
    fn wire_and_statement_datelines_open_a_paragraph() {
        let lead = |s: &str| {
            lead_dateline(s, DateOrder::DayFirst)
                .map(|(n, d)| (s[n..].to_string(), d.map(|d| d.date.to_string())))
        };
        let (rest, date) = lead("KABUL, July 12 (AP) -- Gunmen stormed a hotel.").unwrap();
        assert_eq!(rest, "Gunmen stormed a hotel.");
        assert_eq!(date.as_deref(), Some("2000-07-12"));
        let (rest, _) = lead("BAMAKO, Mali (Reuters) - Soldiers clashed with rebels.").unwrap();
        assert_eq!(rest, "Soldiers clashed with rebels.");
        let (rest, date) = lead("March 26, 2021 – The embassy condemns the attack.").unwrap();
        assert_eq!(rest, "The embassy condemns the attack.");
        assert_eq!(date.as_deref(), Some("2021-03-26"));
        let (rest, _) = lead("TAMPA, Fla. Since April 23, the U.S. military has struck.").unwrap();
        assert_eq!(rest, "Since April 23, the U.S. military has struck.");
        let (rest, date) =
            lead("STUTTGART, Germany, April 3, 2018/ — U.S. forces struck.").unwrap();
        assert_eq!(rest, "U.S. forces struck.");
        assert_eq!(date.as_deref(), Some("2018-04-03"));
        assert!(lead("Gunmen killed five people - a police spokesman said.").is_none());
        assert!(lead("The army, backed by - drones, attacked.").is_none());
    }
}
