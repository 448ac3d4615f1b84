//! Panel 2, "Sanitize a request and check the key": a request pasted, dropped or picked as a
//! file (curl, raw HTTP, headers, JSON, code, `.env`, HAR), parsed and shown with every secret
//! redacted; the sanitized copy to copy or download; what was redacted; and the key lint with
//! the base-URL lint, on a key that lives in memory only ([`Session::key`]).
//!
//! Typing stays smooth like in the Diagnose panel: a paste, a drop or a file is analysed at
//! once, typed text on the next turn while analyses are fast (under [`FAST_MS`]) and after a
//! pause in typing ([`DEBOUNCE`]) once they are not. A large HAR (over [`CHUNK_ABOVE`]) is
//! redacted a slice of entries at a time ([`work::HarJob`]), giving the event loop a turn
//! between slices, with a progress bar and a Cancel button; other large inputs are analysed in
//! one call after the progress state has painted. Inputs over [`MAX_BYTES`] are refused and
//! nothing typed is lost. Everything is rendered as text.

mod text;
mod work;

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::shared::Session;
use super::text::{clip, tenths};
use super::WidgetConfig;
use crate::domain::baseurl::lint_base_url_in;
use crate::domain::keylint::lint_key_in;
use crate::domain::locale::Locale;
use crate::domain::redact::Redaction;
use crate::domain::request::{detect_kind, InputKind, Request};
use text::{key_place, kind_id, kind_label, mark_label, problem_text, reveal, size_label};
use work::{analyse, Analysis, HarJob, HarWalker, Walk};

#[cfg(target_arch = "wasm32")]
use crate::browser::files;

/// Native stand-ins for `browser::files` (clippy and `cargo test` build the panel natively;
/// it only runs in a browser). Same signatures.
#[cfg(not(target_arch = "wasm32"))]
mod files {
    use leptos::ev::{DragEvent, Event};

    /// Stand-in: no file.
    #[derive(Clone, Debug)]
    pub struct FileHandle;

    impl FileHandle {
        pub fn name(&self) -> String {
            String::new()
        }
        pub fn size(&self) -> u64 {
            0
        }
    }

    /// Same as `browser::files::ReadError` (never made natively).
    #[allow(dead_code)]
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ReadError {
        NotText,
        Unreadable,
    }

    /// Stand-in: no files.
    pub fn drags_files(_ev: &DragEvent) -> bool {
        false
    }

    /// Stand-in: no file.
    pub fn dropped_file(_ev: &DragEvent) -> Option<FileHandle> {
        None
    }

    /// Stand-in: no file.
    pub fn picked_file(_ev: &Event) -> Option<FileHandle> {
        None
    }

    /// Stand-in: nothing read.
    pub async fn read_text(_file: &FileHandle) -> Result<String, ReadError> {
        Err(ReadError::Unreadable)
    }

    /// Stand-in: nothing downloaded.
    pub fn download_text(_name: &str, _mime: &str, _text: &str) -> bool {
        false
    }

    /// Stand-in: returns at once.
    pub async fn next_turn() {}

    /// Stand-in: returns at once.
    pub async fn after_paint() {}
}

/// An analysis faster than this (ms) runs after every keystroke.
const FAST_MS: f64 = 4.0;
/// Otherwise, how long typing must pause before the text is analysed.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// A HAR larger than this (bytes) is redacted in slices, giving the page a turn between them.
const CHUNK_ABOVE: usize = 512 * 1024;
/// About how many bytes of entries one piece of a split HAR holds.
const BATCH_BYTES: usize = 192 * 1024;
/// How many bytes of a large HAR are walked in one go while looking for its entries.
const WALK_BYTES: usize = 4 * 1000 * 1000;
/// Pieces are redacted back to back until a slice has taken this long (ms).
const SLICE_MS: f64 = 40.0;
/// Larger inputs are refused (bytes).
const MAX_BYTES: usize = 100 * 1000 * 1000;
/// Text that is not a HAR is analysed in one call, which holds the page: larger text is
/// refused (bytes): half a second of work for a log with a key on every line, on a slow machine.
const MAX_ONE_GO: usize = 1000 * 1000;
/// A file larger than this is not put into the text area (typing there would lag); it is held
/// in memory and named above the text area instead.
const SHOW_FILE_ABOVE: usize = 1_000_000;
/// The sanitized copy's text area shows at most this much; copy and download give it all.
const PREVIEW_BYTES: usize = 1_000_000;
/// The list of redactions shows at most this many rows (a large HAR has thousands).
const MAX_REDACTION_ROWS: usize = 100;
/// A body is shown up to this many characters.
const BODY_CHARS: usize = 4000;
/// Header names offered for the key (any name can be typed).
const KEY_HEADERS: &[&str] = &["Authorization", "x-api-key", "api-key", "x-goog-api-key"];

/// Where the panel is with the current input; `data-state` of the sanitized copy.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Status {
    /// Nothing to analyse.
    Idle,
    /// Typed text waits for the debounce.
    Pending,
    /// A file is being read.
    Reading,
    /// A large input is being worked on: pieces done, pieces in all.
    Working(usize, usize),
    /// The result is for the current input.
    Done,
    /// The input was refused (too large); the sentence says why.
    Refused(String),
    /// The user cancelled a long run.
    Cancelled,
}

