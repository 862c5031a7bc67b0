//! `watchfloor export --format csv|geojson|stix|jsonl|parquet [filters]`:
//! write the store's events for other tools.
//!
//! Also home of what every store-reading command shares: the `--db` option
//! and the event filters (`watchfloor events`, `export`).

use anyhow::Context as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use watchfloor_actors::Catalogue;
use watchfloor_export::{ActorInfo, Context, CountryInfo, Format as ExportFormat};
use watchfloor_model::PartialDate;
use watchfloor_store::{EventFilter, FilterSpec, Sort, Store};

/// Where the store is.
#[derive(clap::Args, Clone)]
pub struct StoreArg {
    /// The store file. Default: $WATCHFLOOR_DB, else `watchfloor.db` in the
    /// working directory.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
}

impl StoreArg {
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(watchfloor_store::default_path)
    }
    /// Opens the store to change it (relink); a missing file is an error,
    /// not an empty store.
    pub fn open_existing(&self) -> anyhow::Result<Store> {
        Ok(Store::open_existing(self.path())?)
    }
    /// Opens the store for reading only: read commands never write, so
    /// they work on a read-only file or directory. A missing file is an
    /// error, not an empty store.
    pub fn open_read_only(&self) -> anyhow::Result<Store> {
        Ok(Store::open_read_only(self.path())?)
    }
}

#[derive(Clone, Copy, Default, clap::ValueEnum)]
pub enum SortArg {
    /// Oldest first.
    #[default]
    Date,
    /// Newest first.
    Newest,
    /// Deadliest first.
    Fatalities,
}

/// Filters on stored events. All given filters must hold; a repeated
/// option matches any of its values.
#[derive(clap::Args, Clone, Default)]
pub struct FilterArgs {
    /// Actor on either side, by any name or alias the catalogue knows.
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub actor: Vec<String>,
    /// Country: ISO code (ML, MLI), English name or short form (UK, DRC, Ivory Coast).
    #[arg(long, value_name = "COUNTRY", help_heading = "Filters")]
    pub country: Vec<String>,
    /// First-level division (province, region, state).
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub province: Vec<String>,
    /// ACLED event type ("Battles", "Explosions/Remote violence", ...).
    #[arg(long = "type", value_name = "TYPE", help_heading = "Filters")]
    pub event_type: Option<String>,
    /// ACLED sub-event type ("Armed clash", "Suicide bomb", ...).
    #[arg(long = "sub-type", value_name = "SUBTYPE", help_heading = "Filters")]
    pub sub_type: Option<String>,
    /// Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", help_heading = "Filters")]
    pub from: Option<PartialDate>,
    /// Events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; a month means its last day).
    #[arg(long, value_name = "DATE", help_heading = "Filters")]
    pub to: Option<PartialDate>,
    /// Bounding box: west,south,east,north in decimal degrees.
    #[arg(
        long,
        value_name = "W,S,E,N",
        allow_hyphen_values = true,
        help_heading = "Filters"
    )]
    pub bbox: Option<String>,
    /// At least this many reported deaths.
    #[arg(long, value_name = "N", help_heading = "Filters")]
    pub min_fatalities: Option<u32>,
    /// Claimed, confirmed, denied or attributed by this actor (any alias).
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub claimed_by: Vec<String>,
    /// Told by this report: its id or part of its title.
    #[arg(long, value_name = "ID|TITLE", help_heading = "Sources")]
    pub report: Vec<String>,
    /// Told by a report citing this outlet (part of its name).
    #[arg(long, value_name = "OUTLET", help_heading = "Sources")]
    pub source: Vec<String>,
    /// Told by a report from this file, or any file under this directory.
    #[arg(long, value_name = "PATH", help_heading = "Sources")]
    pub file: Vec<String>,
    /// Told by a report ingested with `--collection NAME`.
    #[arg(long, value_name = "NAME", help_heading = "Sources")]
    pub collection: Vec<String>,
    /// Show occurrences a person rejected too.
    #[arg(long, help_heading = "Filters")]
    pub include_rejected: bool,
}

/// Order and paging of a listing.
#[derive(clap::Args, Clone, Default)]
pub struct PageArgs {
    /// Order of the events.
    #[arg(
        long,
        value_enum,
        default_value = "date",
        help_heading = "Order and paging"
    )]
    pub sort: SortArg,
    /// At most this many events.
    #[arg(long, value_parser = super::parse_count, help_heading = "Order and paging")]
    pub limit: Option<usize>,
    /// Skip this many events first (with --limit, pages through results).
    #[arg(long, default_value_t = 0, value_parser = super::parse_count, help_heading = "Order and paging")]
    pub offset: usize,
}

