//! The annotated document: a report plus one layer of mentions per
//! sentence. Built once by [`Recognizer::annotate`]; the extract stage
//! reads only this.

use crate::acronyms;
use crate::dates::{self, Certainty, DateMention, Reference, ResolvedDate};
use crate::numbers::{self, NumberMention};
use crate::persons::{self, PersonMention};
use crate::sentences;
use serde::Serialize;
use std::collections::HashMap;
use watchfloor_actors::{ActorMention, Catalogue};
use watchfloor_gazetteer::{Context, Gazetteer, Precision, Resolution};
use watchfloor_model::{DatePrecision, DateProvenance, Report, Role, Section, Span};
use watchfloor_text::fold_alnum;

/// A place mention resolved in the report's context.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceInText {
    /// Span relative to the sentence.
    pub span: Span,
    pub surface: String,
    pub place: Resolution,
}

/// A date mention and what it resolves to against the sentence's reference.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DateInText {
    pub mention: DateMention,
    pub resolved: Option<ResolvedDate>,
}

/// One sentence and every mention in it. Mention spans are relative to
/// `text`; add `span.start` for file offsets.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceLayer<'r> {
    pub text: &'r str,
    /// The sentence's byte range in the file.
    pub span: Span,
    pub section: Section,
    /// Index of the block (paragraph) in [`Report::blocks`] order.
    pub block: usize,
    /// The date relative expressions resolve against: the excerpt's
    /// publication date, or for commentary the latest source date.
    #[serde(skip)]
    pub reference: Option<Reference>,
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceInText>,
    pub dates: Vec<DateInText>,
    pub numbers: Vec<NumberMention>,
    pub persons: Vec<PersonMention>,
}

/// A report with its recognition layer.
#[derive(Debug, Serialize)]
pub struct Doc<'r> {
    #[serde(skip)]
    pub report: &'r Report,
    pub title: &'r str,
    pub file: &'r str,
    pub sentences: Vec<SentenceLayer<'r>>,
    /// Countries the report is about, most mentioned first, with weights.
    pub countries: Vec<(String, f32)>,
    /// The province the report dwells on, if one clearly dominates: where an
    /// event with no place of its own most likely happened.
    pub main_province: Option<Resolution>,
    /// The finest place the title names ("Terrorist Attack at Westgate
    /// Shopping Mall in Nairobi, Kenya"): where the story happens, for an
    /// event whose sentences name no place.
    pub title_place: Option<Resolution>,
}

/// The catalogue and gazetteer, ready to annotate reports.
pub struct Recognizer {
    pub catalogue: Catalogue,
    pub gazetteer: Gazetteer,
}

impl Recognizer {
    pub fn new(catalogue: Catalogue, gazetteer: Gazetteer) -> Recognizer {
        Recognizer {
            catalogue,
            gazetteer,
        }
    }

