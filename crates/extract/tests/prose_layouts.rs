//! Event coding on news pieces, statements and incident digests (no Sources
//! block): dated by their date lines, one incident a paragraph. Every
//! fixture was written for these tests, from regions the OE Watch sample
//! does not cover. They need the generated gazetteer (`scripts/fetch-data.sh`).

use std::sync::OnceLock;
use watchfloor_extract::Extractor;
use watchfloor_model::{Event, EventType};

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| {
        Extractor::load_default().expect("knowledge loads (run scripts/fetch-data.sh)")
    })
}

fn code(text: &str, name: &str) -> (Vec<Event>, Vec<String>) {
    let reports = watchfloor_parse::parse_bytes(text.as_bytes(), name).expect("parses");
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    for r in &reports {
        let (e, w) = extractor().extract_with_warnings(r);
        events.extend(e);
        warnings.extend(w);
    }
    (events, warnings)
}

fn on<'a>(events: &'a [Event], date: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.event_date.to_string() == date)
        .unwrap_or_else(|| panic!("no event on {date} in {events:#?}"))
}

const DIGEST: &str = "Weekly Incident Notes

Friday, 11 March 2022

On 04/03/2022, unidentified gunmen shot dead six civilians on a rural track near Djibo, Soum province, Burkina Faso.

On 05/03/2022, gunmen killed a tribal elder in Dand district, Kandahar province, Afghanistan.

On 06/03/2022, police opened fire on protesters in Butembo, North Kivu, Democratic Republic of Congo, killing two.

On 07/03/2022, police fired tear gas to disperse hundreds of protesters in Niamey, Niger.
";

#[test]
fn a_digest_codes_one_incident_a_paragraph_with_numeric_dates() {
    let (evs, _) = code(DIGEST, "digest.txt");
    let djibo = on(&evs, "2022-03-04");
    assert_eq!(
        (
            djibo.country.as_str(),
            djibo.event_type,
            djibo.fatalities,
            djibo.civilian_targeting
        ),
        ("BF", EventType::ViolenceAgainstCivilians, Some(6), true),
        "'shot dead six civilians' counts six"
    );
    let elder = on(&evs, "2022-03-05");
    assert_eq!(
        (elder.event_type, elder.actor2.as_deref(), elder.fatalities),
        (
            EventType::ViolenceAgainstCivilians,
            Some("Civilians (Afghanistan)"),
            Some(1)
        ),
        "a tribal elder is a civilian, and one dead"
    );
}

#[test]
fn police_firing_on_protesters_is_excessive_force_not_a_battle() {
    let (evs, _) = code(DIGEST, "digest.txt");
    let butembo = on(&evs, "2022-03-06");
    assert_eq!(
        (
            butembo.event_type,
            butembo.sub_event_type.as_str(),
            butembo.actor1.as_deref(),
            butembo.actor2.as_deref(),
            butembo.fatalities,
            butembo.civilian_targeting
        ),
        (
            EventType::Protests,
            "Excessive force against protesters",
            Some("Protesters (Democratic Republic of Congo)"),
            Some("Police Forces of the Democratic Republic of Congo"),
            Some(2),
            true
        )
    );
    let niamey = on(&evs, "2022-03-07");
    assert_eq!(
        (niamey.sub_event_type.as_str(), niamey.actor2.as_deref()),
        ("Protest with intervention", Some("Police Forces of Niger"))
    );
}

#[test]
fn a_statement_condemning_a_dated_attack_codes_it() {
    let text = "Attack on a Hotel in Mogadishu\n\nPress Statement\nJane Roe\nSpokesperson\nWashington, DC\nAugust 20, 2022\n\nThe United States condemns the terrorist attack on the Hayat Hotel in Mogadishu on August 19, which killed at least 20 people.\n";
    let (evs, _) = code(text, "statement.txt");
    let attack = on(&evs, "2022-08-19");
    assert_eq!(attack.country, "SO");
    assert_eq!(attack.fatalities, Some(20));
    // Without a day of its own, a condemnation codes nothing.
    let text = "Statement on Somalia\n\nAugust 20, 2022\n\nThe United States condemns the violence in Somalia.\n";
    assert!(code(text, "statement2.txt").0.is_empty());
}

