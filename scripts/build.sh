#!/usr/bin/env bash
# Builds the release app into dist/ with Trunk, offline, using the pinned tools that
# scripts/bootstrap.sh installed (wasm-bindgen and wasm-opt must match Trunk.toml exactly).
#
# Two builds of the same crate and index.html (issue #14's split, see Cargo.toml [features]):
#   dist/index.html  the light page: home screen and questionnaire (no default features)
#   dist/app.html    the full app: every screen (default features)
# The light page hands a customer over to app.html for the other screens (src/web/handover.rs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$root"
export TRUNK_SKIP_VERSION_CHECK=true
echo "[build] trunk build --release --offline (full app → app.html)"
trunk build --release --offline --dist target/dist-full
echo "[build] trunk build --release --offline --no-default-features (light page → index.html)"
trunk build --release --offline --no-default-features --dist target/dist-light
# The two builds share the CSS, snippets and copied files: a same-named file that differs
# would silently replace the full app's own, so it stops the build.
(cd target/dist-light && find . -type f ! -name index.html) | while read -r f; do
  if [ -e "target/dist-full/$f" ] && ! cmp -s "target/dist-light/$f" "target/dist-full/$f"; then
    echo "[build] error: $f differs between the light and the full build" >&2
    exit 1
  fi
done
rm -rf dist.new
cp -r target/dist-full dist.new
mv dist.new/index.html dist.new/app.html
cp -r target/dist-light/. dist.new/
rm -rf dist
mv dist.new dist
echo "[build] postbuild: early downloads, Content-Security-Policy, service worker precache list"
node "$root/scripts/postbuild.mjs" "$root/dist"
echo "[build] dist/ is ready:"
ls -l dist | sed 's/^/  /'
