//! `watchfloor event ID`: one occurrence, every report that tells it, and
//! why their records were merged.
//!
//! ID is a per-report event id (as `watchfloor events --format table`
//! prints) or `c<N>` for canonical event N.

use super::export::StoreArg;
use anyhow::bail;
use std::io::Write;
use std::process::ExitCode;
use watchfloor_store::{CanonicalEvent, Estimate, Store};

#[derive(clap::Args)]
pub struct Args {
    /// Event id, or c<N> for a canonical event.
    id: String,
    #[command(flatten)]
    store: StoreArg,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn resolve(store: &Store, id: &str) -> anyhow::Result<CanonicalEvent> {
    let bad = || {
        anyhow::Error::new(crate::commands::Usage(format!(
            "bad event id `{id}`: give a number (a per-report event) or c<number> (an occurrence)"
        )))
    };
    let canonical = if let Some(n) = id.strip_prefix(['c', 'C']) {
        n.parse::<i64>().map_err(|_| bad())?
    } else {
        let n = id.parse::<i64>().map_err(|_| bad())?;
        match store.canonical_of_event(n)? {
            Some(c) => c,
            None => bail!(
                "no event {n} in {}: list ids with `watchfloor events --format table`",
                store.path().display()
            ),
        }
    };
    match store.canonical(canonical)? {
        Some(c) => Ok(c),
        None => bail!("no occurrence c{canonical} in {}", store.path().display()),
    }
}

fn estimate(e: &Estimate) -> String {
    match (e.low, e.best, e.high) {
        (Some(l), Some(b), Some(h)) if l == h => format!("{b}"),
        (Some(l), Some(b), Some(h)) => format!("low {l}, best {b}, high {h}"),
        _ => "not reported".into(),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open_read_only()?;
    let c = resolve(&store, &args.id)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let members: Vec<_> = c
            .members
            .iter()
            .map(|m| {
                serde_json::json!({ "event_id": m.event_id, "report_id": m.report_id,
                "report_title": m.report_title, "reason": m.reason, "event": m.event })
            })
            .collect();
        let v = serde_json::json!({ "id": format!("c{}", c.id), "event": c.event,
            "fatalities": c.fatalities, "injuries": c.injuries, "members": members });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let e = &c.event;
    writeln!(
        out,
        "occurrence c{}: {} / {}",
        c.id,
        e.event_type.as_str(),
        e.sub_event_type
    )?;
    writeln!(
        out,
        "  date        {} ({:?} precision)",
        e.event_date, e.date_precision
    )?;
    let coords = match (e.latitude, e.longitude) {
        (Some(a), Some(b)) => format!(" ({a:.4}, {b:.4})"),
        _ => String::new(),
    };
    writeln!(out, "  place       {}, {}{coords}", e.location, e.country)?;
    writeln!(out, "  actor1      {}", e.actor1.as_deref().unwrap_or("-"))?;
    writeln!(out, "  actor2      {}", e.actor2.as_deref().unwrap_or("-"))?;
    writeln!(out, "  fatalities  {}", estimate(&c.fatalities))?;
    for f in &c.fatalities.figures {
        writeln!(
            out,
            "                {} from \"{}\"{}",
            f.value,
            f.report_title,
            f.source
                .as_ref()
                .map(|s| format!(" citing {s}"))
                .unwrap_or_default()
        )?;
    }
    writeln!(out, "  injuries    {}", estimate(&c.injuries))?;
    for f in &c.injuries.figures {
        writeln!(
            out,
            "                {} from \"{}\"",
            f.value, f.report_title
        )?;
    }
    if !e.claims.is_empty() {
        writeln!(out, "  claims")?;
        for cl in &e.claims {
            writeln!(out, "                {:?} by {}", cl.stance, cl.by)?;
        }
    }
    writeln!(out, "\n{} record(s):", c.members.len())?;
    for m in &c.members {
        let me = &m.event;
        writeln!(
            out,
            "\n  event {} from \"{}\": {} {} at {}, {} vs {}, {} dead",
            m.event_id,
            m.report_title,
            me.event_date,
            me.sub_event_type,
            me.location,
            me.actor1.as_deref().unwrap_or("-"),
            me.actor2.as_deref().unwrap_or("-"),
            me.fatalities
                .map(|v| v.to_string())
                .unwrap_or_else(|| "?".into())
        )?;
        for line in m.reason.lines() {
            writeln!(out, "    {line}")?;
        }
        for ev in &me.evidence {
            writeln!(out, "    > {}", ev.text.replace('\n', " "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
