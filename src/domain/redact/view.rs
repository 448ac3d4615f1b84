//! Decoded views of a text, so the detectors see through encodings: one layer of JSON or
//! source-code string escaping (`\uXXXX`, `\/`, `\"`, `\\`, `\xHH`), URL percent-encoding,
//! a few HTML entities, `\`-newline and `^`-newline line continuations, zero-width
//! characters, BOM and soft hyphens (removed) and no-break spaces (made plain spaces).
//!
//! Each view keeps a sparse map back to its parent: one segment per decoded sequence, plain
//! runs in between map one to one. Decoding again gives the next layer, so escaping at any
//! depth is seen after as many views.
//!
//! A view mixes two layers: what was decoded and the parent's own text around it. A `"` the
//! parent holds literally is the parent's delimiter: a string escape (`\"`, `\uXXXX`...),
//! percent-encoding or an HTML entity lies inside a string (a JSON value, a URL, an
//! attribute), and the parent's next literal `"` ends that string. [`View::confine`] keeps a
//! match that starts from decoded text within that string, so its replacement in the original
//! never eats the quote that closes it (or the JSON after it).

/// One decoded sequence: `dec_len` bytes at `dec` in the view came from `par_len` bytes at
/// `par` in the parent.
#[derive(Clone, Copy, Debug)]
struct Seg {
    dec: usize,
    dec_len: usize,
    par: usize,
    par_len: usize,
}

/// A decoded layer of a parent text.
#[derive(Debug)]
pub(crate) struct View {
    pub text: String,
    segs: Vec<Seg>,
    /// Offsets in the view of every `"` copied literally from the parent (not decoded).
    raw_quotes: Vec<usize>,
    /// Offsets in the view of the decoded sequences that only occur inside a string: string
    /// escapes, percent-encoding, HTML entities (not line continuations or invisible
    /// characters, which appear anywhere).
    in_string: Vec<usize>,
}

/// Bytes that may start a decodable sequence.
static TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\\' as usize] = true;
    t[b'%' as usize] = true;
    t[b'^' as usize] = true;
    t[b'&' as usize] = true;
    t[0xC2] = true; // U+00A0, U+00AD
    t[0xE2] = true; // U+200B..U+200F, U+202F, U+2060
    t[0xEF] = true; // U+FEFF
    t
};

