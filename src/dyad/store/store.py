"""Writing to and querying the DuckDB store.

Ids are content hashes, so writing the same article twice changes nothing.
An article and its events are written in one transaction: a reader never
sees an article without its events, and a failure leaves the store as it was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import numpy as np

from dyad.errors import StoreError
from dyad.records import CleanArticle, Event, Quote
from dyad.store import query
from dyad.store.query import ALL_EVENTS, EventFilter
from dyad.store.reports import Key, remember, report_key, same_event, stored_reports
from dyad.store.schema import migrate

ARTICLE_COLUMNS = (
    "doc_id", "title", "date", "url", "publisher", "dateline", "origin", "text", "removed",
    "n_events", "coder", "duplicate_of", "date_source", "language", "tone",
)  # fmt: skip
EVENT_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "sentence", "date", "date_precision",
    "source_code", "source_country", "source_name", "target_code", "target_country",
    "target_name", "cameo", "cameo_root", "quad_class", "goldstein", "plover_type", "negated",
    "location_name", "location_country", "lat", "lon", "confidence", "coder", "record",
    "location_admin1", "location_geonames_id", "location_precision", "date_inherited", "tone",
    "location_admin1_code", "added_at",
)  # fmt: skip
QUOTE_COLUMNS = (
    "quote_id", "doc_id", "sentence_index", "text", "speaker_text", "speaker_code",
    "speaker_country", "speaker_name", "date",
)  # fmt: skip


# Articles written between two releases of DuckDB's block cache (_release_cache).
RELEASE_CACHE_EVERY = 256
# Rows in each row group of the store's tables. Every checkpoint rewrites the
# last, still filling row group of each table it changes, so this bounds the
# memory a checkpoint takes: at DuckDB's default (122,880 rows) the writer's
# checkpoints grew with the store to 600 MB above its resting memory; at 16,384
# rows about 110 MB (a writer-only replay of 21,000 coded articles).
ROW_GROUP_ROWS = 8_192
# The name the store's database is attached under.
CATALOG = "dyad"


@dataclass(frozen=True, slots=True)
class ArticleWrite:
    """A coded article as the store takes it."""

    article: CleanArticle
    events: Sequence[Event]
    coder: str
    duplicate_of: str | None = None  # the article it is a syndicated copy of
    signature: bytes | None = None  # its MinHash, for finding later copies
    quotes: Sequence[Quote] = ()
    tone: float | None = None


class Store:
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database; run `dyad ingest` first")
        try:
            self.connection = _connect(self.path, read_only)
        except duckdb.Error as exc:
            from dyad.serve.handoff import read_announcement

            server = read_announcement(self.path)
            if server is not None and "lock" in str(exc).lower():
                raise StoreError(
                    f"{self.path}: dyad serve holds this store (process {server.pid}); "
                    f"query it at {server.url} (GET /events, /timeline, ...), and "
                    "`dyad ingest` hands documents to it"
                ) from exc
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc
        if not read_only:
            migrate(self.connection)
        self._written = 0  # articles written since the cache was last released

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection of its own to the store, for a transaction or a thread."""
        cursor = self.connection.cursor()
        cursor.execute(f"USE {CATALOG}")  # a cursor starts in DuckDB's in-memory catalog
        return cursor

    # ---- writing ----

    def _release_cache(self) -> None:
        """Drop the table blocks DuckDB keeps cached after writing them: a
        long ingest reads few of them again, and the cache would otherwise
        grow with the store (about 10 kB an article). DuckDB evicts what it
        can to meet a tiny memory limit and refuses the limit itself (the
        primary-key indexes must stay in memory); should it take the limit,
        the default (dyad sets none) is put back."""
        try:
            self.connection.execute("SET memory_limit = '1MB'")
        except duckdb.OutOfMemoryException:
            pass  # evicted what could be evicted; the limit stands
        else:
            self.connection.execute("RESET memory_limit")

    def has_article(self, doc_id: str) -> bool:
        return bool(self.stored_articles([doc_id]))

    def stored_articles(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these articles are stored."""
        return _present(self.connection, "articles", "doc_id", doc_ids)

    def add_article(
        self,
        article: CleanArticle,
        events: Sequence[Event],
        coder: str,
        duplicate_of: str | None = None,
        signature: bytes | None = None,
        quotes: Sequence[Quote] = (),
        tone: float | None = None,
    ) -> int:
        """Store one article with its events and quotes; return how many events were new."""
        write = ArticleWrite(article, events, coder, duplicate_of, signature, quotes, tone)
        return self.add_articles([write])[0]

    def add_articles(self, writes: Sequence[ArticleWrite]) -> list[int]:
        """Store articles with their events and quotes in one transaction;
        return how many events each added.

        An event another article already reported becomes a mention of that
        event, not a new one: in a near-duplicate of an earlier article
        (`duplicate_of`, a syndicated copy) any event with the original's
        source, target and code; elsewhere one with the same source, target,
        code and date (within precision) told in a near-duplicate sentence.
        Articles earlier in the batch count as stored for those after them."""
        if not writes:
            return []
        cursor = self.cursor()
        try:
            cursor.execute("BEGIN TRANSACTION")
            added = _write_batch(cursor, writes)
            cursor.execute("COMMIT")
        except duckdb.Error as exc:
            cursor.execute("ROLLBACK")
            origins = ", ".join(w.article.article.origin for w in writes[:3])
            more = f" and {len(writes) - 3} more" if len(writes) > 3 else ""
            raise StoreError(f"{self.path}: could not store {origins}{more} ({exc})") from exc
        finally:
            cursor.close()
        self._written += len(writes)
        if self._written >= RELEASE_CACHE_EVERY:
            self._written = 0
            self._release_cache()
        return added

    def signatures(self, latest: int) -> list[tuple[str, bytes]]:
        """The MinHash signatures of the latest stored articles, oldest first,
        for duplicate detection."""
        rows = self.connection.execute(
            "SELECT doc_id, minhash FROM article_signatures ORDER BY rowid DESC LIMIT ?", [latest]
        ).fetchall()
        return [(doc_id, bytes(blob)) for doc_id, blob in reversed(rows)]

    def reject(self, origin: str, problem: str) -> None:
        self.connection.execute(
            "INSERT OR IGNORE INTO rejected (origin, problem) VALUES (?, ?)", [origin, problem]
        )

    # ---- reading ----

    def events(
        self, where: EventFilter = ALL_EVENTS, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Stored events as public records with mention counts, newest first."""
        return query.find_events(self.connection, where, limit, offset)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its mentions and its article (see query.event_detail)."""
        return query.event_detail(self.connection, event_id)

    def timeline(
        self,
        a: str | None,
        b: str | None = None,
        by: str = "month",
        where: EventFilter = ALL_EVENTS,
        directed: bool = False,
    ) -> list[dict[str, Any]]:
        return query.timeline(self.connection, a, b, by, where, directed)

    def actors(self, where: EventFilter = ALL_EVENTS, limit: int = 20) -> list[dict[str, Any]]:
        return query.actor_ranking(self.connection, where, limit)

    def dyads(
        self, where: EventFilter = ALL_EVENTS, limit: int = 20, by_code: bool = False
    ) -> list[dict[str, Any]]:
        return query.dyad_ranking(self.connection, where, limit, by_code)

    def quotes(self, **filters: Any) -> list[dict[str, Any]]:
        return query.find_quotes(self.connection, **filters)

    def counts(self) -> dict[str, int]:
        counts = {
            table: _count(self.connection, table)
            for table in ("articles", "events", "event_mentions", "rejected", "quotes", "actors")
        }
        row = self.connection.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()
        counts["duplicates"] = int(row[0]) if row else 0
        return counts


def open_store(path: str | Path = "dyad.duckdb", read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection whose default database is the store, attached with our
    row-group size (an attach option: `duckdb.connect(path)` has none)."""
    connection = duckdb.connect()
    options = f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}" + (", READ_ONLY" if read_only else "")
    quoted = path.replace("'", "''")
    try:
        connection.execute(f"ATTACH '{quoted}' AS {CATALOG} ({options})")
        connection.execute(f"USE {CATALOG}")
    except duckdb.Error:
        connection.close()
        raise
    return connection


