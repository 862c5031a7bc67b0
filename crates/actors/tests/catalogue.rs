//! The shipped catalogue: names in the spellings reports use resolve to the
//! right actor, state phrases resolve by country, generic words stay generic.

use watchfloor_actors::{ActorKind, ActorMention, Catalogue, GenericRole, StateRole};

fn cat() -> &'static Catalogue {
    Catalogue::shared().unwrap_or_else(|e| panic!("default catalogue: {e}"))
}

fn mentions(text: &str) -> Vec<ActorMention> {
    cat().find_mentions(text)
}

/// The actor id of the only mention in `text`.
fn only(text: &str) -> String {
    let m = mentions(text);
    assert_eq!(m.len(), 1, "{text:?} gave {m:?}");
    m[0].actor
        .clone()
        .unwrap_or_else(|| panic!("{text:?}: generic mention {m:?}"))
}

#[test]
fn default_catalogue_is_large_and_consistent() {
    let c = cat();
    let generated = |a: &&watchfloor_actors::Actor| {
        a.countries.len() == 1
            && StateRole::ALL
                .iter()
                .any(|r| a.id == format!("{}-{}", r.slug(), a.countries[0].to_lowercase()))
    };
    let named = c.actors().iter().filter(|a| !generated(a)).count();
    assert!(c.actors().len() >= 300, "only {} actors", c.actors().len());
    assert!(named >= 280, "only {named} hand-written actors");
    for a in c.actors() {
        assert!((1..=8).contains(&a.inter), "{}", a.id);
        if let Some(p) = &a.affiliation {
            assert!(c.get(p).is_some(), "{} -> {p}", a.id);
        }
        assert_eq!(c.get(&a.id).map(|x| &x.name), Some(&a.name));
    }
    for kind in [
        ActorKind::Islamist,
        ActorKind::Separatist,
        ActorKind::Cartel,
        ActorKind::Gang,
        ActorKind::PrivateMilitary,
        ActorKind::International,
    ] {
        assert!(c.actors().iter().any(|a| a.kind == kind), "{kind:?}");
    }
}

#[test]
fn sahel_names_in_their_spellings() {
    for (text, id) in [
        ("JNIM claimed it.", "jnim"),
        ("the GSIM said", "jnim"),
        ("Jama’at Nusrat al-Islam wal-Muslimin fighters", "jnim"),
        ("Jama'at Nasr al-Islam wal Muslimin", "jnim"),
        ("JAMA'AT NUSRAT AL-ISLAM WAL-MUSLIMIN", "jnim"),
        ("the Group for the Support of Islam and Muslims", "jnim"),
        ("le Groupe de soutien à l’islam et aux musulmans", "jnim"),
        ("the CSP said", "csp-dpa"),
        ("the Permanent Strategic Framework", "csp-dpa"),
        ("le Cadre Stratégique Permanent", "csp-dpa"),
        ("FAMa units", "military-ml"),
        ("FAMA units", "military-ml"),
        ("Forces Armées Maliennes", "military-ml"),
        ("Wagner said", "wagner-group"),
        ("the Africa Corps", "wagner-group"),
        ("the ISGS", "isgs"),
        ("the Islamic State Sahel Province", "isgs"),
        ("EIGS", "isgs"),
        ("the Polisario Front", "polisario"),
        ("ECOWAS leaders", "ecowas"),
    ] {
        assert_eq!(only(text), id, "{text}");
    }
}

#[test]
fn islamic_state_family_and_khorasan() {
    for (text, id) in [
        ("IS claimed the blast", "islamic-state"),
        ("ISIS claimed", "islamic-state"),
        ("Daesh claimed", "islamic-state"),
        ("the ISIL leadership", "islamic-state"),
        ("IS-KP claimed", "iskp"),
        ("ISKP claimed", "iskp"),
        ("ISIS-K claimed", "iskp"),
        ("the Islamic State Khorasan Province claimed", "iskp"),
        ("the Islamic State–Khorasan Province", "iskp"),
        ("the Khorasan branch of the Islamic State claimed", "iskp"),
        ("AQAP named a leader", "aqap"),
        ("تنظيم داعش", "islamic-state"),
        ("Al-Qaeda in the Arabian Peninsula", "aqap"),
    ] {
        assert_eq!(only(text), id, "{text}");
    }
    // The longest name wins over the parent's name inside it.
    let m = mentions("fighters of the Islamic State Khorasan Province");
    assert_eq!(
        m.iter()
            .filter_map(|m| m.actor.as_deref())
            .collect::<Vec<_>>(),
        ["iskp"]
    );
    let iskp = cat().get("iskp").unwrap();
    assert_eq!(iskp.affiliation.as_deref(), Some("islamic-state"));
    assert_eq!(
        cat().get("jnim").unwrap().affiliation.as_deref(),
        Some("al-qaeda")
    );
}

