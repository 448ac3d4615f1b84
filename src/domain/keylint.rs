//! Key lint: what is wrong with a key (or an `Authorization` header value) before it is sent.
//!
//! [`lint_key_in`] returns findings with stable ids (DESIGN.md panel 2), each with a sentence and
//! the fix from [`FINDING_TEXTS`] in the asked locale ([`lint_key`]: English, for the command
//! line), and `ok` when nothing is wrong. It never fails and never echoes the key.
//!
//! Which header each API reads the key from is data ([`EXPECTED_HEADERS`]), like the key
//! shapes and hosts in [`crate::domain::provider`].

use crate::domain::locale::{Locale, Text};
use crate::domain::provider::{classify_key, compatible, provider_for_url, Provider};
use crate::domain::redact::values::{is_masked, is_placeholder};
use serde::Serialize;

/// One key-lint finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyFinding {
    /// Stable id: `leading_or_trailing_whitespace`, ..., `ok`.
    pub id: &'static str,
    /// What is wrong, in one sentence.
    pub sentence: &'static str,
    /// What to do about it.
    pub fix: &'static str,
    /// Specifics (providers, lengths), when there are any. Never contains the key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The text of a finding, one row per id.
#[derive(Clone, Copy, Debug)]
pub struct FindingText {
    pub id: &'static str,
    /// What is wrong, in one sentence.
    pub sentence: Text,
    /// What to do about it.
    pub fix: Text,
}

