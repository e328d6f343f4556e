"""The public Python API. The CLI and any server call these functions only."""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyad.batches import batched
from dyad.config import Options
from dyad.dates import parse_date
from dyad.errors import InputError, StoreError
from dyad.pipeline import CodedArticle, Pipeline
from dyad.read import ReadResult, read_inputs
from dyad.read.common import content_id
from dyad.records import Article, Event
from dyad.serve.handoff import Announcement, batches, post_articles, running_server
from dyad.store import ArticleWrite, Store, open_store
from dyad.store.dedup import DuplicateFinder, to_bytes

log = logging.getLogger(__name__)

# How many of the latest document ids `ingest` remembers: more than are ever in
# flight between reading and storing (workers' windows, the store batch).
RECENT_IDS = 10_000

__all__ = ["IngestReport", "code_documents", "code_text", "ingest", "open_store", "read"]


@lru_cache(maxsize=2)
def get_pipeline(options: Options) -> Pipeline:
    """One pipeline per set of options, loaded on first use."""
    return Pipeline(options)


def read(inputs: Iterable[str], options: Options | None = None) -> Iterator[ReadResult]:
    """Articles from files, directories, globs or '-' (stdin); an InputError for each bad one."""
    return read_inputs(inputs, options)


def code_documents(
    articles: Iterable[Article], options: Options | None = None
) -> Iterator[CodedArticle]:
    """Clean and code articles, yielding each with its events, in input order."""
    return get_pipeline(options or Options()).code_articles(articles)


def code_text(
    text: str,
    date: str | date | None = None,
    title: str | None = None,
    doc_id: str | None = None,
    options: Options | None = None,
) -> list[Event]:
    """Code one article given as text; `date` is its publication date."""
    published = parse_date(date) if isinstance(date, str) else date
    article = Article(
        doc_id=doc_id or content_id(text), text=text, title=title, date=published, origin="<text>"
    )
    return next(code_documents([article], options)).events


@dataclass
class IngestReport:
    read: int = 0
    already_stored: int = 0
    duplicates: int = 0  # near-duplicates of stored articles (syndicated copies)
    events_added: int = 0
    skipped: list[InputError] = field(default_factory=list)

    @property
    def nothing_read(self) -> bool:
        return self.read == 0 and self.already_stored == 0

    def summary(self, db: str) -> str:
        reasons = Counter(e.problem for e in self.skipped)
        skipped = f"skipped {len(self.skipped)}"
        if reasons:
            skipped += " (" + "; ".join(f"{n} {why}" for why, n in reasons.most_common()) + ")"
        return (
            f"read {self.read} documents ({self.already_stored} already stored, "
            f"{self.duplicates} near-duplicates), {skipped}; "
            f"stored {self.events_added} new events in {db}"
        )


def ingest(
    inputs: Iterable[str],
    db: str | Path = "dyad.duckdb",
    options: Options | None = None,
    on_item: Callable[[ReadResult], None] | None = None,
) -> IngestReport:
    """Read, code and store documents. Bad documents are skipped and recorded
    (in the report and the store's `rejected` table); the rest are stored."""
    options = options or Options()
    report = IngestReport()
    server = running_server(db)
    if server is not None:
        # `dyad serve` holds the store: it writes what we read (serve/handoff.py).
        log.info("handing documents to the server at %s", server.url)
        return ingest_through_server(read_inputs(inputs, options), server, report, on_item)
    with open_store(db) as store:

        def good() -> Iterator[Article]:
            for item in read_inputs(inputs, options):
                if on_item:
                    on_item(item)
                if isinstance(item, InputError):
                    log.warning("skipped %s", item)
                    report.skipped.append(item)
                    store.reject(item.where, item.problem)
                else:
                    yield item

        ingest_articles(good(), store, options, report)
    return report


