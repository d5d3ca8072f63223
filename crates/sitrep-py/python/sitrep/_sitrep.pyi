# Type stubs of the Rust extension module (src/lib.rs). Not public API:
# use the names exported by `sitrep` itself.
from typing import Any, List, Optional, Sequence, Tuple

__version__: str

# (position in the stream, JSONL record without its date, the date as given)
_Record = Tuple[int, str, Optional[str]]
# (True, doc_id, records, skipped reason) or (False, doc_id, message, origin);
# records: the list of event and claim dicts (code_batch) or the annotation's
# dict (annotate_batch), the values json.loads gives for the CLI's JSON
_Outcome = Tuple[bool, Optional[str], Any, Optional[str]]

class NativePipeline:
    def __init__(
        self,
        data: Optional[str] = None,
        actors: Sequence[str] = ...,
        agents: Sequence[str] = ...,
        verbs: Sequence[str] = ...,
        discards: Sequence[str] = ...,
        only_given_actors: bool = False,
        only_given_verbs: bool = False,
        only_given_discards: bool = False,
        require_dyad: bool = False,
        uncoded_names: Optional[int] = None,
        no_places: bool = False,
        any_language: bool = False,
        min_confidence: Optional[float] = None,
    ) -> None: ...
    def code_batch(self, records: Sequence[_Record], threads: Optional[int] = None) -> List[_Outcome]: ...
    def annotate_batch(self, records: Sequence[_Record], threads: Optional[int] = None) -> List[_Outcome]: ...

def read_store_json(
    path: str,
    since: Optional[str] = None,
    until: Optional[str] = None,
    actor: Optional[str] = None,
    country: Optional[str] = None,
    cameo: Optional[str] = None,
    plover: Optional[str] = None,
    story: Optional[str] = None,
    text: Optional[str] = None,
    doc_id: Optional[str] = None,
    limit: Optional[int] = None,
    offset: Optional[int] = None,
) -> str: ...
def flat_event_columns(records_json: str) -> Tuple[List[str], List[List[Optional[str]]]]: ...
def flat_claim_columns(records_json: str) -> Tuple[List[str], List[List[Optional[str]]]]: ...
def parse_date(s: str) -> Optional[str]: ...
