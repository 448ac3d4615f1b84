#![cfg(not(target_arch = "wasm32"))]
//! The fuzz targets' properties (`fuzz/src/props.rs`, the very file the targets use) run by
//! `cargo test`: over every input the fuzzers found a bug with (named regressions, each failing
//! without its fix), and over the committed seeds (`tests/data/*.jsonl`, `tests/data/fuzz/`),
//! so the harness logic is exercised without a nightly toolchain. See `fuzz/README.md`.
//!
//! `corpus_timing` (ignored) replays a fuzzing corpus and fails on any input that takes more
//! than a second to diagnose, redact or parse:
//! `cargo test --release --no-default-features --test fuzz_regressions -- --ignored`.

#[path = "../fuzz/src/props.rs"]
mod props;

use keydoctor::domain::diagnose::diagnose;
use keydoctor::domain::redact::{redact, scan, RedactOptions};
use keydoctor::domain::request::parse_request;
use props::{check_diagnose, check_har, check_redact, check_request, text_of};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Which fuzz target's property an input is checked with.
#[derive(Clone, Copy, Debug)]
enum Target {
    Request,
    Redact,
    Diagnose,
    /// The HAR target's bytes: first byte even = a built HAR, odd = the text as pasted.
    Har,
    /// The slow-input check: the input repeated up to 1 MB (the most `diagnose` analyses) is
    /// diagnosed in under 3 s, even in a debug build (linear work takes well under 1 s).
    DiagnoseLinear,
}

fn check(target: Target, data: &[u8]) -> Result<(), String> {
    match target {
        Target::Request => check_request(&text_of(data)),
        Target::Redact => check_redact(&text_of(data)),
        Target::Diagnose => check_diagnose(&text_of(data), data.first().copied().unwrap_or(0)),
        Target::Har => check_har(data),
        Target::DiagnoseLinear => {
            let one = text_of(data);
            let text = one.repeat((1 << 20) / one.len().max(1));
            let t = Instant::now();
            let _ = diagnose(&text);
            let e = t.elapsed();
            if e > Duration::from_secs(3) {
                return Err(format!("{e:?} to diagnose {} bytes", text.len()));
            }
            Ok(())
        }
    }
}

