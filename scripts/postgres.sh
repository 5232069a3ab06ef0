#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the collector's tests and benchmark.
#
#   scripts/postgres.sh start   installs Debian's postgresql if missing, creates a cluster in a
#                               temp dir as a non-root user, starts it on 127.0.0.1 (a free
#                               port) and prints its URL (the last line of stdout)
#   scripts/postgres.sh stop    stops that cluster and removes its directory
#
# The cluster's directory is remembered in $STOREVOICE_PG_STATE (default
# ${TMPDIR:-/tmp}/storevoice-pg.$UID.<checksum of this checkout's path>, so test runs in two
# checkouts of the repository do not stop each other's cluster); `stop` with no cluster
# running does nothing.
set -euo pipefail
checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${STOREVOICE_PG_STATE:-${TMPDIR:-/tmp}/storevoice-pg.$(id -u).$(printf %s "$checkout" | cksum | cut -d' ' -f1)}"
log() { echo "[postgres] $*" >&2; }

bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return
  return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  if ! bindir >/dev/null; then
    [ "$(id -u)" -eq 0 ] || { log "postgresql is not installed; run as root or: apt-get install postgresql"; exit 1; }
    log "installing Debian's postgresql"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local bin dir port
  bin="$(bindir)"
  if [ -s "$state" ] && [ -d "$(cat "$state")" ]; then stop; fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/storevoice-pg.XXXXXX")"
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  as_owner "$bin/initdb" -D "$dir/data" -U storevoice --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=on" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  echo "$dir" > "$state"
  echo "$port" > "$dir/port"
  log "cluster in $dir (pg_ctl as $( [ "$(id -u)" -eq 0 ] && echo postgres || id -un )), port $port"
  echo "postgres://storevoice@127.0.0.1:$port/postgres"
}

stop() {
  [ -s "$state" ] || { log "no cluster to stop"; return 0; }
  local dir bin
  dir="$(cat "$state")"
  bin="$(bindir || true)"
  if [ -d "$dir/data" ] && [ -n "$bin" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir" "$state"
  log "stopped and removed $dir"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) [ -s "$state" ] && echo "postgres://storevoice@127.0.0.1:$(cat "$(cat "$state")/port")/postgres" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
