"""The event store: a DuckDB file with articles, events, their mentions and
the documents that were rejected, with why."""

from dyad.store.store import Store, open_store

__all__ = ["Store", "open_store"]
