//! Event coding: from an annotated report to ACLED-style events with claims.
//!
//! The stage reads only the recognition layer ([`Doc`]); every event it
//! emits carries the sentences (with file byte spans) it was read from.
//!
//! How an event is born:
//! 1. each sentence with a trigger from the lexicon (and no negation,
//!    hypothetical or background cue governing it) becomes a *candidate*;
//! 2. the candidate's arguments come from the same sentence: its date
//!    (resolved against the excerpt's publication date), its most precise
//!    place, its actors by position and cue words, its casualty figures;
//! 3. candidates that describe the same occurrence (compatible type, place
//!    and date) merge, keeping the firmest date, the most precise place and
//!    the first precise figure in reading order;
//! 4. what still lacks a month-precise date or a country is dropped.

mod figures;
pub mod lexicon;
mod roles;

use lexicon::Lexicon;
use watchfloor_actors::{ActorKind, Catalogue, StateRole};
use watchfloor_gazetteer::{Gazetteer, PlaceKind, Precision, Resolution};
use watchfloor_model::{
    Claim, DatePrecision, Event, EventType, Evidence, PartialDate, Report, Section, Span,
};
use watchfloor_recognize::dates::{Certainty, DateValue, ResolvedDate};
use watchfloor_recognize::{Doc, PlaceInText, Recognizer, SentenceLayer};

pub use figures::Casualties;

/// How to parse reports that are only to be coded: event coding never reads
/// a source's language, so the parser need not detect it (the costliest part
/// of parsing).
pub const PARSE_OPTIONS: watchfloor_parse::Options = watchfloor_parse::Options { detect_languages: false };

/// Errors loading the extractor's knowledge.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error(transparent)]
    Lexicon(#[from] lexicon::LexiconError),
    #[error("actor catalogue: {0}")]
    Catalogue(String),
    #[error("gazetteer: {0}")]
    Gazetteer(String),
}

/// Everything event coding needs to know about the world.
pub struct Extractor {
    pub recognizer: Recognizer,
    pub lexicon: Lexicon,
}

struct StateDecision {
    agent: String,
    patient: Option<String>,
    country: String,
    capital: Option<Resolution>,
}

/// One sentence's reading of an event, before merging.
#[derive(Debug, Clone)]
struct Candidate {
    order: usize,
    /// The paragraph it was read from.
    block: usize,
    from_excerpt: bool,
    date_from_excerpt: bool,
    /// No date of its own and no place below the country: it can only
    /// restate an occurrence told more precisely elsewhere.
    vague: bool,
    /// A generic reading with no place of its own ("the attack took place on
    /// the evening of 28 September"): it belongs to its paragraph's event.
    dependent: bool,
    event_type: EventType,
    sub_type: String,
    rank: u32,
    generic: bool,
    date: Option<ResolvedDate>,
    place: Option<Resolution>,
    actor1: Option<String>,
    actor1_named: bool,
    /// The agent claimed responsibility itself: the strongest word on who acted.
    actor1_claimed: bool,
    actor2: Option<String>,
    actor2_named: bool,
    /// actor2 is a named body that bears no arms (a party, an association).
    actor2_unarmed_named: bool,
    /// The reading says who or what was targeted.
    patient_known: bool,
    casualties: Casualties,
    civilian: bool,
    claims: Vec<Claim>,
    evidence: Vec<Evidence>,
}

impl Extractor {
    /// The shipped catalogue, gazetteer and lexicon.
    pub fn load_default() -> Result<Extractor, ExtractError> {
        let catalogue =
            Catalogue::load_default().map_err(|e| ExtractError::Catalogue(e.to_string()))?;
        let gazetteer =
            Gazetteer::load_default().map_err(|e| ExtractError::Gazetteer(e.to_string()))?;
        Ok(Extractor {
            recognizer: Recognizer::new(catalogue, gazetteer),
            lexicon: Lexicon::load_default()?,
        })
    }

    pub(crate) fn catalogue(&self) -> &Catalogue {
        &self.recognizer.catalogue
    }

    /// Codes every event of `report`.
    pub fn extract(&self, report: &Report) -> Vec<Event> {
        self.extract_doc(&self.recognizer.annotate(report))
    }

