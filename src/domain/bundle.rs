//! The support bundle: everything support needs about one failed call, redacted and checked
//! again, as Markdown (for a ticket or an email) and as JSON (with a schema version).
//!
//! Invariants: every free-text field goes through the redaction engine before it is written;
//! [`guard`] scans the final text once more (secrets, and any 12-character piece of the key
//! the user typed) and the caller refuses to export when it finds anything. The domain has no
//! clock: the caller passes the time.

use crate::domain::diagnose::EvidenceKind;
use crate::domain::diagnose::{diagnose, Diagnosis};
use crate::domain::json::Val;
use crate::domain::redact::{contains_piece, redact, scan, RedactOptions, Redaction};
use serde::Serialize;

/// Version of the JSON layout; `schema/bundle.schema.json` describes it.
pub const SCHEMA_VERSION: u32 = 1;

/// Length of the pieces of the typed key that [`guard`] looks for.
pub const KEY_PIECE: usize = 12;

/// The clients the bundle form offers, in order.
pub const CLIENTS: &[&str] = &[
    "Codex CLI",
    "Claude Code",
    "OpenClaw",
    "Cursor",
    "Cline",
    "Continue",
    "curl",
    "OpenAI SDK",
    "Anthropic SDK",
    "LangChain",
    "other",
];

/// The sections a user can leave out. All are included by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sections {
    pub time: bool,
    pub client: bool,
    pub key: bool,
    pub request: bool,
    pub error: bool,
    pub diagnosis: bool,
    pub connection: bool,
    pub environment: bool,
}

impl Default for Sections {
    fn default() -> Self {
        Sections {
            time: true,
            client: true,
            key: true,
            request: true,
            error: true,
            diagnosis: true,
            connection: true,
            environment: true,
        }
    }
}

/// One line of the connection check, as the bundle shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckLine {
    pub check: String,
    /// `pass`, `warn` or `fail`.
    pub verdict: String,
    pub detail: String,
}

/// What goes into a bundle. Raw text is fine everywhere: [`build`] redacts it.
#[derive(Clone, Debug, Default)]
pub struct BundleInput {
    /// When the call failed, RFC 3339 with its offset (`2026-11-24T22:00:00+01:00`).
    pub time: Option<String>,
    /// The IANA time zone of the person filing (`Europe/Berlin`).
    pub time_zone: Option<String>,
    pub client: Option<String>,
    /// A key's name in the console, or its fingerprint (public prefix and last four).
    pub key_name: Option<String>,
    /// The request as pasted: curl, HTTP, JSON, code, `.env` or HAR.
    pub request: Option<String>,
    pub model: Option<String>,
    /// Key parameters of the request (`temperature`, `max_tokens`...).
    pub parameters: Vec<(String, String)>,
    /// The full error text as pasted.
    pub error: Option<String>,
    /// The diagnosis to include; computed from `error` when absent.
    pub diagnosis: Option<Diagnosis>,
    pub checks: Vec<CheckLine>,
    /// Browser and platform (`Chrome 131 on macOS`).
    pub browser: Option<String>,
    /// The operator's support contact, printed at the end.
    pub support_contact: Option<String>,
    pub sections: Sections,
    /// Keep prompt contents in the request. Default: replaced by their length.
    pub keep_prompts: bool,
}

/// A finished bundle in both formats, with what was redacted.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub markdown: String,
    pub json: String,
    /// Every redaction made in any field, merged by placeholder.
    pub redactions: Vec<Redaction>,
    /// "3 secrets redacted: openai_project_key ×2, bearer ×1", or "No secrets found."
    pub summary: String,
}

/// Something the leak guard found in a text about to leave the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Leak {
    /// The rule that fired, or `typed_key` for a piece of the key the user entered.
    pub what: String,
    /// 1-based line of the text where it starts.
    pub line: usize,
}

