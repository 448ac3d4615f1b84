# keydoctor: every command a developer or CI runs. `make serve` and `make test` install what is
# missing first (scripts/setup.sh), so both work on a fresh machine.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# wasm-opt from npm binaryen 132 must come before Debian's (binaryen 108 breaks the page).
export PATH := $(CURDIR)/e2e/node_modules/.bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver

WASM := --target wasm32-unknown-unknown
step = @printf '\n==> %s\n' "$(1)"

.NOTPARALLEL:
.PHONY: help setup serve serve-dev test fmt-check tidy clippy test-native test-browser build e2e \
	size bench bench-web figures screenshot cli clean

help:
	@echo "make serve      build (release) and serve the app at http://127.0.0.1:8080"
	@echo "make serve-dev  the same with a debug build (faster rebuilds)"
	@echo "make test       every check: fmt, tidy, clippy (host, wasm32), native, browser and"
	@echo "                end-to-end tests, release build, size report"
	@echo "make bench      native benchmarks: diagnose 100 kB, redact 100 kB and a 20 MB HAR"
	@echo "make bench-web  the same in headless Chromium (release build), and the connection"
	@echo "                check's latency against curl"
	@echo "make figures    run all of them and rewrite the README's table of figures"
	@echo "make cli        build the command line: target/release/keydoctor"

setup:
	@scripts/setup.sh

serve: setup
	trunk serve --release

serve-dev: setup
	trunk serve

test:
	@start=$$(date +%s); \
	scripts/setup.sh; \
	$(MAKE) --no-print-directory fmt-check tidy clippy test-native test-browser build e2e size; \
	echo; echo "make test: all green in $$(( $$(date +%s) - start )) s"

fmt-check:
	$(call step,cargo fmt --check)
	cargo fmt --all -- --check

tidy:
	$(call step,tidy: invariants as absences in the source)
	scripts/tidy.sh

clippy:
	$(call step,clippy for the host)
	cargo clippy --all-targets -- -D warnings
	$(call step,clippy for wasm32)
	cargo clippy $(WASM) --all-targets -- -D warnings

test-native:
	$(call step,native tests)
	cargo test

test-browser:
	$(call step,browser tests (wasm-bindgen-test in headless Chromium))
	cargo test $(WASM)

build:
	$(call step,release build)
	trunk build --release

e2e:
	$(call step,end-to-end tests of dist/)
	cd e2e && node --test --test-reporter=spec

size:
	$(call step,size of the widget)
	scripts/size-report.sh dist

bench: setup
	$(call step,diagnose a 100 kB paste natively)
	cargo run --release --no-default-features --example bench_diagnose
	$(call step,redact a 100 kB paste and a 20 MB HAR natively)
	cargo run --release --no-default-features --example bench_redact

bench-web: setup
	$(call step,release build)
	trunk build --release
	$(call step,diagnose a 100 kB paste in headless Chromium)
	node e2e/bench.mjs
	$(call step,sanitize a 100 kB paste and a 20 MB HAR in headless Chromium)
	node e2e/bench-redact.mjs
	$(call step,connection check latency against curl (fake gateway, 50 ms))
	node e2e/bench-probe.mjs
	$(call step,time to interactive of the page)
	node e2e/bench-tti.mjs

# Runs every benchmark and measurement and rewrites the README's table of figures.
figures: setup
	$(call step,release build)
	trunk build --release
	$(call step,every figure of the README)
	node scripts/figures.mjs

# Refreshes docs/screenshot.png from the end-to-end run.
screenshot: setup build
	cd e2e && KD_SCREENSHOT=../docs/screenshot.png node --test --test-reporter=spec

cli:
	cargo build --release --bin keydoctor

clean:
	cargo clean
	rm -rf dist e2e/artifacts
