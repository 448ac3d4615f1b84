//! The connection check (panel 3) as plain data: which requests to make, in which order, and
//! what their answers mean. No clock, no network, no web API: the browser layer performs each
//! [`RequestSpec`] and hands back an [`Observation`]; [`Run`] decides the next step and the
//! verdicts.
//!
//! A run is: URL sanity → reachability (a `no-cors` GET, which resolves whenever the server
//! answered at all) → a readable `GET {base}/models` without a key → latency (the first request
//! of the run is the cold sample, then N warm ones) → and, only after the user's consent, a
//! smoke test with the key ([`smoke`]). At most [`MAX_REQUESTS`] requests per run, one at a time,
//! each with a timeout.
//!
//! Every check ends as a [`CheckResult`]: a [`Verdict`], an [`Outcome`] kind (what tests assert),
//! a sentence, and the `curl` line that shows from a terminal what a browser cannot see. Keys
//! never appear in a curl line: they say `$API_KEY`.

mod curl;
mod run;
mod smoke;
mod stats;
mod url;
mod verdict;

pub use curl::shell_quote;
pub use run::{Progress, Report, Run, RunState, Step};
pub use smoke::{
    answer_text, scrub_key, smoke_curl, smoke_request, smoke_result, ApiStyle, SmokeKind,
    ANTHROPIC_VERSION,
};
pub use stats::{fmt_ms, latency_stats, quantile, LatencyStats, PhaseStats, Sample, Thresholds};
pub use url::{check_url, UrlCheck};
pub use verdict::{reach_result, read_result, NO_BROWSER_CALLS, NO_BROWSER_CALLS_ZH};

use std::fmt;

use serde::Serialize;

use crate::domain::diagnose::Diagnosis;
use crate::domain::locale::{Locale, OwnedText, Text};

/// Most requests one run (checks plus the smoke test) may make.
pub const MAX_REQUESTS: u32 = 60;
/// Warm latency samples by default, and at most.
pub const DEFAULT_WARM: u32 = 10;
pub const MAX_WARM: u32 = 50;
/// Timeout of each check request (ms).
pub const TIMEOUT_MS: u32 = 5_000;
/// Timeout of the smoke test (ms): a chat completion may take longer than a listing.
pub const SMOKE_TIMEOUT_MS: u32 = 15_000;
/// Most bytes of an answer body kept (the rest is dropped by the browser layer).
pub const MAX_BODY: usize = 64 * 1024;

/// How a check ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    /// Not run: an earlier check made it pointless, or the run was cancelled.
    Skip,
    Warn,
    Fail,
}

impl Verdict {
    /// Stable identifier, used in `data-verdict`.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Skip => "skip",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// The checks, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    Url,
    Reach,
    Read,
    Latency,
    Smoke,
}

impl CheckId {
    /// Stable identifier, used in `data-check`.
    pub fn id(self) -> &'static str {
        match self {
            CheckId::Url => "url",
            CheckId::Reach => "reach",
            CheckId::Read => "read",
            CheckId::Latency => "latency",
            CheckId::Smoke => "smoke",
        }
    }

    /// The check's name, as shown in `l` (English in a support bundle).
    pub fn title(self, l: Locale) -> &'static str {
        match self {
            CheckId::Url => l.pick("Base URL", "Base URL 检查"),
            CheckId::Reach => l.pick("Reachability", "可达性"),
            CheckId::Read => l.pick("Readable answer", "可读响应"),
            CheckId::Latency => l.pick("Latency", "延迟"),
            CheckId::Smoke => l.pick("Smoke test with your key", "用你的密钥做冒烟测试"),
        }
    }
}

/// What a check found: the kind that tests assert and `data-outcome` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    // Base URL.
    UrlOk,
    UrlEmpty,
    UrlInvalid,
    UrlNoScheme,
    UrlBadScheme,
    UrlCredentials,
    UrlMixedContent,
    UrlInsecureHttp,
    UrlWhitespace,
    UrlEndpointPath,
    UrlDoubledV1,
    UrlMissingV1,
    UrlQuery,
    UrlProviderMismatch,
    // Reachability.
    Reachable,
    Unreachable,
    // Readable answer.
    AuthRequired,
    OpenWithoutKey,
    WrongBaseHtml,
    WrongBaseNotFound,
    NoBrowserCalls,
    RateLimited,
    ServerError,
    UnexpectedStatus,
    // Latency.
    Fast,
    Slow,
    VerySlow,
    Jittery,
    SomeLost,
    MostLost,
    AllLost,
    // Smoke test.
    KeyWorks,
    ApiError,
    // Any request check.
    TimedOut,
    Skipped,
    Cancelled,
}

