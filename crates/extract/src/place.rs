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
pub(super) fn best_place(
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
        .map(|(p, origin, _)| (p.place.clone(), origin))
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
}
