//! Check 5, the smoke test, run only after the user's explicit consent: the docs' own `curl`
//! (`GET /models` with the key, or a one-token chat completion of "ping") with the provider's
//! headers, and its answer diagnosed like a paste in panel 1.
//!
//! The key goes into the request headers and nowhere else: not into the curl line (`$API_KEY`),
//! not into the answer shown (every piece of it is scrubbed), not into `Debug` output.

use serde::Serialize;

use super::curl::keyed_curl;
use super::{
    cancelled, host_label, models_url, CheckId, CheckResult, HttpResponse, Method, Mode,
    Observation, Outcome, RequestSpec, Verdict, SMOKE_TIMEOUT_MS,
};
use crate::domain::diagnose::{diagnose_with, CatalogEntry, Category};
use crate::domain::locale::{Locale, OwnedText};
use crate::domain::provider::{provider_for_url, Provider};

/// Anthropic's API version header value.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// Pieces of the key this long (in characters) are scrubbed from answers.
const KEY_PIECE: usize = 12;

/// How the API wants its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiStyle {
    /// `Authorization: Bearer KEY` (OpenAI and every OpenAI-compatible gateway).
    OpenAi,
    /// `x-api-key`, `anthropic-version`, and `anthropic-dangerous-direct-browser-access: true`.
    Anthropic,
    /// `x-goog-api-key` (Gemini's OpenAI-compatible endpoint).
    Gemini,
}

impl ApiStyle {
    /// Every style, in menu order.
    pub const ALL: [ApiStyle; 3] = [ApiStyle::OpenAi, ApiStyle::Anthropic, ApiStyle::Gemini];

    /// Stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            ApiStyle::OpenAi => "openai",
            ApiStyle::Anthropic => "anthropic",
            ApiStyle::Gemini => "gemini",
        }
    }

    /// The style with identifier `id`.
    pub fn from_id(id: &str) -> Option<ApiStyle> {
        ApiStyle::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The menu label, in `l`.
    pub fn label(self, l: Locale) -> &'static str {
        match self {
            ApiStyle::OpenAi => l.pick(
                "OpenAI-compatible (Authorization: Bearer)",
                "OpenAI 兼容（Authorization: Bearer）",
            ),
            ApiStyle::Anthropic => "Anthropic (x-api-key)",
            ApiStyle::Gemini => "Gemini (x-goog-api-key)",
        }
    }

    /// The style a base URL's host implies (OpenAI-compatible when unknown).
    pub fn for_url(base: &str) -> ApiStyle {
        match provider_for_url(base) {
            Some(Provider::Anthropic) => ApiStyle::Anthropic,
            Some(Provider::Gemini) | Some(Provider::Google) => ApiStyle::Gemini,
            _ => ApiStyle::OpenAi,
        }
    }

    /// The key header: its name and the prefix before the key.
    fn key_header(self) -> (&'static str, &'static str) {
        match self {
            ApiStyle::OpenAi => ("Authorization", "Bearer "),
            ApiStyle::Anthropic => ("x-api-key", ""),
            ApiStyle::Gemini => ("x-goog-api-key", ""),
        }
    }

    /// Headers besides the key.
    fn extra_headers(self) -> &'static [(&'static str, &'static str)] {
        match self {
            ApiStyle::Anthropic => &[
                ("anthropic-version", ANTHROPIC_VERSION),
                ("anthropic-dangerous-direct-browser-access", "true"),
            ],
            _ => &[],
        }
    }
}

/// Which smoke test to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmokeKind {
    /// `GET {base}/models` with the key: costs nothing.
    Models,
    /// A chat completion of "ping" with `max_tokens: 1` (Anthropic: `/messages`).
    Chat,
}

impl SmokeKind {
    pub fn id(self) -> &'static str {
        match self {
            SmokeKind::Models => "models",
            SmokeKind::Chat => "chat",
        }
    }
}

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped), by the
/// domain's one JSON writer (no serde_json in the wasm).
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::domain::json::write_str(&mut out, s);
    out
}

