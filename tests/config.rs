#![cfg(not(target_arch = "wasm32"))]
//! Widget configuration: every setting, its precedence, and every way a setting is ignored
//! (the widget must still render with defaults and say which setting and why).

use keydoctor::domain::config::{self, Problem, Source, Theme, PANELS};
use keydoctor::domain::diagnose::{diagnose_with, Category};
use keydoctor::domain::locale::Locale;
use keydoctor::domain::probe::ApiStyle;

fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Settings named in the ignored notes, in order.
fn ignored(c: &config::Config) -> Vec<&str> {
    c.ignored.iter().map(|i| i.setting.as_str()).collect()
}

#[test]
fn no_configuration_is_the_stand_alone_page() {
    let c = config::read(&attrs(&[("keydoctor", "")]), None);
    assert_eq!(c.panels, PANELS.to_vec());
    assert_eq!(c.theme, Theme::Auto);
    assert_eq!(c.locale, None);
    assert!(c.brand.is_none() && c.support_contact.is_none());
    assert!(c.catalog.is_empty() && c.presets.is_empty() && c.ignored.is_empty());
}

#[test]
fn attributes_set_every_setting() {
    let c = config::read(
        &attrs(&[
            ("brand", "  ToRouter Help "),
            ("support", "help@torouter.example"),
            ("locale", "zh-CN"),
            ("theme", "DARK"),
            ("panels", "connection, diagnose"),
            (
                "presets",
                r#"[{"name":"ToRouter","base_url":"https://api.torouter.example/v1/","model":"tr-mini"}]"#,
            ),
            (
                "catalog",
                r#"[{"code":"API_KEY_DISABLED","category":"key_revoked","title":"Key disabled","steps":["Re-enable it"]}]"#,
            ),
        ]),
        None,
    );
    assert!(c.ignored.is_empty(), "{:?}", c.ignored);
    assert_eq!(c.brand.as_deref(), Some("ToRouter Help"));
    assert_eq!(c.support_contact.as_deref(), Some("help@torouter.example"));
    assert_eq!(c.locale, Some(Locale::ZhCn));
    assert_eq!(c.theme, Theme::Dark);
    // Tab order is the widget's, not the attribute's.
    assert_eq!(c.panels, vec!["diagnose", "connection"]);
    assert_eq!(c.presets.len(), 1);
    assert_eq!(c.presets[0].base_url, "https://api.torouter.example/v1");
    assert_eq!(c.presets[0].style, ApiStyle::OpenAi);
    assert_eq!(c.presets[0].model, "tr-mini");
    assert_eq!(c.catalog.len(), 1);
    assert_eq!(c.catalog[0].category, Category::KeyRevoked);
    assert_eq!(c.catalog[0].steps, vec!["Re-enable it".to_owned()]);
}

#[test]
fn a_json_document_sets_them_and_attributes_win() {
    let doc = r#"{
        "brand": "Docs",
        "theme": "light",
        "locale": "en",
        "support": "https://help.example.com/contact",
        "panels": ["diagnose", "bundle"],
        "catalog": {"E1001": {"category": "quota_exhausted", "title": "Out of credit"}}
    }"#;
    let c = config::read(&attrs(&[("theme", "dark")]), Some(doc));
    assert!(c.ignored.is_empty(), "{:?}", c.ignored);
    assert_eq!(c.brand.as_deref(), Some("Docs"));
    assert_eq!(c.theme, Theme::Dark, "the attribute overrides the document");
    assert_eq!(c.locale, Some(Locale::En));
    assert_eq!(c.panels, vec!["diagnose", "bundle"]);
    assert_eq!(c.catalog[0].code, "E1001");
    assert_eq!(c.catalog[0].category, Category::QuotaExhausted);
    assert_eq!(c.catalog[0].title.as_deref(), Some("Out of credit"));
}

