//! The JSON endpoints. Each handler reads its parameters (refusing bad
//! ones with 400 before touching the store), then runs its queries on the
//! blocking pool through [`App::read`].

use crate::error::{ApiError, ApiResult};
use crate::params::{self, Params, FILTERS, PAGING};
use crate::summary::{self, Bucket};
use crate::views::{EventDetail, EventSummary, ReportView};
use crate::App;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use watchfloor_store::{CanonicalEvent, EventFilter, FilterSpec, SearchOptions, Store};

type AppState = State<Arc<App>>;

/// The one path parameter of a route, as text; a path axum cannot decode
/// (bad percent-encoding, not UTF-8) is a JSON 400 like every other error.
struct PathText(String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PathText {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(text)) => Ok(PathText(text)),
            Err(e) => Err(ApiError::bad_request(format!(
                "bad path: {}",
                e.body_text()
            ))),
        }
    }
}

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/reports/{id}", get(report))
        .route("/api/actors", get(actors))
        .route("/api/actors/{name}", get(actor))
        .route("/api/search", get(search))
        .route("/api/stats", get(stats))
        .route("/api/timeline", get(timeline))
        .route("/api/network", get(network))
        .route("/api/export/{format}", get(export))
        .route("/api/openapi.json", get(openapi))
        .route("/api", get(unknown))
        .route("/api/", get(unknown))
        .route("/api/{*rest}", get(unknown))
        .method_not_allowed_fallback(read_only)
}

async fn unknown() -> ApiError {
    ApiError::not_found("no such endpoint: the API's paths are listed at /api/openapi.json")
}

async fn read_only() -> Response {
    let e = ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "this API is read-only: use GET".into(),
    };
    let mut r = e.into_response();
    r.headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static("GET, HEAD"));
    r
}

/// The store filter for `spec` and the full-text query `q`, or `None` when
/// `q` matches no report (so nothing can match).
fn store_filter(
    app: &App,
    store: &Store,
    spec: &FilterSpec,
    q: Option<&str>,
) -> ApiResult<Option<EventFilter>> {
    let mut filter = spec.resolve(store, &app.catalogue, params::param_name)?;
    if let Some(q) = q {
        let reports = matching_reports(store, q)?;
        if reports.is_empty() {
            return Ok(None);
        }
        filter.reports = reports;
    }
    Ok(Some(filter))
}

/// Reports holding a passage that matches `q` (among the best-ranked
/// [`watchfloor_store::RANK_WINDOW`] passages).
fn matching_reports(store: &Store, q: &str) -> ApiResult<Vec<i64>> {
    let opts = SearchOptions {
        limit: watchfloor_store::RANK_WINDOW,
        ..SearchOptions::default()
    };
    let mut seen = HashSet::new();
    Ok(store
        .search(q, &opts)?
        .into_iter()
        .map(|h| h.report_id)
        .filter(|r| seen.insert(*r))
        .collect())
}

/// The ids of the occurrences matching, in the filter's order (paging not
/// applied).
fn matching_ids(
    app: &App,
    store: &Store,
    spec: &FilterSpec,
    q: Option<&str>,
) -> ApiResult<Vec<i64>> {
    let Some(mut filter) = store_filter(app, store, spec, q)? else {
        return Ok(Vec::new());
    };
    filter.limit = None;
    filter.offset = 0;
    Ok(store.canonical_ids(&filter)?)
}

/// The occurrences of `ids`, skipping any dropped since the ids were read.
fn load(store: &Store, ids: impl IntoIterator<Item = i64>) -> ApiResult<Vec<CanonicalEvent>> {
    let mut out = Vec::new();
    for id in ids {
        if let Some(c) = store.canonical(id)? {
            out.push(c);
        }
    }
    Ok(out)
}

/// Every matching occurrence, with `spec`'s paging applied.
fn matching(
    app: &App,
    store: &Store,
    spec: &FilterSpec,
    q: Option<&str>,
) -> ApiResult<Vec<CanonicalEvent>> {
    let ids = matching_ids(app, store, spec, q)?;
    let take = spec.limit.unwrap_or(usize::MAX);
    load(store, ids.into_iter().skip(spec.offset).take(take))
}

