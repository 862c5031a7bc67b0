//! Event frames: which triggers in a sentence open a reading, which are
//! cancelled (negation, forecasts, trends, back-references), and the
//! stretch of the sentence each reading owns.

use crate::lexicon::{self, Lexicon};
use watchfloor_gazetteer::Precision;
use watchfloor_model::{DatePrecision, EventType, Span};
use watchfloor_recognize::dates::{Certainty, ResolvedDate};
use watchfloor_recognize::SentenceLayer;

/// One event reading inside a sentence: its trigger and the stretch of the
/// sentence whose mentions belong to it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) hit: lexicon::TriggerHit,
    /// The trigger names an occurrence only to explain or date another one
    /// ("after the attack"): it stands only with a date of its own.
    pub(super) reference: bool,
    /// `[start, end)` of the sentence this frame owns.
    pub(super) segment: (usize, usize),
}

/// Trigger hits grouped into event frames, and the sentence cut between
/// them at the clause boundary nearest each gap.
///
/// A specific trigger opens a frame unless a related one stands just before
/// it; a generic one ("attack", "killed") opens one when nothing specific
/// does, or when it stands apart from every other frame ("..., and the group
/// killed 130 people at a concert hall").
pub(super) fn frames(lex: &Lexicon, text: &str, hits: &[lexicon::TriggerHit]) -> Vec<Frame> {
    let mut opened: Vec<lexicon::TriggerHit> = Vec::new();
    // Where each opened frame's last trigger ends: a frame reaches as far
    // as the triggers it has taken in ("Rioters torched … during protests").
    let mut reach: Vec<usize> = Vec::new();
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
        if let (Some(last), Some(last_end)) = (opened.last_mut(), reach.last_mut()) {
            let lt = &lex.triggers[last.trigger];
            // "stormed the school in Kuriga on Thursday and abducted 137
            // pupils": verbs coordinated in one clause tell one occurrence.
            let gap = &text[(*last_end).min(h.start)..h.start];
            let coordinated = gap.len() < 140 && gap.contains(" and ") && !gap.contains([',', ';']);
            let close = h.start.saturating_sub(*last_end) < 60 || coordinated;
            let both_violent = t.event_type != EventType::StrategicDevelopments
                && lt.event_type != EventType::StrategicDevelopments;
            let related = lt.event_type == t.event_type || (close && both_violent);
            if related && (close || lt.sub_type == t.sub_type) {
                if t.rank > lt.rank {
                    *last = *h;
                }
                *last_end = (*last_end).max(h.end);
                continue;
            }
        }
        opened.push(*h);
        reach.push(h.end);
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
        let cut = CLAUSE_CUTS
            .iter()
            .filter_map(|sep| gap.rfind(sep))
            .max()
            .map(|p| gap_start + p)
            .unwrap_or(gap_start + gap.len() / 2);
        let cut = text.floor_char_boundary(cut);
        out[i - 1].segment.1 = cut;
        out[i].segment.0 = cut;
    }
    out
}

crate::words::words! {
    /// Words before a date that make it the date of a report about the event.
    pub(super) REPORTING_WORDS = frames.reporting_words;
}