def code_stream(articles: Iterable[Article], options: Options, db: str) -> Iterator[CodedArticle]:
    """Coded articles in input order: in this process, in `workers` processes,
    or on a Dask cluster (see dyad.scale)."""
    if options.dask or options.scheduler:
        from dyad.scale.cluster import code_on_cluster, connect

        parts = Path(options.parts or f"{db}.parts")
        with connect(options, options.workers, options.scheduler or None) as client:
            yield from code_on_cluster(articles, options, client, parts)
    elif options.workers > 1:
        from dyad.scale.workers import code_in_processes

        yield from code_in_processes(articles, options, options.workers)
    else:
        yield from get_pipeline(options).code_articles(articles)


def store_batch(store: Store, writes: list[ArticleWrite], report: IngestReport) -> None:
    """Store coded articles in one transaction. Should the store refuse the
    batch, they are stored one by one: only an article it refuses is skipped,
    and recorded with why."""
    try:
        stored = list(zip(writes, store.add_articles(writes), strict=True))
    except StoreError:
        stored = []
        for write in writes:
            origin = write.article.article.origin
            try:
                stored.append((write, store.add_articles([write])[0]))
            except StoreError as exc:
                log.warning("skipped %s: %s", origin, exc)
                report.skipped.append(InputError(origin, str(exc)))
                store.reject(origin, str(exc))
    for write, added in stored:
        log.info("stored %s: %d new events", write.article.article.origin, added)
        report.events_added += added
        report.read += 1
        report.duplicates += write.duplicate_of is not None


def ingest_through_server(
    items: Iterable[ReadResult],
    server: Announcement,
    report: IngestReport,
    on_item: Callable[[ReadResult], None] | None = None,
) -> IngestReport:
    """Send read documents to the server holding the store, in batches; the
    server codes and stores them (and records the ones that could not be read)."""
    unreadable: list[InputError] = []

    def seen(item: ReadResult) -> ReadResult:
        if on_item:
            on_item(item)
        return item

    def rejected(item: InputError) -> None:
        report.skipped.append(item)
        unreadable.append(item)

    def account(answer: dict[str, Any]) -> None:
        report.read += answer["stored_articles"]
        report.events_added += answer["new_events"]
        report.already_stored += answer["already_stored"]
        report.duplicates += answer["duplicates"]
        report.skipped += [InputError(s["where"], s["problem"]) for s in answer["skipped"]]

    for batch in batches((seen(item) for item in items), rejected):
        account(post_articles(server, batch, unreadable))
        unreadable = []
    if unreadable:
        account(post_articles(server, [], unreadable))
    return report


def ingest_articles(
    articles: Iterable[Article],
    store: Store,
    options: Options | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Code and store articles in an open store (what `ingest` does once the
    inputs are read; the server's POST /ingest calls it directly)."""
    options = options or Options()
    report = report or IngestReport()
    duplicates = DuplicateFinder(options.duplicate_threshold)
    duplicates.load(store.signatures(latest=duplicates.window))
    # Ids handed to the coder lately: one text twice in a row is stored once
    # though the first copy may still be in flight (workers) or in `pending`.
    recent: deque[str] = deque()
    recent_ids: set[str] = set()
    pending: list[ArticleWrite] = []

    def fresh() -> Iterator[Article]:
        for chunk in batched(articles, options.store_batch):
            stored = store.stored_articles([article.doc_id for article in chunk])
            for article in chunk:
                if article.doc_id in recent_ids or article.doc_id in stored:
                    report.already_stored += 1
                    continue
                recent.append(article.doc_id)
                recent_ids.add(article.doc_id)
                if len(recent) > RECENT_IDS:
                    recent_ids.discard(recent.popleft())
                yield article

    def flush() -> None:
        store_batch(store, pending, report)
        pending.clear()

    for coded in code_stream(fresh(), options, store.path):
        if coded.skipped:
            problem = InputError(coded.article.article.origin, coded.skipped)
            report.skipped.append(problem)
            store.reject(problem.where, problem.problem)
            continue
        signature = duplicates.signature(coded.article.text)
        original = duplicates.original_of(signature)
        write = ArticleWrite(coded.article, coded.events, coded.coder, original,
                             to_bytes(signature), coded.quotes, coded.tone)  # fmt: skip
        pending.append(write)
        duplicates.add(coded.article.article.doc_id, signature)
        if len(pending) >= options.store_batch:
            flush()
    flush()
    return report
