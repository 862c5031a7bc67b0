//! The coded-event layer: what the extract stage adds to a report.
//!
//! The serde form of [`Event`] is the JSON Lines record of
//! `shared/eval/GUIDELINES.md` plus the `evidence` that ties each event to
//! the sentences and sources that asserted it.

use crate::{PartialDate, Section, Span};
use serde::{Deserialize, Serialize};

/// ACLED event types. Their strings (serde, [`EventType::as_str`],
/// [`std::str::FromStr`], case-insensitive) are ACLED's own names.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumIter,
)]
#[strum(ascii_case_insensitive)]
pub enum EventType {
    #[serde(rename = "Battles")]
    #[strum(serialize = "Battles")]
    Battles,
    #[serde(rename = "Explosions/Remote violence")]
    #[strum(serialize = "Explosions/Remote violence")]
    ExplosionsRemoteViolence,
    #[serde(rename = "Violence against civilians")]
    #[strum(serialize = "Violence against civilians")]
    ViolenceAgainstCivilians,
    #[serde(rename = "Protests")]
    #[strum(serialize = "Protests")]
    Protests,
    #[serde(rename = "Riots")]
    #[strum(serialize = "Riots")]
    Riots,
    #[serde(rename = "Strategic developments")]
    #[strum(serialize = "Strategic developments")]
    StrategicDevelopments,
}

impl EventType {
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    /// The type named `s` (ACLED's name, any letter case).
    pub fn parse(s: &str) -> Option<EventType> {
        s.parse().ok()
    }

    /// Every event type, in ACLED's order.
    pub fn all() -> impl Iterator<Item = EventType> {
        <EventType as strum::IntoEnumIterator>::iter()
    }
}

/// ACLED's 25 sub-event types, each under one [`EventType`]
/// ([`SubEventType::event_type`]). Their strings are ACLED's names.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumIter,
)]
#[strum(ascii_case_insensitive)]
pub enum SubEventType {
    // Battles
    #[serde(rename = "Armed clash")]
    #[strum(serialize = "Armed clash")]
    ArmedClash,
    #[serde(rename = "Government regains territory")]
    #[strum(serialize = "Government regains territory")]
    GovernmentRegainsTerritory,
    #[serde(rename = "Non-state actor overtakes territory")]
    #[strum(serialize = "Non-state actor overtakes territory")]
    NonStateActorOvertakesTerritory,
    // ExplosionsRemoteViolence
    #[serde(rename = "Chemical weapon")]
    #[strum(serialize = "Chemical weapon")]
    ChemicalWeapon,
    #[serde(rename = "Air/drone strike")]
    #[strum(serialize = "Air/drone strike")]
    AirDroneStrike,
    #[serde(rename = "Suicide bomb")]
    #[strum(serialize = "Suicide bomb")]
    SuicideBomb,
    #[serde(rename = "Shelling/artillery/missile attack")]
    #[strum(serialize = "Shelling/artillery/missile attack")]
    ShellingArtilleryMissileAttack,
    #[serde(rename = "Remote explosive/landmine/IED")]
    #[strum(serialize = "Remote explosive/landmine/IED")]
    RemoteExplosiveLandmineIed,
    #[serde(rename = "Grenade")]
    #[strum(serialize = "Grenade")]
    Grenade,
    // ViolenceAgainstCivilians
    #[serde(rename = "Sexual violence")]
    #[strum(serialize = "Sexual violence")]
    SexualViolence,
    #[serde(rename = "Attack")]
    #[strum(serialize = "Attack")]
    Attack,
    #[serde(rename = "Abduction/forced disappearance")]
    #[strum(serialize = "Abduction/forced disappearance")]
    AbductionForcedDisappearance,
    // Protests
    #[serde(rename = "Peaceful protest")]
    #[strum(serialize = "Peaceful protest")]
    PeacefulProtest,
    #[serde(rename = "Protest with intervention")]
    #[strum(serialize = "Protest with intervention")]
    ProtestWithIntervention,
    #[serde(rename = "Excessive force against protesters")]
    #[strum(serialize = "Excessive force against protesters")]
    ExcessiveForceAgainstProtesters,
    // Riots
    #[serde(rename = "Violent demonstration")]
    #[strum(serialize = "Violent demonstration")]
    ViolentDemonstration,
    #[serde(rename = "Mob violence")]
    #[strum(serialize = "Mob violence")]
    MobViolence,
    // StrategicDevelopments
    #[serde(rename = "Agreement")]
    #[strum(serialize = "Agreement")]
    Agreement,
    #[serde(rename = "Arrests")]
    #[strum(serialize = "Arrests")]
    Arrests,
    #[serde(rename = "Change to group/activity")]
    #[strum(serialize = "Change to group/activity")]
    ChangeToGroupActivity,
    #[serde(rename = "Disrupted weapons use")]
    #[strum(serialize = "Disrupted weapons use")]
    DisruptedWeaponsUse,
    #[serde(rename = "Headquarters or base established")]
    #[strum(serialize = "Headquarters or base established")]
    HeadquartersOrBaseEstablished,
    #[serde(rename = "Looting/property destruction")]
    #[strum(serialize = "Looting/property destruction")]
    LootingPropertyDestruction,
    #[serde(rename = "Non-violent transfer of territory")]
    #[strum(serialize = "Non-violent transfer of territory")]
    NonViolentTransferOfTerritory,
    #[serde(rename = "Other")]
    #[strum(serialize = "Other")]
    Other,
}

