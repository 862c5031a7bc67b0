//! `watchfloor actors lookup NAME [--format text|json]` and
//! `watchfloor actors mentions [FILE...] [--format text|json]`
//!
//! Lookup shows which catalogue actor a name resolves to, so a reviewer can
//! check how an event's actor will be coded; mentions shows every actor the
//! finder sees in a text, with byte spans. Both read the catalogue built into
//! the binary, or with `--data DIR` the files under `DIR` (`DIR/demonyms.tsv`
//! and `DIR/actors/*.toml`), which is how an edited catalogue is checked
//! before it is rebuilt in.

use anyhow::Context as _;
use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use watchfloor_actors::{Actor, Catalogue, CatalogueBuilder};

#[derive(clap::Args)]
pub struct Args {
    /// Read the catalogue from this data directory (with `demonyms.tsv` and
    /// `actors/*.toml`) instead of the one built in.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: ActorsCommand,
}

#[derive(clap::Subcommand)]
enum ActorsCommand {
    /// Resolve a name ("JNIM", "the Malian army", "ISIS-K") to catalogue
    /// actors, best match first.
    Lookup(LookupArgs),
    /// List every actor mention in text files (or standard input).
    Mentions(MentionsArgs),
}

#[derive(clap::Args)]
struct LookupArgs {
    /// The name or phrase to look up.
    name: String,
    /// Output format; `json` prints an array of actors, best match first.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Maximum number of actors printed.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

#[derive(clap::Args)]
struct MentionsArgs {
    /// Text files to read; standard input when none is given.
    files: Vec<PathBuf>,
    /// Output format; `json` prints one array of mentions per file.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let catalogue = load(args.data.as_deref())?;
    let mut out = String::new();
    let code = match args.command {
        ActorsCommand::Lookup(a) => lookup(&catalogue, a, &mut out)?,
        ActorsCommand::Mentions(a) => mentions(&catalogue, a, &mut out)?,
    };
    // A closed pipe (`| head`) is the reader's choice, not an error.
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(code),
    }
}

fn load(data: Option<&Path>) -> anyhow::Result<Catalogue> {
    let Some(dir) = data else {
        return Ok(Catalogue::load_default()?);
    };
    let mut b = CatalogueBuilder::new();
    let demonyms = dir.join("demonyms.tsv");
    if demonyms.exists() {
        let text = std::fs::read_to_string(&demonyms)
            .with_context(|| format!("cannot read {}", demonyms.display()))?;
        b.demonyms(&text, &demonyms.display().to_string())?;
    }
    let actors_dir = dir.join("actors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&actors_dir)
        .with_context(|| {
            format!(
                "cannot read {}: --data needs a directory with actors/*.toml",
                actors_dir.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for f in files {
        let text =
            std::fs::read_to_string(&f).with_context(|| format!("cannot read {}", f.display()))?;
        b.toml(&text, &f.display().to_string())?;
    }
    Ok(b.build()?)
}

fn lookup(cat: &Catalogue, a: LookupArgs, out: &mut String) -> anyhow::Result<ExitCode> {
    let found: Vec<&Actor> = cat.lookup(&a.name).into_iter().take(a.limit).collect();
    match a.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?,
        Format::Text => {
            for actor in &found {
                print_actor(cat, actor, out)?;
            }
        }
    }
    if found.is_empty() {
        eprintln!(
            "watchfloor: no actor matches \"{}\"; try a shorter name or an acronym",
            a.name
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_actor(cat: &Catalogue, a: &Actor, out: &mut String) -> std::fmt::Result {
    let kind = serde_json::to_value(a.kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    write!(out, "{} [{}] {}, inter {}", a.name, a.id, kind, a.inter)?;
    if !a.countries.is_empty() {
        write!(out, ", {}", a.countries.join(" "))?;
    }
    if let Some(parent) = &a.affiliation {
        let pname = cat.get(parent).map_or(parent.as_str(), |p| p.name.as_str());
        write!(out, "; affiliated with {pname}")?;
    }
    writeln!(out)?;
    if let (Some(to), on) = (&a.renamed_to, &a.renamed_on) {
        writeln!(
            out,
            "  renamed to {to}{}",
            on.as_ref().map(|d| format!(" on {d}")).unwrap_or_default()
        )?;
    }
    if !a.aliases.is_empty() {
        writeln!(out, "  aliases: {}", a.aliases.join(", "))?;
    }
    if let Some(n) = &a.note {
        writeln!(out, "  note: {n}")?;
    }
    Ok(())
}

fn mentions(cat: &Catalogue, a: MentionsArgs, out: &mut String) -> anyhow::Result<ExitCode> {
    let mut inputs: Vec<(String, String)> = Vec::new();
    if a.files.is_empty() {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input as UTF-8 text")?;
        inputs.push(("<stdin>".into(), text));
    }
    let mut failed = false;
    for f in &a.files {
        match std::fs::read_to_string(f) {
            Ok(t) => inputs.push((f.display().to_string(), t)),
            Err(e) => {
                eprintln!(
                    "watchfloor: {}: cannot read as UTF-8 text: {e}",
                    f.display()
                );
                failed = true;
            }
        }
    }
    for (name, text) in &inputs {
        let found = cat.find_mentions(text);
        match a.format {
            Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?,
            Format::Text => {
                for m in &found {
                    let what = match (&m.actor, m.generic) {
                        (Some(id), _) => {
                            format!(
                                "{} [{id}]",
                                cat.get(id).map_or(id.as_str(), |x| x.name.as_str())
                            )
                        }
                        (None, Some(g)) => format!(
                            "generic {}",
                            serde_json::to_value(g)?.as_str().unwrap_or("")
                        ),
                        (None, None) => "?".into(),
                    };
                    writeln!(out, "{name}:{}\t{}\t{what}", m.span, m.surface)?;
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
