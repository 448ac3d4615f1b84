//! Plain helpers of the Support bundle panel, tested natively: the incident time from the
//! browser's clock, the browser's name from its user agent, the file name, the connection
//! check as bundle lines, the request's model and parameters, the section toggles, and what the
//! preview shows when the leak guard objects.

use crate::domain::bundle::{guard, CheckLine, Leak, Sections};
use crate::domain::locale::{Locale, Text};
use crate::domain::probe::{CheckResult, Report, Verdict};
use crate::domain::redact::Redaction;
use crate::domain::request::parse_request;

/// The two export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

impl Format {
    /// Both, in the order the switch shows them.
    pub const ALL: [Format; 2] = [Format::Markdown, Format::Json];

    /// Stable id, used in `data-format` and as the file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    /// The downloaded file's media type.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
        }
    }

    /// The switch's label, in `l`.
    pub fn label(self, l: Locale) -> &'static str {
        match self {
            Format::Markdown => l.pick("Markdown (ticket, email)", "Markdown（工单、邮件）"),
            Format::Json => "JSON",
        }
    }
}

/// One section toggle: an id for `data-section`, its label, and the flag it switches.
pub struct SectionToggle {
    pub id: &'static str,
    pub label: Text,
    pub flag: fn(&mut Sections) -> &mut bool,
}

/// Every section a user can leave out, in the bundle's order.
pub const SECTIONS: [SectionToggle; 8] = [
    SectionToggle {
        id: "time",
        label: Text {
            en: "Time of the incident",
            zh: "事发时间",
        },
        flag: |s| &mut s.time,
    },
    SectionToggle {
        id: "client",
        label: Text {
            en: "Client",
            zh: "客户端",
        },
        flag: |s| &mut s.client,
    },
    SectionToggle {
        id: "key",
        label: Text {
            en: "Key name",
            zh: "密钥名称",
        },
        flag: |s| &mut s.key,
    },
    SectionToggle {
        id: "diagnosis",
        label: Text {
            en: "Diagnosis",
            zh: "诊断结果",
        },
        flag: |s| &mut s.diagnosis,
    },
    SectionToggle {
        id: "request",
        label: Text {
            en: "Request (sanitized)",
            zh: "请求（已脱敏）",
        },
        flag: |s| &mut s.request,
    },
    SectionToggle {
        id: "error",
        label: Text {
            en: "Error text (redacted)",
            zh: "报错文本（已脱敏）",
        },
        flag: |s| &mut s.error,
    },
    SectionToggle {
        id: "connection",
        label: Text {
            en: "Connection check",
            zh: "连接检查",
        },
        flag: |s| &mut s.connection,
    },
    SectionToggle {
        id: "environment",
        label: Text {
            en: "Browser and time zone",
            zh: "浏览器和时区",
        },
        flag: |s| &mut s.environment,
    },
];

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `UTC+01:00`, `UTC-05:30`, `UTC` for an offset east of UTC in minutes.
pub fn offset_label(offset_min: i32) -> String {
    if offset_min == 0 {
        return "UTC".to_string();
    }
    format!("UTC{}", offset_suffix(offset_min))
}

/// `+01:00`, `-05:30`, `Z`.
fn offset_suffix(offset_min: i32) -> String {
    if offset_min == 0 {
        return "Z".to_string();
    }
    let sign = if offset_min < 0 { '-' } else { '+' };
    let m = offset_min.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The local time of `epoch_ms` at `offset_min` as RFC 3339 to the second
/// (`2026-11-24T22:00:00+01:00`).
pub fn rfc3339_local(epoch_ms: f64, offset_min: i32) -> String {
    let secs = (epoch_ms / 1000.0).floor() as i64 + i64::from(offset_min) * 60;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, mo, d) = civil_from_days(days);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}{}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        offset_suffix(offset_min)
    )
}

