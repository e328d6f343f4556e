"""RSS and Atom feeds: one article per entry, from its full content where the
feed carries it, else its summary. feedparser does the parsing (it copes with
the many dialects and broken feeds found in the wild)."""

from __future__ import annotations

import calendar
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import feedparser

from dyad.config import Options
from dyad.errors import InputError
from dyad.read.common import content_id, too_large
from dyad.read.html import html_fragment_text
from dyad.records import Article

# "<!ENTITY" as it would be written in the encodings feedparser reads.
_ENTITY_DECLARATIONS = tuple(
    "<!ENTITY".encode(encoding)
    for encoding in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037")
)


def parse_feed(data: bytes, origin: str, options: Options) -> Iterator[Article | InputError]:
    if len(data) > options.max_document_bytes:
        yield InputError(origin, too_large("feed", len(data), options.max_document_bytes))
        return
    if any(declaration in data for declaration in _ENTITY_DECLARATIONS):
        # Entities defined in terms of each other ("billion laughs") expand a
        # kilobyte into gigabytes. feedparser strips such declarations only at the
        # start of a line, and expat's own guard depends on the expat version the
        # system has, so a feed that declares entities is refused outright: news
        # feeds do not need them.
        yield InputError(
            origin, "feed declares XML entities (<!ENTITY>): refused, they can expand without bound"
        )
        return
    # A stream, never the bytes: feedparser.parse(bytes) first tries the bytes as a
    # file name, so a "feed" holding "/etc/passwd" or "/dev/zero" would be read as that file.
    try:
        feed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:
        # feedparser fails in ways of its own: a NUL or a non-UTF-8 byte in the
        # XML declaration's encoding name raised ValueError out of read_inputs.
        yield InputError(
            origin, f"not an RSS or Atom feed ({type(exc).__name__}: {_first_line(exc)})"
        )
        return
    if not feed.get("version"):
        reason = feed.get("bozo_exception")
        detail = f" ({_first_line(reason)})" if reason else ""
        yield InputError(origin, f"not an RSS or Atom feed{detail}")
        return
    if not feed.entries:
        yield InputError(origin, "feed has no entries (no <item> or <entry>)")
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
        # dict.get: FeedParserDict.get("updated_parsed") falls back to
        # "published_parsed", already tried, with a DeprecationWarning.
        parsed = dict.get(entry, key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date()
            except (ValueError, OverflowError, OSError):
                # feedparser parses years 0 and 10000 ("9999-12-31T23:59-12:00" in UTC).
                continue
    return None


def _first_line(reason: object) -> str:
    lines = str(reason).strip().splitlines()
    return lines[0][:200] if lines else type(reason).__name__
