//! Counts written in digits or words ("21", "1,200", "eleven",
//! "twenty-one", "a dozen") and vague quantities ("dozens", "several").

use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;
use watchfloor_model::Span;

/// A number found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NumberMention {
    pub span: Span,
    /// `None` for vague quantities ("dozens", "several", "many").
    pub value: Option<u64>,
    /// The hedge before the number ("at least", "more than", "nearly"), if any.
    pub hedge: Option<Hedge>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    AtLeast,
    MoreThan,
    Nearly,
    About,
    UpTo,
}

const UNITS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];
const TENS: &[(&str, u64)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const VAGUE: &[&str] = &[
    "dozens",
    "several",
    "scores",
    "many",
    "numerous",
    "hundreds",
    "thousands",
    "some",
    "a number",
    "a few",
    "few",
    "multiple",
    "countless",
    "a handful",
];

fn pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let units = UNITS.iter().map(|(w, _)| *w).collect::<Vec<_>>().join("|");
        let tens = TENS.iter().map(|(w, _)| *w).collect::<Vec<_>>().join("|");
        let vague = VAGUE.join("|").replace(' ', r"\s+");
        Regex::new(&format!(
            r"(?i)(?-u:\b)(?:(?P<hedge>at\s+least|more\s+than|over|nearly|almost|about|around|approximately|some|up\s+to)\s+)?(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?P<scale>million|thousand|hundred))?|(?P<words>(?:{tens})(?:[-\s](?:{units}))?|(?:{units})|a\s+dozen|a\s+hundred)|(?P<vague>{vague}))(?-u:\b)"
        ))
        .expect("number pattern compiles")
    })
}

fn word_value(words: &str) -> Option<u64> {
    let lower = words.to_ascii_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect();
    match parts.as_slice() {
        ["a", "dozen"] => Some(12),
        ["a", "hundred"] => Some(100),
        [w] => UNITS
            .iter()
            .chain(TENS)
            .find(|(n, _)| n == w)
            .map(|(_, v)| *v),
        [t, u] => {
            let t = TENS.iter().find(|(n, _)| n == t)?.1;
            let u = UNITS.iter().find(|(n, _)| n == u)?.1;
            Some(t + u)
        }
        _ => None,
    }
}

/// Every number in `text`, in order.
pub fn find(text: &str) -> Vec<NumberMention> {
    let mut out = Vec::new();
    for c in pattern().captures_iter(text) {
        let whole = c.get(0).unwrap();
        let hedge = c.name("hedge").map(|h| {
            let h = h.as_str().to_ascii_lowercase();
            if h.starts_with("at") {
                Hedge::AtLeast
            } else if h.starts_with("more") || h == "over" {
                Hedge::MoreThan
            } else if h.starts_with("nearly") || h.starts_with("almost") {
                Hedge::Nearly
            } else if h.starts_with("up") {
                Hedge::UpTo
            } else {
                Hedge::About
            }
        });
        let value = if let Some(d) = c.name("digits") {
            let s = d.as_str().replace(',', "");
            let scale: u64 = match c.name("scale").map(|s| s.as_str().to_ascii_lowercase()) {
                Some(s) if s == "million" => 1_000_000,
                Some(s) if s == "thousand" => 1_000,
                Some(s) if s == "hundred" => 100,
                _ => 1,
            };
            if s.contains('.') {
                // A decimal counts people only when scaled: "1.7 million".
                match s.parse::<f64>() {
                    Ok(f) if scale > 1 => Some((f * scale as f64).round() as u64),
                    _ => continue,
                }
            } else {
                let n: u64 = match s.parse() {
                    Ok(n) => n,
                    Err(_) => continue,
                };
                // A four-digit bare number is far likelier a year than a count.
                if s.len() == 4 && (1900..2100).contains(&n) && scale == 1 {
                    continue;
                }
                Some(n.saturating_mul(scale))
            }
        } else if let Some(w) = c.name("words") {
            word_value(w.as_str())
        } else {
            None
        };
        // "some" alone is vague; "some 40" is a hedge.
        if c.name("vague").is_some() && c.name("hedge").is_some() {
            continue;
        }
        out.push(NumberMention {
            span: Span::new(whole.start(), whole.end()),
            value,
            hedge,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<Option<u64>> {
        find(text).iter().map(|n| n.value).collect()
    }

    #[test]
    fn digits_words_and_hedges() {
        assert_eq!(
            values("killed 21 civilians, including 11 children"),
            vec![Some(21), Some(11)]
        );
        assert_eq!(
            values("at least seven people and twenty-one soldiers"),
            vec![Some(7), Some(21)]
        );
        assert_eq!(
            values("more than 1,200 displaced, a dozen hurt"),
            vec![Some(1200), Some(12)]
        );
        let n = find("nearly 100 dead")[0];
        assert_eq!((n.value, n.hedge), (Some(100), Some(Hedge::Nearly)));
    }

    #[test]
    fn vague_quantities_have_no_value() {
        assert_eq!(
            values("dozens of fighters and several soldiers"),
            vec![None, None]
        );
    }

    #[test]
    fn years_are_not_counts() {
        assert_eq!(values("in 2023 the army"), Vec::<Option<u64>>::new());
        assert_eq!(
            values("1.7 million refugees, 6.7 percent"),
            vec![Some(1_700_000)]
        );
    }
}
