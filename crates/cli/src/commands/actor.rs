//! `watchfloor actor NAME`: a dossier from the catalogue and the store:
//! aliases, affiliation, events by type and month, co-occurring actors and
//! the claims it made.

use super::export::StoreArg;
use anyhow::{bail, Context as _};
use std::io::Write;
use std::process::ExitCode;
use watchfloor_actors::Catalogue;

#[derive(clap::Args)]
pub struct Args {
    /// Any name or alias of the actor ("JNIM", "ISIS-K", "the Malian army").
    name: String,
    #[command(flatten)]
    store: StoreArg,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open_read_only()?;
    let catalogue = Catalogue::load_default().context("loading the actor catalogue")?;
    let found = catalogue.lookup(&args.name);
    let actor = found.first().copied();
    let mut names: Vec<String> = Vec::new();
    if let Some(a) = actor {
        names.push(a.name.clone());
        names.extend(a.aliases.iter().cloned());
    } else {
        names.push(args.name.clone());
    }
    let d = store.actor_dossier(&names)?;
    if actor.is_none() && d.events == 0 && d.claims.is_empty() {
        bail!(
            "no actor called `{}` in the catalogue or the store: try `watchfloor actors lookup {}`",
            args.name,
            args.name
        );
    }
    let affiliation = actor
        .and_then(|a| a.affiliation.as_deref())
        .and_then(|id| catalogue.get(id))
        .map(|p| p.name.clone());
    let mut out = std::io::stdout().lock();
    if args.json {
        let v = serde_json::json!({
            "name": names[0], "id": actor.map(|a| &a.id), "aliases": &names[1..],
            "kind": actor.map(|a| format!("{:?}", a.kind)), "inter": actor.map(|a| a.inter),
            "countries": actor.map(|a| &a.countries), "affiliation": affiliation,
            "dossier": d,
        });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}", names[0])?;
    if let Some(a) = actor {
        writeln!(out, "  id           {}", a.id)?;
        writeln!(out, "  kind         {:?} (ACLED inter {})", a.kind, a.inter)?;
        if !a.countries.is_empty() {
            writeln!(out, "  countries    {}", a.countries.join(", "))?;
        }
        if let Some(p) = &affiliation {
            writeln!(out, "  affiliation  {p}")?;
        }
        if !a.aliases.is_empty() {
            writeln!(out, "  aliases      {}", a.aliases.join("; "))?;
        }
    } else {
        writeln!(
            out,
            "  (not in the catalogue; matched by name in the store)"
        )?;
    }
    writeln!(
        out,
        "\n{} occurrences ({} as actor1, {} as actor2), {} reported deaths",
        d.events, d.as_actor1, d.as_actor2, d.fatalities
    )?;
    if let (Some(a), Some(b)) = (&d.first_date, &d.last_date) {
        writeln!(out, "  from {a} to {b}")?;
    }
    let list =
        |out: &mut dyn Write, title: &str, rows: &[(String, usize)]| -> std::io::Result<()> {
            if !rows.is_empty() {
                writeln!(out, "\n{title}")?;
                for (k, n) in rows {
                    writeln!(out, "  {n:>5}  {k}")?;
                }
            }
            Ok(())
        };
    list(&mut out, "by type", &d.by_type)?;
    list(&mut out, "by month", &d.by_month)?;
    list(&mut out, "by country", &d.by_country)?;
    list(&mut out, "with", &d.co_actors)?;
    if !d.claims.is_empty() {
        writeln!(out, "\nclaims made")?;
        for c in &d.claims {
            let ids: Vec<&str> = c.event_ids.iter().map(String::as_str).collect();
            writeln!(out, "  {:>5}  {} ({})", c.count, c.stance, ids.join(", "))?;
        }
    }
    list(&mut out, "reports", &d.reports)?;
    Ok(ExitCode::SUCCESS)
}
