//! Request parsing (`domain::request::parse_request`) on any paste: never panics, the kind is
//! `detect_kind`'s, the sanitized copy keeps its shape and no field of it is still flagged by
//! the scanner.
#![no_main]

use keydoctor_fuzz::props::{check_request, text_of};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = check_request(&text_of(data)) {
        panic!("{e}");
    }
});
