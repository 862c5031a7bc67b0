//! Event filters as a person writes them — command-line options
//! (`watchfloor events --actor JNIM --country Mali`) or URL query parameters
//! (`/api/events?actor=JNIM&country=Mali`) — turned into an [`EventFilter`].
//!
//! One reading for every front end, so the CLI and the HTTP API accept the
//! same names, countries, types and boxes and refuse the same mistakes with
//! the same words; only the way a parameter is named in a message differs
//! (`--bbox` on the command line, `bbox` in a URL), which the caller passes.

use crate::{EventFilter, Sort};
use watchfloor_actors::Catalogue;
use watchfloor_model::{EventType, PartialDate, SubEventType};

/// Filters as typed. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct FilterSpec {
    /// Actors on either side, by any name or alias the catalogue knows.
    pub actor: Vec<String>,
    /// ISO alpha-2 codes or English country names.
    pub country: Vec<String>,
    /// First-level divisions.
    pub province: Vec<String>,
    /// An ACLED event type, any case.
    pub event_type: Option<String>,
    pub sub_type: Option<String>,
    pub from: Option<PartialDate>,
    /// A month or year means its last day.
    pub to: Option<PartialDate>,
    /// `west,south,east,north`.
    pub bbox: Option<String>,
    pub min_fatalities: Option<u32>,
    /// Claimants, by any name or alias.
    pub claimed_by: Vec<String>,
    pub sort: Sort,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// A filter the store cannot use, with the message to show. The message
/// names the parameter the way the caller's `name` function spelled it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// The parameter at fault, as the spec's field is called (`bbox`,
    /// `event_type`, `country`).
    pub param: &'static str,
    pub message: String,
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FilterError {}

impl FilterSpec {
    /// Whether any filter (not sort or paging) is set.
    pub fn any(&self) -> bool {
        !self.actor.is_empty()
            || !self.country.is_empty()
            || !self.province.is_empty()
            || self.event_type.is_some()
            || self.sub_type.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.bbox.is_some()
            || self.min_fatalities.is_some()
            || !self.claimed_by.is_empty()
    }

