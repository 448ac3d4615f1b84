//! Check 1, base-URL sanity: the minimal lint the connection check needs before it sends
//! anything (scheme, host, credentials, mixed content, a pasted endpoint path, `/v1`), and the
//! base the other checks use.
//!
//! This is the probe's own small check; the full base-URL lint of panel 2 can replace it.

use super::curl::reach_curl;
use super::{models_url, CheckId, CheckResult, Outcome};
use crate::domain::provider::{is_local_host, provider_for_url, url_host, Provider};

/// Endpoint paths people paste as their base URL; the base is what comes before them.
const ENDPOINT_SUFFIXES: &[&str] = &[
    "/chat/completions",
    "/completions",
    "/responses",
    "/messages",
    "/embeddings",
    "/models",
];

/// The path a provider's OpenAI-style base URL must contain.
const REQUIRED_PATH: &[(Provider, &str)] = &[
    (Provider::OpenAi, "/v1"),
    (Provider::Anthropic, "/v1"),
    (Provider::Groq, "/openai/v1"),
    (Provider::OpenRouter, "/api/v1"),
    (Provider::Gemini, "/v1beta/openai"),
];

/// The URL check's result and the base URL the other checks use (`None` when nothing should be
/// sent).
#[derive(Clone, Debug, PartialEq)]
pub struct UrlCheck {
    pub result: CheckResult,
    pub base: Option<String>,
}

/// Checks a typed base URL. `page_is_https` tells whether the page runs over HTTPS (a browser
/// then blocks plain `http://` requests to anything but this machine).
pub fn check_url(input: &str, page_is_https: bool) -> UrlCheck {
    let trimmed = input.trim();
    let mut findings: Vec<(Outcome, String)> = Vec::new();
    let stop = |outcome: Outcome, sentence: String| UrlCheck {
        result: CheckResult::new(CheckId::Url, outcome, sentence, String::new()),
        base: None,
    };
    if trimmed.is_empty() {
        return stop(
            Outcome::UrlEmpty,
            "Type the API base URL, or pick a preset (for example https://api.openai.com/v1)."
                .into(),
        );
    }
    if trimmed.len() != input.len() {
        findings.push((
            Outcome::UrlWhitespace,
            "The URL had spaces or a line break around it; they were removed here, remove them in \
             your configuration too."
                .into(),
        ));
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return stop(
            Outcome::UrlInvalid,
            "The URL has a space or a line break inside it: retype it in one piece.".into(),
        );
    }
    let Some(scheme_end) = trimmed.find("://") else {
        return stop(
            Outcome::UrlNoScheme,
            format!("The URL needs a scheme: try https://{trimmed}"),
        );
    };
    let scheme = trimmed[..scheme_end].to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return stop(
            Outcome::UrlBadScheme,
            format!("An API base URL starts with https:// (or http:// for a local server), not {scheme}://."),
        );
    }
    let rest = &trimmed[scheme_end + 3..];
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if rest[..auth_end].contains('@') {
        return stop(
            Outcome::UrlCredentials,
            "The URL carries a user name or password (before an @): remove them; a key belongs in \
             a header, never in a URL."
                .into(),
        );
    }
    let Some(host) = url_host(trimmed).filter(|h| valid_host(h)) else {
        return stop(
            Outcome::UrlInvalid,
            "The URL has no valid host name after https://.".into(),
        );
    };
    let local = is_local_host(&host);
    if scheme == "http" && !local {
        if page_is_https {
            return stop(
                Outcome::UrlMixedContent,
                "This page runs over HTTPS, so the browser blocks plain http:// requests to another \
                 machine. Use the https:// address of the API (or run the curl line)."
                    .into(),
            );
        }
        findings.push((
            Outcome::UrlInsecureHttp,
            "http:// sends your key in clear text over the network: use https://.".into(),
        ));
    }
    // The base: no query or fragment, no trailing slash, no pasted endpoint path.
    let path_end = trimmed[scheme_end + 3..]
        .find(['?', '#'])
        .map(|i| i + scheme_end + 3)
        .unwrap_or(trimmed.len());
    if path_end < trimmed.len() {
        findings.push((
            Outcome::UrlQuery,
            "A base URL has no ?query or #fragment; it was cut off here.".into(),
        ));
    }
    let mut base = trimmed[..path_end].trim_end_matches('/').to_owned();
    let lower = base.to_ascii_lowercase();
    if let Some(suffix) = ENDPOINT_SUFFIXES.iter().find(|s| lower.ends_with(*s)) {
        base.truncate(base.len() - suffix.len());
        findings.push((
            Outcome::UrlEndpointPath,
            format!(
                "This is a full endpoint, not a base URL: clients add {suffix} themselves. The \
                 base is {base}."
            ),
        ));
    }
    let path = path_of(&base).to_ascii_lowercase();
    if path.contains("/v1/v1") {
        findings.push((
            Outcome::UrlDoubledV1,
            "The path has /v1 twice: most clients add /v1 only once, so remove one.".into(),
        ));
    } else if let Some(provider) = provider_for_url(&base) {
        if let Some((_, need)) = REQUIRED_PATH
            .iter()
            .find(|(p, need)| *p == provider && !path.contains(need))
        {
            let origin = &base[..base.len() - path_of(&base).len()];
            findings.push((
                Outcome::UrlMissingV1,
                format!(
                    "{} expects the base URL to end with {need}: try {origin}{need}.",
                    provider.name()
                ),
            ));
        }
    }
    let curl = reach_curl(&models_url(&base));
    let (outcome, sentence) = match findings.first() {
        None => (
            Outcome::UrlOk,
            format!(
                "The base URL looks right; the checks call {}.",
                models_url(&base)
            ),
        ),
        Some(_) => {
            // The most severe finding names the check; every finding is said.
            let worst = findings
                .iter()
                .max_by_key(|(o, _)| o.verdict())
                .map(|(o, _)| *o)
                .unwrap_or(Outcome::UrlOk);
            let all: Vec<&str> = findings.iter().map(|(_, s)| s.as_str()).collect();
            (worst, all.join(" "))
        }
    };
    UrlCheck {
        result: CheckResult::new(CheckId::Url, outcome, sentence, curl),
        base: Some(base),
    }
}

/// The path of a URL (from the first `/` after the authority; empty when none).
fn path_of(url: &str) -> &str {
    let after = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after..].find('/') {
        Some(i) => &url[after + i..],
        None => "",
    }
}

/// Letters (any script), digits, `-`, `.`, `_`, or a bracketed IPv6 literal.
fn valid_host(host: &str) -> bool {
    if host.starts_with('[') {
        return host.ends_with(']') && host.len() > 2;
    }
    !host.is_empty()
        && !host.starts_with('.')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_'))
}