impl Status {
    fn id(&self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Pending => "pending",
            Status::Reading => "reading",
            Status::Working(..) => "working",
            Status::Done => "done",
            Status::Refused(_) => "refused",
            Status::Cancelled => "cancelled",
        }
    }

    fn busy(&self) -> bool {
        matches!(
            self,
            Status::Pending | Status::Reading | Status::Working(..)
        )
    }
}

/// An analysis with its timing (ms): wall time from start to result, and the longest stretch
/// the main thread was held in one go.
#[derive(Debug, PartialEq)]
struct Timed {
    analysis: Analysis,
    elapsed_ms: f64,
    longest_ms: f64,
    input_bytes: usize,
}

/// A file loaded into the panel: its name and size (bytes), and whether its text is in the
/// text area or only held in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LoadedFile {
    name: String,
    size: u64,
    in_area: bool,
}

/// The Sanitize panel. Reads [`Session`] from context: the raw request goes to
/// `Session::request_text`, the key to `Session::key`, the base URL is `Session::base_url`.
#[component]
pub fn SanitizePanel() -> impl IntoView {
    let session = Session::expect();
    let l = WidgetConfig::expect().locale;
    let size = move |bytes: usize| size_label(bytes as u64, l);
    let keep_prompts = RwSignal::new(false);
    let status = RwSignal::new(Status::Idle);
    let result: RwSignal<Option<Arc<Timed>>> = RwSignal::new(None);
    let file = RwSignal::new(None::<LoadedFile>);
    let file_message = RwSignal::new(None::<String>);
    let downloaded = RwSignal::new(None::<bool>);
    let header = RwSignal::new(String::new());
    let revealed = RwSignal::new(false);
    // Bumped by every new input: a long run that sees another value stops.
    let generation = StoredValue::new(0u64);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let debounce = browser::Debounce::default();
    on_cleanup({
        let debounce = debounce.clone();
        move || {
            debounce.cancel();
            generation.update_value(|g| *g += 1);
        }
    });

    let publish = move |gen: u64, timed: Timed| {
        if generation.get_value() == gen {
            downloaded.set(None);
            result.set(Some(Arc::new(timed)));
            status.set(Status::Done);
        }
    };

    // Analyses `text` now: at once when small, in slices when a large HAR.
    let run = move |text: Arc<String>| {
        generation.update_value(|g| *g += 1);
        let gen = generation.get_value();
        let keep = keep_prompts.get_untracked();
        if text.len() > MAX_BYTES {
            result.set(None);
            let (len, max) = (size(text.len()), size(MAX_BYTES));
            status.set(Status::Refused(match l {
                Locale::En => format!(
                    "This input is {len}: above the {max} limit. Nothing was analysed; split it, \
                     or export a HAR of only the failing requests."
                ),
                Locale::ZhCn => format!(
                    "输入有 {len}，超过了 {max} 的上限。没有进行分析；请把它拆开，\
                     或只导出失败请求的 HAR。"
                ),
            }));
            return;
        }
        if text.trim().is_empty() {
            result.set(None);
            status.set(Status::Idle);
            return;
        }
        if text.len() <= CHUNK_ABOVE {
            let start = browser::now_ms();
            let analysis = analyse(&text, keep);
            let elapsed_ms = browser::now_ms() - start;
            publish(
                gen,
                Timed {
                    analysis,
                    elapsed_ms,
                    longest_ms: elapsed_ms,
                    input_bytes: text.len(),
                },
            );
            return;
        }
        status.set(Status::Working(0, 1));
        spawn_local(async move {
            let start = browser::now_ms();
            // Let the progress state paint before the first slice.
            files::after_paint().await;
            if generation.get_value() != gen {
                return;
            }
            // Find the entries a few megabytes at a time.
            let mut longest: f64 = 0.0;
            let split = if detect_kind(&text) == InputKind::Har {
                let mut walker = HarWalker::new(BATCH_BYTES);
                loop {
                    let t = browser::now_ms();
                    let walk = walker.walk(&text, WALK_BYTES);
                    longest = longest.max(browser::now_ms() - t);
                    match walk {
                        Walk::More => {}
                        Walk::Done(split) => break Some(split),
                        Walk::NotHar => break None,
                    }
                    files::next_turn().await;
                    if generation.get_value() != gen {
                        return;
                    }
                }
            } else {
                None
            };
            let Some(split) = split else {
                if text.len() > MAX_ONE_GO {
                    result.set(None);
                    let (len, max) = (size(text.len()), size(MAX_ONE_GO));
                    status.set(Status::Refused(match l {
                        Locale::En => format!(
                            "This input is {len} and not a HAR: text other than a HAR is \
                             sanitized in one piece, up to {max}, so that the page stays \
                             responsive. Nothing was analysed; what you entered is kept. Paste \
                             only the request, or export the failing requests as a HAR."
                        ),
                        Locale::ZhCn => format!(
                            "输入有 {len}，而且不是 HAR：HAR 以外的文本要一次性脱敏，\
                             最多 {max}，以免页面卡住。没有进行分析；你输入的内容保持不变。\
                             请只粘贴请求本身，或把失败的请求导出为 HAR。"
                        ),
                    }));
                    return;
                }
                let t = browser::now_ms();
                let analysis = analyse(&text, keep);
                let now = browser::now_ms();
                publish(
                    gen,
                    Timed {
                        analysis,
                        elapsed_ms: now - start,
                        longest_ms: longest.max(now - t),
                        input_bytes: text.len(),
                    },
                );
                return;
            };
            let mut job = HarJob::new(split, text.len(), keep);
            while !job.done() {
                let t = browser::now_ms();
                loop {
                    job.step(&text);
                    if job.done() || browser::now_ms() - t > SLICE_MS {
                        break;
                    }
                }
                longest = longest.max(browser::now_ms() - t);
                let (done, all) = job.progress();
                status.set(Status::Working(done, all));
                files::next_turn().await;
                if generation.get_value() != gen {
                    return;
                }
            }
            let t = browser::now_ms();
            let analysis = job.finish();
            let now = browser::now_ms();
            publish(
                gen,
                Timed {
                    analysis,
                    elapsed_ms: now - start,
                    longest_ms: longest.max(now - t),
                    input_bytes: text.len(),
                },
            );
        });
    };

    let cancel = move |_| {
        generation.update_value(|g| *g += 1);
        status.set(Status::Cancelled);
    };

    let on_input = {
        let debounce = debounce.clone();
        move |ev: leptos::ev::Event| {
            let text = Arc::new(event_target_value(&ev));
            file.set(None);
            file_message.set(None);
            session.request_text.set(text.to_string());
            if browser::is_paste_or_drop(&ev) {
                debounce.cancel();
                run(text);
            } else {
                let last_ms = result.with_untracked(|r| r.as_ref().map_or(0.0, |t| t.elapsed_ms));
                let delay = if last_ms < FAST_MS {
                    Duration::ZERO
                } else {
                    DEBOUNCE
                };
                generation.update_value(|g| *g += 1);
                status.set(Status::Pending);
                debounce.schedule(delay, move || run(text));
            }
        }
    };

    // A paste too large for the text area is held in memory, like a large file.
    let on_paste = {
        let debounce = debounce.clone();
        move |ev: leptos::ev::ClipboardEvent| {
            let Some(el) = area.get_untracked() else {
                return;
            };
            if let Some(text) = browser::take_large_paste(&ev, &el, SHOW_FILE_ABOVE) {
                debounce.cancel();
                browser::replace_text(&el, "", false);
                file.set(Some(LoadedFile {
                    name: String::new(),
                    size: text.len() as u64,
                    in_area: false,
                }));
                file_message.set(None);
                session.request_text.set(text.clone());
                run(Arc::new(text));
            }
        }
    };

    // Reads a dropped or picked file; what was in the text area stays when it can't be used.
    let load = {
        let debounce = debounce.clone();
        move |f: files::FileHandle| {
            let (name, size) = (f.name(), f.size());
            let kept = l.pick(
                "Nothing was loaded; what was here is kept.",
                "没有加载；原有内容保持不变。",
            );
            if size > MAX_BYTES as u64 {
                let (len, max) = (size_label(size, l), size_label(MAX_BYTES as u64, l));
                file_message.set(Some(match l {
                    Locale::En => format!("{name} is {len}: above the {max} limit. {kept}"),
                    Locale::ZhCn => format!("{name} 有 {len}，超过了 {max} 的上限。{kept}"),
                }));
                return;
            }
            debounce.cancel();
            let before = status.get_untracked();
            status.set(Status::Reading);
            file_message.set(None);
            spawn_local(async move {
                match files::read_text(&f).await {
                    Ok(text) => {
                        let in_area = text.len() <= SHOW_FILE_ABOVE;
                        if let Some(el) = area.get_untracked() {
                            browser::replace_text(&el, if in_area { &text } else { "" }, false);
                        }
                        file.set(Some(LoadedFile {
                            name,
                            size,
                            in_area,
                        }));
                        session.request_text.set(text.clone());
                        run(Arc::new(text));
                    }
                    Err(e) => {
                        status.set(before);
                        let len = size_label(size, l);
                        file_message.set(Some(match (e, l) {
                            (files::ReadError::NotText, Locale::En) => format!(
                                "{name} ({len}) is not UTF-8 text: a binary file, or another \
                                 encoding (save it as UTF-8). {kept}"
                            ),
                            (files::ReadError::NotText, Locale::ZhCn) => format!(
                                "{name}（{len}）不是 UTF-8 文本：是二进制文件，或用了其他编码\
                                 （请另存为 UTF-8）。{kept}"
                            ),
                            (files::ReadError::Unreadable, Locale::En) => {
                                format!("{name} could not be read. {kept}")
                            }
                            (files::ReadError::Unreadable, Locale::ZhCn) => {
                                format!("无法读取 {name}。{kept}")
                            }
                        }));
                    }
                }
            });
        }
    };

    let on_dragover = move |ev: leptos::ev::DragEvent| {
        if files::drags_files(&ev) {
            browser::prevent_default(&ev);
        }
    };
    let on_drop = {
        let load = load.clone();
        move |ev: leptos::ev::DragEvent| {
            if let Some(f) = files::dropped_file(&ev) {
                browser::prevent_default(&ev);
                load(f);
            }
        }
    };
    let on_pick = {
        let load = load.clone();
        move |ev: leptos::ev::Event| {
            if let Some(f) = files::picked_file(&ev) {
                load(f);
            }
        }
    };

    let on_keep = move |ev: leptos::ev::Event| {
        keep_prompts.set(event_target_checked(&ev));
        let text = session.request_text.get_untracked();
        if !text.is_empty() && !matches!(status.get_untracked(), Status::Refused(_)) {
            run(Arc::new(text));
        }
    };

    let clear = {
        let debounce = debounce.clone();
        move |_| {
            debounce.cancel();
            generation.update_value(|g| *g += 1);
            if let Some(el) = area.get_untracked() {
                browser::replace_text(&el, "", true);
            }
            file.set(None);
            file_message.set(None);
            session.request_text.set(String::new());
            result.set(None);
            status.set(Status::Idle);
        }
    };

    let copy = Action::new_local(|text: &Arc<Timed>| {
        let t = Arc::clone(text);
        async move { browser::copy_text(&t.analysis.redacted.text).await }
    });
    let on_copy = move |_| {
        if let Some(t) = result.get_untracked() {
            downloaded.set(None);
            copy.dispatch_local(t);
        }
    };
    let on_download = move |_| {
        if let Some(t) = result.get_untracked() {
            let har = t.analysis.parsed.kind == InputKind::Har;
            let base = file
                .with_untracked(|f| {
                    f.as_ref()
                        .filter(|f| !f.name.is_empty())
                        .map(|f| stem(&f.name))
                })
                .unwrap_or_else(|| "request".to_owned());
            let (name, mime) = if har {
                (format!("{base}.sanitized.har"), "application/json")
            } else {
                (format!("{base}.sanitized.txt"), "text/plain")
            };
            copy.value().set(None);
            downloaded.set(Some(files::download_text(
                &name,
                mime,
                &t.analysis.redacted.text,
            )));
        }
    };
    let export_line = move || match (copy.value().get(), downloaded.get()) {
        (_, Some(true)) => l.pick("Download started.", "已开始下载。"),
        (_, Some(false)) => l.pick(
            "Couldn't start a download in this browser.",
            "无法在这个浏览器中开始下载。",
        ),
        (Some(true), None) => l.pick(
            "Sanitized copy copied to the clipboard.",
            "脱敏副本已复制到剪贴板。",
        ),
        (Some(false), None) => l.pick(
            "Couldn't copy here: select the text and copy it by hand.",
            "这里无法复制：请选中文本手动复制。",
        ),
        (None, None) if copy.pending().get() => l.pick("Copying…", "正在复制…"),
        (None, None) => "",
    };

    // Key lint and base-URL lint follow the key, the header and the shared base URL.
    let key_findings = Memo::new(move |_| {
        session.key.with(|key| {
            if key.is_empty() {
                return Vec::new();
            }
            let h = header.get();
            let h = h.trim();
            let base = session.base_url.get();
            lint_key_in(
                key,
                (!h.is_empty()).then_some(h),
                (!base.trim().is_empty()).then_some(base.as_str()),
                l,
            )
        })
    });
    let url_findings = Memo::new(move |_| {
        session.base_url.with(|base| {
            if base.trim().is_empty() {
                return Vec::new();
            }
            session
                .key
                .with(|k| lint_base_url_in(base, (!k.trim().is_empty()).then_some(k), l))
        })
    });

    // "Check this key": the key found in the request goes to the key field, never on screen.
    let take_key = move |_| {
        let Some(t) = result.get_untracked() else {
            return;
        };
        let Some(k) = t.analysis.found_key.as_ref() else {
            return;
        };
        session.key.set(k.value.clone());
        header.set(k.header.clone().unwrap_or_default());
        if session.base_url.with_untracked(|b| b.trim().is_empty()) {
            if let Some(b) = t.analysis.parsed.request.base_url.as_deref() {
                if !b.contains('…') && !b.contains("[REDACTED") {
                    session.base_url.set(b.to_owned());
                }
            }
        }
    };

    let header_options = KEY_HEADERS
        .iter()
        .map(|h| view! { <option value=*h></option> })
        .collect_view();

    let progress_view = move || {
        let (done, all) = match status.get() {
            Status::Working(d, a) => (d, a),
            Status::Reading => (0, 1),
            _ => return None,
        };
        let label = if status.with(|s| *s == Status::Reading) {
            l.pick("Reading the file…", "正在读取文件…").to_owned()
        } else {
            match l {
                Locale::En => format!("Sanitizing… part {done} of {all}"),
                Locale::ZhCn => format!("正在脱敏…第 {done}/{all} 部分"),
            }
        };
        Some(view! {
            <div class="kd-sz-progress" data-testid="sanitize-progress">
                <progress max=all.to_string() value=done.to_string()></progress>
                <span>{label}</span>
                <button
                    type="button"
                    class="kd-button kd-button-quiet"
                    data-testid="sanitize-cancel"
                    on:click=cancel
                >
                    {l.pick("Cancel", "取消")}
                </button>
            </div>
        })
    };

    let status_line = move || {
        match status.get() {
        Status::Refused(why) => {
            Some(view! { <p class="kd-sz-problem" role="alert">{why}</p> }.into_any())
        }
        Status::Cancelled => Some(
            view! {
                <p class="kd-note">
                    {l.pick(
                        "Cancelled. Nothing was lost: change the input or tick an option to run again.",
                        "已取消。没有丢失任何内容：修改输入或勾选选项即可重新运行。",
                    )}
                </p>
            }
            .into_any(),
        ),
        _ => None,
    }
    };

    view! {
        <div class="kd-sanitize">
            <div class="kd-sz-input">
                <label class="kd-label" for="kd-request-input">
                    {l.pick("Paste the request", "粘贴请求")}
                </label>
                <p class="kd-hint" id="kd-request-hint">
                    {l.pick(
                        "A curl command, a raw HTTP request, headers, request JSON, a Python or Node snippet, a .env file or a HAR file: paste it, drop a file here, or pick one. It is sanitized in this page and never sent anywhere.",
                        "curl 命令、原始 HTTP 请求、请求头、请求 JSON、Python 或 Node 代码片段、.env 文件或 HAR 文件：粘贴进来、拖到这里，或选择一个文件。它只在本页内脱敏，不会发送到任何地方。",
                    )}
                </p>
                {move || {
                    file.get()
                        .map(|f| {
                            let note = if f.in_area {
                                ""
                            } else {
                                l.pick(
                                    " Too large to edit here: it is held in this page's memory. Typing here replaces it.",
                                    "文件太大，无法在这里编辑：它保存在本页内存中。在这里输入会替换它。",
                                )
                            };
                            // A large paste held in memory has no name.
                            let what = if f.name.is_empty() {
                                l.pick("Pasted text", "粘贴的文本")
                            } else {
                                l.pick("File: ", "文件：")
                            };
                            view! {
                                <p class="kd-sz-file" data-testid="request-file">
                                    {what} <span class="kd-code">{f.name.clone()}</span>
                                    {l.pick(" (", "（")} {size_label(f.size, l)} {l.pick(").", "）。")} {note}
                                </p>
                            }
                        })
                }}
                {move || {
                    file_message
                        .get()
                        .map(|m| {
                            view! {
                                <p class="kd-sz-problem" role="alert" data-testid="request-file-problem">
                                    {m}
                                </p>
                            }
                        })
                }}
                <textarea
                    id="kd-request-input"
                    class="kd-textarea"
                    data-testid="request-input"
                    node_ref=area
                    rows="10"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    aria-describedby="kd-request-hint"
                    placeholder="curl https://api.openai.com/v1/chat/completions -H \"Authorization: Bearer sk-…\" -d '{\"model\": \"gpt-4o\", …}'"
                    on:input=on_input
                    on:paste=on_paste
                    on:dragover=on_dragover
                    on:drop=on_drop
                ></textarea>
                <div class="kd-row kd-sz-controls">
                    <label class="kd-button kd-button-quiet kd-sz-pick">
                        {l.pick("Open a file…", "打开文件…")}
                        <input
                            type="file"
                            class="kd-visually-hidden"
                            data-testid="request-file-input"
                            accept=".har,.json,.txt,.log,.env,.sh,.py,.js,.ts,.http,text/*,application/json"
                            on:change=on_pick
                        />
                    </label>
                    <button type="button" class="kd-button kd-button-quiet" on:click=clear>
                        {l.pick("Clear", "清空")}
                    </button>
                    <label class="kd-sz-keep">
                        <input
                            type="checkbox"
                            data-testid="keep-prompts"
                            prop:checked=move || keep_prompts.get()
                            on:change=on_keep
                        />
                        {l.pick(
                            " Keep prompt contents (off: each prompt is replaced by its length)",
                            " 保留提示词内容（关闭时每条提示词会被替换为它的长度）",
                        )}
                    </label>
                </div>
                {progress_view}
                {status_line}
            </div>

            <section
                class="kd-sz-result"
                data-testid="sanitize-result"
                data-state=move || status.with(Status::id)
                aria-busy=move || if status.with(Status::busy) { "true" } else { "false" }
                aria-labelledby="kd-sz-heading"
            >
                <h2 class="kd-h3" id="kd-sz-heading">
                    {l.pick("Sanitized request", "脱敏后的请求")}
                </h2>
                <p class="kd-visually-hidden" role="status" data-testid="sanitize-announce">
                    {move || {
                        if status.get() != Status::Done {
                            return String::new();
                        }
                        result
                            .with(|r| {
                                r.as_ref()
                                    .map(|t| {
                                        match (t.analysis.redacted.redactions.iter().map(|r| r.count).sum::<usize>(), l) {
                                            (0, _) => l.pick("Sanitized: no secret found.", "脱敏完成：没有发现机密信息。").to_owned(),
                                            (1, Locale::En) => "Sanitized: 1 secret redacted.".to_owned(),
                                            (n, Locale::En) => format!("Sanitized: {n} secrets redacted."),
                                            (n, Locale::ZhCn) => format!("脱敏完成：替换了 {n} 处机密信息。"),
                                        }
                                    })
                                    .unwrap_or_default()
                            })
                    }}
                </p>
                {move || {
                    result
                        .get()
                        .map(|t| {
                            view! { <ParsedView l=l timed=Arc::clone(&t) on_take_key=Callback::new(take_key) /> }
                        })
                }}
                <label class="kd-label" for="kd-sanitized">
                    {l.pick("Safe to share: every secret replaced", "可以放心分享：所有机密信息均已替换")}
                </label>
                <textarea
                    id="kd-sanitized"
                    class="kd-textarea kd-sz-output"
                    data-testid="sanitized-request"
                    readonly
                    rows="12"
                    spellcheck="false"
                    data-elapsed-ms=move || {
                        result.with(|r| r.as_ref().map(|t| tenths(t.elapsed_ms)).unwrap_or_default())
                    }
                    data-longest-ms=move || {
                        result.with(|r| r.as_ref().map(|t| tenths(t.longest_ms)).unwrap_or_default())
                    }
                    prop:value=move || {
                        result
                            .with(|r| {
                                r.as_ref()
                                    .map(|t| preview(&t.analysis.redacted.text).to_owned())
                                    .unwrap_or_default()
                            })
                    }
                ></textarea>
                {move || {
                    result
                        .with(|r| {
                            r.as_ref()
                                .filter(|t| t.analysis.redacted.text.len() > PREVIEW_BYTES)
                                .map(|t| {
                                    view! {
                                        <p class="kd-note" data-testid="sanitized-preview-note">
                                            {
                                                let (shown, all) = (size(PREVIEW_BYTES), size(t.analysis.redacted.text.len()));
                                                match l {
                                                    Locale::En => format!("Showing the first {shown} of {all}: copy or download for all of it."),
                                                    Locale::ZhCn => format!("只显示了 {all} 中的前 {shown}：复制或下载可以得到全部内容。"),
                                                }
                                            }
                                        </p>
                                    }
                                })
                        })
                }}
                <div class="kd-row kd-copy">
                    <button
                        type="button"
                        class="kd-button"
                        data-testid="sanitized-copy"
                        disabled=move || result.with(Option::is_none)
                        on:click=on_copy
                    >
                        {l.pick("Copy sanitized copy", "复制脱敏副本")}
                    </button>
                    <button
                        type="button"
                        class="kd-button kd-button-quiet"
                        data-testid="sanitized-download"
                        disabled=move || result.with(Option::is_none)
                        on:click=on_download
                    >
                        {move || {
                            if result.with(|r| r.as_ref().is_some_and(|t| t.analysis.parsed.kind == InputKind::Har)) {
                                l.pick("Download sanitized .har", "下载脱敏后的 .har")
                            } else {
                                l.pick("Download as a file", "下载为文件")
                            }
                        }}
                    </button>
                </div>
                <p class="kd-copy-status" role="status">
                    {export_line}
                </p>
                {move || result.get().map(|t| view! { <RedactionList l=l redactions=t.analysis.redacted.redactions.clone() /> })}
            </section>

            <section class="kd-sz-key" aria-labelledby="kd-sz-key-heading">
                <h2 class="kd-h3" id="kd-sz-key-heading">
                    {l.pick("Check the key", "检查密钥")}
                </h2>
                <p class="kd-hint">
                    {l.pick(
                        "The key is kept in this page's memory only: never stored, logged or sent by this panel.",
                        "密钥只保存在本页内存中：这个面板不会存储、记录或发送它。",
                    )}
                </p>
                <div class="kd-sz-grid">
                    <label class="kd-label" for="kd-sz-key">
                        {l.pick("Key or header value", "密钥或请求头的值")}
                    </label>
                    <div class="kd-sz-keyrow">
                        <input
                            id="kd-sz-key"
                            class="kd-input"
                            type="password"
                            data-testid="key-input"
                            autocomplete="off"
                            spellcheck="false"
                            placeholder=l.pick("sk-… or Bearer sk-…", "sk-… 或 Bearer sk-…")
                            prop:value=move || session.key.get()
                            on:input=move |ev| session.key.set(event_target_value(&ev))
                        />
                        <button
                            type="button"
                            class="kd-button kd-button-quiet"
                            data-testid="key-reveal-toggle"
                            aria-pressed=move || if revealed.get() { "true" } else { "false" }
                            aria-controls="kd-sz-reveal"
                            on:click=move |_| revealed.update(|r| *r = !*r)
                        >
                            {l.pick("Show hidden characters", "显示隐藏字符")}
                        </button>
                    </div>
                    <label class="kd-label" for="kd-sz-header">
                        {l.pick("Sent in header", "所在请求头")}
                    </label>
                    <input
                        id="kd-sz-header"
                        class="kd-input"
                        data-testid="key-header"
                        list="kd-sz-headers"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder=l.pick("Authorization (empty: just the key)", "Authorization（留空：只有密钥）")
                        prop:value=move || header.get()
                        on:input=move |ev| header.set(event_target_value(&ev))
                    />
                    <datalist id="kd-sz-headers">{header_options}</datalist>
                    <label class="kd-label" for="kd-sz-base">
                        {l.pick("API base URL", "API Base URL")}
                    </label>
                    <input
                        id="kd-sz-base"
                        class="kd-input"
                        type="url"
                        data-testid="sanitize-base-url-input"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder=l.pick(
                            "https://api.openai.com/v1 (shared with the connection check)",
                            "https://api.openai.com/v1（与连接检查共用）",
                        )
                        prop:value=move || session.base_url.get()
                        on:input=move |ev| session.base_url.set(event_target_value(&ev))
                    />
                </div>
                <p class="kd-sz-reveal" id="kd-sz-reveal" data-testid="key-reveal" hidden=move || !revealed.get()>
                    {move || {
                        if !revealed.get() {
                            return Vec::new();
                        }
                        session
                            .key
                            .with(|k| {
                                reveal(k)
                                    .into_iter()
                                    .map(|p| match p.mark {
                                        Some(name) => {
                                            view! {
                                                <span class="kd-sz-mark" title=mark_label(name, l) data-mark=name>
                                                    {p.text}
                                                </span>
                                            }
                                                .into_any()
                                        }
                                        None => view! { <span>{p.text}</span> }.into_any(),
                                    })
                                    .collect::<Vec<_>>()
                            })
                    }}
                </p>
                <ul class="kd-sz-findings" data-testid="key-findings" aria-label=l.pick("Key findings", "密钥检查结果")>
                    {move || {
                        key_findings
                            .get()
                            .into_iter()
                            .map(|f| (f.id, f.sentence, f.fix, f.detail))
                            .map(finding_view)
                            .collect_view()
                    }}
                </ul>
                <ul
                    class="kd-sz-findings"
                    data-testid="base-url-findings"
                    aria-label=l.pick("Base URL findings", "Base URL 检查结果")
                >
                    {move || {
                        url_findings
                            .get()
                            .into_iter()
                            .map(|f| {
                                let try_it = l.pick("Try: ", "试试：");
                                let detail = match (f.detail, f.suggestion) {
                                    (Some(d), Some(s)) => {
                                        Some(format!("{d}{}{try_it}{s}", l.pick(" ", "")))
                                    }
                                    (None, Some(s)) => Some(format!("{try_it}{s}")),
                                    (d, None) => d,
                                };
                                (f.id, f.sentence, f.fix, detail)
                            })
                            .map(finding_view)
                            .collect_view()
                    }}
                </ul>
            </section>
        </div>
    }
}

