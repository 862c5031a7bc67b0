//! Reads OE Watch-style intelligence reports into the watchfloor [`Report`] model.
//!
//! # The format
//!
//! A report is a title line, an image caption, a pull quote in curly quotes,
//! an optional `Summary:` line, commentary paragraphs with note markers
//! (`[i]`, `[ii]` …), then labelled sections in any order: `Sources:` (each
//! citation — `Authors, “Original title (English title),” Outlet (description),
//! date. URL` — followed by its translated excerpt paragraphs), `Notes:`
//! (`[i] …`), `OE Insight Summary:` and `Image Information:` (`Image:`,
//! `Source:`, `Attribution:` lines). A plain-text file may hold many reports
//! with nothing but blank lines between them, so report starts are found from
//! structure — a short title-like line followed by a caption and a quote —
//! never from known titles. Markdown and HTML renderings use headings for
//! titles and sections and a blockquote for the pull quote; JSON is the
//! model's own serialisation.
//!
//! # Invariants
//!
//! * Every element carries the byte [`Span`](watchfloor_model::Span) it was
//!   read from. For plain text, `&file[span] == text` for the title, caption,
//!   quote, summary, paragraphs, excerpts and notes: later stages highlight
//!   evidence by slicing the file with these spans.
//! * Parsing never panics and never needs memory beyond a small multiple of
//!   the input: files are read with a size cap ([`MAX_FILE_BYTES`]), structure
//!   is found line by line with byte checks, and regexes only ever run on
//!   short citation candidates. HTML is walked iteratively, so deep nesting
//!   cannot overflow the stack.
//! * Throughput: finding the structure of plain text runs at several hundred
//!   MB/s on one core; detecting each source title's language (whatlang,
//!   tens of microseconds a title) costs more than all the rest together on
//!   reports as dense in sources as the sample. [`Options`] can turn it off
//!   for callers that need only the structure. See `benches/throughput.rs`.
//! * Irregularities the parser recovers from (a missing section, a citation
//!   it could not split) are recorded in [`Report::warnings`], not dropped
//!   silently; only unreadable input (binary, invalid UTF-8 or UTF-16,
//!   empty, too large, malformed JSON) is a [`ParseError`].
//! * Encodings and line endings: UTF-8 (with or without a byte-order mark)
//!   and UTF-16 LE/BE with a byte-order mark are read; a UTF-16 file's spans
//!   count bytes of its decoded UTF-8 text. A carriage return that is not
//!   part of CRLF ends a line like a line feed (old Mac files, mixed
//!   endings); it is replaced byte for byte, so spans still count file
//!   bytes.

use std::fs;
use std::io::Read;
use std::path::Path;
use watchfloor_model::{
    DateOrder, DateProvenance, InputFormat, PartialDate, ReferenceDate, Report,
};

mod assemble;
mod blocks;
mod citation;
mod date;
mod dateline;
mod html;
mod json;
mod lang;
mod markdown;
mod markup;
mod prose;
mod text;
mod util;

pub use citation::{parse_citation, Citation};
pub use date::parse_date;
pub use lang::detect_language;

/// The largest file the parser reads (512 MiB); beyond it, a [`ParseError`]
/// asks the user to split the file, rather than risk exhausting memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// File extensions read when a directory is walked.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "json"];

/// A file that could not be parsed, and why.
///
/// The message is written for the person running the tool: it says what is
/// wrong and, where it can, what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ParseError {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line of the problem, where one line is to blame.
    pub line: Option<usize>,
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        ParseError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Parse every report in `path`: a file, or a directory walked recursively
/// for files with a supported extension ([`EXTENSIONS`]), in sorted order.
///
/// One result per file, so one bad file never hides the others.
pub fn parse_path(path: &Path) -> Vec<Result<Vec<Report>, ParseError>> {
    parse_path_with(path, Options::default())
}

/// [`parse_path`] with [`Options`]: a caller that never reads source
/// languages (event coding) can skip detecting them in plain-text files.
pub fn parse_path_with(path: &Path, options: Options) -> Vec<Result<Vec<Report>, ParseError>> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return vec![Err(ParseError::new(
                &path.display().to_string(),
                None,
                format!("cannot read: {e}; check the path exists and is readable"),
            ))]
        }
    };
    if !meta.is_dir() {
        return vec![parse_file(path, options)];
    }
    let (files, errors) = report_files(path);
    let mut out: Vec<_> = errors.into_iter().map(Err).collect();
    out.extend(files.iter().map(|f| parse_file(f, options)));
    if out.is_empty() {
        out.push(Err(ParseError::new(
            &path.display().to_string(),
            None,
            format!(
                "directory holds no report files (looked for .{} files)",
                EXTENSIONS.join(", .")
            ),
        )));
    }
    out
}

