//! Diagnosis: from any pasted error text to a category, its evidence, the facts and the steps.
//!
//! The engine reads the paste three ways: the structured values in it (JSON, Python dicts, JS
//! objects, at any depth of embedding), its words (phrases in English and Chinese, codes as
//! whole identifiers) and its shape (an HTML page, a refused local proxy port). Every rule that
//! matches adds a piece of [`Evidence`] with a weight from the table in `rules.rs`; the heaviest
//! category wins. An operator's catalog is consulted first and outweighs everything built in.

mod extract;
mod guide;
pub(crate) mod lenient;
mod rules;
mod text;
mod types;

pub use guide::{guide, Guide};
pub use types::*;

use crate::domain::baseurl::endpoint_misses_base_path;
use crate::domain::locale::Locale;
use crate::domain::sort::sort_by;
use extract::{body_facts, BodyFacts};
use lenient::Budget;
use text::{contains_token, fold, normalize, PhraseSet};

/// An operator's own error code, mapped to a category with their wording.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CatalogEntry {
    /// The code as it appears in the error (`API_KEY_DISABLED`), matched as a whole word,
    /// case-sensitively, or against the code fields of the error body, case-insensitively.
    pub code: String,
    pub category: Category,
    /// The operator's title for it; the category's title when absent.
    #[serde(default)]
    pub title: Option<String>,
    /// The operator's steps; the category's checklist when empty.
    #[serde(default)]
    pub steps: Vec<String>,
}

/// Pastes larger than this are analysed by their first and last halves of it.
pub const MAX_ANALYSED: usize = 1024 * 1024;

/// Most pieces of evidence listed for the chosen category.
const MAX_EVIDENCE: usize = 8;

/// Diagnoses a paste with the built-in catalog, in English.
pub fn diagnose(input: &str) -> Diagnosis {
    diagnose_with(input, &[], Locale::En)
}

/// Diagnoses a paste, consulting the operator's `catalog` before the built-in rules.
pub fn diagnose_with(input: &str, catalog: &[CatalogEntry], locale: Locale) -> Diagnosis {
    let (text, truncated) = bounded(input);
    let lower = text.to_ascii_lowercase();
    let norm = normalize(&text);
    let mut budget = Budget {
        remaining: 8 * text.len() + (1 << 16),
    };
    let body = body_facts(&text, &mut budget);
    let hits = PhraseHits::new(&norm);

    let facts = facts(&text, &lower, &hits, &body);
    let mut evidence = Vec::new();
    let catalog_hit = catalog_evidence(&text, &body, catalog, &mut evidence);
    code_evidence(&text, &body, &mut evidence);
    phrase_evidence(&hits, facts.http_status, &mut evidence);
    upstream_status_evidence(&body, &mut evidence);
    shape_evidence(&text, &lower, &norm, &facts, &mut evidence);

    // Decide on the discounted weights; mention other errors by what the paste says of them.
    let mut weighed = evidence.clone();
    discount_network_after_a_response(facts.http_status, &mut weighed);
    let category = decide(&weighed);
    let also_found = others(&evidence, category);
    let mut facts = facts;
    if facts.code.is_none() {
        facts.code = catalog_hit
            .map(|e| e.code.clone())
            .or_else(|| best_code_token(&evidence));
    }
    if facts.message.is_none() {
        facts.message = message_line(&text, &evidence, category);
    }

    let g = guide(category);
    let title = catalog_hit
        .and_then(|e| e.title.clone())
        .unwrap_or_else(|| g.title.get(locale).to_string());
    let base = extract::first_url(&text)
        .map(|(_, base)| base)
        .unwrap_or_else(|| "<base-url>".to_string());
    let mut steps: Vec<String> = match catalog_hit {
        Some(e) if !e.steps.is_empty() => e.steps.clone(),
        _ => g
            .steps
            .iter()
            .map(|s| s.get(locale).replace("{base}", &base))
            .collect(),
    };
    if let (Some(wait), true) = (
        &facts.retry_after,
        matches!(category, Category::RateLimited | Category::UpstreamError),
    ) {
        steps.insert(
            0,
            match locale {
                Locale::En => format!("The server asked to wait {wait} before retrying."),
                Locale::ZhCn => format!("服务器要求等待 {wait} 后再重试。"),
            },
        );
    }

    let mut chosen: Vec<Evidence> = evidence
        .iter()
        .filter(|e| e.category == category && e.weight > 0)
        .cloned()
        .collect();
    sort_by(&mut chosen, |a, b| b.weight.cmp(&a.weight));
    // One line per fact: drop repeats and phrases inside a longer phrase already listed.
    let mut kept: Vec<Evidence> = Vec::new();
    for e in chosen {
        let lower = fold(&e.value);
        if kept.iter().any(|k| fold(&k.value).contains(lower.as_str())) {
            continue;
        }
        kept.retain(|k| !lower.contains(fold(&k.value).as_str()));
        kept.push(e);
    }
    let mut chosen = kept;
    chosen.truncate(MAX_EVIDENCE);

    Diagnosis {
        category,
        title,
        meaning: g.meaning.get(locale).to_string(),
        retry: category.retry(),
        facts,
        evidence: chosen,
        steps,
        also_found,
        truncated,
    }
}

