//! The support bundle: built from every redaction-corpus case (as error text and as request),
//! in both formats, it holds no secret; its JSON validates against the schema; the Markdown and
//! JSON of a fixed bundle match golden files; the leak guard refuses what it must.
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::bundle::{build, guard, BundleInput, CheckLine, Sections};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    input: String,
    secrets: Vec<String>,
    #[serde(default)]
    allowed_fragments: Vec<String>,
}

fn cases() -> Vec<Case> {
    include_str!("data/redaction.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid case"))
        .collect()
}

/// The 12-character pieces of `secret` in `out` that no allowed fragment explains.
fn leaked(out: &str, secret: &str, allowed: &[String]) -> Option<String> {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 12 {
        return out.contains(secret).then(|| secret.to_string());
    }
    chars
        .windows(12)
        .map(|w| w.iter().collect::<String>())
        .find(|p| out.contains(p.as_str()) && !allowed.iter().any(|a| a.contains(p.as_str())))
}

fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../src/domain/bundle.schema.json")).expect("schema");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("bundle.schema.json", schema)
        .expect("add schema");
    let index = compiler
        .compile("bundle.schema.json", &mut schemas)
        .expect("compile schema");
    (schemas, index)
}

#[test]
fn no_secret_survives_in_either_format() {
    let (schemas, index) = validator();
    let mut failures = Vec::new();
    for c in cases() {
        let b = build(&BundleInput {
            time: Some("2026-11-24T22:00:00+01:00".into()),
            key_name: Some(c.secrets.first().cloned().unwrap_or_default()),
            request: Some(c.input.clone()),
            error: Some(c.input.clone()),
            ..BundleInput::default()
        });
        for (format, text) in [("md", &b.markdown), ("json", &b.json)] {
            for s in &c.secrets {
                if let Some(piece) = leaked(text, s, &c.allowed_fragments) {
                    failures.push(format!("{} ({format}): {piece:?} survives", c.id));
                }
            }
            let leaks = guard(text, None);
            if !leaks.is_empty() {
                failures.push(format!("{} ({format}): guard finds {leaks:?}", c.id));
            }
        }
        let value: serde_json::Value = serde_json::from_str(&b.json).expect("bundle JSON");
        if let Err(e) = schemas.validate(&value, index) {
            failures.push(format!("{}: schema: {e}", c.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn fixed_input() -> BundleInput {
    BundleInput {
        time: Some("2026-11-24T22:00:00+01:00".into()),
        time_zone: Some("Europe/Berlin".into()),
        client: Some("curl".into()),
        key_name: Some("prod-backend".into()),
        request: Some(
            "curl https://api.openai.com/v1/chat/completions \\\n  -H \"Authorization: Bearer sk-proj-Fq8sT2mX9vLcR4nW7yB1kD3hJ6pZ0aGeU5oI8tYqN2wE4rT6yU8iO0pA3sD5fG7hJ9kL1zX3cV5bN7mQ9wE1rT3yU5iO7pA9sD1fG3h3xQa\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"model\":\"gpt-4o\",\"temperature\":0.2,\"messages\":[{\"role\":\"user\",\"content\":\"Summarise our Q3 numbers\"}]}'"
                .into(),
        ),
        model: Some("gpt-4o".into()),
        parameters: vec![("temperature".into(), "0.2".into())],
        error: Some(
            "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}"
                .into(),
        ),
        diagnosis: None,
        checks: vec![CheckLine {
            check: "Reachability".into(),
            verdict: "pass".into(),
            detail: "api.openai.com answered in 84 ms".into(),
        }],
        browser: Some("Chromium 156 on Linux".into()),
        support_contact: Some("support@example.com".into()),
        sections: Sections::default(),
        keep_prompts: false,
    }
}

/// Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it.
fn golden(name: &str, actual: &str) {
    let path = format!("{}/tests/data/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

#[test]
fn golden_markdown_and_json() {
    let b = build(&fixed_input());
    let version = env!("CARGO_PKG_VERSION");
    golden("bundle.md", &b.markdown);
    golden("bundle.json", &b.json.replace(version, "VERSION"));
    assert!(
        b.summary.starts_with("1 secret redacted: "),
        "{}",
        b.summary
    );
    assert!(
        !b.markdown.contains("Summarise our Q3"),
        "prompt text must be replaced"
    );
    assert!(guard(&b.markdown, None).is_empty());
}

#[test]
fn sections_can_be_left_out() {
    let mut input = fixed_input();
    input.sections = Sections {
        request: false,
        error: false,
        connection: false,
        environment: false,
        ..Sections::default()
    };
    let b = build(&input);
    for gone in [
        "curl https://",
        "insufficient_quota'",
        "Reachability",
        "Chromium",
    ] {
        assert!(!b.markdown.contains(gone), "{gone} should be left out");
        assert!(!b.json.contains(gone), "{gone} should be left out");
    }
    assert!(b.markdown.contains("quota_exhausted"));
}

#[test]
fn guard_refuses_a_typed_key_and_a_planted_secret() {
    let key = "sk-proj-Zq8sT2mX9vLcR4nW7yB1kD3hJ6pZ0aGeU5oI8tYq";
    let text = "fine\nsomething 0aGeU5oI8tYq here";
    let leaks = guard(text, Some(key));
    assert_eq!(leaks.len(), 1);
    assert_eq!(leaks[0].what, "typed_key");
    assert_eq!(leaks[0].line, 2);
    let planted = format!("line one\nAuthorization: Bearer {key}\n");
    assert!(!guard(&planted, None).is_empty());
    assert!(guard("nothing secret: sk-proj-…3xQa", Some(key)).is_empty());
}

#[test]
fn hostile_fields_stay_inert_in_markdown() {
    let mut input = fixed_input();
    input.client = Some("<img src=x onerror=alert(1)> | **bold**".into());
    input.error = Some("```\n</details><script>alert(1)</script>\n```".into());
    let b = build(&input);
    assert!(!b.markdown.contains("<img"));
    // Pasted text sits inside a fence longer than any backtick run in it: a renderer shows it
    // as code, so the `</details>` and `<script>` in it are inert.
    assert!(b.markdown.contains("````text\n```\n</details><script>"));
}

/// A huge pasted request is cut, with a note, before it is redacted: a ticket does not need a
/// 20 MB HAR, and redacting one froze the bundle tab.
#[test]
fn huge_fields_are_cut_with_a_note() {
    let line =
        "Authorization: Bearer sk-proj-Fq8sT2mX9vLcR4nW7yB1kD3hJ6pZ0aGeU5oI8tYqN2wE4rT6yU8i\n";
    let mut input = fixed_input();
    input.request = Some(line.repeat(20_000));
    let b = build(&input);
    assert!(b.markdown.len() < 2 * keydoctor::domain::bundle::MAX_FIELD + 20_000);
    assert!(b.markdown.contains("more bytes left out of the bundle"));
    assert!(!b.markdown.contains("Fq8sT2mX9vLc"));
}

#[test]
fn markdown_evidence_keeps_the_case_of_what_was_seen() {
    // A Gemini code is upper case in the paste; the bundle quotes it as it was.
    let mut input = fixed_input();
    input.error = Some(
        r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}"#
            .into(),
    );
    let b = build(&input);
    let evidence = b
        .markdown
        .split("Evidence:\n")
        .nth(1)
        .expect("an evidence list")
        .split("\n\n")
        .next()
        .unwrap();
    assert!(evidence.contains(": API\\_KEY\\_INVALID"), "{evidence}");
    assert!(evidence.lines().all(|l| l.starts_with("- ")
        && l[2..]
            .split(':')
            .next()
            .is_some_and(|k| k == k.to_lowercase())));
}
