#!/usr/bin/env bash
# Measure `sitrep export` on a store of >= 100,000 events: peak resident memory
# (GNU time's "Maximum resident set size") and wall time for every format.
#
#   scripts/bench_export.sh [EVENTS] [PROFILE]     (defaults: 100000 release)
#
# The store is built once (target/bench-export/big.db) by ingesting the example
# corpus and copying its documents with sitrep-export-bench; delete it to rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-100000}
PROFILE=${2:-release}
FLAG=$([ "$PROFILE" = release ] && echo --release || true)
cargo build $FLAG -p sitrep -p sitrep-export --bins
BIN=target/$PROFILE
OUT=target/bench-export
mkdir -p "$OUT"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "GNU time not found at $TIME (Debian package: time)" >&2; exit 1; }

if [ ! -f "$OUT/big.db" ]; then
  rm -f "$OUT/small.db"*
  "$BIN/sitrep" ingest examples/karabakh --db "$OUT/small.db" 2>/dev/null
  "$BIN/sitrep-export-bench" "$OUT/small.db" "$OUT/big.db" "$EVENTS"
fi
N=$("$BIN/sitrep" events --db "$OUT/big.db" --format csv 2>/dev/null | tail -n +2 | wc -l)
echo "store: $N events ($(du -h "$OUT/big.db" | cut -f1)); profile: $PROFILE"
printf '%-15s %10s %12s %12s\n' format seconds peak_RSS_MB output_MB
for f in gdelt gdelt-mentions phoenix plover polecat acled ucdp jsonl csv parquet; do
  dest="$OUT/out.$f"
  rm -rf "$dest"
  $TIME -v "$BIN/sitrep" export --db "$OUT/big.db" --format "$f" -o "$dest" 2> "$OUT/time.$f" >/dev/null
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.$f")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.$f")
  secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  size=$(du -sm "$dest" | cut -f1)
  printf '%-15s %10s %12.1f %12s\n' "$f" "$secs" "$(echo "$rss / 1024" | bc -l)" "$size"
done
