//! Date expressions: absolute ("25 August 2024", "August 25", "the 9th of
//! September"), month-only ("July 2024", "at the end of July", "last
//! November") and relative ("on Sunday", "yesterday", "last night", "the
//! previous day"), resolved against a reference date such as the
//! publication date of the excerpt they stand in.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;
use watchfloor_model::{DateOrder, DatePrecision, PartialDate, Span};

use crate::numbers::unit_value;
use crate::words::exact_alternation;

/// What a date expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateValue {
    /// A day of a month, with or without a year.
    Day {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// A month, with or without a year; `last` for "last November".
    Month {
        year: Option<i32>,
        month: u32,
        last: bool,
    },
    Year {
        year: i32,
    },
    /// "on Sunday", "last Wednesday".
    Weekday {
        weekday: u8,
        last: bool,
    },
    /// "yesterday" (-1), "today" (0), "the previous day" (-1).
    DaysFromReference {
        days: i32,
    },
    /// "the previous day" (-1), "the same day" (0), "a day later" (+1),
    /// "three days earlier" (-3): counted from the last day the paragraph named, else from the
    /// reference ([`DateMention::resolve_after`]).
    DaysFromAnchor {
        days: i32,
    },
    /// "last week", "last month": only the month can be known.
    RoughlyDaysBefore {
        days: i32,
    },
    /// "last year" (-1), "this year" (0): only the year can be known.
    YearsFromReference {
        years: i32,
    },
}

/// A date expression found in text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DateMention {
    pub span: Span,
    pub value: DateValue,
}

/// The date an expression resolves to and how firmly the text fixes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ResolvedDate {
    pub date: PartialDate,
    pub certainty: Certainty,
}

/// Ordered from weakest to strongest; merging keeps the strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// A stand-in: the announcing source's month, or "last week".
    Approximate,
    /// Month and year as written.
    Month,
    /// A relative day ("yesterday") resolved against a publication date.
    RelativeDay,
    /// A calendar day written out.
    ExplicitDay,
}

/// The date relative expressions count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub date: PartialDate,
    /// The text was not written on this date (an access date, or the date a
    /// commentary borrows from the source it discusses), so "yesterday"
    /// cannot be resolved against it: only the month stands.
    pub is_access: bool,
}

/// English month names as prose writes them (capitalised), as a regex group
/// `m`, from [`watchfloor_text::months`]: full names, then abbreviations
/// with their full stop (`Jan.`, `Sept.`), or, with `dot_optional`, also
/// without it.
fn month_group(dot_optional: bool) -> String {
    let dot = if dot_optional { r"\.?" } else { r"\." };
    let names: Vec<String> = watchfloor_text::months::ENGLISH
        .iter()
        .map(|(n, _)| capital(n))
        .chain(
            watchfloor_text::months::ENGLISH_SHORT
                .iter()
                .map(|(n, _)| format!("{}{dot}", capital(n))),
        )
        .collect();
    format!("(?P<m>{})", names.join("|"))
}

crate::words::words! {
    /// The days of the week, Monday first.
    WEEKDAY_NAMES = dates.weekdays;
    /// Strings every date expression without a digit or month holds.
    CUES = dates.cues;
    DAY_BEFORE_WRITING = dates.day_before_writing;
    DAY_OF_WRITING = dates.day_of_writing;
    WEEK_BEFORE_WRITING = dates.week_before_writing;
    MONTH_BEFORE_WRITING = dates.month_before_writing;
    YEAR_BEFORE_WRITING = dates.year_before_writing;
    YEAR_OF_WRITING = dates.year_of_writing;
    SAME_DAY_AS_NAMED = dates.same_day_as_named;
    DAY_BEFORE_NAMED = dates.day_before_named;
    DAY_AFTER_NAMED = dates.day_after_named;
    /// "a", "an": one, before "day later".
    ONE_AS_ARTICLE = dates.one_as_article;
    /// Words after which "May" is the month.
    BEFORE_MAY = dates.before_may;
}

