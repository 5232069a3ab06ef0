#!/usr/bin/env bash
# The README's first command: install what is missing, build the release app, serve it
# with the bundled sample store config at http://127.0.0.1:8080/ (PORT=… to change).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh" --build
"$root/scripts/build.sh"
exec node "$root/scripts/serve.mjs" --dist "$root/dist" --port "${PORT:-8080}"
