//! Acronym rules on top of the catalogue's folding.
//!
//! Both the catalogue's patterns and the text they are matched against are
//! folded with [`watchfloor_text::fold_for_matching`] (ASCII, accents gone,
//! apostrophes gone inside a word but a possessive `'s` or a French elision
//! split off, hyphens and dashes as spaces, other punctuation kept), so
//! `Jama’at`, `Jama'at` and `Jamaat` are one name; the folded text keeps the
//! way back to the original bytes ([`watchfloor_text::fold_with_origin`]).
//! An acronym, though, must match with its case as written: this module
//! decides which words are acronyms and compares them.

pub(crate) use watchfloor_text::{
    fold_for_matching as fold, fold_for_matching_keep_case as fold_keep_case, fold_with_origin,
};

/// Whether an alias holds an acronym that must match with its case as
/// written: a word with more capitals than small letters, like `IS`, `JNIM`,
/// `FAMa`, `IS-KP` or `M23`, alone or inside a longer name (`IS Pakistan`).
/// Matching these case-blind would find the English word "is" or a stray "pdf".
pub(crate) fn is_acronym(alias: &str) -> bool {
    fold_keep_case(alias).split(' ').any(is_acronym_token)
}

/// One folded word that is an acronym: more capitals than small letters, and
/// two capitals or a capital with a digit (`M23`; a lone `(F)` is not one).
pub(crate) fn is_acronym_token(word: &str) -> bool {
    let upper = word.bytes().filter(u8::is_ascii_uppercase).count();
    let lower = word.bytes().filter(u8::is_ascii_lowercase).count();
    let digit = word.bytes().any(|b| b.is_ascii_digit());
    upper > lower && (upper >= 2 || (upper == 1 && digit))
}

/// Whether text folded with its case (`got`) spells the acronyms of an alias
/// folded with its case (`want`) exactly; other words may differ in case, so
/// `ISIS-Linked` still matches the alias `ISIS-linked` but `is Pakistan` does
/// not match `IS Pakistan`.
pub(crate) fn case_matches(want: &str, got: &str) -> bool {
    let mut w = want.split(' ');
    let mut g = got.split(' ');
    loop {
        match (w.next(), g.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) => {
                if is_acronym_token(a) && a != b {
                    return false;
                }
            }
            _ => return want == got,
        }
    }
}

#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_recognised() {
        for a in [
            "IS",
            "JNIM",
            "FAMa",
            "IS-KP",
            "M23",
            "JUI-F",
            "U.S.",
            "IS Pakistan",
            "JeM",
        ] {
            assert!(is_acronym(a), "{a}");
        }
        for a in [
            "Al-Shabaab",
            "Daesh",
            "Islamic State",
            "Boko Haram",
            "al-Qaeda",
            "Jamiat Ulema-e-Islam (F)",
        ] {
            assert!(!is_acronym(a), "{a}");
        }
    }

    #[test]
    fn only_acronym_words_must_match_case() {
        assert!(case_matches("ISIS linked", "ISIS Linked"));
        assert!(!case_matches("IS Pakistan", "is Pakistan"));
        assert!(case_matches("IS Pakistan", "IS PAKISTAN"));
        assert!(!case_matches("JeM", "JEM"));
    }
}
