//! HAR files: every entry becomes a [`Request`] with its response status, failing entries
//! (status 0 or ≥ 400, or a recorded `_error`) first, each group in recorded order. Only the
//! fields used are deserialized, so large response bodies cost little.

use super::{Header, Problem, Request};
use serde::Deserialize;

#[derive(Deserialize)]
struct Root {
    log: Log,
}

#[derive(Deserialize)]
struct Log {
    #[serde(default)]
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    request: Req,
    #[serde(default)]
    response: Option<Resp>,
}

#[derive(Deserialize)]
struct NameValue {
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Req {
    #[serde(default)]
    method: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    headers: Vec<NameValue>,
    #[serde(default)]
    post_data: Option<PostData>,
}

#[derive(Deserialize)]
struct PostData {
    #[serde(default)]
    text: Option<String>,
}

#[derive(Deserialize)]
struct Resp {
    #[serde(default)]
    status: Option<i64>,
    #[serde(default, rename = "_error")]
    error: Option<serde_json::Value>,
}

/// Every entry of a HAR, failing ones first.
pub fn parse(text: &str, problems: &mut Vec<Problem>) -> Vec<Request> {
    let root: Root = match serde_json::from_str(text.trim()) {
        Ok(r) => r,
        Err(e) => {
            problems.push(Problem::new(
                "invalid_har",
                format!(
                    "The HAR does not parse as JSON (line {}, column {}).",
                    e.line(),
                    e.column()
                ),
            ));
            return Vec::new();
        }
    };
    if root.log.entries.is_empty() {
        problems.push(Problem::new("empty_har", "The HAR has no entries."));
    }
    let mut failing = Vec::new();
    let mut fine = Vec::new();
    for e in root.log.entries {
        let status = e.response.as_ref().and_then(|r| r.status);
        let errored = e
            .response
            .as_ref()
            .and_then(|r| r.error.as_ref())
            .is_some_and(|v| !v.is_null() && v.as_str() != Some(""));
        let failed = errored || status.is_none_or(|s| s == 0 || s >= 400);
        let r = Request {
            method: (!e.request.method.is_empty()).then_some(e.request.method),
            url: (!e.request.url.is_empty()).then_some(e.request.url),
            headers: e
                .request
                .headers
                .into_iter()
                .filter(|h| !h.name.starts_with(':'))
                .map(|h| Header {
                    name: h.name,
                    value: h.value,
                })
                .collect(),
            body: e
                .request
                .post_data
                .and_then(|p| p.text)
                .filter(|t| !t.is_empty()),
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
