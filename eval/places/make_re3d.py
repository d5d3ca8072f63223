#!/usr/bin/env python3
"""Join re3d's Location annotations with the hand-written expectations in
re3d_expected.tsv into re3d.jsonl (one row per annotation that names a
place). Usage: eval/places/make_re3d.py /work/shared/eval/re3d > eval/places/re3d.jsonl

Every Location annotation that starts with a capital letter or names a
place must have a row in re3d_expected.tsv; the script lists those that
do not (on stderr) so none is skipped silently."""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
root = sys.argv[1]
exp = {}
for line in open(os.path.join(here, "re3d_expected.tsv"), encoding="utf-8"):
    if line.startswith("#") or line.startswith("value\t") or not line.strip():
        continue
    v, c, p, prec, _note = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
    exp[v] = (c, p, prec)
missing = set()
for ds in ("CENTCOM", "US_State_Department"):
    for line in open(os.path.join(root, ds, "entities.json"), encoding="utf-8"):
        if not line.strip():
            continue
        e = json.loads(line)
        if e["type"] != "Location":
            continue
        v = e["value"]
        if v not in exp:
            if v[:1].isupper():
                missing.add(v)
            continue
        c, p, prec = exp[v]
        if c == "-":
            continue
        print(json.dumps({"source": "re3d", "dataset": ds, "doc": e["documentId"],
                          "begin": e["begin"], "end": e["end"], "value": v,
                          "country": c, "place": p, "precision": prec},
                         ensure_ascii=False))
for v in sorted(missing):
    print("no expectation for", repr(v), file=sys.stderr)
