//! One module per subcommand.

pub mod actor;
pub mod actors;
pub mod brief;
pub mod edit;
pub mod entities;
pub mod event;
pub mod events;
pub mod export;
pub mod ingest;
pub mod listing;
pub mod parse;
pub mod places;
pub mod relink;
pub mod search;
pub mod serve;
pub mod stats;
pub mod table;
pub mod watch;

/// A mistake in the command line (an unknown event type or country, a
/// malformed `--bbox`, filters given with paths): `main` prints it like
/// any error and exits with code 2, as clap does for its own usage errors.
#[derive(Debug)]
pub struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// Returns early with a [`Usage`] error (exit code 2).
#[macro_export]
macro_rules! usage {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::commands::Usage(format!($($arg)*))))
    };
}

/// Parses a count for `--limit` / `--offset`: a whole number SQLite can
/// hold (at most 2^63 - 1), so a huge value is refused instead of wrapping
/// round to a small or negative one.
pub fn parse_count(s: &str) -> Result<usize, String> {
    let n: u64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number of 0 or more"))?;
    if n > i64::MAX as u64 {
        return Err(format!("{n} is too large: at most {}", i64::MAX));
    }
    usize::try_from(n).map_err(|_| format!("{n} is too large for this machine"))
}

/// `--date`: the date of input that prints none.
#[derive(clap::Args, Clone, Copy, Default)]
pub struct DateArg {
    /// The date of undated input (YYYY-MM-DD): relative dates ("yesterday",
    /// "on Sunday") in a report with no Sources, date line, dateline, meta
    /// date or dated file name resolve against it.
    #[arg(long = "date", value_name = "YYYY-MM-DD")]
    pub date: Option<watchfloor_model::PartialDate>,
}

impl DateArg {
    /// `base` with this date as the default date.
    pub fn options(&self, base: watchfloor_parse::Options) -> watchfloor_parse::Options {
        watchfloor_parse::Options {
            default_date: self.date,
            ..base
        }
    }
}
