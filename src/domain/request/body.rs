//! The model and the key parameters of a request, from its JSON body (OpenAI, Anthropic,
//! Gemini, Bedrock shapes) or its URL (Gemini `models/…:generateContent`, Azure
//! `deployments/…`, Bedrock `/model/…/`). Which fields count is data ([`PARAMS`]).

use super::Param;
use crate::domain::json::{self, Val as Value};

/// Parameter paths worth showing, in display order: (shown name, JSON path).
pub static PARAMS: &[(&str, &[&str])] = &[
    ("temperature", &["temperature"]),
    ("top_p", &["top_p"]),
    ("top_k", &["top_k"]),
    ("max_tokens", &["max_tokens"]),
    ("max_completion_tokens", &["max_completion_tokens"]),
    ("max_output_tokens", &["max_output_tokens"]),
    ("stream", &["stream"]),
    ("n", &["n"]),
    ("stop", &["stop"]),
    ("presence_penalty", &["presence_penalty"]),
    ("frequency_penalty", &["frequency_penalty"]),
    ("seed", &["seed"]),
    ("reasoning_effort", &["reasoning_effort"]),
    ("reasoning.effort", &["reasoning", "effort"]),
    ("thinking.type", &["thinking", "type"]),
    ("thinking.budget_tokens", &["thinking", "budget_tokens"]),
    ("response_format", &["response_format", "type"]),
    ("tool_choice", &["tool_choice"]),
    ("temperature", &["generationConfig", "temperature"]),
    ("top_p", &["generationConfig", "topP"]),
    ("top_k", &["generationConfig", "topK"]),
    (
        "max_output_tokens",
        &["generationConfig", "maxOutputTokens"],
    ),
    ("temperature", &["inferenceConfig", "temperature"]),
    ("max_tokens", &["inferenceConfig", "maxTokens"]),
    ("top_p", &["inferenceConfig", "topP"]),
];

/// Arrays whose length is worth showing.
static COUNTS: &[(&str, &str)] = &[
    ("messages", "messages"),
    ("tools", "tools"),
    ("contents", "contents"),
    ("input", "input"),
    ("functions", "functions"),
];

fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, k| cur.get(k))
}

fn show(v: &Value) -> String {
    match v {
        Value::Str(s) => s.clone(),
        Value::Obj(_) => v
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| v.to_json()),
        _ => {
            let s = v.to_json();
            if s.len() > 80 {
                format!("{}…", s.chars().take(80).collect::<String>())
            } else {
                s
            }
        }
    }
}

/// Model and parameters from a parsed JSON body.
pub fn from_json(v: &Value) -> (Option<String>, Vec<Param>) {
    let model = v
        .get("model")
        .or_else(|| v.get("modelId"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut params: Vec<Param> = Vec::new();
    for (name, path) in PARAMS {
        if let Some(x) = at(v, path) {
            if *x == Value::Null || params.iter().any(|p| p.name == *name) {
                continue;
            }
            params.push(Param {
                name: name.to_string(),
                value: show(x),
            });
        }
    }
    for (name, key) in COUNTS {
        if let Some(Value::Arr(a)) = v.get(key) {
            params.push(Param {
                name: format!("{name} (count)"),
                value: a.len().to_string(),
            });
        }
    }
    if v.get("system").is_some() || v.get("systemInstruction").is_some() {
        params.push(Param {
            name: "system".into(),
            value: "present".into(),
        });
    }
    (model, params)
}

/// Model and parameters from a body text (JSON, or a form `a=b&c=d`).
pub fn from_text(body: &str) -> (Option<String>, Vec<Param>, bool) {
    let t = body.trim();
    if t.starts_with('{') {
        return match json::parse(t) {
            Ok(v) => {
                let (m, p) = from_json(&v);
                (m, p, true)
            }
            Err(_) => (None, Vec::new(), false),
        };
    }
    (None, Vec::new(), true)
}

/// The model named in a URL: Gemini `models/<m>:generateContent`, Azure
/// `deployments/<d>/`, Bedrock `/model/<id>/`.
pub fn model_from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    for marker in ["/models/", "/deployments/", "/model/"] {
        if let Some(i) = path.find(marker) {
            let rest = &path[i + marker.len()..];
            let end = rest.find(['/', ':']).unwrap_or(rest.len());
            let m = &rest[..end];
            if !m.is_empty() {
                return Some(m.to_string());
            }
        }
    }
    None
}
