//! Request parsing, one table row per input kind: the kind detected, method, URL, base URL,
//! model, key (header and source), parameters, and problems.
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::keylint::lint_key_ids;
use keydoctor::domain::request::{parse_request, InputKind, ParsedRequest};

struct Want {
    kind: InputKind,
    method: Option<&'static str>,
    url: Option<&'static str>,
    base_url: Option<&'static str>,
    model: Option<&'static str>,
    /// (header name or None, source)
    key: Option<(Option<&'static str>, &'static str)>,
    params: &'static [(&'static str, &'static str)],
}

const NONE: Want = Want {
    kind: InputKind::Unknown,
    method: None,
    url: None,
    base_url: None,
    model: None,
    key: None,
    params: &[],
};

fn check(input: &str, w: Want) -> ParsedRequest {
    let p = parse_request(input);
    let r = &p.request;
    assert_eq!(p.kind, w.kind, "kind of {input:?}");
    assert_eq!(r.method.as_deref(), w.method, "method of {input:?}");
    assert_eq!(r.url.as_deref(), w.url, "url of {input:?}");
    if w.base_url.is_some() {
        assert_eq!(r.base_url.as_deref(), w.base_url, "base of {input:?}");
    }
    assert_eq!(r.model.as_deref(), w.model, "model of {input:?}");
    match (w.key, &r.key) {
        (None, None) => {}
        (Some((h, src)), Some(k)) => {
            assert_eq!(k.header.as_deref(), h, "key header of {input:?}");
            assert_eq!(k.source, src, "key source of {input:?}");
        }
        (want, got) => panic!(
            "key of {input:?}: want {:?}, got {got:?}",
            want.map(|w| w.1)
        ),
    }
    for (n, v) in w.params {
        let got = r
            .params
            .iter()
            .find(|p| p.name == *n)
            .map(|p| p.value.as_str());
        assert_eq!(got, Some(*v), "param {n} of {input:?}: {:?}", r.params);
    }
    p
}

const KEY: &str = "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";

#[test]
fn curl_with_continuations() {
    let input = format!(
        "$ curl https://api.openai.com/v1/chat/completions \\\n  -H \"Content-Type: application/json\" \\\n  -H \"Authorization: Bearer {KEY}\" \\\n  -d '{{\"model\": \"gpt-4o-mini\", \"messages\": [{{\"role\": \"user\", \"content\": \"hi\"}}], \"temperature\": 0.7, \"max_tokens\": 1024, \"stream\": true, \"tools\": [{{}}, {{}}]}}'"
    );
    let p = check(
        &input,
        Want {
            kind: InputKind::Curl,
            method: Some("POST"),
            url: Some("https://api.openai.com/v1/chat/completions"),
            base_url: Some("https://api.openai.com/v1"),
            model: Some("gpt-4o-mini"),
            key: Some((Some("Authorization"), "header")),
            params: &[
                ("temperature", "0.7"),
                ("max_tokens", "1024"),
                ("stream", "true"),
                ("tools (count)", "2"),
                ("messages (count)", "1"),
            ],
        },
    );
    let k = p.request.key.as_ref().unwrap();
    assert_eq!(
        lint_key_ids(&k.value, k.header.as_deref(), p.request.base_url.as_deref()),
        ["ok"]
    );
    // Serialized output never holds the key.
    let json = serde_json::to_string(&p.sanitized(false)).unwrap();
    assert!(!json.contains(&KEY[10..30]), "{json}");
    assert!(json.contains("sk-proj-…AmIA"));
    let raw_json = serde_json::to_string(&p.request.key).unwrap();
    assert!(!raw_json.contains(&KEY[10..30]));
    assert!(!format!("{:?}", p.request.key).contains(&KEY[10..30]));
}