#[test]
fn a_wire_story_dates_yesterday_from_its_dateline() {
    let text = "Gunmen Kill Four Police in Nazran\n\nNAZRAN, Russia, March 27, 2023 (Reuters) - Gunmen shot dead four police officers at a checkpoint in Ingushetia yesterday, the regional interior ministry said.\n";
    let (evs, _) = code(text, "wire.txt");
    let attack = on(&evs, "2023-03-26");
    assert_eq!(attack.country, "RU");
    assert_eq!(attack.fatalities, Some(4));
}

#[test]
fn an_undated_piece_warns_instead_of_dropping_silently() {
    let text = "Clashes Near Beni\n\nSoldiers clashed with ADF fighters near Beni on Sunday, killing seven.\n";
    let (evs, warnings) = code(text, "undated.txt");
    assert!(evs.is_empty());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("undated.txt") && warnings[0].contains("--date"),
        "{}",
        warnings[0]
    );
    // With a date the same piece codes its clash.
    let opts = watchfloor_parse::Options {
        default_date: Some("2021-04-13".parse().unwrap()),
        ..watchfloor_parse::Options::default()
    };
    let reports = watchfloor_parse::parse_bytes_with(text.as_bytes(), "undated.txt", opts).unwrap();
    let evs = extractor().extract(&reports[0]);
    assert_eq!(on(&evs, "2021-04-11").country, "CD");
}

#[test]
fn strikes_in_two_provinces_stay_two_and_share_the_striker_named_before() {
    let text = "Air Force Announces Recent Strikes in Somalia\n\nMarch 10, 2023\n\nThe Somali National Army Air Force has conducted three airstrikes against al-Shabaab in Somalia this month. A strike on March 4 killed three al-Shabaab fighters near Jilib in the Middle Juba region. A second strike on March 4 killed two al-Shabaab fighters near Bulo Burde in the Hiran region.\n";
    let (evs, _) = code(text, "strikes.txt");
    let strikes: Vec<&Event> = evs
        .iter()
        .filter(|e| e.event_date.to_string() == "2023-03-04")
        .collect();
    assert_eq!(strikes.len(), 2, "two provinces, two strikes: {evs:#?}");
    for s in strikes {
        assert_eq!(
            s.actor1.as_deref(),
            Some("Military Forces of Somalia"),
            "{s:#?}"
        );
    }
}

#[test]
fn an_event_without_a_place_of_its_own_happens_where_the_title_says() {
    let text = "Massacre at a Market in Maiduguri, Nigeria\n\nPress Statement\nJane Roe\nSpokesperson\nWashington, DC\nJune 3, 2019\n\nToday's massacre of so many innocents is a heartbreaking reminder of the evil in our world. The United States stands with the people of Nigeria.\n";
    let (evs, _) = code(text, "title-place.txt");
    let e = on(&evs, "2019-06-03");
    assert_eq!(
        (e.country.as_str(), e.event_type),
        ("NG", EventType::ViolenceAgainstCivilians)
    );
    assert!(e.location.contains("Maiduguri"), "{}", e.location);
}

#[test]
fn fighters_of_a_named_group_are_that_group_and_their_raid_on_farmers_targets_civilians() {
    let text = "Attacks Near Beni and Konduga\n\nJune 6, 2020\n\nOn 4 June 2020, suspected fighters of the Allied Democratic Forces (ADF) attacked a village near Oicha, North Kivu province, killing twelve civilians with machetes.\n\nOn Wednesday, gunmen raided a farming settlement on the outskirts of Konduga, Borno State. Four farmers were shot dead, a resident said.\n";
    let (evs, _) = code(text, "raids.txt");
    let oicha = on(&evs, "2020-06-04");
    assert_eq!(
        (oicha.event_type, oicha.actor1.as_deref(), oicha.fatalities),
        (
            EventType::ViolenceAgainstCivilians,
            Some("ADF: Allied Democratic Forces"),
            Some(12)
        ),
        "'fighters of the ADF' are one party, not a second side"
    );
    let konduga = on(&evs, "2020-06-03");
    assert_eq!(
        (
            konduga.event_type,
            konduga.fatalities,
            konduga.civilian_targeting
        ),
        (EventType::ViolenceAgainstCivilians, Some(4), true)
    );
}

#[test]
fn a_river_named_after_a_country_is_not_that_country() {
    let text = "Strikes on the River\n\nMay 9, 2024\n\nMalian air strikes hit camps on the right bank of the Niger River, near Mopti, on May 6.\n";
    let (evs, _) = code(text, "river.txt");
    let strike = on(&evs, "2024-05-06");
    assert_eq!(strike.country, "ML", "{strike:#?}");
}

