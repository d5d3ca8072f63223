"""Throughput of ``Pipeline.code_many`` (one thread) beside ``sitrep code --threads 1``.

    python crates/sitrep-py/bench.py [--corpus target/bench/corpus.jsonl] [--docs 2000]
                                     [--cli target/release/sitrep] [--rounds 3]

Both read the same JSONL file (the first --docs lines of the benchmark
corpus that ``scripts/bench/run.sh`` writes; any JSONL of articles works)
and code it on one thread, in the same run, rounds alternating; each side's
best round counts. The CLI's time is its process's less its start-up
(building the pipeline, measured by coding one document); Python's is
reading the file, coding, and parsing every result into dicts, with the
pipeline built beforehand. Both CPU time (steadier on a shared machine) and
wall time are reported. The two outputs are also checked to be the same.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(cli: Path, path: Path) -> "tuple[float, float, bytes]":
    """Wall and CPU seconds of `sitrep code --threads 1`, and what it printed."""
    c0, t0 = children_cpu(), time.perf_counter()
    done = subprocess.run([str(cli), "code", "--threads", "1", str(path)], capture_output=True)
    took, cpu = time.perf_counter() - t0, children_cpu() - c0
    if done.returncode != 0:
        sys.exit(f"sitrep code failed: {done.stderr.decode(errors='replace')}")
    return took, cpu, done.stdout


def run_python(pipeline: sitrep.Pipeline, path: Path) -> "tuple[float, float, int, list]":
    """Wall and CPU seconds of reading the file and code_many(threads=1) over it."""
    c0, t0 = time.process_time(), time.perf_counter()
    with open(path, encoding="utf-8") as f:
        docs = (json.loads(line) for line in f)
        records = []
        n = 0
        for coded in pipeline.code_many(docs, threads=1):
            n += 1
            records.extend(coded.records)
    return time.perf_counter() - t0, time.process_time() - c0, n, records


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

    cli_wall, cli_cpu, start_wall, start_cpu, py_wall, py_cpu = [], [], [], [], [], []
    cli_out = py_out = None
    for _ in range(args.rounds):
        took, cpu, _ = run_cli(args.cli, one)
        start_wall.append(took)
        start_cpu.append(cpu)
        took, cpu, cli_out = run_cli(args.cli, sample)
        cli_wall.append(took)
        cli_cpu.append(cpu)
        took, cpu, coded, py_out = run_python(pipeline, sample)
        assert coded == n
        py_wall.append(took)
        py_cpu.append(cpu)

    cli_records = [json.loads(line) for line in cli_out.splitlines() if line.strip()]
    same = cli_records == py_out
    # best of the rounds: the machine is shared, and noise only ever adds time
    rate = lambda secs: round(n / secs, 1)
    cli_w, cli_c = min(cli_wall) - min(start_wall), min(cli_cpu) - min(start_cpu)
    py_w, py_c = min(py_wall), min(py_cpu)
    figures = {
        "documents": n,
        "records": len(py_out),
        "same_output": same,
        "cli_docs_per_cpu_s": rate(cli_c),
        "python_docs_per_cpu_s": rate(py_c),
        "python_over_cli_cpu": round(cli_c / py_c, 3),
        "cli_docs_per_wall_s": rate(cli_w),
        "python_docs_per_wall_s": rate(py_w),
        "python_over_cli_wall": round(cli_w / py_w, 3),
        "cli_startup_wall_s": round(min(start_wall), 3),
        "cli_startup_cpu_s": round(min(start_cpu), 3),
        "python_pipeline_build_s": round(build, 3),
        "rounds": args.rounds,
        "cli_wall_s": [round(t, 3) for t in cli_wall],
        "cli_cpu_s": [round(t, 3) for t in cli_cpu],
        "python_wall_s": [round(t, 3) for t in py_wall],
        "python_cpu_s": [round(t, 3) for t in py_cpu],
    }
    print(
        f"{n} documents, {len(py_out)} events and claims, same output as the CLI: {same}\n"
        f"sitrep code --threads 1: {figures['cli_docs_per_cpu_s']} documents per CPU second, "
        f"{figures['cli_docs_per_wall_s']} per wall second (start-up, {figures['cli_startup_wall_s']} s wall, taken off)\n"
        f"code_many(threads=1):    {figures['python_docs_per_cpu_s']} documents per CPU second, "
        f"{figures['python_docs_per_wall_s']} per wall second (pipeline built in {figures['python_pipeline_build_s']} s beforehand)\n"
        f"Python / CLI: {figures['python_over_cli_cpu']:.3f} by CPU time, {figures['python_over_cli_wall']:.3f} by wall time "
        f"(best of {args.rounds} rounds each)"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
