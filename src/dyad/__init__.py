"""dyad: open political event data from news text.

The library is the product; the CLI and any server only wrap it:

    import dyad
    events = dyad.code_text("ANKARA – Turkey and Israel agreed on Thursday ...", date="2022-10-27")
    report = dyad.ingest(["corpus/"], db="dyad.duckdb")
    with dyad.open_store("dyad.duckdb", read_only=True) as store:
        rows = store.events(dyad.EventFilter(actor="TUR", root="19"), limit=10)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Imported on first use, so that `dyad events` and other store commands start
# without loading spaCy. The spaCy factory "dyad" is registered through the
# package's `spacy_factories` entry point.
_EXPORTS = {
    "code_documents": "dyad.api",
    "code_text": "dyad.api",
    "ingest": "dyad.api",
    "open_store": "dyad.api",
    "read": "dyad.api",
    "DyadComponent": "dyad.component",
    "EventFilter": "dyad.store.query",
}

if TYPE_CHECKING:
    from dyad.api import code_documents, code_text, ingest, open_store, read
    from dyad.component import DyadComponent
    from dyad.store.query import EventFilter


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'dyad' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)


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