/// Attributes, the JSON document, and the settings that must be reported as ignored.
type Case<'a> = (&'a [(&'a str, &'a str)], Option<&'a str>, &'a [&'a str]);

#[test]
fn bad_settings_are_ignored_with_a_reason_and_defaults_kept() {
    // (attributes, document, settings that must be reported)
    let cases: &[Case] = &[
        (&[("theme", "blue")], None, &["data-theme"]),
        (&[("locale", "fr")], None, &["data-locale"]),
        (
            &[("panels", "tarot")],
            None,
            &["data-panels", "data-panels"],
        ),
        (&[("colour", "red")], None, &["data-colour"]),
        (&[("support", "call us")], None, &["data-support"]),
        (
            &[("support", "javascript:alert(1)")],
            None,
            &["data-support"],
        ),
        (&[("catalog", "[{code:")], None, &["data-catalog"]),
        (&[("catalog", "7")], None, &["data-catalog"]),
        (
            &[("catalog", r#"[{"code":"X","category":"on_fire"}]"#)],
            None,
            &["data-catalog[0].category"],
        ),
        (
            &[("catalog", r#"[{"category":"dns"}]"#)],
            None,
            &["data-catalog[0]"],
        ),
        (
            &[(
                "presets",
                r#"[{"name":"x","base_url":"javascript:alert(1)"}]"#,
            )],
            None,
            &["data-presets[0].base_url"],
        ),
        (
            &[(
                "presets",
                r#"[{"base_url":"https://a.example/v1","style":"soap"}]"#,
            )],
            None,
            &["data-presets[0].style"],
        ),
        (&[], Some("{not json"), &["config"]),
        (&[], Some("[1, 2]"), &["config"]),
        (&[], Some(r#"{"theme": 3, "wat": true}"#), &["theme", "wat"]),
    ];
    for (a, doc, want) in cases {
        let c = config::read(&attrs(a), *doc);
        assert_eq!(ignored(&c), want.to_vec(), "{a:?} {doc:?}");
        // Defaults survive: every panel, auto theme, and a message for every note.
        assert!(!c.panels.is_empty());
        for note in &c.ignored {
            for locale in [Locale::En, Locale::ZhCn] {
                assert!(note.message(locale).contains(&note.setting));
            }
        }
    }
    let c = config::read(&attrs(&[("theme", "blue"), ("panels", "tarot")]), None);
    assert_eq!(c.theme, Theme::Auto);
    assert_eq!(c.panels, PANELS.to_vec());
    assert!(matches!(c.ignored[0].problem, Problem::NotOneOf(_)));
}

#[test]
fn limits_are_kept() {
    let long = "b".repeat(config::MAX_TEXT + 1);
    let c = config::read(&attrs(&[("brand", &long)]), None);
    assert!(c.brand.is_none());
    assert_eq!(c.ignored[0].problem, Problem::TooLong(config::MAX_TEXT));
    assert!(c.ignored[0].value.chars().count() <= 61);

    let many: Vec<String> = (0..config::MAX_ENTRIES + 5)
        .map(|i| format!(r#"{{"code":"C{i}","category":"dns"}}"#))
        .collect();
    let c = config::read(
        &attrs(&[("catalog", &format!("[{}]", many.join(",")))]),
        None,
    );
    assert_eq!(c.catalog.len(), config::MAX_ENTRIES);
    assert_eq!(c.ignored[0].problem, Problem::TooMany(config::MAX_ENTRIES));

    let huge = format!(r#"{{"brand":"{}"}}"#, "x".repeat(config::MAX_DOCUMENT));
    let c = config::read(&[], Some(&huge));
    assert!(c.brand.is_none());
    assert_eq!(ignored(&c), vec!["config"]);
}

#[test]
fn the_config_attribute_names_its_source() {
    assert_eq!(
        Source::of(r#" {"theme":"dark"} "#),
        Some(Source::Inline(r#"{"theme":"dark"}"#.into()))
    );
    assert_eq!(
        Source::of("#kd-config"),
        Some(Source::Element("kd-config".into()))
    );
    assert_eq!(Source::of("/kd.json"), Some(Source::Url("/kd.json".into())));
    assert_eq!(Source::of("  "), None);
}

#[test]
fn a_catalog_code_gets_its_category_before_the_built_in_rules() {
    let c = config::read(
        &attrs(&[(
            "catalog",
            r#"[{"code":"API_KEY_DISABLED","category":"key_revoked","title":"Your ToRouter key is disabled","steps":["Open the console and re-enable the key"]}]"#,
        )]),
        None,
    );
    // Built in, a 403 with this body reads as permission denied; the catalog says revoked.
    let body = r#"{"error":{"code":"API_KEY_DISABLED","message":"forbidden"}}"#;
    let d = diagnose_with(&format!("HTTP 403\n{body}"), &c.catalog, Locale::En);
    assert_eq!(d.category, Category::KeyRevoked);
}

#[test]
fn the_browser_language_picks_the_locale() {
    let cases: &[(&[&str], Locale)] = &[
        (&["zh-CN", "en"], Locale::ZhCn),
        (&["zh-Hans-CN"], Locale::ZhCn),
        (&["fr-FR", "zh-TW", "en"], Locale::ZhCn),
        (&["fr-FR", "en-GB", "zh"], Locale::En),
        (&["de"], Locale::En),
        (&[], Locale::En),
        (&["zhx"], Locale::En),
    ];
    for (tags, want) in cases {
        assert_eq!(
            Locale::from_preferences(tags.iter().copied()),
            *want,
            "{tags:?}"
        );
    }
}
