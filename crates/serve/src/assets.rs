//! The page: `web/dist` as embedded by `build.rs`, or, when the crate was
//! built without it, a page that says how to build it.

use crate::App;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// Shown at `/` when `web/dist` was missing at compile time.
const NOT_BUILT: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>watchfloor</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>watchfloor</h1>
<p id="not-built">The page was not built when this binary was compiled.
Run <code>scripts/build-web.sh</code> (needs Node.js and npm), then rebuild:
<code>cargo build --release -p watchfloor</code>.</p>
<p>The API answers meanwhile: see <a href="/api/openapi.json">/api/openapi.json</a>,
or try <a href="/api/stats">/api/stats</a>.</p>
</body></html>
"#;

pub fn routes() -> Router<Arc<App>> {
    Router::new().fallback(page)
}

/// Whether the page's assets were embedded.
pub fn built() -> bool {
    ASSETS.iter().any(|(p, _)| *p == "index.html")
}

async fn page(method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "this server is read-only: use GET\n",
        )
            .into_response();
    }
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    if path == "index.html" && !built() {
        return Html(NOT_BUILT).into_response();
    }
    match ASSETS.iter().find(|(p, _)| *p == path) {
        Some((p, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type(p)),
                (header::CACHE_CONTROL, cache_control(p)),
            ],
            *bytes,
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("no page at /{path}: the page is at /, the API under /api/\n"),
        )
            .into_response(),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Vite names bundled files by content hash (`assets/index-3f9a.js`), so
/// they never change under one name; index.html does.
fn cache_control(path: &str) -> &'static str {
    if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}
