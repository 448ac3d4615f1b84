//! Raw HTTP requests (`POST /v1/chat/completions HTTP/1.1`, headers, blank line, body) and
//! bare header blocks, including HTTP/2 pseudo-headers (`:method`, `:authority`, `:path`).

use super::{Header, Problem, Request};

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Whether `line` is an HTTP request line.
pub fn is_request_line(line: &str) -> bool {
    let mut parts = line.split_whitespace();
    let (Some(m), Some(target)) = (parts.next(), parts.next()) else {
        return false;
    };
    let version = parts.next();
    METHODS.contains(&m)
        && (target.starts_with('/') || target.starts_with("http"))
        && version.is_none_or(|v| v.starts_with("HTTP/"))
}

/// `Name: value` when `line` is a header line.
pub fn header_line(line: &str) -> Option<(&str, &str)> {
    let l = line.trim();
    let (name, value) = if let Some(rest) = l.strip_prefix(':') {
        // HTTP/2 pseudo-header.
        let (n, v) = rest.split_once(':')?;
        (&l[..n.len() + 1], v)
    } else {
        l.split_once(':')?
    };
    let n = name.trim_end();
    let ok = !n.is_empty()
        && n.len() <= 64
        && n.trim_start_matches(':')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !value.starts_with("//");
    ok.then_some((n, value.trim()))
}

fn url_from(headers: &[Header], target: Option<&str>) -> Option<String> {
    let find = |n: &str| {
        headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(n))
            .map(|h| h.value.as_str())
    };
    if let Some(t) = target {
        if t.starts_with("http://") || t.starts_with("https://") {
            return Some(t.to_string());
        }
    }
    let host = find("host").or_else(|| find(":authority"))?;
    let path = target.or_else(|| find(":path")).unwrap_or("/");
    let scheme = find(":scheme").unwrap_or("https");
    Some(format!("{scheme}://{host}{path}"))
}

/// A raw HTTP request.
pub fn parse_raw(text: &str, problems: &mut Vec<Problem>) -> Request {
    let norm = text.replace("\r\n", "\n");
    let (head, body) = match norm.split_once("\n\n") {
        Some((h, b)) => (h.to_string(), Some(b.trim().to_string())),
        None => (norm.clone(), None),
    };
    let mut lines = head.lines();
    let first = lines.next().unwrap_or("");
    let mut parts = first.split_whitespace();
    let method = parts.next().map(str::to_string);
    let target = parts.next().map(str::to_string);
    let mut headers = Vec::new();
    for l in lines {
        match header_line(l) {
            Some((n, v)) => headers.push(Header {
                name: n.to_string(),
                value: v.to_string(),
            }),
            None if !l.trim().is_empty() => {
                problems.push(Problem::new(
                    "bad_header_line",
                    "A line in the header block is not `Name: value`.",
                ));
            }
            None => {}
        }
    }
    let url = url_from(&headers, target.as_deref());
    Request {
        method,
        url,
        headers,
        body: body.filter(|b| !b.is_empty()),
        ..Request::default()
    }
}

/// A block of headers (maybe with a status or request line and pseudo-headers).
pub fn parse_headers(text: &str, _problems: &mut [Problem]) -> Request {
    let mut headers = Vec::new();
    for l in text.lines() {
        if let Some((n, v)) = header_line(l) {
            headers.push(Header {
                name: n.to_string(),
                value: v.to_string(),
            });
        }
    }
    let method = headers
        .iter()
        .find(|h| h.name == ":method")
        .map(|h| h.value.clone());
    let url = url_from(&headers, None);
    Request {
        method,
        url,
        headers,
        ..Request::default()
    }
}
