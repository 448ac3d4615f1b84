//! `keydoctor bundle`: Markdown and JSON out, nothing secret in either, one-line errors.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn tmp(name: &str, body: &str) -> String {
    let dir = std::env::temp_dir().join(format!("kd-bundle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p.to_string_lossy().into_owned()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_keydoctor"))
        .args(args)
        .output()
        .expect("run keydoctor");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const KEY: &str = "sk-ant-api03-VWq1FvYOlKC3t9LOH6WHhRCChmVY_ieP_coSHIg4hV952XBYOoq9joirxxWv0LhwqxR5vHDGvI6_q5tuf9Dk2HD9Qb685AA";

#[test]
fn bundle_in_both_formats_without_the_key() {
    let error = tmp(
        "error.txt",
        r#"anthropic.AuthenticationError: Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': 'invalid x-api-key'}, 'request_id': 'req_011CUBgWE2fdbDGiPKTUQTwy'}"#,
    );
    let request = tmp(
        "request.sh",
        &format!("curl https://api.anthropic.com/v1/messages -H 'x-api-key: {KEY}' -H 'anthropic-version: 2023-06-01' -d '{{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{{\"role\":\"user\",\"content\":\"hi\"}}]}}'"),
    );
    let (code, md, err) = run(&[
        "bundle",
        "--error",
        &error,
        "--request",
        &request,
        "--time",
        "2026-11-24T22:00:00Z",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("invalid_key"));
    assert!(
        md.contains("Client: Anthropic SDK"),
        "client suggested from the exception"
    );
    assert!(md.contains("req\\_011CUBgWE2fdbDGiPKTUQTwy"));
    assert!(!md.contains(&KEY[14..40]));
    let (code, json, err) = run(&[
        "bundle",
        "--error",
        &error,
        "--request",
        &request,
        "--time",
        "2026-11-24T22:00:00Z",
        "--format",
        "json",
        "--client",
        "Claude Code",
        "--key-name",
        "laptop",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["diagnosis"]["category"], "invalid_key");
    assert_eq!(v["client"], "Claude Code");
    assert_eq!(v["key_name"], "laptop");
    assert_eq!(v["incident"]["time"], "2026-11-24T22:00:00Z");
    assert!(!json.contains(&KEY[14..40]));
}

#[test]
fn bad_bundle_arguments_exit_2_with_one_line() {
    let error = tmp("e2.txt", "429 Too Many Requests");
    for args in [
        vec!["bundle"],
        vec!["bundle", "--error", &error, "--time", "yesterday"],
        vec!["bundle", "--error", &error, "--format", "pdf"],
        vec!["bundle", "--error", "/nonexistent"],
        vec!["bundle", "--error", &error, "stray"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
}
