//! The detectors: one linear pass over a text that stops only at interesting bytes (a word
//! start that may begin a key prefix, `:` and `=` after a name, `-`), then small hand-written
//! validators. No regular expressions.
//!
//! Detectors, each producing candidate spans with a rule id:
//! - key shapes from [`crate::domain::provider::KEY_SHAPES`] and JWTs, joined across a
//!   terminal's hard line wrap when the shape fixes the key's length;
//! - values under secret-bearing names (`name: value`, `name=value`, `"name": "value"`,
//!   HAR `{"name": ..., "value": ...}` pairs), with `Authorization` schemes and cookie lists;
//! - `Bearer <token>` anywhere, credentials in URLs, curl `-u user:pass`, Slack webhooks,
//!   PEM private keys;
//! - prompt text in request bodies (when prompts are not kept).

use super::names::{classify, NameKind};
use super::values::{
    classes, is_masked, is_password_value, is_placeholder, is_reference, is_repetitive,
    is_secret_value, looks_random,
};
use crate::domain::provider::{match_shape, shape_may_start, Charset};
use std::cell::Cell;

/// Longest secret value read after a name (bytes).
const SECRET_CAP: usize = 16 * 1024;
/// Longest prompt string read (bytes).
const PROMPT_CAP: usize = 16 * 1024 * 1024;

/// A candidate span in the scanned text.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    /// Higher wins when candidates overlap.
    pub prio: u8,
    /// Public prefix the placeholder may keep.
    pub prefix: &'static str,
    /// The secret as the detector saw it (line wraps removed).
    pub canon: String,
    /// For prompt text: its length in characters.
    pub prompt_chars: Option<usize>,
    /// Where the detector started reading (the word start, `:`, `=` or `-` it stopped at):
    /// a match from a decoded view stays in the string this lies in (`View::confine`).
    pub anchor: usize,
}

/// Priorities: specific shapes beat context rules.
pub(crate) const PRIO_SHAPE: u8 = 5;
const PRIO_URL: u8 = 4;
const PRIO_SCHEME: u8 = 3;
const PRIO_FIELD: u8 = 2;

/// Bytes that may start something at a word start (key prefixes, `eyJ`, `Bearer`, `hooks.`).
static START: [bool; 256] = {
    let mut t = [false; 256];
    let starts = b"srwAGyghxptfnebB";
    let mut i = 0;
    while i < starts.len() {
        t[starts[i] as usize] = true;
        i += 1;
    }
    t
};

/// Bytes that end an unquoted value.
static TERM: [bool; 256] = {
    let mut t = [false; 256];
    let s = b" \t\r\n\"'`,;&)]}([{<>\\|";
    let mut i = 0;
    while i < s.len() {
        t[s[i] as usize] = true;
        i += 1;
    }
    t
};

#[inline]
fn is_quote(b: u8) -> bool {
    b == b'"' || b == b'\'' || b == b'`'
}

#[inline]
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.'
}

/// A name found before a separator.
#[derive(Clone, Copy)]
struct Name {
    start: usize,
    end: usize,
    quoted: bool,
}

/// A value found after a separator.
#[derive(Clone, Copy)]
struct Val {
    start: usize,
    end: usize,
    quote: Option<u8>,
}

pub(crate) struct Scanner<'a> {
    s: &'a str,
    b: &'a [u8],
    prompts: bool,
    pub out: Vec<Cand>,
    /// Separators before this offset are inside a long value already read: skipped, so
    /// `key=key=key=…` costs linear time, not quadratic.
    skip_until: usize,
    /// Cache for the end of a base64url run: (from, end) with no other byte in between.
    b64_run: Cell<(usize, usize)>,
    /// Cache for the next `-----END`: (searched from, position or `usize::MAX`).
    pem_end: Cell<(usize, usize)>,
    /// Cache for the next `"` after a `-----BEGIN`: (searched from, position or `usize::MAX`).
    pem_quote: Cell<(usize, usize)>,
    /// The byte the current detector started from (see [`Cand::anchor`]).
    anchor: usize,
}

/// Values longer than this mark their span as read (see `Scanner::skip_until`).
const LONG_VALUE: usize = 256;

