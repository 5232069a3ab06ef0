#!/usr/bin/env bash
# Benchmarks with budgets. Builds the release app, serves it, measures, and fails when a
# budget is exceeded. Results go to target/bench/*.json; BENCHMARKS.md records them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/bootstrap.sh" >/dev/null
"$root/scripts/build.sh" >/dev/null
cargo build --profile collector -p storevoice-collector >/dev/null 2>&1

# Budgets (see BENCHMARKS.md for why these numbers).
BUDGET_HOME_MEDIAN_MS=700      # home screen usable, CPU slowed 4x, cache off (issue 14 goal: 450)
BUDGET_WASM_BROTLI=145000      # bytes of the light page's wasm a phone downloads (brotli); see BENCHMARKS.md (issue 14 goal: the first screen in 150 KB)
BUDGET_ENQUEUE_P95_MS=50       # durable (strict) IndexedDB write of one record
BUDGET_DRAIN_MS=20000          # 10,000 queued records delivered to the local collector
BUDGET_ROUTE_MEDIAN_MS=5       # one route on a generated 10,000-node map, in Chromium
BUDGET_FIRST_QUESTION_MS=600   # ?journey=survey: first answer option on screen, 4x CPU, cache off (issue 14 goal, met)
BUDGET_TOTAL_BROTLI=162000     # the light page (index.html) and all it loads: html + js (glue and snippets) + wasm + css, brotli -q 11 (issue 14 goal: 150 KB)
BUDGET_FULL_APP_BROTLI=335000  # the same for the full app (app.html), where the light page hands over to
BUDGET_TAP_NEXT_MS=50          # tap -> next question heading, 4x CPU, minus the auto-advance pause (issue 14 goal, met)
BUDGET_HEAP_GROWTH=2000000     # JS heap growth from cycle 100 to 1,000 of a kiosk's day
BUDGET_DOM_GROWTH=0            # DOM node growth over the same cycles
# Issue 14's goals; reported beside each budget until they are met and become the budgets.
GOALS='{"home":450,"first_question":600,"total_brotli":150000,"tap_next":50}'

mkdir -p target/bench
CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown --test route_bench -- --nocapture 2>&1 \
  | sed -n 's/.*ROUTE_BENCH //p' | head -n 1 > target/bench/route.json
cat target/bench/route.json
port=4511
node scripts/serve.mjs --dist dist --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

(cd tests/e2e && node bench/outbox.mjs) > target/bench/outbox.json
cat target/bench/outbox.json
(cd tests/e2e && node bench/startup.mjs --url "http://127.0.0.1:$port/" --dist ../../dist --runs "${RUNS:-9}") > target/bench/startup.json
cat target/bench/startup.json
(cd tests/e2e && RUNS="${RUNS:-9}" node bench/interact.mjs) > target/bench/interact.json
cat target/bench/interact.json

node -e '
const fs = require("fs");
const r = JSON.parse(fs.readFileSync("target/bench/startup.json", "utf8"));
const o = JSON.parse(fs.readFileSync("target/bench/outbox.json", "utf8"));
const route = JSON.parse(fs.readFileSync("target/bench/route.json", "utf8") || "{}");
const it = JSON.parse(fs.readFileSync("target/bench/interact.json", "utf8"));
const [medianBudget, wasmBudget, enqueueBudget, drainBudget, routeBudget, firstBudget, totalBudget, tapBudget, heapBudget, domBudget, fullBudget] =
  process.argv.slice(1, 12).map(Number);
const goals = JSON.parse(process.argv[12]);
let ok = true;
const check = (name, value, budget, goal) => {
  const pass = value <= budget;
  ok &&= pass;
  const g = goal === undefined ? "" : value <= goal ? `, goal ${goal} met` : `, goal ${goal} NOT met`;
  console.log(`${pass ? "ok  " : "FAIL"} ${name}: ${Math.round(value)} (budget ${budget}${g})`);
};
check("home screen median ms (4x CPU throttle)", r.home_ms.median, medianBudget, goals.home);
check("first question median ms (4x CPU throttle)", r.first_question_ms.median, firstBudget, goals.first_question);
check("first screen brotli bytes (index.html: html+js+wasm+css)", r.sizes.total.brotli, totalBudget, goals.total_brotli);
check("full app brotli bytes (app.html: html+js+wasm+css)", r.full_app_sizes?.total.brotli ?? Infinity, fullBudget);
check("wasm brotli bytes", r.sizes.wasm.brotli, wasmBudget);
check("tap -> next question median ms (4x CPU throttle)", it.tap_next_ms.median, tapBudget, goals.tap_next);
check("JS heap growth bytes, kiosk cycles 100 -> 1,000", it.memory.js_heap_growth, heapBudget);
check("DOM node growth, kiosk cycles 100 -> 1,000", it.memory.dom_node_growth, domBudget);
check("answers of the kiosk day not delivered", it.memory.handed_in - it.memory.delivered, 0);
check("durable enqueue p95 ms", o.enqueue_ms.p95, enqueueBudget);
check("drain 10,000 records ms", o.drain.delivered >= o.drain.records ? o.drain.ms : Infinity, drainBudget);
check("route median ms on 10,000 nodes", route.median_ms ?? Infinity, routeBudget);
process.exit(ok ? 0 : 1);
' "$BUDGET_HOME_MEDIAN_MS" "$BUDGET_WASM_BROTLI" "$BUDGET_ENQUEUE_P95_MS" "$BUDGET_DRAIN_MS" "$BUDGET_ROUTE_MEDIAN_MS" \
  "$BUDGET_FIRST_QUESTION_MS" "$BUDGET_TOTAL_BROTLI" "$BUDGET_TAP_NEXT_MS" "$BUDGET_HEAP_GROWTH" "$BUDGET_DOM_GROWTH" "$BUDGET_FULL_APP_BROTLI" "$GOALS"
