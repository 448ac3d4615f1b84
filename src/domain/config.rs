//! Widget configuration: a host page's `data-` attributes and an optional JSON document, read
//! into one [`Config`] with a [`Ignored`] note for every setting that could not be used.
//!
//! Invariant: reading never fails. A bad setting keeps its default and says why; the widget
//! always renders. The browser layer collects the attributes and fetches the document; the
//! rules (names, values, limits, precedence) are all here and tested natively.
//!
//! Precedence: the JSON document first, then each `data-` attribute over it.

use crate::domain::diagnose::{CatalogEntry, Category};
use crate::domain::json::{self, Val};
use crate::domain::locale::Locale;
use crate::domain::probe::ApiStyle;

/// The panels a host can enable, by id, in tab order.
pub const PANELS: [&str; 4] = ["diagnose", "sanitize", "connection", "bundle"];

/// Longest JSON document read (inline or fetched).
pub const MAX_DOCUMENT: usize = 256 * 1024;
/// Most catalog entries and presets kept.
pub const MAX_ENTRIES: usize = 500;
/// Longest text kept for a brand, a contact, a title or a step.
pub const MAX_TEXT: usize = 500;

/// Colour scheme of the widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Light or dark, following the system (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The id used in configuration and in the `data-kd-theme` attribute.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// A base-URL preset of the operator's, listed before the built-in ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomPreset {
    pub label: String,
    /// An `http(s)://` base URL, without a trailing slash.
    pub base_url: String,
    pub style: ApiStyle,
    /// The chat smoke test's default model; may be empty.
    pub model: String,
}

/// Why a setting was ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No such setting.
    Unknown,
    /// The value is not one of the allowed ones (they are listed).
    NotOneOf(&'static [&'static str]),
    /// The value is not of the expected shape (what was expected is named).
    Expected(&'static str),
    /// The value is longer than the limit.
    TooLong(usize),
    /// The JSON could not be read (1-based line and column).
    BadJson { line: usize, column: usize },
    /// A configuration URL on another origin (the widget reads only its page's origin).
    OtherOrigin,
    /// The document could not be loaded (the browser's reason).
    NotLoaded(String),
    /// More entries than the limit; the rest were dropped.
    TooMany(usize),
}

/// One setting that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    /// The setting as the host wrote it (`theme`, `catalog[2].category`, `data-foo`).
    pub setting: String,
    /// The value, shortened for display.
    pub value: String,
    pub problem: Problem,
}

impl Ignored {
    /// The note shown in the widget, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        let why = match &self.problem {
            Problem::Unknown if zh => "没有这个设置".to_owned(),
            Problem::Unknown => "there is no such setting".to_owned(),
            Problem::NotOneOf(ok) if zh => format!("可用的值：{}", ok.join("、")),
            Problem::NotOneOf(ok) => format!("it must be one of {}", ok.join(", ")),
            Problem::Expected(what) if zh => format!("应为{what}"),
            Problem::Expected(what) => format!("expected {what}"),
            Problem::TooLong(n) if zh => format!("超过 {n} 个字符"),
            Problem::TooLong(n) => format!("it is longer than {n} characters"),
            Problem::BadJson { line, column } if zh => {
                format!("JSON 无法解析（第 {line} 行第 {column} 列）")
            }
            Problem::BadJson { line, column } => {
                format!("the JSON is invalid at line {line}, column {column}")
            }
            Problem::OtherOrigin if zh => "只能读取本页同源的配置地址".to_owned(),
            Problem::OtherOrigin => "only a URL on this page's own origin is read".to_owned(),
            Problem::NotLoaded(why) if zh => format!("无法加载：{why}"),
            Problem::NotLoaded(why) => format!("it could not be loaded: {why}"),
            Problem::TooMany(n) if zh => format!("只保留前 {n} 项"),
            Problem::TooMany(n) => format!("only the first {n} entries are kept"),
        };
        let value = if self.value.is_empty() {
            String::new()
        } else {
            // Quoted like a JSON string (not `{:?}`: Debug of a string brings Unicode's
            // printable tables into the wasm).
            let mut quoted = String::from(" = ");
            crate::domain::json::write_str(&mut quoted, &self.value);
            quoted
        };
        if zh {
            format!("已忽略设置 {}{value}：{why}。", self.setting)
        } else {
            format!("Ignored setting {}{value}: {why}.", self.setting)
        }
    }
}

