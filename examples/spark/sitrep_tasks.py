"""What the Spark workers run: sitrep subprocesses, and the column layout of the tables.

Kept apart from the driver script so that `spark-submit --py-files` (or
`SparkContext.addPyFile`, which the driver calls) ships it to every worker.
Only the Python standard library is imported at module level.
"""

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

# ---------------------------------------------------------------- subprocesses

# sitrep's last line on standard error: "sitrep: 250 documents read, 248 coded, ..."
SUMMARY = re.compile(rb"sitrep: (\d+) documents read")


def resolve_binary(binary):
    """The sitrep executable on this worker: a shipped copy (SparkFiles) or a path."""
    kind, name = binary
    if kind == "shipped":
        from pyspark import SparkFiles

        path = SparkFiles.get(name)
        mode = os.stat(path).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path
    found = shutil.which(name) if os.sep not in name else name
    if not found:
        raise RuntimeError(f"sitrep binary {name!r} not found on this worker (give --sitrep or --ship-sitrep)")
    return found


class SitrepFailed(RuntimeError):
    """sitrep exited with a status that means a fatal error or a crash, not bad input."""


def run_sitrep(argv, feed=None, counter=None, cpu=None):
    """Run sitrep, yield its standard output line by line (str, no newline).

    `feed(stdin)` writes the input, in a thread of its own so a large
    partition streams through without being held in memory. Exit status 0
    (documents read) and 1 (no document could be read: an empty partition, a
    file of bad records) are normal; anything else raises SitrepFailed with
    sitrep's own last words. Standard error goes to the worker's log, and
    sitrep's summary line adds the documents it read to `counter`, and its
    CPU seconds (user + system, from wait4) go to `cpu`.
    """
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=err)
    feeder = None
    if feed:
        def pump():
            try:
                feed(proc.stdin)
            except BrokenPipeError:
                pass  # sitrep stopped reading: its exit status tells why
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        feeder = threading.Thread(target=pump, daemon=True)
        feeder.start()
    for raw in proc.stdout:
        line = raw.decode("utf-8").rstrip("\n")
        if line:
            yield line
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = rc = os.waitstatus_to_exitcode(status)
    if cpu is not None:
        cpu.add(usage.ru_utime + usage.ru_stime)
    if feeder:
        feeder.join()
    err.seek(0)
    tail = err.read()
    err.close()
    sys.stderr.write(tail.decode("utf-8", "replace"))
    m = SUMMARY.search(tail)
    if counter is not None and m:
        counter.add(int(m.group(1)))
    if rc not in (0, 1):
        last = tail.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise SitrepFailed(f"{' '.join(argv[:3])} ... exited with {rc}: {' | '.join(last)}")


def code_lines(binary, opts, docs, cpu):
    """A partition function: JSONL lines through `sitrep code -` (RDD.pipe's contract)."""

    def part(lines):
        exe = resolve_binary(binary)

        def feed(stdin):
            for line in lines:
                stdin.write(line.encode("utf-8") + b"\n")

        return run_sitrep([exe, "code", *opts, "-"], feed, docs, cpu)

    return part


def local_path(uri):
    """A file: URI (or a plain path) as a path this worker can open."""
    return uri[len("file:"):] if uri.startswith("file:") else uri


def code_paths(binary, opts, docs, cpu):
    """A partition function: WARC files the worker opens itself, through `sitrep code FILE`."""

    def part(paths):
        exe = resolve_binary(binary)
        for p in paths:
            yield from run_sitrep([exe, "code", *opts, local_path(p)], None, docs, cpu)

    return part


def code_blobs(binary, opts, docs, cpu):
    """A partition function: (path, bytes) from SparkContext.binaryFiles through `sitrep code -`."""

    def part(blobs):
        exe = resolve_binary(binary)
        for _path, data in blobs:
            yield from run_sitrep([exe, "code", *opts, "-"], lambda stdin: stdin.write(bytes(data)), docs, cpu)

    return part


# The Python package's pipeline, built once per worker process (Spark reuses
# its Python workers from task to task).
_PIPELINES = {}


def python_package_ready():
    """Whether the `sitrep` Python package (crates/sitrep-py) can be imported here."""
    try:
        import sitrep  # noqa: F401

        return hasattr(sitrep, "Pipeline")
    except ImportError:
        return False


