#!/usr/bin/env bash
# Invariants of the codemap, checked as absences in the source:
# - no `inner_html` anywhere under src/ (pasted text is rendered as text);
# - nothing under src/domain names the browser or the web framework;
# - src/ui names no web API crate but in native.rs (its stand-ins for src/browser);
# - no `regex` crate in Cargo.toml;
# - every Rust file under src/ opens with a `//!` line.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
bad() { echo "tidy: $*" >&2; fail=1; }

code_only() { grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true; }
hits=$(grep -rn --include='*.rs' -e 'inner_html' src | code_only || true)
if [ -n "$hits" ]; then bad "inner_html in src/:"$'\n'"$hits"; fi
hits=$(grep -rnE --include='*.rs' -e '\b(leptos|web_sys|js_sys|gloo[a-z_]*|wasm_bindgen[a-z_]*)::' src/domain | code_only || true)
if [ -n "$hits" ]; then
  bad "src/domain must not touch the browser:"$'\n'"$hits"
fi
hits=$(grep -rnE --include='*.rs' -e '\b(web_sys|js_sys|gloo[a-z_]*)::' src/ui | grep -v '^src/ui/native.rs:' | code_only || true)
if [ -n "$hits" ]; then
  bad "src/ui must call web APIs through src/browser:"$'\n'"$hits"
fi
if grep -qE '^\s*regex\s*=' Cargo.toml; then bad "the regex crate is not welcome (wasm size)"; fi
while IFS= read -r f; do
  head -n1 "$f" | grep -q '^//!' || bad "$f does not open with a //! line"
done < <(find src -name '*.rs' | sort)
[ "$fail" -eq 0 ] && echo "tidy: ok"
exit "$fail"
