//! Check 1, base-URL sanity: the minimal lint the connection check needs before it sends
//! anything (scheme, host, credentials, mixed content, a pasted endpoint path, `/v1`), and the
//! base the other checks use.
//!
//! The gates that stop a run (no URL, no scheme, credentials, mixed content) are this check's;
//! what is merely wrong with a URL comes from panel 2's base-URL lint ([`lint_base_url_for_key`]).

use super::curl::reach_curl;
use super::{models_url, CheckId, CheckResult, Outcome};
use crate::domain::baseurl::lint_base_url_for_key;
use crate::domain::provider::{is_local_host, url_host};

/// Endpoint paths people paste as their base URL; the base is what comes before them.
const ENDPOINT_SUFFIXES: &[&str] = &[
    "/chat/completions",
    "/completions",
    "/responses",
    "/messages",
    "/embeddings",
    "/models",
];

/// The base-URL lint's finding ids, as this check's outcomes (`ok` adds nothing).
const LINT_OUTCOMES: &[(&str, Outcome)] = &[
    ("invalid_url", Outcome::UrlInvalid),
    ("missing_scheme", Outcome::UrlNoScheme),
    ("insecure_http", Outcome::UrlInsecureHttp),
    ("missing_v1", Outcome::UrlMissingV1),
    ("gemini_openai_compat", Outcome::UrlMissingV1),
    ("doubled_v1", Outcome::UrlDoubledV1),
    ("endpoint_path_as_base", Outcome::UrlEndpointPath),
    ("query_or_fragment", Outcome::UrlQuery),
    ("provider_mismatch", Outcome::UrlProviderMismatch),
];

/// The URL check's result and the base URL the other checks use (`None` when nothing should be
/// sent).
#[derive(Clone, Debug, PartialEq)]
pub struct UrlCheck {
    pub result: CheckResult,
    pub base: Option<String>,
}

/// Checks a typed base URL. `page_is_https` tells whether the page runs over HTTPS (a browser
/// then blocks plain `http://` requests to anything but this machine); with `key`, also whether
/// it belongs to the URL's provider.
pub fn check_url(input: &str, page_is_https: bool, key: Option<&str>) -> UrlCheck {
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
    if scheme == "http" && !is_local_host(&host) && page_is_https {
        return stop(
            Outcome::UrlMixedContent,
            "This page runs over HTTPS, so the browser blocks plain http:// requests to another \
             machine. Use the https:// address of the API (or run the curl line)."
                .into(),
        );
    }
    // The base the checks call: no query or fragment, no trailing slash, no pasted endpoint.
    let path_end = trimmed[scheme_end + 3..]
        .find(['?', '#'])
        .map(|i| i + scheme_end + 3)
        .unwrap_or(trimmed.len());
    let mut base = trimmed[..path_end].trim_end_matches('/').to_owned();
    let lower = base.to_ascii_lowercase();
    if let Some(suffix) = ENDPOINT_SUFFIXES.iter().find(|s| lower.ends_with(*s)) {
        base.truncate(base.len() - suffix.len());
    }
    // What is wrong with it: the base-URL lint of panel 2, worded for this check.
    findings.extend(
        lint_base_url_for_key(trimmed, key)
            .into_iter()
            .filter_map(|f| {
                let outcome = LINT_OUTCOMES.iter().find(|(id, _)| *id == f.id)?.1;
                let fix = f.fix.replace('`', "");
                let try_it = f
                    .suggestion
                    .map(|s| format!(" Try {s}."))
                    .unwrap_or_default();
                let detail = f.detail.map(|d| format!(" {d}")).unwrap_or_default();
                Some((
                    outcome,
                    format!("{}{detail} {fix}{try_it}", f.sentence.replace('`', "")),
                ))
            }),
    );
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
