//! Who a key or a base URL belongs to: key shapes (prefix, alphabet, length) and API hosts as
//! data tables, shared by the redaction engine, the key lint and the base-URL lint.
//!
//! Shapes follow what gitleaks and trufflehog know about each provider's keys. A shape is
//! matched at a word start by its prefix, then its body is measured over the shape's alphabet;
//! nothing here allocates or panics.

use serde::Serialize;

/// A provider (or family of endpoints) a key or a host belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    OpenAi,
    Anthropic,
    Gemini,
    OpenRouter,
    Groq,
    XAi,
    DeepSeek,
    Mistral,
    Azure,
    Perplexity,
    HuggingFace,
    Together,
    Fireworks,
    Replicate,
    Cohere,
    Aws,
    GitHub,
    Slack,
    Stripe,
    Npm,
    Google,
    /// A one-api / new-api / LiteLLM style gateway: OpenAI-compatible, accepts its own `sk-` keys.
    Gateway,
    /// localhost, 127.0.0.1, a private network address: a local proxy or model server.
    Local,
}

impl Provider {
    /// Stable identifier (snake_case), as serialized.
    pub fn id(self) -> &'static str {
        match self {
            Provider::OpenAi => "openai",
            Provider::Anthropic => "anthropic",
            Provider::Gemini => "gemini",
            Provider::OpenRouter => "openrouter",
            Provider::Groq => "groq",
            Provider::XAi => "xai",
            Provider::DeepSeek => "deepseek",
            Provider::Mistral => "mistral",
            Provider::Azure => "azure",
            Provider::Perplexity => "perplexity",
            Provider::HuggingFace => "huggingface",
            Provider::Together => "together",
            Provider::Fireworks => "fireworks",
            Provider::Replicate => "replicate",
            Provider::Cohere => "cohere",
            Provider::Aws => "aws",
            Provider::GitHub => "github",
            Provider::Slack => "slack",
            Provider::Stripe => "stripe",
            Provider::Npm => "npm",
            Provider::Google => "google",
            Provider::Gateway => "gateway",
            Provider::Local => "local",
        }
    }

    /// Human name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Provider::OpenAi => "OpenAI",
            Provider::Anthropic => "Anthropic",
            Provider::Gemini => "Google Gemini",
            Provider::OpenRouter => "OpenRouter",
            Provider::Groq => "Groq",
            Provider::XAi => "xAI",
            Provider::DeepSeek => "DeepSeek",
            Provider::Mistral => "Mistral",
            Provider::Azure => "Azure OpenAI",
            Provider::Perplexity => "Perplexity",
            Provider::HuggingFace => "Hugging Face",
            Provider::Together => "Together AI",
            Provider::Fireworks => "Fireworks AI",
            Provider::Replicate => "Replicate",
            Provider::Cohere => "Cohere",
            Provider::Aws => "AWS",
            Provider::GitHub => "GitHub",
            Provider::Slack => "Slack",
            Provider::Stripe => "Stripe",
            Provider::Npm => "npm",
            Provider::Google => "Google",
            Provider::Gateway => "an API gateway",
            Provider::Local => "a local server",
        }
    }
}

/// The alphabet of a key body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// `[A-Za-z0-9]`
    Alnum,
    /// `[A-Za-z0-9_-]` (base64url)
    B64Url,
    /// `[A-Za-z0-9_]`
    AlnumUnderscore,
    /// `[A-Za-z0-9-]`
    AlnumDash,
    /// `[A-Z0-9]`
    UpperDigit,
    /// `[0-9a-fA-F]`
    Hex,
    /// `[A-Za-z0-9_.-]`
    B64UrlDot,
}