/// Relative dates counted from the day of writing, each list with its value.
fn relative_to_writing() -> [(&'static [&'static str], DateValue); 6] {
    [
        (
            &DAY_BEFORE_WRITING[..],
            DateValue::DaysFromReference { days: -1 },
        ),
        (
            &DAY_OF_WRITING[..],
            DateValue::DaysFromReference { days: 0 },
        ),
        (
            &WEEK_BEFORE_WRITING[..],
            DateValue::RoughlyDaysBefore { days: 7 },
        ),
        (
            &MONTH_BEFORE_WRITING[..],
            DateValue::RoughlyDaysBefore { days: 30 },
        ),
        (
            &YEAR_BEFORE_WRITING[..],
            DateValue::YearsFromReference { years: -1 },
        ),
        (
            &YEAR_OF_WRITING[..],
            DateValue::YearsFromReference { years: 0 },
        ),
    ]
}

/// The weekday names as prose writes them (capitalised), as a regex group.
fn weekday_group() -> String {
    let names: Vec<String> = WEEKDAY_NAMES.iter().map(|w| capital(w)).collect();
    format!("(?:{})", names.join("|"))
}

/// `name` with its first letter in upper case.
fn capital(name: &str) -> String {
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// The count words before "days earlier" / "days later": the articles
/// that stand for one, then the number words one to ten.
fn day_count_words() -> Vec<&'static str> {
    ONE_AS_ARTICLE
        .iter()
        .copied()
        .chain(crate::numbers::UNITS.iter().copied().skip(1).take(10))
        .collect()
}

struct Patterns {
    day_month: Regex,
    month_day: Regex,
    iso: Regex,
    numeric: Regex,
    month_year: Regex,
    month_alone: Regex,
    weekday: Regex,
    relative: Regex,
    anchored: Regex,
    year: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?";
        let year = r"(?P<y>(?:19|20)\d\d)";
        let r = |s: String| Regex::new(&s).expect("date pattern compiles");
        let months = month_group(false);
        // Next to a day number a short form without its full stop ("Aug 5",
        // "5 Sept 2024") cannot be a name or a word.
        let months_by_day = month_group(true);
        let weekdays = weekday_group();
        let relative = relative_to_writing()
            .iter()
            .map(|(words, _)| exact_alternation(words))
            .collect::<Vec<_>>()
            .join("|");
        let (same, back, on) = (
            exact_alternation(&SAME_DAY_AS_NAMED),
            exact_alternation(&DAY_BEFORE_NAMED),
            exact_alternation(&DAY_AFTER_NAMED),
        );
        let count = exact_alternation(&day_count_words());
        Patterns {
            // "the night of 14-15 June", "between 3 and 5 June": a range
            // counts from its first day.
            day_month: r(format!(r"(?-u:\b)(?:{weekdays},?\s+)?(?:the\s+)?(?:(?P<first>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*)?{day}\s+(?:of\s+)?{months_by_day}(?:,?\s+{year})?(?-u:\b)")),
            month_day: r(format!(r"(?-u:\b)(?:{weekdays},?\s+)?{months_by_day}\s+{day}(?-u:\b)(?:,?\s+{year}(?-u:\b))?")),
            iso: r(r"(?-u:\b)(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?-u:\b)".to_string()),
            numeric: r(r"(?-u:\b)(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)?\d\d)(?-u:\b)".to_string()),
            month_year: r(format!(r"(?-u:\b){months},?\s+(?:of\s+)?{year}(?-u:\b)")),
            month_alone: r(format!(r"(?-u:\b)(?P<last>[Ll]ast\s+)?{months}")),
            weekday: r(format!(r"(?-u:\b)(?P<last>[Ll]ast\s+)?(?P<w>{weekdays})(?-u:\b)")),
            relative: r(format!(r"(?i)(?-u:\b)(?P<r>{relative})(?-u:\b)")),
            year: r(format!(r"(?-u:\b){year}(?-u:\b)")),
            anchored: r(format!(r"(?i)(?-u:\b)(?:(?P<same>{same})|(?P<back>{back})|(?P<on>{on})|(?P<n>{count}|\d{{1,2}})\s+days?\s+(?P<dir>earlier|later))(?-u:\b)")),
        }
    })
}

