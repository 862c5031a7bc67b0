//! `POST /api/ingest`: the one write the API allows, and only when the
//! server was started with `--allow-ingest` and a token.
//!
//! The body is one report file (plain text, Markdown, HTML or JSON, as
//! `watchfloor ingest` reads), at most [`MAX_UPLOAD_BYTES`]; `?name=` gives
//! its file name (its extension picks the format). It is coded and stored
//! exactly as `watchfloor ingest` stores a file ([`Ingester::ingest_bytes`]),
//! under the key `upload:NAME`, so uploading a new version of a name
//! replaces the old one. Writes are serialised by a lock and run on a
//! writable handle of their own; the read handles see each batch as it
//! commits.

use crate::error::{ApiError, ApiResult};
use crate::App;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use watchfloor_ingest::Ingester;
use watchfloor_store::{IngestOutcome, Store};

/// The largest upload taken.
pub const MAX_UPLOAD_BYTES: usize = 16 * 1024 * 1024;

/// The shortest token accepted: a guessable token is no lock.
pub const MIN_TOKEN_CHARS: usize = 16;

/// What a server that takes uploads needs: the token callers must present
/// (`Authorization: Bearer TOKEN`) and the coder.
pub struct IngestAccess {
    pub token: String,
    pub ingester: Ingester,
}

impl IngestAccess {
    /// Refuses a token shorter than [`MIN_TOKEN_CHARS`].
    pub fn new(token: String, ingester: Ingester) -> Result<IngestAccess, String> {
        if token.chars().count() < MIN_TOKEN_CHARS {
            return Err(format!(
                "the ingest token is {} characters: use at least {MIN_TOKEN_CHARS} (for example `openssl rand -hex 16`)",
                token.chars().count()
            ));
        }
        Ok(IngestAccess { token, ingester })
    }
}

/// The upload side of [`App`]: the access rules and the lock that keeps
/// two uploads from writing at once.
pub(crate) struct Uploads {
    access: IngestAccess,
    writing: Mutex<()>,
}

impl Uploads {
    pub(crate) fn new(access: IngestAccess) -> Uploads {
        Uploads {
            access,
            writing: Mutex::new(()),
        }
    }
}

pub(crate) async fn ingest(
    State(app): State<Arc<App>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let Some(uploads) = app.uploads.as_ref() else {
        return Err(ApiError::not_found(
            "ingest is off: start the server with --allow-ingest and a token",
        ));
    };
    authorise(&headers, &uploads.access.token)?;
    let name = upload_name(query.as_deref())?;
    let bytes = axum::body::to_bytes(body, MAX_UPLOAD_BYTES)
        .await
        .map_err(|_| ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: format!(
                "the upload is over {} MiB: split it, or ingest it with `watchfloor ingest`",
                MAX_UPLOAD_BYTES >> 20
            ),
        })?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request(
            "the request has no body: send the report file as the body",
        ));
    }
    let app = Arc::clone(&app);
    tokio::task::spawn_blocking(move || store_upload(&app, &name, &bytes))
        .await
        .map_err(|e| ApiError::internal(format!("ingest task failed: {e}")))?
}

fn store_upload(app: &App, name: &str, bytes: &[u8]) -> ApiResult<(StatusCode, Json<Value>)> {
    let uploads = app.uploads.as_ref().expect("checked by the handler");
    let _writing = uploads.writing.lock().unwrap_or_else(|e| e.into_inner());
    let mut store = Store::open(&app.db)?;
    let key = format!("upload:{name}");
    let result = uploads.access.ingester.ingest_bytes(
        &mut store,
        name,
        &key,
        bytes,
        watchfloor_parse::Options::default(),
        &|_| {},
    );
    let (outcome, warning) = result.map_err(|e| {
        let message = format!("{e:#}");
        // A file the parser refuses is the caller's to fix; anything
        // else (the store) is ours.
        if e.downcast_ref::<watchfloor_parse::ParseError>().is_some() {
            ApiError::bad_request(message)
        } else {
            ApiError::internal(message)
        }
    })?;
    let (status, word, summary) = match &outcome {
        IngestOutcome::Unchanged { stored_as, .. } => {
            let body = json!({ "file": name, "outcome": "unchanged", "stored_as": stored_as });
            return Ok((StatusCode::OK, Json(body)));
        }
        IngestOutcome::Added(s) => (StatusCode::CREATED, "added", s),
        IngestOutcome::Replaced(s) => (StatusCode::OK, "replaced", s),
    };
    Ok((
        status,
        Json(json!({
            "file": name,
            "outcome": word,
            "reports": summary.reports,
            "sources": summary.sources,
            "events": summary.events,
            "merged": summary.merged,
            "parser_warnings": summary.warnings,
            "warning": warning,
        })),
    ))
}

/// Checks `Authorization: Bearer TOKEN`, comparing in time that does not
/// depend on where the first wrong character is.
fn authorise(headers: &HeaderMap, token: &str) -> ApiResult<()> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if constant_time_eq(given.as_bytes(), token.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "ingest needs the server's token: send `Authorization: Bearer TOKEN`".into(),
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, &x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i % b.len().max(1)).copied().unwrap_or(0));
    }
    diff == 0
}

/// The upload's file name from `?name=`: a bare name with an extension the
/// parser reads (it picks the format), no path.
fn upload_name(query: Option<&str>) -> ApiResult<String> {
    let name = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.into_owned())
        .ok_or_else(|| {
            ApiError::bad_request("give the file's name: POST /api/ingest?name=report.txt")
        })?;
    let bare = !name.is_empty()
        && name.len() <= 200
        && !name.contains(['/', '\\', '\0'])
        && !name.starts_with('.');
    let ext_ok = std::path::Path::new(&name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            watchfloor_parse::EXTENSIONS
                .iter()
                .any(|x| x.eq_ignore_ascii_case(e))
        });
    if !bare || !ext_ok {
        return Err(ApiError::bad_request(format!(
            "bad name `{name}`: a file name without a path, ending in .{}",
            watchfloor_parse::EXTENSIONS.join(", .")
        )));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"0123456789abcdef", b"0123456789abcdef"));
        assert!(!constant_time_eq(b"0123456789abcdeX", b"0123456789abcdef"));
        assert!(!constant_time_eq(b"0123456789abcde", b"0123456789abcdef"));
        assert!(!constant_time_eq(b"", b"0123456789abcdef"));
    }

    #[test]
    fn upload_names_are_bare_file_names_the_parser_reads() {
        assert_eq!(upload_name(Some("name=gao.txt")).unwrap(), "gao.txt");
        for bad in ["name=../x.txt", "name=x.exe", "name=.hidden.txt", "other=1"] {
            assert_eq!(
                upload_name(Some(bad)).unwrap_err().status,
                StatusCode::BAD_REQUEST,
                "{bad}"
            );
        }
    }
}
