//! Facts pulled out of a paste: what the structured body says (type, code, message, status,
//! request id) and what the surrounding text says (HTTP status in prose, request ids, rate-limit
//! headers, retry hints, hosts and the addresses a network error names).

use super::lenient::{find_values, Budget, Val};
use super::rules::GENERIC_IDS;

/// Facts read from every JSON, Python-dict or JS-object value in the paste.
#[derive(Debug, Default)]
pub struct BodyFacts {
    /// `(rank, identifier)` in document order: rank 0 = `reason`, 1 = `code`/`errno`,
    /// 2 = `type`, 3 = `status`, 4 = `name`.
    pub ids: Vec<(u8, String)>,
    /// HTTP statuses written in the body (`"code": 429`, `"httpStatusCode": 429`).
    pub statuses: Vec<u16>,
    pub types: Vec<String>,
    pub messages: Vec<String>,
    pub request_ids: Vec<String>,
    pub retry_delay: Option<String>,
    /// The upstream's status that a gateway reports beside its own (new-api's `"param": "524"`
    /// with `bad_response_status_code`).
    pub upstream_statuses: Vec<u16>,
}

impl BodyFacts {
    /// The most specific code: the best-ranked non-generic identifier, then a numeric code,
    /// then a generic identifier.
    pub fn best_code(&self) -> Option<String> {
        let specific = self
            .ids
            .iter()
            .filter(|(_, id)| !is_generic(id))
            .min_by_key(|(rank, _)| *rank);
        if let Some((_, id)) = specific {
            return Some(id.clone());
        }
        if let Some(s) = self.statuses.first() {
            return Some(s.to_string());
        }
        self.ids
            .iter()
            .filter(|(_, id)| {
                !matches!(
                    id.to_ascii_lowercase().as_str(),
                    "none" | "null" | "undefined" | "" | "error"
                )
            })
            .min_by_key(|(rank, _)| *rank)
            .map(|(_, id)| id.clone())
    }

    /// The first error type that is not the envelope's `"type": "error"`.
    pub fn best_type(&self) -> Option<String> {
        self.types
            .iter()
            .find(|t| {
                !matches!(
                    t.to_ascii_lowercase().as_str(),
                    "error" | "none" | "null" | "system"
                )
            })
            .cloned()
    }
}

/// Whether an identifier says little on its own.
pub fn is_generic(id: &str) -> bool {
    GENERIC_IDS.iter().any(|g| g.eq_ignore_ascii_case(id))
}

/// An identifier-like string: no spaces, not only digits, not too long.
fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
        && !s.bytes().all(|b| b.is_ascii_digit())
}

fn http_status(v: &Val) -> Option<u16> {
    let t = v.as_text()?.trim();
    if t.len() != 3 {
        return None;
    }
    let n: u16 = t.parse().ok()?;
    (100..=599).contains(&n).then_some(n)
}

const MAX_EMBED: usize = 4;
const MAX_VALUES: usize = 64;

/// Reads every structured value in `text`, including JSON embedded in string fields.
pub fn body_facts(text: &str, budget: &mut Budget) -> BodyFacts {
    let mut facts = BodyFacts::default();
    let mut values = find_values(text, budget, MAX_VALUES);
    // A Python string literal around a dict (`BadRequestError('Error code: 400 - {\'error\'...`)
    // hides the dict behind escaped quotes: read an unescaped copy too.
    if values.is_empty() && (text.contains("\\'") || text.contains("\\\"")) {
        let unescaped = text.replace("\\'", "'").replace("\\\"", "\"");
        values = find_values(&unescaped, budget, MAX_VALUES);
    }
    for v in &values {
        walk(v, 0, &mut facts, budget);
    }
    facts
}

