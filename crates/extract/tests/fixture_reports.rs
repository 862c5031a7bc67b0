//! Event coding on the example reports under `examples/` (written for
//! watchfloor, from regions the dev sample never covers). They need the
//! generated gazetteer (`scripts/fetch-data.sh`), as every extraction does.

use std::sync::OnceLock;
use watchfloor_extract::Extractor;
use watchfloor_model::{Event, EventType, Stance};

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| {
        Extractor::load_default().expect("knowledge loads (run scripts/fetch-data.sh)")
    })
}

fn events(fixture: &str) -> Vec<Event> {
    let path = format!("{}/../../examples/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let reports = watchfloor_parse::parse_text(&text, &path);
    assert_eq!(reports.len(), 1, "{fixture} holds one report");
    extractor().extract(&reports[0])
}

fn find<'a>(events: &'a [Event], date: &str, event_type: EventType) -> &'a Event {
    events
        .iter()
        .find(|e| e.event_date.to_string() == date && e.event_type == event_type)
        .unwrap_or_else(|| panic!("no {event_type:?} event on {date} in {events:#?}"))
}

#[test]
fn lake_chad_base_attack_is_a_battle_dated_by_the_weekday() {
    let evs = events("lake-chad.txt");
    let battle = find(&evs, "2024-03-12", EventType::Battles);
    assert_eq!(battle.country, "NG");
    assert!(battle.location.contains("Monguno"), "{}", battle.location);
    assert_eq!(battle.fatalities, Some(12));
    assert_eq!(battle.injuries, Some(20));
    let actor1 = battle.actor1.as_deref().unwrap_or_default();
    assert!(
        actor1.contains("ISWAP") || actor1.contains("West Africa"),
        "{actor1}"
    );
    assert_eq!(battle.actor2.as_deref(), Some("Military Forces of Nigeria"));
    assert!(!battle.civilian_targeting);
}

#[test]
fn lake_chad_kidnapping_targets_civilians() {
    let evs = events("lake-chad.txt");
    let abduction = find(&evs, "2024-03-07", EventType::ViolenceAgainstCivilians);
    assert_eq!(
        abduction.sub_event_type.as_str(),
        "Abduction/forced disappearance"
    );
    assert_eq!(abduction.country, "NG");
    assert!(abduction.civilian_targeting);
}

#[test]
fn forecasts_and_totals_are_not_events() {
    let evs = events("lake-chad.txt");
    assert!(
        evs.iter().all(|e| !e.location.contains("Maiduguri")),
        "{evs:#?}"
    );
    assert!(evs.iter().all(|e| e.fatalities != Some(35_000)), "{evs:#?}");
    assert_eq!(evs.len(), 2, "{evs:#?}");
}

#[test]
fn mogadishu_car_bomb_merges_commentary_and_excerpt() {
    let evs = events("horn-of-africa.txt");
    let bombs: Vec<&Event> = evs
        .iter()
        .filter(|e| e.event_type == EventType::ExplosionsRemoteViolence)
        .collect();
    assert_eq!(bombs.len(), 1, "{bombs:#?}");
    let bomb = bombs[0];
    assert_eq!(
        bomb.sub_event_type.as_str(),
        "Remote explosive/landmine/IED"
    );
    assert_eq!(bomb.event_date.to_string(), "2023-10-14");
    assert_eq!(bomb.country, "SO");
    assert_eq!((bomb.fatalities, bomb.injuries), (Some(9), Some(17)));
    assert_eq!(bomb.actor1.as_deref(), Some("Al-Shabaab"));
    assert!(
        bomb.claims
            .iter()
            .any(|c| c.by == "Al-Shabaab" && c.stance == Stance::Claim),
        "{:?}",
        bomb.claims
    );
    assert!(
        bomb.evidence.len() >= 2,
        "both the commentary and the excerpt are evidence"
    );
}

#[test]
fn baidoa_clash_is_its_own_event() {
    let evs = events("horn-of-africa.txt");
    let clash = find(&evs, "2023-10-12", EventType::Battles);
    assert_eq!(clash.country, "SO");
    assert!(clash.location.contains("Baidoa"), "{}", clash.location);
    assert_eq!(clash.fatalities, Some(30));
}