/// The part of the paste that is analysed: all of it up to [`MAX_ANALYSED`], else its head and
/// its tail (errors sit at the start of a body and at the end of a log).
fn bounded(input: &str) -> (std::borrow::Cow<'_, str>, bool) {
    if input.len() <= MAX_ANALYSED {
        return (std::borrow::Cow::Borrowed(input), false);
    }
    let half = MAX_ANALYSED / 2;
    let mut head_end = half;
    while !input.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let mut tail_start = input.len() - half;
    while !input.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let s = format!("{}\n…\n{}", &input[..head_end], &input[tail_start..]);
    (std::borrow::Cow::Owned(s), true)
}

fn facts(text: &str, lower: &str, hits: &PhraseHits, body: &BodyFacts) -> Facts {
    let (provider, gateway) = extract::provider_and_gateway(hits.providers());
    let http_status = extract::prose_status(text, lower).or_else(|| body.statuses.first().copied());
    Facts {
        http_status,
        provider,
        gateway,
        error_type: body.best_type(),
        code: body.best_code().or_else(|| text_code(text, lower)),
        message: body
            .messages
            .iter()
            .find(|m| !m.is_empty())
            .map(|m| clip(m, 500)),
        request_id: body
            .request_ids
            .first()
            .cloned()
            .or_else(|| extract::prose_request_id(text, lower)),
        retry_after: body
            .retry_delay
            .clone()
            .or_else(|| extract::prose_retry_after(lower)),
        rate_limit_headers: extract::rate_limit_headers(text, lower),
        host: extract::first_url(text).map(|(h, _)| h),
    }
}

/// A code written as `key: value` in prose or in a struct dump the body reader could not parse
/// (`Code:insufficient_user_quota`, `reason: "API_KEY_INVALID"`, `Status: PERMISSION_DENIED`).
fn text_code(text: &str, lower: &str) -> Option<String> {
    for key in ["reason:", "code:", "code=", "status:"] {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|r| r.find(key)) {
            let at = from + p + key.len();
            from = at;
            let rest = text[at..].trim_start_matches([' ', '"', '\'', '*']);
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let id = &rest[..end];
            let has_letter = id.bytes().any(|b| b.is_ascii_alphabetic());
            let shouty_or_snake = id.contains('_') || id.bytes().all(|b| !b.is_ascii_lowercase());
            if id.len() >= 4 && has_letter && shouty_or_snake && !extract::is_generic(id) {
                return Some(id.to_string());
            }
        }
    }
    None
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