/// Builds the bundle. Every free-text field is redacted; prompts too unless asked to keep them.
pub fn build(input: &BundleInput) -> Bundle {
    let mut acc = Redactions::default();
    let sec = input.sections;
    let opts = RedactOptions {
        keep_prompts: input.keep_prompts,
    };
    let clean = |acc: &mut Redactions, s: &Option<String>| -> Option<String> {
        let s = s.as_deref()?.trim();
        (!s.is_empty()).then(|| acc.redact(&bounded(s), &opts))
    };

    let time = clean(&mut acc, &input.time).filter(|_| sec.time);
    let time_zone = clean(&mut acc, &input.time_zone);
    let client = clean(&mut acc, &input.client).filter(|_| sec.client);
    let key_name = input
        .key_name
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty() && sec.key)
        .map(|k| key_label(k, &mut acc, &opts));
    let request = clean(&mut acc, &input.request).filter(|_| sec.request);
    let model = clean(&mut acc, &input.model).filter(|_| sec.request);
    let error = clean(&mut acc, &input.error).filter(|_| sec.error);
    let browser = clean(&mut acc, &input.browser).filter(|_| sec.environment);
    let contact = clean(&mut acc, &input.support_contact);
    let parameters: Vec<(String, String)> = if sec.request {
        input
            .parameters
            .iter()
            .map(|(k, v)| (acc.redact(k, &opts), acc.redact(v, &opts)))
            .collect()
    } else {
        Vec::new()
    };
    let diagnosis: Option<Diagnosis> = if sec.diagnosis {
        input
            .diagnosis
            .clone()
            .or_else(|| input.error.as_deref().map(diagnose))
            .map(|d| redact_diagnosis(d, &mut acc, &opts))
    } else {
        None
    };
    let checks: Vec<CheckLine> = if sec.connection {
        input
            .checks
            .iter()
            .map(|c| CheckLine {
                check: acc.redact(&c.check, &opts),
                verdict: c.verdict.clone(),
                detail: acc.redact(&c.detail, &opts),
            })
            .collect()
    } else {
        Vec::new()
    };

    let summary = acc.summary(input.request.is_some() && sec.request && !input.keep_prompts);
    let view = View {
        time,
        time_zone: time_zone.filter(|_| sec.time || sec.environment),
        client,
        key_name,
        request,
        model,
        parameters,
        error,
        diagnosis,
        checks,
        browser,
        contact,
        summary: summary.clone(),
        redactions: acc.list.clone(),
    };
    Bundle {
        markdown: markdown(&view),
        json: json_text(&view),
        redactions: acc.list,
        summary,
    }
}

/// Scans `text` right before it leaves the page: any secret the redaction engine recognizes,
/// and any [`KEY_PIECE`]-character piece of `typed_key`. Empty means safe to export.
pub fn guard(text: &str, typed_key: Option<&str>) -> Vec<Leak> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let mut leaks: Vec<Leak> = scan(text)
        .into_iter()
        .map(|f| Leak {
            what: f.rule,
            line: line_of(f.start),
        })
        .collect();
    if let Some(key) = typed_key.map(str::trim).filter(|k| !k.is_empty()) {
        if contains_piece(text, key, KEY_PIECE) {
            let line = text
                .lines()
                .position(|l| contains_piece(l, key, KEY_PIECE))
                .map_or(1, |i| i + 1);
            leaks.push(Leak {
                what: "typed_key".to_string(),
                line,
            });
        }
    }
    leaks
}

/// Timestamps found in a pasted log, offered as the incident time: ISO 8601 / RFC 3339
/// (`2025-10-16T22:40:20.395Z`), `2025-10-16 22:40:20` and Go's `2024/05/25 - 02:20:27`.
/// At most five, in order of appearance, without repeats.
pub fn find_times(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out: Vec<String> = Vec::new();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let mut i = 0;
    while i + 10 <= b.len() && out.len() < 5 {
        let d = &b[i..];
        let date_sep = d[4];
        let is_date = digits(&d[..4])
            && (date_sep == b'-' || date_sep == b'/')
            && digits(&d[5..7])
            && d[7] == date_sep
            && digits(&d[8..10])
            && (i == 0 || !b[i - 1].is_ascii_digit());
        if !is_date {
            i += 1;
            continue;
        }
        let date = format!(
            "{}-{}-{}",
            &text[i..i + 4],
            &text[i + 5..i + 7],
            &text[i + 8..i + 10]
        );
        let rest = &b[i + 10..];
        let skip = match rest {
            [b' ', b'-', b' ', ..] => 3,
            [b'T' | b' ', ..] => 1,
            _ => 0,
        };
        let t = &rest[skip.min(rest.len())..];
        if skip > 0
            && t.len() >= 8
            && digits(&t[..2])
            && t[2] == b':'
            && digits(&t[3..5])
            && t[5] == b':'
            && digits(&t[6..8])
        {
            let start = i + 10 + skip;
            let mut end = start + 8;
            // Fractional seconds, then a zone (`Z` or `+01:00`).
            if b.get(end) == Some(&b'.') {
                end += 1;
                while b.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
            }
            let mut zone = String::new();
            match b.get(end) {
                Some(b'Z') => zone.push('Z'),
                Some(b'+' | b'-')
                    if b.len() >= end + 6
                        && digits(&b[end + 1..end + 3])
                        && b[end + 3] == b':'
                        && digits(&b[end + 4..end + 6]) =>
                {
                    zone.push_str(&text[end..end + 6]);
                }
                _ => {}
            }
            let found = format!("{date}T{}{zone}", &text[start..end]);
            if !out.contains(&found) {
                out.push(found);
            }
            i = end;
        } else {
            i += 10;
        }
    }
    out
}