/// Sentences and fixes, by finding id, in every locale.
pub static FINDING_TEXTS: &[FindingText] = &[
    FindingText {
        id: "leading_or_trailing_whitespace",
        sentence: Text {
            en: "The key starts or ends with a space, tab or line break.",
            zh: "密钥开头或结尾有空格、制表符或换行。",
        },
        fix: Text {
            en: "Remove the whitespace around the key. When it comes from a file or a shell, make sure no trailing newline is kept (`printf %s` instead of `echo`).",
            zh: "删掉密钥两端的空白。如果密钥来自文件或 shell，注意不要带上末尾的换行（用 `printf %s` 代替 `echo`）。",
        },
    },
    FindingText {
        id: "internal_whitespace_or_newline",
        sentence: Text {
            en: "The key has a space or a line break inside it.",
            zh: "密钥中间有空格或换行。",
        },
        fix: Text {
            en: "Copy the key again as one unbroken line; terminals, emails and YAML folding often break long keys.",
            zh: "重新复制密钥，保证是完整的一行；终端、邮件和 YAML 折行常会把长密钥断开。",
        },
    },
    FindingText {
        id: "invisible_character",
        sentence: Text {
            en: "The key contains an invisible character (zero-width space or joiner, soft hyphen, byte-order mark or a control character).",
            zh: "密钥中含有不可见字符（零宽空格或连接符、软连字符、BOM 或控制字符）。",
        },
        fix: Text {
            en: "Copy the key again straight from the provider's dashboard, or paste it into a plain-text editor and delete the invisible character.",
            zh: "直接从服务商控制台重新复制密钥，或粘贴到纯文本编辑器里删掉不可见字符。",
        },
    },
    FindingText {
        id: "smart_quotes_or_quotes",
        sentence: Text {
            en: "The key is wrapped in quotes or backticks, or contains curly quotes.",
            zh: "密钥被引号或反引号包着，或含有弯引号。",
        },
        fix: Text {
            en: "Remove the quotes: they belong to the code or the shell, not to the key. Turn off smart quotes in the editor the key passed through.",
            zh: "去掉引号：它们属于代码或 shell，不属于密钥。在密钥经过的编辑器里关闭智能引号。",
        },
    },
    FindingText {
        id: "missing_bearer_prefix",
        sentence: Text {
            en: "The Authorization header holds the bare key without the `Bearer ` scheme.",
            zh: "Authorization 头里只有密钥本身，缺少 `Bearer ` 前缀。",
        },
        fix: Text {
            en: "Send `Authorization: Bearer <key>`.",
            zh: "发送 `Authorization: Bearer <key>`。",
        },
    },
    FindingText {
        id: "duplicated_bearer_prefix",
        sentence: Text {
            en: "The value says `Bearer` twice.",
            zh: "值里出现了两次 `Bearer`。",
        },
        fix: Text {
            en: "Keep a single `Bearer `. SDKs add it themselves: give them the bare key.",
            zh: "只保留一个 `Bearer `。SDK 会自动加上它：只把密钥本身交给 SDK。",
        },
    },
    FindingText {
        id: "wrong_header_name",
        sentence: Text {
            en: "This API does not read the key from this header.",
            zh: "这个 API 不从这个请求头读取密钥。",
        },
        fix: Text {
            en: "Use the provider's header: `Authorization: Bearer <key>` for OpenAI-compatible APIs, `x-api-key` for Anthropic, `x-goog-api-key` for Gemini, `api-key` for Azure OpenAI.",
            zh: "使用服务商要求的请求头：OpenAI 兼容 API 用 `Authorization: Bearer <key>`，Anthropic 用 `x-api-key`，Gemini 用 `x-goog-api-key`，Azure OpenAI 用 `api-key`。",
        },
    },
    FindingText {
        id: "provider_mismatch",
        sentence: Text {
            en: "The key belongs to a different provider than the base URL.",
            zh: "密钥与 Base URL 不属于同一家服务商。",
        },
        fix: Text {
            en: "Use a key created on the same platform as the base URL, or point the base URL at the key's provider.",
            zh: "使用与 Base URL 同一平台创建的密钥，或把 Base URL 改成密钥所属的服务商。",
        },
    },
    FindingText {
        id: "truncated",
        sentence: Text {
            en: "The key is shorter than a complete key of its kind: part of it was lost in copying.",
            zh: "密钥比同类完整密钥短：复制时丢了一部分。",
        },
        fix: Text {
            en: "Copy the whole key again. Dashboards show a key only once: create a new one if it is lost.",
            zh: "重新完整复制密钥。控制台通常只显示一次密钥：找不回就新建一个。",
        },
    },
    FindingText {
        id: "masked_copy",
        sentence: Text {
            en: "This is the masked copy a dashboard displays, not the key itself.",
            zh: "这是控制台显示的打码副本，不是密钥本身。",
        },
        fix: Text {
            en: "Use the key saved when it was created; if it is lost, create a new key.",
            zh: "使用创建时保存的密钥；如果已丢失，新建一个。",
        },
    },
    FindingText {
        id: "placeholder",
        sentence: Text {
            en: "This is a documentation placeholder, not a real key.",
            zh: "这是文档里的占位符，不是真正的密钥。",
        },
        fix: Text {
            en: "Replace it with your own key from the provider's dashboard.",
            zh: "换成你在服务商控制台获取的密钥。",
        },
    },
    FindingText {
        id: "env_var_name_instead_of_value",
        sentence: Text {
            en: "This is the name of a variable, sent literally instead of its value.",
            zh: "这是变量名，被原样发送了，而不是它的值。",
        },
        fix: Text {
            en: "Let the shell or the program expand it: double quotes in a shell (`\"Bearer $OPENAI_API_KEY\"`), check that the variable is set and exported, or read it in code (`os.environ[...]`, `process.env...`).",
            zh: "让 shell 或程序展开它：shell 里用双引号（`\"Bearer $OPENAI_API_KEY\"`），确认变量已设置并 export，或在代码中读取（`os.environ[...]`、`process.env...`）。",
        },
    },
    FindingText {
        id: "ok",
        sentence: Text {
            en: "Nothing is wrong with the key's format.",
            zh: "密钥格式没有问题。",
        },
        fix: Text {
            en: "If calls still fail, run the connection check or diagnose the error text.",
            zh: "如果调用仍然失败，运行连接检查，或诊断报错文本。",
        },
    },
];

fn finding(id: &'static str, detail: Option<Detail>, locale: Locale) -> KeyFinding {
    let (sentence, fix) = FINDING_TEXTS
        .iter()
        .find(|t| t.id == id)
        .map_or(("", ""), |t| (t.sentence.get(locale), t.fix.get(locale)));
    KeyFinding {
        id,
        sentence,
        fix,
        detail: detail.map(|d| d.text(locale)),
    }
}

/// The specifics of a finding, worded in a locale by [`Detail::text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detail {
    /// The value is empty.
    Empty,
    /// A complete key of this kind has at least `min` characters; this one has `len`.
    Short { min: usize, len: usize },
    /// The key's provider and the base URL's.
    Mismatch {
        key: &'static str,
        host: &'static str,
    },
    /// A header name no API reads keys from.
    UnknownHeader(String),
    /// The header this provider reads the key from (`who` is `None` when the API is not known).
    ExpectedHeader {
        who: Option<&'static str>,
        want: &'static str,
    },
}

