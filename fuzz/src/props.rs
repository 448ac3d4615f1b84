//! The properties the fuzz targets check, shared with `tests/fuzz_regressions.rs` (which
//! includes this file with `#[path]`), so `cargo test` runs the same harness logic over the
//! committed seeds and the regression inputs.
//!
//! Each `check_*` returns `Err(description)` when a property fails; the fuzz targets panic on
//! it, the tests assert on it. Only what the domain's documentation promises is checked:
//! - `domain/mod.rs`: nothing panics on any input (every check runs the code on the input);
//! - `redact`: "the output is scanned again; anything found is redacted in another round", so
//!   the final re-scan ([`scan`]) finds nothing and redacting the output again changes
//!   nothing; "a redacted JSON or HAR document stays valid JSON";
//! - `request`: parsing never fails, the kind is [`detect_kind`]'s, the sanitized copy is
//!   "safe to show or share" (no field the scanner still flags) and "a sanitized `.har` stays
//!   a valid HAR with every entry", failing entries first;
//! - `diagnose`: evidence is the chosen category's, strongest first, at most eight; a
//!   category other than `unknown` has evidence; the locale changes wording only; an
//!   operator's catalog code (weight 100) outweighs everything built in.

use keydoctor::domain::diagnose::{diagnose, diagnose_with, CatalogEntry, Category, Diagnosis};
use keydoctor::domain::locale::Locale;
use keydoctor::domain::redact::{redact, scan, RedactOptions};
use keydoctor::domain::request::{detect_kind, parse_request, InputKind, Request};

