#!/usr/bin/env python3
"""Check the Spark job's tables against `sitrep code` on the same input, and time both.

    check_ids.py --input target/spark/crawl/crawl --output target/spark/out [--summary run.json]

1. Runs `sitrep code --threads 1` over the same files the job read (one
   process, one thread) and times it.
2. Reads the job's Parquet tables with Spark and compares: the set of
   event ids, and every event's and claim's whole JSON line, must be exactly
   what `sitrep code` printed (no event missing, none extra, none twice);
   the mentions table must hold every event's mentions.
3. With --store: ingests the same files into a fresh SQLite store and
   exports it with `sitrep export --format parquet`; the job's
   global_event_id and claim_id columns must equal the export's.
4. With merged events present: every event id a merged event lists must be
   one of the coded events (the linking pass codes the same events).
5. Prints documents per second per core for the CLI and for the job (from
   the job's --summary file: documents over coding wall time over cores).

Exits 1 when any comparison fails.
"""

import argparse
import glob
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time


def input_files(paths):
    """The files the job read: folders walked, globs expanded, hidden and _ files left out."""
    out = []
    for p in paths:
        for m in sorted(glob.glob(p)) or [p]:
            if os.path.isdir(m):
                for root, _dirs, names in os.walk(m):
                    out += [os.path.join(root, n) for n in names if not n.startswith(("_", "."))]
            elif os.path.exists(m):
                out.append(m)
    return sorted(set(out))


