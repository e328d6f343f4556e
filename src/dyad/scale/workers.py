"""Coding on several local processes: `dyad ingest --workers N`.

Articles go to the workers in batches; each worker loads the spaCy pipeline
once and codes with the same stage functions as one process; coded articles
come back in input order (as JSON), so the one writer stores exactly what a
single process would. At most two batches per worker are in flight: memory
stays flat however long the input."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context

from dyad.batches import batched
from dyad.config import Options
from dyad.pipeline import CodedArticle
from dyad.records import Article
from dyad.scale.serial import from_json, to_json

BATCH = 64  # articles handed to a worker at a time


def code_batch(articles: list[Article], options: Options) -> list[str]:
    """The stage function a worker runs: clean, parse and code a batch."""
    from dyad.api import get_pipeline  # loaded once per worker process, then cached

    return [to_json(coded) for coded in get_pipeline(options).code_articles(articles)]


def code_in_processes(
    articles: Iterable[Article], options: Options, workers: int
) -> Iterator[CodedArticle]:
    context = get_context("spawn")  # no copy of the parent's open store or threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        window: deque[Future[list[str]]] = deque()
        for batch in batched(articles, BATCH):
            window.append(pool.submit(code_batch, batch, options))
            if len(window) >= 2 * workers:
                yield from map(from_json, window.popleft().result())
        while window:
            yield from map(from_json, window.popleft().result())
