//! From a merged reading to an ACLED-style event: a straight line of steps.
//!
//! ```text
//! reading ──► located (place, country, coordinates)
//!         ──► first_sides (defaults by type; a government acts through its army)
//!         ──► crowd_and_state_rules (riots, mobs, protests met with force,
//!                                    territory, a parent acting through its branch)
//!         ──► second_side (who was acted upon, when the text leaves it open)
//! ```

use watchfloor_actors::StateRole;
use watchfloor_gazetteer::{Precision, Resolution};
use watchfloor_model::{DatePrecision, Event, EventType, Report, SubEventType};

use crate::{Candidate, Extractor};

/// Where an event happened, as the export writes it.
struct Located {
    country: String,
    location: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    geo_precision: &'static str,
    admin1: Option<String>,
}

/// An event's type and sides while the rules settle them.
struct Coding {
    event_type: EventType,
    sub_type: SubEventType,
    actor1: Option<String>,
    actor2: Option<String>,
    civilian_targeting: bool,
}

impl Extractor {
    /// Fills defaults and drops what cannot be an event (no month, no country).
    pub(crate) fn finish(
        &self,
        report: &Report,
        c: Candidate,
        main_country: Option<&str>,
        main_province: Option<&Resolution>,
        title_place: Option<&Resolution>,
    ) -> Option<Event> {
        let date = c.date?;
        if date.date.precision == DatePrecision::Year {
            return None;
        }
        let at = self.located(&c, main_country, main_province, title_place)?;
        let (actor1, actor2) = self.first_sides(&c, &at.country);
        let coding = self.crowd_and_state_rules(
            Coding {
                event_type: c.event_type,
                sub_type: c.sub_type,
                actor1,
                actor2,
                civilian_targeting: c.civilian,
            },
            &c,
            &at.country,
        );
        let mut event = Event {
            report_title: report.title.clone(),
            event_type: coding.event_type,
            sub_event_type: coding.sub_type,
            event_date: date.date,
            date_precision: date.date.precision,
            country: at.country,
            location: at.location,
            latitude: at.latitude,
            longitude: at.longitude,
            geo_precision: Some(at.geo_precision.to_string()),
            admin1: at.admin1,
            actor1: coding.actor1,
            actor2: coding.actor2,
            fatalities: c.casualties.fatalities,
            injuries: c.casualties.injuries,
            civilian_targeting: coding.civilian_targeting,
            claims: c.claims.clone(),
            evidence: c.evidence.clone(),
        };
        self.second_side(&mut event, &c);
        Some(event)
    }