impl Detail {
    /// The detail in `l`. Never contains the key.
    pub fn text(&self, l: Locale) -> String {
        use Locale::{En, ZhCn};
        match (self, l) {
            (Detail::Empty, _) => l.pick("The value is empty.", "值是空的。").to_owned(),
            (Detail::Short { min, len }, En) => format!(
                "A complete key of this kind has at least {min} characters; this one has {len}."
            ),
            (Detail::Short { min, len }, ZhCn) => {
                format!("这类完整密钥至少有 {min} 个字符，这个只有 {len} 个。")
            }
            (Detail::Mismatch { key, host }, En) => {
                format!("The key looks like a {key} key; the base URL is {host}'s.")
            }
            (Detail::Mismatch { key, host }, ZhCn) => {
                format!("密钥看起来是 {key} 的，而 Base URL 属于 {host}。")
            }
            (Detail::UnknownHeader(h), En) => {
                format!("`{h}` is not a header any API reads keys from.")
            }
            (Detail::UnknownHeader(h), ZhCn) => format!("没有哪个 API 从 `{h}` 读取密钥。"),
            (Detail::ExpectedHeader { who, want }, En) => {
                format!("{} reads the key from `{want}`.", who.unwrap_or("This API"))
            }
            (Detail::ExpectedHeader { who, want }, ZhCn) => {
                format!("{} 从 `{want}` 读取密钥。", who.unwrap_or("这个 API"))
            }
        }
    }
}

/// The header names that carry keys, lowercase.
pub static KEY_HEADERS: &[&str] = &["authorization", "x-api-key", "api-key", "x-goog-api-key"];

/// Which headers an API reads its key from (by the base URL's provider).
/// `Authorization` is accepted for Anthropic only with OAuth tokens, for Azure only with
/// Entra ID tokens (JWTs), for Gemini only on its OpenAI-compatible path.
pub static EXPECTED_HEADERS: &[(Provider, &[&str])] = &[
    (Provider::Anthropic, &["x-api-key"]),
    (Provider::Azure, &["api-key"]),
    (Provider::Gemini, &["x-goog-api-key"]),
    (Provider::OpenAi, &["authorization"]),
    (Provider::OpenRouter, &["authorization"]),
    (Provider::Groq, &["authorization"]),
    (Provider::XAi, &["authorization"]),
    (Provider::DeepSeek, &["authorization"]),
    (Provider::Mistral, &["authorization"]),
    (Provider::Perplexity, &["authorization"]),
    (Provider::HuggingFace, &["authorization"]),
    (Provider::Together, &["authorization"]),
    (Provider::Fireworks, &["authorization"]),
    (Provider::Replicate, &["authorization"]),
    (Provider::Cohere, &["authorization"]),
];

/// Auth schemes recognised before a credential.
/// Every finding id of DESIGN.md, in its order (`ok` when nothing is wrong).
pub const FINDING_IDS: [&str; 13] = [
    "leading_or_trailing_whitespace",
    "internal_whitespace_or_newline",
    "invisible_character",
    "smart_quotes_or_quotes",
    "missing_bearer_prefix",
    "duplicated_bearer_prefix",
    "wrong_header_name",
    "provider_mismatch",
    "truncated",
    "masked_copy",
    "placeholder",
    "env_var_name_instead_of_value",
    "ok",
];

const SCHEMES: &[&str] = &["bearer", "basic", "token", "bot", "apikey", "key"];

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{180E}'
        | '\u{034F}'
        | '\u{FFF9}'..='\u{FFFB}')
        || (c.is_control() && !c.is_whitespace())
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '`')
}

fn is_smart_quote(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{FF02}'
            | '\u{FF07}'
    )
}

