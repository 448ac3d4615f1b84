//! Base-URL lint: what is wrong with an API base URL before a request goes to it.
//!
//! Ids: `invalid_url`, `whitespace`, `missing_scheme`, `insecure_http`, `missing_v1`,
//! `doubled_v1`, `endpoint_path_as_base`, `gemini_openai_compat`, `query_or_fragment`,
//! `provider_mismatch` (with a key), and `ok`. Each finding carries a sentence, the fix and,
//! when one can be worked out, the corrected base URL. The expected path of each provider is
//! data ([`BASE_PATHS`]); endpoint suffixes too ([`ENDPOINT_SUFFIXES`]).

use crate::domain::provider::{
    compatible, is_local_host, provider_for_host, provider_for_key, url_host, Provider,
};
use serde::Serialize;

/// One base-URL finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UrlFinding {
    pub id: &'static str,
    pub sentence: &'static str,
    pub fix: &'static str,
    /// The base URL to use instead, when it can be worked out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// Specifics (providers), when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// (id, sentence, fix): the text of each finding.
pub static URL_TEXTS: &[(&str, &str, &str)] = &[
    ("invalid_url", "This is not a URL.", "Enter the API's base URL, such as `https://api.openai.com/v1`."),
    ("whitespace", "The URL contains spaces or line breaks.", "Remove the whitespace; a trailing newline from a file or a shell is a common cause."),
    ("missing_scheme", "The URL has no `https://`.", "Start the base URL with `https://`."),
    ("insecure_http", "The URL uses plain `http://` to a public host: the key would travel unencrypted.", "Use `https://`. Plain http is only for localhost or a private network."),
    ("missing_v1", "The base URL lacks the API version path (`/v1`) this provider expects.", "Add the version path; SDKs append only the endpoint (`/chat/completions`)."),
    ("doubled_v1", "The version path appears twice (`/v1/v1`).", "Remove one `/v1`: the SDK or tool already adds it."),
    ("endpoint_path_as_base", "A full endpoint path was entered as the base URL.", "Enter the base only; the SDK appends the endpoint (`/chat/completions`, `/messages`)."),
    ("gemini_openai_compat", "Gemini's OpenAI-compatible API lives under `/v1beta/openai/`.", "With an OpenAI SDK or tool use `https://generativelanguage.googleapis.com/v1beta/openai/`; the native Gemini SDK needs only the host."),
    ("query_or_fragment", "The base URL carries a query string or fragment.", "Remove `?…` and `#…`; keys and versions go in headers or the SDK's options."),
    ("provider_mismatch", "The key belongs to a different provider than this base URL.", "Use a key from the same platform as the base URL, or change the base URL."),
    ("ok", "The base URL looks right.", "Run the connection check to see whether it answers."),
];

fn finding(id: &'static str, suggestion: Option<String>, detail: Option<String>) -> UrlFinding {
    let (_, s, f) = URL_TEXTS
        .iter()
        .find(|(i, _, _)| *i == id)
        .copied()
        .unwrap_or((id, "", ""));
    UrlFinding {
        id,
        sentence: s,
        fix: f,
        suggestion,
        detail,
    }
}

/// The base path each provider's OpenAI-style SDKs expect (`None`: no version check).
pub static BASE_PATHS: &[(Provider, &str)] = &[
    (Provider::OpenAi, "/v1"),
    (Provider::OpenRouter, "/api/v1"),
    (Provider::Groq, "/openai/v1"),
    (Provider::XAi, "/v1"),
    (Provider::Mistral, "/v1"),
    (Provider::Together, "/v1"),
    (Provider::Fireworks, "/inference/v1"),
    (Provider::HuggingFace, "/v1"),
];

/// Endpoint paths that do not belong in a base URL (matched at the end of the path).
pub static ENDPOINT_SUFFIXES: &[&str] = &[
    "/chat/completions",
    "/completions",
    "/messages",
    "/responses",
    "/embeddings",
    "/models",
    "/images/generations",
    "/audio/transcriptions",
    "/audio/speech",
    "/moderations",
    ":generatecontent",
    ":streamgeneratecontent",
    ":embedcontent",
    "/converse",
    "/invoke",
];

/// Lints a base URL.
pub fn lint_base_url(url: &str) -> Vec<UrlFinding> {
    lint_base_url_for_key(url, None)
}