    /// Codes every event of an annotated report.
    pub fn extract_doc(&self, doc: &Doc<'_>) -> Vec<Event> {
        let main_country = doc.countries.first().map(|(c, _)| c.clone());
        let discourse = roles::Discourse::of(self, doc);
        let mut candidates = Vec::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            // Pull quotes, summaries and notes restate or cite: no new events.
            if !matches!(s.section, Section::Commentary | Section::Excerpt { .. }) {
                continue;
            }
            let previous = i
                .checked_sub(1)
                .map(|j| &doc.sentences[j])
                .filter(|p| p.block == s.block);
            candidates.extend(self.candidates(
                doc.report,
                s,
                previous,
                i,
                main_country.as_deref(),
                &discourse,
            ));
        }
        merge(candidates)
            .into_iter()
            .filter_map(|c| {
                self.finish(
                    doc.report,
                    c,
                    main_country.as_deref(),
                    doc.main_province.as_ref(),
                )
            })
            .collect()
    }

    fn candidates(
        &self,
        report: &Report,
        s: &SentenceLayer<'_>,
        previous: Option<&SentenceLayer<'_>>,
        order: usize,
        main_country: Option<&str>,
        discourse: &roles::Discourse,
    ) -> Vec<Candidate> {
        let lex = &self.lexicon;
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
            return Vec::new();
        }
        if lex.reaction.contains(text) {
            return Vec::new();
        }
        let hits: Vec<_> = lex
            .triggers_in_context(text, previous.map(|p| p.text))
            .into_iter()
            .filter(|h| !negated(lex, text, h.start))
            .filter(|h| !hypothetical(lex, text, h.start))
            .collect();
        let frames = frames(lex, text, &hits);
        // A back-reference without a date of its own is no new occurrence:
        // its stretch of the sentence goes to the frame before it.
        let own_date = |f: &Frame| {
            s.dates.iter().any(|d| {
                f.segment.0 <= d.mention.span.start
                    && d.mention.span.start < f.segment.1
                    && d.resolved
                        .is_some_and(|r| r.certainty > Certainty::Approximate)
            })
        };
        // A generic frame split off on its own clause must name its own place;
        // otherwise its clause only adds detail to a neighbour.
        let own_place_or_date = |f: &Frame| {
            s.places.iter().any(|p| {
                f.segment.0 <= p.span.start
                    && p.span.start < f.segment.1
                    && p.place.precision == Precision::Exact
            })
        };
        let generic_alone = |f: &Frame| frames.len() > 1 && lex.triggers[f.hit.trigger].generic;
        let drop: Vec<bool> = frames
            .iter()
            .map(|f| {
                (f.reference && !own_date(f))
                    || (generic_alone(f) && !own_place_or_date(f))
                    || aggregate(lex, text, f, s)
            })
            .collect();
        let mut kept: Vec<Frame> = Vec::new();
        let mut pending: Option<usize> = None;
        // The words of a back-reference ("after the attack in X") tell of the
        // other occurrence: its place and figures belong to no frame here.
        let mut holes: Vec<(usize, usize)> = Vec::new();
        for (f, dropped) in frames.iter().zip(drop) {
            if dropped && f.reference {
                if let Some(start) = reference_start(text, f.hit.start) {
                    holes.push((start, f.hit.end.max(start)));
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
                }
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
        let frames = kept;
        let mut out = Vec::new();
        // Coordinated clauses share their subject: "IS bombed X, attacked Y, and killed Z".
        let mut shared_agent: Option<(String, bool)> = None;
        for frame in &frames {
            let hit = &frame.hit;
            let mine = |pos: usize| {
                frame.segment.0 <= pos
                    && pos < frame.segment.1
                    && !holes.iter().any(|&(a, b)| a <= pos && pos < b)
            };
            let trigger = &lex.triggers[hit.trigger];
            let first_frame = frames.iter().map(|f| f.hit.start).min().unwrap_or(0);
            // A decision's announcement is the decision; an attack's is not the attack.
            let announced = trigger.event_type == EventType::StrategicDevelopments
                && trigger.sub_type != "Arrests";
            let date = pick_date(
                text,
                s.dates.iter().filter(|d| mine(d.mention.span.start)),
                hit.start,
                announced,
            )
            .or_else(|| {
                pick_date(
                    text,
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
            });
            let places: Vec<PlaceInText> = s
                .places
                .iter()
                .filter(|p| mine(p.span.start))
                .cloned()
                .collect();
            let actors: Vec<_> = s
                .actors
                .iter()
                .filter(|a| mine(a.span.start))
                .cloned()
                .collect();
            let own_place = best_place(text, &places, &actors, hit.start);
            // An origin or a place from the previous sentence does not make a
            // reading specific enough to stand on its own.
            let inherited = own_place.as_ref().is_none_or(|(_, weak)| *weak);
            let own_date = s
                .dates
                .iter()
                .any(|d| mine(d.mention.span.start) && d.resolved.is_some());
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
            // A force announcing an operation, a strike or arrests usually carried them out.
            let speaker_may_act = trigger.event_type == EventType::Battles
                || matches!(
                    trigger.sub_type.as_str(),
                    "Arrests" | "Air/drone strike" | "Shelling/artillery/missile attack"
                );
            let mut roles = roles::assign(
                self,
                discourse,
                text,
                &actors,
                Span::new(hit.start, hit.end),
                country.as_deref(),
                speaker_may_act,
            );
            if trigger.sub_type == "Arrests" {
                // Those arrested are known by the group they belong to.
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
                    non_state.then(|| actor.name.clone())
                }) {
                    roles.patient = Some(group);
                    roles.patient_named = true;
                    roles.patient_is_armed = true;
                    roles.patient_is_civilian = false;
                } else {
                    // The state does not arrest itself: those arrested are unnamed.
                    roles.patient = None;
                    roles.patient_named = false;
                }
                // Security forces that arrest people are police work.
                // Arrests are police work, unless the army is named as making them.
                // So are arrests by "the authorities".
                let loosely_named =
                    roles.agent_surface.to_lowercase().contains("security") || !roles.agent_named;
                let police_of = roles.agent.as_deref().and_then(|name| {
                    let actor = self.catalogue().actors().iter().find(|a| a.name == name)?;
                    let country = actor.countries.first()?;
                    let military =
                        self.state_name(country, StateRole::Military).as_deref() == Some(name);
                    (military && loosely_named || actor.kind == ActorKind::Government)
                        .then(|| country.clone())
                });
                if let Some(country) = police_of {
                    roles.agent = self.state_name(&country, StateRole::Police);
                }
            }
            // "Israeli air strikes", "Russian warplanes": only a state's forces strike from the air.
            if roles.agent.is_none()
                && matches!(
                    trigger.sub_type.as_str(),
                    "Air/drone strike" | "Shelling/artillery/missile attack"
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
            match (&roles.agent, &shared_agent) {
                (None, Some((name, named)))
                    if trigger.event_type != EventType::StrategicDevelopments =>
                {
                    roles.agent = Some(name.clone());
                    roles.agent_named = *named;
                }
                (Some(name), _) if trigger.event_type != EventType::StrategicDevelopments => {
                    shared_agent = Some((name.clone(), roles.agent_named))
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
                    let actor = self.catalogue().actors().iter().find(|a| a.name == name)?;
                    (actor.kind == ActorKind::Civilians && actor.countries.len() == 1)
                        .then(|| self.state_name(&actor.countries[0], StateRole::Migrants))?
                });
                if migrants.is_some() {
                    roles.patient = migrants;
                    roles.patient_named = true;
                    roles.patient_is_civilian = false;
                }
            }
            let (mut place, mut country) = (place, country);
            if trigger.event_type == EventType::StrategicDevelopments && trigger.sub_type == "Other"
            {
                // A state's decision: the states named around the trigger are the parties,
                // and the decision is taken in the acting state's capital.
                if let Some(decision) = self.state_decision(&places, hit.start, &roles) {
                    roles.agent = Some(decision.agent);
                    roles.agent_named = true;
                    if decision.patient.is_some() {
                        roles.patient = decision.patient;
                        roles.patient_named = true;
                    }
                    if place.as_ref().is_none_or(|p| {
                        p.precision != Precision::Exact || p.country != decision.country
                    }) {
                        place = decision.capital;
                    }
                    country = Some(decision.country);
                }
            }
            // Figures in a sentence that also tells a trend are the trend's totals.
            let casualties =
                if trigger.event_type != EventType::StrategicDevelopments && !background {
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
                    figures::casualties_in(&text[from..to], &numbers, &dates)
                } else {
                    Casualties::default()
                };
            let civilian_words = lex
                .civilian_targets
                .find(text)
                .iter()
                .any(|&(_, st, _)| mine(st));
            let generic = trigger.generic;
            let violent = matches!(
                trigger.event_type,
                EventType::ExplosionsRemoteViolence
                    | EventType::ViolenceAgainstCivilians
                    | EventType::Battles
            );
            // Two armed parties fighting make a battle, whoever else dies in it.
            let two_sides =
                roles.armed_parties.len() >= 2 && trigger.event_type == EventType::Battles;
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
            // A generic attack takes its type from its target.
            let (event_type, sub_type) =
                if (generic || trigger.event_type == EventType::Battles) && civilian {
                    (EventType::ViolenceAgainstCivilians, "Attack".to_string())
                } else if generic {
                    (EventType::Battles, "Armed clash".to_string())
                } else {
                    (trigger.event_type, trigger.sub_type.clone())
                };
            let specific_place = !inherited
                && place
                    .as_ref()
                    .is_some_and(|p| p.precision != Precision::Country);
            // A bare "attack" with nothing specific about it is talk, not an event.
            let exact_place = !inherited
                && place
                    .as_ref()
                    .is_some_and(|p| p.precision == Precision::Exact);
            if generic && !exact_place && casualties.is_empty() && !has_day {
                continue;
            }
            let source = match s.section {
                Section::Excerpt { source } => Some(report.sources[source].citation.text.clone()),
                _ => None,
            };
            let evidence = Evidence {
                span: s.span,
                text: text.to_string(),
                section: s.section,
                source,
            };
            let vague =
                date.is_none_or(|d| d.certainty == Certainty::Approximate) && !specific_place;
            let dependent = generic && !specific_place;
            out.push(Candidate {
                order,
                block: s.block,
                from_excerpt: matches!(s.section, Section::Excerpt { .. }),
                date_from_excerpt: matches!(s.section, Section::Excerpt { .. }),
                event_type,
                sub_type,
                rank: if generic { 0 } else { trigger.rank },
                generic,
                vague,
                dependent,
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
            });
        }
        out
    }

    /// The parties to a state's decision ("Niger broke off relations with
    /// Ukraine"): the state named before the trigger acts, the one after
    /// it is acted upon.
    fn state_decision(
        &self,
        places: &[PlaceInText],
        trigger: usize,
        roles: &roles::Roles,
    ) -> Option<StateDecision> {
        let gaz = &self.recognizer.gazetteer;
        let countries: Vec<&PlaceInText> = places
            .iter()
            .filter(|p| p.place.precision == Precision::Country)
            .collect();
        let before = countries.iter().rev().find(|p| p.span.end <= trigger);
        let agent_country = match before {
            Some(p) => p.place.country.clone(),
            None => {
                // "the Turkish government decided ...": a government actor already found.
                let name = roles.agent.as_deref()?;
                let actor = self.catalogue().actors().iter().find(|a| a.name == name)?;
                if actor.countries.len() != 1 || !name.starts_with("Government of") {
                    return None;
                }
                actor.countries[0].clone()
            }
        };
        let patient_country = countries
            .iter()
            .find(|p| p.span.start > trigger && p.place.country != agent_country)
            .map(|p| p.place.country.clone());
        let agent = self.state_name(&agent_country, StateRole::Government)?;
        // The other state, when one is named; the decision's target otherwise stays as read.
        let patient = patient_country.and_then(|c| self.state_name(&c, StateRole::Government));
        let capital = gaz.country(&agent_country).and_then(|c| {
            gaz.lookup(
                &c.capital,
                &watchfloor_gazetteer::Context::country(&agent_country),
            )
            .into_iter()
            .find(|r| r.country == agent_country)
        });
        Some(StateDecision {
            agent,
            patient,
            country: agent_country,
            capital,
        })
    }

    /// "Military Forces of X" for "Government of X".
    fn armed_forces_of_government(&self, name: &str) -> Option<String> {
        let actor = self.catalogue().actors().iter().find(|a| a.name == name)?;
        (actor.kind == ActorKind::Government && actor.countries.len() == 1)
            .then(|| self.state_name(&actor.countries[0], StateRole::Military))?
    }

    /// The home country of a catalogue actor known by `name`, if it has one.
    fn home_country(&self, name: &str) -> Option<&str> {
        let actor = self.catalogue().actors().iter().find(|a| a.name == name)?;
        (actor.countries.len() == 1).then(|| actor.countries[0].as_str())
    }

    fn state_name(&self, iso2: &str, role: StateRole) -> Option<String> {
        self.catalogue()
            .state_actor(iso2, role)
            .map(|a| a.name.clone())
    }

    /// Fills defaults and drops what cannot be an event.
    fn finish(
        &self,
        report: &Report,
        c: Candidate,
        main_country: Option<&str>,
        main_province: Option<&Resolution>,
    ) -> Option<Event> {
        let date = c.date?;
        if date.date.precision == DatePrecision::Year {
            return None;
        }
        // No place of its own: the report's dominant province, when the event is
        // in its country. Decisions have their own rule (the capital) or none.
        let place = c.place.clone().or_else(|| {
            main_province
                .filter(|p| main_country == Some(p.country.as_str()))
                .filter(|_| c.event_type != EventType::StrategicDevelopments)
                .cloned()
        });
        let (country, location, latitude, longitude, geo_precision) = match &place {
            Some(p) => (
                p.country.clone(),
                p.name.clone(),
                (p.precision != Precision::Country).then_some(p.latitude),
                (p.precision != Precision::Country).then_some(p.longitude),
                Some(precision_name(p.precision)),
            ),
            None => {
                let country = main_country?.to_string();
                let name = self
                    .recognizer
                    .gazetteer
                    .country(&country)
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| country.clone());
                (country, name, None, None, Some("country"))
            }
        };
        let default_agent = match (c.event_type, c.sub_type.as_str()) {
            (EventType::StrategicDevelopments, "Arrests") => Some(StateRole::Police),
            (EventType::StrategicDevelopments, _) => Some(StateRole::Government),
            (EventType::Protests | EventType::Riots, _) => None,
            _ => Some(StateRole::UnidentifiedArmedGroup),
        };
        let mut actor1 = c
            .actor1
            .clone()
            .or_else(|| default_agent.and_then(|r| self.state_name(&country, r)));
        // A government bombs, shells, fights and is fought through its armed forces.
        let mut actor2 = c.actor2.clone();
        if c.event_type != EventType::StrategicDevelopments {
            for side in [&mut actor1, &mut actor2] {
                if let Some(military) = side
                    .as_deref()
                    .and_then(|name| self.armed_forces_of_government(name))
                {
                    *side = Some(military);
                }
            }
        }
        let mut event = Event {
            report_title: report.title.clone(),
            event_type: c.event_type,
            sub_event_type: c.sub_type.clone(),
            event_date: date.date,
            date_precision: date.date.precision,
            country,
            location,
            latitude,
            longitude,
            geo_precision: geo_precision.map(str::to_string),
            actor1,
            actor2,
            fatalities: c.casualties.fatalities,
            injuries: c.casualties.injuries,
            civilian_targeting: c.civilian,
            claims: c.claims.clone(),
            evidence: c.evidence.clone(),
        };
        if event.actor1 == event.actor2 {
            event.actor2 = None;
        }
        // Protesters demand; what they protest against is no second side.
        if matches!(event.event_type, EventType::Protests | EventType::Riots) {
            event.actor2 = None;
        }
        // A battle has two armed sides, and a state's strike with no civilian
        // target hits an armed group: name the unnamed side by its country.
        if event.actor2.is_none() && !event.civilian_targeting {
            let state_acts = event.actor1.as_deref().is_some_and(|name| {
                self.catalogue()
                    .actors()
                    .iter()
                    .any(|a| a.name == name && a.kind == ActorKind::StateForce)
            });
            // A state striking abroad hits an unknown target; at home, an armed group.
            let at_home = event.actor1.as_deref().and_then(|a| self.home_country(a))
                == Some(event.country.as_str());
            let other_side = match (event.event_type, state_acts) {
                (EventType::Battles | EventType::ExplosionsRemoteViolence, true) if at_home => {
                    Some(StateRole::UnidentifiedArmedGroup)
                }
                (EventType::Battles | EventType::ExplosionsRemoteViolence, true) => None,
                (EventType::Battles, false) => Some(StateRole::Military),
                _ => None,
            };
            event.actor2 = other_side
                .and_then(|role| self.state_name(&event.country, role))
                .filter(|a| Some(a) != event.actor1.as_ref());
        }
        // Violence against civilians targets civilians by definition.
        if event.event_type == EventType::ViolenceAgainstCivilians {
            event.civilian_targeting = true;
        }
        // Civilians targeted are the side acted upon, unless a named unarmed
        // body (a party, a rally) is.
        if event.civilian_targeting && !c.actor2_unarmed_named {
            event.actor2 = self
                .state_name(&event.country, StateRole::Civilians)
                .or(event.actor2);
        }
        Some(event)
    }
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Exact => "exact",
        Precision::Province => "province",
        Precision::Country => "country",
    }
}

