#!/usr/bin/env bash
# The sitrep benchmark: build, generate the 10,000-article corpus (seeded,
# byte-for-byte reproducible), measure, and write target/bench/report.{json,md}.
# Usage: scripts/bench/run.sh   (env: OUT, DOCS, EXTRACTION, LEE)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-target/bench}"
DOCS="${DOCS:-10000}"
EXTRACTION="${EXTRACTION:-/work/shared/eval/article-extraction}"
LEE="${LEE:-/work/shared/corpus/lee/lee_background.cor}"
BENCH=target/release/sitrep-bench
mkdir -p "$OUT"
cargo build --release -p sitrep-bench
"$BENCH" corpus --out "$OUT/corpus.jsonl" --docs "$DOCS" --lee "$LEE"
"$BENCH" run --corpus "$OUT/corpus.jsonl" --extraction "$EXTRACTION" \
  --json "$OUT/report.json" --markdown "$OUT/report.md"
cat "$OUT/report.md"