def _count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # table names are ours
    return int(row[0]) if row else 0


def _events_by_key(cursor: duckdb.DuckDBPyConnection, doc_id: str) -> dict[Key, str]:
    """The events an article reports, by what they are (source, target, code)."""
    rows = cursor.execute(
        "SELECT e.source_code, e.target_code, e.cameo, min(e.event_id)"
        " FROM events e JOIN event_mentions m USING (event_id) WHERE m.doc_id = ?"
        " GROUP BY ALL",
        [doc_id],
    ).fetchall()
    return {(s, t, c): event_id for s, t, c, event_id in rows}


def _write_batch(cursor: duckdb.DuckDBPyConnection, writes: Sequence[ArticleWrite]) -> list[int]:
    """The rows of a batch of articles, written with one statement per table;
    how many events each article added."""
    events = [event for write in writes for event in write.events]
    stored = stored_reports(cursor, events)
    existing = _present(cursor, "events", "event_id", [event.event_id for event in events])
    told: dict[str, dict[Key, str]] = {}  # what each article of the batch reports, by key
    new_events: list[list[Any]] = []
    mentions: set[tuple[str, str, int]] = set()
    actors: set[tuple[str, str, str | None, tuple[str, ...]]] = set()
    added = []
    for write in writes:
        doc_id = write.article.article.doc_id
        original = write.duplicate_of
        originals = {}
        if original:
            originals = told[original] if original in told else _events_by_key(cursor, original)
        reports = told.setdefault(doc_id, {})
        count = 0
        for event in write.events:
            key = report_key(event)
            event_id = originals.get(key) or same_event(event, stored)
            if event_id is None:
                event_id = event.event_id
                if event_id not in existing:
                    existing.add(event_id)
                    new_events.append(_event_row(event))
                    count += 1
                    remember(stored, event)
            reports[key] = min(reports.get(key, event_id), event_id)
            for index in event.mentions or (event.sentence_index,):
                mentions.add((event_id, event.doc_id, index))
            for actor in (event.source, event.target):
                if actor is not None:
                    actors.add((actor.code, actor.name or "", actor.country, actor.sectors))
        added.append(count)
    _insert(cursor, "articles", ARTICLE_COLUMNS, [_article_row(write) for write in writes])
    signatures = [[w.article.article.doc_id, w.signature] for w in writes if w.signature]
    _insert(cursor, "article_signatures", ("doc_id", "minhash"), signatures)
    _insert(cursor, "events", EVENT_COLUMNS, new_events)
    _insert(cursor, "event_mentions", ("event_id", "doc_id", "sentence_index"),
            [list(m) for m in sorted(mentions)])  # fmt: skip
    actor_rows = [[code, name, country, list(sectors)]
                  for code, name, country, sectors in sorted(actors, key=repr)]  # fmt: skip
    _insert(cursor, "actors", ("code", "name", "country", "sectors"), actor_rows)
    quote_rows = [_quote_row(q, w.article) for w in writes for q in w.quotes]
    _insert(cursor, "quotes", QUOTE_COLUMNS, quote_rows)
    return added


