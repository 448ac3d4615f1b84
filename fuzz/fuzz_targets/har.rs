//! HAR parsing and HAR redaction. First byte even: the rest builds a valid HAR (NUL-separated
//! fields), which must parse with every entry, failing ones first, and stay a HAR with the same
//! entries after redaction. Odd: the rest is pasted as is (request and redaction properties,
//! and a HAR that parses keeps its entries through redaction).
#![no_main]

use keydoctor_fuzz::props::check_har;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = check_har(data) {
        panic!("{e}");
    }
});
