//! Casualty figures: which counts in a sentence are deaths and which are
//! injuries, following GUIDELINES.md (the precise figure, sums of parts,
//! zero for "no casualties", nothing for vague words).

use watchfloor_model::Span;
#[cfg(test)]
use watchfloor_recognize::numbers;
use watchfloor_recognize::numbers::NumberMention;

/// Deaths and injuries a sentence reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Casualties {
    pub fatalities: Option<u32>,
    pub injuries: Option<u32>,
}

impl Casualties {
    pub fn is_empty(&self) -> bool {
        self.fatalities.is_none() && self.injuries.is_none()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Death,
    Injury,
}

crate::words::words! {
    /// Verbs of killing, which also take their count after them ("killed 21").
    KILLING_VERBS = figures.killing_verbs;
    PERSON_NOUNS = figures.person_nouns;
    COUNT_MODIFIERS = figures.count_modifiers;
    CLAUSE_BREAKS = figures.clause_breaks;
}
crate::words::words! {
    /// Verbs of wounding, which also take their count after them ("wounding 30").
    WOUNDING_VERBS = figures.wounding_verbs;
}
crate::words::words! { DEATH_WORDS = figures.death_words; }
crate::words::words! { INJURY_WORDS = figures.injury_words; }

/// A word and where it starts and ends.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric()
            || c == '-'
            || c == ','
                && start.is_some()
                && text[i + 1..].starts_with(|d: char| d.is_ascii_digit());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), text[s..].to_lowercase()));
    }
    out
}

fn kind_of(word: &str) -> Option<Kind> {
    if DEATH_WORDS.contains(&word) || KILLING_VERBS.contains(&word) {
        Some(Kind::Death)
    } else if INJURY_WORDS.contains(&word) || WOUNDING_VERBS.contains(&word) {
        Some(Kind::Injury)
    } else {
        None
    }
}

/// The casualty figures stated in `sentence`.
#[cfg(test)]
pub fn casualties(sentence: &str) -> Casualties {
    let dates: Vec<Span> = watchfloor_recognize::dates::find(sentence)
        .iter()
        .map(|d| d.span)
        .collect();
    casualties_in(sentence, &numbers::find(sentence), &dates)
}

/// The casualty figures stated in `sentence`, given the numbers and the date
/// spans the recognisers found in it (spans relative to `sentence`).
pub fn casualties_in(sentence: &str, found: &[NumberMention], date_spans: &[Span]) -> Casualties {
    let lower = sentence.to_ascii_lowercase();
    let (mut out, nobody) = stated_zeros(&lower);
    if nobody {
        return out;
    }
    let counter = Counter::new(sentence, found, date_spans);
    counter.counts(&mut out);
    // "the elimination of Abu X", "the killing of its leader, Y": one named person.
    if out.fatalities.is_none() && names_one_death(sentence) {
        out.fatalities = Some(1);
    }
    if out.fatalities.is_none() {
        out.fatalities = counter
            .one_killed_by_verb()
            .or_else(|| counter.one_killed_as_subject());
    }
    out
}

/// "No casualties", "no one was killed", "no injuries": zeros the text
/// states, and whether it says nobody at all was killed or hurt (then no
/// count in the sentence is a casualty figure).
fn stated_zeros(lower: &str) -> (Casualties, bool) {
    let said = |list: &[&str]| list.iter().any(|p| lower.contains(p));
    if said(&NO_CASUALTIES) {
        let zero = Casualties {
            fatalities: Some(0),
            injuries: Some(0),
        };
        return (zero, true);
    }
    let zeros = Casualties {
        fatalities: said(&NO_DEATHS).then_some(0),
        injuries: said(&NO_INJURIES).then_some(0),
    };
    (zeros, false)
}

crate::words::words! {
    /// Phrases that state nobody was killed or hurt.
    NO_CASUALTIES = figures.no_casualties;
    /// Phrases that state nobody was killed.
    NO_DEATHS = figures.no_deaths;
    /// Phrases that state nobody was hurt.
    NO_INJURIES = figures.no_injuries;
}

/// The counts of one sentence and the words around them.
struct Counter<'a> {
    sentence: &'a str,
    lower: String,
    ws: Vec<(usize, usize, String)>,
    /// Numbers that are counts (a day of the month is not).
    nums: Vec<NumberMention>,
}