#[derive(Serialize)]
struct EventPage {
    total: usize,
    offset: usize,
    limit: usize,
    events: Vec<EventSummary>,
}

async fn events(State(app): AppState, RawQuery(q): RawQuery) -> ApiResult<Json<EventPage>> {
    let p = Params::parse(q.as_deref(), &[FILTERS, PAGING])?;
    let spec = p.filter_spec(Some(params::DEFAULT_LIMIT), params::MAX_LIMIT)?;
    let text = p.text_query()?;
    app.read(move |app, store| {
        let ids = matching_ids(app, store, &spec, text.as_deref())?;
        let limit = spec.limit.unwrap_or(params::DEFAULT_LIMIT);
        let page = load(store, ids.iter().copied().skip(spec.offset).take(limit))?;
        Ok(Json(EventPage {
            total: ids.len(),
            offset: spec.offset,
            limit,
            events: page.iter().map(EventSummary::of).collect(),
        }))
    })
    .await
}

/// A report id from the path: a whole number.
fn path_id(raw: &str, what: &str) -> ApiResult<i64> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::bad_request(format!(
            "bad {what} id `{raw}`: give a whole number above 0"
        ))
    })
}

async fn event(
    State(app): AppState,
    PathText(raw): PathText,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<EventDetail>> {
    Params::parse(q.as_deref(), &[])?;
    let t = raw.trim();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if t.len() > 32
        || digits.is_empty()
        || digits.len() == t.len()
        || !digits.chars().all(|c| c.is_ascii_digit())
    {
        return Err(ApiError::bad_request(format!(
            "bad event id `{raw}`: give an occurrence id such as MLI12 (as /api/events lists them) or a record such as r45"
        )));
    }
    app.read(move |_, store| {
        let row = match store.find(&raw)? {
            watchfloor_store::Found::Occurrence(row) => Some(row),
            // A merged id answers with the occurrence it went into.
            watchfloor_store::Found::Retired {
                into: Some(into), ..
            } => match store.find(&into)? {
                watchfloor_store::Found::Occurrence(row) => Some(row),
                _ => None,
            },
            _ => None,
        };
        let Some(c) = row.map(|r| store.canonical(r)).transpose()?.flatten() else {
            return Err(ApiError::not_found(format!(
                "no event {raw}: list event ids with /api/events"
            )));
        };
        let mut reports = HashMap::new();
        for m in &c.members {
            if let std::collections::hash_map::Entry::Vacant(slot) = reports.entry(m.report_id) {
                if let Some(r) = store.report(m.report_id)? {
                    slot.insert(r);
                }
            }
        }
        Ok(Json(EventDetail::of(&c, &reports)))
    })
    .await
}

async fn report(
    State(app): AppState,
    PathText(raw): PathText,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<ReportView>> {
    Params::parse(q.as_deref(), &[])?;
    let id = path_id(&raw, "report")?;
    app.read(move |_, store| match store.report(id)? {
        Some(r) => Ok(Json(ReportView::of(id, &r))),
        None => Err(ApiError::not_found(format!(
            "no report {id}: report ids come with each event (report_ids)"
        ))),
    })
    .await
}

async fn actors(State(app): AppState, RawQuery(q): RawQuery) -> ApiResult<Json<Value>> {
    let p = Params::parse(q.as_deref(), &[FILTERS, &["limit"]])?;
    let spec = p.filter_spec(None, usize::MAX)?;
    let limit = p.count("limit", params::MAX_LIMIT)?;
    let text = p.text_query()?;
    app.read(move |app, store| {
        let unpaged = FilterSpec {
            limit: None,
            ..spec
        };
        let found = summary::actors(&matching(app, store, &unpaged, text.as_deref())?);
        let total = found.len();
        let shown: Vec<_> = found
            .into_iter()
            .take(limit.unwrap_or(usize::MAX))
            .collect();
        Ok(Json(json!({ "total": total, "actors": shown })))
    })
    .await
}

async fn actor(
    State(app): AppState,
    PathText(name): PathText,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    Params::parse(q.as_deref(), &[])?;
    if name.trim().is_empty() || name.len() > params::MAX_Q_BYTES {
        return Err(ApiError::bad_request(format!(
            "give an actor's name of 1 to {} bytes",
            params::MAX_Q_BYTES
        )));
    }
    app.read(move |app, store| {
        let found = app.catalogue.lookup(&name);
        let known = found.first().copied();
        let names: Vec<String> = match known {
            Some(a) => std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()).collect(),
            None => vec![name.clone()],
        };
        let dossier = store.actor_dossier(&names)?;
        if known.is_none() && dossier.events == 0 && dossier.claims.is_empty() {
            return Err(ApiError::not_found(format!(
                "no actor called `{name}` in the catalogue or the store: list actors with /api/actors"
            )));
        }
        let affiliation = known
            .and_then(|a| a.affiliation.as_deref())
            .and_then(|id| app.catalogue.get(id))
            .map(|p| p.name.clone());
        Ok(Json(json!({
            "name": names[0], "id": known.map(|a| &a.id), "aliases": &names[1..],
            "kind": known.map(|a| format!("{:?}", a.kind)), "inter": known.map(|a| a.inter),
            "countries": known.map(|a| &a.countries), "affiliation": affiliation,
            "in_catalogue": known.is_some(), "dossier": dossier,
        })))
    })
    .await
}

/// Markers the store puts around matched terms; private-use characters no
/// report text holds, split out into `{text, match}` parts so the page
/// never parses markup out of stored text.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

async fn search(State(app): AppState, RawQuery(q): RawQuery) -> ApiResult<Json<Value>> {
    let p = Params::parse(
        q.as_deref(),
        &[&["q", "limit", "offset", "raw"], params::SOURCES],
    )?;
    let Some(query) = p.text_query()? else {
        return Err(ApiError::bad_request("give the words to look for as `q`"));
    };
    let mut opts = SearchOptions {
        limit: p.count("limit", 100)?.unwrap_or(20),
        offset: p.count("offset", params::MAX_OFFSET)?.unwrap_or(0),
        highlight: (MARK_OPEN.to_string(), MARK_CLOSE.to_string()),
        raw: p.flag("raw")?,
        rank_window: watchfloor_store::RANK_WINDOW,
        reports: None,
    };
    let sources = FilterSpec {
        report: p.all("report"),
        source: p.all("source"),
        file: p.all("file"),
        collection: p.all("collection"),
        ..FilterSpec::default()
    };
    app.read(move |app, store| {
        // Only the reports the source filters name, when any are given.
        let within = sources.resolve(store, &app.catalogue, params::param_name)?;
        opts.reports = store.reports_told_by(&within)?;
        let hits: Vec<Value> = store
            .search(&query, &opts)?
            .into_iter()
            .map(|h| {
                json!({ "report_id": h.report_id, "report_title": h.report_title, "kind": h.kind,
                        "label": h.label, "score": h.score, "snippet": snippet_parts(&h.snippet) })
            })
            .collect();
        Ok(Json(
            json!({ "query": query, "offset": opts.offset, "hits": hits }),
        ))
    })
    .await
}

/// A snippet cut into plain and matched parts.
fn snippet_parts(s: &str) -> Vec<Value> {
    let mut parts = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let (plain, after) = rest.split_once(MARK_OPEN).unwrap_or((rest, ""));
        if !plain.is_empty() {
            parts.push(json!({ "text": plain, "match": false }));
        }
        if after.is_empty() {
            break;
        }
        let (hit, tail) = after.split_once(MARK_CLOSE).unwrap_or((after, ""));
        parts.push(json!({ "text": hit, "match": true }));
        rest = tail;
    }
    parts
}