/// Where a frame happened, read from the places in its sentence.
///
/// The most precise place wins (a town over its country), then one that a
/// locative introduces ("in", "near", "the village of"), then the nearest to
/// the trigger. Some places are not where anything happened: a possessive
/// country ("Morocco's view"), the seat of an actor ("the Taliban government
/// in Kabul"), and an origin ("from Quetta"), which serves only when nothing
/// else does and is then `weak`.
fn best_place(
    text: &str,
    places: &[PlaceInText],
    actors: &[watchfloor_actors::ActorMention],
    trigger: usize,
) -> Option<(Resolution, bool)> {
    places
        .iter()
        .filter(|p| {
            let after = &text[p.span.end..];
            // "Moscow's Wagner force", "Morocco's view": a place standing for an actor.
            !(after.starts_with("’s") || after.starts_with("'s"))
        })
        .filter(|p| {
            // "Mali accused Kyiv of ...": a capital or country standing for its government.
            let before = text[..p.span.start].trim_end().to_lowercase();
            let verb = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            !METONYMIC_VERBS.contains(&verb)
        })
        .filter(|p| {
            let seat_of_actor = actors.iter().any(|a| {
                a.span.end <= p.span.start && {
                    let between = text[a.span.end..p.span.start].trim().to_lowercase();
                    let surface = a.surface.to_lowercase();
                    let ruling = [
                        "government",
                        "authorities",
                        "regime",
                        "administration",
                        "junta",
                    ]
                    .iter()
                    .any(|w| surface.ends_with(w));
                    matches!(
                        between.as_str(),
                        "based in" | "government in" | "authorities in" | "headquartered in"
                    ) || (ruling && matches!(between.as_str(), "in" | "in the"))
                }
            });
            !seat_of_actor
        })
        .map(|p| {
            // Finer kinds first: a quarter or town, then a district, then a province.
            let rank = match p.place.kind {
                PlaceKind::Landmark | PlaceKind::District | PlaceKind::Populated => 0,
                PlaceKind::Admin2 => 1,
                PlaceKind::Admin1 => 2,
                PlaceKind::Country => 3,
            };
            let before = text[..p.span.start].trim_end().to_lowercase();
            let origin = before.ends_with(" from") || before.ends_with(" to") || before == "from";
            let last_words: Vec<&str> = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(2)
                .collect();
            let locative = last_words.iter().any(|w| LOCATIVES.contains(w));
            let country = p.place.precision == Precision::Country;
            (
                p,
                origin,
                (
                    country,
                    origin,
                    rank,
                    !locative,
                    p.span.start.abs_diff(trigger),
                ),
            )
        })
        .min_by_key(|(_, _, key)| *key)
        .map(|(p, origin, _)| (p.place.clone(), origin))
}

