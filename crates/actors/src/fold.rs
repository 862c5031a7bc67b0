//! Text folding shared by the catalogue's patterns and the text they are
//! matched against.
//!
//! Reports spell the same name many ways: `Jama'at`, `Jama’at` and `Jamaat`;
//! `Tehrik-i-Taliban` and `Tehrik i Taliban`; `Forces Armées` and
//! `Forces Armees`. Rather than listing every variant in the data, both sides
//! are folded to one ASCII form before matching:
//!
//! - letters lose accents and non-Latin letters are transliterated
//!   (via `deunicode`); letters are lower-cased unless case is kept on purpose;
//! - apostrophes of every shape vanish inside a word (`Jama’at` → `jamaat`),
//!   but a possessive `'s` becomes a separate word (`Pakistan's army` →
//!   `pakistan s army`) so the name before it keeps its word boundary;
//! - hyphens, dashes, underscores, slashes and all whitespace become one space;
//! - other punctuation is kept, so `(F)` or `U.S.` still match as written.
//!
//! The folded text keeps, for every byte, the byte offset of the original
//! character it came from, so a match in folded text maps back to an exact
//! span of the original.

/// Text folded for matching, with the way back to the original bytes.
pub(crate) struct Folded {
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

/// Folds `text`, remembering where each folded byte came from.
pub(crate) fn fold_with_origin(text: &str) -> Folded {
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

/// The folded form of a name: the key the catalogue indexes it under.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    Folder {
        out: &mut out,
        origin: None,
        keep_case: false,
    }
    .run(text);
    trim_space(out)
}

/// Folded like [`fold`] but with letter case kept: how acronyms are compared.
pub(crate) fn fold_keep_case(text: &str) -> String {
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
    fn apostrophes_and_hyphens_fold_away() {
        assert_eq!(fold("Jama’at Nusrat al-Islam"), "jamaat nusrat al islam");
        assert_eq!(fold("Jama'at  Nusrat\nal Islam"), "jamaat nusrat al islam");
        assert_eq!(fold("Tehrik-i-Taliban"), "tehrik i taliban");
    }

    #[test]
    fn possessive_stays_a_separate_word() {
        assert_eq!(fold("Pakistan's army"), "pakistan s army");
        assert_eq!(fold("Wagner’s forces"), "wagner s forces");
        assert_eq!(fold("Jama'at"), "jamaat");
        assert_eq!(fold("l’armée de l'Azawad"), "l armee de l azawad");
        assert_eq!(fold("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(fold("Da'ish"), "daish");
    }

    #[test]
    fn accents_fold_and_case_can_be_kept() {
        assert_eq!(fold("Forces Armées Maliennes"), "forces armees maliennes");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold_keep_case("FAMa"), "FAMa");
        assert_eq!(fold_keep_case("IS–KP"), "IS KP");
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

#[cfg(test)]
mod moved_to_text {
    use super::*;
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20000))]
        #[test]
        fn text_crate_fold_is_identical(s in "\\PC{0,60}") {
            proptest::prop_assert_eq!(fold(&s), watchfloor_text::fold_for_matching(&s));
            proptest::prop_assert_eq!(fold_keep_case(&s), watchfloor_text::fold_for_matching_keep_case(&s));
            let (a, b) = (fold_with_origin(&s), watchfloor_text::fold_with_origin(&s));
            proptest::prop_assert_eq!(a.text, b.text);
            proptest::prop_assert_eq!(a.origin, b.origin);
        }
        #[test]
        fn text_crate_fold_is_identical_on_names(s in "[-a-zA-Z'’`ʿʾ´′ʼʻ‘ .,sSéàçñłØ\\u{2013}\\u{0627}-\\u{0645}\\u{0410}-\\u{044F}]{0,40}") {
            proptest::prop_assert_eq!(fold(&s), watchfloor_text::fold_for_matching(&s));
            proptest::prop_assert_eq!(fold_keep_case(&s), watchfloor_text::fold_for_matching_keep_case(&s));
        }
    }
}
