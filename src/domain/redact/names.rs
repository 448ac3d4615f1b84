//! Secret-bearing names: which field, header, variable, query parameter or cookie name holds a
//! secret, decided from its words (split at `_`, `-`, `.` and camelCase), case-insensitively.
//!
//! `OPENAI_API_KEY`, `x-api-key`, `apiKey`, `_authToken`, `client_secret`, `HF_TOKEN`,
//! `sb-refresh-token`, `laravel_session` hold secrets; `max_tokens`, `api-version`,
//! `token_count`, `idempotency-key`, `x-request-id` do not.

/// What a name says about the value under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// Not secret-bearing.
    Other,
    /// A key, token or secret.
    Secret,
    /// A password: short values count too.
    Password,
    /// `Authorization`-like: the value may start with a scheme (`Bearer`, `Basic`, `token`).
    Authorization,
    /// A `Cookie` header: a list of `name=value` pairs.
    Cookie,
    /// A `Set-Cookie` header: one pair, then attributes.
    SetCookie,
    /// Prompt text in a request body (`content`, `prompt`, `input`, `system`, `instructions`).
    Prompt,
    /// A `text` field: prompt text only inside a message part.
    Text,
    /// HAR's `"name"` field: the name of the pair whose `"value"` follows.
    HarName,
}

/// Last words that make a name secret-bearing.
const SECRET_LAST: &[&str] = &[
    "key",
    "apikey",
    "token",
    "secret",
    "secrets",
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "pass",
    "auth",
    "session",
    "sessionid",
    "sid",
    "jwt",
    "signature",
    "sig",
    "accesstoken",
    "authtoken",
    "refreshtoken",
    "idtoken",
    "apitoken",
    "secretkey",
    "accesskey",
    "privatekey",
    "clientsecret",
    "sessiontoken",
];

/// Earlier words that make a `…key`/`…token` name harmless.
const HARMLESS_BEFORE: &[&str] = &[
    "public",
    "publishable",
    "idempotency",
    "cache",
    "sort",
    "partition",
    "primary",
    "foreign",
    "page",
    "max",
    "min",
    "total",
    "count",
    "num",
    "usage",
    "lookup",
    "dedup",
    "dedupe",
    "row",
    "hash",
    "object",
    "map",
    "registry",
    "kid",
    "file",
    "storage",
];

/// Last words that make any name harmless, even with `secret` or `password` in it.
const HARMLESS_LAST: &[&str] = &[
    "id",
    "ids",
    "type",
    "name",
    "names",
    "url",
    "uri",
    "path",
    "file",
    "version",
    "length",
    "count",
    "expires",
    "expiry",
    "expiration",
    "ttl",
    "header",
    "ref",
    "arn",
    "env",
    "var",
    "field",
    "prefix",
    "hint",
    "mode",
    "method",
    "format",
    "provider",
    "endpoint",
    "domain",
    "host",
    "len",
    "size",
    "limit",
    "tokens",
    "at",
    "in",
    "scope",
    "scopes",
    "policy",
];

const MAX_WORDS: usize = 12;

/// Splits `name` into lowercase-comparable words: `AWSELBAuthSessionCookie-0` →
/// `AWSELB Auth Session Cookie` (numeric words dropped). Returns the number of words.
fn words<'a>(name: &'a str, out: &mut [&'a str; MAX_WORDS]) -> usize {
    let b = name.as_bytes();
    let mut n = 0;
    let mut start: Option<usize> = None;
    let mut push = |s: usize, e: usize, n: &mut usize| {
        if *n < MAX_WORDS && e > s {
            let w = &name[s..e];
            if !w.bytes().all(|c| c.is_ascii_digit()) {
                out[*n] = w;
                *n += 1;
            }
        }
    };
    for i in 0..b.len() {
        let c = b[i];
        if !c.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                push(s, i, &mut n);
            }
            continue;
        }
        match start {
            None => start = Some(i),
            Some(s) => {
                let prev = b[i - 1];
                let lower_to_upper = prev.is_ascii_lowercase() && c.is_ascii_uppercase();
                let acronym_end = prev.is_ascii_uppercase()
                    && c.is_ascii_uppercase()
                    && b.get(i + 1).is_some_and(u8::is_ascii_lowercase);
                // "AWSELBAuth": split before the 'A' of "Auth".
                if lower_to_upper || acronym_end {
                    push(s, i, &mut n);
                    start = Some(i);
                }
            }
        }
    }
    if let Some(s) = start {
        push(s, b.len(), &mut n);
    }
    n
}

