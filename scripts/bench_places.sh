#!/usr/bin/env bash
# What places cost (issue #7): wall time and peak resident memory (VmHWM, via
# /usr/bin/time) of `sitrep annotate` over N documents with places and with
# --no-places, in the same run, R times each, interleaved (with/without, then
# without/with, ...) so that load from others on a shared machine falls on
# both alike. Prints every run, then the medians and the slowdown:
#   slowdown = median(wall with places) / median(wall without) - 1
# and, as a check, the median of the per-repetition ratios, and the same for
# CPU time (user+sys), which others' load on the machine disturbs less.
#
# Usage: scripts/bench_places.sh [CORPUS] [N] [THREADS] [REPS]
#   CORPUS   one article per line (default /work/shared/corpus/lee/lee_background.cor)
#   N        documents to annotate (default 1000; lines are repeated with distinct ids)
#   THREADS  worker threads (default 2)
#   REPS     repetitions of each configuration (default 9)
# Needs a release build (cargo build --release --bin sitrep), python3 and /usr/bin/time.
# SITREP=path overrides the binary.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="${1:-/work/shared/corpus/lee/lee_background.cor}"
N="${2:-1000}"
THREADS="${3:-2}"
REPS="${4:-9}"
BIN="${SITREP:-$ROOT/target/release/sitrep}"
TMP="$(mktemp -d -t sitrep-bench-places.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

python3 - "$CORPUS" "$N" > "$TMP/docs.jsonl" <<'PY'
import json, sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
for i in range(int(sys.argv[2])):
    print(json.dumps({"id": f"lee-{i}", "date": "2020-01-01", "text": lines[i % len(lines)]}))
PY
echo '{"id":"x","text":"Talks were held in Geneva."}' > "$TMP/one.jsonl"

python3 - "$BIN" "$THREADS" "$REPS" "$TMP" "$N" "$CORPUS" <<'PY'
import statistics, subprocess, sys, time

bin_, threads, reps, tmp, n, corpus = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]

def run(places, docs):
    args = ["/usr/bin/time", "-f", "%M %U %S", bin_, "annotate", "--threads", threads]
    if not places:
        args.append("--no-places")
    args.append(docs)
    t0 = time.perf_counter()
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    wall = time.perf_counter() - t0
    rss, user, sys_ = p.stderr.decode().strip().splitlines()[-1].split()
    return wall, int(rss), float(user) + float(sys_), p.stdout.count(b"\n")

print(f"{n} documents from {corpus}, {threads} threads, {reps} repetitions, {bin_}")
walls = {True: [], False: []}
rsss = {True: [], False: []}
cpus = {True: [], False: []}
ratios = []
run(True, f"{tmp}/docs.jsonl")  # warm the page cache
for r in range(reps):
    order = (False, True) if r % 2 == 0 else (True, False)
    got = {}
    for places in order:
        wall, rss, cpu, lines = run(places, f"{tmp}/docs.jsonl")
        cpus[places].append(cpu)
        got[places] = wall
        walls[places].append(wall)
        rsss[places].append(rss)
        label = "places" if places else "no-places"
        print(f"  rep {r + 1}  {label:<10} wall {wall:6.3f} s  cpu {cpu:6.2f} s  max RSS {rss:7d} kB  {lines} lines")
    ratios.append(got[True] / got[False] - 1)
med = {k: statistics.median(v) for k, v in walls.items()}
rss = {k: statistics.median(v) for k, v in rsss.items()}
print(f"median wall    no-places {med[False]:.3f} s   places {med[True]:.3f} s")
cpu = {k: statistics.median(v) for k, v in cpus.items()}
print(f"median cpu     no-places {cpu[False]:.2f} s   places {cpu[True]:.2f} s   ({100 * (cpu[True] / cpu[False] - 1):+.1f}%, user+sys)")
print(f"median max RSS no-places {rss[False] / 1024:.0f} MB   places {rss[True] / 1024:.0f} MB   (+{(rss[True] - rss[False]) / 1024:.0f} MB)")
print(f"slowdown (ratio of medians)          {100 * (med[True] / med[False] - 1):+.1f}%")
print(f"slowdown (median of per-rep ratios)  {100 * statistics.median(ratios):+.1f}%   "
      f"per rep: {' '.join(f'{100 * x:+.0f}%' for x in ratios)}")
one = {}
for places in (False, True):
    one[places] = statistics.median(run(places, f"{tmp}/one.jsonl")[0] for _ in range(5))
print(f"one document (start-up), median of 5: no-places {one[False]:.3f} s   places {one[True]:.3f} s")
PY
