//! Errors met while loading a catalogue.
//!
//! The catalogue is reviewed like code, so a mistake in it should read like a
//! compiler error: the file, the line, what is wrong and what to do about it.

use std::fmt;

/// Where in a catalogue source something was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The source's name as given to the loader (a path, or `<memory>`).
    pub origin: String,
    /// 1-based line number.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.origin, self.line)
    }
}

/// Why a catalogue could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// The file is not valid TOML, or an entry has a misspelt, missing or
    /// mistyped field.
    #[error("{at}: malformed catalogue entry: {message}")]
    Syntax { at: Location, message: String },
    /// An entry parses but says something impossible (an unknown country, an
    /// inter code outside 1..=8, an affiliation to an actor that does not exist).
    #[error("{at}: actor `{id}`: {message}")]
    Invalid {
        at: Location,
        id: String,
        message: String,
    },
    /// Two entries use the same id.
    #[error("{at}: actor id `{id}` is already used at {first}; ids must be unique, rename one")]
    DuplicateId {
        at: Location,
        id: String,
        first: Location,
    },
    /// Two actors answer to the same name, so a mention of it would be
    /// ambiguous.
    #[error(
        "{at}: alias \"{alias}\" of `{id}` is also a name of `{other}` ({other_at}); \
         drop it from one, or list it under `shared_aliases` where it is a secondary name"
    )]
    DuplicateAlias {
        at: Location,
        alias: String,
        id: String,
        other: String,
        other_at: Location,
    },
    /// A malformed line in the country and demonym table.
    #[error("{at}: {message}")]
    Demonyms { at: Location, message: String },
}

impl CatalogueError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            CatalogueError::Syntax { at, .. }
            | CatalogueError::Invalid { at, .. }
            | CatalogueError::DuplicateId { at, .. }
            | CatalogueError::DuplicateAlias { at, .. }
            | CatalogueError::Demonyms { at, .. } => at,
        }
    }
}

/// Maps byte offsets of one source to line numbers.
pub(crate) struct Lines<'a> {
    pub origin: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(origin: &'a str, text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { origin, starts }
    }

    pub fn at(&self, offset: usize) -> Location {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        };
        Location {
            origin: self.origin.to_string(),
            line,
        }
    }
}
