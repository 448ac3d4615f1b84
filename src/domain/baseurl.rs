//! Base-URL lint: what is wrong with an API base URL before a request goes to it.
//!
//! Ids: `invalid_url`, `whitespace`, `missing_scheme`, `insecure_http`, `missing_v1`,
//! `doubled_v1`, `endpoint_path_as_base`, `gemini_openai_compat`, `query_or_fragment`,
//! `provider_mismatch` (with a key), and `ok`. Each finding carries a sentence, the fix and,
//! when one can be worked out, the corrected base URL. The expected path of each provider is
//! data ([`BASE_PATHS`]); endpoint suffixes too ([`ENDPOINT_SUFFIXES`]).

use crate::domain::keylint::Detail;
use crate::domain::locale::{Locale, Text};
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

/// (id, sentence, fix): the text of each finding, in every locale.
pub static URL_TEXTS: &[(&str, Text, Text)] = &[
    (
        "invalid_url",
        Text {
            en: "This is not a URL.",
            zh: "这不是一个 URL。",
        },
        Text {
            en: "Enter the API's base URL, such as `https://api.openai.com/v1`.",
            zh: "填写 API 的 Base URL，例如 `https://api.openai.com/v1`。",
        },
    ),
    (
        "whitespace",
        Text {
            en: "The URL contains spaces or line breaks.",
            zh: "URL 中有空格或换行。",
        },
        Text {
            en: "Remove the whitespace; a trailing newline from a file or a shell is a common cause.",
            zh: "删掉空白；常见原因是文件或 shell 带来的末尾换行。",
        },
    ),
    (
        "missing_scheme",
        Text {
            en: "The URL has no `https://`.",
            zh: "URL 缺少 `https://`。",
        },
        Text {
            en: "Start the base URL with `https://`.",
            zh: "Base URL 以 `https://` 开头。",
        },
    ),
    (
        "insecure_http",
        Text {
            en: "The URL uses plain `http://` to a public host: the key would travel unencrypted.",
            zh: "URL 用明文 `http://` 访问公网主机：密钥会以明文传输。",
        },
        Text {
            en: "Use `https://`. Plain http is only for localhost or a private network.",
            zh: "改用 `https://`。明文 http 只适用于 localhost 或内网。",
        },
    ),
    (
        "missing_v1",
        Text {
            en: "The base URL lacks the API version path (`/v1`) this provider expects.",
            zh: "Base URL 缺少该服务商要求的版本路径（`/v1`）。",
        },
        Text {
            en: "Add the version path; SDKs append only the endpoint (`/chat/completions`).",
            zh: "加上版本路径；SDK 只会追加接口路径（`/chat/completions`）。",
        },
    ),
    (
        "doubled_v1",
        Text {
            en: "The version path appears twice (`/v1/v1`).",
            zh: "版本路径出现了两次（`/v1/v1`）。",
        },
        Text {
            en: "Remove one `/v1`: the SDK or tool already adds it.",
            zh: "删掉一个 `/v1`：SDK 或工具已经会加上它。",
        },
    ),
    (
        "endpoint_path_as_base",
        Text {
            en: "A full endpoint path was entered as the base URL.",
            zh: "把完整的接口路径当成了 Base URL。",
        },
        Text {
            en: "Enter the base only; the SDK appends the endpoint (`/chat/completions`, `/messages`).",
            zh: "只填 Base URL；SDK 会追加接口路径（`/chat/completions`、`/messages`）。",
        },
    ),
    (
        "gemini_openai_compat",
        Text {
            en: "Gemini's OpenAI-compatible API lives under `/v1beta/openai/`.",
            zh: "Gemini 的 OpenAI 兼容 API 位于 `/v1beta/openai/` 下。",
        },
        Text {
            en: "With an OpenAI SDK or tool use `https://generativelanguage.googleapis.com/v1beta/openai/`; the native Gemini SDK needs only the host.",
            zh: "使用 OpenAI SDK 或工具时填 `https://generativelanguage.googleapis.com/v1beta/openai/`；原生 Gemini SDK 只需要主机名。",
        },
    ),
    (
        "query_or_fragment",
        Text {
            en: "The base URL carries a query string or fragment.",
            zh: "Base URL 带有查询字符串或片段。",
        },
        Text {
            en: "Remove `?…` and `#…`; keys and versions go in headers or the SDK's options.",
            zh: "删掉 `?…` 和 `#…`；密钥和版本应放在请求头或 SDK 的选项里。",
        },
    ),
    (
        "provider_mismatch",
        Text {
            en: "The key belongs to a different provider than this base URL.",
            zh: "密钥与这个 Base URL 不属于同一家服务商。",
        },
        Text {
            en: "Use a key from the same platform as the base URL, or change the base URL.",
            zh: "使用与 Base URL 同一平台的密钥，或更换 Base URL。",
        },
    ),
    (
        "ok",
        Text {
            en: "The base URL looks right.",
            zh: "Base URL 看起来没问题。",
        },
        Text {
            en: "Run the connection check to see whether it answers.",
            zh: "运行连接检查，看它是否有响应。",
        },
    ),
];

