//! Month names in the languages the parser reads: English (with its
//! abbreviations), French, Spanish and Portuguese, each with its number.
//!
//! Lower case, as they are looked up; a name two languages share (`abril`,
//! Spanish and Portuguese) is listed once.

/// English month names, in order.
pub const ENGLISH: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// English abbreviations ("Sept." and "Sep." both stand for September; May,
/// June and July are not shortened), in order.
pub const ENGLISH_SHORT: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// French month names, with and without their accents.
pub const FRENCH: &[(&str, u32)] = &[
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
];

/// Spanish month names ("setiembre" is the Peruvian and Uruguayan spelling).
pub const SPANISH: &[(&str, u32)] = &[
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// Portuguese month names not spelled as in Spanish or French (`abril`,
/// `agosto`, `novembro` are read through those tables).
pub const PORTUGUESE: &[(&str, u32)] = &[
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
];

/// Every table, English first.
pub const ALL: &[&[(&str, u32)]] = &[ENGLISH, ENGLISH_SHORT, FRENCH, SPANISH, PORTUGUESE];

/// Every month name of every language, with its number, in [`ALL`]'s order.
pub fn month_names() -> impl Iterator<Item = (&'static str, u32)> {
    ALL.iter().flat_map(|t| t.iter().copied())
}

/// English names and abbreviations, full names first.
pub fn english_names() -> impl Iterator<Item = (&'static str, u32)> {
    ENGLISH.iter().chain(ENGLISH_SHORT).copied()
}

/// The number of the month `name` names, in any language: case-blind, a
/// final full stop ignored ("Sept." → 9, "Février" → 2, "março" → 3).
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    month_names().find(|(m, _)| *m == n).map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_is_read() {
        assert_eq!(month_number("January"), Some(1));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("SEP"), Some(9));
        assert_eq!(month_number("Février"), Some(2));
        assert_eq!(month_number("fevrier"), Some(2));
        assert_eq!(month_number("diciembre"), Some(12));
        assert_eq!(month_number("setiembre"), Some(9));
        assert_eq!(month_number("Março"), Some(3));
        assert_eq!(month_number("outubro"), Some(10));
        assert_eq!(month_number("Mai"), Some(5));
        assert_eq!(month_number("Monday"), None);
        assert_eq!(month_number("ma"), None);
    }

    #[test]
    fn no_name_has_two_numbers_and_every_month_is_named_in_each_language() {
        let mut seen = std::collections::HashMap::new();
        for (n, k) in month_names() {
            assert!((1..=12).contains(&k));
            assert_eq!(*seen.entry(n).or_insert(k), k, "{n}");
        }
        for table in [ENGLISH, FRENCH, SPANISH] {
            let months: std::collections::BTreeSet<u32> = table.iter().map(|(_, k)| *k).collect();
            assert_eq!(months.len(), 12);
        }
        assert!(english_names().all(|(n, _)| n.is_ascii()));
    }
}
