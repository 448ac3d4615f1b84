//! Text helpers for matching: a normalized, lower-cased copy of the paste, and a phrase finder
//! that checks many phrases in one pass.

/// Lower-cases `s`, decodes the escapes that logs and nested JSON leave behind (`\n`, `\"`,
/// `\u003c`), straightens curly quotes, drops zero-width characters and collapses whitespace, so
/// that `Rate\nlimit` and `rate  limit` both read `rate limit`.
pub fn normalize(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut last_space = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            match c {
                b'\\' => {
                    // Collapse runs of backslashes, then read what they escape.
                    while b.get(i) == Some(&b'\\') {
                        i += 1;
                    }
                    match b.get(i) {
                        Some(b'n' | b'r' | b't') => {
                            i += 1;
                            push_space(&mut out, &mut last_space);
                        }
                        Some(b'u') => {
                            let decoded = s
                                .get(i + 1..i + 5)
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .and_then(char::from_u32);
                            match decoded {
                                Some(d) => {
                                    i += 5;
                                    push_char(&mut out, d, &mut last_space);
                                }
                                None => push_char(&mut out, '\\', &mut last_space),
                            }
                        }
                        Some(b'"' | b'\'' | b'/') => {}
                        _ => push_char(&mut out, '\\', &mut last_space),
                    }
                }
                c if c.is_ascii_whitespace() => push_space(&mut out, &mut last_space),
                c => {
                    out.push(c.to_ascii_lowercase());
                    last_space = false;
                }
            }
            continue;
        }
        let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += ch.len_utf8();
        match ch {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => {
                push_char(&mut out, '\'', &mut last_space)
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => {
                push_char(&mut out, '"', &mut last_space)
            }
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c => push_char(&mut out, c, &mut last_space),
        }
    }
    // Only whole characters were pushed, so this never fails; stay total anyway.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn push_space(out: &mut Vec<u8>, last_space: &mut bool) {
    if !*last_space {
        out.push(b' ');
        *last_space = true;
    }
}

fn push_char(out: &mut Vec<u8>, c: char, last_space: &mut bool) {
    if c.is_whitespace() {
        push_space(out, last_space);
    } else {
        let mut buf = [0u8; 4];
        out.extend_from_slice(fold_char(c).encode_utf8(&mut buf).as_bytes());
        *last_space = false;
    }
}

/// Lower-cases the letters an error message can hold without Unicode's case tables (about
/// 12 kB of the wasm): ASCII, Latin-1, Greek, Cyrillic and full-width Latin. Other characters
/// (Chinese has no case) stay as they are; the phrases matched against are English and Chinese.
pub fn fold_char(c: char) -> char {
    let shifted = match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' | 'Α'..='Ρ' | 'Σ'..='Ϋ' | 'А'..='Я' | 'Ａ'..='Ｚ' => {
            u32::from(c) + 32
        }
        'Ѐ'..='Џ' => u32::from(c) + 80,
        _ => return c,
    };
    char::from_u32(shifted).unwrap_or(c)
}

/// `s` with every character through [`fold_char`].
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Whether `b` is part of an identifier-like word for boundary checks.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// One phrase of a [`PhraseSet`].
struct Phrase<'p> {
    bytes: &'p [u8],
    /// Require a word boundary before (when the phrase starts with a letter or digit).
    start: bool,
    /// Require a word boundary after (when the phrase ends with a letter or digit).
    end: bool,
}

/// Finds which of a fixed list of phrases occur in a text, in one pass over the text.
///
/// A phrase is matched on word boundaries at the ends that are ASCII letters or digits; `*` at
/// an end drops the boundary there (`throttl*` matches `throttled` and `throttling`). Phrases
/// are bucketed by their first two bytes, and a bit per two-byte prefix rejects most positions
/// of the text with one test. Phrases shorter than two bytes are ignored.
pub struct PhraseSet<'p> {
    phrases: Vec<Phrase<'p>>,
    /// Phrase indexes grouped by two-byte prefix: the group of prefix `k` is
    /// `order[starts[k]..starts[k + 1]]`.
    starts: Vec<u16>,
    order: Vec<u16>,
    pairs: Vec<u64>,
}

fn pair(a: u8, b: u8) -> u16 {
    (u16::from(a) << 8) | u16::from(b)
}

