//! Who did what to whom: actor roles and claims from word-order cues.
//!
//! Without a parser, position and a handful of cue words carry most of the
//! signal in news prose: the agent precedes an active trigger or follows
//! "by"; the target follows the trigger or "against"/"on"/"targeting";
//! a mention next to "said", "according to", "denied" speaks about the
//! event rather than taking part in it.

use crate::Extractor;
use std::collections::HashMap;
use watchfloor_actors::{ActorKind, ActorMention, GenericRole};
use watchfloor_model::{Claim, Span, Stance};
use watchfloor_recognize::Doc;

/// What the whole report says about its actors, for resolving the
/// unnamed ones in a sentence.
#[derive(Debug, Default)]
pub struct Discourse {
    /// Per country, the rebel or separatist group the report names most
    /// (at least twice): "the rebels" there are that group.
    rebels: HashMap<String, String>,
    /// Per country, the insurgent group (rebel, separatist or jihadist) the
    /// report names most (at least twice): "the insurgents" there.
    insurgents: HashMap<String, String>,
    /// Per country, the jihadist group the report names most (at least
    /// twice): "the jihadists" there.
    jihadists: HashMap<String, String>,
}

impl Discourse {
    pub fn of(ex: &Extractor, doc: &Doc<'_>) -> Discourse {
        // A mention of a parent organisation speaks for its branch in each
        // branch's country: "the Islamic State" in a Mozambique report.
        let dominant = |kinds: &[ActorKind]| {
            let mut counts: HashMap<(&str, &str), usize> = HashMap::new();
            for s in &doc.sentences {
                for m in &s.actors {
                    let Some(actor) = m.actor.as_deref().and_then(|id| ex.catalogue().get(id))
                    else {
                        continue;
                    };
                    let own = std::iter::once(actor);
                    for a in own
                        .chain(ex.branches_of(&actor.name))
                        .filter(|a| kinds.contains(&a.kind))
                    {
                        for country in &a.countries {
                            *counts
                                .entry((country.as_str(), a.name.as_str()))
                                .or_default() += 1;
                        }
                    }
                }
            }
            let mut best: HashMap<String, (usize, String)> = HashMap::new();
            for ((country, name), n) in counts {
                let entry = best
                    .entry(country.to_string())
                    .or_insert((0, String::new()));
                if n > entry.0 || (n == entry.0 && name < entry.1.as_str()) {
                    *entry = (n, name.to_string());
                }
            }
            best.into_iter()
                .filter(|(_, (n, _))| *n >= 2)
                .map(|(c, (_, name))| (c, name))
                .collect::<HashMap<_, _>>()
        };
        Discourse {
            rebels: dominant(&[ActorKind::Rebel, ActorKind::Separatist]),
            insurgents: dominant(&[ActorKind::Rebel, ActorKind::Separatist, ActorKind::Islamist]),
            jihadists: dominant(&[ActorKind::Islamist]),
        }
    }

    /// The group "the insurgents" (or, with `jihadist`, "the jihadists")
    /// stands for in `country`, if the report says.
    pub fn insurgents_in(&self, country: &str, jihadist: bool) -> Option<&String> {
        if jihadist {
            self.jihadists.get(country)
        } else {
            self.insurgents.get(country)
        }
    }

    /// The group "the rebels" stands for in `country`, if the report says.
    pub fn rebels_in(&self, country: &str) -> Option<&String> {
        self.rebels.get(country)
    }
}

#[derive(Debug, Default)]
pub struct Roles {
    pub agent: Option<String>,
    pub agent_named: bool,
    /// The agent is the one that claimed responsibility.
    pub agent_claimed: bool,
    /// The agent as written ("Turkish security forces").
    pub agent_surface: String,
    pub patient: Option<String>,
    pub patient_named: bool,
    pub patient_is_civilian: bool,
    pub patient_is_armed: bool,
    /// The target is a political party or another unarmed organisation.
    pub patient_is_party: bool,
    /// The distinct armed parties taking part (speakers aside).
    pub armed_parties: Vec<String>,
    pub claims: Vec<Claim>,
}

struct Resolved {
    span: Span,
    surface: String,
    party: bool,
    name: String,
    named: bool,
    civilian: bool,
    armed: bool,
}

