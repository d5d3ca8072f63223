#!/usr/bin/env bash
# Real-browser test of `sitrep serve`: ingest the example corpus into a
# temporary store, serve it on a free loopback port, load every page in
# headless Chromium (Debian's package), check what the pages show, and save
# screenshots to target/browser-screenshots/.
#
# Usage: tests/browser/run.sh            (builds target/debug/sitrep)
#        SITREP_BIN=path tests/browser/run.sh
# Exit status 0 when every check passes; 1 with the failures listed;
# 2 when Chromium is missing and cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SHOTS="$ROOT/target/browser-screenshots"
mkdir -p "$SHOTS"

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
  echo "browser test: chromium not found; installing Debian's chromium package" >&2
  if [ "$(id -u)" != 0 ]; then
    echo "browser test: FAILED: chromium is not installed and installing it needs root (apt-get install -y chromium)" >&2
    exit 2
  fi
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2; then
    echo "browser test: FAILED: apt-get install -y chromium did not succeed (see above)" >&2
    exit 2
  fi
  CHROMIUM=$(command -v chromium || true)
  [ -n "$CHROMIUM" ] || { echo "browser test: FAILED: chromium still not found after install" >&2; exit 2; }
fi

BIN=${SITREP_BIN:-}
if [ -z "$BIN" ]; then
  cargo build -q -p sitrep >&2
  BIN="$ROOT/target/debug/sitrep"
fi

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" ingest examples/karabakh --db "$WORK/store.db" 2> "$WORK/ingest.log" || { cat "$WORK/ingest.log" >&2; exit 1; }

# port 0: the server picks a free port and prints it
"$BIN" serve --db "$WORK/store.db" --addr 127.0.0.1:0 2> "$WORK/serve.log" &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL=$(sed -n 's|.* on \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$WORK/serve.log" | head -1)
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; echo "browser test: FAILED: server exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "browser test: FAILED: server did not report its address" >&2; exit 1; }
echo "browser test: server at $URL" >&2

chrome() { # chrome OUT_KIND URL [extra flags]
  local profile; profile=$(mktemp -d "$WORK/profile.XXXX")
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$profile" "$@" 2>>"$WORK/chromium.log"
}

FAILS=0
check() { # check NAME FILE PATTERN MIN_COUNT
  local n; n=$(grep -o -- "$3" "$2" | wc -l || true)
  if [ "$n" -ge "$4" ]; then
    echo "ok   $1 ($n × $3)" >&2
  else
    echo "FAIL $1: found $n × $3, want at least $4" >&2
    FAILS=$((FAILS + 1))
  fi
}

# an event with a source, a target and a place, to open its source page
EVENT_ID=$(curl -sf "$URL/api/events?limit=1000" | python3 -c '
import json, sys
evs = json.load(sys.stdin)["events"]
best = [e for e in evs if e.get("source") and e.get("target") and e.get("location") and e["cameo"]["root"] >= "14"]
print((best or evs)[0]["event_id"])')

shoot() { # shoot NAME PATH HEIGHT
  chrome --dump-dom "$URL$2" > "$WORK/$1.html"
  chrome --window-size=1280,"$3" --screenshot="$SHOTS/$1.png" "$URL$2" > /dev/null
  [ -s "$SHOTS/$1.png" ] || { echo "FAIL $1: no screenshot" >&2; FAILS=$((FAILS + 1)); }
}

shoot home / 900
check "home lists the stories" "$WORK/home.html" '<table class="stories" id="stories">' 1
check "home links each story's timeline" "$WORK/home.html" 'href="/timeline?story=' 1

# the first story's timeline
STORY_ID=$(curl -sf "$URL/api/stories" | python3 -c '
import json, sys
v = json.load(sys.stdin)
stories = v["stories"] if isinstance(v, dict) else v
print(stories[0]["story_id"])')
shoot story "/timeline?story=$STORY_ID" 1400
check "story timeline lists events" "$WORK/story.html" '<li class="event' 20

shoot timeline "/timeline" 1400
check "timeline groups by day" "$WORK/timeline.html" '<section class="day">' 5
check "timeline lists events" "$WORK/timeline.html" '<li class="event' 50
check "timeline chart has bars" "$WORK/timeline.html" '<rect class="q' 10

shoot events "/events?cameo=19" 1100
check "event table has rows" "$WORK/events.html" '<tr class="event' 5
check "event table offers CSV export" "$WORK/events.html" 'href="/api/export.csv?cameo=19"' 1

shoot map "/map" 1000
check "map draws country outlines" "$WORK/map.html" '<path class="country"' 10
check "map draws Armenia" "$WORK/map.html" 'data-iso3="ARM"' 1
check "map has points" "$WORK/map.html" '<circle class="\(conflict\|coop\)"' 5

shoot network "/network" 1000
check "network has nodes" "$WORK/network.html" 'class="node"' 5
check "network has edges" "$WORK/network.html" '<path class="edge' 5
check "network has hostile links" "$WORK/network.html" 'class="edge conflict"' 1

shoot event "/event/$EVENT_ID" 1000
check "event page marks the predicate" "$WORK/event.html" '<mark class="hl-predicate"' 2
check "event page marks the source actor" "$WORK/event.html" '<mark class="hl-source"' 2
check "event page marks the target actor" "$WORK/event.html" '<mark class="hl-target"' 2
check "event page explains" "$WORK/event.html" 'id="explanation"' 1

# the script ran: rows open events, empty filter fields stay out of the URL
check "script loaded" "$WORK/events.html" 'src="/assets/app.js"' 1

# exports of the current filter
curl -sf "$URL/api/export.csv?cameo=19" > "$WORK/export.csv"
curl -sf "$URL/api/export.jsonl?cameo=19" > "$WORK/export.jsonl"
check "CSV export has a header" "$WORK/export.csv" '^event_id,doc_id,date' 1
ROWS=$(($(wc -l < "$WORK/export.csv") - 1)); LINES=$(wc -l < "$WORK/export.jsonl")
if [ "$ROWS" -ge 5 ] && [ "$ROWS" = "$LINES" ]; then echo "ok   exports agree ($ROWS events)" >&2
else echo "FAIL exports: $ROWS CSV rows vs $LINES JSONL lines" >&2; FAILS=$((FAILS + 1)); fi

echo "browser test: screenshots in $SHOTS" >&2
if [ "$FAILS" -gt 0 ]; then echo "browser test: FAILED: $FAILS checks" >&2; exit 1; fi
echo "browser test: passed" >&2
