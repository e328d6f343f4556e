"""The event store: a DuckDB file with articles, events, their mentions,
actors and quotes, and the documents that were rejected, with why.

- schema.py: tables and migrations; store.py: writing, and the Store object;
- query.py: filters, timelines, rankings, quotes; dedup.py: near-duplicate
  articles; reports.py: one event reported by several articles;
- export.py: JSONL, CSV, Parquet and GDELT (gdelt.py) exports.
"""

from dyad.store.query import EventFilter
from dyad.store.store import ArticleWrite, Store, open_store

__all__ = ["ArticleWrite", "EventFilter", "Store", "open_store"]
