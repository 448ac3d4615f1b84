//! The key-lint corpus (`tests/data/keylint.jsonl`): exact finding sets for every case, plus
//! table-driven cases for the base-URL lint and provider detection.
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::baseurl::{lint_base_url, lint_base_url_for_key};
use keydoctor::domain::keylint::{lint_key, lint_key_ids};
use keydoctor::domain::provider::{provider_for_key, provider_for_url, Provider};
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
struct Case {
    id: String,
    key_or_header: String,
    target_base_url: Option<String>,
    header_name: Option<String>,
    expected_findings: Vec<String>,
}

#[test]
fn keylint_corpus_exact_sets() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/keylint.jsonl"
    ))
    .expect("tests/data/keylint.jsonl");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let c: Case = serde_json::from_str(line).expect("valid case");
        n += 1;
        let got: BTreeSet<String> = lint_key_ids(
            &c.key_or_header,
            c.header_name.as_deref(),
            c.target_base_url.as_deref(),
        )
        .into_iter()
        .map(str::to_string)
        .collect();
        let want: BTreeSet<String> = c.expected_findings.iter().cloned().collect();
        if got != want {
            failures.push(format!("{}: got {:?}, want {:?}", c.id, got, want));
        }
    }
    assert!(n >= 40, "corpus has {n} cases");
    // Read by `make figures` (scripts/figures.mjs).
    println!("keylint corpus: {}/{n} right", n - failures.len());
    assert!(
        failures.is_empty(),
        "{} of {n} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn findings_never_echo_the_key() {
    let key = "sk-proj-zpwhxGDcZ9ZZ2iR8nECbX_du0nOe1A4SVOcNh47c3Qe1Pmtw85dqu48K_LSISXJgUHycjiee7vT3BlbkFJR";
    for f in lint_key(key, Some("x-api-key"), Some("https://openrouter.ai/api/v1")) {
        let all = format!("{} {} {:?}", f.sentence, f.fix, f.detail);
        assert!(!all.contains(&key[8..20]), "{}", f.id);
    }
}

/// One extra key-lint case: (value, header, base URL, expected ids).
type LintCase = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

/// Extra key-lint cases beyond the corpus.
const LINT_CASES: &[LintCase] = &[
    // A bare environment variable name.
    ("OPENAI_API_KEY", None, None, &["env_var_name_instead_of_value"]),
    ("${OPENAI_API_KEY}", None, None, &["env_var_name_instead_of_value"]),
    ("%OPENAI_API_KEY%", None, None, &["env_var_name_instead_of_value"]),
    // Gemini native endpoint with Authorization: Bearer and an API key.
    (
        "Bearer AIzaSydy_4IERPac1Tj4rLVHJhGP3_T-jebHj9c",
        Some("Authorization"),
        Some("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"),
        &["wrong_header_name"],
    ),
    // Anthropic key sent as Bearer to Anthropic.
    (
        "Bearer sk-ant-api03-VWq1FvYOlKC3t9LOH6WHhRCChmVY_ieP_coSHIg4hV952XBYOoq9joirxxWv0LhwqxR5vHDGvI6_q5tuf9Dk2HD9Qb685AA",
        Some("Authorization"),
        Some("https://api.anthropic.com"),
        &["wrong_header_name"],
    ),
    // No-break space at the end.
    ("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\u{a0}", None, None, &["leading_or_trailing_whitespace"]),
    // BOM at the start.
    ("\u{feff}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", None, None, &["invisible_character"]),
    // Empty.
    ("", None, None, &["placeholder"]),
    // Azure Entra ID token in Authorization is fine.
    (
        "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzIn0.c2lnbmF0dXJlc2lnbmF0dXJl",
        Some("Authorization"),
        Some("https://contoso.openai.azure.com/openai/deployments/gpt-4o"),
        &["ok"],
    ),
];

#[test]
fn keylint_table() {
    for (v, h, u, want) in LINT_CASES {
        let got: BTreeSet<&str> = lint_key_ids(v, *h, *u).into_iter().collect();
        let want: BTreeSet<&str> = want.iter().copied().collect();
        assert_eq!(got, want, "{v:?} {h:?} {u:?}");
    }
}