#[test]
fn a_crowd_that_loots_and_burns_riots_and_the_police_it_meets_are_the_second_side() {
    let text = "Unrest in Kisumu\n\nJuly 13, 2023\n\nOn Wednesday, protesters in Kisumu, Kenya, looted shops and burned tyres on the main road; police fired tear gas to disperse the crowd.\n";
    let (evs, _) = code(text, "riot.txt");
    let riot = on(&evs, "2023-07-12");
    assert_eq!(
        (
            riot.event_type,
            riot.sub_event_type.as_str(),
            riot.actor1.as_deref(),
            riot.actor2.as_deref()
        ),
        (
            EventType::Riots,
            "Violent demonstration",
            Some("Rioters (Kenya)"),
            Some("Police Forces of Kenya")
        ),
        "{riot:#?}"
    );
    // "Riot police" alone make no riot.
    let text = "Police Deployed in Kisumu\n\nJuly 13, 2023\n\nRiot police were deployed in Kisumu, Kenya, on Wednesday.\n";
    assert!(code(text, "police.txt")
        .0
        .iter()
        .all(|e| e.event_type != EventType::Riots));
}

#[test]
fn a_count_joined_with_one_more_person_and_a_reaction_speaker_is_no_agent() {
    let text = "Clash in Kupwara\n\nMarch 22, 2017\n\nOn 21 March 2017, two militants and an army soldier were killed in an encounter in Handwara, Kupwara district, India.\n";
    let (evs, _) = code(text, "encounter.txt");
    assert_eq!(on(&evs, "2017-03-21").fatalities, Some(3));
    let text = "Statement on the Bombing in Quetta\n\nSeptember 30, 2023\n\nThe Organisation of Islamic Cooperation condemned the suicide bombing in Quetta, Pakistan, on September 29.\n";
    let (evs, _) = code(text, "reaction.txt");
    let bombing = on(&evs, "2023-09-29");
    assert_ne!(
        bombing.actor1.as_deref(),
        Some("Organisation of Islamic Cooperation"),
        "who condemns did not act"
    );
}

#[test]
fn people_arrested_stay_the_target_unless_they_are_the_state() {
    let text = "Arrests After Riots in Swat\n\nJune 22, 2024\n\nOn Friday, police arrested 23 rioters in Madyan, Swat district, Pakistan.\n";
    let (evs, _) = code(text, "arrests.txt");
    let arrests = on(&evs, "2024-06-21");
    assert_eq!(
        (arrests.actor1.as_deref(), arrests.actor2.as_deref()),
        (
            Some("Police Forces of Pakistan"),
            Some("Rioters (Pakistan)")
        )
    );
}

#[test]
fn the_subject_of_a_passive_is_the_target_whatever_the_trigger() {
    let text = "Jets Strike Camp in Maguindanao\n\nJanuary 26, 2024\n\nSix members of the Bangsamoro Islamic Freedom Fighters were killed on Wednesday when fighter jets bombed their camp near Datu Hoffer, Maguindanao del Sur.\n";
    let (evs, _) = code(text, "jets.txt");
    let strike = on(&evs, "2024-01-24");
    assert_eq!(
        strike.actor2.as_deref(),
        Some("BIFF: Bangsamoro Islamic Freedom Fighters"),
        "{strike:#?}"
    );
    assert_ne!(strike.actor1, strike.actor2);
}

/// ACLED's geo-precision from how the text places each incident: at the
/// town (1), near it (2), a distance away from it (3).
#[test]
fn geo_precision_follows_the_words_before_the_place() {
    let digest = "Incidents in northern Nigeria, March 2024\n\n\
On 3 March 2024, gunmen attacked a police post in Kaduna, killing four officers.\n\n\
On 9 March 2024, gunmen ambushed a convoy near Zaria, killing two soldiers.\n\n\
On 17 March 2024, gunmen attacked a village about 40 km from Katsina, killing six residents.\n";
    let (events, _) = code(digest, "digest.txt");
    let precision = |date: &str| on(&events, date).geo_precision.clone().unwrap_or_default();
    assert_eq!(precision("2024-03-03"), "exact", "{events:#?}");
    assert_eq!(precision("2024-03-09"), "near");
    assert_eq!(precision("2024-03-17"), "distant");
    let codes: Vec<&str> = ["2024-03-03", "2024-03-09", "2024-03-17"]
        .iter()
        .map(|d| watchfloor_export::acled_geo_precision(on(&events, d)))
        .collect();
    assert_eq!(codes, ["1", "2", "3"]);
}
