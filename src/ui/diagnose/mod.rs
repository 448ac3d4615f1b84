//! Panel 1, "Diagnose an error": a text area and the diagnosis of what is in it, live.
//!
//! Typing stays smooth with any paste size: an `input` event only schedules work, and the
//! diagnosis is a [`Memo`] of the committed text. A paste or a drop is diagnosed at once; typed
//! text on the next turn of the event loop while diagnoses are fast (under [`FAST_MS`]), after a
//! pause in typing ([`DEBOUNCE`]) once they are not, so a long paste never makes keys lag.
//! While typed text waits for its diagnosis, the result has `aria-busy="true"`.

mod examples;

use std::time::Duration;

use leptos::prelude::*;

use super::browser;
use super::text::{
    also_found_line, clip, code_spans, evidence_kind_label, fact_rows, retry_label, retry_short,
    retry_word, steps_text, summary_text, tenths, MAX_FACT_CHARS,
};
use super::WidgetConfig;
use crate::domain::diagnose::{diagnose_with, Diagnosis};
use crate::domain::locale::Locale;
use examples::EXAMPLES;

/// A diagnosis faster than this (ms) runs after every keystroke.
const FAST_MS: f64 = 4.0;
/// Otherwise, how long typing must pause before the text is diagnosed.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// A paste larger than this (bytes) is held in memory instead of the text area, whose layout
/// would freeze the tab for seconds.
const SHOW_PASTE_ABOVE: usize = 1_000_000;

/// A diagnosis and how long it took to compute (milliseconds, `performance.now()` resolution).
#[derive(Clone, Debug, PartialEq)]
struct Timed {
    diagnosis: Diagnosis,
    elapsed_ms: f64,
}

/// What a copy button copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyWhat {
    Summary,
    Steps,
}