/// The client a paste comes from, by its user agent or its log format.
pub fn suggest_client(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    const HINTS: &[(&str, &str)] = &[
        ("codex_cli_rs", "Codex CLI"),
        ("codex-cli", "Codex CLI"),
        ("codex_exec", "Codex CLI"),
        ("claude-cli", "Claude Code"),
        ("claude-code", "Claude Code"),
        ("claude code", "Claude Code"),
        ("$bunfs/root/claude", "Claude Code"),
        ("\u{23bf}  api error", "Claude Code"),
        ("openclaw", "OpenClaw"),
        ("cursor/", "Cursor"),
        ("cursor-", "Cursor"),
        ("cline", "Cline"),
        ("roo-code", "Cline"),
        ("continuedev", "Continue"),
        ("continue.dev", "Continue"),
        ("langchain", "LangChain"),
        ("anthropic/python", "Anthropic SDK"),
        ("anthropic/js", "Anthropic SDK"),
        ("anthropic-sdk", "Anthropic SDK"),
        ("anthropic.", "Anthropic SDK"),
        ("openai/python", "OpenAI SDK"),
        ("openai/js", "OpenAI SDK"),
        ("openai-python", "OpenAI SDK"),
        ("openai-node", "OpenAI SDK"),
        ("openai.", "OpenAI SDK"),
        ("user-agent: curl/", "curl"),
        ("curl/", "curl"),
        ("curl: (", "curl"),
        ("curl ", "curl"),
    ];
    HINTS
        .iter()
        .find(|(needle, _)| lower.contains(needle))
        .map(|(_, client)| *client)
}

/// Most bytes of one pasted field a bundle carries: a ticket needs the error and the request,
/// not a 20 MB HAR (and redacting one would stall the page).
pub const MAX_FIELD: usize = 256 * 1024;

/// `s` cut to [`MAX_FIELD`] at a line end where possible, with a note saying how much was left
/// out.
fn bounded(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_FIELD {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut end = MAX_FIELD;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(nl) = s[..end].rfind('\n') {
        end = nl;
    }
    std::borrow::Cow::Owned(format!(
        "{}\n[… {} more bytes left out of the bundle]",
        &s[..end],
        s.len() - end
    ))
}

/// A key's name as the bundle shows it. A name that is really a key (pasted into the wrong
/// field) becomes a fingerprint: the redaction engine's placeholder for a known shape, else the
/// last four characters only.
fn key_label(name: &str, acc: &mut Redactions, opts: &RedactOptions) -> String {
    let redacted = acc.redact(name, opts);
    if redacted != name {
        return redacted;
    }
    let has = |f: fn(&char) -> bool| name.chars().any(|c| f(&c));
    let looks_secret = name.chars().count() >= 12
        && !has(|c| c.is_whitespace())
        && (has(char::is_ascii_digit) && has(char::is_ascii_alphabetic)
            || has(char::is_ascii_uppercase) && has(char::is_ascii_lowercase) && name.len() >= 16);
    if !looks_secret {
        return name.to_string();
    }
    let tail: String = {
        let chars: Vec<char> = name.chars().collect();
        chars[chars.len() - 4..].iter().collect()
    };
    let placeholder = format!("[REDACTED:key_name…{tail}]");
    acc.list.push(Redaction {
        rule: "key_name".to_string(),
        placeholder: placeholder.clone(),
        count: 1,
    });
    placeholder
}

/// Redactions made over all fields, merged by placeholder.
#[derive(Default)]
struct Redactions {
    list: Vec<Redaction>,
}

impl Redactions {
    fn redact(&mut self, text: &str, opts: &RedactOptions) -> String {
        let r = redact(text, opts);
        for red in r.redactions {
            match self
                .list
                .iter_mut()
                .find(|x| x.placeholder == red.placeholder)
            {
                Some(x) => x.count += red.count,
                None => self.list.push(red),
            }
        }
        r.text
    }

    /// "3 secrets redacted: openai_project_key ×2, bearer ×1".
    fn summary(&self, prompts_replaced: bool) -> String {
        let secrets: Vec<&Redaction> = self.list.iter().filter(|r| r.rule != "prompt").collect();
        let total: usize = secrets.iter().map(|r| r.count).sum();
        let mut by_rule: Vec<(String, usize)> = Vec::new();
        for r in &secrets {
            match by_rule.iter_mut().find(|(rule, _)| *rule == r.rule) {
                Some((_, n)) => *n += r.count,
                None => by_rule.push((r.rule.clone(), r.count)),
            }
        }
        let mut s = if total == 0 {
            "No secrets found.".to_string()
        } else {
            let parts: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r} ×{n}")).collect();
            format!(
                "{total} secret{} redacted: {}.",
                if total == 1 { "" } else { "s" },
                parts.join(", ")
            )
        };
        if prompts_replaced {
            s.push_str(" Prompt contents replaced by their length.");
        }
        s
    }
}

