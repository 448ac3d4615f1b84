//! Python and Node snippets (OpenAI / Anthropic SDK constructors, requests, httpx, fetch,
//! axios) and `.env` files, read lexically as far as they name a base URL, a key, a model,
//! parameters and headers. Nothing is evaluated.

use super::{Header, Param, Problem, Request};
use crate::domain::redact::names::{classify, NameKind};

/// Markers that vote for Python or for Node.
const PY_MARKS: &[&str] = &[
    "import ",
    "from ",
    "def ",
    "requests.",
    "httpx.",
    "os.environ",
    "os.getenv",
    "print(",
    "api_key=",
    "base_url=",
    "True",
    "None",
];
const NODE_MARKS: &[&str] = &[
    "const ",
    "let ",
    "await ",
    "require(",
    "=>",
    "apiKey:",
    "baseURL:",
    "process.env",
    "fetch(",
    "axios",
    "console.log",
    "new OpenAI({",
    "new Anthropic({",
];

/// (Python score, Node score).
pub fn scores(t: &str) -> (usize, usize) {
    let py = PY_MARKS.iter().filter(|m| t.contains(*m)).count();
    let node = NODE_MARKS.iter().filter(|m| t.contains(*m)).count();
    (py, node)
}

/// One `name = value` / `name: value` / `"name": value` found in code.
struct Assign {
    name: String,
    value: String,
    /// The value was a string literal.
    string: bool,
}

/// Reads every assignment-like pair lexically.
fn assignments(t: &str) -> Vec<Assign> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        if c != b'=' && c != b':' {
            continue;
        }
        if b.get(i + 1) == Some(&b'=')
            || (i > 0 && matches!(b[i - 1], b'=' | b'!' | b'<' | b'>' | b':'))
        {
            continue;
        }
        if c == b':' && (b[i + 1..].starts_with(b"//") || b.get(i + 1) == Some(&b':')) {
            continue;
        }
        // Name before.
        let mut j = i;
        while j > 0 && b[j - 1] == b' ' {
            j -= 1;
        }
        let (ns, ne) = if j > 0 && matches!(b[j - 1], b'"' | b'\'') {
            let q = b[j - 1];
            let close = j - 1;
            let Some(open) = b[..close].iter().rposition(|&x| x == q || x == b'\n') else {
                continue;
            };
            if b[open] != q {
                continue;
            }
            (open + 1, close)
        } else {
            let e = j;
            while j > 0
                && (b[j - 1].is_ascii_alphanumeric() || b[j - 1] == b'_' || b[j - 1] == b'-')
            {
                j -= 1;
            }
            (j, e)
        };
        if ne <= ns || ne - ns > 64 {
            continue;
        }
        let Some(name) = t.get(ns..ne) else { continue };
        // Value after.
        let mut k = i + 1;
        while k < b.len() && b[k] == b' ' {
            k += 1;
        }
        if k < b.len()
            && matches!(b[k], b'f' | b'r' | b'b')
            && matches!(b.get(k + 1), Some(b'"') | Some(b'\''))
        {
            k += 1;
        }
        if k >= b.len() {
            continue;
        }
        if matches!(b[k], b'"' | b'\'' | b'`') {
            let q = b[k];
            let s = k + 1;
            let Some(len) = b[s..].iter().position(|&x| x == q || x == b'\n') else {
                continue;
            };
            if b[s + len] != q {
                continue;
            }
            if let Some(v) = t.get(s..s + len) {
                out.push(Assign {
                    name: name.to_string(),
                    value: v.to_string(),
                    string: true,
                });
            }
        } else {
            let e = b[k..]
                .iter()
                .position(|&x| matches!(x, b',' | b')' | b'}' | b']' | b'\n' | b' ' | b';' | b'#'))
                .map_or(b.len(), |p| k + p);
            if let Some(v) = t.get(k..e) {
                if !v.is_empty() {
                    out.push(Assign {
                        name: name.to_string(),
                        value: v.to_string(),
                        string: false,
                    });
                }
            }
        }
    }
    out
}

/// Names that hold a base URL.
const BASE_NAMES: &[&str] = &[
    "base_url",
    "baseurl",
    "api_base",
    "apibase",
    "azure_endpoint",
    "endpoint",
    "base_path",
];
/// Names that hold the key directly (SDK constructors).
const KEY_NAMES: &[&str] = &[
    "api_key",
    "apikey",
    "api_token",
    "auth_token",
    "authtoken",
    "token",
    "x-api-key",
    "api-key",
    "x-goog-api-key",
];
/// Parameters read from code.
const PARAM_NAMES: &[&str] = &[
    "temperature",
    "max_tokens",
    "maxTokens",
    "max_completion_tokens",
    "max_output_tokens",
    "max_new_tokens",
    "top_p",
    "topP",
    "top_k",
    "stream",
    "n",
    "seed",
    "presence_penalty",
    "frequency_penalty",
    "reasoning_effort",
    "timeout",
    "max_retries",
    "maxRetries",
];

