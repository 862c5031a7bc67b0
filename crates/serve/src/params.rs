//! Reading a request's query string: repeated keys (`actor=a&actor=b`),
//! empty values ignored (what an HTML form sends for an empty field),
//! unknown keys refused, every number range-checked, and the filters handed
//! to the store's own reader ([`FilterSpec`]) so the API and the CLI accept
//! and refuse exactly the same values.

use crate::error::{ApiError, ApiResult};
use std::str::FromStr;
use watchfloor_model::PartialDate;
use watchfloor_store::{FilterSpec, Sort};

/// The longest query string accepted (bytes, before decoding).
pub const MAX_QUERY_BYTES: usize = 8 * 1024;
/// The longest full-text query (`q`) accepted, in bytes.
pub const MAX_Q_BYTES: usize = 1024;
/// The most events one page of `/api/events` returns.
pub const MAX_LIMIT: usize = 1000;
/// A page's size when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 100;
/// The most records one export returns.
pub const MAX_EXPORT: usize = 1_000_000;
/// The largest offset accepted: far past any store, small enough for
/// SQLite's signed 64-bit OFFSET.
pub const MAX_OFFSET: usize = 1_000_000_000;

/// The event filters every event-listing endpoint takes.
pub const FILTERS: &[&str] = &[
    "actor",
    "country",
    "province",
    "type",
    "sub_type",
    "from",
    "to",
    "bbox",
    "min_fatalities",
    "claimed_by",
    "report",
    "source",
    "file",
    "collection",
    "include_rejected",
    "q",
];
/// The source filters, which `/api/search` takes too.
pub const SOURCES: &[&str] = &["report", "source", "file", "collection"];
/// Ordering and paging.
pub const PAGING: &[&str] = &["sort", "limit", "offset"];