fn redact_diagnosis(mut d: Diagnosis, acc: &mut Redactions, opts: &RedactOptions) -> Diagnosis {
    let f = &mut d.facts;
    for field in [&mut f.message, &mut f.request_id, &mut f.code, &mut f.host] {
        if let Some(v) = field.as_mut() {
            *v = acc.redact(v, opts);
        }
    }
    for e in &mut d.evidence {
        e.value = acc.redact(&e.value, opts);
    }
    for (_, v) in &mut f.rate_limit_headers {
        *v = acc.redact(v, opts);
    }
    for s in &mut d.steps {
        *s = acc.redact(s, opts);
    }
    d
}

/// The redacted contents, ready to print.
struct View {
    time: Option<String>,
    time_zone: Option<String>,
    client: Option<String>,
    key_name: Option<String>,
    request: Option<String>,
    model: Option<String>,
    parameters: Vec<(String, String)>,
    error: Option<String>,
    diagnosis: Option<Diagnosis>,
    checks: Vec<CheckLine>,
    browser: Option<String>,
    contact: Option<String>,
    summary: String,
    redactions: Vec<Redaction>,
}

/// Escapes text for use inline in Markdown: no HTML, no emphasis, no table breaks, one line.
fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A fenced code block whose fence is longer than any run of backticks inside.
fn md_code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{}\n{fence}\n", s.trim_end())
}