impl<'a> Counter<'a> {
    fn new(sentence: &'a str, found: &[NumberMention], date_spans: &[Span]) -> Self {
        let nums = found
            .iter()
            .filter(|n| {
                !date_spans
                    .iter()
                    .any(|d| d.start < n.span.end && n.span.start < d.end)
            })
            .copied()
            .collect();
        Counter {
            sentence,
            lower: sentence.to_ascii_lowercase(),
            ws: words(sentence),
            nums,
        }
    }

    /// Word index at which the byte `byte` lies.
    fn word_at(&self, byte: usize) -> Option<usize> {
        self.ws
            .iter()
            .position(|w| w.0 <= byte && byte < w.1.max(w.0 + 1))
    }

    /// The kind of casualty the words after a count name: "59 people were
    /// killed", "21 civilians killed", "two dead"; an inclusion ("11 people,
    /// including the spokesman X, were injured") is skipped.
    fn kind_after(&self, n: &NumberMention, last: usize) -> Option<Kind> {
        let mut in_inclusion = false;
        let after: Vec<_> = self.ws[last + 1..]
            .iter()
            .filter(|w| {
                if w.2 == "including" {
                    in_inclusion = true;
                } else if in_inclusion && self.sentence[..w.0].trim_end().ends_with(',') {
                    in_inclusion = false;
                }
                !in_inclusion
            })
            .take(6)
            .take_while(|w| numbers_between(&self.nums, n.span.end, w.0) == 0)
            .collect();
        for (i, w) in after.iter().enumerate() {
            if let Some(k) = kind_of(&w.2) {
                return Some(k);
            }
            // "20 soldiers and VDP were killed", "left 20 soldiers and VDP
            // dead": one more noun, then the verb, shares the count.
            let shared_subject = w.2 == "and"
                && after.get(i + 2).is_some_and(|v| {
                    matches!(v.2.as_str(), "were" | "was") || kind_of(&v.2).is_some()
                });
            if shared_subject {
                continue;
            }
            if CLAUSE_BREAKS.contains(&w.2.as_str()) {
                return None;
            }
        }
        None
    }

    /// The kind a verb before a count gives it: "killed 21", "wounding 30",
    /// "the bodies of seven men", "shot dead six civilians".
    fn kind_before(&self, first: usize) -> Option<Kind> {
        for w in self.ws[first.saturating_sub(4)..first].iter().rev() {
            if KILLING_VERBS.contains(&w.2.as_str())
                || WOUNDING_VERBS.contains(&w.2.as_str())
                || w.2 == "bodies"
            {
                return kind_of(&w.2);
            }
            if w.2 == "dead" {
                return Some(Kind::Death);
            }
            if !COUNT_MODIFIERS.contains(&w.2.as_str()) {
                return None;
            }
        }
        None
    }

    /// Every count with a casualty kind, summing the parts a sentence joins
    /// ("two soldiers and five militants were killed", "killed 84 fighters
    /// and 47 soldiers").
    fn counts(&self, out: &mut Casualties) {
        let nums = &self.nums;
        let ws = &self.ws;
        let mut taken = vec![false; nums.len()];
        for (ni, n) in nums.iter().enumerate() {
            if taken[ni] {
                continue;
            }
            let Some(first) = self.word_at(n.span.start) else {
                continue;
            };
            let last = self.word_at(n.span.end.saturating_sub(1)).unwrap_or(first);
            if first > 0 && ws[first - 1].2 == "including"
                || first > 1 && ws[first - 2].2 == "including"
            {
                continue;
            }
            let kind = self.kind_after(n, last);
            if kind.is_none() {
                // "two militants and an army soldier were killed": three.
                if let (Some(value), Some((k, _))) = (n.value, self.and_one_more(last)) {
                    assign(out, Some(k), Some(value + 1));
                    continue;
                }
                if let Some((mi, value)) = self.joined_count(ni, n) {
                    taken[mi] = true;
                    assign(out, value.0, Some(value.1));
                    continue;
                }
            }
            match kind {
                Some(k) => assign(out, Some(k), n.value),
                None if first > 0 => {
                    let Some(k) = self.kind_before(first) else {
                        continue;
                    };
                    match n.value {
                        Some(value) => {
                            let total = self.sum_after_verb(ni, n, value, &mut taken);
                            assign(out, Some(k), Some(total));
                        }
                        None => assign(out, Some(k), None),
                    }
                }
                None => {}
            }
        }
    }

