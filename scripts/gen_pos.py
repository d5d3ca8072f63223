#!/usr/bin/env python3
"""Build data/pos/: the part-of-speech tagger's weights as plain, diffable text.

The weights are Matthew Honnibal's averaged-perceptron tagger as shipped (MIT) in the PyPI
package textblob-aptagger 0.2.0: a pickle of (weights, tagdict, classes) where weights maps a
feature string such as "i-1 tag+i word DT house" to {tag: weight}. sitrep-pos reimplements the
feature extraction and prediction in Rust; this script only moves the numbers out of the
pickle, so the data can be reviewed and diffed and no Python or download is needed to build.

Files written:
  data/pos/tagdict.tsv  word<TAB>tag: words the model tags without looking at features
  data/pos/weights.tsv  feature arguments<TAB>TAG=weight TAG=weight ..., grouped under
                        "[template]" lines; weights in thousandths (the model rounded every
                        weight to 3 decimals, so the integers are exact)
  data/pos/NOTICE.part  provenance and licence, assembled into NOTICE by scripts/gen_notice.sh

usage: scripts/gen_pos.py [--wheel textblob_aptagger-0.2.0-py2.py3-none-any.whl]
                          [--min-weight W] [--measure TEXT_FILE]
Without --wheel the wheel is fetched with `pip download --no-deps textblob-aptagger==0.2.0`.
--min-weight drops weights whose magnitude is below W (default 0: the full model fits in
about 4 MB, so nothing is dropped); --measure then reports how many tags the pruning changes
on a text (one document per line).
"""
import argparse
import hashlib
import io
import pickle
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data/pos"
PICKLE = "textblob_aptagger/trontagger-0.1.0.pickle"
# sha256 of the pickle inside textblob-aptagger 0.2.0 (also listed in the wheel's RECORD)
PICKLE_SHA256 = "1109164b3d28dce58f96b763128bab2fd8754c3921fd3330de2724ac6d1ada7c"

# Feature templates of textblob_aptagger/taggers.py, in the order it computes them (the order
# weights.tsv lists them in).
TEMPLATES = [
    "bias", "i suffix", "i pref1", "i-1 tag", "i-2 tag", "i tag+i-2 tag", "i word",
    "i-1 tag+i word", "i-1 word", "i-1 suffix", "i-2 word", "i+1 word", "i+1 suffix", "i+2 word",
]
# The 45 Penn Treebank tags the model predicts; sitrep-pos's Tag enum has exactly these.
CLASSES = {
    "#", "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "CC", "CD", "DT", "EX", "FW", "IN", "JJ",
    "JJR", "JJS", "LS", "MD", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP", "PRP$", "RB",
    "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP",
    "WP$", "WRB", "``",
}


def load_pickle(wheel):
    if wheel is None:
        tmp = tempfile.mkdtemp()
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp,
                        "textblob-aptagger==0.2.0"], check=True)
        wheel = next(Path(tmp).glob("*.whl"))
    raw = zipfile.ZipFile(wheel).read(PICKLE)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != PICKLE_SHA256:
        sys.exit(f"unexpected pickle (sha256 {digest}); this script was written for 0.2.0")
    # written by Python 2: its byte strings are ASCII (checked below), latin-1 reads them as-is
    weights, tagdict, classes = pickle.load(io.BytesIO(raw), encoding="latin-1")
    return weights, tagdict, set(classes)


def split_key(key):
    # longest template first: "i-1 tag+i word NN x" must not be read as template "i-1 tag"
    for t in sorted(TEMPLATES, key=len, reverse=True):
        if key == t:
            return t, ""
        if key.startswith(t + " "):
            return t, key[len(t) + 1:]
    raise ValueError(f"feature {key!r} matches no template")


def check_text(s):
    if any(c in s for c in "\t\n\r") or not s.isascii():
        raise ValueError(f"{s!r} cannot be written as a plain TSV field")


def milli(x):
    m = round(x * 1000)
    # the Rust side reads m / 1000.0; that must give back the very same double
    assert m / 1000.0 == x, (x, m)
    return m


def prune(weights, min_weight):
    out = {}
    for key, row in weights.items():
        kept = {t: w for t, w in row.items() if abs(w) >= min_weight}
        if kept:
            out[key] = kept
    return out


# --- the reference prediction, used only for --measure -------------------------------------

def _normalize(word):
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[0].isdigit():
        return "!DIGITS"
    return word.lower()


