//! HAR files: every entry becomes a [`Request`] with its response status, failing entries
//! (status 0 or ≥ 400, or a recorded `_error`) first, each group in recorded order. The JSON is read strictly
//! (`domain::json`) and only the fields used are kept.

use super::{Header, Problem, Request};
use crate::domain::json::{self, Val};

fn text(v: Option<&Val>) -> String {
    v.and_then(Val::as_str).unwrap_or_default().to_string()
}

/// Every entry of a HAR, failing ones first.
pub fn parse(text_in: &str, problems: &mut Vec<Problem>) -> Vec<Request> {
    let root = match json::parse(text_in.trim()) {
        Ok(r) => r,
        Err(e) => {
            problems.push(Problem::new(
                "invalid_har",
                format!(
                    "The HAR does not parse as JSON (line {}, column {}).",
                    e.line, e.column
                ),
            ));
            return Vec::new();
        }
    };
    // The shape serde's derive required: a `log` object, `entries` an array (or absent) of
    // objects with a `request` object each.
    let entries = match root.get("log") {
        Some(log @ Val::Obj(_)) => match log.get("entries") {
            Some(Val::Arr(a)) => a.as_slice(),
            None => &[],
            Some(_) => &[Val::Null],
        },
        _ => &[Val::Null],
    };
    if !entries
        .iter()
        .all(|e| matches!(e.get("request"), Some(Val::Obj(_))))
    {
        problems.push(Problem::new(
            "invalid_har",
            "The JSON is not a HAR: it needs log.entries, each with a request.",
        ));
        return Vec::new();
    }
    if entries.is_empty() {
        problems.push(Problem::new("empty_har", "The HAR has no entries."));
    }
    let mut failing = Vec::new();
    let mut fine = Vec::new();
    for e in entries {
        let req = e.get("request");
        let field = |k: &str| req.and_then(|r| r.get(k));
        let resp = e.get("response").filter(|r| **r != Val::Null);
        let status = resp.and_then(|r| r.get("status")).and_then(status_of);
        let errored = resp
            .and_then(|r| r.get("_error"))
            .is_some_and(|v| *v != Val::Null && v.as_str() != Some(""));
        let failed = errored || status.is_none_or(|s| s == 0 || s >= 400);
        let method = text(field("method"));
        let url = text(field("url"));
        let headers = match field("headers") {
            Some(Val::Arr(h)) => h.as_slice(),
            _ => &[],
        };
        let r = Request {
            method: (!method.is_empty()).then_some(method),
            url: (!url.is_empty()).then_some(url),
            headers: headers
                .iter()
                .map(|h| Header {
                    name: text(h.get("name")),
                    value: text(h.get("value")),
                })
                .filter(|h| !h.name.starts_with(':'))
                .collect(),
            body: field("postData")
                .and_then(|p| p.get("text"))
                .and_then(Val::as_str)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            status: status.and_then(|s| u16::try_from(s).ok()),
            ..Request::default()
        };
        if failed {
            failing.push(r);
        } else {
            fine.push(r);
        }
    }
    failing.extend(fine);
    failing
}

/// A HAR status: an integer (serde_json's `i64`; `200.0` or `"200"` is no status).
fn status_of(v: &Val) -> Option<i64> {
    match v {
        Val::Num(n) => n.parse().ok(),
        _ => None,
    }
}
