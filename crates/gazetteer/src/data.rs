//! Parsers for the hand-written data files embedded in the crate
//! (`data/places-supplement.tsv`, `data/countries.tsv`, `data/stoplist.txt`)
//! and for the generated TSV intermediates.
//!
//! Every error names the file and line and says what is wrong, because these
//! files are edited by hand and a bad row must be easy to find.

use crate::{GazetteerError, PlaceKind};

/// One reviewed supplement row.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplementRow {
    pub name: String,
    pub alternates: Vec<String>,
    pub country: String,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub kind: PlaceKind,
    pub source: String,
    /// 1-based line in the file, for later error messages.
    pub line: usize,
}

/// One row of `countries.tsv`: aliases and demonyms for a country whose
/// base record (coordinates, capital) comes from the generated index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CountryRow {
    pub iso2: String,
    /// Preferred English display name, when GeoNames' differs.
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    /// Representative point overriding the shape centroid.
    pub point: Option<(f64, f64)>,
}

fn err(file: &str, line: usize, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Data {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Non-comment, non-blank lines with 1-based line numbers.
fn rows(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            None
        } else {
            Some((i + 1, l))
        }
    })
}

fn list(s: &str) -> Vec<String> {
    s.split([';', '|'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

pub fn parse_coord(
    file: &str,
    line: usize,
    what: &str,
    s: &str,
    limit: f64,
) -> Result<f64, GazetteerError> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| err(file, line, format!("{what} {s:?} is not a number")))?;
    if !v.is_finite() || v.abs() > limit {
        return Err(err(file, line, format!("{what} {v} is outside ±{limit}")));
    }
    Ok(v)
}

pub fn check_iso2(file: &str, line: usize, s: &str) -> Result<String, GazetteerError> {
    let s = s.trim();
    if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(err(
            file,
            line,
            format!("country {s:?} is not an ISO 3166-1 alpha-2 code such as ML or PK"),
        ));
    }
    Ok(s.to_string())
}

/// Parse the supplement: `name, alternates, iso2, admin1, lat, lon, kind,
/// source`, tab-separated; alternates separated by `;`.
pub fn parse_supplement(file: &str, text: &str) -> Result<Vec<SupplementRow>, GazetteerError> {
    let mut out = Vec::new();
    for (line, l) in rows(text) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() != 8 {
            return Err(err(
                file,
                line,
                format!(
                    "expected 8 tab-separated fields (name, alternates, country, admin1, lat, lon, kind, source), found {}",
                    f.len()
                ),
            ));
        }
        let name = f[0].trim();
        if name.is_empty() {
            return Err(err(file, line, "the name field is empty"));
        }
        if name.len() > 200 || f[1].len() > 2000 {
            return Err(err(
                file,
                line,
                "name or alternates too long: is a tab missing between fields?",
            ));
        }
        let kind = PlaceKind::parse(f[6].trim()).ok_or_else(|| {
            err(
                file,
                line,
                format!(
                    "unknown kind {:?}; use one of village, town, city, quarter, district, admin2, admin1, landmark, camp",
                    f[6].trim()
                ),
            )
        })?;
        if f[7].trim().is_empty() {
            return Err(err(
                file,
                line,
                "the source note is empty: say where the coordinates come from",
            ));
        }
        out.push(SupplementRow {
            name: name.to_string(),
            alternates: list(f[1]),
            country: check_iso2(file, line, f[2])?,
            admin1: Some(f[3].trim())
                .filter(|s| !s.is_empty())
                .map(String::from),
            lat: parse_coord(file, line, "latitude", f[4], 90.0)?,
            lon: parse_coord(file, line, "longitude", f[5], 180.0)?,
            kind,
            source: f[7].trim().to_string(),
            line,
        });
    }
    Ok(out)
}

