//! The pure domain: plain Rust over `&str` and structs.
//!
//! Invariant: nothing under `src/domain` touches the browser, the clock, the network or the
//! file system, and nothing here panics on any input.

pub mod baseurl;
pub mod bundle;
pub mod config;
pub mod diagnose;
pub(crate) mod json;
pub mod keylint;
pub mod locale;
pub mod probe;
pub mod provider;
pub mod redact;
pub mod request;
mod sort;
