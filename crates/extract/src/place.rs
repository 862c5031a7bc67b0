//! Where a frame happened: choosing among the places of its clause.

use watchfloor_gazetteer::{PlaceKind, Precision, Resolution};
use watchfloor_recognize::PlaceInText;

/// Where a frame happened, read from the places in its sentence.
///
/// The most precise place wins (a town over its country), then one that a
/// locative introduces ("in", "near", "the village of"), then the nearest to
/// the trigger. Some places are not where anything happened: a possessive
/// country ("Morocco's view"), the seat of an actor ("the Taliban government
/// in Kabul"), and an origin ("from Quetta"), which serves only when nothing
/// else does and is then `weak`.
/// How the text places the event relative to the place it names, which
/// decides ACLED's geo-precision code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Vicinity {
    /// At the place ("in Gao").
    #[default]
    At,
    /// Near it or on its edge ("near Gao", "on the outskirts of Gao").
    Near,
    /// A distance away ("about 100 km from Gao", "30 km north of Gao").
    Away,
}

/// The vicinity the words just before a place mention give it.
pub(crate) fn vicinity(text: &str, start: usize) -> Vicinity {
    let before = text[..start].trim_end();
    let window = &before[before.floor_char_boundary(before.len().saturating_sub(40))..];
    let words: Vec<String> = window
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // "100 km from", "thirty kilometres north-east of", "several miles
    // from": a number (the recognizer's reader: digits, words, vague
    // quantities) followed by a unit, or both in one token ("25km").
    let away = watchfloor_recognize::numbers::find(window).iter().any(|n| {
        let after = window[n.span.end..].trim_start();
        let unit = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        DISTANCE_UNITS.contains(&unit.to_lowercase().as_str())
    }) || words[words.len().saturating_sub(4)..].iter().any(|w| {
        let unit = w.trim_start_matches(|c: char| c.is_ascii_digit());
        unit.len() < w.len() && DISTANCE_UNITS.contains(&unit)
    });
    if away {
        return Vicinity::Away;
    }
    // "near Gao", "on the outskirts of Gao", "close to Gao": the first word
    // back from the place that is not a filler decides.
    let deciding = words
        .iter()
        .rev()
        .find(|w| !NEAR_FILLERS.contains(&w.as_str()));
    if deciding.is_some_and(|w| NEAR_WORDS.contains(&w.as_str())) {
        return Vicinity::Near;
    }
    Vicinity::At
}

pub(super) fn best_place(
    text: &str,
    places: &[PlaceInText],
    actors: &[watchfloor_actors::ActorMention],
    trigger: usize,
) -> Option<(Resolution, bool, Vicinity)> {
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
                    let ruling = RULING_NOUNS.iter().any(|w| surface.ends_with(w));
                    SEAT_LINKS.contains(&between.as_str())
                        || (ruling && matches!(between.as_str(), "in" | "in the"))
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
        .map(|(p, origin, _)| (p.place.clone(), origin, vicinity(text, p.span.start)))
}

crate::words::words! {
    /// Verbs whose object is a party, not a place: "accused Kyiv".
    pub(super) METONYMIC_VERBS = places.metonymic_verbs;
}

crate::words::words! {
    /// Words that introduce where something happened.
    pub(super) LOCATIVES = places.locatives;
    SEAT_LINKS = places.seat_links;
    RULING_NOUNS = places.ruling_nouns;
    /// Words that put an event near a place rather than at it.
    NEAR_WORDS = places.near_words;
    /// Words that may stand between a near-word and its place ("the outskirts of").
    NEAR_FILLERS = places.near_fillers;
    /// Units of a distance from a place ("100 km from").
    DISTANCE_UNITS = places.distance_units;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_before_a_place_say_how_near_the_event_was() {
        let at = |t: &str| vicinity(t, t.len());
        assert_eq!(at("Gunmen attacked a post in "), Vicinity::At);
        assert_eq!(at("an ambush near "), Vicinity::Near);
        assert_eq!(at("clashes on the outskirts of "), Vicinity::Near);
        assert_eq!(at("a checkpoint about 100 km from "), Vicinity::Away);
        assert_eq!(at("a village 30 kilometres north-east of "), Vicinity::Away);
        assert_eq!(at("a camp 25km south of "), Vicinity::Away);
        assert_eq!(at("a post some four kilometres from "), Vicinity::Away);
        assert_eq!(at("a camp several miles from "), Vicinity::Away);
        assert_eq!(at("killing 100 people in "), Vicinity::At);
        assert_eq!(at("killing around 20 people in "), Vicinity::At);
        assert_eq!(at("a raid close to "), Vicinity::Near);
    }
}
