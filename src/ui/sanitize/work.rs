//! The Sanitize panel's work, as plain Rust over `&str` (no browser, no clock): analyse a paste
//! in one go, or a large HAR one batch of entries at a time so the page can breathe between
//! batches. Tested natively.
//!
//! Splitting a HAR: [`HarWalker`] finds `log.entries` with a small byte-level JSON walker and
//! cuts the text after whole entries, so every piece is redacted on its own and the pieces put
//! back together are the redacted HAR, still valid JSON with every entry. Placeholders are the
//! same across pieces (a placeholder is made from the secret alone: public prefix and last four
//! characters); only the `~2` that tells apart two *different* secrets sharing prefix and last
//! four is decided per piece (see the Sanitize notes in the README).

use std::collections::HashMap;

use crate::domain::redact::{redact, RedactOptions, Redacted, Redaction};
use crate::domain::request::{parse_request, FoundKey, InputKind, ParsedRequest, Request};

/// What the panel shows for one input: everything sanitized but [`Analysis::found_key`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// The parsed request with every secret redacted (prompts per the option).
    pub parsed: ParsedRequest,
    /// The key the request sends, raw, for "check this key" (memory only, never shown).
    pub found_key: Option<FoundKey>,
    /// The whole input redacted, and what was redacted.
    pub redacted: Redacted,
}

/// Analyses `text` in one call.
pub fn analyse(text: &str, keep_prompts: bool) -> Analysis {
    let raw = parse_request(text);
    let found_key = raw.request.key.clone();
    Analysis {
        parsed: raw.sanitized(keep_prompts),
        found_key,
        redacted: redact(text, &RedactOptions { keep_prompts }),
    }
}

/// A HAR cut into pieces at entry boundaries: `cuts[0] == 0`, the last is the text's length.
/// Piece 0 ends just after the `[` of `log.entries`; the last piece starts just after the last
/// entry; every piece between holds whole entries (with the separators before them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HarSplit {
    pub cuts: Vec<usize>,
    /// Where the first entry of each middle piece starts (piece `i` for `i` in `1..len-1`).
    pub entry_starts: Vec<usize>,
    /// How many entries there are.
    pub entries: usize,
}

impl HarSplit {
    /// How many pieces.
    pub fn pieces(&self) -> usize {
        self.cuts.len() - 1
    }
}

/// Finds `log.entries` in a HAR and cuts it into pieces of about `batch_bytes` (whole
/// entries). `None` when the text is not a JSON object with a `log.entries` array of objects.
/// (The panel walks in steps with [`HarWalker`]; this is the walk in one go.)
#[cfg(test)]
pub fn split_har(text: &str, batch_bytes: usize) -> Option<HarSplit> {
    let mut w = HarWalker::new(batch_bytes);
    loop {
        match w.walk(text, usize::MAX) {
            Walk::More => {}
            Walk::Done(split) => return Some(split),
            Walk::NotHar => return None,
        }
    }
}

/// Where a [`HarWalker`] is after a [`HarWalker::walk`].
#[derive(Debug, PartialEq, Eq)]
pub enum Walk {
    /// Not done yet: call `walk` again.
    More,
    /// `log.entries` found and cut.
    Done(HarSplit),
    /// Not a HAR this walker can cut.
    NotHar,
}

/// The byte-level JSON walk of [`split_har`], resumable so a large text can be walked a few
/// megabytes at a time.
#[derive(Debug)]
pub struct HarWalker {
    batch_bytes: usize,
    i: usize,
    /// Open containers: (is_object, the key it is the value of).
    stack: Vec<(bool, Option<(usize, usize)>)>,
    last_string: Option<(usize, usize)>,
    pending_key: Option<(usize, usize)>,
    open: Option<usize>,
    entries: Vec<(usize, usize)>,
    entry_start: usize,
}

impl HarWalker {
    /// A walk from the start of a text.
    pub fn new(batch_bytes: usize) -> HarWalker {
        HarWalker {
            batch_bytes,
            i: 0,
            stack: Vec::new(),
            last_string: None,
            pending_key: None,
            open: None,
            entries: Vec::new(),
            entry_start: 0,
        }
    }