fn is_any(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Classifies a name (without quotes). Long names (over 80 bytes) are `Other`.
pub fn classify(name: &str) -> NameKind {
    let nb = name.as_bytes();
    if nb.is_empty() || nb.len() > 80 {
        return NameKind::Other;
    }
    let mut buf = [0u8; 80];
    for (d, s) in buf.iter_mut().zip(nb) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..nb.len()];
    match lower {
        b"authorization" | b"proxy-authorization" | b"www-authenticate" => {
            return NameKind::Authorization
        }
        b"cookie" => return NameKind::Cookie,
        b"set-cookie" => return NameKind::SetCookie,
        b"content" | b"prompt" | b"input" | b"system" | b"instructions" | b"system_prompt"
        | b"systeminstruction" => return NameKind::Prompt,
        b"text" => return NameKind::Text,
        b"name" => return NameKind::HarName,
        _ => {}
    }
    // Fast dismissal: a secret-bearing name holds one of these three-letter marks.
    let marked = lower.windows(3).any(|w| {
        matches!(
            w,
            b"key"
                | b"tok"
                | b"sec"
                | b"pas"
                | b"pwd"
                | b"aut"
                | b"coo"
                | b"ses"
                | b"sid"
                | b"jwt"
                | b"sig"
        )
    });
    if !marked {
        return NameKind::Other;
    }
    let mut wbuf = [""; MAX_WORDS];
    let n = words(name, &mut wbuf);
    if n == 0 {
        return NameKind::Other;
    }
    let ws = &wbuf[..n];
    let last = ws[n - 1];
    // Session identifiers are credentials: `session_id`, `PHPSESSID`, `JSESSIONID`.
    let session = lower.windows(4).any(|w| w == b"sess");
    let last_lower = last.to_ascii_lowercase();
    if session
        && (is_any(last, &["id", "ids", "sid", "key", "token", "cookie"])
            || last_lower.ends_with("sessid")
            || last_lower.ends_with("sessionid"))
    {
        return NameKind::Secret;
    }
    if is_any(last, HARMLESS_LAST) {
        return NameKind::Other;
    }
    let has = |list: &[&str]| ws.iter().any(|w| is_any(w, list));
    let password = has(&["password", "passwd", "pwd", "passphrase"]);
    if is_any(last, &["authorization"]) {
        return NameKind::Authorization;
    }
    if is_any(last, &["cookie"]) {
        return NameKind::Secret;
    }
    if is_any(last, SECRET_LAST) {
        if ws[..n - 1].iter().any(|w| is_any(w, HARMLESS_BEFORE)) {
            return NameKind::Other;
        }
        return if password {
            NameKind::Password
        } else {
            NameKind::Secret
        };
    }
    if password {
        return NameKind::Password;
    }
    if has(&["secret", "apikey", "token"]) && n <= 4 {
        return NameKind::Secret;
    }
    NameKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use NameKind::*;

    #[test]
    fn names() {
        for n in [
            "OPENAI_API_KEY",
            "x-api-key",
            "api-key",
            "apiKey",
            "_authToken",
            "client_secret",
            "HF_TOKEN",
            "sb-refresh-token",
            "laravel_session",
            "__Host-session",
            "XSRF-TOKEN",
            "AWSELBAuthSessionCookie-0",
            "key",
            "Signature",
            "X-Amz-Security-Token",
            "aws_secret_access_key",
            "x-goog-api-key",
            "apikey",
            "GITHUB_PERSONAL_ACCESS_TOKEN",
            "sessionid",
            "session_id",
            "PHPSESSID",
            "JSESSIONID",
            "secret",
            "TOKEN",
        ] {
            assert_eq!(classify(n), Secret, "{n}");
        }
        for n in [
            "max_tokens",
            "api-version",
            "token_count",
            "idempotency-key",
            "x-request-id",
            "aws_access_key_id",
            "model",
            "SignedHeaders",
            "total_tokens",
            "secret_name",
            "token_type",
            "HTTP-Referer",
            "anthropic-version",
            "system_fingerprint",
        ] {
            assert_eq!(classify(n), Other, "{n}");
        }
        assert_eq!(classify("Authorization"), Authorization);
        assert_eq!(classify("CF_Authorization"), Authorization);
        assert_eq!(classify("password"), Password);
        assert_eq!(classify("DB_PASSWORD"), Password);
        assert_eq!(classify("Cookie"), Cookie);
        assert_eq!(classify("content"), Prompt);
    }
}
