//! The OpenAPI 3 document served at `/api/openapi.json`, written by hand
//! next to the handlers it describes. `tests/api.rs` calls every path it
//! lists, so a path added here without a handler (or renamed in one place
//! only) fails the tests.

use crate::params::{DEFAULT_LIMIT, MAX_LIMIT, MAX_Q_BYTES};
use serde_json::{json, Value};

/// A query parameter.
fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false,
            "description": description, "schema": schema })
}

fn repeated(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description,
            "schema": { "type": "array", "items": { "type": "string" } },
            "style": "form", "explode": true })
}

fn path_param(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true,
            "description": description, "schema": { "type": "string" } })
}

/// The event filters every event-listing endpoint takes.
fn filters() -> Vec<Value> {
    vec![
        repeated("actor", "Actor on either side, by any name or alias the catalogue knows; repeat for any of several."),
        repeated("country", "ISO 3166-1 alpha-2 or alpha-3 code, English name or short form (UK, DRC, Ivory Coast); repeat for any of several."),
        repeated("province", "First-level division (province, region, state)."),
        param("type", "ACLED event type (Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments).", json!({ "type": "string" })),
        param("sub_type", "ACLED sub-event type (Armed clash, Suicide bomb, ...).", json!({ "type": "string" })),
        param("from", "Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", json!({ "type": "string" })),
        param("to", "Events on or before this date; a month or year means its last day.", json!({ "type": "string" })),
        param("bbox", "west,south,east,north in decimal degrees.", json!({ "type": "string" })),
        param("min_fatalities", "At least this many reported deaths.", json!({ "type": "integer", "minimum": 0 })),
        repeated("claimed_by", "Claimed, confirmed, denied or attributed by this actor (any alias)."),
        repeated("report", "Told by this report: its id or part of its title."),
        repeated("source", "Told by a report citing this outlet (part of its name)."),
        repeated("file", "Told by a report from this ingested file (part of its path)."),
        repeated("collection", "Told by a report ingested under this collection name."),
        param("include_rejected", "true lists occurrences a person rejected too.", json!({ "type": "boolean" })),
        param("q", &format!("Full text (every word must occur in a passage of a report telling the event); at most {MAX_Q_BYTES} bytes."), json!({ "type": "string", "maxLength": MAX_Q_BYTES })),
    ]
}

fn paging(max: usize, default: Option<usize>) -> Vec<Value> {
    let mut limit = json!({ "type": "integer", "minimum": 0, "maximum": max });
    if let Some(d) = default {
        limit["default"] = json!(d);
    }
    vec![
        param(
            "sort",
            "date (oldest first, default), newest, or fatalities (deadliest first).",
            json!({ "type": "string", "enum": ["date", "newest", "fatalities"] }),
        ),
        param("limit", "At most this many.", limit),
        param(
            "offset",
            "Skip this many first.",
            json!({ "type": "integer", "minimum": 0, "default": 0 }),
        ),
    ]
}

fn ok(description: &str, schema: Value) -> Value {
    json!({
        "200": { "description": description, "content": { "application/json": { "schema": schema } } },
        "400": { "$ref": "#/components/responses/BadRequest" }
    })
}

fn get(summary: &str, parameters: Vec<Value>, responses: Value) -> Value {
    json!({ "get": { "summary": summary, "parameters": parameters, "responses": responses } })
}

fn with_404(mut responses: Value) -> Value {
    responses["404"] = json!({ "$ref": "#/components/responses/NotFound" });
    responses
}

fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn cat(parts: &[Vec<Value>]) -> Vec<Value> {
    parts.concat()
}

