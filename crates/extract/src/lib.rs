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
mod finish;
mod frames;
pub mod lexicon;
mod merge;
mod place;
mod reading;
mod roles;
mod words;

use merge::merge;

use lexicon::Lexicon;
use watchfloor_actors::{ActorKind, Catalogue, StateRole};
use watchfloor_gazetteer::{Gazetteer, Precision, Resolution};
use watchfloor_model::{
    Claim, DatePrecision, Event, EventType, Evidence, Report, Section, SubEventType,
};
use watchfloor_recognize::dates::ResolvedDate;
use watchfloor_recognize::{Doc, PlaceInText, Recognizer};

pub use figures::Casualties;

/// How to parse reports that are only to be coded: event coding never reads
/// a source's language, so the parser need not detect it (the costliest part
/// of parsing).
pub const PARSE_OPTIONS: watchfloor_parse::Options = watchfloor_parse::Options {
    default_date: None,
    detect_languages: false,
};

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
    /// The catalogue's affiliations, indexed once.
    affiliations: Affiliations,
}

/// Who belongs to whom in the catalogue, by name.
#[derive(Default)]
struct Affiliations {
    /// Actor name → its parent organisation's name.
    parents: std::collections::HashMap<String, String>,
    /// Parent name → the catalogue ids of its branches.
    branches: std::collections::HashMap<String, Vec<String>>,
}

impl Affiliations {
    fn of(cat: &Catalogue) -> Affiliations {
        let mut out = Affiliations::default();
        for a in cat.actors() {
            if let Some(parent) = a.affiliation.as_deref().and_then(|id| cat.get(id)) {
                out.parents.insert(a.name.clone(), parent.name.clone());
                out.branches
                    .entry(parent.name.clone())
                    .or_default()
                    .push(a.id.clone());
            }
        }
        out
    }
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
    /// The trigger is a definite noun phrase ("in the fighting", "the
    /// blast"): it points back at an occurrence already told, whatever word
    /// that one was told with.
    anaphoric: bool,
    /// The place is only an origin or destination ("fuel to Kantchari") or
    /// the previous sentence's: it does not tell where this happened.
    place_weak: bool,
    /// A generic reading with no place of its own ("the attack took place on
    /// the evening of 28 September"): it belongs to its paragraph's event.
    dependent: bool,
    event_type: EventType,
    sub_type: SubEventType,
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
            affiliations: Affiliations::of(&catalogue),
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

    /// [`Extractor::extract`], with a warning for every occurrence the text
    /// tells but does not date: nothing is dropped silently.
    pub fn extract_with_warnings(&self, report: &Report) -> (Vec<Event>, Vec<String>) {
        let mut warnings = Vec::new();
        let events = self.code(&self.recognizer.annotate(report), Some(&mut warnings));
        (events, warnings)
    }

    /// Codes every event of an annotated report.
    pub fn extract_doc(&self, doc: &Doc<'_>) -> Vec<Event> {
        self.code(doc, None)
    }

    fn code(&self, doc: &Doc<'_>, mut warnings: Option<&mut Vec<String>>) -> Vec<Event> {
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
        let related = merge::Related {
            parents: &self.affiliations.parents,
        };
        let mut merged = merge(candidates, &related);
        carry_strike_agents(&mut merged);
        merged
            .into_iter()
            .filter_map(|c| {
                let undated = c
                    .date
                    .is_none_or(|d| d.date.precision == DatePrecision::Year);
                if let (true, false, Some(w)) = (undated, c.vague, warnings.as_deref_mut()) {
                    let told = c.evidence.first().map_or("", |e| e.text.as_str());
                    let told: String = told.chars().take(90).collect();
                    let why = if doc.report.reference_date.is_some() {
                        "names no month or day of its own"
                    } else {
                        "has no month or day the text supports (no Sources date, date line, dateline, meta date or dated file name; try --date)"
                    };
                    w.push(format!(
                        "{}: report \"{}\": an event ({}) told in \"{told}…\" {why}: not coded",
                        doc.report.file, doc.report.title, c.sub_type
                    ));
                }
                self.finish(
                    doc.report,
                    c,
                    main_country.as_deref(),
                    doc.main_province.as_ref(),
                    doc.title_place.as_ref(),
                )
            })
            .collect()
    }

    /// The parties to a state's decision ("Niger broke off relations with
    /// Ukraine"): the state named before the trigger acts, the one after
    /// it is acted upon.
    fn state_decision(
        &self,
        text: &str,
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
                let actor = self.actor_named(name)?;
                if actor.countries.len() != 1 || !name.starts_with("Government of") {
                    return None;
                }
                actor.countries[0].clone()
            }
        };
        // The other state: named after the trigger, or by a demonym there
        // ("expelled three French diplomats").
        let demonym_country = || {
            let after = &text[trigger..text.ceil_char_boundary(trigger + 60)];
            after
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.starts_with(char::is_uppercase))
                .find_map(|w| self.recognizer.gazetteer.country_by_demonym(w))
                .map(|c| c.iso2.clone())
                .filter(|c| *c != agent_country)
        };
        let patient_country = countries
            .iter()
            .find(|p| p.span.start > trigger && p.place.country != agent_country)
            .map(|p| p.place.country.clone())
            // A demonym only fills a missing target: "Afghan refugees" are the
            // refugees, not their government.
            .or_else(|| roles.patient.is_none().then(demonym_country).flatten());
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

    /// The catalogue actor whose canonical name is `name`.
    fn actor_named(&self, name: &str) -> Option<&watchfloor_actors::Actor> {
        self.catalogue().actors().iter().find(|a| a.name == name)
    }

    /// Whether the actor named `name` is a state's armed or police force.
    fn is_state_force(&self, name: &str) -> bool {
        self.actor_named(name)
            .is_some_and(|a| a.kind == ActorKind::StateForce)
    }

    /// "Military Forces of X" for "Government of X".
    fn armed_forces_of_government(&self, name: &str) -> Option<String> {
        let actor = self.actor_named(name)?;
        (actor.kind == ActorKind::Government && actor.countries.len() == 1)
            .then(|| self.state_name(&actor.countries[0], StateRole::Military))?
    }

    /// The one branch of the organisation named `name` that operates in
    /// `country`, if the catalogue knows exactly one.
    pub(crate) fn branch_in(&self, name: &str, country: &str) -> Option<String> {
        let parent = self.actor_named(name)?;
        if parent.countries.iter().any(|c| c == country) {
            return None;
        }
        let mut branches = self
            .branches_of(name)
            .filter(|b| b.countries.iter().any(|c| c == country));
        let branch = branches.next()?;
        branches.next().is_none().then(|| branch.name.clone())
    }

    /// The branches of the organisation named `name`.
    pub(crate) fn branches_of<'a>(
        &'a self,
        name: &str,
    ) -> impl Iterator<Item = &'a watchfloor_actors::Actor> + 'a {
        self.affiliations
            .branches
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|id| self.catalogue().get(id))
    }

    /// The home country of a catalogue actor known by `name`, if it has one.
    fn home_country(&self, name: &str) -> Option<&str> {
        let actor = self.actor_named(name)?;
        (actor.countries.len() == 1).then(|| actor.countries[0].as_str())
    }

    fn state_name(&self, iso2: &str, role: StateRole) -> Option<String> {
        self.catalogue()
            .state_actor(iso2, role)
            .map(|a| a.name.clone())
    }
}

/// "The U.S. military has conducted four airstrikes … A strike on April 25
/// killed two": a strike whose sentence names no striker was made by the
/// striker an earlier strike of the same paragraph names. Air strikes need
/// aircraft; the text that counts them names whose.
fn carry_strike_agents(readings: &mut [Candidate]) {
    const STRIKE: SubEventType = SubEventType::AirDroneStrike;
    let mut order: Vec<usize> = (0..readings.len()).collect();
    order.sort_by_key(|&i| readings[i].order);
    let mut last: Option<(usize, String)> = None; // (block, striker)
    for i in order {
        let c = &mut readings[i];
        if c.sub_type != STRIKE {
            continue;
        }
        match (&c.actor1, c.actor1_named, &last) {
            (_, true, _) => last = c.actor1.clone().map(|a| (c.block, a)),
            (_, false, Some((block, striker))) if *block == c.block => {
                c.actor1 = Some(striker.clone());
            }
            _ => {}
        }
    }
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Exact => "exact",
        Precision::Province => "province",
        Precision::Country => "country",
    }
}
