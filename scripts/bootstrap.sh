#!/usr/bin/env bash
# Installs what StoreVoice needs to build and test, at pinned versions, and skips
# whatever is already present at the right version. Used by scripts/run.sh and
# scripts/test.sh (the README's two commands) and so by CI.
#
#   scripts/bootstrap.sh          build tools + browser + test tools
#   scripts/bootstrap.sh --build  build tools only (Rust target, Trunk, wasm-bindgen, wasm-opt)
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml
BINARYEN_VERSION=132.0.0       # Debian's binaryen 108 cannot read wasm-bindgen 0.2.130 output

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-all}"

say()  { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[bootstrap] error:\033[0m %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"

command -v cargo >/dev/null || fail "cargo is missing: install Rust with rustup (https://rustup.rs) first."
command -v npm   >/dev/null || fail "npm is missing: install Node.js 20+ and npm (apt-get install -y nodejs npm)."

# --- Rust target -------------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown || fail "could not add the wasm32 target (rustup target add wasm32-unknown-unknown)"
fi

# --- Trunk ---------------------------------------------------------------------
if trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}\$"; then
  say "trunk ${TRUNK_VERSION}: present"
else
  say "installing trunk ${TRUNK_VERSION} (compiles from crates.io, ~10 min on 2 cores)"
  cargo install trunk --version "${TRUNK_VERSION}" --locked || fail "could not install trunk ${TRUNK_VERSION}"
fi

# --- wasm-bindgen CLI (also provides wasm-bindgen-test-runner) ------------------
if wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  say "wasm-bindgen-cli ${WASM_BINDGEN_VERSION}: present"
else
  say "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (~4 min)"
  # Not --locked: its lock file names a crate version the registry here does not serve.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --force || fail "could not install wasm-bindgen-cli ${WASM_BINDGEN_VERSION}"
fi

# --- wasm-opt from npm binaryen -------------------------------------------------
tools="$root/.tools"
if [ -x "$tools/node_modules/.bin/wasm-opt" ] && "$tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "wasm-opt (binaryen ${BINARYEN_VERSION}): present"
else
  say "installing wasm-opt from npm binaryen@${BINARYEN_VERSION} into .tools/"
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"private":true}' > "$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund "binaryen@${BINARYEN_VERSION}" >/dev/null || fail "could not install binaryen@${BINARYEN_VERSION} from npm"
fi

# --- Rust dependencies, so Trunk can build with --offline -----------------------
say "fetching Rust dependencies (cargo fetch)"
(cd "$root" && cargo fetch --locked 2>/dev/null || cargo fetch) >/dev/null || fail "cargo fetch failed"

[ "$mode" = "--build" ] && { say "build tools ready"; exit 0; }

# --- Chromium, chromedriver, CJK fonts (Debian packages) ------------------------
need_apt=()
command -v chromium     >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -eq 0 ]; then
  say "chromium, chromedriver, CJK fonts: present"
else
  say "installing ${need_apt[*]} with apt-get"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null \
    || fail "could not install ${need_apt[*]} with apt-get"
fi

# --- npm test tools (Playwright without its browser download, axe-core) ---------
e2e="$root/tests/e2e"
if [ -d "$e2e/node_modules/@playwright/test" ] && [ -d "$e2e/node_modules/axe-core" ] \
   && [ "$e2e/node_modules/.package-lock.json" -nt "$e2e/package-lock.json" ]; then
  say "npm test tools: present"
else
  say "installing npm test tools in tests/e2e (npm ci)"
  (cd "$e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null) \
    || fail "npm ci in tests/e2e failed"
fi

# --- the CloudEvents Python SDK (tests check the app's batches against it) ---------
if python3 -c "import cloudevents.core.bindings.http" 2>/dev/null; then
  say "CloudEvents Python SDK: present"
else
  say "installing the CloudEvents Python SDK (pip cloudevents==2.2.0)"
  python3 -m pip install --quiet --disable-pip-version-check cloudevents==2.2.0 \
    || fail "could not install cloudevents==2.2.0 with pip"
fi

say "all tools ready"
