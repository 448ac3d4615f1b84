//! Browser tests of the widget's DOM (wasm-bindgen-test in headless Chromium): mount the app on
//! a fresh element, type or paste like a user, and read the `data-testid` hooks.
//! Run with `cargo test --target wasm32-unknown-unknown` (see `.cargo/config.toml`).
#![cfg(target_arch = "wasm32")]

use keydoctor::ui::App;
use leptos::mount::mount_to;
use leptos::task::tick;
use leptos::view;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlTextAreaElement};

mod common;
use common::dom::{find, fresh_root, sleep};

wasm_bindgen_test_configure!(run_in_browser);

fn input_of(root: &HtmlElement) -> HtmlTextAreaElement {
    find(root, "[data-testid=error-input]").unchecked_into()
}

fn category(root: &HtmlElement) -> Option<String> {
    find(root, "[data-testid=diagnosis]").get_attribute("data-category")
}

/// Sets the text area like the user would and fires the `input` event the browser would fire.
fn enter(area: &HtmlTextAreaElement, text: &str, input_type: &str) {
    area.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type(input_type);
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&ev).unwrap();
}

/// Waits until the typed text has been diagnosed (the debounce, at most, then a tick).
async fn settle(root: &HtmlElement) {
    for _ in 0..50 {
        tick().await;
        let busy = find(root, "[data-testid=diagnosis]").get_attribute("aria-busy");
        if busy.as_deref() == Some("false") {
            return;
        }
        sleep(20).await;
    }
    panic!("the diagnosis never caught up with the input");
}

const OPENAI_QUOTA: &str = r#"429 {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#;

#[wasm_bindgen_test]
async fn empty_state_invites_a_paste_and_has_no_category() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    assert_eq!(category(&root).as_deref(), Some("none"));
    let text = find(&root, "[data-testid=diagnosis]")
        .text_content()
        .unwrap_or_default();
    assert!(text.contains("Paste an error"), "{text}");
}

#[wasm_bindgen_test]
async fn typing_sets_the_category() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    enter(&input_of(&root), OPENAI_QUOTA, "insertText");
    settle(&root).await;
    assert_eq!(category(&root).as_deref(), Some("quota_exhausted"));
    assert!(root
        .query_selector("[data-testid=steps] input[type=checkbox]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn a_paste_is_diagnosed_at_once() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    enter(
        &input_of(&root),
        "Error: connect ECONNREFUSED 127.0.0.1:1080",
        "insertFromPaste",
    );
    tick().await;
    assert_eq!(category(&root).as_deref(), Some("proxy"));
}

#[wasm_bindgen_test]
async fn clearing_the_text_brings_back_the_empty_state() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    let area = input_of(&root);
    enter(&area, OPENAI_QUOTA, "insertFromPaste");
    tick().await;
    assert_eq!(category(&root).as_deref(), Some("quota_exhausted"));
    enter(&area, "", "deleteContentBackward");
    settle(&root).await;
    assert_eq!(category(&root).as_deref(), Some("none"));
}

#[wasm_bindgen_test]
async fn an_example_button_fills_the_input() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    let button: HtmlElement = find(&root, "[data-testid=example]").unchecked_into();
    let expected = button.get_attribute("data-expected-category");
    button.click();
    tick().await;
    assert!(!input_of(&root).value().is_empty());
    assert_eq!(category(&root), expected);
}