#[test]
fn a_report_about_budgets_has_no_events() {
    let evs = events("sahel-budgets.txt");
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn colombia_kidnapping_and_clash_are_two_events() {
    let evs = events("colombia-eln.txt");
    let kidnap = find(&evs, "2024-02-03", EventType::ViolenceAgainstCivilians);
    assert_eq!(
        kidnap.sub_event_type.as_str(),
        "Abduction/forced disappearance"
    );
    assert_eq!(kidnap.country, "CO");
    assert!(kidnap.location.contains("Saravena"), "{}", kidnap.location);
    assert!(
        kidnap.actor1.as_deref().unwrap_or_default().contains("ELN"),
        "{:?}",
        kidnap.actor1
    );
    assert!(kidnap.civilian_targeting);
    // "On Sunday" in a Monday 5 February excerpt.
    let clash = find(&evs, "2024-02-04", EventType::Battles);
    assert!(clash.location.contains("Tame"), "{}", clash.location);
    assert_eq!(clash.fatalities, Some(2));
    assert_eq!(clash.actor1.as_deref(), Some("Military Forces of Colombia"));
    assert_eq!(evs.len(), 2, "{evs:#?}");
}

#[test]
fn idlib_air_strike_keeps_the_first_figures_and_neighbouring_town_stays_apart() {
    let evs = events("levant-idlib.txt");
    let strike = find(&evs, "2023-10-22", EventType::ExplosionsRemoteViolence);
    assert_eq!(strike.sub_event_type.as_str(), "Air/drone strike");
    assert_eq!(strike.country, "SY");
    assert_eq!((strike.fatalities, strike.injuries), (Some(12), Some(30)));
    assert_eq!(strike.actor1.as_deref(), Some("Military Forces of Russia"));
    assert_eq!(strike.actor2.as_deref(), Some("Civilians (Syria)"));
    assert!(strike.civilian_targeting);
    // Saraqib is 17 km from Idlib and a day earlier: another occurrence.
    let attack = find(&evs, "2023-10-21", EventType::Battles);
    assert!(attack.location.contains("Saraqib"), "{}", attack.location);
    assert_eq!(attack.fatalities, Some(8));
    assert_eq!(attack.actor1.as_deref(), Some("Hayat Tahrir al-Sham"));
}

#[test]
fn markdown_report_codes_a_junta_air_strike_and_an_ambush() {
    let evs = events_md("myanmar-sahel.md");
    let strike = find(&evs, "2024-04-02", EventType::ExplosionsRemoteViolence);
    assert_eq!(strike.sub_event_type.as_str(), "Air/drone strike");
    assert_eq!(strike.country, "MM");
    // A government strikes through its armed forces.
    assert_eq!(strike.actor1.as_deref(), Some("Military Forces of Myanmar"));
    assert_eq!((strike.fatalities, strike.injuries), (Some(18), Some(25)));
    let ambush = find(&evs, "2024-04-08", EventType::Battles);
    assert_eq!(ambush.country, "BF");
    assert!(ambush.location.contains("Djibo"), "{}", ambush.location);
    assert_eq!(
        ambush.actor2.as_deref(),
        Some("Military Forces of Burkina Faso")
    );
    assert_eq!(ambush.fatalities, Some(7));
}

fn events_md(fixture: &str) -> Vec<Event> {
    let path = format!("{}/../../examples/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let reports = watchfloor_parse::parse_markdown(&text, &path);
    assert_eq!(reports.len(), 1, "{fixture} holds one report");
    extractor().extract(&reports[0])
}

/// One excerpt sentence in a minimal report dated `date`; the report's events.
fn one_sentence(sentence: &str, date: &str) -> Vec<Event> {
    let text = format!(
        "A Test Report\n\nA caption.\n\n\n“A pull quote.”\n\n\nCommentary.\n\n\nSources:\n\n\
         “Titre (Title),” Outlet (a daily), {date}. https://example.org/a\n\n{sentence}\n\n\n\
         Image Information:\n\nImage: A caption.\nSource: https://example.org/i.jpg\n"
    );
    let reports = watchfloor_parse::parse_text(&text, "one-sentence.txt");
    extractor().extract(&reports[0])
}

#[test]
fn readings_across_sentences_of_one_paragraph() {
    // "A day earlier" counts from the day the paragraph last named, not from
    // the article's date.
    let events = one_sentence(
        "Al-Shabaab militants attacked an army base in Beledweyne on 20 August 2024, killing 15 soldiers. \
         A day earlier, a roadside bomb struck a minibus near Jilib, killing nine civilians.",
        "25 August 2024",
    );
    let jilib = events
        .iter()
        .find(|e| e.location == "Jilib")
        .expect("the bombing");
    assert_eq!(jilib.event_date.to_string(), "2024-08-19");
    // A clause opened by "while" has its own subject: the soldiers killed
    // are not the ones who claimed.
    let e = &one_sentence(
        "Al-Shabaab militants overran an army base in Beledweyne on 20 August 2024, killing at least 15 soldiers, while the group claimed to have killed 40.",
        "21 August 2024",
    )[0];
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref(), e.fatalities),
        (
            Some("Al-Shabaab"),
            Some("Military Forces of Somalia"),
            Some(15)
        )
    );
    // Figures told of "the fighting" belong to the assault just told, even
    // when it began with a car bomb.
    let events = one_sentence(
        "Al-Shabaab fighters stormed an army base in Beledweyne on Tuesday after a suicide car bomb breached its gate. \
         Military officials said 15 soldiers were killed and 11 wounded in the fighting.",
        "21 August 2024",
    );
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        (events[0].fatalities, events[0].injuries),
        (Some(15), Some(11))
    );
    // "The insurgents" of a report that keeps naming one insurgency are
    // that group (its country branch when the parent is named); an army
    // fighting them two days after the group's own attack is another event,
    // and "X, according to Y" makes Y the speaker, not X.
    let events = one_sentence(
        "Fighters of the Islamic State attacked Macomia, Mozambique, on Sunday, killing four residents. \
         The Islamic State claimed the attack. \
         On Tuesday, Rwandan forces repulsed an assault near Macomia, killing seven insurgents, according to the Rwanda Defence Force.",
        "17 May 2024",
    );
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(
        events[0].actor1.as_deref(),
        Some("Islamic State Mozambique Province")
    );
    assert_eq!(events[0].event_date.to_string(), "2024-05-12");
    assert_eq!(
        (events[1].actor1.as_deref(), events[1].actor2.as_deref()),
        (
            Some("Military Forces of Rwanda"),
            Some("Islamic State Mozambique Province")
        )
    );
    assert_eq!(
        (
            events[1].event_date.to_string().as_str(),
            events[1].fatalities
        ),
        ("2024-05-14", Some(7))
    );
}