fn catalog_evidence<'c>(
    text: &str,
    body: &BodyFacts,
    catalog: &'c [CatalogEntry],
    evidence: &mut Vec<Evidence>,
) -> Option<&'c CatalogEntry> {
    let mut hit = None;
    for entry in catalog {
        let code = entry.code.trim();
        if code.is_empty() {
            continue;
        }
        let in_body = body.ids.iter().any(|(_, id)| id.eq_ignore_ascii_case(code))
            || body.statuses.iter().any(|s| s.to_string() == code);
        if in_body || contains_token(text, code) {
            evidence.push(Evidence {
                kind: EvidenceKind::Catalog,
                value: code.to_string(),
                category: entry.category,
                weight: 100,
            });
            hit.get_or_insert(entry);
        }
    }
    hit
}

/// Codes from the body's fields, then codes written anywhere as whole identifiers.
fn code_evidence(text: &str, body: &BodyFacts, evidence: &mut Vec<Evidence>) {
    for (rank, id) in &body.ids {
        for &(code, category, weight) in rules::CODES {
            if code.eq_ignore_ascii_case(id) {
                evidence.push(Evidence {
                    kind: if *rank == 2 {
                        EvidenceKind::Type
                    } else {
                        EvidenceKind::Code
                    },
                    value: id.clone(),
                    category,
                    weight,
                });
            }
        }
    }
    // Every identifier-like word of the paste, looked up in the sorted code table; a bit per
    // (lower-cased first letter, length) skips the words no code could be.
    let (table, shapes) = code_table();
    let mut seen: Vec<&str> = Vec::new();
    for word in code_words(text) {
        if word.len() < 4 || word.len() > 64 || !shapes.contains(word) {
            continue;
        }
        let hit = match table.binary_search_by(|e| e.0.cmp(word)) {
            Ok(i) => Some(table[i]),
            Err(_) if word.bytes().any(|b| b.is_ascii_uppercase()) => {
                let lw = word.to_ascii_lowercase();
                table
                    .binary_search_by(|e| e.0.cmp(lw.as_str()))
                    .ok()
                    .map(|i| table[i])
                    .filter(|e| !e.0.bytes().any(|b| b.is_ascii_uppercase()))
            }
            Err(_) => None,
        };
        if let Some((code, category, weight)) = hit {
            if !seen.contains(&code) {
                seen.push(code);
                evidence.push(Evidence {
                    kind: EvidenceKind::Code,
                    value: word.to_string(),
                    category,
                    weight,
                });
            }
        }
    }
}

/// Every phrase the engine looks for, in one set built once: the rule phrases, then the
/// status-bound phrases, then the provider needles.
fn all_phrases() -> &'static PhraseSet<'static> {
    static SET: std::sync::OnceLock<PhraseSet<'static>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::new(
            rules::PHRASES
                .iter()
                .map(|r| r.0)
                .chain(rules::STATUS_PHRASES.iter().map(|r| r.1))
                .chain(extract::PROVIDERS.iter().map(|p| p.0)),
        )
    })
}

/// Which phrases of each table the normalized paste contains.
struct PhraseHits {
    found: Vec<bool>,
}

impl PhraseHits {
    fn new(norm: &str) -> PhraseHits {
        PhraseHits {
            found: all_phrases().find_all(norm),
        }
    }

    fn rules(&self) -> &[bool] {
        &self.found[..rules::PHRASES.len()]
    }

    fn status_phrases(&self) -> &[bool] {
        let a = rules::PHRASES.len();
        &self.found[a..a + rules::STATUS_PHRASES.len()]
    }

    fn providers(&self) -> &[bool] {
        &self.found[rules::PHRASES.len() + rules::STATUS_PHRASES.len()..]
    }
}

/// Phrases of the paste, the phrases that count only with the paste's HTTP status, and the
/// status alone.
/// The identifier-like words of `text`. An escaped newline or tab glued to a word (`\\nFOO` in
/// a JSON string) is not part of it.
fn code_words(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            while i < b.len() && !(b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let mut start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            if start < i
                && start > 0
                && b[start - 1] == b'\\'
                && matches!(b[start], b'n' | b't' | b'r')
            {
                start += 1;
            }
            if start < i {
                // Only ASCII bytes were taken, so this slice is on character boundaries.
                return text.get(start..i);
            }
        }
        None
    })
}