    /// Annotates the report's prose: commentary, excerpts, summaries, the
    /// pull quote and notes (each sentence knows its section).
    pub fn annotate<'r>(&self, report: &'r Report) -> Doc<'r> {
        // Sources' dates are not the day the commentary was written ("yesterday"
        // cannot count from them); a dateline's or a page's date is.
        let report_reference = match report.reference_date {
            Some(r) if r.provenance != DateProvenance::Sources => Some(Reference {
                date: r.date,
                is_access: false,
            }),
            _ => report.sources_date().map(|date| Reference {
                date,
                is_access: true,
            }),
        };
        let mut layers = Vec::new();
        let mut raw_places: Vec<Vec<(Span, String, Vec<Resolution>)>> = Vec::new();
        let mut anchor: Option<chrono::NaiveDate> = None;
        let mut anchor_section: Option<Section> = None;
        let blocks = report.blocks();
        let mut block_actors: Vec<Vec<ActorMention>> = blocks
            .iter()
            .map(|b| self.catalogue.find_mentions(b.text))
            .collect();
        // "Dawlah Islamiyah (DI)": the report's own short forms, anywhere in it.
        let defined: Vec<(String, String)> = blocks
            .iter()
            .zip(&block_actors)
            .flat_map(|(b, m)| acronyms::definitions(b.text, m))
            .collect();
        if !defined.is_empty() {
            for (b, mentions) in blocks.iter().zip(block_actors.iter_mut()) {
                let more = acronyms::mentions(b.text, &defined, mentions);
                mentions.extend(more);
                mentions.sort_by_key(|m| m.span.start);
            }
        }
        for (block_index, (block, actors)) in blocks.into_iter().zip(block_actors).enumerate() {
            let reference = match block.section {
                Section::Excerpt { source } => {
                    let src = &report.sources[source];
                    src.date
                        .map(|date| Reference {
                            date,
                            is_access: src.date_is_access,
                        })
                        .or(report_reference)
                }
                // Commentary that follows "the second excerpted article" is
                // about that source, and borrows its date.
                Section::Commentary => cited_source(block.text)
                    .and_then(|i| report.sources.get(i))
                    .and_then(|src| src.date)
                    .map(|date| Reference {
                        date,
                        is_access: true,
                    })
                    .or(report_reference),
                _ => report_reference,
            };
            // The last day named before, in this excerpt or this stretch of
            // commentary, for "a day earlier" and "on the same day".
            if anchor_section != Some(block.section) {
                anchor = None;
                anchor_section = Some(block.section);
            }
            let mut places = self.gazetteer.find_mentions(block.text);
            // Mentions in position order, so each sentence finds its own by
            // binary search: a paragraph of n sentences costs n log n, not n².
            places.sort_by_key(|p| p.span.start);
            let mut actors = actors;
            actors.sort_by_key(|a| a.span.start);
            for span in sentences::split(block.text) {
                let text = &block.text[span.start..span.end];
                let local = |m: Span| Span::new(m.start - span.start, m.end - span.start);
                let actor_range = actors.partition_point(|a| a.span.start < span.start)
                    ..actors.partition_point(|a| a.span.start < span.end);
                let place_range = places.partition_point(|p| p.span.start < span.start)
                    ..places.partition_point(|p| p.span.start < span.end);
                let sentence_actors: Vec<ActorMention> = actors[actor_range]
                    .iter()
                    .filter(|a| span.contains(a.span))
                    .map(|a| ActorMention {
                        span: local(a.span),
                        ..a.clone()
                    })
                    .collect();
                // A place inside an actor's name ("Tehrik-i-Taliban Pakistan") is not a location.
                let sentence_places: Vec<(Span, String, Vec<Resolution>)> = places[place_range]
                    .iter()
                    .filter(|p| span.contains(p.span))
                    .map(|p| (local(p.span), p.surface.clone(), p.candidates.clone()))
                    .filter(|(s, _, _)| {
                        !sentence_actors
                            .iter()
                            .any(|a| a.span.start < s.end && s.start < a.span.end)
                    })
                    // "Russia-based", "Turkish-made": an attribute, not a location.
                    .filter(|(s, _, _)| !is_attributive(&text[s.end..]))
                    // "the Niger River": a feature named after the place.
                    .filter(|(s, _, _)| !names_a_feature(&text[s.end..]))
                    .collect();
                let dates: Vec<DateInText> = dates::find_ordered(text, report.date_order)
                    .into_iter()
                    .map(|mention| {
                        let resolved = mention.resolve_after(reference, anchor);
                        if let Some(r) = resolved.filter(|r| {
                            r.date.precision == DatePrecision::Day
                                && r.certainty >= Certainty::RelativeDay
                        }) {
                            anchor = Some(r.date.date);
                        }
                        DateInText { mention, resolved }
                    })
                    .collect();
                let persons = persons::find(text);
                // A place inside a person's name ("Fazl-ur-Rahman") is not a location.
                let sentence_places: Vec<_> = sentence_places
                    .into_iter()
                    .filter(|(s, _, _)| {
                        !persons
                            .iter()
                            .any(|p| p.span.start < s.end && s.start < p.span.end)
                    })
                    .collect();
                raw_places.push(sentence_places);
                layers.push(SentenceLayer {
                    text,
                    span: span.shifted(block.span.start),
                    section: block.section,
                    block: block_index,
                    reference,
                    actors: sentence_actors,
                    places: Vec::new(),
                    dates,
                    numbers: numbers::find(text),
                    persons,
                });
            }
        }
        // The title and the dateline say what the report is about: their
        // provinces and countries vouch for places as the story's do, though
        // neither is coded; the title, saying what the story is, counts twice.
        let mentions_in = |head: &str| -> Vec<(Span, String, Vec<Resolution>)> {
            self.gazetteer
                .find_mentions(head)
                .into_iter()
                .map(|p| (p.span, p.surface, p.candidates))
                .collect()
        };
        let title = mentions_in(&report.title);
        let datelines: Vec<_> = report
            .furniture
            .iter()
            .filter(|f| f.role == Role::Dateline)
            .map(|f| mentions_in(&f.text))
            .collect();
        let vouching = raw_places
            .iter()
            .chain([&title, &title])
            .chain(datelines.iter());
        let countries = self.report_countries(&layers, vouching);
        let context = Context {
            countries: countries.clone(),
            admin1: Vec::new(),
        };
        let weight_of = |iso2: &str| {
            countries
                .iter()
                .find(|(c, _)| c == iso2)
                .map_or(0.0, |(_, w)| *w)
        };
        // The report's context with a sentence's place chain, built once and
        // refilled for each sentence that names a division.
        let mut chained = Context {
            countries: countries.clone(),
            admin1: Vec::new(),
        };
        for (layer, places) in layers.iter_mut().zip(raw_places) {
            // "in Kaya, Maradun, Zamfara State": a division named in the same
            // sentence places its towns and villages (a place chain), so a
            // namesake in another country or province loses.
            let chain: Vec<(String, String, f32)> = places
                .iter()
                .flat_map(|(_, _, candidates)| candidates)
                .filter(|c| {
                    c.kind == watchfloor_gazetteer::PlaceKind::Admin1
                        && (weight_of(&c.country) >= 0.5 || countries.is_empty())
                })
                .map(|c| (c.country.clone(), c.name.clone(), 3.0))
                .collect();
            let context = if chain.is_empty() {
                &context
            } else {
                chained.admin1 = chain;
                &chained
            };
            layer.places = places
                .into_iter()
                .filter_map(|(span, surface, candidates)| {
                    // A country's name means the country, whatever towns share it.
                    let country = candidates.iter().find(|c| {
                        c.precision == Precision::Country
                            && fold_alnum(&c.name) == fold_alnum(&surface)
                    });
                    let place = match country {
                        Some(c) => c.clone(),
                        None => self
                            .gazetteer
                            .rank(&candidates, context)
                            .into_iter()
                            .next()?,
                    };
                    // A town in a country the report never otherwise names (by a
                    // country or province name, an actor or a demonym) is far likelier a
                    // word or a name that happens to be a place; big cities and the
                    // reviewed conflict-zone places are known without their country.
                    let known_city = place.population >= 500_000
                        && fold_alnum(&place.name) == fold_alnum(&surface);
                    // A report that names no country at all gives no ground to doubt its places.
                    // The reviewed twin of a GeoNames record ("Rafah" beside
                    // "Rafaḩ") vouches for it as well.
                    let reviewed = place.reviewed
                        || candidates
                            .iter()
                            .any(|c| c.reviewed && c.country == place.country);
                    let vouched =
                        weight_of(&place.country) >= 0.5 || reviewed || countries.is_empty();
                    if place.precision != Precision::Country && !vouched && !known_city {
                        return None;
                    }
                    Some(PlaceInText {
                        span,
                        surface,
                        place,
                    })
                })
                .collect();
        }
        let main_province = main_province(&layers, countries.first().map(|(c, _)| c.as_str()));
        let title_place = self
            .gazetteer
            .find_mentions(&report.title)
            .into_iter()
            .filter_map(|m| {
                let best = self
                    .gazetteer
                    .rank(&m.candidates, &context)
                    .into_iter()
                    .next()?;
                let vouched = weight_of(&best.country) >= 0.5 || best.reviewed;
                (vouched && best.precision != Precision::Country).then_some(best)
            })
            .min_by_key(|p| match p.precision {
                Precision::Exact => 0,
                Precision::Province => 1,
                Precision::Country => 2,
            });
        Doc {
            report,
            title: &report.title,
            file: &report.file,
            sentences: layers,
            countries,
            main_province,
            title_place,
        }
    }

    /// Countries weighted by unambiguous place mentions and by the home
    /// countries of single-country actors.
    fn report_countries<'p>(
        &self,
        layers: &[SentenceLayer<'_>],
        places: impl Iterator<Item = &'p Vec<(Span, String, Vec<Resolution>)>>,
    ) -> Vec<(String, f32)> {
        let mut weight: HashMap<String, f32> = HashMap::new();
        for sentence_places in places {
            for (_, _, candidates) in sentence_places {
                let mut countries: Vec<&str> =
                    candidates.iter().map(|c| c.country.as_str()).collect();
                countries.dedup();
                // Only names that are a country or a province vouch for a country:
                // a lone town name may be a common word.
                if countries.len() == 1 && candidates[0].precision != Precision::Exact {
                    *weight.entry(countries[0].to_string()).or_default() += 1.0;
                }
            }
        }
        for layer in layers {
            for a in &layer.actors {
                if let Some(actor) = a.actor.as_deref().and_then(|id| self.catalogue.get(id)) {
                    if actor.countries.len() == 1 {
                        *weight.entry(actor.countries[0].clone()).or_default() += 0.5;
                    }
                }
            }
            // "Israeli air strikes", "Kenyan troops": a demonym vouches for its country.
            for word in layer.text.split(|c: char| !c.is_alphabetic()) {
                if word.starts_with(char::is_uppercase) {
                    if let Some(country) = self.gazetteer.country_by_demonym(word) {
                        *weight.entry(country.iso2.clone()).or_default() += 0.5;
                    }
                }
            }
        }
        let mut countries: Vec<(String, f32)> = weight.into_iter().collect();
        countries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        countries
    }
}