crate::words::words! {
    /// Words that open a clause with a subject of its own.
    CLAUSE_OPENERS = roles.clause_openers;
    TARGET_LINKS = roles.target_links;
    COORDINATORS = roles.coordinators;
    ADVERBS = roles.adverbs;
    HITTING_VERBS = roles.hitting_verbs;
}

crate::words::words! { PATIENT_CUES = roles.patient_cues; }

/// Who did what to whom around one trigger: the sentence's parties sorted
/// into speakers (claims), agents and targets, then the agent and target
/// chosen among them.
pub fn assign(
    ex: &Extractor,
    discourse: &Discourse,
    text: &str,
    mentions: &[ActorMention],
    trigger: Span,
    country: Option<&str>,
    speaker_may_act: bool,
) -> Roles {
    let members = members_of_named(text, mentions);
    let mentions = &members[..];
    // The action verb nearest the trigger splits agents from targets; a
    // passive one ("were defeated by") turns the split around.
    let (pivot_start, pivot_end, passive) = match pivot(text, trigger.start, trigger.end) {
        Some((s, e, passive)) => (s, e, passive),
        None => (trigger.start, trigger.end, false),
    };
    let clause = Clause {
        text,
        mentions,
        cues: ex.lexicon.claims.find(text),
        pivot: Span::new(pivot_start, pivot_end),
        passive,
    };
    let mut roles = Roles::default();
    let mut sides = Sides::default();
    for m in mentions {
        let Some(r) = resolve(ex, discourse, m, country) else {
            continue;
        };
        if let Some((stance, takes_part)) = clause.speaker_cue(ex, m, &r) {
            add_claim(&mut roles, &r.name, stance);
            if !takes_part || stance != Stance::Claim {
                // An armed actor announcing an operation usually conducted it:
                // it stands in when no one else is named as the agent.
                // A defence ministry speaks for its army, so a government
                // counts here too (it acts through its armed forces).
                let government = !r.armed && !r.civilian && !r.party;
                if speaker_may_act && stance == Stance::Claim && (r.armed || government) && r.named
                {
                    sides.spokesmen.push(r);
                }
                continue;
            }
            sides.claimed_agent = prefer_named(sides.claimed_agent.take(), &r);
            sides.agents.push(r);
            continue;
        }
        match clause.side_of(m, &r) {
            Side::Claimant => {
                add_claim(&mut roles, &r.name, Stance::Claim);
                sides.claimed_agent = prefer_named(sides.claimed_agent.take(), &r);
                sides.agents.push(r);
            }
            Side::Agent { first_of_between } => {
                if first_of_between {
                    sides.first_sides.push(r.span.start);
                }
                sides.agents.push(r);
            }
            Side::Patient => sides.patients.push(r),
            Side::None => {}
        }
    }
    sides.choose(&mut roles, clause.pivot);
    roles
}

/// The sentence around one trigger, as the role rules read it.
struct Clause<'a> {
    text: &'a str,
    mentions: &'a [ActorMention],
    /// Claim verbs found in the sentence: (stance index, start, end).
    cues: Vec<(usize, usize, usize)>,
    /// The action verb nearest the trigger (or the trigger itself).
    pivot: Span,
    passive: bool,
}

/// Where a party that does not speak stands.
enum Side {
    /// "claimed by X", "responsibility was taken by X".
    Claimant,
    Agent {
        first_of_between: bool,
    },
    Patient,
    /// A description ("the commander of the IRGC"), a mention the next one
    /// identifies, or an apposition: no party of its own.
    None,
}

/// The parties sorted so far.
#[derive(Default)]
struct Sides {
    agents: Vec<Resolved>,
    patients: Vec<Resolved>,
    spokesmen: Vec<Resolved>,
    /// The first sides of "between X and Y", by where they start.
    first_sides: Vec<usize>,
    claimed_agent: Option<(String, bool)>,
}

fn add_claim(roles: &mut Roles, by: &str, stance: Stance) {
    if !roles
        .claims
        .iter()
        .any(|c| c.by == by && c.stance == stance)
    {
        roles.claims.push(Claim {
            by: by.to_string(),
            stance,
            sentence: None,
        });
    }
}

