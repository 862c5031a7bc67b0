//! Who did what to whom: actor roles and claims from word-order cues.
//!
//! Without a parser, position and a handful of cue words carry most of the
//! signal in news prose: the agent precedes an active trigger or follows
//! "by"; the target follows the trigger or "against"/"on"/"targeting";
//! a mention next to "said", "according to", "denied" speaks about the
//! event rather than taking part in it.

use crate::Extractor;
use watchfloor_actors::{ActorKind, ActorMention, GenericRole};
use watchfloor_model::{Claim, Span, Stance};

#[derive(Debug, Default)]
pub struct Roles {
    pub agent: Option<String>,
    pub agent_named: bool,
    pub patient: Option<String>,
    pub patient_named: bool,
    pub patient_is_civilian: bool,
    pub patient_is_armed: bool,
    pub claims: Vec<Claim>,
}

struct Resolved {
    span: Span,
    name: String,
    named: bool,
    civilian: bool,
    armed: bool,
}

const PATIENT_CUES: &[&str] = &[
    "against", "on", "targeting", "targeted", "at", "of", "attacked", "ambushed", "kidnapped", "abducted",
    "arrested", "with", "struck", "hit", "killed", "killing", "defeated", "upon", "toward", "towards",
];

pub fn assign(
    ex: &Extractor,
    text: &str,
    mentions: &[ActorMention],
    trigger_start: usize,
    trigger_end: usize,
    country: Option<&str>,
) -> Roles {
    let lex = &ex.lexicon;
    let cues = lex.claims.find(text);
    let lower = text.to_lowercase();
    let mut roles = Roles::default();
    let mut agents: Vec<Resolved> = Vec::new();
    let mut patients: Vec<Resolved> = Vec::new();
    for m in mentions {
        let Some(r) = resolve(ex, m, country) else { continue };
        let before = &lower[floor(text, m.span.start.saturating_sub(16))..m.span.start];
        // A speaker: "according to X", "X said", "X confirmed".
        let speaker_cue = if before.trim_end().ends_with("according to") {
            Some((Stance::Claim, false))
        } else {
            cues.iter()
                .filter(|&&(_, s, _)| s >= m.span.end && s - m.span.end <= 40 && !text[m.span.end..s].contains(['.', ';']))
                .filter(|&&(_, s, _)| mentions.iter().all(|o| o.span.start <= m.span.start || o.span.start >= s))
                .map(|&(ci, s, e)| {
                    let phrase = &lower[s..e];
                    (lex.claim_stances[ci], phrase.contains("responsib") || phrase.starts_with("claim"))
                })
                .next()
        };
        if let Some((stance, takes_part)) = speaker_cue {
            if !roles.claims.iter().any(|c| c.by == r.name && c.stance == stance) {
                roles.claims.push(Claim { by: r.name.clone(), stance, sentence: None });
            }
            if !takes_part || stance != Stance::Claim {
                continue;
            }
            agents.push(r);
            continue;
        }
        let by = before.trim_end().ends_with(" by") || before.trim_end() == "by";
        let patient_cue = PATIENT_CUES.iter().any(|c| {
            let b = before.trim_end();
            b.ends_with(&format!(" {c}")) || b == *c || b.ends_with(&format!(" {c} the")) || b.ends_with(&format!("{c} the"))
        });
        if by {
            agents.push(r);
        } else if patient_cue && m.span.start >= trigger_start.saturating_sub(40) {
            patients.push(r);
        } else if m.span.end <= trigger_start {
            agents.push(r);
        } else if m.span.start >= trigger_end {
            patients.push(r);
        } else {
            agents.push(r);
        }
    }
    // The agent nearest the trigger from before; else the first after "by".
    let agent = agents
        .iter()
        .filter(|a| a.span.end <= trigger_start)
        .max_by_key(|a| (a.named as u8, a.span.end))
        .or_else(|| agents.first());
    let patient = patients
        .iter()
        .filter(|p| agent.is_none_or(|a| a.name != p.name))
        .min_by_key(|p| (!p.named as u8, p.span.start.abs_diff(trigger_end)));
    if let Some(a) = agent {
        roles.agent = Some(a.name.clone());
        roles.agent_named = a.named;
    }
    if let Some(p) = patient {
        roles.patient = Some(p.name.clone());
        roles.patient_named = p.named;
        roles.patient_is_civilian = p.civilian;
        roles.patient_is_armed = p.armed;
    }
    roles
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn resolve(ex: &Extractor, m: &ActorMention, country: Option<&str>) -> Option<Resolved> {
    if let Some(actor) = m.actor.as_deref().and_then(|id| ex.catalogue().get(id)) {
        let civilian = matches!(actor.kind, ActorKind::Civilians | ActorKind::Refugees | ActorKind::Migrants);
        return Some(Resolved {
            span: m.span,
            name: actor.name.clone(),
            named: !matches!(actor.kind, ActorKind::Civilians | ActorKind::Unidentified),
            civilian,
            armed: !civilian && !matches!(actor.kind, ActorKind::Government | ActorKind::International | ActorKind::PoliticalParty),
        });
    }
    let role = m.generic?;
    let actor = ex.catalogue().state_actor(country?, role.state_role())?;
    Some(Resolved {
        span: m.span,
        name: actor.name.clone(),
        named: false,
        civilian: matches!(role, GenericRole::Civilians | GenericRole::Refugees | GenericRole::Migrants),
        armed: !matches!(role, GenericRole::Civilians | GenericRole::Refugees | GenericRole::Migrants | GenericRole::Government),
    })
}
