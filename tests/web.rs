//! Browser tests of the widget's DOM (wasm-bindgen-test in headless Chromium): mount the app on
//! a fresh element, type or paste like a user, and read the `data-testid` hooks.
//! Run with `cargo test --target wasm32-unknown-unknown` (see `.cargo/config.toml`).
#![cfg(target_arch = "wasm32")]

use keydoctor::ui::App;
use leptos::mount::mount_to;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A new empty `<div>` in the document's body.
fn fresh_root() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn find(root: &HtmlElement, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn input_of(root: &HtmlElement) -> HtmlTextAreaElement {
    find(root, "[data-testid=error-input]").unchecked_into()
}

fn category(root: &HtmlElement) -> Option<String> {
    find(root, "[data-testid=diagnosis]").get_attribute("data-category")
}

/// Waits `ms` milliseconds (a `setTimeout` turned into a future).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
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
    let _app = mount_to(root.clone(), App);
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
    let _app = mount_to(root.clone(), App);
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
    let _app = mount_to(root.clone(), App);
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
    let _app = mount_to(root.clone(), App);
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
    let _app = mount_to(root.clone(), App);
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
    let _app = mount_to(root.clone(), App);
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
    let _app = mount_to(root.clone(), App);
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
    let _app = mount_to(root.clone(), App);
    tick().await;
    let first = find(&root, "#kd-tab-diagnose");
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key("ArrowRight");
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    first.dispatch_event(&ev).unwrap();
    tick().await;
    let second = find(&root, "#kd-tab-connection");
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
    assert_eq!(focused.as_deref(), Some("kd-tab-connection"));
}
