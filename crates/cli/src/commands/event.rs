//! `watchfloor event ID`: one occurrence, every report that tells it, why
//! their records were merged, and what people corrected.
//!
//! ID is an occurrence's citable id (`MLI12`, as every listing prints it)
//! or a per-report record (`r45`, as `events --per-report` prints it),
//! which shows the occurrence it belongs to.

use super::export::StoreArg;
use super::listing::day;
use anyhow::bail;
use std::io::Write;
use std::process::ExitCode;
use watchfloor_store::{CanonicalEvent, Estimate, Found, Store};

#[derive(clap::Args)]
pub struct Args {
    /// Occurrence id (MLI12), or r<N> for a per-report record.
    id: String,
    #[command(flatten)]
    store: StoreArg,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// The occurrence `id` names; a retired id leads to the one it was merged
/// into, saying so.
pub fn resolve(store: &Store, id: &str) -> anyhow::Result<CanonicalEvent> {
    let looks_right = {
        let t = id.trim();
        let digits = t.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        !t.is_empty()
            && digits.len() < t.len()
            && !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
    };
    if !looks_right {
        crate::usage!(
            "bad event id `{id}`: give an occurrence id such as MLI12 (as `watchfloor events --format table` lists them) or a record such as r45"
        );
    }
    let row = match store.find(id)? {
        Found::Occurrence(row) => row,
        Found::Retired { id, into: Some(into), at } => {
            eprintln!("watchfloor: {id} was merged into {into} on {}; showing {into}", day(&at));
            match store.find(&into)? {
                Found::Occurrence(row) => row,
                _ => bail!("{id} was merged into {into}, which no longer exists either"),
            }
        }
        Found::Retired { id, into: None, at } => bail!(
            "{id} names no occurrence any more: the reports that told it were removed or re-coded on {}",
            day(&at)
        ),
        Found::Nothing => bail!(
            "no event {id} in {}: list ids with `watchfloor events --format table`",
            store.path().display()
        ),
    };
    match store.canonical(row)? {
        Some(c) => Ok(c),
        None => bail!("no event {id} in {}", store.path().display()),
    }
}

fn estimate(e: &Estimate) -> String {
    match (e.low, e.best, e.high) {
        (Some(l), Some(b), Some(h)) if l == h => format!("{b}"),
        (Some(l), Some(b), Some(h)) => format!("low {l}, best {b}, high {h}"),
        _ => "not reported".into(),
    }
}

/// A JSON value as a person reads it.
fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "unknown".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
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
                serde_json::json!({ "record": format!("r{}", m.event_id), "report_id": m.report_id,
                "report_title": m.report_title, "reason": m.reason, "event": m.event })
            })
            .collect();
        let v = serde_json::json!({ "id": c.public_id, "event": c.event,
            "fatalities": c.fatalities, "injuries": c.injuries, "review": c.review,
            "members": members });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let e = &c.event;
    let sub = e.sub_event_type.as_str();
    let flag = if c.review.rejected {
        "   [rejected: left out of listings and exports]"
    } else {
        ""
    };
    writeln!(
        out,
        "{}: {} / {sub}{flag}",
        c.public_id,
        e.event_type.as_str()
    )?;
    // The line a corrected field gets after its value.
    let why = |field: &str| -> String {
        match c.review.fields.iter().find(|f| f.field == field) {
            Some(f) => format!(
                "   (set by {} on {}; the coder says {})",
                f.by,
                day(&f.at),
                shown(&f.coder_now)
            ),
            None => String::new(),
        }
    };
    writeln!(
        out,
        "  date        {} ({:?} precision){}",
        e.event_date,
        e.date_precision,
        why("event_date")
    )?;
    let coords = match (e.latitude, e.longitude) {
        (Some(a), Some(b)) => format!(" ({a:.4}, {b:.4})"),
        _ => String::new(),
    };
    let province = c
        .admin1
        .as_deref()
        .map(|a| format!(", {a}"))
        .unwrap_or_default();
    writeln!(
        out,
        "  place       {}{province}, {}{coords}{}",
        e.location,
        e.country,
        why("location")
    )?;
    writeln!(
        out,
        "  actor1      {}{}",
        e.actor1.as_deref().unwrap_or("-"),
        why("actor1")
    )?;
    writeln!(
        out,
        "  actor2      {}{}",
        e.actor2.as_deref().unwrap_or("-"),
        why("actor2")
    )?;
    writeln!(
        out,
        "  fatalities  {}{}",
        estimate(&c.fatalities),
        why("fatalities")
    )?;
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
    writeln!(
        out,
        "  injuries    {}{}",
        estimate(&c.injuries),
        why("injuries")
    )?;
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
    if !c.review.log.is_empty() {
        writeln!(
            out,
            "\ncorrections (applied on top of the coder's output, newest last):"
        )?;
        for l in &c.review.log {
            let what = match l.action.as_str() {
                "set" | "clear" => format!(
                    "{} {}: {} -> {}",
                    l.action,
                    l.field.as_deref().unwrap_or("?"),
                    l.before.as_ref().map(shown).unwrap_or_default(),
                    l.after.as_ref().map(shown).unwrap_or_default()
                ),
                "note" => format!("note: {}", l.note.as_deref().unwrap_or("")),
                "merge" => format!(
                    "merged in {}",
                    l.after.as_ref().map(shown).unwrap_or_default()
                ),
                "merged-into" => format!(
                    "merged into {}",
                    l.after.as_ref().map(shown).unwrap_or_default()
                ),
                "split" => format!(
                    "split off {}",
                    l.after.as_ref().map(shown).unwrap_or_default()
                ),
                "split-from" => format!(
                    "split from {}",
                    l.after.as_ref().map(shown).unwrap_or_default()
                ),
                other => other.to_string(),
            };
            writeln!(out, "  {}  {:<10}  {what}", day(&l.at), l.by)?;
        }
        for f in &c.review.fields {
            if f.coder_agrees() {
                writeln!(
                    out,
                    "  = {}: the coder now gives {} too",
                    f.field,
                    shown(&f.value)
                )?;
            } else if f.coder_changed() {
                writeln!(
                    out,
                    "  ! {}: the coder now says {} (it said {} when {} set {}); the correction stands — clear it with `watchfloor edit {} --clear {}`",
                    f.field,
                    shown(&f.coder_now),
                    shown(&f.coder_then),
                    f.by,
                    shown(&f.value),
                    c.public_id,
                    f.field
                )?;
            }
        }
    }
    writeln!(out, "\n{} record(s):", c.members.len())?;
    for m in &c.members {
        let me = &m.event;
        let msub = me.sub_event_type.as_str();
        writeln!(
            out,
            "\n  r{} from \"{}\" (report {}): {} {msub} at {}, {} vs {}, {} dead",
            m.event_id,
            m.report_title,
            m.report_id,
            me.event_date,
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
