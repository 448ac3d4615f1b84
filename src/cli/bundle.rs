//! `keydoctor bundle --error FILE [--request FILE] [--client NAME] [--key-name NAME]
//! [--time RFC3339] [--format md|json] [--keep-prompts]`: prints a redacted support bundle,
//! after the same leak guard the page runs before an export.

use super::{parse_flags, read_input, CliError};
use crate::domain::bundle::{build, guard, suggest_client, BundleInput};
use std::io::Read;

pub(super) fn run(args: &[String], stdin: &mut dyn Read) -> Result<String, CliError> {
    let (positional, options) = parse_flags(
        args,
        &[
            "--error",
            "--request",
            "--client",
            "--key-name",
            "--time",
            "--format",
        ],
        &["--keep-prompts"],
    )?;
    if let Some(extra) = positional.first() {
        return Err(CliError::usage(format!(
            "unexpected argument `{extra}`; bundle reads files given with --error and --request"
        )));
    }
    let opt = |name: &str| {
        options
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| *v)
    };
    let error_file = opt("--error").ok_or_else(|| CliError::usage("bundle needs --error FILE"))?;
    let request_file = opt("--request");
    if error_file == "-" && request_file == Some("-") {
        return Err(CliError::usage(
            "only one of --error and --request can read standard input",
        ));
    }
    let format = opt("--format").unwrap_or("md");
    if !matches!(format, "md" | "json") {
        return Err(CliError::usage(format!(
            "--format must be md or json, not `{format}`"
        )));
    }
    let time = match opt("--time") {
        Some(t) if is_rfc3339(t) => t.to_string(),
        Some(t) => {
            return Err(CliError::usage(format!(
                "--time must be RFC 3339, like 2026-11-24T22:00:00Z, not `{t}`"
            )))
        }
        None => now_rfc3339(),
    };
    let error = read_input(Some(error_file), stdin)?;
    let request = request_file
        .map(|f| read_input(Some(f), stdin))
        .transpose()?;
    let client = opt("--client").map(str::to_string).or_else(|| {
        suggest_client(&format!("{error}\n{}", request.as_deref().unwrap_or("")))
            .map(str::to_string)
    });
    let input = BundleInput {
        time: Some(time),
        client,
        key_name: opt("--key-name").map(str::to_string),
        request,
        error: Some(error),
        keep_prompts: options.iter().any(|(n, _)| *n == "--keep-prompts"),
        ..BundleInput::default()
    };
    let bundle = build(&input);
    let text = if format == "json" {
        bundle.json
    } else {
        bundle.markdown
    };
    let leaks = guard(&text, None);
    if let Some(first) = leaks.first() {
        return Err(CliError::usage(format!(
            "refusing to print: a secret ({}) survived redaction at line {}",
            first.what, first.line
        )));
    }
    Ok(text)
}

/// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
fn is_rfc3339(t: &str) -> bool {
    let b = t.as_bytes();
    let d = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() < 20
        || !(d(0..4) && b[4] == b'-' && d(5..7) && b[7] == b'-' && d(8..10))
        || !matches!(b[10], b'T' | b't' | b' ')
        || !(d(11..13) && b[13] == b':' && d(14..16) && b[16] == b':' && d(17..19))
    {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len() && d(i + 1..i + 3) && b[i + 3] == b':' && d(i + 4..i + 6)
        }
        _ => false,
    }
}

/// The current time in UTC as RFC 3339 (the command line may read the clock; the domain may not).
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_shapes() {
        for ok in [
            "2026-11-24T22:00:00Z",
            "2026-11-24T22:00:00.123+01:00",
            "2026-11-24 22:00:00-05:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2026-11-24",
            "yesterday",
            "2026-11-24T22:00:00",
            "2026-11-24T22:00:00+0100",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
        assert!(is_rfc3339(&now_rfc3339()));
    }
}
