//! The watchfloor actor catalogue.
//!
//! Conflict events are coded by *who* acted on *whom*, and reports name the
//! same actor a dozen ways: `JNIM`, `GSIM`, `Jama’at Nusrat al-Islam
//! wal-Muslimin`, `the Group for the Support of Islam and Muslims`; `FAMa`,
//! `the Malian army`, `Mali's armed forces`. This crate holds one canonical
//! record per actor (named the way ACLED names it, so exported events can be
//! compared with ACLED-style gold data) and finds every mention of any of them
//! in running text in one pass.
//!
//! The knowledge lives in data files, not code:
//! - `data/actors/*.toml`: armed groups, special state bodies, international
//!   bodies, plus the generic role words (`army`, `police`, `militants`);
//! - `data/demonyms.tsv`: every country with its name variants, adjectives and
//!   plural nouns. From it each country gets a family of state and civilian
//!   actors ("Military Forces of X", "Police Forces of X", "Government of X",
//!   "Civilians (X)", "Unidentified Armed Group (X)", "Refugees/IDPs (X)",
//!   "Migrants (X)", "Protesters (X)", "Rioters (X)"), and phrases such as "the Malian army", "Pakistani
//!   security forces" or "Turkey's police" resolve to them without being
//!   listed one by one.
//!
//! Naming rules (ACLED style, without ACLED's date suffixes):
//! - a country's people as victims are `Civilians (X)`; its nationals abroad
//!   ("Tajik nationals", "Tajik citizens", "Tajik migrants") are `Migrants (X)`
//!   and its refugees ("Afghan refugees") `Refugees/IDPs (X)`;
//! - the gendarmerie, traffic and counter-terrorism police count as police;
//!   security forces, intelligence services, border guards, air forces and
//!   navies count as the military.

// Catalogue errors carry two source locations so the message can point at
// both sides of a clash; they happen once, at load, so their size is moot.
#![allow(clippy::result_large_err)]

use serde::Serialize;
use std::collections::HashMap;
use watchfloor_model::Span;

mod error;
mod fold;
mod load;
mod matcher;

pub use error::{CatalogueError, Location};
pub use load::CatalogueBuilder;

/// What sort of actor this is. Each kind has a default ACLED inter code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state's armed forces, police, intelligence or paramilitary.
    StateForce,
    /// A government or state institution acting politically (a decision, a
    /// statement): ACLED codes it with the state forces.
    Government,
    /// A non-religious armed group fighting the state.
    Rebel,
    /// A jihadist or other Islamist armed group.
    Islamist,
    /// An armed group fighting for a region's independence or autonomy.
    Separatist,
    /// An armed group serving a political faction or party.
    PoliticalMilitia,
    /// An armed group organised by ethnicity, clan or community.
    IdentityMilitia,
    /// An organised drug-trafficking group.
    Cartel,
    /// A street or prison gang.
    Gang,
    /// A private military company (Wagner and the like).
    PrivateMilitary,
    /// An international or regional body or its mission (UN, AU, ECOWAS).
    International,
    /// A political party or movement acting unarmed.
    PoliticalParty,
    Civilians,
    Refugees,
    Migrants,
    /// Attackers the text does not name.
    Unidentified,
    Protesters,
    Rioters,
}

impl ActorKind {
    /// The ACLED inter code an actor of this kind gets unless its entry says
    /// otherwise: 1 state forces, 2 rebels, 3 political militias, 4 identity
    /// militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
    pub fn default_inter(self) -> u8 {
        use ActorKind::*;
        match self {
            StateForce | Government => 1,
            Rebel | Islamist | Separatist => 2,
            PoliticalMilitia | Cartel | Gang | Unidentified | PoliticalParty => 3,
            IdentityMilitia => 4,
            Rioters => 5,
            Protesters => 6,
            Civilians | Refugees | Migrants => 7,
            International | PrivateMilitary => 8,
        }
    }
}