#[wasm_bindgen_test]
async fn pasted_markup_stays_text() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    enter(
        &input_of(&root),
        r#"401 {"error":{"message":"<b id=\"kd-injected\">x</b><img src=x>","type":"invalid_request_error"}}"#,
        "insertFromPaste",
    );
    tick().await;
    assert!(root.query_selector("#kd-injected").unwrap().is_none());
    assert!(root.query_selector(".kd-result img").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn switching_tabs_keeps_the_pasted_text() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    enter(&input_of(&root), OPENAI_QUOTA, "insertFromPaste");
    tick().await;
    let other: HtmlElement = find(&root, "#kd-tab-connection").unchecked_into();
    other.click();
    tick().await;
    assert!(find(&root, "#kd-panel-diagnose").has_attribute("hidden"));
    assert!(!find(&root, "#kd-panel-connection").has_attribute("hidden"));
    let back: HtmlElement = find(&root, "#kd-tab-diagnose").unchecked_into();
    back.click();
    tick().await;
    assert!(!find(&root, "#kd-panel-diagnose").has_attribute("hidden"));
    assert_eq!(input_of(&root).value(), OPENAI_QUOTA);
    assert_eq!(category(&root).as_deref(), Some("quota_exhausted"));
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_tabs() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    let first = find(&root, "#kd-tab-diagnose");
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key("ArrowRight");
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    first.dispatch_event(&ev).unwrap();
    tick().await;
    let second = find(&root, "#kd-tab-sanitize");
    assert_eq!(
        second.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("-1"));
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .map(|e| e.id());
    assert_eq!(focused.as_deref(), Some("kd-tab-sanitize"));
}

// ---------------------------------------------------------------------------------------------
// Support bundle panel (panel 4): what it shows before anything is pasted, the preview's
// contents, and the leak guard refusing an export.
// ---------------------------------------------------------------------------------------------

use web_sys::HtmlInputElement;

/// A made-up OpenAI project key, planted in pasted text: it must never reach the preview.
const PLANTED_KEY: &str = "sk-proj-Zx81QmT4vB7nL2pRk9WcYd3F6hJs0aEu5GtN1oXiVq8KbMzCy";

/// A key of no known shape (lowercase words and dashes): the redaction engine can't recognise
/// it and the key-name field doesn't take it for a key, so only the typed-key check sees it.
const ODD_KEY: &str = "orchid-lantern-velvet-harbor-quince";

/// Sets an input's value like typing would and fires `input`.
fn type_into(el: &HtmlInputElement, text: &str) {
    el.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type("insertText");
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn input(root: &HtmlElement, selector: &str) -> HtmlInputElement {
    find(root, selector).unchecked_into()
}

/// Lets a change reach the preview: the bundle is a chain of memos and a re-rendered block,
/// which can take more than one tick.
async fn settle_bundle() {
    for _ in 0..3 {
        tick().await;
        sleep(5).await;
    }
}

async fn open_bundle(root: &HtmlElement) {
    let tab: HtmlElement = find(root, "#kd-tab-bundle").unchecked_into();
    tab.click();
    settle_bundle().await;
}

fn preview(root: &HtmlElement) -> String {
    find(root, "[data-testid=bundle-preview]")
        .unchecked_into::<HtmlTextAreaElement>()
        .value()
}

/// Every `n`-character piece of `key` that occurs in `text`.
fn pieces_in(text: &str, key: &str, n: usize) -> Vec<String> {
    (0..=key.len().saturating_sub(n))
        .map(|i| key[i..i + n].to_string())
        .filter(|p| text.contains(p.as_str()))
        .collect()
}

/// Waits for the export's outcome (`data-outcome` of the status line) to become `want`.
async fn outcome_becomes(root: &HtmlElement, want: &str) {
    for _ in 0..50 {
        tick().await;
        let got = find(root, "[data-testid=bundle-status]").get_attribute("data-outcome");
        if got.as_deref() == Some(want) {
            return;
        }
        sleep(20).await;
    }
    panic!("the export never ended as {want}");
}

#[wasm_bindgen_test]
async fn bundle_says_what_to_do_before_anything_is_pasted() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    open_bundle(&root).await;
    assert!(!find(&root, "#kd-panel-bundle").has_attribute("hidden"));
    let empty = find(&root, "[data-testid=bundle-empty]")
        .text_content()
        .unwrap_or_default();
    assert!(empty.contains("Diagnose an error"), "{empty}");
    assert!(root
        .query_selector("[data-testid=bundle-preview]")
        .unwrap()
        .is_none());
    // The time of the incident defaults to now, with its offset, and the zone is shown.
    let time = input(&root, "[data-testid=bundle-time]").value();
    assert!(time.len() >= 20 && time.as_bytes()[10] == b'T', "{time}");
    let zone = find(&root, "[data-testid=bundle-zone]")
        .text_content()
        .unwrap_or_default();
    assert!(zone.contains("UTC"), "{zone}");
}

