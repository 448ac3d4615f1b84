//! Prints the redaction of each corpus case (a debugging aid); `--json` also scans each
//! redacted text after JSON-encoding it, as a bundle embeds it.
fn main() {
    let text = std::fs::read_to_string("tests/data/redaction.jsonl").unwrap();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filter = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_default();
    let json = args.iter().any(|a| a == "--json");
    for l in text.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let id = v["id"].as_str().unwrap();
        if !id.contains(&filter) {
            continue;
        }
        let r =
            keydoctor::domain::redact::redact(v["input"].as_str().unwrap(), &Default::default());
        println!(
            "===== {id}\n{}\n{:?}",
            r.text,
            r.redactions
                .iter()
                .map(|r| (&r.rule, &r.placeholder, r.count))
                .collect::<Vec<_>>()
        );
        if json {
            let enc = serde_json::to_string(&r.text).unwrap();
            for f in keydoctor::domain::redact::scan(&enc) {
                println!(
                    "  JSON-encoded scan finds {} {:?}",
                    f.rule,
                    &enc[f.start..f.end]
                );
            }
        }
    }
}
