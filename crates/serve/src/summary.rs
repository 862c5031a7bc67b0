//! Aggregates over the matching occurrences: the timeline's buckets, the
//! actor network, and actors with their counts. Each counts occurrences
//! (canonical events), as the map and the table show them, so the views
//! agree with each other.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use watchfloor_model::Stance;
use watchfloor_store::CanonicalEvent;

/// Timeline bucket width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// Weeks starting on Monday.
    Week,
    Month,
}

impl Bucket {
    pub fn parse(s: Option<&str>) -> Result<Bucket, String> {
        match s {
            None | Some("month") => Ok(Bucket::Month),
            Some("week") => Ok(Bucket::Week),
            Some(other) => Err(format!("`bucket` must be week or month, not `{other}`")),
        }
    }

    fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
            Bucket::Month => d.with_day(1).unwrap_or(d),
        }
    }

    fn next(self, d: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Week => d + Duration::days(7),
            Bucket::Month => d
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX),
        }
    }
}

/// The most buckets a timeline fills in between its first and last event;
/// past that only buckets with events are listed.
const MAX_FILLED: usize = 5000;

#[derive(Debug, Serialize)]
pub struct TimelineBucket {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// Last day of the bucket.
    pub end: NaiveDate,
    pub events: usize,
    /// Sum of the best fatality estimates.
    pub fatalities: u64,
}

#[derive(Debug, Serialize)]
pub struct Timeline {
    pub bucket: Bucket,
    pub total: usize,
    pub buckets: Vec<TimelineBucket>,
}

/// Occurrences per bucket, every bucket from the first to the last event
/// listed (empty ones too) so bars stand at their true place in time. An
/// occurrence known only to the month or year counts in the bucket of its
/// first day.
pub fn timeline(events: &[CanonicalEvent], bucket: Bucket) -> Timeline {
    let mut counts: BTreeMap<NaiveDate, (usize, u64)> = BTreeMap::new();
    for c in events {
        let slot = counts
            .entry(bucket.start(c.event.event_date.date))
            .or_default();
        slot.0 += 1;
        slot.1 += u64::from(c.fatalities.best.unwrap_or(0));
    }
    let mut starts: Vec<NaiveDate> = counts.keys().copied().collect();
    if let (Some(&first), Some(&last)) = (starts.first(), starts.last()) {
        let mut filled = Vec::new();
        let mut d = first;
        while d <= last && filled.len() <= MAX_FILLED {
            filled.push(d);
            d = bucket.next(d);
        }
        if filled.len() <= MAX_FILLED {
            starts = filled;
        }
    }
    let buckets = starts
        .into_iter()
        .map(|start| {
            let (events, fatalities) = counts.get(&start).copied().unwrap_or_default();
            TimelineBucket {
                start,
                end: bucket.next(start).pred_opt().unwrap_or(start),
                events,
                fatalities,
            }
        })
        .collect();
    Timeline {
        bucket,
        total: events.len(),
        buckets,
    }
}

#[derive(Debug, Serialize, Default)]
pub struct Node {
    pub id: String,
    /// Occurrences it took part in (either side).
    pub events: usize,
    /// Claims it made.
    pub claims: usize,
    pub fatalities: u64,
}

#[derive(Debug, Serialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    /// `event` (actor1 → actor2 of an occurrence) or `claim` (claimant →
    /// the side the claim is about).
    pub kind: &'static str,
    /// For claim edges: claim, confirm, deny or accuse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<&'static str>,
    pub count: usize,
    /// The occurrences behind the edge (at most [`EDGE_IDS`]).
    pub event_ids: Vec<String>,
}

/// How many occurrence ids an edge lists.
pub const EDGE_IDS: usize = 50;

#[derive(Debug, Serialize)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

type EdgeKey = (String, String, &'static str, Option<&'static str>);

