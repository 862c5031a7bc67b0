//! Cross-report resolution: when are two coded events one occurrence?
//!
//! Reports retell the same battle or bombing with different words, dates at
//! different precision and places spelt differently. Two records are merged
//! only when every test below passes, and each test writes one line of the
//! explanation stored with the link, so `watchfloor event ID` can say why:
//!
//! - they come from different reports (one report codes one occurrence once);
//! - same ACLED event type (sub-types may differ: one outlet's "IED" is
//!   another's "suicide bomb"; the difference is recorded);
//! - same country;
//! - dates agree within their precision: two day dates at most
//!   [`MergeRules::day_slack`] days apart (an occurrence may span consecutive
//!   days), otherwise the coarser date contains the finer one;
//! - places agree: within [`MergeRules::exact_km`] when both are exact,
//!   [`MergeRules::province_km`] when either is only a province; a
//!   country-level place agrees with any place in the country, but then a
//!   named actor must agree too, so two vague records do not fuse;
//! - actors agree side by side (for battles either way round): names equal,
//!   one a branch of the other ([`MergeRules::parents`]), or one side unknown.
//!   Two different named actors on one side keep the records apart.
//!
//! A new record joins a canonical event only when it agrees with every record
//! already in it (complete linkage), so chains of near matches cannot drift.

use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};
use watchfloor_model::{DatePrecision, Event, EventType, PartialDate};
use watchfloor_text::{distance_km, fold_alnum};

/// Thresholds and knowledge the merge tests use.
#[derive(Debug, Clone)]
pub struct MergeRules {
    /// Largest distance between two exactly placed records of one occurrence.
    pub exact_km: f64,
    /// Largest distance when either record is placed only at province level.
    pub province_km: f64,
    /// Largest gap in days between two day-precision dates.
    pub day_slack: i64,
    /// Actor name → its parent organisation's name (`JNIM` → `al-Qaeda`), so
    /// a branch and its parent named by two outlets still agree.
    pub parents: HashMap<String, String>,
    /// Names that stand for an actor the text does not name ("Unidentified
    /// Armed Group (Mali)"): they agree with anyone, like a missing actor.
    pub unnamed: HashSet<String>,
    /// Actor name → its camp in a battle: [`Camp::State`] for state forces
    /// and the foreign forces and contractors fighting beside them,
    /// [`Camp::Insurgent`] for rebels, jihadists and militias. Two reports
    /// may name different members of one side of a battle ("the Malian army"
    /// and "Wagner"): they still agree when the other side matches by name.
    pub camps: HashMap<String, Camp>,
}

impl MergeRules {
    /// The rules the actor catalogue implies, with the default thresholds:
    /// each actor's affiliation (branch → parent name), the names that stand
    /// for an unnamed actor (kind `unidentified`), and the camp each armed
    /// actor fights in (state forces and private military companies on the
    /// state's side; rebels, jihadists and separatists on the insurgents').
    /// The one place merge rules are built from the catalogue.
    pub fn from_catalogue(cat: &watchfloor_actors::Catalogue) -> MergeRules {
        use watchfloor_actors::ActorKind;
        let mut rules = MergeRules::default();
        for a in cat.actors() {
            if a.kind == ActorKind::Unidentified {
                rules.unnamed.insert(a.name.clone());
            }
            if let Some(parent) = a.affiliation.as_deref().and_then(|id| cat.get(id)) {
                rules.parents.insert(a.name.clone(), parent.name.clone());
            }
            let camp = match a.kind {
                ActorKind::StateForce | ActorKind::PrivateMilitary => Some(Camp::State),
                ActorKind::Rebel | ActorKind::Islamist | ActorKind::Separatist => {
                    Some(Camp::Insurgent)
                }
                _ => None,
            };
            if let Some(camp) = camp {
                rules.camps.insert(a.name.clone(), camp);
            }
        }
        rules
    }

