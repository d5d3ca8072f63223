#!/usr/bin/env bash
# Load test of `sitrep serve`'s events endpoint: a synthetic store of 10,000
# events (built through the store API), the release binary on a free
# loopback port, and wrk (Debian package `wrk`) with 32 connections.
#
# Usage: scripts/bench_serve.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-20}
CONNS=${2:-32}
command -v wrk >/dev/null || { echo "bench: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
cargo build -q --release -p sitrep
cargo build -q --release -p sitrep-server --example synth_store
WORK=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
target/release/examples/synth_store "$WORK/store.db" 2000 5
target/release/sitrep serve --db "$WORK/store.db" --addr 127.0.0.1:0 2> "$WORK/serve.log" &
PID=$!
URL=""
for _ in $(seq 1 100); do
  URL=$(sed -n 's|.* on \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$WORK/serve.log" | head -1)
  [ -n "$URL" ] && break; sleep 0.1
done
[ -n "$URL" ] || { cat "$WORK/serve.log" >&2; exit 1; }
curl -sf "$URL/api/events?limit=1" | head -c 60; echo
# pages of 50 events at offsets spread over the store, half of them filtered
cat > "$WORK/paths.lua" <<'LUA'
local n = 0
local filters = {"", "&cameo=19", "&actor=AZEMIL", "&country=RUS", "&since=2020-10-10&until=2020-10-20", "&plover=AGREE"}
request = function()
  n = n + 1
  local f = filters[(n % #filters) + 1]
  local offset = (n * 137) % 9950
  if f ~= "" then offset = (n * 13) % 500 end
  return wrk.format("GET", "/api/events?limit=50&offset=" .. offset .. f)
end
LUA
echo "wrk -t2 -c$CONNS -d${SECS}s --latency -s paths.lua $URL  (pages of 50 events, 1/6 unfiltered over 10,000 events)"
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s "$WORK/paths.lua" "$URL"
echo "wrk -t2 -c$CONNS -d${SECS}s --latency $URL/api/events?limit=50  (first page, no filter)"
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$URL/api/events?limit=50"