    /// Walks on over about `budget` more bytes of `text` (always the same text).
    pub fn walk(&mut self, text: &str, budget: usize) -> Walk {
        let b = text.as_bytes();
        let stop = self.i.saturating_add(budget).min(b.len());
        while self.i < stop {
            let i = self.i;
            if entries_depth(&self.stack, self.open)
                && !matches!(b[i], b'{' | b']' | b',' | b' ' | b'\t' | b'\n' | b'\r')
            {
                return Walk::NotHar;
            }
            match b[i] {
                b'"' => {
                    let s = i + 1;
                    let mut j = s;
                    loop {
                        match b.get(j) {
                            Some(b'\\') => j += 2,
                            Some(b'"') => break,
                            Some(_) => j += 1,
                            None => return Walk::NotHar,
                        }
                    }
                    self.last_string = Some((s, j));
                    self.i = j;
                }
                b':' => self.pending_key = self.last_string.take(),
                c @ (b'{' | b'[') => {
                    let key = self.pending_key.take();
                    let st = &self.stack;
                    if c == b'[' && self.open.is_none() && st.len() == 2 && st[0].0 && st[1].0 {
                        let is = |k: Option<(usize, usize)>, name: &str| {
                            k.is_some_and(|(s, e)| &text[s..e] == name)
                        };
                        if is(st[1].1, "log") && is(key, "entries") {
                            self.open = Some(i + 1);
                        }
                    }
                    if entries_depth(&self.stack, self.open) {
                        self.entry_start = i;
                    }
                    self.stack.push((c == b'{', key));
                }
                c @ (b'}' | b']') => {
                    let Some((was_object, _)) = self.stack.pop() else {
                        return Walk::NotHar;
                    };
                    if was_object != (c == b'}') {
                        return Walk::NotHar;
                    }
                    if entries_depth(&self.stack, self.open) && c == b'}' {
                        self.entries.push((self.entry_start, i + 1));
                    }
                    if let (Some(open), 2, b']') = (self.open, self.stack.len(), c) {
                        return Walk::Done(cut(text, open, i, &self.entries, self.batch_bytes));
                    }
                }
                b',' => self.last_string = None,
                _ => {}
            }
            self.i += 1;
        }
        if self.i >= b.len() {
            Walk::NotHar
        } else {
            Walk::More
        }
    }
}

/// Whether the stack is just inside `log.entries` (where entries open and close).
fn entries_depth(stack: &[(bool, Option<(usize, usize)>)], open: Option<usize>) -> bool {
    open.is_some() && stack.len() == 3 && !stack[2].0
}

fn cut(
    text: &str,
    open: usize,
    close: usize,
    entries: &[(usize, usize)],
    batch_bytes: usize,
) -> HarSplit {
    let mut cuts = vec![0, open];
    let mut entry_starts = Vec::new();
    let mut piece_start = None;
    for &(s, e) in entries {
        let first = *piece_start.get_or_insert(s);
        if e - first >= batch_bytes {
            cuts.push(e);
            entry_starts.push(first);
            piece_start = None;
        }
    }
    if let Some(first) = piece_start {
        cuts.push(entries.last().map_or(close, |&(_, e)| e));
        entry_starts.push(first);
    }
    cuts.push(text.len());
    HarSplit {
        cuts,
        entry_starts,
        entries: entries.len(),
    }
}

/// Whether a HAR entry counts as failing (shown first), from what a [`Request`] keeps.
fn failing(r: &Request) -> bool {
    r.status.is_none_or(|s| s == 0 || s >= 400)
}

/// Builds an [`Analysis`] of a split HAR one piece at a time.
#[derive(Debug)]
pub struct HarJob {
    keep_prompts: bool,
    split: HarSplit,
    next: usize,
    text: String,
    redactions: Vec<Redaction>,
    index: HashMap<(String, String), usize>,
    entries: Vec<(Request, Option<FoundKey>)>,
}

impl HarJob {
    /// A job over `split` (made from the same text the pieces are given from).
    pub fn new(split: HarSplit, len: usize, keep_prompts: bool) -> HarJob {
        HarJob {
            keep_prompts,
            split,
            next: 0,
            text: String::with_capacity(len + len / 8),
            redactions: Vec::new(),
            index: HashMap::new(),
            entries: Vec::new(),
        }
    }

