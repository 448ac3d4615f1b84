//! Redaction (`domain::redact::redact`, `scan`) on any text: never panics, deterministic, the
//! re-scan of the output finds nothing, redacting the output again changes nothing, and valid
//! JSON stays valid JSON.
#![no_main]

use keydoctor_fuzz::props::{check_redact, text_of};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = check_redact(&text_of(data)) {
        panic!("{e}");
    }
});
