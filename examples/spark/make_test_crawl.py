#!/usr/bin/env python3
"""Lay out test documents the way news crawls are published, for the Spark job.

Reads documents from a sitrep JSONL file (the benchmark corpus that
`sitrep-bench corpus` writes, or any `{"id","url","title","date","text"}`
file) or from a one-article-per-line text file such as the Lee corpus
(`--lines`, dated around `--around`), and writes two layouts of the same
documents under OUT (`--layout` picks one):

    OUT/crawl/YYYY/MM/CC-NEWS-YYYYMMDD000000-NNNNN.warc.gz
        WARC/1.0 files in CC-NEWS's month layout: a `warcinfo` record, then
        one `response` record (HTTP 200, text/html) per article, each record
        its own gzip member as crawlers write them. The page's
        `article:published_time` carries the date, the target URI is
        https://<outlet>.test/YYYY/MM/DD/<id>, which sitrep takes as the
        document id.
    OUT/jsonl/YYYY/MM/part-NNNNN.jsonl
        the same articles as sitrep JSONL, one month per folder.

Only the Python standard library is used. The output is the same byte for
byte on every run with the same input (WARC dates and record ids are derived
from the documents, not from the clock).
"""

import argparse
import datetime as dt
import gzip
import hashlib
import html
import json
import os
import sys


def read_jsonl(path, limit, skip=0):
    """Documents of a sitrep JSONL file, in file order after the first `skip`; lines without text are skipped."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(out) >= limit:
                break
            if skip > 0:
                skip -= 1
                continue
            line = line.strip()
            if not line:
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"make_test_crawl: {path}: skipped a line: {e}", file=sys.stderr)
                continue
            if not isinstance(d, dict) or not d.get("text") or not d.get("id"):
                continue
            out.append(
                {
                    "id": str(d["id"]),
                    "title": d.get("title"),
                    "date": d.get("date"),
                    "text": d["text"],
                    "source": d.get("source"),
                }
            )
    return out


def read_lines(path, limit, around, skip=0):
    """One article per line (the Lee corpus) after the first `skip`, dated within a month of `around`."""
    base = dt.date.fromisoformat(around)
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for i, line in enumerate(f):
            if len(out) >= limit:
                break
            if i < skip:
                continue
            text = line.strip()
            if not text:
                continue
            # a fixed spread over base - 30 .. base + 30 days, the same every run
            offset = (i * 37) % 61 - 30
            out.append(
                {
                    "id": f"lee-{i:05d}",
                    "title": None,
                    "date": (base + dt.timedelta(days=offset)).isoformat(),
                    "text": text,
                    "source": "lee",
                }
            )
    return out


def month_of(doc):
    """('YYYY', 'MM') of a document's date; undated documents go to 0000/00."""
    d = doc.get("date") or ""
    if len(d) >= 7 and d[4] == "-":
        return d[:4], d[5:7]
    return "0000", "00"


def page_url(doc):
    outlet = (doc.get("source") or "bench") + "-news.test"
    y, m = month_of(doc)
    day = (doc.get("date") or "0000-00-00")[8:10] or "00"
    return f"https://{outlet}/{y}/{m}/{day}/{doc['id']}"


def page_html(doc):
    """A plain news page: title, publication date in the page metadata, one <p> per paragraph."""
    paras = [p.strip() for p in doc["text"].split("\n") if p.strip()]
    title = doc.get("title") or paras[0][:80]
    date = doc.get("date")
    meta = f'<meta property="article:published_time" content="{date}T00:00:00Z">' if date else ""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title, quote=False)}</title>{meta}</head>\n"
        f"<body><article><h1>{html.escape(title, quote=False)}</h1>\n{body}\n</article></body></html>\n"
    )


def record_id(*parts):
    h = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return f"<urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}>"


