//! A forgiving reader for the structured parts of a paste: JSON, Python dict reprs
//! (`{'error': None}`), JavaScript object literals (`{ code: 'ECONNRESET' }`), with single or
//! double quotes, trailing commas and raw newlines inside strings.
//!
//! It never panics and is bounded: every call shares a byte budget, so a hostile paste full of
//! unclosed braces costs linear time, not quadratic.

/// A parsed value. Numbers keep their text.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Obj(Vec<(String, Val)>),
    Arr(Vec<Val>),
    Str(String),
    Num(String),
    Bool(bool),
    Null,
}

impl Val {
    /// The value as text when it is a string or a number.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Val::Str(s) | Val::Num(s) => Some(s),
            _ => None,
        }
    }
}

const MAX_DEPTH: usize = 96;

/// Work budget shared by every parse attempt over one paste.
pub struct Budget {
    pub remaining: usize,
}

struct Parser<'a> {
    b: &'a [u8],
    s: &'a str,
    pos: usize,
    budget: &'a mut Budget,
}

impl Parser<'_> {
    fn spend(&mut self) -> Option<()> {
        if self.budget.remaining == 0 {
            return None;
        }
        self.budget.remaining -= 1;
        Some(())
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Val> {
        self.spend()?;
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' | b'\'' => self.string().map(Val::Str),
            b'-' | b'0'..=b'9' => self.number(),
            c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                let id = self.ident()?;
                Some(match id {
                    "true" | "True" => Val::Bool(true),
                    "false" | "False" => Val::Bool(false),
                    "null" | "None" | "nil" | "undefined" | "NaN" => Val::Null,
                    other => Val::Str(other.to_string()),
                })
            }
            _ => None,
        }
    }

    fn object(&mut self, depth: usize) -> Option<Val> {
        self.pos += 1; // '{'
        let mut fields = Vec::new();
        loop {
            self.spend()?;
            self.ws();
            match self.peek()? {
                b'}' => {
                    self.pos += 1;
                    return Some(Val::Obj(fields));
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let key = match self.peek()? {
                b'"' | b'\'' => self.string()?,
                c if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'@' => {
                    self.key_ident()?.to_string()
                }
                _ => return None,
            };
            self.ws();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            let v = self.value(depth + 1)?;
            fields.push((key, v));
            self.ws();
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {}
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Val> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        loop {
            self.spend()?;
            self.ws();
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(Val::Arr(items));
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    fn ident(&mut self) -> Option<&str> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.s.get(start..self.pos)
    }

    /// An unquoted key: identifiers plus `-`, `.` and `@` (`@type`, `x-request-id`).
    fn key_ident(&mut self) -> Option<&str> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'-' | b'.' | b'@') {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.s.get(start..self.pos)
    }

    fn number(&mut self) -> Option<Val> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-') {
                self.pos += 1;
            } else {
                break;
            }
        }
        let t = self.s.get(start..self.pos)?;
        if t == "-" {
            return None;
        }
        Some(Val::Num(t.to_string()))
    }

    fn string(&mut self) -> Option<String> {
        let quote = self.peek()?;
        self.pos += 1;
        let mut out = String::new();
        loop {
            self.spend()?;
            // Copy the run of plain bytes up to the next quote or backslash in one go.
            let start = self.pos;
            while let Some(c) = self.peek() {
                if c == quote || c == b'\\' {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.s.get(start..self.pos)?);
            let budget_cost = self.pos - start;
            self.budget.remaining = self.budget.remaining.saturating_sub(budget_cost);
            match self.peek()? {
                c if c == quote => {
                    self.pos += 1;
                    return Some(out);
                }
                _ => {
                    // backslash
                    self.pos += 1;
                    let e = self.peek()?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'b' | b'f' => out.push(' '),
                        b'u' => {
                            let c = self.hex4()?;
                            if (0xD800..0xDC00).contains(&c)
                                && self.b.get(self.pos) == Some(&b'\\')
                                && self.b.get(self.pos + 1) == Some(&b'u')
                            {
                                let save = self.pos;
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    let cp = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                                    out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                                } else {
                                    self.pos = save;
                                    out.push('\u{FFFD}');
                                }
                            } else {
                                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            }
                        }
                        b'x' => {
                            let h = self.s.get(self.pos..self.pos + 2)?;
                            let v = u32::from_str_radix(h, 16).ok()?;
                            self.pos += 2;
                            out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                        }
                        c if c.is_ascii() => out.push(c as char),
                        _ => {
                            // A backslash before a multi-byte character: keep the character.
                            self.pos -= 1;
                            let rest = self.s.get(self.pos..)?;
                            let ch = rest.chars().next()?;
                            out.push(ch);
                            self.pos += ch.len_utf8();
                        }
                    }
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.pos..self.pos + 4)?;
        let v = u32::from_str_radix(h, 16).ok()?;
        self.pos += 4;
        Some(v)
    }
}

