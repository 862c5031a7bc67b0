//! Merging the readings of one occurrence within a report.

use super::{Candidate, Casualties};
use std::collections::HashMap;
use watchfloor_gazetteer::{PlaceKind, Precision, Resolution};
use watchfloor_model::{DatePrecision, EventType, PartialDate, SubEventType};
use watchfloor_recognize::dates::{Certainty, ResolvedDate};

fn types_compatible(a: &Candidate, b: &Candidate) -> bool {
    // A protest and a riot told together are one demonstration that turned
    // violent (the riot's higher rank names it).
    let demonstration =
        |c: &Candidate| matches!(c.event_type, EventType::Protests | EventType::Riots);
    a.generic
        || b.generic
        || demonstration(a) && demonstration(b)
        || (a.event_type == b.event_type
            && (a.sub_type == b.sub_type
                || a.event_type == EventType::ExplosionsRemoteViolence
                    && is_bombing(a.sub_type)
                    && is_bombing(b.sub_type)))
}

/// Whether two candidates can be one occurrence.
fn compatible(a: &Candidate, b: &Candidate, related: &Related<'_>) -> bool {
    if !types_compatible(a, b) {
        return false;
    }
    let places = match (&a.place, &b.place) {
        (Some(p), Some(q)) => {
            if p.country != q.country {
                false
            } else if p.precision == Precision::Exact
                && q.precision == Precision::Exact
                && !a.place_weak
                && !b.place_weak
            {
                same_place(p, q)
            } else {
                // A town and a province, or two provinces: the same first-level
                // division, where both are known ("Azzan" is not in "the Abyan
                // Governorate").
                p.precision == Precision::Country
                    || q.precision == Precision::Country
                    || a.place_weak
                    || b.place_weak
                    || match (&p.admin1, &q.admin1) {
                        (Some(x), Some(y)) => x == y,
                        _ => true,
                    }
            }
        }
        _ => true,
    };
    if !places || two_targets(a, b) || !agents_compatible(a, b, related) {
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
    // One paragraph telling of Monday and then of Tuesday tells of two days.
    let day = |c: &Candidate| c.date.filter(|d| d.date.precision == DatePrecision::Day);
    if let (Some(x), Some(y)) = (day(a), day(b)) {
        if a.block == b.block && x.date != y.date {
            return false;
        }
    }
    match (a.date, b.date) {
        (Some(x), Some(y)) => dates_compatible_with(x, y, retelling),
        _ => true,
    }
}

/// One sentence telling of two named targets tells of two occurrences
/// ("two attacks on the police and the Levies").
fn two_targets(a: &Candidate, b: &Candidate) -> bool {
    a.order == b.order
        && a.actor2_named
        && b.actor2_named
        && a.actor2.is_some()
        && a.actor2 != b.actor2
}

/// Which actors are one organisation under two names: a branch and its
/// parent (by the catalogue's affiliations), either way round.
pub(super) struct Related<'a> {
    pub parents: &'a HashMap<String, String>,
}

impl Related<'_> {
    fn same_organisation(&self, a: &str, b: &str) -> bool {
        let descends = |from: &str, to: &str| {
            let mut at = from;
            for _ in 0..8 {
                if at == to {
                    return true;
                }
                match self.parents.get(at) {
                    Some(p) => at = p,
                    None => return false,
                }
            }
            false
        };
        descends(a, b) || descends(b, a)
    }
}

/// Readings whose named agents are different organisations, neither agent
/// taking part in the other reading, tell of two occurrences: "insurgents
/// beheaded four villagers" and, two days later, "Rwandan forces repulsed
/// an assault".
fn agents_compatible(a: &Candidate, b: &Candidate, related: &Related<'_>) -> bool {
    let named = |c: &Candidate| c.actor1.clone().filter(|_| c.actor1_named);
    let (Some(x), Some(y)) = (named(a), named(b)) else {
        return true;
    };
    let takes_part = |name: &str, c: &Candidate| {
        [c.actor1.as_deref(), c.actor2.as_deref()]
            .into_iter()
            .flatten()
            .any(|n| related.same_organisation(name, n))
    };
    takes_part(&x, b) || takes_part(&y, a)
}

/// Two resolutions of one place: the same record, a spelling of it a few
/// kilometres off, or a quarter and its city. Neighbouring towns are
/// different places.
pub(super) fn same_place(p: &Resolution, q: &Resolution) -> bool {
    let km = watchfloor_gazetteer::distance_km(p.latitude, p.longitude, q.latitude, q.longitude);
    // A quarter or landmark lies within its city: "Kabul" and "Dasht-e Barchi".
    let within = |inner: &Resolution, outer: &Resolution| {
        matches!(inner.kind, PlaceKind::District | PlaceKind::Landmark)
            && matches!(outer.kind, PlaceKind::Populated | PlaceKind::Admin2)
    };
    p.name == q.name || km < 5.0 || ((within(p, q) || within(q, p)) && km < 25.0)
}

