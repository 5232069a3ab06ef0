#!/usr/bin/env bash
# The README's second command: install what is missing, then run every test —
# native unit and property tests, browser unit tests in headless Chromium, and Playwright
# journeys against the release build. Ends with one line: "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/bootstrap.sh" || exit 1
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

logs="$root/target/test-logs"
mkdir -p "$logs"
rm -f "$logs/e2e.json"
status=0
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native tests (cargo test --workspace; the collector's also on a throwaway PostgreSQL)"
if STOREVOICE_TEST_PG="$("$root/scripts/postgres.sh" start | tail -n 1)"; then
  export STOREVOICE_TEST_PG
  trap '"$root/scripts/postgres.sh" stop' EXIT
else
  echo "PostgreSQL could not be started: the collector's tests run on SQLite only" >&2
fi
cargo test --workspace 2>&1 | tee "$logs/native.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

step "browser unit tests in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test web --test outbox_idb 2>&1 | tee "$logs/wasm.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

step "release build (trunk) and the reference collector"
if "$root/scripts/build.sh" > "$logs/build.log" 2>&1 \
   && cargo build --profile collector -p storevoice-collector >> "$logs/build.log" 2>&1; then
  tail -n 12 "$logs/build.log"
  step "journeys in Chromium (Playwright, tests/e2e)"
  (cd tests/e2e && npx playwright test) 2>&1 | tee "$logs/e2e.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
else
  cat "$logs/build.log"
  echo "release build failed: Playwright journeys not run" >&2
  status=1
fi

# One plain closing line over every runner.
passed=0; failed=0
for f in "$logs/native.log" "$logs/wasm.log"; do
  while read -r p fl; do passed=$((passed + p)); failed=$((failed + fl)); done < <(
    sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' "$f")
done
if [ -f "$root/target/test-logs/e2e.json" ]; then
  read -r p fl < <(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats;
    console.log(s.expected + s.flaky, s.unexpected);' "$root/target/test-logs/e2e.json")
  passed=$((passed + p)); failed=$((failed + fl))
fi
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo
echo "$passed passed, $failed failed"
exit "$status"
