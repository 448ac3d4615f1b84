//! Request parsing: whatever a user pastes about the request they sent (a curl command, a raw
//! HTTP request, a header block, request JSON, a Python or Node snippet, a `.env` file, a
//! HAR file) becomes one [`ParsedRequest`]: the kind detected, method, URL, base URL,
//! headers, body, model, key parameters and the key found, plus problems. Parsing never
//! fails: what cannot be read is reported as a [`Problem`].
//!
//! The key is held here so the key lint can check it; it is never serialized in full:
//! [`FoundKey`] serializes a placeholder, and [`ParsedRequest::sanitized`] gives a copy with
//! every secret redacted, the copy a UI shows.

mod body;
mod code;
mod curl;
mod har;
mod http;
mod shell;

use crate::domain::baseurl::lint_base_url;
use crate::domain::redact::{redact, RedactOptions};
use serde::{Serialize, Serializer};

/// What kind of input was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Curl,
    HttpRequest,
    Headers,
    Json,
    Python,
    Node,
    Env,
    Har,
    Unknown,
}

/// One header, as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// One key parameter (`temperature`, `max_tokens`, `tools (count)`...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Param {
    pub name: String,
    pub value: String,
}

/// The key (or header value) the request sends. `value` is the raw header value (with its
/// scheme, `Bearer …`) or the raw key, for [`crate::domain::keylint::lint_key`].
#[derive(Clone, PartialEq, Eq)]
pub struct FoundKey {
    pub value: String,
    /// The header it is sent in, when it is a header.
    pub header: Option<String>,
    /// Where it was found: `header`, `query:key`, `env:OPENAI_API_KEY`, `code:api_key`...
    pub source: String,
}

impl FoundKey {
    /// A safe description: the redaction placeholder of the value.
    pub fn hint(&self) -> String {
        let r = redact(&self.value, &RedactOptions::default());
        if r.redactions.is_empty() {
            // Not recognised as a secret (a placeholder, a variable): show its length only.
            format!("[{} chars]", self.value.chars().count())
        } else {
            r.text
        }
    }
}

impl std::fmt::Debug for FoundKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FoundKey")
            .field("hint", &self.hint())
            .field("header", &self.header)
            .field("source", &self.source)
            .finish()
    }
}

impl Serialize for FoundKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("FoundKey", 3)?;
        st.serialize_field("hint", &self.hint())?;
        st.serialize_field("header", &self.header)?;
        st.serialize_field("source", &self.source)?;
        st.end()
    }
}

/// One request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Request {
    pub method: Option<String>,
    pub url: Option<String>,
    /// The URL without the endpoint path (`https://api.openai.com/v1`).
    pub base_url: Option<String>,
    pub headers: Vec<Header>,
    pub body: Option<String>,
    pub model: Option<String>,
    pub params: Vec<Param>,
    pub key: Option<FoundKey>,
    /// HTTP status of the response, for HAR entries.
    pub status: Option<u16>,
}

/// Something that could not be read, or looks wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub id: &'static str,
    pub detail: String,
}

impl Problem {
    pub(crate) fn new(id: &'static str, detail: impl Into<String>) -> Problem {
        Problem {
            id,
            detail: detail.into(),
        }
    }
}

/// The result of [`parse_request`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParsedRequest {
    pub kind: InputKind,
    /// The request (for a HAR, the first entry after sorting: a failing one when any failed).
    pub request: Request,
    /// Every HAR entry, failing ones first; empty for other kinds.
    pub entries: Vec<Request>,
    pub problems: Vec<Problem>,
}

impl ParsedRequest {
    /// A copy safe to show or share: URL, header values, body and the key redacted (prompts
    /// replaced by their length unless `keep_prompts`).
    pub fn sanitized(&self, keep_prompts: bool) -> ParsedRequest {
        let opts = RedactOptions { keep_prompts };
        let clean = |r: &Request| -> Request {
            let mut r = r.clone();
            let red = |s: &str| redact(s, &opts).text;
            r.url = r.url.as_deref().map(red);
            r.base_url = r.base_url.as_deref().map(red);
            r.body = r.body.as_deref().map(red);
            for h in &mut r.headers {
                // Redact the header as a line so its name gives context.
                let line = redact(&format!("{}: {}", h.name, h.value), &opts).text;
                match line
                    .strip_prefix(h.name.as_str())
                    .and_then(|v| v.strip_prefix(": "))
                {
                    Some(v) => h.value = v.to_string(),
                    // The redaction reached into the name (a malformed header whose name holds
                    // a secret): the name cannot be shown, the redacted line is the value.
                    None => {
                        h.name = String::new();
                        h.value = line;
                    }
                }
            }
            if let Some(k) = &mut r.key {
                k.value = k.hint();
            }
            r
        };
        ParsedRequest {
            kind: self.kind,
            request: clean(&self.request),
            entries: self.entries.iter().map(clean).collect(),
            problems: self.problems.clone(),
        }
    }
}

/// Headers that carry keys, in order of preference.
const KEY_HEADERS: &[&str] = &["authorization", "x-api-key", "api-key", "x-goog-api-key"];

