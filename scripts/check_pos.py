#!/usr/bin/env python3
"""Check that sitrep-pos tags exactly as the original Python tagger does.

Runs the textblob-aptagger 0.2.0 PerceptronTagger itself (its own code and pickle, installed
from the wheel into a throwaway venv) and sitrep-pos's `tag_ptb` over the same Treebank
tokens, and reports how often they agree. The tokens are the lee corpus cut by sitrep-text
and rewritten by `ptb_tokens`, i.e. what the tagger sees inside sitrep.

TextBlob itself is not installed: the tagger module imports three names from it (a base
class, nltk for its own tokenising, an exception), none of which tagging pre-tokenised
text uses, so small stand-ins are put in their place. Each sentence is tagged by its own
`tag(..., tokenize=False)` call, which starts from the START context as sitrep-pos does.

usage: scripts/check_pos.py [--wheel WHEEL] [--corpus FILE] [--out DIR] [--fixture FILE]
  defaults: the wheel is fetched with `pip download`; the corpus is
  ../shared/corpus/lee/lee_background.cor; results go to out/pos-check/ (tokens.txt,
  python.txt, rust.txt, one sentence a line, and diff.txt with the disagreements).
  --fixture also writes the Python tags as word/TAG lines, for the cargo test that pins
  agreement without Python:
    scripts/check_pos.py --corpus crates/sitrep-pos/tests/reference_input.txt \
        --fixture crates/sitrep-pos/tests/python_reference.txt
"""
import argparse
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REFERENCE = r'''
import sys, types
# stand-ins for the three textblob names textblob_aptagger.taggers imports
textblob = types.ModuleType("textblob")
base = types.ModuleType("textblob.base")
base.BaseTagger = object
packages = types.ModuleType("textblob.packages")
packages.nltk = None
exceptions = types.ModuleType("textblob.exceptions")
class MissingCorpusException(Exception):
    pass
exceptions.MissingCorpusException = MissingCorpusException
sys.modules.update({"textblob": textblob, "textblob.base": base,
                    "textblob.packages": packages, "textblob.exceptions": exceptions})
from textblob_aptagger import PerceptronTagger
tagger = PerceptronTagger()
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as dst:
    for line in src:
        tags = [t for _, t in tagger.tag(line.rstrip("\n"), tokenize=False)]
        dst.write(" ".join(tags) + "\n")
'''


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/lee/lee_background.cor"))
    ap.add_argument("--out", default=str(ROOT / "out/pos-check"))
    ap.add_argument("--fixture")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tokens, py_tags, rs_tags = out / "tokens.txt", out / "python.txt", out / "rust.txt"

    run(["cargo", "build", "--release", "-q", "-p", "sitrep-pos", "--example", "pos"], cwd=ROOT)
    pos = ROOT / "target/release/examples/pos"
    with open(tokens, "w") as f:
        run([pos, "tokens", args.corpus], stdout=f)

    with tempfile.TemporaryDirectory() as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        py = env_dir / "bin/python"
        wheel = args.wheel
        if wheel is None:
            run([py, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp,
                 "textblob-aptagger==0.2.0"])
            wheel = next(Path(tmp).glob("*.whl"))
        run([py, "-m", "pip", "install", "-q", "--no-deps", wheel])
        script = Path(tmp) / "reference.py"
        script.write_text(REFERENCE)
        run([py, script, tokens, py_tags])

    with open(tokens) as src, open(rs_tags, "w") as dst:
        run([pos, "tag-ptb"], stdin=src, stdout=dst)

    n = same = sent_same = 0
    diffs = []
    lines = zip(tokens.read_text().splitlines(), py_tags.read_text().splitlines(),
                rs_tags.read_text().splitlines(), strict=True)
    for words, py, rs in lines:
        words, py, rs = words.split(), py.split(), rs.split()
        assert len(words) == len(py) == len(rs), words
        n += len(words)
        agree = sum(a == b for a, b in zip(py, rs))
        same += agree
        sent_same += agree == len(words)
        for w, a, b in zip(words, py, rs):
            if a != b:
                diffs.append(f"{w}\tpython {a}\trust {b}\t{' '.join(words)}")
    n_sent = len(tokens.read_text().splitlines())
    if args.fixture:
        with open(args.fixture, "w", encoding="utf-8") as f:
            f.write("# Tags of the original textblob-aptagger 0.2.0 tagger (Python) for the Treebank\n"
                    "# tokens of reference_input.txt; written by scripts/check_pos.py --fixture.\n")
            for words, py in zip(tokens.read_text().splitlines(), py_tags.read_text().splitlines()):
                f.write(" ".join(f"{w}/{t}" for w, t in zip(words.split(), py.split())) + "\n")
    (out / "diff.txt").write_text("".join(d + "\n" for d in diffs))
    print(f"{n_sent} sentences, {n} tokens: Rust and Python agree on {same} tags "
          f"({100 * same / n:.3f}%), on every tag of {sent_same} sentences")
    for d in diffs[:20]:
        print(d)


if __name__ == "__main__":
    main()
