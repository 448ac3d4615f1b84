//! The `keydoctor diagnose` command line: JSON out, one-line errors with exit status 2.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

fn keydoctor(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_keydoctor"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn keydoctor");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin).expect("write stdin");
    drop(input);
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn diagnose_from_stdin_prints_the_contract_fields() {
    let (code, out, err) = keydoctor(
        &["diagnose"],
        br#"openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}"#,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["category"], "quota_exhausted");
    assert_eq!(v["retry_helps"], "no");
    assert_eq!(v["http_status"], 429);
    assert_eq!(v["code"], "insufficient_quota");
    assert_eq!(v["provider"], "openai");
    for field in ["title", "message", "request_id", "evidence", "steps"] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert!(v["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn diagnose_from_a_file() {
    let dir = std::env::temp_dir().join(format!("kd-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("err.txt");
    std::fs::write(&file, "getaddrinfo ENOTFOUND api.openai.com").unwrap();
    let (code, out, _) = keydoctor(&["diagnose", file.to_str().unwrap()], b"");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["category"], "dns");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let cases: Vec<(Vec<&str>, &[u8])> = vec![
        (vec!["diagnose", "/nonexistent/file"], b""),
        (vec!["diagnose"], b"\xff\xfe\x00binary"),
        (vec!["diagnose", "a", "b"], b""),
        (vec!["diagnose", "--nope"], b""),
        (vec!["frobnicate"], b""),
        (vec![], b""),
    ];
    for (args, stdin) in cases {
        let (code, out, err) = keydoctor(&args, stdin);
        assert_eq!(code, 2, "{args:?}: {out} {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn empty_input_is_unknown_not_an_error() {
    let (code, out, _) = keydoctor(&["diagnose"], b"");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["category"], "unknown");
}