/// Verbs whose object is a party, not a place: "accused Kyiv".
const METONYMIC_VERBS: &[&str] = &[
    "accused",
    "accusing",
    "accuse",
    "accuses",
    "blamed",
    "blaming",
    "condemned",
    "condemning",
    "urged",
    "warned",
    "supported",
    "supporting",
    "backed",
    "thanked",
    "criticized",
    "criticised",
    "sanctioned",
    "asked",
    "told",
    "called",
    "joined",
    "recognized",
    "recognised",
    "with",
];

/// Words that introduce where something happened.
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "around",
    "outside",
    "inside",
    "on",
    "into",
    "across",
    "of",
    "throughout",
    "targeted",
    "hit",
];

/// One event reading inside a sentence: its trigger and the stretch of the
/// sentence whose mentions belong to it.
#[derive(Debug, Clone, Copy)]
struct Frame {
    hit: lexicon::TriggerHit,
    /// The trigger names an occurrence only to explain or date another one
    /// ("after the attack"): it stands only with a date of its own.
    reference: bool,
    /// `[start, end)` of the sentence this frame owns.
    segment: (usize, usize),
}

/// Trigger hits grouped into event frames, and the sentence cut between
/// them at the clause boundary nearest each gap.
///
/// A specific trigger opens a frame unless a related one stands just before
/// it; a generic one ("attack", "killed") opens one when nothing specific
/// does, or when it stands apart from every other frame ("..., and the group
/// killed 130 people at a concert hall").
fn frames(lex: &Lexicon, text: &str, hits: &[lexicon::TriggerHit]) -> Vec<Frame> {
    let mut opened: Vec<lexicon::TriggerHit> = Vec::new();
    // A weak trigger ("used" near "drones") counts only where no firm one does.
    let firm = hits.iter().any(|h| {
        !lex.triggers[h.trigger].generic
            && !lex.triggers[h.trigger].weak
            && !refers_back(text, h.start)
    });
    for h in hits
        .iter()
        .filter(|h| !(lex.triggers[h.trigger].generic || firm && lex.triggers[h.trigger].weak))
    {
        let t = &lex.triggers[h.trigger];
        if let Some(last) = opened.last_mut() {
            let lt = &lex.triggers[last.trigger];
            let close = h.start.saturating_sub(last.end) < 60;
            let both_violent = t.event_type != EventType::StrategicDevelopments
                && lt.event_type != EventType::StrategicDevelopments;
            let related = lt.event_type == t.event_type || (close && both_violent);
            if related && (close || lt.sub_type == t.sub_type) {
                if t.rank > lt.rank {
                    *last = *h;
                }
                continue;
            }
        }
        opened.push(*h);
    }
    if opened.is_empty() {
        if let Some(best) = hits
            .iter()
            .max_by_key(|h| (lex.triggers[h.trigger].rank, std::cmp::Reverse(h.start)))
        {
            opened.push(*best);
        }
    } else {
        for h in hits.iter().filter(|h| lex.triggers[h.trigger].generic) {
            // Apart means in another clause: past a comma or semicolon from every frame.
            let apart = opened.iter().all(|f| {
                let (from, to) = if f.end <= h.start {
                    (f.end, h.start)
                } else {
                    (h.end, f.start.max(h.end))
                };
                to - from > 25 && text[from..to].contains([',', ';'])
            });
            if apart {
                opened.push(*h);
            }
        }
    }
    opened.sort_by_key(|h| h.start);
    // Generic hits close together ("killed ... during an attack") are one frame.
    let mut merged: Vec<lexicon::TriggerHit> = Vec::new();
    for h in opened {
        match merged.last() {
            Some(last)
                if lex.triggers[h.trigger].generic
                    && lex.triggers[last.trigger].generic
                    && h.start.saturating_sub(last.end) < 40 => {}
            _ => merged.push(h),
        }
    }
    let mut out: Vec<Frame> = merged
        .into_iter()
        .map(|hit| Frame {
            hit,
            reference: refers_back(text, hit.start),
            segment: (0, text.len()),
        })
        .collect();
    for i in 1..out.len() {
        let (gap_start, gap_end) = (out[i - 1].hit.end, out[i].hit.start.max(out[i - 1].hit.end));
        let gap = &text[gap_start..gap_end];
        let cut = [
            ", and ", "; ", ", ", " and ", " while ", " after ", " when ",
        ]
        .iter()
        .filter_map(|sep| gap.rfind(sep))
        .max()
        .map(|p| gap_start + p)
        .unwrap_or(gap_start + gap.len() / 2);
        let cut = floor_boundary(text, cut);
        out[i - 1].segment.1 = cut;
        out[i].segment.0 = cut;
    }
    out
}

