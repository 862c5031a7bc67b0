//! Name keys beyond folding. Every key in the index and every query is first
//! folded with [`watchfloor_text::fold_for_index`] (lower case, diacritics
//! stripped, apostrophes dropped, any other punctuation or space run
//! collapsed to one space: `Ségou` = `Segou`, `Dasht-e-Barchi` =
//! `dasht e barchi`, `Sana’a` = `sanaa`); exact matching and mention finding
//! use that form. This module adds:
//!
//! - [`skeleton`]: a lossy phonetic key for transliteration variants that
//!   folding cannot join (`Tinzaouatine` / `Tin Zaouatine` / `Tinzawatene`,
//!   `Paktia` / `Paktiya`, `Shabwa` / `Shabwah`). Only used as a fallback in
//!   lookup, always re-ranked by string similarity;
//! - [`similarity`], that re-ranking.
//!
//! The index is built with the fold and the skeleton; changing either requires
//! a rebuild (see [`crate::index::FORMAT_VERSION`]).

/// Tokens that transliterations add or drop freely: the Persian ezafe
/// (`Dasht-e Barchi`), Arabic article forms (`Al-Raqqa` / `Raqqa`).
const OPTIONAL_TOKENS: &[&str] = &[
    "e", "i", "al", "el", "ul", "ar", "as", "ash", "ad", "ed", "at", "az", "an", "ath", "adh", "ai",
];

/// Phonetic skeleton of an already folded name. See the module docs.
///
/// Steps: drop optional tokens (unless that empties the name), join tokens,
/// merge digraphs and letters that transliterations swap (ou/w/u, y/i, q/k,
/// kh/k, gh/g, ph/f, dj/j, c/k), drop a final `h` or `e` after a consonant
/// cluster, drop vowels after the first letter, and collapse doubled letters.
pub fn skeleton(folded: &str) -> String {
    let kept: Vec<&str> = folded
        .split(' ')
        .filter(|t| !OPTIONAL_TOKENS.contains(t))
        .collect();
    let joined: String = if kept.is_empty() {
        folded.replace(' ', "")
    } else {
        kept.concat()
    };
    let b: Vec<char> = joined.chars().collect();
    let mut mapped: Vec<char> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let n = b.get(i + 1).copied();
        let (m, step) = match (c, n) {
            ('o', Some('u')) => ('w', 2),
            ('k', Some('h')) => ('k', 2),
            ('g', Some('h')) => ('g', 2),
            ('p', Some('h')) => ('f', 2),
            ('d', Some('j')) => ('j', 2),
            ('c', Some('h')) => ('x', 2),
            ('s', Some('h')) => ('x', 2),
            ('t', Some('h')) => ('t', 2),
            ('d', Some('h')) => ('d', 2),
            ('z', Some('h')) => ('j', 2),
            ('w', _) | ('u', _) | ('v', _) => ('w', 1),
            ('y', _) => ('i', 1),
            ('q', _) | ('c', _) => ('k', 1),
            _ => (c, 1),
        };
        mapped.push(m);
        i += step;
    }
    // Final "h" after a vowel (Shabwah) or final vowel-like letters are the
    // most common transliteration noise at the end of a name.
    while mapped.len() > 3
        && matches!(
            mapped.last(),
            Some('h') | Some('e') | Some('a') | Some('i') | Some('o')
        )
    {
        mapped.pop();
    }
    let mut out = String::with_capacity(mapped.len());
    let mut prev = '\0';
    for (k, &c) in mapped.iter().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o');
        if k > 0 && vowel {
            continue;
        }
        if c == prev {
            continue;
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Similarity in [0, 1] of two folded names, for ranking fallback candidates.
pub fn similarity(a: &str, b: &str) -> f32 {
    strsim::normalized_levenshtein(a, b) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    use watchfloor_text::fold_for_index as fold;

    #[test]
    fn skeleton_joins_transliteration_variants() {
        let k = |s: &str| skeleton(&fold(s));
        assert_eq!(k("Tinzaouatine"), k("Tin Zaouatine"));
        assert_eq!(k("Tinzaouatine"), k("Tinzawatene"));
        assert_eq!(k("Tinzaouatine"), k("Tinzaouatène"));
        assert_eq!(k("Tinzaouaten"), k("Tinzaouatine"));
        assert_eq!(k("Paktia"), k("Paktiya"));
        assert_eq!(k("Shabwa"), k("Shabwah"));
        assert_eq!(k("Dasht-e Barchi"), k("Dasht Barchi"));
        assert_eq!(k("Al-Raqqa"), k("Raqqah"));
        assert_ne!(k("Kabul"), k("Kandahar"));
        assert_ne!(k("Mosul"), k("Mali"));
    }
}
