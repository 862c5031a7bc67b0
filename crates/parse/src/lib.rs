//! Report parser (being written: see issue 2).

use std::path::Path;
use watchfloor_model::Report;

/// A file that could not be parsed, and why.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct ParseError {
    pub file: String,
    pub message: String,
}

/// Parse every report in `path` (a file, or a directory read recursively).
pub fn parse_path(path: &Path) -> Vec<Result<Vec<Report>, ParseError>> {
    vec![Err(ParseError { file: path.display().to_string(), message: "parser not written yet".into() })]
}