fn hex(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

fn hex4(b: &[u8]) -> Option<u32> {
    if b.len() < 4 {
        return None;
    }
    let mut v = 0;
    for &c in &b[..4] {
        v = v * 16 + hex(c)?;
    }
    Some(v)
}

/// What one sequence at `i` decodes to: (bytes consumed, replacement).
enum Dec {
    Char(char),
    Byte(u8),
    Nothing,
}

fn decode_at(b: &[u8], i: usize) -> Option<(usize, Dec)> {
    let c = b[i];
    let next = b.get(i + 1).copied();
    match c {
        b'\\' => {
            let n = next?;
            match n {
                b'u' => {
                    let hi = hex4(&b[(i + 2).min(b.len())..])?;
                    if (0xD800..0xDC00).contains(&hi) {
                        // A surrogate pair: \uD83D\uDE00.
                        if b.get(i + 6) == Some(&b'\\') && b.get(i + 7) == Some(&b'u') {
                            let lo = hex4(&b[(i + 8).min(b.len())..])?;
                            if (0xDC00..0xE000).contains(&lo) {
                                let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                return char::from_u32(cp).map(|ch| (12, Dec::Char(ch)));
                            }
                        }
                        return None;
                    }
                    char::from_u32(hi).map(|ch| (6, Dec::Char(ch)))
                }
                b'x' => {
                    let h = hex(*b.get(i + 2)?)? * 16 + hex(*b.get(i + 3)?)?;
                    if h < 0x80 {
                        Some((4, Dec::Byte(h as u8)))
                    } else {
                        None
                    }
                }
                b'/' | b'"' | b'\\' | b'\'' | b'`' => Some((2, Dec::Byte(n))),
                b'n' => Some((2, Dec::Byte(b'\n'))),
                b't' => Some((2, Dec::Byte(b'\t'))),
                b'r' => Some((2, Dec::Byte(b'\r'))),
                b'\n' => Some((2 + indent(b, i + 2), Dec::Nothing)),
                b'\r' if b.get(i + 2) == Some(&b'\n') => Some((3 + indent(b, i + 3), Dec::Nothing)),
                _ => None,
            }
        }
        b'%' => {
            let h = hex(next?)? * 16 + hex(*b.get(i + 2)?)?;
            if (0x20..0x80).contains(&h) {
                Some((3, Dec::Byte(h as u8)))
            } else {
                None
            }
        }
        b'^' => match next? {
            b'\n' => Some((2 + indent(b, i + 2), Dec::Nothing)),
            b'\r' if b.get(i + 2) == Some(&b'\n') => Some((3 + indent(b, i + 3), Dec::Nothing)),
            b'"' | b'^' | b'&' | b'|' | b'<' | b'>' | b'%' | b'\\' => Some((2, Dec::Byte(next?))),
            _ => None,
        },
        b'&' => {
            const ENT: &[(&[u8], u8)] = &[
                (b"&quot;", b'"'),
                (b"&amp;", b'&'),
                (b"&apos;", b'\''),
                (b"&lt;", b'<'),
                (b"&gt;", b'>'),
                (b"&#34;", b'"'),
                (b"&#39;", b'\''),
                (b"&#x27;", b'\''),
                (b"&#47;", b'/'),
                (b"&#x2F;", b'/'),
                (b"&#x2f;", b'/'),
            ];
            ENT.iter()
                .find(|(e, _)| b[i..].starts_with(e))
                .map(|&(e, r)| (e.len(), Dec::Byte(r)))
        }
        0xC2 => match next? {
            0xA0 => Some((2, Dec::Byte(b' '))),
            0xAD => Some((2, Dec::Nothing)),
            _ => None,
        },
        0xE2 => {
            let (b1, b2) = (next?, *b.get(i + 2)?);
            match (b1, b2) {
                (0x80, 0x8B..=0x8F) => Some((3, Dec::Nothing)), // ZWSP, ZWNJ, ZWJ, LRM, RLM
                (0x80, 0xAF) => Some((3, Dec::Byte(b' '))),     // narrow no-break space
                (0x80, 0x87) => Some((3, Dec::Byte(b' '))),     // figure space
                (0x81, 0xA0) => Some((3, Dec::Nothing)),        // word joiner
                _ => None,
            }
        }
        0xEF if next == Some(0xBB) && b.get(i + 2) == Some(&0xBF) => Some((3, Dec::Nothing)),
        _ => None,
    }
}

/// Copies a plain run of the parent into the view, noting its literal `"`s.
fn plain(out: &mut Vec<u8>, raw_quotes: &mut Vec<usize>, run: &[u8]) {
    let at = out.len();
    raw_quotes.extend(
        run.iter()
            .enumerate()
            .filter(|(_, &c)| c == b'"')
            .map(|(k, _)| at + k),
    );
    out.extend_from_slice(run);
}

fn indent(b: &[u8], from: usize) -> usize {
    b[from.min(b.len())..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count()
}

impl View {
    /// Decodes one layer of `parent`. `None` when nothing in it decodes.
    pub fn decode(parent: &str) -> Option<View> {
        let b = parent.as_bytes();
        let mut out: Vec<u8> = Vec::new();
        let mut segs = Vec::new();
        let mut raw_quotes = Vec::new();
        let mut in_string = Vec::new();
        let mut run = 0; // start of the pending plain run
        let mut i = 0;
        while i < b.len() {
            if !TRIGGER[b[i] as usize] {
                i += 1;
                continue;
            }
            let Some((used, dec)) = decode_at(b, i) else {
                i += 1;
                continue;
            };
            if out.capacity() == 0 {
                out.reserve(b.len());
            }
            plain(&mut out, &mut raw_quotes, &b[run..i]);
            let dec_start = out.len();
            // A line continuation (`\`-newline, `^`-newline) or an invisible character may
            // be anywhere; every other sequence is string content.
            let continuation = matches!(b[i], b'\\' | b'^') && matches!(b[i + 1], b'\n' | b'\r');
            if !continuation && matches!(b[i], b'\\' | b'%' | b'&') {
                in_string.push(dec_start);
            }
            match dec {
                Dec::Char(ch) => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                Dec::Byte(x) => out.push(x),
                Dec::Nothing => {}
            }
            segs.push(Seg {
                dec: dec_start,
                dec_len: out.len() - dec_start,
                par: i,
                par_len: used,
            });
            i += used;
            run = i;
        }
        if segs.is_empty() {
            return None;
        }
        plain(&mut out, &mut raw_quotes, &b[run..]);
        let text = String::from_utf8(out).ok()?;
        Some(View {
            text,
            segs,
            raw_quotes,
            in_string,
        })
    }

    /// Confines a match found in the view to the string its decoded context came from.
    /// `anchor` is where the detector started reading (a separator, a word start); `start..end`
    /// is the span it matched. When the parent's literal `"`s around `anchor` enclose string
    /// content that was decoded, the span is clamped between them; `None` when nothing is
    /// left. Returns the span and whether it was clamped.
    pub fn confine(&self, anchor: usize, start: usize, end: usize) -> Option<(usize, usize, bool)> {
        let q = self.raw_quotes.partition_point(|&p| p < anchor);
        // The string around the anchor: after the literal `"` before it, up to the one at or
        // after it.
        let lo = if q == 0 {
            0
        } else {
            self.raw_quotes[q - 1] + 1
        };
        let hi = self.raw_quotes.get(q).copied().unwrap_or(self.text.len());
        let k = self.in_string.partition_point(|&p| p < lo);
        let decoded_inside = self.in_string.get(k).is_some_and(|&p| p < hi);
        if !decoded_inside || (start >= lo && end <= hi) {
            return Some((start, end, false));
        }
        let (s, e) = (start.max(lo), end.min(hi));
        (e > s).then_some((s, e, true))
    }

    /// Maps a start offset in the view to the parent (a decoded sequence maps to its start).
    pub fn start_in_parent(&self, p: usize) -> usize {
        let idx = self.segs.partition_point(|s| s.dec <= p);
        if idx == 0 {
            return p;
        }
        let s = self.segs[idx - 1];
        if p < s.dec + s.dec_len {
            s.par
        } else {
            s.par + s.par_len + (p - s.dec - s.dec_len)
        }
    }

    /// Maps an end offset (exclusive) in the view to the parent (a decoded sequence maps to
    /// its end).
    pub fn end_in_parent(&self, p: usize) -> usize {
        let idx = self.segs.partition_point(|s| s.dec < p);
        if idx == 0 {
            return p;
        }
        let s = self.segs[idx - 1];
        if p <= s.dec + s.dec_len {
            s.par + s.par_len
        } else {
            s.par + s.par_len + (p - s.dec - s.dec_len)
        }
    }

    /// Ranges of the view worth scanning: around every decoded sequence, `back` bytes before
    /// (a detector may start that far before what changed) and `fwd` bytes after.
    pub fn windows(&self, back: usize, fwd: usize) -> Vec<(usize, usize)> {
        let len = self.text.len();
        let mut out: Vec<(usize, usize)> = Vec::new();
        for s in &self.segs {
            let a = s.dec.saturating_sub(back);
            let e = (s.dec + s.dec_len + fwd).min(len);
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(e),
                _ => out.push((a, e)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_maps() {
        let src = r#"a\u002db%3Dc\"d"#;
        let v = View::decode(src).unwrap();
        assert_eq!(v.text, "a-b=c\"d");
        // "b=c" in the view is bytes 2..5; in the parent "b%3Dc" is 7..12.
        assert_eq!(v.start_in_parent(2), 7);
        assert_eq!(v.end_in_parent(5), 12);
        // The '-' (view 1..2) maps to the whole escape.
        assert_eq!(v.start_in_parent(1), 1);
        assert_eq!(v.end_in_parent(2), 7);
        assert!(View::decode("plain text").is_none());
        let z = View::decode("ab\u{200B}cd").unwrap();
        assert_eq!(z.text, "abcd");
        assert_eq!(z.start_in_parent(2), 5);
        assert_eq!(z.end_in_parent(2), 2);
    }

    #[test]
    fn confines_to_the_decoded_string() {
        // `"content": ` decoded from inside the string "a"; the `"` after it is the parent's
        // and closes that string, so nothing read from `:` may go past it.
        let src = r#"{"a":"{\"content\": ","b":"x"}"#;
        let v = View::decode(src).unwrap();
        assert_eq!(v.text, r#"{"a":"{"content": ","b":"x"}"#);
        let colon = v.text.find(": ").unwrap();
        // The parent's `"`, closing the string "a".
        let close = colon + 2;
        // A match after the closing quote (the punctuation between two strings) is dropped.
        assert!(v.confine(colon, close + 1, close + 3).is_none());
        // One running past it is clamped; one inside it is kept as is.
        assert_eq!(
            v.confine(colon, colon + 1, close + 3),
            Some((colon + 1, close, true))
        );
        assert_eq!(
            v.confine(colon, colon + 1, close),
            Some((colon + 1, close, false))
        );
        // Around the parent's own structure (no decoded string content there) nothing changes:
        // `{"api\u005fkey": "…"}` keeps its value, read from the `:` between two strings.
        let v = View::decode(r#"{"api\u005fkey": "abc"}"#).unwrap();
        let colon = v.text.find(':').unwrap();
        assert_eq!(
            v.confine(colon, colon + 3, colon + 6),
            Some((colon + 3, colon + 6, false))
        );
        // A line continuation is not string content: `KEY=\<newline>"value"` reads on.
        let v = View::decode("KEY=\\\n\"value\"").unwrap();
        assert_eq!(v.confine(3, 5, 10), Some((5, 10, false)));
    }
}
