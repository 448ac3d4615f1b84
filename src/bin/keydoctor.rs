//! The `keydoctor` command line: glue around [`keydoctor::cli::run`].
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdin = std::io::stdin();
    match keydoctor::cli::run(&args, &mut stdin.lock()) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`keydoctor diagnose | head`) is not an error worth a message.
            let _ = stdout.write_all(out.as_bytes());
            let _ = stdout.flush();
        }
        Err(err) => {
            eprintln!("keydoctor: {err}");
            std::process::exit(err.exit_code());
        }
    }
}
