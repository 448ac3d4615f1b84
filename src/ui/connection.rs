//! Panel 3, "Check the connection": a base URL (with presets), an optional key and model, and
//! the checks of `domain::probe` run one at a time with live progress, a Cancel button, a
//! verdict and a curl line per check, a latency chart drawn as inline SVG, and the smoke test
//! with the key, sent only after an explicit consent click.
//!
//! The panel only wires things: [`Run`] decides what to request and what it means, the browser
//! layer (`browser::probe`) makes the requests. Every server-provided string is rendered as
//! text. The key is kept in [`Session`] (memory only) and sent only by the smoke test.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::shared::Session;
use super::WidgetConfig;
use crate::domain::locale::Locale;
use crate::domain::probe::{
    answer_text, check_url, fmt_ms, smoke_request, smoke_result, ApiStyle, CheckId, CheckResult,
    Report, Run, RunState, Sample, SmokeKind, Thresholds, Verdict, DEFAULT_WARM, MAX_WARM, PRESETS,
};

#[cfg(target_arch = "wasm32")]
use crate::browser::probe;

/// Native stand-ins for `browser::probe` (clippy and `cargo test` build the panel natively;
/// it only runs in a browser). Same signatures.
#[cfg(not(target_arch = "wasm32"))]
mod probe {
    use crate::domain::probe::{Observation, RequestSpec};

    /// Stand-in: cancels nothing.
    #[derive(Clone, Debug, Default)]
    pub struct Canceller;

    impl Canceller {
        pub fn new() -> Canceller {
            Canceller
        }
        pub fn cancel(&self) {}
        pub fn is_cancelled(&self) -> bool {
            false
        }
    }

    /// Stand-in: no origin.
    pub fn page_origin() -> String {
        String::new()
    }

    /// Stand-in: returns at once.
    pub async fn after_render() {}

    /// Stand-in: nothing is sent.
    pub async fn send(_req: &RequestSpec, _c: &Canceller) -> Observation {
        Observation::Cancelled
    }
}

/// `ms` with one decimal and no unit, for `data-` attributes.
fn tenths(ms: Option<f64>) -> String {
    ms.map(|m| fmt_ms(m).trim_end_matches(" ms").to_owned())
        .unwrap_or_default()
}

/// The panel's overall state for `data-state`: the latest action wins.
fn panel_state(probe: RunState, smoke: RunState) -> RunState {
    if probe == RunState::Running || smoke == RunState::Running {
        RunState::Running
    } else if smoke != RunState::Idle {
        smoke
    } else {
        probe
    }
}