def warc_record(warc_type, headers, block):
    """One WARC/1.0 record as bytes (headers, block, two CRLFs)."""
    head = ["WARC/1.0", f"WARC-Type: {warc_type}"]
    head += [f"{k}: {v}" for k, v in headers]
    head.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def response_record(doc):
    url = page_url(doc)
    body = page_html(doc).encode("utf-8")
    http = (
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    date = doc.get("date") or "2000-01-01"
    return warc_record(
        "response",
        [
            ("WARC-Target-URI", url),
            ("WARC-Date", f"{date}T12:00:00Z"),
            ("WARC-Record-ID", record_id("response", url)),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http,
    )


def warcinfo_record(filename, date):
    info = b"software: sitrep examples/spark/make_test_crawl.py\r\nformat: WARC File Format 1.0\r\n"
    return warc_record(
        "warcinfo",
        [
            ("WARC-Date", f"{date}T00:00:00Z"),
            ("WARC-Filename", filename),
            ("WARC-Record-ID", record_id("warcinfo", filename)),
            ("Content-Type", "application/warc-fields"),
        ],
        info,
    )


def gz_member(data):
    # mtime=0: the same bytes on every run
    return gzip.compress(data, compresslevel=6, mtime=0)


def write_warc(path, docs, y, m):
    name = os.path.basename(path)
    with open(path, "wb") as f:
        f.write(gz_member(warcinfo_record(name, f"{y}-{m}-01" if y != "0000" else "2000-01-01")))
        for d in docs:
            f.write(gz_member(response_record(d)))


def write_layouts(docs, out, per_file, layouts=("warc", "jsonl")):
    """Write the WARC and/or JSONL layouts; return (warc files, jsonl files) written."""
    by_month = {}
    for d in docs:
        by_month.setdefault(month_of(d), []).append(d)
    warcs, jsonls = 0, 0
    for (y, m), month_docs in sorted(by_month.items()):
        wdir = os.path.join(out, "crawl", y, m)
        jdir = os.path.join(out, "jsonl", y, m)
        for n, start in enumerate(range(0, len(month_docs), per_file)):
            chunk = month_docs[start : start + per_file]
            if "warc" in layouts:
                os.makedirs(wdir, exist_ok=True)
                write_warc(os.path.join(wdir, f"CC-NEWS-{y}{m}01000000-{n:05d}.warc.gz"), chunk, y, m)
                warcs += 1
            if "jsonl" not in layouts:
                continue
            os.makedirs(jdir, exist_ok=True)
            with open(os.path.join(jdir, f"part-{n:05d}.jsonl"), "w", encoding="utf-8") as f:
                for d in chunk:
                    rec = {"id": d["id"], "url": page_url(d), "date": d.get("date"), "text": d["text"]}
                    if d.get("title"):
                        rec["title"] = d["title"]
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            jsonls += 1
    return warcs, jsonls


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--jsonl", help="sitrep JSONL documents (e.g. target/bench/corpus.jsonl)")
    src.add_argument("--lines", help="one article per line (e.g. ../shared/corpus/lee/lee_background.cor)")
    ap.add_argument("--around", default="2001-12-01", help="with --lines: dates spread over a month either side")
    ap.add_argument("--docs", type=int, default=10000, help="how many documents (default 10000)")
    ap.add_argument("--skip", type=int, default=0, help="leave out the first N documents of the input")
    ap.add_argument("--layout", choices=["both", "warc", "jsonl"], default="both",
                    help="write the WARC layout, the JSONL layout or both (default both)")
    ap.add_argument("--per-file", type=int, default=1000, help="articles per WARC/JSONL file (default 1000)")
    ap.add_argument("--out", required=True, help="output folder (crawl/ and jsonl/ are made in it)")
    a = ap.parse_args(argv)
    if a.per_file < 1 or a.docs < 1:
        ap.error("--docs and --per-file must be at least 1")
    if a.jsonl:
        docs = read_jsonl(a.jsonl, a.docs, a.skip)
    else:
        docs = read_lines(a.lines, a.docs, a.around, a.skip)
    if not docs:
        if a.skip:
            # a small source (the bundled examples) has nothing past --skip: not an error
            print(f"make_test_crawl: no documents after the first {a.skip}; nothing written", file=sys.stderr)
            return 0
        print("make_test_crawl: no documents read", file=sys.stderr)
        return 1
    layouts = ("warc", "jsonl") if a.layout == "both" else (a.layout,)
    warcs, jsonls = write_layouts(docs, a.out, a.per_file, layouts)
    print(f"make_test_crawl: {len(docs)} documents -> {warcs} WARC files, {jsonls} JSONL files under {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