pub fn document() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "watchfloor",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only API over a watchfloor store: coded conflict events (one per occurrence, merged across reports), their evidence and claims, reports, actors, full-text search, stats and exports. Errors are {\"error\": message}; bad parameters get 400, unknown ids 404."
        },
        "paths": {
            "/api/events": get("Occurrences matching the filters, one page of them.",
                cat(&[filters(), paging(MAX_LIMIT, Some(DEFAULT_LIMIT))]),
                ok("The total count and one page.", schema("EventPage"))),
            "/api/events/{id}": get("One occurrence: its records, evidence sentences (with spans and where to highlight them in their report) and claims with their sources.",
                vec![path_param("id", "Occurrence id (MLI12, as /api/events lists it), or a per-report record (r45), which answers with its occurrence.")],
                with_404(ok("The occurrence.", schema("EventDetail")))),
            "/api/reports/{id}": get("One report: its blocks of text (with file spans) and sources.",
                vec![path_param("id", "Report id (from an event's report_ids).")],
                with_404(ok("The report.", schema("Report")))),
            "/api/actors": get("Actors of the matching occurrences, most occurrences first.",
                cat(&[filters(), vec![param("limit", "At most this many actors.", json!({ "type": "integer", "minimum": 0, "maximum": MAX_LIMIT }))]]),
                ok("Actors with counts.", json!({ "type": "object", "properties": {
                    "total": { "type": "integer" },
                    "actors": { "type": "array", "items": schema("ActorCount") } } }))),
            "/api/actors/{name}": get("An actor's dossier: aliases, affiliation, events by type, month and country, co-actors, claims.",
                vec![path_param("name", "Any name or alias of the actor.")],
                with_404(ok("The dossier.", json!({ "type": "object" })))),
            "/api/search": get("Ranked full-text search over titles, quotes, summaries, commentary, citations, excerpts and notes.",
                vec![
                    json!({ "name": "q", "in": "query", "required": true, "description": "Words to look for (every word must occur; \"quoted phrases\" as written).", "schema": { "type": "string", "maxLength": MAX_Q_BYTES } }),
                    param("raw", "Read q as FTS5 syntax (OR, NOT, NEAR, prefix*); a syntax error is a 400 naming it.", json!({ "type": "boolean" })),
                    param("limit", "At most this many hits.", json!({ "type": "integer", "minimum": 0, "maximum": 100, "default": 20 })),
                    param("offset", "Skip this many hits first.", json!({ "type": "integer", "minimum": 0 })),
                    repeated("report", "Search only this report: its id or part of its title."),
                    repeated("source", "Search only reports citing this outlet (part of its name)."),
                    repeated("file", "Search only reports from this ingested file (part of its path)."),
                    repeated("collection", "Search only reports ingested under this collection name."),
                ],
                ok("Hits, best first; snippets as plain and matched parts.", json!({ "type": "object" }))),
            "/api/stats": get("What the store holds.", vec![], ok("Counts.", json!({ "type": "object" }))),
            "/api/timeline": get("Occurrences and fatalities per week or month, every bucket from the first to the last.",
                cat(&[filters(), vec![param("bucket", "week (from Monday) or month (default).", json!({ "type": "string", "enum": ["week", "month"] }))]]),
                ok("Buckets.", json!({ "type": "object", "properties": {
                    "bucket": { "type": "string" }, "total": { "type": "integer" },
                    "buckets": { "type": "array", "items": { "type": "object", "properties": {
                        "start": { "type": "string", "format": "date" }, "end": { "type": "string", "format": "date" },
                        "events": { "type": "integer" }, "fatalities": { "type": "integer" } } } } } }))),
            "/api/network": get("Actors as nodes; edges for occurrences between actor1 and actor2 and for claims (claimant to the side the claim is about).",
                filters(),
                ok("The network.", json!({ "type": "object", "properties": {
                    "nodes": { "type": "array", "items": { "type": "object" } },
                    "edges": { "type": "array", "items": { "type": "object", "properties": {
                        "source": { "type": "string" }, "target": { "type": "string" },
                        "kind": { "type": "string", "enum": ["event", "claim"] },
                        "stance": { "type": "string" }, "count": { "type": "integer" },
                        "event_ids": { "type": "array", "items": { "type": "integer" } } } } } } }))),
            "/api/export/{format}": get("The matching events as CSV (ACLED columns), GeoJSON, a STIX 2.1 bundle or JSON Lines.",
                cat(&[
                    vec![json!({ "name": "format", "in": "path", "required": true, "schema": { "type": "string", "enum": ["csv", "geojson", "stix", "jsonl", "parquet"] } })],
                    filters(),
                    paging(crate::params::MAX_EXPORT, None),
                    vec![param("records", "occurrences (one per occurrence, default) or reports (one per report per occurrence, what the scorer reads).", json!({ "type": "string", "enum": ["occurrences", "reports"] }))],
                ]),
                with_404(json!({ "200": { "description": "The export, as an attachment.",
                    "content": { "text/csv": {}, "application/geo+json": {}, "application/json": {}, "application/x-ndjson": {} } },
                    "400": { "$ref": "#/components/responses/BadRequest" } }))),
            "/api/openapi.json": get("This document.", vec![], json!({ "200": { "description": "OpenAPI 3 document." } })),
        },
        "components": {
            "responses": {
                "BadRequest": { "description": "A parameter was wrong; the message says which and why.", "content": { "application/json": { "schema": schema("Error") } } },
                "NotFound": { "description": "No such event, report, actor or format.", "content": { "application/json": { "schema": schema("Error") } } }
            },
            "schemas": schemas()
        }
    })
}

