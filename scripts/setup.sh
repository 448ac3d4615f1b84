#!/usr/bin/env bash
# Installs what `make serve` and `make test` need, and only what is missing or at the wrong
# version: the wasm32 target, rustfmt and clippy, Chromium + chromedriver + brotli (Debian),
# trunk, wasm-bindgen-cli (the version Cargo.lock pins), and e2e/'s node packages (wasm-opt
# from npm binaryen, playwright-core). Idempotent and non-interactive (CI=true, no stdin).
# It exports nothing: the Makefile puts e2e/node_modules/.bin first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

say() { printf 'setup: %s\n' "$*"; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then
  say "Rust is missing: install it with rustup (https://rustup.rs), then run me again" >&2
  exit 1
fi

# Rust: target and components.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding $component"
    rustup component add "$component"
  fi
done

# Debian packages: Chromium and its driver for browser and end-to-end tests, brotli for the
# size report, node and npm for the end-to-end tests, a CJK font so the zh-CN screenshots the
# end-to-end tests save are readable.
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
command -v brotli >/dev/null || packages+=(brotli)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || packages+=(fonts-wqy-microhei)
if [ ${#packages[@]} -gt 0 ]; then
  say "installing ${packages[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq </dev/null
  as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" </dev/null
fi

# trunk: 0.22 needs a newer rustc; pinned.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (cargo, several minutes)"
  cargo install trunk --locked --version "$TRUNK_VERSION" </dev/null
fi

# wasm-bindgen-cli: `--locked` fails on a yanked entry of its lock file, so not locked.
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
  ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo, a few minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force </dev/null
fi

# Node packages of e2e/, exactly as package-lock.json says (npm ci rewrites the hidden lock
# file node_modules/.package-lock.json, so it being newer means nothing changed since).
if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/playwright-core ] ||
  [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  say "installing e2e/ node packages (npm ci)"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi
if ! e2e/node_modules/.bin/wasm-opt --version | grep -q 'version 132'; then
  say "e2e/node_modules/.bin/wasm-opt is not binaryen 132" >&2
  exit 1
fi

say "ok"
