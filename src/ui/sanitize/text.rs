//! Plain-text wording for the Sanitize panel: input kinds, sizes, and the key's "reveal" view
//! that makes invisible characters visible without ever showing the key in full. Pure
//! functions, tested natively.

use crate::domain::request::InputKind;

/// What an input kind is called in the panel.
pub fn kind_label(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Curl => "curl command",
        InputKind::HttpRequest => "raw HTTP request",
        InputKind::Headers => "HTTP headers",
        InputKind::Json => "request JSON",
        InputKind::Python => "Python code",
        InputKind::Node => "JavaScript code",
        InputKind::Env => ".env file",
        InputKind::Har => "HAR file",
        InputKind::Unknown => "not recognised",
    }
}

/// The stable id of an input kind, for `data-kind`.
pub fn kind_id(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Curl => "curl",
        InputKind::HttpRequest => "http_request",
        InputKind::Headers => "headers",
        InputKind::Json => "json",
        InputKind::Python => "python",
        InputKind::Node => "node",
        InputKind::Env => "env",
        InputKind::Har => "har",
        InputKind::Unknown => "unknown",
    }
}

/// A byte count for people: `512 bytes`, `12.3 kB`, `20.0 MB` (decimal units).
pub fn size_label(bytes: u64) -> String {
    let tenths = |n: u64, unit: u64| {
        let t = (n * 10 + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    if bytes < 1000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{} kB", tenths(bytes, 1000))
    } else {
        format!("{} MB", tenths(bytes, 1_000_000))
    }
}

/// One piece of the reveal view: text to show, and what it stands for when it is a mark
/// (`None` for the key's own, masked characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevealPiece {
    pub text: String,
    pub mark: Option<&'static str>,
}

/// A visible mark for a character that a key should not contain or that is hard to see:
/// (what to show, its name).
fn mark_of(c: char) -> Option<(String, &'static str)> {
    let m = |s: &str, name| Some((s.to_owned(), name));
    match c {
        ' ' => m("·", "space"),
        '\t' => m("⇥", "tab"),
        '\n' => m("↵", "line break"),
        '\r' => m("␍", "carriage return"),
        '\u{a0}' => m("⍽", "no-break space"),
        '\u{200b}' => m("ZWSP", "zero-width space"),
        '\u{200c}' => m("ZWNJ", "zero-width non-joiner"),
        '\u{200d}' => m("ZWJ", "zero-width joiner"),
        '\u{2060}' => m("WJ", "word joiner"),
        '\u{feff}' => m("BOM", "byte-order mark"),
        '\u{ad}' => m("SHY", "soft hyphen"),
        '"' | '\'' | '`' | '‘' | '’' | '“' | '”' => Some((c.to_string(), "quote")),
        c if c.is_control() || c.is_whitespace() => {
            Some((format!("U+{:04X}", c as u32), "invisible character"))
        }
        _ => None,
    }
}

/// Scheme words shown as they are (they tell `Bearer Bearer …` from `Bearer …`).
const SCHEMES: &[&str] = &["bearer", "basic", "token", "authorization:", "bearer:"];

/// The key with every space, line break, zero-width or other invisible character and every
/// quote shown as a visible mark, and the key's own characters masked: a run of 16 characters
/// or more keeps its first three and last four, shorter runs keep none. Scheme words
/// (`Bearer`) are shown as they are. Never the whole key.
pub fn reveal(key: &str) -> Vec<RevealPiece> {
    let mut out = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<RevealPiece>| {
        if run.is_empty() {
            return;
        }
        let n = run.chars().count();
        let text = if SCHEMES.iter().any(|s| run.eq_ignore_ascii_case(s)) {
            run.clone()
        } else if n >= 16 {
            let head: String = run.chars().take(3).collect();
            let tail: String = run.chars().skip(n - 4).collect();
            format!("{head}{}{tail}", "•".repeat(n - 7))
        } else {
            "•".repeat(n)
        };
        out.push(RevealPiece { text, mark: None });
        run.clear();
    };
    for c in key.chars() {
        match mark_of(c) {
            Some((text, name)) => {
                flush(&mut run, &mut out);
                out.push(RevealPiece {
                    text,
                    mark: Some(name),
                });
            }
            None => run.push(c),
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(key: &str) -> String {
        reveal(key)
            .into_iter()
            .map(|p| match p.mark {
                Some(_) => format!("[{}]", p.text),
                None => p.text,
            })
            .collect()
    }

    #[test]
    fn reveal_marks_invisibles_and_masks_the_key() {
        let key = "sk-proj-abcdefghijklmnop3xQa";
        assert_eq!(
            shown(&format!("{key} ")),
            format!("sk-{}3xQa[·]", "•".repeat(21))
        );
        assert_eq!(
            shown("Bearer Bearer sk-abc\u{200b}defghijklmnopqrs\n"),
            format!("Bearer[·]Bearer[·]••••••[ZWSP]def{}pqrs[↵]", "•".repeat(9))
        );
        assert_eq!(shown("\u{a0}“x”"), "[⍽][“]•[”]");
        assert_eq!(shown("a\u{7}b"), "•[U+0007]•");
        assert_eq!(shown(""), "");
    }

    #[test]
    fn reveal_never_shows_a_long_run_whole() {
        let key = "sk-ant-api03-VWq1FvYOlKC3t9LOH6WHhRCChmVY_ieP_coSHIg4hV952XBYO";
        let s = shown(key);
        assert!(!s.contains(&key[3..15]));
        assert_eq!(s.chars().count(), key.chars().count());
    }

    #[test]
    fn size_labels() {
        assert_eq!(size_label(12), "12 bytes");
        assert_eq!(size_label(12_345), "12.3 kB");
        assert_eq!(size_label(20_010_003), "20.0 MB");
        assert_eq!(size_label(999_999), "1000.0 kB");
    }

    #[test]
    fn every_kind_has_a_label_and_an_id() {
        for k in [
            InputKind::Curl,
            InputKind::HttpRequest,
            InputKind::Headers,
            InputKind::Json,
            InputKind::Python,
            InputKind::Node,
            InputKind::Env,
            InputKind::Har,
            InputKind::Unknown,
        ] {
            assert!(!kind_label(k).is_empty() && !kind_id(k).is_empty());
        }
    }
}