impl Clause<'_> {
    /// Whether `m` speaks of the event ("according to X", "X said", "a
    /// police official"), with the stance and whether the speaker claims to
    /// have taken part ("claimed responsibility").
    fn speaker_cue(
        &self,
        ex: &Extractor,
        m: &ActorMention,
        r: &Resolved,
    ) -> Option<(Stance, bool)> {
        let text = self.text;
        let before = text[text.floor_char_boundary(m.span.start.saturating_sub(16))..m.span.start]
            .to_lowercase();
        let after_word = text[m.span.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let spokesperson =
            SPOKESPERSON_NOUNS.contains(&after_word.trim_matches(|c: char| !c.is_alphabetic()));
        let cue = if before.trim_end().ends_with("according to") || spokesperson {
            Some((Stance::Claim, false))
        } else {
            self.claim_verb_after(ex, m)
        };
        // "the people gathered near the site, the coalition said": a bystander
        // is a claimant only when the verb follows at once ("residents said").
        cue.filter(|_| {
            !r.civilian
                || self
                    .cues
                    .iter()
                    .any(|&(_, s, _)| s >= m.span.end && s - m.span.end <= 2)
        })
    }

    /// The claim verb that follows `m` in its own clause, if `m` is its subject.
    fn claim_verb_after(&self, ex: &Extractor, m: &ActorMention) -> Option<(Stance, bool)> {
        let text = self.text;
        self.cues
            .iter()
            .filter(|&&(_, s, _)| {
                s >= m.span.end
                    && s - m.span.end <= 60
                    && !text[m.span.end..s].contains(['.', ';'])
                    // "killing 15 soldiers, while the group claimed": a
                    // new clause has its own subject.
                    && !CLAUSE_OPENERS.iter().any(|w| {
                        text[m.span.end..s]
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|x| x.eq_ignore_ascii_case(w))
                    })
            })
            // Another party between the mention and the verb speaks instead,
            // unless the two are coordinated: "separatists and jihadists claimed".
            .filter(|&&(_, s, _)| {
                let mut last = m.span.end;
                self.mentions
                    .iter()
                    .filter(|o| o.span.start > m.span.start && o.span.start < s)
                    .all(|o| {
                        let joint = matches!(
                            text[last..o.span.start].trim(),
                            "and" | "," | "or" | ", and"
                        );
                        last = o.span.end;
                        joint
                    })
            })
            // "the responsibility was taken by X" names X, not the one before it.
            .filter(|&&(_, _, e)| !text[..e].trim_end().ends_with(" by"))
            // "killing seven insurgents, according to the army": the
            // speaker follows "according to", it does not precede it.
            .filter(|&&(_, s, e)| !text[s..e].eq_ignore_ascii_case("according to"))
            .map(|&(ci, s, e)| {
                let phrase = &text[s..e].to_lowercase();
                (
                    ex.lexicon.claim_stances[ci],
                    phrase.contains("responsib") || phrase.starts_with("claim"),
                )
            })
            .next()
    }

    /// Where a party that does not speak stands: "by X" and the first side of
    /// "between X and Y" act; civilians and what follows a target word are
    /// acted upon; a passive verb turns word order around.
    fn side_of(&self, m: &ActorMention, r: &Resolved) -> Side {
        let text = self.text;
        let before = text[text.floor_char_boundary(m.span.start.saturating_sub(16))..m.span.start]
            .to_lowercase();
        let head = before.trim_end();
        let head = head
            .strip_suffix(" the")
            .or_else(|| head.strip_suffix(" a"))
            .unwrap_or(head);
        // "killed by X", "the town fell to X", and the first side of
        // "clashes between X and Y": X acted.
        let by = head.ends_with(" by")
            || head == "by"
            || head.ends_with("fell to")
            || head.ends_with(" between")
            || head == "between";
        let wide_before = text
            [text.floor_char_boundary(m.span.start.saturating_sub(40))..m.span.start]
            .to_lowercase();
        if by && (wide_before.contains("responsib") || wide_before.contains("claimed by")) {
            return Side::Claimant;
        }
        // "the commander of the IRGC": a description of someone, not a party to the event.
        if DESCRIPTIONS.iter().any(|p| before.trim_end().ends_with(p)) {
            return Side::None;
        }
        // "armed men believed to be members of the Mai-Mai": the unnamed
        // mention is the named one that follows.
        let identified_later = m.actor.is_none()
            && self.mentions.iter().any(|o| {
                o.actor.is_some()
                    && o.span.start > m.span.end
                    && o.span.start - m.span.end <= 50
                    && {
                        let between = text[m.span.end..o.span.start].to_lowercase();
                        IDENTIFICATIONS.iter().any(|w| between.contains(w))
                    }
            });
        // "Daesh, the Khorasan branch of the Islamic State": an apposition names
        // the mention before it again.
        let appositive = self.mentions.iter().any(|o| {
            o.span.end <= m.span.start && {
                let between = text[o.span.end..m.span.start].to_lowercase();
                let between = between.trim();
                between == "," || between == ", the" || between == ", a" || between == ", an"
            }
        });
        if identified_later || appositive {
            return Side::None;
        }
        let patient_cue = PATIENT_CUES.iter().any(|c| {
            let b = before.trim_end();
            let b = b
                .strip_suffix(" the")
                .or_else(|| b.strip_suffix(" a"))
                .or_else(|| b.strip_suffix(" an"))
                .unwrap_or(b);
            b == *c || b.strip_suffix(c).is_some_and(|head| head.ends_with(' '))
        });
        let before_pivot = m.span.end <= self.pivot.start;
        // "Six members of the BIFF were killed ... when jets bombed their
        // camp": the subject of a passive verb is acted upon, whatever verb
        // the trigger is.
        if !by && subject_of_passive(&text[m.span.end..]) {
            return Side::Patient;
        }
        if by {
            Side::Agent {
                first_of_between: head.ends_with("between"),
            }
        } else if r.civilian {
            // Civilians are acted upon, whatever the word order.
            Side::Patient
        } else if patient_cue && m.span.start >= self.pivot.start.saturating_sub(40) {
            Side::Patient
        } else if self.passive && !after_when(text, self.pivot.end, m.span.start) {
            // "a soldier was killed in two attacks on the police": no agent but by "by";
            // but "two officers were killed when gunmen opened fire": the gunmen act.
            Side::Patient
        } else if self.passive || before_pivot {
            Side::Agent {
                first_of_between: false,
            }
        } else {
            Side::Patient
        }
    }
}