/// Base-URL lint: (url, expected ids).
const URL_CASES: &[(&str, &[&str])] = &[
    ("https://api.openai.com/v1", &["ok"]),
    ("https://api.openai.com", &["missing_v1"]),
    ("https://api.openai.com/v1/v1", &["doubled_v1"]),
    (
        "https://api.openai.com/v1/chat/completions",
        &["endpoint_path_as_base"],
    ),
    ("http://api.openai.com/v1", &["insecure_http"]),
    ("http://localhost:11434/v1", &["ok"]),
    ("http://192.168.1.20:8000/v1", &["ok"]),
    (" https://api.openai.com/v1", &["whitespace"]),
    ("api.openai.com/v1", &["missing_scheme"]),
    ("https://openrouter.ai/api/v1", &["ok"]),
    ("https://openrouter.ai/v1", &["missing_v1"]),
    ("https://api.groq.com/openai/v1", &["ok"]),
    ("https://api.groq.com/v1", &["missing_v1"]),
    (
        "https://generativelanguage.googleapis.com/v1beta/openai/",
        &["ok"],
    ),
    (
        "https://generativelanguage.googleapis.com/v1beta",
        &["gemini_openai_compat"],
    ),
    (
        "https://generativelanguage.googleapis.com/v1/openai/",
        &["gemini_openai_compat"],
    ),
    (
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
        &["endpoint_path_as_base"],
    ),
    ("https://api.anthropic.com", &["ok"]),
    (
        "https://api.anthropic.com/v1/messages",
        &["endpoint_path_as_base"],
    ),
    ("https://contoso.openai.azure.com/", &["ok"]),
    ("https://gateway.example.com/v1", &["ok"]),
    ("https://llm.example.com", &["ok"]),
    ("https://api.deepseek.com", &["ok"]),
    ("", &["invalid_url"]),
    ("https://api.openai.com/v1?key=abc", &["query_or_fragment"]),
];

#[test]
fn base_url_table() {
    for (u, want) in URL_CASES {
        let got: BTreeSet<&str> = lint_base_url(u).into_iter().map(|f| f.id).collect();
        let want: BTreeSet<&str> = want.iter().copied().collect();
        assert_eq!(got, want, "{u:?}");
    }
}

#[test]
fn base_url_key_mismatch() {
    let ids: Vec<&str> = lint_base_url_for_key(
        "https://openrouter.ai/api/v1",
        Some(
            "xai-EH6BK190TI6SAXW7hRo5G4ohxdr5tUi9QjsU5gXxLQjNoBtNKEExYBtxb3NaKUjluwPqRddVMAWOMXVB",
        ),
    )
    .into_iter()
    .map(|f| f.id)
    .collect();
    assert_eq!(ids, ["provider_mismatch"]);
    let ids: Vec<&str> = lint_base_url_for_key("https://api.x.ai/v1", Some("Bearer xai-EH6BK190TI6SAXW7hRo5G4ohxdr5tUi9QjsU5gXxLQjNoBtNKEExYBtxb3NaKUjluwPqRddVMAWOMXVB"))
        .into_iter()
        .map(|f| f.id)
        .collect();
    assert_eq!(ids, ["ok"]);
}

