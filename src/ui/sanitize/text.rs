//! Plain-text wording for the Sanitize panel: input kinds, sizes, and the key's "reveal" view
//! that makes invisible characters visible without ever showing the key in full. Pure
//! functions, tested natively.

use crate::domain::locale::Locale;
use crate::domain::request::InputKind;

/// What an input kind is called in the panel, in `l`.
pub fn kind_label(kind: InputKind, l: Locale) -> &'static str {
    match kind {
        InputKind::Curl => l.pick("curl command", "curl 命令"),
        InputKind::HttpRequest => l.pick("raw HTTP request", "原始 HTTP 请求"),
        InputKind::Headers => l.pick("HTTP headers", "HTTP 请求头"),
        InputKind::Json => l.pick("request JSON", "请求 JSON"),
        InputKind::Python => l.pick("Python code", "Python 代码"),
        InputKind::Node => l.pick("JavaScript code", "JavaScript 代码"),
        InputKind::Env => l.pick(".env file", ".env 文件"),
        InputKind::Har => l.pick("HAR file", "HAR 文件"),
        InputKind::Unknown => l.pick("not recognised", "无法识别"),
    }
}

/// A problem the request parser found (`domain::request::Problem`: a stable id and an English
/// detail), worded in `l`. The Chinese wording is chosen by id and carries over what the
/// English detail names (a flag, a file, a line and column).
pub fn problem_text(id: &str, detail: &str, l: Locale) -> String {
    if l == Locale::En {
        return detail.to_owned();
    }
    // What follows `prefix` in the detail, without the final period.
    let after = |prefix: &str| {
        detail
            .strip_prefix(prefix)
            .unwrap_or(detail)
            .trim_end_matches('.')
            .to_owned()
    };
    let numbers: Vec<&str> = detail
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    match id {
        "unterminated_quote" => "有引号没有闭合：命令可能被截断了。".to_owned(),
        "missing_value" => {
            let flag = detail.split('`').nth(1).unwrap_or_default();
            format!("`{flag}` 缺少值。")
        }
        "headers_from_file" => format!("请求头从 {} 读取。", after("Headers are read from ")),
        "data_from_file" => format!("请求体从 {} 读取。", after("The body is read from ")),
        "cookie_file" => format!(
            "Cookie 从文件 {} 读取。",
            after("Cookies are read from the file ")
        ),
        "invalid_json_body" => "请求体看起来像 JSON，但无法解析。".to_owned(),
        "unrecognised" => "不是 curl 命令、HTTP 请求、请求头、JSON、代码、.env 或 HAR。".to_owned(),
        "no_url" => "没有找到 URL。".to_owned(),
        "bad_header_line" => "请求头部分有一行不是 `Name: value` 格式。".to_owned(),
        "invalid_har" => match numbers.as_slice() {
            [line, column, ..] => format!("HAR 无法解析为 JSON（第 {line} 行，第 {column} 列）。"),
            _ => "这段 JSON 不是 HAR：需要 log.entries，且每一条都带有 request。".to_owned(),
        },
        "empty_har" => "HAR 中没有任何记录。".to_owned(),
        "no_key" if detail.contains("snippet") => "代码片段中没有指定密钥。".to_owned(),
        "no_key" => "文件中没有 API 密钥变量。".to_owned(),
        _ => detail.to_owned(),
    }
}

/// Where a found key sits (`in the Authorization header`, `in env:OPENAI_API_KEY`), in `l`.
pub fn key_place(header: Option<&str>, source: &str, l: Locale) -> String {
    match (header, l) {
        (Some(h), Locale::En) => format!("in the {h} header"),
        (Some(h), Locale::ZhCn) => format!("在 {h} 请求头中"),
        (None, Locale::En) => format!("in {source}"),
        (None, Locale::ZhCn) => format!("在 {source} 中"),
    }
}

/// The name of a reveal mark ([`RevealPiece::mark`], an English id) as a tooltip in `l`.
pub fn mark_label(mark: &'static str, l: Locale) -> &'static str {
    if l == Locale::En {
        return mark;
    }
    match mark {
        "space" => "空格",
        "tab" => "制表符",
        "line break" => "换行",
        "carriage return" => "回车",
        "no-break space" => "不换行空格",
        "zero-width space" => "零宽空格",
        "zero-width non-joiner" => "零宽非连接符",
        "zero-width joiner" => "零宽连接符",
        "word joiner" => "词连接符",
        "byte-order mark" => "字节顺序标记",
        "soft hyphen" => "软连字符",
        "quote" => "引号",
        _ => "不可见字符",
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

/// A byte count for people: `512 bytes`, `12.3 kB`, `20.0 MB` (decimal units); in Chinese
/// `512 字节`.
pub fn size_label(bytes: u64, l: Locale) -> String {
    let tenths = |n: u64, unit: u64| {
        let t = (n * 10 + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    if bytes < 1000 {
        format!("{bytes} {}", l.pick("bytes", "字节"))
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
        let en = Locale::En;
        assert_eq!(size_label(12, en), "12 bytes");
        assert_eq!(size_label(12, Locale::ZhCn), "12 字节");
        assert_eq!(size_label(12_345, en), "12.3 kB");
        assert_eq!(size_label(20_010_003, en), "20.0 MB");
        assert_eq!(size_label(999_999, en), "1000.0 kB");
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
            assert!(!kind_id(k).is_empty());
            let (en, zh) = (kind_label(k, Locale::En), kind_label(k, Locale::ZhCn));
            assert!(!en.is_empty() && en != zh, "{en}");
        }
    }

    #[test]
    fn problems_in_chinese_keep_what_the_detail_names() {
        let zh = |id, detail| problem_text(id, detail, Locale::ZhCn);
        assert_eq!(zh("missing_value", "`-H` has no value."), "`-H` 缺少值。");
        assert_eq!(
            zh("data_from_file", "The body is read from @body.json."),
            "请求体从 @body.json 读取。"
        );
        assert_eq!(
            zh(
                "invalid_har",
                "The HAR does not parse as JSON (line 3, column 14)."
            ),
            "HAR 无法解析为 JSON（第 3 行，第 14 列）。"
        );
        for (id, detail) in [
            (
                "unterminated_quote",
                "A quote is not closed: the command may be cut off.",
            ),
            ("headers_from_file", "Headers are read from @h.txt."),
            ("cookie_file", "Cookies are read from the file jar.txt."),
            (
                "invalid_json_body",
                "The body starts like JSON but does not parse.",
            ),
            (
                "unrecognised",
                "Not a curl command, HTTP request, headers, JSON, code, .env or HAR.",
            ),
            ("no_url", "No URL was found."),
            (
                "bad_header_line",
                "A line in the header block is not `Name: value`.",
            ),
            (
                "invalid_har",
                "The JSON is not a HAR: it needs log.entries, each with a request.",
            ),
            ("empty_har", "The HAR has no entries."),
            ("no_key", "No key is named in the snippet."),
            ("no_key", "No API key variable in the file."),
        ] {
            let t = zh(id, detail);
            assert!(crate::domain::locale::has_cjk(&t), "{id}: {t}");
            assert_eq!(problem_text(id, detail, Locale::En), detail);
        }
    }

    #[test]
    fn every_mark_has_a_chinese_name() {
        let key = " \t\n\r\u{a0}\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}\u{ad}\"\u{7}";
        for p in reveal(key) {
            let mark = p.mark.expect("every character is a mark");
            assert!(
                crate::domain::locale::has_cjk(mark_label(mark, Locale::ZhCn)),
                "{mark}"
            );
            assert_eq!(mark_label(mark, Locale::En), mark);
        }
    }
}
