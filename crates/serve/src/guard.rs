//! What every request passes first: size bounds, the read-only rule, the
//! loopback host check, and the security headers of every response.

use crate::params::MAX_QUERY_BYTES;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};

/// The longest path accepted (bytes).
pub const MAX_PATH_BYTES: usize = 2048;

/// The page loads only what the server itself serves; no frames, no
/// third-party connections (the page must work offline, and a stray CDN
/// reference would show up as a CSP error). d3 sets style attributes, hence
/// inline styles.
const CSP: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                   connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

#[derive(Clone, Copy)]
pub struct Guard {
    /// Bound to a loopback address: answer only requests addressed to a
    /// loopback host name, so a web page that rebinds its own domain to
    /// 127.0.0.1 cannot read the API through the visitor's browser.
    loopback_only: bool,
    /// `POST /api/ingest` is served: its body is the one the API takes.
    uploads: bool,
}

impl Guard {
    pub fn new(bound: SocketAddr, uploads: bool) -> Guard {
        Guard {
            loopback_only: bound.ip().is_loopback(),
            uploads,
        }
    }
}

fn refuse(status: StatusCode, message: String) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}

pub async fn check(State(guard): State<Guard>, req: Request, next: Next) -> Response {
    if let Some(refusal) = refusal(guard, &req) {
        return refusal;
    }
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    response
}

/// Why `req` is refused, if it is.
fn refusal(guard: Guard, req: &Request) -> Option<Response> {
    let uri = req.uri();
    if uri.path().len() > MAX_PATH_BYTES {
        return Some(refuse(
            StatusCode::URI_TOO_LONG,
            format!("path longer than {MAX_PATH_BYTES} bytes"),
        ));
    }
    if let Some(q) = uri.query().filter(|q| q.len() > MAX_QUERY_BYTES) {
        return Some(refuse(
            StatusCode::URI_TOO_LONG,
            format!(
                "query string of {} bytes is too long: at most {MAX_QUERY_BYTES}",
                q.len()
            ),
        ));
    }
    let upload =
        guard.uploads && req.method() == axum::http::Method::POST && uri.path() == "/api/ingest";
    if has_body(req.headers()) && !upload {
        return Some(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "this API is read-only and takes no request body: use GET with query parameters".into(),
        ));
    }
    if guard.loopback_only && !host_is_loopback(req.headers()) {
        return Some(refuse(
            StatusCode::FORBIDDEN,
            "this server answers requests addressed to localhost, 127.0.0.1 or [::1] only; \
             to serve other hosts, start it with --addr on a non-loopback address"
                .into(),
        ));
    }
    None
}

/// Whether the request carries a body (a length over 0, or chunks).
fn has_body(headers: &HeaderMap) -> bool {
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim() != "0");
    length.unwrap_or(false) || headers.contains_key(header::TRANSFER_ENCODING)
}

/// Whether the Host header names a loopback host. A request without one
/// (HTTP/1.0) is let through: browsers always send it.
fn host_is_loopback(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_host(h: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        m.insert(header::HOST, HeaderValue::from_str(h).unwrap());
        m
    }

    #[test]
    fn loopback_hosts_pass_and_others_do_not() {
        for ok in [
            "127.0.0.1:8080",
            "localhost:1",
            "LOCALHOST",
            "[::1]:80",
            "127.9.9.9",
        ] {
            assert!(host_is_loopback(&with_host(ok)), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "10.0.0.1:80",
            "[::2]:80",
            "localhost.evil.com",
        ] {
            assert!(!host_is_loopback(&with_host(bad)), "{bad}");
        }
    }
}