impl Sides {
    /// The agent (the first side of "between X and Y"; else the nearest
    /// before the trigger, named first; else the first) and the target (the
    /// named one nearest the trigger); a claimant settles who acted.
    fn choose(self, roles: &mut Roles, pivot: Span) {
        let mut armed: Vec<&str> = self
            .agents
            .iter()
            .chain(&self.patients)
            .filter(|r| r.armed)
            .map(|r| r.name.as_str())
            .collect();
        armed.sort_unstable();
        armed.dedup();
        roles.armed_parties = armed.iter().map(|a| a.to_string()).collect();
        let agent = self
            .agents
            .iter()
            .find(|a| self.first_sides.contains(&a.span.start) && a.named)
            .or_else(|| {
                self.agents
                    .iter()
                    .filter(|a| a.span.end <= pivot.start)
                    .max_by_key(|a| (a.named as u8, a.span.end))
            })
            .or_else(|| self.agents.first());
        // A force reporting its own losses ("the army said four soldiers were
        // killed") is the target, not the attacker.
        let agent = agent.filter(|a| !a.civilian).or_else(|| {
            self.spokesmen
                .iter()
                .find(|s| !self.patients.iter().any(|p| p.name == s.name))
        });
        let patient = self
            .patients
            .iter()
            .filter(|p| agent.is_none_or(|a| a.name != p.name))
            .min_by_key(|p| (!p.named as u8, p.span.start.abs_diff(pivot.end)));
        if let Some(a) = agent {
            roles.agent = Some(a.name.clone());
            roles.agent_named = a.named;
            roles.agent_surface = a.surface.clone();
        }
        if let Some((name, named)) = self.claimed_agent {
            roles.agent = Some(name);
            roles.agent_named = named;
            roles.agent_claimed = true;
        }
        if let Some(p) = patient {
            roles.patient = Some(p.name.clone());
            roles.patient_named = p.named;
            roles.patient_is_civilian = p.civilian;
            roles.patient_is_armed = p.armed;
            roles.patient_is_party = p.party;
        }
    }
}

