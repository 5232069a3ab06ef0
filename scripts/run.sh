#!/usr/bin/env bash
# The README's first command: install what is missing, build the release app and the
# reference collector, and run them as one process: the app, the endpoint it posts to and
# the SQLite database, at http://127.0.0.1:8080/ (PORT=… to change).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-8080}"
"$root/scripts/bootstrap.sh" --build
"$root/scripts/build.sh"
echo "[run] cargo build --profile collector -p storevoice-collector"
(cd "$root" && cargo build --profile collector -p storevoice-collector)
# The bundled sample store, with its endpoint pointed at this collector's port.
mkdir -p "$root/target/run"
node -e '
const fs = require("fs");
const [src, dst, port] = process.argv.slice(1);
const c = JSON.parse(fs.readFileSync(src, "utf8"));
c.endpoint.url = `http://127.0.0.1:${port}/api/events`;
fs.writeFileSync(dst, JSON.stringify(c, null, 2));
' "$root/dist/config.json" "$root/target/run/config.json" "$port"
# The exports need an admin token, kept out of config.json: made once, readable only by you.
admin="$root/target/run/admin.token"
if [ ! -s "$admin" ]; then
  (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$admin" && echo >> "$admin")
fi
echo "[run] answers are stored in target/run/events.sqlite; exports (admin token in target/run/admin.token):"
echo "[run]   curl -H \"Authorization: Bearer \$(cat target/run/admin.token)\" http://127.0.0.1:$port/api/summary"
echo "[run]   (also /api/events.ndjson and /api/events.csv)"
exec "$root/target/collector/storevoice-collector" --addr "127.0.0.1:$port" --dist "$root/dist" \
  --config "$root/target/run/config.json" --db "$root/target/run/events.sqlite" \
  --admin-token-file "$admin"
