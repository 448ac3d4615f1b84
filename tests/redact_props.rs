//! Property test: random secrets of every supported shape, planted in random contexts of every
//! kind (curl, JSON, headers, `.env`, query strings, HAR, prose, YAML, code, cookies, URL
//! credentials, percent-encoded, JSON-escaped once and twice, `\u`-escaped, split by line
//! continuations, sprinkled with zero-width characters), never survive redaction: no
//! 12-character piece of a secret's private part is left in the output, even after decoding
//! the output's escapes, and the final re-scan finds nothing.
//!
//! Cases: `PROPTEST_CASES` (default 3000). The 100,000-case run:
//! `PROPTEST_CASES=100000 cargo test --no-default-features --release --test redact_props`
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::redact::{redact, scan, RedactOptions};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// A tiny deterministic generator fed by proptest's seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn from(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| alphabet[self.below(alphabet.len())] as char)
            .collect()
    }
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX: &[u8] = b"0123456789abcdef";
const UPPER32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A planted secret: the full text, its public prefix (may survive), and whether it has a
/// recognisable shape (shapeless secrets go only where a name or a scheme marks them).
struct Secret {
    text: String,
    public: &'static str,
    shaped: bool,
}

/// Random text with a mix of classes (guarantees what real keys always have).
fn mixed(r: &mut Rng, alphabet: &[u8], n: usize) -> String {
    loop {
        let s = r.from(alphabet, n);
        let lo = s.bytes().any(|c| c.is_ascii_lowercase());
        let up = s.bytes().any(|c| c.is_ascii_uppercase());
        let dg = s.bytes().any(|c| c.is_ascii_digit());
        let hexy = alphabet == HEX;
        if (hexy && lo && dg) || (!hexy && (lo as u8 + up as u8 + dg as u8) >= 2) {
            return s;
        }
    }
}