fn month_number(name: &str) -> u32 {
    watchfloor_text::month_number(name).unwrap_or(1)
}

fn weekday_number(name: &str) -> u8 {
    let lower = name.to_ascii_lowercase();
    WEEKDAY_NAMES.iter().position(|w| *w == lower).unwrap_or(0) as u8
}

/// The first three letters of every English month name, which every
/// month name and abbreviation starts with ("jan", ..., "may", ...).
fn month_prefixes() -> impl Iterator<Item = String> {
    watchfloor_text::months::ENGLISH
        .iter()
        .map(|(n, _)| n.chars().take(3).collect())
}

/// Whether `text` can hold a date expression at all: a digit, or a month,
/// weekday or relative-day word. Most sentences hold none, and this check
/// is far cheaper than the patterns.
fn may_hold_date(text: &str) -> bool {
    static WORDS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(month_prefixes().chain(CUES.iter().map(|c| c.to_string())))
            .expect("date keywords build")
    });
    text.bytes().any(|b| b.is_ascii_digit()) || words.is_match(text)
}

/// Every date expression in `text`, non-overlapping, in order; numeric
/// dates ("04/03/2017") read day first.
pub fn find(text: &str) -> Vec<DateMention> {
    find_ordered(text, DateOrder::DayFirst)
}

/// [`find`], reading numeric dates in `order` (the document's, as the
/// parser inferred it); a number over 12 settles a date either way.
pub fn find_ordered(text: &str, order: DateOrder) -> Vec<DateMention> {
    if !may_hold_date(text) {
        return Vec::new();
    }
    let p = patterns();
    let mut found: Vec<DateMention> = Vec::new();
    let push = |start: usize, end: usize, value: DateValue, found: &mut Vec<DateMention>| {
        if found
            .iter()
            .any(|m| m.span.start < end && start < m.span.end)
        {
            return;
        }
        found.push(DateMention {
            span: Span::new(start, end),
            value,
        });
    };
    // "25 August 2024" and "August 25, 2024" alike; "May 2024" is a month, not
    // the 20th of May, so a day must not run on into more digits.
    for c in p
        .day_month
        .captures_iter(text)
        .chain(p.month_day.captures_iter(text))
    {
        let day: u32 = c
            .name("first")
            .unwrap_or_else(|| c.name("d").unwrap())
            .as_str()
            .parse()
            .unwrap_or(0);
        let m = c.get(0).unwrap();
        let runs_on =
            text[c.name("d").unwrap().end()..].starts_with(|ch: char| ch.is_ascii_digit());
        if (1..=31).contains(&day) && !runs_on {
            let year = c.name("y").and_then(|y| y.as_str().parse().ok());
            let value = DateValue::Day {
                year,
                month: month_number(&c["m"]),
                day,
            };
            push(m.start(), m.end(), value, &mut found);
        }
    }
    // "2024-03-04": the one numeric form that reads the same everywhere.
    for c in p.iso.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (month, day): (u32, u32) = (c["mo"].parse().unwrap_or(0), c["d"].parse().unwrap_or(0));
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            let value = DateValue::Day {
                year: c["y"].parse().ok(),
                month,
                day,
            };
            push(m.start(), m.end(), value, &mut found);
        }
    }
    // "04/03/2017", "(05/30/11)": the order is the document's.
    for c in p.numeric.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (a, b): (u32, u32) = (c["a"].parse().unwrap_or(0), c["b"].parse().unwrap_or(0));
        let (day, month) = match order {
            _ if a > 12 => (a, b),
            _ if b > 12 => (b, a),
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        let y = &c["y"];
        let year = y.parse::<i32>().ok().map(|n| match y.len() {
            2 if n < 70 => 2000 + n,
            2 => 1900 + n,
            _ => n,
        });
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            push(
                m.start(),
                m.end(),
                DateValue::Day { year, month, day },
                &mut found,
            );
        }
    }
    for c in p.month_year.captures_iter(text) {
        let m = c.get(0).unwrap();
        let year = c["y"].parse().ok();
        push(
            m.start(),
            m.end(),
            DateValue::Month {
                year,
                month: month_number(&c["m"]),
                last: false,
            },
            &mut found,
        );
    }
    for c in p.month_alone.captures_iter(text) {
        let m = c.get(0).unwrap();
        let name = &c["m"];
        // "May" is also a verb: a bare "May" counts only after a preposition.
        if name == "May" && !preceded_by_preposition(&text[..m.start()]) && c.name("last").is_none()
        {
            continue;
        }
        let last = c.name("last").is_some();
        push(
            m.start(),
            m.end(),
            DateValue::Month {
                year: None,
                month: month_number(name),
                last,
            },
            &mut found,
        );
    }
    for c in p.weekday.captures_iter(text) {
        let m = c.get(0).unwrap();
        let value = DateValue::Weekday {
            weekday: weekday_number(&c["w"]),
            last: c.name("last").is_some(),
        };
        push(m.start(), m.end(), value, &mut found);
    }
    for c in p.anchored.captures_iter(text) {
        let m = c.get(0).unwrap();
        let days = if c.name("same").is_some() {
            0
        } else if c.name("back").is_some() {
            -1
        } else if c.name("on").is_some() {
            1
        } else {
            let n = c["n"].to_ascii_lowercase();
            let n: i32 = if ONE_AS_ARTICLE.contains(&n.as_str()) {
                1
            } else {
                unit_value(&n).map_or_else(|| n.parse().unwrap_or(0), |v| v as i32)
            };
            if c["dir"].eq_ignore_ascii_case("earlier") {
                -n
            } else {
                n
            }
        };
        push(
            m.start(),
            m.end(),
            DateValue::DaysFromAnchor { days },
            &mut found,
        );
    }
    for c in p.relative.captures_iter(text) {
        let m = c.get(0).unwrap();
        let said = c["r"].to_ascii_lowercase();
        let value = relative_to_writing()
            .into_iter()
            .find(|(words, _)| words.contains(&said.as_str()))
            .map_or(DateValue::DaysFromReference { days: -1 }, |(_, v)| v);
        push(m.start(), m.end(), value, &mut found);
    }
    for c in p.year.captures_iter(text) {
        let m = c.get(0).unwrap();
        let year = c["y"].parse().unwrap_or(0);
        push(m.start(), m.end(), DateValue::Year { year }, &mut found);
    }
    found.sort_by_key(|m| m.span.start);
    found
}