/// The report files under `dir`: every file with a supported extension
/// ([`EXTENSIONS`], any case), a symlinked file included, sorted by path
/// (which is depth-first, each directory's entries by name). Hidden entries
/// (a name starting with `.`) are skipped below `dir`; `dir` itself may be
/// one. A directory that cannot be listed is an error, and the walk goes on.
///
/// The one directory walker: [`parse_path`] and the CLI's `ingest` use it.
/// It keeps an explicit stack (no recursion) and follows no symlinked
/// directory, so a link loop cannot hang it.
pub fn report_files(dir: &Path) -> (Vec<std::path::PathBuf>, Vec<ParseError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    collect_files(dir, &mut files, &mut errors);
    files.sort();
    (files, errors)
}

fn collect_files(dir: &Path, files: &mut Vec<std::path::PathBuf>, errors: &mut Vec<ParseError>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                errors.push(ParseError::new(
                    &d.display().to_string(),
                    None,
                    format!("cannot list directory: {e}"),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(p);
            } else if has_supported_extension(&p) && (ft.is_file() || p.is_file()) {
                files.push(p);
            }
        }
    }
}

fn has_supported_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads one file under the size cap and parses it.
fn parse_file(path: &Path, options: Options) -> Result<Vec<Report>, ParseError> {
    let name = path.display().to_string();
    let file = fs::File::open(path)
        .map_err(|e| ParseError::new(&name, None, format!("cannot open: {e}")))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return Err(too_large(&name, len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Read at most one byte past the cap, in case the file grows while we read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ParseError::new(&name, None, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
    }
    parse_bytes_with(&bytes, &name, options)
}

fn too_large(name: &str, len: u64) -> ParseError {
    ParseError::new(
        name,
        None,
        format!(
            "file is {} MiB, over the {} MiB limit; split it into smaller files",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Parse the contents of one file. The format is taken from the file name's
/// extension, else sniffed from the content (`{`/`[` → JSON, `<html`/doctype
/// → HTML, a leading `# ` heading → Markdown, anything else → plain text).
///
/// UTF-8 and UTF-16 with a byte-order mark are read; CR-only and mixed line
/// endings are handled (see `decode` below for what spans then count).
/// Binary content, invalid UTF-8 or UTF-16 and empty files are errors
/// naming the line.
pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Vec<Report>, ParseError> {
    parse_bytes_with(bytes, file, Options::default())
}

/// [`parse_bytes`] with [`Options`] (they apply to plain text; Markdown and
/// HTML always detect languages, their sources being few).
pub fn parse_bytes_with(
    bytes: &[u8],
    file: &str,
    options: Options,
) -> Result<Vec<Report>, ParseError> {
    let mut reports = Vec::new();
    parse_bytes_each(bytes, file, options, &mut |r| reports.push(r))?;
    Ok(reports)
}

/// [`parse_bytes_with`], handing each report to `sink` as soon as it is read
/// instead of collecting them, and returning how many there were.
///
/// Plain text, the format of large digests and feeds, is read one report
/// at a time: memory holds the file, its list of blocks (spans, not text)
/// and the report being read, never every report of the file. Markdown, HTML
/// and JSON are read whole first (their structure is a tree) and then
/// handed out one by one.
///
/// Errors about the whole file (binary, mis-encoded, empty) come before any
/// report is handed out; "no report found" comes when none was.
pub fn parse_bytes_each(
    bytes: &[u8],
    file: &str,
    options: Options,
    sink: &mut dyn FnMut(Report),
) -> Result<usize, ParseError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    let (text, offset) = decode(bytes, file)?;
    let text: &str = &text;
    if text.trim().is_empty() {
        return Err(ParseError::new(
            file,
            None,
            "file is empty: there is no report to parse",
        ));
    }
    let ctx = FileContext::new(text, file, options);
    let mut count = 0usize;
    let mut emit = |r: Report| {
        count += 1;
        sink(if offset > 0 {
            util::shift_report(r, offset)
        } else {
            r
        });
    };
    let whole = match sniff(text, file) {
        InputFormat::Json => parse_json(text, file)?,
        InputFormat::Html => html::parse(text, file, &ctx)?,
        InputFormat::Markdown => markdown::parse(text, file, &ctx),
        InputFormat::Text => {
            text::parse(text, file, options, &ctx, &mut emit);
            Vec::new()
        }
    };
    whole.into_iter().for_each(&mut emit);
    if count == 0 {
        return Err(ParseError::new(
            file,
            None,
            "no report found: expected a title line followed by the report's sections",
        ));
    }
    Ok(count)
}

/// The text of a file, and how many bytes of the file precede it (a UTF-8
/// byte-order mark), by which spans are shifted to count from the file's
/// start.
///
/// * UTF-8, with or without a byte-order mark, is read as it is.
/// * UTF-16 with a byte-order mark (little- or big-endian, as Windows tools
///   save "Unicode" text) is decoded to UTF-8. Spans of such a file count
///   bytes of the decoded UTF-8 text (without the mark), not of the file:
///   `&utf8_text[span] == text` holds for the decoded text.
/// * A carriage return not followed by a line feed (old Mac line endings,
///   or a file that mixes them with CRLF) ends a line: it is read as a line
///   feed. The replacement is byte for byte, so spans still count bytes of
///   the file; only the line-break character inside a span differs.
fn decode<'a>(
    bytes: &'a [u8],
    file: &str,
) -> Result<(std::borrow::Cow<'a, str>, usize), ParseError> {
    use std::borrow::Cow;
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((rest, false)),
        [0xFE, 0xFF, rest @ ..] => Some((rest, true)),
        _ => None,
    };
    let (text, offset): (Cow<'a, str>, usize) = if let Some((rest, big_endian)) = utf16 {
        if rest.len() % 2 == 1 {
            return Err(ParseError::new(
                file,
                None,
                "UTF-16 file (it starts with a byte-order mark) with an odd number of bytes: it is cut short; re-save it, or convert it with `iconv -f UTF-16 -t UTF-8`",
            ));
        }
        let units = rest.chunks_exact(2).map(|p| {
            if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        let mut out = String::with_capacity(rest.len() / 2 * 3 / 2);
        let mut line = 1;
        for (i, c) in char::decode_utf16(units).enumerate() {
            match c {
                Ok(c) => {
                    line += usize::from(c == '\n');
                    out.push(c);
                }
                Err(_) => {
                    return Err(ParseError::new(
                        file,
                        Some(line),
                        format!(
                            "invalid UTF-16 at byte {} (a lone surrogate); re-save the file, or convert it with `iconv -f UTF-16 -t UTF-8`",
                            2 + 2 * i
                        ),
                    ))
                }
            }
        }
        // Text has lines and words; a binary file that happens to start
        // with FF FE (or FE FF) decodes to a run of unrelated characters
        // without either, and is judged below as the bytes it is.
        if !out.chars().any(char::is_whitespace) {
            return decode_utf8(bytes, file);
        }
        if out.contains('\0') {
            let pos = out.find('\0').unwrap_or(0);
            return Err(ParseError::new(
                file,
                Some(util::line_of(out.as_bytes(), pos)),
                "this looks like a binary file (it contains NUL characters), not a report",
            ));
        }
        (Cow::Owned(out), 0)
    } else {
        return decode_utf8(bytes, file);
    };
    Ok((lone_cr_to_lf(text), offset))
}

/// [`decode`] for a file read as UTF-8: NUL bytes mean binary, a UTF-8
/// byte-order mark is skipped.
fn decode_utf8<'a>(
    bytes: &'a [u8],
    file: &str,
) -> Result<(std::borrow::Cow<'a, str>, usize), ParseError> {
    use std::borrow::Cow;
    let (text, offset) = {
        // A NUL byte never occurs in text; look in the first 64 KiB like `file(1)` does.
        let head = &bytes[..bytes.len().min(64 * 1024)];
        if let Some(pos) = memchr::memchr(0, head) {
            return Err(ParseError::new(
                file,
                Some(util::line_of(bytes, pos)),
                "this looks like a binary file (it contains NUL bytes), not a report; if it is UTF-16 text without a byte-order mark, convert it with `iconv -f UTF-16LE -t UTF-8`",
            ));
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let pos = e.valid_up_to();
                return Err(ParseError::new(
                    file,
                    Some(util::line_of(bytes, pos)),
                    format!(
                        "invalid UTF-8 at byte {pos}; re-save the file as UTF-8 (e.g. `iconv -t UTF-8`)"
                    ),
                ));
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        (Cow::Borrowed(text), bytes.len() - text.len())
    };
    Ok((lone_cr_to_lf(text), offset))
}

/// Carriage returns that do not start a CRLF pair become line feeds, byte
/// for byte (so offsets do not move); text without any is not copied.
fn lone_cr_to_lf(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', b).any(lone) {
        return text;
    }
    let mut out = b.to_vec();
    for i in memchr::memchr_iter(b'\r', b) {
        if lone(i) {
            out[i] = b'\n';
        }
    }
    // Only ASCII bytes changed, so the text is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).expect("ASCII replaced by ASCII"))
}

/// Decides the input format from the file name, falling back on the content.
fn sniff(text: &str, file: &str) -> InputFormat {
    let ext = Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => return InputFormat::Json,
        Some("html" | "htm") => return InputFormat::Html,
        Some("md" | "markdown") => return InputFormat::Markdown,
        Some("txt") => return InputFormat::Text,
        _ => {}
    }
    let start = text.trim_start();
    let lower: String = start
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    if start.starts_with('{') || start.starts_with('[') && !start.starts_with("[i]") {
        InputFormat::Json
    } else if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<article")
        || lower.starts_with("<body")
    {
        InputFormat::Html
    } else if start.starts_with("# ") {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    }
}

/// What the parser knows of a whole file before reading its reports: the
/// order of day and month in its numeric dates, and the date that dates its
/// reports when they print none (a date in the file name, else `--date`).
pub(crate) struct FileContext {
    pub order: DateOrder,
    pub file_date: Option<ReferenceDate>,
}

impl FileContext {
    fn new(text: &str, file: &str, options: Options) -> Self {
        let name_date = file_name_date(file).map(|date| ReferenceDate {
            date,
            provenance: DateProvenance::FileName,
            span: None,
        });
        let given = options.default_date.map(|date| ReferenceDate {
            date,
            provenance: DateProvenance::CommandLine,
            span: None,
        });
        FileContext {
            order: dateline::infer_date_order(text),
            file_date: name_date.or(given),
        }
    }
}

/// A date in a file's name: `2021-04-17-bulletin.txt`, `report_20210417.md`.
fn file_name_date(file: &str) -> Option<PartialDate> {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|\D)((?:19|20)\d\d)[-_.]?([01]\d)[-_.]?([0-3]\d)(?:\D|$)")
            .expect("compiles")
    });
    let name = Path::new(file).file_name()?.to_str()?;
    let c = DATE.captures(name)?;
    let num = |i: usize| c[i].parse::<u32>().ok();
    chrono::NaiveDate::from_ymd_opt(num(1)? as i32, num(2)?, num(3)?).map(PartialDate::day)
}