/// One finding of the key lint or the base-URL lint: (id, sentence, fix, detail), shown as a
/// list item with `data-finding` set to its id.
fn finding_view(
    (id, sentence, fix, detail): (&'static str, &'static str, &'static str, Option<String>),
) -> impl IntoView {
    let ok = id == "ok";
    view! {
        <li class="kd-sz-finding" class:kd-sz-ok=ok data-finding=id>
            <span class="kd-badge">{id}</span>
            " "
            <span class="kd-sz-sentence">{sentence}</span>
            {detail.map(|d| view! { " " <span class="kd-sz-detail">{d}</span> })}
            {(!ok).then(|| view! { <span class="kd-sz-fix">{fix}</span> })}
        </li>
    }
}

/// The parsed request: kind, method, URL, headers (values redacted), model and key
/// parameters, body, problems, and the key found.
#[component]
fn ParsedView(
    /// The widget's language.
    l: Locale,
    /// The analysis to show (everything in it is sanitized but the found key, never shown).
    timed: Arc<Timed>,
    /// Called when "Check this key" is pressed.
    on_take_key: Callback<()>,
) -> impl IntoView {
    let a = &timed.analysis;
    let p = &a.parsed;
    let r = &p.request;
    let kind = p.kind;
    let har_line = (kind == InputKind::Har).then(|| {
        let failing = p
            .entries
            .iter()
            .filter(|e| e.status.is_none_or(|s| s == 0 || s >= 400))
            .count();
        let n = p.entries.len();
        match l {
            Locale::En => format!(
                "{n} entries, {failing} failing; the first failing one (or the first) is shown."
            ),
            Locale::ZhCn => format!(
                "共 {n} 条记录，{failing} 条失败；下面显示第一条失败的记录（没有则显示第一条）。"
            ),
        }
    });
    let headers: Vec<(String, String)> = r
        .headers
        .iter()
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect();
    let params: Vec<(String, String)> = r
        .model
        .iter()
        .map(|m| ("model".to_owned(), m.clone()))
        .chain(r.params.iter().map(|p| (p.name.clone(), p.value.clone())))
        .collect();
    let params_view = (!params.is_empty()).then(|| {
        view! {
            <h3 class="kd-h3">{l.pick("Model and parameters", "模型和参数")}</h3>
            {kv_table(params, Some("request-params"))}
        }
    });
    let headers_view = (!headers.is_empty()).then(|| {
        view! {
            <h3 class="kd-h3">{l.pick("Headers (values redacted)", "请求头（值已脱敏）")}</h3>
            {kv_table(headers, Some("request-headers"))}
        }
    });
    let body_view = r.body.as_ref().map(|b| {
        view! {
            <h3 class="kd-h3">{l.pick("Body", "请求体")}</h3>
            <pre class="kd-sz-body" data-testid="request-body">{clip(b, BODY_CHARS)}</pre>
        }
    });
    let problems_view = (!p.problems.is_empty()).then(|| {
        let items = p
            .problems
            .iter()
            .map(|pr| view! { <li data-problem=pr.id>{problem_text(pr.id, &pr.detail, l)}</li> })
            .collect_view();
        view! { <ul class="kd-sz-problems" data-testid="request-problems">{items}</ul> }
    });
    let key_view = a.found_key.as_ref().map(|k| {
        let place = key_place(k.header.as_deref(), &k.source, l);
        let says = match l {
            Locale::En => format!("This request sends a key {place}: "),
            Locale::ZhCn => format!("这个请求{place}发送了密钥："),
        };
        let hint = r.key.as_ref().map(|k| k.value.clone()).unwrap_or_default();
        view! {
            <div class="kd-sz-found" data-testid="found-key">
                <p>
                    {says} <span class="kd-code">{hint}</span>
                </p>
                <button
                    type="button"
                    class="kd-button"
                    data-testid="check-found-key"
                    on:click=move |_| on_take_key.run(())
                >
                    {l.pick("Check this key", "检查这个密钥")}
                </button>
            </div>
        }
    });
    view! {
        <div class="kd-sz-parsed" data-testid="parsed-request" data-kind=kind_id(kind)>
            <p class="kd-sz-kind">
                {l.pick("Detected: ", "识别为：")}
                <span class="kd-badge" data-testid="input-kind">{kind_label(kind, l)}</span>
                " · " {size_label(timed.input_bytes as u64, l)}
            </p>
            {har_line.map(|l| view! { <p class="kd-note" data-testid="har-summary">{l}</p> })}
            {problems_view}
            {kv_table(request_rows(r, l), None)}
            {key_view}
            {params_view}
            {headers_view}
            {body_view}
        </div>
    }
}

/// A two-column table of (name, value) rows, all text.
fn kv_table(rows: Vec<(String, String)>, testid: Option<&'static str>) -> AnyView {
    let rows = rows
        .into_iter()
        .map(|(name, value)| {
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="kd-sz-value">{value}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="kd-facts" data-testid=testid>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// What was redacted: rule, placeholder, how many times.
#[component]
fn RedactionList(
    /// The widget's language.
    l: Locale,
    /// The redactions, as the engine listed them.
    redactions: Vec<Redaction>,
) -> impl IntoView {
    if redactions.is_empty() {
        return view! {
            <p class="kd-note" data-testid="redactions" data-count="0">
                {l.pick("No secret found.", "没有发现机密信息。")}
            </p>
        }
        .into_any();
    }
    let total: usize = redactions.iter().map(|r| r.count).sum();
    let more = redactions.len().saturating_sub(MAX_REDACTION_ROWS);
    let more_view = (more > 0).then(|| {
        view! {
            <p class="kd-note" data-testid="redactions-more">
                {match l {
                    Locale::En => format!(
                        "…and {more} more placeholders ({total} redactions in all). The sanitized copy has them all."
                    ),
                    Locale::ZhCn => format!(
                        "…还有 {more} 个占位符（共替换 {total} 处）。脱敏副本中包含全部替换。"
                    ),
                }}
            </p>
        }
    });
    let rows = redactions
        .into_iter()
        .take(MAX_REDACTION_ROWS)
        .map(|r| {
            let rule = r.rule.clone();
            view! {
                <tr data-rule=rule>
                    <td class="kd-code">{r.rule}</td>
                    <td class="kd-code">{r.placeholder}</td>
                    <td>{r.count.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3 class="kd-h3">{l.pick("What was redacted", "脱敏了哪些内容")}</h3>
        <table class="kd-facts kd-sz-redactions" data-testid="redactions" data-count=total.to_string()>
            <thead>
                <tr>
                    <th scope="col">{l.pick("Rule", "规则")}</th>
                    <th scope="col">{l.pick("Placeholder", "占位符")}</th>
                    <th scope="col">{l.pick("Times", "次数")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {more_view}
    }
    .into_any()
}

/// The (label, value) rows for a request's method, URL, base URL and status.
fn request_rows(r: &Request, l: Locale) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let Some(m) = &r.method {
        rows.push((l.pick("Method", "方法").to_owned(), m.clone()));
    }
    if let Some(u) = &r.url {
        rows.push(("URL".to_owned(), u.clone()));
    }
    if let Some(b) = &r.base_url {
        rows.push(("Base URL".to_owned(), b.clone()));
    }
    if let Some(s) = r.status {
        rows.push((
            l.pick("Response status", "响应状态码").to_owned(),
            s.to_string(),
        ));
    }
    rows
}

/// At most [`PREVIEW_BYTES`] of `s`, cut on a character boundary.
fn preview(s: &str) -> &str {
    if s.len() <= PREVIEW_BYTES {
        return s;
    }
    let mut end = PREVIEW_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A file name without its last extension (`trace.har` → `trace`).
fn stem(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s.to_owned(),
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_cuts_on_a_char_boundary() {
        let s = "é".repeat(PREVIEW_BYTES);
        let p = preview(&s);
        assert!(p.len() <= PREVIEW_BYTES && p.len() >= PREVIEW_BYTES - 1);
        assert_eq!(preview("abc"), "abc");
    }

    #[test]
    fn stems_and_clips() {
        assert_eq!(stem("trace.har"), "trace");
        assert_eq!(stem(".env"), ".env");
        assert_eq!(stem("x"), "x");
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(tenths(12.34), "12.3");
    }
}
