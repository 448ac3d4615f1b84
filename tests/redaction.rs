//! The redaction corpus (`tests/data/redaction.jsonl`): for every case, no secret and no
//! 12-character piece of one survives (except a public prefix listed in `allowed_fragments`),
//! every `keep` string survives, and the final re-scan finds nothing.
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::redact::{redact, scan, RedactOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    input: String,
    secrets: Vec<String>,
    keep: Vec<String>,
    #[serde(default)]
    allowed_fragments: Vec<String>,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/redaction.jsonl"
    ))
    .expect("tests/data/redaction.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid case"))
        .collect()
}

/// The 12-character pieces of `secret` found in `out` that no allowed fragment explains.
pub fn leaked_pieces(out: &str, secret: &str, allowed: &[String]) -> Vec<String> {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 12 {
        return if out.contains(secret) {
            vec![secret.to_string()]
        } else {
            vec![]
        };
    }
    chars
        .windows(12)
        .map(|w| w.iter().collect::<String>())
        .filter(|p| out.contains(p.as_str()) && !allowed.iter().any(|a| a.contains(p.as_str())))
        .collect()
}

#[test]
fn redaction_corpus() {
    let cases = cases();
    assert!(cases.len() >= 70, "corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let r = redact(&c.input, &RedactOptions::default());
        for s in &c.secrets {
            let leaks = leaked_pieces(&r.text, s, &c.allowed_fragments);
            if !leaks.is_empty() {
                failures.push(format!("{}: secret piece survives: {:?}", c.id, leaks[0]));
            }
        }
        for k in &c.keep {
            if !r.text.contains(k.as_str()) {
                failures.push(format!("{}: lost keep string {:?}", c.id, k));
            }
        }
        if !c.secrets.is_empty() && r.redactions.is_empty() {
            failures.push(format!("{}: no redaction listed", c.id));
        }
        let again = scan(&r.text);
        if !again.is_empty() {
            failures.push(format!("{}: re-scan finds {:?}", c.id, again));
        }
    }
    let failing: std::collections::BTreeSet<&str> = failures
        .iter()
        .filter_map(|f| f.split(':').next())
        .collect();
    // Read by `make figures` (scripts/figures.mjs).
    println!(
        "redaction corpus: {}/{} right",
        cases.len() - failing.len(),
        cases.len()
    );
    if !failures.is_empty() {
        for f in &failures {
            eprintln!("{f}");
        }
        panic!("{} failures over {} cases", failures.len(), cases.len());
    }
}

/// Cases with secrets: every secret is found by `scan` on the raw input.
#[test]
fn scan_finds_every_corpus_secret() {
    for c in cases() {
        if c.secrets.is_empty() {
            continue;
        }
        assert!(!scan(&c.input).is_empty(), "{}: scan found nothing", c.id);
    }
}

/// Near-miss cases (no secrets): nothing is redacted at all, prompts kept.
#[test]
fn near_misses_untouched() {
    for c in cases() {
        if !c.secrets.is_empty() {
            continue;
        }
        let r = redact(&c.input, &RedactOptions { keep_prompts: true });
        assert_eq!(r.text, c.input, "{}: changed {:?}", c.id, r.redactions);
    }
}

/// A redacted HAR stays valid JSON with every entry.
#[test]
fn har_cases_stay_valid_json() {
    for c in cases() {
        if !c.input.trim_start().starts_with('{') || !c.input.contains("\"entries\"") {
            continue;
        }
        let before: serde_json::Value = serde_json::from_str(&c.input).unwrap();
        let r = redact(&c.input, &RedactOptions::default());
        let after: serde_json::Value = serde_json::from_str(&r.text)
            .unwrap_or_else(|e| panic!("{}: invalid JSON after redaction: {e}", c.id));
        assert_eq!(
            before["log"]["entries"].as_array().map(Vec::len),
            after["log"]["entries"].as_array().map(Vec::len),
            "{}",
            c.id
        );
    }
}

fn cli(args: &[&str], stdin: &str) -> Result<String, keydoctor::cli::CliError> {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    keydoctor::cli::run(&args, &mut stdin.as_bytes())
}

#[test]
fn cli_redact_text_and_json() {
    let input = "curl https://api.groq.com/openai/v1/chat/completions -H \"Authorization: Bearer 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\"\n";
    let text = cli(&["redact"], input).unwrap();
    assert!(text.contains("Bearer gsk_…KtJO"), "{text}");
    assert!(!text.contains("l7DEzYhEvOh4"));
    let json = cli(&["redact", "--json"], input).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["text"].as_str().unwrap().contains("gsk_…KtJO"));
    assert_eq!(v["redactions"][0]["rule"], "groq_api_key");
    assert_eq!(v["redactions"][0]["placeholder"], "gsk_…KtJO");
}

