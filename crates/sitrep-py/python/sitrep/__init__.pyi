# Type stubs of the public API (python/sitrep/__init__.py, _frames.py, _errors.py).
import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Union

__version__: str

Document = Union[str, Mapping[str, Any]]
Record = Dict[str, Any]
_Path = Union[str, os.PathLike]
_Date = Union[str, datetime.date, None]
_Errors = Literal["yield", "skip", "raise"]
_Kind = Literal["event", "claim"]

DOCUMENT_FIELDS: tuple

class SitrepError(Exception): ...
class DataError(SitrepError, ValueError): ...
class StoreError(SitrepError, ValueError): ...

class DocumentError(SitrepError, ValueError):
    message: str
    doc_id: Optional[str]
    origin: Optional[str]
    def __init__(self, message: str, doc_id: Optional[str] = None, origin: Optional[str] = None) -> None: ...

class Coded:
    index: int
    doc_id: Optional[str]
    records: List[Record]
    skipped: Optional[str]
    error: Optional[DocumentError]
    def __init__(
        self,
        index: int,
        doc_id: Optional[str],
        records: List[Record] = ...,
        skipped: Optional[str] = None,
        error: Optional[DocumentError] = None,
    ) -> None: ...
    @property
    def ok(self) -> bool: ...
    @property
    def events(self) -> List[Record]: ...
    @property
    def claims(self) -> List[Record]: ...

class Pipeline:
    min_confidence: Optional[float]
    def __init__(
        self,
        data: Optional[_Path] = None,
        min_confidence: Optional[float] = None,
        *,
        actors: Sequence[_Path] = (),
        agents: Sequence[_Path] = (),
        verbs: Sequence[_Path] = (),
        discards: Sequence[_Path] = (),
        only_given_actors: bool = False,
        only_given_verbs: bool = False,
        only_given_discards: bool = False,
        require_dyad: bool = False,
        uncoded_names: Optional[int] = None,
        no_places: bool = False,
        any_language: bool = False,
    ) -> None: ...
    def code(
        self,
        text: Optional[str] = None,
        date: _Date = None,
        doc_id: Optional[str] = None,
        *,
        title: Optional[str] = None,
        url: Optional[str] = None,
        html: Optional[str] = None,
    ) -> List[Record]: ...
    def annotate(
        self,
        text: Optional[str] = None,
        date: _Date = None,
        doc_id: Optional[str] = None,
        *,
        title: Optional[str] = None,
        url: Optional[str] = None,
        html: Optional[str] = None,
    ) -> Record: ...
    def code_many(
        self,
        docs: Iterable[Document],
        threads: Optional[int] = None,
        *,
        errors: _Errors = "yield",
        batch_size: Optional[int] = None,
    ) -> Iterator[Coded]: ...
    def annotate_many(
        self,
        docs: Iterable[Document],
        threads: Optional[int] = None,
        *,
        errors: _Errors = "yield",
        batch_size: Optional[int] = None,
    ) -> Iterator[Coded]: ...

def to_pandas(records: Iterable[Any], kind: _Kind = "event") -> Any: ...
def to_polars(records: Iterable[Any], kind: _Kind = "event") -> Any: ...
def read_store(
    path: _Path,
    *,
    since: _Date = None,
    until: _Date = None,
    actor: Optional[str] = None,
    country: Optional[str] = None,
    cameo: Optional[str] = None,
    plover: Optional[str] = None,
    story: Optional[str] = None,
    text: Optional[str] = None,
    doc_id: Optional[str] = None,
    limit: Optional[int] = None,
    offset: Optional[int] = None,
) -> List[Record]: ...
def read_parquet(
    directory: _Path,
    table: Literal["events", "mentions", "claims"] = "events",
    backend: Literal["pandas", "polars"] = "pandas",
) -> Any: ...
