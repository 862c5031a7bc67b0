//! From one sentence to its readings of events: a straight line of passes.
//!
//! ```text
//! sentence ──► news?  ──► frames ──► for each frame: date ─► place ─► roles ─► figures ─► reading
//!   (tells_news)          (frame_pass)             (date_of) (place_of) (roles_of) (figures_of) (reading_of)
//! ```
//!
//! Each pass reads the sentence's mention layers (the recognizer's `Doc`)
//! and what the passes before it produced; none re-reads the report.
//! Readings of one occurrence are merged afterwards (`merge.rs`) and
//! finished into events (`lib.rs::finish`).

use watchfloor_actors::{ActorKind, StateRole};
use watchfloor_gazetteer::{Precision, Resolution};
use watchfloor_model::{
    Claim, DatePrecision, EventType, Evidence, Report, Section, Span, SubEventType,
};
use watchfloor_recognize::dates::{Certainty, DateValue, ResolvedDate};
use watchfloor_recognize::{PlaceInText, SentenceLayer};

use crate::figures::{self, Casualties};
use crate::frames::{
    adjectival, aggregate, frames, hypothetical, negated, pick_date, reference_start, spans_years,
    Frame,
};
use crate::lexicon::{Lexicon, Trigger, TriggerHit};
use crate::place::best_place;
use crate::{roles, Candidate, Extractor};

/// What the sentence pass learns of a sentence that tells news.
struct News {
    /// It names a day (explicit or relative).
    has_day: bool,
    /// It reacts to the event ("condemned the attack in X on Friday"): its
    /// subject speaks, it did not act.
    reaction: bool,
    /// It also tells a trend or total: its figures are the trend's.
    background: bool,
}

/// The frames a sentence keeps, and the words that tell of another
/// occurrence (a back-reference's), which belong to no frame.
struct Frames {
    hits: Vec<TriggerHit>,
    kept: Vec<Frame>,
    holes: Vec<(usize, usize)>,
}

/// The stretch of a sentence one frame owns.
#[derive(Clone, Copy)]
struct Owned<'a> {
    frame: &'a Frame,
    holes: &'a [(usize, usize)],
}

impl Owned<'_> {
    fn contains(&self, pos: usize) -> bool {
        self.frame.segment.0 <= pos
            && pos < self.frame.segment.1
            && !self.holes.iter().any(|&(a, b)| a <= pos && pos < b)
    }
}

/// Where a reading happened, as far as its sentence says.
struct Placed {
    place: Option<Resolution>,
    country: Option<String>,
    /// The place is an origin, or the previous sentence's: it does not make
    /// the reading specific.
    inherited: bool,
    /// The place mentions the frame owns.
    places: Vec<PlaceInText>,
}

impl Extractor {
    /// The readings of one sentence: its frames, each with its arguments.
    pub(crate) fn candidates(
        &self,
        report: &Report,
        s: &SentenceLayer<'_>,
        previous: Option<&SentenceLayer<'_>>,
        order: usize,
        main_country: Option<&str>,
        discourse: &roles::Discourse,
    ) -> Vec<Candidate> {
        let lex = &self.lexicon;
        let Some(news) = tells_news(lex, s) else {
            return Vec::new();
        };
        let frames = frame_pass(lex, s, previous);
        let first_frame = frames.kept.iter().map(|f| f.hit.start).min().unwrap_or(0);
        let mut out = Vec::new();
        // Coordinated clauses share their subject: "IS bombed X, attacked Y, and killed Z".
        let mut shared_agent: Option<(String, bool)> = None;
        for frame in &frames.kept {
            let owned = Owned {
                frame,
                holes: &frames.holes,
            };
            let trigger = &lex.triggers[frame.hit.trigger];
            let date = date_of(s, owned, trigger, first_frame);
            let actors: Vec<_> = s
                .actors
                .iter()
                .filter(|a| owned.contains(a.span.start))
                .cloned()
                .collect();
            let placed = self.place_of(s, previous, owned, &actors, main_country);
            let anaphoric = anaphoric(s.text, frame.hit.start);
            let (mut roles, placed) = self.roles_of(
                s.text,
                &actors,
                frame,
                trigger,
                placed,
                discourse,
                anaphoric,
                &mut shared_agent,
            );
            // Who condemns an attack did not carry it out: the subject of
            // the reaction ("The OIC condemned the attack") is no agent, though
            // the attack's own agent may be named ("the ISIL attack").
            if news.reaction && !roles.agent_claimed {
                let cue = lex
                    .reaction
                    .find(s.text)
                    .first()
                    .map(|&(_, start, _)| start);
                let speaker = cue.is_some_and(|cue| {
                    actors
                        .iter()
                        .any(|a| a.span.end <= cue && a.surface == roles.agent_surface)
                });
                if speaker {
                    roles.agent = None;
                    roles.agent_named = false;
                }
            }
            let country = placed.country.clone();
            // Figures in a sentence that also tells a trend are the trend's totals.
            let casualties =
                if trigger.event_type != EventType::StrategicDevelopments && !news.background {
                    figures_of(s, frame)
                } else {
                    Casualties::default()
                };
            let Some(reading) = self.reading_of(
                report, s, owned, trigger, &news, order, date, placed, roles, casualties, anaphoric,
            ) else {
                continue;
            };
            out.push(reading);
            self.split_counted_targets(
                &mut out,
                s.text,
                &frames.hits,
                owned,
                &actors,
                discourse,
                country.as_deref(),
            );
        }
        out
    }