    /// "two militants and an army soldier were killed": the count's noun,
    /// then "and a" (or "an", "one"), up to two words and a person noun,
    /// then the casualty word: one more of that kind.
    fn and_one_more(&self, last: usize) -> Option<(Kind, usize)> {
        let ws = &self.ws;
        let and = last + 2;
        if ws.get(and).is_none_or(|w| w.2 != "and")
            || !ws
                .get(and + 1)
                .is_some_and(|w| matches!(w.2.as_str(), "a" | "an" | "one"))
        {
            return None;
        }
        let person = (and + 2..(and + 5).min(ws.len())).find(|&k| is_person(&ws[k].2))?;
        ws[person + 1..(person + 4).min(ws.len())]
            .iter()
            .find_map(|w| kind_of(&w.2))
            .map(|k| (k, person))
    }

    /// "Two soldiers and five militants were killed": a count whose nouns
    /// run into "and" and another count shares that one's kind; the sum.
    fn joined_count(&self, ni: usize, n: &NumberMention) -> Option<(usize, (Option<Kind>, u64))> {
        let value = n.value?;
        let (mi, m) = self.nums.iter().enumerate().nth(ni + 1)?;
        let between = &self.lower[n.span.end..m.span.start];
        let joined = between.split_whitespace().count() <= 4
            && between.trim_end().ends_with(" and")
            && !between.contains([',', ';']);
        let m_last = self.word_at(m.span.end.saturating_sub(1))?;
        let m_value = m.value?;
        if !joined {
            return None;
        }
        let k = self.kind_after(m, m_last)?;
        Some((mi, (Some(k), value + m_value)))
    }

    /// A sum of parts after the verb: "killed 84 fighters and 47 soldiers".
    fn sum_after_verb(&self, ni: usize, n: &NumberMention, value: u64, taken: &mut [bool]) -> u64 {
        let mut total = value;
        for (mi, m) in self.nums.iter().enumerate().skip(ni + 1) {
            let between = &self.lower[n.span.end..m.span.start];
            let other_kind = between
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| kind_of(w).is_some());
            if between.split_whitespace().count() <= 4
                && between.contains(" and ")
                && m.value.is_some()
                && !other_kind
            {
                total += m.value.unwrap_or(0);
                taken[mi] = true;
            } else {
                break;
            }
        }
        total
    }

    /// "killing a prominent IS member", "shot dead a local journalist";
    /// "killed a bandit leader and 20 of his men" is 21.
    fn one_killed_by_verb(&self) -> Option<u32> {
        let ws = &self.ws;
        for (i, w) in ws.iter().enumerate() {
            let killing = KILLING_VERBS.contains(&w.2.as_str())
                || (w.2 == "dead" && i > 0 && ws[i - 1].2 == "shot");
            if !killing
                || !ws
                    .get(i + 1)
                    .is_some_and(|a| matches!(a.2.as_str(), "a" | "an" | "one"))
            {
                continue;
            }
            let Some(person) = (i + 2..(i + 6).min(ws.len())).find(|&k| is_person(&ws[k].2)) else {
                continue;
            };
            let more = (ws.get(person + 1).is_some_and(|w| w.2 == "and"))
                .then(|| ws.get(person + 2))
                .flatten()
                .and_then(|w| self.nums.iter().find(|n| n.span.start == w.0))
                .and_then(|n| n.value)
                .unwrap_or(0);
            return Some(1 + more.min(u32::MAX as u64 - 1) as u32);
        }
        None
    }

    /// "a soldier was killed", "one policeman died".
    fn one_killed_as_subject(&self) -> Option<u32> {
        let ws = &self.ws;
        for (i, w) in ws.iter().enumerate() {
            if matches!(w.2.as_str(), "a" | "an" | "one") && i + 3 < ws.len() + 1 {
                let rest: Vec<&str> = ws[i + 1..(i + 4).min(ws.len())]
                    .iter()
                    .map(|w| w.2.as_str())
                    .collect();
                if rest.len() >= 2
                    && matches!(rest[1], "was" | "died")
                    && rest
                        .get(2)
                        .is_none_or(|r| *r == "killed" || rest[1] == "died")
                    && is_person(rest[0])
                {
                    return Some(1);
                }
            }
        }
        None
    }
}

