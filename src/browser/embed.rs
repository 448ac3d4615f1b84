//! Mounting: every `<div data-keydoctor>` of the page (and every one added later) becomes one widget in its own open shadow
//! root, so the host page's CSS does not reach in and ours does not leak out. The stand-alone
//! page is the same thing: its body holds one such element (`data-keydoctor="page"`).
//!
//! This layer only collects what the domain needs (the element's `data-` attributes, the JSON
//! document named by `data-config`, the browser's languages, the `#error=` fragment) and hands
//! it to `domain::config::read`; every rule about settings lives there.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use js_sys::Array;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CssStyleSheet, Document, Element, HtmlElement, MutationObserver, MutationObserverInit,
    MutationRecord, ShadowRootInit, ShadowRootMode,
};

use crate::domain::config::{self, Problem, Source, Theme};
use crate::domain::locale::Locale;
use crate::domain::redact::{redact, RedactOptions};
use crate::ui::{App, WidgetConfig};

/// The widget's style sheet (style/*.css, joined and minified by build.rs).
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// How long a configuration URL may take before the widget starts without it.
const LOAD_TIMEOUT: Duration = Duration::from_secs(3);

/// The URL fragment that prefills the error panel: `#error=<url-encoded text>`.
const PREFILL: &str = "#error=";

/// Mounts a widget on every `[data-keydoctor]` element of the page (after the document is
/// parsed). Elements that already hold a shadow root are left alone.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.ready_state() == "loading" {
        let once = Closure::once_into_js(|| {
            mount_all();
            watch();
        });
        let _ = document.add_event_listener_with_callback("DOMContentLoaded", once.unchecked_ref());
    } else {
        mount_all();
        watch();
    }
}

/// Mounts widgets on `[data-keydoctor]` elements added later (a docs site that renders or
/// routes on the client). Only the page's own tree is watched, not the widgets' shadow trees.
fn watch() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let on_change = Closure::<dyn FnMut(Array)>::new(|records: Array| {
        let added = records.iter().any(|r| {
            let nodes = r.unchecked_into::<MutationRecord>().added_nodes();
            (0..nodes.length())
                .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
                .any(|e| {
                    e.has_attribute("data-keydoctor")
                        || e.query_selector("[data-keydoctor]")
                            .ok()
                            .flatten()
                            .is_some()
                })
        });
        if added {
            mount_all();
        }
    });
    let Ok(observer) = MutationObserver::new(on_change.as_ref().unchecked_ref()) else {
        return;
    };
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    if observer.observe_with_options(&root, &init).is_ok() {
        // Lives as long as the page.
        on_change.forget();
    }
}

fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(found) = document.query_selector_all("[data-keydoctor]") else {
        return;
    };
    let sheet = style_sheet();
    let mut prefill = take_prefill();
    for i in 0..found.length() {
        let Some(host) = found.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if host.shadow_root().is_some() {
            continue;
        }
        let attrs = data_attributes(&host);
        let source = host
            .get_attribute("data-config")
            .and_then(|v| Source::of(&v));
        let config = match &source {
            Some(Source::Url(url)) => {
                // Loaded asynchronously; the widget mounts when the document arrives, fails,
                // or takes longer than LOAD_TIMEOUT (then with its attributes alone).
                let (host, attrs, url, sheet) = (host.clone(), attrs, url.clone(), sheet.clone());
                // The attributes alone: what the timeout mounts, and (as far as they tell)
                // whether this widget shows the Diagnose panel, for the prefill.
                let fallback = config::read(&attrs, None);
                let prefill = prefill_for(&fallback.panels, &mut prefill);
                let done = Rc::new(Cell::new(false));
                {
                    let (done, host, url, sheet, prefill) = (
                        done.clone(),
                        host.clone(),
                        url.clone(),
                        sheet.clone(),
                        prefill.clone(),
                    );
                    let mut config = fallback;
                    set_timeout(
                        move || {
                            if !done.replace(true) {
                                let why = format!("no answer within {} s", LOAD_TIMEOUT.as_secs());
                                config.ignore("data-config", &url, Problem::NotLoaded(why));
                                mount(&host, config, prefill, sheet.as_ref());
                            }
                        },
                        LOAD_TIMEOUT,
                    );
                }
                leptos::task::spawn_local(async move {
                    let loaded = load(&url).await;
                    if done.replace(true) {
                        return;
                    }
                    let (doc, problem) = match loaded {
                        Ok(text) => (Some(text), None),
                        Err(p) => (None, Some(p)),
                    };
                    let mut config = config::read(&attrs, doc.as_deref());
                    if let Some(p) = problem {
                        config.ignore("data-config", &url, p);
                    }
                    mount(&host, config, prefill, sheet.as_ref());
                });
                continue;
            }
            Some(Source::Inline(json)) => config::read(&attrs, Some(json)),
            Some(Source::Element(id)) => match element_text(&document, id) {
                Some(json) => config::read(&attrs, Some(&json)),
                None => {
                    let mut c = config::read(&attrs, None);
                    c.ignore(
                        "data-config",
                        &format!("#{id}"),
                        Problem::NotLoaded("no element with this id".into()),
                    );
                    c
                }
            },
            None => config::read(&attrs, None),
        };
        let text = prefill_for(&config.panels, &mut prefill);
        mount(&host, config, text, sheet.as_ref());
    }
}