/// Whether the credential names a variable instead of holding a value.
fn is_env_reference(v: &str) -> bool {
    let t = v.trim();
    let ident = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !s.starts_with(|c: char| c.is_ascii_digit())
    };
    if let Some(rest) = t.strip_prefix("${") {
        return rest.ends_with('}');
    }
    if let Some(rest) = t.strip_prefix('$') {
        let rest = rest.strip_prefix("env:").unwrap_or(rest);
        return ident(rest);
    }
    if t.len() > 2 && t.starts_with('%') && t.ends_with('%') {
        return ident(&t[1..t.len() - 1]);
    }
    const CODE: &[&str] = &[
        "process.env.",
        "process.env[",
        "os.environ",
        "os.getenv(",
        "import.meta.env.",
        "env.",
        "Deno.env.get(",
        "System.getenv(",
        "ENV[",
        "getenv(",
    ];
    if CODE.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    // A bare environment variable name: OPENAI_API_KEY.
    let shouty = t.len() >= 4
        && t.contains('_')
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && t.starts_with(|c: char| c.is_ascii_uppercase());
    let named = ["KEY", "TOKEN", "SECRET", "PASSWORD"]
        .iter()
        .any(|w| t.contains(w));
    shouty && named
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Splits `Name: value` when a whole header line was pasted as the value.
fn split_header_line(v: &str) -> Option<(&str, &str)> {
    let (name, rest) = v.split_once(':')?;
    let n = name.trim();
    let ok = !n.is_empty()
        && n.len() <= 40
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && KEY_HEADERS
            .iter()
            .any(|h| levenshtein(&n.to_ascii_lowercase(), h) <= 2);
    ok.then_some((n, rest.strip_prefix(' ').unwrap_or(rest)))
}

/// Whether a Gemini base URL is its OpenAI-compatible endpoint.
fn gemini_openai_path(url: &str) -> bool {
    url.to_ascii_lowercase().contains("/openai")
}

/// Lints a key or header value, in English. `header_name` is the header it is sent in (if
/// known), `base_url` where it is sent (if known).
pub fn lint_key(value: &str, header_name: Option<&str>, base_url: Option<&str>) -> Vec<KeyFinding> {
    lint_key_in(value, header_name, base_url, Locale::En)
}

