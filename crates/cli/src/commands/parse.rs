//! `watchfloor parse PATH... [--format text|json]`: print each report's structure.
//!
//! The JSON form is a contract other tools read: one top-level array holding
//! every report of every file, in the model's serialisation. Files that fail
//! are reported on stderr (file, line, problem) and the rest still print;
//! the exit code is then 1.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use watchfloor_model::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A human-readable outline: title, counts, sources, notes, images.
    Text,
    /// A JSON array of reports (the model's own serialisation).
    Json,
}

/// Parse reports (plain text, Markdown, HTML or JSON) and print their structure.
#[derive(clap::Args)]
#[command(
    after_help = "Directories are read recursively for .txt .md .markdown .html .htm .json files.\n\
Exit status: 0 when every file parsed, 1 when some file could not be parsed, 2 on usage errors."
)]
pub struct Args {
    /// Report files or directories.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    date: super::DateArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let mut all = Vec::new();
    for p in &args.paths {
        for r in watchfloor_parse::parse_path_with(p, args.date.options(Default::default())) {
            match r {
                Ok(reports) => all.extend(reports),
                Err(e) => {
                    eprintln!("watchfloor: {e}");
                    failed = true;
                }
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        Format::Text => {
            for (i, r) in all.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write_outline(&mut out, r)?;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The human-readable outline of one report.
fn write_outline(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    writeln!(out, "{}", r.title)?;
    writeln!(out, "  file: {} [{}]", r.file, r.span)?;
    writeln!(
        out,
        "  {} paragraphs, {} sources, {} notes, {} images, {} summary block(s)",
        r.paragraphs.len(),
        r.sources.len(),
        r.notes.len(),
        r.images.len(),
        r.summary.len()
    )?;
    let layout = serde_json::to_value(r.layout)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    match &r.reference_date {
        Some(d) => {
            let from = serde_json::to_value(d.provenance)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            writeln!(
                out,
                "  layout: {layout}  reference date: {} (from {from})",
                d.date
            )?
        }
        None => writeln!(out, "  layout: {layout}  reference date: none")?,
    }
    for f in &r.furniture {
        let role = serde_json::to_value(f.role)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(out, "  {role}: {}", short(&f.text, 80))?;
    }
    if let Some(c) = &r.image_caption {
        writeln!(out, "  caption: {}", short(&c.text, 100))?;
    }
    if let Some(q) = &r.quote {
        writeln!(out, "  quote: {}", short(&q.text, 100))?;
    }
    for (i, s) in r.sources.iter().enumerate() {
        let or_dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "  source {}: {}",
            i + 1,
            short(s.original_title.as_deref().unwrap_or(&s.citation.text), 80)
        )?;
        if let Some(t) = &s.translated_title {
            writeln!(out, "    translation: {}", short(t, 80))?;
        }
        if !s.authors.is_empty() {
            writeln!(out, "    authors: {}", s.authors.join("; "))?;
        }
        let date = s.date.map(|d| {
            if s.date_is_access {
                format!("{d} (accessed)")
            } else {
                d.to_string()
            }
        });
        writeln!(
            out,
            "    language: {}  outlet: {}{}  date: {}  excerpt: {} paragraph(s)",
            or_dash(&s.language),
            or_dash(&s.outlet),
            s.outlet_description
                .as_ref()
                .map(|d| format!(" ({})", short(d, 50)))
                .unwrap_or_default(),
            date.unwrap_or_else(|| "-".into()),
            s.excerpt.len()
        )?;
        writeln!(out, "    url: {}", or_dash(&s.url))?;
    }
    for n in &r.notes {
        writeln!(out, "  note [{}]: {}", n.marker, short(&n.text, 80))?;
        for u in &n.urls {
            writeln!(out, "    url: {u}")?;
        }
    }
    for img in &r.images {
        writeln!(
            out,
            "  image: {} | source: {} | attribution: {}",
            short(img.caption.as_deref().unwrap_or("-"), 60),
            img.source_url.as_deref().unwrap_or("-"),
            img.attribution.as_deref().unwrap_or("-")
        )?;
    }
    for w in &r.warnings {
        writeln!(out, "  warning: {w}")?;
    }
    Ok(())
}

/// `s` cut to `max` characters, with an ellipsis when cut, on one line.
fn short(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn sample_report() -> Report {
        let text = "River Ports Close After Raids\n\nA quay at dusk.\n\n“No boat leaves at night.”\n\nRaids rose in March.[i]\n\nSources:\n\n“Los puertos cierran tras los asaltos (Ports close after raids),” Diario del Río (regional daily), 2 April 2023. https://example.org/a\n\nThe ports closed on Monday.\n\nNotes:\n\n[i] See https://example.org/n\n\nImage Information:\n\nImage: A quay at dusk.\nSource: https://example.org/q.jpg\nAttribution: Public Domain\n";
        watchfloor_parse::parse_text(text, "river.txt").remove(0)
    }

    #[test]
    fn format_defaults_to_text_and_accepts_json() {
        let cli = Cli::try_parse_from(["parse", "a.txt"]).unwrap();
        assert_eq!(cli.args.format, Format::Text);
        let cli = Cli::try_parse_from(["parse", "a.txt", "b", "--format", "json"]).unwrap();
        assert_eq!(cli.args.format, Format::Json);
        assert_eq!(cli.args.paths.len(), 2);
    }

    #[test]
    fn usage_errors_exit_with_2() {
        let no_path = Cli::try_parse_from(["parse"])
            .err()
            .expect("a path is required");
        assert_eq!(no_path.exit_code(), 2);
        let bad_format = Cli::try_parse_from(["parse", "a.txt", "--format", "xml"])
            .err()
            .expect("xml is no format");
        assert_eq!(bad_format.exit_code(), 2);
    }

    #[test]
    fn outline_lists_sources_notes_and_images() {
        let mut out = Vec::new();
        write_outline(&mut out, &sample_report()).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("River Ports Close After Raids\n"), "{s}");
        assert!(
            s.contains("1 paragraphs, 1 sources, 1 notes, 1 images"),
            "{s}"
        );
        assert!(
            s.contains("language: es  outlet: Diario del Río (regional daily)  date: 2023-04-02"),
            "{s}"
        );
        assert!(s.contains("url: https://example.org/a"), "{s}");
        assert!(s.contains("note [i]: See https://example.org/n"), "{s}");
        assert!(s.contains("attribution: Public Domain"), "{s}");
    }

    #[test]
    fn long_text_is_shortened_on_one_line() {
        assert_eq!(short("a\nb", 10), "a b");
        assert_eq!(short("abcdef", 3), "abc…");
    }
}
