//! Text helpers for matching: a normalized, lower-cased copy of the paste, and a phrase finder
//! that checks many phrases in one pass.

/// Lower-cases `s`, decodes the escapes that logs and nested JSON leave behind (`\n`, `\"`,
/// `\u003c`), straightens curly quotes, drops zero-width characters and collapses whitespace, so
/// that `Rate\nlimit` and `rate  limit` both read `rate limit`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut last_space = true;
    let push = |out: &mut String, c: char, last_space: &mut bool| {
        if c.is_whitespace() {
            if !*last_space {
                out.push(' ');
                *last_space = true;
            }
        } else {
            for l in c.to_lowercase() {
                out.push(l);
            }
            *last_space = false;
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                // Collapse runs of backslashes, then read what they escape.
                while chars.peek() == Some(&'\\') {
                    chars.next();
                }
                match chars.peek().copied() {
                    Some('n') | Some('r') | Some('t') => {
                        chars.next();
                        push(&mut out, ' ', &mut last_space);
                    }
                    Some('u') => {
                        chars.next();
                        let hex: String = chars.clone().take(4).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(d) if hex.len() == 4 => {
                                for _ in 0..4 {
                                    chars.next();
                                }
                                push(&mut out, d, &mut last_space);
                            }
                            _ => push(&mut out, 'u', &mut last_space),
                        }
                    }
                    Some('"') | Some('\'') | Some('/') => {}
                    _ => push(&mut out, '\\', &mut last_space),
                }
            }
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => {
                push(&mut out, '\'', &mut last_space)
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => {
                push(&mut out, '"', &mut last_space)
            }
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c => push(&mut out, c, &mut last_space),
        }
    }
    out
}

/// Whether `b` is part of an identifier-like word for boundary checks.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Finds which of a fixed list of phrases occur in a text, in one pass over the text.
///
/// A phrase is matched on word boundaries at the ends that are ASCII letters or digits; a
/// trailing `*` makes it a prefix (`throttl*` matches `throttled` and `throttling`).
pub struct PhraseSet<'p> {
    phrases: Vec<(&'p [u8], bool)>,
    by_first: [Vec<u16>; 256],
}

impl<'p> PhraseSet<'p> {
    /// Builds the set; phrases must already be lower case and single-spaced.
    pub fn new<I: IntoIterator<Item = &'p str>>(phrases: I) -> PhraseSet<'p> {
        let mut set = PhraseSet {
            phrases: Vec::new(),
            by_first: std::array::from_fn(|_| Vec::new()),
        };
        for p in phrases {
            let (body, prefix) = match p.strip_suffix('*') {
                Some(b) => (b, true),
                None => (p, false),
            };
            let bytes = body.as_bytes();
            if let Some(&first) = bytes.first() {
                let idx = set.phrases.len() as u16;
                set.phrases.push((bytes, prefix));
                set.by_first[first as usize].push(idx);
            }
        }
        set
    }

    /// Returns, for every phrase (by index), the byte offset of its first match in `text`.
    pub fn find_all(&self, text: &str) -> Vec<Option<usize>> {
        let t = text.as_bytes();
        let mut found: Vec<Option<usize>> = vec![None; self.phrases.len()];
        let mut left = self.phrases.len();
        for i in 0..t.len() {
            let cands = &self.by_first[t[i] as usize];
            if cands.is_empty() {
                continue;
            }
            let prev_word = i > 0 && is_word(t[i - 1]);
            for &pi in cands {
                let pi = pi as usize;
                if found[pi].is_some() {
                    continue;
                }
                let (p, prefix) = self.phrases[pi];
                if !t[i..].starts_with(p) {
                    continue;
                }
                if is_word(p[0]) && prev_word {
                    continue;
                }
                let end = i + p.len();
                let last = p[p.len() - 1];
                if !prefix && is_word(last) && end < t.len() && is_word(t[end]) {
                    continue;
                }
                found[pi] = Some(i);
                left -= 1;
                if left == 0 {
                    return found;
                }
            }
        }
        found
    }
}

/// Whether `needle` occurs in `hay` as a whole identifier (case-sensitive), e.g. the code
/// `API_KEY_DISABLED` in a log line.
pub fn contains_token(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let h = hay.as_bytes();
    let mut from = 0;
    while let Some(pos) = hay.get(from..).and_then(|rest| rest.find(needle)) {
        let at = from + pos;
        let end = at + needle.len();
        let before_ok = at == 0 || !is_word(h[at - 1]);
        let after_ok = end >= h.len() || !is_word(h[end]);
        if before_ok && after_ok {
            return true;
        }
        from = at + 1;
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_unescapes_and_collapses() {
        assert_eq!(normalize("Rate\\nlimit  reached"), "rate limit reached");
        assert_eq!(normalize("Rate\nlimit"), "rate limit");
        assert_eq!(normalize("isn\u{2019}t"), "isn't");
        assert_eq!(normalize("{\\\"type\\\":1}"), "{\"type\":1}");
        assert_eq!(normalize("\\u003chtml"), "<html");
    }

    #[test]
    fn phrases_respect_word_boundaries() {
        let set = PhraseSet::new(["tpm", "throttl*", "负载已饱和"]);
        assert_eq!(set.find_all("stpm throttling"), vec![None, Some(5), None]);
        assert_eq!(set.find_all("(tpm) 当前分组上游负载已饱和")[0], Some(1));
        assert!(set.find_all("当前分组上游负载已饱和")[2].is_some());
    }

    #[test]
    fn tokens_are_whole_identifiers() {
        assert!(contains_token("x API_KEY_DISABLED 401", "API_KEY_DISABLED"));
        assert!(!contains_token("MY_API_KEY_DISABLED", "API_KEY_DISABLED"));
    }
}