/// Where a regression's bytes are.
enum Input {
    Inline(&'static [u8]),
    /// A file under `tests/data/fuzz/`.
    File(&'static str),
}

struct Regression {
    name: &'static str,
    target: Target,
    input: Input,
    /// What broke, and where it was fixed.
    why: &'static str,
}

/// A PEM header in one JSON string, an `-----END` in another, a member between them.
const PEM_ACROSS_STRINGS: &[u8] = b"{\"a\":\"-----BEGIN PRIVATE KEY-----\\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEApU3KGCUwux1tEyze\",\"b\":\"x\",\"c\":\"1iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p-----END PRIVATE KEY-----\"}";

const REGRESSIONS: &[Regression] = &[
    Regression {
        name: "har_single_quoted_value_runs_past_the_json_string",
        target: Target::Har,
        input: Input::Inline(
            b"\x01{\"log\":{\"entries\":[{\"request\":{\"headers\":[{\"name\":\"x\",\"value\":\"api_key='Zq8Xw7Cv6Bn5Mm4Ll3Kk2Jj1\"}],\"postData\":{\"text\":\"a='b\"}}}]}}",
        ),
        why: "a '-quoted value was read across the closing \" of its JSON string up to the next ', \
              so the placeholder swallowed JSON and the redacted HAR was invalid \
              (redact/detect.rs: value_at stops at a bare \")",
    },
    Regression {
        name: "har_single_quoted_value_built",
        target: Target::Har,
        // A built HAR (even first byte): method, URL, header count 1, name, value, body, response.
        input: Input::Inline(
            b"\x00POST\x00https://api.openai.com/v1/chat/completions\x00x\x00authorization\x00Bearer x\\n api_key='sk-ant-api03-mXqFii\x00client = Anthropic(\\n api_key='sk-ant-api03-mXqFiiyoU6vNZ3T9q_VUMannHSc7iNz3Fr25TqaQMzrQa9gB9tPHhHoS9qxyVyKMjPETvXCuU1Mb-tQhg5Yxtr3YTxRF5AA',\\n)\x00rrrrr",
        ),
        why: "the fuzzer's first finding, shortened: same root cause as above",
    },
    Regression {
        name: "har_prompt_span_past_string_end",
        target: Target::Har,
        // A built HAR whose body holds an escaped HAR ending in `\"content\": ` just before
        // the body's closing quote.
        input: Input::File("har_prompt_span_past_string_end.bin"),
        why: "a prompt name decoded from inside a JSON string (`\\\"content\\\": `) took \
              the \" that closes that string for its value's opening quote, so the \
              `[prompt: N chars]` replacement ate the quote and the JSON after it and the \
              redacted HAR was invalid (keep_prompts false) (redact/view.rs: View::confine \
              keeps a match from decoded string content inside that string, applied in \
              redact/mod.rs: candidates)",
    },
    Regression {
        name: "redact_pem_begin_end_in_different_json_strings",
        target: Target::Redact,
        input: Input::Inline(PEM_ACROSS_STRINGS),
        why: "a PEM header in one JSON string and a `-----END` in a later one: the private key \
              was matched across the strings, so its placeholder swallowed the members between \
              them, and the re-scan flagged the placeholder itself as a private key \
              (redact/detect.rs: Scanner::private_key stops at a `\"` and skips a masked body)",
    },
    Regression {
        name: "har_pem_begin_end_in_different_json_strings",
        target: Target::Har,
        input: Input::Inline(
            b"\x01{\"log\":{\"entries\":[{\"request\":{\"headers\":[{\"name\":\"x\",\"value\":\"-----BEGIN PRIVATE KEY-----\\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEApU3KGCUwux1tEyze\"}],\"postData\":{\"text\":\"-----END PRIVATE KEY-----\"}}}]}}",
        ),
        why: "the same in a HAR: a header value's PEM header matched up to the `-----END` in \
              the body, and the redacted HAR no longer parsed (redact/detect.rs: \
              Scanner::private_key)",
    },
    Regression {
        name: "curl_header_name_holds_the_key",
        target: Target::Request,
        input: Input::Inline(
            b"curl https://api.openai.com/v1/models -H 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq;'",
        ),
        why: "`-H 'KEY;'` is a header named KEY; the sanitized copy redacted only values, so the \
              key was shown whole as a header name (request/mod.rs: ParsedRequest::sanitized)",
    },
    Regression {
        name: "har_header_name_with_colon_and_key",
        target: Target::Har,
        input: Input::Inline(
            b"\x01{\"log\":{\"entries\":[{\"request\":{\"headers\":[{\"name\":\"Authorization: Bearer xai-IeRspoRWQvmIFCo6JbqY6Jj3hfELiiuf1NiAD0awn2t5F20k4\",\"value\":\"x\"}]}}]}}",
        ),
        why: "a HAR header name holding `: ` and a key: the redacted line was split at the name's \
              own `: `, leaving the key in the shown name (request/mod.rs: ParsedRequest::sanitized)",
    },
    Regression {
        name: "slow_diagnose_status_in_a_long_line",
        target: Target::DiagnoseLinear,
        input: Input::File("slow_diagnose_status_in_a_long_line.json"),
        why: "a corpus input (an error body with \"param\":\"524\") repeated without newlines: \
              each 3-digit status candidate re-read the text back to the line start and the \
              last blank and forward to the line end, quadratic (7 s for 1 MB in release) \
              (diagnose/extract.rs: prose_status reads context lazily and at most 128 bytes back)",
    },
];

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn bytes(input: &Input) -> Vec<u8> {
    match input {
        Input::Inline(b) => b.to_vec(),
        Input::File(name) => std::fs::read(data_dir().join("fuzz").join(name))
            .unwrap_or_else(|e| panic!("tests/data/fuzz/{name}: {e}")),
    }
}

#[test]
fn regressions_hold() {
    let mut failed = Vec::new();
    for r in REGRESSIONS {
        if let Err(e) = check(r.target, &bytes(&r.input)) {
            failed.push(format!(
                "{} ({:?}): {e}\n  why: {}",
                r.name, r.target, r.why
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// `PEM_ACROSS_STRINGS` redacted (prompts kept or not) is JSON with the same members, each
/// unchanged (the key in `"a"` has no `-----END` in its string: unterminated, not matched),
/// and its re-scan finds nothing.
#[test]
fn redact_pem_begin_end_in_different_json_strings() {
    let text = text_of(PEM_ACROSS_STRINGS);
    check_redact(&text).unwrap_or_else(|e| panic!("{e}"));
    let input: serde_json::Value = serde_json::from_str(&text).expect("input is JSON");
    for keep_prompts in [false, true] {
        let r = redact(&text, &RedactOptions { keep_prompts });
        let out: serde_json::Value = serde_json::from_str(&r.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", r.text));
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().expect("object").keys().cloned().collect()
        };
        assert_eq!(keys(&out), keys(&input), "members of {:?}", r.text);
        assert_eq!(out["b"], "x");
        assert!(scan(&r.text).is_empty(), "re-scan of {:?}", r.text);
    }
    // The same key closed in its own string, or raw over several lines, is redacted whole and
    // the rest kept.
    let body = "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEApU3KGCUwux1tEyze";
    let whole = [
        format!(
            r#"{{"a":"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n","b":"x"}}"#
        ),
        format!("b: x\n-----BEGIN PRIVATE KEY-----\n{body}\n{body}\n-----END PRIVATE KEY-----\n"),
    ];
    for text in &whole {
        check_redact(text).unwrap_or_else(|e| panic!("{e}"));
        let r = redact(text, &RedactOptions::default());
        assert!(!r.text.contains("MIIBVQ"), "{:?}", r.text);
        assert!(r.text.contains("\"b\":\"x\"") || r.text.starts_with("b: x\n"));
        assert!(r.text.contains("-----END PRIVATE KEY-----"), "{:?}", r.text);
    }
}

/// The string fields `name` of every line of the committed JSONL data.
fn jsonl_field(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("tests/data")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("jsonl");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("jsonl line");
            if let Some(s) = v.get(name).and_then(|x| x.as_str()) {
                out.push(s.to_string());
            }
        }
    }
    out
}

/// `tests/data/fuzz/seed_*`: small pastes of every kind.
fn seed_files() -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data_dir().join("fuzz"))
        .expect("tests/data/fuzz")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("seed"))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("seed"))
        .collect()
}

fn run_all(target: Target, inputs: &[Vec<u8>]) {
    assert!(!inputs.is_empty(), "no seeds for {target:?}");
    let failed: Vec<String> = inputs
        .iter()
        .filter_map(|d| {
            check(target, d)
                .err()
                .map(|e| format!("{:?}: {e}", text_of(&d[..d.len().min(120)])))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{target:?}: {} of {} seeds fail:\n{}",
        failed.len(),
        inputs.len(),
        failed.join("\n")
    );
}

fn pastes() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = jsonl_field("input")
        .into_iter()
        .map(String::into_bytes)
        .collect();
    v.extend(seed_files());
    v
}

fn errors() -> Vec<Vec<u8>> {
    jsonl_field("body")
        .into_iter()
        .map(String::into_bytes)
        .collect()
}

#[test]
fn request_property_on_seeds() {
    run_all(Target::Request, &pastes());
}

#[test]
fn redact_property_on_seeds() {
    let mut all = pastes();
    all.extend(errors());
    run_all(Target::Redact, &all);
}

#[test]
fn diagnose_property_on_seeds() {
    let mut all = errors();
    all.extend(pastes());
    run_all(Target::Diagnose, &all);
}

#[test]
fn har_property_on_seeds() {
    // As pasted (odd first byte), and built into a HAR from NUL-separated fields (even), as
    // `fuzz/seed.py` seeds the HAR target.
    let mut all: Vec<Vec<u8>> = seed_files()
        .into_iter()
        .map(|s| [&[1u8][..], &s].concat())
        .collect();
    for (i, p) in jsonl_field("input").iter().enumerate() {
        let p = p.as_bytes();
        let mut fields: Vec<Vec<u8>> = vec![
            b"POST".to_vec(),
            b"https://api.openai.com/v1/chat/completions".to_vec(),
            vec![b'x'; 1 + i % 3],
        ];
        let pairs: Vec<Vec<u8>> = vec![
            b"authorization".to_vec(),
            [b"Bearer ".as_slice(), &p[..p.len().min(80)]].concat(),
            b"cookie".to_vec(),
            [b"sid=".as_slice(), &p[p.len().saturating_sub(40)..]].concat(),
            b"h".to_vec(),
            b"v".to_vec(),
        ];
        fields.extend(pairs.into_iter().take(2 * (1 + i % 3)));
        fields.push(p.to_vec());
        fields.push(vec![b'r'; i % 8]);
        all.push([vec![0u8], fields.join(&0u8)].concat());
    }
    run_all(Target::Har, &all);
}

/// The HAR builder builds what the HAR property expects: one entry per field group, with the
/// response chosen by the last field's length.
#[test]
fn har_builder_builds_the_entries_it_reports() {
    let (har, expected) =
        props::har_from_bytes(b"GET\x00https://x/v1\x00\x00\x00rrr\x00POST\x00u\x00\x00\x00rrrr");
    assert_eq!(expected, vec![(true, Some(429)), (false, Some(200))]);
    let p = parse_request(&har);
    let got: Vec<Option<u16>> = p.entries.iter().map(|e| e.status).collect();
    assert_eq!(got, vec![Some(429), Some(200)]);
}

/// Replays `fuzz/corpus/<target>/` (or the directories in `KD_FUZZ_CORPUS`, separated by
/// `:`): every input, as is and repeated up to 64 kB, must be diagnosed, redacted and parsed
/// in under a second each. Run it in release mode after fuzzing.
#[test]
#[ignore]
fn corpus_timing() {
    const LIMIT: Duration = Duration::from_secs(1);
    let dirs: Vec<PathBuf> = match std::env::var("KD_FUZZ_CORPUS") {
        Ok(v) => v.split(':').map(PathBuf::from).collect(),
        Err(_) => ["diagnose", "redact", "request", "har"]
            .iter()
            .map(|t| {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("fuzz/corpus")
                    .join(t)
            })
            .collect(),
    };
    let mut slow = Vec::new();
    let mut n = 0;
    let mut worst = (Duration::ZERO, String::new());
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for entry in std::fs::read_dir(dir).expect("corpus dir") {
            let path = entry.expect("entry").path();
            let one = text_of(&std::fs::read(&path).expect("input"));
            if one.is_empty() {
                continue;
            }
            // The input as is, and repeated up to 64 kB: repetition is what turns a scanner
            // that backtracks into a quadratic one.
            let mut big = one.repeat(65_536 / one.len() + 1);
            let mut cut = 65_536.min(big.len());
            while !big.is_char_boundary(cut) {
                cut -= 1;
            }
            big.truncate(cut);
            for text in [one, big] {
                n += 1;
                let timed: [(&str, &dyn Fn()); 3] = [
                    ("diagnose", &|| drop(diagnose(&text))),
                    ("redact", &|| drop(redact(&text, &RedactOptions::default()))),
                    ("parse_request+sanitized", &|| {
                        drop(parse_request(&text).sanitized(false))
                    }),
                ];
                for (what, f) in timed {
                    let t = Instant::now();
                    f();
                    let e = t.elapsed();
                    if e > worst.0 {
                        worst = (e, format!("{what} {}", path.display()));
                    }
                    if e > LIMIT {
                        slow.push(format!(
                            "{what}: {e:?} for {} ({} bytes)",
                            path.display(),
                            text.len()
                        ));
                    }
                }
            }
        }
    }
    eprintln!("{n} inputs replayed; slowest: {:?} ({})", worst.0, worst.1);
    assert!(n > 0, "no corpus found in {dirs:?}");
    assert!(slow.is_empty(), "slow inputs:\n{}", slow.join("\n"));
}