fn b64url_encode(data: &[u8]) -> String {
    let t = B64URL;
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(t[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

const KINDS: usize = 34;

fn secret(kind: usize, r: &mut Rng) -> Secret {
    let s = |text: String, public: &'static str| Secret {
        text,
        public,
        shaped: true,
    };
    let bare = |text: String| Secret {
        text,
        public: "",
        shaped: false,
    };
    match kind {
        0 => s(
            format!(
                "sk-proj-{}T3BlbkFJ{}",
                mixed(r, B64URL, 74),
                mixed(r, B64URL, 74)
            ),
            "sk-proj-",
        ),
        1 => s(
            format!(
                "sk-svcacct-{}T3BlbkFJ{}",
                mixed(r, B64URL, 74),
                mixed(r, B64URL, 74)
            ),
            "sk-svcacct-",
        ),
        2 => s(
            format!(
                "sk-admin-{}T3BlbkFJ{}",
                mixed(r, B64URL, 58),
                mixed(r, B64URL, 58)
            ),
            "sk-admin-",
        ),
        3 => s(
            format!("sk-{}T3BlbkFJ{}", mixed(r, ALNUM, 20), mixed(r, ALNUM, 20)),
            "sk-",
        ),
        4 => s(
            format!("sk-ant-api03-{}AA", mixed(r, B64URL, 93)),
            "sk-ant-api03-",
        ),
        5 => s(
            format!("sk-ant-admin01-{}AA", mixed(r, B64URL, 93)),
            "sk-ant-admin01-",
        ),
        6 => s(format!("AIza{}", mixed(r, B64URL, 35)), "AIza"),
        7 => s(format!("gsk_{}", mixed(r, ALNUM, 52)), "gsk_"),
        8 => s(
            format!(
                "hf_{}",
                mixed(
                    r,
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                    34
                )
            ),
            "hf_",
        ),
        9 => s(format!("xai-{}", mixed(r, ALNUM, 80)), "xai-"),
        10 => s(format!("pplx-{}", mixed(r, ALNUM, 48)), "pplx-"),
        11 => s(format!("sk-or-v1-{}", mixed(r, HEX, 64)), "sk-or-v1-"),
        12 => s(format!("r8_{}", mixed(r, ALNUM, 37)), "r8_"),
        13 => s(format!("tgp_v1_{}", mixed(r, B64URL, 43)), "tgp_v1_"),
        14 => s(format!("fw_{}", mixed(r, ALNUM, 24)), "fw_"),
        15 => s(format!("sk-{}", mixed(r, HEX, 32)), "sk-"),
        16 => s(
            format!("{}{}", ["AKIA", "ASIA"][r.below(2)], mixed(r, UPPER32, 16)),
            "AKIA",
        ),
        17 => s(format!("ghp_{}", mixed(r, ALNUM, 36)), "ghp_"),
        18 => s(
            format!(
                "github_pat_{}",
                mixed(
                    r,
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_",
                    82
                )
            ),
            "github_pat_",
        ),
        19 => s(
            format!(
                "xoxb-{}-{}-{}",
                r.from(b"0123456789", 12),
                r.from(b"0123456789", 13),
                mixed(r, ALNUM, 24)
            ),
            "xoxb-",
        ),
        20 => s(
            format!("{}_live_{}", ["sk", "rk"][r.below(2)], mixed(r, ALNUM, 99)),
            "sk_live_",
        ),
        21 => {
            let header = b64url_encode(br#"{"alg":"HS256","typ":"JWT"}"#);
            let payload = b64url_encode(
                format!(r#"{{"sub":"{}","exp":1748783600}}"#, r.from(ALNUM, 12)).as_bytes(),
            );
            s(
                format!("{header}.{payload}.{}", mixed(r, B64URL, 43)),
                "eyJ",
            )
        }
        22 => s(format!("npm_{}", mixed(r, ALNUM, 36)), "npm_"),
        // Prefixless: Mistral (32 alnum), Cohere (40 alnum), Azure (32 hex), AWS secret key,
        // an opaque session token.
        23 => bare(mixed(r, ALNUM, 32)),
        24 => bare(mixed(r, ALNUM, 40)),
        25 => bare(mixed(r, HEX, 32)),
        26 => bare(mixed(r, B64, 40)),
        27 => s(format!("gho_{}", mixed(r, ALNUM, 36)), "gho_"),
        28 => s(
            format!("sk-ant-oat01-{}AA", mixed(r, B64URL, 93)),
            "sk-ant-oat01-",
        ),
        29 => s(format!("GOCSPX-{}", mixed(r, B64URL, 28)), "GOCSPX-"),
        30 => s(format!("ya29.{}", mixed(r, B64URL, 120)), "ya29."),
        31 => s(format!("whsec_{}", mixed(r, ALNUM, 32)), "whsec_"),
        32 => s(
            format!(
                "xoxp-{}-{}-{}",
                r.from(b"0123456789", 12),
                r.from(b"0123456789", 12),
                mixed(r, HEX, 32)
            ),
            "xoxp-",
        ),
        _ => s(format!("glpat-{}", mixed(r, B64URL, 20)), "glpat-"),
    }
}

fn pct_all(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn u_escape_all(s: &str) -> String {
    s.chars().map(|c| format!("\\u{:04x}", c as u32)).collect()
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn filler(r: &mut Rng) -> String {
    const WORDS: &[&str] = &[
        "the",
        "request",
        "failed",
        "with",
        "401",
        "retry",
        "model",
        "gpt-4o-mini",
        "tokens",
        "stream",
        "please",
        "help",
        "error:",
        "at",
        "line",
        "42",
        "ok",
        "see",
        "docs",
        "timeout=30",
        "max_tokens=1024",
        "req_011C3ESfW3VTCukAsE1t9Y3t",
        "e7f7cb82-e522-463b-9ead-eeb5b50dc1d3",
    ];
    let n = r.below(6);
    (0..n)
        .map(|_| WORDS[r.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

const CONTEXTS: usize = 22;

/// Plants `s` in context number `ctx`. Contexts below 8 mark the secret by a name or a scheme,
/// so shapeless secrets go there; the others need a recognisable shape.
fn plant(ctx: usize, s: &str, r: &mut Rng) -> String {
    let f = filler(r);
    match ctx {
        0 => format!("curl https://api.example.com/v1/chat/completions \\\n  -H \"Authorization: Bearer {s}\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{{\"model\": \"gpt-4o\", \"messages\": [{{\"role\": \"user\", \"content\": \"{f}\"}}]}}'\n"),
        1 => format!("{{\n  \"provider\": \"openai\",\n  \"api_key\": \"{s}\",\n  \"model\": \"gpt-4o-mini\"\n}}"),
        2 => format!("POST /v1/messages HTTP/1.1\nHost: api.example.com\nx-api-key: {s}\ncontent-type: application/json\n\n{f}"),
        3 => format!("# {f}\nexport OPENAI_API_KEY={s}\nOPENAI_BASE_URL=https://api.example.com/v1\n"),
        4 => format!("GET https://api.example.com/v1/models?api_key={s}&limit=20 {f}"),
        5 => {
            let har = serde_json::json!({"log": {"version": "1.2", "entries": [{
                "request": {"method": "POST", "url": "https://api.example.com/v1/chat/completions",
                    "headers": [{"name": "authorization", "value": format!("Bearer {s}")},
                                {"name": "content-type", "value": "application/json"}],
                    "queryString": [{"name": "key", "value": s}],
                    "cookies": [{"name": "session", "value": s}],
                    "postData": {"mimeType": "application/json",
                        "text": serde_json::json!({"api_key": s, "model": "gpt-4o", "messages": [{"role": "user", "content": f}]}).to_string()}},
                "response": {"status": 401, "content": {"mimeType": "application/json", "text": "{\"error\":\"invalid key\"}"}}}]}});
            serde_json::to_string_pretty(&har).unwrap()
        }
        6 => format!("Cookie: theme=dark; session_id={s}; lang=en\n{f}"),
        7 => format!("llm:\n  provider: custom\n  api_key: '{s}'\n  model: x\n# {f}"),
        8 => format!("{f} my key is {s} and it fails {f}"),
        9 => format!("client = OpenAI(api_key=\"{s}\", base_url=\"https://api.example.com/v1\")  # {f}"),
        10 => format!("https://app.example.com/cb?next=%2Fsettings%3Fkey%3D{}&state=xyz", pct_all(s)),
        11 => format!("https://app.example.com/cb?next={}&state=xyz", pct_all(&pct_all(s))),
        12 => format!("{{\"log\": {}}}", json_str(&format!("{{\"headers\": {{\"x-api-key\": \"{s}\"}}, \"note\": \"{f}\"}}"))),
        13 => format!("{{\"payload\": {}}}", json_str(&json_str(&format!("token {s} {f}")))),
        14 => format!("{{\"apiKey\": \"{}\"}}", u_escape_all(s)),
        15 => {
            // Split by a shell line continuation inside the value.
            let cut = 5 + r.below(s.len().saturating_sub(10).max(1));
            let cut = (0..=cut).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            format!("curl https://api.example.com -H \"x-api-key: {}\\\n    {}\"\n", &s[..cut], &s[cut..])
        }
        16 => {
            // Zero-width characters inside the secret.
            let zw = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{00AD}', '\u{2060}'];
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && r.below(6) == 0 {
                    out.push(zw[r.below(zw.len())]);
                }
                out.push(c);
            }
            format!("{f} key: {out} {f}")
        }
        17 => format!("const client = new Anthropic({{ apiKey: `{s}` }}); // {f}"),
        18 => format!("{f}\n{s}\n{f}"),
        19 => format!("[{f}] Authorization={s}; path=/"),
        20 => format!("<meta content=\"{s}\">{f}"),
        _ => format!("{{\"k\":\"{}\"}}", s.replace('/', "\\/")),
    }
}

/// Decodes the output as far as a reader could: JSON escapes, percent-encoding, zero-width
/// characters, line continuations, repeatedly.
fn decoded(s: &str) -> String {
    let mut cur = s.to_string();
    for _ in 0..6 {
        let mut out = String::with_capacity(cur.len());
        let b: Vec<char> = cur.chars().collect();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == '\\' && i + 1 < b.len() {
                match b[i + 1] {
                    'u' if i + 5 < b.len() => {
                        let h: String = b[i + 2..i + 6].iter().collect();
                        if let Some(ch) = u32::from_str_radix(&h, 16).ok().and_then(char::from_u32)
                        {
                            out.push(ch);
                            i += 6;
                            continue;
                        }
                    }
                    '"' | '\\' | '/' => {
                        out.push(b[i + 1]);
                        i += 2;
                        continue;
                    }
                    'n' => {
                        out.push('\n');
                        i += 2;
                        continue;
                    }
                    '\n' => {
                        i += 2;
                        while i < b.len() && (b[i] == ' ' || b[i] == '\t') {
                            i += 1;
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            if c == '%' && i + 2 < b.len() {
                let h: String = b[i + 1..i + 3].iter().collect();
                if let Ok(v) = u8::from_str_radix(&h, 16) {
                    if v.is_ascii() {
                        out.push(v as char);
                        i += 3;
                        continue;
                    }
                }
            }
            if matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}'
            ) {
                i += 1;
                continue;
            }
            out.push(c);
            i += 1;
        }
        if out == cur {
            break;
        }
        cur = out;
    }
    cur
}

/// The 12-character pieces of the secret's private part present in `hay`.
fn leaked(hay: &str, s: &Secret) -> Option<String> {
    let chars: Vec<char> = s.text.chars().collect();
    let skip = s.public.chars().count();
    for start in 0..chars.len().saturating_sub(11) {
        if start + 12 <= skip {
            continue;
        }
        let piece: String = chars[start..start + 12].iter().collect();
        if hay.contains(&piece) {
            return Some(piece);
        }
    }
    None
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

fn check(kind: usize, ctx: usize, seed: u64, second: Option<usize>) -> Result<(), TestCaseError> {
    let mut r = Rng(seed | 1);
    let s = secret(kind, &mut r);
    // Shapeless secrets only where a name or a scheme marks them.
    let ctx = if s.shaped { ctx } else { ctx % 8 };
    let mut text = plant(ctx, &s.text, &mut r);
    let mut planted = vec![s];
    if let Some(k2) = second {
        let s2 = secret(k2, &mut r);
        let c2 = if s2.shaped {
            (ctx + 3) % CONTEXTS
        } else {
            (ctx + 3) % 8
        };
        text.push('\n');
        text.push_str(&plant(c2, &s2.text, &mut r));
        planted.push(s2);
    }
    let out = redact(&text, &RedactOptions::default());
    let dec = decoded(&out.text);
    for s in &planted {
        if let Some(p) = leaked(&out.text, s).or_else(|| leaked(&dec, s)) {
            return Err(TestCaseError::fail(format!(
                "kind {kind} ctx {ctx}: piece {p:?} survives\n--- input\n{text}\n--- output\n{}",
                out.text
            )));
        }
    }
    prop_assert!(!out.redactions.is_empty(), "nothing listed for\n{}", text);
    let again = scan(&out.text);
    prop_assert!(
        again.is_empty(),
        "re-scan finds {:?} in\n{}",
        again,
        out.text
    );
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    fn planted_secrets_never_survive(
        kind in 0..KINDS,
        ctx in 0..CONTEXTS,
        seed in any::<u64>(),
        second in proptest::option::of(0..KINDS),
    ) {
        check(kind, ctx, seed, second)?;
    }
}

/// A password in every place credentials travel: URL userinfo, Basic auth, curl `-u`,
/// password fields in JSON, YAML, `.env` and query strings.
fn check_password(ctx: usize, seed: u64) -> Result<(), TestCaseError> {
    let mut r = Rng(seed | 1);
    let len = 10 + r.below(20);
    let pw = mixed(
        &mut r,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~!",
        len,
    );
    let user = r.from(b"abcdefghijklmnopqrstuvwxyz", 6);
    let basic = b64url_encode(format!("{user}:{pw}").as_bytes())
        .replace('-', "+")
        .replace('_', "/");
    let text = match ctx {
        0 => format!("DATABASE_URL=postgres://{user}:{pw}@db.internal:5432/app"),
        1 => format!("curl -sS 'https://{user}:{pw}@grafana.example.com/api/health'"),
        2 => format!("Authorization: Basic {basic}\nAccept: */*"),
        3 => format!("curl -u {user}:{pw} https://api.example.com/v1/models"),
        4 => format!("{{\"username\": \"{user}\", \"password\": \"{pw}\"}}"),
        5 => format!("db:\n  user: {user}\n  password: {pw}\n"),
        6 => format!("DB_PASSWORD={pw}\nDB_USER={user}\n"),
        7 => format!("https://example.com/login?user={user}&password={pw}&next=%2F"),
        _ => format!(
            "{{\"headers\": [{{\"name\": \"Authorization\", \"value\": \"Basic {basic}\"}}]}}"
        ),
    };
    let out = redact(&text, &RedactOptions::default());
    let secret = Secret {
        text: pw.clone(),
        public: "",
        shaped: false,
    };
    let b = Secret {
        text: basic.clone(),
        public: "",
        shaped: false,
    };
    for s in [&secret, &b] {
        let dec = decoded(&out.text);
        if s.text.chars().count() >= 12 {
            if let Some(p) = leaked(&out.text, s).or_else(|| leaked(&dec, s)) {
                return Err(TestCaseError::fail(format!(
                    "ctx {ctx}: {p:?} survives\n{text}\n---\n{}",
                    out.text
                )));
            }
        }
    }
    prop_assert!(
        !out.text.contains(&pw),
        "ctx {}: password survives\n{}\n---\n{}",
        ctx,
        text,
        out.text
    );
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: cases() / 4 + 1, failure_persistence: None, ..Config::default() })]

    #[test]
    fn planted_passwords_never_survive(ctx in 0..9usize, seed in any::<u64>()) {
        check_password(ctx, seed)?;
    }
}

/// Every kind in every context at least once, whatever the case count.
#[test]
fn every_kind_in_every_context() {
    eprintln!("proptest cases this run: {}", cases());
    for kind in 0..KINDS {
        for ctx in 0..CONTEXTS {
            if let Err(e) = check(
                kind,
                ctx,
                0x9E37_79B9_7F4A_7C15 ^ ((kind * 131 + ctx) as u64),
                None,
            ) {
                panic!("{e}");
            }
        }
    }
}