    /// No place of its own: the report's dominant province, when the event is
    /// in its country, else the place the title names. Decisions have their
    /// own rule (the capital) or none. Without any, the report's country.
    fn located(
        &self,
        c: &Candidate,
        main_country: Option<&str>,
        main_province: Option<&Resolution>,
        title_place: Option<&Resolution>,
    ) -> Option<Located> {
        let place = c.place.clone().or_else(|| {
            main_province
                .filter(|p| main_country == Some(p.country.as_str()))
                .or(title_place)
                .filter(|_| c.event_type != EventType::StrategicDevelopments)
                .cloned()
        });
        Some(match place {
            Some(p) => {
                let known = p.precision != Precision::Country;
                // The place's first-level division: itself when it is a
                // province the gazetteer files under none.
                let admin1 = match p.precision {
                    Precision::Country => None,
                    Precision::Province if p.admin1.is_none() => Some(p.name.clone()),
                    _ => p.admin1.clone(),
                };
                Located {
                    admin1,
                    latitude: known.then_some(p.latitude),
                    longitude: known.then_some(p.longitude),
                    geo_precision: crate::precision_name(p.precision),
                    country: p.country,
                    location: p.name,
                }
            }
            None => {
                let country = main_country?.to_string();
                let location = self
                    .recognizer
                    .gazetteer
                    .country(&country)
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| country.clone());
                Located {
                    country,
                    location,
                    latitude: None,
                    longitude: None,
                    geo_precision: "country",
                    admin1: None,
                }
            }
        })
    }

    /// The sides as the reading names them, with the type's default agent
    /// for an unnamed one; a government acts through its armed forces.
    fn first_sides(&self, c: &Candidate, country: &str) -> (Option<String>, Option<String>) {
        let default_agent = match (c.event_type, c.sub_type) {
            (EventType::StrategicDevelopments, SubEventType::Arrests) => StateRole::Police,
            (EventType::StrategicDevelopments, _) => StateRole::Government,
            (EventType::Protests, _) => StateRole::Protesters,
            (EventType::Riots, _) => StateRole::Rioters,
            _ => StateRole::UnidentifiedArmedGroup,
        };
        // Residents who march are protesters, as ACLED codes them.
        let crowd = matches!(c.event_type, EventType::Protests | EventType::Riots)
            && c.actor1 == self.state_name(country, StateRole::Civilians);
        let mut actor1 = c
            .actor1
            .clone()
            .filter(|_| !crowd)
            .or_else(|| self.state_name(country, default_agent));
        let mut actor2 = c.actor2.clone();
        if c.event_type != EventType::StrategicDevelopments {
            for side in [&mut actor1, &mut actor2] {
                if let Some(military) = side
                    .as_deref()
                    .and_then(|name| self.armed_forces_of_government(name))
                {
                    *side = Some(military);
                }
            }
        }
        (actor1, actor2)
    }

    /// Rules that recode by who the sides are: a crowd that burns and fights
    /// riots; a mob's victims are civilians; security forces meeting a
    /// protest intervene in it (with excessive force when they kill or
    /// wound); territory the state takes is regained; a parent group acts
    /// through its branch in the country.
    fn crowd_and_state_rules(&self, mut k: Coding, c: &Candidate, country: &str) -> Coding {
        let protesters = self.state_name(country, StateRole::Protesters);
        let rioters = self.state_name(country, StateRole::Rioters);
        // A crowd that burns and fights is rioting, not waging battle; a
        // protest of people the text calls rioters is a riot.
        let rioting = k.actor1.is_some()
            && (k.event_type == EventType::Battles
                && (k.actor1 == rioters || k.actor1 == protesters)
                || k.event_type == EventType::Protests && k.actor1 == rioters);
        if rioting {
            k.event_type = EventType::Riots;
            k.sub_type = SubEventType::ViolentDemonstration;
            k.actor1 = rioters.clone();
        }
        // Rioters are the first side of their riot; the force that met them
        // is the second.
        if k.event_type == EventType::Riots
            && k.actor1.as_deref().is_some_and(|a| self.is_state_force(a))
        {
            k.actor2 = k.actor1.take();
            k.actor1 = rioters.clone();
        }
        // Protesters who riot are rioters.
        if k.event_type == EventType::Riots && k.actor1 == protesters {
            k.actor1 = rioters.clone();
        }
        // A mob's victims are civilians unless the text says otherwise, and
        // they are its target.
        if k.sub_type == SubEventType::MobViolence && k.actor2.is_none() {
            k.actor2 = self.state_name(country, StateRole::Civilians);
            k.civilian_targeting = true;
        }
        // Security forces firing on protesters are no battle: the protest is
        // the event, the protesters its first side.
        let state_side = |a: &Option<String>| a.as_deref().is_some_and(|a| self.is_state_force(a));
        if matches!(
            k.event_type,
            EventType::Battles | EventType::ViolenceAgainstCivilians
        ) && protesters.is_some()
            && (k.actor2 == protesters && state_side(&k.actor1)
                || k.actor1 == protesters && state_side(&k.actor2))
        {
            k.event_type = EventType::Protests;
            if k.actor1 == protesters {
                std::mem::swap(&mut k.actor1, &mut k.actor2);
            }
        }
        // Police dispersing a protest intervene in it: the protesters stay
        // the first side.
        if k.event_type == EventType::Protests && state_side(&k.actor1) {
            if k.sub_type != SubEventType::ExcessiveForceAgainstProtesters {
                k.sub_type = SubEventType::ProtestWithIntervention;
            }
            k.actor2 = k.actor1.take();
            k.actor1 = protesters.clone();
        }
        // Protesters killed or wounded by the force that intervened: excessive force.
        if k.event_type == EventType::Protests && state_side(&k.actor2) {
            let hurt = c.casualties.fatalities.is_some_and(|n| n > 0)
                || c.casualties.injuries.is_some_and(|n| n > 0);
            if hurt {
                k.sub_type = SubEventType::ExcessiveForceAgainstProtesters;
            }
            if k.sub_type == SubEventType::ExcessiveForceAgainstProtesters {
                k.civilian_targeting = true;
            }
        }
        // Territory taken by the state is regained; by anyone else, overtaken.
        if k.sub_type == SubEventType::NonStateActorOvertakesTerritory && state_side(&k.actor1) {
            k.sub_type = SubEventType::GovernmentRegainsTerritory;
        }
        // "the Islamic State" attacking in Mozambique is its Mozambique branch.
        for side in [&mut k.actor1, &mut k.actor2] {
            if let Some(branch) = side
                .as_deref()
                .and_then(|name| self.branch_in(name, country))
            {
                *side = Some(branch);
            }
        }
        k
    }

    /// Who was acted upon, where the text leaves it open: no side is its
    /// own target; protesters demand of no second side unless a force
    /// intervened; a battle has two armed sides; civilians targeted are the
    /// side acted upon.
    fn second_side(&self, event: &mut Event, c: &Candidate) {
        if event.actor1 == event.actor2 {
            event.actor2 = None;
        }
        let protesters = self.state_name(&event.country, StateRole::Protesters);
        let force_used = matches!(
            event.sub_event_type,
            SubEventType::ProtestWithIntervention | SubEventType::ExcessiveForceAgainstProtesters
        );
        if c.event_type == EventType::Protests && !force_used
            || event.event_type == EventType::Riots && event.actor2 == protesters
        {
            event.actor2 = None;
        }
        // A battle has two armed sides, and a state's strike with no civilian
        // target hits an armed group: name the unnamed side by its country.
        if event.actor2.is_none() && !event.civilian_targeting {
            let state_acts = event
                .actor1
                .as_deref()
                .is_some_and(|name| self.is_state_force(name));
            // A state striking abroad hits an unknown target; at home, an armed group.
            let at_home = event.actor1.as_deref().and_then(|a| self.home_country(a))
                == Some(event.country.as_str());
            let other_side = match (event.event_type, state_acts) {
                (EventType::Battles | EventType::ExplosionsRemoteViolence, true) if at_home => {
                    Some(StateRole::UnidentifiedArmedGroup)
                }
                (EventType::Battles | EventType::ExplosionsRemoteViolence, true) => None,
                (EventType::Battles, false) => Some(StateRole::Military),
                _ => None,
            };
            event.actor2 = other_side
                .and_then(|role| self.state_name(&event.country, role))
                .filter(|a| Some(a) != event.actor1.as_ref());
        }
        // Violence against civilians targets civilians by definition.
        if event.event_type == EventType::ViolenceAgainstCivilians {
            event.civilian_targeting = true;
        }
        // Civilians targeted are the side acted upon, unless a named unarmed
        // body (a party, a rally) is; protesters shot at keep the force that
        // shot as the side acted upon.
        if event.civilian_targeting && !c.actor2_unarmed_named && !force_used {
            event.actor2 = self
                .state_name(&event.country, StateRole::Civilians)
                .or(event.actor2.take());
        }
    }
}