/// Words before a date that make it the date of a report about the event.
const REPORTING_WORDS: &[&str] = &[
    "learned",
    "said",
    "announced",
    "reported",
    "statement",
    "press release",
    "dated",
    "published",
    "told",
    "stated",
    "declared",
];

/// The date of the occurrence among a frame's dates: not a reporting date,
/// then the firmest, then the nearest to the trigger.
///
/// When the only date is the report's own ("said on Friday, January 12"),
/// the occurrence came before it: only its month stands, as a stand-in.
fn pick_date<'a>(
    text: &str,
    dates: impl Iterator<Item = &'a watchfloor_recognize::DateInText>,
    trigger: usize,
    announcement_is_event: bool,
) -> Option<ResolvedDate> {
    let (reporting, date) = dates
        .filter_map(|d| d.resolved.map(|r| (d.mention.span, r)))
        .filter(|(span, _)| {
            // "..., which on Monday rejected ...": a relative clause dates another verb.
            let from = floor_boundary(text, span.start.saturating_sub(12));
            let before = text[from..span.start].to_lowercase();
            !(before.contains("which ") || before.contains("who "))
        })
        .map(|(span, r)| {
            let from = floor_boundary(text, span.start.saturating_sub(30));
            let before = text[from..span.start].to_lowercase();
            let reporting =
                !announcement_is_event && REPORTING_WORDS.iter().any(|w| before.contains(w));
            (reporting, span, r)
        })
        .max_by_key(|(reporting, span, r)| {
            (
                !reporting,
                r.certainty,
                std::cmp::Reverse(span.start.abs_diff(trigger)),
            )
        })
        .map(|(reporting, _, r)| (reporting, r))?;
    if reporting {
        return Some(ResolvedDate {
            date: date.date.coarsened(DatePrecision::Month),
            certainty: Certainty::Approximate,
        });
    }
    Some(date)
}

