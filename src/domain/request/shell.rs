//! A small POSIX-shell (and Windows `cmd`) word splitter for pasted curl commands:
//! `\`-newline and `^`-newline continuations, single quotes, double quotes with their
//! escapes, `$'…'` ANSI-C strings, and `^` escapes in `cmd` mode. It stops at an unquoted
//! `|`, `;`, `&&`, `||` or redirection, where the curl command ends.

/// Splits `text` into words. `unterminated` is set when a quote was never closed.
pub fn split(text: &str) -> (Vec<String>, bool) {
    let cmd_mode = text.contains("^\n") || text.contains("^\r\n") || text.contains("^\"");
    if cmd_mode {
        return split_cmd(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut i = 0;
    let n = chars.len();
    let mut unterminated = false;
    while i < n {
        let c = chars[i];
        match c {
            '\\' => {
                match chars.get(i + 1) {
                    Some('\n') => i += 2,
                    Some('\r') if chars.get(i + 2) == Some(&'\n') => i += 3,
                    Some(&x) => {
                        cur.push(x);
                        in_word = true;
                        i += 2;
                    }
                    None => i += 1,
                }
                continue;
            }
            '\'' => {
                in_word = true;
                i += 1;
                let start = i;
                while i < n && chars[i] != '\'' {
                    i += 1;
                }
                cur.extend(&chars[start..i.min(n)]);
                if i >= n {
                    unterminated = true;
                }
                i += 1;
                continue;
            }
            '$' if chars.get(i + 1) == Some(&'\'') => {
                in_word = true;
                i += 2;
                while i < n && chars[i] != '\'' {
                    if chars[i] == '\\' && i + 1 < n {
                        let e = chars[i + 1];
                        cur.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            other => other,
                        });
                        i += 2;
                    } else {
                        cur.push(chars[i]);
                        i += 1;
                    }
                }
                if i >= n {
                    unterminated = true;
                }
                i += 1;
                continue;
            }
            '"' => {
                in_word = true;
                i += 1;
                while i < n && chars[i] != '"' {
                    let x = chars[i];
                    if x == '\\' {
                        match chars.get(i + 1) {
                            Some(&e @ ('"' | '\\' | '$' | '`')) => {
                                cur.push(e);
                                i += 2;
                            }
                            Some('\n') => i += 2,
                            _ => {
                                cur.push('\\');
                                i += 1;
                            }
                        }
                    } else {
                        cur.push(x);
                        i += 1;
                    }
                }
                if i >= n {
                    unterminated = true;
                }
                i += 1;
                continue;
            }
            '#' if !in_word => {
                while i < n && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '|' | ';' | '>' | '<' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                }
                return (words, unterminated);
            }
            '&' if chars.get(i + 1) == Some(&'&') => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                }
                return (words, unterminated);
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
                i += 1;
                continue;
            }
            _ => {
                cur.push(c);
                in_word = true;
                i += 1;
                continue;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    (words, unterminated)
}

/// Windows `cmd` (Chrome's "Copy as cURL (cmd)"): carets escape the next character (a caret
/// before a newline continues the line), then the C runtime splits arguments: `"` toggles
/// quoting, `\"` is a literal quote.
fn split_cmd(text: &str) -> (Vec<String>, bool) {
    let mut plain = String::with_capacity(text.len());
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if c == '^' {
            match it.peek() {
                Some('\r') => {
                    it.next();
                    if it.peek() == Some(&'\n') {
                        it.next();
                    }
                    plain.push(' ');
                }
                Some('\n') => {
                    it.next();
                    plain.push(' ');
                }
                Some(_) => plain.extend(it.next()),
                None => {}
            }
        } else {
            plain.push(c);
        }
    }
    let chars: Vec<char> = plain.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quoted = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1) == Some(&'"') {
            cur.push('"');
            in_word = true;
            i += 2;
            continue;
        }
        if c == '"' {
            if quoted && chars.get(i + 1) == Some(&'"') {
                cur.push('"');
                i += 2;
                continue;
            }
            quoted = !quoted;
            in_word = true;
            i += 1;
            continue;
        }
        if !quoted && c.is_whitespace() {
            if in_word {
                words.push(std::mem::take(&mut cur));
                in_word = false;
            }
        } else if !quoted && (c == '|' || (c == '&' && chars.get(i + 1) == Some(&'&'))) {
            break;
        } else {
            cur.push(c);
            in_word = true;
        }
        i += 1;
    }
    if in_word {
        words.push(cur);
    }
    (words, quoted)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn words() {
        let (w, u) = split("curl 'a b' \"c\\\"d\" e\\\n  f $'x\\ny' | jq .");
        assert_eq!(w, ["curl", "a b", "c\"d", "e", "f", "x\ny"]);
        assert!(!u);
        let (w, _) = split("curl ^\"https://x.test/^\" ^\n  -H ^\"a: b^\"");
        assert_eq!(w, ["curl", "https://x.test/", "-H", "a: b"]);
        let (_, u) = split("curl 'oops");
        assert!(u);
    }
}
