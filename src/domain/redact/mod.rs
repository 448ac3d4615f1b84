//! The redaction engine: finds secrets in any pasted text (curl, HTTP, headers, JSON, code,
//! `.env`, YAML, logs, HAR) and replaces each with a stable placeholder.
//!
//! How it works, in linear time and without regular expressions:
//! 1. [`detect`] scans the text once, stopping only at bytes that can start something
//!    interesting (a key prefix at a word start, `:` or `=` after a name, `-`).
//! 2. [`view`] decodes one layer of escaping (JSON `\uXXXX`/`\/`/`\"`, percent-encoding,
//!    zero-width characters, line continuations) into a new text with a map back to the
//!    original; the detectors run again around what changed, and again on the next layer,
//!    so a key escaped at any depth is found and its original bytes replaced.
//! 3. Overlapping candidates merge (the most specific rule names the group), each secret gets
//!    its placeholder, prompt text (when not kept) becomes `[prompt: N chars]`.
//! 4. The output is scanned again; anything found is redacted in another round.
//!
//! ## Placeholders
//! The same secret gets the same placeholder everywhere in one call. A placeholder keeps at
//! most the public prefix of a known key shape and the last four characters:
//! - known shapes: `sk-proj-…3xQa`, `AIza…9Mr0`, `gsk_…FAzC`, `eyJ…7yIr` (JWT);
//! - everything else: `[REDACTED:<rule>…abcd]`, e.g. `[REDACTED:secret_field…f50c]`;
//! - secrets shorter than 16 characters keep no tail at all: `[REDACTED:password]`;
//! - two different secrets that would share a placeholder get `~2`, `~3`... appended
//!   (`sk-proj-…3xQa~2`, `[REDACTED:cookie~2…abcd]`).
//!
//! Placeholders hold no quote, backslash or space, so a redacted JSON or HAR document stays
//! valid JSON and a redacted header or `.env` line keeps its shape.

mod detect;
pub mod names;
pub mod values;
mod view;

use detect::{Cand, Scanner};
use serde::Serialize;
use std::collections::HashMap;
use view::View;

/// Options for [`redact`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RedactOptions {
    /// Keep prompt contents (`messages[].content`, `prompt`, `input`, `system`...) in request
    /// bodies. Default `false`: each is replaced by `[prompt: N chars]`.
    pub keep_prompts: bool,
}

/// One kind of redaction made: which rule fired, the placeholder it left, how many times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Redaction {
    pub rule: String,
    pub placeholder: String,
    pub count: usize,
}

/// The redacted text and what was redacted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Redacted {
    pub text: String,
    pub redactions: Vec<Redaction>,
}

/// A secret found by [`scan`]: byte offsets into the scanned text and the rule that fired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub start: usize,
    pub end: usize,
}

/// How many decoded layers are examined (each layer is one level of escaping).
const MAX_DEPTH: usize = 8;
/// In a decoded view, scan from this far before each change...
const WINDOW_BACK: usize = 1024;
/// ...to this far after it.
const WINDOW_FWD: usize = 512;
/// Redaction rounds after the first before giving up on a stubborn span.
const MAX_ROUNDS: usize = 3;

/// Candidates over `text`, in its own byte offsets, from every decoded layer.
fn candidates(text: &str, prompts: bool) -> Vec<Cand> {
    let mut sc = Scanner::new(text, prompts);
    sc.scan(0, text.len());
    let mut out = sc.out;
    let mut views: Vec<View> = Vec::new();
    while views.len() < MAX_DEPTH {
        let parent: &str = views.last().map_or(text, |v| v.text.as_str());
        let Some(v) = View::decode(parent) else {
            break;
        };
        let mut sc = Scanner::new(&v.text, prompts);
        for (a, e) in v.windows(WINDOW_BACK, WINDOW_FWD) {
            sc.scan(a, e);
        }
        let found = sc.out;
        views.push(v);
        'found: for mut c in found {
            let (mut s, mut e, mut a) = (c.start, c.end, c.anchor);
            let mut clamped = false;
            for v in views.iter().rev() {
                // A match read from decoded string content ends with that string, in every
                // layer: replacing it never eats the quote that closes the string.
                let Some((cs, ce, cut)) = v.confine(a, s, e) else {
                    continue 'found;
                };
                clamped |= cut;
                s = v.start_in_parent(cs);
                e = v.end_in_parent(ce);
                a = v.start_in_parent(a);
            }
            if e > s {
                if clamped {
                    // A prompt's length no longer fits its span; a secret is named by what
                    // is left of it.
                    if is_prompt(&c) {
                        continue;
                    }
                    c.canon = text.get(s..e).unwrap_or_default().to_string();
                }
                c.start = s;
                c.end = e;
                out.push(c);
            }
        }
    }
    out
}

