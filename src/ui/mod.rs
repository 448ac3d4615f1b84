//! Leptos components. They only wire the domain to the browser layer: no analysis happens here,
//! and no pasted text is ever rendered as HTML (no raw-HTML setter anywhere under `src/ui`).
//!
//! One module per panel (`diagnose`, `connection`; `sanitize` and `bundle` to come), and
//! [`App`], the shell that shows them as tabs. Every panel stays mounted (the inactive ones are
//! `hidden`), so switching tabs never loses what was typed.

mod bundle;
mod connection;
mod diagnose;
mod sanitize;
mod shared;
mod text;

#[cfg(target_arch = "wasm32")]
use crate::browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
use native as browser;

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::config::{Config, CustomPreset, Ignored};
use crate::domain::diagnose::CatalogEntry;
use crate::domain::locale::Locale;

pub use bundle::BundlePanel;
pub use connection::ConnectionPanel;
pub use diagnose::DiagnosePanel;
pub use sanitize::SanitizePanel;
pub use shared::Session;

/// Settings of one widget instance, provided once by [`App`] and read with [`WidgetConfig::expect`].
/// Made from the host's [`Config`] by [`WidgetConfig::new`]; the default is the stand-alone page.
#[derive(Clone, Debug)]
pub struct WidgetConfig {
    /// Language of every string of the UI and of the checklists. Default: English.
    pub locale: Locale,
    /// The operator's own error codes, consulted before the built-in rules. Default: none.
    pub catalog: Arc<[CatalogEntry]>,
    /// The operator's support contact (an address or a URL), shown beside the support bundle and
    /// printed at its end. Default: none.
    pub support_contact: Option<String>,
    /// The name in the header. Default: keydoctor.
    pub brand: Option<String>,
    /// The operator's base-URL presets, listed before the built-in ones.
    pub presets: Arc<[CustomPreset]>,
    /// The enabled panels, in tab order; never empty.
    pub panels: Arc<[Panel]>,
    /// Settings of the host's that were ignored, shown above the tabs.
    pub ignored: Arc<[Ignored]>,
    /// The error text of a `#error=` link (secrets already redacted), for the Diagnose panel.
    pub prefill: Option<String>,
}

impl Default for WidgetConfig {
    fn default() -> Self {
        WidgetConfig::new(Config::default(), Locale::En)
    }
}

impl WidgetConfig {
    /// The settings of `config`; `fallback` is the locale when the host set none (the
    /// browser's language).
    pub fn new(config: Config, fallback: Locale) -> WidgetConfig {
        let mut panels: Vec<Panel> = Panel::ALL
            .into_iter()
            .filter(|p| config.panels.contains(&p.id()))
            .collect();
        if panels.is_empty() {
            panels = Panel::ALL.to_vec();
        }
        WidgetConfig {
            locale: config.locale.unwrap_or(fallback),
            catalog: config.catalog.into(),
            support_contact: config.support_contact,
            brand: config.brand,
            presets: config.presets.into(),
            panels: panels.into(),
            ignored: config.ignored.into(),
            prefill: None,
        }
    }

    /// The configuration provided by [`App`].
    ///
    /// # Panics
    /// When called outside `App`: a panel must be mounted inside the shell.
    pub fn expect() -> WidgetConfig {
        use_context::<WidgetConfig>()
            .expect("WidgetConfig missing: mount panels inside keydoctor::ui::App")
    }
}

/// The panels of the widget, in tab order. Adding one: a variant here and a module beside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Diagnose,
    Sanitize,
    Connection,
    Bundle,
}

impl Panel {
    /// Every panel that is shown, in tab order.
    pub const ALL: [Panel; 4] = [
        Panel::Diagnose,
        Panel::Sanitize,
        Panel::Connection,
        Panel::Bundle,
    ];

    /// A stable id, used in element ids.
    pub fn id(self) -> &'static str {
        match self {
            Panel::Diagnose => "diagnose",
            Panel::Sanitize => "sanitize",
            Panel::Connection => "connection",
            Panel::Bundle => "bundle",
        }
    }

    /// The tab's label.
    pub fn label(self, l: Locale) -> &'static str {
        match self {
            Panel::Diagnose => l.pick("Diagnose an error", "诊断报错"),
            Panel::Sanitize => l.pick("Sanitize & check the key", "脱敏并检查密钥"),
            Panel::Connection => l.pick("Check the connection", "检查连接"),
            Panel::Bundle => l.pick("Support bundle", "支持信息包"),
        }
    }
}

