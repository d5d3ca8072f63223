#!/usr/bin/env python3
"""One large plain-text document from the benchmark corpus (#21).

Joins the texts of the corpus's articles, in file order, each once (a
repeated text is skipped), with a blank line between them, until the
document holds at least MB megabytes (10^6 bytes).

    big_doc.py CORPUS.jsonl MB OUT.txt
    sitrep-bench corpus --out corpus100k.jsonl --docs 100000
    big_doc.py corpus100k.jsonl 50 big50.txt
    /usr/bin/time -v sitrep code --date 2020-10-10 big50.txt > events.jsonl
"""

import json
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    corpus, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    want = int(mb * 1_000_000)
    seen = set()
    size = 0
    with open(corpus, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            text = json.loads(line)["text"].strip()
            if text in seen:
                continue
            seen.add(text)
            piece = text + "\n\n"
            w.write(piece)
            size += len(piece.encode("utf-8"))
            if size >= want:
                break
    print(f"{out}: {size} bytes, {len(seen)} articles")


if __name__ == "__main__":
    main()