#[test]
fn pakistan_names() {
    for (text, id) in [
        ("TTP condemned", "ttp"),
        ("Tehrik-i-Taliban Pakistan", "ttp"),
        ("Tehreek-e-Taliban Pakistan", "ttp"),
        ("the Pakistani Taliban", "ttp"),
        ("the BLA claimed", "bla"),
        ("Baloch Liberation Army", "bla"),
        ("JUI-F leaders", "jui-f"),
        ("Jamiat Ulema-e-Islam (F)", "jui-f"),
        ("the CTD said", "ctd-pk"),
        ("the Counter-Terrorism Department", "ctd-pk"),
        ("Levies personnel", "balochistan-levies"),
        ("attacked the Levies", "balochistan-levies"),
        ("ISPR said", "military-pk"),
        ("the Frontier Corps", "military-pk"),
        ("the Taliban", "taliban"),
    ] {
        assert_eq!(only(text), id, "{text}");
    }
    assert_eq!(
        cat().get("ctd-pk").unwrap().affiliation.as_deref(),
        Some("police-pk")
    );
}

#[test]
fn other_regions() {
    for (text, id) in [
        ("Al-Shabaab fighters", "al-shabaab"),
        ("al-Shabab", "al-shabaab"),
        ("AMISOM troops", "amisom"),
        ("ATMIS troops", "amisom"),
        ("the Somali National Army", "military-so"),
        ("Boko Haram", "boko-haram"),
        ("JAS fighters", "boko-haram"),
        ("ISWAP", "iswap"),
        ("the Islamic State West Africa Province", "iswap"),
        ("the MNJTF", "mnjtf"),
        ("HTS", "hts"),
        ("Hayat Tahrir al-Sham", "hts"),
        ("the SDF", "sdf"),
        ("Hezbollah", "hezbollah"),
        ("Hizbullah", "hezbollah"),
        ("the Houthis", "houthis"),
        ("Ansar Allah", "houthis"),
        ("the ELN", "eln"),
        ("FARC dissidents", "farc-emc"),
        ("the Clan del Golfo", "clan-del-golfo"),
        ("the Gulf Clan", "clan-del-golfo"),
        ("CJNG", "cjng"),
        ("the Jalisco New Generation Cartel", "cjng"),
        ("the Sinaloa Cartel", "sinaloa-cartel"),
        ("the Arakan Army", "arakan-army"),
        ("the TNLA", "tnla"),
        ("M23 rebels", "m23"),
        ("the Rapid Support Forces", "rsf"),
        ("the Sudanese Armed Forces", "military-sd"),
        ("Tatmadaw", "military-mm"),
    ] {
        assert_eq!(only(text), id, "{text}");
    }
}

