//! Hostile input never panics the diagnosis engine: random text, huge pastes, binary, deep
//! nesting, unbalanced quotes and braces. Each returns a category (or `unknown`).
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::diagnose::{diagnose, Category};
use proptest::prelude::*;

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

#[test]
fn one_megabyte_of_random_text() {
    let mut seed = 7u64;
    let alphabet: Vec<char> = "{}[]\"':,\\ \n\tabcXYZ0123456789_-<>/错误令牌额度"
        .chars()
        .collect();
    let s: String = (0..1_000_000)
        .map(|_| alphabet[(lcg(&mut seed) as usize) % alphabet.len()])
        .collect();
    let d = diagnose(&s);
    assert!(Category::ALL.contains(&d.category));
}

#[test]
fn binary_bytes_read_lossily() {
    let mut seed = 11u64;
    let bytes: Vec<u8> = (0..200_000).map(|_| lcg(&mut seed) as u8).collect();
    let s = String::from_utf8_lossy(&bytes);
    let _ = diagnose(&s);
}

#[test]
fn deeply_nested_json() {
    let depth = 50_000;
    let s = "{\"error\":".repeat(depth) + "\"x\"" + &"}".repeat(depth);
    let _ = diagnose(&s);
    let s = "[".repeat(depth) + &"]".repeat(depth);
    let _ = diagnose(&s);
}

#[test]
fn many_unclosed_strings_and_braces() {
    let s = "{'a': '".repeat(100_000);
    let _ = diagnose(&s);
    let s = "{\"message\":\"{\\\"message\\\":\\\"".repeat(20_000);
    let _ = diagnose(&s);
}

#[test]
fn a_real_error_inside_a_huge_log_is_still_found() {
    let noise = "2025-01-01 10:00:00 INFO request ok\n".repeat(30_000);
    let s = format!(
        "{noise}ERROR Error code: 429 - {{'error': {{'code': 'insufficient_quota', 'message': 'You exceeded your current quota'}}}}\n"
    );
    assert!(s.len() > 1_000_000);
    assert_eq!(diagnose(&s).category, Category::QuotaExhausted);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_gets_a_category(s in "\\PC{0,400}") {
        let d = diagnose(&s);
        prop_assert!(Category::ALL.contains(&d.category));
    }

    #[test]
    fn json_like_strings_get_a_category(s in r#"[{}\[\]"':,\\ a-z0-9_\n]{0,300}"#) {
        let _ = diagnose(&s);
    }

    #[test]
    fn mutated_real_bodies_never_panic(cut in 0usize..400, insert in "\\PC{0,8}") {
        let body = r#"Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-abc***', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}"#;
        let mut s = body.to_string();
        let mut at = cut.min(s.len());
        while !s.is_char_boundary(at) { at -= 1; }
        s.insert_str(at, &insert);
        let _ = diagnose(&s);
        let _ = diagnose(&s[..at]);
    }
}

/// Regression: a paste ending in a backslash indexed past the end while skipping an escaped
/// newline glued to a code (found by `any_string_gets_a_category`).
#[test]
fn trailing_backslash() {
    for s in ["\\", "ab\\", "\\n", "x \\\\"] {
        let _ = diagnose(s);
    }
}
