//! Recognition: the layer of mentions over a parsed report.
//!
//! Sentences, dates, numbers, actors and places are found with byte spans
//! relative to the text they were found in; callers shift them by the
//! block's own span to get file offsets.

pub mod dates;
pub mod numbers;
pub mod sentences;