/// "for almost ten years", "for decades", "since 2009": a trend, not an occurrence.
fn spans_years(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let for_years = words
        .windows(4)
        .any(|w| w[0] == "for" && w[1..].iter().any(|x| *x == "years" || *x == "decades"));
    let since_year = words.windows(2).any(|w| {
        w[0] == "since"
            && w[1].len() == 4
            && w[1].starts_with(['1', '2'])
            && w[1].chars().all(|c| c.is_ascii_digit())
    });
    for_years || since_year
}

/// A frame that sums up many occurrences: a plural trigger over several
/// places ("attacks in Afghanistan, Pakistan and Iran") or after a vague
/// quantifier ("some deadly attacks").
fn aggregate(lex: &Lexicon, text: &str, f: &Frame, s: &SentenceLayer<'_>) -> bool {
    let word = &text[f.hit.start..f.hit.end];
    let plural_noun = !word.contains(' ') && word.ends_with('s') && !word.ends_with("ss");
    if !plural_noun || lex.triggers[f.hit.trigger].event_type == EventType::StrategicDevelopments {
        return false;
    }
    let mut regions: Vec<&str> = s
        .places
        .iter()
        .filter(|p| {
            f.segment.0 <= p.span.start
                && p.span.start < f.segment.1
                && p.place.precision != Precision::Exact
        })
        .map(|p| p.place.name.as_str())
        .collect();
    regions.sort_unstable();
    regions.dedup();
    let from = floor_boundary(text, f.hit.start.saturating_sub(30));
    let before = text[from..f.hit.start].to_lowercase();
    let quantified = [
        "some",
        "several",
        "multiple",
        "many",
        "numerous",
        "a number of",
        "series of",
        "dozens of",
        "hundreds of",
    ]
    .iter()
    .any(|q| before.contains(q));
    regions.len() >= 2 || quantified
}

/// Phrases that name an occurrence only to date or explain another one:
/// "days before the bombing in Mastung", "in retaliation for the attack".
const REFERENCE_PHRASES: &[&str] = &[
    "before the",
    "after the",
    "following the",
    "since the",
    "retaliation for the",
    "response to the",
    "revenge for the",
    "wake of the",
    "aftermath of the",
    "prior to the",
    "ahead of the",
    "days after",
    "hours after",
    "weeks after",
    "days before",
    "hours before",
    "weeks before",
    "linked to the",
    "connection with the",
    "involved in the",
    "perpetrator of the",
    "perpetrators of the",
    "responsible for the",
    "investigation into the",
    "investigations into the",
    "condemned the",
];

fn refers_back(sentence: &str, trigger: usize) -> bool {
    reference_start(sentence, trigger).is_some()
}

/// Where the phrase that makes the trigger a back-reference begins
/// ("days before the bombing", "after the Mastung attack"), if it is one.
fn reference_start(sentence: &str, trigger: usize) -> Option<usize> {
    let from = floor_boundary(sentence, trigger.saturating_sub(40));
    let before = &sentence[from..trigger];
    let lower = before.to_lowercase();
    if lower.len() != before.len() {
        return None;
    }
    // Allow a modifier between the phrase and the trigger: "after the Mastung attack".
    let words: Vec<(usize, &str)> = lower
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - lower.as_ptr() as usize, w))
        .collect();
    (0..=2.min(words.len())).find_map(|skip| {
        let kept = &words[..words.len() - skip];
        let head = kept.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
        REFERENCE_PHRASES
            .iter()
            .find(|p| head.ends_with(*p))
            .map(|p| {
                let phrase_words = p.split_whitespace().count();
                let first = kept.len().saturating_sub(phrase_words);
                from + kept.get(first).map_or(0, |(offset, _)| *offset)
            })
    })
}

fn negated(lex: &Lexicon, sentence: &str, trigger: usize) -> bool {
    let window_start = floor_boundary(sentence, trigger.saturating_sub(50));
    let window = &sentence[window_start..trigger];
    // "no casualties" negates the casualties, not the attack; a negation
    // past a comma belongs to another clause.
    lex.negation.find(window).iter().any(|&(_, s, _)| {
        let rest = &window[s..];
        !rest.contains(',')
    })
}