fn walk(v: &Val, embed: usize, f: &mut BodyFacts, budget: &mut Budget) {
    match v {
        Val::Arr(items) => {
            for i in items {
                walk(i, embed, f, budget);
            }
        }
        Val::Obj(fields) => {
            for (k, val) in fields {
                let key = k.to_ascii_lowercase();
                match key.as_str() {
                    "reason" => push_id(f, 0, val),
                    "code" | "error_code" | "errorcode" | "errcode" | "errno" | "err_code" => {
                        if let Some(s) = http_status(val) {
                            f.statuses.push(s);
                        } else {
                            push_id(f, 1, val);
                        }
                    }
                    "type" | "error_type" | "errortype" | "__type" => {
                        if let Some(t) = val.as_text() {
                            if is_identifier(t) {
                                f.types.push(t.to_string());
                            }
                        }
                        push_id(f, 2, val);
                    }
                    "status" => {
                        if let Some(s) = http_status(val) {
                            f.statuses.push(s);
                        } else {
                            push_id(f, 3, val);
                        }
                    }
                    "name" => {
                        if let Some(t) = val.as_text() {
                            if t.ends_with("Exception") || t.ends_with("Error") {
                                push_id(f, 4, val);
                            }
                        }
                    }
                    "httpstatuscode" | "status_code" | "statuscode" | "http_status"
                    | "httpstatus" | "http_code" => {
                        if let Some(s) = http_status(val) {
                            f.statuses.push(s);
                        }
                    }
                    "request_id" | "requestid" | "x-request-id" | "request-id" | "x_request_id" => {
                        if let Some(t) = val.as_text() {
                            if is_plausible_id(t) {
                                f.request_ids.push(t.to_string());
                            }
                        }
                    }
                    "param" => {
                        if let Some(s) = http_status(val).filter(|s| *s >= 400) {
                            f.upstream_statuses.push(s);
                        }
                    }
                    "retrydelay" | "retry_after" | "retry-after" => {
                        if let Some(t) = val.as_text() {
                            f.retry_delay.get_or_insert_with(|| t.to_string());
                        }
                    }
                    "message" | "msg" | "detail" | "details" | "error_description"
                    | "errormessage" | "error_message" | "error_msg" | "errmsg" | "error" => {
                        if let Val::Str(s) = val {
                            if !embedded(s, embed, f, budget) {
                                f.messages.push(s.trim().to_string());
                            }
                        } else {
                            walk(val, embed, f, budget);
                        }
                    }
                    _ => match val {
                        Val::Str(s) => {
                            embedded(s, embed, f, budget);
                        }
                        other => walk(other, embed, f, budget),
                    },
                }
            }
        }
        _ => {}
    }
}

/// Reads JSON embedded in a string value; returns whether there was any.
fn embedded(s: &str, embed: usize, f: &mut BodyFacts, budget: &mut Budget) -> bool {
    if embed >= MAX_EMBED || !s.contains('{') {
        return false;
    }
    let inner = find_values(s, budget, MAX_VALUES);
    if inner.is_empty() {
        return false;
    }
    for v in &inner {
        walk(v, embed + 1, f, budget);
    }
    true
}

fn push_id(f: &mut BodyFacts, rank: u8, v: &Val) {
    if let Val::Str(s) = v {
        let s = s.trim().trim_matches('*');
        if is_identifier(s) {
            f.ids.push((rank, s.to_string()));
        }
    }
}

fn is_plausible_id(t: &str) -> bool {
    let t = t.trim();
    t.len() >= 6
        && t.len() <= 128
        && !t.starts_with('<')
        && !matches!(
            t.to_ascii_lowercase().as_str(),
            "undefined" | "null" | "none"
        )
}

// ---------------------------------------------------------------------------------------------
// Facts from the prose around the body.

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Reason phrases that may follow a status number.
const REASONS: &[&str] = &[
    "unauthorized",
    "forbidden",
    "not found",
    "too many requests",
    "payment required",
    "bad request",
    "internal server error",
    "bad gateway",
    "service unavailable",
    "gateway time",
    "proxy authentication",
    "request timeout",
    "request entity too large",
    "payload too large",
    "unprocessable",
    "method not allowed",
    "a timeout occurred",
    "origin is unreachable",
    "web server",
    "connection timed out",
    "overloaded",
    "authorization required",
    "request-uri too large",
    "not implemented",
];

/// Words that, just before a number, make it an HTTP status.
const STATUS_CUES: &[&str] = &[
    "status code",
    "status code of",
    "statuscode",
    "status_code",
    "status",
    "error code",
    "errorcode",
    "code",
    "http/1.1",
    "http/1.0",
    "http/2",
    "http",
    "api error",
    "error",
    "error response",
    "returned",
    "response",
    "failed with",
    "unexpected status",
    "exception",
    "<title>",
    "<h1>",
];