#[test]
fn a_paragraph_telling_of_monday_then_tuesday_tells_of_two_days() {
    let events = one_sentence(
        "On Monday, militants attacked a police post in Bannu, Pakistan, killing two policemen. \
         On Tuesday, a roadside bomb struck a military convoy in North Waziristan, killing four soldiers. \
         The next day, security forces killed six militants in an operation in Lakki Marwat.",
        "20 July 2024",
    );
    let days: Vec<(String, Option<u32>)> = events
        .iter()
        .map(|e| (e.event_date.to_string(), e.fatalities))
        .collect();
    assert_eq!(
        days,
        [
            ("2024-07-15".to_string(), Some(2)),
            ("2024-07-16".to_string(), Some(4)),
            ("2024-07-17".to_string(), Some(6)),
        ]
    );
}

#[test]
fn a_claim_of_the_attack_told_before_names_who_acted() {
    let e = &one_sentence(
        "A bomb exploded during a Catholic mass in Marawi, Philippines, on Sunday, killing four people. \
         The Islamic State claimed the attack.",
        "5 December 2023",
    );
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].fatalities, Some(4));
    assert!(
        e[0].actor1
            .as_deref()
            .is_some_and(|a| a.starts_with("Islamic State")),
        "{:?}",
        e[0].actor1
    );
}