/// A user agent string reduced to what support needs: `Chrome 131 on Linux`. `None` when
/// neither the browser nor the platform is recognised.
pub fn browser_label(ua: &str) -> Option<String> {
    const BROWSERS: &[(&str, &str)] = &[
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("HeadlessChrome/", "Headless Chrome"),
        ("Chrome/", "Chrome"),
        ("Version/", "Safari"),
    ];
    const PLATFORMS: &[(&str, &str)] = &[
        ("Windows", "Windows"),
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("CrOS", "ChromeOS"),
        ("Macintosh", "macOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find_map(|(token, name)| {
        let at = ua.find(token)?;
        if *name == "Safari" && !ua.contains("Safari/") {
            return None;
        }
        let major: String = ua[at + token.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        Some(if major.is_empty() {
            name.to_string()
        } else {
            format!("{name} {major}")
        })
    });
    let platform = PLATFORMS
        .iter()
        .find(|(token, _)| ua.contains(token))
        .map(|(_, name)| *name);
    match (browser, platform) {
        (Some(b), Some(p)) => Some(format!("{b} on {p}")),
        (Some(b), None) => Some(b),
        (None, Some(p)) => Some(format!("a browser on {p}")),
        (None, None) => None,
    }
}

/// The download's name: `keydoctor-2026-11-24T2200-quota_exhausted.md`. The time part comes
/// from the incident time when it reads as one (else it is left out); the category is kept to
/// `[a-z0-9_-]`.
pub fn file_name(time: &str, category: &str, format: Format) -> String {
    let mut name = String::from("keydoctor-");
    let time = time.trim();
    let t = time.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| t.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| t.get(i) == Some(&c);
    if digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10) {
        name.push_str(&time[..10]);
        if matches!(t.get(10), Some(b'T' | b't' | b' '))
            && digits(11..13)
            && at(13, b':')
            && digits(14..16)
        {
            name.push('T');
            name.push_str(&time[11..13]);
            name.push_str(&time[14..16]);
        }
        name.push('-');
    }
    let cat: String = category
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    name.push_str(if cat.is_empty() { "bundle" } else { &cat });
    name.push('.');
    name.push_str(format.ext());
    name
}

/// The connection check as the bundle shows it (in English, like the whole bundle): one line
/// per check that ran (skipped ones left out), then the smoke test when there was one.
pub fn check_lines(report: &Report, smoke: Option<&CheckResult>) -> Vec<CheckLine> {
    report
        .checks
        .iter()
        .chain(smoke)
        .filter(|c| c.verdict != Verdict::Skip)
        .map(|c| CheckLine {
            check: c.check.title(Locale::En).to_string(),
            verdict: c.verdict.id().to_string(),
            detail: c.sentence.en.clone(),
        })
        .collect()
}

/// Largest request (bytes) whose model and parameters are read for the bundle.
pub const MAX_PARSED: usize = 2_000_000;

/// The model and key parameters of a pasted request (values as written; the bundle redacts).
pub fn request_facts(text: &str) -> (Option<String>, Vec<(String, String)>) {
    // Parsing a request of many megabytes (a large HAR) would hold the page for seconds; its
    // model and parameters are left out of the bundle (the Sanitize panel shows them).
    if text.trim().is_empty() || text.len() > MAX_PARSED {
        return (None, Vec::new());
    }
    let parsed = parse_request(text);
    let params = parsed
        .request
        .params
        .iter()
        .map(|p| (p.name.clone(), p.value.clone()))
        .collect();
    (parsed.request.model, params)
}

/// One sentence for a leak in `l`, naming the rule and the line, never the secret.
pub fn leak_sentence(leak: &Leak, l: Locale) -> String {
    let (n, what) = (leak.line, &leak.what);
    match (what == "typed_key", l) {
        (true, Locale::En) => format!("Line {n}: a piece of the key you entered in this page."),
        (true, Locale::ZhCn) => format!("第 {n} 行：含有你在本页输入的密钥片段。"),
        (false, Locale::En) => {
            format!("Line {n}: a secret the redaction did not catch ({what}).")
        }
        (false, Locale::ZhCn) => format!("第 {n} 行：有脱敏没能识别的机密信息（{what}）。"),
    }
}