/// Finds the HTTP status written in prose (`Error code: 429`, `HTTP/1.1 401 Unauthorized`,
/// `API Error: 402 {...}`, `| 429 |`, a line starting `403 This token...`).
/// `lower` must be the ASCII-lower-cased paste.
pub fn prose_status(text: &str, lower: &str) -> Option<u16> {
    let b = lower.as_bytes();
    let mut best: Option<(u8, u16)> = None;
    let mut i = 0;
    while i + 3 <= b.len() {
        if !(b[i].is_ascii_digit() && b[i + 1].is_ascii_digit() && b[i + 2].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let end = i + 3;
        i += 1;
        if (start > 0 && (b[start - 1].is_ascii_digit() || b[start - 1] == b'.'))
            || (end < b.len()
                && (b[end].is_ascii_digit()
                    || is_word(b[end])
                    || b[end] == b'.' && b.get(end + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            continue;
        }
        let n: u16 = match lower.get(start..end).and_then(|s| s.parse().ok()) {
            Some(n) => n,
            None => continue,
        };
        if !(400..=599).contains(&n) {
            continue;
        }
        // A port (`host:443`) or part of a word or path.
        if start > 0 && (is_word(b[start - 1]) || b[start - 1] == b'/' || b[start - 1] == b'-') {
            continue;
        }
        if start > 1
            && b[start - 1] == b':'
            && (b[start - 2].is_ascii_alphanumeric() || b[start - 2] == b']')
        {
            // `Error:500:` is a status; `localhost:443` is a port.
            let word_start = lower[..start - 1]
                .char_indices()
                .rev()
                .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
                .map_or(0, |(p, c)| p + c.len_utf8());
            let word = lower.get(word_start..start - 1).unwrap_or("");
            if !matches!(word, "error" | "code" | "status" | "statuscode") {
                continue;
            }
        }
        let mut score = 0u8;
        // Left context: skip separators, then look for a cue.
        let left = &lower[..start];
        let trimmed = left.trim_end_matches([' ', ':', '-', '(', '=', '"', '\'', '\t', '[']);
        if STATUS_CUES.iter().any(|c| trimmed.ends_with(c)) {
            score += 3;
        }
        // Right context: a reason phrase or the start of a body.
        let right = lower[end..].trim_start_matches([' ', ':', '-', ')', '(', '"', '\u{201C}']);
        if REASONS.iter().any(|r| right.starts_with(r)) {
            score += 3;
        }
        // At the start of a line (after decoration), followed by text or a body.
        // (Read backwards and only as far as decoration goes: finding the line start first
        // made every candidate rescan a long line, quadratic in a paste without newlines.)
        if left
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(|c| c.is_whitespace() || "⎿■│|>*-•:[]".contains(c))
        {
            let next = lower[end..].chars().next();
            if matches!(
                next,
                Some(' ') | Some('{') | Some('"') | Some('\'') | Some(':') | None
            ) {
                score += 2;
            }
        }
        // After an upper-case error code: `API_KEY_DISABLED 401 Key was disabled`.
        // Looked for in the last 128 bytes only (a longer run is no error code; reading back to
        // the previous blank made every candidate rescan the text before it).
        let mut from = trimmed.len().saturating_sub(128);
        while !trimmed.is_char_boundary(from) {
            from += 1;
        }
        let prev_word = match trimmed[from..].rsplit_once(char::is_whitespace) {
            Some((_, w)) => w,
            None if from == 0 => trimmed,
            None => "",
        };
        let original = text
            .get(start.saturating_sub(prev_word.len() + 1)..start)
            .unwrap_or("");
        if prev_word.contains('_')
            && original.trim().len() == prev_word.len()
            && original
                .trim()
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit())
        {
            score += 2;
        }
        // The last word of a line after a colon: `Failed to initiate authorization: 407`.
        if left.trim_end_matches(' ').ends_with(':')
            && lower[end..]
                .chars()
                .take_while(|&c| c != '\n')
                .all(char::is_whitespace)
        {
            score += 2;
        }
        // A column in a request log: `| 429 |`.
        if left.trim_end().ends_with('|') && lower[end..].trim_start().starts_with('|') {
            score += 2;
        }
        if score >= 2 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, n));
        }
    }
    best.map(|(_, n)| n)
}