/// A parsed query string.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Reads `raw`, refusing keys outside `allowed` (a typo such as
    /// `actors=` would otherwise silently filter nothing).
    pub fn parse(raw: Option<&str>, allowed: &[&[&str]]) -> ApiResult<Params> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_BYTES {
            return Err(ApiError::bad_request(format!(
                "query string of {} bytes is too long: at most {MAX_QUERY_BYTES}",
                raw.len()
            )));
        }
        let mut pairs = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            if !allowed.iter().any(|set| set.contains(&k.as_ref())) {
                let names: Vec<&str> = allowed.iter().flat_map(|s| s.iter().copied()).collect();
                return Err(ApiError::bad_request(if names.is_empty() {
                    format!("unknown parameter `{k}`: this endpoint takes no parameters")
                } else {
                    format!(
                        "unknown parameter `{k}`: this endpoint takes {}",
                        names.join(", ")
                    )
                }));
            }
            if !v.trim().is_empty() {
                pairs.push((k.into_owned(), v.trim().to_string()));
            }
        }
        Ok(Params(pairs))
    }

    /// Every value of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The one value of `key`; given twice is an error.
    pub fn one(&self, key: &str) -> ApiResult<Option<&str>> {
        let mut found = self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
        let first = found.next();
        if found.next().is_some() {
            return Err(ApiError::bad_request(format!(
                "parameter `{key}` is given more than once: give it once"
            )));
        }
        Ok(first.map(String::as_str))
    }

    /// A whole number from 0 to `max`.
    pub fn count(&self, key: &str, max: usize) -> ApiResult<Option<usize>> {
        let Some(v) = self.one(key)? else {
            return Ok(None);
        };
        match v.parse::<u64>() {
            Ok(n) if n <= max as u64 => Ok(Some(n as usize)),
            Ok(n) => Err(ApiError::bad_request(format!(
                "`{key}` {n} is too large: at most {max}"
            ))),
            Err(_) => Err(ApiError::bad_request(format!(
                "`{key}` must be a whole number from 0 to {max}, not `{v}`"
            ))),
        }
    }

    /// A date given as YYYY, YYYY-MM or YYYY-MM-DD.
    fn date(&self, key: &str) -> ApiResult<Option<PartialDate>> {
        let Some(v) = self.one(key)? else {
            return Ok(None);
        };
        PartialDate::from_str(v).map(Some).map_err(|e| {
            ApiError::bad_request(format!(
                "bad `{key}` `{v}`: {e} (give YYYY, YYYY-MM or YYYY-MM-DD)"
            ))
        })
    }

    /// `true`/`false` (also `1`/`0`, `yes`/`no`).
    pub fn flag(&self, key: &str) -> ApiResult<bool> {
        match self.one(key)? {
            None => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some("false" | "0" | "no") => Ok(false),
            Some(v) => Err(ApiError::bad_request(format!(
                "`{key}` must be true or false, not `{v}`"
            ))),
        }
    }

    /// The full-text query `q`, bounded.
    pub fn text_query(&self) -> ApiResult<Option<String>> {
        let Some(q) = self.one("q")? else {
            return Ok(None);
        };
        if q.len() > MAX_Q_BYTES {
            return Err(ApiError::bad_request(format!(
                "`q` of {} bytes is too long: at most {MAX_Q_BYTES}",
                q.len()
            )));
        }
        Ok(Some(q.to_string()))
    }

    fn sort(&self) -> ApiResult<Sort> {
        match self.one("sort")? {
            None | Some("date") => Ok(Sort::DateAsc),
            Some("newest") => Ok(Sort::DateDesc),
            Some("fatalities") => Ok(Sort::FatalitiesDesc),
            Some(v) => Err(ApiError::bad_request(format!(
                "`sort` must be date, newest or fatalities, not `{v}`"
            ))),
        }
    }

    /// The filters (not `q`, which the search index answers) as the store
    /// reads them, with `sort`, `limit` (at most `max_limit`, default
    /// `default_limit`) and `offset`.
    pub fn filter_spec(
        &self,
        default_limit: Option<usize>,
        max_limit: usize,
    ) -> ApiResult<FilterSpec> {
        let min_fatalities = self
            .count("min_fatalities", u32::MAX as usize)?
            .map(|n| n as u32);
        Ok(FilterSpec {
            actor: self.all("actor"),
            country: self.all("country"),
            province: self.all("province"),
            event_type: self.one("type")?.map(str::to_string),
            sub_type: self.one("sub_type")?.map(str::to_string),
            from: self.date("from")?,
            to: self.date("to")?,
            bbox: self.one("bbox")?.map(str::to_string),
            min_fatalities,
            claimed_by: self.all("claimed_by"),
            report: self.all("report"),
            source: self.all("source"),
            file: self.all("file"),
            collection: self.all("collection"),
            include_rejected: self.flag("include_rejected")?,
            sort: self.sort()?,
            limit: self.count("limit", max_limit)?.or(default_limit),
            offset: self.count("offset", MAX_OFFSET)?.unwrap_or(0),
        })
    }
}

/// How the API names a filter parameter in a message: as the URL spells it
/// (`event_type` is `type` there).
pub fn param_name(p: &'static str) -> String {
    match p {
        "event_type" => "type".into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> ApiResult<Params> {
        Params::parse(Some(q), &[FILTERS, PAGING])
    }

    #[test]
    fn repeated_keys_and_empty_values() {
        let p = parse("actor=JNIM&actor=Wagner&country=&type=Battles").unwrap();
        assert_eq!(p.all("actor"), ["JNIM", "Wagner"]);
        assert!(p.all("country").is_empty());
        let spec = p.filter_spec(Some(100), MAX_LIMIT).unwrap();
        assert_eq!(spec.event_type.as_deref(), Some("Battles"));
        assert_eq!(spec.limit, Some(100));
    }

    #[test]
    fn mistakes_are_named() {
        let err = |q: &str| {
            parse(q)
                .and_then(|p| p.filter_spec(None, MAX_LIMIT).map(|_| ()))
                .unwrap_err()
                .message
        };
        assert!(err("actors=x").contains("unknown parameter `actors`"));
        assert!(err("limit=1001").contains("at most 1000"));
        assert!(err("limit=-1").contains("whole number"));
        assert!(err("from=2024-13").contains("bad `from`"));
        assert!(err("sort=up").contains("`sort`"));
        assert!(err("type=A&type=B").contains("more than once"));
        let long = format!("q={}", "a".repeat(MAX_QUERY_BYTES));
        assert!(err(&long).contains("too long"));
    }
}
