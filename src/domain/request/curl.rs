//! curl commands: `-X`, `-H/--header`, `-d/--data/--data-raw/--data-binary/--data-urlencode`,
//! `--json`, `-u/--user`, `-b/--cookie`, `-A`, `-e`, `-G`, `-I`, `--url`, combined short
//! flags (`-sSL`, `-XPOST`), `--flag=value`; the words come from [`super::shell`].

use super::{shell, Header, Problem, Request};

/// Short flags that take a value.
const SHORT_WITH_VALUE: &str = "XHdubAeowmxFTcKErUyYzCPQt";

/// Long flags that take a value.
const LONG_WITH_VALUE: &[&str] = &[
    "request",
    "header",
    "data",
    "data-raw",
    "data-binary",
    "data-ascii",
    "data-urlencode",
    "json",
    "user",
    "cookie",
    "user-agent",
    "referer",
    "output",
    "write-out",
    "max-time",
    "connect-timeout",
    "proxy",
    "form",
    "form-string",
    "url",
    "upload-file",
    "cookie-jar",
    "retry",
    "retry-delay",
    "retry-max-time",
    "cacert",
    "capath",
    "cert",
    "cert-type",
    "key",
    "key-type",
    "resolve",
    "interface",
    "limit-rate",
    "proxy-user",
    "oauth2-bearer",
    "aws-sigv4",
    "config",
    "range",
    "header-file",
    "connect-to",
    "dns-servers",
    "expect100-timeout",
    "keepalive-time",
    "local-port",
    "max-filesize",
    "max-redirs",
    "noproxy",
    "proto",
    "proto-redir",
    "socks5",
    "socks5-hostname",
    "speed-limit",
    "speed-time",
    "tls-max",
    "trace",
    "trace-ascii",
    "unix-socket",
    "variable",
    "ciphers",
    "pinnedpubkey",
];

fn b64(data: &[u8]) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Parses the first curl command in `text`.
pub fn parse(text: &str, problems: &mut Vec<Problem>) -> Request {
    // Start at the line holding `curl` (text before it is prose or a prompt).
    let start = text
        .lines()
        .scan(0usize, |off, l| {
            let here = *off;
            *off += l.len() + 1;
            Some((here, l))
        })
        .find(|(_, l)| {
            let t = l.trim_start().trim_start_matches("$ ");
            t.starts_with("curl") || t.contains(" curl ")
        })
        .map(|(o, _)| o)
        .unwrap_or(0);
    let (words, unterminated) = shell::split(text.get(start..).unwrap_or(text));
    if unterminated {
        problems.push(Problem::new(
            "unterminated_quote",
            "A quote is not closed: the command may be cut off.",
        ));
    }
    let pos = words
        .iter()
        .position(|w| w == "curl" || w.ends_with("/curl") || w.eq_ignore_ascii_case("curl.exe"))
        .map(|p| p + 1)
        .unwrap_or(0);
    let mut r = Request::default();
    let mut method: Option<String> = None;
    let mut data: Vec<String> = Vec::new();
    let mut get = false;
    let mut head = false;
    let mut json_flag = false;
    let mut i = pos;
    while i < words.len() {
        let w = words[i].as_str();
        i += 1;
        let (flag, inline): (String, Option<String>) = if let Some(long) = w.strip_prefix("--") {
            match long.split_once('=') {
                Some((f, v)) if LONG_WITH_VALUE.contains(&f) => {
                    (f.to_string(), Some(v.to_string()))
                }
                _ => (long.to_string(), None),
            }
        } else if w.len() > 1 && w.starts_with('-') && !w.starts_with("--") {
            // Short flags, possibly combined: -sSL, -XPOST, -H'X: y'.
            let mut found: Option<(String, Option<String>)> = None;
            for (ci, c) in w.char_indices().skip(1) {
                if SHORT_WITH_VALUE.contains(c) {
                    let rest = &w[ci + c.len_utf8()..];
                    found = Some((c.to_string(), (!rest.is_empty()).then(|| rest.to_string())));
                    break;
                }
                match c {
                    'G' => get = true,
                    'I' => head = true,
                    _ => {}
                }
            }
            match found {
                Some(f) => f,
                None => continue,
            }
        } else {
            if r.url.is_none() {
                r.url = Some(w.to_string());
            }
            continue;
        };
        let takes_value = flag.len() == 1 || LONG_WITH_VALUE.contains(&flag.as_str());
        if !takes_value {
            match flag.as_str() {
                "get" => get = true,
                "head" => head = true,
                _ => {}
            }
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => match words.get(i) {
                Some(v) => {
                    i += 1;
                    v.clone()
                }
                None => {
                    problems.push(Problem::new(
                        "missing_value",
                        format!("`{w}` has no value."),
                    ));
                    break;
                }
            },
        };
        match flag.as_str() {
            "X" | "request" => method = Some(value.to_ascii_uppercase()),
            "H" | "header" => {
                if let Some((n, v)) = value.split_once(':') {
                    r.headers.push(Header {
                        name: n.trim().to_string(),
                        value: v.trim().to_string(),
                    });
                } else if let Some(n) = value.strip_suffix(';') {
                    r.headers.push(Header {
                        name: n.trim().to_string(),
                        value: String::new(),
                    });
                } else if value.starts_with('@') {
                    problems.push(Problem::new(
                        "headers_from_file",
                        format!("Headers are read from {value}."),
                    ));
                }
            }
            "d" | "data" | "data-raw" | "data-binary" | "data-ascii" | "data-urlencode"
            | "json" => {
                if flag == "json" {
                    json_flag = true;
                }
                if value.starts_with('@') && flag != "data-raw" {
                    problems.push(Problem::new(
                        "data_from_file",
                        format!("The body is read from {value}."),
                    ));
                }
                data.push(value);
            }
            "u" | "user" => {
                r.headers.push(Header {
                    name: "Authorization".into(),
                    value: format!("Basic {}", b64(value.as_bytes())),
                });
            }
            "oauth2-bearer" => r.headers.push(Header {
                name: "Authorization".into(),
                value: format!("Bearer {value}"),
            }),
            "b" | "cookie" => {
                if value.contains('=') {
                    r.headers.push(Header {
                        name: "Cookie".into(),
                        value,
                    });
                } else {
                    problems.push(Problem::new(
                        "cookie_file",
                        format!("Cookies are read from the file {value}."),
                    ));
                }
            }
            "A" | "user-agent" => r.headers.push(Header {
                name: "User-Agent".into(),
                value,
            }),
            "e" | "referer" => r.headers.push(Header {
                name: "Referer".into(),
                value,
            }),
            "url" => r.url = Some(value),
            _ => {}
        }
    }
    if json_flag {
        for (n, v) in [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ] {
            if !r.headers.iter().any(|h| h.name.eq_ignore_ascii_case(n)) {
                r.headers.push(Header {
                    name: n.into(),
                    value: v.into(),
                });
            }
        }
    }
    let body = (!data.is_empty()).then(|| data.join("&"));
    if get {
        if let (Some(u), Some(b)) = (&mut r.url, &body) {
            u.push(if u.contains('?') { '&' } else { '?' });
            u.push_str(b);
        }
    } else {
        r.body = body;
    }
    r.method = Some(method.unwrap_or_else(|| {
        if head {
            "HEAD".into()
        } else if r.body.is_some() {
            "POST".into()
        } else {
            "GET".into()
        }
    }));
    r
}