    /// The store filter, with actor names resolved through the catalogue.
    /// `name` spells a parameter for messages (`|p| format!("--{p}")`).
    pub fn resolve(
        &self,
        catalogue: &Catalogue,
        name: impl Fn(&'static str) -> String,
    ) -> Result<EventFilter, FilterError> {
        let countries = self
            .country
            .iter()
            .map(|c| country_code(catalogue, c))
            .collect::<Result<Vec<_>, _>>()?;
        let bbox = match &self.bbox {
            Some(b) => Some(parse_bbox(b, &name("bbox"))?),
            None => None,
        };
        Ok(EventFilter {
            actors: self
                .actor
                .iter()
                .flat_map(|a| actor_names(catalogue, a))
                .collect(),
            countries,
            admin1: self.province.clone(),
            event_type: self.event_type.as_deref().map(event_type).transpose()?,
            sub_event_type: self
                .sub_type
                .as_deref()
                .map(|s| sub_event_type(s).map(|s| s.as_str().to_string()))
                .transpose()?,
            from: self.from.map(|d| d.date),
            to: self.to.map(last_day),
            bbox,
            min_fatalities: self.min_fatalities,
            claimed_by: self
                .claimed_by
                .iter()
                .flat_map(|a| actor_names(catalogue, a))
                .collect(),
            sort: self.sort,
            limit: self.limit,
            offset: self.offset,
            ..EventFilter::default()
        })
    }
}

/// The last day a date may mean (`2024-03` → 31 March 2024).
fn last_day(d: PartialDate) -> chrono::NaiveDate {
    let (_, hi) = crate::resolve::day_range(&d);
    chrono::NaiveDate::from_num_days_from_ce_opt(hi as i32).unwrap_or(d.date)
}

fn event_type(t: &str) -> Result<EventType, FilterError> {
    EventType::parse(t).ok_or_else(|| FilterError {
        param: "event_type",
        message: format!(
            "unknown event type `{t}`: use one of Battles, \"Explosions/Remote violence\", \
             \"Violence against civilians\", Protests, Riots, \"Strategic developments\""
        ),
    })
}

fn sub_event_type(s: &str) -> Result<SubEventType, FilterError> {
    SubEventType::parse(s).ok_or_else(|| {
        let names: Vec<&str> = SubEventType::all().map(|s| s.as_str()).collect();
        FilterError {
            param: "sub_type",
            message: format!(
                "unknown sub-event type `{s}`: use one of ACLED's: \"{}\"",
                names.join("\", \"")
            ),
        }
    })
}

/// An ISO alpha-2 code for a code or English name. An unknown two-letter
/// code is kept as typed: the store may hold countries the catalogue does
/// not describe.
fn country_code(catalogue: &Catalogue, c: &str) -> Result<String, FilterError> {
    if c.len() == 2 && catalogue.country(c).is_some() {
        Ok(c.to_ascii_uppercase())
    } else if let Some(found) = catalogue.country_of(c) {
        Ok(found.iso2.clone())
    } else if c.len() == 2 {
        Ok(c.to_ascii_uppercase())
    } else {
        Err(FilterError {
            param: "country",
            message: format!(
                "unknown country `{c}`: give its ISO 3166-1 alpha-2 code (ML, NG, IR) or English name"
            ),
        })
    }
}

/// The stored name an actor argument stands for: the canonical name of the
/// best catalogue match (events store canonical names), or the text as
/// typed for names the catalogue does not know. One name keeps the actor
/// filter on a single ordered index range.
pub fn actor_names(catalogue: &Catalogue, name: &str) -> Vec<String> {
    match catalogue.lookup(name).first() {
        Some(a) => vec![a.name.clone()],
        None => vec![name.to_string()],
    }
}

/// `west,south,east,north` in decimal degrees, checked for range and order.
pub fn parse_bbox(s: &str, param: &str) -> Result<[f64; 4], FilterError> {
    let bad = |why: &str| FilterError {
        param: "bbox",
        message: format!("bad {param} `{s}`: {why}"),
    };
    let parts: Option<Vec<f64>> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect();
    let Some([w, so, e, n]) = parts.and_then(|p| <[f64; 4]>::try_from(p).ok()) else {
        return Err(bad("give four numbers west,south,east,north"));
    };
    let lon = -180.0..=180.0;
    let lat = -90.0..=90.0;
    if !lon.contains(&w)
        || !lon.contains(&e)
        || !lat.contains(&so)
        || !lat.contains(&n)
        || so > n
        || w > e
    {
        return Err(bad(
            "need -180 ≤ west ≤ east ≤ 180 and -90 ≤ south ≤ north ≤ 90",
        ));
    }
    Ok([w, so, e, n])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::load_default().unwrap()
    }

    #[test]
    fn names_resolve_to_codes_and_canonical_actors() {
        let spec = FilterSpec {
            country: vec!["Mali".into(), "ng".into()],
            event_type: Some("battles".into()),
            to: Some("2024-02".parse().unwrap()),
            ..FilterSpec::default()
        };
        let f = spec.resolve(&catalogue(), |p| p.to_string()).unwrap();
        assert_eq!(f.countries, ["ML", "NG"]);
        assert_eq!(f.event_type, Some(EventType::Battles));
        assert_eq!(f.to, chrono::NaiveDate::from_ymd_opt(2024, 2, 29));
    }

    #[test]
    fn mistakes_name_the_parameter_as_the_caller_spells_it() {
        let spec = FilterSpec {
            bbox: Some("1,2,3".into()),
            ..FilterSpec::default()
        };
        let err = spec
            .resolve(&catalogue(), |p| format!("--{p}"))
            .unwrap_err();
        assert_eq!(err.param, "bbox");
        assert!(err.message.contains("bad --bbox `1,2,3`"), "{err}");
        let spec = FilterSpec {
            country: vec!["Narnia".into()],
            ..FilterSpec::default()
        };
        let err = spec.resolve(&catalogue(), |p| p.to_string()).unwrap_err();
        assert!(err.message.contains("unknown country `Narnia`"), "{err}");
        assert!(parse_bbox("10,20,5,30", "bbox").is_err());
        assert_eq!(
            parse_bbox("-10, -5, 10, 5", "bbox").unwrap(),
            [-10.0, -5.0, 10.0, 5.0]
        );
    }
}
