//! Panel 4, "Support bundle": what support needs about one failed call, built from what the
//! other panels were told (the error, the request, the connection check) plus a few fields
//! (incident time, client, key name, sections), previewed exactly as it will be shared, and
//! exported as Markdown or JSON by copy or download.
//!
//! `domain::bundle::build` redacts every field; right before a copy or a download the final
//! text goes through `domain::bundle::guard` once more, with the key typed in this page, and the
//! export is refused (naming the rule and the line) when anything is found. The preview never
//! shows what the guard objects to either. The clock, the time zone and the user agent come
//! from the browser layer; the panel only works while it is the active tab.

mod form;

use leptos::prelude::*;

use super::browser;
use super::shared::Session;
use super::WidgetConfig;
use crate::domain::bundle::{
    build, find_times, guard, suggest_client, Bundle, BundleInput, Leak, Sections, CLIENTS,
    MAX_FIELD,
};
use crate::domain::diagnose::diagnose_with;
use crate::domain::locale::Locale;
use form::{
    browser_label, check_lines, file_name, leak_sentence, offset_label, redaction_summary_zh,
    request_facts, rfc3339_local, withhold, Format, SECTIONS,
};

#[cfg(target_arch = "wasm32")]
use crate::browser::{clock, download};

/// Native stand-ins for `browser::clock` (clippy and `cargo test` build the panel natively; it
/// only runs in a browser). Same signatures.
#[cfg(not(target_arch = "wasm32"))]
mod clock {
    /// Stand-in: the epoch, in UTC.
    pub fn now_with_offset() -> (f64, i32) {
        (0.0, 0)
    }
    /// Stand-in: no zone.
    pub fn time_zone() -> Option<String> {
        None
    }
    /// Stand-in: no user agent.
    pub fn user_agent() -> String {
        String::new()
    }
}

/// Native stand-ins for `browser::download`. Same signatures.
#[cfg(not(target_arch = "wasm32"))]
mod download {
    /// Stand-in: nothing saved.
    pub fn save_text(_file_name: &str, _mime: &str, _text: &str) -> bool {
        false
    }
    /// Stand-in: selects nothing.
    pub fn select_all<T>(_area: &T) {}
}

/// A bundle built from the session, with the category its file is named after and the line
/// saying what was redacted, in the widget's language.
#[derive(Clone, Debug, PartialEq)]
struct Built {
    bundle: Bundle,
    category: &'static str,
    summary: String,
}

impl Built {
    fn text(&self, format: Format) -> &str {
        match format {
            Format::Markdown => &self.bundle.markdown,
            Format::Json => &self.bundle.json,
        }
    }
}

/// What the preview shows and what the guard found in the text it stands for.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    preview: String,
    leaks: Vec<Leak>,
    summary: String,
}

/// How an export is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Export {
    Copy,
    Download,
}

/// How an export ended.
#[derive(Clone, Debug, PartialEq)]
enum Exported {
    /// The guard found something: nothing left the panel.
    Refused(Vec<Leak>),
    Copied,
    /// No clipboard: the preview's text is selected for a copy by hand.
    Selected,
    Downloaded(String),
    DownloadFailed,
}