/// The Check-the-connection panel. Reads [`WidgetConfig`] and [`Session`] from context.
#[component]
pub fn ConnectionPanel() -> impl IntoView {
    let config = WidgetConfig::expect();
    let l = config.locale;
    let session = Session::expect();
    let warm = RwSignal::new(DEFAULT_WARM);
    let smoke_kind = RwSignal::new(SmokeKind::Models);
    // The base URL the user consented to send their key to; consent lapses when it changes.
    let consented_for = RwSignal::new(None::<String>);
    // The smoke test's own state (the checks' state is in the report).
    let smoke_state = RwSignal::new(if session.smoke.with_untracked(Option::is_some) {
        RunState::Done
    } else {
        RunState::Idle
    });
    // Whichever ran last decides `data-state`: a finished smoke test after a check, or a check.
    let smoke_is_latest = RwSignal::new(session.smoke.with_untracked(Option::is_some));
    // Checks and smoke tests started since the panel was shown (`data-runs`, for tests).
    let runs = RwSignal::new(0_u32);
    let canceller = StoredValue::new(None::<probe::Canceller>);
    on_cleanup(move || {
        if let Some(c) = canceller.try_get_value().flatten() {
            c.cancel();
        }
    });

    let state = Memo::new(move |_| {
        let probe_state = session.probe.with(|r| r.state);
        let smoke = smoke_state.get();
        if smoke_is_latest.get() {
            panel_state(probe_state, smoke)
        } else {
            panel_state(probe_state, RunState::Idle)
        }
    });
    let running = move || state.get() == RunState::Running;

    let start = move || {
        if running() {
            return;
        }
        let c = probe::Canceller::new();
        canceller.set_value(Some(c.clone()));
        smoke_is_latest.set(false);
        let base = session.base_url.get_untracked();
        let n = warm.get_untracked();
        // The run and its first report exist before this handler returns: no stale state.
        let mut run = session.key.with_untracked(|key| {
            Run::with_key(
                &base,
                Some(key.as_str()),
                n,
                &probe::page_origin(),
                Thresholds::DEFAULT,
            )
        });
        runs.update(|r| *r += 1);
        session.probe.set(run.report());
        spawn_local(async move {
            while let Some(step) = run.next_step() {
                // Let the page draw the last result first: rendering must not be timed.
                probe::after_render().await;
                let obs = probe::send(&step.request, &c).await;
                run.record(obs);
                if c.is_cancelled() {
                    run.cancel();
                }
                session.probe.set(run.report());
            }
            session.probe.set(run.report());
        });
    };

    let cancel = move || {
        if let Some(c) = canceller.get_value() {
            c.cancel();
        }
    };

    let smoke = move || {
        if running() {
            return;
        }
        let typed = session.base_url.get_untracked();
        let key = session.key.get_untracked();
        let style = session.api_style.get_untracked();
        let kind = smoke_kind.get_untracked();
        let Some(base) = check_url(&typed, probe::page_origin().starts_with("https:"), None).base
        else {
            return;
        };
        if key.trim().is_empty() || consented_for.get_untracked().as_deref() != Some(&typed) {
            return;
        }
        let model = {
            let m = session.model.get_untracked();
            if m.trim().is_empty() {
                default_model(&menu(&config), &typed, style)
            } else {
                m
            }
        };
        let c = probe::Canceller::new();
        canceller.set_value(Some(c.clone()));
        runs.update(|r| *r += 1);
        smoke_is_latest.set(true);
        smoke_state.set(RunState::Running);
        let catalog = config.catalog.clone();
        let locale = config.locale;
        spawn_local(async move {
            let req = smoke_request(&base, style, kind, &key, &model);
            let obs = probe::send(&req, &c).await;
            drop(req);
            let reachable = session.probe.with_untracked(|r| {
                r.check(CheckId::Reach)
                    .filter(|c| c.verdict != Verdict::Skip)
                    .map(|c| c.verdict == Verdict::Pass)
            });
            let result = smoke_result(
                &obs, reachable, &base, style, kind, &model, &key, &catalog, locale,
            );
            session.smoke_answer.set(answer_text(&obs, &key));
            session.smoke.set(Some(result));
            smoke_state.set(if c.is_cancelled() {
                RunState::Cancelled
            } else {
                RunState::Done
            });
        });
    };

    let has_key = move || session.key.with(|k| !k.trim().is_empty());
    let consent_given = move || {
        let base = session.base_url.get();
        consented_for.with(|c| c.as_deref() == Some(base.as_str()))
    };

    view! {
        <div class="kd-connection">
            <form class="kd-probe-form" on:submit=move |ev| {
                ev.prevent_default();
                start();
            }>
                <ProbeInputs session=session warm=warm />
                <div class="kd-row">
                    <button
                        type="submit"
                        class="kd-button"
                        data-testid="probe-start"
                        disabled=running
                    >
                        {l.pick("Check the connection", "检查连接")}
                    </button>
                    <button
                        type="button"
                        class="kd-button kd-button-quiet"
                        data-testid="probe-cancel"
                        disabled=move || !running()
                        on:click=move |_| cancel()
                    >
                        {l.pick("Cancel", "取消")}
                    </button>
                </div>
            </form>
            <section
                class="kd-probe-results"
                data-testid="probe-results"
                data-state=move || state.get().id()
                data-runs=move || runs.get().to_string()
                aria-busy=move || if running() { "true" } else { "false" }
                aria-labelledby="kd-probe-heading"
            >
                <h2 class="kd-h3" id="kd-probe-heading">
                    {l.pick("Results", "结果")}
                </h2>
                <ProgressView l=l report=session.probe />
                {move || {
                    session.probe.with(|r| r.state == RunState::Idle).then(|| {
                        view! {
                            <p class="kd-empty">
                                {l.pick(
                                    "Pick a preset or type a base URL, then check it. The checks send requests from this page to that URL only, without your key; the smoke test below sends your key, and only when you ask.",
                                    "选择一个预设或输入 Base URL，然后开始检查。检查只会从本页向这个 URL 发送请求，且不带你的密钥；下面的冒烟测试会发送你的密钥，但只在你要求时才发送。",
                                )}
                            </p>
                        }
                    })
                }}
                <ol class="kd-checks">
                    {move || {
                        session
                            .probe
                            .with(|r| r.checks.clone())
                            .into_iter()
                            .map(|c| view! { <CheckView l=l result=c /> })
                            .collect_view()
                    }}
                    {move || session.smoke.get().map(|c| view! { <CheckView l=l result=c /> })}
                </ol>
                <p class="kd-visually-hidden" role="status" data-testid="smoke-announce">
                    {move || {
                        session
                            .smoke
                            .with(|s| {
                                s.as_ref()
                                    .map(|c| {
                                        let said = c.sentence.get(l);
                                        let v = match l {
                                            Locale::En => c.verdict.id(),
                                            Locale::ZhCn => verdict_word(c.verdict, l),
                                        };
                                        match l {
                                            Locale::En => format!("Smoke test: {v}. {said}"),
                                            Locale::ZhCn => format!("冒烟测试：{v}。{said}"),
                                        }
                                    })
                                    .unwrap_or_default()
                            })
                    }}
                </p>
                <LatencyView l=l report=session.probe />
            </section>
            <section class="kd-smoke" aria-labelledby="kd-smoke-heading">
                <h2 class="kd-h3" id="kd-smoke-heading">
                    {l.pick("Smoke test with your key", "用你的密钥做冒烟测试")}
                </h2>
                <p class="kd-hint">
                    {l.pick(
                        "Sends one request with your key to the base URL above, with the provider's own headers, exactly like the curl line it shows. Your key goes to that URL and nowhere else, and is not stored.",
                        "用你的密钥、带上服务商要求的请求头，向上面的 Base URL 发送一个请求，与显示的 curl 命令完全一致。密钥只会发往这个 URL，不会发往别处，也不会被保存。",
                    )}
                </p>
                <div class="kd-row" role="radiogroup" aria-label=l.pick("Which request", "发送哪种请求")>
                    <label class="kd-radio">
                        <input
                            type="radio"
                            name="kd-smoke-kind"
                            data-testid="smoke-kind-models"
                            prop:checked=move || smoke_kind.get() == SmokeKind::Models
                            on:change=move |_| smoke_kind.set(SmokeKind::Models)
                        />
                        {l.pick(" GET /models (free)", " GET /models（免费）")}
                    </label>
                    <label class="kd-radio">
                        <input
                            type="radio"
                            name="kd-smoke-kind"
                            data-testid="smoke-kind-chat"
                            prop:checked=move || smoke_kind.get() == SmokeKind::Chat
                            on:change=move |_| smoke_kind.set(SmokeKind::Chat)
                        />
                        {l.pick(
                            " Chat completion of \"ping\", max_tokens 1",
                            " 对话补全：发送“ping”，max_tokens 1",
                        )}
                    </label>
                </div>
                <label class="kd-consent">
                    <input
                        type="checkbox"
                        data-testid="smoke-consent"
                        prop:checked=consent_given
                        on:change=move |ev| {
                            consented_for
                                .set(
                                    event_target_checked(&ev)
                                        .then(|| session.base_url.get_untracked()),
                                )
                        }
                    />
                    {l.pick(" I agree to send my key to ", " 我同意为这次测试把密钥发送到 ")}
                    <span class="kd-code">{move || session.base_url.get()}</span>
                    {l.pick(" for this test.", "。")}
                </label>
                <div class="kd-row">
                    <button
                        type="button"
                        class="kd-button"
                        data-testid="smoke-start"
                        disabled=move || running() || !consent_given() || !has_key()
                        on:click=move |_| smoke()
                    >
                        {l.pick("Send the test request", "发送测试请求")}
                    </button>
                    <span class="kd-hint">
                        {move || {
                            if !has_key() {
                                l.pick("Enter your key above first.", "请先在上面填写密钥。")
                            } else if !consent_given() {
                                l.pick("Tick the box to allow it.", "勾选上面的同意框后才能发送。")
                            } else {
                                ""
                            }
                        }}
                    </span>
                </div>
            </section>
        </div>
    }
}

