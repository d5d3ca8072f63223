"""sitrep: who did what to whom, when and where, from news text.

Build a :class:`Pipeline` once and reuse it::

    import sitrep
    p = sitrep.Pipeline()
    events = p.code("Azerbaijani forces shelled Stepanakert on Thursday.", date="2020-10-10")
    df = sitrep.to_pandas(events)

``code`` returns what ``sitrep code`` prints for the same document (one
dict per event, ``"kind": "event"``, and per casualty figure,
``"kind": "claim"``; docs/FORMATS.md describes every field);
``annotate`` returns what ``sitrep annotate`` prints. ``code_many`` codes
an iterable of documents in parallel and yields one :class:`Coded` per
document, in input order.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
import math
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

from . import _sitrep
from ._errors import DataError, DocumentError, SitrepError, StoreError
from ._frames import read_parquet, read_store, to_pandas, to_polars

__version__ = _sitrep.__version__

__all__ = [
    "Pipeline",
    "Coded",
    "SitrepError",
    "DataError",
    "DocumentError",
    "StoreError",
    "to_pandas",
    "to_polars",
    "read_store",
    "read_parquet",
]

#: Fields of a document mapping that sitrep reads, as in a JSONL record;
#: ``source`` is the outlet. Other keys are ignored.
DOCUMENT_FIELDS = ("id", "text", "html", "title", "url", "date", "source")

Document = Union[str, Mapping[str, Any]]
Record = Dict[str, Any]


@dataclass
class Coded:
    """What became of one document of :meth:`Pipeline.code_many`.

    ``index`` is the document's position in the input (0-based);
    ``doc_id`` its id (the one given, else the stable id sitrep derives
    from its text); ``records`` the events and claims (or, from
    :meth:`Pipeline.annotate_many`, a one-item list holding the
    annotation); ``skipped`` why the document was not coded (language,
    discard list), if it was not; ``error`` the :class:`DocumentError`
    when it could not be read or coded, in which case ``records`` is empty.
    """

    index: int
    doc_id: Optional[str]
    records: List[Record] = field(default_factory=list)
    skipped: Optional[str] = None
    error: Optional[DocumentError] = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def events(self) -> List[Record]:
        return [r for r in self.records if r.get("kind") == "event"]

    @property
    def claims(self) -> List[Record]:
        return [r for r in self.records if r.get("kind") == "claim"]


class _BadDocument(Exception):
    def __init__(self, message: str, doc_id: Optional[str]):
        super().__init__(message)
        self.message = message
        self.doc_id = doc_id


def _missing(v: Any) -> bool:
    """None, NaN and pandas' NA/NaT count as no value (a DataFrame's empty cells)."""
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if type(v).__module__.startswith("pandas"):  # NA, NaT: pandas is loaded
        import pandas as pd

        return bool(pd.isna(v))
    return False


def _date_text(v: Any, doc_id: Optional[str]) -> Optional[str]:
    """A date given as a ``date``/``datetime`` (pandas ``Timestamp`` too) or a string."""
    if _missing(v):
        return None
    if isinstance(v, _dt.datetime):
        return v.date().isoformat()
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return v
    if hasattr(v, "isoformat"):  # numpy/pandas date-likes
        return str(v.isoformat())[:10]
    raise _BadDocument(f"date must be a date or a string, got {type(v).__name__}", doc_id)


def _record(doc: Document) -> "tuple[str, Optional[str]]":
    """The JSONL record ``sitrep code`` would read for a document, and its date apart."""
    if isinstance(doc, str):
        return json.dumps({"text": doc}), None
    if not isinstance(doc, Mapping):
        raise _BadDocument(
            f"a document is a str or a mapping with a 'text' or 'html' field, got {type(doc).__name__}",
            None,
        )
    rec: Dict[str, Any] = {}
    doc_id = doc.get("id")
    if not _missing(doc_id):
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
            raise _BadDocument(f"id must be a string or an integer, got {type(doc_id).__name__}", None)
        doc_id = str(doc_id)
        rec["id"] = doc_id
    else:
        doc_id = None
    for k in ("text", "html", "title", "url", "source"):
        v = doc.get(k)
        if _missing(v):
            continue
        if not isinstance(v, str):
            raise _BadDocument(f"{k} must be a string, got {type(v).__name__}", doc_id)
        rec[k] = v
    return json.dumps(rec), _date_text(doc.get("date"), doc_id)


def _document(text: Optional[str], date: Any, doc_id: Optional[str], title: Optional[str], url: Optional[str], html: Optional[str]) -> Record:
    doc: Record = {"text": text, "html": html, "id": doc_id, "title": title, "url": url, "date": date}
    return {k: v for k, v in doc.items() if v is not None}


def _chunks(it: Iterator[Any], size: int) -> Iterator[List[Any]]:
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


class Pipeline:
    """sitrep's pipeline, built once (lexicons, gazetteer, parser) and reused.

    The options are those of ``sitrep code``: ``data`` is ``--data DIR``
    (a directory overriding built-in data files), ``actors``/``agents``/
    ``verbs``/``discards`` add PETRARCH-format dictionaries, ``only_given_*``
    replace the built-in ones, ``require_dyad``, ``uncoded_names``,
    ``no_places`` and ``any_language`` are the flags of the same names.
    ``min_confidence`` is ``--min-confidence``: only events whose
    ``confidence`` is at least that are coded (claims are all kept);
    ``None`` is the command's default threshold (``0`` keeps every event).

    Raises :class:`DataError` when the data cannot be loaded. One pipeline
    can be used from several Python threads at once.
    """

    def __init__(
        self,
        data: Optional[Union[str, os.PathLike]] = None,
        min_confidence: Optional[float] = None,
        *,
        actors: Sequence[Union[str, os.PathLike]] = (),
        agents: Sequence[Union[str, os.PathLike]] = (),
        verbs: Sequence[Union[str, os.PathLike]] = (),
        discards: Sequence[Union[str, os.PathLike]] = (),
        only_given_actors: bool = False,
        only_given_verbs: bool = False,
        only_given_discards: bool = False,
        require_dyad: bool = False,
        uncoded_names: Optional[int] = None,
        no_places: bool = False,
        any_language: bool = False,
    ) -> None:
        try:
            self._native = _sitrep.NativePipeline(
                data=None if data is None else os.fspath(data),
                actors=[os.fspath(p) for p in actors],
                agents=[os.fspath(p) for p in agents],
                verbs=[os.fspath(p) for p in verbs],
                discards=[os.fspath(p) for p in discards],
                only_given_actors=only_given_actors,
                only_given_verbs=only_given_verbs,
                only_given_discards=only_given_discards,
                require_dyad=require_dyad,
                uncoded_names=uncoded_names,
                no_places=no_places,
                any_language=any_language,
                min_confidence=min_confidence,
            )
        except (ValueError, TypeError, OverflowError) as e:
            raise DataError(str(e)) from None
        self.min_confidence = min_confidence

    # -- one document -------------------------------------------------------

    def code(
        self,
        text: Optional[str] = None,
        date: Any = None,
        doc_id: Optional[str] = None,
        *,
        title: Optional[str] = None,
        url: Optional[str] = None,
        html: Optional[str] = None,
    ) -> List[Record]:
        """Code one document: its events, then its claims, as ``sitrep code``
        prints them for the JSONL record ``{"id", "text", "date", "title", "url"}``.

        ``date`` is the publication date (``datetime.date`` or a string such
        as ``"2020-10-10"``); relative dates in the text are resolved
        against it. Without ``doc_id`` the id is derived from the text, as
        for a JSONL record without one. Give ``html`` instead of ``text``
        for a web page. A skipped document (another language, the discard
        list) gives ``[]``.

        Raises :class:`DocumentError` for an empty document, a date that
        cannot be read (the command line only warns there) or a value of the
        wrong type.
        """
        coded = self._one(_document(text, date, doc_id, title, url, html), self._native.code_batch)
        return coded.records

    def annotate(
        self,
        text: Optional[str] = None,
        date: Any = None,
        doc_id: Optional[str] = None,
        *,
        title: Optional[str] = None,
        url: Optional[str] = None,
        html: Optional[str] = None,
    ) -> Record:
        """Everything the pipeline found in one document, as ``sitrep annotate``
        prints it: cleaned text, removed lines, sentences, actors, places,
        time expressions, claims, events and each sentence's parse.
        Arguments and errors as in :meth:`code`.
        """
        coded = self._one(_document(text, date, doc_id, title, url, html), self._native.annotate_batch)
        return coded.records[0]

    def _one(self, doc: Record, native_batch: Any) -> Coded:
        coded = next(self._stream([doc], native_batch, threads=1, batch_size=1))
        if coded.error is not None:
            raise coded.error
        return coded

    # -- many documents -----------------------------------------------------

    def code_many(
        self,
        docs: Iterable[Document],
        threads: Optional[int] = None,
        *,
        errors: str = "yield",
        batch_size: Optional[int] = None,
    ) -> Iterator[Coded]:
        """Code documents in parallel; yield one :class:`Coded` per document,
        in input order (the same results for any ``threads``).

        ``docs`` is any iterable (a generator, ``df.to_dict("records")``) of
        strings (the text) or mappings with the fields of a JSONL record:
        ``id``, ``text`` or ``html``, ``title``, ``url``, ``date``,
        ``source``. It is read lazily, a batch at a time
        (``batch_size``, by default 64 per thread), and each batch is coded
        with the GIL released on ``threads`` threads (``None``: every core;
        ``1``: the calling thread).

        A bad document does not stop the stream: with ``errors="yield"`` (the
        default) its :class:`Coded` carries the :class:`DocumentError` in
        ``error`` and no records; ``errors="skip"`` leaves it out;
        ``errors="raise"`` raises the error when its turn comes (the
        documents before it have been yielded).
        """
        if errors not in ("yield", "skip", "raise"):
            raise ValueError(f"errors must be 'yield', 'skip' or 'raise', got {errors!r}")
        _check_threads(threads)
        size = batch_size or 64 * (threads or os.cpu_count() or 1)
        for coded in self._stream(docs, self._native.code_batch, threads, size):
            if coded.error is not None:
                if errors == "raise":
                    raise coded.error
                if errors == "skip":
                    continue
            yield coded

    def annotate_many(
        self,
        docs: Iterable[Document],
        threads: Optional[int] = None,
        *,
        errors: str = "yield",
        batch_size: Optional[int] = None,
    ) -> Iterator[Coded]:
        """:meth:`annotate` over many documents, as :meth:`code_many` does
        (each :class:`Coded` holds the annotation as its one record)."""
        if errors not in ("yield", "skip", "raise"):
            raise ValueError(f"errors must be 'yield', 'skip' or 'raise', got {errors!r}")
        _check_threads(threads)
        size = batch_size or 16 * (threads or os.cpu_count() or 1)
        for coded in self._stream(docs, self._native.annotate_batch, threads, size):
            if coded.error is not None:
                if errors == "raise":
                    raise coded.error
                if errors == "skip":
                    continue
            yield coded

    def _stream(self, docs: Iterable[Document], native_batch: Any, threads: Optional[int], batch_size: int) -> Iterator[Coded]:
        if isinstance(docs, (str, bytes)) or isinstance(docs, Mapping):
            raise TypeError("docs must be an iterable of documents; for one document use code()/annotate()")
        index = 0
        for chunk in _chunks(iter(docs), max(1, batch_size)):
            results: List[Optional[Coded]] = []
            records = []
            for doc in chunk:
                try:
                    rec, date = _record(doc)
                    records.append((index + 1, rec, date))
                    results.append(None)
                except _BadDocument as e:
                    err = DocumentError(e.message, e.doc_id, f"<python>:{index + 1}")
                    results.append(Coded(index, e.doc_id, error=err))
                index += 1
            outcomes = iter(native_batch(records, threads) if records else [])
            first = index - len(chunk)
            for k, done in enumerate(results):
                if done is None:
                    ok, doc_id, payload, extra = next(outcomes)
                    if ok:
                        # a list of records (code) or one annotation (annotate)
                        done = Coded(first + k, doc_id, payload if isinstance(payload, list) else [payload], skipped=extra)
                    else:
                        done = Coded(first + k, doc_id, error=DocumentError(payload, doc_id, extra))
                yield done


def _check_threads(threads: Optional[int]) -> None:
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive integer or None, got {threads!r}")