fn schemas() -> Value {
    let figures = json!({ "type": "object", "properties": {
        "best": { "type": "integer", "nullable": true }, "low": { "type": "integer", "nullable": true },
        "high": { "type": "integer", "nullable": true } } });
    let span = json!({ "type": "array", "items": { "type": "integer" }, "minItems": 2, "maxItems": 2,
        "description": "[start, end) byte range in the report's original file" });
    let highlight = json!({ "type": "object", "nullable": true,
        "description": "Where the sentence is in /api/reports/{report_id}: the block's index and a UTF-16 range of its text.",
        "properties": { "block": { "type": "integer" }, "start": { "type": "integer" }, "end": { "type": "integer" } } });
    json!({
        "Error": { "type": "object", "properties": { "error": { "type": "string" } }, "required": ["error"] },
        "Claim": { "type": "object", "properties": {
            "by": { "type": "string" }, "stance": { "type": "string", "enum": ["claim", "confirm", "deny", "accuse"] },
            "event_id": { "type": "integer" }, "report_id": { "type": "integer" },
            "sentence": span, "text": { "type": "string" }, "source": { "type": "string" }, "highlight": highlight } },
        "Event": { "type": "object", "properties": {
            "id": { "type": "string", "description": "The citable occurrence id: ISO alpha-3 code and number (MLI12), kept across re-ingest and relink." },
            "date": { "type": "string" },
            "precision": { "type": "string", "enum": ["day", "month", "year"] },
            "type": { "type": "string" }, "sub_type": { "type": "string" },
            "country": { "type": "string" }, "admin1": { "type": "string", "nullable": true },
            "location": { "type": "string" },
            "lat": { "type": "number", "nullable": true }, "lon": { "type": "number", "nullable": true },
            "geo_precision": { "type": "string", "nullable": true },
            "actor1": { "type": "string", "nullable": true }, "actor2": { "type": "string", "nullable": true },
            "fatalities": figures, "injuries": figures,
            "civilian_targeting": { "type": "boolean" },
            "report_ids": { "type": "array", "items": { "type": "integer" } },
            "records": { "type": "integer" },
            "status": { "type": "array", "items": { "type": "string", "enum": ["rejected", "corrected", "noted", "merged", "split"] } },
            "claims": { "type": "array", "items": schema("Claim") } } },
        "EventPage": { "type": "object", "properties": {
            "total": { "type": "integer" }, "offset": { "type": "integer" }, "limit": { "type": "integer" },
            "events": { "type": "array", "items": schema("Event") } } },
        "EventDetail": { "allOf": [schema("Event"), { "type": "object", "properties": {
            "fatality_figures": { "type": "array", "items": { "type": "object" } },
            "injury_figures": { "type": "array", "items": { "type": "object" } },
            "members": { "type": "array", "items": { "type": "object" } },
            "corrections": { "type": "array", "items": { "type": "object" },
                "description": "The audit log: action, field, before, after, note, by, at." },
            "corrected_fields": { "type": "array", "items": { "type": "object" },
                "description": "Fields a person set: field, value, coder_then, coder_now, by, at." },
            "evidence": { "type": "array", "items": { "type": "object", "properties": {
                "event_id": { "type": "integer" }, "report_id": { "type": "integer" },
                "report_title": { "type": "string" }, "text": { "type": "string" }, "span": span,
                "section": { "type": "object" }, "source": { "type": "string", "nullable": true },
                "highlight": highlight } } } } }] },
        "Report": { "type": "object", "properties": {
            "id": { "type": "integer" }, "title": { "type": "string" }, "file": { "type": "string" },
            "layout": { "type": "string" }, "reference_date": { "type": "string", "nullable": true },
            "blocks": { "type": "array", "items": { "type": "object", "properties": {
                "index": { "type": "integer" }, "section": { "type": "object" }, "label": { "type": "string" },
                "text": { "type": "string" }, "span": span } } },
            "sources": { "type": "array", "items": { "type": "object" } } } },
        "ActorCount": { "type": "object", "properties": {
            "name": { "type": "string" }, "events": { "type": "integer" },
            "as_actor1": { "type": "integer" }, "as_actor2": { "type": "integer" }, "claims": { "type": "integer" } } }
    })
}

/// Documents `POST /api/ingest`, served only with `--allow-ingest`.
pub fn add_ingest(doc: &mut Value) {
    doc["components"]["securitySchemes"]["token"] = json!({ "type": "http", "scheme": "bearer" });
    doc["paths"]["/api/ingest"] = json!({ "post": {
        "summary": "Code and store one report file (plain text, Markdown, HTML or JSON), as `watchfloor ingest` does. Served only when the server was started with --allow-ingest; needs the server's token.",
        "security": [{ "token": [] }],
        "parameters": [{ "name": "name", "in": "query", "required": true,
            "description": "The file's name, without a path; its extension picks the format. A new upload under the same name replaces the old one.",
            "schema": { "type": "string" } }],
        "requestBody": { "required": true, "content": { "text/plain": { "schema": { "type": "string", "maxLength": crate::MAX_UPLOAD_BYTES } } } },
        "responses": {
            "201": { "description": "Stored: reports, sources, events, merged, parser_warnings, warning." },
            "200": { "description": "Replaced an earlier upload of the name, or unchanged (the same content is stored)." },
            "400": { "description": "No name, a bad name, an empty body, or a file the parser refuses (the message says why)." },
            "401": { "description": "No token or a wrong one." },
            "413": { "description": "Over 16 MiB." }
        }
    } });
}
