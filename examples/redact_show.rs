//! Prints the redaction of each corpus case (a debugging aid).
fn main() {
    let text = std::fs::read_to_string("tests/data/redaction.jsonl").unwrap();
    let filter = std::env::args().nth(1).unwrap_or_default();
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
    }
}