/// The fuzzer's bytes as text (invalid UTF-8 replaced, as a file drop would refuse it and the
/// CLI would too; the domain only ever sees `&str`).
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn is_json(s: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(s).is_ok()
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(200).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// The request parser on any text.
pub fn check_request(text: &str) -> Result<(), String> {
    let p = parse_request(text);
    if p != parse_request(text) {
        return Err("parse_request is not deterministic".into());
    }
    let kind = detect_kind(text);
    if p.kind != kind {
        return Err(format!("kind {:?} but detect_kind says {kind:?}", p.kind));
    }
    if p.kind != InputKind::Har && !p.entries.is_empty() {
        return Err(format!("{} entries for kind {:?}", p.entries.len(), p.kind));
    }
    if let Some(first) = p.entries.first() {
        if *first != p.request {
            return Err("the request is not the first HAR entry".into());
        }
    }
    for keep_prompts in [false, true] {
        let s = p.sanitized(keep_prompts);
        if s.kind != p.kind
            || s.entries.len() != p.entries.len()
            || s.request.headers.len() != p.request.headers.len()
        {
            return Err("the sanitized copy lost structure".into());
        }
        for r in std::iter::once(&s.request).chain(&s.entries) {
            sanitized_is_clean(r)?;
        }
        serde_json::to_string(&s).map_err(|e| format!("sanitized copy does not serialize: {e}"))?;
    }
    Ok(())
}

/// No field of a sanitized request is flagged by the scanner.
fn sanitized_is_clean(r: &Request) -> Result<(), String> {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(u) = &r.url {
        fields.push(("url", u.clone()));
    }
    if let Some(u) = &r.base_url {
        fields.push(("base_url", u.clone()));
    }
    if let Some(b) = &r.body {
        fields.push(("body", b.clone()));
    }
    // A header is redacted, and shown, as a `name: value` line: its name is its context.
    for h in &r.headers {
        fields.push(("header", format!("{}: {}", h.name, h.value)));
    }
    if let Some(k) = &r.key {
        fields.push(("key", k.value.clone()));
    }
    for (what, v) in fields {
        let v = v.as_str();
        let found = scan(v);
        if !found.is_empty() {
            return Err(format!(
                "sanitized {what} still has a secret: {found:?} in {:?}",
                short(v)
            ));
        }
    }
    Ok(())
}

/// Redaction on any text, with and without prompts kept.
pub fn check_redact(text: &str) -> Result<(), String> {
    let json_in = text.len() < 1 << 20 && is_json(text);
    for keep_prompts in [false, true] {
        let opts = RedactOptions { keep_prompts };
        let r = redact(text, &opts);
        if r != redact(text, &opts) {
            return Err("redact is not deterministic".into());
        }
        let found = scan(&r.text);
        if !found.is_empty() {
            return Err(format!(
                "keep_prompts={keep_prompts}: the re-scan still finds {found:?} in {:?}",
                short(&r.text)
            ));
        }
        let twice = redact(&r.text, &RedactOptions { keep_prompts: true });
        if twice.text != r.text {
            return Err(format!(
                "keep_prompts={keep_prompts}: redacting the output again changes it: {:?} -> {:?}",
                short(&r.text),
                short(&twice.text)
            ));
        }
        if r.redactions
            .iter()
            .any(|x| x.count == 0 || x.placeholder.is_empty())
        {
            return Err(format!("an empty redaction is listed: {:?}", r.redactions));
        }
        if json_in && !is_json(&r.text) {
            return Err(format!(
                "keep_prompts={keep_prompts}: valid JSON in, invalid JSON out: {:?}",
                short(&r.text)
            ));
        }
    }
    Ok(())
}

/// Diagnosis on any text. `pick` chooses the catalog word and category (the fuzzer's first
/// byte; any value is fine).
pub fn check_diagnose(text: &str, pick: u8) -> Result<(), String> {
    let d = diagnose(text);
    if d != diagnose(text) {
        return Err("diagnose is not deterministic".into());
    }
    well_formed(&d)?;
    let zh = diagnose_with(text, &[], Locale::ZhCn);
    well_formed(&zh)?;
    if zh.category != d.category || zh.evidence != d.evidence || zh.facts != d.facts {
        return Err(format!(
            "the locale changed the diagnosis: {:?} vs {:?}",
            d.category, zh.category
        ));
    }
    if let Some(code) = pick_word(text, pick) {
        let category = Category::ALL[pick as usize % Category::ALL.len()];
        let entry = CatalogEntry {
            code: code.to_string(),
            category,
            title: Some("Operator title".into()),
            steps: vec!["Operator step".into()],
        };
        let c = diagnose_with(text, std::slice::from_ref(&entry), Locale::En);
        well_formed(&c)?;
        // A 4xx answer discounts network categories (the connection worked), the catalog's too.
        let network = matches!(
            category,
            Category::Dns | Category::ConnectFailed | Category::Tls | Category::Timeout
        );
        let discounted = c
            .facts
            .http_status
            .is_some_and(|s| (400..500).contains(&s) && s != 407 && s != 408);
        if !(network && discounted)
            && (c.category != category
                || c.title != "Operator title"
                || !c.steps.iter().any(|s| s == "Operator step"))
        {
            return Err(format!(
                "catalog code {code:?} ({category:?}) present as a word but the diagnosis is {:?} / {:?}",
                c.category, c.title
            ));
        }
    }
    Ok(())
}

fn well_formed(d: &Diagnosis) -> Result<(), String> {
    if d.evidence.len() > 8 {
        return Err(format!("{} pieces of evidence", d.evidence.len()));
    }
    if let Some(e) = d.evidence.iter().find(|e| e.category != d.category) {
        return Err(format!("evidence {e:?} is not for {:?}", d.category));
    }
    if d.evidence.windows(2).any(|w| w[0].weight < w[1].weight) {
        return Err("evidence is not strongest first".into());
    }
    if d.category != Category::Unknown && d.evidence.is_empty() {
        return Err(format!("{:?} without evidence", d.category));
    }
    if d.also_found.len() > 3
        || d.also_found.contains(&d.category)
        || d.also_found
            .iter()
            .enumerate()
            .any(|(i, c)| d.also_found[..i].contains(c))
    {
        return Err(format!(
            "also_found {:?} for {:?}",
            d.also_found, d.category
        ));
    }
    if d.retry != d.category.retry() || d.title.is_empty() || d.steps.is_empty() {
        return Err(format!("retry, title or steps wrong for {:?}", d.category));
    }
    if d.truncated {
        return Err("truncated although the input is below the limit".into());
    }
    Ok(())
}

/// A whole identifier of the text (bounded by non-word bytes), at least 3 bytes, chosen by
/// `pick`: what an operator's catalog code looks like when the error names it.
fn pick_word(text: &str, pick: u8) -> Option<&str> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.len() >= 3)
        .take(256)
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words[pick as usize % words.len()])
    }
}

/// One HAR entry built from fuzzer bytes.
struct Entry {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
    /// 0 no response, 1 null response, 2 status 0, 3 200, 4 429, 5 500, 6 `"200"`, 7 200 with `_error`.
    response: u8,
}

impl Entry {
    fn failing(&self) -> bool {
        !matches!(self.response, 3)
    }
    fn status(&self) -> Option<u16> {
        match self.response {
            2 => Some(0),
            3 | 7 => Some(200),
            4 => Some(429),
            5 => Some(500),
            _ => None,
        }
    }
    fn json(&self) -> serde_json::Value {
        let headers: Vec<serde_json::Value> = self
            .headers
            .iter()
            .map(|(n, v)| serde_json::json!({"name": n, "value": v}))
            .collect();
        let mut request = serde_json::json!({
            "method": self.method,
            "url": self.url,
            "headers": headers,
        });
        if !self.body.is_empty() {
            request["postData"] =
                serde_json::json!({"mimeType": "application/json", "text": self.body});
        }
        let mut e = serde_json::json!({ "request": request });
        let resp = match self.response {
            0 => None,
            1 => Some(serde_json::Value::Null),
            6 => Some(serde_json::json!({"status": "200"})),
            7 => Some(serde_json::json!({"status": 200, "_error": "net::ERR_FAILED"})),
            _ => Some(serde_json::json!({"status": self.status()})),
        };
        if let Some(r) = resp {
            e["response"] = r;
        }
        e
    }
}