/// A merged span to replace.
#[derive(Debug)]
struct Group {
    start: usize,
    end: usize,
    best: Cand,
}

fn is_prompt(c: &Cand) -> bool {
    c.prompt_chars.is_some()
}

/// Merges overlapping candidates; the most specific secret rule names the group, a prompt
/// that covers secrets swallows them.
fn merge(mut cands: Vec<Cand>) -> Vec<Group> {
    crate::domain::sort::sort_by(&mut cands, |a, b| {
        a.start.cmp(&b.start).then(b.end.cmp(&a.end))
    });
    let mut groups: Vec<Group> = Vec::new();
    for c in cands {
        if let Some(g) = groups.last_mut() {
            if c.start < g.end {
                let covers = c.start <= g.start && c.end >= g.end;
                let better = match (is_prompt(&g.best), is_prompt(&c)) {
                    (true, true) => c.prompt_chars > g.best.prompt_chars,
                    (true, false) => c.end > g.end, // a secret sticking out of a prompt
                    (false, true) => covers,
                    (false, false) => {
                        c.prio > g.best.prio
                            || (c.prio == g.best.prio
                                && c.end - c.start > g.best.end - g.best.start)
                    }
                };
                g.end = g.end.max(c.end);
                if better {
                    g.best = c;
                }
                continue;
            }
        }
        groups.push(Group {
            start: c.start,
            end: c.end,
            best: c,
        });
    }
    groups
}

/// Fully decodes a secret so the same key gets the same placeholder whatever its escaping.
fn canonical(s: &str) -> String {
    let mut cur: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    for _ in 0..MAX_DEPTH {
        match View::decode(&cur) {
            Some(v) => cur = v.text.chars().filter(|c| !c.is_whitespace()).collect(),
            None => break,
        }
    }
    cur
}

/// The last four characters when the secret is long enough and they are plain.
fn tail4(canon: &str) -> String {
    let n = canon.chars().count();
    if n < 16 {
        return String::new();
    }
    let tail: String = canon.chars().skip(n - 4).collect();
    let plain = tail
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'+' | b'/' | b'=' | b'.'));
    if plain {
        tail
    } else {
        String::new()
    }
}

/// Assigns placeholders: same secret, same placeholder; different secrets, different ones.
#[derive(Default)]
struct Registry {
    by_secret: HashMap<String, String>,
    taken: HashMap<String, String>,
}

impl Registry {
    fn placeholder(&mut self, rule: &str, prefix: &str, canon: String) -> String {
        if let Some(p) = self.by_secret.get(&canon) {
            return p.clone();
        }
        let tail = tail4(&canon);
        let keep_prefix =
            !prefix.is_empty() && canon.starts_with(prefix) && canon.len() >= prefix.len() + 8;
        let make = |n: usize| {
            let suffix = if n > 1 {
                format!("~{n}")
            } else {
                String::new()
            };
            if keep_prefix {
                format!("{prefix}…{tail}{suffix}")
            } else if tail.is_empty() {
                format!("[REDACTED:{rule}{suffix}]")
            } else {
                format!("[REDACTED:{rule}{suffix}…{tail}]")
            }
        };
        let mut n = 1;
        let mut p = make(n);
        while self.taken.get(&p).is_some_and(|owner| *owner != canon) {
            n += 1;
            p = make(n);
        }
        self.taken.insert(p.clone(), canon.clone());
        self.by_secret.insert(canon, p.clone());
        p
    }
}

