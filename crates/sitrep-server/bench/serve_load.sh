#!/usr/bin/env bash
# `sitrep serve` under 32 concurrent connections (issue #23): the first
# events page (/api/events) from one server over SQLite, one over
# PostgreSQL, and several over one PostgreSQL store; p50/p90/p99 latency.
#
#   crates/sitrep-server/bench/serve_load.sh STORE.db 'postgres://…' [SERVERS] [REQUESTS]
#
# Servers listen on loopback ports picked by the system and are stopped at
# the end; the load (examples/load.rs) is bounded and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SITREP:-target/release/sitrep}
LOAD=${LOAD:-target/release/examples/load}
LITE=$1; PG=$2; SERVERS=${3:-2}; REQUESTS=${4:-100}
PATH_Q=${PATH_Q:-/api/events}
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

# start a server on a free port; sets ADDR (not run in $(...): the server
# would hold the substitution's pipe open, and its pid would be lost)
start() {
  local log; log=$(mktemp)
  "$BIN" serve --db "$1" --addr 127.0.0.1:0 >/dev/null 2>"$log" &
  pids+=($!)
  for _ in $(seq 100); do
    if grep -q "on http://" "$log"; then ADDR=$(sed -n 's|.*on http://\([^/]*\)/.*|\1|p' "$log"); return; fi
    sleep 0.1
  done
  cat "$log" >&2; return 1
}

run() { echo "$1: $("$LOAD" --conns 32 --requests "$REQUESTS" --path "$PATH_Q" "${@:2}")"; }
# warm-up with as many connections as the measured run, so that each server
# has opened its sessions before (with 4 warm-up connections, 28 PostgreSQL
# sessions were opened inside the measured run and set its p99)
warm() { "$LOAD" --conns 32 --requests 5 --path "$PATH_Q" "$@" >/dev/null; }

start "$LITE"; a=$ADDR; warm "$a"
run "SQLite, 1 server" "$a"
start "$PG"; b=$ADDR; warm "$b"
run "PostgreSQL, 1 server" "$b"
addrs=("$b")
for _ in $(seq 2 "$SERVERS"); do start "$PG"; addrs+=("$ADDR"); done
warm "${addrs[@]}"
run "PostgreSQL, $SERVERS servers" "${addrs[@]}"
