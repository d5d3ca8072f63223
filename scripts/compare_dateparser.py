"""Score the `dateparser` package on sitrep's temporal dev set (eval/time/dev.tsv).

Each row gives a document date, a sentence, a gold expression and its TIMEX value.
`search_dates` runs on the sentence with RELATIVE_BASE set to the document date and
PREFER_DATES_FROM = "past" (news mostly reports what happened). Of the dates it
finds, the one whose text overlaps the gold expression most is compared with the
gold value at the gold value's own granularity (dateparser returns a datetime, not a
granularity): day for YYYY-MM-DD and parts of day, year and month for YYYY-MM, year
for YYYY, ISO week for YYYY-Www, day + hour + minute for clock times, the start for
ranges. dateparser has no duration output, so a duration row (P..) counts as right
when it returns no date there; a NONE row when it returns nothing there.
Prints one JSON line: accuracy per split and expressions per second.
"""
import json
import sys
import time
from datetime import datetime

from dateparser.search import search_dates


def load(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        split, source, doc, expr, value, sentence = line.rstrip("\n").split("\t")
        rows.append((split, source, doc, expr, value, sentence))
    return rows


def find(sentence, doc, prefer):
    settings = {
        "RELATIVE_BASE": datetime.strptime(doc, "%Y-%m-%d"),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        return search_dates(sentence, languages=["en"], settings=settings) or []
    except Exception:  # a crash on one sentence counts as finding nothing
        return []


def pick(sentence, expr, found):
    gs = sentence.find(expr)
    ge = gs + len(expr)
    best, best_overlap, cursor = None, 0, 0
    for text, dt in found:
        s = sentence.find(text, cursor)
        if s < 0:
            s = sentence.find(text)
        if s < 0:
            continue
        cursor = s + len(text)
        overlap = min(ge, s + len(text)) - max(gs, s)
        if overlap > best_overlap:
            best, best_overlap = dt, overlap
    return best


def right(value, dt):
    if value == "NONE" or value.startswith("P"):
        return dt is None
    if dt is None:
        return False
    v = value.split("/")[0]
    if "-W" in v:
        y, w = dt.isocalendar()[:2]
        return f"{y:04d}-W{w:02d}" == v
    if "T" in v:
        day, clock = v.split("T", 1)
        if ":" in clock:
            return dt.strftime("%Y-%m-%dT%H:%M") == f"{day}T{clock}"
        v = day
    if len(v) == 10:
        return dt.strftime("%Y-%m-%d") == v
    if len(v) == 7:
        return dt.strftime("%Y-%m") == v
    if len(v) == 4:
        return dt.strftime("%Y") == v
    return False


def main():
    path = sys.argv[1]
    prefer = sys.argv[2] if len(sys.argv) > 2 else "past"
    rows = load(path)
    tally = {}
    failures = []
    start = time.perf_counter()
    answers = [find(r[5], r[2], prefer) for r in rows]
    secs = time.perf_counter() - start
    for r, found in zip(rows, answers):
        split, source, doc, expr, value, sentence = r
        dt = pick(sentence, expr, found)
        ok = right(value, dt)
        for k in (split, "all"):
            t = tally.setdefault(k, [0, 0])
            t[0] += ok
            t[1] += 1
        if not ok:
            failures.append(f"{split}\t{source}\t{doc}\t{expr!r}\twant {value}\tgot {dt}")
    with open(path + ".dateparser-failures.txt" if "--keep" in sys.argv else "/dev/null", "w") as f:
        f.write("\n".join(failures))
    print(json.dumps({
        "tool": "dateparser",
        "prefer_dates_from": prefer,
        "splits": {k: {"right": a, "total": b, "accuracy": 100.0 * a / b} for k, (a, b) in tally.items()},
        "expressions_per_sec": len(rows) / secs,
    }))


if __name__ == "__main__":
    main()