fn is_bombing(sub: SubEventType) -> bool {
    matches!(
        sub,
        SubEventType::SuicideBomb | SubEventType::RemoteExplosiveLandmineIed
    )
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
pub(super) fn merge(candidates: Vec<Candidate>, related: &Related<'_>) -> Vec<Candidate> {
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
                && !two_targets(m, &c)
                && (types_compatible(m, &c) || c.anaphoric)
                && match (m.date, c.date) {
                    // Within a paragraph, two named days are two days.
                    (Some(x), Some(y))
                        if x.date.precision == DatePrecision::Day
                            && y.date.precision == DatePrecision::Day =>
                    {
                        x.date == y.date
                    }
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
                && !two_targets(m, &c)
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
        // A generic reading's sub-type ("the attack") is a default, not a
        // likeness: it joins the nearest reading, earlier ones first.
        let same_block = if c.generic {
            nearest(&in_block, false)
        } else {
            nearest(&in_block, true)
                .or_else(|| nearest(&in_country, true))
                .or_else(|| nearest(&in_block, false))
        };
        let same_country = nearest(&in_country, false);
        let target = same_block.or(same_country).or_else(|| {
            out.iter()
                .enumerate()
                .filter(|(_, m)| compatible(m, &c, related))
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

/// Folds reading `c` into `into`, one occurrence: each field keeps the
/// stronger of the two readings' words on it.
fn absorb(into: &mut Candidate, c: Candidate) {
    absorb_type(into, &c);
    absorb_date_and_place(into, &c);
    absorb_sides(into, &c);
    absorb_figures(into, &c);
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

/// The higher-ranked trigger names the type; "Gunmen raided a settlement.
/// Four farmers were shot dead": a raid with no armed side opposing it,
/// whose victims another sentence names as civilians, is an attack on
/// civilians.
fn absorb_type(into: &mut Candidate, c: &Candidate) {
    let unopposed = |x: &Candidate| {
        x.event_type == EventType::Battles
            && x.sub_type == SubEventType::ArmedClash
            && x.actor2.is_none()
    };
    let on_civilians = |x: &Candidate| {
        x.vague
            && x.event_type == EventType::ViolenceAgainstCivilians
            && x.sub_type == SubEventType::Attack
    };
    if unopposed(into) && on_civilians(c) {
        into.event_type = c.event_type;
        into.sub_type = c.sub_type;
        into.rank = into.rank.max(c.rank);
        into.civilian = true;
        into.patient_known = true;
    }
    if c.rank > into.rank {
        into.event_type = c.event_type;
        into.sub_type = c.sub_type;
        into.rank = c.rank;
        into.generic = c.generic;
    }
}

/// The firmest date wins (between equals, an excerpt's: its source is
/// dated); the finest place the text gives as where it happened wins over a
/// finer one it gives only as an origin or destination.
fn absorb_date_and_place(into: &mut Candidate, c: &Candidate) {
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
    if (!c.place_weak, rank(&c.place)) > (!into.place_weak, rank(&into.place)) {
        into.place = c.place.clone();
        into.place_weak = c.place_weak;
    }
}

/// A claimant settles who acted; a named side beats an unnamed one, but a
/// vague reading only fills gaps in a precise one; no side is its own
/// target; who was targeted comes from the first reading that says so.
fn absorb_sides(into: &mut Candidate, c: &Candidate) {
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
    if ((c.actor2_named && !into.actor2_named && !weaker) || into.actor2.is_none())
        && c.actor2.is_some()
        && c.actor2 != into.actor1
    {
        into.actor2 = c.actor2.clone();
        into.actor2_named = c.actor2_named;
        into.actor2_unarmed_named = c.actor2_unarmed_named;
    }
    if !into.patient_known && c.patient_known {
        into.civilian = c.civilian;
        into.patient_known = true;
    }
}

/// The first precise figure in reading order stands (a decision has none).
fn absorb_figures(into: &mut Candidate, c: &Candidate) {
    if into.event_type == EventType::StrategicDevelopments {
        return;
    }
    let (first, second) = if c.order < into.order {
        (&c.casualties, &into.casualties)
    } else {
        (&into.casualties, &c.casualties)
    };
    into.casualties = Casualties {
        fatalities: first.fatalities.or(second.fatalities),
        injuries: first.injuries.or(second.injuries),
    };
}