/// Reads the token after `key` (skipping `: = " '` and spaces): letters, digits, `_ - .`.
fn token_after(s: &str, at: usize) -> Option<&str> {
    let rest = s.get(at..)?;
    let rest = rest.trim_start_matches([' ', ':', '=', '"', '\'', '\t']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(rest.len());
    let t = rest[..end].trim_end_matches('.');
    (!t.is_empty()).then_some(t)
}

/// A request id written in prose: `request id: X`, `x-request-id: X`, `(request id: X)`,
/// `RequestID: X`, `req_...`.
pub fn prose_request_id(text: &str, lower: &str) -> Option<String> {
    for key in [
        "x-request-id",
        "request-id",
        "request_id",
        "requestid",
        "request id",
        "request id:",
    ] {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|r| r.find(key)) {
            let at = from + p + key.len();
            if let Some(t) = token_after(text, at) {
                if is_plausible_id(t) && t.bytes().any(|b| b.is_ascii_digit()) {
                    return Some(t.to_string());
                }
            }
            from = at;
        }
    }
    // Anthropic and OpenAI request ids: `req_` followed by at least 10 letters or digits.
    let mut from = 0;
    while let Some(p) = text.get(from..).and_then(|r| r.find("req_")) {
        let at = from + p;
        let before_ok = at == 0 || !is_word(text.as_bytes()[at - 1]);
        let id: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if before_ok && id.len() >= 14 {
            return Some(id);
        }
        from = at + 4;
    }
    None
}

/// `Retry-After`, or the wait the message asks for (`try again in 4.77s`, `retry in 45s`,
/// `retry after 86400 seconds`).
pub fn prose_retry_after(lower: &str) -> Option<String> {
    for key in [
        "retry-after",
        "retry after",
        "try again in",
        "retry in",
        "retrydelay",
        "wait for",
    ] {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|r| r.find(key)) {
            let at = from + p + key.len();
            let rest = lower[at..].trim_start_matches([' ', ':', '=', '"', '\'']);
            let num_end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            if num_end > 0 {
                let num = rest[..num_end].trim_end_matches('.');
                let unit_part = rest[num_end..].trim_start();
                let unit = if unit_part.starts_with("ms") || unit_part.starts_with("milli") {
                    "ms"
                } else if unit_part.starts_with('m') && !unit_part.starts_with("ms") {
                    "min"
                } else if unit_part.starts_with('h') {
                    "h"
                } else if unit_part.starts_with('d') {
                    "d"
                } else {
                    "s"
                };
                return Some(format!("{num} {unit}"));
            }
            from = at;
        }
    }
    None
}

/// Rate-limit headers as pasted (`x-ratelimit-remaining-requests: 0`,
/// `anthropic-ratelimit-tokens-reset: ...`, `"x-ratelimit-limit-tokens": "6000"`).
pub fn rate_limit_headers(text: &str, lower: &str) -> Vec<(String, String)> {
    let mut out: Vec<(usize, String, String)> = Vec::new();
    for prefix in [
        "x-ratelimit-",
        "anthropic-ratelimit-",
        "ratelimit-",
        "retry-after",
    ] {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|r| r.find(prefix)) {
            let at = from + p;
            from = at + prefix.len();
            if at > 0 && (is_word(lower.as_bytes()[at - 1]) || lower.as_bytes()[at - 1] == b'-') {
                continue;
            }
            let name_end = lower[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(lower.len(), |e| at + e);
            let name = &lower[at..name_end];
            let rest = &text[name_end..];
            let sep = rest.trim_start_matches(['"', '\'', ' ']);
            if !(sep.starts_with(':') || sep.starts_with('=')) {
                continue;
            }
            let value = sep[1..].trim_start_matches([' ', '"', '\'', '\t']);
            let vend = value
                .find(['"', '\'', ',', '\n', '\r', '}', ';'])
                .unwrap_or(value.len());
            let value: String = value[..vend].trim().chars().take(64).collect();
            if !value.is_empty() && !out.iter().any(|(_, n, _)| n == name) && out.len() < 24 {
                out.push((at, name.to_string(), value));
            }
        }
    }
    crate::domain::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, n, v)| (n, v)).collect()
}