def code_records(docs):
    """A partition function: JSONL lines through the Python package's Pipeline.code_many.

    The records are the CLI's JSON contract; each is written back as one
    compact JSON line, so the tables are built the same way for both engines.
    """

    def part(lines):
        import sitrep

        pipe = _PIPELINES.get("default")
        if pipe is None:
            pipe = _PIPELINES["default"] = sitrep.Pipeline()
        fields = set(sitrep.DOCUMENT_FIELDS)

        def documents():
            for n, line in enumerate(lines):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                except ValueError as e:
                    print(f"sitrep_spark: JSONL line {n + 1} of a partition: {e}", file=sys.stderr)
                    continue
                if not isinstance(d, dict):
                    continue
                docs.add(1)
                yield {k: v for k, v in d.items() if k in fields}

        for coded in pipe.code_many(documents(), threads=1, errors="yield"):
            if coded.error is not None:
                print(f"sitrep_spark: {coded.doc_id}: {coded.error}", file=sys.stderr)
            for r in coded.records:
                yield json.dumps(r, ensure_ascii=False, separators=(",", ":"))

    return part


# ---------------------------------------------------------------- linking

# A crawl month in a path: CC-NEWS publishes crawl/2016/09/CC-NEWS-20160926211809-00000.warc.gz.
MONTH_IN_PATH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")


def window_of_path(path, mode):
    """The linking window of a WARC file: its crawl month from the path, else 'undated'.

    CC-NEWS lays files out by month ("crawl/2016/09/*.warc.gz"), so the
    month folder is the crawl month without opening the file.
    """
    if mode == "all":
        return "all"
    m = MONTH_IN_PATH.search(path)
    return f"{m.group(1)}-{m.group(2)}" if m else "undated"


def month_of_line(line):
    """The month of a JSONL document's `date` ('YYYY-MM'), else 'undated'."""
    try:
        d = json.loads(line).get("date")
    except (ValueError, AttributeError):
        return "undated"
    if isinstance(d, str) and re.match(r"^\d{4}-\d{2}", d):
        return d[:7]
    return "undated"


def keyed_line(window):
    def key(line):
        if not line.strip():
            return None
        return ("all" if window == "all" else month_of_line(line), ("line", line))

    return key


def link_window(binary, opts):
    """A partition function: each window's documents into a SQLite store of its own.

    Yields ("story", window, json) for every story `sitrep stories --json`
    lists and ("merged", window, json) for every merged event of its
    `sitrep timeline --json`.
    """

    def part(items):
        exe = resolve_binary(binary)
        work = tempfile.mkdtemp(prefix="sitrep-link-")
        try:
            inputs = {}
            for window, (kind, value) in items:
                w = inputs.setdefault(window, {"paths": [], "jsonl": None})
                if kind == "path":
                    w["paths"].append(local_path(value))
                elif kind == "blob":
                    name, data = value
                    path = os.path.join(work, f"{len(os.listdir(work))}-{os.path.basename(name)}")
                    with open(path, "wb") as f:
                        f.write(bytes(data))
                    w["paths"].append(path)
                else:
                    if w["jsonl"] is None:
                        w["jsonl"] = open(os.path.join(work, f"{len(inputs)}.jsonl"), "w", encoding="utf-8")
                    w["jsonl"].write(value + "\n")
            for window, w in sorted(inputs.items()):
                if w["jsonl"] is not None:
                    w["jsonl"].close()
                    w["paths"].append(w["jsonl"].name)
                yield from link_one(exe, opts, window, w["paths"], work)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    return part


def link_one(exe, opts, window, paths, work):
    db = os.path.join(work, re.sub(r"[^0-9A-Za-z-]", "_", window) + ".db")
    # one core per task, as Spark counts them
    for _ in run_sitrep([exe, "ingest", "--threads", "1", *opts, "--db", db, *paths]):
        pass
    stories = [json.loads(l) for l in run_sitrep([exe, "stories", "--json", "--db", db])]
    for s in stories:
        yield ("story", window, json.dumps(s))
        out = "\n".join(run_sitrep([exe, "timeline", s["story_id"], "--json", "--db", db]))
        for ev in json.loads(out).get("events", []):
            yield ("merged", window, json.dumps(ev))


def ingest_lines(binary, db):
    """A partition function: JSONL lines into a shared store, `sitrep ingest --no-link -`."""

    def part(lines):
        exe = resolve_binary(binary)

        def feed(stdin):
            for line in lines:
                stdin.write(line.encode("utf-8") + b"\n")

        yield from run_sitrep([exe, "ingest", "--no-link", "--threads", "1", "--db", db, "-"], feed)

    return part


def ingest_paths(binary, db):
    """A partition function: WARC files (opened by the worker) into a shared store."""

    def part(paths):
        exe = resolve_binary(binary)
        for p in paths:
            yield from run_sitrep([exe, "ingest", "--no-link", "--threads", "1", "--db", db, local_path(p)])

    return part