    /// Where the frame's occurrence happened: its own place, else (for a
    /// sentence with no date of its own) the previous sentence's.
    fn place_of(
        &self,
        s: &SentenceLayer<'_>,
        previous: Option<&SentenceLayer<'_>>,
        owned: Owned<'_>,
        actors: &[watchfloor_actors::ActorMention],
        main_country: Option<&str>,
    ) -> Placed {
        let text = s.text;
        let hit = &owned.frame.hit;
        let places: Vec<PlaceInText> = s
            .places
            .iter()
            .filter(|p| owned.contains(p.span.start))
            .cloned()
            .collect();
        let own_place = best_place(text, &places, actors, hit.start);
        // An origin or a place from the previous sentence does not make a
        // reading specific enough to stand on its own.
        let inherited = own_place.as_ref().is_none_or(|(_, weak)| *weak);
        let own_date = s
            .dates
            .iter()
            .any(|d| owned.contains(d.mention.span.start) && d.resolved.is_some());
        let place = own_place.map(|(p, _)| p).or_else(|| {
            // A sentence with no date of its own continues the previous one's story.
            previous
                .filter(|_| !own_date)
                .and_then(|p| best_place(p.text, &p.places, &p.actors, p.text.len()))
                .map(|(p, _)| p)
                .filter(|r| r.precision == Precision::Exact)
        });
        let country = place
            .as_ref()
            .map(|p| p.country.clone())
            .or_else(|| main_country.map(str::to_string));
        Placed {
            place,
            country,
            inherited,
            places,
        }
    }