async fn stats(
    State(app): AppState,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<watchfloor_store::Stats>> {
    Params::parse(q.as_deref(), &[])?;
    app.read(|_, store| Ok(Json(store.stats()?))).await
}

async fn timeline(
    State(app): AppState,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<summary::Timeline>> {
    let p = Params::parse(q.as_deref(), &[FILTERS, &["bucket"]])?;
    let spec = p.filter_spec(None, usize::MAX)?;
    let bucket = Bucket::parse(p.one("bucket")?).map_err(ApiError::bad_request)?;
    let text = p.text_query()?;
    app.read(move |app, store| {
        let found = matching(app, store, &spec, text.as_deref())?;
        Ok(Json(summary::timeline(&found, bucket)))
    })
    .await
}

async fn network(State(app): AppState, RawQuery(q): RawQuery) -> ApiResult<Json<summary::Network>> {
    let p = Params::parse(q.as_deref(), &[FILTERS])?;
    let spec = p.filter_spec(None, usize::MAX)?;
    let text = p.text_query()?;
    app.read(move |app, store| {
        let found = matching(app, store, &spec, text.as_deref())?;
        Ok(Json(summary::network(&found)))
    })
    .await
}

async fn export(
    State(app): AppState,
    PathText(format): PathText,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let (fmt, content_type, ext) = match format.as_str() {
        "csv" => (
            watchfloor_export::Format::Csv,
            "text/csv; charset=utf-8",
            "csv",
        ),
        "geojson" => (
            watchfloor_export::Format::Geojson,
            "application/geo+json",
            "geojson",
        ),
        "stix" => (
            watchfloor_export::Format::Stix,
            "application/json",
            "stix.json",
        ),
        "jsonl" => (
            watchfloor_export::Format::Jsonl,
            "application/x-ndjson",
            "jsonl",
        ),
        "parquet" => (
            watchfloor_export::Format::Parquet,
            "application/vnd.apache.parquet",
            "parquet",
        ),
        other => {
            return Err(ApiError::not_found(format!(
                "no export format `{other}`: use csv, geojson, stix, jsonl or parquet"
            )))
        }
    };
    let p = Params::parse(q.as_deref(), &[FILTERS, PAGING, &["records"]])?;
    let spec = p.filter_spec(None, params::MAX_EXPORT)?;
    let text = p.text_query()?;
    let per_report = match p.one("records")? {
        None | Some("occurrences") => false,
        Some("reports") => true,
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "`records` must be occurrences or reports, not `{v}`"
            )))
        }
    };
    let body = app
        .read(move |app, store| export_bytes(app, store, &spec, text.as_deref(), per_report, fmt))
        .await?;
    let disposition = format!("attachment; filename=\"watchfloor-events.{ext}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// The export of the matching occurrences (or their per-report records).
fn export_bytes(
    app: &App,
    store: &Store,
    spec: &FilterSpec,
    q: Option<&str>,
    per_report: bool,
    fmt: watchfloor_export::Format,
) -> ApiResult<Vec<u8>> {
    struct Item {
        id: String,
        event: watchfloor_model::Event,
        admin1: Option<String>,
        stored_at: i64,
        occurrence: Option<watchfloor_export::Occurrence>,
    }
    let items: Vec<Item> = if per_report {
        let Some(filter) = store_filter(app, store, spec, q)? else {
            return write_rows(fmt, &[], app);
        };
        store
            .records_with_occurrence_ids(&filter)?
            .into_iter()
            .map(|(e, occ)| Item {
                id: format!("{occ}-r{}", e.id),
                admin1: e.admin1,
                stored_at: e.stored_at,
                event: e.event,
                occurrence: None,
            })
            .collect()
    } else {
        matching(app, store, spec, q)?
            .into_iter()
            .map(|c| Item {
                id: c.public_id.clone(),
                occurrence: Some(crate::views::occurrence_extras(&c)),
                admin1: c.admin1.clone(),
                stored_at: c.stored_at,
                event: c.event,
            })
            .collect()
    };
    let rows: Vec<watchfloor_export::Row<'_>> = items
        .iter()
        .map(|i| watchfloor_export::Row {
            id: &i.id,
            event: &i.event,
            admin1: i.admin1.as_deref(),
            timestamp: Some(i.stored_at),
            occurrence: i.occurrence.as_ref(),
        })
        .collect();
    write_rows(fmt, &rows, app)
}

fn write_rows(
    fmt: watchfloor_export::Format,
    rows: &[watchfloor_export::Row<'_>],
    app: &App,
) -> ApiResult<Vec<u8>> {
    let mut out = Vec::new();
    watchfloor_export::write(fmt, &mut out, rows, &app.export)
        .map_err(|e| ApiError::internal(format!("writing the export failed: {e}")))?;
    Ok(out)
}

async fn openapi(State(app): AppState) -> Json<Value> {
    let mut doc = crate::openapi::document();
    if app.uploads.is_some() {
        crate::openapi::add_ingest(&mut doc);
    }
    Json(doc)
}