/// One entry of the provider menu: the operator's presets (configuration) first, then the
/// built-in ones, the "custom gateway" entry last.
#[derive(Clone, Debug)]
struct MenuPreset {
    id: String,
    label: String,
    /// Empty for the "custom" entry.
    base_url: String,
    style: ApiStyle,
    model: String,
}

/// The provider menu of this widget.
fn menu(config: &WidgetConfig) -> Arc<[MenuPreset]> {
    let own = config.presets.iter().enumerate().map(|(i, p)| MenuPreset {
        id: format!("host-{i}"),
        label: p.label.clone(),
        base_url: p.base_url.clone(),
        style: p.style,
        model: p.model.clone(),
    });
    let built_in = PRESETS.iter().map(|p| MenuPreset {
        id: p.id.to_owned(),
        label: match p.id {
            "custom" => config.locale.pick(p.label, "自定义网关"),
            "gemini" => config.locale.pick(p.label, "Gemini（OpenAI 兼容）"),
            _ => p.label,
        }
        .to_owned(),
        base_url: p.base_url.to_owned(),
        style: p.style,
        model: p.model.to_owned(),
    });
    own.chain(built_in).collect()
}

/// The preset of a typed base URL, for the chat test's default model.
fn default_model(menu: &[MenuPreset], base: &str, style: ApiStyle) -> String {
    menu.iter()
        .find(|p| !p.base_url.is_empty() && base.trim().starts_with(p.base_url.as_str()))
        .or_else(|| {
            menu.iter()
                .find(|p| p.style == style && !p.model.is_empty())
        })
        .map_or_else(String::new, |p| p.model.clone())
}

