//! Native stand-ins for `crate::browser`, which exists only on wasm32.
//!
//! They let the widget type-check and its pure helpers run natively (clippy, `cargo test`).
//! The widget itself only runs in a browser; keep these signatures equal to `src/browser`.

use std::time::Duration;

use leptos::web_sys;

/// Stand-in for `browser::Debounce`: runs nothing.
#[derive(Clone, Default)]
pub struct Debounce {
    _nothing_pending: (),
}

impl Debounce {
    /// Stand-in: drops `f`.
    pub fn schedule(&self, _delay: Duration, f: impl FnOnce() + 'static) {
        drop(f);
    }

    /// Stand-in: nothing is pending.
    pub fn cancel(&self) {}
}

/// Stand-in: no clock.
pub fn now_ms() -> f64 {
    0.0
}

/// Stand-in: never a paste.
pub fn is_paste_or_drop(_ev: &web_sys::Event) -> bool {
    false
}

/// Stand-in: never a paste.
pub fn take_large_paste(
    _ev: &web_sys::Event,
    _area: &web_sys::HtmlTextAreaElement,
    _above: usize,
) -> Option<String> {
    None
}

/// Stand-in: does nothing.
pub fn replace_text(_area: &web_sys::HtmlTextAreaElement, _text: &str, _focus: bool) {}

/// Stand-in: nothing copied.
pub async fn copy_text(_text: &str) -> bool {
    false
}

/// Stand-in: no key.
pub fn key_name(_ev: &web_sys::KeyboardEvent) -> String {
    String::new()
}

/// Stand-in: does nothing.
pub fn prevent_default(_ev: &web_sys::Event) {}

/// Stand-in: does nothing.
pub fn focus(_el: &web_sys::HtmlElement) {}
