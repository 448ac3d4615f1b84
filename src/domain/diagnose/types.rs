//! The values a diagnosis is made of: categories, facts, evidence and the result itself.

use serde::{Deserialize, Serialize};

/// One of the categories of DESIGN.md. The serialized form is the snake_case id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    InvalidKey,
    KeyRevoked,
    PermissionDenied,
    RegionBlocked,
    QuotaExhausted,
    RateLimited,
    ModelNotFound,
    BadRequest,
    ContextLength,
    ContentFiltered,
    UpstreamError,
    Timeout,
    Dns,
    ConnectFailed,
    Tls,
    Proxy,
    Cors,
    WrongEndpoint,
    Unknown,
}

impl Category {
    /// Every category, in the order of the table in DESIGN.md.
    pub const ALL: [Category; 19] = [
        Category::InvalidKey,
        Category::KeyRevoked,
        Category::PermissionDenied,
        Category::RegionBlocked,
        Category::QuotaExhausted,
        Category::RateLimited,
        Category::ModelNotFound,
        Category::BadRequest,
        Category::ContextLength,
        Category::ContentFiltered,
        Category::UpstreamError,
        Category::Timeout,
        Category::Dns,
        Category::ConnectFailed,
        Category::Tls,
        Category::Proxy,
        Category::Cors,
        Category::WrongEndpoint,
        Category::Unknown,
    ];

    /// The snake_case id used in JSON, `data-category` and catalogs.
    pub fn id(self) -> &'static str {
        match self {
            Category::InvalidKey => "invalid_key",
            Category::KeyRevoked => "key_revoked",
            Category::PermissionDenied => "permission_denied",
            Category::RegionBlocked => "region_blocked",
            Category::QuotaExhausted => "quota_exhausted",
            Category::RateLimited => "rate_limited",
            Category::ModelNotFound => "model_not_found",
            Category::BadRequest => "bad_request",
            Category::ContextLength => "context_length",
            Category::ContentFiltered => "content_filtered",
            Category::UpstreamError => "upstream_error",
            Category::Timeout => "timeout",
            Category::Dns => "dns",
            Category::ConnectFailed => "connect_failed",
            Category::Tls => "tls",
            Category::Proxy => "proxy",
            Category::Cors => "cors",
            Category::WrongEndpoint => "wrong_endpoint",
            Category::Unknown => "unknown",
        }
    }

    /// Parses a snake_case id (as written in an operator's catalog).
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id.trim())
    }

    /// Whether retrying the same request can help, per DESIGN.md.
    pub fn retry(self) -> Retry {
        match self {
            Category::RateLimited => Retry::WithBackoff,
            Category::UpstreamError | Category::Timeout => Retry::Yes,
            Category::ConnectFailed => Retry::Maybe,
            Category::Unknown => Retry::Unknown,
            _ => Retry::No,
        }
    }
}

/// Whether retrying the same request can help.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retry {
    No,
    Yes,
    /// Yes, but after waiting (exponential backoff, or the Retry-After the server gave).
    WithBackoff,
    Maybe,
    Unknown,
}

impl Retry {
    /// The short form used by the command line: `yes`, `no`, `maybe` or `unknown`.
    pub fn id(self) -> &'static str {
        match self {
            Retry::No => "no",
            Retry::Yes | Retry::WithBackoff => "yes",
            Retry::Maybe => "maybe",
            Retry::Unknown => "unknown",
        }
    }
}

/// What kind of fact decided (or supported) a category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A code from the operator's own catalog.
    Catalog,
    /// An HTTP status.
    Status,
    /// An error code or identifier (`insufficient_quota`, `ECONNREFUSED`, `API_KEY_INVALID`).
    Code,
    /// An error type (`authentication_error`).
    Type,
    /// A phrase in the message (English or Chinese).
    Phrase,
    /// Something about the shape of the paste (an HTML page, an address that is a local proxy).
    Shape,
}

/// One fact that pointed at a category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// What was seen, as it appears in the paste (`429`, `insufficient_quota`, `exceeded your current quota`).
    pub value: String,
    /// The category this fact points at.
    pub category: Category,
    /// How strongly it decides (higher wins); see the precedence in `rules.rs`.
    pub weight: u8,
}

/// Facts pulled out of the paste, whatever the category.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub http_status: Option<u16>,
    /// The API provider behind the call (`openai`, `anthropic`, `gemini`, ...).
    pub provider: Option<String>,
    /// A gateway or relay in between (`one-api`, `litellm`, `openrouter`, `cloudflare`, ...).
    pub gateway: Option<String>,
    /// The error type (`authentication_error`, `invalid_request_error`).
    pub error_type: Option<String>,
    /// The most specific error code or identifier.
    pub code: Option<String>,
    /// The human message of the error.
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// `Retry-After`, or the wait the message asks for (`retry in 45s`).
    pub retry_after: Option<String>,
    /// `x-ratelimit-*` and `anthropic-ratelimit-*` headers, as pasted.
    pub rate_limit_headers: Vec<(String, String)>,
    /// The host the failing call went to, when the paste names one.
    pub host: Option<String>,
}

/// The answer for one paste. `diagnose` always returns one: `unknown` with what was found when
/// nothing matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    pub category: Category,
    /// One-line title, in the requested locale (or the operator's wording).
    pub title: String,
    /// What it means, in one or two sentences.
    pub meaning: String,
    pub retry: Retry,
    pub facts: Facts,
    /// The facts that decided it, strongest first.
    pub evidence: Vec<Evidence>,
    /// The numbered checklist of fixes.
    pub steps: Vec<String>,
    /// Other errors found in the same paste, less actionable than the chosen one.
    pub also_found: Vec<Category>,
    /// Set when only part of a very large paste was analysed.
    pub truncated: bool,
}