/// Everything a host can set. [`Config::default`] is the stand-alone page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// Shown in the header instead of "keydoctor".
    pub brand: Option<String>,
    /// An e-mail address or an `http(s)` URL, shown by the support bundle panel.
    pub support_contact: Option<String>,
    /// Listed before the built-in presets.
    pub presets: Vec<CustomPreset>,
    /// Enabled panels (ids of [`PANELS`]), in tab order; never empty.
    pub panels: Vec<&'static str>,
    /// `None`: the browser's language decides.
    pub locale: Option<Locale>,
    pub theme: Theme,
    /// The operator's error codes, consulted before the built-in rules.
    pub catalog: Vec<CatalogEntry>,
    /// Settings that were ignored, in the order met.
    pub ignored: Vec<Ignored>,
}

/// Where the `config` attribute points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The JSON itself (`data-config='{"theme":"dark"}'`).
    Inline(String),
    /// The id of an element holding it (`data-config="#kd-config"`, a
    /// `<script type="application/json">`).
    Element(String),
    /// A URL, relative to the page (`data-config="/help/keydoctor.json"`).
    Url(String),
}

impl Source {
    /// Classifies the value of a `config` attribute; `None` when it is blank.
    pub fn of(value: &str) -> Option<Source> {
        let v = value.trim();
        if v.is_empty() {
            None
        } else if v.starts_with('{') {
            Some(Source::Inline(v.to_owned()))
        } else if let Some(id) = v.strip_prefix('#') {
            Some(Source::Element(id.to_owned()))
        } else {
            Some(Source::Url(v.to_owned()))
        }
    }
}

/// Reads the configuration: `document` (the JSON of the `config` attribute, already loaded),
/// then `attrs` (the host element's `data-` attributes, names without `data-`; `keydoctor`
/// and `config` themselves are skipped).
pub fn read(attrs: &[(String, String)], document: Option<&str>) -> Config {
    let mut c = Config::default();
    if let Some(doc) = document {
        read_document(&mut c, doc);
    }
    for (name, value) in attrs {
        let name = name.trim().to_ascii_lowercase();
        if matches!(name.as_str(), "keydoctor" | "config") {
            continue;
        }
        let setting = format!("data-{name}");
        let value = value.trim();
        match name.as_str() {
            "catalog" | "presets" => match json::parse(value) {
                Ok(v) => apply(&mut c, &setting, &name, &v),
                Err(e) => c.ignore(
                    &setting,
                    value,
                    Problem::BadJson {
                        line: e.line,
                        column: e.column,
                    },
                ),
            },
            "panels" => {
                let v = Val::Arr(
                    value
                        .split([',', ' '])
                        .filter(|s| !s.is_empty())
                        .map(|s| Val::Str(s.to_owned()))
                        .collect(),
                );
                apply(&mut c, &setting, &name, &v);
            }
            _ => apply(&mut c, &setting, &name, &Val::Str(value.to_owned())),
        }
    }
    if c.panels.is_empty() {
        c.panels = PANELS.to_vec();
    }
    c
}

impl Config {
    /// Records that `setting` was ignored.
    pub fn ignore(&mut self, setting: &str, value: &str, problem: Problem) {
        let mut shown: String = value.chars().take(60).collect();
        if value.chars().nth(60).is_some() {
            shown.push('…');
        }
        self.ignored.push(Ignored {
            setting: setting.to_owned(),
            value: shown,
            problem,
        });
    }
}

