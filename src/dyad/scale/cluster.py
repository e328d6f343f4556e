"""Coding on a Dask cluster: `dyad ingest --dask --workers N` (a LocalCluster
on loopback) or `--scheduler tcp://HOST:PORT` (an existing one: Slurm via
dask-jobqueue, Kubernetes via dask-kubernetes, ...).

Each task codes one batch on a worker (the spaCy pipeline is loaded once per
worker process) and writes a Parquet part, `part-<hash of the batch>.parquet`,
to a folder every worker and the client can reach. The client loads the parts
in input order into DuckDB, the one writer, idempotently (stored articles are
skipped), and deletes each part once it is loaded. An interrupted run resumes:
batches whose part exists are not coded again, and nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from dyad.batches import batched
from dyad.config import Options
from dyad.errors import DyadError
from dyad.pipeline import CodedArticle
from dyad.records import Article
from dyad.scale.serial import from_json
from dyad.scale.workers import BATCH, code_batch


def part_name(batch: list[Article]) -> str:
    digest = hashlib.sha256("\x1f".join(a.doc_id for a in batch).encode()).hexdigest()[:20]
    return f"part-{digest}.parquet"


def write_part(batch: list[Article], options: Options, path: str) -> str:
    """The task: code a batch and write its part (atomically: a reader never
    finds half a file)."""
    rows = [(i, article.doc_id, coded) for i, (article, coded)
            in enumerate(zip(batch, code_batch(batch, options), strict=True))]  # fmt: skip
    temporary = f"{path}.{os.getpid()}.tmp"
    connection = duckdb.connect()
    try:
        connection.execute("CREATE TABLE part (position INTEGER, doc_id VARCHAR, coded VARCHAR)")
        connection.executemany("INSERT INTO part VALUES (?, ?, ?)", rows)
        connection.execute(f"COPY part TO '{_quoted(temporary)}' (FORMAT PARQUET)")
    finally:
        connection.close()
    os.replace(temporary, path)
    return path


def read_part(path: Path) -> list[CodedArticle]:
    connection = duckdb.connect()
    try:
        rows = connection.execute(
            f"SELECT coded FROM read_parquet('{_quoted(str(path))}') ORDER BY position"
        ).fetchall()
    finally:
        connection.close()
    return [from_json(coded) for (coded,) in rows]


def _quoted(path: str) -> str:
    return path.replace("'", "''")


def connect(options: Options, workers: int, scheduler: str | None) -> Any:
    """A Dask client: to the scheduler given, or to a new LocalCluster on loopback."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DyadError(
            "the Dask cluster needs dask[distributed]: pip install 'dyad[scale]'"
        ) from exc
    # Dask's own progress logs would drown dyad's report.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        return Client(scheduler)  # type: ignore[no-untyped-call]
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    )  # fmt: skip
    return Client(cluster)  # type: ignore[no-untyped-call]


def code_on_cluster(
    articles: Iterable[Article], options: Options, client: Any, parts: Path
) -> Iterator[CodedArticle]:
    """Coded articles in input order, through Parquet parts written by the workers."""
    parts.mkdir(parents=True, exist_ok=True)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window: deque[tuple[Path, Any]] = deque()

    def loaded(path: Path, future: Any) -> list[CodedArticle]:
        if future is not None:
            future.result()  # a worker's error surfaces here
        return read_part(path)

    for batch in batched(articles, BATCH):
        path = parts / part_name(batch)
        # A part left by an interrupted run is loaded, not coded again.
        future = None if path.exists() else client.submit(write_part, batch, options, str(path))
        window.append((path, future))
        if len(window) >= 2 * workers:
            yield from _drain(window, loaded)
    while window:
        yield from _drain(window, loaded)
    if not any(parts.iterdir()):
        parts.rmdir()  # every part was loaded


def _drain(window: deque[tuple[Path, Any]], loaded: Any) -> Iterator[CodedArticle]:
    path, future = window.popleft()
    yield from loaded(path, future)
    path.unlink(missing_ok=True)  # stored by the caller before the next part is read
