"""Events and claims as pandas or polars DataFrames, and reading stored ones.

The event table has the columns of the CSV export (``sitrep events
--format csv``, flattened by the same Rust function): ``source_id``,
``source_code``, ``source_country``, ``source_sector``, ``source_name``,
the same for ``target_*``, ``cameo_code``, ... An actor no dictionary
codes has only its words, in ``*_name``. An empty CSV cell is a missing
value here.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _sitrep
from ._errors import StoreError

#: Column kinds: every column not named here is text.
DATE_COLUMNS = frozenset({"date"})
FLOAT_COLUMNS = frozenset({"goldstein", "lat", "lon", "confidence"})
INT_COLUMNS = frozenset({"quad_class", "num_mentions", "sentence", "low", "best", "high", "start", "end"})
#: Codes from a small closed set: categoricals.
CODE_COLUMNS = frozenset(
    {
        "date_precision",
        "source_code",
        "source_country",
        "source_sector",
        "target_code",
        "target_country",
        "target_sector",
        "cameo_code",
        "cameo_base",
        "cameo_root",
        "plover_event",
        "plover_mode",
        "modality",
        "location_country",
        "geo_precision",
        "category",
        "claimant_code",
    }
)

KINDS = ("event", "claim")


def _columns(records: Iterable[Dict[str, Any]], kind: str) -> Tuple[List[str], List[List[Optional[str]]]]:
    if kind not in KINDS:
        raise ValueError(f"kind must be 'event' or 'claim', got {kind!r}")
    if hasattr(records, "records") and not isinstance(records, (list, tuple)):
        records = records.records  # a Coded
    items = []
    for r in records:
        if hasattr(r, "records") and not isinstance(r, dict):
            items.extend(r.records)  # a stream of Coded
        else:
            items.append(r)
    text = json.dumps(items)
    if kind == "event":
        return _sitrep.flat_event_columns(text)
    return _sitrep.flat_claim_columns(text)


def to_pandas(records: Iterable[Any], kind: str = "event"):
    """A pandas DataFrame of the events (``kind="event"``) or claims
    (``kind="claim"``) among ``records``: the dicts ``code`` returns, a list
    of :class:`~sitrep.Coded`, or ``read_store``'s events.

    Dtypes: ``date`` is ``datetime64``; ``goldstein``, ``lat``, ``lon``,
    ``confidence`` are ``float64``; counts and offsets are nullable
    ``Int64``; codes (CAMEO, PLOVER, countries, modality, precision) are
    ``category``; the rest are strings.
    """
    import pandas as pd

    names, cols = _columns(records, kind)
    data = {}
    for name, values in zip(names, cols):
        if name in DATE_COLUMNS:
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        elif name in FLOAT_COLUMNS:
            data[name] = pd.Series([None if v is None else float(v) for v in values], dtype="float64")
        elif name in INT_COLUMNS:
            data[name] = pd.Series([None if v is None else int(v) for v in values], dtype="Int64")
        elif name in CODE_COLUMNS:
            data[name] = pd.Series(values, dtype="category")
        else:
            data[name] = pd.Series(values, dtype="object" if not values else None)
    return pd.DataFrame(data, columns=names)


def to_polars(records: Iterable[Any], kind: str = "event"):
    """A polars DataFrame of the events or claims among ``records`` (see
    :func:`to_pandas`): ``date`` is ``Date``, floats ``Float64``, counts
    ``Int64``, codes ``Categorical``, the rest ``String``."""
    import polars as pl

    names, cols = _columns(records, kind)
    series = []
    for name, values in zip(names, cols):
        if name in DATE_COLUMNS:
            s = pl.Series(name, values, dtype=pl.String).str.to_date("%Y-%m-%d")
        elif name in FLOAT_COLUMNS:
            s = pl.Series(name, values, dtype=pl.String).cast(pl.Float64)
        elif name in INT_COLUMNS:
            s = pl.Series(name, values, dtype=pl.String).cast(pl.Int64)
        elif name in CODE_COLUMNS:
            s = pl.Series(name, values, dtype=pl.String).cast(pl.Categorical)
        else:
            s = pl.Series(name, values, dtype=pl.String)
        series.append(s)
    return pl.DataFrame(series)


def _date_arg(v: Any) -> Optional[str]:
    if v is None:
        return None
    if hasattr(v, "isoformat"):
        return str(v.isoformat())[:10]
    return str(v)


def read_store(
    path: Union[str, os.PathLike],
    *,
    since: Any = None,
    until: Any = None,
    actor: Optional[str] = None,
    country: Optional[str] = None,
    cameo: Optional[str] = None,
    plover: Optional[str] = None,
    story: Optional[str] = None,
    text: Optional[str] = None,
    doc_id: Optional[str] = None,
    limit: Optional[int] = None,
    offset: Optional[int] = None,
) -> List[Dict[str, Any]]:
    """The events of a store written by ``sitrep ingest --db PATH``, as the
    dicts ``sitrep events --format jsonl`` prints (merged across reports:
    ``mentions`` lists every report), in date order. The filters are
    ``sitrep events``'s. Pass the result to :func:`to_pandas`/:func:`to_polars`.

    Raises :class:`~sitrep.StoreError` for a missing file, a file that is not
    a sitrep store, or a date that cannot be read.
    """
    try:
        text_json = _sitrep.read_store_json(
            os.fspath(path),
            since=_date_arg(since),
            until=_date_arg(until),
            actor=actor,
            country=country,
            cameo=cameo,
            plover=plover,
            story=story,
            text=text,
            doc_id=doc_id,
            limit=limit,
            offset=offset,
        )
    except (ValueError, OverflowError) as e:
        raise StoreError(str(e)) from None
    return json.loads(text_json)


#: The tables ``sitrep export --format parquet -o DIR`` writes.
PARQUET_TABLES = ("events", "mentions", "claims")


def read_parquet(directory: Union[str, os.PathLike], table: str = "events", backend: str = "pandas"):
    """One table of a Parquet export (``sitrep export --format parquet -o
    DIR``): ``events``, ``mentions`` or ``claims``, as a pandas (the default)
    or polars (``backend="polars"``) DataFrame with the export's own types.

    Raises :class:`~sitrep.StoreError` when the directory holds no such table.
    """
    if table not in PARQUET_TABLES:
        raise ValueError(f"table must be one of {PARQUET_TABLES}, got {table!r}")
    path = os.path.join(os.fspath(directory), f"{table}.parquet")
    if not os.path.isfile(path):
        raise StoreError(f"{path}: no such file (write it with `sitrep export --format parquet -o DIR`)")
    if backend == "pandas":
        import pandas as pd

        return pd.read_parquet(path)
    if backend == "polars":
        import polars as pl

        return pl.read_parquet(path)
    raise ValueError(f"backend must be 'pandas' or 'polars', got {backend!r}")