fn read_document(c: &mut Config, doc: &str) {
    if doc.len() > MAX_DOCUMENT {
        c.ignore("config", "", Problem::TooLong(MAX_DOCUMENT));
        return;
    }
    match json::parse(doc) {
        Ok(Val::Obj(fields)) => {
            for (key, v) in &fields {
                apply(c, key, key, v);
            }
        }
        Ok(_) => c.ignore("config", "", Problem::Expected("a JSON object")),
        Err(e) => c.ignore(
            "config",
            "",
            Problem::BadJson {
                line: e.line,
                column: e.column,
            },
        ),
    }
}

/// Applies one setting (`name`, as written: `setting`).
fn apply(c: &mut Config, setting: &str, name: &str, v: &Val) {
    match name {
        "brand" => {
            if let Some(s) = text(c, setting, v) {
                c.brand = Some(s);
            }
        }
        "support" | "support-contact" | "support_contact" => {
            if let Some(s) = text(c, setting, v) {
                if is_contact(&s) {
                    c.support_contact = Some(s);
                } else {
                    c.ignore(
                        setting,
                        &s,
                        Problem::Expected("an e-mail address or an http(s) URL"),
                    );
                }
            }
        }
        "locale" | "lang" | "language" => {
            let s = v.as_text().unwrap_or("").trim().to_ascii_lowercase();
            match s.as_str() {
                "auto" | "" => c.locale = None,
                _ if s == "en" || s.starts_with("en-") => c.locale = Some(Locale::En),
                _ if s == "zh" || s.starts_with("zh-") => c.locale = Some(Locale::ZhCn),
                _ => c.ignore(setting, &s, Problem::NotOneOf(&["en", "zh-CN", "auto"])),
            }
        }
        "theme" => {
            let s = v.as_text().unwrap_or("").trim().to_ascii_lowercase();
            match s.as_str() {
                "auto" | "" => c.theme = Theme::Auto,
                "light" => c.theme = Theme::Light,
                "dark" => c.theme = Theme::Dark,
                _ => c.ignore(setting, &s, Problem::NotOneOf(&["light", "dark", "auto"])),
            }
        }
        "panels" => panels(c, setting, v),
        "presets" => presets(c, setting, v),
        "catalog" => catalog(c, setting, v),
        _ => c.ignore(setting, "", Problem::Unknown),
    }
}

/// A bounded, non-empty string setting.
fn text(c: &mut Config, setting: &str, v: &Val) -> Option<String> {
    let Some(s) = v.as_str().map(str::trim) else {
        c.ignore(setting, "", Problem::Expected("a string"));
        return None;
    };
    if s.chars().count() > MAX_TEXT {
        c.ignore(setting, s, Problem::TooLong(MAX_TEXT));
        return None;
    }
    (!s.is_empty()).then(|| s.to_owned())
}

/// An e-mail address (one `@`, a dot after it, no spaces) or an `http(s)://` URL.
fn is_contact(s: &str) -> bool {
    if s.chars().any(|ch| ch.is_whitespace() || ch.is_control()) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        return !rest.is_empty() && !rest.starts_with('/');
    }
    let addr = lower.strip_prefix("mailto:").unwrap_or(&lower);
    match addr.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    }
}

fn panels(c: &mut Config, setting: &str, v: &Val) {
    let items: Vec<&Val> = match v {
        Val::Arr(a) => a.iter().collect(),
        Val::Str(_) => vec![v],
        _ => {
            c.ignore(setting, "", Problem::Expected("a list of panel names"));
            return;
        }
    };
    let mut out = Vec::new();
    for item in items {
        let name = item.as_text().unwrap_or("").trim().to_ascii_lowercase();
        match PANELS.iter().find(|p| **p == name) {
            Some(p) if !out.contains(p) => out.push(*p),
            Some(_) => {}
            None => c.ignore(setting, &name, Problem::NotOneOf(&PANELS)),
        }
    }
    // Tab order is the widget's, whatever order the host listed them in.
    out.sort_by_key(|p| PANELS.iter().position(|q| q == p));
    if out.is_empty() {
        c.ignore(setting, "", Problem::Expected("at least one panel name"));
    } else {
        c.panels = out;
    }
}