#[test]
fn state_phrases_resolve_by_country() {
    for (text, id) in [
        ("the Malian army", "military-ml"),
        ("Malian soldiers", "military-ml"),
        ("Mali's armed forces", "military-ml"),
        ("Mali’s army", "military-ml"),
        ("the army of Mali", "military-ml"),
        ("the Armed Forces of Mali", "military-ml"),
        ("Pakistani security forces", "military-pk"),
        ("the Pakistan Army", "military-pk"),
        ("Turkish counter-terrorism police", "police-tr"),
        ("Turkey's police", "police-tr"),
        ("the Burkinabè gendarmerie", "police-bf"),
        ("the Burkinabe government", "government-bf"),
        ("the Nigerien junta", "government-ne"),
        ("Somali authorities", "government-so"),
        ("Malian civilians", "civilians-ml"),
        ("Tajik nationals", "migrants-tj"),
        ("Tajik citizens", "migrants-tj"),
        ("Afghan refugees", "refugees-af"),
        ("Chadian troops", "military-td"),
        ("the Kenyan police", "police-ke"),
        ("Colombian soldiers", "military-co"),
        ("Mexican authorities", "government-mx"),
        ("the Military Forces of Mali", "military-ml"),
        ("the U.S. military", "military-us"),
        ("l’armée malienne", "military-ml"),
        ("la junte nigérienne", "government-ne"),
    ] {
        assert_eq!(only(text), id, "{text}");
    }
    let m = cat().state_actor("ML", StateRole::Military).unwrap();
    assert_eq!(m.name, "Military Forces of Mali");
    assert_eq!(
        cat().state_actor("pk", StateRole::Police).unwrap().name,
        "Police Forces of Pakistan"
    );
    assert_eq!(
        cat().state_actor("NE", StateRole::Government).unwrap().name,
        "Government of Niger"
    );
    assert_eq!(
        cat().state_actor("ML", StateRole::Civilians).unwrap().name,
        "Civilians (Mali)"
    );
    assert_eq!(
        cat()
            .state_actor("PK", StateRole::UnidentifiedArmedGroup)
            .unwrap()
            .name,
        "Unidentified Armed Group (Pakistan)"
    );
    assert_eq!(
        cat().state_actor("AF", StateRole::Refugees).unwrap().name,
        "Refugees/IDPs (Afghanistan)"
    );
    assert_eq!(
        cat().state_actor("TJ", StateRole::Migrants).unwrap().name,
        "Migrants (Tajikistan)"
    );
    assert_eq!(only("Kenyan protesters"), "protesters-ke");
    assert_eq!(cat().get("protesters-ke").unwrap().inter, 6);
    assert_eq!(cat().get("rioters-ke").unwrap().inter, 5);
    assert!(cat().state_actor("ZZ", StateRole::Military).is_none());
}

#[test]
fn generic_words_are_generic() {
    let text = "Security forces said gunmen and militants attacked police while the army and terrorists fought; civilians fled.";
    let got: Vec<(String, Option<GenericRole>)> = mentions(text)
        .into_iter()
        .map(|m| (m.surface, m.generic))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Security forces".to_string(),
                Some(GenericRole::SecurityForces)
            ),
            ("gunmen".into(), Some(GenericRole::ArmedGroup)),
            ("militants".into(), Some(GenericRole::ArmedGroup)),
            ("police".into(), Some(GenericRole::Police)),
            ("army".into(), Some(GenericRole::Military)),
            ("terrorists".into(), Some(GenericRole::ArmedGroup)),
            ("civilians".into(), Some(GenericRole::Civilians)),
        ]
    );
    assert!(mentions(text).iter().all(|m| m.actor.is_none()));
    let fr: Vec<_> = mentions("les FDS et des hommes armés")
        .into_iter()
        .map(|m| m.generic)
        .collect();
    assert_eq!(
        fr,
        [
            Some(GenericRole::SecurityForces),
            Some(GenericRole::ArmedGroup)
        ]
    );
    // Adjectives are not mentions: "terrorist attack", "civilian casualties".
    assert!(mentions("a terrorist attack caused civilian casualties").is_empty());
    assert_eq!(
        GenericRole::SecurityForces.state_role(),
        StateRole::Military
    );
    assert_eq!(
        GenericRole::ArmedGroup.state_role(),
        StateRole::UnidentifiedArmedGroup
    );
    // A nationality does not make militants that country's armed group.
    let m = mentions("six Afghan militants");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].generic, Some(GenericRole::ArmedGroup));
    // "forces" alone is not a mention; after a name it belongs to no one.
    assert!(mentions("rebel forces advanced")
        .iter()
        .all(|m| m.surface != "forces"));
    // A role word right after a name is that actor ("JNIM fighters").
    for (text, id) in [
        ("Wagner’s forces", "wagner-group"),
        ("JNIM fighters", "jnim"),
        ("FAMa soldiers", "military-ml"),
    ] {
        let m = mentions(text);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(
            (m[0].surface.as_str(), m[0].actor.as_deref()),
            (text, Some(id))
        );
    }
    let m = mentions("AQAP civilians");
    assert_eq!(m.len(), 2, "victims stay separate: {m:?}");
}