#[wasm_bindgen_test]
async fn bundle_preview_has_the_category_and_never_the_key() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    settle_bundle().await;
    let error = format!(
        "2025-10-16T22:40:20.395Z openai.AuthenticationError: Error code: 401 - {{'error': {{'message': 'Incorrect API key provided: {PLANTED_KEY}.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}}}"
    );
    enter(&input_of(&root), &error, "insertFromPaste");
    settle_bundle().await;
    type_into(&input(&root, "[data-testid=probe-key-input]"), PLANTED_KEY);
    open_bundle(&root).await;

    let md = preview(&root);
    assert!(md.contains("invalid_key"), "{md}");
    assert_eq!(pieces_in(&md, PLANTED_KEY, 12), Vec::<String>::new());
    let summary = find(&root, "[data-testid=bundle-redactions]")
        .text_content()
        .unwrap_or_default();
    assert!(summary.contains("redacted"), "{summary}");
    assert!(
        md.contains("redacted"),
        "the preview carries the redaction line"
    );
    assert!(root
        .query_selector("[data-testid=bundle-leaks]")
        .unwrap()
        .is_none());
    // The client is suggested from the paste, and the time found in it is offered.
    let client = find(&root, "[data-testid=bundle-client]");
    let client = js_sys::Reflect::get(&client, &"value".into()).unwrap();
    assert_eq!(client.as_string().as_deref(), Some("OpenAI SDK"));
    let choice: HtmlElement = find(&root, "[data-testid=bundle-time-choice]").unchecked_into();
    choice.click();
    settle_bundle().await;
    assert_eq!(
        input(&root, "[data-testid=bundle-time]").value(),
        "2025-10-16T22:40:20.395Z"
    );
    assert!(preview(&root).contains("2025-10-16T22:40:20.395Z"));

    // JSON: the same contents, schema version 1.
    let json: HtmlElement = find(&root, "[data-testid=bundle-format-json]").unchecked_into();
    json.click();
    settle_bundle().await;
    let text = preview(&root);
    let v: serde_json::Value = serde_json::from_str(&text).expect("the JSON preview parses");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["diagnosis"]["category"], "invalid_key");
    assert_eq!(v["redaction_summary"].as_str(), Some(summary.trim()));
    assert_eq!(pieces_in(&text, PLANTED_KEY, 12), Vec::<String>::new());

    // A section left out is gone from the preview.
    let error_toggle = input(&root, "[data-testid=bundle-section][data-section=error]");
    error_toggle.click();
    settle_bundle().await;
    let v: serde_json::Value = serde_json::from_str(&preview(&root)).unwrap();
    assert!(v.get("error").is_none(), "{v}");
    assert!(v.get("diagnosis").is_some());
}

#[wasm_bindgen_test]
async fn pasted_markup_in_the_bundle_stays_text() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    settle_bundle().await;
    enter(
        &input_of(&root),
        r#"401 <b id="kd-bundle-injected">x</b><img src=x> {"error":{"message":"bad key","type":"invalid_request_error"}}"#,
        "insertFromPaste",
    );
    settle_bundle().await;
    open_bundle(&root).await;
    assert!(preview(&root).contains("kd-bundle-injected"));
    assert!(root
        .query_selector("#kd-bundle-injected")
        .unwrap()
        .is_none());
    assert!(root
        .query_selector("#kd-panel-bundle img")
        .unwrap()
        .is_none());
}

