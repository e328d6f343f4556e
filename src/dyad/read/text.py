"""Plain-text articles: an optional headline line and date line, then paragraphs."""

from __future__ import annotations

import re

from dyad.dates import parse_date
from dyad.read.common import content_id
from dyad.records import Article

_MAX_HEADLINE = 200


def parse_text(text: str, origin: str, doc_id: str | None = None) -> Article:
    """Split a headline (a short first line followed by a blank line) and a
    standalone publication-date line from the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    title = None
    if len(lines) > 2 and _looks_like_headline(lines[0]) and not lines[1].strip():
        title = lines[0].strip()
        lines = lines[2:]
    published = None
    head = next((i for i, line in enumerate(lines) if line.strip()), None)
    if head is not None and len(lines[head]) < 60:
        published = parse_date(lines[head].strip())
        if published:
            lines = lines[head + 1 :]
    body = "\n".join(lines).strip()
    return Article(
        doc_id=doc_id or content_id(text),
        text=body,
        title=title,
        date=published,
        origin=origin,
    )


def _looks_like_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= _MAX_HEADLINE and not re.search(r"[.!?:\"”]$", line)