#[test]
fn acronyms_match_only_in_capitals() {
    assert!(mentions("This is what it is.").is_empty());
    assert!(mentions("download the pdf here").is_empty());
    assert!(mentions("it is Pakistan that decides").is_empty());
    assert_eq!(only("IS Pakistan claimed"), "is-pakistan");
    assert!(
        mentions("THIS IS A HEADLINE").is_empty(),
        "{:?}",
        mentions("THIS IS A HEADLINE")
    );
    let m = mentions("Jaish-e-Mohammed (JeM)");
    assert!(
        m.len() == 2
            && m.iter()
                .all(|m| m.actor.as_deref() == Some("jaish-e-mohammed")),
        "{m:?}"
    );
    assert_eq!(only("the JeM cell"), "jaish-e-mohammed");
    assert_eq!(only("the JEM rebels in Darfur").as_str(), "jem");
    // Acronym words inside longer names keep their case; others need not.
    assert_eq!(only("ISIS-Linked cells"), "islamic-state");
}

#[test]
fn exact_case_names_are_not_common_words() {
    assert!(mentions("new import levies on fuel").is_empty());
    assert_eq!(only("the Levies post"), "balochistan-levies");
}

#[test]
fn word_boundaries_and_links() {
    assert!(mentions("ISISx and xJNIM and Wagnerian opera").is_empty());
    assert!(
        mentions("see https://example.org/islamic-state-khorasan-province/ for more").is_empty()
    );
    assert_eq!(only("(ISKP)"), "iskp");
    assert_eq!(only("\"JNIM\","), "jnim");
}

#[test]
fn spans_point_into_the_original_text() {
    let text = "Après l’attaque — les Forces Armées Maliennes et le JNIM…";
    let m = mentions(text);
    assert_eq!(m.len(), 2, "{m:?}");
    for x in &m {
        assert_eq!(&text[x.span.start..x.span.end], x.surface);
    }
    assert_eq!(m[0].surface, "Forces Armées Maliennes");
    assert_eq!(m[1].surface, "JNIM");
    let t2 = "the Islamic State–Khorasan  Province\nclaimed";
    let m2 = mentions(t2);
    assert_eq!(m2[0].surface, "Islamic State–Khorasan  Province");
}

#[test]
fn lookup_best_first() {
    let c = cat();
    let names = |q: &str| c.lookup(q).iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(names("jnim")[0], "jnim");
    assert_eq!(names("Jama’at Nusrat al-Islam wal-Muslimin")[0], "jnim");
    assert_eq!(names("the Malian army")[0], "military-ml");
    assert_eq!(names("Pakistani security forces")[0], "military-pk");
    assert_eq!(names("ISIS-K")[0], "iskp");
    assert_eq!(names("Pakistan")[..2], ["government-pk", "military-pk"]);
    assert_eq!(names("Islamic State Khorasan Province")[0], "iskp");
    assert_eq!(names("Khorasan")[0], "iskp");
    assert_eq!(
        names("Sarfraz Bugti (Pakistan acting interior minister)")[0],
        "government-pk"
    );
    assert!(names("zzqx").is_empty());
    assert!(names("").is_empty());
}

#[test]
fn wagner_keeps_its_renaming() {
    let w = cat().lookup("Africa Corps")[0];
    assert_eq!(w.name, "Wagner Group");
    assert_eq!(w.renamed_to.as_deref(), Some("Africa Corps"));
    assert!(w
        .renamed_on
        .as_deref()
        .is_some_and(|d| d.starts_with("2023")));
}

#[test]
fn json_form_has_the_documented_fields() {
    let a = cat().lookup("JNIM")[0];
    let v = serde_json::to_value(a).unwrap();
    assert_eq!(v["name"], "JNIM");
    assert_eq!(v["kind"], "islamist");
    assert_eq!(v["affiliation"], "al-qaeda");
    assert!(v["aliases"].as_array().unwrap().iter().any(|x| x == "GSIM"));
    assert!(v["countries"].as_array().unwrap().iter().any(|x| x == "ML"));
    assert_eq!(v["inter"], 2);
}

#[test]
fn countries_and_demonyms() {
    let c = cat();
    assert_eq!(c.country_of("Burkinabè").unwrap().iso2, "BF");
    assert_eq!(c.country_of("Nigerien").unwrap().iso2, "NE");
    assert_eq!(c.country_of("Nigerian").unwrap().iso2, "NG");
    assert_eq!(c.country_of("Türkiye").unwrap().iso2, "TR");
    assert_eq!(c.country("tr").unwrap().names[0], "Turkey");
    assert!(c.countries().len() > 170);
    // A people named alone are its civilians.
    assert_eq!(only("Malians fled"), "civilians-ml");
}
