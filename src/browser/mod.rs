//! The one thin layer that calls web APIs: timers, the clipboard, the clock, and the text
//! area's value. Everything here returns plain values; nothing here knows what a diagnosis is.
//!
//! The UI reaches this module as `ui::browser`; natively (clippy, `cargo test`) it gets the
//! stand-ins in `src/ui/native.rs`, which must keep the same signatures.

pub mod clock;
pub mod download;
pub mod embed;
pub mod files;
pub mod probe;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlDocument, HtmlElement, HtmlTextAreaElement};

/// A trailing-edge debounce: each [`Debounce::schedule`] replaces the call still pending.
///
/// Cheap to clone (the clones share the pending call). Call [`Debounce::cancel`] on cleanup so
/// nothing runs after the component is gone.
#[derive(Clone, Default)]
pub struct Debounce {
    pending: Arc<Mutex<Option<TimeoutHandle>>>,
}

impl Debounce {
    /// Runs `f` after `delay`, unless `schedule` or `cancel` is called again before then.
    pub fn schedule(&self, delay: Duration, f: impl FnOnce() + 'static) {
        self.cancel();
        let pending = Arc::clone(&self.pending);
        let handle = set_timeout_with_handle(
            move || {
                if let Ok(mut p) = pending.lock() {
                    *p = None;
                }
                f();
            },
            delay,
        );
        // Without a window (never in a page) nothing is scheduled; the next input tries again.
        if let (Ok(h), Ok(mut p)) = (handle, self.pending.lock()) {
            *p = Some(h);
        }
    }

    /// Drops the pending call, if any.
    pub fn cancel(&self) {
        if let Some(h) = self.pending.lock().ok().and_then(|mut p| p.take()) {
            h.clear();
        }
    }
}

/// Milliseconds since the page started, from `performance.now()` (0 when unavailable).
/// Browsers coarsen it (Chromium: 0.1 ms without cross-origin isolation).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Whether an `input` event came from a paste or a drop (as opposed to typing).
pub fn is_paste_or_drop(ev: &web_sys::Event) -> bool {
    ev.dyn_ref::<web_sys::InputEvent>()
        .map(|e| {
            let t = e.input_type();
            t == "insertFromPaste" || t == "insertFromDrop"
        })
        .unwrap_or(false)
}

/// A paste of more than `above` bytes into `area`, taken from the browser: its own insertion
/// is stopped, because laying out megabytes in a text area freezes the tab for seconds (about
/// 10 s for 50 MB in Chromium). Returns the area's text as the paste would have left it (the
/// selection replaced by the pasted text), for the caller to hold in memory. `None` for
/// shorter pastes and pastes of no text, which the browser inserts as usual.
pub fn take_large_paste(
    ev: &web_sys::Event,
    area: &HtmlTextAreaElement,
    above: usize,
) -> Option<String> {
    let data: web_sys::DataTransfer = js_sys::Reflect::get(ev, &JsValue::from_str("clipboardData"))
        .ok()?
        .dyn_into()
        .ok()?;
    let pasted = data.get_data("text/plain").ok()?;
    if pasted.len() <= above {
        return None;
    }
    ev.prevent_default();
    // Selection offsets count UTF-16 units: cut the value as a JS string.
    let value = js_sys::JsString::from(area.value());
    let len = value.length();
    let start = area
        .selection_start()
        .ok()
        .flatten()
        .unwrap_or(len)
        .min(len);
    let end = area
        .selection_end()
        .ok()
        .flatten()
        .unwrap_or(len)
        .clamp(start, len);
    let before = String::from(value.slice(0, start));
    let after = String::from(value.slice(end, len));
    Some(before + &pasted + &after)
}

/// Replaces the text of a text area and puts the caret at the start; focuses it when asked.
pub fn replace_text(area: &HtmlTextAreaElement, text: &str, focus: bool) {
    area.set_value(text);
    let _ = area.set_selection_range(0, 0);
    area.set_scroll_top(0);
    if focus {
        let _ = area.focus();
    }
}

/// Copies `text` to the clipboard: the async Clipboard API first, then the older
/// select-and-`execCommand("copy")` way (insecure contexts, old browsers, denied permission).
/// Returns whether either worked.
pub async fn copy_text(text: &str) -> bool {
    if copy_with_clipboard_api(text).await {
        return true;
    }
    copy_with_selection(text)
}

async fn copy_with_clipboard_api(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // `navigator.clipboard` is undefined outside secure contexts: look before calling.
    let navigator = window.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .filter(|v| v.is_object());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

fn copy_with_selection(text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let Some(area) = document
        .create_element("textarea")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return false;
    };
    let previous_focus = document
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    // Styles through the CSSOM (allowed by the page's CSP, unlike a `style` attribute), so the
    // helper also works where the widget's stylesheet doesn't reach (a host page's body).
    let style = area.style();
    for (name, value) in [
        ("position", "fixed"),
        ("top", "0"),
        ("left", "0"),
        ("width", "1px"),
        ("height", "1px"),
        ("opacity", "0"),
        ("pointer-events", "none"),
    ] {
        let _ = style.set_property(name, value);
    }
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = document
        .dyn_ref::<HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    let _ = body.remove_child(&area);
    if let Some(el) = previous_focus {
        let _ = el.focus();
    }
    copied
}

/// The `key` of a keyboard event (`ArrowRight`, `Home`, `a`).
pub fn key_name(ev: &web_sys::KeyboardEvent) -> String {
    ev.key()
}

/// Stops the browser's default action for an event (scrolling on arrow keys, say).
pub fn prevent_default(ev: &web_sys::Event) {
    ev.prevent_default();
}

/// Moves keyboard focus to an element.
pub fn focus(el: &HtmlElement) {
    let _ = el.focus();
}