fn preceded_by_preposition(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    BEFORE_MAY.contains(&word.to_ascii_lowercase().as_str())
}

impl DateMention {
    /// Resolves against `reference`; `None` when the expression says too
    /// little (a bare year) or needs a reference that is missing.
    /// Like [`DateMention::resolve`], but "the previous day" and "two days
    /// later" count from `anchor`, the last day named before this mention
    /// in the same paragraph, when there is one.
    pub fn resolve_after(
        &self,
        reference: Option<Reference>,
        anchor: Option<NaiveDate>,
    ) -> Option<ResolvedDate> {
        match (self.value, anchor) {
            (DateValue::DaysFromAnchor { days }, Some(anchor)) => Some(ResolvedDate {
                date: PartialDate::day(anchor + Duration::days(days as i64)),
                certainty: Certainty::RelativeDay,
            }),
            _ => self.resolve(reference),
        }
    }

    pub fn resolve(&self, reference: Option<Reference>) -> Option<ResolvedDate> {
        let ref_date = reference.map(|r| r.date);
        let usable_day_ref =
            reference.filter(|r| !r.is_access && r.date.precision == DatePrecision::Day);
        match self.value {
            DateValue::Day { year, month, day } => {
                let year = match year {
                    Some(y) => y,
                    None => infer_year(ref_date?, month, Some(day))?,
                };
                let date = NaiveDate::from_ymd_opt(year, month, day)?;
                Some(ResolvedDate {
                    date: PartialDate::day(date),
                    certainty: Certainty::ExplicitDay,
                })
            }
            DateValue::Month { year, month, last } => {
                let year = match year {
                    Some(y) => y,
                    None => {
                        let r = ref_date?;
                        if last && month == r.date.month() {
                            r.date.year() - 1
                        } else {
                            infer_year(r, month, None)?
                        }
                    }
                };
                Some(ResolvedDate {
                    date: PartialDate::month(year, month)?,
                    certainty: Certainty::Month,
                })
            }
            DateValue::Year { .. } => None,
            DateValue::Weekday { weekday, last } => match usable_day_ref {
                Some(r) => {
                    let target = weekday as i64;
                    let current = r.date.date.weekday().num_days_from_monday() as i64;
                    let mut back = (current - target).rem_euclid(7);
                    if back == 0 && last {
                        back = 7;
                    }
                    let date = r.date.date - Duration::days(back);
                    Some(ResolvedDate {
                        date: PartialDate::day(date),
                        certainty: Certainty::RelativeDay,
                    })
                }
                None => approximate(ref_date?, 0),
            },
            DateValue::DaysFromReference { days } | DateValue::DaysFromAnchor { days } => {
                match usable_day_ref {
                    Some(r) => {
                        let date = r.date.date + Duration::days(days as i64);
                        Some(ResolvedDate {
                            date: PartialDate::day(date),
                            certainty: Certainty::RelativeDay,
                        })
                    }
                    None => approximate(ref_date?, 0),
                }
            }
            DateValue::RoughlyDaysBefore { days } => approximate(ref_date?, days),
            DateValue::YearsFromReference { years } => {
                let date = PartialDate::year(ref_date?.year_value() + years)?;
                Some(ResolvedDate {
                    date,
                    certainty: Certainty::Month,
                })
            }
        }
    }

