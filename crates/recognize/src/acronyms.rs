//! Acronyms a report defines for an actor: "Dawlah Islamiyah (DI)" makes
//! every later "DI" in the report that actor.
//!
//! The catalogue cannot list every short form, and two-letter ones would
//! collide across reports; a definition in the text itself is unambiguous
//! for that text.

use watchfloor_actors::ActorMention;
use watchfloor_model::Span;

/// `(acronym, actor id)` for each "Actor Name (ACR)" in `text`.
pub fn definitions(text: &str, mentions: &[ActorMention]) -> Vec<(String, String)> {
    mentions
        .iter()
        .filter_map(|m| {
            let id = m.actor.as_ref()?;
            let inner = text[m.span.end..].strip_prefix(" (")?;
            let acronym = &inner[..inner.find(')')?];
            let well_formed = (2..=8).contains(&acronym.len())
                && acronym.starts_with(|c: char| c.is_ascii_uppercase())
                && acronym
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
            well_formed.then(|| (acronym.to_string(), id.clone()))
        })
        .collect()
}

/// Mentions of the defined acronyms in `text` that no existing mention covers.
pub fn mentions(
    text: &str,
    definitions: &[(String, String)],
    existing: &[ActorMention],
) -> Vec<ActorMention> {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut out = Vec::new();
    for (acronym, id) in definitions {
        for (start, _) in text.match_indices(acronym.as_str()) {
            let end = start + acronym.len();
            if is_word(text[..start].chars().next_back()) || is_word(text[end..].chars().next()) {
                continue;
            }
            let covered = existing
                .iter()
                .chain(&out)
                .any(|m: &ActorMention| m.span.start < end && start < m.span.end);
            if !covered {
                out.push(ActorMention {
                    span: Span::new(start, end),
                    surface: acronym.clone(),
                    actor: Some(id.clone()),
                    generic: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str, name: &str, id: &str) -> ActorMention {
        let start = text.find(name).unwrap();
        ActorMention {
            span: Span::new(start, start + name.len()),
            surface: name.into(),
            actor: Some(id.into()),
            generic: None,
        }
    }

    #[test]
    fn a_defined_acronym_names_its_actor_again() {
        let text =
            "Dawlah Islamiyah (DI) gunmen struck. Troops killed six DI members; DIY stores closed.";
        let m = named(text, "Dawlah Islamiyah", "di");
        let defs = definitions(text, std::slice::from_ref(&m));
        assert_eq!(defs, [("DI".to_string(), "di".to_string())]);
        let found = mentions(text, &defs, std::slice::from_ref(&m));
        // The definition itself and the later use; "DIY" is another word.
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.actor.as_deref() == Some("di")));
        assert_eq!(&text[found[1].span.start..found[1].span.end], "DI");
    }

    #[test]
    fn only_short_capitalised_forms_are_acronyms() {
        let text = "the army (which was late) and ISWAP (Islamic State West Africa Province)";
        let m = named(text, "army", "mil");
        assert!(definitions(text, &[m]).is_empty());
    }
}
