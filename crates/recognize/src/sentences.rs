//! Sentence segmentation that survives abbreviations, initials, decimals,
//! closing quotes, ellipses and the missing space of "investigations.He said".

use watchfloor_model::Span;

crate::words::words! {
    /// Words that end with a period without ending a sentence.
    ABBREVIATIONS = sentences.abbreviations;
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Splits `text` into sentences; spans are relative to `text`, trimmed.
pub fn split(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let is_terminal = matches!(c, '.' | '!' | '?' | '…');
        if !is_terminal {
            i += c.len_utf8();
            continue;
        }
        // Extend over runs of terminals and closing quotes/brackets.
        let mut end = i;
        loop {
            let rest = &text[end..];
            let c = match rest.chars().next() {
                Some(c) => c,
                None => break,
            };
            if c == '.' || c == '!' || c == '?' || c == '…' || CLOSERS.contains(&c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        // A note marker right after the period ("warfare.[i] According") belongs to this sentence.
        let end = end + note_marker_len(&text[end..]);
        if is_boundary(text, start, i, end) {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        i = end.max(i + c.len_utf8());
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Whether the terminal run `[dot, end)` closes the sentence that began at `start`.
fn is_boundary(text: &str, start: usize, dot: usize, end: usize) -> bool {
    let next = text[end..].chars().next();
    let after_space = text[end..].trim_start();
    let next_visible = after_space.chars().next();
    let has_space = next.is_some_and(char::is_whitespace);
    let Some(next_visible) = next_visible else {
        return true;
    };
    let terminal = &text[dot..end];
    if terminal.starts_with('.') && terminal.trim_end_matches(CLOSERS).len() == 1 {
        // A single period: check the word before it.
        let word = last_word(&text[start..dot]);
        let lower = word.to_lowercase();
        if ABBREVIATIONS.contains(&lower.as_str()) {
            return false;
        }
        // An initial ("J. Smith") or a dotted acronym ("U.S.").
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return false;
        }
        if word.contains('.') {
            return false;
        }
        // Decimal number or URL/domain: no space after the period.
        if !has_space {
            let prev_lower = text[..dot]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_lowercase() || c == ')');
            // "investigations.He said": lowercase, period, capitalised word.
            return prev_lower
                && next_visible.is_uppercase()
                && word.chars().count() > 2
                && followed_by_word(&text[end..]);
        }
    }
    if !has_space && !terminal.contains('…') {
        return false;
    }
    // A new sentence starts with a capital, a digit, a quote or a bracket.
    next_visible.is_uppercase()
        || next_visible.is_ascii_digit()
        || matches!(next_visible, '“' | '"' | '‘' | '\'' | '[' | '(' | '«')
        || !next_visible.is_alphabetic()
}

/// Length of a leading `[i]`-style note marker, or 0.
fn note_marker_len(rest: &str) -> usize {
    let Some(inner) = rest.strip_prefix('[') else {
        return 0;
    };
    let close = match inner.find(']') {
        Some(c) if c > 0 && c <= 8 => c,
        _ => return 0,
    };
    let label = &inner[..close];
    if label
        .chars()
        .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x' | 'l') || c.is_ascii_digit())
    {
        close + 2
    } else {
        0
    }
}

fn followed_by_word(rest: &str) -> bool {
    rest.chars().take_while(|c| c.is_alphabetic()).count() >= 2
}

fn last_word(s: &str) -> &str {
    let trimmed = s.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '“' | '"'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &trimmed[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let t = "Gen. Ahmed met Dr. Sow in the U.S. capital. J. R. Doe said so.";
        assert_eq!(
            sentences(t),
            vec![
                "Gen. Ahmed met Dr. Sow in the U.S. capital.",
                "J. R. Doe said so."
            ]
        );
    }

    #[test]
    fn quotes_and_ellipses_close_sentences() {
        let t = "He said “we will win.” Then he left… The army moved.";
        assert_eq!(
            sentences(t),
            vec!["He said “we will win.”", "Then he left…", "The army moved."]
        );
    }

    #[test]
    fn missing_space_after_period_still_splits() {
        let t = "They confessed during questioning.He said they were trained abroad.";
        assert_eq!(
            sentences(t),
            vec![
                "They confessed during questioning.",
                "He said they were trained abroad."
            ]
        );
    }

    #[test]
    fn note_markers_stay_with_their_sentence() {
        let t = "Both sides use drones.[i] According to the article, strikes continued.[ii]";
        assert_eq!(
            sentences(t),
            vec![
                "Both sides use drones.[i]",
                "According to the article, strikes continued.[ii]"
            ]
        );
    }

    #[test]
    fn decimals_and_domains_stay_whole() {
        let t = "The deficit reached 6.7 percent, says example.org today. Next.";
        assert_eq!(
            sentences(t),
            vec![
                "The deficit reached 6.7 percent, says example.org today.",
                "Next."
            ]
        );
    }

    #[test]
    fn four_dot_ellipsis_between_quotes() {
        let t = "the attack took place on the evening.… Recently, insecurity rose.";
        assert_eq!(sentences(t).len(), 2);
    }
}
