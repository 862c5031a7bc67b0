//! Briefs: a self-contained HTML page (or Markdown) that writes up a set
//! of occurrences for a reader: headline figures, a map, a timeline, a
//! table of the events each with its evidence sentence and the source that
//! carried it, and who claims, confirms, denies or accuses what.
//!
//! The HTML needs nothing beyond itself: styles inline, the map and the
//! timeline as inline SVG, no script, no font, no image fetched. The map
//! is drawn from the Natural Earth country shapes the page uses (world-atlas
//! `countries-110m.json`, a TopoJSON file the caller reads and passes in),
//! in an equirectangular projection fitted to the events.

use crate::Row;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use watchfloor_model::{Event, Stance};

/// What the brief is about, for its heading.
#[derive(Debug, Clone, Default)]
pub struct BriefMeta {
    pub title: String,
    /// The filters that chose the events, as a person would type them.
    pub scope: String,
    /// When it was written (`YYYY-MM-DD`).
    pub written: String,
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn stance_word(s: Stance) -> &'static str {
    match s {
        Stance::Claim => "claims",
        Stance::Confirm => "confirms",
        Stance::Deny => "denies",
        Stance::Accuse => "accuses",
    }
}

/// The headline figures of `rows`.
struct Headline {
    events: usize,
    dead_best: u64,
    dead_low: u64,
    dead_high: u64,
    first: Option<String>,
    last: Option<String>,
    countries: Vec<String>,
    actors: Vec<(String, usize)>,
}

fn headline(rows: &[Row<'_>]) -> Headline {
    let mut h = Headline {
        events: rows.len(),
        dead_best: 0,
        dead_low: 0,
        dead_high: 0,
        first: None,
        last: None,
        countries: Vec::new(),
        actors: Vec::new(),
    };
    let mut actors: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        let e = r.event;
        let best = e.fatalities.unwrap_or(0) as u64;
        h.dead_best += best;
        h.dead_low += r
            .occurrence
            .and_then(|o| o.fatalities_low)
            .map_or(best, u64::from);
        h.dead_high += r
            .occurrence
            .and_then(|o| o.fatalities_high)
            .map_or(best, u64::from);
        let d = e.event_date.to_string();
        if h.first.as_ref().is_none_or(|f| d < *f) {
            h.first = Some(d.clone());
        }
        if h.last.as_ref().is_none_or(|l| d > *l) {
            h.last = Some(d);
        }
        if !h.countries.contains(&e.country) {
            h.countries.push(e.country.clone());
        }
        for a in e.actor1.iter().chain(e.actor2.iter()) {
            *actors.entry(a).or_default() += 1;
        }
    }
    let mut a: Vec<(String, usize)> = actors
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    a.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    a.truncate(5);
    h.actors = a;
    h
}

/// The sentence that tells an event best: the first evidence sentence from
/// a source's excerpt, else the first; with the source it cites.
fn evidence(e: &Event) -> (String, String) {
    let pick = e
        .evidence
        .iter()
        .find(|v| v.source.is_some())
        .or_else(|| e.evidence.first());
    match pick {
        Some(v) => (
            v.text.split_whitespace().collect::<Vec<_>>().join(" "),
            v.source
                .clone()
                .unwrap_or_else(|| format!("the report \u{201c}{}\u{201d}", e.report_title)),
        ),
        None => (
            String::new(),
            format!("the report \u{201c}{}\u{201d}", e.report_title),
        ),
    }
}

fn figures(r: &Row<'_>) -> String {
    let e = r.event;
    match (
        e.fatalities,
        r.occurrence.and_then(|o| o.fatalities_low),
        r.occurrence.and_then(|o| o.fatalities_high),
    ) {
        (None, ..) => "not reported".into(),
        (Some(b), Some(l), Some(h)) if l != h => format!("{b} ({l}\u{2013}{h})"),
        (Some(b), ..) => b.to_string(),
    }
}

