//! Small predicates over candidate values: what only looks like a secret (placeholders,
//! references to variables, masked copies, dummy values, identifiers) and what looks random.

/// Words (lowercase, whole words between non-alphanumerics) that mark a documentation
/// placeholder. Whole words only, so a random key that happens to contain `dummy` or `your`
/// in the middle of its characters is still a key.
const PLACEHOLDER_WORDS: &[&str] = &[
    "your",
    "yours",
    "yourkey",
    "yourapikey",
    "yourtoken",
    "placeholder",
    "changeme",
    "replaceme",
    "replace",
    "insert",
    "redacted",
    "dummy",
    "example",
    "here",
    "todo",
    "fixme",
    "notsecret",
];

/// Values that are well known not to be secrets (local servers, SDK defaults).
const DUMMY_VALUES: &[&str] = &[
    "ollama",
    "lm-studio",
    "lmstudio",
    "none",
    "null",
    "nil",
    "true",
    "false",
    "undefined",
    "empty",
    "test",
    "testing",
    "secret",
    "password",
    "passwd",
    "pass",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "key",
    "anything",
    "not-needed",
    "not_needed",
    "sk-no-key-required",
    "no-key",
    "nokey",
    "unused",
    "default",
    "string",
    "bearer",
    "basic",
];

/// Whether the value is a documentation placeholder (`YOUR_API_KEY`, `<api-key>`,
/// `sk-xxxx…`, `your-groq-api-key-here`, `public-anon-key-placeholder`).
pub fn is_placeholder(v: &str) -> bool {
    if v.is_empty() {
        return true;
    }
    if v.contains('<') || v.contains('>') || v.contains("{{") {
        return true;
    }
    if is_repetitive(v) {
        return true;
    }
    v.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        (4..=11).contains(&w.len())
            && (PLACEHOLDER_WORDS.iter().any(|p| w.eq_ignore_ascii_case(p))
                || w.bytes().all(|c| c == b'x' || c == b'X'))
    }) || v.bytes().filter(|c| *c == b'x' || *c == b'X').count() >= 12 && is_x_run(v)
}