impl Charset {
    /// Whether `b` belongs to the alphabet.
    #[inline]
    pub fn has(self, b: u8) -> bool {
        match self {
            Charset::Alnum => b.is_ascii_alphanumeric(),
            Charset::B64Url => b.is_ascii_alphanumeric() || b == b'_' || b == b'-',
            Charset::AlnumUnderscore => b.is_ascii_alphanumeric() || b == b'_',
            Charset::AlnumDash => b.is_ascii_alphanumeric() || b == b'-',
            Charset::UpperDigit => b.is_ascii_uppercase() || b.is_ascii_digit(),
            Charset::Hex => b.is_ascii_hexdigit(),
            Charset::B64UrlDot => b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.',
        }
    }
}

/// One known key shape: a public prefix followed by a body over an alphabet.
#[derive(Clone, Copy, Debug)]
pub struct KeyShape {
    /// The literal prefix (case-sensitive). The placeholder keeps it: it is public.
    pub prefix: &'static str,
    /// Redaction rule id.
    pub rule: &'static str,
    /// Whose key this is, when the shape says so.
    pub provider: Option<Provider>,
    pub charset: Charset,
    /// Fewest body characters for a match to count as a secret.
    pub min_body: usize,
    /// Most body characters (a longer run is not this shape), when the shape is exact.
    pub max_body: Option<usize>,
    /// Total length of a complete key, when fixed: used to join a key hard-wrapped across
    /// lines and to tell a truncated copy.
    pub full_len: Option<usize>,
    /// Shortest total length a complete key has (a shorter one is `truncated`).
    pub min_full: usize,
}

const fn shape(
    prefix: &'static str,
    rule: &'static str,
    provider: Option<Provider>,
    charset: Charset,
    min_body: usize,
    full_len: Option<usize>,
    min_full: usize,
) -> KeyShape {
    KeyShape {
        prefix,
        rule,
        provider,
        charset,
        min_body,
        max_body: None,
        full_len,
        min_full,
    }
}

const fn aws(prefix: &'static str) -> KeyShape {
    KeyShape {
        prefix,
        rule: "aws_access_key",
        provider: Some(Provider::Aws),
        charset: Charset::UpperDigit,
        min_body: 16,
        max_body: Some(16),
        full_len: Some(20),
        min_full: 20,
    }
}

use Charset::*;
use Provider::*;