/// "killing|elimination|assassination|liquidation of" followed, within a few
/// words, by a capitalised or quoted name.
fn names_one_death(sentence: &str) -> bool {
    crate::words::words! { NOUNS = figures.one_death_nouns; }
    let lower = sentence.to_ascii_lowercase();
    NOUNS.iter().any(|noun| {
        lower.match_indices(noun).any(|(i, m)| {
            let rest = &sentence[i + m.len()..];
            rest.split_whitespace().take(8).any(|w| {
                let w = w.trim_start_matches(['“', '"', '‘']);
                w.starts_with(|c: char| c.is_uppercase()) && !matches!(w, "The" | "A" | "An")
            }) && !rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

fn is_person(word: &str) -> bool {
    PERSON_NOUNS.contains(&word)
}

fn numbers_between(nums: &[NumberMention], from: usize, to: usize) -> usize {
    nums.iter()
        .filter(|m| m.span.start >= from && m.span.end <= to)
        .count()
}

fn assign(out: &mut Casualties, kind: Option<Kind>, value: Option<u64>) {
    let Some(value) = value else { return };
    let value = value.min(u32::MAX as u64) as u32;
    match kind {
        Some(Kind::Death) if out.fatalities.is_none() => out.fatalities = Some(value),
        Some(Kind::Injury) if out.injuries.is_none() => out.injuries = Some(value),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fi(s: &str) -> (Option<u32>, Option<u32>) {
        let c = casualties(s);
        (c.fatalities, c.injuries)
    }

    #[test]
    fn counts_before_and_after_the_verb() {
        assert_eq!(
            fi("Gunmen killed 12 villagers near the market."),
            (Some(12), None)
        );
        assert_eq!(
            fi("Two soldiers and five militants were killed in an exchange of fire."),
            (Some(7), None)
        );
        assert_eq!(
            fi("Unknown gunmen shot dead a local journalist on Monday."),
            (Some(1), None)
        );
        assert_eq!(
            fi("The bodies of seven men abducted last week were found."),
            (Some(7), None)
        );
        assert_eq!(
            fi("An airstrike killed a bandit leader and 20 of his men."),
            (Some(21), None)
        );
        assert_eq!(
            fi("At least 20 soldiers and VDP were killed and about fifteen wounded."),
            (Some(20), Some(15))
        );
        assert_eq!(
            fi("The blast killed as many as 40 people."),
            (Some(40), None)
        );
        assert_eq!(
            fi("At least seven people were killed and 30 injured."),
            (Some(7), Some(30))
        );
        assert_eq!(
            fi("Three soldiers died and more than 40 were wounded."),
            (Some(3), Some(40))
        );
    }

    #[test]
    fn parts_add_up_and_inclusions_do_not() {
        assert_eq!(
            fi("The rebels say they killed 35 militiamen and 12 police officers."),
            (Some(47), None)
        );
        assert_eq!(
            fi("The raid left 18 civilians dead, including 5 children."),
            (Some(18), None)
        );
    }

    #[test]
    fn vague_words_give_nothing_and_no_casualties_gives_zero() {
        assert_eq!(fi("Dozens of fighters were killed."), (None, None));
        assert_eq!(
            fi("The depot was hit but no casualties were reported."),
            (Some(0), Some(0))
        );
    }

    #[test]
    fn dates_are_not_counts_and_other_verbs_break_sums() {
        assert_eq!(
            fi("A bomb exploded on 14 October 2023, killing nine people and injuring 17."),
            (Some(9), Some(17))
        );
        assert_eq!(
            fi("They attacked, killing at least 12 soldiers and wounding 20 others."),
            (Some(12), Some(20))
        );
    }

    #[test]
    fn a_named_person_killed_is_one_death() {
        assert_eq!(
            fi("The army announced the elimination of the commander “Abu Talha” in an operation."),
            (Some(1), None)
        );
        assert_eq!(fi("The killing of civilians continued."), (None, None));
    }

    #[test]
    fn a_single_victim() {
        assert_eq!(fi("A policeman was killed in the ambush."), (Some(1), None));
        assert_eq!(
            fi("Police raided the house, killing a senior ISWAP commander."),
            (Some(1), None)
        );
        assert_eq!(
            fi("Nine people, including the mayor Ali Musa, were injured."),
            (None, Some(9))
        );
    }
}
