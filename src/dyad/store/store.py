"""Writing to and querying the DuckDB store.

Ids are content hashes, so writing the same article twice changes nothing.
An article and its events are written in one transaction: a reader never
sees an article without its events, and a failure leaves the store as it was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from dyad.errors import StoreError
from dyad.records import CleanArticle, Event, Quote
from dyad.store import query
from dyad.store.query import ALL_EVENTS, EventFilter
from dyad.store.reports import same_event, stored_reports
from dyad.store.schema import migrate


class Store:
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database; run `dyad ingest` first")
        try:
            self.connection = duckdb.connect(self.path, read_only=read_only)
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

    # ---- writing ----

    def has_article(self, doc_id: str) -> bool:
        row = self.connection.execute(
            "SELECT 1 FROM articles WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return row is not None

    def add_article(
        self,
        article: CleanArticle,
        events: list[Event],
        coder: str,
        duplicate_of: str | None = None,
        signature: bytes | None = None,
        quotes: Sequence[Quote] = (),
        tone: float | None = None,
    ) -> int:
        """Store an article with its events and quotes; return how many events were new.

        An event another article already reported becomes a mention of that
        event, not a new one: in a near-duplicate of an earlier article
        (`duplicate_of`, a syndicated copy) any event with the original's
        source, target and code; elsewhere one with the same source, target,
        code and date (within precision) told in a near-duplicate sentence."""
        source = article.article
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN TRANSACTION")
            cursor.execute(
                "INSERT OR IGNORE INTO articles (doc_id, title, date, url, publisher, dateline,"
                " origin, text, removed, n_events, coder, duplicate_of, date_source, language,"
                " tone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    source.doc_id,
                    source.title,
                    article.date,
                    source.url,
                    source.publisher,
                    article.dateline,
                    source.origin,
                    article.text,
                    json.dumps([asdict(r) for r in article.removed]),
                    len(events),
                    coder,
                    duplicate_of,
                    article.date_source,
                    article.language,
                    tone,
                ],
            )
            if signature is not None:
                cursor.execute(
                    "INSERT OR IGNORE INTO article_signatures VALUES (?, ?)",
                    [source.doc_id, signature],
                )
            originals = _events_by_key(cursor, duplicate_of) if duplicate_of else {}
            stored = stored_reports(cursor, events)
            before = _count(cursor, "events")
            new_events, mentions, actors = [], set(), set()
            for event in events:
                event_id = originals.get(_key(event)) or same_event(event, stored)
                if event_id is None:
                    event_id = event.event_id
                    new_events.append(_event_row(event))
                for index in event.mentions or (event.sentence_index,):
                    mentions.add((event_id, event.doc_id, index))
                for actor in (event.source, event.target):
                    if actor is not None:
                        actors.add((actor.code, actor.name or "", actor.country, actor.sectors))
            # One statement per table: DuckDB pays per statement (and executemany
            # runs one per row), not per row.
            _insert_rows(cursor, "events", new_events)
            _insert_rows(cursor, "event_mentions", [list(m) for m in sorted(mentions)])
            actor_rows = [[code, name, country, list(sectors)]
                          for code, name, country, sectors in sorted(actors, key=repr)]  # fmt: skip
            _insert_rows(cursor, "actors", actor_rows)
            _insert_rows(cursor, "quotes", [_quote_row(quote, article) for quote in quotes])
            added = _count(cursor, "events") - before
            cursor.execute("COMMIT")
        except duckdb.Error as exc:
            cursor.execute("ROLLBACK")
            raise StoreError(f"{self.path}: could not store {source.origin} ({exc})") from exc
        finally:
            cursor.close()
        return added

    def signatures(self) -> list[tuple[str, bytes]]:
        """The MinHash signatures of stored articles, for duplicate detection."""
        rows = self.connection.execute("SELECT doc_id, minhash FROM article_signatures").fetchall()
        return [(doc_id, bytes(blob)) for doc_id, blob in rows]

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


def _count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # table names are ours
    return int(row[0]) if row else 0


def _key(event: Event) -> tuple[str, str | None, str]:
    return (event.source.code, event.target.code if event.target else None, event.cameo)


def _events_by_key(
    cursor: duckdb.DuckDBPyConnection, doc_id: str
) -> dict[tuple[str, str | None, str], str]:
    """The events an article reports, by what they are (source, target, code)."""
    rows = cursor.execute(
        "SELECT e.source_code, e.target_code, e.cameo, min(e.event_id)"
        " FROM events e JOIN event_mentions m USING (event_id) WHERE m.doc_id = ?"
        " GROUP BY ALL",
        [doc_id],
    ).fetchall()
    return {(s, t, c): event_id for s, t, c, event_id in rows}


def _insert_rows(cursor: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
    """INSERT OR IGNORE of many rows in one statement (table names are ours)."""
    if not rows:
        return
    row = "(" + ", ".join("?" * len(rows[0])) + ")"
    values = ", ".join([row] * len(rows))
    cursor.execute(f"INSERT OR IGNORE INTO {table} VALUES {values}", [v for r in rows for v in r])


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
