//! The word lists the extractor's mechanisms read, from `data/words.toml`
//! (compiled in). Code names a list; what belongs in it is data.

use std::sync::LazyLock;

static TABLE: LazyLock<toml::Table> = LazyLock::new(|| {
    include_str!("../../../data/words.toml")
        .parse()
        .expect("data/words.toml is valid TOML (a test checks every list)")
});

/// A list of lower-case words or phrases, loaded on first use.
pub(crate) type Words = LazyLock<Vec<&'static str>>;

/// The list `key` of section `section` of `data/words.toml`.
///
/// A missing list is a build defect, caught by the `every_list_loads` test.
pub(crate) fn list(section: &str, key: &str) -> Vec<&'static str> {
    let table: &'static toml::Table = &TABLE;
    table
        .get(section)
        .and_then(|s| s.get(key))
        .and_then(|v| v.as_array())
        .unwrap_or_else(|| panic!("data/words.toml has no list [{section}] {key}"))
        .iter()
        .filter_map(|v| v.as_str())
        .collect()
}

/// Declares statics that load their list on first use:
/// `words! { KILLING_VERBS = figures.killing_verbs; }`.
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
}