#[test]
fn phrasings_from_other_regions() {
    // "May" in a date is a month, not a modal verb that makes the attack
    // hypothetical; beheading kills, and teachers are civilians.
    let e = &one_sentence(
        "Gunmen attacked Beledweyne on 12 May 2024, beheading four teachers.",
        "17 May 2024",
    )[0];
    assert_eq!(e.event_date.to_string(), "2024-05-12");
    assert_eq!(
        (
            e.sub_event_type.as_str(),
            e.fatalities,
            e.civilian_targeting
        ),
        ("Attack", Some(4), true)
    );
    assert_eq!(e.actor2.as_deref(), Some("Civilians (Somalia)"));
    assert!(one_sentence(
        "Militants may attack Beledweyne in the coming days.",
        "17 May 2024"
    )
    .is_empty());
    // A demonym before an air strike names the state that flies.
    let e = &one_sentence("Israeli air strikes killed 20 people in Rafah overnight, Palestinian health officials said.", "13 May 2024")[0];
    assert_eq!(
        (e.country.as_str(), e.actor1.as_deref()),
        ("PS", Some("Military Forces of Israel"))
    );
    assert_eq!((e.fatalities, e.civilian_targeting), (Some(20), true));
    // A building next to the blast is the target, not the bomber.
    let e = &one_sentence("A car bomb exploded outside a police station in Mogadishu on Sunday, killing four officers.", "13 May 2024")[0];
    assert_eq!(e.event_date.to_string(), "2024-05-12");
    assert_eq!(
        e.actor1.as_deref(),
        Some("Unidentified Armed Group (Somalia)")
    );
    assert_eq!(e.actor2.as_deref(), Some("Police Forces of Somalia"));
    // A force that says it struck is the one that struck.
    let e = &one_sentence("The Nigerian army said it had killed 30 Boko Haram fighters in an air raid in the Sambisa forest last week.", "13 May 2024")[0];
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref()),
        (Some("Military Forces of Nigeria"), Some("Boko Haram"))
    );
    assert_eq!(e.date_precision, watchfloor_model::DatePrecision::Month);
    // Two armed parties fighting make a battle, even where civilians die.
    let e = &one_sentence("Fighting between the army and the RSF in El Fasher killed at least 25 people on Monday, according to medics.", "13 May 2024")[0];
    assert_eq!(
        (e.event_type, e.civilian_targeting, e.fatalities),
        (EventType::Battles, false, Some(25))
    );
    let sides = [e.actor1.as_deref().unwrap(), e.actor2.as_deref().unwrap()];
    assert!(
        sides.contains(&"Military Forces of Sudan") && sides.contains(&"Rapid Support Forces"),
        "{sides:?}"
    );
    // Arrests by "the authorities" are police work.
    let e = &one_sentence(
        "Mexican authorities detained a senior member of the Sinaloa Cartel in Culiacán on 5 May.",
        "13 May 2024",
    )[0];
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref()),
        (Some("Police Forces of Mexico"), Some("Sinaloa Cartel"))
    );
    // A force reporting its own losses is the target, not the attacker.
    let e = &one_sentence("The Kenyan army said that four soldiers were killed in a mortar attack on a base in Mandera on Sunday.", "13 May 2024")[0];
    assert_eq!(e.actor2.as_deref(), Some("Military Forces of Kenya"));
    assert_ne!(e.actor1.as_deref(), Some("Military Forces of Kenya"));
    // A report naming no country still places its towns.
    let e = &one_sentence("On 3 March, Boko Haram fighters raided the town of Gwoza and abducted at least 50 women and children.", "24 April 2024")[0];
    assert_eq!(
        (e.country.as_str(), e.event_date.to_string().as_str()),
        ("NG", "2024-03-03")
    );
    assert_eq!(e.sub_event_type.as_str(), "Abduction/forced disappearance");
    // The subject of a "when" clause acts on the victims of the passive one.
    let e = &one_sentence("Two police officers were killed when gunmen opened fire on a checkpoint in Quetta late on Tuesday.", "24 April 2024")[0];
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref()),
        (
            Some("Unidentified Armed Group (Pakistan)"),
            Some("Police Forces of Pakistan")
        )
    );
    // A group making arrests is not the group arrested; the Islamic State in
    // Afghanistan is its Khorasan branch.
    let e = &one_sentence("The Taliban announced that their forces had arrested six members of the Islamic State in Kandahar last week.", "24 April 2024")[0];
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref()),
        (Some("Taliban"), Some("Islamic State Khorasan Province"))
    );
    // "Armed men believed to be Mai-Mai" are one party; a displacement camp is civilian.
    let e = &one_sentence("Armed men believed to be members of the Mai-Mai militia attacked a displacement camp near Bunia on Sunday, killing 12 people.", "24 April 2024")[0];
    assert_eq!(
        (e.event_type, e.civilian_targeting, e.fatalities),
        (EventType::ViolenceAgainstCivilians, true, Some(12))
    );
    // A state's decision against another named by its demonym, taken in the capital.
    let e = &one_sentence("Burkina Faso expelled three French diplomats on 18 April 2024, accusing them of subversive activities.", "24 April 2024")[0];
    assert_eq!(
        (e.event_type, e.location.as_str()),
        (EventType::StrategicDevelopments, "Ouagadougou")
    );
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref()),
        (
            Some("Government of Burkina Faso"),
            Some("Government of France")
        )
    );
    // ...but a target already read stays: deported refugees are not their government.
    let e = &one_sentence(
        "Pakistan started deporting Afghan refugees on 1 November 2023.",
        "5 November 2023",
    )[0];
    assert_eq!(e.actor2.as_deref(), Some("Refugees/IDPs (Afghanistan)"));
    // South Asian and Middle Eastern wording: soldiers "martyred", arson,
    // shepherds as civilians.
    let e = &one_sentence("Three soldiers were martyred when terrorists attacked a check post in North Waziristan, Pakistan, on Monday.", "17 May 2024")[0];
    assert_eq!(
        (e.fatalities, e.actor2.as_deref()),
        (Some(3), Some("Military Forces of Pakistan"))
    );
    let e = &one_sentence("Militants set fire to a police station in Dera Ismail Khan, Pakistan, on Monday, injuring two policemen.", "17 May 2024")[0];
    assert_eq!(
        (e.injuries, e.actor2.as_deref()),
        (Some(2), Some("Police Forces of Pakistan"))
    );
    let e = &one_sentence(
        "A landmine blast killed two shepherds near Deir ez-Zor, Syria, on Sunday.",
        "17 May 2024",
    )[0];
    assert_eq!((e.fatalities, e.civilian_targeting), (Some(2), true));
    // Territory: the state regains it, anyone else overtakes it; "fell to X"
    // names X as the one who took it.
    let e = &one_sentence(
        "The Sudanese army recaptured the town of Singa, Sudan, from the RSF on Saturday.",
        "17 May 2024",
    )[0];
    assert_eq!(
        (e.sub_event_type.as_str(), e.actor2.as_deref()),
        ("Government regains territory", Some("Rapid Support Forces"))
    );
    let e = &one_sentence(
        "The town of Rubaya, DR Congo, fell to M23 rebels on Tuesday.",
        "17 May 2024",
    )[0];
    assert_eq!(
        (e.sub_event_type.as_str(), e.actor1.as_deref()),
        ("Non-state actor overtakes territory", Some("M23"))
    );
    // "Dozens of rockets" is one barrage, not a sum of occurrences; one
    // person shot dead is one fatality.
    let e = &one_sentence(
        "Hezbollah fired dozens of rockets at northern Israel on Sunday, the Israeli army said.",
        "17 May 2024",
    )[0];
    assert_eq!(
        (e.sub_event_type.as_str(), e.actor1.as_deref()),
        ("Shelling/artillery/missile attack", Some("Hezbollah"))
    );
    let e = &one_sentence(
        "Unknown gunmen shot dead a local journalist in Tijuana, Mexico, on Monday night.",
        "17 May 2024",
    )[0];
    assert_eq!((e.fatalities, e.civilian_targeting), (Some(1), true));
    // "Coverage of a massacre" names an occurrence only to explain a
    // decision; the decision's date is not the massacre's.
    assert!(one_sentence("Burkina Faso's junta suspended the BBC and VOA for two weeks on Thursday over their coverage of a massacre.", "17 May 2024")
        .iter()
        .all(|e| e.event_type != EventType::Battles && e.event_type != EventType::ViolenceAgainstCivilians));
    // "16 kidnapped victims" were rescued: a participle after a count is
    // an adjective, and the operation is the event.
    let e = &one_sentence("The Nigerian army said its troops rescued 16 kidnapped victims and neutralized four bandits in Katsina, Nigeria, last week.", "10 May 2024")[0];
    assert_eq!(
        (e.event_type, e.actor1.as_deref()),
        (EventType::Battles, Some("Military Forces of Nigeria"))
    );
    // A strike that kills is an air strike, placed at the reviewed town even
    // when the demonym names another country; a labour strike is no event.
    let e = &one_sentence(
        "An Israeli strike on a house in Rafah killed 13 people on Monday.",
        "17 June 2024",
    )[0];
    assert_eq!(
        (
            e.country.as_str(),
            e.sub_event_type.as_str(),
            e.actor1.as_deref(),
            e.fatalities
        ),
        (
            "PS",
            "Air/drone strike",
            Some("Military Forces of Israel"),
            Some(13)
        )
    );
    assert!(one_sentence(
        "Workers went on strike in Lagos, Nigeria, on Monday.",
        "17 June 2024"
    )
    .is_empty());
    // Killing with machetes; a website hacked is no attack.
    let e = &one_sentence("Suspected ADF rebels hacked 18 villagers to death with machetes in Beni territory, DR Congo, overnight on Tuesday.", "17 June 2024")[0];
    assert_eq!(
        (e.sub_event_type.as_str(), e.actor1.as_deref(), e.fatalities),
        ("Attack", Some("ADF: Allied Democratic Forces"), Some(18))
    );
    assert!(one_sentence(
        "Hackers hacked the website of the ministry in Kinshasa, DR Congo, on Monday.",
        "17 June 2024"
    )
    .is_empty());
    // A range of days counts from its first day, and its first number is
    // no count; "between X and Y" names the sides in order.
    let e = &one_sentence(
        "On the night of 14-15 June, gunmen killed 12 people in Bandiagara, Mali.",
        "20 July 2024",
    )[0];
    assert_eq!(
        (e.event_date.to_string().as_str(), e.fatalities),
        ("2024-06-14", Some(12))
    );
    let e = &one_sentence("Fighting between the RSF and the Sudanese army in Omdurman, Sudan, killed 15 people on Monday.", "20 July 2024")[0];
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref()),
        (
            Some("Rapid Support Forces"),
            Some("Military Forces of Sudan")
        )
    );
    // A detonated bomb is an explosion; rangers are soldiers; a lynching is
    // mob violence against civilians.
    let e = &one_sentence("Insurgents detonated a bomb near a school in Pattani, Thailand, on Monday, wounding two rangers.", "20 July 2024")[0];
    assert_eq!(
        (e.sub_event_type.as_str(), e.actor2.as_deref(), e.injuries),
        (
            "Remote explosive/landmine/IED",
            Some("Military Forces of Thailand"),
            Some(2)
        )
    );
    let e = &one_sentence(
        "A mob lynched two men accused of blasphemy in Sargodha, Pakistan, on Saturday.",
        "20 July 2024",
    )[0];
    assert_eq!(
        (
            e.event_type,
            e.sub_event_type.as_str(),
            e.actor1.as_deref(),
            e.actor2.as_deref(),
            e.fatalities
        ),
        (
            EventType::Riots,
            "Mob violence",
            Some("Rioters (Pakistan)"),
            Some("Civilians (Pakistan)"),
            Some(2)
        )
    );
    // A defence ministry reporting enemies "neutralized" speaks for its
    // army, and the neutralized are counted as killed.
    let e = &one_sentence("The Turkish Defence Ministry said on Monday that 14 PKK terrorists had been neutralized in air-supported operations in northern Iraq.", "20 July 2024")[0];
    assert_eq!(
        (
            e.country.as_str(),
            e.actor1.as_deref(),
            e.actor2.as_deref(),
            e.fatalities
        ),
        (
            "IQ",
            Some("Military Forces of Turkey"),
            Some("PKK: Kurdistan Workers' Party"),
            Some(14)
        )
    );
    // A mayor shot dead is a civilian killed.
    let e = &one_sentence(
        "Gunmen on motorbikes killed a mayor in Guerrero, Mexico, on Sunday.",
        "20 July 2024",
    )[0];
    assert_eq!(
        (e.sub_event_type.as_str(), e.actor2.as_deref(), e.fatalities),
        ("Attack", Some("Civilians (Mexico)"), Some(1))
    );
    // A feared attack is a forecast.
    assert!(one_sentence(
        "Analysts fear that al-Shabaab will attack Mogadishu again before the elections.",
        "20 July 2024"
    )
    .is_empty());
    // A family hit at home are civilians.
    let e = &one_sentence("Three members of a family were killed when a mortar shell hit their home in Gao, Mali, on Saturday.", "20 July 2024")[0];
    assert_eq!(
        (e.actor2.as_deref(), e.fatalities, e.civilian_targeting),
        (Some("Civilians (Mali)"), Some(3), true)
    );
    // "Two attacks on A and B" are two occurrences, one per target.
    let events = one_sentence(
        "Gunmen carried out two attacks on the police and the army in Quetta, Pakistan, on Monday.",
        "18 August 2023",
    );
    let targets: Vec<_> = events.iter().map(|e| e.actor2.as_deref()).collect();
    assert_eq!(
        targets,
        [
            Some("Police Forces of Pakistan"),
            Some("Military Forces of Pakistan")
        ]
    );
    // Police using tear gas on a protest intervene in it; rioters riot.
    let e = &one_sentence(
        "Police fired tear gas to disperse hundreds of protesters in Nairobi, Kenya, on Tuesday.",
        "17 May 2024",
    )[0];
    assert_eq!(
        (
            e.sub_event_type.as_str(),
            e.actor1.as_deref(),
            e.actor2.as_deref()
        ),
        (
            "Protest with intervention",
            Some("Protesters (Kenya)"),
            Some("Police Forces of Kenya")
        )
    );
    let riots = one_sentence("Rioters torched several shops in Dhaka, Bangladesh, on Monday during protests against the government.", "17 May 2024");
    assert!(!riots.is_empty());
    assert!(
        riots.iter().all(|e| e.event_type == EventType::Riots
            && e.actor1.as_deref() == Some("Rioters (Bangladesh)")),
        "{riots:#?}"
    );
    // Drones that attack make a drone strike; a prisoner swap is an agreement.
    let e = &one_sentence("On Saturday, Ukrainian drones attacked an oil refinery in Krasnodar, Russia, causing a large fire.", "26 May 2024")[0];
    assert_eq!(
        (e.sub_event_type.as_str(), e.actor1.as_deref()),
        ("Air/drone strike", Some("Military Forces of Ukraine"))
    );
    let e = &one_sentence(
        "Russia and Ukraine carried out a prisoner exchange in Kyiv, Ukraine, on Friday.",
        "2 June 2024",
    )[0];
    assert_eq!(e.sub_event_type.as_str(), "Agreement");
    // Residents who march are protesters; one count may cover two nouns.
    let e = &one_sentence("On Saturday, hundreds of residents of Kantchari, Burkina Faso, marched to the prefecture to demand better protection.", "13 October 2024")[0];
    assert_eq!(
        (e.event_type, e.actor1.as_deref()),
        (EventType::Protests, Some("Protesters (Burkina Faso)"))
    );
    let e = &one_sentence("Gunmen attacked soldiers near Kantchari, Burkina Faso, on Thursday. At least 20 soldiers and VDP were killed.", "13 October 2024")[0];
    assert_eq!(e.fatalities, Some(20));
    // Protests are coded without a second side.
    let e = &one_sentence("Thousands of protesters marched in Bamako on Friday to demand the withdrawal of French troops.", "13 May 2024")[0];
    assert_eq!(
        (e.event_type, e.actor2.as_deref()),
        (EventType::Protests, None)
    );
    assert_eq!(e.event_date.to_string(), "2024-05-10");
}

