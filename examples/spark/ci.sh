#!/usr/bin/env bash
# CI step for the Spark example (issue #23): make sure a JRE (17+) and pyspark
# are there, then run run_test.sh on 200 documents in local mode: the job's
# event ids (and every event's and claim's JSON) must equal `sitrep code`'s.
# Skips with a message, exit 0, when apt-get or pip cannot install what it
# needs; fails when the job fails or its output differs.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
venv="${SITREP_SPARK_VENV:-/tmp/sitrep-spark-venv}"

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}

if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  echo "spark example: installing a JRE (default-jre-headless)"
  if ! { timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 600 \
        apt-get install -y -qq default-jre-headless >/dev/null; }; then
    echo "spark example: SKIPPED: no Java 17+ and apt-get could not install default-jre-headless"
    exit 0
  fi
fi

if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  echo "spark example: installing pyspark into $venv"
  if ! { python3 -m venv "$venv" && timeout 900 "$venv/bin/pip" install -q pyspark; }; then
    echo "spark example: SKIPPED: pip could not install pyspark"
    exit 0
  fi
fi

sitrep="${SITREP:-$root/target/debug/sitrep}"
if [ ! -x "$sitrep" ]; then
  cargo build --bin sitrep || exit 1
  sitrep="$root/target/debug/sitrep"
fi

# --no-store: the store comparison (ingest + export of the same documents)
# runs in the 10,000-document run of README.md, not in CI's few minutes
exec "$root/examples/spark/run_test.sh" --docs 200 --no-store --sitrep "$sitrep" \
  --python "$venv/bin/python" --work "$root/target/spark-ci"
