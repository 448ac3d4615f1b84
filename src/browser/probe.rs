//! The connection check's requests: `fetch` with an `AbortController` (a timeout on every
//! request, and [`Canceller::cancel`] for the user's Cancel), and Resource Timing for the
//! duration and, when the server sends `Timing-Allow-Origin`, the phases. Returns plain
//! [`Observation`]s; what they mean is decided in `domain::probe`.
//!
//! Every request: `credentials: "omit"`, `cache: "no-store"`, `referrerPolicy: "no-referrer"`.
//! Nothing here logs: request headers may carry the key.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use js_sys::{Object, Promise, Reflect};
use leptos::prelude::set_timeout_with_handle;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::probe::{
    HttpResponse, Mode, Observation, Phases, RequestSpec, Timing, MAX_BODY,
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch, catch)]
    fn js_fetch(url: &str, init: &Object) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_name = AbortController)]
    #[derive(Clone)]
    type JsAbortController;
    #[wasm_bindgen(constructor, js_class = "AbortController", catch)]
    fn new() -> Result<JsAbortController, JsValue>;
    #[wasm_bindgen(method, getter, js_class = "AbortController")]
    fn signal(this: &JsAbortController) -> JsValue;
    #[wasm_bindgen(method, js_class = "AbortController")]
    fn abort(this: &JsAbortController);

    #[wasm_bindgen(js_name = Response)]
    type JsResponse;
    #[wasm_bindgen(method, getter, js_class = "Response")]
    fn status(this: &JsResponse) -> u16;
    #[wasm_bindgen(method, getter, js_class = "Response", js_name = type)]
    fn response_type(this: &JsResponse) -> String;
    #[wasm_bindgen(method, getter, js_class = "Response")]
    fn headers(this: &JsResponse) -> JsValue;
    #[wasm_bindgen(method, js_class = "Response", catch)]
    fn text(this: &JsResponse) -> Result<Promise, JsValue>;
}

thread_local! {
    /// The request in flight: its run's id and its controller.
    static IN_FLIGHT: RefCell<Option<(u64, JsAbortController)>> = const { RefCell::new(None) };
}

static NEXT_RUN: AtomicU64 = AtomicU64::new(1);

/// Cancels one run's requests. Cheap to clone; `Send`, so it can live in a signal or a closure.
#[derive(Clone, Debug)]
pub struct Canceller {
    run: u64,
    cancelled: Arc<AtomicBool>,
}

impl Default for Canceller {
    fn default() -> Self {
        Canceller::new()
    }
}

impl Canceller {
    /// A handle for a new run.
    pub fn new() -> Canceller {
        Canceller {
            run: NEXT_RUN.fetch_add(1, Ordering::Relaxed),
            cancelled: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Aborts the run's request in flight; later [`send`]s return at once.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        IN_FLIGHT.with(|f| {
            if let Some((run, ctrl)) = f.borrow().as_ref() {
                if *run == self.run {
                    ctrl.abort();
                }
            }
        });
    }

    /// Whether [`Canceller::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

/// The page's origin (`http://127.0.0.1:8080`), empty when unknown.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn set(obj: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(name), value);
}

fn init_for(req: &RequestSpec, signal: &JsValue) -> Object {
    let init = Object::new();
    set(&init, "method", &req.method.as_str().into());
    let mode = match req.mode {
        Mode::Cors => "cors",
        Mode::NoCors => "no-cors",
    };
    set(&init, "mode", &mode.into());
    set(&init, "credentials", &"omit".into());
    set(&init, "cache", &"no-store".into());
    set(&init, "redirect", &"follow".into());
    set(&init, "referrerPolicy", &"no-referrer".into());
    set(&init, "signal", signal);
    if !req.headers.is_empty() {
        let headers = Object::new();
        for (n, v) in &req.headers {
            set(&headers, n, &JsValue::from_str(v));
        }
        set(&init, "headers", &headers);
    }
    if let Some(body) = &req.body {
        set(&init, "body", &JsValue::from_str(body));
    }
    init
}

/// Headers worth keeping for a diagnosis (as far as the server exposes them to pages).
fn keep_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "retry-after"
        || n.starts_with("x-ratelimit-")
        || n.starts_with("anthropic-ratelimit-")
        || n.ends_with("request-id")
}

fn read_headers(headers: &JsValue) -> (String, Vec<(String, String)>) {
    let mut content_type = String::new();
    let mut kept = Vec::new();
    if let Ok(Some(iter)) = js_sys::try_iter(headers) {
        for pair in iter.flatten() {
            let pair: js_sys::Array = pair.unchecked_into();
            let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string())
            else {
                continue;
            };
            if name.eq_ignore_ascii_case("content-type") {
                content_type = value;
            } else if keep_header(&name) {
                kept.push((name, value));
            }
        }
    }
    (content_type, kept)
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

fn now_ms() -> f64 {
    performance().map(|p| p.now()).unwrap_or(0.0)
}