/// Every key shape, longest prefix first among those sharing a start (first match wins).
/// The generic `sk-` shape is refined by [`refine_sk`] (legacy OpenAI, DeepSeek, gateways).
pub static KEY_SHAPES: &[KeyShape] = &[
    shape(
        "sk-proj-",
        "openai_project_key",
        Some(OpenAi),
        B64Url,
        20,
        Some(164),
        56,
    ),
    shape(
        "sk-svcacct-",
        "openai_service_key",
        Some(OpenAi),
        B64Url,
        20,
        Some(167),
        59,
    ),
    shape(
        "sk-admin-",
        "openai_admin_key",
        Some(OpenAi),
        B64Url,
        20,
        Some(133),
        57,
    ),
    shape(
        "sk-ant-api03-",
        "anthropic_api_key",
        Some(Anthropic),
        B64Url,
        20,
        Some(108),
        108,
    ),
    shape(
        "sk-ant-admin01-",
        "anthropic_admin_key",
        Some(Anthropic),
        B64Url,
        20,
        Some(110),
        110,
    ),
    shape(
        "sk-ant-oat01-",
        "anthropic_oauth_token",
        Some(Anthropic),
        B64Url,
        20,
        Some(108),
        108,
    ),
    shape(
        "sk-ant-",
        "anthropic_api_key",
        Some(Anthropic),
        B64Url,
        20,
        None,
        40,
    ),
    shape(
        "sk-or-v1-",
        "openrouter_api_key",
        Some(OpenRouter),
        Hex,
        20,
        Some(73),
        73,
    ),
    shape("sk-", "sk_style_key", None, B64Url, 20, None, 35),
    shape("sk_live_", "stripe_key", Some(Stripe), Alnum, 20, None, 30),
    shape("sk_test_", "stripe_key", Some(Stripe), Alnum, 20, None, 30),
    shape("rk_live_", "stripe_key", Some(Stripe), Alnum, 20, None, 30),
    shape("rk_test_", "stripe_key", Some(Stripe), Alnum, 20, None, 30),
    shape("whsec_", "stripe_key", Some(Stripe), Alnum, 20, None, 30),
    shape(
        "r8_",
        "replicate_api_token",
        Some(Replicate),
        Alnum,
        20,
        Some(40),
        40,
    ),
    shape(
        "AIza",
        "google_api_key",
        Some(Gemini),
        B64Url,
        30,
        Some(39),
        39,
    ),
    aws("AKIA"),
    aws("ASIA"),
    aws("ABIA"),
    aws("ACCA"),
    aws("AGPA"),
    aws("AIDA"),
    aws("AROA"),
    aws("AIPA"),
    aws("ANPA"),
    aws("ANVA"),
    aws("APKA"),
    shape(
        "GOCSPX-",
        "google_oauth_secret",
        Some(Google),
        B64Url,
        20,
        Some(35),
        35,
    ),
    shape(
        "ya29.",
        "google_oauth_token",
        Some(Google),
        B64UrlDot,
        30,
        None,
        40,
    ),
    shape("gsk_", "groq_api_key", Some(Groq), Alnum, 20, Some(56), 56),
    shape(
        "ghp_",
        "github_token",
        Some(GitHub),
        Alnum,
        30,
        Some(40),
        40,
    ),
    shape(
        "gho_",
        "github_token",
        Some(GitHub),
        Alnum,
        30,
        Some(40),
        40,
    ),
    shape(
        "ghu_",
        "github_token",
        Some(GitHub),
        Alnum,
        30,
        Some(40),
        40,
    ),
    shape(
        "ghs_",
        "github_token",
        Some(GitHub),
        Alnum,
        30,
        Some(40),
        40,
    ),
    shape(
        "ghr_",
        "github_token",
        Some(GitHub),
        Alnum,
        30,
        Some(40),
        40,
    ),
    shape(
        "github_pat_",
        "github_token",
        Some(GitHub),
        AlnumUnderscore,
        40,
        Some(93),
        93,
    ),
    shape("glpat-", "gitlab_token", None, B64Url, 20, None, 26),
    shape(
        "hf_",
        "huggingface_token",
        Some(HuggingFace),
        Alnum,
        30,
        Some(37),
        37,
    ),
    shape("xai-", "xai_api_key", Some(XAi), Alnum, 20, Some(84), 84),
    shape("xoxb-", "slack_token", Some(Slack), AlnumDash, 10, None, 15),
    shape("xoxp-", "slack_token", Some(Slack), AlnumDash, 10, None, 15),
    shape("xoxa-", "slack_token", Some(Slack), AlnumDash, 10, None, 15),
    shape("xoxe-", "slack_token", Some(Slack), AlnumDash, 10, None, 15),
    shape("xoxr-", "slack_token", Some(Slack), AlnumDash, 10, None, 15),
    shape("xoxs-", "slack_token", Some(Slack), AlnumDash, 10, None, 15),
    shape("xapp-", "slack_token", Some(Slack), AlnumDash, 10, None, 15),
    shape(
        "pplx-",
        "perplexity_api_key",
        Some(Perplexity),
        Alnum,
        20,
        Some(53),
        53,
    ),
    shape(
        "tgp_v1_",
        "together_api_key",
        Some(Together),
        B64Url,
        20,
        Some(50),
        50,
    ),
    shape(
        "fw_",
        "fireworks_api_key",
        Some(Fireworks),
        Alnum,
        16,
        Some(27),
        27,
    ),
    shape("npm_", "npm_token", Some(Npm), Alnum, 30, Some(40), 40),
];