/// Which words could be a code: one bit per (lower-cased first byte, length).
struct CodeShapes(Vec<u64>);

impl CodeShapes {
    fn key(word: &str) -> usize {
        let first = word.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
        usize::from(first) * 65 + word.len().min(64)
    }

    fn contains(&self, word: &str) -> bool {
        let k = Self::key(word);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// The code table sorted for binary search, and the shapes of its codes; built once.
fn code_table() -> &'static (Vec<rules::CodeRule>, CodeShapes) {
    static TABLE: std::sync::OnceLock<(Vec<rules::CodeRule>, CodeShapes)> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<rules::CodeRule> = rules::CODES.to_vec();
        sort_by(&mut table, |a, b| a.0.cmp(b.0));
        let mut shapes = CodeShapes(vec![0; (256 * 65) / 64 + 1]);
        for (code, _, _) in &table {
            let k = CodeShapes::key(code);
            shapes.0[k / 64] |= 1 << (k % 64);
        }
        (table, shapes)
    })
}

fn phrase_evidence(hits: &PhraseHits, status: Option<u16>, evidence: &mut Vec<Evidence>) {
    for (&(phrase, category, weight), _) in rules::PHRASES
        .iter()
        .zip(hits.rules())
        .filter(|(_, &hit)| hit)
    {
        evidence.push(Evidence {
            kind: EvidenceKind::Phrase,
            value: phrase.trim_matches('*').to_string(),
            category,
            weight,
        });
    }
    let Some(status) = status else { return };
    for (&(s, phrase, category, weight), _) in rules::STATUS_PHRASES
        .iter()
        .zip(hits.status_phrases())
        .filter(|(r, &hit)| hit && r.0 == status)
    {
        evidence.push(Evidence {
            kind: EvidenceKind::Status,
            value: format!("{s} + \"{}\"", phrase.trim_matches('*')),
            category,
            weight,
        });
    }
    for &(s, category, weight) in rules::STATUSES {
        if s == status {
            evidence.push(Evidence {
                kind: EvidenceKind::Status,
                value: status.to_string(),
                category,
                weight,
            });
        }
    }
}

/// A gateway that reports the upstream's status beside its own generic error: the upstream's
/// status says more than the gateway's wrapper, so it weighs a little more than a status alone.
fn upstream_status_evidence(body: &BodyFacts, evidence: &mut Vec<Evidence>) {
    for &status in body.upstream_statuses.iter().take(1) {
        for &(s, category, weight) in rules::STATUSES {
            if s == status {
                evidence.push(Evidence {
                    kind: EvidenceKind::Status,
                    value: format!("upstream {status}"),
                    category,
                    weight: weight + 10,
                });
            }
        }
    }
}