/// The date of the occurrence among a frame's dates: not a reporting date,
/// then the firmest, then the nearest to the trigger.
///
/// When the only date is the report's own ("said on Friday, January 12"),
/// the occurrence came before it: only its month stands, as a stand-in.
pub(super) fn pick_date<'a>(
    text: &str,
    dates: impl Iterator<Item = &'a watchfloor_recognize::DateInText>,
    trigger: usize,
    announcement_is_event: bool,
) -> Option<ResolvedDate> {
    let (reporting, date) = dates
        .filter_map(|d| d.resolved.map(|r| (d.mention.span, r)))
        .filter(|(span, _)| {
            // "..., which on Monday rejected ...": a relative clause dates another verb.
            let from = text.floor_char_boundary(span.start.saturating_sub(12));
            let before = text[from..span.start].to_lowercase();
            !(before.contains("which ") || before.contains("who "))
        })
        .map(|(span, r)| {
            let from = text.floor_char_boundary(span.start.saturating_sub(30));
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
pub(super) fn spans_years(text: &str) -> bool {
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
pub(super) fn aggregate(lex: &Lexicon, text: &str, f: &Frame, s: &SentenceLayer<'_>) -> bool {
    let word = &text[f.hit.start..f.hit.end];
    // "dozens of rockets" is one barrage: munitions and the craft that
    // carry them are counted in the plural, occurrences are not.
    let munition = MUNITIONS.contains(&word.to_lowercase().as_str());
    let plural_noun =
        !munition && !word.contains(' ') && word.ends_with('s') && !word.ends_with("ss");
    if !plural_noun || lex.triggers[f.hit.trigger].event_type == EventType::StrategicDevelopments {
        return false;
    }
    // Regions are told apart by country and province: "the Hodeidah
    // governorate and Kamaran island" is one region.
    let mut regions: Vec<(&str, Option<&str>)> = s
        .places
        .iter()
        .filter(|p| {
            f.segment.0 <= p.span.start
                && p.span.start < f.segment.1
                && p.place.precision != Precision::Exact
                && !modifies_actor(text, p.span.end, s)
        })
        .map(|p| {
            let admin1 = p
                .place
                .admin1
                .as_deref()
                .or((p.place.precision == Precision::Province).then_some(p.place.name.as_str()));
            (p.place.country.as_str(), admin1)
        })
        .collect();
    regions.sort_unstable();
    regions.dedup();
    let from = text.floor_char_boundary(f.hit.start.saturating_sub(30));
    let before = text[from..f.hit.start].to_lowercase();
    let quantified = QUANTIFIERS.iter().any(|q| before.contains(q));
    regions.len() >= 2 || quantified
}

crate::words::words! {
    /// Where a sentence is cut between two frames: the last of these between
    /// their triggers.
    CLAUSE_CUTS = frames.clause_cuts;
    /// Words before a plural trigger that make it many occurrences.
    QUANTIFIERS = frames.quantifiers;
    /// Plural trigger words that count things fired or flown, not occurrences.
    MUNITIONS = frames.munitions;
    DETERMINERS = frames.determiners;
}

/// A place written as the origin of the actor after it: "US warplanes",
/// "US and British warplanes".
fn modifies_actor(text: &str, place_end: usize, s: &SentenceLayer<'_>) -> bool {
    let rest = &text[place_end..];
    let gap = rest.len() - rest.trim_start().len();
    let after_and = rest
        .trim_start()
        .strip_prefix("and ")
        .map(|r| rest.len() - r.len());
    s.actors.iter().any(|a| {
        a.span.start == place_end + gap || after_and.is_some_and(|k| a.span.start == place_end + k)
    })
}

crate::words::words! {
    /// Phrases that name an occurrence only to date or explain another one:
    /// "days before the bombing in Mastung", "in retaliation for the attack".
    pub(super) REFERENCE_PHRASES = frames.reference_phrases;
}

pub(super) fn refers_back(sentence: &str, trigger: usize) -> bool {
    reference_start(sentence, trigger).is_some()
}

/// Where the phrase that makes the trigger a back-reference begins
/// ("days before the bombing", "after the Mastung attack"), if it is one.
pub(super) fn reference_start(sentence: &str, trigger: usize) -> Option<usize> {
    let from = sentence.floor_char_boundary(trigger.saturating_sub(40));
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

pub(super) fn negated(lex: &Lexicon, sentence: &str, trigger: usize) -> bool {
    let window_start = sentence.floor_char_boundary(trigger.saturating_sub(50));
    let window = &sentence[window_start..trigger];
    // "no casualties" negates the casualties, not the attack; a negation
    // past a comma belongs to another clause.
    lex.negation.find(window).iter().any(|&(_, s, _)| {
        let rest = &window[s..];
        !rest.contains(',')
    })
}

pub(super) fn hypothetical(lex: &Lexicon, sentence: &str, trigger: usize, dates: &[Span]) -> bool {
    // "on 12 May 2024": a month is no modal verb.
    let in_date = |start: usize| dates.iter().any(|d| d.start <= start && start < d.end);
    let window_start = sentence.floor_char_boundary(trigger.saturating_sub(60));
    let after_end = sentence.ceil_char_boundary((trigger + 60).min(sentence.len()));
    lex.hypothetical
        .find(&sentence[window_start..trigger])
        .iter()
        .any(|&(_, s, _)| !in_date(window_start + s))
        || lex
            .hypothetical
            .find(&sentence[trigger..after_end])
            .iter()
            .any(|&(_, s, _)| s < 45 && !in_date(trigger + s))
}

/// A participle used as an adjective names no act: "rescued 16 kidnapped
/// victims", "freed the abducted students". A count or a determiner right
/// before it gives it away; "were kidnapped" stays a verb.
pub(super) fn adjectival(sentence: &str, start: usize, end: usize) -> bool {
    let word = &sentence[start..end];
    if word.contains(' ') || !word.ends_with("ed") {
        return false;
    }
    let previous = sentence[..start]
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    previous.chars().all(|c| c.is_ascii_digit()) && !previous.is_empty()
        || DETERMINERS.contains(&previous.as_str())
}
