//! Word lists compiled in from a TOML file of `data/`: one table per file,
//! one list per `[section] key`. A crate declares its table once and names
//! each list it reads; what belongs in a list is data.
//!
//! ```ignore
//! static TABLE: WordTable = WordTable::new("data/words.toml", include_str!("../../../data/words.toml"));
//! watchfloor_text::words! { TABLE; KILLING_VERBS = figures.killing_verbs; }
//! ```

use std::sync::{LazyLock, OnceLock};

/// A TOML file of word lists, parsed on first use.
pub struct WordTable {
    file: &'static str,
    source: &'static str,
    table: OnceLock<toml::Table>,
}

/// A list of lower-case words or phrases, loaded on first use.
pub type Words = LazyLock<Vec<&'static str>>;

impl WordTable {
    /// The table of `source`, read from `file` (named in messages).
    pub const fn new(file: &'static str, source: &'static str) -> WordTable {
        WordTable {
            file,
            source,
            table: OnceLock::new(),
        }
    }

    /// The whole table: sections of lists.
    pub fn table(&'static self) -> &'static toml::Table {
        self.table.get_or_init(|| {
            self.source
                .parse()
                .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", self.file))
        })
    }

    /// The list `key` of section `section`. A missing list is a build
    /// defect, caught by each crate's test that every list loads.
    pub fn list(&'static self, section: &str, key: &str) -> Vec<&'static str> {
        self.table()
            .get(section)
            .and_then(|s| s.get(key))
            .and_then(|v| v.as_array())
            .unwrap_or_else(|| panic!("{} has no list [{section}] {key}", self.file))
            .iter()
            .filter_map(|v| v.as_str())
            .collect()
    }

    /// Panics naming the first empty list or the first word that is not
    /// lower case: for each crate's test of its own table.
    pub fn check_lower_case(&'static self) {
        assert!(!self.table().is_empty(), "{} is empty", self.file);
        for (section, lists) in self.table() {
            for key in lists.as_table().expect("sections hold lists").keys() {
                let words = self.list(section, key);
                assert!(
                    !words.is_empty(),
                    "{}: [{section}] {key} is empty",
                    self.file
                );
                for w in words {
                    assert_eq!(
                        w,
                        w.to_lowercase(),
                        "{}: [{section}] {key}: {w:?} is not lower case",
                        self.file
                    );
                }
            }
        }
    }
}

/// Declares statics that load their list from a [`WordTable`] on first use:
/// `words! { TABLE; VAGUE = numbers.vague; }`.
#[macro_export]
macro_rules! words {
    ($table:path; $($(#[$doc:meta])* $vis:vis $name:ident = $section:ident . $key:ident;)*) => {
        $(
            $(#[$doc])*
            $vis static $name: $crate::words::Words = std::sync::LazyLock::new(|| {
                $table.list(stringify!($section), stringify!($key))
            });
        )*
    };
}

#[cfg(test)]
mod tests {
    use super::WordTable;

    static TABLE: WordTable = WordTable::new("test.toml", "[a]\nb = [\"one\", \"two\"]\n");
    crate::words! { TABLE; LIST = a.b; }

    #[test]
    fn lists_load_by_section_and_key() {
        assert_eq!(*LIST, ["one", "two"]);
        TABLE.check_lower_case();
    }

    #[test]
    #[should_panic(expected = "has no list [a] c")]
    fn a_missing_list_is_named() {
        TABLE.list("a", "c");
    }
}
