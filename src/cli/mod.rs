//! The command line's logic, kept out of `main` so it is tested like any library code.
//!
//! Contract (DESIGN.md): input from a file or standard input, never a key as an argument;
//! JSON or text on stdout; bad input gets a one-line error and exit status 2, never a panic.

mod bundle;
mod diagnose;
mod lint_key;
mod redact;

use std::fmt;
use std::io::Read;

/// Largest input the command line reads (bytes). Larger input is refused with a message.
pub const MAX_INPUT: u64 = 256 * 1024 * 1024;

/// A failure the command line reports in one line on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    message: String,
    code: i32,
}

impl CliError {
    /// A usage or input error: exit status 2.
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            code: 2,
        }
    }

    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        self.code
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, whatever the message held.
        f.write_str(&self.message.replace(['\n', '\r'], " "))
    }
}

pub const USAGE: &str = "usage: keydoctor <command> [options]

commands:
  diagnose [FILE]                  diagnose an error body, log or exception (JSON out)
  redact [FILE] [--json] [--keep-prompts]
                                   print the text with every secret redacted
                                   (prompt contents become their length unless --keep-prompts)
  lint-key [--base-url URL] [--header NAME] [--verbose]
                                   check a key or header value read from standard input
  bundle --error FILE [--request FILE] [--client NAME] [--key-name NAME]
         [--time RFC3339] [--format md|json] [--keep-prompts]
                                   print a redacted support bundle

FILE defaults to standard input (`-` names it too). Keys are never taken as arguments.
Bad input: a one-line message on stderr and exit status 2.
";

/// Runs the command line on `args` (without the program name), reading `stdin` when asked.
/// Returns what to print on stdout.
pub fn run(args: &[String], stdin: &mut dyn Read) -> Result<String, CliError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CliError::usage("no command given; try `keydoctor --help`"));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(USAGE.to_string()),
        "-V" | "--version" => Ok(format!("keydoctor {}\n", env!("CARGO_PKG_VERSION"))),
        "diagnose" => diagnose::run(rest, stdin),
        "bundle" => bundle::run(rest, stdin),
        "redact" => redact::run(rest, stdin),
        "lint-key" => lint_key::run(rest, stdin),
        other => Err(CliError::usage(format!(
            "unknown command `{other}`; try `keydoctor --help`"
        ))),
    }
}

/// Reads the whole input named by `file` (`None` or `-` for standard input) as UTF-8 text.
/// Invalid UTF-8 is refused: the engine works on text, and guessing an encoding would mislead.
pub fn read_input(file: Option<&str>, stdin: &mut dyn Read) -> Result<String, CliError> {
    let mut bytes = Vec::new();
    let what = match file {
        None | Some("-") => {
            stdin
                .take(MAX_INPUT + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| CliError::usage(format!("cannot read standard input: {e}")))?;
            "standard input".to_string()
        }
        Some(path) => {
            let f = std::fs::File::open(path)
                .map_err(|e| CliError::usage(format!("cannot read {path}: {e}")))?;
            f.take(MAX_INPUT + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| CliError::usage(format!("cannot read {path}: {e}")))?;
            path.to_string()
        }
    };
    if bytes.len() as u64 > MAX_INPUT {
        return Err(CliError::usage(format!(
            "{what} is larger than {} MiB",
            MAX_INPUT / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        CliError::usage(format!(
            "{what} is not UTF-8 text (invalid byte at offset {}); is it a binary file?",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Positional arguments and `(flag, value)` options, as parsed by [`parse_flags`].
pub(crate) type Parsed<'a> = (Vec<&'a str>, Vec<(&'a str, Option<&'a str>)>);

/// Splits `args` into positional arguments and `--flag value` options, refusing unknown flags.
/// `flags` lists the flags that take a value, `switches` those that don't.
pub(crate) fn parse_flags<'a>(
    args: &'a [String],
    flags: &[&str],
    switches: &[&str],
) -> Result<Parsed<'a>, CliError> {
    let mut positional = Vec::new();
    let mut options = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a.starts_with("--") && a.len() > 2 {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (a, None),
            };
            if switches.contains(&name) {
                options.push((name, None));
            } else if flags.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i)
                            .map(String::as_str)
                            .ok_or_else(|| CliError::usage(format!("{name} needs a value")))?
                    }
                };
                options.push((name, Some(value)));
            } else {
                return Err(CliError::usage(format!("unknown option `{name}`")));
            }
        } else {
            positional.push(a);
        }
        i += 1;
    }
    Ok((positional, options))
}