fn markdown(v: &View) -> String {
    let mut md = String::from("## keydoctor support bundle\n\n");
    if let Some(d) = &v.diagnosis {
        md.push_str(&format!(
            "**{}**: {}\n\n",
            d.category.id(),
            md_inline(&d.title)
        ));
    }
    let mut summary: Vec<String> = Vec::new();
    if let Some(t) = &v.time {
        let zone = v
            .time_zone
            .as_deref()
            .map(|z| format!(" ({})", md_inline(z)))
            .unwrap_or_default();
        summary.push(format!("- Time: {}{zone}", md_inline(t)));
    }
    if let Some(c) = &v.client {
        summary.push(format!("- Client: {}", md_inline(c)));
    }
    if let Some(k) = &v.key_name {
        summary.push(format!("- Key name: {}", md_inline(k)));
    }
    if let Some(m) = &v.model {
        summary.push(format!("- Model: {}", md_inline(m)));
    }
    if let Some(d) = &v.diagnosis {
        if let Some(s) = d.facts.http_status {
            summary.push(format!("- HTTP status: {s}"));
        }
        if let Some(r) = &d.facts.request_id {
            summary.push(format!("- Request id: {}", md_inline(r)));
        }
    }
    if !summary.is_empty() {
        md.push_str(&summary.join("\n"));
        md.push_str("\n\n");
    }
    md.push_str(&format!("> {}\n\n", md_inline(&v.summary)));

    if let Some(d) = &v.diagnosis {
        md.push_str("<details><summary>Diagnosis</summary>\n\n");
        md.push_str(&format!(
            "Category: `{}` · Retry helps: {}\n\n{}\n\n",
            d.category.id(),
            d.retry.id(),
            md_inline(&d.meaning)
        ));
        let f = &d.facts;
        let rows: Vec<(&str, Option<String>)> = vec![
            ("HTTP status", f.http_status.map(|s| s.to_string())),
            ("Provider", f.provider.clone()),
            ("Gateway", f.gateway.clone()),
            ("Type", f.error_type.clone()),
            ("Code", f.code.clone()),
            ("Message", f.message.clone()),
            ("Request id", f.request_id.clone()),
            ("Retry after", f.retry_after.clone()),
        ];
        let rows: Vec<String> = rows
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("| {k} | {} |", md_inline(&v))))
            .chain(
                f.rate_limit_headers
                    .iter()
                    .map(|(k, v)| format!("| {} | {} |", md_inline(k), md_inline(v))),
            )
            .collect();
        if !rows.is_empty() {
            md.push_str("| Fact | Value |\n|---|---|\n");
            md.push_str(&rows.join("\n"));
            md.push_str("\n\n");
        }
        if !d.evidence.is_empty() {
            md.push_str("Evidence:\n");
            for e in &d.evidence {
                md.push_str(&format!(
                    "- {}: {}\n",
                    evidence_kind(e.kind),
                    md_inline(&e.value)
                ));
            }
            md.push('\n');
        }
        md.push_str("Steps:\n");
        for (i, s) in d.steps.iter().enumerate() {
            md.push_str(&format!("{}. {}\n", i + 1, md_inline(s)));
        }
        md.push_str("\n</details>\n\n");
    }
    if v.request.is_some() || v.model.is_some() || !v.parameters.is_empty() {
        md.push_str("<details><summary>Request (sanitized)</summary>\n\n");
        if let Some(m) = &v.model {
            md.push_str(&format!("Model: {}\n\n", md_inline(m)));
        }
        if !v.parameters.is_empty() {
            md.push_str("| Parameter | Value |\n|---|---|\n");
            for (k, val) in &v.parameters {
                md.push_str(&format!("| {} | {} |\n", md_inline(k), md_inline(val)));
            }
            md.push('\n');
        }
        if let Some(r) = &v.request {
            md.push_str(&md_code(r));
            md.push('\n');
        }
        md.push_str("</details>\n\n");
    }
    if let Some(e) = &v.error {
        md.push_str("<details><summary>Error text (redacted)</summary>\n\n");
        md.push_str(&md_code(e));
        md.push_str("\n</details>\n\n");
    }
    if !v.checks.is_empty() {
        md.push_str("<details><summary>Connection check</summary>\n\n");
        md.push_str("| Check | Verdict | Detail |\n|---|---|---|\n");
        for c in &v.checks {
            md.push_str(&format!(
                "| {} | {} | {} |\n",
                md_inline(&c.check),
                md_inline(&c.verdict),
                md_inline(&c.detail)
            ));
        }
        md.push_str("\n</details>\n\n");
    }
    if v.browser.is_some() || v.time_zone.is_some() {
        md.push_str("<details><summary>Environment</summary>\n\n");
        if let Some(b) = &v.browser {
            md.push_str(&format!("- Browser: {}\n", md_inline(b)));
        }
        if let Some(z) = &v.time_zone {
            md.push_str(&format!("- Time zone: {}\n", md_inline(z)));
        }
        md.push_str("\n</details>\n\n");
    }
    if let Some(c) = &v.contact {
        md.push_str(&format!("Send this to: {}\n", md_inline(c)));
    }
    md
}