/// Parse `countries.tsv`: `iso2, display name (or empty), aliases,
/// demonyms[, lat, lon]`.
pub fn parse_countries(file: &str, text: &str) -> Result<Vec<CountryRow>, GazetteerError> {
    let mut out = Vec::new();
    for (line, l) in rows(text) {
        let f: Vec<&str> = l.split('\t').collect();
        if !(3..=4).contains(&f.len()) && f.len() != 6 {
            return Err(err(
                file,
                line,
                format!(
                    "expected 3, 4 or 6 tab-separated fields (iso2, name, aliases, demonyms[, lat, lon]), found {}",
                    f.len()
                ),
            ));
        }
        let point = if f.len() == 6 {
            Some((
                parse_coord(file, line, "latitude", f[4], 90.0)?,
                parse_coord(file, line, "longitude", f[5], 180.0)?,
            ))
        } else {
            None
        };
        out.push(CountryRow {
            iso2: check_iso2(file, line, f[0])?,
            name: Some(f[1].trim())
                .filter(|s| !s.is_empty())
                .map(String::from),
            aliases: list(f[2]),
            demonyms: f.get(3).map(|d| list(d)).unwrap_or_default(),
            point,
        });
    }
    Ok(out)
}

/// Parse the stop-list: one word or phrase per line.
pub fn parse_stoplist(text: &str) -> Vec<String> {
    rows(text)
        .map(|(_, l)| watchfloor_text::fold_for_index(l))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A row of the generated `countries.tsv` (from GeoNames and Natural Earth).
#[derive(Debug, Clone, PartialEq)]
pub struct BaseCountry {
    pub iso2: String,
    pub iso3: String,
    /// ISO 3166-1 numeric code (absent in indexes built before it was kept).
    pub iso_numeric: Option<u16>,
    pub name: String,
    pub capital: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

pub fn parse_base_countries(file: &str, text: &str) -> Result<Vec<BaseCountry>, GazetteerError> {
    let mut out = Vec::new();
    for (line, l) in rows(text) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 7 {
            return Err(err(
                file,
                line,
                format!(
                    "expected at least 7 tab-separated fields, found {}",
                    f.len()
                ),
            ));
        }
        out.push(BaseCountry {
            iso2: check_iso2(file, line, f[0])?,
            iso3: f[1].to_string(),
            iso_numeric: f.get(8).and_then(|n| n.trim().parse().ok()),
            name: f[2].to_string(),
            capital: f[3].to_string(),
            lat: parse_coord(file, line, "latitude", f[4], 90.0)?,
            lon: parse_coord(file, line, "longitude", f[5], 180.0)?,
            population: f[6]
                .trim()
                .parse()
                .map_err(|_| err(file, line, format!("population {:?} is not a number", f[6])))?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supplement_rows_parse_and_errors_name_the_line() {
        let ok = "# comment\n\nMy Village\tMy Vilage; Mi Village\tML\tKidal\t19.5\t1.25\tvillage\tmade-up test row\n";
        let rows = parse_supplement("s.tsv", ok).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].alternates, vec!["My Vilage", "Mi Village"]);
        assert_eq!(rows[0].admin1.as_deref(), Some("Kidal"));

        let bad_lat = "A\t\tML\t\t95\t1\tvillage\tx\n";
        let e = parse_supplement("s.tsv", bad_lat).unwrap_err().to_string();
        assert!(e.contains("s.tsv:1") && e.contains("latitude"), "{e}");

        let bad_fields = "# c\nA\tML\t1\t2\n";
        let e = parse_supplement("s.tsv", bad_fields)
            .unwrap_err()
            .to_string();
        assert!(e.contains("s.tsv:2") && e.contains("expected 8"), "{e}");

        let bad_kind = "A\t\tML\t\t1\t1\tplanet\tx\n";
        let e = parse_supplement("s.tsv", bad_kind).unwrap_err().to_string();
        assert!(e.contains("unknown kind"), "{e}");

        let bad_cc = "A\t\tmali\t\t1\t1\tvillage\tx\n";
        assert!(parse_supplement("s.tsv", bad_cc)
            .unwrap_err()
            .to_string()
            .contains("alpha-2"));

        let no_source = "A\t\tML\t\t1\t1\tvillage\t \n";
        assert!(parse_supplement("s.tsv", no_source)
            .unwrap_err()
            .to_string()
            .contains("source"));
    }

    #[test]
    fn country_rows_parse() {
        let rows = parse_countries(
            "c.tsv",
            "CI\tIvory Coast\tCôte d'Ivoire; Cote d'Ivoire\tIvorian\n",
        )
        .unwrap();
        assert_eq!(rows[0].name.as_deref(), Some("Ivory Coast"));
        assert_eq!(rows[0].aliases.len(), 2);
        assert!(parse_countries("c.tsv", "CI\tx\n")
            .unwrap_err()
            .to_string()
            .contains("c.tsv:1"));
    }
}