/// The inputs: preset, base URL, key style, key, model and the number of warm requests.
#[component]
fn ProbeInputs(
    /// Where the base URL, key and model live.
    session: Session,
    /// Warm latency requests to make (1 to 50).
    warm: RwSignal<u32>,
) -> impl IntoView {
    let config = WidgetConfig::expect();
    let l = config.locale;
    let presets = menu(&config);
    let preset_options = presets
        .iter()
        .map(|p| view! { <option value=p.id.clone()>{p.label.clone()}</option> })
        .collect_view();
    let style_options = ApiStyle::ALL
        .into_iter()
        .map(|s| view! { <option value=s.id()>{s.label(l)}</option> })
        .collect_view();
    let base_input = NodeRef::<leptos::html::Input>::new();
    let menu_for_value = presets.clone();
    let preset_value = move || {
        session.base_url.with(|b| {
            let b = b.trim().trim_end_matches('/');
            menu_for_value
                .iter()
                .find(|p| !p.base_url.is_empty() && p.base_url == b)
                .map_or_else(|| "custom".to_owned(), |p| p.id.clone())
        })
    };
    let menu_for_pick = presets.clone();
    let pick = move |id: String| {
        let Some(p) = menu_for_pick.iter().find(|p| p.id == id) else {
            return;
        };
        if p.base_url.is_empty() {
            session.base_url.set(String::new());
            if let Some(el) = base_input.get_untracked() {
                let _ = el.focus();
            }
        } else {
            session.base_url.set(p.base_url.clone());
        }
        session.api_style.set(p.style);
    };
    let model_placeholder = move || {
        let m = default_model(&presets, &session.base_url.get(), session.api_style.get());
        if m.is_empty() {
            l.pick("model id (for the chat test)", "模型 ID（用于对话测试）")
                .to_owned()
        } else {
            format!("{}{m}", l.pick("default: ", "默认："))
        }
    };
    view! {
        <div class="kd-probe-grid">
            <label class="kd-label" for="kd-preset">
                {l.pick("Provider", "服务商")}
            </label>
            <select
                id="kd-preset"
                class="kd-select"
                data-testid="base-url-preset"
                prop:value=preset_value
                on:change=move |ev| pick(event_target_value(&ev))
            >
                {preset_options}
            </select>
            <label class="kd-label" for="kd-base-url">
                {l.pick("API base URL", "API Base URL")}
            </label>
            <input
                id="kd-base-url"
                class="kd-input"
                type="url"
                data-testid="base-url-input"
                node_ref=base_input
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="https://api.openai.com/v1"
                prop:value=move || session.base_url.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    session.api_style.set(ApiStyle::for_url(&text));
                    session.base_url.set(text);
                }
            />
            <label class="kd-label" for="kd-api-style">
                {l.pick("Key header", "密钥请求头")}
            </label>
            <select
                id="kd-api-style"
                class="kd-select"
                data-testid="probe-style"
                prop:value=move || session.api_style.get().id()
                on:change=move |ev| {
                    if let Some(s) = ApiStyle::from_id(&event_target_value(&ev)) {
                        session.api_style.set(s);
                    }
                }
            >
                {style_options}
            </select>
            <label class="kd-label" for="kd-probe-key">
                {l.pick("API key (optional, smoke test only)", "API 密钥（可选，仅用于冒烟测试）")}
            </label>
            <input
                id="kd-probe-key"
                class="kd-input"
                type="password"
                data-testid="probe-key-input"
                autocomplete="off"
                spellcheck="false"
                placeholder=l.pick("kept in this page's memory only", "只保存在本页内存中")
                prop:value=move || session.key.get()
                on:input=move |ev| session.key.set(event_target_value(&ev))
            />
            <label class="kd-label" for="kd-probe-model">
                {l.pick("Model (optional)", "模型（可选）")}
            </label>
            <input
                id="kd-probe-model"
                class="kd-input"
                type="text"
                data-testid="probe-model-input"
                autocomplete="off"
                spellcheck="false"
                placeholder=model_placeholder
                prop:value=move || session.model.get()
                on:input=move |ev| session.model.set(event_target_value(&ev))
            />
            <label class="kd-label" for="kd-probe-warm">
                {l.pick("Warm requests", "热请求次数")}
            </label>
            <input
                id="kd-probe-warm"
                class="kd-input kd-input-short"
                type="number"
                min="1"
                max=MAX_WARM.to_string()
                data-testid="probe-warm-input"
                prop:value=move || warm.get().to_string()
                on:change=move |ev| {
                    let n = event_target_value(&ev).trim().parse::<u32>().unwrap_or(DEFAULT_WARM);
                    warm.set(n.clamp(1, MAX_WARM));
                }
            />
        </div>
    }
}

