//! Helpers shared by more than one test file (each test file is its own crate: `mod common;`).

#[cfg(target_arch = "wasm32")]
pub mod dom;
