#!/usr/bin/env bash
# The collector under load, on SQLite and on PostgreSQL (BENCHMARKS.md, "Collector under
# load"). Not a timed test: it measures and reports; it fails only when an acknowledged
# event was lost or an event stored twice (or the run could not be made).
#
#   scripts/bench-collector.sh            # 200 devices, 1 batch of 5 events/s each, 60 s
#   DEVICES=400 RATE=2 DURATION=30 BACKENDS=sqlite scripts/bench-collector.sh
#
# Per backend, a fresh database and a collector process (built with --profile collector) on
# 127.0.0.1, then two runs of collector/examples/load.rs:
#   steady        DEVICES devices post a batch every 1/RATE s for DURATION s; 2 % of the
#                 ticks re-post the last acknowledged batch (must come back all duplicates)
#   with exports  the same devices for EXPORTS_DURATION s while 4 readers download the
#                 NDJSON export over and over (ingest must not wait for exports)
# PostgreSQL is a throwaway cluster from scripts/postgres.sh (its own state file, stopped and
# removed on exit). Prints a JSON array (also target/bench/collector.json); exits 1 when
# anything was lost or duplicated.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
DEVICES="${DEVICES:-200}"
RATE="${RATE:-1}"
BATCH="${BATCH:-5}"
DURATION="${DURATION:-60}"
EXPORTS_DURATION="${EXPORTS_DURATION:-30}"
BACKENDS="${BACKENDS:-sqlite postgres}"
log() { echo "[bench-collector] $*" >&2; }

cargo build --profile collector -p storevoice-collector --bin storevoice-collector --example load >&2
bin="$root/target/collector/storevoice-collector"
load="$root/target/collector/examples/load"

work="$(mktemp -d "${TMPDIR:-/tmp}/bench-collector.XXXXXX")"
export STOREVOICE_PG_STATE="$work/pg.state"
collector=""
pg_started=""
cleanup() {
  [ -n "$collector" ] && kill "$collector" 2>/dev/null && wait "$collector" 2>/dev/null || true
  [ -n "$pg_started" ] && "$root/scripts/postgres.sh" stop || true
  rm -rf "$work"
}
trap cleanup EXIT
(umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$work/admin.token")

# Starts the collector on DB; sets $collector and $url.
start_collector() {
  : > "$work/collector.out"
  "$bin" --addr 127.0.0.1:0 --db "$1" --admin-token-file "$work/admin.token" \
    > "$work/collector.out" 2> "$work/collector.err" &
  collector=$!
  for _ in $(seq 100); do
    url="$(sed -n 's/^storevoice-collector listening on //p' "$work/collector.out" | head -n 1)"
    [ -n "$url" ] && return 0
    kill -0 "$collector" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/collector.err" >&2
  log "the collector did not start on $1"
  return 1
}

stop_collector() {
  kill "$collector" 2>/dev/null || true
  wait "$collector" 2>/dev/null || true
  collector=""
}

status=0
: > "$work/results"
for backend in $BACKENDS; do
  case "$backend" in
    sqlite) db="$work/events.sqlite" ;;
    postgres)
      db="$("$root/scripts/postgres.sh" start | tail -n 1)"
      pg_started=1
      ;;
    *) log "unknown backend $backend"; exit 2 ;;
  esac
  start_collector "$db"
  log "$backend: $url, $DEVICES devices × $RATE batch/s × $BATCH events, ${DURATION} s"
  "$load" --url "$url" --admin-token-file "$work/admin.token" --devices "$DEVICES" \
    --rate "$RATE" --batch "$BATCH" --duration "$DURATION" --resend 0.02 \
    --run "steady-$backend" --label "$backend steady" >> "$work/results" || status=1
  log "$backend: the same load for ${EXPORTS_DURATION} s with 4 exports running"
  "$load" --url "$url" --admin-token-file "$work/admin.token" --devices "$DEVICES" \
    --rate "$RATE" --batch "$BATCH" --duration "$EXPORTS_DURATION" --exports 4 \
    --run "exports-$backend" --label "$backend with 4 exports" >> "$work/results" || status=1
  stop_collector
  retried="$(grep -c 'insert retried' "$work/collector.err" || true)"
  log "$backend: inserts retried after a deadlock or serialization failure: ${retried:-0}"
  if [ "$backend" = postgres ]; then
    "$root/scripts/postgres.sh" stop
    pg_started=""
  fi
done

mkdir -p target/bench
{ echo "["; sed '$!s/$/,/' "$work/results"; echo "]"; } > target/bench/collector.json
cat target/bench/collector.json
[ "$status" -eq 0 ] || log "FAILED: an event was lost or duplicated, or a run did not complete"
exit "$status"