/// What the paste looks like as a whole: an HTML page where JSON was expected, a network error
/// whose address is a local proxy rather than the API.
fn shape_evidence(
    text: &str,
    lower: &str,
    norm: &str,
    facts: &Facts,
    evidence: &mut Vec<Evidence>,
) {
    if let Some(url) = extract::urls(text).find(|u| endpoint_misses_base_path(u).is_some()) {
        // A path without its version prefix answers 404, which a browser reports as a failed
        // preflight: then it outweighs the CORS block. Otherwise (a TLS or network failure on
        // the way there) it is only a hint.
        let answered = facts.http_status == Some(404) || lower.contains("preflight");
        evidence.push(Evidence {
            kind: EvidenceKind::Shape,
            value: url.to_string(),
            category: Category::WrongEndpoint,
            weight: if answered { 96 } else { 45 },
        });
    }
    if let Some(seen) = named_model_missing(norm) {
        evidence.push(Evidence {
            kind: EvidenceKind::Shape,
            value: seen.to_string(),
            category: Category::ModelNotFound,
            weight: 90,
        });
    }
    let is_html =
        lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body");
    if is_html {
        let (category, weight, value) = match facts.http_status {
            Some(404) | Some(405) => (Category::WrongEndpoint, 82, "an HTML 404 page"),
            None | Some(200) => (
                Category::WrongEndpoint,
                62,
                "an HTML page where JSON was expected",
            ),
            _ => (Category::Unknown, 0, ""),
        };
        if weight > 0 {
            evidence.push(Evidence {
                kind: EvidenceKind::Shape,
                value: value.to_string(),
                category,
                weight,
            });
        }
    }
    if let Some((host, port)) = extract::failed_address(text) {
        let api_host = facts.host.as_deref();
        let named_proxy = host.contains("proxy");
        let local_but_api_elsewhere =
            extract::is_loopback(&host) && api_host.is_some_and(|h| !extract::is_loopback(h));
        let local_proxy_port = extract::is_loopback(&host)
            && api_host.is_none()
            && port.is_some_and(|p| rules::PROXY_PORTS.contains(&p));
        if named_proxy || local_but_api_elsewhere || local_proxy_port {
            let addr = match port {
                Some(p) => format!("{host}:{p}"),
                None => host.clone(),
            };
            let value = match api_host {
                Some(api) if api != host => format!("{addr} is a proxy, not the API host {api}"),
                _ => format!("{addr} is a proxy address"),
            };
            evidence.push(Evidence {
                kind: EvidenceKind::Shape,
                value,
                category: Category::Proxy,
                weight: 90,
            });
        }
    }
}

/// What a model name followed by "not exist", "not found" or "not supported" says
/// (`Model qwen-plus-2025-04-28 not exist`, `model: claude-3-5 was not found`), read in the
/// normalized paste: the name is one token, so a sentence that only mentions a model
/// elsewhere does not count.
fn named_model_missing(lower: &str) -> Option<&str> {
    const MISSING: &[&str] = &[
        "not exist",
        "does not exist",
        "doesn't exist",
        "not found",
        "is not found",
        "was not found",
        "is not supported",
        "not supported",
        "is not available",
    ];
    let mut from = 0;
    while let Some(at) = lower.get(from..)?.find("model") {
        let start = from + at;
        from = start + "model".len();
        let Some(after_word) = lower[from..]
            .strip_prefix(' ')
            .or_else(|| lower[from..].strip_prefix(": "))
        else {
            continue;
        };
        if start > 0 && lower.as_bytes()[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let name_len = after_word
            .find(char::is_whitespace)
            .unwrap_or(after_word.len());
        if name_len == 0 || name_len > 80 {
            continue;
        }
        let after = after_word[name_len..].trim_start_matches(' ');
        if let Some(m) = MISSING.iter().find(|m| after.starts_with(**m)) {
            let end = lower.len() - after.len() + m.len();
            return lower.get(start..end);
        }
    }
    None
}

/// An HTTP 4xx answer means the connection, name resolution and TLS all worked: the network
/// failures the paste also mentions (a client's "Failed to connect to API: 400 ...", a retry
/// that dropped) are not the cause. 407 and 408 are about the path there, so they keep them.
/// Nor is a generic server-error type (`api_error`, `server_error`) that a gateway wraps
/// around a 4xx: the status says the request was refused, not that the server failed.
fn discount_network_after_a_response(status: Option<u16>, evidence: &mut [Evidence]) {
    if !status.is_some_and(|s| (400..500).contains(&s) && s != 407 && s != 408) {
        return;
    }
    for e in evidence.iter_mut() {
        if matches!(
            e.category,
            Category::Dns | Category::ConnectFailed | Category::Tls | Category::Timeout
        ) {
            e.weight = e.weight.saturating_sub(30);
        }
        let generic_type = matches!(e.kind, EvidenceKind::Code | EvidenceKind::Type)
            && e.weight < 70
            && status != Some(429);
        if e.category == Category::UpstreamError && generic_type {
            e.weight = e.weight.saturating_sub(30);
        }
    }
}

/// The winning category: the heaviest piece of evidence, then the larger sum, then the more
/// actionable category; `unknown` when there is no evidence.
fn decide(evidence: &[Evidence]) -> Category {
    let mut scores: Vec<(Category, u8, u32)> = Vec::new();
    for e in evidence.iter().filter(|e| e.weight > 0) {
        match scores.iter_mut().find(|s| s.0 == e.category) {
            Some(s) => {
                s.1 = s.1.max(e.weight);
                s.2 += u32::from(e.weight);
            }
            None => scores.push((e.category, e.weight, u32::from(e.weight))),
        }
    }
    let rank = |c: Category| rules::ACTIONABLE.iter().position(|&a| a == c).unwrap_or(99);
    sort_by(&mut scores, |a, b| {
        b.1.cmp(&a.1)
            .then(b.2.cmp(&a.2))
            .then(rank(a.0).cmp(&rank(b.0)))
    });
    scores.first().map_or(Category::Unknown, |s| s.0)
}

/// The strongly evidenced categories other than `winner`, most decisive first (at most three).
fn others(evidence: &[Evidence], winner: Category) -> Vec<Category> {
    let mut rest: Vec<Evidence> = evidence
        .iter()
        .filter(|e| e.category != winner)
        .cloned()
        .collect();
    let mut out = Vec::new();
    while out.len() < 3 {
        let next = decide(&rest);
        let strong = rest.iter().any(|e| e.category == next && e.weight >= 70);
        if next == Category::Unknown || !strong {
            break;
        }
        out.push(next);
        rest.retain(|e| e.category != next);
    }
    out
}

/// A code token for the facts when the body named none: the heaviest code seen in the text.
fn best_code_token(evidence: &[Evidence]) -> Option<String> {
    evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Code)
        .max_by_key(|e| e.weight)
        .map(|e| e.value.clone())
}