/// Actors as nodes; an edge from actor1 to actor2 for each pair that met
/// in an occurrence, and one from a claimant to the occurrence's actor1 for
/// each claim made about someone else's act (an accusation, a denial on
/// another's behalf, a confirmation). A claim of one's own act is no edge.
pub fn network(events: &[CanonicalEvent]) -> Network {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    let mut edges: BTreeMap<EdgeKey, (usize, Vec<String>)> = BTreeMap::new();
    let mut add_edge = |key: EdgeKey, id: &str| {
        let e = edges.entry(key).or_default();
        e.0 += 1;
        if e.1.len() < EDGE_IDS {
            e.1.push(id.to_string());
        }
    };
    for c in events {
        let e = &c.event;
        let second = e.actor2.as_ref().filter(|b| Some(*b) != e.actor1.as_ref());
        for a in e.actor1.iter().chain(second) {
            let n = node(&mut nodes, a);
            n.events += 1;
            n.fatalities += u64::from(c.fatalities.best.unwrap_or(0));
        }
        if let (Some(a), Some(b)) = (&e.actor1, &e.actor2) {
            if a != b {
                add_edge((a.clone(), b.clone(), "event", None), &c.public_id);
            }
        }
        for cl in &e.claims {
            node(&mut nodes, &cl.by).claims += 1;
            match &e.actor1 {
                Some(about) if *about != cl.by => {
                    node(&mut nodes, about);
                    add_edge(
                        (
                            cl.by.clone(),
                            about.clone(),
                            "claim",
                            Some(stance_name(cl.stance)),
                        ),
                        &c.public_id,
                    );
                }
                _ => {}
            }
        }
    }
    Network {
        nodes: nodes.into_values().collect(),
        edges: edges
            .into_iter()
            .map(
                |((source, target, kind, stance), (count, event_ids))| Edge {
                    source,
                    target,
                    kind,
                    stance,
                    count,
                    event_ids,
                },
            )
            .collect(),
    }
}

fn stance_name(s: Stance) -> &'static str {
    match s {
        Stance::Claim => "claim",
        Stance::Confirm => "confirm",
        Stance::Deny => "deny",
        Stance::Accuse => "accuse",
    }
}

fn node<'a>(nodes: &'a mut BTreeMap<String, Node>, name: &str) -> &'a mut Node {
    nodes.entry(name.to_string()).or_insert_with(|| Node {
        id: name.to_string(),
        ..Node::default()
    })
}

#[derive(Debug, Serialize)]
pub struct ActorCount {
    pub name: String,
    /// Occurrences it took part in (either side).
    pub events: usize,
    pub as_actor1: usize,
    pub as_actor2: usize,
    /// Claims it made.
    pub claims: usize,
}

/// Every actor of the occurrences, most occurrences first, then by name.
pub fn actors(events: &[CanonicalEvent]) -> Vec<ActorCount> {
    let mut by_name: HashMap<String, ActorCount> = HashMap::new();
    fn entry<'a>(m: &'a mut HashMap<String, ActorCount>, name: &str) -> &'a mut ActorCount {
        m.entry(name.to_string()).or_insert_with(|| ActorCount {
            name: name.to_string(),
            events: 0,
            as_actor1: 0,
            as_actor2: 0,
            claims: 0,
        })
    }
    for c in events {
        let e = &c.event;
        if let Some(a) = &e.actor1 {
            let n = entry(&mut by_name, a);
            n.as_actor1 += 1;
            n.events += 1;
        }
        if let Some(a) = e.actor2.as_ref().filter(|a| Some(*a) != e.actor1.as_ref()) {
            let n = entry(&mut by_name, a);
            n.as_actor2 += 1;
            n.events += 1;
        }
        for cl in &e.claims {
            entry(&mut by_name, &cl.by).claims += 1;
        }
    }
    let mut out: Vec<ActorCount> = by_name.into_values().collect();
    out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.name.cmp(&b.name)));
    out
}