/// The Diagnose panel. Reads [`WidgetConfig`] from context.
#[component]
pub fn DiagnosePanel() -> impl IntoView {
    let config = WidgetConfig::expect();
    let l = config.locale;
    // The committed text also goes to the session, for the support bundle.
    let error_text = super::shared::Session::expect().error_text;
    // The text that has been (or is being) diagnosed; trails the text area while typing. It
    // starts with what the session holds (a `#error=` link's text).
    let initial = error_text.get_untracked();
    let committed = RwSignal::new(initial.clone());
    // True between an input and the diagnosis of that input.
    let pending = RwSignal::new(false);
    // The size of a paste too large for the text area, held in `committed` instead.
    let held = RwSignal::new(None::<usize>);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let debounce = browser::Debounce::default();
    on_cleanup({
        let debounce = debounce.clone();
        move || debounce.cancel()
    });

    let result = Memo::new(move |_| {
        committed.with(|text| {
            if text.trim().is_empty() {
                return None;
            }
            let start = browser::now_ms();
            let diagnosis = diagnose_with(text, &config.catalog, config.locale);
            let elapsed_ms = browser::now_ms() - start;
            Some(Timed {
                diagnosis,
                elapsed_ms,
            })
        })
    });

    let copy = Action::new_local(|req: &(CopyWhat, String)| {
        let (what, text) = req.clone();
        async move { (what, browser::copy_text(&text).await) }
    });

    // Commits `text` for diagnosis now.
    let commit = move |text: String| {
        copy.value().set(None);
        error_text.set(text.clone());
        committed.set(text);
        pending.set(false);
    };

    let on_input = {
        let debounce = debounce.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            held.set(None);
            if browser::is_paste_or_drop(&ev) {
                debounce.cancel();
                commit(text);
            } else {
                let last_ms = result.with_untracked(|r| r.as_ref().map_or(0.0, |t| t.elapsed_ms));
                let delay = if last_ms < FAST_MS {
                    Duration::ZERO
                } else {
                    DEBOUNCE
                };
                pending.set(true);
                debounce.schedule(delay, move || commit(text));
            }
        }
    };

    // Replaces the text (an example, or nothing for Clear) and diagnoses it at once. Focus moves
    // to the text area only when it was emptied, so keyboard users keep their place among the
    // examples.
    let fill = {
        let debounce = debounce.clone();
        move |text: &'static str| {
            debounce.cancel();
            held.set(None);
            if let Some(el) = area.get_untracked() {
                browser::replace_text(&el, text, text.is_empty());
            }
            commit(text.to_owned());
        }
    };

    // A paste too large to lay out in the text area is diagnosed from memory.
    let on_paste = {
        let debounce = debounce.clone();
        move |ev: leptos::ev::ClipboardEvent| {
            let Some(el) = area.get_untracked() else {
                return;
            };
            if let Some(text) = browser::take_large_paste(&ev, &el, SHOW_PASTE_ABOVE) {
                debounce.cancel();
                browser::replace_text(&el, "", false);
                held.set(Some(text.len()));
                commit(text);
            }
        }
    };

    let example_buttons = EXAMPLES
        .iter()
        .map(|ex| {
            let fill = fill.clone();
            view! {
                <button
                    type="button"
                    class="kd-chip"
                    data-testid="example"
                    data-expected-category=ex.category
                    on:click=move |_| fill(ex.body)
                >
                    {ex.label.get(l)}
                </button>
            }
        })
        .collect_view();

    let copy_status = move || match copy.value().get() {
        Some((CopyWhat::Summary, true)) => {
            l.pick("Summary copied to the clipboard.", "摘要已复制到剪贴板。")
        }
        Some((CopyWhat::Steps, true)) => l.pick(
            "Checklist copied to the clipboard.",
            "检查清单已复制到剪贴板。",
        ),
        Some((_, false)) => l.pick(
            "Couldn't copy here: select the text and copy it by hand.",
            "这里无法复制：请选中文本手动复制。",
        ),
        None if copy.pending().get() => l.pick("Copying…", "正在复制…"),
        None => "",
    };

    let category_attr = move || {
        result.with(|r| match r {
            Some(t) => t.diagnosis.category.id(),
            None => "none",
        })
    };
    // What a screen reader announces: the verdict, only when it changes.
    let announcement = Memo::new(move |_| {
        result.with(|r| match r {
            Some(t) => {
                let (title, id) = (&t.diagnosis.title, t.diagnosis.category.id());
                let retry = retry_label(t.diagnosis.retry, l);
                match l {
                    Locale::En => format!("{title} ({id}). {retry}"),
                    Locale::ZhCn => format!("{title}（{id}）。{retry}"),
                }
            }
            None => String::new(),
        })
    });
    let elapsed_attr =
        move || result.with(|r| r.as_ref().map(|t| tenths(t.elapsed_ms)).unwrap_or_default());

    view! {
        <div class="kd-diagnose">
            <div class="kd-input">
                <label class="kd-label" for="kd-error-input">
                    {l.pick("Paste the error", "粘贴报错")}
                </label>
                <p class="kd-hint" id="kd-error-hint">
                    {l.pick(
                        "An error message, a log, an HTTP response or a stack trace, in any language. It is analysed in this page and never sent anywhere.",
                        "报错信息、日志、HTTP 响应或堆栈跟踪，任何语言都可以。它只在本页内分析，不会发送到任何地方。",
                    )}
                </p>
                <textarea
                    id="kd-error-input"
                    class="kd-textarea"
                    data-testid="error-input"
                    node_ref=area
                    rows="12"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    aria-describedby="kd-error-hint"
                    placeholder=l.pick(
                        "Error code: 401 - {'error': {'message': 'Incorrect API key provided…'}}",
                        r#"{"error":{"message":"无效的令牌","type":"one_api_error"}}"#,
                    )
                    on:input=on_input
                    on:paste=on_paste
                    prop:value=initial
                ></textarea>
                {move || {
                    held.get()
                        .map(|n| {
                            view! {
                                <p class="kd-note" data-testid="error-held">
                                    {
                                        let mb = tenths(n as f64 / 1e6);
                                        match l {
                                            Locale::En => format!(
                                                "Pasted {mb} MB: too large to show here, so it is held in this page's memory and diagnosed from there. Typing here replaces it.",
                                            ),
                                            Locale::ZhCn => format!(
                                                "粘贴了 {mb} MB：太大了，无法在这里显示，所以保存在本页内存中并从那里诊断。在这里输入会替换它。",
                                            ),
                                        }
                                    }
                                </p>
                            }
                        })
                }}
                <div class="kd-row">
                    <button
                        type="button"
                        class="kd-button kd-button-quiet"
                        on:click={
                            let fill = fill.clone();
                            move |_| fill("")
                        }
                    >
                        {l.pick("Clear", "清空")}
                    </button>
                </div>
                <div class="kd-examples" role="group" aria-labelledby="kd-examples-label">
                    <span class="kd-examples-label" id="kd-examples-label">
                        {l.pick("Try an example:", "试试示例：")}
                    </span>
                    {example_buttons}
                </div>
            </div>
            <section
                class="kd-result"
                data-testid="diagnosis"
                data-category=category_attr
                data-elapsed-ms=elapsed_attr
                aria-busy=move || if pending.get() { "true" } else { "false" }
                aria-labelledby="kd-result-heading"
            >
                <h2 class="kd-visually-hidden" id="kd-result-heading">
                    {l.pick("Diagnosis", "诊断结果")}
                </h2>
                <p class="kd-visually-hidden" aria-live="polite" aria-atomic="true">
                    {announcement}
                </p>
                {move || match result.get() {
                    None => view! { <EmptyState l=l /> }.into_any(),
                    Some(t) => {
                        view! {
                            <DiagnosisView
                                l=l
                                diagnosis=t.diagnosis
                                on_copy=Callback::new(move |req| {
                                    copy.dispatch_local(req);
                                })
                            />
                        }
                            .into_any()
                    }
                }}
                <p class="kd-copy-status" role="status">
                    {copy_status}
                </p>
            </section>
        </div>
    }
}