/// The progress bar and what the run is doing, announced politely.
#[component]
fn ProgressView(
    /// The widget's language.
    l: Locale,
    /// The run to follow.
    report: RwSignal<Report>,
) -> impl IntoView {
    let shown = move || report.with(|r| r.state != RunState::Idle);
    view! {
        <div class="kd-progress" data-testid="probe-progress" hidden=move || !shown()>
            <progress
                max=move || report.with(|r| r.progress.total.max(1).to_string())
                value=move || report.with(|r| r.progress.done.to_string())
            ></progress>
            <span role="status" aria-live="polite">
                {move || {
                    report
                        .with(|r| {
                            let label = r.progress.label.get(l);
                            if r.state != RunState::Done {
                                return label.to_owned();
                            }
                            // Done: what a screen reader hears is the outcome, not only "Done."
                            let n = |v: Verdict| r.checks.iter().filter(|c| c.verdict == v).count();
                            let (pass, warn, fail) =
                                (n(Verdict::Pass), n(Verdict::Warn), n(Verdict::Fail));
                            match l {
                                Locale::En => format!(
                                    "{label} {pass} passed, {warn} warned, {fail} failed."
                                ),
                                Locale::ZhCn => format!(
                                    "{label}{pass} 项通过，{warn} 项警告，{fail} 项失败。"
                                ),
                            }
                        })
                }}
            </span>
        </div>
    }
}

