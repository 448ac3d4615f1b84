//! keydoctor: a private, in-browser doctor for failing LLM API calls.
//!
//! The crate has three layers:
//! - [`domain`]: pure analyses over text (diagnosis, redaction, key lint, request parsing,
//!   bundles, latency statistics). No browser, no clock, no network.
//! - `browser` (wasm32 only): the one thin layer that calls web APIs.
//! - `ui` (feature `web`): Leptos components that wire the two together.
//!
//! The command line (`src/bin/keydoctor.rs`, logic in [`cli`]) runs the same domain natively.

pub mod cli;
pub mod domain;

#[cfg(all(feature = "web", target_arch = "wasm32"))]
pub mod browser;
#[cfg(feature = "web")]
pub mod ui;
