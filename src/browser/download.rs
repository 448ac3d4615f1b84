//! Saving text as a file and selecting text for a copy by hand: a `Blob`, an object URL, a
//! temporary `<a download>` clicked once, and the URL revoked afterwards. Nothing is sent
//! anywhere: the file is made in the page.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlTextAreaElement, Url};

/// How long the object URL outlives the click (the browser reads the blob when the download
/// starts; a late revoke only costs the memory of one text).
const REVOKE_AFTER: Duration = Duration::from_secs(5);

/// Offers `text` as a file named `file_name` of type `mime` (`text/markdown`,
/// `application/json`). Returns whether the download was started.
pub fn save_text(file_name: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    else {
        let _ = Url::revoke_object_url(&url);
        return false;
    };
    link.set_href(&url);
    link.set_download(file_name);
    let _ = link.set_attribute("hidden", "");
    let started = body.append_child(&link).is_ok();
    if started {
        link.click();
        let _ = body.remove_child(&link);
    }
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        REVOKE_AFTER,
    );
    started
}

/// Focuses a text area and selects all its text, so the user can copy it by hand.
pub fn select_all(area: &HtmlTextAreaElement) {
    let _ = area.focus();
    area.select();
}