/// One check's verdict, sentence, note and curl line.
#[component]
fn CheckView(
    /// The widget's language.
    l: Locale,
    /// The finished check.
    result: CheckResult,
) -> impl IntoView {
    let copy = Action::new_local(|text: &String| {
        let text = text.clone();
        async move { browser::copy_text(&text).await }
    });
    let copy_answer = Action::new_local(|text: &String| {
        let text = text.clone();
        async move { browser::copy_text(&text).await }
    });
    // The smoke test's answer as text (key scrubbed), kept in the session for the other panels.
    let answer = Session::expect().smoke_answer;
    let curl = result.curl.clone();
    let category = result
        .diagnosis
        .as_ref()
        .map(|d| d.category.id())
        .unwrap_or_default();
    let diagnosis = result.diagnosis.clone().map(|d| {
        let steps = d
            .steps
            .iter()
            .map(|s| view! { <li>{s.clone()}</li> })
            .collect_view();
        view! {
            <div class="kd-smoke-diagnosis" data-testid="smoke-diagnosis">
                <p>
                    <span class="kd-badge">{d.category.id()}</span>
                    " "
                    <span class="kd-title">{d.title.clone()}</span>
                </p>
                <p class="kd-meaning">{d.meaning.clone()}</p>
                <ol class="kd-steps">{steps}</ol>
                <div class="kd-row">
                    <button
                        type="button"
                        class="kd-button kd-button-quiet"
                        data-testid="smoke-copy-answer"
                        on:click=move |_| {
                            if let Some(text) = answer.get_untracked() {
                                copy_answer.dispatch_local(text);
                            }
                        }
                    >
                        {move || match copy_answer.value().get() {
                            Some(true) => l.pick("Answer copied", "响应已复制"),
                            Some(false) => l.pick("Couldn't copy here", "这里无法复制"),
                            None => l.pick("Copy the whole answer", "复制完整响应"),
                        }}
                    </button>
                    <span class="kd-visually-hidden" role="status">
                        {move || match copy_answer.value().get() {
                            Some(true) => l.pick("Answer copied to the clipboard.", "响应已复制到剪贴板。"),
                            Some(false) => l.pick(
                                "Couldn't copy here: select the answer and copy it by hand.",
                                "这里无法复制：请选中响应手动复制。",
                            ),
                            None => "",
                        }}
                    </span>
                    <span class="kd-hint">
                        {l.pick(
                            "(your key scrubbed), to paste into Diagnose an error or a ticket.",
                            "（已抹去你的密钥），可粘贴到“诊断报错”或工单中。",
                        )}
                    </span>
                </div>
            </div>
        }
    });
    let note = result
        .note
        .clone()
        .map(|n| view! { <p class="kd-note" data-testid="timing-note">{n.get(l).to_owned()}</p> });
    let curl_view = (!curl.is_empty()).then(|| {
        let text = curl.clone();
        view! {
            <div class="kd-curl-row">
                <pre class="kd-curl" data-testid="check-curl"><code>{curl.clone()}</code></pre>
                <button
                    type="button"
                    class="kd-button kd-button-quiet kd-curl-copy"
                    on:click=move |_| {
                        copy.dispatch_local(text.clone());
                    }
                >
                    {move || match copy.value().get() {
                        Some(true) => l.pick("Copied", "已复制"),
                        Some(false) => l.pick("Select and copy", "请选中后复制"),
                        None => l.pick("Copy", "复制"),
                    }}
                </button>
                <span class="kd-visually-hidden" role="status">
                    {move || match copy.value().get() {
                        Some(true) => l.pick("curl line copied to the clipboard.", "curl 命令已复制到剪贴板。"),
                        Some(false) => l.pick(
                            "Couldn't copy here: select the line and copy it by hand.",
                            "这里无法复制：请选中这一行手动复制。",
                        ),
                        None => "",
                    }}
                </span>
            </div>
        }
    });
    let verdict_word = verdict_word(result.verdict, l);
    view! {
        <li
            class="kd-check-item"
            data-testid="probe-check"
            data-check=result.check.id()
            data-verdict=result.verdict.id()
            data-outcome=result.outcome.id()
            data-status=result.http_status.map(|s| s.to_string()).unwrap_or_default()
            data-category=category
        >
            <p class="kd-check-head">
                <span class=format!("kd-verdict-badge kd-v-{}", result.verdict.id())>
                    {verdict_word}
                </span>
                " "
                <span class="kd-check-title">{result.check.title(l)}</span>
            </p>
            <p class="kd-check-sentence" data-testid="check-sentence">
                {result.sentence.get(l).to_owned()}
            </p>
            {note}
            {diagnosis}
            {curl_view}
        </li>
    }
}

