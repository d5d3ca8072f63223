#!/usr/bin/env python3
"""Read back every `sitrep export` format with independent readers and check it.

usage: check_exports.py EXPORT_DIR STORE_DB EVENT_COUNT

EXPORT_DIR holds out.<format> files (and out.parquet/ for Parquet) written by
`sitrep export`; STORE_DB is the store they came from (read here with Python's
sqlite3 to know what to expect); EVENT_COUNT is what `sitrep events` printed.
TSV/CSV go through the csv module (column counts, per-column types), PLOVER
through json, Parquet through pyarrow. Exits non-zero on the first failure.
"""
import csv
import json
import re
import sqlite3
import sys
from datetime import date
from pathlib import Path

csv.field_size_limit(1 << 24)
FAILURES = []


def check(cond, msg):
    if not cond:
        FAILURES.append(msg)
        if len(FAILURES) > 20:
            finish()


def finish():
    if FAILURES:
        print("FAIL:\n  " + "\n  ".join(FAILURES))
        sys.exit(1)


def is_int(v, lo=None, hi=None):
    if not re.fullmatch(r"-?\d+", v):
        return False
    n = int(v)
    return (lo is None or n >= lo) and (hi is None or n <= hi)


def is_float(v):
    try:
        float(v)
        return True
    except ValueError:
        return False


def is_date(v):
    try:
        date.fromisoformat(v)
        return True
    except ValueError:
        return False


def opt(pred):
    return lambda v: v == "" or pred(v)


def rows(path, delim, header):
    with open(path, newline="", encoding="utf-8") as f:
        # GDELT/Phoenix/POLECAT files are unquoted TSV
        quoting = csv.QUOTE_NONE if delim == "\t" else csv.QUOTE_MINIMAL
        r = list(csv.reader(f, delimiter=delim, quoting=quoting))
    return (r[0], r[1:]) if header else (None, r)


def check_types(name, row, i, types):
    for col, pred in types.items():
        v = row[col]
        check(pred(v), f"{name} row {i}: column {col} = {v!r} has the wrong type")