fn num(entry: &JsValue, name: &str) -> f64 {
    Reflect::get(entry, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// The Resource Timing of the last `fetch` since the buffer was cleared: its duration, or, when
/// `Timing-Allow-Origin` lets the page see the phases (`requestStart` is 0 otherwise), their sum.
fn resource_timing() -> Option<Timing> {
    let entries = performance()?.get_entries_by_type("resource");
    let entry = entries.iter().rev().find(|e| {
        Reflect::get(e, &JsValue::from_str("initiatorType"))
            .ok()
            .and_then(|v| v.as_string())
            .is_some_and(|t| t == "fetch")
    })?;
    let duration = num(&entry, "duration");
    if duration <= 0.0 {
        return None;
    }
    let request_start = num(&entry, "requestStart");
    let phases = (request_start > 0.0).then(|| {
        let connect_end = num(&entry, "connectEnd");
        let secure = num(&entry, "secureConnectionStart");
        let response_start = num(&entry, "responseStart");
        Phases {
            dns_ms: (num(&entry, "domainLookupEnd") - num(&entry, "domainLookupStart")).max(0.0),
            connect_ms: (connect_end - num(&entry, "connectStart")).max(0.0),
            tls_ms: if secure > 0.0 {
                (connect_end - secure).max(0.0)
            } else {
                0.0
            },
            first_byte_ms: (response_start - request_start).max(0.0),
            download_ms: (num(&entry, "responseEnd") - response_start).max(0.0),
        }
    });
    // With phases, the network's share: DNS + connect + request sent to last byte. It leaves out
    // the browser's own queueing before the request (about 1 ms in Chromium), which curl's
    // `time_total` doesn't have either. Without them, the whole duration is all there is.
    let total_ms = match phases {
        Some(p) => p.dns_ms + p.connect_ms + p.first_byte_ms + p.download_ms,
        None => duration,
    };
    Some(Timing { total_ms, phases })
}

/// Waits for the next turn of the event loop (Resource Timing entries arrive a task later).
async fn next_task() {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits until the page has rendered what changed (the next animation frame, then one more
/// task), so the next request's timing doesn't include the page's own rendering work.
pub async fn after_render() {
    let frame = Promise::new(&mut |resolve, _| {
        let requested = web_sys::window().map(|w| w.request_animation_frame(&resolve).is_ok());
        if requested != Some(true) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(frame).await;
    next_task().await;
}

/// Keeps at most [`MAX_BODY`] bytes, cut at a character boundary.
fn bounded(mut s: String) -> String {
    if s.len() > MAX_BODY {
        let mut end = MAX_BODY;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// Makes one request and reports what the page could see of it. Never takes longer than the
/// request's timeout (body included); returns [`Observation::Cancelled`] once `canceller` is.
pub async fn send(req: &RequestSpec, canceller: &Canceller) -> Observation {
    if canceller.is_cancelled() {
        return Observation::Cancelled;
    }
    let Ok(ctrl) = JsAbortController::new() else {
        return Observation::NetworkError(Timing::default());
    };
    IN_FLIGHT.with(|f| *f.borrow_mut() = Some((canceller.run, ctrl.clone())));
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let ctrl = ctrl.clone();
        let timed_out = Rc::clone(&timed_out);
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                ctrl.abort();
            },
            Duration::from_millis(u64::from(req.timeout_ms)),
        )
        .ok()
    };
    if let Some(p) = performance() {
        p.clear_resource_timings();
    }
    let start = now_ms();
    let outcome = fetch_and_read(req, &ctrl).await;
    let elapsed = now_ms() - start;
    if let Some(t) = timer {
        t.clear();
    }
    IN_FLIGHT.with(|f| *f.borrow_mut() = None);
    let fallback = Timing {
        total_ms: elapsed,
        phases: None,
    };
    let timing = || async {
        if let Some(t) = resource_timing() {
            return t;
        }
        next_task().await;
        resource_timing().unwrap_or(fallback)
    };
    match outcome {
        _ if canceller.is_cancelled() => Observation::Cancelled,
        Err(()) if timed_out.get() => Observation::TimedOut(fallback),
        Err(()) => Observation::NetworkError(fallback),
        Ok(None) => Observation::Opaque(timing().await),
        Ok(Some((status, content_type, headers, body))) => Observation::Response(HttpResponse {
            status,
            content_type,
            headers,
            body,
            timing: timing().await,
        }),
    }
}

type Readable = (u16, String, Vec<(String, String)>, String);

/// `Ok(None)` for an opaque answer, `Ok(Some(..))` for a readable one, `Err` when the request
/// or its body failed (network error, CORS refusal, abort).
async fn fetch_and_read(
    req: &RequestSpec,
    ctrl: &JsAbortController,
) -> Result<Option<Readable>, ()> {
    let init = init_for(req, &ctrl.signal());
    let promise = js_fetch(&req.url, &init).map_err(|_| ())?;
    let resp: JsResponse = JsFuture::from(promise)
        .await
        .map_err(|_| ())?
        .unchecked_into();
    // Read the body in every case, so the request is complete (and timed) before we go on.
    let body = match resp.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .map_err(|_| ())?
            .as_string()
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if resp.response_type() == "opaque" {
        return Ok(None);
    }
    let (content_type, headers) = read_headers(&resp.headers());
    Ok(Some((resp.status(), content_type, headers, bounded(body))))
}