/// A verdict as its badge says it in `l`.
fn verdict_word(v: Verdict, l: Locale) -> &'static str {
    match v {
        Verdict::Pass => l.pick("pass", "通过"),
        Verdict::Warn => l.pick("warn", "警告"),
        Verdict::Fail => l.pick("fail", "失败"),
        Verdict::Skip => l.pick("skipped", "跳过"),
    }
}

/// Geometry of one bar of the latency chart, in SVG user units.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Bar {
    x: u32,
    y: u32,
    width: u32,
    height: u32,
    class: &'static str,
    label: String,
}

const CHART_W: u32 = 600;
const CHART_H: u32 = 160;
const CHART_TOP: u32 = 16;

/// Bars for the samples (cold first, lost ones drawn full height in the "lost" style), scaled
/// to the slowest answered sample; and the median's height.
fn chart_bars(samples: &[Sample], median: Option<f64>, l: Locale) -> (Vec<Bar>, Option<u32>, f64) {
    let max = samples
        .iter()
        .filter_map(|s| s.ms)
        .filter(|m| m.is_finite())
        .fold(1.0_f64, f64::max);
    let plot = CHART_H - CHART_TOP;
    let slot = CHART_W / (samples.len().max(10) as u32);
    let width = (slot * 3 / 4).max(2);
    let y_of = |ms: f64| -> u32 {
        // max/min, not f64::clamp (whose panic message brings float formatting into the wasm).
        let h = ((ms / max) * f64::from(plot))
            .round()
            .max(1.0)
            .min(f64::from(plot)) as u32;
        CHART_H - h
    };
    let bars = samples
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let x = i as u32 * slot + (slot - width) / 2;
            let (y, class, label) = match s.ms {
                Some(ms) if ms.is_finite() => (
                    y_of(ms),
                    if s.cold { "kd-bar-cold" } else { "kd-bar" },
                    format!(
                        "{} {}: {}",
                        if s.cold {
                            l.pick("cold", "冷请求")
                        } else {
                            l.pick("warm", "热请求")
                        },
                        s.index,
                        fmt_ms(ms)
                    ),
                ),
                _ => (
                    CHART_TOP,
                    "kd-bar-lost",
                    match l {
                        Locale::En => format!("request {}: lost", s.index),
                        Locale::ZhCn => format!("请求 {}：丢失", s.index),
                    },
                ),
            };
            Bar {
                x,
                y,
                width,
                height: CHART_H - y,
                class,
                label,
            }
        })
        .collect();
    (bars, median.map(y_of), max)
}

