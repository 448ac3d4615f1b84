//! Joins the widget's style sheets (style/*.css, in cascade order) into one minified sheet,
//! `$OUT_DIR/widget.css`, which `browser::embed` adopts into every widget's shadow root.
//! style/page.css is not part of it: it styles the stand-alone page around the widget.

use std::{env, fs, path::Path};

/// The widget's sheets, in cascade order.
const SHEETS: [&str; 4] = [
    "style/keydoctor.css",
    "style/connection.css",
    "style/sanitize.css",
    "style/bundle.css",
];

fn main() {
    let mut css = String::new();
    for sheet in SHEETS {
        println!("cargo:rerun-if-changed={sheet}");
        let text = fs::read_to_string(sheet).unwrap_or_else(|e| panic!("{sheet}: {e}"));
        css.push_str(&minify(&includes(&text)));
    }
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out).join("widget.css"), css).expect("write widget.css");
}

/// Replaces each `/* include: NAME */` with the text of style/NAME (one source for a block of
/// declarations used in two rules, like the dark palette).
fn includes(css: &str) -> String {
    const OPEN: &str = "/* include: ";
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let end = after
            .find(" */")
            .expect("an include comment ends with ` */`");
        let path = format!("style/{}", &after[..end]);
        println!("cargo:rerun-if-changed={path}");
        out.push_str(&fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")));
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

/// Drops comments and collapses whitespace (none is significant around `{`, `}`, `;`, `,`).
fn minify(css: &str) -> String {
    let mut no_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        no_comments.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    no_comments.push_str(rest);
    let mut out = String::with_capacity(no_comments.len());
    let mut space = false;
    for ch in no_comments.chars() {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        let tight = matches!(ch, '{' | '}' | ';' | ',');
        let last_tight = out.ends_with(['{', '}', ';', ',']);
        if space && !tight && !last_tight && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if ch == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(ch);
    }
    out
}