def _tag(weights, tagdict, classes, words):
    prev, prev2 = "-START-", "-START2-"
    ctx = ["-START-", "-START2-"] + [_normalize(w) for w in words] + ["-END-", "-END2-"]
    out = []
    for i, word in enumerate(words):
        tag = tagdict.get(word)
        if not tag:
            j = i + 2
            feats = ["bias", "i suffix " + word[-3:], "i pref1 " + word[0], "i-1 tag " + prev,
                     "i-2 tag " + prev2, f"i tag+i-2 tag {prev} {prev2}", "i word " + ctx[j],
                     f"i-1 tag+i word {prev} {ctx[j]}", "i-1 word " + ctx[j - 1],
                     "i-1 suffix " + ctx[j - 1][-3:], "i-2 word " + ctx[j - 2],
                     "i+1 word " + ctx[j + 1], "i+1 suffix " + ctx[j + 1][-3:],
                     "i+2 word " + ctx[j + 2]]
            scores = defaultdict(float)
            for f in feats:
                for t, w in weights.get(f, {}).items():
                    scores[t] += w
            tag = max(classes, key=lambda t: (scores[t], t))
        out.append(tag)
        prev2, prev = prev, tag
    return out


def measure(path, full, pruned, tagdict, classes):
    sents = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        for s in re.split(r'(?<=[.!?])\s+(?=[A-Z"])', line):
            toks = re.findall(r"\w+(?=n't)|n't|\w+(?:[-.']\w+)*|[^\w\s]", s)
            if toks:
                sents.append(toks)
    n = changed = 0
    for s in sents:
        a = _tag(full, tagdict, classes, s)
        b = _tag(pruned, tagdict, classes, s)
        n += len(a)
        changed += sum(x != y for x, y in zip(a, b))
    print(f"pruning changes {changed} of {n} tags ({100 * changed / n:.3f}%) on {path}",
          file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel")
    ap.add_argument("--min-weight", type=float, default=0.0)
    ap.add_argument("--measure")
    args = ap.parse_args()

    weights, tagdict, classes = load_pickle(args.wheel)
    if classes != CLASSES:
        sys.exit(f"the model's classes differ from the 45 Penn tags: {sorted(classes ^ CLASSES)}")
    pruned = prune(weights, args.min_weight)

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "tagdict.tsv", "w", encoding="utf-8", newline="\n") as f:
        for word in sorted(tagdict):
            check_text(word)
            assert tagdict[word] in CLASSES
            f.write(f"{word}\t{tagdict[word]}\n")

    sections = defaultdict(list)
    for key, row in pruned.items():
        template, arg = split_key(key)
        check_text(arg)
        cells = " ".join(f"{t}={milli(w)}" for t, w in sorted(row.items()))
        sections[template].append((arg, cells))
    with open(OUT / "weights.tsv", "w", encoding="utf-8", newline="\n") as f:
        for template in TEMPLATES:
            f.write(f"[{template}]\n")
            for arg, cells in sorted(sections[template]):
                f.write(f"{arg}\t{cells}\n")

    n_full = sum(len(r) for r in weights.values())
    n_kept = sum(len(r) for r in pruned.values())
    print(f"{len(tagdict)} tagdict words, {len(pruned)} features, {n_kept} of {n_full} weights"
          f" kept (min weight {args.min_weight})", file=sys.stderr)
    if args.measure:
        measure(args.measure, weights, pruned, tagdict, classes)

    (OUT / "NOTICE.part").write_text(NOTICE, encoding="utf-8")


NOTICE = """\
sitrep data/pos -- provenance and licences
==========================================

tagdict.tsv and weights.tsv are generated by scripts/gen_pos.py from
trontagger-0.1.0.pickle in the PyPI package textblob-aptagger 0.2.0 (the
averaged-perceptron part-of-speech tagger by Matthew Honnibal, packaged for
TextBlob by Steven Loria; https://github.com/sloria/textblob-aptagger).  The
numbers are the model's own, rewritten as text (weights in thousandths); the
Rust code in crates/sitrep-pos that uses them was written for this project.

The package is licensed under the MIT License:

  Copyright 2013 Matthew Honnibal

  Permission is hereby granted, free of charge, to any person obtaining a
  copy of this software and associated documentation files (the
  "Software"), to deal in the Software without restriction, including
  without limitation the rights to use, copy, modify, merge, publish,
  distribute, sublicense, and/or sell copies of the Software, and to permit
  persons to whom the Software is furnished to do so, subject to the
  following conditions:

  The above copyright notice and this permission notice shall be included in
  all copies or substantial portions of the Software.

  THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
  IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
  FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
  AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
  LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
  FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
  DEALINGS IN THE SOFTWARE.
"""

if __name__ == "__main__":
    main()
