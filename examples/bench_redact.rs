//! Native benchmark of the redaction engine.
//!
//! `cargo run --release --no-default-features --example bench_redact [HAR]`
//!
//! Times `redact` on a 100 kB paste (the redaction corpus repeated) and on a 20 MB HAR made by
//! `tests/data/make_har.py` (the project's copy of the shared generator), generated into
//! `target/bench/` when no HAR is given and python3 is available, and checks that no planted
//! secret survives.

use keydoctor::domain::redact::{redact, RedactOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn time<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut out = 0;
    for _ in 0..runs {
        let t = Instant::now();
        out = f();
        times.push(t.elapsed());
    }
    times.sort();
    (times[0], times[runs / 2], out)
}

fn paste_100k() -> String {
    let corpus = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/redaction.jsonl"
    ))
    .expect("tests/data/redaction.jsonl");
    let inputs: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["input"].as_str().map(str::to_string))
        .collect();
    let mut s = String::new();
    'outer: loop {
        for i in &inputs {
            if s.len() >= 100_000 {
                break 'outer;
            }
            s.push_str(i);
            s.push('\n');
        }
    }
    s
}

fn make_har(dir: &Path) -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/make_har.py");
    let out = dir.join("bench20.har");
    if out.exists() {
        return Some(out);
    }
    std::fs::create_dir_all(dir).ok()?;
    let st = std::process::Command::new("python3")
        .arg(&script)
        .arg("20")
        .arg(&out)
        .arg("7")
        .status()
        .ok()?;
    st.success().then_some(out)
}

fn main() {
    let opts = RedactOptions::default();

    let paste = paste_100k();
    let (min, med, n) = time(50, || redact(&paste, &opts).redactions.len());
    println!(
        "100 kB paste ({} bytes): min {:.2} ms, median {:.2} ms, {} distinct placeholders",
        paste.len(),
        min.as_secs_f64() * 1e3,
        med.as_secs_f64() * 1e3,
        n
    );
    println!("FIGURE redact_100k_native {:.1}", med.as_secs_f64() * 1e3);

    let har_path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .or_else(|| make_har(&Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench")));
    let Some(har_path) = har_path else {
        println!("no HAR (python3 or make_har.py missing); skipped the 20 MB run");
        return;
    };
    let har = std::fs::read_to_string(&har_path).expect("read HAR");
    let (min, med, n) = time(5, || redact(&har, &opts).redactions.len());
    println!(
        "HAR {} ({:.1} MB): min {:.0} ms, median {:.0} ms ({:.0} MB/s), {} distinct placeholders",
        har_path.display(),
        har.len() as f64 / 1e6,
        min.as_secs_f64() * 1e3,
        med.as_secs_f64() * 1e3,
        har.len() as f64 / 1e6 / med.as_secs_f64(),
        n
    );
    println!("FIGURE har_20m_native {:.0}", med.as_secs_f64() * 1e3);

    // Leak check against the planted secrets listed beside the HAR.
    let r = redact(&har, &opts);
    let valid = serde_json::from_str::<serde_json::Value>(&r.text).is_ok();
    let listed = format!("{}.secrets.json", har_path.display());
    if let Ok(list) = std::fs::read_to_string(&listed) {
        let v: serde_json::Value = serde_json::from_str(&list).expect("secrets.json");
        let secrets = v["secrets"].as_array().cloned().unwrap_or_default();
        let leaked = secrets
            .iter()
            .filter_map(|s| s["value"].as_str())
            .filter(|s| r.text.contains(s))
            .count();
        println!(
            "planted secrets: {}, surviving: {}, output valid JSON: {}",
            secrets.len(),
            leaked,
            valid
        );
        println!("FIGURE har_planted {}", secrets.len());
        println!("FIGURE har_surviving {leaked}");
    } else {
        println!("output valid JSON: {valid}");
    }
}