def _present(
    connection: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]
) -> set[str]:
    """Which of these ids the table holds, in one query (table names are ours)."""
    if not values:
        return set()
    rows = connection.execute(
        f"SELECT {column} FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(set(values))],
    ).fetchall()
    return {value for (value,) in rows}


def _insert(
    cursor: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: list[list[Any]]
) -> None:
    """INSERT OR IGNORE of many rows in one statement (table names are ours).
    The rows go in as columns of Python objects that DuckDB scans directly:
    binding them as statement parameters cost ten times more."""
    if not rows:
        return
    frame = {}
    for position, column in enumerate(columns):
        values = np.empty(len(rows), dtype=object)
        for number, row in enumerate(rows):
            values[number] = row[position]  # one by one: a list value stays one value
        frame[column] = values
    # Registered on the batch's own cursor, which is closed after it however it ends.
    cursor.register("dyad_rows", frame)
    cursor.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) SELECT * FROM dyad_rows")
    cursor.unregister("dyad_rows")


def _article_row(write: ArticleWrite) -> list[Any]:
    article, source = write.article, write.article.article
    return [
        source.doc_id,
        source.title,
        article.date,
        source.url,
        source.publisher,
        article.dateline,
        source.origin,
        article.text,
        json.dumps([asdict(r) for r in article.removed]),
        len(write.events),
        write.coder,
        write.duplicate_of,
        article.date_source,
        article.language,
        write.tone,
    ]


def _quote_row(quote: Quote, article: CleanArticle) -> list[Any]:
    speaker = quote.speaker
    return [
        quote.quote_id,
        quote.doc_id,
        quote.sentence_index,
        quote.text,
        quote.speaker_text,
        speaker.code if speaker else None,
        speaker.country if speaker else None,
        speaker.name if speaker else None,
        article.date,
    ]


def _event_row(event: Event) -> list[Any]:
    record = event.to_dict()
    target = event.target
    location = event.location
    return [
        event.event_id,
        event.doc_id,
        event.sentence_index,
        event.sentence,
        event.date,
        event.date_precision,
        event.source.code,
        event.source.country,
        event.source.name,
        target.code if target else None,
        target.country if target else None,
        target.name if target else None,
        event.cameo,
        event.cameo_root,
        event.quad_class,
        event.goldstein,
        event.plover.type,
        event.negated,
        location.name if location else None,
        location.country if location else None,
        location.lat if location else None,
        location.lon if location else None,
        event.confidence,
        event.coder,
        json.dumps(record, ensure_ascii=False),
        # Columns of later migrations come last, in the order they were added.
        location.admin1 if location else None,
        location.geonames_id if location else None,
        location.precision if location else None,
        event.date_inherited,
        event.tone,
        location.admin1_code if location else None,
        datetime.now(UTC).replace(tzinfo=None),
    ]