/// What a test compares of an event: date, place, sub-type, both actors,
/// fatalities and injuries.
type Coded<'a> = (
    String,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<u32>,
    Option<u32>,
);

/// One event by what it says, not by its position in the list.
fn coded(evs: &[Event]) -> Vec<Coded<'_>> {
    evs.iter()
        .map(|e| {
            (
                e.event_date.to_string(),
                e.location.as_str(),
                e.sub_event_type.as_str(),
                e.actor1.as_deref(),
                e.actor2.as_deref(),
                e.fatalities,
                e.injuries,
            )
        })
        .collect()
}

#[test]
fn cabo_delgado_beheadings_and_a_rwandan_repulse_stay_apart() {
    let evs = events("cabo-delgado.txt");
    let ismp = Some("Islamic State Mozambique Province");
    assert_eq!(
        coded(&evs),
        [
            (
                "2024-05-12".into(),
                "Macomia",
                "Attack",
                ismp,
                Some("Civilians (Mozambique)"),
                Some(4),
                None
            ),
            (
                "2024-05-14".into(),
                "Mocímboa da Praia",
                "Armed clash",
                Some("Military Forces of Rwanda"),
                ismp,
                Some(7),
                None
            ),
        ]
    );
    assert!(evs[0].civilian_targeting);
    // The displacement to Pemba is no event.
    assert!(evs.iter().all(|e| e.location != "Pemba"));
}

