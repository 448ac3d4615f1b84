//! Benchmark: diagnose a 100 kB paste (a log made of the corpus's real error bodies and noise)
//! and a 1 MB one. Run: `cargo run --release --no-default-features --example bench_diagnose`.
use keydoctor::domain::diagnose::diagnose;
use std::time::Instant;

fn paste(size: usize) -> String {
    let bodies: Vec<String> = include_str!("../tests/data/errors.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["body"].as_str().map(str::to_string))
        .collect();
    let mut s = String::new();
    let mut i = 0;
    while s.len() < size {
        s.push_str("2025-06-01T10:00:00Z INFO POST /v1/chat/completions 200 in 812ms\n");
        s.push_str(&bodies[i % bodies.len()]);
        s.push('\n');
        i += 1;
    }
    let mut end = size.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// Times `diagnose` on `input`; prints the figures, and `FIGURE <name> <median ms>` for
/// `make figures` (scripts/figures.mjs).
fn time(label: &str, figure: &str, input: &str, runs: u32) {
    let _ = diagnose(input); // warm-up
    let mut samples = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let d = diagnose(input);
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(d);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label}: median {:.2} ms, p90 {:.2} ms over {runs} runs ({} bytes)",
        samples[samples.len() / 2],
        samples[samples.len() * 9 / 10],
        input.len()
    );
    println!("FIGURE {figure} {:.1}", samples[samples.len() / 2]);
}

fn main() {
    time(
        "diagnose 100 kB",
        "diagnose_100k_native",
        &paste(100 * 1024),
        50,
    );
    time(
        "diagnose 1 MB",
        "diagnose_1m_native",
        &paste(1024 * 1024),
        10,
    );
}
