#!/usr/bin/env bash
# Cost of the gazetteer: peak resident memory (VmHWM, via /usr/bin/time -v) and
# wall time of `sitrep annotate` over N documents, with and without places.
#
# Usage: scripts/bench_places.sh [CORPUS] [N] [THREADS]
#   CORPUS   one article per line (default /work/shared/corpus/lee/lee_background.cor)
#   N        documents to annotate (default 1000; lines are repeated with distinct ids)
#   THREADS  worker threads (default 2)
# Needs a release build (cargo build --release -p sitrep) and /usr/bin/time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="${1:-/work/shared/corpus/lee/lee_background.cor}"
N="${2:-1000}"
THREADS="${3:-2}"
BIN="${SITREP:-$ROOT/target/release/sitrep}"
TMP="$(mktemp -d -t sitrep-bench-places.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

python3 - "$CORPUS" "$N" > "$TMP/docs.jsonl" <<'PY'
import json, sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
for i in range(int(sys.argv[2])):
    print(json.dumps({"id": f"lee-{i}", "date": "2020-01-01", "text": lines[i % len(lines)]}))
PY

run() { # label, extra args
    local label="$1"; shift
    /usr/bin/time -v "$BIN" annotate --threads "$THREADS" "$@" "$TMP/docs.jsonl" \
        > "$TMP/$label.out" 2> "$TMP/$label.time"
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$TMP/$label.time" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$TMP/$label.time" | awk '{print $NF}')
    printf '%-10s wall %s  max RSS %s kB  output lines %s\n' "$label" "$wall" "$rss" \
        "$(wc -l < "$TMP/$label.out")"
}
echo "$N documents from $CORPUS, $THREADS threads, $BIN"
for round in 1 2 3; do
    run no-places --no-places
    run places
done
# load alone: one tiny document
echo '{"id":"x","text":"Talks were held in Geneva."}' > "$TMP/one.jsonl"
for label in no-places places; do
    args=(); [ "$label" = no-places ] && args=(--no-places)
    /usr/bin/time -v "$BIN" annotate "${args[@]}" "$TMP/one.jsonl" > /dev/null 2> "$TMP/one.time"
    printf '%-10s one document: wall %s  max RSS %s kB\n' "$label" \
        "$(grep 'Elapsed (wall clock)' "$TMP/one.time" | awk '{print $NF}')" \
        "$(grep 'Maximum resident set size' "$TMP/one.time" | awk '{print $NF}')"
done