#[test]
fn central_somalia_base_overrun_roadside_bomb_and_us_strike() {
    let evs = events("central-somalia.txt");
    let overrun = find(&evs, "2024-08-20", EventType::Battles);
    assert_eq!(
        (
            overrun.actor1.as_deref(),
            overrun.actor2.as_deref(),
            overrun.fatalities,
            overrun.injuries
        ),
        (
            Some("Al-Shabaab"),
            Some("Military Forces of Somalia"),
            Some(15),
            Some(11)
        )
    );
    // "A day earlier" and "on Monday" both mean 19 August.
    let strike = find(&evs, "2024-08-21", EventType::ExplosionsRemoteViolence);
    assert_eq!(
        (
            strike.sub_event_type.as_str(),
            strike.actor1.as_deref(),
            strike.actor2.as_deref(),
            strike.fatalities
        ),
        (
            "Air/drone strike",
            Some("Military Forces of the United States"),
            Some("Al-Shabaab"),
            Some(3)
        )
    );
    let bomb = evs
        .iter()
        .find(|e| e.location == "Beledweyne")
        .expect("the minibus bombing");
    assert_eq!(
        (bomb.fatalities, bomb.injuries, bomb.civilian_targeting),
        (Some(9), Some(6), true)
    );
    assert!(bomb.claims.iter().any(|c| c.stance == Stance::Accuse));
}

