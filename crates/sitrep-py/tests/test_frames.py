"""Events into pandas and polars with typed columns; stored events back out."""

from __future__ import annotations

import csv
import io

import pytest

import sitrep
from conftest import run_cli

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


def _csv_columns(cli, store):
    text = run_cli(cli, "events", "--db", str(store), "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_pandas_columns_and_dtypes(corpus_records):
    df = sitrep.to_pandas(corpus_records)
    events = [r for r in corpus_records if r["kind"] == "event"]
    assert len(df) == len(events)
    assert list(df["event_id"]) == [e["event_id"] for e in events]
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    for col in ("cameo_code", "cameo_root", "plover_event", "modality", "source_code", "target_country"):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    for col in ("goldstein", "lat", "lon", "confidence"):
        assert df[col].dtype == "float64", col
    for col in ("quad_class", "num_mentions", "sentence"):
        assert df[col].dtype == "Int64", col
    assert pd.api.types.is_string_dtype(df["source_name"]) or df["source_name"].dtype == object
    first = events[0]
    row = df.iloc[0]
    assert row["date"] == pd.Timestamp(first["date"])
    assert row["cameo_code"] == first["cameo"]["code"]
    assert row["goldstein"] == first["cameo"]["goldstein"]
    assert row["num_mentions"] == len(first["mentions"])
    src = first["source"]
    assert (row["source_code"], row["source_name"]) == ((src["code"], src["name"]) if src else (None, None)) or not src


def test_polars_columns_and_dtypes(corpus_records):
    df = sitrep.to_polars(corpus_records)
    pdf = sitrep.to_pandas(corpus_records)
    assert df.columns == list(pdf.columns)
    assert df.schema["date"] == pl.Date
    assert df.schema["cameo_code"] == pl.Categorical
    assert df.schema["goldstein"] == pl.Float64
    assert df.schema["quad_class"] == pl.Int64
    assert df.schema["source_name"] == pl.String
    assert df["event_id"].to_list() == pdf["event_id"].to_list()
    assert df["quad_class"].to_list() == [int(v) for v in pdf["quad_class"]]


def test_claims_table(corpus_records):
    claims = [r for r in corpus_records if r["kind"] == "claim"]
    df = sitrep.to_pandas(corpus_records, kind="claim")
    assert len(df) == len(claims)
    assert list(df["category"].astype(str)) == [c["category"] for c in claims]
    assert df["best"].dtype == "Int64"
    assert list(df["best"].astype("float").fillna(-1)) == [(-1 if c["best"] is None else c["best"]) for c in claims]
    assert df["claim_id"].str.startswith("cl-").all()
    pdf = sitrep.to_polars(corpus_records, kind="claim")
    assert pdf.schema["date"] == pl.Date and pdf.height == len(claims)


def _as_csv_writes(text: str) -> str:
    """A table cell as the CSV export writes it: a cell a spreadsheet would
    run as a formula (it starts with = + - @ or a tab and is no number) gets
    a leading ' (sitrep_export::common::neutralise_formula). The frames keep
    the text as it is: the quote is for spreadsheets, not for analysis."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def test_the_flat_table_is_the_csv_export(cli, store):
    header, rows = _csv_columns(cli, store)
    events = sitrep.read_store(store)
    assert len(events) == len(rows) > 0
    df = sitrep.to_pandas(events)
    assert list(df.columns) == header
    polars = sitrep.to_polars(events)
    # every cell the same as the CSV's once written back as text
    for i, row in enumerate(rows):
        for name, cell in zip(header, row):
            value = polars[name][i]
            text = "" if value is None else str(value)
            if name in ("goldstein", "lat", "lon", "confidence") and text:
                assert float(text) == float(cell), (i, name)
            else:
                assert _as_csv_writes(text) == cell, (i, name, text, cell)


def test_read_store_filters_as_sitrep_events(cli, store):
    import json

    want = [json.loads(l) for l in run_cli(cli, "events", "--db", str(store), "--cameo", "19", "--since", "2020-10-01").splitlines()]
    got = sitrep.read_store(store, cameo="19", since=__import__("datetime").date(2020, 10, 1))
    assert got == want and got
    assert all(e["cameo"]["code"].startswith("19") and e["date"] >= "2020-10-01" for e in got)
    with pytest.raises(sitrep.StoreError, match="since"):
        sitrep.read_store(store, since="someday")


def test_read_parquet_reads_the_export(cli, store, tmp_path):
    out = tmp_path / "pq"
    run_cli(cli, "export", "--db", str(store), "--format", "parquet", "-o", str(out))
    events = sitrep.read_store(store)
    df = sitrep.read_parquet(out)
    assert sorted(df["event_id"]) == sorted(e["event_id"] for e in events)
    claims = sitrep.read_parquet(out, table="claims", backend="polars")
    assert claims.height > 0 and "category" in claims.columns
    with pytest.raises(ValueError, match="backend"):
        sitrep.read_parquet(out, backend="arrow")


def test_a_news_dataframe_goes_in_directly(pipeline, corpus):
    news = pd.DataFrame(corpus)
    news["date"] = pd.to_datetime(news["date"])  # Timestamps, as read_csv(parse_dates=...) gives
    news.loc[1, "title"] = None  # an empty cell
    coded = list(pipeline.code_many(news.to_dict("records"), threads=1, errors="raise"))
    plain = [dict(d) for d in corpus]
    plain[1] = {k: v for k, v in plain[1].items() if k != "title"}
    again = list(pipeline.code_many(plain, threads=1, errors="raise"))
    assert [c.records for c in coded] == [c.records for c in again]
    assert sitrep.to_pandas(coded).shape[0] == sum(len(c.events) for c in coded) > 0
