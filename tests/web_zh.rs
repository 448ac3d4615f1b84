//! Browser test of the Simplified Chinese widget (wasm-bindgen-test in headless Chromium): the
//! app is mounted in zh-CN, every panel is driven into the states that show the most text (a
//! diagnosis, a sanitized request with key and base-URL findings, a finished connection check
//! with its latency chart, a support bundle), and every text node and every `placeholder`,
//! `aria-label`, `aria-description` and `title` is scanned for leftover English: a word of
//! four or more ASCII letters that is not a technical term, a brand or a sample value.
//! What the user pasted and the stable ids are data, not UI, and are not scanned (code spans,
//! badges, table values, text areas). The same scan of the English widget must find plenty,
//! so the check can't pass by finding nothing.
#![cfg(target_arch = "wasm32")]

use keydoctor::domain::config::Config;
use keydoctor::domain::locale::Locale;
use keydoctor::ui::{App, WidgetConfig};
use leptos::mount::mount_to;
use leptos::task::tick;
use leptos::view;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, Node};

mod common;
use common::dom::{find, fresh_root, sleep};

wasm_bindgen_test_configure!(run_in_browser);

/// Words that stay in Latin letters in Chinese text: technical terms, brands, product names,
/// and the words of sample values (lowercase; compared case-insensitively).
const ALLOWED: &[&str] = &[
    // The widget and the services it knows.
    "keydoctor",
    "openai",
    "anthropic",
    "gemini",
    "azure",
    "bedrock",
    "openrouter",
    "deepseek",
    "groq",
    "google",
    // Clients of the support bundle.
    "codex",
    "claude",
    "code",
    "openclaw",
    "cursor",
    "cline",
    "continue",
    "langchain",
    // Technical terms kept in Latin.
    "base",
    "bearer",
    "token",
    "authorization",
    "curl",
    "http",
    "https",
    "html",
    "json",
    "markdown",
    "cors",
    "python",
    "node",
    "javascript",
    "cookie",
    "ping",
    "chrome",
    "headless",
    "linux",
    "vpn",
    "utc",
    "shell",
];

/// Elements whose contents are data (pasted or computed values, stable ids), not wording.
const DATA: &str = "textarea, code, pre, td, .kd-code, .kd-badge, .kd-ev-cat, .kd-sz-mark, \
                    [data-testid=request-params], [data-testid=request-headers], \
                    [data-testid=key-reveal], [data-testid=brand]";

/// Attributes people read.
const READ_ATTRS: [&str; 4] = ["placeholder", "aria-label", "aria-description", "title"];