impl Exported {
    /// Stable id for `data-outcome`.
    fn id(&self) -> &'static str {
        match self {
            Exported::Refused(_) => "refused",
            Exported::Copied => "copied",
            Exported::Selected => "selected",
            Exported::Downloaded(_) => "downloaded",
            Exported::DownloadFailed => "download_failed",
        }
    }

    fn sentence(&self, l: Locale) -> String {
        match (self, l) {
            (Exported::Refused(leaks), _) => {
                let lines: Vec<String> = leaks.iter().map(|k| leak_sentence(k, l)).collect();
                match l {
                    Locale::En => format!(
                        "Not exported: the bundle still holds a secret. {} Remove it from what \
                         you pasted (or from the key name), then try again.",
                        lines.join(" ")
                    ),
                    Locale::ZhCn => format!(
                        "未导出：信息包中仍有机密信息。{}请把它从粘贴的内容（或密钥名称）中删掉，\
                         然后重试。",
                        lines.concat()
                    ),
                }
            }
            (Exported::Downloaded(name), Locale::En) => format!("Saved as {name}."),
            (Exported::Downloaded(name), Locale::ZhCn) => format!("已保存为 {name}。"),
            (Exported::Copied, _) => l
                .pick("Bundle copied to the clipboard.", "信息包已复制到剪贴板。")
                .to_string(),
            (Exported::Selected, _) => l
                .pick(
                    "Couldn't reach the clipboard: the bundle is selected, press Ctrl+C (⌘C on a \
                     Mac) to copy it.",
                    "无法访问剪贴板：信息包已选中，按 Ctrl+C（Mac 上按 ⌘C）复制。",
                )
                .to_string(),
            (Exported::DownloadFailed, _) => l
                .pick(
                    "Couldn't save a file here: copy the bundle instead.",
                    "这里无法保存文件：请改为复制信息包。",
                )
                .to_string(),
        }
    }
}