// The user types their key (of a shape no rule knows) into the key-name field: the bundle
// would carry it verbatim, so the preview withholds that line and both exports are refused,
// naming the rule and the line.
#[wasm_bindgen_test]
async fn the_guard_refuses_a_key_typed_into_the_key_name() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    settle_bundle().await;
    enter(&input_of(&root), OPENAI_QUOTA, "insertFromPaste");
    settle_bundle().await;
    type_into(&input(&root, "[data-testid=probe-key-input]"), ODD_KEY);
    open_bundle(&root).await;
    assert!(root
        .query_selector("[data-testid=bundle-leaks]")
        .unwrap()
        .is_none());
    type_into(&input(&root, "[data-testid=bundle-key-name]"), ODD_KEY);
    settle_bundle().await;

    let shown = preview(&root);
    assert_eq!(
        pieces_in(&shown, ODD_KEY, 12),
        Vec::<String>::new(),
        "{shown}"
    );
    assert!(shown.contains("withheld: typed_key"), "{shown}");
    let leaks = find(&root, "[data-testid=bundle-leaks]");
    assert!(leaks
        .query_selector("li[data-rule=typed_key]")
        .unwrap()
        .is_some());

    let copy: HtmlElement = find(&root, "[data-testid=bundle-copy]").unchecked_into();
    copy.click();
    outcome_becomes(&root, "refused").await;
    let status = find(&root, "[data-testid=bundle-status]")
        .text_content()
        .unwrap_or_default();
    assert!(status.contains("Line "), "{status}");
    assert_eq!(pieces_in(&status, ODD_KEY, 12), Vec::<String>::new());

    // Clearing the key name lets the export through the guard again (the download here).
    type_into(
        &input(&root, "[data-testid=bundle-key-name]"),
        "prod-backend",
    );
    settle_bundle().await;
    assert!(root
        .query_selector("[data-testid=bundle-leaks]")
        .unwrap()
        .is_none());
    let download: HtmlElement = find(&root, "[data-testid=bundle-download]").unchecked_into();
    download.click();
    outcome_becomes(&root, "downloaded").await;
    let status = find(&root, "[data-testid=bundle-status]")
        .text_content()
        .unwrap_or_default();
    assert!(status.contains("-quota_exhausted.md"), "{status}");
}

// ---------------------------------------------------------------------------------------------
// Panel 2, "Sanitize a request and check the key".
// ---------------------------------------------------------------------------------------------

/// A fake OpenAI project key (real shape, random characters).
const SZ_KEY: &str = "sk-proj-Rk3vQ9xLmT2pWc7yHn4bJd8sFg1aZe6uXo5iKq0rVt3wYh9jNl2cMb7xPs4dGf8kT3BlbkFJq5uWz1yEr6tIo0pAs9dFg2hJk4lZx8cVb3nMm7Qw1eRt5yUi9oP2aS6dF0gH3jK7lZ4x";

/// Waits until the sanitized copy is for the current input (`data-state="done"`).
async fn sz_settle(root: &HtmlElement) {
    for _ in 0..100 {
        tick().await;
        let state = find(root, "[data-testid=sanitize-result]").get_attribute("data-state");
        if state.as_deref() == Some("done") {
            return;
        }
        sleep(20).await;
    }
    panic!("the sanitized copy never caught up with the input");
}

fn sz_input(root: &HtmlElement, testid: &str) -> web_sys::HtmlInputElement {
    find(root, &format!("[data-testid={testid}]")).unchecked_into()
}

/// Sets an `<input>` like the user would and fires its `input` event.
fn sz_type(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type("insertText");
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// The `data-finding` ids of a findings list's children, sorted.
fn sz_list(root: &HtmlElement, testid: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut child = find(root, &format!("[data-testid={testid}]")).first_element_child();
    while let Some(c) = child {
        if let Some(id) = c.get_attribute("data-finding") {
            ids.push(id);
        }
        child = c.next_element_sibling();
    }
    ids.sort();
    ids
}

fn sz_findings(root: &HtmlElement) -> Vec<String> {
    sz_list(root, "key-findings")
}

#[wasm_bindgen_test]
async fn sanitize_a_pasted_curl_replaces_the_key_with_a_placeholder() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    let area: HtmlTextAreaElement = find(&root, "[data-testid=request-input]").unchecked_into();
    let curl = format!(
        "curl https://api.openai.com/v1/chat/completions \\\n  -H \"Authorization: Bearer {SZ_KEY}\" \\\n  -d '{{\"model\": \"gpt-4o-mini\", \"messages\": [{{\"role\": \"user\", \"content\": \"hi\"}}]}}'"
    );
    enter(&area, &curl, "insertFromPaste");
    sz_settle(&root).await;
    let out: HtmlTextAreaElement = find(&root, "[data-testid=sanitized-request]").unchecked_into();
    let text = out.value();
    assert!(text.contains("sk-proj-…"), "{text}");
    assert!(!text.contains(&SZ_KEY[8..20]), "{text}");
    assert!(text.contains("https://api.openai.com/v1/chat/completions"));
    assert!(text.contains("gpt-4o-mini"));
    let kind = find(&root, "[data-testid=parsed-request]").get_attribute("data-kind");
    assert_eq!(kind.as_deref(), Some("curl"));
    // Nothing on the page shows the key.
    assert!(!root.inner_text().contains(&SZ_KEY[8..20]));
}

