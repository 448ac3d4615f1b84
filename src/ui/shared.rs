//! State shared by the panels of one widget: what the user told one panel that another needs
//! (the base URL, the key, the model) and what a panel found that another shows (the last
//! connection check, the smoke test's answer for panel 1). Provided once by `App` as
//! [`Session`], read with [`Session::expect`].
//!
//! The key lives in memory only: never written to storage, the URL, the console or a log, and
//! never shown in full (inputs holding it are `type="password"`). `Session` has no `Debug`.

use leptos::prelude::*;

use crate::domain::probe::{ApiStyle, CheckResult, Report};

/// Signals shared by the panels. `Copy`: every field is a signal handle.
#[derive(Clone, Copy)]
pub struct Session {
    /// The API base URL being checked. Default: empty.
    pub base_url: RwSignal<String>,
    /// How the API wants its key (set from a preset or the URL's host). Default: OpenAI-style.
    pub api_style: RwSignal<ApiStyle>,
    /// The user's key, memory only. Default: empty.
    pub key: RwSignal<String>,
    /// The model for the chat smoke test. Default: empty (the preset's model is used).
    pub model: RwSignal<String>,
    /// The last connection check (checks 1 to 4). Default: idle.
    pub probe: RwSignal<Report>,
    /// The last smoke test's result (check 5). Default: none.
    pub smoke: RwSignal<Option<CheckResult>>,
    /// The last smoke test's answer as a paste for the Diagnose panel (status line, exposed
    /// headers, body; every piece of the key scrubbed). Default: none.
    pub smoke_answer: RwSignal<Option<String>>,
    /// The error text pasted into the Diagnose panel (raw; the bundle redacts it). Default: empty.
    pub error_text: RwSignal<String>,
    /// The request pasted into the Sanitize panel (raw; only ever shown redacted). Default: empty.
    pub request_text: RwSignal<String>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// Empty state, owned by the current reactive owner.
    pub fn new() -> Session {
        Session {
            base_url: RwSignal::new(String::new()),
            api_style: RwSignal::new(ApiStyle::OpenAi),
            key: RwSignal::new(String::new()),
            model: RwSignal::new(String::new()),
            probe: RwSignal::new(Report::idle()),
            smoke: RwSignal::new(None),
            smoke_answer: RwSignal::new(None),
            error_text: RwSignal::new(String::new()),
            request_text: RwSignal::new(String::new()),
        }
    }

    /// The session provided by `App`.
    ///
    /// # Panics
    /// When called outside `App`: mount panels inside the shell, which provides it.
    pub fn expect() -> Session {
        use_context::<Session>().expect("Session missing: mount panels inside keydoctor::ui::App")
    }
}
