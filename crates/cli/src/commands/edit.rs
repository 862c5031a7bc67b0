//! `watchfloor edit ID`: correct an occurrence by hand. Every change is
//! written to the audit log (who, when, field, before, after) and applied
//! on top of the coder's output whenever the occurrence is read, so it
//! survives re-ingest and relink; `watchfloor event ID` shows it, and where
//! the coder now reads the field differently.

use super::export::StoreArg;
use anyhow::Context as _;
use std::io::Write;
use std::process::ExitCode;
use watchfloor_actors::Catalogue;
use watchfloor_store::{EditRequest, MergeRules};

#[derive(clap::Args)]
pub struct Args {
    /// The occurrence to correct (MLI12).
    id: String,
    /// Set a field: FIELD=VALUE, e.g. actor1="JNIM", fatalities=12,
    /// event_date=2024-03-02, country=BF, civilian_targeting=yes;
    /// `unknown` empties a count. Fields: event_type, sub_event_type,
    /// event_date, country, admin1, location, latitude, longitude,
    /// geo_precision, actor1, actor2, fatalities, injuries,
    /// civilian_targeting.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    set: Vec<String>,
    /// Drop the correction of a field: the coder's value shows again.
    #[arg(long, value_name = "FIELD")]
    clear: Vec<String>,
    /// Mark the occurrence a false positive: listings and exports leave it
    /// out (`--include-rejected` shows it).
    #[arg(long, conflicts_with = "restore")]
    reject: bool,
    /// Undo --reject.
    #[arg(long)]
    restore: bool,
    /// Leave a note (kept in the log, exported in ACLED's notes).
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Fold these occurrences into this one (their ids are retired and
    /// lead here).
    #[arg(long, value_name = "ID")]
    merge: Vec<String>,
    /// Split the occurrence: with --record, those records become a new
    /// occurrence; without, every record but the first becomes one of its own.
    #[arg(long)]
    split: bool,
    /// A record to split off (r45, as `watchfloor event ID` lists them).
    #[arg(long, value_name = "rN", requires = "split")]
    record: Vec<String>,
    /// Who makes the change (default: $USER).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    #[command(flatten)]
    store: StoreArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let catalogue = Catalogue::load_default().context("loading the actor catalogue")?;
    let by = args
        .by
        .clone()
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".into());
    let mut req = EditRequest {
        clear: args.clear.clone(),
        reject: args.reject,
        restore: args.restore,
        note: args.note.clone(),
        merge: args.merge.clone(),
        by,
        ..EditRequest::default()
    };
    let mut warnings = Vec::new();
    for s in &args.set {
        let Some((field, value)) = s.split_once('=') else {
            crate::usage!("bad --set `{s}`: write FIELD=VALUE, e.g. --set fatalities=12");
        };
        match watchfloor_store::parse_value(&catalogue, field.trim(), value) {
            Ok((v, warning)) => {
                req.set.push((field.trim().to_string(), v));
                warnings.extend(warning);
            }
            Err(e) => crate::usage!("--set {s}: {e}"),
        }
    }
    for f in &req.clear {
        if !watchfloor_store::EDITABLE.contains(&f.as_str()) {
            crate::usage!(
                "--clear {f}: no such field; fields are {}",
                watchfloor_store::EDITABLE.join(", ")
            );
        }
    }
    if args.split {
        let mut records = Vec::new();
        for r in &args.record {
            match r.trim().trim_start_matches(['r', 'R']).parse::<i64>() {
                Ok(n) => records.push(n),
                Err(_) => crate::usage!("bad --record `{r}`: give a record id such as r45"),
            }
        }
        req.split = Some(records);
    }
    let mut store = args.store.open_existing()?;
    let rules = MergeRules::from_catalogue(&catalogue);
    let done = store.edit(&args.id, &req, &rules)?;
    for w in warnings {
        eprintln!("watchfloor: warning: {w}");
    }
    let mut out = std::io::stdout().lock();
    for c in &done.changes {
        writeln!(out, "{}: {c}", done.id)?;
    }
    Ok(ExitCode::SUCCESS)
}