fn first_url_call(t: &str) -> Option<(String, String)> {
    const CALLS: &[(&str, &str)] = &[
        ("requests.post(", "POST"),
        ("requests.get(", "GET"),
        ("httpx.post(", "POST"),
        ("httpx.get(", "GET"),
        ("client.post(", "POST"),
        ("client.get(", "GET"),
        ("session.post(", "POST"),
        ("axios.post(", "POST"),
        ("axios.get(", "GET"),
        ("fetch(", ""),
        ("requests.request(", ""),
    ];
    for (call, method) in CALLS {
        if let Some(i) = t.find(call) {
            let rest = &t[i + call.len()..];
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix("\"POST\", ")
                .or_else(|| rest.strip_prefix("'POST', "))
                .unwrap_or(rest);
            let q = rest.chars().next()?;
            if matches!(q, '"' | '\'' | '`') {
                let body = &rest[1..];
                if let Some(end) = body.find(q) {
                    let url = &body[..end];
                    if url.starts_with("http") {
                        let m = if method.is_empty() {
                            // fetch(url, { method: 'POST' })
                            let after: String = body[end..].chars().take(400).collect();
                            if after.contains("'POST'")
                                || after.contains("\"POST\"")
                                || after.contains("body")
                            {
                                "POST"
                            } else {
                                "GET"
                            }
                        } else {
                            method
                        };
                        return Some((url.to_string(), m.to_string()));
                    }
                }
            }
        }
    }
    None
}

/// A Python or Node snippet.
pub fn parse_code(t: &str, problems: &mut Vec<Problem>) -> Request {
    let mut r = Request::default();
    let assigns = assignments(t);
    if let Some((url, method)) = first_url_call(t) {
        r.url = Some(url);
        r.method = Some(method);
    }
    for a in &assigns {
        let lower = a.name.to_ascii_lowercase();
        if a.string
            && r.base_url.is_none()
            && BASE_NAMES.contains(&lower.as_str())
            && a.value.contains("://")
        {
            r.base_url = Some(a.value.trim_end_matches('/').to_string());
        }
        if lower == "model" && a.string && r.model.is_none() {
            r.model = Some(a.value.clone());
        }
        if PARAM_NAMES.contains(&a.name.as_str())
            && !a.string
            && !r.params.iter().any(|p| p.name == a.name)
        {
            r.params.push(Param {
                name: a.name.clone(),
                value: a.value.clone(),
            });
        }
        let header_like = a.string
            && (a.name.contains('-') || lower == "authorization")
            && a.name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if header_like {
            r.headers.push(Header {
                name: a.name.clone(),
                value: a.value.clone(),
            });
        }
    }
    // The key: a header first, then an SDK constructor argument.
    let from_header = r
        .headers
        .iter()
        .find(|h| {
            ["authorization", "x-api-key", "api-key", "x-goog-api-key"]
                .contains(&h.name.to_ascii_lowercase().as_str())
        })
        .map(|h| super::FoundKey {
            value: h.value.clone(),
            header: Some(h.name.clone()),
            source: "code:header".into(),
        });
    r.key = from_header.or_else(|| {
        assigns
            .iter()
            .find(|a| KEY_NAMES.contains(&a.name.to_ascii_lowercase().as_str()))
            .map(|a| super::FoundKey {
                value: a.value.clone(),
                header: None,
                source: format!("code:{}", a.name),
            })
    });
    if r.key.is_none() {
        problems.push(Problem::new("no_key", "No key is named in the snippet."));
    }
    if r.url.is_none() {
        if let Some(b) = &r.base_url {
            r.url = Some(b.clone());
        }
    }
    r
}

/// `NAME=value` (with `export`, `set`, `$env:NAME = "…"`, `setx NAME "…"`) when `line` is one.
pub fn env_line(line: &str) -> Option<(String, String)> {
    let l = line.trim();
    let l = l
        .strip_prefix("export ")
        .or_else(|| l.strip_prefix("set "))
        .or_else(|| l.strip_prefix("SET "))
        .unwrap_or(l);
    let l = l.strip_prefix("$env:").unwrap_or(l);
    let (name, value) =
        if let Some(rest) = l.strip_prefix("setx ").or_else(|| l.strip_prefix("Setx ")) {
            let (n, v) = rest.trim().split_once(' ')?;
            (n, v)
        } else {
            l.split_once('=')?
        };
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        return None;
    }
    let v = value.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(v);
    Some((name.to_string(), v.to_string()))
}

/// A `.env` file.
pub fn parse_env(t: &str, problems: &mut Vec<Problem>) -> Request {
    let mut r = Request::default();
    let vars: Vec<(String, String)> = t.lines().filter_map(env_line).collect();
    for (n, v) in &vars {
        let upper = n.to_ascii_uppercase();
        let is_base = [
            "BASE_URL", "API_BASE", "ENDPOINT", "BASEURL", "API_URL", "HOST",
        ]
        .iter()
        .any(|s| upper.ends_with(s));
        if is_base && v.contains("://") && r.base_url.is_none() {
            r.base_url = Some(v.trim_end_matches('/').to_string());
        }
        if (upper == "MODEL" || upper.ends_with("_MODEL") || upper.ends_with("_DEPLOYMENT"))
            && r.model.is_none()
        {
            r.model = Some(v.clone());
        }
        let secret = matches!(classify(n), NameKind::Secret | NameKind::Password);
        let api_key =
            upper.ends_with("API_KEY") || upper.ends_with("_TOKEN") || upper.ends_with("_KEY");
        if secret && api_key && r.key.is_none() {
            r.key = Some(super::FoundKey {
                value: v.clone(),
                header: None,
                source: format!("env:{n}"),
            });
        }
    }
    if r.key.is_none() {
        problems.push(Problem::new("no_key", "No API key variable in the file."));
    }
    r.url = r.base_url.clone();
    r
}