/// The whole widget: header, tabs and the active panel, configured by `config` (the stand-alone
/// page's defaults when absent). `page`: the widget is the whole page (a level-1 heading).
#[component]
pub fn App(
    #[prop(optional)] config: Option<WidgetConfig>,
    #[prop(optional)] page: bool,
) -> impl IntoView {
    let config = config.unwrap_or_default();
    let l = config.locale;
    provide_context(config.clone());
    let session = Session::new();
    if let Some(text) = &config.prefill {
        session.error_text.set(text.clone());
    }
    provide_context(session);
    let shown: Arc<[Panel]> = config.panels.clone();
    let active = RwSignal::new(shown[0]);
    let tab_refs: Vec<(Panel, NodeRef<leptos::html::Button>)> =
        shown.iter().map(|p| (*p, NodeRef::new())).collect();
    let refs = tab_refs.clone();
    let order = shown.clone();
    // The tabs pattern of WAI-ARIA: arrow keys, Home and End move between tabs.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = order.len();
        let i = order
            .iter()
            .position(|p| *p == active.get_untracked())
            .unwrap_or(0);
        let next = match browser::key_name(&ev).as_str() {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        browser::prevent_default(&ev);
        active.set(order[next]);
        if let Some(el) = refs[next].1.get_untracked() {
            browser::focus(&el);
        }
    };

    let tabs = tab_refs
        .into_iter()
        .map(|(panel, node)| {
            let selected = move || active.get() == panel;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="kd-tab"
                    node_ref=node
                    id=format!("kd-tab-{}", panel.id())
                    aria-controls=format!("kd-panel-{}", panel.id())
                    aria-selected=move || if selected() { "true" } else { "false" }
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| active.set(panel)
                    on:keydown=on_key.clone()
                >
                    {panel.label(l)}
                </button>
            }
        })
        .collect_view();

    let panels = shown
        .iter()
        .map(|&panel| {
            let body = match panel {
                Panel::Diagnose => view! { <DiagnosePanel /> }.into_any(),
                Panel::Sanitize => view! { <SanitizePanel /> }.into_any(),
                Panel::Connection => view! { <ConnectionPanel /> }.into_any(),
                Panel::Bundle => {
                    let shown = Signal::derive(move || active.get() == Panel::Bundle);
                    view! { <BundlePanel active=shown /> }.into_any()
                }
            };
            view! {
                <section
                    class="kd-panel"
                    role="tabpanel"
                    id=format!("kd-panel-{}", panel.id())
                    aria-labelledby=format!("kd-tab-{}", panel.id())
                    hidden=move || active.get() != panel
                >
                    {body}
                </section>
            }
        })
        .collect_view();

    let notes = (!config.ignored.is_empty()).then(|| {
        let items = config
            .ignored
            .iter()
            .map(|note| view! { <li data-setting=note.setting.clone()>{note.message(l)}</li> })
            .collect_view();
        view! {
            <div class="kd-config-notes" role="status" data-testid="config-ignored">
                <p>
                    {l.pick(
                        "Some settings of this page were ignored; the defaults are used instead:",
                        "本页的部分设置被忽略，已改用默认值：",
                    )}
                </p>
                <ul>{items}</ul>
            </div>
        }
    });
    let brand = config
        .brand
        .clone()
        .unwrap_or_else(|| "keydoctor".to_owned());
    let heading = if page {
        view! { <h1 class="kd-brand" data-testid="brand"><span class="kd-logo" aria-hidden="true">"+"</span>{brand}</h1> }
            .into_any()
    } else {
        view! { <h2 class="kd-brand" data-testid="brand"><span class="kd-logo" aria-hidden="true">"+"</span>{brand}</h2> }
            .into_any()
    };

    view! {
        <div class="kd" lang=l.tag()>
            <header class="kd-header">
                {heading}
                <p class="kd-tagline">
                    {l.pick(
                        "Find out why an LLM API call failed. Everything runs in this page: nothing you paste is sent anywhere.",
                        "找出大模型 API 调用失败的原因。一切都在本页内完成：你粘贴的内容不会发送到任何地方。",
                    )}
                </p>
            </header>
            {notes}
            <nav class="kd-tabs" role="tablist" aria-label=l.pick("Tools", "工具") hidden=shown.len() < 2>
                {tabs}
            </nav>
            <div class="kd-main">{panels}</div>
        </div>
    }
}
