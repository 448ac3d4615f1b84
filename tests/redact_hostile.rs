//! Hostile input (no fuzzer, fixed seeds): empty, 1 MB of random bytes, binary-ish text,
//! deeply nested JSON, a large HAR, and repeated patterns built to make a naive scanner go
//! quadratic. Redaction, scanning, request parsing and the lints must answer, never panic,
//! and stay roughly linear (each input here is redacted in seconds even in a debug build).
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::baseurl::lint_base_url;
use keydoctor::domain::keylint::lint_key;
use keydoctor::domain::redact::{contains_piece, redact, scan, RedactOptions};
use keydoctor::domain::request::parse_request;
use std::time::{Duration, Instant};

/// Generous bound: a quadratic blow-up on 1 MB takes minutes, linear work takes well under this.
const LIMIT: Duration = Duration::from_secs(20);

fn all(text: &str) -> Duration {
    let t = Instant::now();
    let r = redact(text, &RedactOptions::default());
    let _ = redact(text, &RedactOptions { keep_prompts: true });
    let _ = scan(&r.text);
    let _ = parse_request(text);
    let head: String = text.chars().take(4096).collect();
    let _ = lint_key(
        &head,
        Some("Authorization"),
        Some("https://api.openai.com/v1"),
    );
    let _ = lint_base_url(&head);
    let _ = contains_piece(text, "sk-proj-abcdefghijklmnop", 12);
    t.elapsed()
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn empty_and_tiny() {
    for s in [
        "", " ", "\n", "\u{feff}", "=", ":", "\\", "%", "^", "-", "\"", "'", "`", "sk-", "eyJ",
        "Bearer", "://", "@",
    ] {
        all(s);
    }
    assert_eq!(redact("", &RedactOptions::default()).text, "");
}

#[test]
fn truncated_triggers_at_the_end() {
    let stubs = [
        "x-api-key: ",
        "Authorization: Bearer",
        "Authorization: Bearer ",
        "\"name\": \"authorization\", \"value\"",
        "\"name\": \"authorization\", \"value\": \"Bearer",
        "Cookie: a=",
        "Set-Cookie: ",
        "-----BEGIN PRIVATE KEY-----\nMIIE",
        "https://user:pa",
        "https://user:pass@",
        "key=\"",
        "\\u00",
        "\\ud83d",
        "\\ud83d\\u",
        "%2",
        "sk-proj-",
        "eyJhbGciOiJIUzI1NiJ9.",
        "hooks.slack.com/services/",
        "curl -u",
        "curl -H 'a",
        "\"content\": \"unterminated",
        "\"parts\": [{\"text\": ",
        "{\"type\": \"text\", \"text\": \"x",
        "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789\n",
        "^",
        "&quot",
    ];
    for s in stubs {
        all(s);
        all(&format!("{s}{s}"));
        all(&format!("é{s}é"));
    }
}

#[test]
fn one_megabyte_of_random_bytes() {
    let mut r = Rng(0x1234_5678_9abc_def1);
    let bytes: Vec<u8> = (0..1_000_000).map(|_| r.next() as u8).collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let t = all(&text);
    assert!(t < LIMIT, "{t:?}");
}

#[test]
fn binary_ish_and_multibyte_soup() {
    let pieces = [
        "\0",
        "\u{1}",
        "\u{7f}",
        "é",
        "€",
        "😀",
        "\u{200b}",
        "\u{feff}",
        "\u{a0}",
        "\u{ad}",
        "\\",
        "\\u",
        "\\u00",
        "\\ud800",
        "%",
        "%2",
        "%25",
        "%3D",
        "=",
        ":",
        "\"",
        "'",
        "`",
        "{",
        "}",
        "[",
        "]",
        "sk-",
        "proj-",
        "eyJ",
        ".",
        "Bearer ",
        "://",
        "@",
        "key",
        "token",
        "content",
        "\n",
        "\r\n",
        "^\n",
        "\\\n",
        "-----BEGIN ",
        "PRIVATE KEY-----",
        "AIza",
        "gsk_",
        "A",
        "0",
        "_",
        "-",
    ];
    let mut r = Rng(42);
    let mut text = String::new();
    while text.len() < 300_000 {
        text.push_str(pieces[(r.next() % pieces.len() as u64) as usize]);
    }
    let t = all(&text);
    assert!(t < LIMIT, "{t:?}");
}

#[test]
fn deeply_nested_json() {
    let depth = 100_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    all(&arrays);
    let mut objects = String::new();
    for _ in 0..20_000 {
        objects.push_str("{\"a\":");
    }
    objects.push_str("\"sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEF\"");
    objects.push_str(&"}".repeat(20_000));
    let r = redact(&objects, &RedactOptions::default());
    assert!(!r.text.contains("abcdefghijklmnopqrstuvwxyz0123"));
    all(&objects);
    // JSON escaped many times over.
    let mut s = "{\"api_key\": \"sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\"}".to_string();
    for _ in 0..10 {
        s = serde_json::to_string(&s).unwrap();
    }
    all(&s);
}

/// Repeated patterns that would make a naive scanner quadratic.
#[test]
fn repeated_patterns_stay_linear() {
    let patterns = [
        "key=",
        "key=\"",
        "a:",
        "\"content\": \"",
        "Bearer ",
        "Authorization: ",
        "Authorization: Bearer a:",
        "Cookie: ",
        "Cookie: a=b; ",
        "Set-Cookie: ",
        "a://",
        "a://b:c@",
        "eyJ-",
        "eyJhbGciOiJIUzI1NiJ9.",
        "sk-proj-",
        "sk-",
        "-----BEGIN PRIVATE KEY-----",
        "%25",
        "\\\\",
        "\\u005c",
        "\u{200b}",
        "\"name\": \"authorization\", \"value\": ",
        "\"text\": ",
        "\"parts\": [{\"text\": ",
        "x-api-key: ",
        "hooks.slack.com/services/",
        " -u ",
        "AKIA",
        "&quot;",
        "^\"",
    ];
    for p in patterns {
        let text = p.repeat(1_000_000 / p.len());
        let t = all(&text);
        eprintln!("{p:?}: {t:?}");
        assert!(t < LIMIT, "{p:?}: {t:?}");
    }
}

#[test]
fn large_har_stays_valid() {
    let mut entries = Vec::new();
    let mut r = Rng(7);
    const AN: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rand = |n: usize| -> String {
        (0..n)
            .map(|_| AN[(r.next() % 62) as usize] as char)
            .collect()
    };
    for i in 0..4000 {
        entries.push(serde_json::json!({
            "request": {"method": "POST", "url": format!("https://api.example.com/v1/chat/completions?i={i}"),
                "headers": [{"name": "authorization", "value": format!("Bearer sk-proj-{}AbCdEf{i}xYz", rand(40))},
                            {"name": "cookie", "value": format!("sessionid=Zx{}Qw; theme=dark", rand(30))}],
                "postData": {"mimeType": "application/json", "text": format!("{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"user\",\"content\":\"hello number {i}\"}}]}}")}},
            "response": {"status": if i % 7 == 0 { 429 } else { 200 },
                "content": {"mimeType": "application/json", "text": "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\"}"}}
        }));
    }
    let har = serde_json::json!({"log": {"version": "1.2", "entries": entries}}).to_string();
    assert!(har.len() > 1_500_000);
    let t = Instant::now();
    let r = redact(&har, &RedactOptions::default());
    assert!(t.elapsed() < LIMIT);
    let v: serde_json::Value = serde_json::from_str(&r.text).expect("still JSON");
    assert_eq!(v["log"]["entries"].as_array().map(Vec::len), Some(4000));
    assert!(!r.text.contains("AbCdEf1xYz"));
    assert!(!r.text.contains("hello number"));
    let p = parse_request(&har);
    assert_eq!(p.entries.len(), 4000);
    assert_eq!(p.entries[0].status, Some(429));
}
