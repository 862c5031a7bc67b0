//! `watchfloor places lookup NAME [--country CC] [--format text|json]`
//!
//! Looks a place phrase up in the gazetteer, best match first. Useful to
//! check how a report's place name will be geocoded, and which supplement
//! row or GeoNames place wins.

use anyhow::Context as _;
use std::io::Write as _;
use std::process::ExitCode;
use watchfloor_gazetteer::{Context, Gazetteer, Precision};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: PlacesCommand,
}

#[derive(clap::Subcommand)]
enum PlacesCommand {
    /// Resolve a place name or phrase ("Tinzaouatene", "the Kidal region",
    /// "northern Mali") to candidate places, best first.
    Lookup(LookupArgs),
}

#[derive(clap::Args)]
struct LookupArgs {
    /// The name or phrase to look up.
    name: String,
    /// ISO 3166-1 alpha-2 code (or country name) the place is expected in;
    /// candidates there rank first.
    #[arg(long)]
    country: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Maximum number of candidates printed.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        PlacesCommand::Lookup(a) => lookup(a),
    }
}

fn lookup(a: LookupArgs) -> anyhow::Result<ExitCode> {
    let g = Gazetteer::load_default().context("loading the gazetteer")?;
    let ctx = match &a.country {
        None => Context::default(),
        Some(c) => {
            let country = g.country(c).or_else(|| g.country_by_name(c)).with_context(|| {
                format!("--country {c:?} is neither an ISO 3166-1 alpha-2 code (ML, PK) nor a known country name")
            })?;
            Context::country(&country.iso2)
        }
    };
    let mut results = g.lookup(&a.name, &ctx);
    results.truncate(a.limit);
    let mut out = std::io::stdout().lock();
    match a.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&results)?)?,
        Format::Text => {
            if results.is_empty() {
                writeln!(out, "no place found for {:?}", a.name)?;
            }
            for r in &results {
                let prec = match r.precision {
                    Precision::Exact => "exact",
                    Precision::Province => "province",
                    Precision::Country => "country",
                };
                let country = g
                    .country(&r.country)
                    .map(|c| c.name.as_str())
                    .unwrap_or(&r.country);
                let hierarchy = match &r.admin1 {
                    Some(a1) if a1 != &r.name => format!("{} > {a1} > {country}", r.name),
                    _ if r.name != country => format!("{} > {country}", r.name),
                    _ => r.name.clone(),
                };
                write!(
                    out,
                    "{hierarchy}\t{:.4}, {:.4}\t{prec}\t{:?}\tpop {}\tscore {:.2}",
                    r.latitude, r.longitude, r.kind, r.population, r.score
                )?;
                if let Some(n) = &r.note {
                    write!(out, "\t({n})")?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(if results.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
