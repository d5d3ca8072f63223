"""A news DataFrame in, an events DataFrame and a daily count plot out.

    pip install sitrep pandas            # matplotlib too, for the plot
    python examples/python/code_news.py [NEWS.jsonl] [--out DIR] [--threads N]

NEWS.jsonl is any JSONL of articles with ``id``, ``date``, ``title`` and
``text`` columns (the bundled Karabakh articles by default). Writes
DIR/events.csv and DIR/daily_events.png (default DIR: ./sitrep-out) and
prints the events per day and per CAMEO root.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

import sitrep

HERE = Path(__file__).resolve().parent
DEFAULT_NEWS = HERE.parent / "karabakh" / "articles.jsonl"


def code_news(news: pd.DataFrame, threads: int | None = None) -> pd.DataFrame:
    """Code every article of a DataFrame (columns ``id``, ``date``, ``text``,
    optionally ``title``, ``url``) into one row per event. Articles that
    cannot be coded are reported on stderr and left out."""
    pipeline = sitrep.Pipeline()
    coded = []
    for result in pipeline.code_many(news.to_dict("records"), threads=threads):
        if result.error is not None:
            print(f"skipped: {result.error}", file=sys.stderr)
        coded.append(result)
    return sitrep.to_pandas(coded)


def daily_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events per day, split by QuadClass (1 verbal cooperation ... 4 material conflict)."""
    dated = events.dropna(subset=["date"])
    table = dated.groupby([dated["date"].dt.date, "quad_class"]).size().unstack(fill_value=0)
    return table.rename(columns={1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"})


def plot(counts: pd.DataFrame, path: Path) -> bool:
    """A stacked bar chart of the daily counts; False when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    ax = counts.plot(kind="bar", stacked=True, figsize=(10, 4), width=0.8)
    ax.set_xlabel("date")
    ax.set_ylabel("events")
    ax.set_title("Events per day (sitrep)")
    plt.tight_layout()
    plt.savefig(path, dpi=100)
    plt.close()
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("news", nargs="?", default=str(DEFAULT_NEWS))
    ap.add_argument("--out", default="sitrep-out")
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()

    news = pd.read_json(args.news, lines=True, dtype=False)
    news["date"] = pd.to_datetime(news["date"], errors="coerce")  # an unreadable date: none
    print(f"{len(news)} articles from {news['date'].min():%Y-%m-%d} to {news['date'].max():%Y-%m-%d}")
    events = code_news(news, args.threads)
    print(f"{len(events)} events")
    os.makedirs(args.out, exist_ok=True)
    events.to_csv(Path(args.out) / "events.csv", index=False)

    counts = daily_counts(events)
    print(counts.to_string())
    print(events["cameo_root"].value_counts().head(8).to_string())
    png = Path(args.out) / "daily_events.png"
    if plot(counts, png):
        print(f"plot: {png}")
    else:
        print("matplotlib is not installed: no plot (pip install matplotlib)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