/// The latency figures and chart, once there are samples.
#[component]
fn LatencyView(
    /// The widget's language.
    l: Locale,
    /// The run whose samples to draw.
    report: RwSignal<Report>,
) -> impl IntoView {
    move || {
        report.with(|r| {
            if r.samples.is_empty() {
                return None;
            }
            let s = r.stats.clone();
            let (bars, median_y, max) = chart_bars(&r.samples, s.median_ms, l);
            let bars = bars
                .into_iter()
                .map(|b| {
                    view! {
                        <rect
                            class=b.class
                            x=b.x.to_string()
                            y=b.y.to_string()
                            width=b.width.to_string()
                            height=b.height.to_string()
                        >
                            <title>{b.label}</title>
                        </rect>
                    }
                })
                .collect_view();
            let median_line = median_y.map(|y| {
                view! {
                    <line
                        class="kd-median"
                        x1="0"
                        x2=CHART_W.to_string()
                        y1=y.to_string()
                        y2=y.to_string()
                    ></line>
                }
            });
            let fig = |v: Option<f64>| v.map(fmt_ms).unwrap_or_else(|| "–".to_owned());
            let figures = [
                (l.pick("cold", "冷请求"), fig(s.cold_ms)),
                (l.pick("min", "最小"), fig(s.min_ms)),
                (l.pick("median", "中位数"), fig(s.median_ms)),
                ("p90", fig(s.p90_ms)),
                (l.pick("max", "最大"), fig(s.max_ms)),
                (l.pick("jitter", "抖动"), fig(s.jitter_ms)),
                (
                    l.pick("lost", "丢失"),
                    format!("{}{}{}", s.warm_lost, l.pick(" of ", "/"), s.warm_sent),
                ),
            ]
            .into_iter()
            .map(|(name, value)| {
                view! {
                    <div>
                        <dt>{name}</dt>
                        <dd>{value}</dd>
                    </div>
                }
            })
            .collect_view();
            let (n, cold, median, slowest) =
                (r.samples.len(), fig(s.cold_ms), fig(s.median_ms), fmt_ms(max));
            let summary = match l {
                Locale::En => format!(
                    "Latency of {n} requests: cold {cold}, warm median {median}, slowest {slowest}."
                ),
                Locale::ZhCn => format!(
                    "{n} 个请求的延迟：冷请求 {cold}，热请求中位数 {median}，最慢 {slowest}。"
                ),
            };
            Some(view! {
                <div class="kd-latency">
                    <dl
                        class="kd-latency-stats"
                        data-testid="latency-stats"
                        data-cold-ms=tenths(s.cold_ms)
                        data-median-ms=tenths(s.median_ms)
                        data-p90-ms=tenths(s.p90_ms)
                        data-min-ms=tenths(s.min_ms)
                        data-max-ms=tenths(s.max_ms)
                        data-jitter-ms=tenths(s.jitter_ms)
                        data-lost=s.warm_lost.to_string()
                        data-warm=s.warm_sent.to_string()
                    >
                        {figures}
                    </dl>
                    <svg
                        class="kd-chart"
                        data-testid="latency-chart"
                        viewBox=format!("0 0 {CHART_W} {CHART_H}")
                        role="img"
                        aria-label=summary
                    >
                        {bars}
                        {median_line}
                    </svg>
                    <p class="kd-chart-legend">
                        <span class="kd-key kd-key-cold"></span>
                        {l.pick(" cold (first request, new connection)  ", " 冷请求（第一个请求，新建连接）  ")}
                        <span class="kd-key kd-key-warm"></span>
                        {l.pick(" warm  ", " 热请求  ")}
                        <span class="kd-key kd-key-lost"></span>
                        {l.pick(" lost  — median line. Scale: 0 to ", " 丢失  — 线为中位数。刻度：0 到 ")}
                        {fmt_ms(max)}
                    </p>
                </div>
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(index: u32, ms: Option<f64>) -> Sample {
        Sample {
            index,
            cold: index == 0,
            ms,
            phases: None,
        }
    }

    #[test]
    fn bars_scale_to_the_slowest_and_mark_cold_and_lost() {
        let samples = [s(0, Some(100.0)), s(1, Some(50.0)), s(2, None)];
        let (bars, median, max) = chart_bars(&samples, Some(50.0), Locale::En);
        assert_eq!(max, 100.0);
        assert_eq!(bars[0].class, "kd-bar-cold");
        assert_eq!(bars[0].y, CHART_TOP);
        assert_eq!(bars[1].class, "kd-bar");
        assert_eq!(bars[1].height, (CHART_H - CHART_TOP) / 2);
        assert_eq!(bars[2].class, "kd-bar-lost");
        assert_eq!(median, Some(bars[1].y));
        assert!(bars
            .iter()
            .all(|b| b.x + b.width <= CHART_W && b.y + b.height == CHART_H));
    }

    #[test]
    fn state_follows_the_latest_action() {
        use RunState::*;
        assert_eq!(panel_state(Idle, Idle), Idle);
        assert_eq!(panel_state(Running, Idle), Running);
        assert_eq!(panel_state(Done, Running), Running);
        assert_eq!(panel_state(Done, Cancelled), Cancelled);
        assert_eq!(panel_state(Cancelled, Idle), Cancelled);
    }
}
