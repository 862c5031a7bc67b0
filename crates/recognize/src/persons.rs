//! People named with a title or role: "spokesman Mohamed Ramadane",
//! "Interior Minister Sarfraz Bugti", "Khaled Zadran, the spokesman".

use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;
use watchfloor_model::Span;

use crate::words::exact_alternation;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonMention {
    pub span: Span,
    pub name: String,
    pub role: String,
}

crate::words::words! {
    /// Titles and roles that name a person next to them.
    ROLES = persons.roles;
    /// Particles inside names ("bin", "al-"), matched as written.
    NAME_PARTICLES = persons.name_particles;
    /// Particles also written capitalised ("Abu", "Al-").
    CAPITALISED_NAME_PARTICLES = persons.capitalised_name_particles;
}

/// The roles as a regex group.
fn roles() -> String {
    format!("(?:{})", exact_alternation(&ROLES))
}

/// A name of two to five words, particles included, as the group `name`.
fn name() -> String {
    let capitalised: Vec<String> = CAPITALISED_NAME_PARTICLES
        .iter()
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    let particles: Vec<&str> = NAME_PARTICLES
        .iter()
        .copied()
        .chain(capitalised.iter().map(String::as_str))
        .collect();
    format!(
        r"(?P<name>(?:(?:{})[-\s]|[A-Z][\p{{L}}'’]+(?:-[\p{{L}}]+)?\s?){{2,5}})",
        exact_alternation(&particles)
    )
}

fn patterns() -> &'static (Regex, Regex) {
    static P: OnceLock<(Regex, Regex)> = OnceLock::new();
    P.get_or_init(|| {
        let (roles, name) = (roles(), name());
        let before = Regex::new(&format!(
            r"(?i:(?-u:\b)(?P<role>(?:[A-Z][a-z]+\s)?{roles}))\s+(?-i:{name})"
        ))
        .expect("person pattern");
        let after = Regex::new(&format!(
            r"(?-i:{name}),\s+(?i:(?:the\s+|a\s+|an\s+)?(?P<role>(?:[a-z-]+\s)?{roles}))(?-u:\b)"
        ))
        .expect("person pattern");
        (before, after)
    })
}

/// People named with a role in `text`.
pub fn find(text: &str) -> Vec<PersonMention> {
    static ROLE_WORDS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let role_words = ROLE_WORDS.get_or_init(|| {
        // The first word of each role: "prime" of "prime minister".
        let words: Vec<&str> = ROLES
            .iter()
            .map(|r| r.split([' ', '-']).next().unwrap_or(r))
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