/// The English words of `text` that are not allowed: runs of ASCII letters (four or more) that
/// are whole words. A token with digits, `_`, `-`, `/`, `.`, `:`, `@`, `$`, `=` or brackets in it
/// is an identifier, a header name, a path or a URL, and is not a word.
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || !c.is_ascii())
        .map(|t| {
            t.trim_matches(|c: char| {
                matches!(
                    c,
                    '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '\''
                )
            })
        })
        .filter(|t| t.len() >= 4 && t.chars().all(|c| c.is_ascii_alphabetic()))
        .filter(|t| !ALLOWED.contains(&t.to_ascii_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// Every leftover English word under `node`, with where it was found.
fn leftovers(node: &Node, out: &mut Vec<String>) {
    if let Some(el) = node.dyn_ref::<Element>() {
        if el.matches(DATA).unwrap_or(false) {
            return;
        }
        for a in READ_ATTRS {
            if let Some(v) = el.get_attribute(a) {
                for w in english_words(&v) {
                    out.push(format!(
                        "{w:?} in {a}={v:?} of <{}>",
                        el.tag_name().to_lowercase()
                    ));
                }
            }
        }
    } else if node.node_type() == Node::TEXT_NODE {
        let text = node.node_value().unwrap_or_default();
        let parent = node
            .parent_element()
            .map(|p| {
                format!(
                    "<{} class={:?}>",
                    p.tag_name().to_lowercase(),
                    p.get_attribute("class").unwrap_or_default()
                )
            })
            .unwrap_or_default();
        for w in english_words(&text) {
            out.push(format!("{w:?} in {text:?} of {parent}"));
        }
        return;
    }
    let children = node.child_nodes();
    for i in 0..children.length() {
        if let Some(c) = children.item(i) {
            leftovers(&c, out);
        }
    }
}

async fn settle() {
    for _ in 0..3 {
        tick().await;
        sleep(10).await;
    }
}

/// Fires the `input` event a user's paste (or typing) would fire.
fn fire_input(el: &Element, input_type: &str) {
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type(input_type);
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn paste(root: &HtmlElement, testid: &str, text: &str) {
    let el = find(root, &format!("[data-testid={testid}]"));
    el.unchecked_ref::<HtmlTextAreaElement>().set_value(text);
    fire_input(&el, "insertFromPaste");
}

fn type_in(root: &HtmlElement, testid: &str, text: &str) {
    let el = find(root, &format!("[data-testid={testid}]"));
    el.unchecked_ref::<HtmlInputElement>().set_value(text);
    fire_input(&el, "insertText");
}

fn click(root: &HtmlElement, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
}

async fn wait_for(root: &HtmlElement, selector: &str, attr: &str, want: &[&str]) {
    for _ in 0..250 {
        tick().await;
        let v = find(root, selector).get_attribute(attr).unwrap_or_default();
        if want.contains(&v.as_str()) {
            return;
        }
        sleep(20).await;
    }
    panic!("{selector} never had {attr} in {want:?}");
}

const ERROR: &str = r#"openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}
x-request-id: req_7f3a9c2e1b
retry-after: 20
ECONNRESET"#;

/// A fake OpenAI project key (real shape, random characters).
const KEY: &str = "sk-proj-Rk3vQ9xLmT2pWc7yHn4bJd8sFg1aZe6uXo5iKq0rVt3wYh9jNl2cMb7xPs4dGf8kT3BlbkFJq5uWz1yEr6tIo0pAs9dFg2hJk4lZx8cVb3nMm7Qw1eRt5yUi9oP2aS6dF0gH3jK7lZ4x";

/// Mounts the widget in `locale` and drives every panel into its fullest state.
async fn mount_and_fill(locale: Locale) -> HtmlElement {
    let root = fresh_root();
    let config = WidgetConfig::new(
        Config {
            locale: Some(locale),
            ..Default::default()
        },
        Locale::En,
    );
    let app = mount_to(
        root.clone(),
        move || view! { <App config=config.clone() /> },
    );
    std::mem::forget(app);
    settle().await;

    // Empty states are scanned too: the bundle's before anything is pasted.
    click(&root, "#kd-tab-bundle");
    settle().await;
    let mut empty = Vec::new();
    leftovers(&find(&root, "[data-testid=bundle-empty]"), &mut empty);
    assert!(
        locale == Locale::En || empty.is_empty(),
        "English left in the bundle's empty state:\n{}",
        empty.join("\n")
    );

    // 1. Diagnose: a paste with facts, evidence, another category and a checklist.
    click(&root, "#kd-tab-diagnose");
    paste(&root, "error-input", ERROR);
    settle().await;
    assert_eq!(
        find(&root, "[data-testid=diagnosis]")
            .get_attribute("data-category")
            .as_deref(),
        Some("quota_exhausted")
    );

    // 2. Sanitize: a curl command with a key, the key with a trailing space in the wrong
    //    header, a base URL with an endpoint path, and the hidden characters shown.
    let curl = format!(
        "curl https://api.openai.com/v1/chat/completions -H \"Authorization: Bearer {KEY}\" -d '{{\"model\": \"gpt-4o-mini\", \"temperature\": 0.2, \"messages\": [{{\"role\": \"user\", \"content\": \"hi\"}}]}}'"
    );
    paste(&root, "request-input", &curl);
    wait_for(
        &root,
        "[data-testid=sanitize-result]",
        "data-state",
        &["done"],
    )
    .await;
    type_in(&root, "key-input", &format!("{KEY} "));
    type_in(&root, "key-header", "x-api-key");
    type_in(
        &root,
        "sanitize-base-url-input",
        "api.openai.com/v1/chat/completions?x=1",
    );
    click(&root, "[data-testid=key-reveal-toggle]");
    settle().await;
    assert!(find(&root, "[data-testid=key-findings]").child_element_count() > 0);
    assert!(find(&root, "[data-testid=base-url-findings]").child_element_count() > 1);

    // 3. Check the connection against a port nothing listens on: every check ends at once.
    type_in(&root, "base-url-input", "http://127.0.0.1:9/v1");
    click(&root, "[data-testid=probe-start]");
    wait_for(
        &root,
        "[data-testid=probe-results]",
        "data-state",
        &["done", "cancelled"],
    )
    .await;
    assert!(root
        .query_selector("[data-testid=latency-chart]")
        .unwrap()
        .is_some());

    // 4. The bundle, built from all of the above.
    click(&root, "#kd-tab-bundle");
    settle().await;
    settle().await;
    assert!(root
        .query_selector("[data-testid=bundle-preview]")
        .unwrap()
        .is_some());
    root
}

#[wasm_bindgen_test]
async fn every_panel_speaks_chinese() {
    let root = mount_and_fill(Locale::ZhCn).await;
    let mut found = Vec::new();
    for panel in ["diagnose", "sanitize", "connection", "bundle"] {
        let mut words = Vec::new();
        leftovers(&find(&root, &format!("#kd-panel-{panel}")), &mut words);
        found.extend(words.into_iter().map(|w| format!("[{panel}] {w}")));
    }
    assert!(
        found.is_empty(),
        "English left in the zh-CN widget:\n{}",
        found.join("\n")
    );
    // The stable hooks did not change with the language.
    assert_eq!(
        find(&root, "[data-testid=diagnosis]")
            .get_attribute("data-category")
            .as_deref(),
        Some("quota_exhausted")
    );
    assert_eq!(
        find(&root, "[data-testid=probe-check]")
            .get_attribute("data-check")
            .as_deref(),
        Some("url")
    );
}

/// The scan is not blind: the English widget in the same states is full of English words.
#[wasm_bindgen_test]
async fn the_scan_finds_english_in_the_english_widget() {
    let root = mount_and_fill(Locale::En).await;
    for panel in ["diagnose", "sanitize", "connection", "bundle"] {
        let mut words = Vec::new();
        leftovers(&find(&root, &format!("#kd-panel-{panel}")), &mut words);
        assert!(
            words.len() >= 15,
            "{panel}: only {} English words found",
            words.len()
        );
    }
}