#[test]
fn red_sea_figures_of_the_strikes_stay_with_the_strikes() {
    let evs = events("red-sea.txt");
    assert_eq!(evs.len(), 2, "{evs:#?}");
    let ship = find(&evs, "2024-06-12", EventType::ExplosionsRemoteViolence);
    assert_eq!(
        (ship.actor1.as_deref(), ship.fatalities, ship.injuries),
        (Some("Houthis"), Some(1), None)
    );
    // The Houthi news agency speaks of the strikes on it; it did not strike.
    let strikes = find(&evs, "2024-06-14", EventType::ExplosionsRemoteViolence);
    assert_eq!(strikes.actor2.as_deref(), Some("Houthis"));
    assert_eq!((strikes.fatalities, strikes.injuries), (Some(16), Some(41)));
}

#[test]
fn eastern_burkina_ambush_arrest_and_march() {
    let evs = events("eastern-burkina.txt");
    assert_eq!(evs.len(), 3, "{evs:#?}");
    let ambush = find(&evs, "2024-10-10", EventType::Battles);
    assert_eq!(
        (ambush.actor1.as_deref(), ambush.fatalities, ambush.injuries),
        (Some("JNIM"), Some(20), Some(15))
    );
    let arrest = find(&evs, "2024-10-12", EventType::StrategicDevelopments);
    assert_eq!(arrest.sub_event_type.as_str(), "Arrests");
    // "On the same day" is the Saturday of the paragraph before.
    let march = find(&evs, "2024-10-12", EventType::Protests);
    assert_eq!(
        (march.location.as_str(), march.actor1.as_deref()),
        ("Kantchari", Some("Protesters (Burkina Faso)"))
    );
}

