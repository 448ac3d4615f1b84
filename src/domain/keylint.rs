//! Key lint: what is wrong with a key (or an `Authorization` header value) before it is sent.
//!
//! [`lint_key`] returns findings with stable ids (DESIGN.md panel 2), each with a sentence and
//! the fix from [`FINDING_TEXTS`] (English now; a zh-CN column can be added to the table), and
//! `ok` when nothing is wrong. It never fails and never echoes the key.
//!
//! Which header each API reads the key from is data ([`EXPECTED_HEADERS`]), like the key
//! shapes and hosts in [`crate::domain::provider`].

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
    pub sentence_en: &'static str,
    pub fix_en: &'static str,
}

/// Sentences and fixes, by finding id.
pub static FINDING_TEXTS: &[FindingText] = &[
    FindingText {
        id: "leading_or_trailing_whitespace",
        sentence_en: "The key starts or ends with a space, tab or line break.",
        fix_en: "Remove the whitespace around the key. When it comes from a file or a shell, make sure no trailing newline is kept (`printf %s` instead of `echo`).",
    },
    FindingText {
        id: "internal_whitespace_or_newline",
        sentence_en: "The key has a space or a line break inside it.",
        fix_en: "Copy the key again as one unbroken line; terminals, emails and YAML folding often break long keys.",
    },
    FindingText {
        id: "invisible_character",
        sentence_en: "The key contains an invisible character (zero-width space or joiner, soft hyphen, byte-order mark or a control character).",
        fix_en: "Copy the key again straight from the provider's dashboard, or paste it into a plain-text editor and delete the invisible character.",
    },
    FindingText {
        id: "smart_quotes_or_quotes",
        sentence_en: "The key is wrapped in quotes or backticks, or contains curly quotes.",
        fix_en: "Remove the quotes: they belong to the code or the shell, not to the key. Turn off smart quotes in the editor the key passed through.",
    },
    FindingText {
        id: "missing_bearer_prefix",
        sentence_en: "The Authorization header holds the bare key without the `Bearer ` scheme.",
        fix_en: "Send `Authorization: Bearer <key>`.",
    },
    FindingText {
        id: "duplicated_bearer_prefix",
        sentence_en: "The value says `Bearer` twice.",
        fix_en: "Keep a single `Bearer `. SDKs add it themselves: give them the bare key.",
    },
    FindingText {
        id: "wrong_header_name",
        sentence_en: "This API does not read the key from this header.",
        fix_en: "Use the provider's header: `Authorization: Bearer <key>` for OpenAI-compatible APIs, `x-api-key` for Anthropic, `x-goog-api-key` for Gemini, `api-key` for Azure OpenAI.",
    },
    FindingText {
        id: "provider_mismatch",
        sentence_en: "The key belongs to a different provider than the base URL.",
        fix_en: "Use a key created on the same platform as the base URL, or point the base URL at the key's provider.",
    },
    FindingText {
        id: "truncated",
        sentence_en: "The key is shorter than a complete key of its kind: part of it was lost in copying.",
        fix_en: "Copy the whole key again. Dashboards show a key only once: create a new one if it is lost.",
    },
    FindingText {
        id: "masked_copy",
        sentence_en: "This is the masked copy a dashboard displays, not the key itself.",
        fix_en: "Use the key saved when it was created; if it is lost, create a new key.",
    },
    FindingText {
        id: "placeholder",
        sentence_en: "This is a documentation placeholder, not a real key.",
        fix_en: "Replace it with your own key from the provider's dashboard.",
    },
    FindingText {
        id: "env_var_name_instead_of_value",
        sentence_en: "This is the name of a variable, sent literally instead of its value.",
        fix_en: "Let the shell or the program expand it: double quotes in a shell (`\"Bearer $OPENAI_API_KEY\"`), check that the variable is set and exported, or read it in code (`os.environ[...]`, `process.env...`).",
    },
    FindingText {
        id: "ok",
        sentence_en: "Nothing is wrong with the key's format.",
        fix_en: "If calls still fail, run the connection check or diagnose the error text.",
    },
];

fn finding(id: &'static str, detail: Option<String>) -> KeyFinding {
    let t = FINDING_TEXTS
        .iter()
        .find(|t| t.id == id)
        .copied()
        .unwrap_or(FindingText {
            id,
            sentence_en: "",
            fix_en: "",
        });
    KeyFinding {
        id,
        sentence: t.sentence_en,
        fix: t.fix_en,
        detail,
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

/// Lints a key or header value. `header_name` is the header it is sent in (if known),
/// `base_url` where it is sent (if known).
pub fn lint_key(value: &str, header_name: Option<&str>, base_url: Option<&str>) -> Vec<KeyFinding> {
    let mut out: Vec<KeyFinding> = Vec::new();
    let add = |id: &'static str, detail: Option<String>, out: &mut Vec<KeyFinding>| {
        if !out.iter().any(|f| f.id == id) {
            out.push(finding(id, detail));
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
        add("placeholder", Some("The value is empty.".into()), &mut out);
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
                Some(format!(
                    "A complete key of this kind has at least {} characters; this one has {}.",
                    kind.min_full,
                    key.chars().count()
                )),
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
                Some(format!(
                    "The key looks like a {} key; the base URL is {}'s.",
                    k.name(),
                    h.name()
                )),
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
                    Some(format!("`{h}` is not a header any API reads keys from.")),
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
                let who = host_provider.map(Provider::name).unwrap_or("This API");
                add(
                    "wrong_header_name",
                    Some(format!("{who} reads the key from `{want}`.")),
                    &mut out,
                );
            } else if lower == "authorization" && schemes == 0 && !key.is_empty() {
                add("missing_bearer_prefix", None, &mut out);
            }
        }
    }
    if out.is_empty() {
        out.push(finding("ok", None));
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
        for id in [
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
        ] {
            let f = finding(id, None);
            assert!(!f.sentence.is_empty() && !f.fix.is_empty(), "{id}");
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