    /// True for expressions that cannot date an event by themselves (a bare year).
    pub fn is_year_only(&self) -> bool {
        matches!(
            self.value,
            DateValue::Year { .. } | DateValue::YearsFromReference { .. }
        )
    }
}

fn approximate(reference: PartialDate, days_before: i32) -> Option<ResolvedDate> {
    let date = reference.date - Duration::days(days_before as i64);
    let date = PartialDate::month(date.year(), date.month())?;
    Some(ResolvedDate {
        date,
        certainty: Certainty::Approximate,
    })
}

/// The year that puts `month`/`day` at or shortly before the reference:
/// reports speak of the recent past.
fn infer_year(reference: PartialDate, month: u32, day: Option<u32>) -> Option<i32> {
    let year = reference.date.year();
    let candidate = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))?;
    let slack = match reference.precision {
        DatePrecision::Day => Duration::days(3),
        DatePrecision::Month => Duration::days(31),
        DatePrecision::Year => Duration::days(366),
    };
    if candidate > reference.date + slack {
        Some(year - 1)
    } else {
        Some(year)
    }
}

/// `Weekday` from its Monday-based number (for callers formatting results).
pub fn weekday_name(n: u8) -> Weekday {
    Weekday::try_from(n).unwrap_or(Weekday::Mon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(s: &str) -> Option<Reference> {
        Some(Reference {
            date: s.parse().unwrap(),
            is_access: false,
        })
    }

    fn resolve_all(text: &str, r: &str) -> Vec<String> {
        find(text)
            .iter()
            .filter_map(|m| m.resolve(reference(r)))
            .map(|d| d.date.to_string())
            .collect()
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(
            resolve_all("on 29 September, 59 people", "2023-10-01"),
            vec!["2023-09-29"]
        );
        assert_eq!(
            resolve_all("on the morning of August 25, 2024.", "2024-08-26"),
            vec!["2024-08-25"]
        );
        assert_eq!(
            resolve_all("On the 9th of September, six men", "2023-09-29"),
            vec!["2023-09-09"]
        );
        assert_eq!(
            resolve_all("Last Wednesday, January 3rd, blasts", "2024-01-13"),
            vec!["2024-01-03"]
        );
        assert_eq!(
            resolve_all("From May 6 to 8, they hunted", "2024-05-09"),
            vec!["2024-05-06"]
        );
    }

    #[test]
    fn year_is_inferred_backwards_across_new_year() {
        assert_eq!(
            resolve_all("the raid of December 30", "2024-01-04"),
            vec!["2023-12-30"]
        );
    }

    #[test]
    fn month_forms() {
        assert_eq!(
            resolve_all("at the end of July in the north", "2024-09-12"),
            vec!["2024-07"]
        );
        assert_eq!(
            resolve_all("the capture of the town last November", "2024-09-12"),
            vec!["2023-11"]
        );
        assert_eq!(
            resolve_all("in July 2024, when", "2025-01-01"),
            vec!["2024-07"]
        );
        assert_eq!(
            resolve_all("Last February, a court", "2024-04-06"),
            vec!["2024-02"]
        );
    }

    #[test]
    fn relative_days_need_a_publication_date() {
        assert_eq!(
            resolve_all("killed 21 civilians on Sunday", "2024-08-26"),
            vec!["2024-08-25"]
        );
        assert_eq!(
            resolve_all("an attack yesterday", "2023-11-06"),
            vec!["2023-11-05"]
        );
        let access = Some(Reference {
            date: "2024-01-13".parse().unwrap(),
            is_access: true,
        });
        let m = find("late yesterday")[0];
        let r = m.resolve(access).unwrap();
        assert_eq!(r.date.to_string(), "2024-01");
        assert_eq!(r.certainty, Certainty::Approximate);
    }

    #[test]
    fn short_months_beside_a_day_and_iso_dates() {
        assert_eq!(
            resolve_all("on Aug 5, gunmen", "2024-09-10"),
            vec!["2024-08-05"]
        );
        assert_eq!(
            resolve_all("on 5 Sept 2024", "2024-09-10"),
            vec!["2024-09-05"]
        );
        assert_eq!(
            resolve_all("dated 2024-03-04 in", "2024-09-10"),
            vec!["2024-03-04"]
        );
        // A short form alone is a name or a word, not a month.
        assert!(find("Jan Egeland and Mar Elias church").is_empty());
    }

    #[test]
    fn a_range_of_days_is_one_mention_from_its_first_day() {
        assert_eq!(
            resolve_all("on the night of 14-15 June", "2024-07-20"),
            vec!["2024-06-14"]
        );
        assert_eq!(
            resolve_all("between 3 and 5 June 2024", "2024-07-20"),
            vec!["2024-06-03"]
        );
        assert_eq!(find("on the night of 14-15 June")[0].span.start, 16);
    }

    #[test]
    fn days_before_and_after_count_from_the_last_day_named() {
        let found =
            find("Three days later they struck again; the previous day was calm; a day earlier");
        let days: Vec<_> = found.iter().map(|m| m.value).collect();
        assert_eq!(
            days,
            vec![
                DateValue::DaysFromAnchor { days: 3 },
                DateValue::DaysFromAnchor { days: -1 },
                DateValue::DaysFromAnchor { days: -1 },
            ]
        );
        let anchor = NaiveDate::from_ymd_opt(2024, 8, 20);
        let later = found[0]
            .resolve_after(reference("2024-08-25"), anchor)
            .unwrap();
        assert_eq!(later.date.to_string(), "2024-08-23");
        // Without a day named before, the reference is the anchor.
        let alone = found[1]
            .resolve_after(reference("2024-08-25"), None)
            .unwrap();
        assert_eq!(alone.date.to_string(), "2024-08-24");
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(find("Others may view it as positive. May God help.").is_empty());
        assert_eq!(
            resolve_all("fighting in May killed", "2024-06-01"),
            vec!["2024-05"]
        );
    }

    #[test]
    fn last_year_is_known_to_the_year_only() {
        let r = find("the killing of the governor last year")[0]
            .resolve(reference("2024-01-13"))
            .unwrap();
        assert_eq!(r.date.to_string(), "2023");
    }

    #[test]
    fn bare_years_do_not_resolve() {
        let m = find("since 2011 the group");
        assert_eq!(m.len(), 1);
        assert!(m[0].is_year_only());
        assert!(m[0].resolve(reference("2024-01-01")).is_none());
    }
}
