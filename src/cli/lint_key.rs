//! `keydoctor lint-key [--base-url URL] [--header NAME] [--verbose]`: reads the key or header
//! value from standard input (never from an argument) and prints `{ "findings": [ids...] }`;
//! `--verbose` adds each finding's sentence and fix.
//!
//! Exactly one trailing `\n` is stripped from standard input, the newline `echo` adds; any
//! other whitespace (a `\r` before it, a second newline, spaces) is kept and reported.

use super::{parse_flags, read_input, CliError};
use crate::domain::keylint::lint_key;
use std::io::Read;

pub(super) fn run(args: &[String], stdin: &mut dyn Read) -> Result<String, CliError> {
    let (positional, options) = parse_flags(args, &["--base-url", "--header"], &["--verbose"])?;
    if !positional.is_empty() {
        return Err(CliError::usage(
            "lint-key reads the key from standard input, never from an argument (try: printf %s \"$KEY\" | keydoctor lint-key)",
        ));
    }
    let get = |name: &str| {
        options
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| *v)
    };
    let base_url = get("--base-url");
    let header = get("--header");
    let verbose = options.iter().any(|(n, _)| *n == "--verbose");
    let input = read_input(None, stdin)?;
    let value = input.strip_suffix('\n').unwrap_or(&input);
    if value.is_empty() && input.is_empty() {
        return Err(CliError::usage("no key on standard input"));
    }
    let findings = lint_key(value, header, base_url);
    let out = if verbose {
        serde_json::json!({
            "findings": findings.iter().map(|f| f.id).collect::<Vec<_>>(),
            "details": findings,
        })
    } else {
        serde_json::json!({ "findings": findings.iter().map(|f| f.id).collect::<Vec<_>>() })
    };
    let mut s = serde_json::to_string_pretty(&out)
        .map_err(|e| CliError::usage(format!("cannot print JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}