impl Outcome {
    /// The verdict this outcome always carries.
    pub fn verdict(self) -> Verdict {
        use Outcome::*;
        match self {
            UrlOk | Reachable | AuthRequired | OpenWithoutKey | Fast | KeyWorks => Verdict::Pass,
            UrlInsecureHttp | UrlWhitespace | UrlEndpointPath | UrlDoubledV1 | UrlMissingV1
            | UrlQuery | UrlProviderMismatch | NoBrowserCalls | RateLimited | ServerError
            | UnexpectedStatus | Slow | Jittery | SomeLost => Verdict::Warn,
            UrlEmpty | UrlInvalid | UrlNoScheme | UrlBadScheme | UrlCredentials
            | UrlMixedContent | Unreachable | WrongBaseHtml | WrongBaseNotFound | VerySlow
            | MostLost | AllLost | ApiError | TimedOut => Verdict::Fail,
            Skipped | Cancelled => Verdict::Skip,
        }
    }

    /// Stable identifier (snake_case), used in `data-outcome`.
    pub fn id(self) -> &'static str {
        use Outcome::*;
        match self {
            UrlOk => "url_ok",
            UrlEmpty => "url_empty",
            UrlInvalid => "url_invalid",
            UrlNoScheme => "url_no_scheme",
            UrlBadScheme => "url_bad_scheme",
            UrlCredentials => "url_credentials",
            UrlMixedContent => "url_mixed_content",
            UrlInsecureHttp => "url_insecure_http",
            UrlWhitespace => "url_whitespace",
            UrlEndpointPath => "url_endpoint_path",
            UrlDoubledV1 => "url_doubled_v1",
            UrlMissingV1 => "url_missing_v1",
            UrlQuery => "url_query",
            UrlProviderMismatch => "url_provider_mismatch",
            Reachable => "reachable",
            Unreachable => "unreachable",
            AuthRequired => "auth_required",
            OpenWithoutKey => "open_without_key",
            WrongBaseHtml => "wrong_base_html",
            WrongBaseNotFound => "wrong_base_not_found",
            NoBrowserCalls => "no_browser_calls",
            RateLimited => "rate_limited",
            ServerError => "server_error",
            UnexpectedStatus => "unexpected_status",
            Fast => "fast",
            Slow => "slow",
            VerySlow => "very_slow",
            Jittery => "jittery",
            SomeLost => "some_lost",
            MostLost => "most_lost",
            AllLost => "all_lost",
            KeyWorks => "key_works",
            ApiError => "api_error",
            TimedOut => "timed_out",
            Skipped => "skipped",
            Cancelled => "cancelled",
        }
    }
}

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckResult {
    pub check: CheckId,
    pub verdict: Verdict,
    pub outcome: Outcome,
    /// One or two sentences: what was found and what to do, in every locale (the panel shows
    /// the widget's, a support bundle the English one).
    pub sentence: OwnedText,
    /// The command to run from a terminal for what a browser cannot see (`$API_KEY` for a key).
    pub curl: String,
    /// The HTTP status the check saw, when it could read one.
    pub http_status: Option<u16>,
    /// A remark beside the verdict (latency: whether the phases could be measured).
    pub note: Option<OwnedText>,
    /// The smoke test's answer, diagnosed (smoke test only, when the answer was an error).
    pub diagnosis: Option<Diagnosis>,
}

impl CheckResult {
    /// A result whose verdict follows from its outcome.
    pub fn new(check: CheckId, outcome: Outcome, sentence: OwnedText, curl: String) -> CheckResult {
        CheckResult {
            check,
            verdict: outcome.verdict(),
            outcome,
            sentence,
            curl,
            http_status: None,
            note: None,
            diagnosis: None,
        }
    }
}

/// HTTP method of a probe request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Fetch mode: `Cors` reads the answer when the server allows it; `NoCors` only learns
/// whether the server answered at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Mode {
    Cors,
    NoCors,
}

/// One request for the browser layer to make. Always `credentials: omit`, `cache: no-store`,
/// `referrerPolicy: no-referrer`.
#[derive(Clone, PartialEq)]
pub struct RequestSpec {
    pub method: Method,
    pub url: String,
    pub mode: Mode,
    /// Extra headers; may hold the key (smoke test only), so `Debug` masks secret-bearing ones.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub timeout_ms: u32,
}

/// Header names whose values are secrets (masked by `Debug`, never shown).
pub const SECRET_HEADERS: [&str; 3] = ["authorization", "x-api-key", "x-goog-api-key"];

impl fmt::Debug for RequestSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let secret = SECRET_HEADERS.iter().any(|s| n.eq_ignore_ascii_case(s));
                (n.as_str(), if secret { "<redacted>" } else { v.as_str() })
            })
            .collect();
        f.debug_struct("RequestSpec")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("mode", &self.mode)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// Durations of a request's phases (ms), from Resource Timing when the server sends