/// The first-level division named most often in the main country, when it
/// takes at least half of such mentions and is named in three paragraphs or more.
fn main_province(layers: &[SentenceLayer<'_>], country: Option<&str>) -> Option<Resolution> {
    let country = country?;
    let mut counts: HashMap<&str, (usize, &Resolution, Vec<usize>)> = HashMap::new();
    let mut total = 0;
    for l in layers {
        for p in &l.places {
            if p.place.country == country && p.place.kind == watchfloor_gazetteer::PlaceKind::Admin1
            {
                let entry =
                    counts
                        .entry(p.place.name.as_str())
                        .or_insert((0, &p.place, Vec::new()));
                entry.0 += 1;
                entry.2.push(l.block);
                total += 1;
            }
        }
    }
    let (_, (n, place, mut blocks)) = counts
        .into_iter()
        .max_by_key(|(name, (n, _, _))| (*n, std::cmp::Reverse(*name)))?;
    blocks.dedup();
    // Named across the report, not in one paragraph's aside.
    (n >= 3 && n * 2 >= total && blocks.len() >= 3).then(|| place.clone())
}

/// The source a commentary paragraph introduces: "the first excerpted
/// article", "the second excerpt" (an index into `Report::sources`).
fn cited_source(text: &str) -> Option<usize> {
    crate::words::words! {
        /// "first", "second", ...: a word's position is the source's index.
        ORDINALS = commentary.source_ordinals;
    }
    let lower = text.to_lowercase();
    lower
        .match_indices(" excerpt")
        .filter_map(|(i, _)| {
            let word = lower[..i].rsplit(|c: char| !c.is_alphabetic()).next()?;
            ORDINALS.iter().position(|o| *o == word).map(|n| (i, n))
        })
        .min_by_key(|(i, _)| *i)
        .map(|(_, n)| n)
}

/// Whether the word right after a place makes the phrase a feature named
/// after it ("the Niger River", "the Congo Basin"): `data/geo-features.txt`.
fn names_a_feature(after: &str) -> bool {
    static FEATURES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let features = FEATURES.get_or_init(|| {
        include_str!("../../../data/geo-features.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    features.contains(&word.as_str())
}

/// Whether the text right after a place makes it an attribute: "-based",
/// "-made", "-backed", "-linked".
fn is_attributive(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('-') else {
        return false;
    };
    rest.starts_with(|c: char| c.is_lowercase())
}
