"""The exceptions sitrep raises.

Every one is a :class:`SitrepError`; those about a value the caller gave
are also :class:`ValueError`, so code that already catches ``ValueError``
keeps working.
"""

from __future__ import annotations

from typing import Optional


class SitrepError(Exception):
    """Base class of every error sitrep raises."""


class DataError(SitrepError, ValueError):
    """The pipeline could not be built: a data directory, dictionary or
    option that cannot be used (the message names the file)."""


class DocumentError(SitrepError, ValueError):
    """One document could not be read or coded.

    ``doc_id`` is the document's id (``None`` when it has none yet: not a
    string or mapping), ``origin`` where it came from (``<python>:N`` for the
    N-th document of a call), ``message`` what went wrong. ``str(error)``
    names the document.
    """

    def __init__(self, message: str, doc_id: Optional[str] = None, origin: Optional[str] = None):
        self.message = message
        self.doc_id = doc_id
        self.origin = origin
        where = f"document {doc_id!r}" if doc_id is not None else (origin or "document")
        super().__init__(f"{where}: {message}")


class StoreError(SitrepError, ValueError):
    """A store could not be read (missing file, not a sitrep store, a bad filter)."""
