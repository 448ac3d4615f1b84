//! Files for the Sanitize panel: the file a user drops or picks, read as UTF-8 text (a binary
//! or non-UTF-8 file is refused, never mangled), a download of text as a file, and a way to
//! give the event loop a turn between slices of long work. Nothing here is sent anywhere.
//!
//! The UI reaches this module as `browser::files`; natively it gets the stand-ins in
//! `src/ui/sanitize/mod.rs`, which must keep the same signatures.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlInputElement};

/// A file the user dropped or picked (not read yet).
#[derive(Clone, Debug)]
pub struct FileHandle(File);

impl FileHandle {
    /// Its name, as the user's system gave it.
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.0.size().max(0.0) as u64
    }
}

/// Why a file could not be read as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not UTF-8 text (a binary file, or another encoding such as UTF-16).
    NotText,
    /// The browser could not read it (removed, no permission).
    Unreadable,
}

/// Whether a drag carries files (so the page, not the browser, should take the drop).
pub fn drags_files(ev: &DragEvent) -> bool {
    ev.data_transfer()
        .map(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

/// The first file of a drop, if it carries one.
pub fn dropped_file(ev: &DragEvent) -> Option<FileHandle> {
    ev.data_transfer()?.files()?.get(0).map(FileHandle)
}

/// The file picked in an `<input type="file">` (from its `change` event). Clears the input, so
/// picking the same file again fires `change` again.
pub fn picked_file(ev: &web_sys::Event) -> Option<FileHandle> {
    let input: HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0).map(FileHandle);
    input.set_value("");
    file
}

/// Reads a whole file as UTF-8 text. A file with a NUL byte or invalid UTF-8 is
/// [`ReadError::NotText`].
pub async fn read_text(file: &FileHandle) -> Result<String, ReadError> {
    let buffer = JsFuture::from(file.0.array_buffer())
        .await
        .map_err(|_| ReadError::Unreadable)?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    if bytes.contains(&0) {
        return Err(ReadError::NotText);
    }
    String::from_utf8(bytes).map_err(|_| ReadError::NotText)
}

/// Offers `text` as a download named `name` (a `blob:` URL of this page; nothing is sent).
/// Returns whether the download was started. One implementation serves every panel:
/// [`super::download::save_text`].
pub fn download_text(name: &str, mime: &str, text: &str) -> bool {
    super::download::save_text(name, mime, text)
}

/// Resolves on a later turn of the event loop, after the browser has had a chance to handle
/// input and paint (a `MessageChannel` message: unlike a chain of `setTimeout(0)`, never
/// clamped to 4 ms).
pub async fn next_turn() {
    let promise = Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let port = channel.port1();
        let again = resolve.clone();
        let on_message = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        port.set_onmessage(Some(on_message.unchecked_ref()));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            port.set_onmessage(None);
            let _ = again.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves once the browser has painted what changed (the next animation frame, or after
/// 100 ms where frames don't come, as in a background tab), then one turn later: progress set
/// right before a long call is on screen while the call runs.
pub async fn after_paint() {
    let promise = Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let framed = window.request_animation_frame(&resolve).is_ok();
        let timed = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100)
            .is_ok();
        if !framed && !timed {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
    next_turn().await;
}
