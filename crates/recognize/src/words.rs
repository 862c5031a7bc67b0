//! The word lists recognition's mechanisms read, from `data/recognize.toml`
//! (compiled in). Code names a list and says how it is used; what belongs
//! in it is data. The same pattern as the extractor's `words.rs`.

use std::sync::LazyLock;

static TABLE: LazyLock<toml::Table> = LazyLock::new(|| {
    include_str!("../../../data/recognize.toml")
        .parse()
        .expect("data/recognize.toml is valid TOML (a test checks every list)")
});

/// A list of lower-case words or phrases, loaded on first use.
pub(crate) type Words = LazyLock<Vec<&'static str>>;

/// The list `key` of section `section` of `data/recognize.toml`.
///
/// A missing list is a build defect, caught by the `every_list_loads` test.
pub(crate) fn list(section: &str, key: &str) -> Vec<&'static str> {
    let table: &'static toml::Table = &TABLE;
    table
        .get(section)
        .and_then(|s| s.get(key))
        .and_then(|v| v.as_array())
        .unwrap_or_else(|| panic!("data/recognize.toml has no list [{section}] {key}"))
        .iter()
        .filter_map(|v| v.as_str())
        .collect()
}

/// `words` as a regex alternation, each escaped, spaces matching any run
/// of white space ("at least" also matches "at  least"), in list order.
pub(crate) fn alternation(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// `words` as a regex alternation, each escaped and matched as written
/// (a space matches one space), in list order.
pub(crate) fn exact_alternation(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

/// Declares statics that load their list on first use:
/// `words! { VAGUE = numbers.vague; }`.
macro_rules! words {
    ($($(#[$doc:meta])* $vis:vis $name:ident = $section:ident . $key:ident;)*) => {
        $(
            $(#[$doc])*
            $vis static $name: $crate::words::Words = std::sync::LazyLock::new(|| {
                $crate::words::list(stringify!($section), stringify!($key))
            });
        )*
    };
}
pub(crate) use words;

#[cfg(test)]
mod tests {
    #[test]
    fn every_list_loads_and_is_lower_case() {
        let table: &toml::Table = &super::TABLE;
        assert!(!table.is_empty());
        for (section, lists) in table {
            for key in lists.as_table().expect("sections hold lists").keys() {
                let words = super::list(section, key);
                assert!(!words.is_empty(), "[{section}] {key} is empty");
                for w in words {
                    assert_eq!(
                        w,
                        w.to_lowercase(),
                        "[{section}] {key}: {w:?} is not lower case"
                    );
                }
            }
        }
    }

    #[test]
    fn value_lists_have_their_length() {
        assert_eq!(super::list("numbers", "units").len(), 20);
        assert_eq!(super::list("numbers", "tens").len(), 8);
        assert_eq!(super::list("dates", "weekdays").len(), 7);
    }

    #[test]
    fn an_alternation_escapes_and_widens_spaces() {
        assert_eq!(
            super::alternation(&["at least", "secretary-general"]),
            r"at\s+least|secretary\-general"
        );
        assert_eq!(
            super::exact_alternation(&["the day before"]),
            "the day before"
        );
    }
}