/// Events per month, or per ISO week when they span under 90 days:
/// `(label, events, fatalities)` for every bucket from first to last.
fn timeline(rows: &[Row<'_>]) -> Vec<(String, usize, u64)> {
    use chrono::{Datelike, Duration, NaiveDate};
    let days: Vec<(NaiveDate, u64)> = rows
        .iter()
        .map(|r| {
            (
                r.event.event_date.date,
                r.event.fatalities.unwrap_or(0) as u64,
            )
        })
        .collect();
    let (Some(lo), Some(hi)) = (
        days.iter().map(|d| d.0).min(),
        days.iter().map(|d| d.0).max(),
    ) else {
        return Vec::new();
    };
    let weekly = (hi - lo).num_days() < 90;
    let start = |d: NaiveDate| {
        if weekly {
            d - Duration::days(d.weekday().num_days_from_monday() as i64)
        } else {
            d.with_day(1).expect("the first of a month")
        }
    };
    let next = |d: NaiveDate| {
        if weekly {
            d + Duration::days(7)
        } else if d.month() == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).expect("a date")
        } else {
            NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1).expect("a date")
        }
    };
    let mut out = Vec::new();
    let mut b = start(lo);
    while b <= hi {
        let n = next(b);
        let inside: Vec<&(NaiveDate, u64)> = days.iter().filter(|d| d.0 >= b && d.0 < n).collect();
        let label = if weekly {
            b.format("%d %b").to_string()
        } else {
            b.format("%b %Y").to_string()
        };
        out.push((label, inside.len(), inside.iter().map(|d| d.1).sum()));
        b = n;
    }
    out
}