def ingest_blobs(binary, db):
    """A partition function: WARC bytes (binaryFiles) into a shared store."""

    def part(blobs):
        exe = resolve_binary(binary)
        for _path, data in blobs:
            yield from run_sitrep([exe, "ingest", "--no-link", "--threads", "1", "--db", db, "-"],
                                  lambda stdin: stdin.write(bytes(data)))

    return part


def timelines(binary, db):
    """A partition function: story ids to ("merged", "all", json) rows from `sitrep timeline`."""

    def part(ids):
        exe = resolve_binary(binary)
        for sid in ids:
            out = "\n".join(run_sitrep([exe, "timeline", sid, "--json", "--db", db]))
            for ev in json.loads(out).get("events", []):
                yield ("merged", "all", json.dumps(ev))

    return part


# ---------------------------------------------------------------- table layout

ACTOR = "struct<id:string,code:string,country:string,sector:string,name:string,text:string,start:bigint,end:bigint>"
PLACE = "struct<name:string,country:string,admin1:string,lat:double,lon:double,geonameid:bigint,precision:string>"
WORDS = "struct<text:string,start:bigint,end:bigint>"
MENTION = "struct<doc_id:string,sentence:int,start:bigint,end:bigint,text:string>"
CAMEO = "struct<code:string,base:string,root:string,goldstein:double,quad_class:int,label:string>"

# One schema for both kinds of line `sitrep code` prints (docs/FORMATS.md).
RECORD_SCHEMA = (
    f"kind string, event_id string, doc_id string, date string, date_precision string, "
    f"date_source string, source {ACTOR}, target {ACTOR}, uncoded_source {WORDS}, "
    f"uncoded_target {WORDS}, cameo {CAMEO}, plover struct<event:string,mode:string>, "
    f"modality string, claimant {ACTOR}, location {PLACE}, confidence double, "
    f"mentions array<{MENTION}>, explanation struct<sentence:string,predicate:string,"
    f"predicate_start:bigint,predicate_end:bigint,pattern:string,rules:array<struct<id:string,text:string>>>, "
    f"`group` string, category string, low bigint, best bigint, high bigint, "
    f"subject string, mention {MENTION}, why string"
)

STORY_SCHEMA = (
    "story_id string, title string, first_date string, last_date string, num_docs bigint, "
    "num_events bigint, doc_ids array<string>, copies array<array<string>>"
)

MERGED_SCHEMA = (
    f"merged_id string, story_id string, date string, date_precision string, date_source string, "
    f"source {ACTOR}, target {ACTOR}, uncoded_source {WORDS}, uncoded_target {WORDS}, cameo {CAMEO}, "
    f"plover struct<event:string,mode:string>, modality string, num_mentions bigint, "
    f"num_sources bigint, num_articles bigint, event_ids array<string>, doc_ids array<string>, "
    f"outlets array<string>"
)


def global_event_id(F, event_id):
    """The export's integer id: the SHA-256 of the event id, first 8 bytes, shifted right once.

    Computed as hi * 2^31 + (lo >> 1) from the two 32-bit halves, so no
    step overflows a signed 64-bit integer.
    """
    h = F.sha2(event_id, 256)
    hi = F.conv(F.substring(h, 1, 8), 16, 10).cast("bigint")
    lo = F.conv(F.substring(h, 9, 8), 16, 10).cast("bigint")
    return hi * F.lit(2147483648) + F.shiftright(lo, 1)


def claim_id(F):
    """The store's claim id (sitrep_store::claim_id): 'cl-' + 8 bytes of the SHA-256 of
    doc, mention start and end, category, low, best, high, subject and claimant id,
    each followed by a zero byte."""
    parts = ["r.doc_id", "r.mention.start", "r.mention.end", "r.category",
             "r.low", "r.best", "r.high", "r.subject", "r.claimant.id"]
    joined = F.concat(*[x for p in parts for x in (F.coalesce(F.col(p).cast("string"), F.lit("")),
                                                    F.lit("\x00"))])
    return F.concat(F.lit("cl-"), F.substring(F.sha2(joined, 256), 1, 16))


def actor_columns(F, role):
    """source_/target_ id, code, country, sector, name, text; an uncoded actor's words as name and text."""
    a, words = f"r.{role}", F.col(f"r.uncoded_{role}.text")
    return [
        F.col(f"{a}.id").alias(f"{role}_id"),
        F.col(f"{a}.code").alias(f"{role}_code"),
        F.col(f"{a}.country").alias(f"{role}_country"),
        F.col(f"{a}.sector").alias(f"{role}_sector"),
        F.coalesce(F.col(f"{a}.name"), words).alias(f"{role}_name"),
        F.coalesce(F.col(f"{a}.text"), words).alias(f"{role}_text"),
    ]