/// Whether some shape starts with byte `b` (a fast first filter).
#[inline]
pub fn shape_may_start(b: u8) -> bool {
    matches!(
        b,
        b's' | b'r' | b'w' | b'A' | b'G' | b'y' | b'g' | b'h' | b'x' | b'p' | b't' | b'f' | b'n'
    )
}

/// Whether some shape starts with the two bytes `b0 b1` (the second filter, so ordinary
/// words are dismissed after two comparisons).
#[inline]
pub fn shape_may_start2(b0: u8, b1: u8) -> bool {
    matches!(
        (b0, b1),
        (b's', b'k')
            | (b'r', b'8')
            | (b'r', b'k')
            | (b'w', b'h')
            | (
                b'A',
                b'I' | b'K' | b'S' | b'B' | b'C' | b'G' | b'R' | b'N' | b'P'
            )
            | (b'G', b'O')
            | (b'y', b'a')
            | (b'g', b's' | b'h' | b'i' | b'l')
            | (b'h', b'f')
            | (b'x', b'a' | b'o')
            | (b'p', b'p')
            | (b't', b'g')
            | (b'f', b'w')
            | (b'n', b'p')
    )
}

#[inline]
fn has_prefix(bytes: &[u8], p: &[u8]) -> bool {
    if bytes.len() < p.len() {
        return false;
    }
    let mut i = 0;
    while i < p.len() {
        if bytes[i] != p[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Longest key body measured (bytes).
pub const MAX_BODY: usize = 320;

/// A key shape found at some position.
#[derive(Clone, Copy, Debug)]
pub struct ShapeMatch {
    pub shape: &'static KeyShape,
    /// Rule id after refinement (the generic `sk-` shape is split by what its body looks like).
    pub rule: &'static str,
    pub provider: Option<Provider>,
    /// Length in bytes of prefix + body.
    pub len: usize,
    /// Expected full length after refinement.
    pub full_len: Option<usize>,
    pub min_full: usize,
}

impl ShapeMatch {
    /// A match of `len` bytes of `shape`, as the shape says (before any refinement).
    fn of(shape: &'static KeyShape, len: usize) -> ShapeMatch {
        ShapeMatch {
            shape,
            rule: shape.rule,
            provider: shape.provider,
            len,
            full_len: shape.full_len,
            min_full: shape.min_full,
        }
    }
}

/// Matches a key shape at the start of `bytes` (prefix + a body run over the alphabet).
/// Returns the longest body; validation of randomness is the caller's.
pub fn match_shape(bytes: &[u8]) -> Option<ShapeMatch> {
    let first = *bytes.first()?;
    let second = *bytes.get(1)?;
    if !shape_may_start2(first, second) {
        return None;
    }
    for s in KEY_SHAPES {
        let p = s.prefix.as_bytes();
        if p[0] != first || p[1] != second || !has_prefix(bytes, p) {
            continue;
        }
        // Real key bodies are far shorter than MAX_BODY; the cap keeps long runs linear.
        let body = bytes[p.len()..]
            .iter()
            .take(MAX_BODY)
            .take_while(|&&b| s.charset.has(b))
            .count();
        if let Some(max) = s.max_body {
            // An exact shape: a longer alphanumeric run is something else.
            let next = bytes.get(p.len() + max);
            if body < s.min_body || next.is_some_and(|b| b.is_ascii_alphanumeric()) {
                return None;
            }
            return Some(ShapeMatch::of(s, p.len() + max));
        }
        let mut m = ShapeMatch::of(s, p.len() + body);
        if s.prefix == "sk-" {
            refine_sk(&bytes[p.len()..p.len() + body], &mut m);
        }
        return Some(m);
    }
    None
}

/// Splits the generic `sk-` shape: OpenAI legacy keys carry `T3BlbkFJ`, DeepSeek keys are 32
/// lowercase hex, anything else is an OpenAI-style key of some gateway (provider unknown).
fn refine_sk(body: &[u8], m: &mut ShapeMatch) {
    if body.windows(8).any(|w| w == b"T3BlbkFJ") {
        m.rule = "openai_legacy_key";
        m.provider = Some(OpenAi);
        m.full_len = Some(51);
        m.min_full = 51;
    } else if body.len() == 32
        && body
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
    {
        m.rule = "deepseek_api_key";
        m.provider = Some(DeepSeek);
        m.full_len = Some(35);
        m.min_full = 35;
    }
}

/// What a whole value (a key, nothing around it) looks like.
#[derive(Clone, Copy, Debug)]
pub struct KeyKind {
    pub rule: &'static str,
    pub provider: Option<Provider>,
    /// The prefix matched and the body ran to the end of the value.
    pub whole: bool,
    /// Expected length of a complete key, if the shape fixes one.
    pub full_len: Option<usize>,
    pub min_full: usize,
}

/// Recognises a key by its shape (the whole value should be the key, already trimmed).
/// Prefixless keys are guessed from length and alphabet: 32 hex (Azure), 32 alphanumeric
/// (Mistral), 40 alphanumeric (Cohere); those guesses carry no provider certainty and are
/// returned with `rule` = `prefixless_key`.
pub fn classify_key(value: &str) -> Option<KeyKind> {
    let b = value.as_bytes();
    if let Some(m) = match_shape(b) {
        return Some(KeyKind {
            rule: m.rule,
            provider: m.provider,
            whole: m.len == b.len(),
            full_len: m.full_len,
            min_full: m.min_full,
        });
    }
    if is_jwt(b).is_some_and(|n| n == b.len()) {
        return Some(KeyKind {
            rule: "jwt",
            provider: None,
            whole: true,
            full_len: None,
            min_full: 0,
        });
    }
    None
}

/// Length of a JWT (`eyJ…`.`…`.`…`) at the start of `b`, if one is there.
pub fn is_jwt(b: &[u8]) -> Option<usize> {
    if !b.starts_with(b"eyJ") {
        return None;
    }
    let seg = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|&&c| Charset::B64Url.has(c))
            .count()
    };
    let h = seg(0);
    if h < 10 || b.get(h) != Some(&b'.') {
        return None;
    }
    let p = seg(h + 1);
    if p < 4 || b.get(h + 1 + p) != Some(&b'.') {
        return None;
    }
    let s = seg(h + p + 2);
    Some(h + p + 2 + s)
}

/// Known API hosts (matched as the host itself or a suffix after a dot).
pub static HOSTS: &[(&str, Provider)] = &[
    ("api.openai.com", OpenAi),
    ("api.anthropic.com", Anthropic),
    ("generativelanguage.googleapis.com", Gemini),
    ("aiplatform.googleapis.com", Google),
    ("openrouter.ai", OpenRouter),
    ("api.groq.com", Groq),
    ("api.x.ai", XAi),
    ("api.deepseek.com", DeepSeek),
    ("api.mistral.ai", Mistral),
    ("codestral.mistral.ai", Mistral),
    ("openai.azure.com", Azure),
    ("cognitiveservices.azure.com", Azure),
    ("services.ai.azure.com", Azure),
    ("api.perplexity.ai", Perplexity),
    ("router.huggingface.co", HuggingFace),
    ("api-inference.huggingface.co", HuggingFace),
    ("huggingface.co", HuggingFace),
    ("api.together.xyz", Together),
    ("api.together.ai", Together),
    ("api.fireworks.ai", Fireworks),
    ("api.replicate.com", Replicate),
    ("api.cohere.ai", Cohere),
    ("api.cohere.com", Cohere),
    ("amazonaws.com", Aws),
    ("api.github.com", GitHub),
    ("slack.com", Slack),
    ("api.stripe.com", Stripe),
];

/// The host part of a URL (lowercased, no port, no userinfo), if it has one.
pub fn url_host(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = match u.find("://") {
        Some(i) => &u[i + 3..],
        None => u,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let auth = &rest[..end];
    let auth = match auth.rfind('@') {
        Some(i) => &auth[i + 1..],
        None => auth,
    };
    let host = if auth.starts_with('[') {
        match auth.find(']') {
            Some(i) => &auth[..=i],
            None => auth,
        }
    } else {
        match auth.rfind(':') {
            Some(i) => &auth[..i],
            None => auth,
        }
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        None
    } else {
        Some(host)
    }
}

/// Whether a host is this machine or a private network (no public exposure).
pub fn is_local_host(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    if h == "localhost" || h.ends_with(".localhost") || h == "::1" || h.ends_with(".local") {
        return true;
    }
    if h == "host.docker.internal" || h.ends_with(".internal") {
        return true;
    }
    let parts: Vec<&str> = h.split('.').collect();
    if parts.len() == 4 {
        let n: Vec<u8> = parts.iter().filter_map(|p| p.parse::<u8>().ok()).collect();
        if n.len() == 4 {
            return n[0] == 127
                || n[0] == 10
                || (n[0] == 192 && n[1] == 168)
                || (n[0] == 172 && (16..=31).contains(&n[1]))
                || (n[0] == 0 && n[1] == 0 && n[2] == 0 && n[3] == 0);
        }
    }
    false
}

/// The provider a host belongs to, by the [`HOSTS`] table; local hosts are [`Provider::Local`].
pub fn provider_for_host(host: &str) -> Option<Provider> {
    let h = host.to_ascii_lowercase();
    if is_local_host(&h) {
        return Some(Local);
    }
    HOSTS
        .iter()
        .find(|(suffix, _)| h == *suffix || h.ends_with(&format!(".{suffix}")))
        .map(|&(_, p)| p)
        .or_else(|| {
            GATEWAY_MARKS
                .iter()
                .any(|m| h.contains(m))
                .then_some(Gateway)
        })
}

/// Host name fragments of one-api / new-api / LiteLLM style relays.
pub static GATEWAY_MARKS: &[&str] = &[
    "one-api",
    "oneapi",
    "new-api",
    "newapi",
    "litellm",
    "api2d",
    "aiproxy",
    "openai-proxy",
    "relay",
    "gateway",
];

/// The provider of a base URL, by its host.
pub fn provider_for_url(url: &str) -> Option<Provider> {
    url_host(url).and_then(|h| provider_for_host(&h))
}

/// The provider a key belongs to, by its shape.
pub fn provider_for_key(key: &str) -> Option<Provider> {
    classify_key(key.trim()).and_then(|k| k.provider)
}

/// Whether a key of provider `key` can be sent to a host of provider `host`.
/// Unknown, local or gateway hosts accept anything (they may proxy any provider).
pub fn compatible(key: Provider, host: Provider) -> bool {
    if key == host || matches!(host, Local | Gateway) {
        return true;
    }
    // Google keys serve both the Gemini API and Vertex/Google endpoints.
    matches!((key, host), (Gemini, Google) | (Google, Gemini))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_refine_sk() {
        let k = classify_key("sk-d7c2765ef89f3a75dbdfa79c119f0257").unwrap();
        assert_eq!(k.rule, "deepseek_api_key");
        let k = classify_key("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").unwrap();
        assert_eq!(k.rule, "openai_legacy_key");
        assert_eq!(
            classify_key("hf_fvUGTUUkDlRJGFOGi").unwrap().rule,
            "huggingface_token"
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(
            provider_for_url("https://contoso.openai.azure.com/openai"),
            Some(Azure)
        );
        assert_eq!(provider_for_url("http://localhost:4000"), Some(Local));
        assert_eq!(provider_for_url("https://example.com/v1"), None);
        assert_eq!(
            url_host("https://u:p@API.OpenAI.com:443/v1").as_deref(),
            Some("api.openai.com")
        );
    }
}
