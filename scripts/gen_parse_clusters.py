#!/usr/bin/env python3
"""Learn the parser's word classes (data/parse/clusters.tsv) from unlabelled text.

Sources (training portions only, never dev or test):
  - the word forms of UD English EWT train (../shared/ud/en_ewt/en_ewt-ud-train.conllu),
  - the Lee background corpus (../shared/corpus/lee/lee_background.cor),
  - the texts of the WikiEvents *train* documents (../shared/eval/wikievents/wikievents_train.jsonl).

The plain texts are cut into words roughly as UD English does (punctuation apart, clitics
such as 's and n't split off), written one sentence a line, and clustered by the exchange
algorithm of crates/sitrep-parse/examples/clusters.rs into 64 and 512 classes. Deterministic.

    python3 scripts/gen_parse_clusters.py [--shared ../shared] [--out data/parse/clusters.tsv]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

CLITIC = re.compile(r"^(.+?)(n't|'ll|'re|'ve|'s|'d|'m)$", re.IGNORECASE)
TOKEN = re.compile(r"\w+(?:[-'.]\w+)*'?|[^\w\s]", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(A-Z0-9])")


def ud_words(text):
    """Words of a sentence of plain text, with clitics split off."""
    out = []
    for tok in TOKEN.findall(text.replace("\u2019", "'")):
        m = CLITIC.match(tok)
        if m and len(m.group(1)) > 0:
            out.extend([m.group(1), m.group(2)])
        else:
            out.append(tok)
    return out


def conllu_sentences(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words
                words = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    words.append(cols[1])
    if words:
        yield words


def text_sentences(text):
    for para in text.split("\n"):
        for s in SENTENCE_END.split(para):
            w = ud_words(s)
            if w:
                yield w


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(root, "data", "parse", "clusters.tsv"))
    ap.add_argument("--min-count", default="3")
    ap.add_argument("--classes", default="64,512")
    args = ap.parse_args()
    sh = args.shared
    sentences = list(conllu_sentences(os.path.join(sh, "ud/en_ewt/en_ewt-ud-train.conllu")))
    with open(os.path.join(sh, "corpus/lee/lee_background.cor"), encoding="utf-8") as f:
        sentences += list(text_sentences(f.read()))
    with open(os.path.join(sh, "eval/wikievents/wikievents_train.jsonl"), encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            assert doc.get("split", "train") == "train", doc.get("split")
            sentences += list(text_sentences(doc["text"]))
    print(f"{len(sentences)} sentences, {sum(map(len, sentences))} words", file=sys.stderr)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tmp:
        for s in sentences:
            tmp.write(" ".join(s) + "\n")
    try:
        subprocess.run(
            ["cargo", "run", "--release", "-q", "-p", "sitrep-parse", "--example", "clusters",
             "--", tmp.name, args.out, args.min_count] + args.classes.split(","),
            check=True, cwd=root)
    finally:
        os.unlink(tmp.name)


if __name__ == "__main__":
    main()