/// The host of the first URL in the paste that the failing call went to, and that URL's base
/// (scheme, host and `/v1` when the path starts with it). Links to documentation, consoles and
/// help pages (which error messages love to include) are skipped.
pub fn first_url(text: &str) -> Option<(String, String)> {
    urls(text).find_map(url_at)
}

/// Every `http://` or `https://` URL in `text` (at most 64), each up to the first character
/// that ends a URL in a log or a JSON string.
pub fn urls(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = text.get(from..)?;
        let at = rest.find("http")?;
        let start = from + at;
        from = start + 4;
        let tail = &text[start..];
        if !(tail.starts_with("https://") || tail.starts_with("http://")) {
            return Some(None);
        }
        let end = tail
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | ')' | '`' | '>' | '\\' | ',' | ']')
            })
            .unwrap_or(tail.len());
        from = start + end.max(4);
        Some(Some(&tail[..end]))
    })
    .flatten()
    .take(64)
}

/// Hosts and paths of documentation, consoles and status pages: never the failing call.
const DOC_HOSTS: &[&str] = &[
    "docs.",
    "help.",
    "console.",
    "platform.openai.com",
    "aka.ms",
    "go.microsoft.com",
    "learn.microsoft.com",
    "cloud.google.com",
    "ai.google.dev",
    "ai.dev",
    "github.com",
    "status.",
    "support.",
    "www.",
];

fn url_at(rest: &str) -> Option<(String, String)> {
    let scheme_end = rest.find("://")? + 3;
    let after = &rest[scheme_end..];
    let host_end = after
        .find(|c: char| {
            matches!(
                c,
                '/' | '?' | '#' | '"' | '\'' | ' ' | ')' | '\n' | '`' | '>' | '\\' | ',' | ']'
            )
        })
        .unwrap_or(after.len());
    let authority = &after[..host_end];
    // Never carry `user:password@` into the facts or the steps.
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.is_empty() {
        return None;
    }
    let host = host_port
        .rsplit_once(':')
        .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
        .map_or(host_port, |(h, _)| h)
        .to_ascii_lowercase();
    let path = &after[host_end..];
    let is_doc = DOC_HOSTS.iter().any(|d| {
        if d.ends_with('.') {
            host.starts_with(d)
        } else {
            host == *d || host.ends_with(&format!(".{d}"))
        }
    }) || path.starts_with("/docs")
        || path.starts_with("/settings")
        || path.starts_with("/account");
    if is_doc {
        return None;
    }
    let mut base = format!("{}{}", &rest[..scheme_end], host_port);
    if path.starts_with("/v1") {
        base.push_str("/v1");
    }
    Some((host, base))
}

/// The address a network error names: after `ECONNREFUSED`, `ENOTFOUND`, `connect to host`,
/// `dial tcp`, `Failed to connect to`. Returns `(host, port)`.
pub fn failed_address(text: &str) -> Option<(String, Option<u16>)> {
    for key in [
        "ECONNREFUSED ",
        "ENOTFOUND ",
        "EAI_AGAIN ",
        "ETIMEDOUT ",
        "ECONNRESET ",
        "connect to host ",
        "dial tcp ",
        "Failed to connect to ",
        "failed to connect to ",
        "Could not resolve host: ",
        "Could not resolve proxy: ",
    ] {
        if let Some(p) = text.find(key) {
            let rest = &text[p + key.len()..];
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ',' | '\'' | '"' | ')' | ';' | '\\')
                })
                .unwrap_or(rest.len());
            let addr = rest[..end].trim_end_matches(['.', ':']);
            if addr.is_empty() {
                continue;
            }
            // curl: `Failed to connect to host port 1080`
            let port_word = rest[end..]
                .trim_start()
                .strip_prefix("port ")
                .and_then(|r| {
                    r.split(|c: char| !c.is_ascii_digit())
                        .next()?
                        .parse::<u16>()
                        .ok()
                });
            let (host, port) = match addr.rsplit_once(':') {
                Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                    (h.trim_matches(['[', ']']).to_string(), p.parse().ok())
                }
                _ => (addr.to_string(), port_word),
            };
            return Some((host.to_ascii_lowercase(), port));
        }
    }
    None
}

/// Whether `host` is this machine.
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.starts_with("127.")
        || host == "::1"
        || host == "0.0.0.0"
        || host == "host.docker.internal"
}