impl FilterArgs {
    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        self.spec().any() || self.include_rejected
    }

    /// The filters as the store reads them (sort and paging left default).
    pub fn spec(&self) -> FilterSpec {
        FilterSpec {
            actor: self.actor.clone(),
            country: self.country.clone(),
            province: self.province.clone(),
            event_type: self.event_type.clone(),
            sub_type: self.sub_type.clone(),
            from: self.from,
            to: self.to,
            bbox: self.bbox.clone(),
            min_fatalities: self.min_fatalities,
            claimed_by: self.claimed_by.clone(),
            report: self.report.clone(),
            source: self.source.clone(),
            file: self.file.clone(),
            collection: self.collection.clone(),
            include_rejected: self.include_rejected,
            ..FilterSpec::default()
        }
    }

    /// The store filter, every name checked against the catalogue and the
    /// store (the store's [`FilterSpec`] reads them, as the HTTP API does):
    /// a name that matches nothing is a usage error saying what is known.
    pub fn to_filter(
        &self,
        store: &Store,
        catalogue: &Catalogue,
        page: &PageArgs,
    ) -> anyhow::Result<EventFilter> {
        let spec = FilterSpec {
            sort: match page.sort {
                SortArg::Date => Sort::DateAsc,
                SortArg::Newest => Sort::DateDesc,
                SortArg::Fatalities => Sort::FatalitiesDesc,
            },
            limit: page.limit,
            offset: page.offset,
            ..self.spec()
        };
        match spec.resolve(store, catalogue, |p| format!("--{}", p.replace('_', "-"))) {
            Ok(filter) => Ok(filter),
            Err(e) => crate::usage!("{e}"),
        }
    }
}

impl PageArgs {
    /// Whether paging is asked for.
    pub fn any(&self) -> bool {
        self.limit.is_some() || self.offset > 0
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// ACLED-style CSV.
    Csv,
    /// GeoJSON FeatureCollection.
    Geojson,
    /// STIX 2.1 bundle.
    Stix,
    /// JSON Lines as in GUIDELINES.md.
    Jsonl,
    /// Apache Parquet (one flat table; binary, so use --output or a pipe).
    Parquet,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    format: Format,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// One record per report per occurrence (as each report was coded)
    /// instead of one row per occurrence.
    #[arg(long)]
    per_report: bool,
    /// One row per occurrence: what export does by default (kept so older
    /// scripts still run).
    #[arg(long, hide = true, conflicts_with = "per_report")]
    canonical: bool,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    page: PageArgs,
}

/// Export context from the catalogue (aliases, interaction codes) and the
/// store's country table (names, ISO alpha-3 and numeric codes).
pub fn context(catalogue: &Catalogue) -> Context {
    let mut ctx = Context::default();
    for a in catalogue.actors() {
        ctx.actors.insert(
            a.name.clone(),
            ActorInfo {
                aliases: a.aliases.clone(),
                inter: Some(a.inter),
                affiliation: a
                    .affiliation
                    .as_deref()
                    .and_then(|id| catalogue.get(id))
                    .map(|p| p.name.clone()),
            },
        );
    }
    // Names, alpha-3 and numeric codes from the store's country table
    // (data/country-codes.tsv), so exports need no gazetteer index.
    for c in watchfloor_store::country_codes() {
        ctx.countries.insert(
            c.iso2.clone(),
            CountryInfo {
                name: c.name.clone(),
                iso3: c.iso3.clone(),
                iso_numeric: c.numeric,
            },
        );
    }
    ctx
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open_read_only()?;
    let catalogue = Catalogue::load_default().context("loading the actor catalogue")?;
    let filter = args.filter.to_filter(&store, &catalogue, &args.page)?;
    let ctx = match args.format {
        Format::Csv | Format::Stix => context(&catalogue),
        _ => Context::default(),
    };
    let items = if args.per_report {
        super::listing::records(&store, &filter)?
    } else {
        super::listing::occurrences(&store, &filter)?
    };
    let rows = super::listing::export_rows(&items);
    let format = match args.format {
        Format::Csv => ExportFormat::Csv,
        Format::Geojson => ExportFormat::Geojson,
        Format::Stix => ExportFormat::Stix,
        Format::Jsonl => ExportFormat::Jsonl,
        Format::Parquet => ExportFormat::Parquet,
    };
    if matches!(args.format, Format::Parquet)
        && args.output.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        crate::usage!("Parquet is binary: write it to a file with --output FILE (or pipe it)");
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    // A reader that stops early (`| head`) is not an error.
    match watchfloor_export::write(format, &mut out, &rows, &ctx).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        r => r?,
    }
    if let Some(p) = &args.output {
        eprintln!("wrote {} events to {}", rows.len(), p.display());
    }
    Ok(ExitCode::SUCCESS)
}
