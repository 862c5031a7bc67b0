//! The word lists the extractor's mechanisms read, from `data/words.toml`
//! (compiled in; loaded by `watchfloor_text::words`). Code names a list;
//! what belongs in it is data.

use watchfloor_text::words::WordTable;

pub(crate) static TABLE: WordTable =
    WordTable::new("data/words.toml", include_str!("../../../data/words.toml"));

/// Declares statics that load their list of `data/words.toml` on first use:
/// `words! { KILLING_VERBS = figures.killing_verbs; }`.
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
}
