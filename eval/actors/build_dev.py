#!/usr/bin/env python3
"""Build eval/actors/dev.jsonl from the hand-coded specs in eval/actors/gold/*.txt.

Each spec line: doc|sentence start|mention|code|country|post2014 (1/0).
The script finds the sentence of `doc` that starts with (or contains) the
given text, the first occurrence of the mention in it, and writes one JSON
object per mention with byte offsets into the sentence (UTF-8).  The gold
codes themselves are only in the spec files: this script never runs sitrep.

Balance rule (README): earlier (pre-2014) mentions keep at most two
mentions per name, then are cut from the end so that post-2014 mentions are
at least half.

  python3 eval/actors/build_dev.py [--shared ../shared]

It also writes dev-documents.jsonl: the same mentions, each with the whole
article as its `sentence` (the document's sentences joined by blank lines)
and offsets into it, so `sitrep eval actors dev-documents.jsonl --pipeline`
reads every article whole, as a user's `sitrep annotate` would, rather than
only the sentences listed.
"""
import argparse, json, os, re, sys, collections

SENT = re.compile(r'(?<=[.!?])[”"’]?\s+(?=[A-Z“"‘(])')

DATES = [
    (r"^ax-", "2019-11-20"), (r"^lee-", "2001-12-15"),
    (r"VOA_EN_NW_(\d{4})\.(\d\d)\.(\d\d)", None),
    (r"scenario_en_(62|67|37|63|64|29|71|26|85)$", "2017-07-30"),
    (r"scenario_en_(113|121|130|124|131|123|112|122)$|K0C047Z5A|K0C041O3D",
     "2018-08-06"),
    (r"scenario_en_kairos_(60|61|62|94|55)$", "2019-05-25"),
    (r"scenario_en_kairos_43$", "2016-08-12"),
    (r"scenario_en_kairos_14$", "2015-08-18"),
    (r"scenario_en_kairos_46$", "2018-05-25"),
    (r"scenario_en_kairos_47$", "2018-03-02"),
    (r"scenario_en_kairos_52$", "2019-04-21"),
    (r"wiki_mass_car_bombings_[01]", "2019-01-20"),
    (r"suicide_ied_105$", "2019-04-13"),
    (r"suicide_ied_12$", "2015-01-11"),
    (r"suicide_ied_10$", "2015-01-28"),
    (r"road_ied_8$", "2020-08-19"),
    (r"road_ied_7$", "2020-06-01"),
    (r"road_ied_14$", "2019-06-01"),
    (r"JC002YBVY", "2018-04-01"), (r"JC002YBVW", "2015-06-01"),
    (r"wiki_drone_strikes", "2013-01-01"),
]


def doc_date(doc):
    for pat, date in DATES:
        m = re.search(pat, doc)
        if m:
            return date or "%s-%s-%s" % m.groups()
    return None


def split(par):
    out = []
    for p in par.split("\n"):
        p = p.strip()
        if p:
            out += [s.strip() for s in SENT.split(p) if s.strip()]
    return out


def documents(shared):
    docs = collections.defaultdict(list)
    g = json.load(open(os.path.join(shared, "eval/article-extraction/ground-truth.json")))
    for k, v in g.items():
        docs["ax-" + k[:10]] = split(v.get("articleBody") or "")
    for f in ["wikievents_dev.jsonl", "wikievents_train.jsonl"]:
        for l in open(os.path.join(shared, "eval/wikievents", f), encoding="utf-8"):
            d = json.loads(l)
            docs["we-" + d["id"]] = [s.strip() for s in d["text"].split("\n") if s.strip()]
    for i, l in enumerate(open(os.path.join(shared, "corpus/lee/lee_background.cor"),
                               encoding="utf-8")):
        docs["lee-%03d" % i] = split(l)
    return docs


def whole_document(r, sentences):
    """The mention `r` with the whole document as its sentence: the
    document's sentences joined by blank lines, the offsets moved by where
    the mention's sentence starts (UTF-8 bytes)."""
    text = "\n\n".join(sentences)
    i = r["_order"][1]
    base = len("\n\n".join(sentences[:i]).encode("utf-8")) + (2 if i else 0)
    d = {k: v for k, v in r.items() if k not in ("spec", "_order")}
    d.update(sentence=text, start=base + r["start"], end=base + r["end"])
    assert text.encode("utf-8")[d["start"]:d["end"]].decode("utf-8") == r["mention"]
    return d


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "..", "shared"))
    args = ap.parse_args()
    docs = documents(args.shared)
    rows, bad = [], 0
    for fn in sorted(os.listdir(os.path.join(here, "gold"))):
        for line in open(os.path.join(here, "gold", fn), encoding="utf-8"):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            doc, start, mention, code, country, post = line.split("|")
            sents = [s for s in docs.get(doc, []) if s.startswith(start)] or \
                    [s for s in docs.get(doc, []) if start in s]
            if not sents or mention not in sents[0]:
                print("not found: %s" % line, file=sys.stderr)
                bad += 1
                continue
            s = sents[0]
            b = s.encode("utf-8")
            off = b.find(mention.encode("utf-8"))
            rows.append({"_order": (doc, docs[doc].index(s)), "doc": doc, "date": doc_date(doc), "sentence": s,
                         "mention": mention, "start": off,
                         "end": off + len(mention.encode("utf-8")),
                         "code": code, "country": country or None,
                         "post2014": post == "1", "spec": fn})
    post = [r for r in rows if r["post2014"]]
    pre, seen = [], collections.Counter()
    for r in rows:
        if r["post2014"]:
            continue
        seen[r["mention"].lower()] += 1
        if seen[r["mention"].lower()] <= 2:
            pre.append(r)
    pre = pre[:len(post)]
    keep = set(id(r) for r in post + pre)
    out = sorted((r for r in rows if id(r) in keep), key=lambda r: r["_order"])
    with open(os.path.join(here, "dev.jsonl"), "w", encoding="utf-8") as fh:
        for r in out:
            r = dict(r)
            r.pop("spec")
            r.pop("_order")
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(here, "dev-documents.jsonl"), "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(whole_document(r, docs[r["doc"]]), ensure_ascii=False) + "\n")
    print("%d mentions (%d post-2014, %d earlier); %d spec lines not found"
          % (len(out), len(post), len(pre), bad))


if __name__ == "__main__":
    main()
