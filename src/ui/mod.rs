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

use crate::domain::diagnose::CatalogEntry;
use crate::domain::locale::Locale;

pub use bundle::BundlePanel;
pub use connection::ConnectionPanel;
pub use diagnose::DiagnosePanel;
pub use sanitize::SanitizePanel;
pub use shared::Session;

/// Settings of one widget instance, provided once by [`App`] and read with [`WidgetConfig::expect`].
#[derive(Clone, Debug, Default)]
pub struct WidgetConfig {
    /// Language of the diagnosis texts. Default: English.
    pub locale: Locale,
    /// The operator's own error codes, consulted before the built-in rules. Default: none.
    pub catalog: Arc<[CatalogEntry]>,
    /// The operator's support contact (an address or a URL), shown beside the support bundle and
    /// printed at its end. Default: none.
    pub support_contact: Option<String>,
}

impl WidgetConfig {
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
    pub fn label(self) -> &'static str {
        match self {
            Panel::Diagnose => "Diagnose an error",
            Panel::Sanitize => "Sanitize & check the key",
            Panel::Connection => "Check the connection",
            Panel::Bundle => "Support bundle",
        }
    }
}

/// The whole widget: header, tabs and the active panel. Configuration: [`WidgetConfig::default`].
#[component]
pub fn App() -> impl IntoView {
    provide_context(WidgetConfig::default());
    provide_context(Session::new());
    let active = RwSignal::new(Panel::Diagnose);
    let tab_refs: Vec<(Panel, NodeRef<leptos::html::Button>)> = Panel::ALL
        .into_iter()
        .map(|p| (p, NodeRef::new()))
        .collect();
    let refs = tab_refs.clone();
    // The tabs pattern of WAI-ARIA: arrow keys, Home and End move between tabs.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = Panel::ALL.len();
        let i = Panel::ALL
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
        active.set(Panel::ALL[next]);
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
                    {panel.label()}
                </button>
            }
        })
        .collect_view();

    let panels = Panel::ALL
        .into_iter()
        .map(|panel| {
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

    view! {
        <div class="kd">
            <header class="kd-header">
                <h1 class="kd-brand">
                    <span class="kd-logo" aria-hidden="true">"+"</span>
                    "keydoctor"
                </h1>
                <p class="kd-tagline">
                    "Find out why an LLM API call failed. Everything runs in this page: "
                    "nothing you paste is sent anywhere."
                </p>
            </header>
            <nav class="kd-tabs" role="tablist" aria-label="Tools">
                {tabs}
            </nav>
            <main class="kd-main">{panels}</main>
        </div>
    }
}
