#!/usr/bin/env bash
# Issue #21's acceptance checks that take minutes, not hours, in one run:
#   1. gzip bombs of 1 GB and 4 GB: a named error and peak memory under 200 MB;
#   2. 100,000 nested <div>: coded in under 2 s;
#   3. four concurrent `sitrep ingest` into one SQLite store, overlapping
#      inputs: all exit 0; the store holds the union, no duplicates (one row
#      per id, per text and per event), the same counts as one process
#      reading the four inputs in turn (a text already stored under another
#      id is not stored again, so the union of ids is more than the rows);
#   4. the same 5,000 documents into two fresh stores (1 and 2 threads):
#      byte-identical `sitrep stories --json` and `sitrep events`.
# The 50 MB document (crates/sitrep-bench/scale/big_doc.py), the 100,000-
# document ingest rate (scale/ingest_rate.py) and fuzzing (sitrep-fuzz) take
# longer and have their own commands in BENCHMARKS.md.
#
# Usage: scripts/acceptance/issue21.sh [SITREP_BIN] [WORK_DIR]
#   (defaults: target/release/sitrep, target/acceptance21; needs the benchmark
#   corpus target/bench/corpus.jsonl, which scripts/bench/run.sh writes, of at
#   least 5,000 documents). Prints one line per check, PASS or FAIL, and
#   exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN="$(realpath "${1:-target/release/sitrep}")"
WORK="$(realpath -m "${2:-target/acceptance21}")"
CORPUS="$PWD/target/bench/corpus.jsonl"
[ -x "$BIN" ] || { echo "no sitrep binary at $BIN (cargo build --release)"; exit 2; }
[ -f "$CORPUS" ] && [ "$(wc -l <"$CORPUS")" -ge 5000 ] ||
  { echo "need $CORPUS with >= 5000 lines (scripts/bench/run.sh writes it)"; exit 2; }
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 2
failed=0
verdict() { # verdict OK|FAIL "what"
  if [ "$1" = OK ]; then echo "PASS  $2"; else echo "FAIL  $2"; failed=1; fi
}
# wall seconds and peak RSS (KB) of a command, into $wall and $rss; its
# stderr into $WORK/last.err, its exit status into $status
measure() {
  /usr/bin/time -f '%e %M' -o time.txt "$@" >last.out 2>last.err
  status=$?
  read -r wall rss < <(tail -n 1 time.txt)
}

# 1. gzip bombs
for g in 1 4; do
  head -c "${g}G" /dev/zero | gzip -1 >"z$g.gz"
  measure "$BIN" code --no-places "z$g.gz"
  named=$(grep -c "too large" last.err)
  ok=FAIL; [ "$named" -ge 1 ] && [ "$rss" -lt 204800 ] && ok=OK
  verdict $ok "gzip bomb ${g} GB: peak $((rss / 1024)) MB, ${wall} s, exit $status, error: $(grep -m1 'too large' last.err | cut -c1-110)"
  rm -f "z$g.gz"
done

# 2. nested <div>
python3 -c "open('d.html','w').write('<div>'*100000+'<p>Troops shelled the town.</p>'+'</div>'*100000)"
measure "$BIN" code --date 2020-01-01 d.html
events=$(grep -c '"kind":"event"' last.out)
ok=FAIL; [ "$status" = 0 ] && [ "$events" -ge 1 ] && awk "BEGIN{exit !($wall < 2)}" && ok=OK
verdict $ok "100,000 nested <div>: ${wall} s, $((rss / 1024)) MB, $events event(s)"

# 3. four concurrent writers, then one writer reading the same four inputs
sed -n 1,2000p "$CORPUS" >a.jsonl
sed -n 1001,3000p "$CORPUS" >b.jsonl
sed -n 2001,4000p "$CORPUS" >c.jsonl
sed -n '1,4000{p;n}' "$CORPUS" >d.jsonl
counts() { # counts DB: documents, distinct ids, distinct hashes, events, distinct events, claims
  sqlite3 "$1" "select (select count(*) from documents), (select count(distinct doc_id) from documents),
    (select count(distinct content_hash) from documents), (select count(*) from events),
    (select count(distinct event_id) from events), (select count(*) from claims)"
}
start=$(date +%s.%N)
pids=()
for f in a b c d; do
  "$BIN" ingest --no-places --threads 1 --db many.db "$f.jsonl" >"ingest-$f.out" 2>"ingest-$f.err" &
  pids+=($!)
done
exits=""
for p in "${pids[@]}"; do wait "$p"; exits="$exits $?"; done
took=$(echo "$(date +%s.%N) - $start" | bc)
"$BIN" ingest --no-places --db one.db a.jsonl b.jsonl c.jsonl d.jsonl >/dev/null 2>ingest-one.err
many=$(counts many.db) one=$(counts one.db)
union=$(cat a.jsonl b.jsonl c.jsonl d.jsonl | python3 -c "import sys,json; print(len({json.loads(l)['id'] for l in sys.stdin if l.strip()}))")
IFS='|' read -r docs ids hashes ev dev cl <<<"$many"
ok=FAIL
[ "$exits" = " 0 0 0 0" ] && [ "$many" = "$one" ] && [ "$docs" = "$ids" ] && [ "$ev" = "$dev" ] &&
  [ "$ids" = "$hashes" ] && ok=OK
# the inputs' ids less those whose text another id already holds (the
# store keeps one copy and says so: "not stored: the same text …")
verdict $ok "4 concurrent ingests: exits$exits, ${took%.*} s; store (documents|ids|hashes|events|distinct events|claims) $many; one process $one; inputs hold $union ids"

# 4. determinism: the same 5,000 documents, 1 and 2 threads, fresh stores
head -n 5000 "$CORPUS" >five.jsonl
for t in 1 2; do
  "$BIN" ingest --no-places --threads "$t" --db "det$t.db" five.jsonl >/dev/null 2>"det$t.err"
  "$BIN" stories --json --db "det$t.db" >"stories$t.json"
  "$BIN" events --db "det$t.db" >"events$t.jsonl"
done
s1=$(md5sum <stories1.json | cut -c1-8) s2=$(md5sum <stories2.json | cut -c1-8)
e1=$(md5sum <events1.jsonl | cut -c1-8) e2=$(md5sum <events2.jsonl | cut -c1-8)
ok=FAIL; [ "$s1" = "$s2" ] && [ "$e1" = "$e2" ] && [ -s stories1.json ] && [ -s events1.jsonl ] && ok=OK
verdict $ok "5,000 documents twice: stories $(wc -l <stories1.json) lines md5 $s1 / $s2; events $(wc -l <events1.jsonl) lines md5 $e1 / $e2"

exit $failed
