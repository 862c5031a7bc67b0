//! The word lists recognition's mechanisms read, from `data/recognize.toml`
//! (compiled in). Code names a list and says how it is used; what belongs
//! in it is data. The same pattern as the extractor's `words.rs`.

use watchfloor_text::words::WordTable;

pub(crate) static TABLE: WordTable = WordTable::new(
    "data/recognize.toml",
    include_str!("../../../data/recognize.toml"),
);

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

/// Declares statics that load their list of `data/recognize.toml` on
/// first use: `words! { VAGUE = numbers.vague; }`.
macro_rules! words {
    ($($list:tt)*) => {
        watchfloor_text::words! { $crate::words::TABLE; $($list)* }
    };
}
pub(crate) use words;

#[cfg(test)]
mod tests {
    #[test]
    fn every_list_loads_and_is_lower_case() {
        super::TABLE.check_lower_case();
    }

    #[test]
    fn value_lists_have_their_length() {
        assert_eq!(super::TABLE.list("numbers", "units").len(), 20);
        assert_eq!(super::TABLE.list("numbers", "tens").len(), 8);
        assert_eq!(super::TABLE.list("dates", "weekdays").len(), 7);
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
