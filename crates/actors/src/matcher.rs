//! The one-pass mention finder.
//!
//! Every actor name and alias, every country word (name, adjective, plural
//! noun) and every role word goes into one Aho-Corasick automaton over folded
//! text. A single overlapping scan yields all candidates; those not at word
//! boundaries, or acronyms whose case differs from the text, are dropped, and
//! the leftmost-longest survivors are kept. Overlapping matches are collected
//! (rather than asking the automaton for leftmost-longest directly) so that a
//! rejected long candidate cannot hide a valid shorter one.
//!
//! A second, linear pass over the kept tokens joins a country word and a role
//! word that stand next to each other into that country's state actor.

use crate::fold::{case_matches, fold, fold_keep_case, fold_with_origin, is_acronym, is_word_byte};
use crate::{Actor, ActorMention, Catalogue, Country, GenericRole, StateRole};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use watchfloor_model::Span;

/// A role word from the data: "army", "security forces", "militants".
pub(crate) struct RoleWord {
    pub phrase: String,
    pub role: GenericRole,
    pub standalone: bool,
    pub combine: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CountryForm {
    Name,
    Adjective,
    Plural,
}

#[derive(Clone, Copy)]
enum Target {
    Actor(u32),
    Role(u32),
    Country(u32, CountryForm),
}

impl Target {
    /// Which reading of a pattern wins when it is several things at once.
    fn rank(self) -> u8 {
        match self {
            Target::Actor(_) => 0,
            Target::Role(_) => 1,
            Target::Country(..) => 2,
        }
    }
}

struct Payload {
    target: Target,
    /// For acronyms and exact-case names: the alias folded with its case,
    /// which the text must match.
    case: Option<Box<str>>,
    /// Whether all of `case` must match, not just its acronym words.
    whole: bool,
}

pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
    patterns: Vec<Vec<Payload>>,
    roles: Vec<RoleWord>,
}

/// A kept token: folded range, original range, what it is.
#[derive(Clone, Copy)]
struct Token {
    fstart: usize,
    fend: usize,
    start: usize,
    end: usize,
    target: Target,
}

