"""Ingesting into a store that `dyad serve` holds.

DuckDB lets one process hold a database file for writing and no other open
it meanwhile. So while a server runs, it is the store's only writer: it
announces itself in `<db>.serve.json` (mode 0600: its URL, process id and a
token made for this run), and `dyad ingest` on the same file, finding the
file locked, hands its documents to the server's POST /ingest in batches
instead of failing with a lock error. The server writes each article with its
events in one transaction, so its readers never see half an article.
"""

from __future__ import annotations

import json
import os
import secrets
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.batches import batched
from dyad.errors import DyadError, InputError
from dyad.read import ReadResult
from dyad.records import Article

BATCH = 20
TIMEOUT_S = 600


@dataclass(frozen=True, slots=True)
class Announcement:
    url: str
    pid: int
    token: str


def announcement_path(db: str | Path) -> Path:
    path = Path(db)
    return path.with_name(path.name + ".serve.json")


def announce(db: str | Path, url: str) -> str:
    """Write the server's announcement; return the token it carries."""
    token = secrets.token_urlsafe(32)
    path = announcement_path(db)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump({"url": url, "pid": os.getpid(), "token": token}, handle)
    return token


def withdraw(db: str | Path, token: str) -> None:
    """Remove the announcement, if it is still this server's."""
    found = read_announcement(db)
    if found is not None and found.token == token:
        announcement_path(db).unlink(missing_ok=True)


def read_announcement(db: str | Path) -> Announcement | None:
    try:
        data = json.loads(announcement_path(db).read_text(encoding="utf-8"))
        return Announcement(str(data["url"]), int(data["pid"]), str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def running_server(db: str | Path) -> Announcement | None:
    """The server holding `db`, if one answers at the announced address."""
    found = read_announcement(db)
    if found is None:
        return None
    try:
        with urllib.request.urlopen(f"{found.url}/openapi.json", timeout=5):
            return found
    except OSError:
        return None


def post_articles(
    server: Announcement,
    articles: list[Article],
    unreadable: list[InputError] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """POST /ingest: the articles to store, and the inputs that could not be read
    (the server records them with the store's other rejects)."""
    documents = [
        {"id": a.doc_id, "text": a.text, "title": a.title, "url": a.url, "source": a.publisher,
         "date": a.date.isoformat() if a.date else None, "origin": a.origin}
        for a in articles
    ]  # fmt: skip
    rejected = [{"where": e.where, "problem": e.problem} for e in unreadable]
    body = json.dumps({"documents": documents, "rejected": rejected}).encode()
    request = urllib.request.Request(
        f"{server.url}/ingest",
        data=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {server.token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]
    except urllib.error.HTTPError as exc:
        message = exc.read().decode("utf-8", "replace")
        raise DyadError(f"the server at {server.url} refused the documents: {message}") from exc
    except OSError as exc:
        raise DyadError(f"the server at {server.url} stopped answering ({exc})") from exc


def batches(
    items: Iterable[ReadResult], on_error: Callable[[InputError], None]
) -> Iterator[list[Article]]:
    """The articles among `items` in batches; the rest go to `on_error` as met."""

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                on_error(item)
            else:
                yield item

    return batched(articles(), BATCH)