/// What was redacted, in Chinese: the domain's English summary line (`Bundle::summary`)
/// worded from the same list: secrets by rule (prompts apart), and whether prompt contents
/// were replaced by their length.
pub fn redaction_summary_zh(redactions: &[Redaction], prompts_replaced: bool) -> String {
    let mut by_rule: Vec<(&str, usize)> = Vec::new();
    for r in redactions.iter().filter(|r| r.rule != "prompt") {
        match by_rule.iter_mut().find(|(rule, _)| *rule == r.rule) {
            Some((_, n)) => *n += r.count,
            None => by_rule.push((&r.rule, r.count)),
        }
    }
    let total: usize = by_rule.iter().map(|(_, n)| n).sum();
    let mut s = if total == 0 {
        "没有发现机密信息。".to_string()
    } else {
        let parts: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r} ×{n}")).collect();
        format!("已脱敏 {total} 处机密信息：{}。", parts.join("、"))
    };
    if prompts_replaced {
        s.push_str("提示词内容已替换为其长度。");
    }
    s
}

/// What the preview shows: the text itself when the guard finds nothing; otherwise the text
/// with every line the guard objects to withheld (the whole text when no single line is to
/// blame, as for a secret split across lines), so the preview never shows a secret either.
pub fn withhold(text: &str, leaks: &[Leak], key: Option<&str>) -> String {
    if leaks.is_empty() {
        return text.to_string();
    }
    let mut any = false;
    let lines: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| match guard(line, key).first() {
            Some(l) => {
                any = true;
                format!("[line {} withheld: {}]", i + 1, l.what)
            }
            None => line.to_string(),
        })
        .collect();
    if any {
        lines.join("\n")
    } else {
        "[bundle withheld: it still holds a secret; see the message below]".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::probe::{CheckId, Outcome};

    #[test]
    fn local_time_with_its_offset() {
        // 2026-11-24T21:00:00Z.
        let ms = 1_795_554_000_000.0;
        assert_eq!(rfc3339_local(ms, 60), "2026-11-24T22:00:00+01:00");
        assert_eq!(rfc3339_local(ms, 0), "2026-11-24T21:00:00Z");
        assert_eq!(rfc3339_local(ms, -330), "2026-11-24T15:30:00-05:30");
        assert_eq!(rfc3339_local(ms + 999.0, 180), "2026-11-25T00:00:00+03:00");
        assert_eq!(rfc3339_local(0.0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_local(951_782_400_000.0, 0), "2000-02-29T00:00:00Z");
        assert_eq!(offset_label(60), "UTC+01:00");
        assert_eq!(offset_label(-570), "UTC-09:30");
        assert_eq!(offset_label(0), "UTC");
    }

    #[test]
    fn user_agents_become_short_labels() {
        let table = [
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131 on Linux"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari 18 on macOS"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86", "Edge 131 on Windows"),
            ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133 on Linux"),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36", "Chrome 131 on Android"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", "Chrome 131 on iOS"),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36", "Headless Chrome 140 on Linux"),
        ];
        for (ua, want) in table {
            assert_eq!(browser_label(ua).as_deref(), Some(want), "{ua}");
        }
        assert_eq!(browser_label(""), None);
        assert_eq!(browser_label("curl/8.5.0"), None);
    }

    #[test]
    fn file_names_carry_time_and_category() {
        assert_eq!(
            file_name(
                "2026-11-24T22:00:00+01:00",
                "quota_exhausted",
                Format::Markdown
            ),
            "keydoctor-2026-11-24T2200-quota_exhausted.md"
        );
        assert_eq!(
            file_name("2025-10-16T22:40:20.395Z", "rate_limited", Format::Json),
            "keydoctor-2025-10-16T2240-rate_limited.json"
        );
        assert_eq!(
            file_name("2026-11-24", "dns", Format::Json),
            "keydoctor-2026-11-24-dns.json"
        );
        // Whatever the time field holds, the name stays a plain file name.
        assert_eq!(
            file_name("yesterday ../../etc", "../x y", Format::Markdown),
            "keydoctor-xy.md"
        );
        assert_eq!(file_name("", "", Format::Markdown), "keydoctor-bundle.md");
        // Short or odd times never index past their end.
        for t in [
            "2026",
            "2026-1",
            "2026-11-24T",
            "2026-11-24T22",
            "2026-11-24T22:0",
        ] {
            assert!(
                file_name(t, "dns", Format::Json).ends_with("-dns.json"),
                "{t}"
            );
        }
        assert_eq!(
            file_name("2026-1", "é", Format::Markdown),
            "keydoctor-bundle.md"
        );
    }

    #[test]
    fn skipped_checks_are_left_out() {
        let mut report = Report::idle();
        report.checks = vec![
            CheckResult::new(
                CheckId::Url,
                Outcome::UrlOk,
                Text {
                    en: "Looks right.",
                    zh: "没问题。",
                }
                .into(),
                String::new(),
            ),
            CheckResult::new(
                CheckId::Read,
                Outcome::Skipped,
                Text {
                    en: "Not run.",
                    zh: "未运行。",
                }
                .into(),
                String::new(),
            ),
        ];
        let lines = check_lines(&report, None);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].check, "Base URL");
        assert_eq!(lines[0].detail, "Looks right.");
        assert!(["pass", "warn", "fail"].contains(&lines[0].verdict.as_str()));
        assert!(check_lines(&Report::idle(), None).is_empty());
    }

    #[test]
    fn model_and_parameters_from_a_curl_command() {
        let curl = r#"curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" -d '{"model":"gpt-4o","temperature":0.2,"messages":[]}'"#;
        let (model, params) = request_facts(curl);
        assert_eq!(model.as_deref(), Some("gpt-4o"));
        assert!(params.iter().any(|(k, _)| k == "temperature"), "{params:?}");
        assert_eq!(request_facts("  "), (None, Vec::new()));
    }

    #[test]
    fn toggles_switch_their_own_section() {
        for t in &SECTIONS {
            let mut s = Sections::default();
            *(t.flag)(&mut s) = false;
            let off = [
                s.time,
                s.client,
                s.key,
                s.request,
                s.error,
                s.diagnosis,
                s.connection,
                s.environment,
            ]
            .iter()
            .filter(|b| !**b)
            .count();
            assert_eq!(off, 1, "{}", t.id);
        }
    }

    // The preview must not show the typed key even when the export is refused.
    #[test]
    fn withheld_lines_hide_the_typed_key() {
        let key = "zq-unknownshape-4417-abcdefghijk";
        let text = format!("first line\nthe key {key} here\nlast line");
        let leaks = guard(&text, Some(key));
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].line, 2);
        let shown = withhold(&text, &leaks, Some(key));
        assert!(!shown.contains(&key[..12]), "{shown}");
        assert!(shown.contains("first line") && shown.contains("last line"));
        assert!(shown.contains("[line 2 withheld: typed_key]"));
        assert_eq!(withhold(&text, &[], Some(key)), text);
        assert!(leak_sentence(&leaks[0], Locale::En).contains("Line 2"));
        assert!(leak_sentence(&leaks[0], Locale::ZhCn).contains("第 2 行"));
    }

    #[test]
    fn chinese_redaction_summary_counts_secrets_by_rule() {
        let r = |rule: &str, count| Redaction {
            rule: rule.into(),
            placeholder: format!("[{rule}]"),
            count,
        };
        assert_eq!(redaction_summary_zh(&[], false), "没有发现机密信息。");
        assert_eq!(
            redaction_summary_zh(&[r("bearer", 1), r("prompt", 3), r("bearer", 2)], true),
            "已脱敏 3 处机密信息：bearer ×3。提示词内容已替换为其长度。"
        );
    }
}
