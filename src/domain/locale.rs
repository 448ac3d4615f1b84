//! The languages the widget speaks.

use serde::{Deserialize, Serialize};

/// A UI and checklist language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Locale {
    /// Every supported locale.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::ZhCn];

    /// Picks a locale from a BCP 47 tag such as `zh-CN`, `zh-Hans`, `en-US`; English otherwise.
    pub fn from_tag(tag: &str) -> Locale {
        let t = tag.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            Locale::ZhCn
        } else {
            Locale::En
        }
    }

    /// `en` or `zh`, whichever is this locale's: how the UI writes its strings inline.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Locale::En => en,
            Locale::ZhCn => zh,
        }
    }

    /// The first supported locale among the browser's preferred languages (`navigator.languages`),
    /// English when none is.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .find_map(|t| {
                if t == "zh" || t.starts_with("zh-") {
                    Some(Locale::ZhCn)
                } else if t == "en" || t.starts_with("en-") {
                    Some(Locale::En)
                } else {
                    None
                }
            })
            .unwrap_or_default()
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }
}

/// A string in every supported locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    /// The string in `locale`.
    pub fn get(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.en,
            Locale::ZhCn => self.zh,
        }
    }
}

/// A string built at run time, in every supported locale: what the domain hands the UI when the
/// same result is shown in the widget's language and exported in English (a support bundle).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct OwnedText {
    pub en: String,
    pub zh: String,
}

impl OwnedText {
    /// The string `f` writes for each locale.
    pub fn by(f: impl Fn(Locale) -> String) -> OwnedText {
        OwnedText {
            en: f(Locale::En),
            zh: f(Locale::ZhCn),
        }
    }

    /// The string in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.en,
            Locale::ZhCn => &self.zh,
        }
    }
}

impl From<Text> for OwnedText {
    fn from(t: Text) -> OwnedText {
        OwnedText {
            en: t.en.to_owned(),
            zh: t.zh.to_owned(),
        }
    }
}

/// Whether `s` holds a CJK ideograph (how tests tell a Chinese string from a leftover English one).
pub fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'))
}
