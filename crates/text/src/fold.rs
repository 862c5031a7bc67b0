//! Folding: reducing text to a normal form so that case, diacritics and
//! punctuation never decide whether two spellings are one name.
//!
//! Three behaviours, one function family each, named by what they do:
//!
//! - [`fold_for_index`]: the gazetteer's form. Lower case, diacritics
//!   stripped by canonical decomposition (other scripts stay in their script),
//!   apostrophes dropped, any other punctuation or space run collapsed to one
//!   space (`Ségou` = `Segou`, `Dasht-e-Barchi` = `dasht e barchi`, `Sana’a` =
//!   `sanaa`, `St. John's` = `st johns`). The gazetteer index is built with it.
//! - [`fold_for_matching`] (and [`fold_with_origin`],
//!   [`fold_for_matching_keep_case`]): the actor catalogue's form, ASCII only.
//!   Letters are transliterated (via `deunicode`), a possessive `'s` and a
//!   French elision (`l'armée`) split words while other apostrophes vanish
//!   (`Jama’at` → `jamaat`), hyphens, dashes, slashes and white space become
//!   one space, other punctuation is kept so `(F)` or `U.S.` still match as
//!   written. [`fold_with_origin`] remembers, for every folded byte, the
//!   original byte it came from, so a match maps back to an exact span.
//! - [`fold_alnum`]: letters and digits only, lower-cased, everything else
//!   dropped (`Al-Shabaab` = `alshabaab`): enough to compare a surface with a
//!   name it was resolved to.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds a place name into `out` (cleared first): lower case, diacritics
/// stripped by canonical decomposition (non-Latin scripts stay in their
/// script: `Москва` → `москва`), a few letters decomposition leaves alone
/// mapped to Latin (`ı` → `i`, `ł` → `l`, `ß` → `ss`), apostrophes dropped
/// (`Sana’a` → `sanaa`), any other run of punctuation or space collapsed to
/// one space, none at either end.
///
/// The gazetteer's index (`data/generated/gazetteer.idx`) is keyed by this
/// form: changing what it returns for any input requires rebuilding the
/// index and bumping the gazetteer's `index::FORMAT_VERSION`.
pub fn fold_for_index_into(s: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c.to_ascii_lowercase());
            } else if c == '\'' || c == '`' {
                // Apostrophes join: Sana'a, N'Djamena.
            } else {
                pending_space = true;
            }
            continue;
        }
        if is_index_apostrophe(c) || is_combining_mark(c) {
            continue;
        }
        if !c.is_alphanumeric() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        push_folded_char(c, out);
    }
}

/// [`fold_for_index_into`] returning a new string.
pub fn fold_for_index(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_for_index_into(s, &mut out);
    out
}

fn is_index_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\u{2019}'
            | '\u{2018}'
            | '\u{02BC}'
            | '\u{02BB}'
            | '\u{02BF}'
            | '\u{02BE}'
            | '\u{00B4}'
            | '\u{2032}'
    )
}

/// Letters that canonical decomposition leaves alone but that readers treat
/// as plain Latin letters (Turkish dotless i, Polish ł, Nordic ø …).
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' | 'İ' => "i",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ħ' | 'Ħ' => "h",
        'ŋ' | 'Ŋ' => "n",
        'ə' | 'Ə' => "a",
        'ʿ' | 'ʾ' => "",
        _ => return None,
    })
}

fn push_folded_char(c: char, out: &mut String) {
    if let Some(s) = special(c) {
        out.push_str(s);
        return;
    }
    // A letter decomposition leaves special ("Ǣ" → "Æ" + macron → "æ") is
    // mapped too, so folding a folded name changes nothing.
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                if is_combining_mark(l) {
                    continue;
                }
                match special(l) {
                    Some(s) => out.push_str(s),
                    None => out.push(l),
                }
            }
        }
    });
}

/// Letters and digits of `s`, lower-cased; everything else dropped.
pub fn fold_alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text folded for matching, with the way back to the original bytes.
pub struct Folded {
    /// The folded, ASCII-only text.
    pub text: String,
    /// `origin[i]` is the byte offset in the original text of the character
    /// that produced folded byte `i`.
    pub origin: Vec<u32>,
}