impl Matcher {
    pub fn build(actors: &[Actor], countries: &[Country], roles: Vec<RoleWord>) -> Matcher {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<Vec<Payload>> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut add = |text: &str, target: Target, whole: bool| {
            let key = fold(text);
            if key.is_empty() {
                return;
            }
            let case = (whole || is_acronym(text)).then(|| fold_keep_case(text).into_boxed_str());
            let i = *index.entry(key.clone()).or_insert_with(|| {
                keys.push(key);
                patterns.push(Vec::new());
                patterns.len() - 1
            });
            patterns[i].push(Payload {
                target,
                case,
                whole,
            });
        };
        for (i, a) in actors.iter().enumerate() {
            for alias in std::iter::once(&a.name).chain(&a.aliases) {
                add(alias, Target::Actor(i as u32), a.exact_case.contains(alias));
            }
        }
        for (i, r) in roles.iter().enumerate() {
            add(&r.phrase, Target::Role(i as u32), false);
        }
        for (i, c) in countries.iter().enumerate() {
            for n in &c.names {
                add(n, Target::Country(i as u32, CountryForm::Name), false);
            }
            for n in &c.adjectives {
                add(n, Target::Country(i as u32, CountryForm::Adjective), false);
            }
            for n in &c.plurals {
                add(n, Target::Country(i as u32, CountryForm::Plural), false);
            }
        }
        for p in &mut patterns {
            // Lowest rank first; the first payload that passes its case check wins.
            // Among equals, an acronym that must match case goes before a
            // case-blind name, so `JEM` can beat `Jem` when written `JEM`.
            p.sort_by_key(|pl| (pl.target.rank(), pl.case.is_none()));
        }
        let ac = if keys.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&keys)
                    .expect("catalogue patterns fit the automaton"),
            )
        };
        Matcher {
            ac,
            patterns,
            roles,
        }
    }

    /// Finds mentions. `case_blind` skips the acronym case check (for
    /// lookups typed by a user).
    ///
    /// Invisible format characters ([`is_invisible`]: zero-width spaces and
    /// joiners, bidirectional controls, the soft hyphen) are read as what a
    /// reader sees, nothing: `R\u{200d}S\u{200b}F` is `RSF`. Spans still
    /// point into `text` and surfaces are the text as written, invisible
    /// characters included.
    pub fn find(&self, cat: &Catalogue, text: &str, case_blind: bool) -> Vec<ActorMention> {
        let Some((clean, back)) = without_invisible(text) else {
            return self.find_visible(cat, text, case_blind);
        };
        let mut out = self.find_visible(cat, &clean, case_blind);
        for m in &mut out {
            let start = back[m.span.start];
            let last = back[m.span.end - 1];
            let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
            m.span = Span::new(start, end);
            m.surface = text[start..end].to_string();
        }
        out
    }

    /// [`Matcher::find`] on text without invisible characters.
    fn find_visible(&self, cat: &Catalogue, text: &str, case_blind: bool) -> Vec<ActorMention> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let folded = fold_with_origin(text);
        let ft = folded.text.as_bytes();
        let urls = url_ranges(text);
        let mut cands: Vec<Token> = Vec::new();
        for m in ac.find_overlapping_iter(&folded.text) {
            let (fs, fe) = (m.start(), m.end());
            if (fs > 0 && is_word_byte(ft[fs - 1]) && is_word_byte(ft[fs]))
                || (fe < ft.len() && is_word_byte(ft[fe]) && is_word_byte(ft[fe - 1]))
            {
                continue;
            }
            let (s, e) = folded.original_span(text, fs, fe);
            if !urls.is_empty() {
                // Slugs in links ("/islamic-state-khorasan/") are not mentions.
                let i = urls.partition_point(|&(_, end)| end <= s);
                if urls.get(i).is_some_and(|&(start, _)| start <= s) {
                    continue;
                }
            }
            let mut surface_case: Option<String> = None;
            let chosen = self.patterns[m.pattern().as_usize()]
                .iter()
                .find(|p| match &p.case {
                    None => true,
                    Some(_) if case_blind => true,
                    Some(want) => {
                        let got = surface_case.get_or_insert_with(|| fold_keep_case(&text[s..e]));
                        if p.whole {
                            **got == **want
                        } else {
                            case_matches(want, got) && !(want.len() <= 3 && shouting(text, s, e))
                        }
                    }
                });
            if let Some(p) = chosen {
                cands.push(Token {
                    fstart: fs,
                    fend: fe,
                    start: s,
                    end: e,
                    target: p.target,
                });
            }
        }
        // Leftmost-longest among the valid candidates.
        cands.sort_by(|a, b| a.fstart.cmp(&b.fstart).then(b.fend.cmp(&a.fend)));
        let mut kept: Vec<Token> = Vec::with_capacity(cands.len());
        for c in cands {
            match kept.last() {
                Some(k) if c.fstart < k.fend => {}
                _ => kept.push(c),
            }
        }

        let mut out = Vec::with_capacity(kept.len());
        let gap = |a: &Token, b: &Token| &folded.text[a.fend..b.fstart];
        let mut i = 0;
        while i < kept.len() {
            let t = kept[i];
            let next = kept.get(i + 1);
            // "Malian army", "Pakistan's police"
            if let (Target::Country(c, form), Some(n)) = (t.target, next) {
                if let Target::Role(r) = n.target {
                    let role = &self.roles[r as usize];
                    if role.combine
                        && form != CountryForm::Plural
                        && matches!(gap(&t, n), " " | " s ")
                    {
                        if let Some(a) = cat.state.get(&(c as usize, role.role.state_role())) {
                            out.push(mention(text, t.start, n.end, Some(&cat.actors[*a]), None));
                            i += 2;
                            continue;
                        }
                    }
                }
            }
            // "the army of Pakistan", "forces of the Democratic Republic of the Congo"
            if let (Target::Role(r), Some(n)) = (t.target, next) {
                let role = &self.roles[r as usize];
                if let Target::Country(c, CountryForm::Name) = n.target {
                    if role.combine && matches!(gap(&t, n), " of " | " of the ") {
                        if let Some(a) = cat.state.get(&(c as usize, role.role.state_role())) {
                            out.push(mention(text, t.start, n.end, Some(&cat.actors[*a]), None));
                            i += 2;
                            continue;
                        }
                    }
                }
            }
            match t.target {
                Target::Actor(a) => {
                    // "JNIM fighters", "TTP militants", "Hamas officials": the
                    // role word is the named actor, not a second, generic one.
                    // Victim words ("civilians") stay separate.
                    let mut end = t.end;
                    if let Some(n) = next {
                        if let Target::Role(r) = n.target {
                            let role = self.roles[r as usize].role;
                            let victims = matches!(
                                role,
                                GenericRole::Civilians
                                    | GenericRole::Refugees
                                    | GenericRole::Migrants
                            );
                            if !victims && matches!(gap(&t, n), " " | " s ") {
                                end = n.end;
                                i += 1;
                            }
                        }
                    }
                    out.push(mention(
                        text,
                        t.start,
                        end,
                        Some(&cat.actors[a as usize]),
                        None,
                    ));
                }
                Target::Role(r) => {
                    let role = &self.roles[r as usize];
                    if role.standalone {
                        out.push(mention(text, t.start, t.end, None, Some(role.role)));
                    }
                }
                Target::Country(c, CountryForm::Plural) => {
                    // "Malians", "Tajiks": the country's people.
                    if let Some(a) = cat.state.get(&(c as usize, StateRole::Civilians)) {
                        out.push(mention(text, t.start, t.end, Some(&cat.actors[*a]), None));
                    }
                }
                // A country named alone is a place, not an actor.
                Target::Country(..) => {}
            }
            i += 1;
        }
        out
    }
}