    /// How many pieces are done, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.split.pieces())
    }

    /// Whether every piece is done.
    pub fn done(&self) -> bool {
        self.next >= self.split.pieces()
    }

    /// Redacts (and, for entries, parses) the next piece of `text`.
    pub fn step(&mut self, text: &str) {
        if self.done() {
            return;
        }
        let i = self.next;
        let (a, z) = (self.split.cuts[i], self.split.cuts[i + 1]);
        let r = redact(
            &text[a..z],
            &RedactOptions {
                keep_prompts: self.keep_prompts,
            },
        );
        self.text.push_str(&r.text);
        for red in r.redactions {
            let k = (red.rule.clone(), red.placeholder.clone());
            match self.index.get(&k) {
                Some(&j) => self.redactions[j].count += red.count,
                None => {
                    self.index.insert(k, self.redactions.len());
                    self.redactions.push(red);
                }
            }
        }
        if i >= 1 && i + 1 < self.split.pieces() {
            let start = self.split.entry_starts[i - 1];
            let mini = format!("{{\"log\":{{\"entries\":[{}]}}}}", &text[start..z]);
            let raw = parse_request(&mini);
            let clean = raw.sanitized(self.keep_prompts);
            self.entries.extend(
                clean
                    .entries
                    .into_iter()
                    .zip(raw.entries.into_iter().map(|e| e.key)),
            );
        }
        self.next += 1;
    }

    /// The analysis: entries failing first (each group in recorded order).
    pub fn finish(self) -> Analysis {
        let (mut first, fine): (Vec<_>, Vec<_>) =
            self.entries.into_iter().partition(|(r, _)| failing(r));
        first.extend(fine);
        let found_key = first.first().and_then(|(_, k)| k.clone());
        let entries: Vec<Request> = first.into_iter().map(|(r, _)| r).collect();
        let mut problems = Vec::new();
        if entries.is_empty() {
            problems.push(crate::domain::request::Problem {
                id: "empty_har",
                detail: "The HAR has no entries.".into(),
            });
        }
        Analysis {
            parsed: ParsedRequest {
                kind: InputKind::Har,
                request: entries.first().cloned().unwrap_or_default(),
                entries,
                problems,
            },
            found_key,
            redacted: Redacted {
                text: self.text,
                redactions: self.redactions,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: &str =
        "sk-proj-abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789T3BlbkFJabcdefghijklmnop3xQa";
    const KEY_G: &str = "AIzaSyG9i6leZk91pK7hLiCtwt6EumGom-4ukQO";

    fn har(n: usize) -> String {
        let entries: Vec<String> = (0..n)
            .map(|i| {
                let (key, status) = if i % 2 == 0 { (KEY_A, 401) } else { (KEY_G, 200) };
                format!(
                    r#"{{"request":{{"method":"POST","url":"https://api.openai.com/v1/chat/completions?i={i}","headers":[{{"name":"Authorization","value":"Bearer {key}"}}],"postData":{{"mimeType":"application/json","text":"{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"user\",\"content\":\"hello {i}\"}}]}}"}}}},"response":{{"status":{status},"content":{{"text":"[1, {{\"a\": \"]\"}}]"}}}}}}"#
                )
            })
            .collect();
        format!(
            "{{\"log\":{{\"version\":\"1.2\",\"creator\":{{\"name\":\"t\"}},\"entries\":[\n{}\n],\"pages\":[]}}}}",
            entries.join(",\n")
        )
    }

    fn run(text: &str, batch: usize) -> Analysis {
        let split = split_har(text, batch).expect("a HAR");
        let mut job = HarJob::new(split, text.len(), false);
        while !job.done() {
            job.step(text);
        }
        job.finish()
    }

    #[test]
    fn split_cuts_after_whole_entries() {
        let text = har(5);
        let s = split_har(&text, 1).unwrap();
        assert_eq!(s.entries, 5);
        // Head, five pieces of one entry each, tail.
        assert_eq!(s.pieces(), 7);
        assert!(text[..s.cuts[1]].ends_with('['));
        for (k, &start) in s.entry_starts.iter().enumerate() {
            assert!(text[start..].starts_with("{\"request\""), "piece {k}");
            assert!(text[..s.cuts[k + 2]].ends_with('}'));
        }
        let big = split_har(&text, 1 << 20).unwrap();
        assert_eq!(big.pieces(), 3);
    }

    #[test]
    fn a_walk_in_small_steps_cuts_like_one_walk() {
        let text = har(7);
        let mut w = HarWalker::new(1);
        let mut steps = 0;
        let split = loop {
            steps += 1;
            match w.walk(&text, 100) {
                Walk::More => {}
                Walk::Done(s) => break s,
                Walk::NotHar => panic!("not a HAR after {steps} steps"),
            }
        };
        assert!(steps > 10);
        assert_eq!(split, split_har(&text, 1).unwrap());
    }

    #[test]
    fn split_refuses_what_is_not_a_har() {
        assert_eq!(split_har("{\"entries\":[{}]}", 1), None);
        assert_eq!(split_har("{\"log\":{\"entries\":[1,2]}}", 1), None);
        assert_eq!(split_har("{\"log\":{\"entries\":[{\"a\":\"x}", 1), None);
        assert_eq!(split_har("not json", 1), None);
        let empty = split_har("{\"log\":{\"entries\":[]}}", 1).unwrap();
        assert_eq!(empty.entries, 0);
    }

    #[test]
    fn pieces_together_equal_one_call_and_stay_a_valid_har() {
        let text = har(9);
        let whole = analyse(&text, false);
        let pieces = run(&text, 1);
        assert_eq!(pieces.redacted.text, whole.redacted.text);
        assert!(!pieces.redacted.text.contains(&KEY_A[8..20]));
        assert!(!pieces.redacted.text.contains(&KEY_G[4..16]));
        let v: serde_json::Value = serde_json::from_str(&pieces.redacted.text).unwrap();
        assert_eq!(v["log"]["entries"].as_array().unwrap().len(), 9);
        // Same placeholders and counts as one call.
        let count = |a: &Analysis| -> usize { a.redacted.redactions.iter().map(|r| r.count).sum() };
        assert_eq!(count(&pieces), count(&whole));
        assert_eq!(pieces.parsed.entries.len(), 9);
        assert_eq!(pieces.parsed.entries, whole.parsed.entries);
        assert_eq!(pieces.parsed.request.status, Some(401));
        assert_eq!(pieces.parsed.request.model.as_deref(), Some("gpt-4o"));
        let key = pieces.found_key.expect("a key");
        assert!(key.value.contains(KEY_A));
    }
}
