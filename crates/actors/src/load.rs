//! Reading the catalogue sources and checking them.
//!
//! Everything is validated at load time, so a catalogue that loads is one in
//! which every mention resolves to exactly one actor: ids are unique, every
//! affiliation and country exists, and no two actors share a name unless the
//! data says so on purpose (`shared_aliases`).

use crate::error::{CatalogueError, Lines, Location};
use crate::fold::{fold, fold_keep_case, is_acronym};
use crate::matcher::{Matcher, RoleWord};
use crate::{Actor, ActorKind, Catalogue, Country, GenericRole, StateRole};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// One TOML catalogue file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSchema {
    #[serde(default)]
    actor: Vec<Spanned<ActorEntry>>,
    #[serde(default)]
    extend: Vec<Spanned<ExtendEntry>>,
    #[serde(default)]
    role: Vec<Spanned<RoleEntry>>,
}

/// `[[actor]]`: a new actor.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorEntry {
    id: Spanned<String>,
    name: String,
    kind: ActorKind,
    inter: Option<Spanned<u8>>,
    #[serde(default)]
    countries: Vec<Spanned<String>>,
    affiliation: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    /// Names this actor goes by that another actor owns first.
    #[serde(default)]
    shared_aliases: Vec<Spanned<String>>,
    /// Names (among the above) that match only in the case written.
    #[serde(default)]
    exact_case: Vec<Spanned<String>>,
    renamed_to: Option<String>,
    renamed_on: Option<Spanned<String>>,
    note: Option<String>,
}

/// `[[extend]]`: more names for an actor defined elsewhere, typically a
/// generated country actor (`military-ml` gets `FAMa`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtendEntry {
    id: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    shared_aliases: Vec<Spanned<String>>,
    #[serde(default)]
    exact_case: Vec<Spanned<String>>,
    note: Option<String>,
}

/// `[[role]]`: words for a kind of actor without a name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    role: GenericRole,
    /// Whether the phrase alone ("the army") is a generic mention.
    #[serde(default = "yes")]
    standalone: bool,
    /// Whether a country word before it ("Malian army") or after it ("army
    /// of Mali") makes it that country's state actor.
    #[serde(default = "yes")]
    combine: bool,
    phrases: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

struct Pending {
    actor: Actor,
    at: Location,
    /// (alias as written, where, shared?)
    names: Vec<(String, Location, bool)>,
    exact_at: Vec<Location>,
    affiliation_at: Option<Location>,
    renamed_on_at: Option<Location>,
    countries_at: Vec<Location>,
}

/// One actor's claim to a name: (actor index, shared?, where).
type Owner = (usize, bool, Location);

struct Extend {
    id: String,
    at: Location,
    names: Vec<(String, Location, bool)>,
    exact: Vec<(String, Location)>,
    note: Option<String>,
}

/// Assembles a catalogue from several sources, then checks it as a whole.
#[derive(Default)]
pub struct CatalogueBuilder {
    countries: Vec<(Country, Location)>,
    actors: Vec<Pending>,
    extends: Vec<Extend>,
    roles: Vec<RoleWord>,
    role_at: Vec<Location>,
}

