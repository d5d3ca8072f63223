#!/usr/bin/env bash
# Compare sitrep's temporal tagger with the Python `dateparser` package on the
# same hand-written set and document dates: exact-value accuracy and speed.
# Usage: scripts/compare_dateparser.sh [eval/time/dev.tsv]
# Builds a throwaway venv (deleted on exit); needs PyPI and a built sitrep
# (SITREP=path/to/sitrep, default target/release/sitrep, else target/debug/sitrep).
set -euo pipefail
cd "$(dirname "$0")/.."
SET="${1:-eval/time/dev.tsv}"
SITREP="${SITREP:-}"
if [ -z "$SITREP" ]; then
  if [ -x target/release/sitrep ]; then SITREP=target/release/sitrep; else SITREP=target/debug/sitrep; fi
fi
[ -x "$SITREP" ] || { echo "build sitrep first (cargo build -p sitrep)" >&2; exit 1; }
VENV="$(mktemp -d)"
trap 'rm -rf "$VENV"' EXIT
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check dateparser
echo "dateparser $("$VENV/bin/python" -c 'import dateparser; print(dateparser.__version__)')"
echo "== sitrep ($SITREP)"
start=$(date +%s.%N)
"$SITREP" eval time "$SET" --json
end=$(date +%s.%N)
echo "sitrep wall clock, whole run incl. start-up and the 0.5 s speed loop: $(echo "$end - $start" | bc) s"
echo "== dateparser (search_dates, PREFER_DATES_FROM=past)"
start=$(date +%s.%N)
"$VENV/bin/python" scripts/compare_dateparser.py "$SET" past
end=$(date +%s.%N)
echo "dateparser wall clock, whole run incl. import: $(echo "$end - $start" | bc) s"