/// The targets of "two attacks on the traffic police and the Levies": when
/// a count stands before a plural trigger and that many different parties
/// follow "on", joined by "and" or commas, each is the target of one of
/// the occurrences.
pub fn counted_targets(
    ex: &Extractor,
    discourse: &Discourse,
    text: &str,
    mentions: &[ActorMention],
    trigger: Span,
    country: Option<&str>,
) -> Vec<String> {
    let word = &text[trigger.start..trigger.end];
    if word.contains(' ') || !word.ends_with('s') {
        return Vec::new();
    }
    let before = text[..trigger.start].trim_end().to_lowercase();
    let count = match before.rsplit(' ').next().unwrap_or("") {
        "two" | "2" | "twin" | "double" => 2,
        "three" | "3" | "triple" => 3,
        _ => return Vec::new(),
    };
    let mut names: Vec<String> = Vec::new();
    let mut last = trigger.end;
    for m in mentions.iter().filter(|m| m.span.start >= trigger.end) {
        if m.span.start < last {
            break;
        }
        let between = text[last..m.span.start].trim().to_lowercase();
        let joint = if names.is_empty() {
            TARGET_LINKS.contains(&between.as_str())
        } else {
            COORDINATORS.contains(&between.as_str())
        };
        if !joint {
            break;
        }
        match resolve(ex, discourse, m, country) {
            Some(r) if !names.contains(&r.name) => names.push(r.name),
            _ => return Vec::new(),
        }
        last = m.span.end;
    }
    if names.len() == count {
        names
    } else {
        Vec::new()
    }
}

fn resolve(
    ex: &Extractor,
    discourse: &Discourse,
    m: &ActorMention,
    country: Option<&str>,
) -> Option<Resolved> {
    if let Some(actor) = m.actor.as_deref().and_then(|id| ex.catalogue().get(id)) {
        let civilian = matches!(
            actor.kind,
            ActorKind::Civilians | ActorKind::Refugees | ActorKind::Migrants
        );
        return Some(Resolved {
            span: m.span,
            surface: m.surface.clone(),
            party: matches!(actor.kind, ActorKind::PoliticalParty),
            name: actor.name.clone(),
            named: !matches!(actor.kind, ActorKind::Civilians | ActorKind::Unidentified),
            civilian,
            armed: !civilian
                && !matches!(
                    actor.kind,
                    ActorKind::Government | ActorKind::International | ActorKind::PoliticalParty
                ),
        });
    }
    let role = m.generic?;
    let jihadist = m.surface.to_lowercase().contains("jihad");
    let mut dominant = match role {
        GenericRole::Rebels => country.and_then(|c| discourse.rebels_in(c)).cloned(),
        GenericRole::Insurgents => country
            .and_then(|c| discourse.insurgents_in(c, jihadist))
            .cloned(),
        _ => None,
    };
    // "Armed separatists" in a country with one separatist movement (its
    // factions affiliated to it) are that movement.
    if dominant.is_none() && m.surface.to_lowercase().contains("separatist") {
        dominant = country.and_then(|c| sole_separatist_movement(ex, c));
    }
    if let Some(name) = dominant {
        return Some(Resolved {
            span: m.span,
            surface: m.surface.clone(),
            party: false,
            name,
            // "The rebels" are as good as named; "the insurgents" stand for
            // the group without the text saying it took part.
            named: role == GenericRole::Rebels,
            civilian: false,
            armed: true,
        });
    }
    let actor = ex.catalogue().state_actor(country?, role.state_role())?;
    Some(Resolved {
        span: m.span,
        surface: m.surface.clone(),
        party: false,
        name: actor.name.clone(),
        named: false,
        civilian: matches!(
            role,
            GenericRole::Civilians | GenericRole::Refugees | GenericRole::Migrants
        ),
        armed: !matches!(
            role,
            GenericRole::Civilians
                | GenericRole::Refugees
                | GenericRole::Migrants
                | GenericRole::Government
        ),
    })
}

/// The claimant to keep: the first one, unless a later one is named and it is not.
fn prefer_named(current: Option<(String, bool)>, r: &Resolved) -> Option<(String, bool)> {
    match current {
        Some((name, named)) if named || !r.named => Some((name, named)),
        _ => Some((r.name.clone(), r.named)),
    }
}

/// Whether a subordinate clause ("when", "as", "after") starts between the
/// passive verb and the mention: its subject acts.
fn after_when(text: &str, pivot_end: usize, mention: usize) -> bool {
    mention > pivot_end && {
        let between = text[pivot_end..mention].to_lowercase();
        SUBORDINATORS.iter().any(|w| between.contains(w))
    }
}

