#!/usr/bin/env bash
# The Spark job end to end in local mode, checked against `sitrep code`:
#   1. lay N documents out, half as a CC-NEWS-style WARC crawl, half as JSONL (make_test_crawl.py);
#   2. run sitrep_spark.py over both layouts at once (local[2], niced);
#   3. run check_ids.py: same event ids and the same JSON for every event and
#      claim as `sitrep code --threads 1`, ids equal to the store's export (unless --no-store),
#      merged events listing only coded events; documents/s per core of both.
# Exit status: 0 when everything is equal, 1 when not, 2 on a usage error.
#
#   examples/spark/run_test.sh [--docs N] [--work DIR] [--sitrep BIN] [--python PY] [--no-link] [--no-store]
#
# Documents come from target/bench/corpus.jsonl (sitrep-bench corpus) when it
# exists, else from ../shared/corpus/lee, else from examples/karabakh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="${SITREP_ROOT:-$(cd "$here/../.." && pwd)}"  # the repository (SITREP_ROOT when run from a copy)
docs=200
work="$root/target/spark-test"
sitrep="${SITREP:-$root/target/release/sitrep}"
python="${PYTHON:-python3}"
link=()
store=(--store)
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) docs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --sitrep) sitrep="$2"; shift 2 ;;
    --python) python="$2"; shift 2 ;;
    --no-link) link=(--no-link); shift ;;
    --no-store) store=(); shift ;;
    *) echo "run_test.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$sitrep" ] || { echo "run_test.sh: no sitrep binary at $sitrep (cargo build --release --bin sitrep, or --sitrep)" >&2; exit 2; }
sitrep="$(cd "$(dirname "$sitrep")" && pwd)/$(basename "$sitrep")"

rm -rf "$work"
mkdir -p "$work"
if [ -f "$root/target/bench/corpus.jsonl" ]; then
  src=(--jsonl "$root/target/bench/corpus.jsonl")
elif [ -f "$root/../shared/corpus/lee/lee_background.cor" ]; then
  src=(--lines "$root/../shared/corpus/lee/lee_background.cor")
else
  src=(--jsonl "$root/examples/karabakh/articles.jsonl")
fi
# half the documents as a WARC crawl, the other half as JSONL: different
# documents, so the store check sees each once
half=$(( docs / 2 ))
"$python" "$here/make_test_crawl.py" "${src[@]}" --docs "$half" --layout warc --out "$work/input"
"$python" "$here/make_test_crawl.py" "${src[@]}" --skip "$half" --docs "$(( docs - half ))" --layout jsonl \
  --out "$work/input"

export SITREP="$sitrep"
nice -n 10 "$python" "$here/sitrep_spark.py" --master 'local[2]' \
  --input "$work/input/crawl" --input "$work/input/jsonl" \
  --output "$work/out" --summary "$work/summary.json" "${link[@]}" 2>"$work/spark.log" \
  || { tail -40 "$work/spark.log" >&2; exit 1; }
nice -n 10 "$python" "$here/check_ids.py" --input "$work/input/crawl" --input "$work/input/jsonl" \
  --output "$work/out" --summary "$work/summary.json" "${store[@]}" 2>"$work/check.log" \
  || { tail -20 "$work/check.log" >&2; exit 1; }