/// What the result shows before anything is pasted.
#[component]
fn EmptyState(
    /// The widget's language.
    l: Locale,
) -> impl IntoView {
    view! {
        <div class="kd-empty">
            <p class="kd-empty-title">
                {l.pick(
                    "Paste an error to see what it means and what to do.",
                    "粘贴一段报错，看看它是什么意思、该怎么办。",
                )}
            </p>
            <p>
                {l.pick(
                    "keydoctor recognises errors from OpenAI, Anthropic, Gemini, Azure, Bedrock, OpenRouter, one-api and other gateways, SDK exceptions, CLI logs, HTML error pages and network failures, in English and Chinese.",
                    "keydoctor 能识别 OpenAI、Anthropic、Gemini、Azure、Bedrock、OpenRouter、one-api 等网关的报错，以及 SDK 异常、CLI 日志、HTML 错误页和网络故障，中英文都可以。",
                )}
            </p>
        </div>
    }
}

/// One diagnosis: verdict, meaning, checklist, facts, evidence and copy buttons.
#[component]
fn DiagnosisView(
    /// The widget's language.
    l: Locale,
    /// The diagnosis to show.
    diagnosis: Diagnosis,
    /// Called with what to copy and its text when a copy button is pressed.
    on_copy: Callback<(CopyWhat, String)>,
) -> impl IntoView {
    let d = diagnosis;
    let summary = summary_text(&d, l);
    let steps_plain = steps_text(&d);
    let category = d.category.id();

    let steps = d
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let id = format!("kd-step-{i}");
            view! {
                <li class="kd-step">
                    <input type="checkbox" class="kd-check" id=id.clone() />
                    <label for=id>{with_code(step)}</label>
                </li>
            }
        })
        .collect_view();

    let facts = fact_rows(&d.facts, l);
    let facts_view = (!facts.is_empty()).then(|| {
        let rows = facts
            .into_iter()
            .map(|(label, value)| {
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td>{value}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3 class="kd-h3">{l.pick("What the paste says", "粘贴内容中的信息")}</h3>
            <table class="kd-facts" data-testid="facts">
                <tbody>{rows}</tbody>
            </table>
        }
    });

    let evidence_view = (!d.evidence.is_empty()).then(|| {
        let items = d
            .evidence
            .iter()
            .map(|e| {
                view! {
                    <li>
                        <span class="kd-ev-kind">{evidence_kind_label(e.kind, l)}</span>
                        " "
                        <code class="kd-code">{clip(&e.value, MAX_FACT_CHARS)}</code>
                        " → "
                        <span class="kd-ev-cat">{e.category.id()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3 class="kd-h3">{l.pick("Why", "判断依据")}</h3>
            <ul class="kd-evidence" data-testid="evidence">
                {items}
            </ul>
        }
    });

    let also_view = (!d.also_found.is_empty()).then(|| {
        view! {
            <p class="kd-also" data-testid="also-found">
                {l.pick("Also in this paste: ", "这段内容里还有：")}
                <span class="kd-code">{also_found_line(&d.also_found)}</span>
                {l.pick(". The problem above is the one to fix first.", "。请先解决上面这个问题。")}
            </p>
        }
    });

    let truncated_view = d.truncated.then(|| {
        view! {
            <p class="kd-note">
                {l.pick(
                    "This paste is very large: only its first part was analysed.",
                    "粘贴的内容很大：只分析了开头部分。",
                )}
            </p>
        }
    });

    let steps_view = (!d.steps.is_empty()).then(|| {
        view! {
            <h3 class="kd-h3">{l.pick("What to do", "处理步骤")}</h3>
            <ol class="kd-steps" data-testid="steps">
                {steps}
            </ol>
        }
    });

    view! {
        <div class="kd-verdict" data-retry=retry_short(d.retry)>
            <p class="kd-category">
                <span class="kd-badge">{category}</span>
            </p>
            <p class="kd-title">{d.title.clone()}</p>
            <p class="kd-meaning">{d.meaning.clone()}</p>
            <p class="kd-retry">
                <span class="kd-retry-word">
                    {l.pick("Retry: ", "重试：")} {retry_word(d.retry, l)}
                </span>
                " "
                {retry_label(d.retry, l)}
            </p>
        </div>
        {also_view}
        {truncated_view}
        {steps_view}
        {facts_view}
        {evidence_view}
        <div class="kd-row kd-copy">
            <button
                type="button"
                class="kd-button"
                data-testid="copy-summary"
                on:click=move |_| on_copy.run((CopyWhat::Summary, summary.clone()))
            >
                {l.pick("Copy summary", "复制摘要")}
            </button>
            <button
                type="button"
                class="kd-button kd-button-quiet"
                data-testid="copy-steps"
                on:click=move |_| on_copy.run((CopyWhat::Steps, steps_plain.clone()))
            >
                {l.pick("Copy checklist", "复制检查清单")}
            </button>
        </div>
    }
}

/// A step's text with its `code` spans as `<code>` elements (all of it as text nodes).
fn with_code(step: &str) -> impl IntoView {
    code_spans(step)
        .into_iter()
        .map(|(code, piece)| {
            let piece = piece.to_owned();
            if code {
                view! { <code class="kd-code">{piece}</code> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::examples::EXAMPLES;

    use crate::domain::diagnose::Category;

    #[test]
    fn examples_name_real_categories_and_are_not_empty() {
        for ex in &EXAMPLES {
            assert!(Category::from_id(ex.category).is_some(), "{}", ex.label.en);
            assert_ne!(ex.label.en, ex.label.zh);
            assert!(!ex.body.trim().is_empty());
        }
    }
}
