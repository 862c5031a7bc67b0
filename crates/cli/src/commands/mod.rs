//! One module per subcommand.

pub mod actor;
pub mod actors;
pub mod entities;
pub mod event;
pub mod events;
pub mod export;
pub mod ingest;
pub mod parse;
pub mod places;
pub mod relink;
pub mod search;
pub mod stats;

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
