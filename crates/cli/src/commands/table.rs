//! Tables for people: columns fitted to the terminal, text wrapped at word
//! boundaries (a word is never cut; a cell too long for three lines ends in
//! `…` after a whole word).
//!
//! The width is `--width`, else `$COLUMNS`, else the terminal's; output
//! that goes to a pipe or a file without either is not narrowed.

use std::io::Write;

/// How a column's cells sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column: its heading, alignment, and whether its text may wrap
/// (dates, ids and counts never do).
#[derive(Debug, Clone)]
pub struct Column {
    pub heading: String,
    pub align: Align,
    pub wraps: bool,
}

impl Column {
    pub fn text(heading: &str) -> Column {
        Column {
            heading: heading.into(),
            align: Align::Left,
            wraps: true,
        }
    }
    pub fn fixed(heading: &str) -> Column {
        Column {
            heading: heading.into(),
            align: Align::Left,
            wraps: false,
        }
    }
    pub fn number(heading: &str) -> Column {
        Column {
            heading: heading.into(),
            align: Align::Right,
            wraps: false,
        }
    }
}

/// Most lines one cell takes before the rest is elided.
const MAX_LINES: usize = 3;
/// Spaces between columns.
const GAP: usize = 2;

/// The width to fit: `explicit`, else `$COLUMNS`, else the terminal's
/// when standard output is one; `None` (no limit) otherwise.
pub fn width(explicit: Option<usize>) -> Option<usize> {
    if let Some(w) = explicit {
        return Some(w.max(20));
    }
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
    {
        if w > 0 {
            return Some(w.max(20));
        }
    }
    let term = console::Term::stdout();
    if term.is_term() {
        let (_, cols) = term.size();
        return Some((cols as usize).max(20));
    }
    None
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The pieces a line may break between: words, with a break allowed after
/// `/` and `-` too ("Remote explosive/ landmine/IED").
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut cur = String::new();
        for c in word.chars() {
            cur.push(c);
            if (c == '/' || c == '-') && chars(&cur) > 1 {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// `text` in lines of at most `w` characters, broken between pieces; a
/// piece longer than `w` stands alone on its line (never cut), and after
/// [`MAX_LINES`] lines the rest is elided with `…`.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let ps = pieces(text);
    for (i, p) in ps.iter().enumerate() {
        // Pieces split at `/` or `-` join without a space.
        let joined = i > 0
            && (ps[i - 1].ends_with('/') || ps[i - 1].ends_with('-'))
            && !text_has_space_between(text, &ps[i - 1], p);
        let sep = if line.is_empty() || joined { "" } else { " " };
        if !line.is_empty() && chars(&line) + chars(sep) + chars(p) > w {
            lines.push(std::mem::take(&mut line));
            line.push_str(p);
        } else {
            line.push_str(sep);
            line.push_str(p);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = lines.last_mut().expect("a line");
        // Drop whole words until the ellipsis fits, and a word's first
        // half before a hyphen or slash.
        while (chars(last) + 2 > w || last.ends_with(['-', '/'])) && last.contains(' ') {
            let cut = last.rfind(' ').expect("a space");
            last.truncate(cut);
        }
        last.push_str(" …");
    }
    lines
}

/// Whether `a` and `b` stood apart (a space between them) in `text`.
fn text_has_space_between(text: &str, a: &str, b: &str) -> bool {
    text.contains(&format!("{a} {b}")) && !text.contains(&format!("{a}{b}"))
}

/// Each column's widest cell (or heading).
fn natural(cols: &[Column], rows: &[Vec<String>]) -> Vec<usize> {
    (0..cols.len())
        .map(|i| {
            rows.iter()
                .map(|r| chars(&r[i]))
                .chain([chars(&cols[i].heading)])
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// Each column's narrowest width: its longest word (or heading) for a
/// column that wraps, its widest cell for one that does not.
fn floor(cols: &[Column], rows: &[Vec<String>]) -> Vec<usize> {
    let natural = natural(cols, rows);
    (0..cols.len())
        .map(|i| {
            if !cols[i].wraps {
                return natural[i];
            }
            let longest = rows
                .iter()
                .flat_map(|r| pieces(&r[i]))
                .map(|p| chars(&p))
                .chain([chars(&cols[i].heading)])
                .max()
                .unwrap_or(1);
            longest.min(natural[i]).max(1)
        })
        .collect()
}

fn total(w: &[usize]) -> usize {
    w.iter().sum::<usize>() + GAP * w.len().saturating_sub(1)
}

/// Whether `rows` under `cols` fit `limit` without cutting a word.
pub fn fits(cols: &[Column], rows: &[Vec<String>], limit: Option<usize>) -> bool {
    limit.is_none_or(|l| total(&floor(cols, rows)) <= l)
}

/// Column widths for `rows` within `limit`: every column its widest cell
/// when that fits; else columns that wrap give up room, in proportion to
/// what they would like beyond their longest word (never below it).
fn widths(cols: &[Column], rows: &[Vec<String>], limit: Option<usize>) -> Vec<usize> {
    let n = cols.len();
    let natural = natural(cols, rows);
    let Some(limit) = limit else { return natural };
    if total(&natural) <= limit {
        return natural;
    }
    let floor = floor(cols, rows);
    let room = limit.saturating_sub(total(&floor));
    let want: Vec<usize> = (0..n)
        .map(|i| natural[i] - floor[i].min(natural[i]))
        .collect();
    let wanted: usize = want.iter().sum();
    let mut out = floor.clone();
    for i in 0..n {
        out[i] += (want[i] * room).checked_div(wanted).unwrap_or(0);
    }
    out
}

/// Writes `rows` under `cols`' headings within `limit` characters.
pub fn write(
    out: &mut impl Write,
    cols: &[Column],
    rows: &[Vec<String>],
    limit: Option<usize>,
) -> std::io::Result<()> {
    let w = widths(cols, rows, limit);
    let heading: Vec<Vec<String>> = cols.iter().map(|c| vec![c.heading.clone()]).collect();
    write_row(out, cols, &w, &heading)?;
    for r in rows {
        let cells: Vec<Vec<String>> = r
            .iter()
            .zip(cols)
            .zip(&w)
            .map(|((text, c), &w)| {
                if c.wraps {
                    wrap(text, w)
                } else {
                    vec![text.clone()]
                }
            })
            .collect();
        write_row(out, cols, &w, &cells)?;
    }
    Ok(())
}

fn write_row(
    out: &mut impl Write,
    cols: &[Column],
    w: &[usize],
    cells: &[Vec<String>],
) -> std::io::Result<()> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(1);
    for line in 0..height {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let part = cell.get(line).map(String::as_str).unwrap_or("");
            let pad = w[i].saturating_sub(chars(part));
            if i > 0 {
                text.push_str(&" ".repeat(GAP));
            }
            match cols[i].align {
                Align::Left => {
                    text.push_str(part);
                    text.push_str(&" ".repeat(pad));
                }
                Align::Right => {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(part);
                }
            }
        }
        writeln!(out, "{}", text.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(
            wrap("Explosions / Remote explosive/landmine/IED", 20),
            ["Explosions / Remote", "explosive/landmine/", "IED"]
        );
        let jnim = wrap("Jama'at Nusrat al-Islam wal-Muslimin", 12);
        assert_eq!(jnim, ["Jama'at", "Nusrat al-", "Islam …"]);
        for line in wrap("a few short words that go on and on and on and on", 10) {
            assert!(line.chars().count() <= 10, "{line}");
        }
        let long = wrap("one two three four five six seven eight nine ten", 9);
        assert_eq!(long.len(), MAX_LINES);
        assert!(long[2].ends_with(" …"), "{long:?}");
    }

    #[test]
    fn a_table_fits_its_width() {
        let cols = [
            Column::fixed("id"),
            Column::text("actor"),
            Column::number("dead"),
        ];
        let rows = vec![vec![
            "MLI1".into(),
            "Jama'at Nusrat al-Islam wal-Muslimin".into(),
            "12".into(),
        ]];
        let mut out = Vec::new();
        write(&mut out, &cols, &rows, Some(30)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
        assert!(text.contains("Muslimin"), "no word is cut: {text}");
        let mut wide = Vec::new();
        write(&mut wide, &cols, &rows, None).unwrap();
        assert_eq!(String::from_utf8(wide).unwrap().lines().count(), 2);
    }
}
