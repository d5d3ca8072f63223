#!/usr/bin/env python3
"""Documents per second of one `sitrep ingest` as the store grows (#21).

Feeds a JSONL corpus to `sitrep ingest - --db DB` through a pipe and notes,
every hundredth of the corpus the process has taken, the wall clock and the process's
own CPU time (user + system, from /proc). The pipe holds at most a few
dozen documents, so the line count is what the process has read. Then it
times the link pass that ends the ingest (from the summary line on
standard error to the "linked" line) and prints, per tenth of the corpus,
documents per wall second and per CPU second, and the last tenth's rate
against the first's. CPU seconds are the figure to read on a shared
machine.

    ingest_rate.py SITREP CORPUS.jsonl DB [extra ingest arguments...]
"""

import os
import subprocess
import sys
import threading
import time

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User + system CPU seconds of a running process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def peak_memory(pid):
    """The process's peak resident set, as /proc says it."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(l.strip() for l in f if l.startswith("VmHWM"))
    except (OSError, StopIteration):
        return "VmHWM unknown"


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sitrep, corpus, db = sys.argv[1:4]
    extra = sys.argv[4:]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            sys.exit(f"{db + suffix} exists: give a new store")
    lines = open(corpus, "rb").read().splitlines(keepends=True)
    n = len(lines)
    proc = subprocess.Popen(
        [sitrep, "ingest", "-", "--db", db, *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    marks = {}  # event -> (wall, cpu)
    tail = []

    def read_stderr():
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace")
            try:
                now = (time.monotonic(), cpu_seconds(proc.pid))
            except OSError:
                now = (time.monotonic(), None)
            if " documents read, " in line:
                marks["stored"] = now
                tail.append(line.strip())
            elif line.startswith("sitrep: linked"):
                marks["linked"] = now
                tail.append(line.strip())
                tail.append(peak_memory(proc.pid))

    reader = threading.Thread(target=read_stderr)
    reader.start()
    start = (time.monotonic(), cpu_seconds(proc.pid))
    points = [(0, *start)]
    every = max(1, n // 100)
    for i, line in enumerate(lines, 1):
        proc.stdin.write(line)
        if i % every == 0 or i == n:
            proc.stdin.flush()
            points.append((i, time.monotonic(), cpu_seconds(proc.pid)))
    proc.stdin.close()
    proc.wait()
    reader.join()
    end_wall = time.monotonic()

    print(f"{n} documents, {sitrep} ingest - --db {db} {' '.join(extra)}")
    print("tenth  documents  wall s  CPU s  docs/wall s  docs/CPU s")
    rates = []
    step = n // 10
    for t in range(10):
        a = min(points, key=lambda p: abs(p[0] - t * step))
        b = min(points, key=lambda p: abs(p[0] - (t + 1) * step))
        docs, wall, cpu = b[0] - a[0], b[1] - a[1], b[2] - a[2]
        rates.append((docs / wall if wall else 0, docs / cpu if cpu else 0))
        print(f"{t + 1:5}  {a[0]:>6}-{b[0]:<6} {wall:7.1f} {cpu:6.1f} {rates[-1][0]:11.1f} {rates[-1][1]:11.1f}")
    def ratio(a, b):
        return f"{a / b:.3f}" if b else "-"

    print(
        f"last tenth / first tenth: wall {ratio(rates[-1][0], rates[0][0])}, "
        f"CPU {ratio(rates[-1][1], rates[0][1])} (the first tenth includes building the pipeline; "
        f"against the second tenth: CPU {ratio(rates[-1][1], rates[1][1])})"
    )
    if "stored" in marks:
        print(f"storing ended {marks['stored'][0] - start[0]:.1f} s wall after the start")
    if "stored" in marks and "linked" in marks and marks["linked"][1] is not None:
        w = marks["linked"][0] - marks["stored"][0]
        c = marks["linked"][1] - marks["stored"][1]
        print(f"link pass: {w:.1f} s wall, {c:.1f} s CPU")
    print(f"whole run: {end_wall - start[0]:.1f} s wall; exit {proc.returncode}")
    for line in tail:
        print(line)


if __name__ == "__main__":
    main()