def run_cli(sitrep, files, extra):
    """`sitrep code --threads 1` over the files: (lines, documents, wall s, CPU s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.time()
    p = subprocess.run([sitrep, "code", "--threads", "1", *extra, *files], capture_output=True)
    wall = time.time() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode not in (0, 1):
        sys.exit(f"check_ids: sitrep code exited {p.returncode}: {p.stderr.decode()[-500:]}")
    m = re.search(rb"sitrep: (\d+) documents read", p.stderr)
    lines = [l for l in p.stdout.decode("utf-8").split("\n") if l]
    return lines, int(m.group(1)) if m else 0, wall, cpu


def compare(name, want, got):
    """Compare two lists as multisets; print and return whether they are equal."""
    from collections import Counter

    w, g = Counter(want), Counter(got)
    missing, extra = w - g, g - w
    ok = not missing and not extra
    print(f"{name}: sitrep code {len(want)}, Spark {len(got)}; "
          f"missing {sum(missing.values())}, extra {sum(extra.values())} -> {'SAME' if ok else 'DIFFERENT'}")
    for x in list(missing)[:3]:
        print(f"  missing: {x[:160]}")
    for x in list(extra)[:3]:
        print(f"  extra:   {x[:160]}")
    return ok


def check_store(spark, sitrep, files, extra, out):
    """The job's derived ids against the store's export of the same input."""
    with tempfile.TemporaryDirectory() as d:
        db, exp = os.path.join(d, "s.db"), os.path.join(d, "export")
        subprocess.run([sitrep, "ingest", *extra, "--db", db, *files], check=True, capture_output=True)
        subprocess.run([sitrep, "export", "--db", db, "--format", "parquet", "-o", exp],
                       check=True, capture_output=True)
        ok = True
        # the export writes the claims of documents that have an exported event
        with_events = {r[0] for r in spark.read.parquet(f"{out}/events").select("doc_id").collect()}
        for table, cols in [("events", ["event_id", "global_event_id"]), ("claims", ["claim_id", "doc_id"])]:
            want = [tuple(r) for r in spark.read.parquet(f"{exp}/{table}.parquet").select(*cols).collect()]
            rows = spark.read.parquet(f"{out}/{table}").select("doc_id", *cols).collect()
            got = [tuple(r)[1:] for r in rows if r[0] in with_events]
            ok &= compare(f"{table} {'/'.join(cols)} vs sitrep export (store)", [str(x) for x in want],
                          [str(x) for x in got])
        return ok


def check_tables(spark, lines, out):
    from pyspark.sql import functions as F

    events = [l for l in lines if json.loads(l).get("kind") == "event"]
    claims = [l for l in lines if json.loads(l).get("kind") == "claim"]
    ev = spark.read.parquet(f"{out}/events")
    ok = compare("event ids", [json.loads(l)["event_id"] for l in events],
                 [r[0] for r in ev.select("event_id").collect()])
    ok &= compare("events (whole JSON)", events, [r[0] for r in ev.select("json").collect()])
    ok &= compare("claims (whole JSON)", claims,
                  [r[0] for r in spark.read.parquet(f"{out}/claims").select("json").collect()])
    want_m = [f"{json.loads(l)['event_id']} {m['doc_id']} {m['sentence']} {m['start']} {m['end']}"
              for l in events for m in json.loads(l)["mentions"]]
    got_m = [" ".join(str(x) for x in r) for r in spark.read.parquet(f"{out}/mentions")
             .select("event_id", "doc_id", "sentence", "start", "end").collect()]
    ok &= compare("mentions", want_m, got_m)
    if os.path.isdir(f"{out}/merged_events"):
        ids = {json.loads(l)["event_id"] for l in events}
        merged = spark.read.parquet(f"{out}/merged_events").select(F.explode("event_ids")).collect()
        unknown = [r[0] for r in merged if r[0] not in ids]
        print(f"merged events: {len(merged)} event ids listed, {len(unknown)} not among the coded events"
              f" -> {'SAME' if not unknown else 'DIFFERENT'}")
        ok &= not unknown
    return ok


def rates(docs, wall, cpu, summary):
    """Documents per second per core (wall clock) and per CPU-second, CLI beside Spark."""
    print(f"sitrep code --threads 1: {docs} documents in {wall:.2f} s wall, {cpu:.2f} s CPU: "
          f"{docs / wall:.1f} docs/s per core, {docs / cpu:.1f} docs per CPU-second")
    if not summary:
        return
    with open(summary) as f:
        s = json.load(f)
    per_core = s["documents"] / s["code_seconds"] / s["cores"]
    line = (f"Spark {s['master']} ({s['cores']} cores): {s['documents']} documents coded and written in "
            f"{s['code_seconds']:.2f} s wall (after {s['startup_seconds']:.2f} s start-up"
            + (f"; linking {s['link_seconds']:.2f} s more" if "link_seconds" in s else "")
            + f"): {per_core:.1f} docs/s per core ({per_core / (docs / wall):.2f}x the CLI)")
    if s.get("code_process_cpu_seconds"):
        c = s["code_process_cpu_seconds"]
        line += (f"; {c:.2f} s CPU (JVM, Python workers and sitrep; sitrep alone "
                 f"{s['sitrep_cpu_seconds']:.2f}): {s['documents'] / c:.1f} docs per CPU-second "
                 f"({s['documents'] / c / (docs / cpu):.2f}x the CLI)")
    print(line)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", action="append", required=True, help="what the job was given (local paths)")
    ap.add_argument("--output", required=True, help="the job's output folder")
    ap.add_argument("--summary", help="the job's --summary file, for the throughput line")
    ap.add_argument("--sitrep", default=os.environ.get("SITREP", "sitrep"))
    ap.add_argument("--sitrep-arg", action="append", default=[], help="as given to the job")
    ap.add_argument("--store", action="store_true", help="also compare ids with a store's Parquet export")
    a = ap.parse_args(argv)
    files = input_files(a.input)
    if not files:
        sys.exit("check_ids: no input files")
    lines, docs, wall, cpu = run_cli(a.sitrep, files, a.sitrep_arg)

    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[1]").appName("sitrep-check")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    ok = check_tables(spark, lines, a.output.rstrip("/"))
    if a.store:
        ok &= check_store(spark, a.sitrep, files, a.sitrep_arg, a.output.rstrip("/"))
    spark.stop()
    rates(docs, wall, cpu, a.summary)
    print("check_ids: " + ("all equal" if ok else "DIFFERENCES FOUND"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
