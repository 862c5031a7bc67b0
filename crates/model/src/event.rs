//! The coded-event layer: what the extract stage adds to a report.
//!
//! The serde form of [`Event`] is the JSON Lines record of
//! `shared/eval/GUIDELINES.md` plus the `evidence` that ties each event to
//! the sentences and sources that asserted it.

use crate::{PartialDate, Section, Span};
use serde::{Deserialize, Serialize};

/// ACLED event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventType {
    #[serde(rename = "Battles")]
    Battles,
    #[serde(rename = "Explosions/Remote violence")]
    ExplosionsRemoteViolence,
    #[serde(rename = "Violence against civilians")]
    ViolenceAgainstCivilians,
    #[serde(rename = "Protests")]
    Protests,
    #[serde(rename = "Riots")]
    Riots,
    #[serde(rename = "Strategic developments")]
    StrategicDevelopments,
}

impl EventType {
    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Battles => "Battles",
            EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
            EventType::ViolenceAgainstCivilians => "Violence against civilians",
            EventType::Protests => "Protests",
            EventType::Riots => "Riots",
            EventType::StrategicDevelopments => "Strategic developments",
        }
    }
    pub fn parse(s: &str) -> Option<EventType> {
        [
            EventType::Battles,
            EventType::ExplosionsRemoteViolence,
            EventType::ViolenceAgainstCivilians,
            EventType::Protests,
            EventType::Riots,
            EventType::StrategicDevelopments,
        ]
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

/// Who asserted an event, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Claim,
    Confirm,
    Deny,
    Accuse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The claimant as named in the text, resolved to a canonical actor name when known.
    pub by: String,
    pub stance: Stance,
    /// The sentence that says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Span>,
}

/// A sentence an event was read from, and where it sits in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub span: Span,
    pub text: String,
    pub section: Section,
    /// The citation of the source whose excerpt holds the sentence, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub report_title: String,
    pub event_type: EventType,
    pub sub_event_type: String,
    /// `YYYY-MM-DD`, or `YYYY-MM` with month precision.
    pub event_date: PartialDate,
    pub date_precision: crate::DatePrecision,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub location: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// How precisely `location` is known: `exact`, `province` or `country`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_precision: Option<String>,
    /// The first-level division (province, region, state) the place lies
    /// in, as the gazetteer knows it: the place itself when it is one. None
    /// for a country-level place or one the gazetteer gives no division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub fatalities: Option<u32>,
    pub injuries: Option<u32>,
    pub civilian_targeting: bool,
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}