/// The countries of a TopoJSON topology (world-atlas) as rings of
/// (lon, lat), one list per country.
fn countries(topology: &Value) -> Vec<Vec<Vec<(f64, f64)>>> {
    let scale = &topology["transform"]["scale"];
    let translate = &topology["transform"]["translate"];
    let (sx, sy) = (
        scale[0].as_f64().unwrap_or(1.0),
        scale[1].as_f64().unwrap_or(1.0),
    );
    let (tx, ty) = (
        translate[0].as_f64().unwrap_or(0.0),
        translate[1].as_f64().unwrap_or(0.0),
    );
    let arcs: Vec<Vec<(f64, f64)>> = topology["arcs"]
        .as_array()
        .map(|arcs| {
            arcs.iter()
                .map(|arc| {
                    let (mut x, mut y) = (0i64, 0i64);
                    arc.as_array()
                        .map(|pts| {
                            pts.iter()
                                .map(|p| {
                                    x += p[0].as_i64().unwrap_or(0);
                                    y += p[1].as_i64().unwrap_or(0);
                                    (x as f64 * sx + tx, y as f64 * sy + ty)
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default();
    let ring = |indices: &Value| -> Vec<(f64, f64)> {
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for i in indices
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_i64)
        {
            let (k, reversed) = if i < 0 {
                ((!i) as usize, true)
            } else {
                (i as usize, false)
            };
            let Some(arc) = arcs.get(k) else { continue };
            let mut seg: Vec<(f64, f64)> = arc.clone();
            if reversed {
                seg.reverse();
            }
            if !pts.is_empty() && !seg.is_empty() {
                seg.remove(0);
            }
            pts.extend(seg);
        }
        pts
    };
    let mut out = Vec::new();
    for g in topology["objects"]["countries"]["geometries"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let rings: Vec<Vec<(f64, f64)>> = match g["type"].as_str() {
            Some("Polygon") => g["arcs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(ring)
                .collect(),
            Some("MultiPolygon") => g["arcs"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|poly| {
                    poly.as_array()
                        .into_iter()
                        .flatten()
                        .map(ring)
                        .collect::<Vec<_>>()
                })
                .collect(),
            _ => Vec::new(),
        };
        out.push(rings);
    }
    out
}

/// The map: every country of `topology`, and a circle per placed event,
/// sized by fatalities, in a frame fitted to the events.
fn map_svg(rows: &[Row<'_>], topology: Option<&Value>) -> String {
    let Some(topology) = topology else {
        return "<p class=\"no-map\">No map: the Natural Earth shapes were not found (run scripts/fetch-data.sh).</p>".into();
    };
    let placed: Vec<(f64, f64, &Row<'_>)> = rows
        .iter()
        .filter_map(|r| Some((r.event.longitude?, r.event.latitude?, r)))
        .collect();
    let (mut w, mut s, mut e, mut n) = (-20.0f64, -40.0f64, 60.0f64, 45.0f64);
    if !placed.is_empty() {
        w = placed.iter().map(|p| p.0).fold(f64::MAX, f64::min);
        e = placed.iter().map(|p| p.0).fold(f64::MIN, f64::max);
        s = placed.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        n = placed.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    }
    // Room around the events, and at least 20 degrees each way.
    let (cx, cy) = ((w + e) / 2.0, (s + n) / 2.0);
    let span_x = ((e - w) * 1.3).max(20.0);
    let span_y = ((n - s) * 1.3).max(20.0).max(span_x / 2.2);
    let span_x = span_x.max(span_y * 1.6);
    let (w, e) = (
        (cx - span_x / 2.0).max(-180.0),
        (cx + span_x / 2.0).min(180.0),
    );
    let (s, n) = (
        (cy - span_y / 2.0).max(-90.0),
        (cy + span_y / 2.0).min(90.0),
    );
    let (width, height) = (960.0, 960.0 * (n - s) / (e - w));
    let px = |lon: f64| (lon - w) / (e - w) * width;
    let py = |lat: f64| (n - lat) / (n - s) * height;
    let mut svg = format!(
        "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"Map of the events\">\
         <rect class=\"sea\" width=\"{width:.0}\" height=\"{height:.0}\"/>"
    );
    for country in countries(topology) {
        let mut d = String::new();
        for ring in country {
            for (i, (lon, lat)) in ring.iter().enumerate() {
                let _ = write!(
                    d,
                    "{}{:.1},{:.1}",
                    if i == 0 { "M" } else { "L" },
                    px(*lon),
                    py(*lat)
                );
            }
            d.push('Z');
        }
        if !d.is_empty() {
            let _ = write!(svg, "<path class=\"country\" d=\"{d}\"/>");
        }
    }
    let max = placed
        .iter()
        .filter_map(|p| p.2.event.fatalities)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    for (lon, lat, r) in &placed {
        let dead = r.event.fatalities.unwrap_or(0) as f64;
        let radius = 4.0 + 14.0 * (dead / max).sqrt();
        let _ = write!(
            svg,
            "<circle class=\"event\" data-id=\"{}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{radius:.1}\"><title>{}: {} at {}, {}</title></circle>",
            esc(r.id),
            px(*lon),
            py(*lat),
            esc(r.id),
            esc(r.event.sub_event_type.as_str()),
            esc(&r.event.location),
            esc(&figures(r))
        );
    }
    svg.push_str("</svg>");
    svg
}

fn timeline_svg(rows: &[Row<'_>]) -> String {
    let buckets = timeline(rows);
    let width = 960.0;
    let height = 180.0;
    let n = buckets.len().max(1) as f64;
    let bar = width / n;
    let most = buckets.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let mut svg = format!(
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {:.0}\" role=\"img\" aria-label=\"Events over time\">",
        height + 30.0
    );
    let every = (buckets.len() / 12).max(1);
    for (i, (label, events, dead)) in buckets.iter().enumerate() {
        let h = height * *events as f64 / most;
        let x = i as f64 * bar;
        let _ = write!(
            svg,
            "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"><title>{}: {events} event(s), {dead} dead</title></rect>",
            x + 1.0,
            height - h,
            (bar - 2.0).max(1.0),
            esc(label)
        );
        if i % every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.0}\" font-size=\"12\">{}</text>",
                x + 2.0,
                height + 20.0,
                esc(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Every claim on the events: (who, stance, occurrence id, the sentence
/// that says so when the record kept it).
fn claims<'a>(rows: &'a [Row<'a>]) -> Vec<(String, Stance, &'a str, Option<String>)> {
    let mut out = Vec::new();
    for r in rows {
        for c in &r.event.claims {
            let sentence = c.sentence.and_then(|s| {
                r.event
                    .evidence
                    .iter()
                    .find(|v| v.span.contains(s) || s.contains(v.span))
                    .map(|v| v.text.split_whitespace().collect::<Vec<_>>().join(" "))
            });
            out.push((c.by.clone(), c.stance, r.id, sentence));
        }
    }
    out
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#1b1f24;padding:0 1em}\
h1{margin-bottom:.2em}.scope{color:#555}.figures{display:flex;gap:2em;flex-wrap:wrap;padding:0;list-style:none}\
.figures li{background:#f2f4f7;padding:.6em 1em;border-radius:6px}.figures b{display:block;font-size:1.6em}\
svg{width:100%;height:auto;display:block;margin:1em 0}.sea{fill:#dfe9f3}.country{fill:#f7f5ef;stroke:#9aa5b1;stroke-width:.6}\
.event{fill:#c0392b;fill-opacity:.7;stroke:#7b241c}.bar{fill:#2c6e9b}\
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #d0d7de;padding:.4em;text-align:left;vertical-align:top}\
.evidence{font-style:italic}.citation{color:#555;font-size:12px}";

/// Writes the HTML brief of `rows` (occurrences), with the map drawn from
/// `topology` (world-atlas `countries-110m.json`) when given.
pub fn write_brief_html(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    meta: &BriefMeta,
    topology: Option<&Value>,
) -> io::Result<()> {
    let h = headline(rows);
    let mut doc = String::new();
    let _ = write!(
        doc,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        esc(&meta.title)
    );
    let _ = write!(
        doc,
        "<header><h1>{}</h1><p class=\"scope\">{} \u{2014} written {} from the watchfloor store</p></header>",
        esc(&meta.title),
        esc(&meta.scope),
        esc(&meta.written)
    );
    let span = match (&h.first, &h.last) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "no events".into(),
    };
    let dead = if h.dead_low == h.dead_high {
        h.dead_best.to_string()
    } else {
        format!(
            "{} <small>({}\u{2013}{})</small>",
            h.dead_best, h.dead_low, h.dead_high
        )
    };
    let _ = write!(
        doc,
        "<section class=\"headline\"><h2>Headline figures</h2><ul class=\"figures\">\
         <li><b>{}</b>events</li><li><b>{dead}</b>reported deaths (best, with low\u{2013}high)</li>\
         <li><b>{}</b>dates</li><li><b>{}</b>countries</li></ul>",
        h.events,
        esc(&span),
        h.countries.len()
    );
    if !h.actors.is_empty() {
        let actors: Vec<String> = h
            .actors
            .iter()
            .map(|(a, n)| format!("{} ({n})", esc(a)))
            .collect();
        let _ = write!(doc, "<p>Most active: {}.</p>", actors.join(", "));
    }
    doc.push_str("</section>");
    let _ = write!(
        doc,
        "<section><h2>Map</h2>{}</section>",
        map_svg(rows, topology)
    );
    let _ = write!(
        doc,
        "<section><h2>Timeline</h2>{}</section>",
        timeline_svg(rows)
    );
    doc.push_str(
        "<section><h2>Events</h2><table class=\"events\"><thead><tr><th>id</th><th>date</th><th>place</th>\
         <th>what</th><th>who</th><th>dead</th><th>evidence and source</th></tr></thead><tbody>",
    );
    for r in rows {
        let e = r.event;
        let (sentence, source) = evidence(e);
        let who = match (&e.actor1, &e.actor2) {
            (Some(a), Some(b)) => format!("{} vs {}", esc(a), esc(b)),
            (Some(a), None) => esc(a),
            (None, Some(b)) => format!("against {}", esc(b)),
            (None, None) => "\u{2013}".into(),
        };
        let _ = write!(
            doc,
            "<tr data-id=\"{id}\"><td>{id}</td><td>{}</td><td>{}, {}</td><td>{} / {}</td><td>{who}</td><td>{}</td>\
             <td><q class=\"evidence\">{}</q><div class=\"citation\">Source: {}</div></td></tr>",
            e.event_date,
            esc(&e.location),
            esc(&e.country),
            esc(e.event_type.as_str()),
            esc(e.sub_event_type.as_str()),
            esc(&figures(r)),
            esc(&sentence),
            esc(&source),
            id = esc(r.id)
        );
    }
    doc.push_str("</tbody></table></section>");
    let claims = claims(rows);
    doc.push_str("<section><h2>Claims</h2>");
    if claims.is_empty() {
        doc.push_str("<p>No one claims, confirms, denies or accuses in these reports.</p>");
    } else {
        doc.push_str("<ul class=\"claims\">");
        for (by, stance, id, sentence) in &claims {
            let _ = write!(
                doc,
                "<li class=\"claim\" data-stance=\"{}\"><b>{}</b> {} {}{}</li>",
                stance_word(*stance),
                esc(by),
                stance_word(*stance),
                esc(id),
                sentence
                    .as_ref()
                    .map(|s| format!(": <q>{}</q>", esc(s)))
                    .unwrap_or_default()
            );
        }
        doc.push_str("</ul>");
    }
    doc.push_str("</section><footer><p class=\"citation\">Boundaries: Natural Earth (public domain). Each event cites the source of its sentence; ids are watchfloor's citable occurrence ids.</p></footer></body></html>\n");
    out.write_all(doc.as_bytes())
}

/// Writes the Markdown brief of `rows`: the HTML brief's figures, timeline
/// (as a table), events with evidence and source, and claims; no map.
pub fn write_brief_markdown(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    meta: &BriefMeta,
) -> io::Result<()> {
    let h = headline(rows);
    let md = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    writeln!(out, "# {}\n", meta.title)?;
    writeln!(
        out,
        "_{} \u{2014} written {} from the watchfloor store_\n",
        meta.scope, meta.written
    )?;
    writeln!(out, "## Headline figures\n")?;
    writeln!(out, "- **{}** events", h.events)?;
    if h.dead_low == h.dead_high {
        writeln!(out, "- **{}** reported deaths", h.dead_best)?;
    } else {
        writeln!(
            out,
            "- **{}** reported deaths (low {}, high {})",
            h.dead_best, h.dead_low, h.dead_high
        )?;
    }
    if let (Some(a), Some(b)) = (&h.first, &h.last) {
        writeln!(
            out,
            "- from {a} to {b}, in {} countr{}",
            h.countries.len(),
            if h.countries.len() == 1 { "y" } else { "ies" }
        )?;
    }
    if !h.actors.is_empty() {
        let actors: Vec<String> = h.actors.iter().map(|(a, n)| format!("{a} ({n})")).collect();
        writeln!(out, "- most active: {}", actors.join(", "))?;
    }
    writeln!(
        out,
        "\n## Timeline\n\n| period | events | deaths |\n| --- | ---: | ---: |"
    )?;
    for (label, events, dead) in timeline(rows) {
        writeln!(out, "| {label} | {events} | {dead} |")?;
    }
    writeln!(out, "\n## Events\n\n| id | date | place | what | who | dead | evidence | source |\n| --- | --- | --- | --- | --- | ---: | --- | --- |")?;
    for r in rows {
        let e = r.event;
        let (sentence, source) = evidence(e);
        let who = [e.actor1.as_deref(), e.actor2.as_deref()]
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" vs ");
        writeln!(
            out,
            "| {} | {} | {}, {} | {} / {} | {} | {} | \u{201c}{}\u{201d} | {} |",
            r.id,
            e.event_date,
            md(&e.location),
            e.country,
            e.event_type.as_str(),
            e.sub_event_type.as_str(),
            md(&who),
            figures(r),
            md(&sentence),
            md(&source)
        )?;
    }
    writeln!(out, "\n## Claims\n")?;
    let claims = claims(rows);
    if claims.is_empty() {
        writeln!(
            out,
            "No one claims, confirms, denies or accuses in these reports."
        )?;
    }
    for (by, stance, id, sentence) in claims {
        write!(out, "- **{by}** {} {id}", stance_word(stance))?;
        match sentence {
            Some(s) => writeln!(out, ": \u{201c}{}\u{201d}", md(&s))?,
            None => writeln!(out)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topojson_arcs_decode_with_deltas_transform_and_reversal() {
        // Two arcs making a unit square at (10, 20) in steps of 0.5 degrees;
        // the second is walked backwards (~1 = -2).
        let topology = serde_json::json!({
            "type": "Topology",
            "transform": { "scale": [0.5, 0.5], "translate": [10.0, 20.0] },
            "arcs": [ [[0, 0], [2, 0], [0, 2]], [[0, 0], [0, 2], [2, 0]] ],
            "objects": { "countries": { "type": "GeometryCollection", "geometries": [
                { "type": "Polygon", "arcs": [[0, -2]] }
            ] } }
        });
        let shapes = countries(&topology);
        assert_eq!(shapes.len(), 1);
        assert_eq!(
            shapes[0][0],
            [
                (10.0, 20.0),
                (11.0, 20.0),
                (11.0, 21.0),
                (10.0, 21.0),
                (10.0, 20.0)
            ]
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
    }
}