/// A valid HAR from fuzzer bytes: fields separated by NUL bytes (method, URL, a header count
/// byte and that many name/value pairs, the body, a response byte), up to 32 entries.
pub fn har_from_bytes(data: &[u8]) -> (String, Vec<(bool, Option<u16>)>) {
    let mut fields = data.split(|&b| b == 0).map(text_of);
    let mut entries = Vec::new();
    while entries.len() < 32 {
        let Some(method) = fields.next() else { break };
        let url = fields.next().unwrap_or_default();
        let n = fields.next().map_or(0, |s| s.len() % 4);
        let mut headers = Vec::new();
        for _ in 0..n {
            let name = fields.next().unwrap_or_default();
            let value = fields.next().unwrap_or_default();
            headers.push((name, value));
        }
        let body = fields.next().unwrap_or_default();
        let response = fields.next().map_or(0, |s| (s.len() % 8) as u8);
        entries.push(Entry {
            method,
            url,
            headers,
            body,
            response,
        });
    }
    let json: Vec<serde_json::Value> = entries.iter().map(Entry::json).collect();
    let har = serde_json::json!({"log": {"version": "1.2", "creator": {"name": "fuzz"}, "entries": json}});
    let mut expected: Vec<(bool, Option<u16>)> = entries
        .iter()
        .filter(|e| e.failing())
        .map(|e| (true, e.status()))
        .collect();
    expected.extend(
        entries
            .iter()
            .filter(|e| !e.failing())
            .map(|e| (false, e.status())),
    );
    (har.to_string(), expected)
}

/// A HAR built from the bytes: parsed with every entry, failing first, and still one after
/// redaction; plus the request and redaction properties on it.
pub fn check_har_built(data: &[u8]) -> Result<(), String> {
    let (har, expected) = har_from_bytes(data);
    let statuses: Vec<Option<u16>> = expected.iter().map(|e| e.1).collect();
    let p = parse_request(&har);
    if p.kind != InputKind::Har {
        return Err(format!("a HAR detected as {:?}", p.kind));
    }
    let got: Vec<Option<u16>> = p.entries.iter().map(|e| e.status).collect();
    if got != statuses {
        return Err(format!(
            "entries {got:?}, expected {statuses:?} (failing first)"
        ));
    }
    for keep_prompts in [false, true] {
        let r = redact(&har, &RedactOptions { keep_prompts });
        if !is_json(&r.text) {
            return Err(format!(
                "the redacted HAR is not JSON: {:?}",
                short(&r.text)
            ));
        }
        let again = parse_request(&r.text);
        let got: Vec<Option<u16>> = again.entries.iter().map(|e| e.status).collect();
        if again.kind != InputKind::Har || got != statuses {
            return Err(format!(
                "the redacted HAR lost entries: {:?} {got:?}, expected {statuses:?}",
                again.kind
            ));
        }
    }
    check_request(&har)?;
    check_redact(&har)
}

/// Any text as a HAR paste: the request and redaction properties, and when it is a HAR that
/// parses, its redacted copy is one with the same entries.
pub fn check_har_text(text: &str) -> Result<(), String> {
    check_request(text)?;
    check_redact(text)?;
    let p = parse_request(text);
    if p.kind != InputKind::Har || p.problems.iter().any(|x| x.id == "invalid_har") {
        return Ok(());
    }
    let statuses: Vec<Option<u16>> = p.entries.iter().map(|e| e.status).collect();
    for keep_prompts in [false, true] {
        let r = redact(text, &RedactOptions { keep_prompts });
        let again = parse_request(&r.text);
        let got: Vec<Option<u16>> = again.entries.iter().map(|e| e.status).collect();
        if again.kind != InputKind::Har || got != statuses {
            return Err(format!(
                "keep_prompts={keep_prompts}: the redacted HAR lost entries: {:?} {got:?}, expected {statuses:?}",
                again.kind
            ));
        }
    }
    Ok(())
}

/// The HAR target: the first byte chooses a built HAR (even) or the raw text (odd).
pub fn check_har(data: &[u8]) -> Result<(), String> {
    match data.split_first() {
        Some((b, rest)) if b & 1 == 0 => check_har_built(rest),
        Some((_, rest)) => check_har_text(&text_of(rest)),
        None => Ok(()),
    }
}
