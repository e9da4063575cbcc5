#!/usr/bin/env bash
# Installs what building and testing OKR Canvas needs, skipping whatever is
# already present at the right version, so a second run costs seconds.
#
#   .ci/setup.sh build   wasm target, Trunk, wasm-bindgen-cli, wasm-split-cli, npm tools (wasm-opt)
#   .ci/setup.sh test    all of the above, plus Chromium and ChromeDriver
#
# Nothing is downloaded from outside the package registries: Trunk and
# wasm-bindgen-cli come from crates.io, wasm-opt from npm (binaryen, pinned in
# package-lock.json), Chromium from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then return; fi
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  if trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}\$"; then return; fi
  step "installing Trunk ${TRUNK_VERSION} (about 10 minutes on 2 cores, once)"
  cargo install trunk --version "${TRUNK_VERSION}" --locked
}

ensure_wasm_bindgen() {
  if wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$" \
    && command -v wasm-bindgen-test-runner >/dev/null; then return; fi
  step "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 3 minutes, once)"
  # Without --locked: the locked dependency set of this version holds a yanked crate.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --force
}

# The splitter of the lazily loaded parts (.ci/split/wasm-bindgen).
WASM_SPLIT_VERSION=0.2.4

ensure_wasm_split() {
  if cargo install --list | grep -qx "wasm_split_cli_support v${WASM_SPLIT_VERSION}:" \
    && command -v wasm-split-cli >/dev/null; then return; fi
  step "installing wasm-split-cli ${WASM_SPLIT_VERSION} (about 2 minutes, once)"
  cargo install wasm_split_cli_support --version "${WASM_SPLIT_VERSION}" --features build-binary --locked
}

ensure_npm_tools() {
  # A stamp of the lock file's hash skips npm ci while node_modules matches it.
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat node_modules/.lock-hash 2>/dev/null)" = "$want" ]; then return; fi
  step "installing npm tools from package-lock.json (wasm-opt, Playwright)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$want" > node_modules/.lock-hash
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  step "installing Chromium and ChromeDriver from Debian"
  as_root apt-get update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y chromium chromium-driver
}

case "${1:-build}" in
  build) ensure_wasm_target; ensure_npm_tools; ensure_wasm_bindgen; ensure_wasm_split; ensure_trunk ;;
  test) ensure_wasm_target; ensure_npm_tools; ensure_chromium; ensure_wasm_bindgen; ensure_wasm_split; ensure_trunk ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