#[test]
fn curl_flags() {
    check(
        "curl -sS -XPOST 'https://api.groq.com/openai/v1/chat/completions' --header='x: y' -H'Authorization: Bearer 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' --json '{\"model\":\"llama-3.3-70b-versatile\",\"top_p\":0.9}' | jq .",
        Want {
            kind: InputKind::Curl,
            method: Some("POST"),
            url: Some("https://api.groq.com/openai/v1/chat/completions"),
            base_url: Some("https://api.groq.com/openai/v1"),
            model: Some("llama-3.3-70b-versatile"),
            key: Some((Some("Authorization"), "header")),
            params: &[("top_p", "0.9")],
        },
    );
    let p = check(
        "curl -u admin:hunter2hunter2 -b 'session=abc' https://grafana.example.com/api/health",
        Want {
            kind: InputKind::Curl,
            method: Some("GET"),
            url: Some("https://grafana.example.com/api/health"),
            key: Some((Some("Authorization"), "header")),
            ..NONE
        },
    );
    assert!(p
        .request
        .headers
        .iter()
        .any(|h| h.name == "Cookie" && h.value == "session=abc"));
    assert!(p.request.key.as_ref().unwrap().value.starts_with("Basic "));
    // Gemini with the key in the query string, -G moves data to the query.
    check(
        "curl -G https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent -d key=AIzaSy9ON2Gh3wYa1wpnmWVYuawMlX2bnUe1vyl",
        Want {
            kind: InputKind::Curl,
            method: Some("GET"),
            url: Some("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=AIzaSy9ON2Gh3wYa1wpnmWVYuawMlX2bnUe1vyl"),
            base_url: Some("https://generativelanguage.googleapis.com/v1beta"),
            model: Some("gemini-2.5-flash"),
            key: Some((None, "query:key")),
            ..NONE
        },
    );
}

#[test]
fn curl_windows_cmd() {
    let input = "curl ^\"https://api.anthropic.com/v1/messages^\" ^\n  -H ^\"x-api-key: sk-ant-api03-qzSbsDnLIcyKnvc__oQl-3Rm4h52ZRzPdYI2LJdLlkVzoxhxjYRGtx8ApqypfCTuEuBkc_15gsu9mWhREHx1pD4ZWGe3oAA^\" ^\n  --data-raw ^\"^{^\\^\"model^\\^\":^\\^\"claude-sonnet-4-20250514^\\^\"^}^\"";
    let p = parse_request(input);
    assert_eq!(p.kind, InputKind::Curl);
    assert_eq!(
        p.request.url.as_deref(),
        Some("https://api.anthropic.com/v1/messages")
    );
    assert_eq!(
        p.request.key.as_ref().and_then(|k| k.header.as_deref()),
        Some("x-api-key")
    );
}

#[test]
fn raw_http_request() {
    check(
        "POST /v1/messages HTTP/1.1\r\nHost: api.anthropic.com\r\nx-api-key: sk-ant-api03-abc\r\nanthropic-version: 2023-06-01\r\ncontent-type: application/json\r\n\r\n{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":256,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}",
        Want {
            kind: InputKind::HttpRequest,
            method: Some("POST"),
            url: Some("https://api.anthropic.com/v1/messages"),
            base_url: Some("https://api.anthropic.com"),
            model: Some("claude-3-5-haiku-20241022"),
            key: Some((Some("x-api-key"), "header")),
            params: &[("max_tokens", "256"), ("thinking.type", "enabled"), ("thinking.budget_tokens", "1024")],
        },
    );
}

#[test]
fn header_block_with_pseudo_headers() {
    check(
        ":method: POST\n:authority: api.x.ai\n:path: /v1/chat/completions\n:scheme: https\nauthorization: Bearer xai-abc\ncontent-type: application/json\n",
        Want {
            kind: InputKind::Headers,
            method: Some("POST"),
            url: Some("https://api.x.ai/v1/chat/completions"),
            base_url: Some("https://api.x.ai/v1"),
            key: Some((Some("authorization"), "header")),
            ..NONE
        },
    );
}