/// The Support bundle panel. Reads [`WidgetConfig`] and [`Session`] from context.
#[component]
pub fn BundlePanel(
    /// Whether the panel is the active tab: while it is not, nothing is rebuilt.
    #[prop(into)]
    active: Signal<bool>,
) -> impl IntoView {
    let config = WidgetConfig::expect();
    let l = config.locale;
    let session = Session::expect();

    let (now_ms, offset_min) = clock::now_with_offset();
    let now_text = move || {
        let (ms, off) = clock::now_with_offset();
        rfc3339_local(ms, off)
    };
    let time = RwSignal::new(rfc3339_local(now_ms, offset_min));
    let zone_name = clock::time_zone();
    let zone_shown = match &zone_name {
        Some(z) if *z != offset_label(offset_min) => format!("{z} ({})", offset_label(offset_min)),
        _ => offset_label(offset_min),
    };
    let zone = zone_name.unwrap_or_else(|| offset_label(offset_min));
    let browser_name = browser_label(&clock::user_agent());

    // The client the user picked; `None` follows the suggestion.
    let chosen_client = RwSignal::new(None::<String>);
    let key_name = RwSignal::new(String::new());
    let sections = RwSignal::new(Sections::default());
    let format = RwSignal::new(Format::Markdown);
    let preview_ref = NodeRef::<leptos::html::Textarea>::new();

    // Times and a client found in the pasted texts.
    let found = Memo::new(move |prev: Option<&(Vec<String>, Option<&'static str>)>| {
        if !active.get() {
            return prev.cloned().unwrap_or_default();
        }
        session.error_text.with(|e| {
            session.request_text.with(|r| {
                // The part of each text a bundle carries: searching megabytes would stall.
                let both = format!("{}\n{}", head(e, MAX_FIELD), head(r, MAX_FIELD));
                (find_times(&both), suggest_client(&both))
            })
        })
    });
    let client = move || {
        chosen_client
            .get()
            .or_else(|| found.with(|f| f.1.map(str::to_string)))
            .unwrap_or_default()
    };

    let diagnosis = {
        let config = config.clone();
        Memo::new(move |prev: Option<&Option<_>>| {
            if !active.get() {
                return prev.cloned().flatten();
            }
            // In English, like the whole bundle: it goes to a support team.
            session.error_text.with(|t| {
                (!t.trim().is_empty()).then(|| diagnose_with(t, &config.catalog, Locale::En))
            })
        })
    };

    let built = {
        let zone = zone.clone();
        let browser_name = browser_name.clone();
        let contact = config.support_contact.clone();
        Memo::new(move |prev: Option<&Option<Built>>| {
            if !active.get() {
                return prev.cloned().flatten();
            }
            let nonempty = |s: String| (!s.trim().is_empty()).then_some(s);
            let error = nonempty(session.error_text.get());
            let request = nonempty(session.request_text.get());
            let checks = session
                .probe
                .with(|r| session.smoke.with(|s| check_lines(r, s.as_ref())));
            if error.is_none() && request.is_none() && checks.is_empty() {
                return None;
            }
            let (model, parameters) = request.as_deref().map(request_facts).unwrap_or_default();
            let diagnosis = diagnosis.get();
            let category = diagnosis.as_ref().map_or("no_error", |d| d.category.id());
            let prompts_replaced = request.is_some() && sections.get().request;
            let input = BundleInput {
                time: Some(time.get()),
                time_zone: Some(zone.clone()),
                client: nonempty(client()),
                key_name: nonempty(key_name.get()),
                request,
                model,
                parameters,
                error,
                diagnosis,
                checks,
                browser: browser_name.clone(),
                support_contact: contact.clone(),
                sections: sections.get(),
                keep_prompts: false,
            };
            let bundle = build(&input);
            let summary = match l {
                Locale::En => bundle.summary.clone(),
                Locale::ZhCn => redaction_summary_zh(&bundle.redactions, prompts_replaced),
            };
            Some(Built {
                bundle,
                category,
                summary,
            })
        })
    };

    // The preview: the chosen format, with whatever the guard objects to withheld.
    let shown = Memo::new(move |_| {
        built.with(|b| {
            b.as_ref().map(|b| {
                let text = b.text(format.get());
                session.key.with(|key| {
                    let leaks = guard(text, Some(key));
                    Shown {
                        preview: withhold(text, &leaks, Some(key)),
                        leaks,
                        summary: b.summary.clone(),
                    }
                })
            })
        })
    });

    // Copy or download, after the guard has seen the exact text once more.
    let export = Action::new_local(move |how: &Export| {
        let how = *how;
        let ready = built.with_untracked(|b| {
            b.as_ref().map(|b| {
                let f = format.get_untracked();
                let name = file_name(&time.get_untracked(), b.category, f);
                (b.text(f).to_string(), name, f)
            })
        });
        async move {
            let (text, name, f) = ready?;
            let leaks = session.key.with_untracked(|key| guard(&text, Some(key)));
            if !leaks.is_empty() {
                return Some(Exported::Refused(leaks));
            }
            Some(match how {
                Export::Copy => {
                    if browser::copy_text(&text).await {
                        Exported::Copied
                    } else {
                        if let Some(el) = preview_ref.get_untracked() {
                            download::select_all(&el);
                        }
                        Exported::Selected
                    }
                }
                Export::Download => {
                    if download::save_text(&name, f.mime(), &text) {
                        Exported::Downloaded(name)
                    } else {
                        Exported::DownloadFailed
                    }
                }
            })
        }
    });
    let outcome = move || export.value().get().flatten();

    let time_choices = move || {
        found.with(|f| {
            f.0.iter()
                .map(|t| {
                    let (t, label) = (t.clone(), t.clone());
                    view! {
                        <button
                            type="button"
                            class="kd-chip"
                            data-testid="bundle-time-choice"
                            on:click=move |_| time.set(t.clone())
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()
        })
    };

    let client_options = CLIENTS
        .iter()
        .map(|c| {
            let label = if *c == "other" {
                l.pick("other", "其他")
            } else {
                c
            };
            view! {
                <option value=*c selected=move || client() == *c>
                    {label}
                </option>
            }
        })
        .collect_view();

    let toggles = SECTIONS
        .iter()
        .map(|t| {
            let flag = t.flag;
            view! {
                <label class="kd-bundle-toggle">
                    <input
                        type="checkbox"
                        data-testid="bundle-section"
                        data-section=t.id
                        prop:checked=move || {
                            let mut s = sections.get();
                            *flag(&mut s)
                        }
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            sections.update(|s| *flag(s) = on);
                        }
                    />
                    {t.label.get(l)}
                </label>
            }
        })
        .collect_view();

    let formats = Format::ALL
        .into_iter()
        .map(|f| {
            view! {
                <label class="kd-radio">
                    <input
                        type="radio"
                        name="kd-bundle-format"
                        data-testid=format!("bundle-format-{}", f.ext())
                        value=f.ext()
                        prop:checked=move || format.get() == f
                        on:change=move |_| format.set(f)
                    />
                    {f.label(l)}
                </label>
            }
        })
        .collect_view();

    let contact_view = config.support_contact.clone().map(|c| {
        view! {
            <p class="kd-bundle-contact" data-testid="bundle-contact">
                {l.pick("Send the bundle to: ", "把信息包发送给：")}
                <strong>{c}</strong>
            </p>
        }
    });

    let output = move || {
        match shown.get() {
        None => view! {
            <div class="kd-empty" data-testid="bundle-empty">
                <p class="kd-empty-title">{l.pick("Nothing to bundle yet.", "还没有可以打包的内容。")}</p>
                <p>
                    {l.pick(
                        "First paste the error in \u{201c}Diagnose an error\u{201d} (and the request \
                         you sent, if you have it), or run \u{201c}Check the connection\u{201d}. \
                         The bundle builds itself from what you entered there, redacted.",
                        "请先在“诊断报错”中粘贴报错（有的话，也粘贴你发送的请求），或者运行“检查连接”。\
                         信息包会根据你在那里输入的内容自动生成，并且已经脱敏。",
                    )}
                </p>
            </div>
        }
        .into_any(),
        Some(s) => {
            let leaks_view = (!s.leaks.is_empty()).then(|| {
                let items = s
                    .leaks
                    .iter()
                    .map(|k| view! { <li data-rule=k.what.clone()>{leak_sentence(k, l)}</li> })
                    .collect_view();
                view! {
                    <div class="kd-bundle-leaks" data-testid="bundle-leaks" role="alert">
                        <p>
                            {l.pick(
                                "This bundle can't be shared: it still holds a secret. Remove it \
                                 from what you pasted or from the key name.",
                                "这个信息包不能分享：其中仍有机密信息。请把它从粘贴的内容或密钥名称中删掉。",
                            )}
                        </p>
                        <ul>{items}</ul>
                    </div>
                }
            });
            view! {
                <p class="kd-bundle-summary" data-testid="bundle-redactions">
                    {s.summary}
                </p>
                {leaks_view}
                <textarea
                    class="kd-textarea kd-bundle-preview"
                    data-testid="bundle-preview"
                    data-format=move || format.get().ext()
                    node_ref=preview_ref
                    readonly
                    rows="18"
                    spellcheck="false"
                    aria-label=l.pick(
                        "The bundle, exactly as it will be shared",
                        "信息包，与将要分享的内容完全一致",
                    )
                    prop:value=s.preview
                ></textarea>
                <div class="kd-row kd-bundle-actions">
                    <button
                        type="button"
                        class="kd-button"
                        data-testid="bundle-copy"
                        on:click=move |_| {
                            export.dispatch_local(Export::Copy);
                        }
                    >
                        {l.pick("Copy", "复制")}
                    </button>
                    <button
                        type="button"
                        class="kd-button kd-button-quiet"
                        data-testid="bundle-download"
                        on:click=move |_| {
                            export.dispatch_local(Export::Download);
                        }
                    >
                        {move || format!("{}.{}", l.pick("Download ", "下载 "), format.get().ext())}
                    </button>
                </div>
            }
            .into_any()
        }
    }
    };

    view! {
        <div class="kd-bundle">
            <div class="kd-bundle-form">
                <label class="kd-label" for="kd-bundle-time">
                    {l.pick("Time of the incident", "事发时间")}
                </label>
                <div class="kd-row">
                    <input
                        id="kd-bundle-time"
                        class="kd-input"
                        data-testid="bundle-time"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="kd-bundle-zone"
                        prop:value=move || time.get()
                        on:input=move |ev| time.set(event_target_value(&ev))
                    />
                    <button
                        type="button"
                        class="kd-button kd-button-quiet"
                        on:click=move |_| time.set(now_text())
                    >
                        {l.pick("Now", "现在")}
                    </button>
                </div>
                <p class="kd-hint" id="kd-bundle-zone" data-testid="bundle-zone">
                    {l.pick("Your time zone: ", "你的时区：")}
                    {zone_shown}
                </p>
                <div
                    class="kd-examples"
                    role="group"
                    aria-label=l.pick("Times found in what you pasted", "在粘贴内容中找到的时间")
                    hidden=move || found.with(|f| f.0.is_empty())
                >
                    <span class="kd-examples-label">{l.pick("Found in your paste:", "在粘贴内容中找到：")}</span>
                    {time_choices}
                </div>

                <label class="kd-label" for="kd-bundle-client">
                    {l.pick("Client", "客户端")}
                </label>
                <select
                    id="kd-bundle-client"
                    class="kd-select"
                    data-testid="bundle-client"
                    on:change=move |ev| chosen_client.set(Some(event_target_value(&ev)))
                >
                    <option value="" selected=move || client().is_empty()>
                        {l.pick("Not said", "未说明")}
                    </option>
                    {client_options}
                </select>
                <p class="kd-hint" data-testid="bundle-client-hint">
                    {move || {
                        found
                            .with(|f| f.1)
                            .map(|c| match l {
                                Locale::En => format!("Suggested from your paste: {c}."),
                                Locale::ZhCn => format!("根据粘贴内容推测：{c}。"),
                            })
                            .unwrap_or_default()
                    }}
                </p>

                <label class="kd-label" for="kd-bundle-key-name">
                    {l.pick("Key name", "密钥名称")}
                </label>
                <input
                    id="kd-bundle-key-name"
                    class="kd-input"
                    data-testid="bundle-key-name"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="kd-bundle-key-hint"
                    placeholder=l.pick(
                        "e.g. prod-backend, or sk-proj-…3xQa",
                        "例如 prod-backend，或 sk-proj-…3xQa",
                    )
                    prop:value=move || key_name.get()
                    on:input=move |ev| key_name.set(event_target_value(&ev))
                />
                <p class="kd-hint" id="kd-bundle-key-hint">
                    {l.pick(
                        "Its name in the provider's console, or its first and last four characters. Never the key itself.",
                        "它在服务商控制台中的名称，或它开头和最后四个字符。切勿填写密钥本身。",
                    )}
                </p>

                <fieldset class="kd-bundle-sections">
                    <legend class="kd-label">{l.pick("Include", "包含")}</legend>
                    {toggles}
                </fieldset>

                <fieldset class="kd-bundle-format">
                    <legend class="kd-label">{l.pick("Format", "格式")}</legend>
                    {formats}
                </fieldset>
            </div>
            <section class="kd-bundle-output" aria-labelledby="kd-bundle-heading">
                <h2 class="kd-h3" id="kd-bundle-heading">
                    {l.pick("What will be shared", "将要分享的内容")}
                </h2>
                {output}
                <p
                    class="kd-copy-status"
                    role="status"
                    data-testid="bundle-status"
                    data-outcome=move || outcome().map(|o| o.id()).unwrap_or("none")
                >
                    {move || {
                        if export.pending().get() {
                            l.pick("Copying…", "正在复制…").to_string()
                        } else {
                            outcome().map(|o| o.sentence(l)).unwrap_or_default()
                        }
                    }}
                </p>
                {contact_view}
            </section>
        </div>
    }
}

/// At most `max` bytes of the start of `s`, cut on a character boundary.
fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
