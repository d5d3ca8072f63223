#!/usr/bin/env python3
"""Code a news crawl with sitrep on Spark: events, mentions and claims as Parquet.

    spark-submit examples/spark/sitrep_spark.py --input 'crawl/2016/09/*.warc.gz' --output out/

Stage 1 (coding) reads WARC files (CC-NEWS's layout, one file per task) or
JSONL partitions, runs `sitrep code --threads 1` on each partition (one
subprocess per partition, lines in and lines out, as `RDD.pipe` does), and
writes three Parquet tables partitioned by date:

    OUT/events/date=YYYY-MM-DD/    one row per event (the columns of
                                   `sitrep export --format parquet`, plus the
                                   event's whole JSON in `json`)
    OUT/mentions/date=YYYY-MM-DD/  one row per sentence reporting an event
    OUT/claims/date=YYYY-MM-DD/    one row per casualty figure

Stage 2 (linking, unless --no-link) groups the documents into time windows
(the crawl month of a WARC path, `.../YYYY/MM/...`, or the month of a JSONL
document's date), runs `sitrep ingest` over each window into a SQLite store
of its own, and writes the window's stories and merged events:

    OUT/stories/window=YYYY-MM/
    OUT/merged_events/window=YYYY-MM/

The same script runs with `--master local[*]` on a laptop and with
`spark-submit --master yarn|k8s://...|spark://...` on a cluster; see README.md.
Only the Python standard library and pyspark are needed.
"""

import argparse
import json
import os
import resource
import sys
import time
from urllib.parse import urlparse

import sitrep_tasks as tasks

EVENT_COLUMNS = """
event_id, global_event_id, doc_id, date, date_precision, date_source,
source_id, source_code, source_country, source_sector, source_name, source_text,
target_id, target_code, target_country, target_sector, target_name, target_text,
cameo_code, cameo_base, cameo_root, goldstein, quad_class, plover_event, plover_mode,
modality, claimant_code, claimant_name, location_name, location_country,
location_admin1, lat, lon, geonameid, geo_precision, confidence, num_mentions,
sentence, text, predicate, pattern, group, json
"""


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", action="append", required=True,
                    help="file, folder or glob (any Hadoop file system: file:, hdfs:, s3a:, ...); repeatable")
    ap.add_argument("--format", choices=["auto", "warc", "jsonl"], default="auto",
                    help="input format (auto: by file name, .warc[.gz] or .jsonl/.json[.gz])")
    ap.add_argument("--output", required=True, help="output folder (a Hadoop path)")
    ap.add_argument("--sitrep", default=None,
                    help="the sitrep binary on the workers (default: $SITREP, else `sitrep` on PATH)")
    ap.add_argument("--ship-sitrep", action="store_true",
                    help="ship --sitrep from the driver to every worker (SparkContext.addFile)")
    ap.add_argument("--sitrep-arg", action="append", default=[],
                    help="one more option for sitrep code/ingest, e.g. --sitrep-arg=--require-dyad; repeatable")
    ap.add_argument("--engine", choices=["auto", "cli", "python"], default="cli",
                    help="JSONL: code with the sitrep binary (cli, the default) or the sitrep Python package "
                         "in the workers (python, crates/sitrep-py); auto: python when the driver can import "
                         "it and no --sitrep-arg is given")
    ap.add_argument("--partitions", type=int, default=0,
                    help="JSONL: at least this many partitions (default: Spark's default parallelism)")
    ap.add_argument("--warc-transfer", choices=["auto", "path", "bytes"], default="auto",
                    help="WARC: workers open the file themselves (path; a local or shared file system) "
                         "or Spark reads it and pipes the bytes (bytes; hdfs:, s3a:). auto: path for file:")
    ap.add_argument("--no-link", action="store_true", help="skip the linking pass (stories, merged events)")
    ap.add_argument("--window", choices=["month", "all"], default="month",
                    help="linking window: a calendar month, or everything in one window")
    ap.add_argument("--link-store", default=None, metavar="URL",
                    help="link in one shared store instead of per-window SQLite: every task runs "
                         "`sitrep ingest --no-link` into this PostgreSQL URL, then the driver runs "
                         "`sitrep link` once over all of it (no window boundaries)")
    ap.add_argument("--master", default=None, help="Spark master when not given to spark-submit (e.g. local[2])")
    ap.add_argument("--summary", default=None, help="also write the run summary (JSON) to this local file")
    return ap.parse_args(argv)