/// Parses one value starting at byte `start` of `s`. Returns it and the byte offset just past it.
pub fn parse_at(s: &str, start: usize, budget: &mut Budget) -> Option<(Val, usize)> {
    let mut p = Parser {
        b: s.as_bytes(),
        s,
        pos: start,
        budget,
    };
    let v = p.value(0)?;
    Some((v, p.pos))
}

/// Finds every object (or array of objects) embedded in `s`, outermost first, left to right.
/// At most `max` values; stops when the budget runs out.
pub fn find_values(s: &str, budget: &mut Budget, max: usize) -> Vec<Val> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < max && budget.remaining > 0 {
        match memchr2(b, i, b'{', b'[') {
            None => break,
            Some(at) => {
                // An array counts only when it holds an object: `[{ "error": ... }]`.
                let is_candidate = b[at] == b'{'
                    || b[at + 1..]
                        .iter()
                        .find(|c| !c.is_ascii_whitespace())
                        .is_some_and(|&c| c == b'{');
                if is_candidate {
                    if let Some((v, end)) = parse_at(s, at, budget) {
                        if has_fields(&v) {
                            out.push(v);
                            i = end.max(at + 1);
                            continue;
                        }
                    }
                }
                i = at + 1;
            }
        }
    }
    out
}

fn has_fields(v: &Val) -> bool {
    match v {
        Val::Obj(f) => !f.is_empty(),
        Val::Arr(items) => items.iter().any(has_fields),
        _ => false,
    }
}

fn memchr2(b: &[u8], from: usize, x: u8, y: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == x || c == y)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Val {
        let mut b = Budget { remaining: 1 << 20 };
        find_values(s, &mut b, 10)
            .into_iter()
            .next()
            .expect("a value")
    }

    #[test]
    fn reads_python_dict_repr() {
        let v = one("Error code: 401 - {'error': {'message': 'x', 'param': None, 'ok': True}}");
        assert_eq!(
            v,
            Val::Obj(vec![(
                "error".into(),
                Val::Obj(vec![
                    ("message".into(), Val::Str("x".into())),
                    ("param".into(), Val::Null),
                    ("ok".into(), Val::Bool(true)),
                ])
            )])
        );
    }

    #[test]
    fn reads_js_object_literal_with_unquoted_keys() {
        let v = one("{\n  type: 'system',\n  errno: 'ETIMEDOUT',\n  code: 'ETIMEDOUT'\n}");
        let Val::Obj(f) = v else { panic!() };
        assert_eq!(f[2], ("code".into(), Val::Str("ETIMEDOUT".into())));
    }

    #[test]
    fn unclosed_braces_cost_linear_time() {
        let s = "{\"a\":\"".repeat(200_000);
        let mut b = Budget {
            remaining: 4 * s.len(),
        };
        assert!(find_values(&s, &mut b, 10).is_empty());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let s = "[".repeat(100_000) + &"{".repeat(100_000);
        let mut b = Budget { remaining: 1 << 22 };
        let _ = find_values(&s, &mut b, 10);
    }
}