/// One actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Stable slug (`jnim`, `military-ml`): what other records refer to.
    pub id: String,
    /// Canonical name, ACLED style: `JNIM`, `Military Forces of Mali`.
    pub name: String,
    /// Other names: acronyms, translations, transliterations, spellings.
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    /// ACLED inter code, 1..=8.
    pub inter: u8,
    /// ISO 3166-1 alpha-2 codes of the countries it is based in or acts for.
    pub countries: Vec<String>,
    /// Id of the actor it belongs to or pledged to (`jnim` → `al-qaeda`).
    pub affiliation: Option<String>,
    /// The name it took later, if it was renamed or rebranded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_to: Option<String>,
    /// When that happened, ISO 8601 (`2023-11` or `2024-06-01`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_on: Option<String>,
    /// A reviewer's note: why it is coded this way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Names that match only with the case written, because in lower case
    /// they are ordinary words ("Levies" the force, "levies" the taxes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exact_case: Vec<String>,
}

/// The part of a state a phrase such as "the Malian army" names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StateRole {
    Military,
    Police,
    Government,
    Civilians,
    UnidentifiedArmedGroup,
    Refugees,
    Migrants,
    Protesters,
    Rioters,
}

impl StateRole {
    pub const ALL: [StateRole; 9] = [
        StateRole::Military,
        StateRole::Police,
        StateRole::Government,
        StateRole::Civilians,
        StateRole::UnidentifiedArmedGroup,
        StateRole::Refugees,
        StateRole::Migrants,
        StateRole::Protesters,
        StateRole::Rioters,
    ];

    /// The id prefix of this role's actors: `military` in `military-ml`.
    pub fn slug(self) -> &'static str {
        match self {
            StateRole::Military => "military",
            StateRole::Police => "police",
            StateRole::Government => "government",
            StateRole::Civilians => "civilians",
            StateRole::UnidentifiedArmedGroup => "unidentified-armed-group",
            StateRole::Refugees => "refugees",
            StateRole::Migrants => "migrants",
            StateRole::Protesters => "protesters",
            StateRole::Rioters => "rioters",
        }
    }
}

/// What a mention without a named actor refers to ("security forces",
/// "militants"). The extract stage pairs it with the report's country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GenericRole {
    Military,
    Police,
    SecurityForces,
    Intelligence,
    Government,
    Civilians,
    /// Militants, gunmen, terrorists, armed men.
    ArmedGroup,
    /// Insurgents and jihadists not named: the report's own insurgency,
    /// when it names one.
    Insurgents,
    /// Rebels and separatists not named.
    Rebels,
    Refugees,
    Migrants,
    Protesters,
    Rioters,
}

impl GenericRole {
    /// The state actor this role stands for once a country is known:
    /// security forces and intelligence are coded as the military, unnamed
    /// militants and rebels as that country's unidentified armed group.
    pub fn state_role(self) -> StateRole {
        match self {
            GenericRole::Military | GenericRole::SecurityForces | GenericRole::Intelligence => {
                StateRole::Military
            }
            GenericRole::Police => StateRole::Police,
            GenericRole::Government => StateRole::Government,
            GenericRole::Civilians => StateRole::Civilians,
            GenericRole::ArmedGroup | GenericRole::Insurgents | GenericRole::Rebels => {
                StateRole::UnidentifiedArmedGroup
            }
            GenericRole::Refugees => StateRole::Refugees,
            GenericRole::Migrants => StateRole::Migrants,
            GenericRole::Protesters => StateRole::Protesters,
            GenericRole::Rioters => StateRole::Rioters,
        }
    }
}

/// One mention of an actor in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorMention {
    /// Byte range of the mention in the text searched.
    pub span: Span,
    /// The text as written.
    pub surface: String,
    /// Id of the actor named, when the text names one.
    pub actor: Option<String>,
    /// For a mention like "security forces" that names no one: what it is.
    pub generic: Option<GenericRole>,
}