impl Folded {
    /// The original byte range behind folded range `[start, end)`.
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let s = self.origin[start] as usize;
        let last = self.origin[end - 1] as usize;
        let width = original[last..].chars().next().map_or(0, char::len_utf8);
        (s, last + width)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ' | '′' | 'ʹ'
    )
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '_' | '/' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '\u{00AD}'
        )
}

struct Folder<'a> {
    out: &'a mut String,
    origin: Option<&'a mut Vec<u32>>,
    keep_case: bool,
}

impl Folder<'_> {
    #[inline]
    fn push(&mut self, b: u8, at: usize) {
        if b == b' ' && (self.out.is_empty() || self.out.as_bytes()[self.out.len() - 1] == b' ') {
            return;
        }
        let b = if self.keep_case {
            b
        } else {
            b.to_ascii_lowercase()
        };
        self.out.push(b as char);
        if let Some(o) = self.origin.as_deref_mut() {
            o.push(at as u32);
        }
    }

    /// One ASCII character of input (or of a transliteration).
    #[inline]
    fn ascii(&mut self, b: u8, at: usize, rest: &str) {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => self.push(b, at),
            b'\'' | b'`' => self.apostrophe(at, rest),
            b'-' | b'_' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => self.push(b' ', at),
            0..=0x1f | 0x7f => self.push(b' ', at),
            _ => self.push(b, at),
        }
    }

    /// A possessive `'s` and a French elision (`l'armée`, `d'Ivoire`,
    /// `qu'il`) split words; any other apostrophe vanishes (`Jama'at`).
    fn apostrophe(&mut self, at: usize, rest: &str) {
        let mut it = rest.chars();
        if matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(char::is_alphanumeric) {
            self.push(b' ', at);
            return;
        }
        let out = self.out.as_bytes();
        let word = out
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let elided = word == 1 || (word == 2 && out[out.len() - 2..].eq_ignore_ascii_case(b"qu"));
        if elided && rest.starts_with(|c: char| c.is_alphabetic()) {
            self.push(b' ', at);
        }
    }

    fn run(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                self.ascii(b, i, &text[i + 1..]);
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("char boundary");
            let next = i + c.len_utf8();
            if is_apostrophe(c) {
                self.apostrophe(i, &text[next..]);
            } else if is_separator(c) {
                self.push(b' ', i);
            } else {
                match deunicode::deunicode_char(c) {
                    Some(t) if !t.is_empty() => {
                        for tb in t.bytes() {
                            // A transliteration never holds a possessive, so its
                            // apostrophes (Arabic ayn, say) just vanish.
                            if tb == b'\'' || tb == b'`' {
                                continue;
                            }
                            self.ascii(tb, i, "");
                        }
                    }
                    _ => self.push(b' ', i),
                }
            }
            i = next;
        }
    }
}

/// Folds `text` like [`fold_for_matching`] (but without trimming a final
/// space), remembering where each folded byte came from.
pub fn fold_with_origin(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len() + 8);
    let mut origin = Vec::with_capacity(text.len() + 8);
    Folder {
        out: &mut out,
        origin: Some(&mut origin),
        keep_case: false,
    }
    .run(text);
    Folded { text: out, origin }
}

/// Folds `text` for matching (see the module docs): the key the actor
/// catalogue indexes a name under.
pub fn fold_for_matching(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    Folder {
        out: &mut out,
        origin: None,
        keep_case: false,
    }
    .run(text);
    trim_space(out)
}

/// Folded like [`fold_for_matching`] but with letter case kept: how acronyms
/// are compared.
pub fn fold_for_matching_keep_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    Folder {
        out: &mut out,
        origin: None,
        keep_case: true,
    }
    .run(text);
    trim_space(out)
}

