#!/usr/bin/env bash
# The Python package (issue #22) in CI: build the abi3 wheel with maturin,
# install it into a fresh virtual environment and run the pytest suite,
# which compares the package with the `sitrep` binary of the same tree.
# Usage: bash crates/sitrep-py/ci.sh   (env: PYTHON, SITREP_PY_VENV, SITREP_BIN)
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
VENV="$(realpath -m "${SITREP_PY_VENV:-target/py-venv}")"
WHEELS=target/wheels/sitrep-py
command -v "$PYTHON" >/dev/null || { echo "sitrep-py: $PYTHON is required"; exit 1; }
rm -rf "$VENV" "$WHEELS"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check maturin pytest pandas polars pyarrow
"$VENV/bin/maturin" build --release -q -m crates/sitrep-py/Cargo.toml -i "$VENV/bin/python" --out "$WHEELS"
wheel=$(ls "$WHEELS"/sitrep-*.whl)
echo "sitrep-py: wheel $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KiB"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "$wheel"
# the command line the contract tests compare with: the one `cargo test` built
if [ -z "${SITREP_BIN:-}" ]; then
  cargo build -q --bin sitrep
  export SITREP_BIN="$PWD/target/debug/sitrep"
fi
cd crates/sitrep-py
SITREP_REQUIRE_CLI=1 "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests
