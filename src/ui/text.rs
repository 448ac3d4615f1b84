//! Plain-text wording of a diagnosis for the panel and the copy buttons: pure functions over
//! domain values, tested natively.

use std::fmt::Write as _;

use crate::domain::diagnose::{Category, Diagnosis, EvidenceKind, Facts, Retry};
use crate::domain::locale::Locale;

/// Longest fact value shown or copied, in characters; longer ones end with `…`.
pub const MAX_FACT_CHARS: usize = 400;

/// The sentence shown for a retry verdict, in `l`.
pub fn retry_label(retry: Retry, l: Locale) -> &'static str {
    match retry {
        Retry::No => l.pick(
            "Retrying won't help: something has to change first.",
            "重试没有用：得先改掉出问题的地方。",
        ),
        Retry::Yes => l.pick("Retrying can help.", "重试可能会成功。"),
        Retry::WithBackoff => l.pick(
            "Retrying helps after a wait: back off, or wait for Retry-After.",
            "等一会儿再重试会有用：逐步加大间隔，或按 Retry-After 等待。",
        ),
        Retry::Maybe => l.pick(
            "Retrying may help, once the network path is fixed.",
            "网络路径修好之后，重试也许会成功。",
        ),
        Retry::Unknown => l.pick("Not sure whether retrying helps.", "不确定重试是否有用。"),
    }
}

/// The retry verdict's short word as the badge shows it in `l` ([`retry_short`] in English).
pub fn retry_word(retry: Retry, l: Locale) -> &'static str {
    match l {
        Locale::En => retry_short(retry),
        Locale::ZhCn => match retry {
            Retry::No => "没用",
            Retry::Yes => "有用",
            Retry::WithBackoff => "稍后",
            Retry::Maybe => "也许",
            Retry::Unknown => "不确定",
        },
    }
}

/// A short word for a retry verdict, for the `data-retry` attribute (and the English badge).
pub fn retry_short(retry: Retry) -> &'static str {
    match retry {
        Retry::No => "no",
        Retry::Yes => "yes",
        Retry::WithBackoff => "after a wait",
        Retry::Maybe => "maybe",
        Retry::Unknown => "unknown",
    }
}

/// What an evidence kind is called in the panel, in `l`.
pub fn evidence_kind_label(kind: EvidenceKind, l: Locale) -> &'static str {
    match kind {
        EvidenceKind::Catalog => l.pick("Operator code", "运营方错误码"),
        EvidenceKind::Status => l.pick("HTTP status", "HTTP 状态码"),
        EvidenceKind::Code => l.pick("Error code", "错误码"),
        EvidenceKind::Type => l.pick("Error type", "错误类型"),
        EvidenceKind::Phrase => l.pick("Phrase", "关键短语"),
        EvidenceKind::Shape => l.pick("Shape", "内容特征"),
    }
}

/// `ms` with one decimal (`3.4`), without pulling float formatting into the wasm.
pub fn tenths(ms: f64) -> String {
    let t = (ms.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}

/// `s` cut to at most `max` characters (on a character boundary), with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// Splits `s` at backticks into (is_code, piece) runs: the steps mark commands, headers and
/// names as `code`. An unmatched backtick is kept as text.
pub fn code_spans(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        out.push((true, &rest[open + 1..open + 1 + len]));
        rest = &rest[open + len + 2..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// The facts worth a row in the table, as (label, value) pairs with labels in `l`, in a fixed
/// order. Values are clipped to [`MAX_FACT_CHARS`].
pub fn fact_rows(f: &Facts, l: Locale) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut push = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            rows.push((label.to_owned(), clip(&v, MAX_FACT_CHARS)));
        }
    };
    push(
        l.pick("HTTP status", "HTTP 状态码"),
        f.http_status.map(|s| s.to_string()),
    );
    push(l.pick("Provider", "服务商"), f.provider.clone());
    push(l.pick("Gateway", "网关"), f.gateway.clone());
    push(l.pick("Host", "主机"), f.host.clone());
    push(l.pick("Error type", "错误类型"), f.error_type.clone());
    push(l.pick("Error code", "错误码"), f.code.clone());
    push(l.pick("Message", "消息"), f.message.clone());
    push(l.pick("Request id", "请求 ID"), f.request_id.clone());
    push("Retry-After", f.retry_after.clone());
    for (name, value) in &f.rate_limit_headers {
        push(name, Some(value.clone()));
    }
    rows
}

/// The ids of `also_found`, joined for a sentence.
pub fn also_found_line(also: &[Category]) -> String {
    also.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
}

/// The numbered checklist as plain text, one step a line.
pub fn steps_text(d: &Diagnosis) -> String {
    let mut out = String::new();
    for (i, step) in d.steps.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, step);
    }
    out
}