/// Known providers and gateways, by what their errors and hosts look like. The first match
/// wins, so hosts come before looser hints. `(needle in normalized text, name, is_gateway)`;
/// needles match anywhere (`*` at both ends, no word boundaries).
pub const PROVIDERS: &[(&str, &str, bool)] = &[
    // Gateways and relays: the service that answered.
    ("*torouter*", "torouter", true),
    ("*api_key_quota_exhausted*", "torouter", true),
    ("*api_key_disabled*", "torouter", true),
    ("*api_key_expired*", "torouter", true),
    ("*user_inactive*", "torouter", true),
    ("*key not recognised*", "torouter", true),
    ("*tokmodel*", "tokmodel", true),
    ("*\"authorization_error\"*", "tokmodel", true),
    ("*litellm*", "litellm?", true),
    ("*proxy server token*", "litellm", true),
    ("*key_model_access_denied*", "litellm", true),
    ("*team_model_access_denied*", "litellm", true),
    ("*received model group*", "litellm", true),
    ("*openrouter*", "openrouter?", true),
    ("*one_api_error*", "oneapi", true),
    ("*new_api_error*", "oneapi", true),
    ("*shell_api_error*", "oneapi", true),
    ("*v_api_error*", "oneapi", true),
    ("*relay error (channel*", "oneapi", true),
    ("*(request id: 20*", "oneapi", true),
    ("*this token has no access to model*", "oneapi", true),
    ("*当前分组*", "oneapi", true),
    ("*渠道*", "oneapi", true),
    ("*令牌*", "oneapi", true),
    // Providers, by host first, then by what only their errors say.
    ("*api.deepseek.com*", "deepseek", false),
    ("*deepseek*", "deepseek", false),
    ("*api.mistral.ai*", "mistral", false),
    ("*mistral*", "mistral", false),
    ("*api.groq.com*", "groq", false),
    ("*groq*", "groq", false),
    ("*api.x.ai*", "xai", false),
    ("*console.x.ai*", "xai", false),
    ("*openai.azure.com*", "azure", false),
    ("*azure*", "azure", false),
    ("*subscription key*", "azure", false),
    ("*bedrock*", "bedrock", false),
    ("*botocore*", "bedrock", false),
    ("*amazonaws.com*", "bedrock", false),
    ("*@aws-sdk*", "bedrock", false),
    ("*\"$metadata\"*", "bedrock", false),
    ("*aiplatform.googleapis.com*", "vertex", false),
    ("*vertex*", "vertex", false),
    ("*generativelanguage*", "gemini", false),
    ("*googlegenerativeai*", "gemini", false),
    ("*ai.google.dev*", "gemini", false),
    ("*generatecontent*", "gemini", false),
    ("*user location is not supported*", "gemini", false),
    ("*renew the api key*", "gemini", false),
    ("*input token count*", "gemini", false),
    ("*gemini*", "gemini", false),
    ("*api.anthropic.com*", "anthropic", false),
    ("*anthropic*", "anthropic", false),
    ("*x-api-key*", "anthropic", false),
    ("*overloaded_error*", "anthropic", false),
    ("*toolu_*", "anthropic", false),
    ("*claude*", "anthropic", false),
    ("*api.openai.com*", "openai", false),
    ("*chatgpt.com*", "openai", false),
    ("*platform.openai.com*", "openai", false),
    ("*help.openai.com*", "openai", false),
    ("*openai*", "openai", false),
    ("*unsupported_country_region_territory*", "openai", false),
    ("*this model's maximum context length*", "openai", false),
    ("*max_completion_tokens*", "openai", false),
    ("*incorrect api key provided*", "openai", false),
    ("*exceeded your current quota*", "openai", false),
    ("*gpt-3.5*", "openai", false),
    ("*gpt-4*", "openai", false),
    ("*gpt-5*", "openai", false),
    ("*text-embedding*", "openai", false),
    ("*dashscope*", "qwen", false),
    ("*bigmodel.cn*", "zhipu", false),
    ("*moonshot*", "moonshot", false),
    ("*api.cohere*", "cohere", false),
    ("*perplexity*", "perplexity", false),
    ("*together.xyz*", "together", false),
    ("*fireworks.ai*", "fireworks", false),
    ("*localhost:11434*", "ollama", false),
    ("*ollama*", "ollama", false),
    ("*x.ai*", "xai", false),
    // Claude Code prints `API Error: 401 ...`; the least specific hint, last.
    ("*api error: 4*", "anthropic?", false),
    ("*api error (5*", "anthropic?", false),
];

