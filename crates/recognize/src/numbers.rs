//! Counts written in digits or words ("21", "1,200", "eleven",
//! "twenty-one", "a dozen") and vague quantities ("dozens", "several").

use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;
use watchfloor_model::Span;

use crate::words::alternation;

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

crate::words::words! {
    /// Number words from zero to nineteen; a word's position is its value.
    pub(crate) UNITS = numbers.units;
    /// The tens from twenty to ninety; position n is the value 20 + 10n.
    TENS = numbers.tens;
    /// Quantities without a value ("dozens", "several").
    VAGUE = numbers.vague;
    HEDGE_AT_LEAST = numbers.hedge_at_least;
    HEDGE_MORE_THAN = numbers.hedge_more_than;
    HEDGE_NEARLY = numbers.hedge_nearly;
    HEDGE_ABOUT = numbers.hedge_about;
    HEDGE_UP_TO = numbers.hedge_up_to;
}

/// The hedges, each list with what it says about the count.
fn hedges() -> [(&'static [&'static str], Hedge); 5] {
    [
        (&HEDGE_AT_LEAST[..], Hedge::AtLeast),
        (&HEDGE_MORE_THAN[..], Hedge::MoreThan),
        (&HEDGE_NEARLY[..], Hedge::Nearly),
        (&HEDGE_ABOUT[..], Hedge::About),
        (&HEDGE_UP_TO[..], Hedge::UpTo),
    ]
}

/// The value of a unit word ("seven").
pub(crate) fn unit_value(word: &str) -> Option<u64> {
    UNITS.iter().position(|u| *u == word).map(|i| i as u64)
}

/// The value of a ten ("seventy").
fn ten_value(word: &str) -> Option<u64> {
    TENS.iter()
        .position(|t| *t == word)
        .map(|i| 20 + 10 * i as u64)
}

fn pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let units = alternation(&UNITS);
        let tens = alternation(&TENS);
        let vague = alternation(&VAGUE);
        let hedge = hedges()
            .iter()
            .map(|(words, _)| alternation(words))
            .collect::<Vec<_>>()
            .join("|");
        Regex::new(&format!(
            r"(?i)(?-u:\b)(?:(?P<hedge>{hedge})\s+)?(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?P<scale>million|thousand|hundred))?|(?P<words>(?:{tens})(?:[-\s](?:{units}))?|(?:{units})|a\s+dozen|a\s+hundred)|(?P<vague>{vague}))(?-u:\b)"
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
        [w] => unit_value(w).or_else(|| ten_value(w)),
        [t, u] => Some(ten_value(t)? + unit_value(u)?),
        _ => None,
    }
}

/// Every number in `text`, in order.
pub fn find(text: &str) -> Vec<NumberMention> {
    let mut out = Vec::new();
    for c in pattern().captures_iter(text) {
        let whole = c.get(0).unwrap();
        let hedge = c.name("hedge").map(|h| {
            let h = h
                .as_str()
                .to_ascii_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            hedges()
                .into_iter()
                .find(|(words, _)| words.contains(&h.as_str()))
                .map_or(Hedge::About, |(_, hedge)| hedge)
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