fn presets(c: &mut Config, setting: &str, v: &Val) {
    let Val::Arr(items) = v else {
        c.ignore(setting, "", Problem::Expected("a list of presets"));
        return;
    };
    if items.len() > MAX_ENTRIES {
        c.ignore(setting, "", Problem::TooMany(MAX_ENTRIES));
    }
    for (i, item) in items.iter().take(MAX_ENTRIES).enumerate() {
        let here = format!("{setting}[{i}]");
        let field = |k: &str| item.get(k).and_then(Val::as_str).map(str::trim);
        let Some(url) = field("base_url").or_else(|| field("url")) else {
            c.ignore(&here, "", Problem::Expected("an object with a base_url"));
            continue;
        };
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://"))
            || url.len() > MAX_TEXT
            || url.chars().any(char::is_whitespace)
        {
            c.ignore(
                &format!("{here}.base_url"),
                url,
                Problem::Expected("an http(s) URL"),
            );
            continue;
        }
        let base_url = url.trim_end_matches('/').to_owned();
        let style = match field("style") {
            None | Some("") => ApiStyle::for_url(&base_url),
            Some(s) => match ApiStyle::from_id(&s.to_ascii_lowercase()) {
                Some(style) => style,
                None => {
                    c.ignore(
                        &format!("{here}.style"),
                        s,
                        Problem::NotOneOf(&["openai", "anthropic", "gemini"]),
                    );
                    ApiStyle::for_url(&base_url)
                }
            },
        };
        let label = field("name")
            .or_else(|| field("label"))
            .filter(|s| !s.is_empty())
            .map_or_else(|| base_url.clone(), |s| s.chars().take(80).collect());
        let model = field("model").unwrap_or("").chars().take(200).collect();
        c.presets.push(CustomPreset {
            label,
            base_url,
            style,
            model,
        });
    }
}

fn catalog(c: &mut Config, setting: &str, v: &Val) {
    // Either a list of entries with a `code`, or an object keyed by code.
    let entries: Vec<(String, &Val)> = match v {
        Val::Arr(items) => items
            .iter()
            .enumerate()
            .map(|(i, e)| (format!("{setting}[{i}]"), e))
            .collect(),
        Val::Obj(fields) => fields
            .iter()
            .map(|(k, e)| (format!("{setting}.{k}"), e))
            .collect(),
        _ => {
            c.ignore(setting, "", Problem::Expected("a list of catalog entries"));
            return;
        }
    };
    if entries.len() > MAX_ENTRIES {
        c.ignore(setting, "", Problem::TooMany(MAX_ENTRIES));
    }
    let keyed = matches!(v, Val::Obj(_));
    for (here, e) in entries.into_iter().take(MAX_ENTRIES) {
        let code = if keyed {
            here.rsplit_once('.').map(|(_, k)| k.to_owned())
        } else {
            e.get("code").and_then(Val::as_text).map(str::to_owned)
        };
        let code = code.map(|s| s.trim().to_owned()).unwrap_or_default();
        if code.is_empty() || code.len() > 200 {
            c.ignore(&here, "", Problem::Expected("an object with a code"));
            continue;
        }
        let cat = e.get("category").and_then(Val::as_str).unwrap_or("");
        let Some(category) = Category::from_id(cat) else {
            c.ignore(
                &format!("{here}.category"),
                cat,
                Problem::Expected("a category id such as invalid_key (see DESIGN.md)"),
            );
            continue;
        };
        let title = e
            .get("title")
            .and_then(Val::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.chars().take(MAX_TEXT).collect());
        let steps = match e.get("steps") {
            Some(Val::Arr(a)) => a
                .iter()
                .filter_map(Val::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .take(20)
                .map(|s| s.chars().take(MAX_TEXT).collect())
                .collect(),
            Some(Val::Str(s)) if !s.trim().is_empty() => vec![s.trim().to_owned()],
            _ => Vec::new(),
        };
        c.catalog.push(CatalogEntry {
            code,
            category,
            title,
            steps,
        });
    }
}