impl SubEventType {
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    /// The sub-event type named `s` (ACLED's name, any letter case).
    pub fn parse(s: &str) -> Option<SubEventType> {
        s.parse().ok()
    }

    /// The event type this sub-event type belongs to.
    pub fn event_type(self) -> EventType {
        match self {
            SubEventType::ArmedClash
            | SubEventType::GovernmentRegainsTerritory
            | SubEventType::NonStateActorOvertakesTerritory => EventType::Battles,
            SubEventType::ChemicalWeapon
            | SubEventType::AirDroneStrike
            | SubEventType::SuicideBomb
            | SubEventType::ShellingArtilleryMissileAttack
            | SubEventType::RemoteExplosiveLandmineIed
            | SubEventType::Grenade => EventType::ExplosionsRemoteViolence,
            SubEventType::SexualViolence
            | SubEventType::Attack
            | SubEventType::AbductionForcedDisappearance => EventType::ViolenceAgainstCivilians,
            SubEventType::PeacefulProtest
            | SubEventType::ProtestWithIntervention
            | SubEventType::ExcessiveForceAgainstProtesters => EventType::Protests,
            SubEventType::ViolentDemonstration | SubEventType::MobViolence => EventType::Riots,
            SubEventType::Agreement
            | SubEventType::Arrests
            | SubEventType::ChangeToGroupActivity
            | SubEventType::DisruptedWeaponsUse
            | SubEventType::HeadquartersOrBaseEstablished
            | SubEventType::LootingPropertyDestruction
            | SubEventType::NonViolentTransferOfTerritory
            | SubEventType::Other => EventType::StrategicDevelopments,
        }
    }

    /// Every sub-event type, in ACLED's order.
    pub fn all() -> impl Iterator<Item = SubEventType> {
        <SubEventType as strum::IntoEnumIterator>::iter()
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
    pub sub_event_type: SubEventType,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_acled_s_25_sub_event_types_and_each_round_trips() {
        assert_eq!(SubEventType::all().count(), 25);
        for sub in SubEventType::all() {
            let name = sub.as_str();
            assert_eq!(SubEventType::parse(name), Some(sub));
            assert_eq!(SubEventType::parse(&name.to_uppercase()), Some(sub));
            let json = serde_json::to_string(&sub).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<SubEventType>(&json).unwrap(), sub);
        }
        assert_eq!(SubEventType::parse("Drone strike"), None);
    }

    #[test]
    fn every_event_type_has_sub_event_types_and_each_sits_under_one() {
        for t in EventType::all() {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            let under = SubEventType::all().filter(|s| s.event_type() == t).count();
            assert!(under >= 2, "{t} has {under} sub-event types");
        }
        assert_eq!(
            SubEventType::RemoteExplosiveLandmineIed.event_type(),
            EventType::ExplosionsRemoteViolence
        );
        assert_eq!(
            SubEventType::Arrests.event_type(),
            EventType::StrategicDevelopments
        );
        assert_eq!(SubEventType::MobViolence.event_type(), EventType::Riots);
    }
}