/// Lints a base URL, and whether `key` (a key or `Bearer <key>`) belongs to its provider.
pub fn lint_base_url_for_key(url: &str, key: Option<&str>) -> Vec<UrlFinding> {
    let mut out = Vec::new();
    if url.trim().is_empty() {
        out.push(finding("invalid_url", None, None));
        return out;
    }
    if url.chars().any(char::is_whitespace) {
        out.push(finding(
            "whitespace",
            Some(url.split_whitespace().collect::<String>()),
            None,
        ));
    }
    let u: String = url.split_whitespace().collect();
    let (scheme, rest) = match u.find("://") {
        Some(i) => (u[..i].to_ascii_lowercase(), &u[i + 3..]),
        None => {
            out.push(finding(
                "missing_scheme",
                Some(format!("https://{u}")),
                None,
            ));
            ("https".to_string(), u.as_str())
        }
    };
    let Some(host) = url_host(&format!("{scheme}://{rest}")) else {
        out.push(finding("invalid_url", None, None));
        return out;
    };
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':' | '_'))
    {
        out.push(finding("invalid_url", None, None));
        return out;
    }
    let path_start = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let after_host = &rest[path_start..];
    let (path, query) = match after_host.find(['?', '#']) {
        Some(i) => (&after_host[..i], &after_host[i..]),
        None => (after_host, ""),
    };
    let origin = format!("{scheme}://{}", &rest[..path_start]);
    let provider = provider_for_host(&host);
    if scheme == "http" && !is_local_host(&host) {
        out.push(finding(
            "insecure_http",
            Some(format!("https://{}{}", &rest[..path_start], path)),
            None,
        ));
    }
    let lower = path.to_ascii_lowercase();
    let trimmed = lower.trim_end_matches('/');
    // Azure passes api-version in the query of its base URL in many configs: tolerated.
    if !query.is_empty() && (provider != Some(Provider::Azure) || !query.contains("api-version")) {
        out.push(finding(
            "query_or_fragment",
            Some(format!("{origin}{path}")),
            None,
        ));
    }
    if trimmed.contains("/v1/v1")
        || trimmed.contains("/v1beta/v1beta")
        || trimmed.contains("/openai/openai")
    {
        let fixed = path
            .replacen("/v1/v1", "/v1", 1)
            .replacen("/v1beta/v1beta", "/v1beta", 1);
        out.push(finding(
            "doubled_v1",
            Some(format!("{origin}{fixed}")),
            None,
        ));
    }
    let endpoint = ENDPOINT_SUFFIXES.iter().find(|s| trimmed.ends_with(*s));
    let is_gemini = provider == Some(Provider::Gemini);
    if let Some(sfx) = endpoint {
        let mut base = &path[..trimmed.len() - sfx.len()];
        // Gemini: .../models/gemini-x:generateContent → the whole models/... part goes.
        if let Some(i) = base.to_ascii_lowercase().find("/models/") {
            base = &path[..i];
        }
        if let Some(i) = base.to_ascii_lowercase().find("/deployments/") {
            base = &path[..i];
        }
        let base = if provider == Some(Provider::Anthropic) {
            base.trim_end_matches("/v1")
        } else {
            base
        };
        out.push(finding(
            "endpoint_path_as_base",
            Some(format!("{origin}{base}")),
            None,
        ));
    } else if is_gemini {
        if !trimmed.ends_with("/v1beta/openai") && !trimmed.is_empty() {
            out.push(finding(
                "gemini_openai_compat",
                Some(format!("{origin}/v1beta/openai/")),
                None,
            ));
        }
    } else if let Some((_, want)) = provider.and_then(|p| BASE_PATHS.iter().find(|(q, _)| *q == p))
    {
        if !trimmed.ends_with(want) && !trimmed.contains("/v1/v1") {
            out.push(finding("missing_v1", Some(format!("{origin}{want}")), None));
        }
    }
    if let (Some(k), Some(h)) = (
        key.and_then(|k| provider_for_key(k.trim().trim_start_matches("Bearer ").trim())),
        provider,
    ) {
        if !compatible(k, h) {
            out.push(finding(
                "provider_mismatch",
                None,
                Some(format!(
                    "The key looks like a {} key; the base URL is {}'s.",
                    k.name(),
                    h.name()
                )),
            ));
        }
    }
    if out.is_empty() {
        out.push(finding("ok", None, None));
    }
    out
}
