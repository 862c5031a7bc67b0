//! The trigger lexicon (`data/triggers.toml`): words that make a sentence
//! report an event, and the cues that cancel or qualify them.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use watchfloor_model::{EventType, Stance, SubEventType};

const DEFAULT_LEXICON: &str = include_str!("../../../data/triggers.toml");

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{origin}: not a valid trigger lexicon: {message}")]
    Syntax { origin: String, message: String },
    #[error("{origin}: trigger #{index}: unknown event type `{value}` (use an ACLED type such as `Battles`)")]
    UnknownType {
        origin: String,
        index: usize,
        value: String,
    },
    #[error("{origin}: trigger #{index}: unknown sub-event type `{value}` (use one of ACLED's 25, such as `Armed clash`)")]
    UnknownSubType {
        origin: String,
        index: usize,
        value: String,
    },
    #[error("{origin}: trigger #{index}: sub-event type `{sub}` is not under `{event_type}` (it belongs to `{parent}`)")]
    MismatchedSubType {
        origin: String,
        index: usize,
        sub: String,
        event_type: String,
        parent: String,
    },
}

#[derive(Deserialize)]
struct RawLexicon {
    trigger: Vec<RawTrigger>,
    cues: RawCues,
}

#[derive(Deserialize)]
struct RawTrigger {
    #[serde(rename = "type")]
    event_type: String,
    sub_type: String,
    rank: u32,
    #[serde(default)]
    generic: bool,
    #[serde(default)]
    weak: bool,
    #[serde(default)]
    requires: Vec<String>,
    patterns: Vec<String>,
}

#[derive(Deserialize)]
struct RawCues {
    negation: Vec<String>,
    hypothetical: Vec<String>,
    background: Vec<String>,
    reaction: Vec<String>,
    civilian_targets: Vec<String>,
    claims: Vec<(String, String)>,
}

/// One trigger family: its type and how strongly it decides the sub-type.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub event_type: EventType,
    pub sub_type: SubEventType,
    pub rank: u32,
    pub generic: bool,
    /// Counts only in a sentence with no firmer specific trigger.
    pub weak: bool,
    requires: Vec<String>,
}

/// A trigger found in a sentence.
#[derive(Debug, Clone, Copy)]
pub struct TriggerHit {
    pub trigger: usize,
    pub start: usize,
    pub end: usize,
}

/// A phrase list matched on word boundaries, with `*` wildcard endings.
pub struct PhraseSet {
    automaton: AhoCorasick,
    /// Per pattern: (owner index, wildcard ending).
    owners: Vec<(usize, bool)>,
}

impl PhraseSet {
    fn new<'a>(phrases: impl IntoIterator<Item = (usize, &'a str)>) -> PhraseSet {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (owner, p) in phrases {
            let wildcard = p.ends_with('*');
            patterns.push(p.trim_end_matches('*').to_lowercase());
            owners.push((owner, wildcard));
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("phrase automaton builds");
        PhraseSet { automaton, owners }
    }

    /// Matches as (owner, start, end), whole words only.
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        // Word characters are letters and digits of any script; punctuation
        // such as "…" or "’" ends a word.
        let char_before = |i: usize| text[..i].chars().next_back();
        let char_at = |i: usize| text[i..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (owner, wildcard) = self.owners[m.pattern().as_usize()];
            if !text.is_char_boundary(m.start()) || !text.is_char_boundary(m.end()) {
                continue;
            }
            if is_word(char_before(m.start())) {
                continue;
            }
            let mut end = m.end();
            if wildcard {
                while let Some(c) = char_at(end).filter(|c| c.is_alphanumeric()) {
                    end += c.len_utf8();
                }
            } else if is_word(char_at(end)) {
                continue;
            }
            out.push((owner, m.start(), end));
        }
        out
    }

    pub fn contains(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }
}