#[test]
fn cli_redact_keeps_prompts_on_request() {
    let input = r#"{"model":"gpt-4o","messages":[{"role":"user","content":"hello there"}]}"#;
    assert!(cli(&["redact"], input)
        .unwrap()
        .contains("[prompt: 11 chars]"));
    assert!(cli(&["redact", "--keep-prompts"], input)
        .unwrap()
        .contains("hello there"));
}

#[test]
fn cli_redact_bad_input_exit_2() {
    let e = cli(&["redact", "/nonexistent/file.har"], "").unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(!e.to_string().contains('\n'));
    let e = cli(&["redact", "a", "b"], "").unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let e = cli(&["redact", "--bogus"], "").unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let args = vec!["redact".to_string()];
    let e = keydoctor::cli::run(&args, &mut &[0xffu8, 0xfe, 0x00][..]).unwrap_err();
    assert_eq!(e.exit_code(), 2);
}

/// A placeholder keeps at most the last four characters (after `…`), and the public prefix.
#[test]
fn placeholders_keep_at_most_four_characters() {
    for c in cases() {
        let r = redact(&c.input, &RedactOptions::default());
        for red in &r.redactions {
            let p = &red.placeholder;
            if red.rule == "prompt" {
                assert!(p.starts_with("[prompt: ") && p.ends_with(" chars]"), "{p}");
                continue;
            }
            if let Some((head, tail)) = p.split_once('…') {
                let tail = tail.trim_end_matches(']');
                let tail = tail.split('~').next().unwrap_or(tail);
                assert!(tail.chars().count() <= 4, "{}: {p}", c.id);
                assert!(
                    head.starts_with("[REDACTED:") || !head.contains(['[', ']']),
                    "{}: {p}",
                    c.id
                );
            } else {
                assert!(
                    p.starts_with("[REDACTED:") && p.ends_with(']'),
                    "{}: {p}",
                    c.id
                );
            }
            assert!(!p.contains(['"', '\\', ' ', '\'']), "{}: {p}", c.id);
        }
    }
}

/// The same secret gets the same placeholder wherever and however it appears; different
/// secrets never share one.
#[test]
fn placeholders_are_stable() {
    let key =
        "sk-proj-Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9jKl1nOp3rSt5vWx7zAb9dEf1hIj3lMn5pQr7tUv9xYz1b";
    let escaped = key.replace('-', "\\u002d");
    let pct: String = key.bytes().map(|b| format!("%{b:02X}")).collect();
    let text = format!(
        "Authorization: Bearer {key}\n{{\"api_key\": \"{escaped}\"}}\nhttps://x.example/cb?next={pct}\n"
    );
    let r = redact(&text, &RedactOptions::default());
    let ph: Vec<_> = r.redactions.iter().filter(|x| x.rule != "prompt").collect();
    assert_eq!(ph.len(), 1, "{:?}\n{}", r.redactions, r.text);
    assert_eq!(ph[0].placeholder, "sk-proj-…Yz1b");
    assert_eq!(ph[0].count, 3);
    assert_eq!(r.text.matches("sk-proj-…Yz1b").count(), 3);

    // Two secrets with the same prefix and the same last four characters.
    let other =
        "sk-proj-Zz9yXw8vUt7sRq6pOn5mLk4jIh3gFe2dCb1aZz9yXw8vUt7sRq6pOn5mLk4jIh3gFe2dCb1aZYz1b";
    let r = redact(&format!("a={key}\nb={other}\n"), &RedactOptions::default());
    let mut ps: Vec<&str> = r
        .redactions
        .iter()
        .map(|x| x.placeholder.as_str())
        .collect();
    ps.sort();
    assert_eq!(ps, ["sk-proj-…Yz1b", "sk-proj-…Yz1b~2"]);
}

/// Regression: a redacted text embedded as a JSON string (as the support bundle does) scans
/// clean. The bug: in `"…\nSet-Cookie: a=b"` the escape's `n` was read as part of the header
/// name (`nSet-Cookie`), which turned every cookie pair into a "secret".
#[test]
fn redacted_text_embedded_in_json_scans_clean() {
    for c in cases() {
        let r = redact(&c.input, &RedactOptions::default());
        let embedded = serde_json::to_string(&r.text).unwrap();
        let found = scan(&embedded);
        assert!(found.is_empty(), "{}: {:?}", c.id, found);
    }
    let r = redact(
        "{\"raw\": \"HTTP/1.1 200 OK\\nCookie: locale=en-US; theme=dark\"}",
        &RedactOptions::default(),
    );
    assert!(r.redactions.is_empty(), "{:?}", r.redactions);
}