#[test]
fn request_json() {
    check(
        "{\"model\": \"gemini-2.5-pro\", \"generationConfig\": {\"temperature\": 0.2, \"maxOutputTokens\": 2048}, \"contents\": [{\"parts\": [{\"text\": \"hi\"}]}]}",
        Want {
            kind: InputKind::Json,
            model: Some("gemini-2.5-pro"),
            params: &[("temperature", "0.2"), ("max_output_tokens", "2048"), ("contents (count)", "1")],
            ..NONE
        },
    );
    let p = parse_request("{\"model\": ");
    assert_eq!(p.kind, InputKind::Json);
    assert!(p.problems.iter().any(|x| x.id == "invalid_json_body"));
}

#[test]
fn python_snippets() {
    check(
        "from openai import OpenAI\nclient = OpenAI(base_url=\"https://openrouter.ai/api/v1\", api_key=\"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\")\nr = client.chat.completions.create(model=\"openai/gpt-4o\", temperature=0.3, max_tokens=500, messages=msgs)\n",
        Want {
            kind: InputKind::Python,
            url: Some("https://openrouter.ai/api/v1"),
            base_url: Some("https://openrouter.ai/api/v1"),
            model: Some("openai/gpt-4o"),
            key: Some((None, "code:api_key")),
            params: &[("temperature", "0.3"), ("max_tokens", "500")],
            ..NONE
        },
    );
    check(
        "import requests\nheaders = {\"Authorization\": \"Bearer gn63AOgzu21OiVAFbKpqQHUpa605lLqGFf9A07G9\", \"Content-Type\": \"application/json\"}\nr = requests.post(\"https://inference.acme.example/v1/chat/completions\", json={\"model\": \"llama-3\", \"max_new_tokens\": 256}, headers=headers, timeout=30)",
        Want {
            kind: InputKind::Python,
            method: Some("POST"),
            url: Some("https://inference.acme.example/v1/chat/completions"),
            base_url: Some("https://inference.acme.example/v1"),
            model: Some("llama-3"),
            key: Some((Some("Authorization"), "code:header")),
            params: &[("max_new_tokens", "256"), ("timeout", "30")],
        },
    );
    check(
        "import anthropic\nclient = anthropic.Anthropic(api_key=os.environ[\"ANTHROPIC_API_KEY\"])\nmsg = client.messages.create(model=\"claude-sonnet-4-20250514\", max_tokens=1024, messages=m)",
        Want {
            kind: InputKind::Python,
            model: Some("claude-sonnet-4-20250514"),
            key: Some((None, "code:api_key")),
            params: &[("max_tokens", "1024")],
            ..NONE
        },
    );
}

#[test]
fn node_snippets() {
    check(
        "import OpenAI from \"openai\";\nconst fw = new OpenAI({ apiKey: \"fw_Dz2UMtz0RTduPs6w8KI3lM2r\", baseURL: \"https://api.fireworks.ai/inference/v1\" });\nconst r = await fw.chat.completions.create({ model: \"accounts/fireworks/models/qwen3-235b-a22b\", messages, max_tokens: 1024 });",
        Want {
            kind: InputKind::Node,
            url: Some("https://api.fireworks.ai/inference/v1"),
            base_url: Some("https://api.fireworks.ai/inference/v1"),
            model: Some("accounts/fireworks/models/qwen3-235b-a22b"),
            key: Some((None, "code:apiKey")),
            params: &[("max_tokens", "1024")],
            ..NONE
        },
    );
    check(
        "const res = await fetch(\"https://api.anthropic.com/v1/messages\", {\n  method: \"POST\",\n  headers: { \"x-api-key\": process.env.ANTHROPIC_API_KEY, \"anthropic-version\": \"2023-06-01\" },\n  body: JSON.stringify({ model: \"claude-3-5-haiku-20241022\", max_tokens: 64 }),\n});",
        Want {
            kind: InputKind::Node,
            method: Some("POST"),
            url: Some("https://api.anthropic.com/v1/messages"),
            base_url: Some("https://api.anthropic.com"),
            model: Some("claude-3-5-haiku-20241022"),
            key: Some((None, "code:x-api-key")),
            params: &[("max_tokens", "64")],
        },
    );
}

