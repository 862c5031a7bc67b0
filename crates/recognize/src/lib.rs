//! Recognition: the layer of mentions over a parsed report.
//!
//! [`Recognizer::annotate`] splits a report's prose into sentences and
//! finds, in one pass per block, the actors (catalogue automaton), places
//! (gazetteer, resolved in the report's country context), dates (resolved
//! against the excerpt's publication date), numbers and people. Mention
//! spans are relative to their sentence; the sentence carries its file span.

pub mod acronyms;
pub mod dates;
mod doc;
pub mod numbers;
pub mod persons;
pub mod sentences;
mod words;

pub use doc::{DateInText, Doc, PlaceInText, Recognizer, SentenceLayer};