impl Request {
    /// Fills `model`, `params`, `base_url` and `key` from the method, URL, headers and body.
    pub(crate) fn complete(&mut self, problems: &mut Vec<Problem>) {
        if let Some(b) = &self.body {
            let (m, p, ok) = body::from_text(b);
            if !ok {
                problems.push(Problem::new(
                    "invalid_json_body",
                    "The body starts like JSON but does not parse.",
                ));
            }
            if self.model.is_none() {
                self.model = m;
            }
            if self.params.is_empty() {
                self.params = p;
            }
        }
        if let Some(u) = &self.url {
            if self.model.is_none() {
                self.model = body::model_from_url(u);
            }
            if self.base_url.is_none() {
                self.base_url = Some(base_of(u));
            }
        }
        if self.key.is_none() {
            self.key = key_from_headers(&self.headers)
                .or_else(|| self.url.as_deref().and_then(key_from_query));
        }
    }
}

/// The base URL of a full request URL (the endpoint path and query removed).
pub fn base_of(url: &str) -> String {
    let no_query = url.split(['?', '#']).next().unwrap_or(url);
    for f in lint_base_url(no_query) {
        if f.id == "endpoint_path_as_base" {
            if let Some(s) = f.suggestion {
                return s;
            }
        }
    }
    no_query.trim_end_matches('/').to_string()
}

fn key_from_headers(headers: &[Header]) -> Option<FoundKey> {
    for want in KEY_HEADERS {
        if let Some(h) = headers.iter().find(|h| h.name.eq_ignore_ascii_case(want)) {
            return Some(FoundKey {
                value: h.value.clone(),
                header: Some(h.name.clone()),
                source: "header".into(),
            });
        }
    }
    None
}

fn key_from_query(url: &str) -> Option<FoundKey> {
    let q = url.split_once('?')?.1;
    let q = q.split('#').next().unwrap_or(q);
    for pair in q.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if matches!(
            k,
            "key" | "api_key" | "apikey" | "api-key" | "access_token" | "token"
        ) && !v.is_empty()
        {
            return Some(FoundKey {
                value: v.to_string(),
                header: None,
                source: format!("query:{k}"),
            });
        }
    }
    None
}

/// Guesses what `text` is.
pub fn detect_kind(text: &str) -> InputKind {
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.is_empty() {
        return InputKind::Unknown;
    }
    if t.starts_with('{') || t.starts_with('[') {
        let head: String = t.chars().take(4096).collect();
        if head.contains("\"log\"")
            && (head.contains("\"entries\"") || head.contains("\"creator\""))
        {
            return InputKind::Har;
        }
        return InputKind::Json;
    }
    let first = t.lines().next().unwrap_or("");
    if first
        .trim_start_matches("$ ")
        .trim_start()
        .starts_with("curl ")
        || first.trim() == "curl"
        || first.trim_start().starts_with("curl.exe ")
        || t.lines()
            .any(|l| l.trim_start().trim_start_matches("$ ").starts_with("curl "))
    {
        return InputKind::Curl;
    }
    if http::is_request_line(first) {
        return InputKind::HttpRequest;
    }
    let (py, node) = code::scores(t);
    if py >= 2 || node >= 2 {
        return if node > py {
            InputKind::Node
        } else {
            InputKind::Python
        };
    }
    let lines: Vec<&str> = t
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let env_like = lines.iter().filter(|l| code::env_line(l).is_some()).count();
    let header_like = lines
        .iter()
        .filter(|l| http::header_line(l).is_some())
        .count();
    if !lines.is_empty() && env_like * 2 > lines.len() && env_like >= header_like {
        return InputKind::Env;
    }
    if !lines.is_empty() && header_like * 2 > lines.len() {
        return InputKind::Headers;
    }
    InputKind::Unknown
}

/// Parses whatever describes a request. Never fails; see [`ParsedRequest::problems`].
pub fn parse_request(text: &str) -> ParsedRequest {
    let kind = detect_kind(text);
    let t = text.trim_start_matches('\u{feff}');
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let mut request = match kind {
        InputKind::Curl => curl::parse(t, &mut problems),
        InputKind::HttpRequest => http::parse_raw(t, &mut problems),
        InputKind::Headers => http::parse_headers(t, &mut problems),
        InputKind::Json => Request {
            body: Some(t.trim().to_string()),
            ..Request::default()
        },
        InputKind::Python | InputKind::Node => code::parse_code(t, &mut problems),
        InputKind::Env => code::parse_env(t, &mut problems),
        InputKind::Har => {
            entries = har::parse(t, &mut problems);
            entries.first().cloned().unwrap_or_default()
        }
        InputKind::Unknown => {
            if !t.trim().is_empty() {
                problems.push(Problem::new(
                    "unrecognised",
                    "Not a curl command, HTTP request, headers, JSON, code, .env or HAR.",
                ));
            }
            Request::default()
        }
    };
    request.complete(&mut problems);
    for e in &mut entries {
        let mut ignored = Vec::new();
        e.complete(&mut ignored);
    }
    if matches!(kind, InputKind::Curl | InputKind::HttpRequest) && request.url.is_none() {
        problems.push(Problem::new("no_url", "No URL was found."));
    }
    ParsedRequest {
        kind,
        request,
        entries,
        problems,
    }
}