/// Whether the value holds a run of 12 or more `x`/`X` (a long masked-by-x word).
fn is_x_run(v: &str) -> bool {
    let mut run = 0;
    for c in v.bytes() {
        if c == b'x' || c == b'X' {
            run += 1;
            if run >= 12 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Whether one character makes up at least 60% of the value's alphanumerics
/// (`sk-xxxxxxxx`, `00000000`, `sk-proj-XXXXXXXX...`).
pub fn is_repetitive(v: &str) -> bool {
    let mut counts = [0usize; 128];
    let mut n = 0;
    for c in v.bytes() {
        if c.is_ascii_alphanumeric() {
            counts[c as usize] += 1;
            n += 1;
        }
    }
    n >= 6 && counts.iter().max().copied().unwrap_or(0) * 10 >= n * 6
}

/// Whether the value is a masked display copy (`sk-...abcd`, `sk-proj-****Wx9Q`, `…3xQa`).
pub fn is_masked(v: &str) -> bool {
    // `...` or `***` count when at most six characters follow the mask, as in a display
    // copy (`sk-...abcd`, `sk_live_****JujR`); a password may hold dots or stars elsewhere.
    let short_tail = |mark: &str, c: char| {
        v.rfind(mark)
            .map(|i| v[i..].trim_start_matches(c).chars().count() <= 6)
            .unwrap_or(false)
    };
    v.contains('…')
        || v.contains('•')
        || v.contains('●')
        || v.contains("[REDACTED")
        || v.contains("[prompt:")
        || short_tail("...", '.')
        || short_tail("***", '*')
}

/// Whether the value refers to a variable instead of holding the secret
/// (`$OPENAI_API_KEY`, `${X}`, `%X%`, `process.env.X`, `os.environ[...]`, `{TOKEN}`).
pub fn is_reference(v: &str) -> bool {
    let t = v.trim();
    let Some(first) = t.chars().next() else {
        return true;
    };
    if matches!(
        first,
        '$' | '{' | '%' | '[' | '(' | '@' | '#' | '<' | '&' | '*'
    ) {
        return true;
    }
    const REFS: &[&str] = &[
        "process.env",
        "os.environ",
        "os.getenv",
        "getenv(",
        "import.meta.env",
        "env.",
        "env(",
        "env[",
        "secrets.",
        "settings.",
        "config.",
        "vars.",
        "context.",
        "self.",
        "this.",
    ];
    let lower = t.to_ascii_lowercase();
    REFS.iter().any(|r| lower.starts_with(r))
}

/// Whether the value is a well-known dummy (`ollama`, `none`, `sk-no-key-required`...).
pub fn is_dummy(v: &str) -> bool {
    DUMMY_VALUES.iter().any(|d| v.eq_ignore_ascii_case(d))
}

/// Whether the value is a program identifier rather than data: a dotted path
/// (`settings.openai_key`), a call, or an ALL_CAPS variable name (`OPENAI_API_KEY`).
pub fn is_identifier(v: &str) -> bool {
    let b = v.as_bytes();
    if b.is_empty() {
        return false;
    }
    // ALL_CAPS_NAME with an underscore and no digit: an environment variable's name.
    if b.contains(&b'_')
        && b.iter().all(|c| c.is_ascii_uppercase() || *c == b'_')
        && b[0].is_ascii_uppercase()
    {
        return true;
    }
    // a.b.c where each part is an identifier: a code expression.
    if b.contains(&b'.') && !b.contains(&b'-') {
        let ok = v.split('.').all(|p| {
            let pb = p.as_bytes();
            let upper = pb.iter().filter(|c| c.is_ascii_uppercase()).count();
            let shouty = pb.iter().all(|c| !c.is_ascii_lowercase());
            !pb.is_empty()
                && (pb[0].is_ascii_alphabetic() || pb[0] == b'_')
                && pb.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
                && (shouty || upper <= 2)
        });
        // Most of a real secret is random; identifiers hold few digits.
        let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
        if ok && digits * 4 < b.len() {
            return true;
        }
    }
    false
}

/// Whether every character is a digit, a dot or a sign (a number, a version, a count).
pub fn is_numberish(v: &str) -> bool {
    !v.is_empty()
        && v.bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E' | b'_'))
}

/// Character classes present: lowercase, uppercase, digit.
pub fn classes(v: &str) -> (bool, bool, bool) {
    let b = v.as_bytes();
    (
        b.iter().any(u8::is_ascii_lowercase),
        b.iter().any(u8::is_ascii_uppercase),
        b.iter().any(u8::is_ascii_digit),
    )
}

/// Whether a context-free token looks like random key material: long, no spaces, mixes
/// character classes, several distinct characters, and is not a dotted number (a version,
/// a timestamp, an analytics id like `GA1.1.123456789.1714554000`).
pub fn looks_random(v: &str, min_len: usize) -> bool {
    let b = v.as_bytes();
    if b.len() < min_len || b.iter().any(|c| c.is_ascii_whitespace()) {
        return false;
    }
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    if letters < 2 {
        return false;
    }
    if b.contains(&b'.') && digits * 10 >= b.len() * 6 {
        return false;
    }
    let (lo, up, dg) = classes(v);
    let n = lo as u8 + up as u8 + dg as u8;
    if n < 2 {
        return false;
    }
    let mut seen = [false; 128];
    let mut distinct = 0;
    for &c in b {
        if c < 128 && !seen[c as usize] {
            seen[c as usize] = true;
            distinct += 1;
        }
    }
    distinct >= 10.min(b.len() / 2)
}

/// Whether a value under a secret-bearing name is worth redacting.
/// `min` is the shortest length that counts (short values are flags, not secrets).
pub fn is_secret_value(v: &str, min: usize) -> bool {
    let t = v.trim();
    t.chars().count() >= min
        && !is_placeholder(t)
        && !is_masked(t)
        && !is_reference(t)
        && !is_dummy(t)
        && !is_identifier(t)
        && !is_numberish(t)
        && !t.contains("://")
}

/// Like [`is_secret_value`] for passwords: digits-only and dotted values count.
pub fn is_password_value(v: &str, min: usize) -> bool {
    let t = v.trim();
    // A masked password is all mask characters; dots or stars inside a real one are common.
    let masked = t.contains(['…', '•', '●'])
        || t.contains("[REDACTED")
        || t.chars().all(|c| matches!(c, '*' | '.' | 'x' | 'X'));
    t.chars().count() >= min
        && !is_placeholder(t)
        && !masked
        && !is_reference(t)
        && !is_dummy(t)
        && !t.contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates() {
        assert!(is_placeholder("YOUR_API_KEY"));
        assert!(is_placeholder("<api-key>"));
        assert!(is_placeholder("sk-xxxxxxxxxxxxxxxxxxxxxxxx"));
        assert!(is_placeholder("your-groq-api-key-here"));
        assert!(!is_placeholder("gn63AOgzu21OiVAFbKpqQHUpa605lLqGFf9A07G9"));
        assert!(is_masked("sk-...abcd"));
        assert!(is_masked("sk-proj-****Wx9Q"));
        assert!(is_masked(
            "gsk_****************************************Hj2k"
        ));
        assert!(!is_masked("...z21jeFklX!6I"));
        assert!(is_reference("${admin.apiKey}"));
        assert!(is_reference("os.environ[\"X\"]"));
        assert!(is_identifier("OPENAI_API_KEY"));
        assert!(is_identifier("settings.openai_key"));
        assert!(!is_identifier("eyJhbGciOi.eyJzdWIi.abc"));
        assert!(looks_random("xFbWZGD3rKZpqGR-OsVytx8bBTS5EzDD", 16));
        assert!(!looks_random("GA1.1.123456789.1714554000", 16));
        assert!(!looks_random("authentication", 12));
        assert!(is_secret_value("01661a02f767601eaa0cbef8ad0b9114", 8));
        assert!(!is_secret_value("ollama", 4));
    }
}
