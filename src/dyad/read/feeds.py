"""RSS and Atom feeds: one article per entry, from its full content where the
feed carries it, else its summary. feedparser does the parsing (it copes with
the many dialects and broken feeds found in the wild)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import feedparser

from dyad.config import Options
from dyad.errors import InputError
from dyad.read.common import content_id
from dyad.read.html import html_fragment_text
from dyad.records import Article


def parse_feed(data: bytes, origin: str, options: Options) -> Iterator[Article | InputError]:
    if len(data) > options.max_document_bytes:
        yield InputError(origin, "feed is over the max_document_bytes limit")
        return
    feed = feedparser.parse(data)
    if not feed.get("version") or not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        detail = f" ({reason})" if reason else ""
        yield InputError(origin, f"not an RSS or Atom feed, or a feed with no entries{detail}")
        return
    publisher = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#entry{number}"
        text = html_fragment_text(_body(entry))
        if not text:
            yield InputError(where, "feed entry has no content or summary")
            continue
        yield Article(
            doc_id=str(entry.get("id") or entry.get("link") or content_id(text)),
            text=text,
            title=entry.get("title") or None,
            date=_entry_date(entry),
            url=entry.get("link") or None,
            publisher=publisher,
            origin=where,
        )


def _body(entry: Any) -> str:
    """The fullest text the entry has: content (e.g. content:encoded), else summary."""
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    return str(best if len(best) >= len(summary) else summary)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date()
    return None
