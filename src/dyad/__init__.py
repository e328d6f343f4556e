"""dyad: open political event data from news text.

The library is the product; the CLI and any server only wrap it:

    import dyad
    events = dyad.code_text("ANKARA – Turkey and Israel agreed on Thursday ...", date="2022-10-27")
    report = dyad.ingest(["corpus/"], db="dyad.duckdb")
    with dyad.open_store("dyad.duckdb", read_only=True) as store:
        rows = store.events(dyad.EventFilter(actor="TUR", root="19"), limit=10)
"""

from __future__ import annotations

__version__ = "0.1.0"

from dyad.api import code_documents, code_text, ingest, open_store, read
from dyad.component import DyadComponent  # registers the spaCy factory "dyad"
from dyad.store import EventFilter

__all__ = [
    "DyadComponent",
    "EventFilter",
    "__version__",
    "code_documents",
    "code_text",
    "ingest",
    "open_store",
    "read",
]
