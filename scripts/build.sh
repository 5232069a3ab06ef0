#!/usr/bin/env bash
# Builds the release app into dist/ with Trunk, offline, using the pinned tools that
# scripts/bootstrap.sh installed (wasm-bindgen and wasm-opt must match Trunk.toml exactly).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$root"
echo "[build] trunk build --release --offline"
TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline
echo "[build] postbuild: Content-Security-Policy, service worker precache list"
node "$root/scripts/postbuild.mjs" "$root/dist"
echo "[build] dist/ is ready:"
ls -l dist | sed 's/^/  /'