/// The provider and the gateway the paste names, given which [`PROVIDERS`] needles it
/// contains (in table order). A name ending in `?` is a weak hint (a gateway's bare product
/// name, which a client library or a container may carry too; a client's log format): a weak
/// gateway counts only when no provider is named, a weak provider only when nothing else is.
pub fn provider_and_gateway(found: &[bool]) -> (Option<String>, Option<String>) {
    let mut provider = None;
    let mut gateway = None;
    let mut weak_gateway = None;
    let mut weak_provider = None;
    for ((_, name, is_gateway), _) in PROVIDERS.iter().zip(found).filter(|(_, &f)| f) {
        let (slot, name) = match (is_gateway, name.strip_suffix('?')) {
            (true, Some(weak)) => (&mut weak_gateway, weak),
            (true, None) => (&mut gateway, *name),
            (false, Some(weak)) => (&mut weak_provider, weak),
            (false, None) => (&mut provider, *name),
        };
        slot.get_or_insert(name);
    }
    if gateway.is_none() && provider.is_none() {
        gateway = weak_gateway;
    }
    if gateway.is_none() && provider.is_none() {
        provider = weak_provider;
    }
    (provider.map(str::to_string), gateway.map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_in_prose() {
        let cases = [
            ("Error code: 429 - {'error': 1}", Some(429)),
            (
                "INFO:httpx:HTTP Request: POST x \"HTTP/1.1 401 Unauthorized\"",
                Some(401),
            ),
            ("API Error: 402 {\"error\":1}", Some(402)),
            ("403 This token has no access to model glm-5.2", Some(403)),
            (
                "[GIN] 2024/05/25 - 02:20:27 | 2024 | 429 |   94ms",
                Some(429),
            ),
            ("connect ECONNREFUSED 127.0.0.1:1080", None),
            ("max_tokens: 21333 > 4096, which is", None),
            ("RUN:Openai Error:500:server_error", Some(500)),
            ("API Error (529 {\"type\":\"error\"})", Some(529)),
            ("connect to api.openai.com:443 failed", None),
            ("API_KEY_DISABLED 401 Key was disabled in /keys", Some(401)),
            ("error_code 401", Some(401)),
            ("the response has a status code of 404 and", Some(404)),
            ("连接失败 400 \u{201C}Bad Request\u{201D}", Some(400)),
        ];
        for (text, want) in cases {
            assert_eq!(
                prose_status(text, &text.to_ascii_lowercase()),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn request_ids_in_prose() {
        let t = "用户额度不足 (request id: 2024072510422562564674066306279)";
        assert_eq!(
            prose_request_id(t, &t.to_ascii_lowercase()).as_deref(),
            Some("2024072510422562564674066306279")
        );
        let t = "Please include the request ID req_1332ed8a813a4caaa2f0f3c55a6a68cb in";
        assert_eq!(
            prose_request_id(t, &t.to_ascii_lowercase()).as_deref(),
            Some("req_1332ed8a813a4caaa2f0f3c55a6a68cb")
        );
    }

    #[test]
    fn rate_limit_headers_and_retry() {
        let t =
            "retry-after: 20\nx-ratelimit-remaining-requests: 0\nx-ratelimit-reset-tokens: 6m0s\n";
        let h = rate_limit_headers(t, &t.to_ascii_lowercase());
        assert_eq!(h.len(), 3);
        assert_eq!(h[1], ("x-ratelimit-remaining-requests".into(), "0".into()));
        assert_eq!(
            prose_retry_after("please try again in 4.77s."),
            Some("4.77 s".into())
        );
    }

    #[test]
    fn failed_addresses() {
        assert_eq!(
            failed_address("reason: connect ECONNREFUSED 127.0.0.1:1080"),
            Some(("127.0.0.1".into(), Some(1080)))
        );
        assert_eq!(
            failed_address("getaddrinfo ENOTFOUND proxy-server"),
            Some(("proxy-server".into(), None))
        );
    }
}