def event_columns(F):
    """The events table: `sitrep export --format parquet`'s columns (less url and outlet,
    which `sitrep code` does not print), the explanation's predicate and pattern, the
    whole JSON line, and `date` last (the partition column)."""
    first = F.element_at("r.mentions", 1)
    return [
        F.col("r.event_id").alias("event_id"),
        global_event_id(F, F.col("r.event_id")).alias("global_event_id"),
        F.col("r.doc_id").alias("doc_id"),
        F.col("r.date_precision").alias("date_precision"),
        F.col("r.date_source").alias("date_source"),
        *actor_columns(F, "source"),
        *actor_columns(F, "target"),
        F.col("r.cameo.code").alias("cameo_code"),
        F.col("r.cameo.base").alias("cameo_base"),
        F.col("r.cameo.root").alias("cameo_root"),
        F.col("r.cameo.goldstein").alias("goldstein"),
        F.col("r.cameo.quad_class").alias("quad_class"),
        F.col("r.plover.event").alias("plover_event"),
        F.col("r.plover.mode").alias("plover_mode"),
        F.col("r.modality").alias("modality"),
        F.col("r.claimant.code").alias("claimant_code"),
        F.col("r.claimant.name").alias("claimant_name"),
        F.col("r.location.name").alias("location_name"),
        F.col("r.location.country").alias("location_country"),
        F.col("r.location.admin1").alias("location_admin1"),
        F.col("r.location.lat").alias("lat"),
        F.col("r.location.lon").alias("lon"),
        F.col("r.location.geonameid").alias("geonameid"),
        F.col("r.location.precision").alias("geo_precision"),
        F.col("r.confidence").alias("confidence"),
        F.size("r.mentions").alias("num_mentions"),
        first.getField("sentence").alias("sentence"),
        first.getField("text").alias("text"),
        F.col("r.explanation.predicate").alias("predicate"),
        F.col("r.explanation.pattern").alias("pattern"),
        F.col("r.group").alias("group"),
        F.col("json"),
        F.to_date("r.date").alias("date"),
    ]


def claim_columns(F):
    """The claims table: `sitrep export --format parquet`'s columns, `date` last."""
    return [
        claim_id(F).alias("claim_id"),
        F.col("r.doc_id").alias("doc_id"),
        F.col("r.category").alias("category"),
        F.col("r.low").alias("low"),
        F.col("r.best").alias("best"),
        F.col("r.high").alias("high"),
        F.col("r.claimant.id").alias("claimant_id"),
        F.col("r.claimant.code").alias("claimant_code"),
        F.col("r.claimant.name").alias("claimant_name"),
        F.col("r.subject").alias("subject"),
        F.col("r.location.name").alias("location_name"),
        F.col("r.location.country").alias("location_country"),
        F.col("r.location.lat").alias("lat"),
        F.col("r.location.lon").alias("lon"),
        F.col("r.mention.sentence").alias("sentence"),
        F.col("r.mention.start").alias("start"),
        F.col("r.mention.end").alias("end"),
        F.col("r.mention.text").alias("text"),
        F.col("r.why").alias("why"),
        F.col("json"),
        F.to_date("r.date").alias("date"),
    ]


def merged_columns(F):
    """The merged-events table, flattened like the events table; `window` last."""
    m = "m"
    return [
        F.col(f"{m}.merged_id").alias("merged_id"),
        F.col(f"{m}.story_id").alias("story_id"),
        F.to_date(f"{m}.date").alias("date"),
        F.col(f"{m}.date_precision").alias("date_precision"),
        F.col(f"{m}.date_source").alias("date_source"),
        F.col(f"{m}.source.code").alias("source_code"),
        F.coalesce(F.col(f"{m}.source.name"), F.col(f"{m}.uncoded_source.text")).alias("source_name"),
        F.col(f"{m}.target.code").alias("target_code"),
        F.coalesce(F.col(f"{m}.target.name"), F.col(f"{m}.uncoded_target.text")).alias("target_name"),
        F.col(f"{m}.cameo.code").alias("cameo_code"),
        F.col(f"{m}.cameo.root").alias("cameo_root"),
        F.col(f"{m}.plover.event").alias("plover_event"),
        F.col(f"{m}.modality").alias("modality"),
        F.col(f"{m}.num_mentions").alias("num_mentions"),
        F.col(f"{m}.num_articles").alias("num_articles"),
        F.col(f"{m}.num_sources").alias("num_sources"),
        F.col(f"{m}.event_ids").alias("event_ids"),
        F.col(f"{m}.doc_ids").alias("doc_ids"),
        F.col(f"{m}.outlets").alias("outlets"),
        F.col("json"),
        F.col("window"),
    ]