/// The line of the paste that carries the strongest phrase of the chosen category.
fn message_line(text: &str, evidence: &[Evidence], category: Category) -> Option<String> {
    let phrase = evidence
        .iter()
        .filter(|e| e.category == category && e.kind == EvidenceKind::Phrase)
        .max_by_key(|e| e.weight)?;
    let needle = phrase.value.as_str();
    text.lines()
        .find(|l| normalize(l).contains(needle))
        .map(|l| clip(l.trim(), 300))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_model_that_is_missing() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "run failed: model qwen-plus-2025-04-28 not exist.",
                Some("model qwen-plus-2025-04-28 not exist"),
            ),
            (
                "'message': 'model: claude-3-5-sonnet-2024-10-22 was not found. did you mean",
                Some("model: claude-3-5-sonnet-2024-10-22 was not found"),
            ),
            (
                "the model gpt-5 is not supported",
                Some("model gpt-5 is not supported"),
            ),
            ("model not found", None),
            ("the model was overloaded, resource not found", None),
            ("supermodel x not found", None),
            ("model", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(named_model_missing(text), *want, "{text}");
        }
    }

    #[test]
    fn empty_input_is_unknown() {
        let d = diagnose("");
        assert_eq!(d.category, Category::Unknown);
        assert!(!d.steps.is_empty());
    }

    #[test]
    fn operator_catalog_outweighs_builtin_rules() {
        let catalog = [CatalogEntry {
            code: "KD_TEST_CODE".into(),
            category: Category::RegionBlocked,
            title: Some("Custom title".into()),
            steps: vec!["Custom step".into()],
        }];
        let d = diagnose_with("429 Too Many Requests KD_TEST_CODE", &catalog, Locale::En);
        assert_eq!(d.category, Category::RegionBlocked);
        assert_eq!(d.title, "Custom title");
        assert_eq!(d.steps, vec!["Custom step".to_string()]);
    }

    #[test]
    fn huge_input_is_bounded() {
        let s = "x".repeat(3 * MAX_ANALYSED) + " insufficient_quota";
        let d = diagnose(&s);
        assert!(d.truncated);
        assert_eq!(d.category, Category::QuotaExhausted);
    }
}