def spark_session(master):
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("sitrep")
    if master:
        b = b.master(master)
    # a rerun over some dates replaces those dates only
    b = b.config("spark.sql.sources.partitionOverwriteMode", "dynamic")
    b = b.config("spark.ui.showConsoleProgress", "false")
    return b.getOrCreate()


def list_inputs(spark, patterns):
    """Every file named by the patterns (globs and folders expanded), via Hadoop's file system API."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    files = []
    for pat in patterns:
        path = jvm.org.apache.hadoop.fs.Path(pat)
        fs = path.getFileSystem(conf)
        matches = fs.globStatus(path) or []
        for st in matches:
            if st.isDirectory():
                it = fs.listFiles(st.getPath(), True)
                while it.hasNext():
                    files.append(it.next().getPath().toString())
            else:
                files.append(st.getPath().toString())
        if not matches:
            print(f"sitrep_spark: {pat}: no such file", file=sys.stderr)
    # hidden and bookkeeping files (_SUCCESS, .crc) are not input
    files = [f for f in files if not os.path.basename(f).startswith(("_", "."))]
    return sorted(set(files))


def input_kind(path, forced):
    """'warc' or 'jsonl' for a file, from --format or its name."""
    if forced != "auto":
        return forced
    name = path.lower()
    if name.endswith((".warc", ".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith((".jsonl", ".jsonl.gz", ".json", ".json.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    return None


def sitrep_binary(args, sc):
    """How tasks find sitrep: ('shipped', name) after addFile, else ('path', path)."""
    path = args.sitrep or os.environ.get("SITREP") or "sitrep"
    if args.ship_sitrep:
        sc.addFile(os.path.abspath(path))
        return ("shipped", os.path.basename(path))
    return ("path", path)


def warc_transfer(args, warcs):
    """'path' when workers can open the WARC files themselves (file:), else 'bytes'."""
    if args.warc_transfer != "auto":
        return args.warc_transfer
    return "path" if all(urlparse(f).scheme in ("", "file") for f in warcs) else "bytes"


def jsonl_engine(args):
    """'python' or 'cli' for the JSONL inputs (WARC always goes through the binary)."""
    if args.engine == "auto":
        return "python" if not args.sitrep_arg and tasks.python_package_ready() else "cli"
    if args.engine == "python" and args.sitrep_arg:
        raise SystemExit("sitrep_spark: --sitrep-arg applies to the sitrep binary, not --engine python")
    return args.engine


def code_rdd(sc, files, args, binary):
    """Stage 1: the JSON lines `sitrep code` prints for every input file, and a document counter."""
    opts = ["--threads", "1"] + args.sitrep_arg
    docs = sc.accumulator(0)
    cpu = sc.accumulator(0.0)
    warcs = [f for f in files if input_kind(f, args.format) == "warc"]
    jsonls = [f for f in files if input_kind(f, args.format) == "jsonl"]
    parts = []
    if jsonls:
        n = args.partitions or sc.defaultParallelism
        lines = sc.textFile(",".join(jsonls), minPartitions=n)
        if jsonl_engine(args) == "python":
            parts.append(lines.mapPartitions(tasks.code_records(docs)))
        else:
            parts.append(lines.mapPartitions(tasks.code_lines(binary, opts, docs, cpu)))
    if warcs:
        if warc_transfer(args, warcs) == "path":
            rdd = sc.parallelize(warcs, len(warcs))
            parts.append(rdd.mapPartitions(tasks.code_paths(binary, opts, docs, cpu)))
        else:
            rdd = sc.binaryFiles(",".join(warcs), minPartitions=len(warcs))
            parts.append(rdd.mapPartitions(tasks.code_blobs(binary, opts, docs, cpu)))
    if not parts:
        raise SystemExit("sitrep_spark: no WARC or JSONL file among the inputs (see --format)")
    return (parts[0] if len(parts) == 1 else sc.union(parts)), docs, cpu


def tables(spark, lines):
    """Stage 1's three DataFrames (events, mentions, claims) from sitrep's JSON lines."""
    from pyspark.sql import functions as F

    raw = spark.createDataFrame(lines.map(lambda l: (l,)), "json string")
    # parsed once, kept for the three tables: sitrep runs once per partition
    rec = raw.select(F.from_json("json", tasks.RECORD_SCHEMA).alias("r"), "json").persist()
    ev = rec.where(F.col("r.kind") == "event")
    events = ev.select(*tasks.event_columns(F))
    mentions = ev.select(
        F.col("r.event_id").alias("event_id"),
        tasks.global_event_id(F, F.col("r.event_id")).alias("global_event_id"),
        F.to_date("r.date").alias("date"),
        F.explode("r.mentions").alias("m"),
    ).select(
        "event_id", "global_event_id",
        F.col("m.doc_id").alias("doc_id"), F.col("m.sentence").alias("sentence"),
        F.col("m.start").alias("start"), F.col("m.end").alias("end"),
        F.col("m.text").alias("text"), "date",
    )
    claims = rec.where(F.col("r.kind") == "claim").select(*tasks.claim_columns(F))
    return events, mentions, claims


def write(df, out, name, by):
    """One table, partitioned by `by`; one file per partition value (not one per task and value)."""
    t = time.time()
    df.repartition(by).write.mode("overwrite").partitionBy(by).parquet(f"{out.rstrip('/')}/{name}")
    print(f"sitrep_spark: {name} written in {time.time() - t:.1f} s", file=sys.stderr)


def link(spark, files, args, binary):
    """Stage 2: per window, `sitrep ingest` into a store of its own; stories and merged events out."""
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    opts = args.sitrep_arg
    keyed = []
    warcs = [f for f in files if input_kind(f, args.format) == "warc"]
    jsonls = [f for f in files if input_kind(f, args.format) == "jsonl"]
    if warcs and warc_transfer(args, warcs) == "path":
        keyed.append(sc.parallelize([(tasks.window_of_path(f, args.window), ("path", f)) for f in warcs]))
    elif warcs:
        blobs = sc.binaryFiles(",".join(warcs), minPartitions=len(warcs))
        mode = args.window
        keyed.append(blobs.map(lambda pb: (tasks.window_of_path(pb[0], mode), ("blob", pb))))
    if jsonls:
        lines = sc.textFile(",".join(jsonls))
        keyed.append(lines.map(tasks.keyed_line(args.window)).filter(lambda kv: kv is not None))
    pairs = keyed[0] if len(keyed) == 1 else sc.union(keyed)
    windows = sorted(pairs.keys().distinct().collect())
    if not windows:
        return None, None
    slot = {w: i for i, w in enumerate(windows)}
    grouped = pairs.partitionBy(len(windows), lambda w: slot[w])
    out = grouped.mapPartitions(tasks.link_window(binary, opts)).cache()
    stories = spark.createDataFrame(out.filter(lambda r: r[0] == "story").map(lambda r: (r[1], r[2])),
                                    "window string, json string")
    merged = spark.createDataFrame(out.filter(lambda r: r[0] == "merged").map(lambda r: (r[1], r[2])),
                                   "window string, json string")
    stories = stories.select(F.from_json("json", tasks.STORY_SCHEMA).alias("s"), "window").select("s.*", "window")
    merged = merged.select(F.from_json("json", tasks.MERGED_SCHEMA).alias("m"), "json", "window").select(
        *tasks.merged_columns(F))
    return stories, merged


def link_shared(spark, files, args, binary):
    """Stage 2 over one shared store (--link-store): many writers, then one `sitrep link`.

    The store decides what is already there (ingest is idempotent), so a
    retried task stores nothing twice; `sitrep link` orders its work by
    document, not by arrival, so the result does not depend on which task
    wrote first."""
    from pyspark.sql import functions as F

    sc, db = spark.sparkContext, args.link_store
    warcs = [f for f in files if input_kind(f, args.format) == "warc"]
    jsonls = [f for f in files if input_kind(f, args.format) == "jsonl"]
    parts = []
    if jsonls:
        lines = sc.textFile(",".join(jsonls), minPartitions=args.partitions or sc.defaultParallelism)
        parts.append(lines.mapPartitions(tasks.ingest_lines(binary, db)))
    if warcs and warc_transfer(args, warcs) == "path":
        parts.append(sc.parallelize(warcs, len(warcs)).mapPartitions(tasks.ingest_paths(binary, db)))
    elif warcs:
        blobs = sc.binaryFiles(",".join(warcs), minPartitions=len(warcs))
        parts.append(blobs.mapPartitions(tasks.ingest_blobs(binary, db)))
    for p in parts:
        p.count()
    driver = ("path", args.sitrep or os.environ.get("SITREP") or "sitrep")
    exe = tasks.resolve_binary(driver)
    for _ in tasks.run_sitrep([exe, "link", "--db", db]):
        pass
    story_lines = list(tasks.run_sitrep([exe, "stories", "--json", "--db", db]))
    if not story_lines:
        return None, None
    ids = [json.loads(l)["story_id"] for l in story_lines]
    merged_rows = sc.parallelize(ids, max(1, min(len(ids), 4 * sc.defaultParallelism)))
    merged_rows = merged_rows.mapPartitions(tasks.timelines(binary, db)).map(lambda r: (r[1], r[2]))
    stories = spark.createDataFrame([("all", l) for l in story_lines], "window string, json string")
    merged = spark.createDataFrame(merged_rows, "window string, json string")
    stories = stories.select(F.from_json("json", tasks.STORY_SCHEMA).alias("s"), "window").select("s.*", "window")
    merged = merged.select(F.from_json("json", tasks.MERGED_SCHEMA).alias("m"), "json", "window").select(
        *tasks.merged_columns(F))
    return stories, merged


def run(args):
    t0 = time.time()
    spark = spark_session(args.master)
    sc = spark.sparkContext
    files = list_inputs(spark, args.input)
    skipped = [f for f in files if input_kind(f, args.format) is None]
    for f in skipped:
        print(f"sitrep_spark: {f}: neither WARC nor JSONL by its name, skipped (see --format)", file=sys.stderr)
    files = [f for f in files if f not in skipped]
    sc.addPyFile(tasks.__file__)  # the workers import it too
    binary = sitrep_binary(args, sc)
    t1 = time.time()
    start_cpu = local_cpu_seconds(sc)
    lines, docs, cpu = code_rdd(sc, files, args, binary)
    # shuffle partitions for the per-date files: a few per core (AQE merges small ones)
    spark.conf.set("spark.sql.shuffle.partitions", str(max(8, 4 * sc.defaultParallelism)))
    events, mentions, claims = tables(spark, lines)
    write(events, args.output, "events", "date")
    write(mentions, args.output, "mentions", "date")
    write(claims, args.output, "claims", "date")
    t2 = time.time()
    code_cpu = local_cpu_seconds(sc)
    n_events = events.count()
    n_claims = claims.count()
    summary = {
        "master": sc.master,
        "cores": sc.defaultParallelism,
        "input_files": len(files),
        "documents": docs.value,
        "events": n_events,
        "claims": n_claims,
        "startup_seconds": round(t1 - t0, 2),
        "code_seconds": round(t2 - t1, 2),
        "sitrep_cpu_seconds": round(cpu.value, 2),
        "jsonl_engine": jsonl_engine(args),
    }
    if code_cpu is not None and start_cpu is not None:
        summary["startup_process_cpu_seconds"] = start_cpu
        summary["code_process_cpu_seconds"] = round(code_cpu - start_cpu, 2)
    spark.catalog.clearCache()
    if not args.no_link:
        if args.link_store:
            stories, merged = link_shared(spark, files, args, binary)
        else:
            stories, merged = link(spark, files, args, binary)
        if stories is not None:
            write(stories, args.output, "stories", "window")
            write(merged, args.output, "merged_events", "window")
            summary["stories"] = spark.read.parquet(f"{args.output.rstrip('/')}/stories").count()
            summary["merged_events"] = spark.read.parquet(f"{args.output.rstrip('/')}/merged_events").count()
        summary["link_seconds"] = round(time.time() - t2, 2)
    summary["total_seconds"] = round(time.time() - t0, 2)
    total_cpu = local_cpu_seconds(sc)
    if total_cpu is not None:
        summary["process_cpu_seconds"] = total_cpu
    spark.stop()
    return summary


def local_cpu_seconds(sc):
    """In local mode, CPU seconds so far of the driver, the JVM it started and everything
    under the JVM (Python workers, sitrep runs); None on a cluster, where they run elsewhere."""
    if not sc.master.startswith("local"):
        return None
    me = resource.getrusage(resource.RUSAGE_SELF)
    jvm = local_tree_cpu_seconds(sc._gateway.proc.pid)
    return None if jvm is None else round(me.ru_utime + me.ru_stime + jvm, 2)


def local_tree_cpu_seconds(root):
    """CPU seconds (user + system) of a process and all its descendants, the reaped ones
    included (Linux /proc; None elsewhere). In local mode the JVM's tree holds the Python
    workers and, reaped by them, every sitrep run."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        parent, own = {}, {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            parent[int(d)] = int(fields[1])
            own[int(d)] = sum(int(x) for x in fields[11:15]) / tick
    except OSError:
        return None
    total = 0.0
    for pid, cpu in own.items():
        p = pid
        while p and p != root:
            p = parent.get(p)
        if p == root:
            total += cpu
    return total


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    summary = run(args)
    line = json.dumps(summary, sort_keys=True)
    print(line)
    if args.summary:
        with open(args.summary, "w") as f:
            f.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
