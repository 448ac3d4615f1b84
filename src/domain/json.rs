//! Strict JSON, small: a reader for request bodies and HAR files and a writer for the bundle.
//! It replaces serde_json in the wasm (about 10 kB compressed). The value type is the one of
//! the forgiving reader ([`Val`]): numbers keep their text.
//!
//! The writer prints like serde_json's `Value`: object keys sorted (a duplicate key keeps its
//! last value), strings escaped the same way, `to_string_pretty`'s two-space indent.

pub(crate) use crate::domain::diagnose::lenient::Val;

const MAX_DEPTH: usize = 128;

/// Where strict parsing stopped: 1-based line and column, like serde_json's errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    pub column: usize,
}

struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
}

/// Parses one JSON value filling all of `text` (whitespace around it allowed).
pub fn parse(text: &str) -> Result<Val, Error> {
    let mut r = Reader {
        s: text,
        b: text.as_bytes(),
        pos: 0,
    };
    let v = r.value(0);
    r.ws();
    match v {
        Some(v) if r.pos == r.b.len() => Ok(v),
        _ => Err(r.error()),
    }
}

impl Reader<'_> {
    fn error(&self) -> Error {
        let end = self.pos.min(self.b.len());
        let before = &self.b[..end];
        let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
        let start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1);
        Error {
            line,
            column: end - start + usize::from(end < self.b.len()),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.pos += 1)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn word(&mut self, w: &str, v: Val) -> Option<Val> {
        let end = self.pos + w.len();
        (self.b.get(self.pos..end)? == w.as_bytes()).then(|| {
            self.pos = end;
            v
        })
    }

    fn value(&mut self, depth: usize) -> Option<Val> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'{' => {
                self.pos += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.eat(b'}').is_some() {
                    return Some(Val::Obj(fields));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    self.ws();
                    self.eat(b':')?;
                    let v = self.value(depth + 1)?;
                    fields.push((k, v));
                    self.ws();
                    if self.eat(b'}').is_some() {
                        return Some(Val::Obj(fields));
                    }
                    self.eat(b',')?;
                }
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b']').is_some() {
                    return Some(Val::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    if self.eat(b']').is_some() {
                        return Some(Val::Arr(items));
                    }
                    self.eat(b',')?;
                }
            }
            b'"' => self.string().map(Val::Str),
            b't' => self.word("true", Val::Bool(true)),
            b'f' => self.word("false", Val::Bool(false)),
            b'n' => self.word("null", Val::Null),
            _ => self.number(),
        }
    }

    fn digits(&mut self) -> Option<()> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        (self.pos > start).then_some(())
    }

    fn number(&mut self) -> Option<Val> {
        let start = self.pos;
        let _ = self.eat(b'-');
        if self.eat(b'0').is_none() {
            self.digits()?;
        }
        if self.eat(b'.').is_some() {
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.digits()?;
        }
        Some(Val::Num(self.s.get(start..self.pos)?.to_string()))
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.pos..self.pos + 4)?;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(h, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while self
                .peek()
                .is_some_and(|c| c != b'"' && c != b'\\' && c >= 0x20)
            {
                self.pos += 1;
            }
            out.push_str(self.s.get(start..self.pos)?);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let e = self.peek()?;
                    self.pos += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi) {
                                self.eat(b'\\')?;
                                self.eat(b'u')?;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(cp)?
                        }
                        _ => return None,
                    };
                    out.push(c);
                }
                _ => return None, // a raw control character
            }
        }
    }
}

impl Val {
    /// The value under `key` of an object (the last one when a key repeats, like serde_json).
    pub fn get(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Obj(f) => f.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A string value, or null when absent.
    pub fn opt(s: Option<&String>) -> Val {
        s.map_or(Val::Null, |s| Val::Str(s.clone()))
    }

    /// An object from `(key, value)` pairs.
    pub fn obj<const N: usize>(fields: [(&str, Val); N]) -> Val {
        Val::Obj(
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// Compact JSON text (serde_json's `Value::to_string`).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write(&mut out, self, None);
        out
    }

    /// Indented JSON text (serde_json's `to_string_pretty`).
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        write(&mut out, self, Some(0));
        out
    }
}

/// Appends `s` as a JSON string literal, escaped like serde_json.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn write(out: &mut String, v: &Val, indent: Option<usize>) {
    let inner = indent.map(|i| i + 1);
    match v {
        Val::Null => out.push_str("null"),
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::Num(n) => out.push_str(n),
        Val::Str(s) => write_str(out, s),
        Val::Arr(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Some(n) = inner {
                    newline(out, n);
                }
                write(out, x, inner);
            }
            if let (Some(n), false) = (indent, items.is_empty()) {
                newline(out, n);
            }
            out.push(']');
        }
        Val::Obj(fields) => {
            // Keys in order, each once with its last value (serde_json's BTreeMap).
            let mut order: Vec<usize> = Vec::new();
            for (i, (k, _)) in fields.iter().enumerate() {
                match order.binary_search_by(|&j| fields[j].0.as_str().cmp(k.as_str())) {
                    Ok(at) => order[at] = i,
                    Err(at) => order.insert(at, i),
                }
            }
            out.push('{');
            for (n, &i) in order.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                if let Some(n) = inner {
                    newline(out, n);
                }
                let (k, x) = &fields[i];
                write_str(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(out, x, inner);
            }
            if let (Some(n), false) = (indent, order.is_empty()) {
                newline(out, n);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strict_json_only() {
        let v =
            parse(" {\"a\": [1, -2.5e3, true, null, \"x\\u00e9\\ud83d\\ude00\\n\"], \"a\": {}} ")
                .unwrap();
        assert_eq!(v.get("a"), Some(&Val::Obj(vec![])));
        for bad in [
            "{\"model\": ",
            "{'a': 1}",
            "{a: 1}",
            "[1,]",
            "[1] x",
            "01",
            "\"\\x41\"",
            "\"a\nb\"",
            "-",
            "1.",
            "True",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse("{\n  \"a\": x").unwrap_err(),
            Error { line: 2, column: 8 }
        );
    }

    #[test]
    fn writes_like_serde_json() {
        let text = "{\"b\":[1,{\"z\":null,\"y\":\"q\\\"\\\\\\u0001\\t\"}],\"a\":{},\"c\":[],\"b\":false,\"é\":\"ü\"}";
        let v = parse(text).unwrap();
        let ours = v.to_json();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs.to_string());
        assert_eq!(
            v.to_json_pretty(),
            serde_json::to_string_pretty(&theirs).unwrap()
        );
        let nested = "[[],[{}],{\"a\":[1,2]}]";
        let theirs: serde_json::Value = serde_json::from_str(nested).unwrap();
        assert_eq!(
            parse(nested).unwrap().to_json_pretty(),
            serde_json::to_string_pretty(&theirs).unwrap()
        );
    }
}