fn hypothetical(lex: &Lexicon, sentence: &str, trigger: usize) -> bool {
    let window_start = floor_boundary(sentence, trigger.saturating_sub(60));
    let window = &sentence[window_start..trigger];
    let after_end = ceil_boundary(sentence, (trigger + 60).min(sentence.len()));
    lex.hypothetical.contains(window)
        || lex
            .hypothetical
            .find(&sentence[trigger..after_end])
            .iter()
            .any(|&(_, s, _)| s < 45)
}

/// The char boundary at or before byte `i`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn types_compatible(a: &Candidate, b: &Candidate) -> bool {
    a.generic
        || b.generic
        || (a.event_type == b.event_type
            && (a.sub_type == b.sub_type
                || a.event_type == EventType::ExplosionsRemoteViolence
                    && is_bombing(&a.sub_type)
                    && is_bombing(&b.sub_type)))
}

/// Whether two candidates can be one occurrence.
fn compatible(a: &Candidate, b: &Candidate) -> bool {
    if !types_compatible(a, b) {
        return false;
    }
    let places = match (&a.place, &b.place) {
        (Some(p), Some(q)) => {
            if p.country != q.country {
                false
            } else if p.precision == Precision::Exact && q.precision == Precision::Exact {
                same_place(p, q)
            } else {
                true
            }
        }
        _ => true,
    };
    if !places {
        return false;
    }
    let approximate = |c: &Candidate| c.date.is_none_or(|d| d.certainty == Certainty::Approximate);
    if approximate(a) || approximate(b) {
        // Without a date of its own, only the same place ties a reading to another.
        let same_place = match (&a.place, &b.place) {
            (Some(p), Some(q)) => {
                p.precision != Precision::Country
                    && q.precision != Precision::Country
                    && same_place(p, q)
            }
            _ => false,
        };
        if !same_place {
            return false;
        }
    }
    let retelling = a.from_excerpt != b.from_excerpt;
    match (a.date, b.date) {
        (Some(x), Some(y)) => dates_compatible_with(x, y, retelling),
        _ => true,
    }
}

/// Two resolutions of one place: the same record, a spelling of it a few
/// kilometres off, or a quarter and its city. Neighbouring towns are
/// different places.
fn same_place(p: &Resolution, q: &Resolution) -> bool {
    let km = watchfloor_gazetteer::distance_km(p.latitude, p.longitude, q.latitude, q.longitude);
    // A quarter or landmark lies within its city: "Kabul" and "Dasht-e Barchi".
    let within = |inner: &Resolution, outer: &Resolution| {
        matches!(inner.kind, PlaceKind::District | PlaceKind::Landmark)
            && matches!(outer.kind, PlaceKind::Populated | PlaceKind::Admin2)
    };
    p.name == q.name || km < 5.0 || ((within(p, q) || within(q, p)) && km < 25.0)
}

fn is_bombing(sub: &str) -> bool {
    sub == "Suicide bomb" || sub == "Remote explosive/landmine/IED"
}

/// `loose_days`: one reading is the commentary's retelling of the other's
/// excerpt, where a day or two of drift is the analyst's, not a second event.
fn dates_compatible_with(x: ResolvedDate, y: ResolvedDate, loose_days: bool) -> bool {
    let day = |d: ResolvedDate| d.date.precision == DatePrecision::Day;
    if day(x) && day(y) {
        let gap = (x.date.date - y.date.date).num_days().abs();
        let relative =
            x.certainty == Certainty::RelativeDay || y.certainty == Certainty::RelativeDay;
        return gap == 0 || (relative && gap <= 1) || (loose_days && gap <= 2);
    }
    let (mx, my) = (
        x.date.coarsened(DatePrecision::Month),
        y.date.coarsened(DatePrecision::Month),
    );
    if mx == my {
        return true;
    }
    // A stand-in month (the source's) may follow the occurrence by a month or two.
    let months = |d: PartialDate| d.month_index();
    let (ax, ay) = (months(mx), months(my));
    match (
        x.certainty == Certainty::Approximate,
        y.certainty == Certainty::Approximate,
    ) {
        (true, false) => ax >= ay && ax - ay <= 1,
        (false, true) => ay >= ax && ay - ax <= 1,
        (true, true) => (ax - ay).abs() <= 1,
        _ => false,
    }
}

fn dates_compatible(x: ResolvedDate, y: ResolvedDate) -> bool {
    dates_compatible_with(x, y, false)
}