    /// Who did what to whom: the sentence's structure (`roles::assign`),
    /// then what the kind of event says (arrests, strikes from the air,
    /// deportations, a state's decision) and the subject coordinated
    /// clauses share.
    #[allow(clippy::too_many_arguments)]
    fn roles_of(
        &self,
        text: &str,
        actors: &[watchfloor_actors::ActorMention],
        frame: &Frame,
        trigger: &Trigger,
        mut placed: Placed,
        discourse: &roles::Discourse,
        anaphoric: bool,
        shared_agent: &mut Option<(String, bool)>,
    ) -> (roles::Roles, Placed) {
        let hit = &frame.hit;
        // A force announcing an operation, a strike or arrests usually
        // carried them out; one speaking of "the strikes" already told
        // may be the side struck.
        let speaker_may_act = !anaphoric
            && (trigger.event_type == EventType::Battles
                || matches!(
                    trigger.sub_type,
                    SubEventType::Arrests
                        | SubEventType::AirDroneStrike
                        | SubEventType::ShellingArtilleryMissileAttack
                ));
        let mut roles = roles::assign(
            self,
            discourse,
            text,
            actors,
            Span::new(hit.start, hit.end),
            placed.country.as_deref(),
            speaker_may_act,
        );
        if trigger.sub_type == SubEventType::Arrests {
            self.arrest_roles(&mut roles, actors);
        }
        // "Israeli air strikes", "Russian warplanes": only a state's forces strike from the air.
        if roles.agent.is_none()
            && matches!(
                trigger.sub_type,
                SubEventType::AirDroneStrike | SubEventType::ShellingArtilleryMissileAttack
            )
        {
            let before = text[..hit.start].trim_end();
            let word = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            if let Some(state) = self.recognizer.gazetteer.country_by_demonym(word) {
                roles.agent = self.state_name(&state.iso2, StateRole::Military);
                roles.agent_named = roles.agent.is_some();
            }
        }
        match (&roles.agent, &*shared_agent) {
            (None, Some((name, named)))
                if trigger.event_type != EventType::StrategicDevelopments =>
            {
                roles.agent = Some(name.clone());
                roles.agent_named = *named;
            }
            (Some(name), _) if trigger.event_type != EventType::StrategicDevelopments => {
                *shared_agent = Some((name.clone(), roles.agent_named))
            }
            _ => {}
        }
        // People deported or expelled are migrants, not bystanders.
        let trigger_word = text[hit.start..hit.end].to_lowercase();
        if ["deport", "expel", "expuls"]
            .iter()
            .any(|w| trigger_word.contains(w))
        {
            let migrants = roles.patient.as_deref().and_then(|name| {
                let actor = self.actor_named(name)?;
                (actor.kind == ActorKind::Civilians && actor.countries.len() == 1)
                    .then(|| self.state_name(&actor.countries[0], StateRole::Migrants))?
            });
            if migrants.is_some() {
                roles.patient = migrants;
                roles.patient_named = true;
                roles.patient_is_civilian = false;
            }
        }
        if trigger.event_type == EventType::StrategicDevelopments
            && trigger.sub_type == SubEventType::Other
        {
            // A state's decision: the states named around the trigger are the parties,
            // and the decision is taken in the acting state's capital.
            if let Some(decision) = self.state_decision(text, &placed.places, hit.start, &roles) {
                roles.agent = Some(decision.agent);
                roles.agent_named = true;
                if decision.patient.is_some() {
                    roles.patient = decision.patient;
                    roles.patient_named = true;
                }
                if placed.place.as_ref().is_none_or(|p| {
                    p.precision != Precision::Exact || p.country != decision.country
                }) {
                    placed.place = decision.capital;
                }
                placed.country = Some(decision.country);
            }
        }
        (roles, placed)
    }

    /// Those arrested are known by the group they belong to; arrests are
    /// police work unless the army is named as making them.
    fn arrest_roles(&self, roles: &mut roles::Roles, actors: &[watchfloor_actors::ActorMention]) {
        if let Some(group) = actors.iter().find_map(|a| {
            let actor = self.catalogue().get(a.actor.as_deref()?)?;
            let non_state = !matches!(
                actor.kind,
                ActorKind::StateForce
                    | ActorKind::Government
                    | ActorKind::International
                    | ActorKind::PoliticalParty
                    | ActorKind::Civilians
                    | ActorKind::Refugees
                    | ActorKind::Migrants
            );
            // Not the one making the arrests (the Taliban arrest IS members).
            (non_state && roles.agent.as_deref() != Some(actor.name.as_str()))
                .then(|| actor.name.clone())
        }) {
            roles.patient = Some(group);
            roles.patient_named = true;
            roles.patient_is_armed = true;
            roles.patient_is_civilian = false;
        } else {
            // The state does not arrest itself: a state force or government
            // read as the target is the arresting side's, and those arrested
            // go unnamed; people the text describes (villagers, rioters,
            // suspects) stay the target.
            let state = roles
                .patient
                .as_deref()
                .and_then(|name| self.actor_named(name))
                .is_none_or(|a| {
                    matches!(
                        a.kind,
                        ActorKind::StateForce | ActorKind::Government | ActorKind::International
                    )
                });
            if state {
                roles.patient = None;
                roles.patient_named = false;
            }
        }
        // Security forces that arrest people are police work; so are arrests
        // by "the authorities".
        let loosely_named =
            roles.agent_surface.to_lowercase().contains("security") || !roles.agent_named;
        let police_of = roles.agent.as_deref().and_then(|name| {
            let actor = self.actor_named(name)?;
            let country = actor.countries.first()?;
            let military = self.state_name(country, StateRole::Military).as_deref() == Some(name);
            (military && loosely_named || actor.kind == ActorKind::Government)
                .then(|| country.clone())
        });
        if let Some(country) = police_of {
            roles.agent = self.state_name(&country, StateRole::Police);
        }
    }

