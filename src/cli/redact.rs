//! `keydoctor redact [FILE] [--json] [--keep-prompts]`: prints the text with every secret
//! redacted, or with `--json` `{ "text": ..., "redactions": [{ "rule", "placeholder", "count" }] }`.

use super::{parse_flags, read_input, CliError};
use crate::domain::redact::{redact, RedactOptions};
use std::io::Read;

pub(super) fn run(args: &[String], stdin: &mut dyn Read) -> Result<String, CliError> {
    let (positional, options) = parse_flags(args, &[], &["--json", "--keep-prompts"])?;
    if positional.len() > 1 {
        return Err(CliError::usage("redact takes at most one FILE"));
    }
    let json = options.iter().any(|(n, _)| *n == "--json");
    let keep_prompts = options.iter().any(|(n, _)| *n == "--keep-prompts");
    let text = read_input(positional.first().copied(), stdin)?;
    let r = redact(&text, &RedactOptions { keep_prompts });
    if json {
        let mut s = serde_json::to_string_pretty(&r)
            .map_err(|e| CliError::usage(format!("cannot print JSON: {e}")))?;
        s.push('\n');
        Ok(s)
    } else {
        Ok(r.text)
    }
}