fn finding(
    id: &'static str,
    suggestion: Option<String>,
    detail: Option<String>,
    locale: Locale,
) -> UrlFinding {
    let (sentence, fix) = URL_TEXTS
        .iter()
        .find(|(i, _, _)| *i == id)
        .map_or(("", ""), |(_, s, f)| (s.get(locale), f.get(locale)));
    UrlFinding {
        id,
        sentence,
        fix,
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

/// The base URL a full endpoint URL should have been built from, when it was built from a
/// base that misses its provider's version path: `https://api.openai.com/chat/completions`
/// gives `https://api.openai.com/v1`. `None` for other URLs (an unknown host, a base URL, a
/// path that has the prefix). The diagnosis reads a 404 or a failed preflight to such a URL
/// as the path's fault.
pub fn endpoint_misses_base_path(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = url_host(url)?;
    let provider = provider_for_host(&host)?;
    let (_, want) = BASE_PATHS.iter().find(|(p, _)| *p == provider)?;
    let path_start = rest.find(['/', '?', '#'])?;
    let path = rest[path_start..]
        .split(['?', '#'])
        .next()?
        .to_ascii_lowercase();
    let base = endpoint_base(path.trim_end_matches('/'))?;
    // OpenAI's legacy `/v1/engines/{id}/completions` is under the base too.
    let base = base.find("/engines/").map_or(base, |i| &base[..i]);
    (!base.ends_with(want)).then(|| format!("{scheme}://{}{want}", &rest[..path_start]))
}

/// The base part of an endpoint path (lower case, no trailing `/`): what comes before its
/// endpoint suffix ([`ENDPOINT_SUFFIXES`]) and before any `/models/…` (Gemini's
/// `.../models/gemini-x:generateContent`) or `/deployments/…` (Azure) part. `None` when the
/// path ends in no endpoint.
fn endpoint_base(trimmed: &str) -> Option<&str> {
    let sfx = ENDPOINT_SUFFIXES.iter().find(|s| trimmed.ends_with(*s))?;
    let base = &trimmed[..trimmed.len() - sfx.len()];
    Some(
        ["/models/", "/deployments/"]
            .iter()
            .filter_map(|m| base.find(m))
            .min()
            .map_or(base, |i| &base[..i]),
    )
}

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

/// Lints a base URL (English texts).
pub fn lint_base_url(url: &str) -> Vec<UrlFinding> {
    lint_base_url_in(url, None, Locale::En)
}

/// Lints a base URL, and whether `key` (a key or `Bearer <key>`) belongs to its provider
/// (English texts).
pub fn lint_base_url_for_key(url: &str, key: Option<&str>) -> Vec<UrlFinding> {
    lint_base_url_in(url, key, Locale::En)
}

/// [`lint_base_url_for_key`], with the sentences, fixes and details in `locale`.
pub fn lint_base_url_in(url: &str, key: Option<&str>, locale: Locale) -> Vec<UrlFinding> {
    let finding = |id, suggestion, detail| finding(id, suggestion, detail, locale);
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
    let is_gemini = provider == Some(Provider::Gemini);
    if let Some(base_lower) = endpoint_base(trimmed) {
        // The same bytes in the URL's own case.
        let base = &path[..base_lower.len()];
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
                Some(
                    Detail::Mismatch {
                        key: k.name(),
                        host: h.name(),
                    }
                    .text(locale),
                ),
            ));
        }
    }
    if out.is_empty() {
        out.push(finding("ok", None, None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::endpoint_misses_base_path;

    #[test]
    fn endpoint_urls_missing_their_version_path() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "https://api.openai.com/chat/completions",
                Some("https://api.openai.com/v1"),
            ),
            (
                "https://openrouter.ai/v1/chat/completions",
                Some("https://openrouter.ai/api/v1"),
            ),
            (
                "https://api.groq.com/v1/chat/completions?x=1",
                Some("https://api.groq.com/openai/v1"),
            ),
            ("https://api.openai.com/v1/chat/completions", None),
            (
                "https://api.openai.com/v1/engines/davinci/completions",
                None,
            ),
            ("https://api.openai.com/v1", None),
            ("https://api.openai.com", None),
            ("https://gateway.example.com/chat/completions", None),
            ("https://openrouter.ai/api/v1/chat/completions", None),
            ("not a url", None),
        ];
        for (url, want) in cases {
            assert_eq!(endpoint_misses_base_path(url).as_deref(), *want, "{url}");
        }
    }
}