    /// The reading itself: its type from its trigger and target, whether it
    /// is specific enough to stand, and its evidence. `None` for a bare
    /// generic trigger with nothing specific about it (talk, not an event).
    #[allow(clippy::too_many_arguments)]
    fn reading_of(
        &self,
        report: &Report,
        s: &SentenceLayer<'_>,
        owned: Owned<'_>,
        trigger: &Trigger,
        news: &News,
        order: usize,
        date: Option<ResolvedDate>,
        placed: Placed,
        mut roles: roles::Roles,
        casualties: Casualties,
        anaphoric: bool,
    ) -> Option<Candidate> {
        let text = s.text;
        let civilian_words = self
            .lexicon
            .civilian_targets
            .find(text)
            .iter()
            .any(|&(_, st, _)| owned.contains(st));
        let generic = trigger.generic;
        let Typed {
            event_type,
            sub_type,
            civilian,
        } = type_by_target(trigger, &mut roles, civilian_words);
        let Placed {
            place,
            country,
            inherited,
            ..
        } = placed;
        let specific_place = !inherited
            && place
                .as_ref()
                .is_some_and(|p| p.precision != Precision::Country);
        // A bare "attack" with nothing specific about it is talk, not an event.
        let exact_place = !inherited
            && place
                .as_ref()
                .is_some_and(|p| p.precision == Precision::Exact);
        // "The Islamic State claimed the attack": a claim of one told
        // before names who acted; it joins that reading.
        let claims_told = anaphoric && roles.agent_claimed && roles.agent_named;
        if generic && !exact_place && casualties.is_empty() && !news.has_day && !claims_told {
            return None;
        }
        let evidence = evidence_of(report, s);
        // "Police in Kaduna State confirmed the abduction": an undated
        // back-reference placed no finer than a province restates.
        let vague = date.is_none_or(|d| d.certainty == Certainty::Approximate)
            && (!specific_place || (anaphoric && !exact_place));
        let from_excerpt = matches!(s.section, Section::Excerpt { .. });
        Some(Candidate {
            anaphoric,
            place_weak: inherited,
            order,
            block: s.block,
            from_excerpt,
            date_from_excerpt: from_excerpt,
            event_type,
            sub_type,
            rank: if generic || anaphoric {
                0
            } else {
                trigger.rank
            },
            generic,
            vague,
            dependent: generic && !specific_place,
            date,
            place,
            actor1: roles.agent.clone(),
            actor1_named: roles.agent_named,
            // Only a named claimant settles who acted.
            actor1_claimed: roles.agent_claimed && roles.agent_named,
            actor2: if civilian && !roles.patient_named {
                country
                    .as_deref()
                    .and_then(|c| self.state_name(c, StateRole::Civilians))
            } else {
                roles.patient.clone()
            },
            actor2_named: roles.patient_named,
            actor2_unarmed_named: roles.patient_is_party,
            patient_known: roles.patient.is_some() || civilian_words,
            casualties,
            civilian,
            claims: roles
                .claims
                .into_iter()
                .map(|claim| Claim {
                    sentence: Some(s.span),
                    ..claim
                })
                .collect(),
            evidence: vec![evidence],
        })
    }

    /// "Two attacks on the police and the Levies": one occurrence per
    /// target; the figures, told for both, stay with the first.
    #[allow(clippy::too_many_arguments)]
    fn split_counted_targets(
        &self,
        out: &mut Vec<Candidate>,
        text: &str,
        hits: &[TriggerHit],
        owned: Owned<'_>,
        actors: &[watchfloor_actors::ActorMention],
        discourse: &roles::Discourse,
        country: Option<&str>,
    ) {
        let targets = hits
            .iter()
            .filter(|h| owned.contains(h.start))
            .map(|h| {
                roles::counted_targets(
                    self,
                    discourse,
                    text,
                    actors,
                    Span::new(h.start, h.end),
                    country,
                )
            })
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        if let Some(first) = out.last_mut().filter(|_| !targets.is_empty()) {
            first.actor2 = Some(targets[0].clone());
            first.actor2_named = true;
            let template = first.clone();
            for target in &targets[1..] {
                out.push(Candidate {
                    actor2: Some(target.clone()),
                    casualties: Casualties::default(),
                    ..template.clone()
                });
            }
        }
    }
}

/// The sentence as evidence, with the citation of the source it is from.
fn evidence_of(report: &Report, s: &SentenceLayer<'_>) -> Evidence {
    let source = match s.section {
        Section::Excerpt { source } => Some(report.sources[source].citation.text.clone()),
        _ => None,
    };
    Evidence {
        span: s.span,
        text: s.text.to_string(),
        section: s.section,
        source,
    }
}