/// A country known to the catalogue, from the demonym table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Country {
    pub iso2: String,
    /// Name variants, canonical first: `Turkey`, `Türkiye`.
    pub names: Vec<String>,
    /// Adjectives: `Turkish`.
    pub adjectives: Vec<String>,
    /// Plural nouns for its people: `Turks`.
    pub plurals: Vec<String>,
    /// ACLED writes its institutions with the article: "Military Forces
    /// of the United States" (marked `the ` before the canonical name in
    /// `data/demonyms.tsv`).
    pub article: bool,
}

/// The loaded catalogue: actors, their names, and the mention finder.
pub struct Catalogue {
    actors: Vec<Actor>,
    by_id: HashMap<String, usize>,
    /// Folded name or alias → actors answering to it, primary owner first.
    names: HashMap<String, Vec<usize>>,
    countries: Vec<Country>,
    by_iso: HashMap<String, usize>,
    /// Folded country name, adjective or plural → country index.
    country_names: HashMap<String, usize>,
    state: HashMap<(usize, StateRole), usize>,
    matcher: matcher::Matcher,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("actors", &self.actors.len())
            .field("names", &self.names.len())
            .field("countries", &self.countries.len())
            .finish_non_exhaustive()
    }
}

/// The shipped catalogue files, embedded so the binary needs no data path.
const DEFAULT_DEMONYMS: (&str, &str) = (
    "data/demonyms.tsv",
    include_str!("../../../data/demonyms.tsv"),
);
const DEFAULT_TOML: &[(&str, &str)] = &[
    (
        "data/actors/roles.toml",
        include_str!("../../../data/actors/roles.toml"),
    ),
    (
        "data/actors/states.toml",
        include_str!("../../../data/actors/states.toml"),
    ),
    (
        "data/actors/international.toml",
        include_str!("../../../data/actors/international.toml"),
    ),
    (
        "data/actors/sahel-west-africa.toml",
        include_str!("../../../data/actors/sahel-west-africa.toml"),
    ),
    (
        "data/actors/east-central-africa.toml",
        include_str!("../../../data/actors/east-central-africa.toml"),
    ),
    (
        "data/actors/middle-east-north-africa.toml",
        include_str!("../../../data/actors/middle-east-north-africa.toml"),
    ),
    (
        "data/actors/asia.toml",
        include_str!("../../../data/actors/asia.toml"),
    ),
    (
        "data/actors/americas.toml",
        include_str!("../../../data/actors/americas.toml"),
    ),
    (
        "data/actors/europe.toml",
        include_str!("../../../data/actors/europe.toml"),
    ),
];

impl Catalogue {
    /// The catalogue shipped with watchfloor (embedded at build time).
    pub fn load_default() -> Result<Catalogue, CatalogueError> {
        let mut b = CatalogueBuilder::new();
        b.demonyms(DEFAULT_DEMONYMS.1, DEFAULT_DEMONYMS.0)?;
        for (origin, text) in DEFAULT_TOML {
            b.toml(text, origin)?;
        }
        b.build()
    }

    /// The shipped catalogue, loaded once per process and shared: the
    /// cheap way for pipeline stages that each need it.
    pub fn shared() -> Result<&'static Catalogue, &'static CatalogueError> {
        static SHARED: std::sync::OnceLock<Result<Catalogue, CatalogueError>> =
            std::sync::OnceLock::new();
        SHARED.get_or_init(Catalogue::load_default).as_ref()
    }

    /// A catalogue from one TOML text alone (no country families). `origin`
    /// names the text in error messages.
    pub fn from_toml(text: &str, origin: &str) -> Result<Catalogue, CatalogueError> {
        let mut b = CatalogueBuilder::new();
        b.toml(text, origin)?;
        b.build()
    }