crate::words::words! {
    /// Words between an unnamed group and a named one that identify the first
    /// as the second ("gunmen believed to be Mai-Mai").
    IDENTIFICATIONS = roles.identifications;
    /// Words that open a subordinate clause whose subject acts ("were
    /// killed when gunmen opened fire").
    SUBORDINATORS = roles.subordinators;
    /// Words before a party that make it a description of someone ("the
    /// commander of the IRGC"), not a party to the event.
    DESCRIPTIONS = roles.descriptions;
    /// Nouns after a force's name that make it a person speaking for it:
    /// "a police official", "security sources", "army spokesman".
    SPOKESPERSON_NOUNS = roles.spokesperson_nouns;
}

crate::words::words! {
    /// Verbs that act on a target.
    ACTION_VERBS = roles.action_verbs;
}
crate::words::words! { PASSIVE_AUXILIARIES = roles.passive_auxiliaries; }

/// The action verb nearest the trigger, and whether it is passive.
fn pivot(text: &str, trigger_start: usize, trigger_end: usize) -> Option<(usize, usize, bool)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let is_action =
        |&(s, e): &(usize, usize)| ACTION_VERBS.contains(&text[s..e].to_lowercase().as_str());
    let (index, &(s, e)) = words
        .iter()
        .enumerate()
        .filter(|(_, w)| is_action(w))
        .min_by_key(|(_, (s, e))| {
            if *e <= trigger_start {
                trigger_start - e
            } else {
                s.saturating_sub(trigger_end)
            }
        })?;
    // Only a verb close to the trigger speaks for it.
    if s > trigger_end + 60 || e + 60 < trigger_start {
        return None;
    }
    // Auxiliaries are written in lower case: "IS conducted" is no passive.
    let word = |i: usize| &text[words[i].0..words[i].1];
    // Walk back over adverbs ("were also arrested", "was reportedly killed").
    let adverb = |w: &str| w.ends_with("ly") || ADVERBS.contains(&w);
    let mut before = index;
    while before > 0 && index - before < 3 && adverb(word(before - 1)) {
        before -= 1;
    }
    let passive = (text[s..e].ends_with("ed") || HITTING_VERBS.contains(&&text[s..e]))
        && before > 0
        && PASSIVE_AUXILIARIES.contains(&word(before - 1));
    Some((s, e, passive))
}

/// The one separatist movement the catalogue knows in `country`, counting
/// its affiliated factions as part of it.
fn sole_separatist_movement(ex: &Extractor, country: &str) -> Option<String> {
    let movements: Vec<&watchfloor_actors::Actor> = ex
        .catalogue()
        .actors()
        .iter()
        .filter(|a| a.kind == ActorKind::Separatist && a.countries.iter().any(|c| c == country))
        .filter(|a| a.affiliation.is_none())
        .collect();
    match movements.as_slice() {
        [one] => Some(one.name.clone()),
        _ => None,
    }
}

/// "Suspected fighters of the ADF", "militants from ISWAP", "gunmen
/// belonging to the sect": an unnamed group followed by the organisation
/// it belongs to is that organisation, not a second party.
fn members_of_named(text: &str, mentions: &[ActorMention]) -> Vec<ActorMention> {
    crate::words::words! { LINKS = roles.member_links; }
    mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            let unnamed = m.actor.is_none() && m.generic.is_some();
            let next_named = mentions.get(i + 1).filter(|n| n.actor.is_some());
            let Some(next) = next_named.filter(|_| unnamed) else {
                return true;
            };
            let between = text
                .get(m.span.end..next.span.start)
                .unwrap_or("")
                .trim()
                .to_lowercase();
            !LINKS.contains(&between.as_str())
        })
        .map(|(_, m)| m.clone())
        .collect()
}

/// Whether the words after a party make it the subject of a passive action
/// verb: "were killed", "was later abducted", "had been arrested".
fn subject_of_passive(after: &str) -> bool {
    let words: Vec<String> = after
        .split_whitespace()
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    if !PASSIVE_AUXILIARIES.contains(&first.as_str()) {
        return false;
    }
    words[1..]
        .iter()
        .map(String::as_str)
        .skip_while(|w| *w == "been" || w.ends_with("ly") || ADVERBS.contains(w))
        .next()
        .is_some_and(|verb| ACTION_VERBS.contains(&verb))
}