    /// A digest of every threshold and every piece of knowledge the merge
    /// tests read. Stores keep the fingerprint their links were made under;
    /// a different one means the links must be redone
    /// ([`crate::Store::relink`]).
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(format!(
            "v1 {} {} {}\n",
            self.exact_km, self.province_km, self.day_slack
        ));
        let mut parents: Vec<_> = self.parents.iter().collect();
        parents.sort();
        for (child, parent) in parents {
            h.update(format!("p {child}\t{parent}\n"));
        }
        let mut unnamed: Vec<_> = self.unnamed.iter().collect();
        unnamed.sort();
        for u in unnamed {
            h.update(format!("u {u}\n"));
        }
        let mut camps: Vec<_> = self.camps.iter().collect();
        camps.sort_by(|a, b| a.0.cmp(b.0));
        for (actor, camp) in camps {
            h.update(format!("c {actor}\t{camp:?}\n"));
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Which side of a war an armed actor fights on, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Camp {
    State,
    Insurgent,
}

impl Default for MergeRules {
    fn default() -> Self {
        MergeRules {
            exact_km: 50.0,
            province_km: 150.0,
            day_slack: 2,
            parents: HashMap::new(),
            unnamed: HashSet::new(),
            camps: HashMap::new(),
        }
    }
}

/// The fields of a record the merge tests read.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    pub report_id: i64,
    pub event: &'a Event,
}

/// First and last day (days from CE) a partial date may mean.
pub fn day_range(d: &PartialDate) -> (i64, i64) {
    let lo = d.date;
    let hi = match d.precision {
        DatePrecision::Day => lo,
        DatePrecision::Month => {
            let (y, m) = if lo.month() == 12 {
                (lo.year() + 1, 1)
            } else {
                (lo.year(), lo.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)
                .and_then(|n| n.pred_opt())
                .unwrap_or(lo)
        }
        DatePrecision::Year => NaiveDate::from_ymd_opt(lo.year(), 12, 31).unwrap_or(lo),
    };
    (lo.num_days_from_ce() as i64, hi.num_days_from_ce() as i64)
}

/// Precision rank of a record's place: 0 exact, 1 province, 2 country only.
pub fn place_rank(e: &Event) -> u8 {
    if e.latitude.is_none() || e.longitude.is_none() {
        return 2;
    }
    match e.geo_precision.as_deref() {
        Some("country") => 2,
        Some("province") => 1,
        _ => 0,
    }
}

/// How one side's actors agree, and whether a named actor matched.
type Side = (String, bool);

/// Why two actors on one side agree, or `None` when they conflict.
fn actor_agreement(a: &Option<String>, b: &Option<String>, rules: &MergeRules) -> Option<Side> {
    let named = |x: &Option<String>| x.clone().filter(|n| !rules.unnamed.contains(n));
    match (&named(a), &named(b)) {
        (None, None) => Some(("both unknown".into(), false)),
        (Some(x), None) | (None, Some(x)) => Some((format!("{x} vs unknown"), false)),
        (Some(x), Some(y)) if fold_alnum(x) == fold_alnum(y) => {
            Some((format!("{x} on both"), true))
        }
        (Some(x), Some(y)) => {
            if is_ancestor(y, x, rules) {
                Some((format!("{x} is part of {y}"), true))
            } else if is_ancestor(x, y, rules) {
                Some((format!("{y} is part of {x}"), true))
            } else {
                None
            }
        }
    }
}

/// Two different named actors fighting in one camp of a battle.
fn allies(a: &Option<String>, b: &Option<String>, rules: &MergeRules) -> Option<Side> {
    let (x, y) = (a.as_ref()?, b.as_ref()?);
    let (cx, cy) = (rules.camps.get(x)?, rules.camps.get(y)?);
    (cx == cy).then(|| (format!("{x} alongside {y}"), false))
}

/// Whether `ancestor` is `name`'s parent, grandparent, … (cycles cut at 8).
fn is_ancestor(ancestor: &str, name: &str, rules: &MergeRules) -> bool {
    let target = fold_alnum(ancestor);
    let mut cur = name.to_string();
    for _ in 0..8 {
        match rules.parents.get(&cur) {
            Some(p) if fold_alnum(p) == target => return true,
            Some(p) => cur = p.clone(),
            None => return false,
        }
    }
    false
}

/// Tests whether `a` and `b` may be one occurrence. `Ok` carries one line per
/// test passed; `Err` names the first test that failed.
pub fn compatible(
    a: &Record<'_>,
    b: &Record<'_>,
    rules: &MergeRules,
) -> Result<Vec<String>, String> {
    let (ea, eb) = (a.event, b.event);
    let mut why = Vec::new();
    if a.report_id == b.report_id {
        return Err("same report: a report codes each occurrence once".into());
    }
    if ea.event_type != eb.event_type {
        return Err(format!(
            "event types differ ({} vs {})",
            ea.event_type.as_str(),
            eb.event_type.as_str()
        ));
    }
    if ea.sub_event_type == eb.sub_event_type {
        why.push(format!(
            "same type: {} / {}",
            ea.event_type.as_str(),
            ea.sub_event_type
        ));
    } else {
        why.push(format!(
            "same type: {} (sub-types {} vs {})",
            ea.event_type.as_str(),
            ea.sub_event_type,
            eb.sub_event_type
        ));
    }
    if !ea.country.eq_ignore_ascii_case(&eb.country) {
        return Err(format!(
            "countries differ ({} vs {})",
            ea.country, eb.country
        ));
    }
    // Dates.
    let (alo, ahi) = day_range(&ea.event_date);
    let (blo, bhi) = day_range(&eb.event_date);
    if ea.date_precision == DatePrecision::Day && eb.date_precision == DatePrecision::Day {
        let gap = (alo - blo).abs();
        if gap > rules.day_slack {
            return Err(format!(
                "dates {} and {} are {gap} days apart",
                ea.event_date, eb.event_date
            ));
        }
        why.push(if gap == 0 {
            format!("same day {}", ea.event_date)
        } else {
            format!(
                "dates {} and {} within {} days",
                ea.event_date, eb.event_date, rules.day_slack
            )
        });
    } else {
        let contains = (alo <= blo && bhi <= ahi) || (blo <= alo && ahi <= bhi);
        if !contains {
            return Err(format!(
                "dates {} and {} do not overlap at their precision",
                ea.event_date, eb.event_date
            ));
        }
        why.push(format!(
            "dates {} and {} agree at their precision",
            ea.event_date, eb.event_date
        ));
    }
    // Places.
    let (ra, rb) = (place_rank(ea), place_rank(eb));
    let vague_place = ra == 2 || rb == 2;
    if vague_place {
        why.push(format!(
            "{} and {} in the same country {}",
            ea.location, eb.location, ea.country
        ));
    } else {
        let d = distance_km(
            ea.latitude.unwrap_or_default(),
            ea.longitude.unwrap_or_default(),
            eb.latitude.unwrap_or_default(),
            eb.longitude.unwrap_or_default(),
        );
        let limit = if ra == 0 && rb == 0 {
            rules.exact_km
        } else {
            rules.province_km
        };
        if d > limit {
            return Err(format!(
                "{} and {} are {d:.0} km apart (limit {limit:.0} km)",
                ea.location, eb.location
            ));
        }
        why.push(format!(
            "{} and {} are {d:.1} km apart (limit {limit:.0} km)",
            ea.location, eb.location
        ));
    }
    // Actors, side by side; battles may name the sides either way round, and
    // name different allies on one side.
    let battle = ea.event_type == EventType::Battles;
    let side = |x: &Option<String>, y: &Option<String>| {
        actor_agreement(x, y, rules).or_else(|| if battle { allies(x, y, rules) } else { None })
    };
    let straight = side(&ea.actor1, &eb.actor1).zip(side(&ea.actor2, &eb.actor2));
    let crossed = if battle {
        side(&ea.actor1, &eb.actor2).zip(side(&ea.actor2, &eb.actor1))
    } else {
        None
    };
    // Allies on one side count only when the other side agrees by name.
    let allied_alone = |p: &Option<(Side, Side)>| {
        p.as_ref().is_some_and(|((s1, n1), (s2, n2))| {
            (s1.contains(" alongside ") && !n2) || (s2.contains(" alongside ") && !n1)
        })
    };
    let straight = if allied_alone(&straight) {
        None
    } else {
        straight
    };
    let crossed = if allied_alone(&crossed) {
        None
    } else {
        crossed
    };
    let named = |p: &Option<(Side, Side)>| p.as_ref().map_or(0, |(x, y)| x.1 as u8 + y.1 as u8);
    // Reading the sides crossed is only evidence when a named actor then agrees.
    let crossed = if named(&crossed) > 0 { crossed } else { None };
    let (sides, swapped) = match (&straight, &crossed) {
        (Some(_), Some(_)) if named(&crossed) > named(&straight) => (crossed.clone(), true),
        (Some(_), _) => (straight.clone(), false),
        (None, Some(_)) => (crossed.clone(), true),
        (None, None) => {
            return Err(format!(
                "actors conflict ({} / {} vs {} / {})",
                ea.actor1.as_deref().unwrap_or("-"),
                ea.actor2.as_deref().unwrap_or("-"),
                eb.actor1.as_deref().unwrap_or("-"),
                eb.actor2.as_deref().unwrap_or("-")
            ))
        }
    };
    let ((s1, n1), (s2, n2)) = sides.expect("one side pairing agreed");
    if vague_place && !(n1 || n2) {
        return Err("only the country places one record, and no named actor agrees".into());
    }
    let order = if swapped {
        " (sides named the other way round)"
    } else {
        ""
    };
    why.push(format!("actor1: {s1}; actor2: {s2}{order}"));
    Ok(why)
}

/// One figure reported for a canonical event, and who reported it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    pub value: u32,
    pub event_id: i64,
    pub report_title: String,
    /// The citation of the source the figure's sentence came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Low, best and high estimates (as UCDP keeps them) with every figure.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Estimate {
    pub low: Option<u32>,
    /// The median of the reported figures (the lower one of an even count):
    /// robust to one outlet's inflated or partial count.
    pub best: Option<u32>,
    pub high: Option<u32>,
    pub figures: Vec<Figure>,
}

impl Estimate {
    pub fn from_figures(mut figures: Vec<Figure>) -> Estimate {
        if figures.is_empty() {
            return Estimate::default();
        }
        let mut values: Vec<u32> = figures.iter().map(|f| f.value).collect();
        values.sort_unstable();
        figures.sort_by_key(|f| (f.value, f.event_id));
        Estimate {
            low: values.first().copied(),
            best: Some(values[(values.len() - 1) / 2]),
            high: values.last().copied(),
            figures,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use watchfloor_model::Event;

    pub(crate) fn ev(
        date: &str,
        place: (&str, f64, f64),
        a1: Option<&str>,
        a2: Option<&str>,
    ) -> Event {
        let d: PartialDate = date.parse().unwrap();
        Event {
            report_title: "t".into(),
            event_type: EventType::Battles,
            sub_event_type: watchfloor_model::SubEventType::ArmedClash,
            event_date: d,
            date_precision: d.precision,
            country: "ML".into(),
            location: place.0.into(),
            latitude: Some(place.1),
            longitude: Some(place.2),
            geo_precision: Some("exact".into()),
            admin1: None,
            actor1: a1.map(Into::into),
            actor2: a2.map(Into::into),
            fatalities: None,
            injuries: None,
            civilian_targeting: false,
            claims: vec![],
            evidence: vec![],
        }
    }

    fn rec(report_id: i64, e: &Event) -> Record<'_> {
        Record {
            report_id,
            event: e,
        }
    }

    const KIDAL: (&str, f64, f64) = ("Kidal", 18.44, 1.41);
    const NEAR_KIDAL: (&str, f64, f64) = ("Kidal outskirts", 18.50, 1.45);
    const GAO: (&str, f64, f64) = ("Gao", 16.27, -0.04);

    #[test]
    fn same_battle_in_two_reports_merges_with_reasons() {
        let a = ev("2024-07-27", KIDAL, Some("Wagner Group"), Some("CSP-DPA"));
        let b = ev(
            "2024-07-28",
            NEAR_KIDAL,
            Some("CSP-DPA"),
            Some("Wagner Group"),
        );
        let why = compatible(&rec(1, &a), &rec(2, &b), &MergeRules::default()).unwrap();
        let text = why.join("\n");
        assert!(text.contains("within 2 days"), "{text}");
        assert!(text.contains("km apart"), "{text}");
        assert!(text.contains("other way round"), "{text}");
    }

    #[test]
    fn records_of_one_report_never_merge() {
        let a = ev("2024-07-27", KIDAL, None, None);
        assert!(compatible(&rec(1, &a), &rec(1, &a), &MergeRules::default())
            .unwrap_err()
            .contains("same report"));
    }

    #[test]
    fn far_places_distant_dates_and_other_actors_stay_apart() {
        let rules = MergeRules::default();
        let a = ev("2024-07-27", KIDAL, Some("JNIM"), None);
        let far = ev("2024-07-27", GAO, Some("JNIM"), None);
        assert!(compatible(&rec(1, &a), &rec(2, &far), &rules)
            .unwrap_err()
            .contains("km apart"));
        let late = ev("2024-07-31", KIDAL, Some("JNIM"), None);
        assert!(compatible(&rec(1, &a), &rec(2, &late), &rules)
            .unwrap_err()
            .contains("days apart"));
        let other = ev("2024-07-27", KIDAL, Some("ISSP"), None);
        assert!(compatible(&rec(1, &a), &rec(2, &other), &rules)
            .unwrap_err()
            .contains("actors conflict"));
    }

    #[test]
    fn month_precision_contains_day_and_branches_match_parents() {
        let mut rules = MergeRules::default();
        rules.parents.insert("JNIM".into(), "al-Qaeda".into());
        let a = ev("2024-07-27", KIDAL, Some("JNIM"), None);
        let b = ev("2024-07", KIDAL, Some("al-Qaeda"), None);
        let why = compatible(&rec(1, &a), &rec(2, &b), &rules)
            .unwrap()
            .join("\n");
        assert!(why.contains("JNIM is part of al-Qaeda"), "{why}");
        let c = ev("2024-08", KIDAL, Some("JNIM"), None);
        assert!(compatible(&rec(1, &a), &rec(2, &c), &rules).is_err());
    }

    #[test]
    fn allies_on_one_side_of_a_battle_agree_when_the_other_side_matches() {
        let mut rules = MergeRules::default();
        for (name, camp) in [
            ("Military Forces of Mali", Camp::State),
            ("Wagner Group", Camp::State),
            ("CSP-DPA", Camp::Insurgent),
            ("JNIM", Camp::Insurgent),
        ] {
            rules.camps.insert(name.into(), camp);
        }
        let a = ev("2024-07-27", KIDAL, Some("CSP-DPA"), Some("Wagner Group"));
        let b = ev(
            "2024-07-27",
            KIDAL,
            Some("CSP-DPA"),
            Some("Military Forces of Mali"),
        );
        let why = compatible(&rec(1, &a), &rec(2, &b), &rules)
            .unwrap()
            .join("\n");
        assert!(why.contains("alongside"), "{why}");
        // Both sides only allied, no side named alike: not enough.
        let c = ev(
            "2024-07-27",
            KIDAL,
            Some("JNIM"),
            Some("Military Forces of Mali"),
        );
        assert!(compatible(&rec(1, &a), &rec(3, &c), &rules).is_err());
        // Opposite camps never merge on one side.
        let d = ev("2024-07-27", KIDAL, Some("CSP-DPA"), Some("JNIM"));
        assert!(compatible(&rec(1, &a), &rec(4, &d), &rules).is_err());
    }

    #[test]
    fn unnamed_actors_agree_with_anyone() {
        let mut rules = MergeRules::default();
        rules
            .unnamed
            .insert("Unidentified Armed Group (Mali)".into());
        let a = ev(
            "2024-07-27",
            KIDAL,
            Some("Unidentified Armed Group (Mali)"),
            Some("Wagner Group"),
        );
        let b = ev("2024-07-27", KIDAL, Some("CSP-DPA"), Some("Wagner Group"));
        let why = compatible(&rec(1, &a), &rec(2, &b), &rules)
            .unwrap()
            .join("\n");
        assert!(why.contains("CSP-DPA vs unknown"), "{why}");
        assert!(compatible(&rec(1, &a), &rec(2, &b), &MergeRules::default()).is_err());
    }

    #[test]
    fn country_level_place_needs_a_named_actor() {
        let rules = MergeRules::default();
        let a = ev("2024-01-03", KIDAL, None, None);
        let mut b = ev("2024-01-03", ("Mali", 17.0, -4.0), None, None);
        b.geo_precision = Some("country".into());
        assert!(compatible(&rec(1, &a), &rec(2, &b), &rules).is_err());
        let a = ev("2024-01-03", KIDAL, Some("JNIM"), None);
        b.actor1 = Some("JNIM".into());
        assert!(compatible(&rec(1, &a), &rec(2, &b), &rules).is_ok());
    }

    #[test]
    fn estimate_keeps_low_best_high_and_sources() {
        let f = |v, id| Figure {
            value: v,
            event_id: id,
            report_title: format!("r{id}"),
            source: None,
        };
        let e = Estimate::from_figures(vec![f(84, 1), f(131, 2), f(47, 3)]);
        assert_eq!((e.low, e.best, e.high), (Some(47), Some(84), Some(131)));
        assert_eq!(e.figures.len(), 3);
        assert_eq!(Estimate::from_figures(vec![]), Estimate::default());
    }

    #[test]
    fn day_ranges_cover_the_precision() {
        let (lo, hi) = day_range(&"2024-02".parse().unwrap());
        assert_eq!(hi - lo, 28); // leap February
        let (lo, hi) = day_range(&"2024-12".parse().unwrap());
        assert_eq!(hi - lo, 30);
        let (lo, hi) = day_range(&"2023".parse().unwrap());
        assert_eq!(hi - lo, 364);
    }
}