/// The loaded lexicon.
pub struct Lexicon {
    pub triggers: Vec<Trigger>,
    trigger_phrases: PhraseSet,
    /// Per pattern of `trigger_phrases`, the triggers it belongs to.
    pattern_triggers: Vec<Vec<usize>>,
    requirement_phrases: Vec<PhraseSet>,
    pub negation: PhraseSet,
    pub hypothetical: PhraseSet,
    pub background: PhraseSet,
    /// Reactions to an event (condemnations): the sentence adds no event.
    pub reaction: PhraseSet,
    pub civilian_targets: PhraseSet,
    pub claims: PhraseSet,
    pub claim_stances: Vec<Stance>,
}

impl Lexicon {
    pub fn load_default() -> Result<Lexicon, LexiconError> {
        Lexicon::from_toml(DEFAULT_LEXICON, "data/triggers.toml")
    }

    pub fn from_toml(text: &str, origin: &str) -> Result<Lexicon, LexiconError> {
        let raw: RawLexicon = toml::from_str(text).map_err(|e| LexiconError::Syntax {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        let mut triggers = Vec::new();
        for (index, t) in raw.trigger.iter().enumerate() {
            let event_type =
                EventType::parse(&t.event_type).ok_or_else(|| LexiconError::UnknownType {
                    origin: origin.to_string(),
                    index: index + 1,
                    value: t.event_type.clone(),
                })?;
            let sub_type =
                SubEventType::parse(&t.sub_type).ok_or_else(|| LexiconError::UnknownSubType {
                    origin: origin.to_string(),
                    index: index + 1,
                    value: t.sub_type.clone(),
                })?;
            if sub_type.event_type() != event_type {
                return Err(LexiconError::MismatchedSubType {
                    origin: origin.to_string(),
                    index: index + 1,
                    sub: sub_type.to_string(),
                    event_type: event_type.to_string(),
                    parent: sub_type.event_type().to_string(),
                });
            }
            triggers.push(Trigger {
                event_type,
                sub_type,
                rank: t.rank,
                generic: t.generic,
                weak: t.weak,
                requires: t.requires.clone(),
            });
        }
        // One pattern may belong to several triggers ("attacked": by drones
        // a drone strike, else a generic attack); the automaton holds each
        // pattern once and remembers its triggers in file order.
        let mut pattern_triggers: Vec<Vec<usize>> = Vec::new();
        let mut group_of: std::collections::HashMap<String, usize> = Default::default();
        let mut grouped: Vec<(usize, String)> = Vec::new();
        for (i, t) in raw.trigger.iter().enumerate() {
            for p in &t.patterns {
                let key = p.to_lowercase();
                let group = *group_of.entry(key.clone()).or_insert_with(|| {
                    pattern_triggers.push(Vec::new());
                    grouped.push((pattern_triggers.len() - 1, key));
                    pattern_triggers.len() - 1
                });
                pattern_triggers[group].push(i);
            }
        }
        let trigger_phrases = PhraseSet::new(grouped.iter().map(|(g, p)| (*g, p.as_str())));
        let requirement_phrases = triggers
            .iter()
            .map(|t| PhraseSet::new(t.requires.iter().map(|r| (0, r.as_str()))))
            .collect();
        let list = |l: &[String]| PhraseSet::new(l.iter().map(|p| (0, p.as_str())));
        let mut claim_stances = Vec::new();
        for (_, stance) in &raw.cues.claims {
            claim_stances.push(match stance.as_str() {
                "confirm" => Stance::Confirm,
                "deny" => Stance::Deny,
                "accuse" => Stance::Accuse,
                _ => Stance::Claim,
            });
        }
        Ok(Lexicon {
            triggers,
            trigger_phrases,
            pattern_triggers,
            requirement_phrases,
            negation: list(&raw.cues.negation),
            hypothetical: list(&raw.cues.hypothetical),
            background: list(&raw.cues.background),
            reaction: list(&raw.cues.reaction),
            civilian_targets: list(&raw.cues.civilian_targets),
            claims: PhraseSet::new(
                raw.cues
                    .claims
                    .iter()
                    .enumerate()
                    .map(|(i, (p, _))| (i, p.as_str())),
            ),
            claim_stances,
        })
    }

    /// Triggers in `sentence` whose requirements the sentence meets.
    pub fn triggers_in(&self, sentence: &str) -> Vec<TriggerHit> {
        self.triggers_in_context(sentence, None)
    }

    /// Triggers in `sentence` whose requirements it or the sentence before
    /// it meets: "The rebels now fight with drones. They used them on 11
    /// September against an army camp."
    pub fn triggers_in_context(&self, sentence: &str, previous: Option<&str>) -> Vec<TriggerHit> {
        let met = |t: usize| {
            self.triggers[t].requires.is_empty()
                || self.requirement_phrases[t].contains(sentence)
                || previous.is_some_and(|p| self.requirement_phrases[t].contains(p))
        };
        self.trigger_phrases
            .find(sentence)
            .into_iter()
            .filter_map(|(group, start, end)| {
                let trigger = self.pattern_triggers[group]
                    .iter()
                    .copied()
                    .find(|&t| met(t))?;
                Some(TriggerHit {
                    trigger,
                    start,
                    end,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trigger_s_sub_event_type_must_be_acled_s_and_under_its_type() {
        let lexicon = |kind: &str, sub: &str| {
            format!(
                "[[trigger]]\ntype = \"{kind}\"\nsub_type = \"{sub}\"\nrank = 1\npatterns = [\"raided\"]\n\n[cues]\nnegation = []\nhypothetical = []\nbackground = []\nreaction = []\ncivilian_targets = []\nclaims = []\n"
            )
        };
        let error = |kind: &str, sub: &str| match Lexicon::from_toml(&lexicon(kind, sub), "t.toml")
        {
            Ok(_) => panic!("{kind} / {sub} accepted"),
            Err(e) => e,
        };
        let unknown = error("Battles", "Skirmish");
        assert!(
            unknown
                .to_string()
                .contains("unknown sub-event type `Skirmish`"),
            "{unknown}"
        );
        let misplaced = error("Battles", "Arrests");
        assert!(
            misplaced
                .to_string()
                .contains("belongs to `Strategic developments`"),
            "{misplaced}"
        );
    }

    #[test]
    fn default_lexicon_loads_and_finds_wildcards() {
        let lex = Lexicon::load_default().unwrap();
        let hits = lex.triggers_in("Airstrikes hit the town; a suicide bomber blew himself up.");
        let subs: Vec<SubEventType> = hits
            .iter()
            .map(|h| lex.triggers[h.trigger].sub_type)
            .collect();
        assert!(subs.contains(&SubEventType::AirDroneStrike), "{subs:?}");
        assert!(subs.contains(&SubEventType::SuicideBomb), "{subs:?}");
    }

    #[test]
    fn requirements_gate_ambiguous_words() {
        let lex = Lexicon::load_default().unwrap();
        let air = |s: &str| {
            lex.triggers_in(s)
                .iter()
                .any(|h| lex.triggers[h.trigger].sub_type == SubEventType::AirDroneStrike)
        };
        assert!(!air("Workers went on strike in the capital."));
        assert!(air("A drone strike hit the convoy."));
        // A word two triggers share falls to the next one whose
        // requirements the sentence meets.
        assert!(air("Drones attacked the refinery."));
        let attack = lex.triggers_in("Gunmen attacked the village.");
        assert_eq!(attack.len(), 2, "gunmen and attacked");
        assert!(attack
            .iter()
            .all(|h| lex.triggers[h.trigger].sub_type == SubEventType::ArmedClash));
    }

    #[test]
    fn punctuation_ends_a_word() {
        let lex = Lexicon::load_default().unwrap();
        assert!(!lex
            .triggers_in("They claimed the Mastung blast…")
            .is_empty());
        assert!(!lex.triggers_in("a “blast” in the city").is_empty());
    }

    #[test]
    fn words_inside_words_do_not_trigger() {
        let lex = Lexicon::load_default().unwrap();
        assert!(lex
            .triggers_in("The battlefield museum reopened.")
            .is_empty());
    }

    #[test]
    fn malformed_lexicon_names_the_file() {
        let err = Lexicon::from_toml("trigger = 3", "bad.toml").err().unwrap();
        assert!(err.to_string().starts_with("bad.toml:"), "{err}");
    }
}