    /// Every actor, in load order (country families first).
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i])
    }

    /// Every country of the demonym table.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country with this ISO 3166-1 alpha-2 code (case-insensitive).
    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.by_iso
            .get(&iso2.to_ascii_uppercase())
            .map(|&i| &self.countries[i])
    }

    /// The country a name, adjective or plural noun denotes: `Malian` → ML.
    pub fn country_of(&self, name: &str) -> Option<&Country> {
        self.country_names
            .get(&fold::fold(name))
            .map(|&i| &self.countries[i])
    }

    /// A country's state or civilian actor: `("ML", Military)` → Military
    /// Forces of Mali.
    pub fn state_actor(&self, iso2: &str, role: StateRole) -> Option<&Actor> {
        let c = *self.by_iso.get(&iso2.to_ascii_uppercase())?;
        self.state.get(&(c, role)).map(|&i| &self.actors[i])
    }

    /// Actors a name may refer to, best match first. Case, accents,
    /// apostrophes and hyphens are ignored. Tries, in order: an exact name or
    /// alias; a phrase the mention finder resolves ("the Malian army"); a
    /// country name alone (its government, then its forces); a role word and
    /// a country word anywhere in the query ("Pakistan acting interior
    /// minister"); and finally names containing every word of the query.
    pub fn lookup(&self, name: &str) -> Vec<&Actor> {
        let key = fold::fold(name);
        let key = key.strip_prefix("the ").unwrap_or(&key).to_string();
        let mut out: Vec<usize> = Vec::new();
        let push = |i: usize, out: &mut Vec<usize>| {
            if !out.contains(&i) {
                out.push(i);
            }
        };
        if key.is_empty() {
            return Vec::new();
        }
        if let Some(ids) = self.names.get(&key) {
            for &i in ids {
                push(i, &mut out);
            }
        }
        let mut generic = Vec::new();
        if out.is_empty() {
            // Case-blind: a user typing "jnim" means JNIM.
            for m in self.matcher.find(self, name, true) {
                if let Some(id) = &m.actor {
                    push(self.by_id[id], &mut out);
                }
                generic.extend(m.generic);
            }
        }
        if out.is_empty() && !generic.is_empty() {
            // "Sarfraz Bugti (Pakistan acting interior minister)": a role word
            // and a country word apart from each other still name the state.
            let words: Vec<&str> = key
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
                .filter(|w| !w.is_empty())
                .collect();
            let mut country = None;
            'scan: for n in (1..=4).rev() {
                for w in words.windows(n) {
                    if let Some(&c) = self.country_names.get(&w.join(" ")) {
                        country = Some(c);
                        break 'scan;
                    }
                }
            }
            if let Some(c) = country {
                for g in &generic {
                    if let Some(&i) = self.state.get(&(c, g.state_role())) {
                        push(i, &mut out);
                    }
                }
            }
        }
        if let Some(&c) = self.country_names.get(&key) {
            for role in [
                StateRole::Government,
                StateRole::Military,
                StateRole::Police,
                StateRole::Civilians,
            ] {
                if let Some(&i) = self.state.get(&(c, role)) {
                    push(i, &mut out);
                }
            }
        }
        if out.is_empty() {
            let words: Vec<&str> = key.split(' ').collect();
            let mut scored: Vec<(usize, usize)> = Vec::new();
            for (alias, ids) in &self.names {
                let alias_words: Vec<&str> = alias.split(' ').collect();
                if words
                    .iter()
                    .all(|w| alias_words.iter().any(|a| a.starts_with(w)))
                {
                    for &i in ids {
                        scored.push((alias.len(), i));
                    }
                }
            }
            scored.sort();
            for (_, i) in scored {
                push(i, &mut out);
                if out.len() >= 10 {
                    break;
                }
            }
        }
        out.into_iter().map(|i| &self.actors[i]).collect()
    }

    /// Every actor mention in `text`, in order, with byte spans into `text`.
    ///
    /// One Aho-Corasick pass over the folded text finds all names, aliases,
    /// country words and role words at word boundaries; the leftmost-longest
    /// ones win, acronyms must match with their case as written, and a
    /// country word next to a role word ("Pakistani" + "security forces",
    /// "army" + "of" + "Mali") becomes that country's state actor. Role words
    /// alone ("the army", "militants") come back as generic mentions.
    pub fn find_mentions(&self, text: &str) -> Vec<ActorMention> {
        self.matcher.find(self, text, false)
    }
}
