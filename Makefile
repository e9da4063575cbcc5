# OKR Canvas: the two commands of README.md, and the steps they are made of.
#
#   make run    install what is missing, build, serve on http://127.0.0.1:8080/
#   make test   install what is missing, then every check and test layer
#
# Both are idempotent: installed tools at the right version are skipped.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# The pinned npm tools (wasm-opt 132, Playwright) and cargo-installed tools
# come first on PATH, ahead of any older system copy.
# .ci/split comes first of all: its wasm-bindgen splits the parts of the app
# loaded when first used out of the main module before running the real one.
export PATH := $(CURDIR)/.ci/split:$(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
WASM := --target wasm32-unknown-unknown
PORT ?= 8080

.PHONY: run test setup-build setup-test lint test-core test-wasm build size test-e2e lighthouse clean

# A development build, rebuilt and reloaded in the browser on every change.
# Unoptimised, the app's start nests deep enough to overflow the module's
# default 1 MB stack (it fails with "memory access out of bounds"), so the
# development build gets 8 MB. These flags replace those of .cargo/config.toml
# for the wasm target, so they repeat its --emit-relocs.
DEV_WASM_FLAGS := -C link-args=--emit-relocs -C link-arg=-zstack-size=8388608
run: setup-build
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(DEV_WASM_FLAGS)" trunk serve --address 127.0.0.1 --port $(PORT)

test: setup-test lint test-core test-wasm build size test-e2e lighthouse
	@echo "All checks passed."

setup-build:
	.ci/setup.sh build

setup-test:
	.ci/setup.sh test

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets $(WASM) -- -D warnings

test-core:
	cargo test

# The browser tests run an unsplit module, so without the lazily loaded parts
# (a part's function there would import a loader only the split build has).
test-wasm:
	cargo test $(WASM) --no-default-features --test browser

build:
	trunk build --release

size:
	.ci/size-budget.sh dist

test-e2e:
	npx playwright test -c tests/e2e

# Lighthouse's scores for the release build served as a static host serves it:
# printed figures, never a failure (the machine is shared and noisy).
lighthouse:
	-node tests/bench/lighthouse.js

clean:
	cargo clean
	rm -rf dist test-results tests/e2e/screenshots