/// The whole diagnosis as plain text in `l`, for a ticket or a chat: title, verdict, facts,
/// evidence, steps. Contains the facts pulled out of the paste, never the paste itself, and is
/// redacted.
pub fn summary_text(d: &Diagnosis, l: Locale) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} [{}]", d.title, d.category.id());
    if !d.meaning.is_empty() {
        let _ = writeln!(out, "{}", d.meaning);
    }
    let _ = writeln!(
        out,
        "{}{}",
        l.pick("Retry: ", "重试："),
        retry_label(d.retry, l)
    );
    let facts = fact_rows(&d.facts, l);
    if !facts.is_empty() {
        let _ = writeln!(out, "\n{}", l.pick("Facts:", "信息："));
        for (label, value) in facts {
            let _ = writeln!(out, "- {label}: {value}");
        }
    }
    if !d.evidence.is_empty() {
        let _ = writeln!(out, "\n{}", l.pick("Evidence:", "依据："));
        for e in &d.evidence {
            let _ = writeln!(
                out,
                "- {}: {} -> {}",
                evidence_kind_label(e.kind, l),
                clip(&e.value, MAX_FACT_CHARS),
                e.category.id()
            );
        }
    }
    if !d.steps.is_empty() {
        let _ = writeln!(out, "\n{}", l.pick("What to do:", "处理步骤："));
        out.push_str(&steps_text(d));
    }
    if !d.also_found.is_empty() {
        let _ = writeln!(
            out,
            "\n{}{}",
            l.pick("Also found: ", "还发现："),
            also_found_line(&d.also_found)
        );
    }
    if d.truncated {
        let _ = writeln!(
            out,
            "\n{}",
            l.pick(
                "(Only the first part of a very large paste was analysed.)",
                "（粘贴的内容很大，只分析了开头部分。）"
            )
        );
    }
    // The facts quote the paste (a message, a header value): whatever secret they carry is
    // redacted before the summary can be copied anywhere.
    crate::domain::redact::redact(
        &out,
        &crate::domain::redact::RedactOptions { keep_prompts: true },
    )
    .text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_rounds_to_one_decimal() {
        assert_eq!(tenths(0.0), "0.0");
        assert_eq!(tenths(3.44), "3.4");
        assert_eq!(tenths(12.34), "12.3");
        assert_eq!(tenths(12.96), "13.0");
        assert_eq!(tenths(-1.0), "0.0");
    }
    use crate::domain::diagnose::Evidence;

    fn sample() -> Diagnosis {
        Diagnosis {
            category: Category::QuotaExhausted,
            title: "Quota exhausted".into(),
            meaning: "No credits left.".into(),
            retry: Retry::No,
            facts: Facts {
                http_status: Some(429),
                provider: Some("openai".into()),
                code: Some("insufficient_quota".into()),
                rate_limit_headers: vec![("x-ratelimit-remaining-requests".into(), "0".into())],
                ..Facts::default()
            },
            evidence: vec![Evidence {
                kind: EvidenceKind::Code,
                value: "insufficient_quota".into(),
                category: Category::QuotaExhausted,
                weight: 90,
            }],
            steps: vec!["Add credits.".into(), "Check the usage page.".into()],
            also_found: vec![Category::RateLimited],
            truncated: false,
        }
    }

    #[test]
    fn clip_keeps_short_text_and_cuts_on_char_boundary() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("额度已用尽", 2), "额度…");
        assert_eq!(clip("", 0), "");
    }

    #[test]
    fn code_spans_alternate_text_and_code() {
        assert_eq!(
            code_spans("send `x-api-key` or `Authorization`."),
            [
                (false, "send "),
                (true, "x-api-key"),
                (false, " or "),
                (true, "Authorization"),
                (false, "."),
            ]
        );
        assert_eq!(code_spans("a `b"), [(false, "a `b")]);
        assert_eq!(code_spans("`b`"), [(true, "b")]);
        assert_eq!(code_spans(""), []);
    }

    #[test]
    fn fact_rows_skip_missing_and_blank_values_in_fixed_order() {
        let mut f = sample().facts;
        f.message = Some("  ".into());
        let labels: Vec<String> = fact_rows(&f, Locale::En)
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        assert_eq!(
            labels,
            [
                "HTTP status",
                "Provider",
                "Error code",
                "x-ratelimit-remaining-requests"
            ]
        );
    }

    #[test]
    fn summary_redacts_a_key_quoted_in_the_message() {
        let mut d = sample();
        d.facts.message =
            Some("bad key Bearer sk-proj-Fq8sT2mX9vLcR4nW7yB1kD3hJ6pZ0aGeU5oI8tYqN2wE4rT6".into());
        for l in Locale::ALL {
            let s = summary_text(&d, l);
            assert!(!s.contains("Fq8sT2mX9vLc"), "{s}");
        }
    }

    #[test]
    fn summary_names_category_facts_evidence_steps_and_others() {
        let s = summary_text(&sample(), Locale::En);
        assert!(s.starts_with("Quota exhausted [quota_exhausted]\n"));
        assert!(s.contains("- HTTP status: 429\n"));
        assert!(s.contains("- Error code: insufficient_quota -> quota_exhausted\n"));
        assert!(s.contains("1. Add credits.\n2. Check the usage page.\n"));
        assert!(s.contains("Also found: rate_limited"));
    }

    #[test]
    fn summary_in_chinese_has_chinese_labels() {
        let s = summary_text(&sample(), Locale::ZhCn);
        assert!(s.contains("\n重试："), "{s}");
        assert!(s.contains("- HTTP 状态码: 429\n"), "{s}");
        assert!(
            s.contains("- 错误码: insufficient_quota -> quota_exhausted\n"),
            "{s}"
        );
        assert!(
            s.contains("处理步骤：") && s.contains("还发现：rate_limited"),
            "{s}"
        );
        assert!(!s.contains("Facts") && !s.contains("Evidence"), "{s}");
    }

    #[test]
    fn every_retry_verdict_has_words() {
        for r in [
            Retry::No,
            Retry::Yes,
            Retry::WithBackoff,
            Retry::Maybe,
            Retry::Unknown,
        ] {
            assert!(!retry_short(r).is_empty());
            for l in Locale::ALL {
                assert!(!retry_label(r, l).is_empty() && !retry_word(r, l).is_empty());
            }
            assert_ne!(retry_label(r, Locale::En), retry_label(r, Locale::ZhCn));
        }
    }
}
