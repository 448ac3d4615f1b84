//! The `curl` lines each check suggests, for what only a terminal can see (DNS, refused
//! connections, TLS errors, headers a server hides from pages). Values are single-quoted for a
//! POSIX shell; a key is always the `$API_KEY` variable, inside double quotes, never its value.

use super::TIMEOUT_MS;

/// Quotes `s` for a POSIX shell: `'...'`, with `'` written as `'\''`.
pub fn shell_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

fn timeout_s() -> u32 {
    TIMEOUT_MS / 1000
}

/// Verbose request: says whether DNS, the connection or TLS failed, and what answered.
pub(crate) fn reach_curl(url: &str) -> String {
    format!(
        "curl -sv --max-time {} -o /dev/null {}",
        timeout_s(),
        shell_quote(url)
    )
}

/// Status, headers and body of the keyless request.
pub(crate) fn read_curl(url: &str) -> String {
    format!(
        "curl -sS -i --max-time {} {}",
        timeout_s(),
        shell_quote(url)
    )
}

/// Shows whether the server sends CORS headers for a page of `origin`.
pub(crate) fn cors_curl(url: &str, origin: &str) -> String {
    let origin = if origin.is_empty() {
        "https://example.com"
    } else {
        origin
    };
    format!(
        "curl -sS -i --max-time {} -H {} {}",
        timeout_s(),
        shell_quote(&format!("Origin: {origin}")),
        shell_quote(url)
    )
}

/// `n` sequential requests, each printing its phases, for comparison with the page's figures.
pub(crate) fn latency_curl(url: &str, n: u32) -> String {
    format!(
        "for i in $(seq {}); do curl -sS -o /dev/null --max-time {} -w {} {}; done",
        n.max(1),
        timeout_s(),
        shell_quote(
            "dns %{time_namelookup}s connect %{time_connect}s tls %{time_appconnect}s \
             first-byte %{time_starttransfer}s total %{time_total}s\\n"
        ),
        shell_quote(url)
    )
}

/// A request with the key as `$API_KEY`: `headers` are (name, value) pairs where a value of
/// `None` means the key (`Authorization: Bearer $API_KEY` is `("Authorization", "Bearer ", None)`).
pub(crate) fn keyed_curl(
    method: &str,
    url: &str,
    key_header: (&str, &str),
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout_s: u32,
) -> String {
    let mut out = format!("curl -sS -i --max-time {timeout_s}");
    if method != "GET" {
        out.push_str(" -X ");
        out.push_str(method);
    }
    out.push(' ');
    out.push_str(&shell_quote(url));
    // Double quotes so the shell expands $API_KEY; the name and prefix are fixed ASCII.
    out.push_str(&format!(
        " -H \"{}: {}$API_KEY\"",
        key_header.0, key_header.1
    ));
    for (n, v) in headers {
        out.push_str(" -H ");
        out.push_str(&shell_quote(&format!("{n}: {v}")));
    }
    if let Some(b) = body {
        out.push_str(" -d ");
        out.push_str(&shell_quote(b));
    }
    out
}