/// The prefill goes to the first widget (in page order) that shows the Diagnose panel.
fn prefill_for(panels: &[&str], prefill: &mut Option<String>) -> Option<String> {
    if panels.contains(&"diagnose") {
        prefill.take()
    } else {
        None
    }
}

fn mount(
    host: &HtmlElement,
    config: config::Config,
    prefill: Option<String>,
    sheet: Option<&CssStyleSheet>,
) {
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let Ok(shadow) = host.attach_shadow(&init) else {
        web_sys::console::warn_1(&JsValue::from_str(
            "keydoctor: this element cannot hold a widget (it cannot have a shadow root)",
        ));
        return;
    };
    match sheet {
        Some(sheet) => shadow.set_adopted_style_sheets(&Array::of1(sheet)),
        None => {
            // No constructable style sheets (old browsers): a <style> element instead.
            if let Some(style) = host
                .owner_document()
                .and_then(|d| d.create_element("style").ok())
            {
                style.set_text_content(Some(CSS));
                let _ = shadow.append_child(&style);
            }
        }
    }
    if config.theme != Theme::Auto {
        let _ = host.set_attribute("data-kd-theme", config.theme.id());
    }
    let page = host.get_attribute("data-keydoctor").as_deref() == Some("page");
    let Some(root) = host
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let _ = root.set_attribute("class", "kd-root");
    if shadow.append_child(&root).is_err() {
        return;
    }
    let mut widget = WidgetConfig::new(config, browser_locale());
    widget.prefill = prefill;
    leptos::mount::mount_to(
        root,
        move || view! { <App config=widget.clone() page=page /> },
    )
    .forget();
}

/// The style sheet shared by every widget of the page, when the browser has constructable
/// style sheets (they are not subject to the host's `style-src`).
fn style_sheet() -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(CSS).ok()?;
    Some(sheet)
}

/// The host element's `data-` attributes, names without `data-`.
fn data_attributes(host: &Element) -> Vec<(String, String)> {
    let attrs = host.attributes();
    (0..attrs.length())
        .filter_map(|i| attrs.item(i))
        .filter_map(|a| {
            let name = a.name();
            let name = name.strip_prefix("data-")?;
            (!name.starts_with("kd-")).then(|| (name.to_owned(), a.value()))
        })
        .collect()
}

/// The text of the element with id `id` (a `<script type="application/json">`).
fn element_text(document: &Document, id: &str) -> Option<String> {
    document.get_element_by_id(id)?.text_content()
}

/// Fetches a configuration document from this page's own origin.
async fn load(url: &str) -> Result<String, Problem> {
    let window = web_sys::window().ok_or(Problem::NotLoaded("no window".into()))?;
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let resolved =
        web_sys::Url::new_with_base(url, &base).map_err(|_| Problem::Expected("a URL"))?;
    let origin = window.location().origin().unwrap_or_default();
    if resolved.origin() != origin {
        return Err(Problem::OtherOrigin);
    }
    let failed = |_| Problem::NotLoaded("the request failed".into());
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(&resolved.href()))
        .await
        .map_err(failed)?
        .unchecked_into();
    if !resp.ok() {
        return Err(Problem::NotLoaded(format!("HTTP {}", resp.status())));
    }
    let text = JsFuture::from(resp.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    text.as_string()
        .ok_or(Problem::NotLoaded("not text".into()))
}

/// The browser's preferred language among the supported ones.
fn browser_locale() -> Locale {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Locale::En;
    };
    let tags: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .chain(nav.language())
        .collect();
    Locale::from_preferences(tags.iter().map(String::as_str))
}

/// Reads `#error=…` once, removes it from the address bar (and from this history entry), and
/// returns the text with every secret in it redacted: a link carries an error, never a key.
fn take_prefill() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    let encoded = hash.strip_prefix(PREFILL)?;
    let text = js_sys::decode_uri_component(&encoded.replace('+', "%20"))
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_else(|| encoded.to_owned());
    if let (Ok(path), Ok(search), Ok(history)) =
        (location.pathname(), location.search(), window.history())
    {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
    let text = redact(&text, &RedactOptions { keep_prompts: true }).text;
    (!text.trim().is_empty()).then_some(text)
}