impl<'a> Scanner<'a> {
    /// A scanner over `s`; `prompts` = also report prompt text.
    pub fn new(s: &'a str, prompts: bool) -> Scanner<'a> {
        Scanner {
            s,
            b: s.as_bytes(),
            prompts,
            out: Vec::new(),
            skip_until: 0,
            b64_run: Cell::new((usize::MAX, 0)),
            pem_end: Cell::new((usize::MAX, 0)),
            pem_quote: Cell::new((usize::MAX, 0)),
            anchor: 0,
        }
    }

    /// Moves `k` forward to a char boundary (never past the end).
    fn fix(&self, k: usize) -> usize {
        let mut k = k.min(self.b.len());
        while k < self.b.len() && !self.s.is_char_boundary(k) {
            k += 1;
        }
        k
    }

    fn escaped(&self, pos: usize) -> bool {
        let mut n = 0;
        let mut j = pos;
        while j > 0 && self.b[j - 1] == b'\\' {
            n += 1;
            j -= 1;
        }
        n % 2 == 1
    }

    fn push(
        &mut self,
        start: usize,
        end: usize,
        rule: &'static str,
        prio: u8,
        prefix: &'static str,
    ) {
        let (start, end) = (self.fix(start), self.fix(end));
        if end <= start {
            return;
        }
        let canon = self.s[start..end].to_string();
        self.out.push(Cand {
            start,
            end,
            rule,
            prio,
            prefix,
            canon,
            prompt_chars: None,
            anchor: self.anchor,
        });
    }

    /// Scans bytes `from..to` (detectors may read past `to`). Words are skipped whole after
    /// their first byte, so ordinary text costs one table lookup per byte.
    pub fn scan(&mut self, from: usize, to: usize) {
        let b = self.b;
        let to = to.min(b.len());
        let mut i = from;
        // Inside a word already at `from`: skip to its end.
        if i > 0 && i < to && b[i - 1].is_ascii_alphanumeric() {
            while i < to && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
        }
        while i < to {
            let c = b[i];
            if c.is_ascii_alphanumeric() {
                if START[c as usize] {
                    self.anchor = i;
                    if let Some(end) = self.word_start(i) {
                        i = end.max(i + 1);
                        continue;
                    }
                }
                i += 1;
                while i < to && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                continue;
            }
            match c {
                b':' | b'=' => {
                    self.anchor = i;
                    self.separator(i);
                }
                b'-' => {
                    self.anchor = i;
                    self.dash(i);
                }
                _ => {}
            }
            i += 1;
        }
    }

    // ---- word starts: key shapes, JWTs, Bearer, Slack webhooks --------------------------

    fn word_start(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        let c = b[i];
        if c == b'e' && b[i..].starts_with(b"eyJ") {
            if let Some(end) = self.jwt_end(i) {
                if end - i >= 30 {
                    self.push(i, end, "jwt", PRIO_SHAPE, "eyJ");
                    return Some(end);
                }
            }
        }
        if shape_may_start(c) {
            if let Some(end) = self.shape_at(i) {
                return Some(end);
            }
        }
        if (c == b'b' || c == b'B')
            && b.len() >= i + 7
            && b[i..i + 6].eq_ignore_ascii_case(b"bearer")
        {
            self.bearer(i + 6);
        }
        if c == b'h' && b[i..].starts_with(b"hooks.slack.com/services/") {
            let st = i + 25;
            let n = b[st..]
                .iter()
                .take_while(|&&x| x.is_ascii_alphanumeric() || x == b'/' || x == b'_' || x == b'-')
                .count();
            if n >= 20 {
                self.push(st, st + n, "slack_webhook", PRIO_SHAPE, "");
                return Some(st + n);
            }
        }
        None
    }

    /// End of the base64url run starting at `p` (cached, so overlapping runs cost once).
    fn b64_end(&self, p: usize) -> usize {
        let (from, end) = self.b64_run.get();
        if from <= p && p <= end {
            return end;
        }
        let n = self.b[p.min(self.b.len())..]
            .iter()
            .take_while(|&&c| Charset::B64Url.has(c))
            .count();
        let end = p + n;
        self.b64_run.set((p, end));
        end
    }

    /// End of a JWT (`eyJ…`.`…`.`…`) starting at `i`.
    fn jwt_end(&self, i: usize) -> Option<usize> {
        let b = self.b;
        let h = self.b64_end(i);
        if h - i < 10 || b.get(h) != Some(&b'.') {
            return None;
        }
        let p = self.b64_end(h + 1);
        if p - h - 1 < 4 || b.get(p) != Some(&b'.') {
            return None;
        }
        Some(self.b64_end(p + 1))
    }

    fn shape_at(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        let m = match_shape(&b[i..])?;
        let plen = m.shape.prefix.len();
        let body = &b[i + plen..i + m.len];
        if body.len() < m.shape.min_body {
            return None;
        }
        let body_str = &self.s[i + plen..i + m.len];
        // Key bodies are random: only a repetitive body (`sk-xxxx…`) is a placeholder here.
        if is_repetitive(body_str) {
            return None;
        }
        let (lo, up, dg) = classes(body_str);
        if !((lo || up) && (dg || (lo && up))) {
            // No digit and one case (`sk-learn-…`): neither is any key starting inside this
            // body, so the whole run is skipped.
            return Some(i + m.len);
        }
        let mut end = i + m.len;
        let mut canon = self.s[i..end].to_string();
        // A key hard-wrapped by a terminal: continue on the next lines while the shape's
        // fixed length is not reached.
        if let Some(full) = m.full_len {
            let mut total = m.len;
            while total < full {
                let nl = match (b.get(end), b.get(end + 1)) {
                    (Some(b'\n'), _) => 1,
                    (Some(b'\r'), Some(b'\n')) => 2,
                    _ => break,
                };
                let ls = end + nl;
                let need = full - total;
                let run = b[ls..]
                    .iter()
                    .take_while(|&&x| m.shape.charset.has(x))
                    .count();
                if run == 0 || run > need || (run < 8 && run < need) {
                    break;
                }
                if matches!(b.get(ls + run), Some(b'=') | Some(b':')) {
                    break;
                }
                canon.push_str(&self.s[ls..ls + run]);
                total += run;
                end = ls + run;
            }
        }
        self.out.push(Cand {
            start: i,
            end,
            rule: m.rule,
            prio: PRIO_SHAPE,
            prefix: m.shape.prefix,
            canon,
            prompt_chars: None,
            anchor: self.anchor,
        });
        Some(end)
    }

    /// `Bearer <token>` outside any header: the token must look random.
    fn bearer(&mut self, j: usize) {
        let b = self.b;
        let mut k = j;
        while k < b.len() && (b[k] == b' ' || b[k] == b'\t') {
            k += 1;
        }
        if k == j {
            return;
        }
        let st = k;
        while k < b.len() && !TERM[b[k] as usize] && k - st < SECRET_CAP {
            k += 1;
        }
        let k = self.fix(k);
        let tok = &self.s[st..k];
        if looks_random(tok, 16) && is_secret_value(tok, 16) {
            self.push(st, k, "bearer", PRIO_SCHEME, "");
        }
    }

    // ---- `-`: PEM private keys, curl -u ----------------------------------------------------

    fn dash(&mut self, i: usize) {
        let b = self.b;
        if b[i..].starts_with(b"-----BEGIN ") {
            self.private_key(i);
            return;
        }
        let at_arg = i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n');
        if !at_arg {
            return;
        }
        let rest = &b[i..];
        let j = if rest.starts_with(b"-u ") || rest.starts_with(b"-u'") || rest.starts_with(b"-u\"")
        {
            i + 2
        } else if rest.starts_with(b"--user ") || rest.starts_with(b"--user=") {
            i + 7
        } else {
            return;
        };
        let Some(v) = self.value_at(j, SECRET_CAP) else {
            return;
        };
        let val = &self.s[v.start..v.end];
        if let Some(colon) = val.find(':') {
            let pw = &val[colon + 1..];
            if is_password_value(pw, 3) {
                self.push(v.start + colon + 1, v.end, "basic_auth", PRIO_URL, "");
            }
        }
    }

    fn private_key(&mut self, i: usize) {
        let b = self.b;
        let hdr_lim = (i + 100).min(b.len());
        let Some(close) = find(&b[i + 11..hdr_lim], b"-----") else {
            return;
        };
        let hdr_end = i + 11 + close + 5;
        if find(&b[i..hdr_end], b"PRIVATE KEY").is_none() {
            return;
        }
        // The next `-----END` at or after hdr_end, searched once for many headers.
        let end = self.next_at(&self.pem_end, hdr_end, b"-----END");
        if end == usize::MAX || end - hdr_end > 64 * 1024 {
            return;
        }
        // A key, header included, holds no `"` (escaped or not): in JSON its newlines are
        // `\n`, so a `"` before the `-----END` closes the string the header is in. Reading on
        // would swallow JSON up to an `-----END` in a later string; within its string the key
        // is unterminated, and an unterminated key is not matched.
        if self.next_at(&self.pem_quote, i, b"\"") < end {
            return;
        }
        // A body already masked (a placeholder from an earlier round, `…`) is no key; a
        // placeholder is short, so only short bodies are read, keeping many headers linear.
        let body = &self.s[hdr_end..end];
        if body.len() <= 64 && is_masked(body) {
            return;
        }
        self.push(hdr_end, end, "private_key", PRIO_SHAPE, "");
    }

    /// The next `needle` at or after `from` (`usize::MAX` if none), cached in `cache` as
    /// (searched from, found), so many searches from nearby offsets read the text once.
    fn next_at(&self, cache: &Cell<(usize, usize)>, from: usize, needle: &[u8]) -> usize {
        let (searched, found) = cache.get();
        if searched <= from && (found == usize::MAX || found >= from) {
            return found;
        }
        let f = find(&self.b[from..], needle).map_or(usize::MAX, |e| from + e);
        cache.set((from, f));
        f
    }

    // ---- `:` and `=`: names and values ------------------------------------------------------

    fn separator(&mut self, i: usize) {
        if i < self.skip_until {
            return;
        }
        let b = self.b;
        let c = b[i];
        let next = b.get(i + 1).copied();
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let mut j = i + 1;
        if c == b'=' {
            if next == Some(b'=') || matches!(prev, b'=' | b'!' | b'<' | b'>') {
                return;
            }
            if next == Some(b'>') {
                j += 1;
            }
        } else {
            if next == Some(b':') || prev == b':' {
                return;
            }
            if b[i + 1..].starts_with(b"//") {
                self.url_credentials(i);
                return;
            }
            if next == Some(b'=') {
                j += 1;
            }
        }
        let Some(name) = self.name_before(i) else {
            return;
        };
        let name_str = &self.s[name.start..name.end];
        let kind = classify(name_str);
        match kind {
            NameKind::Other => {}
            NameKind::Secret | NameKind::Password => {
                if let Some(v) = self.value_at(j, SECRET_CAP) {
                    self.mark_read(v.start, v.end);
                    self.named_value(name_str, kind, v);
                }
            }
            NameKind::Authorization => {
                if c == b':' {
                    self.auth_value(j);
                } else if let Some(v) = self.value_at(j, SECRET_CAP) {
                    self.mark_read(v.start, v.end);
                    self.named_value(name_str, NameKind::Secret, v);
                }
            }
            NameKind::Cookie | NameKind::SetCookie => {
                if c == b':' {
                    if let Some((a, e)) = self.region(j) {
                        self.skip_until = self.skip_until.max(e);
                        self.cookie_list(a, e, kind == NameKind::SetCookie);
                    }
                }
            }
            NameKind::Prompt => {
                if self.prompts {
                    self.prompt_value(j);
                }
            }
            NameKind::Text => {
                if self.prompts && self.text_in_part(name) {
                    self.prompt_value(j);
                } else if self.prompts {
                    self.text_before_type(j);
                }
            }
            NameKind::HarName => {
                if c == b':' && name.quoted {
                    self.har_pair(j);
                }
            }
        }
    }

    fn name_before(&self, i: usize) -> Option<Name> {
        let b = self.b;
        let mut j = i;
        let mut k = 0;
        while j > 0 && (b[j - 1] == b' ' || b[j - 1] == b'\t') && k < 16 {
            j -= 1;
            k += 1;
        }
        if j == 0 {
            return None;
        }
        let q = b[j - 1];
        if is_quote(q) {
            let close = j - 1;
            if self.escaped(close) {
                return None;
            }
            return self.quoted_back(close, q);
        }
        if q == b']' && j >= 2 && is_quote(b[j - 2]) {
            // os.environ["NAME"] = ..., ENV['NAME'] = ...
            let n = self.quoted_back(j - 2, b[j - 2])?;
            if n.start >= 2 && b[n.start - 2] == b'[' {
                return Some(n);
            }
            return None;
        }
        let end = j;
        while j > 0 && is_name_byte(b[j - 1]) && end - j < 100 {
            j -= 1;
        }
        // `\nSet-Cookie:` inside a JSON string: the `n` belongs to the escape.
        if j < end
            && j > 0
            && b[j - 1] == b'\\'
            && self.escaped(j)
            && matches!(b[j], b'n' | b't' | b'r' | b'b' | b'f')
        {
            j += 1;
        }
        if j == end {
            return None;
        }
        Some(Name {
            start: j,
            end,
            quoted: false,
        })
    }

    /// A quoted name whose closing quote is at `close`.
    fn quoted_back(&self, close: usize, q: u8) -> Option<Name> {
        let b = self.b;
        let lo = close.saturating_sub(100);
        let mut o = close;
        while o > lo {
            o -= 1;
            if b[o] == q {
                if o + 1 == close {
                    return None;
                }
                return Some(Name {
                    start: o + 1,
                    end: close,
                    quoted: true,
                });
            }
            if b[o] == b'\n' {
                return None;
            }
        }
        None
    }

    /// The value starting at `j` (after optional blanks): a quoted string's content, or an
    /// unquoted token.
    fn value_at(&self, j: usize, cap: usize) -> Option<Val> {
        let b = self.b;
        let mut j = j;
        let mut k = 0;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') && k < 16 {
            j += 1;
            k += 1;
        }
        if j >= b.len() {
            return None;
        }
        // Python/JS string prefixes: f"...", r'...', b"...".
        if matches!(b[j], b'f' | b'r' | b'b' | b'u' | b'F' | b'R' | b'B' | b'U')
            && b.get(j + 1).is_some_and(|&x| x == b'"' || x == b'\'')
        {
            j += 1;
        }
        if is_quote(b[j]) {
            let q = b[j];
            let st = j + 1;
            let mut k = st;
            while k < b.len() && k - st < cap {
                let x = b[k];
                if x == b'\\' {
                    k += 2;
                    continue;
                }
                // A bare `"` ends a `'`/`` ` `` value too: a key holds none, and in code
                // pasted inside a JSON string (a HAR body) it closes that string, so reading on
                // would swallow JSON up to the next `'`.
                if x == q || (x == b'\n' && q != b'`') || (x == b'"' && q != b'"') {
                    break;
                }
                k += 1;
            }
            let k = self.fix(k);
            return Some(Val {
                start: st,
                end: k,
                quote: Some(q),
            });
        }
        let st = j;
        let mut k = st;
        while k < b.len() && !TERM[b[k] as usize] && k - st < cap {
            k += 1;
        }
        let k = self.fix(k);
        if k == st {
            return None;
        }
        Some(Val {
            start: st,
            end: k,
            quote: None,
        })
    }