#[test]
fn kaduna_raid_and_abduction_are_one_event_and_the_police_restate_it() {
    let evs = events("kaduna-abduction.txt");
    let abductions: Vec<_> = evs
        .iter()
        .filter(|e| e.event_type == EventType::ViolenceAgainstCivilians)
        .collect();
    // "stormed the school ... and abducted 137 pupils" is one occurrence, and
    // "Police in Kaduna State confirmed the abduction" restates it.
    assert_eq!(abductions.len(), 1, "{evs:#?}");
    assert_eq!(
        (
            abductions[0].event_date.to_string().as_str(),
            abductions[0].location.as_str(),
            abductions[0].sub_event_type.as_str()
        ),
        ("2024-03-07", "Kuriga", "Abduction/forced disappearance")
    );
    let strike = evs
        .iter()
        .find(|e| e.sub_event_type.as_str() == "Air/drone strike")
        .expect("the air force strike");
    assert_eq!(strike.actor1.as_deref(), Some("Military Forces of Nigeria"));
}

#[test]
fn el_fasher_camp_shelling_strikes_and_a_looting() {
    let evs = events("el-fasher.txt");
    let shelling = find(&evs, "2024-09-03", EventType::ExplosionsRemoteViolence);
    assert_eq!(
        (
            shelling.sub_event_type.as_str(),
            shelling.actor1.as_deref(),
            shelling.fatalities,
            shelling.injuries,
            shelling.civilian_targeting
        ),
        (
            "Shelling/artillery/missile attack",
            Some("Rapid Support Forces"),
            Some(12),
            Some(30),
            true
        )
    );
    let strike = find(&evs, "2024-09-04", EventType::ExplosionsRemoteViolence);
    assert_eq!(
        (strike.actor1.as_deref(), strike.actor2.as_deref()),
        (
            Some("Military Forces of Sudan"),
            Some("Rapid Support Forces")
        )
    );
    let abduction = find(&evs, "2024-09-04", EventType::ViolenceAgainstCivilians);
    assert_eq!(abduction.location, "Khartoum");
}