#[test]
fn env_files() {
    let p = check(
        "\u{feff}# keys\nexport OPENAI_BASE_URL=https://api.deepseek.com/v1\nOPENAI_API_KEY=\"sk-d7c2765ef89f3a75dbdfa79c119f0257\"\nOPENAI_MODEL=deepseek-chat\n",
        Want {
            kind: InputKind::Env,
            url: Some("https://api.deepseek.com/v1"),
            base_url: Some("https://api.deepseek.com/v1"),
            model: Some("deepseek-chat"),
            key: Some((None, "env:OPENAI_API_KEY")),
            ..NONE
        },
    );
    assert_eq!(
        p.request.key.as_ref().unwrap().value,
        "sk-d7c2765ef89f3a75dbdfa79c119f0257"
    );
    let p = parse_request("AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\nAZURE_OPENAI_API_KEY=01661a02f767601eaa0cbef8ad0b9114\nAZURE_OPENAI_DEPLOYMENT=gpt-4o-mini\n");
    assert_eq!(p.kind, InputKind::Env);
    assert_eq!(p.request.model.as_deref(), Some("gpt-4o-mini"));
    assert_eq!(
        p.request.key.as_ref().map(|k| k.source.as_str()),
        Some("env:AZURE_OPENAI_API_KEY")
    );
}

#[test]
fn har_failing_entries_first() {
    let har = serde_json::json!({"log": {"version": "1.2", "entries": [
        {"request": {"method": "GET", "url": "https://app.example.com/static/app.js", "headers": []},
         "response": {"status": 200}},
        {"request": {"method": "POST", "url": "https://api.openai.com/v1/chat/completions",
            "headers": [{"name": ":authority", "value": "api.openai.com"}, {"name": "authorization", "value": format!("Bearer {KEY}")}],
            "postData": {"mimeType": "application/json", "text": "{\"model\":\"gpt-4o\",\"temperature\":1}"}},
         "response": {"status": 429}},
        {"request": {"method": "POST", "url": "https://api.anthropic.com/v1/messages", "headers": []},
         "response": {"status": 0, "_error": "net::ERR_CONNECTION_RESET"}}
    ]}})
    .to_string();
    let p = check(
        &har,
        Want {
            kind: InputKind::Har,
            method: Some("POST"),
            url: Some("https://api.openai.com/v1/chat/completions"),
            base_url: Some("https://api.openai.com/v1"),
            model: Some("gpt-4o"),
            key: Some((Some("authorization"), "header")),
            params: &[("temperature", "1")],
        },
    );
    assert_eq!(p.entries.len(), 3);
    let statuses: Vec<Option<u16>> = p.entries.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [Some(429), Some(0), Some(200)]);
    assert!(p.request.headers.iter().all(|h| !h.name.starts_with(':')));
    let bad = parse_request("{\"log\": {\"entries\": [ {\"request\": ");
    assert_eq!(bad.kind, InputKind::Har);
    assert!(bad.problems.iter().any(|x| x.id == "invalid_har"));
}

#[test]
fn unknown_and_empty() {
    let p = parse_request("");
    assert_eq!(p.kind, InputKind::Unknown);
    let p = parse_request("my key stopped working yesterday, please help");
    assert_eq!(p.kind, InputKind::Unknown);
    assert!(p.problems.iter().any(|x| x.id == "unrecognised"));
    let p = parse_request("curl 'https://api.openai.com/v1/models");
    assert!(p.problems.iter().any(|x| x.id == "unterminated_quote"));
}