#[test]
fn provider_detection() {
    let keys: &[(&str, Provider)] = &[
        (
            "sk-proj-xw1PVv4A3H8gFvg2_RZ57aGbyo7zYMq-pzXPiM1DnIvjpaYSaVGBP_I3SbIl",
            Provider::OpenAi,
        ),
        (
            "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",
            Provider::OpenAi,
        ),
        (
            "sk-ant-api03-qzSbsDnLIcyKnvc__oQl-3Rm4h52ZRzPdYI2LJdLlkVzoxhxjYRGtx8",
            Provider::Anthropic,
        ),
        ("AIzaSyG9i6leZk91pK7hLiCtwt6EumGom-4ukQO", Provider::Gemini),
        (
            "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",
            Provider::OpenRouter,
        ),
        (
            "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",
            Provider::Groq,
        ),
        (
            "xai-IeRspoRWQvmIFCo6JbqY6Jj3hfELiiuf1NiAD0awn2t5F20k4LSyJQ9ZCoQRhPMhI7T9tzh0lrSfMS2U",
            Provider::XAi,
        ),
        ("sk-d7c2765ef89f3a75dbdfa79c119f0257", Provider::DeepSeek),
        (
            "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",
            Provider::Perplexity,
        ),
        (
            "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",
            Provider::HuggingFace,
        ),
        (
            "r8_VGxM9OuhYh9CGmkuLorDRWIBo07qk8qZ9AdjD",
            Provider::Replicate,
        ),
        (
            "tgp_v1_qTWTEAviz-2Xk9oSResHmQgIgPM7zYUAjth2TMVhmhK",
            Provider::Together,
        ),
        ("fw_Dz2UMtz0RTduPs6w8KI3lM2r", Provider::Fireworks),
    ];
    for (k, p) in keys {
        assert_eq!(provider_for_key(k), Some(*p), "{k}");
    }
    // A gateway's own sk- key (48 alphanumerics): provider unknown.
    assert_eq!(
        provider_for_key("sk-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKl"),
        None
    );
    let hosts: &[(&str, Option<Provider>)] = &[
        ("https://api.openai.com/v1", Some(Provider::OpenAi)),
        ("https://api.anthropic.com", Some(Provider::Anthropic)),
        (
            "https://generativelanguage.googleapis.com/v1beta/openai/",
            Some(Provider::Gemini),
        ),
        ("https://openrouter.ai/api/v1", Some(Provider::OpenRouter)),
        ("https://api.groq.com/openai/v1", Some(Provider::Groq)),
        ("https://api.x.ai/v1", Some(Provider::XAi)),
        ("https://api.deepseek.com", Some(Provider::DeepSeek)),
        ("https://api.mistral.ai/v1", Some(Provider::Mistral)),
        (
            "https://contoso-ai-eastus.openai.azure.com/",
            Some(Provider::Azure),
        ),
        ("http://localhost:3000/v1", Some(Provider::Local)),
        ("https://one-api.example.com/v1", Some(Provider::Gateway)),
        ("https://llm.example.com/v1", None),
    ];
    for (u, p) in hosts {
        assert_eq!(provider_for_url(u), *p, "{u}");
    }
}

fn cli(args: &[&str], stdin: &str) -> Result<serde_json::Value, keydoctor::cli::CliError> {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    keydoctor::cli::run(&args, &mut stdin.as_bytes())
        .map(|s| serde_json::from_str(&s).expect("JSON"))
}

#[test]
fn cli_lint_key_reads_stdin_and_strips_one_newline() {
    let key = "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";
    let v = cli(&["lint-key"], &format!("{key}\n")).unwrap();
    assert_eq!(v["findings"], serde_json::json!(["ok"]));
    // A second newline, or a carriage return, is a real problem and is reported.
    let v = cli(&["lint-key"], &format!("{key}\n\n")).unwrap();
    assert_eq!(
        v["findings"],
        serde_json::json!(["leading_or_trailing_whitespace"])
    );
    let v = cli(&["lint-key"], &format!("{key}\r\n")).unwrap();
    assert_eq!(
        v["findings"],
        serde_json::json!(["leading_or_trailing_whitespace"])
    );
    let v = cli(
        &[
            "lint-key",
            "--header",
            "Authorization",
            "--base-url",
            "https://api.groq.com/openai/v1",
        ],
        key,
    )
    .unwrap();
    assert_eq!(v["findings"], serde_json::json!(["missing_bearer_prefix"]));
    let v = cli(
        &[
            "lint-key",
            "--header=x-api-key",
            "--base-url=https://api.groq.com/openai/v1",
        ],
        key,
    )
    .unwrap();
    assert_eq!(v["findings"], serde_json::json!(["wrong_header_name"]));
}

#[test]
fn cli_lint_key_never_takes_the_key_as_argument() {
    let e = cli(
        &[
            "lint-key",
            "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",
        ],
        "",
    )
    .unwrap_err();
    assert_eq!(e.exit_code(), 2);
    // The error does not echo the key.
    assert!(!e.to_string().contains("gsk_0e8U"));
    assert_eq!(cli(&["lint-key"], "").unwrap_err().exit_code(), 2);
    assert_eq!(
        cli(&["lint-key", "--base-url"], "x")
            .unwrap_err()
            .exit_code(),
        2
    );
}