fn json_text(v: &View) -> String {
    let s = |x: &String| Val::Str(x.clone());
    let opt = |x: &Option<String>| Val::opt(x.as_ref());
    let mut root = vec![
        ("schema_version", Val::Num(SCHEMA_VERSION.to_string())),
        (
            "generated_by",
            Val::Str(format!("keydoctor {}", env!("CARGO_PKG_VERSION"))),
        ),
    ];
    if v.time.is_some() || v.time_zone.is_some() {
        root.push((
            "incident",
            Val::obj([("time", opt(&v.time)), ("time_zone", opt(&v.time_zone))]),
        ));
    }
    if let Some(c) = &v.client {
        root.push(("client", s(c)));
    }
    if let Some(k) = &v.key_name {
        root.push(("key_name", s(k)));
    }
    if v.request.is_some() || v.model.is_some() || !v.parameters.is_empty() {
        let params = v
            .parameters
            .iter()
            .map(|(k, val)| (k.clone(), s(val)))
            .collect();
        root.push((
            "request",
            Val::obj([
                ("sanitized", opt(&v.request)),
                ("model", opt(&v.model)),
                ("parameters", Val::Obj(params)),
            ]),
        ));
    }
    if let Some(e) = &v.error {
        root.push(("error", Val::obj([("text", s(e))])));
    }
    if let Some(d) = &v.diagnosis {
        let f = &d.facts;
        let pair = |kind: &str, name: &str, value: &str, vname: &str| {
            Val::obj([
                (kind, Val::Str(name.into())),
                (vname, Val::Str(value.into())),
            ])
        };
        root.push((
            "diagnosis",
            Val::obj([
                ("category", Val::Str(d.category.id().into())),
                ("title", s(&d.title)),
                ("retry_helps", Val::Str(d.retry.id().into())),
                (
                    "http_status",
                    f.http_status.map_or(Val::Null, |x| Val::Num(x.to_string())),
                ),
                (
                    "provider",
                    Val::opt(f.gateway.as_ref().or(f.provider.as_ref())),
                ),
                ("type", opt(&f.error_type)),
                ("code", opt(&f.code)),
                ("message", opt(&f.message)),
                ("request_id", opt(&f.request_id)),
                ("retry_after", opt(&f.retry_after)),
                (
                    "rate_limit_headers",
                    Val::Arr(
                        f.rate_limit_headers
                            .iter()
                            .map(|(k, x)| pair("name", k, x, "value"))
                            .collect(),
                    ),
                ),
                (
                    "evidence",
                    Val::Arr(
                        d.evidence
                            .iter()
                            .map(|e| pair("kind", evidence_kind(e.kind), &e.value, "value"))
                            .collect(),
                    ),
                ),
                ("steps", Val::Arr(d.steps.iter().map(s).collect())),
            ]),
        ));
    }
    if !v.checks.is_empty() {
        let checks = v.checks.iter().map(|c| {
            Val::obj([
                ("check", s(&c.check)),
                ("verdict", s(&c.verdict)),
                ("detail", s(&c.detail)),
            ])
        });
        root.push(("connection", Val::Arr(checks.collect())));
    }
    if v.browser.is_some() || v.time_zone.is_some() {
        root.push((
            "environment",
            Val::obj([
                ("browser", opt(&v.browser)),
                ("time_zone", opt(&v.time_zone)),
            ]),
        ));
    }
    if let Some(c) = &v.contact {
        root.push(("support_contact", s(c)));
    }
    let redactions = v.redactions.iter().map(|r| {
        Val::obj([
            ("rule", s(&r.rule)),
            ("placeholder", s(&r.placeholder)),
            ("count", Val::Num(r.count.to_string())),
        ])
    });
    root.push(("redactions", Val::Arr(redactions.collect())));
    root.push(("redaction_summary", s(&v.summary)));
    let root = Val::Obj(root.into_iter().map(|(k, x)| (k.to_string(), x)).collect());
    let mut out = root.to_json_pretty();
    out.push('\n');
    out
}

/// The snake_case id of an evidence kind (its serde name).
fn evidence_kind(k: EvidenceKind) -> &'static str {
    match k {
        EvidenceKind::Catalog => "catalog",
        EvidenceKind::Status => "status",
        EvidenceKind::Code => "code",
        EvidenceKind::Type => "type",
        EvidenceKind::Phrase => "phrase",
        EvidenceKind::Shape => "shape",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_logs() {
        let t = "[GIN] 2024/05/25 - 02:20:27 | x\n\"timestamp\":\"2025-10-16T22:40:20.395Z\" 2023-02-14 15:04:45.187 | WARN at 2026-01-04T02:32:11+08:00";
        assert_eq!(
            find_times(t),
            vec![
                "2024-05-25T02:20:27",
                "2025-10-16T22:40:20.395Z",
                "2023-02-14T15:04:45.187",
                "2026-01-04T02:32:11+08:00"
            ]
        );
        assert!(find_times("no time 2024-13").is_empty());
    }

    #[test]
    fn clients_from_pastes() {
        assert_eq!(suggest_client("codex-cli 0.104.0"), Some("Codex CLI"));
        assert_eq!(
            suggest_client("at generate (/$bunfs/root/claude:199:83061)"),
            Some("Claude Code")
        );
        assert_eq!(
            suggest_client("openai.RateLimitError: Error code: 429"),
            Some("OpenAI SDK")
        );
        assert_eq!(suggest_client("nothing here"), None);
    }

    #[test]
    fn markdown_code_fence_outgrows_backticks() {
        assert_eq!(md_code("a ```` b"), "`````text\na ```` b\n`````\n");
    }
}