impl CatalogueBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the country and demonym table: one country a line, tab-separated
    /// `ISO2  names  adjectives  plural-nouns`, variants split by `|`, the
    /// canonical name first; `#` starts a comment line.
    pub fn demonyms(&mut self, text: &str, origin: &str) -> Result<&mut Self, CatalogueError> {
        for (n, line) in text.lines().enumerate() {
            let at = Location {
                origin: origin.to_string(),
                line: n + 1,
            };
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(CatalogueError::Demonyms {
                    at,
                    message: format!(
                        "expected 4 tab-separated columns (ISO2, names, adjectives, plurals), found {}; \
                         use `-` for an empty column",
                        cols.len()
                    ),
                });
            }
            let iso2 = cols[0].trim();
            if iso2.len() != 2 || !iso2.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(CatalogueError::Demonyms {
                    at,
                    message: format!(
                        "`{iso2}` is not an ISO 3166-1 alpha-2 code (two capital letters)"
                    ),
                });
            }
            let split = |s: &str| -> Vec<String> {
                s.split('|')
                    .map(str::trim)
                    .filter(|v| !v.is_empty() && *v != "-")
                    .map(String::from)
                    .collect()
            };
            let mut names = split(cols[1]);
            // "the United States": the article belongs to "Military Forces of
            // the United States", not to the name as texts match it.
            let article = names.first().is_some_and(|n| n.starts_with("the "));
            if article {
                names[0] = names[0]["the ".len()..].to_string();
            }
            if names.is_empty() {
                return Err(CatalogueError::Demonyms {
                    at,
                    message: format!("country {iso2} has no name"),
                });
            }
            if let Some((_, first)) = self.countries.iter().find(|(c, _)| c.iso2 == iso2) {
                return Err(CatalogueError::Demonyms {
                    at,
                    message: format!("country {iso2} is already listed at {first}"),
                });
            }
            self.countries.push((
                Country {
                    iso2: iso2.to_string(),
                    names,
                    adjectives: split(cols[2]),
                    plurals: split(cols[3]),
                    article,
                },
                at,
            ));
        }
        Ok(self)
    }

    /// Adds one TOML catalogue source. `origin` names it in error messages.
    pub fn toml(&mut self, text: &str, origin: &str) -> Result<&mut Self, CatalogueError> {
        let lines = Lines::new(origin, text);
        let file: FileSchema = toml::from_str(text).map_err(|e| CatalogueError::Syntax {
            at: lines.at(e.span().map_or(0, |s| s.start)),
            message: e.message().trim().to_string(),
        })?;
        let names_of = |aliases: Vec<Spanned<String>>, shared: bool| {
            aliases
                .into_iter()
                .map(|a| {
                    let at = lines.at(a.span().start);
                    (a.into_inner(), at, shared)
                })
                .collect::<Vec<_>>()
        };
        for entry in file.actor {
            let at = lines.at(entry.span().start);
            let e = entry.into_inner();
            let id_at = lines.at(e.id.span().start);
            let mut names = vec![(e.name.clone(), id_at.clone(), false)];
            names.extend(names_of(e.aliases, false));
            names.extend(names_of(e.shared_aliases, true));
            let countries_at = e
                .countries
                .iter()
                .map(|c| lines.at(c.span().start))
                .collect();
            let exact_at = e
                .exact_case
                .iter()
                .map(|c| lines.at(c.span().start))
                .collect();
            let inter = match e.inter {
                Some(i) => {
                    let v = *i.get_ref();
                    if !(1..=8).contains(&v) {
                        return Err(CatalogueError::Invalid {
                            at: lines.at(i.span().start),
                            id: e.id.into_inner(),
                            message: format!("inter {v} is not an ACLED inter code; use 1 to 8"),
                        });
                    }
                    v
                }
                None => e.kind.default_inter(),
            };
            let mut aliases = Vec::new();
            for (a, _, _) in names.iter().skip(1) {
                if !aliases.contains(a) {
                    aliases.push(a.clone());
                }
            }
            self.actors.push(Pending {
                actor: Actor {
                    id: e.id.into_inner(),
                    name: e.name,
                    aliases,
                    kind: e.kind,
                    inter,
                    countries: e.countries.into_iter().map(Spanned::into_inner).collect(),
                    affiliation: e.affiliation.as_ref().map(|a| a.get_ref().clone()),
                    renamed_to: e.renamed_to,
                    renamed_on: e.renamed_on.as_ref().map(|r| r.get_ref().clone()),
                    note: e.note,
                    exact_case: e.exact_case.into_iter().map(Spanned::into_inner).collect(),
                },
                at: id_at.clone(),
                names,
                exact_at,
                affiliation_at: e.affiliation.map(|a| lines.at(a.span().start)),
                renamed_on_at: e.renamed_on.map(|r| lines.at(r.span().start)),
                countries_at,
            });
            let _ = at;
        }
        for entry in file.extend {
            let e = entry.into_inner();
            let at = lines.at(e.id.span().start);
            let mut names = names_of(e.aliases, false);
            names.extend(names_of(e.shared_aliases, true));
            let exact = e
                .exact_case
                .into_iter()
                .map(|x| (lines.at(x.span().start), x.into_inner()))
                .map(|(l, x)| (x, l))
                .collect();
            self.extends.push(Extend {
                id: e.id.into_inner(),
                at,
                names,
                exact,
                note: e.note,
            });
        }
        for entry in file.role {
            let e = entry.into_inner();
            for p in e.phrases {
                self.role_at.push(lines.at(p.span().start));
                self.roles.push(RoleWord {
                    phrase: p.into_inner(),
                    role: e.role,
                    standalone: e.standalone,
                    combine: e.combine,
                });
            }
        }
        Ok(self)
    }

    /// Generates each country's actor family, checks everything and builds
    /// the mention finder.
    pub fn build(&mut self) -> Result<Catalogue, CatalogueError> {
        let mut pending = self.generate_families();
        pending.append(&mut self.actors);

        // Unique ids.
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for (i, p) in pending.iter().enumerate() {
            if let Some(&j) = by_id.get(&p.actor.id) {
                return Err(CatalogueError::DuplicateId {
                    at: p.at.clone(),
                    id: p.actor.id.clone(),
                    first: pending[j].at.clone(),
                });
            }
            if p.actor.id.is_empty()
                || !p
                    .actor
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(CatalogueError::Invalid {
                    at: p.at.clone(),
                    id: p.actor.id.clone(),
                    message: "an id is a slug of lower-case ASCII letters, digits and hyphens"
                        .into(),
                });
            }
            by_id.insert(p.actor.id.clone(), i);
        }

        // Extra names for actors defined elsewhere.
        for Extend {
            id,
            at,
            names,
            exact,
            note,
        } in std::mem::take(&mut self.extends)
        {
            let Some(&i) = by_id.get(&id) else {
                return Err(CatalogueError::Invalid {
                    at,
                    id,
                    message: "`[[extend]]` names an actor that does not exist; check the id \
                              (country actors are `military-xx`, `police-xx`, `government-xx`, …)"
                        .into(),
                });
            };
            let p = &mut pending[i];
            for (a, _, _) in &names {
                if *a != p.actor.name && !p.actor.aliases.contains(a) {
                    p.actor.aliases.push(a.clone());
                }
            }
            p.names.extend(names);
            for (x, at) in exact {
                p.actor.exact_case.push(x);
                p.exact_at.push(at);
            }
            if note.is_some() {
                p.actor.note = note;
            }
        }

        // References and codes.
        let known_iso: HashMap<&str, ()> = self
            .countries
            .iter()
            .map(|(c, _)| (c.iso2.as_str(), ()))
            .collect();
        for p in &pending {
            let invalid = |at: &Location, message: String| CatalogueError::Invalid {
                at: at.clone(),
                id: p.actor.id.clone(),
                message,
            };
            for (c, at) in p.actor.countries.iter().zip(&p.countries_at) {
                let well_formed = c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
                if !well_formed || (!known_iso.is_empty() && !known_iso.contains_key(c.as_str())) {
                    return Err(invalid(
                        at,
                        format!("unknown country `{c}`; use an ISO 3166-1 alpha-2 code listed in data/demonyms.tsv"),
                    ));
                }
            }
            if let (Some(a), Some(at)) = (&p.actor.affiliation, &p.affiliation_at) {
                if !by_id.contains_key(a) {
                    return Err(invalid(
                        at,
                        format!("affiliation `{a}` is not the id of any actor"),
                    ));
                }
                if *a == p.actor.id {
                    return Err(invalid(
                        at,
                        "an actor cannot be affiliated with itself".into(),
                    ));
                }
            }
            for (x, at) in p.actor.exact_case.iter().zip(&p.exact_at) {
                if !p.names.iter().any(|(n, _, _)| n == x) {
                    return Err(invalid(
                        at,
                        format!("exact_case \"{x}\" is not one of this actor's names; add it to `aliases` too"),
                    ));
                }
            }
            if let (Some(d), Some(at)) = (&p.actor.renamed_on, &p.renamed_on_at) {
                if !is_iso_date(d) {
                    return Err(invalid(
                        at,
                        format!("renamed_on `{d}` is not a date like 2023-11 or 2023-11-05"),
                    ));
                }
            }
        }

        // Names: each folded name belongs to one actor unless marked shared.
        // owners: folded name → (actor index, shared, where), in order.
        // Acronyms keep their case in the key: `JeM` (Jaish-e-Mohammed) and
        // `JEM` (Justice and Equality Movement) are different names.
        let mut owners: HashMap<String, Vec<Owner>> = HashMap::new();
        for (i, p) in pending.iter().enumerate() {
            for (alias, at, shared) in &p.names {
                let key = if is_acronym(alias) {
                    format!("\0{}", fold_keep_case(alias))
                } else {
                    fold(alias)
                };
                if key.is_empty() || key == "\0" {
                    return Err(CatalogueError::Invalid {
                        at: at.clone(),
                        id: p.actor.id.clone(),
                        message: format!("alias \"{alias}\" has no letters or digits to match"),
                    });
                }
                let list = owners.entry(key).or_default();
                if let Some(entry) = list.iter_mut().find(|(j, _, _)| *j == i) {
                    entry.1 &= *shared;
                    continue;
                }
                if let Some((j, _, other_at)) = list.iter().find(|(_, s, _)| !s) {
                    if !*shared {
                        return Err(CatalogueError::DuplicateAlias {
                            at: at.clone(),
                            alias: alias.clone(),
                            id: p.actor.id.clone(),
                            other: pending[*j].actor.id.clone(),
                            other_at: other_at.clone(),
                        });
                    }
                }
                list.push((i, *shared, at.clone()));
            }
        }
        let mut names: HashMap<String, Vec<usize>> = HashMap::with_capacity(owners.len());
        let mut owners: Vec<(String, Vec<Owner>)> = owners.into_iter().collect();
        owners.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, mut list) in owners {
            // The owner that does not share the name comes first.
            list.sort_by_key(|(_, shared, _)| *shared);
            let key = match key.strip_prefix('\0') {
                Some(acronym) => acronym.to_ascii_lowercase(),
                None => key,
            };
            let entry = names.entry(key).or_default();
            for (i, _, _) in list {
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }

        // Countries: each country word names one country.
        let mut country_names: HashMap<String, usize> = HashMap::new();
        for (ci, (c, at)) in self.countries.iter().enumerate() {
            for w in c.names.iter().chain(&c.adjectives).chain(&c.plurals) {
                let key = fold(w);
                match country_names.get(&key) {
                    Some(&other) if other != ci => {
                        return Err(CatalogueError::Demonyms {
                            at: at.clone(),
                            message: format!(
                                "\"{w}\" of {} is also a word for {} ({}); a country word must name one country",
                                c.iso2, self.countries[other].0.iso2, self.countries[other].1
                            ),
                        })
                    }
                    _ => {
                        country_names.insert(key, ci);
                    }
                }
            }
        }
        for (r, at) in self.roles.iter().zip(&self.role_at) {
            if fold(&r.phrase).is_empty() {
                return Err(CatalogueError::Syntax {
                    at: at.clone(),
                    message: format!(
                        "role phrase \"{}\" has no letters or digits to match",
                        r.phrase
                    ),
                });
            }
        }

        let mut state = HashMap::new();
        let mut by_iso = HashMap::new();
        for (ci, (c, _)) in self.countries.iter().enumerate() {
            by_iso.insert(c.iso2.clone(), ci);
            for role in StateRole::ALL {
                let id = format!("{}-{}", role.slug(), c.iso2.to_ascii_lowercase());
                if let Some(&i) = by_id.get(&id) {
                    state.insert((ci, role), i);
                }
            }
        }

        let actors: Vec<Actor> = pending.into_iter().map(|p| p.actor).collect();
        let countries: Vec<Country> = std::mem::take(&mut self.countries)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        let matcher = Matcher::build(&actors, &countries, std::mem::take(&mut self.roles));
        Ok(Catalogue {
            actors,
            by_id,
            names,
            countries,
            by_iso,
            country_names,
            state,
            matcher,
        })
    }

    /// The nine actors of every country in the demonym table.
    fn generate_families(&self) -> Vec<Pending> {
        let mut out = Vec::with_capacity(self.countries.len() * StateRole::ALL.len());
        for (c, at) in &self.countries {
            let n = &c.names[0];
            let of = if c.article {
                format!("the {n}")
            } else {
                n.clone()
            };
            for role in StateRole::ALL {
                let (name, kind) = match role {
                    StateRole::Military => {
                        (format!("Military Forces of {of}"), ActorKind::StateForce)
                    }
                    StateRole::Police => (format!("Police Forces of {of}"), ActorKind::StateForce),
                    StateRole::Government => (format!("Government of {of}"), ActorKind::Government),
                    StateRole::Civilians => (format!("Civilians ({n})"), ActorKind::Civilians),
                    StateRole::UnidentifiedArmedGroup => (
                        format!("Unidentified Armed Group ({n})"),
                        ActorKind::Unidentified,
                    ),
                    StateRole::Refugees => (format!("Refugees/IDPs ({n})"), ActorKind::Refugees),
                    StateRole::Migrants => (format!("Migrants ({n})"), ActorKind::Migrants),
                    StateRole::Protesters => (format!("Protesters ({n})"), ActorKind::Protesters),
                    StateRole::Rioters => (format!("Rioters ({n})"), ActorKind::Rioters),
                };
                let mut aliases: Vec<String> = Vec::new();
                // Without the article too ("Military Forces of United States").
                let skip = usize::from(
                    !(c.article
                        && matches!(
                            role,
                            StateRole::Military | StateRole::Police | StateRole::Government
                        )),
                );
                for other in c.names.iter().skip(skip) {
                    aliases.push(match role {
                        StateRole::Military => format!("Military Forces of {other}"),
                        StateRole::Police => format!("Police Forces of {other}"),
                        StateRole::Government => format!("Government of {other}"),
                        StateRole::Civilians => format!("Civilians ({other})"),
                        StateRole::UnidentifiedArmedGroup => {
                            format!("Unidentified Armed Group ({other})")
                        }
                        StateRole::Refugees => format!("Refugees/IDPs ({other})"),
                        StateRole::Migrants => format!("Migrants ({other})"),
                        StateRole::Protesters => format!("Protesters ({other})"),
                        StateRole::Rioters => format!("Rioters ({other})"),
                    });
                }
                let suffixes: &[&str] = match role {
                    StateRole::Military => &["Armed Forces", "army", "military"],
                    StateRole::Police => &["police"],
                    StateRole::Government => &["government", "authorities"],
                    StateRole::Civilians => &["civilians"],
                    StateRole::UnidentifiedArmedGroup => &[],
                    StateRole::Refugees => &["refugees"],
                    StateRole::Migrants => &["nationals", "citizens", "migrants"],
                    StateRole::Protesters => &["protesters"],
                    StateRole::Rioters => &["rioters"],
                };
                for adj in &c.adjectives {
                    for s in suffixes {
                        aliases.push(format!("{adj} {s}"));
                    }
                }
                let names = std::iter::once(name.clone())
                    .chain(aliases.iter().cloned())
                    .map(|a| (a, at.clone(), false))
                    .collect();
                out.push(Pending {
                    actor: Actor {
                        id: format!("{}-{}", role.slug(), c.iso2.to_ascii_lowercase()),
                        name,
                        aliases,
                        kind,
                        inter: kind.default_inter(),
                        countries: vec![c.iso2.clone()],
                        affiliation: None,
                        renamed_to: None,
                        renamed_on: None,
                        note: None,
                        exact_case: Vec::new(),
                    },
                    at: at.clone(),
                    names,
                    exact_at: Vec::new(),
                    affiliation_at: None,
                    renamed_on_at: None,
                    countries_at: vec![at.clone()],
                });
            }
        }
        out
    }
}

fn is_iso_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}
