"""Fixtures: one pipeline for the session, the bundled corpus, the CLI.

The contract tests compare the package with the ``sitrep`` command line.
Its binary is ``$SITREP_BIN``, else the newest of target/{debug,release}/sitrep
in the repository; without one those tests skip and say so, unless
``SITREP_REQUIRE_CLI=1`` (as .ci/run sets), when they fail.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import List

import pytest

import sitrep

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "examples" / "karabakh" / "articles.jsonl"


def _find_cli() -> "Path | None":
    given = os.environ.get("SITREP_BIN")
    if given:
        return Path(given)
    built = [REPO / "target" / p / "sitrep" for p in ("debug", "release")]
    built = [b for b in built if b.is_file()]
    return max(built, key=lambda b: b.stat().st_mtime) if built else None


@pytest.fixture(scope="session")
def cli() -> Path:
    path = _find_cli()
    if path is None or not path.is_file():
        message = f"no sitrep binary ({path or 'set SITREP_BIN or build target/*/sitrep'})"
        if os.environ.get("SITREP_REQUIRE_CLI") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_cli(cli: Path, *args: str) -> str:
    done = subprocess.run([str(cli), *args], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, f"sitrep {' '.join(args)} failed: {done.stderr}"
    return done.stdout


def jsonl(text: str) -> List[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def pipeline() -> sitrep.Pipeline:
    return sitrep.Pipeline()


@pytest.fixture(scope="session")
def corpus() -> List[dict]:
    with open(CORPUS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def corpus_records(pipeline, corpus) -> List[dict]:
    """Everything code_many makes of the bundled corpus, in order."""
    out: List[dict] = []
    for coded in pipeline.code_many(corpus, threads=1, errors="raise"):
        out.extend(coded.records)
    return out


@pytest.fixture(scope="session")
def store(cli, tmp_path_factory) -> Path:
    """The bundled corpus ingested by the CLI into a fresh store."""
    db = tmp_path_factory.mktemp("store") / "sitrep.db"
    done = subprocess.run(
        [str(cli), "ingest", "examples/karabakh", "--db", str(db)], capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    return db
