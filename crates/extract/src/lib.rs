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
use watchfloor_actors::{Catalogue, StateRole};
use watchfloor_gazetteer::{Gazetteer, Precision, Resolution};
use watchfloor_model::{Claim, DatePrecision, Event, EventType, Evidence, PartialDate, Report, Section};
use watchfloor_recognize::dates::{Certainty, ResolvedDate};
use watchfloor_recognize::{Doc, PlaceInText, Recognizer, SentenceLayer};

pub use figures::Casualties;

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

/// One sentence's reading of an event, before merging.
#[derive(Debug, Clone)]
struct Candidate {
    order: usize,
    event_type: EventType,
    sub_type: String,
    rank: u32,
    generic: bool,
    date: Option<ResolvedDate>,
    place: Option<Resolution>,
    actor1: Option<String>,
    actor1_named: bool,
    actor2: Option<String>,
    actor2_named: bool,
    casualties: Casualties,
    civilian: bool,
    claims: Vec<Claim>,
    evidence: Vec<Evidence>,
}

impl Extractor {
    /// The shipped catalogue, gazetteer and lexicon.
    pub fn load_default() -> Result<Extractor, ExtractError> {
        let catalogue = Catalogue::load_default().map_err(|e| ExtractError::Catalogue(e.to_string()))?;
        let gazetteer = Gazetteer::load_default().map_err(|e| ExtractError::Gazetteer(e.to_string()))?;
        Ok(Extractor { recognizer: Recognizer::new(catalogue, gazetteer), lexicon: Lexicon::load_default()? })
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
        let mut candidates = Vec::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            // Pull quotes, summaries and notes restate or cite: no new events.
            if !matches!(s.section, Section::Commentary | Section::Excerpt { .. }) {
                continue;
            }
            let previous = i.checked_sub(1).map(|j| &doc.sentences[j]).filter(|p| p.block == s.block);
            candidates.extend(self.candidates(doc.report, s, previous, i, main_country.as_deref()));
        }
        merge(candidates)
            .into_iter()
            .filter_map(|c| self.finish(doc.report, c, main_country.as_deref()))
            .collect()
    }

    fn candidates(
        &self,
        report: &Report,
        s: &SentenceLayer<'_>,
        previous: Option<&SentenceLayer<'_>>,
        order: usize,
        main_country: Option<&str>,
    ) -> Vec<Candidate> {
        let lex = &self.lexicon;
        let hits: Vec<_> = lex
            .triggers_in(s.text)
            .into_iter()
            .filter(|h| !negated(lex, s.text, h.start))
            .filter(|h| !hypothetical(lex, s.text, h.start))
            .collect();
        let Some(best) = hits.iter().max_by_key(|h| (lex.triggers[h.trigger].rank, std::cmp::Reverse(h.start))) else {
            return Vec::new();
        };
        let trigger = &lex.triggers[best.trigger];
        let sentence_dates: Vec<ResolvedDate> = s.dates.iter().filter_map(|d| d.resolved).collect();
        let explicit_day = sentence_dates.iter().any(|d| d.certainty >= Certainty::RelativeDay);
        if lex.background.contains(s.text) && !explicit_day {
            return Vec::new();
        }
        if s.text.to_ascii_lowercase().contains("condemn") {
            return Vec::new();
        }
        let date = sentence_dates.iter().copied().max_by_key(|d| d.certainty).or_else(|| {
            s.reference.map(|r| ResolvedDate { date: r.date.coarsened(DatePrecision::Month), certainty: Certainty::Approximate })
        });
        let place = best_place(&s.places, best.start).or_else(|| {
            previous.and_then(|p| best_place(&p.places, p.text.len())).filter(|r| r.precision != Precision::Country)
        });
        let country = place.as_ref().map(|p| p.country.clone()).or_else(|| main_country.map(str::to_string));
        let roles = roles::assign(self, s.text, &s.actors, best.start, best.end, country.as_deref());
        let casualties = figures::casualties(s.text);
        let civilian_words = lex.civilian_targets.find(s.text).iter().any(|&(_, st, _)| st > best.start.saturating_sub(80));
        let armed_words = lex.armed_targets.contains(s.text);
        let generic = trigger.generic;
        let civilian = matches!(trigger.event_type, EventType::ExplosionsRemoteViolence | EventType::ViolenceAgainstCivilians | EventType::Battles)
            && (roles.patient_is_civilian || (civilian_words && !roles.patient_is_armed));
        // A generic attack takes its type from its target.
        let (event_type, sub_type) = if generic {
            if civilian || (!armed_words && !roles.patient_is_armed && casualties.fatalities.is_some() && civilian_words) {
                (EventType::ViolenceAgainstCivilians, "Attack".to_string())
            } else {
                (EventType::Battles, "Armed clash".to_string())
            }
        } else if trigger.event_type == EventType::Battles && civilian && !roles.patient_is_armed {
            (EventType::ViolenceAgainstCivilians, "Attack".to_string())
        } else {
            (trigger.event_type, trigger.sub_type.clone())
        };
        // A bare "attack" with nothing specific about it is talk, not an event.
        if generic && place.as_ref().is_none_or(|p| p.precision == Precision::Country) && casualties.is_empty() && !explicit_day {
            return Vec::new();
        }
        let source = match s.section {
            Section::Excerpt { source } => Some(report.sources[source].citation.text.clone()),
            _ => None,
        };
        let evidence = Evidence {
            span: s.span,
            text: s.text.to_string(),
            section: s.section,
            source,
        };
        let claims = roles.claims;
        vec![Candidate {
            order,
            event_type,
            sub_type,
            rank: if generic { 0 } else { trigger.rank },
            generic,
            date,
            place,
            actor1: roles.agent.clone(),
            actor1_named: roles.agent_named,
            actor2: if civilian && !roles.patient_named { country.as_deref().and_then(|c| self.state_name(c, StateRole::Civilians)) } else { roles.patient.clone() },
            actor2_named: roles.patient_named,
            casualties,
            civilian,
            claims,
            evidence: vec![evidence],
        }]
    }

    fn state_name(&self, iso2: &str, role: StateRole) -> Option<String> {
        self.catalogue().state_actor(iso2, role).map(|a| a.name.clone())
    }

    /// Fills defaults and drops what cannot be an event.
    fn finish(&self, report: &Report, c: Candidate, main_country: Option<&str>) -> Option<Event> {
        let date = c.date?;
        if date.date.precision == DatePrecision::Year {
            return None;
        }
        let (country, location, latitude, longitude, geo_precision) = match &c.place {
            Some(p) => (
                p.country.clone(),
                p.name.clone(),
                (p.precision != Precision::Country).then_some(p.latitude),
                (p.precision != Precision::Country).then_some(p.longitude),
                Some(precision_name(p.precision)),
            ),
            None => {
                let country = main_country?.to_string();
                let name = self.recognizer.gazetteer.country(&country).map(|c| c.name.clone()).unwrap_or_else(|| country.clone());
                (country, name, None, None, Some("country"))
            }
        };
        let default_agent = match (c.event_type, c.sub_type.as_str()) {
            (EventType::StrategicDevelopments, "Arrests") => Some(StateRole::Police),
            (EventType::StrategicDevelopments, _) => Some(StateRole::Government),
            (EventType::Protests | EventType::Riots, _) => None,
            _ => Some(StateRole::UnidentifiedArmedGroup),
        };
        let actor1 = c.actor1.clone().or_else(|| default_agent.and_then(|r| self.state_name(&country, r)));
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
            actor2: c.actor2.clone(),
            fatalities: c.casualties.fatalities,
            injuries: c.casualties.injuries,
            civilian_targeting: c.civilian,
            claims: c.claims.clone(),
            evidence: c.evidence.clone(),
        };
        if event.actor1 == event.actor2 {
            event.actor2 = None;
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


/// The most precise place, the nearest to the trigger among equals.
fn best_place(places: &[PlaceInText], trigger: usize) -> Option<Resolution> {
    places
        .iter()
        .map(|p| (p.span, &p.place))
        .min_by_key(|(span, r)| {
            let rank = match r.precision {
                Precision::Exact => 0,
                Precision::Province => 1,
                Precision::Country => 2,
            };
            (rank, span.start.abs_diff(trigger))
        })
        .map(|(_, r)| r.clone())
}

fn negated(lex: &Lexicon, sentence: &str, trigger: usize) -> bool {
    let window_start = floor_boundary(sentence, trigger.saturating_sub(30));
    let window = &sentence[window_start..trigger];
    // "no casualties" negates the casualties, not the attack.
    lex.negation.find(window).iter().any(|&(_, s, _)| {
        let rest = &window[s..];
        !rest.contains(',')
    })
}

fn hypothetical(lex: &Lexicon, sentence: &str, trigger: usize) -> bool {
    let window_start = floor_boundary(sentence, trigger.saturating_sub(60));
    let window = &sentence[window_start..trigger];
    let after_end = ceil_boundary(sentence, (trigger + 40).min(sentence.len()));
    lex.hypothetical.contains(window) || lex.hypothetical.find(&sentence[trigger..after_end]).iter().any(|&(_, s, _)| s < 12)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
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

/// Whether two candidates can be one occurrence.
fn compatible(a: &Candidate, b: &Candidate) -> bool {
    let types = a.generic
        || b.generic
        || (a.event_type == b.event_type
            && (a.sub_type == b.sub_type || a.event_type == EventType::ExplosionsRemoteViolence
                && is_bombing(&a.sub_type) && is_bombing(&b.sub_type)));
    if !types {
        return false;
    }
    let places = match (&a.place, &b.place) {
        (Some(p), Some(q)) => {
            if p.country != q.country {
                false
            } else if p.precision == Precision::Exact && q.precision == Precision::Exact {
                watchfloor_gazetteer::distance_km(p.latitude, p.longitude, q.latitude, q.longitude) < 30.0
            } else {
                true
            }
        }
        _ => true,
    };
    if !places {
        return false;
    }
    match (a.date, b.date) {
        (Some(x), Some(y)) => dates_compatible(x, y),
        _ => true,
    }
}

fn is_bombing(sub: &str) -> bool {
    sub == "Suicide bomb" || sub == "Remote explosive/landmine/IED"
}

fn dates_compatible(x: ResolvedDate, y: ResolvedDate) -> bool {
    let day = |d: ResolvedDate| d.date.precision == DatePrecision::Day;
    if day(x) && day(y) {
        let gap = (x.date.date - y.date.date).num_days().abs();
        let relative = x.certainty == Certainty::RelativeDay || y.certainty == Certainty::RelativeDay;
        return gap == 0 || (relative && gap <= 1);
    }
    let (mx, my) = (x.date.coarsened(DatePrecision::Month), y.date.coarsened(DatePrecision::Month));
    if mx == my {
        return true;
    }
    // A stand-in month (the source's) may follow the occurrence by a month or two.
    let months = |d: PartialDate| d.month_index();
    let (ax, ay) = (months(mx), months(my));
    match (x.certainty == Certainty::Approximate, y.certainty == Certainty::Approximate) {
        (true, false) => ax >= ay && ax - ay <= 1,
        (false, true) => ay >= ax && ay - ax <= 1,
        _ => false,
    }
}

/// Merges candidates that describe one occurrence; reading order decides ties.
fn merge(candidates: Vec<Candidate>) -> Vec<Candidate> {
    // Specific readings first, so generic ones join them rather than the reverse.
    let mut order: Vec<Candidate> = candidates;
    order.sort_by_key(|c| (c.generic, c.order));
    let mut out: Vec<Candidate> = Vec::new();
    for c in order {
        let target = out
            .iter_mut()
            .filter(|m| compatible(m, &c))
            .max_by_key(|m| merge_affinity(m, &c));
        match target {
            Some(m) => absorb(m, c),
            None => out.push(c),
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

fn absorb(into: &mut Candidate, c: Candidate) {
    if c.rank > into.rank {
        into.event_type = c.event_type;
        into.sub_type = c.sub_type.clone();
        into.rank = c.rank;
        into.generic = c.generic;
    }
    match (into.date, c.date) {
        (None, d) => into.date = d,
        (Some(x), Some(y)) if y.certainty > x.certainty => into.date = Some(y),
        _ => {}
    }
    let rank = |p: &Option<Resolution>| match p.as_ref().map(|p| p.precision) {
        Some(Precision::Exact) => 3,
        Some(Precision::Province) => 2,
        Some(Precision::Country) => 1,
        None => 0,
    };
    if rank(&c.place) > rank(&into.place) {
        into.place = c.place.clone();
    }
    if c.actor1_named && (!into.actor1_named || c.rank > into.rank) || into.actor1.is_none() {
        if c.actor1.is_some() {
            into.actor1 = c.actor1.clone();
            into.actor1_named = c.actor1_named;
        }
    }
    if (c.actor2_named && !into.actor2_named) || into.actor2.is_none() {
        if c.actor2.is_some() {
            into.actor2 = c.actor2.clone();
            into.actor2_named = c.actor2_named;
        }
    }
    // The first precise figure in reading order stands.
    let (first, second) = if c.order < into.order { (&c.casualties, &into.casualties) } else { (&into.casualties, &c.casualties) };
    into.casualties = Casualties {
        fatalities: first.fatalities.or(second.fatalities),
        injuries: first.injuries.or(second.injuries),
    };
    into.civilian |= c.civilian;
    for claim in c.claims {
        if !into.claims.iter().any(|k| k.by == claim.by && k.stance == claim.stance) {
            into.claims.push(claim);
        }
    }
    into.evidence.extend(c.evidence);
    into.order = into.order.min(c.order);
}