/// The smoke test's endpoint, method and body.
fn endpoint(
    base: &str,
    style: ApiStyle,
    kind: SmokeKind,
    model: &str,
) -> (Method, String, Option<String>) {
    let base = base.trim_end_matches('/');
    match kind {
        SmokeKind::Models => (Method::Get, models_url(base), None),
        SmokeKind::Chat => {
            let model = json_string(model.trim());
            let (path, body) = match style {
                ApiStyle::Anthropic => (
                    "/messages",
                    format!(
                        r#"{{"model":{model},"max_tokens":1,"messages":[{{"role":"user","content":"ping"}}]}}"#
                    ),
                ),
                _ => (
                    "/chat/completions",
                    format!(
                        r#"{{"model":{model},"messages":[{{"role":"user","content":"ping"}}],"max_tokens":1}}"#
                    ),
                ),
            };
            (Method::Post, format!("{base}{path}"), Some(body))
        }
    }
}

/// The key without the `Bearer ` a header value carries: the Sanitize panel shares the value
/// as sent, and the smoke test adds its own prefix.
fn bare_key(key: &str) -> &str {
    let key = key.trim();
    match key.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("bearer ") => key[7..].trim_start(),
        _ => key,
    }
}

/// The smoke test's request, carrying `key` in the provider's header.
pub fn smoke_request(
    base: &str,
    style: ApiStyle,
    kind: SmokeKind,
    key: &str,
    model: &str,
) -> RequestSpec {
    let (method, url, body) = endpoint(base, style, kind, model);
    let (name, prefix) = style.key_header();
    let mut headers = vec![(name.to_owned(), format!("{prefix}{}", bare_key(key)))];
    headers.extend(
        style
            .extra_headers()
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    if body.is_some() {
        headers.push(("content-type".into(), "application/json".into()));
    }
    RequestSpec {
        method,
        url,
        mode: Mode::Cors,
        headers,
        body,
        timeout_ms: SMOKE_TIMEOUT_MS,
    }
}

/// The same request as a curl line, with `$API_KEY` for the key.
pub fn smoke_curl(base: &str, style: ApiStyle, kind: SmokeKind, model: &str) -> String {
    let (method, url, body) = endpoint(base, style, kind, model);
    let mut headers: Vec<(&str, &str)> = style
        .extra_headers()
        .iter()
        // The browser-access header only matters to a browser.
        .filter(|(n, _)| *n != "anthropic-dangerous-direct-browser-access")
        .copied()
        .collect();
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    keyed_curl(
        method.as_str(),
        &url,
        style.key_header(),
        &headers,
        body.as_deref(),
        SMOKE_TIMEOUT_MS / 1000,
    )
}

/// Replaces the key, and every [`KEY_PIECE`]-character piece of it, with `[your key]`.
pub fn scrub_key(text: &str, key: &str) -> String {
    let key = key.trim();
    if key.is_empty() {
        return text.to_owned();
    }
    let mut out = text.replace(key, "[your key]");
    let chars: Vec<char> = key.chars().collect();
    if chars.len() > KEY_PIECE {
        for w in chars.windows(KEY_PIECE) {
            let piece: String = w.iter().collect();
            if out.contains(&piece) {
                out = out.replace(&piece, "[your key]");
            }
        }
    }
    out
}

/// The answer as a paste for panel 1: status line, the headers it exposed, and the body, with
/// the key scrubbed. `None` when nothing was readable.
pub fn answer_text(obs: &Observation, key: &str) -> Option<String> {
    let Observation::Response(r) = obs else {
        return None;
    };
    let mut text = format!("HTTP {}\n", r.status);
    for (n, v) in &r.headers {
        text.push_str(n);
        text.push_str(": ");
        text.push_str(v);
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&r.body);
    Some(scrub_key(&text, key))
}

/// Check 5's verdict. `reachable` is whether the reachability check saw an answer (`None` when
/// it has not run). The answer of a failed call is diagnosed with `catalog` and `locale`.
#[allow(clippy::too_many_arguments)]
pub fn smoke_result(
    obs: &Observation,
    reachable: Option<bool>,
    base: &str,
    style: ApiStyle,
    kind: SmokeKind,
    model: &str,
    key: &str,
    catalog: &[CatalogEntry],
    locale: Locale,
) -> CheckResult {
    let curl = smoke_curl(base, style, kind, model);
    // What was asked, as a sentence in `l` says it.
    let what = |l: Locale| match kind {
        SmokeKind::Models => l.pick("the model listing", "模型列表请求"),
        SmokeKind::Chat => l.pick("a one-token chat completion", "只生成一个 token 的对话补全"),
    };
    let say = |en: &dyn Fn(&str, &str) -> String, zh: &dyn Fn(&str, &str) -> String| {
        OwnedText::by(|l| l.pick(en, zh)(&host_label(base, l), what(l)))
    };
    match obs {
        Observation::Response(HttpResponse { status, .. }) if (200..300).contains(status) => {
            let mut r = CheckResult::new(
                CheckId::Smoke,
                Outcome::KeyWorks,
                say(
                    &|h, w| format!("The key works: {h} answered HTTP {status} to {w}."),
                    &|h, w| format!("密钥可用：{h} 对{w}返回了 HTTP {status}。"),
                ),
                curl,
            );
            r.http_status = Some(*status);
            r
        }
        Observation::Response(resp) => {
            let text = answer_text(obs, key).unwrap_or_default();
            let d = diagnose_with(&text, catalog, locale);
            // The sentence in both locales: the panel shows `locale`'s, a bundle the English.
            let other = Locale::ALL
                .into_iter()
                .find(|l| *l != locale)
                .map(|l| (l, diagnose_with(&text, catalog, l)));
            let in_locale = |l: Locale| match &other {
                Some((o, od)) if *o == l => od,
                _ => &d,
            };
            let s = resp.status;
            let sentence = OwnedText::by(|l| {
                let d = in_locale(l);
                let host = host_label(base, l);
                let w = what(l);
                let title = d.title.trim_end_matches(['.', '。']);
                match l {
                    Locale::En => {
                        let step = d.steps.first().map(|s| format!(" {s}")).unwrap_or_default();
                        format!("{host} answered HTTP {s} to {w}: {title}.{step}")
                    }
                    Locale::ZhCn => {
                        let step = d.steps.first().map(String::as_str).unwrap_or_default();
                        format!("{host} 对{w}返回了 HTTP {s}：{title}。{step}")
                    }
                }
            });
            let mut r = CheckResult::new(CheckId::Smoke, Outcome::ApiError, sentence, curl);
            // A rate limit says the key itself is accepted: a warning, not a failure.
            if d.category == Category::RateLimited {
                r.verdict = Verdict::Warn;
            }
            r.http_status = Some(resp.status);
            r.diagnosis = Some(d);
            r
        }
        Observation::Opaque(_) | Observation::NetworkError(_) if reachable != Some(false) => {
            let anthropic = style == ApiStyle::Anthropic;
            CheckResult::new(
                CheckId::Smoke,
                Outcome::NoBrowserCalls,
                say(
                    &|h, _| {
                        let a = if anthropic {
                            " The page sent anthropic-dangerous-direct-browser-access; a gateway \
                             in between may not pass it on."
                        } else {
                            ""
                        };
                        format!(
                            "The browser could not read the answer: {h} refused this call from a \
                             browser (CORS), or dropped it.{a} Run the curl line from a terminal \
                             to see the real answer."
                        )
                    },
                    &|h, _| {
                        let a = if anthropic {
                            "本页发送了 anthropic-dangerous-direct-browser-access；\
                             中间的网关可能没有转发它。"
                        } else {
                            ""
                        };
                        format!(
                            "浏览器读不到响应：{h} 拒绝了这次来自浏览器的调用（CORS），\
                             或者丢弃了它。{a}请在终端运行 curl 命令查看真实的响应。"
                        )
                    },
                ),
                curl,
            )
        }
        Observation::Opaque(_) | Observation::NetworkError(_) => CheckResult::new(
            CheckId::Smoke,
            Outcome::Unreachable,
            say(
                &|h, _| {
                    format!("The browser could not reach {h}: run the curl line from a terminal.")
                },
                &|h, _| format!("浏览器无法连接 {h}：请在终端运行 curl 命令。"),
            ),
            curl,
        ),
        Observation::TimedOut(_) => {
            let secs = SMOKE_TIMEOUT_MS / 1000;
            CheckResult::new(
                CheckId::Smoke,
                Outcome::TimedOut,
                say(
                    &|h, w| format!("{h} did not answer {w} within {secs} s."),
                    &|h, w| format!("{h} 没有在 {secs} 秒内响应{w}。"),
                ),
                curl,
            )
        }
        Observation::Cancelled => {
            CheckResult::new(CheckId::Smoke, Outcome::Cancelled, cancelled(), curl)
        }
    }
}