/// A reading's type, once its target is known.
struct Typed {
    event_type: EventType,
    sub_type: SubEventType,
    civilian: bool,
}

/// A generic trigger ("attacked", "killed") takes its type from its
/// target: civilians make an attack on civilians, anyone else a battle; two
/// armed parties fighting make a battle, whoever else dies in it.
fn type_by_target(trigger: &Trigger, roles: &mut roles::Roles, civilian_words: bool) -> Typed {
    let violent = matches!(
        trigger.event_type,
        EventType::ExplosionsRemoteViolence
            | EventType::ViolenceAgainstCivilians
            | EventType::Battles
    );
    let two_sides = roles.armed_parties.len() >= 2 && trigger.event_type == EventType::Battles;
    if two_sides && !roles.patient_is_armed {
        roles.patient = roles
            .armed_parties
            .iter()
            .find(|p| roles.agent.as_ref() != Some(p))
            .cloned();
        roles.patient_named = true;
        roles.patient_is_armed = true;
        roles.patient_is_civilian = false;
    }
    let civilian = violent
        && !two_sides
        && (roles.patient_is_civilian || (civilian_words && !roles.patient_is_armed));
    let (event_type, sub_type) =
        if (trigger.generic || trigger.event_type == EventType::Battles) && civilian {
            (EventType::ViolenceAgainstCivilians, SubEventType::Attack)
        } else if trigger.generic {
            (EventType::Battles, SubEventType::ArmedClash)
        } else {
            (trigger.event_type, trigger.sub_type)
        };
    Typed {
        event_type,
        sub_type,
        civilian,
    }
}

/// Pass 1: whether a sentence tells news at all. Background (trends,
/// totals, histories) without a day of its own tells none; nor does a
/// reaction ("condemned the attack"), unless it gives the attack a day or a
/// place of its own ("condemning the attack in Kabul on January 17", "the
/// suicide attack today in Madaen"): then the attack is coded from it
/// (GUIDELINES: an event named only as a reason is coded when it has its own
/// date or place).
fn tells_news(lex: &Lexicon, s: &SentenceLayer<'_>) -> Option<News> {
    let text = s.text;
    let has_day = s
        .dates
        .iter()
        .filter_map(|d| d.resolved)
        .any(|d| d.certainty >= Certainty::RelativeDay);
    // A bare past year ("309 fatalities in 2021") marks a total or a history.
    let past_year = s
        .dates
        .iter()
        .any(|d| match (d.mention.value, s.reference) {
            (DateValue::Year { year }, Some(r)) => year < r.date.year_value(),
            _ => false,
        });
    let background = lex.background.contains(text) || spans_years(text) || past_year;
    if background && !has_day {
        return None;
    }
    let own_day_or_place = has_day
        || s.places
            .iter()
            .any(|p| p.place.precision != Precision::Country);
    let reaction = lex.reaction.contains(text);
    if reaction && !own_day_or_place {
        return None;
    }
    Some(News {
        has_day,
        reaction,
        background,
    })
}