    /// Trims blanks inside a value span.
    fn trimmed(&self, a: usize, e: usize) -> (usize, usize) {
        let b = self.b;
        let (mut a, mut e) = (a, e);
        while a < e && b[a].is_ascii_whitespace() {
            a += 1;
        }
        while e > a && b[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        (a, e)
    }

    fn named_value(&mut self, name: &str, kind: NameKind, v: Val) {
        let (a, e) = self.trimmed(v.start, v.end);
        let val = &self.s[a..e];
        let ok = if kind == NameKind::Password {
            is_password_value(val, 4)
        } else {
            is_secret_value(val, 8)
        };
        if !ok {
            return;
        }
        let lname = name.to_ascii_lowercase();
        let hex32 = val.len() == 32 && val.bytes().all(|c| c.is_ascii_hexdigit());
        let (rule, prio) = if hex32 && (lname.contains("azure") || lname == "api-key") {
            ("azure_api_key", PRIO_SCHEME)
        } else if lname.contains("aws") && lname.contains("secret") {
            ("aws_secret_key", PRIO_SCHEME)
        } else if kind == NameKind::Password {
            ("password", PRIO_FIELD)
        } else {
            ("secret_field", PRIO_FIELD)
        };
        self.push(a, e, rule, prio, "");
    }

    /// The rest of a header value: a quoted string's content, or up to the end of the line
    /// or a quote.
    fn region(&self, j: usize) -> Option<(usize, usize)> {
        let b = self.b;
        if let Some(v) = self.value_at(j, SECRET_CAP) {
            if v.quote.is_some() {
                return Some((v.start, v.end));
            }
            let mut k = v.start;
            while k < b.len()
                && k - v.start < SECRET_CAP
                && !matches!(b[k], b'\n' | b'\r' | b'"' | b'\'' | b'`' | b'\\')
            {
                k += 1;
            }
            return Some((v.start, self.fix(k)));
        }
        None
    }

    /// Marks a long value as read, so separators inside it are not parsed again.
    fn mark_read(&mut self, start: usize, end: usize) {
        if end.saturating_sub(start) > LONG_VALUE {
            self.skip_until = self.skip_until.max(end);
        }
    }

    /// `Authorization: <scheme> <credential>` or `Authorization: <credential>`.
    fn auth_value(&mut self, j: usize) {
        let Some((a, e)) = self.region(j) else {
            return;
        };
        self.mark_read(a, e);
        let b = self.b;
        let tok_end = |from: usize| {
            let mut k = from;
            while k < e && !b[k].is_ascii_whitespace() {
                k += 1;
            }
            k
        };
        let skip_ws = |from: usize| {
            let mut k = from;
            while k < e && b[k].is_ascii_whitespace() {
                k += 1;
            }
            k
        };
        let t0s = skip_ws(a);
        let t0e = tok_end(t0s);
        let t1s = skip_ws(t0e);
        let t0 = &b[t0s..t0e];
        let scheme_like = t1s < e
            && !t0.is_empty()
            && t0.len() <= 24
            && t0.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && t0.iter().any(u8::is_ascii_alphabetic);
        let (cs, rule) = if scheme_like {
            let scheme = t0.to_ascii_lowercase();
            if scheme.starts_with(b"aws4-") || scheme == b"digest" || scheme == b"hmac" {
                return;
            }
            // Skip a repeated scheme word: "Bearer Bearer <token>".
            let mut cs = t1s;
            loop {
                let ce = tok_end(cs);
                let w = &b[cs..ce];
                let nxt = skip_ws(ce);
                if nxt < e && (w.eq_ignore_ascii_case(b"bearer") || w.eq_ignore_ascii_case(&scheme))
                {
                    cs = nxt;
                } else {
                    break;
                }
            }
            let rule = match scheme.as_slice() {
                b"bearer" => "bearer",
                b"basic" => "basic_auth",
                _ => "authorization",
            };
            (cs, rule)
        } else {
            (t0s, "authorization")
        };
        let mut ce = cs;
        while ce < e && !TERM[b[ce] as usize] {
            ce += 1;
        }
        let ce = self.fix(ce);
        let cred = &self.s[cs..ce];
        if !is_secret_value(cred, 8) {
            return;
        }
        let rule = if rule == "basic_auth" && !basic_decodes(cred) {
            "authorization"
        } else {
            rule
        };
        let prio = if rule == "basic_auth" {
            PRIO_URL
        } else {
            PRIO_SCHEME
        };
        self.push(cs, ce, rule, prio, "");
    }

    /// `name=value; name2=value2` (a Cookie header), or one pair and attributes (Set-Cookie).
    fn cookie_list(&mut self, a: usize, e: usize, set_cookie: bool) {
        let b = self.b;
        let mut p = a;
        while p < e {
            let mut q = p;
            while q < e && b[q] != b';' {
                q += 1;
            }
            // pair p..q
            let (ps, pe) = self.trimmed(p, q);
            if let Some(eq) = b[ps..pe].iter().position(|&c| c == b'=') {
                let name = &self.s[ps..ps + eq];
                let (vs, ve) = (ps + eq + 1, pe);
                let (vs, ve) = if ve > vs + 1 && b[vs] == b'"' && b[ve - 1] == b'"' {
                    (vs + 1, ve - 1)
                } else {
                    (vs, ve)
                };
                let (vs, ve) = (self.fix(vs), self.fix(ve));
                if ve > vs {
                    let val = &self.s[vs..ve];
                    let named = matches!(
                        classify(name),
                        NameKind::Secret | NameKind::Password | NameKind::Authorization
                    );
                    let secret = (named && is_secret_value(val, 8))
                        || (looks_random(val, 16)
                            && !is_placeholder(val)
                            && !is_masked(val)
                            && !is_reference(val));
                    if secret {
                        self.push(vs, ve, "cookie", PRIO_FIELD, "");
                    }
                }
            }
            if set_cookie {
                break;
            }
            p = q + 1;
        }
    }

    /// HAR `{"name": "<secret-bearing>", "value": "..."}`: `j` is after the `:` of `"name"`.
    fn har_pair(&mut self, j: usize) {
        let b = self.b;
        let Some(n) = self.value_at(j, 200) else {
            return;
        };
        let Some(q) = n.quote else {
            return;
        };
        let name = &self.s[n.start..n.end];
        let kind = classify(name);
        if !matches!(
            kind,
            NameKind::Secret
                | NameKind::Password
                | NameKind::Authorization
                | NameKind::Cookie
                | NameKind::SetCookie
        ) {
            return;
        }
        let mut k = n.end + 1;
        let ws = |k: &mut usize| {
            let mut m = 0;
            while *k < b.len() && b[*k].is_ascii_whitespace() && m < 256 {
                *k += 1;
                m += 1;
            }
        };
        ws(&mut k);
        if b.get(k) != Some(&b',') {
            return;
        }
        k += 1;
        ws(&mut k);
        let key = [q, b'v', b'a', b'l', b'u', b'e', q];
        if !b[k.min(b.len())..].starts_with(&key) {
            return;
        }
        k += key.len();
        ws(&mut k);
        if b.get(k) != Some(&b':') {
            return;
        }
        k += 1;
        match kind {
            NameKind::Authorization => self.auth_value(k),
            NameKind::Cookie | NameKind::SetCookie => {
                if let Some(v) = self.value_at(k, SECRET_CAP) {
                    if v.quote.is_some() {
                        self.cookie_list(v.start, v.end, kind == NameKind::SetCookie);
                    }
                }
            }
            _ => {
                if let Some(v) = self.value_at(k, SECRET_CAP) {
                    self.named_value(name, kind, v);
                }
            }
        }
    }

    /// `scheme://user:password@host`: the password (or a token used as the user name).
    fn url_credentials(&mut self, i: usize) {
        let b = self.b;
        let mut s = i;
        while s > 0
            && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'+' | b'.' | b'-'))
            && i - s < 32
        {
            s -= 1;
        }
        if i - s < 2 || !b[s].is_ascii_alphabetic() {
            return;
        }
        let a = i + 3;
        let mut e = a;
        while e < b.len()
            && e - a < 1024
            && !matches!(
                b[e],
                b'/' | b'?'
                    | b'#'
                    | b' '
                    | b'\t'
                    | b'\r'
                    | b'\n'
                    | b'"'
                    | b'\''
                    | b'<'
                    | b'>'
                    | b'\\'
                    | b'`'
                    | b')'
                    | b']'
                    | b'}'
                    | b','
            )
        {
            e += 1;
        }
        let Some(at) = b[a..e].iter().rposition(|&c| c == b'@') else {
            return;
        };
        let at = a + at;
        match b[a..at].iter().position(|&c| c == b':') {
            Some(colon) => {
                let ps = self.fix(a + colon + 1);
                let at = self.fix(at);
                if ps >= at {
                    return;
                }
                let pw = &self.s[ps..at];
                if is_password_value(pw, 3) {
                    self.push(ps, at, "url_credentials", PRIO_URL, "");
                }
            }
            None => {
                let (ua, at) = (self.fix(a), self.fix(at));
                let user = &self.s[ua..at];
                if looks_random(user, 16) && is_secret_value(user, 16) {
                    self.push(ua, at, "url_credentials", PRIO_URL, "");
                }
            }
        }
    }

    // ---- prompts ----------------------------------------------------------------------------

    fn prompt_value(&mut self, j: usize) -> Option<Val> {
        let v = self.value_at(j, PROMPT_CAP)?;
        v.quote?;
        if v.end <= v.start || self.b.get(v.end) != v.quote.as_ref() {
            return None;
        }
        let text = &self.s[v.start..v.end];
        if text.starts_with("[prompt:") || text.starts_with("[REDACTED") {
            return None;
        }
        let chars = decoded_chars(text);
        self.out.push(Cand {
            start: v.start,
            end: v.end,
            rule: "prompt",
            prio: 0,
            prefix: "",
            canon: String::new(),
            prompt_chars: Some(chars),
            anchor: self.anchor,
        });
        Some(v)
    }

    /// Whether the `"text"` name is inside a message part: `"parts": [{"text"` or after
    /// `"type": "text",`.
    fn text_in_part(&self, name: Name) -> bool {
        let b = self.b;
        if !name.quoted || name.start < 1 {
            return false;
        }
        let mut k = name.start - 1; // the opening quote
        let back_ws = |k: &mut usize| {
            while *k > 0 && b[*k - 1].is_ascii_whitespace() {
                *k -= 1;
            }
        };
        back_ws(&mut k);
        if k == 0 {
            return false;
        }
        match b[k - 1] {
            b'{' => {
                k -= 1;
                back_ws(&mut k);
                if k == 0 || b[k - 1] != b'[' {
                    return false;
                }
                k -= 1;
                back_ws(&mut k);
                if k == 0 || b[k - 1] != b':' {
                    return false;
                }
                match self.name_before(k - 1) {
                    Some(n) => self.s[n.start..n.end].eq_ignore_ascii_case("parts"),
                    None => false,
                }
            }
            b',' => {
                k -= 1;
                back_ws(&mut k);
                if k == 0 || !is_quote(b[k - 1]) {
                    return false;
                }
                let Some(v) = self.quoted_back(k - 1, b[k - 1]) else {
                    return false;
                };
                let val = &self.s[v.start..v.end];
                if !matches!(val, "text" | "input_text" | "output_text") {
                    return false;
                }
                let mut m = v.start - 1;
                back_ws(&mut m);
                if m == 0 || b[m - 1] != b':' {
                    return false;
                }
                match self.name_before(m - 1) {
                    Some(n) => &self.s[n.start..n.end] == "type",
                    None => false,
                }
            }
            _ => false,
        }
    }

    /// `{"text": "...", "type": "text"}`: the type follows the text.
    fn text_before_type(&mut self, j: usize) {
        let b = self.b;
        let Some(v) = self.value_at(j, PROMPT_CAP) else {
            return;
        };
        if v.quote.is_none() || b.get(v.end) != v.quote.as_ref() {
            return;
        }
        let mut k = v.end + 1;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        if b.get(k) != Some(&b',') {
            return;
        }
        k += 1;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        let rest = &b[k.min(b.len())..];
        let is_type = rest.starts_with(b"\"type\"") || rest.starts_with(b"'type'");
        if !is_type {
            return;
        }
        let mut m = k + 6;
        while m < b.len() && b[m].is_ascii_whitespace() {
            m += 1;
        }
        if b.get(m) != Some(&b':') {
            return;
        }
        if let Some(t) = self.value_at(m + 1, 64) {
            if matches!(
                &self.s[t.start..t.end],
                "text" | "input_text" | "output_text"
            ) {
                self.prompt_value(j);
            }
        }
    }
}

/// Characters in a string literal's content, counting each escape as one.
fn decoded_chars(s: &str) -> usize {
    let mut n = 0;
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(e) = it.next() {
                if e == 'u' {
                    for _ in 0..4 {
                        it.next();
                    }
                }
            }
        }
        n += 1;
    }
    n
}

/// Whether a Basic credential decodes (standard base64) to printable `user:password`.
pub(crate) fn basic_decodes(cred: &str) -> bool {
    let Some(bytes) = b64_decode(cred) else {
        return false;
    };
    bytes.contains(&b':')
        && bytes
            .iter()
            .all(|&c| (0x20..0x7f).contains(&c) || c >= 0x80)
}

/// Minimal standard/URL-safe base64 decoder (padding optional).
pub(crate) fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        })
    };
    let t = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(t.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in t.as_bytes() {
        acc = (acc << 6) | val(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    h.windows(n.len()).position(|w| w == n)
}