impl<'p> PhraseSet<'p> {
    /// Builds the set; phrases must already be lower case and single-spaced.
    pub fn new<I: IntoIterator<Item = &'p str>>(phrases: I) -> PhraseSet<'p> {
        let mut set = PhraseSet {
            phrases: Vec::new(),
            starts: Vec::new(),
            order: Vec::new(),
            pairs: vec![0; 65536 / 64],
        };
        let mut buckets: Vec<(u16, u16)> = Vec::new();
        for p in phrases {
            let (p, start) = match p.strip_prefix('*') {
                Some(rest) => (rest, false),
                None => (p, true),
            };
            let (p, end) = match p.strip_suffix('*') {
                Some(rest) => (rest, false),
                None => (p, true),
            };
            let bytes = p.as_bytes();
            let idx = set.phrases.len() as u16;
            set.phrases.push(Phrase { bytes, start, end });
            if bytes.len() >= 2 {
                let k = pair(bytes[0], bytes[1]);
                set.pairs[usize::from(k) / 64] |= 1 << (k % 64);
                buckets.push((k, idx));
            }
        }
        crate::domain::sort::sort_by(&mut buckets, Ord::cmp);
        set.order = buckets.iter().map(|b| b.1).collect();
        set.starts = vec![0; 65537];
        for &(k, _) in &buckets {
            set.starts[usize::from(k) + 1] += 1;
        }
        for k in 0..65536 {
            set.starts[k + 1] += set.starts[k];
        }
        set
    }

    /// Returns, for every phrase (by index), whether it occurs in `text`.
    pub fn find_all(&self, text: &str) -> Vec<bool> {
        let t = text.as_bytes();
        let mut found = vec![false; self.phrases.len()];
        if t.len() < 2 {
            return found;
        }
        for i in 0..t.len() - 1 {
            let k = pair(t[i], t[i + 1]);
            if self.pairs[usize::from(k) / 64] & (1 << (k % 64)) == 0 {
                continue;
            }
            let k = usize::from(k);
            let group = &self.order[usize::from(self.starts[k])..usize::from(self.starts[k + 1])];
            for &pi in group {
                let pi = usize::from(pi);
                let ph = &self.phrases[pi];
                if found[pi] {
                    continue;
                }
                // Most candidates differ at the third byte: test it before the full compare.
                if let Some(&third) = ph.bytes.get(2) {
                    if t.get(i + 2) != Some(&third) {
                        continue;
                    }
                }
                if !t[i..].starts_with(ph.bytes) {
                    continue;
                }
                if ph.start && is_word(ph.bytes[0]) && i > 0 && is_word(t[i - 1]) {
                    continue;
                }
                let end = i + ph.bytes.len();
                let last = ph.bytes[ph.bytes.len() - 1];
                if ph.end && is_word(last) && end < t.len() && is_word(t[end]) {
                    continue;
                }
                found[pi] = true;
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
    fn fold_lowercases_without_tables() {
        // Each pair: what `char::to_lowercase` gives for the ranges fold_char covers.
        for c in ('A'..='Z')
            .chain('À'..='Þ')
            .chain('Α'..='Ϋ')
            .chain('Ѐ'..='Я')
            .chain('Ａ'..='Ｚ')
        {
            let mut lower = c.to_lowercase();
            let want = lower.next().unwrap();
            if lower.next().is_none() {
                assert_eq!(fold_char(c), want, "{c}");
            }
        }
        assert_eq!(fold("额度 Not Enough ÉTÉ"), "额度 not enough été");
    }

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
        let set = PhraseSet::new(["tpm", "throttl*", "负载已饱和", "*perday*"]);
        assert_eq!(
            set.find_all("stpm throttling"),
            vec![false, true, false, false]
        );
        assert!(set.find_all("(tpm) 当前分组上游负载已饱和")[0]);
        assert!(set.find_all("当前分组上游负载已饱和")[2]);
        assert!(set.find_all("requestsperdayperproject")[3]);
    }

    #[test]
    fn tokens_are_whole_identifiers() {
        assert!(contains_token("x API_KEY_DISABLED 401", "API_KEY_DISABLED"));
        assert!(!contains_token("MY_API_KEY_DISABLED", "API_KEY_DISABLED"));
    }
}
