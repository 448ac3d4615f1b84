//! Check 1, base-URL sanity: the minimal lint the connection check needs before it sends
//! anything (scheme, host, credentials, mixed content, a pasted endpoint path, `/v1`), and the
//! base the other checks use.
//!
//! The gates that stop a run (no URL, no scheme, credentials, mixed content) are this check's;
//! what is merely wrong with a URL comes from panel 2's base-URL lint ([`lint_base_url_in`]).

use super::curl::reach_curl;
use super::{models_url, CheckId, CheckResult, Outcome};
use crate::domain::baseurl::{lint_base_url_in, UrlFinding};
use crate::domain::locale::{Locale, OwnedText, Text};
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
    let mut findings: Vec<(Outcome, OwnedText)> = Vec::new();
    let stop = |outcome: Outcome, sentence: OwnedText| UrlCheck {
        result: CheckResult::new(CheckId::Url, outcome, sentence, String::new()),
        base: None,
    };
    let text = |en: &'static str, zh: &'static str| OwnedText::from(Text { en, zh });
    if trimmed.is_empty() {
        return stop(
            Outcome::UrlEmpty,
            text(
                "Type the API base URL, or pick a preset (for example https://api.openai.com/v1).",
                "请填写 API 的 Base URL，或选择一个预设（例如 https://api.openai.com/v1）。",
            ),
        );
    }
    if trimmed.len() != input.len() {
        findings.push((
            Outcome::UrlWhitespace,
            text(
                "The URL had spaces or a line break around it; they were removed here, remove them \
                 in your configuration too.",
                "URL 前后有空格或换行；这里已经去掉了，也请在你的配置中去掉。",
            ),
        ));
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return stop(
            Outcome::UrlInvalid,
            text(
                "The URL has a space or a line break inside it: retype it in one piece.",
                "URL 中间有空格或换行：请重新完整地输入。",
            ),
        );
    }
    let Some(scheme_end) = trimmed.find("://") else {
        return stop(
            Outcome::UrlNoScheme,
            OwnedText {
                en: format!("The URL needs a scheme: try https://{trimmed}"),
                zh: format!("URL 缺少协议：试试 https://{trimmed}"),
            },
        );
    };
    let scheme = trimmed[..scheme_end].to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return stop(
            Outcome::UrlBadScheme,
            OwnedText {
                en: format!("An API base URL starts with https:// (or http:// for a local server), not {scheme}://."),
                zh: format!("API 的 Base URL 以 https:// 开头（本地服务可以用 http://），而不是 {scheme}://。"),
            },
        );
    }
    let rest = &trimmed[scheme_end + 3..];
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if rest[..auth_end].contains('@') {
        return stop(
            Outcome::UrlCredentials,
            text(
                "The URL carries a user name or password (before an @): remove them; a key belongs \
                 in a header, never in a URL.",
                "URL 中带有用户名或密码（@ 之前的部分）：请删掉；密钥应该放在请求头里，绝不能放进 URL。",
            ),
        );
    }
    let Some(host) = url_host(trimmed).filter(|h| valid_host(h)) else {
        return stop(
            Outcome::UrlInvalid,
            text(
                "The URL has no valid host name after https://.",
                "URL 在 https:// 之后没有有效的主机名。",
            ),
        );
    };
    if scheme == "http" && !is_local_host(&host) && page_is_https {
        return stop(
            Outcome::UrlMixedContent,
            text(
                "This page runs over HTTPS, so the browser blocks plain http:// requests to another \
                 machine. Use the https:// address of the API (or run the curl line).",
                "本页通过 HTTPS 运行，浏览器会拦截发往其他机器的明文 http:// 请求。\
                 请使用 API 的 https:// 地址（或运行 curl 命令）。",
            ),
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
    let [lint_en, lint_zh] = Locale::ALL.map(|l| lint_base_url_in(trimmed, key, l));
    findings.extend(lint_en.iter().zip(&lint_zh).filter_map(|(en, zh)| {
        let outcome = LINT_OUTCOMES.iter().find(|(id, _)| *id == en.id)?.1;
        let say = |f: &UrlFinding, l: Locale| {
            let fix = f.fix.replace('`', "");
            let sentence = f.sentence.replace('`', "");
            let detail = f.detail.as_deref().unwrap_or_default();
            match (&f.suggestion, l) {
                (s, Locale::En) => {
                    let try_it = s.as_ref().map(|s| format!(" Try {s}.")).unwrap_or_default();
                    let detail = if detail.is_empty() {
                        String::new()
                    } else {
                        format!(" {detail}")
                    };
                    format!("{sentence}{detail} {fix}{try_it}")
                }
                (s, Locale::ZhCn) => {
                    let try_it = s
                        .as_ref()
                        .map(|s| format!("试试 {s}。"))
                        .unwrap_or_default();
                    format!("{sentence}{detail}{fix}{try_it}")
                }
            }
        };
        Some((
            outcome,
            OwnedText {
                en: say(en, Locale::En),
                zh: say(zh, Locale::ZhCn),
            },
        ))
    }));
    let curl = reach_curl(&models_url(&base));
    let (outcome, sentence) = match findings.first() {
        None => {
            let url = models_url(&base);
            (
                Outcome::UrlOk,
                OwnedText {
                    en: format!("The base URL looks right; the checks call {url}."),
                    zh: format!("Base URL 看起来没问题；检查会请求 {url}。"),
                },
            )
        }
        Some(_) => {
            // The most severe finding names the check; every finding is said.
            let worst = findings
                .iter()
                .max_by_key(|(o, _)| o.verdict())
                .map(|(o, _)| *o)
                .unwrap_or(Outcome::UrlOk);
            let join = |l: Locale| {
                let all: Vec<&str> = findings.iter().map(|(_, s)| s.get(l)).collect();
                all.join(l.pick(" ", ""))
            };
            (
                worst,
                OwnedText {
                    en: join(Locale::En),
                    zh: join(Locale::ZhCn),
                },
            )
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
