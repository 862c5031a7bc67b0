//! Citation dates: `7 August 2024`, `April 7, 2024`, `Accessed 13 January 2024`,
//! `April 2024`, `Updated 2024`, `2024-08-07`; `n.d.` means none.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;
use watchfloor_model::PartialDate;

/// A date found in a citation's tail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: PartialDate,
    /// `Accessed …` / `Retrieved …`: when the citer read it, not when it was published.
    pub is_access: bool,
    /// Byte range of the whole expression, keyword included.
    pub start: usize,
    pub end: usize,
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let m = watchfloor_text::months::english_names()
        .map(|(n, _)| n)
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?i)(?:\b(accessed|retrieved|updated|last updated|published|posted)(?:\s+on)?:?\s+)?(?:\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({m})\.?,?\s+(\d{{4}})\b|\b({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b|\b({m})\.?,?\s+(\d{{4}})\b|\b(\d{{4}})-(\d{{2}})-(\d{{2}})\b|\b(\d{{4}})\b)"
    ))
    .expect("date regex is valid")
});

/// Every date expression in `s`, in order. Years outside 1800–2200 are
/// ignored (a bare number is more likely a count or an id), and so are
/// impossible days (`31 February`), which chrono rejects.
pub(crate) fn find_dates(s: &str) -> Vec<FoundDate> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(s) {
        let whole = c.get(0).expect("match");
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year_ok = |y: u32| (1800..=2200).contains(&y);
        let date = if let (Some(d), Some(m), Some(y)) = (num(2), c.get(3), num(4)) {
            watchfloor_text::month_number(m.as_str())
                .and_then(|m| NaiveDate::from_ymd_opt(y as i32, m, d))
                .map(PartialDate::day)
                .filter(|_| year_ok(y))
        } else if let (Some(m), Some(d), Some(y)) = (c.get(5), num(6), num(7)) {
            watchfloor_text::month_number(m.as_str())
                .and_then(|m| NaiveDate::from_ymd_opt(y as i32, m, d))
                .map(PartialDate::day)
                .filter(|_| year_ok(y))
        } else if let (Some(m), Some(y)) = (c.get(8), num(9)) {
            watchfloor_text::month_number(m.as_str())
                .and_then(|m| PartialDate::month(y as i32, m))
                .filter(|_| year_ok(y))
        } else if let (Some(y), Some(m), Some(d)) = (num(10), num(11), num(12)) {
            NaiveDate::from_ymd_opt(y as i32, m, d)
                .map(PartialDate::day)
                .filter(|_| year_ok(y))
        } else if let Some(y) = num(13) {
            PartialDate::year(y as i32).filter(|_| year_ok(y))
        } else {
            None
        };
        let Some(date) = date else { continue };
        let is_access = c.get(1).is_some_and(|k| {
            let k = k.as_str().to_ascii_lowercase();
            k == "accessed" || k == "retrieved"
        });
        out.push(FoundDate {
            date,
            is_access,
            start: whole.start(),
            end: whole.end(),
        });
    }
    out
}

/// Parse a whole date expression such as `7 August 2024`, `April 7, 2024`,
/// `Accessed 13 January 2024` or `April 2024`. Returns the date and whether
/// it is an access date; `None` for `n.d.` or anything that is not a date.
pub fn parse_date(s: &str) -> Option<(PartialDate, bool)> {
    let t = s.trim().trim_end_matches(['.', ',']);
    let found = find_dates(t);
    let d = found
        .into_iter()
        .find(|d| d.start == 0 && d.end == t.len())?;
    Some((d.date, d.is_access))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_date(s).map(|(d, _)| d.to_string())
    }

    #[test]
    fn day_month_and_year_forms() {
        assert_eq!(iso("7 August 2024").as_deref(), Some("2024-08-07"));
        assert_eq!(iso("April 7, 2024").as_deref(), Some("2024-04-07"));
        assert_eq!(iso("Sept. 3, 2021").as_deref(), Some("2021-09-03"));
        assert_eq!(iso("April 2024").as_deref(), Some("2024-04"));
        assert_eq!(iso("Updated 2024.").as_deref(), Some("2024"));
        assert_eq!(iso("2023-11-05").as_deref(), Some("2023-11-05"));
        assert_eq!(iso("Updated October 2022").as_deref(), Some("2022-10"));
    }

    #[test]
    fn access_dates_are_marked() {
        let (d, acc) = parse_date("Accessed 13 January 2024").unwrap();
        assert_eq!(d.to_string(), "2024-01-13");
        assert!(acc);
        assert!(!parse_date("Updated 14 February 2024").unwrap().1);
    }

    #[test]
    fn non_dates_and_impossible_dates_are_none() {
        assert_eq!(iso("n.d."), None);
        assert_eq!(iso("31 February 2024"), None);
        assert_eq!(iso("Le Monde"), None);
        assert_eq!(iso("12345"), None);
    }
}