/// Format characters that print nothing: zero-width space, non-joiner and
/// joiner, the directional marks and embedding, override and isolate
/// controls, word joiner and invisible operators, the soft hyphen, the
/// Mongolian vowel separator and a byte-order mark inside text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// `text` without its invisible characters, and for each byte of the result
/// the offset of the byte it came from; `None` when there are none (the
/// common case costs one scan and no copy).
fn without_invisible(text: &str) -> Option<(String, Vec<usize>)> {
    // Every invisible character is outside ASCII and starts with one of
    // these lead bytes; text without them needs no closer look.
    if !text
        .bytes()
        .any(|b| matches!(b, 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF))
    {
        return None;
    }
    if !text.chars().any(is_invisible) {
        return None;
    }
    let mut clean = String::with_capacity(text.len());
    let mut back = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if is_invisible(c) {
            continue;
        }
        clean.push(c);
        back.extend(i..i + c.len_utf8());
    }
    Some((clean, back))
}

fn mention(
    text: &str,
    start: usize,
    end: usize,
    actor: Option<&Actor>,
    generic: Option<GenericRole>,
) -> ActorMention {
    ActorMention {
        span: Span::new(start, end),
        surface: text[start..end].to_string(),
        actor: actor.map(|a| a.id.clone()),
        generic,
    }
}

/// Whether `text[s..e]` sits in an all-capitals line ("THIS IS A HEADLINE"),
/// where a short acronym such as `IS` is just an English word shouted.
fn shouting(text: &str, s: usize, e: usize) -> bool {
    let caps_word = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
    };
    let long = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).len() >= 4;
    // Both neighbours in capitals, one a real word: "THIS IS A", not "IS
    // CLAIMS" at the start of a headline nor "TTP and IS".
    match (
        text[..s].split_whitespace().next_back(),
        text[e..].split_whitespace().next(),
    ) {
        (Some(p), Some(n)) => caps_word(p) && caps_word(n) && (long(p) || long(n)),
        _ => false,
    }
}

/// Byte ranges of the links in `text` (whitespace-delimited words holding
/// `://` or starting with `www.`), sorted.
fn url_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let marks = text
        .match_indices("://")
        .map(|(i, _)| i)
        .chain(text.match_indices("www.").map(|(i, _)| i));
    for at in marks {
        let start = bytes[..at]
            .iter()
            .rposition(|b| b.is_ascii_whitespace())
            .map_or(0, |p| p + 1);
        let end = bytes[at..]
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .map_or(bytes.len(), |p| at + p);
        out.push((start, end));
    }
    out.sort_unstable();
    out.dedup();
    out
}