/// Parse the plain-text format: one or more reports separated only by blank lines.
pub fn parse_text(text: &str, file: &str) -> Vec<Report> {
    parse_text_with(text, file, Options::default())
}

/// What the parser does beyond finding structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Detect each source title's language and script (on by default). It
    /// dominates the cost of parsing — whatlang takes tens of microseconds a
    /// title — so a caller that only needs the structure may turn it off.
    pub detect_languages: bool,
    /// The date of input that prints none (`--date`): relative dates in a
    /// report with no Sources, dateline, meta date or dated file name
    /// resolve against it.
    pub default_date: Option<PartialDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            detect_languages: true,
            default_date: None,
        }
    }
}

/// [`parse_text`] with [`Options`].
pub fn parse_text_with(text: &str, file: &str, options: Options) -> Vec<Report> {
    let mut reports = Vec::new();
    let ctx = FileContext::new(text, file, options);
    text::parse(text, file, options, &ctx, &mut |r| reports.push(r));
    reports
}

/// Parse a Markdown rendering: `#` headings for titles and sections, a
/// blockquote for the pull quote, an image or italic line for the caption.
pub fn parse_markdown(text: &str, file: &str) -> Vec<Report> {
    markdown::parse(
        text,
        file,
        &FileContext::new(text, file, Options::default()),
    )
}

/// Parse an HTML rendering (headings, `<blockquote>`, `<figcaption>`, `<p>`, `<li>`).
pub fn parse_html(text: &str, file: &str) -> Result<Vec<Report>, ParseError> {
    html::parse(
        text,
        file,
        &FileContext::new(text, file, Options::default()),
    )
}

/// Parse the model's own JSON: an array of reports or a single report.
/// `parse_json(serde_json::to_string(&reports))` gives `reports` back.
pub fn parse_json(text: &str, file: &str) -> Result<Vec<Report>, ParseError> {
    json::parse(text, file)
}