def main():
    d = Path(sys.argv[1])
    db = sqlite3.connect(sys.argv[2])
    n_events = int(sys.argv[3])
    (stored,) = db.execute("SELECT COUNT(*) FROM events").fetchone()
    check(stored == n_events, f"store holds {stored} events, `sitrep events` printed {n_events}")
    events = [json.loads(j) for (j,) in db.execute("SELECT json FROM events")]
    n_mentions = sum(len(e["mentions"]) for e in events)
    n_plover = sum(1 for e in events if e["plover"]["event"])
    (n_claims,) = db.execute(
        "SELECT COUNT(*) FROM claims WHERE doc_id IN (SELECT doc_id FROM events)"
    ).fetchone()

    # GDELT events: 61 columns, GDELT's types
    _, g = rows(d / "out.gdelt", "\t", False)
    check(len(g) == n_events, f"gdelt: {len(g)} rows for {n_events} events")
    ids = set()
    for i, r in enumerate(g):
        check(len(r) == 61, f"gdelt row {i}: {len(r)} columns")
        if len(r) != 61:
            continue
        ids.add(r[0])
        types = {0: lambda v: is_int(v, 0), 1: opt(lambda v: len(v) == 8 and is_int(v)),
                 2: opt(lambda v: len(v) == 6 and is_int(v)), 3: opt(is_int), 4: opt(is_float),
                 25: lambda v: v in ("0", "1"), 26: lambda v: v.isdigit() and 2 <= len(v) <= 4,
                 27: lambda v: v.isdigit(), 28: lambda v: v.isdigit() and len(v) == 2,
                 29: lambda v: is_int(v, 1, 4), 30: lambda v: is_float(v) and -10 <= float(v) <= 10,
                 31: lambda v: is_int(v, 1), 32: lambda v: is_int(v, 1), 33: lambda v: is_int(v, 1),
                 34: lambda v: v == "", 59: lambda v: len(v) == 14 and is_int(v),
                 60: lambda v: v != ""}
        for base in (35, 43, 51):  # Actor1Geo, Actor2Geo, ActionGeo
            types[base] = lambda v: is_int(v, 0, 5)
            types[base + 2] = lambda v: v == "" or re.fullmatch(r"[A-Z]{2}", v) is not None
            types[base + 5] = opt(lambda v: is_float(v) and -90 <= float(v) <= 90)
            types[base + 6] = opt(lambda v: is_float(v) and -180 <= float(v) <= 180)
        for a in (5, 15):  # actor code parts are 3-letter codes
            for k in (2, 3, 5, 6, 7, 8, 9):
                types[a + k] = lambda v: v == "" or re.fullmatch(r"[A-Z]{3}", v) is not None
        check_types("gdelt", r, i, types)
        check(r[26].startswith(r[28]) and r[27].startswith(r[28]), f"gdelt row {i}: codes disagree")
    check(len(ids) == len(g), "gdelt: GLOBALEVENTID not unique")

    # GDELT mentions: 16 columns, one row per mention, pointing at the events
    _, m = rows(d / "out.gdelt-mentions", "\t", False)
    check(len(m) == n_mentions, f"gdelt-mentions: {len(m)} rows for {n_mentions} mentions")
    for i, r in enumerate(m):
        check(len(r) == 16, f"gdelt-mentions row {i}: {len(r)} columns")
        if len(r) != 16:
            continue
        check(r[0] in ids, f"gdelt-mentions row {i}: unknown GLOBALEVENTID {r[0]}")
        check_types("gdelt-mentions", r, i, {
            1: lambda v: len(v) == 14 and is_int(v), 2: lambda v: len(v) == 14 and is_int(v),
            3: lambda v: is_int(v, 1, 6), 6: lambda v: is_int(v, 1), 7: lambda v: is_int(v, -1),
            8: lambda v: is_int(v, -1), 9: lambda v: is_int(v, -1), 10: lambda v: v in ("0", "1"),
            11: lambda v: is_int(v, 0, 100), 12: lambda v: is_int(v, 0), 13: lambda v: v == ""})
        for k in (7, 8, 9):
            check(int(r[k]) <= int(r[12]), f"gdelt-mentions row {i}: offset past the document")

    # Phoenix: 26 columns
    _, p = rows(d / "out.phoenix", "\t", False)
    check(len(p) == n_events, f"phoenix: {len(p)} rows for {n_events} events")
    for i, r in enumerate(p):
        check(len(r) == 26, f"phoenix row {i}: {len(r)} columns")
        if len(r) == 26:
            check_types("phoenix", r, i, {
                1: opt(lambda v: len(v) == 8 and is_int(v)), 2: opt(is_int), 3: opt(lambda v: is_int(v, 1, 12)),
                4: opt(lambda v: is_int(v, 1, 31)), 13: lambda v: v.isdigit(), 14: lambda v: len(v) == 2,
                15: lambda v: is_int(v, 0, 4), 16: is_float, 18: opt(is_float), 19: opt(is_float)})

    # POLECAT: header of 40 names, typed columns
    h, pc = rows(d / "out.polecat", "\t", True)
    check(len(h) == 40 and h[0] == "Event ID" and h[-1] == "Version", f"polecat header: {h[:3]}…")
    check(len(pc) == n_plover, f"polecat: {len(pc)} rows for {n_plover} PLOVER-coded events")
    for i, r in enumerate(pc):
        check(len(r) == 40, f"polecat row {i}: {len(r)} columns")
        if len(r) == 40:
            check_types("polecat", r, i, {1: opt(is_date), 2: lambda v: v.isupper(), 4: lambda v: is_float(v),
                                           5: lambda v: is_int(v, 1, 4), 28: opt(is_float),
                                           29: opt(is_float), 30: opt(is_int), 34: opt(is_date)})

    # ACLED: header, dates, integer fatalities
    with open(d / "out.acled", newline="", encoding="utf-8") as f:
        a = list(csv.DictReader(f))
    check(len(a) > 0, "acled: no rows")
    check(len(a) <= n_events, "acled: more rows than events")
    for i, r in enumerate(a):
        check(None not in r and len(r) == 31, f"acled row {i}: wrong column count")
        check(r["event_date"] == "" or is_date(r["event_date"]), f"acled row {i}: event_date")
        check(r["year"] == "" or is_int(r["year"]), f"acled row {i}: year")
        check(is_int(r["fatalities"], 0), f"acled row {i}: fatalities {r['fatalities']!r}")
        check(is_int(r["inter1"], 0, 8) and is_int(r["inter2"], 0, 8), f"acled row {i}: inter codes")
        check(r["latitude"] == "" or is_float(r["latitude"]), f"acled row {i}: latitude")
        check(r["geo_precision"] in ("", "1", "2", "3"), f"acled row {i}: geo_precision")
        check(r["event_type"] in ("Battles", "Explosions/Remote violence", "Violence against civilians",
                                  "Protests", "Riots", "Strategic developments"), f"acled row {i}: event_type")
        check(re.fullmatch(r"[A-Z]{3}\d+", r["event_id_cnty"]) is not None, f"acled row {i}: event_id_cnty")

    # UCDP: 20 columns, low <= best <= high
    h, u = rows(d / "out.ucdp", ",", True)
    check(len(h) == 20 and h[0] == "id" and h[-1] == "source_article", "ucdp header")
    violent = sum(1 for e in events if e["cameo"]["root"] in ("18", "19", "20")
                  and e["modality"] in ("asserted", "claimed"))
    check(len(u) == violent, f"ucdp: {len(u)} rows for {violent} violent events")
    for i, r in enumerate(u):
        check(len(r) == 20, f"ucdp row {i}: {len(r)} columns")
        if len(r) != 20:
            continue
        check(r[0] in ids, f"ucdp row {i}: id is not a GDELT GLOBALEVENTID")
        check_types("ucdp", r, i, {2: lambda v: v in ("1", "2", "3"), 5: opt(is_date), 6: opt(is_date),
                                    7: opt(lambda v: is_int(v, 1, 5)), 8: opt(lambda v: is_int(v, 1, 7)),
                                    **{k: lambda v: is_int(v, 0) for k in range(12, 19)}})
        check(int(r[18]) <= int(r[16]) <= int(r[17]), f"ucdp row {i}: low/best/high out of order")
        check(r[5] <= r[6], f"ucdp row {i}: date_start after date_end")
        check(int(r[12]) + int(r[13]) + int(r[14]) + int(r[15]) == int(r[16]), f"ucdp row {i}: deaths do not add up")

    # PLOVER: one JSON object per line
    recs = [json.loads(line) for line in open(d / "out.plover", encoding="utf-8")]
    check(len(recs) == n_plover, f"plover: {len(recs)} records for {n_plover} PLOVER-coded events")
    for i, r in enumerate(recs):
        check(isinstance(r["id"], str) and r["id"], f"plover {i}: id")
        check(r["date"] is None or is_date(r["date"]), f"plover {i}: date")
        check(isinstance(r["event"], list) and len(r["event"]) == 1, f"plover {i}: event")
        check(r["quad_code"] in (1, 2, 3, 4), f"plover {i}: quad_code")
        check(isinstance(r["event_scale"], (int, float)) and -10 <= r["event_scale"] <= 10, f"plover {i}: event_scale")
        for k in ("actor", "recipient", "mode", "context", "event_text"):
            check(isinstance(r[k], list), f"plover {i}: {k} is not a list")
        check(r["actor"] or r["recipient"], f"plover {i}: no actor and no recipient")
        for ent in r["actor"] + r["recipient"]:
            check(isinstance(ent["code"], str) and "entity_text" in ent, f"plover {i}: entity")
        ti = r["text_info"]
        check(ti["start"] is None or ti["start"] <= ti["event_start"] < ti["event_end"] <= ti["end"],
              f"plover {i}: event span outside its sentence")

    # sitrep's own formats
    _, c = rows(d / "out.csv", ",", True)
    check(len(c) == n_events and all(len(r) == 31 for r in c), "csv: rows or columns")
    j = [json.loads(line) for line in open(d / "out.jsonl", encoding="utf-8")]
    check(len(j) == n_events and all(e["kind"] == "event" for e in j), "jsonl: records")

    # Parquet, read with pyarrow
    import pyarrow as pa
    import pyarrow.parquet as pq
    ev = pq.read_table(d / "out.parquet" / "events.parquet")
    check(ev.num_rows == n_events, f"events.parquet: {ev.num_rows} rows for {n_events} events")
    s = ev.schema
    for col, ty in [("date", pa.date32()), ("lat", pa.float64()), ("lon", pa.float64()),
                    ("goldstein", pa.float64()), ("quad_class", pa.int32()), ("global_event_id", pa.int64()),
                    ("num_mentions", pa.int32()), ("cameo_code", pa.string()), ("geonameid", pa.int64())]:
        check(s.field(col).type == ty, f"events.parquet: {col} is {s.field(col).type}, not {ty}")
    check(set(ev.column("global_event_id").to_pylist()) == {int(x) for x in ids},
          "events.parquet: ids differ from the GDELT export")
    dates = [x for x in ev.column("date").to_pylist() if x is not None]
    check(all(isinstance(x, date) for x in dates), "events.parquet: dates do not read as dates")
    me = pq.read_table(d / "out.parquet" / "mentions.parquet")
    check(me.num_rows == n_mentions, f"mentions.parquet: {me.num_rows} rows for {n_mentions} mentions")
    cl = pq.read_table(d / "out.parquet" / "claims.parquet")
    check(cl.num_rows == n_claims, f"claims.parquet: {cl.num_rows} rows for {n_claims} claims")
    check(cl.schema.field("best").type == pa.int64(), "claims.parquet: best is not int64")

    finish()
    print(f"ok: {n_events} events; gdelt {len(g)}, mentions {len(m)}, phoenix {len(p)}, polecat {len(pc)}, "
          f"acled {len(a)}, ucdp {len(u)}, plover {len(recs)}, csv {len(c)}, jsonl {len(j)}; parquet events "
          f"{ev.num_rows}, mentions {me.num_rows}, claims {cl.num_rows}")


if __name__ == "__main__":
    main()
