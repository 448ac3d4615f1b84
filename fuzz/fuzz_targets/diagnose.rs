//! Diagnosis (`domain::diagnose::diagnose`, `diagnose_with`) on any paste: never panics,
//! deterministic, well-formed evidence, the locale changes wording only, and an operator's
//! catalog code found as a word decides the category. The first byte picks the catalog word
//! and category; the whole input is the paste.
#![no_main]

use keydoctor_fuzz::props::{check_diagnose, text_of};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let pick = data.first().copied().unwrap_or(0);
    if let Err(e) = check_diagnose(&text_of(data), pick) {
        panic!("{e}");
    }
});
