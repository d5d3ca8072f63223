"""Throughput of ``Pipeline.code_many`` (one thread) beside ``sitrep code --threads 1``.

    python crates/sitrep-py/bench.py [--corpus target/bench/corpus.jsonl] [--docs 2000]
                                     [--cli target/release/sitrep] [--rounds 3]

Both read the same JSONL file (the first --docs lines of the benchmark
corpus that ``scripts/bench/run.sh`` writes; any JSONL of articles works)
and code it on one thread, in the same run, rounds alternating. The CLI's
time is its wall clock less its start-up (building the pipeline, measured
by coding one document); Python's is reading the file, coding, and parsing
every result into dicts, with the pipeline built beforehand. The two
outputs are also checked to be the same events.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sitrep

REPO = Path(__file__).resolve().parents[2]


def take(corpus: Path, n: int, out: Path) -> int:
    k = 0
    with open(corpus, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if k == n:
                break
            if line.strip():
                dst.write(line)
                k += 1
    return k


def run_cli(cli: Path, path: Path) -> "tuple[float, bytes]":
    t0 = time.perf_counter()
    done = subprocess.run([str(cli), "code", "--threads", "1", str(path)], capture_output=True)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"sitrep code failed: {done.stderr.decode(errors='replace')}")
    return took, done.stdout


def run_python(pipeline: sitrep.Pipeline, path: Path) -> "tuple[float, int, list]":
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        docs = (json.loads(line) for line in f)
        records = []
        n = 0
        for coded in pipeline.code_many(docs, threads=1):
            n += 1
            records.extend(coded.records)
    return time.perf_counter() - t0, n, records


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "target" / "bench" / "corpus.jsonl")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--cli", type=Path, default=REPO / "target" / "release" / "sitrep")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write the figures here too")
    args = ap.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"{args.corpus}: no corpus (scripts/bench/run.sh writes one; or pass --corpus FILE.jsonl)")
    if not args.cli.is_file():
        sys.exit(f"{args.cli}: no sitrep binary (cargo build --release --bin sitrep)")

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    sample = tmp / "sample.jsonl"
    n = take(args.corpus, args.docs, sample)
    one = tmp / "one.jsonl"
    take(args.corpus, 1, one)

    t0 = time.perf_counter()
    pipeline = sitrep.Pipeline()
    build = time.perf_counter() - t0

    cli_times, startup_times, py_times = [], [], []
    cli_out = py_out = None
    for _ in range(args.rounds):
        startup_times.append(run_cli(args.cli, one)[0])
        took, cli_out = run_cli(args.cli, sample)
        cli_times.append(took)
        took, coded, py_out = run_python(pipeline, sample)
        assert coded == n
        py_times.append(took)

    cli_records = [json.loads(line) for line in cli_out.splitlines() if line.strip()]
    same = cli_records == py_out
    startup = statistics.median(startup_times)
    cli = statistics.median(cli_times) - startup
    py = statistics.median(py_times)
    figures = {
        "documents": n,
        "records": len(py_out),
        "same_output": same,
        "cli_wall_s": round(statistics.median(cli_times), 3),
        "cli_startup_s": round(startup, 3),
        "cli_docs_per_s": round(n / cli, 1),
        "python_docs_per_s": round(n / py, 1),
        "python_pipeline_build_s": round(build, 3),
        "python_over_cli": round((n / py) / (n / cli), 3),
        "rounds": args.rounds,
        "cli_times_s": [round(t, 3) for t in cli_times],
        "python_times_s": [round(t, 3) for t in py_times],
    }
    print(
        f"{n} documents, {len(py_out)} events and claims, same output as the CLI: {same}\n"
        f"sitrep code --threads 1: {figures['cli_docs_per_s']} documents/s "
        f"(median wall {figures['cli_wall_s']} s less {figures['cli_startup_s']} s start-up)\n"
        f"code_many(threads=1):    {figures['python_docs_per_s']} documents/s "
        f"(pipeline built in {figures['python_pipeline_build_s']} s beforehand)\n"
        f"Python / CLI: {figures['python_over_cli']:.3f}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