/// [`lint_key`], with the sentences, fixes and details in `locale`.
pub fn lint_key_in(
    value: &str,
    header_name: Option<&str>,
    base_url: Option<&str>,
    locale: Locale,
) -> Vec<KeyFinding> {
    let mut out: Vec<KeyFinding> = Vec::new();
    let add = |id: &'static str, detail: Option<Detail>, out: &mut Vec<KeyFinding>| {
        if !out.iter().any(|f| f.id == id) {
            out.push(finding(id, detail, locale));
        }
    };
    let (header, value) = match header_name {
        Some(h) => (Some(h.trim()), value),
        None => match split_header_line(value.trim_start()) {
            Some((h, v)) => (Some(h), v),
            None => (None, value),
        },
    };

    // 1. Whitespace at either end, invisible characters anywhere.
    let starts_ws = value.chars().next().is_some_and(char::is_whitespace);
    let ends_ws = value.chars().last().is_some_and(char::is_whitespace);
    if starts_ws || ends_ws {
        add("leading_or_trailing_whitespace", None, &mut out);
    }
    if value.chars().any(is_invisible) {
        add("invisible_character", None, &mut out);
    }
    let visible: String = value.chars().filter(|c| !is_invisible(*c)).collect();

    // 2. Quotes around the value (possibly around the credential after a scheme), curly
    //    quotes anywhere.
    let mut quoted = visible.chars().any(is_smart_quote);
    let mut cleaned: String = visible.chars().filter(|c| !is_smart_quote(*c)).collect();
    loop {
        let t = cleaned.trim();
        let stripped = t
            .strip_prefix(is_quote)
            .map(|s| s.strip_suffix(is_quote).unwrap_or(s))
            .or_else(|| t.strip_suffix(is_quote));
        match stripped {
            Some(s) => {
                quoted = true;
                cleaned = s.to_string();
            }
            None => {
                cleaned = t.to_string();
                break;
            }
        }
    }

    // 3. Schemes before the credential.
    let mut rest = cleaned.as_str();
    let mut bearers = 0;
    let mut schemes = 0;
    loop {
        let t = rest.trim_start();
        let word_end = t.find(char::is_whitespace).unwrap_or(t.len());
        let word = &t[..word_end];
        let after = t[word_end..].trim_start();
        if !after.is_empty() && SCHEMES.iter().any(|s| word.eq_ignore_ascii_case(s)) {
            schemes += 1;
            if word.eq_ignore_ascii_case("bearer") {
                bearers += 1;
            }
            rest = after;
        } else {
            rest = t;
            break;
        }
    }
    if bearers >= 2 {
        add("duplicated_bearer_prefix", None, &mut out);
    }
    let credential = rest.trim();
    let cred_q = credential.trim_matches(is_quote);
    if cred_q.len() != credential.len() {
        quoted = true;
    }
    let credential = cred_q;
    if quoted {
        add("smart_quotes_or_quotes", None, &mut out);
    }
    if credential.chars().any(char::is_whitespace) {
        add("internal_whitespace_or_newline", None, &mut out);
    }
    let key: String = credential.chars().filter(|c| !c.is_whitespace()).collect();

    // 4. What the credential is.
    let mut key_provider: Option<Provider> = None;
    let mut is_jwt = false;
    if key.is_empty() {
        add("placeholder", Some(Detail::Empty), &mut out);
    } else if is_placeholder(&key) || (key.starts_with('<') && key.ends_with('>')) {
        add("placeholder", None, &mut out);
    } else if is_env_reference(&key) {
        add("env_var_name_instead_of_value", None, &mut out);
    } else if is_masked(&key) {
        add("masked_copy", None, &mut out);
    } else if let Some(kind) = classify_key(&key) {
        key_provider = kind.provider;
        is_jwt = kind.rule == "jwt";
        if key.len() < kind.min_full {
            add(
                "truncated",
                Some(Detail::Short {
                    min: kind.min_full,
                    len: key.chars().count(),
                }),
                &mut out,
            );
        }
    }

    // 5. Where it goes.
    let host_provider = base_url.and_then(provider_for_url);
    if let (Some(k), Some(h)) = (key_provider, host_provider) {
        if !compatible(k, h) {
            add(
                "provider_mismatch",
                Some(Detail::Mismatch {
                    key: k.name(),
                    host: h.name(),
                }),
                &mut out,
            );
        }
    }
    if let Some(h) = header {
        let lower = h.to_ascii_lowercase();
        if !KEY_HEADERS.contains(&lower.as_str()) {
            let near = KEY_HEADERS.iter().any(|k| levenshtein(&lower, k) <= 2);
            if near {
                add(
                    "wrong_header_name",
                    Some(Detail::UnknownHeader(h.to_owned())),
                    &mut out,
                );
            }
        } else {
            let expected: Option<&[&str]> = host_provider.and_then(|p| {
                if p == Provider::Gemini && base_url.is_some_and(gemini_openai_path) {
                    return Some(&["authorization"][..]);
                }
                EXPECTED_HEADERS
                    .iter()
                    .find(|(q, _)| *q == p)
                    .map(|(_, hs)| *hs)
            });
            let allowed = match expected {
                None => true,
                Some(hs) => {
                    hs.contains(&lower.as_str())
                        || (lower == "authorization"
                            && match host_provider {
                                Some(Provider::Azure) => is_jwt,
                                Some(Provider::Anthropic) => key.starts_with("sk-ant-oat"),
                                Some(Provider::Gemini) => key.starts_with("ya29."),
                                _ => false,
                            })
                }
            };
            if !allowed {
                let want = expected.and_then(|hs| hs.first()).copied().unwrap_or("");
                let who = host_provider.map(Provider::name);
                add(
                    "wrong_header_name",
                    Some(Detail::ExpectedHeader { who, want }),
                    &mut out,
                );
            } else if lower == "authorization" && schemes == 0 && !key.is_empty() {
                add("missing_bearer_prefix", None, &mut out);
            }
        }
    }
    if out.is_empty() {
        out.push(finding("ok", None, locale));
    }
    out
}

/// The finding ids only, in order (what the command line prints).
pub fn lint_key_ids(
    value: &str,
    header_name: Option<&str>,
    base_url: Option<&str>,
) -> Vec<&'static str> {
    lint_key(value, header_name, base_url)
        .into_iter()
        .map(|f| f.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_has_text() {
        for id in FINDING_IDS {
            for l in Locale::ALL {
                let f = finding(id, None, l);
                assert!(!f.sentence.is_empty() && !f.fix.is_empty(), "{id}");
            }
        }
    }

    #[test]
    fn header_line_pasted_whole() {
        let ids = lint_key_ids(
            "Authorization: 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",
            None,
            None,
        );
        assert_eq!(ids, ["missing_bearer_prefix"]);
    }
}