fn trim_space(mut s: String) -> String {
    if s.ends_with(' ') {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_form_folds_case_diacritics_and_punctuation() {
        assert_eq!(fold_for_index("Ségou"), "segou");
        assert_eq!(fold_for_index("  Tinzaouatène "), "tinzaouatene");
        assert_eq!(fold_for_index("Sarıyer"), "sariyer");
        assert_eq!(fold_for_index("Dasht-e-Barchi"), "dasht e barchi");
        assert_eq!(fold_for_index("Sana’a"), "sanaa");
        assert_eq!(fold_for_index("N'Djamena"), "ndjamena");
        assert_eq!(
            fold_for_index("São Tomé and Príncipe"),
            "sao tome and principe"
        );
        assert_eq!(fold_for_index("Łódź"), "lodz");
        assert_eq!(fold_for_index("Москва"), "москва");
        assert_eq!(fold_for_index("St. John's"), "st johns");
        assert_eq!(fold_for_index("Diafarabé"), "diafarabe");
        assert_eq!(fold_for_index("--"), "");
    }

    #[test]
    fn index_form_into_clears_its_buffer() {
        let mut buf = String::from("left over");
        fold_for_index_into("Kidal", &mut buf);
        assert_eq!(buf, "kidal");
    }

    #[test]
    fn alnum_form_keeps_letters_and_digits_only() {
        assert_eq!(fold_alnum("Al-Shabaab"), "alshabaab");
        assert_eq!(fold_alnum("M23 (March 23)"), "m23march23");
        assert_eq!(fold_alnum("Ségou"), "ségou");
        assert_eq!(fold_alnum(" - "), "");
    }

    #[test]
    fn matching_form_drops_apostrophes_and_hyphens() {
        assert_eq!(
            fold_for_matching("Jama’at Nusrat al-Islam"),
            "jamaat nusrat al islam"
        );
        assert_eq!(
            fold_for_matching("Jama'at  Nusrat\nal Islam"),
            "jamaat nusrat al islam"
        );
        assert_eq!(fold_for_matching("Tehrik-i-Taliban"), "tehrik i taliban");
    }

    #[test]
    fn matching_form_keeps_possessives_and_elisions_apart() {
        assert_eq!(fold_for_matching("Pakistan's army"), "pakistan s army");
        assert_eq!(fold_for_matching("Wagner’s forces"), "wagner s forces");
        assert_eq!(fold_for_matching("Jama'at"), "jamaat");
        assert_eq!(
            fold_for_matching("l’armée de l'Azawad"),
            "l armee de l azawad"
        );
        assert_eq!(fold_for_matching("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(fold_for_matching("Da'ish"), "daish");
    }

    #[test]
    fn matching_form_transliterates_and_can_keep_case() {
        assert_eq!(
            fold_for_matching("Forces Armées Maliennes"),
            "forces armees maliennes"
        );
        assert_eq!(fold_for_matching("Türkiye"), "turkiye");
        assert_eq!(fold_for_matching_keep_case("FAMa"), "FAMa");
        assert_eq!(fold_for_matching_keep_case("IS–KP"), "IS KP");
        assert_eq!(fold_for_matching("U.S. (F)"), "u.s. (f)");
    }

    #[test]
    fn origin_maps_back_to_original_bytes() {
        let text = "Les Forces Armées — FAMa";
        let f = fold_with_origin(text);
        let at = f.text.find("armees").unwrap();
        let (s, e) = f.original_span(text, at, at + "armees".len());
        assert_eq!(&text[s..e], "Armées");
        let at = f.text.find("fama").unwrap();
        let (s, e) = f.original_span(text, at, at + 4);
        assert_eq!(&text[s..e], "FAMa");
    }

    proptest::proptest! {
        #[test]
        fn folds_are_idempotent_and_origin_is_one_per_byte(s in "\\PC{0,40}") {
            let once = fold_for_index(&s);
            proptest::prop_assert_eq!(fold_for_index(&once), once.clone());
            let f = fold_with_origin(&s);
            proptest::prop_assert_eq!(f.origin.len(), f.text.len());
            proptest::prop_assert!(f.text.is_ascii());
            proptest::prop_assert!(f.origin.iter().all(|&o| s.is_char_boundary(o as usize)));
        }
    }
}
