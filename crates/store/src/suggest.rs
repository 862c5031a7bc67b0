//! "Did you mean": the known names closest to a mistyped one.

use watchfloor_text::fold_for_index;

/// How alike two folded names must be (Jaro-Winkler, 0 to 1) to be offered.
/// 0.85 offers `Mali` for `Malli` and `Wagner Group` for `Wagnr`, and
/// nothing for a word that merely shares a first letter.
const ALIKE: f64 = 0.85;

/// Up to `n` of `known` most like `typed` (case and accents ignored), best
/// first, each once.
pub fn closest<'a>(
    typed: &str,
    known: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let want = fold_for_index(typed);
    if want.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .map(|k| {
            let folded = fold_for_index(k);
            // A name of several words is also compared by its start, so
            // `Wagnr` finds `Wagner Group`.
            let whole = strsim::jaro_winkler(&want, &folded);
            let head: String = folded.chars().take(want.chars().count() + 1).collect();
            let start = strsim::jaro_winkler(&want, &head) - 0.02;
            (whole.max(start), k)
        })
        .filter(|(s, _)| *s >= ALIKE)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut out: Vec<&str> = Vec::new();
    for (_, k) in scored {
        if !out.contains(&k) {
            out.push(k);
        }
        if out.len() == n {
            break;
        }
    }
    out
}

/// `"did you mean A, B or C? "`, or nothing when there is no suggestion:
/// what a message puts before saying what to give instead.
pub fn did_you_mean(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("did you mean {one}? "),
        [init @ .., last] => format!("did you mean {} or {last}? ", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_offered_and_far_ones_not() {
        let known = ["Mali", "Malawi", "Niger", "Nigeria"];
        assert_eq!(closest("Malli", known, 3).first(), Some(&"Mali"));
        assert!(closest("Zzzz", known, 3).is_empty());
        assert_eq!(
            closest("Wagnr", ["Wagner Group", "Islamic State"], 3),
            ["Wagner Group"]
        );
        assert_eq!(
            did_you_mean(&["A".into(), "B".into()]),
            "did you mean A or B? "
        );
    }
}