#[wasm_bindgen_test]
async fn sanitize_typed_text_is_analysed_after_typing() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    let area: HtmlTextAreaElement = find(&root, "[data-testid=request-input]").unchecked_into();
    enter(&area, &format!("OPENAI_API_KEY={SZ_KEY}\n"), "insertText");
    sz_settle(&root).await;
    let out: HtmlTextAreaElement = find(&root, "[data-testid=sanitized-request]").unchecked_into();
    assert!(
        out.value().starts_with("OPENAI_API_KEY=sk-proj-…"),
        "{}",
        out.value()
    );
    let kind = find(&root, "[data-testid=parsed-request]").get_attribute("data-kind");
    assert_eq!(kind.as_deref(), Some("env"));
}

#[wasm_bindgen_test]
async fn key_with_a_trailing_space_is_flagged() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    assert_eq!(sz_findings(&root), Vec::<String>::new());
    let key = sz_input(&root, "key-input");
    assert_eq!(key.type_(), "password");
    sz_type(&key, &format!("{SZ_KEY} "));
    tick().await;
    assert_eq!(sz_findings(&root), ["leading_or_trailing_whitespace"]);
    sz_type(&key, SZ_KEY);
    tick().await;
    assert_eq!(sz_findings(&root), ["ok"]);
    // The header name is part of the lint: a bare key in Authorization lacks `Bearer `.
    sz_type(&sz_input(&root, "key-header"), "Authorization");
    tick().await;
    assert_eq!(sz_findings(&root), ["missing_bearer_prefix"]);
}

#[wasm_bindgen_test]
async fn check_this_key_moves_the_found_key_into_the_key_field() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    let area: HtmlTextAreaElement = find(&root, "[data-testid=request-input]").unchecked_into();
    let req =
        format!("POST /v1/messages HTTP/1.1\nHost: api.anthropic.com\nx-api-key: {SZ_KEY}\n\n{{}}");
    enter(&area, &req, "insertFromPaste");
    sz_settle(&root).await;
    let button: HtmlElement = find(&root, "[data-testid=check-found-key]").unchecked_into();
    button.click();
    tick().await;
    assert_eq!(sz_input(&root, "key-input").value(), SZ_KEY);
    assert_eq!(sz_input(&root, "key-header").value(), "x-api-key");
    // An OpenAI key sent to Anthropic: the lint says so.
    assert!(
        sz_findings(&root).contains(&"provider_mismatch".to_string())
            || sz_findings(&root).contains(&"wrong_header_name".to_string()),
        "{:?}",
        sz_findings(&root)
    );
    assert!(!root.inner_text().contains(&SZ_KEY[8..20]));
}

#[wasm_bindgen_test]
async fn sanitize_base_url_is_the_connection_panels() {
    let root = fresh_root();
    let _app = mount_to(root.clone(), || view! { <App /> });
    tick().await;
    sz_type(
        &sz_input(&root, "sanitize-base-url-input"),
        "https://api.openai.com",
    );
    tick().await;
    assert_eq!(
        sz_input(&root, "base-url-input").value(),
        "https://api.openai.com"
    );
    assert!(!sz_list(&root, "base-url-findings").is_empty());
}