/// Pass 2: the frames that stand. Negated, hypothetical and adjectival
/// triggers open none; a back-reference without a date of its own, a
/// generic frame split off without a place of its own, and an aggregate
/// ("several attacks") are dropped, their stretch of the sentence going to
/// the frame before them.
fn frame_pass(
    lex: &Lexicon,
    s: &SentenceLayer<'_>,
    previous: Option<&SentenceLayer<'_>>,
) -> Frames {
    let text = s.text;
    let date_spans: Vec<Span> = s.dates.iter().map(|d| d.mention.span).collect();
    let hits: Vec<TriggerHit> = lex
        .triggers_in_context(text, previous.map(|p| p.text))
        .into_iter()
        .filter(|h| !negated(lex, text, h.start))
        .filter(|h| !hypothetical(lex, text, h.start, &date_spans))
        .filter(|h| !adjectival(text, h.start, h.end))
        .collect();
    let all = frames(lex, text, &hits);
    // A back-reference's own date is written after the phrase that makes
    // it one ("after the attack on 3 May", "the 3 May attack"); a date
    // before it belongs to the sentence's own news.
    let own_date = |f: &Frame| {
        let from = reference_start(text, f.hit.start).unwrap_or(f.segment.0);
        let to = f.segment.1;
        s.dates.iter().any(|d| {
            f.segment.0.max(from) <= d.mention.span.start
                && d.mention.span.start < to
                && d.resolved
                    .is_some_and(|r| r.certainty > Certainty::Approximate)
        })
    };
    // A generic frame split off on its own clause must name its own place;
    // otherwise its clause only adds detail to a neighbour.
    let own_place = |f: &Frame| {
        s.places.iter().any(|p| {
            f.segment.0 <= p.span.start
                && p.span.start < f.segment.1
                && p.place.precision == Precision::Exact
        })
    };
    let generic_alone = |f: &Frame| all.len() > 1 && lex.triggers[f.hit.trigger].generic;
    let mut kept: Vec<Frame> = Vec::new();
    let mut pending: Option<usize> = None;
    // The words of a back-reference ("after the attack in X") tell of the
    // other occurrence: its place and figures belong to no frame here.
    let mut holes: Vec<(usize, usize)> = Vec::new();
    for f in &all {
        let dropped = (f.reference && !own_date(f))
            || (generic_alone(f) && !own_place(f))
            || aggregate(lex, text, f, s);
        if dropped && f.reference {
            holes.extend(reference_holes(s, f));
        }
        if dropped {
            match kept.last_mut() {
                Some(last) => last.segment.1 = f.segment.1,
                None => pending = Some(pending.unwrap_or(f.segment.0)),
            }
        } else {
            let mut f = *f;
            if let Some(start) = pending.take() {
                f.segment.0 = start;
            }
            kept.push(f);
        }
    }
    Frames { hits, kept, holes }
}

/// The words of a dropped back-reference, and the place right after it.
fn reference_holes(s: &SentenceLayer<'_>, f: &Frame) -> Vec<(usize, usize)> {
    let text = s.text;
    let Some(start) = reference_start(text, f.hit.start) else {
        return Vec::new();
    };
    let mut holes = vec![(start, f.hit.end.max(start))];
    let after_place = s
        .places
        .iter()
        .filter(|p| p.span.start >= f.hit.end && p.span.start < f.segment.1)
        .filter(|p| text[f.hit.end..p.span.start].trim().len() <= 4)
        .map(|p| p.span.end)
        .max();
    if let Some(end) = after_place {
        holes.push((f.hit.end, end));
    }
    holes
}

/// Pass 3: the frame's date — its own, else one heading the sentence, else
/// the reference month as a stand-in.
fn date_of(
    s: &SentenceLayer<'_>,
    owned: Owned<'_>,
    trigger: &Trigger,
    first_frame: usize,
) -> Option<ResolvedDate> {
    let hit = &owned.frame.hit;
    // A decision's announcement is the decision; an attack's is not the attack.
    let announced = trigger.event_type == EventType::StrategicDevelopments
        && trigger.sub_type != SubEventType::Arrests;
    pick_date(
        s.text,
        s.dates
            .iter()
            .filter(|d| owned.contains(d.mention.span.start)),
        hit.start,
        announced,
    )
    .or_else(|| {
        pick_date(
            s.text,
            s.dates.iter().filter(|d| d.mention.span.end <= first_frame),
            hit.start,
            announced,
        )
    })
    .or_else(|| {
        s.reference.map(|r| ResolvedDate {
            date: r.date.coarsened(DatePrecision::Month),
            certainty: Certainty::Approximate,
        })
    })
}

/// A definite noun phrase trigger ("the attack", "this bombing") points
/// back at an occurrence already told.
fn anaphoric(text: &str, trigger_start: usize) -> bool {
    let before = text[..trigger_start].trim_end().to_lowercase();
    ["the", "this", "that"]
        .iter()
        .any(|d| before == *d || before.ends_with(&format!(" {d}")))
}

/// Pass 6: the casualty figures the frame's stretch of the sentence states.
fn figures_of(s: &SentenceLayer<'_>, frame: &Frame) -> Casualties {
    let (from, to) = frame.segment;
    let inside = |span: Span| from <= span.start && span.end <= to;
    let shift = |span: Span| Span::new(span.start - from, span.end - from);
    let numbers: Vec<_> = s
        .numbers
        .iter()
        .filter(|n| inside(n.span))
        .map(|n| watchfloor_recognize::numbers::NumberMention {
            span: shift(n.span),
            ..*n
        })
        .collect();
    let dates: Vec<Span> = s
        .dates
        .iter()
        .map(|d| d.mention.span)
        .filter(|&d| inside(d))
        .map(shift)
        .collect();
    figures::casualties_in(&s.text[from..to], &numbers, &dates)
}
