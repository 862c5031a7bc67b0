//! People named with a title or role: "spokesman Mohamed Ramadane",
//! "Interior Minister Sarfraz Bugti", "Khaled Zadran, the spokesman".

use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;
use watchfloor_model::Span;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonMention {
    pub span: Span,
    pub name: String,
    pub role: String,
}

const ROLES: &str = r"(?:spokes(?:man|woman|person)|minister|leader|emir|commander|president|general|colonel|captain|lieutenant|major|official|chief|envoy|representative|governor|secretary[- ]general|prime minister|senator|ambassador|mayor|founder|deputy|director|prosecutor|judge)";
const NAME: &str = r"(?P<name>(?:(?:al|el|bin|ibn|ul|ur|de|du|van|von|abu|Abu|Al|El)[-\s]|[A-Z][\p{L}'’]+(?:-[\p{L}]+)?\s?){2,5})";

fn patterns() -> &'static (Regex, Regex) {
    static P: OnceLock<(Regex, Regex)> = OnceLock::new();
    P.get_or_init(|| {
        let before = Regex::new(&format!(
            r"(?i:(?-u:\b)(?P<role>(?:[A-Z][a-z]+\s)?{ROLES}))\s+(?-i:{NAME})"
        ))
        .expect("person pattern");
        let after = Regex::new(&format!(
            r"(?-i:{NAME}),\s+(?i:(?:the\s+|a\s+|an\s+)?(?P<role>(?:[a-z-]+\s)?{ROLES}))(?-u:\b)"
        ))
        .expect("person pattern");
        (before, after)
    })
}

/// People named with a role in `text`.
pub fn find(text: &str) -> Vec<PersonMention> {
    static ROLE_WORDS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let role_words = ROLE_WORDS.get_or_init(|| {
        let words = ROLES
            .trim_start_matches("(?:")
            .trim_end_matches(')')
            .replace("(?:man|woman|person)", "")
            .replace("[- ]", " ");
        let words: Vec<String> = words
            .split('|')
            .map(|w| w.split(' ').next().unwrap_or(w).to_string())
            .collect();
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .expect("role words build")
    });
    // No role word, no titled person: skip the costly patterns.
    if !role_words.is_match(text) {
        return Vec::new();
    }
    let (before, after) = patterns();
    let mut out: Vec<PersonMention> = Vec::new();
    for re in [before, after] {
        for c in re.captures_iter(text) {
            let name = c.name("name").unwrap();
            let trimmed = name.as_str().trim_end();
            let span = Span::new(name.start(), name.start() + trimmed.len());
            // At least two words, and not a sentence-initial common word.
            if trimmed.split_whitespace().count() < 2
                || out
                    .iter()
                    .any(|p| p.span.start < span.end && span.start < p.span.end)
            {
                continue;
            }
            out.push(PersonMention {
                span,
                name: trimmed.to_string(),
                role: c["role"].to_lowercase(),
            });
        }
    }
    out.sort_by_key(|p| p.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_before_and_after_the_name() {
        let t = "Interior Minister Amina Diallo spoke after Yusuf Okoro, the police spokesman, briefed reporters.";
        let found = find(t);
        let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Amina Diallo", "Yusuf Okoro"]);
        assert_eq!(found[0].role, "interior minister");
        assert!(found[1].role.contains("spokesman"));
    }
}