/// Merges candidates that describe one occurrence; reading order decides ties.
///
/// Precise readings are placed first, so vague and generic ones join them
/// rather than the reverse. A vague reading (no date or place of its own)
/// prefers a compatible reading from its own paragraph, whatever country
/// that one names; one that joins nothing stands only when it says enough
/// on its own (an excerpt's specific trigger with figures or both sides).
fn merge(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut order: Vec<Candidate> = candidates;
    order.sort_by_key(|c| {
        (
            c.generic,
            c.vague,
            c.date.is_none_or(|d| d.certainty == Certainty::Approximate),
            c.order,
        )
    });
    let mut out: Vec<Candidate> = Vec::new();
    for c in order {
        // A vague reading joins, in order of preference: a reading of the same
        // sub-type in its paragraph, then anywhere in the report's country,
        // then any compatible reading of its paragraph, then of the country.
        let loose = c.vague || c.dependent;
        let in_block = |m: &Candidate| {
            loose
                && m.block == c.block
                && !m.vague
                && types_compatible(m, &c)
                && match (m.date, c.date) {
                    (Some(x), Some(y)) => {
                        dates_compatible(x, y)
                            || x.certainty == Certainty::Approximate
                            || y.certainty == Certainty::Approximate
                    }
                    _ => true,
                }
        };
        // Across paragraphs a vague reading must not name other parties.
        let conflicting = |mine: &Option<String>, named: bool, theirs: &Option<String>| {
            named && theirs.is_some() && mine.is_some() && mine != theirs
        };
        let in_country = |m: &Candidate| {
            c.vague
                && (!m.vague || m.sub_type == c.sub_type)
                && types_compatible(m, &c)
                // Deaths of civilians told in passing belong to an attack on civilians.
                && (!c.generic || !c.patient_known || c.civilian == m.civilian)
                && !conflicting(&c.actor1, c.actor1_named, &m.actor1)
                && !conflicting(&c.actor2, c.actor2_named, &m.actor2)
                && c.place
                    .as_ref()
                    .is_none_or(|p| m.place.as_ref().is_some_and(|q| q.country == p.country))
                && match (m.date, c.date) {
                    (Some(x), Some(y)) => dates_compatible(x, y),
                    _ => true,
                }
        };
        let nearest = |pred: &dyn Fn(&Candidate) -> bool, same_sub: bool| {
            out.iter()
                .enumerate()
                .filter(|(_, m)| pred(m) && (!same_sub || m.sub_type == c.sub_type))
                .min_by_key(|(_, m)| (m.order > c.order, m.order.abs_diff(c.order)))
                .map(|(i, _)| i)
        };
        let same_block = nearest(&in_block, true)
            .or_else(|| nearest(&in_country, true))
            .or_else(|| nearest(&in_block, false));
        let same_country = nearest(&in_country, false);
        let target = same_block.or(same_country).or_else(|| {
            out.iter()
                .enumerate()
                .filter(|(_, m)| compatible(m, &c))
                .max_by_key(|(_, m)| merge_affinity(m, &c))
                .map(|(i, _)| i)
        });
        match target {
            Some(i) => absorb(&mut out[i], c),
            None => {
                let stands = !c.vague
                    || (!c.generic && !c.casualties.is_empty())
                    || (c.from_excerpt && !c.generic && c.actor1_named && c.actor2_named);
                if stands {
                    out.push(c);
                }
            }
        }
    }
    out.sort_by_key(|c| c.order);
    out
}

/// How strongly two compatible candidates look like one occurrence.
fn merge_affinity(a: &Candidate, b: &Candidate) -> u32 {
    let mut score = 0;
    if let (Some(p), Some(q)) = (&a.place, &b.place) {
        if p.name == q.name {
            score += 4;
        }
    }
    if let (Some(x), Some(y)) = (a.date, b.date) {
        if x.date == y.date {
            score += 2;
        }
    }
    if a.sub_type == b.sub_type {
        score += 1;
    }
    score
}

/// Which of two dates for one occurrence to keep: the firmer, and between
/// equally firm ones the excerpt's (its source is dated) over the
/// commentary's retelling.
fn date_rank(d: ResolvedDate, from_excerpt: bool) -> (Certainty, bool) {
    (d.certainty, from_excerpt)
}

fn absorb(into: &mut Candidate, c: Candidate) {
    if c.rank > into.rank {
        into.event_type = c.event_type;
        into.sub_type = c.sub_type.clone();
        into.rank = c.rank;
        into.generic = c.generic;
    }
    // The firmest date wins; between equals, an excerpt's (its source is dated) over the commentary's.
    match (into.date, c.date) {
        (None, d) => into.date = d,
        (Some(x), Some(y))
            if date_rank(y, c.from_excerpt) > date_rank(x, into.date_from_excerpt) =>
        {
            into.date = Some(y);
            into.date_from_excerpt = c.from_excerpt;
        }
        _ => {}
    }
    into.vague &= c.vague;
    let rank = |p: &Option<Resolution>| match p.as_ref().map(|p| p.precision) {
        Some(Precision::Exact) => 3,
        Some(Precision::Province) => 2,
        Some(Precision::Country) => 1,
        None => 0,
    };
    if rank(&c.place) > rank(&into.place) {
        into.place = c.place.clone();
    }
    let weaker = c.vague && !into.vague;
    if c.actor1_claimed && !into.actor1_claimed && c.actor1.is_some() {
        into.actor1 = c.actor1.clone();
        into.actor1_named = c.actor1_named;
        into.actor1_claimed = true;
    } else if !into.actor1_claimed
        && (c.actor1_named && !into.actor1_named && !weaker || into.actor1.is_none())
        && c.actor1.is_some()
    {
        into.actor1 = c.actor1.clone();
        into.actor1_named = c.actor1_named;
    }
    // A vague reading only fills gaps in a precise one; no side is its own target.
    if ((c.actor2_named && !into.actor2_named && !weaker) || into.actor2.is_none())
        && c.actor2.is_some()
        && c.actor2 != into.actor1
    {
        into.actor2 = c.actor2.clone();
        into.actor2_named = c.actor2_named;
        into.actor2_unarmed_named = c.actor2_unarmed_named;
    }
    // Who was targeted comes from the first reading that says so.
    if !into.patient_known && c.patient_known {
        into.civilian = c.civilian;
        into.patient_known = true;
    }
    // The first precise figure in reading order stands.
    let decision = into.event_type == EventType::StrategicDevelopments;
    let (first, second) = if c.order < into.order {
        (&c.casualties, &into.casualties)
    } else {
        (&into.casualties, &c.casualties)
    };
    if !decision {
        into.casualties = Casualties {
            fatalities: first.fatalities.or(second.fatalities),
            injuries: first.injuries.or(second.injuries),
        };
    }

    for claim in c.claims {
        if !into
            .claims
            .iter()
            .any(|k| k.by == claim.by && k.stance == claim.stance)
        {
            into.claims.push(claim);
        }
    }
    for e in c.evidence {
        if !into.evidence.iter().any(|k| k.span == e.span) {
            into.evidence.push(e);
        }
    }
    into.order = into.order.min(c.order);
}
