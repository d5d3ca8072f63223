#!/usr/bin/env bash
# Many writers, one store (issue #23; docs/STORAGE.md). Measures, on the
# first 5,000 documents of the benchmark corpus (sitrep-bench corpus):
#   1. one `sitrep ingest` into SQLite (the reference);
#   2. four `sitrep ingest` at once on overlapping slices into one
#      PostgreSQL store, and the same into one SQLite store;
#   3. one ingest into PostgreSQL killed with SIGKILL mid-run, then re-run;
# and compares documents, event ids, events, stories and merged events of
# each store with the reference (md5 of sorted dumps).
#
#   SITREP_BENCH_PG=postgres://sitrep:sitrep@127.0.0.1:54329/sitrep \
#     crates/sitrep-store/bench/many_writers.sh [CORPUS.jsonl]
#
# Needs psql and python3 (for reading SQLite). Uses schemas w4 and kill in
# the given database (dropped and recreated).
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SITREP:-target/release/sitrep}
CORPUS=${1:-target/bench/corpus.jsonl}
PG=${SITREP_BENCH_PG:?set SITREP_BENCH_PG to a PostgreSQL URL}
OUT=target/bench/writers
DOCS=${DOCS:-5000}
KILL_AFTER=${KILL_AFTER:-15}
mkdir -p "$OUT"
rm -f "$OUT"/*.db "$OUT"/*.db-wal "$OUT"/*.db-shm
head -n "$DOCS" "$CORPUS" >"$OUT/all.jsonl"
# overlapping slices whose union is every document
a=$((DOCS * 2 / 5)); b=$((DOCS * 3 / 10))
sed -n "1,${a}p" "$OUT/all.jsonl" >"$OUT/s1.jsonl"
sed -n "$((b + 1)),$((b + a))p" "$OUT/all.jsonl" >"$OUT/s2.jsonl"
sed -n "$((DOCS - a + 1)),${DOCS}p" "$OUT/all.jsonl" >"$OUT/s3.jsonl"
awk 'NR % 2 == 1' "$OUT/all.jsonl" >"$OUT/s4.jsonl"
wc -l "$OUT"/s?.jsonl | tr '\n' ' '; echo

schema() { psql -q "$PG" -c "DROP SCHEMA IF EXISTS $1 CASCADE; CREATE SCHEMA $1" >/dev/null; echo "$PG?options=-csearch_path%3D$1"; }
ingest() { "$BIN" ingest --no-places --threads 1 "$@" 2>&1 | grep -v "^sitrep: .*skipped:" | tail -2; }

# A store's contents as sorted lines, one dump per table, md5 each.
DUMPS=(
  "documents:SELECT doc_id, content_hash, story_id, copy_of, inferred_date FROM documents ORDER BY doc_id"
  "events:SELECT event_id, date, story_id, merged_id, json FROM events ORDER BY event_id"
  "stories:SELECT story_id, title, first_date, last_date, num_docs FROM stories ORDER BY story_id"
  "merged:SELECT merged_id, story_id, date, json FROM merged_events ORDER BY merged_id"
  "claims:SELECT claim_id, doc_id FROM claims ORDER BY claim_id"
)
dump_pg() { for d in "${DUMPS[@]}"; do printf '%s ' "${d%%:*}=$(psql -qAt -F'|' "$1" -c "${d#*:}" | wc -l)/$(psql -qAt -F'|' "$1" -c "${d#*:}" | md5sum | cut -c1-8)"; done; echo; }
dump_lite() {
  for d in "${DUMPS[@]}"; do
    printf '%s ' "${d%%:*}=$(python3 - "$1" "${d#*:}" <<'PY'
import sqlite3, sys, hashlib
rows = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()
text = "".join("|".join("" if v is None else str(v) for v in r) + "\n" for r in rows)
print(f"{len(rows)}/{hashlib.md5(text.encode()).hexdigest()[:8]}")
PY
)"
  done
  echo
}

echo "== one writer, SQLite (reference)"
/usr/bin/time -f "%e s wall" "$BIN" ingest --no-places --threads 1 "$OUT/all.jsonl" --db "$OUT/one.db" 2>&1 | grep -v "skipped:" | tail -3
REF=$(dump_lite "$OUT/one.db"); echo "reference: $REF"

echo "== four writers, PostgreSQL"
URL=$(schema w4)
start=$(date +%s.%N)
for i in 1 2 3 4; do ingest "$OUT/s$i.jsonl" --db "$URL" >"$OUT/pg$i.log" & done
fails=0; for j in $(jobs -p); do wait "$j" || fails=$((fails + 1)); done
echo "$(echo "$(date +%s.%N) - $start" | bc) s wall, $fails writers failed"; tail -qn1 "$OUT"/pg?.log
PG4=$(dump_pg "$URL"); echo "postgres, 4 writers: $PG4"
[ "$PG4" = "$REF" ] && echo "IDENTICAL to one writer into SQLite" || echo "DIFFERENT from one writer into SQLite"

echo "== four writers, SQLite"
start=$(date +%s.%N)
for i in 1 2 3 4; do ingest "$OUT/s$i.jsonl" --db "$OUT/four.db" >"$OUT/lite$i.log" & done
fails=0; for j in $(jobs -p); do wait "$j" || fails=$((fails + 1)); done
echo "$(echo "$(date +%s.%N) - $start" | bc) s wall, $fails writers failed"
LITE4=$(dump_lite "$OUT/four.db"); echo "sqlite, 4 writers: $LITE4"
[ "$LITE4" = "$REF" ] && echo "IDENTICAL to one writer into SQLite" || echo "DIFFERENT from one writer into SQLite"

echo "== one writer into PostgreSQL, SIGKILLed after ${KILL_AFTER} s, then re-run"
URL=$(schema kill)
"$BIN" ingest --no-places --threads 1 "$OUT/all.jsonl" --db "$URL" >"$OUT/kill1.log" 2>&1 &
pid=$!
sleep "$KILL_AFTER"; kill -KILL "$pid"; wait "$pid" || true
echo "killed: $(psql -qAt "$URL" -c 'SELECT COUNT(*) FROM documents') documents stored, $(psql -qAt "$URL" -c 'SELECT COUNT(*) FROM stories') stories"
ingest "$OUT/all.jsonl" --db "$URL"
KILL=$(dump_pg "$URL"); echo "after re-run: $KILL"
[ "$KILL" = "$REF" ] && echo "IDENTICAL to one writer into SQLite" || echo "DIFFERENT from one writer into SQLite"