/// `Timing-Allow-Origin`. Zero DNS and connect times mean a reused connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Phases {
    pub dns_ms: f64,
    /// TCP connect, TLS included (as Resource Timing measures it).
    pub connect_ms: f64,
    /// TLS handshake alone (0 over plain HTTP).
    pub tls_ms: f64,
    /// Request sent to first byte of the answer.
    pub first_byte_ms: f64,
    /// First to last byte of the answer.
    pub download_ms: f64,
}

/// How long a request took, and its phases when the browser may tell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Timing {
    /// With phases: DNS + connect + request sent to last byte (what curl's `time_total` counts).
    /// Without: the whole Resource Timing duration, which also holds the browser's own queueing
    /// before the request is sent (about 1 to 3 ms on this machine).
    pub total_ms: f64,
    pub phases: Option<Phases>,
}

/// A readable answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    /// The `Content-Type` header (empty when absent).
    pub content_type: String,
    /// The headers a diagnosis cares about (`retry-after`, `x-ratelimit-*`, request ids), as
    /// far as the server exposes them to the page.
    pub headers: Vec<(String, String)>,
    /// The body, at most [`MAX_BODY`] bytes.
    pub body: String,
    pub timing: Timing,
}

/// What the browser layer saw of one request.
#[derive(Clone, Debug, PartialEq)]
pub enum Observation {
    /// The answer could be read (the server allows this page, or it is the page's own origin).
    Response(HttpResponse),
    /// A `no-cors` request resolved: the server answered, but what it said is hidden.
    Opaque(Timing),
    /// The request failed (`TypeError: Failed to fetch`): DNS, refused connection, TLS, or a
    /// CORS refusal; a page cannot tell which.
    NetworkError(Timing),
    /// No answer within the request's timeout; the request was aborted.
    TimedOut(Timing),
    /// The user cancelled the run while this request was in flight.
    Cancelled,
}

impl Observation {
    /// The timing, for observations that have one.
    pub fn timing(&self) -> Option<Timing> {
        match self {
            Observation::Response(r) => Some(r.timing),
            Observation::Opaque(t) | Observation::NetworkError(t) | Observation::TimedOut(t) => {
                Some(*t)
            }
            Observation::Cancelled => None,
        }
    }

    /// Whether the server answered (readably or not).
    pub fn answered(&self) -> bool {
        matches!(self, Observation::Response(_) | Observation::Opaque(_))
    }
}

/// A base-URL preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub id: &'static str,
    pub label: &'static str,
    /// Empty for the "custom" entry.
    pub base_url: &'static str,
    pub style: ApiStyle,
    /// The model the chat smoke test uses when none is given.
    pub model: &'static str,
}

/// The built-in presets, in menu order; the last one is a custom gateway.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "openai",
        label: "OpenAI",
        base_url: "https://api.openai.com/v1",
        style: ApiStyle::OpenAi,
        model: "gpt-4o-mini",
    },
    Preset {
        id: "anthropic",
        label: "Anthropic",
        base_url: "https://api.anthropic.com/v1",
        style: ApiStyle::Anthropic,
        model: "claude-3-5-haiku-latest",
    },
    Preset {
        id: "gemini",
        label: "Gemini (OpenAI-compatible)",
        base_url: "https://generativelanguage.googleapis.com/v1beta/openai",
        style: ApiStyle::Gemini,
        model: "gemini-2.0-flash",
    },
    Preset {
        id: "openrouter",
        label: "OpenRouter",
        base_url: "https://openrouter.ai/api/v1",
        style: ApiStyle::OpenAi,
        model: "openai/gpt-4o-mini",
    },
    Preset {
        id: "deepseek",
        label: "DeepSeek",
        base_url: "https://api.deepseek.com/v1",
        style: ApiStyle::OpenAi,
        model: "deepseek-chat",
    },
    Preset {
        id: "groq",
        label: "Groq",
        base_url: "https://api.groq.com/openai/v1",
        style: ApiStyle::OpenAi,
        model: "llama-3.1-8b-instant",
    },
    Preset {
        id: "custom",
        label: "Custom gateway",
        base_url: "",
        style: ApiStyle::OpenAi,
        model: "",
    },
];

/// The `GET {base}/models` URL every check uses.
pub fn models_url(base: &str) -> String {
    format!("{}/models", base.trim_end_matches('/'))
}

/// The host of a base URL for sentences in `l` (`the server` when there is none).
pub(crate) fn host_label(base: &str, l: Locale) -> String {
    crate::domain::provider::url_host(base)
        .unwrap_or_else(|| l.pick("the server", "服务器").to_owned())
}

/// "Cancelled.", the sentence of every check a cancel stopped.
pub(crate) fn cancelled() -> OwnedText {
    Text {
        en: "Cancelled.",
        zh: "已取消。",
    }
    .into()
}