/// Replaces `groups` in `text`, recording each placeholder.
fn apply(
    text: &str,
    groups: Vec<Group>,
    reg: &mut Registry,
    list: &mut Vec<Redaction>,
    index: &mut HashMap<String, usize>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for g in groups {
        if g.start < pos
            || g.end > text.len()
            || !text.is_char_boundary(g.start)
            || !text.is_char_boundary(g.end)
        {
            continue;
        }
        out.push_str(&text[pos..g.start]);
        let (rule, placeholder) = match g.best.prompt_chars {
            Some(n) => ("prompt", format!("[prompt: {n} chars]")),
            None => {
                let canon = if g.best.start == g.start && g.best.end == g.end {
                    canonical(&g.best.canon)
                } else {
                    canonical(&text[g.start..g.end])
                };
                let canon = if canon.is_empty() {
                    canonical(&g.best.canon)
                } else {
                    canon
                };
                (
                    g.best.rule,
                    reg.placeholder(g.best.rule, g.best.prefix, canon),
                )
            }
        };
        out.push_str(&placeholder);
        match index.get(&placeholder) {
            Some(&i) => list[i].count += 1,
            None => {
                index.insert(placeholder.clone(), list.len());
                list.push(Redaction {
                    rule: rule.to_string(),
                    placeholder,
                    count: 1,
                });
            }
        }
        pos = g.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Secrets present in `text`: what redaction would replace (prompts aside), with byte
/// offsets. Used as the final re-scan and by the support bundle's leak guard.
pub fn scan(text: &str) -> Vec<Finding> {
    merge(candidates(text, false))
        .into_iter()
        .filter(|g| !is_prompt(&g.best))
        .map(|g| Finding {
            rule: g.best.rule.to_string(),
            start: g.start,
            end: g.end,
        })
        .collect()
}

/// Redacts every secret in `text` (and prompt text unless `opts.keep_prompts`), then scans the
/// result again and redacts whatever is still found.
pub fn redact(text: &str, opts: &RedactOptions) -> Redacted {
    let mut reg = Registry::default();
    let mut list = Vec::new();
    let mut index = HashMap::new();
    let groups = merge(candidates(text, !opts.keep_prompts));
    let mut out = apply(text, groups, &mut reg, &mut list, &mut index);
    for _ in 0..MAX_ROUNDS {
        let groups: Vec<Group> = merge(candidates(&out, false))
            .into_iter()
            .filter(|g| !is_prompt(&g.best))
            .collect();
        if groups.is_empty() {
            return Redacted {
                text: out,
                redactions: list,
            };
        }
        out = apply(&out, groups, &mut reg, &mut list, &mut index);
    }
    // Last resort: whatever the detectors still see is blanked without a tail.
    let findings = scan(&out);
    if !findings.is_empty() {
        let mut s = String::with_capacity(out.len());
        let mut pos = 0;
        for f in findings {
            if f.start < pos || !out.is_char_boundary(f.start) || !out.is_char_boundary(f.end) {
                continue;
            }
            s.push_str(&out[pos..f.start]);
            s.push_str("[REDACTED]");
            pos = f.end;
        }
        s.push_str(&out[pos..]);
        out = s;
    }
    Redacted {
        text: out,
        redactions: list,
    }
}

/// Whether `text` contains any `n`-character piece of `secret` (the leak guard's check for the
/// key a user typed). Pieces are compared after removing whitespace and zero-width characters
/// from `text`. A secret shorter than `n` is looked for whole.
pub fn contains_piece(text: &str, secret: &str, n: usize) -> bool {
    let secret: Vec<char> = secret.chars().filter(|c| !c.is_whitespace()).collect();
    if secret.is_empty() || n == 0 {
        return false;
    }
    let hay: String = match View::decode(text) {
        Some(v) => v.text,
        None => text.to_string(),
    };
    if secret.len() <= n {
        let s: String = secret.iter().collect();
        return hay.contains(&s);
    }
    secret.windows(n).any(|w| {
        let piece: String = w.iter().collect();
        hay.contains(&piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_scheme() {
        let mut r = Registry::default();
        let a = r.placeholder(
            "openai_project_key",
            "sk-proj-",
            "sk-proj-abcdefghijklmnop3xQa".into(),
        );
        assert_eq!(a, "sk-proj-…3xQa");
        let b = r.placeholder(
            "openai_project_key",
            "sk-proj-",
            "sk-proj-zzzzzzzzzzzzzzzz3xQa".into(),
        );
        assert_eq!(b, "sk-proj-…3xQa~2");
        let c = r.placeholder("password", "", "hunter22".into());
        assert_eq!(c, "[REDACTED:password]");
        let d = r.placeholder("secret_field", "", "0123456789abcdef0123".into());
        assert_eq!(d, "[REDACTED:secret_field…0123]");
    }

    #[test]
    fn basics() {
        let r = redact(
            "key=AIzaSyG9i6leZk91pK7hLiCtwt6EumGom-4ukQO",
            &RedactOptions::default(),
        );
        assert_eq!(r.text, "key=AIza…ukQO");
        assert_eq!(r.redactions[0].rule, "google_api_key");
    }

    /// A name decoded from inside a JSON string (`\"content\": `) whose string then ends: the
    /// value read after it must not be what follows the closing quote, at any escaping depth
    /// or encoding (the `har` fuzz finding `har_prompt_span_past_string_end`).
    #[test]
    fn decoded_match_stays_in_its_string() {
        let cases = [
            r#"{"a":"{\"content\": ","b":"hello there"}"#,
            r#"{"a":"[{\"role\":\"user\",\"content\": ","b":"x"}"#,
            r#"{"a":"{\\\"content\\\": ","b":"x"}"#,
            r#"{"u":"https://x?q=%22content%22%3A%20","b":"x"}"#,
        ];
        for c in cases {
            let r = redact(c, &RedactOptions::default());
            assert_eq!(r.text, c, "nothing to redact in {c}");
        }
        // Matches inside the decoded string, or around the parent's own structure, stay.
        let r = redact(
            r#"{"a":"{\"content\":\"hi there\"}","name": "api\u005fkey", "value": "Zq8Xw7Cv6Bn5Mm4Ll3Kk2Jj1"}"#,
            &RedactOptions::default(),
        );
        assert_eq!(
            r.text,
            r#"{"a":"{\"content\":\"[prompt: 8 chars]\"}","name": "api\u005fkey", "value": "[REDACTED:secret_field…2Jj1]"}"#
        );
    }

    /// A PEM private key is redacted from its header to its `-----END`, raw or inside one
    /// string, but never across a `"`: a header in one JSON string and an `-----END` in a later
    /// one is an unterminated key (not matched, as without any `-----END`), not one key
    /// spanning the JSON between them. A redacted key's placeholder is no key on the re-scan.
    #[test]
    fn private_key_stays_in_its_string() {
        const BODY: [&str; 3] = [
            "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEApU3KGCUwux1tEyze",
            "1iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p/tqg7ui5mX9cfCmZ/a/lkyU81lSv",
            "TfrXFCegrrP+6SMvivIhH57kkcWxC+y1Vjv8Hm+T",
        ];
        let raw = BODY.join("\n");
        let esc = BODY.join("\\n");
        let begin = "-----BEGIN PRIVATE KEY-----";
        let end = "-----END PRIVATE KEY-----";
        let ph = "[REDACTED:private_key…Hm+T]";
        let cases: Vec<(String, String)> = vec![
            // Raw multi-line PEM in plain text, and an RSA one in a log line.
            (
                format!("{begin}\n{raw}\n{end}\n"),
                format!("{begin}{ph}{end}\n"),
            ),
            (
                format!("key:\n-----BEGIN RSA PRIVATE KEY-----\n{raw}\n-----END RSA PRIVATE KEY-----\nok"),
                format!("key:\n-----BEGIN RSA PRIVATE KEY-----{ph}-----END RSA PRIVATE KEY-----\nok"),
            ),
            // A multi-line double-quoted `.env` value: the `"` comes after the `-----END`.
            (
                format!("PEM=\"{begin}\n{raw}\n{end}\"\n"),
                format!("PEM=\"{begin}{ph}{end}\"\n"),
            ),
            // One JSON string with `\n` escapes, and one escaped again inside another string.
            (
                format!(r#"{{"k":"{begin}\n{esc}\n{end}\n","b":"x"}}"#),
                format!(r#"{{"k":"{begin}{ph}{end}\n","b":"x"}}"#),
            ),
            (
                format!(r#"{{"t":"{{\"k\":\"{begin}\\n{}\\n{end}\"}}"}}"#, BODY.join("\\\\n")),
                format!(r#"{{"t":"{{\"k\":\"{begin}{ph}{end}\"}}"}}"#),
            ),
            // The header's string ends before any `-----END`: nothing spans the JSON between.
            (
                format!(r#"{{"a":"{begin}\n{esc}","b":"x","c":"y{end}"}}"#),
                format!(r#"{{"a":"{begin}\n{esc}","b":"x","c":"y{end}"}}"#),
            ),
            (
                format!(r#"{{"t":"{{\"a\":\"{begin}\\n{}\",\"b\":\"{end}\"}}"}}"#, BODY[0]),
                format!(r#"{{"t":"{{\"a\":\"{begin}\\n{}\",\"b\":\"{end}\"}}"}}"#, BODY[0]),
            ),
            // ...and a whole key in a later string is still redacted, alone.
            (
                format!(r#"{{"a":"{begin}\n{}","b":"{begin}\n{esc}\n{end}"}}"#, BODY[0]),
                format!(r#"{{"a":"{begin}\n{}","b":"{begin}{ph}{end}"}}"#, BODY[0]),
            ),
            // Unterminated, raw or in its string: not matched (as before).
            (format!("{begin}\n{raw}\n"), format!("{begin}\n{raw}\n")),
            (
                format!(r#"{{"a":"{begin}\n{esc}"}}"#),
                format!(r#"{{"a":"{begin}\n{esc}"}}"#),
            ),
            // A masked body (a placeholder already) is no key.
            (format!("{begin}{ph}{end}"), format!("{begin}{ph}{end}")),
        ];
        for (input, want) in &cases {
            let r = redact(input, &RedactOptions::default());
            assert_eq!(&r.text, want, "redacting {input:?}");
            assert!(scan(&r.text).is_empty(), "re-scan of {:?}", r.text);
            if input.starts_with('{') {
                let v = serde_json::from_str::<serde_json::Value>(&r.text);
                assert!(v.is_ok(), "not JSON: {:?}", r.text);
            }
        }
    }
}
